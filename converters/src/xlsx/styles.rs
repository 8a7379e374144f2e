//! The styles part (ECMA-376-1 §18.8): number formats, fonts, fills, borders and the cell
//! formats (cellXfs) that cells refer to, resolved into [`CellStyle`]s; and SpreadsheetML
//! colours (§18.8.3 CT_Color: rgb, theme with tint, indexed).

use std::collections::HashMap;

use crate::docx::theme::Theme;
use crate::dom::{Element, Ns};
use crate::sheet::{
    Alignment, Border, BorderLine, CellStyle, Font, Protection, Underline, VertAlign,
};
use crate::units::Rgb;

/// Bounds on the style tables: Excel itself allows 64000 cell formats.
const MAX_XFS: usize = 200_000;

/// The legacy colour palette of indexed colours 0-63 (§18.8.27 indexedColors, default
/// values); 64 is the system foreground and 65 the system background.
const PALETTE: [u32; 64] = [
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, 0x000000,
    0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, 0x800000, 0x008000,
    0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080, 0x9999FF, 0x993366, 0xFFFFCC,
    0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF, 0x000080, 0xFF00FF, 0xFFFF00, 0x00FFFF,
    0x800080, 0x800000, 0x008080, 0x0000FF, 0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99, 0x99CCFF,
    0xFF99CC, 0xCC99FF, 0xFFCC99, 0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600,
    0x666699, 0x969696, 0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399,
    0x333333,
];

/// What colours resolve against: the theme and the file's own palette, if it has one.
#[derive(Debug, Default, Clone)]
pub struct Colors {
    pub theme: Theme,
    pub palette: Vec<Rgb>,
}

impl Colors {
    /// A colour from CT_Color's attributes; `auto` and system colours give `None` (the
    /// application's default).
    pub fn resolve(
        &self,
        rgb: Option<&str>,
        theme: Option<&str>,
        tint: Option<&str>,
        indexed: Option<&str>,
    ) -> Option<Rgb> {
        let base = if let Some(v) = rgb {
            // ARGB (ST_UnsignedIntHex); the alpha byte is ignored as Excel ignores it.
            let v = v.trim();
            Rgb::parse(v.get(v.len().saturating_sub(6)..)?)?
        } else if let Some(t) = theme.and_then(|t| t.trim().parse::<usize>().ok()) {
            // Theme colour indexes count lt1 before dk1 and lt2 before dk2, unlike the scheme's
            // element order (a long-standing Excel convention LibreOffice follows as well).
            const ORDER: [&str; 12] = [
                "lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5",
                "accent6", "hlink", "folHlink",
            ];
            self.theme.color(ORDER.get(t)?)?
        } else if let Some(i) = indexed.and_then(|i| i.trim().parse::<usize>().ok()) {
            self.indexed(i)?
        } else {
            return None;
        };
        let tint = tint
            .and_then(|t| t.trim().parse::<f64>().ok())
            .unwrap_or(0.0);
        Some(apply_tint(base, tint))
    }

    /// An indexed colour 0-63: the file's palette where it has one, else the default palette.
    pub fn indexed(&self, i: usize) -> Option<Rgb> {
        match self.palette.get(i) {
            Some(c) => Some(*c),
            None => {
                let v = *PALETTE.get(i)?;
                Some(Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8))
            }
        }
    }

    pub fn of(&self, e: &Element) -> Option<Rgb> {
        let a = |n: &str| e.attr(Ns::None, n);
        if a("auto").is_some_and(|v| v == "1" || v == "true") {
            return None;
        }
        self.resolve(a("rgb"), a("theme"), a("tint"), a("indexed"))
    }
}

/// Lightens (tint > 0) or darkens (tint < 0) a colour in HLS space (§18.8.3 tint).
pub fn apply_tint(c: Rgb, tint: f64) -> Rgb {
    if tint == 0.0 || !tint.is_finite() {
        return c;
    }
    let tint = tint.clamp(-1.0, 1.0);
    let (h, s, l) = crate::drawingml::hsl(c);
    let l = if tint < 0.0 {
        l * (1.0 + tint)
    } else {
        l * (1.0 - tint) + tint
    };
    crate::drawingml::from_hsl(h, s, l.clamp(0.0, 1.0))
}

pub(super) fn on(e: &Element) -> bool {
    // CT_BooleanProperty: val defaults to true (§18.8.2 b).
    e.attr(Ns::None, "val")
        .is_none_or(|v| matches!(v.trim(), "1" | "true"))
}

