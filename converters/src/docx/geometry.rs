//! Text rectangles of DrawingML preset shapes (ECMA-376-1 §20.1.9.18 prstGeom, the `rect` of
//! each shape in the standard's presetShapeDefinitions.xml): a shape's text sits in this part of
//! its box, not in the whole box, and LibreOffice lays the text out there.

use crate::dom::{Element, Ns};
use crate::text::Geometry;

/// A shape's preset geometry (`a:prstGeom`): its name and adjust values (`a:avLst/a:gd` with
/// formula `val N`, ECMA-376-1 §20.1.9.11).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Preset {
    pub name: String,
    pub adjust: Vec<(String, i64)>,
}

impl Preset {
    /// The a:prstGeom under `e` (searched among its descendants).
    pub(crate) fn of(e: &Element) -> Option<Self> {
        let g = if e.is(Ns::A, "prstGeom") {
            e
        } else {
            e.find(Ns::A, "prstGeom")?
        };
        let name = g.attr(Ns::None, "prst")?.to_string();
        let adjust = g
            .child(Ns::A, "avLst")
            .map(|av| {
                av.children_named(Ns::A, "gd")
                    .filter_map(|gd| {
                        let n = gd.attr(Ns::None, "name")?;
                        let v = gd.attr(Ns::None, "fmla")?.strip_prefix("val ")?;
                        Some((n.to_string(), v.trim().parse::<i64>().ok()?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Self { name, adjust })
    }

    fn adj(&self, name: &str, default: i64) -> f64 {
        self.adjust
            .iter()
            .find(|(n, _)| n == name)
            .map_or(default, |(_, v)| *v) as f64
    }

    /// The distances of the text rectangle from the left, top, right and bottom edges of a box
    /// `w` × `h` (any unit), for the presets whose text rectangle is known here; `None` for the
    /// others. The formulas are those of presetShapeDefinitions.xml (`ss` is the shorter side,
    /// adjust values are in 1/100000).
    pub(crate) fn text_insets(&self, w: f64, h: f64) -> Option<[f64; 4]> {
        if w <= 0.0 || h <= 0.0 {
            return None;
        }
        let ss = w.min(h);
        let pin = |lo: f64, v: f64, hi: f64| v.max(lo).min(hi.max(lo));
        Some(match self.name.as_str() {
            "rect" | "flowChartProcess" => [0.0; 4],
            "roundRect" => {
                let a = pin(0.0, self.adj("adj", 16667), 50000.0);
                let i = ss * a / 100000.0 * 29289.0 / 100000.0;
                [i, i, i, i]
            }
            "ellipse" | "flowChartConnector" => {
                // The rectangle inscribed at 45°: hc ± wd2·cos 45°, vc ± hd2·sin 45°.
                let dx = w / 2.0 * (1.0 - std::f64::consts::FRAC_1_SQRT_2);
                let dy = h / 2.0 * (1.0 - std::f64::consts::FRAC_1_SQRT_2);
                [dx, dy, dx, dy]
            }
            "trapezoid" => {
                let max = 50000.0 * w / ss;
                let a = pin(0.0, self.adj("adj", 25000), max);
                let (il, it) = (w / 3.0 * a / max, h / 3.0 * a / max);
                [il, it, il, 0.0]
            }
            "parallelogram" => {
                let max = 50000.0 * w / ss;
                let a = pin(0.0, self.adj("adj", 25000), max);
                let q2 = (1.0 + 5.0 * a / max) / 12.0;
                [q2 * w, q2 * h, q2 * w, q2 * h]
            }
            "triangle" => {
                let a = pin(0.0, self.adj("adj", 50000), 100000.0);
                let x1 = w * a / 200000.0;
                [x1, h / 2.0, w / 2.0 - x1, 0.0]
            }
            "rtTriangle" => [0.0, h * 7.0 / 12.0, w * 7.0 / 12.0, 0.0],
            "diamond" | "flowChartDecision" => [w / 4.0, h / 4.0, w / 4.0, h / 4.0],
            "homePlate" => {
                let max = 100000.0 * w / ss;
                let a = pin(0.0, self.adj("adj", 50000), max);
                [0.0, 0.0, ss * a / 200000.0, 0.0]
            }
            "chevron" => {
                let max = 100000.0 * w / ss;
                let a = pin(0.0, self.adj("adj", 50000), max);
                let x1 = ss * a / 100000.0;
                if w - x1 > x1 {
                    [x1, 0.0, x1, 0.0]
                } else {
                    [0.0; 4]
                }
            }
            "octagon" => {
                let a = pin(0.0, self.adj("adj", 29289), 50000.0);
                let i = ss * a / 100000.0 / 2.0;
                [i, i, i, i]
            }
            _ => return None,
        })
    }
}

impl Preset {
    /// The outline of the presets known here, as a closed path in a box `w` × `h`: straight
    /// segments as points, the rounded ones as cubic Bézier curves (presetShapeDefinitions.xml
    /// path lists; arcs become quarter curves with the usual 0.5523 handle length).
    fn outline(&self, w: f64, h: f64) -> Option<Vec<Seg>> {
        let ss = w.min(h);
        let pin = |lo: f64, v: f64, hi: f64| v.max(lo).min(hi.max(lo));
        let poly = |pts: &[(f64, f64)]| pts.iter().map(|&p| Seg::Line(p)).collect::<Vec<_>>();
        Some(match self.name.as_str() {
            "rect" | "flowChartProcess" => poly(&[(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]),
            "roundRect" => {
                let a = pin(0.0, self.adj("adj", 16667), 50000.0);
                rounded(w, h, ss * a / 100000.0)
            }
            "ellipse" | "flowChartConnector" => rounded(w, h, f64::NAN),
            "trapezoid" => {
                let a = pin(0.0, self.adj("adj", 25000), 50000.0 * w / ss);
                let x2 = ss * a / 100000.0;
                poly(&[(0.0, h), (x2, 0.0), (w - x2, 0.0), (w, h)])
            }
            "parallelogram" => {
                let a = pin(0.0, self.adj("adj", 25000), 50000.0 * w / ss);
                let x2 = ss * a / 100000.0;
                poly(&[(0.0, h), (x2, 0.0), (w, 0.0), (w - x2, h)])
            }
            "triangle" => {
                let a = pin(0.0, self.adj("adj", 50000), 100000.0);
                poly(&[(0.0, h), (w * a / 100000.0, 0.0), (w, h)])
            }
            "rtTriangle" => poly(&[(0.0, h), (0.0, 0.0), (w, h)]),
            "diamond" | "flowChartDecision" => {
                poly(&[(0.0, h / 2.0), (w / 2.0, 0.0), (w, h / 2.0), (w / 2.0, h)])
            }
            "homePlate" => {
                let a = pin(0.0, self.adj("adj", 50000), 100000.0 * w / ss);
                let x1 = w - ss * a / 100000.0;
                poly(&[(0.0, 0.0), (x1, 0.0), (w, h / 2.0), (x1, h), (0.0, h)])
            }
            "chevron" => {
                let a = pin(0.0, self.adj("adj", 50000), 100000.0 * w / ss);
                let x1 = ss * a / 100000.0;
                let x2 = w - x1;
                poly(&[
                    (0.0, 0.0),
                    (x2, 0.0),
                    (w, h / 2.0),
                    (x2, h),
                    (0.0, h),
                    (x1, h / 2.0),
                ])
            }
            "octagon" => {
                let a = pin(0.0, self.adj("adj", 29289), 50000.0);
                let x1 = ss * a / 100000.0;
                poly(&[
                    (0.0, x1),
                    (x1, 0.0),
                    (w - x1, 0.0),
                    (w, x1),
                    (w, h - x1),
                    (w - x1, h),
                    (x1, h),
                    (0.0, h - x1),
                ])
            }
            _ => return None,
        })
    }

    /// The shape's outline and text area in a box of `w` × `h` EMU, mirrored as the shape is
    /// flipped (ECMA-376-1 §20.1.7.6 xfrm flipH, flipV); `None` for presets not known here.
    pub(crate) fn geometry(&self, w: i64, h: i64, flip: (bool, bool)) -> Option<Geometry> {
        let (wf, hf) = (w as f64, h as f64);
        let [mut l, mut t, mut r, mut b] = self.text_insets(wf, hf)?;
        let segs = self.outline(wf, hf)?;
        if flip.0 {
            std::mem::swap(&mut l, &mut r);
        }
        if flip.1 {
            std::mem::swap(&mut t, &mut b);
        }
        let pt = |(x, y): (f64, f64)| {
            let x = if flip.0 { wf - x } else { x };
            let y = if flip.1 { hf - y } else { y };
            format!("{} {}", x.round() as i64, y.round() as i64)
        };
        let mut path = String::new();
        // Every outline starts with a point (Seg::Line).
        for (i, s) in segs.iter().enumerate() {
            match s {
                Seg::Line(p) if i == 0 => path += &format!("M {}", pt(*p)),
                Seg::Line(p) => path += &format!(" L {}", pt(*p)),
                Seg::Curve(c1, c2, p) => path += &format!(" C {} {} {}", pt(*c1), pt(*c2), pt(*p)),
            }
        }
        path += " Z N";
        let round = |v: f64| v.round() as i64;
        Some(Geometry {
            width: w,
            height: h,
            path,
            text_area: [round(l), round(t), round(wf - r), round(hf - b)],
        })
    }
}

/// The custom outline of a shape with spPr `props` and transform `xfrm`, `w` × `h` EMU: for
/// presets known here other than a plain rectangle, and not rotated (a rotated shape keeps its
/// box).
pub(crate) fn shape_geometry(
    props: Option<&Element>,
    xfrm: Option<&Element>,
    w: i64,
    h: i64,
) -> Option<Geometry> {
    let preset = Preset::of(props?)?;
    let attr = |a: &str| xfrm.and_then(|x| x.attr(Ns::None, a));
    let flag = |a: &str| attr(a).is_some_and(|v| matches!(v, "1" | "true"));
    if matches!(preset.name.as_str(), "rect" | "flowChartProcess")
        || attr("rot").is_some_and(|r| r.trim() != "0")
    {
        return None;
    }
    preset.geometry(w, h, (flag("flipH"), flag("flipV")))
}

/// The outline of a VML `v:oval` or `v:roundrect` (ECMA-376-4 §14.1.2.12, §14.1.2.17), `w` × `h`
/// EMU, as the DrawingML preset it matches; `None` for other shapes and rotated ones. A rounded
/// rectangle's arcsize is a fraction of half the shorter side ("0.2" or "13107f" in 1/65536).
pub(crate) fn vml_geometry(shape: &Element, w: i64, h: i64) -> Option<Geometry> {
    let style = shape.attr(Ns::None, "style").unwrap_or("");
    if style.split(';').any(|d| {
        d.split_once(':')
            .is_some_and(|(k, v)| k.trim() == "rotation" && v.trim().trim_end_matches("fd") != "0")
    }) {
        return None;
    }
    let preset = match shape.name.as_str() {
        "oval" => Preset {
            name: "ellipse".into(),
            adjust: Vec::new(),
        },
        "roundrect" => {
            let arc = shape.attr(Ns::None, "arcsize").unwrap_or("0.2").trim();
            let fraction = match arc.strip_suffix('f') {
                Some(fixed) => fixed.parse::<f64>().ok()? / 65536.0,
                None => arc.parse::<f64>().ok()?,
            };
            Preset {
                name: "roundRect".into(),
                adjust: vec![("adj".into(), (fraction.clamp(0.0, 1.0) * 50000.0) as i64)],
            }
        }
        _ => return None,
    };
    preset.geometry(w, h, (false, false))
}

/// One step of an outline: a straight line to a point, or a cubic curve (two handles, end).
enum Seg {
    Line((f64, f64)),
    Curve((f64, f64), (f64, f64), (f64, f64)),
}

/// A rectangle with corners rounded by radius `r` (an ellipse when `r` is NaN): a start point,
/// then per corner a curve and a straight side.
fn rounded(w: f64, h: f64, r: f64) -> Vec<Seg> {
    const K: f64 = 0.5523;
    let (rx, ry) = if r.is_nan() {
        (w / 2.0, h / 2.0)
    } else {
        (r.min(w / 2.0), r.min(h / 2.0))
    };
    let (kx, ky) = (rx * K, ry * K);
    vec![
        Seg::Line((0.0, ry)),
        Seg::Curve((0.0, ry - ky), (rx - kx, 0.0), (rx, 0.0)),
        Seg::Line((w - rx, 0.0)),
        Seg::Curve((w - rx + kx, 0.0), (w, ry - ky), (w, ry)),
        Seg::Line((w, h - ry)),
        Seg::Curve((w, h - ry + ky), (w - rx + kx, h), (w - rx, h)),
        Seg::Line((rx, h)),
        Seg::Curve((rx - kx, h), (0.0, h - ry + ky), (0.0, h - ry)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn preset(name: &str, adjust: &[(&str, i64)]) -> Preset {
        Preset {
            name: name.into(),
            adjust: adjust.iter().map(|(n, v)| (n.to_string(), *v)).collect(),
        }
    }

    fn close(a: [f64; 4], b: [f64; 4]) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.01)
    }

    #[test]
    fn reads_prst_geom_with_adjust_values() -> TestResult {
        let xml = r#"<a:spPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:prstGeom prst="trapezoid"><a:avLst><a:gd name="adj" fmla="val 85714"/></a:avLst></a:prstGeom></a:spPr>"#;
        let root = crate::dom::parse(xml.as_bytes(), "t.xml")?;
        assert_eq!(
            Preset::of(&root),
            Some(preset("trapezoid", &[("adj", 85714)]))
        );
        Ok(())
    }

    #[test]
    fn text_rectangles_of_common_presets() -> TestResult {
        assert_eq!(preset("rect", &[]).text_insets(100.0, 50.0), Some([0.0; 4]));
        // A pyramid step: the adjust value is pinned to its maximum, so the text area is the
        // middle third of the box's width, below its top third.
        let t = preset("trapezoid", &[("adj", 85714)])
            .text_insets(2412991.0, 1422400.0)
            .ok_or("no text area")?;
        assert!(close(
            t,
            [2412991.0 / 3.0, 1422400.0 / 3.0, 2412991.0 / 3.0, 0.0]
        ));
        let e = preset("ellipse", &[])
            .text_insets(200.0, 100.0)
            .ok_or("no text area")?;
        assert!(close(e, [29.289, 14.645, 29.289, 14.645]));
        let r = preset("roundRect", &[])
            .text_insets(200.0, 100.0)
            .ok_or("no text area")?;
        assert!(close(r, [4.882, 4.882, 4.882, 4.882]));
        let h = preset("homePlate", &[])
            .text_insets(200.0, 100.0)
            .ok_or("no text area")?;
        assert!(close(h, [0.0, 0.0, 25.0, 0.0]));
        let c = preset("chevron", &[])
            .text_insets(200.0, 100.0)
            .ok_or("no text area")?;
        assert!(close(c, [50.0, 0.0, 50.0, 0.0]));
        assert_eq!(preset("cloud", &[]).text_insets(1.0, 1.0), None);
        Ok(())
    }

    #[test]
    fn outlines_and_text_areas() -> TestResult {
        let g = preset("chevron", &[])
            .geometry(200, 100, (false, false))
            .ok_or("no geometry")?;
        assert_eq!(
            g.path,
            "M 0 0 L 150 0 L 200 50 L 150 100 L 0 100 L 50 50 Z N"
        );
        assert_eq!(g.text_area, [50, 0, 150, 100]);
        // Flipped sideways, a home plate points left and its text area moves right.
        let g = preset("homePlate", &[])
            .geometry(200, 100, (true, false))
            .ok_or("no geometry")?;
        assert_eq!(g.path, "M 200 0 L 50 0 L 0 50 L 50 100 L 200 100 Z N");
        assert_eq!(g.text_area, [25, 0, 200, 100]);
        let g = preset("ellipse", &[])
            .geometry(200, 100, (false, false))
            .ok_or("no geometry")?;
        assert!(g.path.starts_with("M 0 50 C 0 22 45 0 100 0 L 100 0 C"));
        assert_eq!(
            preset("cloud", &[]).geometry(200, 100, (false, false)),
            None
        );
        Ok(())
    }

    #[test]
    fn vml_ovals_and_rounded_rectangles() -> TestResult {
        // Each fixture is one VML element that declares its own namespace.
        let vml = |xml: &str| -> Result<Option<Geometry>, crate::error::DetectError> {
            Ok(vml_geometry(
                &crate::dom::parse(xml.as_bytes(), "t.xml")?,
                200,
                100,
            ))
        };
        const V: &str = r#"xmlns:v="urn:schemas-microsoft-com:vml""#;
        let oval =
            vml(&[r#"<v:oval "#, V, r#" style="width:10pt"/>"#].concat())?.ok_or("no oval")?;
        assert!(oval.path.starts_with("M 0 50 C"));
        // arcsize 0.5: radius a quarter of the shorter side, 25.
        let round =
            vml(&[r#"<v:roundrect "#, V, r#" arcsize="32768f"/>"#].concat())?.ok_or("no rect")?;
        assert!(round.path.starts_with("M 0 25 C"), "{}", round.path);
        let turned = [r#"<v:oval "#, V, r#" style="rotation:45"/>"#].concat();
        assert_eq!(vml(&turned)?, None);
        assert_eq!(vml(&[r#"<v:rect "#, V, "/>"].concat())?, None);
        Ok(())
    }
}
