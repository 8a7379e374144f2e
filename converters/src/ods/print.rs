//! Print setup as ODF page styles: one style:page-layout (ODF 1.3 part 3 §16.5) and one
//! style:master-page (§16.9) per sheet that has a page setup, with the header and footer in
//! three regions (§16.10, style:region-left/center/right) and Excel's fields as text fields.
//! A sheet's table style names its master page (style:master-page-name).

use crate::odf::{XmlWriter, write_text};
use crate::sheet::Font;

use super::cells::RunStyles;
use crate::sheet::Workbook;
use crate::sheet::extras::{HeaderFooter, HfPiece, PageSetup};
use crate::units::Twips;

/// The master page of sheet `index`, when it has a page setup.
pub fn master_page(wb: &Workbook, index: usize) -> Option<String> {
    wb.sheets
        .get(index)?
        .extras
        .page
        .as_ref()
        .map(|_| ["mp", &(index + 1).to_string()].concat())
}

fn inches(v: f64) -> String {
    Twips((v * 1440.0).round() as i64).odf()
}

/// Writes office:automatic-styles with the page layouts and office:master-styles with the
/// master pages into styles.xml; nothing when no sheet has a page setup.
pub fn page_styles(wb: &Workbook, x: &mut XmlWriter) {
    let pages: Vec<(usize, &PageSetup)> = wb
        .sheets
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.extras.page.as_ref().map(|p| (i, p)))
        .collect();
    if pages.is_empty() {
        return;
    }
    // Master pages first, into a fragment: their text styles go before them.
    let mut runs = RunStyles::new();
    let mut masters = XmlWriter::fragment();
    let m = &mut masters;
    for (i, p) in &pages {
        let n = (i + 1).to_string();
        m.start(
            "style:master-page",
            &[
                ("style:name", &["mp", &n].concat()),
                ("style:page-layout-name", &["pm", &n].concat()),
            ],
        );
        for k in [HEADER, FOOTER] {
            if shows(p, k) {
                let none = HeaderFooter::default();
                let main = if k == HEADER { &p.header } else { &p.footer };
                regions(m, TAGS[k][0], main.as_ref().unwrap_or(&none), &mut runs);
                // Left pages are the even ones (ODF 1.3 §16.11 style:header-left).
                if let Some(even) = &p.even {
                    regions(m, TAGS[k][1], even[k].as_ref().unwrap_or(&none), &mut runs);
                }
                if let Some(first) = &p.first {
                    regions(m, TAGS[k][2], first[k].as_ref().unwrap_or(&none), &mut runs);
                }
            }
        }
        m.end("style:master-page");
    }
    x.start("office:automatic-styles", &[]);
    for (i, p) in &pages {
        layout(x, &["pm", &(i + 1).to_string()].concat(), p);
    }
    x.append(std::mem::take(&mut runs.x));
    x.end("office:automatic-styles");
    x.start("office:master-styles", &[]);
    x.append(masters);
    x.end("office:master-styles");
}

fn layout(x: &mut XmlWriter, name: &str, p: &PageSetup) {
    x.start("style:page-layout", &[("style:name", name)]);
    let mut a: Vec<(&str, String)> = Vec::new();
    if let Some((w, h)) = p.paper {
        let (w, h) = if p.landscape { (h, w) } else { (w, h) };
        a.push(("fo:page-width", inches(w)));
        a.push(("fo:page-height", inches(h)));
    }
    let orientation = if p.landscape { "landscape" } else { "portrait" };
    a.push(("style:print-orientation", orientation.into()));
    // Excel's top and bottom margins reach to the body; its header and footer margins reach to
    // the header and footer, which ODF places inside the page margins (§20.313 fo:min-height).
    let [left, right, top, bottom, head, foot] =
        p.margins.unwrap_or([0.7, 0.7, 0.75, 0.75, 0.3, 0.3]);
    a.push(("fo:margin-left", inches(left)));
    a.push(("fo:margin-right", inches(right)));
    let has_header = shows(p, HEADER);
    let has_footer = shows(p, FOOTER);
    let top_page = if has_header { head.min(top) } else { top };
    let bottom_page = if has_footer { foot.min(bottom) } else { bottom };
    a.push(("fo:margin-top", inches(top_page)));
    a.push(("fo:margin-bottom", inches(bottom_page)));
    // LibreOffice prints charts, drawings, objects and zero values unless told otherwise.
    let mut print = String::from("charts drawings objects zero-values");
    if p.grid {
        print.push_str(" grid");
    }
    if p.headings {
        print.push_str(" headers");
    }
    if p.comments {
        print.push_str(" annotations");
    }
    a.push(("style:print", print));
    a.push((
        "style:print-page-order",
        if p.over_then_down { "ltr" } else { "ttb" }.into(),
    ));
    if let Some(n) = p.first_page {
        a.push(("style:first-page-number", n.to_string()));
    }
    match (p.fit, p.scale) {
        (Some((w, h)), _) => {
            // 0 means as many pages as needed: no bound in that direction.
            if w > 0 {
                a.push(("style:scale-to-X", w.to_string()));
            }
            if h > 0 {
                a.push(("style:scale-to-Y", h.to_string()));
            }
        }
        (None, Some(s)) => a.push(("style:scale-to", [s.to_string(), "%".into()].concat())),
        (None, None) => {}
    }
    let centering = match (p.center_h, p.center_v) {
        (true, true) => "both",
        (true, false) => "horizontal",
        (false, true) => "vertical",
        (false, false) => "none",
    };
    a.push(("style:table-centering", centering.into()));
    x.empty_owned("style:page-layout-properties", &a);
    for (present, tag, space) in [
        (has_header, "style:header-style", top - top_page),
        (has_footer, "style:footer-style", bottom - bottom_page),
    ] {
        if present {
            x.start(tag, &[]);
            x.empty_owned(
                "style:header-footer-properties",
                &[("fo:min-height", inches(space.max(0.01)))],
            );
            x.end(tag);
        } else {
            x.empty(tag, &[]);
        }
    }
    x.end("style:page-layout");
}

