//! `file-name-id`: a pattern or tree file whose name is not its id.

use crate::diagnostics::{Finding, Rule, Severity};
use crate::lint::LintInput;

pub const RULE: Rule = Rule {
    id: "file-name-id",
    severity: Severity::Warning,
    summary: "a pattern or decision-tree file is not named after its id",
    explanation: "Readers and tools find `patterns/<id>.yaml` by its id; a file named otherwise \
hides the pattern from anyone browsing the folder and makes overlays (a user file replacing a \
built-in one) hard to follow.\n\nExample: `patterns/event-bus.yaml` holding `id: pub-sub` → \
rename it `pub-sub.yaml`.",
};

pub fn check(input: &LintInput) -> Vec<Finding> {
    let catalog = input.catalog;
    let patterns = catalog
        .patterns
        .iter()
        .map(|p| (p.source, &p.id, "pattern"));
    let trees = catalog
        .trees
        .iter()
        .map(|t| (t.source, &t.id, "decision tree"));
    patterns
        .chain(trees)
        .filter_map(|(source, id, what)| {
            let name = &catalog.sources.get(source)?.name;
            let stem = std::path::Path::new(name).file_stem()?.to_str()?;
            (stem != id).then(|| {
                let span = input
                    .raw_pattern(source)
                    .map(|raw| raw.id.span)
                    .or_else(|| input.raw_tree(source).map(|raw| raw.id.span))
                    .unwrap_or_default();
                Finding::new(&RULE, format!("{what} `{id}` is in a file named `{stem}`"))
                    .at(source, span)
                    .label("the id")
                    .help(format!("rename the file `{id}.yaml`, or change the id"))
            })
        })
        .collect()
}
