//! Planning a run: which files to convert, where each output goes, and which share of the
//! files this machine takes (`--shard K/N`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use umzug_converters::{Finding, Format};

use crate::scan::{Action, FileEntry, PathError, ScanOptions, inventory, probe};

/// Where outputs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Mirror each file's path relative to its root under this folder.
    Out(PathBuf),
    /// Next to the source: `report.docx` → `report.odt`.
    Beside,
}

/// `--shard K/N`: this run takes the files whose path hash falls in share K of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u32,
    pub n: u32,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("expected K/N with 1 <= K <= N (like 2/8), got {s:?}");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k: u32 = k.trim().parse().map_err(|_| bad())?;
        let n: u32 = n.trim().parse().map_err(|_| bad())?;
        if k == 0 || n == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

impl Shard {
    /// Whether this shard takes the file with this key (its path relative to its root, with `/`
    /// separators). FNV-1a is fixed by its definition, so every machine and every Umzug version
    /// splits the same tree the same way (std's hasher is seeded per process).
    pub fn takes(&self, key: &str) -> bool {
        fnv1a(key) % u64::from(self.n) == u64::from(self.k - 1)
    }

    /// A suffix for the files one shard writes into a shared output folder.
    pub fn file_suffix(&self) -> String {
        format!(".shard-{}-of-{}", self.k, self.n)
    }
}

/// FNV-1a, 64 bits: fixed by its definition, unlike std's per-process seeded hasher.
pub fn fnv1a(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// What the run will do with a planned file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planned {
    Convert,
    /// No converter for this format yet.
    Unsupported,
    /// Known not to convert before reading it whole (encrypted, damaged, unreadable).
    Failed {
        code: &'static str,
        message: String,
    },
}

/// One file of the plan.
#[derive(Debug, Clone)]
pub struct Item {
    pub source: PathBuf,
    /// The source path for reports (lossy where the name is not UTF-8).
    pub display: String,
    pub target: Option<PathBuf>,
    pub format: Format,
    pub bytes: u64,
    pub planned: Planned,
    /// What detection found (encryption, macros, ...), for files that are not converted.
    pub findings: Vec<Finding>,
}

/// The plan: items largest first, and paths that could not be walked.
#[derive(Debug, Default)]
pub struct Plan {
    pub items: Vec<Item>,
    pub errors: Vec<PathError>,
}

/// The ODF extension a format converts to.
fn odf_extension(format: Format) -> &'static str {
    use umzug_converters::Family;
    match (format.family(), format.is_template()) {
        (Family::Spreadsheet, false) => "ods",
        (Family::Spreadsheet, true) => "ots",
        (Family::Presentation, false) => "odp",
        (Family::Presentation, true) => "otp",
        (_, false) => "odt",
        (_, true) => "ott",
    }
}

/// The path below its root (its file name when the root is the file itself).
fn relative(path: &Path, roots: &[PathBuf]) -> PathBuf {
    roots
        .iter()
        .filter_map(|r| path.strip_prefix(r).ok())
        .filter(|rel| !rel.as_os_str().is_empty())
        // With nested roots (`in` and `in/sub`) the outermost one mirrors the tree.
        .max_by_key(|rel| rel.components().count())
        .map(Path::to_path_buf)
        .or_else(|| path.file_name().map(PathBuf::from))
        .unwrap_or_else(|| path.to_path_buf())
}

fn shard_key(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn planned(path: &Path, entry: &FileEntry) -> Option<Planned> {
    Some(match entry.action {
        Action::Convert => Planned::Convert,
        Action::NoConverter => Planned::Unsupported,
        Action::NeedsPassword => Planned::Failed {
            code: "encrypted",
            message: entry
                .findings
                .iter()
                .find(|f| f.code() == "detect.encrypted")
                .map_or_else(
                    || "password-protected; it cannot be converted without the password".into(),
                    |f| f.kind.message(),
                ),
        },
        // A damaged file under an ODF name is not a proprietary document to migrate.
        Action::Error if entry.format.is_open() => return None,
        Action::Error => Planned::Failed {
            code: if probe::open_read_only(path).is_err() {
                "unreadable"
            } else {
                "damaged"
            },
            message: entry
                .error
                .clone()
                .unwrap_or_else(|| "the file could not be read".into()),
        },
        Action::AlreadyOpen | Action::Skip => return None,
    })
}

/// Walks the roots and plans every document in them (on the current rayon pool).
pub fn plan(
    roots: &[PathBuf],
    destination: &Destination,
    shard: Option<Shard>,
    include_hidden: bool,
) -> Plan {
    let options = ScanOptions {
        include_hidden,
        // The conversion checks every part it reads; planning needs headers only.
        quick: true,
    };
    let inv = inventory(roots, &options);
    // A name that is not UTF-8 is an error of the scan's, but here its file is planned (and
    // reported) like any other: do not list it twice.
    let planned_paths: HashSet<&str> = inv.files.iter().map(|(_, e)| e.path.as_str()).collect();
    let errors = inv
        .errors
        .iter()
        .filter(|e| !planned_paths.contains(e.path.as_str()))
        .cloned()
        .collect();
    let mut items = Vec::new();
    let mut keys = Vec::new();
    for (path, entry) in inv.files {
        let Some(planned) = planned(&path, &entry) else {
            continue;
        };
        let rel = relative(&path, roots);
        keys.push(shard_key(&rel));
        let ext = odf_extension(entry.format);
        // Absolute paths, so reports (and their links) mean the same from any folder.
        let absolute = |p: PathBuf| std::path::absolute(&p).unwrap_or(p);
        let path = absolute(path);
        let target = absolute(match destination {
            Destination::Out(dir) => dir.join(&rel).with_extension(ext),
            Destination::Beside => path.with_extension(ext),
        });
        items.push(Item {
            display: path.to_string_lossy().into_owned(),
            target: (planned == Planned::Convert).then_some(target),
            format: entry.format,
            bytes: entry.bytes,
            planned,
            findings: entry.findings,
            source: path,
        });
    }
    // Targets are settled on the whole tree, then the shard takes its share: every shard names
    // files alike.
    disambiguate(&mut items);
    let mut items: Vec<Item> = items
        .into_iter()
        .zip(keys)
        .filter(|(_, key)| shard.is_none_or(|s| s.takes(key)))
        .map(|(item, _)| item)
        .collect();
    // Largest first: the long conversions start early instead of trailing at the end.
    items.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.source.cmp(&b.source)));
    Plan { items, errors }
}

