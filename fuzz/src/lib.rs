//! The properties the fuzz targets check, shared by the two change-file
//! targets (JSONL and CSV run the same checks on what they read).

use chahao::batch::{check_listings, read_changes, read_listings, Format, Parsed, RowError};
use chahao::model::{Change, Listing};

/// Lines in `bytes` as an editor counts them: a last line without a line
/// ending counts, the empty "line" after a final line ending does not. An
/// empty file has one (empty) line, so a whole-file error can point at line
/// 1. JSONL lines end at LF; CSV lines also at a lone CR, where the CSV
/// reader ends a record.
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
