//! Damaged input never panics or hangs detection: the sample documents, truncated and with bytes
//! flipped at many deterministic places, each give a detection or an error, quickly.

use std::io::Cursor;
use std::path::Path;
use std::time::{Duration, Instant};

use umzug_converters::{DetectOptions, detect};

fn samples() -> Vec<(String, Vec<u8>)> {
    // UMZUG_FUZZ_DIR points the test at another folder of documents (flat), e.g. a corpus folder.
    let dir = std::env::var("UMZUG_FUZZ_DIR").map_or_else(
        |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples"),
        std::path::PathBuf::from,
    );
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .map(|p| {
            let ext = p.extension().unwrap().to_string_lossy().into_owned();
            (ext, std::fs::read(p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 10, "the samples are missing");
    out
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn check(ext: &str, bytes: &[u8], what: &str) {
    let start = Instant::now();
    for quick in [false, true] {
        // The result may be anything but a panic.
        let _ = detect(Cursor::new(bytes), Some(ext), DetectOptions { quick });
    }
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{what} took {:?}",
        start.elapsed()
    );
}

#[test]
fn truncated_samples_never_panic() {
    for (ext, bytes) in samples() {
        let mut cut = 0;
        while cut < bytes.len() {
            check(&ext, &bytes[..cut], &format!("{ext} cut at {cut}"));
            cut = cut * 2 + 1;
        }
    }
}

#[test]
fn samples_with_flipped_bytes_never_panic() {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    // UMZUG_FUZZ_ROUNDS raises the count for a longer local run.
    let rounds: usize = std::env::var("UMZUG_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    for (ext, original) in samples() {
        for round in 0..rounds {
            let mut bytes = original.clone();
            // Damage the start (headers, FIB, directories) more often than the rest.
            let hits = 1 + rng.next() % 8;
            for _ in 0..hits {
                let span = if round % 2 == 0 {
                    bytes.len().min(4096)
                } else {
                    bytes.len()
                };
                let at = (rng.next() % span as u64) as usize;
                bytes[at] = rng.next() as u8;
            }
            // And sometimes damage the end, where a ZIP keeps its central directory.
            if round % 3 == 0 {
                let n = bytes.len();
                let at = n - 1 - (rng.next() % n.min(512) as u64) as usize;
                bytes[at] ^= 0xFF;
            }
            check(&ext, &bytes, &format!("{ext} round {round}"));
        }
    }
}

/// The converter, too, turns damaged Word files into an output or an error, never a panic or a
/// hang. Bytes are flipped inside the packages' XML parts as well as in the ZIP structure.
#[test]
fn damaged_word_files_never_panic_the_converter() {
    use umzug_converters::{ConvertOptions, convert};
    let rounds: usize = std::env::var("UMZUG_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for (ext, original) in samples() {
        if !matches!(ext.as_str(), "docx" | "docm" | "dotx" | "dotm") {
            continue;
        }
        // Stored (uncompressed) copies expose the XML text to the byte flips.
        let stored = restore(&original).unwrap_or_else(|| original.clone());
        for round in 0..rounds {
            let mut bytes = if round % 2 == 0 {
                stored.clone()
            } else {
                original.clone()
            };
            let hits = 1 + rng.next() % 6;
            for _ in 0..hits {
                let at = (rng.next() % bytes.len() as u64) as usize;
                bytes[at] = match rng.next() % 4 {
                    0 => b'<',
                    1 => b'"',
                    2 => b'9',
                    _ => rng.next() as u8,
                };
            }
            let start = Instant::now();
            let _ = convert(Cursor::new(&bytes), Some(&ext), ConvertOptions::default());
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "{ext} round {round} took {:?}",
                start.elapsed()
            );
        }
    }
}

/// The same package with every entry stored rather than deflated (`None` for a non-ZIP sample).
fn restore(zip_bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::{Read, Write};
    let mut z = zip::ZipArchive::new(Cursor::new(zip_bytes)).ok()?;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        w.start_file(name, options).unwrap();
        w.write_all(&data).unwrap();
    }
    Some(w.finish().unwrap().into_inner())
}

/// The corpus's file encrypted with Office's default password (Agile), when the corpus is there.
fn default_password_file() -> Option<Vec<u8>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/docx/poi__protected_agile.docx");
    if let Ok(bytes) = std::fs::read(&path) {
        return Some(bytes);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{} is missing (required under CI=true)", path.display());
    }
    eprintln!("SKIPPED: {} is not there", path.display());
    None
}

/// An encrypted package opened with the default password, truncated or with bytes changed
/// (in the compound file, the EncryptionInfo XML and the encrypted data), converts or fails
/// with an error, never a panic, and quickly: the key derivation runs at most once per try.
#[test]
fn damaged_encrypted_packages_never_panic_the_converter() {
    use umzug_converters::{ConvertOptions, convert, crypto};
    let Some(original) = default_password_file() else {
        return;
    };
    let run = |bytes: &[u8], what: &str| {
        let start = Instant::now();
        let _ = convert(Cursor::new(bytes), Some("docx"), ConvertOptions::default());
        let _ = crypto::open(Cursor::new(bytes), crypto::DEFAULT_PASSWORD);
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{what} took {:?}",
            start.elapsed()
        );
    };
    let mut cut = 0;
    while cut < original.len() {
        run(&original[..cut], &format!("cut at {cut}"));
        cut = cut * 2 + 1;
    }
    let rounds: usize = std::env::var("UMZUG_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    // Every other round aims at the descriptor's XML (stored as is in the compound file).
    let xml = original
        .windows(11)
        .position(|w| w == b"<encryption")
        .expect("the descriptor is stored contiguously");
    let xml_len = (original.len() - xml).min(1000) as u64;
    let mut rng = XorShift(0xD1B5_4A32_D192_ED03);
    for round in 0..rounds {
        let mut bytes = original.clone();
        let hits = 1 + rng.next() % 4;
        for _ in 0..hits {
            let at = if round % 2 == 0 {
                xml + (rng.next() % xml_len) as usize
            } else {
                (rng.next() % bytes.len() as u64) as usize
            };
            bytes[at] = match rng.next() % 4 {
                0 => b'"',
                1 => b'9',
                2 => b'=',
                _ => rng.next() as u8,
            };
        }
        run(&bytes, &format!("round {round}"));
    }
}

#[test]
fn a_conversion_past_its_deadline_stops_with_timed_out() {
    use umzug_converters::{ConvertError, ConvertOptions, DetectError, convert};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples/poi__bug57031.docx");
    let bytes = std::fs::read(path).unwrap();
    let within = ConvertOptions {
        deadline: Some(Instant::now() + Duration::from_secs(3600)),
    };
    assert!(convert(Cursor::new(&bytes), Some("docx"), within).is_ok());
    let passed = ConvertOptions {
        deadline: Some(Instant::now()),
    };
    let err = convert(Cursor::new(&bytes), Some("docx"), passed).unwrap_err();
    assert!(
        matches!(err, ConvertError::Read(DetectError::TimedOut)),
        "{err}"
    );
}
