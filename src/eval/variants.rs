//! How typed text goes astray: traditional chars, full-width Latin,
//! accent-bent pinyin, slips of the finger and homophones. The simulator
//! applies these to what an operator would have typed correctly.

use std::collections::BTreeMap;

use crate::text::pinyin::{self, char_readings};

/// Common simplified chars and their traditional forms, as found in names
/// written in Hong Kong, Macau and Taiwan style. Only pairs that the engine's
/// normaliser maps back are used (see [`to_traditional`]).
const TRADITIONAL: &[(char, char)] = &[
    ('东', '東'),
    ('广', '廣'),
    ('国', '國'),
    ('医', '醫'),
    ('学', '學'),
    ('华', '華'),
    ('银', '銀'),
    ('门', '門'),
    ('区', '區'),
    ('园', '園'),
    ('电', '電'),
    ('贸', '貿'),
    ('业', '業'),
    ('发', '發'),
    ('际', '際'),
    ('务', '務'),
    ('车', '車'),
    ('馆', '館'),
    ('饭', '飯'),
    ('药', '藥'),
    ('厅', '廳'),
    ('营', '營'),
    ('农', '農'),
    ('设', '設'),
    ('阳', '陽'),
    ('兴', '興'),
    ('丰', '豐'),
    ('实', '實'),
    ('经', '經'),
    ('机', '機'),
    ('汉', '漢'),
    ('湾', '灣'),
    ('乐', '樂'),
    ('云', '雲'),
    ('龙', '龍'),
    ('凤', '鳳'),
    ('鸿', '鴻'),
    ('达', '達'),
    ('宝', '寶'),
    ('岗', '崗'),
    ('桥', '橋'),
    ('图', '圖'),
    ('书', '書'),
    ('厂', '廠'),
    ('产', '產'),
    ('开', '開'),
    ('关', '關'),
    ('庆', '慶'),
    ('长', '長'),
    ('师', '師'),
    ('范', '範'),
    ('头', '頭'),
    ('动', '動'),
    ('妇', '婦'),
    ('儿', '兒'),
    ('卫', '衛'),
    ('镇', '鎮'),
    ('边', '邊'),
    ('场', '場'),
    ('报', '報'),
    ('维', '維'),
    ('饮', '飲'),
    ('总', '總'),
    ('专', '專'),
    ('计', '計'),
    ('讯', '訊'),
    ('线', '線'),
    ('轮', '輪'),
    ('联', '聯'),
    ('调', '調'),
    ('义', '義'),
    ('协', '協'),
    ('会', '會'),
    ('体', '體'),
    ('检', '檢'),
    ('疗', '療'),
    ('济', '濟'),
    ('纪', '紀'),
    ('术', '術'),
    ('职', '職'),
    ('县', '縣'),
    ('时', '時'),
    ('风', '風'),
    ('顺', '順'),
    ('鱼', '魚'),
    ('鸡', '雞'),
    ('点', '點'),
];

/// The traditional form of `c`, if the table has one that the normaliser
/// folds back to `c`.
pub fn traditional(c: char) -> Option<char> {
    TRADITIONAL
        .iter()
        .find(|(s, _)| *s == c)
        .map(|(_, t)| *t)
        .filter(|t| crate::text::normalize(&t.to_string()) == c.to_string())
}

/// `text` with every char of the table written traditionally.
///
/// ```
/// use chahao::eval::variants::to_traditional;
/// assert_eq!(to_traditional("中山大学附属第一医院"), "中山大學附属第一醫院");
/// ```
pub fn to_traditional(text: &str) -> String {
    text.chars().map(|c| traditional(c).unwrap_or(c)).collect()
}

