//! DrawingML charts (ECMA-376-1 §21.2): a small model of what a chart shows, read from a
//! `c:chartSpace` part, and its ODF chart writer in [`odf`].
//!
//! The model keeps what a reader sees: the chart type, title, each series' name, categories,
//! values and colour, axis titles, the legend and value labels. The cached values
//! (`c:strCache`, `c:numCache`) are the data; the embedded workbook is not read. Input is
//! untrusted: series and points are capped, indexes are checked, nothing panics.

mod layout;
pub mod odf;
#[cfg(test)]
mod tests;

use crate::dom::{Element, Ns};
use crate::drawingml::color;
use crate::units::Rgb;

pub use layout::ManualLayout;

/// At most this many series are kept (a chart in Office holds at most 255).
pub const MAX_SERIES: usize = 255;
/// At most this many points per series (categories, values or x values).
pub const MAX_POINTS: usize = 100_000;
/// At most this many points in all series of a chart together, so that hostile `c:ptCount`
/// values cannot make a small part allocate gigabytes.
pub const MAX_TOTAL_POINTS: usize = 1_000_000;

/// What kind of chart a plot (or one series in a combined chart) is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Horizontal bars (`c:barDir val="bar"`).
    Bar,
    /// Vertical bars (`c:barDir val="col"`).
    Column,
    Line,
    Pie,
    Doughnut,
    Area,
    Scatter,
    /// Radar; `filled` for `c:radarStyle val="filled"`.
    Radar {
        filled: bool,
    },
    /// Another chart type element (`bubbleChart`, `stockChart`, `surfaceChart`, ...), by its
    /// local name. Its series are read like the others.
    Other(String),
}

/// How series of one plot share the value axis (ECMA-376-1 §21.2.3.17 ST_Grouping,
/// §21.2.3.4 ST_BarGrouping).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    Standard,
    Clustered,
    Stacked,
    /// `percentStacked`.
    Percent,
}

/// `c:legendPos` (ECMA-376-1 §21.2.3.24 ST_LegendPos).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendPos {
    Right,
    Left,
    Top,
    Bottom,
    TopRight,
}

/// One data series (`c:ser`).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: Option<String>,
    /// The kind of the plot this series belongs to (combined charts mix kinds).
    pub kind: Kind,
    /// Category labels by point index; missing points are empty strings.
    pub categories: Vec<String>,
    /// Values (`c:val`, or `c:yVal` for scatter and bubble charts); missing points are `None`.
    pub values: Vec<Option<f64>>,
    /// Numeric x values of scatter and bubble series (`c:xVal`).
    pub x_values: Vec<Option<f64>>,
    /// Bubble sizes of bubble series (`c:bubbleSize`, §21.2.2.21).
    pub sizes: Vec<Option<f64>>,
    /// The series colour: given (`c:spPr`), else the theme accent Office uses by default.
    pub color: Option<Rgb>,
    /// Colours of single points (`c:dPt`), and of pie slices by accent when colours vary.
    pub point_colors: Vec<(usize, Rgb)>,
    /// The solid outline of the series' shapes (`c:spPr/a:ln`), `None` when it has none.
    pub outline: Option<Rgb>,
    /// Whether the points of a line show markers (of the automatic shapes).
    pub markers: bool,
    /// Whether the values are shown as labels (`c:dLbls/c:showVal`).
    pub data_labels: bool,
    /// How far pie slices move out from the centre, in percent of the radius
    /// (`c:explosion`, ECMA-376-1 §21.2.2.61).
    pub explosion: Option<u32>,
    /// The cells the series' data comes from, as the file references them.
    pub refs: DataRefs,
}

