//! `numbering.xml` (ECMA-376-1 §17.9): abstract numberings, numbering instances and their level
//! overrides, resolved into one [`List`] per w:num.

use std::collections::HashMap;

use crate::dom::{Element, Ns};
use crate::text::{List, ListLevel, NumFormat, TextDocument};
use crate::units::Twips;

use super::props::{run_props, twips_attr};
use super::theme::Theme;

fn level(l: &Element, theme: &Theme) -> ListLevel {
    let val = |name: &str| l.child(Ns::W, name).and_then(|e| e.w("val"));
    let text = val("lvlText").unwrap_or("").to_string();
    let format = match val("numFmt").unwrap_or("decimal") {
        "lowerLetter" => NumFormat::LowerLetter,
        "upperLetter" => NumFormat::UpperLetter,
        "lowerRoman" => NumFormat::LowerRoman,
        "upperRoman" => NumFormat::UpperRoman,
        "bullet" => NumFormat::Bullet(text.chars().next().unwrap_or('•')),
        "none" => NumFormat::None,
        _ => NumFormat::Decimal,
    };
    let ind = l.child(Ns::W, "pPr").and_then(|p| p.child(Ns::W, "ind"));
    let left = ind
        .and_then(|i| twips_attr(i, "left").or_else(|| twips_attr(i, "start")))
        .unwrap_or(Twips(0));
    let hanging = ind
        .and_then(|i| {
            twips_attr(i, "hanging").or_else(|| twips_attr(i, "firstLine").map(|f| Twips(-f.0)))
        })
        .unwrap_or(Twips(0));
    ListLevel {
        start: val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
        format,
        text,
        indent_left: left,
        hanging,
        run: l
            .child(Ns::W, "rPr")
            .map(|r| run_props(r, theme))
            .unwrap_or_default(),
        suffix_tab: !matches!(val("suff"), Some("space" | "nothing")),
        // ECMA-376-1 §17.9.7 lvlJc: a right-justified label ends at the label position.
        label_align: match val("lvlJc") {
            Some("right" | "end") => Some("end"),
            Some("center") => Some("center"),
            _ => None,
        },
    }
}

/// Whether a level's number format is a custom one (w:numFmt w:val="custom" with a w:format
/// sample, ECMA-376-1 §17.9.17 as amended for Word 2010) that LibreOffice cannot show. Its
/// import knows only the zero-padded samples; for any other it gives up on the whole
/// abstract numbering and the paragraphs get its default list ([`fallback_level`]).
fn unknown_custom_format(l: &Element) -> bool {
    l.child(Ns::W, "numFmt").is_some_and(|f| {
        f.w("val") == Some("custom")
            && !matches!(
                f.w("format"),
                Some("001, 002, 003, ..." | "0001, 0002, 0003, ..." | "00001, 00002, 00003, ...")
            )
    })
}

/// LibreOffice's default list level `i` (0-based), used where its import rejects a numbering:
/// "1." labels followed by a tab, indented a quarter inch more per level from half an inch,
/// hanging a quarter inch.
fn fallback_level(i: usize) -> ListLevel {
    ListLevel {
        start: 1,
        format: NumFormat::Decimal,
        text: format!("%{}.", i + 1),
        indent_left: Twips(720 + 360 * i as i64),
        hanging: Twips(360),
        suffix_tab: true,
        ..ListLevel::default()
    }
}

pub fn read(root: &Element, theme: &Theme, doc: &mut TextDocument) {
    let mut abstracts: HashMap<String, Vec<ListLevel>> = HashMap::new();
    for a in root.children_named(Ns::W, "abstractNum") {
        let Some(id) = a.w("abstractNumId") else {
            continue;
        };
        if a.children_named(Ns::W, "lvl").any(unknown_custom_format) {
            abstracts.insert(id.to_string(), (0..9).map(fallback_level).collect());
            continue;
        }
        let mut levels = vec![ListLevel::default(); 9];
        for l in a.children_named(Ns::W, "lvl") {
            if let Some(i) = l
                .w("ilvl")
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|i| *i < 9)
            {
                levels[i] = level(l, theme);
            }
        }
        abstracts.insert(id.to_string(), levels);
    }
    for n in root.children_named(Ns::W, "num") {
        let Some(id) = n.w("numId").and_then(|v| v.parse::<u32>().ok()) else {
            continue;
        };
        let Some(mut levels) = n
            .child(Ns::W, "abstractNumId")
            .and_then(|a| a.w("val"))
            .and_then(|a| abstracts.get(a))
            .cloned()
        else {
            continue;
        };
        for o in n.children_named(Ns::W, "lvlOverride") {
            let Some(i) = o
                .w("ilvl")
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|i| *i < 9)
            else {
                continue;
            };
            if let Some(l) = o.child(Ns::W, "lvl") {
                levels[i] = level(l, theme);
            }
            if let Some(s) = o
                .child(Ns::W, "startOverride")
                .and_then(|s| s.w("val"))
                .and_then(|v| v.parse().ok())
            {
                levels[i].start = s;
            }
        }
        doc.lists.insert(id, List { levels });
    }
}
