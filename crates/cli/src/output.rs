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

/// A hidden name beside `path`, unique to this process.
fn sibling(path: &Path, what: &str) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    dir.join(format!(".{name}.{what}-{}", std::process::id()))
}

/// Creates a new file (never follows or reuses an existing one) and writes it to disk.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Writes a set of files into `dir` as a whole: every file is first written into a staging directory
/// beside `dir`; only when all are written is the set published. A new `dir` is published by one
/// rename of the staging directory; into an existing `dir`, each file is renamed into place after all
/// targets were checked to be regular files or new names (renames within one directory do not fail
/// for lack of space). A failure before publishing leaves nothing behind.
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
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| fail(parent, "create the directory", e))?;
    }
    let staging = sibling(dir, "staging");
    let _ = std::fs::remove_dir_all(&staging);
    let staged = std::fs::create_dir(&staging).and_then(|_| {
        files
            .iter()
            .try_for_each(|(name, bytes)| write_new(&staging.join(name), bytes))
    });
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(fail(
            dir,
            "write the files into a staging directory beside it",
            e,
        ));
    }
    let published = if exists {
        files
            .iter()
            .try_for_each(|(name, _)| std::fs::rename(staging.join(name), dir.join(name)))
            .and_then(|_| std::fs::remove_dir(&staging))
    } else {
        std::fs::rename(&staging, dir)
    };
    published.map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        fail(dir, "move the staged files into place", e)
    })
}
