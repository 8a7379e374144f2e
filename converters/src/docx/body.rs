//! The story content (ECMA-376-1 §17.3): paragraphs, runs, fields, notes and comments.

use std::io::{Read, Seek};

use crate::dom::{Element, Ns};
use crate::error::DetectError;
use crate::findings::FindingKind;
use crate::text::{Block, Change, ChangeKind, Comment, Inline, Paragraph, RunProps};

use super::Reader;
use super::fields::simple_field;
use super::para_frames::place_frames;
use super::props::{para_props, run_props};

/// A complex field being read: its instruction, and whether its result is replaced by an ODF
/// field (PAGE, NUMPAGES) or shown as it is.
#[derive(Debug)]
pub(crate) struct OpenField {
    instr: String,
    in_result: bool,
    replaced: bool,
}

pub(crate) fn read_body<R: Read + Seek>(
    r: &mut Reader<R>,
    body: &Element,
) -> Result<(), DetectError> {
    let mut blocks = Vec::new();
    for e in body.elements() {
        if e.is(Ns::W, "sectPr") {
            let s = super::section::read(r, e)?;
            r.doc.sections.push(s);
        } else {
            block(r, e, &mut blocks);
            // A paragraph carrying a sectPr ends a section (ECMA-376-1 §17.6.17).
            if let Some(Block::Para(p)) = blocks.last_mut()
                && let Some(sect) = e
                    .child(Ns::W, "pPr")
                    .and_then(|ppr| ppr.child(Ns::W, "sectPr"))
            {
                let s = super::section::read(r, sect)?;
                r.doc.sections.push(s);
                p.ends_section = Some(r.doc.sections.len() - 1);
            }
        }
    }
    let blocks = place_frames(blocks);
    if r.doc.sections.is_empty() {
        r.doc.sections.push(Default::default());
    }
    // A section without a header or footer of some kind keeps the previous section's
    // (ECMA-376-1 §17.10.5).
    for i in 1..r.doc.sections.len() {
        let prev = r.doc.sections[i - 1].clone();
        let s = &mut r.doc.sections[i];
        s.header = s.header.or(prev.header);
        s.header_first = s.header_first.or(prev.header_first);
        s.header_even = s.header_even.or(prev.header_even);
        s.footer = s.footer.or(prev.footer);
        s.footer_first = s.footer_first.or(prev.footer_first);
        s.footer_even = s.footer_even.or(prev.footer_even);
    }
    // Word spreads a multi-column section's text evenly over its columns only where a
    // continuous (or next-column) section follows; the last section and one followed by a
    // page-starting section fill their columns one after the other, as does every section
    // under w:noColumnBalance. LibreOffice's import marks those sections
    // DontBalanceTextColumns (text:dont-balance-text-columns of the section's
    // style:section-properties, ODF 1.3 §17.11).
    let n = r.doc.sections.len();
    for i in 0..n {
        let next = r.doc.sections.get(i + 1);
        let page_follows = next.is_none_or(|s| s.new_page && !(s.next_column && s.columns > 1));
        r.doc.sections[i].balanced = !r.no_column_balance && !page_follows;
    }
    r.doc.body = blocks;
    Ok(())
}

/// All blocks of a container element (header, footer, cell, text box, note).
pub(crate) fn blocks<R: Read + Seek>(r: &mut Reader<R>, container: &Element) -> Vec<Block> {
    let mut out = Vec::new();
    for e in container.elements() {
        block(r, e, &mut out);
    }
    place_frames(out)
}

