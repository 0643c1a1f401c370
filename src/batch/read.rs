//! Readers for listing files and change files (contract sections 1 and 2).
//!
//! A file is read whole and every row is checked before anyone writes
//! anything: the result holds the good rows and *every* bad row with its line
//! number, id and reason, never just the first. Each row remembers the byte
//! range it came from, so a rejected row can be written back byte for byte.
//!
//! CSV arrives from spreadsheet software: UTF-8 with or without a BOM, or
//! GB18030; LF or CRLF. GB18030 never uses the bytes of `"`, `,`, CR or LF
//! inside a multi-byte character, so records are split on the raw bytes and
//! only the field values are decoded.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use crate::model::{Change, Listing, ListingPhone};

/// The layout of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object a line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

impl Format {
    /// Picks the format from the file name, or failing that from the content:
    /// a file whose first non-blank byte is `{` is JSONL.
    pub fn detect(path: &Path, bytes: &[u8]) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("jsonl" | "ndjson" | "json") => Format::Jsonl,
            Some("csv") => Format::Csv,
            _ => {
                let body = strip_bom(bytes);
                match body.iter().find(|b| !b.is_ascii_whitespace()) {
                    Some(b'{') => Format::Jsonl,
                    _ => Format::Csv,
                }
            }
        }
    }
}

/// One good row of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<T> {
    /// 1-based line number where the row starts.
    pub line: usize,
    /// Byte range of the row in the file, line ending included.
    pub bytes: Range<usize>,
    /// The parsed value.
    pub value: T,
}

/// One rejected row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: {reason}", id.as_ref().map(|id| format!(" (id {id})")).unwrap_or_default())]
pub struct RowError {
    /// 1-based line number where the row starts (0 for the whole file).
    pub line: usize,
    /// The row's id, when it could be read.
    pub id: Option<String>,
    /// Byte range of the row in the file, line ending included.
    pub bytes: Range<usize>,
    /// What is wrong, in words an editor can act on.
    pub reason: String,
}

/// What reading a file produced: the good rows and every bad one.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    /// Rows that passed every check, in file order.
    pub rows: Vec<Row<T>>,
    /// Rows that failed, in file order.
    pub errors: Vec<RowError>,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            rows: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// Reads a listing file (for `build`): every listing is validated, and an id
/// that appears twice is an error on its second line.
pub fn read_listings(bytes: &[u8], format: Format) -> Parsed<Listing> {
    let raw = match format {
        Format::Jsonl => read_jsonl(bytes, |value| {
            serde_json::from_value::<Listing>(value).map_err(|e| e.to_string())
        }),
        Format::Csv => read_csv(bytes, |record| {
            if let Some(op) = record.get("op").filter(|op| !op.is_empty()) {
                if op != "add" {
                    return Err(format!(
                        "op {op:?} has no place in a listing file (use `apply` for change files)"
                    ));
                }
            }
            record.to_listing()
        }),
    };
    let mut parsed = Parsed::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for item in raw {
        match item {
            Err(e) => parsed.errors.push(e),
            Ok(row) => {
                let problems = listing_problems(&row.value);
                let id = row.value.id.clone();
                if let Some(reason) = problems {
                    parsed.errors.push(row.error(Some(id), reason));
                } else if let Some(first) = seen.get(&id) {
                    let reason = format!("duplicate id, first used on line {first}");
                    parsed.errors.push(row.error(Some(id), reason));
                } else {
                    seen.insert(id, row.line);
                    parsed.rows.push(row);
                }
            }
        }
    }
    parsed
}

