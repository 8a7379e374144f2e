//! Golden tests of the DOCX → ODT converter for page layout, tables and document fields: what
//! LibreOffice's own import does with them decides the expected ODF.

mod support;

use support::*;

#[test]
fn document_property_fields_become_document_information_fields() {
    // DOCPROPERTY fields ODF has a field for (ODF 1.3 §7.5) become that field, simple or complex;
    // the others (Author, CreateTime, Bytes...) keep the result Word saved.
    let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>The title</dc:title><cp:lastModifiedBy>Bea</cp:lastModifiedBy><cp:revision>9</cp:revision><cp:lastPrinted>2013-04-06T00:02:00Z</cp:lastPrinted></cp:coreProperties>"#;
    let field = |instr: &str, result: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        )
    };
    let body = format!(
        r#"<w:p>{}<w:r><w:tab/></w:r>{}<w:r><w:tab/></w:r>{}</w:p>
        <w:p><w:fldSimple w:instr=" DOCPROPERTY  RevisionNumber  \* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:fldSimple w:instr=" DOCPROPERTY Words "><w:r><w:t>35</w:t></w:r></w:fldSimple><w:fldSimple w:instr=" DOCPROPERTY LastPrinted "><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>
        <w:p><w:fldSimple w:instr=" DOCPROPERTY Author "><w:r><w:t>Word's author</w:t></w:r></w:fldSimple></w:p>"#,
        field(r#"DOCPROPERTY  Title  \* MERGEFORMAT"#, "[Title]"),
        field("DOCPROPERTY LastSavedBy", "someone"),
        field("TITLE", "old title"),
    );
    let c = run(&docx_with_core(&body, core));
    let content = part(&c.odf, "content.xml");
    check("docinfo", &canonical(&content, "office:text"));
    let meta = part(&c.odf, "meta.xml");
    assert!(meta.contains("<meta:print-date>2013-04-06T00:02:00</meta:print-date>"));
}

