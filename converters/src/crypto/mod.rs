//! Opening encrypted Office Open XML packages ([MS-OFFCRYPTO] §2.3.4) with a given password, so
//! that files "encrypted" with Office's well-known default password can be converted.
//!
//! An encrypted OOXML file is an OLE2 compound file holding two streams: `EncryptionInfo`, which
//! says how the key is derived from the password and how to check it, and `EncryptedPackage`,
//! the encrypted ZIP package. Two schemes are read: Agile (`agile.rs`, version 4.4) and Standard
//! (`standard.rs`, versions 2.2, 3.2 and 4.2 with AES). Extensible encryption and other ciphers
//! are reported as unsupported, which callers treat like a wrong password.
//!
//! Every input is hostile: the iteration count is capped, lengths are checked before they are
//! used, and damaged data gives an error, never a panic.

mod agile;
mod standard;

use std::io::{Read, Seek};

use aes::cipher::{BlockCipherDecrypt, BlockModeDecrypt, KeyInit, KeyIvInit};
use cfb::CompoundFile;
use sha1::Digest;

use crate::detect::ole::read_stream;
use crate::error::DetectError;

/// The password Office uses when a file is encrypted without one asked from the user (some
/// settings and generators do this); Office and LibreOffice try it silently before asking.
pub const DEFAULT_PASSWORD: &str = "VelvetSweatshop";

/// Highest accepted Agile `spinCount`. Office writes 100,000; the value is the file's, so a
/// hostile file could otherwise ask for billions of hash rounds.
pub const MAX_SPIN_COUNT: u32 = 10_000_000;

/// Largest `EncryptionInfo` stream read. Real ones are about 1 KB (Agile XML) or 250 bytes.
const MAX_INFO_BYTES: u64 = 1 << 20;

/// Stream names of an encrypted package ([MS-OFFCRYPTO] §2.3.4.1).
const INFO_STREAM: &str = "EncryptionInfo";
const PACKAGE_STREAM: &str = "EncryptedPackage";

/// What trying one password on an encrypted package gave.
#[derive(Debug)]
pub enum Outcome {
    /// The password was right: the plain package (a ZIP file).
    Opened(Vec<u8>),
    /// The password verifier did not match.
    WrongPassword,
    /// A scheme or algorithm this reader does not implement (Extensible encryption, RC2, ...).
    Unsupported(String),
}

/// Why a package could not be read, inside this module.
#[derive(Debug)]
enum Fail {
    Unsupported(String),
    /// Damaged `EncryptionInfo` (or a descriptor asking for more than the limits allow).
    Info(String),
    /// Damaged `EncryptedPackage`.
    Package(String),
}

type Result<T> = std::result::Result<T, Fail>;

impl From<Fail> for DetectError {
    fn from(f: Fail) -> Self {
        match f {
            Fail::Info(d) => DetectError::corrupt("encryption information", d),
            Fail::Package(d) => DetectError::corrupt("encrypted package", d),
            Fail::Unsupported(d) => DetectError::corrupt("encryption information", d),
        }
    }
}

/// Whether the compound file is an encrypted OOXML package (has both streams at its root).
pub fn is_encrypted_package<R: Read + Seek>(cfb: &CompoundFile<R>) -> bool {
    cfb.is_stream(INFO_STREAM) && cfb.is_stream(PACKAGE_STREAM)
}

/// Tries `password` on an encrypted OOXML package given as the bytes of its compound file.
///
/// Returns [`Outcome::Opened`] with the plain package when the password is right. A damaged
/// compound file or `EncryptionInfo`, a `spinCount` above [`MAX_SPIN_COUNT`], or a damaged
/// `EncryptedPackage` (truncated, failing its integrity check) are errors, and so is a
/// compound file that is not an encrypted package.
pub fn open<R: Read + Seek>(
    reader: R,
    password: &str,
) -> std::result::Result<Outcome, DetectError> {
    let mut cfb = CompoundFile::open(reader).map_err(|e| DetectError::Cfb(e.to_string()))?;
    if !is_encrypted_package(&cfb) {
        return Err(DetectError::corrupt(
            "encrypted package",
            "no EncryptionInfo and EncryptedPackage streams",
        ));
    }
    open_cfb(&mut cfb, password)
}

