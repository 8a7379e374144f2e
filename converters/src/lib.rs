//! Umzug's converters: pure functions from Microsoft Office bytes to ODF bytes and typed findings.
//!
//! No GUI, no threads, no file-system walking: callers hand in a reader and get back a result.
//! [`detect`] tells formats by content; [`convert`] turns Word documents into ODF text through the
//! formatting-preserving model in [`text`] (reader [`docx`], writer [`odt`]).

pub mod biff;
mod budget;
pub mod calamine_fix;
pub mod calamine_read;
pub mod chart;
pub mod convert;
pub mod crypto;
pub mod detect;
pub mod docx;
pub mod dom;
pub mod drawingml;
pub mod error;
pub mod findings;
pub mod formula;
pub mod math;
pub mod numfmt;
pub mod odf;
pub mod ods;
pub mod odt;
pub mod opc;
pub mod sheet;
pub mod text;
pub mod units;
pub mod xlsx;
pub mod xml;

pub use convert::{ConvertError, ConvertOptions, Converted, can_convert, convert};
pub use detect::{Container, DetectOptions, Detection, Family, Format, detect};
pub use error::DetectError;
pub use findings::{Category, Finding, FindingKind, Severity, Verdict};

/// The shared corpus beside the checkout, for unit tests: `None` (test skipped) when missing,
/// except under `CI=true`, where a missing corpus fails the test.
#[cfg(test)]
pub(crate) fn test_corpus() -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if dir.join("FEATURES.tsv").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "the corpus is missing at {} (required under CI=true)",
            dir.display()
        );
    }
    eprintln!("SKIPPED: the corpus is not at {}", dir.display());
    None
}
