//! Document properties (ECMA-376-2 §11 core properties, ECMA-376-1 §22.2/22.3 app and custom).

use crate::dom::{Element, Ns};
use crate::text::Meta;

pub fn read(root: &Element, meta: &mut Meta) {
    let text = |ns: Ns, name: &str| {
        root.child(ns, name)
            .map(|e| e.text().trim().to_string())
            .filter(|s| !s.is_empty())
    };
    if root.name == "coreProperties" {
        meta.title = text(Ns::Dc, "title");
        meta.subject = text(Ns::Dc, "subject");
        meta.creator = text(Ns::Dc, "creator");
        meta.description = text(Ns::Dc, "description");
        meta.keywords = text(Ns::Cp, "keywords");
        meta.created = text(Ns::DcTerms, "created");
        meta.modified = text(Ns::DcTerms, "modified");
        meta.last_modified_by = text(Ns::Cp, "lastModifiedBy");
        meta.revision = text(Ns::Cp, "revision");
        meta.printed = text(Ns::Cp, "lastPrinted");
    } else if root.is(Ns::Xp, "Properties") {
        // Application properties (ECMA-376-1 §22.2.2).
        let number = |name: &str| text(Ns::Xp, name).and_then(|v| v.parse::<u64>().ok());
        meta.template = text(Ns::Xp, "Template");
        meta.editing_minutes = number("TotalTime");
        meta.pages = number("Pages");
        meta.words = number("Words");
        meta.characters = number("Characters");
        meta.characters_with_spaces = number("CharactersWithSpaces");
        meta.paragraphs = number("Paragraphs");
        meta.company = text(Ns::Xp, "Company");
        meta.manager = text(Ns::Xp, "Manager");
    } else if root.name == "Properties" {
        for p in root.elements().filter(|e| e.name == "property") {
            if let Some(name) = p.attr(Ns::None, "name") {
                let value = p.text().trim().to_string();
                meta.custom.push((name.to_string(), value));
            }
        }
    }
}
