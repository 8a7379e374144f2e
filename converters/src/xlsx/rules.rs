//! Conditional formats, data validations and differential formats as SpreadsheetML writes them
//! (ECMA-376-1 §18.3.1.18 conditionalFormatting, §18.3.1.32 dataValidations, §18.8.14 dxf, and
//! the x14 extension elements of [MS-XLSX] §2.6 in a worksheet's extLst), into the model of
//! [`crate::sheet::rules`]. The worksheet reader hands over each of these subtrees as a tree.

use crate::dom::{Element, Ns};
use crate::findings::FindingKind;
use crate::sheet::rules::{CfRule, CondFormat, Dxf, SheetRules, Validation, parse_sqref};
use crate::sheet::{Sheet, Underline};

use super::styles::{Colors, border, on};

/// Rules one sheet may hold; real sheets have at most a few thousand.
const MAX_RULES: usize = 100_000;

/// What a rule subtree left behind: findings with their locations, elements not read.
#[derive(Debug, Default)]
pub struct Lost {
    pub findings: Vec<(FindingKind, String)>,
    pub unsupported: Vec<String>,
}

/// Reads a worksheet-level `conditionalFormatting`, `dataValidations` or `extLst` subtree.
///
/// Findings name the sheet and the range (`Sheet1!A1:B4 D1`); `part` is not needed for them.
pub fn read(e: &Element, sheet: &mut Sheet, lost: &mut Lost) {
    let at = &sheet.name;
    let rules = &mut sheet.rules;
    match (e.ns, e.name.as_str()) {
        (Ns::X, "conditionalFormatting") => conditional(e, rules, at, lost),
        (Ns::X, "dataValidations") => {
            for v in e.children_named(Ns::X, "dataValidation") {
                if rules.validations.len() < MAX_RULES {
                    rules.validations.push(validation(v, false));
                }
            }
        }
        (Ns::X, "extLst") => extensions(e, rules, at, lost),
        _ => lost.unsupported.push(e.name.to_string()),
    }
}

fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attr(Ns::None, name)
}

fn flag(e: &Element, name: &str, default: bool) -> bool {
    attr(e, name).map_or(default, |v| matches!(v.trim(), "1" | "true"))
}

fn text(e: &Element) -> Option<String> {
    Some(e.text().trim().to_string()).filter(|t| !t.is_empty())
}

/// Rule types without an ODF 1.3 form: they draw bars, scales and icons, not formats.
fn graphical(kind: &str) -> bool {
    matches!(kind, "colorScale" | "dataBar" | "iconSet")
}

fn conditional(e: &Element, rules: &mut SheetRules, sheet: &str, lost: &mut Lost) {
    let sqref = attr(e, "sqref").unwrap_or_default();
    let mut cf = CondFormat {
        ranges: parse_sqref(sqref),
        rules: Vec::new(),
    };
    for r in e.children_named(Ns::X, "cfRule") {
        let kind = attr(r, "type").unwrap_or_default().to_string();
        if graphical(&kind) {
            lost.findings.push((
                FindingKind::ConditionalFormatLost { rule: kind },
                location(sheet, sqref),
            ));
            continue;
        }
        let num = |n: &str| attr(r, n).and_then(|v| v.trim().parse::<i64>().ok());
        cf.rules.push(CfRule {
            priority: num("priority").unwrap_or(i64::MAX),
            stop: flag(r, "stopIfTrue", false),
            dxf: num("dxfId").and_then(|d| usize::try_from(d).ok()),
            operator: attr(r, "operator").map(str::to_string),
            formulas: r
                .children_named(Ns::X, "formula")
                .filter_map(text)
                .take(3)
                .collect(),
            text: attr(r, "text").map(str::to_string),
            time_period: attr(r, "timePeriod").map(str::to_string),
            rank: num("rank").and_then(|v| u32::try_from(v).ok()),
            percent: flag(r, "percent", false),
            bottom: flag(r, "bottom", false),
            above_average: flag(r, "aboveAverage", true),
            equal_average: flag(r, "equalAverage", false),
            std_dev: num("stdDev").and_then(|v| i32::try_from(v).ok()),
            kind,
        });
    }
    if !cf.ranges.is_empty() && !cf.rules.is_empty() && rules.formats.len() < MAX_RULES {
        rules.formats.push(cf);
    }
}

/// `Sheet1!A1:B4 D1`, as the writer names the ranges of rules it cannot carry.
fn location(sheet: &str, sqref: &str) -> String {
    let mut s = sheet.to_string();
    s.push('!');
    s.push_str(sqref.trim());
    s
}

