//! The words callers say around a name, which are not part of it: polite
//! openings (`请问`, `帮我查一下`), what is wanted (`电话`, `总机`, `客服`),
//! places (`天河`, `广州`) and departments (`保卫处`, `急诊`, `招生办`).
//!
//! Places and departments come from the directory itself (its districts,
//! cities and department words, read from the index when a generation is
//! opened) and from the common vocabulary below; each is known in Han, in
//! full pinyin and (departments) in initials, so that `zsdxbwc` and
//! `中山大学baoweichu` split as `中山大学保卫处` does.

use std::collections::{BTreeSet, HashMap};

use super::normalize::compact;
use super::pinyin;

/// Polite openings before a request, longest first within a family.
pub const OPENINGS: &[&str] = &[
    "你好请问一下",
    "你好请问",
    "您好请问",
    "请问一下",
    "请问",
    "你好",
    "您好",
    "麻烦帮我查一下",
    "麻烦帮我查",
    "麻烦查一下",
    "麻烦你查一下",
    "帮我查一下",
    "帮我查询",
    "帮我查",
    "帮忙查一下",
    "帮忙查",
    "我想查一下",
    "我想查询",
    "我想查",
    "我要查一下",
    "我要查",
    "我想找",
    "我要找",
    "我找",
    "我要",
    "查一下",
    "查询",
    "麻烦帮我查下",
    "麻烦查下",
    "帮我查下",
    "帮忙查下",
    "我想查下",
    "查下",
    "请问下",
    "麻烦你",
    "麻烦",
    "qingwen",
];

/// What a caller asks for after the name, each with the phone label it
/// prefers (`客服` → the customer-service number), if any. Longest first.
pub const WANTED: &[(&str, Option<&str>)] = &[
    ("客服电话号码", Some("客服")),
    ("的电话多少", None),
    ("的号码多少", None),
    ("电话多少", None),
    ("号码多少", None),
    ("客服热线", Some("客服")),
    ("的客服热线", Some("客服")),
    ("的客服", Some("客服")),
    ("的热线", Some("热线")),
    ("是什么", None),
    ("的电话号码是多少", None),
    ("电话号码是多少", None),
    ("的电话是多少", None),
    ("电话是多少", None),
    ("号码是多少", None),
    ("的联系电话", None),
    ("的电话号码", None),
    ("的联系方式", None),
    ("的客服电话", Some("客服")),
    ("的服务热线", Some("热线")),
    ("的总机", Some("总机")),
    ("的电话", None),
    ("的号码", None),
    ("的地址", None),
    ("电话号码", None),
    ("联系电话", None),
    ("联系方式", None),
    ("客服电话", Some("客服")),
    ("服务电话", Some("客服")),
    ("服务热线", Some("热线")),
    ("热线电话", Some("热线")),
    ("总机号码", Some("总机")),
    ("总机电话", Some("总机")),
    ("传真号码", Some("传真")),
    ("在哪里", None),
    ("是多少", None),
    ("电话", None),
    ("号码", None),
    ("总机", Some("总机")),
    ("热线", Some("热线")),
    ("客服", Some("客服")),
    ("传真", Some("传真")),
    ("地址", None),
    ("在哪", None),
    ("dianhuahaoma", None),
    ("dianhua", None),
    ("haoma", None),
    ("zongji", Some("总机")),
    ("rexian", Some("热线")),
    ("kefu", Some("客服")),
    ("dhhm", None),
    ("dh", None),
];

/// Sentence endings after a request (`吗`, `呢`).
const ENDINGS: &[&str] = &["吗", "呢", "啊", "呀"];

