//! Word equations (Office Math, OMML, ECMA-376-1 §22.1) read into a small MathML tree, which
//! [`mathml`] writes as an embedded ODF formula object (ODF 1.3 Part 3 §16).
//!
//! Each `m:oMath` becomes one [`Formula`]; inside `m:oMathPara` each is a display formula. The
//! common constructs map to their MathML counterparts the way LibreOffice's import maps them;
//! an element this reader does not know keeps its text (and the caller records a finding).

pub mod mathml;
#[cfg(test)]
mod tests;

use crate::dom::{Element, Ns};

/// Bound on the nesting of equation structures, against hostile input.
const MAX_DEPTH: usize = 64;

/// A MathML element: its name (`mi`, `mfrac`, ...), attributes, and either text or children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub text: Option<String>,
    pub children: Vec<Node>,
}

impl Node {
    fn new(tag: &'static str, children: Vec<Node>) -> Self {
        Node {
            tag,
            attrs: Vec::new(),
            text: None,
            children,
        }
    }

    fn token(tag: &'static str, text: impl Into<String>) -> Self {
        Node {
            tag,
            attrs: Vec::new(),
            text: Some(text.into()),
            children: Vec::new(),
        }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.attrs.push((name, value.into()));
        self
    }

    fn mo(text: impl Into<String>) -> Self {
        Node::token("mo", text)
    }

    /// An estimate of the width, in ems: characters side by side, stacked parts (fractions,
    /// limits, table rows) as wide as their widest, scripts smaller.
    pub fn width(&self) -> f64 {
        let text = self.text.as_deref().map_or(0, |t| t.chars().count()) as f64 * 0.6;
        let widths = self.children.iter().map(Node::width);
        let max = |w: &mut dyn Iterator<Item = f64>| w.fold(0.0, f64::max);
        text + match self.tag {
            "mfrac" | "munder" | "mover" | "munderover" => max(&mut widths.clone()) + 0.2,
            "mtable" => max(&mut widths.clone()) + 0.4,
            "msub" | "msup" | "msubsup" | "mmultiscripts" => {
                let mut w = widths.clone();
                let base = w.next().unwrap_or(0.0);
                base + 0.7 * max(&mut w)
            }
            "mtr" => widths.clone().sum::<f64>() + 0.8 * self.children.len() as f64,
            "msqrt" | "mroot" => widths.clone().sum::<f64>() + 0.8,
            _ => widths.clone().sum(),
        }
    }

    /// An estimate of the height, in lines: stacked parts add up, the rest is one line.
    pub fn height(&self) -> f64 {
        let heights = self.children.iter().map(Node::height);
        match self.tag {
            "mfrac" | "mtable" => heights.sum::<f64>().max(1.0),
            "munder" | "mover" | "munderover" => {
                let mut h = heights;
                let base = h.next().unwrap_or(1.0);
                base + 0.6 * h.sum::<f64>()
            }
            _ => heights.fold(1.0, f64::max),
        }
    }
}

/// One equation: its MathML content and whether it is shown as a display (block) formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    pub root: Node,
    pub display: bool,
}

/// Reads one `m:oMath`. `unknown` is set when an element was carried by its text only.
pub fn read(e: &Element, display: bool, unknown: &mut bool) -> Formula {
    let mut r = Read { unknown: false };
    let root = mrow(r.children(e, 0));
    *unknown |= r.unknown;
    Formula { root, display }
}

struct Read {
    unknown: bool,
}

/// The `m:val` of a property child (`m:chr m:val="∑"`).
fn val<'a>(pr: Option<&'a Element>, name: &str) -> Option<&'a str> {
    pr?.child(Ns::M, name)?.attr(Ns::M, "val")
}

/// An on/off property (ECMA-376-1 §22.9.2.7 ST_OnOff): present without a value means on.
fn on(pr: Option<&Element>, name: &str) -> bool {
    match pr.and_then(|p| p.child(Ns::M, name)) {
        Some(c) => !matches!(c.attr(Ns::M, "val"), Some("0" | "off" | "false")),
        None => false,
    }
}

fn mrow(mut nodes: Vec<Node>) -> Node {
    if nodes.len() == 1 {
        nodes.remove(0)
    } else {
        Node::new("mrow", nodes)
    }
}

/// Operator characters shown as `mo` (ASCII operators, and the Unicode operator blocks).
fn is_operator(c: char) -> bool {
    "+-=<>()[]{}|/*!,;:.^~&%?'\u{b1}\u{b7}\u{d7}\u{f7}".contains(c)
        || ('\u{2190}'..='\u{22ff}').contains(&c)
        || ('\u{2a00}'..='\u{2aff}').contains(&c)
        || ('\u{27c0}'..='\u{27ff}').contains(&c)
        || ('\u{2016}'..='\u{2044}').contains(&c)
}

