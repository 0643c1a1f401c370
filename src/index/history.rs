//! What each generation remembers of how it was made, and going back.
//!
//! Every generation written by `apply` holds, next to its tantivy files, a
//! `chahao-log.json` (tantivy leaves files it does not manage alone):
//!
//! ```text
//! index/
//!   CURRENT                 "gen-000007"
//!   gen-000006/             the directory before the last batch
//!   gen-000007/
//!     meta.json             tantivy's; its commit payload is the BatchRecord
//!     chahao-log.json       GenerationLog: the generation it was made from,
//!                           the batches since the last build, the ids and
//!                           names the last batch added, changed and deleted
//! ```
//!
//! The log's `batches` are the *lineage* of the generation: every batch that
//! made the directory what it is, back to the last `build`. `history` prints
//! them; `apply` refuses a batch whose id is among them.
//!
//! `rollback` re-publishes the generation the current one was made from —
//! the very same files, so the directory is exactly as it was — and removes
//! the rolled-back generation. Rolling back again undoes the batch before
//! (as far as generations are kept, at least [`KEEP_GENERATIONS`] − 1
//! batches back); applying after a rollback starts from the restored state,
//! and a rolled-back batch may be applied again because it is no longer in
//! the lineage. A generation made by `build` has nothing before it to roll
//! back to.

use std::fs;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{BatchRecord, Directory, Store, KEEP_GENERATIONS};
use crate::error::{Error, Result};

/// The file in a generation directory that holds its [`GenerationLog`].
pub const LOG_FILE: &str = "chahao-log.json";

/// One listing named in a batch's list of changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedListing {
    /// The listing id.
    pub id: String,
    /// Its name (after the change; before it, for a deletion).
    pub name: String,
    /// Its department, if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
}

/// What one batch added, changed and deleted, ex-directory listings left
/// out: the operators' weekly "what's new" list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLists {
    /// Listings added (and listed).
    pub added: Vec<ChangedListing>,
    /// Listings replaced (and listed after the change).
    pub updated: Vec<ChangedListing>,
    /// Listings removed (that were listed before).
    pub deleted: Vec<ChangedListing>,
}

/// What a generation remembers of how it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenerationLog {
    /// The generation this one was made from; `None` for a build.
    pub before: Option<String>,
    /// The batches that made the directory, oldest first, back to the last
    /// build (included).
    pub batches: Vec<BatchRecord>,
    /// What the last batch changed.
    pub changes: ChangeLists,
}

impl GenerationLog {
    /// Reads the log of generation `name`. A generation without one (made by
    /// `build`) gets a log made of its commit payload alone.
    pub fn read(store: &Store, name: &str) -> Result<GenerationLog> {
        let path = store.generation_path(name).join(LOG_FILE);
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| Error::Garbled(format!("{}: unreadable: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let dir = Directory::open_generation(&store.generation_path(name))?;
                Ok(GenerationLog {
                    before: None,
                    batches: dir.batch_record()?.into_iter().collect(),
                    changes: ChangeLists::default(),
                })
            }
            Err(e) => Err(Error::io(path)(e)),
        }
    }

    /// Writes the log into a generation directory, durably.
    pub fn write(&self, generation_dir: &Path) -> Result<()> {
        let path = generation_dir.join(LOG_FILE);
        let mut file = fs::File::create(&path).map_err(Error::io(&path))?;
        let json = serde_json::to_vec_pretty(self).expect("a log always serialises");
        file.write_all(&json).map_err(Error::io(&path))?;
        file.sync_all().map_err(Error::io(&path))
    }

    /// The record of `batch_id` if it is in the lineage.
    pub fn find(&self, batch_id: &str) -> Option<&BatchRecord> {
        self.batches
            .iter()
            .find(|b| b.batch_id == batch_id && b.kind == "apply")
    }
}

/// One line of `chahao history`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The batch.
    pub record: BatchRecord,
    /// The generation it produced, when that is still kept on disk.
    pub generation: Option<String>,
    /// Returns true if and only if this entry is the state being served.
    pub current: bool,
}

