//! Search, as a pipeline a newcomer can read top to bottom:
//!
//! 1. **understand** ([`understand`]): what the typed query may mean — its
//!    parts, and for each part its *derivations*: sequences of typed index
//!    keys ([`crate::text::key::NameKey`]), each with the [`Reading`] it
//!    follows (literal chars, full pinyin, mixed, initials, fuzzy pinyin,
//!    homophones); the number it may be.
//! 2. **plan** ([`plan`]): the look-ups to make, each a typed
//!    [`crate::index::query::Probe`] with the [`Stage`] it belongs to;
//!    [`Stage::runs`] says in one place when each stage runs.
//! 3. **retrieve** (`index::query`, the one bridge to tantivy): each probe
//!    becomes a tantivy query and yields its most popular candidates.
//! 4. **rank** ([`rank`]): each candidate is judged again against the
//!    derivations (the explanation of [`explain`]), given its [`Tier`] and
//!    tie-break facts, and the hits are ordered by [`rank::order`].
//! 5. **explain** ([`explain`]): how each part matched a listing — the
//!    [`MatchKind`] label the API shows and the chars of the name to
//!    highlight.
//!
//! ## How `中山dx` flows through it
//!
//! - `understand.rs`: normalised to `中山dx`, one part, two segments (Han
//!   `中山`, Latin `dx`). Derivations: the literal chars `中 山 d x`
//!   (Reading::Literal); the chars then the letters as initials,
//!   `中 山 i:d i:x` (Reading::Initials; `dx` splits into no syllable);
//!   the homophones `p:zhong p:shan d x` (Reading::Homophone).
//! - `plan.rs`: stage Typed gets the prefix terms of the literal text
//!   (`中山dx` whole, and as a start); the Initials derivation starts with
//!   chars then letters, so its start is the initials it spells —
//!   `PrefixKey::Start(Initials, "zsdx")`, each Han char by the first
//!   letter of its readings — which spells all four keys, so that one term
//!   is the look-up; then the literal chars inside a name and in an alias.
//!   Stage Within gets the initials in an alias and inside a name; Derived
//!   the homophones.
//! - `index/query/mod.rs`: each probe becomes a tantivy query (a term of the
//!   `prefix` field here; a phrase of `name_seq` keys elsewhere, led by
//!   pair keys where it is of chars or whole syllables); `most_popular`
//!   reads the first matches of each segment, its most popular listings.
//! - `explain.rs`: 中山大学's name has `中 山` then the initials `d x` at
//!   positions 1–4: the Initials derivation matches from the start over the
//!   whole name: label `initials`, highlight chars 0–4.
//! - `rank.rs`: tier Initials, whole and anchored: 中山大学 ranks above
//!   中山大学附属第一医院 (same tier; the whole name before part of one).
//!
//! The test `walkthrough_of_a_mixed_query` below checks each of these
//! steps.
//!
//! Adding a query form touches `understand.rs` (a new derivation and its
//! [`Reading`]), `plan.rs` (which stage looks it up, and how) and the
//! form's own test.

pub mod compound;
pub mod explain;
pub mod plan;
pub mod rank;
pub mod understand;

pub use plan::Stage;
pub use understand::{check_query, QueryError, Reading, Role};

use serde::Serialize;

use crate::error::Result;
use crate::index::query::Candidate;
use crate::index::Directory;
use crate::model::Listing;

/// How a hit matched: the label the API and the pages show.
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
}

/// The tier a hit ranks at, best first: the first thing [`rank::order`]
/// compares. The variants are in tier order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// The whole name as typed.
    Exact,
    /// The start of the name as typed.
    Prefix,
    /// An alias as typed.
    Alias,
    /// A derived short name.
    ShortName,
    /// Chars inside the name, or a number.
    Inner,
    /// Full pinyin, or Han chars mixed with pinyin.
    Pinyin,
    /// Initials, or the English name.
    Initials,
    /// Fuzzy pinyin.
    Fuzzy,
    /// Homophones.
    Homophone,
    /// One slip in typed pinyin.
    Typo,
    /// Only a department, district, city or category matched.
    Qualifier,
}

