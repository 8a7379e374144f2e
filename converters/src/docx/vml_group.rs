//! VML shape groups (`v:group`, ECMA-376-4 §14.1.2.7): the group is placed like a shape; its
//! members are measured in the group's own coordinate space (`coordorigin`, `coordsize`) by
//! their `left`, `top`, `width` and `height`. Each member becomes a frame of its own.

use std::io::{Read, Seek};

use crate::dom::{Element, Ns};
use crate::text::{Anchor, Inline, TextBox};
use crate::units::Twips;

use super::Reader;
use super::drawing::{vml_anchor, vml_shape, vml_size};

/// A style declaration's number (`left:1800` in group units; no unit expected).
fn number(style: &str, key: &str) -> Option<f64> {
    style.split(';').find_map(|d| {
        let (k, v) = d.split_once(':')?;
        (k.trim() == key)
            .then(|| v.trim().parse::<f64>().ok())
            .flatten()
    })
}

/// Two numbers from an attribute like `coordsize="21600,21600"`.
fn pair(e: &Element, name: &str, default: (f64, f64)) -> (f64, f64) {
    let Some(v) = e.attr(Ns::None, name) else {
        return default;
    };
    let mut it = v.split(',').map(|p| p.trim().parse::<f64>().ok());
    match (it.next().flatten(), it.next().flatten()) {
        (Some(a), Some(b)) => (a, b),
        _ => default,
    }
}

/// A member's box: x, y, width, height in twips from the outermost group's top-left.
type Bounds = (f64, f64, f64, f64);

/// Maps a group's member coordinates to twips from the outermost group's top-left.
#[derive(Clone, Copy)]
struct Space {
    origin: (f64, f64),
    scale: (f64, f64),
    at: (f64, f64),
}

impl Space {
    /// The inner space of `group`, whose box in this space's coordinates is `(x, y, w, h)`.
    fn inner(group: &Element, outer_box: Bounds) -> Space {
        let (x, y, w, h) = outer_box;
        let size = pair(group, "coordsize", (1000.0, 1000.0));
        let origin = pair(group, "coordorigin", (0.0, 0.0));
        let s = |outer: f64, inner: f64| if inner > 0.0 { outer / inner } else { 1.0 };
        Space {
            origin,
            scale: (s(w, size.0), s(h, size.1)),
            at: (x, y),
        }
    }

    /// A member's box (x, y, w, h) in twips from the outermost group's top-left.
    fn member(&self, style: &str) -> Bounds {
        let get = |k: &str| number(style, k).unwrap_or(0.0);
        (
            self.at.0 + (get("left") - self.origin.0) * self.scale.0,
            self.at.1 + (get("top") - self.origin.1) * self.scale.1,
            get("width") * self.scale.0,
            get("height") * self.scale.1,
        )
    }
}

/// A group placed as its own style says: its members as frames at their places.
pub(crate) fn group<R: Read + Seek>(r: &mut Reader<R>, g: &Element, out: &mut Vec<Inline>) {
    let style = g.attr(Ns::None, "style").unwrap_or("");
    let (width, height) = vml_size(style);
    let anchor = vml_anchor(g);
    let space = Space::inner(g, (0.0, 0.0, width.0 as f64, height.0 as f64));
    let mut members = Vec::new();
    collect(g, space, 0, &mut members);
    for (el, (x, y, w, h)) in members {
        let member_anchor = match &anchor {
            // Twips to EMU: 635 per twip.
            Anchor::AsChar => {
                super::group::from_char((x * 635.0).round() as i64, (y * 635.0).round() as i64)
            }
            Anchor::Floating { h, v, wrap, behind } => Anchor::Floating {
                h: super::group::shift(h, x * 635.0),
                v: super::group::shift(v, y * 635.0),
                wrap: *wrap,
                behind: *behind,
            },
        };
        let size = (
            Twips(w.round().max(0.0) as i64),
            Twips(h.round().max(0.0) as i64),
        );
        vml_shape(r, el, false, size, member_anchor, out);
    }
    if anchor == Anchor::AsChar {
        out.push(Inline::TextBox(TextBox::placeholder(
            width,
            height,
            Anchor::AsChar,
        )));
    }
}

/// Leaf members with their boxes in twips; nested groups open their own space.
fn collect<'a>(g: &'a Element, space: Space, depth: usize, out: &mut Vec<(&'a Element, Bounds)>) {
    // Bounded against hostile nesting and member counts.
    if depth > 16 || out.len() > 1000 {
        return;
    }
    for el in g.elements().filter(|e| e.ns == Ns::V) {
        let style = el.attr(Ns::None, "style").unwrap_or("");
        let b = space.member(style);
        match el.name.as_str() {
            "group" => collect(el, Space::inner(el, b), depth + 1, out),
            "shapetype" | "formulas" | "path" | "handles" | "stroke" | "fill" | "shadow" => {}
            _ => out.push((el, b)),
        }
    }
}
