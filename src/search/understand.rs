//! Query understanding: what the operator typed → parts → derivations.
//!
//! The typed text is normalised and split on spaces into *parts* (`天河 中医院`
//! has two). Each part is a run of Han, Latin and digit segments, and is
//! expanded into *derivations*: sequences of index keys (one a position) that
//! the part may stand for, each tagged with the [`Reading`] of the typed text
//! it follows:
//! the literal chars, the pinyin splits (full syllables, initials, a partly
//! typed last syllable), their fuzzy classes, and the homophones of the Han
//! chars. A query made only of digits and phone punctuation is a number.

use crate::model::phone;
use crate::text::key::NameKey;
use crate::text::normalize::compact;
use crate::text::pinyin::{self, Piece};
use crate::text::{normalize, segment};

/// Longest accepted query, in chars.
pub const MAX_QUERY_CHARS: usize = 100;
/// Most pinyin splits tried for one Latin run.
const MAX_SPLITS: usize = 8;
/// Most pinyin splits tried for a run of [`LONG_RUN`] letters or more: a
/// long run has few readings that make names, and the best splits come
/// first.
const MAX_LONG_SPLITS: usize = 3;
/// Letters from which a Latin run is long.
const LONG_RUN: usize = 16;
/// Most homophone spellings tried for one part.
const MAX_HOMOPHONES: usize = 4;

/// A query after understanding.
#[derive(Debug, Clone, PartialEq)]
pub struct Understood {
    /// The normalised query.
    pub normalized: String,
    /// The space-separated parts, each with its derivations.
    pub parts: Vec<Part>,
    /// The digits, when the whole query reads as a phone number.
    pub number: Option<String>,
}

/// One space-separated part of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The part's text, normalised.
    pub text: String,
    /// What the part was read as.
    pub role: Role,
    /// Its words (jieba), for the word fields.
    pub words: Vec<String>,
    /// Every way the part may match a name, best first.
    pub derivations: Vec<Derivation>,
}

/// What a part of a query was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A part as typed: it may match the name, an alias, the department,
    /// or qualify by district, city or category.
    #[serde(rename = "name")]
    Typed,
    /// A place said first (`天河` of `天河工行`): the listing's district,
    /// city, province or address, or its name.
    Place,
    /// The organisation of a compound request: its name, an alias or a
    /// derived short name.
    Organisation,
    /// The department, office or branch of a compound request: the
    /// listing's department, or words of its name (`天河支行`).
    Department,
    /// What the caller asked for (`电话`): never matched, only told.
    Wanted,
}

/// How a derivation reads what was typed, from the most literal to the
/// loosest. What a match through it proves (exact, prefix, alias ...) is
/// decided when a listing is judged, by where it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reading {
    /// The chars as typed.
    Literal,
    /// Full pinyin syllables (the last maybe partly typed).
    FullPinyin,
    /// Han chars mixed with pinyin syllables.
    Mixed,
    /// Pinyin initials (with Han chars or syllables before them).
    Initials,
    /// Pinyin with accent-bent sounds (z/zh, n/l, an/ang ...).
    FuzzyPinyin,
    /// Han chars read as the syllables they sound like.
    Homophone,
}

impl Reading {
    /// Returns true if and only if the reading is of how the text sounds
    /// (homophones, fuzzy pinyin) rather than of what was typed.
    pub fn by_sound(self) -> bool {
        matches!(self, Reading::Homophone | Reading::FuzzyPinyin)
    }
}

impl Part {
    /// Returns true if and only if the part may be a short name derived
    /// from a name's words (`北师大`, `中人和支`): two chars or more, Han
    /// and the digits of a name (`1查` for 114查号台), at least one Han.
    pub fn may_be_short_name(&self) -> bool {
        let text = &self.text;
        text.chars().count() >= 2
            && text.chars().all(|c| !c.is_ascii() || c.is_ascii_digit())
            && !text.is_ascii()
    }
}

/// One way a part may match: a key a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivation {
    /// How it reads what was typed.
    pub reading: Reading,
    /// One key a position.
    pub keys: Vec<NameKey>,
    /// The last key is only the start of a key (a partly typed syllable).
    pub prefix_last: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Han(String),
    Latin(String),
    Digits(String),
}

