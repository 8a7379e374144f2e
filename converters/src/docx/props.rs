//! `w:rPr` and `w:pPr` (ECMA-376-1 §17.3.2, §17.3.1) into [`RunProps`] and [`ParaProps`].

use crate::dom::{Element, Ns};
use crate::text::{Align, Border, LineSpacing, ParaProps, RunProps, TabStop, Underline};
use crate::units::{Rgb, Twips};

use super::theme::Theme;

/// ST_OnOff: absent `w:val` means on; "0", "false", "off" mean off.
pub fn on_off(e: &Element) -> bool {
    !matches!(e.w("val"), Some("0" | "false" | "off" | "none"))
}

pub fn twips_attr(e: &Element, name: &str) -> Option<Twips> {
    let v = e.w(name)?;
    // Values may be written with a unit suffix in Strict (ST_TwipsMeasure / ST_UniversalMeasure).
    parse_measure(v)
}

/// A twips number, or a universal measure like `12pt`, `1in`, `2.5cm`, `10mm`.
pub fn parse_measure(v: &str) -> Option<Twips> {
    let v = v.trim();
    if let Ok(n) = v.parse::<i64>() {
        return Some(Twips(n));
    }
    if let Ok(f) = v.parse::<f64>() {
        return Some(Twips(f.round() as i64));
    }
    let split = v.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, unit) = v.split_at(split);
    let n: f64 = num.trim().parse().ok()?;
    let tw = match unit {
        "pt" => n * 20.0,
        "in" => n * 1440.0,
        "cm" => n * 1440.0 / 2.54,
        "mm" => n * 144.0 / 2.54,
        "pc" | "pi" => n * 240.0,
        _ => return None,
    };
    Some(Twips(tw.round() as i64))
}

fn int_attr(e: &Element, name: &str) -> Option<i64> {
    e.w(name)?.trim().parse().ok()
}

/// Highlight colour names (ST_HighlightColor) as RGB.
fn highlight(name: &str) -> Option<Rgb> {
    Some(match name {
        "yellow" => Rgb(255, 255, 0),
        "green" => Rgb(0, 255, 0),
        "cyan" => Rgb(0, 255, 255),
        "magenta" => Rgb(255, 0, 255),
        "blue" => Rgb(0, 0, 255),
        "red" => Rgb(255, 0, 0),
        "darkBlue" => Rgb(0, 0, 128),
        "darkCyan" => Rgb(0, 128, 128),
        "darkGreen" => Rgb(0, 128, 0),
        "darkMagenta" => Rgb(128, 0, 128),
        "darkRed" => Rgb(128, 0, 0),
        "darkYellow" => Rgb(128, 128, 0),
        "darkGray" => Rgb(128, 128, 128),
        "lightGray" => Rgb(192, 192, 192),
        "black" => Rgb(0, 0, 0),
        "white" => Rgb(255, 255, 255),
        _ => return None,
    })
}

/// A colour attribute with its theme reference resolved (ECMA-376-1 §17.3.2.6).
pub fn color(e: &Element, theme: &Theme, val: &str) -> Option<Rgb> {
    if let Some(name) = e.w("themeColor")
        && let Some(mut c) = theme.color(name)
    {
        if let Some(t) = e
            .w("themeTint")
            .and_then(|v| u8::from_str_radix(v, 16).ok())
        {
            c = c.tinted(f64::from(t) / 255.0);
        }
        if let Some(s) = e
            .w("themeShade")
            .and_then(|v| u8::from_str_radix(v, 16).ok())
        {
            c = c.shaded(f64::from(s) / 255.0);
        }
        return Some(c);
    }
    e.w(val).and_then(Rgb::parse)
}

fn shading(e: &Element, theme: &Theme) -> Option<Rgb> {
    // Only a solid fill is carried; patterns (w:val other than clear/solid) keep their fill.
    let fill = color(e, theme, "fill").or_else(|| e.w("themeFill").and_then(|t| theme.color(t)))?;
    Some(fill)
}

pub fn border(e: &Element, theme: &Theme) -> Option<Border> {
    let val = e.w("val").unwrap_or("single");
    if matches!(val, "nil" | "none") {
        return Some(Border {
            eighths: 0,
            double: false,
            color: None,
            space: 0,
        });
    }
    Some(Border {
        eighths: int_attr(e, "sz").unwrap_or(4).max(2),
        double: val.contains("double") || val.contains("triple"),
        color: color(e, theme, "color"),
        space: int_attr(e, "space").unwrap_or(0),
    })
}

