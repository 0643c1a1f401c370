//! The HTTP service: the JSON API (contract section 4), the public page and
//! the operator console, over one [`Live`] directory.
//!
//! [`app`] is a plain function from [`AppState`] to a [`Router`], so tests
//! drive it with `tower::ServiceExt::oneshot` and no server; [`serve`] binds
//! it to a socket and runs it until Ctrl-C or SIGTERM.
//!
//! Searches are CPU work: they run on tokio's blocking pool, at most one per
//! core at a time (the search permits of [`AppState`]), so the async threads
//! stay free to accept connections and a burst queues instead of spawning a
//! thread per request. This module never names tantivy: it asks
//! [`crate::search`] and [`crate::index::browse`].
//!
//! Every request except `/healthz` passes the abuse limits of [`Limits`]
//! first: the per-client rate limit (429), then the cap on requests in
//! flight (503 at once, never a queue), then the request timeout (503).
//! [`metrics`] counts and times all of them.

pub mod admin;
pub mod auth;
pub mod cache;
pub mod error;
pub mod facets;
pub mod limits;
pub mod listings;
pub mod metrics;
pub mod search;
pub mod selections;
pub mod server;
pub mod view;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tokio::sync::Semaphore;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use auth::Tokens;
pub use error::ApiError;
pub use limits::Limits;
pub use metrics::Metrics;
pub use selections::SelectionLog;

use crate::index::{Directory, Live};

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

struct Shared {
    live: Arc<Live>,
    facets: facets::Cache,
    searches: cache::SearchCache,
    selections: SelectionLog,
    search_permits: Semaphore,
    tokens: Tokens,
    limits: Limits,
    rate_limiter: Option<limits::RateLimiter>,
    in_flight: Arc<Semaphore>,
    metrics: Arc<Metrics>,
}

/// How much work the service does at once and how much it remembers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuning {
    /// Searches running at once on the blocking pool.
    pub search_threads: usize,
    /// Search answers kept per generation (0: none).
    pub cache_entries: usize,
}

impl Default for Tuning {
    /// One search per core; ten thousand answers (a few tens of MB).
    fn default() -> Tuning {
        Tuning {
            search_threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
            cache_entries: 10_000,
        }
    }
}

impl AppState {
    /// The state of a service answering from `live` and recording operator
    /// selections in `selections`, with the default [`Limits`] and no
    /// tokens.
    pub fn new(live: Arc<Live>, selections: SelectionLog, tuning: Tuning) -> AppState {
        let limits = Limits::default();
        AppState {
            shared: Arc::new(Shared {
                live,
                facets: facets::Cache::default(),
                searches: cache::SearchCache::new(tuning.cache_entries),
                selections,
                search_permits: Semaphore::new(tuning.search_threads.max(1)),
                tokens: Tokens::default(),
                rate_limiter: limits::RateLimiter::new(&limits),
                in_flight: Arc::new(Semaphore::new(limits.max_in_flight.max(1))),
                limits,
                metrics: Arc::new(Metrics::default()),
            }),
        }
    }

    /// Changes the state before it is shared (cloned); the builders below
    /// are called right after [`AppState::new`].
    fn configure(self, change: impl FnOnce(&mut Shared)) -> AppState {
        let mut shared = Arc::try_unwrap(self.shared)
            .unwrap_or_else(|_| panic!("the state is configured before it is shared"));
        change(&mut shared);
        AppState {
            shared: Arc::new(shared),
        }
    }

    /// The same state with the admin endpoints on, guarded by `token` (an
    /// empty token leaves them off).
    pub fn with_admin_token(self, token: Option<String>) -> AppState {
        self.configure(|shared| shared.tokens = shared.tokens.clone().with_admin(token))
    }

    /// The same state with `token` exempting its bearer from the per-client
    /// rate limit (an empty token: none).
    pub fn with_operator_token(self, token: Option<String>) -> AppState {
        self.configure(|shared| shared.tokens = shared.tokens.clone().with_operator(token))
    }

    /// The same state with both tokens replaced by `tokens`.
    pub fn with_tokens(self, tokens: Tokens) -> AppState {
        self.configure(|shared| shared.tokens = tokens)
    }

    /// The same state under `limits`.
    pub fn with_limits(self, limits: Limits) -> AppState {
        self.configure(|shared| {
            shared.rate_limiter = limits::RateLimiter::new(&limits);
            shared.in_flight = Arc::new(Semaphore::new(limits.max_in_flight.max(1)));
            shared.limits = limits;
        })
    }

    /// The admin bearer token, when the admin endpoints are on.
    pub fn admin_token(&self) -> Option<&str> {
        self.shared.tokens.admin()
    }

    /// The configured tokens.
    pub fn tokens(&self) -> &Tokens {
        &self.shared.tokens
    }

    /// The limits the service enforces.
    pub fn limits(&self) -> &Limits {
        &self.shared.limits
    }

    /// The per-client rate limiter, unless the rate limit is off.
    pub fn rate_limiter(&self) -> Option<&limits::RateLimiter> {
        self.shared.rate_limiter.as_ref()
    }

    /// The service's metrics.
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.shared.metrics
    }

    /// Answers to recent searches.
    pub fn search_cache(&self) -> &cache::SearchCache {
        &self.shared.searches
    }

    /// The directory to answer one request from: a request started on one
    /// generation finishes on it even if a batch publishes another.
    pub fn directory(&self) -> Arc<Directory> {
        self.shared.live.directory()
    }

    /// The live directory.
    pub fn live(&self) -> &Arc<Live> {
        &self.shared.live
    }

    /// The selection log.
    pub fn selections(&self) -> &SelectionLog {
        &self.shared.selections
    }

    /// Runs `work` on the blocking pool once a search permit is free.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce() -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let _permit = self
            .shared
            .search_permits
            .acquire()
            .await
            .map_err(|_| ApiError::Internal("the search pool is closed".to_string()))?;
        tokio::task::spawn_blocking(work).await?
    }

    pub(crate) fn facet_cache(&self) -> &facets::Cache {
        &self.shared.facets
    }
}

