//! Frames in the text flow: the draw:frame around pictures, text boxes, charts and objects,
//! with its anchor, placement (ODF 1.3 §20.290 style:horizontal-pos and friends), wrapping and
//! the look the source gives it.

use crate::odf::XmlWriter;
use crate::text::{Anchor, Place, PlaceAlign, Rel, TextBox, VerticalAnchor, Wrap};
use crate::units::Twips;

use super::content::Writer;
use super::styles::AutoStyles;

impl Writer<'_> {
    pub(super) fn frame(
        &mut self,
        auto: &mut AutoStyles,
        x: &mut XmlWriter,
        placement: (&Anchor, Twips, Twips),
        look: &[(&'static str, String)],
        inner: impl FnOnce(&mut Self, &mut AutoStyles, &mut XmlWriter),
    ) {
        self.placed("draw:frame", auto, x, placement, look, inner);
    }

    /// A frame showing the embedded ODF object (chart, formula) in the package folder `href`.
    pub(super) fn object_frame(
        &mut self,
        auto: &mut AutoStyles,
        x: &mut XmlWriter,
        placement: (&Anchor, Twips, Twips),
        href: &str,
    ) {
        self.frame(auto, x, placement, &[], |_, _, x| {
            x.empty(
                "draw:object",
                &[
                    ("xlink:href", href),
                    ("xlink:type", "simple"),
                    ("xlink:show", "embed"),
                    ("xlink:actuate", "onLoad"),
                ],
            );
        });
    }

    /// A WordArt shape: like a frame, but without the frames' parent style, which would make
    /// LibreOffice draw its text as plain text instead of along the shape's path.
    pub(super) fn custom_shape(
        &mut self,
        auto: &mut AutoStyles,
        x: &mut XmlWriter,
        placement: (&Anchor, Twips, Twips),
        look: &[(&'static str, String)],
        inner: impl FnOnce(&mut Self, &mut AutoStyles, &mut XmlWriter),
    ) {
        self.placed("draw:custom-shape", auto, x, placement, look, inner);
    }

    /// A shape with an outline of its own (ODF 1.3 §10.6.1 draw:custom-shape): its text inside
    /// it, laid out in the text area of its enhanced geometry (§10.6.2), and allowed to run
    /// past the outline as in LibreOffice's own shapes.
    pub(super) fn shape(&mut self, auto: &mut AutoStyles, x: &mut XmlWriter, t: &TextBox) {
        let Some(geometry) = t.geometry.clone() else {
            return;
        };
        // Both said, also when absent (the shape's own outline is drawn only if it has one).
        let mut look = paint(t.fill, t.stroke, true);
        look.extend(padding(t.padding));
        look.push((
            "draw:textarea-vertical-align",
            match t.vertical {
                VerticalAnchor::Top => "top",
                VerticalAnchor::Middle => "middle",
                VerticalAnchor::Bottom => "bottom",
            }
            .into(),
        ));
        look.push(("draw:auto-grow-height", "false".into()));
        look.push(("draw:auto-grow-width", "false".into()));
        look.push(("fo:wrap-option", "wrap".into()));
        let blocks = t.blocks.clone();
        self.custom_shape(
            auto,
            x,
            (&t.anchor, t.width, t.height),
            &look,
            |w, auto, x| {
                w.blocks(auto, x, &blocks);
                let [l, t, r, b] = geometry.text_area;
                x.empty_owned(
                    "draw:enhanced-geometry",
                    &[
                        (
                            "svg:viewBox",
                            format!("0 0 {} {}", geometry.width, geometry.height),
                        ),
                        ("draw:text-areas", format!("{l} {t} {r} {b}")),
                        ("draw:enhanced-path", geometry.path),
                    ],
                );
            },
        );
    }

    /// A drawing element (`draw:frame`, `draw:custom-shape`) with its placement and look.
    fn placed(
        &mut self,
        element: &str,
        auto: &mut AutoStyles,
        x: &mut XmlWriter,
        (anchor, width, height): (&Anchor, Twips, Twips),
        look: &[(&'static str, String)],
        inner: impl FnOnce(&mut Self, &mut AutoStyles, &mut XmlWriter),
    ) {
        self.frames += 1;
        let mut g: Vec<(&'static str, String)> = Vec::new();
        let mut a: Vec<(&str, String)> = Vec::new();
        match anchor {
            Anchor::AsChar => {
                g.push(("style:vertical-pos", "top".into()));
                g.push(("style:vertical-rel", "baseline".into()));
                a.push(("text:anchor-type", "as-char".into()));
            }
            Anchor::Floating { h, v, wrap, behind } => {
                g.push((
                    "style:wrap",
                    match wrap {
                        // In front of or behind the text: it runs through (ODF "none" would
                        // push the text above and below, like Word's top-and-bottom).
                        Wrap::None => "run-through",
                        Wrap::TopBottom => "none",
                        Wrap::Square => "parallel",
                        Wrap::Through => "run-through",
                        Wrap::Dynamic => "dynamic",
                    }
                    .into(),
                ));
                g.push((
                    "style:run-through",
                    if *behind { "background" } else { "foreground" }.into(),
                ));
                let (vpos, vrel) = place_attrs(v, false);
                let (hpos, hrel) = place_attrs(h, true);
                g.push(("style:vertical-pos", vpos.into()));
                g.push(("style:vertical-rel", vrel.into()));
                g.push(("style:horizontal-pos", hpos.into()));
                g.push(("style:horizontal-rel", hrel.into()));
                // Placed relative to a character or line: anchored there (ODF 1.3 §19.874).
                let anchor = if h.rel == Rel::Char || v.rel == Rel::Char {
                    "char"
                } else {
                    "paragraph"
                };
                a.push(("text:anchor-type", anchor.into()));
                if h.align.is_none() {
                    a.push(("svg:x", h.offset.odf()));
                }
                if v.align.is_none() {
                    // ODF has no bottom margin area to measure from: the offset is taken from
                    // the page's top, where that area starts (page height less bottom margin).
                    let from = match (v.rel, self.doc.sections.get(self.section)) {
                        (Rel::EndMargin, Some(s)) => Twips(s.height.0 - s.margin_bottom.0),
                        _ => Twips(0),
                    };
                    a.push(("svg:y", Twips(v.offset.0 + from.0).odf()));
                }
            }
        }
        // Frames show LibreOffice's default look (a blue fill for shapes, a border for text
        // frames) unless told otherwise: say "none" for everything the source does not set.
        let has = |k: &str| look.iter().any(|(n, _)| *n == k);
        g.extend(look.iter().cloned());
        if !has("draw:fill") {
            g.push(("draw:fill", "none".into()));
        }
        if !has("fo:border") {
            g.push(("fo:border", "none".into()));
        }
        if !has("fo:padding-left") {
            g.push(("fo:padding", Twips(0).odf()));
        }
        let style = auto.style(
            "graphic",
            (element == "draw:frame").then_some(super::styles::FRAME_STYLE),
            &[],
            &[("style:graphic-properties", g)],
        );
        let mut attrs: Vec<(&str, String)> = vec![
            ("draw:style-name", style),
            ("draw:name", format!("Frame{}", self.frames)),
        ];
        attrs.extend(a);
        // A zero size means "as large as the content" (auto-sized paragraph frames): the frame
        // then has no size of its own and its text box only minimums, as LibreOffice writes it.
        if width.0 > 0 {
            attrs.push(("svg:width", width.odf()));
        }
        if height.0 > 0 {
            attrs.push(("svg:height", height.odf()));
        }
        attrs.push(("draw:z-index", "0".into()));
        x.start_owned(element, &attrs);
        inner(self, auto, x);
        x.end(element);
    }
}

/// `style:horizontal-pos`/`style:vertical-pos` and the matching `-rel` for one axis of a
/// floating object (ODF 1.3 §20.290, §20.291, §20.387, §20.388), as LibreOffice maps Word's.
fn place_attrs(p: &Place, horizontal: bool) -> (&'static str, &'static str) {
    let pos = match (p.align, horizontal) {
        (None, true) => "from-left",
        (None, false) => "from-top",
        (Some(PlaceAlign::Start), true) => "left",
        (Some(PlaceAlign::Start | PlaceAlign::Inside), false) => "top",
        (Some(PlaceAlign::Center), true) => "center",
        (Some(PlaceAlign::Center), false) => "middle",
        (Some(PlaceAlign::End), true) => "right",
        (Some(PlaceAlign::End | PlaceAlign::Outside), false) => "bottom",
        (Some(PlaceAlign::Inside), true) => "inside",
        (Some(PlaceAlign::Outside), true) => "outside",
    };
    let rel = match (p.rel, horizontal) {
        (Rel::Page, _) => "page",
        (Rel::Margin, _) => "page-content",
        (Rel::Paragraph, _) => "paragraph",
        (Rel::Char, true) => "char",
        (Rel::Char, false) => "line",
        (Rel::StartMargin, true) => "page-start-margin",
        (Rel::EndMargin, true) => "page-end-margin",
        // ODF has no top or bottom margin area: measure from the page.
        (Rel::StartMargin | Rel::EndMargin, false) => "page",
    };
    (pos, rel)
}

/// The geometry of WordArt's plain text (ODF 1.3 §10.6.2 draw:enhanced-geometry with
/// draw:text-path): the text stretched between the shape's top and bottom edges, as
/// LibreOffice's "fontwork-plain-text" shape draws it.
pub(super) fn fontwork_geometry(x: &mut XmlWriter) {
    x.start(
        "draw:enhanced-geometry",
        &[
            ("svg:viewBox", "0 0 21600 21600"),
            ("draw:text-areas", "0 0 21600 21600"),
            ("draw:text-path", "true"),
            ("draw:text-path-mode", "shape"),
            ("draw:text-path-scale", "path"),
            ("draw:text-path-same-letter-heights", "false"),
            ("draw:type", "fontwork-plain-text"),
            ("draw:modifiers", "10800"),
            (
                "draw:enhanced-path",
                "M ?f3 0 L ?f5 0 N M ?f6 21600 L ?f7 21600 N",
            ),
        ],
    );
    for (name, formula) in [
        ("f0", "$0 -10800"),
        ("f1", "?f0 *2"),
        ("f2", "abs(?f1 )"),
        ("f3", "if(?f1 ,0,?f2 )"),
        ("f4", "21600-?f2 "),
        ("f5", "if(?f1 ,?f4 ,21600)"),
        ("f6", "if(?f1 ,?f2 ,0)"),
        ("f7", "if(?f1 ,21600,?f4 )"),
    ] {
        x.empty(
            "draw:equation",
            &[("draw:name", name), ("draw:formula", formula)],
        );
    }
    x.end("draw:enhanced-geometry");
}

/// A shape's fill and outline as graphic properties (ODF 1.3 §20.99 draw:fill, §20.104
/// draw:stroke); with `say_none`, an absent one is written as `none` instead of left out.
pub(super) fn paint(
    fill: Option<crate::units::Rgb>,
    stroke: Option<(crate::units::Rgb, f64)>,
    say_none: bool,
) -> Vec<(&'static str, String)> {
    let mut look: Vec<(&'static str, String)> = Vec::new();
    match fill {
        Some(c) => {
            look.push(("draw:fill", "solid".into()));
            look.push(("draw:fill-color", c.odf()));
        }
        None if say_none => look.push(("draw:fill", "none".into())),
        None => {}
    }
    match stroke {
        Some((c, w)) => {
            look.push(("draw:stroke", "solid".into()));
            look.push(("svg:stroke-color", c.odf()));
            look.push(("svg:stroke-width", crate::units::pt(w.clamp(0.0, 100.0))));
        }
        None if say_none => look.push(("draw:stroke", "none".into())),
        None => {}
    }
    look
}

/// A text box's inner margins (left, top, right, bottom) as fo:padding attributes.
pub(super) fn padding(p: [Twips; 4]) -> impl Iterator<Item = (&'static str, String)> {
    let sides = [
        "fo:padding-left",
        "fo:padding-top",
        "fo:padding-right",
        "fo:padding-bottom",
    ];
    sides.into_iter().zip(p).map(|(side, v)| (side, v.odf()))
}

/// The vertical place of a text box's text: ODF 1.3 §20.232 draw:textarea-vertical-align,
/// which LibreOffice reads for text frames as their text's vertical adjustment.
pub(super) fn text_anchor(v: crate::text::VerticalAnchor) -> Option<(&'static str, String)> {
    match v {
        crate::text::VerticalAnchor::Top => None,
        crate::text::VerticalAnchor::Middle => {
            Some(("draw:textarea-vertical-align", "middle".into()))
        }
        crate::text::VerticalAnchor::Bottom => {
            Some(("draw:textarea-vertical-align", "bottom".into()))
        }
    }
}