/// Reads `w:rPr`.
pub fn run_props(rpr: &Element, theme: &Theme) -> RunProps {
    let mut p = RunProps::default();
    for e in rpr.elements().filter(|e| e.ns == Ns::W) {
        match e.name.as_str() {
            "b" => p.bold = Some(on_off(e)),
            "i" => p.italic = Some(on_off(e)),
            "strike" => p.strike = Some(on_off(e)),
            "dstrike" => p.double_strike = Some(on_off(e)),
            "caps" => p.caps = Some(on_off(e)),
            "smallCaps" => p.small_caps = Some(on_off(e)),
            "vanish" | "specVanish" => p.hidden = Some(on_off(e)),
            "u" => {
                p.underline = Some(match e.w("val").unwrap_or("single") {
                    "none" => Underline::None,
                    "double" => Underline::Double,
                    "dotted" | "dottedHeavy" => Underline::Dotted,
                    "dash" | "dashedHeavy" | "dashLong" | "dashLongHeavy" | "dotDash"
                    | "dotDotDash" | "dashDotHeavy" | "dashDotDotHeavy" => Underline::Dashed,
                    "wave" | "wavyHeavy" | "wavyDouble" => Underline::Wave,
                    "thick" => Underline::Thick,
                    "words" => Underline::Words,
                    _ => Underline::Single,
                })
            }
            "vertAlign" => match e.w("val") {
                Some("superscript") => {
                    p.superscript = Some(true);
                    p.subscript = Some(false);
                }
                Some("subscript") => {
                    p.subscript = Some(true);
                    p.superscript = Some(false);
                }
                _ => {
                    p.superscript = Some(false);
                    p.subscript = Some(false);
                }
            },
            "sz" => p.size = int_attr(e, "val"),
            "szCs" => p.size_cs = int_attr(e, "val"),
            "color" => p.color = color(e, theme, "val"),
            "highlight" => p.highlight = e.w("val").and_then(highlight),
            "shd" => p.shading = shading(e, theme),
            "rFonts" => {
                let pick = |direct: &str, themed: &str| {
                    e.w(direct)
                        .map(str::to_string)
                        .or_else(|| e.w(themed).and_then(|t| theme.font(t)))
                };
                p.font = pick("ascii", "asciiTheme").or_else(|| pick("hAnsi", "hAnsiTheme"));
                p.font_east_asia = pick("eastAsia", "eastAsiaTheme");
                p.font_cs = pick("cs", "cstheme");
            }
            "spacing" => p.spacing = int_attr(e, "val"),
            "position" => p.position = int_attr(e, "val"),
            // ECMA-376-1 §17.3.2.10 eastAsianLayout: w:combine shows the run as two lines in
            // one, w:combineBrackets puts brackets around them.
            "eastAsianLayout" => {
                if let Some(v) = e.w("combine") {
                    p.combine = Some(matches!(v, "1" | "true" | "on"));
                    p.combine_brackets = match e.w("combineBrackets") {
                        Some("round") => Some(['(', ')']),
                        Some("square") => Some(['[', ']']),
                        Some("angle") => Some(['<', '>']),
                        Some("curly") => Some(['{', '}']),
                        _ => None,
                    };
                }
            }
            // ECMA-376-1 §17.3.2.43 w:w: a percentage, 1 to 600 (Strict writes "150%").
            "w" => {
                p.scale = e
                    .w("val")
                    .and_then(|v| v.trim().trim_end_matches('%').parse::<i64>().ok())
                    .filter(|v| *v > 0)
                    .map(|v| v.min(600))
            }
            "lang" => p.lang = e.w("val").map(str::to_string),
            _ => {}
        }
    }
    p
}

