//! Splitting what an operator typed (`zsdx`, `zhongshand`, `xi'an`) into
//! syllables and syllable prefixes.
//!
//! The splits of a string are the paths through a small graph whose nodes
//! are byte positions and whose edges are pieces of at most six letters, so
//! the best `max` splits come from a k-best dynamic programme run from the
//! end of the input: each position keeps only its `max` best continuations,
//! which bounds the work at `O(len × 6 × max)` however ambiguous the input.

use std::cmp::Ordering;

use super::syllable::{as_syllable, FUZZY, MAX_SYLLABLE_LEN, PREFIXES};

/// One piece of typed pinyin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Piece<'a> {
    /// A complete syllable from the table (`zhong`). When it ends the
    /// input it may also be the start of a longer syllable still being
    /// typed (`da` → `dai`); the caller decides whether to prefix-match it.
    Full(&'static str),
    /// A spelling that is not a syllable but sounds like one under the fuzzy
    /// pairs (`fua` for hua); only [`split_pinyin_fuzzy`] yields these.
    Fuzzy(&'a str),
    /// The start of a syllable that is not a syllable itself: an initial
    /// typed as an abbreviation (`d`, `zh`) or a partial syllable (`zhon`).
    Prefix(&'a str),
}

impl<'a> Piece<'a> {
    /// The letters of the piece as typed.
    pub fn text(&self) -> &'a str {
        match *self {
            Piece::Full(text) | Piece::Fuzzy(text) | Piece::Prefix(text) => text,
        }
    }

    /// Returns true if and only if the piece is a whole syllable, exact or
    /// fuzzy.
    pub fn is_whole(&self) -> bool {
        !matches!(self, Piece::Prefix(_))
    }
}

/// Every way, up to `max`, to split lower-case typed pinyin into syllables
/// and syllable prefixes, best first: fewer pieces, then fewer prefixes,
/// then longer leading pieces.
///
/// Spaces and apostrophes force a split and are dropped. The result is
/// empty for input without letters, with any other character than a
/// lower-case ASCII letter, or with letters no syllable starts with (`ian`).
///
/// ```
/// use chahao::text::pinyin::{split_pinyin, Piece};
/// use Piece::*;
///
/// let splits = split_pinyin("xian", 3);
/// assert_eq!(splits[0], [Full("xian")]);
/// assert_eq!(splits[1], [Full("xi"), Full("an")]);
/// assert_eq!(split_pinyin("xi'an", 1), [[Full("xi"), Full("an")]]);
/// // 中山大学 typed as initials, or with the last syllable unfinished:
/// assert_eq!(split_pinyin("zsdx", 1), [[Prefix("z"), Prefix("s"), Prefix("d"), Prefix("x")]]);
/// assert_eq!(split_pinyin("zhongshand", 1), [[Full("zhong"), Full("shan"), Prefix("d")]]);
/// ```
pub fn split_pinyin(input: &str, max: usize) -> Vec<Vec<Piece<'_>>> {
    split(input, max, false)
}

/// Like [`split_pinyin`], but also accepts fuzzy spellings of syllables
/// (see [`fuzzy_key`](super::fuzzy_key)) as whole pieces, so an accented
/// `fuadu` splits as `fua du`, whose fuzzy keys match 花都 hua du. Fuzzy
/// pieces rank after exact ones when the piece count is equal.
///
/// ```
/// use chahao::text::pinyin::{split_pinyin_fuzzy, Piece};
/// use Piece::*;
///
/// let splits = split_pinyin_fuzzy("fuadu", 5);
/// assert_eq!(splits[0], [Fuzzy("fua"), Full("du")]);
/// assert!(splits.contains(&vec![Full("fu"), Full("a"), Full("du")]));
/// ```
pub fn split_pinyin_fuzzy(input: &str, max: usize) -> Vec<Vec<Piece<'_>>> {
    split(input, max, true)
}