fn block<R: Read + Seek>(r: &mut Reader<R>, e: &Element, out: &mut Vec<Block>) {
    if e.ns != Ns::W {
        if e.ns == Ns::M {
            // An equation outside a paragraph (§22.1.2.78 allows m:oMathPara as a block): a
            // paragraph of its own.
            let mut inlines = Vec::new();
            inline(r, e, &mut inlines);
            if !inlines.is_empty() {
                out.push(Block::Para(Paragraph {
                    inlines,
                    ..Paragraph::default()
                }));
            }
        } else if e.ns != Ns::Other {
            r.skip(e);
        }
        return;
    }
    match e.name.as_str() {
        "p" => out.push(Block::Para(paragraph(r, e))),
        "tbl" => out.push(Block::Table(super::table::read(r, e))),
        // Content controls, custom XML and change-tracking wrappers hold more blocks.
        "sdt" => {
            if let Some(c) = e.child(Ns::W, "sdtContent") {
                let first = out.len();
                for child in c.elements() {
                    block(r, child, out);
                }
                if let Some(Block::Para(p)) = out[first..]
                    .iter_mut()
                    .find(|b| matches!(b, Block::Para(_)))
                {
                    super::sdt::first_paragraph(e, &r.doc.meta, true, &mut p.inlines);
                }
            }
        }
        "customXml" | "ins" | "moveTo" | "smartTag" => {
            if e.name == "ins" || e.name == "moveTo" {
                r.finding(FindingKind::TrackedChangesAccepted);
            }
            for child in e.elements() {
                block(r, child, out);
            }
        }
        "del" | "moveFrom" => r.finding(FindingKind::TrackedChangesAccepted),
        "bookmarkStart"
        | "bookmarkEnd"
        | "sectPr"
        | "proofErr"
        | "permStart"
        | "permEnd"
        | "commentRangeStart"
        | "commentRangeEnd"
        | "customXmlInsRangeStart"
        | "customXmlInsRangeEnd"
        | "customXmlDelRangeStart"
        | "customXmlDelRangeEnd"
        | "moveFromRangeStart"
        | "moveFromRangeEnd"
        | "moveToRangeStart"
        | "moveToRangeEnd"
        | "sdtPr"
        | "sdtEndPr"
        | "smartTagPr"
        | "customXmlPr"
        // A cell's own properties, read by the table reader before its blocks.
        | "tcPr"
        | "tblPr"
        | "tblGrid" => {}
        "altChunk" => r.skip(e),
        _ => r.skip(e),
    }
}

pub(crate) fn paragraph<R: Read + Seek>(r: &mut Reader<R>, p: &Element) -> Paragraph {
    let mut para = Paragraph::default();
    if let Some(ppr) = p.child(Ns::W, "pPr") {
        para.style = ppr
            .child(Ns::W, "pStyle")
            .and_then(|s| s.w("val"))
            .map(str::to_string);
        para.props = para_props(ppr, &r.theme, r.html_auto_spacing);
        if let Some(num) = ppr.child(Ns::W, "numPr") {
            let id = num
                .child(Ns::W, "numId")
                .and_then(|n| n.w("val"))
                .and_then(|v| v.parse::<u32>().ok());
            let level = num
                .child(Ns::W, "ilvl")
                .and_then(|n| n.w("val"))
                .and_then(|v| v.parse::<u8>().ok())
                .unwrap_or(0)
                .min(8);
            // numId 0 removes numbering inherited from the style (§17.9.18).
            para.list = id.filter(|i| *i != 0).map(|i| (i, level));
            if id == Some(0) {
                para.list = Some((0, 0));
            }
        }
        if let Some(rpr) = ppr.child(Ns::W, "rPr") {
            para.mark = run_props(rpr, &r.theme);
        }
        para.frame = ppr
            .child(Ns::W, "framePr")
            .map(super::para_frames::frame_pr);
    }
    // Word leaves out automatic spacing around list items (direct automatic spacing only).
    if para.list.is_some_and(|(id, _)| id != 0) {
        if para.props.before_auto == Some(true) {
            para.props.space_before = Some(crate::units::Twips(0));
        }
        if para.props.after_auto == Some(true) {
            para.props.space_after = Some(crate::units::Twips(0));
        }
    }
    let mut inlines = Vec::new();
    for e in p.elements() {
        inline(r, e, &mut inlines);
    }
    raise_positioned_runs(r, para.style.as_deref(), &mut inlines);
    para.inlines = inlines;
    para
}

