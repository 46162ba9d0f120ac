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
use raw::{ParseFailure, RawDocument, RawPattern};

pub use source::SourceFile;
use span::SrcSpan;
use std::path::PathBuf;
use std::sync::OnceLock;
pub use validate::Document;

/// Which files make up the catalog.
#[derive(Clone, Debug, Default)]
pub struct CatalogOptions {
    /// Users' directories (or files), layered over the default catalog in order.
    pub paths: Vec<PathBuf>,
    /// Include the embedded default catalog.
    pub use_default: bool,
    /// Parse every embedded file from its text instead of using the parse
    /// the build compiled in (lint does, to check page text and report
    /// every finding with its span).
    pub full_parse: bool,
    /// Files given in memory, `(name, bytes)`, layered after `paths` (for
    /// fuzzing, benchmarks and tests that need no directory).
    pub inline: Vec<(String, Vec<u8>)>,
    /// The catalog is loaded to be linted, not shown: each pattern's page
    /// text is checked by the loader and by this function as soon as its
    /// file is parsed, then dropped, so lint of a large catalog holds only
    /// the patterns' heads; the model gets no page text (`body()` is empty).
    pub page_check: Option<PageCheck>,
}

/// A check of one pattern's page text that needs nothing but its own file:
/// `(source index, parsed pattern, file text)` → findings.
pub type PageCheck = fn(usize, &RawPattern, &str) -> Vec<Finding>;

/// A parsed file, ready to validate.
struct Parsed {
    raw: RawDocument,
    /// What checking the page text found (lint), or nothing.
    findings: Vec<Finding>,
    page_checked: bool,
}

impl Parsed {
    /// With `check` (lint), checks a pattern's page text and drops it
    /// (unless it is the binary's), keeping the head and the rating notes
    /// (checked against the vocabulary later, when it is known).
    fn new(mut raw: RawDocument, source: usize, text: &str, check: Option<PageCheck>) -> Self {
        let mut findings = Vec::new();
        let mut page_checked = false;
        if let (Some(check), RawDocument::Pattern(pattern)) = (check, &mut raw) {
            findings = validate::page_text_findings(source, pattern);
            findings.extend(check(source, pattern, text));
            if let Some(pattern) = pattern.owned_mut() {
                pattern.drop_page_text();
            }
            page_checked = true;
        }
        Parsed {
            raw,
            findings,
            page_checked,
        }
    }
}

/// A user file to parse: its name, its text (or why it cannot be read), and
/// the embedded file it is a byte-identical copy of, if any (whose parse it
/// takes).
struct UserFile {
    name: String,
    text: Result<std::borrow::Cow<'static, str>, Finding>,
    identical: Option<usize>,
}

