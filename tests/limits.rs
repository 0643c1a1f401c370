//! The abuse limits, in process (`oneshot`, with the peer address attached
//! as the server attaches it) and against a real server on 127.0.0.1.
//!
//! Properties proven here:
//! 1. A client past its burst gets 429 with `Retry-After` and a JSON error;
//!    another client is not affected; `/healthz` is never limited.
//! 2. A valid operator or admin token exempts its bearer; a wrong one does
//!    not.
//! 3. Results cannot be paged: `offset`/`page`/`start` are refused, `limit`
//!    stops at 50, and the public copy of the latest changes is capped.
//! 4. Bodies over the limit get 413 JSON, before being read when their
//!    length is announced; uploads have their own, larger limit, and an
//!    upload without the admin token is refused before its body is read.
//! 5. Past the in-flight cap a request is turned away at once with 503 and
//!    `Retry-After`; a request that runs out of time gets 503 too.
//! 6. On a real server, a forged `X-Forwarded-For` from an untrusted peer
//!    is ignored; from a trusted proxy it names the client.
//! 7. On a real server, 200 clients sending their headers a byte every
//!    100 ms, and 50 that never finish their body, do not slow searches
//!    down; the slow-header ones are cut off after the header timeout and
//!    the slow-body ones answered 503 after the request timeout.
//! 8. A request head over the size limit gets 431.

#[path = "fixture/mod.rs"]
mod fixture;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chahao::http::{app, Limits, ServeConfig, Tokens, Tuning};
use chahao::index::Live;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tower::ServiceExt;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ADMIN: &str = "admin-5b1e9c";
const OPERATOR: &str = "operator-77d0aa";
/// 中山, percent-encoded.
const SEARCH: &str = "/api/search?q=%E4%B8%AD%E5%B1%B1";

struct Answer {
    status: StatusCode,
    retry_after: Option<String>,
    body: String,
}

impl Answer {
    fn error(&self) -> String {
        serde_json::from_str::<serde_json::Value>(&self.body)
            .ok()
            .and_then(|v| v["error"].as_str().map(str::to_string))
            .unwrap_or_else(|| panic!("not a JSON error: {}", self.body))
    }
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("readable body");
    Answer {
        status,
        retry_after,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A GET from `peer`, with a bearer token if given.
fn get_from(uri: &str, peer: &str, token: Option<&str>) -> Request<Body> {
    let mut request = Request::get(uri);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let mut request = request.body(Body::empty()).expect("a valid request");
    let peer: SocketAddr = peer.parse().expect("a socket address");
    request.extensions_mut().insert(ConnectInfo(peer));
    request
}

fn limited_app(
    root: &std::path::Path,
    limits: Limits,
) -> Result<(Router, Arc<Live>), Box<dyn std::error::Error>> {
    let (state, live) = fixture::state(root)?;
    let state = state
        .with_tokens(Tokens::new(
            Some(ADMIN.to_string()),
            Some(OPERATOR.to_string()),
        ))
        .with_limits(limits);
    Ok((app(state), live))
}

fn tight(burst: u32) -> Limits {
    Limits {
        rate_per_second: 1,
        rate_burst: burst,
        ..Limits::default()
    }
}

#[tokio::test]
async fn a_client_past_its_burst_gets_429_with_retry_after() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (app, _) = limited_app(tmp.path(), tight(3))?;
    for i in 0..3 {
        let answer = send(&app, get_from(SEARCH, "203.0.113.1:4000", None)).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "request {i}: {}",
            answer.body
        );
    }
    let refused = send(&app, get_from(SEARCH, "203.0.113.1:4001", None)).await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    let wait: u64 = refused
        .retry_after
        .as_deref()
        .ok_or("no Retry-After")?
        .parse()?;
    assert!((1..=2).contains(&wait), "Retry-After {wait}");
    assert!(
        refused.error().contains("too many requests"),
        "{}",
        refused.body
    );
    // Pages, assets and unknown paths come out of the same bucket.
    let page = send(&app, get_from("/", "203.0.113.1:4002", None)).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);

    let other = send(&app, get_from(SEARCH, "203.0.113.2:4000", None)).await;
    assert_eq!(
        other.status,
        StatusCode::OK,
        "another client is not limited"
    );
    // The same IPv6 /64 is one client.
    for i in 0..3 {
        let peer = format!("[2001:db8:0:1::{i}]:4000");
        let answer = send(&app, get_from(SEARCH, &peer, None)).await;
        assert_eq!(answer.status, StatusCode::OK, "request {i}");
    }
    let same_64 = send(&app, get_from(SEARCH, "[2001:db8:0:1::99]:1", None)).await;
    assert_eq!(same_64.status, StatusCode::TOO_MANY_REQUESTS);

    for _ in 0..10 {
        let health = send(&app, get_from("/healthz", "203.0.113.1:4003", None)).await;
        assert_eq!(health.status, StatusCode::OK, "/healthz is never limited");
    }
    Ok(())
}

