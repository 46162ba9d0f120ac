//! `archsel recommend`: scenarios for the seed's rules and their written
//! departures, the JSON contract, the blueprint, the text, brief and
//! markdown reports and the ADR (snapshots), answer files, errors, and the
//! interactive mode through a pseudo-terminal.

use crate::helpers::{archsel, finish, run};
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

/// The seed's tree and quick guide, rule by rule, and the departures the
/// tree file writes down: answers → the tree's leaf.
const SCENARIOS: &[(&[&str], &str)] = &[
    // Seed: 1-2 people → POC/MVP, learning → monolith; simple app → layered.
    (&["team-size=1-2", "stage=poc"], "monolith"),
    (&["team-size=1-2", "stage=learning"], "monolith"),
    (&["team-size=1-2", "stage=simple-app"], "layered-monolith"),
    // Quick guide: clean separation → externalized infrastructure.
    (
        &["stage=staging", "shared-infra=yes"],
        "externalized-infrastructure",
    ),
    // Seed: 3-10 in production → K8s? → container orchestration.
    (
        &["team-size=3-10", "kubernetes=yes"],
        "container-orchestration",
    ),
    // Seed: → async/event? → event-driven; "no servers" → serverless.
    (&["team-size=3-10", "async-events=yes"], "event-driven"),
    (&["async-events=yes", "hosting=managed-first"], "serverless"),
    (&["team-size=3-10", "hosting=managed-first"], "serverless"),
    // Seed: need a mesh? → service mesh (with or without Kubernetes).
    (&["team-size=3-10", "mesh-needs=yes"], "service-mesh"),
    (
        &["team-size=11-50", "kubernetes=yes", "mesh-needs=yes"],
        "service-mesh",
    ),
    (&["kubernetes=yes", "mtls=yes"], "service-mesh"),
    // Quick guide: observability without code changes → sidecar.
    (&["kubernetes=yes", "cross-cutting=yes"], "sidecar"),
    // Seed: regulated → multi-tier (teams of up to 10).
    (&["team-size=3-10", "regulated=yes"], "multi-tier"),
    (
        &["team-size=1-2", "stage=production", "compliance=pci"],
        "multi-tier",
    ),
    (
        &["regulated=yes", "compliance=data-residency"],
        "hybrid-cloud",
    ),
    // Seed: IoT/edge → edge computing; multi-cloud → hybrid cloud.
    (&["team-size=50+", "edge-latency=yes"], "edge-computing"),
    (
        &["edge-kind=on-site-compute", "multi-cloud=yes"],
        "edge-computing",
    ),
    (&["team-size=50+", "multi-cloud=yes"], "hybrid-cloud"),
    (&["team-size=3-10", "multi-cloud=yes"], "hybrid-cloud"),
    // Departure 2: device back ends are not edge computing.
    (
        &["edge-kind=device-backend", "hosting=managed-first"],
        "serverless",
    ),
    (
        &["edge-kind=device-backend", "async-events=yes"],
        "event-driven",
    ),
    // Departure 3: one domain → stay (or become) one deployable.
    (
        &["existing-system=services", "domains=one"],
        "modular-monolith",
    ),
    (
        &["existing-system=monolith", "domains=one"],
        "layered-monolith",
    ),
    // Departure 4: an existing fleet with availability targets → cells.
    (
        &["existing-system=services", "availability=multi-region"],
        "cell-based",
    ),
    // Seed: multiple teams → microservices.
    (&["team-size=50+"], "microservices"),
    (&["team-size=11-50", "domains=many"], "microservices"),
    (&["team-size=3-10", "domains=many"], "microservices"),
    (&["team-size=50+", "cost-priority=high"], "service-based"),
    // Departures 6 and 7: one team, or several teams on a monolith they can
    // modularise, get a modular monolith.
    (&["team-size=3-10"], "modular-monolith"),
    (&["team-size=11-50"], "modular-monolith"),
    (
        &["team-size=50+", "existing-system=monolith"],
        "modular-monolith",
    ),
    (
        &["team-size=50+", "existing-system=monolith", "polyglot=yes"],
        "microservices",
    ),
    (
        &[
            "team-size=50+",
            "existing-system=monolith",
            "services=10-49",
        ],
        "microservices",
    ),
    // Departure 5: large regulated organisations keep their architecture.
    (&["team-size=50+", "regulated=yes"], "microservices"),
    // Departure 8: several teams that prefer managed services keep theirs.
    (&["team-size=50+", "hosting=managed-first"], "microservices"),
    // Spiky traffic on a cloud, one team → serverless.
    (&["team-size=3-10", "traffic=spiky"], "serverless"),
];

