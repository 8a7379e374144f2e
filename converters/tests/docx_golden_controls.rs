//! Golden tests of content controls and of the names LibreOffice gives Word's styles: what
//! LibreOffice's own DOCX import makes of them, which the converter follows.

mod support;

use support::*;

#[test]
fn plain_text_controls_keep_their_line_breaks_ahead_of_their_text() {
    // As LibreOffice imports them (a text input field holding the characters): the line breaks
    // of a plain-text control's first paragraph, block-level or in a paragraph, come first, as
    // do those of a block-level rich-text control; later paragraphs, rich-text controls inside
    // a paragraph and building blocks keep their order.
    let body = r#"<w:sdt><w:sdtPr><w:text w:multiLine="1"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>one</w:t></w:r><w:r><w:br/><w:t>two</w:t></w:r></w:p><w:p><w:r><w:t>three</w:t></w:r><w:r><w:br/><w:t>four</w:t></w:r></w:p></w:sdtContent></w:sdt>
        <w:p><w:r><w:t xml:space="preserve">Inline </w:t></w:r><w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>five</w:t></w:r><w:r><w:br/><w:t>six</w:t></w:r></w:sdtContent></w:sdt></w:p>
        <w:p><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>rich</w:t></w:r><w:r><w:br/><w:t>text</w:t></w:r></w:sdtContent></w:sdt></w:p>
        <w:sdt><w:sdtPr><w:alias w:val="Rich"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>block</w:t></w:r><w:r><w:br/><w:t>rich</w:t></w:r></w:p></w:sdtContent></w:sdt>
        <w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Cover Pages"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>cover</w:t></w:r><w:r><w:br/><w:t>page</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    golden_body("sdt-text", body, &[], &[]);
}

#[test]
fn style_names_and_collapsing_table_borders_follow_libreoffice() {
    // Word's "footnote reference" style becomes LibreOffice's "Footnote Symbol", which formats
    // the number in the note area; tables use the collapsing border model.
    let styles = wrap(
        "styles",
        r#"<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
        <w:style w:type="character" w:styleId="EndnoteReference"><w:name w:val="endnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Standard"><w:name w:val="Standard"/><w:rPr><w:i/></w:rPr></w:style>"#,
    );
    let c = run(&docx(
        r#"<w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>1</w:t></w:r></w:p>"#,
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    ));
    let s = part(&c.odf, "styles.xml");
    assert!(s.contains(r#"style:display-name="Footnote Symbol""#), "{s}");
    assert!(s.contains(r#"style:display-name="Endnote Symbol""#), "{s}");
    assert!(s.contains(r#"style:name="Standard" style:display-name="Standard""#));
    assert!(
        s.contains(r#"style:name="Standard_20__28_user_29_" style:display-name="Standard (user)""#)
    );
    assert!(s.contains(
        r#"<style:default-style style:family="table"><style:table-properties table:border-model="collapsing"/>"#
    ));
}

#[test]
fn controls_bound_to_core_properties_show_the_property() {
    // Word and LibreOffice refresh a control bound to a core property from the property; a
    // control bound to a property the file does not have keeps its text.
    let binding = |xpath: &str| {
        format!(
            r#"<w:sdtPr><w:dataBinding w:prefixMappings="xmlns:ns0='http://schemas.openxmlformats.org/package/2006/metadata/core-properties' xmlns:ns1='http://purl.org/dc/elements/1.1/'" w:xpath="{xpath}" w:storeItemID="{{6C3C8BC8-F283-45AE-878A-BAB7291924A1}}"/><w:text/></w:sdtPr>"#
        )
    };
    let body = format!(
        r#"<w:sdt>{}<w:sdtContent><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>stale</w:t></w:r><w:r><w:t>title</w:t></w:r></w:p></w:sdtContent></w:sdt>
        <w:sdt>{}<w:sdtContent><w:p><w:r><w:t>kept</w:t></w:r></w:p></w:sdtContent></w:sdt>
        <w:p><w:r><w:t xml:space="preserve">By </w:t></w:r><w:sdt>{}<w:sdtContent><w:r><w:t>someone</w:t></w:r></w:sdtContent></w:sdt></w:p>"#,
        binding("/ns0:coreProperties[1]/ns1:title[1]"),
        binding("/ns0:coreProperties[1]/ns1:subject[1]"),
        binding("/ns0:coreProperties[1]/ns1:creator[1]"),
    );
    let core = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Real Title</dc:title><dc:creator>Real Author</dc:creator></cp:coreProperties>"#;
    let mut bytes = docx(&body, &[], &[]);
    bytes = with_root_part(bytes, "docProps/core.xml", core);
    let c = run(&bytes);
    let content = part(&c.odf, "content.xml");
    check("sdt-bound", &canonical(&content, "office:text"));
}