/// Splits the text of a math run into tokens: numbers (`mn`), operators (`mo`), identifiers
/// (`mi`, one per letter as Word's math italic shows them; a run with `m:nor`/`m:sty p` keeps
/// words whole), the way LibreOffice's OMML import tokenizes runs.
fn tokens(text: &str, plain: bool, out: &mut Vec<Node>) {
    if plain {
        out.push(Node::token("mtext", text));
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            out.push(Node::token(
                "mn",
                chars[start..i].iter().collect::<String>(),
            ));
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_operator(c) {
            out.push(Node::mo(c.to_string()));
        } else {
            out.push(Node::token("mi", c.to_string()));
        }
        i += 1;
    }
}

impl Read {
    /// The children of an argument element (`m:e`, `m:num`, ...) as MathML nodes.
    fn children(&mut self, e: &Element, depth: usize) -> Vec<Node> {
        let mut out = Vec::new();
        if depth > MAX_DEPTH {
            self.unknown = true;
            out.push(Node::token("mtext", e.text()));
            return out;
        }
        for c in e.elements() {
            self.element(c, depth + 1, &mut out);
        }
        out
    }

    /// A named argument (`m:e`, `m:sub`, ...) as one node.
    fn arg(&mut self, e: &Element, name: &str, depth: usize) -> Node {
        match e.child(Ns::M, name) {
            Some(a) => mrow(self.children(a, depth)),
            None => Node::new("mrow", Vec::new()),
        }
    }

