//! SmartArt diagrams: the drawing Word caches for readers without a layout engine
//! (`dsp:drawing`, the part named by the data part's `dsp:dataModelExt relId`) becomes one frame
//! per shape at its place, with its fill, outline and text, as LibreOffice's import draws it.

use std::io::{Read, Seek};

use crate::dom::{Element, Ns};
use crate::findings::FindingKind;
use crate::text::{Align, Anchor, Block, Inline, Paragraph, RunProps, TextBox, VerticalAnchor};
use crate::units::Twips;

use super::Reader;
use super::drawing::drawing_color;

/// The diagram of `data` (an a:graphicData holding dgm:relIds) drawn at `size` with `anchor`.
pub(crate) fn diagram<R: Read + Seek>(
    r: &mut Reader<R>,
    data: &Element,
    size: (Twips, Twips),
    anchor: &Anchor,
    out: &mut Vec<Inline>,
) {
    r.finding(FindingKind::SmartArt);
    let shapes = drawing_part(r, data)
        .map(|d| shapes(r, &d))
        .unwrap_or_default();
    let inline = *anchor == Anchor::AsChar;
    if shapes.is_empty() {
        out.push(Inline::TextBox(TextBox::placeholder(
            size.0,
            size.1,
            anchor.clone(),
        )));
        return;
    }
    let mut odd_geometry = false;
    for (x, y, mut tb, geometry) in shapes {
        odd_geometry |= !matches!(geometry.as_str(), "rect" | "") && tb.geometry.is_none();
        // Members of an inline diagram float from its character, those of a floating one are
        // moved by their offset (as the members of a shape group, super::group).
        tb.anchor = match anchor {
            Anchor::AsChar => super::group::from_char(x, y),
            Anchor::Floating { h, v, wrap, behind } => Anchor::Floating {
                h: super::group::shift(h, x as f64),
                v: super::group::shift(v, y as f64),
                wrap: *wrap,
                behind: *behind,
            },
        };
        out.push(Inline::TextBox(tb));
    }
    if odd_geometry {
        r.finding(FindingKind::Unsupported {
            element: "diagram shape geometry, drawn as a rectangle".into(),
        });
    }
    if inline {
        out.push(Inline::TextBox(TextBox::placeholder(
            size.0,
            size.1,
            Anchor::AsChar,
        )));
    }
}

/// The cached drawing: graphicData's dgm:relIds r:dm names the data part, whose
/// dsp:dataModelExt relId is a relationship of the document part to the drawing part.
fn drawing_part<R: Read + Seek>(r: &mut Reader<R>, data: &Element) -> Option<Element> {
    let dm = data
        .elements()
        .find(|e| e.name == "relIds")
        .and_then(|ids| ids.attr(Ns::R, "dm"))
        .and_then(|id| r.rel_target(id))
        .map(|(t, _)| t.to_string())?;
    let model = r.xml_part(&dm)?;
    let rel = model
        .find(Ns::Dsp, "dataModelExt")?
        .attr(Ns::None, "relId")?
        .to_string();
    let target = r.rel_target(&rel)?.0.to_string();
    r.xml_part(&target)
}

/// off/ext of the a:xfrm (or dsp:txXfrm) child of `e`, in EMU.
fn xfrm(e: Option<&Element>) -> Option<[i64; 4]> {
    let e = e?;
    let get = |name: &str, a: &str| {
        e.child(Ns::A, name)
            .and_then(|c| c.attr(Ns::None, a))
            .and_then(|v| v.parse::<i64>().ok())
            .map(|v| v.clamp(-50_000_000_000, 50_000_000_000))
    };
    Some([
        get("off", "x")?,
        get("off", "y")?,
        get("ext", "cx")?.max(0),
        get("ext", "cy")?.max(0),
    ])
}

/// Every dsp:sp of the drawing (groups are flat in cached drawings; nested ones are walked):
/// offset in EMU from the diagram's top-left, the frame, and its preset geometry.
fn shapes<R>(r: &Reader<R>, drawing: &Element) -> Vec<(i64, i64, TextBox, String)> {
    let mut sps = Vec::new();
    collect(drawing, 0, &mut sps);
    let mut out = Vec::new();
    for sp in sps {
        let props = sp.child(Ns::Dsp, "spPr");
        let Some([x, y, w, h]) = xfrm(props.and_then(|p| p.child(Ns::A, "xfrm"))) else {
            continue;
        };
        let mut tb = TextBox::placeholder(Twips::from_emu(w), Twips::from_emu(h), Anchor::AsChar);
        look(r, sp, &mut tb);
        let geometry = props
            .and_then(|p| p.child(Ns::A, "prstGeom"))
            .and_then(|g| g.attr(Ns::None, "prst"))
            .unwrap_or("")
            .to_string();
        let text = sp.child(Ns::Dsp, "txBody").map(|b| text(r, sp, b));
        // A preset other than a rectangle becomes a custom shape with the preset's outline and
        // text area (super::geometry), as LibreOffice draws it; other geometries a box whose text
        // sits in the cached text rectangle (dsp:txXfrm): its distance from the box's edges is
        // added to the insets (a separate frame over the shape would hide the shape in
        // LibreOffice).
        let xf = props.and_then(|p| p.child(Ns::A, "xfrm"));
        tb.geometry = super::geometry::shape_geometry(props, xf, w, h);
        if let Some((blocks, valign, mut padding)) = text {
            if tb.geometry.is_none()
                && let Some([tx, ty, tw, th]) = xfrm(sp.child(Ns::Dsp, "txXfrm"))
            {
                let extra = [tx - x, ty - y, x + w - tx - tw, y + h - ty - th];
                for (p, e) in padding.iter_mut().zip(extra) {
                    *p = Twips(p.0 + Twips::from_emu(e.clamp(0, w.max(h))).0);
                }
            }
            tb.blocks = blocks;
            tb.vertical = valign;
            tb.padding = padding;
        }
        out.push((x, y, tb, geometry));
    }
    out
}

