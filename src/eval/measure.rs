//! Running a labelled set: where each query's right answer came, and the
//! hit@1, hit@5 and mean reciprocal rank of each form and of the whole set.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::error::Result;
use crate::index::Directory;
use crate::search::{self, Filters, MatchKind};

use super::{Form, LabelledQuery};

/// How deep the ranking is read: a right answer below this rank counts as
/// not found (reciprocal rank 0).
pub const DEPTH: usize = 10;

/// One hit as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shown {
    /// Listing id.
    pub id: String,
    /// Name, with the department after ` · ` when there is one.
    pub name: String,
    /// How the engine says it matched.
    pub kind: MatchKind,
}

/// What one query got.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The labelled query.
    #[serde(flatten)]
    pub query: LabelledQuery,
    /// 1-based rank of the first right answer within [`DEPTH`].
    pub rank: Option<usize>,
    /// The top hits, at most five.
    pub top: Vec<Shown>,
    /// The engine refused the query (the reason).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Outcome {
    /// Returns true if and only if a right answer came within the first `k`.
    pub fn hit(&self, k: usize) -> bool {
        self.rank.is_some_and(|r| r <= k)
    }
}

/// Counts for one form or for the whole set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Queries.
    pub n: usize,
    /// Queries with a right answer first.
    pub hit1: usize,
    /// Queries with a right answer in the first five.
    pub hit5: usize,
    /// Sum of the reciprocal ranks (0 when not within [`DEPTH`]).
    pub rr_sum: f64,
    /// Queries that got no hit at all (an empty screen).
    pub zero: usize,
    /// Queries answered only partially: nothing matched the whole query.
    pub partial: usize,
}

impl Tally {
    /// Adds one query whose first right answer is at `rank`.
    pub fn add(&mut self, rank: Option<usize>) {
        self.n += 1;
        if let Some(r) = rank {
            self.hit1 += usize::from(r == 1);
            self.hit5 += usize::from(r <= 5);
            self.rr_sum += 1.0 / r as f64;
        }
    }

    /// Counts what one query's hits were: none at all, or only partial.
    pub fn answered(&mut self, hits: &[search::Hit]) {
        self.zero += usize::from(hits.is_empty());
        self.partial += usize::from(hits.first().is_some_and(|h| h.partial.is_some()));
    }

    /// Share of queries that got no hit at all (0.0 for no query).
    pub fn zero_rate(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.zero as f64 / self.n as f64
        }
    }

    /// Share of queries answered right first (1.0 for no query).
    pub fn hit1_rate(&self) -> f64 {
        ratio(self.hit1, self.n)
    }

    /// Share of queries answered right in the first five.
    pub fn hit5_rate(&self) -> f64 {
        ratio(self.hit5, self.n)
    }

    /// Mean reciprocal rank.
    pub fn mrr(&self) -> f64 {
        if self.n == 0 {
            1.0
        } else {
            self.rr_sum / self.n as f64
        }
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// The result of running a set.
#[derive(Debug, Clone, Serialize)]
pub struct Measured {
    /// Every query's outcome, in set order.
    pub outcomes: Vec<Outcome>,
    /// Tallies per form, in table order.
    pub by_form: BTreeMap<Form, Tally>,
    /// Tally of the whole set.
    pub overall: Tally,
    /// Expected ids that are not listed in the directory: the set does not
    /// belong to this index.
    pub unknown_ids: Vec<String>,
    /// Names of the expected listings, for reports.
    #[serde(skip)]
    pub names: HashMap<String, String>,
}

impl Measured {
    /// The queries whose right answer did not come first.
    pub fn misses(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| !o.hit(1))
    }
}

/// A miss, as printed.
pub type Miss = Outcome;

/// Runs every query of `queries` on `dir` and ranks its right answers.
///
/// A rank is the position of the first hit whose id is in `expect`. A query
/// the engine refuses counts as a miss and keeps the reason.
pub fn measure(dir: &Directory, queries: &[LabelledQuery]) -> Result<Measured> {
    let mut names = HashMap::new();
    let mut unknown_ids = Vec::new();
    for q in queries {
        for id in &q.expect {
            if names.contains_key(id) || unknown_ids.contains(id) {
                continue;
            }
            match dir.listing(id)? {
                Some(l) if l.listed => {
                    names.insert(id.clone(), display_name(&l.name, l.department.as_deref()));
                }
                _ => unknown_ids.push(id.clone()),
            }
        }
    }
    let filters = Filters::default();
    let mut outcomes = Vec::with_capacity(queries.len());
    let mut by_form: BTreeMap<Form, Tally> = BTreeMap::new();
    let mut overall = Tally::default();
    for q in queries {
        let (hits, error) = match search::search(dir, &q.query, DEPTH, &filters) {
            Ok(hits) => (hits, None),
            Err(crate::Error::Query(reason)) => (Vec::new(), Some(reason.to_string())),
            Err(e) => return Err(e),
        };
        let rank = hits
            .iter()
            .position(|h| q.expect.contains(&h.listing.id))
            .map(|p| p + 1);
        let tally = by_form.entry(q.form).or_default();
        tally.add(rank);
        tally.answered(&hits);
        overall.add(rank);
        overall.answered(&hits);
        let top = hits
            .iter()
            .take(5)
            .map(|h| Shown {
                id: h.listing.id.clone(),
                name: display_name(&h.listing.name, h.listing.department.as_deref()),
                kind: h.kind,
            })
            .collect();
        outcomes.push(Outcome {
            query: q.clone(),
            rank,
            top,
            error,
        });
    }
    Ok(Measured {
        outcomes,
        by_form,
        overall,
        unknown_ids,
        names,
    })
}

/// `name · department`, or the name alone.
pub fn display_name(name: &str, department: Option<&str>) -> String {
    match department {
        Some(d) => format!("{name} · {d}"),
        None => name.to_string(),
    }
}
