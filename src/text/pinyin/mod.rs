//! Pinyin: how a listing's name can be read, and how typed pinyin splits
//! into syllables.
//!
//! Indexing asks [`readings`] for the toneless syllables of every character
//! of a name; querying asks [`split_pinyin`] (or [`split_pinyin_fuzzy`]) how
//! an operator's keystrokes divide into syllables and abbreviations, and
//! compares both sides by [`initial`], [`first_letter`] or [`fuzzy_key`].
//!
//! Readings come from data derived from pypinyin (see `data/SOURCES.md` and
//! `data/pinyin/derive.py`), embedded in the binary and parsed once:
//! - `chars.txt`: the *common* readings of each character, most frequent
//!   first. A reading is common if it is the character's default reading or
//!   occurs at that character in at least two phrases of pypinyin's phrase
//!   list, so 行 reads xing or hang but 许 only xu; `extra_readings.txt` adds
//!   surname readings by hand (单 shan, 区 ou).
//! - `phrases.txt`: word-level readings that narrow or change what the
//!   characters give alone (重庆 chong qing, 银行 yin hang), kept only when
//!   they do; `extra_phrases.txt` adds place names by hand (花都 hua du).

mod data;
mod split;
mod syllable;

pub use data::Reading;
pub use split::{split_pinyin, split_pinyin_fuzzy, Piece};
pub use syllable::{as_syllable, first_letter, fuzzy_key, initial, is_syllable, syllables};

use data::{DATA, MAX_PHRASE_CHARS};

/// The common toneless readings of one character, most common first; empty
/// for characters without a reading (ASCII, punctuation, unknown Han).
///
/// ```
/// use chahao::text::pinyin::char_readings;
/// assert_eq!(char_readings('行'), ["xing", "hang"]);
/// assert_eq!(char_readings('长'), ["chang", "zhang"]);
/// assert_eq!(char_readings('许'), ["xu"]);
/// assert!(char_readings('a').is_empty());
/// ```
pub fn char_readings(c: char) -> Reading {
    DATA.char_readings(c)
}

/// The toneless readings of each `char` of `text` (already normalised to
/// simplified, lower-case form), one entry per char.
///
/// A character inside a known phrase gets the phrase's reading, found by
/// forward maximum matching as pypinyin does; any other character gets all
/// its common readings ([`char_readings`]). Characters without a reading
/// (ASCII letters and digits, punctuation, unknown Han) get an empty entry,
/// left for the caller to handle.
///
/// ```
/// use chahao::text::pinyin::readings;
/// assert_eq!(readings("重庆银行"), [["chong"], ["qing"], ["yin"], ["hang"]]);
/// assert_eq!(readings("行"), [["xing", "hang"]]);
/// assert_eq!(readings("番禺")[0], ["pan"]);
/// let mixed = readings("中山dx");
/// assert_eq!(mixed[1], ["shan"]);
/// assert!(mixed[2].is_empty());
/// ```
pub fn readings(text: &str) -> Vec<Reading> {
    let data = &*DATA;
    // Byte offset of every char, plus the end, to slice candidate phrases.
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let count = bounds.len() - 1;
    let mut out = Vec::with_capacity(count);
    let mut at = 0;
    while at < count {
        let first = text[bounds[at]..].chars().next().unwrap_or_default();
        let lengths = data.phrase_lengths.get(&first).copied().unwrap_or(0);
        let longest = (count - at).min(MAX_PHRASE_CHARS);
        let phrase = (2..=longest)
            .rev()
            .filter(|n| lengths & (1 << n) != 0)
            .find_map(|n| data.phrases.get(&text[bounds[at]..bounds[at + n]]));
        match phrase {
            Some(phrase) => {
                out.extend_from_slice(phrase);
                at += phrase.len();
            }
            None => {
                out.push(data.char_readings(first));
                at += 1;
            }
        }
    }
    out
}
