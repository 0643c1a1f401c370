//! Ranking: each candidate is judged — every part of the query must match
//! it (see [`super::explain`]) — and given its [`Tier`] and the facts the
//! tie-breaks of [`order`] compare; then the hits are ordered, departments
//! of one organisation folded, and the list cut.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::explain::{self, Candidate, PartMatch};
use super::understand::Understood;
use super::{Hit, MatchKind};
use crate::model::Listing;

/// What the tie-breaks of [`order`] know of a hit besides its tier.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Facts {
    /// How many parts matched a district, department or category.
    qualifiers: usize,
    /// A part spelled the whole name.
    whole: bool,
    /// A naming part matched from the start of the name or an alias.
    anchored: bool,
    /// A part matched the department.
    typed_department: bool,
    /// Its name starts another hit's name, matched the same way: the
    /// organisation the others are part of (中山大学 for 中山大学附属…).
    root: bool,
}

/// Checks `listing` against the query and builds its hit, or None when on a
/// closer look it does not match.
pub fn judge(listing: Listing, inherited: &[String], understood: &Understood) -> Option<Hit> {
    let candidate = Candidate::new(&listing, inherited);
    let parts: Vec<Option<PartMatch>> = understood
        .parts
        .iter()
        .map(|part| candidate.match_part(part))
        .collect();
    let matched: Vec<PartMatch> = parts.iter().flatten().cloned().collect();
    let named = if matched.len() == parts.len() {
        explain::combine(&matched)
    } else {
        None
    };
    let (kind, spans) = match named {
        Some(named) => named,
        None => {
            let kind = match &understood.number {
                Some(digits) if explain::number_matches(&listing, digits) => MatchKind::Number,
                _ if explain::english_matches(&listing, understood) => {
                    return Some(hit(
                        listing,
                        MatchKind::English,
                        Vec::new(),
                        Facts::default(),
                    ));
                }
                _ => return None,
            };
            (kind, Vec::new())
        }
    };
    let name_chars = listing.name.chars().count();
    let facts = Facts {
        qualifiers: matched.iter().filter(|p| p.kind.is_qualifier()).count(),
        whole: spans
            .iter()
            .any(|&(from, to)| from == 0 && to == name_chars),
        anchored: matched.iter().any(|p| p.anchored && !p.kind.is_qualifier()),
        typed_department: matched.iter().any(|p| p.kind == MatchKind::Department),
        root: false,
    };
    Some(hit(listing, kind, spans, facts))
}

fn hit(listing: Listing, kind: MatchKind, highlights: Vec<(usize, usize)>, facts: Facts) -> Hit {
    let score = (12 - (kind.tier() as u32).min(12)) as f32 * 10.0
        + facts.qualifiers as f32 * 2.0
        + (1.0 + listing.weight as f32).ln();
    Hit {
        listing,
        kind,
        highlights,
        score,
        facts,
    }
}

/// How many chars of the name the query spelled: the same letters that
/// spell more chars (`shsd` as 沙河顺德 rather than 顺思东) are the likelier
/// reading.
fn covered(hit: &Hit) -> usize {
    hit.highlights.iter().map(|(from, to)| to - from).sum()
}

/// Orders hits: tier, then a match of the whole name before a match of part
/// of it (`zsdx` is 中山大学 before 中山大学附属第一医院), then a match at the
/// start of the name before one inside it, then the organisation before the
/// names that start with its name (`zhongshanda` is 中山大学 before
/// 中山大学附属第一医院), then more of the name spelled, then qualifiers
/// matched, then the main listing before its departments (unless a
/// department was typed), then popularity, then the shorter name, then id.
pub fn order(a: &Hit, b: &Hit) -> Ordering {
    let (fa, fb) = (&a.facts, &b.facts);
    a.tier()
        .cmp(&b.tier())
        .then(fb.whole.cmp(&fa.whole))
        .then(fb.anchored.cmp(&fa.anchored))
        .then(fb.root.cmp(&fa.root))
        .then(covered(b).cmp(&covered(a)))
        .then(fb.qualifiers.cmp(&fa.qualifiers))
        .then_with(|| {
            // Asked of both hits, so the order is a total order: a sort
            // with a comparison that is not one may give any order.
            if fa.typed_department || fb.typed_department {
                Ordering::Equal
            } else {
                b.is_main().cmp(&a.is_main())
            }
        })
        .then(b.listing.weight.total_cmp(&a.listing.weight))
        .then(
            a.listing
                .name
                .chars()
                .count()
                .cmp(&b.listing.name.chars().count()),
        )
        .then_with(|| a.listing.id.cmp(&b.listing.id))
}

/// Most departments of one organisation shown in one result list, unless a
/// department was typed: the rest are one step away as siblings, and the
/// list keeps room for other organisations the caller may mean.
const DEPARTMENTS_PER_ORGANISATION: usize = 2;

/// The hits in order, at most [`DEPARTMENTS_PER_ORGANISATION`] of one
/// organisation's departments among them, at most `limit`.
pub(super) fn finish(mut hits: Vec<Hit>, limit: usize) -> Vec<Hit> {
    mark_roots(&mut hits);
    hits.sort_by(order);
    let mut shown: HashMap<String, usize> = HashMap::new();
    hits.retain(|hit| match &hit.listing.parent_id {
        Some(parent) if !hit.facts.typed_department => {
            let n = shown.entry(parent.clone()).or_default();
            *n += 1;
            *n <= DEPARTMENTS_PER_ORGANISATION
        }
        _ => true,
    });
    hits.truncate(limit);
    hits
}

/// How many of `hits` [`finish`] would show before cutting to a limit:
/// which departments it keeps depends on the order, how many does not, so
/// this needs no sort (it runs after every look-up).
pub(super) fn shown_count(hits: &[Hit]) -> usize {
    let mut per_parent: HashMap<&str, usize> = HashMap::new();
    hits.iter()
        .filter(|hit| match &hit.listing.parent_id {
            Some(parent) if !hit.facts.typed_department => {
                let n = per_parent.entry(parent.as_str()).or_default();
                *n += 1;
                *n <= DEPARTMENTS_PER_ORGANISATION
            }
            _ => true,
        })
        .count()
}

/// Marks each anchored hit whose name is the start of another anchored
/// hit's name of the same tier.
fn mark_roots(hits: &mut [Hit]) {
    let roots: Vec<bool> = hits
        .iter()
        .map(|hit| {
            let name = hit.listing.name.as_str();
            hit.facts.anchored
                && hits.iter().any(|other| {
                    other.facts.anchored
                        && other.tier() == hit.tier()
                        && other.listing.name.len() > name.len()
                        && other.listing.name.starts_with(name)
                })
        })
        .collect();
    for (hit, root) in hits.iter_mut().zip(roots) {
        hit.facts.root = root;
    }
}