/// Departments, offices and service points every kind of organisation
/// has, with the short forms callers use for them (`招生办` for
/// 招生办公室, `急诊` for 急诊科).
pub const DEPARTMENTS: &[&str] = &[
    "办公室",
    "院办",
    "校办",
    "党办",
    "招生办",
    "招生办公室",
    "招生处",
    "招办",
    "教务处",
    "学生处",
    "保卫处",
    "保卫科",
    "财务处",
    "财务科",
    "人事处",
    "人事科",
    "后勤处",
    "总务处",
    "研究生院",
    "研招办",
    "图书馆",
    "校医院",
    "医务科",
    "医务处",
    "护理部",
    "急诊",
    "急诊科",
    "急救中心",
    "门诊",
    "门诊部",
    "挂号",
    "挂号处",
    "预约挂号",
    "住院部",
    "住院处",
    "收费处",
    "药房",
    "药剂科",
    "检验科",
    "放射科",
    "体检中心",
    "儿科",
    "妇科",
    "产科",
    "妇产科",
    "内科",
    "外科",
    "骨科",
    "眼科",
    "口腔科",
    "皮肤科",
    "耳鼻喉科",
    "中医科",
    "康复科",
    "发热门诊",
    "预防接种",
    "客服",
    "客服中心",
    "客户服务中心",
    "服务台",
    "服务中心",
    "问询处",
    "问讯处",
    "咨询台",
    "咨询处",
    "营业厅",
    "营业部",
    "售票处",
    "售票厅",
    "票务",
    "失物招领",
    "行李寄存",
    "值班室",
    "总值班室",
    "前台",
    "总台",
    "订房部",
    "餐饮部",
    "销售部",
    "支行",
    "分行",
    "营业网点",
    "分理处",
    "派出所",
    "户政科",
    "户籍室",
    "出入境",
    "交警大队",
    "治安大队",
    "信访办",
    "信访局",
    "纳税服务厅",
    "办税服务厅",
    "政务服务中心",
    "投诉",
    "投诉中心",
    "就业指导中心",
    "国际交流处",
    "继续教育学院",
    "停车场",
];

/// The provinces and their short forms: a place a caller may say first.
pub const PROVINCES: &[&str] = &[
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
];

/// Suffixes of a division's name that callers drop (`天河区` → `天河`).
const DIVISION_SUFFIXES: &[&str] = &[
    "壮族自治区",
    "回族自治区",
    "维吾尔自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "镇",
];

/// A division's name without its suffix (`增城区` → `增城`, `广东省` →
/// `广东`), when two chars or more are left.
///
/// ```
/// use chahao::text::vocab::division_stem;
/// assert_eq!(division_stem("增城区"), Some("增城"));
/// assert_eq!(division_stem("广西壮族自治区"), Some("广西"));
/// assert_eq!(division_stem("东区"), None);
/// assert_eq!(division_stem("中山大学"), None);
/// ```
pub fn division_stem(division: &str) -> Option<&str> {
    DIVISION_SUFFIXES
        .iter()
        .find_map(|s| division.strip_suffix(s))
        .filter(|stem| stem.chars().count() >= 2)
}

/// A word known in Han, full pinyin and initials.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spelled {
    han: String,
    pinyin: String,
    initials: String,
}

impl Spelled {
    /// The word's spellings, or None when a char of it has no reading.
    fn of(han: &str) -> Option<Spelled> {
        let readings = pinyin::readings(han);
        let mut pinyin = String::new();
        let mut initials = String::new();
        for reading in readings {
            let first = reading.first()?;
            pinyin.push_str(first);
            initials.push_str(&first[..1]);
        }
        Some(Spelled {
            han: han.to_string(),
            pinyin,
            initials,
        })
    }
}

/// A place found at the start of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceStart {
    /// Bytes of the request it takes.
    pub len: usize,
    /// The place in Han, as a district, city or province is written
    /// (`天河` for `tianhe`).
    pub place: String,
}

/// The places and departments of one directory, with the common ones.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Places by every form a caller may type: Han (`天河`, `天河区`) and
    /// full pinyin (`tianhe`), each to its Han form.
    places: HashMap<String, String>,
    /// Longest place form, in bytes.
    longest_place: usize,
    /// Department words in Han.
    departments: BTreeSet<String>,
    /// Department words by full pinyin and by initials.
    spelled_departments: BTreeSet<String>,
}

/// Fewest letters of the start of a department's pinyin or initials taken
/// as the department.
const MIN_SPELLED_START: usize = 4;

/// Fewest letters of a department's initials taken as one (`bwc`).
const MIN_DEPARTMENT_INITIALS: usize = 2;

