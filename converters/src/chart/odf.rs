//! Writes a [`Chart`] as the parts of an embedded ODF chart document (ODF 1.3 Part 3 §11
//! Charts): `content.xml` with `chart:chart` and its local data table, and a `styles.xml`.
//!
//! The data lives in a table named `local-table` inside `chart:chart` (§11.1, table:table), laid
//! out the way LibreOffice writes it: row 1 holds the series names, column A the categories, each
//! series its own column (scatter series a second column with their x values, the `chart:domain`).
//! The caller stores the parts under an object folder (`Object 1/content.xml`, ...) and lists
//! them, and the folder itself with [`MEDIA_TYPE`], in the package manifest.

use super::{AxisLabels, Chart, Grouping, Kind, LegendPos, Series, TextLook};
use crate::odf::{NAMESPACES, XmlWriter, write_text};
use crate::units::{Rgb, Twips};

/// The media type of the object folder's manifest entry (ODF 1.3 Part 2 §4.3, Part 3 Appendix C).
pub const MEDIA_TYPE: &str = "application/vnd.oasis.opendocument.chart";

/// The chart namespace, which [`NAMESPACES`] (made for text documents) leaves out.
const CHART_NS: (&str, &str) = (
    "xmlns:chart",
    "urn:oasis:names:tc:opendocument:xmlns:chart:1.0",
);

/// The name of the data table, as LibreOffice names it.
const TABLE: &str = "local-table";

/// Bound on the cells of the data table, whatever the model holds.
const MAX_CELLS: usize = 1_000_000;

/// The parts of the chart object: (path inside the object folder, media type, bytes).
pub fn write(chart: &Chart, width: Twips, height: Twips) -> Vec<(String, &'static str, Vec<u8>)> {
    vec![
        (
            "content.xml".to_string(),
            "text/xml",
            content(chart, width, height),
        ),
        ("styles.xml".to_string(), "text/xml", styles()),
    ]
}

/// The `chart:class` of a kind (ODF 1.3 Part 3 §19.15): ODF has no doughnut but a ring;
/// stock charts keep their data as lines, the other types ODF lacks as bars.
fn class(kind: &Kind) -> &'static str {
    match kind {
        Kind::Bar | Kind::Column => "chart:bar",
        Kind::Line => "chart:line",
        Kind::Pie => "chart:circle",
        Kind::Doughnut => "chart:ring",
        Kind::Area => "chart:area",
        Kind::Scatter => "chart:scatter",
        Kind::Radar { filled: false } => "chart:radar",
        Kind::Radar { filled: true } => "chart:filled-radar",
        Kind::Other(name) if name == "bubbleChart" => "chart:bubble",
        Kind::Other(name) if name == "stockChart" => "chart:line",
        Kind::Other(_) => "chart:bar",
    }
}

/// The spreadsheet column name of a 0-based index: A, B, ..., Z, AA, ...
fn column(i: usize) -> String {
    crate::sheet::col_name(u32::try_from(i).unwrap_or(u32::MAX))
}

/// `local-table.$B$2:.$B$5` (ODF 1.3 Part 3 §9.2.5 cell range addresses).
fn range(col: usize, first_row: usize, last_row: usize) -> String {
    let c = column(col);
    format!("{TABLE}.${c}${first_row}:.${c}${last_row}")
}

fn cell(col: usize, row: usize) -> String {
    format!("{TABLE}.${}${row}", column(col))
}

/// Whether a series is drawn as bubbles, with its sizes in a column of their own.
fn is_bubble(s: &Series) -> bool {
    matches!(&s.kind, Kind::Other(name) if name == "bubbleChart")
}

/// The columns of the data table: per series its value column, for x/y data its x column, and
/// for bubbles the column of their sizes.
struct Layout {
    /// (values column, x column, sizes column) per series; column 0 holds the categories.
    columns: Vec<(usize, Option<usize>, Option<usize>)>,
    width: usize,
    rows: usize,
}