/// A header or footer with nothing in it prints nothing: Excel keeps such empty elements.
fn blank(hf: &HeaderFooter) -> bool {
    hf.left.is_empty() && hf.center.is_empty() && hf.right.is_empty()
}

const HEADER: usize = 0;
const FOOTER: usize = 1;
/// The elements of a header and a footer: all pages, left (even) pages, the first page.
const TAGS: [[&str; 3]; 2] = [
    ["style:header", "style:header-left", "style:header-first"],
    ["style:footer", "style:footer-left", "style:footer-first"],
];

/// Whether any page prints the header (`HEADER`) or footer (`FOOTER`).
fn shows(p: &PageSetup, k: usize) -> bool {
    let main = if k == HEADER { &p.header } else { &p.footer };
    [
        Some(main),
        p.even.as_ref().map(|e| &e[k]),
        p.first.as_ref().map(|f| &f[k]),
    ]
    .into_iter()
    .flatten()
    .any(|h| h.as_ref().is_some_and(|h| !blank(h)))
}

fn regions(x: &mut XmlWriter, tag: &str, hf: &HeaderFooter, runs: &mut RunStyles) {
    x.start(tag, &[]);
    for (region, pieces) in [
        ("style:region-left", &hf.left),
        ("style:region-center", &hf.center),
        ("style:region-right", &hf.right),
    ] {
        if pieces.is_empty() {
            continue;
        }
        x.start(region, &[]);
        x.start("text:p", &[]);
        let mut first = true;
        let base = Font::default();
        // The text style of the current font, none for the default one.
        let mut style: Option<String> = None;
        for piece in pieces {
            if let HfPiece::Font(f) = piece {
                style = (f != &base).then(|| runs.name(f, &base));
                continue;
            }
            if let Some(s) = &style {
                x.start("text:span", &[("text:style-name", s)]);
                field(x, piece, first);
                x.end("text:span");
            } else {
                field(x, piece, first);
            }
            first = false;
        }
        x.end("text:p");
        x.end(region);
    }
    x.end(tag);
}

fn field(x: &mut XmlWriter, piece: &HfPiece, first: bool) {
    match piece {
        // Font changes are spans around the pieces that follow (see `regions`).
        HfPiece::Font(_) => {}
        // A line feed becomes a line break within the region's paragraph.
        HfPiece::Text(t) => write_text(x, t, first),
        HfPiece::PageNumber => {
            x.element("text:page-number", &[("text:select-page", "current")], "1")
        }
        HfPiece::PageCount => x.element("text:page-count", &[], "1"),
        HfPiece::Date => x.empty("text:date", &[]),
        HfPiece::Time => x.empty("text:time", &[]),
        HfPiece::SheetName => x.element("text:sheet-name", &[], "???"),
        HfPiece::FileName => x.element(
            "text:file-name",
            &[("text:display", "name-and-extension")],
            "???",
        ),
        HfPiece::FilePath => x.element("text:file-name", &[("text:display", "full")], "???"),
    }
}
