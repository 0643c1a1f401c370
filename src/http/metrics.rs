//! `GET /metrics`: what the service is doing, for Prometheus (OpenMetrics
//! text, via `prometheus-client`).
//!
//! Requests are counted per route (the route pattern, `/api/listings/{id}`,
//! never the raw path), method and status class, with a latency histogram
//! per route. Searches are counted with the ones that found nothing, so the
//! zero-result rate is `chahao_searches_zero_hits_total /
//! chahao_searches_total`; `chahao_searches_answered_total` counts them by
//! the script typed (`han`, `latin`, `digits`, `mixed`) and by how much of
//! the query the hits matched (`full`, `partial`: only part of it, `none`). The index figures (generation, listings, size
//! on disk, the batch that made it) are read when scraped and kept until
//! the next generation is served.
//!
//! No label holds anything a caller sent: no query, no address, no id.
//! The endpoint is public like the rest of the API, rate limited like it;
//! a scraper presenting the operator or admin token is not limited.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};

use super::{ApiError, AppState};
use crate::index::Directory;

/// The content type of the answer.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct AnswerLabels {
    script: &'static str,
    answer: &'static str,
}

/// How much of a query its hits match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Hits that match all of it.
    Full,
    /// Hits that match only part of it: nothing matched the whole.
    Partial,
    /// No hit at all.
    Nothing,
}

impl Answer {
    /// The answer `hits` give (partial hits only ever come alone).
    pub fn of(hits: &[crate::search::Hit]) -> Answer {
        match hits.first() {
            None => Answer::Nothing,
            Some(hit) if hit.partial.is_some() => Answer::Partial,
            Some(_) => Answer::Full,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Answer::Full => "full",
            Answer::Partial => "partial",
            Answer::Nothing => "none",
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BatchLabels {
    batch_id: String,
    kind: String,
}

/// The service's metrics.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    in_flight: Gauge,
    searches: Counter,
    zero_hit_searches: Counter,
    answers: Family<AnswerLabels, Counter>,
    rate_limited: Counter,
    shed: Counter,
    timeouts: Counter,
    limited_clients: Gauge,
    generation: Gauge,
    listings: Gauge,
    size_bytes: Gauge,
    batch_time: Gauge,
    batch: Family<BatchLabels, Gauge>,
    seen: Mutex<Option<Arc<Directory>>>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

fn latency_histogram() -> Histogram {
    // 0.25 ms to about 8 s.
    Histogram::new(exponential_buckets(0.000_25, 2.0, 16))
}

impl Default for Metrics {
    fn default() -> Metrics {
        let mut registry = Registry::with_prefix("chahao");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route pattern, method and status class",
            requests.clone(),
        );
        let latency =
            Family::<RouteLabels, Histogram>::new_with_constructor(latency_histogram as fn() -> _);
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer a request, by route pattern",
            Unit::Seconds,
            latency.clone(),
        );
        let in_flight = Gauge::default();
        registry.register(
            "http_requests_in_flight",
            "Requests being answered now",
            in_flight.clone(),
        );
        let searches = Counter::default();
        registry.register("searches", "Searches answered", searches.clone());
        let zero_hit_searches = Counter::default();
        registry.register(
            "searches_zero_hits",
            "Searches answered with no hit",
            zero_hit_searches.clone(),
        );
        let answers = Family::<AnswerLabels, Counter>::default();
        registry.register(
            "searches_answered",
            "Searches by the script typed (han, latin, digits, mixed) and how \
             much of the query the hits matched (full, partial, none)",
            answers.clone(),
        );
        let rate_limited = Counter::default();
        registry.register(
            "rate_limited",
            "Requests refused with 429 by the per-client rate limit",
            rate_limited.clone(),
        );
        let shed = Counter::default();
        registry.register(
            "http_shed",
            "Requests turned away with 503 because too many were in flight",
            shed.clone(),
        );
        let timeouts = Counter::default();
        registry.register(
            "http_timeouts",
            "Requests answered with 503 because they took too long",
            timeouts.clone(),
        );
        let limited_clients = Gauge::default();
        registry.register(
            "rate_limited_clients",
            "Client addresses the rate limiter currently remembers",
            limited_clients.clone(),
        );
        let generation = Gauge::default();
        registry.register(
            "index_generation",
            "Number of the index generation being served (gen-000007 is 7)",
            generation.clone(),
        );
        let listings = Gauge::default();
        registry.register(
            "index_listings",
            "Listings in the served generation, ex-directory ones included",
            listings.clone(),
        );
        let size_bytes = Gauge::default();
        registry.register_with_unit(
            "index_size",
            "Size on disk of the served generation",
            Unit::Bytes,
            size_bytes.clone(),
        );
        let batch_time = Gauge::default();
        registry.register(
            "last_batch_timestamp_seconds",
            "When the batch that made the served generation ran (Unix time)",
            batch_time.clone(),
        );
        let batch = Family::<BatchLabels, Gauge>::default();
        registry.register(
            "last_batch",
            "The batch that made the served generation (always 1)",
            batch.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            in_flight,
            searches,
            zero_hit_searches,
            answers,
            rate_limited,
            shed,
            timeouts,
            limited_clients,
            generation,
            listings,
            size_bytes,
            batch_time,
            batch,
            seen: Mutex::new(None),
        }
    }
}

impl Metrics {
    /// Counts one search: the script of its query (never the query) and
    /// how much of it the hits matched.
    pub fn search(&self, script: &'static str, answer: Answer) {
        self.searches.inc();
        if answer == Answer::Nothing {
            self.zero_hit_searches.inc();
        }
        self.answers
            .get_or_create(&AnswerLabels {
                script,
                answer: answer.label(),
            })
            .inc();
    }

