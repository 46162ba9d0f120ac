//! `archsel list` and the generated artifacts (completions, man page, clap's own checks).

use crate::helpers::{run, shipped};

#[test]
fn lists_every_pattern_grouped_by_category() {
    let r = run(&["list"]);
    assert_eq!(r.code, 0);
    for id in ["monolith", "sidecar", "service-mesh", "hybrid-cloud"] {
        assert!(r.stdout.contains(id), "{id} listed");
    }
    let single = r.stdout.find("Single-host patterns").unwrap();
    let cloud = r.stdout.find("Cloud-native patterns").unwrap();
    assert!(single < cloud, "categories in vocabulary order");
}

#[test]
fn filters_by_category_and_dimension() {
    let r = run(&["list", "--category", "single-host", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"monolith") && ids.contains(&"layered-monolith"));
    assert!(!ids.contains(&"serverless"));

    let r = run(&[
        "list",
        "--where",
        "deploy=single-host",
        "--where",
        "granularity=modular",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"layered-monolith")
            && ids.contains(&"multi-tier")
            && ids.contains(&"sidecar")
    );
    assert!(!ids.contains(&"monolith"));
}

#[test]
fn bad_filters_are_usage_errors_with_the_valid_values() {
    let r = run(&["list", "--where", "deploy=singel-host"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `single-host`"),
        "{}",
        r.stderr
    );
    let r = run(&["list", "--where", "nonsense"]);
    assert_eq!(r.code, 2);
    let r = run(&["list", "--category", "clouds"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cloud-native"), "{}", r.stderr);
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains("archsel"));
    }
    let r = run(&["man"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains(".TH archsel"));
}

#[test]
fn cli_definition_is_consistent() {
    use clap::CommandFactory;
    archsel::cli::Cli::command().debug_assert();
}

#[test]
fn help_snapshot() {
    let r = run(&["--help"]);
    insta::assert_snapshot!("help", r.stdout);
}

#[test]
fn committed_json_schemas_are_current() {
    for kind in ["pattern", "tree", "vocabulary"] {
        let r = run(&["schema", kind]);
        assert_eq!(r.code, 0);
        let path = format!("{}/schemas/{kind}.schema.json", env!("CARGO_MANIFEST_DIR"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == r.stdout,
            "{path} is stale: regenerate with `cargo run -- schema {kind} > schemas/{kind}.schema.json`"
        );
    }
}

#[test]
fn shipped_files_validate_against_their_schema() {
    let root = env!("CARGO_MANIFEST_DIR");
    let schema = |kind: &str| -> serde_json::Value {
        serde_json::from_str(
            &std::fs::read_to_string(format!("{root}/schemas/{kind}.schema.json")).unwrap(),
        )
        .unwrap()
    };
    let pattern = jsonschema::validator_for(&schema("pattern")).unwrap();
    // The catalog files, read as JSON values by the YAML loader's own parser.
    for entry in std::fs::read_dir(format!("{root}/patterns")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") || path.ends_with("vocabulary.yaml") {
            continue;
        }
        let value: serde_json::Value =
            serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> = pattern.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
    // What lint rejects, an editor rejects too: the enums come from the
    // vocabulary.
    let sidecar: serde_json::Value = serde_saphyr::from_str(&shipped("sidecar")).unwrap();
    for (field, bad) in [
        ("/category", serde_json::json!("seperated")),
        ("/role", serde_json::json!("whole")),
        ("/dimensions/infra", serde_json::json!("elsewhere")),
        ("/ratings/scalability", serde_json::json!(7)),
        ("/ratings/learning-curve", serde_json::json!("trivial")),
    ] {
        let mut wrong = sidecar.clone();
        *wrong.pointer_mut(field).unwrap() = bad.clone();
        assert!(!pattern.is_valid(&wrong), "{field}: {bad} accepted");
    }
    let mut unknown_kind = sidecar.clone();
    unknown_kind["relations"]["evolves-into"] = serde_json::json!(["monolith"]);
    assert!(
        !pattern.is_valid(&unknown_kind),
        "an unknown relation kind accepted"
    );
}
