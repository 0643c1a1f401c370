//! The keys a name is indexed under, position by position, and the same keys
//! built from what an operator types. Both sides call these functions, so a
//! key written at index time is exactly the key looked up at query time.
//!
//! A name `中山大学` becomes one anchor at position 0 and, for the char at
//! index `i`, at position `i + 1`: the char itself, each of its syllables,
//! each syllable's fuzzy class and its initial letters:
//!
//! ```text
//! 0: ^    1: c中 pzhong fzon iz izh    2: c山 pshan fsan is ish    ...
//! ```
//!
//! so that `中山dx`, `zsdx`, `zhongshan大学` and `zongsan` are all phrase
//! look-ups over the one positional field.

use super::pinyin;

/// Key at position 0 of every name and alias: a phrase starting with it
/// matches only at the start of the name.
pub const ANCHOR: &str = "^";

/// Key of one char (Han, latin letter or digit) of a name.
pub fn char_key(c: char) -> String {
    let mut key = String::with_capacity(1 + c.len_utf8());
    key.push('c');
    key.push(c);
    key
}

/// Key of a full toneless syllable, e.g. `pzhong`.
pub fn syllable_key(syllable: &str) -> String {
    format!("p{syllable}")
}

/// Key of a syllable's fuzzy class, e.g. `fzon` for zhong, zong, zhon.
pub fn fuzzy_key(syllable: &str) -> String {
    format!("f{}", pinyin::fuzzy_key(syllable))
}

/// Key of a typed initial, e.g. `iz` or `izh`.
pub fn initial_key(initial: &str) -> String {
    format!("i{initial}")
}

/// Key of two syllables in a row of a name, at the first one's position,
/// e.g. `bguang-zhou`: a phrase of common syllables is led by its rarest
/// pair, not by the positions of every name with each syllable.
pub fn syllable_pair_key(first: &str, second: &str) -> String {
    format!("b{first}-{second}")
}

/// Key of two chars in a row of a name, at the first one's position, e.g.
/// `d广州`: likewise for a phrase of common chars (`广州市广州`).
pub fn char_pair_key(first: char, second: char) -> String {
    let mut key = String::with_capacity(1 + first.len_utf8() + second.len_utf8());
    key.push('d');
    key.push(first);
    key.push(second);
    key
}

/// The keys of a phrase of chars (`c`) or of whole syllables (`p`, the last
/// maybe partly typed) as the pair keys of its neighbours, one position
/// fewer: they match where the phrase does. None for any other phrase (a
/// single key, or keys of mixed kinds).
pub fn pair_keys(keys: &[String]) -> Option<Vec<String>> {
    let tag = keys.first()?.as_bytes().first().copied()?;
    if keys.len() < 2 || !matches!(tag, b'c' | b'p') {
        return None;
    }
    if keys.iter().any(|k| k.len() < 2 || k.as_bytes()[0] != tag) {
        return None;
    }
    Some(
        keys.windows(2)
            .map(|w| match tag {
                b'p' => syllable_pair_key(&w[0][1..], &w[1][1..]),
                _ => format!("d{}{}", &w[0][1..], &w[1][1..]),
            })
            .collect(),
    )
}

/// Prefix shared by every syllable key: used to expand a partly typed
/// syllable (`zhon` → `pzhong`) through the term dictionary.
pub const SYLLABLE_PREFIX: &str = "p";

/// The keys of a normalised name, as `(position, key)` pairs, anchor first.
/// Spaces are skipped: they do not take a position.
///
/// ```
/// use chahao::text::keys::name_keys;
/// let keys = name_keys("中山");
/// assert!(keys.contains(&(0, "^".to_string())));
/// assert!(keys.contains(&(1, "c中".to_string())));
/// assert!(keys.contains(&(1, "pzhong".to_string())));
/// assert!(keys.contains(&(2, "is".to_string())));
/// assert!(keys.contains(&(2, "ish".to_string())));
/// assert!(keys.contains(&(1, "d中山".to_string())));
/// assert!(keys.contains(&(1, "bzhong-shan".to_string())));
/// ```
pub fn name_keys(normalized: &str) -> Vec<(usize, String)> {
    keys_of(normalized, true)
}

/// The keys of a normalised name one by one, as [`name_keys`] but without
/// the pair keys: what a derivation is checked against key by key (pairs
/// only lead look-ups).
pub fn single_name_keys(normalized: &str) -> Vec<(usize, String)> {
    keys_of(normalized, false)
}

