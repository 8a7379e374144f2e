//! Typed findings: every loss, risk or notable fact about one input file, each with a stable code.
//!
//! A finding is never a free string. Its code, severity, category and message are defined here, in one
//! place, so reports, the CLI and the GUI agree and `docs/findings.md` can document every code.

use serde::{Serialize, Serializer, ser::SerializeStruct};
use std::fmt;

use crate::detect::Format;

/// How much a finding matters for the migration of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A fact worth knowing; nothing is lost.
    Info,
    /// Some fidelity is lost or a person should look.
    Warning,
    /// The file (or a function of it) cannot be carried over as it is.
    Error,
}

/// What a finding means for its file's migration, from best to worst. A file's verdict is the
/// worst of its findings' verdicts, or `Failed` when it was not converted at all.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Nothing lost.
    Green,
    /// Minor fidelity loss.
    Yellow,
    /// A function is lost, or a person must review the file (macros, charts, unconverted objects).
    Red,
    /// Not converted.
    Failed,
}

/// The area a finding belongs to, for grouping in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Format,
    Macros,
    Protection,
    Structure,
    Content,
    Fonts,
}

/// What was found. Data carried by a variant goes into the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingKind {
    /// The content is a different format than the extension says; the content wins.
    ExtensionMismatch { extension: String, detected: Format },
    /// A VBA project (vbaProject.bin, `Macros`, `_VBA_PROJECT_CUR`, PowerPoint VBAInfoAtom).
    VbaMacros,
    /// Excel 4.0 (XLM) macro sheets: formulas that act like macros.
    Excel4Macros,
    /// Password-protected: the content cannot be read without the password.
    Encrypted { scheme: String },
    /// A template (dotx, xltx, potx, a Word binary with fDot, ...).
    Template,
    /// ISO/IEC 29500 Strict conformance (purl.oclc.org namespaces).
    StrictOoxml,
    /// Written by an old application version with its own file format.
    OldFormat { variant: String },
    /// An Office owner (lock) file `~$name`; not a document.
    OwnerFile,
    /// The file name is not valid UTF-8; shown with replacement characters.
    NonUtf8Name,
    /// OOXML content the converter does not understand was skipped.
    Unsupported { element: String },
    /// A chart; its cached picture is kept where the file has one, the live chart is lost.
    Chart,
    /// A SmartArt diagram; its drawing (fallback picture or shapes) is kept, the diagram logic lost.
    SmartArt,
    /// An embedded OLE object (its ProgID, where known). `carried`: the object went into the ODF
    /// file with its preview; otherwise only the preview picture was kept.
    OleObject { prog_id: String, carried: bool },
    /// An ActiveX or form control; it cannot work in the ODF file.
    Control,
    /// Part of an equation (an OMML element the reader does not know) carried as its text.
    EquationAsText,
    /// A font with a metric-compatible free substitute that LibreOffice picks.
    FontSubstitute { font: String, substitute: String },
    /// A font without a free metric-compatible substitute: line and page breaks may move.
    FontMissing { font: String },
    /// A part the document refers to is missing from the package.
    MissingPart { part: String },
    /// A part whose bytes do not match their ZIP checksum (CRC-32): it was read as it is, as
    /// LibreOffice reads it, but its content may have been damaged in storage or transfer.
    ChecksumMismatch { part: String },
    /// Rows or cells of a worksheet lying beyond the sheet's limits (1,048,576 rows, 16,384
    /// columns) or without a valid reference: left out, as LibreOffice leaves them out.
    BeyondSheetLimits { count: u64 },
    /// Tracked changes were carried as plain text (insertions kept, deletions dropped).
    TrackedChangesAccepted,
    /// Encrypted with Office's built-in default password only, so it opens without one.
    DefaultPassword { scheme: String },
    /// A spreadsheet formula that could not be translated to OpenFormula: the cell keeps its
    /// last calculated value only. The location names the cell and the original formula.
    FormulaValueOnly { reason: String },
    /// A binary workbook (xls, xlsb) read through calamine: values, formulas, merges and names
    /// are kept, and for xls the cell formatting too; `detail` names what is not carried (for
    /// xlsb the cell formatting; for xls comments, drawings, conditional formats, ... as found).
    BinaryFormattingNotCarried { format: String, detail: String },
    /// A pivot table the converter cannot compute as LibreOffice's DataPilot would: it keeps
    /// the cells Excel last showed and is no live DataPilot table.
    PivotKept { table: String, reason: String },
    /// A pivot table whose source range no longer exists: its cached records were put on a
    /// sheet of their own, which the DataPilot table takes as its source.
    PivotCacheSheet { table: String, sheet: String },
    /// A conditional format rule of a spreadsheet that has no strict ODF 1.3 form (data bars,
    /// colour scales, icon sets) or whose condition could not be translated; the location names
    /// the sheet and the range.
    ConditionalFormatLost { rule: String },
    /// A data validation of a spreadsheet whose condition could not be translated; the location
    /// names the sheet and the range.
    ValidationLost { rule: String },
    /// A hyperlink whose target runs code or opens local files (`javascript:`, `file:`, ...);
    /// it was kept as it is, never made executable.
    RiskyLink { target: String },
    /// A threaded comment (conversation) became one note with its replies as plain text.
    CommentThreadAsText,
    /// Sheet or workbook protection kept without its password: the hash Excel stores cannot be
    /// carried in ODF, so the protection can be lifted without one.
    ProtectionWithoutPassword { what: String },
}

