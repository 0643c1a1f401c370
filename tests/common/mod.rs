//! Helpers shared by the integration tests: building indexes in temporary
//! directories.

#![allow(dead_code)]

use std::path::Path;

use chahao::index::{self, BatchRecord, Directory};
use chahao::model::Listing;

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
