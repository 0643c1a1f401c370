//! Ex-directory listings (`listed: false`) never leave the server, proven
//! by comparison: two directories hold the same public listings and go
//! through the same weekly batch, and one of them also holds ex-directory
//! listings — built in, added by the batch, turned ex-directory by the
//! batch (a published listing withdrawn), an ex-directory department of a
//! listed hospital, an ex-directory organisation with a listed department
//! of its own.
//!
//! Properties proven here:
//! 1. Every public answer is the same with and without the ex-directory
//!    listings, byte for byte but for timings: every query form aimed at
//!    them (full name, prefix, alias, pinyin, initials, fuzzy pinyin,
//!    homophone, typo, mixed, English, department, number in every written
//!    form, the last digits, area and kind), with and without filters, and
//!    `/api/listings/{id}`, `/api/listings/{id}/siblings`,
//!    `/api/districts`, `/api/categories` with their counts, `/healthz`,
//!    the pages `/` and `/console`, and every error. So no name, number,
//!    count, score or order can tell that they are there.
//! 2. No answer holds any of their names, aliases, English names,
//!    departments, districts or categories, or any run of four or more
//!    digits of their numbers (beyond the area code).
//! 3. An ex-directory id is answered exactly like an id that never existed,
//!    and a selection of one is refused the same way.
//! 4. The weekly "what's new" list (`/api/changes/latest`) names none of
//!    them, and its counts are those of the lists it shows.
//! 5. `chahao search` prints the same hits with and without them.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

use chahao::batch::{apply, ApplyOptions, Format};
use chahao::http::{app, AppState, Limits, SelectionLog, Tuning};
use chahao::index::{self, BatchRecord, Live};
use chahao::model::Listing;
use common::enc;

type TestResult = Result<(), Box<dyn std::error::Error>>;
type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

/// The public listings, in both directories.
const PUBLIC: &str = r#"
{"id":"ZS1Y","name":"中山大学附属第一医院","aliases":["中山一院","附一"],"phones":[{"number":"020-87755766","label":"总机"}],"category":"医院","province":"广东省","city":"广州市","district":"越秀区","address":"中山二路58号","name_en":"The First Affiliated Hospital, Sun Yat-sen University","weight":120}
{"id":"ZS1Y-JZ","name":"中山大学附属第一医院","department":"急诊科","parent_id":"ZS1Y","phones":[{"number":"020-87332150","label":"急诊"}],"category":"医院","province":"广东省","city":"广州市","district":"越秀区","address":"中山二路58号","weight":40}
{"id":"ZS1Y-GH","name":"中山大学附属第一医院","department":"挂号处","parent_id":"ZS1Y","phones":[{"number":"020-87330001"}],"category":"医院","province":"广东省","city":"广州市","district":"越秀区","address":"中山二路58号","weight":30}
{"id":"ZSDX","name":"中山大学","aliases":["中大"],"phones":[{"number":"020-84112828","label":"总机"}],"category":"学校","province":"广东省","city":"广州市","district":"海珠区","address":"新港西路135号","name_en":"Sun Yat-sen University","weight":100}
{"id":"ICBC","name":"中国工商银行","aliases":["工行"],"phones":[{"number":"95588","label":"客服"}],"category":"银行","weight":200}
{"id":"ICBC-TH","name":"中国工商银行广州天河支行","aliases":["工行天河支行"],"phones":[{"number":"020-38880000","label":"营业厅"}],"category":"银行","province":"广东省","city":"广州市","district":"天河区","address":"天河路208号","weight":20}
{"id":"TH-ZYY","name":"广州市天河区中医医院","phones":[{"number":"020-38660000","label":"总机"}],"category":"医院","province":"广东省","city":"广州市","district":"天河区","address":"天河区员村二横路","weight":15}
{"id":"HP-KJ","name":"黄埔科学城管委会","aliases":["科学城管委"],"phones":[{"number":"020-82110000","label":"办公室"}],"category":"政府机关","province":"广东省","city":"广州市","district":"黄埔区","address":"科学大道1号","weight":25}
{"id":"QH-CS","name":"青年湖茶室","phones":[{"number":"020-83330000"}],"category":"餐饮","province":"广东省","city":"广州市","district":"越秀区","address":"东风路","weight":5}
{"id":"XW-FW","name":"滨江技术服务中心","department":"对外联络处","parent_id":"EXD-XW","phones":[{"number":"020-82660000","label":"对外"}],"category":"科研","province":"广东省","city":"广州市","district":"黄埔区","address":"科学城","weight":3}
{"id":"JQ-WY","name":"金雀花园物业管理处","aliases":["金雀物业"],"phones":[{"number":"020-31415926","label":"值班"}],"category":"物业","province":"广东省","city":"广州市","district":"海珠区","address":"金雀路9号","weight":8}
"#;

