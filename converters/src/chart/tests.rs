//! Tests of the chart reader (real chart parts from the corpus, hostile input) and of the ODF
//! chart writer (checked against the ODF 1.3 schema with jing).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::*;
use crate::dom;
use crate::units::Twips;

fn fixture(name: &str) -> Element {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/charts")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    dom::parse(&bytes, name).unwrap()
}

/// The Office 2013 theme's accents, enough for the fixtures.
fn office_theme(name: &str) -> Option<Rgb> {
    match name {
        "accent1" => Rgb::parse("5B9BD5"),
        "accent2" => Rgb::parse("ED7D31"),
        "accent3" => Rgb::parse("A5A5A5"),
        "accent4" => Rgb::parse("FFC000"),
        "accent5" => Rgb::parse("4472C4"),
        "accent6" => Rgb::parse("70AD47"),
        "tx1" => Some(Rgb(0, 0, 0)),
        _ => None,
    }
}

fn no_theme(_: &str) -> Option<Rgb> {
    None
}

fn close(a: &[Option<f64>], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.is_some_and(|x| (x - y).abs() < 1e-9))
}

#[test]
fn horizontal_bar_with_labels_and_theme_colour() {
    let c = read(
        &fixture("poi-bar-chart-template-chart1.xml"),
        &office_theme,
        None,
    )
    .unwrap();
    assert_eq!(c.kind, Kind::Bar);
    assert_eq!(c.grouping, Grouping::Clustered);
    assert!(!c.three_d);
    assert_eq!(c.series.len(), 1);
    let s = &c.series[0];
    assert_eq!(s.name.as_deref(), Some("Series 1"));
    assert_eq!(
        s.categories,
        ["Category 1", "Category 2", "Category 3", "Category 4"]
    );
    assert!(close(&s.values, &[4.3, 2.5, 3.5, 4.5]));
    assert_eq!(s.color, Rgb::parse("5B9BD5"));
    assert!(s.data_labels && c.data_labels);
    // An automatic title of a one-series chart is the series name.
    assert_eq!(c.title.as_deref(), Some("Series 1"));
    assert_eq!(c.legend, Some(LegendPos::Bottom));
    assert!(c.y_grid);
}

#[test]
fn strict_percent_stacked_columns() {
    let c = read(
        &fixture("oxsdk-2d-column-strict-chart3.xml"),
        &no_theme,
        None,
    )
    .unwrap();
    assert_eq!(c.kind, Kind::Column);
    assert_eq!(c.grouping, Grouping::Percent);
    assert_eq!(c.series.len(), 3);
    assert_eq!(c.categories().len(), 4);
    assert_eq!(c.categories()[3], "Category 4");
    assert!(close(&c.series[1].values, &[2.4, 4.4, 1.8, 2.8]));
    assert_eq!(c.series[2].name.as_deref(), Some("Series 3"));
    assert_eq!(c.series[0].color, None);
    assert_eq!(c.title, None);
    assert!(!c.data_labels);
    assert_eq!(c.legend, Some(LegendPos::Right));
}

#[test]
fn scatter_keeps_x_values() {
    let c = read(&fixture("oxsdk-chart2-chart5.xml"), &no_theme, None).unwrap();
    assert_eq!(c.kind, Kind::Scatter);
    assert_eq!(c.series.len(), 1);
    assert!(close(
        &c.series[0].x_values,
        &[0.7000000000000003, 1.8, 2.6]
    ));
    assert!(close(&c.series[0].values, &[2.7, 3.2, 0.8]));
    assert!(c.categories().is_empty());
    assert_eq!(c.title.as_deref(), Some("Y-Values"));
}