/// Where a series' name, categories, values, x values and bubble sizes lie: in a series read
/// from a file, the reference formulas (`c:f`, ECMA-376-1 §21.2.2.65) as written there; in
/// [`Chart::links`], ODF cell range addresses (ODF 1.3 Part 3 §9.2.5, `Sheet1.B2:Sheet1.B5`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataRefs {
    pub name: Option<String>,
    pub categories: Option<String>,
    pub values: Option<String>,
    pub x_values: Option<String>,
    pub sizes: Option<String>,
}

/// Size, weight, colour and rotation of a title (DrawingML text properties of `c:title`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextLook {
    /// In hundredths of a point (ST_TextFontSize).
    pub size: u32,
    pub bold: bool,
    pub color: Option<Rgb>,
    /// Counter-clockwise, in degrees.
    pub rotation: i32,
}

impl TextLook {
    /// Office's defaults where the file says nothing: an 18pt bold chart title, 10pt bold axis
    /// titles, all horizontal (as LibreOffice's import draws them).
    pub const TITLE: TextLook = TextLook {
        size: 1800,
        bold: true,
        color: None,
        rotation: 0,
    };
    pub const AXIS_TITLE: TextLook = TextLook {
        size: 1000,
        bold: true,
        color: None,
        rotation: 0,
    };
}

/// A chart as the reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The kind of the first plot in `c:plotArea`.
    pub kind: Kind,
    /// The grouping of the first plot.
    pub grouping: Grouping,
    /// Whether the first plot is a 3-D one (`c:bar3DChart`, ...).
    pub three_d: bool,
    pub title: Option<String>,
    pub series: Vec<Series>,
    pub x_axis_title: Option<String>,
    pub y_axis_title: Option<String>,
    /// How the chart title and the axis titles are drawn.
    pub title_look: TextLook,
    pub x_title_look: TextLook,
    pub y_title_look: TextLook,
    /// The font of the chart's text (the document theme's minor font, unless the chart says).
    pub font: Option<String>,
    /// The outline of the whole chart, `None` when it has none.
    pub border: Option<Rgb>,
    /// Major gridlines on the value axis.
    pub y_grid: bool,
    /// `None` when the chart has no legend.
    pub legend: Option<LegendPos>,
    /// Whether any series shows value labels.
    pub data_labels: bool,
    /// The plot area's manual layout, `None` for the automatic one.
    pub plot_layout: Option<ManualLayout>,
    /// How the labels of the x axis (categories, or x values) are laid out.
    pub x_labels: AxisLabels,
    /// How the labels of the y axis (values) are laid out.
    pub y_labels: AxisLabels,
    /// One entry per series when the chart shows cells of the document that embeds it (a
    /// spreadsheet): its data ranges there. Empty when the chart holds its own data.
    pub links: Vec<DataRefs>,
}

/// How the labels of an axis are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AxisLabels {
    /// Counter-clockwise, in degrees (`c:txPr/a:bodyPr rot`).
    pub rotation: i32,
    /// Whether long labels wrap onto more lines rather than turn or stagger: LibreOffice's
    /// import lets the unrotated labels of category and date axes wrap.
    pub wrap: bool,
    /// The axis is deleted (`c:delete`, §21.2.2.40): neither its line nor its labels show.
    pub deleted: bool,
    /// The axis shows no labels (`c:tickLblPos val="none"`, §21.2.3.48 ST_TickLblPos).
    pub no_labels: bool,
}

impl Chart {
    /// The category labels of the chart: those of the first series that has any.
    pub fn categories(&self) -> &[String] {
        self.series
            .iter()
            .map(|s| s.categories.as_slice())
            .find(|c| c.iter().any(|l| !l.is_empty()))
            .unwrap_or(&[])
    }
}