/// A run's w:position (ECMA-376-1 §17.3.2.24) raises or lowers it by half-points; ODF's
/// style:text-position takes a percentage of the font size, so it is resolved against the run's
/// size: its own, its character style's, its paragraph style's, the document default's, else
/// Word's 10pt. LibreOffice's import does the same.
fn raise_positioned_runs<R>(r: &Reader<R>, para_style: Option<&str>, inlines: &mut [Inline]) {
    use super::table::style_chain;
    let size_of = |id: Option<&str>| {
        style_chain(r, id.map(str::to_string))
            .iter()
            .find_map(|s| s.run.size)
    };
    let para_style = para_style.or(r.doc.default_style.as_deref());
    for i in inlines {
        let Inline::Text { style, props, .. } = i else {
            continue;
        };
        let Some(pos) = props.position.filter(|p| *p != 0) else {
            continue;
        };
        if props.superscript == Some(true) || props.subscript == Some(true) {
            continue;
        }
        let size = props
            .size
            .or_else(|| size_of(style.as_deref()))
            .or_else(|| size_of(para_style))
            .or(r.doc.default_run.size)
            .unwrap_or(20)
            .max(1);
        props.raise = Some((pos * 100 / size).clamp(-100, 100));
    }
}

/// A field instruction's name (its first word), upper-cased.
fn field_name(instr: &str) -> String {
    instr
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase()
}

/// Whether character style `id` is Word's built-in Hyperlink style (LibreOffice's "Internet
/// link").
fn is_hyperlink_style<R>(r: &Reader<R>, id: &str) -> bool {
    r.doc
        .styles
        .iter()
        .any(|s| s.id == id && s.display_name == "Internet link")
}

fn showing<R>(r: &Reader<R>) -> bool {
    r.fields.iter().all(|f| f.in_result && !f.replaced)
}

