//! Shared by the benchmarks: the LibreOffice command they compare with, and the measuring of a
//! child process's wall time and peak memory.

// Each benchmark is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `soffice --headless --convert-to FORMAT` on all `inputs` in one process, with its own
/// profile (a help desk would script it so), writing into `out`.
pub fn soffice_convert(profile: &Path, out: &Path, inputs: &[PathBuf], format: &str) -> Command {
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        format,
        "--outdir",
    ])
    .arg(out)
    .args(inputs);
    cmd
}

/// Peak resident set of a running process in kB, from /proc (0 once it has exited).
pub fn vm_hwm(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// The process and all its descendants (soffice is a wrapper script that starts oosplash, which
/// starts soffice.bin), from the parent ids in /proc/PID/stat.
pub fn family(root: u32) -> Vec<u32> {
    let mut parent = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // The command name in parentheses may contain spaces; the fields after it do not.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok());
        if let Some(ppid) = ppid {
            parent.push((pid, ppid));
        }
    }
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let p = out[i];
        out.extend(parent.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    out
}

/// Runs a command to its end; returns the wall time and the peak resident set in kB (the sum
/// of the peaks of the process and its descendants).
pub fn measure(cmd: &mut Command) -> (Duration, u64, std::process::ExitStatus) {
    let t = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut peak = 0;
    loop {
        peak = peak.max(family(child.id()).into_iter().map(vm_hwm).sum());
        if let Some(status) = child.try_wait().unwrap() {
            return (t.elapsed(), peak, status);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
