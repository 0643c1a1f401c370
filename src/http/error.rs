//! The one place where an error becomes an HTTP response.
//!
//! Every error the API returns is JSON `{"error": "..."}`. A request the
//! caller can fix (a bad query, an unknown district, an id that is not
//! listed) says what was wrong and is not logged; anything else is logged
//! here with its cause and answered with a generic 500, so no internal
//! detail (paths, stack traces) ever reaches a client.

use axum::http::{header, HeaderValue, StatusCode};
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
    /// The client asked too often; it may try again after `retry_after`
    /// seconds (429 with `Retry-After`).
    TooManyRequests {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// Too many requests are being answered at once; this one was turned
    /// away without waiting (503 with `Retry-After: 1`).
    Busy,
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
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Timeout | ApiError::Busy | ApiError::Unavailable(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
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
            ApiError::TooManyRequests { .. } => {
                "too many requests from this address; wait as long as Retry-After says"
            }
            ApiError::Busy => "the server is busy; try again in a moment",
            ApiError::Unavailable(cause) => {
                tracing::warn!(%cause, "unavailable");
                "the directory is not available right now; try again"
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                "internal error"
            }
        };
        let retry_after = match &self {
            ApiError::TooManyRequests { retry_after } => Some(*retry_after),
            ApiError::Busy => Some(1),
            _ => None,
        };
        let mut response = (status, Json(Body { error: message })).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<crate::Error> for ApiError {
    /// The status follows from the kind of error: no index yet is 503, a
    /// refused batch is what `POST /api/admin/batches` answers for it (422
    /// bad rows, 409 already applied), anything else the caller can fix is
    /// 400 ([`crate::Error::is_users`]), and the rest is a 500.
    fn from(e: crate::Error) -> ApiError {
        use crate::batch::ApplyError;
        match e {
            crate::Error::Query(e) => ApiError::BadRequest(e.of_parameter("q")),
            crate::Error::NoIndex(_) => ApiError::Unavailable(e.to_string()),
            crate::Error::Batch(refused) => match *refused {
                refused @ ApplyError::Rejected(_) => {
                    ApiError::Rejected(StatusCode::UNPROCESSABLE_ENTITY, refused.to_string())
                }
                refused @ ApplyError::AlreadyApplied { .. } => {
                    ApiError::Rejected(StatusCode::CONFLICT, refused.to_string())
                }
                ApplyError::Index(e) => ApiError::from(e),
            },
            e if e.is_users() => ApiError::BadRequest(e.to_string()),
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

impl From<axum::extract::rejection::BytesRejection> for ApiError {
    fn from(e: axum::extract::rejection::BytesRejection) -> ApiError {
        ApiError::Rejected(e.status(), e.body_text())
    }
}

impl ApiError {
    /// The error of a layer in front of the handlers: a request that ran
    /// out of time, or one turned away because too many are in flight.
    pub fn from_layer(error: tower::BoxError) -> ApiError {
        if error.is::<tower::timeout::error::Elapsed>() {
            ApiError::Timeout
        } else if error.is::<tower::load_shed::error::Overloaded>() {
            ApiError::Busy
        } else {
            ApiError::Internal(format!("middleware failed: {error}"))
        }
    }
}
