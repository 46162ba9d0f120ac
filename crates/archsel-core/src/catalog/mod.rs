//! The catalog: loading the embedded default catalog and users' directories,
//! validating them into one model, and the knowledge graph built over it.

pub mod graph;
pub mod model;
pub mod names;
pub mod raw;
pub mod rules;
pub mod source;
pub mod span;
pub mod validate;

use crate::diagnostics::{Finding, Severity};
use bitcode::{Decode, Encode};
use graph::KnowledgeGraph;
use model::{DecisionTree, Pattern, Vocabulary};
use raw::{ParseFailure, RawDocument};

pub use source::SourceFile;
use span::SrcSpan;
use std::path::PathBuf;
use std::sync::OnceLock;
pub use validate::Document;

/// The default catalog a front end embeds: its files, and what its build
/// script made of them with [`Snapshot::of`], so that a command starts
/// without parsing YAML.
#[derive(Clone, Copy, Debug)]
pub struct DefaultCatalog {
    /// `(path, bytes)` of every file, sorted by path (`patterns/sidecar.yaml`).
    pub files: &'static [(&'static str, &'static [u8])],
    /// [`Snapshot::encode`] of these files.
    pub snapshot: &'static [u8],
}

/// What a build script keeps of the default catalog: each file as parsed
/// (`None`: it does not parse, and is parsed again at run time to report
/// why; once encoded, a clean page's text is kept with the model's pages,
/// not in the parse) and the validated model (`None`: the files have problems, and are
/// then validated at run time so that every problem is reported).
#[derive(Clone, Debug, Encode, Decode)]
pub struct Snapshot {
    pub documents: Vec<Option<RawDocument>>,
    pub model: Option<Model>,
}

impl Snapshot {
    /// Parses and validates `(path, bytes)` files as the default catalog.
    pub fn of(files: &'static [(&'static str, &'static [u8])]) -> Snapshot {
        let options = CatalogOptions {
            default: Some(DefaultCatalog {
                files,
                snapshot: &[],
            }),
            ..Default::default()
        };
        let loaded = Catalog::load(&options);
        let mut documents = vec![None; files.len()];
        for d in &loaded.documents {
            documents[d.source] = Some(d.raw.clone());
        }
        let model = loaded
            .findings
            .is_empty()
            .then(|| loaded.catalog.into_model());
        Snapshot { documents, model }
    }

    /// The model, the documents and each page are encoded apart, so that a
    /// command decodes only the parts it needs. Pages are stored by file; a
    /// document whose page lint found clean is stored without its page
    /// text, which the loader takes from the stored page instead (lint of
    /// a copy of the catalog never reads it, and decoding it was a sixth of
    /// that lint).
    pub fn encode(&self) -> Vec<u8> {
        let mut pages: Vec<Vec<u8>> = vec![Vec::new(); self.documents.len()];
        for p in self.model.iter().flat_map(|m| &m.patterns) {
            if let Some(page) = pages.get_mut(p.source) {
                *page = bitcode::encode(p.body());
            }
        }
        let documents: Vec<Option<RawDocument>> = self
            .documents
            .iter()
            .zip(&pages)
            .map(|(document, page)| match document {
                Some(RawDocument::Pattern(p)) if p.page_checked && !page.is_empty() => {
                    let mut p = p.clone();
                    p.drop_page_text();
                    Some(RawDocument::Pattern(p))
                }
                other => other.clone(),
            })
            .collect();
        let ends: Vec<u64> = pages
            .iter()
            .scan(0, |end, page| {
                *end += page.len() as u64;
                Some(*end)
            })
            .collect();
        let mut bytes = Vec::new();
        for part in [
            bitcode::encode(&self.model),
            bitcode::encode(&documents),
            bitcode::encode(&ends),
        ] {
            bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
            bytes.extend_from_slice(&part);
        }
        bytes.extend(pages.concat());
        bytes
    }

    /// `None` for bytes that are not a snapshot of this version of archsel
    /// (the default catalog is then parsed at run time).
    pub fn decode(bytes: &'static [u8]) -> Option<Snapshot> {
        let stored = Stored::decode(bytes)?;
        Some(Snapshot {
            documents: stored.documents()?,
            model: stored.model()?,
        })
    }
}

/// A snapshot as stored: three parts, each after its length (8 bytes,
/// little-endian) — the model without its pages, the documents, where the
/// page of each file ends — then the pages. The parts are borrowed from
/// the stored bytes, not copied: a command decodes only what it needs, and
/// a page when it is read (see [`model::Body`]).
struct Stored {
    model: &'static [u8],
    documents: &'static [u8],
    /// Where the page of each file (by source index) ends in `pages`.
    page_ends: Vec<u64>,
    pages: &'static [u8],
}

