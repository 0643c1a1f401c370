//! Reading listing and change files.
//!
//! Properties proven here:
//! 1. JSONL and CSV listing files read to the same listings.
//! 2. CSV is read in UTF-8 with or without BOM and in GB18030, with LF or CRLF.
//! 3. Every bad row is reported, with its line number, id and reason; good
//!    rows around it are still read.
//! 4. Each row keeps the exact byte range it came from, so rejected rows
//!    can be written back byte for byte.
//! 5. Change files accept add, update and delete in both formats.

use chahao::batch::{read_changes, read_listings, Format};
use chahao::model::Change;

const CSV_HEADER: &str =
    "op,id,name,aliases,department,parent_id,phones,category,province,city,district,address,name_en,listed,weight";

fn csv_listings() -> String {
    [
        CSV_HEADER,
        ",GZ-1,中山大学附属第一医院,中山一院|附一,,,020-87755766:总机|020-87332200:急诊,医院,广东省,广州市,越秀区,中山二路58号,The First Affiliated Hospital,true,100",
        ",GZ-2,中山大学附属第一医院,,急诊科,GZ-1,020-87332200,医院,广东省,广州市,越秀区,,,,20",
        ",GZ-3,\"广州酒家(体育东店)\",,,,138 0013 8000,餐饮,广东省,广州市,天河区,\"体育东路, 1号\",,false,",
    ]
    .join("\n")
}

#[test]
fn csv_and_jsonl_read_to_the_same_listings() -> Result<(), Box<dyn std::error::Error>> {
    let csv = read_listings(csv_listings().as_bytes(), Format::Csv);
    assert!(csv.errors.is_empty(), "errors: {:?}", csv.errors);
    assert_eq!(csv.rows.len(), 3);
    let jsonl: String = csv
        .rows
        .iter()
        .map(|r| serde_json::to_string(&r.value).map(|s| s + "\n"))
        .collect::<Result<_, _>>()?;
    let back = read_listings(jsonl.as_bytes(), Format::Jsonl);
    assert!(back.errors.is_empty(), "errors: {:?}", back.errors);
    let a: Vec<_> = csv.rows.iter().map(|r| &r.value).collect();
    let b: Vec<_> = back.rows.iter().map(|r| &r.value).collect();
    assert_eq!(a, b);
    let first = &csv.rows[0].value;
    assert_eq!(first.aliases, ["中山一院", "附一"]);
    assert_eq!(first.phones.len(), 2);
    assert_eq!(first.phones[1].label.as_deref(), Some("急诊"));
    assert_eq!(first.weight, 100.0);
    assert_eq!(csv.rows[1].value.parent_id.as_deref(), Some("GZ-1"));
    assert!(!csv.rows[2].value.listed);
    assert_eq!(csv.rows[2].value.address.as_deref(), Some("体育东路, 1号"));
    Ok(())
}

#[test]
fn csv_encodings_and_line_endings_are_detected() {
    let utf8 = csv_listings();
    let crlf = utf8.replace('\n', "\r\n");
    let bom = format!("\u{feff}{crlf}");
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&crlf);
    assert!(!unmappable);
    let expected = read_listings(utf8.as_bytes(), Format::Csv);
    for (label, bytes) in [
        ("crlf", crlf.as_bytes().to_vec()),
        ("bom", bom.as_bytes().to_vec()),
        ("gb18030", gb.to_vec()),
    ] {
        let got = read_listings(&bytes, Format::Csv);
        assert!(got.errors.is_empty(), "{label}: {:?}", got.errors);
        let a: Vec<_> = expected.rows.iter().map(|r| &r.value).collect();
        let b: Vec<_> = got.rows.iter().map(|r| &r.value).collect();
        assert_eq!(a, b, "{label}");
        assert_eq!(
            got.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            [2, 3, 4],
            "{label}"
        );
    }
}

/// Old Mac spreadsheet exports end lines with a lone CR. The CSV reader ends
/// a record there, so each row is on its own line, as an editor shows it
/// (found by fuzzing: fuzz/regressions/changes_csv/cr-line-endings).
#[test]
fn csv_rows_after_a_lone_cr_are_on_their_own_lines() {
    let cr = csv_listings().replace('\n', "\r");
    let got = read_listings(cr.as_bytes(), Format::Csv);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(
        got.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 3, 4]
    );
    // A bad row after a lone CR is reported on its own line, and a CR that
    // is part of a CRLF ends only one line.
    let text = format!(
        "{CSV_HEADER}\r\n,GZ-1,好,,,,020-87755766,,,,,,,,\r,GZ-2,坏号码,,,,020-1234,,,,,,,,\n,GZ-3,好,,,,110,,,,,,,,"
    );
    let got = read_listings(text.as_bytes(), Format::Csv);
    let lines: Vec<usize> = got.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 4]);
    assert_eq!(got.errors.len(), 1, "{:?}", got.errors);
    assert_eq!(
        (got.errors[0].line, got.errors[0].id.as_deref()),
        (3, Some("GZ-2"))
    );
    // The input the fuzzer found: two GB18030 rows split by a lone CR.
    let found = b"e,id,name,,p,d,phones,\n,C,\xb5\xc0\xc2\xb0,,,,122:\r,N,\xb9\xb2,,,,110:";
    let got = read_changes(found, Format::Csv);
    let mut lines: Vec<usize> = got.rows.iter().map(|r| r.line).collect();
    lines.extend(got.errors.iter().map(|e| e.line));
    lines.sort_unstable();
    assert_eq!(lines, [2, 3], "rows {:?} errors {:?}", got.rows, got.errors);
}

