//! Tests of the decryption against the corpus's encrypted files (with their documented
//! passwords), and against packages encrypted here.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use super::*;

/// `shared/corpus` beside the checkout; `None` (test skipped) when missing, except under CI.
fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
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

fn try_corpus(file: &str, password: &str) -> Option<Outcome> {
    let bytes = std::fs::read(corpus()?.join(file)).unwrap();
    Some(open(Cursor::new(bytes), password).unwrap_or_else(|e| panic!("{file}: {e}")))
}

#[test]
fn corpus_files_open_with_their_passwords_only() {
    for (file, password) in [
        ("docx/poi__protected_agile.docx", DEFAULT_PASSWORD),
        ("docx/poi__bug53475-password-is-pass.docx", "pass"),
        ("xlsx/poi__60320-protected.xlsx", "Test001!!"),
        ("docx/tika__testWORD_protected_passtika.docx", "tika"),
        ("xlsx/tika__testEXCEL_protected_passtika.xlsx", "tika"),
        ("pptx/tika__testPPT_protected_passtika.pptx", "tika"),
    ] {
        let Some(outcome) = try_corpus(file, password) else {
            return;
        };
        let Outcome::Opened(package) = outcome else {
            panic!("{file}: {outcome:?}");
        };
        let zip = zip::ZipArchive::new(Cursor::new(package)).unwrap();
        assert!(
            zip.index_for_name("[Content_Types].xml").is_some(),
            "{file}"
        );
        if password != DEFAULT_PASSWORD {
            let outcome = try_corpus(file, DEFAULT_PASSWORD).unwrap();
            assert!(
                matches!(outcome, Outcome::WrongPassword),
                "{file}: {outcome:?}"
            );
        }
    }
}

/// The Standard 3.2 file of the corpus records its EncryptedPackage stream as longer than the
/// stream's sector chain: the password is recognised, reading the package is an error.
#[test]
fn standard_key_of_a_file_with_a_short_sector_chain() {
    let Some(dir) = corpus() else {
        return;
    };
    let bytes = std::fs::read(dir.join("xlsx/poi__extenxls_pwd123.xlsx")).unwrap();
    let mut cfb = CompoundFile::open(Cursor::new(&bytes)).unwrap();
    let info = read_stream(&mut cfb, INFO_STREAM, MAX_INFO_BYTES).unwrap();
    let scheme = Scheme::parse(&info).unwrap();
    assert!(matches!(scheme, Scheme::Standard(_)));
    assert!(scheme.key("pwd123").unwrap().is_some());
    assert!(scheme.key(DEFAULT_PASSWORD).unwrap().is_none());
    assert!(matches!(
        open(Cursor::new(&bytes), DEFAULT_PASSWORD).unwrap(),
        Outcome::WrongPassword
    ));
    let err = open(Cursor::new(&bytes), "pwd123").unwrap_err();
    assert!(matches!(err, DetectError::Cfb(_)), "{err}");
}
