//! Lookup tables: Windows locale ids (MS-LCID) → ODF language/country, and the colour
//! palette LibreOffice uses for `[ColorN]`.

/// Language and country (ISO 639 / ISO 3166) of a Windows LCID; only the low 16 bits name the
/// locale (the high bits carry calendar and digit-shape flags, MS-LCID §2.2).
pub(crate) fn language_country(lcid: u32) -> Option<(&'static str, &'static str)> {
    Some(match lcid & 0xFFFF {
        0x0401 => ("ar", "SA"),
        0x0402 => ("bg", "BG"),
        0x0403 => ("ca", "ES"),
        0x0404 => ("zh", "TW"),
        0x0405 => ("cs", "CZ"),
        0x0406 => ("da", "DK"),
        0x0407 => ("de", "DE"),
        0x0408 => ("el", "GR"),
        0x0409 => ("en", "US"),
        0x040A | 0x0C0A => ("es", "ES"),
        0x040B => ("fi", "FI"),
        0x040C => ("fr", "FR"),
        0x040D => ("he", "IL"),
        0x040E => ("hu", "HU"),
        0x040F => ("is", "IS"),
        0x0410 => ("it", "IT"),
        0x0411 => ("ja", "JP"),
        0x0412 => ("ko", "KR"),
        0x0413 => ("nl", "NL"),
        0x0414 => ("nb", "NO"),
        0x0415 => ("pl", "PL"),
        0x0416 => ("pt", "BR"),
        0x0418 => ("ro", "RO"),
        0x0419 => ("ru", "RU"),
        0x041A => ("hr", "HR"),
        0x041B => ("sk", "SK"),
        0x041D => ("sv", "SE"),
        0x041E => ("th", "TH"),
        0x041F => ("tr", "TR"),
        0x0421 => ("id", "ID"),
        0x0422 => ("uk", "UA"),
        0x0424 => ("sl", "SI"),
        0x0425 => ("et", "EE"),
        0x0426 => ("lv", "LV"),
        0x0427 => ("lt", "LT"),
        0x042A => ("vi", "VN"),
        0x0439 => ("hi", "IN"),
        0x0804 => ("zh", "CN"),
        0x0807 => ("de", "CH"),
        0x0809 => ("en", "GB"),
        0x080A => ("es", "MX"),
        0x080C => ("fr", "BE"),
        0x0810 => ("it", "CH"),
        0x0813 => ("nl", "BE"),
        0x0816 => ("pt", "PT"),
        0x0C04 => ("zh", "HK"),
        0x0C07 => ("de", "AT"),
        0x0C09 => ("en", "AU"),
        0x0C0C => ("fr", "CA"),
        0x1009 => ("en", "CA"),
        0x100C => ("fr", "CH"),
        0x1407 => ("de", "LI"),
        0x1409 => ("en", "NZ"),
        0x1809 => ("en", "IE"),
        0x1C09 => ("en", "ZA"),
        0x4009 => ("en", "IN"),
        _ => return None,
    })
}

/// `[ColorN]` (N = 1..56) as LibreOffice shows it: entry N-1 of its own standard palette
/// (black, greys, then its colour rows), read from the styles it writes for `[Color1]`..
/// `[Color56]`; not Excel's indexed palette (ECMA-376 Part 1 §18.8.27), since LibreOffice is the
/// reference our output is judged by.
pub(crate) fn palette(n: usize) -> Option<&'static str> {
    const P: [&str; 56] = [
        "#000000", "#111111", "#1c1c1c", "#333333", "#666666", "#808080", "#999999", "#b2b2b2",
        "#cccccc", "#dddddd", "#eeeeee", "#ffffff", "#ffff00", "#ffbf00", "#ff8000", "#ff4000",
        "#ff0000", "#bf0041", "#800080", "#55308d", "#2a6099", "#158466", "#00a933", "#81d41a",
        "#ffffd7", "#fff5ce", "#ffdbb6", "#ffd8ce", "#ffd7d7", "#f7d1d5", "#e0c2cd", "#dedce6",
        "#dee6ef", "#dee7e5", "#dde8cb", "#f6f9d4", "#ffffa6", "#ffe994", "#ffb66c", "#ffaa95",
        "#ffa6a6", "#ec9ba4", "#bf819e", "#b7b3ca", "#b4c7dc", "#b3cac7", "#afd095", "#e8f2a1",
        "#ffff6d", "#ffde59", "#ff972f", "#ff7b59", "#ff6d6d", "#e16173", "#a1467e", "#8e86ae",
    ];
    n.checked_sub(1).and_then(|i| P.get(i)).copied()
}