#[tokio::test]
async fn operator_and_admin_tokens_are_not_rate_limited() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (app, _) = limited_app(tmp.path(), tight(2))?;
    for token in [OPERATOR, ADMIN] {
        for i in 0..10 {
            let answer = send(&app, get_from(SEARCH, "198.51.100.3:1", Some(token))).await;
            assert_eq!(answer.status, StatusCode::OK, "{token} request {i}");
        }
    }
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let answer = send(
            &app,
            get_from(SEARCH, "198.51.100.3:1", Some("operator-77d0ab")),
        )
        .await;
        statuses.push(answer.status.as_u16());
    }
    assert_eq!(statuses, [200, 200, 429, 429], "a wrong token is no token");
    // Guessing the admin token is limited like anything else.
    let guess = Request::post("/api/admin/batches")
        .header(header::AUTHORIZATION, "Bearer guess")
        .extension(ConnectInfo("198.51.100.3:2".parse::<SocketAddr>()?))
        .body(Body::from("x"))?;
    let answer = send(&app, guess).await;
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.body
    );
    Ok(())
}

#[tokio::test]
async fn results_cannot_be_paged_through() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (app, _) = limited_app(tmp.path(), Limits::default())?;
    for extra in [
        "&offset=50",
        "&page=2",
        "&start=100",
        "&limit=51",
        "&limit=1000",
    ] {
        let answer = send(
            &app,
            get_from(&format!("{SEARCH}{extra}"), "192.0.2.9:1", None),
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{extra}: {}",
            answer.body
        );
        let error = answer.error();
        assert!(
            error.contains("paging is not offered") || error.contains("from 1 to 50"),
            "{extra}: {error}"
        );
    }
    let fifty = send(
        &app,
        get_from(&format!("{SEARCH}&limit=50"), "192.0.2.9:1", None),
    )
    .await;
    assert_eq!(fifty.status, StatusCode::OK);
    Ok(())
}

