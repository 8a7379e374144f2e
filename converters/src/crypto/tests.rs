//! Tests of the decryption against the corpus's encrypted files (with their documented
//! passwords), and against packages encrypted here.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use super::*;

fn corpus() -> Option<PathBuf> {
    crate::test_corpus()
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

// ----- Packages encrypted here -----
//
// The encryptors below follow [MS-OFFCRYPTO] §2.3.4.7–§2.3.4.15 from the writing side. They use
// the module's hash helpers (whose derivation the corpus tests above check against files Office
// and Apache POI wrote) but their own AES-CBC, so the schemes' plumbing is checked for every
// hash and key size, not only the ones the corpus has.

use aes::cipher::BlockCipherEncrypt;
use base64::Engine;

/// A real Word package to encrypt.
fn sample_docx() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples/poi__bug57031.docx"),
    )
    .unwrap()
}

fn cfb_of(info: &[u8], package: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut c = CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    c.create_stream(INFO_STREAM)
        .unwrap()
        .write_all(info)
        .unwrap();
    c.create_stream(PACKAGE_STREAM)
        .unwrap()
        .write_all(package)
        .unwrap();
    c.flush().unwrap();
    c.into_inner().into_inner()
}

/// AES-ECB encryption in place; `data` is a multiple of 16 bytes.
fn ecb_encrypt(key: &[u8], data: &mut [u8]) {
    fn with<C: BlockCipherEncrypt<BlockSize = aes::cipher::typenum::U16> + KeyInit>(
        key: &[u8],
        data: &mut [u8],
    ) {
        let c = C::new_from_slice(key).unwrap();
        let (blocks, rest) = aes::Block::slice_as_chunks_mut(data);
        assert!(rest.is_empty());
        c.encrypt_blocks(blocks);
    }
    match key.len() {
        16 => with::<aes::Aes128>(key, data),
        24 => with::<aes::Aes192>(key, data),
        _ => with::<aes::Aes256>(key, data),
    }
}

/// AES-CBC encryption, written out over ECB blocks.
fn cbc_encrypt(key: &[u8], iv: &[u8], data: &mut [u8]) {
    let mut prev = iv.to_vec();
    for block in data.chunks_mut(16) {
        for (b, p) in block.iter_mut().zip(&prev) {
            *b ^= p;
        }
        ecb_encrypt(key, block);
        prev = block.to_vec();
    }
}

