//! The HTTP API in process: every endpoint and every error, through
//! `app(state)` and `tower::ServiceExt::oneshot`, with no server.
//!
//! Properties proven here:
//! 1. `/api/search` answers with the contract's fields (`query`, `took_ms`,
//!    `hits[]` with `id`, `name`, `department`, `phones[{number,label}]`,
//!    `category`, `district`, `address`, `score`) plus `match`,
//!    `highlights` and `phones[].display`.
//! 2. Every bad request is a 4xx with a JSON `{"error": ...}` naming the
//!    problem: missing, empty or over-long `q`, a `limit` outside 1..=50,
//!    an unknown district or category, an unknown route or method, a bad
//!    selection body.
//! 3. Filters narrow the hits to their district and category.
//! 4. Ex-directory listings never leave the server: not by name, alias or
//!    number in search, not by id (404, like an unknown id), not as a
//!    sibling, not in the district and category lists, not in counts, and
//!    a selection of one is refused and not logged.
//! 5. Siblings are the other listed listings of the same organisation.
//! 6. A selection is appended to the log as one JSON line with a server
//!    time and no caller data; unknown fields (a caller's number) are
//!    refused.
//! 7. The pages and their assets are served from the binary, with a
//!    Content-Security-Policy, and compressed on request.
//! 8. A newly published generation is served as soon as the live
//!    directory refreshes.

mod common;
#[path = "fixture/mod.rs"]
mod fixture;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

use chahao::http::app;
use common::enc;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A response: status, content type, content encoding, and the body as
/// text.
struct Answer {
    status: StatusCode,
    content_type: String,
    encoding: Option<String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// Asserts a JSON error with `status` whose message contains `needle`.
    fn assert_error(&self, status: StatusCode, needle: &str) {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert!(
            self.content_type.starts_with("application/json"),
            "error content type {:?}, body {}",
            self.content_type,
            self.body
        );
        let message = self.json()["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error field: {}", self.body))
            .to_string();
        assert!(
            message.contains(needle),
            "error {message:?} does not mention {needle:?}"
        );
    }
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header(header::CONTENT_TYPE).unwrap_or_default();
    let encoding = header(header::CONTENT_ENCODING);
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .expect("the body is readable");
    Answer {
        status,
        content_type,
        encoding,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(
        app,
        Request::get(uri)
            .body(Body::empty())
            .expect("a valid request"),
    )
    .await
}

async fn post_json(app: &Router, uri: &str, body: &str) -> Answer {
    send(
        app,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("a valid request"),
    )
    .await
}

fn search_uri(q: &str) -> String {
    format!("/api/search?q={}", enc(q))
}