/// Ex-directory listings in the second directory from the start.
const SECRET: &str = r#"
{"id":"EXD-QL","name":"青鸾秘密档案馆","aliases":["鸾档馆","青鸾馆"],"phones":[{"number":"020-35797531","label":"机要室"}],"category":"机要档案","province":"广东省","city":"广州市","district":"隐秘区","address":"无名路7号","name_en":"Qingluan Confidential Archive","listed":false,"weight":500}
{"id":"ZS1Y-TX","name":"中山大学附属第一医院","department":"特需贵宾病房","parent_id":"ZS1Y","phones":[{"number":"020-87246813","label":"主任"}],"category":"医院","province":"广东省","city":"广州市","district":"越秀区","address":"中山二路58号","listed":false,"weight":300}
{"id":"EXD-XW","name":"玄武潜航研究院","aliases":["潜航院","玄武院"],"phones":[{"number":"020-29517395","label":"总机"}],"category":"科研","province":"广东省","city":"广州市","district":"黄埔区","address":"科学城","name_en":"Xuanwu Undersea Institute","listed":false,"weight":400}
{"id":"EXD-MOB","name":"郗雨霏私人诊所","aliases":["雨霏诊所"],"phones":[{"number":"139 2957 1468"}],"category":"医院","province":"广东省","city":"广州市","district":"越秀区","listed":false,"weight":250}
"#;

/// The weekly batch of the directory without ex-directory listings.
const BATCH_PUBLIC: &str = r#"
{"op":"add","listing":{"id":"NEW-PUB","name":"海心沙旅游服务中心","phones":[{"number":"020-38456789"}],"category":"旅游","province":"广东省","city":"广州市","district":"天河区","weight":10}}
{"op":"delete","id":"JQ-WY"}
{"op":"delete","id":"TH-ZYY"}
"#;

/// The same week with ex-directory listings: one added, a published one
/// withdrawn (updated to ex-directory), an ex-directory one changed.
const BATCH_SECRET: &str = r#"
{"op":"add","listing":{"id":"NEW-PUB","name":"海心沙旅游服务中心","phones":[{"number":"020-38456789"}],"category":"旅游","province":"广东省","city":"广州市","district":"天河区","weight":10}}
{"op":"add","listing":{"id":"EXD-NEW","name":"翡翠谷观测站","aliases":["翠谷站"],"phones":[{"number":"0756-83194725","label":"值守"}],"category":"观测站","province":"广东省","city":"珠海市","district":"斗门区","name_en":"Feicui Valley Observatory","listed":false,"weight":350}}
{"op":"update","listing":{"id":"JQ-WY","name":"金雀花园物业管理处","aliases":["金雀物业"],"phones":[{"number":"020-31415926","label":"值班"}],"category":"物业","province":"广东省","city":"广州市","district":"海珠区","address":"金雀路9号","listed":false,"weight":8}}
{"op":"update","listing":{"id":"EXD-XW","name":"玄武潜航研究院","aliases":["潜航院","玄武院","潜航所"],"phones":[{"number":"020-29517395","label":"总机"}],"category":"科研","province":"广东省","city":"广州市","district":"黄埔区","address":"科学城","name_en":"Xuanwu Undersea Institute","listed":false,"weight":400}}
{"op":"delete","id":"TH-ZYY"}
"#;

