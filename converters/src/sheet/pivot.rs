//! Pivot tables (ECMA-376-1 §18.10): the definition as read from a workbook, and the
//! aggregation of its records the way LibreOffice's DataPilot computes them. The layout of the
//! computed table is in `pivot_layout`.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use super::Range;

/// A value of a pivot field: a member of a row, column or page field, or a record's entry.
#[derive(Debug, Clone, PartialEq)]
pub enum PivotValue {
    Empty,
    Number(f64),
    Text(Arc<str>),
    Bool(bool),
    Error(String),
}

impl PivotValue {
    /// A hashable key: numbers by the bits of their rounded value (0.0 and -0.0 alike), text
    /// as is.
    pub fn key(&self) -> ValueKey {
        match self {
            PivotValue::Empty => ValueKey::Empty,
            // Twelve significant digits, as the DataPilot compares numbers approximately: a
            // date-time a cache spells in ISO 8601 then meets the serial of its cell.
            PivotValue::Number(n) => {
                let r: f64 = format!("{n:.11e}").parse().unwrap_or(*n);
                ValueKey::Number((r + 0.0).to_bits())
            }
            // Text compares without case: "Scone" and "SCONE" are one member.
            PivotValue::Text(s) => ValueKey::Text(s.to_lowercase().into()),
            PivotValue::Bool(b) => ValueKey::Bool(*b),
            PivotValue::Error(e) => ValueKey::Error(e.clone()),
        }
    }

