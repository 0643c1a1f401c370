//! The properties chahao's fuzz targets check, kept in this one file and
//! shared for real: it is the fuzz crate's library (fuzz/fuzz_targets/*.rs
//! call it on libFuzzer's inputs) and the main crate's proptests include it
//! as a module (`#[path = "../fuzz/src/lib.rs"] mod props;` in
//! tests/fuzz_props.rs), so plain `cargo test` checks the same properties.
//!
//! It may use only chahao and what both crates depend on (serde,
//! serde_json), and nothing crate-level: it is a crate root on one side and
//! a module on the other.

use std::sync::OnceLock;

use chahao::batch::{check_listings, read_changes, read_listings, Format, Parsed, RowError};
use chahao::index::{BatchRecord, Directory};
use chahao::model::phone::normalize_digits;
use chahao::model::{Change, Listing, PhoneNumber};
use chahao::search::understand::{understand, Understood, MAX_QUERY_CHARS};
use chahao::search::{rank, search, Filters, Reading};
use chahao::text::key::NameKey;
use chahao::text::keys::{
    is_derived_short_name, name_keys, name_words, prefix_keys, word_pair_keys,
};
use chahao::text::normalize;
use chahao::text::normalize::{compact, compact_with_map};

/// Lines in `bytes` as an editor counts them: a last line without a line
/// ending counts, the empty "line" after a final line ending does not. An
/// empty file has one (empty) line, so a whole-file error can point at its
/// first line. JSONL lines end at LF; CSV lines also at a lone CR, where the
/// CSV reader ends a record.
pub fn line_count(bytes: &[u8], format: Format) -> usize {
    let ends = |i: usize| match bytes[i] {
        b'\n' => true,
        b'\r' => format == Format::Csv && bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    };
    let breaks = (0..bytes.len()).filter(|&i| ends(i)).count();
    let unterminated = usize::from(!bytes.is_empty() && !ends(bytes.len() - 1));
    (breaks + unterminated).max(1)
}

/// Reads `bytes` as a change file and as a listing file in `format` and
/// checks what comes back:
///
/// 1. every row and every error names a line of the file (1..=line count)
///    and a byte range inside it; rows and errors come in file order;
/// 2. every accepted row is valid on its own (a listing passes
///    `Listing::validate`, a delete names a valid id);
/// 3. the accepted rows, written out as JSONL, read back to the same values
///    with no errors;
/// 4. `check_listings` either returns exactly the good listings or rejects
///    with every error sorted by line and the file's row count.
pub fn check_file(bytes: &[u8], format: Format) {
    let lines = line_count(bytes, format);

    let changes = read_changes(bytes, format);
    check_positions(bytes, lines, &changes);
    for row in &changes.rows {
        match &row.value {
            Change::Add { listing } | Change::Update { listing } => {
                assert!(
                    listing.validate().is_ok(),
                    "line {}: accepted an invalid listing {listing:?}",
                    row.line
                );
            }
            Change::Delete { id } => assert!(
                chahao::model::listing::is_valid_id(id),
                "line {}: accepted delete of invalid id {id:?}",
                row.line
            ),
        }
    }
    let values: Vec<Change> = changes.rows.iter().map(|r| r.value.clone()).collect();
    let back = read_changes(&to_jsonl(&values), Format::Jsonl);
    assert!(
        back.errors.is_empty(),
        "good change rows written as JSONL were rejected: {:?}",
        back.errors
    );
    let back: Vec<Change> = back.rows.into_iter().map(|r| r.value).collect();
    assert_eq!(back.len(), values.len());
    for (a, b) in values.iter().zip(&back) {
        match (a, b) {
            (
                Change::Add { listing: x } | Change::Update { listing: x },
                Change::Add { listing: y } | Change::Update { listing: y },
            ) => {
                assert_eq!(std::mem::discriminant(a), std::mem::discriminant(b));
                assert_same_listing(x, y);
            }
            _ => assert_eq!(a, b),
        }
    }

    let listings = read_listings(bytes, format);
    check_positions(bytes, lines, &listings);
    for row in &listings.rows {
        assert!(
            row.value.validate().is_ok(),
            "line {}: accepted an invalid listing",
            row.line
        );
    }
    let good: Vec<Listing> = listings.rows.iter().map(|r| r.value.clone()).collect();
    let back = read_listings(&to_jsonl(&good), Format::Jsonl);
    assert!(
        back.errors.is_empty(),
        "good listings written as JSONL were rejected: {:?}",
        back.errors
    );
    assert_eq!(back.rows.len(), good.len());
    for (x, y) in good.iter().zip(&back.rows) {
        assert_same_listing(x, &y.value);
    }

    let rows = listings.rows.len() + listings.errors.len();
    let had_errors = !listings.errors.is_empty();
    match check_listings(listings) {
        Ok(checked) => {
            assert!(!had_errors, "check_listings passed a file with bad rows");
            assert_eq!(checked.len(), good.len());
        }
        Err(rejection) => {
            assert_eq!(rejection.rows, rows);
            assert!(!rejection.errors.is_empty());
            assert!(rejection.errors.windows(2).all(|w| w[0].line <= w[1].line));
            for e in &rejection.errors {
                check_error(bytes, lines, e);
            }
        }
    }
}