/// Reads `w:pPr` (without its numbering, which the caller takes). `html_auto_spacing` is false
/// when the settings carry w:doNotUseHTMLParagraphAutoSpacing: automatic spacing then falls
/// back to the explicit values (ECMA-376-1 §17.15.3.13).
pub fn para_props(ppr: &Element, theme: &Theme, html_auto_spacing: bool) -> ParaProps {
    let mut p = ParaProps::default();
    for e in ppr.elements().filter(|e| e.ns == Ns::W) {
        match e.name.as_str() {
            "jc" => {
                p.align = match e.w("val") {
                    Some("center") => Some(Align::Center),
                    // Transitional `left`/`right` name the paragraph's start and end, not sides
                    // of the page: in a right-to-left paragraph `left` is the right side, as
                    // Word shows it and LibreOffice's import reads it; the ODF writer turns the
                    // resolved direction into sides.
                    Some("end" | "right") => Some(Align::End),
                    Some("both" | "distribute" | "thaiDistribute") => Some(Align::Justify),
                    // Kashida justification has no ODF equivalent; LibreOffice's import aligns
                    // such paragraphs to their start (justified Arabic would get LibreOffice's
                    // own kashidas, which the author did not choose).
                    Some("start" | "left" | "lowKashida" | "mediumKashida" | "highKashida") => {
                        Some(Align::Start)
                    }
                    _ => None,
                }
            }
            "ind" => {
                if let Some(v) = twips_attr(e, "left").or_else(|| twips_attr(e, "start")) {
                    p.indent_left = Some(v);
                }
                if let Some(v) = twips_attr(e, "right").or_else(|| twips_attr(e, "end")) {
                    p.indent_right = Some(v);
                }
                if let Some(v) = twips_attr(e, "hanging") {
                    p.indent_first = Some(Twips(-v.0));
                } else if let Some(v) = twips_attr(e, "firstLine") {
                    p.indent_first = Some(v);
                }
            }
            "spacing" => {
                // Automatic spacing (HTML-like) is 14pt before/after in Word.
                let auto = |name: &str| {
                    html_auto_spacing && e.w(name).is_some_and(|v| v != "0" && v != "false")
                };
                if auto("beforeAutospacing") {
                    p.space_before = Some(Twips(280));
                    p.before_auto = Some(true);
                } else if let Some(v) = twips_attr(e, "before") {
                    p.space_before = Some(v);
                    p.before_auto = Some(false);
                }
                if auto("afterAutospacing") {
                    p.space_after = Some(Twips(280));
                    p.after_auto = Some(true);
                } else if let Some(v) = twips_attr(e, "after") {
                    p.space_after = Some(v);
                    p.after_auto = Some(false);
                }
                if let Some(line) = int_attr(e, "line") {
                    p.line = Some(match e.w("lineRule") {
                        Some("exact") => LineSpacing::Exact(Twips(line.abs())),
                        Some("atLeast") => LineSpacing::AtLeast(Twips(line)),
                        _ => LineSpacing::Auto(line),
                    });
                }
            }
            "keepNext" => p.keep_next = Some(on_off(e)),
            "keepLines" => p.keep_lines = Some(on_off(e)),
            "widowControl" => p.widow = Some(on_off(e)),
            "pageBreakBefore" => p.page_break_before = Some(on_off(e)),
            "contextualSpacing" => p.contextual_spacing = Some(on_off(e)),
            "bidi" => p.bidi = Some(on_off(e)),
            "shd" => p.shading = shading(e, theme),
            "tabs" => {
                let mut tabs = Vec::new();
                for t in e.children_named(Ns::W, "tab") {
                    let kind = match t.w("val") {
                        Some("center") => 'C',
                        Some("right" | "end") => 'R',
                        Some("decimal") => 'D',
                        Some("clear") => continue,
                        _ => 'L',
                    };
                    let leader = match t.w("leader") {
                        Some("dot") => Some('.'),
                        Some("hyphen") => Some('-'),
                        Some("underscore" | "heavy") => Some('_'),
                        Some("middleDot") => Some('·'),
                        _ => None,
                    };
                    if let Some(pos) = twips_attr(t, "pos") {
                        tabs.push(TabStop { pos, kind, leader });
                    }
                }
                tabs.sort_by_key(|t| t.pos);
                p.tabs = Some(tabs);
            }
            "pBdr" => {
                let side = |n: &str| e.child(Ns::W, n).and_then(|b| border(b, theme));
                p.borders = Some([side("top"), side("bottom"), side("left"), side("right")]);
            }
            _ => {}
        }
    }
    p
}
