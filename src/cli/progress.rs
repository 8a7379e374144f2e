//! Drawing the engine's progress events: an indicatif bar on a terminal, JSON lines with
//! `--json`, and one line per failed file otherwise (a log that scripts can keep).

use std::io::Write;

use indicatif::{ProgressBar, ProgressStyle};

use crate::jobs::Event;
use crate::reports::FileVerdict;

#[derive(Debug)]
pub struct Progress {
    json: bool,
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(json: bool, terminal: bool) -> Progress {
        Progress {
            json,
            bar: (!json && terminal).then(ProgressBar::hidden),
        }
    }

    pub fn event(&mut self, event: &Event<'_>) {
        if self.json {
            // One event per line; a closed stdout (`| head`) must not stop the run.
            if let Ok(line) = serde_json::to_string(event) {
                let _ = writeln!(std::io::stdout().lock(), "{line}");
            }
            return;
        }
        match event {
            Event::Started { files, .. } => {
                if let Some(bar) = &mut self.bar {
                    *bar = ProgressBar::new(*files as u64);
                    let style = ProgressStyle::with_template(
                        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files ({eta} left) {msg}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
                    bar.set_style(style);
                }
            }
            Event::FileDone { file, .. } => {
                if file.verdict == FileVerdict::Failed {
                    let line = format!(
                        "failed  {}: {}",
                        file.source,
                        file.error.as_deref().unwrap_or_default()
                    );
                    match &self.bar {
                        Some(bar) => bar.println(line),
                        None => eprintln!("{line}"),
                    }
                }
                if let Some(bar) = &self.bar {
                    bar.inc(1);
                }
            }
            Event::Finished { .. } => {}
        }
    }

    pub fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
