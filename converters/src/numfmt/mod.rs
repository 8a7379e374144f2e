//! Excel number formats (ECMA-376 Part 1 §18.8.30-31) → ODF 1.3 data styles (§16.29), mirroring
//! how LibreOffice maps them, so that a cell shows in our .ods exactly as LibreOffice shows the
//! source cell; plus Excel serial dates → ODF date and duration values.
//!
//! [`parse`] turns a format code into sections of tokens, [`write_data_style`] writes the
//! `number:*-style` elements for it, [`value_type`] says which `office:value-type` a number cell
//! under it gets, [`serial_to_date`] / [`serial_to_duration`] give the cell's date or time value.

mod builtin;
mod lcid;
mod parse;
mod serial;
mod write;

#[cfg(test)]
mod tests;

pub use builtin::builtin;
pub use parse::parse;
pub use serial::{serial_to_date, serial_to_duration, value_attributes};
pub use write::write_data_style;

/// Longest format code we parse (Excel itself stops at 255 characters).
pub const MAX_CODE_LEN: usize = 4096;

/// Why a format code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumFmtError {
    #[error("number format code longer than {MAX_CODE_LEN} bytes")]
    TooLong,
    #[error("number format code with more than four sections")]
    TooManySections,
    /// A `[Red]`-like colour after a section's content: Excel accepts it, LibreOffice rejects
    /// the code and shows the cells as General, so callers should use General to match it.
    #[error("number format code with a colour after the section's content")]
    MisplacedColor,
    /// Two `*` fills in one section: Excel and LibreOffice both refuse it (LibreOffice shows
    /// such cells as General), so callers should use General.
    #[error("number format code with two fill characters in one section")]
    RepeatedFill,
    /// `[$-x-sysdate]`-like locale tags: LibreOffice 7.4 refuses the code and shows General.
    #[error("number format code with a locale tag LibreOffice does not know")]
    UnknownLocale,
}

/// A parsed format code: one to four `;`-separated sections (positive; negative; zero; text).
#[derive(Debug, Clone, PartialEq)]
pub struct NumberFormat {
    pub sections: Vec<Section>,
}

/// One section of a format code.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    /// `[>100]`, `[<=-5]`, `[=0]`: when this section applies instead of the sign rule.
    pub condition: Option<Condition>,
    /// `[Red]`, `[Color10]`: the text colour as `#rrggbb` (as LibreOffice shows it).
    pub color: Option<String>,
    /// `[$-407]`: the locale (Windows LCID) for names of months and days.
    pub lcid: Option<u32>,
    pub tokens: Vec<Token>,
    /// Why LibreOffice would refuse this section's code, if it would.
    pub(crate) rejected: Option<NumFmtError>,
}

/// A `[op value]` condition (§18.8.31).
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// `<`, `<=`, `>`, `>=`, `=`, `<>`.
    pub op: &'static str,
    /// The number as written in the code (kept so the ODF condition repeats it exactly).
    pub value: String,
}

/// One element of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// Text shown as is: `"..."`, `\x`, and characters without a meaning (`$ - + ( ) : space`).
    Literal(String),
    /// `_x`: a space as wide as `x`.
    Pad(char),
    /// `*x`: `x` repeated to fill the cell.
    Fill(char),
    /// `@`: the cell's text.
    Text,
    /// `General`.
    General,
    /// A digit placeholder: `0`, `#` or `?`.
    Digit(char),
    /// `.`
    Point,
    /// `,`: thousands separator between digits, scaling by 1000 after them.
    Comma,
    /// `%`
    Percent,
    /// `E+` / `E-` (`plus`: the exponent's sign is always shown).
    Exponent {
        plus: bool,
    },
    /// `/` of a fraction.
    Slash,
    /// `[$sym-lcid]`: a currency symbol.
    Currency {
        symbol: String,
        lcid: Option<u32>,
    },
    Year(u8),
    Month(u8),
    Day(u8),
    Hour(u8),
    Minute(u8),
    Second(u8),
    /// `.0`, `.00`, `.000` after seconds: that many decimals of the seconds.
    SecondFraction(u8),
    /// `[h]`, `[mm]`, `[ss]`: elapsed time, not wrapped at the next larger unit.
    Elapsed(TimeUnit, u8),
    /// `AM/PM` (`short`: `A/P`).
    AmPm {
        short: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    Hours,
    Minutes,
    Seconds,
}

/// The `office:value-type` of a number cell under a format (ODF 1.3 §19.387).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    Float,
    Percentage,
    Currency,
    Date,
    Time,
}

impl ValueType {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::Float => "float",
            ValueType::Percentage => "percentage",
            ValueType::Currency => "currency",
            ValueType::Date => "date",
            ValueType::Time => "time",
        }
    }
}

/// What a section displays, which decides its ODF style element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Number,
    Percentage,
    Currency,
    Date,
    Time,
    Text,
}

impl Section {
    pub(crate) fn kind(&self) -> Kind {
        let t = &self.tokens;
        let has = |f: fn(&Token) -> bool| t.iter().any(f);
        if has(|k| matches!(k, Token::Year(_) | Token::Month(_) | Token::Day(_))) {
            Kind::Date
        } else if has(|k| {
            matches!(
                k,
                Token::Hour(_)
                    | Token::Minute(_)
                    | Token::Second(_)
                    | Token::Elapsed(..)
                    | Token::AmPm { .. }
            )
        }) {
            Kind::Time
        } else if has(|k| matches!(k, Token::Text)) {
            Kind::Text
        } else if has(|k| matches!(k, Token::Exponent { .. } | Token::Slash)) {
            // ODF allows scientific numbers and fractions only in number styles (§16.29.2).
            Kind::Number
        } else if has(|k| matches!(k, Token::General))
            || has(|k| matches!(k, Token::Literal(l) if l.contains('$')))
        {
            // LibreOffice reads General in a currency style with the currency's two decimals,
            // and a `$` text beside a currency symbol as a second symbol (the code then fails):
            // a number style with the symbol as text shows what it shows for the source.
            Kind::Number
        } else if has(|k| matches!(k, Token::Currency { .. })) {
            Kind::Currency
        } else if has(|k| matches!(k, Token::Percent)) {
            Kind::Percentage
        } else {
            Kind::Number
        }
    }
}

impl NumberFormat {
    /// The sections that format numbers, and the text section (`@`) if there is one.
    ///
    /// Excel's fourth section is for text; LibreOffice also reads a last section holding `@`
    /// (as in `yyyy/mm/dd;@`) as the text section.
    pub(crate) fn split(&self) -> (&[Section], Option<&Section>) {
        match self.sections.split_last() {
            Some((last, rest))
                if self.sections.len() == 4
                    || last.tokens.iter().any(|t| matches!(t, Token::Text)) =>
            {
                (rest, Some(last))
            }
            _ => (&self.sections, None),
        }
    }
}

/// The `office:value-type` LibreOffice gives a number cell under `f`: that of its first
/// number section (a text-only format such as `@` keeps numbers as `float`, as LibreOffice does).
pub fn value_type(f: &NumberFormat) -> ValueType {
    let (nums, _) = f.split();
    match nums.first().map(Section::kind) {
        Some(Kind::Percentage) => ValueType::Percentage,
        Some(Kind::Currency) => ValueType::Currency,
        Some(Kind::Date) => ValueType::Date,
        Some(Kind::Time) => ValueType::Time,
        _ => ValueType::Float,
    }
}
