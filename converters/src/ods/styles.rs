//! Styles of the ODS writer: cell styles from cell formats (ODF 1.3 §17.18 table-cell
//! properties, §17.6 paragraph, §16.27 text properties), column, row and table styles, and the
//! hook where number formats become data styles.

use std::collections::HashMap;

use crate::odf::XmlWriter;
use crate::sheet::{BorderLine, CellStyle, Font, Underline, VertAlign};
use crate::units::pt;

/// A font family for fo:font-family (XSL §7.9.2): names with spaces are quoted.
fn family(name: &str) -> String {
    if name.contains([' ', ',']) && !name.contains('\'') {
        let mut s = String::with_capacity(name.len() + 2);
        s.push('\'');
        s.push_str(name);
        s.push('\'');
        s
    } else {
        name.to_string()
    }
}

/// style:text-properties for a font; `base` is the font it differs from (nothing is written
/// for a property that equals it).
pub fn text_properties(x: &mut XmlWriter, f: &Font, base: Option<&Font>) {
    let mut a: Vec<(&str, String)> = Vec::new();
    let differs = |get: &dyn Fn(&Font) -> String| base.is_none_or(|b| get(b) != get(f));
    if let Some(name) = &f.name
        && differs(&|g| g.name.clone().unwrap_or_default())
    {
        let fam = family(name);
        a.push(("fo:font-family", fam.clone()));
        a.push(("style:font-family-asian", fam.clone()));
        a.push(("style:font-family-complex", fam));
    }
    if let Some(size) = f.size
        && differs(&|g| format!("{:?}", g.size))
    {
        a.push(("fo:font-size", pt(size)));
        a.push(("style:font-size-asian", pt(size)));
        a.push(("style:font-size-complex", pt(size)));
    }
    if differs(&|g| g.bold.to_string()) {
        let w = if f.bold { "bold" } else { "normal" };
        for k in [
            "fo:font-weight",
            "style:font-weight-asian",
            "style:font-weight-complex",
        ] {
            a.push((k, w.into()));
        }
    }
    if differs(&|g| g.italic.to_string()) {
        let s = if f.italic { "italic" } else { "normal" };
        for k in [
            "fo:font-style",
            "style:font-style-asian",
            "style:font-style-complex",
        ] {
            a.push((k, s.into()));
        }
    }
    if differs(&|g| format!("{:?}", g.underline)) {
        match f.underline {
            None => a.push(("style:text-underline-style", "none".into())),
            Some(u) => {
                a.push(("style:text-underline-style", "solid".into()));
                a.push(("style:text-underline-width", "auto".into()));
                a.push(("style:text-underline-color", "font-color".into()));
                if matches!(u, Underline::Double | Underline::DoubleAccounting) {
                    a.push(("style:text-underline-type", "double".into()));
                }
            }
        }
    }
    if differs(&|g| g.strike.to_string()) {
        let s = if f.strike { "solid" } else { "none" };
        a.push(("style:text-line-through-style", s.into()));
    }
    if let Some(c) = f.color
        && differs(&|g| format!("{:?}", g.color))
    {
        a.push(("fo:color", c.odf()));
    }
    if differs(&|g| format!("{:?}", g.vert_align)) {
        a.push((
            "style:text-position",
            match f.vert_align {
                Some(VertAlign::Superscript) => "super 58%",
                Some(VertAlign::Subscript) => "sub 58%",
                None => "0% 100%",
            }
            .into(),
        ));
    }
    if !a.is_empty() {
        x.empty_owned("style:text-properties", &a);
    }
}

/// A border line in fo:border syntax (XSL §7.31.1), widths as LibreOffice maps Excel's styles.
pub(super) fn border(line: &BorderLine) -> (String, Option<&'static str>) {
    let (width, style, double) = match line.style.as_str() {
        "medium" => ("1.75pt", "solid", None),
        "thick" => ("2.5pt", "solid", None),
        "double" => ("2.01pt", "double", Some("0.26pt 0.49pt 0.26pt")),
        "hair" => ("0.26pt", "solid", None),
        "dotted" => ("0.74pt", "dotted", None),
        "dashed" | "dashDot" | "dashDotDot" => ("0.74pt", "dashed", None),
        "mediumDashed" | "mediumDashDot" | "mediumDashDotDot" | "slantDashDot" => {
            ("1.75pt", "dashed", None)
        }
        _ => ("0.74pt", "solid", None),
    };
    let color = line
        .color
        .map_or_else(|| "#000000".to_string(), |c| c.odf());
    (format!("{width} {style} {color}"), double)
}

