//! The operator simulator: labelled queries of every [`Form`], drawn from a
//! directory by imitating what 114 operators type. Deterministic for a seed.
//!
//! # Targets
//! Targets are listed listings. They are drawn from three strata, so that
//! the famous names, the colliding institutions and the long tail all weigh
//! in: the first 1,000 listings of the directory (hotlines, famous
//! institutions, the city listings of banks and chains) 30%, the city's
//! institutions (hospitals, schools, banks, police, government, post,
//! utilities, transport, 居委会) 35%, everything else 35%. Every form except
//! `department` and `reverse_number` names a main listing (no department).
//!
//! # Expectations
//! `expect` holds the target first, then every other listed listing the
//! query cannot tell apart from it under the form's own rule; a query whose
//! expectation would hold more than [`MAX_EXPECT`] listings is too vague for
//! a competent operator and is not written (a longer one is tried instead).
//! "Cannot tell apart" is decided on the same data the engine indexes —
//! normalised compact names and their word-level readings — never by
//! running the engine:
//! - Han text typed from the start of the name matches the listings whose
//!   name starts with it (the whole name: whose name is exactly it);
//! - pinyin matches the listings whose chars have those readings, over every
//!   split of the letters into syllables and syllable starts
//!   ([`split_pinyin`]); initials match by first letter (or zh/ch/sh);
//! - fuzzy pinyin matches by fuzzy class ([`fuzzy_key`]), homophones by
//!   reading at the replaced char and by char elsewhere;
//! - a typo is expected to find the listing of the pinyin it slipped from,
//!   and is written only if no listing's pinyin matches the slipped letters.
//!
//! # Prefixes
//! Operators stop typing at a word boundary (jieba words of the name). A
//! prefix-based query stops at the first word boundary (at least two chars)
//! where its expectation is at most [`MAX_EXPECT`] listings, so no query is
//! made of a prefix shared by hundreds of listings (`广州市`).
//!
//! The rules of each form are on the function that writes it; those of the
//! compound forms ([`Form::COMPOUND`]: an organisation run together with a
//! department, a place or what is wanted of it, and short names callers
//! make up) are in its `compound` submodule.

mod compound;

use std::collections::{BTreeSet, HashMap, HashSet};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::{Listing, PhoneNumber};
use crate::text::normalize::compact;
use crate::text::pinyin::{self, fuzzy_key, split_pinyin, Piece, Reading};
use crate::text::{normalize, segment};

use super::variants::{fuzzy_bends, slip, to_fullwidth, to_traditional, Homophones, Slip};
use super::{Form, LabelledQuery};

/// Most listings a query may leave undecided.
pub const MAX_EXPECT: usize = 3;

/// Size of the first stratum: the head of the directory.
const HEAD: usize = 1_000;

/// Categories of the institution stratum.
const INSTITUTIONS: &[&str] = &[
    "医院",
    "学校",
    "银行",
    "公安",
    "政府机关",
    "社区",
    "邮政",
    "公用事业",
    "交通",
];

/// Region words that a derived short name drops.
const REGION: &[&str] = &["中国", "广东省", "广东", "广州市", "广州"];

/// Legal forms that a derived short name drops.
const LEGAL: &[&str] = &["股份有限公司", "有限责任公司", "有限公司", "集团", "分公司"];

/// Kinds of institution asked for with an area (`天河 中医院`).
const KINDS: &[&str] = &[
    "第二人民医院",
    "人民医院",
    "中医院",
    "妇幼保健院",
    "派出所",
    "街道办事处",
    "社区卫生服务中心",
    "卫生院",
    "第一中学",
    "实验小学",
    "邮政支局",
    "人民政府",
    "人民检察院",
    "人民法院",
    "民政局",
    "教育局",
    "税务局",
    "医疗保障局",
    "市场监督管理局",
];

/// One listing as the simulator sees it.
struct Entry<'a> {
    listing: &'a Listing,
    /// Normalised name without spaces, as chars.
    chars: Vec<char>,
    text: String,
    /// Word-level readings, one entry per char.
    readings: Vec<Reading>,
    /// Char offsets where a jieba word of the name ends.
    ends: Vec<usize>,
    /// Words as char ranges.
    words: Vec<(usize, usize)>,
    /// Normalised department without spaces, as chars (empty for a main
    /// listing), and its word-level readings.
    dept_chars: Vec<char>,
    dept_readings: Vec<Reading>,
    /// The listing's aliases, normalised without spaces.
    aliases: Vec<Said>,
}

/// A text as the simulator compares it: chars and word-level readings.
struct Said {
    text: String,
    chars: Vec<char>,
    readings: Vec<Reading>,
}

impl Said {
    fn new(text: &str) -> Said {
        let text = compact(text);
        Said {
            chars: text.chars().collect(),
            readings: pinyin::readings(&text),
            text,
        }
    }

    fn all_han(&self) -> bool {
        !self.readings.is_empty() && self.readings.iter().all(|r| !r.is_empty())
    }
}

impl Entry<'_> {
    fn is_main(&self) -> bool {
        self.listing.department.is_none()
    }

    fn all_han(&self, upto: usize) -> bool {
        self.readings[..upto].iter().all(|r| !r.is_empty())
    }

    /// First reading of each char up to `upto`.
    fn syllables(&self, upto: usize) -> Vec<&'static str> {
        self.readings[..upto].iter().map(|r| r[0]).collect()
    }
}

