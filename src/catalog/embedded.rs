//! The default catalog compiled into the binary by `build.rs`: each file's
//! bytes and, where it parsed at build time, its pre-parsed raw form.

use super::raw::CachedDocument;

include!(concat!(env!("OUT_DIR"), "/embedded_files.rs"));

static PREPARSED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));

/// `(path, bytes)` of every embedded file, sorted by path.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    FILES
}

/// The pre-parsed documents, one per file (`None`: parse the text at run time).
pub fn preparsed() -> Vec<Option<CachedDocument<'static>>> {
    postcard::from_bytes::<Vec<Option<CachedDocument<'static>>>>(PREPARSED)
        .ok()
        .filter(|docs| docs.len() == FILES.len())
        .unwrap_or_else(|| FILES.iter().map(|_| None).collect())
}