/// Tries [`DEFAULT_PASSWORD`] on a compound file: the plain package if the file is an encrypted
/// OOXML package that this password opens, `None` if it is not one or the password is wrong
/// (or the scheme is not supported). Damage found on the way is an error.
pub fn open_with_default_password<R: Read + Seek>(
    reader: R,
) -> std::result::Result<Option<Vec<u8>>, DetectError> {
    let mut cfb = CompoundFile::open(reader).map_err(|e| DetectError::Cfb(e.to_string()))?;
    if !is_encrypted_package(&cfb) {
        return Ok(None);
    }
    match open_cfb(&mut cfb, DEFAULT_PASSWORD)? {
        Outcome::Opened(package) => Ok(Some(package)),
        Outcome::WrongPassword | Outcome::Unsupported(_) => Ok(None),
    }
}

/// Whether [`DEFAULT_PASSWORD`] opens this compound file's encrypted package. Only the password
/// verifier is checked, the package is not decrypted: this is the cheap test for a scan.
pub fn opens_with_default_password<R: Read + Seek>(
    reader: R,
) -> std::result::Result<bool, DetectError> {
    let mut cfb = CompoundFile::open(reader).map_err(|e| DetectError::Cfb(e.to_string()))?;
    Ok(is_encrypted_package(&cfb) && unlock(&mut cfb, DEFAULT_PASSWORD)?.is_ok())
}

/// The scheme and package key if `password` is right, else why not.
fn unlock<R: Read + Seek>(
    cfb: &mut CompoundFile<R>,
    password: &str,
) -> std::result::Result<std::result::Result<(Scheme, Vec<u8>), Outcome>, DetectError> {
    let info = read_stream(cfb, INFO_STREAM, MAX_INFO_BYTES)?;
    let scheme = match Scheme::parse(&info) {
        Ok(s) => s,
        Err(Fail::Unsupported(what)) => return Ok(Err(Outcome::Unsupported(what))),
        Err(e) => return Err(e.into()),
    };
    match scheme.key(password) {
        Ok(Some(key)) => Ok(Ok((scheme, key))),
        Ok(None) => Ok(Err(Outcome::WrongPassword)),
        Err(Fail::Unsupported(what)) => Ok(Err(Outcome::Unsupported(what))),
        Err(e) => Err(e.into()),
    }
}

fn open_cfb<R: Read + Seek>(
    cfb: &mut CompoundFile<R>,
    password: &str,
) -> std::result::Result<Outcome, DetectError> {
    let (scheme, key) = match unlock(cfb, password)? {
        Ok(unlocked) => unlocked,
        Err(outcome) => return Ok(outcome),
    };
    // Only now, with the right key, is the (possibly large) package read.
    let limit = cfb
        .entry(PACKAGE_STREAM)
        .map_err(|e| DetectError::Cfb(format!("stream {PACKAGE_STREAM}: {e}")))?
        .len();
    let package = read_stream(cfb, PACKAGE_STREAM, limit)?;
    let plain = scheme.decrypt(&key, package)?;
    // A right verifier with a wrong package means damage; Standard encryption has no integrity
    // check of its own, so at least the ZIP signature is checked.
    if !plain.starts_with(b"PK") {
        return Err(Fail::Package("the decrypted content is not a ZIP package".into()).into());
    }
    Ok(Outcome::Opened(plain))
}

/// The scheme named by `EncryptionInfo`'s version ([MS-OFFCRYPTO] §2.3.4.5, §2.3.4.10).
enum Scheme {
    Agile(agile::Agile),
    Standard(standard::Standard),
}

impl Scheme {
    fn parse(info: &[u8]) -> Result<Self> {
        match info {
            [4, 0, 4, 0, rest @ ..] => {
                agile::Agile::parse(rest.get(4..).unwrap_or_default()).map(Scheme::Agile)
            }
            [2..=4, 0, 2, 0, ..] => standard::Standard::parse(info).map(Scheme::Standard),
            [3 | 4, 0, 3, 0, ..] => Err(Fail::Unsupported("Extensible encryption".into())),
            [major, 0, minor, 0, ..] => Err(Fail::Unsupported(format!(
                "EncryptionInfo version {major}.{minor}"
            ))),
            _ => Err(Fail::Info("the EncryptionInfo stream is too short".into())),
        }
    }

