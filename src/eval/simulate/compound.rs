//! The compound forms ([`Form::COMPOUND`](crate::eval::Form::COMPOUND)): what callers say when they run
//! an organisation together with one of its departments, a place, or what
//! they want of it, and the short names they make up themselves.
//!
//! The rules of the simulator hold (see the parent module): the target
//! first, then every listed listing the query cannot tell apart under the
//! form's own rule, decided on the data and never by running the engine;
//! at most [`MAX_EXPECT`] listings, or the query is not written.
//!
//! # Organisation and department
//! `name_dept`, `alias_dept`, `name_dept_pinyin` and `name_dept_initials`
//! name a department listing by what the caller says of its organisation
//! (the first words of its name, the whole name, or an alias) followed,
//! without a space, by what the caller says of the department (see
//! [`dept_sayings`]). Nothing in the query marks where the organisation
//! ends, so a query names every listed department listing it can be cut
//! into: for some cut, the part before it starts the listing's name (the
//! organisation's name) or is the whole of an alias of its organisation,
//! and the part after it starts the department. This is the rule of the
//! `department` form with every cut tried; in pinyin and initials each
//! char is matched by its readings ([`Want`]). A query that some main
//! listing's name also starts with (or, in Han, some alias) reads as that
//! listing's name and is not written.

use std::collections::BTreeSet;

use rand::RngExt;

use crate::model::Listing;
use crate::text::normalize::compact;
use crate::text::pinyin::{self, Reading};
use crate::text::segment;

use super::{finish, Cover, Entry, Said, Simulator, Want, MAX_EXPECT};

/// What a caller asks for after a name (`中山一院电话`), whatever the
/// listing.
const WANTED: &[&str] = &[
    "电话",
    "号码",
    "电话号码",
    "联系方式",
    "的电话",
    "的号码",
    "的电话号码",
];

/// How a caller may open a request (`请问中大总机`).
const WRAPPERS: &[&str] = &[
    "请问",
    "我想查",
    "帮我查",
    "查一下",
    "帮我查一下",
    "麻烦查一下",
];

/// Categories whose listings callers ask the switchboard (总机) of.
const SWITCHBOARD: &[&str] = &["医院", "学校", "政府机关", "酒店", "公安"];

/// Categories whose listings callers ask the hotline (热线) of.
const HOTLINE: &[&str] = &[
    "政府热线",
    "公用事业",
    "通信运营商",
    "航空",
    "保险",
    "铁路",
    "交通",
];

/// Words that already say "a number": a name holding one is not asked for
/// its number again (`公安报警电话电话`).
const NUMBER_WORDS: &[&str] = &["电话", "热线", "号码", "专线", "客服", "报警"];

/// Words a derived short name drops from the start of a name (and, being
/// no part of anyone's identity, wherever they stand as a word).
const LEADING: &[&str] = &[
    "中华人民共和国",
    "中国",
    "全国",
    "广东省",
    "广东",
    "广州市",
    "广州",
];

/// Legal forms a derived short name drops from the end of a name, longest
/// first, as often as they occur (`集团有限公司`).
const LEGAL_FORMS: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "股份公司",
    "集团公司",
    "集团",
    "股份",
];

/// The final generic word of a name and the char(s) a short name ends
/// with for it: how people abbreviate (北京师范大学 → 北师大, 南方航空公司
/// → 南航, 妇女联合会 → 妇联, 妇女儿童医疗中心 → 妇儿中心, 深圳外国语学校
/// → 深外). A company keeps nothing of 公司.
const HEADS: &[(&str, &str)] = &[
    ("外国语学校", "外"),
    ("研究所", "所"),
    ("联合会", "联"),
    ("委员会", "委"),
    ("大学", "大"),
    ("学院", "院"),
    ("医院", "院"),
    ("银行", "行"),
    ("中学", "中"),
    ("小学", "小"),
    ("中心", "中心"),
    ("公司", ""),
];

/// Words that are no part of a name's identity in a short name: links
/// (中山大学附属第一医院 → 中大一院) and 人民 of 人民医院.
const FILLERS: &[&str] = &["附属", "人民", "的"];

/// Most chars of an organisation's name said in pinyin or initials.
const SAID_ORG: usize = 8;

/// Most chars (organisation and department) said in pinyin or initials:
/// nobody spells out `广东誉万物业管理有限公司花都广场新村` letter by letter.
const SAID_CHARS: usize = 12;

