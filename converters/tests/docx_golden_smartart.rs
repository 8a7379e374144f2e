//! Golden tests of the DOCX → ODT converter for SmartArt diagrams: the drawing Word caches for
//! them is drawn shape by shape, as LibreOffice's import does.

mod support;

use support::*;

const DSP: &str = "http://schemas.microsoft.com/office/drawing/2008/diagram";

/// One dsp:sp of a preset geometry at (x, y) EMU, 1in × 0.5in, with a fill and a line of text.
fn shape(
    (prst, x, y): (&str, u32, u32),
    fill: &str,
    anchor: &str,
    text: &str,
    tx_xfrm: &str,
) -> String {
    format!(
        r#"<dsp:sp><dsp:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="914400" cy="457200"/></a:xfrm><a:prstGeom prst="{prst}"/><a:solidFill>{fill}</a:solidFill><a:ln w="25400"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></dsp:spPr><dsp:style><a:lnRef idx="2"><a:scrgbClr r="0" g="0" b="0"/></a:lnRef><a:fillRef idx="1"><a:scrgbClr r="0" g="0" b="0"/></a:fillRef><a:fontRef idx="minor"><a:srgbClr val="FFFFFF"/></a:fontRef></dsp:style><dsp:txBody><a:bodyPr lIns="0" tIns="0" rIns="0" bIns="0" anchor="{anchor}"/><a:p><a:pPr algn="ctr"/><a:r><a:rPr sz="1800" b="1"/><a:t>{text}</a:t></a:r></a:p></dsp:txBody>{tx_xfrm}</dsp:sp>"#
    )
}

#[test]
fn diagram_shapes_are_drawn_at_their_place_with_their_text() {
    // The chain: document → data part (dgm:relIds r:dm) → its dsp:dataModelExt relId, a
    // relationship of the document part → the cached drawing.
    let data = r#"<?xml version="1.0"?><dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst/><dgm:extLst><a:ext uri="http://schemas.microsoft.com/office/drawing/2008/diagram"><dsp:dataModelExt xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" relId="rDr" minVer="http://schemas.openxmlformats.org/drawingml/2006/diagram"/></a:ext></dgm:extLst></dgm:dataModel>"#;
    let drawing = format!(
        r#"<?xml version="1.0"?><dsp:drawing xmlns:dsp="{DSP}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dsp:spTree><dsp:nvGrpSpPr><dsp:cNvPr id="0" name=""/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr><dsp:grpSpPr/>{}{}</dsp:spTree></dsp:drawing>"#,
        // Blue darkened to 75 % lightness... its text centred; a geometry drawn as its box, with
        // the text in the cached text rectangle.
        shape(
            ("cloud", 0, 0),
            r#"<a:srgbClr val="4472C4"><a:lumMod val="75000"/></a:srgbClr>"#,
            "ctr",
            "First",
            r#"<dsp:txXfrm><a:off x="91440" y="0"/><a:ext cx="731520" cy="457200"/></dsp:txXfrm>"#,
        ),
        // A chevron keeps its outline, its text in the preset's text area.
        shape(
            ("chevron", 1828800, 914400),
            r#"<a:srgbClr val="ED7D31"/>"#,
            "b",
            "Second",
            "",
        ),
    );
    let diagram = |anchor: &str| {
        format!(
            r#"<w:p><w:r><w:drawing>{anchor}<wp:extent cx="2743200" cy="1371600"/><wp:docPr id="1" name="Diagram 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" r:dm="rDm" r:lo="rLo" r:qs="rQs" r:cs="rCs"/></a:graphicData></a:graphic>{}</w:drawing></w:r></w:p>"#,
            if anchor.starts_with("<wp:inline") {
                "</wp:inline>"
            } else {
                "</wp:anchor>"
            }
        )
    };
    // Inline: the shapes float from the diagram's character, which keeps its room; floating:
    // the shapes are moved by their offset from the diagram's place.
    let body = [
        diagram("<wp:inline>"),
        diagram(r#"<wp:anchor behindDoc="0"><wp:positionH relativeFrom="page"><wp:posOffset>914400</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>914400</wp:posOffset></wp:positionV><wp:wrapNone/>"#),
    ]
    .concat();
    let c = golden_body(
        "smartart",
        &body,
        &[
            ("word/diagrams/data1.xml", data.to_string()),
            ("word/diagrams/drawing1.xml", drawing),
        ],
        &[
            ("rDm", "diagramData", "diagrams/data1.xml"),
            ("rDr", "diagramDrawing", "diagrams/drawing1.xml"),
        ],
    );
    let content = part(&c.odf, "content.xml");
    // Two shapes and the inline placeholder, then the two shapes of the floating diagram: the
    // clouds and the placeholder are frames, the chevrons custom shapes.
    assert_eq!(content.matches("<draw:frame").count(), 3, "{content}");
    assert_eq!(
        content.matches("<draw:custom-shape").count(),
        2,
        "{content}"
    );
    assert!(
        content.contains(r#"draw:text-areas="228600 0 685800 457200""#),
        "{content}"
    );
    for text in ["First", "Second"] {
        assert_eq!(content.matches(text).count(), 2, "{content}");
    }
    let codes: Vec<_> = c.findings.iter().map(|f| f.code()).collect();
    assert!(codes.contains(&"convert.smartart"), "{codes:?}");
}
