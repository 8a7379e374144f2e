//! Writes ODF 1.3 data styles (§16.29) for a parsed format, the way LibreOffice exports the
//! same format (so that LibreOffice reads it back to the format it built from the source), but
//! strict: no `loext:` elements or attributes.

use super::lcid::language_country;
use super::{Kind, NumberFormat, Section, TimeUnit, Token};
use crate::odf::XmlWriter;

/// Condition that holds for every number: LibreOffice's way to route all numbers of a
/// `number;@` format to the number section while the style itself formats text.
const ALL_NUMBERS: &str = "value()<=1.7976931348623157E+308";

/// Writes the data style(s) for `f` under `name`: one style per section, the extra sections as
/// `{name}P0`, `{name}P1`, ... (`style:volatile`), linked from the main style by `style:map`
/// conditions (ODF 1.3 §16.3). The main style is the last number section (Excel's sign rule
/// `>=0` / `<0` for two sections, `>0` / `<0` / `=0` for three) or, with a text section, a
/// `number:text-style`. Returns the name cells reference (`name`).
pub fn write_data_style(x: &mut XmlWriter, name: &str, f: &NumberFormat) -> String {
    let (nums, text) = f.split();
    let defaults: &[&str] = match (nums.len(), text.is_some()) {
        (1, true) => &[ALL_NUMBERS],
        (2, _) => &["value()>=0", "value()<0"],
        (3, true) => &["value()>0", "value()<0", "value()=0"],
        (3, false) => &["value()>0", "value()<0"],
        _ => &[],
    };
    let (subs, main) = match text {
        Some(t) => (nums, t),
        None => match nums.split_last() {
            Some((last, rest)) => (rest, last),
            None => return name.to_string(),
        },
    };
    // LibreOffice gives a format one locale, that of its first section, and writes it on
    // every style; a `[$-lcid]` in a later section changes nothing.
    let lcid = f.sections.first().and_then(|s| s.lcid);
    let mut maps = Vec::with_capacity(subs.len());
    for (i, sec) in subs.iter().enumerate() {
        let sub = format!("{name}P{i}");
        if i == 2 && sec.condition.is_none() {
            let zero = zero_section(sec);
            write_section(x, &sub, &zero, zero.kind(), lcid, true, &[]);
        } else {
            write_section(x, &sub, sec, sec.kind(), lcid, true, &[]);
        }
        let cond = match &sec.condition {
            Some(c) => {
                let op = if c.op == "<>" { "!=" } else { c.op };
                format!("value(){op}{}", c.value)
            }
            None => defaults.get(i).copied().unwrap_or(ALL_NUMBERS).to_string(),
        };
        maps.push((cond, sub));
    }
    // The text section is a text style even when it shows no `@` (`;;;`).
    if text.is_some() {
        write_section(x, name, main, Kind::Text, lcid, false, &maps);
    } else if nums.len() == 3 && main.condition.is_none() {
        let zero = zero_section(main);
        write_section(x, name, &zero, zero.kind(), lcid, false, &maps);
    } else {
        write_section(x, name, main, main.kind(), lcid, false, &maps);
    }
    name.to_string()
}

/// The zero section (third) only ever shows 0: without a `0` placeholder the number is
/// invisible and each `?` a space (`_-* "-"??_-` shows "-" and two spaces). ODF has no
/// space-for-digit placeholder, so such a section becomes plain text, which LibreOffice shows
/// exactly as it shows the source.
fn zero_section(sec: &Section) -> Section {
    let numeric = |t: &Token| matches!(t, Token::Digit(_) | Token::Comma);
    let fraction_or_exponent = sec
        .tokens
        .iter()
        .any(|t| matches!(t, Token::Slash | Token::Exponent { .. }));
    if matches!(sec.kind(), Kind::Date | Kind::Time | Kind::Text)
        || fraction_or_exponent
        || sec
            .tokens
            .iter()
            .any(|t| matches!(t, Token::Digit('0') | Token::General))
        || !sec.tokens.iter().any(|t| matches!(t, Token::Digit(_)))
    {
        return sec.clone();
    }
    let mut tokens: Vec<Token> = Vec::with_capacity(sec.tokens.len());
    for t in &sec.tokens {
        let t = match t {
            Token::Digit('?') => Token::Literal(" ".into()),
            Token::Point => Token::Literal(".".into()),
            t if numeric(t) => continue,
            t => t.clone(),
        };
        match (tokens.last_mut(), t) {
            (Some(Token::Literal(a)), Token::Literal(b)) => a.push_str(&b),
            (_, t) => tokens.push(t),
        }
    }
    Section {
        tokens,
        ..sec.clone()
    }
}

