//! The table of toneless Mandarin syllables, their initials, and the fuzzy
//! classes input methods use to forgive regional accents.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Every toneless syllable the character data uses, sorted, with ü written
/// `v` as on a keyboard (`lv`, `nve`). Vowelless interjections (`m`, `n`,
/// `ng`, `hm`, `hng`) are left out: nobody types them as a syllable.
#[rustfmt::skip]
static SYLLABLES: [&str; 420] = [
    "a", "ai", "an", "ang", "ao", "ba", "bai", "ban", "bang", "bao", "bei", "ben", "beng", "bi",
    "bian", "biang", "biao", "bie", "bin", "bing", "bo", "bong", "bu", "ca", "cai", "can", "cang",
    "cao", "ce", "cei", "cen", "ceng", "cha", "chai", "chan", "chang", "chao", "che", "chen",
    "cheng", "chi", "chong", "chou", "chu", "chua", "chuai", "chuan", "chuang", "chui", "chun",
    "chuo", "ci", "cong", "cou", "cu", "cuan", "cui", "cun", "cuo", "da", "dai", "dan", "dang",
    "dao", "de", "dei", "den", "deng", "di", "dia", "dian", "diao", "die", "din", "ding", "diu",
    "dong", "dou", "du", "duan", "dui", "dun", "duo", "e", "ei", "en", "eng", "er", "fa", "fan",
    "fang", "fei", "fen", "feng", "fiao", "fo", "fou", "fu", "ga", "gai", "gan", "gang", "gao",
    "ge", "gei", "gen", "geng", "gong", "gou", "gu", "gua", "guai", "guan", "guang", "gui", "gun",
    "guo", "ha", "hai", "han", "hang", "hao", "he", "hei", "hen", "heng", "hong", "hou", "hu",
    "hua", "huai", "huan", "huang", "hui", "hun", "huo", "ji", "jia", "jian", "jiang", "jiao",
    "jie", "jin", "jing", "jiong", "jiu", "ju", "juan", "jue", "jun", "ka", "kai", "kan", "kang",
    "kao", "ke", "kei", "ken", "keng", "kong", "kou", "ku", "kua", "kuai", "kuan", "kuang", "kui",
    "kun", "kuo", "la", "lai", "lan", "lang", "lao", "le", "lei", "len", "leng", "li", "lia",
    "lian", "liang", "liao", "lie", "lin", "ling", "liu", "lo", "long", "lou", "lu", "luan", "lun",
    "luo", "lv", "lve", "ma", "mai", "man", "mang", "mao", "me", "mei", "men", "meng", "mi",
    "mian", "miao", "mie", "min", "ming", "miu", "mo", "mou", "mu", "na", "nai", "nan", "nang",
    "nao", "ne", "nei", "nen", "neng", "ni", "nia", "nian", "niang", "niao", "nie", "nin", "ning",
    "niu", "nong", "nou", "nu", "nuan", "nun", "nuo", "nv", "nve", "o", "ou", "pa", "pai", "pan",
    "pang", "pao", "pei", "pen", "peng", "pi", "pian", "piao", "pie", "pin", "ping", "po", "pou",
    "pu", "qi", "qia", "qian", "qiang", "qiao", "qie", "qin", "qing", "qiong", "qiu", "qu", "quan",
    "que", "qun", "ran", "rang", "rao", "re", "ren", "reng", "ri", "rong", "rou", "ru", "rua",
    "ruan", "rui", "run", "ruo", "sa", "sai", "san", "sang", "sao", "se", "sen", "seng", "sha",
    "shai", "shan", "shang", "shao", "she", "shei", "shen", "sheng", "shi", "shou", "shu", "shua",
    "shuai", "shuan", "shuang", "shui", "shun", "shuo", "si", "song", "sou", "su", "suan", "sui",
    "sun", "suo", "ta", "tai", "tan", "tang", "tao", "te", "tei", "teng", "ti", "tian", "tiao",
    "tie", "ting", "tong", "tou", "tu", "tuan", "tui", "tun", "tuo", "wa", "wai", "wan", "wang",
    "wei", "wen", "weng", "wo", "wong", "wu", "xi", "xia", "xian", "xiang", "xiao", "xie", "xin",
    "xing", "xiong", "xiu", "xu", "xuan", "xue", "xun", "ya", "yan", "yang", "yao", "ye", "yi",
    "yin", "ying", "yo", "yong", "you", "yu", "yuan", "yue", "yun", "za", "zai", "zan", "zang",
    "zao", "ze", "zei", "zen", "zeng", "zha", "zhai", "zhan", "zhang", "zhao", "zhe", "zhei",
    "zhen", "zheng", "zhi", "zhong", "zhou", "zhu", "zhua", "zhuai", "zhuan", "zhuang", "zhui",
    "zhun", "zhuo", "zi", "zong", "zou", "zu", "zuan", "zui", "zun", "zuo",
];

