//! The default catalog as `build.rs` validated it, written out by the build
//! as Rust statics (`$OUT_DIR/model.rs`): a command over the default catalog
//! alone starts from data that is already in the binary, borrowing every
//! string and list from it, instead of decoding and validating files (which
//! was most of a short command's time). Also the name index, which the build
//! computes the same way as a run-time load.

use super::model::{DecisionTree, Pattern, Text, Vocabulary};

/// The validated default catalog; the build writes one only when the
/// embedded files loaded without a finding.
pub struct Snapshot {
    pub vocabulary: Vocabulary,
    pub patterns: &'static [Pattern],
    pub trees: &'static [DecisionTree],
    pub names: &'static [(Text, u32)],
    pub ids: &'static [(Text, u32)],
}

/// Lower-cased id, alias and name → pattern index, sorted by name. Where
/// names collide (lint reports it) an id beats an alias, an alias beats a
/// display name, and the earlier pattern wins.
pub fn name_index(patterns: &[Pattern]) -> Vec<(Text, u32)> {
    let mut entries: Vec<(Text, u8, u32)> = Vec::with_capacity(patterns.len() * 4);
    for (i, p) in patterns.iter().enumerate() {
        let i = i as u32;
        entries.push((lowercase(&p.name), 2, i));
        entries.extend(p.aliases.iter().map(|a| (lowercase(a), 1, i)));
        entries.push((lowercase(&p.id), 0, i));
    }
    sorted_unique(entries)
}

/// Id → pattern index, sorted by id.
pub fn id_index(patterns: &[Pattern]) -> Vec<(Text, u32)> {
    let entries = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), 0, i as u32))
        .collect();
    sorted_unique(entries)
}

/// The text lower-cased; ids and aliases already are, and are shared.
/// (Title-case letters are neither upper nor lower case, but lower-case
/// differently: any letter not in lower case is lowered.)
fn lowercase(text: &Text) -> Text {
    let lowered = |c: char| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase());
    match text.chars().any(lowered) {
        true => Text::Owned(text.to_lowercase()),
        false => text.clone(),
    }
}

/// Sorts `(key, rank, index)` and keeps the lowest rank, then the lowest
/// index, of each key.
fn sorted_unique(mut entries: Vec<(Text, u8, u32)>) -> Vec<(Text, u32)> {
    entries.sort_unstable();
    entries.dedup_by(|later, kept| later.0 == kept.0);
    entries.into_iter().map(|(key, _, i)| (key, i)).collect()
}

/// The index of `key` in an index built by [`name_index`] or [`id_index`].
pub fn lookup(index: &[(Text, u32)], key: &str) -> Option<usize> {
    index
        .binary_search_by(|(k, _)| (**k).cmp(key))
        .ok()
        .map(|at| index[at].1 as usize)
}
