//! Shared by the benchmarks: the LibreOffice command they compare with.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `soffice --headless --convert-to odt` on all `inputs` in one process, with its own profile
/// (a help desk would script it so), writing into `out`.
pub fn soffice_to_odt(profile: &Path, out: &Path, inputs: &[PathBuf]) -> Command {
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        "odt",
        "--outdir",
    ])
    .arg(out)
    .args(inputs);
    cmd
}
