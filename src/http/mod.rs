//! The HTTP service: the JSON API (contract section 4), the public page and
//! the operator console, over one [`Live`] directory.
//!
//! [`app`] is a plain function from [`AppState`] to a [`Router`], so tests
//! drive it with `tower::ServiceExt::oneshot` and no server; [`serve`] binds
//! it to a socket and runs it until Ctrl-C or SIGTERM.
//!
//! Searches are CPU work: they run on tokio's blocking pool, at most one per
//! core at a time ([`AppState::search_permits`]), so the async threads
//! stay free to accept connections and a burst queues instead of spawning a
//! thread per request. This module never names tantivy: it asks
//! [`crate::search`] and [`crate::index::browse`].

pub mod admin;
pub mod cache;
pub mod error;
pub mod facets;
pub mod listings;
pub mod search;
pub mod selections;
pub mod view;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::extract::{MatchedPath, Request};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tokio::sync::Semaphore;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use error::ApiError;
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
    admin_token: Option<String>,
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
    /// selections in `selections`.
    pub fn new(live: Arc<Live>, selections: SelectionLog, tuning: Tuning) -> AppState {
        AppState {
            shared: Arc::new(Shared {
                live,
                facets: facets::Cache::default(),
                searches: cache::SearchCache::new(tuning.cache_entries),
                selections,
                search_permits: Semaphore::new(tuning.search_threads.max(1)),
                admin_token: None,
            }),
        }
    }

    /// The same state with the admin endpoints on, guarded by `token` (an
    /// empty token leaves them off).
    pub fn with_admin_token(self, token: Option<String>) -> AppState {
        let mut shared = Arc::try_unwrap(self.shared)
            .unwrap_or_else(|_| panic!("with_admin_token is called before the state is shared"));
        shared.admin_token = token.filter(|t| !t.is_empty());
        AppState {
            shared: Arc::new(shared),
        }
    }

    /// The admin bearer token, when the admin endpoints are on.
    pub fn admin_token(&self) -> Option<&str> {
        self.shared.admin_token.as_deref()
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

/// How long a request may take before it is answered with a 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// The whole service: API, pages, and the layers every request goes
/// through (request log, timeout, compression, security headers).
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/search", get(search::search))
        .route("/api/listings/{id}", get(listings::listing))
        .route("/api/listings/{id}/siblings", get(listings::siblings))
        .route("/api/districts", get(facets::districts))
        .route("/api/categories", get(facets::categories))
        .route("/healthz", get(facets::health))
        .merge(selections::router())
        .merge(admin::router());
    Router::new()
        .merge(api)
        .merge(crate::web::router())
        .fallback(not_found)
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
                .layer(HandleErrorLayer::new(|_: tower::BoxError| async {
                    ApiError::Timeout
                }))
                .timeout(REQUEST_TIMEOUT)
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
    /// The admin bearer token; the admin endpoints are off without one.
    pub admin_token: Option<String>,
}

/// Serves `live` until Ctrl-C or SIGTERM; in-flight requests finish first.
/// `ready` is called with the bound address once the socket listens.
pub async fn serve(
    live: Arc<Live>,
    config: ServeConfig,
    ready: impl FnOnce(SocketAddr),
) -> crate::Result<()> {
    let (selections, unwritable) = SelectionLog::open_or_later(&config.selections);
    if let Some(e) = unwritable {
        tracing::warn!(error = %e, "the selection log cannot be written; serving searches anyway, selections will fail until it can");
    }
    let state =
        AppState::new(live.clone(), selections, config.tuning).with_admin_token(config.admin_token);
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
    tracing::info!(%bound, "listening");
    ready(bound);
    let served = axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await;
    watcher.abort();
    tracing::info!("stopped");
    served.map_err(crate::Error::io(format!("serving on {bound}")))
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
