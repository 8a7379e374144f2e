//! PowerPoint binary files ([MS-PPT]): the Current User stream, the chain of UserEditAtoms and the
//! persist directory, followed to the DocumentContainer far enough to find a VBA project. Also
//! PowerPoint 4.0 and 95 files, which predate this structure.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom};

use cfb::CompoundFile;

use super::le::u32_at;
use super::ole::read_stream;
use super::{Container, Detection, Format};
use crate::error::DetectError;
use crate::findings::{Finding, FindingKind};

const RT_CURRENT_USER_ATOM: u16 = 0x0FF6;
const RT_USER_EDIT_ATOM: u16 = 0x0FF5;
const RT_PERSIST_DIRECTORY_ATOM: u16 = 0x1772;
const RT_DOCUMENT: u16 = 0x03E8;
const RT_LIST: u16 = 0x07D0;
const RT_VBA_INFO: u16 = 0x03FF;
const RT_VBA_INFO_ATOM: u16 = 0x0400;
/// CurrentUserAtom.headerToken ([MS-PPT] §2.3.2).
const TOKEN_PLAIN: u32 = 0xE391_C05F;
const TOKEN_ENCRYPTED: u32 = 0xF3D1_C4DF;
/// Bounds on hostile chains: real files have a few dozen incremental saves at most.
const MAX_EDITS: usize = 4096;
const MAX_PERSIST_DIRECTORY: u32 = 16 << 20;
/// All persist directories of one file together; real files stay far below.
const MAX_PERSIST_TOTAL: u64 = 64 << 20;

/// A record header ([MS-PPT] §2.3.1): version/instance, type, length.
fn header<S: Read>(s: &mut S) -> std::io::Result<(u16, u16, u32)> {
    let mut h = [0u8; 8];
    s.read_exact(&mut h)?;
    Ok((
        u16::from_le_bytes([h[0], h[1]]),
        u16::from_le_bytes([h[2], h[3]]),
        u32::from_le_bytes([h[4], h[5], h[6], h[7]]),
    ))
}

pub(super) fn detect<R: Read + Seek>(
    cfb: &mut CompoundFile<R>,
    has_current_user: bool,
    has_pp40: bool,
) -> Result<Detection, DetectError> {
    let old = |variant: &str| {
        let mut d = Detection::new(Format::Ppt, Container::Cfb).with_variant(variant);
        d.findings.push(Finding::new(FindingKind::OldFormat {
            variant: variant.to_string(),
        }));
        d
    };
    if has_pp40 {
        return Ok(old("PowerPoint 4.0"));
    }
    let cu = if has_current_user {
        read_stream(cfb, "Current User", 4096)?
    } else {
        Vec::new()
    };
    let rec_type = cu.get(2..4).map(|b| u16::from_le_bytes([b[0], b[1]]));
    if rec_type != Some(RT_CURRENT_USER_ATOM) || cu.len() < 20 {
        // PowerPoint 95 keeps a short Current User stream and no UserEditAtom chain.
        if cfb.is_stream("Header") || cfb.is_stream("PersistentStorage Directory") {
            return Ok(old("PowerPoint 95"));
        }
        return Err(DetectError::corrupt(
            "PowerPoint presentation",
            "the Current User stream is missing or damaged",
        ));
    }
    let token = u32_at(&cu, 12).unwrap_or(0);
    let offset_to_current_edit = u32_at(&cu, 16).unwrap_or(0);
    let mut d = Detection::new(Format::Ppt, Container::Cfb);
    match token {
        TOKEN_PLAIN => {}
        TOKEN_ENCRYPTED => {
            d.encrypted = true;
            d.variant = Some("RC4 CryptoAPI encryption".into());
        }
        other => {
            return Err(DetectError::corrupt(
                "PowerPoint presentation",
                format!("unknown Current User header token {other:#010x}"),
            ));
        }
    }

    let mut s = cfb
        .open_stream("PowerPoint Document")
        .map_err(|e| DetectError::Cfb(format!("stream PowerPoint Document: {e}")))?;
    let persist = read_edit_chain(&mut s, offset_to_current_edit)?;
    if !d.encrypted && find_vba(&mut s, &persist)? {
        d.macros = true;
        d.findings.push(Finding::at(
            FindingKind::VbaMacros,
            "PowerPoint Document/VBAInfoAtom",
        ));
    }
    Ok(d)
}

/// The newest document state: the DocumentContainer offset and the persist directory.
struct Persist {
    document_ref: u32,
    offsets: HashMap<u32, u32>,
}