fn layout(chart: &Chart) -> Layout {
    let mut columns = Vec::with_capacity(chart.series.len());
    let mut next = 1;
    for s in &chart.series {
        let x = if s.x_values.is_empty() {
            None
        } else {
            Some(next + 1)
        };
        next += if x.is_some() { 2 } else { 1 };
        let size = is_bubble(s).then_some(next);
        next += usize::from(size.is_some());
        let first = next - 1 - usize::from(x.is_some()) - usize::from(size.is_some());
        columns.push((first, x, size));
    }
    let longest = chart
        .series
        .iter()
        .map(|s| s.values.len().max(s.x_values.len()).max(s.sizes.len()))
        .chain(std::iter::once(chart.categories().len()))
        .max()
        .unwrap_or(0);
    // At least one data row keeps the ranges well formed.
    let rows = longest.min(MAX_CELLS / next.max(1)).max(1);
    Layout {
        columns,
        width: next,
        rows,
    }
}

fn content(chart: &Chart, width: Twips, height: Twips) -> Vec<u8> {
    let mut x = XmlWriter::new();
    let mut root: Vec<(&str, &str)> = NAMESPACES.to_vec();
    root.push(CHART_NS);
    root.push(("office:version", "1.3"));
    x.start("office:document-content", &root);
    let lay = layout(chart);

    automatic_styles(&mut x, chart);
    x.start("office:body", &[]);
    x.start("office:chart", &[]);
    x.start_owned(
        "chart:chart",
        &[
            ("svg:width", width.odf()),
            ("svg:height", height.odf()),
            ("chart:class", class(&chart.kind).to_string()),
            ("chart:style-name", "chart".to_string()),
            ("xlink:type", "simple".to_string()),
            // "." for data of its own, ".." for the embedding document's cells: LibreOffice's
            // import decides by it where the data comes from.
            (
                "xlink:href",
                if linked(chart) { ".." } else { "." }.to_string(),
            ),
        ],
    );
    if let Some(t) = &chart.title {
        title(&mut x, t, "title");
    }
    if let Some(pos) = chart.legend {
        // §19.12 chart:legend-position; LibreOffice lays legends at the side out high.
        let (p, expansion) = match pos {
            LegendPos::Right => ("end", "high"),
            LegendPos::Left => ("start", "high"),
            LegendPos::Top => ("top", "wide"),
            LegendPos::Bottom => ("bottom", "wide"),
            LegendPos::TopRight => ("top-end", "high"),
        };
        x.empty(
            "chart:legend",
            &[
                ("chart:legend-position", p),
                ("style:legend-expansion", expansion),
                ("chart:style-name", "legend"),
            ],
        );
    }
    plot_area(&mut x, chart, &lay, (width, height));
    table(&mut x, chart, &lay);
    x.end("chart:chart");
    x.end("office:chart");
    x.end("office:body");
    x.end("office:document-content");
    x.into_bytes()
}

fn title(x: &mut XmlWriter, text: &str, style: &str) {
    x.start("chart:title", &[("chart:style-name", style)]);
    x.start("text:p", &[]);
    write_text(x, text, true);
    x.end("text:p");
    x.end("chart:title");
}

