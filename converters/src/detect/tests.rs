//! Detection tests on small documents built in memory, one per rule of the detector.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use super::*;

const CT_NS: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
const DOCX_MAIN: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const REL_TRANSITIONAL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const REL_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        let options = if *name == "mimetype" {
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
        } else {
            SimpleFileOptions::default()
        };
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn content_types(overrides: &[(&str, &str)]) -> Vec<u8> {
    let mut s = format!(
        r#"<?xml version="1.0"?><Types xmlns="{CT_NS}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
    );
    for (part, t) in overrides {
        s.push_str(&format!(
            r#"<Override PartName="{part}" ContentType="{t}"/>"#
        ));
    }
    s.push_str("</Types>");
    s.into_bytes()
}

fn rels(rel_type: &str, target: &str) -> Vec<u8> {
    format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel_type}" Target="{target}"/></Relationships>"#
    )
    .into_bytes()
}

fn docx_with(main_type: &str, rel_type: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let ct = content_types(&[("/word/document.xml", main_type)]);
    let r = rels(rel_type, "word/document.xml");
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", &ct),
        ("_rels/.rels", &r),
        ("word/document.xml", b"<w:document/>"),
    ];
    parts.extend_from_slice(extra);
    zip_of(&parts)
}

fn run(bytes: &[u8], ext: &str) -> Result<Option<Detection>, DetectError> {
    detect(Cursor::new(bytes), Some(ext), DetectOptions::default())
}

fn found(bytes: &[u8], ext: &str) -> Detection {
    run(bytes, ext).unwrap().expect("a document")
}

fn codes(d: &Detection) -> Vec<&'static str> {
    d.findings.iter().map(|f| f.code()).collect()
}

#[test]
fn docx_is_decided_by_the_main_part_content_type() {
    let d = found(&docx_with(DOCX_MAIN, REL_TRANSITIONAL, &[]), "docx");
    assert_eq!(d.format, Format::Docx);
    assert_eq!(d.container, Container::Zip);
    assert!(!d.macros && !d.encrypted && !d.template);
    assert!(d.findings.is_empty(), "{:?}", d.findings);
}

#[test]
fn content_wins_over_the_extension_and_says_so() {
    let d = found(&docx_with(DOCX_MAIN, REL_TRANSITIONAL, &[]), "xls");
    assert_eq!(d.format, Format::Docx);
    assert_eq!(codes(&d), ["detect.extension-mismatch"]);
}

#[test]
fn macro_enabled_document_with_vba_project() {
    let d = found(
        &docx_with(
            "application/vnd.ms-word.document.macroEnabled.main+xml",
            REL_TRANSITIONAL,
            &[("word/vbaProject.bin", b"\xD0\xCF")],
        ),
        "docm",
    );
    assert_eq!(d.format, Format::Docm);
    assert!(d.macros);
    assert_eq!(
        d.findings[0].location.as_deref(),
        Some("word/vbaproject.bin")
    );
}

#[test]
fn templates_are_flagged() {
    let d = found(
        &docx_with(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
            REL_TRANSITIONAL,
            &[],
        ),
        "dotx",
    );
    assert_eq!(d.format, Format::Dotx);
    assert!(d.template);
    assert!(codes(&d).contains(&"detect.template"));
}

#[test]
fn strict_conformance_is_recognised_by_its_relationship_namespace() {
    let d = found(&docx_with(DOCX_MAIN, REL_STRICT, &[]), "docx");
    assert_eq!(d.format, Format::Docx);
    assert_eq!(d.variant.as_deref(), Some("Strict"));
    assert!(codes(&d).contains(&"detect.strict-ooxml"));
}

