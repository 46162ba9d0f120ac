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
    /// An embedded file that is not UTF-8.
    Static(&'static [u8]),
    /// An embedded file, or a user's byte-identical copy of one.
    StaticText(&'static str),
    Owned(Arc<str>),
}

impl SourceFile {
    /// The embedded file at `index` of `embedded::files()`.
    pub fn embedded(index: usize) -> Self {
        let (name, bytes) = super::embedded::files()[index];
        SourceFile {
            name: name.to_owned(),
            builtin: true,
            bytes: match super::embedded::text(index) {
                Some(text) => Bytes::StaticText(text),
                None => Bytes::Static(bytes),
            },
        }
    }

    pub fn user(name: String, text: std::borrow::Cow<'static, str>) -> Self {
        SourceFile {
            name,
            builtin: false,
            bytes: match text {
                std::borrow::Cow::Borrowed(text) => Bytes::StaticText(text),
                std::borrow::Cow::Owned(text) => Bytes::Owned(text.into()),
            },
        }
    }

    /// The file's text (invalid UTF-8, which only embedded files can hold here,
    /// is replaced so that a code frame can still be drawn).
    pub fn text(&self) -> Arc<str> {
        match &self.bytes {
            Bytes::Static(b) => String::from_utf8_lossy(b).into(),
            Bytes::StaticText(s) => Arc::from(*s),
            Bytes::Owned(s) => s.clone(),
        }
    }

    /// The file's text, borrowed where it can be (see `text`).
    pub fn contents(&self) -> std::borrow::Cow<'_, str> {
        match &self.bytes {
            Bytes::Static(b) => String::from_utf8_lossy(b),
            Bytes::StaticText(s) => std::borrow::Cow::Borrowed(s),
            Bytes::Owned(s) => std::borrow::Cow::Borrowed(s),
        }
    }

    pub fn raw_bytes(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Static(b) => b,
            Bytes::StaticText(s) => s.as_bytes(),
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
        return Err(Finding::error(
            "file-read",
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
            Err(Finding::error(
                "file-read",
                format!("the file is not valid UTF-8 (first bad byte at offset {at})"),
            )
            .help("save the file as UTF-8"))
        }
    }
}

/// Reads one file from disk within the size limit.
pub fn read_file(path: &Path) -> Result<String, Finding> {
    read_file_unless(path, None, &mut []).map(Option::unwrap_or_default)
}

/// Reads one file from disk within the size limit, unless it holds exactly
/// the bytes `same` (a copy of an embedded file): then `Ok(None)`, and
/// nothing is kept or decoded. The comparison is made chunk by chunk as the
/// file is read into `chunk` (the caller's, reused from file to file), so a
/// copy costs no allocation.
pub fn read_file_unless(
    path: &Path,
    same: Option<&[u8]>,
    chunk: &mut [u8],
) -> Result<Option<String>, Finding> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Finding::error(
            "file-read",
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
    // Sized from the metadata, so a file is read in one or two calls (the
    // comparison below checks the content to its end whatever the size).
    let size = meta.len().min(MAX_FILE_BYTES + 1);
    let mut file = file.take(MAX_FILE_BYTES + 1);
    let mut bytes = Vec::new();
    if let Some(same) = same.filter(|s| s.len() as u64 == size && !chunk.is_empty()) {
        let mut matched = 0;
        loop {
            let n = match file.read(chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(cannot(e)),
            };
            if n == 0 && matched == same.len() {
                return Ok(None);
            }
            if n == 0 || same.get(matched..matched + n) != Some(&chunk[..n]) {
                // Different after all: what matched so far is `same`'s.
                bytes.reserve(size as usize + 1);
                bytes.extend_from_slice(&same[..matched]);
                bytes.extend_from_slice(&chunk[..n]);
                break;
            }
            matched += n;
        }
    } else {
        bytes.reserve(size as usize + 1);
    }
    file.read_to_end(&mut bytes).map_err(cannot)?;
    decode_within_limit(bytes, &path.display().to_string()).map(Some)
}

/// `decode`, after checking the size limit for a catalog file.
pub fn decode_within_limit(bytes: Vec<u8>, name: &str) -> Result<String, Finding> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Finding::error(
            "file-read",
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
    Finding::error(
        "file-read",
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
            Err(e) => problems.push(Finding::error(
                "file-read",
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
        problems.push(Finding::error(
            "file-read",
            format!("{} is nested too deeply; not read", dir.display()),
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Finding::error(
                "file-read",
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
            Err(_) if is_yaml(&path) => problems.push(Finding::error(
                "file-read",
                format!("cannot read {}: dangling symlink", path.display()),
            )),
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy is recognised without keeping it; any difference, in any
    /// chunk, gives the whole file back.
    #[test]
    fn read_file_unless_compares_chunk_by_chunk() {
        let dir = tempfile::tempdir().unwrap();
        let same: String = (0..4000).map(|i| format!("line {i} ─\n")).collect();
        assert!(same.len() > 3 * 16 * 1024, "spans several chunks");
        let mut late = same.clone();
        late.replace_range(40_000..40_001, "X");
        let cases = [
            (same.clone(), None),
            (late.clone(), Some(late.clone())),
            (format!("{same}more"), Some(format!("{same}more"))),
            (
                same[..same.len() - 1].to_owned(),
                Some(same[..same.len() - 1].to_owned()),
            ),
            (
                "X".to_owned() + &same[1..],
                Some("X".to_owned() + &same[1..]),
            ),
        ];
        for (i, (on_disk, expected)) in cases.into_iter().enumerate() {
            let path = dir.path().join(format!("{i}.yaml"));
            std::fs::write(&path, &on_disk).unwrap();
            let read = read_file_unless(&path, Some(same.as_bytes()), &mut [0; 4096]).unwrap();
            assert_eq!(read, expected, "case {i}");
            assert_eq!(read_file(&path).unwrap(), on_disk, "case {i}");
        }
    }
}