/// One piece of a style's content.
#[derive(Debug)]
enum Item {
    Text(String),
    Fill(char),
    TextContent,
    Currency(String, Option<u32>),
    /// An element with its attributes (`number:number`, `number:day`, ...).
    El(&'static str, Vec<(&'static str, String)>),
    /// `number:number` with `number:embedded-text` children (position, text).
    Embedded(Vec<(&'static str, String)>, Vec<(usize, String)>),
}

fn style_element(kind: Kind) -> &'static str {
    match kind {
        Kind::Number => "number:number-style",
        Kind::Percentage => "number:percentage-style",
        Kind::Currency => "number:currency-style",
        Kind::Date => "number:date-style",
        Kind::Time => "number:time-style",
        Kind::Text => "number:text-style",
    }
}

fn write_section(
    x: &mut XmlWriter,
    name: &str,
    sec: &Section,
    kind: Kind,
    lcid: Option<u32>,
    volatile: bool,
    maps: &[(String, String)],
) {
    let el = style_element(kind);
    let mut attrs: Vec<(&str, String)> = vec![("style:name", name.to_string())];
    if volatile {
        attrs.push(("style:volatile", "true".into()));
    }
    if let Some((lang, country)) = lcid.and_then(language_country) {
        attrs.push(("number:language", lang.into()));
        attrs.push(("number:country", country.into()));
    }
    let elapsed = sec.tokens.iter().any(|t| matches!(t, Token::Elapsed(..)));
    if elapsed && kind == Kind::Time {
        attrs.push(("number:truncate-on-overflow", "false".into()));
    }
    x.start_owned(el, &attrs);
    if let Some(c) = &sec.color {
        x.empty_owned("style:text-properties", &[("fo:color", c.clone())]);
    }
    let items = match kind {
        Kind::Date | Kind::Time => date_items(&system_format(sec)),
        Kind::Text => {
            let items = text_items(&sec.tokens);
            if items.is_empty() {
                vec![Item::Text(String::new())]
            } else {
                items
            }
        }
        Kind::Number => {
            // A currency symbol beside a fraction or exponent: plain text in a number style.
            let tokens: Vec<Token> = sec
                .tokens
                .iter()
                .map(|t| match t {
                    Token::Currency { symbol, .. } => Token::Literal(symbol.clone()),
                    t => t.clone(),
                })
                .collect();
            number_items(&tokens)
        }
        _ => {
            // ODF allows one currency symbol per style; further ones are plain text.
            let mut seen = false;
            let tokens: Vec<Token> = sec
                .tokens
                .iter()
                .map(|t| match t {
                    Token::Currency { symbol, .. } if seen => Token::Literal(symbol.clone()),
                    Token::Currency { .. } => {
                        seen = true;
                        t.clone()
                    }
                    t => t.clone(),
                })
                .collect();
            number_items(&tokens)
        }
    };
    emit(x, &items);
    for (cond, target) in maps {
        x.empty_owned(
            "style:map",
            &[
                ("style:condition", cond.clone()),
                ("style:apply-style-name", target.clone()),
            ],
        );
    }
    x.end(el);
}

/// `[$-F800]` and `[$-F400]` ask for the system's long date and time formats; LibreOffice shows
/// the en-US ones (`dddd, mmmm d, yyyy`, `hh:mm:ss AM/PM`) whatever the code spells out.
fn system_format(sec: &Section) -> Vec<Token> {
    let lit = |s: &str| Token::Literal(s.to_string());
    match sec.lcid.map(|l| l & 0xFFFF) {
        Some(0xF800) => vec![
            Token::Day(4),
            lit(", "),
            Token::Month(4),
            lit(" "),
            Token::Day(1),
            lit(", "),
            Token::Year(4),
        ],
        Some(0xF400) => vec![
            Token::Hour(2),
            lit(":"),
            Token::Minute(2),
            lit(":"),
            Token::Second(2),
            lit(" "),
            Token::AmPm { short: false },
        ],
        _ => sec.tokens.clone(),
    }
}

