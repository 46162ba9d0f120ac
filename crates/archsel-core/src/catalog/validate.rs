//! The one validation pass: raw documents → the model. It resolves every
//! reference (vocabulary values, parents, relation targets, tree targets) and
//! collects *every* problem as a finding instead of stopping at the first.

use super::model::*;
use super::raw::*;
use super::span::{Sp, SrcSpan};
use crate::diagnostics::{Finding, Rule, Severity};
use crate::suggest::{allowed_help, did_you_mean};
use std::collections::HashMap;

pub const API_VERSION: &str = "archsel/v1";
/// The largest value of an integer rating scale (drawn one symbol a point).
pub const MAX_SCALE: i64 = 10;
/// The most levels a levels scale may have.
pub const MAX_LEVELS: usize = 10;

/// A parsed document and the file it came from.
pub struct Document {
    pub source: usize,
    pub builtin: bool,
    pub raw: RawDocument,
    /// The built-in file (source index) this user file is a byte-identical
    /// copy of. The loader leaves such a built-in out, since the copy
    /// replaces it; a pattern read from the copy still says it replaces it.
    pub copy_of: Option<usize>,
    /// The page text the build validated for this file, still encoded (a
    /// document from the build's snapshot). A page lint found clean is
    /// stored without its text in `raw`, which then only has its head.
    pub page: Option<Body>,
}

pub struct Validated {
    pub vocabulary: Vocabulary,
    pub patterns: Vec<Pattern>,
    pub trees: Vec<DecisionTree>,
    pub findings: Vec<Finding>,
}

struct Ctx<'a> {
    findings: Vec<Finding>,
    names: &'a [String],
    page_text: bool,
}

impl Ctx<'_> {
    fn report(
        &mut self,
        source: usize,
        span: SrcSpan,
        rule: &'static Rule,
        message: String,
    ) -> &mut Finding {
        self.findings
            .push(Finding::new(rule, message).at(source, span));
        self.findings.last_mut().expect("just pushed")
    }
}

pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn check_header(
    ctx: &mut Ctx,
    source: usize,
    api_version: &Sp<String>,
    kind: &Sp<String>,
    expected_kind: &str,
) {
    if api_version.value != API_VERSION {
        ctx.report(
            source,
            api_version.span,
            &super::rules::API_VERSION,
            format!("unknown apiVersion `{}`", api_version.value),
        )
        .help = Some(format!("use `apiVersion: {API_VERSION}`"));
    }
    if kind.value != expected_kind {
        ctx.report(
            source,
            kind.span,
            &super::rules::UNKNOWN_KIND,
            format!("unknown kind `{}`", kind.value),
        )
        .help = Some(format!("use one of: {}", KINDS.join(", ")));
    }
}

fn check_id(ctx: &mut Ctx, source: usize, id: &Sp<String>, what: &str) {
    if !is_kebab(&id.value) {
        ctx.report(
            source,
            id.span,
            &super::rules::INVALID_ID,
            format!("{what} `{}` is not lower-kebab-case", id.value),
        )
        .help =
            Some("use lowercase letters, digits and single hyphens, e.g. `event-driven`".into());
    }
}

fn text(ctx: &mut Ctx, source: usize, value: &Sp<String>, field: &str) -> String {
    if value.value.trim().is_empty() {
        ctx.report(
            source,
            value.span,
            &super::rules::EMPTY_TEXT,
            format!("`{field}` is empty"),
        )
        .help = Some(format!(
            "write the {field}, or remove the field if it is optional"
        ));
    }
    value.value.clone()
}

fn opt_text(value: &Option<Sp<String>>) -> String {
    value.as_ref().map(|v| v.value.clone()).unwrap_or_default()
}

fn list(
    ctx: &mut Ctx,
    source: usize,
    items: &[Sp<String>],
    field: &str,
    required: bool,
    at: SrcSpan,
) -> Vec<String> {
    if required && items.is_empty() {
        ctx.report(
            source,
            at,
            &super::rules::EMPTY_TEXT,
            format!("`{field}` is missing or empty"),
        )
        .help = Some(format!("add at least one item to `{field}`"));
    }
    items
        .iter()
        .map(|item| text(ctx, source, item, field))
        .collect()
}

/// Language → name pairs, sorted by language.
fn names_map(map: &SpMap<Sp<String>>) -> Pairs {
    let mut pairs: Vec<(String, String)> = map
        .iter()
        .map(|(k, v)| (k.value.clone(), v.value.clone()))
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs.dedup_by(|later, kept| later.0 == kept.0);
    pairs
}

/// Later definitions with the same id replace earlier ones (user overlays).
fn merge_by_id<T: Clone>(into: &mut Vec<T>, items: &[T], id: impl Fn(&T) -> &str) {
    for item in items {
        match into.iter().position(|existing| id(existing) == id(item)) {
            Some(i) => into[i] = item.clone(),
            None => into.push(item.clone()),
        }
    }
}