/// A font (§18.8.22) or a rich text run's properties (§18.4.7 rPr), which share their children.
pub fn font(e: &Element, colors: &Colors) -> Font {
    let mut f = Font::default();
    for c in e.elements().filter(|c| c.ns == Ns::X) {
        let val = c.attr(Ns::None, "val");
        match c.name.as_str() {
            "name" | "rFont" => f.name = val.map(str::to_string),
            "sz" => f.size = val.and_then(|v| v.trim().parse().ok()).filter(|s| *s > 0.0),
            "b" => f.bold = on(c),
            "i" => f.italic = on(c),
            "strike" => f.strike = on(c),
            "color" => f.color = colors.of(c),
            "u" => {
                f.underline = match val.unwrap_or("single") {
                    "single" => Some(Underline::Single),
                    "double" => Some(Underline::Double),
                    "singleAccounting" => Some(Underline::SingleAccounting),
                    "doubleAccounting" => Some(Underline::DoubleAccounting),
                    _ => None,
                }
            }
            "vertAlign" => {
                f.vert_align = match val {
                    Some("superscript") => Some(VertAlign::Superscript),
                    Some("subscript") => Some(VertAlign::Subscript),
                    _ => None,
                }
            }
            _ => {}
        }
    }
    f
}

/// The background of a fill (§18.8.20): a solid pattern's foreground colour; other patterns
/// mix foreground and background in the pattern's proportion, and gradients take their first stop.
fn fill(e: &Element, colors: &Colors) -> Option<Rgb> {
    if let Some(p) = e.child(Ns::X, "patternFill") {
        let pattern = p.attr(Ns::None, "patternType").unwrap_or("none");
        // The gray125 pattern is Excel's reserved second fill (§18.8.21), never a visible one.
        if pattern == "gray125" {
            return None;
        }
        let fg = p.child(Ns::X, "fgColor").and_then(|c| colors.of(c));
        let bg = p.child(Ns::X, "bgColor").and_then(|c| colors.of(c));
        return pattern_fill(pattern, fg, bg);
    }
    e.child(Ns::X, "gradientFill")
        .and_then(|g| g.child(Ns::X, "stop"))
        .and_then(|s| s.child(Ns::X, "color"))
        .and_then(|c| colors.of(c))
}

/// The one colour standing for a pattern fill (ST_PatternType, §18.18.55): a solid pattern is
/// its foreground; others mix foreground (default black) and background (default white) in the
/// pattern's proportion, as the grey patterns' names say.
pub fn pattern_fill(pattern: &str, fg: Option<Rgb>, bg: Option<Rgb>) -> Option<Rgb> {
    let share = match pattern {
        "none" => return None,
        "solid" => return fg.or(Some(Rgb(0, 0, 0))),
        "gray0625" => 0.0625,
        "gray125" => 0.125,
        "lightGray" => 0.25,
        "mediumGray" => 0.5,
        "darkGray" => 0.75,
        _ => 0.5,
    };
    let fg = fg.unwrap_or(Rgb(0, 0, 0));
    let bg = bg.unwrap_or(Rgb(255, 255, 255));
    let mix = |a: u8, b: u8| (a as f64 * share + b as f64 * (1.0 - share)).round() as u8;
    Some(Rgb(mix(fg.0, bg.0), mix(fg.1, bg.1), mix(fg.2, bg.2)))
}

pub(super) fn border(e: &Element, colors: &Colors) -> Border {
    let line = |name: &str| {
        let side = e.child(Ns::X, name)?;
        let style = side.attr(Ns::None, "style").filter(|s| *s != "none")?;
        Some(BorderLine {
            style: style.to_string(),
            color: side.child(Ns::X, "color").and_then(|c| colors.of(c)),
        })
    };
    let flag = |name: &str| {
        e.attr(Ns::None, name)
            .is_some_and(|v| matches!(v, "1" | "true"))
    };
    let diagonal = line("diagonal");
    Border {
        // Left-to-right sheets: start and end are left and right (Strict names them so).
        left: line("left").or_else(|| line("start")),
        right: line("right").or_else(|| line("end")),
        top: line("top"),
        bottom: line("bottom"),
        diagonal_down: diagonal.clone().filter(|_| flag("diagonalDown")),
        diagonal_up: diagonal.filter(|_| flag("diagonalUp")),
    }
}