fn collect<'a>(e: &'a Element, depth: usize, out: &mut Vec<&'a Element>) {
    if depth > 16 || out.len() > 1000 {
        return;
    }
    for c in e.elements() {
        if c.is(Ns::Dsp, "sp") {
            out.push(c);
        } else if c.is(Ns::Dsp, "spTree") || c.is(Ns::Dsp, "grpSp") {
            collect(c, depth + 1, out);
        }
    }
}

/// Fill and outline: dsp:spPr, else the shape style's references (idx 0 means none,
/// ECMA-376-1 §20.1.4.2.10 fillRef, §20.1.4.2.19 lnRef).
fn look<R>(r: &Reader<R>, sp: &Element, tb: &mut TextBox) {
    if let Some(style) = sp.child(Ns::Dsp, "style") {
        super::drawing::style_look(r, style, tb);
    }
    let Some(props) = sp.child(Ns::Dsp, "spPr") else {
        return;
    };
    super::drawing::sp_fill(r, props, tb);
    if let Some(ln) = props.child(Ns::A, "ln") {
        if ln.child(Ns::A, "noFill").is_some() {
            tb.stroke = None;
        } else {
            let width = super::drawing::line_width(ln);
            let c = ln
                .child(Ns::A, "solidFill")
                .and_then(|f| drawing_color(r, f))
                .or(tb.stroke.map(|(c, _)| c));
            tb.stroke = c.map(|c| (c, width));
        }
    }
}

/// The paragraphs of a dsp:txBody, its vertical anchor (a:bodyPr anchor, ECMA-376-1
/// §21.1.2.1.1) and insets.
fn text<R>(
    r: &Reader<R>,
    sp: &Element,
    body: &Element,
) -> (Vec<Block>, VerticalAnchor, [Twips; 4]) {
    // The style's font reference gives the text colour (ECMA-376-1 §20.1.4.1.17 fontRef).
    let style_color = sp
        .child(Ns::Dsp, "style")
        .and_then(|s| s.child(Ns::A, "fontRef"))
        .and_then(|f| drawing_color(r, f));
    let font = r.theme.font("minorHAnsi");
    let body_pr = body.child(Ns::A, "bodyPr");
    let valign = match body_pr.and_then(|b| b.attr(Ns::None, "anchor")) {
        Some("ctr") => VerticalAnchor::Middle,
        Some("b") => VerticalAnchor::Bottom,
        _ => VerticalAnchor::Top,
    };
    let inset = |name: &str, default: i64| {
        let emu = body_pr
            .and_then(|b| b.attr(Ns::None, name))
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(default);
        Twips::from_emu(emu.clamp(0, 50_000_000))
    };
    let padding = [
        inset("lIns", 91440),
        inset("tIns", 45720),
        inset("rIns", 91440),
        inset("bIns", 45720),
    ];
    let mut blocks = Vec::new();
    for p in body.children_named(Ns::A, "p") {
        let mut para = Paragraph::default();
        para.props.align = match p
            .child(Ns::A, "pPr")
            .and_then(|pp| pp.attr(Ns::None, "algn"))
        {
            Some("ctr") => Some(Align::Center),
            Some("r") => Some(Align::End),
            Some("just" | "dist") => Some(Align::Justify),
            _ => Some(Align::Start),
        };
        para.props.space_before = Some(Twips(0));
        para.props.space_after = Some(Twips(0));
        let mut mark = RunProps {
            color: style_color,
            font: font.clone(),
            ..RunProps::default()
        };
        for t in p.elements() {
            if t.is(Ns::A, "r") || t.is(Ns::A, "fld") {
                let mut props = run_props(r, t.child(Ns::A, "rPr"));
                props.merge(&mark);
                let text = t.child(Ns::A, "t").map(|tt| tt.text()).unwrap_or_default();
                para.inlines.push(Inline::Text {
                    text,
                    style: None,
                    props,
                });
            } else if t.is(Ns::A, "br") {
                para.inlines.push(Inline::LineBreak);
            } else if t.is(Ns::A, "endParaRPr") {
                let mut props = run_props(r, Some(t));
                props.merge(&mark);
                mark = props;
            }
        }
        para.mark = mark;
        blocks.push(Block::Para(para));
    }
    (blocks, valign, padding)
}

/// a:rPr: size (hundredths of a point), bold, italic, colour.
fn run_props<R>(r: &Reader<R>, rpr: Option<&Element>) -> RunProps {
    let mut props = RunProps::default();
    let Some(rpr) = rpr else {
        return props;
    };
    let flag = |name: &str| rpr.attr(Ns::None, name).map(|v| matches!(v, "1" | "true"));
    props.bold = flag("b");
    props.italic = flag("i");
    // Half-points in the model.
    props.size = rpr
        .attr(Ns::None, "sz")
        .and_then(|v| v.parse::<i64>().ok())
        .map(|sz| (sz / 50).clamp(1, 3200));
    props.color = rpr
        .child(Ns::A, "solidFill")
        .and_then(|f| drawing_color(r, f));
    props
}