#[tokio::test]
async fn the_public_copy_of_the_latest_changes_is_capped() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (app, _) = limited_app(tmp.path(), Limits::default())?;
    let rows: String = (0..130)
        .map(|i| {
            format!(
                "{{\"op\":\"add\",\"listing\":{{\"id\":\"BULK-{i}\",\"name\":\"批量餐厅{i}号\",\
                 \"phones\":[{{\"number\":\"020-3812{i:04}\"}}]}}}}\n"
            )
        })
        .collect();
    let upload = Request::post("/api/admin/batches")
        .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"))
        .extension(ConnectInfo("192.0.2.10:1".parse::<SocketAddr>()?))
        .body(Body::from(rows))?;
    let applied = send(&app, upload).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);

    let public = send(&app, get_from("/api/changes/latest", "192.0.2.11:1", None)).await;
    let json: serde_json::Value = serde_json::from_str(&public.body)?;
    assert_eq!(
        json["added"].as_array().map(Vec::len),
        Some(100),
        "{}",
        public.body
    );
    assert_eq!(json["truncated"], true);
    assert_eq!(json["batch"]["added"], 130, "the counts stay whole");
    let operator = send(
        &app,
        get_from("/api/changes/latest", "192.0.2.11:1", Some(OPERATOR)),
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&operator.body)?;
    assert_eq!(json["added"].as_array().map(Vec::len), Some(130));
    assert_eq!(json["truncated"], false);
    Ok(())
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let limits = Limits {
        max_body_bytes: 1024,
        max_upload_bytes: 4096,
        ..Limits::default()
    };
    let (app, live) = limited_app(tmp.path(), limits)?;
    let peer = ConnectInfo("192.0.2.20:1".parse::<SocketAddr>()?);
    // Announced: refused before reading, on any route.
    for uri in ["/api/selections", SEARCH] {
        let request = Request::post(uri)
            .header(header::CONTENT_LENGTH, "5000")
            .header(header::CONTENT_TYPE, "application/json")
            .extension(peer)
            .body(Body::from("x".repeat(5000)))?;
        let answer = send(&app, request).await;
        assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE, "{uri}");
        assert!(answer.error().contains("1024 bytes"), "{}", answer.body);
    }
    // Not announced (streamed): cut by the extractor at the same size.
    let chunks = futures_chunks(vec![vec![b' '; 800], vec![b' '; 800]]);
    let request = Request::post("/api/selections")
        .header(header::CONTENT_TYPE, "application/json")
        .extension(peer)
        .body(chunks)?;
    let answer = send(&app, request).await;
    assert_eq!(
        answer.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        answer.body
    );
    answer.error();

    let before = live.generation();
    let upload = Request::post("/api/admin/batches")
        .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"))
        .extension(peer)
        .body(futures_chunks(vec![vec![b'\n'; 3000], vec![b'\n'; 3000]]))?;
    let answer = send(&app, upload).await;
    assert_eq!(
        answer.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        answer.body
    );
    answer.error();
    assert_eq!(live.generation(), before, "nothing applied");
    Ok(())
}

#[tokio::test]
async fn an_upload_is_authorised_before_its_body_is_read() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let (app, _) = limited_app(tmp.path(), Limits::default())?;
    let peer = ConnectInfo("192.0.2.50:1".parse::<SocketAddr>()?);
    for token in [None, Some("admin-5b1e9")] {
        let mut request = Request::post("/api/admin/batches").extension(peer);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let answer = tokio::time::timeout(
            Duration::from_secs(2),
            send(&app, request.body(endless_body())?),
        )
        .await
        .map_err(|_| format!("token {token:?}: the server waited for the body"))?;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
    }
    // With the token, an announced size over the limit is refused at once.
    let request = Request::post("/api/admin/batches")
        .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"))
        .header(header::CONTENT_LENGTH, "999999999999")
        .extension(peer)
        .body(endless_body())?;
    let answer = tokio::time::timeout(Duration::from_secs(2), send(&app, request))
        .await
        .map_err(|_| "the server waited for the body")?;
    assert_eq!(
        answer.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        answer.body
    );
    assert!(
        answer.error().contains("upload is larger"),
        "{}",
        answer.body
    );
    Ok(())
}

/// A body sent in chunks with no announced length.
fn futures_chunks(chunks: Vec<Vec<u8>>) -> Body {
    Body::from_stream(futures_util::stream::iter(
        chunks.into_iter().map(Ok::<_, std::io::Error>),
    ))
}

/// A body that starts and never ends.
fn endless_body() -> Body {
    let first = futures_util::stream::iter([Ok::<_, std::io::Error>(b"{".to_vec())]);
    Body::from_stream(futures_util::StreamExt::chain(
        first,
        futures_util::stream::pending(),
    ))
}

