//! Listing and change files: reading them (JSONL or CSV, UTF-8 or GB18030),
//! checking every row, and reporting every bad row with its line number;
//! applying a change file as one batch ([`apply()`]).

pub mod apply;
pub mod read;
pub mod validate;

pub use apply::{
    apply, apply_with_hook, batch_id_of, latest_changes, rejected_bytes, ApplyError, ApplyOptions,
    ApplyReport, OpCounts, Outcome, RejectedRow,
};
pub use read::{read_changes, read_listings, Format, Parsed, Row, RowError};

use crate::model::Listing;

/// A listing file that cannot be built: every bad row, and how many rows
/// the file had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} of {rows} rows rejected; nothing was written", errors.len())]
pub struct Rejection {
    /// Every bad row, in file order.
    pub errors: Vec<RowError>,
    /// Rows in the file.
    pub rows: usize,
}

/// Checks a whole listing file for `build`: on top of each row's own checks,
/// every `parent_id` must name a listing of the same file. Returns the
/// listings, or every problem found.
pub fn check_listings(parsed: Parsed<Listing>) -> Result<Vec<Listing>, Rejection> {
    let rows = parsed.rows.len() + parsed.errors.len();
    let mut errors = parsed.errors;
    let ids: std::collections::HashSet<&str> =
        parsed.rows.iter().map(|r| r.value.id.as_str()).collect();
    for row in &parsed.rows {
        if let Some(parent) = &row.value.parent_id {
            if !ids.contains(parent.as_str()) {
                errors.push(RowError {
                    line: row.line,
                    id: Some(row.value.id.clone()),
                    bytes: row.bytes.clone(),
                    reason: format!("parent_id {parent:?} is not a listing in this file"),
                });
            }
        }
    }
    if errors.is_empty() {
        Ok(parsed.rows.into_iter().map(|r| r.value).collect())
    } else {
        errors.sort_by_key(|e| e.line);
        Err(Rejection { errors, rows })
    }
}
