//! Checking SARIF output: the structure SARIF 2.1.0 requires, always; and the
//! official JSON schema when `SARIF_SCHEMA` names it (`.ci/run` installs it
//! from the npm package @microsoft/jest-sarif, which ships the schema).

pub fn validate(sarif: &serde_json::Value) {
    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().expect("runs");
    for run in runs {
        let driver = &run["tool"]["driver"];
        assert!(driver["name"].is_string(), "tool.driver.name is required");
        for rule in driver["rules"].as_array().into_iter().flatten() {
            assert!(rule["id"].is_string());
        }
        for result in run["results"].as_array().expect("results") {
            assert!(
                result["message"]["text"].is_string(),
                "result.message.text is required"
            );
            assert!(
                ["none", "note", "warning", "error"].contains(&result["level"].as_str().unwrap())
            );
            for location in result["locations"].as_array().into_iter().flatten() {
                let physical = &location["physicalLocation"];
                assert!(physical["artifactLocation"]["uri"].is_string());
                if let Some(region) = physical.get("region") {
                    assert!(region["startLine"].as_u64().unwrap() >= 1);
                    assert!(region["startColumn"].as_u64().unwrap() >= 1);
                }
            }
        }
    }
    match std::env::var_os("SARIF_SCHEMA") {
        Some(path) => {
            let schema: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(&path).expect("SARIF_SCHEMA is readable"),
            )
            .expect("schema is JSON");
            // The schema shipped as 2.1.0-rtm.5 has one malformed regex (for
            // `run.language`, which archsel does not emit); the OASIS erratum
            // corrects it as below.
            let text = serde_json::to_string(&schema).unwrap().replace(
                r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
                r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
            );
            let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
            let validator = jsonschema::validator_for(&schema).expect("schema compiles");

            let errors: Vec<String> = validator
                .iter_errors(sarif)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "SARIF does not match the official schema: {errors:#?}"
            );
        }
        None => eprintln!(
            "note: SARIF_SCHEMA not set; checked SARIF structure only (bash .ci/run checks the official schema)"
        ),
    }
}