fn hit_ids(answer: &Answer) -> Vec<String> {
    answer.json()["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("no hits array: {}", answer.body))
        .iter()
        .map(|h| h["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn fixture_app() -> Result<(tempfile::TempDir, Router), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let (state, _) = fixture::state(dir.path())?;
    Ok((dir, app(state)))
}

#[tokio::test]
async fn search_answers_with_the_contract_fields() -> TestResult {
    let (_dir, app) = fixture_app()?;
    let answer = get(&app, &search_uri("中山一院")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.content_type.starts_with("application/json"));
    let body = answer.json();
    assert_eq!(body["query"], "中山一院");
    assert!(body["took_ms"].is_f64() || body["took_ms"].is_u64());
    let first = &body["hits"][0];
    assert_eq!(first["id"], "ZS1Y", "hits: {}", answer.body);
    assert_eq!(first["name"], "中山大学附属第一医院");
    assert!(first["department"].is_null());
    assert_eq!(first["phones"][0]["number"], "020-87755766");
    assert_eq!(first["phones"][0]["label"], "总机");
    assert_eq!(first["phones"][0]["display"], "020-8775-5766");
    assert_eq!(first["phones"][0]["dial"], "02087755766");
    assert_eq!(first["category"], "医院");
    assert_eq!(first["district"], "越秀区");
    assert_eq!(first["address"], "中山二路58号");
    assert!(first["score"].is_number());
    assert_eq!(first["match"], "alias");
    assert!(first["highlights"].is_array());
    // Listed-ness and the popularity prior are internal.
    assert!(first.get("listed").is_none() && first.get("weight").is_none());

    let initials = get(&app, &search_uri("zsdx")).await;
    let body = initials.json();
    assert_eq!(body["hits"][0]["id"], "ZSDX", "hits: {}", initials.body);
    assert_eq!(body["hits"][0]["match"], "initials");
    assert_eq!(body["hits"][0]["highlights"], serde_json::json!([[0, 4]]));

    let one = get(&app, &format!("{}&limit=1", search_uri("中山"))).await;
    assert_eq!(hit_ids(&one).len(), 1, "{}", one.body);

    let nothing = get(&app, &search_uri("完全不存在的单位名称")).await;
    assert_eq!(nothing.status, StatusCode::OK);
    assert!(hit_ids(&nothing).is_empty(), "{}", nothing.body);
    Ok(())
}

#[tokio::test]
async fn compound_requests_tell_their_parts() -> TestResult {
    let (_dir, app) = fixture_app()?;
    // An alias and a department run together, and what is wanted.
    let answer = get(&app, &search_uri("中山一院急诊电话")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let first = &answer.json()["hits"][0];
    assert_eq!(first["id"], "ZS1Y-JZ", "hits: {}", answer.body);
    assert_eq!(first["wanted"], "电话");
    assert!(first.get("partial").is_none(), "a full match: {first}");
    assert_eq!(
        first["parts"],
        serde_json::json!([
            {"text": "中山一院", "role": "organisation", "match": "alias"},
            {"text": "急诊", "role": "department", "match": "department"},
            {"text": "电话", "role": "wanted", "match": null},
        ])
    );
    // A plain query is one part, as typed.
    let plain = get(&app, &search_uri("zsdx")).await;
    assert_eq!(
        plain.json()["hits"][0]["parts"],
        serde_json::json!([{"text": "zsdx", "role": "name", "match": "initials"}])
    );
    // Nothing matches all of it: the organisation without the department,
    // each hit marked partial, naming what did not match.
    let partial = get(&app, &search_uri("中山大学保卫科")).await;
    let hits = partial.json()["hits"].clone();
    assert_eq!(hits[0]["id"], "ZSDX", "hits: {}", partial.body);
    for hit in hits.as_array().into_iter().flatten() {
        assert_eq!(hit["partial"], true, "{hit}");
        assert_eq!(hit["unmatched"], "保卫科", "{hit}");
    }
    Ok(())
}

#[tokio::test]
async fn bad_searches_are_json_errors_naming_the_problem() -> TestResult {
    let (_dir, app) = fixture_app()?;
    let cases: Vec<(String, &str)> = vec![
        ("/api/search".to_string(), "q is missing"),
        ("/api/search?q=".to_string(), "q is empty"),
        ("/api/search?q=%20%20".to_string(), "q is empty"),
        (search_uri(&"中".repeat(101)), "101 characters"),
        (format!("{}&limit=0", search_uri("中山")), "limit"),
        (format!("{}&limit=51", search_uri("中山")), "limit"),
        (format!("{}&limit=ten", search_uri("中山")), "\"ten\""),
        (format!("{}&limit=-1", search_uri("中山")), "limit"),
        (
            format!("{}&district={}", search_uri("中山"), enc("火星区")),
            "unknown district \"火星区\"",
        ),
        (
            format!("{}&category={}", search_uri("中山"), enc("飞船")),
            "unknown category \"飞船\"",
        ),
    ];
    for (uri, needle) in cases {
        get(&app, &uri)
            .await
            .assert_error(StatusCode::BAD_REQUEST, needle);
    }
    // The valid values are named, and where to find them all.
    let unknown = get(
        &app,
        &format!("{}&district={}", search_uri("中山"), enc("火星区")),
    )
    .await;
    unknown.assert_error(StatusCode::BAD_REQUEST, "越秀区");
    unknown.assert_error(StatusCode::BAD_REQUEST, "/api/districts");
    // Exactly 100 characters is accepted.
    let longest = get(&app, &search_uri(&"中".repeat(100))).await;
    assert_eq!(longest.status, StatusCode::OK, "{}", longest.body);
    Ok(())
}

#[tokio::test]
async fn filters_narrow_the_hits() -> TestResult {
    let (_dir, app) = fixture_app()?;
    let all = get(&app, &search_uri("工行")).await;
    assert!(hit_ids(&all).contains(&"ICBC".to_string()), "{}", all.body);
    let tianhe = get(
        &app,
        &format!("{}&district={}", search_uri("工行"), enc("天河区")),
    )
    .await;
    assert_eq!(hit_ids(&tianhe), ["ICBC-TH"], "{}", tianhe.body);
    let yuexiu = get(
        &app,
        &format!("{}&district={}", search_uri("工行"), enc("越秀区")),
    )
    .await;
    assert!(hit_ids(&yuexiu).is_empty(), "{}", yuexiu.body);
    let hospitals = get(
        &app,
        &format!("{}&category={}", search_uri("中山"), enc("医院")),
    )
    .await;
    let ids = hit_ids(&hospitals);
    assert!(!ids.is_empty() && ids.iter().all(|id| id.starts_with("ZS1Y")));
    // An empty filter is no filter (a form's "all").
    let empty = get(&app, &format!("{}&district=&category=", search_uri("工行"))).await;
    assert_eq!(hit_ids(&empty), hit_ids(&all));
    Ok(())
}

#[tokio::test]
async fn ex_directory_listings_never_leave_the_server() -> TestResult {
    let (dir, app) = fixture_app()?;
    let hidden = ["ZS1Y-YZ", "MIMI"];
    // By name, alias, department and number, whole or in part.
    for q in [
        "南方机密研究所",
        "机密所",
        "机密",
        "nfjmyjs",
        "院长办公室",
        "中山一院 院长",
        "020-87339999",
        "87339999",
        "9999",
        "86661234",
        "1234",
    ] {
        let answer = get(&app, &search_uri(q)).await;
        assert_eq!(answer.status, StatusCode::OK, "{q}: {}", answer.body);
        let ids = hit_ids(&answer);
        assert!(
            !ids.iter().any(|id| hidden.contains(&id.as_str())),
            "query {q:?} revealed an ex-directory listing: {ids:?}"
        );
        let hits = answer.json()["hits"].to_string();
        assert!(
            !hits.contains("87339999") && !hits.contains("86661234"),
            "query {q:?} revealed an ex-directory number: {hits}"
        );
    }
    // By id: the same 404 as an id that does not exist.
    for id in hidden {
        let answer = get(&app, &format!("/api/listings/{id}")).await;
        answer.assert_error(StatusCode::NOT_FOUND, "no listing");
        let siblings = get(&app, &format!("/api/listings/{id}/siblings")).await;
        siblings.assert_error(StatusCode::NOT_FOUND, "no listing");
    }
    // As a sibling or an organisation's main listing.
    for id in ["ZS1Y", "ZS1Y-JZ", "MIMI-BGS"] {
        let answer = get(&app, &format!("/api/listings/{id}/siblings")).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        for hidden in hidden {
            assert!(
                !answer.body.contains(&format!("\"{hidden}\"")) || id == "MIMI-BGS",
                "siblings of {id} reveal {hidden}: {}",
                answer.body
            );
        }
        assert!(!answer.body.contains("院长办公室") && !answer.body.contains("86661234"));
    }
    let institute = get(&app, "/api/listings/MIMI-BGS/siblings").await.json();
    assert_eq!(institute["siblings"], serde_json::json!([]));
    // In the district and category lists and their counts.
    let districts = get(&app, "/api/districts").await;
    assert!(!districts.body.contains("保密区"), "{}", districts.body);
    let yuexiu = districts.json()["items"]
        .as_array()
        .and_then(|items| items.iter().find(|d| d["name"] == "越秀区").cloned())
        .ok_or("越秀区 is listed")?;
    assert_eq!(
        yuexiu["count"], 3,
        "the ex-directory 院长办公室 is not counted"
    );
    let categories = get(&app, "/api/categories").await;
    assert!(!categories.body.contains("保密单位"), "{}", categories.body);
    // A filter on a value only ex-directory listings have is unknown.
    get(
        &app,
        &format!("{}&district={}", search_uri("机密"), enc("保密区")),
    )
    .await
    .assert_error(StatusCode::BAD_REQUEST, "unknown district");
    // In the count of /healthz.
    let health = get(&app, "/healthz").await.json();
    assert_eq!(health["listings"], fixture::LISTED);
    // A selection of one is refused and leaves no trace.
    let log = dir.path().join("selections.jsonl");
    let refused = post_json(&app, "/api/selections", r#"{"query":"机密","id":"MIMI"}"#).await;
    refused.assert_error(StatusCode::NOT_FOUND, "no listing");
    assert_eq!(std::fs::read_to_string(&log)?, "");
    Ok(())
}

#[tokio::test]
async fn listings_by_id_and_their_siblings() -> TestResult {
    let (_dir, app) = fixture_app()?;
    let answer = get(&app, "/api/listings/ZS1Y-JZ").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let listing = answer.json();
    assert_eq!(listing["id"], "ZS1Y-JZ");
    assert_eq!(listing["department"], "急诊科");
    assert_eq!(listing["parent_id"], "ZS1Y");
    assert_eq!(listing["phones"][0]["display"], "020-8733-2150");

    get(&app, "/api/listings/NOPE")
        .await
        .assert_error(StatusCode::NOT_FOUND, "NOPE");
    get(&app, "/api/listings/%E4%B8%AD")
        .await
        .assert_error(StatusCode::NOT_FOUND, "no listing");

    // A department's siblings: the main listing first, then the other
    // listed departments, most popular first; never itself, never the
    // ex-directory one.
    let siblings = get(&app, "/api/listings/ZS1Y-JZ/siblings").await.json();
    assert_eq!(siblings["organisation"], "ZS1Y");
    let ids: Vec<&str> = siblings["siblings"]
        .as_array()
        .ok_or("siblings array")?
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids, ["ZS1Y", "ZS1Y-GH"]);
    // A main listing's siblings are its departments (急诊科 has the higher
    // weight).
    let main = get(&app, "/api/listings/ZS1Y/siblings").await.json();
    let ids: Vec<&str> = main["siblings"]
        .as_array()
        .ok_or("siblings array")?
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids, ["ZS1Y-JZ", "ZS1Y-GH"]);
    // A listing on its own has none.
    let alone = get(&app, "/api/listings/ZSDX/siblings").await.json();
    assert_eq!(alone["siblings"], serde_json::json!([]));
    get(&app, "/api/listings/NOPE/siblings")
        .await
        .assert_error(StatusCode::NOT_FOUND, "NOPE");
    Ok(())
}

#[tokio::test]
async fn districts_categories_and_health() -> TestResult {
    let (_dir, app) = fixture_app()?;
    let districts = get(&app, "/api/districts").await;
    assert_eq!(districts.status, StatusCode::OK);
    let names: Vec<(String, u64)> = districts.json()["items"]
        .as_array()
        .ok_or("items")?
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap_or_default().to_string(),
                d["count"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("越秀区".to_string(), 3),
            ("天河区".to_string(), 2),
            ("海珠区".to_string(), 1),
            ("黄埔区".to_string(), 1),
        ]
    );
    let categories = get(&app, "/api/categories").await.json();
    assert_eq!(categories["items"][0]["name"], "医院");
    assert_eq!(categories["items"][0]["count"], 4);

    let health = get(&app, "/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    let health = health.json();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["generation"], "gen-000001");
    Ok(())
}

#[tokio::test]
async fn selections_are_appended_to_the_log() -> TestResult {
    let (dir, app) = fixture_app()?;
    let log = dir.path().join("selections.jsonl");
    let first = post_json(
        &app,
        "/api/selections",
        r#"{"query":"zsdx","id":"ZSDX","rank":1}"#,
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let recorded = first.json();
    assert_eq!(recorded["id"], "ZSDX");
    assert_eq!(recorded["rank"], 1);
    let second = post_json(
        &app,
        "/api/selections",
        r#"{"query":"中山一院 急诊","id":"ZS1Y-JZ"}"#,
    )
    .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.body);

    let text = std::fs::read_to_string(&log)?;
    let lines: Vec<Value> = text
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0]["query"], "zsdx");
    assert_eq!(lines[0]["id"], "ZSDX");
    assert_eq!(lines[0]["generation"], "gen-000001");
    let time = lines[0]["time"].as_str().ok_or("time")?;
    assert!(
        time.len() == 24 && time.ends_with('Z') && &time[10..11] == "T",
        "{time}"
    );
    assert_eq!(lines[1]["query"], "中山一院 急诊");
    assert!(lines[1].get("rank").is_none());
    let keys: Vec<&String> = lines[0].as_object().ok_or("object")?.keys().collect();
    assert_eq!(
        keys.len(),
        5,
        "only time, query, id, rank, generation: {keys:?}"
    );

    // Refused: the log is unchanged after each.
    let bad: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (
            json_request(r#"{"query":"zsdx","id":"ZSDX","caller":"13800138000"}"#),
            StatusCode::UNPROCESSABLE_ENTITY,
            "caller",
        ),
        (
            json_request(r#"{"query":"","id":"ZSDX"}"#),
            StatusCode::BAD_REQUEST,
            "query",
        ),
        (
            json_request(&format!(
                r#"{{"query":"{}","id":"ZSDX"}}"#,
                "中".repeat(101)
            )),
            StatusCode::BAD_REQUEST,
            "query",
        ),
        (
            json_request(r#"{"query":"zsdx","id":"ZSDX","rank":0}"#),
            StatusCode::BAD_REQUEST,
            "rank",
        ),
        (
            json_request(r#"{"query":"zsdx","id":"NOPE"}"#),
            StatusCode::NOT_FOUND,
            "NOPE",
        ),
        (
            json_request(r#"{"query":"zsdx""#),
            StatusCode::BAD_REQUEST,
            "JSON",
        ),
        (
            json_request(&format!(
                r#"{{"query":"zsdx","id":"ZSDX","x":"{}"}}"#,
                "a".repeat(10_000)
            )),
            StatusCode::PAYLOAD_TOO_LARGE,
            "",
        ),
        (
            Request::post("/api/selections")
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from(r#"{"query":"zsdx","id":"ZSDX"}"#))?,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type",
        ),
    ];
    for (request, status, needle) in bad {
        send(&app, request).await.assert_error(status, needle);
    }
    assert_eq!(std::fs::read_to_string(&log)?, text);
    get(&app, "/api/selections")
        .await
        .assert_error(StatusCode::METHOD_NOT_ALLOWED, "method");
    Ok(())
}

fn json_request(body: &str) -> Request<Body> {
    Request::post("/api/selections")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("a valid request")
}

#[tokio::test]
async fn unknown_routes_and_methods_are_json_errors() -> TestResult {
    let (_dir, app) = fixture_app()?;
    get(&app, "/api/nothing-here")
        .await
        .assert_error(StatusCode::NOT_FOUND, "/api/");
    get(&app, "/console/old")
        .await
        .assert_error(StatusCode::NOT_FOUND, "no such page");
    let post_search = send(
        &app,
        Request::builder()
            .method(Method::POST)
            .uri(search_uri("中山"))
            .body(Body::empty())?,
    )
    .await;
    post_search.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method");
    let delete = send(
        &app,
        Request::delete("/api/listings/ZSDX").body(Body::empty())?,
    )
    .await;
    delete.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method");
    for (method, uri) in [
        (Method::POST, "/healthz"),
        (Method::PUT, "/api/admin/batches"),
    ] {
        let answer = send(
            &app,
            Request::builder()
                .method(method)
                .uri(uri)
                .body(Body::empty())?,
        )
        .await;
        answer.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method");
    }
    Ok(())
}

#[tokio::test]
async fn pages_and_assets_come_from_the_binary() -> TestResult {
    let (_dir, app) = fixture_app()?;
    for (uri, content_type, needle) in [
        ("/", "text/html", "<label for=\"q\""),
        ("/console", "text/html", "话务台"),
        ("/assets/app.css", "text/css", ".big-number"),
        ("/assets/common.js", "text/javascript", "class Searcher"),
        ("/assets/public.js", "text/javascript", "tel:"),
        ("/assets/console.js", "text/javascript", "ArrowDown"),
        ("/favicon.svg", "image/svg+xml", "<svg"),
    ] {
        let answer = get(&app, uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}");
        assert!(
            answer.content_type.starts_with(content_type),
            "{uri}: {}",
            answer.content_type
        );
        assert!(answer.body.contains(needle), "{uri} lacks {needle:?}");
        // Nothing is loaded from another origin.
        assert!(
            !answer.body.contains("http://") && !answer.body.contains("https://")
                || uri == "/favicon.svg",
            "{uri} refers to an outside resource"
        );
    }
    let page = app
        .clone()
        .oneshot(Request::get("/").body(Body::empty())?)
        .await?;
    let csp = page
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .ok_or("a CSP header")?
        .to_str()?;
    assert!(csp.contains("default-src 'self'"), "{csp}");

    let compressed = send(
        &app,
        Request::get("/assets/console.js")
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())?,
    )
    .await;
    assert_eq!(compressed.encoding.as_deref(), Some("gzip"));
    Ok(())
}

#[tokio::test]
async fn a_new_generation_is_served_after_a_refresh() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (state, live) = fixture::state(dir.path())?;
    let app = app(state);
    assert!(hit_ids(&get(&app, &search_uri("珠江新城图书馆")).await).is_empty());
    let mut listings = fixture::listings();
    listings.push(serde_json::from_str(
        r#"{"id":"LIB","name":"珠江新城图书馆","phones":[{"number":"020-83830000"}],"district":"天河区","category":"文化场馆"}"#,
    )?);
    fixture::build(dir.path(), &listings)?;
    assert!(live.refresh()?);
    let found = get(&app, &search_uri("珠江新城图书馆")).await;
    assert_eq!(hit_ids(&found).first().map(String::as_str), Some("LIB"));
    let health = get(&app, "/healthz").await.json();
    assert_eq!(health["generation"], "gen-000002");
    assert_eq!(health["listings"], fixture::LISTED + 1);
    // The filter lists follow the new generation too.
    let categories = get(&app, "/api/categories").await;
    assert!(categories.body.contains("文化场馆"), "{}", categories.body);
    Ok(())
}
