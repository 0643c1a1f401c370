//! Phone numbers as directories write them.
//!
//! 1. Every written form in the table parses to the expected canonical
//!    digits, kind, extension and spoken grouping — or is rejected for the
//!    expected reason.
//! 2. `parse` never panics, whatever it is given.
//! 3. For every number `parse` accepts, `parse(display())` gives the same
//!    number back.
//! 4. Formatting (separators, full width, country prefix) does not change
//!    what a valid number parses to.
//! 5. `normalize_digits` keeps partial input and drops only formatting.
//! 6. Every line of `data/hotlines.jsonl` is a valid listing with a unique id.

use std::collections::HashSet;

use chahao::model::phone::{normalize_digits, PhoneErrorKind};
use chahao::model::{Listing, PhoneKind, PhoneNumber};
use proptest::prelude::*;

use PhoneKind::{Landline, Mobile, Service, TollFree};

enum Expect {
    /// Canonical digits, kind, extension, display.
    Ok(&'static str, PhoneKind, Option<&'static str>, &'static str),
    /// Rejected for this reason.
    Err(PhoneErrorKind),
}

use Expect::{Err as Bad, Ok as Good};

#[rustfmt::skip]
fn table() -> Vec<(&'static str, Expect)> {
    use PhoneErrorKind as E;
    vec![
        // Landlines with a 3-digit area code.
        ("020-87755766", Good("02087755766", Landline, None, "020-8775-5766")),
        ("(020)8775 5766", Good("02087755766", Landline, None, "020-8775-5766")),
        ("（020）87755766", Good("02087755766", Landline, None, "020-8775-5766")),
        ("02087755766", Good("02087755766", Landline, None, "020-8775-5766")),
        ("０２０－８７７５５７６６", Good("02087755766", Landline, None, "020-8775-5766")),
        ("010-6512 3456", Good("01065123456", Landline, None, "010-6512-3456")),
        ("021 6321 1234", Good("02163211234", Landline, None, "021-6321-1234")),
        ("020—87755766", Good("02087755766", Landline, None, "020-8775-5766")),
        // Country prefix.
        ("+86 20 8775 5766", Good("02087755766", Landline, None, "020-8775-5766")),
        ("0086-20-87755766", Good("02087755766", Landline, None, "020-8775-5766")),
        ("86 20 8775 5766", Good("02087755766", Landline, None, "020-8775-5766")),
        ("+86 (0)20 8775 5766", Good("02087755766", Landline, None, "020-8775-5766")),
        ("+86 10 6512 3456", Good("01065123456", Landline, None, "010-6512-3456")),
        ("＋８６　７５５　８７６５　４３２１", Good("075587654321", Landline, None, "0755-8765-4321")),
        ("+86-138-0013-8000", Good("13800138000", Mobile, None, "138-0013-8000")),
        ("8613800138000", Good("13800138000", Mobile, None, "138-0013-8000")),
        // Landlines with a 4-digit area code, 7- or 8-digit local number.
        ("0755-87654321", Good("075587654321", Landline, None, "0755-8765-4321")),
        ("0763-3234567", Good("07633234567", Landline, None, "0763-323-4567")),
        ("0763 323 4567", Good("07633234567", Landline, None, "0763-323-4567")),
        ("(0571)8702 1234", Good("057187021234", Landline, None, "0571-8702-1234")),
        // Extensions.
        ("020-87755766转8001", Good("02087755766", Landline, Some("8001"), "020-8775-5766 转 8001")),
        ("020-87755766 转 8001", Good("02087755766", Landline, Some("8001"), "020-8775-5766 转 8001")),
        ("020-87755766-8001", Good("02087755766", Landline, Some("8001"), "020-8775-5766 转 8001")),
        ("020-87755766 ext. 8001", Good("02087755766", Landline, Some("8001"), "020-8775-5766 转 8001")),
        ("020-87755766 x8001", Good("02087755766", Landline, Some("8001"), "020-8775-5766 转 8001")),
        ("020-87755766分机8001", Good("02087755766", Landline, Some("8001"), "020-8775-5766 转 8001")),
        ("0763-3234567-12", Good("07633234567", Landline, Some("12"), "0763-323-4567 转 12")),
        ("400-820-8820-1", Good("4008208820", TollFree, Some("1"), "400-820-8820 转 1")),
        // Mobiles.
        ("138 0013 8000", Good("13800138000", Mobile, None, "138-0013-8000")),
        ("138.0013.8000", Good("13800138000", Mobile, None, "138-0013-8000")),
        ("13800138000", Good("13800138000", Mobile, None, "138-0013-8000")),
        ("199-1234-5678", Good("19912345678", Mobile, None, "199-1234-5678")),
        // Toll-free.
        ("400-820-8820", Good("4008208820", TollFree, None, "400-820-8820")),
        ("400 820 8820", Good("4008208820", TollFree, None, "400-820-8820")),
        ("800-830-8300", Good("8008308300", TollFree, None, "800-830-8300")),
        ("4008208820", Good("4008208820", TollFree, None, "400-820-8820")),
        // Service and hotline numbers.
        ("110", Good("110", Service, None, "110")),
        ("119", Good("119", Service, None, "119")),
        ("120", Good("120", Service, None, "120")),
        ("122", Good("122", Service, None, "122")),
        ("112", Good("112", Service, None, "112")),
        ("114", Good("114", Service, None, "114")),
        ("12345", Good("12345", Service, None, "12345")),
        ("12315", Good("12315", Service, None, "12315")),
        ("12306", Good("12306", Service, None, "12306")),
        ("12110", Good("12110", Service, None, "12110")),
        ("10086", Good("10086", Service, None, "10086")),
        ("10000", Good("10000", Service, None, "10000")),
        ("11185", Good("11185", Service, None, "11185")),
        ("95588", Good("95588", Service, None, "95588")),
        ("95105105", Good("95105105", Service, None, "95105105")),
        ("96110", Good("96110", Service, None, "96110")),
        ("962899", Good("962899", Service, None, "962899")),
        ("0755-12345", Good("075512345", Service, None, "0755-12345")),
        ("１２３４５", Good("12345", Service, None, "12345")),
        // Bare local landlines.
        ("87755766", Good("87755766", Landline, None, "8775-5766")),
        ("8775 5766", Good("87755766", Landline, None, "8775-5766")),
        ("2345678", Good("2345678", Landline, None, "234-5678")),
        // Rejected.
        ("", Bad(E::Empty)),
        ("   ", Bad(E::Empty)),
        ("020-1234", Bad(E::TooFewDigits)),
        ("020-877557661", Bad(E::TooManyDigits)),
        ("0763-123456", Bad(E::TooFewDigits)),
        ("0755-876543210", Bad(E::TooManyDigits)),
        ("0763-1234567", Bad(E::BadLocalNumber)),
        ("020-07755766", Bad(E::BadLocalNumber)),
        ("020-17755766", Bad(E::BadLocalNumber)),
        ("012-87755766", Bad(E::BadAreaCode)),
        ("+1 415 555 0100", Bad(E::ForeignNumber)),
        ("+852 2345 6789", Bad(E::ForeignNumber)),
        ("001 415 555 0100", Bad(E::ForeignNumber)),
        ("12012345678", Bad(E::BadMobilePrefix)),
        ("1380013800", Bad(E::TooFewDigits)),
        ("138001380001", Bad(E::TooManyDigits)),
        ("123", Bad(E::UnknownServiceNumber)),
        ("12", Bad(E::UnknownServiceNumber)),
        ("400-820-882", Bad(E::TooFewDigits)),
        ("12345a", Bad(E::InvalidCharacter)),
        ("电话020-87755766", Bad(E::InvalidCharacter)),
        ("020-87755766/87755767", Bad(E::SeveralNumbers)),
        ("020-8775+5766", Bad(E::Malformed)),
        ("(020 87755766", Bad(E::Malformed)),
        ("020-87755766 转 人工", Bad(E::BadExtension)),
        ("020-87755766 转 1234567", Bad(E::BadExtension)),
        ("87755", Bad(E::TooFewDigits)),
        ("8775 5766 1", Bad(E::TooManyDigits)),
        ("020-87755766、87755767", Bad(E::SeveralNumbers)),
        ("2087755766", Bad(E::TooManyDigits)),
        ("+86", Bad(E::TooFewDigits)),
        ("-", Bad(E::TooFewDigits)),
    ]
}

#[test]
fn written_forms_parse_as_expected() {
    let rows = table();
    assert!(rows.len() >= 40);
    let mut failures = Vec::new();
    for (input, expect) in &rows {
        let got = PhoneNumber::parse(input);
        let ok = match (expect, &got) {
            (Good(digits, kind, ext, display), Ok(n)) => {
                n.digits() == *digits
                    && n.kind() == *kind
                    && n.extension() == *ext
                    && n.display() == *display
                    && n.to_string() == *display
            }
            (Bad(kind), Err(e)) => e.kind() == *kind && e.input() == *input,
            _ => false,
        };
        if !ok {
            let want = match expect {
                Good(d, k, x, s) => format!("Ok({d} {k:?} ext={x:?} {s:?})"),
                Bad(k) => format!("Err({k:?})"),
            };
            let got = match &got {
                Ok(n) => format!(
                    "Ok({} {:?} ext={:?} {:?})",
                    n.digits(),
                    n.kind(),
                    n.extension(),
                    n.display()
                ),
                Err(e) => format!("Err({:?}: {e})", e.kind()),
            };
            failures.push(format!(
                "  {input:?}\n    expected {want}\n    got      {got}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn rejection_says_why_in_words() {
    let e = PhoneNumber::parse("020-1234").unwrap_err();
    assert_eq!(
        e.to_string(),
        r#""020-1234" has too few digits for a 020 landline (needs 8 after the area code)"#
    );
    assert_eq!(
        e.reason(),
        "has too few digits for a 020 landline (needs 8 after the area code)"
    );
    let e = PhoneNumber::parse("+1 415 555 0100").unwrap_err();
    assert!(e.to_string().contains("+1"), "{e}");
    let e = PhoneNumber::parse("12012345678").unwrap_err();
    assert!(e.to_string().contains("13-19"), "{e}");
}

#[test]
fn area_code_and_local_number() -> Result<(), Box<dyn std::error::Error>> {
    let n = PhoneNumber::parse("0763-323 4567")?;
    assert_eq!((n.area_code(), n.local_number()), (Some("0763"), "3234567"));
    let n = PhoneNumber::parse("87755766")?;
    assert_eq!((n.area_code(), n.local_number()), (None, "87755766"));
    let n = PhoneNumber::parse("138 0013 8000")?;
    assert_eq!((n.area_code(), n.local_number()), (None, "13800138000"));
    let n = PhoneNumber::parse("0755-12345")?;
    assert_eq!((n.area_code(), n.local_number()), (Some("0755"), "12345"));
    let n: PhoneNumber = "400-820-8820".parse()?;
    assert_eq!((n.area_code(), n.local_number()), (None, "4008208820"));
    Ok(())
}

#[test]
fn normalize_digits_keeps_partial_input() {
    let cases: &[(&str, Option<&str>)] = &[
        ("020-8775", Some("0208775")),
        ("8775 5766", Some("87755766")),
        ("+86 20 8775", Some("0208775")),
        ("+86 10 6512", Some("0106512")),
        ("0086-20-8775", Some("0208775")),
        ("+86 138 0013", Some("1380013")),
        ("+86 400 820", Some("400820")),
        ("（０２０）８７７５", Some("0208775")),
        ("138.0013", Some("1380013")),
        ("95588", Some("95588")),
        ("020-8775 转", None),
        ("中山", None),
        ("zsdx", None),
        ("", None),
        ("()- ", None),
    ];
    for (input, want) in cases {
        assert_eq!(normalize_digits(input).as_deref(), *want, "input {input:?}");
    }
}

#[test]
fn hotlines_file_is_valid() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/hotlines.jsonl");
    let text = std::fs::read_to_string(path)?;
    let mut ids = HashSet::new();
    let mut problems = Vec::new();
    let mut count = 0;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            problems.push(format!("line {line_no}: blank line"));
            continue;
        }
        let listing: Listing = match serde_json::from_str(line) {
            Ok(l) => l,
            Err(e) => {
                problems.push(format!("line {line_no}: {e}"));
                continue;
            }
        };
        count += 1;
        if !listing.extra.is_empty() {
            let keys: Vec<_> = listing.extra.keys().collect();
            problems.push(format!("line {line_no}: unknown fields {keys:?}"));
        }
        if !ids.insert(listing.id.clone()) {
            problems.push(format!("line {line_no}: duplicate id {}", listing.id));
        }
        if listing.province.is_some() || listing.city.is_some() || listing.district.is_some() {
            problems.push(format!("line {line_no}: nationwide number with an area"));
        }
        match listing.validate() {
            Ok(phones) => {
                if phones.iter().any(|p| p.kind() == PhoneKind::Landline) {
                    problems.push(format!("line {line_no}: landline in a nationwide list"));
                }
            }
            Err(errors) => {
                for e in errors {
                    problems.push(format!("line {line_no} ({}): {e}", listing.id));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(count >= 50, "only {count} hotlines");
    Ok(())
}

/// Digit strings that are valid numbers of every kind.
fn valid_digits() -> impl Strategy<Value = String> {
    prop_oneof![
        "0(10|2[0-9])[2-9][0-9]{7}",
        "0[3-9][0-9]{2}[2-9][0-9]{6,7}",
        "1[3-9][0-9]{9}",
        "(400|800)[0-9]{7}",
        "[2-8][0-9]{6,7}",
        "12[0-9]{3}|100[0-9]{2}|95[0-9]{3,6}|96[0-9]{3,4}|11[0249]|12[02]",
    ]
}

/// Writes `digits` the way a person might: separators between random
/// groups, some characters full width.
fn written(digits: String) -> impl Strategy<Value = (String, String)> {
    let n = digits.len();
    (
        proptest::collection::vec(
            prop_oneof![
                Just(""),
                Just(""),
                Just(" "),
                Just("-"),
                Just("."),
                Just("－")
            ],
            n,
        ),
        proptest::collection::vec(any::<bool>(), n),
    )
        .prop_map(move |(seps, wide)| {
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 {
                    out.push_str(seps[i]);
                }
                if wide[i] {
                    out.push(char::from_u32(c as u32 + 0xFEE0).unwrap());
                } else {
                    out.push(c);
                }
            }
            (digits.clone(), out)
        })
}

proptest! {
    #[test]
    fn parse_never_panics(s in ".{0,40}") {
        let _ = PhoneNumber::parse(&s);
        let _ = normalize_digits(&s);
    }

    #[test]
    fn parse_never_panics_on_phone_like_text(
        s in "[0-9０-９ ()（）+＋\\-－.转分机xext]{0,30}"
    ) {
        if let Ok(n) = PhoneNumber::parse(&s) {
            prop_assert_eq!(PhoneNumber::parse(&n.display()), Ok(n.clone()), "input {:?}", s);
        }
    }

    #[test]
    fn display_round_trips(
        (digits, text) in valid_digits().prop_flat_map(written),
        ext in proptest::option::of("[0-9]{1,6}"),
    ) {
        let text = match &ext {
            Some(e) => format!("{text} 转 {e}"),
            None => text,
        };
        let n = PhoneNumber::parse(&text)
            .map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert_eq!(n.digits(), digits.as_str(), "input {:?}", text);
        prop_assert_eq!(n.extension(), ext.as_deref());
        prop_assert_eq!(PhoneNumber::parse(&n.display()), Ok(n.clone()));
    }

    #[test]
    fn country_prefix_means_the_same_number(
        // Third digit 1-9: `+86 800…` typed partially reads as toll-free.
        digits in "0(10|2[0-9])[2-9][0-9]{7}|0[3-9][1-9][0-9][2-9][0-9]{6,7}|1[3-9][0-9]{9}",
        prefix in prop_oneof![Just("+86 "), Just("0086-"), Just("86 "), Just("+86-")],
    ) {
        let national = PhoneNumber::parse(&digits)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let without_trunk = digits.strip_prefix('0').unwrap_or(&digits);
        let text = format!("{prefix}{without_trunk}");
        prop_assert_eq!(PhoneNumber::parse(&text), Ok(national), "input {:?}", text);
        if prefix != "86 " {
            prop_assert_eq!(normalize_digits(&text), Some(digits));
        }
    }
}