fn inline<R: Read + Seek>(r: &mut Reader<R>, e: &Element, out: &mut Vec<Inline>) {
    if e.ns != Ns::W {
        match e.ns {
            Ns::M => {
                if showing(r) {
                    equation(r, e, out);
                }
            }
            Ns::Other => {}
            _ => r.skip(e),
        }
        return;
    }
    match e.name.as_str() {
        "r" => run(r, e, out),
        "hyperlink" => {
            let mut inner = Vec::new();
            for c in e.elements() {
                inline(r, c, &mut inner);
            }
            let href = e
                .attr(Ns::R, "id")
                .and_then(|id| r.rel_target(id))
                .map(|(t, _)| t.to_string())
                .or_else(|| e.w("anchor").map(|a| format!("#{a}")));
            // The entries of a table of contents (ECMA-376-1 §17.16.5.68 TOC, its result) link
            // to their headings. LibreOffice's import shows them in its plain "Index Link"
            // style, and without Word's Hyperlink character style on their runs.
            let index = r
                .fields
                .iter()
                .any(|f| f.in_result && field_name(&f.instr) == "TOC");
            if index {
                for i in &mut inner {
                    if let Inline::Text { style, .. } = i
                        && style.as_deref().is_some_and(|s| is_hyperlink_style(r, s))
                    {
                        *style = None;
                    }
                }
                r.doc.index_links = true;
            } else {
                r.doc.plain_links = true;
            }
            match href {
                Some(href) if !inner.is_empty() => out.push(Inline::Link {
                    href,
                    inlines: inner,
                    index,
                }),
                _ => out.extend(inner),
            }
        }
        "fldSimple" => {
            let instr = e.w("instr").unwrap_or("").to_string();
            let mut inner = Vec::new();
            for c in e.elements() {
                inline(r, c, &mut inner);
            }
            match simple_field(&instr, first_props(&inner)) {
                Some(f) => out.push(Inline::Field(f)),
                None => out.extend(inner),
            }
        }
        "sdt" => {
            if let Some(c) = e.child(Ns::W, "sdtContent") {
                let mut inner = Vec::new();
                for child in c.elements() {
                    inline(r, child, &mut inner);
                }
                super::sdt::first_paragraph(e, &r.doc.meta, false, &mut inner);
                out.extend(inner);
            }
        }
        "ins" | "moveTo" => {
            if r.track {
                // ODF 1.3 §5.5: the region is listed once, the text marked where it is.
                let id = change(r, e, ChangeKind::Insertion, Vec::new());
                out.push(Inline::ChangeStart(id));
                for c in e.elements() {
                    inline(r, c, out);
                }
                out.push(Inline::ChangeEnd(id));
            } else {
                r.finding(FindingKind::TrackedChangesAccepted);
                for c in e.elements() {
                    inline(r, c, out);
                }
            }
        }
        "smartTag" | "customXml" | "dir" | "bdo" => {
            for c in e.elements() {
                inline(r, c, out);
            }
        }
        "del" | "moveFrom" => {
            if r.track {
                let deleted = deleted_text(r, e);
                let id = change(r, e, ChangeKind::Deletion, deleted);
                out.push(Inline::Deletion(id));
            } else {
                r.finding(FindingKind::TrackedChangesAccepted);
            }
        }
        "bookmarkStart" => {
            if let Some(name) = e.w("name")
                && !name.starts_with("_GoBack")
                && showing(r)
            {
                out.push(Inline::Bookmark(name.to_string()));
            }
        }
        "commentRangeStart" => {
            if let Some(id) = e.w("id")
                && r.doc.comments.contains_key(id)
            {
                out.push(Inline::Comment(id.to_string()));
            }
        }
        "pPr"
        | "bookmarkEnd"
        | "proofErr"
        | "commentRangeEnd"
        | "permStart"
        | "permEnd"
        | "moveFromRangeStart"
        | "moveFromRangeEnd"
        | "moveToRangeStart"
        | "moveToRangeEnd"
        | "customXmlInsRangeStart"
        | "customXmlInsRangeEnd"
        | "customXmlDelRangeStart"
        | "customXmlDelRangeEnd"
        // The properties of smart tags and custom XML (their content is read above).
        | "smartTagPr"
        | "customXmlPr"
        | "lastRenderedPageBreak" => {}
        _ => r.skip(e),
    }
}

fn change<R>(r: &mut Reader<R>, e: &Element, kind: ChangeKind, deleted: Vec<Inline>) -> usize {
    r.doc.changes.push(Change {
        kind,
        author: e.w("author").unwrap_or("").to_string(),
        date: e.w("date").map(str::to_string),
        deleted,
    });
    r.doc.changes.len() - 1
}

/// The runs of a w:del, whose text is in w:delText (ECMA-376-1 §17.3.3.7).
/// The runs of a deletion or move source, also those inside insertions, links, fields and
/// content controls within it (a moved-away insertion is still text the reader sees).
fn deleted_text<R: Read + Seek>(r: &mut Reader<R>, del: &Element) -> Vec<Inline> {
    let mut out = Vec::new();
    deleted_runs(r, del, &mut out, 0);
    out
}

fn deleted_runs<R: Read + Seek>(
    r: &mut Reader<R>,
    del: &Element,
    out: &mut Vec<Inline>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    for e in del.elements().filter(|e| e.ns == Ns::W) {
        match e.name.as_str() {
            "r" => deleted_run(r, e, out),
            "ins" | "del" | "moveTo" | "moveFrom" | "hyperlink" | "smartTag" | "customXml"
            | "sdt" | "sdtContent" | "fldSimple" | "dir" | "bdo" => {
                deleted_runs(r, e, out, depth + 1)
            }
            _ => {}
        }
    }
}

