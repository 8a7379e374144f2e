//! Cell comments (ECMA-376-1 §18.7: authors, commentList) with their shown/hidden state from the
//! legacy VML note shapes, and threaded comments ([MS-XLSX] §2.6.205) flattened to one note.

use std::collections::{BTreeMap, HashMap};

use crate::dom::{Element, Ns};
use crate::findings::{FindingKind, Findings};
use crate::sheet::extras::Comment;
use crate::sheet::{Cell, Pos, Row, Run, Sheet, Value, parse_ref};

use super::styles::Colors;

/// Comments one sheet may hold: each costs a cell of text, and Excel's own limit is a note per
/// cell; a larger list is cut with a finding.
const MAX_COMMENTS: usize = 1_000_000;

/// Reads a comments part into `comments`.
pub fn read(
    root: &Element,
    colors: &Colors,
    comments: &mut BTreeMap<Pos, Comment>,
    part: &str,
    findings: &mut Findings,
) {
    let authors: Vec<String> = root
        .child(Ns::X, "authors")
        .map(|a| {
            a.children_named(Ns::X, "author")
                .map(|a| a.text())
                .collect()
        })
        .unwrap_or_default();
    let Some(list) = root.child(Ns::X, "commentList") else {
        return;
    };
    for c in list.children_named(Ns::X, "comment") {
        let Some(pos) = c.attr(Ns::None, "ref").and_then(parse_ref) else {
            continue;
        };
        if comments.len() >= MAX_COMMENTS {
            findings.add(
                FindingKind::Unsupported {
                    element: "comments beyond 1000000 in a sheet".into(),
                },
                Some(part),
            );
            return;
        }
        let author = c
            .attr(Ns::None, "authorId")
            .and_then(|i| i.trim().parse::<usize>().ok())
            .and_then(|i| authors.get(i))
            .filter(|a| !a.is_empty())
            .cloned();
        let text = match c
            .child(Ns::X, "text")
            .map(|t| super::strings::item(t, colors))
        {
            Some(Value::RichText(runs)) => runs.to_vec(),
            Some(v) => vec![Run {
                text: v.text().unwrap_or_default(),
                font: None,
            }],
            None => Vec::new(),
        };
        comments.insert(
            pos,
            Comment {
                author,
                text: paragraphs(&text),
                shown: false,
            },
        );
    }
}

/// Runs split into paragraphs at their line feeds, each piece keeping its run's font.
fn paragraphs(runs: &[Run]) -> Vec<Vec<Run>> {
    let mut out: Vec<Vec<Run>> = vec![Vec::new()];
    for run in runs {
        for (i, piece) in run.text.split('\n').enumerate() {
            if i > 0 {
                out.push(Vec::new());
            }
            let piece = piece.strip_suffix('\r').unwrap_or(piece);
            if let Some(p) = out.last_mut().filter(|_| !piece.is_empty()) {
                p.push(Run {
                    text: piece.to_string(),
                    font: run.font.clone(),
                });
            }
        }
    }
    out
}

/// The client data of a VML drawing's shapes (x:ClientData), which says what each shape is.
pub fn client_data(vml: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    let mut stack = vec![vml];
    while let Some(e) = stack.pop() {
        if e.is(Ns::XlVml, "ClientData") {
            out.push(e);
        } else {
            stack.extend(e.elements());
        }
    }
    out
}

/// Marks the comments whose VML note shape is visible (x:ClientData ObjectType="Note" with
/// x:Visible, zero-based x:Row and x:Column).
pub fn visibility(vml: &Element, comments: &mut BTreeMap<Pos, Comment>) {
    for e in client_data(vml) {
        let num = |n: &str| {
            e.child(Ns::XlVml, n)
                .and_then(|v| v.text().trim().parse::<u32>().ok())
        };
        if e.attr(Ns::None, "ObjectType") == Some("Note")
            && e.child(Ns::XlVml, "Visible").is_some()
            && let (Some(r), Some(c)) = (num("Row"), num("Column"))
            && let Some(comment) = comments.get_mut(&(r, c))
        {
            comment.shown = true;
        }
    }
}