/// Two sources that would write one target (`a.doc` and `a.docx` → `a.odt`), or a target that
/// is its own source (a Word file named `x.odt`), keep their full name: `a.docx.odt`. Should that
/// still collide, a counter follows: `a.docx (2).odt`. No two items ever share a target.
fn disambiguate(items: &mut [Item]) {
    let mut count: HashMap<PathBuf, usize> = HashMap::new();
    for t in items.iter().filter_map(|i| i.target.clone()) {
        *count.entry(t).or_default() += 1;
    }
    for item in items.iter_mut() {
        let Some(target) = &item.target else { continue };
        if count.get(target).copied().unwrap_or(0) > 1 || *target == item.source {
            let ext = target.extension().map(|e| e.to_os_string());
            let mut name = item.source.file_name().unwrap_or_default().to_os_string();
            if let Some(ext) = ext {
                name.push(".");
                name.push(ext);
            }
            item.target = Some(target.with_file_name(name));
        }
    }
    let mut taken: HashSet<PathBuf> = HashSet::new();
    for item in items.iter_mut() {
        let Some(target) = item.target.take() else {
            continue;
        };
        let mut candidate = target.clone();
        let mut n = 2u32;
        while !taken.insert(candidate.clone()) || candidate == item.source {
            let stem = target.file_stem().unwrap_or_default().to_string_lossy();
            let ext = target.extension().map(|e| e.to_string_lossy().into_owned());
            let name = match ext {
                Some(ext) => format!("{stem} ({n}).{ext}"),
                None => format!("{stem} ({n})"),
            };
            candidate = target.with_file_name(name);
            n += 1;
        }
        item.target = Some(candidate);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parses_and_splits_every_key_into_exactly_one_share() {
        assert_eq!("2/8".parse(), Ok(Shard { k: 2, n: 8 }));
        for bad in ["0/3", "4/3", "1/0", "x/2", "3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        let shards: Vec<Shard> = (1..=4).map(|k| Shard { k, n: 4 }).collect();
        let mut sizes = [0usize; 4];
        for i in 0..1000 {
            let key = format!("Abteilung {}/Bericht {i}.docx", i % 7);
            let takers: Vec<usize> = (0..4).filter(|&s| shards[s].takes(&key)).collect();
            assert_eq!(takers.len(), 1, "{key}");
            sizes[takers[0]] += 1;
        }
        // A hash, not round robin: each share gets roughly a quarter.
        assert!(sizes.iter().all(|&n| (180..=320).contains(&n)), "{sizes:?}");
        // Fixed by definition: the same key goes to the same share on every machine.
        assert!(Shard { k: 1, n: 2 }.takes("a.docx") != Shard { k: 2, n: 2 }.takes("a.docx"));
    }

    #[test]
    fn targets_of_colliding_sources_keep_the_full_name() {
        let item = |src: &str, target: &str| Item {
            source: PathBuf::from(src),
            display: src.into(),
            target: Some(PathBuf::from(target)),
            format: Format::Docx,
            bytes: 1,
            planned: Planned::Convert,
            findings: Vec::new(),
        };
        let mut items = vec![
            item("/in/a.doc", "/out/a.odt"),
            item("/in/a.docx", "/out/a.odt"),
            item("/in/b.docx", "/out/b.odt"),
            item("/in/x.odt", "/in/x.odt"),
            // Overlapping roots could mirror two files onto one place.
            item("/in/c.docx", "/out/c.odt"),
            item("/in/sub/c.docx", "/out/c.odt"),
            item("/other/c.docx", "/out/c.docx.odt"),
        ];
        disambiguate(&mut items);
        let targets: Vec<_> = items.iter().filter_map(|i| i.target.clone()).collect();
        assert_eq!(
            targets,
            [
                "/out/a.doc.odt",
                "/out/a.docx.odt",
                "/out/b.odt",
                "/in/x.odt.odt",
                "/out/c.docx.odt",
                "/out/c.docx (2).odt",
                "/out/c.docx (3).odt"
            ]
            .map(PathBuf::from)
        );
    }

    #[test]
    fn relative_paths_mirror_below_the_root() {
        let roots = [
            PathBuf::from("/home/u/Dokumente"),
            PathBuf::from("/srv/x.docx"),
        ];
        assert_eq!(
            relative(Path::new("/home/u/Dokumente/A/b.docx"), &roots),
            PathBuf::from("A/b.docx")
        );
        assert_eq!(
            relative(Path::new("/srv/x.docx"), &roots),
            PathBuf::from("x.docx")
        );
        assert_eq!(shard_key(Path::new("A/b.docx")), "A/b.docx");
    }
}