/// Zero-padded to whole AES blocks.
fn padded(bytes: &[u8]) -> Vec<u8> {
    let mut v = bytes.to_vec();
    v.resize(bytes.len().next_multiple_of(16), 0);
    v
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Standard encryption 4.2 with AES of `key_bits` bits.
fn standard_encrypt(package: &[u8], password: &str, key_bits: u32) -> Vec<u8> {
    let salt: Vec<u8> = (1..=16).collect();
    let key = standard::derive_key(&salt, &utf16le(password).unwrap(), key_bits as usize / 8);
    let verifier = [0x42u8; 16];
    let mut enc_verifier = verifier.to_vec();
    ecb_encrypt(&key, &mut enc_verifier);
    let mut enc_hash = padded(&HashAlg::Sha1.hash(&[&verifier]));
    ecb_encrypt(&key, &mut enc_hash);

    let alg: u32 = match key_bits {
        128 => 0x660E,
        192 => 0x660F,
        _ => 0x6610,
    };
    let csp: Vec<u8> = "Microsoft Enhanced RSA and AES Cryptographic Provider\0"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut header = Vec::new();
    for v in [0x24u32, 0, alg, 0x8004, key_bits, 0x18, 0, 0] {
        header.extend(v.to_le_bytes());
    }
    header.extend(&csp);
    let mut info = vec![4, 0, 2, 0];
    info.extend(0x24u32.to_le_bytes());
    info.extend((header.len() as u32).to_le_bytes());
    info.extend(&header);
    info.extend(16u32.to_le_bytes());
    info.extend(&salt);
    info.extend(&enc_verifier);
    info.extend(20u32.to_le_bytes());
    info.extend(&enc_hash);

    let mut stream = (package.len() as u64).to_le_bytes().to_vec();
    let mut data = padded(package);
    ecb_encrypt(&key, &mut data);
    stream.extend(data);
    cfb_of(&info, &stream)
}

/// What to vary in an Agile descriptor.
#[derive(Clone, Copy)]
struct AgileSpec {
    hash: &'static str,
    key_bits: usize,
    spin_count: u32,
    integrity: bool,
}

impl AgileSpec {
    fn hash_alg(self) -> HashAlg {
        HashAlg::from_name(self.hash).unwrap()
    }
}

const FAST_SHA1: AgileSpec = AgileSpec {
    hash: "SHA1",
    key_bits: 128,
    spin_count: 1000,
    integrity: true,
};

fn hmac(hash: HashAlg, key: &[u8], message: &[u8]) -> Vec<u8> {
    use hmac::{KeyInit, Mac};
    fn with<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> Vec<u8> {
        let mut m = <M as KeyInit>::new_from_slice(key).unwrap();
        m.update(message);
        m.finalize().into_bytes().to_vec()
    }
    match hash {
        HashAlg::Sha1 => with::<hmac::Hmac<sha1::Sha1>>(key, message),
        HashAlg::Sha256 => with::<hmac::Hmac<sha2::Sha256>>(key, message),
        HashAlg::Sha384 => with::<hmac::Hmac<sha2::Sha384>>(key, message),
        HashAlg::Sha512 => with::<hmac::Hmac<sha2::Sha512>>(key, message),
    }
}

/// The Agile EncryptionInfo stream and EncryptedPackage stream for `package`.
fn agile_streams(package: &[u8], password: &str, spec: AgileSpec) -> (Vec<u8>, Vec<u8>) {
    let hash = spec.hash_alg();
    let key_bytes = spec.key_bits / 8;
    let data_salt = [3u8; 16];
    let key_salt = [5u8; 16];
    let secret: Vec<u8> = (0..key_bytes as u8).map(|b| b.wrapping_mul(37)).collect();

    // §2.3.4.11 and §2.3.4.13: the password key encryptor.
    let spun = hash.spin(&key_salt, &utf16le(password).unwrap(), spec.spin_count);
    let derive = |block_key: &[u8]| fit(hash.hash(&[&spun, block_key]), key_bytes, 0x36);
    let verifier_input = [9u8; 16];
    let mut enc_input = verifier_input.to_vec();
    cbc_encrypt(
        &derive(&[0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79]),
        &key_salt,
        &mut enc_input,
    );
    let mut enc_value = padded(&hash.hash(&[&verifier_input]));
    cbc_encrypt(
        &derive(&[0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e]),
        &key_salt,
        &mut enc_value,
    );
    let mut enc_key = padded(&secret);
    cbc_encrypt(
        &derive(&[0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6]),
        &key_salt,
        &mut enc_key,
    );

    // §2.3.4.15: the package in 4096-byte segments.
    let iv = |block_key: &[u8]| fit(hash.hash(&[&data_salt, block_key]), 16, 0x36);
    let mut stream = (package.len() as u64).to_le_bytes().to_vec();
    for (i, segment) in package.chunks(4096).enumerate() {
        let mut s = padded(segment);
        cbc_encrypt(&secret, &iv(&(i as u32).to_le_bytes()), &mut s);
        stream.extend(s);
    }

    // §2.3.4.14: the HMAC of the whole stream.
    let integrity = if spec.integrity {
        let mac_key = vec![0x11u8; hash.size()];
        let mut enc_mac_key = padded(&mac_key);
        cbc_encrypt(
            &secret,
            &iv(&[0x5f, 0xb2, 0xad, 0x01, 0x0c, 0xb9, 0xe1, 0xf6]),
            &mut enc_mac_key,
        );
        let mut enc_mac = padded(&hmac(hash, &mac_key, &stream));
        cbc_encrypt(
            &secret,
            &iv(&[0xa0, 0x67, 0x7f, 0x02, 0xb2, 0x2c, 0x84, 0x33]),
            &mut enc_mac,
        );
        format!(
            r#"<e:dataIntegrity encryptedHmacKey="{}" encryptedHmacValue="{}"/>"#,
            b64(&enc_mac_key),
            b64(&enc_mac)
        )
    } else {
        String::new()
    };
    let params = |salt: &[u8]| {
        format!(
            r#"saltSize="16" blockSize="16" keyBits="{}" hashSize="{}" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="{}" saltValue="{}""#,
            spec.key_bits,
            hash.size(),
            spec.hash,
            b64(salt)
        )
    };
    // Prefixes differ from Office's on purpose: only namespaces count.
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<e:encryption xmlns:e="http://schemas.microsoft.com/office/2006/encryption" xmlns:pw="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><e:keyData {}/>{integrity}<e:keyEncryptors><e:keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><pw:encryptedKey spinCount="{}" {} encryptedVerifierHashInput="{}" encryptedVerifierHashValue="{}" encryptedKeyValue="{}"/></e:keyEncryptor></e:keyEncryptors></e:encryption>"#,
        params(&data_salt),
        spec.spin_count,
        params(&key_salt),
        b64(&enc_input),
        b64(&enc_value),
        b64(&enc_key),
    );
    let mut info = vec![4, 0, 4, 0, 0x40, 0, 0, 0];
    info.extend(xml.as_bytes());
    (info, stream)
}