/// The longest syllable (`chuang`, `shuang`, `zhuang`) has six letters.
pub(crate) const MAX_SYLLABLE_LEN: usize = 6;

/// All valid toneless syllables, sorted (ü written `v`).
///
/// ```
/// use chahao::text::pinyin::syllables;
/// assert!(syllables().contains(&"zhong"));
/// assert!(syllables().contains(&"lv"));
/// ```
pub fn syllables() -> &'static [&'static str] {
    &SYLLABLES
}

/// Returns the table's own copy of `text` if and only if it is a valid
/// toneless syllable.
///
/// ```
/// use chahao::text::pinyin::as_syllable;
/// assert_eq!(as_syllable("xian"), Some("xian"));
/// assert_eq!(as_syllable("zong"), Some("zong"));
/// assert_eq!(as_syllable("fua"), None);
/// ```
pub fn as_syllable(text: &str) -> Option<&'static str> {
    SYLLABLES.binary_search(&text).ok().map(|i| SYLLABLES[i])
}

/// Returns true if and only if `text` is a valid toneless syllable.
pub fn is_syllable(text: &str) -> bool {
    as_syllable(text).is_some()
}

/// The initial (声母) of a syllable: `zh`, `ch` or `sh` when it starts with
/// one, else its leading consonant, else `""` (`an`, `er`, `ou`).
///
/// `y` and `w` count as initials, because that is the letter an operator
/// types when abbreviating 银行 as `yh`. Works on any latin string shaped
/// like a syllable, including fuzzy spellings such as `fua`.
///
/// ```
/// use chahao::text::pinyin::initial;
/// assert_eq!(initial("zhong"), "zh");
/// assert_eq!(initial("zong"), "z");
/// assert_eq!(initial("yin"), "y");
/// assert_eq!(initial("an"), "");
/// assert_eq!(initial("er"), "");
/// ```
pub fn initial(syllable: &str) -> &str {
    let bytes = syllable.as_bytes();
    match bytes {
        [b'z' | b'c' | b's', b'h', ..] => &syllable[..2],
        [first, ..] if b"bpmfdtnlgkhjqxrzcsyw".contains(first) => &syllable[..1],
        _ => "",
    }
}

/// The first letter of a syllable (`""` for an empty string): what an
/// operator types for the character when abbreviating (`zsdx`).
///
/// ```
/// use chahao::text::pinyin::first_letter;
/// assert_eq!(first_letter("zhong"), "z");
/// assert_eq!(first_letter("an"), "a");
/// ```
pub fn first_letter(syllable: &str) -> &str {
    syllable
        .chars()
        .next()
        .map_or("", |c| &syllable[..c.len_utf8()])
}