/// Ids that are ex-directory after the batch.
const HIDDEN_IDS: [&str; 6] = ["EXD-QL", "ZS1Y-TX", "EXD-XW", "EXD-MOB", "EXD-NEW", "JQ-WY"];

/// What no answer may contain: the texts of the ex-directory listings.
const SECRET_TEXTS: [&str; 22] = [
    "青鸾秘密档案馆",
    "鸾档馆",
    "青鸾馆",
    "Qingluan",
    "Confidential Archive",
    "机要档案",
    "隐秘区",
    "无名路",
    "特需贵宾病房",
    "玄武潜航研究院",
    "潜航院",
    "玄武院",
    "潜航所",
    "Xuanwu",
    "Undersea",
    "郗雨霏私人诊所",
    "雨霏诊所",
    "翡翠谷观测站",
    "翠谷站",
    "Feicui",
    "观测站",
    "斗门区",
];

/// The numbers without their area codes (a mobile number whole).
const SECRET_NUMBERS: [&str; 6] = [
    "35797531",
    "87246813",
    "29517395",
    "13929571468",
    "83194725",
    "31415926",
];

/// Every run of four or more digits of the secret numbers.
fn number_fragments() -> Vec<String> {
    let mut out = Vec::new();
    for number in SECRET_NUMBERS {
        for len in 4..=number.len() {
            for start in 0..=number.len() - len {
                out.push(number[start..start + len].to_string());
            }
        }
    }
    out
}

fn parse(jsonl: &str) -> Vec<Listing> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("test listings are valid"))
        .collect()
}

/// One directory built, changed by its batch, and served in process.
struct Served {
    root: PathBuf,
    app: Router,
}

fn serve(root: &Path, listings: &[Listing], batch: &str) -> Fallible<Served> {
    let record = BatchRecord::build("privacy", "test", listings.len());
    index::build(root, listings, &record, &|_| {})?;
    let options = ApplyOptions {
        batch_id: Some("week-47".to_string()),
        source: "week-47.jsonl".to_string(),
        ..ApplyOptions::default()
    };
    apply(root, batch.trim_start().as_bytes(), Format::Jsonl, &options)?;
    let live = Arc::new(Live::open(root)?);
    let log = SelectionLog::open(&root.join("selections.jsonl"))?;
    let tuning = Tuning {
        search_threads: 2,
        cache_entries: 100,
    };
    Ok(Served {
        root: root.to_path_buf(),
        // Hundreds of probes from one test client: no rate limit.
        app: app(AppState::new(live, log, tuning).with_limits(Limits {
            rate_per_second: 0,
            ..Limits::default()
        })),
    })
}

/// The two directories: without and with ex-directory listings.
fn pair(tmp: &Path) -> Fallible<(Served, Served)> {
    let public = parse(PUBLIC);
    let mut with_secrets = public.clone();
    with_secrets.extend(parse(SECRET));
    let plain = serve(&tmp.join("plain"), &public, BATCH_PUBLIC)?;
    let secret = serve(&tmp.join("secret"), &with_secrets, BATCH_SECRET)?;
    Ok((plain, secret))
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, String) {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .expect("the body is readable");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String) {
    let request = Request::get(uri).body(Body::empty()).expect("a request");
    send(app, request).await
}

/// The answer with the timings (which differ run to run) taken out.
fn comparable(body: &str) -> String {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.remove("took_ms");
                map.remove("time");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    match serde_json::from_str::<Value>(body) {
        Ok(mut value) => {
            strip(&mut value);
            value.to_string()
        }
        Err(_) => body.to_string(),
    }
}

/// `what` says nothing of the ex-directory listings.
fn assert_no_secret(context: &str, what: &str) {
    for text in SECRET_TEXTS {
        assert!(!what.contains(text), "{context} reveals {text:?}: {what}");
    }
    for fragment in number_fragments() {
        assert!(
            !what.contains(&fragment),
            "{context} reveals the digits {fragment}: {what}"
        );
    }
}

