//! Text analysis shared by indexing and querying. Nothing here knows about
//! tantivy, so the two sides cannot drift apart.

pub mod pinyin;
