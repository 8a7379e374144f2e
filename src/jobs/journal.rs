//! The run journal (`umzug-journal.jsonl`): an append-only record, one JSON line per event,
//! that lets `--resume` continue after a crash, `kill -9` or power loss.
//!
//! A `begin` line is written (and synced) before an output is renamed into place, so a target
//! that exists without its `done` line is known to be ours and may be replaced on resume; an
//! `abort` line withdraws it when the rename did not happen. A `done` line follows when the file
//! is finished, with what was written, so a resume replaces an earlier output only while it is
//! still exactly what Umzug wrote (never one a person has edited since). A line torn by a crash
//! is ignored on reading. The journal is locked while a run uses it.

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

/// An output as Umzug wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputState {
    pub size: u64,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
}

impl OutputState {
    pub fn of(bytes: &[u8]) -> OutputState {
        OutputState {
            size: bytes.len() as u64,
            sha256: super::work::sha256_hex(bytes),
        }
    }

    /// Whether the file at `path` is still exactly this output.
    fn matches(&self, path: &Path) -> bool {
        std::fs::metadata(path).is_ok_and(|m| m.len() == self.size)
            && std::fs::read(path).is_ok_and(|b| super::work::sha256_hex(&b) == self.sha256)
    }
}

/// Paths in the journal: a UTF-8 path as a string, any other as `{"bytes": base64}` of its
/// bytes, so a file name from an old Windows code page survives the round trip.
mod path_codec {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    use std::path::{Path, PathBuf};

    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Bytes { bytes: String },
    }

    const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

    pub fn serialize<S: Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
        match p.to_str() {
            Some(t) => Repr::Text(t.to_string()),
            None => Repr::Bytes {
                bytes: B64.encode(p.as_os_str().as_bytes()),
            },
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        match Repr::deserialize(d)? {
            Repr::Text(t) => Ok(PathBuf::from(t)),
            Repr::Bytes { bytes } => B64
                .decode(bytes)
                .map(|b| PathBuf::from(std::ffi::OsString::from_vec(b)))
                .map_err(serde::de::Error::custom),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
enum Line {
    /// A run started (for the history; not needed to resume).
    Run { run: String, started: String },
    /// An output is about to be renamed into place.
    Begin {
        #[serde(with = "path_codec")]
        source: PathBuf,
        #[serde(with = "path_codec")]
        target: PathBuf,
    },
    /// The rename after `begin` did not happen (the target appeared meanwhile, or failed).
    Abort {
        #[serde(with = "path_codec")]
        target: PathBuf,
    },
    /// A file is finished.
    Done {
        #[serde(with = "path_codec")]
        source: PathBuf,
        state: SourceState,
        /// What was written to the report's target, for a converted file.
        #[serde(default)]
        output: Option<OutputState>,
        file: Box<FileReport>,
    },
}

/// What earlier runs left.
#[derive(Debug, Default)]
pub struct Previous {
    /// Finished files by source.
    pub done: HashMap<PathBuf, (SourceState, FileReport)>,
    /// Targets with a `begin` but neither `done` nor `abort`: a run died around the rename.
    pending: HashSet<PathBuf>,
    /// Outputs written, by target.
    written: HashMap<PathBuf, OutputState>,
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
                    prev.pending.insert(target);
                }
                Ok(Line::Abort { target }) => {
                    prev.pending.remove(&target);
                }
                Ok(Line::Done {
                    source,
                    state,
                    output,
                    file,
                }) => {
                    if let Some(t) = &file.target {
                        let t = PathBuf::from(t);
                        prev.pending.remove(&t);
                        if let Some(o) = output {
                            prev.written.insert(t, o);
                        }
                    }
                    prev.done.insert(source, (state, *file));
                }
                Ok(Line::Run { .. }) | Err(_) => {}
            }
        }
        Ok(prev)
    }

    /// Whether an existing `target` is Umzug's own and may be replaced without `--overwrite`:
    /// a run died between its `begin` and `done`, or it is still byte for byte what a run wrote.
    pub fn may_replace(&self, target: &Path) -> bool {
        self.pending.contains(target) || self.written.get(target).is_some_and(|o| o.matches(target))
    }
}

