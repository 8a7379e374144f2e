//! Inline SVG charts drawn in Rust: a donut for the verdicts, horizontal bars for formats and
//! categories. Colours come from CSS classes, labels go through the escaping builder.

use super::builder::Html;

/// One slice or bar: its (already localised) label, value and CSS class for the colour.
#[derive(Debug, Clone)]
pub struct Item {
    pub label: String,
    pub value: u64,
    pub class: &'static str,
}

/// Coordinates are written with at most two decimals; enough for a chart, and stable output.
fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    // `-0.00` would read "-0".
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A donut chart of the items' shares; `caption` labels it for screen readers.
pub fn donut(h: &mut Html, caption: &str, items: &[Item], center: &str) {
    const R: f64 = 45.0;
    let total: u64 = items.iter().map(|i| i.value).sum();
    let circumference = 2.0 * std::f64::consts::PI * R;
    h.open(
        "svg",
        &[
            ("class", "chart donut"),
            ("viewBox", "0 0 120 120"),
            ("width", "160"),
            ("height", "160"),
            ("role", "img"),
            ("aria-label", caption),
        ],
    );
    h.elem("title", &[], caption);
    h.open(
        "circle",
        &[
            ("class", "donut-hole"),
            ("cx", "60"),
            ("cy", "60"),
            ("r", "45"),
        ],
    )
    .close();
    // Slices start at twelve o'clock and run clockwise.
    h.open("g", &[("transform", "rotate(-90 60 60)")]);
    let mut offset = 0.0;
    for item in items.iter().filter(|i| i.value > 0) {
        let length = circumference * item.value as f64 / total as f64;
        let dash = format!("{} {}", num(length), num(circumference - length));
        let class = format!("slice {}", item.class);
        h.open(
            "circle",
            &[
                ("class", &class),
                ("cx", "60"),
                ("cy", "60"),
                ("r", "45"),
                ("stroke-dasharray", &dash),
                ("stroke-dashoffset", &num(-offset)),
            ],
        );
        h.elem("title", &[], &format!("{}: {}", item.label, item.value));
        h.close();
        offset += length;
    }
    h.close();
    h.elem(
        "text",
        &[
            ("class", "donut-total"),
            ("x", "60"),
            ("y", "60"),
            ("text-anchor", "middle"),
            ("dominant-baseline", "central"),
        ],
        center,
    );
    h.close();
}

/// Horizontal bars, longest first as given; each with its label and value.
pub fn bars(h: &mut Html, caption: &str, items: &[Item]) {
    const ROW: f64 = 22.0;
    const LABEL_W: f64 = 150.0;
    const BAR_W: f64 = 230.0;
    const WIDTH: f64 = 440.0;
    let max = items.iter().map(|i| i.value).max().unwrap_or(0).max(1);
    let height = ROW * items.len().max(1) as f64 + 4.0;
    let view = format!("0 0 {} {}", num(WIDTH), num(height));
    h.open(
        "svg",
        &[
            ("class", "chart bars"),
            ("viewBox", &view),
            ("width", &num(WIDTH)),
            ("height", &num(height)),
            ("role", "img"),
            ("aria-label", caption),
        ],
    );
    h.elem("title", &[], caption);
    for (i, item) in items.iter().enumerate() {
        let y = 2.0 + ROW * i as f64;
        let w = (BAR_W * item.value as f64 / max as f64).max(1.0);
        let text_y = num(y + ROW / 2.0);
        h.open("g", &[("class", "bar")]);
        h.elem("title", &[], &format!("{}: {}", item.label, item.value));
        h.elem(
            "text",
            &[
                ("x", &num(LABEL_W - 6.0)),
                ("y", &text_y),
                ("text-anchor", "end"),
                ("dominant-baseline", "central"),
            ],
            &item.label,
        );
        let class = format!("bar-fill {}", item.class);
        h.open(
            "rect",
            &[
                ("class", &class),
                ("x", &num(LABEL_W)),
                ("y", &num(y + 3.0)),
                ("width", &num(w)),
                ("height", &num(ROW - 6.0)),
                ("rx", "2"),
            ],
        )
        .close();
        h.elem(
            "text",
            &[
                ("x", &num(LABEL_W + w + 6.0)),
                ("y", &text_y),
                ("dominant-baseline", "central"),
            ],
            &item.value.to_string(),
        );
        h.close();
    }
    h.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(label: &str, value: u64) -> Item {
        Item {
            label: label.into(),
            value,
            class: "v-green",
        }
    }

    #[test]
    fn donut_slices_add_up_to_the_circle() {
        let mut h = Html::new();
        donut(
            &mut h,
            "Verdicts",
            &[item("a", 1), item("b", 0), item("c", 3)],
            "4",
        );
        let page = h.finish();
        // Two slices (the zero one is left out): a quarter and three quarters of 2πr = 282.74.
        assert!(
            page.contains("stroke-dasharray=\"70.69 212.06\" stroke-dashoffset=\"0\""),
            "{page}"
        );
        assert!(
            page.contains("stroke-dasharray=\"212.06 70.69\" stroke-dashoffset=\"-70.69\""),
            "{page}"
        );
        assert_eq!(page.matches("class=\"slice ").count(), 2);
    }

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let mut h = Html::new();
        bars(&mut h, "Formats", &[item("<docx>", 10), item("xls", 5)]);
        let page = h.finish();
        assert!(page.contains("width=\"230\""), "{page}");
        assert!(page.contains("width=\"115\""), "{page}");
        assert!(page.contains("&lt;docx&gt;"));
        assert!(!page.contains("<docx>"));
    }

    #[test]
    fn empty_charts_are_still_valid() {
        let mut h = Html::new();
        donut(&mut h, "none", &[], "0");
        bars(&mut h, "none", &[]);
        let page = h.finish();
        assert_eq!(page.matches("<svg").count(), 2);
        assert!(!page.contains("NaN"));
    }
}
