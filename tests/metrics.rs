//! `GET /metrics`, in process.
//!
//! Properties proven here:
//! 1. The answer is OpenMetrics text with requests counted per route
//!    pattern (never the raw path), method and status class, and a latency
//!    histogram per route.
//! 2. Searches and zero-hit searches are counted, cached answers included;
//!    no label or value holds what was searched.
//! 3. Requests refused by the rate limit are counted, and a scraper with
//!    the operator token is not limited.
//! 4. The index figures (generation, listings, size on disk) and the batch
//!    that made the served generation follow a newly applied batch.

#[path = "fixture/mod.rs"]
mod fixture;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chahao::http::{app, Limits, Tokens};
use tower::ServiceExt;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ADMIN: &str = "admin-metrics-1";
const OPERATOR: &str = "operator-metrics-1";

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, String, String) {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("readable body");
    (
        status,
        content_type,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn get(uri: &str, token: Option<&str>) -> Request<Body> {
    let mut request = Request::get(uri);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request
        .extension(ConnectInfo(
            "192.0.2.40:1".parse::<SocketAddr>().expect("an address"),
        ))
        .body(Body::empty())
        .expect("a valid request")
}

async fn scrape(app: &Router) -> String {
    let (status, content_type, body) = send(app, get("/metrics", Some(OPERATOR))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    assert!(body.trim_end().ends_with("# EOF"), "{body}");
    body
}

/// The value of the sample `name{labels}` (labels as written by the
/// encoder, in order), or of `name` without labels.
fn sample(metrics: &str, series: &str) -> Option<f64> {
    metrics.lines().find_map(|line| {
        let rest = line.strip_prefix(series)?;
        rest.strip_prefix(' ')?.trim().parse().ok()
    })
}

fn fixture_app(
    root: &std::path::Path,
    limits: Limits,
) -> Result<(Router, std::sync::Arc<chahao::index::Live>), Box<dyn std::error::Error>> {
    let (state, live) = fixture::state(root)?;
    let state = state
        .with_tokens(Tokens::new(
            Some(ADMIN.to_string()),
            Some(OPERATOR.to_string()),
        ))
        .with_limits(limits);
    Ok((app(state), live))
}

#[tokio::test]
async fn requests_and_searches_are_counted_per_route() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (app, _) = fixture_app(tmp.path(), Limits::default())?;
    let zhongshan = "/api/search?q=%E4%B8%AD%E5%B1%B1"; // 中山
    let nothing = "/api/search?q=qqqqxxxxzzzz";
    // 中山大学保卫科: nothing matches it whole; 中山大学 without 保卫科 does.
    let partial = "/api/search?q=%E4%B8%AD%E5%B1%B1%E5%A4%A7%E5%AD%A6%E4%BF%9D%E5%8D%AB%E7%A7%91";
    for uri in [zhongshan, zhongshan, nothing, partial] {
        let (status, _, body) = send(&app, get(uri, None)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, _, _) = send(&app, get("/api/search?q=", None)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = send(&app, get("/api/listings/ZS1Y", None)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = send(&app, get("/api/listings/NO-SUCH-ID-42", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = send(&app, get("/no/such/page", None)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let metrics = scrape(&app).await;
    let requests = |route: &str, status: &str| {
        sample(
            &metrics,
            &format!(
                "chahao_http_requests_total{{route=\"{route}\",method=\"GET\",status=\"{status}\"}}"
            ),
        )
    };
    assert_eq!(requests("/api/search", "2xx"), Some(4.0), "{metrics}");
    assert_eq!(requests("/api/search", "4xx"), Some(1.0), "{metrics}");
    assert_eq!(
        requests("/api/listings/{id}", "2xx"),
        Some(1.0),
        "{metrics}"
    );
    assert_eq!(
        requests("/api/listings/{id}", "4xx"),
        Some(1.0),
        "{metrics}"
    );
    assert_eq!(requests("unmatched", "4xx"), Some(1.0), "{metrics}");
    assert_eq!(
        sample(
            &metrics,
            "chahao_http_request_duration_seconds_count{route=\"/api/search\"}"
        ),
        Some(5.0),
        "{metrics}"
    );
    assert!(
        metrics.contains(
            "chahao_http_request_duration_seconds_bucket{le=\"0.00025\",route=\"/api/search\"}"
        ) || metrics.contains(
            "chahao_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"0.00025\"}"
        ),
        "{metrics}"
    );
    // Three answers came from a search, one from the cache: all four
    // count, by the script typed and how much of the query they matched.
    assert_eq!(sample(&metrics, "chahao_searches_total"), Some(4.0));
    assert_eq!(
        sample(&metrics, "chahao_searches_zero_hits_total"),
        Some(1.0)
    );
    let answered = |script: &str, answer: &str| {
        sample(
            &metrics,
            &format!("chahao_searches_answered_total{{script=\"{script}\",answer=\"{answer}\"}}"),
        )
    };
    assert_eq!(answered("han", "full"), Some(2.0), "{metrics}");
    assert_eq!(answered("han", "partial"), Some(1.0), "{metrics}");
    assert_eq!(answered("latin", "none"), Some(1.0), "{metrics}");
    for private in [
        "ZS1Y",
        "NO-SUCH-ID-42",
        "qqqq",
        "%E4%B8%AD",
        "中山",
        "保卫科",
        "/no/such",
        "192.0.2.40",
    ] {
        assert!(!metrics.contains(private), "{private:?} is in the metrics");
    }
    Ok(())
}

#[tokio::test]
async fn rate_limited_requests_are_counted() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let limits = Limits {
        rate_per_second: 1,
        rate_burst: 2,
        ..Limits::default()
    };
    let (app, _) = fixture_app(tmp.path(), limits)?;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let (status, _, _) = send(&app, get("/api/districts", None)).await;
        statuses.push(status.as_u16());
    }
    assert_eq!(statuses, [200, 200, 429, 429, 429]);
    let (status, _, _) = send(&app, get("/metrics", None)).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the public scraper is limited too"
    );
    // The operator token gets through, however often.
    let mut metrics = String::new();
    for _ in 0..5 {
        metrics = scrape(&app).await;
    }
    assert_eq!(
        sample(&metrics, "chahao_rate_limited_total"),
        Some(4.0),
        "{metrics}"
    );
    assert_eq!(
        sample(
            &metrics,
            "chahao_http_requests_total{route=\"/api/districts\",method=\"GET\",status=\"4xx\"}"
        ),
        Some(3.0)
    );
    assert_eq!(
        sample(&metrics, "chahao_rate_limited_clients"),
        Some(1.0),
        "{metrics}"
    );
    Ok(())
}

#[tokio::test]
async fn index_figures_follow_a_new_batch() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (app, live) = fixture_app(tmp.path(), Limits::default())?;
    let generation = |name: String| -> Result<f64, Box<dyn std::error::Error>> {
        Ok(name.trim_start_matches("gen-").parse::<f64>()?)
    };

    let before = scrape(&app).await;
    assert_eq!(
        sample(&before, "chahao_index_generation"),
        Some(generation(live.generation())?),
        "{before}"
    );
    let listings = fixture::listings().len() as f64;
    assert_eq!(sample(&before, "chahao_index_listings"), Some(listings));
    let size = sample(&before, "chahao_index_size_bytes").ok_or("no index size")?;
    assert!(size > 1000.0, "{before}");
    assert_eq!(
        sample(
            &before,
            "chahao_last_batch{batch_id=\"test\",kind=\"build\"}"
        ),
        Some(1.0),
        "{before}"
    );
    let built = sample(&before, "chahao_last_batch_timestamp_seconds").ok_or("no time")?;
    assert!(built > 1.6e9, "{before}");

    let batch = concat!(
        r#"{"op":"add","listing":{"id":"MET-1","name":"指标测试茶楼","phones":[{"number":"020-38123460"}]}}"#,
        "\n",
        r#"{"op":"add","listing":{"id":"MET-2","name":"指标测试书店","phones":[{"number":"020-38123461"}]}}"#,
        "\n"
    );
    let upload = Request::post("/api/admin/batches?batch_id=week-47")
        .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"))
        .extension(ConnectInfo("192.0.2.41:1".parse::<SocketAddr>()?))
        .body(Body::from(batch))?;
    let (status, _, report) = send(&app, upload).await;
    assert_eq!(status, StatusCode::OK, "{report}");

    let after = scrape(&app).await;
    assert_eq!(
        sample(&after, "chahao_index_generation"),
        Some(generation(live.generation())?)
    );
    assert_ne!(
        sample(&after, "chahao_index_generation"),
        sample(&before, "chahao_index_generation")
    );
    assert_eq!(
        sample(&after, "chahao_index_listings"),
        Some(listings + 2.0)
    );
    assert_eq!(
        sample(
            &after,
            "chahao_last_batch{batch_id=\"week-47\",kind=\"apply\"}"
        ),
        Some(1.0),
        "{after}"
    );
    assert!(
        !after.contains("batch_id=\"test\""),
        "only the batch being served is shown: {after}"
    );
    assert!(sample(&after, "chahao_index_size_bytes").ok_or("no size")? > 1000.0);
    Ok(())
}
