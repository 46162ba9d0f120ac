//! `archsel compare`: the matrix as people see it (snapshots), every format,
//! the seed's values, and the errors.

use crate::helpers::{fixture_catalog, run};
use archsel::commands::compare::{CompareFormat, build, render};
use archsel::render::Term;

fn compare(names: &[&str], format: CompareFormat, width: usize) -> String {
    let catalog = fixture_catalog();
    let patterns: Vec<_> = names
        .iter()
        .map(|n| &catalog.patterns[catalog.resolve(n).unwrap()])
        .collect();
    let comparison = build(&catalog, &patterns, &[], false).unwrap();
    render(&catalog, &comparison, format, Term::plain(width))
}

const FIXTURES: [&str; 3] = ["fixture-hub", "fixture-variant", "fixture-part"];

/// The comparison of the rendering fixtures, at 80 columns and split into
/// column groups at 40.
#[test]
fn snapshot_text_at_80_and_40_columns() {
    insta::assert_snapshot!(
        "compare_fixtures_80",
        compare(&FIXTURES, CompareFormat::Text, 80)
    );
    insta::assert_snapshot!(
        "compare_fixtures_40",
        compare(&FIXTURES, CompareFormat::Text, 40)
    );
}

#[test]
fn tables_fit_the_width_by_splitting_columns() {
    use unicode_width::UnicodeWidthStr;
    for width in [60, 80, 120, 200] {
        let r = run(&["--width", &width.to_string(), "compare", "--all"]);
        for line in r
            .stdout
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '└', '├']))
        {
            assert!(line.width() <= width, "{width}: {line}");
        }
    }
}

#[test]
fn snapshot_markdown_csv_json() {
    let names = FIXTURES;
    insta::assert_snapshot!(
        "compare_markdown",
        compare(&names, CompareFormat::Markdown, 80)
    );
    insta::assert_snapshot!("compare_csv", compare(&names, CompareFormat::Csv, 80));
    insta::assert_snapshot!("compare_json", compare(&names, CompareFormat::Json, 80));
}

#[test]
fn json_of_all_reproduces_the_seed_matrix_for_the_core_patterns() {
    let r = run(&["compare", "--all", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let row = |id: &str| {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    // Seed 001, "Summary Comparison Matrix" (a selection of rows; the full
    // matrix is checked value for value in catalog.rs).
    let expect: [(&str, [serde_json::Value; 12]); 4] = [
        (
            "setup-complexity",
            [1, 2, 2, 3, 3, 4, 5, 4, 5, 2, 5, 5].map(Into::into),
        ),
        (
            "operational-cost",
            [1, 1, 1, 2, 2, 3, 4, 3, 4, 1, 4, 5].map(Into::into),
        ),
        (
            "team-size",
            [
                "1-2", "2-5", "2-5", "5-10", "5-10", "10+", "20+", "10+", "20+", "any", "20+",
                "50+",
            ]
            .map(Into::into),
        ),
        (
            "deployment-speed",
            [
                "fast",
                "fast",
                "fast",
                "medium",
                "medium",
                "slow",
                "slow",
                "medium",
                "slow",
                "very-fast",
                "slow",
                "slow",
            ]
            .map(Into::into),
        ),
    ];
    let core = [
        "monolith",
        "layered-monolith",
        "externalized-infrastructure",
        "multi-tier",
        "sidecar",
        "microservices",
        "service-mesh",
        "event-driven",
        "container-orchestration",
        "serverless",
        "edge-computing",
        "hybrid-cloud",
    ];
    for (criterion, values) in expect {
        let row = row(criterion);
        for (id, value) in core.iter().zip(values) {
            assert_eq!(row["values"][id], value, "{criterion} of {id}");
        }
    }
    // Columns come in the seed's order.
    let ids: Vec<&str> = v["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let core_positions: Vec<usize> = core
        .iter()
        .map(|c| ids.iter().position(|i| i == c).unwrap())
        .collect();
    assert!(core_positions.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
}

#[test]
fn best_marks_follow_each_criterion_direction() {
    let r = run(&["compare", "mono", "k8s", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let best = |id: &str| {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["best"]
            .clone()
    };
    assert_eq!(
        best("setup-complexity"),
        serde_json::json!(["monolith"]),
        "lower is better"
    );
    assert_eq!(
        best("scalability"),
        serde_json::json!(["container-orchestration"]),
        "higher is better"
    );
    assert_eq!(best("team-size"), serde_json::json!([]), "no direction");
}

#[test]
fn filters_diff_and_ascii() {
    let r = run(&[
        "compare",
        "mono",
        "layered",
        "--criteria",
        "scalability,infra",
        "--format",
        "csv",
    ]);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    let r = run(&["compare", "mono", "layered", "--diff", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rows: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        rows.contains(&"granularity")
            && !rows.contains(&"infra")
            && !rows.contains(&"operational-cost"),
        "{rows:?}"
    );
    let r = run(&["compare", "mono", "k8s", "--ascii"]);
    assert!(r.stdout.is_ascii(), "{}", r.stdout);
    assert!(r.stdout.contains("***** 5/5") && r.stdout.contains("v lower is better"));
}

#[test]
fn errors_and_duplicates() {
    let r = run(&["compare", "mono", "k8"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `k8s`"), "{}", r.stderr);
    let r = run(&["compare", "mono"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("at least two patterns"), "{}", r.stderr);
    let r = run(&["compare", "mono", "monolith", "mono"]);
    assert_eq!(
        r.code, 2,
        "a duplicate is compared once, leaving one pattern"
    );
    let r = run(&["compare", "mono", "k8s", "mono", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["patterns"].as_array().unwrap().len(), 2);
    let r = run(&["compare", "mono", "k8s", "--criteria", "speed"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("deployment-speed"), "{}", r.stderr);
}
