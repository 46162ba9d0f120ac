//! Raw file shapes: serde structs that mirror the YAML exactly (unknown fields
//! rejected, spans kept), and `parse_document`, which reads one file.
//!
//! Nothing here checks meaning; `validate` turns these into the model.

use super::span::Sp;
use bitcode::{Decode, Encode};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An ordered mapping that keeps the span of every key.
#[derive(Clone, Debug, Encode, Decode)]
pub struct SpMap<V: Clone>(pub Vec<(Sp<String>, V)>);

impl<V: Clone> Default for SpMap<V> {
    fn default() -> Self {
        SpMap(Vec::new())
    }
}

impl<V: Clone> SpMap<V> {
    pub fn iter(&self) -> impl Iterator<Item = &(Sp<String>, V)> {
        self.0.iter()
    }
}

impl<'de, V: Deserialize<'de> + Clone + 'static> Deserialize<'de> for SpMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de> + Clone + 'static> Visitor<'de> for MapVisitor<V> {
            type Value = SpMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(256));
                while let Some(key) = map.next_key::<Sp<String>>()? {
                    entries.push((key, map.next_value::<V>()?));
                }
                Ok(SpMap(entries))
            }
        }
        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

/// Serialized as YAML writes it (schemas show defaults this way).
impl<V: Serialize + Clone> Serialize for SpMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<V: schemars::JsonSchema + Clone + 'static> schemars::JsonSchema for SpMap<V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "object", "additionalProperties": generator.subschema_for::<V>() })
    }
}

/// A scalar that may be written as a number or as text (`3`, `10+`, `hard`).
#[derive(Clone, Debug, PartialEq, Encode, Decode)]
pub enum Scalar {
    Int(i64),
    Text(String),
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Scalar::Int(n) => write!(f, "{n}"),
            Scalar::Text(s) => f.write_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a word")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                i64::try_from(v)
                    .map(Scalar::Int)
                    .map_err(|_| E::custom("number too large"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Int(n) => serializer.serialize_i64(*n),
            Scalar::Text(s) => serializer.serialize_str(s),
        }
    }
}

impl schemars::JsonSchema for Scalar {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Scalar".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["integer", "string"] })
    }
}

/// A relation target: a bare pattern id, or `{ id, note }`.
#[derive(Clone, Debug, Default, Serialize, Encode, Decode)]
pub struct RelationTarget {
    pub id: Sp<String>,
    pub note: Option<Sp<String>>,
}

