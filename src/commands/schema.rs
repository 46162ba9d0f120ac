//! `archsel schema <kind>`: a JSON Schema of a file kind, generated from the
//! same Rust types the loader reads, so editors can validate while typing
//! (see the yaml-language-server modeline in patterns/README.md).

use crate::catalog::raw::{RawPattern, RawTree, RawVocabulary};
use crate::render::term::write_stdout;
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

/// The schema of a kind, as pretty JSON.
pub fn schema(kind: SchemaKind) -> String {
    let (mut schema, title) = match kind {
        SchemaKind::Pattern => (schemars::schema_for!(RawPattern), "archsel Pattern"),
        SchemaKind::Tree => (schemars::schema_for!(RawTree), "archsel DecisionTree"),
        SchemaKind::Vocabulary => (schemars::schema_for!(RawVocabulary), "archsel Vocabulary"),
    };
    schema.insert("title".into(), title.into());
    crate::render::sanitize::to_json(&schema)
}

pub fn run(_ctx: &Context, args: &SchemaArgs) -> Result<u8, Error> {
    write_stdout(&schema(args.kind))?;
    Ok(0)
}
