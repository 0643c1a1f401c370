//! The fuzz targets' properties (fuzz/), as proptests that plain
//! `cargo test` runs. The properties themselves are not copied here: they
//! live in fuzz/src/lib.rs, included below as the module `props`, the very
//! code the fuzz targets run.
//!
//! Properties proven here:
//! 1. Reading a change or listing file never panics on arbitrary bytes, in
//!    either format; every row and error names a line of the file and a
//!    byte range inside it, in file order; accepted rows are valid and read
//!    back the same when written as JSONL; `check_listings` agrees with
//!    what it is given (`props::check_file`).
//! 2. Listings written as CSV with any line endings (LF, CRLF, a lone CR)
//!    in UTF-8 or GB18030 read back to the same listings, each on the line
//!    it was written on.
//! 3. Query understanding is total: it refuses exactly the over-long
//!    queries and those that normalise to nothing; what it understands can
//!    be searched (`props::check_query`).
//! 4. A listing named exactly what was typed matches the query
//!    (`props::check_named_as_typed`).
//! 5. A phone number that parses re-parses the same from its digits and
//!    its spoken form (`props::check_phone`).

#[path = "../fuzz/src/lib.rs"]
mod props;

mod common;

use chahao::batch::{read_listings, Format};
use chahao::model::{Listing, ListingPhone};
use chahao::search::understand::understand;
use chahao::text::normalize::{compact, compact_with_map};
use proptest::prelude::*;

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
            props::check_file(&bytes, format);
        }
    }

    #[test]
    fn reading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        for format in [Format::Csv, Format::Jsonl] {
            props::check_file(&bytes, format);
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
        props::check_query(&query);
    }

    #[test]
    fn a_listing_named_as_typed_matches(query in "[中山大学附属第一医院广州塔酒家a-z0-9 ·()（）]{1,20}") {
        prop_assume!(understand(&query).is_ok());
        // Char by char normalisation (how a name is highlighted) must agree
        // with normalising the whole text for the name to be seen as typed.
        prop_assume!(compact_with_map(&query).0 == compact(&query));
        let understood = understand(&query).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let listing = common::listing("X", &query, "110", 0.0);
        props::check_named_as_typed(&query, &understood, listing);
    }

    #[test]
    fn phone_numbers_read_back(
        input in "[0-9]{3,12}|[0-9+() -]{0,24}|[0-9 -]{3,16}(转|ext|x|#)[0-9]{1,8}|\\PC{0,24}"
    ) {
        props::check_phone(&input);
    }
}