/// The same request to both: the same answer, and nothing secret in it
/// beyond the caller's own words echoed back (`echoes`: the query, a
/// filter value).
async fn assert_same(
    plain: &Served,
    secret: &Served,
    uri: &str,
    echoes: &[&str],
) -> Fallible<(StatusCode, String)> {
    let (status_p, body_p) = get(&plain.app, uri).await;
    let (status_s, body_s) = get(&secret.app, uri).await;
    assert_eq!(
        (status_s, comparable(&body_s)),
        (status_p, comparable(&body_p)),
        "{uri}: the answer changes when ex-directory listings are there"
    );
    let mut rest = body_s.clone();
    for echo in echoes {
        rest = rest.replace(echo, "");
    }
    assert_no_secret(uri, &rest);
    Ok((status_s, body_s))
}

/// Every way a caller might ask for the ex-directory listings.
const QUERIES: &[&str] = &[
    // 青鸾秘密档案馆: full, prefix, aliases, pinyin, initials, fuzzy,
    // homophone, typo, mixed, English, area and kind.
    "青鸾秘密档案馆",
    "青鸾",
    "青鸾秘",
    "鸾档馆",
    "青鸾馆",
    "qingluanmimidanganguan",
    "qingluan",
    "qing luan mi mi",
    "qlmmdag",
    "qld",
    "qinluanmimi",
    "清峦秘密档案馆",
    "青鸾秘蜜档案馆",
    "青鸾mimi",
    "ql档案馆",
    "Qingluan Confidential Archive",
    "confidential",
    "archive",
    "档案馆",
    "隐秘区 档案",
    "广州 机要档案",
    "机要室",
    // 中山一院's ex-directory ward.
    "特需贵宾病房",
    "中山一院 特需",
    "中山大学附属第一医院 贵宾",
    "zsdxfsdyyy texu",
    "txgbbf",
    // 玄武潜航研究院 and its listed department.
    "玄武潜航研究院",
    "潜航院",
    "潜航所",
    "玄武院",
    "xuanwu",
    "xwqhyjy",
    "qianhangyuan",
    "Xuanwu Undersea Institute",
    "潜航院 对外联络处",
    "黄埔 研究院",
    // The mobile number's practice.
    "郗雨霏私人诊所",
    "雨霏诊所",
    "xiyufei",
    "xyfsrzs",
    // Added by the batch.
    "翡翠谷观测站",
    "翠谷站",
    "feicuigu",
    "fcggcz",
    "Feicui Valley Observatory",
    "珠海 观测站",
    "斗门区",
    // Withdrawn by the batch.
    "金雀花园物业管理处",
    "金雀物业",
    "jqhywyglc",
    "jinque",
    // Numbers in every written form, whole and in part.
    "020-35797531",
    "02035797531",
    "(020)3579 7531",
    "+86 20 3579 7531",
    "35797531",
    "3579",
    "7531",
    "97531",
    "020-87246813",
    "87246813",
    "6813",
    "29517395",
    "7395",
    "139 2957 1468",
    "13929571468",
    "+86 139 2957 1468",
    "1468",
    "571468",
    "0756-83194725",
    "83194725",
    "4725",
    "020-31415926",
    "31415926",
    "5926",
    "1415",
];

