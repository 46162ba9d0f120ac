//! Shared helpers for the tests: the 12 core patterns of the shipped catalog.

use archsel_detect::PatternPoint;

pub const CORE: [&str; 12] = [
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

/// Reads `dimensions: { infra: .., granularity: .., network: .., deploy: .. }`
/// from the catalog's pattern files (one line in every shipped file).
pub fn core_catalog() -> Vec<PatternPoint> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../patterns");
    CORE.iter()
        .map(|id| {
            let text =
                std::fs::read_to_string(dir.join(format!("{id}.yaml"))).expect("pattern file");
            let line = text
                .lines()
                .find(|l| l.starts_with("dimensions:"))
                .expect("dimensions line");
            let get = |k: &str| {
                let i = line.find(&format!("{k}: ")).expect(k) + k.len() + 2;
                line[i..].split([',', ' ', '}']).next().unwrap().to_string()
            };
            PatternPoint {
                id: id.to_string(),
                architecture: true,
                infra: get("infra"),
                granularity: get("granularity"),
                network: get("network"),
                deploy: get("deploy"),
            }
        })
        .collect()
}
