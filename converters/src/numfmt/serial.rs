//! Excel serial dates and times → ODF `office:date-value` / `office:time-value` (ODF 1.3
//! §19.370, §19.382).
//!
//! LibreOffice keeps an imported serial as the very number and counts days from its null date
//! (1899-12-30 for the 1900 system, 1904-01-01 for the 1904 system), without Excel's fictitious
//! 1900-02-29: serial 60 shows as 1900-02-28 and serials below 61 one day earlier than in Excel.
//! We count the same way, so LibreOffice reads back exactly the source's serial (formulas see
//! the same numbers) and shows the same date it shows for the source. A 1904 workbook's .ods must
//! then declare `table:null-date table:date-value="1904-01-01"` in `table:calculation-settings`.

use super::ValueType;

/// The value attributes of a number cell of type `vt` (ODF 1.3 §19.385-19.387):
/// `office:value-type` with `office:value`, `office:date-value` or `office:time-value`.
/// A date or time out of range falls back to `float` with the number, which LibreOffice shows
/// under the date style as it shows the source's serial. `None` for NaN and infinities, which
/// no ODF value can carry.
pub fn value_attributes(
    vt: ValueType,
    value: f64,
    date1904: bool,
) -> Option<Vec<(&'static str, String)>> {
    if !value.is_finite() {
        return None;
    }
    let special = match vt {
        ValueType::Date => serial_to_date(value, date1904).map(|d| ("office:date-value", d)),
        ValueType::Time => serial_to_duration(value).map(|d| ("office:time-value", d)),
        _ => None,
    };
    Some(match special {
        Some((name, v)) => vec![("office:value-type", vt.as_str().to_string()), (name, v)],
        None => {
            let vt = match vt {
                ValueType::Date | ValueType::Time => ValueType::Float,
                vt => vt,
            };
            // Debug prints the shortest representation that reads back to the same double,
            // with an exponent for very large or small numbers (valid xsd:double).
            vec![
                ("office:value-type", vt.as_str().to_string()),
                ("office:value", format!("{value:?}")),
            ]
        }
    })
}

/// Days from 0001-01-01 (day 0) to 1899-12-30 and to 1904-01-01.
const NULL_1900: i64 = 693_593;
const NULL_1904: i64 = 695_055;
/// 9999-12-31 as a day number: the last date `xsd:dateTime` readers generally accept.
const LAST_DAY: i64 = 3_652_058;

/// `office:date-value` for an Excel serial, e.g. `2024-03-01T12:30:00`; `None` when the date
/// falls outside years 1-9999 or the serial is not a finite number.
pub fn serial_to_date(serial: f64, date1904: bool) -> Option<String> {
    if !serial.is_finite() || serial.abs() > 4.0e6 {
        return None;
    }
    let null = if date1904 { NULL_1904 } else { NULL_1900 };
    // Work in microseconds so the time of day rounds once, not per field.
    let micros = (serial * 86_400_000_000.0).round() as i64;
    let days = micros.div_euclid(86_400_000_000);
    let in_day = micros.rem_euclid(86_400_000_000);
    let day = null + days;
    if !(0..=LAST_DAY).contains(&day) {
        return None;
    }
    let (y, m, d) = civil(day);
    let mut out = String::with_capacity(26);
    push_num(&mut out, y, 4);
    out.push('-');
    push_num(&mut out, m, 2);
    out.push('-');
    push_num(&mut out, d, 2);
    out.push('T');
    push_clock(&mut out, in_day);
    Some(out)
}

/// `office:time-value` for an Excel serial read as a duration, e.g. `PT36H30M00S` for 1.5208333;
/// negative serials give `-PT…`. `None` for non-finite or absurdly long durations.
pub fn serial_to_duration(serial: f64) -> Option<String> {
    // 1e8 days keep the microseconds within i64.
    if !serial.is_finite() || serial.abs() > 1.0e8 {
        return None;
    }
    let micros = (serial * 86_400_000_000.0).round() as i64;
    let mut out = String::with_capacity(24);
    if micros < 0 {
        out.push('-');
    }
    let micros = micros.unsigned_abs() as i64;
    out.push_str("PT");
    let hours = micros / 3_600_000_000;
    out.push_str(&hours.to_string());
    out.push('H');
    let rest = micros % 3_600_000_000;
    push_num(&mut out, rest / 60_000_000, 2);
    out.push('M');
    let secs = rest % 60_000_000;
    push_num(&mut out, secs / 1_000_000, 2);
    push_fraction(&mut out, secs % 1_000_000);
    out.push('S');
    Some(out)
}

fn push_clock(out: &mut String, in_day: i64) {
    push_num(out, in_day / 3_600_000_000, 2);
    out.push(':');
    push_num(out, in_day / 60_000_000 % 60, 2);
    out.push(':');
    push_num(out, in_day / 1_000_000 % 60, 2);
    push_fraction(out, in_day % 1_000_000);
}

/// `.ffffff` without trailing zeros; nothing for whole seconds.
fn push_fraction(out: &mut String, micros: i64) {
    if micros == 0 {
        return;
    }
    let mut digits = format!("{micros:06}");
    while digits.ends_with('0') {
        digits.pop();
    }
    out.push('.');
    out.push_str(&digits);
}

fn push_num(out: &mut String, n: i64, width: usize) {
    let s = n.to_string();
    for _ in s.len()..width {
        out.push('0');
    }
    out.push_str(&s);
}

/// Proleptic Gregorian (year, month, day) of day number `n` (0 = 0001-01-01).
fn civil(n: i64) -> (i64, i64, i64) {
    // Shift to days since 0000-03-01 so leap days fall at the end of each era year.
    let z = n + 306;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}