fn alignment(e: &Element) -> Alignment {
    let a = |n: &str| e.attr(Ns::None, n);
    let num = |n: &str| a(n).and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(0);
    Alignment {
        horizontal: a("horizontal")
            .filter(|h| *h != "general")
            .map(str::to_string),
        vertical: a("vertical").map(str::to_string),
        wrap: a("wrapText").is_some_and(|v| matches!(v, "1" | "true")),
        shrink: a("shrinkToFit").is_some_and(|v| matches!(v, "1" | "true")),
        rotation: num("textRotation").min(255),
        indent: num("indent").min(250),
    }
}

/// Reads styles.xml into cell formats; the first is the default. A workbook without styles
/// gets one default format.
pub fn read(root: &Element, colors: &Colors) -> Vec<CellStyle> {
    let mut formats: HashMap<u32, String> = HashMap::new();
    if let Some(n) = root.child(Ns::X, "numFmts") {
        for f in n.children_named(Ns::X, "numFmt") {
            if let (Some(id), Some(code)) = (
                f.attr(Ns::None, "numFmtId")
                    .and_then(|v| v.trim().parse().ok()),
                f.attr(Ns::None, "formatCode"),
            ) {
                formats.insert(id, code.to_string());
            }
        }
    }
    fn list<'a>(root: &'a Element, name: &str, item: &'static str) -> Vec<&'a Element> {
        root.child(Ns::X, name)
            .map(|l| l.children_named(Ns::X, item).take(MAX_XFS).collect())
            .unwrap_or_default()
    }
    let fonts: Vec<Font> = list(root, "fonts", "font")
        .into_iter()
        .map(|f| font(f, colors))
        .collect();
    let fills: Vec<Option<Rgb>> = list(root, "fills", "fill")
        .into_iter()
        .map(|f| fill(f, colors))
        .collect();
    let borders: Vec<Border> = list(root, "borders", "border")
        .into_iter()
        .map(|b| border(b, colors))
        .collect();
    let mut styles: Vec<CellStyle> = list(root, "cellXfs", "xf")
        .into_iter()
        .map(|xf| {
            let idx = |n: &str| {
                xf.attr(Ns::None, n)
                    .and_then(|v| v.trim().parse::<usize>().ok())
            };
            let num_fmt_id = idx("numFmtId").unwrap_or(0) as u32;
            let num_fmt = formats
                .get(&num_fmt_id)
                .cloned()
                .or_else(|| crate::numfmt::builtin(num_fmt_id).map(str::to_string))
                .unwrap_or_else(|| "General".to_string());
            let protection = xf.child(Ns::X, "protection").map(|p| {
                let flag = |n: &str, default: bool| {
                    p.attr(Ns::None, n)
                        .map_or(default, |v| matches!(v, "1" | "true"))
                };
                Protection {
                    locked: flag("locked", true),
                    hidden: flag("hidden", false),
                }
            });
            CellStyle {
                num_fmt_id,
                num_fmt,
                font: idx("fontId")
                    .and_then(|i| fonts.get(i))
                    .or(fonts.first())
                    .cloned()
                    .unwrap_or_default(),
                fill: idx("fillId").and_then(|i| fills.get(i).copied().flatten()),
                border: idx("borderId")
                    .and_then(|i| borders.get(i))
                    .cloned()
                    .unwrap_or_default(),
                alignment: xf
                    .child(Ns::X, "alignment")
                    .map(alignment)
                    .unwrap_or_default(),
                protection: protection.unwrap_or_default(),
            }
        })
        .collect();
    if styles.is_empty() {
        styles.push(CellStyle {
            num_fmt: "General".into(),
            font: fonts.first().cloned().unwrap_or_default(),
            ..CellStyle::default()
        });
    }
    styles
}

/// The file's own palette (§18.8.27 colors/indexedColors), if it replaces the default one.
pub fn palette(root: &Element) -> Vec<Rgb> {
    root.child(Ns::X, "colors")
        .and_then(|c| c.child(Ns::X, "indexedColors"))
        .map(|ic| {
            ic.children_named(Ns::X, "rgbColor")
                .take(64)
                .filter_map(|c| {
                    let v = c.attr(Ns::None, "rgb")?.trim();
                    Rgb::parse(v.get(v.len().saturating_sub(6)..)?)
                })
                .collect()
        })
        .unwrap_or_default()
}
