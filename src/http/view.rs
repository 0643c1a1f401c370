//! What the API says about a listing: the contract's fields (section 4) and
//! a few additions for the pages. Only listed listings are ever turned into
//! these views; `listed` and `weight` (internal) are not part of them.

use serde::Serialize;

use crate::model::{Listing, ListingPhone, PhoneNumber};
use crate::search::{Hit, MatchKind, MatchedPart};

/// One number of a listing.
#[derive(Debug, Serialize)]
pub struct PhoneView {
    /// As the data editors wrote it, e.g. `020-87755766`.
    pub number: String,
    /// What the number is for, e.g. `总机`.
    pub label: Option<String>,
    /// Grouped for reading aloud, e.g. `020-8775-5766`.
    pub display: String,
    /// What to dial (a `tel:` link): the digits, and `,` and the extension
    /// when there is one (a pause, then the extension).
    pub dial: String,
}

impl PhoneView {
    /// The view of one number; a number the plan does not know (it passed
    /// validation, so this is rare) is shown as written.
    pub fn new(phone: &ListingPhone) -> PhoneView {
        let (display, dial) = match PhoneNumber::parse(&phone.number) {
            Ok(parsed) => {
                let dial = match parsed.extension() {
                    Some(ext) => format!("{},{ext}", parsed.digits()),
                    None => parsed.digits().to_string(),
                };
                (parsed.display(), dial)
            }
            Err(_) => (
                phone.number.clone(),
                phone
                    .number
                    .chars()
                    .filter(|c| c.is_ascii_digit())
                    .collect(),
            ),
        };
        PhoneView {
            number: phone.number.clone(),
            label: phone.label.clone(),
            display,
            dial,
        }
    }
}

/// A listed listing: `GET /api/listings/{id}`, relatives, and the base of
/// every search hit.
#[derive(Debug, Serialize)]
pub struct ListingView {
    /// Stable listing id.
    pub id: String,
    /// Official full name.
    pub name: String,
    /// Department or branch, `null` for an organisation's main listing.
    pub department: Option<String>,
    /// The numbers, main number first.
    pub phones: Vec<PhoneView>,
    /// Kind of organisation.
    pub category: Option<String>,
    /// District.
    pub district: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Short and former names.
    pub aliases: Vec<String>,
    /// The parent organisation's main listing.
    pub parent_id: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// City.
    pub city: Option<String>,
    /// English name.
    pub name_en: Option<String>,
}

impl From<Listing> for ListingView {
    fn from(l: Listing) -> ListingView {
        ListingView {
            phones: l.phones.iter().map(PhoneView::new).collect(),
            id: l.id,
            name: l.name,
            department: l.department,
            category: l.category,
            district: l.district,
            address: l.address,
            aliases: l.aliases,
            parent_id: l.parent_id,
            province: l.province,
            city: l.city,
            name_en: l.name_en,
        }
    }
}

/// One search hit: the listing, its score, and why it matched.
#[derive(Debug, Serialize)]
pub struct HitView {
    /// The listing.
    #[serde(flatten)]
    pub listing: ListingView,
    /// Higher is better; consistent with the order of the hits.
    pub score: f32,
    /// How it matched, e.g. `initials`, `fuzzy_pinyin`.
    #[serde(rename = "match")]
    pub kind: MatchKind,
    /// Char ranges `[from, to)` of `name` that matched.
    pub highlights: Vec<(usize, usize)>,
    /// Each part of the query as read (`name`, `place`, `organisation`,
    /// `department`, `wanted`) and how it matched (`null`: it did not, or
    /// it is what was wanted).
    pub parts: Vec<MatchedPart>,
    /// True when the hit matched only part of the query: nothing matched
    /// the whole.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// The part of the query that did not match, for a partial hit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unmatched: Option<String>,
    /// What the caller asked for (`电话`, `客服`), when the query said so;
    /// the number it prefers comes first in `phones`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wanted: Option<&'static str>,
}

impl From<Hit> for HitView {
    fn from(hit: Hit) -> HitView {
        HitView {
            score: (hit.score * 100.0).round() / 100.0,
            kind: hit.kind,
            highlights: hit.highlights,
            parts: hit.parts,
            partial: hit.partial.is_some(),
            unmatched: hit.partial,
            wanted: hit.wanted,
            listing: hit.listing.into(),
        }
    }
}
