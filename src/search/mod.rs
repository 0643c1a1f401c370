//! Search: understand (classify and expand the typed query) → plan (one
//! tantivy query for candidates) → rank (check each candidate again, assign
//! its tier and say why it matched).

pub mod plan;
pub mod rank;
pub mod understand;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::{DocAddress, Score, SegmentReader, TantivyDocument};

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
    typed_department: bool,
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
            typed_department,
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

/// How many candidates the ranking stage looks at.
const CANDIDATES: usize = 100;

/// Runs `query` on `dir`, returning at most `limit` ranked hits. A query
/// that cannot be searched (empty, too long) is a [`Error::User`].
pub fn search(dir: &Directory, query: &str, limit: usize, filters: &Filters) -> Result<Vec<Hit>> {
    let understood = understand::understand(query).map_err(Error::User)?;
    let Some(planned) = plan::plan(dir.fields(), &understood, filters) else {
        return Ok(Vec::new());
    };
    let searcher = dir.searcher();
    let collector =
        TopDocs::with_limit(CANDIDATES.max(limit)).tweak_score(move |segment: &SegmentReader| {
            let weight = segment.fast_fields().f64("weight").ok();
            move |doc, score: Score| {
                let w = weight.as_ref().and_then(|c| c.first(doc)).unwrap_or(0.0);
                score + (1.0 + w as f32).ln()
            }
        });
    let candidates: Vec<(Score, DocAddress)> = searcher.search(planned.as_ref(), &collector)?;
    let mut hits = Vec::with_capacity(candidates.len());
    for (_, address) in candidates {
        let doc: TantivyDocument = searcher.doc(address)?;
        let Some(listing) = document::from_document(dir.fields(), &doc) else {
            continue;
        };
        if !listing.listed {
            continue;
        }
        let inherited = document::inherited_aliases(dir.fields(), &doc);
        if let Some(hit) = rank::judge(listing, &inherited, &understood) {
            hits.push(hit);
        }
    }
    hits.sort_by(rank::order);
    hits.truncate(limit);
    Ok(hits)
}
