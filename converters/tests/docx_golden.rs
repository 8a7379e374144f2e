//! Golden tests of the DOCX → ODT converter: one small hand-written fixture per feature, and the
//! ODF it must give, compared structurally (attributes sorted, style names and dates ignored
//! where they are generated). Run with UMZUG_BLESS=1 to rewrite the expected files after a
//! reviewed change; the files live in `tests/golden/`.

mod support;

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use support::*;
use umzug_converters::{ConvertOptions, convert};
use zip::write::SimpleFileOptions;

#[test]
fn paragraphs_runs_and_direct_formatting() {
    golden_body(
        "runs",
        r#"<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="120" w:line="360" w:lineRule="auto"/><w:ind w:left="720" w:hanging="360"/></w:pPr>
        <w:r><w:rPr><w:b/><w:i/><w:u w:val="double"/><w:color w:val="FF0000"/><w:sz w:val="28"/><w:rFonts w:ascii="Arial"/></w:rPr><w:t xml:space="preserve">Bold  red </w:t></w:r>
        <w:r><w:rPr><w:strike/><w:vertAlign w:val="superscript"/><w:highlight w:val="yellow"/><w:smallCaps/></w:rPr><w:t>sup</w:t></w:r>
        <w:r><w:tab/><w:t>after tab</w:t><w:br/><w:t>next line</w:t><w:noBreakHyphen/><w:softHyphen/><w:sym w:font="Symbol" w:char="F0B7"/></w:r>
        <w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:tab/></w:r><w:r><w:t>a small tab before</w:t></w:r></w:p>"#,
        &[],
        &[],
    );
}

#[test]
fn styles_headings_and_defaults() {
    let styles = wrap(
        "styles",
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri"/><w:sz w:val="22"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
        <w:style w:type="character" w:styleId="Emph"><w:name w:val="My Emphasis"/><w:rPr><w:i/></w:rPr></w:style>"#,
    );
    let c = golden_body(
        "headings",
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rStyle w:val="Emph"/></w:rPr><w:t>styled</w:t></w:r></w:p>"#,
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    );
    check(
        "headings-styles",
        &canonical(&part(&c.odf, "styles.xml"), "office:styles"),
    );
    assert!(c.findings.iter().any(|f| f.code() == "fonts.substitute"));
}

#[test]
fn numbered_and_bulleted_lists() {
    let numbering = wrap(
        "numbering",
        r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/><w:lvlJc w:val="right"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Symbol"/></w:rPr></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#,
    );
    let item = |num: u32, lvl: u32, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let body = [
        item(1, 0, "one"),
        item(1, 1, "one-a"),
        item(1, 0, "two"),
        item(2, 0, "bullet"),
        // A direct indent without w:left keeps the level's left indent (ECMA-376-1 §17.3.1.12).
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:ind w:hanging="540"/></w:pPr><w:r><w:t>three</w:t></w:r></w:p>"#.to_string(),
    ]
    .concat();
    let c = golden_body(
        "lists",
        &body,
        &[("word/numbering.xml", numbering)],
        &[("rN", "numbering", "numbering.xml")],
    );
    let styles = part(&c.odf, "styles.xml");
    check("lists-styles", &canonical(&styles, "office:styles"));
    // The Symbol bullet keeps its character and font, declared as a symbol font so that
    // LibreOffice draws it through its OpenSymbol recoding.
    assert!(styles.contains(
        r#"<style:font-face style:name="Symbol" svg:font-family="Symbol" style:font-charset="x-symbol"/>"#
    ));
}

