//! Embeds the default catalog (`patterns/`, `decision-trees/`) into the binary
//! with caches so that commands start without parsing YAML, both written out
//! as Rust statics that borrow every string and list from the binary:
//! - `model.rs`: the validated model (`catalog::snapshot`), for commands over
//!   the default catalog alone; validated here by the same code as at run
//!   time, and written only when the files load without a finding;
//! - `parsed.rs`: every file as parsing it gives it (spans included), for
//!   commands that layer users' files over the default catalog and must
//!   validate them together, and for lint of copies of the shipped files.
//!
//! Both are only caches: a file that does not parse here is stored as `None`
//! and parsed again at run time, where the normal loader reports it with full
//! diagnostics (so a broken shipped file never breaks the build, and
//! `archsel lint` can explain it).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The catalog code the binary uses, compiled into this script too.
#[allow(dead_code, unused_imports)]
#[path = "src/catalog"]
mod catalog {
    #[path = "model.rs"]
    pub mod model;
    #[path = "raw.rs"]
    pub mod raw;
    #[path = "snapshot.rs"]
    pub mod snapshot;
    #[path = "span.rs"]
    pub mod span;
    #[path = "validate.rs"]
    pub mod validate;
}

/// Lint's page rules, run on each embedded pattern file (see
/// `embedded::page_clean`).
#[allow(dead_code, unused_imports)]
#[path = "src/lint"]
mod lint {
    #[path = "page.rs"]
    mod page;
    pub use page::*;
    pub mod rules {
        #[path = "diagram_tab.rs"]
        pub mod diagram_tab;
        #[path = "diagram_width.rs"]
        pub mod diagram_width;
        #[path = "reference_url.rs"]
        pub mod reference_url;
    }
}

#[allow(dead_code, unused_imports)]
#[path = "src/render"]
mod render {
    #[path = "text.rs"]
    pub mod text;
}

#[allow(dead_code, unused_imports)]
#[path = "src/diagnostics"]
mod diagnostics {
    #[path = "finding.rs"]
    mod finding;
    pub use finding::{Finding, Severity};
}

use catalog::raw::RawDocument;
use catalog::validate::{Document, validate};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    println!("cargo::rerun-if-changed=src/catalog");
    println!("cargo::rerun-if-changed=src/diagnostics/finding.rs");
    let mut files = Vec::new();
    for dir in ["patterns", "decision-trees"] {
        println!("cargo::rerun-if-changed={dir}");
        yaml_files(&root.join(dir), &mut files);
    }
    files.sort();

    let mut table = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    // The same files as text, for those that are UTF-8 (so that a user's
    // copy can be taken as text without decoding it again).
    let mut texts = String::from("pub static TEXTS: &[Option<&str>] = &[\n");
    let mut names = Vec::with_capacity(files.len());
    let mut parsed: Vec<Option<RawDocument>> = Vec::with_capacity(files.len());
    let mut file_texts: Vec<String> = Vec::with_capacity(files.len());
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let relative = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read(path)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        let shown = path.display().to_string();
        match text {
            Some(_) => {
                writeln!(
                    table,
                    "    ({relative:?}, include_str!({shown:?}).as_bytes()),"
                )
                .unwrap();
                writeln!(texts, "    Some(include_str!({shown:?})),").unwrap();
            }
            None => {
                writeln!(table, "    ({relative:?}, include_bytes!({shown:?})),").unwrap();
                texts.push_str("    None,\n");
            }
        }
        let document = text
            .as_deref()
            .and_then(|text| catalog::raw::parse_document(text).ok());
        if document.is_none() {
            println!("cargo::warning={relative} does not parse; run `archsel lint {relative}`");
        }
        names.push(relative);
        parsed.push(document);
        file_texts.push(text.unwrap_or_default());
    }
    table.push_str("];\n");
    texts.push_str("];\n");
    table.push_str(&texts);

    // Validate the files as the binary would load them (page text included).
    let documents: Vec<Document> = parsed
        .iter()
        .enumerate()
        .filter_map(|(source, raw)| {
            Some(Document {
                source,
                builtin: true,
                raw: raw.clone()?,
                page_checked: false,
            })
        })
        .collect();
    let validated = validate(&documents, &names, true);
    let clean = documents.len() == files.len() && validated.findings.is_empty();
    if !clean {
        println!("cargo::warning=the default catalog has problems; run `archsel lint`");
    }

    // Which pattern files pass the page checks, so that lint need not run
    // them on exact copies.
    let page_clean: Vec<bool> = parsed
        .iter()
        .enumerate()
        .map(|(source, document)| match document {
            Some(RawDocument::Pattern(head)) => {
                catalog::validate::page_text_findings(source, head).is_empty()
                    && lint::check_page(source, head, &file_texts[source]).is_empty()
            }
            _ => false,
        })
        .collect();
    let parsed_statics = literal::parsed(&parsed, &page_clean);

    let model = if clean {
        let mut patterns = validated.patterns;
        for p in &mut patterns {
            // Written out with the pattern (a build script may leak).
            p.static_body = Some(Box::leak(Box::new(p.body().clone())));
        }
        literal::snapshot(&validated.vocabulary, &patterns, &validated.trees)
    } else {
        "pub static SNAPSHOT: Option<Snapshot> = None;\n".to_owned()
    };

    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out_dir.join(name), bytes).unwrap_or_else(|e| panic!("write {name}: {e}"))
    };
    write("parsed.rs", parsed_statics.as_bytes());
    write("model.rs", model.as_bytes());
    write("embedded_files.rs", table.as_bytes());
}