#[tokio::test]
async fn past_the_in_flight_cap_requests_are_turned_away_at_once() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let limits = Limits {
        max_in_flight: 1,
        request_timeout: Duration::from_millis(800),
        ..Limits::default()
    };
    let (app, _) = limited_app(tmp.path(), limits)?;
    let stuck = Request::post("/api/selections")
        .header(header::CONTENT_TYPE, "application/json")
        .extension(ConnectInfo("192.0.2.30:1".parse::<SocketAddr>()?))
        .body(endless_body())?;
    let started = Instant::now();
    let held = tokio::spawn({
        let app = app.clone();
        async move { send(&app, stuck).await }
    });
    tokio::time::sleep(Duration::from_millis(150)).await;

    let asked = Instant::now();
    let busy = send(&app, get_from(SEARCH, "192.0.2.31:1", None)).await;
    assert_eq!(
        busy.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        busy.body
    );
    assert_eq!(busy.retry_after.as_deref(), Some("1"));
    assert!(busy.error().contains("busy"), "{}", busy.body);
    assert!(
        asked.elapsed() < Duration::from_millis(300),
        "turned away at once, not queued: {:?}",
        asked.elapsed()
    );

    let timed_out = held.await?;
    assert_eq!(timed_out.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(timed_out.error().contains("too long"), "{}", timed_out.body);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(700) && took < Duration::from_secs(3),
        "the request timeout ended it: {took:?}"
    );
    let after = send(&app, get_from(SEARCH, "192.0.2.31:1", None)).await;
    assert_eq!(after.status, StatusCode::OK, "the slot is free again");
    Ok(())
}

/// A server on 127.0.0.1 over the fixture, stopped when dropped.
struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _root: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn start(limits: Limits) -> Result<Server, Box<dyn std::error::Error>> {
    let root = tempfile::tempdir()?;
    fixture::build(root.path(), &fixture::listings())?;
    let live = Arc::new(Live::open(root.path())?);
    let config = ServeConfig {
        listen: "127.0.0.1:0".parse()?,
        selections: root.path().join("selections.jsonl"),
        tuning: Tuning {
            search_threads: 2,
            cache_entries: 100,
        },
        refresh_every: Duration::from_secs(60),
        tokens: Tokens::default(),
        limits,
    };
    let (ready, bound) = tokio::sync::oneshot::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let served = chahao::http::serve_until(
            live,
            config,
            move |addr| {
                let _ = ready.send(addr);
            },
            async move {
                let _ = stopped.await;
            },
        )
        .await;
        if let Err(e) = served {
            eprintln!("server failed: {e}");
        }
    });
    let addr = tokio::time::timeout(Duration::from_secs(10), bound).await??;
    Ok(Server {
        addr,
        stop: Some(stop),
        _root: root,
    })
}

/// Sends `request` on a new connection and returns the status and the
/// whole answer (the request asks the server to close the connection).
async fn exchange(addr: SocketAddr, request: &str) -> Result<(u16, String), std::io::Error> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
        .await
        .map_err(|_| std::io::Error::other("no answer within 5 s"))??;
    let text = String::from_utf8_lossy(&answer).into_owned();
    Ok((status_of(&text), text))
}

