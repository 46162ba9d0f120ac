//! Running the real `archsel` binary with a clean environment, and loading the
//! default catalog in-process.

use archsel::catalog::{Catalog, CatalogOptions};
use std::process::{Command, Output, Stdio};

/// `archsel` with every variable that changes its behaviour removed.
pub fn archsel() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_archsel"));
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("ARCHSEL_")
            || ["NO_COLOR", "COLUMNS", "GITHUB_ACTIONS", "TERM"].contains(&key.as_str())
        {
            cmd.env_remove(&key);
        }
    }
    cmd.stdin(Stdio::null());
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    finish(archsel().args(args).output().expect("archsel runs"))
}

pub fn finish(output: Output) -> Run {
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert_ne!(run.code, 101, "archsel panicked:\n{}", run.stderr);
    run
}

pub fn default_catalog() -> Catalog {
    let loaded = Catalog::load(&CatalogOptions {
        default: Some(archsel::embedded::default_catalog()),
        ..Default::default()
    });
    assert!(
        loaded.findings.is_empty(),
        "the default catalog has findings: {:#?}",
        loaded
            .findings
            .iter()
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect::<Vec<_>>()
    );
    loaded.catalog
}

/// The shipped file of a pattern, for tests that build user catalogs from it.
/// The default catalog with the rendering fixtures (`tests/fixtures/render`)
/// layered on top: what rendering snapshots are taken on, so that a fix to
/// the shipped prose never changes them.
pub fn fixture_catalog() -> Catalog {
    let loaded = Catalog::load(&CatalogOptions {
        default: Some(archsel::embedded::default_catalog()),
        // Relative (tests run in the package's directory), so that pages
        // name the file the same way on every machine.
        paths: vec!["tests/fixtures/render".into()],
        ..Default::default()
    });
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    loaded.catalog
}

pub fn shipped(id: &str) -> String {
    std::fs::read_to_string(format!("{}/patterns/{id}.yaml", env!("CARGO_MANIFEST_DIR")))
        .expect("shipped pattern")
}
