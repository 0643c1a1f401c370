//! The fuzz targets' properties (fuzz/), as proptests that plain
//! `cargo test` runs.
//!
//! Properties proven here:
//! 1. Reading a change or listing file never panics on arbitrary bytes, in
//!    either format, and every row and error names a line of the file and a
//!    byte range inside it, in file order.
//! 2. Listings written as CSV with any line endings (LF, CRLF, a lone CR)
//!    in UTF-8 or GB18030 read back to the same listings, each on the line
//!    it was written on.
//! 3. Query understanding is total: it refuses exactly the over-long
//!    queries and those that normalise to nothing.
//! 4. A listing named exactly what was typed matches the query.

use chahao::batch::{read_changes, read_listings, Format, Parsed};
use chahao::model::{Listing, ListingPhone};
use chahao::search::rank::judge;
use chahao::search::understand::{understand, MAX_QUERY_CHARS};
use chahao::text::normalize;
use chahao::text::normalize::{compact, compact_with_map};
use proptest::prelude::*;

/// Lines of `bytes` as an editor counts them (see `LineCounter` in
/// src/batch/read.rs): at least one, the empty line after a final line
/// ending not counted; CSV lines also end at a lone CR.
fn line_count(bytes: &[u8], format: Format) -> usize {
    let ends = |i: usize| match bytes[i] {
        b'\n' => true,
        b'\r' => format == Format::Csv && bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    };
    let breaks = (0..bytes.len()).filter(|&i| ends(i)).count();
    let unterminated = usize::from(!bytes.is_empty() && !ends(bytes.len() - 1));
    (breaks + unterminated).max(1)
}

fn check_positions<T>(bytes: &[u8], format: Format, parsed: &Parsed<T>) -> Result<(), String> {
    let lines = line_count(bytes, format);
    for row in &parsed.rows {
        if !(1..=lines).contains(&row.line) || row.bytes.end > bytes.len() {
            return Err(format!(
                "row on line {} bytes {:?} of a {lines}-line, {}-byte file",
                row.line,
                row.bytes,
                bytes.len()
            ));
        }
    }
    for e in &parsed.errors {
        if !(1..=lines).contains(&e.line) || e.bytes.end > bytes.len() {
            return Err(format!("{e} (bytes {:?}) of a {lines}-line file", e.bytes));
        }
    }
    if !parsed.rows.windows(2).all(|w| w[0].line < w[1].line) {
        return Err("rows out of file order".to_string());
    }
    if !parsed.errors.windows(2).all(|w| w[0].line <= w[1].line) {
        return Err("errors out of file order".to_string());
    }
    Ok(())
}

