//! Synthetic directory generator. (Being written.)
