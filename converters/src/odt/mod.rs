//! The ODT writer: a [`TextDocument`] as an ODF 1.3 text document (or template) package.

mod content;
mod fields;
mod fonts;
mod frames;
mod objects;
mod props;
mod styles;
mod tables;

use crate::findings::Findings;
use crate::odf::{OdfPackage, XmlWriter, start_root};
use crate::text::TextDocument;

use content::Writer;
use styles::{AutoStyles, StyleInfo, write_common, write_page_layout};

/// Layout compatibility settings LibreOffice itself applies to Word documents, so that the ODF
/// file lays out as LibreOffice lays out the original. They live in settings.xml, ODF's standard
/// place for application settings (ODF 1.3 §3.10).
const COMPAT_SETTINGS: [(&str, &str); 23] = [
    ("TabsRelativeToIndent", "false"),
    ("AddParaTableSpacing", "false"),
    ("AddParaTableSpacingAtStart", "true"),
    ("AddExternalLeading", "true"),
    ("UseFormerLineSpacing", "false"),
    ("UseFormerTextWrapping", "false"),
    ("UseFormerObjectPositioning", "false"),
    ("TabOverflow", "true"),
    ("TabOverSpacing", "true"),
    ("TabAtLeftIndentForParagraphsInList", "true"),
    ("AddParaSpacingToTableCells", "true"),
    ("AddParaLineSpacingToTableCells", "true"),
    ("HeaderSpacingBelowLastPara", "true"),
    ("PropLineSpacingShrinksFirstLine", "true"),
    ("ApplyParagraphMarkFormatToNumbering", "true"),
    ("MsWordCompTrailingBlanks", "true"),
    ("CollapseEmptyCellPara", "true"),
    ("DoNotCaptureDrawObjsOnPage", "true"),
    // Word measures a line by its text's font even where the line holds only blanks, tabs or
    // an as-character object (a horizontal rule's paragraph keeps a full line's height);
    // LibreOffice's Word import switches this on.
    ("IgnoreTabsAndBlanksForLineCalculation", "true"),
    // A frame without a width of its own is as wide as its widest paragraph, also when it holds
    // several (Word's auto-width frames), and a paragraph's background is drawn over drawings
    // behind the text: both as LibreOffice's Word import sets them.
    ("FrameAutowidthWithMorePara", "true"),
    ("BackgroundParaOverDrawings", "true"),
    // Word lets a shape reach past the page edge (a page-wide frame centred on a narrower
    // page starts left of it); LibreOffice's Word import keeps such positions.
    ("DisableOffPagePositioning", "true"),
    // LibreOffice's Word import sets this false. An ODF file without it gets the other value,
    // under which as-character objects wider than their column are drawn differently from
    // LibreOffice's rendering of the Word file (uncut, and embedded charts in them lay their
    // axis labels out anew, turned).
    ("ClipAsCharacterAnchoredWriterFlyFrames", "false"),
];

fn settings(doc: &TextDocument) -> Vec<u8> {
    let mut x = XmlWriter::new();
    crate::odf::start_settings(&mut x);
    x.start(
        "config:config-item-set",
        &[("config:name", "ooo:configuration-settings")],
    );
    for (name, value) in COMPAT_SETTINGS {
        x.element(
            "config:config-item",
            &[("config:name", name), ("config:type", "boolean")],
            value,
        );
    }
    // Word 2013 and later (compatibility mode 15) drop some of Word's older layout rules (a
    // tab may no longer run past the right margin, among others); LibreOffice's import switches
    // the matching settings off for those documents only, and so do we.
    let old_word = if doc.compat_mode >= 15 {
        "false"
    } else {
        "true"
    };
    let per_document = [
        ("TabOverMargin", old_word),
        ("AddFrameOffsets", old_word),
        ("MsWordCompMinLineHeightByFly", old_word),
        (
            "DoNotJustifyLinesWithManualBreak",
            if doc.no_justify_manual_breaks {
                "true"
            } else {
                "false"
            },
        ),
    ];
    for (name, value) in per_document {
        x.element(
            "config:config-item",
            &[("config:name", name), ("config:type", "boolean")],
            value,
        );
    }
    x.end("config:config-item-set");
    x.end("office:settings");
    x.end("office:document-settings");
    x.into_bytes()
}