/// Why a query cannot be searched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// Nothing but spaces and punctuation.
    #[error("the query is empty: type part of a name, pinyin or a number")]
    Empty,
    /// Longer than [`MAX_QUERY_CHARS`].
    #[error("the query is {chars} characters long; at most {MAX_QUERY_CHARS} are accepted")]
    TooLong {
        /// How many chars it has.
        chars: usize,
    },
}

impl QueryError {
    /// The same reason, told of the request parameter `name` that carried
    /// the query (`q is empty: ...`).
    pub fn of_parameter(&self, name: &str) -> String {
        let told = self.to_string();
        format!("{name}{}", told.strip_prefix("the query").unwrap_or(&told))
    }
}

/// Checks that `query` can be searched, and returns it normalised.
pub fn check_query(query: &str) -> Result<String, QueryError> {
    let chars = query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong { chars });
    }
    let normalized = normalize(query);
    if normalized.is_empty() {
        return Err(QueryError::Empty);
    }
    Ok(normalized)
}

/// Understands `query`, or says why it cannot be searched.
pub fn understand(query: &str) -> Result<Understood, QueryError> {
    let normalized = check_query(query)?;
    let number = phone::normalize_digits(query).filter(|d| d.len() >= 3);
    // Only the spaces the operator typed separate parts: punctuation inside
    // a part (`美宜佳(白云`, `yat-sen`) joins, as it does in the indexed name.
    let mut pieces: Vec<String> = query
        .split_whitespace()
        .map(compact)
        .filter(|piece| !piece.is_empty())
        .collect();
    // Spaces between pinyin only separate syllables (`zhong shan da xue`):
    // a query of nothing but letters is one part. (English names are looked
    // up from the whole normalised query, spaces kept.)
    if pieces.len() > 1
        && pieces
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_lowercase()))
    {
        pieces = vec![pieces.concat()];
    }
    let parts = pieces
        .iter()
        .map(|piece| understand_part(piece, Role::Typed))
        .collect();
    Ok(Understood {
        normalized,
        parts,
        number,
    })
}

/// A query of parts already read (a compound request), each with its
/// role: the parts' texts are normalised and compact already.
pub fn understand_parts(parts: &[(Role, &str)]) -> Understood {
    Understood {
        normalized: parts.iter().map(|(_, t)| *t).collect::<Vec<_>>().join(" "),
        parts: parts
            .iter()
            .map(|(role, text)| understand_part(text, *role))
            .collect(),
        number: None,
    }
}

fn understand_part(text: &str, role: Role) -> Part {
    let segments = segments(text);
    let mut derivations = Vec::new();
    // The literal chars, whatever the script.
    derivations.push(Derivation {
        reading: Reading::Literal,
        keys: text.chars().map(NameKey::Char).collect(),
        prefix_last: false,
    });
    let has_latin = segments.iter().any(|s| matches!(s, Segment::Latin(_)));
    let has_han = segments.iter().any(|s| matches!(s, Segment::Han(_)));
    if has_latin {
        for spelled in pinyin_derivations(&segments, false) {
            push_unique(&mut derivations, spelled);
        }
        for spelled in pinyin_derivations(&segments, true) {
            push_unique(&mut derivations, spelled);
        }
    }
    if !has_han && text.chars().all(|c| c.is_ascii_lowercase()) && text.len() >= 2 {
        // Every letter the initial of one char (`gzsgajnsqfj`), and the same
        // with zh/ch/sh kept together: long initials split into many pieces,
        // so the splitter's best few never include them.
        for initials in [single_initials(text), digraph_initials(text)] {
            push_unique(
                &mut derivations,
                Derivation {
                    reading: Reading::Initials,
                    keys: initials.into_iter().map(NameKey::Initial).collect(),
                    prefix_last: false,
                },
            );
        }
    }
    if has_han && has_latin {
        // Han chars then initials (`广州shzqhbyey`): every letter the
        // initial of one char, and the same with zh/ch/sh kept together. The
        // splitter reads syllables into the letters (`ye`), and its best
        // few may miss the plain initials.
        for initials in [single_initials, digraph_initials] {
            let keys = segments
                .iter()
                .flat_map(|segment| match segment {
                    Segment::Han(s) | Segment::Digits(s) => {
                        s.chars().map(NameKey::Char).collect::<Vec<_>>()
                    }
                    Segment::Latin(s) => initials(s).into_iter().map(NameKey::Initial).collect(),
                })
                .collect::<Vec<NameKey>>();
            push_unique(
                &mut derivations,
                Derivation {
                    reading: Reading::Initials,
                    keys,
                    prefix_last: false,
                },
            );
        }
    }
    if has_han {
        for spelled in homophone_derivations(&segments) {
            push_unique(&mut derivations, spelled);
        }
    }
    let words = segment::words(text)
        .into_iter()
        .map(|w| w.text.to_string())
        .collect();
    Part {
        text: text.to_string(),
        role,
        words,
        derivations,
    }
}

