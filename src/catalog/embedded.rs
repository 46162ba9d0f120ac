//! The default catalog compiled into the binary by `build.rs`: each file's
//! bytes, its parsed form and the validated model, both as statics (so a
//! command over the embedded files neither parses nor decodes them).

use super::raw::RawDocument;
use super::snapshot::Snapshot;

include!(concat!(env!("OUT_DIR"), "/embedded_files.rs"));

/// What the build wrote: `PARSED` and `PAGE_CLEAN` (one entry per file),
/// and the model, `SNAPSHOT` (`None` when the embedded files have problems).
mod generated {
    #[allow(unused_imports)]
    use super::super::model::*;
    #[allow(unused_imports)]
    use super::super::raw::*;
    use super::super::snapshot::Snapshot;
    #[allow(unused_imports)]
    use super::super::span::{Sp, SrcSpan};
    use std::borrow::Cow;
    // Unused when the embedded files have problems (no model is written).
    #[allow(unused_imports)]
    use std::sync::OnceLock;
    include!(concat!(env!("OUT_DIR"), "/parsed.rs"));
    include!(concat!(env!("OUT_DIR"), "/model.rs"));
}

/// `(path, bytes)` of every embedded file, sorted by path.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    FILES
}

/// The text of the embedded file at `index`, when it is UTF-8.
pub fn text(index: usize) -> Option<&'static str> {
    TEXTS.get(index).copied().flatten()
}

/// The index of the embedded file named `name` (`patterns/sidecar.yaml`).
pub fn index_of(name: &str) -> Option<usize> {
    FILES.iter().position(|(n, _)| *n == name)
}

/// The embedded file at `index` as parsing it gives it, spans included
/// (`None`: it did not parse at build time; parse its text to report why).
pub fn parsed(index: usize) -> Option<&'static RawDocument> {
    generated::PARSED.get(index)?.as_ref()
}

/// The build ran the page checks (lint's page rules and the loader's checks
/// of page text) on the pattern file at `index` and they found nothing: lint
/// need not check an exact copy's page again.
pub fn page_clean(index: usize) -> bool {
    generated::PAGE_CLEAN.get(index).copied().unwrap_or(false)
}

/// The validated model of the default catalog, when the build could make it
/// (the files loaded without a finding).
pub fn snapshot() -> Option<&'static Snapshot> {
    generated::SNAPSHOT.as_ref()
}
