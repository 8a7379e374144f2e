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
            r#"<dataIntegrity encryptedHmacKey="{}" encryptedHmacValue="{}"/>"#,
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
    let err = convert(Cursor::new(&file), Some("docx"), ConvertOptions::default()).unwrap_err();
    assert!(
        matches!(err, ConvertError::Unsupported(crate::Format::Xlsx)),
        "{err}"
    );
}