/// Reads a `c:chartSpace` root (ECMA-376-1 §21.2.2.29). `theme` resolves scheme colour names
/// (`accent1`, `tx1`, ...) to RGB; pass `&|_| None` when there is no theme. `None` when the part
/// is not a chart space or holds no plot.
pub fn read(
    chart_space: &Element,
    theme: &dyn Fn(&str) -> Option<Rgb>,
    font: Option<String>,
) -> Option<Chart> {
    if !chart_space.is(Ns::C, "chartSpace") {
        return None;
    }
    let chart = chart_space.child(Ns::C, "chart")?;
    let plot = chart.child(Ns::C, "plotArea")?;
    let mut budget = MAX_TOTAL_POINTS;
    let mut first: Option<(Kind, Grouping, bool)> = None;
    let mut series = Vec::new();
    for group in plot.elements() {
        let Some((kind, three_d)) = plot_kind(group) else {
            continue;
        };
        let grouping = match group.child(Ns::C, "grouping").and_then(val) {
            Some("clustered") => Grouping::Clustered,
            Some("stacked") => Grouping::Stacked,
            Some("percentStacked") => Grouping::Percent,
            Some("standard") => Grouping::Standard,
            // CT_BarGrouping defaults to clustered (§21.2.2.76).
            _ if matches!(kind, Kind::Bar | Kind::Column) => Grouping::Clustered,
            _ => Grouping::Standard,
        };
        let group_labels = labels_shown(group.child(Ns::C, "dLbls")).unwrap_or(false);
        // c:varyColors (§21.2.2.227): each point its own colour; Office does so for pies.
        let vary = match group.child(Ns::C, "varyColors") {
            Some(v) => flag(v),
            None => matches!(kind, Kind::Pie | Kind::Doughnut),
        } && matches!(kind, Kind::Pie | Kind::Doughnut);
        // c:lineChart/c:marker (§21.2.2.105): the series show markers unless they say
        // otherwise (c:ser/c:marker/c:symbol val="none").
        let group_markers = kind == Kind::Line && group.child(Ns::C, "marker").is_some_and(flag);
        for ser in group.children_named(Ns::C, "ser") {
            if series.len() >= MAX_SERIES {
                break;
            }
            let mut s = read_series(ser, &kind, group_labels, vary, theme, &mut budget);
            s.markers = group_markers
                && ser
                    .child(Ns::C, "marker")
                    .and_then(|m| m.child(Ns::C, "symbol"))
                    .and_then(val)
                    != Some("none");
            series.push(s);
        }
        if first.is_none() {
            first = Some((kind, grouping, three_d));
        }
    }
    let (kind, grouping, three_d) = first?;

    let auto_deleted = chart.child(Ns::C, "autoTitleDeleted").is_some_and(flag);
    let title = chart.child(Ns::C, "title").and_then(|t| {
        title_text(t).or_else(|| {
            // A title without text is the automatic one: the series name of a single-series
            // chart, else Office's placeholder text (what Office and LibreOffice show).
            match series.as_slice() {
                [only] if !auto_deleted => only.name.clone(),
                _ => Some("Chart Title".to_string()),
            }
        })
    });

    // Axes (§21.2.2.25 c:catAx, §21.2.2.39 c:dateAx, §21.2.2.226 c:valAx).
    let has_cat_axis = plot
        .elements()
        .any(|e| e.is(Ns::C, "catAx") || e.is(Ns::C, "dateAx"));
    let title_look = chart
        .child(Ns::C, "title")
        .map_or(TextLook::TITLE, |t| text_look(t, TextLook::TITLE, theme));
    let (mut x_title_look, mut y_title_look) = (TextLook::AXIS_TITLE, TextLook::AXIS_TITLE);
    let (mut x_axis_title, mut y_axis_title, mut y_grid) = (None, None, false);
    let (mut x_labels, mut y_labels) = (None, None);
    for ax in plot.elements().filter(|e| e.ns == Ns::C) {
        let (is_x, category) = match ax.name.as_str() {
            "catAx" | "dateAx" => (true, true),
            "valAx" => (
                !has_cat_axis && matches!(ax.child(Ns::C, "axPos").and_then(val), Some("b" | "t")),
                false,
            ),
            _ => continue,
        };
        let rotation = layout::label_rotation(ax);
        let labels = AxisLabels {
            rotation,
            wrap: category && rotation == 0,
            deleted: ax.child(Ns::C, "delete").is_some_and(flag),
            no_labels: ax.child(Ns::C, "tickLblPos").and_then(val) == Some("none"),
        };
        if is_x {
            x_labels = x_labels.or(Some(labels));
        } else {
            y_labels = y_labels.or(Some(labels));
        }
        // An axis title without text shows Office's placeholder, as the chart title does.
        let t = ax
            .child(Ns::C, "title")
            .map(|t| title_text(t).unwrap_or_else(|| "Axis Title".to_string()));
        let look = ax.child(Ns::C, "title").map_or(TextLook::AXIS_TITLE, |t| {
            text_look(t, TextLook::AXIS_TITLE, theme)
        });
        if is_x {
            if x_axis_title.is_none() {
                x_title_look = look;
            }
            x_axis_title = x_axis_title.or(t);
        } else {
            if y_axis_title.is_none() {
                y_title_look = look;
            }
            y_axis_title = y_axis_title.or(t);
            y_grid |= ax.child(Ns::C, "majorGridlines").is_some();
        }
    }

    let legend = chart.child(Ns::C, "legend").map(|l| {
        match l.child(Ns::C, "legendPos").and_then(val) {
            Some("b") => LegendPos::Bottom,
            Some("t") => LegendPos::Top,
            Some("l") => LegendPos::Left,
            Some("tr") => LegendPos::TopRight,
            // ST_LegendPos defaults to r.
            _ => LegendPos::Right,
        }
    });
    let data_labels = series.iter().any(|s| s.data_labels);
    // LibreOffice lays out a pie's manual plot area as the pie itself, without labels.
    let plot_layout = layout::manual_layout(plot).map(|l| ManualLayout {
        inner: l.inner || matches!(kind, Kind::Pie | Kind::Doughnut),
        ..l
    });
    Some(Chart {
        kind,
        grouping,
        three_d,
        title,
        series,
        x_axis_title,
        y_axis_title,
        title_look,
        x_title_look,
        y_title_look,
        font,
        border: chart_border(chart_space, theme),
        y_grid,
        legend,
        data_labels,
        plot_layout,
        x_labels: x_labels.unwrap_or_default(),
        y_labels: y_labels.unwrap_or_default(),
        links: Vec::new(),
    })
}

