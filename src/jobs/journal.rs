//! The run journal (`umzug-journal.jsonl`): an append-only record, one JSON line per event,
//! that lets `--resume` continue after a crash, `kill -9` or power loss.
//!
//! A `begin` line is written (and synced) before an output is renamed into place, so a target
//! that exists without its `done` line is known to be ours and may be replaced on resume. A
//! `done` line follows when the file is finished. A line torn by a crash is ignored on reading.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::reports::FileReport;

/// The source as it was when converted: a changed source is converted again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceState {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
enum Line {
    /// A run started (for the history; not needed to resume).
    Run { run: String, started: String },
    /// An output is about to be renamed into place.
    Begin { source: PathBuf, target: PathBuf },
    /// A file is finished.
    Done {
        source: PathBuf,
        state: SourceState,
        file: Box<FileReport>,
    },
}

/// What an earlier run left: finished files by source, and every target it started to write.
#[derive(Debug, Default)]
pub struct Previous {
    pub done: HashMap<PathBuf, (SourceState, FileReport)>,
    pub ours: HashSet<PathBuf>,
}

impl Previous {
    /// Reads a journal; a missing one is an empty history.
    pub fn read(path: &Path) -> std::io::Result<Previous> {
        let mut prev = Previous::default();
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(prev),
            Err(e) => return Err(e),
        };
        for line in BufReader::new(file).split(b'\n') {
            let line = line?;
            // A torn last line (the process died while writing it) does not parse: skip it.
            match serde_json::from_slice::<Line>(&line) {
                Ok(Line::Begin { target, .. }) => {
                    prev.ours.insert(target);
                }
                Ok(Line::Done {
                    source,
                    state,
                    file,
                }) => {
                    if let Some(t) = &file.target {
                        prev.ours.insert(PathBuf::from(t));
                    }
                    prev.done.insert(source, (state, *file));
                }
                Ok(Line::Run { .. }) | Err(_) => {}
            }
        }
        Ok(prev)
    }
}

/// The journal of the current run, shared by the workers.
#[derive(Debug)]
pub struct Journal {
    file: Mutex<File>,
}

impl Journal {
    /// Opens (creating) the journal for appending and records the run's start.
    pub fn open(path: &Path, run: &str, started: &str) -> std::io::Result<Journal> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        let journal = Journal {
            file: Mutex::new(file),
        };
        journal.append(
            &Line::Run {
                run: run.into(),
                started: started.into(),
            },
            false,
        )?;
        Ok(journal)
    }

    /// Records, durably and with one sync, that these targets are about to be renamed into place.
    pub fn begin_all(&self, files: &[(&Path, &Path)]) -> std::io::Result<()> {
        let mut buf = Vec::new();
        for (source, target) in files {
            let line = Line::Begin {
                source: source.to_path_buf(),
                target: target.to_path_buf(),
            };
            serde_json::to_writer(&mut buf, &line).map_err(std::io::Error::other)?;
            buf.push(b'\n');
        }
        self.write(&buf, true)
    }

    /// Records a finished file.
    pub fn done(
        &self,
        source: &Path,
        state: SourceState,
        file: &FileReport,
    ) -> std::io::Result<()> {
        let line = Line::Done {
            source: source.to_path_buf(),
            state,
            file: Box::new(file.clone()),
        };
        self.append(&line, false)
    }

    /// One whole line per write, so lines of different workers never interleave; `sync` makes it
    /// durable before the caller goes on (a rename must never outlive its `begin` line).
    fn append(&self, line: &Line, sync: bool) -> std::io::Result<()> {
        let mut buf = serde_json::to_vec(line).map_err(std::io::Error::other)?;
        buf.push(b'\n');
        self.write(&buf, sync)
    }

    fn write(&self, buf: &[u8], sync: bool) -> std::io::Result<()> {
        let mut file = self
            .file
            .lock()
            .map_err(|_| std::io::Error::other("journal lock poisoned"))?;
        file.write_all(buf)?;
        file.flush()?;
        if sync {
            file.sync_data()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{FileVerdict, Status};

    fn report(source: &str, target: &str) -> FileReport {
        FileReport {
            run: "r1".into(),
            source: source.into(),
            target: Some(target.into()),
            format: "docx".into(),
            bytes: 3,
            status: Status::Converted,
            verdict: FileVerdict::Green,
            error_code: None,
            error: None,
            findings: Vec::new(),
            millis: 1,
        }
    }

    #[test]
    fn reads_back_what_it_wrote_and_skips_a_torn_last_line() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("umzug-journal.jsonl");
        let state = SourceState {
            size: 3,
            mtime_ns: 42,
            sha256: "ab".into(),
        };
        {
            let j = Journal::open(&path, "r1", "2026-11-28T00:00:00Z")?;
            j.begin_all(&[(Path::new("/in/a.docx"), Path::new("/out/a.odt"))])?;
            j.done(
                Path::new("/in/a.docx"),
                state.clone(),
                &report("/in/a.docx", "/out/a.odt"),
            )?;
            j.begin_all(&[(Path::new("/in/b.docx"), Path::new("/out/b.odt"))])?;
        }
        // A crash in the middle of the next line.
        OpenOptions::new()
            .append(true)
            .open(&path)?
            .write_all(b"{\"event\":\"done\",\"source\":\"/in/c.do")?;
        let prev = Previous::read(&path)?;
        assert_eq!(prev.done.len(), 1);
        let (s, f) = &prev.done[Path::new("/in/a.docx")];
        assert_eq!(s, &state);
        assert_eq!(f.target.as_deref(), Some("/out/a.odt"));
        assert!(prev.ours.contains(Path::new("/out/b.odt")));
        assert!(
            Previous::read(&dir.path().join("none.jsonl"))?
                .done
                .is_empty()
        );
        Ok(())
    }
}