impl FindingKind {
    /// One example of every kind, for the catalogue in docs/findings.md and its test.
    pub fn examples() -> Vec<FindingKind> {
        let all = vec![
            Self::ExtensionMismatch {
                extension: "doc".into(),
                detected: Format::Xlsx,
            },
            Self::VbaMacros,
            Self::Excel4Macros,
            Self::Encrypted {
                scheme: "Agile encryption".into(),
            },
            Self::Template,
            Self::StrictOoxml,
            Self::OldFormat {
                variant: "Word 6.0/95".into(),
            },
            Self::OwnerFile,
            Self::NonUtf8Name,
            Self::Unsupported {
                element: "w:customXmlMoveFromRangeStart".into(),
            },
            Self::Chart,
            Self::SmartArt,
            Self::OleObject {
                prog_id: "Excel.Sheet.8".into(),
                carried: true,
            },
            Self::Control,
            Self::EquationAsText,
            Self::FontSubstitute {
                font: "Calibri".into(),
                substitute: "Carlito".into(),
            },
            Self::FontMissing {
                font: "Segoe UI".into(),
            },
            Self::MissingPart {
                part: "word/media/image1.png".into(),
            },
            Self::ChecksumMismatch {
                part: "xl/worksheets/sheet8.xml".into(),
            },
            Self::BeyondSheetLimits { count: 1 },
            Self::TrackedChangesAccepted,
            Self::DefaultPassword {
                scheme: "Agile encryption".into(),
            },
            Self::BinaryFormattingNotCarried {
                format: "xls".into(),
                detail: "comments".into(),
            },
            Self::PivotKept {
                table: "PivotTable1".into(),
                reason: "it has calculated fields".into(),
            },
            Self::PivotCacheSheet {
                table: "PivotTable1".into(),
                sheet: "DPCache_Data".into(),
            },
            Self::ConditionalFormatLost {
                rule: "dataBar".into(),
            },
            Self::ValidationLost {
                rule: "custom: =XLOOKUP(A1,B:B,C:C)".into(),
            },
            Self::RiskyLink {
                target: "javascript:alert(1)".into(),
            },
            Self::CommentThreadAsText,
            Self::ProtectionWithoutPassword {
                what: "sheet Tabelle1".into(),
            },
            Self::FormulaValueOnly {
                reason: "the function XLOOKUP has no equivalent in OpenFormula / LibreOffice 7.4; the last calculated value is kept".into(),
            },
        ];
        // Adding a variant breaks this match, as a reminder to add it to the list above.
        for k in &all {
            match k {
                Self::ExtensionMismatch { .. }
                | Self::VbaMacros
                | Self::Excel4Macros
                | Self::Encrypted { .. }
                | Self::Template
                | Self::StrictOoxml
                | Self::OldFormat { .. }
                | Self::OwnerFile
                | Self::NonUtf8Name
                | Self::Unsupported { .. }
                | Self::Chart
                | Self::SmartArt
                | Self::OleObject { .. }
                | Self::Control
                | Self::EquationAsText
                | Self::FontSubstitute { .. }
                | Self::FontMissing { .. }
                | Self::MissingPart { .. }
                | Self::ChecksumMismatch { .. }
                | Self::BeyondSheetLimits { .. }
                | Self::TrackedChangesAccepted
                | Self::DefaultPassword { .. }
                | Self::FormulaValueOnly { .. }
                | Self::PivotKept { .. }
                | Self::PivotCacheSheet { .. }
                | Self::ConditionalFormatLost { .. }
                | Self::ValidationLost { .. }
                | Self::BinaryFormattingNotCarried { .. }
                | Self::RiskyLink { .. }
                | Self::CommentThreadAsText
                | Self::ProtectionWithoutPassword { .. } => {}
            }
        }
        all
    }

