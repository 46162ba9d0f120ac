//! The validated model: vocabulary, patterns and decision trees as commands use
//! them. Built only by `validate` (for the default catalog at build time,
//! then baked into the binary, see `Bake`); every reference in it has been
//! resolved.

use bitcode::{Decode, Encode};
use serde::Serialize;
use std::sync::OnceLock;

/// A map with few keys (language → name), as `(key, value)` pairs sorted by
/// key; JSON shows it as an object.
pub type Pairs = Vec<(String, String)>;

/// Index of a file in `Catalog::sources`.
pub type SourceId = usize;

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct DimensionValue {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Ordered: the position is the ordinal rank.
    pub values: Vec<DimensionValue>,
}

impl Dimension {
    pub fn rank(&self, value: &str) -> Option<usize> {
        self.values.iter().position(|v| v.id == value)
    }
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Category {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "pairs_as_map")]
    pub names: Pairs,
    pub description: String,
}

/// How a criterion's values are written and drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Encode, Decode)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Scale {
    Integer {
        min: i64,
        max: i64,
        display: IntegerDisplay,
    },
    Levels {
        levels: Vec<String>,
    },
    TeamSize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Encode, Decode)]
#[serde(rename_all = "kebab-case")]
pub enum IntegerDisplay {
    Stars,
    Dollars,
    Support,
}

/// Which end of a criterion's scale is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Encode, Decode)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    Lower,
    Higher,
    None,
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub description: String,
    pub scale: Scale,
    pub better: Better,
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct RelationKind {
    pub id: String,
    pub name: String,
    pub inverse: String,
    pub symmetric: bool,
    pub description: String,
}

impl RelationKind {
    /// How a file writes the inverse kind: its name in kebab-case
    /// (`Evolves from` → `evolves-from`, `Required by` → `required-by`).
    pub fn inverse_id(&self) -> String {
        self.inverse
            .split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join("-")
    }
}

#[derive(Clone, Debug, Default, Serialize, Encode, Decode)]
pub struct Vocabulary {
    pub dimensions: Vec<Dimension>,
    pub categories: Vec<Category>,
    /// What a pattern can be in a system: a whole architecture or a part.
    pub roles: Vec<Category>,
    pub criteria: Vec<Criterion>,
    pub relations: Vec<RelationKind>,
}

impl Vocabulary {
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
    pub fn role(&self, id: &str) -> Option<&Category> {
        self.roles.iter().find(|r| r.id == id)
    }
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }
    pub fn relation(&self, id: &str) -> Option<&RelationKind> {
        self.relations.iter().find(|r| r.id == id)
    }

    /// The relation kind whose inverse is written `id` (`evolves-from` for
    /// `evolves-to`: the kebab-case of its `inverse` name). Symmetric kinds
    /// have none: they read the same both ways.
    pub fn relation_by_inverse(&self, id: &str) -> Option<&RelationKind> {
        self.relations
            .iter()
            .find(|r| !r.symmetric && r.inverse_id() == id)
    }
}

/// A team-size range: `1-2`, `10+` (no upper bound), `any`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
pub struct TeamRange {
    pub min: u32,
    pub max: Option<u32>,
}

impl TeamRange {
    pub fn parse(text: &str) -> Option<TeamRange> {
        let text = text.trim();
        if text == "any" {
            return Some(TeamRange { min: 1, max: None });
        }
        if let Some(min) = text.strip_suffix('+') {
            return Some(TeamRange {
                min: min.trim().parse().ok()?,
                max: None,
            });
        }
        let (lo, hi) = text.split_once('-')?;
        let (min, max): (u32, u32) = (lo.trim().parse().ok()?, hi.trim().parse().ok()?);
        (min >= 1 && min <= max).then_some(TeamRange {
            min,
            max: Some(max),
        })
    }
}

/// One rating, typed by its criterion's scale.
#[derive(Clone, Debug, PartialEq, Encode, Decode)]
pub enum RatingValue {
    Integer(i64),
    /// A level word and its position on the scale.
    Level {
        word: String,
        rank: usize,
    },
    TeamSize {
        text: String,
        range: TeamRange,
    },
}

impl RatingValue {
    /// A number that orders values on the criterion's own scale.
    pub fn ordinal(&self) -> Option<f64> {
        match self {
            RatingValue::Integer(n) => Some(*n as f64),
            RatingValue::Level { rank, .. } => Some(*rank as f64),
            RatingValue::TeamSize { .. } => None,
        }
    }
}

impl std::fmt::Display for RatingValue {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            RatingValue::Integer(n) => write!(f, "{n}"),
            RatingValue::Level { word, .. } => f.write_str(word),
            RatingValue::TeamSize { text, .. } => f.write_str(text),
        }
    }
}