/// meta.xml from document properties (shared by the ODS writer).
pub(crate) fn meta_xml(m: &crate::text::Meta) -> Vec<u8> {
    let mut x = XmlWriter::new();
    start_root(&mut x, "office:document-meta");
    x.start("office:meta", &[]);
    x.element(
        "meta:generator",
        &[],
        concat!("Umzug/", env!("CARGO_PKG_VERSION")),
    );
    let put = |x: &mut XmlWriter, tag: &str, v: &Option<String>| {
        if let Some(v) = v {
            x.element(tag, &[], v);
        }
    };
    put(&mut x, "dc:title", &m.title);
    put(&mut x, "dc:description", &m.description);
    put(&mut x, "dc:subject", &m.subject);
    if let Some(k) = &m.keywords {
        for kw in k.split([',', ';']).map(str::trim).filter(|k| !k.is_empty()) {
            x.element("meta:keyword", &[], kw);
        }
    }
    put(&mut x, "meta:initial-creator", &m.creator);
    put(&mut x, "dc:creator", &m.last_modified_by);
    let date = |v: &Option<String>| {
        v.as_ref()
            .filter(|d| d.len() >= 19)
            .map(|d| d.trim_end_matches('Z').to_string())
    };
    put(&mut x, "meta:creation-date", &date(&m.created));
    put(&mut x, "dc:date", &date(&m.modified));
    put(&mut x, "meta:print-date", &date(&m.printed));
    if let Some(r) = m.revision.as_ref().filter(|r| r.parse::<u32>().is_ok()) {
        x.element("meta:editing-cycles", &[], r);
    }
    if let Some(t) = &m.template {
        // ODF 1.3 §4.3.2.x meta:template: the template the document came from. Word's
        // extended properties name it but do not say where it is, so the link is empty, as in
        // LibreOffice's own import (a consumer would otherwise resolve the bare name against
        // the document's own location).
        x.empty_owned(
            "meta:template",
            &[
                ("xlink:type", "simple".to_string()),
                ("xlink:actuate", "onRequest".to_string()),
                ("xlink:href", String::new()),
                ("xlink:title", t.clone()),
            ],
        );
    }
    if let Some(minutes) = m.editing_minutes {
        let d = format!("PT{}H{}M", minutes / 60, minutes % 60);
        x.element("meta:editing-duration", &[], &d);
    }
    let stats: Vec<(&str, String)> = [
        ("meta:page-count", m.pages),
        ("meta:paragraph-count", m.paragraphs),
        ("meta:word-count", m.words),
        ("meta:character-count", m.characters_with_spaces),
        ("meta:non-whitespace-character-count", m.characters),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v.to_string())))
    .collect();
    if !stats.is_empty() {
        x.empty_owned("meta:document-statistic", &stats);
    }
    let app = [("Company", &m.company), ("Manager", &m.manager)];
    for (name, value) in app.iter().filter_map(|(n, v)| v.as_ref().map(|v| (*n, v))) {
        // A custom property of the same name wins: it is listed below.
        if !m.custom.iter().any(|(c, _)| c == name) {
            x.element("meta:user-defined", &[("meta:name", name)], value);
        }
    }
    for (name, value) in &m.custom {
        x.element("meta:user-defined", &[("meta:name", name)], value);
    }
    x.end("office:meta");
    x.end("office:document-meta");
    x.into_bytes()
}

