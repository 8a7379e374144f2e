//! Tests of the condition translation: rules and validations as the file states them, and the
//! ODF conditions they become.

use super::*;
use crate::formula::FormulaContext;
use crate::sheet::parse_range;
use crate::sheet::rules::CfRule;

fn ctx_sheets() -> Vec<String> {
    vec!["Sheet1".to_string(), "Other sheet".to_string()]
}

fn range(s: &str) -> Vec<Range> {
    parse_range(s).into_iter().collect()
}

fn rule(kind: &str, operator: Option<&str>, formulas: &[&str]) -> CfRule {
    CfRule {
        kind: kind.into(),
        operator: operator.map(str::to_string),
        formulas: formulas.iter().map(|f| f.to_string()).collect(),
        above_average: true,
        ..CfRule::default()
    }
}

#[test]
fn conditional_format_rules_become_style_conditions() {
    let sheets = ctx_sheets();
    let names = vec!["Limit".to_string()];
    let ctx = FormulaContext {
        sheets: &sheets,
        current_sheet: 0,
        tables: &[],
        defined_names: &names,
    };
    let b3 = range("B3:D10");
    let cases: Vec<(CfRule, &[Range], &str)> = vec![
        (
            rule("cellIs", Some("lessThan"), &["500"]),
            &b3,
            "cell-content()<500",
        ),
        (
            rule("cellIs", Some("greaterThanOrEqual"), &["$G$5"]),
            &b3,
            "cell-content()>=[.$G$5]",
        ),
        (
            rule("cellIs", Some("notEqual"), &["\"x\""]),
            &b3,
            "cell-content()!=\"x\"",
        ),
        (
            rule("cellIs", Some("between"), &["1", "Limit"]),
            &b3,
            "cell-content-is-between(1,Limit)",
        ),
        (
            rule("cellIs", Some("notBetween"), &["1", "5"]),
            &b3,
            "cell-content-is-not-between(1,5)",
        ),
        (
            rule("expression", None, &["MOD(ROW(),2)=1"]),
            &b3,
            "is-true-formula(MOD(ROW();2)=1)",
        ),
        (
            rule("expression", None, &["$H3>'Other sheet'!A1"]),
            &b3,
            "is-true-formula([.$H3]>[$'Other sheet'.A1])",
        ),
        (
            rule(
                "containsText",
                Some("containsText"),
                &["NOT(ISERROR(SEARCH(\"ab\",B3)))"],
            ),
            &b3,
            "is-true-formula(NOT(ISERROR(SEARCH(\"ab\";[.B3]))))",
        ),
        (
            rule("containsErrors", None, &[]),
            &b3,
            "is-true-formula(ISERROR([.B3]))",
        ),
        (
            rule("notContainsBlanks", None, &[]),
            &b3,
            "is-true-formula(LEN(TRIM([.B3]))>0)",
        ),
        (
            rule("duplicateValues", None, &[]),
            &b3,
            "is-true-formula(AND(NOT(ISBLANK([.B3]));COUNTIF([.$B$3:.$D$10];[.B3])>1))",
        ),
        (
            rule("top10", None, &[]),
            &b3,
            "is-true-formula(AND(ISNUMBER([.B3]);[.B3]>=LARGE([.$B$3:.$D$10];10)))",
        ),
        (
            rule("aboveAverage", None, &[]),
            &b3,
            "is-true-formula(AND(ISNUMBER([.B3]);[.B3]>(SUM([.$B$3:.$D$10])/(COUNT([.$B$3:.$D$10])))))",
        ),
    ];
    for (r, ranges, want) in cases {
        assert_eq!(cf_condition(&r, ranges, &ctx).as_deref(), Ok(want), "{r:?}");
    }
    let mut text = rule("beginsWith", Some("beginsWith"), &[]);
    text.text = Some("a\"b".into());
    assert_eq!(
        cf_condition(&text, &b3, &ctx).as_deref(),
        Ok("is-true-formula(LEFT([.B3];LEN(\"a\"\"b\"))=\"a\"\"b\")")
    );
    let mut bottom = rule("top10", None, &[]);
    (bottom.bottom, bottom.percent, bottom.rank) = (true, true, Some(20));
    assert_eq!(
        cf_condition(&bottom, &b3, &ctx).as_deref(),
        Ok(
            "is-true-formula(AND(ISNUMBER([.B3]);[.B3]<=SMALL([.$B$3:.$D$10];MAX(1;INT(COUNT([.$B$3:.$D$10])*20/100)))))"
        )
    );
    let mut today = rule("timePeriod", None, &[]);
    today.time_period = Some("yesterday".into());
    assert_eq!(
        cf_condition(&today, &b3, &ctx).as_deref(),
        Ok("is-true-formula(INT([.B3])=TODAY()-1)")
    );
    // No ODF form, or nothing to translate: an error that becomes a finding.
    assert!(cf_condition(&rule("colorScale", None, &[]), &b3, &ctx).is_err());
    assert!(cf_condition(&rule("cellIs", Some("between"), &["1"]), &b3, &ctx).is_err());
    assert!(cf_condition(&rule("expression", None, &["SUM(("]), &b3, &ctx).is_err());
}

