//! WordprocessingML reader (ECMA-376-1 Part 1 §17): a docx/docm/dotx/dotm package into the
//! [`TextDocument`] model. Content it does not understand is skipped and recorded as a finding.

mod body;
mod drawing;
mod fields;
pub(crate) mod geometry;
mod group;
pub(crate) mod meta;
mod numbering;
mod object;
mod para_frames;
mod props;
mod sdt;
mod section;
mod smartart;
mod styles;
mod table;
pub(crate) mod theme;
mod vml_group;

use std::collections::HashMap;
use std::io::{Read, Seek};

use crate::dom::{self, Element, Ns};
use crate::error::DetectError;
use crate::findings::{FindingKind, Findings};
use crate::opc::{Package, Relationship};
use crate::text::TextDocument;

use styles::TableStyles;
use theme::Theme;

/// Largest XML part the reader accepts; larger ones are refused rather than exhausting memory.
pub(crate) const MAX_XML_PART: u64 = 256 << 20;
/// Largest picture carried into the output.
pub(crate) const MAX_MEDIA: u64 = 256 << 20;
/// Largest embedded object carried into the output.
const MAX_OBJECT: u64 = 256 << 20;

pub(crate) const REL_OFFICE_DOCUMENT: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
];

/// Relationship types by their last path segment, which Transitional and Strict share.
pub(crate) fn rel_kind(rel_type: &str) -> &str {
    rel_type.rsplit('/').next().unwrap_or("")
}

/// The main part of a package: the target of its officeDocument relationship (ECMA-376-2 §8.3,
/// Transitional or Strict).
pub(crate) fn main_part(root_rels: &[Relationship]) -> Result<String, DetectError> {
    root_rels
        .iter()
        .find(|r| !r.external && REL_OFFICE_DOCUMENT.contains(&r.rel_type.as_str()))
        .map(|r| r.root_target().trim_start_matches('/').to_string())
        .ok_or_else(|| DetectError::NotADocument("no officeDocument relationship".into()))
}

/// The document-properties parts (core, extended, custom; Transitional and Strict relationship
/// names) among a package's relationships.
pub(crate) fn property_parts(root_rels: &[Relationship]) -> impl Iterator<Item = String> + '_ {
    root_rels
        .iter()
        .filter(|rel| {
            matches!(
                rel_kind(&rel.rel_type),
                "core-properties"
                    | "extended-properties"
                    | "extendedProperties"
                    | "custom-properties"
                    | "customProperties"
            )
        })
        .map(|rel| rel.root_target().trim_start_matches('/').to_string())
}

pub(crate) struct Reader<R> {
    pkg: Package<R>,
    pub(crate) theme: Theme,
    pub(crate) table_styles: TableStyles,
    pub(crate) doc: TextDocument,
    pub(crate) findings: Findings,
    /// Relationships of the part being read: id → (kind, absolute target, external).
    rels: HashMap<String, (String, String, bool)>,
    /// Part currently read, for finding locations.
    pub(crate) part: String,
    /// Images already carried, by source part name.
    images: HashMap<String, usize>,
    /// Open complex fields (ECMA-376-1 §17.16.18): instruction text and whether the result shows.
    pub(crate) fields: Vec<body::OpenField>,
    /// Whether tracked changes are carried as ODF tracked changes here (the body and what it
    /// holds); in headers and footers, which ODF cannot track, they are accepted.
    pub(crate) track: bool,
    /// False under w:doNotUseHTMLParagraphAutoSpacing.
    pub(crate) html_auto_spacing: bool,
    /// w:noColumnBalance (a compatibility option in w:compat, ECMA-376-1 §17.15.3): no section
    /// balances its columns.
    pub(crate) no_column_balance: bool,
    /// w:displayBackgroundShape: the page colour is shown.
    pub(crate) display_background: bool,
    /// compatSetting overrideTableStyleFontSizeAndJustification: the default paragraph style's
    /// 11 or 12pt size and left alignment no longer give way to a table style's.
    pub(crate) table_style_yields: bool,
}

