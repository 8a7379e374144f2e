//! Golden tests of the DOCX → ODT converter for floating objects and page flow: anchors and
//! their alignment, shape groups (DrawingML and VML), WordArt, and breaks at paragraph ends.

mod support;

use support::*;

#[test]
fn floating_objects_keep_their_alignment_and_reference() {
    // DrawingML: centred on the margin horizontally, 1in below the page top; aligned right in
    // the right margin area and at the bottom of the line. VML: centred on the page. A
    // paragraph frame centred in the margins.
    let box_at = |h: &str, v: &str, text: &str| {
        format!(
            r#"<w:r><w:drawing><wp:anchor behindDoc="0">{h}{v}<wp:extent cx="914400" cy="457200"/><wp:wrapNone/><wp:docPr id="1" name="Box"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"#
        )
    };
    let body = [
        "<w:p>",
        &box_at(
            r#"<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>"#,
            r#"<wp:positionV relativeFrom="page"><wp:posOffset>914400</wp:posOffset></wp:positionV>"#,
            "centred",
        ),
        &box_at(
            r#"<wp:positionH relativeFrom="rightMargin"><wp:align>right</wp:align></wp:positionH>"#,
            r#"<wp:positionV relativeFrom="line"><wp:align>bottom</wp:align></wp:positionV>"#,
            "in the margin",
        ),
        r#"<w:r><w:pict xmlns:v="urn:schemas-microsoft-com:vml"><v:rect style="position:absolute;margin-left:0;margin-top:36pt;width:90pt;height:20pt;mso-position-horizontal:center;mso-position-horizontal-relative:page;mso-position-vertical-relative:margin"><v:textbox><w:txbxContent><w:p><w:r><w:t>VML</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect></w:pict></w:r>"#,
        "</w:p>",
        r#"<w:p><w:pPr><w:framePr w:w="2000" w:wrap="around" w:vAnchor="text" w:hAnchor="margin" w:xAlign="center" w:y="1"/></w:pPr><w:r><w:t>Framed</w:t></w:r></w:p><w:p><w:r><w:t>After</w:t></w:r></w:p>"#,
    ]
    .concat();
    golden_body("placement", &body, &[], &[]);
}

#[test]
fn group_members_become_frames_at_their_place() {
    // A group of two text boxes, 2in × 2in, its child space twice as large: the second box
    // (child offset 1828800 EMU = 2in) lands 1in below the group's top.
    let member = |y: u32, text: &str| {
        format!(
            r#"<wps:wsp><wps:cNvPr id="{y}" name="Box {text}"/><wps:spPr><a:xfrm><a:off x="0" y="{y}"/><a:ext cx="3657600" cy="1828800"/></a:xfrm><a:prstGeom prst="rect"/></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"#
        )
    };
    let body = format!(
        r#"<w:p><w:r><w:drawing><wp:anchor behindDoc="0"><wp:positionH relativeFrom="page"><wp:posOffset>914400</wp:posOffset></wp:positionH><wp:positionV relativeFrom="margin"><wp:align>top</wp:align></wp:positionV><wp:extent cx="1828800" cy="1828800"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="Group"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><wpg:wgp xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="1828800"/><a:chOff x="0" y="0"/><a:chExt cx="3657600" cy="3657600"/></a:xfrm></wpg:grpSpPr>{}{}</wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"#,
        member(0, "upper"),
        member(1828800, "lower"),
    );
    let c = golden_body("group", &body, &[], &[]);
    assert!(
        !c.findings
            .iter()
            .any(|f| f.code() == "convert.unsupported-content"),
        "a group is carried, not recorded as unsupported"
    );
}

#[test]
fn vml_group_members_become_frames_at_their_place() {
    // A 200pt × 100pt group with a 2000 × 1000 coordinate space: a filled rectangle on its left
    // half and a text box in a nested group on its right half.
    let body = r##"<w:p><w:r><w:pict xmlns:v="urn:schemas-microsoft-com:vml"><v:group style="position:absolute;margin-left:36pt;margin-top:72pt;width:200pt;height:100pt;mso-position-horizontal-relative:page;mso-position-vertical-relative:page" coordorigin="0,0" coordsize="2000,1000"><v:rect style="position:absolute;left:0;top:0;width:1000;height:1000" fillcolor="black" stroked="f"/><v:group style="position:absolute;left:1000;top:0;width:1000;height:1000" coordorigin="500,500" coordsize="100,100"><v:rect style="position:absolute;left:550;top:500;width:50;height:50"><v:textbox><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect></v:group></v:group></w:pict></w:r></w:p>"##;
    golden_body("vml-group", body, &[], &[]);
}

