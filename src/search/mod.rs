//! Search: understand (classify and expand the typed query) → plan (one
//! tantivy query for candidates) → rank (check each candidate again, assign
//! its tier and say why it matched).

pub mod plan;
mod prefix_phrase;
pub mod rank;
mod slip;
pub mod understand;

pub use understand::{check_query, QueryError};
mod union;

use serde::Serialize;
use tantivy::{DocAddress, TantivyDocument};

use crate::error::{Error, Result};
use crate::index::{document, Directory};
use crate::model::Listing;

/// How a hit matched, best first. The order of the variants is the ranking
/// order of the tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The whole name, as typed.
    Exact,
    /// The start of the name.
    Prefix,
    /// A short or former name in the data.
    Alias,
    /// A short name derived from the name's words.
    ShortName,
    /// Chars or words inside the name.
    Inner,
    /// The whole phone number or its start or end.
    Number,
    /// Full pinyin syllables.
    FullPinyin,
    /// Han chars mixed with pinyin.
    Mixed,
    /// Pinyin initials.
    Initials,
    /// Pinyin with accent-bent sounds (z/zh, n/l, an/ang ...).
    FuzzyPinyin,
    /// Han chars that sound like the name's.
    Homophone,
    /// Pinyin with one slip.
    Typo,
    /// The English name.
    English,
    /// The department (qualifies a name).
    Department,
    /// The district, city or address (qualifies a name).
    Area,
    /// The category (qualifies a name).
    Category,
    /// The chars as typed (before ranking decides exact, prefix or inner).
    Literal,
    /// Matched only through a related field.
    Other,
}

impl MatchKind {
    /// The tier: lower ranks first.
    pub fn tier(self) -> u32 {
        match self {
            MatchKind::Exact => 0,
            MatchKind::Prefix => 1,
            MatchKind::Alias => 2,
            MatchKind::ShortName => 3,
            MatchKind::Inner | MatchKind::Literal => 4,
            MatchKind::Number => 4,
            MatchKind::FullPinyin => 5,
            MatchKind::Mixed => 5,
            MatchKind::Initials => 6,
            MatchKind::English => 6,
            MatchKind::FuzzyPinyin => 7,
            MatchKind::Homophone => 8,
            MatchKind::Typo => 9,
            MatchKind::Department => 10,
            MatchKind::Area => 10,
            MatchKind::Category => 10,
            MatchKind::Other => 11,
        }
    }

    /// Returns true if and only if this kind only qualifies a name (district,
    /// department, category) rather than naming the listing.
    pub fn is_qualifier(self) -> bool {
        matches!(
            self,
            MatchKind::Department | MatchKind::Area | MatchKind::Category
        )
    }
}

/// One ranked result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The listing.
    pub listing: Listing,
    /// How it matched.
    pub kind: MatchKind,
    /// Char ranges `[from, to)` of the name that matched, for highlighting.
    pub highlights: Vec<(usize, usize)>,
    /// A display score: higher is better; consistent with the order.
    pub score: f32,
    #[serde(skip)]
    qualifiers: usize,
    #[serde(skip)]
    whole: bool,
    #[serde(skip)]
    anchored: bool,
    #[serde(skip)]
    typed_department: bool,
    /// Its name starts another hit's name, matched the same way: the
    /// organisation the others are part of (中山大学 for 中山大学附属…).
    #[serde(skip)]
    root: bool,
}

impl Hit {
    fn new(
        listing: Listing,
        kind: MatchKind,
        highlights: Vec<(usize, usize)>,
        qualifiers: usize,
        typed_department: bool,
        _district_typed: bool,
    ) -> Hit {
        let score = (12 - kind.tier().min(12)) as f32 * 10.0
            + qualifiers as f32 * 2.0
            + (1.0 + listing.weight as f32).ln();
        Hit {
            listing,
            kind,
            highlights,
            score,
            qualifiers,
            whole: false,
            anchored: false,
            typed_department,
            root: false,
        }
    }

    fn is_main(&self) -> bool {
        self.listing.department.is_none()
    }
}

/// Filters on the hits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only listings of this district.
    pub district: Option<String>,
    /// Only listings of this category.
    pub category: Option<String>,
}

