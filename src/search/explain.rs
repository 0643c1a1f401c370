//! Explaining a candidate: how each part of the query matches one listing,
//! checked again against the same keys the index holds — through which
//! derivation, on the name, an alias or the department, from the start or
//! inside — and so the [`MatchKind`] label of the hit and the chars of its
//! name to highlight.

use super::understand::{Derivation, Part, Reading, Role, Understood};
use super::MatchKind;
use crate::model::{Listing, PhoneNumber};
use crate::text::key::NameKey;
use crate::text::keys::{
    derived_short_name_cost, is_derived_short_name, name_words, short_name_words,
};
use crate::text::normalize::{compact_with_map, without_spaces};
use crate::text::slip::{may_hold_slip, within_one_edit};
use crate::text::{normalize, pinyin, segment};

/// A text as its keys are matched, position by position (anchor dropped):
/// each char and its readings in context, with the map back to the chars
/// of the text as written. The keys of a position
/// ([`crate::text::keys::key_positions`]) are checked against these without
/// being made.
struct Keyed {
    chars: Vec<char>,
    readings: Vec<pinyin::Reading>,
    map: Vec<usize>,
    /// The fuzzy class of each reading of each position, worked out the
    /// first time a fuzzy key is checked (a search checks each position
    /// many times, once for each start it tries).
    fuzzy: std::cell::OnceCell<Vec<Vec<String>>>,
}

impl Keyed {
    fn new(text: &str) -> Keyed {
        let (compact, map) = compact_with_map(text);
        Keyed {
            readings: pinyin::readings(&compact),
            chars: compact.chars().collect(),
            map,
            fuzzy: std::cell::OnceCell::new(),
        }
    }

    /// The fuzzy classes of the readings at each position.
    fn fuzzy(&self) -> &[Vec<String>] {
        self.fuzzy.get_or_init(|| {
            self.readings
                .iter()
                .map(|syllables| syllables.iter().map(|s| pinyin::fuzzy_key(s)).collect())
                .collect()
        })
    }

    /// How many positions it has.
    fn len(&self) -> usize {
        self.chars.len()
    }

    /// Returns true if and only if `key` is one of the keys at `position`
    /// (with `partly`, the start of one: a partly typed syllable).
    fn holds(&self, position: usize, key: &NameKey, partly: bool) -> bool {
        let is = |indexed: &str, typed: &str| {
            if partly {
                indexed.starts_with(typed)
            } else {
                indexed == typed
            }
        };
        let c = self.chars[position];
        let syllables = self.readings[position];
        match key {
            NameKey::Char(k) => *k == c,
            NameKey::Syllable(typed) => syllables.iter().any(|s| is(s, typed)),
            NameKey::Fuzzy(typed) => self.fuzzy()[position].iter().any(|f| is(f, typed)),
            NameKey::Initial(typed) => {
                let mut letter = [0u8; 4];
                (c.is_ascii_alphabetic() && is(c.encode_utf8(&mut letter), typed))
                    || syllables.iter().any(|s| {
                        let initial = pinyin::initial(s);
                        is(&s[..1], typed) || (initial.len() == 2 && is(initial, typed))
                    })
            }
            // The anchor and the pairs are not keys of a position.
            NameKey::Anchor | NameKey::CharPair(..) | NameKey::SyllablePair(..) => false,
        }
    }

    /// First start at which `d` matches, or None.
    fn find(&self, d: &Derivation) -> Option<usize> {
        let n = d.keys.len();
        if n == 0 || n > self.len() {
            return None;
        }
        (0..=self.len() - n).find(|&start| {
            d.keys
                .iter()
                .enumerate()
                .all(|(i, key)| self.holds(start + i, key, d.prefix_last && i + 1 == n))
        })
    }
}

/// How one part of the query matched one listing.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PartMatch {
    /// The label this part alone would give.
    pub kind: MatchKind,
    /// The match starts at the first char of the name or alias.
    pub anchored: bool,
    /// Char range of the name, as written, when the match is on the name.
    pub span: Option<(usize, usize)>,
    /// The part is a whole alias, as typed (`中大`).
    pub whole_alias: bool,
    /// For a derived short name, how far from the usual way of shortening
    /// the name it is (`keys::derived_short_name_cost`).
    pub short_cost: u8,
    /// How well a department part fits the department: 2, all of it
    /// (`bgs` for 办公室); 1, its start; 0, words inside it (`bgs` in
    /// 招生办公室).
    pub dept_fit: u8,
    /// For a qualifier matched through pinyin, initials or sounds (`bwc`
    /// for 保卫处), the label of that reading: the hit ranks no better.
    pub through: Option<MatchKind>,
}