#[test]
fn bar_of_pie_reads_as_pie_with_varied_colours() {
    let c = read(&fixture("oxsdk-chart2-chart3.xml"), &office_theme, None).unwrap();
    assert_eq!(c.kind, Kind::Pie);
    let s = &c.series[0];
    assert_eq!(s.categories.len(), 5);
    assert_eq!(s.point_colors.len(), 5);
    assert_eq!(s.point_colors[1], (1, Rgb(0xed, 0x7d, 0x31)));
    assert!(s.data_labels);
    // c:explosion val="25": the slices move out by a quarter of the radius.
    assert_eq!(s.explosion, Some(25));
    let content = String::from_utf8(odf::write(&c, Twips(1440), Twips(1440))[0].2.clone()).unwrap();
    for needle in [
        r#"<style:style style:name="s0" style:family="chart"><style:chart-properties chart:data-label-number="value" chart:pie-offset="25"/>"#,
        // Office's slices run clockwise: the angle axis runs in reverse, as LibreOffice's
        // import sets it.
        r#"<style:style style:name="yaxis" style:family="chart"><style:chart-properties chart:display-label="true" chart:reverse-direction="true"/>"#,
    ] {
        assert!(content.contains(needle), "{needle} missing in {content}");
    }
}

const C: &str = r#"xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#;

fn parse_chart(body: &str) -> Option<Chart> {
    let xml = [
        "<c:chartSpace ",
        C,
        "><c:chart>",
        body,
        "</c:chart></c:chartSpace>",
    ]
    .concat();
    let root = dom::parse(xml.as_bytes(), "chart.xml").unwrap();
    read(&root, &office_theme, None)
}

#[test]
fn hostile_counts_and_indexes_stay_bounded() {
    let ser = r#"<c:ser><c:idx val="99999999999999999999"/><c:tx><c:v>lit</c:v></c:tx>
        <c:cat><c:strLit><c:ptCount val="4000000000"/><c:pt idx="2"><c:v>c</c:v></c:pt>
        <c:pt idx="18446744073709551615"><c:v>x</c:v></c:pt><c:pt idx="-1"><c:v>y</c:v></c:pt></c:strLit></c:cat>
        <c:val><c:numRef><c:numCache><c:ptCount val="3"/><c:pt idx="1"><c:v>NaN</c:v></c:pt>
        <c:pt idx="2"><c:v> 5e2 </c:v></c:pt><c:pt idx="7"><c:v>1</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>"#;
    let many = ser.repeat(300);
    let c = parse_chart(&format!(
        "<c:plotArea><c:lineChart><c:grouping/>{many}</c:lineChart></c:plotArea>"
    ))
    .unwrap();
    assert_eq!(c.series.len(), MAX_SERIES);
    let s = &c.series[0];
    assert_eq!(s.name.as_deref(), Some("lit"));
    assert_eq!(s.values, [None, None, Some(500.0)]);
    assert_eq!(s.categories.len(), MAX_POINTS);
    assert_eq!(s.categories[2], "c");
    let total: usize = c
        .series
        .iter()
        .map(|s| s.categories.len() + s.values.len())
        .sum();
    assert!(total <= MAX_TOTAL_POINTS);
    // An empty c:grouping element means standard.
    assert_eq!(c.grouping, Grouping::Standard);
    // The writer bounds the table however long the series are.
    let parts = odf::write(&c, Twips(7200), Twips(4320));
    assert!(parts.iter().all(|(_, _, b)| b.len() < 200_000_000));

    assert!(parse_chart("<c:plotArea><c:catAx/></c:plotArea>").is_none());
    assert!(parse_chart("").is_none());
    let other = dom::parse(b"<x/>", "x").unwrap();
    assert!(read(&other, &no_theme, None).is_none());
}