/// Reads a change file (for `apply`): each row is an `add`, `update` or
/// `delete`; listings in it are validated. Checks against the directory's
/// current state are the caller's.
pub fn read_changes(bytes: &[u8], format: Format) -> Parsed<Change> {
    let raw = match format {
        Format::Jsonl => read_jsonl(bytes, |value| {
            serde_json::from_value::<Change>(value).map_err(|e| e.to_string())
        }),
        Format::Csv => read_csv(bytes, |record| {
            let op = record.get("op").unwrap_or_default();
            match op {
                "add" => Ok(Change::Add {
                    listing: record.to_listing()?,
                }),
                "update" => Ok(Change::Update {
                    listing: record.to_listing()?,
                }),
                "delete" => {
                    let id = record.get("id").unwrap_or_default();
                    if id.is_empty() {
                        Err("delete needs an id".to_string())
                    } else {
                        Ok(Change::Delete { id: id.to_string() })
                    }
                }
                "" => Err("op is missing (add, update or delete)".to_string()),
                other => Err(format!("op {other:?} is not add, update or delete")),
            }
        }),
    };
    let mut parsed = Parsed::default();
    for item in raw {
        match item {
            Err(e) => parsed.errors.push(e),
            Ok(row) => {
                let problems = match &row.value {
                    Change::Add { listing } | Change::Update { listing } => {
                        listing_problems(listing)
                    }
                    Change::Delete { id } if !crate::model::listing::is_valid_id(id) => Some(
                        format!("id {id:?} must be 1-64 characters of A-Z a-z 0-9 _ - ."),
                    ),
                    Change::Delete { .. } => None,
                };
                match problems {
                    Some(reason) => {
                        let id = row.value.id().to_string();
                        parsed.errors.push(row.error(Some(id), reason));
                    }
                    None => parsed.rows.push(row),
                }
            }
        }
    }
    parsed
}

/// All of a listing's validation problems in one sentence, or None.
fn listing_problems(listing: &Listing) -> Option<String> {
    listing.validate().err().map(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })
}

impl<T> Row<T> {
    fn error(&self, id: Option<String>, reason: String) -> RowError {
        RowError {
            line: self.line,
            id,
            bytes: self.bytes.clone(),
            reason,
        }
    }
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The text encoding of a whole file: UTF-8 when it has a UTF-8 BOM or the
/// whole file is valid UTF-8, else GB18030. Deciding per field would be
/// wrong: a short GB18030 byte run such as `医院` can happen to be valid
/// UTF-8. So can a whole short file (`山` is `ɽ`), but then every non-ASCII
/// char it holds is a two-byte one (Latin, Greek, IPA ...), while Chinese
/// text in UTF-8 takes three bytes a char: such a file that also reads as
/// GB18030 without error is GB18030.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Gb18030,
}

impl Encoding {
    fn of(bytes: &[u8]) -> Encoding {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            return Encoding::Utf8;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Encoding::Gb18030;
        };
        let two_byte_only = !text.is_ascii() && text.chars().all(|c| c.len_utf8() <= 2);
        if two_byte_only && !encoding_rs::GB18030.decode_without_bom_handling(bytes).1 {
            Encoding::Gb18030
        } else {
            Encoding::Utf8
        }
    }

    /// Decodes one piece of the file.
    fn decode(self, bytes: &[u8]) -> Result<String, String> {
        match self {
            Encoding::Utf8 => std::str::from_utf8(bytes)
                .map(str::to_string)
                .map_err(|e| format!("text is not valid UTF-8: {e}")),
            Encoding::Gb18030 => {
                let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                if had_errors {
                    Err("text is neither UTF-8 nor GB18030".to_string())
                } else {
                    Ok(text.into_owned())
                }
            }
        }
    }
}

fn read_jsonl<T>(
    bytes: &[u8],
    parse: impl Fn(serde_json::Value) -> Result<T, String>,
) -> Vec<Result<Row<T>, RowError>> {
    let mut out = Vec::new();
    let bom = bytes.len() - strip_bom(bytes).len();
    let encoding = Encoding::of(bytes);
    let mut start = bom;
    for (index, piece) in strip_bom(bytes)
        .split_inclusive(|b| *b == b'\n')
        .enumerate()
    {
        let range = start..start + piece.len();
        start = range.end;
        let line = index + 1;
        let trimmed = piece.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        let fail = |id: Option<String>, reason: String| RowError {
            line,
            id,
            bytes: range.clone(),
            reason,
        };
        let text = match encoding.decode(trimmed) {
            Ok(t) => t,
            Err(reason) => {
                out.push(Err(fail(None, reason)));
                continue;
            }
        };
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                out.push(Err(fail(None, format!("not valid JSON: {e}"))));
                continue;
            }
        };
        let id = json_id(&value);
        if !value.is_object() {
            out.push(Err(fail(
                id,
                "a line must hold one JSON object".to_string(),
            )));
            continue;
        }
        match parse(value) {
            Ok(v) => out.push(Ok(Row {
                line,
                bytes: range,
                value: v,
            })),
            Err(reason) => out.push(Err(fail(id, reason))),
        }
    }
    out
}

/// The id of a JSON row for error messages, wherever it sits.
fn json_id(value: &serde_json::Value) -> Option<String> {
    let id = value
        .get("id")
        .or_else(|| value.get("listing").and_then(|l| l.get("id")))?;
    id.as_str().map(str::to_string)
}

