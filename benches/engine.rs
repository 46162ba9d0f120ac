//! In-process benchmarks (criterion) of the work behind each command: loading
//! (from the build-time model, and by parsing and validating every file), the
//! graph, scoring one answer set, rendering `show` and `compare --all`, and
//! lint of the default catalog and of synthetic ones. Whole-process timings
//! against a hello world are `benches/run.sh`'s job.
//!
//!     cargo bench --bench engine            # measure
//!     cargo test --benches                  # run each once (CI's smoke run)

use archsel::catalog::graph::KnowledgeGraph;
use archsel::catalog::{Catalog, CatalogOptions, Loaded};
use archsel::commands::{compare, recommend, show};
use archsel::engine::walk::Answers;
use archsel::render::Term;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

#[allow(dead_code)]
#[path = "../examples/gen_catalog.rs"]
mod gen_catalog;

fn load(inline: Vec<(String, Vec<u8>)>) -> Loaded {
    Catalog::load(&CatalogOptions {
        default: Some(archsel::embedded::default_catalog()),
        inline,
        ..Default::default()
    })
}

/// Lint as `archsel lint` does: the given files over the default catalog.
fn lint(inline: Vec<(String, Vec<u8>)>) -> usize {
    let options = CatalogOptions {
        default: Some(archsel::embedded::default_catalog()),
        inline,
        ..Default::default()
    };
    archsel::lint::load(&options, |_| true).findings.len()
}

fn benches(c: &mut Criterion) {
    let catalog = load(Vec::new()).catalog;
    let term = Term::plain(80);

    c.bench_function("load: default catalog, build-time model", |b| {
        b.iter(|| load(Vec::new()))
    });
    let unparsed = archsel::catalog::DefaultCatalog {
        snapshot: &[],
        ..archsel::embedded::default_catalog()
    };
    c.bench_function("load: default catalog, parse and validate", |b| {
        b.iter(|| {
            Catalog::load(&CatalogOptions {
                default: Some(unparsed),
                ..Default::default()
            })
        })
    });
    c.bench_function("graph: build over the default catalog", |b| {
        b.iter(|| {
            KnowledgeGraph::build(&catalog.patterns, &catalog.trees, |id| {
                catalog.pattern_index(id)
            })
        })
    });
    let answers: Answers = [("team-size", "3-10"), ("stage", "production")]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
    c.bench_function("recommend: score one answer set", |b| {
        b.iter(|| recommend::recommend_from(&catalog, black_box(&answers)))
    });
    let sidecar = catalog.resolve("sidecar").expect("shipped");
    c.bench_function("render: show sidecar", |b| {
        b.iter(|| show::render(&catalog, sidecar, show::ShowFormat::Text, &[], term))
    });
    let all: Vec<_> = catalog.patterns.iter().collect();
    c.bench_function("render: compare --all", |b| {
        b.iter(|| {
            let comparison = compare::build(&catalog, &all, &[], false).expect("builds");
            compare::render(&catalog, &comparison, compare::CompareFormat::Text, term)
        })
    });
    c.bench_function("lint: default catalog", |b| b.iter(|| lint(Vec::new())));

    // A hub pattern related to every pattern of a 1,000-file catalog.
    let mut files = synthetic(1000);
    let relations: String = (0..1000)
        .map(|i| format!("    - synthetic-{i:05}\n"))
        .collect();
    let sidecar = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/patterns/sidecar.yaml"
    ))
    .expect("shipped");
    let (head, rest) = sidecar
        .split_once("\nrelations:")
        .expect("sidecar has relations");
    let (_, references) = rest.split_once("\nreferences:").expect("and references");
    let hub = format!("{head}\nrelations:\n  combines-with:\n{relations}references:{references}")
        .replacen("id: sidecar", "id: hub", 1)
        .replacen("name: Sidecar", "name: Hub", 1)
        .replacen("aliases: [side]", "aliases: [hub]", 1)
        .replacen("core: true", "core: false", 1);
    files.push(("hub.yaml".to_owned(), hub.into_bytes()));
    let with_hub = load(files).catalog;
    let hub = with_hub.resolve("hub").expect("the hub loads");
    c.bench_function("render: show a pattern with 1,000 relations", |b| {
        b.iter(|| show::render(&with_hub, hub, show::ShowFormat::Text, &[], term))
    });

    let mut group = c.benchmark_group("lint: synthetic catalog");
    group.sample_size(10);
    for n in [100, 1000] {
        let files = synthetic(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &files, |b, files| {
            b.iter(|| lint(files.clone()))
        });
    }
    group.finish();
}

fn synthetic(count: usize) -> Vec<(String, Vec<u8>)> {
    gen_catalog::files(count, 1)
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect()
}

criterion_group!(engine, benches);

criterion_main!(engine);