/// One master page to write: its page layout, the page style that follows it, its stories.
struct MasterPage {
    name: String,
    layout: String,
    next: Option<String>,
    header: Option<usize>,
    header_even: Option<usize>,
    footer: Option<usize>,
    footer_even: Option<usize>,
}

/// The frame size of chart `i`, wherever in the document it is placed.
fn chart_size(doc: &TextDocument, i: usize) -> (crate::units::Twips, crate::units::Twips) {
    use crate::text::{Block, Inline};
    fn in_inlines(
        inlines: &[Inline],
        i: usize,
    ) -> Option<(crate::units::Twips, crate::units::Twips)> {
        inlines.iter().find_map(|x| match x {
            Inline::Chart(c) if c.chart == i => Some((c.width, c.height)),
            Inline::Link { inlines, .. } => in_inlines(inlines, i),
            Inline::TextBox(t) => in_blocks(&t.blocks, i),
            _ => None,
        })
    }
    fn in_blocks(blocks: &[Block], i: usize) -> Option<(crate::units::Twips, crate::units::Twips)> {
        blocks.iter().find_map(|b| match b {
            Block::Para(p) => in_inlines(&p.inlines, i),
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .find_map(|c| in_blocks(&c.blocks, i)),
        })
    }
    in_blocks(&doc.body, i)
        .or_else(|| doc.stories.iter().find_map(|s| in_blocks(s, i)))
        .or_else(|| {
            doc.footnotes
                .values()
                .chain(doc.endnotes.values())
                .find_map(|b| in_blocks(b, i))
        })
        .unwrap_or((crate::units::Twips(8640), crate::units::Twips(5040)))
}

