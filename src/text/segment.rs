//! Word segmentation with jieba, plus the place and organisation words a
//! city directory needs that jieba's general dictionary splits wrongly.

use std::sync::LazyLock;

use jieba_rs::Jieba;

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for line in include_str!("../../data/dict/words.txt").lines() {
        let word = line.split('#').next().unwrap_or("").trim();
        if !word.is_empty() {
            jieba.add_word(word, None, None);
        }
    }
    jieba
});

/// A word of a segmented text, with its char offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word itself.
    pub text: &'a str,
    /// Index of its first char in the text.
    pub start: usize,
    /// Index one past its last char.
    pub end: usize,
}

/// Loads the dictionary now rather than on the first query.
pub fn warm_up() {
    LazyLock::force(&JIEBA);
}

/// Splits `text` (normalised) into words, without overlaps.
///
/// ```
/// use chahao::text::segment::words;
/// let w: Vec<&str> = words("中山大学附属第一医院").iter().map(|w| w.text).collect();
/// assert_eq!(w.concat(), "中山大学附属第一医院");
/// assert!(w.contains(&"中山大学"));
/// ```
pub fn words(text: &str) -> Vec<Word<'_>> {
    to_words(JIEBA.cut(text, true))
}

fn to_words(tokens: Vec<jieba_rs::Token<'_>>) -> Vec<Word<'_>> {
    tokens
        .into_iter()
        .filter(|t| !t.word.trim().is_empty())
        .map(|t| Word {
            text: t.word,
            start: t.start,
            end: t.end,
        })
        .collect()
}

/// Splits `text` into words and also the shorter words inside long ones
/// (`中山大学` → `中山`, `大学`, `中山大学`): what a name is indexed under.
pub fn search_words(text: &str) -> Vec<Word<'_>> {
    to_words(JIEBA.cut_for_search(text, true))
}

/// Splits `text` into the smallest dictionary words that tile it: each word
/// of [`words`] longer than two chars is split again into the shorter words
/// jieba finds inside it (`北京师范大学` → `北京`, `师范`, `大学`). What a
/// derived short name is made of.
///
/// ```
/// use chahao::text::segment::fine_words;
/// let w: Vec<&str> = fine_words("北京师范大学").iter().map(|w| w.text).collect();
/// assert_eq!(w, ["北京", "师范", "大学"]);
/// let w: Vec<&str> = fine_words("附属第一医院").iter().map(|w| w.text).collect();
/// assert_eq!(w, ["附属", "第", "一", "医院"]);
/// ```
pub fn fine_words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for word in words(text) {
        let len = word.end - word.start;
        if len <= 2 {
            out.push(word);
            continue;
        }
        let inner: Vec<Word> = search_words(word.text)
            .into_iter()
            .filter(|w| w.end - w.start < len)
            .collect();
        let chars: Vec<(usize, char)> = word.text.char_indices().collect();
        let mut at = 0;
        while at < len {
            let best = inner
                .iter()
                .filter(|w| w.start == at && w.end - w.start >= 2)
                .min_by_key(|w| w.end - w.start);
            let end = best.map_or(at + 1, |w| w.end);
            let from = chars[at].0;
            let to = chars.get(end).map_or(word.text.len(), |c| c.0);
            out.push(Word {
                text: &word.text[from..to],
                start: word.start + at,
                end: word.start + end,
            });
            at = end;
        }
    }
    split_ordinals(out)
}

/// An ordinal (`第一`, `第二十`) is two smallest words, 第 and its number:
/// callers shorten 中山大学附属第一医院 to 中附一 and 广州医科大学附属第二医院
/// to 广医附二.
fn split_ordinals(words: Vec<Word<'_>>) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        let mut chars = word.text.chars();
        let numbered = chars.next() == Some('第')
            && chars
                .next()
                .is_some_and(|c| "一二三四五六七八九十百零".contains(c));
        if numbered && word.end - word.start >= 2 {
            let cut = '第'.len_utf8();
            out.push(Word {
                text: &word.text[..cut],
                start: word.start,
                end: word.start + 1,
            });
            out.push(Word {
                text: &word.text[cut..],
                start: word.start + 1,
                end: word.end,
            });
        } else {
            out.push(word);
        }
    }
    out
}