#[test]
fn titles_levels_colours_and_combined_plots() {
    let c = parse_chart(
        r#"<c:title><c:tx><c:rich><a:p><a:r><a:t>Two</a:t></a:r><a:r><a:t> lines</a:t></a:r></a:p>
        <a:p><a:fld><a:t>&amp; more</a:t></a:fld></a:p></c:rich></c:tx></c:title>
        <c:plotArea><c:barChart><c:barDir val="col"/><c:grouping val="stacked"/>
        <c:dLbls><c:showVal val="1"/></c:dLbls>
        <c:ser><c:idx val="0"/><c:spPr><a:solidFill><a:schemeClr val="accent1"><a:lumMod val="50000"/></a:schemeClr></a:solidFill></c:spPr>
        <c:dLbls><c:delete val="1"/></c:dLbls>
        <c:cat><c:multiLvlStrRef><c:multiLvlStrCache><c:ptCount val="2"/>
          <c:lvl><c:pt idx="0"><c:v>Q1</c:v></c:pt><c:pt idx="1"><c:v>Q2</c:v></c:pt></c:lvl>
          <c:lvl><c:pt idx="0"><c:v>2024</c:v></c:pt></c:lvl></c:multiLvlStrCache></c:multiLvlStrRef></c:cat>
        <c:val><c:numLit><c:ptCount val="2"/><c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="1"><c:v>2</c:v></c:pt></c:numLit></c:val></c:ser>
        </c:barChart><c:line3DChart><c:ser><c:idx val="1"/><c:spPr><a:ln><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:ln></c:spPr>
        <c:val><c:numLit><c:pt idx="1"><c:v>3</c:v></c:pt></c:numLit></c:val></c:ser></c:line3DChart>
        <c:catAx><c:title><c:tx><c:strRef><c:strCache><c:pt idx="0"><c:v>Quarter</c:v></c:pt></c:strCache></c:strRef></c:tx></c:title></c:catAx>
        <c:valAx><c:title><c:tx><c:rich><a:p><a:r><a:t>EUR</a:t></a:r></a:p></c:rich></c:tx></c:title></c:valAx>
        </c:plotArea><c:legend><c:legendPos val="tr"/></c:legend>"#,
    )
    .unwrap();
    assert_eq!(c.title.as_deref(), Some("Two lines\n& more"));
    assert_eq!(c.kind, Kind::Column);
    assert_eq!(c.grouping, Grouping::Stacked);
    assert!(!c.three_d);
    assert_eq!(c.series.len(), 2);
    assert_eq!(c.series[0].categories, ["Q1", "Q2"]);
    assert_eq!(c.series[0].values, [Some(1.0), Some(2.0)]);
    assert!(!c.series[0].data_labels, "series c:dLbls/c:delete wins");
    // accent1 5B9BD5 at half luminance.
    assert_eq!(c.series[0].color, Some(Rgb(0x1f, 0x4e, 0x79)));
    assert_eq!(c.series[1].kind, Kind::Line);
    assert_eq!(c.series[1].color, Some(Rgb(255, 0, 0)));
    assert_eq!(c.series[1].values, [None, Some(3.0)]);
    assert_eq!(c.x_axis_title.as_deref(), Some("Quarter"));
    assert_eq!(c.y_axis_title.as_deref(), Some("EUR"));
    assert_eq!(c.legend, Some(LegendPos::TopRight));

    let parts = odf::write(&c, Twips(7200), Twips(4320));
    let content = String::from_utf8(parts[0].2.clone()).unwrap();
    for needle in [
        r#"chart:class="chart:bar""#,
        r#"chart:stacked="true""#,
        r#"chart:class="chart:line""#,
        r##"svg:stroke-color="#ff0000""##,
        r#"chart:legend-position="top-end""#,
        "Two lines<text:line-break/>&amp; more",
        r#"table:cell-range-address="local-table.$A$2:.$A$3""#,
        r#"chart:values-cell-range-address="local-table.$C$2:.$C$3""#,
    ] {
        assert!(content.contains(needle), "{needle} missing in {content}");
    }
}

