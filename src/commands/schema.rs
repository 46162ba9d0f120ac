//! `archsel schema <kind>`: a JSON Schema of a file kind, generated from the
//! same Rust types the loader reads, with the allowed values of the loaded
//! vocabulary as enums, so editors validate while typing what lint checks
//! (see the yaml-language-server modeline in patterns/README.md).

use crate::catalog::model::{Scale, Vocabulary};
use crate::catalog::raw::{RawPattern, RawTree, RawVocabulary};
use crate::{Context, Error};
use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which kind of file
    #[arg(value_enum)]
    pub kind: SchemaKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Pattern,
    Tree,
    Vocabulary,
}

/// The schema of a kind, as pretty JSON; a pattern's schema takes its
/// enums from `vocabulary`.
pub fn schema(kind: SchemaKind, vocabulary: &Vocabulary) -> String {
    let (mut schema, title) = match kind {
        SchemaKind::Pattern => (schemars::schema_for!(RawPattern), "archsel Pattern"),
        SchemaKind::Tree => (schemars::schema_for!(RawTree), "archsel DecisionTree"),
        SchemaKind::Vocabulary => (schemars::schema_for!(RawVocabulary), "archsel Vocabulary"),
    };
    schema.insert("title".into(), title.into());
    let mut json = schema.to_value();
    if kind == SchemaKind::Pattern {
        with_vocabulary(&mut json, vocabulary);
    }
    crate::render::sanitize::to_json(&json)
}

/// Puts the vocabulary's values into a pattern schema: categories, roles,
/// dimension values, criteria (each rating on its own scale) and relation
/// kinds (with their inverses, which user files may use).
fn with_vocabulary(schema: &mut serde_json::Value, vocabulary: &Vocabulary) {
    use serde_json::{Map, Value, json};
    let ids = |items: Vec<&str>| Value::from(items);
    let properties = &mut schema["properties"];
    properties["category"]["enum"] = ids(vocabulary.categories.iter().map(|c| &*c.id).collect());
    properties["role"] = json!({
        "description": properties["role"]["description"],
        "enum": ids(vocabulary.roles.iter().map(|r| &*r.id).collect()),
    });
    let mut dimensions = Map::new();
    for d in &vocabulary.dimensions {
        let values: Vec<&str> = d.values.iter().map(|v| &*v.id).collect();
        dimensions.insert(
            d.id.clone(),
            json!({ "description": d.name, "enum": values }),
        );
    }
    properties["dimensions"] = json!({
        "description": "The four MECE dimension values (a variant may inherit them).",
        "type": "object",
        "properties": dimensions,
        "additionalProperties": false,
    });
    let mut ratings = Map::new();
    for c in &vocabulary.criteria {
        let scale = match &c.scale {
            Scale::Integer { min, max, .. } => {
                json!({ "type": "integer", "minimum": min, "maximum": max })
            }
            Scale::Levels { levels } => json!({ "enum": levels }),
            Scale::TeamSize => json!({ "type": ["string", "integer"] }),
        };
        ratings.insert(c.id.clone(), scale);
    }
    properties["ratings"] =
        json!({ "type": "object", "properties": ratings, "additionalProperties": false });
    let criteria: Vec<&str> = vocabulary.criteria.iter().map(|c| &*c.id).collect();
    properties["rating-notes"]["propertyNames"] = json!({ "enum": criteria });
    let kinds: Vec<String> = vocabulary
        .relations
        .iter()
        .flat_map(|r| [r.id.clone(), r.inverse_id()])
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    properties["relations"]["propertyNames"] = json!({ "enum": kinds });
}

pub fn run(ctx: &Context, args: &SchemaArgs) -> Result<u8, Error> {
    let vocabulary = &ctx.catalog()?.vocabulary;
    ctx.print_json(&schema(args.kind, vocabulary))?;
    Ok(0)
}
