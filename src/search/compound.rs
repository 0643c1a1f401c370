//! Compound requests: what a caller says is often more than a name. An
//! operator types it as heard, parts run together: an organisation and one
//! of its departments (`中山大学保卫处`, `zsdxbwc`), a name and what is wanted
//! (`白云机场的电话`, `请问中大总机`), a place and then a name that does not
//! contain it (`天河工行`).
//!
//! When the query as typed names nothing, [`requests`] reads it again as
//! such a request: each reading is a list of parts with their [`Role`] —
//! the place (matched by the listing's district, city or province, or its
//! name), the organisation (its name, an alias or a derived short name) and
//! the department (its department, or words of its name: `天河支行`) — and
//! the thing wanted, which is dropped and only decides which number comes
//! first. The split points come from the directory's vocabulary of places
//! and departments ([`Vocabulary`]) in Han, pinyin or initials, and, for
//! Han, from the word boundaries of the rest (`工行|天河支行`).
//!
//! When no reading finds anything either, [`partials`] keeps the largest
//! part that names an organisation and says which part did not match:
//! `中山大学保卫科` → the listings of `中山大学`, `保卫科` unmatched.

use super::understand::{understand_parts, Role, Understood};
use crate::text::segment;
use crate::text::vocab::{strip_request, Vocabulary, Wanted};

/// Most readings of one query tried.
const MAX_REQUESTS: usize = 6;
/// Most split points taken from the word boundaries of a Han request.
const MAX_WORD_SPLITS: usize = 2;
/// Most departments read at the end of a request in letters: every one is
/// a look-up of many pinyin and initials spellings.
const MAX_LETTER_SPLITS: usize = 2;

/// One reading of a query as a compound request.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The parts to match, with their roles.
    pub understood: Understood,
    /// What the caller asked for, dropped from the parts.
    pub wanted: Option<Wanted>,
    /// A place was read from letters (`guangzhou…`): so many names start
    /// with a place's pinyin that this reading is tried only when the query
    /// as typed matched nothing at all.
    pub place_in_letters: bool,
}

/// The readings of `typed` as a compound request, most likely first; empty
/// when it cannot be one (a number, a single word, nothing to split).
pub fn requests(typed: &Understood, vocab: &Vocabulary) -> Vec<Request> {
    if typed.number.is_some() {
        return Vec::new();
    }
    let texts: Vec<&str> = typed.parts.iter().map(|p| p.text.as_str()).collect();
    let mut out: Vec<Request> = Vec::new();
    let mut push = |parts: Vec<(Role, &str)>, wanted: Option<Wanted>| {
        if out.len() < MAX_REQUESTS {
            let place_in_letters =
                typed.normalized.is_ascii() && parts.iter().any(|(role, _)| *role == Role::Place);
            let request = Request {
                understood: understand_parts(&parts),
                wanted,
                place_in_letters,
            };
            if !out.contains(&request) {
                out.push(request);
            }
        }
    };
    match texts.as_slice() {
        [] => {}
        [one] => {
            // Letters typed with spaces (`zhongshandaxue baoweichu`) are one
            // part as typed; the spaces may still split the organisation
            // from its department.
            let pieces: Vec<&str> = typed.normalized.split(' ').collect();
            if let [org, dept] = pieces.as_slice() {
                if may_be_name(org) && dept.len() >= 2 {
                    push(
                        vec![(Role::Organisation, org), (Role::Department, dept)],
                        None,
                    );
                }
            }
            let (rest, wanted) = match strip_request(one) {
                Some(stripped) => (stripped.rest, stripped.wanted),
                None => (*one, None),
            };
            if wanted.is_some() || rest != *one {
                push(vec![(Role::Organisation, rest)], wanted);
            }
            for (place, org, dept) in splits(rest, vocab) {
                let mut parts = Vec::with_capacity(3);
                if let Some(place) = place.as_deref() {
                    parts.push((Role::Place, place));
                }
                parts.push((Role::Organisation, org));
                if let Some(dept) = dept {
                    parts.push((Role::Department, dept));
                }
                push(parts, wanted);
            }
        }
        [first, middle @ .., last] => {
            // Spaces typed: only an opening or a thing wanted at either end
            // is taken off (a part of its own, or the end of one).
            let first_rest = strip_request(first)
                .filter(|s| s.wanted.is_none())
                .map_or(Some(*first), |s| Some(s.rest))
                .filter(|_| !crate::text::vocab::is_only_request_words(first));
            let (last_rest, wanted) = match strip_request(last) {
                _ if crate::text::vocab::is_only_request_words(last) => {
                    (None, crate::text::vocab::wanted_word(last))
                }
                Some(s) => (Some(s.rest), s.wanted),
                None => (Some(*last), None),
            };
            let mut parts: Vec<(Role, &str)> = Vec::new();
            parts.extend(first_rest.map(|t| (Role::Typed, t)));
            parts.extend(middle.iter().map(|t| (Role::Typed, *t)));
            parts.extend(last_rest.map(|t| (Role::Typed, t)));
            let changed =
                parts.len() != texts.len() || parts.iter().zip(&texts).any(|((_, a), b)| a != b);
            if changed && !parts.is_empty() {
                push(parts, wanted);
            }
        }
    }
    out
}