impl Vocabulary {
    /// The vocabulary of a directory whose districts, cities and other
    /// divisions are `divisions` and whose department words are
    /// `departments`, with the common departments and the provinces.
    pub fn new(
        divisions: impl IntoIterator<Item = String>,
        departments: impl IntoIterator<Item = String>,
    ) -> Vocabulary {
        let mut v = Vocabulary::default();
        let divisions: Vec<String> = divisions
            .into_iter()
            .chain(PROVINCES.iter().map(|p| p.to_string()))
            .map(|d| compact(&d))
            .collect();
        for division in divisions {
            if division.chars().count() < 2 {
                continue;
            }
            let mut forms = vec![division.clone()];
            forms.extend(division_stem(&division).map(str::to_string));
            for form in forms {
                if let Some(spelled) = Spelled::of(&form) {
                    v.places.insert(spelled.pinyin, form.clone());
                }
                v.places.insert(form.clone(), form);
            }
        }
        v.longest_place = v.places.keys().map(String::len).max().unwrap_or(0);
        for dept in departments
            .into_iter()
            .chain(DEPARTMENTS.iter().map(|d| d.to_string()))
        {
            let dept = compact(&dept);
            if dept.chars().count() < 2 || dept.is_ascii() {
                continue;
            }
            if let Some(spelled) = Spelled::of(&dept) {
                v.spelled_departments.insert(spelled.pinyin);
                if spelled.initials.len() >= MIN_DEPARTMENT_INITIALS {
                    v.spelled_departments.insert(spelled.initials);
                }
            }
            v.departments.insert(dept);
        }
        v
    }

    /// The common vocabulary alone, for a directory not yet read.
    pub fn common() -> Vocabulary {
        Vocabulary::new(Vec::new(), Vec::new())
    }

    /// The places `text` starts with, longest first, each leaving at least
    /// two chars of the request after it; a place in pinyin only before
    /// more pinyin.
    pub fn places_at_start(&self, text: &str) -> Vec<PlaceStart> {
        let mut out: Vec<PlaceStart> = Vec::new();
        for (end, _) in text.char_indices().skip(1) {
            if end > self.longest_place {
                break;
            }
            let rest = &text[end..];
            if rest.chars().count() < 2 {
                break;
            }
            let head = &text[..end];
            // A pinyin place ends where a syllable does and the rest is
            // typed the same way; a Han place ends between chars.
            let latin = head.is_ascii();
            if latin != rest.starts_with(|c: char| c.is_ascii_lowercase()) {
                continue;
            }
            if let Some(place) = self.places.get(head) {
                out.push(PlaceStart {
                    len: end,
                    place: place.clone(),
                });
            }
        }
        out.reverse();
        out
    }

    /// Returns true if and only if `text` is a place, in any of its forms.
    pub fn is_place(&self, text: &str) -> bool {
        self.places.contains_key(text)
    }

    /// Byte offsets at which `text` may end an organisation and start a
    /// department: the rest is a department word, or the start of one (two
    /// chars or more), in Han; or a department's full pinyin or initials in
    /// letters after letters or Han. The longest department first.
    pub fn department_splits(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (start, c) in text.char_indices().skip(1) {
            let rest = &text[start..];
            let known = if c.is_ascii_lowercase() {
                // In letters, as Han: the whole department, or its start
                // (`dongshankoumingyuan` of 东山口名苑管理处) when long
                // enough not to start half of them.
                self.spelled_departments.contains(rest)
                    || (rest.len() >= MIN_SPELLED_START
                        && starts_one(&self.spelled_departments, rest))
            } else if rest.is_ascii() {
                false
            } else {
                rest.chars().count() >= 2 && starts_one(&self.departments, rest)
            };
            if known {
                out.push(start);
            }
        }
        out
    }
}

/// Returns true if and only if some word of `words` starts with `start`.
fn starts_one(words: &BTreeSet<String>, start: &str) -> bool {
    words
        .range(start.to_string()..)
        .next()
        .is_some_and(|w| w.starts_with(start))
}

/// What a request is left with once its polite opening and the thing
/// wanted are taken off: the bytes of `text` it keeps, and the wanted word
/// (with the label it prefers) when there was one. None when neither was
/// there, or nothing of the request is left.
pub fn strip_request(text: &str) -> Option<Stripped<'_>> {
    let mut rest = text;
    let mut opened = false;
    if let Some(after) = OPENINGS
        .iter()
        .filter_map(|o| rest.strip_prefix(o))
        .min_by_key(|after| after.len())
    {
        rest = after;
        opened = true;
    }
    if let Some(before) = ENDINGS.iter().find_map(|e| rest.strip_suffix(e)) {
        rest = before;
    }
    let mut wanted = None;
    if let Some((before, word, label)) = WANTED
        .iter()
        .filter_map(|(w, label)| rest.strip_suffix(w).map(|before| (before, *w, *label)))
        .min_by_key(|(before, _, _)| before.len())
    {
        // Letters for what is wanted only after a name typed in letters
        // too, or in Han (`zsdxdh`, `中大dh`), never cutting a syllable
        // run short of two letters.
        if !(word.is_ascii() && before.chars().count() < 2) {
            rest = before;
            wanted = Some(Wanted {
                word: word.trim_start_matches('的'),
                label,
            });
        }
    }
    let rest = rest.trim_end_matches('的');
    if (!opened && wanted.is_none()) || rest.chars().count() < 2 {
        return None;
    }
    Some(Stripped { rest, wanted })
}