/// The canonical spelling of the fuzzy class of `syllable` under the usual
/// input-method fuzzy pairs: zh→z, ch→c, sh→s, n→l, r→l, f→h for the
/// initial, and ang→an, eng→en, ing→in (hence iang→ian, uang→uan) for the
/// final. Two spellings sound alike to an accented speaker if and only if
/// their keys are equal. Works on any latin string, syllable or not.
///
/// ```
/// use chahao::text::pinyin::fuzzy_key;
/// assert_eq!(fuzzy_key("zhong"), fuzzy_key("zong"));
/// assert_eq!(fuzzy_key("nan"), fuzzy_key("lang"));
/// assert_eq!(fuzzy_key("hua"), fuzzy_key("fua"));
/// assert_eq!(fuzzy_key("shuang"), "suan");
/// assert_ne!(fuzzy_key("zhong"), fuzzy_key("zon"));
/// ```
pub fn fuzzy_key(syllable: &str) -> String {
    let head = initial(syllable);
    let rest = &syllable[head.len()..];
    let mut key = String::with_capacity(syllable.len());
    key.push_str(match head {
        "zh" => "z",
        "ch" => "c",
        "sh" => "s",
        "n" | "r" => "l",
        "f" => "h",
        other => other,
    });
    // "ong" has no "on" partner, so only a/e/i + ng lose their g.
    if rest.ends_with("ng") && !rest.ends_with("ong") {
        key.push_str(&rest[..rest.len() - 1]);
    } else {
        key.push_str(rest);
    }
    key
}

/// Spellings of the fuzzy classes that are not themselves syllables
/// (`zhon`g is a syllable, `fua` for hua is not), and every prefix of them.
pub(crate) struct FuzzySpellings {
    pub(crate) full: HashSet<String>,
    pub(crate) prefixes: HashSet<String>,
}

pub(crate) static FUZZY: LazyLock<FuzzySpellings> = LazyLock::new(|| {
    let mut full = HashSet::new();
    for syllable in SYLLABLES {
        let head = initial(syllable);
        let rest = &syllable[head.len()..];
        let heads: &[&str] = match head {
            "z" | "zh" => &["z", "zh"],
            "c" | "ch" => &["c", "ch"],
            "s" | "sh" => &["s", "sh"],
            "n" | "l" | "r" => &["n", "l", "r"],
            "f" | "h" => &["f", "h"],
            _ => &[head],
        };
        let mut rests = vec![rest.to_string()];
        if rest.ends_with("ng") && !rest.ends_with("ong") {
            rests.push(rest[..rest.len() - 1].to_string());
        } else if ["an", "en", "in"].iter().any(|end| rest.ends_with(end)) {
            rests.push(format!("{rest}g"));
        }
        for head in heads {
            for rest in &rests {
                let spelling = format!("{head}{rest}");
                if !is_syllable(&spelling) {
                    full.insert(spelling);
                }
            }
        }
    }
    let prefixes = full
        .iter()
        .flat_map(|s| (1..s.len()).map(|end| s[..end].to_string()))
        .filter(|p| !is_syllable(p))
        .collect();
    FuzzySpellings { full, prefixes }
});

/// Proper prefixes of syllables that are not syllables themselves (`zh`,
/// `zho`, `zhon`, `d`).
pub(crate) static PREFIXES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    SYLLABLES
        .iter()
        .flat_map(|s| (1..s.len()).map(|end| &s[..end]))
        .filter(|p| !is_syllable(p))
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(SYLLABLES.windows(2).all(|w| w[0] < w[1]));
        assert!(SYLLABLES.iter().all(|s| s.len() <= MAX_SYLLABLE_LEN));
    }

    #[test]
    fn fuzzy_spellings_share_a_key_with_a_syllable() {
        let keys: HashSet<String> = SYLLABLES.iter().map(|s| fuzzy_key(s)).collect();
        for spelling in &FUZZY.full {
            assert!(keys.contains(&fuzzy_key(spelling)), "{spelling}");
        }
        assert!(FUZZY.full.contains("fua"));
        assert!(!FUZZY.full.contains("zong"), "zong is a real syllable");
    }
}
