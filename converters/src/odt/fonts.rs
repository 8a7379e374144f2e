//! Font declarations (ODF 1.3 §16.23 style:font-face) and the metric-compatible substitutes that
//! keep a migrated document's line and page breaks.

use std::collections::BTreeMap;

use crate::findings::{FindingKind, Findings};
use crate::odf::XmlWriter;

/// Fonts with a free metric-compatible twin that LibreOffice installs and picks by fontconfig.
const SUBSTITUTES: [(&str, &str); 8] = [
    ("Calibri", "Carlito"),
    ("Cambria", "Caladea"),
    ("Arial", "Liberation Sans"),
    ("Times New Roman", "Liberation Serif"),
    ("Courier New", "Liberation Mono"),
    ("Helvetica", "Liberation Sans"),
    ("Times", "Liberation Serif"),
    ("Arial Narrow", "Liberation Sans Narrow"),
];

/// Fonts that a Linux desktop with LibreOffice has as they are.
const PRESENT: [&str; 14] = [
    "Carlito",
    "Caladea",
    "Liberation Sans",
    "Liberation Serif",
    "Liberation Mono",
    "Liberation Sans Narrow",
    "DejaVu Sans",
    "DejaVu Serif",
    "DejaVu Sans Mono",
    "OpenSymbol",
    "Symbol",
    "Wingdings",
    "Noto Sans",
    "Noto Serif",
];

#[derive(Debug, Default)]
pub struct FontTable {
    /// Font family → declared face name.
    fonts: BTreeMap<String, String>,
}

impl FontTable {
    /// The face name to reference for a font family, declaring it on first use.
    pub fn name(&mut self, family: &str) -> String {
        let family = family.trim();
        if let Some(n) = self.fonts.get(family) {
            return n.clone();
        }
        self.fonts.insert(family.to_string(), family.to_string());
        family.to_string()
    }

    /// Records a finding per font: substituted (info) or without a free twin (warning).
    pub fn findings(&self, findings: &mut Findings) {
        for family in self.fonts.keys() {
            if let Some((_, sub)) = SUBSTITUTES
                .iter()
                .find(|(f, _)| f.eq_ignore_ascii_case(family))
            {
                findings.add(
                    FindingKind::FontSubstitute {
                        font: family.clone(),
                        substitute: sub.to_string(),
                    },
                    None,
                );
            } else if !PRESENT.iter().any(|p| p.eq_ignore_ascii_case(family)) {
                findings.add(
                    FindingKind::FontMissing {
                        font: family.clone(),
                    },
                    None,
                );
            }
        }
    }

    pub fn write(&self, x: &mut XmlWriter) {
        x.start("office:font-face-decls", &[]);
        for (family, name) in &self.fonts {
            // svg:font-family takes a CSS-like family list; quote names with spaces.
            let css = if family.contains(' ') {
                format!("'{family}'")
            } else {
                family.clone()
            };
            let mut attrs = vec![
                ("style:name", name.as_str()),
                ("svg:font-family", css.as_str()),
            ];
            // ODF 1.3 style:font-charset (on style:font-face): symbol fonts address their glyphs through the
            // private use area (F020-F0FF), which LibreOffice recodes for them.
            if is_symbol_font(family) {
                attrs.push(("style:font-charset", "x-symbol"));
            }
            x.empty("style:font-face", &attrs);
        }
        x.end("office:font-face-decls");
    }
}

/// The symbol fonts whose private-use characters LibreOffice recodes for display.
pub fn is_symbol_font(font: &str) -> bool {
    let f = font.to_ascii_lowercase();
    f == "symbol" || f == "mt extra" || f.starts_with("wingdings") || f.starts_with("webdings")
}
