//! The human-readable scan output: a summary table by format, then the files that need attention.

use std::io::{self, Write};

use crate::scan::{Action, FileEntry, ScanReport};

/// `1234567` → `1.2 MB`, as the reports write sizes.
pub fn human_bytes(n: u64) -> String {
    crate::reports::human_bytes(n, crate::reports::Lang::En)
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn write_human(out: &mut impl Write, r: &ScanReport) -> io::Result<()> {
    let s = &r.summary;
    writeln!(
        out,
        "Scanned {}: {} ({}) and {}, in {:.2} s.",
        plural(r.roots.len() as u64, "path", "paths"),
        plural(s.documents, "document", "documents"),
        human_bytes(s.bytes),
        plural(s.other_files, "other file", "other files"),
        r.duration_ms as f64 / 1000.0
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<18} {:>7} {:>10} {:>7} {:>10} {:>10}  Planned action",
        "Format", "Files", "Size", "Macros", "Encrypted", "Templates"
    )?;
    for (format, g) in &s.by_format {
        let actions: Vec<String> = g
            .actions
            .iter()
            .map(|(a, n)| {
                if g.actions.len() == 1 {
                    a.label().to_string()
                } else {
                    format!("{} ({n})", a.label())
                }
            })
            .collect();
        writeln!(
            out,
            "{:<18} {:>7} {:>10} {:>7} {:>10} {:>10}  {}",
            format,
            g.count,
            human_bytes(g.bytes),
            g.macros,
            g.encrypted,
            g.templates,
            actions.join(", ")
        )?;
    }
    writeln!(
        out,
        "{:<18} {:>7} {:>10} {:>7} {:>10} {:>10}",
        "Total",
        s.documents,
        human_bytes(s.bytes),
        s.macros,
        s.encrypted,
        s.templates
    )?;

    let attention: Vec<&FileEntry> = r.files.iter().filter(|f| f.needs_attention()).collect();
    if !attention.is_empty() {
        writeln!(out)?;
        writeln!(out, "Needs attention ({}):", attention.len())?;
        for f in attention {
            let tag = match f.action {
                Action::Error => "ERROR",
                Action::NeedsPassword => "PASSWORD",
                _ if f.macros => "MACROS",
                _ => "CHECK",
            };
            writeln!(out, "  {tag:<9} {}", f.path)?;
            if let Some(e) = &f.error {
                writeln!(out, "            {e}")?;
            }
            for finding in &f.findings {
                if finding.severity() >= umzug_converters::Severity::Warning {
                    writeln!(out, "            {}", finding.kind.message())?;
                }
            }
        }
    }
    if !r.skipped.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Not scanned ({}; use --include-hidden to scan them):",
            plural(r.skipped.len() as u64, "folder", "folders")
        )?;
        for k in &r.skipped {
            writeln!(out, "  {:<14} {}", k.reason, k.path)?;
        }
    }
    if !r.errors.is_empty() {
        writeln!(out)?;
        writeln!(out, "Could not be read ({}):", r.errors.len())?;
        for e in &r.errors {
            writeln!(out, "  {}\n            {}", e.path, e.error)?;
        }
    }
    Ok(())
}