/// The kind of a chart type element in `c:plotArea` (§21.2.2.145 EG_PlotArea...), and whether
/// it is 3-D; `None` for anything else (axes, layout, shape properties).
fn plot_kind(e: &Element) -> Option<(Kind, bool)> {
    if e.ns != Ns::C {
        return None;
    }
    let name = e.name.as_str();
    let three_d = name.contains("3D");
    let kind = match name {
        "barChart" | "bar3DChart" => match e.child(Ns::C, "barDir").and_then(val) {
            Some("bar") => Kind::Bar,
            _ => Kind::Column,
        },
        "lineChart" | "line3DChart" => Kind::Line,
        // Pie-of-pie and bar-of-pie keep their data as a pie; the split-off plot is lost.
        "pieChart" | "pie3DChart" | "ofPieChart" => Kind::Pie,
        "doughnutChart" => Kind::Doughnut,
        "areaChart" | "area3DChart" => Kind::Area,
        "scatterChart" => Kind::Scatter,
        "radarChart" => Kind::Radar {
            filled: e.child(Ns::C, "radarStyle").and_then(val) == Some("filled"),
        },
        other if other.ends_with("Chart") => Kind::Other(other.to_string()),
        _ => return None,
    };
    Some((kind, three_d))
}

fn read_series(
    ser: &Element,
    kind: &Kind,
    group_labels: bool,
    vary: bool,
    theme: &dyn Fn(&str) -> Option<Rgb>,
    budget: &mut usize,
) -> Series {
    let idx = ser
        .child(Ns::C, "idx")
        .and_then(val)
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    // c:tx (§21.2.2.215): a reference with its cached string, or the name itself in c:v.
    let name = ser
        .child(Ns::C, "tx")
        .and_then(|tx| tx.child(Ns::C, "v").or_else(|| tx.find(Ns::C, "v")))
        .map(Element::text);

    let mut refs = DataRefs {
        name: ser.child(Ns::C, "tx").and_then(reference),
        ..DataRefs::default()
    };
    let mut categories: Vec<String> = Vec::new();
    let mut x_values = Vec::new();
    if let Some(cat) = ser.child(Ns::C, "cat") {
        categories = strings(cat, budget);
        refs.categories = reference(cat);
    }
    if let Some(x) = ser.child(Ns::C, "xVal") {
        if x.child(Ns::C, "numRef").is_some() || x.child(Ns::C, "numLit").is_some() {
            x_values = numbers(x, budget);
            refs.x_values = reference(x);
        } else {
            categories = strings(x, budget);
            refs.categories = reference(x);
        }
    }
    let value_source = ser.child(Ns::C, "val").or_else(|| ser.child(Ns::C, "yVal"));
    let values = value_source.map(|v| numbers(v, budget)).unwrap_or_default();
    refs.values = value_source.and_then(reference);
    let sizes = ser
        .child(Ns::C, "bubbleSize")
        .map(|v| numbers(v, budget))
        .unwrap_or_default();
    refs.sizes = ser.child(Ns::C, "bubbleSize").and_then(reference);

    let lines = matches!(
        kind,
        Kind::Line | Kind::Scatter | Kind::Radar { filled: false }
    );
    let accent = |i: usize| {
        let name = [
            "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
        ];
        name.get(i % name.len()).and_then(|n| theme(n))
    };
    let color = ser
        .child(Ns::C, "spPr")
        .and_then(|sp| shape_color(sp, lines, theme))
        .or_else(|| accent(idx));

    // c:dPt (§21.2.2.52): single points with their own fill.
    let mut point_colors: Vec<(usize, Rgb)> = ser
        .children_named(Ns::C, "dPt")
        .filter_map(|p| {
            let i = p.child(Ns::C, "idx").and_then(val)?.parse::<usize>().ok()?;
            let c = p
                .child(Ns::C, "spPr")
                .and_then(|sp| shape_color(sp, lines, theme))?;
            Some((i, c))
        })
        .filter(|(i, _)| *i < MAX_POINTS)
        .collect();
    if vary {
        let points = values.len().min(MAX_POINTS);
        for i in 0..points {
            if !point_colors.iter().any(|(j, _)| *j == i)
                && let Some(c) = accent(i)
            {
                point_colors.push((i, c));
            }
        }
    }
    point_colors.sort_by_key(|(i, _)| *i);
    point_colors.dedup_by_key(|(i, _)| *i);

    let data_labels = labels_shown(ser.child(Ns::C, "dLbls")).unwrap_or(group_labels);
    let outline = ser
        .child(Ns::C, "spPr")
        .and_then(|sp| sp.child(Ns::A, "ln"))
        .and_then(|l| l.child(Ns::A, "solidFill"))
        .and_then(|f| crate::drawingml::color(f, theme));
    let explosion = ser
        .child(Ns::C, "explosion")
        .and_then(val)
        .and_then(|v| v.parse::<u32>().ok())
        .map(|v| v.min(400));
    Series {
        name,
        kind: kind.clone(),
        categories,
        values,
        x_values,
        sizes,
        color,
        point_colors,
        data_labels,
        explosion,
        outline,
        markers: false,
        refs,
    }
}

