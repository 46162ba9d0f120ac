//! The shipped data: every file loads, and the 12 core patterns carry the
//! seed's MECE dimensions and comparison matrix value for value.

use crate::helpers::default_catalog;
use archsel::catalog::model::RatingValue;
use std::collections::HashSet;

/// The seed's comparison matrix (seed 001, "Summary Comparison Matrix"),
/// transcribed: stars counted, ❌ = 0, ✅ = 5, `$` counted.
const SEED_MATRIX: [(&str, [&str; 11]); 12] = [
    (
        "monolith",
        [
            "1", "1", "1", "1-2", "easy", "fast", "0", "0", "0", "1", "1",
        ],
    ),
    (
        "layered-monolith",
        [
            "2", "1", "2", "2-5", "easy", "fast", "1", "0", "0", "2", "2",
        ],
    ),
    (
        "externalized-infrastructure",
        [
            "2", "1", "2", "2-5", "medium", "fast", "1", "1", "0", "2", "2",
        ],
    ),
    (
        "multi-tier",
        [
            "3", "2", "3", "5-10", "medium", "medium", "2", "2", "1", "3", "4",
        ],
    ),
    (
        "sidecar",
        [
            "3", "2", "3", "5-10", "hard", "medium", "2", "2", "2", "4", "3",
        ],
    ),
    (
        "microservices",
        [
            "4", "3", "4", "10+", "hard", "slow", "4", "5", "5", "3", "3",
        ],
    ),
    (
        "service-mesh",
        [
            "5",
            "4",
            "5",
            "20+",
            "very-hard",
            "slow",
            "5",
            "5",
            "5",
            "5",
            "5",
        ],
    ),
    (
        "event-driven",
        [
            "4", "3", "4", "10+", "hard", "medium", "3", "5", "5", "4", "3",
        ],
    ),
    (
        "container-orchestration",
        [
            "5",
            "4",
            "5",
            "20+",
            "very-hard",
            "slow",
            "4",
            "5",
            "5",
            "5",
            "4",
        ],
    ),
    (
        "serverless",
        [
            "2",
            "1",
            "5",
            "any",
            "easy",
            "very-fast",
            "5",
            "5",
            "5",
            "3",
            "4",
        ],
    ),
    (
        "edge-computing",
        [
            "5",
            "4",
            "5",
            "20+",
            "very-hard",
            "slow",
            "4",
            "5",
            "5",
            "4",
            "3",
        ],
    ),
    (
        "hybrid-cloud",
        [
            "5",
            "5",
            "5",
            "50+",
            "very-hard",
            "slow",
            "5",
            "5",
            "5",
            "5",
            "5",
        ],
    ),
];

const CRITERIA: [&str; 11] = [
    "setup-complexity",
    "operational-cost",
    "scalability",
    "team-size",
    "learning-curve",
    "deployment-speed",
    "fault-isolation",
    "independent-scaling",
    "tech-diversity",
    "observability",
    "security",
];

/// The seed's MECE matrix: infra, granularity, network, deploy.
const SEED_DIMENSIONS: [(&str, [&str; 4]); 12] = [
    ("monolith", ["internal", "single", "flat", "single-host"]),
    (
        "layered-monolith",
        ["internal", "modular", "flat", "single-host"],
    ),
    (
        "externalized-infrastructure",
        ["external", "single", "bridged", "single-host"],
    ),
    (
        "multi-tier",
        ["external", "modular", "layered", "single-host"],
    ),
    ("sidecar", ["hybrid", "modular", "mesh", "single-host"]),
    (
        "microservices",
        ["internal", "distributed", "mesh", "multi-host"],
    ),
    (
        "service-mesh",
        ["external", "distributed", "mesh", "orchestrated"],
    ),
    (
        "event-driven",
        ["external", "distributed", "hub-spoke", "multi-host"],
    ),
    (
        "container-orchestration",
        ["hybrid", "distributed", "overlay", "orchestrated"],
    ),
    ("serverless", ["managed", "functions", "managed", "faas"]),
    (
        "edge-computing",
        ["distributed", "distributed", "geo-distributed", "edge"],
    ),
    (
        "hybrid-cloud",
        ["multi-cloud", "distributed", "vpn-sd-wan", "multi-host"],
    ),
];

