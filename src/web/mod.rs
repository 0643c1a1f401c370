//! The two pages, compiled into the binary: the public self-service page
//! at `/` and the operator console at `/console`. Both are plain HTML, CSS
//! and JavaScript talking to the JSON API; they load nothing from outside
//! the server (the Content-Security-Policy below forbids it, too).

use axum::http::header::{self, HeaderName};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

const INDEX_HTML: &str = include_str!("assets/index.html");
const CONSOLE_HTML: &str = include_str!("assets/console.html");
const APP_CSS: &str = include_str!("assets/app.css");
const COMMON_JS: &str = include_str!("assets/common.js");
const PUBLIC_JS: &str = include_str!("assets/public.js");
const CONSOLE_JS: &str = include_str!("assets/console.js");
const FAVICON_SVG: &str = include_str!("assets/favicon.svg");

/// Only this server: no CDN, no external font, no inline script.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The routes of the pages and their assets.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(|| async { page(INDEX_HTML) }))
        .route("/console", get(|| async { page(CONSOLE_HTML) }))
        .route(
            "/assets/app.css",
            get(|| async { asset("text/css", APP_CSS) }),
        )
        .route("/assets/common.js", get(|| async { script(COMMON_JS) }))
        .route("/assets/public.js", get(|| async { script(PUBLIC_JS) }))
        .route("/assets/console.js", get(|| async { script(CONSOLE_JS) }))
        .route(
            "/favicon.svg",
            get(|| async { asset("image/svg+xml", FAVICON_SVG) }),
        )
}

fn page(html: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (HeaderName::from_static("x-frame-options"), "DENY"),
        ],
        html,
    )
}

fn script(js: &'static str) -> impl IntoResponse {
    asset("text/javascript; charset=utf-8", js)
}

/// Assets are revalidated on every load: they are small, compressed, and a
/// new binary must never serve a page with an old script.
fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
}
