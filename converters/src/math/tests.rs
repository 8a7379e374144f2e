//! OMML → MathML, construct by construct.

use super::{Formula, mathml, read};
use crate::dom::parse;
use crate::odf::XmlWriter;

const M: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";

/// An OMML fixture node, written through the escaping XML writer.
enum N {
    El(&'static str, Vec<(&'static str, &'static str)>, Vec<N>),
    Text(String),
}

/// An element with children.
fn el(name: &'static str, kids: Vec<N>) -> N {
    N::El(name, Vec::new(), kids)
}

/// An element with an `m:val` and no children (`m:chr`, `m:begChr`, `m:pos`, ...).
fn val(name: &'static str, v: &'static str) -> N {
    N::El(name, vec![("m:val", v)], Vec::new())
}

/// A run of math text.
fn r(t: &str) -> N {
    el("m:r", vec![el("m:t", vec![N::Text(t.to_string())])])
}

/// `m:e` around `kids`.
fn e(kids: Vec<N>) -> N {
    el("m:e", kids)
}

fn write(x: &mut XmlWriter, n: &N) {
    match n {
        N::El(name, attrs, kids) => {
            x.start(name, attrs);
            for k in kids {
                write(x, k);
            }
            x.end(name);
        }
        N::Text(t) => x.text(t),
    }
}

/// `m:oMath` holding `inner`, read into a formula.
fn formula(inner: N, display: bool, unknown: &mut bool) -> Formula {
    let mut x = XmlWriter::fragment();
    x.start("m:oMath", &[("xmlns:m", M)]);
    write(&mut x, &inner);
    x.end("m:oMath");
    let root = parse(&x.into_bytes(), "test").unwrap();
    read(&root, display, unknown)
}

/// The MathML of one `m:oMath` holding `inner`, without the `math:` prefixes, and whether an
/// unknown element was carried as text.
fn convert_flag(inner: N) -> (String, bool) {
    let mut unknown = false;
    let f = formula(inner, false, &mut unknown);
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

fn convert(inner: N) -> String {
    convert_flag(inner).0
}

#[test]
fn runs_split_into_identifiers_numbers_and_operators() {
    assert_eq!(
        convert(r("x+12=y")),
        "<mrow><mi>x</mi><mo>+</mo><mn>12</mn><mo>=</mo><mi>y</mi></mrow>"
    );
}

#[test]
fn normal_text_runs_stay_text() {
    let run = el(
        "m:r",
        vec![
            el("m:rPr", vec![el("m:nor", vec![])]),
            el("m:t", vec![N::Text("if x".into())]),
        ],
    );
    assert_eq!(convert(run), "<mtext>if x</mtext>");
}

#[test]
fn fraction() {
    let out = convert(el(
        "m:f",
        vec![el("m:num", vec![r("a")]), el("m:den", vec![r("2")])],
    ));
    assert_eq!(out, "<mfrac><mi>a</mi><mn>2</mn></mfrac>");
}

#[test]
fn scripts() {
    let sup = convert(el(
        "m:sSup",
        vec![e(vec![r("x")]), el("m:sup", vec![r("2")])],
    ));
    assert_eq!(sup, "<msup><mi>x</mi><mn>2</mn></msup>");
    let sub = convert(el(
        "m:sSub",
        vec![e(vec![r("x")]), el("m:sub", vec![r("i")])],
    ));
    assert_eq!(sub, "<msub><mi>x</mi><mi>i</mi></msub>");
    let both = convert(el(
        "m:sSubSup",
        vec![
            e(vec![r("x")]),
            el("m:sub", vec![r("i")]),
            el("m:sup", vec![r("2")]),
        ],
    ));
    assert_eq!(both, "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>");
    let pre = convert(el(
        "m:sPre",
        vec![
            el("m:sub", vec![r("1")]),
            el("m:sup", vec![r("2")]),
            e(vec![r("X")]),
        ],
    ));
    assert_eq!(
        pre,
        "<mmultiscripts><mi>X</mi><mprescripts/><mn>1</mn><mn>2</mn></mmultiscripts>"
    );
}

#[test]
fn radicals() {
    let sqrt = convert(el(
        "m:rad",
        vec![
            el("m:radPr", vec![val("m:degHide", "1")]),
            el("m:deg", vec![]),
            e(vec![r("x")]),
        ],
    ));
    assert_eq!(sqrt, "<msqrt><mi>x</mi></msqrt>");
    let root = convert(el(
        "m:rad",
        vec![el("m:deg", vec![r("3")]), e(vec![r("x")])],
    ));
    assert_eq!(root, "<mroot><mi>x</mi><mn>3</mn></mroot>");
}

#[test]
fn nary_defaults_to_an_integral_and_places_limits() {
    let int = convert(el(
        "m:nary",
        vec![
            el("m:sub", vec![r("0")]),
            el("m:sup", vec![r("1")]),
            e(vec![r("x")]),
        ],
    ));
    assert_eq!(
        int,
        "<mrow><msubsup><mo stretchy=\"false\">\u{222b}</mo><mn>0</mn><mn>1</mn></msubsup>\
         <mi>x</mi></mrow>"
    );
    let sum = convert(el(
        "m:nary",
        vec![
            el(
                "m:naryPr",
                vec![val("m:chr", "\u{2211}"), val("m:limLoc", "undOvr")],
            ),
            el("m:sub", vec![r("k")]),
            el("m:sup", vec![r("n")]),
            e(vec![r("k")]),
        ],
    ));
    assert!(sum.starts_with("<mrow><munderover><mo stretchy=\"false\">\u{2211}</mo>"));
}

#[test]
fn delimiters_default_to_parentheses() {
    let d = convert(el("m:d", vec![e(vec![r("x")])]));
    assert_eq!(
        d,
        "<mrow><mo fence=\"true\" stretchy=\"true\">(</mo><mi>x</mi>\
         <mo fence=\"true\" stretchy=\"true\">)</mo></mrow>"
    );
    let set = convert(el(
        "m:d",
        vec![
            el(
                "m:dPr",
                vec![
                    val("m:begChr", "{"),
                    val("m:endChr", "}"),
                    val("m:sepChr", ","),
                ],
            ),
            e(vec![r("a")]),
            e(vec![r("b")]),
        ],
    ));
    assert!(set.contains("<mo separator=\"true\">,</mo>"), "{set}");
    assert!(set.contains(">{</mo>") && set.contains(">}</mo>"), "{set}");
}

#[test]
fn function_names_are_upright() {
    let f = convert(el(
        "m:func",
        vec![el("m:fName", vec![r("sin")]), e(vec![r("x")])],
    ));
    assert_eq!(
        f,
        "<mrow><mi mathvariant=\"normal\">sin</mi><mo>\u{2061}</mo><mi>x</mi></mrow>"
    );
}

#[test]
fn accents_bars_and_group_characters() {
    let acc = convert(el(
        "m:acc",
        vec![
            el("m:accPr", vec![val("m:chr", "\u{303}")]),
            e(vec![r("a")]),
        ],
    ));
    assert_eq!(
        acc,
        "<mover accent=\"true\"><mi>a</mi><mo>\u{303}</mo></mover>"
    );
    let bar = convert(el(
        "m:bar",
        vec![el("m:barPr", vec![val("m:pos", "top")]), e(vec![r("a")])],
    ));
    assert_eq!(
        bar,
        "<mover accent=\"true\"><mi>a</mi><mo>\u{af}</mo></mover>"
    );
    let group = convert(el("m:groupChr", vec![e(vec![r("a")])]));
    assert_eq!(group, "<munder><mi>a</mi><mo>\u{23df}</mo></munder>");
}

#[test]
fn limits() {
    let low = convert(el(
        "m:limLow",
        vec![e(vec![r("lim")]), el("m:lim", vec![r("n")])],
    ));
    assert!(low.starts_with("<munder><mrow><mi>l</mi>"), "{low}");
    let upp = convert(el(
        "m:limUpp",
        vec![e(vec![r("x")]), el("m:lim", vec![r("y")])],
    ));
    assert_eq!(upp, "<mover><mi>x</mi><mi>y</mi></mover>");
}

#[test]
fn matrices_and_equation_arrays_are_tables() {
    let row = |a: &str, b: &str| el("m:mr", vec![e(vec![r(a)]), e(vec![r(b)])]);
    let m = convert(el("m:m", vec![row("1", "0"), row("0", "1")]));
    assert_eq!(
        m,
        "<mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr>\
         <mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable>"
    );
    let eq = convert(el("m:eqArr", vec![e(vec![r("a")]), e(vec![r("b")])]));
    assert_eq!(
        eq,
        "<mtable><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable>"
    );
}

#[test]
fn boxes_keep_their_contents() {
    assert_eq!(convert(el("m:box", vec![e(vec![r("a")])])), "<mi>a</mi>");
    assert_eq!(
        convert(el("m:borderBox", vec![e(vec![r("b")])])),
        "<mi>b</mi>"
    );
}

#[test]
fn unknown_elements_keep_their_text_and_are_flagged() {
    let (out, unknown) = convert_flag(el("m:future", vec![e(vec![r("q")])]));
    assert_eq!(out, "<mtext>q</mtext>");
    assert!(unknown);
    let (_, known) = convert_flag(r("q"));
    assert!(!known);
}

#[test]
fn hostile_nesting_is_bounded() {
    let mut inner = r("x");
    for _ in 0..200 {
        inner = el("m:box", vec![e(vec![inner])]);
    }
    let (out, unknown) = convert_flag(inner);
    assert!(out.contains('x'));
    assert!(unknown);
}

#[test]
fn text_is_escaped() {
    assert_eq!(
        convert(r("a<b")),
        "<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>"
    );
}

#[test]
fn display_formulas_say_so() {
    let f = formula(r("x"), true, &mut false);
    let out = String::from_utf8(mathml::content(&f)).unwrap();
    assert!(out.contains(r#"<math:math xmlns:math="http://www.w3.org/1998/Math/MathML""#));
    assert!(out.contains(r#"office:version="1.3""#));
    assert!(out.contains(r#"display="block""#));
}
