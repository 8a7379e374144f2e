//! Umzug's converters: pure functions from Microsoft Office bytes to ODF bytes and typed findings.
//!
//! No GUI, no threads, no file-system walking: callers hand in a reader and get back a result.
//! Today the crate detects formats by content ([`detect`]); the converters build on the same
//! package readers ([`opc`]) and findings ([`findings`]).

pub mod detect;
pub mod error;
pub mod findings;
pub mod opc;
pub mod xml;

pub use detect::{Container, DetectOptions, Detection, Family, Format, detect};
pub use error::DetectError;
pub use findings::{Category, Finding, FindingKind, Severity};

/// Whether this version of the crate can convert `format` to ODF. The scan's planned action
/// comes from here, so it only promises what exists.
pub fn can_convert(format: Format) -> bool {
    // No converter has landed yet; each converter adds its formats here with its tests.
    let _ = format;
    false
}
