//! Writing results: to stdout (no `--out`, or `--out -`), or atomically to a file (a temporary file
//! beside it, then a rename), so a failing run never leaves a partial file behind. Only a regular file
//! (or a new name) is replaced: a symlink, a FIFO, a device or a directory at the path is refused
//! rather than silently turned into a regular file. Multi-file outputs are staged and published as a
//! whole ([`publish_dir`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Failure;

/// The file `--out` names, or `None` for stdout (no `--out`, or `-`).
pub fn file(out: Option<&Path>) -> Option<&Path> {
    out.filter(|p| p.as_os_str() != "-")
}

pub fn emit(bytes: &[u8], out: Option<&Path>) -> Result<(), Failure> {
    match file(out) {
        None => match std::io::stdout().write_all(bytes) {
            // A reader that stops early (`| head`) is not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| Failure::input(format!("cannot write to stdout: {e}"))),
        },
        Some(path) => {
            check_target(path)?;
            write_atomic(path, bytes)
        }
    }
}

/// Refuses a path that exists and is not a regular file (not following a symlink).
pub fn check_target(path: &Path) -> Result<(), Failure> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a directory"
    } else {
        "not a regular file (a FIFO, socket or device)"
    };
    Err(Failure::input(format!(
        "{}: --out is {what}; reweigh writes only regular files, atomically. Fix: choose another path, or `--out -` (or no --out) for stdout",
        path.display()
    )))
}

fn fail(path: &Path, what: &str, e: std::io::Error) -> Failure {
    Failure::input(format!(
        "{}: cannot {what}: {e}. Fix: check that the directory exists and is writable",
        path.display()
    ))
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let tmp = sibling(path, "tmp");
    let written = write_new(&tmp, bytes);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(path, "write a temporary file beside it", e));
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(path, "move the temporary file into place", e)
    })
}

/// The directory a path names a file in (`.` for a bare file name).
pub(crate) fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A short hidden name beside `path`, unique to this process and call (short, so that a valid
/// 255-byte file name still has a temporary name the file system accepts).
pub(crate) fn sibling(path: &Path, what: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    directory_of(path).join(format!(".reweigh-{}-{n}.{what}", std::process::id()))
}

/// Creates a new file (never follows or reuses an existing one) and writes it to disk.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Writes a set of files into `dir` as a whole: every file is first written into a staging
/// directory beside `dir`; only when all are written is the set published. A new `dir` is published
/// by one rename of the staging directory. Into an existing `dir`, after every target was checked to
/// be a regular file or a new name, each file replaces its target by a rename, the old file kept
/// aside; if any rename fails, the ones done are undone, so the directory holds the old set or the
/// new one, never a mix. Parent directories created for `dir` are removed again on failure.
pub fn publish_dir(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Failure> {
    let exists = match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => true,
        Ok(_) => {
            return Err(Failure::input(format!(
                "{}: --out must be a directory (or a new name); it is a file or a link. Fix: choose another path",
                dir.display()
            )));
        }
        Err(_) => false,
    };
    if exists {
        for (name, _) in files {
            check_target(&dir.join(name))?;
        }
    }
    let created = create_parents(dir)?;
    let undo_parents = || {
        for d in created.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    };
    let staging = sibling(dir, "staging");
    let staged = std::fs::create_dir(&staging).and_then(|_| {
        files
            .iter()
            .try_for_each(|(name, bytes)| write_new(&staging.join(name), bytes))
    });
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&staging);
        undo_parents();
        return Err(fail(
            dir,
            "write the files into a staging directory beside it",
            e,
        ));
    }
    let published = if exists {
        replace_all(dir, &staging, files)
    } else {
        match std::fs::rename(&staging, dir) {
            // Another process made the directory meanwhile: replace the files in it instead.
            Err(_) if std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) => {
                replace_all(dir, &staging, files)
            }
            other => other,
        }
    };
    let _ = std::fs::remove_dir_all(&staging);
    published.map_err(|e| {
        undo_parents();
        fail(
            dir,
            "move the staged files into place (nothing was changed)",
            e,
        )
    })
}