#[test]
fn scenarios_follow_the_seed_and_its_written_departures() {
    for (answers, expected) in SCENARIOS {
        let v = recommend_json(answers);
        assert_eq!(v["recommendation"]["id"], *expected, "{answers:?}");
    }
}

#[test]
fn json_has_the_documented_keys() {
    let v = recommend_json(&["team-size=11-50", "regulated=yes", "kubernetes=yes"]);
    let r = &v["recommendation"];
    assert!(r["id"].is_string() && r["name"].is_string());
    assert!(["high", "medium", "low"].contains(&r["confidence"].as_str().unwrap()));
    let b = &v["blueprint"];
    for dim in ["infra", "granularity", "network", "deploy"] {
        assert!(b["dimensions"][dim]["value"].is_string(), "{dim}");
        assert!(
            !b["dimensions"][dim]["reasons"]
                .as_array()
                .unwrap()
                .is_empty()
        );
    }
    assert!(b.get("structure").is_some() && b.get("platform").is_some());
    for c in b["complements"].as_array().unwrap() {
        assert!(c["id"].is_string() && c["reasons"].is_array());
    }
    for a in v["alternatives"].as_array().unwrap() {
        assert!(a["id"].is_string() && a["if"].is_string());
    }
    for s in v["path"].as_array().unwrap() {
        assert!(s["question"].is_string() && s["answer"].is_string() && s["assumed"].is_boolean());
    }
    let ranking = v["ranking"].as_array().unwrap();
    assert!(
        ranking
            .iter()
            .all(|s| s["id"].is_string() && s["score"].is_number() && s["reasons"].is_array())
    );
    fn snake_case_keys(v: &serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    assert!(!k.contains('-') && k.to_lowercase() == *k, "{k}");
                    snake_case_keys(v);
                }
            }
            serde_json::Value::Array(list) => list.iter().for_each(snake_case_keys),
            _ => {}
        }
    }
    // Dimension ids are data (infra, …); every other key is snake_case.
    snake_case_keys(&v);
}

/// Only whole architectures are ranked; `.ranking[0]` is the recommendation
/// or `ranking_note` says why not.
#[test]
fn ranking_holds_whole_architectures_and_agrees_or_says_why() {
    let parts = [
        "api-gateway",
        "circuit-breaker",
        "rag",
        "data-warehouse",
        "ambient-mesh",
        "ebpf-mesh",
        "multi-cluster-mesh",
        "zero-trust",
    ];
    for (answers, _) in SCENARIOS {
        let v = recommend_json(answers);
        let ranking = v["ranking"].as_array().unwrap();
        assert!(
            ranking
                .iter()
                .all(|s| !parts.contains(&s["id"].as_str().unwrap())),
            "{answers:?}"
        );
        if ranking[0]["id"] != v["recommendation"]["id"] {
            assert!(v["ranking_note"].is_string(), "{answers:?}");
        }
    }
}