fn deleted_run<R: Read + Seek>(r: &mut Reader<R>, run: &Element, out: &mut Vec<Inline>) {
    let props = run
        .child(Ns::W, "rPr")
        .map(|p| run_props(p, &r.theme))
        .unwrap_or_default();
    for c in run.elements().filter(|c| c.ns == Ns::W) {
        match c.name.as_str() {
            "delText" | "t" => out.push(Inline::Text {
                text: c.text(),
                style: None,
                props: props.clone(),
            }),
            "tab" => out.push(Inline::Tab),
            "br" | "cr" => out.push(Inline::LineBreak),
            _ => {}
        }
    }
}

fn first_props(inlines: &[Inline]) -> RunProps {
    inlines
        .iter()
        .find_map(|i| match i {
            Inline::Text { props, .. } => Some(props.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// An equation (ECMA-376-1 §22.1.2.77 m:oMath, inline) or a paragraph of display equations
/// (§22.1.2.78 m:oMathPara, each m:oMath its own line): embedded formula objects.
fn equation<R: Read + Seek>(r: &mut Reader<R>, e: &Element, out: &mut Vec<Inline>) {
    let (maths, display): (Vec<&Element>, bool) = match e.name.as_str() {
        "oMath" => (vec![e], false),
        "oMathPara" => (e.children_named(Ns::M, "oMath").collect(), true),
        _ => return,
    };
    for (i, m) in maths.into_iter().enumerate() {
        if i > 0 {
            out.push(Inline::LineBreak);
        }
        let mut unknown = false;
        let formula = crate::math::read(m, display, &mut unknown);
        if unknown {
            r.finding(FindingKind::EquationAsText);
        }
        // A size estimate from the content (LibreOffice sizes the object anew on load when it
        // can): 12pt text, each line of the formula 1.2 lines high.
        let width = crate::units::Twips((formula.root.width().max(0.5) * 240.0) as i64 + 60);
        let height = crate::units::Twips((formula.root.height() * 288.0) as i64 + 40);
        r.doc.formulas.push(formula);
        out.push(Inline::Formula(crate::text::FormulaFrame {
            formula: r.doc.formulas.len() - 1,
            width,
            height,
        }));
    }
}

fn run<R: Read + Seek>(r: &mut Reader<R>, e: &Element, out: &mut Vec<Inline>) {
    let rpr = e.child(Ns::W, "rPr");
    let style = rpr
        .and_then(|p| p.child(Ns::W, "rStyle"))
        .and_then(|s| s.w("val"))
        .map(str::to_string);
    let props = rpr.map(|p| run_props(p, &r.theme)).unwrap_or_default();
    let push_text = |out: &mut Vec<Inline>, t: &str| {
        if let Some(Inline::Text {
            text,
            style: s,
            props: p,
        }) = out.last_mut()
            && *s == style
            && *p == props
        {
            text.push_str(t);
            return;
        }
        out.push(Inline::Text {
            text: t.to_string(),
            style: style.clone(),
            props: props.clone(),
        });
    };
    for c in e.elements() {
        if c.ns != Ns::W {
            if c.ns == Ns::M {
                inline(r, c, out);
            } else if c.ns != Ns::Other {
                r.skip(c);
            }
            continue;
        }
        match c.name.as_str() {
            "fldChar" => match c.w("fldCharType") {
                Some("begin") => r.fields.push(OpenField {
                    instr: String::new(),
                    in_result: false,
                    replaced: false,
                }),
                Some("separate") => {
                    let depth = r.fields.len();
                    if let Some(f) = r.fields.last_mut() {
                        f.in_result = true;
                        if depth == 1
                            && let Some(field) = simple_field(&f.instr, props.clone())
                        {
                            f.replaced = true;
                            out.push(Inline::Field(field));
                        }
                    }
                }
                Some("end") => {
                    if let Some(f) = r.fields.pop()
                        && !f.in_result
                        && r.fields.iter().all(|o| o.in_result && !o.replaced)
                        && let Some(field) = simple_field(&f.instr, props.clone())
                    {
                        // A field without a separate has no result: make the ODF field now.
                        out.push(Inline::Field(field));
                    }
                }
                _ => {}
            },
            "instrText" => {
                if let Some(f) = r.fields.last_mut()
                    && !f.in_result
                {
                    f.instr.push_str(&c.text());
                }
            }
            _ if !showing(r) => {}
            "t" => push_text(out, &c.text()),
            // A tab is a character of its run: it keeps the run's formatting (its size sets the
            // line height and its leader's look), so it goes into the run's text, which the
            // writer turns into text:tab inside the run's span, as LibreOffice does.
            "tab" | "ptab" => push_text(out, "\t"),
            "br" => match c.w("type") {
                Some("page") => out.push(Inline::PageBreak),
                Some("column") => out.push(Inline::ColumnBreak),
                _ => out.push(Inline::LineBreak),
            },
            "cr" => out.push(Inline::LineBreak),
            "noBreakHyphen" => push_text(out, "\u{2011}"),
            "softHyphen" => push_text(out, "\u{00AD}"),
            "sym" => {
                // w:char is a hex code, often in the symbol-font private area F000-F0FF.
                if let Some(ch) = c
                    .w("char")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                {
                    let mut p = props.clone();
                    if let Some(font) = c.w("font") {
                        p.font = Some(font.to_string());
                    }
                    out.push(Inline::Text {
                        text: ch.to_string(),
                        style: style.clone(),
                        props: p,
                    });
                }
            }
            "footnoteReference" | "endnoteReference" => {
                let endnote = c.name == "endnoteReference";
                if let Some(id) = c.w("id").and_then(|v| v.parse::<i64>().ok()) {
                    let exists = if endnote {
                        r.doc.endnotes.contains_key(&id)
                    } else {
                        r.doc.footnotes.contains_key(&id)
                    };
                    if exists {
                        out.push(Inline::Note {
                            endnote,
                            id,
                            props: props.clone(),
                        });
                    }
                }
            }
            "drawing" => super::drawing::drawing(r, c, out),
            "pict" => super::drawing::vml(r, c, out),
            "object" => super::object::object(r, c, out),
            "rPr"
            | "lastRenderedPageBreak"
            | "annotationRef"
            | "footnoteRef"
            | "endnoteRef"
            | "separator"
            | "continuationSeparator"
            | "commentReference"
            | "delText"
            | "delInstrText"
            | "dayShort"
            | "monthShort"
            | "yearShort"
            | "dayLong"
            | "monthLong"
            | "yearLong" => {}
            "contentPart" => r.skip(c),
            _ => r.skip(c),
        }
    }
}

pub(crate) fn read_notes<R: Read + Seek>(r: &mut Reader<R>, root: &Element, endnote: bool) {
    let tag = if endnote { "endnote" } else { "footnote" };
    for n in root.children_named(Ns::W, tag) {
        if matches!(
            n.w("type"),
            Some("separator" | "continuationSeparator" | "continuationNotice")
        ) {
            continue;
        }
        let Some(id) = n.w("id").and_then(|v| v.parse::<i64>().ok()) else {
            continue;
        };
        let b = blocks(r, n);
        if endnote {
            r.doc.endnotes.insert(id, b);
        } else {
            r.doc.footnotes.insert(id, b);
        }
    }
}

pub(crate) fn read_comments<R: Read + Seek>(r: &mut Reader<R>, root: &Element) {
    for c in root.children_named(Ns::W, "comment") {
        let Some(id) = c.w("id") else { continue };
        let comment = Comment {
            author: c.w("author").unwrap_or("").to_string(),
            date: c.w("date").map(str::to_string),
            blocks: blocks(r, c),
        };
        r.doc.comments.insert(id.to_string(), comment);
    }
}