/// Words saying what kind of place a name is (a specialty, a service):
/// callers keep the word before them whole (美金口腔, 原泰体检, 云城街社区医院)
/// rather than make 美口院 of 广州美金口腔医院, so a name with one among the
/// first two words a short name is made of is passed over.
const KIND_WORDS: &[&str] = &[
    "口腔",
    "眼科",
    "骨科",
    "妇产",
    "皮肤病",
    "皮肤",
    "体检",
    "中医",
    "美容",
    "整形",
    "男科",
    "肛肠",
    "耳鼻喉",
    "康复",
    "社区",
    "卫生",
    "精神",
    "专科",
    "门诊",
];

/// Ends of names whose short name is another word altogether (居委会).
const OTHER_SHORT: &[&str] = &["居民委员会", "村民委员会"];

/// Categories of small businesses, called by their trade name (美瑞家具),
/// not by a short name made up of first chars: no `derived_short` target.
const TRADE_NAMED: &[&str] = &["公司", "商店", "餐饮", "酒店", "物业"];

/// Chinese numerals of an ordinal (第一, 第六十九).
const NUMERALS: &str = "一二三四五六七八九十百零";

/// The short forms callers use of some departments, each a start of the
/// department (so that "the department starts with what was said" still
/// decides).
const DEPT_SHORT: &[(&str, &str)] = &[
    ("挂号处", "挂号"),
    ("住院部", "住院"),
    ("门诊部", "门诊"),
    ("体检中心", "体检"),
    ("出入境接待大厅", "出入境"),
    ("纳税服务厅", "纳税服务"),
    ("就业指导中心", "就业指导"),
];

/// What callers say of a department: as listed; its first two chars when
/// longer and they end a word (招生 of 招生办公室, not 心血 of 心血管内科, not
/// 办公 of 办公室); its common short form: `X办公室` → `X办`
/// (招生办公室 → 招生办), `X科` → `X` when `X` has two chars or more and is
/// not an inner/outer medicine (急诊科 → 急诊, 耳鼻喉科 → 耳鼻喉, not 神经内),
/// and a few fixed ones ([`DEPT_SHORT`]: 挂号处 → 挂号). An estate's
/// management office (`X管理处`) is said as listed or as the estate `X`.
/// Every saying starts the department.
pub(super) fn dept_sayings(dept: &str) -> Vec<String> {
    let dept = compact(dept);
    let chars: Vec<char> = dept.chars().collect();
    let mut out = vec![dept.clone()];
    if let Some(estate) = dept.strip_suffix("管理处") {
        if estate.chars().count() >= 2 {
            out.push(estate.to_string());
        }
        return out;
    }
    let at_word_end = segment::words(&dept).iter().any(|w| w.end == 2);
    if chars.len() > 2 && at_word_end {
        let two: String = chars[..2].iter().collect();
        if two != "办公" {
            out.push(two);
        }
    }
    if let Some(x) = dept.strip_suffix("办公室") {
        if x.chars().count() >= 2 {
            out.push(format!("{x}办"));
        }
    }
    if let Some(x) = dept.strip_suffix('科') {
        if x.chars().count() >= 2 && !x.ends_with('内') && !x.ends_with('外') {
            out.push(x.to_string());
        }
    }
    if let Some((_, short)) = DEPT_SHORT.iter().find(|(d, _)| *d == dept) {
        out.push(short.to_string());
    }
    let mut seen = BTreeSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out
}

/// The places a caller may say before the listing's name, from its own
/// address fields ([`address_places`]); only those its name holds neither
/// whole nor by their stem (no 广州市 before 广州立思酒店管理发展有限公司).
pub(super) fn places(l: &Listing) -> Vec<String> {
    let name = compact(&l.name);
    let mut out = address_places(l);
    out.retain(|p| {
        let stem = p.trim_end_matches(['区', '市', '省']);
        let key = if stem.chars().count() >= 2 { stem } else { p };
        !name.contains(key)
    });
    out
}

/// The places of the listing's own address fields: its district (天河区)
/// and the district's stem (天河), its city (广州市, 广州), its province's
/// stem (广东).
fn address_places(l: &Listing) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |field: Option<&str>, suffix: char, full: bool| {
        let Some(full_text) = field.map(compact) else {
            return;
        };
        let stem = full_text.trim_end_matches(suffix).to_string();
        if full && full_text.chars().count() >= 2 {
            out.push(full_text.clone());
        }
        if stem != full_text && stem.chars().count() >= 2 {
            out.push(stem);
        }
    };
    add(l.district.as_deref(), '区', true);
    add(l.city.as_deref(), '市', true);
    add(l.province.as_deref(), '省', false);
    out.dedup();
    out
}

