//! Drawing the engine's progress events: an indicatif bar on a terminal, JSON lines with
//! `--json`, and one line per failed file otherwise (a log that scripts can keep).
//! Files that have no converter yet are counted in the closing summary rather than listed.

use std::io::Write;

use indicatif::{ProgressBar, ProgressStyle};

use crate::jobs::Event;
use crate::reports::Status;

#[derive(Debug)]
pub struct Progress {
    json: bool,
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(json: bool, terminal: bool) -> Progress {
        // Planning walks the whole tree first; a spinner shows it is working.
        let bar = (!json && terminal).then(|| {
            let spinner = ProgressBar::new_spinner().with_message("finding documents ...");
            spinner.enable_steady_tick(std::time::Duration::from_millis(100));
            spinner
        });
        Progress { json, bar }
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
                    bar.finish_and_clear();
                    *bar = ProgressBar::new(*files as u64);
                    let style = ProgressStyle::with_template(
                        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files ({eta} left) {msg}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
                    bar.set_style(style);
                }
            }
            Event::FileDone { file, .. } => {
                // Files without a converter are counted in the summary, not listed one by one.
                if file.status == Status::Failed {
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
