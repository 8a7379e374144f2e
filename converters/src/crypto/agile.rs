//! Agile encryption ([MS-OFFCRYPTO] §2.3.4.10–§2.3.4.15): the XML encryption descriptor, the
//! password key encryptor, the data integrity check and the segment-wise AES-CBC package.

use base64::Engine;
use quick_xml::events::BytesStart;

use super::{AES_BLOCK, Fail, HashAlg, MAX_SPIN_COUNT, Result, aes_cbc_decrypt, fit};
use crate::xml;

/// Namespace of the descriptor's own elements (§2.3.4.10).
const NS_ENCRYPTION: &str = "http://schemas.microsoft.com/office/2006/encryption";
/// Namespace of the password key encryptor's `encryptedKey` (§2.3.4.10).
const NS_PASSWORD: &str = "http://schemas.microsoft.com/office/2006/keyEncryptor/password";

/// Block keys that make the password hash into distinct keys (§2.3.4.13) and IVs (§2.3.4.14).
const BLOCK_VERIFIER_INPUT: [u8; 8] = [0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79];
const BLOCK_VERIFIER_HASH: [u8; 8] = [0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e];
const BLOCK_KEY_VALUE: [u8; 8] = [0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6];
const BLOCK_HMAC_KEY: [u8; 8] = [0x5f, 0xb2, 0xad, 0x01, 0x0c, 0xb9, 0xe1, 0xf6];
const BLOCK_HMAC_VALUE: [u8; 8] = [0xa0, 0x67, 0x7f, 0x02, 0xb2, 0x2c, 0x84, 0x33];

/// The package is encrypted in segments of this many bytes, each with its own IV (§2.3.4.15).
const SEGMENT: usize = 4096;

/// The cipher attributes shared by `keyData` and `encryptedKey` (`AG_CipherParameters`,
/// `AG_SaltValue`, `AG_HashParameters` in §2.3.4.10).
#[derive(Debug)]
struct Params {
    salt: Vec<u8>,
    block_size: usize,
    key_bytes: usize,
    hash: HashAlg,
}

/// The password key encryptor (`CT_PasswordKeyEncryptor`, §2.3.4.10).
#[derive(Debug)]
struct PasswordKey {
    params: Params,
    spin_count: u32,
    verifier_input: Vec<u8>,
    verifier_hash: Vec<u8>,
    key_value: Vec<u8>,
}

/// A parsed Agile descriptor.
#[derive(Debug)]
pub(super) struct Agile {
    /// `keyData`: how the package itself is encrypted.
    key_data: Params,
    /// `dataIntegrity`: encrypted HMAC key and value, when present.
    integrity: Option<(Vec<u8>, Vec<u8>)>,
    password: PasswordKey,
}

/// The unqualified attributes of one element, as (name, value).
type Attrs = Vec<(String, String)>;

impl Agile {
    /// Parses the XmlEncryptionDescriptor that follows the version and reserved fields.
    pub(super) fn parse(descriptor: &[u8]) -> Result<Self> {
        let descriptor = descriptor
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(descriptor);
        let mut key_data: Option<Attrs> = None;
        let mut integrity: Option<Attrs> = None;
        let mut password: Option<Attrs> = None;
        xml::for_each_element(descriptor, "EncryptionInfo", |resolved, e| {
            let name = e.local_name();
            let slot = if xml::is(resolved, name.as_ref(), NS_ENCRYPTION, b"keyData") {
                &mut key_data
            } else if xml::is(resolved, name.as_ref(), NS_ENCRYPTION, b"dataIntegrity") {
                &mut integrity
            } else if xml::is(resolved, name.as_ref(), NS_PASSWORD, b"encryptedKey") {
                &mut password
            } else {
                return Ok(());
            };
            // The first of each counts; a second password key encryptor is not used.
            if slot.is_none() {
                *slot = Some(attributes(e)?);
            }
            Ok(())
        })
        .map_err(|e| Fail::Info(e.to_string()))?;

        let key_data = key_data.ok_or_else(|| Fail::Info("no keyData element".into()))?;
        let password = password.ok_or_else(|| {
            Fail::Unsupported("no password key encryptor (certificate encryption only)".into())
        })?;
        let integrity = match integrity {
            Some(a) => Some((
                binary(&a, "encryptedHmacKey")?,
                binary(&a, "encryptedHmacValue")?,
            )),
            None => None,
        };
        let spin_count: u32 = number(&password, "spinCount")?;
        if spin_count > MAX_SPIN_COUNT {
            return Err(Fail::Info(format!(
                "spinCount {spin_count} is above the limit of {MAX_SPIN_COUNT} \
                 (Office uses 100000); refusing a possible denial of service"
            )));
        }
        Ok(Self {
            key_data: Params::read(&key_data)?,
            integrity,
            password: PasswordKey {
                params: Params::read(&password)?,
                spin_count,
                verifier_input: binary(&password, "encryptedVerifierHashInput")?,
                verifier_hash: binary(&password, "encryptedVerifierHashValue")?,
                key_value: binary(&password, "encryptedKeyValue")?,
            },
        })
    }

