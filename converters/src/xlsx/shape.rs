//! Shapes and text boxes of a sheet drawing (ECMA-376-1 §20.5.2.29 xdr:sp): the preset outline,
//! fill and line from the shape's properties (a:spPr) or its style (xdr:style), and the text body
//! (§21.1.2 a:txBody) as paragraphs of runs.

use crate::docx::theme::Theme;
use crate::dom::{Element, Ns};
use crate::drawingml::color;
use crate::sheet::drawing::{Drawn, Paragraph};
use crate::sheet::{Font, Run, Underline};
use crate::units::Rgb;

/// At most this many paragraphs and runs of text per shape.
const MAX_PARAGRAPHS: usize = 1_000;
const MAX_RUNS: usize = 10_000;

/// Reads a shape of `size` EMU. The second value names a preset geometry drawn as its box
/// (neither a rectangle nor one whose outline is known), for a finding.
pub fn read(sp: &Element, size: (i64, i64), theme: &Theme) -> (Drawn, Option<String>) {
    let fonts = theme;
    let theme = |n: &str| theme.color(n);
    let props = sp.child(Ns::Xdr, "spPr");
    let xfrm = props.and_then(|p| p.child(Ns::A, "xfrm"));
    let geometry = crate::docx::geometry::shape_geometry(props, xfrm, size.0, size.1);
    let preset = props
        .and_then(|p| p.child(Ns::A, "prstGeom"))
        .and_then(|g| g.attr(Ns::None, "prst"));
    // Connectors (§20.5.2.13 xdr:cxnSp) and lines are drawn straight from corner to corner.
    let flag = |a: &str| {
        xfrm.and_then(|x| x.attr(Ns::None, a))
            .is_some_and(|v| matches!(v, "1" | "true"))
    };
    let line = (sp.name == "cxnSp" || matches!(preset, Some("line" | "straightConnector1")))
        .then(|| (flag("flipH"), flag("flipV")));
    let boxed = match (geometry.is_none(), preset) {
        _ if line.is_some() => match preset {
            Some(p) if !matches!(p, "line" | "straightConnector1") => {
                Some([p, " (drawn straight)"].concat())
            }
            _ => None,
        },
        (true, Some(p)) if !matches!(p, "rect" | "flowChartProcess") => Some(p.to_string()),
        (true, None) if props.is_some_and(|p| p.child(Ns::A, "custGeom").is_some()) => {
            Some("custom".to_string())
        }
        _ => None,
    };

    // The style's references (§20.1.4.2.10 fillRef, .19 lnRef, .13 fontRef): index 0 is none.
    let style = sp.child(Ns::Xdr, "style");
    let referenced = |name: &str| {
        style
            .and_then(|s| s.child(Ns::A, name))
            .filter(|e| e.attr(Ns::None, "idx").is_some_and(|i| i != "0"))
            .and_then(|e| color(e, &theme))
    };
    let mut fill = referenced("fillRef");
    let mut stroke = referenced("lnRef").map(|c| (c, 0.75));
    if let Some(p) = props {
        if p.child(Ns::A, "noFill").is_some() {
            fill = None;
        } else if let Some(f) = p.child(Ns::A, "solidFill") {
            fill = color(f, &theme);
        } else if let Some(stop) = p.child(Ns::A, "gradFill").and_then(|g| g.find(Ns::A, "gs")) {
            // A gradient is drawn in its first colour.
            fill = color(stop, &theme);
        }
        if let Some(ln) = p.child(Ns::A, "ln") {
            if ln.child(Ns::A, "noFill").is_some() {
                stroke = None;
            } else {
                let width = ln
                    .attr(Ns::None, "w")
                    .and_then(|w| w.parse::<f64>().ok())
                    .map(|emu| (emu / 12_700.0).clamp(0.0, 100.0));
                let c = ln.child(Ns::A, "solidFill").and_then(|f| color(f, &theme));
                if let Some(c) = c.or(stroke.map(|s| s.0)) {
                    stroke = Some((c, width.or(stroke.map(|s| s.1)).unwrap_or(0.75)));
                }
            }
        }
    }
    let font_ref = style.and_then(|s| s.child(Ns::A, "fontRef"));
    let text_color = font_ref.and_then(|e| color(e, &theme));
    // Text takes the theme's minor font unless the style or the run names another
    // (§20.1.4.1.17 fontRef idx, ST_FontCollectionIndex; `+mj-lt` in a:latin).
    let theme_font = |major: bool| fonts.font(if major { "majorHAnsi" } else { "minorHAnsi" });
    let default_font = theme_font(font_ref.and_then(|f| f.attr(Ns::None, "idx")) == Some("major"));

    let body = sp.child(Ns::Xdr, "txBody");
    let pr = body.and_then(|b| b.child(Ns::A, "bodyPr"));
    let inset = |name: &str, default: i64| {
        pr.and_then(|b| b.attr(Ns::None, name))
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(default)
            .clamp(0, 50_000_000)
    };
    // §21.1.2.1.1 bodyPr: insets default to 0.1in left and right, 0.05in top and bottom.
    let insets = [
        inset("lIns", 91_440),
        inset("tIns", 45_720),
        inset("rIns", 91_440),
        inset("bIns", 45_720),
    ];
    let vertical = match pr.and_then(|b| b.attr(Ns::None, "anchor")) {
        Some("ctr") => "middle",
        Some("b") => "bottom",
        _ => "top",
    };
    let mut paragraphs = Vec::new();
    let mut runs = 0;
    for p in body
        .into_iter()
        .flat_map(|b| b.children_named(Ns::A, "p"))
        .take(MAX_PARAGRAPHS)
    {
        let align = match p
            .child(Ns::A, "pPr")
            .and_then(|pp| pp.attr(Ns::None, "algn"))
        {
            Some("ctr") => Some("center"),
            Some("r") => Some("end"),
            Some("just" | "dist") => Some("justify"),
            _ => None,
        };
        let mut para = Paragraph {
            align,
            runs: Vec::new(),
        };
        for r in p.elements() {
            if runs >= MAX_RUNS {
                break;
            }
            let text = match r.name.as_str() {
                "r" | "fld" => r.child(Ns::A, "t").map(Element::text).unwrap_or_default(),
                "br" => "\n".to_string(),
                _ => continue,
            };
            runs += 1;
            let mut font = font(r.child(Ns::A, "rPr"), text_color, &theme);
            let themed = match font.name.as_deref() {
                Some("+mj-lt") => Some(theme_font(true)),
                Some("+mn-lt") | None => Some(default_font.clone()),
                // Other theme references (east Asian, complex) are not resolved.
                Some(n) if n.starts_with('+') => Some(None),
                Some(_) => None,
            };
            if let Some(name) = themed {
                font.name = name;
            }
            para.runs.push(Run {
                text,
                font: Some(font),
            });
        }
        paragraphs.push(para);
    }
    // A shape without text still needs no paragraph; one with only empty ones keeps them.
    if paragraphs.iter().all(|p| p.runs.is_empty()) {
        paragraphs.clear();
    }
    let drawn = Drawn {
        geometry,
        fill,
        stroke,
        insets,
        vertical,
        paragraphs,
        line,
    };
    (drawn, boxed)
}

