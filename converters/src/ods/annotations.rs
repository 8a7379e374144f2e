//! What a cell carries besides its value: its comment as `office:annotation` (ODF 1.3 part 3
//! §14.1) and its hyperlink as a `text:a` around the text of each paragraph (§6.1.8).

use crate::odf::{XmlWriter, write_text};
use crate::sheet::extras::{Comment, Link};
use crate::sheet::{Font, Pos, Sheet};

use super::cells::RunStyles;

/// The link and comment of one cell.
#[derive(Debug, Clone, Copy, Default)]
pub struct Adornments<'a> {
    pub link: Option<&'a Link>,
    pub comment: Option<&'a Comment>,
}

impl<'a> Adornments<'a> {
    pub fn of(sheet: Option<&'a Sheet>, pos: Pos) -> Self {
        let Some(s) = sheet else {
            return Self::default();
        };
        Self {
            link: s.extras.links.get(&pos),
            comment: s.extras.comments.get(&pos),
        }
    }

    /// Opens a paragraph of the cell's text, and its link.
    pub fn open(&self, x: &mut XmlWriter) {
        x.start("text:p", &[]);
        if let Some(l) = self.link {
            let mut a = vec![
                ("xlink:type", "simple".to_string()),
                ("xlink:href", l.href.clone()),
            ];
            if let Some(t) = &l.tooltip {
                a.push(("office:title", t.clone()));
            }
            x.start_owned("text:a", &a);
        }
    }

    pub fn close(&self, x: &mut XmlWriter) {
        if self.link.is_some() {
            x.end("text:a");
        }
        x.end("text:p");
    }

    /// Writes the comment, which comes first in the cell (before its paragraphs); runs with a
    /// font of their own are spans with automatic text styles.
    pub fn annotation(&self, x: &mut XmlWriter, runs: &mut RunStyles) {
        let Some(c) = self.comment else { return };
        // Shown permanently or on hover, as the source's note (ODF 1.3 §19.376 office:display).
        let display = if c.shown { "true" } else { "false" };
        x.start("office:annotation", &[("office:display", display)]);
        if let Some(a) = &c.author {
            x.element("dc:creator", &[], a);
        }
        let base = Font::default();
        for p in &c.text {
            x.start("text:p", &[]);
            let mut first = true;
            for run in p {
                match &run.font {
                    Some(f) if f != &base => {
                        let name = runs.name(f, &base);
                        x.start("text:span", &[("text:style-name", &name)]);
                        write_text(x, &run.text, first);
                        x.end("text:span");
                    }
                    _ => write_text(x, &run.text, first),
                }
                first = false;
            }
            x.end("text:p");
        }
        x.end("office:annotation");
    }
}