#[test]
fn a_package_without_root_relationships_falls_back_to_the_overrides() {
    let ct = content_types(&[(
        "/ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    )]);
    let bytes = zip_of(&[
        ("[Content_Types].xml", &ct),
        ("ppt/presentation.xml", b"<p/>"),
    ]);
    assert_eq!(found(&bytes, "ppsx").format, Format::Ppsx);
}

#[test]
fn excel4_macro_sheets_count_as_macros() {
    let ct = content_types(&[
        (
            "/xl/workbook.xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        ),
        (
            "/xl/macrosheets/sheet1.xml",
            "application/vnd.ms-excel.macrosheet+xml",
        ),
    ]);
    let r = rels(REL_TRANSITIONAL, "xl/workbook.xml");
    let bytes = zip_of(&[
        ("[Content_Types].xml", &ct),
        ("_rels/.rels", &r),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/macrosheets/sheet1.xml", b"<xm/>"),
    ]);
    let d = found(&bytes, "xlsm");
    assert_eq!(d.format, Format::Xlsm);
    assert!(d.macros);
    assert_eq!(codes(&d), ["detect.excel4-macros"]);
}

#[test]
fn a_missing_main_part_is_an_error() {
    let ct = content_types(&[("/word/document.xml", DOCX_MAIN)]);
    let r = rels(REL_TRANSITIONAL, "word/document.xml");
    let bytes = zip_of(&[("[Content_Types].xml", &ct), ("_rels/.rels", &r)]);
    let err = run(&bytes, "docx").unwrap_err();
    assert!(err.to_string().contains("main part"), "{err}");
}

#[test]
fn odf_packages_are_already_open() {
    let bytes = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet-template",
        ),
        ("content.xml", b"<x/>"),
    ]);
    let d = found(&bytes, "ots");
    assert_eq!(d.format, Format::Ods);
    assert!(d.format.is_open() && d.template);
}

#[test]
fn ordinary_archives_are_not_documents_unless_named_like_one() {
    let bytes = zip_of(&[("readme.txt", b"hello")]);
    assert!(run(&bytes, "zip").unwrap().is_none());
    assert!(matches!(
        run(&bytes, "docx"),
        Err(DetectError::NotADocument(_))
    ));
}

#[test]
fn a_dtd_in_the_content_types_is_refused() {
    let ct = format!(
        r#"<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY x SYSTEM "file:///etc/passwd">]><Types xmlns="{CT_NS}"><Override PartName="/word/document.xml" ContentType="&x;"/></Types>"#
    );
    let bytes = zip_of(&[("[Content_Types].xml", ct.as_bytes())]);
    assert!(matches!(run(&bytes, "docx"), Err(DetectError::Dtd { .. })));
}

#[test]
fn a_zip_bomb_is_refused_before_inflating() {
    let zeros = vec![0u8; 40 << 20];
    let bytes = docx_with(
        DOCX_MAIN,
        REL_TRANSITIONAL,
        &[("word/media/bomb.bin", &zeros)],
    );
    assert!(bytes.len() < 1 << 20, "the fixture must compress well");
    assert!(matches!(
        run(&bytes, "docx"),
        Err(DetectError::TooLarge { .. })
    ));
}

#[test]
fn a_damaged_part_fails_the_checksum_unless_quick() {
    let payload = vec![b'a'; 4000];
    let mut bytes = docx_with(
        DOCX_MAIN,
        REL_TRANSITIONAL,
        &[("word/styles.xml", &payload)],
    );
    // Flip one byte inside the compressed data of the last part (before the central directory).
    let cd = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bytes[cd - 3] ^= 0x55;
    let err = run(&bytes, "docx").unwrap_err();
    assert!(err.to_string().contains("word/styles.xml"), "{err}");
    let quick = detect(
        Cursor::new(&bytes),
        Some("docx"),
        DetectOptions { quick: true },
    );
    assert_eq!(quick.unwrap().unwrap().format, Format::Docx);
}

#[test]
fn a_truncated_zip_is_an_error() {
    let bytes = docx_with(DOCX_MAIN, REL_TRANSITIONAL, &[]);
    let err = run(&bytes[..bytes.len() / 2], "docx").unwrap_err();
    assert!(err.to_string().contains("truncated"), "{err}");
}

// ---- compound files ----

fn cfb_of(streams: &[(&str, &[u8])], storages: &[&str]) -> Vec<u8> {
    let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for s in storages {
        c.create_storage(s).unwrap();
    }
    for (name, data) in streams {
        c.create_stream(name).unwrap().write_all(data).unwrap();
    }
    c.flush().unwrap();
    c.into_inner().into_inner()
}

/// A minimal Word 97 FIB plus a one-piece table covering `chars` 8-bit characters at offset 1024.
fn word97(flags: u16, chars: u32, piece_fc: u32) -> (Vec<u8>, Vec<u8>) {
    let mut fib = vec![0u8; 1024 + chars as usize];
    fib[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    fib[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
    fib[10..12].copy_from_slice(&(flags | 0x0200).to_le_bytes());
    fib[32..34].copy_from_slice(&14u16.to_le_bytes());
    fib[62..64].copy_from_slice(&22u16.to_le_bytes());
    fib[76..80].copy_from_slice(&chars.to_le_bytes());
    fib[152..154].copy_from_slice(&93u16.to_le_bytes());
    // Clx = Pcdt: 0x02, lcb, PlcPcd {CP 0, CP chars, Pcd{flags, fc, prm}}.
    let mut clx = vec![0x02];
    clx.extend_from_slice(&16u32.to_le_bytes());
    clx.extend_from_slice(&0u32.to_le_bytes());
    clx.extend_from_slice(&chars.to_le_bytes());
    clx.extend_from_slice(&0u16.to_le_bytes());
    clx.extend_from_slice(&(0x4000_0000 | (piece_fc * 2)).to_le_bytes());
    clx.extend_from_slice(&0u16.to_le_bytes());
    fib[418..422].copy_from_slice(&0u32.to_le_bytes());
    fib[422..426].copy_from_slice(&(clx.len() as u32).to_le_bytes());
    (fib, clx)
}

#[test]
fn word97_document_template_and_macros() {
    let (fib, table) = word97(0x0001, 10, 1024);
    let bytes = cfb_of(
        &[
            ("WordDocument", &fib),
            ("1Table", &table),
            ("Macros/VBA/dir", b"x"),
        ],
        &["Macros", "Macros/VBA"],
    );
    let d = found(&bytes, "dot");
    assert_eq!((d.format, d.container), (Format::Doc, Container::Cfb));
    assert!(d.template && d.macros && !d.encrypted);
    assert!(codes(&d).contains(&"detect.vba-macros"));
}

#[test]
fn word97_encrypted_reads_the_encryption_header() {
    let (fib, _) = word97(0x0100, 10, 1024);
    let bytes = cfb_of(
        &[("WordDocument", &fib), ("1Table", &[1, 0, 1, 0, 9, 9])],
        &[],
    );
    let d = found(&bytes, "doc");
    assert!(d.encrypted);
    assert_eq!(d.variant.as_deref(), Some("RC4 encryption"));
    assert!(codes(&d).contains(&"detect.encrypted"));
}

#[test]
fn word97_piece_table_outside_the_stream_is_damage() {
    let (fib, table) = word97(0, 10, 1_000_000);
    let bytes = cfb_of(&[("WordDocument", &fib), ("1Table", &table)], &[]);
    let err = run(&bytes, "doc").unwrap_err();
    assert!(err.to_string().contains("piece 0"), "{err}");
    // And a FIB that names a missing table stream.
    let (fib, _) = word97(0, 10, 1024);
    let bytes = cfb_of(&[("WordDocument", &fib)], &[]);
    assert!(
        run(&bytes, "doc")
            .unwrap_err()
            .to_string()
            .contains("1Table")
    );
}

#[test]
fn word6_is_an_old_format() {
    let mut fib = vec![0u8; 512];
    fib[0..2].copy_from_slice(&0xA5DCu16.to_le_bytes());
    fib[2..4].copy_from_slice(&0x0065u16.to_le_bytes());
    let d = found(&cfb_of(&[("WordDocument", &fib)], &[]), "doc");
    assert_eq!(d.variant.as_deref(), Some("Word 6.0/95"));
    assert_eq!(codes(&d), ["detect.old-format"]);
}

fn biff(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (kind, body) in records {
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&(body.len() as u16).to_le_bytes());
        out.extend_from_slice(body);
    }
    out
}

fn bof(version: u16) -> (u16, Vec<u8>) {
    let mut b = vec![0u8; 16];
    b[0..2].copy_from_slice(&version.to_le_bytes());
    b[2..4].copy_from_slice(&5u16.to_le_bytes());
    (0x0809, b)
}

#[test]
fn excel_macro_sheet_and_vba_and_filepass() {
    let sheet = |dt: u8| (0x0085u16, vec![0, 0, 0, 0, 0, dt, 1, 0, b'S']);
    let wb = biff(&[
        bof(0x0600),
        (0x0042, vec![0xE4, 0x04]),
        sheet(0),
        sheet(1),
        (0x000A, vec![]),
    ]);
    let bytes = cfb_of(&[("Workbook", &wb)], &["_VBA_PROJECT_CUR"]);
    let d = found(&bytes, "xls");
    assert_eq!(d.format, Format::Xls);
    assert!(d.macros);
    assert_eq!(codes(&d), ["detect.excel4-macros"]);

    let wb = biff(&[
        bof(0x0600),
        (0x002F, vec![1, 0, 2, 0, 2, 0]),
        (0x000A, vec![]),
    ]);
    let d = found(&cfb_of(&[("Workbook", &wb)], &[]), "xlt");
    assert!(d.encrypted && d.template);
    assert_eq!(d.variant.as_deref(), Some("RC4 CryptoAPI encryption"));
}

#[test]
fn excel5_book_stream_is_an_old_format() {
    let wb = biff(&[bof(0x0500), (0x000A, vec![])]);
    let d = found(&cfb_of(&[("Book", &wb)], &[]), "xls");
    assert_eq!(d.variant.as_deref(), Some("Excel 5.0/95 (BIFF5)"));
}

#[test]
fn excel_stream_without_bof_is_damage() {
    let wb = biff(&[(0x0085, vec![0; 8])]);
    assert!(run(&cfb_of(&[("Workbook", &wb)], &[]), "xls").is_err());
}

/// A PowerPoint Document stream: DocumentContainer(VBAInfo) + PersistDirectory + UserEditAtom(s).
fn ppt(has_macros: u32, loop_chain: bool) -> Vec<u8> {
    fn rec(ver: u16, kind: u16, body: &[u8]) -> Vec<u8> {
        let mut r = ver.to_le_bytes().to_vec();
        r.extend_from_slice(&kind.to_le_bytes());
        r.extend_from_slice(&(body.len() as u32).to_le_bytes());
        r.extend_from_slice(body);
        r
    }
    let mut atom = 0u32.to_le_bytes().to_vec();
    atom.extend_from_slice(&has_macros.to_le_bytes());
    atom.extend_from_slice(&2u32.to_le_bytes());
    let vba = rec(0x0F, 0x03FF, &rec(0x02, 0x0400, &atom));
    let list = rec(0x0F, 0x07D0, &vba);
    let doc = rec(0x0F, 0x03E8, &[rec(0x01, 0x03E9, &[0; 40]), list].concat());
    let mut stream = doc;
    let persist_at = stream.len() as u32;
    let mut dir = (1u32 | (1 << 20)).to_le_bytes().to_vec();
    dir.extend_from_slice(&0u32.to_le_bytes());
    stream.extend(rec(0, 0x1772, &dir));
    let edit_at = stream.len() as u32;
    let mut edit = 0u32.to_le_bytes().to_vec();
    edit.extend_from_slice(&[0, 0, 0, 3]);
    edit.extend_from_slice(&(if loop_chain { edit_at } else { 0 }).to_le_bytes());
    edit.extend_from_slice(&persist_at.to_le_bytes());
    edit.extend_from_slice(&1u32.to_le_bytes());
    edit.extend_from_slice(&[0; 8]);
    stream.extend(rec(0, 0x0FF5, &edit));
    let mut cu = rec(0, 0x0FF6, &[0; 16]);
    cu[8..12].copy_from_slice(&20u32.to_le_bytes());
    cu[12..16].copy_from_slice(&0xE391_C05Fu32.to_le_bytes());
    cu[16..20].copy_from_slice(&edit_at.to_le_bytes());
    cfb_of(
        &[("PowerPoint Document", &stream), ("Current User", &cu)],
        &[],
    )
}

#[test]
fn powerpoint_vba_is_found_through_the_persist_directory() {
    let d = found(&ppt(1, false), "ppt");
    assert_eq!(d.format, Format::Ppt);
    assert!(d.macros);
    let d = found(&ppt(0, false), "ppt");
    assert!(!d.macros);
}

#[test]
fn powerpoint_user_edit_loop_is_damage() {
    let err = run(&ppt(0, true), "ppt").unwrap_err();
    assert!(err.to_string().contains("UserEditAtom"), "{err}");
}

#[test]
fn encrypted_ooxml_takes_its_kind_from_the_extension() {
    let bytes = cfb_of(
        &[
            ("EncryptionInfo", &[4, 0, 4, 0, 0x40, 0]),
            ("EncryptedPackage", &[0; 16]),
        ],
        &[],
    );
    let d = found(&bytes, "xlsx");
    assert_eq!(d.format, Format::Xlsx);
    assert!(d.encrypted);
    assert_eq!(d.variant.as_deref(), Some("Agile encryption"));
    assert_eq!(found(&bytes, "bin").format, Format::Unknown);
}

#[test]
fn formats_without_converter_and_foreign_compound_files() {
    let msg = cfb_of(&[("__properties_version1.0", &[0; 32])], &[]);
    assert_eq!(found(&msg, "msg").format, Format::Msg);
    let vsd = cfb_of(&[("VisioDocument", &[0; 32])], &[]);
    assert_eq!(found(&vsd, "vsd").format, Format::Vsd);
    let thumbs = cfb_of(&[("Catalog", &[0; 32])], &[]);
    assert!(run(&thumbs, "db").unwrap().is_none());
    assert_eq!(found(&thumbs, "doc").format, Format::Unknown);
}

// ---- text and raw formats ----

#[test]
fn rtf_and_office_2003_xml() {
    assert_eq!(
        found(b"\xEF\xBB\xBF  {\\rtf1\\ansi hello}", "rtf").format,
        Format::Rtf
    );
    let wordml = r#"<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>"#;
    let mut utf16 = vec![0xFF, 0xFE];
    for u in wordml.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let d = found(&utf16, "doc");
    assert_eq!(d.format, Format::WordMl2003);
    assert!(codes(&d).contains(&"detect.extension-mismatch"));
    let excel =
        br#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>"#;
    assert_eq!(found(excel, "xml").format, Format::SpreadsheetMl2003);
    let flat = br#"<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.text"/>"#;
    assert_eq!(found(flat, "fodt").format, Format::Odt);
    // A root with the right local name in the wrong namespace is not Word.
    let fake = br#"<wordDocument xmlns="urn:example"/>"#;
    assert!(run(fake, "xml").unwrap().is_none());
}

#[test]
fn html_under_an_office_name_and_foreign_zip_packages() {
    let html = b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>";
    assert_eq!(found(html, "xls").format, Format::Html);
    assert!(run(html, "html").unwrap().is_none());
    let epub = zip_of(&[
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", b"<c/>"),
    ]);
    assert!(run(&epub, "epub").unwrap().is_none());
    let sxw = zip_of(&[
        ("mimetype", b"application/vnd.sun.xml.writer"),
        ("content.xml", b"<c/>"),
    ]);
    assert_eq!(
        found(&sxw, "sxw").variant.as_deref(),
        Some("OpenOffice.org 1.x")
    );
    let nupkg = zip_of(&[
        ("[Content_Types].xml", &content_types(&[])),
        ("a.nuspec", b"<n/>"),
    ]);
    assert!(run(&nupkg, "nupkg").unwrap().is_none());
    let flat = br#"<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.text-template"/>"#;
    let d = found(flat, "fodt");
    assert!(d.template && d.format == Format::Odt);
}

#[test]
fn encrypted_xlsb_keeps_its_kind_and_both_macro_kinds_are_reported() {
    let bytes = cfb_of(
        &[
            ("EncryptionInfo", &[4, 0, 2, 0, 0x24, 0]),
            ("EncryptedPackage", &[0; 16]),
        ],
        &[],
    );
    assert_eq!(found(&bytes, "xlsb").format, Format::Xlsb);
    let sheet = |dt: u8| (0x0085u16, vec![0, 0, 0, 0, 0, dt, 1, 0, b'S']);
    let wb = biff(&[bof(0x0600), sheet(6), sheet(1), (0x000A, vec![])]);
    let d = found(&cfb_of(&[("Workbook", &wb)], &["_VBA_PROJECT_CUR"]), "xls");
    let mut c = codes(&d);
    c.sort();
    assert_eq!(c, ["detect.excel4-macros", "detect.vba-macros"]);
}

#[test]
fn overlapping_zip_entries_are_refused() {
    // Two central-directory entries pointing at the same local header.
    let mut bytes = docx_with(
        DOCX_MAIN,
        REL_TRANSITIONAL,
        &[("word/a.xml", b"<a/>"), ("word/b.xml", b"<b/>")],
    );
    let cd = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    let mut entries = Vec::new();
    let mut at = cd;
    while bytes[at..].starts_with(b"PK\x01\x02") {
        entries.push(at);
        let n = u16::from_le_bytes([bytes[at + 28], bytes[at + 29]]) as usize;
        let e = u16::from_le_bytes([bytes[at + 30], bytes[at + 31]]) as usize;
        let c = u16::from_le_bytes([bytes[at + 32], bytes[at + 33]]) as usize;
        at += 46 + n + e + c;
    }
    let (a, b) = (entries[entries.len() - 2], entries[entries.len() - 1]);
    let offset: [u8; 4] = bytes[a + 42..a + 46].try_into().unwrap();
    bytes[b + 42..b + 46].copy_from_slice(&offset);
    let err = run(&bytes, "docx").unwrap_err();
    assert!(err.to_string().contains("overlap"), "{err}");
}

#[test]
fn bare_old_binaries() {
    let mut word2 = vec![0xDB, 0xA5, 0x2D, 0x00];
    word2.resize(600, 0);
    assert_eq!(
        found(&word2, "doc").variant.as_deref(),
        Some("Word for Windows 2.0")
    );
    let biff3 = [0x09, 0x02, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0, 0];
    let d = found(&biff3, "xls");
    assert_eq!(
        (d.format, d.variant.as_deref()),
        (Format::Xls, Some("Excel 3.0 (BIFF3)"))
    );
}

#[test]
fn owner_files_are_recognised() {
    let name = "Jan";
    let mut b = vec![name.len() as u8];
    b.extend_from_slice(name.as_bytes());
    b.resize(55, b' ');
    b.extend_from_slice(&(name.len() as u16).to_le_bytes());
    for u in name.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    b.resize(162, 0);
    let d = found(&b, "xlsx");
    assert_eq!(d.format, Format::LockFile);
    assert_eq!(codes(&d), ["detect.owner-file"]);
}

#[test]
fn ordinary_files_are_not_documents() {
    assert!(run(b"just some text\n", "txt").unwrap().is_none());
    assert!(run(b"", "docx").unwrap().is_none());
    assert!(run(b"\x89PNG\r\n\x1a\n", "png").unwrap().is_none());
}