/// Replaces the notes at the cells of a threaded comments part with their threads: Excel keeps
/// a legacy note beside each thread for older versions, whose text only says so.
pub fn threads(
    root: &Element,
    persons: &HashMap<String, String>,
    comments: &mut BTreeMap<Pos, Comment>,
    part: &str,
    findings: &mut Findings,
) {
    let mut by_cell: BTreeMap<Pos, Vec<Vec<Run>>> = BTreeMap::new();
    let mut first_author: BTreeMap<Pos, Option<String>> = BTreeMap::new();
    for t in root.children_named(Ns::Tc, "threadedComment") {
        let Some(pos) = t.attr(Ns::None, "ref").and_then(parse_ref) else {
            continue;
        };
        let author = t
            .attr(Ns::None, "personId")
            .and_then(|p| persons.get(p))
            .cloned();
        let text = t
            .child(Ns::Tc, "text")
            .map(|x| x.text())
            .unwrap_or_default();
        let entry = by_cell.entry(pos).or_default();
        if entry.len() >= MAX_COMMENTS {
            continue;
        }
        let mut line = author.clone().unwrap_or_default();
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
        entry.extend(paragraphs(&[Run {
            text: line,
            font: None,
        }]));
        first_author.entry(pos).or_insert(author);
    }
    if by_cell.is_empty() {
        return;
    }
    findings.add(FindingKind::CommentThreadAsText, Some(part));
    for (pos, text) in by_cell {
        let shown = comments.get(&pos).is_some_and(|c| c.shown);
        comments.insert(
            pos,
            Comment {
                author: first_author.remove(&pos).flatten(),
                text,
                shown,
            },
        );
    }
}

/// The persons part (display names of threaded comments' authors, by id).
pub fn persons(root: &Element) -> HashMap<String, String> {
    root.children_named(Ns::Tc, "person")
        .filter_map(|p| {
            Some((
                p.attr(Ns::None, "id")?.to_string(),
                p.attr(Ns::None, "displayName")
                    .unwrap_or_default()
                    .to_string(),
            ))
        })
        .collect()
}

/// Gives every commented position a cell, so that the writer has a cell to hold the note. One
/// merge pass over rows and cells: a million notes cost no more than a million cells.
pub fn ensure_cells(sheet: &mut Sheet) {
    if sheet.extras.comments.is_empty() {
        return;
    }
    let hidden = sheet.rows_hidden_by_default;
    let mut wanted = sheet.extras.comments.keys().copied().peekable();
    let old = std::mem::take(&mut sheet.rows);
    let mut rows: Vec<Row> = Vec::with_capacity(old.len());
    let mut old = old.into_iter().peekable();
    loop {
        let next_old = old.peek().map(|r| r.index);
        let next_want = wanted.peek().map(|p| p.0);
        let index = match (next_old, next_want) {
            (None, None) => break,
            (Some(o), Some(w)) => o.min(w),
            (Some(o), None) => o,
            (None, Some(w)) => w,
        };
        let mut row = old.next_if(|r| r.index == index).unwrap_or_else(|| Row {
            index,
            hidden,
            ..Row::default()
        });
        let mut cols: Vec<u32> = Vec::new();
        while let Some((_, c)) = wanted.next_if(|p| p.0 == index) {
            cols.push(c);
        }
        if !cols.is_empty() {
            let cells = std::mem::take(&mut row.cells);
            let mut merged = Vec::with_capacity(cells.len() + cols.len());
            let mut cols = cols.into_iter().peekable();
            for (c, cell) in cells {
                while let Some(w) = cols.next_if(|w| *w < c) {
                    merged.push((w, Cell::default()));
                }
                cols.next_if(|w| *w == c);
                merged.push((c, cell));
            }
            merged.extend(cols.map(|w| (w, Cell::default())));
            row.cells = merged;
        }
        rows.push(row);
    }
    sheet.rows = rows;
}

