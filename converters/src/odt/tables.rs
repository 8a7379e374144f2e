//! Tables in the text flow: columns, rows (header rows, heights), cells with their spans,
//! borders, shading, padding and vertical alignment (ODF 1.3 §9.1, §17.15-§17.18).

use crate::odf::XmlWriter;
use crate::text::{Cell, Table, VertAlign};
use crate::units::Twips;

use super::content::Writer;
use super::props::border;
use super::styles::AutoStyles;

impl Writer<'_> {
    pub(super) fn table(&mut self, auto: &mut AutoStyles, x: &mut XmlWriter, t: &Table) {
        self.story_start = false;
        self.tables += 1;
        let n = self.tables;
        let width: i64 = t.columns.iter().map(|c| c.0.max(0)).sum();
        let mut tp: Vec<(&'static str, String)> = vec![("style:width", Twips(width.max(1)).odf())];
        // ODF 1.3 style:rel-width (table properties, §17.15): a share of the area the table is in, which
        // LibreOffice lays the table out to (as its import of a percentage tblW does); the
        // fixed width stays for consumers that ignore it.
        if let Some(p) = t.width_percent {
            tp.push(("style:rel-width", format!("{p}%")));
        }
        let align = match t.align {
            Some(crate::text::Align::Center) => "center",
            Some(crate::text::Align::End | crate::text::Align::Right) => "right",
            _ => "left",
        };
        tp.push(("table:align", align.into()));
        if t.rtl {
            tp.push(("style:writing-mode", "rl-tb".into()));
        }
        if align == "left" && t.indent.0 != 0 {
            tp.push(("fo:margin-left", t.indent.odf()));
        }
        let (extra, restart) = self.master_attrs();
        if let Some(n) = restart {
            tp.push(("style:page-number", n.clamp(0, 1_000_000).to_string()));
        }
        match self.pending_break.take() {
            Some("page") => tp.push(("fo:break-before", "page".into())),
            Some(_) => tp.push(("fo:break-before", "column".into())),
            None => {}
        }
        let style = auto.style("table", None, &extra, &[("style:table-properties", tp)]);
        x.start_owned(
            "table:table",
            &[
                ("table:name", format!("Table{n}")),
                ("table:style-name", style),
            ],
        );
        for c in &t.columns {
            let cs = auto.style(
                "table-column",
                None,
                &[],
                &[(
                    "style:table-column-properties",
                    vec![("style:column-width", Twips(c.0.max(1)).odf())],
                )],
            );
            x.empty_owned("table:table-column", &[("table:style-name", cs)]);
        }
        let header_rows = t.rows.iter().take_while(|r| r.header).count();
        for (ri, row) in t.rows.iter().enumerate() {
            if ri == 0 && header_rows > 0 {
                x.start("table:table-header-rows", &[]);
            }
            let mut rp: Vec<(&'static str, String)> = Vec::new();
            if let Some((h, exact)) = row.height {
                rp.push((
                    if exact {
                        "style:row-height"
                    } else {
                        "style:min-row-height"
                    },
                    Twips(h.0.max(1)).odf(),
                ));
            }
            // A row that must not split keeps together (ODF 1.3 §17.17.6 fo:keep-together); the
            // default table-row style lets the others break.
            if row.cant_split {
                rp.push(("fo:keep-together", "always".into()));
            }
            let rs = auto.style(
                "table-row",
                None,
                &[],
                &[("style:table-row-properties", rp)],
            );
            x.start_owned("table:table-row", &[("table:style-name", rs)]);
            let mut used = 0usize;
            for cell in &row.cells {
                if used >= t.columns.len() {
                    break;
                }
                let span = cell.span.min(t.columns.len() - used);
                if cell.row_span == 0 {
                    for _ in 0..span {
                        x.empty("table:covered-table-cell", &[]);
                    }
                } else {
                    self.cell(auto, x, cell, span);
                    for _ in 1..span {
                        x.empty("table:covered-table-cell", &[]);
                    }
                }
                used += span;
            }
            for _ in used..t.columns.len() {
                x.start("table:table-cell", &[]);
                x.empty("text:p", &[]);
                x.end("table:table-cell");
            }
            x.end("table:table-row");
            if ri + 1 == header_rows {
                x.end("table:table-header-rows");
            }
        }
        x.end("table:table");
    }

    fn cell(&mut self, auto: &mut AutoStyles, x: &mut XmlWriter, c: &Cell, span: usize) {
        let mut cp: Vec<(&'static str, String)> = Vec::new();
        let names = [
            "fo:border-top",
            "fo:border-bottom",
            "fo:border-left",
            "fo:border-right",
        ];
        for (b, name) in c.borders.iter().zip(names) {
            cp.push((name, border(b).unwrap_or_else(|| "none".into())));
        }
        // Word's default cell margins: 0.08in left and right, none above and below.
        let defaults = [Twips(0), Twips(0), Twips(108), Twips(108)];
        let sides = [
            "fo:padding-top",
            "fo:padding-bottom",
            "fo:padding-left",
            "fo:padding-right",
        ];
        for ((side, set), default) in sides.iter().zip(c.padding).zip(defaults) {
            cp.push((side, Twips(set.unwrap_or(default).0.max(0)).odf()));
        }
        if let Some(bg) = c.shading {
            cp.push(("fo:background-color", bg.odf()));
        }
        if let Some(v) = c.valign {
            cp.push((
                "style:vertical-align",
                match v {
                    VertAlign::Top => "top",
                    VertAlign::Middle => "middle",
                    VertAlign::Bottom => "bottom",
                }
                .into(),
            ));
        }
        let style = auto.style(
            "table-cell",
            None,
            &[],
            &[("style:table-cell-properties", cp)],
        );
        let mut a: Vec<(&str, String)> = vec![("table:style-name", style)];
        if span > 1 {
            a.push(("table:number-columns-spanned", span.to_string()));
        }
        if c.row_span > 1 {
            a.push(("table:number-rows-spanned", c.row_span.to_string()));
        }
        a.push(("office:value-type", "string".into()));
        x.start_owned("table:table-cell", &a);
        if c.blocks.is_empty() {
            x.empty("text:p", &[]);
        }
        self.blocks(auto, x, &c.blocks);
        x.end("table:table-cell");
    }
}