/// Bytes that look somewhat like a change file: fragments of CSV and JSON,
/// line endings of every kind, GB18030 and stray bytes.
fn file_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"op,id,name,phones,weight,listed".to_vec()),
        Just(b"add,GZ-1,\xd6\xd0\xc9\xbd,020-87755766,1,yes".to_vec()),
        Just("update,GZ-2,中山,110|12345:热线,,".as_bytes().to_vec()),
        Just(b"delete,GZ-3".to_vec()),
        Just(
            r#"{"op":"add","listing":{"id":"A","name":"甲","phones":[{"number":"110"}]}}"#
                .as_bytes()
                .to_vec()
        ),
        Just(br#"{"op":"delete","id":"A"}"#.to_vec()),
        Just(b"\"quoted, \"\"field\"\"\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b",".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

fn listing() -> impl Strategy<Value = Listing> {
    (
        "[A-Za-z0-9_.-]{1,12}",
        "[中山大学附属医院广州酒家 ,\"a-z]{1,16}",
        proptest::collection::vec(
            prop_oneof![
                Just("020-87755766"),
                Just("13800138000"),
                Just("110"),
                Just("400 820 8820")
            ],
            1..3,
        ),
        proptest::option::of("[天河越秀区 ]{1,6}"),
        0u32..1000,
    )
        .prop_filter("a name is not blank", |(_, name, ..)| {
            !name.trim().is_empty()
        })
        .prop_map(|(id, name, phones, district, weight)| Listing {
            id,
            name: name.trim().to_string(),
            phones: phones
                .into_iter()
                .map(|n| ListingPhone {
                    number: n.to_string(),
                    label: None,
                })
                .collect(),
            aliases: Vec::new(),
            department: None,
            parent_id: None,
            category: None,
            province: None,
            city: None,
            district: district
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty()),
            address: None,
            name_en: None,
            listed: true,
            weight: f64::from(weight),
            extra: Default::default(),
        })
}

fn csv_field(value: &str) -> String {
    format!("\"{}\"", value.replace('"', "\"\""))
}

proptest! {
    #[test]
    fn reading_never_panics_and_points_into_the_file(bytes in file_like()) {
        for format in [Format::Csv, Format::Jsonl] {
            let changes = read_changes(&bytes, format);
            check_positions(&bytes, format, &changes).map_err(TestCaseError::fail)?;
            let listings = read_listings(&bytes, format);
            check_positions(&bytes, format, &listings).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn reading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        for format in [Format::Csv, Format::Jsonl] {
            let changes = read_changes(&bytes, format);
            check_positions(&bytes, format, &changes).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn csv_reads_back_on_the_lines_written(
        listings in proptest::collection::vec(listing(), 1..6),
        ending in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        gb18030 in any::<bool>(),
    ) {
        // Distinct ids, or the second use is (rightly) an error.
        let mut listings = listings;
        for (i, l) in listings.iter_mut().enumerate() {
            l.id = format!("{}-{i}", l.id);
        }
        let mut text = String::from("id,name,phones,district,weight");
        for l in &listings {
            let phones: Vec<&str> = l.phones.iter().map(|p| p.number.as_str()).collect();
            text.push_str(ending);
            text.push_str(&[
                l.id.clone(),
                csv_field(&l.name),
                phones.join("|"),
                l.district.clone().unwrap_or_default(),
                l.weight.to_string(),
            ].join(","));
        }
        let bytes = if gb18030 {
            encoding_rs::GB18030.encode(&text).0.into_owned()
        } else {
            text.into_bytes()
        };
        let parsed = read_listings(&bytes, Format::Csv);
        prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let got: Vec<&Listing> = parsed.rows.iter().map(|r| &r.value).collect();
        prop_assert_eq!(got, listings.iter().collect::<Vec<_>>());
        let lines: Vec<usize> = parsed.rows.iter().map(|r| r.line).collect();
        prop_assert_eq!(lines, (2..listings.len() + 2).collect::<Vec<_>>());
    }

    #[test]
    fn understanding_is_total(query in "\\PC{0,120}|[a-z ]{0,30}|[0-9+() -]{0,20}") {
        let refused = query.chars().count() > MAX_QUERY_CHARS || normalize(&query).is_empty();
        match understand(&query) {
            Ok(u) => {
                prop_assert!(!refused);
                prop_assert!(!u.parts.is_empty());
                prop_assert!(u.parts.iter().all(|p| !p.text.is_empty() && !p.derivations.is_empty()));
            }
            Err(_) => prop_assert!(refused),
        }
    }

    #[test]
    fn a_listing_named_as_typed_matches(query in "[中山大学附属第一医院广州塔酒家a-z0-9 ·()（）]{1,20}") {
        prop_assume!(understand(&query).is_ok());
        // Char by char normalisation (how a name is highlighted) must agree
        // with normalising the whole text for the name to be seen as typed.
        prop_assume!(compact_with_map(&query).0 == compact(&query));
        let understood = understand(&query).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let listing = Listing {
            id: "X".to_string(),
            name: query.clone(),
            phones: vec![ListingPhone { number: "110".to_string(), label: None }],
            aliases: Vec::new(),
            department: None,
            parent_id: None,
            category: None,
            province: None,
            city: None,
            district: None,
            address: None,
            name_en: None,
            listed: true,
            weight: 0.0,
            extra: Default::default(),
        };
        let hit = judge(listing, &[], &understood);
        prop_assert!(hit.is_some(), "a listing named {:?} does not match it", query);
    }
}