/// The batches that made the current directory, oldest first.
pub fn history(root: &Path) -> Result<Vec<HistoryEntry>> {
    let store = Store::new(root);
    let current = store
        .current()?
        .ok_or_else(|| Error::NoIndex(root.to_path_buf()))?;
    let log = GenerationLog::read(&store, &current)?;
    // Walk the chain of kept generations back to pair each batch with the
    // generation it made.
    let mut generations = Vec::new();
    let mut cursor = Some(current.clone());
    while let Some(name) = cursor {
        if !store.generation_path(&name).is_dir() {
            break;
        }
        let before = GenerationLog::read(&store, &name)
            .ok()
            .and_then(|l| l.before);
        generations.push(name);
        cursor = before;
    }
    let n = log.batches.len();
    Ok(log
        .batches
        .into_iter()
        .enumerate()
        .map(|(i, record)| HistoryEntry {
            generation: generations.get(n - 1 - i).cloned(),
            current: i + 1 == n,
            record,
        })
        .collect())
}

/// What the batch that made the current directory added, changed and
/// deleted, with its record; `None` when the current directory was built
/// rather than changed by a batch.
pub fn latest_changes(root: &Path) -> Result<Option<(BatchRecord, ChangeLists)>> {
    let store = Store::new(root);
    let current = store
        .current()?
        .ok_or_else(|| Error::NoIndex(root.to_path_buf()))?;
    let log = GenerationLog::read(&store, &current)?;
    Ok(match (log.before, log.batches.last()) {
        (Some(_), Some(record)) => Some((record.clone(), log.changes)),
        _ => None,
    })
}

/// What a rollback did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rollback {
    /// The batch that was undone.
    pub undone: BatchRecord,
    /// The generation that was served before the rollback (now removed).
    pub from: String,
    /// The generation served now.
    pub to: String,
    /// Listings in the directory now.
    pub total: u64,
}

/// Why the last batch cannot be rolled back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RollbackRefused {
    /// The current generation says nothing of how it was made.
    #[error("{generation} has no record of how it was made")]
    NoRecord {
        /// The current generation.
        generation: String,
    },
    /// The current generation was made by a build, not by a batch.
    #[error(
        "nothing to roll back: the directory ({generation}) was made by `chahao {kind}` from \
         {made_from}, not by a batch"
    )]
    NotABatch {
        /// The current generation.
        generation: String,
        /// The command that made it.
        kind: String,
        /// What it was made from.
        made_from: String,
    },
    /// The generation before the last batch has been pruned.
    #[error(
        "cannot roll back batch {batch_id}: {before}, the directory before it, is no longer kept \
         (the last {KEEP_GENERATIONS} generations are)"
    )]
    BeforeNotKept {
        /// The last batch.
        batch_id: String,
        /// The generation before it, no longer kept.
        before: String,
    },
}

/// Restores the directory as it was before the last batch: publishes the
/// generation the current one was made from and removes the current one.
/// Takes the store's write lock.
pub fn rollback(root: &Path) -> Result<Rollback> {
    let store = Store::new(root);
    let _lock = store.lock()?;
    let current = store
        .current()?
        .ok_or_else(|| Error::NoIndex(root.to_path_buf()))?;
    let log = GenerationLog::read(&store, &current)?;
    let undone = log
        .batches
        .last()
        .cloned()
        .ok_or_else(|| RollbackRefused::NoRecord {
            generation: current.clone(),
        })?;
    let Some(before) = log.before else {
        return Err(RollbackRefused::NotABatch {
            generation: current,
            kind: undone.kind,
            made_from: undone.source,
        }
        .into());
    };
    let before_path = store.generation_path(&before);
    if !before_path.is_dir() {
        return Err(RollbackRefused::BeforeNotKept {
            batch_id: undone.batch_id,
            before,
        }
        .into());
    }
    // Make sure what we are about to serve opens before serving it.
    let dir = Directory::open_generation(&before_path)?;
    let total = dir.len();
    drop(dir);
    store.publish(&before)?;
    // The rolled-back generation is newer than CURRENT now: prune removes it.
    store.prune(KEEP_GENERATIONS)?;
    Ok(Rollback {
        undone,
        from: current,
        to: before,
        total,
    })
}