fn agile_encrypt(package: &[u8], password: &str, spec: AgileSpec) -> Vec<u8> {
    let (info, stream) = agile_streams(package, password, spec);
    cfb_of(&info, &stream)
}

fn opened(file: &[u8], password: &str) -> Vec<u8> {
    match open(Cursor::new(file), password).unwrap() {
        Outcome::Opened(p) => p,
        other => panic!("{other:?}"),
    }
}

#[test]
fn agile_round_trips_for_every_hash_and_key_size() {
    let docx = sample_docx();
    for (hash, key_bits) in [
        ("SHA1", 128),
        ("SHA256", 192),
        ("SHA384", 256),
        ("SHA512", 256),
        ("SHA512", 128),
    ] {
        for integrity in [true, false] {
            let spec = AgileSpec {
                hash,
                key_bits,
                spin_count: 1000,
                integrity,
            };
            let file = agile_encrypt(&docx, DEFAULT_PASSWORD, spec);
            assert_eq!(opened(&file, DEFAULT_PASSWORD), docx, "{hash}/{key_bits}");
            assert!(matches!(
                open(Cursor::new(&file), "velvetsweatshop").unwrap(),
                Outcome::WrongPassword
            ));
        }
    }
}

#[test]
fn standard_round_trips_for_every_key_size() {
    let docx = sample_docx();
    for key_bits in [128, 192, 256] {
        let file = standard_encrypt(&docx, DEFAULT_PASSWORD, key_bits);
        assert_eq!(opened(&file, DEFAULT_PASSWORD), docx, "{key_bits}");
        assert!(matches!(
            open(Cursor::new(&file), "x").unwrap(),
            Outcome::WrongPassword
        ));
    }
}

#[test]
fn convert_opens_the_default_password_and_only_it() {
    use crate::{ConvertError, ConvertOptions, FindingKind, convert};
    let docx = sample_docx();
    for (file, scheme) in [
        (
            standard_encrypt(&docx, DEFAULT_PASSWORD, 128),
            "Standard encryption 4.2",
        ),
        (
            agile_encrypt(&docx, DEFAULT_PASSWORD, FAST_SHA1),
            "Agile encryption",
        ),
    ] {
        let c = convert(Cursor::new(&file), Some("docx"), ConvertOptions::default()).unwrap();
        assert_eq!(c.extension, "odt");
        assert_eq!(
            c.findings[0].kind,
            FindingKind::DefaultPassword {
                scheme: scheme.into()
            }
        );
        assert!(!c.findings.iter().any(|f| f.code() == "detect.encrypted"));
    }
    for file in [
        standard_encrypt(&docx, "secret", 128),
        agile_encrypt(&docx, "secret", FAST_SHA1),
    ] {
        let err = convert(Cursor::new(&file), Some("docx"), ConvertOptions::default()).unwrap_err();
        assert!(matches!(err, ConvertError::Encrypted(_)), "{err}");
    }
    // The decrypted package's content decides its kind, as for any package.
    let xlsx = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples/poi__56644.xlsx"),
    )
    .unwrap();
    let file = agile_encrypt(&xlsx, DEFAULT_PASSWORD, FAST_SHA1);
    let c = convert(Cursor::new(&file), Some("docx"), ConvertOptions::default()).unwrap();
    assert_eq!((c.format, c.extension), (crate::Format::Xlsx, "ods"));
}

// ----- Hostile input -----

/// An Agile file whose descriptor XML was edited by `edit`.
fn agile_edited(edit: impl Fn(&str) -> String) -> Vec<u8> {
    let (info, stream) = agile_streams(&sample_docx(), DEFAULT_PASSWORD, FAST_SHA1);
    let xml = std::str::from_utf8(&info[8..]).unwrap();
    let mut edited = info[..8].to_vec();
    edited.extend(edit(xml).as_bytes());
    cfb_of(&edited, &stream)
}

/// Replaces the first `name="..."` attribute value.
fn set_attr(xml: &str, name: &str, value: &str) -> String {
    let start = xml.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    let end = start + xml[start..].find('"').unwrap();
    format!("{}{value}{}", &xml[..start], &xml[end..])
}

/// Replaces the `name` attribute of the password key encryptor (the second occurrence).
fn set_key_attr(xml: &str, name: &str, value: &str) -> String {
    let at = xml.find("encryptedKey ").unwrap();
    format!("{}{}", &xml[..at], set_attr(&xml[at..], name, value))
}

