//! The catalog: loading the embedded default catalog and users' directories,
//! validating them into one model, and the knowledge graph built over it.

pub mod embedded;
pub mod graph;
pub mod model;
pub mod raw;
pub mod snapshot;
pub mod source;
pub mod span;
pub mod validate;

use crate::diagnostics::{Finding, Severity};
use graph::KnowledgeGraph;
use model::{DecisionTree, Pattern, Vocabulary};
use raw::{CachedDocument, ParseFailure, RawDocument};

pub use source::SourceFile;
use span::SrcSpan;
use std::collections::HashMap;
use std::path::PathBuf;
pub use validate::Document;

/// Which files make up the catalog.
#[derive(Clone, Debug, Default)]
pub struct CatalogOptions {
    /// Users' directories (or files), layered over the default catalog in order.
    pub paths: Vec<PathBuf>,
    /// Include the embedded default catalog.
    pub use_default: bool,
    /// Parse every embedded file from its text instead of the pre-parsed
    /// cache (lint does, to check page text and keep every span).
    pub full_parse: bool,
    /// Files given in memory, `(name, bytes)`, layered after `paths` (for
    /// fuzzing, benchmarks and tests that need no directory).
    pub inline: Vec<(String, Vec<u8>)>,
    /// The catalog is loaded to be linted, not shown: user patterns' page
    /// text stays in the parsed documents and is not copied into the model
    /// (their `body()` is empty). Saves a third of lint's memory.
    pub lint_only: bool,
}

/// A user file to parse: its name, its text (or why it cannot be read), and
/// the embedded file it may be a copy of.
struct UserFile {
    name: String,
    text: Result<String, Finding>,
    embedded_name: Option<String>,
}

/// The loaded, validated catalog and its graph.
#[derive(Debug)]
pub struct Catalog {
    pub vocabulary: Vocabulary,
    pub patterns: Vec<Pattern>,
    pub trees: Vec<DecisionTree>,
    pub sources: Vec<SourceFile>,
    pub graph: KnowledgeGraph,
    /// Lower-cased id, alias and name → pattern index.
    names: HashMap<String, usize>,
    /// Id → pattern index.
    ids: HashMap<String, usize>,
}

/// A catalog and every problem found while loading it.
pub struct Loaded {
    pub catalog: Catalog,
    pub findings: Vec<Finding>,
    /// The parsed files, with their spans (for lint rules).
    pub documents: Vec<Document>,
}

/// Turns a parse failure into a finding that points at the spot.
fn parse_finding(failure: ParseFailure, source: usize) -> Finding {
    match failure {
        ParseFailure::Yaml(error) => {
            let (line, column, offset) = error
                .location()
                .map(|l| {
                    (
                        l.line() as u32,
                        l.column() as u32,
                        l.span().byte_offset().unwrap_or(0) as u32,
                    )
                })
                .unwrap_or((0, 0, 0));
            let message = yaml_message(&error);
            let rule = if [
                "unknown field",
                "missing field",
                "invalid type",
                "invalid value",
                "invalid length",
            ]
            .iter()
            .any(|m| message.contains(m))
            {
                "schema"
            } else {
                "yaml-syntax"
            };
            let help = match rule {
                _ if message.contains("expected mapping") && line <= 1 => {
                    "a catalog file is a mapping that starts with `apiVersion: archsel/v1` and `kind:`"
                }
                "schema" => "see patterns/README.md for the fields of each kind",
                _ => "fix the YAML syntax at this spot",
            };

            Finding::error(rule, message)
                .at(
                    source,
                    SrcSpan {
                        offset,
                        len: 1,
                        line,
                        column,
                    },
                )
                .label("here")
                .help(help)
        }
        ParseFailure::UnknownKind(kind) => {
            let (message, span) = match kind {
                Some(k) => (format!("unknown kind `{}`", k.value), k.span),
                None => ("the file has no `kind`".to_owned(), SrcSpan::default()),
            };
            Finding::error("unknown-kind", message)
                .at(source, span)
                .help(format!(
                    "start the file with `apiVersion: archsel/v1` and `kind:` one of {}",
                    raw::KINDS.join(", ")
                ))
        }
    }
}

/// serde-saphyr's message without its location ("error: line 4 column 1: …"),
/// which the code frame shows instead.
fn yaml_message(error: &serde_saphyr::Error) -> String {
    let text = error.to_string();
    let first = text.lines().next().unwrap_or_default();
    let without_prefix = first.strip_prefix("error: ").unwrap_or(first);
    // Advice aimed at programmers using the parser, not at catalog authors.
    let without_prefix = without_prefix
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(without_prefix);
    match without_prefix
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((location, message)) if location.contains("column") => message.to_owned(),
        _ => without_prefix.to_owned(),
    }
}

