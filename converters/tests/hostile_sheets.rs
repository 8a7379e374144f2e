//! Hostile numbers in well-formed spreadsheets never panic or hang the converter: corpus
//! workbooks with pivot tables, drawings, charts, conditional formats, validations, comments and
//! print setup get numeric attributes replaced by out-of-range values (negative, huge, beyond the
//! sheet, not numbers), deterministically, and every conversion ends in an ODF package or an
//! error, quickly. Byte flips (hostile.rs) mostly break the XML; these reach the readers' logic.

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use umzug_converters::{ConvertOptions, convert};

/// Workbooks whose parts exercise the readers added for issue 5.
const FILES: [&str; 7] = [
    "calamine__pivots.xlsx",
    "closedxml__inputfile.xlsx",
    "closedxml__PivotTableWithMissingReference.xlsx",
    "oxsdk__Styles.xlsx",
    "poi__WithChartSheet.xlsx",
    "excelize__Book1.xlsx",
    "poi__DataValidationEvaluations.xlsx",
];

const VALUES: [&[u8]; 10] = [
    b"-1",
    b"0",
    b"4294967295",
    b"99999999999",
    b"1048577",
    b"16385",
    b"-2147483648",
    b"1e308",
    b"NaN",
    b"",
];

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Where attribute values that are numbers sit in an XML part: `="123"` → the range of `123`.
fn numeric_values(xml: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < xml.len() {
        if xml[i] == b'=' && xml[i + 1] == b'"' {
            let start = i + 2;
            let mut end = start;
            while end < xml.len() && (xml[end].is_ascii_digit() || xml[end] == b'-') {
                end += 1;
            }
            if end > start && xml.get(end) == Some(&b'"') {
                out.push((start, end));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

fn package(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in parts {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn hostile_numbers_in_spreadsheets_never_panic_the_converter() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/xlsx");
    if !corpus.is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the corpus is missing at {} (required under CI=true)",
            corpus.display()
        );
        return;
    }
    let rounds: usize = std::env::var("UMZUG_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut converted = 0;
    for file in FILES {
        let original = std::fs::read(corpus.join(file)).unwrap();
        let parts = parts(&original);
        let xml: Vec<usize> = (0..parts.len())
            .filter(|&i| parts[i].0.ends_with(".xml") && !numeric_values(&parts[i].1).is_empty())
            .collect();
        for round in 0..rounds {
            let mut mutated = parts.clone();
            let part = xml[(rng.next() % xml.len() as u64) as usize];
            let data = &mut mutated[part].1;
            let spots = numeric_values(data);
            // Later spots first, so that earlier ranges stay where they were.
            let mut picks: Vec<(usize, usize)> = (0..1 + rng.next() % 8)
                .map(|_| spots[(rng.next() % spots.len() as u64) as usize])
                .collect();
            picks.sort_unstable_by(|a, b| b.cmp(a));
            picks.dedup();
            for (start, end) in picks {
                let value = VALUES[(rng.next() % VALUES.len() as u64) as usize];
                data.splice(start..end, value.iter().copied());
            }
            let bytes = package(&mutated);
            let start = Instant::now();
            let result = convert(Cursor::new(&bytes), Some("xlsx"), ConvertOptions::default());
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{file} round {round} ({}) took {:?}",
                mutated[part].0,
                start.elapsed()
            );
            if let Ok(c) = result {
                // A converted file is a readable package with its content.
                let mut z = zip::ZipArchive::new(Cursor::new(c.odf)).unwrap();
                assert!(z.by_name("content.xml").is_ok(), "{file} round {round}");
                converted += 1;
            }
        }
    }
    // Most hostile numbers are taken in stride: the test must not pass on errors alone.
    assert!(
        converted > FILES.len() * rounds / 2,
        "{converted} converted"
    );
}