/// The loaded, validated catalog and its graph.
#[derive(Debug)]
pub struct Catalog {
    pub vocabulary: Vocabulary,
    pub patterns: Vec<Pattern>,
    pub trees: Vec<DecisionTree>,
    pub sources: Vec<SourceFile>,
    /// Built on first use: not every command walks relations.
    graph: OnceLock<KnowledgeGraph>,
    /// Lower-cased id, alias and name → pattern index, sorted by name.
    names: model::List<(model::Text, u32)>,
    /// Id → pattern index, sorted by id.
    ids: model::List<(model::Text, u32)>,
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
            .map_err(|f| f.at(source, SrcSpan::default()))?
            .into(),
        false => file.contents(),
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
    page_check: Option<PageCheck>,
) -> Vec<(SourceFile, Result<Parsed, Finding>)> {
    let mut results: Vec<(SourceFile, Option<Result<Parsed, Finding>>)> = files
        .into_iter()
        .enumerate()
        .map(|(i, user)| match user.text {
            Ok(text) => {
                let file = SourceFile::user(user.name, text);
                let source = first_id + i;
                let cached = user
                    .identical
                    .and_then(|index| Some((embedded::parsed(index)?.clone(), index)))
                    .map(|(raw, index)| {
                        // Lint of a copy whose page the build checked clean:
                        // nothing left to check on its own.
                        Ok(if page_check.is_some() && embedded::page_clean(index) {
                            Parsed {
                                raw,
                                findings: Vec::new(),
                                page_checked: true,
                            }
                        } else {
                            Parsed::new(raw, source, &file.contents(), page_check)
                        })
                    });
                (file, cached)
            }
            Err(f) => (
                SourceFile::user(user.name, std::borrow::Cow::Borrowed("")),
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
    let parse = |i: usize| {
        let (file, source) = (&results[i].0, first_id + i);
        parse_source(file, source).map(|raw| Parsed::new(raw, source, &file.contents(), page_check))
    };
    let parsed: Vec<Result<Parsed, Finding>> = if threads < 2 || pending.len() < 16 {
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

/// Reads the users' files, then takes the in-memory ones.
fn read_user_files(files: &[PathBuf], inline: &[(String, Vec<u8>)]) -> Vec<UserFile> {
    let mut chunk = vec![0; 16 * 1024];
    let on_disk = files.iter().map(|path| {
        // A copy of an embedded file is compared with it as it is read,
        // and then taken as the embedded text.
        let embedded_copy = embedded_name(path)
            .and_then(|name| embedded::index_of(&name))
            .and_then(|i| Some((i, embedded::text(i)?)));
        let same = embedded_copy.map(|(_, text)| text.as_bytes());
        let (text, identical) = match (
            source::read_file_unless(path, same, &mut chunk),
            embedded_copy,
        ) {
            (Ok(Some(text)), _) => (Ok(text.into()), None),
            (Ok(None), Some((index, text))) => (Ok(std::borrow::Cow::Borrowed(text)), Some(index)),
            // `None` answers only a comparison, so this is not reached.
            (Ok(None), None) => (Ok(std::borrow::Cow::Borrowed("")), None),
            (Err(f), _) => (Err(f), None),
        };
        UserFile {
            name: path.display().to_string(),
            text,
            identical,
        }
    });
    let in_memory = inline.iter().map(|(name, bytes)| UserFile {
        name: name.clone(),
        text: source::decode_within_limit(bytes.clone(), name).map(Into::into),
        identical: None,
    });
    on_disk.chain(in_memory).collect()
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

        // User files are read first: those byte-identical to an embedded file
        // take the build's parse, the binary's static (shared, not copied).
        let (files, problems) = source::collect_yaml_files(&options.paths);
        findings.extend(problems);
        let user_files = read_user_files(&files, &options.inline);
        let claimed: Vec<usize> = user_files.iter().filter_map(|f| f.identical).collect();
        let builtins_cached = options.use_default && !options.full_parse;

        if options.use_default {
            for index in 0..embedded::files().len() {
                let id = sources.len();
                sources.push(SourceFile::embedded(index));
                // Lint reports only on the files it was given, and a copy of a
                // built-in replaces it (same id): the built-in itself need not
                // be validated as well.
                if options.page_check.is_some() && claimed.contains(&index) {
                    continue;
                }
                let cached = embedded::parsed(index).filter(|_| builtins_cached);
                let document = match cached {
                    Some(raw) => Document {
                        source: id,
                        builtin: true,
                        raw: raw.clone(),
                        page_checked: false,
                    },
                    None => match parse_source(&sources[id], id) {
                        Ok(raw) => {
                            let text = sources[id].contents();
                            let parsed = Parsed::new(raw, id, &text, options.page_check);
                            findings.extend(parsed.findings);
                            Document {
                                source: id,
                                builtin: true,
                                raw: parsed.raw,
                                page_checked: parsed.page_checked,
                            }
                        }
                        Err(f) => {
                            findings.push(f);
                            continue;
                        }
                    },
                };
                documents.push(document);
            }
        }
        let first_user = sources.len();
        for (offset, (file, parsed)) in parse_user_files(user_files, first_user, options.page_check)
            .into_iter()
            .enumerate()
        {
            sources.push(file);
            match parsed {
                Ok(parsed) => {
                    findings.extend(parsed.findings);
                    documents.push(Document {
                        source: first_user + offset,
                        builtin: false,
                        raw: parsed.raw,
                        page_checked: parsed.page_checked,
                    });
                }
                Err(f) => findings.push(f),
            }
        }
        let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
        let page_text = options.page_check.is_none();
        let validated = validate::validate(&documents, &names, page_text);
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
    /// and no parsed documents: nothing to lint). Its strings and lists are
    /// borrowed from the binary, so this copies a few pointers per pattern.
    fn from_snapshot(snapshot: &'static snapshot::Snapshot) -> Loaded {
        let sources = (0..embedded::files().len())
            .map(SourceFile::embedded)
            .collect();
        Loaded {
            catalog: Catalog {
                vocabulary: snapshot.vocabulary.clone(),
                patterns: snapshot.patterns.to_vec(),
                trees: snapshot.trees.to_vec(),
                sources,
                graph: OnceLock::new(),
                names: model::List::Borrowed(snapshot.names),
                ids: model::List::Borrowed(snapshot.ids),
            },
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
        Catalog {
            names: snapshot::name_index(&patterns).into(),
            ids: snapshot::id_index(&patterns).into(),
            vocabulary,
            patterns,
            trees,
            sources,
            graph: OnceLock::new(),
        }
    }

    /// The knowledge graph over the patterns and trees.
    pub fn graph(&self) -> &KnowledgeGraph {
        self.graph.get_or_init(|| {
            KnowledgeGraph::build(&self.patterns, &self.trees, |id| self.pattern_index(id))
        })
    }

    /// The pattern with this id.
    pub fn pattern(&self, id: &str) -> Option<&Pattern> {
        self.pattern_index(id).map(|i| &self.patterns[i])
    }

    pub fn pattern_index(&self, id: &str) -> Option<usize> {
        snapshot::lookup(&self.ids, id)
    }

    /// Resolves a name a user typed: an id, an alias or a display name, in any case.
    pub fn resolve(&self, name: &str) -> Result<usize, crate::Error> {
        let key = name.trim().to_lowercase();
        snapshot::lookup(&self.names, &key).ok_or_else(|| crate::Error::UnknownPattern {
            name: name.to_owned(),
            suggestions: self.suggest(&key),
        })
    }

    /// Up to three closest names, each as "name (id)".
    pub fn suggest(&self, key: &str) -> Vec<String> {
        let mut scored: Vec<(f64, &str, usize)> = self
            .names
            .iter()
            .map(|(n, i)| {
                let (n, i) = (&**n, *i as usize);
                let prefix_bonus = if n.starts_with(key) || key.starts_with(n) {
                    0.1
                } else {
                    0.0
                };
                (strsim::jaro_winkler(key, n) + prefix_bonus, n, i)
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