/// Automatic styles (§16.2, family `chart`, §20 chart properties): `plot` for the plot area
/// (bar direction, stacking, 3-D), `s{n}` per series (colour, value labels), `s{n}p{m}` for
/// single points.
fn automatic_styles(x: &mut XmlWriter, chart: &Chart) {
    x.start("office:automatic-styles", &[]);
    let mut plot: Vec<(&str, String)> = Vec::new();
    if chart.kind == Kind::Bar {
        // §19.63 chart:vertical: the x axis runs vertically, bars grow horizontally.
        plot.push(("chart:vertical", "true".into()));
    }
    match chart.grouping {
        Grouping::Stacked => plot.push(("chart:stacked", "true".into())),
        Grouping::Percent => plot.push(("chart:percentage", "true".into())),
        Grouping::Standard | Grouping::Clustered => {}
    }
    if chart.three_d {
        plot.push(("chart:three-dimensional", "true".into()));
    }
    x.start(
        "style:style",
        &[("style:name", "plot"), ("style:family", "chart")],
    );
    x.empty_owned("style:chart-properties", &plot);
    x.end("style:style");
    // Office labels axes in 10pt of the chart's font.
    let axis_text = TextLook {
        size: 1000,
        bold: false,
        color: None,
        rotation: 0,
    };
    // Office draws a radar's categories and a pie's slices clockwise, ODF counter-clockwise
    // unless the axis runs the other way (chart:reverse-direction), which LibreOffice's import
    // sets: on the category axis of a radar, on the value (angle) axis of a pie.
    let radar = matches!(chart.kind, Kind::Radar { .. });
    let pie = matches!(chart.kind, Kind::Pie | Kind::Doughnut);
    for (name, labels, reverse) in [
        ("xaxis", &chart.x_labels, radar),
        ("yaxis", &chart.y_labels, pie),
    ] {
        x.start(
            "style:style",
            &[("style:name", name), ("style:family", "chart")],
        );
        let mut props = axis_props(labels);
        if reverse {
            props.push(("chart:reverse-direction", "true".into()));
        }
        x.empty_owned("style:chart-properties", &props);
        x.empty_owned("style:text-properties", &text_props(&axis_text, chart));
        x.end("style:style");
    }
    // The chart's outline, and a legend without frame or fill in 10pt, as Office draws them.
    x.start(
        "style:style",
        &[("style:name", "chart"), ("style:family", "chart")],
    );
    match chart.border {
        Some(c) => x.empty_owned(
            "style:graphic-properties",
            &[
                ("draw:stroke", "solid".into()),
                ("svg:stroke-width", "0.0104in".into()),
                ("svg:stroke-color", c.odf()),
            ],
        ),
        None => x.empty("style:graphic-properties", &[("draw:stroke", "none")]),
    }
    x.end("style:style");
    x.start(
        "style:style",
        &[("style:name", "legend"), ("style:family", "chart")],
    );
    x.empty(
        "style:graphic-properties",
        &[("draw:stroke", "none"), ("draw:fill", "none")],
    );
    x.empty_owned("style:text-properties", &text_props(&axis_text, chart));
    x.end("style:style");
    for (name, look) in [
        ("title", &chart.title_look),
        ("xtitle", &chart.x_title_look),
        ("ytitle", &chart.y_title_look),
    ] {
        x.start(
            "style:style",
            &[("style:name", name), ("style:family", "chart")],
        );
        // §20.339 style:rotation-angle, counter-clockwise degrees.
        x.empty_owned(
            "style:chart-properties",
            &[(
                "style:rotation-angle",
                look.rotation.rem_euclid(360).to_string(),
            )],
        );
        x.empty_owned("style:text-properties", &text_props(look, chart));
        x.end("style:style");
    }
    // Office draws the plot on the chart's background; LibreOffice's default wall is grey.
    x.start(
        "style:style",
        &[("style:name", "wall"), ("style:family", "chart")],
    );
    x.empty("style:graphic-properties", &[("draw:fill", "none")]);
    x.end("style:style");

    for (n, s) in chart.series.iter().enumerate() {
        let name = format!("s{n}");
        x.start_owned(
            "style:style",
            &[("style:name", name), ("style:family", "chart".into())],
        );
        let mut props: Vec<(&str, String)> = Vec::new();
        if s.data_labels {
            // §19.28 chart:data-label-number.
            props.push(("chart:data-label-number", "value".into()));
        }
        if s.markers {
            // chart:symbol-type automatic: LibreOffice's shapes by series, in Office's default
            // marker size of 5pt.
            props.push(("chart:symbol-type", "automatic".into()));
            props.push(("chart:symbol-width", "0.0694in".into()));
            props.push(("chart:symbol-height", "0.0694in".into()));
        }
        if let Some(e) = s.explosion.filter(|e| *e > 0) {
            // chart:pie-offset: how far the slices move out, in percent of the radius.
            props.push(("chart:pie-offset", e.to_string()));
        }
        if !props.is_empty() {
            x.empty_owned("style:chart-properties", &props);
        }
        graphic(x, s, s.color);
        x.end("style:style");
        for (i, c) in points(s) {
            x.start_owned(
                "style:style",
                &[
                    ("style:name", format!("s{n}p{i}")),
                    ("style:family", "chart".into()),
                ],
            );
            graphic(x, s, Some(c));
            x.end("style:style");
        }
    }
    x.end("office:automatic-styles");
}

