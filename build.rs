//! Embeds the default catalog (`patterns/`, `decision-trees/`) into the binary
//! with two caches so that commands start without parsing YAML:
//! - `model.bin`: the validated model (`catalog::snapshot`), for commands over
//!   the default catalog alone; validated here by the same code as at run
//!   time, and written only when the files load without a finding;
//! - `catalog.bin`: every file pre-parsed, for commands that layer users'
//!   files over the default catalog (and must validate them together);
//! - `bodies.bin`: the patterns' page text, packed, decoded per page shown.
//!
//! Both are only caches: a file that does not parse here is stored as `None`
//! and parsed again at run time, where the normal loader reports it with full
//! diagnostics (so a broken shipped file never breaks the build, and
//! `archsel lint` can explain it).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The catalog code the binary uses, compiled into this script too.
#[allow(dead_code, unused_imports)]
#[path = "src/catalog"]
mod catalog {
    #[path = "model.rs"]
    pub mod model;
    #[path = "raw.rs"]
    pub mod raw;
    #[path = "snapshot.rs"]
    pub mod snapshot;
    #[path = "span.rs"]
    pub mod span;
    #[path = "validate.rs"]
    pub mod validate;
}

#[allow(dead_code, unused_imports)]
#[path = "src/diagnostics"]
mod diagnostics {
    #[path = "finding.rs"]
    mod finding;
    pub use finding::{Finding, Severity};
}

use catalog::raw::{CachedDocument, RawDocument};
use catalog::validate::{Document, validate};

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
    println!("cargo::rerun-if-changed=src/catalog");
    println!("cargo::rerun-if-changed=src/diagnostics/finding.rs");
    let mut files = Vec::new();
    for dir in ["patterns", "decision-trees"] {
        println!("cargo::rerun-if-changed={dir}");
        yaml_files(&root.join(dir), &mut files);
    }
    files.sort();

    let mut table = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    let mut names = Vec::with_capacity(files.len());
    let mut parsed: Vec<Option<RawDocument>> = Vec::with_capacity(files.len());
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
            .and_then(|text| catalog::raw::parse_document(&text).ok());
        if document.is_none() {
            println!("cargo::warning={relative} does not parse; run `archsel lint {relative}`");
        }
        names.push(relative);
        parsed.push(document);
    }
    table.push_str("];\n");

    // Validate the files as the binary would load them (page text included).
    let documents: Vec<Document> = parsed
        .iter()
        .enumerate()
        .filter_map(|(source, raw)| {
            Some(Document {
                source,
                builtin: true,
                raw: raw.clone()?,
                packed_body: None,
                page_checked: false,
            })
        })
        .collect();
    let validated = validate(&documents, &names, true);
    let clean = documents.len() == files.len() && validated.findings.is_empty();
    if !clean {
        println!("cargo::warning=the default catalog has problems; run `archsel lint`");
    }

    // Pattern bodies (page text) go in one blob, packed per pattern.
    let mut bodies = Vec::new();
    let mut body_of_source = vec![(0u32, 0u32); files.len()];
    let cached: Vec<Option<CachedDocument>> = parsed
        .into_iter()
        .enumerate()
        .map(|(source, document)| {
            Some(match document? {
                RawDocument::Pattern(mut head) => {
                    let start = bodies.len() as u32;
                    postcard::to_io(&head.take_body(), &mut bodies).expect("body serializes");
                    let body = (start, bodies.len() as u32);
                    body_of_source[source] = body;
                    CachedDocument::Pattern { head, body }
                }
                other => CachedDocument::Other(other),
            })
        })
        .collect();

    let model = if clean {
        let snapshot = catalog::snapshot::Snapshot {
            bodies: validated
                .patterns
                .iter()
                .map(|p| body_of_source[p.source])
                .collect(),
            vocabulary: validated.vocabulary,
            patterns: validated.patterns,
            trees: validated.trees,
        };
        bitcode::encode(&snapshot)
    } else {
        Vec::new()
    };

    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out_dir.join(name), bytes).unwrap_or_else(|e| panic!("write {name}: {e}"))
    };
    write(
        "catalog.bin",
        &postcard::to_stdvec(&cached).expect("raw catalog serializes"),
    );
    write("bodies.bin", &bodies);
    write("model.bin", &model);
    write("embedded_files.rs", table.as_bytes());
}
