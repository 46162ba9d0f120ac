//! How rating values are drawn: stars, `$`, ✅/❌, words with a level bar,
//! team-size ranges; with ASCII fallbacks.

use crate::catalog::model::{Criterion, IntegerDisplay, RatingValue, Scale};

/// The compact symbol form, as in the seed's comparison matrix.
pub fn symbol(criterion: &Criterion, value: &RatingValue, unicode: bool) -> String {
    match (&criterion.scale, value) {
        (Scale::Integer { min, max, display }, RatingValue::Integer(n)) => match display {
            IntegerDisplay::Dollars => "$".repeat((*n).max(0) as usize),
            IntegerDisplay::Support if n == max => (if unicode { "✅" } else { "yes" }).to_owned(),
            IntegerDisplay::Support if n == min => (if unicode { "❌" } else { "no" }).to_owned(),
            IntegerDisplay::Stars if *n == 0 => (if unicode { "❌" } else { "-" }).to_owned(),
            _ => (if unicode { "★" } else { "*" }).repeat((*n).max(0) as usize),
        },
        (_, RatingValue::Level { word, .. }) => word.to_string(),
        (_, other) => other.to_string(),
    }
}

/// The bar form for a page: filled and empty marks out of the scale's length,
/// e.g. `★★★☆☆` or `■■□□`.
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
                off.repeat(levels.len() - rank - 1)
            )
        }
        _ => String::new(),
    }
}

/// The value in words: `3/5`, `hard`, `5-10 people`.
pub fn words(criterion: &Criterion, value: &RatingValue) -> String {
    match (&criterion.scale, value) {
        (
            Scale::Integer {
                max,
                display: IntegerDisplay::Support,
                min,
            },
            RatingValue::Integer(n),
        ) if n == max || n == min => {
            if n == max {
                "fully supported".into()
            } else {
                "not supported".into()
            }
        }
        (Scale::Integer { max, .. }, RatingValue::Integer(n)) => format!("{n}/{max}"),
        (Scale::TeamSize, RatingValue::TeamSize { text, .. }) if text == "any" => {
            "any team size".into()
        }
        (Scale::TeamSize, v) => format!("{v} people"),
        (_, v) => v.to_string(),
    }
}
