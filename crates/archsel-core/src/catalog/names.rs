//! The name index: every id, alias and display name a user may type, lower
//! cased and sorted, mapped to its pattern.

use super::model::Pattern;

/// Lower-cased id, alias and name → pattern index, sorted by name. Where
/// names collide (lint reports it) an id beats an alias, an alias beats a
/// display name, and the earlier pattern wins.
pub fn name_index(patterns: &[Pattern]) -> Vec<(String, u32)> {
    let mut entries: Vec<(String, u8, u32)> = Vec::with_capacity(patterns.len() * 4);
    for (i, p) in patterns.iter().enumerate() {
        let i = i as u32;
        entries.push((p.name.to_lowercase(), 2, i));
        entries.extend(p.aliases.iter().map(|a| (a.to_lowercase(), 1, i)));
        entries.push((p.id.to_lowercase(), 0, i));
    }
    sorted_unique(entries)
}

/// Id → pattern index, sorted by id.
pub fn id_index(patterns: &[Pattern]) -> Vec<(String, u32)> {
    let entries = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), 0, i as u32))
        .collect();
    sorted_unique(entries)
}

/// Sorts `(key, rank, index)` and keeps the lowest rank, then the lowest
/// index, of each key.
fn sorted_unique(mut entries: Vec<(String, u8, u32)>) -> Vec<(String, u32)> {
    entries.sort_unstable();
    entries.dedup_by(|later, kept| later.0 == kept.0);
    entries.into_iter().map(|(key, _, i)| (key, i)).collect()
}

/// The index of `key` in an index built by [`name_index`] or [`id_index`].
pub fn lookup(index: &[(String, u32)], key: &str) -> Option<usize> {
    index
        .binary_search_by(|(k, _)| (**k).cmp(key))
        .ok()
        .map(|at| index[at].1 as usize)
}