#[cfg(test)]
mod tests {
    use super::*;

    const X: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    #[test]
    fn comments_with_authors_visibility_and_threads() -> Result<(), Box<dyn std::error::Error>> {
        let xml = concat!(
            r#"<comments xmlns="X"><authors><author>Ann</author><author>Bob</author></authors>"#,
            r#"<commentList><comment ref="B2" authorId="1"><text><r><t>Bob:</t></r>"#,
            r#"<r><t xml:space="preserve">&#10;Check this</t></r></text></comment>"#,
            r#"<comment ref="C5" authorId="0"><text><t>[Threaded comment]</t></text></comment>"#,
            r#"</commentList></comments>"#
        )
        .replace("\"X\"", &["\"", X, "\""].concat());
        let root = crate::dom::parse(xml.as_bytes(), "c")?;
        let mut comments = BTreeMap::new();
        let mut findings = Findings::default();
        read(&root, &Colors::default(), &mut comments, "c", &mut findings);
        let b2 = comments.get(&(1, 1)).ok_or("no B2")?;
        assert_eq!(b2.author.as_deref(), Some("Bob"));
        assert_eq!(
            b2.plain(),
            vec!["Bob:".to_string(), "Check this".to_string()]
        );
        assert!(!b2.shown);

        let vml = concat!(
            r#"<xml xmlns:v="urn:schemas-microsoft-com:vml" "#,
            r#"xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape>"#,
            r#"<x:ClientData ObjectType="Note"><x:Visible/><x:Row>1</x:Row>"#,
            r#"<x:Column>1</x:Column></x:ClientData></v:shape></xml>"#
        );
        visibility(&crate::dom::parse(vml.as_bytes(), "v")?, &mut comments);
        assert!(comments.get(&(1, 1)).is_some_and(|c| c.shown));

        let tc = concat!(
            r#"<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">"#,
            r#"<threadedComment ref="C5" personId="{P1}" id="{1}"><text>Why?</text></threadedComment>"#,
            r#"<threadedComment ref="C5" personId="{P2}" id="{2}" parentId="{1}"><text>Because.</text></threadedComment>"#,
            r#"</ThreadedComments>"#
        );
        let people = concat!(
            r#"<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">"#,
            r#"<person displayName="Ann" id="{P1}"/><person displayName="Cy" id="{P2}"/></personList>"#
        );
        let persons = persons(&crate::dom::parse(people.as_bytes(), "p")?);
        threads(
            &crate::dom::parse(tc.as_bytes(), "t")?,
            &persons,
            &mut comments,
            "t",
            &mut findings,
        );
        let c5 = comments.get(&(4, 2)).ok_or("no C5")?;
        assert_eq!(
            c5.plain(),
            vec!["Ann: Why?".to_string(), "Cy: Because.".to_string()]
        );
        assert_eq!(c5.author.as_deref(), Some("Ann"));
        let codes: Vec<&str> = findings.into_vec().iter().map(|f| f.kind.code()).collect();
        assert_eq!(codes, vec!["convert.comment-thread-as-text"]);

        let mut sheet = Sheet {
            rows: vec![Row {
                index: 4,
                cells: vec![(0, Cell::default())],
                ..Row::default()
            }],
            ..Sheet::default()
        };
        sheet.extras.comments = comments;
        ensure_cells(&mut sheet);
        let at: Vec<(u32, Vec<u32>)> = sheet
            .rows
            .iter()
            .map(|r| (r.index, r.cells.iter().map(|(c, _)| *c).collect()))
            .collect();
        assert_eq!(at, vec![(1, vec![1]), (4, vec![0, 2])]);
        Ok(())
    }
}