fn error_of(file: &[u8]) -> String {
    let start = std::time::Instant::now();
    let result = open(Cursor::new(file), DEFAULT_PASSWORD);
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    match result {
        Err(e) => e.to_string(),
        Ok(Outcome::Opened(p)) => panic!("expected an error, got a {}-byte package", p.len()),
        Ok(o) => panic!("expected an error, got {o:?}"),
    }
}

fn unsupported(file: &[u8]) -> String {
    match open(Cursor::new(file), DEFAULT_PASSWORD) {
        Ok(Outcome::Unsupported(what)) => what,
        Ok(Outcome::Opened(_)) => panic!("expected unsupported, got a package"),
        other => panic!("expected unsupported, got {other:?}"),
    }
}

#[test]
fn a_huge_spin_count_is_refused_before_any_hashing() {
    let file = agile_edited(|x| set_key_attr(x, "spinCount", "4294967295"));
    let start = std::time::Instant::now();
    let err = error_of(&file);
    assert!(start.elapsed() < std::time::Duration::from_millis(500));
    assert!(
        err.contains("spinCount 4294967295 is above the limit"),
        "{err}"
    );
    let file = agile_edited(|x| set_key_attr(x, "spinCount", "99999999999"));
    assert!(error_of(&file).contains("spinCount"));
}

#[test]
fn damaged_agile_descriptors_are_errors() {
    type Edit = Box<dyn Fn(&str) -> String>;
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|x| set_attr(x, "saltValue", "no*base64")),
            "not valid base64",
        ),
        (
            Box::new(|x| set_key_attr(x, "saltValue", "")),
            "empty saltValue",
        ),
        (
            Box::new(|x| set_attr(x, "blockSize", "0")),
            "block size of 0",
        ),
        (
            Box::new(|x| set_key_attr(x, "blockSize", "-1")),
            "not a valid number",
        ),
        (Box::new(|x| set_attr(x, "keyBits", "0")), "0-bit key"),
        (
            Box::new(|x| set_key_attr(x, "keyBits", "1e9")),
            "not a valid number",
        ),
        (
            Box::new(|x| set_key_attr(x, "encryptedVerifierHashInput", "")),
            "too short",
        ),
        (
            Box::new(|x| set_key_attr(x, "encryptedVerifierHashValue", "AAAA")),
            "whole number of blocks",
        ),
        (
            Box::new(|x| set_key_attr(x, "encryptedKeyValue", "")),
            "too short",
        ),
        (
            Box::new(|x| x.replace(" spinCount=\"1000\"", "")),
            "spinCount is missing",
        ),
        (
            Box::new(|x| x.replace("<e:keyData ", "<e:other ")),
            "no keyData",
        ),
        (
            Box::new(|x| {
                x.replace(
                    "<e:encryption ",
                    "<!DOCTYPE e [<!ENTITY a \"b\">]><e:encryption ",
                )
            }),
            "DTD",
        ),
        (
            Box::new(|x| x[..x.len() / 2].to_string()),
            "encryption information",
        ),
        (
            Box::new(|_| "\u{0}\u{1}garbage".to_string()),
            "encryption information",
        ),
    ];
    for (edit, expected) in cases {
        let err = error_of(&agile_edited(edit));
        assert!(err.contains(expected), "{err} (expected {expected})");
    }
}

#[test]
fn unknown_algorithms_are_unsupported_not_errors() {
    for (edit, expected) in [
        (
            set_attr as fn(&str, &str, &str) -> String,
            ("cipherAlgorithm", "RC2"),
        ),
        (set_key_attr, ("hashAlgorithm", "MD5")),
        (set_attr, ("cipherChaining", "ChainingModeCFB")),
    ] {
        let file = agile_edited(|x| edit(x, expected.0, expected.1));
        assert!(unsupported(&file).contains(expected.1));
    }
    let no_password = agile_edited(|x| x.replace("pw:encryptedKey", "pw:otherKey"));
    assert!(unsupported(&no_password).contains("password key encryptor"));
    // Extensible encryption and unknown versions.
    for version in [[4, 0, 3, 0], [9, 0, 9, 0]] {
        let file = cfb_of(&version, &[0; 16]);
        unsupported(&file);
    }
    // Not an encrypted package at all: no panic, an error for `open`, `None` for the default.
    let plain = cfb_of(&[], &[]);
    assert!(error_of(&plain).contains("encryption information"));
}