impl PartMatch {
    /// A match of kind `kind`, from the start or not, on `span` of the
    /// name; the facts only some matches have left at their defaults.
    fn new(kind: MatchKind, anchored: bool, span: Option<(usize, usize)>) -> PartMatch {
        PartMatch {
            kind,
            anchored,
            span,
            dept_fit: 0,
            short_cost: 0,
            whole_alias: false,
            through: None,
        }
    }

    /// The tier this match alone ranks at: a whole alias as typed (`中大`)
    /// names its listing as surely as its name does.
    pub fn tier(&self) -> super::Tier {
        if self.whole_alias {
            super::Tier::Exact
        } else {
            self.kind.tier()
        }
    }
}

/// A listing as the explanation needs it, each form worked out once a
/// candidate, when a part needs it.
pub(super) struct Candidate {
    listing: Listing,
    inherited: Vec<String>,
    name: Keyed,
    aliases: std::cell::OnceCell<Vec<Keyed>>,
    dept: std::cell::OnceCell<Option<Keyed>>,
    normalized_name: std::cell::OnceCell<String>,
    areas: std::cell::OnceCell<Areas>,
    short_name_words: std::cell::OnceCell<(Vec<String>, usize)>,
}

/// The best match of a part found so far, as [`Candidate::match_part`]
/// looks through the ways it may match.
struct Best {
    role: Role,
    best: Option<PartMatch>,
}

impl Best {
    /// Keeps `m` when the part's role admits it and it is better: a better
    /// tier, then a match from the start.
    fn consider(&mut self, m: PartMatch) {
        if admits(self.role, &m) && self.could_be_beaten_by(m.tier(), m.anchored) {
            self.best = Some(m);
        }
    }

    /// Returns true if and only if a match of `tier` (from the start when
    /// `anchored`) would be better than the best so far: a check that
    /// cannot give one is not made.
    fn could_be_beaten_by(&self, tier: super::Tier, anchored: bool) -> bool {
        self.best
            .as_ref()
            .is_none_or(|b| (tier, !anchored) < (b.tier(), !b.anchored))
    }
}

impl Candidate {
    /// A listing and the aliases its parent lends it, to be explained
    /// against any number of queries: what each check works out is kept.
    pub(super) fn new(listing: Listing, inherited: Vec<String>) -> Candidate {
        Candidate {
            name: Keyed::new(&listing.name),
            listing,
            inherited,
            aliases: std::cell::OnceCell::new(),
            dept: std::cell::OnceCell::new(),
            normalized_name: std::cell::OnceCell::new(),
            areas: std::cell::OnceCell::new(),
            short_name_words: std::cell::OnceCell::new(),
        }
    }

    /// The listing.
    pub(super) fn listing(&self) -> &Listing {
        &self.listing
    }

    /// The words a short name of its name is formed from, and how many of
    /// them are its national or regional prefix.
    fn short_name_words(&self) -> (&[String], usize) {
        let (words, prefix) = self
            .short_name_words
            .get_or_init(|| short_name_words(self.normalized_name()));
        (words, *prefix)
    }

    /// The keys of its aliases, its own and those its parent lends it.
    fn aliases(&self) -> &[Keyed] {
        self.aliases.get_or_init(|| {
            self.listing
                .aliases
                .iter()
                .chain(&self.inherited)
                .map(|a| Keyed::new(a))
                .collect()
        })
    }

    /// The keys of its department.
    fn dept(&self) -> Option<&Keyed> {
        self.dept
            .get_or_init(|| self.listing.department.as_deref().map(Keyed::new))
            .as_ref()
    }

    fn normalized_name(&self) -> &str {
        self.normalized_name
            .get_or_init(|| normalize(&self.listing.name))
    }

    fn areas(&self) -> &Areas {
        self.areas.get_or_init(|| Areas::of(&self.listing))
    }

