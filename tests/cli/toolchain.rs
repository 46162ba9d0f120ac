//! The declared minimum Rust (`rust-version`) is true: every locked
//! dependency builds with it, and the README states the same version.

use std::process::Command;

/// `1.89` or `1.88.0` as comparable numbers.
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let mut next = || parts.next().unwrap_or(0);
    (next(), next(), next())
}

#[test]
fn declared_rust_version_covers_every_dependency_and_the_readme() {
    // The host's dependencies only: the others are not downloaded on a
    // machine that has just built the tests, and this runs offline.
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let about = Command::new(rustc).arg("-vV").output().expect("rustc runs");
    let about = String::from_utf8_lossy(&about.stdout);
    let host = about
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = meta["packages"].as_array().unwrap();
    let ours = env!("CARGO_PKG_RUST_VERSION");
    let needs = |name: &str| {
        packages
            .iter()
            .find(|p| p["name"] == name)
            .and_then(|p| p["rust_version"].as_str())
            .map(str::to_owned)
    };
    for member in ["archsel", "archsel-core", "archsel-detect"] {
        assert_eq!(
            needs(member).as_deref(),
            Some(ours),
            "{member}'s rust-version"
        );
    }
    let too_new: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let needed = p["rust_version"].as_str()?;
            let (name, at) = (p["name"].as_str()?, p["version"].as_str()?);
            (version(needed) > version(ours)).then(|| format!("{name} {at} needs {needed}"))
        })
        .collect();
    assert!(
        too_new.is_empty(),
        "rust-version {ours} is older than what locked dependencies need: {too_new:?}"
    );
    let readme = include_str!("../../README.md");
    assert!(
        readme.contains(&format!("Rust ({ours} or newer)")),
        "the README's quick start should name Rust {ours}"
    );
}
