//! Read-only look-ups the web pages need besides search: a listing by id,
//! the other listings of the same organisation, and the districts and
//! categories present in the directory.
//!
//! Everything here answers for the public, so every function hides
//! ex-directory listings (`listed: false`): they are skipped by id, never
//! returned as relatives, and never counted. An ex-directory listing has no
//! `district`, `category` or `parent` term (see [`super::document`]), so the
//! term lists and the term counts below cannot see it at all; the checks on
//! `listed` are a second line of defence.

use std::collections::BTreeSet;

use crate::text::vocab::Vocabulary;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

use super::{document, Directory};
use crate::error::Result;
use crate::model::Listing;

/// Most siblings returned for one organisation: a large hospital has a few
/// dozen departments, a bank a few hundred branches, and a person reading
/// numbers aloud needs the first screenful, not all of them.
pub const MAX_SIBLINGS: usize = 200;

/// One value of a facet (a district or a category) and how many listed
/// listings carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    /// The value, e.g. `天河区`.
    pub value: String,
    /// Listed listings with that value.
    pub count: u64,
}

/// The listing with `id` if and only if it exists and is listed.
pub fn listed_listing(dir: &Directory, id: &str) -> Result<Option<Listing>> {
    Ok(dir.listing(id)?.filter(|l| l.listed))
}

/// The listed listings of the organisation `listing` belongs to, other than
/// `listing` itself: its parent's main listing first (when it has a parent),
/// then the parent's other departments, most popular (`weight`) first. For
/// a main listing these are its own departments.
pub fn siblings(dir: &Directory, listing: &Listing) -> Result<Vec<Listing>> {
    let root_id = listing.parent_id.as_deref().unwrap_or(&listing.id);
    let mut out = Vec::new();
    if root_id != listing.id {
        if let Some(root) = listed_listing(dir, root_id)? {
            out.push(root);
        }
    }
    let mut children: Vec<Listing> = children(dir, root_id)?
        .into_iter()
        .filter(|c| c.id != listing.id)
        .collect();
    // Most asked-for first (the popularity prior), then by department.
    children.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.department.cmp(&b.department))
            .then_with(|| a.id.cmp(&b.id))
    });
    out.extend(children);
    out.truncate(MAX_SIBLINGS);
    Ok(out)
}

/// The listed listings whose `parent_id` is `parent_id`, in index order, at
/// most [`MAX_SIBLINGS`] + 1 (one more, so that a caller dropping one
/// still has a full list).
pub fn children(dir: &Directory, parent_id: &str) -> Result<Vec<Listing>> {
    let searcher = dir.searcher();
    let query = TermQuery::new(
        Term::from_field_text(dir.fields().parent, parent_id),
        IndexRecordOption::Basic,
    );
    let found: Vec<(Score, DocAddress)> = searcher.search(
        &query,
        &TopDocs::with_limit(MAX_SIBLINGS + 1).order_by_score(),
    )?;
    let mut out = Vec::with_capacity(found.len());
    for (_, address) in found {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some(listing) = document::from_document(dir.fields(), &doc) {
            if listing.listed {
                out.push(listing);
            }
        }
    }
    Ok(out)
}

/// The districts of the listed listings, with their counts, by name.
pub fn districts(dir: &Directory) -> Result<Vec<FacetCount>> {
    facet(dir, dir.fields().district)
}

/// The categories of the listed listings, with their counts, by name.
pub fn categories(dir: &Directory) -> Result<Vec<FacetCount>> {
    facet(dir, dir.fields().category)
}

/// How many listings are listed (ex-directory ones are not counted).
pub fn listed_count(dir: &Directory) -> Result<u64> {
    let searcher = dir.searcher();
    let mut total = 0;
    for segment in searcher.segment_readers() {
        let listed = segment.fast_fields().u64("listed")?;
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            if listed.first(doc) == Some(1) {
                total += 1;
            }
        }
    }
    Ok(total)
}

/// Every term of a raw (untokenised) field across all segments, each
/// counted over live documents only: a term's document frequency would
/// still count listings a batch has since deleted.
fn facet(dir: &Directory, field: Field) -> Result<Vec<FacetCount>> {
    let searcher = dir.searcher();
    let values = terms(&searcher, field, |_| true)?;
    let mut out = Vec::with_capacity(values.len());
    for value in values {
        let count = count_term(&searcher, field, &value)?;
        if count > 0 {
            out.push(FacetCount { value, count });
        }
    }
    Ok(out)
}

/// Every term of `field` across all segments that `keep` keeps (terms of
/// listings since deleted among them).
fn terms(
    searcher: &Searcher,
    field: Field,
    keep: impl Fn(&str) -> bool,
) -> Result<BTreeSet<String>> {
    let mut values = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        while terms.advance() {
            if let Ok(value) = std::str::from_utf8(terms.key()) {
                if keep(value) {
                    values.insert(value.to_string());
                }
            }
        }
    }
    Ok(values)
}

/// The vocabulary of a directory: its districts, the words of its areas
/// that name a division (`广州市`, `番禺区`: they end so), and the words of
/// its departments.
pub fn vocabulary(dir: &Directory) -> Result<Vocabulary> {
    let searcher = dir.searcher();
    let fields = dir.fields();
    let mut divisions = terms(&searcher, fields.district, |_| true)?;
    divisions.extend(terms(&searcher, fields.area_words, |word| {
        word.chars().count() >= 3
            && ["省", "市", "区", "县"]
                .iter()
                .any(|suffix| word.ends_with(suffix))
    })?);
    let departments = terms(&searcher, fields.dept_words, |word| {
        word.chars().count() >= 2 && !word.is_ascii()
    })?;
    Ok(Vocabulary::new(divisions, departments))
}

fn count_term(searcher: &Searcher, field: Field, value: &str) -> Result<u64> {
    let query = TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    );
    Ok(searcher.search(&query, &Count)? as u64)
}
