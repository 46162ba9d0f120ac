//! `graph`, `path` and `list --tree`: the relation graph drawn and walked.

use crate::helpers::{default_catalog, run};
use archsel::commands::path::shortest;

#[test]
fn dot_renders_with_graphviz() {
    let r = run(&["graph"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("digraph archsel {"));
    let Ok(mut dot) = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!(
            "note: Graphviz `dot` is not installed; checked DOT structure only (bash .ci/run installs it)"
        );
        return;
    };
    use std::io::Write;
    dot.stdin
        .take()
        .unwrap()
        .write_all(r.stdout.as_bytes())
        .unwrap();
    let out = dot.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot rejected the graph: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

#[test]
fn dot_and_mermaid_hold_every_relation() {
    let catalog = default_catalog();
    let relations: usize = catalog.patterns.iter().map(|p| p.relations.len()).sum();
    let dot = run(&["graph", "--format", "dot"]).stdout;
    // Every relation, plus one sample edge per kind in the legend.
    let kinds = catalog.vocabulary.relations.len();
    assert_eq!(dot.matches(" -> ").count(), relations + kinds);
    let mermaid = run(&["graph", "--format", "mermaid"]).stdout;
    assert!(mermaid.starts_with("flowchart LR\n"));
    let edges: Vec<&str> = mermaid
        .lines()
        .filter(|l| l.contains("|") && !l.contains("legend"))
        .collect();
    assert_eq!(edges.len(), relations);
    // Every edge end is a declared node.
    for edge in edges {
        let parts: Vec<&str> = edge.split_whitespace().collect();
        let (from, to) = (parts[0], parts[parts.len() - 1]);
        for id in [from, to] {
            assert!(mermaid.contains(&format!("    {id}[\"")), "{id} declared");
        }
    }
}

#[test]
fn filters_by_relation_and_start() {
    let r = run(&["graph", "--relation", "evolves-to", "--from", "mono"]);
    assert!(r.stdout.contains("\"monolith\" -> \"layered-monolith\""));
    assert!(
        !r.stdout.contains("variant-of") && !r.stdout.contains("\"data-mesh\""),
        "{}",
        r.stdout
    );
    let r = run(&["graph", "--relation", "evolved"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("evolves-to"), "{}", r.stderr);
}

#[test]
fn path_is_a_valid_walk_for_every_connected_pair() {
    let catalog = default_catalog();
    let n = catalog.patterns.len();
    let mut connected = 0;
    for a in 0..n {
        for b in 0..n {
            let Some(steps) = shortest(&catalog, a, b) else {
                continue;
            };
            connected += 1;
            let mut at = a;
            for (from, to, _) in &steps {
                assert_eq!(*from, at);
                assert!(
                    catalog.patterns[*from]
                        .relations
                        .iter()
                        .any(|r| r.kind == "evolves-to" && r.target == catalog.patterns[*to].id),
                    "{} → {} is an evolves-to edge",
                    catalog.patterns[*from].id,
                    catalog.patterns[*to].id
                );
                at = *to;
            }
            assert_eq!(at, b);
        }
    }
    assert!(connected > n, "the evolution graph connects many pairs");
}

#[test]
fn path_text_and_json() {
    let r = run(&["--width", "80", "path", "mono", "mesh"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("path_mono_mesh", r.stdout);
    let r = run(&["path", "modular-monolith", "micro", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["from"], "modular-monolith");
    assert_eq!(v.as_array().unwrap().last().unwrap()["to"], "microservices");
    assert!(
        v[0]["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["what"] == "Service granularity")
    );
}

#[test]
fn no_path_says_what_each_side_reaches() {
    let r = run(&["path", "mesh", "mono"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no evolution path leads from `service-mesh` to `monolith`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("you can evolve to: multi-cluster-mesh"),
        "{}",
        r.stderr
    );
}

#[test]
fn tree_lists_variants_under_their_parents() {
    let r = run(&["list", "--tree"]);
    insta::assert_snapshot!("list_tree", r.stdout);
    let r = run(&["--width", "80", "show", "ambient-mesh"]);
    assert!(
        r.stdout.contains("DIFFERENCES FROM ITS PARENT")
            && r.stdout.contains("service-mesh (Service Mesh)"),
        "{}",
        r.stdout
    );
}
