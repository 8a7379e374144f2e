//! `umzug convert PATH... --out DIR`: converts every Word document under the paths, mirroring
//! each file's path relative to its PATH under DIR. (The batch engine of a later issue replaces
//! the loop; the safety rules are the same: sources are only read, targets are written to a
//! temporary file and renamed, existing files are kept unless `--overwrite`.)

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde::Serialize;
use umzug_converters::{ConvertError, ConvertOptions, Finding, Format, can_convert, convert};

use crate::scan::is_system_folder;

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// Files or folders to convert.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output folder; each file's path relative to its PATH is mirrored below it.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace existing output files.
    #[arg(long)]
    pub overwrite: bool,
    /// Print one JSON document with every file's result.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct FileResult {
    source: String,
    target: Option<String>,
    format: Option<Format>,
    status: &'static str,
    error: Option<String>,
    findings: Vec<Finding>,
    millis: u64,
}

fn sources(args: &ConvertArgs) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for root in &args.paths {
        if root.is_file() {
            let name = root.file_name().map(PathBuf::from).unwrap_or_default();
            out.push((root.clone(), name));
            continue;
        }
        let walker = walkdir::WalkDir::new(root).into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || is_system_folder(&name))
        });
        for e in walker.flatten() {
            if e.file_type().is_file() {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(e.path())
                    .to_path_buf();
                out.push((e.into_path(), rel));
            }
        }
    }
    out.sort();
    out
}

fn claimed(path: &Path) -> Option<Format> {
    path.extension()
        .and_then(|e| Format::from_extension(&e.to_string_lossy()))
}

fn convert_one(src: &Path, rel: &Path, args: &ConvertArgs) -> Option<FileResult> {
    let started = std::time::Instant::now();
    let ext = src
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let mut result = FileResult {
        source: src.to_string_lossy().into_owned(),
        target: None,
        format: claimed(src),
        status: "failed",
        error: None,
        findings: Vec::new(),
        millis: 0,
    };
    let file = match std::fs::File::open(src) {
        Ok(f) => f,
        Err(e) => {
            result.error = Some(format!("cannot open: {e}"));
            return Some(result);
        }
    };
    let reader = std::io::BufReader::new(file);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        convert(reader, ext.as_deref(), ConvertOptions::default())
    }));
    match outcome {
        Ok(Ok(c)) => {
            result.format = Some(c.format);
            result.findings = c.findings;
            let target = args.out.join(rel).with_extension(c.extension);
            match write_target(&target, &c.odf, args.overwrite) {
                Ok(true) => result.status = "converted",
                Ok(false) => {
                    result.status = "skipped";
                    result.error = Some("the target exists (use --overwrite to replace it)".into());
                }
                Err(e) => result.error = Some(format!("cannot write {}: {e}", target.display())),
            }
            result.target = Some(target.to_string_lossy().into_owned());
        }
        Ok(Err(ConvertError::Unsupported(_) | ConvertError::NotADocument))
            if !claimed(src).is_some_and(can_convert) =>
        {
            return None;
        }
        Ok(Err(e)) => result.error = Some(e.to_string()),
        Err(_) => result.error = Some("internal error (a bug in Umzug; please report it)".into()),
    }
    result.millis = started.elapsed().as_millis() as u64;
    Some(result)
}

/// Writes to a temporary file in the target folder, then renames it into place; returns false
/// when the target exists and may not be replaced.
fn write_target(target: &Path, data: &[u8], overwrite: bool) -> std::io::Result<bool> {
    use std::io::Write;
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    if !overwrite && target.exists() {
        return Ok(false);
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".umzug-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(data)?;
    tmp.as_file().sync_all()?;
    if overwrite {
        tmp.persist(target).map_err(|e| e.error)?;
    } else {
        match tmp.persist_noclobber(target) {
            Ok(_) => {}
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
            Err(e) => return Err(e.error),
        }
    }
    Ok(true)
}

pub fn run(args: ConvertArgs) -> ExitCode {
    let list = sources(&args);
    let results: Vec<FileResult> = list
        .par_iter()
        .filter_map(|(src, rel)| convert_one(src, rel, &args))
        .collect();
    let failed = results.iter().filter(|r| r.status == "failed").count();
    if args.json {
        let doc = serde_json::json!({
            "version": 1,
            "files": results,
            "summary": {
                "converted": results.iter().filter(|r| r.status == "converted").count(),
                "skipped": results.iter().filter(|r| r.status == "skipped").count(),
                "failed": failed,
            }
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else {
        for r in &results {
            match (&r.target, &r.error) {
                (Some(t), None) => println!("converted  {} -> {t}", r.source),
                (_, Some(e)) => println!("{:<10} {}\n           {e}", r.status, r.source),
                _ => {}
            }
        }
        println!(
            "{} converted, {} skipped, {failed} failed",
            results.iter().filter(|r| r.status == "converted").count(),
            results.iter().filter(|r| r.status == "skipped").count()
        );
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
