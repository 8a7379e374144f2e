//! Merging reports from many machines or shards into one: runs and files concatenated, each run
//! and each (run, source) entry counted once however often it is read, the summary rebuilt.

use std::collections::HashSet;

use super::model::{Report, SCHEMA, SCHEMA_VERSION};

/// Why reports could not be merged.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MergeError {
    #[error("nothing to merge")]
    Empty,
    #[error(
        "report {index} is schema {schema:?} version {version}; this Umzug merges \
         {SCHEMA:?} up to version {SCHEMA_VERSION}"
    )]
    Schema {
        index: usize,
        schema: String,
        version: u32,
    },
}

/// Merges the reports in order; `generated` is the new report's timestamp (RFC 3339, UTC).
///
/// The first occurrence of a run id, and of a (run, source) pair, wins: reading the same report
/// twice (or two copies of one shard's report) changes nothing. Different runs over the same
/// source stay separate entries, since each is a real conversion with its own outcome.
pub fn merge(reports: Vec<Report>, generated: String) -> Result<Report, MergeError> {
    if reports.is_empty() {
        return Err(MergeError::Empty);
    }
    for (index, r) in reports.iter().enumerate() {
        if r.schema != SCHEMA || r.version > SCHEMA_VERSION {
            return Err(MergeError::Schema {
                index,
                schema: r.schema.clone(),
                version: r.version,
            });
        }
    }
    let mut run_ids = HashSet::new();
    let mut entries = HashSet::new();
    let mut runs = Vec::new();
    let mut files = Vec::new();
    for report in reports {
        for run in report.runs {
            if run_ids.insert(run.id.clone()) {
                runs.push(run);
            }
        }
        for file in report.files {
            if entries.insert((file.run.clone(), file.source.clone())) {
                files.push(file);
            }
        }
    }
    // Runs in the order they started, so the list reads as a timeline; ties keep input order.
    runs.sort_by(|a, b| a.started.cmp(&b.started));
    Ok(Report::new(runs, files, generated))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::testdata::{file, run, sample_report};

    fn shard(run_id: &str, started: &str, sources: &[&str]) -> Report {
        let mut info = run(run_id, "pc");
        info.started = started.into();
        Report::new(
            vec![info],
            sources.iter().map(|s| file(run_id, s, vec![])).collect(),
            started.into(),
        )
    }

    #[test]
    fn concatenates_and_rebuilds_the_summary() -> Result<(), MergeError> {
        let a = shard("b-run", "2026-11-27T10:00:00Z", &["/x/2.docx", "/x/1.docx"]);
        let b = sample_report();
        let merged = merge(vec![a, b.clone()], "2026-11-28T00:00:00Z".into())?;
        assert_eq!(merged.generated, "2026-11-28T00:00:00Z");
        let ids: Vec<&str> = merged.runs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["run-1", "b-run"], "sorted by start time");
        assert_eq!(merged.files.len(), 2 + b.files.len());
        assert_eq!(merged.summary.files, 5);
        assert_eq!(merged.summary.bytes, 5 * 12_345);
        assert_eq!(merged.summary.by_verdict.get("green"), Some(&3));
        assert_eq!(merged.summary.by_verdict.get("red"), Some(&1));
        assert_eq!(merged.summary.by_verdict.get("failed"), Some(&1));
        assert_eq!(merged.summary.by_format.get("docx"), Some(&4));
        assert_eq!(merged.summary.by_code.get("fonts.missing"), Some(&1));
        let sources: Vec<&str> = merged.files.iter().map(|f| f.source.as_str()).collect();
        let mut sorted = sources.clone();
        sorted.sort_unstable();
        assert_eq!(sources, sorted);
        Ok(())
    }

    #[test]
    fn the_same_run_read_twice_counts_once() -> Result<(), MergeError> {
        let a = shard("r1", "2026-11-27T10:00:00Z", &["/x/1.docx", "/x/2.docx"]);
        let merged = merge(vec![a.clone(), a.clone()], "now".into())?;
        assert_eq!(merged.runs.len(), 1);
        assert_eq!(merged.files.len(), 2);
        assert_eq!(merged.summary, a.summary);
        // The same source converted by another run is another entry.
        let b = shard("r2", "2026-11-27T11:00:00Z", &["/x/1.docx"]);
        let merged = merge(vec![a, b], "now".into())?;
        assert_eq!(merged.runs.len(), 2);
        assert_eq!(merged.summary.files, 3);
        Ok(())
    }

    #[test]
    fn rejects_another_schema_and_nothing() {
        let mut other = sample_report();
        other.schema = "umzug-scan".into();
        let err = merge(vec![sample_report(), other], "now".into());
        assert!(
            matches!(err, Err(MergeError::Schema { index: 1, .. })),
            "{err:?}"
        );
        let mut newer = sample_report();
        newer.version = SCHEMA_VERSION + 1;
        assert!(merge(vec![newer], "now".into()).is_err());
        assert_eq!(merge(vec![], "now".into()), Err(MergeError::Empty));
    }
}
