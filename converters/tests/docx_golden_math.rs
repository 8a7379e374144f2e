//! Golden test of Word equations (Office Math, ECMA-376-1 §22.1): each becomes an embedded ODF
//! formula object (ODF 1.3 Part 3 §16) in a frame anchored as a character, as LibreOffice's own
//! import makes them.

mod support;

use support::*;

#[test]
fn equations_become_embedded_formula_objects() {
    // An inline equation in a sentence, a paragraph of one display equation, and a display
    // equation outside any paragraph.
    let m = r#"xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#;
    let body = format!(
        r#"<w:p><w:r><w:t xml:space="preserve">Where </w:t></w:r><m:oMath {m}><m:sSup><m:e><m:r><m:t>x</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath><w:r><w:t xml:space="preserve"> grows.</w:t></w:r></w:p>
        <w:p><m:oMathPara {m}><m:oMath><m:f><m:num><m:r><m:t>a+b</m:t></m:r></m:num><m:den><m:r><m:t>2</m:t></m:r></m:den></m:f></m:oMath></m:oMathPara></w:p>
        <m:oMathPara {m}><m:oMath><m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e><m:r><m:t>y</m:t></m:r></m:e></m:rad></m:oMath></m:oMathPara>"#
    );
    let c = golden_body("math", &body, &[], &[]);
    if let Ok(dir) = std::env::var("UMZUG_MATH_OUT") {
        std::fs::write(std::path::Path::new(&dir).join("math.odt"), &c.odf).unwrap();
    }
    let manifest = part(&c.odf, "META-INF/manifest.xml");
    for i in 1..=3 {
        assert!(
            manifest.contains(&format!(
                r#"manifest:full-path="Object {i}/" manifest:media-type="application/vnd.oasis.opendocument.formula""#
            )),
            "{manifest}"
        );
    }
    let inline = part(&c.odf, "Object 1/content.xml");
    assert!(
        inline.contains(r#"<math:math xmlns:math="http://www.w3.org/1998/Math/MathML""#),
        "{inline}"
    );
    assert!(inline.contains(r#"display="inline""#), "{inline}");
    assert!(
        inline.contains("<math:msup><math:mi>x</math:mi><math:mn>2</math:mn></math:msup>"),
        "{inline}"
    );
    let display = part(&c.odf, "Object 2/content.xml");
    assert!(display.contains(r#"display="block""#), "{display}");
    assert!(display.contains("<math:mfrac>"), "{display}");
    let block = part(&c.odf, "Object 3/content.xml");
    assert!(block.contains("<math:msqrt>"), "{block}");
    assert!(
        !c.findings
            .iter()
            .any(|f| f.code() == "convert.equation-as-text"),
        "known constructs are no loss"
    );
}
