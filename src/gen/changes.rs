//! Synthetic weekly change files for a given directory, deterministic for a
//! seed: the mix the data editors really send, about 60% 改, 25% 增 and 15%
//! 删, every row valid against the directory.
//!
//! - **改** (update) takes an existing listing and changes what changes in a
//!   real week: a number (a new line in the same exchange, written the way
//!   the editors wrote the old one), a second number with a label, a move to
//!   another address of the same district, a company's new name (the old one
//!   kept as an alias, 曾用名), its popularity, now and then a listing going
//!   ex-directory.
//! - **增** (add) takes listings from [`Generator`] with another seed, past
//!   the famous institutions so the new ones are ordinary businesses, and
//!   gives them fresh ids; a new department hangs under its new organisation
//!   or under the same organisation already in the directory.
//! - **删** (delete) takes existing listings that no other listing hangs
//!   under, so that no department is left without its organisation.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::Generator;
use crate::model::{Change, Listing, ListingPhone};

/// Listings of the generator's stream skipped before additions are taken:
/// the famous institutions and the city's skeleton come first.
const SKIP: usize = 20_000;

/// Words of a company name that change when it changes its business scope.
const SCOPES: &[&str] = &[
    "科技",
    "贸易",
    "实业",
    "信息技术",
    "供应链管理",
    "餐饮管理",
    "商贸",
    "电子商务",
    "物流",
    "文化传播",
];

/// Labels of a second number.
const LABELS: &[&str] = &["传真", "客服", "办公室", "值班室", "销售部", "预约"];

/// `count` changes for the directory `listings`, deterministic for `seed`.
pub fn changes(listings: &[Listing], count: usize, seed: u64) -> Vec<Change> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let adds = count / 4;
    let deletes = count * 15 / 100;
    let updates = count - adds - deletes;

    let by_id: HashMap<&str, &Listing> = listings.iter().map(|l| (l.id.as_str(), l)).collect();
    let parents: HashSet<&str> = listings
        .iter()
        .filter_map(|l| l.parent_id.as_deref())
        .collect();
    let added = additions(listings, &by_id, adds, seed);
    let new_parents: HashSet<&str> = added
        .iter()
        .filter_map(|l| l.parent_id.as_deref())
        .collect();

    // Distinct existing listings, in random order (a lazy Fisher-Yates
    // shuffle): the first ones are changed, deletions come from the rest.
    let mut order: Vec<usize> = (0..listings.len()).collect();
    let mut to_update: Vec<usize> = Vec::with_capacity(updates);
    let mut to_delete: Vec<usize> = Vec::with_capacity(deletes);
    for next in 0..order.len() {
        if to_update.len() == updates && to_delete.len() == deletes {
            break;
        }
        let j = rng.random_range(next..order.len());
        order.swap(next, j);
        let i = order[next];
        let id = listings[i].id.as_str();
        if to_update.len() < updates {
            to_update.push(i);
        } else if !parents.contains(id) && !new_parents.contains(id) {
            to_delete.push(i);
        }
    }
    let mut by_district: HashMap<&str, Vec<&str>> = HashMap::new();
    for l in listings.iter().take(200_000) {
        if let (Some(d), Some(a)) = (&l.district, &l.address) {
            by_district.entry(d).or_default().push(a);
        }
    }

    let mut out: Vec<Change> = Vec::with_capacity(count);
    for i in to_update {
        let listing = update(&listings[i], &by_district, &mut rng);
        out.push(Change::Update { listing });
    }
    for i in to_delete {
        out.push(Change::Delete {
            id: listings[i].id.clone(),
        });
    }
    out.extend(added.into_iter().map(|listing| Change::Add { listing }));
    // Editors' files come in no particular order; keep parents before their
    // new departments, which is how they are written.
    let mut shuffled: Vec<Change> = Vec::with_capacity(out.len());
    let (mut adds, mut rest): (Vec<Change>, Vec<Change>) = out
        .into_iter()
        .partition(|c| matches!(c, Change::Add { .. }));
    adds.reverse();
    rest.reverse();
    while !adds.is_empty() || !rest.is_empty() {
        let take_add = !adds.is_empty()
            && (rest.is_empty() || rng.random_range(0..(adds.len() + rest.len())) < adds.len());
        shuffled.push(if take_add { adds.pop() } else { rest.pop() }.expect("non-empty"));
    }
    shuffled
}

