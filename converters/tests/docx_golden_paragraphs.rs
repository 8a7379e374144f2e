//! Golden tests of the DOCX → ODT converter for paragraphs: alignment by direction, inherited
//! spacing and indents, automatic spacing, and properties that are read rather than skipped.

mod support;

use support::*;

#[test]
fn word_alignment_follows_the_paragraph_direction_as_libreoffice_places_it() {
    // Transitional `left`/`right` name a paragraph's start and end: in a right-to-left paragraph
    // `right` is the left side, `left`, `start`, kashida and no alignment the right side
    // (measured against LibreOffice 7.4's import). The sides are written as ODF sides, since
    // LibreOffice reads `start`/`end` as left/right whatever the writing mode.
    const PARA: &str =
        r#"<w:p><w:pPr>STYLE<w:bidi w:val="BIDI"/>JC</w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#;
    let para = |style: &str, bidi: &str, jc: &str| {
        let style = if style.is_empty() {
            String::new()
        } else {
            r#"<w:pStyle w:val="ID"/>"#.replace("ID", style)
        };
        let jc = if jc.is_empty() {
            String::new()
        } else {
            r#"<w:jc w:val="VAL"/>"#.replace("VAL", jc)
        };
        PARA.replace("STYLE", &style)
            .replace("BIDI", bidi)
            .replace("JC", &jc)
    };
    let body = [
        para("", "1", "right"),
        para("", "1", "left"),
        para("", "1", "start"),
        para("", "1", "end"),
        para("", "1", "lowKashida"),
        para("", "1", "both"),
        para("", "1", "center"),
        para("", "1", ""),
        para("", "0", "lowKashida"),
        para("", "0", "right"),
        // Right to left through the style; the style itself is aligned to its start.
        para("Rtl", "1", "right"),
        // A left-to-right paragraph in a right-to-left style starts at the left again.
        para("Rtl", "0", ""),
    ]
    .concat();
    let styles = wrap(
        "styles",
        r#"<w:style w:type="paragraph" w:styleId="Rtl"><w:name w:val="Rtl"/><w:pPr><w:bidi/></w:pPr></w:style>"#,
    );
    let c = run(&docx(
        &body,
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    ));
    let content = part(&c.odf, "content.xml");
    let align_in = |xml: &str, style: &str| -> String {
        let def = xml
            .split(&format!(r#"style:name="{style}""#))
            .nth(1)
            .unwrap_or_default();
        let def = &def[..def.find("</style:style>").unwrap_or(0)];
        def.split(r#"fo:text-align=""#)
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("")
            .to_string()
    };
    let aligns: Vec<String> = content
        .split(r#"<text:p text:style-name=""#)
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|s| align_in(&content, s))
        .collect();
    assert_eq!(
        aligns,
        [
            "left", "right", "right", "left", "right", "justify", "center", "right", "start",
            "end", "left", "start"
        ]
    );
    assert_eq!(align_in(&part(&c.odf, "styles.xml"), "Rtl"), "right");
}

#[test]
fn partly_given_spacing_and_indents_keep_the_inherited_rest() {
    // LibreOffice takes zero for the unnamed half of the spacing (or indent) group; Word
    // inherits it. A heading that sets only the space before, and a paragraph that sets only
    // its left indent, must still carry the style's space after and hanging indent.
    let styles = wrap(
        "styles",
        r#"<w:docDefaults><w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="200"/></w:pPr></w:style>"#,
    );
    let c = golden_body(
        "groups",
        r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Heading</w:t></w:r></w:p><w:p><w:pPr><w:ind w:left="1440"/></w:pPr><w:r><w:t>Indented</w:t></w:r></w:p>"#,
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    );
    let styles = part(&c.odf, "styles.xml");
    let heading = &styles[styles.find(r#"style:name="Heading_20_2""#).unwrap()..];
    let heading = &heading[..heading.find("</style:style>").unwrap()];
    assert!(heading.contains(r#"fo:margin-top="0.1389in""#), "{heading}");
    assert!(
        heading.contains(r#"fo:margin-bottom="0.1111in""#),
        "{heading}"
    );
    let content = part(&c.odf, "content.xml");
    assert!(
        content.contains(
            r#"fo:margin-left="1.0000in" fo:margin-right="0.0000in" fo:text-indent="-0.2500in""#
        ),
        "{content}"
    );
}

#[test]
fn automatic_spacing_is_dropped_above_the_first_paragraph_of_a_story() {
    // Word's automatic (HTML) spacing does not apply above the first paragraph of the body or
    // of a cell, also when it comes from the paragraph's style.
    let styles = wrap(
        "styles",
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Web"><w:name w:val="Normal (Web)"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="100" w:beforeAutospacing="1" w:after="100" w:afterAutospacing="1"/></w:pPr></w:style>"#,
    );
    let para = r#"<w:p><w:pPr><w:pStyle w:val="Web"/><w:spacing w:after="0" w:afterAutospacing="0"/></w:pPr><w:r><w:t>web</w:t></w:r></w:p>"#;
    let c = golden_body(
        "auto-spacing",
        &[para, para].concat(),
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    );
    let content = part(&c.odf, "content.xml");
    assert!(content.contains(r#"fo:margin-top="0.0000in""#), "{content}");
    assert!(content.contains(r#"fo:margin-top="0.1944in""#), "{content}");
}

#[test]
fn cell_and_smart_tag_properties_are_not_reported_as_lost() {
    // w:tcPr, w:smartTagPr and w:customXmlPr are read with their element, not skipped content.
    let body = r#"<w:tbl><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:smartTag w:uri="urn:x" w:element="place"><w:smartTagPr><w:attr w:name="a" w:val="b"/></w:smartTagPr><w:r><w:t>Bonn</w:t></w:r></w:smartTag></w:p></w:tc></w:tr></w:tbl><w:customXml w:element="x"><w:customXmlPr/><w:p><w:r><w:t>after</w:t></w:r></w:p></w:customXml>"#;
    let c = run(&docx(body, &[], &[]));
    let lost: Vec<_> = c
        .findings
        .iter()
        .filter(|f| f.code() == "convert.unsupported-content")
        .map(|f| f.kind.message())
        .collect();
    assert!(lost.is_empty(), "{lost:?}");
    assert!(part(&c.odf, "content.xml").contains("Bonn"));
}
