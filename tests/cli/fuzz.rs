//! Replays every input kept from fuzzing (`tests/fuzz-regressions/TARGET/`)
//! through the same code the fuzz targets run (`fuzz/src/lib.rs`), plus the
//! hostile fixtures and the shipped files as seeds: none may panic.

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

fn inputs(dir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".keep"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn kept_fuzz_inputs_do_not_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let kept = root.join("tests/fuzz-regressions");
    type Target = fn(&[u8]);
    let targets: [(&str, Target); 4] = [
        ("pattern_file", targets::pattern_file),
        ("tree_file", targets::tree_file),
        ("recommend", targets::recommend),
        ("render", targets::render),
    ];
    for (name, run) in targets {
        for input in inputs(&kept.join(name)) {
            run(&input);
        }
    }
    // The seeds every fuzzing run starts from.
    for input in inputs(&root.join("tests/fixtures/hostile")) {
        targets::pattern_file(&input);
        targets::render(&input);
    }
    for input in inputs(&root.join("decision-trees")) {
        targets::tree_file(&input);
    }
    targets::recommend(&[]);
    targets::recommend(b"\x00\x01\x02\x03\xff\xfe anything at all");
}
