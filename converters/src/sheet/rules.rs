//! Rules a sheet attaches to cell ranges: conditional formats (ECMA-376-1 §18.3.1.18
//! conditionalFormatting with §18.3.1.10 cfRule) with their differential formats (§18.8.14 dxf),
//! and data validations (§18.3.1.32 dataValidation). Kept as the file states them; the ODS
//! writer translates them to ODF conditions.

use super::{Border, Range, Underline};
use crate::units::Rgb;

/// A differential format (§18.8.14 dxf): only what it sets, everything else stays the cell's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dxf {
    pub color: Option<Rgb>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    /// `Some(None)` switches underlining off.
    pub underline: Option<Option<Underline>>,
    pub strike: Option<bool>,
    pub fill: Option<Rgb>,
    pub border: Border,
    /// The number format code the rule switches to (dxf numFmt), which changes the text shown.
    pub num_fmt: Option<String>,
}

/// One conditionalFormatting element: rules over the same ranges.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CondFormat {
    /// sqref: one or more ranges; formulas are relative to the first range's first cell.
    pub ranges: Vec<Range>,
    pub rules: Vec<CfRule>,
}

/// A cfRule (§18.3.1.10) as written: its type (ST_CfType, §18.18.12) and the attributes that
/// type uses.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CfRule {
    /// cellIs, expression, containsText, top10, colorScale, ...
    pub kind: String,
    /// Lower numbers are evaluated first, across all of the sheet's rules.
    pub priority: i64,
    /// stopIfTrue: lower-priority rules do not apply where this one is true.
    pub stop: bool,
    /// Index into [`super::Workbook::dxfs`].
    pub dxf: Option<usize>,
    /// ST_ConditionalFormattingOperator (§18.18.15) for cellIs, containsText and friends.
    pub operator: Option<String>,
    /// The formula elements, in Excel's A1 syntax without `=`.
    pub formulas: Vec<String>,
    /// The text of containsText, beginsWith, endsWith, notContainsText.
    pub text: Option<String>,
    /// ST_TimePeriod (§18.18.82) of a timePeriod rule.
    pub time_period: Option<String>,
    /// top10: how many (rank), whether a percentage, and from the bottom.
    pub rank: Option<u32>,
    pub percent: bool,
    pub bottom: bool,
    /// aboveAverage: above (default) or below, whether equal counts, and standard deviations.
    pub above_average: bool,
    pub equal_average: bool,
    pub std_dev: Option<i32>,
}

/// A data validation (§18.3.1.32).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Validation {
    pub ranges: Vec<Range>,
    /// ST_DataValidationType (§18.18.21): none, whole, decimal, list, date, time, textLength,
    /// custom.
    pub kind: String,
    /// ST_DataValidationOperator (§18.18.22); between when absent.
    pub operator: String,
    pub formula1: Option<String>,
    pub formula2: Option<String>,
    pub allow_blank: bool,
    /// The in-cell drop-down is shown. The file's showDropDown says the opposite: true there
    /// hides it (§18.3.1.32), so the reader inverts it.
    pub show_list: bool,
    pub show_input: bool,
    pub show_error: bool,
    /// ST_DataValidationErrorStyle (§18.18.23): stop, warning, information.
    pub error_style: String,
    pub prompt_title: Option<String>,
    pub prompt: Option<String>,
    pub error_title: Option<String>,
    pub error: Option<String>,
    /// Formulas come from an x14 extension (xm:f): they may name other sheets.
    pub extension: bool,
}

/// A sheet's conditional formats and validations, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SheetRules {
    pub formats: Vec<CondFormat>,
    pub validations: Vec<Validation>,
}

impl SheetRules {
    pub fn is_empty(&self) -> bool {
        self.formats.is_empty() && self.validations.is_empty()
    }
}

/// Parses an sqref (§18.18.76 ST_Sqref): ranges separated by spaces; bad parts are skipped.
pub fn parse_sqref(s: &str) -> Vec<Range> {
    s.split_whitespace()
        .filter_map(super::parse_range)
        .take(MAX_SQREF)
        .collect()
}

/// Ranges one sqref may list; Excel writes a few hundred at most.
const MAX_SQREF: usize = 10_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqref_lists_ranges_and_skips_bad_parts() {
        let r = parse_sqref("A1:B2 D4 ZZZZ9 C3:C1");
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].first, (3, 3));
        assert_eq!((r[2].first, r[2].last), ((0, 2), (2, 2)));
    }
}