impl Stored {
    fn decode(bytes: &'static [u8]) -> Option<Stored> {
        fn part(bytes: &'static [u8]) -> Option<(&'static [u8], &'static [u8])> {
            let (length, rest) = bytes.split_first_chunk::<8>()?;
            rest.split_at_checked(usize::try_from(u64::from_le_bytes(*length)).ok()?)
        }
        let (model, rest) = part(bytes)?;
        let (documents, rest) = part(rest)?;
        let (page_ends, pages) = part(rest)?;
        Some(Stored {
            model,
            documents,
            page_ends: bitcode::decode(page_ends).ok()?,
            pages,
        })
    }
    /// The stored page of the pattern in file `source`, still encoded.
    fn page(&self, source: usize) -> Option<model::Body> {
        let end = usize::try_from(*self.page_ends.get(source)?).ok()?;
        let start = match source {
            0 => 0,
            _ => usize::try_from(*self.page_ends.get(source - 1)?).ok()?,
        };
        let bytes = self.pages.get(start..end)?;
        (!bytes.is_empty()).then(|| model::Body::encoded(bytes))
    }
    fn model(&self) -> Option<Option<Model>> {
        let mut model: Option<Model> = bitcode::decode(self.model).ok()?;
        if let Some(model) = &mut model {
            for pattern in &mut model.patterns {
                pattern.body = self.page(pattern.source)?;
            }
        }
        Some(model)
    }
    fn documents(&self) -> Option<Vec<Option<RawDocument>>> {
        bitcode::decode(self.documents).ok()
    }
}

/// A validated catalog without its sources: what the build keeps of the
/// default catalog.
#[derive(Clone, Debug, Encode, Decode)]
pub struct Model {
    pub vocabulary: Vocabulary,
    pub patterns: Vec<Pattern>,
    pub trees: Vec<DecisionTree>,
}

/// Which files make up the catalog.
#[derive(Clone, Debug, Default)]
pub struct CatalogOptions {
    /// The default catalog, if it is used.
    pub default: Option<DefaultCatalog>,
    /// Users' directories (or files), layered over the default catalog in order.
    pub paths: Vec<PathBuf>,
    /// Files given in memory, `(name, bytes)`, layered after `paths` (for
    /// fuzzing, benchmarks and tests that need no directory).
    pub inline: Vec<(String, Vec<u8>)>,
    /// Leave the patterns' page text out of the model, unchecked: the
    /// caller checks it (lint does, as each file is parsed, with
    /// `validate::page_text_findings` and its page rules).
    pub without_pages: bool,
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
    names: Vec<(String, u32)>,
    /// Id → pattern index, sorted by id.
    ids: Vec<(String, u32)>,
}

/// A step run on each file as it is parsed: `(source index, document, file)`
/// → findings (see [`Catalog::load_inspecting`]).
pub type Inspect<'a> = &'a (dyn Fn(usize, &mut RawDocument, &SourceFile) -> Vec<Finding> + Sync);

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
                &rules::SCHEMA
            } else {
                &rules::YAML_SYNTAX
            };
            let help = match rule.id {
                _ if message.contains("expected mapping") && line <= 1 => {
                    "a catalog file is a mapping that starts with `apiVersion: archsel/v1` and `kind:`"
                }
                "schema" => "see patterns/README.md for the fields of each kind",
                _ => "fix the YAML syntax at this spot",
            };

            Finding::new(rule, message)
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
            Finding::new(&rules::UNKNOWN_KIND, message)
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
    if text.contains("budget breached") {
        // The parser's budget (nodes, aliases, depth) stopped it: say what
        // that means rather than print its internal counter.
        return format!(
            "the file expands beyond the parser's limits, as an alias bomb does ({})",
            text.lines()
                .next()
                .and_then(|l| l.split("budget breached: ").nth(1))
                .unwrap_or("budget")
                .trim()
        );
    }
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
    let text = match file.is_embedded() {
        true => source::decode(file.raw_bytes().to_vec())
            .map_err(|f| f.at(source, SrcSpan::default()))?
            .into(),
        false => file.contents(),
    };
    raw::parse_document(&text).map_err(|failure| parse_finding(failure, source))
}

/// What `parse_all` makes of one file: its document and the findings of
/// `inspect`, or why it cannot be parsed; `None` for a file left out.
type Parsed = Option<Result<(RawDocument, Vec<Finding>), Finding>>;

