//! The text flow: paragraphs and headings, lists, spans, fields, notes, frames and tables
//! (ODF 1.3 §5, §6, §7, §9, §10), written with automatic styles of the part they live in.

use std::collections::HashSet;

use crate::odf::{XmlWriter, write_text};
use crate::text::{Block, ChangeKind, Inline, Paragraph, RunProps, TextDocument};
use crate::units::Twips;

use super::fonts::FontTable;
use super::styles::{AutoStyles, StyleInfo, list_style_name};

/// State shared while writing one document.
pub struct Writer<'a> {
    pub doc: &'a TextDocument,
    pub info: &'a StyleInfo,
    pub fonts: FontTable,
    bookmarks: HashSet<String>,
    /// Lists already started (for text:continue-list).
    lists_started: HashSet<u32>,
    notes: usize,
    pub(super) frames: usize,
    pub(super) tables: usize,
    /// Master page to put on the next paragraph or table (a new section starts).
    pub pending_master: Option<(String, Option<i64>)>,
    /// Master page of a continuous section with headers or footers of its own: it starts at
    /// the section's first page break (see `body`).
    master_at_break: Option<String>,
    /// A page or column break at the very end of a paragraph: it moves the next paragraph or
    /// table, as LibreOffice's import does, instead of leaving an empty paragraph behind.
    pub(super) pending_break: Option<&'static str>,
    /// Bookmarks of a paragraph that was left out (an empty section-break paragraph): they
    /// open the next paragraph.
    pending_marks: Vec<Inline>,
    /// The next paragraph opens a story (the body, a cell, a header, a note, a text box): Word
    /// drops automatic (HTML) spacing above it.
    pub(super) story_start: bool,
    /// The body section being written (an index into the document's sections).
    pub(super) section: usize,
}

/// Whether these inlines show nothing: only bookmarks and empty text.
fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Bookmark(_) => true,
        Inline::Text { text, .. } => text.is_empty(),
        _ => false,
    })
}

impl<'a> Writer<'a> {
    pub fn new(doc: &'a TextDocument, info: &'a StyleInfo) -> Self {
        Self {
            doc,
            info,
            fonts: FontTable::default(),
            bookmarks: HashSet::new(),
            lists_started: HashSet::new(),
            notes: 0,
            frames: 0,
            tables: 0,
            pending_master: None,
            master_at_break: None,
            pending_break: None,
            pending_marks: Vec::new(),
            story_start: true,
            section: 0,
        }
    }