/// Writes items, merging neighbouring texts and keeping one fill character (the schema allows
/// one per style, as does a cell's width).
fn emit(x: &mut XmlWriter, items: &[Item]) {
    let mut text = String::new();
    let mut had_text = false;
    let mut filled = false;
    let flush = |x: &mut XmlWriter, text: &mut String, had: &mut bool| {
        if *had {
            x.element("number:text", &[], text);
            text.clear();
            *had = false;
        }
    };
    for it in items {
        match it {
            Item::Text(t) => {
                text.push_str(t);
                had_text = true;
            }
            Item::Fill(c) => {
                if !filled {
                    flush(x, &mut text, &mut had_text);
                    x.element("number:fill-character", &[], &c.to_string());
                    filled = true;
                }
            }
            Item::TextContent => {
                flush(x, &mut text, &mut had_text);
                x.empty("number:text-content", &[]);
            }
            Item::Currency(sym, lcid) => {
                flush(x, &mut text, &mut had_text);
                let mut a: Vec<(&str, String)> = Vec::new();
                if let Some((l, c)) = lcid.and_then(language_country) {
                    a.push(("number:language", l.into()));
                    a.push(("number:country", c.into()));
                }
                x.start_owned("number:currency-symbol", &a);
                x.text(sym);
                x.end("number:currency-symbol");
            }
            Item::El(name, a) => {
                flush(x, &mut text, &mut had_text);
                x.empty_owned(name, a);
            }
            Item::Embedded(a, texts) => {
                flush(x, &mut text, &mut had_text);
                x.start_owned("number:number", a);
                for (pos, t) in texts {
                    x.element(
                        "number:embedded-text",
                        &[("number:position", &pos.to_string())],
                        t,
                    );
                }
                x.end("number:number");
            }
        }
    }
    flush(x, &mut text, &mut had_text);
}

/// Literals, padding and fill around a number or text.
fn plain_item(t: &Token) -> Option<Item> {
    Some(match t {
        Token::Literal(s) => Item::Text(s.clone()),
        Token::Pad(_) => Item::Text(" ".into()),
        Token::Fill(c) => Item::Fill(*c),
        Token::Percent => Item::Text("%".into()),
        Token::Comma => Item::Text(",".into()),
        Token::Point => Item::Text(".".into()),
        Token::Slash => Item::Text("/".into()),
        Token::Currency { symbol, lcid } => Item::Currency(symbol.clone(), *lcid),
        Token::Text => Item::TextContent,
        _ => return None,
    })
}

fn text_items(tokens: &[Token]) -> Vec<Item> {
    tokens.iter().filter_map(plain_item).collect()
}

fn is_placeholder(t: &Token) -> bool {
    matches!(t, Token::Digit(_) | Token::General)
}

/// Items of a number, percentage or currency section.
fn number_items(tokens: &[Token]) -> Vec<Item> {
    let first = tokens.iter().position(is_placeholder);
    let last = tokens.iter().rposition(is_placeholder);
    let (Some(mut first), Some(mut last)) = (first, last) else {
        // Only literals: LibreOffice writes them (an empty section as an empty number:text).
        let items = text_items(tokens);
        return if items.is_empty() {
            vec![Item::Text(String::new())]
        } else {
            items
        };
    };
    // A point right before the first digit (`.00`) belongs to the number.
    if first > 0 && tokens[first - 1] == Token::Point {
        first -= 1;
    }
    let body_item;
    let exponent = tokens[first..]
        .iter()
        .position(|t| matches!(t, Token::Exponent { .. }));
    if let Some(e) = exponent.map(|p| first + p) {
        body_item = scientific(&tokens[first..e], &tokens[e..=last.max(e)]);
    } else if let Some(s) = tokens[first..].iter().position(|t| *t == Token::Slash) {
        // The denominator may be a literal number (`?/16`): extend over it.
        let s = first + s;
        let mut end = s + 1;
        while end < tokens.len()
            && match &tokens[end] {
                Token::Digit(_) => true,
                Token::Literal(l) => l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty(),
                _ => false,
            }
        {
            end += 1;
        }
        last = end.saturating_sub(1).max(last);
        body_item = fraction(&tokens[first..s], &tokens[s + 1..=last]);
    } else {
        // Commas right after the last digit scale by 1000 each (`#,` shows thousands).
        let digits_end = last;
        let mut scale = 0u32;
        while matches!(tokens.get(last + 1), Some(Token::Comma)) {
            last += 1;
            scale += 1;
        }
        // A point right after the last digit (`0.`) belongs to the number too.
        if matches!(tokens.get(last + 1), Some(Token::Point)) {
            last += 1;
        }
        body_item = plain_number(&tokens[first..=digits_end], scale);
    }
    let mut items: Vec<Item> = tokens[..first].iter().filter_map(plain_item).collect();
    items.push(body_item);
    items.extend(tokens[last + 1..].iter().filter_map(plain_item));
    items
}

