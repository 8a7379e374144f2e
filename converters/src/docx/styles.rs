//! `styles.xml` (ECMA-376-1 §17.7): document defaults, paragraph and character styles, and the
//! table styles' borders. Built-in Word styles get LibreOffice's names so that headings stay
//! outline headings and a table of contents keeps working.

use std::collections::HashMap;

use crate::dom::{Element, Ns};
use crate::text::{Border, Style, StyleKind, TextDocument};

use super::props::{para_props, run_props};
use super::theme::Theme;

/// A table style: its borders (top, bottom, left, right, insideH, insideV) and the paragraph
/// properties it gives the paragraphs in its cells (ECMA-376-1 §17.7.6), with basedOn resolved.
#[derive(Debug, Clone, Default)]
pub struct TableStyle {
    pub borders: [Option<Border>; 6],
    pub para: crate::text::ParaProps,
    /// The character formatting it gives the text in its cells (w:rPr).
    pub run: crate::text::RunProps,
    /// Conditional formatting (w:tblStylePr) by type: firstRow, lastRow, firstCol, lastCol,
    /// band1Horz, band2Horz (ECMA-376-1 §17.7.6.6).
    pub conditional: Vec<(String, Conditional)>,
    parent: Option<String>,
}

/// What one conditional part of a table style gives its cells.
#[derive(Debug, Clone, Default)]
pub struct Conditional {
    pub shading: Option<crate::units::Rgb>,
    pub run: crate::text::RunProps,
}

/// Table styles by id, and the default one (w:default="1", usually "Table Normal").
#[derive(Debug, Clone, Default)]
pub struct TableStyles {
    pub styles: HashMap<String, TableStyle>,
    pub default: Option<String>,
}

impl TableStyles {
    pub fn new() -> Self {
        Self::default()
    }

    /// The style a table uses: its own, else the document's default table style.
    pub fn get(&self, id: Option<&str>) -> Option<&TableStyle> {
        id.and_then(|i| self.styles.get(i))
            .or_else(|| self.default.as_ref().and_then(|d| self.styles.get(d)))
    }

    /// Fills each style's unset properties from its basedOn chain (bounded against cycles).
    fn resolve(&mut self) {
        let ids: Vec<String> = self.styles.keys().cloned().collect();
        for id in ids {
            let mut merged = self.styles[&id].clone();
            let mut parent = merged.parent.clone();
            for _ in 0..16 {
                let Some(p) = parent.and_then(|p| self.styles.get(&p)) else {
                    break;
                };
                merged.para.merge(&p.para);
                merged.run.merge(&p.run);
                if merged.conditional.is_empty() {
                    merged.conditional = p.conditional.clone();
                }
                for (slot, b) in merged.borders.iter_mut().zip(p.borders) {
                    if slot.is_none() {
                        *slot = b;
                    }
                }
                parent = p.parent.clone();
            }
            self.styles.insert(id, merged);
        }
    }
}

/// Word's built-in style names (lower-case, as in w:name) and LibreOffice's equivalents.
const BUILTIN: &[(&str, &str)] = &[
    ("normal", "Standard"),
    ("title", "Title"),
    ("subtitle", "Subtitle"),
    ("header", "Header"),
    ("footer", "Footer"),
    ("footnote text", "Footnote"),
    ("endnote text", "Endnote"),
    // LibreOffice's note number styles: with no text:citation-style-name in
    // `text:notes-configuration` (ODF 1.3) it formats the number in
    // the note area with these, so Word's reference style carries over.
    ("footnote reference", "Footnote Symbol"),
    ("endnote reference", "Endnote Symbol"),
    ("caption", "Caption"),
    ("list paragraph", "List Paragraph"),
    ("quote", "Quotations"),
    ("hyperlink", "Internet link"),
    ("heading 1", "Heading 1"),
    ("heading 2", "Heading 2"),
    ("heading 3", "Heading 3"),
    ("heading 4", "Heading 4"),
    ("heading 5", "Heading 5"),
    ("heading 6", "Heading 6"),
    ("heading 7", "Heading 7"),
    ("heading 8", "Heading 8"),
    ("heading 9", "Heading 9"),
];

fn builtin_name(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase();
    BUILTIN.iter().find(|(w, _)| *w == n).map(|(_, lo)| *lo)
}

