//! Run and paragraph properties as ODF formatting attributes (ODF 1.3 §20: fo:, style:).

use crate::text::{Align, Border, LineSpacing, ParaProps, RunProps, Underline};
use crate::units::{Twips, percent, pt};

use super::fonts::FontTable;

pub type AttrList = Vec<(&'static str, String)>;

/// `0.5pt solid #000000` (ODF 1.3 §20.176 fo:border).
pub fn border(b: &Option<Border>) -> Option<String> {
    let b = b.as_ref()?;
    if b.eighths == 0 {
        return Some("none".to_string());
    }
    let width = b.eighths as f64 / 8.0;
    let color = b.color.map_or("#000000".to_string(), |c| c.odf());
    let style = if b.double { "double" } else { "solid" };
    let width = if b.double { width * 3.0 } else { width };
    Some(format!("{} {style} {color}", pt(width)))
}

pub fn text_attrs(p: &RunProps, fonts: &mut FontTable) -> AttrList {
    let mut a: AttrList = Vec::new();
    let on = |v: Option<bool>, yes: &str, no: &str| v.map(|b| if b { yes } else { no }.to_string());
    if let Some(f) = &p.font {
        a.push(("style:font-name", fonts.name(f)));
    }
    if let Some(s) = p.size {
        a.push(("fo:font-size", pt(s.clamp(1, 3276) as f64 / 2.0)));
    }
    if let Some(v) = p.spacing {
        a.push(("fo:letter-spacing", Twips(v).odf()));
    }
    // ODF 1.3 §20.370 style:text-combine: two lines in one, with optional brackets.
    match p.combine {
        Some(true) => {
            a.push(("style:text-combine", "lines".into()));
            if let Some([start, end]) = p.combine_brackets {
                a.push(("style:text-combine-start-char", start.to_string()));
                a.push(("style:text-combine-end-char", end.to_string()));
            }
        }
        Some(false) => a.push(("style:text-combine", "none".into())),
        None => {}
    }
    // ODF 1.3 §20.393 style:text-scale: the characters' width in percent.
    if let Some(v) = p.scale {
        a.push(("style:text-scale", format!("{v}%")));
    }
    if let Some(v) = on(p.small_caps, "small-caps", "normal") {
        a.push(("fo:font-variant", v));
    }
    if let Some(v) = on(p.caps, "uppercase", "none") {
        a.push(("fo:text-transform", v));
    }
    if let Some(c) = p.color {
        a.push(("fo:color", c.odf()));
    }
    if let Some(lang) = &p.lang {
        let mut parts = lang.split(['-', '_']);
        if let Some(l) = parts.next().filter(|l| l.len() == 2 || l.len() == 3) {
            a.push(("fo:language", l.to_ascii_lowercase()));
            if let Some(c) = parts.next().filter(|c| c.len() == 2) {
                a.push(("fo:country", c.to_ascii_uppercase()));
            }
        }
    }
    if let Some(v) = on(p.italic, "italic", "normal") {
        a.push(("fo:font-style", v));
    }
    if let Some(bg) = p.highlight.or(p.shading) {
        a.push(("fo:background-color", bg.odf()));
    }
    if let Some(u) = p.underline {
        let (style, double, bold, words) = match u {
            Underline::None => ("none", false, false, false),
            Underline::Single => ("solid", false, false, false),
            Underline::Double => ("solid", true, false, false),
            Underline::Dotted => ("dotted", false, false, false),
            Underline::Dashed => ("dash", false, false, false),
            Underline::Wave => ("wave", false, false, false),
            Underline::Thick => ("solid", false, true, false),
            Underline::Words => ("solid", false, false, true),
        };
        a.push(("style:text-underline-style", style.to_string()));
        if style != "none" {
            a.push((
                "style:text-underline-width",
                if bold { "bold" } else { "auto" }.into(),
            ));
            a.push(("style:text-underline-color", "font-color".into()));
        }
        if double {
            a.push(("style:text-underline-type", "double".into()));
        }
        if words {
            a.push(("style:text-underline-mode", "skip-white-space".into()));
        }
    }
    match (p.strike, p.double_strike) {
        (_, Some(true)) => {
            a.push(("style:text-line-through-style", "solid".into()));
            a.push(("style:text-line-through-type", "double".into()));
        }
        (Some(true), _) => a.push(("style:text-line-through-style", "solid".into())),
        (Some(false), _) | (_, Some(false)) => {
            a.push(("style:text-line-through-style", "none".into()))
        }
        _ => {}
    }
    match (p.superscript, p.subscript) {
        (Some(true), _) => a.push(("style:text-position", "super 58%".into())),
        (_, Some(true)) => a.push(("style:text-position", "sub 58%".into())),
        (Some(false), Some(false)) => a.push(("style:text-position", "0% 100%".into())),
        _ => {
            if let Some(v) = p.raise {
                a.push(("style:text-position", format!("{v}% 100%")));
            }
        }
    }
    if let Some(f) = &p.font_east_asia {
        a.push(("style:font-name-asian", fonts.name(f)));
    }
    if let Some(s) = p.size {
        a.push(("style:font-size-asian", pt(s.clamp(1, 3276) as f64 / 2.0)));
    }
    if let Some(v) = on(p.italic, "italic", "normal") {
        a.push(("style:font-style-asian", v.clone()));
        a.push(("style:font-style-complex", v));
    }
    if let Some(v) = on(p.bold, "bold", "normal") {
        a.push(("style:font-weight-asian", v));
    }
    if let Some(f) = &p.font_cs {
        a.push(("style:font-name-complex", fonts.name(f)));
    }
    if let Some(s) = p.size_cs.or(p.size) {
        a.push(("style:font-size-complex", pt(s.clamp(1, 3276) as f64 / 2.0)));
    }
    if let Some(v) = on(p.bold, "bold", "normal") {
        a.push(("fo:font-weight", v.clone()));
        a.push(("style:font-weight-complex", v));
    }
    if let Some(true) = p.hidden {
        a.push(("text:display", "none".into()));
    }
    // ODF requires attributes in no particular order, but keep them deterministic and unique.
    a.sort_by(|x, y| x.0.cmp(y.0));
    a.dedup_by(|x, y| x.0 == y.0);
    a
}

/// LibreOffice reads the spacing above and below (with contextual spacing) and the three
/// indents as two groups: a group given only in part takes zero for the rest instead of the
/// parent style's values. Word inherits each value on its own, so a partly given group is
/// completed here from `base`, the effective properties the paragraph or style inherits.
pub fn complete_groups(p: &mut ParaProps, base: &ParaProps) {
    let zero = Some(Twips(0));
    if p.space_before.is_some() || p.space_after.is_some() || p.contextual_spacing.is_some() {
        p.space_before = p.space_before.or(base.space_before).or(zero);
        p.space_after = p.space_after.or(base.space_after).or(zero);
        p.contextual_spacing = p.contextual_spacing.or(base.contextual_spacing);
    }
    if p.indent_left.is_some() || p.indent_right.is_some() || p.indent_first.is_some() {
        p.indent_left = p.indent_left.or(base.indent_left).or(zero);
        p.indent_right = p.indent_right.or(base.indent_right).or(zero);
        p.indent_first = p.indent_first.or(base.indent_first).or(zero);
    }
}

/// The side a paragraph is aligned to, as LibreOffice's import places it: in a right-to-left
/// paragraph Word's start (also Transitional `left`, and no alignment at all) is the right side
/// and its end the left (ECMA-376-1 §17.3.1.13 jc, §17.3.1.6 bidi). LibreOffice reads
/// fo:text-align `start`/`end` as the left/right sides whatever the writing mode, so right-to-
/// left paragraphs name the side (`left`/`right`, which are sides in any reading of ODF).
fn side(bidi: Option<bool>, align: Option<Align>) -> Option<Align> {
    if bidi != Some(true) {
        return align;
    }
    Some(match align {
        None | Some(Align::Start | Align::Left) => Align::Right,
        Some(Align::End | Align::Right) => Align::Left,
        Some(a) => a,
    })
}

/// Writes the alignment `p` resolves to, given `base`, the effective properties it inherits
/// (whose style already carries its own resolved side), wherever the two differ.
pub fn resolve_align(p: &mut ParaProps, base: &ParaProps) {
    let own = side(p.bidi.or(base.bidi), p.align.or(base.align));
    let inherited = side(base.bidi, base.align);
    if p.align.is_some() || own != inherited {
        p.align = Some(own.unwrap_or(Align::Start));
    }
}

pub fn para_attrs(p: &ParaProps) -> AttrList {
    let mut a: AttrList = Vec::new();
    if let Some(al) = p.align {
        a.push((
            "fo:text-align",
            match al {
                Align::Start => "start",
                Align::Center => "center",
                Align::End => "end",
                Align::Justify => "justify",
                Align::Left => "left",
                Align::Right => "right",
            }
            .into(),
        ));
    }
    // Word's left/right indents are start/end: in a right-to-left paragraph "left" is the
    // right side (ECMA-376-1 §17.3.1.12), while fo:margin-left is always the left.
    let (start, end) = if p.bidi == Some(true) {
        ("fo:margin-right", "fo:margin-left")
    } else {
        ("fo:margin-left", "fo:margin-right")
    };
    if let Some(v) = p.indent_left {
        a.push((start, v.odf()));
    }
    if let Some(v) = p.indent_right {
        a.push((end, v.odf()));
    }
    if let Some(v) = p.indent_first {
        a.push(("fo:text-indent", v.odf()));
    }
    if let Some(v) = p.space_before {
        a.push(("fo:margin-top", Twips(v.0.max(0)).odf()));
    }
    if let Some(v) = p.space_after {
        a.push(("fo:margin-bottom", Twips(v.0.max(0)).odf()));
    }
    match p.line {
        Some(LineSpacing::Auto(n)) => a.push((
            "fo:line-height",
            percent((n.clamp(1, 240 * 100) as f64) / 2.4),
        )),
        Some(LineSpacing::Exact(t)) => a.push(("fo:line-height", Twips(t.0.max(1)).odf())),
        Some(LineSpacing::AtLeast(t)) => {
            a.push(("style:line-height-at-least", Twips(t.0.max(0)).odf()))
        }
        None => {}
    }
    if let Some(k) = p.keep_next {
        a.push((
            "fo:keep-with-next",
            if k { "always" } else { "auto" }.into(),
        ));
    }
    if let Some(k) = p.keep_lines {
        a.push(("fo:keep-together", if k { "always" } else { "auto" }.into()));
    }
    if let Some(w) = p.widow {
        let n = if w { "2" } else { "0" };
        a.push(("fo:widows", n.into()));
        a.push(("fo:orphans", n.into()));
    }
    if p.page_break_before == Some(true) {
        a.push(("fo:break-before", "page".into()));
    } else if p.column_break_before == Some(true) {
        a.push(("fo:break-before", "column".into()));
    }
    if let Some(n) = p.page_number {
        a.push(("style:page-number", n.clamp(0, 1_000_000).to_string()));
    }
    if let Some(c) = p.shading {
        a.push(("fo:background-color", c.odf()));
    }
    if let Some(b) = &p.borders {
        let names = [
            ("fo:border-top", "fo:padding-top"),
            ("fo:border-bottom", "fo:padding-bottom"),
            ("fo:border-left", "fo:padding-left"),
            ("fo:border-right", "fo:padding-right"),
        ];
        for (side, (bname, pname)) in b.iter().zip(names) {
            if let Some(s) = border(side) {
                a.push((bname, s));
                if let Some(bb) = side {
                    a.push((pname, pt(bb.space.clamp(0, 31) as f64)));
                }
            }
        }
    }
    if let Some(c) = p.contextual_spacing {
        a.push(("style:contextual-spacing", c.to_string()));
    }
    if let Some(bidi) = p.bidi {
        a.push((
            "style:writing-mode",
            if bidi { "rl-tb" } else { "lr-tb" }.into(),
        ));
    }
    a
}
