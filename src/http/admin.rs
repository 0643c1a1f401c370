//! The weekly refresh over HTTP: `POST /api/admin/batches` applies an
//! uploaded change file exactly as `chahao apply` does, and
//! `GET /api/changes/latest` lists what the last batch added, changed and
//! deleted — the operators' "what's new" list.
//!
//! The admin endpoint is off (404) unless a bearer token is configured (the
//! `CHAHAO_ADMIN_TOKEN` environment variable of `chahao serve`); a missing or
//! wrong token gets 401, and guesses count against the caller's rate limit.
//! Tokens are compared in constant time and never logged. An upload may be
//! at most [`super::Limits::max_upload_bytes`] and take at most
//! [`super::Limits::upload_timeout`]; it is checked and applied by the same code as
//! `chahao apply`.
//!
//! The lists of `/api/changes/latest` hold at most [`PUBLIC_CHANGES`]
//! entries each for the public; the operator and admin tokens get them
//! whole, so a big batch is not a way to download the directory.

use axum::body::Bytes;
use axum::error_handling::HandleErrorLayer;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tower::ServiceBuilder;

use super::auth::{same_secret, Role};
use super::limits;
use super::{ApiError, AppState};
use crate::batch::{self, ApplyError, ApplyOptions, Format};
use crate::index::history::ChangeLists;
use crate::index::BatchRecord;

/// The default largest change file accepted by upload (a 100,000-row batch
/// is ~30 MB); `chahao serve --max-upload-bytes` changes it.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

/// The environment variable holding the admin bearer token.
pub const TOKEN_VARIABLE: &str = super::auth::ADMIN_TOKEN_VARIABLE;

/// Entries of each list of `/api/changes/latest` shown without a token.
pub const PUBLIC_CHANGES: usize = 100;

/// The upload route, with its own limits: the per-client rate limit (a
/// valid token is exempt, guesses are not), the upload size and time.
pub fn router(state: &AppState) -> Router<AppState> {
    let limits = state.limits();
    Router::new().route(
        "/api/admin/batches",
        post(upload).layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    limits::limit_rate,
                ))
                .layer(axum::middleware::from_fn_with_state(state.clone(), admit))
                .layer(DefaultBodyLimit::max(limits.max_upload_bytes))
                .layer(HandleErrorLayer::new(|error: tower::BoxError| async move {
                    ApiError::from_layer(error)
                }))
                .timeout(limits.upload_timeout),
        ),
    )
}

/// Options of an upload, as query parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadOptions {
    /// `jsonl` or `csv`; by default guessed from the content.
    format: Option<String>,
    /// Check and report only.
    #[serde(default)]
    dry_run: bool,
    /// Apply the good rows and report the bad ones.
    #[serde(default)]
    skip_invalid: bool,
    /// The batch id to record; by default the SHA-256 of the upload.
    batch_id: Option<String>,
}

fn authorise(state: &AppState, headers: &HeaderMap) -> Result<(), Box<Response>> {
    let Some(expected) = state.admin_token() else {
        return Err(Box::new(
            ApiError::NotFound("no route for this request".to_string()).into_response(),
        ));
    };
    let given = super::auth::bearer(headers).unwrap_or("");
    if same_secret(given.as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        let mut response = (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({"error": "a valid bearer token is required"})),
        )
            .into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
        Err(Box::new(response))
    }
}

/// The middleware in front of the upload: the token is checked, and an
/// announced size too, before a byte of the body is read, so that nobody
/// without the token can make the server buffer an upload.
async fn admit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if let Err(denied) = authorise(&state, request.headers()) {
        return *denied;
    }
    let max = state.limits().max_upload_bytes;
    if limits::announced_length(request.headers()).is_some_and(|n| n > max as u64) {
        return ApiError::Rejected(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the upload is larger than {max} bytes"),
        )
        .into_response();
    }
    next.run(request).await
}

