//! Pictures, text boxes and other drawing objects: DrawingML (`w:drawing`, ECMA-376-1 §20.4) and
//! VML (`w:pict`, and the drawing of a `w:object`, ECMA-376-4). Charts become live charts; what
//! cannot be carried keeps its place as an empty frame of its size (so the layout holds) and is
//! recorded as a finding.

use std::io::{Read, Seek};

use crate::dom::{Element, Ns};
use crate::findings::FindingKind;
use crate::text::{Anchor, Drawing, Inline, Place, PlaceAlign, Rel, TextBox, VerticalAnchor, Wrap};
use crate::units::Twips;

use super::Reader;
use super::props::parse_measure;

pub(super) fn emu(e: Option<&Element>, name: &str) -> Twips {
    let v = e
        .and_then(|e| e.attr(Ns::None, name))
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    Twips::from_emu(v.clamp(0, 50_000_000_000))
}

/// One axis of a DrawingML anchor: `wp:positionH`/`wp:positionV` with `relativeFrom` and either
/// `wp:align` or `wp:posOffset` in EMU (ECMA-376-1 §20.4.3.4, §20.4.3.5).
fn place_of(pos: Option<&Element>) -> Place {
    let Some(pos) = pos else {
        return Place::at(Rel::Paragraph, Twips(0));
    };
    let rel = match pos.attr(Ns::None, "relativeFrom").unwrap_or("") {
        "page" => Rel::Page,
        "margin" => Rel::Margin,
        "character" | "line" => Rel::Char,
        "leftMargin" | "topMargin" | "insideMargin" => Rel::StartMargin,
        "rightMargin" | "bottomMargin" | "outsideMargin" => Rel::EndMargin,
        _ => Rel::Paragraph,
    };
    let align = pos
        .child(Ns::Wp, "align")
        .and_then(|a| place_align(a.text().trim()));
    let offset = pos
        .child(Ns::Wp, "posOffset")
        .and_then(|o| o.text().trim().parse::<i64>().ok())
        .unwrap_or(0);
    Place {
        rel,
        align,
        offset: Twips::from_emu(offset.clamp(-50_000_000_000, 50_000_000_000)),
    }
}

/// `left`/`top`, `center`, `right`/`bottom`, `inside`, `outside` (ST_AlignH, ST_AlignV, and the
/// same words in framePr and VML).
pub(crate) fn place_align(v: &str) -> Option<PlaceAlign> {
    Some(match v {
        "left" | "top" => PlaceAlign::Start,
        "center" => PlaceAlign::Center,
        "right" | "bottom" => PlaceAlign::End,
        "inside" => PlaceAlign::Inside,
        "outside" => PlaceAlign::Outside,
        _ => return None,
    })
}

pub(super) fn anchor_of(a: &Element) -> Anchor {
    if a.is(Ns::Wp, "inline") {
        return Anchor::AsChar;
    }
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
        h: place_of(a.child(Ns::Wp, "positionH")),
        v: place_of(a.child(Ns::Wp, "positionV")),
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
        if let Some(group) = data.find(Ns::Wpg, "wgp") {
            super::group::group(r, group, (width, height), &anchor, out);
        } else {
            leaf(r, data, (width, height), anchor, name, out);
        }
    }
}

