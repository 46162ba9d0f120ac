//! The default catalog compiled into the binary by `build.rs`: each file's
//! bytes, its pre-parsed raw form, the validated model (as statics), and the
//! patterns' packed page text.

use super::raw::{CachedDocument, RawDocument};
use super::snapshot::{BodyRange, Snapshot};

include!(concat!(env!("OUT_DIR"), "/embedded_files.rs"));

static PREPARSED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));
static BODIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bodies.bin"));

/// The model as the build wrote it (`SNAPSHOT`, `None` when the embedded
/// files have problems).
mod generated {
    #[allow(unused_imports)]
    use super::super::model::*;
    use super::super::snapshot::Snapshot;
    use std::borrow::Cow;
    use std::sync::OnceLock;
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

/// A pattern's packed page text.
pub fn body(range: BodyRange) -> &'static [u8] {
    BODIES
        .get(range.0 as usize..range.1 as usize)
        .unwrap_or_default()
}

/// The validated model of the default catalog, when the build could make it
/// (the files loaded without a finding).
pub fn snapshot() -> Option<&'static Snapshot> {
    generated::SNAPSHOT.as_ref()
}

/// A pre-parsed document as parsing its file would give it, page text
/// unpacked.
pub fn unpack(cached: CachedDocument) -> Option<RawDocument> {
    match cached {
        CachedDocument::Other(raw) => Some(raw),
        CachedDocument::Pattern {
            mut head,
            body: range,
            ..
        } => {
            head.put_body(postcard::from_bytes(body(range)).ok()?);
            Some(RawDocument::Pattern(head))
        }
    }
}

/// The pre-parsed documents, one per file (`None`: parse the text at run time).
pub fn preparsed() -> Vec<Option<CachedDocument>> {
    postcard::from_bytes::<Vec<Option<CachedDocument>>>(PREPARSED)
        .ok()
        .filter(|docs| docs.len() == FILES.len())
        .unwrap_or_else(|| FILES.iter().map(|_| None).collect())
}
