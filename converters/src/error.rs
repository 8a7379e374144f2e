//! Errors: why a file could not be read, detected or converted, in words a help desk can act on.

use std::io;

/// Why format detection (or, later, conversion) could not read a file.
#[derive(Debug, thiserror::Error)]
pub enum DetectError {
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("damaged ZIP package: {0}")]
    Zip(String),
    #[error("damaged OLE2 compound file: {0}")]
    Cfb(String),
    #[error("malformed XML: {0}")]
    Xml(String),
    #[error("XML part {part} carries a DTD, which Office packages may not (ECMA-376-2 §8.1.4)")]
    Dtd { part: String },
    #[error(
        "part {part} would unpack to {size} bytes (limit {limit}); refusing a possible zip bomb"
    )]
    TooLarge { part: String, size: u64, limit: u64 },
    #[error("damaged {what}: {detail}")]
    Corrupt { what: &'static str, detail: String },
    #[error(
        "has more than {limit} {what}, more than a conversion takes (a bound against hostile files)"
    )]
    TooMany { what: &'static str, limit: u64 },
    #[error("the conversion took longer than its time budget; stopped")]
    TimedOut,
    #[error("not a document: {0}")]
    NotADocument(String),
}

impl DetectError {
    pub(crate) fn corrupt(what: &'static str, detail: impl Into<String>) -> Self {
        DetectError::Corrupt {
            what,
            detail: detail.into(),
        }
    }
}
