//! Ranking: each candidate is checked again, part by part, against the same
//! keys the index holds, to say exactly how it matched (its [`MatchKind`]),
//! which chars of its name matched, and where it belongs in the tiers.

use std::cmp::Ordering;

use super::understand::{Derivation, Understood};
use super::{is_short_name_text, Hit, MatchKind};
use crate::model::{Listing, PhoneNumber};
use crate::text::keys::{is_derived_short_name, name_words, single_name_keys};
use crate::text::normalize::compact_with_map;
use crate::text::slip::{may_hold_slip, within_one_edit};
use crate::text::{normalize, segment};

/// The keys of a text, position by position (anchor dropped), with the map
/// back to the chars of the text as written.
struct Keyed {
    positions: Vec<Vec<String>>,
    map: Vec<usize>,
}

impl Keyed {
    fn new(text: &str) -> Keyed {
        let (compact, map) = compact_with_map(text);
        let mut positions: Vec<Vec<String>> = vec![Vec::new(); compact.chars().count()];
        for (position, key) in single_name_keys(&compact) {
            if position > 0 {
                positions[position - 1].push(key);
            }
        }
        Keyed { positions, map }
    }

    /// First start at which `d` matches, or None.
    fn find(&self, d: &Derivation) -> Option<usize> {
        let n = d.keys.len();
        if n == 0 || n > self.positions.len() {
            return None;
        }
        (0..=self.positions.len() - n).find(|&start| {
            d.keys.iter().enumerate().all(|(i, key)| {
                let at = &self.positions[start + i];
                if d.prefix_last && i + 1 == n {
                    at.iter().any(|k| k.starts_with(key.as_str()))
                } else {
                    at.iter().any(|k| k == key)
                }
            })
        })
    }
}

/// How one part of the query matched one listing.
#[derive(Debug, Clone, PartialEq)]
struct PartMatch {
    kind: MatchKind,
    /// The match starts at the first char of the name or alias.
    anchored: bool,
    /// Char range of the name, as written, when the match is on the name.
    span: Option<(usize, usize)>,
}

/// Checks `listing` against the query and builds its hit, or None when on a
/// closer look it does not match.
pub fn judge(listing: Listing, inherited: &[String], understood: &Understood) -> Option<Hit> {
    let name = Keyed::new(&listing.name);
    let aliases: Vec<Keyed> = listing
        .aliases
        .iter()
        .chain(inherited)
        .map(|a| Keyed::new(a))
        .collect();
    let dept = listing.department.as_deref().map(Keyed::new);
    let mut parts = Vec::with_capacity(understood.parts.len());
    let mut all_parts_matched = true;
    // Worked out once a candidate, when a part needs them.
    let normalized_name = std::cell::OnceCell::new();
    let normalized_name = || -> &str { normalized_name.get_or_init(|| normalize(&listing.name)) };
    let areas = std::cell::OnceCell::new();
    let areas = || areas.get_or_init(|| Areas::of(&listing));
    for part in &understood.parts {
        let short_name_matches = is_short_name_text(&part.text)
            && part.text.chars().count() >= 2
            && is_derived_short_name(&part.text, &name_words(normalized_name()));
        let typo = typo_of(&part.text, normalized_name());
        let mut best: Option<PartMatch> = None;
        let mut consider = |m: PartMatch| {
            if best
                .as_ref()
                .is_none_or(|b| (m.kind.tier(), !m.anchored) < (b.kind.tier(), !b.anchored))
            {
                best = Some(m);
            }
        };
        let name_len = name.positions.len();
        for d in &part.derivations {
            if let Some(start) = name.find(d) {
                let end = start + d.keys.len();
                let kind = match d.kind {
                    MatchKind::Literal if start == 0 && end == name_len => MatchKind::Exact,
                    MatchKind::Literal if start == 0 => MatchKind::Prefix,
                    MatchKind::Literal => MatchKind::Inner,
                    other => other,
                };
                let from = name.map[start];
                let to = name.map[end - 1] + 1;
                consider(PartMatch {
                    kind,
                    anchored: start == 0,
                    span: Some((from, to)),
                });
            }
            for alias in &aliases {
                if let Some(start) = alias.find(d) {
                    let kind = match d.kind {
                        MatchKind::Literal => MatchKind::Alias,
                        other => other,
                    };
                    consider(PartMatch {
                        kind,
                        anchored: start == 0,
                        span: None,
                    });
                }
            }
            if dept.as_ref().is_some_and(|k| k.find(d).is_some()) {
                consider(PartMatch {
                    kind: MatchKind::Department,
                    anchored: false,
                    span: None,
                });
            }
        }
        if short_name_matches {
            consider(PartMatch {
                kind: MatchKind::ShortName,
                anchored: true,
                span: None,
            });
        }
        if let Some(whole) = typo {
            consider(PartMatch {
                kind: MatchKind::Typo,
                anchored: true,
                span: whole.then(|| (0, listing.name.chars().count())),
            });
        }
        if let Some(kind) = areas().qualifier(&part.text) {
            consider(PartMatch {
                kind,
                anchored: false,
                span: None,
            });
        }
        if let Some(m) = words_match(normalized_name(), &part.words) {
            consider(m);
        }
        match best {
            Some(m) => parts.push(m),
            None => all_parts_matched = false,
        }
    }
    let (kind, spans) = if all_parts_matched {
        combine(&parts)
    } else {
        (MatchKind::Other, Vec::new())
    };
    let kind = match (kind, &understood.number) {
        (MatchKind::Other, Some(digits)) => match number_match(&listing, digits) {
            Some(k) => k,
            None => return english_or_none(listing, understood),
        },
        (MatchKind::Other, None) => return english_or_none(listing, understood),
        (k, _) => k,
    };
    let typed_department = parts.iter().any(|p| p.kind == MatchKind::Department);
    let district_typed = parts.iter().any(|p| p.kind == MatchKind::Area);
    let qualifiers = parts.iter().filter(|p| p.kind.is_qualifier()).count();
    let name_chars = listing.name.chars().count();
    let whole = spans
        .iter()
        .any(|&(from, to)| from == 0 && to == name_chars);
    let mut hit = Hit::new(
        listing,
        kind,
        spans,
        qualifiers,
        typed_department,
        district_typed,
    );
    hit.whole = whole;
    hit.anchored = parts.iter().any(|p| p.anchored && !p.kind.is_qualifier());
    Some(hit)
}