    /// The key that decrypts the package, or `None` for a wrong password.
    fn key(&self, password: &str) -> Result<Option<Vec<u8>>> {
        let password = utf16le(password)?;
        match self {
            Scheme::Agile(a) => a.key(&password),
            Scheme::Standard(s) => s.key(&password),
        }
    }

    /// Decrypts the whole `EncryptedPackage` stream (size field included) into the package.
    fn decrypt(&self, key: &[u8], stream: Vec<u8>) -> Result<Vec<u8>> {
        match self {
            Scheme::Agile(a) => a.decrypt(key, stream),
            Scheme::Standard(s) => s.decrypt(key, stream),
        }
    }
}

/// The password as UTF-16LE code units, as every key derivation hashes it. Office limits
/// passwords to 255 characters ([MS-OFFCRYPTO] §2.3.4.7, §2.3.4.11).
fn utf16le(password: &str) -> Result<Vec<u8>> {
    let units: Vec<u16> = password.encode_utf16().collect();
    if units.len() > 255 {
        return Err(Fail::Unsupported(
            "a password longer than 255 characters".into(),
        ));
    }
    Ok(units.iter().flat_map(|u| u.to_le_bytes()).collect())
}

/// The plain package size from the first 8 bytes of `EncryptedPackage` ([MS-OFFCRYPTO]
/// §2.3.4.4), checked against what the stream holds once padded to `block` bytes. Returns the
/// size and the number of encrypted bytes (after the size field) to decrypt.
fn stated_size(stream: &[u8], block: usize) -> Result<(usize, usize)> {
    let (size, data) = stream
        .split_first_chunk::<8>()
        .ok_or_else(|| Fail::Package("the EncryptedPackage stream is too short".into()))?;
    let size = u64::from_le_bytes(*size);
    let padded = usize::try_from(size)
        .ok()
        .and_then(|s| s.checked_next_multiple_of(block))
        .filter(|&p| p <= data.len())
        .ok_or_else(|| {
            Fail::Package(format!(
                "the package states {size} bytes but the stream holds only {}",
                data.len()
            ))
        })?;
    Ok((size as usize, padded))
}

/// Hash algorithms of the schemes ([MS-OFFCRYPTO] §2.3.4.10 `ST_HashAlgorithm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HashAlg {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlg {
    fn from_name(name: &str) -> Result<Self> {
        match name {
            "SHA1" | "SHA-1" => Ok(Self::Sha1),
            "SHA256" | "SHA-256" => Ok(Self::Sha256),
            "SHA384" | "SHA-384" => Ok(Self::Sha384),
            "SHA512" | "SHA-512" => Ok(Self::Sha512),
            other => Err(Fail::Unsupported(format!("hash algorithm {other}"))),
        }
    }

    /// The digest length in bytes.
    fn size(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }

    /// H(parts[0] || parts[1] || ...).
    fn hash(self, parts: &[&[u8]]) -> Vec<u8> {
        fn with<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut d = D::new();
            for p in parts {
                d.update(p);
            }
            d.finalize().to_vec()
        }
        match self {
            Self::Sha1 => with::<sha1::Sha1>(parts),
            Self::Sha256 => with::<sha2::Sha256>(parts),
            Self::Sha384 => with::<sha2::Sha384>(parts),
            Self::Sha512 => with::<sha2::Sha512>(parts),
        }
    }

    /// The iterated password hash shared by both schemes ([MS-OFFCRYPTO] §2.3.4.7 and
    /// §2.3.4.11): H0 = H(salt || password), then Hn = H(iterator || Hn-1) with the iterator
    /// as a 32-bit little-endian number, for `spin_count` rounds.
    fn spin(self, salt: &[u8], password: &[u8], spin_count: u32) -> Vec<u8> {
        fn with<D: Digest>(salt: &[u8], password: &[u8], spin_count: u32) -> Vec<u8> {
            let mut h = D::new()
                .chain_update(salt)
                .chain_update(password)
                .finalize();
            for i in 0..spin_count {
                h = D::new()
                    .chain_update(i.to_le_bytes())
                    .chain_update(&h)
                    .finalize();
            }
            h.to_vec()
        }
        match self {
            Self::Sha1 => with::<sha1::Sha1>(salt, password, spin_count),
            Self::Sha256 => with::<sha2::Sha256>(salt, password, spin_count),
            Self::Sha384 => with::<sha2::Sha384>(salt, password, spin_count),
            Self::Sha512 => with::<sha2::Sha512>(salt, password, spin_count),
        }
    }

    /// Whether HMAC(key, message) equals `expected` (compared in constant time).
    fn hmac_matches(self, key: &[u8], message: &[u8], expected: &[u8]) -> bool {
        fn with<M: hmac::Mac + KeyInit>(key: &[u8], message: &[u8], expected: &[u8]) -> bool {
            // HMAC takes keys of any length (RFC 2104 §2), so this cannot fail.
            let Ok(mut mac) = <M as KeyInit>::new_from_slice(key) else {
                return false;
            };
            mac.update(message);
            mac.verify_slice(expected).is_ok()
        }
        match self {
            Self::Sha1 => with::<hmac::Hmac<sha1::Sha1>>(key, message, expected),
            Self::Sha256 => with::<hmac::Hmac<sha2::Sha256>>(key, message, expected),
            Self::Sha384 => with::<hmac::Hmac<sha2::Sha384>>(key, message, expected),
            Self::Sha512 => with::<hmac::Hmac<sha2::Sha512>>(key, message, expected),
        }
    }
}

