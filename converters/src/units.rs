//! Lengths and colours shared by the document models, with the unit conversions OOXML needs
//! (twips, half-points, eighths of a point, EMU) and their ODF spellings.

/// A length in twentieths of a point (twips), the unit of most WordprocessingML measures
/// (ECMA-376-1 §17.18.105 ST_TwipsMeasure). Negative values are allowed for indents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Twips(pub i64);

impl Twips {
    pub const fn from_pt(pt: i64) -> Self {
        Twips(pt * 20)
    }

    /// EMU (English Metric Units, DrawingML): 914400 per inch, 635 per twip.
    pub fn from_emu(emu: i64) -> Self {
        Twips(emu / 635)
    }

    pub fn inches(self) -> f64 {
        self.0 as f64 / 1440.0
    }

    /// The ODF spelling, in inches with four decimals (`1.0000in`), as ODF 1.3 §18.3.18 allows.
    pub fn odf(self) -> String {
        format!("{:.4}in", self.inches())
    }
}

/// `12.5` → `12.5pt`, without a trailing `.0`.
pub fn pt(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}pt", v.round() as i64)
    } else {
        format!("{v:.2}pt")
    }
}

/// A percentage (`115%`), for proportional line spacing and font scaling.
pub fn percent(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}%", v.round() as i64)
    } else {
        format!("{v:.1}%")
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `RRGGBB` (ST_HexColorRGB); `auto` and malformed values give `None`.
    pub fn parse(hex: &str) -> Option<Rgb> {
        let hex = hex.trim();
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// `#rrggbb`, ODF's colour syntax (ODF 1.3 §18.3.8).
    pub fn odf(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Applies a DrawingML-style tint (towards white) or shade (towards black), 0..=1.
    pub fn tinted(self, tint: f64) -> Rgb {
        let f = |c: u8| (c as f64 + (255.0 - c as f64) * (1.0 - tint)).round() as u8;
        Rgb(f(self.0), f(self.1), f(self.2))
    }

    pub fn shaded(self, shade: f64) -> Rgb {
        let f = |c: u8| (c as f64 * shade).round() as u8;
        Rgb(f(self.0), f(self.1), f(self.2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(Twips(1440).odf(), "1.0000in");
        assert_eq!(Twips::from_emu(914_400), Twips(1440));
        assert_eq!(pt(11.0), "11pt");
        assert_eq!(pt(10.5), "10.50pt");
        assert_eq!(
            Rgb::parse("FF0080").map(|c| c.odf()),
            Some("#ff0080".into())
        );
        assert_eq!(Rgb::parse("auto"), None);
        assert_eq!(Rgb(0, 0, 0).tinted(0.5), Rgb(128, 128, 128));
    }
}
