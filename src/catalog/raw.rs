//! Raw file shapes: serde structs that mirror the YAML exactly (unknown fields
//! rejected, spans kept), and `parse_document`, which reads one file.
//!
//! Nothing here checks meaning; `validate` turns these into the model. Text
//! and lists are `Text`/`List` (as in the model): owned when a file is parsed
//! at run time, borrowed from the binary for the embedded catalog, which
//! `build.rs` parses and writes out as statics. This file is shared with
//! `build.rs` and must only use `serde`, `serde_saphyr`, `schemars`, `span`
//! and the model's `Text` and `List`.

use super::model::{List, Text};
use super::span::Sp;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An ordered mapping that keeps the span of every key.
#[derive(Clone, Debug)]
pub struct SpMap<V: Clone + 'static>(pub List<(Sp<Text>, V)>);

impl<V: Clone> Default for SpMap<V> {
    fn default() -> Self {
        SpMap(List::Borrowed(&[]))
    }
}

impl<V: Clone> SpMap<V> {
    pub fn iter(&self) -> impl Iterator<Item = &(Sp<Text>, V)> {
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
                while let Some(key) = map.next_key::<Sp<Text>>()? {
                    entries.push((key, map.next_value::<V>()?));
                }
                Ok(SpMap(entries.into()))
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
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Int(i64),
    Text(Text),
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
                Ok(Scalar::Text(v.to_owned().into()))
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
#[derive(Clone, Debug, Default, Serialize)]
pub struct RelationTarget {
    pub id: Sp<Text>,
    pub note: Option<Sp<Text>>,
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
            id: Sp<Text>,
            #[serde(default)]
            note: Option<Sp<Text>>,
        }
        struct TargetVisitor;
        impl<'de> Visitor<'de> for TargetVisitor {
            type Value = RelationTarget;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a pattern id or a mapping with `id` and `note`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RelationTarget, E> {
                Ok(RelationTarget {
                    id: Sp::new(v.to_owned().into(), Default::default()),
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

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawReference {
    pub title: Sp<Text>,
    pub url: Sp<Text>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawExample {
    pub description: Sp<Text>,
    pub source: Sp<Text>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawAntiPattern {
    pub name: Sp<Text>,
    pub description: Sp<Text>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawDimensions {
    #[serde(default)]
    pub infra: Option<Sp<Text>>,
    #[serde(default)]
    pub granularity: Option<Sp<Text>>,
    #[serde(default)]
    pub network: Option<Sp<Text>>,
    #[serde(default)]
    pub deploy: Option<Sp<Text>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPattern {
    #[serde(rename = "apiVersion")]
    pub api_version: Sp<Text>,
    pub kind: Sp<Text>,
    pub id: Sp<Text>,
    pub name: Sp<Text>,
    #[serde(default)]
    pub aliases: List<Sp<Text>>,
    #[serde(default)]
    pub names: SpMap<Sp<Text>>,
    #[serde(default)]
    pub core: bool,
    pub category: Sp<Text>,
    pub summary: Sp<Text>,
    #[serde(default)]
    pub dimensions: Option<Sp<RawDimensions>>,
    #[serde(default)]
    pub ratings: SpMap<Sp<Scalar>>,
    #[serde(default)]
    pub rating_notes: SpMap<Sp<Text>>,
    #[serde(default)]
    pub pros: List<Sp<Text>>,
    #[serde(default)]
    pub cons: List<Sp<Text>>,
    #[serde(default)]
    pub use_cases: List<Sp<Text>>,
    #[serde(default)]
    pub when_to_use: List<Sp<Text>>,
    #[serde(default)]
    pub when_not_to_use: List<Sp<Text>>,
    #[serde(default)]
    pub anti_patterns: List<RawAntiPattern>,
    #[serde(default)]
    pub technologies: List<Sp<Text>>,
    #[serde(default)]
    pub examples: List<RawExample>,
    #[serde(default)]
    pub file_structure: Option<Sp<Text>>,
    #[serde(default)]
    pub deploy: List<Sp<Text>>,
    pub diagram: Sp<Text>,
    #[serde(default)]
    pub relations: SpMap<List<Sp<RelationTarget>>>,
    #[serde(default)]
    pub references: List<RawReference>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawDimensionValue {
    pub id: Sp<Text>,
    pub name: Sp<Text>,
    #[serde(default)]
    pub description: Option<Sp<Text>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawDimension {
    pub id: Sp<Text>,
    pub name: Sp<Text>,
    #[serde(default)]
    pub description: Option<Sp<Text>>,
    pub values: List<RawDimensionValue>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCategory {
    pub id: Sp<Text>,
    pub name: Sp<Text>,
    #[serde(default)]
    pub names: SpMap<Sp<Text>>,
    #[serde(default)]
    pub description: Option<Sp<Text>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawScale {
    #[serde(rename = "type")]
    pub kind: Sp<Text>,
    #[serde(default)]
    pub min: Option<Sp<i64>>,
    #[serde(default)]
    pub max: Option<Sp<i64>>,
    #[serde(default)]
    pub display: Option<Sp<Text>>,
    #[serde(default)]
    pub levels: List<Sp<Text>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCriterion {
    pub id: Sp<Text>,
    pub name: Sp<Text>,
    #[serde(default)]
    pub description: Option<Sp<Text>>,
    pub scale: Sp<RawScale>,
    pub better: Sp<Text>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRelationKind {
    pub id: Sp<Text>,
    pub name: Sp<Text>,
    pub inverse: Sp<Text>,
    #[serde(default)]
    pub symmetric: bool,
    #[serde(default)]
    pub description: Option<Sp<Text>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawVocabulary {
    #[serde(rename = "apiVersion")]
    pub api_version: Sp<Text>,
    pub kind: Sp<Text>,
    #[serde(default)]
    pub dimensions: List<RawDimension>,
    #[serde(default)]
    pub categories: List<RawCategory>,
    #[serde(default)]
    pub criteria: List<RawCriterion>,
    #[serde(default)]
    pub relations: List<RawRelationKind>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawChoice {
    pub value: Sp<Text>,
    pub label: Sp<Text>,
    #[serde(default)]
    pub help: Option<Sp<Text>>,
    #[serde(default)]
    pub next: Option<Sp<Text>>,
    #[serde(default)]
    pub recommend: Option<Sp<Text>>,
    /// Pattern id → points added to that pattern's score when this choice is taken.
    #[serde(default)]
    pub effects: SpMap<Sp<i64>>,
    /// Criterion id → how much this choice makes that criterion matter.
    #[serde(default)]
    pub weights: SpMap<Sp<i64>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawQuestion {
    pub id: Sp<Text>,
    /// The fact this question asks (`--answer KEY=VALUE`); defaults to `id`.
    #[serde(default)]
    pub key: Option<Sp<Text>>,
    pub prompt: Sp<Text>,
    #[serde(default)]
    pub help: Option<Sp<Text>>,
    pub choices: List<RawChoice>,
    #[serde(default)]
    pub default: Option<Sp<Text>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawTree {
    #[serde(rename = "apiVersion")]
    pub api_version: Sp<Text>,
    pub kind: Sp<Text>,
    pub id: Sp<Text>,
    pub name: Sp<Text>,
    #[serde(default)]
    pub description: Option<Sp<Text>>,
    pub root: Sp<Text>,
    #[serde(default)]
    pub scoring: Option<RawScoring>,
    pub questions: List<RawQuestion>,
}

/// How a tree's answers score patterns (see `engine::score`).
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawScoring {
    #[serde(default)]
    pub team_question: Option<Sp<Text>>,
    #[serde(default)]
    pub team_fit: Option<Sp<i64>>,
    #[serde(default)]
    pub criteria_scale: Option<Sp<f64>>,
    #[serde(default)]
    pub candidates: List<Sp<Text>>,
    #[serde(default)]
    pub weights: SpMap<Sp<i64>>,
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

/// A parsed document that is either in the binary (the embedded catalog,
/// written out by `build.rs`) or parsed at run time.
pub enum Shared<T: 'static> {
    Static(&'static T),
    Owned(Box<T>),
}

impl<T> Shared<T> {
    /// The document, when it is in the binary.
    pub fn as_static(&self) -> Option<&'static T> {
        match self {
            Shared::Static(t) => Some(t),
            Shared::Owned(_) => None,
        }
    }

    /// The document to change, when it was parsed at run time (a static
    /// one is shared, and left as it is).
    pub fn owned_mut(&mut self) -> Option<&mut T> {
        match self {
            Shared::Static(_) => None,
            Shared::Owned(t) => Some(t),
        }
    }
}

impl<T: Clone> Clone for Shared<T> {
    fn clone(&self) -> Self {
        match self {
            Shared::Static(t) => Shared::Static(t),
            Shared::Owned(t) => Shared::Owned(t.clone()),
        }
    }
}

/// Shows the document alone: where it is kept is not part of it.
impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self {
            Shared::Static(t) => t,
            Shared::Owned(t) => t,
        }
    }
}

/// One parsed file.
#[derive(Clone, Debug)]
pub enum RawDocument {
    Pattern(Shared<RawPattern>),
    Tree(Shared<RawTree>),
    Vocabulary(Shared<RawVocabulary>),
}

/// Why a file could not be parsed into a `RawDocument`.
#[derive(Debug)]
pub enum ParseFailure {
    /// The YAML is malformed or does not have the shape of its kind.
    Yaml(serde_saphyr::Error),
    /// `kind` is missing or not one archsel knows.
    UnknownKind(Option<Sp<Text>>),
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
                kind: Option<Sp<Text>>,
            }
            let header: Header =
                serde_saphyr::from_str_with_options(text, options()).map_err(ParseFailure::Yaml)?;
            match header.kind {
                Some(kind) if KINDS.contains(&&*kind.value) => kind.value,
                other => return Err(ParseFailure::UnknownKind(other)),
            }
        }
    };
    fn parse<'a, T: Deserialize<'a>>(text: &'a str) -> Result<Shared<T>, ParseFailure> {
        serde_saphyr::from_str_with_options(text, options())
            .map(Shared::Owned)
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
