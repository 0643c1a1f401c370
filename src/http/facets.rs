//! `GET /api/districts`, `GET /api/categories` and `GET /healthz`: what the
//! filters of the pages offer, and whether the service can answer.
//!
//! The lists and the count of listed listings are computed once per
//! generation (a few milliseconds on a million listings) and kept until a
//! batch publishes the next one; the search handler checks its filters
//! against the same lists.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use tokio::sync::Mutex;

use super::error::ApiError;
use super::AppState;
use crate::index::browse::{self, FacetCount};
use crate::index::Directory;

/// The facets of one generation.
#[derive(Debug)]
pub struct Facets {
    districts: Vec<FacetCount>,
    categories: Vec<FacetCount>,
    listed: u64,
}

/// The facets of the generation last asked about. The directory is kept
/// with them so that a newer generation (another `Arc`) is recognised.
#[derive(Default)]
pub struct Cache(Mutex<Option<(Arc<Directory>, Arc<Facets>)>>);

impl AppState {
    /// The facets of the generation being served.
    pub async fn facets(&self) -> Result<Arc<Facets>, ApiError> {
        let dir = self.directory();
        // One computation per generation even when many requests arrive at
        // once after a switch: the others wait for it here.
        let mut cached = self.facet_cache().0.lock().await;
        if let Some((seen, facets)) = cached.as_ref() {
            if Arc::ptr_eq(seen, &dir) {
                return Ok(facets.clone());
            }
        }
        let computing = dir.clone();
        let facets = Arc::new(
            self.blocking(move || {
                Ok(Facets {
                    districts: browse::districts(&computing)?,
                    categories: browse::categories(&computing)?,
                    listed: browse::listed_count(&computing)?,
                })
            })
            .await?,
        );
        *cached = Some((dir, facets.clone()));
        Ok(facets)
    }
}

impl Facets {
    /// Listed listings in the generation.
    pub fn listed(&self) -> u64 {
        self.listed
    }

    /// Accepts a district that some listed listing has.
    pub fn check_district(&self, district: &str) -> Result<(), ApiError> {
        check("district", district, &self.districts, "/api/districts")
    }

    /// Accepts a category that some listed listing has.
    pub fn check_category(&self, category: &str) -> Result<(), ApiError> {
        check("category", category, &self.categories, "/api/categories")
    }
}

/// How many valid values an error message names before it points to the
/// endpoint listing them all.
const NAMED_IN_ERRORS: usize = 20;

fn check(what: &str, value: &str, known: &[FacetCount], endpoint: &str) -> Result<(), ApiError> {
    if known.iter().any(|f| f.value == value) {
        return Ok(());
    }
    let named: Vec<&str> = known
        .iter()
        .take(NAMED_IN_ERRORS)
        .map(|f| f.value.as_str())
        .collect();
    let more = match known.len().saturating_sub(NAMED_IN_ERRORS) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    Err(ApiError::BadRequest(format!(
        "unknown {what} {value:?}; valid: {}{more} (all of them: {endpoint})",
        named.join(", ")
    )))
}

/// One entry of `/api/districts` or `/api/categories`.
#[derive(Debug, Serialize)]
pub struct FacetView {
    /// The value to filter on.
    pub name: String,
    /// Listed listings with it.
    pub count: u64,
}

/// The answer of `/api/districts` and `/api/categories`.
#[derive(Debug, Serialize)]
pub struct FacetList {
    /// By count, largest first, then by name.
    pub items: Vec<FacetView>,
}

fn list(facets: &[FacetCount]) -> Json<FacetList> {
    let mut items: Vec<FacetView> = facets
        .iter()
        .map(|f| FacetView {
            name: f.value.clone(),
            count: f.count,
        })
        .collect();
    items.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    Json(FacetList { items })
}

/// `GET /api/districts`.
pub async fn districts(State(state): State<AppState>) -> Result<Json<FacetList>, ApiError> {
    Ok(list(&state.facets().await?.districts))
}

/// `GET /api/categories`.
pub async fn categories(State(state): State<AppState>) -> Result<Json<FacetList>, ApiError> {
    Ok(list(&state.facets().await?.categories))
}

/// The answer of `/healthz`.
#[derive(Debug, Serialize)]
pub struct Health {
    /// Always `ok` (anything else is an error status).
    pub status: &'static str,
    /// The generation being served.
    pub generation: String,
    /// Listed listings in it.
    pub listings: u64,
}

/// `GET /healthz`: 200 when a generation is open and countable.
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let facets = state.facets().await?;
    Ok(Json(Health {
        status: "ok",
        generation: state.live().generation(),
        listings: facets.listed,
    }))
}
