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

/// A listed main listing of a hand-written corpus: its id, name, one
/// number and its popularity; the other fields are set with [`Entry`].
pub fn listing(id: &str, name: &str, phone: &str, weight: f64) -> Listing {
    Listing {
        id: id.to_string(),
        name: name.to_string(),
        phones: vec![chahao::model::ListingPhone {
            number: phone.to_string(),
            label: None,
        }],
        aliases: Vec::new(),
        department: None,
        parent_id: None,
        category: None,
        province: None,
        city: None,
        district: None,
        address: None,
        name_en: None,
        listed: true,
        weight,
        extra: serde_json::Map::new(),
    }
}

/// The fields of a hand-written listing, one at a time:
/// `listing("z1", "中山大学", "020-84112828", 90.0).alias("中大")`.
pub trait Entry {
    /// Adds a short or former name.
    fn alias(self, alias: &str) -> Self;
    /// Makes it the department `department` of the main listing `parent`.
    fn department(self, department: &str, parent: &str) -> Self;
    /// Sets the kind of organisation.
    fn category(self, category: &str) -> Self;
    /// Sets the city and the district.
    fn area(self, city: &str, district: &str) -> Self;
    /// Sets the street address.
    fn address(self, address: &str) -> Self;
    /// Sets the English name.
    fn english(self, name_en: &str) -> Self;
}

impl Entry for Listing {
    fn alias(mut self, alias: &str) -> Self {
        self.aliases.push(alias.to_string());
        self
    }
    fn department(mut self, department: &str, parent: &str) -> Self {
        self.department = Some(department.to_string());
        self.parent_id = Some(parent.to_string());
        self
    }
    fn category(mut self, category: &str) -> Self {
        self.category = Some(category.to_string());
        self
    }
    fn area(mut self, city: &str, district: &str) -> Self {
        self.city = Some(city.to_string());
        self.district = Some(district.to_string());
        self
    }
    fn address(mut self, address: &str) -> Self {
        self.address = Some(address.to_string());
        self
    }
    fn english(mut self, name_en: &str) -> Self {
        self.name_en = Some(name_en.to_string());
        self
    }
}

/// The ids of `hits`, in order.
pub fn ids(hits: &[chahao::search::Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.listing.id.as_str()).collect()
}

/// How each of `hits` matched, as the JSON label the API shows (`exact`,
/// `prefix`, `alias` ...), in order.
pub fn kinds(hits: &[chahao::search::Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| match serde_json::to_value(h.kind) {
            Ok(serde_json::Value::String(label)) => label,
            other => panic!("a match kind is a JSON string, got {other:?}"),
        })
        .collect()
}