fn keys_of(normalized: &str, with_pairs: bool) -> Vec<(usize, String)> {
    let compact: String = normalized.chars().filter(|c| *c != ' ').collect();
    let readings = pinyin::readings(&compact);
    let pairs: Vec<(char, pinyin::Reading)> = compact.chars().zip(readings).collect();
    let mut keys = Vec::with_capacity(1 + compact.chars().count() * 8);
    keys.push((0, ANCHOR.to_string()));
    for (index, &(c, syllables)) in pairs.iter().enumerate() {
        let position = index + 1;
        let start = keys.len();
        keys.push((position, char_key(c)));
        if c.is_ascii_alphabetic() {
            keys.push((position, initial_key(&c.to_string())));
        }
        for syllable in syllables {
            keys.push((position, syllable_key(syllable)));
            keys.push((position, fuzzy_key(syllable)));
            let first = &syllable[..1];
            keys.push((position, initial_key(first)));
            let ini = pinyin::initial(syllable);
            if ini.len() == 2 {
                keys.push((position, initial_key(ini)));
            }
        }
        // The pairs this char starts with the next (every reading of each).
        if let Some((next, next_syllables)) = pairs.get(index + 1).filter(|_| with_pairs) {
            keys.push((position, char_pair_key(c, *next)));
            for first in syllables {
                for second in next_syllables.iter() {
                    keys.push((position, syllable_pair_key(first, second)));
                }
            }
        }
        dedup_from(&mut keys, start);
    }
    keys
}

