//! The registry: every rule archsel reports, with a stable id. The loader's
//! rules are in `catalog::rules`; the lint rules each have their own file
//! with their check.

pub(super) mod code_width;
pub(super) mod diagram_tab;
pub(super) mod diagram_width;
mod evolves_to_cycle;
mod file_name_id;
mod mece_duplicate;
pub(super) mod reference_url;
mod relation_contradiction;
mod tree_core_coverage;
mod tree_cycle;
mod tree_unreachable;

use super::LintInput;
use crate::catalog::rules as loading;
use crate::diagnostics::{Finding, Rule};

/// Every rule, loader rules first.
pub static RULES: &[&Rule] = &[
    &loading::FILE_READ,
    &loading::YAML_SYNTAX,
    &loading::SCHEMA,
    &loading::UNKNOWN_KIND,
    &loading::API_VERSION,
    &loading::INVALID_ID,
    &loading::MISSING_FIELD,
    &loading::EMPTY_TEXT,
    &loading::UNKNOWN_VALUE,
    &loading::DUPLICATE_ID,
    &loading::ALIAS_COLLISION,
    &loading::DANGLING_REFERENCE,
    &loading::SELF_RELATION,
    &loading::RATING_OUT_OF_SCALE,
    &loading::RATING_MISSING,
    &loading::MISSING_VOCABULARY,
    &loading::TREE_DUPLICATE_CHOICE,
    &loading::TREE_CHOICE_OUTCOME,
    &loading::TREE_MISSING_DEFAULT,
    &loading::OUT_OF_BOUNDS,
    &mece_duplicate::RULE,
    &diagram_width::RULE,
    &diagram_tab::RULE,
    &evolves_to_cycle::RULE,
    &reference_url::RULE,
    &code_width::RULE,
    &file_name_id::RULE,
    &relation_contradiction::RULE,
    &tree_cycle::RULE,
    &tree_unreachable::RULE,
    &tree_core_coverage::RULE,
];

/// The semantic checks of the whole catalog, run after loading.
pub static CHECKS: &[fn(&LintInput) -> Vec<Finding>] = &[
    mece_duplicate::check,
    evolves_to_cycle::check,
    file_name_id::check,
    relation_contradiction::check,
    tree_cycle::check,
    tree_unreachable::check,
    tree_core_coverage::check,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Findings are made from `Rule`s (`Finding::new` takes one), so every
    /// id the code can emit is a declared rule; this checks that every
    /// declared rule is registered.
    #[test]
    fn every_declared_rule_is_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut declared = 0;
        let mut stack = vec![dir];
        while let Some(path) = stack.pop() {
            for entry in std::fs::read_dir(&path).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    declared += text.matches(concat!(": Rule", " = Rule {")).count();
                }
            }
        }
        assert_eq!(
            declared,
            RULES.len(),
            "a declared rule is missing from RULES"
        );
    }

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "{} is registered twice", rule.id);
            assert!(crate::catalog::validate::is_kebab(rule.id), "{}", rule.id);
            assert!(
                !rule.summary.is_empty() && rule.explanation.contains("Example"),
                "{} is documented",
                rule.id
            );
        }
    }
}