    /// The master page attribute for a section start, and its page-number restart.
    pub(super) fn master_attrs(&mut self) -> (Vec<(&'static str, String)>, Option<i64>) {
        match self.pending_master.take() {
            Some((name, start)) => (vec![("style:master-page-name", name)], start),
            None => (Vec::new(), None),
        }
    }

    /// Blocks of a container (cell, header, note, text box): breaks, bookmarks and master pages
    /// pending in the body neither enter nor leave it.
    pub fn blocks(&mut self, auto: &mut AutoStyles, x: &mut XmlWriter, blocks: &[Block]) {
        let brk = self.pending_break.take();
        let marks = std::mem::take(&mut self.pending_marks);
        let story_start = std::mem::replace(&mut self.story_start, true);
        let master = self.master_at_break.take();
        for b in blocks {
            match b {
                Block::Para(p) => self.paragraph(auto, x, p),
                Block::Table(t) => self.table(auto, x, t),
            }
        }
        self.pending_break = brk;
        self.pending_marks = marks;
        self.story_start = story_start;
        self.master_at_break = master;
    }

    /// The tracked-changes list that opens office:text (ODF 1.3 §5.5.1).
    fn tracked_changes(&mut self, auto: &mut AutoStyles, x: &mut XmlWriter) {
        if self.doc.changes.is_empty() {
            return;
        }
        x.start("text:tracked-changes", &[]);
        for (i, c) in self.doc.changes.iter().enumerate() {
            let id = format!("ct{}", i + 1);
            x.start("text:changed-region", &[("xml:id", &id), ("text:id", &id)]);
            let tag = match c.kind {
                ChangeKind::Insertion => "text:insertion",
                ChangeKind::Deletion => "text:deletion",
            };
            x.start(tag, &[]);
            x.start("office:change-info", &[]);
            let author = if c.author.is_empty() {
                "Unknown"
            } else {
                &c.author
            };
            x.element("dc:creator", &[], author);
            // dc:date is required; a change without one gets the epoch rather than a guess.
            let date = c
                .date
                .as_deref()
                .filter(|d| valid_datetime(d))
                .map_or("1970-01-01T00:00:00", |d| d.trim_end_matches('Z'));
            x.element("dc:date", &[], &date[..date.len().min(19)]);
            x.end("office:change-info");
            if c.kind == ChangeKind::Deletion {
                x.start("text:p", &[]);
                let mut first = true;
                let deleted = c.deleted.clone();
                self.inlines(auto, x, &deleted, &mut first);
                x.end("text:p");
            }
            x.end(tag);
            x.end("text:changed-region");
        }
        x.end("text:tracked-changes");
    }

    /// Opens a text:section with the columns of Word section `i`, if it has more than one
    /// (ODF 1.3 §5.4, §17.12); returns whether one was opened.
    fn open_columns(&mut self, auto: &mut AutoStyles, x: &mut XmlWriter, i: usize) -> bool {
        let Some(sec) = self.doc.sections.get(i).filter(|s| s.columns > 1) else {
            return false;
        };
        let (count, gap) = (sec.columns.to_string(), sec.column_gap.odf());
        let balanced = sec.balanced;
        // The style carries the columns as a child element, so it is written here directly.
        let name = format!("Sect{}", i + 1);
        auto.x.start_owned(
            "style:style",
            &[
                ("style:name", name.clone()),
                ("style:family", "section".into()),
            ],
        );
        // Columns left unbalanced fill one after the other (ODF 1.3 §17.11).
        let props: &[(&str, &str)] = if balanced {
            &[]
        } else {
            &[("text:dont-balance-text-columns", "true")]
        };
        auto.x.start("style:section-properties", props);
        if sec.column_widths.is_empty() {
            auto.x.empty_owned(
                "style:columns",
                &[("fo:column-count", count), ("fo:column-gap", gap)],
            );
        } else {
            write_columns(&mut auto.x, &sec.column_widths);
        }
        auto.x.end("style:section-properties");
        auto.x.end("style:style");
        x.start_owned(
            "text:section",
            &[("text:style-name", name.clone()), ("text:name", name)],
        );
        true
    }

    /// Blocks with section starts: section `i` ends at the paragraph with `ends_section == i`.
    /// Multi-column sections become text:sections; sections on a new page start a master page.
    /// `masters` holds per section the master page it starts with (its title page, if any)
    /// and its master page for the other pages.
    pub fn body(&mut self, auto: &mut AutoStyles, x: &mut XmlWriter, masters: &[(String, String)]) {
        self.tracked_changes(auto, x);
        self.pending_master = masters.first().map(|(m, _)| {
            (
                m.clone(),
                self.doc.sections.first().and_then(|s| s.page_start),
            )
        });
        let mut in_columns = self.open_columns(auto, x, 0);
        let mut first_in_section = true;
        for b in &self.doc.body {
            match b {
                Block::Para(p) => {
                    // LibreOffice drops an empty paragraph that only carries a section break,
                    // unless the section has nothing else (ECMA-376-1 §17.6.17 puts the sectPr
                    // on the last paragraph; Word shows that paragraph as a section mark).
                    if p.ends_section.is_some() && !first_in_section && is_blank(&p.inlines) {
                        self.pending_marks.extend(p.inlines.iter().cloned());
                        if p.props.page_break_before == Some(true) {
                            self.pending_break = Some("page");
                        }
                    } else {
                        self.paragraph(auto, x, p);
                    }
                    first_in_section = p.ends_section.is_some();
                    if let Some(i) = p.ends_section {
                        self.section = i + 1;
                        if in_columns {
                            x.end("text:section");
                        }
                        self.master_at_break = None;
                        if let (Some((first, page)), Some(sec)) =
                            (masters.get(i + 1), self.doc.sections.get(i + 1))
                        {
                            if sec.new_page {
                                self.pending_master = Some((first.clone(), sec.page_start));
                            } else if sec.own_headers {
                                // A continuous section cannot change headers mid-page: as
                                // LibreOffice's import does, its page style (with its headers
                                // and footers) starts at the first page break inside it.
                                self.master_at_break = Some(page.clone());
                            }
                        }
                        in_columns = self.open_columns(auto, x, i + 1);
                    }
                }
                Block::Table(t) => {
                    self.table(auto, x, t);
                    first_in_section = false;
                }
            }
        }
        if in_columns {
            x.end("text:section");
        }
    }

    fn paragraph(&mut self, auto: &mut AutoStyles, x: &mut XmlWriter, p: &Paragraph) {
        // Page and column breaks inside a paragraph split it; the rest starts on the new page.
        let mut segments: Vec<(&[Inline], Option<&'static str>)> = Vec::new();
        let mut start = 0;
        let mut brk = None;
        for (i, inl) in p.inlines.iter().enumerate() {
            let b = match inl {
                Inline::PageBreak => Some("page"),
                Inline::ColumnBreak => Some("column"),
                _ => None,
            };
            if let Some(b) = b {
                segments.push((&p.inlines[start..i], brk));
                start = i + 1;
                brk = Some(b);
            }
        }
        segments.push((&p.inlines[start..], brk));
        let last = segments.len() - 1;
        for (n, (inlines, brk)) in segments.into_iter().enumerate() {
            // A break at the very end of a paragraph only moves what follows.
            if n == last && n > 0 && is_blank(inlines) && p.ends_section.is_none() {
                self.pending_break = brk;
                self.pending_marks.extend(inlines.iter().cloned());
                continue;
            }
            self.one_paragraph(auto, x, p, inlines, brk, &p.props);
        }
    }

    fn one_paragraph(
        &mut self,
        auto: &mut AutoStyles,
        x: &mut XmlWriter,
        p: &Paragraph,
        inlines: &[Inline],
        brk: Option<&'static str>,
        props: &crate::text::ParaProps,
    ) {
        let (parent, level) = self.info.para(p.style.as_deref());
        let parent = parent.to_string();
        let (mut extra, restart) = self.master_attrs();
        let mut props = props.clone();
        if restart.is_some() {
            props.page_number = restart;
        }
        let base = p
            .style
            .as_deref()
            .or(self.doc.default_style.as_deref())
            .and_then(|id| self.info.effective.get(id))
            .unwrap_or(&self.doc.default_para);
        if std::mem::take(&mut self.story_start)
            && props.before_auto.or(base.before_auto) == Some(true)
        {
            props.space_before = Some(Twips(0));
        }
        // Numbering from the paragraph, else from its style; numId 0 switches it off.
        let style_list = || {
            let id = p.style.as_deref().or(self.doc.default_style.as_deref())?;
            self.info.lists.get(id).copied()
        };
        let list = p
            .list
            .or_else(style_list)
            .filter(|(id, _)| *id != 0 && self.doc.lists.contains_key(id));
        // A direct w:ind overrides the numbering level's indents one attribute at a time
        // (ECMA-376-1 §17.3.1.12); in ODF any paragraph indent replaces the list level's
        // indents, so the one the paragraph leaves out comes from the level, as LibreOffice
        // imports it.
        if let Some(level) =
            list.and_then(|(id, l)| self.doc.lists.get(&id)?.levels.get(usize::from(l)))
            && (props.indent_left.is_some()
                || props.indent_first.is_some()
                || props.indent_right.is_some())
        {
            props.indent_left = props.indent_left.or(Some(level.indent_left));
            props.indent_first = props.indent_first.or(Some(Twips(-level.hanging.0)));
        }
        super::props::complete_groups(&mut props, base);
        super::props::resolve_align(&mut props, base);
        // Direct indents of a paragraph that is right to left through its style are start/end
        // too: say the direction on the paragraph so they are placed right.
        if props.bidi.is_none()
            && (props.indent_left.is_some() || props.indent_right.is_some())
            && p.style
                .as_deref()
                .or(self.doc.default_style.as_deref())
                .is_some_and(|s| self.info.rtl.contains(s))
        {
            props.bidi = Some(true);
        }
        let pending = self.pending_break.take();
        match brk.or(pending) {
            Some("page") => props.page_break_before = Some(true),
            Some(_) => props.column_break_before = Some(true),
            None => {}
        }
        if props.page_break_before == Some(true)
            && extra.is_empty()
            && let Some(master) = self.master_at_break.take()
        {
            extra.push(("style:master-page-name", master));
        }
        let mark = (!p.mark.is_empty() && inlines.is_empty()).then_some(&p.mark);
        let style = auto.para(&parent, &props, mark, &extra, &mut self.fonts);
        let depth = list.map_or(0, |(_, l)| usize::from(l) + 1);
        if let Some((id, _)) = list {
            let mut a: Vec<(&str, String)> = vec![("text:style-name", list_style_name(id))];
            let xml_id = format!("list{id}");
            if self.lists_started.insert(id) {
                a.push(("xml:id", xml_id));
            } else {
                a.push(("text:continue-list", xml_id));
            }
            x.start_owned("text:list", &a);
            x.start("text:list-item", &[]);
            for _ in 1..depth {
                x.start("text:list", &[]);
                x.start("text:list-item", &[]);
            }
        }
        let (tag, lvl) = match level {
            Some(l) => ("text:h", Some(l.to_string())),
            None => ("text:p", None),
        };
        let mut a: Vec<(&str, String)> = vec![("text:style-name", style)];
        if let Some(l) = lvl {
            a.push(("text:outline-level", l));
        }
        x.start_owned(tag, &a);
        let mut first = true;
        if !self.pending_marks.is_empty() {
            let marks = std::mem::take(&mut self.pending_marks);
            self.inlines(auto, x, &marks, &mut first);
        }
        self.inlines(auto, x, inlines, &mut first);
        x.end(tag);
        for _ in 0..depth {
            x.end("text:list-item");
            x.end("text:list");
        }
    }

    fn span_style(
        &mut self,
        auto: &mut AutoStyles,
        style: Option<&str>,
        props: &RunProps,
    ) -> Option<String> {
        let parent = self.info.text(style).map(str::to_string);
        auto.text(parent.as_deref(), props, &mut self.fonts)
    }

    fn inlines(
        &mut self,
        auto: &mut AutoStyles,
        x: &mut XmlWriter,
        inlines: &[Inline],
        first: &mut bool,
    ) {
        for inl in inlines {
            match inl {
                Inline::Text { text, style, props } => {
                    match self.span_style(auto, style.as_deref(), props) {
                        Some(s) => {
                            x.start_owned("text:span", &[("text:style-name", s)]);
                            write_text(x, text, *first);
                            x.end("text:span");
                        }
                        None => write_text(x, text, *first),
                    }
                }
                Inline::Tab => x.empty("text:tab", &[]),
                Inline::LineBreak => x.empty("text:line-break", &[]),
                Inline::PageBreak | Inline::ColumnBreak => {}
                Inline::Field(f) => {
                    let s = self.span_style(auto, None, super::fields::props(f));
                    if let Some(s) = &s {
                        x.start_owned("text:span", &[("text:style-name", s.clone())]);
                    }
                    let data_style = match f {
                        crate::text::Field::Date { picture, time, .. } => {
                            Some(auto.date_style(&super::fields::date_parts(picture), *time))
                        }
                        _ => None,
                    };
                    super::fields::write(x, &self.doc.meta, f, data_style.as_deref());
                    if s.is_some() {
                        x.end("text:span");
                    }
                }
                Inline::Note { endnote, id, props } => {
                    let blocks = if *endnote {
                        self.doc.endnotes.get(id)
                    } else {
                        self.doc.footnotes.get(id)
                    };
                    let Some(blocks) = blocks else { continue };
                    self.notes += 1;
                    let s = self.span_style(auto, None, props);
                    if let Some(s) = &s {
                        x.start_owned("text:span", &[("text:style-name", s.clone())]);
                    }
                    let class = if *endnote { "endnote" } else { "footnote" };
                    x.start_owned(
                        "text:note",
                        &[
                            ("text:id", format!("note{}", self.notes)),
                            ("text:note-class", class.to_string()),
                        ],
                    );
                    x.element("text:note-citation", &[], &self.notes.to_string());
                    x.start("text:note-body", &[]);
                    let blocks = blocks.clone();
                    self.blocks(auto, x, &blocks);
                    x.end("text:note-body");
                    x.end("text:note");
                    if s.is_some() {
                        x.end("text:span");
                    }
                }
                Inline::Link {
                    href,
                    inlines,
                    index,
                } => {
                    // ODF 1.3 §6.1.8: a link without text:style-name is shown in the consumer's
                    // own link style (LibreOffice's blue underline). LibreOffice's import names
                    // the character style of the link's text instead, so a link looks the way
                    // Word shows it: an index entry its plain "Index Link", text in no character
                    // style its plain default; Word's Hyperlink style stays on the text.
                    let style = if *index {
                        Some(super::styles::INDEX_LINK_STYLE)
                    } else {
                        let text_style = inlines.iter().find_map(|i| match i {
                            Inline::Text { style, .. } => Some(style.as_deref()),
                            _ => None,
                        });
                        match text_style {
                            Some(id) => match self.info.text(id) {
                                Some("Internet_20_link") => None,
                                Some(n) => Some(n),
                                None => Some(super::styles::PLAIN_LINK_STYLE),
                            },
                            None => None,
                        }
                    };
                    let mut attrs = vec![("xlink:type", "simple"), ("xlink:href", href.as_str())];
                    if let Some(s) = style {
                        attrs.push(("text:style-name", s));
                        attrs.push(("text:visited-style-name", s));
                    }
                    x.start("text:a", &attrs);
                    self.inlines(auto, x, inlines, first);
                    x.end("text:a");
                }
                Inline::ChangeStart(i) => x.empty_owned(
                    "text:change-start",
                    &[("text:change-id", format!("ct{}", i + 1))],
                ),
                Inline::ChangeEnd(i) => x.empty_owned(
                    "text:change-end",
                    &[("text:change-id", format!("ct{}", i + 1))],
                ),
                Inline::Deletion(i) => {
                    x.empty_owned("text:change", &[("text:change-id", format!("ct{}", i + 1))])
                }
                Inline::Bookmark(name) => {
                    if self.bookmarks.insert(name.clone()) {
                        x.empty("text:bookmark", &[("text:name", name)]);
                    }
                }
                Inline::Comment(id) => {
                    if let Some(c) = self.doc.comments.get(id) {
                        let c = c.clone();
                        x.start("office:annotation", &[]);
                        if !c.author.is_empty() {
                            x.element("dc:creator", &[], &c.author);
                        }
                        if let Some(d) = c.date.as_ref().filter(|d| valid_datetime(d)) {
                            x.element("dc:date", &[], d.trim_end_matches('Z'));
                        }
                        let mut plain = Vec::new();
                        flatten(&c.blocks, &mut plain);
                        if plain.is_empty() {
                            x.empty("text:p", &[]);
                        }
                        for p in plain {
                            x.start("text:p", &[]);
                            let mut f = true;
                            self.inlines(auto, x, &p.inlines, &mut f);
                            x.end("text:p");
                        }
                        x.end("office:annotation");
                    }
                }
                Inline::Image(d) => {
                    let Some(img) = self.doc.images.get(d.image) else {
                        continue;
                    };
                    let path = img.path.clone();
                    self.frame(auto, x, (&d.anchor, d.width, d.height), &[], |_, _, x| {
                        x.empty(
                            "draw:image",
                            &[
                                ("xlink:href", path.as_str()),
                                ("xlink:type", "simple"),
                                ("xlink:show", "embed"),
                                ("xlink:actuate", "onLoad"),
                            ],
                        );
                    });
                }
                Inline::Chart(c) => {
                    // ODF 1.3 §10.4.6: the chart is an embedded object in its own folder.
                    let href = format!("./Object {}", c.chart + 1);
                    self.object_frame(auto, x, (&c.anchor, c.width, c.height), &href);
                }
                Inline::Formula(f) => {
                    // ODF 1.3 §10.4.6 and Part 3 §16: the equation is an embedded formula
                    // object, after the charts' object folders; it sits in the line as a character.
                    let href = format!("./Object {}", self.doc.charts.len() + f.formula + 1);
                    let anchor = crate::text::Anchor::AsChar;
                    self.object_frame(auto, x, (&anchor, f.width, f.height), &href);
                }
                Inline::Object(o) => {
                    let Some(object) = self.doc.objects.get(o.object) else {
                        continue;
                    };
                    let look = super::objects::look(object);
                    self.frame(auto, x, (&o.anchor, o.width, o.height), &look, |_, _, x| {
                        super::objects::write(x, o.object, object);
                    });
                }
                Inline::TextBox(t) if t.fontwork.is_some() => {
                    // WordArt: a custom shape whose text follows its path.
                    let blocks = t.blocks.clone();
                    let look = super::frames::paint(t.fill, t.stroke, false);
                    self.custom_shape(
                        auto,
                        x,
                        (&t.anchor, t.width, t.height),
                        &look,
                        |w, auto, x| {
                            w.blocks(auto, x, &blocks);
                            super::frames::fontwork_geometry(x);
                        },
                    );
                }
                Inline::TextBox(t) if t.geometry.is_some() => self.shape(auto, x, t),
                Inline::TextBox(t) => {
                    let blocks = t.blocks.clone();
                    let mut look: Vec<(&'static str, String)> = Vec::new();
                    match t.fill {
                        Some(c) => {
                            look.push(("draw:fill", "solid".into()));
                            look.push(("draw:fill-color", c.odf()));
                            look.push(("fo:background-color", c.odf()));
                        }
                        // Without a fill LibreOffice still paints a text frame over what lies
                        // behind it unless the fill is also fully transparent (ODF 1.3 §20.109
                        // draw:opacity), as its own import of Word text boxes writes it.
                        None => {
                            look.push(("draw:fill", "none".into()));
                            look.push(("draw:opacity", "0%".into()));
                        }
                    }
                    if let Some((c, w)) = t.stroke {
                        look.push((
                            "fo:border",
                            format!(
                                "{} solid {}",
                                crate::units::pt(w.clamp(0.05, 100.0)),
                                c.odf()
                            ),
                        ));
                    }
                    look.extend(super::frames::padding(t.padding));
                    look.extend(super::frames::text_anchor(t.vertical));
                    if t.vertical_text {
                        // ODF 1.3 §20.394 style:writing-mode: top to bottom, right to left.
                        look.push(("style:writing-mode", "tb-rl".into()));
                    }
                    let grow = t.auto_grow.then_some(t.height);
                    let auto_width = t.width.0 == 0;
                    self.frame(
                        auto,
                        x,
                        (&t.anchor, t.width, t.height),
                        &look,
                        |w, auto, x| {
                            match grow {
                                // ODF 1.3 §10.4.3: fo:min-height lets the box grow with its text.
                                // A frame without a width is as wide as its text (fo:min-width).
                                Some(h) if auto_width => x.start_owned(
                                    "draw:text-box",
                                    &[
                                        ("fo:min-height", Twips(h.0.max(0)).odf()),
                                        ("fo:min-width", Twips(1).odf()),
                                    ],
                                ),
                                Some(h) => x.start_owned(
                                    "draw:text-box",
                                    &[("fo:min-height", Twips(h.0.max(1)).odf())],
                                ),
                                None => x.start("draw:text-box", &[]),
                            }
                            w.blocks(auto, x, &blocks);
                            x.end("draw:text-box");
                        },
                    );
                }
            }
            *first = false;
        }
    }
}

/// Paragraphs of nested blocks, for places that hold only paragraphs (annotations).
fn flatten<'b>(blocks: &'b [Block], out: &mut Vec<&'b Paragraph>) {
    for b in blocks {
        match b {
            Block::Para(p) => out.push(p),
            Block::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        flatten(&c.blocks, out);
                    }
                }
            }
        }
    }
}