#[test]
fn every_shipped_file_loads_without_findings() {
    let catalog = default_catalog();
    assert!(catalog.patterns.len() >= 12);
    let files = archsel::embedded::default_catalog().files;
    let on_disk = ["patterns", "decision-trees"]
        .iter()
        .flat_map(|d| {
            std::fs::read_dir(format!("{}/{d}", env!("CARGO_MANIFEST_DIR")))
                .into_iter()
                .flatten()
        })
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .count();
    assert_eq!(files.len(), on_disk, "every shipped YAML file is embedded");
}

/// The embedded fast path trusts page text; the full YAML path checks it.
#[test]
fn shipped_files_pass_full_validation_from_disk() {
    use archsel::catalog::{Catalog, CatalogOptions};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = Catalog::load(&CatalogOptions {
        paths: ["patterns", "decision-trees"]
            .iter()
            .map(|d| root.join(d))
            .filter(|d| d.exists())
            .collect(),
        ..Default::default()
    });
    let problems: Vec<String> = loaded
        .findings
        .iter()
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let embedded = default_catalog();
    for p in &loaded.catalog.patterns {
        let e = embedded.pattern(&p.id).expect("same ids");
        assert_eq!(
            e.body().diagram,
            p.body().diagram,
            "{}: the compiled-in page equals the parsed one",
            p.id
        );
        assert_eq!(e.body().references.len(), p.body().references.len());
    }
}

#[test]
fn core_ratings_equal_the_seed_matrix() {
    let catalog = default_catalog();
    for (id, expected) in SEED_MATRIX {
        let pattern = catalog
            .pattern(id)
            .unwrap_or_else(|| panic!("core pattern {id} is missing"));
        assert!(pattern.core, "{id} is marked core");
        for (criterion, want) in CRITERIA.iter().zip(expected) {
            let rating = pattern
                .rating(criterion)
                .unwrap_or_else(|| panic!("{id} has no {criterion}"));
            assert_eq!(rating.value.to_string(), want, "{id} {criterion}");
            assert!(!rating.inherited);
        }
    }
}

#[test]
fn core_dimensions_equal_the_seed_and_are_distinct() {
    let catalog = default_catalog();
    let mut vectors = HashSet::new();
    for (id, [infra, granularity, network, deploy]) in SEED_DIMENSIONS {
        let d = &catalog.pattern(id).expect("core pattern").dimensions;
        assert_eq!(
            [&*d.infra, &d.granularity, &d.network, &d.deploy],
            [infra, granularity, network, deploy],
            "{id}"
        );
        assert!(
            vectors.insert(d.clone()),
            "{id} repeats another core pattern's dimension vector"
        );
    }
    assert_eq!(
        catalog.patterns.iter().filter(|p| p.core).count(),
        12,
        "exactly 12 core patterns"
    );
}

#[test]
fn directions_live_in_the_vocabulary_not_in_flipped_values() {
    let catalog = default_catalog();
    let better = |id: &str| catalog.vocabulary.criterion(id).expect("criterion").better;
    use archsel::catalog::model::Better;
    assert_eq!(better("setup-complexity"), Better::Lower);
    assert_eq!(better("operational-cost"), Better::Lower);
    assert_eq!(better("scalability"), Better::Higher);
    let mono = catalog.pattern("monolith").unwrap();
    assert_eq!(
        mono.rating("setup-complexity").unwrap().value,
        RatingValue::Integer(1)
    );
}