fn status_of(answer: &str) -> u16 {
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn get_request(path: &str, extra: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: chahao.test\r\nConnection: close\r\n{extra}\r\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_forwarded_for_counts_only_from_a_trusted_proxy() -> TestResult {
    let direct = start(tight(2)).await?;
    let mut statuses = Vec::new();
    for i in 0..4 {
        let forged = format!("X-Forwarded-For: 198.51.100.{i}\r\nX-Real-IP: 198.51.100.{i}\r\n");
        let (status, _) = exchange(direct.addr, &get_request(SEARCH, &forged)).await?;
        statuses.push(status);
    }
    assert_eq!(
        statuses,
        [200, 200, 429, 429],
        "an untrusted peer cannot name itself someone else"
    );

    let behind_proxy = start(Limits {
        trusted_proxies: vec!["127.0.0.0/8".parse()?],
        ..tight(2)
    })
    .await?;
    for i in 0..4 {
        let forwarded = format!("X-Forwarded-For: 198.51.100.{i}\r\n");
        let (status, answer) =
            exchange(behind_proxy.addr, &get_request(SEARCH, &forwarded)).await?;
        assert_eq!(status, 200, "client {i} has its own bucket: {answer}");
    }
    let mut statuses = Vec::new();
    for i in 0..3 {
        // What a client put in front of the header is not believed: the
        // proxy appended the address it saw, and that is the client.
        let chained = format!("X-Forwarded-For: 10.9.9.{i}, 203.0.113.50\r\n");
        let (status, _) = exchange(behind_proxy.addr, &get_request(SEARCH, &chained)).await?;
        statuses.push(status);
    }
    assert_eq!(statuses, [200, 200, 429]);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_head_over_the_limit_gets_431() -> TestResult {
    let server = start(Limits::default()).await?;
    let small = format!("X-Padding: {}\r\n", "a".repeat(4000));
    let (status, _) = exchange(server.addr, &get_request(SEARCH, &small)).await?;
    assert_eq!(status, 200);
    let large = format!("X-Padding: {}\r\n", "a".repeat(20_000));
    let (status, answer) = exchange(server.addr, &get_request(SEARCH, &large)).await?;
    assert_eq!(status, 431, "{answer}");
    Ok(())
}

/// Sends a request head a byte every 100 ms; returns how long the server
/// let it go on before closing the connection, or `None` if it never did.
async fn slow_headers(addr: SocketAddr) -> Option<Duration> {
    let started = Instant::now();
    let stream = TcpStream::connect(addr).await.ok()?;
    let (mut reader, mut writer) = stream.into_split();
    let head = get_request(
        SEARCH,
        "X-Slow: one byte at a time, as a slowloris client does\r\n",
    );
    let mut buf = [0u8; 512];
    for byte in head.as_bytes() {
        if writer.write_all(&[*byte]).await.is_err() {
            return Some(started.elapsed());
        }
        match tokio::time::timeout(Duration::from_millis(100), reader.read(&mut buf)).await {
            Ok(_) => return Some(started.elapsed()),
            Err(_) => continue,
        }
    }
    None
}

/// Sends a request announcing a body it never sends; returns the status
/// of the answer and how long it took.
async fn slow_body(addr: SocketAddr) -> Result<(u16, Duration), std::io::Error> {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await?;
    let head = "POST /api/selections HTTP/1.1\r\nHost: chahao.test\r\n\
                Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\":";
    stream.write_all(head.as_bytes()).await?;
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
        .await
        .map_err(|_| std::io::Error::other("no answer within 5 s"))??;
    let text = String::from_utf8_lossy(&buf[..n]).into_owned();
    Ok((status_of(&text), started.elapsed()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_do_not_stall_searches() -> TestResult {
    let header_timeout = Duration::from_secs(1);
    let request_timeout = Duration::from_secs(1);
    let server = start(Limits {
        rate_burst: 10_000,
        header_read_timeout: header_timeout,
        request_timeout,
        ..Limits::default()
    })
    .await?;
    let addr = server.addr;
    let test_started = Instant::now();
    let slow_heads: Vec<_> = (0..200).map(|_| tokio::spawn(slow_headers(addr))).collect();
    let slow_bodies: Vec<_> = (0..50).map(|_| tokio::spawn(slow_body(addr))).collect();
    tokio::time::sleep(Duration::from_millis(200)).await;

    let mut slowest = Duration::ZERO;
    for i in 0..20 {
        let asked = Instant::now();
        let (status, answer) = exchange(addr, &get_request(SEARCH, "")).await?;
        assert_eq!(status, 200, "search {i} while slow clients wait: {answer}");
        slowest = slowest.max(asked.elapsed());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        slowest < Duration::from_secs(1),
        "a search took {slowest:?} while slow clients were connected"
    );

    let deadline = Duration::from_secs(10);
    for (i, task) in slow_heads.into_iter().enumerate() {
        let cut = tokio::time::timeout(deadline, task).await??;
        let cut = cut.ok_or_else(|| format!("slow client {i} was never cut off"))?;
        assert!(
            cut < header_timeout + Duration::from_millis(1500),
            "slow client {i} was cut off after {cut:?}"
        );
    }
    for (i, task) in slow_bodies.into_iter().enumerate() {
        let (status, took) = tokio::time::timeout(deadline, task).await???;
        assert_eq!(status, 503, "slow body {i}");
        assert!(
            took < request_timeout + Duration::from_millis(1500),
            "slow body {i} answered after {took:?}"
        );
    }
    assert!(test_started.elapsed() < Duration::from_secs(15));
    Ok(())
}
