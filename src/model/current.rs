//! What the checks of a batch need to know about the directory as it is
//! now. The batch checks ask; the index (and, in tests and small tools, a
//! map held in memory) answers.

use std::collections::HashMap;

/// What the checks need to know about the directory as it is now.
pub trait Current {
    /// Returns true if and only if the directory holds a listing with `id`.
    fn contains(&self, id: &str) -> bool;
    /// Ids of the listings whose `parent_id` is `id`, ex-directory ones
    /// included.
    fn children(&self, id: &str) -> Vec<String>;
}

/// A directory held in memory, id to `parent_id`: for tests and for small
/// tools.
impl Current for HashMap<String, Option<String>> {
    fn contains(&self, id: &str) -> bool {
        self.contains_key(id)
    }

    fn children(&self, id: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .iter()
            .filter(|(_, parent)| parent.as_deref() == Some(id))
            .map(|(child, _)| child.clone())
            .collect();
        out.sort();
        out
    }
}
