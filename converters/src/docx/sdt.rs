//! Content controls (ECMA-376 Part 1 §17.5.2): what LibreOffice's import makes of their content.

use crate::dom::{Element, Ns};
use crate::text::{Inline, Meta};

/// Adjusts the content of a content control's first paragraph (`block`) or of a control inside
/// a paragraph the way LibreOffice imports it: a control bound to a document property shows the
/// property, and a control LibreOffice makes a field of keeps its line breaks and pictures
/// ahead of its text.
pub(super) fn first_paragraph(sdt: &Element, meta: &Meta, block: bool, inlines: &mut Vec<Inline>) {
    let Some(pr) = sdt.child(Ns::W, "sdtPr") else {
        return;
    };
    if let Some(value) = pr
        .child(Ns::W, "dataBinding")
        .and_then(|b| bound_core_property(b, meta))
    {
        replace_text(inlines, value);
    }
    // A plain-text control (§17.5.2.44 `w:text`) anywhere; at block level also a rich-text or
    // untyped control, or a drop-down list. Building blocks (docPartObj: cover pages, tables
    // of contents), dates and the other kinds keep their content as it is.
    let plain = pr.child(Ns::W, "text").is_some();
    let special = [
        "docPartObj",
        "docPartList",
        "date",
        "checkbox",
        "picture",
        "citation",
        "bibliography",
        "equation",
        "group",
    ];
    if plain || (block && !pr.elements().any(|e| special.contains(&e.name.as_str()))) {
        hoist_non_text(inlines);
    }
}

/// The core property a control is bound to (§17.5.2.6 `w:dataBinding`, an XPath into the
/// core properties part of ECMA-376 Part 2 §11): Word refreshes the control from the property
/// when it opens the file, and LibreOffice does the same, so the cached text may be stale.
fn bound_core_property<'m>(binding: &Element, meta: &'m Meta) -> Option<&'m str> {
    let xpath = binding.w("xpath")?;
    // "/ns0:coreProperties[1]/ns1:title[1]" → ["coreProperties", "title"]
    let mut steps = xpath.split('/').filter(|s| !s.is_empty()).map(|s| {
        let s = s.split('[').next().unwrap_or(s);
        s.rsplit(':').next().unwrap_or(s)
    });
    if steps.next()? != "coreProperties" {
        return None;
    }
    let name = steps.next()?;
    if steps.next().is_some() {
        return None;
    }
    match name {
        "title" => meta.title.as_deref(),
        "subject" => meta.subject.as_deref(),
        "creator" => meta.creator.as_deref(),
        "description" => meta.description.as_deref(),
        "keywords" => meta.keywords.as_deref(),
        "lastModifiedBy" => meta.last_modified_by.as_deref(),
        _ => None,
    }
}

/// Replaces the text of `inlines` (runs, tabs, line breaks) by `value` in the formatting of the
/// first run; anchors such as bookmarks stay.
fn replace_text(inlines: &mut Vec<Inline>, value: &str) {
    let is_text = |i: &Inline| matches!(i, Inline::Text { .. } | Inline::Tab | Inline::LineBreak);
    let at = inlines.iter().position(is_text).unwrap_or(0);
    let (style, props) = inlines
        .iter()
        .find_map(|i| match i {
            Inline::Text { style, props, .. } => Some((style.clone(), props.clone())),
            _ => None,
        })
        .unwrap_or_default();
    inlines.retain(|i| !is_text(i));
    inlines.insert(
        at.min(inlines.len()),
        Inline::Text {
            text: value.to_string(),
            style,
            props,
        },
    );
}

/// LibreOffice imports such a control as a text input field (ODF 1.3 Part 3 `text:text-input`,
/// or a drop-down) whose value is the control's characters and tabs; its line breaks and
/// pictures are not part of that value and stay in the paragraph ahead of the field. The text
/// model has no such field, so the same visible order is kept by moving them in front.
fn hoist_non_text(inlines: &mut Vec<Inline>) {
    let (mut breaks, rest): (Vec<_>, Vec<_>) = std::mem::take(inlines).into_iter().partition(|i| {
        matches!(
            i,
            Inline::LineBreak
                | Inline::Image(_)
                | Inline::TextBox(_)
                | Inline::Chart(_)
                | Inline::Object(_)
                | Inline::Formula(_)
        )
    });
    breaks.extend(rest);
    *inlines = breaks;
}
