//! The HTML report's words in English and German, and numbers, sizes and durations written the
//! way each language writes them.

use crate::reports::{FileVerdict, Lang, Status};

/// Every fixed text of the page, in one language.
#[derive(Debug)]
pub struct Labels {
    pub title: &'static str,
    pub generated: &'static str,
    pub files: &'static str,
    pub bytes: &'static str,
    pub by_verdict: &'static str,
    pub by_format: &'static str,
    pub by_category: &'static str,
    pub by_category_note: &'static str,
    pub top_findings: &'static str,
    pub top_findings_note: &'static str,
    pub no_findings: &'static str,
    pub file_table: &'static str,
    pub filter: &'static str,
    pub filter_placeholder: &'static str,
    pub all_verdicts: &'static str,
    pub shown: &'static str,
    pub of: &'static str,
    pub sort_hint: &'static str,
    pub runs: &'static str,
    pub verdict: &'static str,
    pub format: &'static str,
    pub category: &'static str,
    pub code: &'static str,
    pub severity: &'static str,
    pub message: &'static str,
    pub example_message: &'static str,
    pub location: &'static str,
    pub count: &'static str,
    pub source: &'static str,
    pub target: &'static str,
    pub status: &'static str,
    pub findings: &'static str,
    pub time: &'static str,
    pub details: &'static str,
    pub error: &'static str,
    pub open_source: &'static str,
    pub open_target: &'static str,
    pub host: &'static str,
    pub started: &'static str,
    pub duration: &'static str,
    pub roots: &'static str,
    pub out: &'static str,
    pub beside: &'static str,
    pub shard: &'static str,
    pub jobs: &'static str,
    pub tool: &'static str,
    pub cancelled: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub total: &'static str,
    pub no_files: &'static str,
}

pub const EN: Labels = Labels {
    title: "Umzug migration report",
    generated: "Generated",
    files: "Files",
    bytes: "Size",
    by_verdict: "By verdict",
    by_format: "By format",
    by_category: "By finding category",
    by_category_note: "Files with at least one finding of the category.",
    top_findings: "Top findings",
    top_findings_note: "Finding codes by the number of files they occur in; see docs/findings.md for what to do.",
    no_findings: "No findings.",
    file_table: "Files",
    filter: "Filter",
    filter_placeholder: "Any text: name, format, code, message …",
    all_verdicts: "All verdicts",
    shown: "shown",
    of: "of",
    sort_hint: "Click a column header to sort; click “Details” to see a file’s findings.",
    runs: "Runs",
    verdict: "Verdict",
    format: "Format",
    category: "Category",
    code: "Code",
    severity: "Severity",
    message: "Message",
    example_message: "Example message",
    location: "Location",
    count: "Count",
    source: "Source",
    target: "Output",
    status: "Status",
    findings: "Findings",
    time: "Time",
    details: "Details",
    error: "Error",
    open_source: "Open source file",
    open_target: "Open output file",
    host: "Host",
    started: "Started",
    duration: "Duration",
    roots: "Folders",
    out: "Output folder",
    beside: "beside the sources",
    shard: "Shard",
    jobs: "Workers",
    tool: "Tool",
    cancelled: "Cancelled",
    yes: "yes",
    no: "no",
    total: "Total",
    no_files: "No files.",
};

pub const DE: Labels = Labels {
    title: "Umzug-Migrationsbericht",
    generated: "Erstellt",
    files: "Dateien",
    bytes: "Größe",
    by_verdict: "Nach Bewertung",
    by_format: "Nach Format",
    by_category: "Nach Befund-Kategorie",
    by_category_note: "Dateien mit mindestens einem Befund der Kategorie.",
    top_findings: "Häufigste Befunde",
    top_findings_note: "Befund-Codes nach der Zahl der Dateien, in denen sie vorkommen; was zu tun ist, steht in docs/findings.md.",
    no_findings: "Keine Befunde.",
    file_table: "Dateien",
    filter: "Filter",
    filter_placeholder: "Beliebiger Text: Name, Format, Code, Meldung …",
    all_verdicts: "Alle Bewertungen",
    shown: "angezeigt",
    of: "von",
    sort_hint: "Zum Sortieren auf eine Spaltenüberschrift klicken; „Details“ zeigt die Befunde einer Datei.",
    runs: "Läufe",
    verdict: "Bewertung",
    format: "Format",
    category: "Kategorie",
    code: "Code",
    severity: "Schwere",
    message: "Meldung",
    example_message: "Beispielmeldung",
    location: "Fundstelle",
    count: "Anzahl",
    source: "Quelle",
    target: "Ergebnis",
    status: "Status",
    findings: "Befunde",
    time: "Zeit",
    details: "Details",
    error: "Fehler",
    open_source: "Quelldatei öffnen",
    open_target: "Ergebnisdatei öffnen",
    host: "Rechner",
    started: "Beginn",
    duration: "Dauer",
    roots: "Ordner",
    out: "Zielordner",
    beside: "neben den Quellen",
    shard: "Teil",
    jobs: "Worker",
    tool: "Programm",
    cancelled: "Abgebrochen",
    yes: "ja",
    no: "nein",
    total: "Gesamt",
    no_files: "Keine Dateien.",
};

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::De => &DE,
    }
}

