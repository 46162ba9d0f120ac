//! Property tests (proptest): rendering any pattern that loads, at any width,
//! never panics and never lets its text drive the terminal; scoring does not
//! depend on the order files are read in; `path` answers are real walks.

use crate::helpers::{default_catalog, shipped};
use archsel::catalog::graph::{Edge, Node};
use archsel::catalog::{Catalog, CatalogOptions};
use archsel::commands::{compare, path, show};
use archsel::engine::walk::{Answers, values_of};
use archsel::render::Term;
use petgraph::visit::EdgeRef;
use proptest::prelude::*;

/// Text that tries to take over a terminal, mixed with any characters.
fn hostile_text() -> impl Strategy<Value = String> {
    let attacks = prop_oneof![
        Just("\u{1b}[31mred\u{1b}[0m"),
        Just("\u{1b}[2J\u{1b}[H"),
        Just("\u{1b}]8;;https://evil.example\u{7}link\u{1b}]8;;\u{7}"),
        Just("\u{1b}]52;c;cm0gLXJmIH4=\u{7}"),
        Just("\u{202e}txt.exe"),
        Just("\u{9b}31m"),
        Just("\r\u{8}\u{7f}"),
        Just("字"),
        Just("a-very-long-word-without-any-space-that-cannot-be-wrapped-anywhere-at-all"),
    ];
    (any::<String>(), attacks, any::<String>())
        .prop_map(|(a, attack, b)| format!("x{a}{attack}{b}"))
}

/// The shipped sidecar pattern, re-identified, with these texts.
fn pattern_file(name: &str, summary: &str, pro: &str) -> String {
    let json = |s: &str| serde_json::to_string(s).unwrap();
    let text = shipped("sidecar");
    // Keep everything from `dimensions:` on, with one more pro.
    let (_, rest) = text.split_once("\ndimensions:").unwrap();
    let (dimensions_to_pros, after_pros) = rest.split_once("\npros:\n").unwrap();
    format!(
        "apiVersion: archsel/v1\nkind: Pattern\nid: prop-pattern\nname: {}\n\
         category: separated\nrole: architecture\nsummary: {}\ndimensions:{dimensions_to_pros}\npros:\n  - {}\n{after_pros}",
        json(name),
        json(summary),
        json(pro),
    )
}

/// C0 and C1 controls (but newline), and bidi overrides and isolates.
fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn the_pattern_template_loads() {
    let file = pattern_file("Plain name", "A plain summary.", "A plain pro.");
    let loaded = load_with(&file);
    let errors: Vec<_> = loaded.findings.iter().map(|f| &f.message).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(loaded.catalog.pattern("prop-pattern").is_some());
}