impl Serialize for RatingValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RatingValue::Integer(n) => serializer.serialize_i64(*n),
            other => serializer.collect_str(other),
        }
    }
}

fn ratings_as_map<S: serde::Serializer>(
    ratings: &[Rating],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(ratings.len()))?;
    for r in ratings.iter() {
        map.serialize_entry(&r.criterion, &r.value)?;
    }
    map.end()
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Rating {
    pub criterion: String,
    pub value: RatingValue,
    /// Taken from the parent pattern rather than written in this file.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inherited: bool,
}

/// The four MECE dimension values, in vocabulary order (infra, granularity, network, deploy).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Encode, Decode)]
pub struct Dimensions {
    pub infra: String,
    pub granularity: String,
    pub network: String,
    pub deploy: String,
}

impl Dimensions {
    pub fn get(&self, dimension: &str) -> Option<&str> {
        Some(match dimension {
            "infra" => &self.infra,
            "granularity" => &self.granularity,
            "network" => &self.network,
            "deploy" => &self.deploy,
            _ => return None,
        })
    }
}

/// The role of a pattern that describes a whole system: only these compete
/// in `recommend`'s ranking; the other roles are parts of one.
pub const ARCHITECTURE: &str = "architecture";

/// The four dimension ids, in the order `Dimensions` holds them.
pub const DIMENSION_IDS: [&str; 4] = ["infra", "granularity", "network", "deploy"];

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct AntiPattern {
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Example {
    pub description: String,
    pub source: String,
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Reference {
    pub title: String,
    pub url: String,
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Relation {
    pub kind: String,
    pub target: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where a pattern came from, and which built-in it replaces, if any.
#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Provenance {
    pub file: String,
    pub builtin: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
}

/// The text of a pattern's page (JSON keys snake_case, like every JSON
/// archsel prints).
#[derive(Clone, Debug, Default, Serialize, Encode, Decode)]
pub struct PatternBody {
    pub summary: String,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub use_cases: Vec<String>,
    pub when_to_use: Vec<String>,
    pub when_not_to_use: Vec<String>,
    pub anti_patterns: Vec<AntiPattern>,
    pub technologies: Vec<String>,
    pub examples: Vec<Example>,
    pub file_structure: Option<String>,
    pub deploy: Vec<String>,
    pub diagram: String,
    pub references: Vec<Reference>,
    /// Criterion id → why the pattern has that rating.
    #[serde(serialize_with = "pairs_as_map")]
    pub rating_notes: Vec<(String, String)>,
}

impl PatternBody {
    pub fn rating_note(&self, criterion: &str) -> Option<&str> {
        self.rating_notes
            .iter()
            .find(|(c, _)| c == criterion)
            .map(|(_, n)| &**n)
    }
}

fn pairs_as_map<K: Serialize, V: Serialize, S: serde::Serializer>(
    pairs: &[(K, V)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

/// A pattern: its head (what other files and the graph refer to) and its
/// page text, the `body`.
#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Pattern {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(serialize_with = "pairs_as_map")]
    pub names: Pairs,
    pub core: bool,
    pub category: String,
    /// A role of the vocabulary; [`ARCHITECTURE`] marks a whole architecture.
    pub role: String,
    pub dimensions: Dimensions,
    /// Every criterion, in vocabulary order (JSON: criterion id → value).
    #[serde(serialize_with = "ratings_as_map")]
    pub ratings: Vec<Rating>,
    pub relations: Vec<Relation>,
    #[serde(skip)]
    pub source: SourceId,
    pub provenance: Provenance,
    /// The page text (empty when the catalog was loaded without pages, as
    /// lint does). The snapshot stores it apart, see [`Body`].
    #[serde(skip)]
    #[bitcode(skip)]
    pub body: Body,
}

impl Pattern {
    pub fn rating(&self, criterion: &str) -> Option<&Rating> {
        self.ratings.iter().find(|r| r.criterion == criterion)
    }
    /// The pattern's name in another language (`vi`), if it has one.
    pub fn name_in(&self, language: &str) -> Option<&str> {
        self.names
            .iter()
            .find(|(l, _)| l == language)
            .map(|(_, n)| &**n)
    }
    /// A whole architecture (see [`ARCHITECTURE`]).
    pub fn is_architecture(&self) -> bool {
        self.role == ARCHITECTURE
    }
    pub fn parent(&self) -> Option<&str> {
        self.relations
            .iter()
            .find(|r| r.kind == "variant-of")
            .map(|r| &*r.target)
    }
    /// The page text.
    pub fn body(&self) -> &PatternBody {
        self.body.get()
    }
}

/// A pattern's page text, held, or left encoded in the build's snapshot
/// until it is first read: most commands read one page or none, and
/// decoding every page took a quarter of their start-up.
#[derive(Clone)]
pub struct Body {
    text: OnceLock<PatternBody>,
    encoded: &'static [u8],
}

impl Body {
    pub fn new(text: PatternBody) -> Body {
        Body {
            text: OnceLock::from(text),
            encoded: &[],
        }
    }

    /// A page as the snapshot stores it (`bitcode` of a [`PatternBody`]).
    pub fn encoded(bytes: &'static [u8]) -> Body {
        Body {
            text: OnceLock::new(),
            encoded: bytes,
        }
    }

    pub fn get(&self) -> &PatternBody {
        self.text.get_or_init(|| {
            let decoded = bitcode::decode(self.encoded);
            // The build wrote these bytes from this very type; a test
            // compares every page with one validated at run time.
            debug_assert!(decoded.is_ok(), "a page in the snapshot decodes");
            decoded.unwrap_or_default()
        })
    }
}

impl Default for Body {
    fn default() -> Body {
        Body::new(PatternBody::default())
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Choice {
    pub value: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub outcome: Outcome,
    pub effects: Vec<(String, i64)>,
    pub weights: Vec<(String, i64)>,
    /// A departure from the tree's source, shown when a path takes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where a choice leads: another question or a recommendation.
#[derive(Clone, Debug, PartialEq, Serialize, Encode, Decode)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Next(String),
    Recommend(String),
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Question {
    pub id: String,
    /// The fact asked; several questions may ask one fact on different branches.
    pub key: String,
    pub prompt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub choices: Vec<Choice>,
    pub default: String,
}

impl Question {
    pub fn choice(&self, value: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.value == value)
    }
}

#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct DecisionTree {
    pub id: String,
    pub name: String,
    pub description: String,
    pub root: String,
    pub scoring: Scoring,
    pub questions: Vec<Question>,
    pub blueprint: Vec<BlueprintRule>,
    #[serde(skip)]
    pub source: SourceId,
}

/// What one answer says on every path (see `Scoring::evidence`).
#[derive(Clone, Debug, Default, Serialize, Encode, Decode)]
pub struct Evidence {
    pub effects: Vec<(String, i64)>,
    pub weights: Vec<(String, i64)>,
}

/// A blueprint rule (see `RawRule`).
#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct BlueprintRule {
    pub when: Vec<(String, Vec<String>)>,
    pub unless: Vec<(String, Vec<String>)>,
    pub slot: String,
    pub pattern: Option<String>,
    pub set: Vec<(String, String)>,
    pub because: String,
}

impl DecisionTree {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The facts the tree asks, each once, in question order.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        for q in self.questions.iter() {
            if !keys.contains(&&*q.key) {
                keys.push(&q.key);
            }
        }
        keys
    }

    /// Every question that asks a fact.
    pub fn questions_for<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| q.key == key)
    }
}

/// The scoring parameters of a tree: data, so that the weights can be read
/// and changed without touching code.
#[derive(Clone, Debug, Serialize, Encode, Decode)]
pub struct Scoring {
    /// The fact whose answer is a team-size range.
    pub team_question: Option<String>,
    /// Points for a team that fits a pattern's team-size range.
    pub team_fit: i64,
    /// Multiplies criteria points (ratings as tie-breakers vs the situation).
    pub criteria_scale: f64,
    /// Categories whose patterns are whole architectures (recommendable).
    pub candidates: Vec<String>,
    /// Base importance of each criterion.
    pub weights: Vec<(String, i64)>,
    /// Points for the architecture the tree leads to.
    pub leaf_points: i64,
    /// Fact → value → evidence, counted for every answer on every path.
    pub evidence: Vec<(String, Vec<(String, Evidence)>)>,
    /// Whole architectures that shape the application (not the platform).
    pub applications: Vec<String>,
}

impl Scoring {
    pub fn evidence(&self, key: &str, value: &str) -> Option<&Evidence> {
        self.evidence
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, values)| values.iter().find(|(v, _)| v == value))
            .map(|(_, e)| e)
    }
}

impl Default for Scoring {
    /// No scoring data: nothing weighted, criteria points counted as they are.
    fn default() -> Self {
        Scoring {
            team_question: None,
            team_fit: 0,
            criteria_scale: 1.0,
            candidates: Vec::new(),
            weights: Vec::new(),
            leaf_points: 0,
            evidence: Vec::new(),
            applications: Vec::new(),
        }
    }
}
