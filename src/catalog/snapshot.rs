//! The default catalog as `build.rs` validated it: the model itself, so that a
//! command over the default catalog alone decodes it at start-up instead of
//! decoding and validating every file (which was most of a short command's
//! time). Written only when the embedded files loaded without a finding.

use super::model::{DecisionTree, Pattern, Vocabulary};
use bitcode::{Decode, Encode};

/// Where a pattern's packed page text is in the embedded bodies blob
/// (start, end).
pub type BodyRange = (u32, u32);

#[derive(Encode, Decode)]
pub struct Snapshot {
    pub vocabulary: Vocabulary,
    pub patterns: Vec<Pattern>,
    /// One per pattern, in the same order.
    pub bodies: Vec<BodyRange>,
    pub trees: Vec<DecisionTree>,
}