/// One drawing object (a picture, text box, chart, diagram or plain shape) of this size and
/// anchor: `data` is its a:graphicData, or a member of a group.
pub(crate) fn leaf<R: Read + Seek>(
    r: &mut Reader<R>,
    data: &Element,
    (width, height): (Twips, Twips),
    anchor: Anchor,
    name: String,
    out: &mut Vec<Inline>,
) {
    let uri = data.attr(Ns::None, "uri").unwrap_or("");
    let placeholder = |r: &mut Reader<R>, out: &mut Vec<Inline>, kind: FindingKind| {
        r.finding(kind);
        out.push(Inline::TextBox(TextBox::placeholder(
            width,
            height,
            anchor.clone(),
        )));
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
        let mut tb = TextBox::placeholder(width, height, anchor);
        tb.blocks = blocks;
        shape_look(r, data, &mut tb);
        // The text of a shape other than a rectangle sits in its preset's text rectangle
        // (LibreOffice sizes the shape's text frame to it): the distance is added to the insets.
        let sp = data.find(Ns::Wps, "spPr");
        let xf = sp.and_then(|p| p.child(Ns::A, "xfrm"));
        let (w, h) = (width.0 * 635, height.0 * 635);
        if let Some(g) = super::geometry::shape_geometry(sp, xf, w, h) {
            let [l, t, r, b] = g.text_area;
            let extra = [l, t, w - r, h - b];
            for (p, e) in tb.padding.iter_mut().zip(extra) {
                *p = Twips(p.0 + Twips::from_emu(e.clamp(0, w.max(h))).0);
            }
        }
        out.push(Inline::TextBox(tb));
    } else if uri.ends_with("/chart") {
        match read_chart(r, data) {
            Some(chart) => {
                r.doc.charts.push(chart);
                out.push(Inline::Chart(crate::text::ChartFrame {
                    chart: r.doc.charts.len() - 1,
                    width,
                    height,
                    anchor: anchor.clone(),
                }));
            }
            None => placeholder(r, out, FindingKind::Chart),
        }
    } else if uri.ends_with("/diagram") {
        // The diagram's pre-rendered drawing (the part Word caches for readers without
        // SmartArt): one frame per shape.
        super::smartart::diagram(r, data, (width, height), &anchor, out);
    } else if (data.is(Ns::Wps, "wsp") || data.find(Ns::Wps, "wsp").is_some())
        && width.0 > 0
        && height.0 > 0
    {
        // A single shape without text or picture: drawn with its fill and outline; a geometry
        // not known to super::geometry is approximated by its box (and recorded).
        let geometry = data
            .find(Ns::A, "prstGeom")
            .and_then(|g| g.attr(Ns::None, "prst"))
            .unwrap_or("custom")
            .to_string();
        let mut tb = TextBox::placeholder(width, height, anchor.clone());
        shape_look(r, data, &mut tb);
        tb.padding = [Twips(0); 4];
        tb.auto_grow = false;
        // Presets known to super::geometry keep their outline.
        let sp = data.find(Ns::Wps, "spPr");
        let xf = sp.and_then(|p| p.child(Ns::A, "xfrm"));
        tb.geometry = super::geometry::shape_geometry(sp, xf, width.0 * 635, height.0 * 635);
        if tb.geometry.is_none() && !matches!(geometry.as_str(), "rect" | "snipRect" | "round1Rect")
        {
            r.finding(FindingKind::Unsupported {
                element: format!("shape geometry {geometry}, drawn as a rectangle"),
            });
        }
        out.push(Inline::TextBox(tb));
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

/// The chart part named by c:chart r:id (ECMA-376-1 §21.2.2.27), read into the chart model.
fn read_chart<R: Read + Seek>(r: &mut Reader<R>, data: &Element) -> Option<crate::chart::Chart> {
    let target = data
        .elements()
        .find(|e| e.name == "chart")
        .and_then(|c| c.attr(Ns::R, "id"))
        .and_then(|id| r.rel_target(id))
        .map(|(t, _)| t.to_string())?;
    let root = r.xml_part(&target)?;
    let theme = r.theme.clone();
    let font = theme.font("minorHAnsi");
    crate::chart::read(&root, &|name| theme.color(name), font)
}

/// A DrawingML colour with the document's theme (see [`crate::drawingml`]).
pub(super) fn drawing_color<R>(r: &Reader<R>, parent: &Element) -> Option<crate::units::Rgb> {
    crate::drawingml::color(parent, &|name| r.theme.color(name))
}

/// The fill and outline a shape style gives (wps:style, dsp:style): a reference with idx 0 means
/// none (ECMA-376-1 §20.1.4.2.10 fillRef, §20.1.4.2.19 lnRef).
pub(super) fn style_look<R>(r: &Reader<R>, style: &Element, tb: &mut TextBox) {
    let referenced = |name: &str| {
        style
            .child(Ns::A, name)
            .filter(|e| e.attr(Ns::None, "idx").is_some_and(|i| i != "0"))
            .and_then(|e| drawing_color(r, e))
    };
    tb.fill = referenced("fillRef");
    tb.stroke = referenced("lnRef").map(|c| (c, 0.75));
}

/// The fill a shape's own properties (a:spPr) set: none or a solid colour.
pub(super) fn sp_fill<R>(r: &Reader<R>, sp: &Element, tb: &mut TextBox) {
    if sp.child(Ns::A, "noFill").is_some() {
        tb.fill = None;
    } else if let Some(f) = sp.child(Ns::A, "solidFill") {
        tb.fill = drawing_color(r, f);
    }
}

/// An outline's width in points (a:ln w, in EMU; 0.75pt when not given).
pub(super) fn line_width(ln: &Element) -> f64 {
    ln.attr(Ns::None, "w")
        .and_then(|w| w.parse::<f64>().ok())
        .map_or(0.75, |emu| emu / 12700.0)
}

/// Fill, outline, insets and autofit of a Word 2010 shape (wps:spPr, wps:bodyPr).
fn shape_look<R>(r: &Reader<R>, data: &Element, tb: &mut TextBox) {
    // The shape style (wps:style) supplies fill and line where spPr says nothing: a reference
    // with idx 0 means none (ECMA-376-1 §20.1.4.2.19 lnRef, §20.1.4.2.10 fillRef).
    if let Some(style) = data.find(Ns::Wps, "style") {
        style_look(r, style, tb);
    }
    if let Some(sp) = data.find(Ns::Wps, "spPr") {
        sp_fill(r, sp, tb);
        if sp
            .child(Ns::A, "ln")
            .is_some_and(|ln| ln.child(Ns::A, "noFill").is_some())
        {
            tb.stroke = None;
        }
        if let Some(ln) = sp.child(Ns::A, "ln")
            && ln.child(Ns::A, "noFill").is_none()
            && (ln.child(Ns::A, "solidFill").is_some()
                || tb.stroke.is_none()
                || ln.attr(Ns::None, "w").is_some())
        {
            let width = line_width(ln);
            let color = ln
                .child(Ns::A, "solidFill")
                .and_then(|f| drawing_color(r, f))
                .or(tb.stroke.map(|(c, _)| c))
                .unwrap_or(crate::units::Rgb(0, 0, 0));
            tb.stroke = Some((color, width));
        }
    }
    let body = data.find(Ns::Wps, "bodyPr");
    let inset = |name: &str, default: i64| {
        let emu = body
            .and_then(|b| b.attr(Ns::None, name))
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(default);
        Twips::from_emu(emu.clamp(0, 50_000_000))
    };
    // ECMA-376-1 §21.1.2.1.1: insets default to 0.1in left/right and 0.05in top/bottom.
    tb.padding = [
        inset("lIns", 91440),
        inset("tIns", 45720),
        inset("rIns", 91440),
        inset("bIns", 45720),
    ];
    tb.auto_grow = body.is_some_and(|b| b.child(Ns::A, "spAutoFit").is_some());
    // Text turned a quarter clockwise (ECMA-376-1 §20.1.10.82 ST_TextVerticalType).
    tb.vertical_text = matches!(
        body.and_then(|b| b.attr(Ns::None, "vert")),
        Some("vert" | "eaVert")
    );
    // The text's vertical anchor in the box (ECMA-376-1 §21.1.2.1.1 bodyPr anchor).
    tb.vertical = match body.and_then(|b| b.attr(Ns::None, "anchor")) {
        Some("ctr") => VerticalAnchor::Middle,
        Some("b") => VerticalAnchor::Bottom,
        _ => VerticalAnchor::Top,
    };
}

/// `width:100pt;height:2in` from a VML style attribute.
pub(super) fn vml_size(style: &str) -> (Twips, Twips) {
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
    // An embedded object's finding is recorded where the object is read (super::object).
    let is_object = p.is(Ns::W, "object");
    if p.find(Ns::W, "control").is_some() {
        r.finding(FindingKind::Control);
    }
    for shape in p.elements() {
        if shape.ns != Ns::V {
            continue;
        }
        if shape.name == "group" {
            super::vml_group::group(r, shape, out);
            continue;
        }
        let size = vml_size(shape.attr(Ns::None, "style").unwrap_or(""));
        vml_shape(r, shape, is_object, size, vml_anchor(shape), out);
    }
}

/// One VML shape (a picture, a text box or a plain shape) of this size and placement.
pub(super) fn vml_shape<R: Read + Seek>(
    r: &mut Reader<R>,
    shape: &Element,
    is_object: bool,
    (width, height): (Twips, Twips),
    anchor: Anchor,
    out: &mut Vec<Inline>,
) {
    if let Some(img) = shape.find(Ns::V, "imagedata") {
        if let Some(image) = img.attr(Ns::R, "id").and_then(|id| r.image(id)) {
            out.push(Inline::Image(Drawing {
                image,
                width,
                height,
                anchor,
                name: String::new(),
            }));
        }
    } else if let Some(tx) = shape.find(Ns::W, "txbxContent") {
        let mut tb = TextBox::placeholder(width, height, anchor);
        tb.blocks = super::body::blocks(r, tx);
        vml_look(shape, &mut tb);
        out.push(Inline::TextBox(tb));
    } else if let Some(path) = shape
        .child(Ns::V, "textpath")
        .filter(|t| t.attr(Ns::None, "string").is_some())
    {
        // WordArt (ECMA-376-4 §14.1.2.22 textpath): its string drawn over the shape's box.
        let font = path
            .attr(Ns::None, "style")
            .and_then(|st| {
                st.split(';').find_map(|d| {
                    let (k, v) = d.split_once(':')?;
                    (k.trim() == "font-family").then(|| v.trim().trim_matches('"').to_string())
                })
            })
            .unwrap_or_else(|| "Arial".to_string());
        let mut tb = TextBox::placeholder(width, height, anchor);
        tb.blocks = vec![crate::text::Block::Para(crate::text::Paragraph {
            inlines: vec![Inline::Text {
                text: path.attr(Ns::None, "string").unwrap_or("").to_string(),
                style: None,
                props: crate::text::RunProps {
                    font: Some(font.clone()),
                    ..Default::default()
                },
            }],
            ..Default::default()
        })];
        vml_look(shape, &mut tb);
        tb.padding = [Twips(0); 4];
        tb.fontwork = Some(font);
        out.push(Inline::TextBox(tb));
    } else if !is_object
        && matches!(shape.name.as_str(), "rect" | "roundrect" | "shape" | "oval")
        && shape.find(Ns::V, "textpath").is_none()
        && width.0 > 0
        && height.0 > 0
    {
        // A VML shape without text or picture: with its fill and line, an oval or rounded
        // rectangle in its outline, anything else as a box of its size.
        let mut tb = TextBox::placeholder(width, height, anchor);
        tb.geometry = super::geometry::vml_geometry(shape, width.0 * 635, height.0 * 635);
        if shape.name != "rect" && tb.geometry.is_none() {
            r.skip(shape);
        }
        vml_look(shape, &mut tb);
        tb.padding = [Twips(0); 4];
        tb.auto_grow = false;
        out.push(Inline::TextBox(tb));
    } else if !is_object && shape.name != "shapetype" {
        r.skip(shape);
    }
}

/// A VML shape's placement from its CSS-like style: `position:absolute`, `margin-left`,
/// `margin-top`, and Office's `mso-position-horizontal(-relative)` and
/// `mso-position-vertical(-relative)` (ECMA-376-4 §14.1.2.19).
pub(super) fn vml_anchor(shape: &Element) -> Anchor {
    let style = shape.attr(Ns::None, "style").unwrap_or("");
    let get = |key: &str| {
        style.split(';').find_map(|d| {
            let (k, v) = d.split_once(':')?;
            (k.trim() == key).then(|| v.trim().to_string())
        })
    };
    if get("position").as_deref() != Some("absolute") {
        return Anchor::AsChar;
    }
    let len = |key: &str| get(key).and_then(|v| parse_measure(&v)).unwrap_or(Twips(0));
    let place = |axis: &str, offset: Twips| {
        let rel = match get(&format!("mso-position-{axis}-relative")).as_deref() {
            Some("page") => Rel::Page,
            Some("margin") => Rel::Margin,
            Some("char" | "line") => Rel::Char,
            Some("left-margin-area" | "top-margin-area" | "inner-margin-area") => Rel::StartMargin,
            Some("right-margin-area" | "bottom-margin-area" | "outer-margin-area") => {
                Rel::EndMargin
            }
            _ => Rel::Paragraph,
        };
        let align = get(&format!("mso-position-{axis}"))
            .as_deref()
            .and_then(place_align);
        Place { rel, align, offset }
    };
    Anchor::Floating {
        // `left`/`top` place shapes inside a v:group in the group's own units: not used here.
        h: place("horizontal", len("margin-left")),
        v: place("vertical", len("margin-top")),
        // Without w10:wrap a VML shape floats over or behind the text (ECMA-376-4 §14.3.2.6).
        wrap: match shape
            .child(Ns::W10, "wrap")
            .and_then(|w| w.attr(Ns::None, "type"))
        {
            Some("square" | "tight") => Wrap::Square,
            Some("through") => Wrap::Through,
            Some("topAndBottom") => Wrap::TopBottom,
            _ => Wrap::None,
        },
        behind: get("z-index").is_some_and(|z| z.trim().starts_with('-')),
    }
}

/// A VML colour: `#rrggbb`, `#rgb`, or one of the sixteen HTML colour names, optionally followed
/// by a theme index in brackets (`#4f81bd [3204]`).
fn vml_color(value: &str) -> Option<crate::units::Rgb> {
    use crate::units::Rgb;
    let v = value.split_whitespace().next()?.trim_start_matches('#');
    if let Some(rgb) = Rgb::parse(v) {
        return Some(rgb);
    }
    if v.len() == 3 && v.is_ascii() {
        let d = |i: usize| u8::from_str_radix(&v[i..i + 1], 16).ok().map(|x| x * 17);
        return Some(Rgb(d(0)?, d(1)?, d(2)?));
    }
    Some(match v.to_ascii_lowercase().as_str() {
        "black" => Rgb(0, 0, 0),
        "white" => Rgb(255, 255, 255),
        "gray" | "grey" => Rgb(128, 128, 128),
        "silver" => Rgb(192, 192, 192),
        "red" => Rgb(255, 0, 0),
        "maroon" => Rgb(128, 0, 0),
        "yellow" => Rgb(255, 255, 0),
        "olive" => Rgb(128, 128, 0),
        "lime" => Rgb(0, 255, 0),
        "green" => Rgb(0, 128, 0),
        "aqua" => Rgb(0, 255, 255),
        "teal" => Rgb(0, 128, 128),
        "blue" => Rgb(0, 0, 255),
        "navy" => Rgb(0, 0, 128),
        "fuchsia" => Rgb(255, 0, 255),
        "purple" => Rgb(128, 0, 128),
        _ => return None,
    })
}

/// VML fill and stroke: filled/fillcolor, stroked/strokecolor/strokeweight (VML defaults: white
/// fill, black 0.75pt line), the text box inset and fit-to-text.
fn vml_look(shape: &Element, tb: &mut TextBox) {
    use crate::units::Rgb;
    let off = |name: &str| matches!(shape.attr(Ns::None, name), Some("f" | "false" | "0"));
    let color = |name: &str, default: Rgb| {
        shape
            .attr(Ns::None, name)
            .and_then(vml_color)
            .unwrap_or(default)
    };
    tb.fill = (!off("filled")).then(|| color("fillcolor", Rgb(255, 255, 255)));
    if !off("stroked") {
        let width = shape
            .attr(Ns::None, "strokeweight")
            .and_then(parse_measure)
            .map_or(0.75, |t| t.0 as f64 / 20.0);
        tb.stroke = Some((color("strokecolor", Rgb(0, 0, 0)), width));
    }
    let textbox = shape.child(Ns::V, "textbox");
    let inset: Vec<Twips> = textbox
        .and_then(|t| t.attr(Ns::None, "inset"))
        .map(|v| {
            v.split(',')
                .map(|p| parse_measure(p.trim()).unwrap_or(Twips(0)))
                .collect()
        })
        .unwrap_or_default();
    let defaults = [Twips(144), Twips(72), Twips(144), Twips(72)];
    for (i, d) in defaults.iter().enumerate() {
        tb.padding[i] = inset.get(i).copied().unwrap_or(*d);
    }
    let box_style = textbox
        .and_then(|t| t.attr(Ns::None, "style"))
        .unwrap_or("");
    tb.auto_grow = box_style.contains("mso-fit-shape-to-text:t");
    // ECMA-376-4 §14.1.2.22 textbox style layout-flow: vertical text, lines right to left.
    tb.vertical_text = box_style.split(';').any(|d| {
        d.split_once(':')
            .is_some_and(|(k, v)| k.trim() == "layout-flow" && v.trim() == "vertical")
    });
    // The text's vertical anchor: Office's v-text-anchor in the shape's style.
    let style = shape.attr(Ns::None, "style").unwrap_or("");
    tb.vertical = if style.contains("v-text-anchor:middle") {
        VerticalAnchor::Middle
    } else if style.contains("v-text-anchor:bottom") {
        VerticalAnchor::Bottom
    } else {
        VerticalAnchor::Top
    };
}
