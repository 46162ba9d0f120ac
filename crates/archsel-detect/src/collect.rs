//! Reading the files to classify: walks directories (skipping .git,
//! node_modules, target, vendor), bounded in file size and count, following
//! directory symlinks at most once (no loops), reading no device or FIFO.

use crate::{Error, Input};
use serde::Serialize;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest file read; bigger ones are skipped and reported.
pub const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;
/// Most files read from directories.
pub const MAX_FILES: usize = 20_000;
const MAX_DEPTH: usize = 32;
const SKIP_DIRS: [&str; 8] = [
    ".git",
    "node_modules",
    "target",
    "vendor",
    ".terraform",
    ".venv",
    "__pycache__",
    ".idea",
];
const SKIP_FILES: [&str; 4] = [
    "package-lock.json",
    "package.json",
    "tsconfig.json",
    "composer.lock",
];

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub skipped: Vec<Skipped>,
}

impl Collected {
    /// `detect` over the inputs, with what was skipped listed as ignored.
    pub fn detect(&self, catalog: &[crate::PatternPoint]) -> crate::Detection {
        let mut d = crate::detect(&self.inputs, catalog);
        d.ignored
            .extend(self.skipped.iter().map(|s| crate::Ignored {
                file: s.path.clone(),
                line: None,
                what: "file".into(),
                reason: s.reason.clone(),
                rendered_from: None,
            }));
        d
    }
}

fn wanted(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    (l.ends_with(".yaml")
        || l.ends_with(".yml")
        || l.ends_with(".json")
        || l.ends_with(".tf")
        || l.ends_with(".template"))
        && !SKIP_FILES.contains(&l.as_str())
}

/// Reads up to the size limit; `size` (from the file's metadata, 0 for a
/// stream) sizes the buffer so that the file is read in one call.
fn read_bounded(mut r: impl Read, path: &str, size: u64, out: &mut Collected) -> Result<(), Error> {
    let mut buf = Vec::with_capacity(size.min(MAX_FILE_SIZE) as usize + 1);
    r.by_ref()
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut buf)
        .map_err(|source| Error::Io {
            path: path.to_string(),
            source,
        })?;
    if buf.len() as u64 > MAX_FILE_SIZE {
        out.skipped.push(Skipped {
            path: path.to_string(),
            reason: format!("larger than {} MiB", MAX_FILE_SIZE >> 20),
        });
    } else {
        out.inputs.push(Input {
            path: path.to_string(),
            text: buf,
        });
    }
    Ok(())
}

/// Reads the given files and directories (`-` is standard input). A file named
/// explicitly is read whatever its extension; in directories only `.yaml`,
/// `.yml`, `.json`, `.tf` and `.template` files are, and an optional Compose
/// layer beside a default Compose file is listed as skipped (Compose merges
/// it only with `-f`).
pub fn collect(paths: &[PathBuf]) -> Result<Collected, Error> {
    let mut out = Collected::default();
    let mut visited = HashSet::new();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for p in paths {
        if p.as_os_str() == "-" {
            read_bounded(std::io::stdin().lock(), "-", 0, &mut out)?;
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|source| Error::Io {
            path: p.display().to_string(),
            source,
        })?;
        if meta.is_dir() {
            walk(p, 0, &mut visited, &mut out)?;
        } else if meta.is_file() {
            let f = std::fs::File::open(p).map_err(|source| Error::Io {
                path: p.display().to_string(),
                source,
            })?;
            read_bounded(f, &p.display().to_string(), meta.len(), &mut out)?;
        } else {
            out.skipped.push(Skipped {
                path: p.display().to_string(),
                reason: "not a regular file".into(),
            });
        }
    }
    Ok(out)
}

fn walk(
    dir: &Path,
    depth: usize,
    visited: &mut HashSet<PathBuf>,
    out: &mut Collected,
) -> Result<(), Error> {
    let shown = dir.display().to_string();
    if depth > MAX_DEPTH {
        out.skipped.push(Skipped {
            path: shown,
            reason: format!("deeper than {MAX_DEPTH} directories"),
        });
        return Ok(());
    }
    // canonical paths break symlink loops
    let Ok(canon) = std::fs::canonicalize(dir) else {
        out.skipped.push(Skipped {
            path: shown,
            reason: "cannot resolve".into(),
        });
        return Ok(());
    };
    if !visited.insert(canon) {
        out.skipped.push(Skipped {
            path: shown,
            reason: "already read (symlink loop or duplicate)".into(),
        });
        return Ok(());
    }
    let rd = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: shown.clone(),
        source,
    })?;
    let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    let names: Vec<String> = entries
        .iter()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let compose_base = crate::compose::default_file(names.iter().map(String::as_str));
    for e in entries {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        // follows symlinks; a dangling one is skipped
        let Ok(meta) = std::fs::metadata(&path) else {
            out.skipped.push(Skipped {
                path: path.display().to_string(),
                reason: "dangling symlink or unreadable".into(),
            });
            continue;
        };
        if meta.is_dir() {
            if !SKIP_DIRS.contains(&name.as_str()) {
                walk(&path, depth + 1, visited, out)?;
            }
        } else if meta.is_file() && wanted(&name) {
            // Named on the command line, a layer is merged (like `-f`).
            if let Some(base) = compose_base.filter(|_| crate::compose::optional_layer(&name)) {
                out.skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: format!(
                        "an optional Compose layer, merged only by `docker compose -f {base} -f {name}`; name both files to read them together"
                    ),
                });
                continue;
            }
            if out.inputs.len() >= MAX_FILES {
                out.skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: format!("more than {MAX_FILES} files"),
                });
                continue;
            }
            if meta.len() > MAX_FILE_SIZE {
                out.skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: format!("larger than {} MiB", MAX_FILE_SIZE >> 20),
                });
                continue;
            }
            match std::fs::File::open(&path) {
                Ok(f) => read_bounded(f, &path.display().to_string(), meta.len(), out)?,
                Err(err) => out.skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: err.to_string(),
                }),
            }
        }
    }
    Ok(())
}
