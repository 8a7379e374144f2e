//! Conditions as ODF writes them: a conditional format rule (ECMA-376-1 §18.3.1.10 cfRule) as
//! the value of style:condition (ODF 1.3 part 3 §20.306: `cell-content()>5`,
//! `cell-content-is-between(1,5)`, `is-true-formula(...)`), and a data validation (§18.3.1.32)
//! as table:condition (§19.617: `of:cell-content-is-whole-number() and cell-content()>0`).
//!
//! Rules that Excel states without a formula (top 10, above average, duplicates, text and date
//! tests without their formula element) are first spelt as the Excel formula they stand for, so
//! that every formula goes through the one formula translator.

use crate::formula::{self, FormulaContext};
use crate::sheet::rules::{CfRule, Validation};
use crate::sheet::{Pos, Range, col_name};

/// A formula in Excel's syntax as OpenFormula without the `of:=` prefix, relative to `base`
/// (the cell relative references count from, style:base-cell-address).
fn translate(text: &str, base: Pos, ctx: &FormulaContext<'_>) -> Result<String, String> {
    let of = formula::translate(text, base, ctx).map_err(|e| e.to_string())?;
    Ok(of.strip_prefix("of:=").unwrap_or(&of).to_string())
}

/// `B3`: the base cell as a relative A1 reference.
fn relative(base: Pos) -> String {
    col_name(base.1) + &(base.0 + 1).to_string()
}

/// `$A$1:$B$5`.
fn absolute(r: &Range) -> String {
    let cell = |(row, col): Pos| {
        let mut s = String::from("$");
        s.push_str(&col_name(col));
        s.push('$');
        s.push_str(&(row + 1).to_string());
        s
    };
    cell(r.first) + ":" + &cell(r.last)
}

/// A string literal in Excel's syntax (quotes doubled).
fn literal(s: &str) -> String {
    let mut out = String::from("\"");
    out.push_str(&s.replace('"', "\"\""));
    out.push('"');
    out
}

/// The comparison of a ST_ConditionalFormattingOperator or ST_DataValidationOperator
/// (§18.18.15, §18.18.22) other than between and notBetween.
fn comparison(op: &str) -> Option<&'static str> {
    Some(match op {
        "lessThan" => "<",
        "lessThanOrEqual" => "<=",
        "equal" => "=",
        "notEqual" => "!=",
        "greaterThanOrEqual" => ">=",
        "greaterThan" => ">",
        _ => return None,
    })
}

/// `subject()<op>v`, `subject-is-between(a,b)` or `subject-is-not-between(a,b)` for the
/// operator and its translated operands: `subject` is cell-content or cell-content-text-length.
fn compare(subject: &str, op: &str, values: &[String]) -> Result<String, String> {
    let first = values.first().ok_or("a comparison without a value")?;
    match op {
        "between" | "notBetween" => {
            let second = values
                .get(1)
                .ok_or("a range test without its upper bound")?;
            let not = if op == "notBetween" { "-not" } else { "" };
            Ok([subject, "-is", not, "-between(", first, ",", second, ")"].concat())
        }
        _ => {
            let c = comparison(op).ok_or_else(|| ["the operator ", op].concat())?;
            Ok([subject, "()", c, first].concat())
        }
    }
}

/// The style:condition of a conditional format rule over `ranges` (formulas relative to the
/// first range's first cell).
pub fn cf_condition(
    rule: &CfRule,
    ranges: &[Range],
    ctx: &FormulaContext<'_>,
) -> Result<String, String> {
    let base = ranges.first().ok_or("a rule without a range")?.first;
    let values = || -> Result<Vec<String>, String> {
        rule.formulas
            .iter()
            .map(|f| translate(f, base, ctx))
            .collect()
    };
    if rule.kind == "cellIs" {
        let op = rule.operator.as_deref().unwrap_or("between");
        return compare("cell-content", op, &values()?);
    }
    // Excel writes the formula a text, blank, error or date test stands for (§18.3.1.10): it is
    // the rule's meaning, with the cell's own reference in it.
    let stated = matches!(
        rule.kind.as_str(),
        "expression"
            | "containsText"
            | "notContainsText"
            | "beginsWith"
            | "endsWith"
            | "containsBlanks"
            | "notContainsBlanks"
            | "containsErrors"
            | "notContainsErrors"
            | "timePeriod"
    );
    let excel = match rule.formulas.first() {
        Some(f) if stated => f.clone(),
        _ => spelt(rule, &rule.kind, &relative(base), ranges)?,
    };
    Ok(["is-true-formula(", &translate(&excel, base, ctx)?, ")"].concat())
}

