//! Pinyin readings. (Being written.)
