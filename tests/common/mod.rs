//! Helpers shared by the integration tests: building indexes in temporary
//! directories.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chahao::gen::{changes, Generator};
use chahao::index::{self, BatchRecord, Directory};
use chahao::model::{Change, Listing};

/// Builds an index of `listings` under `root` and opens it.
pub fn build_index(root: &Path, listings: &[Listing]) -> chahao::Result<Directory> {
    let record = BatchRecord::build("test", "test", listings.len());
    index::build(root, listings, &record, &|_| {})?;
    Directory::open(root)
}

/// Reads a JSONL file of listings, panicking with the first bad row.
pub fn read_jsonl(path: &str) -> Vec<Listing> {
    let bytes = std::fs::read(path).expect("test data is readable");
    let parsed = chahao::batch::read_listings(&bytes, chahao::batch::Format::Jsonl);
    assert!(
        parsed.errors.is_empty(),
        "{path}: {:?}",
        parsed.errors.first()
    );
    parsed.rows.into_iter().map(|r| r.value).collect()
}

/// A built directory of generated listings, a batch of changes for it, and
/// the listings before and after the batch (sorted by id).
pub struct BatchFixture {
    /// Holds everything below; removed when the fixture is dropped.
    pub tmp: tempfile::TempDir,
    /// The built directory, to be copied before each use.
    pub pristine: PathBuf,
    /// The batch as a JSONL change file.
    pub batch: PathBuf,
    /// The batch's changes.
    pub changes: Vec<Change>,
    /// The listings before the batch.
    pub before: Vec<Listing>,
    /// The listings after the batch.
    pub after: Vec<Listing>,
}

impl BatchFixture {
    /// `count` listings of generator `seed`, and `changes` changes of
    /// change seed `change_seed`.
    pub fn new(
        seed: u64,
        count: usize,
        changes: usize,
        change_seed: u64,
    ) -> Result<BatchFixture, Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let base: Vec<Listing> = Generator::new(seed).take(count).collect();
        let pristine = tmp.path().join("pristine");
        build_index(&pristine, &base)?;
        let batch = changes::changes(&base, changes, change_seed);
        let path = tmp.path().join("batch.jsonl");
        changes::write_jsonl(&batch, std::fs::File::create(&path)?)?;
        let mut before = base.clone();
        before.sort_by(|a, b| a.id.cmp(&b.id));
        let after = changes::resulting(&base, &batch);
        Ok(BatchFixture {
            tmp,
            pristine,
            batch: path,
            changes: batch,
            before,
            after,
        })
    }
}

/// Percent-encodes a query-string value.
pub fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Copies the directory tree `from` to `to` (file contents, not links).
pub fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
