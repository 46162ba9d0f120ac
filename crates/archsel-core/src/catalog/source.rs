//! Catalog files as read: the embedded default catalog and users' directories,
//! with the limits that keep hostile input (huge, binary, looping) harmless.

use crate::diagnostics::Finding;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Files larger than this are refused: no real catalog file comes near it,
/// and it bounds the memory and time one file can cost.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Directory depth followed when collecting files (guards against deep trees).
pub const MAX_DIR_DEPTH: usize = 32;

/// The bytes of one catalog file and the name it is reported under.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub builtin: bool,
    bytes: Bytes,
}

#[derive(Clone, Debug)]
enum Bytes {
    /// An embedded file, as the binary holds it.
    Static(&'static [u8]),
    Owned(Arc<str>),
}

impl SourceFile {
    /// A file of the default catalog embedded in the binary.
    pub fn embedded(name: &str, bytes: &'static [u8]) -> Self {
        SourceFile {
            name: name.to_owned(),
            builtin: true,
            bytes: Bytes::Static(bytes),
        }
    }

    pub fn user(name: String, text: String) -> Self {
        SourceFile {
            name,
            builtin: false,
            bytes: Bytes::Owned(text.into()),
        }
    }

    /// A user's file that is a byte-identical copy of `original`: it shares
    /// the original's bytes (a copy of the default catalog costs no memory,
    /// and its text was checked when the binary was built).
    pub fn copy_of(name: String, original: &SourceFile) -> Self {
        SourceFile {
            name,
            builtin: false,
            bytes: original.bytes.clone(),
        }
    }

    /// The file's text (invalid UTF-8, which only embedded files can hold here,
    /// is replaced so that a code frame can still be drawn).
    pub fn text(&self) -> Arc<str> {
        match &self.bytes {
            Bytes::Static(_) => self.contents().into(),
            Bytes::Owned(s) => s.clone(),
        }
    }

    /// The file's text, borrowed where it can be (see `text`).
    pub fn contents(&self) -> std::borrow::Cow<'_, str> {
        match &self.bytes {
            // `from_utf8` first: it checks valid text several times faster
            // than the lossy decoder walks it.
            Bytes::Static(b) => match std::str::from_utf8(b) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(b),
            },
            Bytes::Owned(s) => std::borrow::Cow::Borrowed(s),
        }
    }

    /// Whether the bytes are the binary's (a built-in file or a copy of
    /// one): they have not been checked as text at run time.
    pub fn is_embedded(&self) -> bool {
        matches!(self.bytes, Bytes::Static(_))
    }

    pub fn raw_bytes(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Static(b) => b,
            Bytes::Owned(s) => s.as_bytes(),
        }
    }
}

/// Checks bytes read from disk and turns them into text, or says why not.
pub fn decode(bytes: Vec<u8>) -> Result<String, Finding> {
    // `contains` on bytes is a memchr; the position is only needed on a hit.
    if bytes.contains(&0)
        && let Some(pos) = bytes.iter().position(|&b| b == 0)
    {
        return Err(Finding::new(
            &super::rules::FILE_READ,
            "this is a binary file (it contains a NUL byte), not YAML",
        )
        .label(format!("NUL byte at offset {pos}"))
        .help("catalog directories should hold only *.yaml text files"));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(Finding::new(
                &super::rules::FILE_READ,
                format!("the file is not valid UTF-8 (first bad byte at offset {at})"),
            )
            .help("save the file as UTF-8"))
        }
    }
}

/// Reads one file from disk as text, within the size limit.
pub fn read_file(path: &Path) -> Result<String, Finding> {
    decode_within_limit(read_bytes(path)?, &path.display().to_string())
}

/// Reads one file's bytes from disk, stopping past the size limit (which
/// `decode_within_limit` reports).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Finding> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Finding::new(
            &super::rules::FILE_READ,
            format!("cannot read {}: {}", path.display(), io_reason(&e)),
        )
    };
    // Opening a FIFO blocks until something writes to it, and a device or
    // socket never ends: only regular files are read.
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_a_regular_file(path));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = meta.len().min(MAX_FILE_BYTES + 1);
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(bytes)
}

/// `decode`, after checking the size limit for a catalog file.
pub fn decode_within_limit(bytes: Vec<u8>, name: &str) -> Result<String, Finding> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Finding::new(
            &super::rules::FILE_READ,
            format!(
                "{name} is larger than the {} KiB limit for a catalog file",
                MAX_FILE_BYTES / 1024
            ),
        )
        .help("split it into one file per pattern"));
    }
    decode(bytes)
}

fn not_a_regular_file(path: &Path) -> Finding {
    Finding::new(
        &super::rules::FILE_READ,
        format!(
            "{} is not a regular file (a pipe, socket or device); not read",
            path.display()
        ),
    )
    .help("catalog, answers and config files must be ordinary files")
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Collects `*.yaml`/`*.yml` files under the given paths (files are taken as
/// given), sorted, following symlinks but never the same directory twice.
/// Problems (missing paths, unreadable directories) come back as findings.
pub fn collect_yaml_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Finding>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen_dirs = std::collections::HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, 0, &mut seen_dirs, &mut files, &mut problems),
            Ok(_) => files.push(path.clone()),
            Err(e) => problems.push(Finding::new(
                &super::rules::FILE_READ,
                format!("cannot read {}: {}", path.display(), io_reason(&e)),
            )),
        }
    }
    (files, problems)
}

fn walk(
    dir: &Path,
    depth: usize,
    seen: &mut std::collections::HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Finding>,
) {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canonical) {
        return; // a symlink loop or a directory reached twice
    }
    if depth > MAX_DIR_DEPTH {
        problems.push(Finding::new(
            &super::rules::FILE_READ,
            format!("{} is nested too deeply; not read", dir.display()),
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Finding::new(
                &super::rules::FILE_READ,
                format!("cannot read directory {}: {}", dir.display(), io_reason(&e)),
            ));
            return;
        }
    };
    let mut listed: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .flatten()
        .map(|e| (e.path(), e.file_type().ok()))
        .collect();
    // One directory's entries share the prefix `dir/` and differ only in
    // their names, so comparing the whole paths as bytes orders them by name
    // (the order `Path`'s component-wise comparison gives) without parsing
    // components at each comparison.
    listed.sort_unstable_by(|(a, _), (b, _)| a.as_os_str().cmp(b.as_os_str()));
    for (path, kind) in listed {
        // The listing tells regular files and directories apart without a
        // `stat` each; links (and unknown types) are followed with one.
        match kind {
            Some(kind) if kind.is_file() => {
                if is_yaml(&path) {
                    files.push(path);
                }
                continue;
            }
            Some(kind) if kind.is_dir() => {
                walk(&path, depth + 1, seen, files, problems);
                continue;
            }
            _ => {}
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, depth + 1, seen, files, problems),
            Ok(meta) if is_yaml(&path) && !meta.is_file() => {
                problems.push(not_a_regular_file(&path))
            }
            Ok(_) if is_yaml(&path) => files.push(path),
            Ok(_) => {}
            Err(_) if is_yaml(&path) => problems.push(Finding::new(
                &super::rules::FILE_READ,
                format!("cannot read {}: dangling symlink", path.display()),
            )),
            Err(_) => {}
        }
    }
}