/// A short GB18030 file can be valid UTF-8 as a whole (`山` is the bytes of
/// `ɽ`); it is still read as GB18030. UTF-8 with Chinese in it, or with a
/// BOM, stays UTF-8 (found by the proptests of tests/fuzz_props.rs).
#[test]
fn short_gb18030_files_that_are_valid_utf8_are_gb18030() {
    let text = "id,name,phones\nGZ-1,山,020-87755766\n";
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    assert!(
        std::str::from_utf8(&gb).is_ok(),
        "the case this test is about"
    );
    let got = read_listings(&gb, Format::Csv);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(got.rows[0].value.name, "山");
    let jsonl = r#"{"op":"add","listing":{"id":"A","name":"山","phones":[{"number":"110"}]}}"#;
    let (gb, _, _) = encoding_rs::GB18030.encode(jsonl);
    let got = read_changes(&gb, Format::Jsonl);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert!(matches!(&got.rows[0].value, Change::Add { listing } if listing.name == "山"));

    let utf8 = "id,name,phones,name_en\nGZ-1,山,110,Café\n";
    let got = read_listings(utf8.as_bytes(), Format::Csv);
    assert_eq!(got.rows[0].value.name_en.as_deref(), Some("Café"));
    let bom = "\u{feff}id,name,phones\nGZ-1,ɽ,110\n";
    let got = read_listings(bom.as_bytes(), Format::Csv);
    assert_eq!(got.rows[0].value.name, "ɽ");
}

#[test]
fn every_bad_csv_row_is_reported_with_line_id_and_reason() {
    let text = [
        CSV_HEADER,
        ",GZ-1,好名字,,,,020-87755766,,,,,,,,",
        ",GZ-2,,,,,020-87755766,,,,,,,,",
        ",GZ 3,坏id,,,,020-87755766,,,,,,,,",
        ",GZ-4,坏号码,,,,020-1234,,,,,,,,",
        ",GZ-5,坏权重,,,,020-87755766,,,,,,,,-3",
        ",GZ-6,坏标记,,,,020-87755766,,,,,,,maybe,",
        ",GZ-1,重复,,,,020-87755766,,,,,,,,",
        ",GZ-7,没有号码,,,,,,,,,,,,",
        "update,GZ-8,错误的操作,,,,020-87755766,,,,,,,,",
        ",GZ-9,另一个好名字,,,,020-38906666,,,,,,,,",
    ]
    .join("\n");
    let parsed = read_listings(text.as_bytes(), Format::Csv);
    let good: Vec<&str> = parsed.rows.iter().map(|r| r.value.id.as_str()).collect();
    assert_eq!(good, ["GZ-1", "GZ-9"]);
    let errors: Vec<(usize, Option<&str>)> = parsed
        .errors
        .iter()
        .map(|e| (e.line, e.id.as_deref()))
        .collect();
    assert_eq!(
        errors,
        [
            (3, Some("GZ-2")),
            (4, Some("GZ 3")),
            (5, Some("GZ-4")),
            (6, Some("GZ-5")),
            (7, Some("GZ-6")),
            (8, Some("GZ-1")),
            (9, Some("GZ-7")),
            (10, Some("GZ-8")),
        ],
        "errors: {:#?}",
        parsed.errors
    );
    let reasons: Vec<String> = parsed.errors.iter().map(|e| e.reason.clone()).collect();
    assert!(reasons[0].contains("name"), "{}", reasons[0]);
    assert!(reasons[1].contains("id"), "{}", reasons[1]);
    assert!(reasons[2].contains("020-1234"), "{}", reasons[2]);
    assert!(reasons[3].contains("weight"), "{}", reasons[3]);
    assert!(reasons[4].contains("listed"), "{}", reasons[4]);
    assert!(
        reasons[5].contains("duplicate id, first used on line 2"),
        "{}",
        reasons[5]
    );
    assert!(reasons[6].contains("phones"), "{}", reasons[6]);
    assert!(reasons[7].contains("apply"), "{}", reasons[7]);
    let shown = parsed.errors[2].to_string();
    assert!(
        shown.starts_with("line 5 (id GZ-4): phone \"020-1234\""),
        "{shown}"
    );
}

