//! Writing files for the user (ADRs, exports): atomically, through a
//! temporary file in the same directory renamed into place, and never over an
//! existing file unless asked to.

use crate::Error;
use crate::catalog::source::io_reason;
use std::io::Write;
use std::path::Path;

/// Reads a small text file the user named (an answers file, a config), with
/// the catalog's size and encoding checks and an error that says which file.
pub fn read_user_file(path: &Path) -> Result<String, Error> {
    crate::catalog::source::read_file(path).map_err(|f| Error::Io {
        action: "read",
        path: path.display().to_string(),
        reason: f.message,
        help: f.help,
    })
}

/// Writes `contents` to `path`. Without `force`, an existing file is left
/// alone and reported; a reader never sees a half-written file either way.
pub fn write_atomically(path: &Path, contents: &str, force: bool) -> Result<(), Error> {
    let shown = path.display().to_string();
    let io = |reason: String, help: Option<String>| Error::Io {
        action: "write",
        path: shown.clone(),
        reason,
        help,
    };
    if path.is_dir() {
        return Err(io(
            "it is a directory".into(),
            Some("give a file name, e.g. docs/adr/0001-architecture.md".into()),
        ));
    }
    if path.exists() && !force {
        return Err(io(
            "the file already exists".into(),
            Some("choose another name, or pass --force to replace it".into()),
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(io(
            format!("the directory {} does not exist", dir.display()),
            Some(format!("create it first: mkdir -p {}", dir.display())),
        ));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".archsel-");
    // Like any file a program creates: 0666 less the umask (0644 usually),
    // not tempfile's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(|e| {
        io(
            format!(
                "cannot create a file in {}: {}",
                dir.display(),
                io_reason(&e)
            ),
            None,
        )
    })?;
    temp.write_all(contents.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| io(io_reason(&e), None))?;
    let persisted = if force {
        temp.persist(path).map(drop)
    } else {
        temp.persist_noclobber(path).map(drop)
    };
    persisted.map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => io(
            "the file already exists".into(),
            Some("choose another name, or pass --force to replace it".into()),
        ),
        _ => io(io_reason(&e.error), None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("adr.md");
        write_atomically(&path, "one", false).unwrap();
        assert!(write_atomically(&path, "two", false).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_atomically(&path, "three", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
        assert!(write_atomically(&dir.path().join("missing/adr.md"), "x", false).is_err());
    }
}
