//! Section properties (ECMA-376-1 §17.6): page size and margins, columns, headers and footers.

use std::io::{Read, Seek};

use crate::dom::{Element, Ns};
use crate::error::DetectError;
use crate::text::Section;
use crate::units::Twips;

use super::Reader;
use super::props::{on_off, twips_attr};

pub(crate) fn read<R: Read + Seek>(r: &mut Reader<R>, s: &Element) -> Result<Section, DetectError> {
    let mut sec = Section::default();
    if let Some(sz) = s.child(Ns::W, "pgSz") {
        sec.width = twips_attr(sz, "w").unwrap_or(sec.width);
        sec.height = twips_attr(sz, "h").unwrap_or(sec.height);
        sec.landscape = sz.w("orient") == Some("landscape");
    }
    if let Some(m) = s.child(Ns::W, "pgMar") {
        // Negative top/bottom margins mean "do not grow for the header"; the size is what counts.
        let abs = |v: Option<Twips>| v.map(|t| Twips(t.0.abs()));
        sec.margin_top = abs(twips_attr(m, "top")).unwrap_or(sec.margin_top);
        sec.margin_bottom = abs(twips_attr(m, "bottom")).unwrap_or(sec.margin_bottom);
        let gutter = twips_attr(m, "gutter").unwrap_or_default();
        sec.margin_left = Twips(
            twips_attr(m, "left")
                .or_else(|| twips_attr(m, "start"))
                .unwrap_or(sec.margin_left)
                .0
                + gutter.0,
        );
        sec.margin_right = twips_attr(m, "right")
            .or_else(|| twips_attr(m, "end"))
            .unwrap_or(sec.margin_right);
        sec.header_distance = twips_attr(m, "header").unwrap_or(sec.header_distance);
        sec.footer_distance = twips_attr(m, "footer").unwrap_or(sec.footer_distance);
    }
    if let Some(c) = s.child(Ns::W, "cols") {
        sec.columns = c
            .w("num")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
            .clamp(1, 45);
        sec.column_gap = twips_attr(c, "space").unwrap_or(Twips(720));
        // ECMA-376-1 §17.6.3/§17.6.4: with w:equalWidth off, each w:col gives its own width
        // and the space after it.
        if matches!(c.w("equalWidth"), Some("0" | "false" | "off")) {
            let cols: Vec<(Twips, Twips)> = c
                .children_named(Ns::W, "col")
                .map(|col| {
                    (
                        twips_attr(col, "w").unwrap_or(Twips(0)),
                        twips_attr(col, "space").unwrap_or(Twips(0)),
                    )
                })
                .collect();
            if cols.len() as u32 == sec.columns && cols.iter().all(|(w, _)| w.0 > 0) {
                sec.column_widths = cols;
            }
        }
    }
    sec.title_page = s.child(Ns::W, "titlePg").is_some_and(on_off);
    let kind = s.child(Ns::W, "type").and_then(|t| t.w("val"));
    sec.new_page = !matches!(kind, Some("continuous"));
    sec.next_column = matches!(kind, Some("nextColumn"));
    // ECMA-376-1 §17.6.5: with a line grid, lines snap to the pitch.
    if let Some(g) = s.child(Ns::W, "docGrid")
        && matches!(g.w("type"), Some("lines" | "linesAndChars" | "snapToChars"))
    {
        sec.line_grid = twips_attr(g, "linePitch").filter(|p| p.0 > 0 && p.0 < 20_000);
    }
    sec.rtl = s.child(Ns::W, "bidi").is_some_and(on_off);
    sec.page_start = s
        .child(Ns::W, "pgNumType")
        .and_then(|p| p.w("start"))
        .and_then(|v| v.parse().ok());
    for (tag, is_header) in [("headerReference", true), ("footerReference", false)] {
        for h in s.children_named(Ns::W, tag) {
            let Some(id) = h.attr(Ns::R, "id") else {
                continue;
            };
            let story = r.story(id)?;
            sec.own_headers = true;
            let slot = match (is_header, h.w("type")) {
                (true, Some("first")) => &mut sec.header_first,
                (true, Some("even")) => &mut sec.header_even,
                (true, _) => &mut sec.header,
                (false, Some("first")) => &mut sec.footer_first,
                (false, Some("even")) => &mut sec.footer_even,
                (false, _) => &mut sec.footer,
            };
            *slot = story;
        }
    }
    Ok(sec)
}
