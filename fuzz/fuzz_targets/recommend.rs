//! Arbitrary answer sets through the recommend engine and its renderers.
#![no_main]
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| archsel_fuzz::recommend(bytes));