/// A DOCX whose package also holds core properties.
fn docx_with_core(body: &str, core: &str) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let plain = docx(body, &[], &[]);
    let mut src = zip::ZipArchive::new(Cursor::new(plain)).unwrap();
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        let name = f.name().unwrap().to_string();
        if name == "_rels/.rels" {
            let rels = String::from_utf8(data).unwrap().replace(
                "</Relationships>",
                r#"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#,
            );
            data = rels.into_bytes();
        }
        z.start_file(name, o).unwrap();
        z.write_all(&data).unwrap();
    }
    z.start_file("docProps/core.xml", o).unwrap();
    z.write_all(core.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

#[test]
fn a_preferred_table_width_scales_the_grid() {
    // tblW in twips is the table's width; the grid columns keep their proportions, as
    // LibreOffice's import has it. A width in percent or auto leaves the grid as it is.
    let body = r#"<w:tbl><w:tblPr><w:tblW w:w="4000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>
        <w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/>"#;
    golden_body("table-width", body, &[], &[]);
}

#[test]
fn word_text_grids_are_in_standard_mode() {
    // A line grid fixes each line at the pitch in LibreOffice's standard grid mode, which its
    // own import of Word documents sets on the default page layout.
    let body = r#"<w:p><w:r><w:t>x</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>"#;
    let c = run(&docx(body, &[], &[]));
    let styles = part(&c.odf, "styles.xml");
    check("grid-styles", &canonical(&styles, "office:styles"));
    check(
        "grid-layouts",
        &canonical(&styles, "office:automatic-styles"),
    );
}

#[test]
fn compatibility_settings_are_in_a_set_libreoffice_knows() {
    // The set name is a qualified name to LibreOffice: its prefix must be declared, or the
    // whole set (Word's spacing and tab rules) is ignored.
    let c = run(&docx("<w:p/>", &[], &[]));
    let settings = part(&c.odf, "settings.xml");
    let doc = root_tag(&settings);
    assert!(doc.contains(r#"xmlns:ooo="http://openoffice.org/2004/office""#));
    assert!(settings.contains(r#"config:name="ooo:configuration-settings""#));
    // A line holding only blanks or an as-character object (a horizontal rule) keeps its
    // font's height, as in Word; auto-width frames with several paragraphs are as wide as the
    // widest; paragraph backgrounds over drawings behind the text; shapes may reach past the
    // page edge: as LibreOffice's Word import sets them.
    for name in [
        "IgnoreTabsAndBlanksForLineCalculation",
        "FrameAutowidthWithMorePara",
        "BackgroundParaOverDrawings",
        "DisableOffPagePositioning",
    ] {
        let item = [
            r#"<config:config-item config:name=""#,
            name,
            r#"" config:type="boolean">true</config:config-item>"#,
        ]
        .concat();
        assert!(settings.contains(&item), "{name}");
    }
}

/// The root start tag of an XML document.
fn root_tag(xml: &str) -> &str {
    let start = xml.find("<office:document-settings").unwrap();
    let end = start + xml[start..].find('>').unwrap();
    &xml[start..=end]
}

#[test]
fn even_pages_without_an_even_header_are_blank_under_even_and_odd_headers() {
    // w:evenAndOddHeaders on, a section with a default header only: even pages show no header.
    let body = r#"<w:p><w:r><w:t>Body</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rD"/><w:pgSz w:w="12240" w:h="15840"/></w:sectPr>"#;
    let header = wrap("hdr", r#"<w:p><w:r><w:t>Odd</w:t></w:r></w:p>"#);
    let parts = |settings: &str| {
        vec![
            ("word/h1.xml", header.clone()),
            ("word/settings.xml", wrap("settings", settings)),
        ]
    };
    let rels = [
        ("rD", "header", "h1.xml"),
        ("rS", "settings", "settings.xml"),
    ];
    let with = run(&docx(body, &parts("<w:evenAndOddHeaders/>"), &rels));
    check(
        "even-blank-masters",
        &canonical(&part(&with.odf, "styles.xml"), "office:master-styles"),
    );
    let without = run(&docx(body, &parts(""), &rels));
    assert!(!part(&without.odf, "styles.xml").contains("style:header-left"));
}

#[test]
fn word_2013_documents_drop_the_older_layout_rules() {
    // As LibreOffice's import: compatibility mode 15 switches off tabs over the margin, frame
    // offsets and the line height of inline objects; doNotExpandShiftReturn keeps lines ending
    // in a manual break unjustified.
    let item = |settings: &str, name: &str| {
        let rels = [("rS", "settings", "settings.xml")];
        let parts = [("word/settings.xml", wrap("settings", settings))];
        let c = run(&docx("<w:p/>", &parts, &rels));
        let xml = part(&c.odf, "settings.xml");
        let at = xml.find(&format!(r#"config:name="{name}""#)).unwrap();
        let value = &xml[at..];
        value[value.find('>').unwrap() + 1..value.find('<').unwrap()].to_string()
    };
    let word2013 = r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/><w:doNotExpandShiftReturn/></w:compat>"#;
    let word2010 = r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"/></w:compat>"#;
    for name in [
        "TabOverMargin",
        "AddFrameOffsets",
        "MsWordCompMinLineHeightByFly",
    ] {
        assert_eq!(item(word2013, name), "false");
        assert_eq!(item(word2010, name), "true");
        assert_eq!(item("", name), "true");
    }
    assert_eq!(item(word2013, "DoNotJustifyLinesWithManualBreak"), "true");
    assert_eq!(item(word2010, "DoNotJustifyLinesWithManualBreak"), "false");
    // As LibreOffice's Word import: as-character frames wider than their column are drawn as
    // LibreOffice draws them in the Word file.
    assert_eq!(item("", "ClipAsCharacterAnchoredWriterFlyFrames"), "false");
}

#[test]
fn date_and_time_fields_show_the_current_date_in_their_picture() {
    // ECMA-376-1 §17.16.5.13 DATE with a \@ picture, TIME without one: ODF date and time
    // fields (not fixed) with data styles of the same form, or LibreOffice's default.
    let body = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "dddd, MMMM d, yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Monday, May 1, 2017</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" TIME "><w:r><w:t>9:41 AM</w:t></w:r></w:fldSimple></w:p>"#;
    let c = run(&docx(body, &[], &[]));
    let content = part(&c.odf, "content.xml");
    assert!(!content.contains("Monday, May 1, 2017"), "{content}");
    assert!(
        content.contains("<text:date style:data-style-name="),
        "{content}"
    );
    assert!(
        content.contains("<text:time style:data-style-name="),
        "{content}"
    );
    for needle in [
        r#"<number:day-of-week number:style="long"/><number:text>, </number:text><number:month number:style="long" number:textual="true"/><number:text> </number:text><number:day number:style="short"/><number:text>, </number:text><number:year number:style="long"/>"#,
        r#"<number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/><number:text>:</number:text><number:seconds number:style="long"/>"#,
    ] {
        assert!(content.contains(needle), "{needle} missing in {content}");
    }
}

#[test]
fn character_scale_becomes_text_scale() {
    // ECMA-376-1 §17.3.2.43 w:w stretches the characters; Strict writes the percent sign.
    let body = r#"<w:p><w:r><w:rPr><w:w w:val="150"/></w:rPr><w:t>Wide</w:t></w:r><w:r><w:rPr><w:w w:val="80%"/></w:rPr><w:t>Narrow</w:t></w:r></w:p>"#;
    let c = run(&docx(body, &[], &[]));
    let content = part(&c.odf, "content.xml");
    assert!(content.contains(r#"style:text-scale="150%""#), "{content}");
    assert!(content.contains(r#"style:text-scale="80%""#), "{content}");
}

#[test]
fn table_style_character_formatting_fills_what_the_styles_leave_open() {
    // ECMA-376-1 §17.7.2: a table style's w:rPr (10pt Times New Roman here) applies to the text
    // in its cells under the paragraph style and the run's character style: the heading style
    // keeps its own font, the character style its own size; the plain paragraph takes both.
    let styles = wrap(
        "styles",
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Cambria"/><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="CellHead"><w:name w:val="Cell Head"/><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii="Calibri"/><w:caps/></w:rPr></w:style>
        <w:style w:type="character" w:styleId="Big"><w:name w:val="Big"/><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
        <w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="20"/></w:rPr></w:style>"#,
    );
    let body = r#"<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid>
        <w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="CellHead"/></w:pPr><w:r><w:t>Head</w:t></w:r></w:p><w:p><w:r><w:t>plain</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Big"/></w:rPr><w:t>big</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>"#;
    golden_body(
        "table-style-run",
        body,
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    );
}

#[test]
fn percentage_table_width_is_a_relative_width() {
    // tblW in fiftieths of a percent (5000 = 100%) and in the "50%" form: the table takes that
    // share of the text area, as in LibreOffice's import, whatever its grid adds up to.
    let table = |w: &str| {
        format!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="{w}" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="6000"/><w:gridCol w:w="6000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>"#
        )
    };
    let body = format!("{}{}", table("5000"), table("50%"));
    golden_body("table-pct-width", &body, &[], &[]);
}

#[test]
fn normal_style_size_and_left_alignment_give_way_to_the_table_style() {
    // Word's rule (and LibreOffice's import): in a table, the default paragraph style's 11 or
    // 12pt size and its left alignment yield to the table style's (here 10pt, Word's default
    // size, and centred), unless overrideTableStyleFontSizeAndJustification is on.
    let styles = wrap(
        "styles",
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="22"/></w:rPr></w:style>
        <w:style w:type="table" w:default="1" w:styleId="Grid"><w:name w:val="Table Grid"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>"#,
    );
    let body = r#"<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>"#;
    let convert = |body: &str, settings: &str| {
        let parts = [
            ("word/styles.xml", styles.clone()),
            ("word/settings.xml", wrap("settings", settings)),
        ];
        let rels = [
            ("rS", "styles", "styles.xml"),
            ("rT", "settings", "settings.xml"),
        ];
        part(&run(&docx(body, &parts, &rels)).odf, "content.xml")
    };
    let word2010 = convert(body, "");
    assert!(word2010.contains(r#"fo:font-size="10pt""#), "{word2010}");
    assert!(word2010.contains(r#"fo:text-align="center""#), "{word2010}");
    let word2013 = convert(
        body,
        r#"<w:compat><w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/></w:compat>"#,
    );
    assert!(!word2013.contains(r#"fo:font-size="10pt""#), "{word2013}");
    assert!(
        !word2013.contains(r#"fo:text-align="center""#),
        "{word2013}"
    );
    // Only where the table names its style (here the default table style applies unnamed), as
    // in LibreOffice's import.
    let unnamed = convert(&body.replace(r#"<w:tblStyle w:val="Grid"/>"#, ""), "");
    assert!(!unnamed.contains(r#"fo:font-size="10pt""#), "{unnamed}");
}

#[test]
fn columns_are_balanced_only_before_a_continuous_section() {
    // Word spreads a multi-column section evenly over its columns only when a continuous
    // section follows; before a section on a new page, at the end of the document and under
    // w:noColumnBalance the columns fill one after the other, as LibreOffice's import keeps it.
    let sect = |kind: &str| {
        format!(
            r#"<w:sectPr><w:type w:val="{kind}"/><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/><w:cols w:num="2" w:space="720"/></w:sectPr>"#
        )
    };
    let body = format!(
        r#"<w:p><w:pPr>{}</w:pPr><w:r><w:t>balanced</w:t></w:r></w:p><w:p><w:pPr>{}</w:pPr><w:r><w:t>before a new page</w:t></w:r></w:p><w:p><w:r><w:t>last</w:t></w:r></w:p>{}"#,
        sect("continuous"),
        sect("continuous"),
        sect("nextPage"),
    );
    let c = run(&docx(&body, &[], &[]));
    let content = part(&c.odf, "content.xml");
    check(
        "column-balance",
        &canonical(&content, "office:automatic-styles"),
    );
    let settings = wrap("settings", "<w:compat><w:noColumnBalance/></w:compat>");
    let c = run(&docx(
        &body,
        &[("word/settings.xml", settings)],
        &[("rS", "settings", "settings.xml")],
    ));
    let content = part(&c.odf, "content.xml");
    assert_eq!(content.matches("text:dont-balance-text-columns").count(), 3);
}

#[test]
fn paragraph_frames_wrap_as_their_framepr_says() {
    // ECMA-376-1 §17.18.104 ST_Wrap as LibreOffice's import maps it: "none" runs through the
    // text, "notBeside" keeps it above and below, "auto" wraps on the roomier side, "around"
    // on both sides.
    let frame = |wrap: &str| {
        format!(
            r#"<w:p><w:pPr><w:framePr w:w="2000" w:wrap="{wrap}" w:vAnchor="page" w:hAnchor="page" w:x="1440" w:y="1440"/></w:pPr><w:r><w:t>{wrap}</w:t></w:r></w:p><w:p/>"#
        )
    };
    let body: String = ["none", "notBeside", "auto", "around"]
        .iter()
        .map(|w| frame(w))
        .collect();
    golden_body("frame-wrap", &body, &[], &[]);
}

#[test]
fn columns_of_their_own_widths_keep_them() {
    // ECMA-376-1 §17.6.4 w:equalWidth="0": each w:col has its width and the space after it.
    let body = r#"<w:p><w:r><w:t>Narrow and wide</w:t></w:r></w:p><w:p><w:pPr><w:sectPr><w:type w:val="continuous"/><w:cols w:num="2" w:space="720" w:equalWidth="0"><w:col w:w="2640" w:space="720"/><w:col w:w="5280"/></w:cols></w:sectPr></w:pPr></w:p><w:p/>"#;
    golden_body("columns-widths", body, &[], &[]);
}

#[test]
fn paragraph_style_position_is_automatic_super_or_subscript() {
    // ECMA-376-1 §17.3.2.24 w:position in a paragraph style: LibreOffice's import raises or
    // lowers the text as automatic super- or subscript at 58%.
    let styles = wrap(
        "styles",
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Up"><w:name w:val="Up"/><w:basedOn w:val="Normal"/><w:rPr><w:position w:val="10"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="Down"><w:name w:val="Down"/><w:basedOn w:val="Normal"/><w:rPr><w:position w:val="-6"/></w:rPr></w:style>"#,
    );
    let c = run(&docx(
        r#"<w:p><w:pPr><w:pStyle w:val="Up"/></w:pPr><w:r><w:t>up</w:t></w:r></w:p>"#,
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    ));
    let s = part(&c.odf, "styles.xml");
    for (name, pos) in [("Up", "super 58%"), ("Down", "sub 58%")] {
        let at = s.find(&format!(r#"style:name="{name}""#)).expect(name);
        let end = at + s[at..].find("</style:style>").unwrap();
        let needle = format!(r#"style:text-position="{pos}""#);
        assert!(s[at..end].contains(&needle), "{name}: {}", &s[at..end]);
    }
}

#[test]
fn two_lines_in_one_become_combined_text() {
    // ECMA-376-1 §17.3.2.10 w:eastAsianLayout w:combine, with and without brackets.
    let body = r#"<w:p><w:r><w:rPr><w:eastAsianLayout w:id="1" w:combine="1"/></w:rPr><w:t>利润总额 成本费用总额</w:t></w:r><w:r><w:rPr><w:eastAsianLayout w:id="2" w:combine="1" w:combineBrackets="round"/></w:rPr><w:t>上 下</w:t></w:r></w:p>"#;
    let c = run(&docx(body, &[], &[]));
    let content = part(&c.odf, "content.xml");
    assert_eq!(
        content.matches(r#"style:text-combine="lines""#).count(),
        2,
        "{content}"
    );
    assert!(content.contains(r#"style:text-combine-start-char="(""#));
    assert!(content.contains(r#"style:text-combine-end-char=")""#));
}

#[test]
fn raised_and_lowered_runs_keep_their_offset_as_a_share_of_their_size() {
    // ECMA-376-1 §17.3.2.24 w:position in half-points, against the run's size: 3pt of the
    // style's 12pt is 25%; 2pt down of a direct 8pt is -25% (as LibreOffice's import writes it).
    let styles = wrap(
        "styles",
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="24"/></w:rPr></w:style>"#,
    );
    let body = r#"<w:p><w:r><w:t>base</w:t></w:r><w:r><w:rPr><w:position w:val="6"/></w:rPr><w:t>up</w:t></w:r><w:r><w:rPr><w:position w:val="-4"/><w:sz w:val="16"/></w:rPr><w:t>down</w:t></w:r></w:p>"#;
    let c = run(&docx(
        body,
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    ));
    let content = part(&c.odf, "content.xml");
    assert!(
        content.contains(r#"style:text-position="25% 100%""#),
        "{content}"
    );
    assert!(
        content.contains(r#"style:text-position="-25% 100%""#),
        "{content}"
    );
}