/// A request without its opening and the thing wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stripped<'a> {
    /// What is left: the organisation, perhaps with a place or department.
    pub rest: &'a str,
    /// What was wanted, if said.
    pub wanted: Option<Wanted>,
}

/// What a caller asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Wanted {
    /// The word, as typed (`电话`, `客服`).
    pub word: &'static str,
    /// The phone label it prefers, if any (`客服`).
    pub label: Option<&'static str>,
}

/// The thing wanted that `text` is, whole.
pub fn wanted_word(text: &str) -> Option<Wanted> {
    WANTED
        .iter()
        .find(|(w, _)| *w == text)
        .map(|(word, label)| Wanted {
            word: word.trim_start_matches('的'),
            label: *label,
        })
}

/// Returns true if and only if a phone labelled `label` is the number a
/// caller asking for `wanted` (a label of [`WANTED`]) means: `客服` and
/// `热线` are one another's, and any service hotline (`供电服务热线`).
///
/// ```
/// use chahao::text::vocab::serves;
/// assert!(serves("客服", "客服热线"));
/// assert!(serves("客服", "供电服务热线"));
/// assert!(serves("总机", "总机"));
/// assert!(!serves("总机", "传真"));
/// ```
pub fn serves(wanted: &str, label: &str) -> bool {
    match wanted {
        "客服" | "热线" => ["客服", "热线", "服务"].iter().any(|w| label.contains(w)),
        other => label.contains(other),
    }
}

/// Returns true if and only if `text` is only an opening or a thing
/// wanted, with nothing of a name.
pub fn is_only_request_words(text: &str) -> bool {
    OPENINGS.contains(&text) || wanted_word(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::new(
            ["天河区", "广州市", "番禺区"].map(String::from),
            ["保卫处", "急诊科", "招生办公室"].map(String::from),
        )
    }

    #[test]
    fn strips_openings_and_wanted_words() {
        let s = strip_request("白云机场的电话").expect("stripped");
        assert_eq!(s.rest, "白云机场");
        assert_eq!(s.wanted.map(|w| w.word), Some("电话"));
        let s = strip_request("请问中大总机").expect("stripped");
        assert_eq!(s.rest, "中大");
        assert_eq!(s.wanted.and_then(|w| w.label), Some("总机"));
        let s = strip_request("帮我查一下广州南站的电话号码").expect("stripped");
        assert_eq!(s.rest, "广州南站");
        assert_eq!(
            strip_request("工行客服").and_then(|s| s.wanted?.label),
            Some("客服")
        );
        assert_eq!(strip_request("zsdxdh").map(|s| s.rest), Some("zsdx"));
        // Nothing of a name left, or nothing to strip.
        assert_eq!(strip_request("电话"), None);
        assert_eq!(strip_request("请问"), None);
        assert_eq!(strip_request("中山大学"), None);
    }

    #[test]
    fn finds_places_at_the_start() {
        let v = vocab();
        let at = v.places_at_start("天河工行");
        assert_eq!(at[0].place, "天河");
        assert_eq!(at[0].len, "天河".len());
        assert_eq!(v.places_at_start("广州市中山大学")[0].place, "广州市");
        assert_eq!(v.places_at_start("tianhegonghang")[0].place, "天河");
        assert!(v.places_at_start("天河").is_empty(), "nothing after it");
        assert!(v.places_at_start("中山大学").is_empty());
        assert_eq!(v.places_at_start("广东省人民医院")[0].place, "广东省");
    }

    #[test]
    fn finds_departments_at_the_end() {
        let v = vocab();
        let at = |t: &str| -> Vec<String> {
            v.department_splits(t)
                .into_iter()
                .map(|i| t[i..].to_string())
                .collect()
        };
        assert_eq!(at("中山大学保卫处"), ["保卫处"]);
        assert!(at("中山一院急诊").contains(&"急诊".to_string()));
        assert!(at("华工招生办").contains(&"招生办".to_string()));
        assert_eq!(at("zsdxbwc"), ["bwc"]);
        assert_eq!(at("zhongshandaxuebaoweichu"), ["baoweichu"]);
        assert_eq!(at("中大bwc"), ["bwc"]);
        assert!(at("中山大学").is_empty());
    }
}
