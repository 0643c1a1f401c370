//! `GET /api/search?q=QUERY&limit=10[&district=D][&category=C]`: the hits
//! for what was typed, best first, keystroke by keystroke.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::cache::{Hits, Key};
use super::error::ApiError;
use super::metrics::Answer;
use super::view::HitView;
use super::AppState;
use crate::search::Filters;

/// Hits returned when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 10;
/// The most hits one request may ask for.
pub const MAX_LIMIT: usize = 50;

/// The query string, taken as text so that every bad value gets a message
/// naming it rather than a generic deserialisation error.
#[derive(Debug, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    limit: Option<String>,
    district: Option<String>,
    category: Option<String>,
    offset: Option<String>,
    page: Option<String>,
    start: Option<String>,
}

/// The answer: contract section 4. The hits come serialised, straight from
/// the cache or from a search.
#[derive(Debug, Serialize)]
pub struct SearchResponse<'a> {
    /// The query as received.
    pub query: &'a str,
    /// Time spent answering, in milliseconds.
    pub took_ms: f64,
    /// The hits ([`HitView`]s), best first.
    pub hits: &'a RawValue,
}

/// The handler.
pub async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let started = Instant::now();
    let Query(params) = params?;
    if params.offset.is_some() || params.page.is_some() || params.start.is_some() {
        return Err(ApiError::BadRequest(format!(
            "paging is not offered: a search answers with its best {MAX_LIMIT} hits at most; \
             refine the query or filter by district or category instead"
        )));
    }
    let query = check_query(params.q)?;
    let limit = check_limit(params.limit.as_deref())?;
    let district = non_empty(params.district);
    let category = non_empty(params.category);
    if district.is_some() || category.is_some() {
        let facets = state.facets().await?;
        if let Some(d) = &district {
            facets.check_district(d)?;
        }
        if let Some(c) = &category {
            facets.check_category(c)?;
        }
    }
    let dir = state.directory();
    let key = Key {
        q: query.clone(),
        limit,
        district,
        category,
    };
    let cached = state.search_cache().get(&dir, &key);
    let (hits, count, cached) = match cached {
        Some(hits) => (hits, None, true),
        None => {
            let filters = Filters {
                district: key.district.clone(),
                category: key.category.clone(),
            };
            let q = query.clone();
            let searched = dir.clone();
            let (hits, count) = state
                .blocking(move || {
                    let hits = crate::search::search(&searched, &q, limit, &filters)?;
                    let count = hits.len();
                    let answer = Answer::of(&hits);
                    let views: Vec<HitView> = hits.into_iter().map(HitView::from).collect();
                    let raw = serde_json::value::to_raw_value(&views)
                        .map_err(|e| ApiError::Internal(format!("hits do not serialise: {e}")))?;
                    Ok((
                        Hits {
                            json: Arc::<RawValue>::from(raw),
                            answer,
                        },
                        count,
                    ))
                })
                .await?;
            state.search_cache().put(&dir, key, hits.clone());
            (hits, Some(count), false)
        }
    };
    state.metrics().search(script(&query), hits.answer);
    let took_ms = (started.elapsed().as_secs_f64() * 1e5).round() / 100.0;
    tracing::info!(
        q_chars = query.chars().count(),
        q_script = script(&query),
        limit,
        hits = count,
        cached,
        took_ms,
        "search"
    );
    Ok(Json(SearchResponse {
        query: &query,
        took_ms,
        hits: &hits.json,
    })
    .into_response())
}

/// `q` must be there, and searchable ([`crate::search::check_query`]: not
/// only spaces and punctuation, at most
/// [`MAX_QUERY_CHARS`](crate::search::understand::MAX_QUERY_CHARS) characters).
fn check_query(q: Option<String>) -> Result<String, ApiError> {
    let Some(q) = q else {
        return Err(ApiError::BadRequest(
            "q is missing: give a name, short name, pinyin or number, e.g. /api/search?q=zsdx"
                .to_string(),
        ));
    };
    crate::search::check_query(&q).map_err(|e| ApiError::BadRequest(e.of_parameter("q")))?;
    Ok(q)
}

/// `limit` is a whole number from 1 to [`MAX_LIMIT`]; absent means
/// [`DEFAULT_LIMIT`].
fn check_limit(limit: Option<&str>) -> Result<usize, ApiError> {
    let Some(text) = limit else {
        return Ok(DEFAULT_LIMIT);
    };
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        _ => Err(ApiError::BadRequest(format!(
            "limit must be a whole number from 1 to {MAX_LIMIT}, got {text:?}"
        ))),
    }
}

/// An empty filter (`district=`) means no filter, as a form sends it.
fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// What kind of text was typed, for the request log: the log keeps the
/// shape of a query, never the query.
pub fn script(q: &str) -> &'static str {
    let (mut han, mut latin, mut digit) = (false, false, false);
    for c in q.chars() {
        if c.is_ascii_digit() {
            digit = true;
        } else if c.is_ascii_alphabetic() {
            latin = true;
        } else if !c.is_whitespace() && !c.is_ascii_punctuation() {
            han = true;
        }
    }
    match (han, latin, digit) {
        (true, false, false) => "han",
        (false, true, false) => "latin",
        (false, false, true) => "digits",
        _ => "mixed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert_eq!(check_limit(None).ok(), Some(DEFAULT_LIMIT));
        assert_eq!(check_limit(Some("50")).ok(), Some(50));
        for bad in ["0", "51", "-1", "abc", "", "1.5"] {
            assert!(check_limit(Some(bad)).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn scripts() {
        assert_eq!(script("中山一院"), "han");
        assert_eq!(script("zsdx"), "latin");
        assert_eq!(script("5766"), "digits");
        assert_eq!(script("中山dx"), "mixed");
    }
}
