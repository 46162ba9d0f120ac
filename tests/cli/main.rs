//! The integration tests: one binary (fast to link), one module per area.

mod cases;
mod catalog;
mod compare;
mod detect;
mod fuzz;
mod graph;
mod helpers;
mod lint;
mod list;
mod properties;
mod recommend;
mod robustness;
mod sarif;
mod show;
mod site;
mod toolchain;