/// Resolves a relationship target against the folder of the part that owns it.
pub(crate) fn resolve(base_part: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base_part.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

pub(crate) fn rels_part(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

impl<R: Read + Seek> Reader<R> {
    fn xml(&mut self, part: &str) -> Result<Option<Element>, DetectError> {
        match self.pkg.read(part, MAX_XML_PART)? {
            Some(bytes) => dom::parse(&bytes, part).map(Some),
            None => Ok(None),
        }
    }

    fn load_rels(&mut self, part: &str) -> Result<(), DetectError> {
        let rels_name = rels_part(part);
        self.rels.clear();
        if let Some(bytes) = self.pkg.read(&rels_name, MAX_XML_PART)? {
            for r in Relationship::parse_all(&bytes, &rels_name)? {
                let target = if r.external {
                    r.target.clone()
                } else {
                    resolve(part, &r.target)
                };
                self.rels.insert(
                    r.id,
                    (rel_kind(&r.rel_type).to_string(), target, r.external),
                );
            }
        }
        self.part = part.to_string();
        Ok(())
    }

    /// The target part of the first relationship of this kind.
    fn rel_of_kind(&self, kind: &str) -> Option<String> {
        let mut found: Vec<&(String, String, bool)> = self
            .rels
            .values()
            .filter(|(k, _, ext)| k == kind && !ext)
            .collect();
        found.sort_by(|a, b| a.1.cmp(&b.1));
        found.first().map(|(_, t, _)| t.clone())
    }

    /// Parses a part (by absolute part name) for optional content: any failure is `None`.
    pub(crate) fn xml_part(&mut self, part: &str) -> Option<Element> {
        self.xml(part).ok().flatten()
    }

    pub(crate) fn rel_target(&self, id: &str) -> Option<(&str, bool)> {
        self.rels.get(id).map(|(_, t, ext)| (t.as_str(), *ext))
    }

    pub(crate) fn skip(&mut self, e: &Element) {
        let prefix = match e.ns {
            Ns::W => "w",
            Ns::M => "m",
            Ns::A => "a",
            Ns::V => "v",
            Ns::Wp => "wp",
            _ => "",
        };
        let element = if prefix.is_empty() {
            e.name.to_string()
        } else {
            format!("{prefix}:{}", e.name)
        };
        let location = self.part.clone();
        self.findings
            .add(FindingKind::Unsupported { element }, Some(&location));
    }

    pub(crate) fn finding(&mut self, kind: FindingKind) {
        let location = self.part.clone();
        self.findings.add(kind, Some(&location));
    }

    /// Carries a picture part into the output once; returns its index in `doc.images`.
    pub(crate) fn image(&mut self, rel_id: &str) -> Option<usize> {
        let (target, _) = self.rel_target(rel_id)?;
        if let Some(&i) = self.images.get(target) {
            return Some(i);
        }
        let (target, media_type, data) = self.media(rel_id)?;
        let ext = extension(&target);
        let i = self.doc.images.len();
        self.doc.images.push(crate::text::Image {
            path: format!("Pictures/image{}.{ext}", i + 1),
            media_type,
            data,
        });
        self.images.insert(target, i);
        Some(i)
    }

    /// A picture part's name, media type (by its extension) and bytes; a missing part is recorded.
    pub(crate) fn media(&mut self, rel_id: &str) -> Option<(String, &'static str, Vec<u8>)> {
        let (target, data) = self.internal_part(rel_id, MAX_MEDIA)?;
        let media_type = media_type(&extension(&target));
        Some((target, media_type, data))
    }

    /// The bytes of the package part a relationship points to, up to `limit`; a missing or
    /// unreadable part (or one over the limit) is recorded and gives `None`.
    pub(crate) fn internal_part(&mut self, rel_id: &str, limit: u64) -> Option<(String, Vec<u8>)> {
        let (target, external) = self.rel_target(rel_id)?;
        if external {
            return None;
        }
        let target = target.to_string();
        match self.pkg.read(&target, limit) {
            Ok(Some(d)) => Some((target, d)),
            _ => {
                self.finding(FindingKind::MissingPart { part: target });
                None
            }
        }
    }
}

/// The media type of a picture part by its (lower-case) extension.
pub(crate) fn media_type(extension: &str) -> &'static str {
    match extension {
        "png" => "image/png",
        "jpg" | "jpeg" | "jpe" => "image/jpeg",
        "gif" => "image/gif",
        "bmp" | "dib" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "emf" => "image/x-emf",
        "wmf" => "image/x-wmf",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// A part name's extension, lower-cased (`bin` where it has none).
pub(crate) fn extension(part: &str) -> String {
    let file = part.rsplit('/').next().unwrap_or(part);
    file.rsplit_once('.')
        .map_or("bin", |(_, e)| e)
        .to_ascii_lowercase()
}

/// Reads a WordprocessingML package.
pub fn read<R: Read + Seek>(reader: R) -> Result<(TextDocument, Findings), DetectError> {
    let mut pkg = Package::open(reader)?;
    let root_rels = pkg.root_relationships()?;
    let main = main_part(&root_rels)?;
    let mut r = Reader {
        pkg,
        theme: Theme::default(),
        table_styles: TableStyles::new(),
        doc: TextDocument::default(),
        findings: Findings::default(),
        rels: HashMap::new(),
        part: String::new(),
        images: HashMap::new(),
        fields: Vec::new(),
        track: true,
        html_auto_spacing: true,
        no_column_balance: false,
        display_background: false,
        table_style_yields: false,
    };
    for part in property_parts(&root_rels) {
        if let Some(x) = r.xml(&part)? {
            meta::read(&x, &mut r.doc.meta);
        }
    }
    r.load_rels(&main)?;
    let document = r
        .xml(&main)?
        .ok_or_else(|| DetectError::Zip(format!("the main part {main} is missing")))?;
    let main_rels = r.rels.clone();

    if let Some(part) = r.rel_of_kind("theme")
        && let Some(x) = r.xml(&part)?
    {
        r.theme = Theme::parse(&x);
    }
    if let Some(part) = r.rel_of_kind("settings")
        && let Some(x) = r.xml(&part)?
    {
        // Even-page headers apply only when the settings say so (ECMA-376-1 §17.15.1.35).
        r.doc.even_and_odd_headers = x
            .child(Ns::W, "evenAndOddHeaders")
            .is_some_and(props::on_off);
        r.doc.default_tab = x
            .child(Ns::W, "defaultTabStop")
            .and_then(|t| props::twips_attr(t, "val"))
            .filter(|t| t.0 > 0);
        r.display_background = x
            .child(Ns::W, "displayBackgroundShape")
            .is_some_and(props::on_off);
        // The Word version of the layout rules (ECMA-376-1 §17.15.3.4 compatSetting) and
        // justification of lines ending in a manual break (doNotExpandShiftReturn, in w:compat).
        r.doc.compat_mode = x
            .child(Ns::W, "compat")
            .into_iter()
            .flat_map(|c| c.children_named(Ns::W, "compatSetting"))
            .find(|c| c.w("name") == Some("compatibilityMode"))
            .and_then(|c| c.w("val"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        r.table_style_yields = x
            .child(Ns::W, "compat")
            .into_iter()
            .flat_map(|c| c.children_named(Ns::W, "compatSetting"))
            .find(|c| c.w("name") == Some("overrideTableStyleFontSizeAndJustification"))
            .and_then(|c| c.w("val"))
            .is_some_and(|v| matches!(v.trim(), "1" | "true" | "on"));
        r.doc.no_justify_manual_breaks = x
            .find(Ns::W, "doNotExpandShiftReturn")
            .is_some_and(props::on_off);
        r.no_column_balance = x.find(Ns::W, "noColumnBalance").is_some_and(props::on_off);
        // A compatibility option: it sits in w:compat (ECMA-376-1 §17.15.3.13).
        r.html_auto_spacing = x
            .find(Ns::W, "doNotUseHTMLParagraphAutoSpacing")
            .is_none_or(|e| !props::on_off(e));
    }
    if let Some(part) = r.rel_of_kind("styles")
        && let Some(x) = r.xml(&part)?
    {
        let theme = r.theme.clone();
        r.table_styles = styles::read(&x, &theme, r.html_auto_spacing, &mut r.doc);
    }
    if let Some(part) = r.rel_of_kind("numbering")
        && let Some(x) = r.xml(&part)?
    {
        let theme = r.theme.clone();
        numbering::read(&x, &theme, &mut r.doc);
    }
    for (kind, endnote) in [("footnotes", false), ("endnotes", true)] {
        r.rels = main_rels.clone();
        if let Some(part) = r.rel_of_kind(kind) {
            r.load_rels(&part)?;
            if let Some(x) = r.xml(&part)? {
                body::read_notes(&mut r, &x, endnote);
            }
        }
    }
    r.rels = main_rels.clone();
    if let Some(part) = r.rel_of_kind("comments") {
        r.load_rels(&part)?;
        if let Some(x) = r.xml(&part)? {
            body::read_comments(&mut r, &x);
        }
    }
    r.rels = main_rels;
    r.part = main.clone();
    // The page colour shows only with w:displayBackgroundShape (ECMA-376-1 §17.2.1, §17.15.1.26).
    if r.display_background {
        r.doc.page_background = document
            .child(Ns::W, "background")
            .and_then(|b| props::color(b, &r.theme, "color"));
    }
    let Some(body_el) = document.child(Ns::W, "body") else {
        return Err(DetectError::NotADocument(format!("{main} has no w:body")));
    };
    body::read_body(&mut r, body_el)?;
    r.pkg.report_checksum_mismatches(&mut r.findings);
    Ok((r.doc, r.findings))
}

impl<R: Read + Seek> Reader<R> {
    /// Reads a header or footer part into a story; returns its index.
    pub(crate) fn story(&mut self, rel_id: &str) -> Result<Option<usize>, DetectError> {
        let Some((target, false)) = self.rel_target(rel_id).map(|(t, e)| (t.to_string(), e)) else {
            return Ok(None);
        };
        let saved_rels = self.rels.clone();
        let saved_part = self.part.clone();
        let saved_track = std::mem::replace(&mut self.track, false);
        self.load_rels(&target)?;
        let blocks = match self.xml(&target)? {
            Some(x) => body::blocks(self, &x),
            None => {
                self.finding(FindingKind::MissingPart {
                    part: target.clone(),
                });
                Vec::new()
            }
        };
        self.rels = saved_rels;
        self.part = saved_part;
        self.track = saved_track;
        self.doc.stories.push(blocks);
        Ok(Some(self.doc.stories.len() - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_against_the_part() {
        assert_eq!(
            resolve("word/document.xml", "media/a.png"),
            "word/media/a.png"
        );
        assert_eq!(
            resolve("word/document.xml", "../customXml/x.xml"),
            "customXml/x.xml"
        );
        assert_eq!(resolve("word/document.xml", "/word/x.xml"), "word/x.xml");
        assert_eq!(
            rels_part("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }
}
