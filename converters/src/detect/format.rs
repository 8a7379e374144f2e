//! The document formats Umzug recognises, their names, usual extensions and ODF targets.

use serde::{Serialize, Serializer};

/// A document format, as decided by content (see [`crate::detect::detect`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    // Office Open XML (ECMA-376), Transitional or Strict.
    Docx,
    Docm,
    Dotx,
    Dotm,
    Xlsx,
    Xlsm,
    Xltx,
    Xltm,
    Xlsb,
    Pptx,
    Pptm,
    Potx,
    Potm,
    Ppsx,
    Ppsm,
    Vsdx,
    /// Flat OPC: a whole OOXML package as one XML file (Word/PowerPoint 2007 "XML document").
    FlatOpc,
    // Binary Office (MS-DOC, MS-XLS, MS-PPT) and older versions of them.
    Doc,
    Xls,
    Ppt,
    Rtf,
    /// Word 2003 XML (WordprocessingML 2003).
    WordMl2003,
    /// Excel 2003 XML (SpreadsheetML 2003).
    SpreadsheetMl2003,
    /// Outlook message.
    Msg,
    /// Visio binary drawing.
    Vsd,
    /// Publisher.
    Pub,
    /// HTML saved under an Office name (Word's and Excel's "Web page" files, web exports).
    Html,
    // Already open formats (ODF 1.x packages or flat XML).
    Odt,
    Ods,
    Odp,
    Odg,
    /// Another ODF kind (formula, chart, database, ...).
    Odf,
    /// An Office owner (lock) file `~$name`.
    LockFile,
    /// Claimed to be a document (by extension or container) but not recognised.
    Unknown,
}

/// The family of a format, which decides its ODF target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Text,
    Spreadsheet,
    Presentation,
    Drawing,
    Other,
}

impl Format {
    /// All formats, for tables and docs.
    pub const ALL: [Format; 34] = [
        Format::Docx,
        Format::Docm,
        Format::Dotx,
        Format::Dotm,
        Format::Xlsx,
        Format::Xlsm,
        Format::Xltx,
        Format::Xltm,
        Format::Xlsb,
        Format::Pptx,
        Format::Pptm,
        Format::Potx,
        Format::Potm,
        Format::Ppsx,
        Format::Ppsm,
        Format::Vsdx,
        Format::FlatOpc,
        Format::Doc,
        Format::Xls,
        Format::Ppt,
        Format::Rtf,
        Format::WordMl2003,
        Format::SpreadsheetMl2003,
        Format::Msg,
        Format::Vsd,
        Format::Pub,
        Format::Html,
        Format::Odt,
        Format::Ods,
        Format::Odp,
        Format::Odg,
        Format::Odf,
        Format::LockFile,
        Format::Unknown,
    ];

