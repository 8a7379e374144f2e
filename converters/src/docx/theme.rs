//! The DrawingML theme (ECMA-376-1 §20.1.6): its colour scheme and major/minor fonts, which
//! WordprocessingML refers to by name (w:themeColor, w:asciiTheme).

use std::collections::HashMap;

use crate::dom::{Element, Ns};
use crate::units::Rgb;

#[derive(Debug, Default, Clone)]
pub struct Theme {
    colors: HashMap<String, Rgb>,
    major: [Option<String>; 3],
    minor: [Option<String>; 3],
}

impl Theme {
    pub fn parse(root: &Element) -> Theme {
        let mut t = Theme::default();
        if let Some(scheme) = root.find(Ns::A, "clrScheme") {
            for c in scheme.elements() {
                let rgb = c
                    .child(Ns::A, "srgbClr")
                    .and_then(|s| s.attr(Ns::None, "val"))
                    .and_then(Rgb::parse)
                    .or_else(|| {
                        c.child(Ns::A, "sysClr")
                            .and_then(|s| s.attr(Ns::None, "lastClr"))
                            .and_then(Rgb::parse)
                    });
                if let Some(rgb) = rgb {
                    t.colors.insert(c.name.to_string(), rgb);
                }
            }
        }
        if let Some(fonts) = root.find(Ns::A, "fontScheme") {
            let read = |name: &str| -> [Option<String>; 3] {
                let f = fonts.child(Ns::A, name);
                let face = |script: &str| {
                    f.and_then(|f| f.child(Ns::A, script))
                        .and_then(|e| e.attr(Ns::None, "typeface"))
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                };
                [face("latin"), face("ea"), face("cs")]
            };
            t.major = read("majorFont");
            t.minor = read("minorFont");
        }
        t
    }

    /// A w:themeColor name (ST_ThemeColor) as RGB.
    pub fn color(&self, name: &str) -> Option<Rgb> {
        let key = match name {
            "dark1" | "text1" | "tx1" => "dk1",
            "light1" | "background1" | "bg1" => "lt1",
            "dark2" | "text2" | "tx2" => "dk2",
            "light2" | "background2" | "bg2" => "lt2",
            "hyperlink" => "hlink",
            "followedHyperlink" => "folHlink",
            other => other,
        };
        self.colors.get(key).copied()
    }

    /// A theme font reference (ST_Theme: majorHAnsi, minorEastAsia, ...).
    pub fn font(&self, name: &str) -> Option<String> {
        let set = if name.starts_with("major") {
            &self.major
        } else {
            &self.minor
        };
        let i = if name.ends_with("EastAsia") {
            1
        } else if name.ends_with("Bidi") {
            2
        } else {
            0
        };
        set[i].clone().or_else(|| set[0].clone())
    }
}