/// Whether `typed` (Latin letters) is within one slip (a swap of
/// neighbours, a letter dropped, added or wrong) of the start of the full
/// pinyin of the name (normalised): None when it is not, else whether it
/// spells the whole name.
fn typo_of(typed: &str, name: &str) -> Option<bool> {
    if !may_hold_slip(typed) {
        return None;
    }
    let compact = name.replace(' ', "");
    let spelled: String = crate::text::pinyin::readings(&compact)
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

fn english_or_none(listing: Listing, understood: &Understood) -> Option<Hit> {
    let en = normalize(listing.name_en.as_deref()?);
    let words: Vec<&str> = understood.normalized.split(' ').collect();
    let en_words: Vec<&str> = en.split(' ').collect();
    let found = en_words.windows(words.len()).any(|w| {
        w.iter().zip(&words).enumerate().all(|(i, (have, want))| {
            if i + 1 == words.len() {
                have.starts_with(want)
            } else {
                have == want
            }
        })
    });
    found.then(|| Hit::new(listing, MatchKind::English, Vec::new(), 0, false, false))
}

/// The tier of the whole hit: the worst of the parts that matched the name
/// or an alias (the part that names the organisation); parts that only
/// matched a department, district or category qualify, they do not rank.
fn combine(parts: &[PartMatch]) -> (MatchKind, Vec<(usize, usize)>) {
    let naming: Vec<&PartMatch> = parts.iter().filter(|p| !p.kind.is_qualifier()).collect();
    let spans = parts.iter().filter_map(|p| p.span).collect();
    let kind = naming
        .iter()
        .map(|p| p.kind)
        .max_by_key(|k| k.tier())
        .unwrap_or_else(|| {
            parts
                .iter()
                .map(|p| p.kind)
                .min_by_key(|k| k.tier())
                .unwrap_or(MatchKind::Other)
        });
    (kind, spans)
}

/// A listing's district and city, category and address, normalised
/// without spaces.
struct Areas {
    district_or_city: [String; 2],
    category: String,
    address: String,
}

impl Areas {
    fn of(listing: &Listing) -> Areas {
        let compact = |v: &Option<String>| {
            v.as_deref()
                .map(|v| normalize(v).replace(' ', ""))
                .unwrap_or_default()
        };
        Areas {
            district_or_city: [compact(&listing.district), compact(&listing.city)],
            category: compact(&listing.category),
            address: compact(&listing.address),
        }
    }

    /// A part that names the listing's district, city, address or category.
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
    let normalized = name.replace(' ', "");
    let name_words: Vec<String> = segment::search_words(&normalized)
        .into_iter()
        .map(|w| w.text.to_string())
        .collect();
    words
        .iter()
        .all(|w| name_words.contains(w))
        .then_some(PartMatch {
            kind: MatchKind::Inner,
            anchored: false,
            span: None,
        })
}

fn number_match(listing: &Listing, digits: &str) -> Option<MatchKind> {
    listing
        .phones
        .iter()
        .filter_map(|p| PhoneNumber::parse(&p.number).ok())
        .any(|p| {
            p.digits().starts_with(digits)
                || p.local_number().starts_with(digits)
                || (digits.len() >= 4 && p.local_number().ends_with(digits))
        })
        .then_some(MatchKind::Number)
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
/// department was typed), then popularity, then the shorter name.
pub fn order(a: &Hit, b: &Hit) -> Ordering {
    a.kind
        .tier()
        .cmp(&b.kind.tier())
        .then(b.whole.cmp(&a.whole))
        .then(b.anchored.cmp(&a.anchored))
        .then(b.root.cmp(&a.root))
        .then(covered(b).cmp(&covered(a)))
        .then(b.qualifiers.cmp(&a.qualifiers))
        .then_with(|| {
            if a.typed_department {
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
