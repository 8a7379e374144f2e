//! styles.xml (ODF 1.3 §3.15): default and named styles, list styles, page layouts and master
//! pages with their headers and footers; and the registry of automatic styles both parts use.

use std::collections::HashMap;

use crate::odf::XmlWriter;
use crate::text::{List, NumFormat, ParaProps, RunProps, Section, StyleKind, TextDocument};
use crate::units::Twips;

use super::fonts::FontTable;
use super::props::{AttrList, para_attrs, text_attrs};

/// An NCName for a style (ODF style names are NCNames): other characters become `_xx_`, as
/// LibreOffice spells spaces `_20_`.
pub fn ncname(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let ok = c.is_ascii_alphabetic()
            || c == '_'
            || (i > 0 && (c.is_ascii_digit() || c == '-' || c == '.'));
        if ok {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    if out.is_empty() {
        out.push_str("Style");
    }
    out
}

/// What the writers need to know about each named style.
#[derive(Debug, Default)]
pub struct StyleInfo {
    /// docx style id → (ODF name, outline level resolved through parents).
    pub names: HashMap<String, (String, Option<u8>, StyleKind)>,
    /// The paragraph style used where a paragraph names none.
    pub default_para: String,
    /// docx style id → list numbering it carries, resolved through parents.
    pub lists: HashMap<String, (u32, u8)>,
    /// Paragraph styles that are right to left, through their parents.
    pub rtl: std::collections::HashSet<String>,
    /// docx style id → its paragraph properties resolved through its parents and the
    /// document defaults.
    pub effective: HashMap<String, ParaProps>,
}

impl StyleInfo {
    pub fn build(doc: &TextDocument) -> Self {
        let mut info = StyleInfo {
            default_para: "Standard".to_string(),
            ..Default::default()
        };
        let mut used = std::collections::HashSet::new();
        for s in &doc.styles {
            let mut name = ncname(&s.display_name);
            if name == "Standard" && s.kind == StyleKind::Character {
                name = "Standard_char".into();
            }
            while !used.insert(name.clone()) {
                name.push('_');
            }
            info.names.insert(s.id.clone(), (name, None, s.kind));
        }
        // Outline levels and list numbering inherit through basedOn (bounded against cycles).
        for s in &doc.styles {
            let mut level = None;
            let mut list = None;
            let mut bidi = None;
            let mut effective = ParaProps::default();
            let mut cur = Some(s);
            for _ in 0..32 {
                let Some(st) = cur else { break };
                level = level.or(st.outline_level);
                list = list.or(st.list);
                bidi = bidi.or(st.para.bidi);
                effective.merge(&st.para);
                cur = st
                    .parent
                    .as_ref()
                    .and_then(|p| doc.styles.iter().find(|x| &x.id == p));
            }
            if let Some(entry) = info.names.get_mut(&s.id) {
                entry.1 = level;
            }
            if let Some(l) = list {
                info.lists.insert(s.id.clone(), l);
            }
            if bidi.or(doc.default_para.bidi) == Some(true) {
                info.rtl.insert(s.id.clone());
            }
            if s.kind == StyleKind::Paragraph {
                effective.merge(&doc.default_para);
                info.effective.insert(s.id.clone(), effective);
            }
        }
        if let Some(d) = &doc.default_style
            && let Some((n, _, _)) = info.names.get(d)
        {
            info.default_para = n.clone();
        }
        info
    }

    pub fn para(&self, id: Option<&str>) -> (&str, Option<u8>) {
        match id.and_then(|i| self.names.get(i)) {
            Some((n, l, StyleKind::Paragraph)) => (n, *l),
            _ => (
                &self.default_para,
                self.names
                    .values()
                    .find(|(n, _, _)| *n == self.default_para)
                    .and_then(|v| v.1),
            ),
        }
    }

    pub fn text(&self, id: Option<&str>) -> Option<&str> {
        match id.and_then(|i| self.names.get(i)) {
            Some((n, _, StyleKind::Character)) => Some(n),
            _ => None,
        }
    }
}

/// Automatic styles of one part, deduplicated by their content.
#[derive(Debug)]
pub struct AutoStyles {
    prefix: &'static str,
    pub x: XmlWriter,
    seen: HashMap<String, String>,
    count: usize,
}

impl AutoStyles {
    pub fn new(prefix: &'static str) -> Self {
        Self {
            prefix,
            x: XmlWriter::fragment(),
            seen: HashMap::new(),
            count: 0,
        }
    }

    /// A date (or time) data style (ODF 1.3 §16.29.11 number:date-style, §16.29.19
    /// number:time-style) from picture parts; returns its name.
    pub fn date_style(&mut self, parts: &[super::fields::DatePart], time: bool) -> String {
        use super::fields::DatePart;
        let key = format!("date|{time}|{parts:?}");
        if let Some(n) = self.seen.get(&key) {
            return n.clone();
        }
        self.count += 1;
        let name = format!("{}N{}", self.prefix, self.count);
        let tag = if time {
            "number:time-style"
        } else {
            "number:date-style"
        };
        self.x.start_owned(tag, &[("style:name", name.clone())]);
        for p in parts {
            match p {
                // A time style holds no date parts.
                DatePart::Element(e, _) | DatePart::Textual(e, _)
                    if time
                        && !matches!(
                            *e,
                            "number:hours" | "number:minutes" | "number:seconds" | "number:am-pm"
                        ) => {}
                DatePart::Element(e, long) => {
                    if *e == "number:am-pm" {
                        self.x.empty(e, &[]);
                    } else {
                        let style = if *long { "long" } else { "short" };
                        self.x.empty(e, &[("number:style", style)]);
                    }
                }
                DatePart::Textual(e, long) => {
                    let style = if *long { "long" } else { "short" };
                    if *e == "number:month" {
                        self.x
                            .empty(e, &[("number:style", style), ("number:textual", "true")]);
                    } else {
                        self.x.empty(e, &[("number:style", style)]);
                    }
                }
                DatePart::Text(t) => self.x.element("number:text", &[], t),
            }
        }
        self.x.end(tag);
        self.seen.insert(key, name.clone());
        name
    }

    /// A style of `family` with `parent` and property groups; returns its name.
    pub fn style(
        &mut self,
        family: &str,
        parent: Option<&str>,
        extra: &[(&'static str, String)],
        groups: &[(&'static str, AttrList)],
    ) -> String {
        self.style_full(family, parent, extra, groups, None)
    }

    /// As [`Self::style`]; `props` adds the children of paragraph-properties (tab stops, drop
    /// cap). Styles are deduplicated by everything they write.
    fn style_full(
        &mut self,
        family: &str,
        parent: Option<&str>,
        extra: &[(&'static str, String)],
        groups: &[(&'static str, AttrList)],
        props: Option<&ParaProps>,
    ) -> String {
        let tabs = props
            .and_then(|p| p.tabs.as_ref())
            .filter(|t| !t.is_empty());
        let drop_cap = props.and_then(|p| p.drop_cap);
        let key = format!("{family}|{parent:?}|{extra:?}|{groups:?}|{tabs:?}|{drop_cap:?}");
        if let Some(n) = self.seen.get(&key) {
            return n.clone();
        }
        self.count += 1;
        let name = format!("{}{}", self.prefix, self.count);
        let mut attrs: Vec<(&str, String)> = vec![
            ("style:name", name.clone()),
            ("style:family", family.to_string()),
        ];
        if let Some(p) = parent {
            attrs.push(("style:parent-style-name", p.to_string()));
        }
        attrs.extend(extra.iter().cloned());
        self.x.start_owned("style:style", &attrs);
        for (group, a) in groups {
            let children =
                *group == "style:paragraph-properties" && (tabs.is_some() || drop_cap.is_some());
            if children {
                self.x.start_owned(group, a);
                // ODF 1.3 §17.6: tab stops first, then the drop cap.
                if let Some(tabs) = tabs {
                    write_tabs(&mut self.x, tabs);
                }
                if let Some((length, lines)) = drop_cap {
                    self.x.empty_owned(
                        "style:drop-cap",
                        &[
                            ("style:length", length.to_string()),
                            ("style:lines", lines.to_string()),
                        ],
                    );
                }
                self.x.end(group);
            } else if !a.is_empty() {
                self.x.empty_owned(group, a);
            }
        }
        self.x.end("style:style");
        self.seen.insert(key, name.clone());
        name
    }

    pub fn text(
        &mut self,
        parent: Option<&str>,
        props: &RunProps,
        fonts: &mut FontTable,
    ) -> Option<String> {
        if props.is_empty() {
            return parent.map(str::to_string);
        }
        let attrs = text_attrs(props, fonts);
        Some(self.style("text", parent, &[], &[("style:text-properties", attrs)]))
    }

    pub fn para(
        &mut self,
        parent: &str,
        props: &ParaProps,
        mark: Option<&RunProps>,
        extra: &[(&'static str, String)],
        fonts: &mut FontTable,
    ) -> String {
        let mut groups = vec![("style:paragraph-properties", para_attrs(props))];
        if let Some(m) = mark {
            groups.push(("style:text-properties", text_attrs(m, fonts)));
        }
        if props.is_empty() && extra.is_empty() && mark.is_none_or(RunProps::is_empty) {
            return parent.to_string();
        }
        self.style_full("paragraph", Some(parent), extra, &groups, Some(props))
    }
}

pub fn write_tabs(x: &mut XmlWriter, tabs: &[crate::text::TabStop]) {
    x.start("style:tab-stops", &[]);
    for t in tabs {
        let mut a: Vec<(&str, String)> = vec![("style:position", Twips(t.pos.0.max(0)).odf())];
        match t.kind {
            'C' => a.push(("style:type", "center".into())),
            'R' => a.push(("style:type", "right".into())),
            'D' => {
                a.push(("style:type", "char".into()));
                a.push(("style:char", ".".into()));
            }
            _ => {}
        }
        if let Some(l) = t.leader {
            a.push((
                "style:leader-style",
                if l == '.' { "dotted" } else { "solid" }.into(),
            ));
            a.push(("style:leader-text", l.to_string()));
        }
        x.empty_owned("style:tab-stop", &a);
    }
    x.end("style:tab-stops");
}

/// The common graphic style all frames inherit from.
pub const FRAME_STYLE: &str = "Frame";

/// The character style of index entries' links: LibreOffice's "Index Link", which adds no
/// formatting.
pub const INDEX_LINK_STYLE: &str = "Index_20_Link";

/// The character style of links whose text has none: plain, like LibreOffice's default
/// character style that its import names there.
pub const PLAIN_LINK_STYLE: &str = "Link_20_Text";

/// office:styles: the default paragraph style (docDefaults), every named style, list styles.
pub fn write_common(doc: &TextDocument, info: &StyleInfo, fonts: &mut FontTable) -> XmlWriter {
    let mut x = XmlWriter::fragment();
    x.start("office:styles", &[]);
    // Word's text grid (docGrid, ECMA-376-1 §17.6.5) is what ODF calls the standard mode
    // (ODF 1.3 style:layout-grid-standard-mode, set on the default page layout only):
    // a line grid fixes each line's height at the pitch, whatever the line spacing says.
    // LibreOffice's own import sets it.
    x.start("style:default-page-layout", &[]);
    x.empty(
        "style:page-layout-properties",
        &[("style:layout-grid-standard-mode", "true")],
    );
    x.end("style:default-page-layout");
    // Word's own defaults apply where docDefaults are silent: 10pt Times New Roman, single lines.
    let mut run = doc.default_run.clone();
    if run.size.is_none() {
        run.size = Some(20);
    }
    if run.font.is_none() {
        run.font = Some("Times New Roman".into());
    }
    let mut para = doc.default_para.clone();
    super::props::resolve_align(&mut para, &ParaProps::default());
    para.widow.get_or_insert(true);
    // Drawing objects have no fill and no line unless their style says so (LibreOffice's own
    // defaults are a blue fill and a line).
    x.start("style:default-style", &[("style:family", "graphic")]);
    x.empty(
        "style:graphic-properties",
        &[("draw:fill", "none"), ("draw:stroke", "none")],
    );
    x.end("style:default-style");
    // Word draws adjacent cell borders once (ECMA-376-1 §17.4.38 tblBorders: the shared edge
    // of two cells is one line) and lets rows break across pages unless w:cantSplit says so:
    // the collapsing border model (ODF 1.3 §17.16 table:border-model) and rows that may split
    // (§17.17.6 fo:keep-together), as LibreOffice's import sets them for every table.
    x.start("style:default-style", &[("style:family", "table")]);
    x.empty(
        "style:table-properties",
        &[("table:border-model", "collapsing")],
    );
    x.end("style:default-style");
    x.start("style:default-style", &[("style:family", "table-row")]);
    x.empty(
        "style:table-row-properties",
        &[("fo:keep-together", "auto")],
    );
    x.end("style:default-style");
    // Every frame's automatic style names this parent: LibreOffice does not draw a frame in a
    // header or footer whose automatic style has no parent at all.
    x.empty(
        "style:style",
        &[("style:name", FRAME_STYLE), ("style:family", "graphic")],
    );
    x.start("style:default-style", &[("style:family", "paragraph")]);
    // Word's default tab stops every 0.5in unless the settings say otherwise (§17.15.1.25).
    let tab = doc.default_tab.unwrap_or(Twips(720));
    let mut a = para_attrs(&para);
    a.push(("style:tab-stop-distance", tab.odf()));
    match para.tabs.as_ref().filter(|t| !t.is_empty()) {
        Some(tabs) => {
            x.start_owned("style:paragraph-properties", &a);
            write_tabs(&mut x, tabs);
            x.end("style:paragraph-properties");
        }
        None => x.empty_owned("style:paragraph-properties", &a),
    }
    x.empty_owned("style:text-properties", &text_attrs(&run, fonts));
    x.end("style:default-style");
    if !info.names.values().any(|(n, _, _)| n == "Standard") {
        x.empty(
            "style:style",
            &[
                ("style:name", "Standard"),
                ("style:family", "paragraph"),
                ("style:class", "text"),
            ],
        );
    }
    for s in &doc.styles {
        let Some((name, level, kind)) = info.names.get(&s.id) else {
            continue;
        };
        let mut a: Vec<(&str, String)> = vec![
            ("style:name", name.clone()),
            ("style:display-name", s.display_name.clone()),
            (
                "style:family",
                if *kind == StyleKind::Paragraph {
                    "paragraph"
                } else {
                    "text"
                }
                .into(),
            ),
        ];
        if let Some(p) = s
            .parent
            .as_ref()
            .and_then(|p| info.names.get(p))
            .filter(|p| p.2 == *kind)
        {
            a.push(("style:parent-style-name", p.0.clone()));
        }
        if *kind == StyleKind::Paragraph {
            if let Some(n) = s
                .next
                .as_ref()
                .and_then(|n| info.names.get(n))
                .filter(|n| n.2 == *kind)
            {
                a.push(("style:next-style-name", n.0.clone()));
            }
            if let Some(l) = s.outline_level.or(*level) {
                a.push(("style:default-outline-level", l.to_string()));
            }
            if let Some((list, _)) = s.list.filter(|(l, _)| doc.lists.contains_key(l)) {
                a.push(("style:list-style-name", list_style_name(list)));
            }
        }
        x.start_owned("style:style", &a);
        if *kind == StyleKind::Paragraph {
            let mut para = s.para.clone();
            let base = s
                .parent
                .as_ref()
                .and_then(|p| info.effective.get(p))
                .unwrap_or(&doc.default_para);
            super::props::complete_groups(&mut para, base);
            super::props::resolve_align(&mut para, base);
            write_para_props(&mut x, &para);
        }
        let mut t = text_attrs(&s.run, fonts);
        // A paragraph style's raised or lowered text (ECMA-376-1 §17.3.2.24 w:position) becomes
        // automatic super- or subscript at 58%, as LibreOffice's import maps it.
        if *kind == StyleKind::Paragraph
            && s.run.superscript.is_none()
            && s.run.subscript.is_none()
            && let Some(p) = s.run.position.filter(|p| *p != 0)
        {
            let pos = if p > 0 { "super 58%" } else { "sub 58%" };
            t.push(("style:text-position", pos.into()));
        }
        if !t.is_empty() {
            x.empty_owned("style:text-properties", &t);
        }
        x.end("style:style");
    }
    if doc.index_links {
        x.empty(
            "style:style",
            &[
                ("style:name", INDEX_LINK_STYLE),
                ("style:display-name", "Index Link"),
                ("style:family", "text"),
            ],
        );
    }
    if doc.plain_links {
        x.empty(
            "style:style",
            &[
                ("style:name", PLAIN_LINK_STYLE),
                ("style:display-name", "Link Text"),
                ("style:family", "text"),
            ],
        );
    }
    for (id, list) in &doc.lists {
        write_list_style(&mut x, *id, list, fonts);
    }
    x.end("office:styles");
    x
}

fn write_para_props(x: &mut XmlWriter, p: &ParaProps) {
    let a = para_attrs(p);
    match p.tabs.as_ref().filter(|t| !t.is_empty()) {
        Some(tabs) => {
            x.start_owned("style:paragraph-properties", &a);
            write_tabs(x, tabs);
            x.end("style:paragraph-properties");
        }
        None if !a.is_empty() => x.empty_owned("style:paragraph-properties", &a),
        None => {}
    }
}

pub fn list_style_name(id: u32) -> String {
    format!("WWNum{id}")
}

/// Word bullets in symbol fonts sit in the private use area; map the usual ones to Unicode when
/// no font says how to draw them.
fn bullet_char(c: char) -> char {
    match c as u32 {
        0xF0B7 | 0xF06C => '•',
        0xF0A7 | 0xF06E => '▪',
        0xF0D8 => '➢',
        0xF0FC => '✓',
        0xF076 => '❖',
        0xF0A8 => '◆',
        0xF071 => '❑',
        0xF0E0 => '→',
        0xF02D => '–',
        0xE000..=0xF8FF => '•',
        _ => c,
    }
}

fn write_list_style(x: &mut XmlWriter, id: u32, list: &List, fonts: &mut FontTable) {
    x.start_owned("text:list-style", &[("style:name", list_style_name(id))]);
    for (i, l) in list.levels.iter().enumerate() {
        let level = (i + 1).to_string();
        let mut label = vec![(
            "text:list-level-position-and-space-mode",
            "label-alignment".to_string(),
        )];
        // ODF 1.3 §17.19 style:list-level-properties: fo:text-align aligns the label.
        if let Some(align) = l.label_align {
            label.push(("fo:text-align", align.to_string()));
        }
        let indent = [
            (
                "text:label-followed-by",
                if l.suffix_tab { "listtab" } else { "space" }.to_string(),
            ),
            ("text:list-tab-stop-position", l.indent_left.odf()),
            ("fo:text-indent", Twips(-l.hanging.0).odf()),
            ("fo:margin-left", l.indent_left.odf()),
        ];
        let mut run = l.run.clone();
        match l.format {
            NumFormat::Bullet(c) => {
                // A private-use bullet in a symbol font stays as LibreOffice's own import keeps
                // it, the character in that font (LibreOffice draws it through its OpenSymbol
                // recoding); without a font it becomes the Unicode character it stands for.
                let symbol_font = run
                    .font
                    .as_deref()
                    .is_some_and(super::fonts::is_symbol_font);
                let ch = if symbol_font { c } else { bullet_char(c) };
                if ch != c {
                    run.font = None;
                }
                x.start_owned(
                    "text:list-level-style-bullet",
                    &[("text:level", level), ("text:bullet-char", ch.to_string())],
                );
            }
            ref f => {
                let (prefix, suffix, display) = split_label(&l.text, i + 1);
                let format = match f {
                    NumFormat::LowerLetter => "a",
                    NumFormat::UpperLetter => "A",
                    NumFormat::LowerRoman => "i",
                    NumFormat::UpperRoman => "I",
                    NumFormat::None => "",
                    _ => "1",
                };
                let mut a: Vec<(&str, String)> = vec![("text:level", level)];
                if !prefix.is_empty() {
                    a.push(("style:num-prefix", prefix));
                }
                if !suffix.is_empty() {
                    a.push(("style:num-suffix", suffix));
                }
                a.push(("style:num-format", format.into()));
                if display > 1 {
                    a.push(("text:display-levels", display.to_string()));
                }
                // ODF start values are positive integers (ODF 1.3 §19.868); Word allows 0.
                a.push(("text:start-value", l.start.clamp(1, 1_000_000).to_string()));
                x.start_owned("text:list-level-style-number", &a);
            }
        }
        x.start_owned("style:list-level-properties", &label);
        x.empty_owned("style:list-level-label-alignment", &indent);
        x.end("style:list-level-properties");
        let t = text_attrs(&run, fonts);
        if !t.is_empty() {
            x.empty_owned("style:text-properties", &t);
        }
        x.end(if matches!(l.format, NumFormat::Bullet(_)) {
            "text:list-level-style-bullet"
        } else {
            "text:list-level-style-number"
        });
    }
    x.end("text:list-style");
}

/// `%1.%2)` at level 2 → ("", ")", 2): text before the first and after the last placeholder, and
/// how many levels are shown.
fn split_label(text: &str, level: usize) -> (String, String, usize) {
    let first = text.find('%');
    let last = text.rfind('%');
    match (first, last) {
        (Some(f), Some(l)) if l + 1 < text.len() + 1 => {
            let prefix = text[..f].to_string();
            let after = &text[l..];
            let skip = after.char_indices().nth(2).map_or(after.len(), |(i, _)| i);
            let suffix = after[skip..].to_string();
            let shown = text.matches('%').count().clamp(1, level);
            (prefix, suffix, shown)
        }
        _ => (text.to_string(), String::new(), 1),
    }
}

/// The page layout and header/footer styles of a section (ODF 1.3 §16.5, §17.2).
pub fn write_page_layout(
    x: &mut XmlWriter,
    name: &str,
    s: &Section,
    has_header: bool,
    has_footer: bool,
    background: Option<crate::units::Rgb>,
) {
    x.start_owned("style:page-layout", &[("style:name", name.to_string())]);
    // With a header, Word measures the header from the page edge and the body from the top
    // margin; ODF puts the header inside the page margin, so the margin shrinks to the header
    // distance and the header area takes the rest.
    let top = if has_header {
        s.header_distance
    } else {
        s.margin_top
    };
    let bottom = if has_footer {
        s.footer_distance
    } else {
        s.margin_bottom
    };
    let mut a: Vec<(&str, String)> = vec![
        ("fo:page-width", s.width.odf()),
        ("fo:page-height", s.height.odf()),
        (
            "style:print-orientation",
            if s.landscape { "landscape" } else { "portrait" }.into(),
        ),
        ("fo:margin-top", top.odf()),
        ("fo:margin-bottom", bottom.odf()),
        ("fo:margin-left", s.margin_left.odf()),
        ("fo:margin-right", s.margin_right.odf()),
    ];
    a.push((
        "style:writing-mode",
        if s.rtl { "rl-tb" } else { "lr-tb" }.into(),
    ));
    if let Some(c) = background {
        a.push(("fo:background-color", c.odf()));
    }
    if let Some(pitch) = s.line_grid {
        // A line grid as LibreOffice imports Word's: lines snap to the pitch; nothing shown.
        let body = s.height.0 - s.margin_top.0 - s.margin_bottom.0;
        let lines = (body / pitch.0).clamp(1, 1000);
        a.push(("style:layout-grid-mode", "line".into()));
        a.push(("style:layout-grid-base-height", pitch.odf()));
        a.push(("style:layout-grid-ruby-height", Twips(0).odf()));
        a.push(("style:layout-grid-lines", lines.to_string()));
        a.push(("style:layout-grid-ruby-below", "false".into()));
        a.push(("style:layout-grid-print", "false".into()));
        a.push(("style:layout-grid-display", "false".into()));
    }
    // Columns are set on text:sections in the body (see content.rs), as they may change
    // within a page.
    x.start_owned("style:page-layout-properties", &a);
    // Word's footnote separator: a short rule a quarter of the text width, little spacing.
    x.empty(
        "style:footnote-sep",
        &[
            ("style:width", "0.0071in"),
            ("style:distance-before-sep", "0.0398in"),
            ("style:distance-after-sep", "0.0398in"),
            ("style:line-style", "solid"),
            ("style:adjustment", "left"),
            ("style:rel-width", "25%"),
            ("style:color", "#000000"),
        ],
    );
    x.end("style:page-layout-properties");
    // The header area spans from the header distance to the top margin; with dynamic spacing
    // the body still starts at the margin when the header is short, and below the header when it
    // is taller, as in Word. The spacing keeps the smallest header height LibreOffice allows
    // (57 twips), as its own Word import does.
    const MIN_HEADER: i64 = 57;
    let areas = [
        (
            has_header,
            "style:header-style",
            s.margin_top,
            s.header_distance,
            "fo:margin-bottom",
        ),
        (
            has_footer,
            "style:footer-style",
            s.margin_bottom,
            s.footer_distance,
            "fo:margin-top",
        ),
    ];
    for (present, tag, margin, distance, spacing) in areas {
        if !present {
            continue;
        }
        let h = Twips((margin.0 - distance.0).max(0));
        x.start(tag, &[]);
        x.empty_owned(
            "style:header-footer-properties",
            &[
                ("fo:min-height", h.odf()),
                (spacing, Twips((h.0 - MIN_HEADER).max(0)).odf()),
                ("style:dynamic-spacing", "true".into()),
            ],
        );
        x.end(tag);
    }
    x.end("style:page-layout");
}
