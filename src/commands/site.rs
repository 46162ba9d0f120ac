//! `archsel site OUT_DIR`: the catalog as a static website (see `crate::site`).

use crate::{Context, Error};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The folder to write (refused if it exists and is not empty, unless --force)
    #[arg(value_name = "OUT_DIR")]
    pub out: PathBuf,

    /// Link pages under this URL or path (e.g. https://example.org/arch/) instead of relatively
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// How to draw the relation graph
    #[arg(long, value_enum, value_name = "HOW", default_value_t)]
    pub graph: crate::site::GraphDrawing,

    /// Replace OUT_DIR if it holds a site archsel wrote (atomically: built beside it, then renamed)
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Context, args: &SiteArgs) -> Result<u8, Error> {
    let catalog = ctx.catalog()?;
    let options = crate::site::Options {
        base_url: args.base_url.clone(),
        graph: args.graph,
        ..Default::default()
    };
    let summary = crate::site::publish(catalog, &options, &args.out, args.force)?;
    let graph = match summary.graph {
        crate::site::GraphMode::Svg => "relation graph: SVG drawn by Graphviz `dot`",
        crate::site::GraphMode::List if args.graph == crate::site::GraphDrawing::List => {
            "relation graph: a list of links (--graph list)"
        }
        crate::site::GraphMode::List => {
            "relation graph: a list of links (Graphviz `dot` is not installed; install it for a drawing)"
        }
    };
    let text = format!(
        "Wrote {} files ({:.1} MB) to {}: {} patterns, {} questionnaire pages ({} questions, {} recommendations).\n{graph}\nOpen {}\n",
        summary.files.len(),
        summary.bytes() as f64 / 1_000_000.0,
        crate::render::sanitize::clean(&args.out.display().to_string()),
        catalog.patterns.len(),
        summary.questions + summary.leaves,
        summary.questions,
        summary.leaves,
        crate::render::sanitize::clean(&args.out.join("index.html").display().to_string()),
    );
    // The summary goes to stderr: stdout stays free for a pipeline.
    eprint!("{text}");
    Ok(0)
}