/// The ways a request without its opening and wanted words splits into a
/// place, an organisation and a department: (place, organisation,
/// department), never the request whole and alone; the likelier first —
/// departments the directory knows (and letters after Han), then a place
/// the directory knows, then the word boundaries of Han text.
fn splits<'a>(
    text: &'a str,
    vocab: &Vocabulary,
) -> Vec<(Option<String>, &'a str, Option<&'a str>)> {
    let mut heads: Vec<(Option<String>, &str)> = vec![(None, text)];
    for place in vocab.places_at_start(text).into_iter().take(2) {
        heads.push((Some(place.place), &text[place.len..]));
    }
    let mut out = Vec::new();
    let mut later = Vec::new();
    for (place, rest) in heads {
        if place.is_some() && may_be_name(rest) {
            out.push((place.clone(), rest, None));
        }
        let mut in_letters = 0;
        for i in known_department_points(rest, vocab) {
            if rest[i..].is_ascii() {
                in_letters += 1;
                if in_letters > MAX_LETTER_SPLITS {
                    continue;
                }
            }
            if may_name_organisation(&rest[..i], vocab) {
                out.push((place.clone(), &rest[..i], Some(&rest[i..])));
            }
        }
        for i in word_points(rest) {
            let split = (place.clone(), &rest[..i], Some(&rest[i..]));
            if may_name_organisation(&rest[..i], vocab) && !out.contains(&split) {
                later.push(split);
            }
        }
    }
    out.extend(later);
    out
}

/// Where an organisation may end and a department start by what the
/// directory knows: before one of its department words, in Han, pinyin or
/// initials (`中大bwc`), the longest department first.
fn known_department_points(text: &str, vocab: &Vocabulary) -> Vec<usize> {
    vocab.department_splits(text)
}

/// The word boundaries of Han text where a department may start (two chars
/// or more on either side), the shortest department first; none in text
/// with letters.
fn word_points(text: &str) -> Vec<usize> {
    // Letters among Han chars split where the script changes, above.
    if text.chars().any(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let chars = bounds.len();
    segment::words(text)
        .iter()
        .rev()
        .map(|w| w.start)
        .filter(|&start| start >= 2 && chars - start >= 2)
        .map(|start| bounds[start])
        .take(MAX_WORD_SPLITS)
        .collect()
}

/// Returns true if and only if `text`, before a department, may name an
/// organisation: long enough, and not just a place (`广州` before `tonghong`
/// names no organisation; it starts half the directory's names).
fn may_name_organisation(text: &str, vocab: &Vocabulary) -> bool {
    may_be_name(text) && !vocab.is_place(text)
}

/// Returns true if and only if `text` is long enough to name an
/// organisation: two chars or letters (`hg`, the initials of 华工).
fn may_be_name(text: &str) -> bool {
    text.chars().count() >= 2
}

/// A partial reading: the parts kept, and the text of those dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct Partial {
    /// The parts kept.
    pub understood: Understood,
    /// What the caller asked for.
    pub wanted: Option<Wanted>,
    /// The parts that did not match, as read.
    pub unmatched: Vec<(Role, String)>,
}

/// Fewest chars of the request a partial reading keeps, as a share of
/// the whole: less is not "something close".
const MIN_KEPT_SHARE: f64 = 0.4;

