//! Shared strings (ECMA-376-1 §18.4): plain and rich text items, and the `_xHHHH_` escapes of
//! ST_Xstring (§22.9.2.19) that carry characters XML cannot.

use std::sync::Arc;

use crate::dom::{Element, Ns};
use crate::sheet::{Run, Value};

use super::styles::{Colors, font};

/// At most this many shared strings are read; a larger table is refused as hostile (Excel's own
/// files stay far below, since each cell refers to at most one).
pub const MAX_SHARED_STRINGS: usize = 10_000_000;

/// Decodes `_xHHHH_` escapes; `_x005F_` escapes an underscore itself.
pub fn unescape(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let code = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .filter(|_| tail.as_bytes().get(6) == Some(&b'_'))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One string item (§18.4.8 si, also an inline string's `is`): plain `t`, or runs. Phonetic
/// runs (rPh) are readings shown only on request and are not part of the value.
pub fn item(si: &Element, colors: &Colors) -> Value {
    let runs: Vec<&Element> = si.children_named(Ns::X, "r").collect();
    if runs.is_empty() {
        let text = si.child(Ns::X, "t").map(|t| t.text()).unwrap_or_default();
        return Value::String(Arc::from(unescape(&text)));
    }
    let mut out: Vec<Run> = Vec::with_capacity(runs.len() + 1);
    if let Some(t) = si.child(Ns::X, "t") {
        out.push(Run {
            text: unescape(&t.text()),
            font: None,
        });
    }
    for r in runs {
        out.push(Run {
            text: unescape(&r.child(Ns::X, "t").map(|t| t.text()).unwrap_or_default()),
            font: r.child(Ns::X, "rPr").map(|p| font(p, colors)),
        });
    }
    Value::RichText(Arc::from(out))
}

/// Reads the shared string table.
pub fn read(root: &Element, colors: &Colors) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    for si in root.children_named(Ns::X, "si") {
        if out.len() >= MAX_SHARED_STRINGS {
            return Err(format!(
                "more than {MAX_SHARED_STRINGS} shared strings; refused as hostile"
            ));
        }
        out.push(item(si, colors));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_xstring() {
        assert_eq!(unescape("a_x000D__x000A_b"), "a\r\nb");
        assert_eq!(unescape("_x005F_x0041_"), "_x0041_");
        assert_eq!(unescape("_x12_ and _xZZZZ_"), "_x12_ and _xZZZZ_");
        assert_eq!(unescape("plain"), "plain");
    }
}