    /// The package's secret key if `password` (UTF-16LE) is right, `None` if it is wrong
    /// (§2.3.4.11 key generation, §2.3.4.13 verifier and key).
    pub(super) fn key(&self, password: &[u8]) -> Result<Option<Vec<u8>>> {
        let p = &self.password;
        let hash = p.params.hash;
        let spun = hash.spin(&p.params.salt, password, p.spin_count);
        // §2.3.4.11: Hfinal = H(Hn || blockKey), cut or padded with 0x36 to the key length.
        let derive =
            |block_key: &[u8]| fit(hash.hash(&[&spun, block_key]), p.params.key_bytes, 0x36);
        // The encryptedKey's salt is the IV of its three values (§2.3.4.13).
        let iv = fit(p.params.salt.clone(), p.params.block_size, 0x36);

        let mut input = p.verifier_input.clone();
        aes_cbc_decrypt(&derive(&BLOCK_VERIFIER_INPUT), &iv, &mut input)?;
        let input = input
            .get(..p.params.salt.len())
            .ok_or_else(|| Fail::Info("encryptedVerifierHashInput is too short".into()))?;
        let mut expected = p.verifier_hash.clone();
        aes_cbc_decrypt(&derive(&BLOCK_VERIFIER_HASH), &iv, &mut expected)?;
        let expected = expected
            .get(..hash.size())
            .ok_or_else(|| Fail::Info("encryptedVerifierHashValue is too short".into()))?;
        if hash.hash(&[input]) != expected {
            return Ok(None);
        }

        let mut key = p.key_value.clone();
        aes_cbc_decrypt(&derive(&BLOCK_KEY_VALUE), &iv, &mut key)?;
        // The intermediate key has keyData's length, not the key encryptor's.
        let key = key
            .get(..self.key_data.key_bytes)
            .ok_or_else(|| Fail::Info("encryptedKeyValue is too short".into()))?;
        Ok(Some(key.to_vec()))
    }

    /// Checks the data integrity HMAC of the whole stream, then decrypts the package.
    pub(super) fn decrypt(&self, key: &[u8], mut stream: Vec<u8>) -> Result<Vec<u8>> {
        let kd = &self.key_data;
        if let Some((hmac_key, hmac_value)) = &self.integrity {
            self.check_integrity(key, hmac_key, hmac_value, &stream)?;
        }
        let (size, padded) = super::stated_size(&stream, kd.block_size)?;
        let data = stream
            .get_mut(8..8 + padded)
            .ok_or_else(|| Fail::Package("the stream is shorter than it states".into()))?;
        // §2.3.4.15: 4096-byte segments, each with IV = H(keyData.saltValue || segment index).
        for (index, segment) in data.chunks_mut(SEGMENT).enumerate() {
            let index =
                u32::try_from(index).map_err(|_| Fail::Package("too many segments".into()))?;
            let iv = self.iv(&index.to_le_bytes());
            aes_cbc_decrypt(key, &iv, segment)?;
        }
        Ok(super::plain_package(stream, size))
    }