impl MatchKind {
    /// The tier a hit of this kind ranks at.
    pub fn tier(self) -> Tier {
        match self {
            MatchKind::Exact => Tier::Exact,
            MatchKind::Prefix => Tier::Prefix,
            MatchKind::Alias => Tier::Alias,
            MatchKind::ShortName => Tier::ShortName,
            MatchKind::Inner | MatchKind::Number => Tier::Inner,
            MatchKind::FullPinyin | MatchKind::Mixed => Tier::Pinyin,
            MatchKind::Initials | MatchKind::English => Tier::Initials,
            MatchKind::FuzzyPinyin => Tier::Fuzzy,
            MatchKind::Homophone => Tier::Homophone,
            MatchKind::Typo => Tier::Typo,
            MatchKind::Department | MatchKind::Area | MatchKind::Category => Tier::Qualifier,
        }
    }

    /// Returns true if and only if this kind only qualifies a name (district,
    /// department, category) rather than naming the listing.
    pub fn is_qualifier(self) -> bool {
        self.tier() == Tier::Qualifier
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
    /// Each part of the query as it was read, and how it matched.
    pub parts: Vec<MatchedPart>,
    /// The part of the query that did not match, when the hit matched
    /// only the rest (nothing matched the whole).
    pub partial: Option<String>,
    /// What the caller asked for (`电话`, `客服`), when the query said so;
    /// the number it prefers is first among the listing's phones.
    pub wanted: Option<&'static str>,
    #[serde(skip)]
    facts: rank::Facts,
}

/// One part of the query, as read, and how it matched a hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchedPart {
    /// The part's text, normalised.
    pub text: String,
    /// What it was read as.
    pub role: Role,
    /// How it matched; None for a part that did not (a partial hit) or
    /// that is never matched (what was wanted).
    #[serde(rename = "match")]
    pub kind: Option<MatchKind>,
}

