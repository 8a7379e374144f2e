//! Lookup tables: Windows locale ids (MS-LCID) → ODF language/country, and Excel's colour
//! palette for `[ColorN]`.

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

/// `[ColorN]` (N = 1..56) is entry N+7 of the indexed palette (ECMA-376 Part 1 §18.8.27).
pub(crate) fn palette(n: usize) -> Option<&'static str> {
    const P: [&str; 56] = [
        "#000000", "#ffffff", "#ff0000", "#00ff00", "#0000ff", "#ffff00", "#ff00ff", "#00ffff",
        "#800000", "#008000", "#000080", "#808000", "#800080", "#008080", "#c0c0c0", "#808080",
        "#9999ff", "#993366", "#ffffcc", "#ccffff", "#660066", "#ff8080", "#0066cc", "#ccccff",
        "#000080", "#ff00ff", "#ffff00", "#00ffff", "#800080", "#800000", "#008080", "#0000ff",
        "#00ccff", "#ccffff", "#ccffcc", "#ffff99", "#99ccff", "#ff99cc", "#cc99ff", "#ffcc99",
        "#3366ff", "#33cccc", "#99cc00", "#ffcc00", "#ff9900", "#ff6600", "#666699", "#969696",
        "#003366", "#339966", "#003300", "#333300", "#993300", "#993366", "#333399", "#333333",
    ];
    n.checked_sub(1).and_then(|i| P.get(i)).copied()
}
