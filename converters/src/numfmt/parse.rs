//! The format-code grammar of ECMA-376 Part 1 §18.8.31 (numFmt/@formatCode) as Excel and
//! LibreOffice read it: sections, brackets, literals, placeholders and date/time codes.

use super::{Condition, MAX_CODE_LEN, NumFmtError, NumberFormat, Section, TimeUnit, Token};

/// Parses an Excel format code. Unknown bracket codes (`[DBNum1]`, calendars) are skipped and
/// characters without a meaning are literal text, as in Excel; only over-long codes and more
/// than four sections are refused. An empty code is `General`.
pub fn parse(code: &str) -> Result<NumberFormat, NumFmtError> {
    if code.len() > MAX_CODE_LEN {
        return Err(NumFmtError::TooLong);
    }
    let raw = split_sections(code);
    if raw.len() > 4 {
        return Err(NumFmtError::TooManySections);
    }
    let mut sections: Vec<Section> = raw.iter().map(|s| parse_section(s)).collect();
    if let Some(e) = sections.iter().find_map(|s| s.rejected.clone()) {
        return Err(e);
    }
    let fills = |s: &Section| {
        s.tokens
            .iter()
            .filter(|t| matches!(t, Token::Fill(_)))
            .count()
    };
    if sections.iter().any(|s| fills(s) > 1) {
        return Err(NumFmtError::RepeatedFill);
    }
    if sections.len() == 1 && sections[0].tokens.is_empty() && sections[0].condition.is_none() {
        sections[0].tokens.push(Token::General);
    }
    Ok(NumberFormat { sections })
}

/// Splits at `;` outside quotes, brackets and escapes.
fn split_sections(code: &str) -> Vec<Vec<char>> {
    let mut out = vec![Vec::new()];
    let mut chars = code.chars();
    let mut quoted = false;
    let mut bracket = false;
    while let Some(c) = chars.next() {
        // Characters XML 1.0 cannot carry would make the style unreadable: drop them.
        if (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}') {
            continue;
        }
        let cur = out.last_mut();
        let Some(cur) = cur else { break };
        match c {
            '"' if !bracket => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '\\' | '_' | '*' if !quoted && !bracket => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
                continue;
            }
            ';' if !quoted && !bracket => {
                out.push(Vec::new());
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out
}

fn lower(c: char) -> char {
    c.to_ascii_lowercase()
}

fn starts_with_ci(s: &[char], i: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    s.len() >= i + w.len()
        && s[i..i + w.len()]
            .iter()
            .zip(&w)
            .all(|(a, b)| lower(*a) == *b)
}

fn parse_section(s: &[char]) -> Section {
    let mut sec = Section::default();
    let mut toks: Vec<Token> = Vec::new();
    let mut i = 0;
    let lit = |toks: &mut Vec<Token>, c: char| match toks.last_mut() {
        Some(Token::Literal(t)) => t.push(c),
        _ => toks.push(Token::Literal(c.to_string())),
    };
    while i < s.len() {
        let c = s[i];
        match c {
            '"' => {
                // An unterminated quote shows itself and the rest, as LibreOffice does.
                let closed = s[i + 1..].contains(&'"');
                let mut t = if closed {
                    String::new()
                } else {
                    "\"".to_string()
                };
                i += 1;
                while i < s.len() && s[i] != '"' {
                    t.push(s[i]);
                    i += 1;
                }
                match toks.last_mut() {
                    Some(Token::Literal(prev)) => prev.push_str(&t),
                    _ => toks.push(Token::Literal(t)),
                }
                i += 1;
                continue;
            }
            '\\' => {
                if let Some(&n) = s.get(i + 1) {
                    lit(&mut toks, n);
                }
                i += 2;
                continue;
            }
            '_' | '*' => {
                if let Some(&n) = s.get(i + 1) {
                    toks.push(if c == '_' {
                        Token::Pad(n)
                    } else {
                        Token::Fill(n)
                    });
                }
                i += 2;
                continue;
            }
            '[' => {
                let end = s[i..].iter().position(|&x| x == ']').map(|p| i + p);
                let Some(end) = end else {
                    i = s.len();
                    continue;
                };
                let inner: String = s[i + 1..end].iter().collect();
                bracket(&inner, &mut sec, &mut toks);
                i = end + 1;
                continue;
            }
            '@' => toks.push(Token::Text),
            '0' | '#' | '?' => toks.push(Token::Digit(c)),
            '.' => {
                // `.0` right after seconds: decimals of the seconds.
                let after_seconds = matches!(
                    toks.last(),
                    Some(Token::Second(_)) | Some(Token::Elapsed(TimeUnit::Seconds, _))
                );
                if after_seconds && s.get(i + 1) == Some(&'0') {
                    let mut n = 0u8;
                    while s.get(i + 1 + n as usize) == Some(&'0') && n < 9 {
                        n += 1;
                    }
                    toks.push(Token::SecondFraction(n));
                    i += 1 + n as usize;
                    continue;
                }
                toks.push(Token::Point);
            }
            ',' => toks.push(Token::Comma),
            '%' => toks.push(Token::Percent),
            '/' => toks.push(Token::Slash),
            'E' | 'e' if matches!(s.get(i + 1), Some('+') | Some('-')) => {
                toks.push(Token::Exponent {
                    plus: s[i + 1] == '+',
                });
                i += 2;
                continue;
            }
            _ if starts_with_ci(s, i, "general") => {
                toks.push(Token::General);
                i += 7;
                continue;
            }
            _ if starts_with_ci(s, i, "am/pm") => {
                toks.push(Token::AmPm { short: false });
                i += 5;
                continue;
            }
            _ if starts_with_ci(s, i, "a/p") => {
                toks.push(Token::AmPm { short: true });
                i += 3;
                continue;
            }
            _ if matches!(lower(c), 'y' | 'm' | 'd' | 'h' | 's') => {
                let l = lower(c);
                let mut n = 0usize;
                while i + n < s.len() && lower(s[i + n]) == l {
                    n += 1;
                }
                let k = n.min(255) as u8;
                toks.push(match l {
                    'y' => Token::Year(k),
                    'm' => Token::Month(k),
                    'd' => Token::Day(k),
                    'h' => Token::Hour(k),
                    _ => Token::Second(k),
                });
                i += n;
                continue;
            }
            _ => lit(&mut toks, c),
        }
        i += 1;
    }
    resolve_minutes(&mut toks);
    resolve_slashes(&mut toks);
    sec.tokens = toks;
    sec
}

/// `[...]`: colour, condition, currency/locale, or elapsed time.
fn bracket(inner: &str, sec: &mut Section, toks: &mut Vec<Token>) {
    let lo = inner.to_ascii_lowercase();
    if let Some(rest) = inner.strip_prefix('$') {
        // `[$sym-locale]`: the locale is a hex LCID (or a tag such as `x-euro1` after a symbol).
        let (symbol, locale) = rest.split_once('-').unwrap_or((rest, ""));
        let lcid = u32::from_str_radix(locale.trim(), 16).ok();
        if symbol.is_empty() && lcid.is_none() && !locale.is_empty() {
            // `[$-x-sysdate]`, `[$-x-systime]`: LibreOffice 7.4 knows no such locale, rejects
            // the code and shows General.
            sec.rejected = Some(NumFmtError::UnknownLocale);
        }
        if symbol.is_empty() {
            sec.lcid = lcid;
        } else {
            toks.push(Token::Currency {
                symbol: symbol.to_string(),
                lcid,
            });
        }
    } else if let Some(color) = color(&lo) {
        if !toks.is_empty() {
            // LibreOffice only reads a colour before the section's content; after it (as in
            // `[$$-409][Red]-#,##0.00`) it rejects the whole code and shows General.
            sec.rejected = Some(NumFmtError::MisplacedColor);
        }
        sec.color = Some(color.to_string());
    } else if let Some(cond) = condition(inner) {
        sec.condition = Some(cond);
    } else if !lo.is_empty() && lo.chars().all(|c| c == lo.as_bytes()[0] as char) {
        let n = lo.len().min(255) as u8;
        match lo.as_bytes()[0] {
            b'h' => toks.push(Token::Elapsed(TimeUnit::Hours, n)),
            b'm' => toks.push(Token::Elapsed(TimeUnit::Minutes, n)),
            b's' => toks.push(Token::Elapsed(TimeUnit::Seconds, n)),
            _ => {}
        }
    }
}

/// Excel's eight colour names and `ColorN` (1-56).
fn color(lo: &str) -> Option<&'static str> {
    Some(match lo {
        "black" => "#000000",
        "blue" => "#0000ff",
        "cyan" => "#00ffff",
        "green" => "#00ff00",
        "magenta" => "#ff00ff",
        "red" => "#ff0000",
        "white" => "#ffffff",
        "yellow" => "#ffff00",
        _ => {
            let n: usize = lo.strip_prefix("color")?.trim().parse().ok()?;
            return super::lcid::palette(n);
        }
    })
}

