//! Applying a weekly change file: read → check every row against the batch
//! and the directory → write one new generation → publish. The command
//! `chahao apply` and the HTTP endpoint `POST /api/admin/batches` both call
//! [`apply`], so a file is judged and applied the same way wherever it comes
//! from.
//!
//! ```no_run
//! use chahao::batch::{apply, ApplyOptions, Format};
//! let bytes = std::fs::read("week-47.jsonl")?;
//! let options = ApplyOptions { source: "week-47.jsonl".into(), ..ApplyOptions::default() };
//! match apply(std::path::Path::new("index"), &bytes, Format::Jsonl, &options) {
//!     Ok(report) => println!("{}", report.to_text()),
//!     Err(e) => eprintln!("{e}"),
//! }
//! # Ok::<(), std::io::Error>(())
//! ```

use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::read::{read_changes, Format, RowError};
use super::validate::{validate, Checked};
use crate::index::apply::{check_schema, write_batch, ChangeSet, DirectoryView, Stage};
use crate::index::history::{ChangeLists, GenerationLog};
use crate::index::{self, BatchRecord, Directory, Store};
use crate::model::Change;

/// How to apply a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyOptions {
    /// Check and report only; write nothing.
    pub dry_run: bool,
    /// Apply the good rows when some are bad (the bad ones are in the
    /// report, with their byte ranges); by default one bad row rejects the
    /// whole batch.
    pub skip_invalid: bool,
    /// The batch id; the SHA-256 of the file when `None`.
    pub batch_id: Option<String>,
    /// Where the file came from (a path, an upload's name), for the record.
    pub source: String,
}

/// What happened to a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Applied and published.
    Applied,
    /// Checked only (`dry_run`); it would apply.
    Checked,
    /// Rejected: nothing was written.
    Rejected,
}

/// One rejected row of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    /// 1-based line where the row starts.
    pub line: usize,
    /// The row's id, when it could be read.
    pub id: Option<String>,
    /// Why it was rejected.
    pub reason: String,
    /// Its byte range in the file, line ending included: `[start, end)`.
    pub bytes: (usize, usize),
}

impl From<&RowError> for RejectedRow {
    fn from(e: &RowError) -> RejectedRow {
        RejectedRow {
            line: e.line,
            id: e.id.clone(),
            reason: e.reason.clone(),
            bytes: (e.bytes.start, e.bytes.end),
        }
    }
}

/// Counts of one batch, by operation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpCounts {
    /// 增.
    pub add: u64,
    /// 改.
    pub update: u64,
    /// 删.
    pub delete: u64,
}

/// The report of one batch: printed by `chahao apply` (as text, or JSON with
/// `--json`) and returned by `POST /api/admin/batches`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplyReport {
    /// The batch id.
    pub batch_id: String,
    /// Where the file came from.
    pub source: String,
    /// What happened.
    pub outcome: Outcome,
    /// Rows read (blank lines and the CSV header not counted).
    pub rows: u64,
    /// Operations applied (or, for a dry run or a rejection, that would
    /// have been), by kind.
    pub applied: OpCounts,
    /// Every rejected row, in file order.
    pub rejected: Vec<RejectedRow>,
    /// Departments re-indexed because their parent's aliases changed.
    pub reindexed: u64,
    /// The generation now served, when applied.
    pub generation: Option<String>,
    /// Listings in the directory before.
    pub total_before: u64,
    /// Listings in the directory after (as it would be, for a dry run).
    pub total_after: u64,
    /// Seconds since the Unix epoch when the batch was applied or checked.
    pub time: u64,
    /// Wall time taken, in milliseconds.
    pub took_ms: u64,
}