/// What one char position of a query asks of a name.
#[derive(Debug, Clone, PartialEq)]
enum Want {
    Char(char),
    Syllable(String),
    /// A reading starting with these letters (an initial, a partial syllable).
    Start(String),
    Fuzzy(String),
}

impl Want {
    fn fits(&self, c: char, reading: Reading) -> bool {
        match self {
            Want::Char(w) => *w == c,
            Want::Syllable(s) => reading.iter().any(|r| r == s) || single(c, s),
            Want::Start(p) => reading.iter().any(|r| r.starts_with(p.as_str())) || single(c, p),
            Want::Fuzzy(k) => reading.iter().any(|r| fuzzy_key(r) == *k),
        }
    }
}

/// A Latin letter or digit in a name matches itself typed.
fn single(c: char, typed: &str) -> bool {
    c.is_ascii_alphanumeric() && typed.len() == 1 && typed.starts_with(c)
}

/// How a query's wants must cover a name.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cover {
    /// The name is exactly the wants.
    Whole,
    /// The name starts with the wants.
    Start,
    /// The wants occur anywhere in the name.
    Inner,
}

struct Simulator<'a> {
    entries: Vec<Entry<'a>>,
    /// Indexes of the listed main listings.
    mains: Vec<usize>,
    /// Stratum of each entry: 0 head, 1 institution, 2 other.
    stratum: Vec<u8>,
    homophones: Homophones,
    /// Every listed compact name and alias, for "typed text occurs literally".
    literal: Vec<String>,
    /// Entry of each listing id.
    by_id: HashMap<&'a str, usize>,
    /// Indexes of the listed department listings.
    depts: Vec<usize>,
    /// The derived short name of each entry, and the listed main listings
    /// of each derived short name; filled only when `derived_short` is
    /// written ([`compound`]).
    derived: Vec<Option<String>>,
    derived_groups: HashMap<String, Vec<usize>>,
    rng: ChaCha8Rng,
}

/// Writes `count` labelled queries over `listings`, about the same number
/// for every form of [`Form::ALL`], deterministic for `seed`.
pub fn simulate(listings: &[Listing], count: usize, seed: u64) -> Vec<LabelledQuery> {
    simulate_forms(listings, count, seed, &Form::ALL)
}

/// Writes `count` labelled queries over `listings`, about the same number
/// for each of `forms`, in that order, deterministic for `seed`.
/// `simulate_forms(listings, n, seed, &Form::ALL)` is [`simulate`].
pub fn simulate_forms(
    listings: &[Listing],
    count: usize,
    seed: u64,
    forms: &[Form],
) -> Vec<LabelledQuery> {
    let mut sim = Simulator::new(listings, seed);
    if forms.contains(&Form::DerivedShort) {
        sim.derive_short_names();
    }
    let per_form = count.div_ceil(forms.len().max(1));
    let mut out = Vec::new();
    for &form in forms {
        out.extend(sim.form(form, per_form));
    }
    out
}