/// The contract's CSV columns, in order.
pub const CSV_COLUMNS: [&str; 15] = [
    "op",
    "id",
    "name",
    "aliases",
    "department",
    "parent_id",
    "phones",
    "category",
    "province",
    "city",
    "district",
    "address",
    "name_en",
    "listed",
    "weight",
];

/// One CSV record with its values looked up by column name.
struct CsvRecord<'a> {
    header: &'a [String],
    values: Vec<String>,
}

impl CsvRecord<'_> {
    fn get(&self, column: &str) -> Option<&str> {
        let i = self.header.iter().position(|h| h == column)?;
        self.values.get(i).map(|v| v.trim())
    }

    fn optional(&self, column: &str) -> Option<String> {
        self.get(column)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    fn to_listing(&self) -> Result<Listing, String> {
        let id = self.get("id").unwrap_or_default().to_string();
        let name = self.get("name").unwrap_or_default().to_string();
        let aliases = split_list(self.get("aliases").unwrap_or_default())
            .map(str::to_string)
            .collect();
        let phones = split_list(self.get("phones").unwrap_or_default())
            .map(|p| {
                let (number, label) = match p.split_once([':', '：']) {
                    Some((n, l)) => (n.trim(), Some(l.trim()).filter(|l| !l.is_empty())),
                    None => (p, None),
                };
                ListingPhone {
                    number: number.to_string(),
                    label: label.map(str::to_string),
                }
            })
            .collect();
        let listed = match self
            .get("listed")
            .unwrap_or_default()
            .to_lowercase()
            .as_str()
        {
            "" | "true" | "1" | "yes" | "y" | "是" => true,
            "false" | "0" | "no" | "n" | "否" => false,
            other => return Err(format!("listed {other:?} is not true or false")),
        };
        let weight = match self.get("weight").unwrap_or_default() {
            "" => 0.0,
            w => w
                .parse::<f64>()
                .map_err(|_| format!("weight {w:?} is not a number"))?,
        };
        let extra = self
            .header
            .iter()
            .zip(&self.values)
            .filter(|(h, v)| !CSV_COLUMNS.contains(&h.as_str()) && !v.trim().is_empty())
            .map(|(h, v)| (h.clone(), serde_json::Value::String(v.trim().to_string())))
            .collect();
        Ok(Listing {
            id,
            name,
            phones,
            aliases,
            department: self.optional("department"),
            parent_id: self.optional("parent_id"),
            category: self.optional("category"),
            province: self.optional("province"),
            city: self.optional("city"),
            district: self.optional("district"),
            address: self.optional("address"),
            name_en: self.optional("name_en"),
            listed,
            weight,
            extra,
        })
    }
}

/// Splits a `|`-separated list (also full-width `｜`), dropping empty items.
fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(['|', '｜'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// A CSV record as read: its line, its first byte, and its raw fields (or
/// why they could not be read).
type RawRecord = (usize, usize, Result<Vec<Vec<u8>>, String>);

/// With CRLF line endings the CSV reader reports a record as starting at the
/// `\n` that ends the previous line; step past it to the record's first byte.
fn skip_line_end(bytes: &[u8], mut start: usize) -> usize {
    while matches!(bytes.get(start), Some(b'\n' | b'\r')) {
        start += 1;
    }
    start
}

/// The line of a byte of a CSV file, counted as an editor shows lines: a
/// line ends at CRLF, LF or a lone CR. The CSV reader ends a record at a
/// lone CR too (old Mac spreadsheet exports end every line so) but counts
/// only LFs, which would put all such rows on one line.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line of the byte at `offset`. Cheap when offsets come in
    /// file order, as records do.
    fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        if offset < self.offset {
            *self = LineCounter::new(self.bytes);
        }
        for i in self.offset..offset {
            let ends_line = match self.bytes[i] {
                b'\r' => true,
                b'\n' => i == 0 || self.bytes[i - 1] != b'\r',
                _ => false,
            };
            self.line += usize::from(ends_line);
        }
        self.offset = offset;
        self.line
    }
}

