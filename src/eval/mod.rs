//! Evaluation: how well the engine answers what 114 operators really type.
//!
//! A *labelled set* is a JSONL file, one [`LabelledQuery`] a line:
//!
//! ```text
//! {"query": "zsdx", "form": "initials", "expect": ["GZ-0000001"], "note": "中山大学"}
//! ```
//!
//! `expect` is the set of listing ids any of which counts as the right
//! answer. [`measure`] runs a set against a [`Directory`] and reports, per
//! [`Form`] and overall, hit@1, hit@5 and the mean reciprocal rank, and
//! [`keystrokes`] how many typed characters each target needs before it
//! comes first. [`simulate`] writes labelled sets by imitating operators on
//! the generated directory ([`directory`]).

pub mod keystrokes;
pub mod measure;
pub mod report;
pub mod simulate;
pub mod variants;

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::batch::{read_listings, Format};
use crate::error::{Error, Result};
use crate::gen::Generator;
use crate::model::Listing;

pub use keystrokes::{keystrokes, Keystrokes};
pub use measure::{measure, Measured, Miss, Outcome, Tally};
pub use simulate::{simulate, simulate_forms};

/// The way a query names its listing: one per row of the query-form table
/// of issue 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// The official name as written: `中山大学附属第一医院`.
    FullName,
    /// Whole words from the start of the name: `中山大学附属`.
    Prefix,
    /// Inner words, any order: `第一医院 附属`.
    InnerWords,
    /// A short or former name in the data: `中山一院`.
    Alias,
    /// A short name derived from the name's words: `北师大`.
    ShortName,
    /// Pinyin initials, whole or partial: `zsdx`, `zhsdx`.
    Initials,
    /// Full pinyin, spaced or not, last syllable perhaps unfinished.
    FullPinyin,
    /// Pinyin whose greedy split is wrong: `xian` for 西安.
    AmbiguousSplit,
    /// Han chars mixed with pinyin or initials: `中山dx`.
    Mixed,
    /// One char replaced by another of the same sound: `中山大雪`.
    Homophone,
    /// Pinyin bent by an accent: `zongsan daxue`.
    FuzzyPinyin,
    /// One slip in typed pinyin: `zhongshnadaxue`.
    Typo,
    /// Pinyin of a char read differently in a word: `yinhang` 银行.
    Polyphone,
    /// Traditional chars or full-width Latin: `中山大學`, `ＺＳＤＸ`.
    TraditionalFullwidth,
    /// An area and a kind of institution: `天河 中医院`.
    AreaKind,
    /// An organisation and one of its departments: `中山一院 急诊`.
    Department,
    /// A phone number, whole or its start: `87755766`, `020-8775 576`.
    ReverseNumber,
    /// The start of the English name: `sun yat-sen`.
    English,
    /// An organisation's name (whole or its first words) and a department,
    /// run together: `中山大学保卫处`, `中山大学附属第一医院急诊`.
    NameDept,
    /// An alias of the organisation and a department, run together:
    /// `中山一院急诊`, `华工招生办`.
    AliasDept,
    /// A name or alias and what is wanted of it, perhaps asked politely:
    /// `中山一院电话`, `帮我查一下广州南站的电话`.
    NameService,
    /// A place said before a name that does not hold it: `广州中山大学`,
    /// `天河工行`.
    PlaceName,
    /// A short name not in the data, formed the way Chinese short names are:
    /// `北师大`, `中大一院`.
    DerivedShort,
    /// A `name_dept` query in full pinyin: `zhongshandaxuebaoweichu`,
    /// `zhongshandaxue baoweichu`.
    NameDeptPinyin,
    /// Initials of an organisation and a department run together: `zsdxbwc`,
    /// `zsyyjz`; or the organisation in Han and the department in initials:
    /// `中大bwc`.
    NameDeptInitials,
}

impl Form {
    /// Every form, in table order.
    pub const ALL: [Form; 18] = [
        Form::FullName,
        Form::Prefix,
        Form::InnerWords,
        Form::Alias,
        Form::ShortName,
        Form::Initials,
        Form::FullPinyin,
        Form::AmbiguousSplit,
        Form::Mixed,
        Form::Homophone,
        Form::FuzzyPinyin,
        Form::Typo,
        Form::Polyphone,
        Form::TraditionalFullwidth,
        Form::AreaKind,
        Form::Department,
        Form::ReverseNumber,
        Form::English,
    ];

    /// The compound forms: how callers run an organisation together with a
    /// department, a place, what they want of it, or say a short name of
    /// their own. Kept apart from [`Form::ALL`] so that the shipped set of
    /// the single forms (`tests/queries/generated.jsonl`) stays as written;
    /// their set is `tests/queries/compound.jsonl`.
    pub const COMPOUND: [Form; 7] = [
        Form::NameDept,
        Form::AliasDept,
        Form::NameService,
        Form::PlaceName,
        Form::DerivedShort,
        Form::NameDeptPinyin,
        Form::NameDeptInitials,
    ];