/// `number:number` for digits, point, grouping commas and embedded literals.
fn plain_number(body: &[Token], scale: u32) -> Item {
    if body.contains(&Token::General) {
        return Item::El(
            "number:number",
            vec![("number:min-integer-digits", "1".into())],
        );
    }
    let point = body.iter().position(|t| *t == Token::Point);
    let (int, dec) = match point {
        Some(p) => (&body[..p], &body[p + 1..]),
        None => (body, &body[..0]),
    };
    let int_digits = int.iter().filter(|t| matches!(t, Token::Digit(_))).count();
    let min_int = int.iter().filter(|t| **t == Token::Digit('0')).count();
    let grouping = int.contains(&Token::Comma);
    let decimals = dec.iter().filter(|t| matches!(t, Token::Digit(_))).count();
    // Every decimal up to the last `0` is shown (`#.##0` always shows three).
    let min_dec = dec
        .iter()
        .filter(|t| matches!(t, Token::Digit(_)))
        .collect::<Vec<_>>()
        .iter()
        .rposition(|t| **t == Token::Digit('0'))
        .map_or(0, |p| p + 1);
    let mut a: Vec<(&'static str, String)> = vec![
        ("number:decimal-places", decimals.to_string()),
        ("number:min-decimal-places", min_dec.to_string()),
        ("number:min-integer-digits", min_int.to_string()),
    ];
    if decimals > min_dec {
        // `0.##`, `0.0#`: optional decimals, which LibreOffice marks so (and then drops the
        // point when no decimal is shown).
        a.push(("number:decimal-replacement", String::new()));
    }
    if grouping {
        a.push(("number:grouping", "true".into()));
    }
    if scale > 0 {
        a.push((
            "number:display-factor",
            1000u64.pow(scale.min(6)).to_string(),
        ));
    }
    // Literals among the integer digits: positioned by the digits to their right.
    let mut embedded = Vec::new();
    let mut right = int_digits;
    for t in int {
        match t {
            Token::Digit(_) => right -= 1,
            Token::Literal(_) | Token::Pad(_) => {
                if let Some(Item::Text(s)) = plain_item(t) {
                    embedded.push((right, s));
                }
            }
            _ => {}
        }
    }
    if embedded.is_empty() {
        Item::El("number:number", a)
    } else {
        Item::Embedded(a, embedded)
    }
}

/// `number:scientific-number`: `mantissa` up to `E`, `exp` = `E±` and its digits.
fn scientific(mantissa: &[Token], exp: &[Token]) -> Item {
    let point = mantissa.iter().position(|t| *t == Token::Point);
    let (int, dec) = match point {
        Some(p) => (&mantissa[..p], &mantissa[p + 1..]),
        None => (mantissa, &mantissa[..0]),
    };
    let digits = |ts: &[Token]| ts.iter().filter(|t| matches!(t, Token::Digit(_))).count();
    let zeros = |ts: &[Token]| ts.iter().filter(|t| **t == Token::Digit('0')).count();
    let int_places = digits(int);
    // `##0.0E+0`: engineering notation, the exponent a multiple of the integer places.
    let interval = int_places.max(1);
    let plus = matches!(exp.first(), Some(Token::Exponent { plus: true }));
    Item::El(
        "number:scientific-number",
        vec![
            ("number:decimal-places", digits(dec).to_string()),
            ("number:min-decimal-places", zeros(dec).to_string()),
            ("number:min-integer-digits", zeros(int).max(1).to_string()),
            ("number:min-exponent-digits", digits(exp).to_string()),
            ("number:exponent-interval", interval.to_string()),
            ("number:forced-exponent-sign", plus.to_string()),
        ],
    )
}

