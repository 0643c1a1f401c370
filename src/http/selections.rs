//! `POST /api/selections`: the console records which listing an operator
//! gave out for which query, one JSON line per selection, in an
//! append-only log that later feeds popularity ranking (`weight`).
//!
//! A line holds the time (set here, not by the browser), the query, the
//! listing id, its rank among the hits and the generation searched — and
//! nothing about the caller: no number, no address, no name.
//!
//! ```json
//! {"time":"2025-03-04T09:15:02.113Z","query":"zsdx","id":"GZ-0000123","rank":1,"generation":"gen-000003"}
//! ```

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::listings::find;
use super::AppState;
use crate::search::understand::MAX_QUERY_CHARS;

/// A selection is a few dozen bytes; anything much larger is not one.
const MAX_BODY_BYTES: usize = 4 * 1024;

/// The routes of this module; a body may be at most `max_body_bytes` or
/// 4 KiB, whichever is smaller.
pub fn router(max_body_bytes: usize) -> Router<AppState> {
    Router::new().route(
        "/api/selections",
        post(record).layer(DefaultBodyLimit::max(max_body_bytes.min(MAX_BODY_BYTES))),
    )
}

/// The append-only log file. Each selection is one `write` of one whole
/// line under a lock, so lines never interleave, and the file is opened in
/// append mode, so nothing already written is ever touched.
#[derive(Clone)]
pub struct SelectionLog {
    path: PathBuf,
    file: Arc<Mutex<Option<File>>>,
}

impl SelectionLog {
    /// Opens (or creates) the log at `path`, creating its directory.
    pub fn open(path: &Path) -> crate::Result<SelectionLog> {
        Ok(SelectionLog {
            path: path.to_path_buf(),
            file: Arc::new(Mutex::new(Some(open_file(path)?))),
        })
    }

    /// The log at `path`, opened now if it can be and otherwise at the first
    /// selection, with the reason it could not be opened now. A server whose
    /// log cannot be written (a read-only disk) still answers searches; only
    /// recording selections fails, each time with the reason.
    pub fn open_or_later(path: &Path) -> (SelectionLog, Option<crate::Error>) {
        let (file, error) = match open_file(path) {
            Ok(file) => (Some(file), None),
            Err(e) => (None, Some(e)),
        };
        let log = SelectionLog {
            path: path.to_path_buf(),
            file: Arc::new(Mutex::new(file)),
        };
        (log, error)
    }

    /// Where the log is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn append(&self, record: &Selection) -> crate::Result<()> {
        let mut line = serde_json::to_vec(record).expect("a selection always serialises");
        line.push(b'\n');
        let mut file = self
            .file
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if file.is_none() {
            *file = Some(open_file(&self.path)?);
        }
        let file = file.as_mut().expect("opened just above");
        file.write_all(&line).map_err(crate::Error::io(&self.path))
    }
}

fn open_file(path: &Path) -> crate::Result<File> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(crate::Error::io(parent))?;
    }
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(crate::Error::io(path))
}

/// What the console sends.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectionRequest {
    /// The query as typed when the listing was selected.
    pub query: String,
    /// The listing given out.
    pub id: String,
    /// Its position among the hits, 1 for the first.
    pub rank: Option<u32>,
}

/// One line of the log, and the answer to the POST.
#[derive(Debug, Serialize)]
pub struct Selection {
    /// When, UTC, RFC 3339 with milliseconds.
    pub time: String,
    /// The query.
    pub query: String,
    /// The listing id.
    pub id: String,
    /// Its position among the hits, when the console said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// The generation searched.
    pub generation: String,
}

/// `POST /api/selections`: 201 and the recorded line.
pub async fn record(
    State(state): State<AppState>,
    body: Result<Json<SelectionRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<Selection>), ApiError> {
    let Json(request) = body?;
    let chars = request.query.chars().count();
    if request.query.trim().is_empty() || chars > MAX_QUERY_CHARS {
        return Err(ApiError::BadRequest(format!(
            "query must be 1 to {MAX_QUERY_CHARS} characters, got {chars}"
        )));
    }
    if request.rank == Some(0) {
        return Err(ApiError::BadRequest(
            "rank counts from 1 (the first hit)".to_string(),
        ));
    }
    // Only a listing the public could have been told about is recorded.
    let listing = find(&state, request.id).await?;
    let selection = Selection {
        time: rfc3339_now(),
        query: request.query,
        id: listing.id,
        rank: request.rank,
        generation: state.live().generation(),
    };
    let log = state.selections().clone();
    let selection = tokio::task::spawn_blocking(move || {
        log.append(&selection)?;
        Ok::<_, crate::Error>(selection)
    })
    .await??;
    tracing::info!(rank = selection.rank, "selection recorded");
    Ok((StatusCode::CREATED, Json(selection)))
}

/// The current UTC time as `2025-03-04T09:15:02.113Z`.
fn rfc3339_now() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    rfc3339(since.as_secs() as i64, since.subsec_millis())
}

/// Formats Unix seconds and milliseconds as RFC 3339 UTC, with the civil
/// calendar computed from the day number (Howard Hinnant's algorithm).
fn rfc3339(secs: i64, millis: u32) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = crate::index::civil_date(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn formats_utc_times() {
        assert_eq!(rfc3339(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(951_782_400, 5), "2000-02-29T00:00:00.005Z");
        assert_eq!(rfc3339(1_741_079_702, 113), "2025-03-04T09:15:02.113Z");
    }
}