/// The journal of the current run, shared by the workers and the committer.
#[derive(Debug)]
pub struct Journal {
    file: Mutex<File>,
}

impl Journal {
    /// Opens (creating) the journal for appending, locks it against a second run on the same
    /// output, and records the run's start.
    pub fn open(path: &Path, run: &str, started: &str) -> std::io::Result<Journal> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        file.try_lock().map_err(|e| match e {
            std::fs::TryLockError::WouldBlock => std::io::Error::new(
                std::io::ErrorKind::ResourceBusy,
                "another umzug run is using this output folder (its journal is locked)",
            ),
            std::fs::TryLockError::Error(e) => e,
        })?;
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

    /// Ends the run's hold on the journal. Threads may outlive a run briefly (or, hung, for
    /// good) and keep the file open; the lock must not outlive the run with them.
    pub fn release(&self) {
        if let Ok(file) = self.file.lock() {
            let _ = file.sync_data();
            let _ = file.unlock();
        }
    }

    /// Withdraws a `begin`: the target was not renamed into place.
    pub fn abort(&self, target: &Path) -> std::io::Result<()> {
        let line = Line::Abort {
            target: target.to_path_buf(),
        };
        self.append(&line, true)
    }

    /// Records a finished file.
    pub fn done(
        &self,
        source: &Path,
        state: SourceState,
        output: Option<OutputState>,
        file: &FileReport,
    ) -> std::io::Result<()> {
        let line = Line::Done {
            source: source.to_path_buf(),
            state,
            output,
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
        let out = |name: &str| dir.path().join(name);
        std::fs::write(out("a.odt"), b"ODF")?;
        std::fs::write(out("c.odt"), b"ODF")?;
        {
            let j = Journal::open(&path, "r1", "2026-11-28T00:00:00Z")?;
            j.begin_all(&[(Path::new("/in/a.docx"), &out("a.odt"))])?;
            let report = report("/in/a.docx", &out("a.odt").to_string_lossy());
            j.done(
                Path::new("/in/a.docx"),
                state.clone(),
                Some(OutputState::of(b"ODF")),
                &report,
            )?;
            // Died between rename and done.
            j.begin_all(&[(Path::new("/in/b.docx"), &out("b.odt"))])?;
            // The rename did not happen.
            j.begin_all(&[(Path::new("/in/c.docx"), &out("c.odt"))])?;
            j.abort(&out("c.odt"))?;
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
        assert_eq!(
            f.target.as_deref(),
            Some(out("a.odt").to_string_lossy().as_ref())
        );
        assert!(prev.may_replace(&out("a.odt")), "still what we wrote");
        assert!(prev.may_replace(&out("b.odt")), "begun, never finished");
        assert!(!prev.may_replace(&out("c.odt")), "aborted: someone else's");
        assert!(!prev.may_replace(&out("x.odt")), "never ours");
        // Edited by a person since: no longer ours to replace.
        std::fs::write(out("a.odt"), b"EDITED")?;
        assert!(!prev.may_replace(&out("a.odt")));
        assert!(
            Previous::read(&dir.path().join("none.jsonl"))?
                .done
                .is_empty()
        );
        Ok(())
    }

    #[test]
    fn paths_that_are_not_utf8_round_trip() -> std::io::Result<()> {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("j.jsonl");
        let source = PathBuf::from(std::ffi::OsStr::from_bytes(b"/in/caf\xe9.docx"));
        let target = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9.odt"));
        {
            let j = Journal::open(&path, "r1", "t")?;
            j.begin_all(&[(&source, &target)])?;
            let state = SourceState {
                size: 1,
                mtime_ns: 1,
                sha256: "00".into(),
            };
            j.done(&source, state, None, &report("x", "y"))?;
        }
        let prev = Previous::read(&path)?;
        assert!(prev.done.contains_key(&source));
        Ok(())
    }

    #[test]
    fn a_second_run_on_the_same_journal_is_refused() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("j.jsonl");
        let _first = Journal::open(&path, "r1", "t")?;
        let second = Journal::open(&path, "r2", "t");
        assert_eq!(
            second.err().map(|e| e.kind()),
            Some(std::io::ErrorKind::ResourceBusy)
        );
        Ok(())
    }
}