#[test]
fn required_aliases_resolve() {
    let catalog = default_catalog();
    for (alias, id) in [
        ("mono", "monolith"),
        ("layered", "layered-monolith"),
        ("ext", "externalized-infrastructure"),
        ("tier", "multi-tier"),
        ("n-tier", "multi-tier"),
        ("side", "sidecar"),
        ("micro", "microservices"),
        ("mesh", "service-mesh"),
        ("eda", "event-driven"),
        ("event", "event-driven"),
        ("k8s", "container-orchestration"),
        ("kubernetes", "container-orchestration"),
        ("faas", "serverless"),
        ("lambda", "serverless"),
        ("edge", "edge-computing"),
        ("hybrid", "hybrid-cloud"),
        ("multi-cloud", "hybrid-cloud"),
        ("K8S", "container-orchestration"),
        ("Service Mesh", "service-mesh"),
    ] {
        let index = catalog
            .resolve(alias)
            .unwrap_or_else(|_| panic!("{alias} resolves"));
        assert_eq!(catalog.patterns[index].id, id, "{alias}");
    }
}

#[test]
fn vietnamese_names_from_the_seed() {
    let catalog = default_catalog();
    for (id, vi) in [
        ("monolith", "Kiến trúc nguyên khối"),
        ("service-mesh", "Lưới dịch vụ"),
        ("edge-computing", "Điện toán biên"),
    ] {
        assert_eq!(catalog.pattern(id).unwrap().name_in("vi"), Some(vi));
    }
}

#[test]
fn diagrams_are_rectangular_and_fit_80_columns() {
    use unicode_width::UnicodeWidthStr;
    let catalog = default_catalog();
    for p in &catalog.patterns {
        let widths: HashSet<usize> = p
            .body()
            .diagram
            .trim_end_matches('\n')
            .lines()
            .map(|l| l.width())
            .collect();
        assert_eq!(
            widths.len(),
            1,
            "{}: diagram lines differ in width: {widths:?}",
            p.id
        );
        assert!(
            widths.iter().all(|&w| w <= 80),
            "{}: diagram wider than 80",
            p.id
        );
        assert!(!p.body().diagram.contains('\t'), "{}: tab in diagram", p.id);
    }
}

#[test]
fn graph_has_a_node_per_pattern_and_an_edge_per_relation() {
    let catalog = default_catalog();
    let relations: usize = catalog.patterns.iter().map(|p| p.relations.len()).sum();
    let relation_edges = catalog
        .graph()
        .graph
        .edge_weights()
        .filter(|e| matches!(e, archsel::catalog::graph::Edge::Relation { .. }))
        .count();
    assert_eq!(relation_edges, relations);
    let ms = catalog.pattern_index("microservices").unwrap();
    assert!(
        !catalog.graph().neighbours(ms, &catalog.patterns).is_empty(),
        "microservices has related patterns"
    );
}

/// Commands over the default catalog alone start from the model `build.rs`
/// validated; it must be exactly what validating the embedded files at run
/// time gives (the path taken when there is no snapshot).
#[test]
fn build_time_model_equals_run_time_validation() {
    use archsel::catalog::{Catalog, CatalogOptions, DefaultCatalog, Snapshot};
    let default = archsel::embedded::default_catalog();
    let snapshot = Snapshot::decode(default.snapshot).expect("the build made a snapshot");
    assert!(
        snapshot.model.is_some(),
        "the build validated the default catalog without findings"
    );
    let fast = Catalog::load(&CatalogOptions {
        default: Some(default),
        ..Default::default()
    });
    assert!(
        fast.documents.is_empty(),
        "the snapshot path parses nothing"
    );
    let full = Catalog::load(&CatalogOptions {
        default: Some(DefaultCatalog {
            files: default.files,
            snapshot: &[],
        }),
        ..Default::default()
    });
    assert!(full.findings.is_empty());
    let (a, b) = (&fast.catalog, &full.catalog);
    assert_eq!(json(&a.vocabulary), json(&b.vocabulary));
    assert_eq!(json(&a.trees), json(&b.trees));
    assert_eq!(json(&a.patterns), json(&b.patterns));
    for (p, q) in a.patterns.iter().zip(&b.patterns) {
        assert_eq!(p.source, q.source, "{}", p.id);
        assert_eq!(json(p.body()), json(q.body()), "{}: page text", p.id);
    }
    assert_eq!(a.suggest("mircoservice"), b.suggest("mircoservice"));
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("serializes")
}