    /// The stable code, `area.what`. Never change an existing code: reports are merged across versions.
    pub fn code(&self) -> &'static str {
        match self {
            Self::ExtensionMismatch { .. } => "detect.extension-mismatch",
            Self::VbaMacros => "detect.vba-macros",
            Self::Excel4Macros => "detect.excel4-macros",
            Self::Encrypted { .. } => "detect.encrypted",
            Self::Template => "detect.template",
            Self::StrictOoxml => "detect.strict-ooxml",
            Self::OldFormat { .. } => "detect.old-format",
            Self::OwnerFile => "detect.owner-file",
            Self::NonUtf8Name => "scan.non-utf8-name",
            Self::Unsupported { .. } => "convert.unsupported-content",
            Self::Chart => "convert.chart",
            Self::SmartArt => "convert.smartart",
            Self::OleObject { .. } => "convert.ole-object",
            Self::Control => "convert.control",
            Self::EquationAsText => "convert.equation-as-text",
            Self::FontSubstitute { .. } => "fonts.substitute",
            Self::FontMissing { .. } => "fonts.missing",
            Self::MissingPart { .. } => "convert.missing-part",
            Self::ChecksumMismatch { .. } => "detect.checksum-mismatch",
            Self::BeyondSheetLimits { .. } => "convert.beyond-sheet-limits",
            Self::TrackedChangesAccepted => "convert.tracked-changes-accepted",
            Self::DefaultPassword { .. } => "detect.default-password",
            Self::FormulaValueOnly { .. } => "convert.formula-value-only",
            Self::PivotKept { .. } => "convert.pivot-as-cells",
            Self::PivotCacheSheet { .. } => "convert.pivot-cache-sheet",
            Self::BinaryFormattingNotCarried { .. } => "convert.binary-formatting-not-carried",
            Self::ConditionalFormatLost { .. } => "convert.conditional-format-lost",
            Self::ValidationLost { .. } => "convert.validation-lost",
            Self::RiskyLink { .. } => "convert.risky-link",
            Self::CommentThreadAsText => "convert.comment-thread-as-text",
            Self::ProtectionWithoutPassword { .. } => "convert.protection-without-password",
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            Self::Template
            | Self::StrictOoxml
            | Self::OldFormat { .. }
            | Self::OwnerFile
            | Self::FontSubstitute { .. }
            | Self::DefaultPassword { .. } => Severity::Info,
            Self::Unsupported { .. }
            | Self::SmartArt
            | Self::OleObject { .. }
            | Self::EquationAsText
            | Self::FontMissing { .. }
            | Self::MissingPart { .. }
            | Self::ChecksumMismatch { .. }
            | Self::BeyondSheetLimits { .. }
            | Self::TrackedChangesAccepted
            | Self::FormulaValueOnly { .. }
            | Self::PivotKept { .. }
            | Self::PivotCacheSheet { .. }
            | Self::ConditionalFormatLost { .. }
            | Self::ValidationLost { .. }
            | Self::BinaryFormattingNotCarried { .. }
            | Self::RiskyLink { .. }
            | Self::CommentThreadAsText
            | Self::ProtectionWithoutPassword { .. } => Severity::Warning,
            Self::Chart | Self::Control => Severity::Error,
            Self::ExtensionMismatch { .. }
            | Self::VbaMacros
            | Self::Excel4Macros
            | Self::NonUtf8Name => Severity::Warning,
            Self::Encrypted { .. } => Severity::Error,
        }
    }

    /// The verdict this finding implies for its file (see [`Verdict`]).
    pub fn verdict(&self) -> Verdict {
        match self {
            Self::ExtensionMismatch { .. }
            | Self::Template
            | Self::StrictOoxml
            | Self::OldFormat { .. }
            | Self::OwnerFile
            | Self::FontSubstitute { .. }
            | Self::DefaultPassword { .. } => Verdict::Green,
            Self::NonUtf8Name
            | Self::Unsupported { .. }
            | Self::SmartArt
            | Self::OleObject { carried: true, .. }
            | Self::EquationAsText
            | Self::FontMissing { .. }
            | Self::MissingPart { .. }
            | Self::PivotKept { .. }
            | Self::PivotCacheSheet { .. }
            | Self::ConditionalFormatLost { .. }
            | Self::ValidationLost { .. }
            | Self::BinaryFormattingNotCarried { .. }
            | Self::RiskyLink { .. }
            | Self::CommentThreadAsText
            | Self::ProtectionWithoutPassword { .. } => Verdict::Yellow,
            // Code that no longer runs, a live chart or form that no longer works, an object or
            // pending deletions that are gone: a person has to decide.
            Self::VbaMacros
            | Self::Excel4Macros
            | Self::Chart
            | Self::Control
            | Self::OleObject { carried: false, .. }
            | Self::TrackedChangesAccepted
            | Self::ChecksumMismatch { .. }
            | Self::BeyondSheetLimits { .. }
            | Self::FormulaValueOnly { .. } => Verdict::Red,
            Self::Encrypted { .. } => Verdict::Failed,
        }
    }

    pub fn category(&self) -> Category {
        match self {
            Self::ExtensionMismatch { .. } | Self::OldFormat { .. } | Self::StrictOoxml => {
                Category::Format
            }
            Self::VbaMacros | Self::Excel4Macros => Category::Macros,
            Self::Encrypted { .. }
            | Self::DefaultPassword { .. }
            | Self::RiskyLink { .. }
            | Self::ProtectionWithoutPassword { .. } => Category::Protection,
            Self::Template
            | Self::OwnerFile
            | Self::NonUtf8Name
            | Self::MissingPart { .. }
            | Self::ChecksumMismatch { .. }
            | Self::BeyondSheetLimits { .. } => Category::Structure,
            Self::Unsupported { .. }
            | Self::Chart
            | Self::SmartArt
            | Self::OleObject { .. }
            | Self::EquationAsText
            | Self::TrackedChangesAccepted
            | Self::FormulaValueOnly { .. }
            | Self::PivotKept { .. }
            | Self::PivotCacheSheet { .. }
            | Self::BinaryFormattingNotCarried { .. }
            | Self::CommentThreadAsText => Category::Content,
            Self::ConditionalFormatLost { .. } | Self::ValidationLost { .. } => Category::Format,
            Self::Control => Category::Macros,
            Self::FontSubstitute { .. } | Self::FontMissing { .. } => Category::Fonts,
        }
    }

    /// The English message shown to users.
    pub fn message(&self) -> String {
        match self {
            Self::ExtensionMismatch {
                extension,
                detected,
            } => format!(
                "named .{extension} but the content is {}; the content decides",
                detected.name()
            ),
            Self::VbaMacros => {
                "contains VBA macros; ODF files cannot run them, so they need review".to_string()
            }
            Self::Excel4Macros => {
                "contains Excel 4.0 (XLM) macro sheets, which LibreOffice does not run".to_string()
            }
            Self::Encrypted { scheme } => {
                format!(
                    "password-protected ({scheme}); it cannot be converted without the password"
                )
            }
            Self::Template => "a template; it converts to an ODF template".to_string(),
            Self::StrictOoxml => "Office Open XML in Strict conformance".to_string(),
            Self::OldFormat { variant } => format!("old file format: {variant}"),
            Self::OwnerFile => {
                "an Office owner (lock) file left by an open document; not a document".to_string()
            }
            Self::NonUtf8Name => {
                "the file name is not valid UTF-8; it is shown with replacement characters"
                    .to_string()
            }
            Self::Unsupported { element } => {
                format!("content the converter does not support was skipped: {element}")
            }
            Self::Chart => "a chart could not be carried over as a live chart".to_string(),
            Self::SmartArt => {
                "a SmartArt diagram was kept as its drawing; it is no longer editable as a diagram"
                    .to_string()
            }
            Self::OleObject { prog_id, carried } => {
                let what = if prog_id.is_empty() {
                    "an embedded object".to_string()
                } else {
                    format!("an embedded object ({prog_id})")
                };
                if *carried {
                    format!(
                        "{what} was carried as an OLE object with its preview picture; it can be edited only where a program for its type is installed"
                    )
                } else {
                    format!("{what} was kept as its preview picture; the object itself is lost")
                }
            }
            Self::Control => "a form or ActiveX control cannot work in the ODF file".to_string(),
            Self::EquationAsText => "part of an equation was carried as plain text".to_string(),
            Self::FontSubstitute { font, substitute } => format!(
                "font {font} is shown with the metric-compatible {substitute}; layout is kept"
            ),
            Self::FontMissing { font } => format!(
                "font {font} has no free metric-compatible substitute; line and page breaks may move"
            ),
            Self::MissingPart { part } => format!("the referenced part {part} is missing"),
            Self::ChecksumMismatch { part } => format!(
                "the part {part} does not match its checksum; it was converted as it is, but its content may be damaged"
            ),
            Self::BeyondSheetLimits { count } => format!(
                "{count} row(s) or cell(s) beyond the sheet's limits of 1,048,576 rows and 16,384 columns were left out"
            ),
            Self::TrackedChangesAccepted => {
                "tracked changes were accepted: insertions kept, deletions removed".to_string()
            }
            Self::DefaultPassword { scheme } => format!(
                "encrypted ({scheme}) with Office's built-in default password only, so it opens \
                 without a password; the converted file is not encrypted"
            ),
            Self::FormulaValueOnly { reason } => {
                format!("a formula keeps only its last calculated value: {reason}")
            }
            Self::PivotKept { table, reason } => format!(
                "the pivot table {table} keeps the cells Excel last showed and is no live \
                 DataPilot table: {reason}"
            ),
            Self::PivotCacheSheet { table, sheet } => format!(
                "the source range of the pivot table {table} no longer exists; its cached \
                 records were put on the new sheet {sheet}, its source now"
            ),
            Self::ConditionalFormatLost { rule } => format!(
                "a conditional format rule ({rule}) has no form in strict ODF 1.3 or could not be \
                 translated; the cells keep their own formatting there"
            ),
            Self::ValidationLost { rule } => format!(
                "a data validation ({rule}) could not be translated; the cells accept any input"
            ),
            Self::BinaryFormattingNotCarried { format, detail } => format!(
                "the binary {format} workbook was converted with its values, formulas, merged cells \
                 and names; not carried: {detail}"
            ),
            Self::RiskyLink { target } => format!(
                "a hyperlink to a target that runs code or opens local files was kept as it is; \
                 check it before following it: {target}"
            ),
            Self::CommentThreadAsText => "a threaded comment became a note with its replies as \
                 plain text (author: text per reply)"
                .to_string(),
            Self::ProtectionWithoutPassword { what } => format!(
                "the protection of {what} was kept without its password (ODF cannot carry the \
                 salted hash Excel stores), so it can be lifted without one"
            ),
        }
    }
}

