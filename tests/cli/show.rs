//! `archsel show`: pages as a person sees them (snapshots at 80 columns, no
//! colour), formats, names, overlays and terminal manners.

use crate::helpers::{archsel, default_catalog, finish, fixture_catalog, run, shipped};
use archsel::commands::show::{ShowFormat, render};
use archsel::render::Term;

fn page(id: &str, format: ShowFormat, width: usize) -> String {
    let catalog = fixture_catalog();
    let index = catalog.resolve(id).expect("pattern");
    render(&catalog, index, format, &[], Term::plain(width))
}

/// Pages of the rendering fixtures: a whole architecture with every
/// section, a variant that inherits (wide characters in its name) and a
/// part, at 80 and 40 columns.
#[test]
fn snapshot_pages() {
    for id in ["fixture-hub", "fixture-variant", "fixture-part"] {
        insta::assert_snapshot!(format!("show_{id}_80"), page(id, ShowFormat::Text, 80));
    }
    insta::assert_snapshot!(
        "show_fixture-hub_40",
        page("fixture-hub", ShowFormat::Text, 40)
    );
}

#[test]
fn snapshot_markdown_page() {
    insta::assert_snapshot!(
        "show_fixture-hub_markdown",
        page("fixture-hub", ShowFormat::Markdown, 80)
    );
}

/// Every shipped page renders at widths from 20 to 300 (the edges, both
/// sides of 80, and a spread between; the property test in properties.rs
/// draws random widths for every command): whole, and no wider than asked
/// except preformatted blocks, commands and single long tokens.
#[test]
fn every_page_renders_within_its_width_except_preformatted_blocks() {
    use unicode_width::UnicodeWidthStr;
    let catalog = default_catalog();
    for width in [20, 33, 47, 60, 79, 80, 81, 120, 300] {
        for (i, p) in catalog.patterns.iter().enumerate() {
            let text = render(&catalog, i, ShowFormat::Text, &[], Term::plain(width));
            assert!(
                text.contains("REFERENCES"),
                "{} at {width}: cut short",
                p.id
            );
            let preformatted: Vec<&str> = p
                .body()
                .diagram
                .lines()
                .chain(p.body().file_structure.iter().flat_map(|f| f.lines()))
                .chain(p.body().deploy.iter().flat_map(|c| c.lines()))
                .map(str::trim)
                .collect();
            for line in text.lines().filter(|l| l.width() > width) {
                // One word that cannot be broken (beside its bullet).
                let single_token = line
                    .split_whitespace()
                    .filter(|w| !["•", "-", "*"].contains(w))
                    .count()
                    <= 1;
                let command = line.trim_start().starts_with('$');
                if !preformatted.contains(&line.trim()) && !command && !single_token {
                    panic!(
                        "{} at {width}: line too wide ({}): {line}",
                        p.id,
                        line.width()
                    );
                }
            }
        }
    }
}

