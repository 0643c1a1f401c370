//! The write path of a batch: a new generation made from the current one,
//! changed by one commit, merged free of deleted documents, published.
//!
//! 1. **Link.** The new generation starts as hard links to the current one's
//!    files. tantivy never writes into an existing file: segment files are
//!    created once (`open_write` uses `create_new`) and `meta.json` and
//!    `.managed.json` are replaced by an atomic rename, which gives the new
//!    generation its own inode and leaves the old one untouched. Where hard
//!    links are not possible the files are copied.
//! 2. **Change.** One `IndexWriter` deletes by the `id` term and adds the new
//!    documents ("update = delete + insert"), and re-indexes the departments
//!    whose parent's aliases changed (they inherit them). One commit, tagged
//!    with the [`BatchRecord`] as payload.
//! 3. **Merge.** Deleted documents still count in tantivy's term statistics
//!    until their segment is merged, so every segment holding a deletion is
//!    merged, each on its own: the result scores like a fresh build of the
//!    same listings, and every segment keeps its documents in order of
//!    falling weight, which the first stage of search relies on. Documents
//!    added by the batch go in by falling weight too, together with those of
//!    the small segments earlier batches left, which are folded in.
//! 4. **Publish.** The [`GenerationLog`] is written, then `CURRENT` is
//!    replaced atomically. Until then readers and a crash see only the old
//!    generation; an unpublished leftover is pruned by the next write.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use tantivy::collector::DocSetCollector;
use tantivy::indexer::NoMergePolicy;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::history::{ChangeLists, ChangedListing, GenerationLog};
use super::{analyzers, document, schema, BatchRecord, Directory, Fields, Store, KEEP_GENERATIONS};
use crate::error::{Error, Result};
use crate::model::{Current, Listing};

/// The accepted operations of a batch, one per id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeSet {
    /// New listings.
    pub added: Vec<Listing>,
    /// Replacements of existing listings.
    pub updated: Vec<Listing>,
    /// Ids of listings to remove.
    pub deleted: Vec<String>,
}

/// The named points of the write path, in order: reported to the caller's
/// hook as each is reached (progress, and the crash tests' pause points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The new generation's directory exists, still empty.
    Created,
    /// The new generation's directory holds links to the old.
    Linked,
    /// Every document is deleted and added, not yet committed.
    Indexed,
    /// The commit is on disk, deleted documents not yet merged away.
    Committed,
    /// Segments are merged; the generation is complete but unpublished.
    Merged,
    /// The generation log is written.
    Logged,
    /// The new `CURRENT` is written beside the old one, not yet renamed
    /// over it.
    Staged,
    /// `CURRENT` names the new generation.
    Published,
    /// Generations beyond those kept are removed.
    Pruned,
}

impl Stage {
    /// The stage's name, as the crash tests give it.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Created => "created",
            Stage::Linked => "linked",
            Stage::Indexed => "indexed",
            Stage::Committed => "committed",
            Stage::Merged => "merged",
            Stage::Logged => "logged",
            Stage::Staged => "staged",
            Stage::Published => "published",
            Stage::Pruned => "pruned",
        }
    }
}

/// What writing a batch produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The new generation, published.
    pub generation: String,
    /// Departments re-indexed because their parent's aliases changed.
    pub reindexed: u64,
    /// Listings in the directory afterwards.
    pub total: u64,
    /// What the batch added, changed and deleted (listed listings only).
    pub changes: ChangeLists,
}

/// Heap for the batch writer.
const WRITER_HEAP: usize = 256 * 1024 * 1024;

