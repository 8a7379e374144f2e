//! Embedded OLE objects (`w:object`, ECMA-376-1 §17.3.3.19): the object's part and the picture
//! Word shows for it.
//!
//! The object is named by `o:OLEObject` (VML, ECMA-376-4 §19.2.2.13) or, in newer files, by
//! `w:objectEmbed` next to a `w:drawing` (ISO/IEC 29500-1:2012 §17.3.3.20). Where its part is an
//! OLE compound file, the form ODF's `draw:object-ole` holds (ODF 1.3 §10.4.6), it becomes an
//! [`EmbeddedObject`] with its preview, as LibreOffice imports it. Anything else (a linked object,
//! a bare package such as an embedded `.xlsx`, a missing part) keeps only its preview picture:
//! LibreOffice shows an OLE object by its preview alone, while a plain picture of the same preview
//! keeps the text it shows.

use std::io::{Read, Seek};

use crate::detect::CFB_MAGIC;
use crate::dom::{Element, Ns};
use crate::findings::FindingKind;
use crate::text::{Anchor, EmbeddedObject, Inline, ObjectFrame, Preview};
use crate::units::Twips;

use super::drawing::{anchor_of, emu, vml_anchor, vml_size};
use super::{MAX_OBJECT, Reader};

/// How a `w:object` is drawn: the preview's relationship, its size and its placement.
struct Shape {
    image: Option<String>,
    width: Twips,
    height: Twips,
    anchor: Anchor,
}

pub(crate) fn object<R: Read + Seek>(r: &mut Reader<R>, p: &Element, out: &mut Vec<Inline>) {
    let ole = p.child(Ns::O, "OLEObject");
    let embed = p.child(Ns::W, "objectEmbed");
    let Some(rel_id) = ole.or(embed).and_then(|e| e.attr(Ns::R, "id")) else {
        // No object part (an ActiveX control, say): only what is drawn.
        return fallback(r, p, out);
    };
    let prog_id = ole
        .and_then(|e| e.attr(Ns::None, "ProgID"))
        .or_else(|| embed.and_then(|e| e.attr(Ns::W, "progId")))
        .unwrap_or("")
        .to_string();
    let as_icon = ole
        .and_then(|e| e.attr(Ns::None, "DrawAspect"))
        .or_else(|| embed.and_then(|e| e.attr(Ns::W, "drawAspect")))
        .is_some_and(|a| a.eq_ignore_ascii_case("icon"));
    let carried = shape(p).and_then(|shape| {
        let (_, data) = r.internal_part(rel_id, MAX_OBJECT)?;
        // MS-CFB §2.2: a compound file starts with its signature, in a 512-byte header.
        if data.len() < 512 || !data.starts_with(&CFB_MAGIC) {
            return None;
        }
        let preview = shape
            .image
            .as_deref()
            .and_then(|id| r.media(id))
            .map(|(_, media_type, data)| Preview { media_type, data });
        r.doc.objects.push(EmbeddedObject {
            prog_id: prog_id.clone(),
            data,
            preview,
            as_icon,
        });
        Some(ObjectFrame {
            object: r.doc.objects.len() - 1,
            width: shape.width,
            height: shape.height,
            anchor: shape.anchor,
        })
    });
    r.finding(FindingKind::OleObject {
        prog_id,
        carried: carried.is_some(),
    });
    match carried {
        Some(frame) => out.push(Inline::Object(frame)),
        None => fallback(r, p, out),
    }
}

/// The preview alone, as a picture.
fn fallback<R: Read + Seek>(r: &mut Reader<R>, p: &Element, out: &mut Vec<Inline>) {
    match p.child(Ns::W, "drawing") {
        Some(d) => super::drawing::drawing(r, d, out),
        None => super::drawing::vml(r, p, out),
    }
}

/// The object's drawing: a VML shape with `v:imagedata`, or a DrawingML picture in `w:drawing`.
fn shape(p: &Element) -> Option<Shape> {
    if let Some(a) = p.child(Ns::W, "drawing").and_then(|d| {
        d.elements()
            .find(|a| a.is(Ns::Wp, "inline") || a.is(Ns::Wp, "anchor"))
    }) {
        let extent = a.child(Ns::Wp, "extent");
        return Some(Shape {
            image: a
                .find(Ns::A, "blip")
                .and_then(|b| b.attr(Ns::R, "embed"))
                .map(str::to_string),
            width: emu(extent, "cx"),
            height: emu(extent, "cy"),
            anchor: anchor_of(a),
        });
    }
    let shape = p
        .elements()
        .find(|e| e.ns == Ns::V && e.name != "shapetype")?;
    let (width, height) = vml_size(shape.attr(Ns::None, "style").unwrap_or(""));
    Some(Shape {
        image: shape
            .find(Ns::V, "imagedata")
            .and_then(|i| i.attr(Ns::R, "id"))
            .map(str::to_string),
        width,
        height,
        anchor: vml_anchor(shape),
    })
}