fn load_with(file: &str) -> archsel::catalog::Loaded {
    Catalog::load(&CatalogOptions {
        default: Some(archsel::embedded::default_catalog()),
        inline: vec![("prop/pattern.yaml".to_owned(), file.as_bytes().to_vec())],
        ..Default::default()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Any pattern that loads renders in every format at any width from 20
    /// to 300 without a panic, and no control character, escape sequence
    /// or bidi override reaches the screen.
    #[test]
    fn any_loaded_pattern_renders_safely(
        name in hostile_text(),
        summary in hostile_text(),
        pro in hostile_text(),
        width in 20usize..=300,
    ) {
        let loaded = load_with(&pattern_file(&name, &summary, &pro));
        prop_assume!(!Catalog::has_errors(&loaded.findings));
        let catalog = &loaded.catalog;
        let index = catalog.pattern_index("prop-pattern").expect("loaded");
        let term = Term::plain(width);
        for format in [show::ShowFormat::Text, show::ShowFormat::Markdown] {
            let page = show::render(catalog, index, format, &[], term);
            prop_assert!(!page.chars().any(is_dangerous), "{format:?}: {page:?}");
        }
        let json = show::render(catalog, index, show::ShowFormat::Json, &[], term);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());

        let mut columns: Vec<_> = catalog.patterns.iter().filter(|p| p.core).take(3).collect();
        columns.push(&catalog.patterns[index]);
        let comparison = compare::build(catalog, &columns, &[], false).expect("builds");
        for format in [compare::CompareFormat::Text, compare::CompareFormat::Markdown, compare::CompareFormat::Csv] {
            let table = compare::render(catalog, &comparison, format, term);
            // CSV ends its records with CRLF, as RFC 4180 says.
            let allowed = |c: char| c == '\r' && format == compare::CompareFormat::Csv;
            prop_assert!(!table.chars().any(|c| is_dangerous(c) && !allowed(c)), "{format:?}: {table:?}");
        }
        let table = compare::render(catalog, &comparison, compare::CompareFormat::Text, term);
        for line in table.lines() {
            prop_assert!(
                archsel::render::text::width(line) <= width,
                "a table line is wider than {width}: {line:?}"
            );
        }
    }

    /// `path` returns a walk along `evolves-to` edges from the first pattern
    /// to the second, or nothing only when no such walk exists.
    #[test]
    fn paths_are_walks_of_the_graph(from in 0usize..1000, to in 0usize..1000) {
        let catalog = default_catalog();
        let (from, to) = (from % catalog.patterns.len(), to % catalog.patterns.len());
        let graph = &catalog.graph().graph;
        let evolves = |a: usize, b: usize| graph
            .edges(catalog.graph().pattern_node(a))
            .any(|e| matches!(e.weight(), Edge::Relation { kind, .. } if kind == "evolves-to")
                && graph[e.target()] == Node::Pattern(b));
        match path::shortest(&catalog, from, to) {
            Some(steps) => {
                let mut at = from;
                for (before, after, _) in &steps {
                    prop_assert_eq!(*before, at);
                    prop_assert!(evolves(*before, *after), "{} -> {}", before, after);
                    at = *after;
                }
                prop_assert_eq!(at, to);
            }
            None => {
                // Nothing reachable: check by a plain search over all edges.
                let mut seen = vec![false; catalog.patterns.len()];
                let mut stack = vec![from];
                while let Some(p) = stack.pop() {
                    if std::mem::replace(&mut seen[p], true) { continue; }
                    stack.extend((0..catalog.patterns.len()).filter(|&q| evolves(p, q)));
                }
                prop_assert!(!seen[to]);
            }
        }
    }
}

/// Every command that draws for a width, as a user runs it.
const WIDTH_COMMANDS: &[&[&str]] = &[
    &["list"],
    &["list", "--tree"],
    &["show", "sidecar"],
    &["show", "serverless", "--format", "markdown"],
    &["compare", "mono", "k8s", "faas", "mesh"],
    &["compare", "--all", "--format", "markdown"],
    &["path", "mono", "mesh"],
    &["graph", "--format", "text"],
    &["lint", "--explain", "diagram-width"],
    &["lint", "--rules"],
    &["recommend", "--no-input"],
    &["recommend", "--questions"],
    &["lint", "tests/fixtures/hostile/bom-crlf.yaml"],
    &["detect", "crates/archsel-detect/tests/fixtures/bookinfo"],
    &["man", "show"],
    &["completions", "bash"],
    &[
        "site",
        "--catalog",
        "tests/fixtures/site-small",
        "--force",
        "--graph",
        "list",
        "{site}",
    ],
];

/// The exit code a command of `WIDTH_COMMANDS` ends with (lint of a
/// hostile file finds problems).
fn expected_code(args: &[&str]) -> i32 {
    i32::from(args.first() == Some(&"lint") && args.len() == 2 && args[1].starts_with("tests/"))
}

/// `--ascii` JSON is ASCII and the same data (escaped, not transliterated).
#[test]
fn ascii_json_is_the_same_data() {
    let mut escaped = 0;
    for args in [
        &["list", "--format", "json"][..],
        &["show", "sidecar", "--format", "json"],
        &["recommend", "--no-input", "--format", "json"],
        &["compare", "mono", "k8s", "--format", "json"],
        &[
            "detect",
            "crates/archsel-detect/tests/fixtures/bookinfo",
            "--format",
            "json",
        ],
        &[
            "lint",
            "tests/fixtures/hostile/bom-crlf.yaml",
            "--format",
            "sarif",
        ],
    ] {
        let ascii = crate::helpers::run(&[&["--ascii"], args].concat());
        let plain = crate::helpers::run(args);
        assert!(ascii.stdout.is_ascii(), "{args:?}");
        let parsed = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
        assert_eq!(parsed(&ascii.stdout), parsed(&plain.stdout), "{args:?}");
        escaped += usize::from(ascii.stdout != plain.stdout);
    }
    assert!(escaped > 0, "no output had anything to escape");
}

/// The narrow widths where a cut line once split a character: every one.
#[test]
fn list_at_every_narrow_width() {
    for width in 0..=40 {
        let r = crate::helpers::run(&["--width", &width.to_string(), "list"]);
        assert_eq!(r.code, 0, "width {width}: {}", r.stderr);
    }
}

proptest! {
    // Seventeen commands a case; the widths are drawn anew on every run.
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// Every command at any width from 0 ("as narrow as it gets") to 300,
    /// with or without `--ascii`, ends as it should without a panic; with
    /// `--ascii` it prints ASCII only.
    #[test]
    fn every_command_at_any_width(width in 0usize..=300, ascii in any::<bool>()) {
        let site = tempfile::tempdir().unwrap();
        let site = site.path().join("site");
        for args in WIDTH_COMMANDS {
            let width = width.to_string();
            let mut all = vec!["--width", &width];
            if ascii {
                all.push("--ascii");
            }
            all.extend(args.iter().map(|a| match *a {
                "{site}" => site.to_str().unwrap(),
                a => a,
            }));
            let r = crate::helpers::run(&all);
            prop_assert_eq!(r.code, expected_code(args), "{:?}: {}", all, r.stderr);
            if ascii {
                prop_assert!(r.stdout.is_ascii() && r.stderr.is_ascii(), "{:?}:\n{}{}", all, r.stdout, r.stderr);
            }
        }
    }
}

proptest! {
    // Each case parses the whole catalog in a new order: a few orders show
    // whether order matters (it once did, for relations), many add nothing.
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]
    /// The same catalog read in any file order gives the same recommendation
    /// and ranking, for any answers.
    #[test]
    fn scoring_is_independent_of_file_order(
        order in Just((0..archsel::embedded::default_catalog().files.len()).collect::<Vec<usize>>()).prop_shuffle(),
        picks in proptest::collection::vec(0u8..8, 16),
    ) {
        let files = archsel::embedded::default_catalog().files;
        let load = |order: &[usize]| Catalog::load(&CatalogOptions {
            inline: order.iter().map(|&i| (files[i].0.to_owned(), files[i].1.to_vec())).collect(),
            ..Default::default()
        }).catalog;
        let canonical = default_catalog();
        let tree = &canonical.trees[0];
        let answers: Answers = tree.keys().iter().zip(&picks).filter(|(_, p)| **p > 0).map(|(key, p)| {
            let values = values_of(tree, key);
            (key.to_string(), values[(*p as usize - 1) % values.len()].to_owned())
        }).collect();
        let shuffled = load(&order);
        let result = |catalog: &Catalog| {
            let r = archsel::commands::recommend::recommend_from(catalog, &answers).expect("valid answers");
            serde_json::to_value(&r).unwrap()
        };
        prop_assert_eq!(result(&shuffled), result(&canonical));
    }
}
