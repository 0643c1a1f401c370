//! Answers to recent searches, kept per generation.
//!
//! Operators type the same beginnings all day — `中`, `广州`, `z`, `zs` —
//! and those short queries are the most expensive to answer (they touch
//! the most candidates). The hits of a query are a pure function of the
//! generation, the query, the limit and the filters, so they can be kept
//! until the next generation is served; the cache empties itself as soon as
//! it sees another generation.
//!
//! The bound is approximate LRU with two maps: entries go into `young`;
//! when it is full, `young` becomes `old` and the previous `old` is dropped;
//! a hit in `old` moves the entry back into `young`. So at most
//! `2 × capacity / 2` entries are held and a query asked again within the
//! last `capacity / 2` distinct queries is always kept.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::value::RawValue;

use crate::index::Directory;

/// What identifies one answer within a generation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    /// The query as typed.
    pub q: String,
    /// Hits asked for.
    pub limit: usize,
    /// District filter.
    pub district: Option<String>,
    /// Category filter.
    pub category: Option<String>,
}

/// One answer: its hits, serialised, and how much of the query they
/// matched.
#[derive(Debug, Clone)]
pub struct Hits {
    /// The hits, as the API sends them.
    pub json: Arc<RawValue>,
    /// Whether they match the whole query, part of it, or nothing does.
    pub answer: super::metrics::Answer,
}

/// The cache; `capacity` 0 turns it off.
pub struct SearchCache {
    half: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    generation: Option<Arc<Directory>>,
    young: HashMap<Key, Hits>,
    old: HashMap<Key, Hits>,
}

impl SearchCache {
    /// A cache of about `capacity` answers.
    pub fn new(capacity: usize) -> SearchCache {
        SearchCache {
            half: capacity.div_ceil(2),
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The hits kept for `key` in generation `dir`.
    pub fn get(&self, dir: &Arc<Directory>, key: &Key) -> Option<Hits> {
        if self.half == 0 {
            return None;
        }
        let mut inner = self.lock();
        if !inner.is_for(dir) {
            return None;
        }
        if let Some(hits) = inner.young.get(key) {
            return Some(hits.clone());
        }
        let hits = inner.old.remove(key)?;
        self.insert(&mut inner, key.clone(), hits.clone());
        Some(hits)
    }

    /// Keeps `hits` for `key` in generation `dir`.
    pub fn put(&self, dir: &Arc<Directory>, key: Key, hits: Hits) {
        if self.half == 0 {
            return;
        }
        let mut inner = self.lock();
        if !inner.is_for(dir) {
            // A newer generation is served: nothing kept applies any more.
            *inner = Inner {
                generation: Some(dir.clone()),
                ..Inner::default()
            };
        }
        self.insert(&mut inner, key, hits);
    }

    fn insert(&self, inner: &mut Inner, key: Key, hits: Hits) {
        if inner.young.len() >= self.half {
            inner.old = std::mem::take(&mut inner.young);
        }
        inner.young.insert(key, hits);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Inner {
    fn is_for(&self, dir: &Arc<Directory>) -> bool {
        self.generation
            .as_ref()
            .is_some_and(|g| Arc::ptr_eq(g, dir))
    }
}
