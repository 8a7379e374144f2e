//! Excel's built-in number formats (ECMA-376 Part 1 §18.8.30), in the en-US forms LibreOffice's
//! OOXML import gives them (sc/source/filter/oox/numberformatsbuffer.cxx, en-US table).

/// The format code of built-in `numFmtId` `id`, or `None` for ids without a built-in format
/// (82..163 are reserved, 164 and up are the workbook's own `numFmt` entries).
///
/// Ids 5-8, 14-22, 37-44 depend on the locale; these are the en-US codes LibreOffice uses
/// (checked against its CSV export of such cells). LibreOffice's table writes the dollar of
/// 5-8, 42 and 44 in its own syntax, where a bare `$` is the currency symbol; in Excel's syntax
/// that is `[$$-409]` (a bare `$` would be a mere literal), so the cells become currency cells
/// as in LibreOffice. The "international" ids 23-36 and 50-81
/// have no en-US meaning of their own: LibreOffice reuses another id for them (e.g. 27-31 as 14,
/// 32-35 as 21, 59-62 as 1-4), and so do we.
pub fn builtin(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 => "[$$-409]#,##0_);([$$-409]#,##0)",
        6 => "[$$-409]#,##0_);[Red]([$$-409]#,##0)",
        7 => "[$$-409]#,##0.00_);([$$-409]#,##0.00)",
        8 => "[$$-409]#,##0.00_);[Red]([$$-409]#,##0.00)",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 => "m/d/yyyy",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "m/d/yyyy h:mm",
        37 => "#,##0_);(#,##0)",
        38 => "#,##0_);[Red](#,##0)",
        39 => "#,##0.00_);(#,##0.00)",
        40 => "#,##0.00_);[Red](#,##0.00)",
        41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        42 => "_([$$-409]* #,##0_);_([$$-409]* (#,##0);_([$$-409]* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
        44 => "_([$$-409]* #,##0.00_);_([$$-409]* (#,##0.00);_([$$-409]* \"-\"??_);_(@_)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        48 => "##0.0E+0",
        49 => "@",
        // International ids: LibreOffice maps each onto one of the ids above.
        23..=26 => return builtin(0),
        27..=31 | 36 | 50..=58 | 71 | 72 => return builtin(14),
        32..=35 => return builtin(21),
        59..=62 => return builtin(id - 58),
        63..=66 => return builtin(id - 58),
        67 | 68 => return builtin(id - 58),
        69 | 70 => return builtin(id - 57),
        73..=75 => return builtin(id - 58),
        76 | 77 => return builtin(id - 56),
        78 => return builtin(22),
        79..=81 => return builtin(id - 34),
        _ => return None,
    })
}