/// What a path from some position to the end costs; compared field by field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Cost {
    pieces: u32,
    fuzzy: u32,
    prefixes: u32,
}

/// One of the best continuations from a position: its first piece, and
/// which continuation it goes on with at the position after that piece.
#[derive(Clone, Copy)]
struct Step<'a> {
    cost: Cost,
    piece: Option<Piece<'a>>,
    next: usize,
    next_rank: usize,
}

fn classify(text: &str, fuzzy: bool) -> Option<Piece<'_>> {
    if let Some(syllable) = as_syllable(text) {
        Some(Piece::Full(syllable))
    } else if PREFIXES.contains(text) {
        Some(Piece::Prefix(text))
    } else if fuzzy && FUZZY.full.contains(text) {
        Some(Piece::Fuzzy(text))
    } else if fuzzy && FUZZY.prefixes.contains(text) {
        Some(Piece::Prefix(text))
    } else {
        None
    }
}

fn is_separator(b: u8) -> bool {
    b == b' ' || b == b'\''
}

fn split(input: &str, max: usize, fuzzy: bool) -> Vec<Vec<Piece<'_>>> {
    let bytes = input.as_bytes();
    let valid = bytes
        .iter()
        .all(|&b| b.is_ascii_lowercase() || is_separator(b));
    if max == 0 || !valid || bytes.iter().all(|&b| is_separator(b)) {
        return Vec::new();
    }
    let len = bytes.len();
    // best[i]: the best continuations from byte i to the end, best first.
    let mut best: Vec<Vec<Step<'_>>> = vec![Vec::new(); len + 1];
    best[len].push(Step {
        cost: Cost::default(),
        piece: None,
        next: len,
        next_rank: 0,
    });
    let mut candidates = Vec::new();
    for start in (0..len).rev() {
        if is_separator(bytes[start]) {
            // A separator passes on every continuation, not just the first.
            best[start] = (0..best[start + 1].len())
                .map(|rank| Step {
                    cost: best[start + 1][rank].cost,
                    piece: None,
                    next: start + 1,
                    next_rank: rank,
                })
                .collect();
            continue;
        }
        candidates.clear();
        let letters = bytes[start..]
            .iter()
            .take(MAX_SYLLABLE_LEN)
            .take_while(|&&b| !is_separator(b))
            .count();
        for end in start + 1..=start + letters {
            let Some(piece) = classify(&input[start..end], fuzzy) else {
                // Syllables and their prefixes are prefix-closed: no longer
                // piece can match either.
                break;
            };
            let own = Cost {
                pieces: 1,
                fuzzy: u32::from(matches!(piece, Piece::Fuzzy(_))),
                prefixes: u32::from(matches!(piece, Piece::Prefix(_))),
            };
            for (rank, step) in best[end].iter().enumerate() {
                candidates.push(Step {
                    cost: Cost {
                        pieces: own.pieces + step.cost.pieces,
                        fuzzy: own.fuzzy + step.cost.fuzzy,
                        prefixes: own.prefixes + step.cost.prefixes,
                    },
                    piece: Some(piece),
                    next: end,
                    next_rank: rank,
                });
            }
        }
        candidates.sort_by(|a, b| rank_steps(a, b));
        candidates.truncate(max);
        best[start] = candidates.clone();
    }
    (0..best[0].len())
        .map(|rank| {
            let mut pieces = Vec::new();
            let (mut at, mut rank) = (0, rank);
            while at < len {
                let step = best[at][rank];
                pieces.extend(step.piece);
                (at, rank) = (step.next, step.next_rank);
            }
            pieces
        })
        .collect()
}

fn rank_steps(a: &Step<'_>, b: &Step<'_>) -> Ordering {
    a.cost
        .cmp(&b.cost)
        .then_with(|| b.next.cmp(&a.next))
        .then_with(|| a.next_rank.cmp(&b.next_rank))
}