/// Writes the validated model as Rust source: every string and list becomes
/// `Cow::Borrowed` of a literal, so the binary carries the model itself.
/// Each struct is destructured whole, so a field added to the model and
/// forgotten here is a compile error.
mod literal {
    use super::catalog::model::*;
    use super::catalog::raw::*;
    use super::catalog::snapshot::{id_index, name_index};
    use super::catalog::span::{Sp, SrcSpan};
    use std::fmt::Write as _;

    pub trait Lit {
        fn lit(&self, out: &mut String);
    }

    /// `PARSED`, each file's parse (`None`: it did not parse), and
    /// `PAGE_CLEAN`, whether its page passed the page checks.
    pub fn parsed(documents: &[Option<RawDocument>], page_clean: &[bool]) -> String {
        let mut out = format!(
            "pub static PARSED: [Option<RawDocument>; {}] = [",
            documents.len()
        );
        for document in documents {
            document.lit(&mut out);
            out.push_str(",\n");
        }
        out.push_str("];\n");
        writeln!(
            out,
            "pub static PAGE_CLEAN: [bool; {}] = {page_clean:?};",
            page_clean.len()
        )
        .unwrap();
        out
    }

    pub fn snapshot(
        vocabulary: &Vocabulary,
        patterns: &[Pattern],
        trees: &[DecisionTree],
    ) -> String {
        let mut out = String::new();
        let array = |out: &mut String, name: &str, ty: &str, items: &[&dyn Lit]| {
            write!(out, "pub static {name}: [{ty}; {}] = [", items.len()).unwrap();
            for item in items {
                item.lit(out);
                out.push_str(",\n");
            }
            out.push_str("];\n");
        };
        let patterns_lit: Vec<&dyn Lit> = patterns.iter().map(|p| p as &dyn Lit).collect();
        array(&mut out, "PATTERNS", "Pattern", &patterns_lit);
        let trees: Vec<&dyn Lit> = trees.iter().map(|t| t as &dyn Lit).collect();
        array(&mut out, "TREES", "DecisionTree", &trees);
        let names = name_index(patterns);
        let names: Vec<&dyn Lit> = names.iter().map(|n| n as &dyn Lit).collect();
        array(&mut out, "NAMES", "(Text, u32)", &names);
        let ids = id_index(patterns);
        let ids: Vec<&dyn Lit> = ids.iter().map(|n| n as &dyn Lit).collect();
        array(&mut out, "IDS", "(Text, u32)", &ids);
        out.push_str("pub static SNAPSHOT: Option<Snapshot> = Some(Snapshot { vocabulary: ");
        vocabulary.lit(&mut out);
        out.push_str(", patterns: &PATTERNS, trees: &TREES, names: &NAMES, ids: &IDS });\n");
        out
    }

