//! Keystrokes to top-1: how many characters an operator types, one at a
//! time from the start, before the listing they want comes first.
//!
//! Three ways of typing a name are measured, each on its normalised compact
//! form (what the operator sees, without spaces and brackets):
//! - **name**: the Han chars (and any Latin letters or digits) of the name;
//! - **initials**: the first letter of each char's reading (the word-level
//!   reading, so 银行 gives `yh`), Latin letters and digits as they are;
//! - **pinyin**: the full reading of each char run together
//!   (`zhongshandaxue`), Latin letters and digits as they are.
//!
//! A target is a listed main listing (no department: a department shares
//! its organisation's name, so no typing of the name alone can single it
//! out) named first in the `expect` of some query of the set. It counts as
//! first when the top hit is the target or a listing with exactly the same
//! normalised name and no department — a twin no typing can tell apart.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::error::Result;
use crate::index::Directory;
use crate::model::Listing;
use crate::search::{self, Filters};
use crate::text::normalize::compact;
use crate::text::pinyin;

use super::LabelledQuery;

/// Figures for one way of typing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct InputFigures {
    /// Targets measured.
    pub targets: usize,
    /// Targets that came first before the whole string was typed out, or at it.
    pub reached: usize,
    /// Sum over the reached targets of the characters typed.
    pub typed: usize,
    /// Sum over the reached targets of the length of the whole string.
    pub length: usize,
}

impl InputFigures {
    /// Mean characters typed to top-1 over the targets that got there.
    pub fn mean(&self) -> f64 {
        if self.reached == 0 {
            0.0
        } else {
            self.typed as f64 / self.reached as f64
        }
    }

    /// Mean length of the whole string over the same targets, to compare.
    pub fn mean_length(&self) -> f64 {
        if self.reached == 0 {
            0.0
        } else {
            self.length as f64 / self.reached as f64
        }
    }

    /// Share of targets never first, even with the whole string typed.
    pub fn never_share(&self) -> f64 {
        if self.targets == 0 {
            0.0
        } else {
            (self.targets - self.reached) as f64 / self.targets as f64
        }
    }

    fn add(&mut self, result: Option<usize>, length: usize) {
        self.targets += 1;
        if let Some(typed) = result {
            self.reached += 1;
            self.typed += typed;
            self.length += length;
        }
    }
}

/// Keystrokes to top-1 for the targets of a set.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Keystrokes {
    /// Typing the name's chars.
    pub name: InputFigures,
    /// Typing the pinyin initials.
    pub initials: InputFigures,
    /// Typing the full pinyin.
    pub pinyin: InputFigures,
    /// Per target: id, and the keystrokes for name, initials, pinyin.
    #[serde(skip)]
    pub per_target: Vec<(String, [Option<usize>; 3])>,
}

/// The three strings a name is typed as: compact name, initials, pinyin.
///
/// ```
/// use chahao::eval::keystrokes::typed_forms;
/// let [name, initials, pinyin] = typed_forms("中国工商银行(天河)");
/// assert_eq!(name, "中国工商银行天河");
/// assert_eq!(initials, "zggsyhth");
/// assert_eq!(pinyin, "zhongguogongshangyinhangtianhe");
/// ```
pub fn typed_forms(name: &str) -> [String; 3] {
    let name = compact(name);
    let mut initials = String::new();
    let mut full = String::new();
    for (c, reading) in name.chars().zip(pinyin::readings(&name)) {
        match reading.first() {
            Some(syllable) => {
                initials.push_str(pinyin::first_letter(syllable));
                full.push_str(syllable);
            }
            None if c.is_ascii_alphanumeric() => {
                initials.push(c);
                full.push(c);
            }
            None => {}
        }
    }
    [name, initials, full]
}

/// The distinct targets of `queries`: the first expected id of each query,
/// in order of first appearance.
pub fn targets(queries: &[LabelledQuery]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    queries
        .iter()
        .filter_map(|q| q.expect.first())
        .filter(|id| seen.insert(id.as_str()))
        .cloned()
        .collect()
}

/// Measures the keystrokes to top-1 of at most `limit` targets of `queries`
/// (all of them when `None`).
pub fn keystrokes(
    dir: &Directory,
    queries: &[LabelledQuery],
    limit: Option<usize>,
) -> Result<Keystrokes> {
    let mut figures = Keystrokes::default();
    let mut measured = 0;
    for id in targets(queries) {
        if limit.is_some_and(|l| measured >= l) {
            break;
        }
        let Some(target) = dir.listing(&id)? else {
            continue;
        };
        if !target.listed || target.department.is_some() {
            continue;
        }
        measured += 1;
        let forms = typed_forms(&target.name);
        let mut result = [None; 3];
        for (slot, typed) in forms.iter().enumerate() {
            result[slot] = first_reaching(dir, &target, typed)?;
            let length = typed.chars().count();
            match slot {
                0 => figures.name.add(result[slot], length),
                1 => figures.initials.add(result[slot], length),
                _ => figures.pinyin.add(result[slot], length),
            }
        }
        figures.per_target.push((id, result));
    }
    Ok(figures)
}

/// The fewest chars of `typed`, from the start, that put `target` first.
fn first_reaching(dir: &Directory, target: &Listing, typed: &str) -> Result<Option<usize>> {
    let twin = compact(&target.name);
    let filters = Filters::default();
    let mut prefix = String::new();
    for (n, c) in typed.chars().enumerate() {
        prefix.push(c);
        let hits = match search::search(dir, &prefix, 1, &filters) {
            Ok(hits) => hits,
            Err(crate::Error::Query(_)) => continue,
            Err(e) => return Err(e),
        };
        if let Some(top) = hits.first() {
            let l = &top.listing;
            if l.id == target.id || (l.department.is_none() && compact(&l.name) == twin) {
                return Ok(Some(n + 1));
            }
        }
    }
    Ok(None)
}