/// `number:fraction`: `left` = integer digits, separator and numerator; `den` = denominator.
fn fraction(left: &[Token], den: &[Token]) -> Item {
    let num_start = left
        .iter()
        .rposition(|t| !matches!(t, Token::Digit(_)))
        .map_or(0, |p| p + 1);
    let numerator = left.len() - num_start;
    let int = &left[..num_start];
    let mut a: Vec<(&'static str, String)> = Vec::new();
    if int.iter().any(|t| matches!(t, Token::Digit(_))) {
        let zeros = int.iter().filter(|t| **t == Token::Digit('0')).count();
        a.push(("number:min-integer-digits", zeros.to_string()));
        if int.contains(&Token::Comma) {
            a.push(("number:grouping", "true".into()));
        }
    }
    a.push(("number:min-numerator-digits", numerator.max(1).to_string()));
    let fixed: String = den
        .iter()
        .map(|t| match t {
            Token::Literal(l) => l.clone(),
            Token::Digit('0') => "0".into(),
            _ => String::new(),
        })
        .collect();
    let value = fixed
        .parse::<u64>()
        .ok()
        .filter(|_| den.iter().any(|t| matches!(t, Token::Literal(_))));
    match value {
        Some(v) if v > 0 => a.push(("number:denominator-value", v.to_string())),
        _ => {
            let n = den.len().clamp(1, 9);
            a.push(("number:min-denominator-digits", n.to_string()));
            a.push((
                "number:max-denominator-value",
                (10u64.pow(n as u32) - 1).to_string(),
            ));
        }
    }
    Item::El("number:fraction", a)
}

fn long(n: u8) -> Vec<(&'static str, String)> {
    if n >= 2 {
        vec![("number:style", "long".into())]
    } else {
        Vec::new()
    }
}

/// Items of a date or time section.
fn date_items(tokens: &[Token]) -> Vec<Item> {
    let mut items = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let it = match t {
            Token::Year(n) => Item::El("number:year", if *n > 2 { long(2) } else { long(1) }),
            Token::Month(n) => match n {
                1 | 2 => Item::El("number:month", long(*n)),
                4 => {
                    let mut a = long(2);
                    a.push(("number:textual", "true".into()));
                    Item::El("number:month", a)
                }
                _ => Item::El("number:month", vec![("number:textual", "true".into())]),
            },
            Token::Day(n) => match n {
                1 | 2 => Item::El("number:day", long(*n)),
                3 => Item::El("number:day-of-week", Vec::new()),
                _ => Item::El("number:day-of-week", long(2)),
            },
            Token::Hour(n) | Token::Elapsed(TimeUnit::Hours, n) => {
                Item::El("number:hours", long(*n))
            }
            Token::Minute(n) | Token::Elapsed(TimeUnit::Minutes, n) => {
                Item::El("number:minutes", long(*n))
            }
            Token::Second(n) | Token::Elapsed(TimeUnit::Seconds, n) => {
                let mut a = long(*n);
                if let Some(Token::SecondFraction(k)) = tokens.get(i + 1) {
                    a.push(("number:decimal-places", k.to_string()));
                    i += 1;
                }
                Item::El("number:seconds", a)
            }
            Token::AmPm { .. } => Item::El("number:am-pm", Vec::new()),
            Token::SecondFraction(k) => Item::Text(format!(".{}", "0".repeat(*k as usize))),
            other => match plain_item(other) {
                Some(Item::TextContent) | None => {
                    i += 1;
                    continue;
                }
                Some(it) => it,
            },
        };
        items.push(it);
        i += 1;
    }
    items
}