    /// Counts one request refused by the rate limit.
    pub fn rate_limited(&self) {
        self.rate_limited.inc();
    }

    /// Counts a request failed by a layer (turned away, or out of time).
    pub fn layer_error(&self, error: &ApiError) {
        match error {
            ApiError::Busy => {
                self.shed.inc();
            }
            ApiError::Timeout => {
                self.timeouts.inc();
            }
            _ => {}
        }
    }

    fn answered(&self, route: &str, method: &Method, status: u16, seconds: f64) {
        let method = match *method {
            Method::GET | Method::HEAD | Method::POST => method.as_str(),
            _ => "other",
        };
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_string(),
                method: method.to_string(),
                status: format!("{}xx", status / 100),
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_string(),
            })
            .observe(seconds);
    }

    /// Reads the index figures of `dir` (generation `generation`) unless
    /// they were read for it already.
    fn observe_directory(&self, generation: &str, dir: &Arc<Directory>) {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.as_ref().is_some_and(|s| Arc::ptr_eq(s, dir)) {
            return;
        }
        let number = generation
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .parse::<i64>()
            .unwrap_or(0);
        self.generation.set(number);
        self.listings
            .set(i64::try_from(dir.len()).unwrap_or(i64::MAX));
        self.size_bytes
            .set(i64::try_from(size_on_disk(dir.path())).unwrap_or(i64::MAX));
        self.batch.clear();
        match dir.batch_record() {
            Ok(Some(record)) => {
                self.batch_time
                    .set(i64::try_from(record.time).unwrap_or(i64::MAX));
                self.batch
                    .get_or_create(&BatchLabels {
                        batch_id: record.batch_id,
                        kind: record.kind,
                    })
                    .set(1);
            }
            Ok(None) => {
                self.batch_time.set(0);
            }
            Err(e) => tracing::warn!(error = %e, "cannot read the batch record for metrics"),
        }
        *seen = Some(dir.clone());
    }

    /// The metrics as OpenMetrics text.
    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut out = String::new();
        encode(&mut out, &self.registry)?;
        Ok(out)
    }
}

/// Bytes of the files under `path` (one level of subdirectories and more).
fn size_on_disk(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| match entry.file_type() {
            Ok(t) if t.is_dir() => size_on_disk(&entry.path()),
            Ok(t) if t.is_file() => entry.metadata().map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum()
}

/// Keeps the in-flight gauge right even when a request is dropped half way
/// (the client went away, or the timeout fired).
struct InFlight<'a>(&'a Gauge);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// The middleware: counts and times every request under its route pattern.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = request.method().clone();
    let metrics = state.metrics().clone();
    metrics.in_flight.inc();
    let _in_flight = InFlight(&metrics.in_flight);
    let started = Instant::now();
    let response = next.run(request).await;
    metrics.answered(
        &route,
        &method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics`.
pub async fn metrics(State(state): State<AppState>) -> Result<Response, ApiError> {
    let metrics = state.metrics().clone();
    if let Some(limiter) = state.rate_limiter() {
        metrics
            .limited_clients
            .set(i64::try_from(limiter.clients()).unwrap_or(i64::MAX));
    }
    let live = state.live().clone();
    let text = tokio::task::spawn_blocking(move || {
        let generation = live.generation();
        let dir = live.directory();
        metrics.observe_directory(&generation, &dir);
        metrics.encode()
    })
    .await?
    .map_err(|e| ApiError::Internal(format!("metrics do not encode: {e}")))?;
    Ok(([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response())
}
