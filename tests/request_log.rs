//! What the request log holds, in a test binary of its own: tracing keeps
//! per-callsite interest process-wide, so a subscriber set for one test
//! can miss events whose callsites another test thread hit first.
//!
//! Property proven here: neither a bearer token (right or wrong), nor what
//! was searched, nor the caller's address (peer or forwarded) reaches the
//! log, at any level, while the method, route and status do.

#[path = "fixture/mod.rs"]
mod fixture;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chahao::http::{app, Tokens};
use tower::ServiceExt;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ADMIN: &str = "admin-5b1e9c";
const OPERATOR: &str = "operator-77d0aa";

async fn send(app: &Router, request: Request<Body>) -> StatusCode {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("readable body");
    status
}

/// A log sink for one test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn neither_the_admin_token_nor_queries_nor_addresses_reach_the_log() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (state, _) = fixture::state(tmp.path())?;
    let app = app(state.with_tokens(Tokens::new(
        Some(ADMIN.to_string()),
        Some(OPERATOR.to_string()),
    )));
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let peer = ConnectInfo("203.0.113.77:50000".parse::<SocketAddr>()?);
    let upload = Request::post("/api/admin/batches?dry_run=true")
        .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"))
        .header("x-forwarded-for", "198.51.100.78")
        .extension(peer)
        .body(Body::from(
            r#"{"op":"add","listing":{"id":"LOG-1","name":"日志测试","phones":[{"number":"020-38123459"}]}}"#,
        ))?;
    assert_eq!(send(&app, upload).await, StatusCode::OK);
    let secret_query = "/api/search?q=%E7%A7%98%E5%AF%86%E8%AF%8A%E6%89%80"; // 秘密诊所
    let search = Request::get(secret_query)
        .header(header::AUTHORIZATION, format!("Bearer {OPERATOR}"))
        .extension(peer)
        .body(Body::empty())?;
    assert_eq!(send(&app, search).await, StatusCode::OK);
    let wrong = Request::post("/api/admin/batches")
        .header(header::AUTHORIZATION, "Bearer admin-5b1e9d")
        .extension(peer)
        .body(Body::from("x"))?;
    assert_eq!(send(&app, wrong).await, StatusCode::UNAUTHORIZED);

    let log = String::from_utf8(captured.0.lock().map_err(|_| "poisoned")?.clone())?;
    assert!(
        log.contains("/api/admin/batches")
            && log.contains("/api/search")
            && log.contains("status=200"),
        "the log was captured: {log}"
    );
    for secret in [
        ADMIN,
        OPERATOR,
        "admin-5b1e9d",
        "秘密",
        "%E7%A7%98",
        "203.0.113.77",
        "198.51.100.78",
        "日志测试",
    ] {
        assert!(!log.contains(secret), "{secret:?} is in the log:\n{log}");
    }
    Ok(())
}
