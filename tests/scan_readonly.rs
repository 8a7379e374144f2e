//! The scan changes nothing: every file's bytes and times, and the tree's list of entries, are the
//! same before and after a scan of a copy of the corpus.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use sha2::{Digest, Sha256};

#[derive(Debug, PartialEq, Eq)]
struct State {
    kind: &'static str,
    sha256: Option<Vec<u8>>,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    /// Only for files: the scan opens them with O_NOATIME. Directory access times move with
    /// every listing, which is the kernel's doing, not a change to the tree.
    atime: Option<(i64, i64)>,
    mode: u32,
}

fn snapshot(root: &Path) -> BTreeMap<String, State> {
    let mut out = BTreeMap::new();
    // Hash first (reading may move the access time under relatime), then take the times.
    let mut hashes = BTreeMap::new();
    for entry in walk(root) {
        if entry.1.is_file() {
            let bytes = std::fs::read(&entry.0).unwrap();
            hashes.insert(entry.0.clone(), Sha256::digest(&bytes).to_vec());
        }
    }
    for (path, meta) in walk(root) {
        let file = meta.is_file();
        out.insert(
            path.to_string_lossy().into_owned(),
            State {
                kind: if file { "file" } else { "dir" },
                sha256: hashes.remove(&path),
                size: if file { meta.len() } else { 0 },
                mtime: (meta.mtime(), meta.mtime_nsec()),
                ctime: (meta.ctime(), meta.ctime_nsec()),
                atime: file.then(|| (meta.atime(), meta.atime_nsec())),
                mode: meta.mode(),
            },
        );
    }
    out
}

fn walk(root: &Path) -> Vec<(std::path::PathBuf, std::fs::Metadata)> {
    let mut out = vec![(root.to_path_buf(), std::fs::symlink_metadata(root).unwrap())];
    let mut i = 0;
    while i < out.len() {
        if out[i].1.is_dir() {
            let mut children: Vec<_> = std::fs::read_dir(&out[i].0)
                .unwrap()
                .map(|e| {
                    let p = e.unwrap().path();
                    let m = std::fs::symlink_metadata(&p).unwrap();
                    (p, m)
                })
                .collect();
            children.sort_by(|a, b| a.0.cmp(&b.0));
            out.extend(children);
        }
        i += 1;
    }
    out
}

#[test]
fn scan_changes_nothing_in_the_tree() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("tree");
    common::copy_tree(&corpus, &root);
    // A hidden folder and an owner file, so the skipped paths are covered too.
    std::fs::create_dir(root.join(".hidden")).unwrap();
    std::fs::write(root.join(".hidden/inside.docx"), b"x").unwrap();
    std::fs::write(root.join("~$lock.docx"), [3, b'J', b'a', b'n']).unwrap();

    let before = snapshot(&root);
    for args in [&["scan", "--json"][..], &["scan", "--include-hidden"][..]] {
        let mut args = args.to_vec();
        args.push(root.to_str().unwrap());
        let out = common::umzug(&args);
        assert_eq!(out.status.code(), Some(0));
    }
    let after = snapshot(&root);
    assert_eq!(before.len(), after.len(), "entries were added or removed");
    for (path, state) in &before {
        assert_eq!(Some(state), after.get(path), "{path} changed");
    }
}