/// Reads a CSV file: its header row, then every record as a row, or as the
/// reason it is bad, with its line and byte range. Blank records are
/// skipped. A file whose header cannot be read is one error for the whole
/// file.
fn read_csv<T>(
    bytes: &[u8],
    parse: impl Fn(&CsvRecord) -> Result<T, String>,
) -> Vec<Result<Row<T>, RowError>> {
    let bom = bytes.len() - strip_bom(bytes).len();
    let encoding = Encoding::of(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(strip_bom(bytes));
    let mut records = reader.byte_records();
    let header = match csv_header(records.next(), encoding) {
        Ok(header) => header,
        Err(reason) => {
            return vec![Err(RowError {
                line: 1,
                id: None,
                bytes: 0..bytes.len(),
                reason,
            })]
        }
    };
    let raw = raw_records(bytes, bom, records);
    // A record runs up to the start of the next one.
    let ends: Vec<usize> = raw
        .iter()
        .skip(1)
        .map(|(_, start, _)| *start)
        .chain(std::iter::once(bytes.len()))
        .collect();
    raw.into_iter()
        .zip(ends)
        .filter_map(|((line, start, fields), end)| {
            csv_row(
                line,
                start..end.max(start),
                fields,
                &header,
                encoding,
                &parse,
            )
        })
        .collect()
}

/// The column names of the header row (trimmed, lower case), or why the
/// file has no usable header.
fn csv_header(
    first: Option<csv::Result<csv::ByteRecord>>,
    encoding: Encoding,
) -> Result<Vec<String>, String> {
    let header: Vec<String> = match first {
        None => return Err("the file is empty: a header row is required".to_string()),
        Some(Err(e)) => return Err(format!("header row is not valid CSV: {e}")),
        Some(Ok(h)) => match h
            .iter()
            .map(|b| encoding.decode(b))
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(names) => names.iter().map(|n| n.trim().to_lowercase()).collect(),
            Err(reason) => return Err(format!("header row: {reason}")),
        },
    };
    for required in ["id"] {
        if !header.iter().any(|h| h == required) {
            return Err(format!(
                "header row has no {required:?} column; expected columns: {}",
                CSV_COLUMNS.join(",")
            ));
        }
    }
    Ok(header)
}

/// The records after the header, each with its line and first byte, as raw
/// fields or the reason they could not be read.
fn raw_records(
    bytes: &[u8],
    bom: usize,
    records: impl Iterator<Item = csv::Result<csv::ByteRecord>>,
) -> Vec<RawRecord> {
    let mut pending: Option<usize> = None; // start byte of the previous record
    let mut lines = LineCounter::new(bytes);
    let mut results: Vec<RawRecord> = Vec::new();
    for record in records {
        match record {
            Ok(r) => {
                let pos = r.position().expect("csv records carry their position");
                let start = skip_line_end(bytes, bom + pos.byte() as usize);
                pending = Some(start);
                let line = lines.line_at(start);
                results.push((line, start, Ok(r.iter().map(<[u8]>::to_vec).collect())));
            }
            Err(e) => {
                let start = e
                    .position()
                    .map(|p| bom + p.byte() as usize)
                    .or(pending)
                    .unwrap_or(bom);
                let line = lines.line_at(start);
                results.push((line, start, Err(format!("not valid CSV: {e}"))));
            }
        }
    }
    results
}

/// One record as a row (`parse` of its decoded values) or as the reason it
/// is bad; `None` for a blank record.
fn csv_row<T>(
    line: usize,
    range: std::ops::Range<usize>,
    fields: Result<Vec<Vec<u8>>, String>,
    header: &[String],
    encoding: Encoding,
    parse: &impl Fn(&CsvRecord) -> Result<T, String>,
) -> Option<Result<Row<T>, RowError>> {
    let fail = |id: Option<String>, reason: String| RowError {
        line,
        id,
        bytes: range.clone(),
        reason,
    };
    let fields = match fields {
        Ok(f) => f,
        Err(reason) => return Some(Err(fail(None, reason))),
    };
    if fields.iter().all(|f| f.trim_ascii().is_empty()) {
        return None;
    }
    let values = match fields
        .iter()
        .map(|f| encoding.decode(f))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(v) => v,
        Err(reason) => return Some(Err(fail(None, reason))),
    };
    let record = CsvRecord { header, values };
    let id = record.optional("id");
    if record.values.len() > header.len() {
        let reason = format!(
            "{} values but the header has {} columns",
            record.values.len(),
            header.len()
        );
        return Some(Err(fail(id, reason)));
    }
    Some(match parse(&record) {
        Ok(value) => Ok(Row {
            line,
            bytes: range,
            value,
        }),
        Err(reason) => Err(fail(id, reason)),
    })
}