/// Writes `changes` as a new generation made from `base` (the generation
/// `CURRENT` names, opened as `dir`), records it with `record` and the
/// lineage `log_before`, and publishes it. The caller holds the store's
/// write lock and has validated `changes` against `dir`.
///
/// The steps, in order: read what the batch needs from `dir`
/// ([`Before::read`]); create the new generation and link it to the old
/// ([`link_generation`]); delete what the batch replaces
/// ([`delete_replaced`]); add the new documents ([`add_documents`]);
/// commit ([`commit`]); merge the deletions away ([`merge_deletes`]);
/// write the generation log ([`write_log`]); publish ([`publish`]); prune
/// ([`prune_after_publish`]). A failure before publishing removes the new
/// generation ([`abandon`]).
pub fn write_batch(
    store: &Store,
    base: &str,
    dir: &Directory,
    changes: &ChangeSet,
    record: &BatchRecord,
    log_before: &GenerationLog,
    hook: &dyn Fn(Stage),
) -> Result<Written> {
    let before = Before::read(dir, changes)?;
    // A generation left unpublished by a crash goes first.
    store.prune(KEEP_GENERATIONS)?;
    let name = store.create_generation()?;
    let path = store.generation_path(&name);
    let written = (|| {
        hook(Stage::Created);
        link_generation(dir.path(), &path)?;
        hook(Stage::Linked);
        let (index, mut writer) = open_writer(&path)?;
        delete_replaced(&mut writer, dir.fields(), changes, &before);
        add_documents(&mut writer, dir, changes, &before)?;
        hook(Stage::Indexed);
        commit(&mut writer, record)?;
        hook(Stage::Committed);
        merge_deletes(&index, &mut writer)?;
        writer.wait_merging_threads()?;
        hook(Stage::Merged);
        let log = write_log(&index, &path, base, log_before, record, changes, &before)?;
        hook(Stage::Logged);
        Ok(log)
    })();
    let (total, lists) = written.map_err(|e| abandon(&path, base, e))?;
    publish(store, &name, &path, base, hook)?;
    hook(Stage::Published);
    prune_after_publish(store);
    hook(Stage::Pruned);
    Ok(Written {
        generation: name,
        reindexed: before.reindex.len() as u64,
        total,
        changes: lists,
    })
}

/// What a batch needs to know of the generation it changes, read before
/// anything is written.
struct Before<'a> {
    /// The listings the batch deletes or replaces, as they were (for the
    /// lists of changes and the aliases they lent).
    old: HashMap<&'a str, Listing>,
    /// Departments outside the batch to re-index, with the aliases their
    /// parent lends them now.
    reindex: Vec<(Listing, Vec<String>)>,
    /// The aliases the parent of each listing of the batch lends it.
    parent_aliases: HashMap<String, Vec<String>>,
}

impl<'a> Before<'a> {
    /// Reads from `dir` what writing `changes` needs.
    fn read(dir: &Directory, changes: &'a ChangeSet) -> Result<Before<'a>> {
        let old = old_listings(dir, changes)?;
        let in_batch: HashMap<&str, &Listing> = changes
            .added
            .iter()
            .chain(&changes.updated)
            .map(|l| (l.id.as_str(), l))
            .collect();
        let reindex = departments_to_reindex(dir, changes, &old, &in_batch)?;
        let parent_aliases = parent_aliases(dir, &in_batch)?;
        Ok(Before {
            old,
            reindex,
            parent_aliases,
        })
    }
}

/// The listings of `dir` that `changes` deletes or replaces, by id.
fn old_listings<'a>(dir: &Directory, changes: &'a ChangeSet) -> Result<HashMap<&'a str, Listing>> {
    let mut old: HashMap<&str, Listing> = HashMap::new();
    for id in changes
        .deleted
        .iter()
        .map(String::as_str)
        .chain(changes.updated.iter().map(|l| l.id.as_str()))
    {
        if let Some(listing) = dir.listing(id)? {
            old.insert(id, listing);
        }
    }
    Ok(old)
}

/// Departments outside the batch whose parent lends them other aliases
/// now: the parent's aliases changed, or it became (or stopped being)
/// ex-directory. Each comes with the aliases it inherits now.
fn departments_to_reindex(
    dir: &Directory,
    changes: &ChangeSet,
    old: &HashMap<&str, Listing>,
    in_batch: &HashMap<&str, &Listing>,
) -> Result<Vec<(Listing, Vec<String>)>> {
    let deleted: HashSet<&str> = changes.deleted.iter().map(String::as_str).collect();
    let mut reindex: Vec<(Listing, Vec<String>)> = Vec::new();
    for listing in &changes.updated {
        let before = old.get(listing.id.as_str()).map(document::lent_aliases);
        if before == Some(document::lent_aliases(listing)) {
            continue;
        }
        for child in listed_children(dir, &listing.id)? {
            if in_batch.contains_key(child.as_str()) || deleted.contains(child.as_str()) {
                continue;
            }
            if let Some(child) = dir.listing(&child)? {
                reindex.push((child, document::lent_aliases(listing).to_vec()));
            }
        }
    }
    Ok(reindex)
}