    fn element(&mut self, c: &Element, depth: usize, out: &mut Vec<Node>) {
        if c.ns != Ns::M {
            // w:r inside math (rare), bookmarks, proofing marks, change tracking wrappers.
            if c.ns == Ns::W && matches!(c.name.as_str(), "ins" | "smartTag" | "customXml") {
                out.extend(self.children(c, depth));
            } else if c.ns == Ns::W && c.name == "r" {
                let t: String = c
                    .elements()
                    .filter(|t| t.is(Ns::W, "t"))
                    .map(Element::text)
                    .collect();
                if !t.is_empty() {
                    out.push(Node::token("mtext", t));
                }
            }
            return;
        }
        let pr_name = format!("{}Pr", c.name);
        let pr = c.child(Ns::M, &pr_name);
        match c.name.as_str() {
            "r" => {
                let rpr = c.child(Ns::M, "rPr");
                let plain = on(rpr, "nor");
                for t in c.elements().filter(|t| t.is(Ns::M, "t")) {
                    tokens(&t.text(), plain, out);
                }
            }
            "oMath" => out.push(mrow(self.children(c, depth))),
            "f" => {
                let num = self.arg(c, "num", depth);
                let den = self.arg(c, "den", depth);
                let mut f = Node::new("mfrac", vec![num, den]);
                match val(pr, "type") {
                    Some("noBar") => f = f.with("linethickness", "0"),
                    Some("lin") => {
                        let mut row = vec![f.children.remove(0), Node::mo("/")];
                        row.push(f.children.remove(0));
                        f = Node::new("mrow", row);
                    }
                    _ => {}
                }
                out.push(f);
            }
            "sSup" => out.push(Node::new(
                "msup",
                vec![self.arg(c, "e", depth), self.arg(c, "sup", depth)],
            )),
            "sSub" => out.push(Node::new(
                "msub",
                vec![self.arg(c, "e", depth), self.arg(c, "sub", depth)],
            )),
            "sSubSup" => out.push(Node::new(
                "msubsup",
                vec![
                    self.arg(c, "e", depth),
                    self.arg(c, "sub", depth),
                    self.arg(c, "sup", depth),
                ],
            )),
            "sPre" => out.push(Node::new(
                "mmultiscripts",
                vec![
                    self.arg(c, "e", depth),
                    Node::new("mprescripts", Vec::new()),
                    self.arg(c, "sub", depth),
                    self.arg(c, "sup", depth),
                ],
            )),
            "rad" => {
                let base = self.arg(c, "e", depth);
                let deg = c.child(Ns::M, "deg");
                if on(pr, "degHide") || deg.is_none_or(|d| d.elements().next().is_none()) {
                    out.push(Node::new("msqrt", vec![base]));
                } else {
                    let deg = self.arg(c, "deg", depth);
                    out.push(Node::new("mroot", vec![base, deg]));
                }
            }
            "nary" => {
                // §22.1.2.70: the operator defaults to the integral.
                let chr = val(pr, "chr").unwrap_or("\u{222b}");
                let op = Node::mo(chr).with("stretchy", "false");
                let sub = (!on(pr, "subHide")).then(|| self.arg(c, "sub", depth));
                let sup = (!on(pr, "supHide")).then(|| self.arg(c, "sup", depth));
                let under = val(pr, "limLoc") == Some("undOvr")
                    || (val(pr, "limLoc").is_none() && chr != "\u{222b}" && !chr.contains('∮'));
                let op = match (sub, sup, under) {
                    (Some(b), Some(t), true) => Node::new("munderover", vec![op, b, t]),
                    (Some(b), Some(t), false) => Node::new("msubsup", vec![op, b, t]),
                    (Some(b), None, true) => Node::new("munder", vec![op, b]),
                    (Some(b), None, false) => Node::new("msub", vec![op, b]),
                    (None, Some(t), true) => Node::new("mover", vec![op, t]),
                    (None, Some(t), false) => Node::new("msup", vec![op, t]),
                    (None, None, _) => op,
                };
                out.push(Node::new("mrow", vec![op, self.arg(c, "e", depth)]));
            }
            "d" => {
                // §22.1.2.24: parentheses and a bar separator unless told otherwise.
                let beg = val(pr, "begChr").unwrap_or("(");
                let end = val(pr, "endChr").unwrap_or(")");
                let sep = val(pr, "sepChr").unwrap_or("|");
                let mut row = Vec::new();
                if !beg.is_empty() {
                    row.push(Node::mo(beg).with("fence", "true").with("stretchy", "true"));
                }
                for (i, e) in c.children_named(Ns::M, "e").enumerate() {
                    if i > 0 {
                        row.push(Node::mo(sep).with("separator", "true"));
                    }
                    row.push(mrow(self.children(e, depth)));
                }
                if !end.is_empty() {
                    row.push(Node::mo(end).with("fence", "true").with("stretchy", "true"));
                }
                out.push(Node::new("mrow", row));
            }
            "func" => {
                let name = self.arg(c, "fName", depth);
                let name = plain_name(name);
                out.push(Node::new(
                    "mrow",
                    vec![name, Node::mo("\u{2061}"), self.arg(c, "e", depth)],
                ));
            }
            "acc" => {
                let chr = val(pr, "chr").unwrap_or("\u{302}");
                out.push(
                    Node::new("mover", vec![self.arg(c, "e", depth), Node::mo(chr)])
                        .with("accent", "true"),
                );
            }
            "bar" => {
                let top = val(pr, "pos") == Some("top");
                let (tag, mark) = if top {
                    ("mover", "\u{af}")
                } else {
                    ("munder", "_")
                };
                out.push(
                    Node::new(tag, vec![self.arg(c, "e", depth), Node::mo(mark)])
                        .with(if top { "accent" } else { "accentunder" }, "true"),
                );
            }
            "groupChr" => {
                let chr = val(pr, "chr").unwrap_or("\u{23df}");
                let top = val(pr, "pos") == Some("top");
                let tag = if top { "mover" } else { "munder" };
                out.push(Node::new(tag, vec![self.arg(c, "e", depth), Node::mo(chr)]));
            }
            "limLow" => out.push(Node::new(
                "munder",
                vec![self.arg(c, "e", depth), self.arg(c, "lim", depth)],
            )),
            "limUpp" => out.push(Node::new(
                "mover",
                vec![self.arg(c, "e", depth), self.arg(c, "lim", depth)],
            )),
            "m" => {
                let rows = c
                    .children_named(Ns::M, "mr")
                    .map(|mr| {
                        let cells = mr
                            .children_named(Ns::M, "e")
                            .map(|e| Node::new("mtd", vec![mrow(self.children(e, depth))]))
                            .collect();
                        Node::new("mtr", cells)
                    })
                    .collect();
                out.push(Node::new("mtable", rows));
            }
            "eqArr" => {
                let rows = c
                    .children_named(Ns::M, "e")
                    .map(|e| {
                        let cell = Node::new("mtd", vec![mrow(self.children(e, depth))]);
                        Node::new("mtr", vec![cell])
                    })
                    .collect();
                out.push(Node::new("mtable", rows));
            }
            "box" | "borderBox" | "phant" => out.push(self.arg(c, "e", depth)),
            // Properties and control marks carry no content.
            "ctrlPr" | "oMathParaPr" | "rPr" | "argPr" => {}
            n if n.ends_with("Pr") => {}
            _ => {
                let text = c.text();
                if !text.is_empty() {
                    self.unknown = true;
                    out.push(Node::token("mtext", text));
                }
            }
        }
    }
}

/// A function name is written upright: its identifier letters joined into one `mi`.
fn plain_name(n: Node) -> Node {
    fn letters(n: &Node, s: &mut String) -> bool {
        if n.tag == "mi" {
            s.push_str(n.text.as_deref().unwrap_or(""));
            return true;
        }
        n.tag == "mrow" && n.children.iter().all(|c| letters(c, s))
    }
    let mut s = String::new();
    if letters(&n, &mut s) && !s.is_empty() {
        Node::token("mi", s).with("mathvariant", "normal")
    } else {
        n
    }
}
