//! The keys a name, alias or number is indexed under, as the strings the
//! index stores (each written by the one encoder of [`super::key`]; the
//! query side builds the same keys typed, and the index bridge encodes them
//! the same way).
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

use super::key::{NameKey, PhoneKey, PrefixKey, PrefixKind};
use super::normalize::without_spaces;
use super::pinyin;

/// The keys of a phrase of chars or of whole syllables (the last maybe
/// partly typed) as the pair keys of its neighbours, one position fewer:
/// they match where the phrase does. None for any other phrase (a single
/// key, or keys of mixed kinds).
pub fn pair_keys(keys: &[NameKey]) -> Option<Vec<NameKey>> {
    if keys.len() < 2 {
        return None;
    }
    let chars: Option<Vec<char>> = keys
        .iter()
        .map(|k| match k {
            NameKey::Char(c) => Some(*c),
            _ => None,
        })
        .collect();
    if let Some(chars) = chars {
        return Some(
            chars
                .windows(2)
                .map(|w| NameKey::CharPair(w[0], w[1]))
                .collect(),
        );
    }
    let syllables: Option<Vec<&String>> = keys
        .iter()
        .map(|k| match k {
            NameKey::Syllable(s) if !s.is_empty() => Some(s),
            _ => None,
        })
        .collect();
    Some(
        syllables?
            .windows(2)
            .map(|w| NameKey::SyllablePair(w[0].clone(), w[1].clone()))
            .collect(),
    )
}

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
    let compact = without_spaces(normalized);
    let mut keys = Vec::with_capacity(1 + compact.chars().count() * 8);
    let mut start = 0;
    each_key(&compact, with_pairs, |position, key| {
        if keys.last().is_some_and(|(p, _)| *p != position) {
            dedup_from(&mut keys, start);
            start = keys.len();
        }
        keys.push((position, key.encode()));
    });
    dedup_from(&mut keys, start);
    keys
}

/// The keys of a normalised name without pairs, typed, one list a char
/// (the anchor left out): what ranking checks a derivation against.
pub fn key_positions(normalized: &str) -> Vec<Vec<NameKey>> {
    let compact = without_spaces(normalized);
    let mut positions: Vec<Vec<NameKey>> = vec![Vec::new(); compact.chars().count()];
    each_key(&compact, false, |position, key| {
        if position > 0 {
            positions[position - 1].push(key.to_owned_key());
        }
    });
    positions
}

