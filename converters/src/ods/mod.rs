//! The ODS writer: a [`Workbook`] as an ODF 1.3 spreadsheet (or template) package.

mod annotations;
mod calc;
pub mod cells;
mod content;
mod pilot;
mod print;
mod protect;
mod ranges;
mod rules;
mod shapes;
pub mod styles;

#[cfg(test)]
mod extras_tests;
#[cfg(test)]
mod tests;

use crate::findings::Findings;
use crate::odf::{Chunk, OdfPackage, Spill, XmlWriter, start_root, start_root_with};
use crate::sheet::Workbook;

pub use calc::cell_name;
use content::{Writer, cell_style_name};

pub const MIME: &str = "application/vnd.oasis.opendocument.spreadsheet";
pub const MIME_TEMPLATE: &str = "application/vnd.oasis.opendocument.spreadsheet-template";

/// styles.xml: the "Default" cell style from the workbook's first cell format, which every
/// other cell style derives from.
fn styles_part(wb: &Workbook) -> Vec<u8> {
    let mut x = XmlWriter::new();
    start_root(&mut x, "office:document-styles");
    x.start("office:styles", &[]);
    // The default format's number format, if it has one, is a common data style beside it.
    // Cell styles derive from "Default", so one without a data style of its own inherits this
    // one: `data_style_for` must then write a General style for General formats.
    let has_data = wb
        .styles
        .first()
        .is_some_and(|s| calc::data_style(s, "N0", false, &mut x));
    let mut a = vec![("style:name", "Default"), ("style:family", "table-cell")];
    if has_data {
        a.push(("style:data-style-name", "N0"));
    }
    x.start("style:style", &a);
    if let Some(s) = wb.styles.first() {
        styles::cell_properties(&mut x, s, None);
    }
    x.end("style:style");
    rules::write_dxf_styles(wb, &mut x);
    x.end("office:styles");
    print::page_styles(wb, &mut x);
    x.end("office:document-styles");
    x.into_bytes()
}

/// settings.xml: the active sheet, cursor and frozen panes, in the view settings LibreOffice
/// reads (ODF 1.3 §3.10 leaves their names to the application).
fn settings(wb: &Workbook) -> Vec<u8> {
    let mut x = XmlWriter::new();
    crate::odf::start_settings(&mut x);
    x.start(
        "config:config-item-set",
        &[("config:name", "ooo:view-settings")],
    );
    x.start(
        "config:config-item-map-indexed",
        &[("config:name", "Views")],
    );
    x.start("config:config-item-map-entry", &[]);
    let item = |x: &mut XmlWriter, name: &str, kind: &str, value: &str| {
        x.element(
            "config:config-item",
            &[("config:name", name), ("config:type", kind)],
            value,
        );
    };
    item(&mut x, "ViewId", "string", "view1");
    x.start("config:config-item-map-named", &[("config:name", "Tables")]);
    for sheet in &wb.sheets {
        x.start(
            "config:config-item-map-entry",
            &[("config:name", &sheet.name)],
        );
        let (row, col) = sheet.cursor.unwrap_or((0, 0));
        item(&mut x, "CursorPositionX", "int", &col.to_string());
        item(&mut x, "CursorPositionY", "int", &row.to_string());
        let f = sheet.frozen;
        let (cols, rows) = f.map_or((0, 0), |f| (f.cols, f.rows));
        let (top, left) = f.map_or((0, 0), |f| f.top_left);
        // Split mode 2 is a frozen split; positions count columns and rows.
        let mode = |n: u32| if n > 0 { "2" } else { "0" };
        item(&mut x, "HorizontalSplitMode", "short", mode(cols));
        item(&mut x, "VerticalSplitMode", "short", mode(rows));
        item(&mut x, "HorizontalSplitPosition", "int", &cols.to_string());
        item(&mut x, "VerticalSplitPosition", "int", &rows.to_string());
        // The pane with the cursor: 1 top right, 2 bottom left, 3 bottom right.
        let active = match (cols > 0, rows > 0) {
            (true, true) => "3",
            (true, false) => "1",
            _ => "2",
        };
        item(&mut x, "ActiveSplitRange", "short", active);
        item(&mut x, "PositionLeft", "int", "0");
        item(
            &mut x,
            "PositionRight",
            "int",
            &(if cols > 0 { left } else { 0 }).to_string(),
        );
        item(&mut x, "PositionTop", "int", "0");
        item(
            &mut x,
            "PositionBottom",
            "int",
            &(if rows > 0 { top } else { 0 }).to_string(),
        );
        x.end("config:config-item-map-entry");
    }
    x.end("config:config-item-map-named");
    if let Some(active) = wb.sheets.get(wb.active_sheet) {
        item(&mut x, "ActiveTable", "string", &active.name);
    }
    x.end("config:config-item-map-entry");
    x.end("config:config-item-map-indexed");
    x.end("config:config-item-set");
    x.start(
        "config:config-item-set",
        &[("config:name", "ooo:configuration-settings")],
    );
    // The text references that INDIRECT and ADDRESS read and write keep Excel's A1 form
    // (`Sheet1!A1`), as the workbook's formulas were written for it; 2 is Calc's "Excel A1"
    // address convention, which LibreOffice also sets when it imports a workbook.
    item(&mut x, "SyntaxStringRef", "short", "2");
    x.end("config:config-item-set");
    x.end("office:settings");
    x.end("office:document-settings");
    x.into_bytes()
}