#[test]
fn every_bad_jsonl_row_is_reported_and_byte_ranges_are_exact() {
    let lines = [
        r#"{"id":"A","name":"甲","phones":[{"number":"020-87755766"}]}"#,
        r#"{"id":"B","name":"乙","phones":[]}"#,
        r#"not json"#,
        r#"["an","array"]"#,
        r#"{"id":"C","name":"丙","phones":[{"number":"+1 415 555 0100"}]}"#,
        r#"{"id":"D","name":"丁","phones":[{"number":"12345"}],"weight":"heavy"}"#,
        "",
        r#"{"id":"E","name":"戊","phones":[{"number":"10086"}],"extra_field":{"kept":true}}"#,
    ];
    let text = lines.join("\r\n") + "\r\n";
    let bytes = text.as_bytes();
    let parsed = read_listings(bytes, Format::Jsonl);
    let good: Vec<&str> = parsed.rows.iter().map(|r| r.value.id.as_str()).collect();
    assert_eq!(good, ["A", "E"]);
    assert_eq!(parsed.rows[1].line, 8);
    assert!(parsed.rows[1].value.extra.contains_key("extra_field"));
    let lines_bad: Vec<usize> = parsed.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines_bad, [2, 3, 4, 5, 6], "errors: {:#?}", parsed.errors);
    assert_eq!(parsed.errors[0].id.as_deref(), Some("B"));
    assert_eq!(parsed.errors[1].id, None);
    assert!(parsed.errors[1].reason.contains("not valid JSON"));
    assert!(
        parsed.errors[3].reason.contains("+1 415"),
        "{}",
        parsed.errors[3].reason
    );
    // Byte ranges give back the rows exactly, line endings included.
    for e in &parsed.errors {
        let raw = std::str::from_utf8(&bytes[e.bytes.clone()]).expect("utf-8");
        assert_eq!(raw, format!("{}\r\n", lines[e.line - 1]));
    }
}

#[test]
fn gb18030_rows_keep_their_original_bytes() {
    let text = [
        CSV_HEADER,
        ",GZ-1,坏号码,,,,020-1234,,,,,,,,",
        ",GZ-2,好,,,,020-87755766,,,,,,,,",
    ]
    .join("\r\n");
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let parsed = read_listings(&gb, Format::Csv);
    assert_eq!(parsed.errors.len(), 1);
    let raw = &gb[parsed.errors[0].bytes.clone()];
    let (expected, _, _) = encoding_rs::GB18030.encode(",GZ-1,坏号码,,,,020-1234,,,,,,,,\r\n");
    assert_eq!(raw, &expected[..]);
}

#[test]
fn change_files_in_both_formats() {
    let jsonl = [
        r#"{"op":"add","listing":{"id":"N1","name":"新店","phones":[{"number":"020-38906666"}]}}"#,
        r#"{"op":"update","listing":{"id":"U1","name":"改名","phones":[{"number":"020-38906667"}]}}"#,
        r#"{"op":"delete","id":"D1"}"#,
        r#"{"op":"rename","id":"X"}"#,
        r#"{"op":"delete","id":"bad id"}"#,
    ]
    .join("\n");
    let parsed = read_changes(jsonl.as_bytes(), Format::Jsonl);
    assert_eq!(parsed.rows.len(), 3);
    assert!(matches!(parsed.rows[2].value, Change::Delete { ref id } if id == "D1"));
    assert_eq!(
        parsed.errors.iter().map(|e| e.line).collect::<Vec<_>>(),
        [4, 5]
    );
    let csv = [
        CSV_HEADER,
        "add,N1,新店,,,,020-38906666,,,,,,,,",
        "update,U1,改名,,,,020-38906667,,,,,,,,",
        "delete,D1,,,,,,,,,,,,,",
        ",X,无操作,,,,020-38906667,,,,,,,,",
    ]
    .join("\n");
    let parsed = read_changes(csv.as_bytes(), Format::Csv);
    assert_eq!(parsed.rows.len(), 3, "errors: {:?}", parsed.errors);
    assert_eq!(parsed.errors.len(), 1);
    assert!(parsed.errors[0].reason.contains("op is missing"));
}

#[test]
fn format_is_detected_from_name_or_content() {
    use std::path::Path;
    assert_eq!(Format::detect(Path::new("a.jsonl"), b""), Format::Jsonl);
    assert_eq!(Format::detect(Path::new("a.CSV"), b"{"), Format::Csv);
    assert_eq!(
        Format::detect(Path::new("a.txt"), b"\xEF\xBB\xBF {\"id\":1}"),
        Format::Jsonl
    );
    assert_eq!(Format::detect(Path::new("a"), b"op,id"), Format::Csv);
}

#[test]
fn empty_and_headerless_files_are_clear_errors() {
    let parsed = read_listings(b"", Format::Csv);
    assert!(parsed.errors[0].reason.contains("header row is required"));
    let parsed = read_listings(b"name,phones\nx,110\n", Format::Csv);
    assert!(parsed.errors[0].reason.contains("no \"id\" column"));
    let parsed = read_listings(b"", Format::Jsonl);
    assert!(parsed.rows.is_empty() && parsed.errors.is_empty());
}