impl schemars::JsonSchema for RelationTarget {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RelationTarget".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A pattern id, or an id with a note saying why or what changes.",
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "id": { "type": "string" }, "note": { "type": "string" } },
                    "required": ["id"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for RelationTarget {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Detailed {
            id: Sp<String>,
            #[serde(default)]
            note: Option<Sp<String>>,
        }
        struct TargetVisitor;
        impl<'de> Visitor<'de> for TargetVisitor {
            type Value = RelationTarget;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a pattern id or a mapping with `id` and `note`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RelationTarget, E> {
                Ok(RelationTarget {
                    id: Sp::new(v.to_owned(), Default::default()),
                    note: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RelationTarget, A::Error> {
                let d = Detailed::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RelationTarget {
                    id: d.id,
                    note: d.note,
                })
            }
        }
        deserializer.deserialize_any(TargetVisitor)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawReference {
    pub title: Sp<String>,
    pub url: Sp<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawExample {
    pub description: Sp<String>,
    pub source: Sp<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawAntiPattern {
    pub name: Sp<String>,
    pub description: Sp<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawDimensions {
    #[serde(default)]
    pub infra: Option<Sp<String>>,
    #[serde(default)]
    pub granularity: Option<Sp<String>>,
    #[serde(default)]
    pub network: Option<Sp<String>>,
    #[serde(default)]
    pub deploy: Option<Sp<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPattern {
    #[serde(rename = "apiVersion")]
    pub api_version: Sp<String>,
    pub kind: Sp<String>,
    pub id: Sp<String>,
    pub name: Sp<String>,
    #[serde(default)]
    pub aliases: Vec<Sp<String>>,
    #[serde(default)]
    pub names: SpMap<Sp<String>>,
    #[serde(default)]
    pub core: bool,
    pub category: Sp<String>,
    /// What the pattern is in a system (a role of the vocabulary); a variant
    /// without one takes its parent's.
    #[serde(default)]
    pub role: Option<Sp<String>>,
    pub summary: Sp<String>,
    #[serde(default)]
    pub dimensions: Option<Sp<RawDimensions>>,
    #[serde(default)]
    pub ratings: SpMap<Sp<Scalar>>,
    #[serde(default)]
    pub rating_notes: SpMap<Sp<String>>,
    #[serde(default)]
    pub pros: Vec<Sp<String>>,
    #[serde(default)]
    pub cons: Vec<Sp<String>>,
    #[serde(default)]
    pub use_cases: Vec<Sp<String>>,
    #[serde(default)]
    pub when_to_use: Vec<Sp<String>>,
    #[serde(default)]
    pub when_not_to_use: Vec<Sp<String>>,
    #[serde(default)]
    pub anti_patterns: Vec<RawAntiPattern>,
    #[serde(default)]
    pub technologies: Vec<Sp<String>>,
    #[serde(default)]
    pub examples: Vec<RawExample>,
    #[serde(default)]
    pub file_structure: Option<Sp<String>>,
    #[serde(default)]
    pub deploy: Vec<Sp<String>>,
    pub diagram: Sp<String>,
    #[serde(default)]
    pub relations: SpMap<Vec<Sp<RelationTarget>>>,
    #[serde(default)]
    pub references: Vec<RawReference>,
    /// Not in the file: the build of archsel found this page clean with
    /// lint's page checks (set in the default catalog's snapshot by
    /// `lint::mark_clean_pages`, and so on a user's byte-identical copy of
    /// a built-in file, which takes the build's parse).
    #[serde(skip)]
    #[schemars(skip)]
    pub page_checked: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawDimensionValue {
    pub id: Sp<String>,
    pub name: Sp<String>,
    #[serde(default)]
    pub description: Option<Sp<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawDimension {
    pub id: Sp<String>,
    pub name: Sp<String>,
    #[serde(default)]
    pub description: Option<Sp<String>>,
    pub values: Vec<RawDimensionValue>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCategory {
    pub id: Sp<String>,
    pub name: Sp<String>,
    #[serde(default)]
    pub names: SpMap<Sp<String>>,
    #[serde(default)]
    pub description: Option<Sp<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawScale {
    #[serde(rename = "type")]
    pub kind: Sp<String>,
    #[serde(default)]
    pub min: Option<Sp<i64>>,
    #[serde(default)]
    pub max: Option<Sp<i64>>,
    #[serde(default)]
    pub display: Option<Sp<String>>,
    #[serde(default)]
    pub levels: Vec<Sp<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCriterion {
    pub id: Sp<String>,
    pub name: Sp<String>,
    #[serde(default)]
    pub description: Option<Sp<String>>,
    pub scale: Sp<RawScale>,
    pub better: Sp<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRelationKind {
    pub id: Sp<String>,
    pub name: Sp<String>,
    pub inverse: Sp<String>,
    #[serde(default)]
    pub symmetric: bool,
    #[serde(default)]
    pub description: Option<Sp<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawVocabulary {
    #[serde(rename = "apiVersion")]
    pub api_version: Sp<String>,
    pub kind: Sp<String>,
    #[serde(default)]
    pub dimensions: Vec<RawDimension>,
    #[serde(default)]
    pub categories: Vec<RawCategory>,
    #[serde(default)]
    pub criteria: Vec<RawCriterion>,
    #[serde(default)]
    pub relations: Vec<RawRelationKind>,
    #[serde(default)]
    pub roles: Vec<RawCategory>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawChoice {
    pub value: Sp<String>,
    pub label: Sp<String>,
    #[serde(default)]
    pub help: Option<Sp<String>>,
    #[serde(default)]
    pub next: Option<Sp<String>>,
    #[serde(default)]
    pub recommend: Option<Sp<String>>,
    /// Pattern id → points added to that pattern's score when this choice is taken.
    #[serde(default)]
    pub effects: SpMap<Sp<i64>>,
    /// Criterion id → how much this choice makes that criterion matter.
    #[serde(default)]
    pub weights: SpMap<Sp<i64>>,
    /// Where this choice departs from the tree's source (a seed rule it does
    /// not follow, and why); shown with every recommendation whose path
    /// takes it.
    #[serde(default)]
    pub note: Option<Sp<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawQuestion {
    pub id: Sp<String>,
    /// The fact this question asks (`--answer KEY=VALUE`); defaults to `id`.
    #[serde(default)]
    pub key: Option<Sp<String>>,
    pub prompt: Sp<String>,
    #[serde(default)]
    pub help: Option<Sp<String>>,
    pub choices: Vec<RawChoice>,
    #[serde(default)]
    pub default: Option<Sp<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawTree {
    #[serde(rename = "apiVersion")]
    pub api_version: Sp<String>,
    pub kind: Sp<String>,
    pub id: Sp<String>,
    pub name: Sp<String>,
    #[serde(default)]
    pub description: Option<Sp<String>>,
    pub root: Sp<String>,
    #[serde(default)]
    pub scoring: Option<RawScoring>,
    pub questions: Vec<RawQuestion>,
    /// Rules that fill the blueprint around the recommended architecture.
    #[serde(default)]
    pub blueprint: Vec<RawRule>,
}

/// The evidence one answer gives, whatever the path: points to patterns
/// (and their variants) and extra weight on criteria.
#[derive(Clone, Debug, Default, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawEvidence {
    #[serde(default)]
    pub effects: SpMap<Sp<i64>>,
    #[serde(default)]
    pub weights: SpMap<Sp<i64>>,
}

/// A blueprint rule: when every listed fact has one of the listed values
/// (`pattern` matches the recommended architecture), it names a pattern
/// for a slot (`complement`, `structure`, `platform`) or sets dimension
/// values (`dimensions`), because of a stated reason.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRule {
    #[serde(default)]
    pub when: SpMap<Vec<Sp<String>>>,
    /// The rule does not apply when any of these facts has one of these values.
    #[serde(default)]
    pub unless: SpMap<Vec<Sp<String>>>,
    pub slot: Sp<String>,
    #[serde(default)]
    pub pattern: Option<Sp<String>>,
    /// Dimension id → value (slot `dimensions`).
    #[serde(default)]
    pub set: SpMap<Sp<String>>,
    pub because: Sp<String>,
}

/// How a tree's answers score patterns (see `engine::score`).
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema, Encode, Decode)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawScoring {
    #[serde(default)]
    pub team_question: Option<Sp<String>>,
    #[serde(default)]
    pub team_fit: Option<Sp<i64>>,
    #[serde(default)]
    pub criteria_scale: Option<Sp<f64>>,
    #[serde(default)]
    pub candidates: Vec<Sp<String>>,
    #[serde(default)]
    pub weights: SpMap<Sp<i64>>,
    /// Points for the architecture the tree's rules lead to (the seed's
    /// order of decisions is knowledge too).
    #[serde(default)]
    pub leaf_points: Option<Sp<i64>>,
    /// Fact → value → the evidence that answer gives on every path.
    #[serde(default)]
    pub evidence: SpMap<SpMap<RawEvidence>>,
    /// Whole architectures that shape the application itself; when the
    /// recommendation is another one (a platform such as Kubernetes), the
    /// blueprint names the best-scored of these as the application.
    #[serde(default)]
    pub applications: Vec<Sp<String>>,
}

impl RawPattern {
    /// Drops the page text (the fields no other file refers to), keeping
    /// the head and the rating notes, whose criteria are checked against
    /// the vocabulary when the catalog is validated.
    pub fn drop_page_text(&mut self) {
        macro_rules! clear {
            ($($field:ident),*) => { $(self.$field = Default::default();)* };
        }
        clear!(
            summary,
            pros,
            cons,
            use_cases,
            when_to_use,
            when_not_to_use,
            anti_patterns,
            technologies,
            examples,
            file_structure,
            deploy,
            diagram,
            references
        );
    }
}

/// One parsed file.
#[derive(Clone, Debug, Encode, Decode)]
pub enum RawDocument {
    Pattern(Box<RawPattern>),
    Tree(Box<RawTree>),
    Vocabulary(Box<RawVocabulary>),
}

/// Why a file could not be parsed into a `RawDocument`.
#[derive(Debug)]
pub enum ParseFailure {
    /// The YAML is malformed or does not have the shape of its kind.
    Yaml(serde_saphyr::Error),
    /// `kind` is missing or not one archsel knows.
    UnknownKind(Option<Sp<String>>),
}

/// The kinds of file archsel reads, as written in `kind:`.
pub const KINDS: [&str; 3] = ["Pattern", "DecisionTree", "Vocabulary"];

/// Parses one YAML document into the raw shape its `kind` names.
pub fn parse_document(text: &str) -> Result<RawDocument, ParseFailure> {
    let kind: std::borrow::Cow<str> = match scan_top_level_kind(text) {
        Some(kind) => kind.into(),
        None => {
            // Not written as a plain top-level `kind: X` line (flow style,
            // quoted, missing): ask the parser, ignoring every other field.
            #[derive(Deserialize)]
            struct Header {
                #[serde(default)]
                kind: Option<Sp<String>>,
            }
            let header: Header =
                serde_saphyr::from_str_with_options(text, options()).map_err(ParseFailure::Yaml)?;
            match header.kind {
                Some(kind) if KINDS.contains(&&*kind.value) => kind.value.into(),
                other => return Err(ParseFailure::UnknownKind(other)),
            }
        }
    };
    fn parse<'a, T: Deserialize<'a>>(text: &'a str) -> Result<Box<T>, ParseFailure> {
        serde_saphyr::from_str_with_options(text, options())
            .map(Box::new)
            .map_err(ParseFailure::Yaml)
    }
    let document = match &*kind {
        "Pattern" => RawDocument::Pattern(parse(text)?),
        "DecisionTree" => RawDocument::Tree(parse(text)?),
        "Vocabulary" => RawDocument::Vocabulary(parse(text)?),
        _ => return Err(ParseFailure::UnknownKind(None)),
    };
    Ok(document)
}

/// Finds `kind: X` written as a plain top-level line, the way every catalog
/// file writes it, so the document is parsed once, straight into its shape.
/// Only a hint: the parsed `kind` field is checked again in validation.
fn scan_top_level_kind(text: &str) -> Option<&str> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix("kind:")?;
        let word = rest.split('#').next()?.trim();
        KINDS.contains(&word).then_some(word)
    })
}

/// Parser limits: the defaults bound alias expansion, depth (64) and events.
fn options() -> serde_saphyr::Options {
    serde_saphyr::Options::default()
}
