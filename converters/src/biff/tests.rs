//! Tests of the BIFF record reader on hand-built record bytes.

use super::globals::{self, Version};
use super::records::{MAX_JOINED, MAX_RECORD, Reader, Records};
use super::sheet;
use crate::sheet::Underline;
use crate::units::Rgb;

/// One record: type, size, data.
fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut v = typ.to_le_bytes().to_vec();
    v.extend_from_slice(&(data.len() as u16).to_le_bytes());
    v.extend_from_slice(data);
    v
}

fn u16s(values: &[u16]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn bof(dt: u16) -> Vec<u8> {
    rec(0x0809, &u16s(&[0x0600, dt, 0, 0, 0, 0, 0, 0]))
}

fn eof() -> Vec<u8> {
    rec(0x000A, &[])
}

#[test]
fn records_join_their_continue_records() {
    let mut s = rec(0x0031, b"abc");
    s.extend(rec(0x003C, b"de"));
    s.extend(rec(0x003C, b"f"));
    s.extend(rec(0x000A, &[]));
    let all: Vec<_> = Records::at(&s, 0).collect();
    assert_eq!(all.len(), 2);
    let first = all[0].as_ref().ok();
    assert_eq!(
        first.map(|r| (r.typ, &r.data[..])),
        Some((0x0031, &b"abcdef"[..]))
    );
    assert_eq!(first.map(|r| r.breaks.clone()), Some(vec![3, 5]));
    assert_eq!(
        all[1].as_ref().ok().map(|r| (r.typ, r.offset)),
        Some((0x000A, 18))
    );
}

#[test]
fn truncated_and_oversized_records_are_errors() {
    // A header cut short.
    let mut s = rec(0x0031, b"ab");
    s.extend([0x0A, 0x00, 0x00]);
    let r: Vec<_> = Records::at(&s, 0).collect();
    assert_eq!(r.len(), 2);
    assert!(r[1].as_ref().is_err_and(|e| e.0.contains("truncated")));
    // Data running past the end.
    let mut s = rec(0x0031, b"abcd");
    s.truncate(6);
    let r: Vec<_> = Records::at(&s, 0).collect();
    assert!(r.len() == 1 && r[0].as_ref().is_err_and(|e| e.0.contains("past the end")));
    // A size above the BIFF8 maximum, with the data present.
    let mut s = 0x0031u16.to_le_bytes().to_vec();
    s.extend(((MAX_RECORD + 1) as u16).to_le_bytes());
    s.resize(s.len() + MAX_RECORD + 1, 0);
    let r: Vec<_> = Records::at(&s, 0).collect();
    assert!(r.len() == 1 && r[0].as_ref().is_err_and(|e| e.0.contains("claims")));
    // An offset beyond the stream.
    let r: Vec<_> = Records::at(&s, s.len() + 10).collect();
    assert!(r.len() == 1 && r[0].is_err());
}

#[test]
fn continue_records_stop_at_the_joined_limit() {
    let chunk = vec![0u8; MAX_RECORD];
    let mut s = rec(0x00FC, &chunk);
    for _ in 0..(MAX_JOINED / MAX_RECORD + 1) {
        s.extend(rec(0x003C, &chunk));
    }
    let r: Vec<_> = Records::at(&s, 0).collect();
    assert!(r.len() == 1 && r[0].as_ref().is_err_and(|e| e.0.contains("continues past")));
}

#[test]
fn strings_switch_width_at_a_continue() {
    // "ab" in two-byte characters, then the CONTINUE repeats the flags: one-byte "cd".
    let mut s = rec(0x041E, &[4, 0, 1, b'a', 0, b'b', 0]);
    s.extend(rec(0x003C, &[0, b'c', b'd']));
    let r = Records::at(&s, 0).next().and_then(Result::ok);
    let text = r.as_ref().and_then(|r| {
        let mut rd = Reader::new(r);
        let cch = usize::from(rd.u16()?);
        rd.unicode(cch)
    });
    assert_eq!(text.as_deref(), Some("abcd"));
    // A claimed length beyond the data gives nothing, without allocating for the claim.
    assert_eq!(Reader::of(&[0, b'x']).unicode(60_000), None);
}

/// A BIFF8 globals substream with one font, one format, a palette, the Normal style XF, a cell
/// XF and one sheet whose BOF is at `sheet_at`.
fn globals_stream(sheet_at: u32) -> Vec<u8> {
    let mut s = bof(0x0005);
    // FONT: 12 pt, italic, colour 10, bold, single underline, name "Arial" (one-byte chars).
    let mut font = u16s(&[240, 0x0002, 10, 700, 0]);
    font.extend([1, 0, 0, 0, 5, 0]);
    font.extend(b"Arial");
    s.extend(rec(0x0031, &font));
    // FORMAT 164 "0.0%".
    let mut f = u16s(&[164, 4]);
    f.push(0);
    f.extend(b"0.0%");
    s.extend(rec(0x041E, &f));
    // XF 0: the Normal style (fStyle), General, locked.
    let mut xf0 = u16s(&[0, 0, 0xFFF5]);
    xf0.extend([0x20, 0, 0, 0]);
    xf0.extend([0u8; 10]);
    s.extend(rec(0x00E0, &xf0));
    // XF 1: a cell XF with format 164, centred and wrapped, turned 45°, a thin red left
    // line, a double bottom line, a solid fill of colour 12, unlocked.
    let mut xf1 = u16s(&[0, 164, 0x0000]);
    xf1.extend([0x02 | 0x08 | 0x10, 45, 0x02, 0]);
    let b1: u32 = 1 | (6 << 12) | (10 << 16);
    let b2: u32 = 1 << 26;
    xf1.extend(b1.to_le_bytes());
    xf1.extend(b2.to_le_bytes());
    xf1.extend((12u16 | (65 << 7)).to_le_bytes());
    s.extend(rec(0x00E0, &xf1));
    // PALETTE: colour 8 replaced, 9 and up as given (10 = red, 12 = a blue).
    let mut pal = u16s(&[5]);
    for c in [
        [1, 2, 3, 0],
        [0, 0, 0, 0],
        [255, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 200, 0],
    ] {
        pal.extend(c);
    }
    s.extend(rec(0x0092, &pal));
    // STYLE: built-in Normal on XF 0.
    s.extend(rec(0x0293, &[0x00, 0x80, 0x00, 0xFF]));
    // BOUNDSHEET: worksheet "S1".
    let mut bs = sheet_at.to_le_bytes().to_vec();
    bs.extend([0, 0, 2, 0]);
    bs.extend(b"S1");
    s.extend(rec(0x0085, &bs));
    s.extend(eof());
    s
}

#[test]
fn globals_resolve_into_cell_styles() {
    let s = globals_stream(0);
    let g = globals::read(&s).ok();
    let g = g.as_ref();
    assert_eq!(g.map(|g| g.version), Some(Version::Biff8));
    assert_eq!(
        g.map(|g| (g.sheets.len(), g.sheets[0].name.as_str(), g.end)),
        Some((1, "S1", s.len() - 4))
    );
    let styles = g.map(|g| g.styles()).unwrap_or_default();
    assert_eq!(styles.len(), 2);
    let normal = &styles[0];
    assert_eq!(normal.num_fmt, "General");
    assert_eq!(normal.font.name.as_deref(), Some("Arial"));
    assert_eq!(normal.font.size, Some(12.0));
    assert!(normal.font.bold && normal.font.italic);
    assert_eq!(normal.font.underline, Some(Underline::Single));
    assert_eq!(normal.font.color, Some(Rgb(255, 0, 0)));
    let cell = &styles[1];
    assert_eq!(cell.num_fmt, "0.0%");
    assert_eq!(cell.alignment.horizontal.as_deref(), Some("center"));
    assert!(cell.alignment.wrap);
    assert_eq!(cell.alignment.rotation, 45);
    assert_eq!(cell.alignment.indent, 2);
    assert_eq!(cell.fill, Some(Rgb(0, 0, 200)));
    let left = cell.border.left.as_ref();
    assert_eq!(
        left.map(|l| (l.style.as_str(), l.color)),
        Some(("thin", Some(Rgb(255, 0, 0))))
    );
    assert_eq!(
        cell.border.bottom.as_ref().map(|l| l.style.as_str()),
        Some("double")
    );
    assert!(!cell.protection.locked);
}

#[test]
fn biff5_cell_formats() {
    // Stacked text, bottom line 2 (medium) in colour 8, solid fill of colour 9, top line 1.
    let mut xf = u16s(&[0, 2, 0x0001]);
    xf.extend([0x03, 0x01]);
    let a: u32 = 9 | (1 << 16) | (2 << 22) | (8 << 25);
    let b: u32 = 1 | (8 << 9);
    xf.extend(a.to_le_bytes());
    xf.extend(b.to_le_bytes());
    let x = globals::xf5(&xf);
    assert_eq!(
        x.as_ref().map(|x| (x.rotation, x.alc, x.pattern, x.fore)),
        Some((255, 3, 1, 9))
    );
    assert_eq!(
        x.as_ref().map(|x| x.lines),
        Some([(0, 0), (0, 0), (1, 8), (2, 8)])
    );
    assert_eq!(globals::xf5(&xf[..10]), None);
}

#[test]
fn globals_refuse_other_versions_and_encryption() {
    let biff4 = rec(0x0809, &u16s(&[0x0400, 5]));
    assert!(globals::read(&biff4).is_err_and(|e| e.0.contains("not BIFF5 or BIFF8")));
    let mut enc = bof(5);
    enc.extend(rec(0x002F, &[1, 0, 1, 0]));
    assert!(globals::read(&enc).is_err_and(|e| e.0.contains("encrypted")));
    let mut open = bof(5);
    open.extend(rec(0x0031, &[1, 2]));
    assert!(globals::read(&open).is_err_and(|e| e.0.contains("without an EOF")));
}

fn sheet_stream() -> Vec<u8> {
    let mut s = bof(0x0010);
    s.extend(rec(0x0055, &u16s(&[10])));
    s.extend(rec(0x0225, &u16s(&[0, 300])));
    // COLINFO B:D, width 20 characters, XF 1, hidden.
    s.extend(rec(0x007D, &u16s(&[1, 3, 20 * 256, 1, 1, 0])));
    // ROW 2: 30 pt set by hand, with XF 1 for its empty cells.
    s.extend(rec(
        0x0208,
        &u16s(&[2, 0, 4, 600, 0, 0, 0x0040 | 0x0080, 1]),
    ));
    // NUMBER at (2, 1) with XF 1.
    let mut n = u16s(&[2, 1, 1]);
    n.extend(1.5f64.to_le_bytes());
    s.extend(rec(0x0203, &n));
    // MULBLANK row 3, columns 0..=2 with XFs 1, 0, 1.
    s.extend(rec(0x00BE, &u16s(&[3, 0, 1, 0, 1, 2])));
    // An embedded chart substream: its records are not the sheet's.
    s.extend(bof(0x0020));
    s.extend(rec(0x0201, &u16s(&[9, 9, 1])));
    s.extend(eof());
    // Frozen at one row and two columns; the cursor in the bottom right pane.
    s.extend(rec(0x023E, &u16s(&[0x0008 | 0x0200, 0, 0, 0, 0])));
    let mut pane = u16s(&[2, 1, 1, 2]);
    pane.push(0);
    s.extend(rec(0x0041, &pane));
    let mut sel = vec![0u8];
    sel.extend(u16s(&[5, 6, 0, 0]));
    s.extend(rec(0x001D, &sel));
    s.extend(eof());
    s
}

#[test]
fn sheet_records_give_positions_and_sizes() {
    let s = sheet_stream();
    let mut budget = 100;
    let f = sheet::read(&s, 0, &[], &mut budget);
    let f = f.as_ref().ok();
    assert_eq!(
        f.map(|f| f.cells.clone()),
        Some(vec![((2, 1), 1), ((3, 0), 1), ((3, 1), 0), ((3, 2), 1)])
    );
    assert_eq!(budget, 96);
    assert_eq!(
        f.map(|f| (f.base_width, f.default_height)),
        Some((Some(10), Some((300, false))))
    );
    let col = f.and_then(|f| f.cols.first());
    assert_eq!(
        col.map(|c| (c.first, c.last, c.width, c.hidden)),
        Some((1, 3, 5120, true))
    );
    let row = f.and_then(|f| f.rows.first());
    assert_eq!(
        row.map(|r| (r.index, r.height, r.custom, r.xf)),
        Some((2, 600, true, Some(1)))
    );
    assert_eq!(f.and_then(|f| f.frozen), Some((2, 1, 1, 2)));
    assert_eq!(
        f.map(|f| (f.selected, f.cursor)),
        Some((true, Some((5, 6))))
    );
    assert!(f.is_some_and(|f| f.unsupported.iter().any(|u| u.contains("charts"))));
}

#[test]
fn hostile_sheets_end_in_errors() {
    let s = sheet_stream();
    // Cut short: no EOF.
    let mut budget = 100;
    assert!(sheet::read(&s[..s.len() - 4], 0, &[], &mut budget).is_err());
    // The cell budget runs out.
    let mut budget = 2;
    assert!(sheet::read(&s, 0, &[], &mut budget).is_err_and(|e| e.0.contains("too many cells")));
    // A sheet offset that points at no BOF.
    let mut budget = 100;
    assert!(sheet::read(&s, 4, &[], &mut budget).is_err());
    assert!(sheet::read(&s, usize::MAX, &[], &mut budget).is_err());
    // A MULBLANK claiming more columns than it has bytes stops at its data.
    let mut m = bof(0x0010);
    m.extend(rec(0x00BE, &u16s(&[0, 0, 1, 0xFFFF])));
    m.extend(eof());
    let f = sheet::read(&m, 0, &[], &mut budget);
    assert_eq!(f.map(|f| f.cells.len()).ok(), Some(1));
}

#[test]
fn a_workbook_gets_styles_and_sheet_formats() {
    let mut stream = globals_stream(0);
    let at = stream.len() as u32;
    stream = globals_stream(at);
    stream.extend(sheet_stream());
    let g = globals::read(&stream);
    assert!(g.is_ok_and(|g| g.sheets[0].offset == at as usize));
    // Not a compound file: a clear error.
    let mut budget = 100;
    assert!(super::read(&stream, &mut budget).is_err_and(|e| e.0.contains("compound file")));
}

/// The reader on real streams (BIFF8 and BIFF5), then on copies with bytes flipped, cut short
/// and with sheet offsets anywhere: a result or an error, never a panic.
#[test]
fn damaged_streams_never_panic() {
    let files: [&[u8]; 2] = [
        include_bytes!("../../../assets/samples/tika__test.xls"),
        include_bytes!("../../tests/fixtures/biff5_formula.xls"),
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for file in files {
        let mut budget = 1_000_000;
        let f = super::read(file, &mut budget);
        assert!(
            f.as_ref()
                .is_ok_and(|f| f.styles.len() > 1 && !f.sheets.is_empty()),
            "{f:?}"
        );
        let Ok(stream) = super::workbook_stream(file) else {
            panic!("no workbook stream");
        };
        for round in 0..300 {
            let mut s = stream.clone();
            for _ in 0..1 + next() % 6 {
                let at = (next() % s.len() as u64) as usize;
                s[at] = next() as u8;
            }
            if round % 5 == 0 {
                s.truncate((next() % s.len() as u64) as usize);
            }
            let mut budget = 1_000_000;
            if let Ok(g) = globals::read(&s) {
                let _ = g.styles();
                for b in &g.sheets {
                    let _ = sheet::read(&s, b.offset, &g.links.external, &mut budget);
                }
            }
            let _ = sheet::read(
                &s,
                (next() % (s.len() as u64 + 8)) as usize,
                &[],
                &mut budget,
            );
        }
    }
}

#[test]
fn rich_shared_strings_keep_their_runs() {
    // SST: totals, then "ab" plain, then "Hello" with two runs (ich 0 font 1, ich 2 font 0),
    // its characters split by a CONTINUE that switches to two-byte characters.
    let mut sst = vec![0u8; 8];
    sst.extend([2, 0, 0, b'a', b'b']);
    sst.extend([5, 0, 0x08, 2, 0, b'H', b'e']);
    let mut s = rec(0x00FC, &sst);
    let mut more = vec![1u8];
    more.extend(u16s(&[u16::from(b'l'), u16::from(b'l'), u16::from(b'o')]));
    more.extend(u16s(&[0, 1, 2, 0]));
    s.extend(rec(0x003C, &more));
    let r = Records::at(&s, 0).next().and_then(Result::ok);
    let rich = r.as_ref().map(super::sst::rich_strings).unwrap_or_default();
    assert_eq!(rich.len(), 1);
    let (units, runs) = &rich[&1];
    assert_eq!(String::from_utf16_lossy(units), "Hello");
    assert_eq!(runs, &vec![(0, 1), (2, 0)]);
    // A claimed run count beyond the data ends the table without a panic.
    let mut bad = vec![0u8; 8];
    bad.extend([1, 0, 0x08, 0xFF, 0xFF, b'x', 0, 0]);
    let r = rec(0x00FC, &bad);
    let r = Records::at(&r, 0).next().and_then(Result::ok);
    assert!(
        r.as_ref()
            .map(super::sst::rich_strings)
            .unwrap_or_default()
            .is_empty()
    );
}
