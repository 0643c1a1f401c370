//! The index: the only module that names tantivy fields. It owns the schema,
//! the analyzers (tantivy tokenizers wrapping `text`), the mapping of a
//! listing to a document, and the generations on disk.

pub mod analyzers;
pub mod apply;
pub mod browse;
pub mod document;
pub mod history;
pub mod live;
pub mod query;
pub mod schema;
pub mod store;

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::columnar::Column;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory as TantivyDirectory, DirectoryLock, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr,
};
use tantivy::index::SegmentId;
use tantivy::schema::Value;
use tantivy::IndexSettings;
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, SegmentReader, TantivyDocument, Term,
};

pub use live::Live;
pub use schema::Fields;
pub use store::Store;

use crate::error::{Error, Result};
use crate::model::Listing;
use crate::text::vocab::Vocabulary;

/// What is recorded with every commit of a generation (the commit payload):
/// which batch produced it, when, and what it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchRecord {
    /// The batch id: the input file's SHA-256 unless given.
    pub batch_id: String,
    /// `build`, `apply` or `rollback`.
    pub kind: String,
    /// Seconds since the Unix epoch.
    pub time: u64,
    /// The input file, as given.
    pub source: String,
    /// Listings added.
    pub added: u64,
    /// Listings replaced.
    pub updated: u64,
    /// Listings removed.
    pub deleted: u64,
    /// Listings in the directory afterwards.
    pub total: u64,
}

impl BatchRecord {
    /// The record of a `build` of `count` listings, made now.
    pub fn build(
        batch_id: impl Into<String>,
        source: impl Into<String>,
        count: usize,
    ) -> BatchRecord {
        BatchRecord {
            batch_id: batch_id.into(),
            kind: "build".to_string(),
            time: now(),
            source: source.into(),
            added: count as u64,
            updated: 0,
            deleted: 0,
            total: count as u64,
        }
    }
}

/// An open, searchable generation of the directory.
pub struct Directory {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    path: PathBuf,
    /// The `weight` column of each segment, opened once: opening one
    /// reads the whole column's block table, dearer than most look-ups.
    weights: Vec<(SegmentId, Option<Column<f64>>)>,
    /// The places and departments of this generation, read from its terms
    /// when a search first needs them.
    vocabulary: std::sync::OnceLock<Vocabulary>,
}

impl Directory {
    /// Opens the generation that `CURRENT` names under `root`.
    pub fn open(root: &Path) -> Result<Directory> {
        let store = Store::new(root);
        let name = store
            .current()?
            .ok_or_else(|| Error::NoIndex(root.to_path_buf()))?;
        Directory::open_generation(&store.generation_path(&name))
    }

    /// Opens one generation directory.
    pub fn open_generation(path: &Path) -> Result<Directory> {
        Directory::open_checked(path, false)
    }

    /// Opens one generation directory, and with `verify` first reads every
    /// file of it whole and checks its checksum: a damaged file is found
    /// here, with its name, rather than by some later query. What a server
    /// is about to serve is opened this way.
    pub fn open_verified(path: &Path) -> Result<Directory> {
        let dir = Directory::open_checked(path, true)?;
        // Read now, not by the first search that needs it.
        dir.vocabulary();
        Ok(dir)
    }

    fn open_checked(path: &Path, verify: bool) -> Result<Directory> {
        if !path.is_dir() {
            return Err(Error::Damaged(format!(
                "{}: the generation directory is missing",
                path.display()
            )));
        }
        let files =
            MmapDirectory::open(path).map_err(|e| damaged(path, tantivy::TantivyError::from(e)))?;
        let index = Index::open(Published(files)).map_err(|e| damaged(path, e))?;
        analyzers::register(&index);
        let (expected, fields) = schema::build_schema();
        if index.schema() != expected {
            return Err(Error::Incompatible(format!(
                "{} was built with another index layout than this chahao uses; \
                 rebuild it with `chahao build`",
                path.display()
            )));
        }
        if verify {
            let mut bad: Vec<String> = index
                .validate_checksum()
                .map_err(|e| damaged(path, e))?
                .iter()
                .map(|f| f.display().to_string())
                .collect();
            if !bad.is_empty() {
                bad.sort();
                return Err(Error::Damaged(format!(
                    "{}: damaged index files (checksum mismatch): {}",
                    path.display(),
                    bad.join(", ")
                )));
            }
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| damaged(path, e))?;
        let weights = reader
            .searcher()
            .segment_readers()
            .iter()
            .map(|segment| (segment.segment_id(), weight_column(segment)))
            .collect();
        Ok(Directory {
            index,
            fields,
            reader,
            path: path.to_path_buf(),
            weights,
            vocabulary: std::sync::OnceLock::new(),
        })
    }