/// The build's parse of each embedded file is what parsing its text at run
/// time gives: every field and every span; a clean page's text, stored
/// apart, is what the run-time parse makes of it.
#[test]
fn the_build_parse_equals_the_run_time_parse() {
    use archsel::catalog::{Snapshot, raw, validate::body_from_raw};
    let default = archsel::embedded::default_catalog();
    let snapshot = Snapshot::decode(default.snapshot).expect("a snapshot");
    let model = snapshot.model.as_ref().expect("a model");
    for (i, (name, bytes)) in default.files.iter().enumerate() {
        let text = std::str::from_utf8(bytes).expect("shipped files are UTF-8");
        let mut at_run_time = raw::parse_document(text).expect("shipped files parse");
        let mut from_build = snapshot.documents[i].clone().expect("the build parsed it");
        // What the build adds: lint found the page clean (shipped pages
        // are), and the page text is stored apart from the parse.
        if let (raw::RawDocument::Pattern(p), raw::RawDocument::Pattern(q)) =
            (&mut from_build, &mut at_run_time)
        {
            assert!(p.page_checked, "{name}: the build marks a clean page");
            p.page_checked = false;
            let stored = model.patterns.iter().find(|m| m.source == i);
            let stored = stored.expect("the model has the file's pattern").body();
            assert_eq!(json(stored), json(&body_from_raw(q)), "{name}: page");
            assert!(p.diagram.value.is_empty(), "{name}: page text stored apart");
            q.drop_page_text();
        }
        assert_eq!(
            format!("{from_build:?}"),
            format!("{at_run_time:?}"),
            "{name}"
        );
    }
}

/// With a user's files layered over the default catalog, the built-ins are
/// validated again from the build's parse, which holds no page text for a
/// clean page: their pages come from the build's stored pages, for a
/// built-in and for a user's byte-identical copy of one alike.
#[test]
fn layered_catalogs_keep_the_built_in_pages() {
    use archsel::catalog::{Catalog, CatalogOptions};
    let default = archsel::embedded::default_catalog();
    let file = |id: &str| {
        let name = format!("patterns/{id}.yaml");
        let (_, bytes) = default.files.iter().find(|(n, _)| *n == name).unwrap();
        bytes.to_vec()
    };
    let changed =
        String::from_utf8(file("monolith"))
            .unwrap()
            .replacen("- ", "- An extra first item. ", 1);
    let alone = Catalog::load(&CatalogOptions {
        default: Some(default),
        ..Default::default()
    });
    let layered = Catalog::load(&CatalogOptions {
        default: Some(default),
        inline: vec![
            ("mine/sidecar.yaml".into(), file("sidecar")),
            ("mine/monolith.yaml".into(), changed.into_bytes()),
        ],
        ..Default::default()
    });
    assert!(layered.findings.is_empty(), "{:?}", layered.findings);
    assert!(!layered.documents.is_empty(), "validated from documents");
    for p in &alone.catalog.patterns {
        let q = layered.catalog.pattern(&p.id).unwrap();
        if p.id == "monolith" {
            assert_ne!(json(p.body()), json(q.body()), "the user's page");
            continue;
        }
        assert!(!q.body().diagram.is_empty(), "{}: a page", p.id);
        assert_eq!(json(p.body()), json(q.body()), "{}: page text", p.id);
    }
}