/// Parses one source file, or reports why it cannot be read.
pub fn parse_source(file: &SourceFile, source: usize) -> Result<RawDocument, Finding> {
    let text = match file.builtin {
        true => source::decode(file.raw_bytes().to_vec())
            .map_err(|f| f.at(source, SrcSpan::default()))?,
        false => file.text().to_string(),
    };
    raw::parse_document(&text).map_err(|failure| parse_finding(failure, source))
}

/// The name an embedded file would have for this path: its directory and
/// file name (`patterns/sidecar.yaml`).
fn embedded_name(path: &std::path::Path) -> Option<String> {
    let file = path.file_name()?.to_str()?;
    let dir = path.parent()?.file_name()?.to_str()?;
    Some(format!("{dir}/{file}"))
}

/// Parses user files. A file byte-identical to an embedded one takes the
/// build's parse; the others are parsed in parallel when there are enough of
/// them (files are independent; parsing is most of what lint spends on a
/// large catalog). Results keep file order.
fn parse_user_files(
    files: Vec<UserFile>,
    first_id: usize,
) -> Vec<(SourceFile, Result<RawDocument, Finding>)> {
    let mut results: Vec<(SourceFile, Option<Result<RawDocument, Finding>>)> = files
        .into_iter()
        .enumerate()
        .map(|(i, user)| match user.text {
            Ok(text) => {
                let file = SourceFile::user(user.name, text);
                let cached = user
                    .embedded_name
                    .and_then(|n| embedded::parse_of_identical(&n, file.raw_bytes()));
                (file, cached.map(Ok))
            }
            Err(f) => (
                SourceFile::user(user.name, String::new()),
                Some(Err(f.at(first_id + i, SrcSpan::default()))),
            ),
        })
        .collect();
    let pending: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].1.is_none())
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let parse = |i: usize| parse_source(&results[i].0, first_id + i);
    let parsed: Vec<Result<RawDocument, Finding>> = if threads < 2 || pending.len() < 16 {
        pending.iter().map(|&i| parse(i)).collect()
    } else {
        let chunk = pending.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let workers: Vec<_> = pending
                .chunks(chunk)
                .map(|indices| {
                    scope.spawn(|| indices.iter().map(|&i| parse(i)).collect::<Vec<_>>())
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect()
        })
    };
    for (i, result) in pending.into_iter().zip(parsed) {
        results[i].1 = Some(result);
    }
    results
        .into_iter()
        .map(|(file, parsed)| {
            (
                file,
                parsed
                    .unwrap_or_else(|| Err(Finding::error("file-read", "the file was not parsed"))),
            )
        })
        .collect()
}

impl Catalog {
    /// Loads and validates the catalog the options describe. Problems come back
    /// as findings; the catalog holds whatever loaded.
    pub fn load(options: &CatalogOptions) -> Loaded {
        let default_alone = options.use_default
            && !options.full_parse
            && options.paths.is_empty()
            && options.inline.is_empty();
        if default_alone && let Some(snapshot) = embedded::snapshot() {
            return Catalog::from_snapshot(snapshot);
        }
        let mut sources = Vec::new();
        let mut documents = Vec::new();
        let mut findings = Vec::new();
        if options.use_default {
            let cache = if options.full_parse {
                embedded::files().iter().map(|_| None).collect()
            } else {
                embedded::preparsed()
            };
            for ((name, bytes), cached) in embedded::files().iter().zip(cache) {
                let id = sources.len();
                sources.push(SourceFile::embedded(name, bytes));
                let document = match cached {
                    Some(CachedDocument::Pattern { head, body }) => Document {
                        source: id,
                        builtin: true,
                        raw: RawDocument::Pattern(head),
                        packed_body: Some(embedded::body(body)),
                    },
                    Some(CachedDocument::Other(raw)) => Document {
                        source: id,
                        builtin: true,
                        raw,
                        packed_body: None,
                    },
                    None => match parse_source(&sources[id], id) {
                        Ok(raw) => Document {
                            source: id,
                            builtin: true,
                            raw,
                            packed_body: None,
                        },
                        Err(f) => {
                            findings.push(f);
                            continue;
                        }
                    },
                };
                documents.push(document);
            }
        }
        let (files, problems) = source::collect_yaml_files(&options.paths);
        findings.extend(problems);
        let on_disk = files.iter().map(|path| UserFile {
            name: path.display().to_string(),
            text: source::read_file(path),
            embedded_name: embedded_name(path),
        });
        let in_memory = options.inline.iter().map(|(name, bytes)| UserFile {
            name: name.clone(),
            text: source::decode_within_limit(bytes.clone(), name),
            embedded_name: None,
        });
        let user_files = on_disk.chain(in_memory).collect();
        let first_user = sources.len();
        for (offset, (file, parsed)) in parse_user_files(user_files, first_user)
            .into_iter()
            .enumerate()
        {
            sources.push(file);
            match parsed {
                Ok(raw) => documents.push(Document {
                    source: first_user + offset,
                    builtin: false,
                    raw,
                    packed_body: None,
                }),
                Err(f) => findings.push(f),
            }
        }
        let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
        let validated = validate::validate(&documents, &names, !options.lint_only);
        findings.extend(validated.findings);
        let catalog = Catalog::assemble(
            validated.vocabulary,
            validated.patterns,
            validated.trees,
            sources,
        );
        Loaded {
            catalog,
            findings,
            documents,
        }
    }