/// The aliases each parent of a listing in the batch lends: the parent's
/// new version when the batch holds one, else the one in `dir`.
fn parent_aliases(
    dir: &Directory,
    in_batch: &HashMap<&str, &Listing>,
) -> Result<HashMap<String, Vec<String>>> {
    let mut parent_aliases: HashMap<String, Vec<String>> = HashMap::new();
    for listing in in_batch.values() {
        if let Some(parent) = listing.parent_id.as_deref() {
            if parent_aliases.contains_key(parent) {
                continue;
            }
            let aliases = match in_batch.get(parent) {
                Some(p) => document::lent_aliases(p).to_vec(),
                None => dir
                    .listing(parent)?
                    .map(|p| document::lent_aliases(&p).to_vec())
                    .unwrap_or_default(),
            };
            parent_aliases.insert(parent.to_string(), aliases);
        }
    }
    Ok(parent_aliases)
}

/// Opens the new generation at `path` and a writer on it that never merges
/// on its own (the merges are [`merge_deletes`]'s).
fn open_writer(path: &Path) -> Result<(Index, IndexWriter)> {
    let index = Index::open_in_dir(path)?;
    analyzers::register(&index);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 4);
    let writer: IndexWriter = index.writer_with_num_threads(threads, WRITER_HEAP)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    Ok((index, writer))
}

/// The term that deletes the document of listing `id`.
fn id_term(fields: &Fields, id: &str) -> Term {
    Term::from_field_text(fields.id, id)
}

/// Deletes the documents the batch removes or replaces: deleted and updated
/// listings, and the departments to re-index.
fn delete_replaced(
    writer: &mut IndexWriter,
    fields: &Fields,
    changes: &ChangeSet,
    before: &Before,
) {
    for id in changes
        .deleted
        .iter()
        .chain(changes.updated.iter().map(|l| &l.id))
    {
        writer.delete_term(id_term(fields, id));
    }
    for (child, _) in &before.reindex {
        writer.delete_term(id_term(fields, &child.id));
    }
}