fn check_positions<T>(bytes: &[u8], lines: usize, parsed: &Parsed<T>) {
    for row in &parsed.rows {
        assert!(
            (1..=lines).contains(&row.line),
            "row on line {} of a {lines}-line file",
            row.line
        );
        assert!(
            row.bytes.start < row.bytes.end && row.bytes.end <= bytes.len(),
            "row on line {} has bytes {:?} of a {}-byte file",
            row.line,
            row.bytes,
            bytes.len()
        );
    }
    for e in &parsed.errors {
        check_error(bytes, lines, e);
    }
    assert!(
        parsed.rows.windows(2).all(|w| w[0].line < w[1].line),
        "rows out of file order"
    );
    assert!(
        parsed.errors.windows(2).all(|w| w[0].line <= w[1].line),
        "errors out of file order: {:?}",
        parsed.errors
    );
}

fn check_error(bytes: &[u8], lines: usize, e: &RowError) {
    assert!(
        (1..=lines).contains(&e.line),
        "error on line {} of a {lines}-line file: {e}",
        e.line
    );
    assert!(
        e.bytes.start <= e.bytes.end && e.bytes.end <= bytes.len(),
        "error {e} has bytes {:?} of a {}-byte file",
        e.bytes,
        bytes.len()
    );
    assert!(!e.reason.is_empty());
}

/// `values` as a JSONL file, with a UTF-8 byte-order mark: a file whose
/// non-ASCII chars all take two bytes in UTF-8 and that also reads as
/// GB18030 is read as GB18030 (`èè` is `猫猫`), so a file written back
/// says which it is, as any tool should that writes such a file.
fn to_jsonl<T: serde::Serialize>(values: &[T]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    for v in values {
        serde_json::to_writer(&mut out, v).expect("a value serialises");
        out.push(b'\n');
    }
    out
}

/// Equal listings, but for the last bits of floats (the weight, numbers in
/// extra fields): serde_json reads a float back only within a unit or so in
/// the last place unless asked for exact round trips, and neither a weight
/// nor an extra field's number is ever compared.
fn assert_same_listing(a: &Listing, b: &Listing) {
    assert!(
        close(a.weight, b.weight),
        "weight {} read back as {}",
        a.weight,
        b.weight
    );
    let extra_a = serde_json::Value::Object(a.extra.clone());
    let extra_b = serde_json::Value::Object(b.extra.clone());
    assert!(
        same_json(&extra_a, &extra_b),
        "extra {extra_a} read back as {extra_b}"
    );
    let b = Listing {
        weight: a.weight,
        extra: a.extra.clone(),
        ..b.clone()
    };
    assert_eq!(a, &b);
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= a.abs().max(b.abs()) * 4.0 * f64::EPSILON
}

/// JSON values equal but for the last bits of floats.
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) if x.fract() != 0.0 || y.fract() != 0.0 || x.abs() > 1e15 => {
                close(x, y)
            }
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// A phone number as written: `PhoneNumber::parse` and `normalize_digits`.
///
/// 1. Neither panics.
/// 2. A parsed number's digits are ASCII digits, its extension 1-6 digits,
///    its area code and local number split its digits.
/// 3. Its canonical digits re-parse to the same number (without the
///    extension), and its spoken form re-parses to the very same number.
/// 4. `normalize_digits` gives back only digits, and its canonical digits
///    are a fixed point of it.
pub fn check_phone(input: &str) {
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
}

/// The listings of tests/fixture/directory.jsonl.
pub fn fixture() -> &'static [Listing] {
    static FIXTURE: OnceLock<Vec<Listing>> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        include_str!("../../tests/fixture/directory.jsonl")
            .lines()
            .map(|l| serde_json::from_str(l).expect("fixture listing"))
            .collect()
    })
}

/// An index of [`fixture`], built once per process. It is built in a
/// temporary directory that is removed as soon as the index is open (every
/// file is open and mapped by then), so nothing is left behind.
pub fn directory() -> &'static Directory {
    static DIRECTORY: OnceLock<Directory> = OnceLock::new();
    DIRECTORY.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("chahao-props-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let listings = fixture();
        let record = BatchRecord::build("props", "fixture", listings.len());
        chahao::index::build(&root, listings, &record, &|_| {}).expect("the fixture indexes");
        let directory = Directory::open(&root).expect("the fixture index opens");
        std::fs::remove_dir_all(&root).expect("the fixture index's files can be removed");
        directory
    })
}

