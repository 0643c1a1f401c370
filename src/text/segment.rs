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
    JIEBA
        .cut(text, true)
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
    JIEBA
        .cut_for_search(text, true)
        .into_iter()
        .filter(|t| !t.word.trim().is_empty())
        .map(|t| Word {
            text: t.word,
            start: t.start,
            end: t.end,
        })
        .collect()
}