    /// Every form: [`Form::ALL`], then [`Form::COMPOUND`].
    pub const EVERY: [Form; 25] = {
        let mut every = [Form::FullName; 25];
        let mut i = 0;
        while i < Form::ALL.len() {
            every[i] = Form::ALL[i];
            i += 1;
        }
        while i < every.len() {
            every[i] = Form::COMPOUND[i - Form::ALL.len()];
            i += 1;
        }
        every
    };

    /// The form of a snake_case name, as [`Form::as_str`] writes it.
    ///
    /// ```
    /// use chahao::eval::Form;
    /// assert_eq!(Form::from_name("name_dept"), Some(Form::NameDept));
    /// assert_eq!(Form::from_name("guess"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Form> {
        Form::EVERY.into_iter().find(|f| f.as_str() == name)
    }

    /// Returns true if and only if the form is one of [`Form::COMPOUND`]:
    /// a request as callers say it rather than a clean name.
    pub fn is_compound(self) -> bool {
        Form::COMPOUND.contains(&self)
    }

    /// The snake_case name used in the files.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::FullName => "full_name",
            Form::Prefix => "prefix",
            Form::InnerWords => "inner_words",
            Form::Alias => "alias",
            Form::ShortName => "short_name",
            Form::Initials => "initials",
            Form::FullPinyin => "full_pinyin",
            Form::AmbiguousSplit => "ambiguous_split",
            Form::Mixed => "mixed",
            Form::Homophone => "homophone",
            Form::FuzzyPinyin => "fuzzy_pinyin",
            Form::Typo => "typo",
            Form::Polyphone => "polyphone",
            Form::TraditionalFullwidth => "traditional_fullwidth",
            Form::AreaKind => "area_kind",
            Form::Department => "department",
            Form::ReverseNumber => "reverse_number",
            Form::English => "english",
            Form::NameDept => "name_dept",
            Form::AliasDept => "alias_dept",
            Form::NameService => "name_service",
            Form::PlaceName => "place_name",
            Form::DerivedShort => "derived_short",
            Form::NameDeptPinyin => "name_dept_pinyin",
            Form::NameDeptInitials => "name_dept_initials",
        }
    }
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One line of a labelled set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelledQuery {
    /// What the operator types.
    pub query: String,
    /// How the query names its listing.
    pub form: Form,
    /// Ids of the listings any of which is a right answer, the intended one
    /// first.
    pub expect: Vec<String>,
    /// Why the answer is right, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Reads a labelled set. Blank lines are skipped; every bad line is
/// reported with its number, all of them at once.
pub fn read_queries(path: &Path) -> Result<Vec<LabelledQuery>> {
    let text = std::fs::read_to_string(path).map_err(Error::io(path))?;
    parse_queries(&text).map_err(|errors| Error::BadInput {
        path: path.to_path_buf(),
        reason: format!("{} bad line(s):\n  {}", errors.len(), errors.join("\n  ")),
    })
}

/// Parses the text of a labelled set, or returns one message per bad line.
///
/// ```
/// use chahao::eval::{parse_queries, Form};
/// let set = parse_queries(r#"{"query":"zsdx","form":"initials","expect":["GZ-0000001"]}"#).unwrap();
/// assert_eq!(set[0].form, Form::Initials);
/// let bad = parse_queries(r#"{"query":"zsdx","form":"guess","expect":["GZ-0000001"]}"#).unwrap_err();
/// assert!(bad[0].starts_with("line 1: "));
/// ```
pub fn parse_queries(text: &str) -> std::result::Result<Vec<LabelledQuery>, Vec<String>> {
    let mut queries = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<LabelledQuery>(line) {
            Ok(q) if q.expect.is_empty() => {
                errors.push(format!("line {}: \"expect\" is empty", n + 1))
            }
            Ok(q) if q.query.trim().is_empty() => {
                errors.push(format!("line {}: \"query\" is empty", n + 1))
            }
            Ok(q) => queries.push(q),
            Err(e) => errors.push(format!("line {}: {e}", n + 1)),
        }
    }
    if errors.is_empty() {
        Ok(queries)
    } else {
        Err(errors)
    }
}

static HOTLINES: &str = include_str!("../../data/hotlines.jsonl");

/// The real nationwide hotlines shipped in `data/hotlines.jsonl`.
pub fn hotlines() -> Result<Vec<Listing>> {
    let parsed = read_listings(HOTLINES.as_bytes(), Format::Jsonl);
    if let Some(e) = parsed.errors.first() {
        return Err(Error::Embedded(format!("data/hotlines.jsonl: {e}")));
    }
    Ok(parsed.rows.into_iter().map(|r| r.value).collect())
}

/// The directory the shipped sets are labelled against: the hotlines, then
/// the first `count` listings of the generator with `seed`.
pub fn directory(count: usize, seed: u64) -> Result<Vec<Listing>> {
    let mut listings = hotlines()?;
    listings.extend(Generator::new(seed).take(count));
    Ok(listings)
}

/// The directory size of the shipped sets (`tests/queries/`).
pub const DIRECTORY_COUNT: usize = 100_000;
/// The generator seed of the shipped sets.
pub const DIRECTORY_SEED: u64 = 114;