/// The short name callers would make of `e`'s name, by the rule of
/// [`Simulator::derived_short`].
fn derive(e: &Entry) -> Option<String> {
    if !e.all_han(e.chars.len()) || OTHER_SHORT.iter().any(|w| e.text.ends_with(w)) {
        return None;
    }
    let district = e.listing.district.as_deref().map(compact);
    let regional = |w: &str| LEADING.contains(&w) || district.as_deref() == Some(w);
    let mut rest = e.text.as_str();
    loop {
        let before = rest;
        for w in LEADING.iter().copied().chain(district.as_deref()) {
            rest = rest.strip_prefix(w).unwrap_or(rest);
        }
        if rest == before {
            break;
        }
    }
    let mut company = false;
    while let Some(legal) = LEGAL_FORMS.iter().find(|l| rest.ends_with(*l)) {
        company |= legal.ends_with("公司");
        rest = &rest[..rest.len() - legal.len()];
    }
    let (generic, mut head) = if company && !HEADS.iter().any(|(g, _)| rest.ends_with(g)) {
        ("公司", String::new())
    } else {
        let (generic, head) = HEADS.iter().find(|(g, _)| rest.ends_with(g))?;
        rest = &rest[..rest.len() - generic.len()];
        (*generic, head.to_string())
    };
    let mut ordinal = false;
    if !head.is_empty() {
        if let Some(at) = rest.rfind('第') {
            let numerals = &rest[at + '第'.len_utf8()..];
            if !numerals.is_empty() && numerals.chars().all(|c| NUMERALS.contains(c)) {
                head = format!("{numerals}{head}");
                rest = &rest[..at];
                ordinal = true;
            }
        }
    }
    if rest.contains('第') {
        return None;
    }
    let mut content: Vec<String> = Vec::new();
    for w in segment::words(rest) {
        let chars: Vec<char> = w.text.chars().collect();
        if chars.len() == 4 {
            content.push(chars[..2].iter().collect());
            content.push(chars[2..].iter().collect());
        } else {
            content.push(w.text.to_string());
        }
    }
    content.retain(|w| !regional(w) && !FILLERS.contains(&w.as_str()));
    if content.iter().any(|w| w.chars().count() < 2)
        || content
            .iter()
            .take(2)
            .any(|w| KIND_WORDS.contains(&w.as_str()) || is_road(w))
    {
        return None;
    }
    if content.is_empty() && head.chars().count() < 2 {
        return None;
    }
    if generic == "医院" && content.len() < 2 && !ordinal {
        return None;
    }
    let mut short: String = content
        .iter()
        .take(2)
        .filter_map(|w| w.chars().next())
        .collect();
    short.push_str(&head);
    let chars: Vec<char> = short.chars().collect();
    (chars.len() >= 2 && chars.windows(2).all(|w| w[0] != w[1])).then_some(short)
}

/// Returns true if and only if `word` names a road (解放中路, 商业大道 as 商业
/// 大道, 冼村路): a school named after its road is called by the road
/// (解放中路小学), not 解中小.
fn is_road(word: &str) -> bool {
    word.contains('路') || word.contains("大道") || word.ends_with('街')
}

/// Returns true if and only if callers would make up a short name for the
/// listing: not a small business ([`TRADE_NAMED`]).
pub(super) fn abbreviated(l: &Listing) -> bool {
    !l.category
        .as_deref()
        .is_some_and(|c| TRADE_NAMED.contains(&c))
}

