//! Checks a change file against itself and against the directory it is to
//! be applied to, before anything is written.
//!
//! The rows have already passed their own checks (format, required fields,
//! phone numbers; see [`read_changes`](super::read_changes)). What is left
//! needs the whole batch and the directory:
//!
//! 1. one operation per id: an id on two rows rejects both (a duplicate when
//!    the operations agree, a conflict when they do not) — applying either
//!    one would be a guess;
//! 2. `add` needs a new id, `update` and `delete` an existing one;
//! 3. every `parent_id` names a listing that exists after the batch, and no
//!    listing that stays is left under a deleted parent.
//!
//! Rule 3 is settled by repeating it until nothing changes: a rejected `add`
//! of a parent rejects the `add`s of its departments, a rejected re-parenting
//! `update` rejects the `delete` of the old parent, and so on. The accepted
//! rows therefore always leave a consistent directory, which is what
//! `--skip-invalid` relies on.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::read::{Parsed, Row, RowError};
use crate::model::Change;
pub use crate::model::Current;

/// The outcome of checking a batch: the rows that may be applied and every
/// rejected row, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Rows that passed every check.
    pub accepted: Vec<Row<Change>>,
    /// Rows that did not, with the reason.
    pub rejected: Vec<RowError>,
}

/// Checks `parsed` against `current`. Rows already rejected by the reader
/// stay rejected and still count for rule 1, so that an unreadable second row
/// for an id does not let the first one through unnoticed.
pub fn validate(parsed: Parsed<Change>, current: &dyn Current) -> Checked {
    let mut rejected = parsed.errors;
    let rows = parsed.rows;

    // Rule 1: one row per id (unreadable rows with a known id count too).
    let mut lines_by_id: HashMap<&str, Vec<(usize, &'static str)>> = HashMap::new();
    for row in &rows {
        lines_by_id
            .entry(row.value.id())
            .or_default()
            .push((row.line, op_name(&row.value)));
    }
    for e in &rejected {
        if let Some(id) = &e.id {
            if let Some(lines) = lines_by_id.get_mut(id.as_str()) {
                lines.push((e.line, "rejected row"));
            }
        }
    }
    let mut reasons: BTreeMap<usize, String> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let id = row.value.id();
        let lines = &lines_by_id[id];
        if lines.len() > 1 {
            let others: Vec<String> = lines
                .iter()
                .filter(|(line, _)| *line != row.line)
                .map(|(line, op)| format!("{op} on line {line}"))
                .collect();
            let op = op_name(&row.value);
            let reason = if lines.iter().all(|(_, o)| *o == op) {
                format!(
                    "duplicate id {id:?} in this batch (also {})",
                    others.join(", ")
                )
            } else {
                format!(
                    "conflicting operations on id {id:?}: {op} here, {}; send one operation per id",
                    others.join(", ")
                )
            };
            reasons.insert(i, reason);
            continue;
        }
        // Rule 2: the operation fits the directory.
        let exists = current.contains(id);
        let reason = match (&row.value, exists) {
            (Change::Add { .. }, true) => Some(format!(
                "add: id {id:?} is already in the directory (use update to change it)"
            )),
            (Change::Update { .. }, false) => Some(format!(
                "update: id {id:?} is not in the directory (use add for a new listing)"
            )),
            (Change::Delete { .. }, false) => {
                Some(format!("delete: id {id:?} is not in the directory"))
            }
            _ => None,
        };
        if let Some(reason) = reason {
            reasons.insert(i, reason);
        }
    }

    // Rule 3, repeated until no row changes state.
    let unreadable: HashMap<&str, usize> = rejected
        .iter()
        .filter_map(|e| Some((e.id.as_deref()?, e.line)))
        .collect();
    loop {
        let fresh = parent_problems(&rows, &reasons, &unreadable, current);
        if fresh.is_empty() {
            break;
        }
        reasons.extend(fresh);
    }

    let mut accepted = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        match reasons.remove(&i) {
            Some(reason) => rejected.push(RowError {
                line: row.line,
                id: Some(row.value.id().to_string()),
                bytes: row.bytes.clone(),
                reason,
            }),
            None => accepted.push(row),
        }
    }
    rejected.sort_by_key(|e| e.line);
    Checked { accepted, rejected }
}

fn op_name(change: &Change) -> &'static str {
    match change {
        Change::Add { .. } => "add",
        Change::Update { .. } => "update",
        Change::Delete { .. } => "delete",
    }
}

/// The rows still accepted that break rule 3, given the rows rejected so far.
fn parent_problems(
    rows: &[Row<Change>],
    rejected: &BTreeMap<usize, String>,
    unreadable: &HashMap<&str, usize>,
    current: &dyn Current,
) -> BTreeMap<usize, String> {
    let live = |i: &usize| !rejected.contains_key(i);
    // The accepted operation on each id, and the line of any row by id.
    let mut op_of: HashMap<&str, (usize, &Change)> = HashMap::new();
    let mut line_of: HashMap<&str, usize> = unreadable.clone();
    for (i, row) in rows.iter().enumerate() {
        line_of.insert(row.value.id(), row.line);
        if live(&i) {
            op_of.insert(row.value.id(), (i, &row.value));
        }
    }
    let mut children_in_batch: HashMap<&str, Vec<&str>> = HashMap::new();
    for (child, (_, change)) in &op_of {
        if let Change::Add { listing } | Change::Update { listing } = change {
            if let Some(parent) = listing.parent_id.as_deref() {
                children_in_batch.entry(parent).or_default().push(child);
            }
        }
    }
    let exists_after = |id: &str| match op_of.get(id) {
        Some((_, Change::Delete { .. })) => false,
        Some(_) => true,
        None => current.contains(id),
    };
    let mut out = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        if !live(&i) {
            continue;
        }
        match &row.value {
            Change::Add { listing } | Change::Update { listing } => {
                let Some(parent) = listing.parent_id.as_deref() else {
                    continue;
                };
                if parent == listing.id {
                    out.insert(i, "parent_id names the listing itself".to_string());
                } else if !exists_after(parent) {
                    let why = match (op_of.get(parent), line_of.get(parent)) {
                        (Some((_, Change::Delete { .. })), Some(line)) => {
                            format!("it is deleted on line {line}")
                        }
                        (None, Some(line)) => format!("its row on line {line} is rejected"),
                        _ => "it is neither in the directory nor added by this batch".to_string(),
                    };
                    out.insert(i, format!("parent_id {parent:?} will not exist: {why}"));
                }
            }
            Change::Delete { id } => {
                let mut orphans: HashSet<String> = current
                    .children(id)
                    .into_iter()
                    .filter(|child| !op_of.contains_key(child.as_str()))
                    .collect();
                if let Some(children) = children_in_batch.get(id.as_str()) {
                    orphans.extend(children.iter().map(|c| c.to_string()));
                }
                if !orphans.is_empty() {
                    let mut orphans: Vec<String> = orphans.into_iter().collect();
                    orphans.sort();
                    let shown = orphans
                        .iter()
                        .take(5)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ");
                    let more = if orphans.len() > 5 {
                        format!(" and {} more", orphans.len() - 5)
                    } else {
                        String::new()
                    };
                    out.insert(
                        i,
                        format!(
                            "delete: {id:?} is still the parent_id of {shown}{more}; \
                             delete them or change their parent_id in the same batch"
                        ),
                    );
                }
            }
        }
    }
    out
}
