//! Ranking: each candidate is judged — every part of the query must match
//! it (see [`super::explain`]) — and given its [`Tier`] and the facts the
//! tie-breaks of [`order`] compare; then the hits are ordered, departments
//! of one organisation folded, and the list cut.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::explain::{self, Candidate, PartMatch};
use super::understand::Understood;
use super::{Hit, MatchKind, MatchedPart};
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
    /// Found by reading the query as a compound request, not as typed.
    pub(super) compound: bool,
    /// Matched only part of the query.
    pub(super) partial: bool,
    /// A derived short name named it.
    pub(super) short_name: bool,
    /// How far the derived short name that named it is from the usual way
    /// of shortening its name (0 when none did).
    pub(super) short_cost: u8,
    /// How well the department typed fits its department (see
    /// `PartMatch::dept_fit`).
    pub(super) dept_fit: u8,
    /// Every part that named it as an alias typed the whole alias (`中大`):
    /// it ranks with the exact names.
    pub(super) whole_alias: bool,
    /// How well its numbers serve what the caller asked for: 2, a service
    /// hotline with that label (95588 for `工行客服`); 1, a number with that
    /// label; 0, none (or nothing asked).
    pub(super) serves_wanted: u8,
}

impl Facts {
    /// Returns true if and only if the query spelled the whole name from
    /// its start: no other reading of the query explains it better.
    pub(super) fn spells_whole_name(&self) -> bool {
        self.whole && self.anchored
    }

    /// Returns true if and only if a derived short name formed the usual
    /// way named it: a piece of each word from the first, the last piece
    /// from the last word.
    pub(super) fn usual_short_name(&self) -> bool {
        self.short_name && self.short_cost == 0
    }

    /// Returns true if and only if a naming part matched from the start of
    /// the name or an alias.
    pub(super) fn anchored_name(&self) -> bool {
        self.anchored
    }
}

/// Checks `listing` against the query and builds its hit, or None when on a
/// closer look it does not match.
pub fn judge(listing: Listing, inherited: &[String], understood: &Understood) -> Option<Hit> {
    judge_candidate(&Candidate::new(listing, inherited.to_vec()), understood)
}

/// [`judge`] for a candidate already analysed (by an earlier reading of
/// the same search, say).
pub(super) fn judge_candidate(candidate: &Candidate, understood: &Understood) -> Option<Hit> {
    let listing = candidate.listing();
    let parts: Vec<Option<PartMatch>> = understood
        .parts
        .iter()
        .map(|part| candidate.match_part(part))
        .collect();
    let matched: Vec<PartMatch> = parts.iter().flatten().cloned().collect();
    let told: Vec<MatchedPart> = understood
        .parts
        .iter()
        .zip(&parts)
        .map(|(part, m)| MatchedPart {
            text: part.text.clone(),
            role: part.role,
            kind: m.as_ref().map(|m| m.kind),
        })
        .collect();
    let named = if matched.len() == parts.len() {
        explain::combine(&matched)
    } else {
        None
    };
    let (kind, spans) = match named {
        Some(named) => named,
        None => {
            let kind = match &understood.number {
                Some(digits) if explain::number_matches(listing, digits) => MatchKind::Number,
                _ if explain::english_matches(listing, understood) => {
                    let mut hit = hit(
                        listing.clone(),
                        MatchKind::English,
                        Vec::new(),
                        Facts::default(),
                    );
                    hit.parts = vec![MatchedPart {
                        text: understood.normalized.clone(),
                        role: super::Role::Typed,
                        kind: Some(MatchKind::English),
                    }];
                    return Some(hit);
                }
                _ => return None,
            };
            (kind, Vec::new())
        }
    };
    let name_chars = listing.name.chars().count();
    let facts = Facts {
        qualifiers: matched.iter().filter(|p| p.kind.is_qualifier()).count(),
        // A department typed short in letters (`crj` of 出入境管理支队)
        // leaves the listing spelled in part only.
        whole: spans
            .iter()
            .any(|&(from, to)| from == 0 && to == name_chars)
            && matched.iter().all(|p| p.through.is_none()),
        anchored: matched.iter().any(|p| p.anchored && !p.kind.is_qualifier()),
        typed_department: matched.iter().any(|p| p.kind == MatchKind::Department),
        dept_fit: matched.iter().map(|p| p.dept_fit).max().unwrap_or(0),
        short_cost: matched.iter().map(|p| p.short_cost).max().unwrap_or(0),
        short_name: kind == MatchKind::ShortName,
        whole_alias: kind == MatchKind::Alias
            && matched
                .iter()
                .filter(|p| p.kind == MatchKind::Alias)
                .all(|p| p.whole_alias),
        ..Facts::default()
    };
    let mut hit = hit(listing.clone(), kind, spans, facts);
    hit.parts = if told.iter().all(|p| p.kind.is_some()) {
        told
    } else {
        vec![MatchedPart {
            text: understood.normalized.clone(),
            role: super::Role::Typed,
            kind: Some(kind),
        }]
    };
    Some(hit)
}

fn hit(listing: Listing, kind: MatchKind, highlights: Vec<(usize, usize)>, facts: Facts) -> Hit {
    let tier = if facts.whole_alias {
        super::Tier::Exact
    } else {
        kind.tier()
    };
    let score = (12 - (tier as u32).min(12)) as f32 * 10.0
        + facts.qualifiers as f32 * 2.0
        + (1.0 + listing.weight as f32).ln();
    Hit {
        listing,
        kind,
        highlights,
        score,
        parts: Vec::new(),
        partial: None,
        wanted: None,
        facts,
    }
}

/// How many chars of the name the query spelled: the same letters that
/// spell more chars (`shsd` as 沙河顺德 rather than 顺思东) are the likelier
/// reading.
fn covered(hit: &Hit) -> usize {
    hit.highlights.iter().map(|(from, to)| to - from).sum()
}

/// Orders hits: a match of the whole query before a partial one, then
/// tier, then a derived short name formed the usual way before a looser one
/// (`鱼小`: 鱼珠小学 before 鱼珠沙县小吃), then a match of the whole name before a match of part of it
/// (`zsdx` is 中山大学 before 中山大学附属第一医院), then a match at the
/// start of the name before one inside it, then the query as typed before
/// a reading of it as a compound request, then the department typed all
/// of before one typed the start of, before one typed words inside
/// (`五十一中bgs`: 办公室 before 招生办公室), then the listing whose number
/// serves what was asked for (`工行客服`: the 95588 hotline), then the organisation before the
/// names that start with its name (`zhongshanda` is 中山大学 before
/// 中山大学附属第一医院), then more of the name spelled, then qualifiers
/// matched, then the main listing before its departments (unless a
/// department was typed), then popularity, then the shorter name, then id.
pub fn order(a: &Hit, b: &Hit) -> Ordering {
    let (fa, fb) = (&a.facts, &b.facts);
    fa.partial
        .cmp(&fb.partial)
        .then(a.tier().cmp(&b.tier()))
        .then(fa.short_cost.cmp(&fb.short_cost))
        .then(fb.whole.cmp(&fa.whole))
        .then(fb.anchored.cmp(&fa.anchored))
        .then(fa.compound.cmp(&fb.compound))
        .then(fb.dept_fit.cmp(&fa.dept_fit))
        .then(fb.serves_wanted.cmp(&fa.serves_wanted))
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
