//! Print setup of a worksheet: pageSetup (ECMA-376-1 §18.3.1.63), pageMargins (§18.3.1.62),
//! printOptions (§18.3.1.70), sheetPr/pageSetUpPr fitToPage (§18.3.1.65) and headerFooter
//! (§18.3.1.46) with its &-codes (§18.3.1.36), into the model's [`PageSetup`].

use crate::dom::{Element, Ns};

use super::on;
use crate::findings::{FindingKind, Findings};
use crate::sheet::extras::{HeaderFooter, HfPiece, PageSetup};
use crate::sheet::{Font, Underline, VertAlign};
use crate::units::Rgb;

/// Manual page breaks (rowBreaks or colBreaks, §18.3.1.74 / §18.3.1.14): ids of the rows or
/// columns that begin a page, ascending, at most one per row or column of the sheet.
pub fn breaks(e: &Element, limit: u32) -> Vec<u32> {
    let mut out: Vec<u32> = e
        .children_named(Ns::X, "brk")
        .filter_map(|b| b.attr(Ns::None, "id")?.trim().parse::<u32>().ok())
        .filter(|id| *id > 0 && *id < limit)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Paper sizes in inches for ST_PaperSize codes (§18.3.1.63 paperSize), portrait.
fn paper(code: u32) -> Option<(f64, f64)> {
    const MM: f64 = 1.0 / 25.4;
    Some(match code {
        1 | 2 => (8.5, 11.0),
        3 | 4 => (11.0, 17.0),
        5 => (8.5, 14.0),
        6 => (5.5, 8.5),
        7 => (7.25, 10.5),
        8 => (297.0 * MM, 420.0 * MM),
        9 | 10 => (210.0 * MM, 297.0 * MM),
        11 => (148.0 * MM, 210.0 * MM),
        12 => (250.0 * MM, 353.0 * MM),
        13 => (176.0 * MM, 250.0 * MM),
        14 => (8.5, 13.0),
        20 => (4.5, 10.375),
        27 => (110.0 * MM, 220.0 * MM),
        28 => (162.0 * MM, 229.0 * MM),
        34 => (176.0 * MM, 250.0 * MM),
        66 => (420.0 * MM, 594.0 * MM),
        70 => (105.0 * MM, 148.0 * MM),
        _ => return None,
    })
}

fn number(e: &Element, name: &str) -> Option<f64> {
    e.attr(Ns::None, name)
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

/// Builds the page setup from the worksheet's kept sections; `None` when the sheet has none.
pub fn read(kept: &[Element], part: &str, findings: &mut Findings) -> Option<PageSetup> {
    let get = |name: &str| kept.iter().find(|e| e.is(Ns::X, name));
    let setup = get("pageSetup");
    let margins = get("pageMargins");
    let hf = get("headerFooter");
    let options = get("printOptions");
    if setup.is_none() && margins.is_none() && hf.is_none() && options.is_none() {
        return None;
    }
    let mut page = PageSetup::default();
    let fit_to_page = get("pageSetUpPr").is_some_and(|p| on(p, "fitToPage"));
    if let Some(s) = setup {
        page.paper = number(s, "paperSize").and_then(|c| paper(c as u32));
        page.landscape = s.attr(Ns::None, "orientation") == Some("landscape");
        page.scale = number(s, "scale")
            .filter(|v| (10.0..=400.0).contains(v) && *v != 100.0)
            .map(|v| v as u32);
        if fit_to_page {
            let n = |name| number(s, name).unwrap_or(1.0).clamp(0.0, 32767.0) as u32;
            page.fit = Some((n("fitToWidth"), n("fitToHeight")));
        }
        page.over_then_down = s.attr(Ns::None, "pageOrder") == Some("overThenDown");
        page.comments = matches!(
            s.attr(Ns::None, "cellComments"),
            Some("atEnd" | "asDisplayed")
        );
        // Printer options without an ODF form.
        for a in ["blackAndWhite", "draft"] {
            if on(s, a) {
                findings.add(
                    FindingKind::Unsupported {
                        element: ["pageSetup ", a].concat(),
                    },
                    Some(part),
                );
            }
        }
        if on(s, "useFirstPageNumber") {
            page.first_page = number(s, "firstPageNumber")
                .filter(|v| (1.0..=32767.0).contains(v))
                .map(|v| v as u32);
        }
    }
    if let Some(m) = margins {
        let v = |name, default| {
            number(m, name)
                .filter(|v| (0.0..=50.0).contains(v))
                .unwrap_or(default)
        };
        page.margins = Some([
            v("left", 0.7),
            v("right", 0.7),
            v("top", 0.75),
            v("bottom", 0.75),
            v("header", 0.3),
            v("footer", 0.3),
        ]);
    }
    if let Some(o) = options {
        page.grid = on(o, "gridLines") && on(o, "gridLinesSet");
        page.headings = on(o, "headings");
        page.center_h = on(o, "horizontalCentered");
        page.center_v = on(o, "verticalCentered");
    }
    if let Some(hf) = hf {
        let mut lost = |what: &str| {
            findings.add(
                FindingKind::Unsupported {
                    element: ["headerFooter ", what].concat(),
                },
                Some(part),
            );
        };
        let text = |name| hf.child(Ns::X, name).map(|e| e.text());
        page.header = text("oddHeader").map(|t| codes(&t, &mut lost));
        page.footer = text("oddFooter").map(|t| codes(&t, &mut lost));
        // Other pages' headers apply only when the file says they differ.
        if on(hf, "differentOddEven") {
            page.even = Some([
                text("evenHeader").map(|t| codes(&t, &mut lost)),
                text("evenFooter").map(|t| codes(&t, &mut lost)),
            ]);
        }
        if on(hf, "differentFirst") {
            page.first = Some([
                text("firstHeader").map(|t| codes(&t, &mut lost)),
                text("firstFooter").map(|t| codes(&t, &mut lost)),
            ]);
        }
    }
    Some(page)
}

/// Splits a header or footer into its sections and fields (§18.3.1.36): &L, &C, &R start the
/// sections; &P, &N, &D, &T, &A, &F, &Z are fields; && is an ampersand. Font codes (&"name,
/// style", a size, &K colour, &B, &I, &U, &E, &S, &X, &Y) become font changes; pictures (&G)
/// and theme colours are reported.
pub fn codes(s: &str, lost: &mut dyn FnMut(&str)) -> HeaderFooter {
    let mut hf = HeaderFooter::default();
    // The section before any &L/&C/&R is the centre one.
    let mut section = 1;
    let mut text = String::new();
    // Each section starts in the default font.
    let mut font = Font::default();
    let mut written = Font::default();
    let mut picture = false;
    let mut theme_colour = false;
    let mut chars = s.chars().peekable();
    let flush = |hf: &mut HeaderFooter,
                 section: usize,
                 text: &mut String,
                 font: &Font,
                 written: &mut Font| {
        if text.is_empty() {
            return;
        }
        if font != written {
            part(hf, section).push(HfPiece::Font(font.clone()));
            *written = font.clone();
        }
        part(hf, section).push(HfPiece::Text(std::mem::take(text)));
    };
    while let Some(c) = chars.next() {
        if c != '&' {
            text.push(c);
            continue;
        }
        let Some(code) = chars.next() else { break };
        let field = match code {
            '&' => {
                text.push('&');
                continue;
            }
            'L' | 'C' | 'R' => {
                flush(&mut hf, section, &mut text, &font, &mut written);
                section = match code {
                    'L' => 0,
                    'C' => 1,
                    _ => 2,
                };
                font = Font::default();
                written = Font::default();
                continue;
            }
            'P' => HfPiece::PageNumber,
            'N' => HfPiece::PageCount,
            'D' => HfPiece::Date,
            'T' => HfPiece::Time,
            'A' => HfPiece::SheetName,
            'F' => HfPiece::FileName,
            'Z' => HfPiece::FilePath,
            'G' => {
                picture = true;
                continue;
            }
            _ => {
                flush(&mut hf, section, &mut text, &font, &mut written);
                theme_colour |= format_code(code, &mut chars, &mut font);
                continue;
            }
        };
        flush(&mut hf, section, &mut text, &font, &mut written);
        if font != written {
            part(&mut hf, section).push(HfPiece::Font(font.clone()));
            written = font.clone();
        }
        part(&mut hf, section).push(field);
    }
    flush(&mut hf, section, &mut text, &font, &mut written);
    if picture {
        lost("picture (&G)");
    }
    if theme_colour {
        lost("theme colour (&K with a theme index)");
    }
    hf
}

/// Applies one font code to `font`; returns true for a theme colour, which is not resolved.
fn format_code(
    code: char,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    font: &mut Font,
) -> bool {
    match code {
        '"' => {
            // `name,style` up to the closing quote; `-` keeps the current name.
            let mut spec = String::new();
            for n in chars.by_ref() {
                if n == '"' {
                    break;
                }
                spec.push(n);
            }
            let (name, style) = spec.split_once(',').unwrap_or((spec.as_str(), ""));
            if name != "-" && !name.is_empty() {
                font.name = Some(name.to_string());
            }
            let style = style.to_ascii_lowercase();
            if !style.is_empty() {
                font.bold = style.contains("bold");
                font.italic = style.contains("italic") || style.contains("oblique");
            }
        }
        'K' => {
            let colour: String = (0..6)
                .filter_map(|_| {
                    chars.next_if(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '-')
                })
                .collect();
            match Rgb::parse(&colour) {
                Some(c) if !colour.contains(['+', '-']) => font.color = Some(c),
                _ => return true,
            }
        }
        d if d.is_ascii_digit() => {
            let mut size = d.to_string();
            while let Some(n) = chars.next_if(char::is_ascii_digit) {
                size.push(n);
            }
            font.size = size
                .parse::<f64>()
                .ok()
                .filter(|s| (1.0..=409.0).contains(s));
        }
        'B' => font.bold = !font.bold,
        'I' => font.italic = !font.italic,
        'U' => font.underline = toggle(font.underline, Underline::Single),
        'E' => font.underline = toggle(font.underline, Underline::Double),
        'S' => font.strike = !font.strike,
        'X' => font.vert_align = toggle(font.vert_align, VertAlign::Superscript),
        'Y' => font.vert_align = toggle(font.vert_align, VertAlign::Subscript),
        // Outline and shadow (&O, &H) are Mac-only effects without an ODF form in cells.
        _ => {}
    }
    false
}

fn toggle<T: PartialEq>(current: Option<T>, value: T) -> Option<T> {
    if current.as_ref() == Some(&value) {
        None
    } else {
        Some(value)
    }
}

fn part(hf: &mut HeaderFooter, section: usize) -> &mut Vec<HfPiece> {
    match section {
        0 => &mut hf.left,
        1 => &mut hf.center,
        _ => &mut hf.right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_codes_split_into_sections_and_fields() {
        let mut lost = Vec::new();
        let hf = codes(
            "&L&\"Arial,Bold\"&12Report && more&CPage &P of &N&R&D &A",
            &mut |w| lost.push(w.to_string()),
        );
        let arial = Font {
            name: Some("Arial".into()),
            size: Some(12.0),
            bold: true,
            ..Font::default()
        };
        assert_eq!(
            hf.left,
            vec![HfPiece::Font(arial), HfPiece::Text("Report & more".into())]
        );
        assert_eq!(
            hf.center,
            vec![
                HfPiece::Text("Page ".into()),
                HfPiece::PageNumber,
                HfPiece::Text(" of ".into()),
                HfPiece::PageCount
            ]
        );
        assert_eq!(
            hf.right,
            vec![HfPiece::Date, HfPiece::Text(" ".into()), HfPiece::SheetName]
        );
        assert!(lost.is_empty(), "{lost:?}");
        let toggled = codes("&B&Ubold&B plain&K01+000x&G", &mut |w| {
            lost.push(w.to_string())
        });
        let bold = Font {
            bold: true,
            underline: Some(Underline::Single),
            ..Font::default()
        };
        let under = Font {
            underline: Some(Underline::Single),
            ..Font::default()
        };
        assert_eq!(
            toggled.center,
            vec![
                HfPiece::Font(bold),
                HfPiece::Text("bold".into()),
                HfPiece::Font(under),
                HfPiece::Text(" plain".into()),
                HfPiece::Text("x".into())
            ]
        );
        assert_eq!(
            lost,
            vec![
                "picture (&G)".to_string(),
                "theme colour (&K with a theme index)".into()
            ]
        );
        let plain = codes("Confidential", &mut |_| {});
        assert_eq!(plain.center, vec![HfPiece::Text("Confidential".into())]);
    }

    #[test]
    fn page_setup_margins_and_fit() -> Result<(), Box<dyn std::error::Error>> {
        let xml = concat!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<pageSetUpPr fitToPage="1"/>"#,
            r#"<pageMargins left="0.5" right="0.5" top="1" bottom="1" header="0.4" footer="0.4"/>"#,
            r#"<pageSetup paperSize="9" orientation="landscape" scale="80" fitToHeight="0"/>"#,
            r#"<headerFooter differentFirst="1"><oddFooter>&amp;CPage &amp;P</oddFooter>"#,
            r#"<firstHeader>Cover</firstHeader><evenHeader>unused</evenHeader></headerFooter></worksheet>"#
        );
        let root = crate::dom::parse(xml.as_bytes(), "s")?;
        let kept: Vec<Element> = root.elements().cloned().collect();
        let mut findings = Findings::default();
        let page = read(&kept, "s", &mut findings).ok_or("no page")?;
        assert!(page.landscape);
        assert_eq!(page.scale, Some(80));
        assert_eq!(page.fit, Some((1, 0)));
        assert_eq!(page.margins, Some([0.5, 0.5, 1.0, 1.0, 0.4, 0.4]));
        let (w, h) = page.paper.ok_or("no paper")?;
        assert!((w - 8.2677).abs() < 0.001 && (h - 11.6929).abs() < 0.001);
        assert_eq!(
            page.footer.map(|f| f.center),
            Some(vec![HfPiece::Text("Page ".into()), HfPiece::PageNumber])
        );
        assert_eq!(page.even, None);
        let first = page.first.ok_or("no first page")?;
        assert_eq!(
            first[0].as_ref().map(|h| h.center.clone()),
            Some(vec![HfPiece::Text("Cover".into())])
        );
        assert_eq!(first[1], None);
        assert!(read(&[], "s", &mut findings).is_none());
        let brk = concat!(
            r#"<rowBreaks xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<brk id="20" man="1"/><brk id="5" man="1"/><brk id="5"/><brk id="0"/><brk id="x"/></rowBreaks>"#
        );
        assert_eq!(
            breaks(&crate::dom::parse(brk.as_bytes(), "b")?, 100),
            vec![5, 20]
        );
        Ok(())
    }
}