#[test]
fn writes_what_libreoffice_writes() {
    let c = read(
        &fixture("poi-bar-chart-template-chart1.xml"),
        &office_theme,
        None,
    )
    .unwrap();
    let parts = odf::write(&c, Twips(8640), Twips(6284));
    let names: Vec<&str> = parts.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["content.xml", "styles.xml"]);
    assert!(parts.iter().all(|(_, t, _)| *t == "text/xml"));
    let content = String::from_utf8(parts[0].2.clone()).unwrap();
    for needle in [
        r#"<chart:chart svg:width="6.0000in" svg:height="4.3639in" chart:class="chart:bar""#,
        r#"chart:vertical="true""#,
        r#"chart:data-label-number="value""#,
        // Bars without an outline (a:ln a:noFill), as Office and LibreOffice's import draw them.
        r##"<style:graphic-properties draw:stroke="none" draw:fill-color="#5b9bd5"/>"##,
        r#"<chart:title chart:style-name="title"><text:p>Series 1</text:p></chart:title>"#,
        // The title's look: Office's 18pt bold unless the chart says otherwise (this one has
        // a:defRPr sz="1400" b="0" in its title text properties).
        r#"<style:style style:name="title" style:family="chart"><style:chart-properties style:rotation-angle="0"/><style:text-properties fo:font-size="14pt""#,
        r#"chart:legend-position="bottom""#,
        r#"<chart:categories table:cell-range-address="local-table.$A$2:.$A$5"/>"#,
        r#"chart:values-cell-range-address="local-table.$B$2:.$B$5" chart:label-cell-address="local-table.$B$1""#,
        r#"<table:table table:name="local-table">"#,
        r#"office:value-type="float" office:value="4.3"><text:p>4.3</text:p>"#,
        r#"<chart:grid chart:class="major"/>"#,
    ] {
        assert!(content.contains(needle), "{needle} missing in {content}");
    }
    let scatter = read(&fixture("oxsdk-chart2-chart5.xml"), &no_theme, None).unwrap();
    let content = String::from_utf8(odf::write(&scatter, Twips(1440), Twips(1440))[0].2.clone());
    assert!(
        content
            .unwrap()
            .contains(r#"<chart:domain table:cell-range-address="local-table.$C$2:.$C$4"/>"#)
    );
    assert_eq!(odf::MEDIA_TYPE, "application/vnd.oasis.opendocument.chart");
}