impl FindingKind {
    /// The German message shown to users (the same facts as [`FindingKind::message`]).
    pub fn message_de(&self) -> String {
        match self {
            Self::ExtensionMismatch {
                extension,
                detected,
            } => format!(
                "heißt .{extension}, der Inhalt ist aber {}; es zählt der Inhalt",
                detected.name()
            ),
            Self::VbaMacros => {
                "enthält VBA-Makros; ODF-Dateien können sie nicht ausführen, sie müssen geprüft werden"
                    .to_string()
            }
            Self::Excel4Macros => {
                "enthält Excel-4.0-Makrovorlagen (XLM), die LibreOffice nicht ausführt".to_string()
            }
            Self::Encrypted { scheme } => format!(
                "kennwortgeschützt ({scheme}); ohne das Kennwort kann sie nicht umgewandelt werden"
            ),
            Self::Template => "eine Vorlage; sie wird zu einer ODF-Vorlage".to_string(),
            Self::StrictOoxml => "Office Open XML in der Strict-Variante".to_string(),
            Self::OldFormat { variant } => format!("altes Dateiformat: {variant}"),
            Self::OwnerFile => {
                "eine Office-Sperrdatei, die ein geöffnetes Dokument hinterlassen hat; kein Dokument"
                    .to_string()
            }
            Self::NonUtf8Name => {
                "der Dateiname ist kein gültiges UTF-8; er wird mit Ersatzzeichen angezeigt"
                    .to_string()
            }
            Self::Unsupported { element } => {
                format!("vom Konverter nicht unterstützter Inhalt wurde übersprungen: {element}")
            }
            Self::Chart => {
                "ein Diagramm konnte nicht als lebendiges Diagramm übernommen werden".to_string()
            }
            Self::SmartArt => {
                "eine SmartArt-Grafik wurde als Zeichnung übernommen; als Diagramm ist sie nicht mehr bearbeitbar"
                    .to_string()
            }
            Self::OleObject { prog_id, carried } => {
                let what = if prog_id.is_empty() {
                    "ein eingebettetes Objekt".to_string()
                } else {
                    format!("ein eingebettetes Objekt ({prog_id})")
                };
                if *carried {
                    format!(
                        "{what} wurde als OLE-Objekt mit Vorschaubild übernommen; bearbeiten lässt es sich nur, wo ein Programm für seinen Typ installiert ist"
                    )
                } else {
                    format!("von {what} blieb nur das Vorschaubild; das Objekt selbst ist verloren")
                }
            }
            Self::Control => {
                "ein Formular- oder ActiveX-Steuerelement funktioniert in der ODF-Datei nicht"
                    .to_string()
            }
            Self::EquationAsText => {
                "ein Teil einer Formel wurde als einfacher Text übernommen".to_string()
            }
            Self::FontSubstitute { font, substitute } => format!(
                "Schrift {font} wird mit der metrisch gleichen {substitute} angezeigt; das Layout bleibt"
            ),
            Self::FontMissing { font } => format!(
                "für Schrift {font} gibt es keinen freien metrisch gleichen Ersatz; Zeilen- und Seitenumbrüche können sich verschieben"
            ),
            Self::MissingPart { part } => format!("der verwiesene Teil {part} fehlt"),
            Self::ChecksumMismatch { part } => format!(
                "der Teil {part} stimmt nicht mit seiner Prüfsumme überein; er wurde so übernommen, wie er ist, sein Inhalt kann aber beschädigt sein"
            ),
            Self::BeyondSheetLimits { count } => format!(
                "{count} Zeile(n) oder Zelle(n) jenseits der Grenzen einer Tabelle (1.048.576 Zeilen, 16.384 Spalten) wurden ausgelassen"
            ),
            Self::TrackedChangesAccepted => {
                "Änderungsverfolgung wurde angenommen: Einfügungen bleiben, Löschungen sind entfernt"
                    .to_string()
            }
            Self::DefaultPassword { scheme } => format!(
                "nur mit dem eingebauten Standardkennwort von Office verschlüsselt ({scheme}), daher \
                 ohne Kennwort lesbar; die umgewandelte Datei ist nicht verschlüsselt"
            ),
            Self::FormulaValueOnly { reason } => format!(
                "eine Formel behält nur ihren zuletzt berechneten Wert (Grund, englisch: {reason})"
            ),
            Self::PivotKept { table, reason } => format!(
                "die Pivot-Tabelle {table} behält die Zellen, die Excel zuletzt zeigte, und ist \
                 keine lebendige Datenpilot-Tabelle (Grund, englisch: {reason})"
            ),
            Self::PivotCacheSheet { table, sheet } => format!(
                "der Quellbereich der Pivot-Tabelle {table} existiert nicht mehr; ihre \
                 zwischengespeicherten Datensätze stehen jetzt auf der neuen Tabelle {sheet}, \
                 ihrer Quelle"
            ),
            Self::ConditionalFormatLost { rule } => format!(
                "eine Regel der bedingten Formatierung ({rule}) hat in striktem ODF 1.3 keine Form \
                 oder ließ sich nicht übersetzen; die Zellen behalten dort ihre eigene Formatierung"
            ),
            Self::ValidationLost { rule } => format!(
                "eine Gültigkeitsprüfung ({rule}) ließ sich nicht übersetzen; die Zellen nehmen \
                 jede Eingabe an"
            ),
            Self::BinaryFormattingNotCarried { format, detail } => format!(
                "die binäre {format}-Arbeitsmappe wurde mit Werten, Formeln, verbundenen Zellen und \
                 Namen umgewandelt; nicht übernommen (englisch): {detail}"
            ),
            Self::RiskyLink { target } => format!(
                "ein Hyperlink auf ein Ziel, das Code ausführt oder lokale Dateien öffnet, wurde \
                 unverändert übernommen; vor dem Öffnen prüfen: {target}"
            ),
            Self::CommentThreadAsText => "ein Kommentarverlauf wurde zu einer Notiz mit den \
                 Antworten als einfachem Text (Autor: Text je Antwort)"
                .to_string(),
            Self::ProtectionWithoutPassword { what } => format!(
                "der Schutz von {what} wurde ohne sein Kennwort übernommen (ODF kann den \
                 gesalzenen Hash von Excel nicht tragen) und lässt sich ohne Kennwort aufheben"
            ),
        }
    }
}