/// The Excel formula a rule type stands for, at cell `c` of `ranges`.
fn spelt(rule: &CfRule, kind: &str, c: &str, ranges: &[Range]) -> Result<String, String> {
    let text = || literal(rule.text.as_deref().unwrap_or_default());
    // Statistics over the rule's whole area: each range of the sqref (a union).
    let area = |f: &str| -> String {
        let parts: Vec<String> = ranges
            .iter()
            .map(|r| [f, "(", &absolute(r), ")"].concat())
            .collect();
        parts.join("+")
    };
    let count_of = |what: &str| -> String {
        let parts: Vec<String> = ranges
            .iter()
            .map(|r| ["COUNTIF(", &absolute(r), ",", what, ")"].concat())
            .collect();
        parts.join("+")
    };
    let single = || -> Result<String, String> {
        match ranges {
            [r] => Ok(absolute(r)),
            _ => Err(["a ", kind, " rule over several ranges"].concat()),
        }
    };
    Ok(match kind {
        "containsText" => ["NOT(ISERROR(SEARCH(", &text(), ",", c, ")))"].concat(),
        "notContainsText" => ["ISERROR(SEARCH(", &text(), ",", c, "))"].concat(),
        "beginsWith" => ["LEFT(", c, ",LEN(", &text(), "))=", &text()].concat(),
        "endsWith" => ["RIGHT(", c, ",LEN(", &text(), "))=", &text()].concat(),
        "containsBlanks" => ["LEN(TRIM(", c, "))=0"].concat(),
        "notContainsBlanks" => ["LEN(TRIM(", c, "))>0"].concat(),
        "containsErrors" => ["ISERROR(", c, ")"].concat(),
        "notContainsErrors" => ["NOT(ISERROR(", c, "))"].concat(),
        "timePeriod" => time_period(rule.time_period.as_deref().unwrap_or("today"), c)?,
        // Blank cells are neither duplicates nor unique values.
        "duplicateValues" => ["AND(NOT(ISBLANK(", c, ")),", &count_of(c), ">1)"].concat(),
        "uniqueValues" => ["AND(NOT(ISBLANK(", c, ")),", &count_of(c), "=1)"].concat(),
        "top10" => {
            let r = single()?;
            let rank = rule.rank.unwrap_or(10).max(1).to_string();
            // A percentage counts the numbers in the area, at least one (§18.3.1.10 percent).
            let n = if rule.percent {
                ["MAX(1,INT(COUNT(", &r, ")*", &rank, "/100))"].concat()
            } else {
                rank
            };
            let (f, op) = if rule.bottom {
                ("SMALL", "<=")
            } else {
                ("LARGE", ">=")
            };
            ["AND(ISNUMBER(", c, "),", c, op, f, "(", &r, ",", &n, "))"].concat()
        }
        "aboveAverage" => {
            let mean = [&area("SUM"), "/(", &area("COUNT"), ")"].concat();
            let (op, sign) = match (rule.above_average, rule.equal_average) {
                (true, false) => (">", "+"),
                (true, true) => (">=", "+"),
                (false, false) => ("<", "-"),
                (false, true) => ("<=", "-"),
            };
            // Standard deviations are the population's (Excel's STDEVP) and need one range.
            let bound = match rule.std_dev.filter(|d| *d != 0) {
                Some(d) => {
                    let r = single()?;
                    ["(", &mean, ")", sign, &d.to_string(), "*STDEVP(", &r, ")"].concat()
                }
                None => ["(", &mean, ")"].concat(),
            };
            ["AND(ISNUMBER(", c, "),", c, op, &bound, ")"].concat()
        }
        "expression" => return Err("an expression rule without its formula".into()),
        other => return Err(["the rule type ", other].concat()),
    })
}

