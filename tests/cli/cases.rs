//! The case suite: published real-world architecture decisions
//! (`tests/cases/*.toml`, format in its README) fed to the engine. Each case
//! is reported (hit, miss, or wrong); the suite fails on any answer a case
//! calls wrong, on a malformed case, or when fewer than 85% of the cases
//! get an acceptable architecture.

use crate::helpers::default_catalog;
use archsel::commands::recommend::recommend_from;
use archsel::engine::walk::{Answers, values_of};
use std::path::Path;

/// The lowest share of cases that must get an acceptable architecture.
const MIN_HIT_RATE: f64 = 0.85;

struct Case {
    file: String,
    answers: Answers,
    acceptable: Vec<String>,
    wrong: Vec<String>,
}

fn strings(table: &toml::Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn load() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let table: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap())
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            for key in ["name", "company", "year", "source", "summary"] {
                assert!(table.contains_key(key), "{file}: `{key}` is missing");
            }
            let answers_table = table["answers"].as_table().expect("[answers]");
            let evidence = table.get("evidence").and_then(|e| e.as_table());
            let answers: Answers = answers_table
                .iter()
                .map(|(k, v)| {
                    assert!(
                        evidence.is_some_and(|e| e.contains_key(k)),
                        "{file}: `{k}` has no [evidence] line"
                    );
                    (k.clone(), v.as_str().expect("string answers").to_owned())
                })
                .collect();
            Case {
                file,
                answers,
                acceptable: strings(&table, "acceptable"),
                wrong: strings(&table, "wrong"),
            }
        })
        .collect()
}

#[test]
fn case_files_are_well_formed() {
    let catalog = default_catalog();
    let tree = catalog
        .trees
        .iter()
        .find(|t| t.id == "architecture")
        .unwrap();
    let cases = load();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    for case in &cases {
        for (key, value) in &case.answers {
            assert!(
                values_of(tree, key).contains(&value.as_str()),
                "{}: {key}={value} is not a value of the tree",
                case.file
            );
        }
        assert!(!case.acceptable.is_empty(), "{}", case.file);
        for id in case.acceptable.iter().chain(&case.wrong) {
            let p = catalog
                .pattern(id)
                .unwrap_or_else(|| panic!("{}: {id}", case.file));
            assert!(
                p.is_architecture(),
                "{}: {id} is not a whole architecture",
                case.file
            );
        }
        assert!(
            case.acceptable.iter().all(|a| !case.wrong.contains(a)),
            "{}: acceptable and wrong overlap",
            case.file
        );
    }
}

#[test]
fn published_cases_get_an_acceptable_architecture() {
    let catalog = default_catalog();
    let cases = load();
    let mut hits = 0;
    let mut wrong = Vec::new();
    let mut report = String::new();
    for case in &cases {
        let rec = recommend_from(&catalog, &case.answers)
            .unwrap_or_else(|e| panic!("{}: {e:?}", case.file));
        let id = &rec.recommendation.id;
        let verdict = if case.acceptable.contains(id) {
            hits += 1;
            "hit  "
        } else if case.wrong.contains(id) {
            wrong.push(case.file.clone());
            "WRONG"
        } else {
            "miss "
        };
        report.push_str(&format!(
            "{verdict} {:<48} {id} (acceptable: {})\n",
            case.file,
            case.acceptable.join(", ")
        ));
    }
    let rate = hits as f64 / cases.len() as f64;
    report.push_str(&format!(
        "{hits}/{} cases acceptable ({:.0}%)\n",
        cases.len(),
        rate * 100.0
    ));
    println!("{report}");
    assert!(wrong.is_empty(), "answers the cases call wrong:\n{report}");
    assert!(
        rate >= MIN_HIT_RATE,
        "hit rate below {MIN_HIT_RATE}:\n{report}"
    );
}