fn single_initials(text: &str) -> Vec<String> {
    text.chars().map(|c| c.to_string()).collect()
}

fn digraph_initials(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if i + 1 < bytes.len() && bytes[i + 1] == b'h' && matches!(bytes[i], b'z' | b'c' | b's') {
            out.push(text[i..i + 2].to_string());
            i += 2;
        } else {
            out.push(text[i..i + 1].to_string());
            i += 1;
        }
    }
    out
}

fn push_unique(list: &mut Vec<Derivation>, d: Derivation) {
    if !list
        .iter()
        .any(|x| x.keys == d.keys && x.prefix_last == d.prefix_last)
    {
        list.push(d);
    }
}

fn segments(text: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for c in text.chars() {
        let kind = if c.is_ascii_lowercase() {
            1
        } else if c.is_ascii_digit() {
            2
        } else {
            0
        };
        match (out.last_mut(), kind) {
            (Some(Segment::Latin(s)), 1) | (Some(Segment::Digits(s)), 2) => s.push(c),
            (Some(Segment::Han(s)), 0) => s.push(c),
            (_, 1) => out.push(Segment::Latin(c.to_string())),
            (_, 2) => out.push(Segment::Digits(c.to_string())),
            _ => out.push(Segment::Han(c.to_string())),
        }
    }
    out
}

/// Pinyin readings of the Latin runs, Han and digits kept literal. With
/// `fuzzy`, full syllables become their fuzzy classes.
fn pinyin_derivations(segments: &[Segment], fuzzy: bool) -> Vec<Derivation> {
    // Each segment contributes alternatives; the part's derivations are their
    // product, bounded.
    let mut partial: Vec<(Vec<NameKey>, bool, Reading)> =
        vec![(Vec::new(), false, Reading::FullPinyin)];
    for (index, segment) in segments.iter().enumerate() {
        let last_segment = index + 1 == segments.len();
        let options: Vec<(Vec<NameKey>, bool, Reading)> = match segment {
            Segment::Han(s) | Segment::Digits(s) => {
                vec![(
                    s.chars().map(NameKey::Char).collect(),
                    false,
                    Reading::FullPinyin,
                )]
            }
            Segment::Latin(s) => {
                let max = if s.len() >= LONG_RUN {
                    MAX_LONG_SPLITS
                } else {
                    MAX_SPLITS
                };
                if fuzzy {
                    pinyin::split_pinyin_fuzzy(s, max)
                } else {
                    pinyin::split_pinyin(s, max)
                }
            }
            .into_iter()
            .filter_map(|pieces| spell(&pieces, last_segment, fuzzy))
            .collect(),
        };
        if options.is_empty() {
            return Vec::new();
        }
        let mut next = Vec::new();
        for (keys, _, kind) in &partial {
            for (more, prefix_last, more_kind) in &options {
                let mut k = keys.clone();
                k.extend(more.iter().cloned());
                next.push((k, *prefix_last, (*kind).max(*more_kind)));
            }
        }
        next.truncate(MAX_SPLITS);
        partial = next;
    }
    let any_han = segments.iter().any(|s| matches!(s, Segment::Han(_)));
    partial
        .into_iter()
        .map(|(keys, prefix_last, reading)| Derivation {
            reading: if fuzzy {
                Reading::FuzzyPinyin
            } else if any_han && reading == Reading::FullPinyin {
                Reading::Mixed
            } else {
                reading
            },
            keys,
            prefix_last,
        })
        .collect()
}

