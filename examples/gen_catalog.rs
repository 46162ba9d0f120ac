//! Writes a synthetic catalog for benchmarks: N valid pattern files of
//! realistic size (5–15 KB) with unique ids and aliases, relations among them
//! (evolves-to only forward, so acyclic) and a decision tree over them.
//! Deterministic from the seed. Uses the default vocabulary's values, so it
//! lints clean in the context of the default catalog.
//!
//!     cargo run --release --example gen_catalog -- --count 3000 --seed 1 --out /tmp/cat3000

use std::fmt::Write as _;
use std::path::PathBuf;

/// xorshift64*: small, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "service",
    "queue",
    "cache",
    "tenant",
    "region",
    "latency",
    "throughput",
    "replica",
    "partition",
    "gateway",
    "schema",
    "deploy",
    "rollback",
    "contract",
    "domain",
    "boundary",
    "budget",
    "incident",
    "capacity",
    "consistency",
    "backlog",
    "pipeline",
    "observability",
    "failover",
    "retention",
    "index",
    "shard",
    "quorum",
    "lease",
    "checkpoint",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let s: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
    let text = s.join(" ") + ".";
    text[..1].to_uppercase() + &text[1..]
}

fn list(out: &mut String, field: &str, rng: &mut Rng, items: usize, words: usize) {
    writeln!(out, "{field}:").unwrap();
    for _ in 0..items {
        writeln!(out, "  - {}", sentence(rng, words)).unwrap();
    }
}

fn pattern(i: usize, count: usize, rng: &mut Rng) -> String {
    let id = format!("synthetic-{i:05}");
    let mut y = String::with_capacity(12_000);
    writeln!(y, "apiVersion: archsel/v1\nkind: Pattern\nid: {id}\nname: Synthetic Pattern {i}\naliases: [syn-{i:05}]").unwrap();
    let category = rng.pick(&[
        "single-host",
        "separated",
        "distributed",
        "cloud-native",
        "messaging",
        "data",
    ]);
    // Mostly parts, some whole architectures (which `recommend` ranks).
    let role = rng.pick(&["architecture", "integration", "data", "resilience"]);
    writeln!(
        y,
        "category: {category}\nrole: {role}\nsummary: >-\n  {}",
        (0..4)
            .map(|_| sentence(rng, 14))
            .collect::<Vec<_>>()
            .join(" ")
    )
    .unwrap();
    writeln!(
        y,
        "dimensions: {{ infra: {}, granularity: {}, network: {}, deploy: {} }}",
        rng.pick(&[
            "internal",
            "external",
            "hybrid",
            "managed",
            "distributed",
            "multi-cloud"
        ]),
        rng.pick(&["single", "modular", "distributed", "functions"]),
        rng.pick(&["flat", "bridged", "layered", "mesh", "hub-spoke", "overlay"]),
        rng.pick(&["single-host", "multi-host", "orchestrated", "faas", "edge"]),
    )
    .unwrap();
    writeln!(y, "ratings:").unwrap();
    for c in [
        "setup-complexity",
        "operational-cost",
        "scalability",
        "observability",
        "security",
    ] {
        writeln!(y, "  {c}: {}", 1 + rng.below(5)).unwrap();
    }
    for c in ["fault-isolation", "independent-scaling", "tech-diversity"] {
        writeln!(y, "  {c}: {}", rng.below(6)).unwrap();
    }
    writeln!(
        y,
        "  team-size: \"{}\"",
        rng.pick(&["1-2", "2-5", "5-10", "10+", "20+", "any"])
    )
    .unwrap();
    writeln!(
        y,
        "  learning-curve: {}",
        rng.pick(&["easy", "medium", "hard", "very-hard"])
    )
    .unwrap();
    writeln!(
        y,
        "  deployment-speed: {}",
        rng.pick(&["slow", "medium", "fast", "very-fast"])
    )
    .unwrap();
    writeln!(y, "rating-notes:").unwrap();
    for c in [
        "setup-complexity",
        "operational-cost",
        "scalability",
        "security",
    ] {
        writeln!(y, "  {c}: {}", sentence(rng, 12)).unwrap();
    }
    for field in [
        "pros",
        "cons",
        "use-cases",
        "when-to-use",
        "when-not-to-use",
    ] {
        let (items, words) = (3 + rng.below(4), 10 + rng.below(8));
        list(&mut y, field, rng, items, words);
    }
    writeln!(y, "anti-patterns:").unwrap();
    for k in 0..3 {
        writeln!(
            y,
            "  - name: Trap {k}\n    description: {}",
            sentence(rng, 16)
        )
        .unwrap();
    }
    writeln!(y, "technologies: [Alpha, Beta, Gamma, Delta]").unwrap();
    writeln!(y, "file-structure: |\n  app/\n  ├── src/\n  └── deploy/").unwrap();
    writeln!(y, "deploy:\n  - make build\n  - make deploy").unwrap();
    let rows = 8 + rng.below(14);
    writeln!(y, "diagram: |").unwrap();
    writeln!(y, "  ┌{}┐", "─".repeat(60)).unwrap();
    for r in 0..rows {
        let label = format!(" node {r} → node {} ", r + 1);
        writeln!(y, "  │{label}{}│", " ".repeat(60 - label.chars().count())).unwrap();
    }
    writeln!(y, "  └{}┘", "─".repeat(60)).unwrap();
    writeln!(y, "relations:").unwrap();
    let forward: Vec<usize> = (1..=2)
        .map(|d| i + d * (1 + rng.below(5)))
        .filter(|&t| t < count)
        .collect();
    if !forward.is_empty() {
        writeln!(y, "  evolves-to:").unwrap();
        for t in forward {
            writeln!(
                y,
                "    - id: synthetic-{t:05}\n      note: {}",
                sentence(rng, 10)
            )
            .unwrap();
        }
    }
    if i > 0 {
        writeln!(y, "  combines-with: [synthetic-{:05}]", rng.below(i)).unwrap();
    }
    writeln!(y, "references:").unwrap();
    for k in 0..3 {
        writeln!(
            y,
            "  - title: Source {k} on {}\n    url: https://example.org/patterns/{id}/{k}",
            rng.pick(WORDS)
        )
        .unwrap();
    }
    y
}