/// Adds the documents of the batch by falling weight: added and updated
/// listings, the re-indexed departments, and the live listings of the small
/// segments earlier batches left (deleted first, so they move here).
///
/// Everything this commit adds goes in by falling weight, so that the new
/// segments keep the order search relies on (see `index::build`). The live
/// listings of the small segments earlier batches left are re-added with
/// them, which empties those segments (tantivy drops a segment once all its
/// documents are deleted) instead of letting them pile up week after week.
fn add_documents(
    writer: &mut IndexWriter,
    dir: &Directory,
    changes: &ChangeSet,
    before: &Before,
) -> Result<()> {
    let fields = dir.fields();
    let mut adds: Vec<(&Listing, &[String])> = Vec::new();
    let no_aliases = Vec::new();
    for listing in changes.added.iter().chain(&changes.updated) {
        let inherited = listing
            .parent_id
            .as_deref()
            .and_then(|p| before.parent_aliases.get(p))
            .unwrap_or(&no_aliases);
        adds.push((listing, inherited));
    }
    for (child, inherited) in &before.reindex {
        adds.push((child, inherited));
    }
    let taken: HashSet<&str> = adds
        .iter()
        .map(|(l, _)| l.id.as_str())
        .chain(changes.deleted.iter().map(String::as_str))
        .collect();
    let carried: Vec<(Listing, Vec<String>)> = small_segment_listings(dir)?
        .into_iter()
        .filter(|(l, _)| !taken.contains(l.id.as_str()))
        .collect();
    for (listing, _) in &carried {
        writer.delete_term(id_term(fields, &listing.id));
    }
    adds.extend(carried.iter().map(|(l, i)| (l, i.as_slice())));
    adds.sort_by(|a, b| {
        b.0.weight
            .total_cmp(&a.0.weight)
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    for (listing, inherited) in adds {
        writer.add_document(document::to_document(fields, listing, inherited))?;
    }
    Ok(())
}

/// Commits the deletions and additions as one commit, with `record` as its
/// payload.
fn commit(writer: &mut IndexWriter, record: &BatchRecord) -> Result<()> {
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&serde_json::to_string(record).expect("a record always serialises"));
    commit.commit()?;
    Ok(())
}

/// Writes the generation log of the new generation at `path`, durably:
/// made from `base`, the lineage `log_before` plus `record`, and the lists
/// of changes. Returns the listings in the directory and those lists.
fn write_log(
    index: &Index,
    path: &Path,
    base: &str,
    log_before: &GenerationLog,
    record: &BatchRecord,
    changes: &ChangeSet,
    before: &Before,
) -> Result<(u64, ChangeLists)> {
    let total = {
        let reader = index.reader()?;
        reader.searcher().num_docs()
    };
    let log = GenerationLog {
        before: Some(base.to_string()),
        batches: log_before
            .batches
            .iter()
            .cloned()
            .chain(std::iter::once(BatchRecord {
                total,
                ..record.clone()
            }))
            .collect(),
        changes: change_lists(changes, &before.old),
    };
    log.write(path)?;
    sync_dir(path);
    Ok((total, log.changes))
}

/// Removes the unpublished generation at `path` after `e`, and says that
/// `base` is still served.
fn abandon(path: &Path, base: &str, e: Error) -> Error {
    let _ = fs::remove_dir_all(path);
    Error::Write {
        generation: path.to_path_buf(),
        served: base.to_string(),
        source: Box::new(e),
    }
}

/// Publishes the generation `name` (at `path`): `CURRENT` names it.
fn publish(store: &Store, name: &str, path: &Path, base: &str, hook: &dyn Fn(Stage)) -> Result<()> {
    store
        .publish_with_hook(name, &|| hook(Stage::Staged))
        .map_err(|e| Error::Write {
            generation: path.to_path_buf(),
            served: base.to_string(),
            source: Box::new(e),
        })
}

/// Removes the generations beyond those kept. The batch is published:
/// failing to tidy up old generations must not report it as failed. The
/// next write prunes again.
fn prune_after_publish(store: &Store) {
    if let Err(e) = store.prune(KEEP_GENERATIONS) {
        tracing::warn!(error = %e, "could not remove old generations");
    }
}

/// Fills the empty directory `to` with hard links to the files of the
/// generation `from` (copies where linking fails). tantivy's lock files are
/// left out: a lock shared through a link would lock the old generation too.
fn link_generation(from: &Path, to: &Path) -> Result<()> {
    for entry in fs::read_dir(from).map_err(Error::io(from))? {
        let entry = entry.map_err(Error::io(from))?;
        let file_name = entry.file_name();
        let name = file_name.to_string_lossy();
        if name.starts_with(".tantivy-") || name == super::history::LOG_FILE {
            continue;
        }
        if !entry
            .file_type()
            .map_err(Error::io(entry.path()))?
            .is_file()
        {
            continue;
        }
        let target = to.join(&file_name);
        if fs::hard_link(entry.path(), &target).is_err() {
            fs::copy(entry.path(), &target).map_err(Error::io(&target))?;
        }
    }
    Ok(())
}

/// Merges away every deleted document, one segment at a time: merging a
/// segment alone keeps its documents in their order (by falling weight),
/// which merging segments together would break. The merges run side by side.
fn merge_deletes(index: &Index, writer: &mut IndexWriter) -> Result<()> {
    let metas = index.searchable_segment_metas()?;
    let futures: Vec<_> = metas
        .iter()
        .filter(|m| m.has_deletes())
        .map(|m| writer.merge(&[m.id()]))
        .collect();
    for future in futures {
        future.wait()?;
    }
    Ok(())
}

/// The live listings of the small segments (under [`SMALL_SEGMENT`]
/// documents and under 2% of the directory), with the aliases they
/// inherited, read back from the stored documents.
fn small_segment_listings(dir: &Directory) -> Result<Vec<(Listing, Vec<String>)>> {
    let fields = dir.fields();
    let small = SMALL_SEGMENT.min((dir.searcher().num_docs() / 50) as u32);
    Ok(dir
        .stored_documents(|reader| reader.max_doc() < small)?
        .iter()
        .filter_map(|doc| {
            let listing = document::from_document(fields, doc)?;
            Some((listing, document::inherited_aliases(fields, doc)))
        })
        .collect())
}

/// Segments smaller than this are folded into the next batch's new
/// segment, so that weekly batches do not pile up small segments.
const SMALL_SEGMENT: u32 = 20_000;

/// The ids of the listed listings whose `parent_id` is `id` (ex-directory
/// listings have no searchable key, not even their parent).
fn listed_children(dir: &Directory, id: &str) -> Result<Vec<String>> {
    let fields = dir.fields();
    let searcher = dir.searcher();
    let query = TermQuery::new(
        Term::from_field_text(fields.parent, id),
        IndexRecordOption::Basic,
    );
    let mut out = Vec::new();
    for address in searcher.search(&query, &DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some(child) = document::document_id(fields, &doc) {
            out.push(child);
        }
    }
    out.sort();
    Ok(out)
}

/// The lists of changes, ex-directory listings left out.
fn change_lists(changes: &ChangeSet, old: &HashMap<&str, Listing>) -> ChangeLists {
    let entry = |l: &Listing| ChangedListing {
        id: l.id.clone(),
        name: l.name.clone(),
        department: l.department.clone(),
    };
    ChangeLists {
        added: changes
            .added
            .iter()
            .filter(|l| l.listed)
            .map(entry)
            .collect(),
        updated: changes
            .updated
            .iter()
            .filter(|l| l.listed)
            .map(entry)
            .collect(),
        deleted: changes
            .deleted
            .iter()
            .filter_map(|id| old.get(id.as_str()))
            .filter(|l| l.listed)
            .map(entry)
            .collect(),
    }
}

fn sync_dir(path: &Path) {
    if let Ok(dir) = fs::File::open(path) {
        let _ = dir.sync_all();
    }
}

/// The directory as validation sees it: look-ups by id, and the children of
/// a listing. Ex-directory listings have no `parent` term, so their parents
/// are read once from their stored documents (about 2% of a directory).
pub struct DirectoryView<'a> {
    dir: &'a Directory,
    unlisted_children: HashMap<String, Vec<String>>,
}