    /// §2.3.4.12: IV = H(keyData.saltValue || blockKey), cut or padded with 0x36 to blockSize.
    fn iv(&self, block_key: &[u8]) -> Vec<u8> {
        let kd = &self.key_data;
        fit(kd.hash.hash(&[&kd.salt, block_key]), kd.block_size, 0x36)
    }

    /// §2.3.4.14: the HMAC key and value are encrypted with the package key; the HMAC covers
    /// the whole EncryptedPackage stream, size field included.
    fn check_integrity(
        &self,
        key: &[u8],
        hmac_key: &[u8],
        hmac_value: &[u8],
        stream: &[u8],
    ) -> Result<()> {
        let hash = self.key_data.hash;
        let mut mac_key = hmac_key.to_vec();
        aes_cbc_decrypt(key, &self.iv(&BLOCK_HMAC_KEY), &mut mac_key)?;
        // The key is saltSize bytes by the text of §2.3.4.14 and hashSize bytes as Office
        // writes it, padded with zeros to whole blocks; HMAC pads short keys with zeros anyway
        // (RFC 2104 §2), so the zero padding left on either reading changes nothing.
        mac_key.truncate(hash.size());
        let mut expected = hmac_value.to_vec();
        aes_cbc_decrypt(key, &self.iv(&BLOCK_HMAC_VALUE), &mut expected)?;
        let expected = expected
            .get(..hash.size())
            .ok_or_else(|| Fail::Info("encryptedHmacValue is too short".into()))?;
        if !hash.hmac_matches(&mac_key, stream, expected) {
            return Err(Fail::Package(
                "the data integrity check failed: the file is damaged or was altered".into(),
            ));
        }
        Ok(())
    }
}

impl Params {
    fn read(a: &Attrs) -> Result<Self> {
        let cipher = text(a, "cipherAlgorithm")?;
        if cipher != "AES" {
            return Err(Fail::Unsupported(format!("cipher {cipher}")));
        }
        let chaining = text(a, "cipherChaining")?;
        if chaining != "ChainingModeCBC" {
            return Err(Fail::Unsupported(format!("cipher chaining {chaining}")));
        }
        let block_size: usize = number(a, "blockSize")?;
        if block_size != AES_BLOCK {
            return Err(Fail::Info(format!(
                "AES with a block size of {block_size} bytes"
            )));
        }
        let key_bits: usize = number(a, "keyBits")?;
        if !matches!(key_bits, 128 | 192 | 256) {
            return Err(Fail::Info(format!("AES with a {key_bits}-bit key")));
        }
        let salt = binary(a, "saltValue")?;
        if salt.is_empty() {
            return Err(Fail::Info("an empty saltValue".into()));
        }
        // saltSize and hashSize repeat what saltValue and hashAlgorithm say; they are not used.
        Ok(Self {
            salt,
            block_size,
            key_bytes: key_bits / 8,
            hash: HashAlg::from_name(text(a, "hashAlgorithm")?)?,
        })
    }
}

/// The unqualified attributes of an element, values unescaped.
fn attributes(e: &BytesStart<'_>) -> std::result::Result<Attrs, crate::error::DetectError> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| crate::error::DetectError::Xml(err.to_string()))?;
        if a.key.prefix().is_none() {
            let name = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            out.push((name, xml::value(&a)?));
        }
    }
    Ok(out)
}

fn text<'a>(a: &'a Attrs, name: &str) -> Result<&'a str> {
    a.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.trim())
        .ok_or_else(|| Fail::Info(format!("the attribute {name} is missing")))
}

fn number<T: std::str::FromStr>(a: &Attrs, name: &str) -> Result<T> {
    let v = text(a, name)?;
    v.parse()
        .map_err(|_| Fail::Info(format!("{name}=\"{v}\" is not a valid number")))
}

/// A base64 attribute (`xsd:base64Binary`; white space inside is allowed).
fn binary(a: &Attrs, name: &str) -> Result<Vec<u8>> {
    let v: String = text(a, name)?
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(v.as_bytes())
        .map_err(|e| Fail::Info(format!("{name} is not valid base64: {e}")))
}
