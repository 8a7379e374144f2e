//! ZIP-based formats: OOXML packages (ECMA-376 Part 2 OPC) and ODF packages (ODF 1.3 Part 2 §3).

use std::io::{Read, Seek};

use super::{Container, DetectOptions, Detection, Format};
use crate::error::DetectError;
use crate::findings::{Finding, FindingKind};
use crate::opc::{Package, Relationship};

/// `officeDocument` relationship types: Transitional (ECMA-376-1 §15.2.12.1) and Strict.
const REL_OFFICE_DOCUMENT: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const REL_OFFICE_DOCUMENT_STRICT: &str =
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";
/// Visio 2013+ packages name their main part with their own relationship type.
const REL_VISIO_DOCUMENT: &str = "http://schemas.microsoft.com/visio/2010/relationships/document";

const CT_VBA_PROJECT: &str = "application/vnd.ms-office.vbaproject";
const CT_MACROSHEETS: [&str; 3] = [
    "application/vnd.ms-excel.macrosheet+xml",
    "application/vnd.ms-excel.intlmacrosheet+xml",
    "application/vnd.ms-excel.macrosheet",
];

/// Main-part content types (ECMA-376-1 Annex; MS-OFFMACRO2 for the macro-enabled kinds).
fn format_of_main_part(content_type: &str) -> Option<Format> {
    let ct = content_type.to_ascii_lowercase();
    Some(match ct.as_str() {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" => {
            Format::Docx
        }
        "application/vnd.ms-word.document.macroenabled.main+xml" => Format::Docm,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml" => {
            Format::Dotx
        }
        "application/vnd.ms-word.template.macroenabledtemplate.main+xml" => Format::Dotm,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" => {
            Format::Xlsx
        }
        "application/vnd.ms-excel.sheet.macroenabled.main+xml" => Format::Xlsm,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml" => {
            Format::Xltx
        }
        "application/vnd.ms-excel.template.macroenabled.main+xml" => Format::Xltm,
        "application/vnd.ms-excel.sheet.binary.macroenabled.main" => Format::Xlsb,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml" => {
            Format::Pptx
        }
        "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml" => Format::Pptm,
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml" => {
            Format::Potx
        }
        "application/vnd.ms-powerpoint.template.macroenabled.main+xml" => Format::Potm,
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml" => {
            Format::Ppsx
        }
        "application/vnd.ms-powerpoint.slideshow.macroenabled.main+xml" => Format::Ppsm,
        "application/vnd.ms-visio.drawing.main+xml"
        | "application/vnd.ms-visio.drawing.macroenabled.main+xml"
        | "application/vnd.ms-visio.stencil.main+xml"
        | "application/vnd.ms-visio.stencil.macroenabled.main+xml"
        | "application/vnd.ms-visio.template.main+xml"
        | "application/vnd.ms-visio.template.macroenabled.main+xml" => Format::Vsdx,
        _ => return None,
    })
}

/// ODF media types (ODF 1.3 Part 2, §3.3 and Appendix C of Part 1). Other packages with a
/// `mimetype` entry (EPUB, OpenRaster, ...) are not ODF.
pub(super) fn format_of_odf_mimetype(mime: &str) -> Option<(Format, bool)> {
    let kind = mime
        .trim()
        .strip_prefix("application/vnd.oasis.opendocument.")?;
    let (kind, template) = match kind.strip_suffix("-template") {
        Some(k) => (k, true),
        None => (kind, false),
    };
    let format = match kind {
        "text" | "text-master" | "text-web" | "text-master-template" => Format::Odt,
        "spreadsheet" => Format::Ods,
        "presentation" => Format::Odp,
        "graphics" => Format::Odg,
        _ => Format::Odf,
    };
    Some((format, template))
}

pub(super) fn detect_zip<R: Read + Seek>(
    reader: R,
    extension: Option<&str>,
    options: DetectOptions,
) -> Result<Option<Detection>, DetectError> {
    let mut pkg = Package::open(reader)?;
    let claimed = extension.and_then(Format::from_extension).is_some();
    let found = if pkg.has("[Content_Types].xml") {
        detect_opc(&mut pkg)?
    } else if pkg.has("mimetype") || pkg.has("META-INF/manifest.xml") {
        detect_odf(&mut pkg)?
    } else {
        None
    };
    let found = match found {
        Some(d) => d,
        None if claimed => {
            return Err(DetectError::NotADocument(
                "a ZIP archive that is neither an Office Open XML nor an ODF document".into(),
            ));
        }
        // An ordinary archive (.zip, .jar, .epub, .nupkg, ...).
        None => return Ok(None),
    };
    let mut found = found;
    if !options.quick {
        pkg.verify()?;
        // A part with a wrong checksum is still read, as LibreOffice reads it; the scan says so.
        let mut damaged = crate::findings::Findings::default();
        pkg.report_checksum_mismatches(&mut damaged);
        found.findings.extend(damaged.into_vec());
    }
    Ok(Some(found))
}

