//! How a rating is drawn, the one way every command draws it: a bar out of
//! the scale's length and the value in words (`★★★☆☆ 3/5`, `$$···  2/5`,
//! `■■■□ hard`, `5-10 people`), with the criterion's direction shown by an
//! arrow beside its name (`↓` lower is better, `↑` higher is better) and a
//! legend. ASCII fallbacks when the locale is not UTF-8.

use crate::catalog::model::{Better, Criterion, IntegerDisplay, RatingValue, Scale};

/// The rating as drawn everywhere: the bar, then the value in words.
pub fn draw(criterion: &Criterion, value: &RatingValue, unicode: bool) -> String {
    let bar = bar(criterion, value, unicode);
    let words = words(criterion, value);
    if bar.is_empty() {
        words
    } else {
        format!("{bar} {words}")
    }
}

/// The bar: filled and empty marks out of the scale's length, e.g. `★★★☆☆`,
/// `$$···` or `■■□□`; empty for scales without a length (team size).
pub fn bar(criterion: &Criterion, value: &RatingValue, unicode: bool) -> String {
    let (full, empty) = if unicode { ('★', '☆') } else { ('*', '.') };
    match (&criterion.scale, value) {
        (
            Scale::Integer {
                max,
                display: IntegerDisplay::Dollars,
                ..
            },
            RatingValue::Integer(n),
        ) => {
            let n = (*n).clamp(0, *max) as usize;
            format!(
                "{}{}",
                "$".repeat(n),
                (if unicode { "·" } else { "." }).repeat(*max as usize - n)
            )
        }
        (Scale::Integer { max, .. }, RatingValue::Integer(n)) => {
            let n = (*n).clamp(0, *max) as usize;
            format!(
                "{}{}",
                full.to_string().repeat(n),
                empty.to_string().repeat(*max as usize - n)
            )
        }
        (Scale::Levels { levels }, RatingValue::Level { rank, .. }) => {
            let (on, off) = if unicode { ("■", "□") } else { ("#", ".") };
            format!(
                "{}{}",
                on.repeat(rank + 1),
                off.repeat(levels.len().saturating_sub(rank + 1))
            )
        }
        _ => String::new(),
    }
}

/// The value in words: `3/5`, `hard`, `5-10 people`, `any team size`.
pub fn words(criterion: &Criterion, value: &RatingValue) -> String {
    match (&criterion.scale, value) {
        (Scale::Integer { max, .. }, RatingValue::Integer(n)) => format!("{n}/{max}"),
        (Scale::TeamSize, RatingValue::TeamSize { text, .. }) if text == "any" => {
            "any team size".into()
        }
        (Scale::TeamSize, v) => format!("{v} people"),
        (_, v) => v.to_string(),
    }
}

/// The arrow beside a criterion's name: which end is better.
pub fn arrow(better: Better, unicode: bool) -> &'static str {
    match (better, unicode) {
        (Better::Lower, true) => "↓",
        (Better::Higher, true) => "↑",
        (Better::Lower, false) => "v",
        (Better::Higher, false) => "^",
        (Better::None, _) => "",
    }
}

/// A criterion's name with its arrow: `Setup complexity ↓`.
pub fn label(criterion: &Criterion, unicode: bool) -> String {
    match arrow(criterion.better, unicode) {
        "" => criterion.name.clone(),
        arrow => format!("{} {arrow}", criterion.name),
    }
}

/// What the arrows mean, for the legend under a list of ratings.
pub fn legend(unicode: bool) -> String {
    format!(
        "{} lower is better · {} higher is better",
        arrow(Better::Lower, unicode),
        arrow(Better::Higher, unicode)
    )
    .replace('·', if unicode { "·" } else { ";" })
}

/// The direction in words, for formats without the legend (markdown, CSV).
pub fn direction(better: Better) -> &'static str {
    match better {
        Better::Lower => "lower is better",
        Better::Higher => "higher is better",
        Better::None => "",
    }
}
