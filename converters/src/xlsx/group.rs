//! Group shapes of a sheet drawing (ECMA-376-1 §20.5.2.17 xdr:grpSp) taken apart: every member
//! is placed by its own transform (a:xfrm off and ext in the group's child coordinates, mapped
//! through the groups' chOff/chExt onto their boxes, §20.1.7.5 a:xfrm of a:grpSpPr), so that it
//! can be written as a shape of its own.

use crate::dom::{Element, Ns};

/// Groups nested deeper than this are not taken apart further.
const MAX_DEPTH: usize = 32;

/// A member's box relative to the group anchor's top left corner: x, y, width, height in EMU.
pub type Rect = (i64, i64, i64, i64);

/// Maps child coordinates to EMU from the anchor's corner: `origin + (c - child_origin) * scale`.
#[derive(Debug, Clone, Copy)]
struct Map {
    origin: (f64, f64),
    child_origin: (f64, f64),
    scale: (f64, f64),
}

impl Map {
    fn point(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            self.origin.0 + (x - self.child_origin.0) * self.scale.0,
            self.origin.1 + (y - self.child_origin.1) * self.scale.1,
        )
    }
}

/// An a:xfrm's offset and extent (`a:off x y`, `a:ext cx cy`), or its child offset and extent.
fn pair(xfrm: &Element, name: &str, a: &str, b: &str) -> Option<(f64, f64)> {
    let e = xfrm.child(Ns::A, name)?;
    let v = |n: &str| -> Option<f64> {
        e.attr(Ns::None, n)?
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
    };
    Some((v(a)?, v(b)?))
}

/// The transform of a shape (its spPr, the graphic frame's own xfrm, a group's grpSpPr).
fn xfrm(e: &Element) -> Option<&Element> {
    match e.name.as_str() {
        "graphicFrame" => e.child(Ns::Xdr, "xfrm"),
        "grpSp" => e.child(Ns::Xdr, "grpSpPr")?.child(Ns::A, "xfrm"),
        _ => e.child(Ns::Xdr, "spPr")?.child(Ns::A, "xfrm"),
    }
}

/// The members of `group` (anchored in a box of `size` EMU) with their boxes; members without
/// a transform are left out, as are groups nested too deep.
pub fn members(group: &Element, size: (i64, i64)) -> Vec<(&Element, Rect)> {
    let mut out = Vec::new();
    let Some(x) = xfrm(group) else {
        return out;
    };
    // The group's own box is stretched onto the anchor's.
    let ext = pair(x, "ext", "cx", "cy").unwrap_or((size.0 as f64, size.1 as f64));
    let scale = |anchor: i64, ext: f64| if ext > 0.0 { anchor as f64 / ext } else { 1.0 };
    let outer = Map {
        origin: (0.0, 0.0),
        child_origin: pair(x, "off", "x", "y").unwrap_or((0.0, 0.0)),
        scale: (scale(size.0, ext.0), scale(size.1, ext.1)),
    };
    collect(group, x, outer, 0, &mut out);
    out
}

/// Adds the members of a group whose transform is `x` and whose box `outer` maps to EMU.
fn collect<'a>(
    group: &'a Element,
    x: &Element,
    outer: Map,
    depth: usize,
    out: &mut Vec<(&'a Element, Rect)>,
) {
    let (Some(off), Some(ext)) = (pair(x, "off", "x", "y"), pair(x, "ext", "cx", "cy")) else {
        return;
    };
    let ch_off = pair(x, "chOff", "x", "y").unwrap_or(off);
    let ch_ext = pair(x, "chExt", "cx", "cy").unwrap_or(ext);
    let ratio = |e: f64, c: f64| if c > 0.0 { e / c } else { 1.0 };
    // Child coordinates → the group's box in its parent's coordinates → EMU.
    let origin = outer.point(off);
    let inner = Map {
        origin,
        child_origin: ch_off,
        scale: (
            ratio(ext.0, ch_ext.0) * outer.scale.0,
            ratio(ext.1, ch_ext.1) * outer.scale.1,
        ),
    };
    for member in group.elements().filter(|e| e.ns == Ns::Xdr) {
        let Some(mx) = xfrm(member) else {
            continue;
        };
        if member.name == "grpSp" {
            if depth < MAX_DEPTH {
                collect(member, mx, inner, depth + 1, out);
            }
            continue;
        }
        if !matches!(
            member.name.as_str(),
            "sp" | "pic" | "graphicFrame" | "cxnSp" | "contentPart"
        ) {
            continue;
        }
        let (Some(o), Some(e)) = (pair(mx, "off", "x", "y"), pair(mx, "ext", "cx", "cy")) else {
            continue;
        };
        let (x0, y0) = inner.point(o);
        let (w, h) = (e.0 * inner.scale.0, e.1 * inner.scale.1);
        let emu = |v: f64| v.round().clamp(0.0, f64::from(1u32 << 30)) as i64;
        out.push((member, (emu(x0), emu(y0), emu(w), emu(h))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_placed_through_nested_groups() {
        let xml = r#"<xdr:grpSp xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:grpSpPr><a:xfrm><a:off x="1000" y="2000"/><a:ext cx="400" cy="200"/><a:chOff x="0" y="0"/><a:chExt cx="800" cy="200"/></a:xfrm></xdr:grpSpPr><xdr:sp><xdr:spPr><a:xfrm><a:off x="400" y="100"/><a:ext cx="400" cy="100"/></a:xfrm></xdr:spPr></xdr:sp><xdr:grpSp><xdr:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="200" cy="100"/><a:chOff x="0" y="0"/><a:chExt cx="100" cy="100"/></a:xfrm></xdr:grpSpPr><xdr:pic><xdr:spPr><a:xfrm><a:off x="50" y="50"/><a:ext cx="50" cy="50"/></a:xfrm></xdr:spPr></xdr:pic></xdr:grpSp><xdr:sp/></xdr:grpSp>"#;
        let g = crate::dom::parse(xml.as_bytes(), "d").unwrap();
        // The anchor is twice as large as the group's box.
        let m = members(&g, (800, 400));
        let rects: Vec<(&str, Rect)> = m.iter().map(|(e, r)| (e.name.as_str(), *r)).collect();
        // Child x 400 of 800 is half the box; the nested group doubles its children's x.
        assert_eq!(
            rects,
            [("sp", (400, 200, 400, 200)), ("pic", (100, 100, 100, 100))]
        );
    }
}