fn vocabulary(ctx: &mut Ctx, docs: &[(usize, &RawVocabulary)]) -> Vocabulary {
    let mut vocab = Vocabulary::default();
    for &(source, raw) in docs {
        check_header(ctx, source, &raw.api_version, &raw.kind, "Vocabulary");
        let dimensions: Vec<Dimension> = raw
            .dimensions
            .iter()
            .map(|d| {
                check_id(ctx, source, &d.id, "dimension id");
                Dimension {
                    id: d.id.value.clone(),
                    name: d.name.value.clone(),
                    description: opt_text(&d.description),
                    values: d
                        .values
                        .iter()
                        .map(|v| {
                            check_id(ctx, source, &v.id, "dimension value");
                            DimensionValue {
                                id: v.id.value.clone(),
                                name: v.name.value.clone(),
                                description: opt_text(&v.description),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        for d in raw.dimensions.iter() {
            if !DIMENSION_IDS.contains(&&*d.id.value) {
                ctx.report(
                    source,
                    d.id.span,
                    &super::rules::UNKNOWN_VALUE,
                    format!("unknown dimension `{}`", d.id.value),
                )
                .help = Some(format!("the dimensions are: {}", DIMENSION_IDS.join(", ")));
            }
        }
        merge_by_id(&mut vocab.dimensions, &dimensions, |d| &d.id);
        let categories = named(ctx, source, &raw.categories, "category id");
        merge_by_id(&mut vocab.categories, &categories, |c| &c.id);
        let roles = named(ctx, source, &raw.roles, "role id");
        merge_by_id(&mut vocab.roles, &roles, |r| &r.id);
        let criteria: Vec<Criterion> = raw
            .criteria
            .iter()
            .filter_map(|c| criterion(ctx, source, c))
            .collect();
        merge_by_id(&mut vocab.criteria, &criteria, |c| &c.id);
        let relations: Vec<RelationKind> = raw
            .relations
            .iter()
            .map(|r| {
                check_id(ctx, source, &r.id, "relation kind");
                RelationKind {
                    id: r.id.value.clone(),
                    name: r.name.value.clone(),
                    inverse: r.inverse.value.clone(),
                    symmetric: r.symmetric,
                    description: opt_text(&r.description),
                }
            })
            .collect();
        merge_by_id(&mut vocab.relations, &relations, |r| &r.id);
    }
    vocab
}

/// Categories and roles: named, described entries of the vocabulary.
fn named(ctx: &mut Ctx, source: usize, raw: &[RawCategory], what: &str) -> Vec<Category> {
    raw.iter()
        .map(|c| {
            check_id(ctx, source, &c.id, what);
            Category {
                id: c.id.value.clone(),
                name: c.name.value.clone(),
                names: names_map(&c.names),
                description: opt_text(&c.description),
            }
        })
        .collect()
}

fn criterion(ctx: &mut Ctx, source: usize, raw: &RawCriterion) -> Option<Criterion> {
    check_id(ctx, source, &raw.id, "criterion id");
    let s = &raw.scale.value;
    let scale = match &*s.kind.value {
        "integer" => {
            let display = match s.display.as_ref().map(|d| &*d.value) {
                None | Some("stars") => IntegerDisplay::Stars,
                Some("dollars") => IntegerDisplay::Dollars,
                Some("support") => IntegerDisplay::Support,
                Some(other) => {
                    let span = s.display.as_ref().map(|d| d.span).unwrap_or_default();
                    ctx.report(
                        source,
                        span,
                        &super::rules::UNKNOWN_VALUE,
                        format!("unknown display `{other}`"),
                    )
                    .help = Some("use stars, dollars or support".into());
                    return None;
                }
            };
            let (min, max) = (
                s.min.as_ref().map_or(1, |m| m.value),
                s.max.as_ref().map_or(5, |m| m.value),
            );
            if min >= max {
                ctx.report(
                    source,
                    raw.scale.span,
                    &super::rules::SCHEMA,
                    format!("scale min {min} is not below max {max}"),
                );
                return None;
            }
            // Ratings are drawn as one symbol per point: the scale sizes output.
            if min < 0 || max > MAX_SCALE {
                ctx.report(
                    source,
                    raw.scale.span,
                    &super::rules::OUT_OF_BOUNDS,
                    format!("scale {min}..{max} is outside 0..{MAX_SCALE}"),
                )
                .help = Some(format!(
                    "rate on a small scale such as 1 to 5 (at most 0 to {MAX_SCALE})"
                ));
                return None;
            }
            Scale::Integer { min, max, display }
        }
        "levels" if s.levels.len() > MAX_LEVELS => {
            ctx.report(
                source,
                raw.scale.span,
                &super::rules::OUT_OF_BOUNDS,
                format!(
                    "{} levels; a scale has at most {MAX_LEVELS}",
                    s.levels.len()
                ),
            );
            return None;
        }
        "levels" if s.levels.len() >= 2 => Scale::Levels {
            levels: s.levels.iter().map(|l| l.value.clone()).collect(),
        },
        "levels" => {
            ctx.report(
                source,
                raw.scale.span,
                &super::rules::SCHEMA,
                "a `levels` scale needs at least two levels".into(),
            );
            return None;
        }
        "team-size" => Scale::TeamSize,
        other => {
            ctx.report(
                source,
                s.kind.span,
                &super::rules::UNKNOWN_VALUE,
                format!("unknown scale type `{other}`"),
            )
            .help = Some("use integer, levels or team-size".into());
            return None;
        }
    };
    let better = match &*raw.better.value {
        "lower" => Better::Lower,
        "higher" => Better::Higher,
        "none" => Better::None,
        other => {
            ctx.report(
                source,
                raw.better.span,
                &super::rules::UNKNOWN_VALUE,
                format!("unknown direction `{other}`"),
            )
            .help = Some("use lower, higher or none".into());
            Better::None
        }
    };
    Some(Criterion {
        id: raw.id.value.clone(),
        name: raw.name.value.clone(),
        description: opt_text(&raw.description),
        scale,
        better,
    })
}

/// Checks one rating against its criterion's scale.
pub fn rating_value(criterion: &Criterion, value: &Scalar) -> Result<RatingValue, String> {
    match (&criterion.scale, value) {
        (Scale::Integer { min, max, .. }, Scalar::Int(n)) if (*min..=*max).contains(n) => {
            Ok(RatingValue::Integer(*n))
        }
        (Scale::Integer { min, max, .. }, _) => Err(format!("a whole number from {min} to {max}")),
        (Scale::Levels { levels }, Scalar::Text(word)) if levels.iter().any(|l| l == word) => {
            Ok(RatingValue::Level {
                word: word.clone(),
                rank: levels.iter().position(|l| l == word).unwrap_or(0),
            })
        }
        (Scale::Levels { levels }, _) => Err(format!("one of: {}", levels.join(", "))),
        (Scale::TeamSize, v) => {
            let text = v.to_string();
            TeamRange::parse(&text)
                .map(|range| RatingValue::TeamSize { text, range })
                .ok_or_else(|| "a team size such as `1-2`, `5-10`, `10+` or `any`".into())
        }
    }
}

/// The raw document that wins the overlay for its id (a pattern unless
/// said otherwise).
struct Winner<'a, R = RawPattern> {
    source: usize,
    builtin: bool,
    raw: &'a R,
    /// The built-in file it replaces, if any.
    replaces: Option<String>,
    /// The build's page for it (see [`Document::page`]).
    page: Option<&'a Body>,
}

/// The overlay of the documents of one kind (`what`, for messages): one
/// winner per id, in first-seen order. A user file replaces a built-in with
/// the same id; two files of the same layer with one id are an error.
fn overlay<'a, R>(
    ctx: &mut Ctx,
    what: &str,
    documents: impl Iterator<Item = (&'a Document, &'a R)>,
    id: impl Fn(&R) -> &Sp<String>,
) -> Vec<Winner<'a, R>> {
    let mut winners: Vec<Winner<R>> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (doc, raw) in documents {
        let id = id(raw);
        match by_id.get(&*id.value) {
            Some(&i) if winners[i].builtin && !doc.builtin => {
                let replaced = ctx.names[winners[i].source].clone();
                winners[i] = Winner {
                    source: doc.source,
                    builtin: false,
                    raw,
                    replaces: Some(replaced),
                    page: doc.page.as_ref(),
                };
            }
            Some(&i) => {
                let first = ctx.names[winners[i].source].clone();
                ctx.report(
                    doc.source,
                    id.span,
                    &super::rules::DUPLICATE_ID,
                    format!("{what} id `{}` is already defined", id.value),
                )
                .help = Some(format!("first defined in {first}; rename one of them"));
            }
            None => {
                by_id.insert(&id.value, winners.len());
                winners.push(Winner {
                    source: doc.source,
                    builtin: doc.builtin,
                    raw,
                    replaces: doc.copy_of.map(|b| ctx.names[b].clone()),
                    page: doc.page.as_ref(),
                });
            }
        }
    }
    winners
}

/// `page_text`: build each pattern's page text into the model (lint, which
/// reads the parsed documents instead, saves the copy).
pub fn validate(documents: &[Document], source_names: &[String], page_text: bool) -> Validated {
    let mut ctx = Ctx {
        findings: Vec::new(),
        names: source_names,
        page_text,
    };
    let vocab_docs: Vec<(usize, &RawVocabulary)> = documents
        .iter()
        .filter_map(|d| match &d.raw {
            RawDocument::Vocabulary(v) => Some((d.source, &**v)),
            _ => None,
        })
        .collect();
    if vocab_docs.is_empty() {
        ctx.findings.push(
            Finding::new(
                &super::rules::MISSING_VOCABULARY,
                "no Vocabulary file was found",
            )
            .help("keep the default catalog (drop --no-default-catalog) or add a vocabulary.yaml"),
        );
    }
    let vocab = vocabulary(&mut ctx, &vocab_docs);

    let winners = overlay(
        &mut ctx,
        "pattern",
        documents.iter().filter_map(|d| match &d.raw {
            RawDocument::Pattern(raw) => Some((d, &**raw)),
            _ => None,
        }),
        |raw| &raw.id,
    );

    let mut patterns: Vec<Pattern> = winners
        .iter()
        .map(|w| pattern(&mut ctx, &vocab, w))
        .collect();
    check_relations(&mut ctx, &vocab, &winners, &patterns);
    attach_inverse_relations(&vocab, &mut patterns);
    inherit_from_parents(&mut ctx, &vocab, &winners, &mut patterns);
    check_names(&mut ctx, &winners);

    let pattern_ids: Vec<&str> = patterns.iter().map(|p| &*p.id).collect();
    // Trees overlay like patterns. The winners are chosen before
    // validation, so that a replaced built-in tree (lint of a copy of the
    // default catalog replaces all of them) is not validated for nothing.
    let tree_winners = overlay(
        &mut ctx,
        "decision tree",
        documents.iter().filter_map(|d| match &d.raw {
            RawDocument::Tree(raw) => Some((d, &**raw)),
            _ => None,
        }),
        |raw| &raw.id,
    );
    let trees: Vec<DecisionTree> = tree_winners
        .iter()
        .map(|w| tree(&mut ctx, &vocab, &pattern_ids, w.source, w.raw))
        .collect();

    Validated {
        vocabulary: vocab,
        patterns,
        trees,
        findings: ctx.findings,
    }
}

fn pattern(ctx: &mut Ctx, vocab: &Vocabulary, w: &Winner) -> Pattern {
    let (source, raw) = (w.source, w.raw);
    check_header(ctx, source, &raw.api_version, &raw.kind, "Pattern");
    check_id(ctx, source, &raw.id, "pattern id");
    for alias in raw.aliases.iter() {
        check_id(ctx, source, alias, "alias");
    }
    if !vocab.categories.is_empty() && vocab.category(&raw.category.value).is_none() {
        let allowed: Vec<&str> = vocab.categories.iter().map(|c| &*c.id).collect();
        ctx.report(
            source,
            raw.category.span,
            &super::rules::UNKNOWN_VALUE,
            format!("unknown category `{}`", raw.category.value),
        )
        .help = Some(allowed_help(&raw.category.value, &allowed));
    }

    let dimensions = match &raw.dimensions {
        Some(d) => dimensions(ctx, vocab, source, d),
        None => Dimensions {
            infra: String::new(),
            granularity: String::new(),
            network: String::new(),
            deploy: String::new(),
        },
    };

    let mut ratings = Vec::new();
    for (key, value) in raw.ratings.iter() {
        let Some(criterion) = vocab.criterion(&key.value) else {
            let allowed: Vec<&str> = vocab.criteria.iter().map(|c| &*c.id).collect();
            ctx.report(
                source,
                key.span,
                &super::rules::UNKNOWN_VALUE,
                format!("unknown criterion `{}`", key.value),
            )
            .help = Some(allowed_help(&key.value, &allowed));
            continue;
        };
        match rating_value(criterion, &value.value) {
            Ok(v) => ratings.push(Rating {
                criterion: criterion.id.clone(),
                value: v,
                inherited: false,
            }),
            Err(expected) => {
                ctx.report(
                    source,
                    value.span,
                    &super::rules::RATING_OUT_OF_SCALE,
                    format!("`{}` is not a valid {} rating", value.value, criterion.name),
                )
                .help = Some(format!("{} takes {expected}", criterion.id));
            }
        }
    }

    let relations = raw
        .relations
        .iter()
        .flat_map(|(kind, targets)| {
            targets.iter().map(move |t| Relation {
                kind: kind.value.clone(),
                target: t.value.id.value.clone(),
                note: t.value.note.as_ref().map(|n| n.value.clone()),
            })
        })
        .collect();
    check_rating_notes(ctx, vocab, source, raw);
    // Without pages, the caller checks page text (lint does, with
    // `page_text_findings`, as each file is parsed).
    // A page the build found clean is not checked again (its text may not
    // even be in `raw`: see `Document::page`).
    if ctx.page_text && !raw.page_checked {
        check_page_text(ctx, source, raw);
    }
    let body = match (ctx.page_text, w.page) {
        (false, _) => Body::default(),
        (true, Some(page)) => page.clone(),
        (true, None) => Body::new(body_from_raw(raw)),
    };

    Pattern {
        id: raw.id.value.clone(),
        name: text(ctx, source, &raw.name, "name"),
        aliases: raw.aliases.iter().map(|a| a.value.clone()).collect(),
        names: names_map(&raw.names),
        core: raw.core,
        category: raw.category.value.clone(),
        role: match &raw.role {
            Some(role) => {
                if !vocab.roles.is_empty() && vocab.role(&role.value).is_none() {
                    let allowed: Vec<&str> = vocab.roles.iter().map(|r| &*r.id).collect();
                    ctx.report(
                        source,
                        role.span,
                        &super::rules::UNKNOWN_VALUE,
                        format!("unknown role `{}`", role.value),
                    )
                    .help = Some(allowed_help(&role.value, &allowed));
                }
                role.value.clone()
            }
            None => String::new(),
        },
        dimensions,
        ratings,
        relations,
        source,
        provenance: Provenance {
            file: ctx.names[source].clone(),
            builtin: w.builtin,
            replaces: w.replaces.clone(),
        },
        body,
    }
}

/// Rating notes name criteria of the vocabulary.
fn check_rating_notes(ctx: &mut Ctx, vocab: &Vocabulary, source: usize, raw: &RawPattern) {
    for (key, _) in raw.rating_notes.iter() {
        if vocab.criterion(&key.value).is_none() {
            let allowed: Vec<&str> = vocab.criteria.iter().map(|c| &*c.id).collect();
            ctx.report(
                source,
                key.span,
                &super::rules::UNKNOWN_VALUE,
                format!("rating note for unknown criterion `{}`", key.value),
            )
            .help = Some(allowed_help(&key.value, &allowed));
        }
    }
}

/// The checks of a pattern's page text that need nothing but its own file.
pub fn page_text_findings(source: usize, raw: &RawPattern) -> Vec<Finding> {
    let mut ctx = Ctx {
        findings: Vec::new(),
        names: &[],
        page_text: true,
    };
    check_page_text(&mut ctx, source, raw);
    ctx.findings
}

fn check_page_text(ctx: &mut Ctx, source: usize, raw: &RawPattern) {
    let at = raw.id.span;
    text(ctx, source, &raw.summary, "summary");
    text(ctx, source, &raw.diagram, "diagram");
    for (items, field) in [
        (&raw.pros, "pros"),
        (&raw.cons, "cons"),
        (&raw.use_cases, "use-cases"),
        (&raw.when_to_use, "when-to-use"),
        (&raw.when_not_to_use, "when-not-to-use"),
    ] {
        list(ctx, source, items, field, true, at);
    }
}

fn strings(items: &[Sp<String>]) -> Vec<String> {
    items.iter().map(|i| i.value.clone()).collect()
}

/// Turns a pattern's raw page text into the model's (no checks: see
/// `check_page_text`).
pub fn body_from_raw(raw: &RawPattern) -> PatternBody {
    PatternBody {
        summary: raw.summary.value.clone(),
        pros: strings(&raw.pros),
        cons: strings(&raw.cons),
        use_cases: strings(&raw.use_cases),
        when_to_use: strings(&raw.when_to_use),
        when_not_to_use: strings(&raw.when_not_to_use),
        anti_patterns: raw
            .anti_patterns
            .iter()
            .map(|a| AntiPattern {
                name: a.name.value.clone(),
                description: a.description.value.clone(),
            })
            .collect(),
        technologies: strings(&raw.technologies),
        examples: raw
            .examples
            .iter()
            .map(|e| Example {
                description: e.description.value.clone(),
                source: e.source.value.clone(),
            })
            .collect(),
        file_structure: raw.file_structure.as_ref().map(|f| f.value.clone()),
        deploy: strings(&raw.deploy),
        diagram: raw.diagram.value.clone(),
        references: raw
            .references
            .iter()
            .map(|r| Reference {
                title: r.title.value.clone(),
                url: r.url.value.clone(),
            })
            .collect(),
        rating_notes: raw
            .rating_notes
            .iter()
            .map(|(k, v)| (k.value.clone(), v.value.clone()))
            .collect(),
    }
}

fn dimensions(
    ctx: &mut Ctx,
    vocab: &Vocabulary,
    source: usize,
    raw: &Sp<RawDimensions>,
) -> Dimensions {
    let d = &raw.value;
    let mut value = |id: &str, v: &Option<Sp<String>>| -> String {
        let Some(v) = v else {
            return String::new();
        };
        if let Some(dimension) = vocab.dimension(id)
            && dimension.rank(&v.value).is_none()
        {
            let allowed: Vec<&str> = dimension.values.iter().map(|x| &*x.id).collect();
            ctx.report(
                source,
                v.span,
                &super::rules::UNKNOWN_VALUE,
                format!("`{}` is not a value of dimension `{id}`", v.value),
            )
            .help = Some(allowed_help(&v.value, &allowed));
        }
        v.value.clone()
    };
    Dimensions {
        infra: value("infra", &d.infra),
        granularity: value("granularity", &d.granularity),
        network: value("network", &d.network),
        deploy: value("deploy", &d.deploy),
    }
}

/// Fills dimensions and ratings a variant leaves out from its parent chain,
/// then reports what is still missing.
fn inherit_from_parents(
    ctx: &mut Ctx,
    vocab: &Vocabulary,
    winners: &[Winner],
    patterns: &mut [Pattern],
) {
    let index: HashMap<String, usize> = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    for i in 0..patterns.len() {
        // Walk up the parent chain (bounded: a cycle is reported by lint).
        let mut chain = Vec::new();
        let mut current = i;
        while let Some(parent) = patterns[current]
            .parent()
            .and_then(|id| index.get(id))
            .copied()
        {
            if parent == i || chain.contains(&parent) || chain.len() > 16 {
                break;
            }
            chain.push(parent);
            current = parent;
        }
        for parent in chain {
            let (dims, ratings, role) = (
                patterns[parent].dimensions.clone(),
                patterns[parent].ratings.clone(),
                patterns[parent].role.clone(),
            );
            let p = &mut patterns[i];
            if p.role.is_empty() {
                p.role = role;
            }
            for (own, inherited) in [
                (&mut p.dimensions.infra, dims.infra),
                (&mut p.dimensions.granularity, dims.granularity),
                (&mut p.dimensions.network, dims.network),
                (&mut p.dimensions.deploy, dims.deploy),
            ] {
                if own.is_empty() {
                    *own = inherited;
                }
            }
            for r in ratings.iter().cloned() {
                if p.rating(&r.criterion).is_none() {
                    p.ratings.push(Rating {
                        inherited: true,
                        ..r
                    });
                }
            }
        }
        let (source, raw) = (winners[i].source, winners[i].raw);
        let at = raw.dimensions.as_ref().map_or(raw.id.span, |d| d.span);
        let p = &mut patterns[i];
        let missing_dims: Vec<&str> = DIMENSION_IDS
            .into_iter()
            .filter(|d| p.dimensions.get(d).is_some_and(str::is_empty))
            .collect();
        if !missing_dims.is_empty() {
            ctx.report(
                source,
                at,
                &super::rules::MISSING_FIELD,
                format!("dimensions missing: {}", missing_dims.join(", ")),
            )
            .help = Some(
                "give all four dimensions, or a `variant-of` parent to inherit them from".into(),
            );
        }
        if p.role.is_empty() && !vocab.roles.is_empty() {
            ctx.report(
                source,
                raw.id.span,
                &super::rules::MISSING_FIELD,
                "the pattern has no `role`".to_owned(),
            )
            .help = Some(format!(
                "add `role:` (one of {}), or a `variant-of` parent to take it from",
                vocab
                    .roles
                    .iter()
                    .map(|r| &*r.id)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        // A rating given but off its scale was reported already.
        let written: Vec<&str> = raw.ratings.iter().map(|(k, _)| &*k.value).collect();
        let missing: Vec<&str> = vocab
            .criteria
            .iter()
            .filter(|c| p.rating(&c.id).is_none() && !written.contains(&&*c.id))
            .map(|c| &*c.id)
            .collect();
        if !missing.is_empty() {
            let at = raw.ratings.0.first().map_or(raw.id.span, |(k, _)| k.span);
            ctx.report(
                source,
                at,
                &super::rules::RATING_MISSING,
                format!("no rating for: {}", missing.join(", ")),
            )
            .help = Some("rate the pattern on every criterion of the vocabulary".into());
        }
        // Keep ratings in vocabulary order.
        p.ratings.sort_by_key(|r| {
            vocab
                .criteria
                .iter()
                .position(|c| c.id == r.criterion)
                .unwrap_or(usize::MAX)
        });
    }
}

fn check_relations(ctx: &mut Ctx, vocab: &Vocabulary, winners: &[Winner], patterns: &[Pattern]) {
    let ids: Vec<&str> = patterns.iter().map(|p| &*p.id).collect();
    let known: std::collections::HashSet<&str> = ids.iter().copied().collect();
    let inverses: Vec<String> = vocab
        .relations
        .iter()
        .filter(|r| !r.symmetric)
        .map(|r| r.inverse_id())
        .collect();
    let kinds: Vec<&str> = vocab
        .relations
        .iter()
        .map(|r| &*r.id)
        .chain(inverses.iter().map(String::as_str))
        .collect();
    for w in winners {
        for (kind, targets) in w.raw.relations.iter() {
            if vocab.relation(&kind.value).is_none()
                && vocab.relation_by_inverse(&kind.value).is_none()
            {
                ctx.report(
                    w.source,
                    kind.span,
                    &super::rules::UNKNOWN_VALUE,
                    format!("unknown relation kind `{}`", kind.value),
                )
                .help = Some(allowed_help(&kind.value, &kinds));
            }
            for target in targets.iter() {
                let id = &target.value.id;
                let span = if id.span.is_known() {
                    id.span
                } else {
                    target.span
                };
                if id.value == w.raw.id.value {
                    ctx.report(
                        w.source,
                        span,
                        &super::rules::SELF_RELATION,
                        format!("`{}` relates to itself", id.value),
                    )
                    .help = Some("remove this target".into());
                } else if !known.contains(&*id.value) {
                    let help = match did_you_mean(&id.value, ids.iter().copied()) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => "add a pattern with this id, or remove the target".into(),
                    };
                    ctx.report(
                        w.source,
                        span,
                        &super::rules::DANGLING_REFERENCE,
                        format!("no pattern has the id `{}`", id.value),
                    )
                    .help = Some(help);
                }
            }
        }
    }
}

/// Relations written with an inverse kind (`evolves-from: [monolith]` in a
/// user's pattern) become the forward relation of the target
/// (`monolith evolves-to` it), so that a user pattern can place itself
/// after, under or beside a built-in one without editing it. Targets that do
/// not exist were reported by `check_relations` and are dropped.
fn attach_inverse_relations(vocab: &Vocabulary, patterns: &mut [Pattern]) {
    let index: HashMap<String, usize> = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let mut moved = Vec::new();
    for (i, p) in patterns.iter_mut().enumerate() {
        p.relations
            .retain(|r| match vocab.relation_by_inverse(&r.kind) {
                Some(forward) => {
                    if let Some(&target) = index.get(&r.target) {
                        moved.push((
                            target,
                            Relation {
                                kind: forward.id.clone(),
                                target: String::new(),
                                note: r.note.clone(),
                            },
                            i,
                        ));
                    }
                    false
                }
                None => true,
            });
    }
    for (target, mut relation, from) in moved {
        relation.target = patterns[from].id.clone();
        if !patterns[target]
            .relations
            .iter()
            .any(|r| r.kind == relation.kind && r.target == relation.target)
        {
            patterns[target].relations.push(relation);
        }
    }
}

/// Ids and aliases share one namespace: a name must lead to one pattern.
fn check_names(ctx: &mut Ctx, winners: &[Winner]) {
    let mut owner: HashMap<&str, &str> = winners
        .iter()
        .map(|w| (&*w.raw.id.value, &*w.raw.id.value))
        .collect();
    for w in winners {
        for alias in w.raw.aliases.iter() {
            match owner.get(&*alias.value) {
                Some(&other) if other != w.raw.id.value => {
                    ctx.report(
                        w.source,
                        alias.span,
                        &super::rules::ALIAS_COLLISION,
                        format!("alias `{}` is already a name of `{other}`", alias.value),
                    )
                    .help = Some(
                        "choose another alias; every id and alias must name one pattern".into(),
                    );
                }
                Some(_) => {
                    ctx.report(
                        w.source,
                        alias.span,
                        &super::rules::ALIAS_COLLISION,
                        format!("alias `{}` repeats a name of this pattern", alias.value),
                    )
                    .severity = Severity::Warning;
                }
                None => {
                    owner.insert(&alias.value, &w.raw.id.value);
                }
            }
        }
    }
    // Display names are typed too (`show "service mesh"`): a name that is
    // another pattern's id, alias or name would resolve to the wrong one.
    // Built-in names first, so a clash is reported on the user's file.
    let mut names: HashMap<String, &str> = HashMap::new();
    for w in winners
        .iter()
        .filter(|w| w.builtin)
        .chain(winners.iter().filter(|w| !w.builtin))
    {
        let name = w.raw.name.value.trim().to_lowercase();
        let clash = owner
            .get(name.as_str())
            .copied()
            .or_else(|| names.get(&name).copied());
        match clash {
            Some(other) if other != w.raw.id.value => {
                ctx.report(
                    w.source,
                    w.raw.name.span,
                    &super::rules::ALIAS_COLLISION,
                    format!("name `{}` is already a name of `{other}`", w.raw.name.value),
                )
                .help = Some(
                    "give the pattern a distinct name; names resolve like ids and aliases".into(),
                );
            }
            _ => {
                names.insert(name, &w.raw.id.value);
            }
        }
    }
}

fn tree(
    ctx: &mut Ctx,
    vocab: &Vocabulary,
    pattern_ids: &[&str],
    source: usize,
    raw: &RawTree,
) -> DecisionTree {
    check_header(ctx, source, &raw.api_version, &raw.kind, "DecisionTree");
    check_id(ctx, source, &raw.id, "tree id");
    let question_ids: Vec<&str> = raw.questions.iter().map(|q| &*q.id.value).collect();
    let criteria: Vec<&str> = vocab.criteria.iter().map(|c| &*c.id).collect();
    if !question_ids.contains(&&*raw.root.value) {
        ctx.report(
            source,
            raw.root.span,
            &super::rules::DANGLING_REFERENCE,
            format!("root question `{}` does not exist", raw.root.value),
        );
    }
    let mut seen_questions: Vec<&str> = Vec::new();
    let mut questions = Vec::new();
    for q in raw.questions.iter() {
        check_id(ctx, source, &q.id, "question id");
        if seen_questions.contains(&&*q.id.value) {
            ctx.report(
                source,
                q.id.span,
                &super::rules::DUPLICATE_ID,
                format!("question `{}` is defined twice", q.id.value),
            );
        }
        seen_questions.push(&q.id.value);
        let mut values: Vec<&str> = Vec::new();
        let mut choices = Vec::new();
        for c in q.choices.iter() {
            if values.contains(&&*c.value.value) {
                ctx.report(
                    source,
                    c.value.span,
                    &super::rules::TREE_DUPLICATE_CHOICE,
                    format!(
                        "choice `{}` appears twice in `{}`",
                        c.value.value, q.id.value
                    ),
                );
            }
            values.push(&c.value.value);
            let outcome = match (&c.next, &c.recommend) {
                (Some(next), None) => {
                    if !question_ids.contains(&&*next.value) {
                        ctx.report(
                            source,
                            next.span,
                            &super::rules::DANGLING_REFERENCE,
                            format!("no question has the id `{}`", next.value),
                        )
                        .help = did_you_mean(&next.value, question_ids.iter().copied())
                            .map(|c| format!("did you mean `{c}`?"));
                    }
                    Outcome::Next(next.value.clone())
                }
                (None, Some(pattern)) => {
                    if !pattern_ids.contains(&&*pattern.value) {
                        ctx.report(
                            source,
                            pattern.span,
                            &super::rules::DANGLING_REFERENCE,
                            format!("no pattern has the id `{}`", pattern.value),
                        )
                        .help = did_you_mean(&pattern.value, pattern_ids.iter().copied())
                            .map(|c| format!("did you mean `{c}`?"));
                    }
                    Outcome::Recommend(pattern.value.clone())
                }
                _ => {
                    ctx.report(
                        source,
                        c.value.span,
                        &super::rules::TREE_CHOICE_OUTCOME,
                        format!(
                            "choice `{}` needs exactly one of `next` or `recommend`",
                            c.value.value
                        ),
                    );
                    Outcome::Next(String::new())
                }
            };
            check_effects(ctx, source, pattern_ids, &criteria, &c.effects, &c.weights);
            choices.push(Choice {
                value: c.value.value.clone(),
                label: c.label.value.clone(),
                help: c.help.as_ref().map(|h| h.value.clone()),
                outcome,
                effects: c
                    .effects
                    .iter()
                    .map(|(k, v)| (k.value.clone(), v.value))
                    .collect(),
                weights: c
                    .weights
                    .iter()
                    .map(|(k, v)| (k.value.clone(), v.value))
                    .collect(),
                note: c.note.as_ref().map(|n| n.value.clone()),
            });
        }
        let default = match &q.default {
            Some(d) if values.contains(&&*d.value) => d.value.clone(),
            Some(d) => {
                ctx.report(
                    source,
                    d.span,
                    &super::rules::TREE_MISSING_DEFAULT,
                    format!("default `{}` is not one of the choices", d.value),
                )
                .help = Some(format!("use one of: {}", values.join(", ")));
                String::new()
            }
            None => {
                ctx.report(
                    source,
                    q.id.span,
                    &super::rules::TREE_MISSING_DEFAULT,
                    format!("question `{}` has no default choice", q.id.value),
                )
                .help = Some(
                    "add `default: <value>`; --no-input takes it for unanswered questions".into(),
                );
                String::new()
            }
        };
        questions.push(Question {
            id: q.id.value.clone(),
            key: q.key.as_ref().unwrap_or(&q.id).value.clone(),
            prompt: q.prompt.value.clone(),
            help: q.help.as_ref().map(|h| h.value.clone()),
            choices,
            default,
        });
    }
    let scoring = scoring(ctx, vocab, pattern_ids, source, raw, &questions);
    let blueprint = rules(ctx, vocab, pattern_ids, source, raw, &questions);
    DecisionTree {
        id: raw.id.value.clone(),
        name: raw.name.value.clone(),
        description: opt_text(&raw.description),
        root: raw.root.value.clone(),
        scoring,
        questions,
        blueprint,
        source,
    }
}

/// Effects name patterns that exist; weights name criteria that exist.
fn check_effects(
    ctx: &mut Ctx,
    source: usize,
    pattern_ids: &[&str],
    criteria: &[&str],
    effects: &SpMap<Sp<i64>>,
    weights: &SpMap<Sp<i64>>,
) {
    for (pattern, _) in effects.iter() {
        if !pattern_ids.contains(&&*pattern.value) {
            ctx.report(
                source,
                pattern.span,
                &super::rules::DANGLING_REFERENCE,
                format!("effect on unknown pattern `{}`", pattern.value),
            );
        }
    }
    for (criterion, _) in weights.iter() {
        if !criteria.contains(&&*criterion.value) {
            ctx.report(
                source,
                criterion.span,
                &super::rules::UNKNOWN_VALUE,
                format!("weight on unknown criterion `{}`", criterion.value),
            )
            .help = Some(allowed_help(&criterion.value, criteria));
        }
    }
}

/// The values a fact can take in this tree (over every question asking it),
/// plus `unknown`, which every fact accepts.
fn fact_values<'a>(questions: &'a [Question], key: &str) -> Vec<&'a str> {
    let mut values: Vec<&str> = Vec::new();
    for q in questions.iter().filter(|q| q.key == key) {
        for c in q.choices.iter() {
            if !values.contains(&&*c.value) {
                values.push(&c.value);
            }
        }
    }
    if !values.is_empty() {
        values.push("unknown");
    }
    values
}

/// Checks a fact → values condition of a blueprint rule.
fn check_condition(
    ctx: &mut Ctx,
    source: usize,
    pattern_ids: &[&str],
    questions: &[Question],
    condition: &SpMap<Vec<Sp<String>>>,
) -> Vec<(String, Vec<String>)> {
    for (key, values) in condition.iter() {
        let allowed: Vec<&str> = if key.value == "pattern" {
            pattern_ids.to_vec()
        } else {
            fact_values(questions, &key.value)
        };
        if allowed.is_empty() {
            ctx.report(
                source,
                key.span,
                &super::rules::DANGLING_REFERENCE,
                format!("no question asks `{}`", key.value),
            );
            continue;
        }
        for v in values.iter().filter(|v| !allowed.contains(&&*v.value)) {
            ctx.report(
                source,
                v.span,
                &super::rules::UNKNOWN_VALUE,
                format!("`{}` is not a value of `{}`", v.value, key.value),
            )
            .help = Some(allowed_help(&v.value, &allowed));
        }
    }
    condition
        .iter()
        .map(|(k, vs)| {
            (
                k.value.clone(),
                vs.iter().map(|v| v.value.clone()).collect(),
            )
        })
        .collect()
}

/// The blueprint rules: conditions on facts the tree asks, patterns that
/// exist, dimension values from the vocabulary.
fn rules(
    ctx: &mut Ctx,
    vocab: &Vocabulary,
    pattern_ids: &[&str],
    source: usize,
    raw: &RawTree,
    questions: &[Question],
) -> Vec<BlueprintRule> {
    const SLOTS: [&str; 4] = ["complement", "structure", "platform", "dimensions"];
    let mut out = Vec::new();
    for r in raw.blueprint.iter() {
        let when = check_condition(ctx, source, pattern_ids, questions, &r.when);
        let unless = check_condition(ctx, source, pattern_ids, questions, &r.unless);
        if !SLOTS.contains(&&*r.slot.value) {
            ctx.report(
                source,
                r.slot.span,
                &super::rules::UNKNOWN_VALUE,
                format!("unknown blueprint slot `{}`", r.slot.value),
            )
            .help = Some(allowed_help(&r.slot.value, &SLOTS));
        }
        match (&r.pattern, r.slot.value == "dimensions") {
            (Some(p), false) if !pattern_ids.contains(&&*p.value) => {
                ctx.report(
                    source,
                    p.span,
                    &super::rules::DANGLING_REFERENCE,
                    format!("no pattern has the id `{}`", p.value),
                )
                .help = did_you_mean(&p.value, pattern_ids.iter().copied())
                    .map(|c| format!("did you mean `{c}`?"));
            }
            (None, false) | (Some(_), true) => {
                ctx.report(
                    source,
                    r.slot.span,
                    &super::rules::SCHEMA,
                    "a `dimensions` rule takes `set`; every other slot takes `pattern`".into(),
                );
            }
            _ => {}
        }
        for (dim, value) in r.set.iter() {
            match vocab.dimension(&dim.value) {
                None => {
                    let allowed: Vec<&str> = vocab.dimensions.iter().map(|d| &*d.id).collect();
                    ctx.report(
                        source,
                        dim.span,
                        &super::rules::UNKNOWN_VALUE,
                        format!("unknown dimension `{}`", dim.value),
                    )
                    .help = Some(allowed_help(&dim.value, &allowed));
                }
                Some(d) if d.rank(&value.value).is_none() => {
                    let allowed: Vec<&str> = d.values.iter().map(|v| &*v.id).collect();
                    ctx.report(
                        source,
                        value.span,
                        &super::rules::UNKNOWN_VALUE,
                        format!("`{}` is not a value of `{}`", value.value, dim.value),
                    )
                    .help = Some(allowed_help(&value.value, &allowed));
                }
                Some(_) => {}
            }
        }
        out.push(BlueprintRule {
            when,
            unless,
            slot: r.slot.value.clone(),
            pattern: r.pattern.as_ref().map(|p| p.value.clone()),
            set: r
                .set
                .iter()
                .map(|(k, v)| (k.value.clone(), v.value.clone()))
                .collect(),
            because: r.because.value.clone(),
        });
    }
    out
}

fn scoring(
    ctx: &mut Ctx,
    vocab: &Vocabulary,
    pattern_ids: &[&str],
    source: usize,
    raw: &RawTree,
    questions: &[Question],
) -> Scoring {
    let Some(s) = &raw.scoring else {
        return Scoring::default();
    };
    if let Some(scale) = &s.criteria_scale
        && !(0.0..=10.0).contains(&scale.value)
    {
        ctx.report(
            source,
            scale.span,
            &super::rules::SCHEMA,
            "criteria-scale must be between 0 and 10".into(),
        );
    }
    if let Some(team) = &s.team_question
        && !questions.iter().any(|q| q.key == team.value)
    {
        ctx.report(
            source,
            team.span,
            &super::rules::DANGLING_REFERENCE,
            format!("no question asks `{}`", team.value),
        );
    }
    for category in s.candidates.iter() {
        if vocab.category(&category.value).is_none() {
            let allowed: Vec<&str> = vocab.categories.iter().map(|c| &*c.id).collect();
            ctx.report(
                source,
                category.span,
                &super::rules::UNKNOWN_VALUE,
                format!("unknown category `{}`", category.value),
            )
            .help = Some(allowed_help(&category.value, &allowed));
        }
    }
    for (criterion, weight) in s.weights.iter() {
        if vocab.criterion(&criterion.value).is_none() {
            let allowed: Vec<&str> = vocab.criteria.iter().map(|c| &*c.id).collect();
            ctx.report(
                source,
                criterion.span,
                &super::rules::UNKNOWN_VALUE,
                format!("weight on unknown criterion `{}`", criterion.value),
            )
            .help = Some(allowed_help(&criterion.value, &allowed));
        }
        if weight.value < 0 {
            ctx.report(
                source,
                weight.span,
                &super::rules::SCHEMA,
                "a base weight cannot be negative".into(),
            );
        }
    }
    let criteria: Vec<&str> = vocab.criteria.iter().map(|c| &*c.id).collect();
    let mut evidence = Vec::new();
    for (key, values) in s.evidence.iter() {
        let allowed = fact_values(questions, &key.value);
        if allowed.is_empty() {
            ctx.report(
                source,
                key.span,
                &super::rules::DANGLING_REFERENCE,
                format!("no question asks `{}`", key.value),
            );
        }
        let mut list = Vec::new();
        for (value, e) in values.iter() {
            if !allowed.is_empty() && !allowed.contains(&&*value.value) {
                ctx.report(
                    source,
                    value.span,
                    &super::rules::UNKNOWN_VALUE,
                    format!("`{}` is not a value of `{}`", value.value, key.value),
                )
                .help = Some(allowed_help(&value.value, &allowed));
            }
            check_effects(ctx, source, pattern_ids, &criteria, &e.effects, &e.weights);
            list.push((
                value.value.clone(),
                Evidence {
                    effects: e
                        .effects
                        .iter()
                        .map(|(k, v)| (k.value.clone(), v.value))
                        .collect(),
                    weights: e
                        .weights
                        .iter()
                        .map(|(k, v)| (k.value.clone(), v.value))
                        .collect(),
                },
            ));
        }
        evidence.push((key.value.clone(), list));
    }
    for id in s.applications.iter() {
        if !pattern_ids.contains(&&*id.value) {
            ctx.report(
                source,
                id.span,
                &super::rules::DANGLING_REFERENCE,
                format!("no pattern has the id `{}`", id.value),
            );
        }
    }
    Scoring {
        leaf_points: s.leaf_points.as_ref().map_or(0, |p| p.value),
        evidence,
        applications: s.applications.iter().map(|a| a.value.clone()).collect(),
        team_question: s.team_question.as_ref().map(|t| t.value.clone()),
        team_fit: s.team_fit.as_ref().map_or(0, |t| t.value),
        criteria_scale: s.criteria_scale.as_ref().map_or(1.0, |c| c.value),
        candidates: s.candidates.iter().map(|c| c.value.clone()).collect(),
        weights: s
            .weights
            .iter()
            .map(|(k, v)| (k.value.clone(), v.value))
            .collect(),
    }
}