    /// The default catalog from the model the build validated (no findings,
    /// and no parsed documents: nothing to lint).
    fn from_snapshot(snapshot: snapshot::Snapshot) -> Loaded {
        let sources = embedded::files()
            .iter()
            .map(|(name, bytes)| SourceFile::embedded(name, bytes))
            .collect();
        let mut patterns = snapshot.patterns;
        for (pattern, range) in patterns.iter_mut().zip(snapshot.bodies) {
            pattern.packed_body = model::PackedBody(Some(embedded::body(range)));
        }
        Loaded {
            catalog: Catalog::assemble(snapshot.vocabulary, patterns, snapshot.trees, sources),
            findings: Vec::new(),
            documents: Vec::new(),
        }
    }

    fn assemble(
        vocabulary: Vocabulary,
        patterns: Vec<Pattern>,
        trees: Vec<DecisionTree>,
        sources: Vec<SourceFile>,
    ) -> Self {
        let graph = KnowledgeGraph::build(&patterns, &trees);
        let ids = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let aliases: usize = patterns.iter().map(|p| p.aliases.len()).sum();
        let mut names = HashMap::with_capacity(patterns.len() * 2 + aliases);
        // Names first, then aliases, then ids: the most specific wins.
        for (i, p) in patterns.iter().enumerate() {
            names.entry(p.name.to_lowercase()).or_insert(i);
        }
        for (i, p) in patterns.iter().enumerate() {
            for alias in &p.aliases {
                names.insert(alias.to_lowercase(), i);
            }
        }
        for (i, p) in patterns.iter().enumerate() {
            names.insert(p.id.to_lowercase(), i);
        }
        Catalog {
            vocabulary,
            patterns,
            trees,
            sources,
            graph,
            names,
            ids,
        }
    }

    /// The pattern with this id.
    pub fn pattern(&self, id: &str) -> Option<&Pattern> {
        self.pattern_index(id).map(|i| &self.patterns[i])
    }

    pub fn pattern_index(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// Resolves a name a user typed: an id, an alias or a display name, in any case.
    pub fn resolve(&self, name: &str) -> Result<usize, crate::Error> {
        let key = name.trim().to_lowercase();
        self.names
            .get(&key)
            .copied()
            .ok_or_else(|| crate::Error::UnknownPattern {
                name: name.to_owned(),
                suggestions: self.suggest(&key),
            })
    }

    /// Up to three closest names, each as "name (id)".
    pub fn suggest(&self, key: &str) -> Vec<String> {
        let mut scored: Vec<(f64, &str, usize)> = self
            .names
            .iter()
            .map(|(n, &i)| {
                let prefix_bonus = if n.starts_with(key) || key.starts_with(n.as_str()) {
                    0.1
                } else {
                    0.0
                };
                (strsim::jaro_winkler(key, n) + prefix_bonus, n.as_str(), i)
            })
            .filter(|(s, _, _)| *s >= 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for (_, n, i) in scored {
            if seen.contains(&i) {
                continue;
            }
            seen.push(i);
            let id = &self.patterns[i].id;
            out.push(if n == id {
                format!("`{id}`")
            } else {
                format!("`{n}` ({id})")
            });
            if out.len() == 3 {
                break;
            }
        }
        out
    }

    pub fn has_errors(findings: &[Finding]) -> bool {
        findings.iter().any(|f| f.severity == Severity::Error)
    }
}