    impl Lit for Text {
        fn lit(&self, out: &mut String) {
            write!(out, "Cow::Borrowed({:?})", &**self).unwrap();
        }
    }
    impl<T: Lit + Clone> Lit for List<T> {
        fn lit(&self, out: &mut String) {
            out.push_str("Cow::Borrowed(&[");
            for item in self.iter() {
                item.lit(out);
                out.push(',');
            }
            out.push_str("])");
        }
    }
    impl<T: Lit> Lit for Option<T> {
        fn lit(&self, out: &mut String) {
            match self {
                None => out.push_str("None"),
                Some(v) => {
                    out.push_str("Some(");
                    v.lit(out);
                    out.push(')');
                }
            }
        }
    }
    impl<A: Lit, B: Lit> Lit for (A, B) {
        fn lit(&self, out: &mut String) {
            out.push('(');
            self.0.lit(out);
            out.push(',');
            self.1.lit(out);
            out.push(')');
        }
    }
    macro_rules! lit_by_debug {
        ($($ty:ty),*) => {$(
            impl Lit for $ty {
                fn lit(&self, out: &mut String) {
                    write!(out, "{:?}", self).unwrap();
                }
            }
        )*};
    }
    // f64's Debug is its shortest exact form, a valid Rust literal for the
    // finite values validation lets through.
    lit_by_debug!(bool, i64, u32, usize);
    impl Lit for f64 {
        fn lit(&self, out: &mut String) {
            match self {
                v if v.is_nan() => out.push_str("f64::NAN"),
                v if v.is_infinite() && *v > 0.0 => out.push_str("f64::INFINITY"),
                v if v.is_infinite() => out.push_str("f64::NEG_INFINITY"),
                v => write!(out, "{v:?}").unwrap(),
            }
        }
    }
    impl Lit for IntegerDisplay {
        fn lit(&self, out: &mut String) {
            write!(out, "IntegerDisplay::{self:?}").unwrap();
        }
    }
    impl Lit for Better {
        fn lit(&self, out: &mut String) {
            write!(out, "Better::{self:?}").unwrap();
        }
    }