/// Follows UserEditAtom.offsetLastEdit back to the first save ([MS-PPT] §2.3.3), merging the
/// persist directories (newest entry wins). Each older edit must lie before the newer one; a chain
/// that loops or points outside the stream is damage.
fn read_edit_chain<S: Read + Seek>(s: &mut S, first: u32) -> Result<Persist, DetectError> {
    let bad = |detail: String| DetectError::corrupt("PowerPoint presentation", detail);
    let len = s.seek(SeekFrom::End(0))?;
    let mut offsets = HashMap::new();
    let mut seen = HashSet::new();
    let mut directories = HashSet::new();
    let mut directory_bytes = 0u64;
    let mut document_ref = None;
    let mut at = first;
    for _ in 0..MAX_EDITS {
        if !seen.insert(at) {
            return Err(bad(format!("the UserEditAtom chain loops at offset {at}")));
        }
        if u64::from(at) + 8 + 20 > len {
            return Err(bad(format!(
                "a UserEditAtom offset {at} lies outside the stream"
            )));
        }
        s.seek(SeekFrom::Start(u64::from(at)))?;
        let (_, kind, _) = header(s)?;
        if kind != RT_USER_EDIT_ATOM {
            return Err(bad(format!(
                "no UserEditAtom at offset {at} (record {kind:#06x})"
            )));
        }
        let mut body = [0u8; 20];
        s.read_exact(&mut body)?;
        let last_edit = u32_at(&body, 8).unwrap_or(0);
        let persist_dir = u32_at(&body, 12).unwrap_or(0);
        document_ref.get_or_insert(u32_at(&body, 16).unwrap_or(0));
        // Every save writes its own directory; one shared by two edits is damage (and would
        // make a hostile file re-read the same directory thousands of times).
        if !directories.insert(persist_dir) {
            return Err(bad(format!(
                "two UserEditAtoms share the persist directory at {persist_dir}"
            )));
        }
        directory_bytes += read_persist_directory(s, persist_dir, len, &mut offsets)?;
        if directory_bytes > MAX_PERSIST_TOTAL {
            return Err(bad("the persist directories are implausibly large".into()));
        }
        if last_edit == 0 {
            return Ok(Persist {
                document_ref: document_ref.unwrap_or(0),
                offsets,
            });
        }
        if last_edit >= at {
            return Err(bad(format!(
                "the UserEditAtom at {at} names {last_edit} as its predecessor, which is not earlier in the stream"
            )));
        }
        at = last_edit;
    }
    Err(bad("the UserEditAtom chain is too long".into()))
}

/// PersistDirectoryAtom ([MS-PPT] §2.3.4): runs of (persistId:20, cPersist:12) then offsets.
fn read_persist_directory<S: Read + Seek>(
    s: &mut S,
    at: u32,
    len: u64,
    offsets: &mut HashMap<u32, u32>,
) -> Result<u64, DetectError> {
    let bad = |detail: String| DetectError::corrupt("PowerPoint presentation", detail);
    s.seek(SeekFrom::Start(u64::from(at)))?;
    let (_, kind, size) = header(s)?;
    if kind != RT_PERSIST_DIRECTORY_ATOM
        || size > MAX_PERSIST_DIRECTORY
        || u64::from(at) + 8 + u64::from(size) > len
    {
        return Err(bad(format!("no valid PersistDirectoryAtom at offset {at}")));
    }
    let mut body = vec![0u8; size as usize];
    s.read_exact(&mut body)?;
    let mut i = 0;
    while i + 4 <= body.len() {
        let entry = u32_at(&body, i).unwrap_or(0);
        let (id, count) = (entry & 0x000F_FFFF, entry >> 20);
        i += 4;
        for k in 0..count {
            let Some(offset) = u32_at(&body, i) else {
                return Err(bad("the persist directory is truncated".into()));
            };
            offsets.entry(id.wrapping_add(k)).or_insert(offset);
            i += 4;
        }
    }
    Ok(u64::from(size))
}

/// Looks for DocumentContainer → DocInfoListContainer → VBAInfoContainer → VBAInfoAtom with
/// fHasMacros set ([MS-PPT] §2.4.10). Only record headers are read on the way.
fn find_vba<S: Read + Seek>(s: &mut S, persist: &Persist) -> Result<bool, DetectError> {
    let Some(&doc) = persist.offsets.get(&persist.document_ref) else {
        return Err(DetectError::corrupt(
            "PowerPoint presentation",
            "the persist directory has no DocumentContainer",
        ));
    };
    s.seek(SeekFrom::Start(u64::from(doc)))?;
    let (_, kind, size) = header(s)?;
    if kind != RT_DOCUMENT {
        return Err(DetectError::corrupt(
            "PowerPoint presentation",
            format!("no DocumentContainer at offset {doc}"),
        ));
    }
    let Some((list_start, list_len)) = find_child(s, u64::from(doc) + 8, size, RT_LIST)? else {
        return Ok(false);
    };
    let Some((vba_start, vba_len)) = find_child(s, list_start, list_len, RT_VBA_INFO)? else {
        return Ok(false);
    };
    let Some((atom_start, atom_len)) = find_child(s, vba_start, vba_len, RT_VBA_INFO_ATOM)? else {
        return Ok(false);
    };
    if atom_len < 8 {
        return Ok(false);
    }
    s.seek(SeekFrom::Start(atom_start + 4))?;
    let mut flag = [0u8; 4];
    s.read_exact(&mut flag)?;
    Ok(u32::from_le_bytes(flag) != 0)
}

/// The body (start, length) of the first child record of type `wanted` within a container body.
fn find_child<S: Read + Seek>(
    s: &mut S,
    start: u64,
    len: u32,
    wanted: u16,
) -> Result<Option<(u64, u32)>, DetectError> {
    let end = start + u64::from(len);
    let mut at = start;
    while at + 8 <= end {
        s.seek(SeekFrom::Start(at))?;
        let (_, kind, size) = header(s)?;
        if kind == wanted {
            return Ok(Some((at + 8, size)));
        }
        at += 8 + u64::from(size);
    }
    Ok(None)
}