/// Chart properties of an axis (ODF 1.3 Part 3 §17.22 style:chart-properties):
/// chart:display-label (LibreOffice hides axis labels unless told), text:line-break (labels may
/// wrap onto more lines; without it LibreOffice turns or staggers labels that do not fit side by
/// side), style:rotation-angle, and chart:visible for a deleted axis.
fn axis_props(labels: &AxisLabels) -> Vec<(&'static str, String)> {
    let shown = !labels.deleted && !labels.no_labels;
    let mut a = vec![("chart:display-label", shown.to_string())];
    if labels.deleted {
        a.push(("chart:visible", "false".into()));
    }
    if labels.wrap {
        a.push(("text:line-break", "true".into()));
    }
    if labels.rotation != 0 {
        a.push((
            "style:rotation-angle",
            labels.rotation.rem_euclid(360).to_string(),
        ));
    }
    a
}

/// Fill and line colour of a series or point (§20.120 draw:fill-color, §20.399 svg:stroke-color),
/// and whether bars and slices have an outline (draw:stroke).
fn graphic(x: &mut XmlWriter, s: &Series, c: Option<Rgb>) {
    let mut attrs = Vec::new();
    let kind = &s.kind;
    let line = matches!(kind, Kind::Line | Kind::Scatter | Kind::Radar { .. });
    if matches!(kind, Kind::Bar | Kind::Column | Kind::Pie | Kind::Doughnut) {
        // Office draws bars and slices without an outline unless the series gives one
        // (a:ln with a solid fill); LibreOffice's default series outline is black.
        match s.outline {
            Some(o) => {
                attrs.push(("draw:stroke", "solid".to_string()));
                attrs.push(("svg:stroke-color", o.odf()));
            }
            None => attrs.push(("draw:stroke", "none".to_string())),
        }
    }
    if let Some(c) = c {
        attrs.push(("draw:fill-color", c.odf()));
        if line {
            attrs.push(("svg:stroke-color", c.odf()));
        }
    }
    if line {
        // Office's default series line is 2.25pt (28575 EMU).
        attrs.push(("svg:stroke-width", "0.0313in".into()));
    }
    if !attrs.is_empty() {
        x.empty_owned("style:graphic-properties", &attrs);
    }
}

/// The point colours of a series that fall inside its data.
fn points(s: &Series) -> impl Iterator<Item = (usize, Rgb)> + '_ {
    let n = s.values.len();
    s.point_colors.iter().copied().filter(move |(i, _)| *i < n)
}

