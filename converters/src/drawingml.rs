//! DrawingML colours (ECMA-376-1 §20.1.2.3): a colour choice (`a:srgbClr`, `a:schemeClr`,
//! `a:sysClr`, `a:prstClr`) with its modifiers, as shapes, diagrams and charts use them.

use crate::dom::{Element, Ns};
use crate::units::Rgb;

/// A DrawingML colour choice under `parent` with its modifiers (ECMA-376-1 §20.1.2.3): lumMod
/// and lumOff act on HSL lightness, tint and shade blend towards white and black.
pub fn color(parent: &Element, theme: &dyn Fn(&str) -> Option<Rgb>) -> Option<Rgb> {
    for c in parent.elements() {
        let val = c.attr(Ns::None, "val").unwrap_or("");
        let base = match c.name.as_str() {
            "srgbClr" => Rgb::parse(val),
            "schemeClr" => theme(val),
            "sysClr" => c.attr(Ns::None, "lastClr").and_then(Rgb::parse),
            "prstClr" => match val {
                "black" => Some(Rgb(0, 0, 0)),
                "white" => Some(Rgb(255, 255, 255)),
                _ => None,
            },
            _ => None,
        };
        if let Some(rgb) = base {
            return Some(modified(rgb, c));
        }
    }
    None
}

fn modified(rgb: Rgb, c: &Element) -> Rgb {
    let pct = |m: &Element| {
        m.attr(Ns::None, "val")
            .and_then(|v| v.parse::<f64>().ok())
            .map(|v| v / 100_000.0)
    };
    let (mut hh, mut s, mut l) = hsl(rgb);
    let mut out = rgb;
    for m in c.elements() {
        let Some(v) = pct(m) else { continue };
        match m.name.as_str() {
            "lumMod" => l *= v,
            "lumOff" => l += v,
            "hueOff" => hh = (hh + v * 100_000.0 / 60_000.0 / 360.0).rem_euclid(1.0),
            "satMod" => s *= v,
            "satOff" => s += v,
            _ => continue,
        }
        out = from_hsl(hh, s.clamp(0.0, 1.0), l.clamp(0.0, 1.0));
    }
    for m in c.elements() {
        let Some(v) = pct(m) else { continue };
        match m.name.as_str() {
            "tint" => out = out.tinted(v.clamp(0.0, 1.0)),
            "shade" => out = out.shaded(v.clamp(0.0, 1.0)),
            _ => {}
        }
    }
    out
}

pub(crate) fn hsl(Rgb(r, g, b): Rgb) -> (f64, f64, f64) {
    let (r, g, b) = (r as f64 / 255.0, g as f64 / 255.0, b as f64 / 255.0);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let l = (max + min) / 2.0;
    if max == min {
        return (0.0, 0.0, l);
    }
    let d = max - min;
    let s = if l > 0.5 {
        d / (2.0 - max - min)
    } else {
        d / (max + min)
    };
    let h = if max == r {
        (g - b) / d + if g < b { 6.0 } else { 0.0 }
    } else if max == g {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    };
    (h / 6.0, s, l)
}

pub(crate) fn from_hsl(h: f64, s: f64, l: f64) -> Rgb {
    let f = |v: f64| (v * 255.0).round().clamp(0.0, 255.0) as u8;
    if s == 0.0 {
        return Rgb(f(l), f(l), f(l));
    }
    let q = if l < 0.5 {
        l * (1.0 + s)
    } else {
        l + s - l * s
    };
    let p = 2.0 * l - q;
    let hue = |mut t: f64| {
        t = t.rem_euclid(1.0);
        if t < 1.0 / 6.0 {
            p + (q - p) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            p + (q - p) * (2.0 / 3.0 - t) * 6.0
        } else {
            p
        }
    };
    Rgb(f(hue(h + 1.0 / 3.0)), f(hue(h)), f(hue(h - 1.0 / 3.0)))
}