/// Writes the package; font findings are added to `findings`.
pub fn write(
    doc: &TextDocument,
    template: bool,
    findings: &mut Findings,
) -> std::io::Result<Vec<u8>> {
    let info = StyleInfo::build(doc);
    let mut w = Writer::new(doc, &info);

    // styles.xml parts: page layouts and master pages with their headers and footers.
    let mut header_auto = AutoStyles::new("MP");
    let mut masters = XmlWriter::fragment();
    let mut layouts = XmlWriter::fragment();
    let mut master_names = Vec::new();
    masters.start("office:master-styles", &[]);
    for (i, s) in doc.sections.iter().enumerate() {
        let name = if i == 0 {
            "Standard".to_string()
        } else {
            format!("Section{}", i + 1)
        };
        // Even-page stories apply only under w:evenAndOddHeaders (ECMA-376-1 §17.10.1).
        let even = |v: Option<usize>| v.filter(|_| doc.even_and_odd_headers);
        let page = MasterPage {
            name: name.clone(),
            layout: format!("pm{}", i + 1),
            next: None,
            header: s.header.or(even(s.header_even)),
            header_even: even(s.header_even),
            footer: s.footer.or(even(s.footer_even)),
            footer_even: even(s.footer_even),
        };
        // A title page (w:titlePg) is a page style of its own that hands over to the section's
        // style after one page (ODF 1.3 §16.9 style:next-style-name), as LibreOffice imports it:
        // without its own header or footer, it has none and its margins are the page margins.
        let first = s.title_page.then(|| MasterPage {
            name: format!("First{}", i + 1),
            layout: format!("pmf{}", i + 1),
            next: Some(name.clone()),
            header: s.header_first,
            header_even: None,
            footer: s.footer_first,
            footer_even: None,
        });
        for m in [Some(&page), first.as_ref()].into_iter().flatten() {
            write_page_layout(
                &mut layouts,
                &m.layout,
                s,
                m.header.is_some(),
                m.footer.is_some(),
                doc.page_background,
            );
            let mut attrs = vec![
                ("style:name", m.name.clone()),
                ("style:page-layout-name", m.layout.clone()),
            ];
            if let Some(next) = &m.next {
                attrs.push(("style:next-style-name", next.clone()));
            }
            masters.start_owned("style:master-page", &attrs);
            // ODF 1.3 §16.10: header, header-left (even pages); then the footers.
            let kinds = [
                ("style:header", m.header, m.header_even),
                ("style:footer", m.footer, m.footer_even),
            ];
            // Under w:evenAndOddHeaders an even page without an even story of its own (here
            // or inherited) has an empty header or footer (ECMA-376-1 §17.10.1); LibreOffice's
            // import writes an empty header-left for it.
            let blank_even = doc.even_and_odd_headers && m.next.is_none();
            for (tag, default, even_story) in kinds {
                let Some(default) = default else { continue };
                for (tag, story) in [
                    (tag.to_string(), Some(default)),
                    (format!("{tag}-left"), even_story),
                ] {
                    match story.and_then(|i| doc.stories.get(i)) {
                        Some(blocks) => {
                            masters.start(&tag, &[]);
                            w.blocks(&mut header_auto, &mut masters, blocks);
                            masters.end(&tag);
                        }
                        None if blank_even && story.is_none() => {
                            masters.start(&tag, &[]);
                            masters.empty("text:p", &[]);
                            masters.end(&tag);
                        }
                        None => {}
                    }
                }
            }
            masters.end("style:master-page");
        }
        master_names.push((first.map_or_else(|| name.clone(), |f| f.name), name));
    }
    masters.end("office:master-styles");

    // content.xml body.
    let mut body_auto = AutoStyles::new("P");
    let mut body = XmlWriter::fragment();
    body.start("office:body", &[]);
    body.start("office:text", &[]);
    w.body(&mut body_auto, &mut body, &master_names);
    body.end("office:text");
    body.end("office:body");

    let common = write_common(doc, &info, &mut w.fonts);
    w.fonts.findings(findings);

    let mut styles = XmlWriter::new();
    start_root(&mut styles, "office:document-styles");
    w.fonts.write(&mut styles);
    styles.append(common);
    styles.start("office:automatic-styles", &[]);
    styles.append(layouts);
    styles.append(header_auto.x);
    styles.end("office:automatic-styles");
    styles.append(masters);
    styles.end("office:document-styles");

    let mut content = XmlWriter::new();
    start_root(&mut content, "office:document-content");
    w.fonts.write(&mut content);
    content.start("office:automatic-styles", &[]);
    content.append(body_auto.x);
    content.end("office:automatic-styles");
    content.append(body);
    content.end("office:document-content");

    let mime = if template {
        "application/vnd.oasis.opendocument.text-template"
    } else {
        "application/vnd.oasis.opendocument.text"
    };
    let mut pkg = OdfPackage::new(mime);
    pkg.add("content.xml", "text/xml", content.into_bytes());
    pkg.add("styles.xml", "text/xml", styles.into_bytes());
    pkg.add("meta.xml", "text/xml", meta_xml(&doc.meta));
    pkg.add("settings.xml", "text/xml", settings(doc));
    for img in &doc.images {
        pkg.add(img.path.clone(), img.media_type, img.data.clone());
    }
    objects::add_all(&mut pkg, doc);
    for (i, chart) in doc.charts.iter().enumerate() {
        let folder = format!("Object {}", i + 1);
        let size = chart_size(doc, i);
        pkg.add_folder(format!("{folder}/"), crate::chart::odf::MEDIA_TYPE);
        for (path, media_type, data) in crate::chart::odf::write(chart, size.0, size.1) {
            pkg.add(format!("{folder}/{path}"), media_type, data);
        }
    }
    for (i, formula) in doc.formulas.iter().enumerate() {
        let folder = format!("Object {}", doc.charts.len() + i + 1);
        pkg.add_folder(format!("{folder}/"), crate::math::mathml::MEDIA_TYPE);
        for (path, media_type, data) in crate::math::mathml::write(formula) {
            pkg.add(format!("{folder}/{path}"), media_type, data);
        }
    }
    pkg.finish()
}