impl<'a> DirectoryView<'a> {
    /// Prepares the view of `dir`.
    pub fn new(dir: &'a Directory) -> Result<DirectoryView<'a>> {
        let fields = dir.fields();
        let searcher = dir.searcher();
        let mut unlisted_children: HashMap<String, Vec<String>> = HashMap::new();
        for reader in searcher.segment_readers() {
            let listed = reader.fast_fields().u64("listed")?;
            let store = reader
                .get_store_reader(64)
                .map_err(tantivy::TantivyError::from)?;
            let alive = reader.alive_bitset();
            for doc_id in 0..reader.max_doc() {
                if listed.first(doc_id) != Some(0) || alive.is_some_and(|a| !a.is_alive(doc_id)) {
                    continue;
                }
                let doc: TantivyDocument = store.get(doc_id)?;
                if let Some(listing) = document::from_document(fields, &doc) {
                    if let Some(parent) = listing.parent_id {
                        unlisted_children
                            .entry(parent)
                            .or_default()
                            .push(listing.id);
                    }
                }
            }
        }
        Ok(DirectoryView {
            dir,
            unlisted_children,
        })
    }
}

impl Current for DirectoryView<'_> {
    fn contains(&self, id: &str) -> bool {
        let term = Term::from_field_text(self.dir.fields().id, id);
        self.dir.searcher().segment_readers().iter().any(|reader| {
            reader
                .inverted_index(self.dir.fields().id)
                .ok()
                .and_then(|inv| inv.read_postings(&term, IndexRecordOption::Basic).ok())
                .flatten()
                .is_some_and(|mut postings| {
                    use tantivy::DocSet;
                    let alive = reader.alive_bitset();
                    let mut doc = postings.doc();
                    while doc != tantivy::TERMINATED {
                        if alive.is_none_or(|a| a.is_alive(doc)) {
                            return true;
                        }
                        doc = postings.advance();
                    }
                    false
                })
        })
    }

    fn children(&self, id: &str) -> Vec<String> {
        let mut out = listed_children(self.dir, id).unwrap_or_default();
        if let Some(more) = self.unlisted_children.get(id) {
            out.extend(more.iter().cloned());
        }
        out.sort();
        out
    }
}

/// Checks that the schema of `dir` is the one this build writes: a batch
/// must not be applied to an index from an incompatible version.
pub fn check_schema(dir: &Directory) -> Result<()> {
    let (expected, _) = schema::build_schema();
    if dir.index().schema() != expected {
        return Err(Error::Incompatible(format!(
            "{}: the index was written by another version of chahao; rebuild it with \
             `chahao build` before applying batches",
            dir.path().display()
        )));
    }
    Ok(())
}