#[test]
fn damaged_packages_are_errors() {
    let docx = sample_docx();
    let (info, stream) = agile_streams(&docx, DEFAULT_PASSWORD, FAST_SHA1);
    let without_integrity = agile_streams(
        &docx,
        DEFAULT_PASSWORD,
        AgileSpec {
            integrity: false,
            ..FAST_SHA1
        },
    );

    // A flipped byte anywhere fails the integrity check.
    for at in [0, 8, 100, stream.len() / 2, stream.len() - 1] {
        let mut s = stream.clone();
        s[at] ^= 0x40;
        let err = error_of(&cfb_of(&info, &s));
        assert!(err.contains("integrity check failed"), "{err}");
    }
    // Without one, a damaged first block is still noticed.
    let mut s = without_integrity.1.clone();
    s[8] ^= 0x40;
    let err = error_of(&cfb_of(&without_integrity.0, &s));
    assert!(err.contains("not a ZIP package"), "{err}");

    // Sizes that the stream does not hold.
    for (info, stream) in [
        (&info, &stream),
        (&without_integrity.0, &without_integrity.1),
    ] {
        for size in [stream.len() as u64, u64::MAX, 1 << 40] {
            let mut s = stream.clone();
            s[..8].copy_from_slice(&size.to_le_bytes());
            let err = error_of(&cfb_of(info, &s));
            assert!(err.contains("damaged"), "{err}");
        }
        for cut in [0, 7, 8, 9, 4096, stream.len() - 1] {
            let err = error_of(&cfb_of(info, &stream[..cut]));
            assert!(err.contains("damaged"), "{err}");
        }
    }
    let standard = standard_encrypt(&docx, DEFAULT_PASSWORD, 128);
    let mut cfb = CompoundFile::open(Cursor::new(&standard)).unwrap();
    let info = read_stream(&mut cfb, INFO_STREAM, MAX_INFO_BYTES).unwrap();
    let stream = read_stream(&mut cfb, PACKAGE_STREAM, u64::MAX).unwrap();
    for cut in [0, 7, 8, 100, stream.len() - 1] {
        let err = error_of(&cfb_of(&info, &stream[..cut]));
        assert!(err.contains("damaged"), "{err}");
    }
}

#[test]
fn truncated_and_flipped_standard_headers_never_panic() {
    let standard = standard_encrypt(&sample_docx(), DEFAULT_PASSWORD, 128);
    let mut cfb = CompoundFile::open(Cursor::new(&standard)).unwrap();
    let info = read_stream(&mut cfb, INFO_STREAM, MAX_INFO_BYTES).unwrap();
    let stream = read_stream(&mut cfb, PACKAGE_STREAM, u64::MAX).unwrap();
    for cut in 0..info.len() {
        let _ = open(Cursor::new(cfb_of(&info[..cut], &stream)), DEFAULT_PASSWORD);
    }
    // The header's fields (a wrong byte in the salt or verifier only makes the password wrong).
    for at in (4..40).chain([info.len() - 72, info.len() - 36]) {
        for value in [0x00, 0xFF, 0x7F] {
            let mut i = info.clone();
            i[at] = value;
            let start = std::time::Instant::now();
            let _ = open(Cursor::new(cfb_of(&i, &stream)), DEFAULT_PASSWORD);
            assert!(start.elapsed() < std::time::Duration::from_secs(5));
        }
    }
}

#[test]
fn truncated_agile_descriptors_never_panic() {
    let (info, stream) = agile_streams(&sample_docx(), DEFAULT_PASSWORD, FAST_SHA1);
    let mut cut = 0;
    while cut < info.len() {
        let _ = open(Cursor::new(cfb_of(&info[..cut], &stream)), DEFAULT_PASSWORD);
        cut = cut * 3 / 2 + 1;
    }
}

#[test]
fn the_scan_check_needs_only_the_verifier() {
    let docx = sample_docx();
    let yes = |file: &[u8]| opens_with_default_password(Cursor::new(file)).unwrap();
    assert!(yes(&agile_encrypt(&docx, DEFAULT_PASSWORD, FAST_SHA1)));
    assert!(yes(&standard_encrypt(&docx, DEFAULT_PASSWORD, 128)));
    assert!(!yes(&agile_encrypt(&docx, "other", FAST_SHA1)));
    assert!(!yes(&cfb_of(&[4, 0, 3, 0], &[])));
    // A damaged package still passes: the scan does not read it (the conversion will).
    let (info, stream) = agile_streams(&docx, DEFAULT_PASSWORD, FAST_SHA1);
    assert!(yes(&cfb_of(&info, &stream[..100])));
    // Not an encrypted package at all.
    let mut plain = CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    plain.create_stream("WordDocument").unwrap();
    plain.flush().unwrap();
    assert!(!yes(&plain.into_inner().into_inner()));
}
