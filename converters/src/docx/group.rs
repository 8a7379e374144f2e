//! Shape groups (`wpg:wgp`, nested `wpg:grpSp`): every member (picture, text box, shape) becomes
//! a frame of its own, placed where the group's transforms put it (ECMA-376-1 §20.1.7.5 group
//! transform: child offset and extent map the members' coordinates onto the group's box).

use std::io::{Read, Seek};

use crate::dom::{Element, Ns};
use crate::text::{Anchor, Inline, Place, PlaceAlign, Rel, TextBox};
use crate::units::Twips;

use super::Reader;

/// Maps member coordinates (EMU in the group's child space) to EMU from the group's top-left.
#[derive(Clone, Copy)]
struct Transform {
    /// Member-space origin (chOff).
    child_x: i64,
    child_y: i64,
    /// Scale from member space to outer space (ext / chExt).
    sx: f64,
    sy: f64,
    /// Where the member-space origin lands, from the group's top-left.
    x: f64,
    y: f64,
}

impl Transform {
    fn map(&self, x: i64, y: i64) -> (f64, f64) {
        (
            self.x + (x - self.child_x) as f64 * self.sx,
            self.y + (y - self.child_y) as f64 * self.sy,
        )
    }
}

/// off/ext (and chOff/chExt for groups) of an a:xfrm, in EMU.
fn xfrm(e: &Element) -> Option<[i64; 8]> {
    let x = e.find(Ns::A, "xfrm")?;
    let get = |name: &str, a: &str| {
        x.child(Ns::A, name)
            .and_then(|c| c.attr(Ns::None, a))
            .and_then(|v| v.parse::<i64>().ok())
            .map(|v| v.clamp(-50_000_000_000, 50_000_000_000))
    };
    let off = (get("off", "x")?, get("off", "y")?);
    let ext = (get("ext", "cx")?, get("ext", "cy")?);
    let ch_off = (
        get("chOff", "x").unwrap_or(off.0),
        get("chOff", "y").unwrap_or(off.1),
    );
    let ch_ext = (
        get("chExt", "cx").unwrap_or(ext.0),
        get("chExt", "cy").unwrap_or(ext.1),
    );
    Some([
        off.0, off.1, ext.0, ext.1, ch_off.0, ch_off.1, ch_ext.0, ch_ext.1,
    ])
}

fn scale(outer: i64, inner: i64) -> f64 {
    if inner > 0 {
        outer as f64 / inner as f64
    } else {
        1.0
    }
}

/// A group drawn at `size` with `anchor`: its members as separate frames.
pub(crate) fn group<R: Read + Seek>(
    r: &mut Reader<R>,
    wgp: &Element,
    size: (Twips, Twips),
    anchor: &Anchor,
    out: &mut Vec<Inline>,
) {
    let props = wgp.child(Ns::Wpg, "grpSpPr");
    let [_, _, ext_x, ext_y, ch_x, ch_y, ch_cx, ch_cy] =
        props.and_then(xfrm).unwrap_or([0, 0, 1, 1, 0, 0, 1, 1]);
    // The outermost group fills the drawing's extent.
    let (w_emu, h_emu) = (size.0.0 * 635, size.1.0 * 635);
    let t = Transform {
        child_x: ch_x,
        child_y: ch_y,
        sx: scale(if w_emu > 0 { w_emu } else { ext_x }, ch_cx),
        sy: scale(if h_emu > 0 { h_emu } else { ext_y }, ch_cy),
        x: 0.0,
        y: 0.0,
    };
    let mut members = Vec::new();
    collect(wgp, t, 0, &mut members);
    if members.is_empty() {
        return;
    }
    // Inline groups keep their room in the line; members float from the character there.
    let inline = *anchor == Anchor::AsChar;
    for (el, x, y, w, h) in members {
        let member_anchor = match anchor {
            Anchor::AsChar => from_char(x.round() as i64, y.round() as i64),
            Anchor::Floating { h, v, wrap, behind } => Anchor::Floating {
                h: shift(h, x),
                v: shift(v, y),
                wrap: *wrap,
                behind: *behind,
            },
        };
        let size = (
            Twips::from_emu(w.round() as i64),
            Twips::from_emu(h.round() as i64),
        );
        let name = el
            .find(Ns::Wps, "cNvPr")
            .or_else(|| el.find(Ns::Pic, "cNvPr"))
            .and_then(|p| p.attr(Ns::None, "name"))
            .unwrap_or("")
            .to_string();
        super::drawing::leaf(r, el, size, member_anchor, name, out);
    }
    if inline {
        out.push(Inline::TextBox(TextBox::placeholder(
            size.0,
            size.1,
            Anchor::AsChar,
        )));
    }
}

/// A member of an inline drawing, `x`/`y` EMU right of and below the drawing's character.
/// LibreOffice measures a from-top offset relative to the line (ODF vertical-rel "line", what
/// Word's relativeFrom="line" maps to) upwards, so the offset down is given negated.
pub(super) fn from_char(x: i64, y: i64) -> Anchor {
    Anchor::Floating {
        h: Place::at(Rel::Char, Twips::from_emu(x)),
        v: Place::at(Rel::Char, Twips(-Twips::from_emu(y).0)),
        wrap: crate::text::Wrap::Through,
        behind: false,
    }
}

/// A member's place: the group's, moved by the member's offset. An aligned group's members are
/// measured from the start of the same reference (the group's own alignment cannot be kept
/// for several frames at once).
pub(super) fn shift(p: &Place, by: f64) -> Place {
    let base = match p.align {
        None | Some(PlaceAlign::Start | PlaceAlign::Inside) => p.offset,
        Some(_) => Twips(0),
    };
    Place {
        rel: p.rel,
        align: None,
        offset: Twips(base.0 + Twips::from_emu(by.round() as i64).0),
    }
}

/// Leaf members with their box (x, y, width, height in EMU from the group's top-left).
fn collect<'a>(
    group: &'a Element,
    t: Transform,
    depth: usize,
    out: &mut Vec<(&'a Element, f64, f64, f64, f64)>,
) {
    // Groups nest rarely more than a few levels; the bound keeps hostile files cheap.
    if depth > 16 || out.len() > 1000 {
        return;
    }
    for el in group.elements() {
        let Some([ox, oy, cx, cy, chx, chy, chcx, chcy]) = (if el.is(Ns::Wpg, "grpSp") {
            el.child(Ns::Wpg, "grpSpPr").and_then(xfrm)
        } else {
            xfrm(el)
        }) else {
            continue;
        };
        let (x, y) = t.map(ox, oy);
        let (w, h) = (cx as f64 * t.sx, cy as f64 * t.sy);
        if el.is(Ns::Wpg, "grpSp") {
            let inner = Transform {
                child_x: chx,
                child_y: chy,
                sx: t.sx * scale(cx, chcx),
                sy: t.sy * scale(cy, chcy),
                x,
                y,
            };
            collect(el, inner, depth + 1, out);
        } else if el.is(Ns::Wps, "wsp") || el.is(Ns::Pic, "pic") {
            out.push((el, x, y, w.max(0.0), h.max(0.0)));
        }
    }
}
