//! The blueprint around a recommended architecture: a value for each MECE
//! dimension with its reasons, the code structure, the platform, the
//! application (when the recommendation is a platform) and the complements,
//! picked by the tree's `blueprint` rules from the answers.

use super::score::Scored;
use super::walk::Walk;
use crate::catalog::Catalog;
use crate::catalog::model::{BlueprintRule, DIMENSION_IDS, DecisionTree};
use serde::Serialize;
use std::collections::BTreeMap;

/// A pattern chosen for a slot, and why.
#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub id: String,
    pub name: String,
    pub reasons: Vec<String>,
}

/// A dimension's value and why.
#[derive(Clone, Debug, Serialize)]
pub struct DimensionChoice {
    pub value: String,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Blueprint {
    /// infra, granularity, network, deploy.
    pub dimensions: BTreeMap<String, DimensionChoice>,
    /// The code structure inside each deployable.
    pub structure: Option<Part>,
    /// What the architecture runs on (none: plain hosts or VMs).
    pub platform: Option<Part>,
    /// The application's own architecture: the recommendation itself, or,
    /// when that is a platform, the best-scored application architecture.
    pub application: Option<Part>,
    pub complements: Vec<Part>,
}

/// The facts a rule's condition names, as `key=value` (for its reason).
fn matches(
    condition: &[(String, Vec<String>)],
    walked: &Walk,
    pattern: &str,
) -> Option<Vec<String>> {
    let mut because = Vec::new();
    for (key, values) in condition {
        let value = if key == "pattern" {
            Some(pattern)
        } else {
            walked.answer(key)
        };
        let value = value?;
        if !values.iter().any(|v| v == value) {
            return None;
        }
        if key != "pattern" {
            because.push(format!("{key}={value}"));
        }
    }
    Some(because)
}

fn applies(rule: &BlueprintRule, walked: &Walk, pattern: &str) -> Option<String> {
    let because = matches(&rule.when, walked, pattern)?;
    let vetoed = rule
        .unless
        .iter()
        .any(|c| matches(std::slice::from_ref(c), walked, pattern).is_some());
    if vetoed {
        return None;
    }
    Some(if because.is_empty() {
        rule.because.clone()
    } else {
        format!("{} ({})", rule.because, because.join(", "))
    })
}

fn part(catalog: &Catalog, id: &str, reasons: Vec<String>) -> Part {
    Part {
        id: id.to_owned(),
        name: catalog
            .pattern(id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone()),
        reasons,
    }
}

/// Builds the blueprint for the walk's leaf.
pub fn build(
    catalog: &Catalog,
    tree: &DecisionTree,
    walked: &Walk,
    ranking: &[Scored],
) -> Blueprint {
    let leaf = walked.leaf.as_str();
    let leaf_pattern = catalog.pattern(leaf);
    let mut dimensions = BTreeMap::new();
    for dim in DIMENSION_IDS {
        let value = leaf_pattern
            .and_then(|p| p.dimensions.get(dim))
            .unwrap_or("")
            .to_owned();
        dimensions.insert(
            dim.to_owned(),
            DimensionChoice {
                reasons: vec![format!("{leaf} is {value}")],
                value,
            },
        );
    }
    let mut overridden: Vec<&str> = Vec::new();
    let mut structure = None;
    let mut platform = None;
    let mut complements: Vec<Part> = Vec::new();
    for rule in tree.blueprint.iter() {
        let Some(reason) = applies(rule, walked, leaf) else {
            continue;
        };
        match (rule.slot.as_str(), rule.pattern.as_deref()) {
            ("dimensions", _) => {
                for (dim, value) in &rule.set {
                    if overridden.contains(&dim.as_str()) {
                        continue;
                    }
                    if let Some(choice) = dimensions.get_mut(dim) {
                        overridden.push(dim);
                        if choice.value != *value {
                            choice.reasons = vec![format!("{value}: {reason}")];
                            choice.value = value.clone();
                        } else {
                            choice.reasons.push(reason.clone());
                        }
                    }
                }
            }
            ("structure", Some(id)) if structure.is_none() => {
                structure = Some(part(catalog, id, vec![reason]));
            }
            ("platform", Some(id)) if platform.is_none() => {
                platform = Some(part(catalog, id, vec![reason]));
            }
            ("complement", Some(id)) if catalog.pattern(id).is_some() => {
                match complements.iter_mut().find(|c| c.id == id) {
                    Some(c) => c.reasons.push(reason),
                    None => complements.push(part(catalog, id, vec![reason])),
                }
            }
            _ => {}
        }
    }
    let applications = &tree.scoring.applications;
    let application = if applications.is_empty() || applications.iter().any(|a| a == leaf) {
        Some(part(
            catalog,
            leaf,
            vec!["the recommendation itself".into()],
        ))
    } else {
        if platform.is_none() {
            platform = Some(part(
                catalog,
                leaf,
                vec!["the recommendation is itself a platform for the application".into()],
            ));
        }
        ranking
            .iter()
            .find(|s| applications.contains(&s.id))
            .map(|s| {
                let why: Vec<String> = s
                    .reasons
                    .iter()
                    .filter(|r| r.points > 0.0)
                    .take(2)
                    .map(|r| r.text.clone())
                    .collect();
                let mut reasons = vec![format!(
                    "the best-scored application architecture on your answers ({:.1})",
                    s.score
                )];
                reasons.extend(why);
                part(catalog, &s.id, reasons)
            })
    };
    Blueprint {
        dimensions,
        structure,
        platform,
        application,
        complements,
    }
}
