//! `umzug-report.json`: the report model written as it is (schema: docs/report-json.md), and read
//! back with a check of its `schema` and `version` before anything else is trusted.

use std::io::{self, Write};
use std::path::Path;

use super::model::{Report, SCHEMA, SCHEMA_VERSION};

/// Why a report file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path} is not valid JSON: {source}")]
    Json {
        path: String,
        source: serde_json::Error,
    },
    #[error("{path} is not an Umzug report (schema {found:?}, expected {SCHEMA:?})")]
    Schema { path: String, found: String },
    #[error(
        "{path} is report version {found}, newer than this Umzug reads ({SCHEMA_VERSION}); \
         use a newer Umzug"
    )]
    Version { path: String, found: u64 },
    #[error("{path} does not match the report schema version {version}: {source}")]
    Shape {
        path: String,
        version: u64,
        source: serde_json::Error,
    },
}

/// Writes the report as pretty-printed JSON with a final newline.
pub fn write_json(report: &Report, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}

/// Parses a report; `name` is used in error messages (a path, or `-`).
///
/// The `schema` and `version` fields are checked on the untyped document first, so a newer
/// report whose fields changed gets "newer version" rather than a confusing missing-field error.
pub fn parse_json(bytes: &[u8], name: &str) -> Result<Report, ReadError> {
    let path = name.to_string();
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|source| ReadError::Json {
            path: path.clone(),
            source,
        })?;
    let schema = value.get("schema").and_then(|s| s.as_str()).unwrap_or("");
    if schema != SCHEMA {
        return Err(ReadError::Schema {
            path,
            found: schema.to_string(),
        });
    }
    // A missing or non-numeric version reads as 0, which the typed parse below then rejects.
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(SCHEMA_VERSION) {
        return Err(ReadError::Version {
            path,
            found: version,
        });
    }
    serde_json::from_value(value).map_err(|source| ReadError::Shape {
        path,
        version,
        source,
    })
}

/// Reads and checks a report file.
pub fn read_json(path: &Path) -> Result<Report, ReadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: name.clone(),
        source,
    })?;
    parse_json(&bytes, &name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::testdata::sample_report;

    #[test]
    fn round_trips_the_model() -> Result<(), Box<dyn std::error::Error>> {
        let report = sample_report();
        let mut buf = Vec::new();
        write_json(&report, &mut buf)?;
        assert!(buf.ends_with(b"}\n"));
        let text = String::from_utf8(buf)?;
        assert!(text.contains("\n  \"schema\": \"umzug-report\""), "{text}");
        assert_eq!(parse_json(text.as_bytes(), "r.json")?, report);
        Ok(())
    }

    #[test]
    fn rejects_other_schema_and_newer_version() -> Result<(), Box<dyn std::error::Error>> {
        let mut value = serde_json::to_value(sample_report())?;
        value["schema"] = "umzug-scan".into();
        let err = parse_json(&serde_json::to_vec(&value)?, "a.json");
        assert!(
            matches!(&err, Err(ReadError::Schema { found, .. }) if found == "umzug-scan"),
            "{err:?}"
        );

        value["schema"] = SCHEMA.into();
        value["version"] = (SCHEMA_VERSION + 1).into();
        // A newer report may have renamed fields; the version error must win over the shape.
        value["files"] = "changed".into();
        let err = parse_json(&serde_json::to_vec(&value)?, "b.json");
        let message = err
            .as_ref()
            .map(|_| String::new())
            .unwrap_or_else(|e| e.to_string());
        assert!(matches!(err, Err(ReadError::Version { found: 2, .. })));
        assert!(
            message.contains("b.json") && message.contains("newer"),
            "{message}"
        );

        value["version"] = SCHEMA_VERSION.into();
        let err = parse_json(&serde_json::to_vec(&value)?, "c.json");
        assert!(matches!(err, Err(ReadError::Shape { .. })), "{err:?}");

        let err = parse_json(b"{not json", "d.json");
        assert!(matches!(err, Err(ReadError::Json { .. })), "{err:?}");
        let err = parse_json(b"[1, 2]", "e.json");
        assert!(matches!(err, Err(ReadError::Schema { .. })), "{err:?}");
        Ok(())
    }

    #[test]
    fn the_documented_example_reads() -> Result<(), Box<dyn std::error::Error>> {
        let doc = include_str!("../../docs/report-json.md");
        let start = doc.find("```json\n").ok_or("no example")? + "```json\n".len();
        let end = start + doc[start..].find("```").ok_or("unterminated example")?;
        let report = parse_json(&doc.as_bytes()[start..end], "docs/report-json.md")?;
        assert_eq!(
            report.summary,
            crate::reports::Summary::build(&report.files)
        );
        assert_eq!(report.runs.len(), 1);
        assert_eq!(report.files.len(), 2);
        // Every field of the model is in the example: writing it again gives the same keys.
        let written: serde_json::Value = serde_json::to_value(&report)?;
        let example: serde_json::Value = serde_json::from_str(&doc[start..end])?;
        assert_eq!(written, example);
        Ok(())
    }
}
