//! OMML → MathML, construct by construct.

use super::{Formula, mathml, read};
use crate::dom::parse;

const M: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";

/// The MathML of one `m:oMath` holding `inner`, without the `math:` prefixes, and whether an
/// unknown element was carried as text.
fn convert_flag(inner: &str) -> (String, bool) {
    let xml = format!(r#"<m:oMath xmlns:m="{M}">{inner}</m:oMath>"#);
    let e = parse(xml.as_bytes(), "test").unwrap();
    let mut unknown = false;
    let f: Formula = read(&e, false, &mut unknown);
    let out = String::from_utf8(mathml::content(&f)).unwrap();
    let body = out
        .split_once("<math:semantics>")
        .unwrap()
        .1
        .split_once("</math:semantics>")
        .unwrap()
        .0
        .replace("math:", "");
    (body, unknown)
}

fn convert(inner: &str) -> String {
    convert_flag(inner).0
}

fn r(t: &str) -> String {
    format!("<m:r><m:t>{t}</m:t></m:r>")
}

#[test]
fn runs_split_into_identifiers_numbers_and_operators() {
    assert_eq!(
        convert(&r("x+12=y")),
        "<mrow><mi>x</mi><mo>+</mo><mn>12</mn><mo>=</mo><mi>y</mi></mrow>"
    );
}

#[test]
fn normal_text_runs_stay_text() {
    let out = convert(r#"<m:r><m:rPr><m:nor/></m:rPr><m:t>if x</m:t></m:r>"#);
    assert_eq!(out, "<mtext>if x</mtext>");
}

#[test]
fn fraction() {
    let out = convert(&format!(
        "<m:f><m:num>{}</m:num><m:den>{}</m:den></m:f>",
        r("a"),
        r("2")
    ));
    assert_eq!(out, "<mfrac><mi>a</mi><mn>2</mn></mfrac>");
}

#[test]
fn scripts() {
    let sup = convert(&format!(
        "<m:sSup><m:e>{}</m:e><m:sup>{}</m:sup></m:sSup>",
        r("x"),
        r("2")
    ));
    assert_eq!(sup, "<msup><mi>x</mi><mn>2</mn></msup>");
    let sub = convert(&format!(
        "<m:sSub><m:e>{}</m:e><m:sub>{}</m:sub></m:sSub>",
        r("x"),
        r("i")
    ));
    assert_eq!(sub, "<msub><mi>x</mi><mi>i</mi></msub>");
    let both = convert(&format!(
        "<m:sSubSup><m:e>{}</m:e><m:sub>{}</m:sub><m:sup>{}</m:sup></m:sSubSup>",
        r("x"),
        r("i"),
        r("2")
    ));
    assert_eq!(both, "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>");
    let pre = convert(&format!(
        "<m:sPre><m:sub>{}</m:sub><m:sup>{}</m:sup><m:e>{}</m:e></m:sPre>",
        r("1"),
        r("2"),
        r("X")
    ));
    assert_eq!(
        pre,
        "<mmultiscripts><mi>X</mi><mprescripts/><mn>1</mn><mn>2</mn></mmultiscripts>"
    );
}

#[test]
fn radicals() {
    let sqrt = convert(&format!(
        "<m:rad><m:radPr><m:degHide m:val=\"1\"/></m:radPr><m:deg/><m:e>{}</m:e></m:rad>",
        r("x")
    ));
    assert_eq!(sqrt, "<msqrt><mi>x</mi></msqrt>");
    let root = convert(&format!(
        "<m:rad><m:deg>{}</m:deg><m:e>{}</m:e></m:rad>",
        r("3"),
        r("x")
    ));
    assert_eq!(root, "<mroot><mi>x</mi><mn>3</mn></mroot>");
}

#[test]
fn nary_defaults_to_an_integral_and_places_limits() {
    let int = convert(&format!(
        "<m:nary><m:sub>{}</m:sub><m:sup>{}</m:sup><m:e>{}</m:e></m:nary>",
        r("0"),
        r("1"),
        r("x")
    ));
    assert_eq!(
        int,
        "<mrow><msubsup><mo stretchy=\"false\">\u{222b}</mo><mn>0</mn><mn>1</mn></msubsup>\
         <mi>x</mi></mrow>"
    );
    let sum = convert(&format!(
        "<m:nary><m:naryPr><m:chr m:val=\"\u{2211}\"/><m:limLoc m:val=\"undOvr\"/></m:naryPr>\
         <m:sub>{}</m:sub><m:sup>{}</m:sup><m:e>{}</m:e></m:nary>",
        r("k"),
        r("n"),
        r("k")
    ));
    assert!(sum.starts_with("<mrow><munderover><mo stretchy=\"false\">\u{2211}</mo>"));
}

#[test]
fn delimiters_default_to_parentheses() {
    let d = convert(&format!("<m:d><m:e>{}</m:e></m:d>", r("x")));
    assert_eq!(
        d,
        "<mrow><mo fence=\"true\" stretchy=\"true\">(</mo><mi>x</mi>\
         <mo fence=\"true\" stretchy=\"true\">)</mo></mrow>"
    );
    let set = convert(&format!(
        "<m:d><m:dPr><m:begChr m:val=\"{{\"/><m:endChr m:val=\"}}\"/><m:sepChr m:val=\",\"/>\
         </m:dPr><m:e>{}</m:e><m:e>{}</m:e></m:d>",
        r("a"),
        r("b")
    ));
    assert!(set.contains("<mo separator=\"true\">,</mo>"), "{set}");
    assert!(set.contains(">{</mo>") && set.contains(">}</mo>"), "{set}");
}

#[test]
fn function_names_are_upright() {
    let f = convert(&format!(
        "<m:func><m:fName>{}</m:fName><m:e>{}</m:e></m:func>",
        r("sin"),
        r("x")
    ));
    assert_eq!(
        f,
        "<mrow><mi mathvariant=\"normal\">sin</mi><mo>\u{2061}</mo><mi>x</mi></mrow>"
    );
}

#[test]
fn accents_bars_and_group_characters() {
    let acc = convert(&format!(
        "<m:acc><m:accPr><m:chr m:val=\"\u{303}\"/></m:accPr><m:e>{}</m:e></m:acc>",
        r("a")
    ));
    assert_eq!(
        acc,
        "<mover accent=\"true\"><mi>a</mi><mo>\u{303}</mo></mover>"
    );
    let bar = convert(&format!(
        "<m:bar><m:barPr><m:pos m:val=\"top\"/></m:barPr><m:e>{}</m:e></m:bar>",
        r("a")
    ));
    assert_eq!(
        bar,
        "<mover accent=\"true\"><mi>a</mi><mo>\u{af}</mo></mover>"
    );
    let group = convert(&format!("<m:groupChr><m:e>{}</m:e></m:groupChr>", r("a")));
    assert_eq!(group, "<munder><mi>a</mi><mo>\u{23df}</mo></munder>");
}

#[test]
fn limits() {
    let low = convert(&format!(
        "<m:limLow><m:e>{}</m:e><m:lim>{}</m:lim></m:limLow>",
        r("lim"),
        r("n")
    ));
    assert!(low.starts_with("<munder><mrow><mi>l</mi>"), "{low}");
    let upp = convert(&format!(
        "<m:limUpp><m:e>{}</m:e><m:lim>{}</m:lim></m:limUpp>",
        r("x"),
        r("y")
    ));
    assert_eq!(upp, "<mover><mi>x</mi><mi>y</mi></mover>");
}

#[test]
fn matrices_and_equation_arrays_are_tables() {
    let m = convert(&format!(
        "<m:m><m:mr><m:e>{}</m:e><m:e>{}</m:e></m:mr><m:mr><m:e>{}</m:e><m:e>{}</m:e></m:mr></m:m>",
        r("1"),
        r("0"),
        r("0"),
        r("1")
    ));
    assert_eq!(
        m,
        "<mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr>\
         <mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable>"
    );
    let eq = convert(&format!(
        "<m:eqArr><m:e>{}</m:e><m:e>{}</m:e></m:eqArr>",
        r("a"),
        r("b")
    ));
    assert_eq!(
        eq,
        "<mtable><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable>"
    );
}

#[test]
fn boxes_keep_their_contents() {
    assert_eq!(
        convert(&format!("<m:box><m:e>{}</m:e></m:box>", r("a"))),
        "<mi>a</mi>"
    );
    assert_eq!(
        convert(&format!("<m:borderBox><m:e>{}</m:e></m:borderBox>", r("b"))),
        "<mi>b</mi>"
    );
}

#[test]
fn unknown_elements_keep_their_text_and_are_flagged() {
    let (out, unknown) = convert_flag(&format!("<m:future><m:e>{}</m:e></m:future>", r("q")));
    assert_eq!(out, "<mtext>q</mtext>");
    assert!(unknown);
    let (_, known) = convert_flag(&r("q"));
    assert!(!known);
}

#[test]
fn hostile_nesting_is_bounded() {
    let mut inner = r("x");
    for _ in 0..200 {
        inner = format!("<m:box><m:e>{inner}</m:e></m:box>");
    }
    let (out, unknown) = convert_flag(&inner);
    assert!(out.contains('x'));
    assert!(unknown);
}

#[test]
fn text_is_escaped() {
    assert_eq!(
        convert(&r("a&lt;b")),
        "<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>"
    );
}

#[test]
fn display_formulas_say_so() {
    let xml = format!(r#"<m:oMath xmlns:m="{M}">{}</m:oMath>"#, r("x"));
    let e = parse(xml.as_bytes(), "test").unwrap();
    let f = read(&e, true, &mut false);
    let out = String::from_utf8(mathml::content(&f)).unwrap();
    assert!(out.contains(r#"<math:math xmlns:math="http://www.w3.org/1998/Math/MathML""#));
    assert!(out.contains(r#"office:version="1.3""#));
    assert!(out.contains(r#"display="block""#));
}
