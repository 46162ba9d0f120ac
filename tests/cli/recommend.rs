//! `archsel recommend`: scenarios through the scripted interface, the JSON
//! contract, the text explanation and the ADR (snapshots), answer files,
//! errors, and the interactive mode through a pseudo-terminal.

use crate::helpers::{archsel, default_catalog, finish, run};
use std::path::Path;

fn recommend_json(answers: &[&str]) -> serde_json::Value {
    let mut args = vec!["recommend", "--no-input", "--format", "json"];
    for a in answers {
        args.extend(["--answer", a]);
    }
    let r = run(&args);
    assert_eq!(r.code, 0, "{answers:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).expect("JSON")
}

/// One scenario per core pattern plus harder mixes: answers → the tree's leaf.
const SCENARIOS: &[(&[&str], &str)] = &[
    (&["team-size=1-2", "stage=poc"], "monolith"),
    (&["team-size=1-2", "stage=learning"], "monolith"),
    (&["team-size=1-2", "stage=simple-app"], "layered-monolith"),
    (
        &["team-size=1-2", "stage=staging", "shared-infra=yes"],
        "externalized-infrastructure",
    ),
    (
        &[
            "team-size=1-2",
            "stage=production",
            "traffic=steady",
            "regulated=yes",
        ],
        "multi-tier",
    ),
    (
        &["team-size=3-10", "stage=production", "cross-cutting=yes"],
        "sidecar",
    ),
    (
        &["team-size=11-50", "stage=production", "kubernetes=no"],
        "microservices",
    ),
    (
        &[
            "team-size=11-50",
            "stage=production",
            "kubernetes=yes",
            "mesh-needs=yes",
        ],
        "service-mesh",
    ),
    (
        &["team-size=3-10", "stage=production", "async-events=yes"],
        "event-driven",
    ),
    (
        &["team-size=3-10", "stage=production", "kubernetes=yes"],
        "container-orchestration",
    ),
    (
        &["team-size=3-10", "stage=production", "traffic=spiky"],
        "serverless",
    ),
    (
        &["team-size=50+", "stage=production", "edge-latency=yes"],
        "edge-computing",
    ),
    (&["team-size=50+", "multi-cloud=yes"], "hybrid-cloud"),
    // Mixes: the first decisive answer on the path wins.
    (
        &["team-size=3-10", "stage=poc", "kubernetes=yes"],
        "monolith",
    ),
    (
        &[
            "team-size=11-50",
            "stage=production",
            "edge-latency=yes",
            "multi-cloud=yes",
        ],
        "edge-computing",
    ),
    (
        &[
            "team-size=1-2",
            "stage=production",
            "traffic=spiky",
            "regulated=yes",
        ],
        "serverless",
    ),
    (
        &[
            "team-size=50+",
            "multi-cloud=no",
            "traffic=steady",
            "async-events=yes",
        ],
        "event-driven",
    ),
    (
        &[
            "team-size=3-10",
            "stage=production",
            "regulated=yes",
            "kubernetes=yes",
        ],
        "multi-tier",
    ),
    (
        &["team-size=11-50", "stage=staging"],
        "container-orchestration",
    ),
    // A large regulated organisation keeps its services; mesh needs decide.
    (
        &[
            "team-size=50+",
            "stage=production",
            "regulated=yes",
            "mesh-needs=yes",
        ],
        "service-mesh",
    ),
];

#[test]
fn scenarios_lead_to_the_expected_pattern() {
    for (answers, expected) in SCENARIOS {
        let v = recommend_json(answers);
        assert_eq!(v["recommendation"]["id"], *expected, "{answers:?}");
    }
}

#[test]
fn json_has_the_documented_shape() {
    let v = recommend_json(&["team-size=3-10"]);
    assert!(v["recommendation"]["id"].is_string());
    let ranking = v["ranking"].as_array().unwrap();
    assert_eq!(
        ranking.len(),
        default_catalog().patterns.len(),
        "every pattern is scored"
    );
    for entry in ranking {
        assert!(
            entry["id"].is_string() && entry["score"].is_number() && entry["reasons"].is_array()
        );
        let total: f64 = entry["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["points"].as_f64().unwrap())
            .sum();
        assert!(
            (total - entry["score"].as_f64().unwrap()).abs() < 0.05,
            "score is the sum of its reasons"
        );
    }
    let path = v["path"].as_array().unwrap();
    assert_eq!(path[0]["question"], "team-size");
    assert_eq!(path[0]["answer"], "3-10");
    assert_eq!(path[0]["assumed"], false);
    assert!(
        path[1..].iter().all(|s| s["assumed"] == true),
        "unanswered questions are assumed"
    );
    assert!(v["runner_up"]["id"].is_string());
    assert!(
        v["tipping_points"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["question"].is_null() && t["key"].is_string())
    );
}

#[test]
fn scoring_is_deterministic() {
    let a = run(&[
        "recommend",
        "--no-input",
        "--format",
        "json",
        "--answer",
        "team-size=11-50",
    ]);
    let b = run(&[
        "recommend",
        "--no-input",
        "--format",
        "json",
        "--answer",
        "team-size=11-50",
    ]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn tipping_points_change_the_outcome() {
    let v = recommend_json(&["team-size=3-10", "stage=production"]);
    let tips = v["tipping_points"].as_array().unwrap();
    let spiky = tips
        .iter()
        .find(|t| t["key"] == "traffic" && t["to"] == "spiky")
        .expect("traffic tips it");
    assert_eq!(spiky["leads_to"], "serverless");
    for t in tips {
        let answers = [
            "team-size=3-10".to_owned(),
            "stage=production".to_owned(),
            format!(
                "{}={}",
                t["key"].as_str().unwrap(),
                t["to"].as_str().unwrap()
            ),
        ];
        let refs: Vec<&str> = answers.iter().map(String::as_str).collect();
        if t["key"] != "team-size" && t["key"] != "stage" {
            assert_eq!(
                recommend_json(&refs)["recommendation"]["id"],
                t["leads_to"],
                "{t}"
            );
        }
    }
}

/// A fact the path does not ask still counts: `regulated=yes` on a path that
/// ends at the edge is listed as unasked and weighs security in the ranking.
#[test]
fn given_answers_off_the_path_count_in_the_ranking() {
    let base = ["team-size=3-10", "stage=production", "edge-latency=yes"];
    let plain = recommend_json(&base);
    let regulated = recommend_json(&[&base[..], &["regulated=yes"]].concat());
    assert_eq!(plain["recommendation"]["id"], "edge-computing");
    assert_eq!(regulated["recommendation"]["id"], "edge-computing");
    assert!(plain.get("unasked").is_none());
    let unasked = regulated["unasked"].as_array().expect("unasked answers");
    assert_eq!(unasked.len(), 1);
    assert_eq!(unasked[0]["question"], "regulated");
    assert_eq!(unasked[0]["source"], "unasked");
    assert!(
        regulated["path"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["question"] != "regulated")
    );
    let score = |v: &serde_json::Value, id: &str| {
        v["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    assert!(score(&regulated, "multi-tier") > score(&plain, "multi-tier"));
    let text = run(&[
        "recommend",
        "--no-input",
        "--answer",
        "team-size=3-10",
        "--answer",
        "edge-latency=yes",
        "--answer",
        "regulated=yes",
    ]);
    assert!(
        text.stdout.contains("not asked on this path"),
        "{}",
        text.stdout
    );
}

/// A tipping point re-walks with the other answers kept, given ones that the
/// original path did not ask included: with `traffic=spiky` given, changing
/// edge-latency leads to serverless, not to the steady-traffic default.
#[test]
fn tipping_points_keep_given_answers_off_the_path() {
    let v = recommend_json(&[
        "team-size=3-10",
        "stage=production",
        "edge-latency=yes",
        "traffic=spiky",
    ]);
    let tips = v["tipping_points"].as_array().unwrap();
    let edge = tips
        .iter()
        .find(|t| t["key"] == "edge-latency")
        .expect("edge-latency tips it");
    assert_eq!(edge["leads_to"], "serverless");
}

#[test]
fn bad_answers_exit_2_with_the_valid_ones() {
    let r = run(&["recommend", "--no-input", "--answer", "team=3-10"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("team-size"), "{}", r.stderr);
    let r = run(&["recommend", "--no-input", "--answer", "team-size=huge"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("11-50"), "{}", r.stderr);
    let r = run(&["recommend", "--no-input", "--answer", "team-size"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("KEY=VALUE"), "{}", r.stderr);
}

#[test]
fn questions_lists_keys_values_and_defaults() {
    let r = run(&["recommend", "--questions", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let keys: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["key"].as_str().unwrap())
        .collect();
    for key in [
        "team-size",
        "stage",
        "kubernetes",
        "async-events",
        "traffic",
        "mesh-needs",
        "multi-cloud",
        "edge-latency",
        "regulated",
        "cross-cutting",
        "shared-infra",
    ] {
        assert!(keys.contains(&key), "{key} is asked");
    }
    let stage = v
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["key"] == "stage")
        .unwrap();
    assert_eq!(
        stage["values"],
        serde_json::json!(["poc", "learning", "simple-app", "staging", "production"])
    );
    let r = run(&["recommend", "--questions"]);
    assert!(r.stdout.contains("3-10 (default)"), "{}", r.stdout);
}

#[test]
fn answers_file_with_booleans_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.toml");
    std::fs::write(
        &file,
        "team-size = \"11-50\"\nstage = \"production\"\nkubernetes = false\n",
    )
    .unwrap();
    let r = run(&[
        "recommend",
        "--no-input",
        "--format",
        "json",
        "--answers",
        file.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["recommendation"]["id"], "microservices");
    let r = run(&[
        "recommend",
        "--no-input",
        "--format",
        "json",
        "--answers",
        file.to_str().unwrap(),
        "--answer",
        "team-size=1-2",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["path"][0]["answer"], "1-2", "--answer wins over the file");
    std::fs::write(&file, "team-size = [1, 2]\n").unwrap();
    let r = run(&[
        "recommend",
        "--no-input",
        "--answers",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    std::fs::write(&file, "team-size = \n").unwrap();
    let r = run(&[
        "recommend",
        "--no-input",
        "--answers",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not valid TOML"), "{}", r.stderr);
}

#[test]
fn snapshot_text_explanation() {
    let r = run(&[
        "--width",
        "80",
        "recommend",
        "--no-input",
        "--answer",
        "team-size=11-50",
        "--answer",
        "stage=production",
        "--answer",
        "mesh-needs=yes",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("recommend_text", r.stdout);
}

fn adr(dir: &Path, name: &str, extra: &[&str]) -> crate::helpers::Run {
    let path = dir.join(name);
    let mut args = vec![
        "recommend",
        "--no-input",
        "--answer",
        "team-size=3-10",
        "--answer",
        "stage=production",
        "--adr",
        path.to_str().unwrap(),
    ];
    args.extend(extra);
    finish(
        archsel()
            .args(&args)
            .env("SOURCE_DATE_EPOCH", "1795219200")
            .output()
            .unwrap(),
    )
}

#[test]
fn adr_is_madr_written_once_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let r = adr(dir.path(), "0001-architecture.md", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(dir.path().join("0001-architecture.md")).unwrap();
    insta::assert_snapshot!("recommend_adr", text);
    for heading in [
        "## Context and Problem Statement",
        "## Decision Drivers",
        "## Considered Options",
        "## Decision Outcome",
        "### Consequences",
        "## Pros and Cons of the Options",
        "## Links",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    let again = adr(dir.path(), "0001-architecture.md", &[]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("0001-architecture.md")).unwrap(),
        text,
        "untouched"
    );
    assert_eq!(
        adr(dir.path(), "0001-architecture.md", &["--force"]).code,
        0
    );
    let missing = adr(dir.path(), "no/such/dir/adr.md", &[]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("does not exist"),
        "{}",
        missing.stderr
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary files left"
    );
}

#[cfg(unix)]
mod interactive {
    use rexpect::process::WaitStatus;
    use rexpect::session::spawn_command;

    fn session(adr: Option<&std::path::Path>) -> rexpect::session::PtySession {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_archsel"));
        cmd.args(["--color", "never", "--width", "100", "recommend"]);
        if let Some(path) = adr {
            cmd.arg("--adr").arg(path);
        }
        cmd.env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .env_remove("ARCHSEL_CATALOG");
        spawn_command(cmd, Some(10_000)).expect("spawn in a pty")
    }

    const DOWN: &str = "\x1b[B";
    const UP: &str = "\x1b[A";
    const ENTER: &str = "\r";

    /// Waits until a menu is fully drawn (its key help is the last line), then
    /// gives the prompt a moment to switch the terminal to raw mode.
    fn menu(p: &mut rexpect::session::PtySession, question: &str) {
        p.exp_string(question).unwrap();
        p.exp_string("quit]").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
    }

    fn key(p: &mut rexpect::session::PtySession, keys: &str) {
        p.send(keys).unwrap();
        p.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(150));
    }

    #[test]
    fn arrow_keys_enter_and_back() {
        let mut p = session(None);
        menu(&mut p, "How many engineers");
        // 3-10 is the default; two downs → 50+.
        key(&mut p, DOWN);
        key(&mut p, DOWN);
        key(&mut p, ENTER);
        menu(&mut p, "several clouds");
        // Go back (Esc): team size again, the cursor on 50+; up three times → 1-2.
        key(&mut p, "\x1b");
        menu(&mut p, "How many engineers");
        key(&mut p, UP);
        key(&mut p, UP);
        key(&mut p, UP);
        key(&mut p, ENTER);
        menu(&mut p, "What are you building");
        key(&mut p, ENTER); // poc, the default here
        let screen = p.exp_eof().unwrap();
        assert!(screen.contains("RECOMMENDATION"), "{screen}");
        assert!(screen.contains("Monolith (monolith)"), "{screen}");
        assert!(screen.contains("answered"), "{screen}");
        assert!(matches!(
            p.process().wait().unwrap(),
            WaitStatus::Exited(_, 0)
        ));
    }

    #[test]
    fn ctrl_c_exits_130_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let adr = dir.path().join("adr.md");
        let mut p = session(Some(&adr));
        menu(&mut p, "How many engineers");
        key(&mut p, ENTER);
        menu(&mut p, "What are you building");
        p.send_control('c').unwrap();
        p.exp_eof().unwrap();
        assert!(matches!(
            p.process().wait().unwrap(),
            WaitStatus::Exited(_, 130)
        ));
        assert!(!adr.exists(), "no ADR after an interrupt");
    }
}

#[test]
fn scoring_is_independent_of_file_order() {
    // The same three extra patterns, loaded in opposite file orders.
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (i, id) in ["monolith", "sidecar", "serverless"].iter().enumerate() {
        let text = crate::helpers::shipped(id)
            .replacen(&format!("id: {id}"), &format!("id: copy-of-{id}"), 1)
            .lines()
            .filter(|l| !l.starts_with("aliases:") && !l.starts_with("core:"))
            .map(|l| {
                if l.starts_with("name: ") {
                    format!("{l} (copy)")
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(a.path().join(format!("{i}-{id}.yaml")), &text).unwrap();
        std::fs::write(b.path().join(format!("{}-{id}.yaml", 9 - i)), &text).unwrap();
    }
    let ranking = |dir: &tempfile::TempDir| {
        let r = run(&[
            "--catalog",
            dir.path().to_str().unwrap(),
            "recommend",
            "--no-input",
            "--format",
            "json",
            "--answer",
            "team-size=1-2",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        (v["recommendation"].clone(), v["ranking"].clone())
    };
    assert_eq!(ranking(&a), ranking(&b));
}
