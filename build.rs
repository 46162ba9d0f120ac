//! Embeds the default catalog (`patterns/`, `decision-trees/`) for
//! `src/embedded.rs`: the list of its YAML files, sorted, as
//! `$OUT_DIR/embedded_files.rs` (a table of `(path, include_bytes!(…))`),
//! and what archsel-core makes of them, parsed and validated, as
//! `$OUT_DIR/default.snapshot`, so that a command starts without parsing
//! YAML (and lint need not check a page twice: the pages it finds clean are
//! marked). The build never fails on a broken catalog file: it is then
//! parsed at run time, where `archsel lint` reports it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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
    let mut embedded: Vec<(&'static str, &'static [u8])> = Vec::new();
    for path in &files {
        let relative = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            table,
            "    ({relative:?}, include_bytes!({:?})),",
            path.display()
        )
        .unwrap();
        let bytes = std::fs::read(path).unwrap_or_default();
        // A build script may leak: the snapshot is made from `'static` files.
        embedded.push((relative.leak(), bytes.leak()));
    }
    table.push_str("];\n");
    std::fs::write(out_dir.join("embedded_files.rs"), table).expect("write embedded_files.rs");
    let embedded = embedded.leak();
    let mut snapshot = archsel_core::catalog::Snapshot::of(embedded);
    archsel_core::lint::mark_clean_pages(&mut snapshot, embedded);
    if snapshot.model.is_none() {
        println!("cargo::warning=the default catalog has problems; run `archsel lint`");
    }
    std::fs::write(out_dir.join("default.snapshot"), snapshot.encode())
        .expect("write default.snapshot");
}