/// A dataValidation, or an x14:dataValidation whose formulas and ranges are xm: elements.
fn validation(v: &Element, extension: bool) -> Validation {
    let (formula, sqref) = if extension {
        let f = |n: &str| {
            v.child(Ns::X14, n)
                .and_then(|f| f.child(Ns::Xm, "f"))
                .and_then(text)
        };
        let sqref = v
            .child(Ns::Xm, "sqref")
            .map(|s| s.text())
            .unwrap_or_default();
        ((f("formula1"), f("formula2")), sqref)
    } else {
        let f = |n: &str| v.child(Ns::X, n).and_then(text);
        let sqref = attr(v, "sqref").unwrap_or_default().to_string();
        ((f("formula1"), f("formula2")), sqref)
    };
    let s = |n: &str| attr(v, n).map(str::to_string);
    Validation {
        ranges: parse_sqref(&sqref),
        kind: s("type").unwrap_or_else(|| "none".into()),
        operator: s("operator").unwrap_or_else(|| "between".into()),
        formula1: formula.0,
        formula2: formula.1,
        allow_blank: flag(v, "allowBlank", false),
        show_list: !flag(v, "showDropDown", false),
        show_input: flag(v, "showInputMessage", false),
        show_error: flag(v, "showErrorMessage", false),
        error_style: s("errorStyle").unwrap_or_else(|| "stop".into()),
        prompt_title: s("promptTitle"),
        prompt: s("prompt"),
        error_title: s("errorTitle"),
        error: s("error"),
        extension,
    }
}

/// A worksheet's extLst: x14 data validations are read; x14 conditional formats, which Excel
/// writes there for data bars, icon sets and rules naming other sheets, are findings, as is
/// every other extension.
fn extensions(e: &Element, rules: &mut SheetRules, sheet: &str, lost: &mut Lost) {
    for ext in e.children_named(Ns::X, "ext") {
        for c in ext.elements() {
            match (c.ns, c.name.as_str()) {
                (Ns::X14, "dataValidations") => {
                    for v in c.children_named(Ns::X14, "dataValidation") {
                        if rules.validations.len() < MAX_RULES {
                            rules.validations.push(validation(v, true));
                        }
                    }
                }
                (Ns::X14, "conditionalFormattings") => {
                    for f in c.children_named(Ns::X14, "conditionalFormatting") {
                        let sqref = f.child(Ns::Xm, "sqref").map(|s| s.text());
                        for r in f.children_named(Ns::X14, "cfRule") {
                            let kind = attr(r, "type").unwrap_or_default();
                            // A data bar's extension refines the main part's rule of the same
                            // bar, which is reported already.
                            if kind == "dataBar" {
                                continue;
                            }
                            lost.findings.push((
                                FindingKind::ConditionalFormatLost {
                                    rule: kind.to_string(),
                                },
                                location(sheet, sqref.as_deref().unwrap_or_default()),
                            ));
                        }
                    }
                }
                _ => lost.unsupported.push(c.name.to_string()),
            }
        }
    }
}

/// The differential formats of styles.xml (§18.8.15 dxfs).
pub fn dxfs(root: &Element, colors: &Colors) -> Vec<Dxf> {
    let Some(list) = root.child(Ns::X, "dxfs") else {
        return Vec::new();
    };
    list.children_named(Ns::X, "dxf")
        .take(MAX_RULES)
        .map(|d| dxf(d, colors))
        .collect()
}

fn dxf(d: &Element, colors: &Colors) -> Dxf {
    let mut out = Dxf::default();
    if let Some(font) = d.child(Ns::X, "font") {
        for c in font.elements().filter(|c| c.ns == Ns::X) {
            match c.name.as_str() {
                "b" => out.bold = Some(on(c)),
                "i" => out.italic = Some(on(c)),
                "strike" => out.strike = Some(on(c)),
                "color" => out.color = colors.of(c),
                "u" => {
                    out.underline = Some(match attr(c, "val").unwrap_or("single") {
                        "single" => Some(Underline::Single),
                        "double" => Some(Underline::Double),
                        "singleAccounting" => Some(Underline::SingleAccounting),
                        "doubleAccounting" => Some(Underline::DoubleAccounting),
                        _ => None,
                    })
                }
                _ => {}
            }
        }
    }
    if let Some(p) = d
        .child(Ns::X, "fill")
        .and_then(|f| f.child(Ns::X, "patternFill"))
    {
        // In a dxf a solid fill's colour is bgColor, and patternType defaults to solid
        // (§18.8.32 patternFill): the reverse of a cell format's fill.
        let pattern = attr(p, "patternType").unwrap_or("solid");
        if pattern != "none" {
            let color = |n: &str| p.child(Ns::X, n).and_then(|c| colors.of(c));
            out.fill = color("bgColor").or_else(|| color("fgColor"));
        }
    }
    if let Some(b) = d.child(Ns::X, "border") {
        out.border = border(b, colors);
    }
    if let Some(n) = d.child(Ns::X, "numFmt") {
        let id = attr(n, "numFmtId").and_then(|v| v.trim().parse::<u32>().ok());
        out.num_fmt = attr(n, "formatCode")
            .map(str::to_string)
            .or_else(|| id.and_then(crate::numfmt::builtin).map(str::to_string));
    }
    out
}