/// The reference formula of a data source (`c:strRef`, `c:numRef` or `c:multiLvlStrRef` and
/// its `c:f`, ECMA-376-1 §21.2.2.65); `None` for literals and sources without one.
fn reference(source: &Element) -> Option<String> {
    source
        .elements()
        .find(|e| {
            e.ns == Ns::C && matches!(e.name.as_str(), "strRef" | "numRef" | "multiLvlStrRef")
        })
        .and_then(|r| r.child(Ns::C, "f"))
        .map(|f| f.text().trim().to_string())
        .filter(|f| !f.is_empty())
}

/// `c:dLbls` (§21.2.2.49): `Some(show values)` when the element says, `None` when absent.
fn labels_shown(d: Option<&Element>) -> Option<bool> {
    let d = d?;
    if d.child(Ns::C, "delete").is_some_and(flag) {
        return Some(false);
    }
    Some(d.child(Ns::C, "showVal").is_some_and(flag))
}

/// The `val` attribute of a chart element.
fn val(e: &Element) -> Option<&str> {
    e.attr(Ns::None, "val")
}

/// A CT_Boolean: `val` defaults to true (§21.2.2.11 and others).
fn flag(e: &Element) -> bool {
    !matches!(val(e), Some("0" | "false"))
}

/// The chart space's outline (c:chartSpace/c:spPr/a:ln): none when a:noFill, its solid colour,
/// else the light grey line Office draws around a chart without line properties.
fn chart_border(chart_space: &Element, theme: &dyn Fn(&str) -> Option<Rgb>) -> Option<Rgb> {
    let ln = chart_space
        .child(Ns::C, "spPr")
        .and_then(|sp| sp.child(Ns::A, "ln"));
    match ln {
        Some(l) if l.child(Ns::A, "noFill").is_some() => None,
        Some(l) => l
            .child(Ns::A, "solidFill")
            .and_then(|f| color(f, theme))
            .or(Some(Rgb(0xd9, 0xd9, 0xd9))),
        None => Some(Rgb(0xd9, 0xd9, 0xd9)),
    }
}