pub fn verdict(v: FileVerdict, lang: Lang) -> &'static str {
    match (lang, v) {
        (Lang::En, FileVerdict::Green) => "Green",
        (Lang::En, FileVerdict::Yellow) => "Yellow",
        (Lang::En, FileVerdict::Red) => "Red",
        (Lang::En, FileVerdict::Failed) => "Failed",
        (Lang::En, FileVerdict::Skipped) => "Skipped",
        (Lang::De, FileVerdict::Green) => "Grün",
        (Lang::De, FileVerdict::Yellow) => "Gelb",
        (Lang::De, FileVerdict::Red) => "Rot",
        (Lang::De, FileVerdict::Failed) => "Fehlgeschlagen",
        (Lang::De, FileVerdict::Skipped) => "Übersprungen",
    }
}

/// A verdict named in a finding record or a summary key (a string from the data); unknown ones
/// are shown as they are.
pub fn verdict_str(v: &str, lang: Lang) -> String {
    FileVerdict::ALL
        .iter()
        .find(|x| x.label() == v)
        .map(|x| verdict(*x, lang).to_string())
        .unwrap_or_else(|| v.to_string())
}

pub fn status(s: Status, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::En, Status::Converted) => "converted",
        (Lang::En, Status::Resumed) => "resumed",
        (Lang::En, Status::Skipped) => "skipped",
        (Lang::En, Status::Unsupported) => "unsupported",
        (Lang::En, Status::Failed) => "failed",
        (Lang::De, Status::Converted) => "umgewandelt",
        (Lang::De, Status::Resumed) => "fortgesetzt",
        (Lang::De, Status::Skipped) => "übersprungen",
        (Lang::De, Status::Unsupported) => "nicht unterstützt",
        (Lang::De, Status::Failed) => "fehlgeschlagen",
    }
}

/// The catalogue's categories (`converters/src/findings.rs`); unknown ones as they are.
pub fn category(c: &str, lang: Lang) -> String {
    let de = match c {
        "format" => "Format",
        "macros" => "Makros",
        "protection" => "Schutz",
        "structure" => "Struktur",
        "content" => "Inhalt",
        "fonts" => "Schriften",
        _ => return c.to_string(),
    };
    match lang {
        Lang::De => de.to_string(),
        Lang::En => {
            let mut s = c.to_string();
            if let Some(first) = s.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            s
        }
    }
}

pub fn severity(s: &str, lang: Lang) -> String {
    match (lang, s) {
        (Lang::De, "info") => "Hinweis".into(),
        (Lang::De, "warning") => "Warnung".into(),
        (Lang::De, "error") => "Fehler".into(),
        _ => s.to_string(),
    }
}

/// `1234567` → `1,234,567` / `1.234.567`.
pub fn number(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ',',
        Lang::De => '.',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A decimal with one digit, with the language's decimal mark.
fn decimal(v: f64, lang: Lang) -> String {
    let s = format!("{v:.1}");
    match lang {
        Lang::En => s,
        Lang::De => s.replace('.', ","),
    }
}

/// `1234567` → `1.2 MB` / `1,2 MB` (decimal units, as the scan output).
pub fn bytes(n: u64, lang: Lang) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1000.0 && unit < UNITS.len() - 1 {
        v /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{} {}", decimal(v, lang), UNITS[unit])
    }
}

/// `61500` ms → `1 min 2 s`; under a minute `2.5 s` / `2,5 s`.
pub fn duration(ms: u64, lang: Lang) -> String {
    if ms < 60_000 {
        return format!("{} s", decimal(ms as f64 / 1000.0, lang));
    }
    let s = (ms + 500) / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h} h {m} min")
    } else {
        format!("{m} min {s} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(number(0, Lang::En), "0");
        assert_eq!(number(999, Lang::De), "999");
        assert_eq!(number(1_234_567, Lang::En), "1,234,567");
        assert_eq!(number(1_234_567, Lang::De), "1.234.567");
        assert_eq!(bytes(999, Lang::En), "999 B");
        assert_eq!(bytes(1_250_000, Lang::En), "1.2 MB");
        assert_eq!(bytes(1_250_000, Lang::De), "1,2 MB");
        assert_eq!(duration(2_500, Lang::De), "2,5 s");
        assert_eq!(duration(61_500, Lang::En), "1 min 2 s");
        assert_eq!(duration(7_300_000, Lang::En), "2 h 1 min");
    }

    #[test]
    fn names_of_data_strings() {
        assert_eq!(category("macros", Lang::De), "Makros");
        assert_eq!(category("macros", Lang::En), "Macros");
        assert_eq!(category("<x>", Lang::En), "<x>");
        assert_eq!(verdict_str("red", Lang::De), "Rot");
        assert_eq!(verdict_str("purple", Lang::De), "purple");
        assert_eq!(severity("warning", Lang::De), "Warnung");
    }
}
