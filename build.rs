//! Embeds the default catalog (`patterns/`, `decision-trees/`) into the binary,
//! together with a pre-parsed copy so that commands start without parsing YAML.
//!
//! The pre-parse is only a cache: a file that does not parse here is stored as
//! `None` and parsed again at run time, where the normal loader reports it with
//! full diagnostics (so a broken shipped file never breaks the build, and
//! `archsel lint` can explain it).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/catalog/span.rs"]
mod span;

#[allow(dead_code)]
#[path = "src/catalog/raw.rs"]
mod raw;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let mut files = Vec::new();
    for dir in ["patterns", "decision-trees"] {
        println!("cargo::rerun-if-changed={dir}");
        yaml_files(&root.join(dir), &mut files);
    }
    files.sort();

    let mut table = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    let mut parsed: Vec<Option<raw::RawDocument>> = Vec::with_capacity(files.len());
    let mut bodies: Vec<Vec<u8>> = Vec::with_capacity(files.len());
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let relative = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            table,
            "    ({relative:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
        let document = std::fs::read(path)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| raw::parse_document(&text).ok());
        if document.is_none() {
            println!("cargo::warning={relative} does not parse; run `archsel lint {relative}`");
        }
        parsed.push(document);
    }
    table.push_str("];\n");

    // Pattern bodies (page text) are packed separately so commands decode
    // only the pages they show.
    for document in &mut parsed {
        let body = match document {
            Some(raw::RawDocument::Pattern(pattern)) => {
                postcard::to_stdvec(&pattern.take_body()).expect("body serializes")
            }
            _ => Vec::new(),
        };
        bodies.push(body);
    }
    let cached: Vec<Option<raw::CachedDocument>> = parsed
        .into_iter()
        .zip(&bodies)
        .map(|(document, body)| {
            document.map(|document| match document {
                raw::RawDocument::Pattern(head) => raw::CachedDocument::Pattern { head, body },
                other => raw::CachedDocument::Other(other),
            })
        })
        .collect();
    let bytes = postcard::to_stdvec(&cached).expect("raw catalog serializes");
    std::fs::write(out_dir.join("catalog.bin"), bytes).expect("write catalog.bin");
    std::fs::write(out_dir.join("embedded_files.rs"), table).expect("write embedded_files.rs");
}
