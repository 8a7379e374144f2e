//! A1 references: parsing (`A1`, `$A$1`, `A1:B2`, `A:A`, `1:1`), shifting for shared formulas,
//! and writing them in Excel and in OpenFormula (ODF 1.3 Part 4 §5.8) notation.

/// Excel's grid (ECMA-376 Part 1 §18.3.1.73 row limit, §18.3.1.13 column limit XFD).
pub(crate) const MAX_ROWS: u32 = 1_048_576;
pub(crate) const MAX_COLS: u32 = 16_384;

/// One cell corner, 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    pub col: u32,
    pub row: u32,
    pub col_abs: bool,
    pub row_abs: bool,
}

/// The shape of a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Area {
    Cell(Cell),
    Range(Cell, Cell),
    /// Whole columns `A:C`: (index, absolute) pairs.
    Cols((u32, bool), (u32, bool)),
    /// Whole rows `1:3`.
    Rows((u32, bool), (u32, bool)),
}

fn dollar(chars: &[char], i: &mut usize) -> bool {
    if chars.get(*i) == Some(&'$') {
        *i += 1;
        true
    } else {
        false
    }
}

fn read_col(chars: &[char], i: &mut usize) -> Option<(u32, bool)> {
    let start = *i;
    let abs = dollar(chars, i);
    let mut col: u32 = 0;
    let mut n = 0;
    while let Some(c) = chars.get(*i).filter(|c| c.is_ascii_alphabetic()) {
        n += 1;
        if n > 3 {
            *i = start;
            return None;
        }
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
        *i += 1;
    }
    if n == 0 || col > MAX_COLS {
        *i = start;
        return None;
    }
    Some((col - 1, abs))
}

fn read_row(chars: &[char], i: &mut usize) -> Option<(u32, bool)> {
    let start = *i;
    let abs = dollar(chars, i);
    let mut row: u64 = 0;
    let mut n = 0;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        n += 1;
        row = row * 10 + u64::from(d);
        if row > u64::from(MAX_ROWS) {
            *i = start;
            return None;
        }
        *i += 1;
    }
    if n == 0 || row == 0 {
        *i = start;
        return None;
    }
    u32::try_from(row - 1).ok().map(|r| (r, abs))
}

fn read_cell(chars: &[char], i: &mut usize) -> Option<Cell> {
    let start = *i;
    let Some((col, col_abs)) = read_col(chars, i) else {
        *i = start;
        return None;
    };
    let Some((row, row_abs)) = read_row(chars, i) else {
        *i = start;
        return None;
    };
    Some(Cell {
        col,
        row,
        col_abs,
        row_abs,
    })
}

/// Parses a reference at `i`; returns it and the index after it. The caller checks that no
/// name character follows (so `A1B` or `LOG10(` are not references).
pub(crate) fn parse_area(chars: &[char], i: usize) -> Option<(Area, usize)> {
    let mut k = i;
    if let Some(a) = read_cell(chars, &mut k) {
        let mut m = k;
        if chars.get(m) == Some(&':') {
            m += 1;
            if let Some(b) = read_cell(chars, &mut m) {
                return Some((Area::Range(a, b), m));
            }
        }
        return Some((Area::Cell(a), k));
    }
    let mut k = i;
    if let Some(a) = read_col(chars, &mut k)
        && chars.get(k) == Some(&':')
    {
        let mut m = k + 1;
        if let Some(b) = read_col(chars, &mut m) {
            return Some((Area::Cols(a, b), m));
        }
    }
    let mut k = i;
    if let Some(a) = read_row(chars, &mut k)
        && chars.get(k) == Some(&':')
    {
        let mut m = k + 1;
        if let Some(b) = read_row(chars, &mut m) {
            return Some((Area::Rows(a, b), m));
        }
    }
    None
}

pub(crate) fn col_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + r));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn d(abs: bool) -> &'static str {
    if abs { "$" } else { "" }
}

pub(crate) fn cell_a1(c: &Cell) -> String {
    format!(
        "{}{}{}{}",
        d(c.col_abs),
        col_letters(c.col),
        d(c.row_abs),
        u64::from(c.row) + 1
    )
}

fn col_a1((c, abs): (u32, bool)) -> String {
    format!("{}{}", d(abs), col_letters(c))
}

fn row_a1((r, abs): (u32, bool)) -> String {
    format!("{}{}", d(abs), u64::from(r) + 1)
}

/// The parts of an area as written after a sheet: `A1`, `A1` + `B2`, `A` + `C`, `1` + `3`.
pub(crate) fn area_parts(a: &Area) -> (String, Option<String>) {
    match a {
        Area::Cell(c) => (cell_a1(c), None),
        Area::Range(a, b) => (cell_a1(a), Some(cell_a1(b))),
        Area::Cols(a, b) => (col_a1(*a), Some(col_a1(*b))),
        Area::Rows(a, b) => (row_a1(*a), Some(row_a1(*b))),
    }
}

fn shift_one(v: u32, abs: bool, delta: i64, max: u32) -> Option<u32> {
    if abs {
        return Some(v);
    }
    let n = i64::from(v) + delta;
    if n < 0 || n >= i64::from(max) {
        None
    } else {
        u32::try_from(n).ok()
    }
}

fn shift_cell(c: &Cell, dr: i64, dc: i64) -> Option<Cell> {
    Some(Cell {
        col: shift_one(c.col, c.col_abs, dc, MAX_COLS)?,
        row: shift_one(c.row, c.row_abs, dr, MAX_ROWS)?,
        ..*c
    })
}

/// Moves the relative parts by (rows, cols); `None` when a part leaves the grid (Excel then
/// writes `#REF!`).
pub(crate) fn shift_area(a: &Area, dr: i64, dc: i64) -> Option<Area> {
    Some(match a {
        Area::Cell(c) => Area::Cell(shift_cell(c, dr, dc)?),
        Area::Range(a, b) => Area::Range(shift_cell(a, dr, dc)?, shift_cell(b, dr, dc)?),
        Area::Cols(a, b) => Area::Cols(
            (shift_one(a.0, a.1, dc, MAX_COLS)?, a.1),
            (shift_one(b.0, b.1, dc, MAX_COLS)?, b.1),
        ),
        Area::Rows(a, b) => Area::Rows(
            (shift_one(a.0, a.1, dr, MAX_ROWS)?, a.1),
            (shift_one(b.0, b.1, dr, MAX_ROWS)?, b.1),
        ),
    })
}

/// Sheet name as OpenFormula writes it: bare when it is a plain ASCII identifier that cannot be
/// read as a cell, else in single quotes with inner quotes doubled (ODF 1.3 Part 4 §5.8
/// SheetName); quoting more than LibreOffice does is always read back the same.
pub(crate) fn odf_sheet(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let looks_like_ref = parse_area(&chars, 0).is_some_and(|(_, end)| end == chars.len());
    let plain = !name.is_empty()
        && !looks_like_ref
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// Sheet name as Excel writes it (quoted unless a plain identifier that is not a reference).
pub(crate) fn excel_sheet(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let looks_like_ref = parse_area(&chars, 0).is_some_and(|(_, end)| end == chars.len());
    let plain = !name.is_empty()
        && !looks_like_ref
        && !name.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if plain {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}