/// `2019-01-02T03:04:05Z` and the like; anything else is left out rather than made invalid.
fn valid_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

/// Columns of their own widths (ODF 1.3 §17.12 style:column): each column's relative width
/// holds its text width and half of the spaces on either side, which become its start and end
/// indents, the relative widths summing to 65535 as in LibreOffice's import.
fn write_columns(x: &mut XmlWriter, cols: &[(Twips, Twips)]) {
    let n = cols.len();
    let half = |i: usize| Twips(cols[i].1.0.max(0) / 2);
    let spans: Vec<i64> = (0..n)
        .map(|i| {
            let before = if i > 0 { half(i - 1).0 } else { 0 };
            let after = if i + 1 < n { half(i).0 } else { 0 };
            cols[i].0.0.max(1) + before + after
        })
        .collect();
    let total: i64 = spans.iter().sum::<i64>().max(1);
    x.start_owned("style:columns", &[("fo:column-count", n.to_string())]);
    let mut used = 0i64;
    for (i, span) in spans.iter().enumerate() {
        let rel = if i + 1 == n {
            65535 - used
        } else {
            span * 65535 / total
        };
        used += rel;
        let start = if i > 0 { half(i - 1) } else { Twips(0) };
        let end = if i + 1 < n { half(i) } else { Twips(0) };
        x.empty_owned(
            "style:column",
            &[
                ("style:rel-width", format!("{rel}*")),
                ("fo:start-indent", start.odf()),
                ("fo:end-indent", end.odf()),
            ],
        );
    }
    x.end("style:columns");
}
