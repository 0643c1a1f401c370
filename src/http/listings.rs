//! `GET /api/listings/{id}` and `GET /api/listings/{id}/siblings`: one
//! listed listing, and the other listings of its organisation (the console
//! shows them next to the selected hit: 急诊科, 挂号处 … of the same
//! hospital). An ex-directory id is a 404 exactly like an unknown one, so
//! the answer does not even reveal that it exists.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;

use super::error::ApiError;
use super::view::ListingView;
use super::AppState;
use crate::index::browse;
use crate::model::listing::is_valid_id;

/// `GET /api/listings/{id}`.
pub async fn listing(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<ListingView>, ApiError> {
    let Path(id) = id?;
    let listing = find(&state, id).await?;
    Ok(Json(listing.into()))
}

/// The answer of `/api/listings/{id}/siblings`.
#[derive(Debug, Serialize)]
pub struct Siblings {
    /// The listing asked about.
    pub id: String,
    /// The id of its organisation's main listing.
    pub organisation: String,
    /// The organisation's other listed listings: its main listing first
    /// (unless it was asked about), then the departments, most popular
    /// first.
    pub siblings: Vec<ListingView>,
}

/// `GET /api/listings/{id}/siblings`.
pub async fn siblings(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Siblings>, ApiError> {
    let Path(id) = id?;
    if !is_valid_id(&id) {
        return Err(not_found(&id));
    }
    let dir = state.directory();
    let answer = state
        .blocking(move || {
            let listing = browse::listed_listing(&dir, &id)?.ok_or_else(|| not_found(&id))?;
            let siblings = browse::siblings(&dir, &listing)?;
            Ok(Siblings {
                organisation: listing.parent_id.clone().unwrap_or_else(|| id.clone()),
                id,
                siblings: siblings.into_iter().map(ListingView::from).collect(),
            })
        })
        .await?;
    Ok(Json(answer))
}

/// The listed listing with `id`, or a 404.
pub async fn find(state: &AppState, id: String) -> Result<crate::model::Listing, ApiError> {
    if !is_valid_id(&id) {
        return Err(not_found(&id));
    }
    let dir = state.directory();
    state
        .blocking(move || browse::listed_listing(&dir, &id)?.ok_or_else(|| not_found(&id)))
        .await
}

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("no listing with id {id:?}"))
}
