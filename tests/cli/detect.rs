//! `archsel detect` through the binary: classification, the formats, drift
//! against an ADR and its exit codes, standard input, hostile inputs.

use crate::helpers::{Run, archsel, finish};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/archsel-detect/tests/fixtures")
}

/// `archsel detect ARGS` run in the fixtures folder (paths in the output are
/// relative, as in a repository).
fn detect(args: &[&str]) -> Run {
    finish(
        archsel()
            .current_dir(fixtures())
            .arg("detect")
            .args(args)
            .output()
            .expect("archsel runs"),
    )
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("JSON output")
}

#[test]
fn text_report_of_a_mixed_repository() {
    let run = detect(&["voting-app-mixed"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("detect_text_mixed", run.stdout);
}

#[test]
fn json_has_the_documented_shape_nearest_first() {
    for fixture in [
        "microservices-demo-istio",
        "serverless-sqs-worker",
        "sam-sqs-lambda",
    ] {
        let run = detect(&[fixture, "--format", "json"]);
        assert_eq!(run.code, 0, "{fixture}: {}", run.stderr);
        let v = json(&run);
        for dim in ["infra", "granularity", "network", "deploy"] {
            let d = &v["dimensions"][dim];
            assert!(d["value"].is_string(), "{fixture} {dim}");
            let e = &d["evidence"][0];
            assert!(e["file"].as_str().unwrap().starts_with(fixture));
            assert!(e["line"].as_u64().unwrap() >= 1);
            assert!(e["note"].is_string());
        }
        let patterns = v["patterns"].as_array().unwrap();
        // nearest first; a pattern none of whose markers was seen goes
        // after the others (rules.yaml `patterns:`)
        let order: Vec<(bool, f64)> = patterns
            .iter()
            .map(|p| {
                let absent = p["markers_absent"].as_bool().unwrap();
                (absent, -p["similarity"].as_f64().unwrap())
            })
            .collect();
        assert!(order.is_sorted_by(|a, b| a <= b), "nearest first");
        // every pattern of the loaded catalog is a point, parts included
        assert!(patterns.len() > 12);
        assert!(patterns.iter().any(|p| p["architecture"] == false));
        assert!(v["components"].is_array());
        assert!(v.get("against").is_none());
    }
}

#[test]
fn a_user_catalog_pattern_is_ranked_too() {
    let dir = tempfile::tempdir().unwrap();
    let text = crate::helpers::shipped("container-orchestration")
        .replace("id: container-orchestration", "id: our-platform")
        .replace("name: Container Orchestration", "name: Our platform");
    let text = text
        .lines()
        .filter(|l| !l.starts_with("aliases:"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.path().join("our-platform.yaml"), text).unwrap();
    let run = detect(&[
        "--catalog",
        dir.path().to_str().unwrap(),
        "voting-app-mixed/k8s-specifications",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run);
    assert!(
        v["patterns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "our-platform"),
        "{}",
        run.stdout
    );
}

#[test]
fn against_passes_when_matching_and_fails_with_findings_when_drifted() {
    let ok = detect(&[
        "voting-app-mixed/k8s-specifications",
        "--against",
        "adr/0001-microservices.md",
    ]);
    assert_eq!(ok.code, 0, "{}\n{}", ok.stdout, ok.stderr);
    assert!(ok.stdout.contains("no drift"), "{}", ok.stdout);

    let drifted = detect(&[
        "voting-app-mixed/k8s-specifications",
        "--against",
        "adr/0002-layered-monolith.md",
        "--format",
        "github",
    ]);
    assert_eq!(drifted.code, 1, "{}", drifted.stderr);
    insta::assert_snapshot!("detect_github_drift", drifted.stdout);

    let sarif = detect(&[
        "voting-app-mixed/k8s-specifications",
        "--against",
        "adr/0002-layered-monolith.md",
        "--format",
        "sarif",
    ]);
    assert_eq!(sarif.code, 1);
    let v = json(&sarif);
    crate::sarif::validate(&v);
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    let rules: Vec<&str> = v["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(rules, archsel_detect::RULE_IDS);
    for r in results {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            uri.starts_with("voting-app-mixed/k8s-specifications/"),
            "{uri}"
        );
    }

    let j = detect(&[
        "voting-app-mixed/k8s-specifications",
        "--against",
        "adr/0002-layered-monolith.md",
        "--format",
        "json",
    ]);
    assert_eq!(j.code, 1);
    let v = json(&j);
    assert_eq!(v["against"]["drift"], true);
    assert_eq!(v["against"]["decision"]["pattern"], "layered-monolith");
    assert_eq!(v["against"]["findings"].as_array().unwrap().len(), 5);

    let text = detect(&[
        "voting-app-mixed/k8s-specifications",
        "--against",
        "adr/0002-layered-monolith.md",
    ]);
    assert_eq!(text.code, 1);
    assert!(text.stdout.contains("drift-deploy"));
    assert!(
        text.stdout
            .contains("k8s-specifications/db-deployment.yaml:2:1")
    );
}

#[test]
fn exit_2_for_nothing_found_a_bad_adr_or_a_missing_path() {
    let none = detect(&["nothing"]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("no deployment file found in nothing"));
    assert!(
        none.stderr.contains("Kubernetes manifests"),
        "{}",
        none.stderr
    );
    assert!(none.stdout.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let adr = dir.path().join("adr.md");
    std::fs::write(&adr, "# Just prose\n").unwrap();
    let bad = detect(&["voting-app-compose", "--against", adr.to_str().unwrap()]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("front matter"), "{}", bad.stderr);
    assert!(bad.stderr.contains("archsel recommend --adr"));

    let missing = detect(&["voting-app-compose", "--against", "no-such.md"]);
    assert_eq!(missing.code, 2);
    let missing = detect(&["no-such-dir"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no-such-dir"), "{}", missing.stderr);
}

/// `archsel detect - ARGS` in the fixtures folder, `text` on standard input.
fn detect_stdin(args: &[&str], text: &str) -> Run {
    let mut child = archsel()
        .current_dir(fixtures())
        .args(["detect", "-"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    finish(child.wait_with_output().unwrap())
}

#[test]
fn standard_input_takes_helm_template_output() {
    let manifests =
        std::fs::read_to_string(fixtures().join("microservices-demo/kubernetes-manifests.yaml"))
            .unwrap();
    let run = detect_stdin(&["--format", "json"], &manifests);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run);
    assert_eq!(v["dimensions"]["deploy"]["value"], "orchestrated");
    assert_eq!(v["dimensions"]["granularity"]["value"], "distributed");
    assert_eq!(v["dimensions"]["deploy"]["evidence"][0]["file"], "-");
}

/// `helm template` writes `# Source: CHART/templates/FILE` before each
/// document: evidence read from standard input names that template beside
/// `-:LINE`, in every format; a document with no such comment is not named
/// after the one before it.
#[test]
fn standard_input_evidence_names_the_template_it_was_rendered_from() {
    let rendered = "---\n# Source: shop/templates/web.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: web, image: org/web:1}]}}}\n---\n# Source: shop/charts/redis/templates/redis.yaml\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: redis}\nspec: {template: {spec: {containers: [{name: redis, image: redis:7}]}}}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {template: {spec: {containers: [{name: api, image: org/api:1}]}}}\n";
    let text = detect_stdin(&[], rendered);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout.contains("-:4 (shop/templates/web.yaml)  "),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("redis                    -:12 (shop/charts/redis/templates/redis.yaml)\n"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("-:15  "), "{}", text.stdout);

    let v = json(&detect_stdin(&["--format", "json"], rendered));
    let evidence = v["dimensions"]["deploy"]["evidence"].as_array().unwrap();
    let at = |line: u64| {
        evidence
            .iter()
            .find(|e| e["line"] == line)
            .unwrap_or_else(|| panic!("no evidence at {line}: {evidence:?}"))
    };
    // file and line keep their meaning; the template is a field of its own
    assert_eq!(at(4)["file"], "-");
    assert_eq!(at(4)["rendered_from"], "shop/templates/web.yaml");
    assert!(at(15).get("rendered_from").is_none(), "{:?}", at(15));

    // the lint formats carry a file and a line only: the template is in
    // the message
    let github = detect_stdin(
        &[
            "--against",
            "adr/0002-layered-monolith.md",
            "--format",
            "github",
        ],
        rendered,
    );
    assert_eq!(github.code, 1, "{}", github.stderr);
    assert!(
        github.stdout.contains("(rendered from shop/"),
        "{}",
        github.stdout
    );
}

#[test]
fn hostile_inputs_through_the_binary_are_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("binary.yaml"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(
        d.join("huge.yaml"),
        vec![b'a'; (archsel_detect::MAX_FILE_SIZE + 10) as usize],
    )
    .unwrap();
    std::fs::write(d.join("deep.yaml"), "[".repeat(100_000)).unwrap();
    std::fs::write(d.join("bad-utf8.yml"), [b'a', b':', b' ', 0xff, 0xfe]).unwrap();
    // terminal escapes in names must not reach the terminal
    std::fs::write(
        d.join("compose.yaml"),
        "services:\n  \"web\\e]52;c;aGk=\\a\\e[31m\":\n    image: \"org/web\\e[2J:1\"\n  db:\n    image: postgres:16\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("loop")).unwrap();
    let start = std::time::Instant::now();
    let run = detect(&[d.to_str().unwrap(), "hostile"]);
    assert!(start.elapsed().as_secs() < 10);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "escape reached the terminal"
    );
    assert!(!run.stdout.contains('\u{7}'));
    assert!(run.stdout.contains("problem:"), "{}", run.stdout);
    for f in ["billion-laughs.yaml", "deep.yaml", "bad-utf8.yml"] {
        assert!(run.stdout.contains(f), "{f} not reported:\n{}", run.stdout);
    }
    let j = detect(&[d.to_str().unwrap(), "hostile", "--format", "json"]);
    assert_eq!(j.code, 0);
    let ignored = json(&j)["ignored"].to_string();
    assert!(ignored.contains("huge.yaml") && ignored.contains("symlink loop") || cfg!(not(unix)));
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let mut child = archsel()
        .current_dir(fixtures())
        .args(["detect", "microservices-demo-istio", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