/// The workbook-wide calculation settings (ODF 1.3 §9.4.1): Excel compares text without
/// regard to case, takes `*` and `?` in criteria as wildcards and no regular expressions, and
/// finds no labels, where ODF's defaults are the opposite (§19.614 table:case-sensitive,
/// §19.703 table:use-regular-expressions, §19.704 table:use-wildcards, §19.586
/// table:automatic-find-labels); then the null date and iterative calculation, if set.
fn calculation_settings(wb: &Workbook, body: &mut XmlWriter) {
    body.start(
        "table:calculation-settings",
        &[
            ("table:case-sensitive", "false"),
            ("table:automatic-find-labels", "false"),
            ("table:use-regular-expressions", "false"),
            ("table:use-wildcards", "true"),
        ],
    );
    if wb.date1904 {
        // Serials count from 1904-01-01 (ODF 1.3 §9.4.2 table:null-date), as in the source.
        body.empty(
            "table:null-date",
            &[
                ("table:date-value", "1904-01-01"),
                ("table:value-type", "date"),
            ],
        );
    }
    if let Some(it) = wb.iteration {
        // ODF 1.3 §9.4.3 table:iteration; without status="enable" a circular reference is an
        // error (Err:522 in LibreOffice) where the source iterates.
        let steps = it.steps.to_string();
        let diff = it.max_change.to_string();
        body.empty(
            "table:iteration",
            &[
                ("table:status", "enable"),
                ("table:steps", &steps),
                ("table:maximum-difference", &diff),
            ],
        );
    }
    body.end("table:calculation-settings");
}

/// Writes the package.
pub fn write(wb: &Workbook, template: bool, findings: &mut Findings) -> std::io::Result<Vec<u8>> {
    let mut calc = calc::Calc::new(wb);
    let rules = rules::Rules::new(wb, &mut calc);
    let mut w = Writer {
        wb,
        calc,
        styles: styles::SheetStyles::new(),
        runs: cells::RunStyles::new(),
        used: vec![false; wb.styles.len()],
        cols_styled: false,
        timed_out: false,
        spill: Spill::new(),
        shapes: shapes::SheetShapes::default(),
        rules,
        deco: Vec::new(),
        row_xf: None,
    };
    let mut body = XmlWriter::fragment();
    body.start("office:body", &[]);
    body.start_owned("office:spreadsheet", &protect::book(wb.protection.as_ref()));
    calculation_settings(wb, &mut body);
    w.rules.write_validations(wb, &mut body);
    for i in 0..wb.sheets.len() {
        w.table(&mut body, i);
    }
    if w.timed_out {
        return Err(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "the time budget ran out while writing",
        ));
    }
    w.calc.named_expressions(wb, &mut body, None);
    // ODF 1.3 §9.1 office:spreadsheet: database ranges come before DataPilot tables.
    ranges::database_ranges(wb, &mut body);
    pilot::data_pilot_tables(wb, &mut body);
    body.end("office:spreadsheet");
    body.end("office:body");
    for f in std::mem::take(&mut w.calc.findings).into_vec() {
        for _ in 0..f.count {
            findings.add(f.kind.clone(), f.location.as_deref());
        }
    }

    let mut auto = XmlWriter::fragment();
    let base = wb.styles.first().map(|s| &s.font);
    let variants = std::mem::take(&mut w.rules.variants);
    for (i, s) in wb.styles.iter().enumerate() {
        let mut maps = variants
            .range((i as u32, 0)..=(i as u32, usize::MAX))
            .map(|(_, m)| *m)
            .peekable();
        if !w.used.get(i).copied().unwrap_or(false) && maps.peek().is_none() {
            continue;
        }
        let name = cell_style_name(i as u32);
        let data = format!("N{i}");
        // Cell styles derive from "Default": a General one must not inherit a non-General
        // default's data style.
        let explicit = !wb.styles.first().is_none_or(calc::is_general);
        let has_data = calc::data_style(s, &data, explicit, &mut auto);
        let mut a = vec![
            ("style:name", name),
            ("style:family", "table-cell".to_string()),
            ("style:parent-style-name", "Default".to_string()),
        ];
        if has_data {
            a.push(("style:data-style-name", data));
        }
        // Format 0 is the common "Default" style itself; others only where cells use them.
        if i > 0 && w.used.get(i).copied().unwrap_or(false) {
            auto.start_owned("style:style", &a);
            styles::cell_properties(&mut auto, s, base);
            auto.end("style:style");
        }
        // The same format with the style maps of the conditional formats over its cells.
        for m in maps {
            a[0].1 = w.rules.style(i as u32, m);
            auto.start_owned("style:style", &a);
            styles::cell_properties(&mut auto, s, base);
            w.rules.write_maps(&mut auto, m);
            auto.end("style:style");
        }
    }

    let mut content = XmlWriter::new();
    start_root_with(
        &mut content,
        "office:document-content",
        &[crate::odf::OPENFORMULA_NS],
    );
    content.start("office:automatic-styles", &[]);
    content.append(std::mem::take(&mut w.styles.x));
    content.append(auto);
    content.append(std::mem::take(&mut w.runs.x));
    shapes::styles(wb, &mut w.shapes, &mut content);
    content.end("office:automatic-styles");
    // The body follows the automatic styles it uses, which are known only once it is written:
    // its earlier part comes from the deflated store, the rest from the writer.
    let spilled = std::mem::take(&mut w.spill).finish()?;
    body.end("office:document-content");

    let mut pkg = OdfPackage::new(if template { MIME_TEMPLATE } else { MIME });
    pkg.add_chunks(
        "content.xml",
        "text/xml",
        vec![
            Chunk::Plain(content.into_bytes()),
            spilled,
            Chunk::Plain(body.into_bytes()),
        ],
    );
    pkg.add("styles.xml", "text/xml", styles_part(wb));
    pkg.add("meta.xml", "text/xml", crate::odt::meta_xml(&wb.meta));
    pkg.add("settings.xml", "text/xml", settings(wb));
    shapes::add_parts(wb, &mut pkg);
    pkg.finish()
}