/// Writes one cell style's properties (table-cell, paragraph, text), complete in itself.
pub fn cell_properties(x: &mut XmlWriter, s: &CellStyle, base_font: Option<&Font>) {
    let mut cell: Vec<(&str, String)> = Vec::new();
    if let Some(bg) = s.fill {
        cell.push(("fo:background-color", bg.odf()));
    }
    let b = &s.border;
    for (attr, width_attr, line) in [
        ("fo:border-left", "style:border-line-width-left", &b.left),
        ("fo:border-right", "style:border-line-width-right", &b.right),
        ("fo:border-top", "style:border-line-width-top", &b.top),
        (
            "fo:border-bottom",
            "style:border-line-width-bottom",
            &b.bottom,
        ),
        (
            "style:diagonal-tl-br",
            "style:diagonal-tl-br-widths",
            &b.diagonal_down,
        ),
        (
            "style:diagonal-bl-tr",
            "style:diagonal-bl-tr-widths",
            &b.diagonal_up,
        ),
    ] {
        if let Some(l) = line {
            let (value, widths) = border(l);
            cell.push((attr, value));
            if let Some(w) = widths {
                cell.push((width_attr, w.to_string()));
            }
        }
    }
    let al = &s.alignment;
    if al.wrap {
        cell.push(("fo:wrap-option", "wrap".into()));
    }
    if al.shrink {
        cell.push(("style:shrink-to-fit", "true".into()));
    }
    if let Some(v) = &al.vertical {
        let v = match v.as_str() {
            "top" => "top",
            "center" | "justify" | "distributed" => "middle",
            _ => "bottom",
        };
        cell.push(("style:vertical-align", v.into()));
    }
    match al.rotation {
        0 => {}
        // Stacked letters (ODF 1.3 §20.258 style:direction ttb).
        255 => cell.push(("style:direction", "ttb".into())),
        r @ 1..=90 => cell.push(("style:rotation-angle", r.to_string())),
        // 91..=180 turn clockwise by r - 90 degrees.
        r => cell.push((
            "style:rotation-angle",
            (360 - (r.min(180) - 90)).to_string(),
        )),
    }
    if al.horizontal.is_some() {
        // Without a fixed source the alignment follows the value type (ODF 1.3 §20.263).
        cell.push(("style:text-align-source", "fix".into()));
    }
    let protect = match (s.protection.locked, s.protection.hidden) {
        (true, true) => "protected formula-hidden",
        (true, false) => "protected",
        (false, true) => "formula-hidden",
        (false, false) => "none",
    };
    cell.push(("style:cell-protect", protect.into()));
    x.empty_owned("style:table-cell-properties", &cell);

    let mut para: Vec<(&str, String)> = Vec::new();
    if let Some(h) = &al.horizontal {
        let a = match h.as_str() {
            "center" | "centerContinuous" => "center",
            "right" => "end",
            "justify" | "distributed" => "justify",
            _ => "start",
        };
        para.push(("fo:text-align", a.into()));
    }
    if al.indent > 0 {
        // An indent step is three digits of the font wide (ECMA-376-1 §18.8.1 indent).
        let size = s
            .font
            .size
            .or(base_font.and_then(|f| f.size))
            .unwrap_or(11.0);
        para.push(("fo:margin-left", pt(al.indent as f64 * 3.0 * size * 0.52)));
    }
    if !para.is_empty() {
        x.empty_owned("style:paragraph-properties", &para);
    }
    text_properties(x, &s.font, base_font);
}

/// Column, row and table styles, shared by equal properties.
#[derive(Debug, Default)]
pub struct SheetStyles {
    keys: HashMap<String, String>,
    pub x: XmlWriter,
    count: [usize; 3],
}

impl SheetStyles {
    pub fn new() -> Self {
        Self {
            x: XmlWriter::fragment(),
            ..Self::default()
        }
    }

    fn name(&mut self, kind: usize, prefix: &str, key: String) -> (String, bool) {
        if let Some(n) = self.keys.get(&key) {
            return (n.clone(), false);
        }
        self.count[kind] += 1;
        let name = format!("{prefix}{}", self.count[kind]);
        self.keys.insert(key, name.clone());
        (name, true)
    }

    /// A column style; widths must be positive in ODF (a zero-width column is hidden instead).
    /// `page_break`: a manual page break before the column (ODF 1.3 §20.170 fo:break-before).
    pub fn column(&mut self, width_pt: f64, page_break: bool) -> String {
        let width = pt(width_pt.max(0.75));
        let key = if page_break {
            format!("co {width} break")
        } else {
            format!("co {width}")
        };
        let (name, new) = self.name(0, "co", key);
        if new {
            self.x.start(
                "style:style",
                &[("style:name", &name), ("style:family", "table-column")],
            );
            let mut a = vec![("style:column-width", width.as_str())];
            if page_break {
                a.push(("fo:break-before", "page"));
            }
            self.x.empty("style:table-column-properties", &a);
            self.x.end("style:style");
        }
        name
    }

    /// A row style; `optimal` rows are fitted to their content by the application;
    /// `page_break`: a manual page break before the row (fo:break-before).
    pub fn row(&mut self, height_pt: f64, optimal: bool, page_break: bool) -> String {
        let height = pt(height_pt.max(0.75));
        let key = if page_break {
            format!("ro {height} {optimal} break")
        } else {
            format!("ro {height} {optimal}")
        };
        let (name, new) = self.name(1, "ro", key);
        if new {
            self.x.start(
                "style:style",
                &[("style:name", &name), ("style:family", "table-row")],
            );
            let mut a = vec![
                ("style:row-height", height.as_str()),
                (
                    "style:use-optimal-row-height",
                    if optimal { "true" } else { "false" },
                ),
            ];
            if page_break {
                a.push(("fo:break-before", "page"));
            }
            self.x.empty("style:table-row-properties", &a);
            self.x.end("style:style");
        }
        name
    }

    /// A table style: shown or hidden, and its tab colour (ODF 1.3 §17.15 table:display,
    /// table:tab-color), and the master page it prints with (§19.509 style:master-page-name).
    pub fn table(
        &mut self,
        display: bool,
        tab: Option<crate::units::Rgb>,
        master: Option<&str>,
    ) -> String {
        let tab = tab.map(|c| c.odf());
        let (name, new) = self.name(2, "ta", format!("ta {display} {tab:?} {master:?}"));
        if new {
            let mut st = vec![("style:name", name.as_str()), ("style:family", "table")];
            if let Some(m) = master {
                st.push(("style:master-page-name", m));
            }
            self.x.start("style:style", &st);
            let mut a = vec![("table:display", display.to_string())];
            if let Some(t) = tab {
                a.push(("table:tab-color", t));
            }
            self.x.empty_owned("style:table-properties", &a);
            self.x.end("style:style");
        }
        name
    }
}
