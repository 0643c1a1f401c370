//! The one place where an error becomes an HTTP response.
//!
//! Every error the API returns is JSON `{"error": "..."}`. A request the
//! caller can fix (a bad query, an unknown district, an id that is not
//! listed) says what was wrong and is not logged; anything else is logged
//! here with its cause and answered with a generic 500, so no internal
//! detail (paths, stack traces) ever reaches a client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// Why a request failed.
#[derive(Debug)]
pub enum ApiError {
    /// The request is wrong; the message says how (400).
    BadRequest(String),
    /// A request axum's extractors turned down, with their status (400 bad
    /// query string, 413 body too large, 415 not JSON, 422 wrong fields).
    Rejected(StatusCode, String),
    /// Nothing there for the public (404): unknown, or ex-directory.
    NotFound(String),
    /// The request took longer than the server allows (503).
    Timeout,
    /// The server cannot answer searches right now (503).
    Unavailable(String),
    /// A fault of the server; logged, never shown (500).
    Internal(String),
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a str,
}

impl ApiError {
    /// The status code of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Rejected(status, _) => *status,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Timeout | ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match &self {
            ApiError::BadRequest(m) | ApiError::Rejected(_, m) | ApiError::NotFound(m) => {
                m.as_str()
            }
            ApiError::Timeout => "the request took too long; try again",
            ApiError::Unavailable(cause) => {
                tracing::warn!(%cause, "unavailable");
                "the directory is not available right now; try again"
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                "internal error"
            }
        };
        (status, Json(Body { error: message })).into_response()
    }
}

impl From<crate::Error> for ApiError {
    fn from(e: crate::Error) -> ApiError {
        match e {
            crate::Error::User(message) => ApiError::BadRequest(message),
            crate::Error::NoIndex(_) => ApiError::Unavailable(e.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> ApiError {
        ApiError::Internal(format!("a blocking task failed: {e}"))
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(e: axum::extract::rejection::QueryRejection) -> ApiError {
        ApiError::Rejected(e.status(), e.body_text())
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(e: axum::extract::rejection::JsonRejection) -> ApiError {
        ApiError::Rejected(e.status(), e.body_text())
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(e: axum::extract::rejection::PathRejection) -> ApiError {
        ApiError::Rejected(e.status(), e.body_text())
    }
}
