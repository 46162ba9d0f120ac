//! Arbitrary bytes as a decision-tree file over the default catalog: load, validate, lint, report.
#![no_main]
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| archsel_fuzz::tree_file(bytes));