/// `text` with ASCII letters, digits and punctuation full-width and spaces
/// ideographic, as typed with a Chinese input method in full-width mode.
///
/// ```
/// use chahao::eval::variants::to_fullwidth;
/// assert_eq!(to_fullwidth("zsdx 1"), "ｚｓｄｘ\u{3000}１");
/// ```
pub fn to_fullwidth(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Spellings an accented speaker's `syllable` may be typed as, under one of
/// the fuzzy pairs z/zh, c/ch, s/sh, n/l, f/h, r/l for the initial and
/// an/ang, en/eng, in/ing, ian/iang, uan/uang for the final. Each shares
/// the syllable's [`fuzzy_key`](pinyin::fuzzy_key).
///
/// ```
/// use chahao::eval::variants::fuzzy_bends;
/// assert!(fuzzy_bends("zhong").contains(&"zong".to_string()));
/// assert!(fuzzy_bends("hua").contains(&"fua".to_string()));
/// assert!(fuzzy_bends("nan").contains(&"lan".to_string()));
/// assert!(fuzzy_bends("nan").contains(&"nang".to_string()));
/// ```
pub fn fuzzy_bends(syllable: &str) -> Vec<String> {
    let head = pinyin::initial(syllable);
    let rest = &syllable[head.len()..];
    let heads: &[&str] = match head {
        "z" => &["zh"],
        "zh" => &["z"],
        "c" => &["ch"],
        "ch" => &["c"],
        "s" => &["sh"],
        "sh" => &["s"],
        "n" => &["l"],
        "l" => &["n", "r"],
        "r" => &["l"],
        "f" => &["h"],
        "h" => &["f"],
        _ => &[],
    };
    let mut out: Vec<String> = heads.iter().map(|h| format!("{h}{rest}")).collect();
    // Each pair differs by a final g: ang/an, eng/en, ing/in, iang/ian, uang/uan.
    let bent_final = if ["ang", "eng", "ing"]
        .iter()
        .any(|long| rest.ends_with(long))
    {
        Some(rest[..rest.len() - 1].to_string())
    } else if ["an", "en", "in"].iter().any(|short| rest.ends_with(short)) {
        Some(format!("{rest}g"))
    } else {
        None
    };
    if let Some(rest) = bent_final {
        out.push(format!("{head}{rest}"));
    }
    let key = pinyin::fuzzy_key(syllable);
    out.retain(|s| s != syllable && pinyin::fuzzy_key(s) == key);
    out
}

/// The three kinds of slip of one finger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slip {
    /// Two adjacent letters swapped.
    Swap,
    /// One letter left out.
    Drop,
    /// One letter typed twice.
    Double,
}

/// `text` with one slip at byte `at` (ASCII text).
///
/// ```
/// use chahao::eval::variants::{slip, Slip};
/// assert_eq!(slip("zhongshan", Slip::Swap, 6), "zhongsahn");
/// assert_eq!(slip("daxue", Slip::Drop, 3), "daxe");
/// assert_eq!(slip("daxue", Slip::Double, 2), "daxxue");
/// ```
pub fn slip(text: &str, kind: Slip, at: usize) -> String {
    let mut b = text.as_bytes().to_vec();
    match kind {
        Slip::Swap => b.swap(at, at + 1),
        Slip::Drop => {
            b.remove(at);
        }
        Slip::Double => b.insert(at, b[at]),
    }
    String::from_utf8(b).unwrap_or_else(|_| text.to_string())
}

/// Common chars by sound: for each syllable, chars that have that one
/// reading only, most frequent in `corpus` first.
pub struct Homophones {
    by_sound: BTreeMap<&'static str, Vec<char>>,
}

impl Homophones {
    /// Counts the chars of `corpus` (names) and keeps, per syllable, the
    /// `keep` most frequent single-reading chars.
    pub fn new<'a>(corpus: impl Iterator<Item = &'a str>, keep: usize) -> Homophones {
        let mut count: BTreeMap<char, usize> = BTreeMap::new();
        for text in corpus {
            for c in text.chars() {
                *count.entry(c).or_default() += 1;
            }
        }
        let mut by_sound: BTreeMap<&'static str, Vec<(usize, char)>> = BTreeMap::new();
        for (c, n) in count {
            if let [only] = char_readings(c) {
                by_sound.entry(only).or_default().push((n, c));
            }
        }
        let by_sound = by_sound
            .into_iter()
            .map(|(s, mut chars)| {
                chars.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                (s, chars.into_iter().take(keep).map(|(_, c)| c).collect())
            })
            .collect();
        Homophones { by_sound }
    }

    /// Common chars read `syllable`, most common first.
    pub fn of(&self, syllable: &str) -> &[char] {
        self.by_sound.get(syllable).map_or(&[], Vec::as_slice)
    }
}