    /// The order of members that no item list places: numbers ascending, then text
    /// case-insensitively, then truth values and errors, the empty member last (as the
    /// DataPilot sorts the items of its cache).
    pub fn sort_cmp(&self, other: &Self) -> Ordering {
        fn rank(v: &PivotValue) -> u8 {
            match v {
                PivotValue::Number(_) => 0,
                PivotValue::Text(_) => 1,
                PivotValue::Bool(_) => 2,
                PivotValue::Error(_) => 3,
                PivotValue::Empty => 4,
            }
        }
        match (self, other) {
            (PivotValue::Number(a), PivotValue::Number(b)) => a.total_cmp(b),
            (PivotValue::Text(a), PivotValue::Text(b)) => a
                .to_lowercase()
                .cmp(&b.to_lowercase())
                .then_with(|| a.cmp(b)),
            (PivotValue::Bool(a), PivotValue::Bool(b)) => a.cmp(b),
            (PivotValue::Error(a), PivotValue::Error(b)) => a.cmp(b),
            _ => rank(self).cmp(&rank(other)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ValueKey {
    Empty,
    Number(u64),
    Text(Arc<str>),
    Bool(bool),
    Error(String),
}

/// Where a pivot table's records come from (§18.10.1.98 worksheetSource).
#[derive(Debug, Clone, PartialEq)]
pub struct PivotSource {
    /// The source sheet's name and range, as the cache definition gives or a name resolves.
    pub sheet: String,
    pub range: Range,
}

/// A field of the cache and its use in the table (§18.10.1.69 pivotField).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PivotField {
    /// The cache field's name, which the source's header row holds.
    pub name: String,
    /// The name shown for the field, where the table gives one of its own.
    pub caption: Option<String>,
    /// The field's items in the table's order (data items only, not subtotal items).
    pub items: Vec<PivotItem>,
    /// Outline form: an outer member gets a row of its own above its inner members.
    pub outline: bool,
    /// Subtotals shown in the outer member's own row (subtotalTop), in outline form.
    pub subtotal_top: bool,
    /// The automatic subtotal is shown (defaultSubtotal).
    pub default_subtotal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PivotItem {
    pub value: PivotValue,
    pub hidden: bool,
    /// A caption replacing the member's own (item n).
    pub caption: Option<String>,
    /// The member's inner members are not shown (item sd="0"): it is one line with its total.
    pub collapsed: bool,
}

/// Only the first or last `count` members of a field by a data field's results (§18.10.1.33
/// filter type="count" with top10, LibreOffice's AutoShow).
#[derive(Debug, Clone, PartialEq)]
pub struct TopFilter {
    pub field: usize,
    pub count: usize,
    pub top: bool,
    /// The data field (an index into the table's data fields) that ranks the members.
    pub measure: usize,
}

/// A field on the row or column axis: a cache field or the data layout field (x="-2") that
/// lists the data fields when there are several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxisField {
    Field(usize),
    Data,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageField {
    pub field: usize,
    /// The selected item, an index into the field's items; `None` shows all visible items.
    pub selected: Option<usize>,
}

/// The aggregation of a data field (§18.18.72 ST_DataConsolidateFunction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Sum,
    Count,
    Average,
    Max,
    Min,
    Product,
    CountNums,
    StdDev,
    StdDevP,
    Var,
    VarP,
}

impl Function {
    pub fn parse(s: &str) -> Option<Function> {
        Some(match s {
            "sum" => Function::Sum,
            "count" => Function::Count,
            "average" => Function::Average,
            "max" => Function::Max,
            "min" => Function::Min,
            "product" => Function::Product,
            "countNums" => Function::CountNums,
            "stdDev" => Function::StdDev,
            "stdDevp" => Function::StdDevP,
            "var" => Function::Var,
            "varp" => Function::VarP,
            _ => return None,
        })
    }

    /// The function's name in ODF 1.3 part 3 §19.643 table:function.
    pub fn odf_name(self) -> &'static str {
        match self {
            Function::Sum => "sum",
            Function::Count => "count",
            Function::Average => "average",
            Function::Max => "max",
            Function::Min => "min",
            Function::Product => "product",
            Function::CountNums => "countnums",
            Function::StdDev => "stdev",
            Function::StdDevP => "stdevp",
            Function::Var => "var",
            Function::VarP => "varp",
        }
    }

    /// The name LibreOffice gives the function in a data field's default caption
    /// ("Sum - Sold").
    fn caption(self) -> &'static str {
        match self {
            Function::Sum => "Sum",
            Function::Count => "Count",
            Function::Average => "Average",
            Function::Max => "Max",
            Function::Min => "Min",
            Function::Product => "Product",
            Function::CountNums => "Count",
            Function::StdDev => "StDev",
            // The population variants share the sample ones' names (ScDPUtil).
            Function::StdDevP => "StDev",
            Function::Var => "Var",
            Function::VarP => "Var",
        }
    }

    /// Counts show plain numbers; other results keep the source field's number format.
    pub fn is_count(self) -> bool {
        matches!(self, Function::Count | Function::CountNums)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DataField {
    /// The caption the file gives (dataField name).
    pub name: Option<String>,
    pub field: usize,
    pub function: Function,
    /// The cell format (index into the workbook's styles) of the field's results.
    pub style: u32,
    /// How the results are shown (§18.18.70 ST_ShowDataAs).
    pub show_as: ShowAs,
}

/// Results shown as a share (LibreOffice's DataPilotFieldReference): of the grand total, of
/// the row's or column's total, or of the result of one member (`item` of field `field`) in
/// the same place.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ShowAs {
    #[default]
    Normal,
    PercentOfTotal,
    PercentOfRow,
    PercentOfColumn,
    PercentOf {
        field: usize,
        item: PivotValue,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PivotTable {
    pub name: String,
    /// The sheet the table is on.
    pub sheet: usize,
    /// The cells Excel drew the table in (location ref).
    pub location: Range,
    pub source: Option<PivotSource>,
    /// The source range no longer exists: the records come from the cache and need a sheet
    /// of their own (`source_fields` names their columns).
    pub source_missing: bool,
    pub source_fields: Vec<String>,
    pub fields: Vec<PivotField>,
    pub rows: Vec<AxisField>,
    pub cols: Vec<AxisField>,
    pub pages: Vec<PageField>,
    pub data: Vec<DataField>,
    pub top_filters: Vec<TopFilter>,
    pub row_grand: bool,
    pub col_grand: bool,
    /// The records, one value per field; from the source cells where they exist, else from
    /// the cache records.
    pub records: Vec<Vec<PivotValue>>,
    /// The cells the computed table covers, once it is laid out.
    pub output: Option<Range>,
}

impl DataField {
    /// The data field's caption: its own name, else LibreOffice's "Function - Field".
    pub fn caption(&self, fields: &[PivotField]) -> String {
        if let Some(n) = &self.name {
            return n.clone();
        }
        let field = fields.get(self.field).map_or("", |f| f.name.as_str());
        format!("{} - {field}", self.function.caption())
    }
}

impl PivotField {
    pub fn caption(&self) -> &str {
        self.caption.as_deref().unwrap_or(&self.name)
    }
}

/// The running aggregate of one data field over a set of records.
#[derive(Debug, Clone, Copy, Default)]
pub struct Aggregate {
    /// Non-empty values (for count) and numbers among them.
    pub count: u64,
    pub numbers: u64,
    pub sum: f64,
    pub sum_sq: f64,
    pub product: f64,
    pub min: f64,
    pub max: f64,
}

impl Aggregate {
    pub fn add(&mut self, v: &PivotValue) {
        match v {
            PivotValue::Empty => {}
            PivotValue::Number(n) => {
                if self.numbers == 0 {
                    self.min = *n;
                    self.max = *n;
                    self.product = 1.0;
                }
                self.count += 1;
                self.numbers += 1;
                self.sum += n;
                self.sum_sq += n * n;
                self.product *= n;
                self.min = self.min.min(*n);
                self.max = self.max.max(*n);
            }
            _ => self.count += 1,
        }
    }

    /// The result, or `None` where the DataPilot shows an error (a mean of nothing).
    pub fn result(&self, f: Function) -> Option<f64> {
        let n = self.numbers as f64;
        let var = |d: f64| {
            (self.numbers as f64 > d)
                .then(|| (self.sum_sq - self.sum * self.sum / n).max(0.0) / (n - d))
        };
        match f {
            Function::Sum => Some(self.sum),
            Function::Count => Some(self.count as f64),
            Function::CountNums => Some(n),
            Function::Average => (self.numbers > 0).then(|| self.sum / n),
            Function::Max => Some(if self.numbers > 0 { self.max } else { 0.0 }),
            Function::Min => Some(if self.numbers > 0 { self.min } else { 0.0 }),
            Function::Product => Some(if self.numbers > 0 { self.product } else { 0.0 }),
            Function::Var => var(1.0),
            Function::VarP => var(0.0),
            Function::StdDev => var(1.0).map(f64::sqrt),
            Function::StdDevP => var(0.0).map(f64::sqrt),
        }
    }
}

/// The members of one field in display order: the table's items first (in their order), then
/// values the records hold that no item names, sorted. Hidden items are left out.
#[derive(Debug)]
pub struct Members {
    pub values: Vec<(PivotValue, Option<String>)>,
    pub index: HashMap<ValueKey, u32>,
    /// Values of hidden items: records with them are filtered out.
    pub hidden: HashMap<ValueKey, ()>,
    /// Members (indices into `values`) whose inner members are not shown.
    pub collapsed: Vec<bool>,
}

impl Members {
    pub fn of(field: &PivotField, fi: usize, records: &[Vec<PivotValue>]) -> Members {
        let mut m = Members {
            values: Vec::new(),
            index: HashMap::new(),
            hidden: HashMap::new(),
            collapsed: Vec::new(),
        };
        for item in &field.items {
            let k = item.value.key();
            if item.hidden {
                m.hidden.insert(k, ());
            } else if !m.index.contains_key(&k) {
                m.index.insert(k, m.values.len() as u32);
                m.values.push((item.value.clone(), item.caption.clone()));
                m.collapsed.push(item.collapsed);
            }
        }
        let mut extra: Vec<PivotValue> = Vec::new();
        let mut seen: HashMap<ValueKey, ()> = HashMap::new();
        for r in records {
            if let Some(v) = r.get(fi) {
                let k = v.key();
                if !m.index.contains_key(&k)
                    && !m.hidden.contains_key(&k)
                    && seen.insert(k, ()).is_none()
                {
                    extra.push(v.clone());
                }
            }
        }
        extra.sort_by(|a, b| a.sort_cmp(b));
        for v in extra {
            m.index.insert(v.key(), m.values.len() as u32);
            m.values.push((v, None));
            m.collapsed.push(false);
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregates() {
        let mut a = Aggregate::default();
        for v in [2.0, 4.0, 6.0] {
            a.add(&PivotValue::Number(v));
        }
        a.add(&PivotValue::Text("x".into()));
        a.add(&PivotValue::Empty);
        assert_eq!(a.result(Function::Sum), Some(12.0));
        assert_eq!(a.result(Function::Count), Some(4.0));
        assert_eq!(a.result(Function::CountNums), Some(3.0));
        assert_eq!(a.result(Function::Average), Some(4.0));
        assert_eq!(a.result(Function::Product), Some(48.0));
        assert_eq!(a.result(Function::Var), Some(4.0));
        assert_eq!(a.result(Function::Min), Some(2.0));
        assert_eq!(Aggregate::default().result(Function::Average), None);
    }

    #[test]
    fn default_data_field_captions() {
        let fields = [PivotField {
            name: "Value".into(),
            ..Default::default()
        }];
        let d = |function| DataField {
            name: None,
            field: 0,
            function,
            style: 0,
            show_as: ShowAs::Normal,
        };
        assert_eq!(d(Function::Average).caption(&fields), "Average - Value");
        assert_eq!(d(Function::StdDevP).caption(&fields), "StDev - Value");
        assert_eq!(d(Function::CountNums).caption(&fields), "Count - Value");
    }

    #[test]
    fn members_follow_items_then_sort() {
        let field = PivotField {
            name: "F".into(),
            items: vec![
                PivotItem {
                    value: PivotValue::Text("b".into()),
                    hidden: false,
                    caption: None,
                    collapsed: false,
                },
                PivotItem {
                    value: PivotValue::Text("z".into()),
                    hidden: true,
                    caption: None,
                    collapsed: false,
                },
            ],
            ..Default::default()
        };
        let recs: Vec<Vec<PivotValue>> = ["z", "C", "a", "b"]
            .iter()
            .map(|s| vec![PivotValue::Text((*s).into())])
            .collect();
        let m = Members::of(&field, 0, &recs);
        let names: Vec<String> = m
            .values
            .iter()
            .map(|(v, _)| match v {
                PivotValue::Text(s) => s.to_string(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(names, ["b", "a", "C"]);
        assert!(m.hidden.contains_key(&PivotValue::Text("z".into()).key()));
    }
}