/// `bytes` cut or padded with `pad` to `len` bytes, as key and IV generation require
/// ([MS-OFFCRYPTO] §2.3.4.11, §2.3.4.12).
fn fit(mut bytes: Vec<u8>, len: usize, pad: u8) -> Vec<u8> {
    bytes.resize(len, pad);
    bytes
}

/// AES block size in bytes; both schemes use AES only.
const AES_BLOCK: usize = 16;

/// Decrypts whole AES blocks in place in CBC mode ([MS-OFFCRYPTO] §2.3.4.10
/// `ChainingModeCBC`). `data` must be a multiple of 16 bytes and `iv` 16 bytes long.
fn aes_cbc_decrypt(key: &[u8], iv: &[u8], data: &mut [u8]) -> Result<()> {
    fn with<C: BlockCipherDecrypt<BlockSize = aes::cipher::typenum::U16> + KeyInit>(
        key: &[u8],
        iv: &[u8],
        data: &mut [u8],
    ) -> Result<()> {
        let mut dec = cbc::Decryptor::<C>::new_from_slices(key, iv)
            .map_err(|_| Fail::Info(format!("a {}-byte IV for AES", iv.len())))?;
        let (blocks, rest) = aes::Block::slice_as_chunks_mut(data);
        if !rest.is_empty() {
            return Err(Fail::Info(
                "encrypted data is not a whole number of blocks".into(),
            ));
        }
        dec.decrypt_blocks(blocks);
        Ok(())
    }
    match key.len() {
        16 => with::<aes::Aes128>(key, iv, data),
        24 => with::<aes::Aes192>(key, iv, data),
        32 => with::<aes::Aes256>(key, iv, data),
        n => Err(Fail::Unsupported(format!("a {}-bit AES key", n * 8))),
    }
}

/// Decrypts whole AES blocks in place in ECB mode (Standard encryption, [MS-OFFCRYPTO]
/// §2.3.4.9 and §2.3.4.4). `data` must be a multiple of 16 bytes.
fn aes_ecb_decrypt(key: &[u8], data: &mut [u8]) -> Result<()> {
    fn with<C: BlockCipherDecrypt<BlockSize = aes::cipher::typenum::U16> + KeyInit>(
        key: &[u8],
        data: &mut [u8],
    ) -> Result<()> {
        let cipher = C::new_from_slice(key)
            .map_err(|_| Fail::Info(format!("a {}-byte AES key", key.len())))?;
        let (blocks, rest) = aes::Block::slice_as_chunks_mut(data);
        if !rest.is_empty() {
            return Err(Fail::Info(
                "encrypted data is not a whole number of blocks".into(),
            ));
        }
        cipher.decrypt_blocks(blocks);
        Ok(())
    }
    match key.len() {
        16 => with::<aes::Aes128>(key, data),
        24 => with::<aes::Aes192>(key, data),
        32 => with::<aes::Aes256>(key, data),
        n => Err(Fail::Unsupported(format!("a {}-bit AES key", n * 8))),
    }
}

/// The plain package: the first `size` bytes after the 8-byte size field of a decrypted stream.
fn plain_package(mut stream: Vec<u8>, size: usize) -> Vec<u8> {
    stream.drain(..8.min(stream.len()));
    stream.truncate(size);
    stream
}

#[cfg(test)]
mod tests;