/// New listings with fresh ids, parents remapped.
fn additions(
    listings: &[Listing],
    by_id: &HashMap<&str, &Listing>,
    count: usize,
    seed: u64,
) -> Vec<Listing> {
    let mut serial = listings
        .iter()
        .filter_map(|l| l.id.strip_prefix("GZ-")?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let mut generated_names: HashMap<String, String> = HashMap::new();
    let mut fresh: HashMap<String, String> = HashMap::new();
    let mut out = Vec::with_capacity(count);
    for (n, mut listing) in Generator::new(seed ^ 0x114_c4a6e5).enumerate() {
        if out.len() == count {
            break;
        }
        generated_names.insert(listing.id.clone(), listing.name.clone());
        if n < SKIP {
            continue;
        }
        if let Some(parent) = listing.parent_id.clone() {
            let same_in_directory = by_id
                .get(parent.as_str())
                .is_some_and(|p| Some(&p.name) == generated_names.get(&parent));
            match fresh.get(&parent) {
                Some(new_id) => listing.parent_id = Some(new_id.clone()),
                None if same_in_directory => {}
                None => continue,
            }
        }
        serial += 1;
        let id = format!("GZ-{serial:07}");
        fresh.insert(listing.id.clone(), id.clone());
        listing.id = id;
        out.push(listing);
    }
    out
}

/// A week's change to one listing; a new weight when the change drawn
/// does not fit the listing.
fn update(old: &Listing, by_district: &HashMap<&str, Vec<&str>>, rng: &mut ChaCha8Rng) -> Listing {
    let changed = change_one(old, by_district, rng);
    if changed.validate().is_ok() {
        return changed;
    }
    let mut l = old.clone();
    l.weight = (l.weight * 1.2 * 100.0).round() / 100.0;
    l
}

fn change_one(
    old: &Listing,
    by_district: &HashMap<&str, Vec<&str>>,
    rng: &mut ChaCha8Rng,
) -> Listing {
    let mut l = old.clone();
    match rng.random_range(0..100) {
        0..=44 => {
            let at = rng.random_range(0..l.phones.len());
            l.phones[at].number = renumber(&l.phones[at].number, rng);
        }
        45..=54 => {
            let mut number = renumber(&l.phones[0].number, rng);
            if number == l.phones[0].number {
                number = renumber(&number, rng);
            }
            l.phones.push(ListingPhone {
                number,
                label: Some(LABELS[rng.random_range(0..LABELS.len())].to_string()),
            });
        }
        55..=74 => {
            let moved = l
                .district
                .as_deref()
                .and_then(|d| by_district.get(d))
                .filter(|addresses| !addresses.is_empty())
                .map(|addresses| addresses[rng.random_range(0..addresses.len())].to_string());
            match moved {
                Some(address) => l.address = Some(address),
                None => l.weight = (l.weight * 1.1 * 100.0).round() / 100.0,
            }
        }
        75..=86 if l.department.is_none() && l.name.ends_with("有限公司") => {
            let renamed = rename(&l.name, rng);
            if renamed != l.name && !l.aliases.contains(&l.name) {
                l.aliases.push(std::mem::replace(&mut l.name, renamed));
            }
        }
        87..=98 => {
            let factor = 0.5 + rng.random_range(0..100) as f64 / 100.0;
            l.weight = (l.weight * factor * 100.0).round() / 100.0;
        }
        99 => l.listed = !l.listed,
        _ => {
            let at = rng.random_range(0..l.phones.len());
            l.phones[at].number = renumber(&l.phones[at].number, rng);
        }
    }
    l
}

/// The number with its last four digits drawn anew, written the same way:
/// a new line in the same exchange, or a new mobile with the same prefix.
fn renumber(number: &str, rng: &mut ChaCha8Rng) -> String {
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if digits < 10 {
        // A short service number (95588, 12345) does not change.
        return number.to_string();
    }
    let mut seen = 0;
    number
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen + 4 > digits {
                    return char::from(b'0' + rng.random_range(0..10u8));
                }
            }
            c
        })
        .collect()
}

/// A company's new name after a change of business scope, or of status.
fn rename(name: &str, rng: &mut ChaCha8Rng) -> String {
    let scope = SCOPES[rng.random_range(0..SCOPES.len())];
    if let Some(old) = SCOPES.iter().find(|s| name.contains(**s)) {
        if *old != scope {
            return name.replacen(old, scope, 1);
        }
    }
    match name.strip_suffix("有限公司") {
        Some(stem) if !stem.ends_with("集团") && !stem.ends_with("股份") => {
            format!("{stem}集团有限公司")
        }
        _ => name.to_string(),
    }
}

/// Writes `changes` as a JSONL change file.
pub fn write_jsonl<W: Write>(changes: &[Change], out: W) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    for change in changes {
        serde_json::to_writer(&mut out, change)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// The directory `changes` lead to from `listings`, computed in memory,
/// sorted by id: what a test or a benchmark expects the index to hold after
/// the batch. The changes are assumed valid.
pub fn resulting(listings: &[Listing], changes: &[Change]) -> Vec<Listing> {
    let mut by_id: std::collections::BTreeMap<String, Listing> =
        listings.iter().map(|l| (l.id.clone(), l.clone())).collect();
    for change in changes {
        match change {
            Change::Add { listing } | Change::Update { listing } => {
                by_id.insert(listing.id.clone(), listing.clone());
            }
            Change::Delete { id } => {
                by_id.remove(id);
            }
        }
    }
    by_id.into_values().collect()
}