/// `None` for OPC packages that are not Office documents (XPS, NuGet, VSIX, ...).
fn detect_opc<R: Read + Seek>(pkg: &mut Package<R>) -> Result<Option<Detection>, DetectError> {
    let types = pkg
        .content_types()?
        .ok_or_else(|| DetectError::Zip("[Content_Types].xml vanished".into()))?;
    let rels = pkg.root_relationships()?;
    let main = rels.iter().find(|r| {
        !r.external
            && matches!(
                r.rel_type.as_str(),
                REL_OFFICE_DOCUMENT | REL_OFFICE_DOCUMENT_STRICT | REL_VISIO_DOCUMENT
            )
    });
    let strict = main.is_some_and(|r| r.rel_type == REL_OFFICE_DOCUMENT_STRICT);

    // The main part's content type decides (ECMA-376-2 §8.3). Without a usable root relationship,
    // fall back to any override that is a main-part type, as Office itself tolerates.
    let by_rel = main.map(Relationship::root_target).and_then(|target| {
        types
            .of(&target)
            .and_then(format_of_main_part)
            .map(|f| (f, target))
    });
    let (format, main_part) = match by_rel {
        Some(found) => found,
        None => match types
            .overrides()
            .find_map(|(part, t)| format_of_main_part(t).map(|f| (f, part.to_string())))
        {
            Some(found) => found,
            None => return Ok(None),
        },
    };
    if !pkg.has(&main_part) {
        return Err(DetectError::Zip(format!(
            "the main part {main_part} is missing"
        )));
    }

    let mut d = Detection::new(format, Container::Zip);
    if strict {
        d.variant = Some("Strict".into());
        d.findings.push(Finding::new(FindingKind::StrictOoxml));
    }
    // Macros: a VBA project part (MS-OFFMACRO2 §2.2.1), found by content type or by name.
    let vba = types
        .overrides()
        .find(|(_, t)| t.eq_ignore_ascii_case(CT_VBA_PROJECT))
        .map(|(p, _)| p.trim_start_matches('/').to_string())
        .or_else(|| {
            pkg.lowercase_names()
                .find(|n| n.ends_with("vbaproject.bin"))
                .map(str::to_string)
        });
    if let Some(part) = vba {
        d.macros = true;
        d.findings.push(Finding::at(FindingKind::VbaMacros, part));
    }
    // Excel 4.0 macro sheets (ECMA-376-1 §12.3.19, MS-XLSB for the binary kind).
    if let Some((part, _)) = types
        .overrides()
        .find(|(_, t)| CT_MACROSHEETS.iter().any(|m| t.eq_ignore_ascii_case(m)))
    {
        d.macros = true;
        d.findings.push(Finding::at(
            FindingKind::Excel4Macros,
            part.trim_start_matches('/'),
        ));
    }
    Ok(Some(d))
}

fn detect_odf<R: Read + Seek>(pkg: &mut Package<R>) -> Result<Option<Detection>, DetectError> {
    let mime = pkg
        .read("mimetype", 256)?
        .map(|b| String::from_utf8_lossy(&b).into_owned());
    let Some(mime) = mime else {
        // ODF 1.3 Part 2 §3.3: the mimetype entry may be missing; the manifest names the type.
        return Ok(Some(Detection::new(Format::Odf, Container::Zip)));
    };
    if mime.trim().starts_with("application/vnd.sun.xml.") {
        // OpenOffice.org 1.x (sxw, sxc, sxi): a legacy format of its own.
        return Ok(Some(
            Detection::new(Format::Unknown, Container::Zip).with_variant("OpenOffice.org 1.x"),
        ));
    }
    Ok(format_of_odf_mimetype(&mime).map(|(format, template)| {
        let mut d = Detection::new(format, Container::Zip);
        d.template = template;
        d
    }))
}