#[test]
fn tables_with_merges_borders_and_shading() {
    let cell = |pr: &str, text: &str| {
        format!(r#"<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
    };
    let body = format!(
        r#"<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:color="000000"/><w:bottom w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders><w:jc w:val="center"/></w:tblPr>
        <w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="3000"/><w:gridCol w:w="1000"/></w:tblGrid>
        <w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}</w:tr>
        <w:tr><w:trPr><w:cantSplit/></w:trPr>{}{}{}</w:tr>
        <w:tr>{}{}{}</w:tr></w:tbl><w:p/>"#,
        cell(
            r#"<w:gridSpan w:val="2"/><w:shd w:fill="D9D9D9"/>"#,
            "wide header"
        ),
        cell("", "h3"),
        cell(
            r#"<w:vMerge w:val="restart"/><w:vAlign w:val="center"/>"#,
            "tall"
        ),
        cell("", "b"),
        cell("", "c"),
        cell(r#"<w:vMerge/>"#, ""),
        cell("", "e"),
        cell("", "f"),
    );
    golden_body("tables", &body, &[], &[]);
}

#[test]
fn sections_headers_footers_and_page_fields() {
    let header = wrap(
        "hdr",
        r#"<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> of </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>NUMPAGES</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
    );
    let footer = wrap("ftr", r#"<w:p><w:r><w:t>Footer text</w:t></w:r></w:p>"#);
    let body = r#"<w:p><w:r><w:t>First section</w:t></w:r></w:p>
        <w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1134" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:pPr></w:p>
        <w:p><w:r><w:t>Landscape section</w:t></w:r><w:r><w:br w:type="page"/></w:r><w:r><w:t>after a page break</w:t></w:r></w:p>
        <w:sectPr><w:headerReference w:type="default" r:id="rH"/><w:footerReference w:type="default" r:id="rF"/><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/><w:pgNumType w:start="5"/><w:cols w:num="2" w:space="708"/><w:docGrid w:type="lines" w:linePitch="360"/></w:sectPr>"#;
    let c = golden_body(
        "sections",
        body,
        &[("word/header1.xml", header), ("word/footer1.xml", footer)],
        &[
            ("rH", "header", "header1.xml"),
            ("rF", "footer", "footer1.xml"),
        ],
    );
    let styles = part(&c.odf, "styles.xml");
    check(
        "sections-masters",
        &canonical(&styles, "office:master-styles"),
    );
    check(
        "sections-layouts",
        &canonical(&styles, "office:automatic-styles"),
    );
}

#[test]
fn notes_comments_links_bookmarks_and_fields() {
    let notes = wrap(
        "footnotes",
        r#"<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> The note.</w:t></w:r></w:p></w:footnote>"#,
    );
    let comments = wrap(
        "comments",
        r#"<w:comment w:id="0" w:author="Anna" w:date="2024-03-01T10:00:00Z"><w:p><w:r><w:t>Check this</w:t></w:r></w:p></w:comment>"#,
    );
    let body = r#"<w:p><w:bookmarkStart w:id="0" w:name="start"/><w:commentRangeStart w:id="0"/><w:r><w:t>Text</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r>
        <w:hyperlink r:id="rL"><w:r><w:t>a link</w:t></w:r></w:hyperlink><w:hyperlink w:anchor="start"><w:r><w:t>back</w:t></w:r></w:hyperlink><w:bookmarkEnd w:id="0"/>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE \@ "d.M.yyyy"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1.3.2024</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
        <w:ins w:id="5" w:author="B"><w:r><w:t> inserted</w:t></w:r></w:ins><w:del w:id="6" w:author="B"><w:r><w:delText>deleted</w:delText></w:r></w:del></w:p>"#;
    let c = golden_body(
        "notes",
        body,
        &[
            ("word/footnotes.xml", notes),
            ("word/comments.xml", comments),
        ],
        &[
            ("rFn", "footnotes", "footnotes.xml"),
            ("rC", "comments", "comments.xml"),
            ("rL", "hyperlink", "https://example.org/"),
        ],
    );
    // Tracked changes in the body stay tracked changes: nothing is accepted silently.
    assert!(
        !c.findings
            .iter()
            .any(|f| f.code() == "convert.tracked-changes-accepted")
    );
}

#[test]
fn pictures_text_boxes_and_charts() {
    // A 1x1 PNG.
    let png: Vec<u8> = vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0,
        0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 13, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let inline = r#"<w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/><wp:docPr id="1" name="Picture 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"#;
    let anchored = r#"<w:drawing><wp:anchor behindDoc="0"><wp:positionH relativeFrom="column"><wp:posOffset>914400</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="914400"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="2" name="Box"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"#;
    let chart = r#"<w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="3" name="Chart 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rCh"/></a:graphicData></a:graphic></wp:inline></w:drawing>"#;
    let body = [
        "<w:p><w:r>",
        inline,
        "</w:r><w:r>",
        anchored,
        "</w:r><w:r>",
        chart,
        "</w:r></w:p>",
    ]
    .concat();
    let bytes = with_binaries(
        docx(&body, &[], &[("rImg", "image", "media/image1.png")]),
        &[("word/media/image1.png", &png)],
    );
    let c = run(&bytes);
    let content = part(&c.odf, "content.xml");
    check("drawings", &canonical(&content, "office:text"));
    check(
        "drawings-auto",
        &canonical(&content, "office:automatic-styles"),
    );
    let mut z = zip::ZipArchive::new(Cursor::new(&c.odf)).unwrap();
    let mut data = Vec::new();
    z.by_name("Pictures/image1.png")
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    assert_eq!(data, png, "the picture is carried unchanged");
    assert!(c.findings.iter().any(|f| f.code() == "convert.chart"));
}

#[test]
fn unknown_content_is_skipped_and_recorded() {
    let c = run(&docx(
        r#"<w:p><w:r><w:t>kept</w:t></w:r><w:futureThing/><w:futureThing/></w:p><w:altChunk r:id="x"/>"#,
        &[],
        &[],
    ));
    let f = c
        .findings
        .iter()
        .find(|f| matches!(&f.kind, umzug_converters::FindingKind::Unsupported { element } if element == "w:futureThing"))
        .expect("a finding for w:futureThing");
    assert_eq!(f.count, 2);
    assert_eq!(f.location.as_deref(), Some("word/document.xml"));
    assert!(c.findings.iter().any(|f| matches!(&f.kind, umzug_converters::FindingKind::Unsupported { element } if element == "w:altChunk")));
}

#[test]
fn templates_become_ott_and_meta_is_carried() {
    let mut bytes = docx("<w:p/>", &[], &[]);
    // Turn the fixture into a template by its main content type.
    let mut z = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        let name = f.name().unwrap().to_string();
        if name == "[Content_Types].xml" {
            data = String::from_utf8(data)
                .unwrap()
                .replace("document.main", "template.main")
                .into_bytes();
        }
        if name == "_rels/.rels" {
            data = String::from_utf8(data).unwrap().replace("</Relationships>", r#"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#).into_bytes();
        }
        w.start_file(name, SimpleFileOptions::default()).unwrap();
        w.write_all(&data).unwrap();
    }
    w.start_file("docProps/core.xml", SimpleFileOptions::default())
        .unwrap();
    w.write_all(br#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Antrag</dc:title><dc:creator>Amt 12</dc:creator><dcterms:created>2020-01-02T03:04:05Z</dcterms:created></cp:coreProperties>"#).unwrap();
    w.start_file("docProps/app.xml", SimpleFileOptions::default())
        .unwrap();
    w.write_all(br#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template><TotalTime>75</TotalTime><Pages>3</Pages><Words>670</Words><Characters>3825</Characters><CharactersWithSpaces>4487</CharactersWithSpaces><Paragraphs>8</Paragraphs><Company>Stadt Musterhausen</Company></Properties>"#).unwrap();
    bytes = w.finish().unwrap().into_inner();
    let c = convert(Cursor::new(&bytes), Some("dotx"), ConvertOptions::default()).unwrap();
    assert_eq!(c.extension, "ott");
    let meta = part(&c.odf, "meta.xml");
    assert!(meta.contains("<dc:title>Antrag</dc:title>"), "{meta}");
    assert!(
        meta.contains("<meta:initial-creator>Amt 12</meta:initial-creator>"),
        "{meta}"
    );
    assert!(
        meta.contains("<meta:creation-date>2020-01-02T03:04:05</meta:creation-date>"),
        "{meta}"
    );
    // Application properties: template, editing time, statistics, company.
    for expected in [
        // The template's name, with no location to link to (as LibreOffice's import).
        r#"xlink:title="Normal.dotm""#,
        r#"xlink:href="""#,
        "<meta:editing-duration>PT1H15M</meta:editing-duration>",
        r#"meta:page-count="3""#,
        r#"meta:word-count="670""#,
        r#"meta:character-count="4487""#,
        r#"meta:non-whitespace-character-count="3825""#,
        r#"meta:paragraph-count="8""#,
        r#"<meta:user-defined meta:name="Company">Stadt Musterhausen</meta:user-defined>"#,
    ] {
        assert!(meta.contains(expected), "{expected} missing from {meta}");
    }
    let mime = part(&c.odf, "mimetype");
    assert_eq!(mime, "application/vnd.oasis.opendocument.text-template");
}

#[test]
fn paragraph_frames_and_drop_caps() {
    let body = r#"<w:p><w:pPr><w:framePr w:dropCap="drop" w:lines="3" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/></w:pPr><w:r><w:t>D</w:t></w:r></w:p>
        <w:p><w:r><w:t>rop capital paragraph.</w:t></w:r></w:p>
        <w:p><w:pPr><w:framePr w:w="2880" w:hSpace="180" w:wrap="around" w:vAnchor="page" w:hAnchor="page" w:x="1440" w:y="7200"/></w:pPr><w:r><w:t>Framed one</w:t></w:r></w:p>
        <w:p><w:pPr><w:framePr w:w="2880" w:hSpace="180" w:wrap="around" w:vAnchor="page" w:hAnchor="page" w:x="1440" w:y="7200"/></w:pPr><w:r><w:t>Framed two</w:t></w:r></w:p>
        <w:p><w:r><w:t>Flowing text after the frame.</w:t></w:r></w:p>
        <w:p><w:pPr><w:framePr w:wrap="around" w:vAnchor="text" w:hAnchor="text" w:y="1"/></w:pPr><w:r><w:t>A frame as wide as its text</w:t></w:r></w:p>
        <w:p><w:r><w:t>After the frame without a width.</w:t></w:r></w:p>"#;
    // Without w:w a frame is as wide as its text: no svg:width, a text box with fo:min-width.
    golden_body("frames", body, &[], &[]);
}

#[test]
fn charts_become_embedded_odf_charts() {
    let chart = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/charts/poi-bar-chart-template-chart1.xml"),
    )
    .unwrap();
    let drawing = r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="3" name="Chart 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rCh"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#;
    let c = run(&docx(
        drawing,
        &[("word/charts/chart1.xml", chart)],
        &[("rCh", "chart", "charts/chart1.xml")],
    ));
    check(
        "charts",
        &canonical(&part(&c.odf, "content.xml"), "office:text"),
    );
    let manifest = part(&c.odf, "META-INF/manifest.xml");
    assert!(
        manifest.contains(r#"manifest:full-path="Object 1/" manifest:media-type="application/vnd.oasis.opendocument.chart""#),
        "{manifest}"
    );
    let object = part(&c.odf, "Object 1/content.xml");
    assert!(object.contains("chart:class=\"chart:bar\""), "{object}");
    assert!(
        !c.findings.iter().any(|f| f.code() == "convert.chart"),
        "a converted chart is no loss"
    );
}

#[test]
fn even_page_headers_follow_the_settings() {
    let header = |text: &str| {
        wrap(
            "hdr",
            &format!(r#"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"#),
        )
    };
    let body = r#"<w:p><w:r><w:t>Body</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rD"/><w:headerReference w:type="even" r:id="rE"/><w:headerReference w:type="first" r:id="rF"/><w:pgSz w:w="12240" w:h="15840"/></w:sectPr>"#;
    let parts = |settings: &str| {
        vec![
            ("word/h1.xml", header("Default")),
            ("word/h2.xml", header("Even")),
            ("word/h3.xml", header("First")),
            ("word/settings.xml", wrap("settings", settings)),
        ]
    };
    let rels = [
        ("rD", "header", "h1.xml"),
        ("rE", "header", "h2.xml"),
        ("rF", "header", "h3.xml"),
        ("rS", "settings", "settings.xml"),
    ];
    let without = run(&docx(body, &parts(""), &rels));
    let styles = part(&without.odf, "styles.xml");
    assert!(styles.contains("Default"), "{styles}");
    assert!(
        !styles.contains("Even") && !styles.contains("style:header-left"),
        "{styles}"
    );
    assert!(
        !styles.contains("First"),
        "without w:titlePg the first-page header is unused"
    );
    let with = run(&docx(body, &parts("<w:evenAndOddHeaders/>"), &rels));
    let styles = part(&with.odf, "styles.xml");
    assert!(
        styles.contains("<style:header-left>") && styles.contains("Even"),
        "{styles}"
    );
}

#[test]
fn table_styles_give_cell_paragraphs_their_spacing() {
    let styles = wrap(
        "styles",
        r#"<w:docDefaults><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Spaced"><w:name w:val="Spaced"/><w:pPr><w:spacing w:after="480"/></w:pPr></w:style>
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
        <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/></w:tblBorders></w:tblPr></w:style>"#,
    );
    let body = r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid>
        <w:tr><w:tc><w:p><w:r><w:t>tight</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Spaced"/></w:pPr><w:r><w:t>style wins</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>"#;
    golden_body(
        "table-style",
        body,
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    );
}

#[test]
fn table_style_conditional_formatting_marks_the_header_row_and_bands() {
    let styles = wrap(
        "styles",
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="table" w:styleId="Fancy"><w:name w:val="Fancy"/>
          <w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:shd w:val="clear" w:fill="4472C4"/></w:tcPr></w:tblStylePr>
          <w:tblStylePr w:type="band1Horz"><w:tcPr><w:shd w:val="clear" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr></w:style>"#,
    );
    let row =
        |t: &str| format!(r#"<w:tr><w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc></w:tr>"#);
    let body = format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="Fancy"/><w:tblLook w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid>{}{}{}</w:tbl><w:p/>"#,
        row("Head"),
        row("odd"),
        row("even")
    );
    golden_body(
        "table-conditional",
        &body,
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    );
}

#[test]
fn html_auto_spacing_follows_the_compatibility_setting() {
    // Not the first paragraph: automatic spacing above the first one is dropped.
    let body = r#"<w:p/><w:p><w:pPr><w:spacing w:before="100" w:beforeAutospacing="1" w:after="100" w:afterAutospacing="1"/></w:pPr><w:r><w:t>web text</w:t></w:r></w:p>"#;
    let auto = run(&docx(body, &[], &[]));
    assert!(
        part(&auto.odf, "content.xml").contains(r#"fo:margin-top="0.1944in""#),
        "14pt automatic spacing"
    );
    let settings = wrap(
        "settings",
        "<w:compat><w:doNotUseHTMLParagraphAutoSpacing/></w:compat>",
    );
    let explicit = run(&docx(
        body,
        &[("word/settings.xml", settings)],
        &[("rS", "settings", "settings.xml")],
    ));
    assert!(
        part(&explicit.odf, "content.xml").contains(r#"fo:margin-top="0.0694in""#),
        "the explicit 100 twips under w:doNotUseHTMLParagraphAutoSpacing"
    );
}

#[test]
fn plain_shapes_keep_their_size_fill_and_outline() {
    let shape = |prst: &str| {
        format!(
            r#"<w:r><w:drawing><wp:anchor behindDoc="1"><wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="7772400" cy="914400"/><wp:wrapNone/><wp:docPr id="9" name="Band"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:spPr><a:prstGeom prst="{prst}"/><a:solidFill><a:srgbClr val="E36C0A"/></a:solidFill><a:ln w="12700"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"#
        )
    };
    let body = [
        "<w:p>",
        &shape("rect"),
        &shape("rect"),
        &shape("ellipse"),
        &shape("cloud"),
        "</w:p>",
    ]
    .concat();
    let c = run(&docx(&body, &[], &[]));
    let content = part(&c.odf, "content.xml");
    assert!(
        content.contains(r##"fo:border="1pt solid #000000""##),
        "{content}"
    );
    // Rectangles (one deduplicated style) and the unknown cloud are boxes; the cloud's outline
    // is approximated, and says so.
    assert_eq!(content.matches("<draw:frame").count(), 3);
    assert!(c.findings.iter().any(|f| matches!(&f.kind, umzug_converters::FindingKind::Unsupported { element } if element.contains("cloud"))));
    // The ellipse keeps its outline: a custom shape with its path, line and fill.
    assert_eq!(content.matches("<draw:custom-shape").count(), 1);
    assert!(
        content.contains(r#"svg:viewBox="0 0 7772400 914400""#)
            && content.contains(r#"draw:enhanced-path="M 0 457200 C "#),
        "{content}"
    );
    assert!(
        content
            .contains(r##"draw:stroke="solid" svg:stroke-color="#000000" svg:stroke-width="1pt""##),
        "{content}"
    );
    assert!(!c.findings.iter().any(|f| matches!(&f.kind, umzug_converters::FindingKind::Unsupported { element } if element.contains("ellipse"))));
}

/// `docx` with binary parts added (pictures, embedded objects).
fn with_binaries(docx: Vec<u8>, binaries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        w.start_file(f.name().unwrap().to_string(), SimpleFileOptions::default())
            .unwrap();
        w.write_all(&data).unwrap();
    }
    for (name, data) in binaries {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The smallest valid OLE compound file (MS-CFB §2, version 3): a header, one FAT sector and one
/// directory sector holding an empty root storage.
fn empty_compound_file() -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    let mut f = vec![0u8; 512 * 3];
    let put16 =
        |f: &mut Vec<u8>, at: usize, v: u16| f[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |f: &mut Vec<u8>, at: usize, v: u32| f[at..at + 4].copy_from_slice(&v.to_le_bytes());
    f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put16(&mut f, 24, 0x003E); // minor version
    put16(&mut f, 26, 3); // major version: 512-byte sectors
    put16(&mut f, 28, 0xFFFE); // byte order
    put16(&mut f, 30, 9); // sector shift
    put16(&mut f, 32, 6); // mini sector shift
    put32(&mut f, 44, 1); // FAT sectors
    put32(&mut f, 48, 1); // first directory sector
    put32(&mut f, 56, 0x1000); // mini stream cutoff
    put32(&mut f, 60, END); // no mini FAT
    put32(&mut f, 68, END); // no DIFAT sectors
    put32(&mut f, 76, 0); // DIFAT[0]: the FAT is sector 0
    for i in 1..109 {
        put32(&mut f, 76 + 4 * i, FREE);
    }
    // Sector 0, the FAT: itself, then the directory's one-sector chain.
    put32(&mut f, 512, 0xFFFF_FFFD);
    put32(&mut f, 516, END);
    for i in 2..128 {
        put32(&mut f, 512 + 4 * i, FREE);
    }
    // Sector 1, the directory: the root entry and three unused ones.
    let dir = 1024;
    for (i, c) in "Root Entry".encode_utf16().enumerate() {
        put16(&mut f, dir + 2 * i, c);
    }
    put16(&mut f, dir + 64, 22); // name length with its terminator
    f[dir + 66] = 5; // root storage
    f[dir + 67] = 1; // black
    for e in 0..4 {
        for link in [68, 72, 76] {
            put32(&mut f, dir + 128 * e + link, FREE);
        }
    }
    put32(&mut f, dir + 116, END); // no mini stream
    f
}

#[test]
fn embedded_ole_objects_become_object_ole_frames_with_their_preview() {
    // A 1x1 PNG.
    let png: Vec<u8> = vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0,
        0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 13, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let cfb = empty_compound_file();
    let object = |image: &str, ole: &str, prog_id: &str| {
        format!(
            r##"<w:r><w:object xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" w:dxaOrig="1200" w:dyaOrig="600"><v:shape id="s1" type="#_x0000_t75" style="width:60pt;height:30pt" o:ole=""><v:imagedata r:id="{image}" o:title=""/></v:shape><o:OLEObject Type="Embed" ProgID="{prog_id}" ShapeID="s1" DrawAspect="Content" ObjectID="_1" r:id="{ole}"/></w:object></w:r>"##
        )
    };
    let body = [
        "<w:p>",
        &object("rImg1", "rOle", "Equation.3"),
        "</w:p><w:p>",
        &object("rImg2", "rPkg", "Excel.Sheet.12"),
        "</w:p><w:p>",
        // The newer form: a DrawingML picture and w:objectEmbed (ISO/IEC 29500-1:2012 §17.3.3.20).
        r#"<w:r><w:object><w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/><wp:docPr id="4" name="Object 4"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rImg1"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing><w:objectEmbed w:drawAspect="icon" r:id="rOle2" w:progId="Word.Document.8" w:shapeId="4"/></w:object></w:r>"#,
        "</w:p>",
    ]
    .concat();
    let bytes = with_binaries(
        docx(
            &body,
            &[],
            &[
                ("rImg1", "image", "media/image1.png"),
                ("rOle", "oleObject", "embeddings/oleObject1.bin"),
                ("rImg2", "image", "media/image2.png"),
                ("rPkg", "package", "embeddings/Sheet1.xlsx"),
                ("rOle2", "oleObject", "embeddings/oleObject2.bin"),
            ],
        ),
        &[
            ("word/media/image1.png", &png),
            ("word/embeddings/oleObject1.bin", &cfb),
            ("word/embeddings/oleObject2.bin", &cfb),
            ("word/media/image2.png", &png),
            // A bare package, not a compound file: it keeps only its preview.
            (
                "word/embeddings/Sheet1.xlsx",
                b"PK\x03\x04 not really a workbook",
            ),
        ],
    );
    let c = run(&bytes);
    check(
        "objects",
        &canonical(&part(&c.odf, "content.xml"), "office:text"),
    );
    // How the object is drawn: its content, or its icon (OLE's DVASPECT values).
    let content = part(&c.odf, "content.xml");
    assert!(content.contains(r#"draw:ole-draw-aspect="1""#), "{content}");
    assert!(content.contains(r#"draw:ole-draw-aspect="4""#), "{content}");
    let manifest = part(&c.odf, "META-INF/manifest.xml");
    for entry in [
        r#"manifest:full-path="Obj1" manifest:media-type="application/vnd.sun.star.oleobject""#,
        r#"manifest:full-path="ObjectReplacements/Obj1" manifest:media-type="image/png""#,
        r#"manifest:full-path="Pictures/image1.png" manifest:media-type="image/png""#,
    ] {
        assert!(manifest.contains(entry), "{entry} in {manifest}");
    }
    assert_eq!(
        manifest.matches("vnd.sun.star.oleobject").count(),
        2,
        "the bare package is not carried: {manifest}"
    );
    let bytes_of = |name: &str| {
        let mut z = zip::ZipArchive::new(Cursor::new(&c.odf)).unwrap();
        let mut data = Vec::new();
        z.by_name(name).unwrap().read_to_end(&mut data).unwrap();
        data
    };
    assert_eq!(
        bytes_of("Obj1"),
        cfb,
        "the compound file is carried unchanged"
    );
    assert_eq!(bytes_of("ObjectReplacements/Obj1"), png);
    let ole: Vec<_> = c
        .findings
        .iter()
        .filter_map(|f| match &f.kind {
            umzug_converters::FindingKind::OleObject { prog_id, carried } => {
                Some((prog_id.as_str(), *carried))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        ole,
        [
            ("Equation.3", true),
            ("Excel.Sheet.12", false),
            ("Word.Document.8", true)
        ]
    );
}

#[test]
fn deletions_keep_text_inside_nested_insertions_and_links() {
    // A move source holding an insertion, and a deletion holding a hyperlink: the deleted
    // region keeps all of its text, in order.
    let body = r#"<w:p><w:moveFrom w:id="1" w:author="A"><w:r><w:t>a</w:t></w:r><w:ins w:id="2" w:author="A"><w:r><w:t>b</w:t></w:r></w:ins><w:r><w:t>c</w:t></w:r></w:moveFrom><w:del w:id="3" w:author="A"><w:hyperlink w:anchor="x"><w:r><w:delText>link</w:delText></w:r></w:hyperlink></w:del></w:p>"#;
    let c = run(&docx(body, &[], &[]));
    let content = part(&c.odf, "content.xml");
    let changes = &content[content.find("<text:tracked-changes").unwrap()
        ..content.find("</text:tracked-changes>").unwrap()];
    let text: String = changes
        .split('<')
        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
        .collect();
    // Each region also holds its author and (missing here) date.
    assert_eq!(text.replace("A1970-01-01T00:00:00", ""), "abclink");
}

#[test]
fn continuous_section_with_own_header_starts_its_page_style_at_its_page_break() {
    // As LibreOffice imports it: a continuous section (ECMA-376-1 §17.18.77) cannot change the
    // header mid-page, so its master page starts at the first page break inside the section;
    // a continuous section that only inherits its headers starts no master page.
    let header = wrap("hdr", r#"<w:p><w:r><w:t>Second header</w:t></w:r></w:p>"#);
    let sect = |extra: &str| {
        format!(
            r#"<w:sectPr>{extra}<w:type w:val="continuous"/><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>"#
        )
    };
    let body = format!(
        r#"<w:p><w:pPr>{}</w:pPr><w:r><w:t>A</w:t></w:r></w:p>
        <w:p><w:pPr>{}</w:pPr><w:r><w:t>B continuous, inherited header</w:t></w:r></w:p>
        <w:p><w:r><w:t>C before the break</w:t></w:r></w:p>
        <w:p><w:r><w:br w:type="page"/></w:r></w:p>
        <w:p><w:r><w:t>D under the second header</w:t></w:r></w:p>{}"#,
        sect(""),
        sect(""),
        sect(r#"<w:headerReference w:type="default" r:id="rH"/>"#),
    );
    let c = golden_body(
        "continuous-header",
        &body,
        &[("word/header1.xml", header)],
        &[("rH", "header", "header1.xml")],
    );
    check(
        "continuous-header-masters",
        &canonical(&part(&c.odf, "styles.xml"), "office:master-styles"),
    );
}