impl Hit {
    /// The tier it ranks at: its kind's, but a whole alias as typed ranks
    /// with the exact names.
    pub fn tier(&self) -> Tier {
        if self.facts.whole_alias {
            Tier::Exact
        } else {
            self.kind.tier()
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
/// that cannot be searched (empty, too long) is an [`crate::Error::Query`].
///
/// 1. The query as typed is looked up by its cheap stages ([`Stage::cheap`]).
///    A hit that names a listing outright ([`Hit::answers_as_typed`]) ends
///    the search.
/// 2. Else it is read again as a compound request ([`compound::requests`]:
///    place, organisation, department, what is wanted), likeliest reading
///    first, each looked up by the stages an organisation is found by
///    ([`Stage::for_readings`]); a reading that names a listing ends them.
///    Their hits rank after those of the query as typed in the same tier.
/// 3. When nothing is found yet, the dear stages of the query as typed run
///    (pinyin inside names, one slip …), then a place read from letters.
/// 4. When nothing matched at all, the largest parts that name an
///    organisation are looked up alone ([`compound::partials`]), and their
///    hits are marked partial.
pub fn search(dir: &Directory, query: &str, limit: usize, filters: &Filters) -> Result<Vec<Hit>> {
    let understood = understand::understand(query)?;
    let snapshot = dir.snapshot();
    let analysed = Analysed::default();
    let mut typed = Gathering::new(&understood, &analysed, limit);
    typed.run(dir, &snapshot, filters, Stage::cheap)?;
    if typed.hits.iter().any(Hit::answers_as_typed) {
        return Ok(rank::finish(typed.hits, limit));
    }
    let requests = compound::requests(&understood, dir.vocabulary());
    // A reading asks for fewer hits than the list shows at most: its
    // best may be far down its organisation's listings (`工行客服` is the
    // national hotline among a city's branches).
    let wide = limit.max(READING_LIMIT);
    let mut hits = std::mem::take(&mut typed.hits);
    let (in_letters, readings): (Vec<&compound::Request>, Vec<&compound::Request>) =
        requests.iter().partition(|r| r.place_in_letters);
    let read = |requests: &[&compound::Request], hits: &mut Vec<Hit>| {
        read_requests(dir, &snapshot, &analysed, filters, wide, requests, hits)
    };
    read(&readings, &mut hits)?;
    if hits.is_empty() {
        typed.run(dir, &snapshot, filters, |stage| !stage.cheap())?;
        hits = std::mem::take(&mut typed.hits);
    }
    // So many names start with a place's pinyin (`guangzhou…`) that such a
    // reading is tried only when nothing else matched.
    if hits.is_empty() {
        read(&in_letters, &mut hits)?;
    }
    if hits.is_empty() {
        for partial in compound::partials(&understood, &requests) {
            let mut reading = Gathering::new(&partial.understood, &analysed, wide);
            reading.run(dir, &snapshot, filters, Stage::for_readings)?;
            merge(&mut hits, reading.hits, |hit| {
                hit.facts.compound = true;
                hit.told_partial(&partial.unmatched);
                hit.told_wanted(partial.wanted);
            });
            if !hits.is_empty() {
                break;
            }
        }
    }
    Ok(rank::finish(hits, limit))
}

/// Looks up `requests` in turn, adding their hits to `hits`, until one
/// names a listing outright.
fn read_requests(
    dir: &Directory,
    snapshot: &crate::index::query::Snapshot,
    analysed: &Analysed,
    filters: &Filters,
    limit: usize,
    requests: &[&compound::Request],
    hits: &mut Vec<Hit>,
) -> Result<()> {
    for request in requests {
        let mut reading = Gathering::new(&request.understood, analysed, limit);
        reading.run(dir, snapshot, filters, Stage::for_readings)?;
        let named = reading
            .hits
            .iter()
            .any(|h| h.tier() <= Tier::Alias || h.facts.spells_whole_name());
        merge(hits, reading.hits, |hit| {
            hit.facts.compound = true;
            hit.told_wanted(request.wanted);
        });
        // The readings come likeliest first: one that names a listing
        // outright is the request.
        if named {
            break;
        }
    }
    Ok(())
}

/// Adds `found` to `hits`, each marked by `mark`, keeping the better hit of
/// a listing found twice.
fn merge(hits: &mut Vec<Hit>, found: Vec<Hit>, mark: impl Fn(&mut Hit)) {
    for mut hit in found {
        mark(&mut hit);
        match hits.iter_mut().find(|h| h.listing.id == hit.listing.id) {
            Some(have) => {
                if rank::order(&hit, have) == std::cmp::Ordering::Less {
                    *have = hit;
                }
            }
            None => hits.push(hit),
        }
    }
}

impl Hit {
    /// Returns true if and only if the hit answers the query as typed so
    /// well that no compound reading of it could explain it better: a name
    /// or alias as typed; the whole of a name spelled any way (`交同银行`
    /// sounds like all of 交通银行); a name typed from its start, in pinyin,
    /// initials or sounds, even with a slip (`gzhshthq…`: the way a name is
    /// typed, not a request); the English name; a short name formed the
    /// usual way (`广东工大`).
    fn answers_as_typed(&self) -> bool {
        self.tier() <= Tier::Alias
            || self.facts.spells_whole_name()
            || self.kind == MatchKind::English
            || self.facts.usual_short_name()
            || (self.facts.anchored_name()
                && self.kind != MatchKind::ShortName
                && !self.kind.is_qualifier())
    }

    /// Marks a hit that matched only part of the query: `unmatched` did
    /// not match, and is told with the parts.
    fn told_partial(&mut self, unmatched: &[(Role, String)]) {
        self.facts.partial = true;
        self.score -= PARTIAL_PENALTY;
        let texts: Vec<&str> = unmatched.iter().map(|(_, t)| t.as_str()).collect();
        self.partial = Some(texts.join(" "));
        self.parts
            .extend(unmatched.iter().map(|(role, text)| MatchedPart {
                text: text.clone(),
                role: *role,
                kind: None,
            }));
    }

    /// Tells what the caller asked for, and puts the number it prefers
    /// (by its label: `客服` for the customer-service number) first.
    fn told_wanted(&mut self, wanted: Option<crate::text::vocab::Wanted>) {
        let Some(wanted) = wanted else {
            return;
        };
        self.wanted = Some(wanted.word);
        self.parts.push(MatchedPart {
            text: wanted.word.to_string(),
            role: Role::Wanted,
            kind: None,
        });
        if let Some(wanted) = wanted.label {
            let serves = |p: &crate::model::ListingPhone| {
                p.label
                    .as_deref()
                    .is_some_and(|label| crate::text::vocab::serves(wanted, label))
            };
            // A stable sort: the numbers that serve first, in their order,
            // then the rest in theirs.
            self.listing.phones.sort_by_key(|p| !serves(p));
            self.facts.serves_wanted = match self.listing.phones.first() {
                Some(p) if serves(p) && is_hotline(&p.number) => 2,
                Some(p) if serves(p) => 1,
                _ => 0,
            };
        }
    }
}

/// Returns true if and only if `number` is a service hotline or a 400/800
/// number: what a caller asking for `客服` means.
fn is_hotline(number: &str) -> bool {
    use crate::model::phone::{PhoneKind, PhoneNumber};
    PhoneNumber::parse(number)
        .is_ok_and(|n| matches!(n.kind(), PhoneKind::Service | PhoneKind::TollFree))
}

/// How many times more candidates a derived short name's look-up reads.
const SHORT_NAME_BREADTH: usize = 2;

/// Fewest hits a compound reading gathers.
const READING_LIMIT: usize = 10;

/// Taken off a partial hit's display score, so that every partial hit
/// scores below every hit of the whole query.
const PARTIAL_PENALTY: f32 = 200.0;

/// The hits of one reading of a query, gathered stage by stage: the
/// look-ups of [`plan::plan`], the stages a caller picks.
///
/// Every segment holds its listings in order of falling weight (the index
/// is built and changed that way), so the first matches of any look-up in a
/// segment are its most popular ones. The look-ups run stage by stage, best
/// tier first, each reading only its first matches, and stop as soon as
/// `limit` hits are found: the cost depends on how many hits are wanted,
/// not on how many listings match (`z` matches most of a city).
/// [`Stage::runs`] says which stages run after what the ones before found.
struct Gathering<'u> {
    understood: &'u understand::Understood,
    analysed: &'u Analysed,
    limit: usize,
    hits: Vec<Hit>,
    seen: std::collections::HashSet<Candidate>,
}

impl<'u> Gathering<'u> {
    fn new(
        understood: &'u understand::Understood,
        analysed: &'u Analysed,
        limit: usize,
    ) -> Gathering<'u> {
        Gathering {
            understood,
            analysed,
            limit,
            hits: Vec::new(),
            seen: std::collections::HashSet::new(),
        }
    }

    /// Runs the planned look-ups of the stages `picked` keeps (and
    /// [`Stage::runs`] lets run), adding their hits.
    fn run(
        &mut self,
        dir: &Directory,
        snapshot: &crate::index::query::Snapshot,
        filters: &Filters,
        picked: impl Fn(Stage) -> bool,
    ) -> Result<()> {
        let planned = plan::plan(self.understood, filters);
        let several_parts = self.understood.parts.len() > 1;
        // Room for the departments that `finish` folds away.
        let per_probe = self.limit * 3;
        let mut current: Option<(Stage, bool)> = None;
        for (stage, probe) in &planned {
            if !picked(*stage) {
                continue;
            }
            let runs = match current {
                Some((s, runs)) if s == *stage => runs,
                _ => {
                    let so_far = plan::SoFar {
                        found: !self.hits.is_empty(),
                        named: self.hits.iter().any(|h| h.tier() <= Tier::Alias),
                        several_parts,
                    };
                    let runs = stage.runs(so_far);
                    current = Some((*stage, runs));
                    runs
                }
            };
            if !runs {
                continue;
            }
            // A derived short name fits many names' words (`鱼小`: every
            // 鱼… 小… name), the one meant often not the most popular: its
            // look-ups read more candidates, each checked by its word fit.
            let wanted = if *stage == Stage::Short {
                per_probe * SHORT_NAME_BREADTH
            } else {
                per_probe
            };
            let started = std::time::Instant::now();
            let candidates = dir.most_popular(snapshot, probe, wanted)?;
            tracing::trace!(
                ?stage,
                micros = started.elapsed().as_micros() as u64,
                found = candidates.len(),
                ?probe,
                "look-up"
            );
            for (i, candidate) in candidates.into_iter().enumerate() {
                // The wider read of a short name is for a better-fitting
                // name further down: not judged when the most popular ones
                // already fill the list with names shortened the usual way.
                if i == per_probe && *stage == Stage::Short && self.well_named() >= self.limit {
                    break;
                }
                if self.seen.insert(candidate) {
                    if let Some(hit) =
                        judge(dir, snapshot, self.analysed, candidate, self.understood)?
                    {
                        self.hits.push(hit);
                    }
                }
            }
            if rank::shown_count(&self.hits) >= self.limit {
                break;
            }
            if stage.ends_at_first_find() && !self.hits.is_empty() {
                break;
            }
        }
        Ok(())
    }
}

impl Gathering<'_> {
    /// How many hits so far are named outright or by a short name formed
    /// the usual way.
    fn well_named(&self) -> usize {
        self.hits
            .iter()
            .filter(|h| h.tier() < Tier::ShortName || h.facts.usual_short_name())
            .count()
    }
}