#[tokio::test]
async fn no_query_tells_that_ex_directory_listings_exist() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (plain, secret) = pair(tmp.path())?;
    for q in QUERIES {
        let uri = format!("/api/search?q={}", enc(q));
        let (status, _) = assert_same(&plain, &secret, &uri, &[q]).await?;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_same(&plain, &secret, &format!("{uri}&limit=50"), &[q]).await?;
        for (key, value) in [
            ("district", "黄埔区"),
            ("category", "医院"),
            ("category", "科研"),
            ("district", "隐秘区"),
            ("category", "机要档案"),
            ("district", "斗门区"),
        ] {
            let filtered = format!("{uri}&{key}={}", enc(value));
            assert_same(&plain, &secret, &filtered, &[q, value]).await?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn no_endpoint_tells_that_ex_directory_listings_exist() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (plain, secret) = pair(tmp.path())?;
    for uri in [
        "/api/districts",
        "/api/categories",
        "/healthz",
        "/",
        "/console",
        "/assets/common.js",
        "/assets/public.js",
        "/assets/console.js",
        "/api/nothing-here",
        "/api/search",
        "/api/search?q=",
    ] {
        assert_same(&plain, &secret, uri, &[]).await?;
    }
    // Every listed listing and its organisation, and every hidden id, and
    // ids that never existed: the same answers.
    let mut ids: Vec<String> = parse(PUBLIC).into_iter().map(|l| l.id).collect();
    ids.extend(["NEW-PUB", "NEVER-1", "EXD-NONE"].map(String::from));
    ids.extend(HIDDEN_IDS.map(String::from));
    for id in &ids {
        assert_same(&plain, &secret, &format!("/api/listings/{id}"), &[id]).await?;
        let siblings = format!("/api/listings/{id}/siblings");
        assert_same(&plain, &secret, &siblings, &[id]).await?;
    }
    // An ex-directory id is answered like one that never existed.
    for id in HIDDEN_IDS {
        for path in ["/api/listings/{}", "/api/listings/{}/siblings"] {
            let (hidden_status, hidden) = get(&secret.app, &path.replace("{}", id)).await;
            let (never_status, never) = get(&secret.app, &path.replace("{}", "NEVER-1")).await;
            assert_eq!(hidden_status, StatusCode::NOT_FOUND, "{id}: {hidden}");
            assert_eq!(
                (hidden_status, hidden.replace(id, "ID")),
                (never_status, never.replace("NEVER-1", "ID")),
                "{id}"
            );
        }
        // A selection of it is refused like one of an unknown id, and not
        // logged.
        let post = |id: &str| {
            Request::post("/api/selections")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(format!(
                    "{{\"query\":\"q\",\"id\":\"{id}\",\"rank\":1}}"
                )))
                .expect("a request")
        };
        let (hidden_status, hidden) = send(&secret.app, post(id)).await;
        let (never_status, never) = send(&secret.app, post("NEVER-1")).await;
        assert_eq!(
            (hidden_status, hidden.replace(id, "ID")),
            (never_status, never.replace("NEVER-1", "ID")),
            "selection of {id}"
        );
    }
    let log = std::fs::read_to_string(secret.root.join("selections.jsonl")).unwrap_or_default();
    assert!(log.is_empty(), "selections logged: {log}");
    // The counts are those of the listed listings alone.
    let (_, health) = get(&secret.app, "/healthz").await;
    let health: Value = serde_json::from_str(&health)?;
    let listed = parse(PUBLIC).len() + 1 - 2; // the batch adds one and removes two
    assert_eq!(health["listings"], listed, "{health}");
    Ok(())
}

