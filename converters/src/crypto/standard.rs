//! Standard encryption ([MS-OFFCRYPTO] §2.3.4.5–§2.3.4.9): the binary EncryptionHeader and
//! EncryptionVerifier, SHA-1 key derivation with 50,000 rounds, and the AES-ECB package.

use super::{AES_BLOCK, Fail, HashAlg, Result, aes_ecb_decrypt};

/// Fixed number of hash rounds of the Standard key derivation (§2.3.4.7).
const SPIN_COUNT: u32 = 50_000;

/// `EncryptionHeaderFlags` bits (§2.3.1).
const F_EXTERNAL: u32 = 0x10;
const F_AES: u32 = 0x20;

/// `AlgID` values (§2.3.2).
const ALG_FROM_FLAGS: u32 = 0;
const ALG_AES_128: u32 = 0x660E;
const ALG_AES_192: u32 = 0x660F;
const ALG_AES_256: u32 = 0x6610;
/// `AlgIDHash` values (§2.3.2): 0 means SHA-1 too.
const HASH_SHA1: u32 = 0x8004;

/// A parsed Standard `EncryptionInfo` stream.
#[derive(Debug)]
pub(super) struct Standard {
    key_bytes: usize,
    salt: Vec<u8>,
    /// EncryptedVerifier: 16 bytes.
    verifier: Vec<u8>,
    /// EncryptedVerifierHash: 32 bytes for AES (a 20-byte SHA-1 hash padded to blocks).
    verifier_hash: Vec<u8>,
}

/// Reads little-endian 32-bit fields from a byte slice, failing on truncation.
struct Fields<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> Fields<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.bytes.len() < n {
            return Err(Fail::Info(format!("the {} is truncated", self.what)));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

impl Standard {
    /// Parses the whole stream: Version, Flags, HeaderSize, EncryptionHeader (§2.3.2),
    /// EncryptionVerifier (§2.3.3).
    pub(super) fn parse(info: &[u8]) -> Result<Self> {
        let mut f = Fields {
            bytes: info,
            what: "EncryptionInfo stream",
        };
        f.take(4)?; // Version, already matched
        let outer_flags = f.u32()?;
        let header_size = f.u32()? as usize;
        let mut header = Fields {
            bytes: f.take(header_size)?,
            what: "EncryptionHeader",
        };
        let flags = header.u32()?;
        header.u32()?; // SizeExtra
        let alg = header.u32()?;
        let alg_hash = header.u32()?;
        let key_bits = header.u32()?;
        // ProviderType, reserved fields and the CSP name do not matter for decryption.

        if (flags | outer_flags) & F_EXTERNAL != 0 {
            return Err(Fail::Unsupported("Extensible encryption".into()));
        }
        let alg_bits = match alg {
            ALG_AES_128 => 128,
            ALG_AES_192 => 192,
            ALG_AES_256 => 256,
            ALG_FROM_FLAGS if flags & F_AES != 0 => 128,
            _ => {
                return Err(Fail::Unsupported(format!(
                    "Standard encryption with algorithm 0x{alg:04X}"
                )));
            }
        };
        let key_bits = if key_bits == 0 { alg_bits } else { key_bits };
        if key_bits != alg_bits {
            return Err(Fail::Info(format!(
                "a {key_bits}-bit key for a {alg_bits}-bit algorithm"
            )));
        }
        if !matches!(alg_hash, 0 | HASH_SHA1) {
            return Err(Fail::Unsupported(format!(
                "Standard encryption with hash 0x{alg_hash:04X}"
            )));
        }

        let mut v = Fields {
            bytes: f.bytes,
            what: "EncryptionVerifier",
        };
        let salt_size = v.u32()?;
        if salt_size != 16 {
            return Err(Fail::Info(format!(
                "a salt of {salt_size} bytes (must be 16)"
            )));
        }
        let salt = v.take(16)?.to_vec();
        let verifier = v.take(16)?.to_vec();
        let hash_size = v.u32()?;
        if hash_size != 20 {
            return Err(Fail::Info(format!(
                "a verifier hash of {hash_size} bytes (must be 20)"
            )));
        }
        let verifier_hash = v.take(32)?.to_vec();
        Ok(Self {
            key_bytes: key_bits as usize / 8,
            salt,
            verifier,
            verifier_hash,
        })
    }

    /// The key if `password` (UTF-16LE) is right, `None` if wrong (§2.3.4.9).
    pub(super) fn key(&self, password: &[u8]) -> Result<Option<Vec<u8>>> {
        let key = derive_key(&self.salt, password, self.key_bytes);
        let sha1 = HashAlg::Sha1;
        // The decrypted verifier's SHA-1 hash equals the decrypted verifier hash.
        let mut verifier = self.verifier.clone();
        aes_ecb_decrypt(&key, &mut verifier)?;
        let mut expected = self.verifier_hash.clone();
        aes_ecb_decrypt(&key, &mut expected)?;
        if expected.get(..sha1.size()) != Some(sha1.hash(&[&verifier]).as_slice()) {
            return Ok(None);
        }
        Ok(Some(key))
    }

    /// Decrypts the package: AES-ECB over the whole stream after the size field (§2.3.4.4).
    pub(super) fn decrypt(&self, key: &[u8], mut stream: Vec<u8>) -> Result<Vec<u8>> {
        let (size, padded) = super::stated_size(&stream, AES_BLOCK)?;
        let data = stream
            .get_mut(8..8 + padded)
            .ok_or_else(|| Fail::Package("the stream is shorter than it states".into()))?;
        aes_ecb_decrypt(key, data)?;
        Ok(super::plain_package(stream, size))
    }
}

/// The key of `key_bytes` bytes (at most 40) for `password` (UTF-16LE) and `salt` (§2.3.4.7).
pub(super) fn derive_key(salt: &[u8], password: &[u8], key_bytes: usize) -> Vec<u8> {
    let sha1 = HashAlg::Sha1;
    let spun = sha1.spin(salt, password, SPIN_COUNT);
    // Block number 0.
    let h_final = sha1.hash(&[&spun, &0u32.to_le_bytes()]);
    // cbRequiredKeyLength bytes: X1 = H(0x36 * 64 XOR Hfinal), X2 = H(0x5C * 64 XOR Hfinal),
    // the key is the first bytes of X1 || X2.
    let derive = |pad: u8| {
        let mut buf = [pad; 64];
        for (b, h) in buf.iter_mut().zip(&h_final) {
            *b ^= h;
        }
        sha1.hash(&[&buf])
    };
    let mut key = derive(0x36);
    key.extend(derive(0x5C));
    key.truncate(key_bytes);
    key
}