    /// The places (districts, cities, provinces) and department words of
    /// this generation, with the common ones ([`Vocabulary`]). Read from
    /// the term dictionaries once, on first use; a directory whose terms
    /// cannot be read gets the common vocabulary alone.
    pub fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary.get_or_init(|| {
            browse::vocabulary(self).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "the directory's vocabulary could not be read");
                Vocabulary::common()
            })
        })
    }

    /// The `weight` column of one segment of [`Directory::searcher`].
    pub fn weights(&self, segment: &SegmentReader) -> Option<Column<f64>> {
        match self
            .weights
            .iter()
            .find(|(id, _)| *id == segment.segment_id())
        {
            Some((_, column)) => column.clone(),
            None => weight_column(segment),
        }
    }

    /// The fields of the schema.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The generation directory this was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// One consistent view for one query.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The record of the batch that produced this generation.
    pub fn batch_record(&self) -> Result<Option<BatchRecord>> {
        let meta = self.index.load_metas()?;
        Ok(meta
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok()))
    }

    /// The listing with `id`, ex-directory ones included (callers that serve
    /// the public must check `listed`).
    pub fn listing(&self, id: &str) -> Result<Option<Listing>> {
        let searcher = self.searcher();
        let term = Term::from_field_text(self.fields.id, id);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let top = searcher.search(
            &query,
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        match top.first() {
            Some((_, address)) => {
                let doc: TantivyDocument = searcher.doc(*address)?;
                Ok(document::from_document(&self.fields, &doc))
            }
            None => Ok(None),
        }
    }

    /// Number of listings (listed and ex-directory).
    pub fn len(&self) -> u64 {
        self.searcher().num_docs()
    }

    /// Returns true if and only if the directory holds no listing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every listing in the directory, ex-directory ones included.
    pub fn all_listings(&self) -> Result<Vec<Listing>> {
        let docs = self.stored_documents(|_| true)?;
        let mut out = Vec::with_capacity(docs.len());
        for doc in docs {
            if let Some(json) = doc.get_first(self.fields.doc).and_then(|v| v.as_str()) {
                out.push(
                    serde_json::from_str(json)
                        .map_err(|e| Error::Garbled(format!("stored listing unreadable: {e}")))?,
                );
            }
        }
        Ok(out)
    }

    /// The stored documents of the live listings in the segments `segment`
    /// accepts.
    pub fn stored_documents(
        &self,
        segment: impl Fn(&tantivy::SegmentReader) -> bool,
    ) -> Result<Vec<TantivyDocument>> {
        let searcher = self.searcher();
        let mut out = Vec::new();
        for reader in searcher.segment_readers().iter().filter(|r| segment(r)) {
            let store = reader
                .get_store_reader(64)
                .map_err(tantivy::TantivyError::from)?;
            let alive = reader.alive_bitset();
            for doc_id in 0..reader.max_doc() {
                if alive.is_none_or(|a| a.is_alive(doc_id)) {
                    out.push(store.get(doc_id)?);
                }
            }
        }
        Ok(out)
    }
}

/// The files of a published generation, for reading. A published
/// generation is never written again (a batch links its files into a new
/// generation, and tantivy never rewrites a file), so the lock tantivy's
/// reader takes against its own writer's clean-up has nothing to guard
/// here — and taking it needs write access, which would keep a read-only
/// index directory (a read-only mount, a restored backup) from being
/// served. Everything else is the plain memory-mapped directory.
#[derive(Debug, Clone)]
struct Published(MmapDirectory);

impl TantivyDirectory for Published {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> std::result::Result<std::sync::Arc<dyn tantivy::directory::FileHandle>, OpenReadError>
    {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> std::result::Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> std::result::Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> std::result::Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> std::result::Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, _lock: &Lock) -> std::result::Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(callback)
    }
}

/// A generation tantivy cannot open: the error names the directory, so
/// that an operator knows which generation is damaged.
fn damaged(path: &Path, e: tantivy::TantivyError) -> Error {
    Error::Damaged(format!(
        "{}: the index cannot be opened ({e}); it is damaged or incomplete",
        path.display()
    ))
}

