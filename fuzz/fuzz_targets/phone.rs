//! Phone numbers as written: `PhoneNumber::parse` and `normalize_digits`.
//!
//! 1. Neither panics.
//! 2. A parsed number's digits are ASCII digits, its extension 1-6 digits,
//!    its area code and local number split its digits.
//! 3. Its canonical digits re-parse to the same number (without the
//!    extension), and its spoken form re-parses to the very same number.
//! 4. `normalize_digits` gives back only digits, and its canonical digits
//!    are a fixed point of it.
#![no_main]

use chahao::model::phone::normalize_digits;
use chahao::model::PhoneNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(input) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Some(digits) = normalize_digits(input) {
        assert!(!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    }
    let Ok(number) = PhoneNumber::parse(input) else {
        return;
    };
    let digits = number.digits();
    assert!(
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
        "{input:?} → digits {digits:?}"
    );
    if let Some(ext) = number.extension() {
        assert!(
            (1..=6).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_digit()),
            "{input:?} → extension {ext:?}"
        );
    }
    let area = number.area_code().unwrap_or("");
    assert_eq!(format!("{area}{}", number.local_number()), digits);

    let again = PhoneNumber::parse(digits)
        .unwrap_or_else(|e| panic!("{input:?} → digits {digits:?} do not re-parse: {e}"));
    assert_eq!(again.digits(), digits, "{input:?}");
    assert_eq!(again.kind(), number.kind(), "{input:?}");
    assert_eq!(again.area_code(), number.area_code(), "{input:?}");
    assert_eq!(again.extension(), None, "{input:?}");

    let shown = number.display();
    let back = PhoneNumber::parse(&shown)
        .unwrap_or_else(|e| panic!("{input:?} → {shown:?} does not re-parse: {e}"));
    assert_eq!(back, number, "{input:?} → {shown:?}");

    assert_eq!(
        normalize_digits(digits).as_deref(),
        Some(digits),
        "{input:?}"
    );
});
