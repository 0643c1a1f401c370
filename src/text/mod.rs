//! Text analysis shared by indexing and querying: normalisation, word
//! segmentation, pinyin and the positional keys built from them. Nothing here
//! knows about tantivy, so the index and the query side cannot drift apart.

pub mod key;
pub mod keys;
pub mod normalize;
pub mod pinyin;
pub mod segment;
pub mod slip;
pub mod vocab;

pub use normalize::normalize;