    /// The best way `part` matches the listing — the best tier, then a
    /// match from the start — or None.
    pub(super) fn match_part(&self, part: &Part) -> Option<PartMatch> {
        use super::Tier;
        let mut best = Best {
            role: part.role,
            best: None,
        };
        // The name first: what it gives decides which of the dearer checks
        // below (keying the aliases, segmenting the name) can still find
        // a better match.
        for d in &part.derivations {
            self.name_matches(d, &mut best);
        }
        if best.could_be_beaten_by(Tier::ShortName, true) {
            if let Some(cost) = part
                .may_be_short_name()
                .then(|| {
                    let (words, prefix) = self.short_name_words();
                    derived_short_name_cost(&part.text, words, prefix)
                })
                .flatten()
            {
                best.consider(PartMatch {
                    short_cost: u8::try_from(cost).unwrap_or(u8::MAX),
                    ..PartMatch::new(MatchKind::ShortName, true, None)
                });
            }
        }
        for d in &part.derivations {
            self.alias_and_department_matches(d, &mut best);
        }
        // A department said short (`心内科` for 心血管内科, `就业中心` for
        // 就业指导中心), as a name is.
        if part.role == Role::Department
            && best.could_be_beaten_by(Tier::Qualifier, false)
            && part.text.chars().count() >= MIN_SHORT_DEPARTMENT
            && part.may_be_short_name()
            && self.listing.department.as_deref().is_some_and(|dept| {
                is_derived_short_name(&part.text, &name_words(&normalize(dept)))
            })
        {
            best.consider(PartMatch::new(MatchKind::Department, false, None));
        }
        if best.could_be_beaten_by(Tier::Typo, true) {
            if let Some(whole) = typo_of(&part.text, self.normalized_name()) {
                best.consider(PartMatch::new(
                    MatchKind::Typo,
                    true,
                    whole.then(|| (0, self.listing.name.chars().count())),
                ));
            }
        }
        if best.could_be_beaten_by(Tier::Qualifier, false) {
            if let Some(kind) = self.areas().qualifier(&part.text) {
                best.consider(PartMatch::new(kind, false, None));
            }
        }
        if best.could_be_beaten_by(Tier::Inner, false) {
            if let Some(m) = words_match(self.normalized_name(), &part.words) {
                best.consider(m);
            }
        }
        best.best
    }

    /// How derivation `d` matches the name, if it does.
    fn name_matches(&self, d: &Derivation, best: &mut Best) {
        if let Some(start) = self.name.find(d) {
            let end = start + d.keys.len();
            let kind = match d.reading {
                Reading::Literal if start == 0 && end == self.name.len() => MatchKind::Exact,
                Reading::Literal if start == 0 => MatchKind::Prefix,
                reading => label(reading),
            };
            best.consider(PartMatch::new(
                kind,
                start == 0,
                Some((self.name.map[start], self.name.map[end - 1] + 1)),
            ));
        }
    }

    /// Every way derivation `d` matches an alias or the department, as far
    /// as one could beat the best match so far: a whole alias as typed
    /// ranks with the exact names, any other at most as its reading does,
    /// a department as a qualifier.
    fn alias_and_department_matches(&self, d: &Derivation, best: &mut Best) {
        let best_in_alias = match d.reading {
            Reading::Literal => super::Tier::Exact,
            reading => label(reading).tier(),
        };
        if best.could_be_beaten_by(best_in_alias, true) {
            for alias in self.aliases() {
                if let Some(start) = alias.find(d) {
                    let kind = match d.reading {
                        // Chars inside an alias are chars inside a name: not
                        // the alias as typed (`岗中` in 建行昌岗中路支行).
                        Reading::Literal if start == 0 => MatchKind::Alias,
                        Reading::Literal => MatchKind::Inner,
                        reading => label(reading),
                    };
                    best.consider(PartMatch {
                        whole_alias: d.reading == Reading::Literal
                            && start == 0
                            && d.keys.len() == alias.len(),
                        ..PartMatch::new(kind, start == 0, None)
                    });
                }
            }
        }
        if !best.could_be_beaten_by(super::Tier::Qualifier, false) {
            return;
        }
        if let Some((dept, start)) = self.dept().and_then(|k| Some((k, k.find(d)?))) {
            let fit = match (start, start + d.keys.len() == dept.len()) {
                (0, true) => 2,
                (0, false) => 1,
                _ => 0,
            };
            best.consider(PartMatch {
                dept_fit: fit,
                through: (d.reading != Reading::Literal).then(|| label(d.reading)),
                ..PartMatch::new(MatchKind::Department, false, None)
            });
        }
    }
}

/// Fewest chars of a department said short (`心内科`): two would fit far
/// too many departments.
pub(super) const MIN_SHORT_DEPARTMENT: usize = 3;

/// Returns true if and only if a part read as `role` may match as `m`:
/// an organisation by its name, an alias or a short name (never by a
/// district or department); a department by the listing's department, or
/// by what was typed in its name (`天河支行`); a place by the listing's
/// district, city, province or address, or by the chars of its name.
fn admits(role: Role, m: &PartMatch) -> bool {
    match role {
        Role::Typed => true,
        // Callers name an organisation from the start of its name, or by
        // an alias or a short name.
        Role::Organisation => !m.kind.is_qualifier() && m.anchored,
        // In the name, only as written (`天河支行`): letters there would
        // match far too much (`zh` is in every 广州).
        Role::Department => matches!(
            m.kind,
            MatchKind::Department | MatchKind::Exact | MatchKind::Prefix | MatchKind::Inner
        ),
        Role::Place => matches!(
            m.kind,
            MatchKind::Area | MatchKind::Exact | MatchKind::Prefix | MatchKind::Inner
        ),
        Role::Wanted => false,
    }
}