#[test]
fn manual_plot_layout_and_axis_labels() {
    // oxsdk chart2.docx chart1: c:layoutTarget inner, x/y in edge mode, w/h as factors.
    let c = read(&fixture("oxsdk-chart2-chart1.xml"), &office_theme, None).unwrap();
    let l = c.plot_layout.unwrap();
    assert!(l.inner);
    assert!((l.x - 0.146_785_286).abs() < 1e-6 && (l.h - 0.263_619_027).abs() < 1e-6);
    // Category labels wrap (LibreOffice's import sets TextBreak on unrotated category axes),
    // value labels do not.
    assert_eq!(
        c.x_labels,
        AxisLabels {
            rotation: 0,
            wrap: true,
            ..AxisLabels::default()
        }
    );
    assert_eq!(c.y_labels, AxisLabels::default());
    let content = String::from_utf8(odf::write(&c, Twips(7770), Twips(3375))[0].2.clone()).unwrap();
    for needle in [
        r#"<chart:plot-area chart:style-name="plot" chart:data-source-has-labels="both"><chart:coordinate-region svg:x="0.7924in" svg:y="0.2375in" svg:width="4.1819in" svg:height="0.6181in"/>"#,
        r#"<style:style style:name="xaxis" style:family="chart"><style:chart-properties chart:display-label="true" text:line-break="true"/>"#,
        r#"<style:style style:name="yaxis" style:family="chart"><style:chart-properties chart:display-label="true"/>"#,
        r#"<chart:axis chart:dimension="x" chart:name="primary-x" chart:style-name="xaxis">"#,
    ] {
        assert!(content.contains(needle), "{needle} missing in {content}");
    }

    let axes = r#"<c:catAx><c:axId val="1"/><c:txPr><a:bodyPr rot="-5400000"/></c:txPr></c:catAx>
        <c:valAx><c:axId val="2"/><c:delete val="1"/><c:txPr><a:bodyPr rot="-60000000"/></c:txPr></c:valAx>"#;
    let ser = r#"<c:ser><c:idx val="0"/><c:val><c:numLit><c:ptCount val="1"/><c:pt idx="0"><c:v>1</c:v></c:pt></c:numLit></c:val></c:ser>"#;
    // Outer layout in edge mode for the size too (w, h are the right and bottom edges).
    let outer = format!(
        r#"<c:plotArea><c:layout><c:manualLayout><c:xMode val="edge"/><c:yMode val="edge"/><c:wMode val="edge"/><c:hMode val="edge"/><c:x val="0.1"/><c:y val="0.2"/><c:w val="0.6"/><c:h val="0.7"/></c:manualLayout></c:layout><c:barChart>{ser}</c:barChart>{axes}</c:plotArea>"#
    );
    let c = parse_chart(&outer).unwrap();
    let l = c.plot_layout.unwrap();
    assert!(!l.inner && (l.w - 0.5).abs() < 1e-9 && (l.h - 0.5).abs() < 1e-9);
    // Turned labels (rot clockwise in 60000ths of a degree) do not wrap; Office's -60000000
    // means no rotation.
    assert_eq!(
        c.x_labels,
        AxisLabels {
            rotation: 90,
            wrap: false,
            ..AxisLabels::default()
        }
    );
    assert_eq!(c.y_labels.rotation, 0);
    // A deleted axis (c:delete) shows neither line nor labels.
    assert!(c.y_labels.deleted && !c.x_labels.deleted);
    let content = String::from_utf8(odf::write(&c, Twips(1440), Twips(1440))[0].2.clone()).unwrap();
    for needle in [
        r#"<chart:plot-area chart:style-name="plot" chart:data-source-has-labels="both" svg:x="0.1000in" svg:y="0.2000in" svg:width="0.5000in" svg:height="0.5000in">"#,
        r#"<style:chart-properties chart:display-label="true" style:rotation-angle="90"/>"#,
        r#"<style:style style:name="yaxis" style:family="chart"><style:chart-properties chart:display-label="false" chart:visible="false"/>"#,
    ] {
        assert!(content.contains(needle), "{needle} missing in {content}");
    }
    assert!(!content.contains("coordinate-region"));

    // c:tickLblPos val="none": the axis stays, its labels go.
    let unlabelled = outer.replace(
        r#"<c:axId val="1"/>"#,
        r#"<c:axId val="1"/><c:tickLblPos val="none"/>"#,
    );
    let c = parse_chart(&unlabelled).unwrap();
    assert!(c.x_labels.no_labels && !c.x_labels.deleted);
    let content = String::from_utf8(odf::write(&c, Twips(1440), Twips(1440))[0].2.clone()).unwrap();
    assert!(content.contains(r#"<style:style style:name="xaxis" style:family="chart"><style:chart-properties chart:display-label="false" style:rotation-angle="90"/>"#), "{content}");

    // Positions in factor mode (the default) move the automatic layout: LibreOffice keeps the
    // automatic one. A pie's outer rectangle is the pie's own.
    let factor = outer.replace(r#"<c:xMode val="edge"/>"#, "");
    assert_eq!(parse_chart(&factor).unwrap().plot_layout, None);
    let pie = outer.replace("barChart", "pieChart");
    assert!(parse_chart(&pie).unwrap().plot_layout.unwrap().inner);
    let outside = outer.replace(r#"<c:x val="0.1"/>"#, r#"<c:x val="1.5"/>"#);
    assert_eq!(parse_chart(&outside).unwrap().plot_layout, None);
}

#[test]
fn bubbles_and_radar_direction() {
    // oxsdk chart2.docx chart7: one bubble series with x values, y values and sizes.
    let c = read(&fixture("oxsdk-chart2-chart7.xml"), &no_theme, None).unwrap();
    let s = &c.series[0];
    assert!(close(&s.values, &[2.7, 3.2, 0.8]));
    assert!(close(&s.sizes, &[10.0, 4.0, 8.0]));
    let content = String::from_utf8(odf::write(&c, Twips(1440), Twips(1440))[0].2.clone()).unwrap();
    // As LibreOffice writes a bubble series: its sizes are the values, the y values the first
    // domain, the x values the second.
    let series = r#"<chart:series chart:style-name="s0" chart:values-cell-range-address="local-table.$D$2:.$D$4" chart:label-cell-address="local-table.$D$1" chart:class="chart:bubble"><chart:domain table:cell-range-address="local-table.$B$2:.$B$4"/><chart:domain table:cell-range-address="local-table.$C$2:.$C$4"/>"#;
    assert!(content.contains(series), "{content}");
    assert!(content.contains(r#"chart:class="chart:bubble" chart:style-name="chart""#));
    assert!(content.contains(r#"office:value="10"><text:p>10</text:p>"#));

    // A bar series with a solid outline keeps it.
    let ser_outlined = r#"<c:ser><c:idx val="0"/><c:spPr><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="00FF00"/></a:solidFill></a:ln></c:spPr><c:val><c:numLit><c:ptCount val="1"/><c:pt idx="0"><c:v>1</c:v></c:pt></c:numLit></c:val></c:ser>"#;
    let bars = parse_chart(&format!(
        r#"<c:plotArea><c:barChart><c:barDir val="col"/>{ser_outlined}</c:barChart></c:plotArea>"#
    ))
    .unwrap();
    assert_eq!(bars.series[0].outline, Some(Rgb(0, 0xff, 0)));
    let content =
        String::from_utf8(odf::write(&bars, Twips(1440), Twips(1440))[0].2.clone()).unwrap();
    assert!(content.contains(r##"<style:graphic-properties draw:stroke="solid" svg:stroke-color="#00ff00" draw:fill-color="#ff0000"/>"##), "{content}");

    // A line chart with markers: each series shows the automatic marker unless it says none.
    let num = r#"<c:val><c:numLit><c:ptCount val="1"/><c:pt idx="0"><c:v>1</c:v></c:pt></c:numLit></c:val>"#;
    let lines = parse_chart(&format!(
        r#"<c:plotArea><c:lineChart><c:ser><c:idx val="0"/>{num}</c:ser><c:ser><c:idx val="1"/><c:marker><c:symbol val="none"/></c:marker>{num}</c:ser><c:marker val="1"/></c:lineChart></c:plotArea>"#
    ))
    .unwrap();
    assert_eq!(
        lines.series.iter().map(|s| s.markers).collect::<Vec<_>>(),
        [true, false]
    );
    let content =
        String::from_utf8(odf::write(&lines, Twips(1440), Twips(1440))[0].2.clone()).unwrap();
    assert!(content.contains(r#"<style:style style:name="s0" style:family="chart"><style:chart-properties chart:symbol-type="automatic" chart:symbol-width="0.0694in" chart:symbol-height="0.0694in"/>"#), "{content}");
    assert!(
        !content.contains(
            r#"<style:style style:name="s1" style:family="chart"><style:chart-properties"#
        )
    );

    // Office draws radar categories clockwise: the x axis runs in reverse.
    let ser = r#"<c:ser><c:idx val="0"/><c:val><c:numLit><c:ptCount val="1"/><c:pt idx="0"><c:v>1</c:v></c:pt></c:numLit></c:val></c:ser>"#;
    let radar = parse_chart(&format!(
        r#"<c:plotArea><c:radarChart><c:radarStyle val="marker"/>{ser}</c:radarChart><c:catAx><c:axId val="1"/></c:catAx><c:valAx><c:axId val="2"/></c:valAx></c:plotArea>"#
    ))
    .unwrap();
    let content =
        String::from_utf8(odf::write(&radar, Twips(1440), Twips(1440))[0].2.clone()).unwrap();
    assert!(content.contains(r#"<style:style style:name="xaxis" style:family="chart"><style:chart-properties chart:display-label="true" text:line-break="true" chart:reverse-direction="true"/>"#), "{content}");
    assert!(!content.contains(r#"<style:style style:name="yaxis" style:family="chart"><style:chart-properties chart:display-label="true" chart:reverse"#));
}

/// Every chart part of the corpus's Office Open XML files (Word, Excel, PowerPoint), when the
/// corpus is there.
fn corpus_charts() -> Option<Vec<(String, Element)>> {
    let dir = crate::test_corpus()?;
    let mut out = Vec::new();
    for folder in std::fs::read_dir(&dir).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let Ok(f) = std::fs::File::open(&file) else {
                continue;
            };
            let Ok(mut zip) = zip::ZipArchive::new(f) else {
                continue;
            };
            let names: Vec<String> = zip
                .file_names_raw()
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .filter(|n| {
                    n.contains("/charts/chart") && n.ends_with(".xml") && !n.contains("_rels")
                })
                .collect();
            for name in names {
                let mut bytes = Vec::new();
                let Ok(mut entry) = zip.by_name(&name) else {
                    continue;
                };
                if std::io::Read::read_to_end(&mut entry, &mut bytes).is_err() {
                    continue;
                }
                let label = format!("{}!{name}", file.display());
                if let Ok(root) = dom::parse(&bytes, &name) {
                    out.push((label, root));
                }
            }
        }
    }
    Some(out)
}

#[test]
fn corpus_charts_read() {
    let Some(charts) = corpus_charts() else {
        return;
    };
    assert!(charts.len() >= 13, "{} chart parts", charts.len());
    let mut read_ok = 0;
    for (label, root) in &charts {
        if let Some(c) = read(root, &no_theme, None) {
            read_ok += 1;
            assert!(c.series.len() <= MAX_SERIES, "{label}");
        }
    }
    // A few parts are chart-ex or empty; nearly all are classic charts.
    assert!(
        read_ok * 10 >= charts.len() * 9,
        "{read_ok} of {}",
        charts.len()
    );
}

fn jing_available() -> bool {
    let ok = Command::new("jing").arg("-h").output().is_ok();
    if !ok {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("jing is missing (required under CI=true)");
        }
        eprintln!("SKIPPED: jing is not installed (apt-get install jing)");
    }
    ok
}

#[test]
fn written_parts_are_valid_odf() {
    if !jing_available() {
        return;
    }
    let mut charts: Vec<(String, Chart)> = Vec::new();
    for name in [
        "poi-bar-chart-template-chart1.xml",
        "oxsdk-chart2-chart1.xml",
        "oxsdk-2d-column-strict-chart3.xml",
        "oxsdk-chart2-chart3.xml",
        "oxsdk-chart2-chart5.xml",
        "oxsdk-chart2-chart7.xml",
    ] {
        charts.push((
            name.into(),
            read(&fixture(name), &office_theme, None).unwrap(),
        ));
    }
    if let Some(corpus) = corpus_charts() {
        for (label, root) in corpus {
            if let Some(c) = read(&root, &office_theme, None) {
                charts.push((label, c));
            }
        }
    }
    let tmp = std::env::temp_dir().join(format!("umzug-chart-jing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let mut files = Vec::new();
    let mut labels = Vec::new();
    for (n, (label, chart)) in charts.iter().enumerate() {
        let obj = tmp.join(format!("Object {n}"));
        std::fs::create_dir_all(&obj).unwrap();
        for (path, _, bytes) in odf::write(chart, Twips(8640), Twips(5040)) {
            let p = obj.join(path);
            std::fs::write(&p, bytes).unwrap();
            files.push(p);
        }
        labels.push(format!("Object {n}: {label}"));
    }
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/schema/odf1.3/OpenDocument-v1.3-schema.rng");
    let out = Command::new("jing")
        .arg("-i")
        .arg(&schema)
        .args(&files)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("[warning]"))
        .collect();
    if errors.is_empty() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    assert!(
        errors.is_empty() && out.status.success(),
        "jing found errors ({} charts; kept in {}):\n{}\n{}",
        charts.len(),
        tmp.display(),
        errors.join("\n"),
        labels.join("\n")
    );
    eprintln!("jing: {} charts valid", charts.len());
}