#[tokio::test]
async fn the_weekly_list_names_no_ex_directory_listing() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (plain, secret) = pair(tmp.path())?;
    let (status, body) = get(&secret.app, "/api/changes/latest").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_no_secret("/api/changes/latest", &body);
    let latest: Value = serde_json::from_str(&body)?;
    let ids = |key: &str| -> Vec<String> {
        latest[key]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|l| l["id"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(ids("added"), ["NEW-PUB"], "{body}");
    assert!(ids("updated").is_empty(), "{body}");
    assert_eq!(ids("deleted"), ["TH-ZYY"], "{body}");
    // The counts are those of the lists shown, and the total that of the
    // listed listings: nothing counts the ex-directory ones.
    let batch = &latest["batch"];
    assert_eq!(batch["added"], 1, "{body}");
    assert_eq!(batch["updated"], 0, "{body}");
    assert_eq!(batch["deleted"], 1, "{body}");
    let (_, plain_body) = get(&plain.app, "/api/changes/latest").await;
    let plain_latest: Value = serde_json::from_str(&plain_body)?;
    assert_eq!(batch["total"], plain_latest["batch"]["total"], "{body}");
    Ok(())
}

#[test]
fn chahao_search_prints_the_same_hits() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (plain, secret) = pair(tmp.path())?;
    for q in [
        "青鸾秘密档案馆",
        "qlmmdag",
        "潜航院",
        "中山一院 特需",
        "翠谷站",
        "金雀物业",
        "35797531",
        "7531",
        "13929571468",
        "1468",
        "Xuanwu",
    ] {
        let run = |root: &Path| -> Fallible<String> {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_chahao"))
                .args(["search", "--limit", "50", "--index"])
                .arg(root)
                .arg(q)
                .output()?;
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let (p, s) = (run(&plain.root)?, run(&secret.root)?);
        assert_eq!(s, p, "chahao search {q:?}");
        assert_no_secret(&format!("chahao search {q:?}"), &s.replace(q, ""));
    }
    Ok(())
}

#[test]
fn the_secrets_are_absent_from_the_public_data() {
    // The comparison above proves something only if the public listings
    // share no text and no digits with the secret ones.
    let public: String = parse(PUBLIC)
        .into_iter()
        .filter(|l| l.id != "JQ-WY")
        .map(|l| serde_json::to_string(&l).expect("serialises"))
        .collect();
    let extra = BATCH_PUBLIC
        .lines()
        .find(|l| l.contains("NEW-PUB"))
        .unwrap_or("");
    assert_no_secret("the public listings", &format!("{public}{extra}"));
}

/// Hits of `q` in the directory under `root`, by id.
fn hit_ids(root: &Path, q: &str) -> Fallible<Vec<String>> {
    let dir = chahao::index::Directory::open(root)?;
    let hits = chahao::search::search(&dir, q, 50, &chahao::search::Filters::default())?;
    Ok(hits.into_iter().map(|h| h.listing.id).collect())
}

#[test]
fn a_withdrawn_organisation_lends_its_departments_no_alias() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let root = tmp.path().join("index");
    let parent = r#"{"id":"BL","name":"白鹭湾康复中心","aliases":["鹭湾康复"],"phones":[{"number":"020-36251470"}],"category":"医院","district":"南沙区","listed":LISTED,"weight":50}"#;
    let child = r#"{"id":"BL-YY","name":"滨海营养咨询室","department":"营养科","parent_id":"BL","phones":[{"number":"020-36250000"}],"category":"医院","district":"南沙区","weight":5}"#;
    let listings = parse(&format!("{}\n{child}", parent.replace("LISTED", "true")));
    let record = BatchRecord::build("privacy", "test", listings.len());
    index::build(&root, &listings, &record, &|_| {})?;
    // Listed, the organisation lends its department its short name.
    assert!(hit_ids(&root, "鹭湾康复")?.contains(&"BL-YY".to_string()));
    let batch = |listed: &str, id: &str| -> TestResult {
        let line = format!(
            "{{\"op\":\"update\",\"listing\":{}}}\n",
            parent.replace("LISTED", listed)
        );
        let options = ApplyOptions {
            batch_id: Some(id.to_string()),
            ..ApplyOptions::default()
        };
        apply(&root, line.as_bytes(), Format::Jsonl, &options)?;
        Ok(())
    };
    // Withdrawn by a batch: neither it nor its department is found by its
    // names any more, though the department is not in the batch.
    batch("false", "withdraw")?;
    for q in ["鹭湾康复", "白鹭湾康复中心", "lwkf", "36251470", "1470"] {
        assert_eq!(hit_ids(&root, q)?, Vec::<String>::new(), "{q}");
    }
    assert_eq!(hit_ids(&root, "滨海营养咨询室")?, ["BL-YY"]);
    // Listed again: the department inherits again.
    batch("true", "relist")?;
    assert!(hit_ids(&root, "鹭湾康复")?.contains(&"BL-YY".to_string()));
    Ok(())
}
