//! Phone numbers as written: `PhoneNumber::parse` and `normalize_digits`.
//! The properties are `chahao_fuzz::check_phone` (fuzz/src/lib.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(input) = std::str::from_utf8(bytes) {
        chahao_fuzz::check_phone(input);
    }
});