/// The keys of one split, or None when a partly typed syllable stands
/// anywhere but at the very end. A whole syllable at the very end may still
/// be growing (`da` → `dai`), so it is looked up as a prefix too.
fn spell(pieces: &[Piece], at_end: bool, fuzzy: bool) -> Option<(Vec<NameKey>, bool, Reading)> {
    let mut keys = Vec::with_capacity(pieces.len());
    let mut prefix_last = false;
    let mut reading = Reading::FullPinyin;
    for (i, piece) in pieces.iter().enumerate() {
        let last = at_end && i + 1 == pieces.len();
        match *piece {
            Piece::Full(s) if fuzzy => keys.push(NameKey::Fuzzy(pinyin::fuzzy_key(s))),
            Piece::Fuzzy(s) => keys.push(NameKey::Fuzzy(pinyin::fuzzy_key(s))),
            Piece::Full(s) => {
                keys.push(NameKey::Syllable(s.to_string()));
                prefix_last = last;
            }
            // The last piece, typed after whole syllables, is the start of
            // the next syllable (`zhongshand`): full pinyin still growing.
            Piece::Prefix(p) if last && !fuzzy && reading == Reading::FullPinyin && i > 0 => {
                keys.push(NameKey::Syllable(p.to_string()));
                prefix_last = true;
            }
            Piece::Prefix(p) if is_initial(p) => {
                keys.push(NameKey::Initial(p.to_string()));
                reading = Reading::Initials;
            }
            Piece::Prefix(p) if last && !fuzzy => {
                keys.push(NameKey::Syllable(p.to_string()));
                prefix_last = true;
            }
            Piece::Prefix(_) => return None,
        }
    }
    Some((keys, prefix_last, reading))
}

/// An initial as typed: one letter, or zh/ch/sh.
fn is_initial(p: &str) -> bool {
    p.len() == 1 || matches!(p, "zh" | "ch" | "sh")
}

/// Syllable spellings of the Han chars: finds names that sound like what
/// was typed (中山大雪 → 中山大学).
fn homophone_derivations(segments: &[Segment]) -> Vec<Derivation> {
    let mut spellings: Vec<Vec<NameKey>> = vec![Vec::new()];
    for segment in segments {
        match segment {
            Segment::Han(s) => {
                let readings = pinyin::readings(s);
                for (c, syllables) in s.chars().zip(readings) {
                    if syllables.is_empty() {
                        spellings.iter_mut().for_each(|k| k.push(NameKey::Char(c)));
                        continue;
                    }
                    let mut next = Vec::new();
                    for keys in &spellings {
                        for syl in syllables.iter().take(2) {
                            let mut k = keys.clone();
                            k.push(NameKey::Syllable(syl.to_string()));
                            next.push(k);
                        }
                    }
                    next.truncate(MAX_HOMOPHONES);
                    spellings = next;
                }
            }
            Segment::Latin(s) | Segment::Digits(s) => {
                spellings
                    .iter_mut()
                    .for_each(|k| k.extend(s.chars().map(NameKey::Char)));
            }
        }
    }
    spellings
        .into_iter()
        .map(|keys| Derivation {
            reading: Reading::Homophone,
            keys,
            prefix_last: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_empty_and_long_queries() {
        assert!(understand("").is_err());
        assert!(understand(" 　，").is_err());
        assert!(understand(&"中".repeat(101)).is_err());
        assert!(understand(&"中".repeat(100)).is_ok());
    }

    #[test]
    fn splits_parts_and_finds_numbers() {
        let u = understand("天河 中医院").unwrap();
        assert_eq!(u.parts.len(), 2);
        assert_eq!(u.number, None);
        let u = understand("020-8775").unwrap();
        assert_eq!(u.number.as_deref(), Some("0208775"));
    }

    #[test]
    fn initials_become_initial_keys() {
        let u = understand("zsdx").unwrap();
        let d = &u.parts[0].derivations;
        let initials: Vec<NameKey> = ["z", "s", "d", "x"]
            .iter()
            .map(|i| NameKey::Initial(i.to_string()))
            .collect();
        assert!(d.iter().any(|d| d.keys == initials), "derivations: {d:?}");
    }
}