impl<'a> Simulator<'a> {
    fn new(listings: &'a [Listing], seed: u64) -> Simulator<'a> {
        let entries: Vec<Entry> = listings
            .iter()
            .map(|l| {
                let text = compact(&l.name);
                let chars: Vec<char> = text.chars().collect();
                let readings = pinyin::readings(&text);
                let words: Vec<(usize, usize)> = segment::words(&text)
                    .iter()
                    .map(|w| (w.start, w.end))
                    .collect();
                let ends = words.iter().map(|w| w.1).collect();
                let dept = Said::new(l.department.as_deref().unwrap_or_default());
                Entry {
                    listing: l,
                    chars,
                    text,
                    readings,
                    ends,
                    words,
                    dept_chars: dept.chars,
                    dept_readings: dept.readings,
                    aliases: l.aliases.iter().map(|a| Said::new(a)).collect(),
                }
            })
            .collect();
        let mains = (0..entries.len())
            .filter(|&i| entries[i].listing.listed && entries[i].is_main())
            .collect();
        let depts = (0..entries.len())
            .filter(|&i| entries[i].listing.listed && !entries[i].is_main())
            .collect();
        let stratum = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                if i < HEAD {
                    0
                } else if e
                    .listing
                    .category
                    .as_deref()
                    .is_some_and(|c| INSTITUTIONS.contains(&c))
                {
                    1
                } else {
                    2
                }
            })
            .collect();
        let homophones = Homophones::new(entries.iter().map(|e| e.text.as_str()), 6);
        let mut literal: Vec<String> = entries
            .iter()
            .filter(|e| e.listing.listed)
            .flat_map(|e| {
                std::iter::once(e.text.clone()).chain(e.listing.aliases.iter().map(|a| compact(a)))
            })
            .collect();
        literal.sort();
        literal.dedup();
        let by_id = listings
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.as_str(), i))
            .collect();
        Simulator {
            by_id,
            depts,
            derived: Vec::new(),
            derived_groups: HashMap::new(),
            entries,
            mains,
            stratum,
            homophones,
            literal,
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// Up to `wanted` queries of `form`, from targets drawn by stratum.
    fn form(&mut self, form: Form, wanted: usize) -> Vec<LabelledQuery> {
        let pools: [Vec<usize>; 3] = {
            let mut pools: [Vec<usize>; 3] = Default::default();
            for i in 0..self.entries.len() {
                if self.eligible(form, i) {
                    pools[self.stratum[i] as usize].push(i);
                }
            }
            pools
        };
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut tries = 0;
        while out.len() < wanted && tries < wanted * 60 {
            tries += 1;
            let roll = self.rng.random_range(0..100);
            let mut s = if roll < 30 {
                0
            } else if roll < 65 {
                1
            } else {
                2
            };
            while pools[s].is_empty() {
                s = (s + 1) % 3;
                if s == 0 && pools.iter().all(Vec::is_empty) {
                    return out;
                }
            }
            let target = pools[s][self.rng.random_range(0..pools[s].len())];
            if let Some(q) = self.write(form, target) {
                if seen.insert(q.query.clone()) {
                    out.push(q);
                }
            }
        }
        out
    }

    fn eligible(&self, form: Form, i: usize) -> bool {
        let e = &self.entries[i];
        if !e.listing.listed {
            return false;
        }
        match form {
            Form::Department => e.listing.department.is_some(),
            Form::NameDept | Form::NameDeptPinyin | Form::NameDeptInitials => {
                self.parent(i).is_some()
            }
            Form::AliasDept => self
                .parent(i)
                .is_some_and(|p| !self.entries[p].aliases.is_empty()),
            Form::ReverseNumber => true,
            _ if !e.is_main() => false,
            Form::Alias => !e.listing.aliases.is_empty(),
            Form::English => e.listing.name_en.is_some(),
            Form::AreaKind => KINDS.iter().any(|k| e.text.ends_with(k)),
            Form::Polyphone => self.polyphone_at(e).is_some(),
            Form::FullName | Form::Prefix | Form::InnerWords | Form::ShortName => true,
            Form::NameService => true,
            Form::PlaceName => !compound::places(e.listing).is_empty(),
            Form::DerivedShort => {
                compound::abbreviated(e.listing) && self.derived.get(i).is_some_and(Option::is_some)
            }
            _ => e.all_han(e.chars.len()),
        }
    }

    fn write(&mut self, form: Form, t: usize) -> Option<LabelledQuery> {
        let (query, expect, how) = match form {
            Form::FullName => self.full_name(t),
            Form::Prefix => self.prefix(t),
            Form::InnerWords => self.inner_words(t),
            Form::Alias => self.alias(t),
            Form::ShortName => self.short_name(t),
            Form::Initials => self.initials(t),
            Form::FullPinyin => self.full_pinyin(t),
            Form::AmbiguousSplit => self.ambiguous_split(t),
            Form::Mixed => self.mixed(t),
            Form::Homophone => self.homophone(t),
            Form::FuzzyPinyin => self.fuzzy(t),
            Form::Typo => self.typo(t),
            Form::Polyphone => self.polyphone(t),
            Form::TraditionalFullwidth => self.traditional_fullwidth(t),
            Form::AreaKind => self.area_kind(t),
            Form::Department => self.department(t),
            Form::ReverseNumber => self.reverse_number(t),
            Form::English => self.english(t),
            Form::NameDept => self.name_dept(t),
            Form::AliasDept => self.alias_dept(t),
            Form::NameService => self.name_service(t),
            Form::PlaceName => self.place_name(t),
            Form::DerivedShort => self.derived_short(t),
            Form::NameDeptPinyin => self.name_dept_pinyin(t),
            Form::NameDeptInitials => self.name_dept_initials(t),
        }?;
        let l = self.entries[t].listing;
        let name = super::measure::display_name(&l.name, l.department.as_deref());
        Some(LabelledQuery {
            query,
            form,
            expect: expect
                .iter()
                .map(|&i| self.entries[i].listing.id.clone())
                .collect(),
            note: Some(format!("{name}: {how}")),
        })
    }

    // ---- matching -------------------------------------------------------

    /// Listed listings (main ones unless `departments`) whose name meets
    /// `wants` under `cover`, the target first; `None` if the target is not
    /// among them or they are more than [`MAX_EXPECT`].
    fn expect(&self, t: usize, wants: &[Vec<Want>], cover: Cover) -> Option<Vec<usize>> {
        let mut found = BTreeSet::new();
        for &i in &self.mains {
            let e = &self.entries[i];
            let fits = wants.iter().any(|w| {
                let len_ok = match cover {
                    Cover::Whole => e.chars.len() == w.len(),
                    Cover::Start | Cover::Inner => e.chars.len() >= w.len(),
                };
                len_ok
                    && w.iter()
                        .zip(e.chars.iter().zip(&e.readings))
                        .all(|(want, (c, r))| want.fits(*c, r))
            });
            if fits {
                found.insert(i);
                if found.len() > MAX_EXPECT + 1 {
                    return None;
                }
            }
        }
        finish(t, found)
    }

    /// Wants of the pinyin letters `typed` over every split, the last piece
    /// a syllable start when `partial_last`.
    fn pinyin_wants(typed: &str, partial_last: bool) -> Vec<Vec<Want>> {
        split_pinyin(typed, 8)
            .into_iter()
            .map(|split| {
                let n = split.len();
                split
                    .into_iter()
                    .enumerate()
                    .map(|(k, piece)| match piece {
                        Piece::Full(s) if !(partial_last && k + 1 == n) => {
                            Want::Syllable(s.to_string())
                        }
                        other => Want::Start(other.text().to_string()),
                    })
                    .collect()
            })
            .collect()
    }

    fn cover(&self, t: usize, upto: usize) -> Cover {
        if upto == self.entries[t].chars.len() {
            Cover::Whole
        } else {
            Cover::Start
        }
    }

    /// Word ends of the target from `min` chars on, shortest first, ending
    /// with the whole name when `whole`.
    fn spans(&self, t: usize, min: usize, whole: bool) -> Vec<usize> {
        let e = &self.entries[t];
        let len = e.chars.len();
        e.ends
            .iter()
            .copied()
            .filter(|&end| end >= min && (end < len || whole))
            .collect()
    }

    /// The first span (see [`Self::spans`]) whose wants leave at most
    /// [`MAX_EXPECT`] listings, with that expectation.
    fn first_span(
        &self,
        t: usize,
        whole: bool,
        wants: impl Fn(usize) -> Option<Vec<Vec<Want>>>,
    ) -> Option<(usize, Vec<usize>)> {
        for upto in self.spans(t, 2, whole) {
            let Some(w) = wants(upto) else { continue };
            if let Some(expect) = self.expect(t, &w, self.cover(t, upto)) {
                return Some((upto, expect));
            }
        }
        None
    }

    fn chars_wants(&self, t: usize, upto: usize) -> Vec<Want> {
        self.entries[t].chars[..upto]
            .iter()
            .map(|&c| Want::Char(c))
            .collect()
    }

    fn text(&self, t: usize, upto: usize) -> String {
        self.entries[t].chars[..upto].iter().collect()
    }

    /// Returns true if and only if `typed` (normalised, compact) occurs in
    /// some listed name or alias, so that a literal match outranks any
    /// sound-alike one by design.
    fn occurs_literally(&self, typed: &str) -> bool {
        self.literal.iter().any(|n| n.contains(typed))
    }

    // ---- forms ----------------------------------------------------------

    /// The official name as written. Expect: listings of the same normalised
    /// name.
    fn full_name(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let wants = vec![self.chars_wants(t, e.chars.len())];
        let expect = self.expect(t, &wants, Cover::Whole)?;
        Some((e.listing.name.clone(), expect, "the name as written".into()))
    }

    /// Whole words from the start, stopping at the first word boundary that
    /// leaves at most three listings starting so; never the whole name.
    fn prefix(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let (upto, expect) =
            self.first_span(t, false, |upto| Some(vec![self.chars_wants(t, upto)]))?;
        Some((self.text(t, upto), expect, "first whole words".into()))
    }

    /// Two words from inside the name (not the first word, two chars or
    /// more, not a legal form, region or district: those are areas) typed in reverse order with a space. Expect:
    /// the listings whose name holds both words.
    fn inner_words(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let words: Vec<String> = e
            .words
            .iter()
            .skip(1)
            .map(|&(s, end)| e.chars[s..end].iter().collect::<String>())
            .filter(|w: &String| w.chars().count() >= 2 && !LEGAL.contains(&w.as_str()))
            .filter(|w| !REGION.contains(&w.as_str()) && !is_district(w, e.listing))
            .collect();
        if words.len() < 2 {
            return None;
        }
        let i = self.rng.random_range(0..words.len() - 1);
        let j = self.rng.random_range(i + 1..words.len());
        let (a, b) = (&words[i], &words[j]);
        if a == b {
            return None;
        }
        let mut found = BTreeSet::new();
        for &k in &self.mains {
            let text = &self.entries[k].text;
            if text.contains(a.as_str()) && text.contains(b.as_str()) {
                found.insert(k);
                if found.len() > MAX_EXPECT + 1 {
                    return None;
                }
            }
        }
        let expect = finish(t, found)?;
        Some((
            format!("{b} {a}"),
            expect,
            "two inner words, reversed".into(),
        ))
    }

    /// An alias from the data. Expect: listings with that alias or with a
    /// name equal to it.
    fn alias(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let aliases = &self.entries[t].listing.aliases;
        let alias = aliases[self.rng.random_range(0..aliases.len())].clone();
        let key = compact(&alias);
        let mut found = BTreeSet::new();
        for &k in &self.mains {
            let e = &self.entries[k];
            if e.text == key || e.listing.aliases.iter().any(|a| compact(a) == key) {
                found.insert(k);
            }
        }
        let expect = finish(t, found)?;
        Some((alias, expect, "alias in the data".into()))
    }

    /// A short name not in the data: region words and legal forms dropped,
    /// then the first char of each remaining word, in order, the last word
    /// kept whole three times in ten (北京师范大学 → 北师大, 广州市越秀区建设
    /// 小学 → 建小; 中国工商银行广州天河支行 → 工银天河支行 style); names of
    /// more than six remaining words are passed over. At least two chars, not
    /// found literally in any name or alias (else it is another form), not
    /// an alias of the target. Expect: every listing whose name can give the
    /// same chars this way (each char, or the whole of the last kept word,
    /// starting a word of the name, in order; any word may be skipped).
    fn short_name(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let words: Vec<String> = e
            .words
            .iter()
            .map(|&(s, end)| e.chars[s..end].iter().collect::<String>())
            .filter(|w| !REGION.contains(&w.as_str()) && !LEGAL.contains(&w.as_str()))
            .filter(|w| !is_district(w, e.listing))
            .collect();
        if words.len() < 2 {
            return None;
        }
        if words.len() > 6 {
            return None;
        }
        let picked: Vec<usize> = (0..words.len()).collect();
        let keep_last = words[*picked.last()?].chars().count() >= 2 && self.rng.random_bool(0.3);
        let mut short = String::new();
        for (n, &k) in picked.iter().enumerate() {
            if keep_last && n + 1 == picked.len() {
                short.push_str(&words[k]);
            } else {
                short.push(words[k].chars().next()?);
            }
        }
        if short.chars().count() < 2
            || self.occurs_literally(&short)
            || e.listing.aliases.iter().any(|a| compact(a) == short)
        {
            return None;
        }
        let query: Vec<char> = short.chars().collect();
        let mut found = BTreeSet::new();
        for &k in &self.mains {
            let o = &self.entries[k];
            if o.chars.contains(&query[0]) && derives(&query, o) {
                found.insert(k);
                if found.len() > MAX_EXPECT + 1 {
                    return None;
                }
            }
        }
        let expect = finish(t, found)?;
        Some((short, expect, "derived short name".into()))
    }

    /// Initials of the whole name (when ten chars or fewer) or of the first
    /// whole words; a third of them with zh/ch/sh typed as two letters.
    fn initials(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let two = self.rng.random_bool(0.33);
        let whole = self.entries[t].chars.len() <= 10 && self.rng.random_bool(0.5);
        let make = |upto: usize| -> Option<Vec<Vec<Want>>> {
            let e = &self.entries[t];
            let wants = e
                .syllables(upto)
                .iter()
                .map(|s| {
                    let ini = pinyin::initial(s);
                    if two && ini.len() == 2 {
                        Want::Start(ini.to_string())
                    } else {
                        Want::Start(pinyin::first_letter(s).to_string())
                    }
                })
                .collect();
            Some(vec![wants])
        };
        let (upto, expect) = if whole {
            let upto = self.entries[t].chars.len();
            (upto, self.expect(t, &make(upto)?, Cover::Whole)?)
        } else {
            self.first_span(t, true, make)?
        };
        let typed: Vec<Want> = make(upto)?.remove(0);
        let query: String = typed
            .iter()
            .map(|w| match w {
                Want::Start(s) => s.as_str(),
                _ => "",
            })
            .collect();
        let how = match (whole || upto == self.entries[t].chars.len(), two) {
            (true, false) => "initials of the whole name",
            (true, true) => "initials of the whole name, zh/ch/sh as two letters",
            (false, false) => "initials of the first words",
            (false, true) => "initials of the first words, zh/ch/sh as two letters",
        };
        Some((query, expect, how.into()))
    }

    /// Full pinyin of the whole name (six chars or fewer) or of the first
    /// words: run together, spaced by syllable, or with the last syllable cut
    /// short.
    fn full_pinyin(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let style = self.rng.random_range(0..3);
        let whole = self.entries[t].chars.len() <= 6 && self.rng.random_bool(0.5);
        let cut = self.rng.random_range(1..=3usize);
        let make = |upto: usize| -> (String, bool) {
            let sy = self.entries[t].syllables(upto);
            match style {
                0 => (sy.concat(), false),
                1 => (sy.join(" "), false),
                _ => {
                    let last = sy[upto - 1];
                    let keep = last.len().saturating_sub(cut).max(1);
                    (
                        format!("{}{}", sy[..upto - 1].concat(), &last[..keep]),
                        keep < last.len(),
                    )
                }
            }
        };
        let wants = |upto: usize| {
            let (typed, partial) = make(upto);
            Some(Self::pinyin_wants(&typed, partial))
        };
        let (upto, expect) = if whole {
            let upto = self.entries[t].chars.len();
            (upto, self.expect(t, &wants(upto)?, Cover::Whole)?)
        } else {
            self.first_span(t, true, wants)?
        };
        let (query, partial) = make(upto);
        let how = match style {
            0 => "full pinyin",
            1 => "full pinyin, spaced",
            _ if partial => "full pinyin, last syllable unfinished",
            _ => "full pinyin",
        };
        Some((query, expect, how.into()))
    }

    /// Pinyin (run together) of the whole name or the first words, chosen
    /// only when the best split of the letters is not the name's syllables
    /// (`xian` for 西安, `pingan` for 平安). Expect: listings matching any
    /// split.
    fn ambiguous_split(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let misleads = |upto: usize| {
            let sy = e.syllables(upto);
            let typed = sy.concat();
            let best = split_pinyin(&typed, 1);
            best.first()
                .is_some_and(|b| b.iter().map(|p| p.text()).ne(sy.iter().copied()))
        };
        let (upto, expect) = self.first_span(t, true, |upto| {
            misleads(upto).then(|| Self::pinyin_wants(&e.syllables(upto).concat(), false))
        })?;
        let typed = e.syllables(upto).concat();
        Some((typed, expect, "pinyin whose greedy split is wrong".into()))
    }

    /// The first words (or the whole name) with one part in Han and the rest
    /// in initials or full pinyin, split at a word boundary: 中山dx, zs大学,
    /// zhongshan大学, 中山daxue.
    fn mixed(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let style = self.rng.random_range(0..4);
        let e = &self.entries[t];
        let make = |upto: usize| -> Option<(String, Vec<Want>)> {
            let cut = e.ends.iter().copied().rfind(|&x| x < upto)?;
            let sy = e.syllables(upto);
            let han_first = style % 2 == 0;
            let initials = style < 2;
            let mut query = String::new();
            let mut wants = Vec::new();
            for (k, (&c, &sound)) in e.chars.iter().zip(&sy).enumerate() {
                let han = (k < cut) == han_first;
                if han {
                    query.push(c);
                    wants.push(Want::Char(c));
                } else if initials {
                    let l = pinyin::first_letter(sound);
                    query.push_str(l);
                    wants.push(Want::Start(l.to_string()));
                } else {
                    query.push_str(sound);
                    wants.push(Want::Syllable(sound.to_string()));
                }
            }
            Some((query, wants))
        };
        let (upto, expect) = self.first_span(t, true, |upto| Some(vec![make(upto)?.1]))?;
        let (query, _) = make(upto)?;
        let how = [
            "Han then initials",
            "initials then Han",
            "Han then pinyin",
            "pinyin then Han",
        ][style];
        Some((query, expect, how.into()))
    }

    /// The first words (or the whole name, up to six chars) with one char
    /// replaced by a common char of the same single reading. Written only if
    /// the typed text occurs in no name or alias. Expect: listings with that
    /// reading there and the same chars elsewhere.
    fn homophone(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let len = e.chars.len();
        let spans = self.spans(t, 2, len <= 6);
        let upto = *spans.first()?;
        let at = self.rng.random_range(0..upto);
        let sound = e.syllables(upto)[at];
        let choices: Vec<char> = self
            .homophones
            .of(sound)
            .iter()
            .copied()
            .filter(|&c| c != e.chars[at])
            .take(4)
            .collect();
        if choices.is_empty() {
            return None;
        }
        let with = choices[self.rng.random_range(0..choices.len())];
        let mut chars = e.chars[..upto].to_vec();
        chars[at] = with;
        let query: String = chars.iter().collect();
        if self.occurs_literally(&query) {
            return None;
        }
        let mut wants = self.chars_wants(t, upto);
        wants[at] = Want::Syllable(sound.to_string());
        let expect = self.expect(t, &[wants], self.cover(t, upto))?;
        let how = format!("{} → {with} ({sound})", e.chars[at]);
        Some((query, expect, how))
    }

    /// Full pinyin of the first words (or the whole name up to eight chars)
    /// with one or two syllables bent by an accent pair, run together or
    /// spaced by word. Written only if no listing's exact pinyin matches the
    /// bent letters anywhere in its name (an exact match may rightly
    /// outrank a fuzzy one). Expect: listings of the same fuzzy classes.
    fn fuzzy(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let len = e.chars.len();
        let spans = self.spans(t, 2, len <= 8);
        let bends = 1 + usize::from(self.rng.random_bool(0.4));
        let spaced = self.rng.random_bool(0.3);
        for upto in spans {
            let sy = e.syllables(upto);
            let bendable: Vec<usize> = (0..upto)
                .filter(|&k| !fuzzy_bends(sy[k]).is_empty())
                .collect();
            if bendable.is_empty() {
                continue;
            }
            let mut typed: Vec<String> = sy.iter().map(|s| s.to_string()).collect();
            let mut changed = Vec::new();
            for _ in 0..bends {
                let k = bendable[self.rng.random_range(0..bendable.len())];
                let options = fuzzy_bends(sy[k]);
                typed[k] = options[self.rng.random_range(0..options.len())].clone();
                changed.push(format!("{}→{}", sy[k], typed[k]));
            }
            let query = if spaced {
                let mut q = String::new();
                for (k, s) in typed.iter().enumerate() {
                    if k > 0 && e.ends.contains(&k) {
                        q.push(' ');
                    }
                    q.push_str(s);
                }
                q
            } else {
                typed.concat()
            };
            let cover = self.cover(t, upto);
            if self.any_match(&Self::pinyin_wants(&query, false), Cover::Inner) {
                continue;
            }
            let wants: Vec<Want> = sy.iter().map(|s| Want::Fuzzy(fuzzy_key(s))).collect();
            let Some(expect) = self.expect(t, &[wants], cover) else {
                continue;
            };
            return Some((query, expect, format!("accent: {}", changed.join(", "))));
        }
        None
    }

    /// Full pinyin (run together) of the first words or the whole name up to
    /// eight chars, with one slip: two adjacent letters swapped, or one
    /// dropped or doubled, not in the first syllable. Written only if no
    /// listing's pinyin matches the slipped letters anywhere in its name
    /// (syllables, initials or a partial last syllable). Expect: the listings of
    /// the pinyin before the slip.
    fn typo(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let len = e.chars.len();
        let spans = self.spans(t, 2, len <= 8);
        let kind = [Slip::Swap, Slip::Drop, Slip::Double][self.rng.random_range(0..3)];
        for upto in spans {
            let sy = e.syllables(upto);
            let typed = sy.concat();
            let first = sy[0].len();
            if typed.len() < first + 3 {
                continue;
            }
            let at = self.rng.random_range(first..typed.len() - 1);
            let slipped = slip(&typed, kind, at);
            if slipped == typed {
                continue;
            }
            let cover = self.cover(t, upto);
            if self.any_match(&Self::pinyin_wants(&slipped, true), Cover::Inner) {
                continue;
            }
            let Some(expect) = self.expect(t, &Self::pinyin_wants(&typed, false), cover) else {
                continue;
            };
            return Some((slipped, expect, format!("{typed} with a {kind:?} slip")));
        }
        None
    }

    /// The first char whose reading in this name is not the char's usual
    /// one (银行 hang, 番禺 pan, 重庆 chong).
    fn polyphone_at(&self, e: &Entry) -> Option<usize> {
        (0..e.chars.len()).find(|&k| {
            let alone = pinyin::char_readings(e.chars[k]);
            alone.len() > 1 && e.readings[k].first() != alone.first()
        })
    }

    /// Full pinyin (run together) or initials of the first words covering a
    /// char read differently in its word, with the word's reading.
    fn polyphone(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let at = self.polyphone_at(e)?;
        if !e.all_han(e.chars.len()) {
            return None;
        }
        let initials = self.rng.random_bool(0.3);
        let make = |upto: usize| -> String {
            let sy = e.syllables(upto);
            if initials {
                sy.iter().map(|s| pinyin::first_letter(s)).collect()
            } else {
                sy.concat()
            }
        };
        let (upto, expect) = self.first_span(t, true, |upto| {
            (upto > at).then(|| Self::pinyin_wants(&make(upto), false))
        })?;
        let how = format!(
            "{} read {} here, {} alone",
            e.chars[at],
            e.readings[at][0],
            pinyin::char_readings(e.chars[at])[0]
        );
        Some((make(upto), expect, how))
    }

    /// The first words (or the whole name) in traditional chars, or their
    /// initials in full-width letters.
    fn traditional_fullwidth(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        if self.rng.random_bool(0.6) {
            let (upto, expect) = self.first_span(t, true, |upto| {
                let text: String = e.chars[..upto].iter().collect();
                (to_traditional(&text) != text).then(|| vec![self.chars_wants(t, upto)])
            })?;
            let text = to_traditional(&self.text(t, upto));
            Some((text, expect, "traditional chars".into()))
        } else {
            let make = |upto: usize| -> Vec<Want> {
                e.syllables(upto)
                    .iter()
                    .map(|s| Want::Start(pinyin::first_letter(s).to_string()))
                    .collect()
            };
            let (upto, expect) = self.first_span(t, true, |upto| Some(vec![make(upto)]))?;
            let typed: String = e
                .syllables(upto)
                .iter()
                .map(|s| pinyin::first_letter(s).to_uppercase())
                .collect();
            Some((to_fullwidth(&typed), expect, "full-width initials".into()))
        }
    }

    /// An area and the kind at the end of the name: `<district> <kind>` for
    /// district institutions, `<place> <kind>` when the name has a place
    /// word before the kind (石牌 派出所). Expect: listings whose name holds
    /// the kind and whose name holds the area or whose district starts with
    /// it.
    fn area_kind(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let kind = *KINDS.iter().find(|k| e.text.ends_with(*k))?;
        let district = e.listing.district.clone().unwrap_or_default();
        let stem = district.trim_end_matches('区').to_string();
        let mut head = e.text[..e.text.len() - kind.len()].to_string();
        for p in ["广州市公安局", "广东省", "广州市", "广州"] {
            head = head.trim_start_matches(p).to_string();
        }
        head = head.trim_start_matches(district.as_str()).to_string();
        head = head.trim_start_matches("分局").to_string();
        let place = head
            .trim_end_matches('街')
            .trim_end_matches('镇')
            .to_string();
        let mut areas = vec![];
        if (2..=4).contains(&place.chars().count()) {
            areas.push(place);
        }
        if !district.is_empty() && head.is_empty() {
            areas.push(district.clone());
            areas.push(stem);
        }
        if areas.is_empty() {
            return None;
        }
        let area = areas[self.rng.random_range(0..areas.len())].clone();
        let mut found = BTreeSet::new();
        for &k in &self.mains {
            let o = &self.entries[k];
            let in_area = o.text.contains(area.as_str())
                || o.listing
                    .district
                    .as_deref()
                    .is_some_and(|d| d.starts_with(area.as_str()));
            if in_area && o.text.contains(kind) {
                found.insert(k);
                if found.len() > MAX_EXPECT + 1 {
                    return None;
                }
            }
        }
        let expect = finish(t, found)?;
        Some((format!("{area} {kind}"), expect, "area and kind".into()))
    }

    /// `<alias of the organisation, or its first words> <start of the
    /// department>` (two chars, or the whole department when shorter).
    /// Expect: department listings whose department starts so, under an
    /// organisation with that alias or whose name starts with those words.
    fn department(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let e = &self.entries[t];
        let dept = e.listing.department.as_deref()?;
        let parent = *self.by_id.get(e.listing.parent_id.as_deref()?)?;
        let p = &self.entries[parent];
        let org = if !p.listing.aliases.is_empty() && self.rng.random_bool(0.7) {
            compact(&p.listing.aliases[self.rng.random_range(0..p.listing.aliases.len())])
        } else {
            let (upto, _) = self.first_span(parent, true, |upto| {
                Some(vec![self.chars_wants(parent, upto)])
            })?;
            self.text(parent, upto)
        };
        let dept_chars: Vec<char> = compact(dept).chars().collect();
        let start: String = dept_chars.iter().take(2).collect();
        let mut found = BTreeSet::new();
        for (k, o) in self.entries.iter().enumerate() {
            let Some(d) = o.listing.department.as_deref() else {
                continue;
            };
            if !o.listing.listed || !compact(d).starts_with(start.as_str()) {
                continue;
            }
            let owner = o
                .listing
                .parent_id
                .as_deref()
                .and_then(|pid| self.by_id.get(pid))
                .map(|&q| &self.entries[q]);
            let named = o.text.starts_with(org.as_str())
                || owner.is_some_and(|q| q.listing.aliases.iter().any(|a| compact(a) == org));
            if named {
                found.insert(k);
                if found.len() > MAX_EXPECT + 1 {
                    return None;
                }
            }
        }
        let expect = finish(t, found)?;
        Some((
            format!("{org} {start}"),
            expect,
            format!("department {dept}"),
        ))
    }

    /// A number of the listing: its local number, the number with its area
    /// code in a written form (020-8775 5766, (020)87755766), or the first
    /// seven digits of an eight-digit local number. Expect: listings with a
    /// number of those digits (or starting so).
    fn reverse_number(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let l = self.entries[t].listing;
        let phone = &l.phones[self.rng.random_range(0..l.phones.len())];
        let parsed = PhoneNumber::parse(&phone.number).ok()?;
        let local = parsed.local_number().to_string();
        let style = self.rng.random_range(0..3);
        let (query, wanted, whole) = match (style, parsed.area_code()) {
            (1, Some(area)) if local.len() == 8 => (
                if self.rng.random_bool(0.5) {
                    format!("{area}-{} {}", &local[..4], &local[4..])
                } else {
                    format!("({area}){local}")
                },
                local.clone(),
                true,
            ),
            (2, _) if local.len() == 8 => (local[..7].to_string(), local[..7].to_string(), false),
            _ => (local.clone(), local.clone(), true),
        };
        let mut found = BTreeSet::new();
        for (k, o) in self.entries.iter().enumerate() {
            if !o.listing.listed {
                continue;
            }
            let has = o.listing.phones.iter().any(|p| {
                PhoneNumber::parse(&p.number).is_ok_and(|n| {
                    let d = n.local_number();
                    if whole {
                        d == wanted
                    } else {
                        d.starts_with(wanted.as_str())
                    }
                })
            });
            if has {
                found.insert(k);
                if found.len() > MAX_EXPECT + 1 {
                    return None;
                }
            }
        }
        let expect = finish(t, found)?;
        let how = [
            "local number",
            "number with area code",
            "first seven digits",
        ][style.min(2)];
        let how = if query == local { "local number" } else { how };
        Some((query, expect, how.into()))
    }

    /// The first words of the English name (a leading `The` dropped), two
    /// words at least unless the name is one word, stopping where at most
    /// three listings' English names start so. A prefix that also reads as
    /// the pinyin of some listing's name (`guangzhou tianhe`) is passed
    /// over: it names those listings as much as the English one.
    fn english(&mut self, t: usize) -> Option<(String, Vec<usize>, String)> {
        let en = self.entries[t].listing.name_en.as_deref()?;
        let typed: Vec<&str> = en
            .split_whitespace()
            .skip_while(|w| w.eq_ignore_ascii_case("the"))
            .collect();
        let words = |text: &str| -> Vec<String> {
            let n = normalize(text);
            let mut w: Vec<String> = n.split(' ').map(str::to_string).collect();
            if w.first().is_some_and(|f| f == "the") {
                w.remove(0);
            }
            w
        };
        for k in typed.len().min(2)..=typed.len() {
            let query = typed[..k].join(" ").to_lowercase();
            let query = query.trim_end_matches(',').to_string();
            let letters: String = query
                .chars()
                .filter(|c| c.is_ascii_lowercase() || *c == ' ')
                .collect();
            if letters == query && self.any_match(&Self::pinyin_wants(&query, true), Cover::Inner) {
                continue;
            }
            let want = words(&query);
            let mut found = BTreeSet::new();
            for &i in &self.mains {
                if let Some(other) = self.entries[i].listing.name_en.as_deref() {
                    if words(other).starts_with(&want) {
                        found.insert(i);
                    }
                }
            }
            if found.len() <= MAX_EXPECT {
                let expect = finish(t, found)?;
                return Some((query, expect, "start of the English name".into()));
            }
        }
        None
    }

    /// Returns true if and only if some listed main listing meets `wants`.
    fn any_match(&self, wants: &[Vec<Want>], cover: Cover) -> bool {
        self.mains.iter().any(|&i| {
            let e = &self.entries[i];
            wants.iter().any(|w| {
                let last = e.chars.len().saturating_sub(w.len());
                let offsets = match cover {
                    Cover::Whole if e.chars.len() != w.len() => 0..0,
                    _ if e.chars.len() < w.len() => 0..0,
                    Cover::Inner => 0..last + 1,
                    _ => 0..1,
                };
                offsets.into_iter().any(|o| {
                    w.iter()
                        .zip(e.chars[o..].iter().zip(&e.readings[o..]))
                        .all(|(want, (c, r))| want.fits(*c, r))
                })
            })
        })
    }
}