/// A title's look: the text body's rotation (a:bodyPr rot, 60000ths of a degree, clockwise) and
/// the first paragraph's default run properties or its first run's (a:defRPr / a:rPr sz, b,
/// solidFill; ECMA-376-1 §21.1.2.3.2), in the rich text or else in c:txPr.
fn text_look(t: &Element, default: TextLook, theme: &dyn Fn(&str) -> Option<Rgb>) -> TextLook {
    let mut look = default;
    let body = t
        .child(Ns::C, "tx")
        .and_then(|tx| tx.child(Ns::C, "rich"))
        .or_else(|| t.child(Ns::C, "txPr"));
    let Some(body) = body else {
        return look;
    };
    if let Some(rot) = body
        .child(Ns::A, "bodyPr")
        .and_then(|b| b.attr(Ns::None, "rot"))
        .and_then(|r| r.parse::<i64>().ok())
    {
        look.rotation = (-(rot / 60_000)).clamp(-360, 360) as i32;
    }
    let para = body.child(Ns::A, "p");
    let props = [
        para.and_then(|p| p.child(Ns::A, "pPr"))
            .and_then(|p| p.child(Ns::A, "defRPr")),
        para.and_then(|p| p.child(Ns::A, "r"))
            .and_then(|r| r.child(Ns::A, "rPr")),
    ];
    for rpr in props.into_iter().flatten() {
        if let Some(sz) = rpr
            .attr(Ns::None, "sz")
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|v| (100..=400_000).contains(v))
        {
            look.size = sz;
        }
        if let Some(b) = rpr.attr(Ns::None, "b") {
            look.bold = matches!(b, "1" | "true");
        }
        if let Some(c) = rpr.child(Ns::A, "solidFill").and_then(|f| color(f, theme)) {
            look.color = Some(c);
        }
    }
    look
}