/// The name a style gets: LibreOffice's for Word's built-in ones; a style that merely bears
/// one of those names (a "Standard" that is not Word's "Normal") is renamed "… (user)" the way
/// LibreOffice's import does, so it does not take the place of the built-in style.
fn display_name(name: &str) -> String {
    match builtin_name(name) {
        Some(lo) => lo.to_string(),
        None if BUILTIN.iter().any(|(_, lo)| *lo == name) => format!("{name} (user)"),
        None => name.to_string(),
    }
}

pub fn read(root: &Element, theme: &Theme, html_auto: bool, doc: &mut TextDocument) -> TableStyles {
    let mut tables = TableStyles::new();
    if let Some(defaults) = root.child(Ns::W, "docDefaults") {
        if let Some(rpr) = defaults
            .child(Ns::W, "rPrDefault")
            .and_then(|d| d.child(Ns::W, "rPr"))
        {
            doc.default_run = run_props(rpr, theme);
        }
        if let Some(ppr) = defaults
            .child(Ns::W, "pPrDefault")
            .and_then(|d| d.child(Ns::W, "pPr"))
        {
            doc.default_para = para_props(ppr, theme, html_auto);
        }
    }
    for s in root.children_named(Ns::W, "style") {
        let Some(id) = s.w("styleId") else { continue };
        let name = s
            .child(Ns::W, "name")
            .and_then(|n| n.w("val"))
            .unwrap_or(id)
            .to_string();
        let kind = match s.w("type") {
            Some("character") => StyleKind::Character,
            Some("table") => {
                let borders = s
                    .child(Ns::W, "tblPr")
                    .and_then(|t| t.child(Ns::W, "tblBorders"))
                    .map(|b| super::table::borders6(b, theme))
                    .unwrap_or_default();
                let para = s
                    .child(Ns::W, "pPr")
                    .map(|p| para_props(p, theme, html_auto))
                    .unwrap_or_default();
                let run = s
                    .child(Ns::W, "rPr")
                    .map(|r| run_props(r, theme))
                    .unwrap_or_default();
                let parent = s
                    .child(Ns::W, "basedOn")
                    .and_then(|b| b.w("val"))
                    .map(str::to_string);
                let conditional = s
                    .children_named(Ns::W, "tblStylePr")
                    .filter_map(|c| {
                        let kind = c.w("type")?.to_string();
                        let shading = c
                            .child(Ns::W, "tcPr")
                            .and_then(|t| t.child(Ns::W, "shd"))
                            .and_then(|shd| super::props::color(shd, theme, "fill"));
                        let run = c
                            .child(Ns::W, "rPr")
                            .map(|r| super::props::run_props(r, theme))
                            .unwrap_or_default();
                        Some((kind, Conditional { shading, run }))
                    })
                    .collect();
                if matches!(s.w("default"), Some("1" | "true" | "on")) {
                    tables.default = Some(id.to_string());
                }
                tables.styles.insert(
                    id.to_string(),
                    TableStyle {
                        borders,
                        para,
                        run,
                        conditional,
                        parent,
                    },
                );
                continue;
            }
            Some("paragraph") | None => StyleKind::Paragraph,
            Some(_) => continue,
        };
        if kind == StyleKind::Paragraph && matches!(s.w("default"), Some("1" | "true" | "on")) {
            doc.default_style = Some(id.to_string());
        }
        let ppr = s.child(Ns::W, "pPr");
        let mut outline_level = ppr
            .and_then(|p| p.child(Ns::W, "outlineLvl"))
            .and_then(|o| o.w("val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 9)
            .map(|l| l + 1);
        let display = display_name(&name);
        if outline_level.is_none()
            && let Some(n) = display.strip_prefix("Heading ")
        {
            outline_level = n.parse().ok();
        }
        let list = ppr.and_then(|p| p.child(Ns::W, "numPr")).and_then(|n| {
            let num = n.child(Ns::W, "numId")?.w("val")?.parse().ok()?;
            let lvl = n
                .child(Ns::W, "ilvl")
                .and_then(|l| l.w("val"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            Some((num, lvl))
        });
        doc.styles.push(Style {
            id: id.to_string(),
            display_name: display,
            kind,
            parent: s
                .child(Ns::W, "basedOn")
                .and_then(|b| b.w("val"))
                .map(str::to_string),
            next: s
                .child(Ns::W, "next")
                .and_then(|b| b.w("val"))
                .map(str::to_string),
            outline_level,
            para: ppr
                .map(|p| para_props(p, theme, html_auto))
                .unwrap_or_default(),
            run: s
                .child(Ns::W, "rPr")
                .map(|r| run_props(r, theme))
                .unwrap_or_default(),
            list,
        });
    }
    tables.resolve();
    tables
}
