//! The cells of a row that conditional formats and validations cover: their style variant and
//! validation name, and the empty cells written only because a rule covers them.

use super::Segment;
use crate::odf::XmlWriter;
use crate::ods::cells::{self, Place};
use crate::ods::content::Writer;

impl Writer<'_> {
    /// The style name and validation of a cell of format `xf` at column `c` of the row: a
    /// variant with the style maps of the rules covering it.
    pub(in crate::ods) fn decorated(
        &mut self,
        xf: u32,
        c: u32,
        explicit: bool,
    ) -> (Option<String>, Option<String>) {
        let xf = if (xf as usize) < self.wb.styles.len() {
            xf
        } else {
            0
        };
        // Segments are ascending and disjoint: a binary search, as rows may hold many.
        let at = self.deco.partition_point(|s| s.to <= c);
        match self.deco.get(at).filter(|s| s.from <= c).cloned() {
            Some(Segment {
                maps: Some(m),
                validation,
                ..
            }) => {
                self.mark(xf);
                (Some(self.rules.style(xf, m)), validation)
            }
            Some(seg) => (self.style_name(xf, explicit), seg.validation),
            None => (self.style_name(xf, explicit), None),
        }
    }

    /// Writes `n` empty cells of row `r` from column `from`; where rules cover them, as runs
    /// with the rules' style variant (of the row's or column's format) and validation; a cell
    /// that anchors shapes is written on its own, holding them.
    #[allow(clippy::too_many_arguments)]
    pub(in crate::ods) fn gap(
        &mut self,
        x: &mut XmlWriter,
        index: usize,
        r: u32,
        from: u32,
        n: u32,
        covered: bool,
    ) {
        let end = from.saturating_add(n);
        let mut col = from;
        let segs: Vec<Segment> = self
            .deco
            .iter()
            .filter(|s| s.to > from && s.from < end)
            .cloned()
            .collect();
        for seg in segs {
            let (a, b) = (seg.from.max(col), seg.to.min(end));
            if a > col {
                self.run(x, r, covered, (None, None), col, a);
            }
            let mut c = a;
            while c < b {
                let (xf, next) = self.gap_format(index, c, b);
                let style = seg.maps.map(|m| {
                    self.mark(xf);
                    self.rules.style(xf, m)
                });
                let deco = (style.as_deref(), seg.validation.as_deref());
                self.run(x, r, covered, deco, c, next);
                c = next;
            }
            col = b.max(col);
        }
        if col < end {
            self.run(x, r, covered, (None, None), col, end);
        }
    }

    /// Writes the empty cells `from..to` of row `r` alike (style, validation), split where a
    /// cell anchors shapes.
    fn run(
        &self,
        x: &mut XmlWriter,
        r: u32,
        covered: bool,
        (style, validation): (Option<&str>, Option<&str>),
        from: u32,
        to: u32,
    ) {
        let write = |x: &mut XmlWriter, repeat: u32, shapes: Option<&XmlWriter>| {
            let place = Place {
                covered,
                spans: None,
                style,
                repeat,
                validation,
                shapes,
            };
            cells::empty(x, &place);
        };
        let mut col = from;
        for c in self.shapes.cols_in(r, from, to) {
            if c > col {
                write(x, c - col, None);
            }
            write(x, 1, self.shapes.get((r, c)));
            col = c + 1;
        }
        if col < to {
            write(x, to - col, None);
        }
    }

    /// The format an empty cell at column `c` shows (the row's, else its column's) and where,
    /// before `limit`, that may change.
    fn gap_format(&self, index: usize, c: u32, limit: u32) -> (u32, u32) {
        let valid = |s: u32| {
            if (s as usize) < self.wb.styles.len() {
                s
            } else {
                0
            }
        };
        if let Some(s) = self.row_xf {
            return (valid(s), limit);
        }
        let cols = self.wb.sheets.get(index).map_or(&[][..], |s| &s.cols[..]);
        for cr in cols {
            if cr.last < c {
                continue;
            }
            if cr.first > c {
                return (0, cr.first.min(limit));
            }
            return (valid(cr.style.unwrap_or(0)), (cr.last + 1).min(limit));
        }
        (0, limit)
    }
}
