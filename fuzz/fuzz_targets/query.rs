//! What an operator types: normalisation, the index keys of the same text,
//! query understanding, a search of a small directory (the fixture's) and
//! the ranking stage's check of a listing. The properties are
//! `chahao_fuzz::check_query` (fuzz/src/lib.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(query) = std::str::from_utf8(bytes) {
        chahao_fuzz::check_query(query);
    }
});