/// Parses files, in parallel when enough of them need parsing (files are
/// independent, and parsing is most of what lint spends on a large
/// catalog), taking the build's parse where `built` has it and leaving out
/// the files `skip` marks. Results keep file order.
fn parse_all(
    files: &[SourceFile],
    built: Vec<Option<RawDocument>>,
    skip: &[bool],
    inspect: Inspect,
) -> Vec<Parsed> {
    let parse = |i: usize, built: Option<RawDocument>| -> Parsed {
        if skip[i] {
            return None;
        }
        let parsed = built.map_or_else(|| parse_source(&files[i], i), Ok);
        Some(parsed.map(|mut raw| {
            let findings = inspect(i, &mut raw, &files[i]);
            (raw, findings)
        }))
    };
    let to_parse = built
        .iter()
        .zip(skip)
        .filter(|(b, skip)| b.is_none() && !**skip)
        .count();
    let threads = crate::parallel::threads_for(to_parse, 16);
    let items: Vec<(usize, Option<RawDocument>)> = built.into_iter().enumerate().collect();
    crate::parallel::map(items, threads, |(i, b)| parse(i, b))
        .into_iter()
        .map(|parsed| {
            // Its thread panicked: a finding for each of its files.
            parsed.unwrap_or_else(|| {
                Some(Err(Finding::new(
                    &rules::FILE_READ,
                    "a file could not be parsed",
                )))
            })
        })
        .collect()
}

/// Reads the users' files (or why each cannot be read), then the in-memory
/// ones. A byte-identical copy of a built-in file shares its bytes.
fn read_user_files(
    files: &[PathBuf],
    inline: &[(String, Vec<u8>)],
    builtins: &[SourceFile],
) -> Vec<(SourceFile, Option<Finding>)> {
    let user_file = |name: String, bytes: Result<Vec<u8>, Finding>| {
        let read = bytes.and_then(
            |bytes| match builtins.iter().find(|b| b.raw_bytes() == bytes) {
                Some(original) => Ok(SourceFile::copy_of(name.clone(), original)),
                None => source::decode_within_limit(bytes, &name)
                    .map(|text| SourceFile::user(name.clone(), text)),
            },
        );
        match read {
            Ok(file) => (file, None),
            Err(f) => (SourceFile::user(name, String::new()), Some(f)),
        }
    };
    let on_disk = files.iter().map(|path| {
        let name = path.display().to_string();
        user_file(name, source::read_bytes(path))
    });
    let in_memory = inline
        .iter()
        .map(|(name, bytes)| user_file(name.clone(), Ok(bytes.clone())));
    on_disk.chain(in_memory).collect()
}

impl Catalog {
    /// Loads and validates the catalog the options describe. Problems come back
    /// as findings; the catalog holds whatever loaded.
    pub fn load(options: &CatalogOptions) -> Loaded {
        Catalog::load_inspecting(options, &|_, _, _| Vec::new())
    }