fn plot_area(x: &mut XmlWriter, chart: &Chart, lay: &Layout, size: (Twips, Twips)) {
    // A manual layout (ECMA-376-1 §21.2.2.95) places the plot area with its axis labels
    // (svg:x, ... of chart:plot-area, ODF 1.3 Part 3 §11.3), or the plot's own region without
    // them (chart:coordinate-region, §11.4), as LibreOffice's import does.
    let rect = chart.plot_layout.map(|l| {
        let at = |f: f64, of: Twips| Twips((f * of.0 as f64).round() as i64).odf();
        (
            l.inner,
            [
                ("svg:x", at(l.x, size.0)),
                ("svg:y", at(l.y, size.1)),
                ("svg:width", at(l.w, size.0)),
                ("svg:height", at(l.h, size.1)),
            ],
        )
    });
    let mut attrs = vec![
        ("chart:style-name", "plot".to_string()),
        ("chart:data-source-has-labels", "both".to_string()),
    ];
    if let Some((false, r)) = &rect {
        attrs.extend(r.iter().cloned());
    }
    x.start_owned("chart:plot-area", &attrs);
    if let Some((true, r)) = &rect {
        x.empty_owned("chart:coordinate-region", r);
    }
    // §11.4 chart:axis: x with the categories, y with the gridlines.
    x.start(
        "chart:axis",
        &[
            ("chart:dimension", "x"),
            ("chart:name", "primary-x"),
            ("chart:style-name", "xaxis"),
        ],
    );
    if let Some(t) = &chart.x_axis_title {
        title(x, t, "xtitle");
    }
    if let Some(categories) = categories_address(chart, lay) {
        x.empty_owned(
            "chart:categories",
            &[("table:cell-range-address", categories)],
        );
    }
    x.end("chart:axis");
    x.start(
        "chart:axis",
        &[
            ("chart:dimension", "y"),
            ("chart:name", "primary-y"),
            ("chart:style-name", "yaxis"),
        ],
    );
    if let Some(t) = &chart.y_axis_title {
        title(x, t, "ytitle");
    }
    if chart.y_grid {
        x.empty("chart:grid", &[("chart:class", "major")]);
    }
    x.end("chart:axis");

    for (n, s) in chart.series.iter().enumerate() {
        let Some(a) = series_addresses(chart, lay, n) else {
            continue;
        };
        let mut attrs = vec![
            ("chart:style-name", format!("s{n}")),
            ("chart:values-cell-range-address", a.values),
        ];
        if let Some(label) = a.label {
            attrs.push(("chart:label-cell-address", label));
        }
        // A ring's series are pie series (LibreOffice draws none of a series of class ring).
        let series_class = match s.kind {
            Kind::Doughnut => "chart:circle",
            ref other => class(other),
        };
        attrs.push(("chart:class", series_class.to_string()));
        x.start_owned("chart:series", &attrs);
        // §11.10 chart:domain: a bubble series' y values then x values, an x/y series' x values.
        for domain in a.domains {
            x.empty_owned("chart:domain", &[("table:cell-range-address", domain)]);
        }
        data_points(x, n, s, lay.rows);
        x.end("chart:series");
    }
    x.empty("chart:wall", &[("chart:style-name", "wall")]);
    x.end("chart:plot-area");
}

/// The cells a series is drawn from: its values, the cell of its name, its domains.
struct SeriesAddresses {
    values: String,
    label: Option<String>,
    domains: Vec<String>,
}

/// Whether the chart shows cells of the document embedding it rather than its own table.
fn linked(chart: &Chart) -> bool {
    !chart.links.is_empty() && chart.links.len() == chart.series.len()
}

/// The categories' range: in the embedding document when linked, else column A of the table.
fn categories_address(chart: &Chart, lay: &Layout) -> Option<String> {
    if linked(chart) {
        return chart.links.iter().find_map(|l| l.categories.clone());
    }
    (!chart.categories().is_empty()).then(|| range(0, 2, lay.rows + 1))
}

/// A series' addresses. A bubble series' values are its sizes, its first domain the y values,
/// its second the x values (ODF 1.3 Part 3 §11.10 chart:domain), as LibreOffice lays it out.
fn series_addresses(chart: &Chart, lay: &Layout, n: usize) -> Option<SeriesAddresses> {
    let s = chart.series.get(n)?;
    if linked(chart) {
        let l = chart.links.get(n)?;
        let (values, mut domains) = match (&l.sizes, is_bubble(s)) {
            (Some(sizes), true) => (sizes.clone(), l.values.iter().cloned().collect()),
            _ => (l.values.clone()?, Vec::new()),
        };
        domains.extend(l.x_values.iter().cloned());
        return Some(SeriesAddresses {
            values,
            label: l.name.clone(),
            domains,
        });
    }
    let (vcol, xcol, size) = *lay.columns.get(n)?;
    let values = size.unwrap_or(vcol);
    let mut domains = Vec::new();
    if size.is_some() {
        domains.push(range(vcol, 2, lay.rows + 1));
    }
    if let Some(xc) = xcol {
        domains.push(range(xc, 2, lay.rows + 1));
    }
    Some(SeriesAddresses {
        values: range(values, 2, lay.rows + 1),
        label: Some(cell(values, 1)),
        domains,
    })
}

/// §11.11 chart:data-point: runs of unstyled points (`chart:repeated`) and styled single points.
fn data_points(x: &mut XmlWriter, n: usize, s: &Series, rows: usize) {
    let mut at = 0;
    for (i, _) in points(s).filter(|(i, _)| *i < rows) {
        if i < at {
            continue;
        }
        if i > at {
            x.empty_owned(
                "chart:data-point",
                &[("chart:repeated", (i - at).to_string())],
            );
        }
        x.empty_owned(
            "chart:data-point",
            &[("chart:style-name", format!("s{n}p{i}"))],
        );
        at = i + 1;
    }
}