/// Title text (§21.2.2.210 c:title): rich-text paragraphs (`a:t` runs) joined by line feeds,
/// or a cached string reference.
fn title_text(t: &Element) -> Option<String> {
    let tx = t.child(Ns::C, "tx")?;
    let text = if let Some(rich) = tx.child(Ns::C, "rich") {
        let paras: Vec<String> = rich
            .children_named(Ns::A, "p")
            .map(|p| {
                let mut s = String::new();
                for run in p.elements() {
                    if let Some(t) = run.child(Ns::A, "t") {
                        s.push_str(&t.text());
                    } else if run.is(Ns::A, "br") {
                        s.push('\n');
                    }
                }
                s
            })
            .collect();
        paras.join("\n")
    } else {
        tx.find(Ns::C, "v").map(Element::text)?
    };
    Some(text).filter(|s| !s.trim().is_empty())
}

/// The cached points of a data source (`c:cat`, `c:val`, `c:xVal`, ...): ECMA-376-1
/// §21.2.2.174 c:strRef / §21.2.2.123 c:numRef / §21.2.2.115 c:multiLvlStrRef with their caches,
/// or the literals c:strLit / c:numLit. Each `c:pt` sits at its `idx`; `c:ptCount` gives the
/// length, so points without `c:pt` stay empty.
fn raw_points(source: &Element, budget: &mut usize) -> Vec<Option<String>> {
    let mut cache = None;
    for e in source.elements() {
        cache = match e.name.as_str() {
            "strRef" => e.child(Ns::C, "strCache"),
            "numRef" => e.child(Ns::C, "numCache"),
            "multiLvlStrRef" => e.child(Ns::C, "multiLvlStrCache"),
            "strLit" | "numLit" => Some(e),
            _ => None,
        };
        if cache.is_some() {
            break;
        }
    }
    let Some(cache) = cache else {
        return Vec::new();
    };
    // Multi-level categories: the first c:lvl is the level next to the data (the leaves).
    let holder = if cache.is(Ns::C, "multiLvlStrCache") {
        match cache.child(Ns::C, "lvl") {
            Some(l) => l,
            None => return Vec::new(),
        }
    } else {
        cache
    };
    let declared = cache
        .child(Ns::C, "ptCount")
        .and_then(val)
        .and_then(|v| v.parse::<usize>().ok());
    let limit = declared.unwrap_or(MAX_POINTS).min(MAX_POINTS).min(*budget);
    let mut out: Vec<Option<String>> = Vec::new();
    for pt in holder.children_named(Ns::C, "pt") {
        let Some(i) = pt
            .attr(Ns::None, "idx")
            .and_then(|v| v.parse::<usize>().ok())
        else {
            continue;
        };
        if i >= limit {
            continue;
        }
        if out.len() <= i {
            out.resize(i + 1, None);
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = pt.child(Ns::C, "v").map(Element::text);
        }
    }
    if let Some(n) = declared {
        out.resize(n.min(limit), None);
    }
    *budget = budget.saturating_sub(out.len());
    out
}

fn strings(source: &Element, budget: &mut usize) -> Vec<String> {
    raw_points(source, budget)
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

fn numbers(source: &Element, budget: &mut usize) -> Vec<Option<f64>> {
    raw_points(source, budget)
        .into_iter()
        .map(|v| {
            v.and_then(|s| s.trim().parse::<f64>().ok())
                .filter(|f| f.is_finite())
        })
        .collect()
}

/// The colour of a shape (`c:spPr`, §21.2.2.197): its solid fill, or for line-like series the
/// solid fill of its outline (`a:ln`) first.
fn shape_color(sp: &Element, line_first: bool, theme: &dyn Fn(&str) -> Option<Rgb>) -> Option<Rgb> {
    let fill = || sp.child(Ns::A, "solidFill").and_then(|f| color(f, theme));
    let line = || {
        sp.child(Ns::A, "ln")
            .and_then(|l| l.child(Ns::A, "solidFill"))
            .and_then(|f| color(f, theme))
    };
    if line_first {
        line().or_else(fill)
    } else {
        fill().or_else(line)
    }
}
