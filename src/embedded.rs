//! The default catalog, embedded in the binary at build time (see `build.rs`).

use archsel_core::catalog::DefaultCatalog;

include!(concat!(env!("OUT_DIR"), "/embedded_files.rs"));

/// The embedded default catalog.
pub fn default_catalog() -> DefaultCatalog {
    DefaultCatalog {
        files: FILES,
        snapshot: include_bytes!(concat!(env!("OUT_DIR"), "/default.snapshot")),
    }
}
