//! "Did you mean": the one place that finds the closest names to a word a
//! user or a file got wrong, and words the help that lists them.

use crate::Error;

/// How alike two names must be (Jaro-Winkler, plus a bonus for a shared
/// prefix) to be suggested.
const THRESHOLD: f64 = 0.75;

/// Up to `limit` candidates closest to `word`, closest first.
pub fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| {
            let prefix = c.starts_with(word) || word.starts_with(c);
            (
                strsim::jaro_winkler(word, c) + if prefix { 0.1 } else { 0.0 },
                c,
            )
        })
        .filter(|(score, _)| *score >= THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// The single closest candidate, if any is close enough.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    closest(word, candidates, 1).pop()
}

/// "did you mean `x`? allowed: a, b, c" (or just the allowed values).
pub fn allowed_help(word: &str, allowed: &[&str]) -> String {
    match did_you_mean(word, allowed.iter().copied()) {
        Some(close) => format!("did you mean `{close}`? allowed: {}", allowed.join(", ")),
        None => format!("allowed: {}", allowed.join(", ")),
    }
}

/// A usage error for an unknown word, with the allowed ones.
pub fn unknown(what: &str, word: &str, allowed: &[&str]) -> Error {
    Error::usage(
        format!("unknown {what} `{word}`"),
        Some(allowed_help(word, allowed)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_first_and_prefixes_count() {
        let names = ["monolith", "modular-monolith", "microservices", "mesh"];
        assert_eq!(did_you_mean("monolit", names), Some("monolith"));
        assert_eq!(closest("mes", names, 3).first(), Some(&"mesh"));
        assert!(closest("zzzz", names, 3).is_empty());
        assert_eq!(
            allowed_help("yess", &["yes", "no"]),
            "did you mean `yes`? allowed: yes, no"
        );
    }
}