impl Simulator<'_> {
    /// The entry of the listing's organisation, for a department listing.
    pub(super) fn parent(&self, i: usize) -> Option<usize> {
        let e = &self.entries[i];
        if e.is_main() {
            return None;
        }
        self.by_id.get(e.listing.parent_id.as_deref()?).copied()
    }

    /// Computes the derived short name of every listed main listing and
    /// groups them by it (see [`Self::derived_short`]).
    pub(super) fn derive_short_names(&mut self) {
        let mut derived = vec![None; self.entries.len()];
        let mut groups: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for &i in &self.mains {
            if let Some(short) = derive(&self.entries[i]) {
                groups.entry(short.clone()).or_default().push(i);
                derived[i] = Some(short);
            }
        }
        self.derived = derived;
        self.derived_groups = groups;
    }

    /// Returns true if and only if some listed name or alias starts with
    /// `typed` (normalised, compact).
    fn starts_literally(&self, typed: &str) -> bool {
        let at = self.literal.partition_point(|n| n.as_str() < typed);
        self.literal.get(at).is_some_and(|n| n.starts_with(typed))
    }

    /// Returns true if and only if `typed` starts with a listed name or
    /// alias longer than its first `from` chars, so that it reads as that
    /// name and something else (天河 + 机场路灯饰 as 白云机场 + 路灯饰).
    fn opens_with_other(&self, typed: &str, from: usize) -> bool {
        let chars: Vec<char> = typed.chars().collect();
        (from + 1..chars.len()).any(|n| {
            let head: String = chars[..n].iter().collect();
            self.literal.binary_search(&head).is_ok()
        })
    }

    /// Where a caller stops saying `t`'s name: at its end, or after a word
    /// of two chars or more, `min` chars at least, that does not leave the
    /// name hanging (not after 附属, 人民, 的, or an ordinal: not
    /// `广州市第九十六`, `中山大学附属`).
    fn stops(&self, t: usize, min: usize) -> Vec<usize> {
        let e = &self.entries[t];
        let len = e.chars.len();
        e.words
            .iter()
            .filter(|&&(s, end)| {
                let word: String = e.chars[s..end].iter().collect();
                let hangs = FILLERS.contains(&word.as_str())
                    || word.starts_with('第')
                    || word.chars().all(|c| NUMERALS.contains(c));
                end >= min && (end == len || (end - s >= 2 && !hangs))
            })
            .map(|w| w.1)
            .collect()
    }

    /// The first stop ([`Self::stops`]) of `t`'s name whose text leaves at
    /// most [`MAX_EXPECT`] listed main listings (starting so, or, for the
    /// whole name, named so), with those listings.
    fn name_part(&self, t: usize, min: usize) -> Option<(usize, Vec<usize>)> {
        self.stops(t, min).into_iter().find_map(|upto| {
            let wants = [self.chars_wants(t, upto)];
            Some(upto).zip(self.expect(t, &wants, self.cover(t, upto)))
        })
    }

    /// Listed main listings with the alias `key`, or named `key`.
    fn alias_expect(&self, t: usize, key: &str) -> Option<Vec<usize>> {
        let mut found = BTreeSet::new();
        for &k in &self.mains {
            let e = &self.entries[k];
            if e.text == key || e.aliases.iter().any(|a| a.text == key) {
                found.insert(k);
            }
        }
        finish(t, found)
    }

    /// Listed department listings that `wants` can be cut into organisation
    /// then department (see the module documentation), the target first.
    fn dept_expect(&self, t: usize, wants: &[Vec<Want>]) -> Option<Vec<usize>> {
        let fits = |w: &[Want], chars: &[char], readings: &[Reading], whole: bool| {
            (if whole {
                chars.len() == w.len()
            } else {
                chars.len() >= w.len()
            }) && w
                .iter()
                .zip(chars.iter().zip(readings))
                .all(|(want, (c, r))| want.fits(*c, r))
        };
        let mut found = BTreeSet::new();
        for &k in &self.depts {
            let o = &self.entries[k];
            let owner = self.parent(k).map(|p| &self.entries[p]);
            let named = wants.iter().any(|w| {
                (1..w.len()).any(|cut| {
                    let (org, dept) = w.split_at(cut);
                    fits(dept, &o.dept_chars, &o.dept_readings, false)
                        && (fits(org, &o.chars, &o.readings, false)
                            || owner.is_some_and(|p| {
                                p.aliases
                                    .iter()
                                    .any(|a| fits(org, &a.chars, &a.readings, true))
                            }))
                })
            });
            if named {
                found.insert(k);
                if found.len() > MAX_EXPECT + 1 {
                    return None;
                }
            }
        }
        finish(t, found)
    }

    /// What the caller says of the organisation of department listing `t`
    /// by name, `max` chars at most: the whole name (a third of the time),
    /// or its first words up to the first stop that names at most
    /// [`MAX_EXPECT`] main listings. The char count said.
    fn org_by_name(&mut self, t: usize, max: usize) -> Option<usize> {
        let parent = self.parent(t)?;
        let len = self.entries[parent].chars.len();
        if len <= max && self.rng.random_bool(0.33) {
            return Some(len);
        }
        let (upto, _) = self.name_part(parent, 2)?;
        (upto <= max).then_some(upto)
    }

    /// A department saying of `t` ([`dept_sayings`]) whose start (two
    /// chars) the organisation as said (`org`) does not hold already (not
    /// 白云机场机场快线, 广州白云国际机场机场), at random.
    fn dept_saying(&mut self, t: usize, org: &str) -> Option<String> {
        let mut sayings = dept_sayings(self.entries[t].listing.department.as_deref()?);
        sayings.retain(|s| !org.contains(&s.chars().take(2).collect::<String>()));
        if sayings.is_empty() {
            return None;
        }
        Some(sayings[self.rng.random_range(0..sayings.len())].clone())
    }

    /// Han text of an organisation and a department run together: written
    /// unless a main listing's name or an alias starts with it.
    fn han_dept_query(&self, t: usize, org: &str, dept: &str) -> Option<(String, Vec<usize>)> {
        let query = format!("{org}{dept}");
        if self.starts_literally(&query) {
            return None;
        }
        let wants: Vec<Want> = query.chars().map(Want::Char).collect();
        let expect = self.dept_expect(t, &[wants])?;
        Some((query, expect))
    }

    /// `<organisation><department>` run together: the organisation's whole
    /// name or its first words (to the first stop after a word of two chars
    /// or more that names at most [`MAX_EXPECT`] main listings), then a
    /// department saying ([`dept_sayings`]): `中山大学保卫处`,
    /// `中山大学附属第一医院急诊`. Expect: department listings the query can
    /// be cut into, organisation by name start or alias, department by
    /// start (module documentation).
    pub(super) fn name_dept(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let parent = self.parent(t)?;
        let upto = self.org_by_name(t, usize::MAX)?;
        let org = self.text(parent, upto);
        let dept = self.dept_saying(t, &org)?;
        let (query, expect) = self.han_dept_query(t, &org, &dept)?;
        let how = if upto == self.entries[parent].chars.len() {
            "whole name and department"
        } else {
            "first words and department"
        };
        Some((query, expect, how.into()))
    }

    /// `<alias of the organisation><department>` run together: `中山一院急诊`,
    /// `华工招生办`. Expect as for `name_dept`.
    pub(super) fn alias_dept(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let parent = self.parent(t)?;
        let aliases = &self.entries[parent].aliases;
        if aliases.is_empty() {
            return None;
        }
        let alias = aliases[self.rng.random_range(0..aliases.len())]
            .text
            .clone();
        let dept = self.dept_saying(t, &alias)?;
        let (query, expect) = self.han_dept_query(t, &alias, &dept)?;
        Some((query, expect, format!("alias {alias} and department")))
    }

    /// A `name_dept` query in full toneless pinyin (the word-level readings
    /// of name and department), run together or with one space between
    /// organisation and department, the organisation said in [`SAID_ORG`]
    /// chars at most and the whole in [`SAID_CHARS`]: `zhongshandaxuebaoweichu`,
    /// `zhongshandaxue baoweichu`. Expect: department listings the letters
    /// can be cut into, over every split into syllables; not written when
    /// a main listing's name starts with the letters.
    pub(super) fn name_dept_pinyin(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let parent = self.parent(t)?;
        let upto = self.org_by_name(t, SAID_ORG)?;
        let dept = self.dept_saying(t, &self.text(parent, upto))?;
        let spaced = self.rng.random_bool(0.3);
        let p = &self.entries[parent];
        let e = &self.entries[t];
        let n = dept.chars().count();
        if !p.all_han(upto) || e.dept_readings.len() < n || upto + n > SAID_CHARS {
            return None;
        }
        if e.dept_readings[..n].iter().any(|r| r.is_empty()) {
            return None;
        }
        let org: String = p.syllables(upto).concat();
        let dept_py: String = e.dept_readings[..n].iter().map(|r| r[0]).collect();
        let query = if spaced {
            format!("{org} {dept_py}")
        } else {
            format!("{org}{dept_py}")
        };
        let wants = Self::pinyin_wants(&query, false);
        if wants.is_empty() || self.any_match(&wants, Cover::Start) {
            return None;
        }
        let expect = self.dept_expect(t, &wants)?;
        let org_han = self.text(parent, upto);
        Some((query, expect, format!("pinyin of {org_han}{dept}")))
    }

    /// Initials of the organisation (its first words or whole name, or an
    /// alias) and of a department saying, run together, within the lengths
    /// of `name_dept_pinyin`: `zsdxbwc`,
    /// `zsyyjz`; three times in ten the organisation in Han (name or alias)
    /// and only the department in initials: `中大bwc`. Expect: department
    /// listings the query can be cut into, each letter matching the first
    /// letter of a reading of its char; not written when a main listing's
    /// name starts so.
    pub(super) fn name_dept_initials(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let parent = self.parent(t)?;
        let han_org = self.rng.random_bool(0.3);
        let use_alias = !self.entries[parent].aliases.is_empty() && self.rng.random_bool(0.5);
        let org = if use_alias {
            let aliases = &self.entries[parent].aliases;
            let a = &aliases[self.rng.random_range(0..aliases.len())];
            Said {
                text: a.text.clone(),
                chars: a.chars.clone(),
                readings: a.readings.clone(),
            }
        } else {
            let upto = self.org_by_name(t, SAID_ORG)?;
            let p = &self.entries[parent];
            Said {
                text: self.text(parent, upto),
                chars: p.chars[..upto].to_vec(),
                readings: p.readings[..upto].to_vec(),
            }
        };
        let dept = self.dept_saying(t, &org.text)?;
        let e = &self.entries[t];
        let n = dept.chars().count();
        if !org.all_han() || e.dept_readings.len() < n || org.chars.len() + n > SAID_CHARS {
            return None;
        }
        if e.dept_readings[..n].iter().any(|r| r.is_empty()) {
            return None;
        }
        let letter = |r: &Reading| pinyin::first_letter(r[0]).to_string();
        let mut query = String::new();
        let mut wants = Vec::new();
        for (c, r) in org.chars.iter().zip(&org.readings) {
            if han_org {
                query.push(*c);
                wants.push(Want::Char(*c));
            } else {
                query.push_str(&letter(r));
                wants.push(Want::Start(letter(r)));
            }
        }
        for r in &e.dept_readings[..n] {
            query.push_str(&letter(r));
            wants.push(Want::Start(letter(r)));
        }
        let wants = vec![wants];
        if self.any_match(&wants, Cover::Start) || (han_org && self.starts_literally(&query)) {
            return None;
        }
        let expect = self.dept_expect(t, &wants)?;
        let how = match (han_org, use_alias) {
            (true, _) => format!("{} and initials of {dept}", org.text),
            (false, true) => format!("initials of alias {} and {dept}", org.text),
            (false, false) => format!("initials of {}{dept}", org.text),
        };
        Some((query, expect, how))
    }

    /// `<name or alias><what is wanted>`, two times in five opened
    /// politely: `中山一院电话`, `白云机场的电话`, `请问中大总机`,
    /// `帮我查一下广州南站的电话`. The name is an alias (half the time when
    /// there is one), the whole name, or its first words to the first stop
    /// that names at most [`MAX_EXPECT`] main listings. What is wanted: a
    /// number or how to reach them ([`WANTED`]); 总机 of institutions
    /// ([`SWITCHBOARD`]) and of listings with a switchboard number; 热线 of
    /// hotlines and services ([`HOTLINE`]); 客服电话 of listings with a
    /// customer-service number. Not written when the name already says a
    /// number (`报警电话`), or when a name or alias starts with the query
    /// without its opening. Expect: what the name or alias alone would (the
    /// `alias`, `full_name` or `prefix` rule).
    pub(super) fn name_service(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let by_alias = !e.aliases.is_empty() && self.rng.random_bool(0.5);
        let whole = self.rng.random_bool(0.3);
        let (name, expect, how) = if by_alias {
            let a = e.aliases[self.rng.random_range(0..e.aliases.len())]
                .text
                .clone();
            let expect = self.alias_expect(t, &a)?;
            (a, expect, "alias")
        } else if whole {
            let wants = [self.chars_wants(t, e.chars.len())];
            let expect = self.expect(t, &wants, Cover::Whole)?;
            (e.text.clone(), expect, "whole name")
        } else {
            let (upto, expect) = self.name_part(t, 2)?;
            (self.text(t, upto), expect, "first words")
        };
        if NUMBER_WORDS.iter().any(|w| name.contains(w)) {
            return None;
        }
        let l = e.listing;
        let labelled = |label: &str| {
            l.phones
                .iter()
                .any(|p| p.label.as_deref().is_some_and(|x| x.contains(label)))
        };
        let category = l.category.as_deref().unwrap_or_default();
        let mut wanted: Vec<&str> = WANTED.to_vec();
        if SWITCHBOARD.contains(&category) || labelled("总机") {
            wanted.push("总机");
        }
        if HOTLINE.contains(&category) || labelled("热线") {
            wanted.push("热线");
        }
        if labelled("客服") {
            wanted.push("客服电话");
        }
        let want = wanted[self.rng.random_range(0..wanted.len())];
        let bare = format!("{name}{want}");
        if self.starts_literally(&bare) {
            return None;
        }
        let query = if self.rng.random_bool(0.4) {
            let w = WRAPPERS[self.rng.random_range(0..WRAPPERS.len())];
            format!("{w}{bare}")
        } else {
            bare
        };
        Some((query, expect, format!("{how}, asking for {want}")))
    }

    /// `<place><name>`: a place of the listing's own address that its name
    /// does not hold ([`places`]: district or its stem, city or its stem,
    /// province stem; weighed 5 : 3 : 1), then an alias (two times in
    /// five when there is one) or the name's first words, to the first stop of three chars or more whose
    /// expectation is at most [`MAX_EXPECT`] (the whole name last):
    /// `广州中山大学`, `天河工行`. Not written when the query starts with
    /// another name or alias reaching past the place (白云 + 机场路灯饰 reads
    /// as 白云机场 …). What follows the place holds no place of
    /// the listing's address (not `黄埔广发银行广州石化`), and a name starting
    /// with a region word other than 中国 (广州市…) is not said after one. Not written when a
    /// name or alias starts with the query. Expect: listed main listings
    /// whose district, city or province holds the place and that the name
    /// part alone names (the `alias` rule; the `prefix` rule, the whole name
    /// naming exactly).
    pub(super) fn place_name(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let l = e.listing;
        let options = places(l);
        if options.is_empty() {
            return None;
        }
        let district = l.district.as_deref().map(compact).unwrap_or_default();
        let city = l.city.as_deref().map(compact).unwrap_or_default();
        let level = |p: &str| {
            if district.starts_with(p) {
                5
            } else if city.starts_with(p) {
                3
            } else {
                1
            }
        };
        let weights: Vec<u32> = options.iter().map(|p| level(p)).collect();
        let mut roll = self.rng.random_range(0..weights.iter().sum::<u32>());
        let mut at = 0;
        while roll >= weights[at] {
            roll -= weights[at];
            at += 1;
        }
        let place = options[at].clone();
        let in_place = |o: &Entry| {
            [&o.listing.district, &o.listing.city, &o.listing.province]
                .iter()
                .any(|f| f.as_deref().is_some_and(|f| f.contains(place.as_str())))
        };
        let own = address_places(l);
        let placeless = |text: &str| !own.iter().any(|p| text.contains(p.as_str()));
        let usable: Vec<&Said> = e.aliases.iter().filter(|a| placeless(&a.text)).collect();
        let (name, how, found) = if !usable.is_empty() && self.rng.random_bool(0.4) {
            let a = usable[self.rng.random_range(0..usable.len())].text.clone();
            let mut found = BTreeSet::new();
            for &k in &self.mains {
                let o = &self.entries[k];
                if (o.text == a || o.aliases.iter().any(|x| x.text == a)) && in_place(o) {
                    found.insert(k);
                }
            }
            (a, "alias", found)
        } else {
            if LEADING
                .iter()
                .filter(|w| **w != "中国")
                .any(|w| e.text.starts_with(w))
            {
                return None;
            }
            let mut chosen = None;
            for upto in self.stops(t, 3) {
                if !placeless(&self.text(t, upto)) {
                    break;
                }
                let said = &e.chars[..upto];
                let whole = upto == e.chars.len();
                let mut found = BTreeSet::new();
                let mut vague = false;
                for &k in &self.mains {
                    let o = &self.entries[k];
                    let fits = if whole {
                        o.chars == said
                    } else {
                        o.chars.starts_with(said)
                    };
                    if fits && in_place(o) {
                        found.insert(k);
                        if found.len() > MAX_EXPECT {
                            vague = true;
                            break;
                        }
                    }
                }
                if !vague {
                    chosen = Some((upto, found));
                    break;
                }
            }
            let (upto, found) = chosen?;
            let how = if upto == e.chars.len() {
                "whole name"
            } else {
                "first words"
            };
            (self.text(t, upto), how, found)
        };
        let query = format!("{place}{name}");
        if self.starts_literally(&query) || self.opens_with_other(&query, place.chars().count()) {
            return None;
        }
        let expect = finish(t, found)?;
        Some((query, expect, format!("place {place} and {how}")))
    }

    /// A short name not in the data (no listed name or alias starts with it),
    /// made the way Chinese short names are: drop the leading words of
    /// nation, province, city and the listing's district ([`LEADING`];
    /// 中国, 广东省, 广州市, 天河区; a district's stem stays: it is part of
    /// 番禺职业技术学院 and 越秀公园小学) and the legal forms at the end
    /// ([`LEGAL_FORMS`]); the name must then end with a generic word of
    /// [`HEADS`] (a company's legal form counts as 公司), which gives the
    /// short name's last char(s): 大学 → 大, 医院 → 院, 银行 → 行, 中学 → 中,
    /// 中心 → 中心, 公司 → nothing; an ordinal just before it goes with it
    /// (第一医院 → 一院, 第二中学 → 二中). The words before it (jieba words,
    /// a four-char word counted as two of two: 中山大学 → 中山 大学; region
    /// words, 附属 and 人民 left out; an ordinal elsewhere, or a one-char
    /// word, and the name is passed over) give their first chars, the first
    /// two of them: 北京师范大学 → 北师大, 华南农业大学 → 华农大,
    /// 中山大学附属第一医院 → 中大一院, 广州市妇女儿童医疗中心 → 妇儿中心.
    /// A hospital takes two words or an ordinal (广州鸿凯医院 stays 鸿凯医院,
    /// not 鸿院). At least two chars, no char twice in a row (外外大). Not made of
    /// names ending in 居民委员会 or 村民委员会 (they are 居委会), nor of names
    /// with a kind word or a road among the two words used ([`KIND_WORDS`]:
    /// 口腔, 体检, 社区 …; 大道, 中路 …). Only for listings that are not small businesses
    /// ([`abbreviated`]). Expect: every listed main listing whose name gives
    /// the same short name by this rule (computed over all of them, small
    /// businesses too).
    pub(super) fn derived_short(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let short = self.derived.get(t)?.clone()?;
        let group = self.derived_groups.get(&short)?;
        if group.len() > MAX_EXPECT || self.starts_literally(&short) {
            return None;
        }
        let expect = finish(t, group.iter().copied().collect())?;
        Some((short, expect, "short name made by the usual rule".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(id: &str, name: &str, district: &str, category: &str) -> Listing {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "district": district, "city": "广州市",
            "province": "广东省", "category": category,
            "phones": [{"number": "020-87755766"}],
        }))
        .expect("a valid listing")
    }

    #[test]
    fn short_names_are_made_by_the_table() {
        let listings = [
            listing("A", "北京师范大学", "海淀区", "学校"),
            listing("B", "中山大学附属第一医院", "越秀区", "医院"),
            listing("C", "广州市妇女儿童医疗中心", "天河区", "医院"),
            listing("D", "广州市第二中学", "越秀区", "学校"),
            listing("E", "广州鸿凯医院", "天河区", "医院"),
            listing("F", "广州市越秀区解放中路小学", "越秀区", "学校"),
            listing("G", "广州美金口腔医院", "天河区", "医院"),
            listing("H", "广州市天河区新兴社区居民委员会", "天河区", "社区"),
            listing("I", "中国南方航空股份有限公司", "白云区", "航空"),
            listing("J", "广州农村商业银行股份有限公司", "天河区", "银行"),
            listing("K", "广州市天河区华景外国语学校", "天河区", "学校"),
        ];
        let mut sim = Simulator::new(&listings, 1);
        sim.derive_short_names();
        let got: Vec<Option<&str>> = sim.derived.iter().map(Option::as_deref).collect();
        assert_eq!(
            got,
            [
                Some("北师大"),
                Some("中大一院"),
                Some("妇儿中心"),
                Some("二中"),
                None, // one word: 鸿凯医院 stays whole
                None, // named after its road
                None, // 口腔 is a kind word
                None, // a 居委会
                Some("南航"),
                Some("农商行"),
                Some("华外"),
            ]
        );
        assert_eq!(sim.derived_groups["二中"], [3]);
    }

    #[test]
    fn departments_are_said_as_listed_by_their_start_or_short() {
        assert_eq!(dept_sayings("招生办公室"), ["招生办公室", "招生", "招生办"]);
        assert_eq!(dept_sayings("挂号处"), ["挂号处", "挂号"]);
        assert_eq!(dept_sayings("急诊科"), ["急诊科", "急诊"]);
        assert_eq!(dept_sayings("心血管内科"), ["心血管内科"]);
        assert_eq!(dept_sayings("办公室"), ["办公室"]);
        assert_eq!(
            dept_sayings("骏景花园管理处"),
            ["骏景花园管理处", "骏景花园"]
        );
        for dept in ["招生办公室", "耳鼻喉科", "出入境接待大厅", "妇科"] {
            assert!(dept_sayings(dept)
                .iter()
                .all(|s| dept.starts_with(s.as_str())));
        }
    }

    #[test]
    fn places_are_those_the_name_does_not_hold() {
        let l = listing("A", "中山大学", "海珠区", "学校");
        assert_eq!(places(&l), ["海珠区", "海珠", "广州市", "广州", "广东"]);
        let l = listing("B", "广州市天河区中医院", "天河区", "医院");
        assert_eq!(places(&l), ["广东"]);
        let l = listing("C", "广州立思酒店管理发展有限公司", "越秀区", "公司");
        assert_eq!(places(&l), ["越秀区", "越秀", "广东"]);
    }
}