/// The label of a match of a reading inside a name (the literal chars
/// there are inner chars).
fn label(reading: Reading) -> MatchKind {
    match reading {
        Reading::Literal => MatchKind::Inner,
        Reading::FullPinyin => MatchKind::FullPinyin,
        Reading::Mixed => MatchKind::Mixed,
        Reading::Initials => MatchKind::Initials,
        Reading::FuzzyPinyin => MatchKind::FuzzyPinyin,
        Reading::Homophone => MatchKind::Homophone,
    }
}

/// The label of the whole hit and the chars of its name to highlight: the
/// worst of the parts that matched the name or an alias (the part that
/// names the organisation); parts that only matched a department, district
/// or category qualify, they do not rank. None when no part matched.
pub(super) fn combine(parts: &[PartMatch]) -> Option<(MatchKind, Vec<(usize, usize)>)> {
    let spans = parts.iter().filter_map(|p| p.span).collect();
    let kind = parts
        .iter()
        .filter(|p| !p.kind.is_qualifier())
        .map(|p| p.kind)
        .chain(parts.iter().filter_map(|p| p.through))
        .max_by_key(|k| k.tier())
        .or_else(|| parts.iter().map(|p| p.kind).min_by_key(|k| k.tier()))?;
    Some((kind, spans))
}

/// Whether `typed` (Latin letters) is within one slip (a swap of
/// neighbours, a letter dropped, added or wrong) of the start of the full
/// pinyin of the name (normalised): None when it is not, else whether it
/// spells the whole name.
fn typo_of(typed: &str, name: &str) -> Option<bool> {
    if !may_hold_slip(typed) {
        return None;
    }
    let spelled: String = crate::text::pinyin::readings(&without_spaces(name))
        .iter()
        .filter_map(|r| r.first())
        .copied()
        .collect();
    let typed = typed.as_bytes();
    let spelled = spelled.as_bytes();
    let mut lengths = (typed.len().saturating_sub(1)..=typed.len() + 1)
        .filter(|&n| n <= spelled.len())
        .filter(|&n| within_one_edit(typed, &spelled[..n]));
    let first = lengths.next()?;
    Some(first == spelled.len() || lengths.any(|n| n == spelled.len()))
}

/// Returns true if and only if the English name has the query's words in a
/// row, the last one as a start.
pub(super) fn english_matches(listing: &Listing, understood: &Understood) -> bool {
    let Some(en) = listing.name_en.as_deref().map(normalize) else {
        return false;
    };
    let words: Vec<&str> = understood.normalized.split(' ').collect();
    let en_words: Vec<&str> = en.split(' ').collect();
    en_words.windows(words.len()).any(|w| {
        w.iter().zip(&words).enumerate().all(|(i, (have, want))| {
            if i + 1 == words.len() {
                have.starts_with(want)
            } else {
                have == want
            }
        })
    })
}

/// A listing's district and city, category and address, normalised
/// without spaces.
struct Areas {
    district_or_city: [String; 3],
    category: String,
    address: String,
}

impl Areas {
    fn of(listing: &Listing) -> Areas {
        let compact = |v: &Option<String>| {
            v.as_deref()
                .map(crate::text::normalize::compact)
                .unwrap_or_default()
        };
        Areas {
            district_or_city: [
                compact(&listing.district),
                compact(&listing.city),
                compact(&listing.province),
            ],
            category: compact(&listing.category),
            address: compact(&listing.address),
        }
    }

    /// A part that names the listing's district, city, province, address
    /// or category.
    fn qualifier(&self, text: &str) -> Option<MatchKind> {
        if self.district_or_city.iter().any(|v| v.contains(text)) {
            Some(MatchKind::Area)
        } else if self.category.contains(text) {
            Some(MatchKind::Category)
        } else if self.address.contains(text) {
            Some(MatchKind::Area)
        } else {
            None
        }
    }
}

/// Every word of the part is a word of the name (normalised), in any
/// order.
fn words_match(name: &str, words: &[String]) -> Option<PartMatch> {
    if words.len() < 2 {
        return None;
    }
    let name_words: Vec<String> = segment::search_words(&without_spaces(name))
        .into_iter()
        .map(|w| w.text.to_string())
        .collect();
    words
        .iter()
        .all(|w| name_words.contains(w))
        .then_some(PartMatch::new(MatchKind::Inner, false, None))
}

/// Returns true if and only if one of the listing's numbers is, starts or
/// (four digits or more) ends with `digits`.
pub(super) fn number_matches(listing: &Listing, digits: &str) -> bool {
    listing
        .phones
        .iter()
        .filter_map(|p| PhoneNumber::parse(&p.number).ok())
        .any(|p| {
            p.digits().starts_with(digits)
                || p.local_number().starts_with(digits)
                || (digits.len() >= 4 && p.local_number().ends_with(digits))
        })
}