/// A timePeriod rule (§18.18.82 ST_TimePeriod) as Excel spells it in its formula element.
fn time_period(period: &str, c: &str) -> Result<String, String> {
    // The day of a date-time: Excel writes FLOOR(c,1), INT is the same for dates.
    let day = ["INT(", c, ")"].concat();
    let month_is = |offset: &str| {
        [
            "AND(MONTH(",
            c,
            ")=MONTH(EDATE(TODAY(),",
            offset,
            ")),YEAR(",
            c,
            ")=YEAR(EDATE(TODAY(),",
            offset,
            ")))",
        ]
        .concat()
    };
    // Weeks run Sunday to Saturday: the week's Sunday is TODAY()-WEEKDAY(TODAY())+1.
    let week_is = |offset: &str| {
        let start = ["TODAY()-WEEKDAY(TODAY())+1", offset].concat();
        ["AND(", &day, ">=", &start, ",", &day, "<=", &start, "+6)"].concat()
    };
    Ok(match period {
        "today" => [&day, "=TODAY()"].concat(),
        "yesterday" => [&day, "=TODAY()-1"].concat(),
        "tomorrow" => [&day, "=TODAY()+1"].concat(),
        "last7Days" => ["AND(TODAY()-", &day, "<=6,", &day, "<=TODAY())"].concat(),
        "thisMonth" => month_is("0"),
        "lastMonth" => month_is("-1"),
        "nextMonth" => month_is("1"),
        "thisWeek" => week_is(""),
        "lastWeek" => week_is("-7"),
        "nextWeek" => week_is("+7"),
        other => return Err(["the time period ", other].concat()),
    })
}

/// The table:condition of a data validation, or `None` for type none (any value, a prompt
/// only).
pub fn validation_condition(
    v: &Validation,
    ctx: &FormulaContext<'_>,
) -> Result<Option<String>, String> {
    let base = v
        .ranges
        .first()
        .ok_or("a validation without a range")?
        .first;
    let values = || -> Result<Vec<String>, String> {
        [&v.formula1, &v.formula2]
            .into_iter()
            .flatten()
            .map(|f| translate(f, base, ctx))
            .collect()
    };
    let test = |is: &str| -> Result<String, String> {
        Ok([
            "of:cell-content-is-",
            is,
            "() and ",
            &compare("cell-content", &v.operator, &values()?)?,
        ]
        .concat())
    };
    Ok(Some(match v.kind.as_str() {
        "none" => return Ok(None),
        "whole" => test("whole-number")?,
        "decimal" => test("decimal-number")?,
        "date" => test("date")?,
        "time" => test("time")?,
        "textLength" => [
            "of:",
            &compare("cell-content-text-length", &v.operator, &values()?)?,
        ]
        .concat(),
        "list" => {
            let f = v.formula1.as_deref().ok_or("a list without its items")?;
            ["of:cell-content-is-in-list(", &list(f, base, ctx)?, ")"].concat()
        }
        "custom" => {
            let f = v
                .formula1
                .as_deref()
                .ok_or("a custom rule without its formula")?;
            ["of:is-true-formula(", &translate(f, base, ctx)?, ")"].concat()
        }
        other => return Err(["the validation type ", other].concat()),
    }))
}

/// A list's items: a literal `"a,b,c"` (§18.3.1.32 formula1) as OpenFormula strings separated
/// by `;`, or a reference or name translated.
fn list(f: &str, base: Pos, ctx: &FormulaContext<'_>) -> Result<String, String> {
    let f = f.trim();
    if let Some(inner) = f.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        let inner = inner.replace("\"\"", "\"");
        let items: Vec<String> = inner.split(',').map(literal).collect();
        return Ok(items.join(";"));
    }
    translate(f, base, ctx)
}