/// Removes repeated keys among `keys[start..]` (one position's keys), keeping
/// the first of each.
fn dedup_from(keys: &mut Vec<(usize, String)>, start: usize) {
    let mut i = start;
    while i < keys.len() {
        if keys[start..i].iter().any(|k| k.1 == keys[i].1) {
            keys.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Keys of one phone number for reverse look-up: the whole canonical digit
/// string (`d02087755766`), the local number without area code
/// (`d87755766`), and every tail of the local number of four digits or more
/// (`s5766`, `s55766`, ...), so that a caller's "the last digits are 5766"
/// is one term look-up, and every start of the local number from four
/// digits on (`P8775`), so that `020-8775` is too.
///
/// ```
/// use chahao::text::keys::phone_keys;
/// let keys = phone_keys("02087755766", "87755766");
/// assert!(keys.contains(&"d02087755766".to_string()));
/// assert!(keys.contains(&"d87755766".to_string()));
/// assert!(keys.contains(&"s5766".to_string()));
/// assert!(keys.contains(&"P8775".to_string()));
/// ```
pub fn phone_keys(digits: &str, local: &str) -> Vec<String> {
    let mut keys = vec![format!("d{digits}")];
    if local != digits {
        keys.push(format!("d{local}"));
    }
    for start in 1..local.len().saturating_sub(3) {
        keys.push(format!("s{}", &local[start..]));
    }
    // Starts of the local number from four digits on: `8775` is one term,
    // and so is `020-8775` once the query side has taken the area code off
    // (see [`local_part`]).
    for end in MIN_PHONE_PREFIX..local.len() {
        keys.push(format!("{PHONE_PREFIX_KEY}{}", &local[..end]));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The local part of typed digits that start with an area code
/// (`0208775` → `8775`: 010 and 02x take three digits, other codes four),
/// or None when they do not start with one.
///
/// ```
/// use chahao::text::keys::local_part;
/// assert_eq!(local_part("0208775"), Some("8775"));
/// assert_eq!(local_part("07558765"), Some("8765"));
/// assert_eq!(local_part("87755766"), None);
/// ```
pub fn local_part(digits: &str) -> Option<&str> {
    if !digits.starts_with('0') || digits.starts_with("00") {
        return None;
    }
    let area = if digits.starts_with("010") || digits.starts_with("02") {
        3
    } else {
        4
    };
    digits.get(area..).filter(|rest| !rest.is_empty())
}

/// Fewest digits of a local number a number prefix is looked up with.
pub const MIN_PHONE_PREFIX: usize = 4;
/// Prefix of the number-start keys (`P02087755`).
pub const PHONE_PREFIX_KEY: &str = "P";

/// Prefix of the whole-number phone keys.
pub const PHONE_PREFIX: &str = "d";
/// Prefix of the tail phone keys.
pub const PHONE_TAIL_PREFIX: &str = "s";

/// Most chars of a name indexed as a literal prefix key.
pub const MAX_LITERAL_PREFIX: usize = 12;
/// Most letters of a name's initials indexed as prefix keys.
pub const MAX_INITIALS_PREFIX: usize = 12;
/// Most letters of a name's full pinyin indexed as prefix keys.
pub const MAX_PINYIN_PREFIX: usize = 20;
/// Most syllables of a name's fuzzy pinyin indexed as prefix keys.
pub const MAX_FUZZY_SYLLABLES: usize = 8;
/// Most reading variants of one name spelled out (polyphones multiply).
const MAX_SPELLINGS: usize = 2;

/// Key of a literal prefix of a name (`h中山大`).
pub fn literal_prefix_key(compact: &str) -> String {
    format!("h{compact}")
}

/// Key of a whole name, alias, initials or full pinyin, for the "whole
/// name" tie-break: `exact_key(&literal_prefix_key("中山大学"))` is
/// `e h中山大学` without the space.
pub fn exact_key(prefix_key: &str) -> String {
    format!("e{prefix_key}")
}

/// Key of a prefix of a name's initials (`jzsd`).
pub fn initials_prefix_key(letters: &str) -> String {
    format!("j{letters}")
}

/// Key of a prefix of a name's full pinyin (`qzhongshand`).
pub fn pinyin_prefix_key(letters: &str) -> String {
    format!("q{letters}")
}

/// Key of a name's first syllables in fuzzy form, whole syllables only
/// (`zzongsan` for zhongshan, zongsan, zhongsang ...).
pub fn fuzzy_prefix_key(fuzzy_syllables: &str) -> String {
    format!("z{fuzzy_syllables}")
}

/// The anchored prefix keys of a normalised name or alias: the start of its
/// chars, of its initials (zh/ch/sh also as two letters), of its full
/// pinyin, and of its fuzzy pinyin by whole syllables. Each is one term, so
/// the as-you-type forms (`中山大学附`, `zsdx`, `zhshdx`, `zhongshand`,
/// `zongsan`) need no phrase look-up and stay fast however common their
/// letters are.
///
/// ```
/// use chahao::text::keys::prefix_keys;
/// let keys = prefix_keys("中山大学");
/// for k in ["h中", "h中山大学", "jz", "jzsdx", "jzhshdx", "qzhongshand", "qzhongshandaxue", "zzongsan"] {
///     assert!(keys.contains(&k.to_string()), "{k} missing from {keys:?}");
/// }
/// ```
pub fn prefix_keys(normalized: &str) -> Vec<String> {
    let compact: String = normalized.chars().filter(|c| *c != ' ').collect();
    let mut keys = Vec::with_capacity(64);
    let chars: Vec<char> = compact.chars().collect();
    for end in 1..=chars.len().min(MAX_LITERAL_PREFIX) {
        keys.push(literal_prefix_key(&chars[..end].iter().collect::<String>()));
    }
    if !compact.is_empty() {
        keys.push(exact_key(&literal_prefix_key(&compact)));
    }
    let readings = pinyin::readings(&compact);
    // Spell out up to MAX_SPELLINGS readings of the whole name: the first
    // reading of every char, then the alternatives of the first polyphones.
    let mut spellings: Vec<Vec<String>> = vec![Vec::new()];
    for (c, syllables) in chars.iter().zip(&readings) {
        let options: Vec<String> = if syllables.is_empty() {
            if c.is_ascii_alphanumeric() {
                vec![c.to_string()]
            } else {
                vec![String::new()]
            }
        } else {
            syllables.iter().map(|s| s.to_string()).collect()
        };
        let mut next = Vec::with_capacity(spellings.len() * options.len());
        for option in &options {
            for spelling in &spellings {
                if next.len() == MAX_SPELLINGS {
                    break;
                }
                let mut s = spelling.clone();
                s.push(option.clone());
                next.push(s);
            }
        }
        spellings = next;
    }
    // The spellings share their start up to the first polyphone: each emits
    // only the prefixes longer than what an earlier spelling already gave.
    let mut seen: Vec<String> = Vec::new();
    let mut emit = |tag: fn(&str) -> String, letters: &str, max: usize, keys: &mut Vec<String>| {
        // Compared with their tag, so initials and pinyin stay apart.
        let tagged = tag(letters);
        let shared = seen
            .iter()
            .map(|s| common_prefix_len(s, &tagged))
            .max()
            .unwrap_or(0)
            .saturating_sub(1);
        for end in shared + 1..=letters.len().min(max) {
            keys.push(tag(&letters[..end]));
        }
        if !letters.is_empty() && !seen.contains(&tagged) {
            keys.push(exact_key(&tagged));
        }
        seen.push(tagged);
    };
    for spelling in &spellings {
        let syllables: Vec<&str> = spelling
            .iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        // Initials, one letter a syllable, and with zh/ch/sh kept whole.
        let short: String = syllables.iter().filter_map(|s| s.chars().next()).collect();
        let long: String = syllables
            .iter()
            .map(|s| {
                let ini = pinyin::initial(s);
                if ini.len() == 2 {
                    ini
                } else {
                    &s[..s.chars().next().map_or(0, char::len_utf8)]
                }
            })
            .collect();
        emit(initials_prefix_key, &short, MAX_INITIALS_PREFIX, &mut keys);
        if long != short {
            emit(initials_prefix_key, &long, MAX_INITIALS_PREFIX, &mut keys);
        }
        let full: String = syllables.concat();
        emit(pinyin_prefix_key, &full, MAX_PINYIN_PREFIX, &mut keys);
        let mut fuzzy = String::new();
        for s in syllables.iter().take(MAX_FUZZY_SYLLABLES) {
            fuzzy.push_str(&pinyin::fuzzy_key(s));
            keys.push(fuzzy_prefix_key(&fuzzy));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Length in bytes of the common start of two ASCII strings.
fn common_prefix_len(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// Key of a pair of word starts of a name (`S北师`): the first char of one
/// word and the first char of a later one. A derived short name (`北师大`,
/// `中人和支`, `增城万外学校`) always starts with such a pair.
pub fn word_pair_key(first: char, later: char) -> String {
    format!("S{first}{later}")
}

/// How far apart the two words of a pair may be. Every pair of the first
/// words: limiting the span to the next three words cost 4 points of hit@5
/// on derived short names for 1.5% of build speed.
const MAX_PAIR_SPAN: usize = MAX_PAIR_WORDS;

/// Most words of a name whose start pairs are indexed.
const MAX_PAIR_WORDS: usize = 8;

/// The smallest words of a normalised name (see [`super::segment::fine_words`]).
pub fn name_words(normalized: &str) -> Vec<String> {
    let compact: String = normalized.chars().filter(|c| *c != ' ').collect();
    super::segment::fine_words(&compact)
        .into_iter()
        .map(|w| w.text.to_string())
        .collect()
}

/// The word-start pair keys of a normalised name: for each word, with each
/// of the next [`MAX_PAIR_SPAN`] words.
///
/// ```
/// use chahao::text::keys::word_pair_keys;
/// let keys = word_pair_keys("北京师范大学");
/// assert!(keys.contains(&"S北师".to_string()));
/// assert!(keys.contains(&"S北大".to_string()));
/// ```
pub fn word_pair_keys(normalized: &str) -> Vec<String> {
    let firsts: Vec<char> = name_words(normalized)
        .iter()
        .filter_map(|w| w.chars().next())
        .take(MAX_PAIR_WORDS)
        .collect();
    let mut keys = Vec::new();
    for (i, &a) in firsts.iter().enumerate() {
        for &b in firsts.iter().skip(i + 1).take(MAX_PAIR_SPAN) {
            keys.push(word_pair_key(a, b));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Returns true if and only if `query` is a short name derived from a name
/// whose smallest words are `words`: the query splits into at least two
/// pieces, each the start of a different word, in the words' order, words
/// between them skipped (`中人和支` for 中国/银行/广州/人和/支行).
///
/// ```
/// use chahao::text::keys::{is_derived_short_name, name_words};
/// let words = name_words("中国银行广州人和支行");
/// assert!(is_derived_short_name("中人和支", &words));
/// assert!(!is_derived_short_name("人中", &words));
/// ```
pub fn is_derived_short_name(query: &str, words: &[String]) -> bool {
    let q: Vec<char> = query.chars().collect();
    let w: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    // can[i][j]: q[i..] can be made from words j.. with at least `need` pieces.
    fn go(q: &[char], w: &[Vec<char>], i: usize, j: usize, pieces: usize) -> bool {
        if i == q.len() {
            return pieces >= 2;
        }
        (j..w.len()).any(|k| {
            let word = &w[k];
            (1..=word.len().min(q.len() - i))
                .rev()
                .any(|n| word[..n] == q[i..i + n] && go(q, w, i + n, k + 1, pieces + 1))
        })
    }
    (2..=MAX_SHORT_NAME).contains(&q.len()) && go(&q, &w, 0, 0, 0)
}

/// Longest query tried as a derived short name, in chars (the check is a
/// search over the ways to split the query; short names are short).
const MAX_SHORT_NAME: usize = 12;