    /// `load`, running `inspect` on each file as soon as it is parsed (in
    /// the parsing threads): it may report findings and change the
    /// document, e.g. drop text it has checked, so that a large catalog is
    /// never held whole (lint checks each page this way).
    pub fn load_inspecting(options: &CatalogOptions, inspect: Inspect) -> Loaded {
        let stored = options.default.and_then(|d| Stored::decode(d.snapshot));
        let default_alone =
            options.paths.is_empty() && options.inline.is_empty() && !options.without_pages;
        if let (Some(default), Some(stored)) = (options.default, &stored)
            && default_alone
            && let Some(Some(model)) = stored.model()
        {
            return Catalog::from_model(model, default);
        }
        let mut sources: Vec<SourceFile> = Vec::new();
        let mut findings = Vec::new();
        if let Some(default) = options.default {
            sources.extend(
                default
                    .files
                    .iter()
                    .map(|(name, bytes)| SourceFile::embedded(name, bytes)),
            );
        }
        let builtins = sources.len();
        let (files, problems) = source::collect_yaml_files(&options.paths);
        findings.extend(problems);
        let mut unreadable = vec![false; builtins];
        for (i, (file, problem)) in read_user_files(&files, &options.inline, &sources)
            .into_iter()
            .enumerate()
        {
            unreadable.push(problem.is_some());
            if let Some(problem) = problem {
                findings.push(problem.at(builtins + i, SrcSpan::default()));
            }
            sources.push(file);
        }
        // A user's byte-identical copy of a built-in file (lint of a copy of
        // the default catalog) replaces it: the built-in is left out, and the
        // copy takes the build's parse, like every other built-in.
        let copy_of: Vec<Option<usize>> = (0..sources.len())
            .map(|s| match s < builtins {
                true => None,
                false => (0..builtins).find(|&b| sources[b].raw_bytes() == sources[s].raw_bytes()),
            })
            .collect();
        let mut skip = vec![false; sources.len()];
        for &b in copy_of.iter().flatten() {
            skip[b] = true;
        }
        let mut snapshot_documents = stored
            .as_ref()
            .and_then(|s| s.documents())
            .unwrap_or_default();
        // Each file the build parsed (a built-in, or a copy of one) takes
        // the build's parse, and its page as the build validated it.
        let from_build = |s: usize| match s < builtins {
            true if skip[s] => None,
            true => Some(s),
            false => copy_of[s],
        };
        let built: Vec<Option<RawDocument>> = (0..sources.len())
            .map(|s| snapshot_documents.get_mut(from_build(s)?)?.take())
            .collect();
        let mut pages: Vec<Option<model::Body>> = (0..sources.len())
            .map(|s| match built[s] {
                Some(_) => stored.as_ref()?.page(from_build(s)?),
                None => None,
            })
            .collect();
        let mut documents = Vec::new();
        let parsed = parse_all(&sources, built, &skip, inspect);
        for (source, parsed) in parsed.into_iter().enumerate() {
            match parsed {
                _ if unreadable[source] => {}
                None => {}
                Some(Ok((raw, inspected))) => {
                    findings.extend(inspected);
                    documents.push(Document {
                        source,
                        builtin: source < builtins,
                        raw,
                        copy_of: copy_of[source],
                        page: pages[source].take(),
                    });
                }
                Some(Err(f)) => findings.push(f),
            }
        }
        let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
        let validated = validate::validate(&documents, &names, !options.without_pages);
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
    fn from_model(model: Model, default: DefaultCatalog) -> Loaded {
        let sources = default
            .files
            .iter()
            .map(|(name, bytes)| SourceFile::embedded(name, bytes))
            .collect();
        Loaded {
            catalog: Catalog::assemble(model.vocabulary, model.patterns, model.trees, sources),
            findings: Vec::new(),
            documents: Vec::new(),
        }
    }

    /// The model alone, to bake into a binary.
    pub fn into_model(self) -> Model {
        Model {
            vocabulary: self.vocabulary,
            patterns: self.patterns,
            trees: self.trees,
        }
    }

    fn assemble(
        vocabulary: Vocabulary,
        patterns: Vec<Pattern>,
        trees: Vec<DecisionTree>,
        sources: Vec<SourceFile>,
    ) -> Self {
        Catalog {
            names: names::name_index(&patterns),
            ids: names::id_index(&patterns),
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
        names::lookup(&self.ids, id)
    }

    /// Resolves a name a user typed: an id, an alias or a display name, in any case.
    pub fn resolve(&self, name: &str) -> Result<usize, crate::Error> {
        let key = name.trim().to_lowercase();
        names::lookup(&self.names, &key).ok_or_else(|| crate::Error::UnknownPattern {
            name: name.to_owned(),
            suggestions: self.suggest(&key),
        })
    }

    /// Up to three closest names, each as "name (id)".
    pub fn suggest(&self, key: &str) -> Vec<String> {
        let mut seen = Vec::new();
        crate::suggest::closest(key, self.names.iter().map(|(n, _)| n.as_str()), usize::MAX)
            .into_iter()
            .filter_map(|n| {
                let i = names::lookup(&self.names, n)?;
                (!seen.contains(&i)).then(|| seen.push(i))?;
                let id = &self.patterns[i].id;
                Some(match n == id {
                    true => format!("`{id}`"),
                    false => format!("`{n}` ({id})"),
                })
            })
            .take(3)
            .collect()
    }

    pub fn has_errors(findings: &[Finding]) -> bool {
        findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The shipped catalog, read from the repository once for all of this
/// crate's tests (they have no embedded copy: embedding is the front end's).
#[cfg(test)]
pub(crate) fn shipped_for_tests() -> &'static Catalog {
    static SHIPPED: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let loaded = Catalog::load(&CatalogOptions {
            paths: vec![root.join("patterns"), root.join("decision-trees")],
            ..Default::default()
        });
        assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
        loaded.catalog
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scale that would size output without limit is refused with a
    /// finding instead of reaching a renderer (once an abort: `show` tried
    /// to draw 10^11 stars).
    #[test]
    fn rating_scales_are_bounded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let vocabulary = std::fs::read_to_string(root.join("patterns/vocabulary.yaml")).unwrap();
        let huge = vocabulary.replacen(
            "max: 5, display: stars",
            "max: 100000000000, display: stars",
            1,
        );
        assert_ne!(huge, vocabulary);
        let loaded = Catalog::load(&CatalogOptions {
            paths: vec![root.join("patterns"), root.join("decision-trees")],
            inline: vec![("big/vocabulary.yaml".into(), huge.into_bytes())],
            ..Default::default()
        });
        let rules: Vec<&str> = loaded.findings.iter().map(|f| f.rule).collect();
        assert!(rules.contains(&"out-of-bounds"), "{rules:?}");
    }
}