/// The partial readings of a query that matched nothing, the one keeping
/// the most of it first: each of its readings with its department or place
/// dropped (the organisation is always kept), and a query of several typed
/// parts with one part dropped.
pub fn partials(typed: &Understood, requests: &[Request]) -> Vec<Partial> {
    let total: usize = typed.parts.iter().map(|p| p.text.chars().count()).sum();
    let mut out: Vec<(usize, Partial)> = Vec::new();
    let mut consider = |parts: &[&super::understand::Part], wanted: Option<Wanted>| {
        for keep in subsets(parts) {
            let kept: Vec<(Role, &str)> = keep.iter().map(|p| (p.role, p.text.as_str())).collect();
            if !kept
                .iter()
                .any(|(r, _)| matches!(r, Role::Organisation | Role::Typed))
            {
                continue;
            }
            let kept_chars: usize = kept.iter().map(|(_, t)| t.chars().count()).sum();
            if (kept_chars as f64) < MIN_KEPT_SHARE * total as f64 || kept_chars < 2 {
                continue;
            }
            let unmatched = parts
                .iter()
                .filter(|p| !keep.iter().any(|k| std::ptr::eq(*k, **p)))
                .map(|p| (p.role, p.text.clone()))
                .collect();
            let partial = Partial {
                understood: understand_parts(&kept),
                wanted,
                unmatched,
            };
            if !out.iter().any(|(_, p)| p.understood == partial.understood) {
                out.push((kept_chars, partial));
            }
        }
    };
    if typed.parts.len() > 1 && typed.number.is_none() {
        let parts: Vec<&super::understand::Part> = typed.parts.iter().collect();
        consider(&parts, None);
    }
    for request in requests {
        let parts: Vec<&super::understand::Part> = request.understood.parts.iter().collect();
        if parts.len() > 1 {
            consider(&parts, request.wanted);
        }
    }
    out.sort_by_key(|(kept, _)| std::cmp::Reverse(*kept));
    out.into_iter().map(|(_, p)| p).take(MAX_REQUESTS).collect()
}

/// The proper subsets of `parts` with one or two parts dropped, in order.
fn subsets<'a>(parts: &[&'a super::understand::Part]) -> Vec<Vec<&'a super::understand::Part>> {
    let n = parts.len();
    let mut out = Vec::new();
    for drop in 1..n.min(3) {
        for mask in 0u32..(1 << n) {
            if mask.count_ones() as usize != drop {
                continue;
            }
            out.push(
                parts
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) == 0)
                    .map(|(_, p)| *p)
                    .collect(),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::understand::understand;

    fn vocab() -> Vocabulary {
        Vocabulary::new(
            ["天河区", "广州市", "海珠区"].map(String::from),
            ["保卫处", "急诊科", "招生办公室"].map(String::from),
        )
    }

    fn read(query: &str) -> Vec<Vec<(Role, String)>> {
        let typed = understand(query).expect("a query");
        requests(&typed, &vocab())
            .into_iter()
            .map(|r| {
                r.understood
                    .parts
                    .into_iter()
                    .map(|p| (p.role, p.text))
                    .collect()
            })
            .collect()
    }

    fn parts(list: &[(Role, &str)]) -> Vec<(Role, String)> {
        list.iter().map(|(r, t)| (*r, t.to_string())).collect()
    }

    #[test]
    fn reads_an_organisation_and_its_department() {
        let r = read("中山大学保卫处");
        assert_eq!(
            r[0],
            parts(&[
                (Role::Organisation, "中山大学"),
                (Role::Department, "保卫处")
            ])
        );
        assert!(read("zsdxbwc").contains(&parts(&[
            (Role::Organisation, "zsdx"),
            (Role::Department, "bwc")
        ])));
        assert!(read("中大bwc").contains(&parts(&[
            (Role::Organisation, "中大"),
            (Role::Department, "bwc")
        ])));
    }

    #[test]
    fn reads_what_is_wanted_and_a_place() {
        let typed = understand("白云机场的电话").expect("a query");
        let r = requests(&typed, &vocab());
        assert_eq!(r[0].wanted.map(|w| w.word), Some("电话"));
        assert_eq!(r[0].understood.parts[0].text, "白云机场");
        assert!(read("天河工行").contains(&parts(&[
            (Role::Place, "天河"),
            (Role::Organisation, "工行")
        ])));
        assert!(read("请问 中山大学 电话").contains(&parts(&[(Role::Typed, "中山大学")])));
    }

    #[test]
    fn nothing_to_read_in_a_plain_name_or_number() {
        assert!(read("中山").is_empty());
        assert!(read("87755766").is_empty());
        assert!(read("电话").is_empty());
    }

    #[test]
    fn partial_readings_keep_the_organisation() {
        let typed = understand("中山大学保卫科").expect("a query");
        let r = requests(&typed, &vocab());
        let p = partials(&typed, &r);
        assert_eq!(p[0].understood.parts[0].text, "中山大学");
        assert_eq!(p[0].unmatched, [(Role::Department, "保卫科".to_string())]);
        assert!(p.iter().all(|p| p
            .understood
            .parts
            .iter()
            .any(|x| x.role == Role::Organisation)));
    }
}
