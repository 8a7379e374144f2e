//! Paragraph frames (ECMA-376-1 §17.3.1.11 w:framePr): their placement and wrap, and how
//! consecutive framed paragraphs leave the flow as one floating text box or a drop capital.

use crate::dom::Element;
use crate::text::{Block, FramePr, Inline, Paragraph};

/// A paragraph's w:framePr (ECMA-376-1 §17.3.1.11).
pub(crate) fn frame_pr(f: &Element) -> FramePr {
    use super::props::twips_attr;
    let drop = matches!(f.w("dropCap"), Some("drop" | "margin"));
    FramePr {
        h: frame_place(f, "hAnchor", "xAlign", "x"),
        v: frame_place(f, "vAnchor", "yAlign", "y"),
        width: twips_attr(f, "w").filter(|w| w.0 > 0),
        height: twips_attr(f, "h").filter(|h| h.0 > 0),
        drop_lines: drop.then(|| {
            f.w("lines")
                .and_then(|v| v.parse().ok())
                .unwrap_or(3u32)
                .clamp(1, 10)
        }),
        wrap: frame_wrap(f.w("wrap")),
    }
}

/// Paragraph frames leave the flow: consecutive paragraphs with the same w:framePr become one
/// floating text box anchored to the next paragraph that flows; a drop-cap frame's text joins
/// the start of the next paragraph as its drop capital (ECMA-376-1 §17.3.1.11).
pub(crate) fn place_frames(blocks: Vec<Block>) -> Vec<Block> {
    use crate::text::{Anchor, TextBox};
    if !blocks
        .iter()
        .any(|b| matches!(b, Block::Para(p) if p.frame.is_some()))
    {
        return blocks;
    }
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut pending: Vec<Inline> = Vec::new();
    let mut drop: Option<(Vec<Inline>, u32)> = None;
    let mut group: Vec<Paragraph> = Vec::new();
    let flush = |group: &mut Vec<Paragraph>, pending: &mut Vec<Inline>| {
        let Some(first) = group.first() else { return };
        let Some(f) = first.frame.clone() else { return };
        let paras: Vec<Block> = group
            .drain(..)
            .map(|mut p| {
                p.frame = None;
                Block::Para(p)
            })
            .collect();
        // A frame without a width is as wide as its text in Word (ECMA-376-1 §17.3.1.11 w:w
        // omitted: auto width); width zero asks the ODF writer for a frame that grows with its
        // text (fo:min-width), as LibreOffice's import makes it.
        let mut tb = TextBox::placeholder(
            f.width.unwrap_or(crate::units::Twips(0)),
            f.height.unwrap_or(crate::units::Twips(0)),
            Anchor::Floating {
                h: f.h,
                v: f.v,
                wrap: f.wrap,
                behind: false,
            },
        );
        tb.blocks = paras;
        tb.auto_grow = true;
        pending.push(Inline::TextBox(tb));
    };
    for b in blocks {
        match b {
            Block::Para(mut p) if p.ends_section.is_none() && p.frame.is_some() => {
                let f = p.frame.clone();
                if let Some(lines) = f.as_ref().and_then(|f| f.drop_lines) {
                    flush(&mut group, &mut pending);
                    drop = Some((std::mem::take(&mut p.inlines), lines));
                    continue;
                }
                if group.first().map(|g| &g.frame) != Some(&f) {
                    flush(&mut group, &mut pending);
                }
                group.push(p);
            }
            Block::Para(mut p) => {
                flush(&mut group, &mut pending);
                p.frame = None;
                if let Some((mut letters, lines)) = drop.take() {
                    let chars: usize = letters
                        .iter()
                        .map(|i| match i {
                            Inline::Text { text, .. } => text.chars().count(),
                            _ => 0,
                        })
                        .sum();
                    p.props.drop_cap = Some((chars.clamp(1, 10) as u32, lines));
                    letters.append(&mut p.inlines);
                    p.inlines = letters;
                }
                if !pending.is_empty() {
                    pending.append(&mut p.inlines);
                    p.inlines = std::mem::take(&mut pending);
                }
                out.push(Block::Para(p));
            }
            other => {
                flush(&mut group, &mut pending);
                if !pending.is_empty() {
                    out.push(Block::Para(Paragraph {
                        inlines: std::mem::take(&mut pending),
                        ..Paragraph::default()
                    }));
                }
                out.push(other);
            }
        }
    }
    flush(&mut group, &mut pending);
    if let Some((letters, _)) = drop {
        pending.extend(letters);
    }
    if !pending.is_empty() {
        out.push(Block::Para(Paragraph {
            inlines: pending,
            ..Paragraph::default()
        }));
    }
    out
}

/// How text flows around a paragraph frame (ECMA-376-1 §17.18.104 ST_Wrap), as LibreOffice's
/// import maps it: "none" lets the text run through, "notBeside" and "tight" keep it above and
/// below, "auto" and "through" wrap on the roomier side, "around" (and no value) on both sides.
fn frame_wrap(v: Option<&str>) -> crate::text::Wrap {
    use crate::text::Wrap;
    match v {
        Some("none") => Wrap::Through,
        Some("notBeside" | "tight") => Wrap::TopBottom,
        Some("auto" | "through") => Wrap::Dynamic,
        _ => Wrap::Square,
    }
}

/// One axis of a paragraph frame: `w:hAnchor`/`w:vAnchor` (text, margin, page), `w:xAlign`/
/// `w:yAlign`, else the offset `w:x`/`w:y` (ECMA-376-1 §17.3.1.11).
fn frame_place(f: &Element, anchor: &str, align: &str, offset: &str) -> crate::text::Place {
    use crate::text::{Place, Rel};
    let rel = match f.w(anchor) {
        Some("page") => Rel::Page,
        Some("margin") => Rel::Margin,
        _ => Rel::Paragraph,
    };
    Place {
        rel,
        align: f.w(align).and_then(super::drawing::place_align),
        offset: super::props::twips_attr(f, offset).unwrap_or_default(),
    }
}