/// The whole service: API, pages, and the layers every request goes
/// through (request log, metrics, abuse limits, timeout, compression,
/// security headers).
pub fn app(state: AppState) -> Router {
    let limits = state.limits().clone();
    let metrics = state.metrics().clone();
    let limited = Router::new()
        .route("/api/search", get(search::search))
        .route("/api/listings/{id}", get(listings::listing))
        .route("/api/listings/{id}/siblings", get(listings::siblings))
        .route("/api/districts", get(facets::districts))
        .route("/api/categories", get(facets::categories))
        .route("/api/changes/latest", get(admin::latest))
        .route("/metrics", get(metrics::metrics))
        .merge(selections::router(limits.max_body_bytes))
        .merge(crate::web::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    limits::limit_rate,
                ))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    limits::limit_body,
                ))
                .layer(DefaultBodyLimit::max(limits.max_body_bytes))
                .layer(HandleErrorLayer::new(move |error: tower::BoxError| {
                    let metrics = metrics.clone();
                    async move {
                        let error = ApiError::from_layer(error);
                        metrics.layer_error(&error);
                        error
                    }
                }))
                .timeout(limits.request_timeout)
                .load_shed()
                .layer(GlobalConcurrencyLimitLayer::with_semaphore(
                    state.shared.in_flight.clone(),
                )),
        );
    Router::new()
        .route("/healthz", get(facets::health))
        .merge(admin::router(&state))
        .merge(limited)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(
            ServiceBuilder::new()
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(request_span)
                        .on_request(())
                        .on_response(log_response)
                        .on_failure(()),
                )
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    metrics::record,
                ))
                .layer(CompressionLayer::new())
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("no-referrer"),
                )),
        )
        .with_state(state)
}

/// The request's span: method and route, never the caller's address or the
/// query string (what a member of the public looks up is theirs).
fn request_span(request: &Request) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str)
        .unwrap_or("unmatched");
    tracing::info_span!("request", method = %request.method(), route)
}

fn log_response(response: &Response, latency: Duration, _span: &tracing::Span) {
    let status = response.status().as_u16();
    let micros = latency.as_micros() as u64;
    if response.status().is_server_error() {
        tracing::warn!(status, micros, "response");
    } else {
        tracing::info!(status, micros, "response");
    }
}

async fn not_found() -> ApiError {
    ApiError::NotFound("no such page or endpoint; the API is under /api/".to_string())
}

async fn method_not_allowed() -> ApiError {
    ApiError::Rejected(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this endpoint".to_string(),
    )
}

/// How `chahao serve` runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Where to listen, e.g. `127.0.0.1:8114`.
    pub listen: SocketAddr,
    /// The append-only selection log.
    pub selections: PathBuf,
    /// Searches at once, and answers kept.
    pub tuning: Tuning,
    /// How often to look for a newly published generation.
    pub refresh_every: Duration,
    /// The admin and operator tokens.
    pub tokens: Tokens,
    /// The abuse limits.
    pub limits: Limits,
}

/// Serves `live` until Ctrl-C or SIGTERM; in-flight requests finish first.
/// `ready` is called with the bound address once the socket listens.
pub async fn serve(
    live: Arc<Live>,
    config: ServeConfig,
    ready: impl FnOnce(SocketAddr),
) -> crate::Result<()> {
    serve_until(live, config, ready, shutdown_signal()).await
}

/// Like [`serve`], but stops when `shutdown` completes instead of on a
/// signal (for tests and for embedding).
pub async fn serve_until(
    live: Arc<Live>,
    config: ServeConfig,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()>,
) -> crate::Result<()> {
    let (selections, unwritable) = SelectionLog::open_or_later(&config.selections);
    if let Some(e) = unwritable {
        tracing::warn!(error = %e, "the selection log cannot be written; serving searches anyway, selections will fail until it can");
    }
    let state = AppState::new(live.clone(), selections, config.tuning)
        .with_tokens(config.tokens)
        .with_limits(config.limits.clone());
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(crate::Error::io(format!(
            "listen address {}",
            config.listen
        )))?;
    let bound = listener.local_addr().map_err(crate::Error::io(format!(
        "listen address {}",
        config.listen
    )))?;
    let watcher = tokio::spawn(follow_generations(live, config.refresh_every));
    let forgetter = state.rate_limiter().cloned().map(|limiter| {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limiter.forget_idle_clients();
            }
        })
    });
    tracing::info!(%bound, "listening");
    ready(bound);
    server::run(listener, app(state), &config.limits, shutdown).await;
    watcher.abort();
    if let Some(forgetter) = forgetter {
        forgetter.abort();
    }
    tracing::info!("stopped");
    Ok(())
}

/// Switches to each newly published generation, so a batch applied while
/// the server runs is served without a restart.
async fn follow_generations(live: Arc<Live>, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let live = live.clone();
        match tokio::task::spawn_blocking(move || live.refresh().map(|s| (s, live))).await {
            Ok(Ok((true, live))) => {
                tracing::info!(generation = %live.generation(), "serving a new generation")
            }
            Ok(Ok((false, _))) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "cannot open the newest generation"),
            Err(e) => tracing::warn!(error = %e, "generation check failed"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