impl ApplyReport {
    /// The report as people read it.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let verdict = match self.outcome {
            Outcome::Applied => format!(
                "applied as {}",
                self.generation.as_deref().unwrap_or("a new generation")
            ),
            Outcome::Checked => "checked (dry run): nothing written".to_string(),
            Outcome::Rejected => "REJECTED: nothing written".to_string(),
        };
        let _ = writeln!(out, "batch {}  {verdict}", self.batch_id);
        let _ = writeln!(out, "  source    {}", self.source);
        let _ = writeln!(out, "  rows      {}", self.rows);
        let would = if self.outcome == Outcome::Applied {
            ""
        } else {
            " (would apply)"
        };
        let _ = writeln!(
            out,
            "  add {}  update {}  delete {}{would}",
            self.applied.add, self.applied.update, self.applied.delete
        );
        if self.reindexed > 0 {
            let _ = writeln!(
                out,
                "  {} departments re-indexed for their parent's new aliases",
                self.reindexed
            );
        }
        let _ = writeln!(
            out,
            "  listings  {} -> {}",
            self.total_before, self.total_after
        );
        let _ = writeln!(out, "  rejected  {}", self.rejected.len());
        for r in &self.rejected {
            let id =
                r.id.as_deref()
                    .map(|id| format!(" ({id})"))
                    .unwrap_or_default();
            let _ = writeln!(out, "    line {}{id}: {}", r.line, r.reason);
        }
        let _ = writeln!(out, "  took      {:.1} s", self.took_ms as f64 / 1000.0);
        out
    }
}

/// Why a batch was not applied.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// Some rows are bad (all-or-nothing), or none is good: nothing was
    /// written. The report lists every bad row.
    #[error("batch {} rejected: {} of {} rows are bad; nothing was written", .0.batch_id, .0.rejected.len(), .0.rows)]
    Rejected(Box<ApplyReport>),
    /// The batch is already part of the directory.
    #[error(
        "batch {batch_id} was already applied on {when} (as {generation}); nothing was written. \
             To apply it again, roll it back first (`chahao rollback`) or give another --batch-id"
    )]
    AlreadyApplied {
        /// The batch id.
        batch_id: String,
        /// When it was applied, seconds since the Unix epoch.
        time: u64,
        /// When it was applied, readable (UTC).
        when: String,
        /// The generation it produced.
        generation: String,
    },
    /// Anything else: no index, a lock held by another writer, I/O.
    #[error(transparent)]
    Index(#[from] crate::Error),
}