#[test]
fn show_by_alias_and_name() {
    for name in [
        "k8s",
        "kubernetes",
        "container-orchestration",
        "Container Orchestration",
    ] {
        let r = run(&["show", name, "--section", "summary"]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(!r.stdout.is_empty());
    }
}

#[test]
fn unknown_name_exits_2_with_did_you_mean() {
    let r = run(&["show", "k8"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown pattern `k8`"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("did you mean `k8s` (container-orchestration)"),
        "{}",
        r.stderr
    );
    let r = run(&["show", "sidcar"]);
    assert!(r.stderr.contains("`sidecar`"), "{}", r.stderr);
    let r = run(&["show", "zzzzqqq"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("archsel list"), "{}", r.stderr);
}

#[test]
fn json_carries_the_seed_ratings() {
    let r = run(&["show", "faas", "--format", "json"]);
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_eq!(v["id"], "serverless");
    assert_eq!(v["ratings"]["setup-complexity"], 2);
    assert_eq!(v["ratings"]["operational-cost"], 1);
    assert_eq!(v["ratings"]["team-size"], "any");
    assert_eq!(v["ratings"]["deployment-speed"], "very-fast");
    assert_eq!(v["dimensions"]["deploy"], "faas");
    assert!(v["related"].is_array());
    assert!(v["diagram"].as_str().unwrap().contains('─'));
}

#[test]
fn sections_select_parts_of_the_page() {
    let r = run(&["show", "sidecar", "--section", "diagram"]);
    assert_eq!(r.code, 0);
    let catalog = default_catalog();
    assert_eq!(
        r.stdout.trim_end(),
        catalog
            .pattern("sidecar")
            .unwrap()
            .body()
            .diagram
            .trim_end()
    );
    let r = run(&["show", "sidecar", "--section", "ratings,references"]);
    assert!(
        r.stdout.contains("RATINGS")
            && r.stdout.contains("REFERENCES")
            && !r.stdout.contains("DIAGRAM")
    );
    let r = run(&["show", "sidecar", "--section", "nope"]);
    assert_eq!(r.code, 2);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = run(&["show", "mono"]);
    assert!(!plain.stdout.contains('\x1b'), "no colour into a pipe");
    let forced = run(&["--color", "always", "show", "mono"]);
    assert!(forced.stdout.contains('\x1b'));
    let out = finish(
        archsel()
            .args(["show", "mono"])
            .env("NO_COLOR", "1")
            .output()
            .unwrap(),
    );
    assert!(!out.stdout.contains('\x1b'));
}

#[test]
fn a_user_file_replaces_a_builtin_and_show_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let text = shipped("sidecar").replace("name: Sidecar", "name: Our Sidecar");
    std::fs::write(dir.path().join("sidecar.yaml"), text).unwrap();
    let r = run(&[
        "--width",
        "200",
        "--catalog",
        dir.path().to_str().unwrap(),
        "show",
        "sidecar",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("OUR SIDECAR"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("replaces the built-in definition (patterns/sidecar.yaml)"),
        "{}",
        r.stdout
    );
    // The same through the environment variable.
    let out = finish(
        archsel()
            .args(["show", "sidecar"])
            .env("ARCHSEL_CATALOG", dir.path())
            .output()
            .unwrap(),
    );
    assert!(out.stdout.contains("OUR SIDECAR"));
}

#[test]
fn no_default_catalog_uses_only_the_given_directories() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("vocabulary.yaml"),
        std::fs::read_to_string(format!(
            "{}/patterns/vocabulary.yaml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let mono = shipped("monolith")
        .replace("evolves-to:", "evolves-to: []\n  x-unused:")
        .lines()
        .take_while(|l| !l.starts_with("relations:"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.path().join("monolith.yaml"), mono + "\n").unwrap();
    let r = run(&[
        "--no-default-catalog",
        "--catalog",
        dir.path().to_str().unwrap(),
        "list",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    let r = run(&[
        "--no-default-catalog",
        "--catalog",
        dir.path().to_str().unwrap(),
        "show",
        "k8s",
    ]);
    assert_eq!(r.code, 2);
}

/// Ctrl-C while a page is in the pager: archsel waits for the pager to end
/// (as git does) instead of dying and leaving it holding the terminal.
#[cfg(unix)]
#[test]
fn ctrl_c_in_the_pager_leaves_no_pager_behind() {
    use rexpect::process::WaitStatus;
    let dir = tempfile::tempdir().unwrap();
    let pager = dir.path().join("pager");
    std::fs::write(
        &pager,
        "#!/bin/sh\ntrap 'echo pager: interrupted' INT\necho pager: ready\ncat >/dev/null\nread -r _ </dev/tty\nsleep 0.3\necho pager: done\n",
    )
    .unwrap();
    std::fs::set_permissions(&pager, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    // A pty has no size until one is set; the page must be taller than it.
    let mut cmd = std::process::Command::new("sh");
    cmd.args([
        "-c",
        &format!(
            "stty rows 10 cols 80 && exec '{}' show sidecar",
            env!("CARGO_BIN_EXE_archsel")
        ),
    ])
    .env("PAGER", &pager)
    .env_remove("ARCHSEL_CATALOG");
    let mut p = rexpect::session::spawn_command(cmd, Some(10_000)).expect("spawn in a pty");
    p.exp_string("pager: ready").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    p.send_control('c').unwrap();
    p.exp_string("pager: interrupted").unwrap();
    p.exp_string("pager: done").unwrap();
    p.exp_eof().unwrap();
    let status = p.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}