/// The target first, then the rest in directory order; `None` without the
/// target or with more than [`MAX_EXPECT`].
fn finish(t: usize, found: BTreeSet<usize>) -> Option<Vec<usize>> {
    if !found.contains(&t) || found.len() > MAX_EXPECT {
        return None;
    }
    let mut out = vec![t];
    out.extend(found.into_iter().filter(|&i| i != t));
    Some(out)
}

/// Returns true if and only if `word` names the listing's district
/// (`天河区`, `天河`).
fn is_district(word: &str, l: &Listing) -> bool {
    l.district
        .as_deref()
        .is_some_and(|d| d == word || d.trim_end_matches('区') == word)
}

/// Returns true if and only if `short` can be read off `e`'s words in
/// order, each word giving nothing, its first char, or (for the last one
/// used) the whole word.
fn derives(short: &[char], e: &Entry) -> bool {
    fn go(short: &[char], words: &[(usize, usize)], chars: &[char]) -> bool {
        if short.is_empty() {
            return true;
        }
        let Some((&(s, end), rest)) = words.split_first() else {
            return false;
        };
        if chars[s] == short[0] && go(&short[1..], rest, chars) {
            return true;
        }
        let word = &chars[s..end];
        if word.len() >= 2 && short == word {
            return true;
        }
        go(short, rest, chars)
    }
    go(short, &e.words, &e.chars)
}
