//! The weekly refresh over HTTP: `POST /api/admin/batches` applies an
//! uploaded change file exactly as `chahao apply` does, and
//! `GET /api/changes/latest` lists what the last batch added, changed and
//! deleted — the operators' "what's new" list.
//!
//! The admin endpoint is off (404) unless a bearer token is configured (the
//! `CHAHAO_ADMIN_TOKEN` environment variable of `chahao serve`); a missing or
//! wrong token gets 401. Tokens are compared in constant time and never
//! logged.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::{ApiError, AppState};
use crate::batch::{self, ApplyError, ApplyOptions, Format};
use crate::index::history::ChangeLists;
use crate::index::BatchRecord;

/// Largest change file accepted by upload (a 100,000-row batch is ~30 MB).
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

/// The environment variable holding the admin bearer token.
pub const TOKEN_VARIABLE: &str = "CHAHAO_ADMIN_TOKEN";

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/admin/batches",
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/api/changes/latest", get(latest))
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

/// Returns true if and only if `given` equals `expected`, taking the same
/// time whatever the first differing byte.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    let mut diff = given.len() ^ expected.len();
    for (i, e) in expected.iter().enumerate() {
        diff |= usize::from(given.get(i).copied().unwrap_or(0) ^ e);
    }
    diff == 0
}

fn authorise(state: &AppState, headers: &HeaderMap) -> Result<(), Box<Response>> {
    let Some(expected) = state.admin_token() else {
        return Err(Box::new(
            ApiError::NotFound("no route for this request".to_string()).into_response(),
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
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

async fn upload(
    State(state): State<AppState>,
    Query(options): Query<UploadOptions>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(denied) = authorise(&state, &headers) {
        return *denied;
    }
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
}

async fn latest(State(state): State<AppState>) -> Result<Json<Latest>, ApiError> {
    let root = state.live().root().to_path_buf();
    let found = tokio::task::spawn_blocking(move || batch::latest_changes(&root)).await??;
    Ok(Json(match found {
        Some((record, changes)) => Latest {
            // The record counts every operation and every listing, the
            // ex-directory ones too; what the public sees counts only what
            // it may see: the lists shown, and the listed listings.
            batch: Some(BatchRecord {
                added: changes.added.len() as u64,
                updated: changes.updated.len() as u64,
                deleted: changes.deleted.len() as u64,
                total: state.facets().await?.listed(),
                ..record
            }),
            changes,
        },
        None => Latest {
            batch: None,
            changes: ChangeLists::default(),
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret(b"s3cret", b"s3cret"));
        assert!(!same_secret(b"s3cret", b"s3creT"));
        assert!(!same_secret(b"s3cre", b"s3cret"));
        assert!(!same_secret(b"s3crett", b"s3cret"));
        assert!(!same_secret(b"", b"s3cret"));
    }
}