/// One finding about one file: what, and where in the file (a part name, stream or sheet) if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// Where the first occurrence is.
    pub location: Option<String>,
    /// How often it occurred in the file.
    pub count: u32,
}

impl Finding {
    pub fn new(kind: FindingKind) -> Self {
        Self {
            kind,
            location: None,
            count: 1,
        }
    }

    pub fn at(kind: FindingKind, location: impl Into<String>) -> Self {
        Self {
            kind,
            location: Some(location.into()),
            count: 1,
        }
    }

    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    pub fn verdict(&self) -> Verdict {
        self.kind.verdict()
    }
}

/// Findings of one file, with repeats of the same kind counted instead of listed.
#[derive(Debug, Default, Clone)]
pub struct Findings(Vec<Finding>);

impl Findings {
    pub fn add(&mut self, kind: FindingKind, location: Option<&str>) {
        if let Some(f) = self.0.iter_mut().find(|f| f.kind == kind) {
            f.count = f.count.saturating_add(1);
        } else {
            self.0.push(Finding {
                kind,
                location: location.map(str::to_string),
                count: 1,
            });
        }
    }

    pub fn into_vec(self) -> Vec<Finding> {
        self.0
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.code(), self.kind.message())?;
        if let Some(loc) = &self.location {
            write!(f, " (at {loc})")?;
        }
        Ok(())
    }
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Finding", 8)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("severity", &self.severity())?;
        s.serialize_field("category", &self.kind.category())?;
        s.serialize_field("verdict", &self.verdict())?;
        s.serialize_field("message", &self.kind.message())?;
        s.serialize_field("message_de", &self.kind.message_de())?;
        s.serialize_field("location", &self.location)?;
        s.serialize_field("count", &self.count)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_unique_and_documented() {
        let doc = include_str!("../../docs/findings.md");
        let mut seen = std::collections::HashSet::new();
        for k in FindingKind::examples() {
            assert!(seen.insert(k.code()), "duplicate code {}", k.code());
            assert!(
                doc.contains(&format!("`{}`", k.code())),
                "{} is missing from docs/findings.md",
                k.code()
            );
            assert!(!k.message().is_empty());
            assert!(!k.message_de().is_empty());
            // The documented row names the severity and the verdict the code implies.
            let row = doc
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", k.code())))
                .unwrap_or_default();
            let verdict = serde_json::to_value(k.verdict()).unwrap_or_default();
            assert!(
                row.contains(&format!("| {} |", verdict.as_str().unwrap_or_default())),
                "{}: docs/findings.md does not give its verdict",
                k.code()
            );
        }
    }

    #[test]
    fn serialises_code_severity_and_message() -> Result<(), Box<dyn std::error::Error>> {
        let f = Finding::at(FindingKind::VbaMacros, "word/vbaProject.bin");
        let v = serde_json::to_value(&f)?;
        assert_eq!(v["code"], "detect.vba-macros");
        assert_eq!(v["severity"], "warning");
        assert_eq!(v["category"], "macros");
        assert_eq!(v["location"], "word/vbaProject.bin");
        assert!(v["message"].as_str().is_some_and(|m| m.contains("VBA")));
        Ok(())
    }
}