/// Loads one candidate and lets the ranking stage judge it. Ex-directory
/// listings never become hits, whatever matched.
fn judge(
    dir: &Directory,
    snapshot: &crate::index::query::Snapshot,
    analysed: &Analysed,
    candidate: Candidate,
    understood: &understand::Understood,
) -> Result<Option<Hit>> {
    let Some(listing) = analysed.get(dir, snapshot, candidate)? else {
        return Ok(None);
    };
    if !listing.listing().listed {
        return Ok(None);
    }
    Ok(rank::judge_candidate(&listing, understood))
}

/// The candidates of one search, loaded and analysed once however many of
/// its readings judge them (the query as typed and its compound readings
/// often find the same listings).
#[derive(Default)]
struct Analysed {
    by_candidate:
        std::cell::RefCell<std::collections::HashMap<Candidate, std::rc::Rc<explain::Candidate>>>,
}

impl Analysed {
    /// The candidate's listing and its analysis; None when the stored
    /// listing does not read back.
    fn get(
        &self,
        dir: &Directory,
        snapshot: &crate::index::query::Snapshot,
        candidate: Candidate,
    ) -> Result<Option<std::rc::Rc<explain::Candidate>>> {
        if let Some(found) = self.by_candidate.borrow().get(&candidate) {
            return Ok(Some(found.clone()));
        }
        let Some((listing, inherited)) = dir.candidate(snapshot, candidate)? else {
            return Ok(None);
        };
        let analysed = std::rc::Rc::new(explain::Candidate::new(listing, inherited));
        self.by_candidate
            .borrow_mut()
            .insert(candidate, analysed.clone());
        Ok(Some(analysed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::query::Probe;
    use crate::text::key::{NameKey, PrefixKey, PrefixKind};

    #[test]
    fn walkthrough_of_a_mixed_query() {
        let understood = understand::understand("中山dx").expect("a query");
        let [part] = understood.parts.as_slice() else {
            panic!("one part: {understood:?}")
        };
        let chars = |s: &str| s.chars().map(NameKey::Char).collect::<Vec<_>>();
        let readings: Vec<(Reading, Vec<NameKey>)> = part
            .derivations
            .iter()
            .map(|d| (d.reading, d.keys.clone()))
            .collect();
        let initials = [
            NameKey::Char('中'),
            NameKey::Char('山'),
            NameKey::Initial("d".to_string()),
            NameKey::Initial("x".to_string()),
        ];
        assert!(readings.contains(&(Reading::Literal, chars("中山dx"))));
        assert!(readings.contains(&(Reading::Initials, initials.to_vec())));
        assert!(readings.iter().any(
            |(r, k)| *r == Reading::Homophone && k[0] == NameKey::Syllable("zhong".to_string())
        ));

        let planned = plan::plan(&understood, &Filters::default());
        let zsdx = Probe::Any(vec![Probe::Prefix(PrefixKey::Start(
            PrefixKind::Initials,
            "zsdx".to_string(),
        ))]);
        assert!(planned.contains(&(Stage::Typed, zsdx)), "{planned:#?}");

        let listing = |id: &str, name: &str| Listing {
            id: id.to_string(),
            name: name.to_string(),
            ..serde_json::from_str(r#"{"id":"x","name":"x","phones":[]}"#).expect("a listing")
        };
        let whole = rank::judge(listing("a", "中山大学"), &[], &understood).expect("a hit");
        assert_eq!(whole.kind, MatchKind::Initials);
        assert_eq!(whole.highlights, vec![(0, 4)]);
        let longer =
            rank::judge(listing("b", "中山大学附属第一医院"), &[], &understood).expect("a hit");
        assert_eq!(
            rank::order(&whole, &longer),
            std::cmp::Ordering::Less,
            "the whole name first"
        );
    }
}