fn validation(kind: &str, operator: &str, f1: Option<&str>, f2: Option<&str>) -> Validation {
    Validation {
        ranges: range("B5:B9"),
        kind: kind.into(),
        operator: operator.into(),
        formula1: f1.map(str::to_string),
        formula2: f2.map(str::to_string),
        ..Validation::default()
    }
}

#[test]
fn data_validations_become_content_validation_conditions() {
    let sheets = ctx_sheets();
    let names = vec!["states".to_string()];
    let ctx = FormulaContext {
        sheets: &sheets,
        current_sheet: 0,
        tables: &[],
        defined_names: &names,
    };
    let cases = [
        (
            validation("whole", "between", Some("1"), Some("10")),
            "of:cell-content-is-whole-number() and cell-content-is-between(1,10)",
        ),
        (
            validation("decimal", "greaterThan", Some("0"), None),
            "of:cell-content-is-decimal-number() and cell-content()>0",
        ),
        (
            validation("date", "lessThanOrEqual", Some("$I$1"), None),
            "of:cell-content-is-date() and cell-content()<=[.$I$1]",
        ),
        (
            validation("time", "notBetween", Some("0.25"), Some("0.5")),
            "of:cell-content-is-time() and cell-content-is-not-between(0.25,0.5)",
        ),
        (
            validation("textLength", "lessThan", Some("5"), None),
            "of:cell-content-text-length()<5",
        ),
        (
            validation("textLength", "between", Some("2"), Some("4")),
            "of:cell-content-text-length-is-between(2,4)",
        ),
        (
            validation("list", "between", Some("\"a,b,c d\""), None),
            "of:cell-content-is-in-list(\"a\";\"b\";\"c d\")",
        ),
        (
            validation("list", "between", Some("$A$1:$A$5"), None),
            "of:cell-content-is-in-list([.$A$1:.$A$5])",
        ),
        (
            validation("list", "between", Some("'Other sheet'!$A$1:$A$5"), None),
            "of:cell-content-is-in-list([$'Other sheet'.$A$1:.$A$5])",
        ),
        (
            validation("list", "between", Some("states"), None),
            "of:cell-content-is-in-list(states)",
        ),
        (
            validation("custom", "between", Some("ISNUMBER(B5)"), None),
            "of:is-true-formula(ISNUMBER([.B5]))",
        ),
    ];
    for (v, want) in cases {
        assert_eq!(
            validation_condition(&v, &ctx),
            Ok(Some(want.to_string())),
            "{v:?}"
        );
    }
    assert_eq!(
        validation_condition(&validation("none", "between", None, None), &ctx),
        Ok(None)
    );
    assert!(validation_condition(&validation("whole", "between", Some("1"), None), &ctx).is_err());
    assert!(validation_condition(&validation("list", "between", None, None), &ctx).is_err());
}