/// The core patterns of the default catalog, which every tree must be able
/// to recommend.
fn core_ids() -> Vec<String> {
    let options = archsel::catalog::CatalogOptions {
        default: Some(archsel::embedded::default_catalog()),
        ..Default::default()
    };
    let loaded = archsel::catalog::Catalog::load(&options);
    loaded
        .catalog
        .patterns
        .iter()
        .filter(|p| p.core)
        .map(|p| p.id.to_string())
        .collect()
}

/// A tree that asks a chain of yes/no questions; each `yes` recommends a
/// pattern (the core ones first, then synthetic ones).
fn tree(count: usize) -> String {
    let core = core_ids();
    let questions = count.clamp(1, 50) + core.len();
    let mut y = String::from(
        "apiVersion: archsel/v1\nkind: DecisionTree\nid: synthetic\nname: Synthetic tree\nroot: q0\nquestions:\n",
    );
    for q in 0..questions {
        let target = match core.get(q) {
            Some(id) => id.clone(),
            None => format!(
                "synthetic-{:05}",
                (q - core.len()) * count / (questions - core.len())
            ),
        };
        let no = if q + 1 < questions {
            format!("next: q{}", q + 1)
        } else {
            format!("recommend: synthetic-{:05}", count - 1)
        };
        writeln!(
            y,
            "  - id: q{q}\n    prompt: Question {q}?\n    default: no\n    choices:\n      - value: yes\n        label: yes\n        recommend: {target}\n        weights: {{ scalability: 1 }}\n      - value: no\n        label: no\n        {no}"
        )
        .unwrap();
    }
    y
}

fn main() {
    let mut count = 100;
    let mut seed = 1u64;
    let mut out = PathBuf::from("target/synthetic");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--count" => count = value.parse().expect("--count N"),
            "--seed" => seed = value.parse().expect("--seed N"),
            "--out" => out = value.into(),
            other => panic!("unknown option {other}; use --count N --seed N --out DIR"),
        }
    }
    std::fs::create_dir_all(&out).expect("create the output directory");
    let catalog = files(count, seed);
    let bytes: usize = catalog.iter().map(|(_, text)| text.len()).sum();
    for (name, text) in &catalog {
        std::fs::write(out.join(name), text).expect("write a catalog file");
    }
    eprintln!(
        "wrote {count} patterns ({} KB on average) and a tree to {}",
        bytes / catalog.len().max(1) / 1024,
        out.display()
    );
}

/// The synthetic catalog as `(file name, text)`: `count` patterns, then the
/// tree (also used in-process by `benches/engine.rs`).
pub fn files(count: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut out: Vec<(String, String)> = (0..count)
        .map(|i| {
            (
                format!("synthetic-{i:05}.yaml"),
                pattern(i, count, &mut rng),
            )
        })
        .collect();
    out.push(("synthetic.yaml".to_owned(), tree(count)));
    out
}