    /// The stable lower-case name used in JSON and reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Docm => "docm",
            Format::Dotx => "dotx",
            Format::Dotm => "dotm",
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xltx => "xltx",
            Format::Xltm => "xltm",
            Format::Xlsb => "xlsb",
            Format::Pptx => "pptx",
            Format::Pptm => "pptm",
            Format::Potx => "potx",
            Format::Potm => "potm",
            Format::Ppsx => "ppsx",
            Format::Ppsm => "ppsm",
            Format::Vsdx => "vsdx",
            Format::FlatOpc => "flatopc",
            Format::Doc => "doc",
            Format::Xls => "xls",
            Format::Ppt => "ppt",
            Format::Rtf => "rtf",
            Format::WordMl2003 => "wordml2003",
            Format::SpreadsheetMl2003 => "spreadsheetml2003",
            Format::Msg => "msg",
            Format::Vsd => "vsd",
            Format::Pub => "pub",
            Format::Html => "html",
            Format::Odt => "odt",
            Format::Ods => "ods",
            Format::Odp => "odp",
            Format::Odg => "odg",
            Format::Odf => "odf",
            Format::LockFile => "lockfile",
            Format::Unknown => "unknown",
        }
    }

    /// Extensions under which this format is normally saved (lower case, without dot).
    /// A file whose extension is not among them gets an extension-mismatch finding.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Docx => &["docx"],
            Format::Docm => &["docm"],
            Format::Dotx => &["dotx"],
            Format::Dotm => &["dotm"],
            Format::Xlsx => &["xlsx"],
            Format::Xlsm => &["xlsm"],
            Format::Xltx => &["xltx"],
            Format::Xltm => &["xltm"],
            Format::Xlsb => &["xlsb"],
            Format::Pptx => &["pptx"],
            Format::Pptm => &["pptm"],
            Format::Potx => &["potx"],
            Format::Potm => &["potm"],
            Format::Ppsx => &["ppsx"],
            Format::Ppsm => &["ppsm"],
            Format::Vsdx => &["vsdx", "vsdm", "vssx", "vssm", "vstx", "vstm"],
            Format::FlatOpc => &["xml"],
            Format::Doc => &["doc", "dot", "wiz"],
            Format::Xls => &["xls", "xlt", "xla", "xlw"],
            Format::Ppt => &["ppt", "pot", "pps"],
            Format::Rtf => &["rtf"],
            Format::WordMl2003 | Format::SpreadsheetMl2003 => &["xml"],
            Format::Msg => &["msg"],
            Format::Vsd => &["vsd", "vss", "vst"],
            Format::Pub => &["pub"],
            Format::Html => &["htm", "html", "mht", "mhtml"],
            Format::Odt => &["odt", "ott", "fodt"],
            Format::Ods => &["ods", "ots", "fods"],
            Format::Odp => &["odp", "otp", "fodp"],
            Format::Odg => &["odg", "otg", "fodg"],
            Format::Odf => &["odf", "odc", "odb", "odi", "odm", "oth"],
            Format::LockFile | Format::Unknown => &[],
        }
    }

    /// The format an Office extension claims, used when content cannot tell (an encrypted OOXML
    /// package hides its kind) and for files that are broken.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        Format::ALL
            .iter()
            .copied()
            .filter(|f| {
                !matches!(
                    f,
                    Format::FlatOpc | Format::WordMl2003 | Format::SpreadsheetMl2003 | Format::Html
                )
            })
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    pub fn family(self) -> Family {
        match self {
            Format::Docx
            | Format::Docm
            | Format::Dotx
            | Format::Dotm
            | Format::Doc
            | Format::Rtf
            | Format::WordMl2003
            | Format::Odt => Family::Text,
            Format::Xlsx
            | Format::Xlsm
            | Format::Xltx
            | Format::Xltm
            | Format::Xlsb
            | Format::Xls
            | Format::SpreadsheetMl2003
            | Format::Ods => Family::Spreadsheet,
            Format::Pptx
            | Format::Pptm
            | Format::Potx
            | Format::Potm
            | Format::Ppsx
            | Format::Ppsm
            | Format::Ppt
            | Format::Odp => Family::Presentation,
            Format::Vsdx | Format::Vsd | Format::Odg => Family::Drawing,
            Format::FlatOpc
            | Format::Msg
            | Format::Pub
            | Format::Html
            | Format::Odf
            | Format::LockFile
            | Format::Unknown => Family::Other,
        }
    }

    /// Whether the format is an Office Open XML package kind.
    pub fn is_ooxml(self) -> bool {
        matches!(
            self,
            Format::Docx
                | Format::Docm
                | Format::Dotx
                | Format::Dotm
                | Format::Xlsx
                | Format::Xlsm
                | Format::Xltx
                | Format::Xltm
                | Format::Xlsb
                | Format::Pptx
                | Format::Pptm
                | Format::Potx
                | Format::Potm
                | Format::Ppsx
                | Format::Ppsm
                | Format::Vsdx
        )
    }

    /// Whether the format is already an open (ODF) format.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Format::Odt | Format::Ods | Format::Odp | Format::Odg | Format::Odf
        )
    }

    /// Whether the format is a template by definition (OOXML template content types).
    pub fn is_template(self) -> bool {
        matches!(
            self,
            Format::Dotx | Format::Dotm | Format::Xltx | Format::Xltm | Format::Potx | Format::Potm
        )
    }
}

impl Serialize for Format {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_lookup_is_case_insensitive_and_unique() {
        assert_eq!(Format::from_extension("DOCX"), Some(Format::Docx));
        assert_eq!(Format::from_extension("dot"), Some(Format::Doc));
        assert_eq!(Format::from_extension("xml"), None);
        assert_eq!(Format::from_extension("txt"), None);
        // No extension may be claimed by two formats (except the XML ones, excluded above).
        let mut seen = std::collections::HashMap::new();
        for f in Format::ALL {
            if matches!(
                f,
                Format::FlatOpc | Format::WordMl2003 | Format::SpreadsheetMl2003
            ) {
                continue;
            }
            for e in f.extensions() {
                if let Some(prev) = seen.insert(*e, f) {
                    assert_eq!(prev, f, "extension {e} claimed twice");
                }
            }
        }
    }
}