/// The local data table (§9.1.2 table:table): a header row of series names, then one row per
/// point with the category in column A.
fn table(x: &mut XmlWriter, chart: &Chart, lay: &Layout) {
    x.start("table:table", &[("table:name", TABLE)]);
    x.start("table:table-header-columns", &[]);
    x.empty("table:table-column", &[]);
    x.end("table:table-header-columns");
    x.start("table:table-columns", &[]);
    x.empty_owned(
        "table:table-column",
        &[(
            "table:number-columns-repeated",
            lay.width.saturating_sub(1).max(1).to_string(),
        )],
    );
    x.end("table:table-columns");

    x.start("table:table-header-rows", &[]);
    x.start("table:table-row", &[]);
    x.start("table:table-cell", &[]);
    x.empty("text:p", &[]);
    x.end("table:table-cell");
    for (n, s) in chart.series.iter().enumerate() {
        let name = match &s.name {
            Some(name) => name.clone(),
            None => format!("Series {}", n + 1),
        };
        string_cell(x, &name);
        if !s.x_values.is_empty() {
            string_cell(x, &format!("{name} X"));
        }
        if is_bubble(s) {
            string_cell(x, &name);
        }
    }
    x.end("table:table-row");
    x.end("table:table-header-rows");

    let cats = chart.categories();
    x.start("table:table-rows", &[]);
    for r in 0..lay.rows {
        x.start("table:table-row", &[]);
        string_cell(x, cats.get(r).map_or("", String::as_str));
        for s in &chart.series {
            float_cell(x, s.values.get(r).copied().flatten());
            if !s.x_values.is_empty() {
                float_cell(x, s.x_values.get(r).copied().flatten());
            }
            if is_bubble(s) {
                float_cell(x, s.sizes.get(r).copied().flatten());
            }
        }
        x.end("table:table-row");
    }
    x.end("table:table-rows");
    x.end("table:table");
}

fn string_cell(x: &mut XmlWriter, text: &str) {
    x.start("table:table-cell", &[("office:value-type", "string")]);
    x.start("text:p", &[]);
    write_text(x, text, true);
    x.end("text:p");
    x.end("table:table-cell");
}

/// A number cell (§19.385 office:value); a missing point is an empty cell, a gap in the chart.
fn float_cell(x: &mut XmlWriter, v: Option<f64>) {
    match v {
        Some(v) => {
            let s = v.to_string();
            x.start(
                "table:table-cell",
                &[("office:value-type", "float"), ("office:value", &s)],
            );
            x.element("text:p", &[], &s);
            x.end("table:table-cell");
        }
        None => x.empty("table:table-cell", &[]),
    }
}

/// A minimal `styles.xml`: the chart needs no common styles, but consumers expect the part.
fn styles() -> Vec<u8> {
    let mut x = XmlWriter::new();
    let mut root: Vec<(&str, &str)> = NAMESPACES.to_vec();
    root.push(CHART_NS);
    root.push(("office:version", "1.3"));
    x.start("office:document-styles", &root);
    x.empty("office:styles", &[]);
    x.end("office:document-styles");
    x.into_bytes()
}

/// Text properties of a chart text: size, weight and colour, in the chart's font.
fn text_props(look: &TextLook, chart: &Chart) -> Vec<(&'static str, String)> {
    let size = format!("{}pt", f64::from(look.size) / 100.0);
    let mut a = vec![
        ("fo:font-size", size.clone()),
        ("style:font-size-asian", size.clone()),
        ("style:font-size-complex", size),
    ];
    if look.bold {
        a.push(("fo:font-weight", "bold".into()));
        a.push(("style:font-weight-asian", "bold".into()));
        a.push(("style:font-weight-complex", "bold".into()));
    }
    if let Some(c) = look.color {
        a.push(("fo:color", c.odf()));
    }
    if let Some(f) = &chart.font {
        a.push(("fo:font-family", f.clone()));
    }
    a
}
