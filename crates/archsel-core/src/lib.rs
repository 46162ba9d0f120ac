//! archsel's knowledge, with no terminal code: the catalog file formats and
//! their loading and validation (`catalog`), the knowledge graph, the lint
//! rules, and the decision engine. The `archsel` CLI, its build script and
//! any other front end use it as an ordinary library.
//!
//! Layers, each using only those before it: `diagnostics` and `error` →
//! `suggest` → `catalog` (raw → validate → model, names, graph) → `lint`
//! and `engine`; `files` writes what a command produces; `parallel` maps
//! batches of independent work on threads.

pub mod catalog;
pub mod diagnostics;
pub mod engine;
pub mod error;
pub mod files;
pub mod lint;
pub mod parallel;
pub mod suggest;

pub use error::Error;