/// A run's font (§21.1.2.3.9 a:rPr): size in hundredths of a point, bold, italic, underline,
/// strike, colour and Latin typeface; Excel's shape text is 11pt unless it says otherwise.
fn font(
    rpr: Option<&Element>,
    default_color: Option<Rgb>,
    theme: &dyn Fn(&str) -> Option<Rgb>,
) -> Font {
    let a = |n: &str| rpr.and_then(|r| r.attr(Ns::None, n));
    let on = |n: &str| a(n).is_some_and(|v| matches!(v, "1" | "true"));
    Font {
        name: rpr
            .and_then(|r| r.child(Ns::A, "latin"))
            .and_then(|l| l.attr(Ns::None, "typeface"))
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        size: Some(
            a("sz")
                .and_then(|v| v.parse::<f64>().ok())
                .map_or(11.0, |v| (v / 100.0).clamp(1.0, 4000.0)),
        ),
        bold: on("b"),
        italic: on("i"),
        underline: match a("u") {
            None | Some("none") => None,
            Some("dbl") => Some(Underline::Double),
            Some(_) => Some(Underline::Single),
        },
        strike: a("strike").is_some_and(|v| v != "noStrike"),
        color: rpr
            .and_then(|r| r.child(Ns::A, "solidFill"))
            .and_then(|f| color(f, theme))
            .or(default_color),
        vert_align: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#;

    fn theme() -> Theme {
        let xml = r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements><a:clrScheme name="x"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:accent1><a:srgbClr val="4472C4"/></a:accent1></a:clrScheme><a:fontScheme name="f"><a:majorFont><a:latin typeface="Cambria"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#;
        Theme::parse(&crate::dom::parse(xml.as_bytes(), "theme").unwrap())
    }

    fn shape(body: &str) -> (Drawn, Option<String>) {
        let xml = ["<xdr:sp ", NS, ">", body, "</xdr:sp>"].concat();
        let e = crate::dom::parse(xml.as_bytes(), "drawing").unwrap();
        read(&e, (1_000_000, 500_000), &theme())
    }

    #[test]
    fn style_references_text_and_own_properties() {
        let (d, boxed) = shape(
            r#"<xdr:spPr><a:prstGeom prst="rect"/><a:ln w="25400"/></xdr:spPr><xdr:style><a:lnRef idx="2"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="1"><a:schemeClr val="accent1"/></a:fillRef><a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></xdr:style><xdr:txBody><a:bodyPr lIns="0" anchor="ctr"/><a:p><a:pPr algn="ctr"/><a:r><a:rPr sz="1400" b="1"><a:latin typeface="+mj-lt"/></a:rPr><a:t>Big</a:t></a:r><a:br/><a:r><a:rPr u="sng"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:rPr><a:t>red</a:t></a:r></a:p><a:p/></xdr:txBody>"#,
        );
        assert_eq!(boxed, None);
        assert_eq!(d.geometry, None, "a rectangle is drawn as its box");
        assert_eq!(d.fill, Some(Rgb(0x44, 0x72, 0xC4)));
        assert_eq!(d.stroke, Some((Rgb(0x44, 0x72, 0xC4), 2.0)));
        assert_eq!(d.insets, [0, 45_720, 91_440, 45_720]);
        assert_eq!(d.vertical, "middle");
        assert_eq!(d.paragraphs.len(), 2);
        let p = &d.paragraphs[0];
        assert_eq!(p.align, Some("center"));
        let texts: Vec<&str> = p.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Big", "\n", "red"]);
        let big = p.runs[0].font.as_ref().unwrap();
        assert_eq!(
            (big.name.as_deref(), big.size, big.bold, big.color),
            (Some("Cambria"), Some(14.0), true, Some(Rgb(255, 255, 255)))
        );
        let red = p.runs[2].font.as_ref().unwrap();
        assert_eq!(
            (red.name.as_deref(), red.size, red.underline, red.color),
            (
                Some("Calibri"),
                Some(11.0),
                Some(Underline::Single),
                Some(Rgb(255, 0, 0))
            )
        );
    }

    #[test]
    fn no_fill_no_line_and_geometries() {
        let (d, boxed) = shape(
            r#"<xdr:spPr><a:prstGeom prst="ellipse"/><a:noFill/><a:ln><a:noFill/></a:ln></xdr:spPr><xdr:style><a:lnRef idx="2"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="1"><a:schemeClr val="accent1"/></a:fillRef></xdr:style>"#,
        );
        assert_eq!((d.fill, d.stroke), (None, None));
        assert!(d.geometry.is_some(), "an ellipse has its outline");
        assert_eq!(boxed, None);
        assert!(d.paragraphs.is_empty());
        let (d, boxed) = shape(r#"<xdr:spPr><a:prstGeom prst="heptagonStar"/></xdr:spPr>"#);
        assert_eq!(d.geometry, None);
        assert_eq!(boxed.as_deref(), Some("heptagonStar"));
        assert_eq!(d.line, None);
    }

    #[test]
    fn connectors_and_lines_are_straight() {
        let xml = ["<xdr:cxnSp ", NS, r#"><xdr:spPr><a:xfrm flipH="1"/><a:prstGeom prst="bentConnector3"/><a:ln w="12700"><a:solidFill><a:srgbClr val="00FF00"/></a:solidFill></a:ln></xdr:spPr></xdr:cxnSp>"#].concat();
        let e = crate::dom::parse(xml.as_bytes(), "drawing").unwrap();
        let (d, boxed) = read(&e, (10, 10), &theme());
        assert_eq!(d.line, Some((true, false)));
        assert_eq!(d.stroke, Some((Rgb(0, 255, 0), 1.0)));
        assert_eq!(boxed.as_deref(), Some("bentConnector3 (drawn straight)"));
        let (d, boxed) =
            shape(r#"<xdr:spPr><a:xfrm flipV="1"/><a:prstGeom prst="line"/></xdr:spPr>"#);
        assert_eq!((d.line, boxed), (Some((false, true)), None));
    }
}