/// What a reader (the server, `chahao search`) serves: the generation
/// `CURRENT` names or, when that one cannot be opened, an earlier one.
pub struct Served {
    /// The generation opened.
    pub name: String,
    /// The generation `CURRENT` names (the same as `name` unless it fell
    /// back).
    pub published: String,
    /// It, open.
    pub directory: Directory,
    /// Why an earlier generation is served instead of `published`, when it
    /// is: this must reach the operator loudly.
    pub fallback: Option<String>,
}

/// Opens the generation `CURRENT` names under `root`, checking every file
/// (see [`Directory::open_verified`]). When it is damaged or missing, opens
/// the newest earlier generation that is intact instead — the directory as
/// it was before the last batch or batches, which keeps the service
/// answering — and says so in [`Served::fallback`]. It never serves a
/// generation newer than `CURRENT`: that one was never published (a batch
/// that crashed or failed before the switch) and may be incomplete. When
/// `CURRENT` itself is unreadable there is no telling published from
/// unpublished generations, so that is an error naming the generations
/// kept and how to repair it.
pub fn open_served(root: &Path) -> Result<Served> {
    let store = Store::new(root);
    let published = match store.current() {
        Ok(Some(name)) => name,
        Ok(None) => {
            let kept = store.generations()?;
            if kept.is_empty() {
                return Err(Error::NoIndex(root.to_path_buf()));
            }
            return Err(Error::Damaged(format!(
                "{}: CURRENT is missing but generations are kept ({}); write the name of the \
                 last published one into {}, or rebuild with `chahao build`",
                root.display(),
                kept.join(", "),
                root.join("CURRENT").display()
            )));
        }
        Err(e) => {
            let kept = store.generations().unwrap_or_default();
            return Err(Error::Damaged(format!(
                "{e}. CURRENT names the generation to serve; it is replaced atomically, so a \
                 bad CURRENT means the disk or someone damaged it. Generations kept: {}. \
                 Write the name of the last published one into CURRENT, or rebuild with \
                 `chahao build`",
                if kept.is_empty() {
                    "none".to_string()
                } else {
                    kept.join(", ")
                }
            )));
        }
    };
    let first = match Directory::open_verified(&store.generation_path(&published)) {
        Ok(directory) => {
            return Ok(Served {
                name: published.clone(),
                published,
                directory,
                fallback: None,
            })
        }
        Err(e) => e,
    };
    let published_n = store::generation_number(&published);
    let mut earlier: Vec<String> = store
        .generations()?
        .into_iter()
        .filter(|g| store::generation_number(g) < published_n)
        .collect();
    earlier.reverse();
    let mut also = Vec::new();
    for name in earlier {
        match Directory::open_verified(&store.generation_path(&name)) {
            Ok(directory) => {
                let fallback = format!(
                    "{first}; serving {name}, an EARLIER state of the directory, instead of \
                     {published}: batches applied since {name} are not served. Repair with \
                     `chahao rollback` (back to the generation before {published}) or \
                     `chahao build`{}",
                    if also.is_empty() {
                        String::new()
                    } else {
                        format!("; also damaged: {}", also.join("; "))
                    }
                );
                return Ok(Served {
                    name,
                    published,
                    directory,
                    fallback: Some(fallback),
                });
            }
            Err(e) => also.push(e.to_string()),
        }
    }
    Err(Error::Damaged(format!(
        "{first}; no earlier intact generation to fall back to{}. Rebuild with `chahao build`",
        if also.is_empty() {
            String::new()
        } else {
            format!(" (damaged too: {})", also.join("; "))
        }
    )))
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The civil date (year, month 1-12, day 1-31) of a day counted from
/// 1970-01-01 (Howard Hinnant's algorithm), for the times batches and
/// selections are recorded with.
pub fn civil_date(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Writer heap a listing takes while it is indexed (measured: a thread
/// with 256 MiB flushed a segment every 77,000 listings), with room to
/// spare.
const HEAP_PER_LISTING: usize = 4 * 1024;
/// Least heap for a writer thread.
const MIN_THREAD_HEAP: usize = 64 * 1024 * 1024;
/// Most heap for a writer thread: tantivy allows just under 4 GiB.
const MAX_THREAD_HEAP: usize = 3 * 1024 * 1024 * 1024;
/// Most heap for a writer, all threads together.
const MAX_WRITER_HEAP: usize = 6 * 1024 * 1024 * 1024;

/// Heap for a writer of `threads` threads indexing `listings` listings:
/// enough for each thread to write its share as one segment (up to about
/// 600,000 listings a thread, and 6 GiB all together). Every segment costs
/// each look-up a posting list per key: a metropolitan directory built in
/// 2 segments answers in about two thirds of the time it does in 13 (what
/// a 512 MiB heap gave). The heap is only taken as listings arrive.
fn writer_heap(listings: usize, threads: usize) -> usize {
    let threads = threads.max(1);
    let share = listings.div_ceil(threads);
    let per_thread = (share.saturating_mul(HEAP_PER_LISTING) / 4 * 5)
        .min(MAX_THREAD_HEAP)
        .min(MAX_WRITER_HEAP / threads)
        .max(MIN_THREAD_HEAP);
    per_thread * threads
}

/// Builds a fresh generation under `root` holding exactly `listings`,
/// publishes it, and keeps the older generations for rollback. `progress` is
/// called with the number of listings indexed so far.
pub fn build(
    root: &Path,
    listings: &[Listing],
    record: &BatchRecord,
    progress: &dyn Fn(u64),
) -> Result<String> {
    let store = Store::new(root);
    let _lock = store.lock()?;
    let name = store.create_generation()?;
    let path = store.generation_path(&name);
    let result = write_generation(&path, listings, record, progress);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&path);
        return Err(e);
    }
    store.publish(&name)?;
    store.prune(KEEP_GENERATIONS)?;
    Ok(name)
}

/// Opens the `weight` column of `segment`.
fn weight_column(segment: &SegmentReader) -> Option<Column<f64>> {
    segment.fast_fields().f64("weight").ok()
}

/// How many published generations are kept for rollback.
pub const KEEP_GENERATIONS: usize = 5;

/// Bytes of stored listings compressed together. Every candidate a search
/// judges is read from the store, a whole block decompressed for it:
/// tantivy's 16 KiB (about 40 listings) cost more than the look-up itself.
/// A quarter of that compresses less well: on 1,000,000 listings the store
/// grew from 95 to 117 MB, the whole index by 4%.
const DOCSTORE_BLOCK: usize = 4_096;

fn write_generation(
    path: &Path,
    listings: &[Listing],
    record: &BatchRecord,
    progress: &dyn Fn(u64),
) -> Result<()> {
    let (schema, fields) = schema::build_schema();
    let index = Index::builder()
        .schema(schema)
        .settings(IndexSettings {
            docstore_blocksize: DOCSTORE_BLOCK,
            ..IndexSettings::default()
        })
        .create_in_dir(path)?;
    analyzers::register(&index);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 8);
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, writer_heap(listings.len(), threads))?;
    // Listings go in by falling weight and segments are never merged, so in
    // every segment each posting list starts with its most popular listings
    // (any share of a sorted stream that a thread takes is sorted): the
    // first stage of search reads only the head of a list.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let inherited = document::inheritance(listings);
    let mut order: Vec<usize> = (0..listings.len()).collect();
    order.sort_by(|&a, &b| {
        listings[b]
            .weight
            .total_cmp(&listings[a].weight)
            .then_with(|| listings[a].id.cmp(&listings[b].id))
    });
    for (i, &at) in order.iter().enumerate() {
        writer.add_document(document::to_document(&fields, &listings[at], inherited[at]))?;
        if i % 1000 == 999 {
            progress(i as u64 + 1);
        }
    }
    progress(listings.len() as u64);
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&serde_json::to_string(record).expect("a record always serialises"));
    commit.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writer_heap_is_within_what_tantivy_accepts_and_holds_a_share_a_thread() {
        for (listings, threads) in [(0, 1), (10, 2), (1_000_000, 2), (10_000_000, 8)] {
            let per_thread = writer_heap(listings, threads) / threads;
            assert!(per_thread >= 15_000_000, "{listings} on {threads}");
            assert!(per_thread < u32::MAX as usize - 1_000_000, "{listings}");
        }
        // A metropolitan directory: one segment a thread.
        assert!(writer_heap(1_000_000, 2) / 2 >= 500_000 * HEAP_PER_LISTING);
        // A national one on a big machine: bounded all together.
        assert!(writer_heap(10_000_000, 8) <= MAX_WRITER_HEAP);
    }
}