/// Creates the missing ancestors of `dir`, returning the ones it created (outermost first).
fn create_parents(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut missing = Vec::new();
    let mut at = dir.parent();
    while let Some(p) = at.filter(|p| !p.as_os_str().is_empty()) {
        if p.exists() {
            break;
        }
        missing.push(p.to_path_buf());
        at = p.parent();
    }
    missing.reverse();
    for (i, p) in missing.iter().enumerate() {
        if let Err(e) = std::fs::create_dir(p) {
            for d in missing[..i].iter().rev() {
                let _ = std::fs::remove_dir(d);
            }
            return Err(fail(p, "create the directory", e));
        }
    }
    Ok(missing)
}

/// Moves each staged file over its target, keeping the old one in the staging directory; on a
/// failure, puts every target back as it was.
fn replace_all(dir: &Path, staging: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    let old = staging.join(".old");
    std::fs::create_dir(&old)?;
    let mut done: Vec<(&str, bool)> = Vec::new();
    let mut result = Ok(());
    for (name, _) in files {
        let target = dir.join(name);
        let had_old = target.exists();
        let step = (|| {
            if had_old {
                std::fs::rename(&target, old.join(name))?;
            }
            std::fs::rename(staging.join(name), &target)
        })();
        match step {
            Ok(()) => done.push((name, had_old)),
            Err(e) => {
                // Put back this file's old version if it was moved aside.
                if had_old && !target.exists() {
                    let _ = std::fs::rename(old.join(name), &target);
                }
                result = Err(e);
                break;
            }
        }
    }
    if result.is_err() {
        for (name, had_old) in done.into_iter().rev() {
            let target = dir.join(name);
            let _ = std::fs::remove_file(&target);
            if had_old {
                let _ = std::fs::rename(old.join(name), &target);
            }
        }
    }
    result
}

/// The dataset's path relative to the directory of `out`, for a receipt that re-runs from anywhere.
pub fn relative_to_output(dataset: &str, out: &Path) -> Option<String> {
    if dataset.starts_with("embedded:") {
        return None;
    }
    let data = std::fs::canonicalize(dataset).ok()?;
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = std::fs::canonicalize(dir.unwrap_or(Path::new("."))).ok()?;
    let common = data
        .components()
        .zip(dir.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut rel = PathBuf::new();
    for _ in dir.components().skip(common) {
        rel.push("..");
    }
    for c in data.components().skip(common) {
        rel.push(c);
    }
    rel.to_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("reweigh-output-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_failed_replacement_puts_every_file_back() {
        let root = scratch("rollback");
        let dir = root.join("report");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("a.csv"), "old a").unwrap();
        std::fs::write(dir.join("b.csv"), "old b").unwrap();
        let staging = root.join("staging");
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("a.csv"), "new a").unwrap();
        std::fs::write(staging.join("new.csv"), "new file").unwrap();
        // b.csv was never staged: its rename fails after a.csv and new.csv were replaced.
        let files: Vec<(String, Vec<u8>)> = ["a.csv", "new.csv", "b.csv"]
            .iter()
            .map(|n| (n.to_string(), Vec::new()))
            .collect();
        assert!(replace_all(&dir, &staging, &files).is_err());
        assert_eq!(std::fs::read_to_string(dir.join("a.csv")).unwrap(), "old a");
        assert_eq!(std::fs::read_to_string(dir.join("b.csv")).unwrap(), "old b");
        assert!(!dir.join("new.csv").exists());
    }

    #[test]
    fn a_report_into_missing_parents_removes_them_when_it_fails() {
        let root = scratch("parents");
        let dir = root.join("x").join("y").join("report");
        // A file name the file system refuses (over 255 bytes) makes the staging write fail.
        let files = vec![("n".repeat(300), b"x".to_vec())];
        assert!(publish_dir(&dir, &files).is_err());
        assert!(!root.join("x").exists(), "created parents are removed");
        let fine = vec![("scores.csv".to_string(), b"x".to_vec())];
        publish_dir(&dir, &fine).unwrap();
        assert_eq!(std::fs::read(dir.join("scores.csv")).unwrap(), b"x");
        assert_eq!(
            std::fs::read_dir(root.join("x").join("y")).unwrap().count(),
            1
        );
    }
}