/// The SHA-256 of a file, in hex: the default batch id.
pub fn batch_id_of(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The rejected rows of `bytes`, byte for byte, as a file of their own: for
/// CSV the header comes first (and a BOM if the file had one), so the rejects
/// can be corrected and sent again as they are.
pub fn rejected_bytes(bytes: &[u8], format: Format, rejected: &[RejectedRow]) -> Vec<u8> {
    let mut out = Vec::new();
    if rejected.iter().any(|r| r.bytes == (0, bytes.len())) {
        return bytes.to_vec();
    }
    if format == Format::Csv && !rejected.is_empty() {
        let header_end = bytes
            .iter()
            .position(|b| *b == b'\n')
            .map(|i| i + 1)
            .unwrap_or(bytes.len());
        out.extend_from_slice(&bytes[..header_end]);
    }
    for r in rejected {
        let (start, end) = r.bytes;
        out.extend_from_slice(&bytes[start.min(bytes.len())..end.min(bytes.len())]);
    }
    out
}

/// Applies the change file `bytes` to the directory under `root`: see the
/// module documentation. Returns the report when the batch was applied (or
/// checked, for a dry run).
pub fn apply(
    root: &Path,
    bytes: &[u8],
    format: Format,
    options: &ApplyOptions,
) -> Result<ApplyReport, ApplyError> {
    apply_with_hook(root, bytes, format, options, &|_| {})
}

/// [`apply`], calling `hook` at each [`Stage`] of the write path.
pub fn apply_with_hook(
    root: &Path,
    bytes: &[u8],
    format: Format,
    options: &ApplyOptions,
    hook: &dyn Fn(Stage),
) -> Result<ApplyReport, ApplyError> {
    let started = Instant::now();
    let batch_id = options
        .batch_id
        .clone()
        .unwrap_or_else(|| batch_id_of(bytes));
    let store = Store::new(root);
    // The lock covers the checks too: the directory cannot change between
    // checking a row and applying it.
    let _lock = if options.dry_run {
        None
    } else {
        Some(store.lock()?)
    };
    let base = store
        .current()?
        .ok_or_else(|| crate::Error::NoIndex(root.to_path_buf()))?;
    // Every file is checked: the new generation is made of the old one's
    // files, so a damaged one would be carried into it.
    let dir = Directory::open_verified(&store.generation_path(&base))?;
    check_schema(&dir)?;
    let log = GenerationLog::read(&store, &base)?;
    if let Some(done) = log.find(&batch_id) {
        let generation = index::history::history(root)?
            .into_iter()
            .find(|h| h.record.batch_id == batch_id)
            .and_then(|h| h.generation)
            .unwrap_or_else(|| "a generation no longer kept".to_string());
        return Err(ApplyError::AlreadyApplied {
            batch_id,
            time: done.time,
            when: utc(done.time),
            generation,
        });
    }

    let parsed = read_changes(bytes, format);
    let rows = (parsed.rows.len() + parsed.errors.len()) as u64;
    let Checked { accepted, rejected } = validate(parsed, &DirectoryView::new(&dir)?);
    let mut set = ChangeSet::default();
    for row in accepted {
        match row.value {
            Change::Add { listing } => set.added.push(listing),
            Change::Update { listing } => set.updated.push(listing),
            Change::Delete { id } => set.deleted.push(id),
        }
    }
    let total_before = dir.len();
    let mut report = ApplyReport {
        batch_id: batch_id.clone(),
        source: options.source.clone(),
        outcome: Outcome::Checked,
        rows,
        applied: OpCounts {
            add: set.added.len() as u64,
            update: set.updated.len() as u64,
            delete: set.deleted.len() as u64,
        },
        rejected: rejected.iter().map(RejectedRow::from).collect(),
        reindexed: 0,
        generation: None,
        total_before,
        total_after: total_before + set.added.len() as u64 - set.deleted.len() as u64,
        time: index::now(),
        took_ms: 0,
    };
    let nothing_good = set.added.is_empty() && set.updated.is_empty() && set.deleted.is_empty();
    if (!rejected.is_empty() && !options.skip_invalid) || (nothing_good && !rejected.is_empty()) {
        report.outcome = Outcome::Rejected;
        report.took_ms = started.elapsed().as_millis() as u64;
        return Err(ApplyError::Rejected(Box::new(report)));
    }
    if options.dry_run {
        report.took_ms = started.elapsed().as_millis() as u64;
        return Ok(report);
    }
    let record = BatchRecord {
        batch_id,
        kind: "apply".to_string(),
        time: report.time,
        source: options.source.clone(),
        added: report.applied.add,
        updated: report.applied.update,
        deleted: report.applied.delete,
        total: report.total_after,
    };
    let written = write_batch(&store, &base, &dir, &set, &record, &log, hook)?;
    report.outcome = Outcome::Applied;
    report.generation = Some(written.generation);
    report.reindexed = written.reindexed;
    report.total_after = written.total;
    report.took_ms = started.elapsed().as_millis() as u64;
    Ok(report)
}

/// What the batch that made the current directory added, changed and
/// deleted (ex-directory listings left out), with its record; `None` when the
/// directory was built rather than changed by a batch. For
/// `GET /api/changes/latest`.
pub fn latest_changes(root: &Path) -> crate::Result<Option<(BatchRecord, ChangeLists)>> {
    index::history::latest_changes(root)
}

/// `YYYY-MM-DD HH:MM:SS UTC` for seconds since the Unix epoch.
pub fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = crate::index::civil_date(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}
