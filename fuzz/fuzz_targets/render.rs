//! Any pattern that loads, rendered by `show` and `compare` in every format at any width.
#![no_main]
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| archsel_fuzz::render(bytes));
