//! The index directory on disk: numbered generations and a `CURRENT` file.
//!
//! ```text
//! index/
//!   CURRENT          name of the generation being served, e.g. "gen-000003"
//!   gen-000002/      the previous directory, kept for rollback
//!   gen-000003/      a complete tantivy index
//! ```
//!
//! A new directory state is always written into a new generation and only
//! then published by atomically replacing `CURRENT` (write a temporary file,
//! fsync, rename). A crash at any point leaves `CURRENT` naming a complete
//! generation: the state before or the state after, never a mix.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

const CURRENT: &str = "CURRENT";
const PREFIX: &str = "gen-";

/// The root of an index directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// A store rooted at `root` (which need not exist yet).
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The name of the published generation, if any.
    pub fn current(&self) -> Result<Option<String>> {
        let path = self.root.join(CURRENT);
        match fs::read_to_string(&path) {
            Ok(name) => {
                let name = name.trim().to_string();
                if parse_generation(&name).is_none() {
                    return Err(Error::Garbled(format!(
                        "{}: {name:?} is not a generation name",
                        path.display()
                    )));
                }
                Ok(Some(name))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path)(e)),
        }
    }

    /// The path of a generation.
    pub fn generation_path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Names of all generation directories present, oldest first.
    pub fn generations(&self) -> Result<Vec<String>> {
        let mut found: Vec<(u64, String)> = Vec::new();
        let entries = match fs::read_dir(&self.root) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&self.root)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(Error::io(&self.root))?;
            if let Some(name) = entry.file_name().to_str() {
                if let Some(n) = parse_generation(name) {
                    found.push((n, name.to_string()));
                }
            }
        }
        found.sort();
        Ok(found.into_iter().map(|(_, name)| name).collect())
    }

    /// Creates an empty directory for the next generation and returns its
    /// name. It is invisible to readers until [`Store::publish`].
    pub fn create_generation(&self) -> Result<String> {
        fs::create_dir_all(&self.root).map_err(Error::io(&self.root))?;
        let next = self
            .generations()?
            .iter()
            .filter_map(|g| parse_generation(g))
            .max()
            .unwrap_or(0)
            + 1;
        let name = format!("{PREFIX}{next:06}");
        let path = self.root.join(&name);
        fs::create_dir(&path).map_err(Error::io(&path))?;
        Ok(name)
    }

    /// Makes `name` the served generation, atomically.
    pub fn publish(&self, name: &str) -> Result<()> {
        self.publish_with_hook(name, &|| {})
    }

    /// [`Store::publish`], calling `staged` once the new `CURRENT` is
    /// written and synced beside the old one, just before the rename that
    /// switches readers over (a crash test's kill point).
    pub fn publish_with_hook(&self, name: &str, staged: &dyn Fn()) -> Result<()> {
        let tmp = self.root.join("CURRENT.tmp");
        let mut file = fs::File::create(&tmp).map_err(Error::io(&tmp))?;
        file.write_all(name.as_bytes()).map_err(Error::io(&tmp))?;
        file.sync_all().map_err(Error::io(&tmp))?;
        staged();
        let target = self.root.join(CURRENT);
        fs::rename(&tmp, &target).map_err(Error::io(&target))?;
        if let Ok(dir) = fs::File::open(&self.root) {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// Removes generations beyond the newest `keep` ones, never the current
    /// one, and any generation newer than the current one (left by a crash
    /// before it was published).
    pub fn prune(&self, keep: usize) -> Result<()> {
        let current = self.current()?;
        let current_n = current.as_deref().and_then(parse_generation);
        let gens = self.generations()?;
        let published: Vec<&String> = gens
            .iter()
            .filter(|g| match (parse_generation(g), current_n) {
                (Some(n), Some(c)) => n <= c,
                _ => true,
            })
            .collect();
        let cut = published.len().saturating_sub(keep);
        let mut doomed: Vec<&String> = published[..cut].to_vec();
        doomed.extend(
            gens.iter()
                .filter(|g| match (parse_generation(g), current_n) {
                    (Some(n), Some(c)) => n > c,
                    _ => false,
                }),
        );
        for name in doomed {
            if Some(name) == current.as_ref() {
                continue;
            }
            let path = self.root.join(name);
            fs::remove_dir_all(&path).map_err(Error::io(&path))?;
        }
        Ok(())
    }
}

fn parse_generation(name: &str) -> Option<u64> {
    name.strip_prefix(PREFIX)?.parse().ok()
}

/// The number of a generation name (`gen-000007` is 7), 0 for anything
/// else.
pub fn generation_number(name: &str) -> u64 {
    parse_generation(name).unwrap_or(0)
}

/// Held while a process writes to the store; released on drop.
#[derive(Debug)]
pub struct WriteLock {
    _file: fs::File,
}

impl Store {
    /// Takes the store's write lock, or fails at once when another process
    /// (a running build or apply) holds it.
    pub fn lock(&self) -> Result<WriteLock> {
        fs::create_dir_all(&self.root).map_err(Error::io(&self.root))?;
        let path = self.root.join("LOCK");
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(Error::io(&path))?;
        match file.try_lock() {
            Ok(()) => Ok(WriteLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(Error::Locked {
                root: self.root.clone(),
            }),
            Err(fs::TryLockError::Error(e)) => Err(Error::io(path)(e)),
        }
    }
}