/// Runs `query` on `dir`, returning at most `limit` ranked hits. A query
/// that cannot be searched (empty, too long) is an [`Error::Query`].
///
/// Every segment holds its listings in order of falling weight (the index
/// is built and changed that way), so the first matches of any look-up in a
/// segment are its most popular ones. The look-ups of [`plan::probes`] run
/// best tier first, each reading only its first matches, and stop as soon as
/// `limit` hits are found: the cost depends on how many hits are wanted, not
/// on how many listings match (`z` matches most of a city).
///
/// The look-ups come in five stages: what was typed, typed pinyin inside a
/// name, what it may stand for (short names, homophones, fuzzy pinyin),
/// fuzzy pinyin inside a name, one slip. A later stage runs only while fewer than `limit` hits are found
/// and none of them matched a name or alias as typed: when the caller's
/// words are found literally, sound-alikes would only add noise below them.
/// What the words of a query of several may stand for (`天河 中衣`) is
/// looked for only when the words found nothing as typed. Pinyin inside a
/// name, fuzzy or not, and a slip are looked for only when
/// nothing was found before them: they are dear on a big directory, and a worse explanation
/// of what was typed than any match already found.
pub fn search(dir: &Directory, query: &str, limit: usize, filters: &Filters) -> Result<Vec<Hit>> {
    let understood = understand::understand(query)?;
    let searcher = dir.searcher();
    let mut seen = std::collections::HashSet::new();
    let mut hits: Vec<Hit> = Vec::new();
    // Room for the departments that `finish` folds away.
    let per_probe = limit * 3;
    'stages: for (stage, probes) in plan::probes(dir.fields(), &understood, filters)
        .into_iter()
        .enumerate()
    {
        if hits
            .iter()
            .any(|h| h.kind.tier() <= MatchKind::Alias.tier())
        {
            break;
        }
        // Pinyin inside a name, and a slip, are later explanations: looked
        // for only when nothing matched before them.
        if [WITHIN, DERIVED_WITHIN, SLIPS].contains(&stage) && !hits.is_empty() {
            continue;
        }
        // Words of several parts found as typed (`天河 中医院`): what they
        // may stand for would rank below them.
        if stage == DERIVED && understood.parts.len() > 1 && !hits.is_empty() {
            continue;
        }
        for probe in probes {
            let found = most_popular(dir, &searcher, probe.as_ref(), per_probe)?;
            for address in found {
                if seen.insert(address) {
                    if let Some(hit) = judge_document(dir, &searcher, address, &understood)? {
                        hits.push(hit);
                    }
                }
            }
            if shown_count(&hits) >= limit {
                break 'stages;
            }
            // The slip look-ups go from the strictest (every syllable after
            // the slip in the name) to the loosest: the hits of a stricter
            // one explain what was typed better than any a looser one adds.
            if stage == SLIPS && !hits.is_empty() {
                break 'stages;
            }
        }
    }
    Ok(finish(hits, limit))
}

/// Returns true if and only if `text` may be a derived short name: Han
/// chars, and digits of a name (`1查` for 114查号台), at least one Han.
pub(crate) fn is_short_name_text(text: &str) -> bool {
    text.chars().all(|c| !c.is_ascii() || c.is_ascii_digit()) && !text.is_ascii()
}

/// The stage of [`plan::probes`] that looks for typed pinyin inside names.
const WITHIN: usize = 1;
/// The stage of [`plan::probes`] that looks for what a query may stand for.
const DERIVED: usize = 2;
/// The stage of [`plan::probes`] that looks for fuzzy pinyin inside names.
const DERIVED_WITHIN: usize = 3;
/// The stage of [`plan::probes`] that reads one slip into typed pinyin.
const SLIPS: usize = 4;

/// The `k` most popular live documents matching `query`: the first `k` of
/// each segment (each is in order of falling weight), then the best `k` of
/// those by weight.
fn most_popular(
    dir: &Directory,
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    k: usize,
) -> Result<Vec<DocAddress>> {
    use tantivy::query::EnableScoring;
    use tantivy::{DocSet, TERMINATED};
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut found: Vec<(f64, DocAddress)> = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(reader, 1.0)?;
        let weights = dir.weights(reader);
        let alive = reader.alive_bitset();
        let mut taken = 0;
        let mut doc = scorer.doc();
        while doc != TERMINATED && taken < k {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let w = weights.as_ref().and_then(|c| c.first(doc)).unwrap_or(0.0);
                found.push((w, DocAddress::new(ord as u32, doc)));
                taken += 1;
            }
            doc = scorer.advance();
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    found.truncate(k);
    Ok(found.into_iter().map(|(_, a)| a).collect())
}

/// Most departments of one organisation shown in one result list, unless a
/// department was typed: the rest are one step away as siblings, and the
/// list keeps room for other organisations the caller may mean.
const DEPARTMENTS_PER_ORGANISATION: usize = 2;

fn finish(mut hits: Vec<Hit>, limit: usize) -> Vec<Hit> {
    mark_roots(&mut hits);
    hits.sort_by(rank::order);
    let mut shown: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    hits.retain(|hit| {
        let Some(parent) = &hit.listing.parent_id else {
            return true;
        };
        if hit.typed_department {
            return true;
        }
        let n = shown.entry(parent.clone()).or_default();
        *n += 1;
        *n <= DEPARTMENTS_PER_ORGANISATION
    });
    hits.truncate(limit);
    hits
}

/// How many of `hits` [`finish`] would show before cutting to a limit:
/// which departments it keeps depends on the order, how many does not, so
/// this needs no sort (it runs after every look-up).
fn shown_count(hits: &[Hit]) -> usize {
    let mut per_parent: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    hits.iter()
        .filter(|hit| match &hit.listing.parent_id {
            Some(parent) if !hit.typed_department => {
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
            hit.anchored
                && hits.iter().any(|other| {
                    other.anchored
                        && other.kind.tier() == hit.kind.tier()
                        && other.listing.name.len() > name.len()
                        && other.listing.name.starts_with(name)
                })
        })
        .collect();
    for (hit, root) in hits.iter_mut().zip(roots) {
        hit.root = root;
    }
}

/// Loads one candidate and lets the ranking stage judge it. Ex-directory
/// listings never become hits, whatever matched.
fn judge_document(
    dir: &Directory,
    searcher: &tantivy::Searcher,
    address: DocAddress,
    understood: &understand::Understood,
) -> Result<Option<Hit>> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let Some(listing) = document::from_document(dir.fields(), &doc) else {
        return Ok(None);
    };
    if !listing.listed {
        return Ok(None);
    }
    let inherited = document::inherited_aliases(dir.fields(), &doc);
    Ok(rank::judge(listing, &inherited, understood))
}
