//! The embedded reading data (derived from pypinyin, see data/SOURCES.md),
//! parsed once on first use into lookup tables.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::syllable::as_syllable;

const CHARS: &str = include_str!("../../../data/pinyin/chars.txt");
const EXTRA_READINGS: &str = include_str!("../../../data/pinyin/extra_readings.txt");
const PHRASES: &str = include_str!("../../../data/pinyin/phrases.txt");
const EXTRA_PHRASES: &str = include_str!("../../../data/pinyin/extra_phrases.txt");

/// The readings of one character position, most common first.
pub type Reading = &'static [&'static str];

/// Most characters live in CJK Extension A and the Unified Ideographs block;
/// a flat table over that range avoids hashing on the hot path.
const DENSE_START: u32 = 0x3400;
const DENSE_END: u32 = 0xA000;

/// Longest phrase the matcher looks for, in characters; longer phrases in
/// the data are ignored (the source has one of ten characters).
pub(crate) const MAX_PHRASE_CHARS: usize = 16;

pub(crate) struct Data {
    dense: Vec<Reading>,
    sparse: HashMap<char, Reading>,
    pub(crate) phrases: HashMap<&'static str, Box<[Reading]>>,
    /// Bit `n` is set if some phrase of `n` characters starts with the char.
    pub(crate) phrase_lengths: HashMap<char, u32>,
}

impl Data {
    pub(crate) fn char_readings(&self, c: char) -> Reading {
        let code = u32::from(c);
        if (DENSE_START..DENSE_END).contains(&code) {
            self.dense[(code - DENSE_START) as usize]
        } else if code < 0x80 {
            &[]
        } else {
            self.sparse.get(&c).copied().unwrap_or(&[])
        }
    }

    fn set(&mut self, c: char, reading: Reading) {
        let code = u32::from(c);
        if (DENSE_START..DENSE_END).contains(&code) {
            self.dense[(code - DENSE_START) as usize] = reading;
        } else {
            self.sparse.insert(c, reading);
        }
    }
}

pub(crate) static DATA: LazyLock<Data> = LazyLock::new(load);

/// Hands out one leaked slice per distinct reading list; there are about a
/// thousand, so the data lives for the whole process at little cost.
#[derive(Default)]
struct Interner(HashMap<Vec<&'static str>, Reading>);

impl Interner {
    fn intern(&mut self, file: &str, line: usize, spellings: &str, sep: char) -> Reading {
        let list: Vec<&'static str> = spellings
            .split(sep)
            .map(|s| {
                as_syllable(s).unwrap_or_else(|| {
                    panic!("data/pinyin/{file}: line {line}: {s:?} is not a syllable")
                })
            })
            .collect();
        self.0
            .entry(list)
            .or_insert_with_key(|list| Box::leak(list.clone().into_boxed_slice()))
    }
}

fn lines(text: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
}

fn load() -> Data {
    let mut interner = Interner::default();
    let mut data = Data {
        dense: vec![&[]; (DENSE_END - DENSE_START) as usize],
        sparse: HashMap::new(),
        phrases: HashMap::new(),
        phrase_lengths: HashMap::new(),
    };
    for (n, line) in lines(CHARS) {
        let (spellings, chars) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("data/pinyin/chars.txt: line {n}: no tab"));
        let reading = interner.intern("chars.txt", n, spellings, ' ');
        for c in chars.chars() {
            data.set(c, reading);
        }
    }

    for (n, line) in lines(EXTRA_READINGS) {
        let mut fields = line.split_whitespace();
        let mut chars = fields.next().unwrap_or_default().chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            panic!("data/pinyin/extra_readings.txt: line {n}: want one character first");
        };
        let mut list = data.char_readings(c).to_vec();
        for extra in fields {
            let extra = interner.intern("extra_readings.txt", n, extra, ' ')[0];
            if !list.contains(&extra) {
                list.push(extra);
            }
        }
        let reading = interner.intern("extra_readings.txt", n, &list.join(" "), ' ');
        data.set(c, reading);
    }

    for (file, text) in [
        ("phrases.txt", PHRASES),
        ("extra_phrases.txt", EXTRA_PHRASES),
    ] {
        for (n, line) in lines(text) {
            let mut fields = line.split_whitespace();
            let word = fields.next().unwrap_or_default();
            let readings: Box<[Reading]> = fields
                .map(|alternatives| interner.intern(file, n, alternatives, '|'))
                .collect();
            let count = word.chars().count();
            if count != readings.len() {
                panic!(
                    "data/pinyin/{file}: line {n}: {count} characters but {} readings",
                    readings.len()
                );
            }
            if !(2..=MAX_PHRASE_CHARS).contains(&count) {
                continue;
            }
            if let Some(first) = word.chars().next() {
                *data.phrase_lengths.entry(first).or_default() |= 1 << count;
            }
            data.phrases.insert(word, readings);
        }
    }
    data
}