fn condition(inner: &str) -> Option<Condition> {
    let t = inner.trim();
    let op = ["<=", ">=", "<>", "<", ">", "="]
        .into_iter()
        .find(|op| t.starts_with(op))?;
    let value = t[op.len()..].trim();
    value.parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some(Condition {
        op,
        value: value.to_string(),
    })
}

/// `m`/`mm` are minutes right after hours or right before seconds (literals between allowed).
fn resolve_minutes(toks: &mut [Token]) {
    let is_dt = |t: &Token| {
        matches!(
            t,
            Token::Year(_)
                | Token::Month(_)
                | Token::Day(_)
                | Token::Hour(_)
                | Token::Second(_)
                | Token::Elapsed(..)
        )
    };
    for i in 0..toks.len() {
        let Token::Month(n) = toks[i] else { continue };
        if n > 2 {
            continue;
        }
        let prev = toks[..i].iter().rev().find(|t| is_dt(t));
        let next = toks[i + 1..].iter().find(|t| is_dt(t));
        let after_hour = matches!(
            prev,
            Some(Token::Hour(_) | Token::Elapsed(TimeUnit::Hours, _))
        );
        let before_sec = matches!(
            next,
            Some(Token::Second(_) | Token::Elapsed(TimeUnit::Seconds, _))
        );
        if after_hour || before_sec {
            toks[i] = Token::Minute(n);
        }
    }
}

/// A `/` is a fraction bar only between digit placeholders (`# ?/?`, `?/16`); elsewhere
/// (dates, text) it is a literal.
fn resolve_slashes(toks: &mut Vec<Token>) {
    let has_digits = toks.iter().any(|t| matches!(t, Token::Digit(_)));
    let is_date = toks.iter().any(|t| {
        matches!(
            t,
            Token::Year(_)
                | Token::Month(_)
                | Token::Day(_)
                | Token::Hour(_)
                | Token::Minute(_)
                | Token::Second(_)
        )
    });
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    for t in toks.drain(..) {
        let t = match t {
            Token::Slash if is_date || !has_digits => Token::Literal("/".into()),
            Token::Point | Token::Comma if is_date => {
                Token::Literal(if t == Token::Point { "." } else { "," }.into())
            }
            Token::Percent if is_date => Token::Literal("%".into()),
            t => t,
        };
        match (out.last_mut(), t) {
            (Some(Token::Literal(a)), Token::Literal(b)) => a.push_str(&b),
            (_, t) => out.push(t),
        }
    }
    *toks = out;
}