/// What an operator types, through everything from normalisation to a
/// search of a small directory:
///
/// 1. `normalize` is idempotent, trimmed, has no double spaces; `compact`
///    is it without spaces; `compact_with_map` maps every char it keeps to
///    a char of the input, in order ([`check_normalization`]).
/// 2. `understand` is total: it errs exactly for an over-long query or one
///    that normalises to nothing; otherwise its parts are non-empty, have
///    no spaces, start with their literal derivation, and a number it finds
///    is `normalize_digits` of the query, of at least 3 digits
///    ([`check_understanding`]).
/// 3. Every understood query can be searched: `search` on the fixture's
///    index gives no error, at most the hits asked for, and highlights
///    inside each hit's name; so does judging each fixture listing
///    ([`check_search`]).
/// 4. A listing named exactly what was typed is judged a match, with
///    highlights inside its name ([`check_named_as_typed`], on the first
///    fixture listing renamed).
pub fn check_query(query: &str) {
    check_normalization(query);
    if let Some(understood) = check_understanding(query) {
        check_search(query, &understood);
        check_named_as_typed(query, &understood, fixture()[0].clone());
    }
}

/// Property 1 of [`check_query`], and that the index key functions (prefix
/// keys, name keys, word pairs, short names) accept the text.
pub fn check_normalization(query: &str) {
    let normalized = normalize(query);
    assert_eq!(
        normalize(&normalized),
        normalized,
        "not idempotent: {query:?}"
    );
    assert_eq!(normalized.trim(), normalized);
    assert!(!normalized.contains("  "));
    let compacted = compact(query);
    assert_eq!(compacted, normalized.replace(' ', ""));
    let (mapped, map) = compact_with_map(query);
    assert_eq!(mapped.chars().count(), map.len());
    assert!(map.windows(2).all(|w| w[0] <= w[1]));
    assert!(map.iter().all(|i| *i < query.chars().count()));
    assert!(!mapped.contains(' '));

    let keys = prefix_keys(&normalized);
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    let positions = name_keys(&normalized);
    assert_eq!(
        positions.first().map(|(p, k)| (*p, NameKey::decode(k))),
        Some((0, Some(NameKey::Anchor)))
    );
    assert!(positions
        .iter()
        .all(|(p, _)| *p <= compacted.chars().count()));
    word_pair_keys(&normalized);
    is_derived_short_name(&compacted, &name_words(&normalized));
}

/// Property 2 of [`check_query`]: what `understand` makes of `query`, or
/// `None` when it (rightly) refuses it.
pub fn check_understanding(query: &str) -> Option<Understood> {
    let normalized = normalize(query);
    let refused = query.chars().count() > MAX_QUERY_CHARS || normalized.is_empty();
    let understood = match understand(query) {
        Err(reason) => {
            assert!(refused, "{query:?} refused: {reason}");
            return None;
        }
        Ok(u) => u,
    };
    assert!(!refused, "{query:?} understood, but should be refused");
    assert_eq!(understood.normalized, normalized);
    assert!(!understood.parts.is_empty());
    for part in &understood.parts {
        assert!(
            !part.text.is_empty() && !part.text.contains(' '),
            "{part:?}"
        );
        assert!(!part.derivations.is_empty(), "{part:?}");
        let literal = &part.derivations[0];
        assert_eq!(literal.reading, Reading::Literal);
        assert_eq!(literal.keys.len(), part.text.chars().count());
        assert!(
            part.derivations.iter().all(|d| !d.keys.is_empty()),
            "{part:?}"
        );
    }
    if let Some(digits) = &understood.number {
        assert!(digits.len() >= 3);
        assert_eq!(Some(digits), normalize_digits(query).as_ref());
    }
    Some(understood)
}

/// Property 3 of [`check_query`], for a query `understand` accepted.
pub fn check_search(query: &str, understood: &Understood) {
    const LIMIT: usize = 5;
    let hits = search(directory(), query, LIMIT, &Filters::default())
        .unwrap_or_else(|e| panic!("{query:?} understood but not searched: {e}"));
    assert!(hits.len() <= LIMIT, "{query:?}: {} hits", hits.len());
    for hit in &hits {
        check_highlights(&hit.listing.name, &hit.highlights, query);
    }
    for listing in fixture() {
        if let Some(hit) = rank::judge(listing.clone(), &[], understood) {
            check_highlights(&hit.listing.name, &hit.highlights, query);
        }
    }
}

/// Property 4 of [`check_query`]: `base` renamed to exactly `query` is
/// judged a match. Typed exactly as the name is written, the name matches;
/// char by char normalisation (how a name is highlighted) can only see it
/// when it agrees with normalising the whole text (it does not across NFKC
/// compositions and the phrases of the traditional → simplified table), so
/// other queries are not checked.
pub fn check_named_as_typed(query: &str, understood: &Understood, base: Listing) {
    if compact_with_map(query).0 != compact(query) {
        return;
    }
    let named = Listing {
        name: query.to_string(),
        ..base
    };
    let hit = rank::judge(named, &[], understood);
    let hit = hit.unwrap_or_else(|| panic!("a listing named {query:?} does not match it"));
    check_highlights(query, &hit.highlights, query);
}

fn check_highlights(name: &str, highlights: &[(usize, usize)], query: &str) {
    let chars = name.chars().count();
    for &(from, to) in highlights {
        assert!(
            from < to && to <= chars,
            "{query:?} highlights {from}..{to} of {name:?} ({chars} chars)"
        );
    }
}