/// Calls `f` with every key of `compact` (a name without spaces) and its
/// position: the anchor at 0, then for the char at index `i`, at `i + 1`,
/// the char, each of its syllables, their fuzzy classes and initials, and
/// with `with_pairs` the pairs it starts with the next char.
fn each_key(compact: &str, with_pairs: bool, mut f: impl FnMut(usize, NameKey<&str>)) {
    let readings = pinyin::readings(compact);
    let pairs: Vec<(char, pinyin::Reading)> = compact.chars().zip(readings).collect();
    f(0, NameKey::Anchor);
    let mut letter = [0u8; 4];
    for (index, &(c, syllables)) in pairs.iter().enumerate() {
        let position = index + 1;
        f(position, NameKey::Char(c));
        if c.is_ascii_alphabetic() {
            f(position, NameKey::Initial(&*c.encode_utf8(&mut letter)));
        }
        for syllable in syllables {
            f(position, NameKey::Syllable(*syllable));
            f(position, NameKey::Fuzzy(&pinyin::fuzzy_key(syllable)));
            f(position, NameKey::Initial(&syllable[..1]));
            let ini = pinyin::initial(syllable);
            if ini.len() == 2 {
                f(position, NameKey::Initial(ini));
            }
        }
        // The pairs this char starts with the next (every reading of each).
        if let Some((next, next_syllables)) = pairs.get(index + 1).filter(|_| with_pairs) {
            f(position, NameKey::CharPair(c, *next));
            for first in syllables {
                for second in next_syllables.iter() {
                    f(position, NameKey::SyllablePair(*first, *second));
                }
            }
        }
    }
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
    let mut keys = vec![PhoneKey::Whole(digits).encode()];
    if local != digits {
        keys.push(PhoneKey::Whole(local).encode());
    }
    for start in 1..local.len().saturating_sub(3) {
        keys.push(PhoneKey::Tail(&local[start..]).encode());
    }
    // Starts of the local number from four digits on: `8775` is one term,
    // and so is `020-8775` once the query side has taken the area code off
    // (see [`local_part`]).
    for end in MIN_PHONE_PREFIX..local.len() {
        keys.push(PhoneKey::Start(&local[..end]).encode());
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
    let area = crate::model::phone::area_code_len(digits);
    digits.get(area..).filter(|rest| !rest.is_empty())
}

/// Fewest digits of a local number a number prefix is looked up with.
pub const MIN_PHONE_PREFIX: usize = 4;

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
    let compact = without_spaces(normalized);
    let mut keys = Vec::with_capacity(64);
    let chars: Vec<char> = compact.chars().collect();
    let mut start = String::with_capacity(compact.len());
    for &c in chars.iter().take(MAX_LITERAL_PREFIX) {
        start.push(c);
        keys.push(PrefixKey::Start(PrefixKind::Literal, start.as_str()).encode());
    }
    if !compact.is_empty() {
        keys.push(PrefixKey::Whole(PrefixKind::Literal, compact.as_str()).encode());
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
    let mut seen: Vec<(PrefixKind, String)> = Vec::new();
    let mut emit = |kind: PrefixKind, letters: &str, max: usize, keys: &mut Vec<String>| {
        // Compared within their kind, so initials and pinyin stay apart.
        let shared = seen
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, s)| common_prefix_len(s, letters))
            .max()
            .unwrap_or(0);
        for end in shared + 1..=letters.len().min(max) {
            keys.push(PrefixKey::Start(kind, &letters[..end]).encode());
        }
        if !letters.is_empty() && !seen.iter().any(|(k, s)| *k == kind && s == letters) {
            keys.push(PrefixKey::Whole(kind, letters).encode());
        }
        seen.push((kind, letters.to_string()));
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
        emit(PrefixKind::Initials, &short, MAX_INITIALS_PREFIX, &mut keys);
        if long != short {
            emit(PrefixKind::Initials, &long, MAX_INITIALS_PREFIX, &mut keys);
        }
        let full: String = syllables.concat();
        emit(PrefixKind::Pinyin, &full, MAX_PINYIN_PREFIX, &mut keys);
        let mut fuzzy = String::new();
        for s in syllables.iter().take(MAX_FUZZY_SYLLABLES) {
            fuzzy.push_str(&pinyin::fuzzy_key(s));
            keys.push(PrefixKey::Start(PrefixKind::Fuzzy, fuzzy.as_str()).encode());
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

/// How far apart the two words of a pair may be. Every pair of the first
/// words: limiting the span to the next three words cost 4 points of hit@5
/// on derived short names for 1.5% of build speed.
const MAX_PAIR_SPAN: usize = MAX_PAIR_WORDS;

/// Most words of a name whose start pairs are indexed.
const MAX_PAIR_WORDS: usize = 8;

/// The smallest words of a normalised name that a derived short name is
/// made of, and how many of them lead it as its national or regional prefix
/// (`中国`, `广州市`, `黄埔区` …): short names mostly drop those — `鱼小` is
/// 鱼珠小学 before 黄埔区…小学 — but may keep them (`白衡塑` for
/// 白云区衡力塑料…), or keep the division's level alone (`省医`, `市一`). A
/// prefix that would leave a single word is no prefix (中国银行). The legal
/// form at the end (`股份有限公司`) is left out.
///
/// ```
/// use chahao::text::keys::short_name_words;
/// let (words, prefix) = short_name_words("广州市黄埔区鱼珠小学");
/// assert_eq!(words, ["广州", "市", "黄埔", "区", "鱼珠", "小学"]);
/// assert_eq!(prefix, 4);
/// assert_eq!(short_name_words("中国农业银行").1, 1);
/// assert_eq!(short_name_words("北京体育学院").1, 0);
/// // The legal form goes too.
/// assert_eq!(short_name_words("广州白云国际机场股份有限公司").0.last().unwrap(), "机场");
/// ```
pub fn short_name_words(normalized: &str) -> (Vec<String>, usize) {
    const DIVISIONS: [&str; 4] = ["省", "市", "区", "县"];
    let compact = without_spaces(normalized);
    // A national prefix, however jieba joins it to what follows
    // (`中国农业银行` is one of its words).
    let national = NATIONAL_PREFIXES
        .iter()
        .filter(|p| compact.starts_with(*p))
        .map(|p| p.len())
        .max()
        .filter(|&len| name_words(&compact[len..]).len() >= 2)
        .unwrap_or(0);
    let words = super::segment::words(&compact[national..]);
    let mut start = national;
    // The words of `compact[start..]`, once worked out for the check below.
    let mut rest: Option<Vec<String>> = None;
    let mut i = 0;
    while i < words.len() {
        let word = words[i].text;
        // A division is one word (`广州市`) or a name and its suffix
        // (`增城` `区`).
        let taken = if NATIONAL_PREFIXES.contains(&word)
            || (word.chars().count() >= 3 && DIVISIONS.iter().any(|s| word.ends_with(s)))
        {
            1
        } else if words
            .get(i + 1)
            .is_some_and(|next| DIVISIONS.contains(&next.text) && word.chars().count() >= 2)
        {
            2
        } else {
            break;
        };
        let len: usize = words[i..i + taken].iter().map(|w| w.text.len()).sum();
        let after = name_words(&compact[start + len..]);
        if after.len() < 2 {
            break;
        }
        start += len;
        rest = Some(after);
        i += taken;
    }
    let mut out = name_words(&compact[..start]);
    let prefix = out.len();
    out.extend(rest.unwrap_or_else(|| name_words(&compact[start..])));
    // The legal form at the end (`有限公司`) is never part of a short name.
    while out.len() > prefix + 2
        && out
            .last()
            .is_some_and(|w| LEGAL_WORDS.contains(&w.as_str()))
    {
        out.pop();
    }
    (out, prefix)
}

/// The words of a legal form (`股份有限公司`, `有限责任公司`, `分公司`), dropped
/// from the end of a name before a short name is made of it.
const LEGAL_WORDS: &[&str] = &["有限", "责任", "公司", "股份", "集团", "分公司", "有限公司"];

/// The chars that end a division's name and stand for it in a short name.
const LEVELS: [char; 4] = ['省', '市', '区', '县'];

/// Returns true if and only if `word` is a division's level (`市`).
fn is_level(word: &[char]) -> bool {
    matches!(word, [c] if LEVELS.contains(c))
}

/// National prefixes a short name drops.
const NATIONAL_PREFIXES: &[&str] = &["中国", "中华人民共和国", "全国", "中华"];

/// The smallest words of a normalised name (see [`super::segment::fine_words`]).
pub fn name_words(normalized: &str) -> Vec<String> {
    super::segment::fine_words(&without_spaces(normalized))
        .into_iter()
        .map(|w| w.text.to_string())
        .collect()
}

/// The word pair keys of a normalised name: for each word, with each of
/// the next [`MAX_PAIR_SPAN`] words, the first char of the one and the
/// *piece start* of the other — its first char, and for the name's last
/// word its last char too (the head of `学院` is `院`, of `银行` `行`): where
/// the first two pieces of a derived short name may start
/// ([`is_derived_short_name`]).
///
/// ```
/// use chahao::text::keys::word_pair_keys;
/// let keys = word_pair_keys("北京师范大学");
/// assert!(keys.contains(&"C北师".to_string()));
/// assert!(keys.contains(&"C北大".to_string()));
/// // 中国农业银行 → 农行: the last char of 银行, the last word; 中国 is
/// // its national prefix.
/// let keys = word_pair_keys("中国农业银行");
/// assert!(keys.contains(&"C农行".to_string()));
/// assert!(keys.contains(&"S中农".to_string()));
/// ```
pub fn word_pair_keys(normalized: &str) -> Vec<String> {
    let (words, prefix) = short_name_words(normalized);
    let last = words.len().checked_sub(1);
    let words: Vec<Vec<char>> = words
        .iter()
        .take(MAX_PAIR_WORDS)
        .map(|w| w.chars().collect())
        .collect();
    let mut keys = Vec::new();
    for (i, first) in words.iter().enumerate() {
        let Some(&a) = first.first() else { continue };
        for (j, later) in words.iter().enumerate().skip(i + 1).take(MAX_PAIR_SPAN) {
            for b in piece_starts(later, Some(j) == last) {
                let key = if i >= prefix {
                    PrefixKey::<&str>::CorePair(a, b)
                } else {
                    PrefixKey::<&str>::WordPair(a, b)
                };
                keys.push(key.encode());
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The chars a piece of a derived short name may start with in `word`: its
/// first char, and, when it is the name's last word (`学院`, `银行`, the
/// kind of organisation), its last char.
fn piece_starts(word: &[char], is_last: bool) -> Vec<char> {
    let mut out: Vec<char> = word.first().copied().into_iter().collect();
    if is_last && word.len() > 1 {
        out.extend(word.last().filter(|c| KIND_HEADS.contains(c)));
    }
    out
}

/// The chars that end a word saying what kind of organisation a name is and
/// stand for it in a short name (院 of 学院 and 医院, 行 of 银行, 所 of
/// 研究所, 局, 站, 馆 …), where a short name may end on them.
const KIND_HEADS: &[char] = &[
    '院', '行', '所', '局', '站', '馆', '队', '会', '厂', '店', '社', '部', '处', '室', '校', '园',
    '场', '宫', '台', '委', '办', '署', '庭', '团', '科',
];

/// Returns true if and only if `query` is a short name derived from a name
/// whose smallest words are `words`, as Chinese short names are formed: the
/// query splits into at least two pieces, each taken from a different
/// word, in the words' order, words between them skipped (`中人和支` for
/// 中国/银行/广州/人和/支行; `农行` for 中国/农业/银行, the national prefix
/// dropped). A piece is the start of its word; the last piece may also be
/// the last char of the name's last word when that char is the head of a
/// word saying what kind of organisation it is: 院 of 学院 (`中央美院`), 行
/// of 银行 (`农行`).
///
/// ```
/// use chahao::text::keys::{is_derived_short_name, name_words};
/// let words = name_words("中国银行广州人和支行");
/// assert!(is_derived_short_name("中人和支", &words));
/// assert!(!is_derived_short_name("人中", &words));
/// assert!(is_derived_short_name("美院", &name_words("中央美术学院")));
/// assert!(is_derived_short_name("农行", &name_words("中国农业银行")));
/// assert!(!is_derived_short_name("行农", &name_words("中国农业银行")));
/// // The last char of a word in the middle is no piece.
/// assert!(!is_derived_short_name("李腔", &name_words("李海敏口腔诊所")));
/// ```
pub fn is_derived_short_name(query: &str, words: &[String]) -> bool {
    derived_short_name_cost(query, words, 0).is_some()
}

/// How far from the usual way of shortening the name `query` is, as a
/// derived short name of a name whose smallest words are `words`, the first
/// `prefix` of them its national or regional prefix ([`short_name_words`]),
/// or None when it is not one ([`is_derived_short_name`]): the words
/// skipped before and between its pieces (the prefix is skipped for free),
/// one for each piece taken from the prefix (but its level, `省`), and one
/// when its last piece is not from the name's last word — the word that
/// says what kind of organisation it is. `鱼小` is 0 for 鱼珠/小学, 1 for
/// 鱼珠/沙县/小吃.
///
/// ```
/// use chahao::text::keys::{derived_short_name_cost, name_words};
/// use chahao::text::keys::short_name_words;
/// assert_eq!(derived_short_name_cost("鱼小", &name_words("鱼珠小学"), 0), Some(0));
/// assert_eq!(derived_short_name_cost("鱼小", &name_words("鱼珠沙县小吃"), 0), Some(1));
/// assert_eq!(derived_short_name_cost("小鱼", &name_words("鱼珠沙县小吃"), 0), None);
/// // The prefix dropped for free; a piece of it costs one.
/// let (words, prefix) = short_name_words("广州市黄埔区鱼珠小学");
/// assert_eq!(derived_short_name_cost("鱼小", &words, prefix), Some(0));
/// assert_eq!(derived_short_name_cost("黄小", &words, prefix), Some(2));
/// ```
pub fn derived_short_name_cost(query: &str, words: &[String], prefix: usize) -> Option<usize> {
    let q: Vec<char> = query.chars().collect();
    if !(2..=MAX_SHORT_NAME).contains(&q.len()) {
        return None;
    }
    let w: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    let mut memo = std::collections::HashMap::new();
    cost_from(&q, &w, prefix, 0, 0, 0, &mut memo)
}

/// The least cost of making `q[i..]` from words `j..`, `pieces` (0, 1 or
/// 2: at least two) made already; the first `prefix` words are the name's
/// national or regional prefix.
fn cost_from(
    q: &[char],
    w: &[Vec<char>],
    prefix: usize,
    i: usize,
    j: usize,
    pieces: usize,
    memo: &mut std::collections::HashMap<(usize, usize, usize), Option<usize>>,
) -> Option<usize> {
    if i == q.len() {
        // The last piece came from word j - 1.
        return (pieces >= 2).then(|| usize::from(j != w.len()));
    }
    if let Some(&known) = memo.get(&(i, j, pieces)) {
        return known;
    }
    let mut best: Option<usize> = None;
    for (k, word) in w.iter().enumerate().skip(j) {
        // Every word skipped costs one (short names take a piece of each
        // word, and skip one seldom), but the prefix is dropped for free;
        // a piece of the prefix costs one, but its level (`省`) nothing.
        let skipped = (j..k).filter(|&x| x >= prefix).count();
        let from_prefix = usize::from(k < prefix && !is_level(word));
        let mut consider = |rest: Option<usize>| {
            if let Some(rest) = rest {
                let total = skipped + from_prefix + rest;
                if best.is_none_or(|b| total < b) {
                    best = Some(total);
                }
            }
        };
        let next = (pieces + 1).min(2);
        for n in 1..=word.len().min(q.len() - i) {
            if word[..n] == q[i..i + n] {
                consider(cost_from(q, w, prefix, i + n, k + 1, next, memo));
            }
        }
        // The head char of the last word ends a short name (`农行`).
        let head = i + 1 == q.len()
            && pieces >= 1
            && k + 1 == w.len()
            && word.len() > 1
            && word.last() == Some(&q[i])
            && KIND_HEADS.contains(&q[i]);
        if head {
            consider(Some(0));
        }
    }
    memo.insert((i, j, pieces), best);
    best
}

/// Longest query tried as a derived short name, in chars (the check is a
/// search over the ways to split the query; short names are short).
const MAX_SHORT_NAME: usize = 12;
