//! The weekly refresh over HTTP, in process.
//!
//! Properties proven here:
//! 1. Without a configured token the admin endpoint does not exist (404).
//! 2. A missing or wrong bearer token is refused (401) and changes nothing.
//! 3. A valid upload is applied as one batch, answered with its report, and
//!    served at once; `GET /api/changes/latest` lists what it did, without
//!    the ex-directory listings.
//! 4. The same batch again is refused (409); a bad batch is rejected (422)
//!    with every bad row, and the directory stays as it was.

mod fixture;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chahao::http::app;
use tower::ServiceExt;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const TOKEN: &str = "weekly-editors-7f3a";

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, serde_json::Value) {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .expect("readable body");
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, json)
}

fn upload(body: &str, token: Option<&str>) -> Request<Body> {
    let mut request = Request::post("/api/admin/batches");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request
        .body(Body::from(body.to_string()))
        .expect("a valid request")
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .body(Body::empty())
        .expect("a valid request")
}

fn search_ids(json: &serde_json::Value) -> Vec<String> {
    json["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .map(|h| h["id"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

const BATCH: &str = concat!(
    r#"{"op":"add","listing":{"id":"NEW-1","name":"新开张茶楼","phones":[{"number":"020-38123456"}],"district":"天河区","category":"餐饮"}}"#,
    "\n",
    r#"{"op":"add","listing":{"id":"NEW-2","name":"新开张密室","phones":[{"number":"020-38123457"}],"listed":false}}"#,
    "\n"
);

#[tokio::test]
async fn admin_endpoint_is_off_without_a_token() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (state, _) = fixture::state(tmp.path())?;
    let app = app(state);
    let (status, _) = send(&app, upload(BATCH, Some(TOKEN))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, json) = send(&app, get("/api/search?q=%E6%96%B0%E5%BC%80%E5%BC%A0")).await;
    assert!(search_ids(&json).is_empty());
    Ok(())
}

#[tokio::test]
async fn uploads_are_authorised_applied_served_and_listed() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (state, _) = fixture::state(tmp.path())?;
    let app = app(state.with_admin_token(Some(TOKEN.to_string())));
    let new = "/api/search?q=%E6%96%B0%E5%BC%80%E5%BC%A0"; // 新开张

    for token in [None, Some("wrong"), Some("weekly-editors-7f3"), Some("")] {
        let (status, json) = send(&app, upload(BATCH, token)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "token {token:?}: {json}");
        assert!(json["error"].as_str().is_some());
    }
    let (_, json) = send(&app, get(new)).await;
    assert!(search_ids(&json).is_empty(), "nothing applied yet: {json}");

    let (status, report) = send(&app, upload(BATCH, Some(TOKEN))).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["applied"]["add"], 2, "{report}");
    let (_, json) = send(&app, get(new)).await;
    assert_eq!(
        search_ids(&json),
        ["NEW-1"],
        "served at once, ex-directory hidden"
    );

    let (status, latest) = send(&app, get("/api/changes/latest")).await;
    assert_eq!(status, StatusCode::OK);
    let added: Vec<&str> = latest["added"]
        .as_array()
        .expect("an added list")
        .iter()
        .filter_map(|l| l["id"].as_str())
        .collect();
    assert_eq!(added, ["NEW-1"], "{latest}");
    assert!(!latest.to_string().contains("新开张密室"), "{latest}");

    let (status, json) = send(&app, upload(BATCH, Some(TOKEN))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert!(json["error"]
        .as_str()
        .unwrap_or_default()
        .contains("already applied"));
    Ok(())
}

#[tokio::test]
async fn a_bad_upload_is_rejected_whole() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (state, live) = fixture::state(tmp.path())?;
    let before = live.generation();
    let app = app(state.with_admin_token(Some(TOKEN.to_string())));
    let bad = concat!(
        r#"{"op":"add","listing":{"id":"OK-1","name":"好的一行","phones":[{"number":"020-38123458"}]}}"#,
        "\n",
        r#"{"op":"add","listing":{"id":"BAD-1","name":"坏号码","phones":[{"number":"020-1234"}]}}"#,
        "\n",
        r#"{"op":"delete","id":"NO-SUCH-ID"}"#,
        "\n"
    );
    let (status, report) = send(&app, upload(bad, Some(TOKEN))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    let lines: Vec<u64> = report["rejected"]
        .as_array()
        .expect("rejected rows")
        .iter()
        .filter_map(|r| r["line"].as_u64())
        .collect();
    assert_eq!(lines, [2, 3], "{report}");
    assert_eq!(live.generation(), before, "nothing was written");
    let (_, json) = send(
        &app,
        get("/api/search?q=%E5%A5%BD%E7%9A%84%E4%B8%80%E8%A1%8C"),
    )
    .await;
    assert!(search_ids(&json).is_empty());
    let (status, report) = send(&app, upload("not a change file\n", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    assert_eq!(live.generation(), before, "nothing was written");
    Ok(())
}