    impl Lit for std::sync::OnceLock<PatternBody> {
        fn lit(&self, out: &mut String) {
            out.push_str("OnceLock::new()");
        }
    }
    impl Lit for &'static PatternBody {
        fn lit(&self, out: &mut String) {
            out.push('&');
            (**self).lit(out);
        }
    }
    /// The build's model is validated from parsed files, not from the
    /// binary's statics: it has no embedded page to point at.
    impl Lit for EmbeddedPage {
        fn lit(&self, out: &mut String) {
            assert!(self.0.is_none(), "the build's model has no embedded page");
            out.push_str("EmbeddedPage(None)");
        }
    }

    impl<T: Lit> Lit for Sp<T> {
        fn lit(&self, out: &mut String) {
            out.push_str("Sp { value: ");
            self.value.lit(out);
            out.push_str(", span: ");
            self.span.lit(out);
            out.push_str(" }");
        }
    }
    impl<V: Lit + Clone> Lit for SpMap<V> {
        fn lit(&self, out: &mut String) {
            out.push_str("SpMap(");
            self.0.lit(out);
            out.push(')');
        }
    }
    impl<T: Lit> Lit for Shared<T> {
        fn lit(&self, out: &mut String) {
            out.push_str("Shared::Static(&");
            (**self).lit(out);
            out.push(')');
        }
    }
    impl Lit for RawDocument {
        fn lit(&self, out: &mut String) {
            let (variant, document): (&str, &dyn Lit) = match self {
                RawDocument::Pattern(p) => ("Pattern", p),
                RawDocument::Tree(t) => ("Tree", t),
                RawDocument::Vocabulary(v) => ("Vocabulary", v),
            };
            write!(out, "RawDocument::{variant}(").unwrap();
            document.lit(out);
            out.push(')');
        }
    }
    impl Lit for Scalar {
        fn lit(&self, out: &mut String) {
            match self {
                Scalar::Int(n) => write!(out, "Scalar::Int({n})").unwrap(),
                Scalar::Text(t) => {
                    out.push_str("Scalar::Text(");
                    t.lit(out);
                    out.push(')');
                }
            }
        }
    }

    macro_rules! lit_struct {
        ($($ty:ident { $($field:ident),* $(,)? })*) => {$(
            impl Lit for $ty {
                fn lit(&self, out: &mut String) {
                    let $ty { $($field),* } = self;
                    out.push_str(concat!(stringify!($ty), " {"));
                    $(
                        out.push_str(concat!(stringify!($field), ": "));
                        $field.lit(out);
                        out.push(',');
                    )*
                    out.push('}');
                }
            }
        )*};
    }
    lit_struct! {
        Vocabulary { dimensions, categories, criteria, relations }
        Dimension { id, name, description, values }
        DimensionValue { id, name, description }
        Category { id, name, names, description }
        Criterion { id, name, description, scale, better }
        RelationKind { id, name, inverse, symmetric, description }
        TeamRange { min, max }
        Rating { criterion, value, inherited }
        Dimensions { infra, granularity, network, deploy }
        Relation { kind, target, note }
        Provenance { file, builtin, replaces }
        Pattern {
            id, name, aliases, names, core, category, dimensions, ratings,
            relations, source, provenance, body, embedded_page, static_body,
        }
        PatternBody {
            summary, pros, cons, use_cases, when_to_use, when_not_to_use,
            anti_patterns, technologies, examples, file_structure, deploy,
            diagram, references, rating_notes,
        }
        AntiPattern { name, description }
        Example { description, source }
        Reference { title, url }
        DecisionTree { id, name, description, root, scoring, questions, source }
        Scoring { team_question, team_fit, criteria_scale, candidates, weights }
        Question { id, key, prompt, help, choices, default }
        Choice { value, label, help, outcome, effects, weights }

        SrcSpan { offset, len, line, column }
        RelationTarget { id, note }
        RawReference { title, url }
        RawExample { description, source }
        RawAntiPattern { name, description }
        RawDimensions { infra, granularity, network, deploy }
        RawPattern {
            api_version, kind, id, name, aliases, names, core, category, summary,
            dimensions, ratings, rating_notes, pros, cons, use_cases, when_to_use,
            when_not_to_use, anti_patterns, technologies, examples, file_structure,
            deploy, diagram, relations, references,
        }
        RawDimensionValue { id, name, description }
        RawDimension { id, name, description, values }
        RawCategory { id, name, names, description }
        RawScale { kind, min, max, display, levels }
        RawCriterion { id, name, description, scale, better }
        RawRelationKind { id, name, inverse, symmetric, description }
        RawVocabulary { api_version, kind, dimensions, categories, criteria, relations }
        RawChoice { value, label, help, next, recommend, effects, weights }
        RawQuestion { id, key, prompt, help, choices, default }
        RawTree { api_version, kind, id, name, description, root, scoring, questions }
        RawScoring { team_question, team_fit, criteria_scale, candidates, weights }
    }

    impl Lit for Scale {
        fn lit(&self, out: &mut String) {
            match self {
                Scale::Integer { min, max, display } => {
                    write!(out, "Scale::Integer {{ min: {min}, max: {max}, display: ").unwrap();
                    display.lit(out);
                    out.push_str(" }");
                }
                Scale::Levels { levels } => {
                    out.push_str("Scale::Levels { levels: ");
                    levels.lit(out);
                    out.push_str(" }");
                }
                Scale::TeamSize => out.push_str("Scale::TeamSize"),
            }
        }
    }
    impl Lit for RatingValue {
        fn lit(&self, out: &mut String) {
            match self {
                RatingValue::Integer(n) => write!(out, "RatingValue::Integer({n})").unwrap(),
                RatingValue::Level { word, rank } => {
                    out.push_str("RatingValue::Level { word: ");
                    word.lit(out);
                    write!(out, ", rank: {rank} }}").unwrap();
                }
                RatingValue::TeamSize { text, range } => {
                    out.push_str("RatingValue::TeamSize { text: ");
                    text.lit(out);
                    out.push_str(", range: ");
                    range.lit(out);
                    out.push_str(" }");
                }
            }
        }
    }
    impl Lit for Outcome {
        fn lit(&self, out: &mut String) {
            let (variant, target) = match self {
                Outcome::Next(t) => ("Next", t),
                Outcome::Recommend(t) => ("Recommend", t),
            };
            write!(out, "Outcome::{variant}(").unwrap();
            target.lit(out);
            out.push(')');
        }
    }
}