#[test]
fn blueprint_parts_follow_the_answers() {
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["blueprint"]["complements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let regulated = recommend_json(&["team-size=50+", "regulated=yes"]);
    assert!(ids(&regulated).contains(&"zero-trust".to_owned()));
    assert!(ids(&regulated).contains(&"api-gateway".to_owned()));
    assert_eq!(
        regulated["blueprint"]["dimensions"]["network"]["value"],
        "layered"
    );
    for wrong in ["distributed-ledger", "data-lakehouse", "edge-computing"] {
        assert!(!ids(&regulated).contains(&wrong.to_owned()), "{wrong}");
    }
    let devices = recommend_json(&["edge-kind=device-backend", "hosting=managed-first"]);
    assert!(ids(&devices).contains(&"pub-sub".to_owned()));
    // A platform-shaped answer names the application that runs on it.
    let k8s = recommend_json(&["team-size=11-50", "kubernetes=yes"]);
    assert_eq!(k8s["recommendation"]["id"], "container-orchestration");
    assert_eq!(
        k8s["blueprint"]["platform"]["id"],
        "container-orchestration"
    );
    assert!(k8s["blueprint"]["application"]["id"].is_string());
    let on_prem = recommend_json(&["hosting=on-premises"]);
    assert_eq!(
        on_prem["blueprint"]["dimensions"]["infra"]["value"],
        "internal"
    );
}

#[test]
fn team_fit_is_proportional_to_the_overlap() {
    let v = recommend_json(&["team-size=11-50"]);
    let reason = |id: &str| -> f64 {
        v["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["criterion"] == "team-size")
            .unwrap()["points"]
            .as_f64()
            .unwrap()
    };
    // 10+ covers 11-50 entirely; 50+ barely touches it; 20+ covers part.
    assert_eq!(reason("microservices"), 4.0);
    assert!(reason("cell-based") < 0.5, "{}", reason("cell-based"));
    let part = reason("service-mesh");
    assert!(part > 0.5 && part < 4.0, "{part}");
    assert!(!v.to_string().contains("fits its any range"));
}

#[test]
fn alternatives_are_other_architectures_with_the_answer_that_leads_there() {
    let v = recommend_json(&["team-size=3-10", "stage=production"]);
    let alternatives = v["alternatives"].as_array().unwrap();
    assert!(!alternatives.is_empty());
    let mut seen = std::collections::HashSet::new();
    for a in alternatives {
        assert_ne!(a["id"], v["recommendation"]["id"]);
        assert!(
            seen.insert(a["id"].as_str().unwrap().to_owned()),
            "no duplicates"
        );
        let condition = a["if"].as_str().unwrap();
        let first = condition.split(" or ").next().unwrap();
        let mut answers = vec!["team-size=3-10", "stage=production", first];
        answers.dedup();
        let other = recommend_json(&answers);
        assert_eq!(other["recommendation"]["id"], a["id"], "{condition}");
    }
}

#[test]
fn unknown_is_accepted_everywhere_and_lowers_confidence() {
    let sure = recommend_json(&[
        "team-size=50+",
        "stage=production",
        "edge-latency=no",
        "multi-cloud=no",
        "existing-system=services",
        "domains=many",
        "availability=standard",
        "kubernetes=no",
        "async-events=no",
        "workload=request-response",
        "mesh-needs=no",
        "cost-priority=normal",
    ]);
    let unsure = recommend_json(&[
        "team-size=50+",
        "stage=unknown",
        "edge-latency=unknown",
        "multi-cloud=unknown",
        "existing-system=services",
        "domains=many",
        "availability=unknown",
        "kubernetes=unknown",
        "async-events=unknown",
        "workload=request-response",
        "mesh-needs=no",
        "cost-priority=normal",
    ]);
    assert_eq!(sure["recommendation"]["id"], unsure["recommendation"]["id"]);
    let rank = |v: &serde_json::Value| match v["recommendation"]["confidence"].as_str().unwrap() {
        "high" => 2,
        "medium" => 1,
        _ => 0,
    };
    assert!(rank(&unsure) < rank(&sure));
    assert!(
        sure["confidence_meaning"]
            .as_str()
            .unwrap()
            .contains("high =")
    );
}

#[test]
fn defaults_are_the_same_on_every_path_and_listed() {
    let r = run(&["recommend", "--questions", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    let defaults: std::collections::HashMap<String, String> = list
        .iter()
        .map(|q| {
            assert!(
                q["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|v| v == "unknown")
            );
            (
                q["key"].as_str().unwrap().to_owned(),
                q["default"].as_str().unwrap().to_owned(),
            )
        })
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
        "ops-experience",
        "hosting",
        "existing-system",
        "domains",
        "workload",
        "availability",
        "compliance",
        "edge-kind",
        "services",
        "polyglot",
        "mtls",
        "cost-priority",
    ] {
        assert!(defaults.contains_key(key), "{key} is asked");
    }
    for (answers, _) in SCENARIOS {
        let v = recommend_json(answers);
        for s in v["path"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["assumed"] == true)
        {
            let key = s["question"].as_str().unwrap();
            assert_eq!(
                s["answer"].as_str().unwrap(),
                defaults[key],
                "{key} on {answers:?}"
            );
        }
    }
}

#[test]
fn a_fact_is_asked_once_per_path() {
    for (answers, _) in SCENARIOS {
        let v = recommend_json(answers);
        let mut keys = std::collections::HashSet::new();
        for s in v["path"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["source"] == "asked" || s["source"] == "assumed")
        {
            assert!(
                keys.insert(s["question"].as_str().unwrap().to_owned()),
                "{answers:?}"
            );
        }
    }
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
fn bad_answers_exit_2_with_the_valid_ones() {
    let r = run(&["recommend", "--no-input", "--answer", "teamsize=3-10"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("team-size"), "{}", r.stderr);
    let r = run(&["recommend", "--no-input", "--answer", "team-size=huge"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("11-50") && r.stderr.contains("unknown"),
        "{}",
        r.stderr
    );
    let r = run(&["recommend", "--no-input", "--answer", "team-size"]);
    assert_eq!(r.code, 2);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "team-size = \n").unwrap();
    let r = run(&[
        "recommend",
        "--no-input",
        "--answers",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not valid TOML"), "{}", r.stderr);
    std::fs::write(&bad, "hosting = \"moon\"\n").unwrap();
    let r = run(&[
        "recommend",
        "--no-input",
        "--answers",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("managed-first"), "{}", r.stderr);
}

#[test]
fn answers_file_with_booleans_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.toml");
    std::fs::write(
        &file,
        "team-size = \"3-10\"\nkubernetes = true\nmesh-needs = false\n",
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
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["recommendation"]["id"], "container-orchestration");
    let r = run(&[
        "recommend",
        "--no-input",
        "--format",
        "json",
        "--answers",
        file.to_str().unwrap(),
        "--answer",
        "kubernetes=no",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_ne!(v["recommendation"]["id"], "container-orchestration");
}

#[test]
fn text_report_fits_80_columns_and_brief_25_lines() {
    let r = run(&[
        "--width",
        "80",
        "recommend",
        "--no-input",
        "--answer",
        "team-size=11-50",
        "--answer",
        "mesh-needs=yes",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for line in r.stdout.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    assert!(
        r.stdout.lines().count() < 110,
        "{}",
        r.stdout.lines().count()
    );
    insta::assert_snapshot!("recommend_text", r.stdout);
    let brief = run(&[
        "--width",
        "80",
        "recommend",
        "--no-input",
        "--brief",
        "--answer",
        "team-size=11-50",
        "--answer",
        "mesh-needs=yes",
    ]);
    assert!(brief.stdout.lines().count() <= 25, "{}", brief.stdout);
    insta::assert_snapshot!("recommend_brief", brief.stdout);
}

#[test]
fn markdown_report() {
    let r = run(&[
        "recommend",
        "--no-input",
        "--format",
        "markdown",
        "--answer",
        "team-size=50+",
        "--answer",
        "regulated=yes",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("# Recommendation: "));
    assert!(
        r.stdout.contains("## Blueprint") && r.stdout.contains("| complement | `zero-trust` |")
    );
    insta::assert_snapshot!("recommend_markdown", r.stdout);
}

fn adr(dir: &Path, name: &str, extra: &[&str]) -> crate::helpers::Run {
    let path = dir.join(name);
    let mut args = vec![
        "recommend",
        "--no-input",
        "--answer",
        "team-size=11-50",
        "--answer",
        "kubernetes=yes",
        "--answer",
        "regulated=yes",
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
fn adr_is_madr_4_written_once_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    // A fresh directory: missing parents are created.
    let r = adr(dir.path(), "docs/adr/0001-architecture.md", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let path = dir.path().join("docs/adr/0001-architecture.md");
    let text = std::fs::read_to_string(&path).unwrap();
    insta::assert_snapshot!("recommend_adr", text);
    assert!(text.starts_with(
        "---\nstatus: proposed\ndate: 2026-11-21\ndecision-makers: []\narchsel:\n  version: 1\n"
    ));
    for heading in [
        "## Context and Problem Statement",
        "## Decision Drivers",
        "## Considered Options",
        "## Decision Outcome",
        "### Consequences",
        "## Pros and Cons of the Options",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "mode follows the umask, not tempfile's 0600");
        assert_eq!(mode & 0o044, 0o044 & mode, "{mode:o}");
    }
    let again = adr(dir.path(), "docs/adr/0001-architecture.md", &[]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "untouched");
    assert_eq!(
        adr(dir.path(), "docs/adr/0001-architecture.md", &["--force"]).code,
        0
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("docs/adr"))
            .unwrap()
            .count(),
        1,
        "no temporary files left"
    );
}

#[test]
fn adr_dash_goes_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let r = finish(
        archsel()
            .current_dir(dir.path())
            .args(["recommend", "--no-input", "--adr", "-"])
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("---\nstatus: "));
    assert!(!dir.path().join("-").exists());
}

/// `detect --against` reads what `--adr` writes.
#[test]
fn detect_reads_the_adr() {
    let r = finish(
        archsel()
            .args([
                "recommend",
                "--no-input",
                "--answer",
                "team-size=50+",
                "--answer",
                "hosting=cloud",
                "--answer",
                "regulated=yes",
                "--adr",
                "-",
            ])
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let decision = archsel_detect::read_decision(&r.stdout).expect("a decision");
    let text = format!("{decision:?}");
    assert!(text.contains("microservices"), "{text}");
    assert!(
        text.contains("external") && text.contains("layered"),
        "{text}"
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

    const UP: &str = "\x1b[A";
    const ENTER: &str = "\r";

    /// Waits until a menu is fully drawn (its key help is the last line; the
    /// terminal is in raw mode by then), plus a moment for the prompt to
    /// start reading keys.
    fn menu(p: &mut rexpect::session::PtySession, question: &str) {
        p.exp_string(question).unwrap();
        p.exp_string("quit]").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    fn key(p: &mut rexpect::session::PtySession, keys: &str) {
        p.send(keys).unwrap();
        p.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(80));
    }

    #[test]
    fn arrow_keys_enter_and_back() {
        let mut p = session(None);
        menu(&mut p, "What are you building");
        // production is the default.
        key(&mut p, ENTER);
        menu(&mut p, "IoT devices");
        // Go back (Esc): the stage again, the cursor on production; poc is four up.
        key(&mut p, "\x1b");
        menu(&mut p, "What are you building");
        for _ in 0..4 {
            key(&mut p, UP);
        }
        key(&mut p, ENTER);
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
        menu(&mut p, "What are you building");
        key(&mut p, ENTER);
        menu(&mut p, "IoT devices");
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

/// Options are honoured in every format or refused.
#[test]
fn top_cuts_every_format_and_brief_is_refused_with_json() {
    let ranking = |args: &[&str]| {
        let r = run(&[&["recommend", "--no-input", "--format", "json"], args].concat());
        assert_eq!(r.code, 0, "{}", r.stderr);
        let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        json["ranking"].as_array().unwrap().len()
    };
    assert!(ranking(&[]) > 2);
    assert_eq!(ranking(&["--top", "2"]), 2);
    let md = run(&[
        "recommend",
        "--no-input",
        "--format",
        "markdown",
        "--top",
        "2",
    ]);
    assert_eq!(md.stdout.matches("\n| 3 |").count(), 0, "{}", md.stdout);
    let dir = tempfile::tempdir().unwrap();
    let adr = dir.path().join("adr.md");
    let brief = run(&[
        "recommend",
        "--no-input",
        "--brief",
        "--format",
        "json",
        "--adr",
        adr.to_str().unwrap(),
    ]);
    assert_eq!(brief.code, 2);
    assert!(brief.stderr.contains("--brief"), "{}", brief.stderr);
    assert!(!adr.exists(), "refused before the ADR is written");
    for extra in ["--brief", "--no-input", "--top=3"] {
        let r = run(&["recommend", "--questions", extra]);
        assert_eq!(r.code, 2, "{extra}: {}", r.stderr);
    }
}
