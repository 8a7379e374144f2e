//! Manual layouts of chart elements (ECMA-376-1 §21.2.2.95 c:manualLayout) and the label
//! properties of axes, read the way LibreOffice's OOXML import reads them.

use crate::dom::{Element, Ns};

/// Where the plot area sits, as fractions of the chart's width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ManualLayout {
    /// `c:layoutTarget val="inner"` (§21.2.2.101): the rectangle is the plot's own region,
    /// without the axis labels; else (`outer`, the default) it includes them.
    pub inner: bool,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Reads `c:layout/c:manualLayout` of an element (`c:plotArea`, ...). The position counts only
/// in `edge` mode (§21.2.3.21 ST_LayoutMode; `factor`, the default, moves the element from its
/// automatic place, which LibreOffice ignores as well); the width and height are a fraction of
/// the chart in `factor` mode and the right or bottom edge in `edge` mode. `None` when there is
/// no usable manual layout.
pub fn manual_layout(owner: &Element) -> Option<ManualLayout> {
    let m = owner.child(Ns::C, "layout")?.child(Ns::C, "manualLayout")?;
    let num = |name: &str| {
        m.child(Ns::C, name)
            .and_then(|e| e.attr(Ns::None, "val"))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
    };
    let edge = |name: &str, default_edge: bool| match m
        .child(Ns::C, name)
        .and_then(|e| e.attr(Ns::None, "val"))
    {
        Some("edge") => true,
        Some("factor") => false,
        _ => default_edge,
    };
    if !edge("xMode", false) || !edge("yMode", false) {
        return None;
    }
    let (x, y) = (num("x")?, num("y")?);
    if !(0.0..1.0).contains(&x) || !(0.0..1.0).contains(&y) {
        return None;
    }
    let size = |name: &str, mode: &str, pos: f64| {
        let v = num(name)?;
        let s = if edge(mode, false) { v - pos } else { v };
        // Keep the rectangle inside the chart.
        Some(s.min(1.0 - pos)).filter(|s| *s > 0.0)
    };
    let w = size("w", "wMode", x)?;
    let h = size("h", "hMode", y)?;
    let inner = m
        .child(Ns::C, "layoutTarget")
        .and_then(|e| e.attr(Ns::None, "val"))
        == Some("inner");
    Some(ManualLayout { inner, x, y, w, h })
}

/// The label rotation of an axis (`c:txPr/a:bodyPr rot`, 60000ths of a degree clockwise), in
/// degrees counter-clockwise; 0 when not given. Office writes `-60000000` for "no rotation
/// given" (ECMA-376-1 §21.1.2.1.1 allows only -5400000..5400000), which reads as 0.
pub fn label_rotation(axis: &Element) -> i32 {
    axis.child(Ns::C, "txPr")
        .and_then(|t| t.child(Ns::A, "bodyPr"))
        .and_then(|b| b.attr(Ns::None, "rot"))
        .and_then(|r| r.parse::<i64>().ok())
        .filter(|r| (-5_400_000..=5_400_000).contains(r))
        .map_or(0, |r| (-(r / 60_000)) as i32)
}