#[test]
fn wordart_becomes_a_fontwork_shape() {
    // A VML text path: a custom shape whose text follows the shape (ODF draw:text-path).
    let body = r##"<w:p><w:r><w:pict xmlns:v="urn:schemas-microsoft-com:vml"><v:shape style="position:absolute;margin-left:28pt;margin-top:28pt;width:242pt;height:41pt" fillcolor="black"><v:textpath style="font-family:&quot;Arial Black&quot;" string="Your Text Here"/></v:shape></w:pict></w:r></w:p>"##;
    let c = golden_body("wordart", body, &[], &[]);
    let content = part(&c.odf, "content.xml");
    assert!(content.contains(r#"draw:text-path="true""#));
    assert!(!content.contains(r#"style:parent-style-name="Frame""#));
}

#[test]
fn breaks_at_paragraph_ends_and_empty_section_marks_leave_no_paragraph() {
    // As LibreOffice imports them: a page break ending a paragraph moves the next paragraph or
    // table; an empty paragraph that only carries a section break disappears (its bookmark moves
    // on), unless its section holds nothing else.
    let sect = r#"<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>"#;
    let body = format!(
        r#"<w:p><w:r><w:t>A</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>
        <w:p><w:r><w:t>B on a new page</w:t></w:r></w:p>
        <w:p><w:r><w:br w:type="page"/></w:r></w:p>
        <w:tbl><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>Table on a new page</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        <w:p><w:pPr>{sect}</w:pPr><w:bookmarkStart w:id="1" w:name="mark"/><w:bookmarkEnd w:id="1"/></w:p>
        <w:p><w:pPr>{sect}</w:pPr></w:p>
        <w:p><w:r><w:t>C</w:t></w:r></w:p>{sect}"#
    );
    golden_body("breaks", &body, &[], &[]);
}

#[test]
fn text_boxes_keep_their_vertical_anchor() {
    // DrawingML bodyPr anchor="b" and VML v-text-anchor:middle.
    let body = r#"<w:p><w:r><w:drawing><wp:anchor behindDoc="0"><wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="914400" cy="914400"/><wp:wrapNone/><wp:docPr id="1" name="Box"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent><w:p><w:r><w:t>low</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr anchor="b"/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r><w:r><w:pict xmlns:v="urn:schemas-microsoft-com:vml"><v:rect style="position:absolute;margin-left:0;margin-top:100pt;width:90pt;height:60pt;v-text-anchor:middle"><v:textbox><w:txbxContent><w:p><w:r><w:t>mid</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect></w:pict></w:r></w:p>"#;
    let c = run(&docx(body, &[], &[]));
    let content = part(&c.odf, "content.xml");
    assert!(
        content.contains(r#"draw:textarea-vertical-align="bottom""#),
        "{content}"
    );
    assert!(
        content.contains(r#"draw:textarea-vertical-align="middle""#),
        "{content}"
    );
}

#[test]
fn text_boxes_keep_their_text_area_and_direction() {
    // A 2in × 1in home plate: its text rectangle ends where the point begins (0.25in before
    // the right edge), so the right inset grows by that. A vertical DrawingML box and a VML
    // box with layout-flow:vertical run their text top to bottom.
    let shape = |prst: &str, vert: &str, text: &str| {
        format!(
            r#"<w:r><w:drawing><wp:anchor behindDoc="0"><wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="914400"/><wp:wrapNone/><wp:docPr id="1" name="Box"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="914400"/></a:xfrm><a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr lIns="0" tIns="0" rIns="0" bIns="0"{vert}/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"#
        )
    };
    let body = [
        "<w:p>",
        &shape("homePlate", "", "pointed"),
        &shape("rect", r#" vert="vert""#, "down"),
        r#"<w:r><w:pict xmlns:v="urn:schemas-microsoft-com:vml"><v:rect style="position:absolute;margin-left:0;margin-top:100pt;width:90pt;height:200pt"><v:textbox style="layout-flow:vertical"><w:txbxContent><w:p><w:r><w:t>VML down</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect></w:pict></w:r>"#,
        "</w:p>",
    ]
    .concat();
    let c = run(&docx(&body, &[], &[]));
    let content = part(&c.odf, "content.xml");
    assert!(
        content.contains(r#"fo:padding-right="0.2500in""#),
        "{content}"
    );
    assert_eq!(
        content.matches(r#"style:writing-mode="tb-rl""#).count(),
        2,
        "{content}"
    );
}

#[test]
fn vml_ovals_keep_their_outline_and_bottom_margin_offsets_count_from_that_area() {
    // A VML oval placed 36pt into the bottom margin area of an 11in page with a 1in bottom
    // margin: 10.5in from the page's top, drawn as an ellipse.
    let body = r##"<w:p><w:r><w:pict xmlns:v="urn:schemas-microsoft-com:vml"><v:oval style="position:absolute;margin-left:0;margin-top:36pt;width:72pt;height:36pt;mso-position-horizontal-relative:page;mso-position-vertical-relative:bottom-margin-area" fillcolor="#fe8637" stroked="f"/></w:pict></w:r></w:p><w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>"##;
    let c = run(&docx(body, &[], &[]));
    let content = part(&c.odf, "content.xml");
    assert!(content.contains(r#"svg:y="10.5000in""#), "{content}");
    assert!(
        content.contains("<draw:custom-shape") && content.contains(r#"draw:stroke="none""#),
        "{content}"
    );
    assert!(
        !c.findings
            .iter()
            .any(|f| f.code() == "convert.unsupported-content")
    );
}