/// `POST /api/admin/batches`, once [`admit`] let the request in.
async fn upload(
    State(state): State<AppState>,
    options: Result<Query<UploadOptions>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let options = match options {
        Ok(Query(options)) => options,
        Err(rejection) => return ApiError::from(rejection).into_response(),
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return ApiError::from(rejection).into_response(),
    };
    let format = match options.format.as_deref() {
        None => Format::detect("upload".as_ref(), &body),
        Some("jsonl") => Format::Jsonl,
        Some("csv") => Format::Csv,
        Some(other) => {
            return ApiError::BadRequest(format!("format {other:?} is not jsonl or csv"))
                .into_response()
        }
    };
    let root = state.live().root().to_path_buf();
    let apply_options = ApplyOptions {
        dry_run: options.dry_run,
        skip_invalid: options.skip_invalid,
        batch_id: options.batch_id,
        source: "upload".to_string(),
    };
    let live = state.live().clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let result = batch::apply(&root, &body, format, &apply_options);
        if result.is_ok() {
            // Serve the new generation now rather than at the next poll.
            if let Err(e) = live.refresh() {
                tracing::warn!(error = %e, "refresh after an upload failed");
            }
        }
        result
    })
    .await;
    match outcome {
        Err(e) => ApiError::Internal(format!("apply task failed: {e}")).into_response(),
        Ok(Ok(report)) => (StatusCode::OK, Json(report)).into_response(),
        Ok(Err(ApplyError::Rejected(report))) => {
            let error = format!(
                "batch rejected: {} of {} rows are bad; nothing was written",
                report.rejected.len(),
                report.rows
            );
            report_response(StatusCode::UNPROCESSABLE_ENTITY, &error, &report)
        }
        Ok(Err(e @ ApplyError::AlreadyApplied { .. })) => (
            StatusCode::CONFLICT,
            Json(serde_json::json!({"error": e.to_string()})),
        )
            .into_response(),
        Ok(Err(ApplyError::Index(e))) => ApiError::from(e).into_response(),
    }
}

fn report_response(status: StatusCode, error: &str, report: &impl Serialize) -> Response {
    let mut body = serde_json::to_value(report).unwrap_or_else(|_| serde_json::json!({}));
    if let Some(object) = body.as_object_mut() {
        object.insert("error".to_string(), serde_json::Value::from(error));
    }
    (status, Json(body)).into_response()
}

/// What the last batch changed.
#[derive(Debug, Serialize)]
pub struct Latest {
    /// The batch, or null when the directory was built and not changed since.
    pub batch: Option<BatchRecord>,
    /// Its lists (ex-directory listings are never in them).
    #[serde(flatten)]
    pub changes: ChangeLists,
    /// True when the lists were cut to [`PUBLIC_CHANGES`] entries each
    /// (asked without a token); the record's counts are the whole batch's.
    pub truncated: bool,
}

/// `GET /api/changes/latest`.
pub async fn latest(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Latest>, ApiError> {
    let whole = matches!(
        state.tokens().role(&headers),
        Some(Role::Operator | Role::Admin)
    );
    let root = state.live().root().to_path_buf();
    let found = tokio::task::spawn_blocking(move || batch::latest_changes(&root)).await??;
    let (batch, mut changes) = match found {
        // The record counts every operation and every listing, the
        // ex-directory ones too; what the public sees counts only what it
        // may see: the lists shown (before any cut), and the listed
        // listings.
        Some((record, changes)) => (
            Some(BatchRecord {
                added: changes.added.len() as u64,
                updated: changes.updated.len() as u64,
                deleted: changes.deleted.len() as u64,
                total: state.facets().await?.listed(),
                ..record
            }),
            changes,
        ),
        None => (None, ChangeLists::default()),
    };
    let mut truncated = false;
    if !whole {
        for list in [
            &mut changes.added,
            &mut changes.updated,
            &mut changes.deleted,
        ] {
            truncated |= list.len() > PUBLIC_CHANGES;
            list.truncate(PUBLIC_CHANGES);
        }
    }
    Ok(Json(Latest {
        batch,
        changes,
        truncated,
    }))
}
