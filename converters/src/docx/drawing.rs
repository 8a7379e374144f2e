//! Pictures, text boxes and other drawing objects: DrawingML (`w:drawing`, ECMA-376-1 §20.4) and
//! VML (`w:pict`, `w:object`, ECMA-376-4). Charts and SmartArt keep their place as an empty frame
//! of their size (so the layout holds) and are recorded as findings.

use std::io::{Read, Seek};

use crate::dom::{Element, Ns};
use crate::findings::FindingKind;
use crate::text::{Anchor, Drawing, Inline, TextBox, Wrap};
use crate::units::Twips;

use super::Reader;
use super::props::parse_measure;

fn emu(e: Option<&Element>, name: &str) -> Twips {
    let v = e
        .and_then(|e| e.attr(Ns::None, name))
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    Twips::from_emu(v.clamp(0, 50_000_000_000))
}

fn anchor_of(a: &Element) -> Anchor {
    if a.is(Ns::Wp, "inline") {
        return Anchor::AsChar;
    }
    let offset = |axis: &str| {
        let pos = a.child(Ns::Wp, axis);
        let off = pos
            .and_then(|p| p.child(Ns::Wp, "posOffset"))
            .and_then(|o| o.text().trim().parse::<i64>().ok())
            .unwrap_or(0);
        let page = pos
            .and_then(|p| p.attr(Ns::None, "relativeFrom"))
            .is_some_and(|r| r == "page" || r == "margin");
        (
            Twips::from_emu(off.clamp(-50_000_000_000, 50_000_000_000)),
            page,
        )
    };
    let (x, _) = offset("positionH");
    let (y, page) = offset("positionV");
    let wrap = if a.child(Ns::Wp, "wrapTopAndBottom").is_some() {
        Wrap::TopBottom
    } else if a.child(Ns::Wp, "wrapSquare").is_some() || a.child(Ns::Wp, "wrapTight").is_some() {
        Wrap::Square
    } else if a.child(Ns::Wp, "wrapThrough").is_some() {
        Wrap::Through
    } else {
        Wrap::None
    };
    Anchor::Floating {
        x,
        y,
        relative_to_page: page,
        wrap,
        behind: a.attr(Ns::None, "behindDoc") == Some("1"),
    }
}

pub(crate) fn drawing<R: Read + Seek>(r: &mut Reader<R>, d: &Element, out: &mut Vec<Inline>) {
    for a in d.elements() {
        if !(a.is(Ns::Wp, "inline") || a.is(Ns::Wp, "anchor")) {
            continue;
        }
        let extent = a.child(Ns::Wp, "extent");
        let (width, height) = (emu(extent, "cx"), emu(extent, "cy"));
        let anchor = anchor_of(a);
        let name = a
            .child(Ns::Wp, "docPr")
            .and_then(|p| p.attr(Ns::None, "name"))
            .unwrap_or("")
            .to_string();
        let Some(data) = a.find(Ns::A, "graphicData") else {
            continue;
        };
        let uri = data.attr(Ns::None, "uri").unwrap_or("");
        let placeholder = |r: &mut Reader<R>, out: &mut Vec<Inline>, kind: FindingKind| {
            r.finding(kind);
            out.push(Inline::TextBox(TextBox {
                width,
                height,
                anchor: anchor.clone(),
                blocks: Vec::new(),
            }));
        };
        if let Some(blip) = data.find(Ns::A, "blip") {
            match blip.attr(Ns::R, "embed").and_then(|id| r.image(id)) {
                Some(image) => out.push(Inline::Image(Drawing {
                    image,
                    width,
                    height,
                    anchor: anchor.clone(),
                    name,
                })),
                None => placeholder(
                    r,
                    out,
                    FindingKind::MissingPart {
                        part: "picture".into(),
                    },
                ),
            }
        } else if let Some(tx) = data.find(Ns::W, "txbxContent") {
            let blocks = super::body::blocks(r, tx);
            out.push(Inline::TextBox(TextBox {
                width,
                height,
                anchor,
                blocks,
            }));
        } else if uri.ends_with("/chart") {
            placeholder(r, out, FindingKind::Chart);
        } else if uri.ends_with("/diagram") {
            placeholder(r, out, FindingKind::SmartArt);
        } else if data.find(Ns::Wps, "wsp").is_some() || data.find(Ns::Wpg, "wgp").is_some() {
            // A shape without text or picture: its size is kept, its geometry is not.
            placeholder(
                r,
                out,
                FindingKind::Unsupported {
                    element: "DrawingML shape".into(),
                },
            );
        } else {
            placeholder(
                r,
                out,
                FindingKind::Unsupported {
                    element: format!("drawing {uri}"),
                },
            );
        }
    }
}

/// `width:100pt;height:2in` from a VML style attribute.
fn vml_size(style: &str) -> (Twips, Twips) {
    let mut w = Twips(0);
    let mut h = Twips(0);
    for decl in style.split(';') {
        if let Some((k, v)) = decl.split_once(':') {
            let v = v.trim();
            // VML lengths without a unit are pixels at 96 dpi... or EMU-like; treat as points.
            let len = parse_measure(v).map(|t| {
                if v.chars().all(|c| c.is_ascii_digit() || c == '.') {
                    Twips(t.0 * 15)
                } else {
                    t
                }
            });
            match k.trim() {
                "width" => w = len.unwrap_or(w),
                "height" => h = len.unwrap_or(h),
                _ => {}
            }
        }
    }
    (w, h)
}

pub(crate) fn vml<R: Read + Seek>(r: &mut Reader<R>, p: &Element, out: &mut Vec<Inline>) {
    let is_object = p.is(Ns::W, "object");
    if is_object {
        r.finding(FindingKind::OleObject);
    }
    if p.find(Ns::W, "control").is_some() {
        r.finding(FindingKind::Control);
    }
    for shape in p.elements() {
        if shape.ns != Ns::V {
            continue;
        }
        let (width, height) = vml_size(shape.attr(Ns::None, "style").unwrap_or(""));
        if let Some(img) = shape.find(Ns::V, "imagedata") {
            if let Some(image) = img.attr(Ns::R, "id").and_then(|id| r.image(id)) {
                out.push(Inline::Image(Drawing {
                    image,
                    width,
                    height,
                    anchor: Anchor::AsChar,
                    name: String::new(),
                }));
            }
        } else if let Some(tx) = shape.find(Ns::W, "txbxContent") {
            let blocks = super::body::blocks(r, tx);
            out.push(Inline::TextBox(TextBox {
                width,
                height,
                anchor: Anchor::AsChar,
                blocks,
            }));
        } else if !is_object && shape.name != "shapetype" {
            r.skip(shape);
        }
    }
}
