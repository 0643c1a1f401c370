//! The index's key vocabulary, typed: every key a listing is indexed under
//! and a query looks up, with the one encoder and the one decoder of the
//! strings the index stores. No other code reads or writes a key's tag.
//!
//! Three kinds of key, one a field family (the schema, `index::schema`, says
//! which field holds which):
//!
//! | type | fields | what it says |
//! |---|---|---|
//! | [`NameKey`] | `name_seq`, `alias_seq`, `dept_seq` (positional) | a char, syllable, fuzzy class, initial or neighbouring pair at one position |
//! | [`PrefixKey`] | `prefix` | how a name or alias starts, or that it is whole, or a pair of its word starts |
//! | [`PhoneKey`] | `phone` | a whole number, the start or the end of one |
//!
//! The payload `S` is any string: `&str` while indexing (no copy of a
//! syllable from the pinyin tables), `String` in a query.
//!
//! ```
//! use chahao::text::key::{NameKey, PrefixKey, PrefixKind, PhoneKey};
//! assert_eq!(NameKey::Syllable("zhong").encode(), "pzhong");
//! assert_eq!(NameKey::decode("d广州"), Some(NameKey::CharPair('广', '州')));
//! assert_eq!(PrefixKey::Whole(PrefixKind::Literal, "中山大学").encode(), "eh中山大学");
//! assert_eq!(PhoneKey::decode("d02087755766"), Some(PhoneKey::Whole("02087755766".to_string())));
//! ```

use std::fmt::Write;

/// A key of the positional fields: what stands at one position of a name,
/// alias or department.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NameKey<S = String> {
    /// Position 0 of every name and alias: a phrase starting with it
    /// matches only at the start.
    Anchor,
    /// One char (Han, latin letter or digit).
    Char(char),
    /// Two chars in a row, at the first one's position.
    CharPair(char, char),
    /// A full toneless syllable (`zhong`), or in a query the start of one.
    Syllable(S),
    /// Two syllables in a row, at the first one's position.
    SyllablePair(S, S),
    /// A syllable's fuzzy class (`zon` for zhong, zong, zhon).
    Fuzzy(S),
    /// An initial: the first letter of a syllable, or zh/ch/sh.
    Initial(S),
}

/// What a [`PrefixKey`] spells the start of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrefixKind {
    /// The chars as written.
    Literal,
    /// The initials, one letter (or zh/ch/sh) a syllable.
    Initials,
    /// The full pinyin, letter by letter.
    Pinyin,
    /// The fuzzy classes of whole syllables.
    Fuzzy,
}

/// A key of the `prefix` field: one term per as-you-type form of a name or
/// alias.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PrefixKey<S = String> {
    /// The name or alias starts with this.
    Start(PrefixKind, S),
    /// The name or alias is this, whole.
    Whole(PrefixKind, S),
    /// The first char of one word of the name and the first char of a
    /// later one (`北师` of 北京师范大学), one of them in the name's
    /// national or regional prefix (`广州市`, `黄埔区`).
    WordPair(char, char),
    /// The same of two words after that prefix (`鱼小` of
    /// 广州市黄埔区鱼珠小学): how a short name is usually made, looked up
    /// first.
    CorePair(char, char),
}

/// A key of the `phone` field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PhoneKey<S = String> {
    /// The whole canonical number, or its local number.
    Whole(S),
    /// A start of the local number, four digits or more.
    Start(S),
    /// An end of the local number, four digits or more.
    Tail(S),
}

impl PrefixKind {
    /// The byte every stored key of this kind starts with (not a whole
    /// key's): what an automaton over the term dictionary must match first.
    pub fn tag_byte(self) -> u8 {
        self.tag() as u8
    }

    fn tag(self) -> char {
        match self {
            PrefixKind::Literal => 'h',
            PrefixKind::Initials => 'j',
            PrefixKind::Pinyin => 'q',
            PrefixKind::Fuzzy => 'z',
        }
    }

    fn of_tag(tag: char) -> Option<PrefixKind> {
        Some(match tag {
            'h' => PrefixKind::Literal,
            'j' => PrefixKind::Initials,
            'q' => PrefixKind::Pinyin,
            'z' => PrefixKind::Fuzzy,
            _ => return None,
        })
    }
}

impl<S: AsRef<str>> NameKey<S> {
    /// The string the index stores.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(12);
        self.encode_into(&mut out);
        out
    }

    /// Appends the string the index stores to `out`.
    pub fn encode_into(&self, out: &mut String) {
        match self {
            NameKey::Anchor => out.push('^'),
            NameKey::Char(c) => {
                out.push('c');
                out.push(*c);
            }
            NameKey::CharPair(a, b) => {
                out.push('d');
                out.push(*a);
                out.push(*b);
            }
            NameKey::Syllable(s) => tagged(out, 'p', s.as_ref()),
            NameKey::SyllablePair(a, b) => {
                let _ = write!(out, "b{}-{}", a.as_ref(), b.as_ref());
            }
            NameKey::Fuzzy(s) => tagged(out, 'f', s.as_ref()),
            NameKey::Initial(s) => tagged(out, 'i', s.as_ref()),
        }
    }

    /// The same key with an owned payload.
    pub fn to_owned_key(&self) -> NameKey {
        match self {
            NameKey::Anchor => NameKey::Anchor,
            NameKey::Char(c) => NameKey::Char(*c),
            NameKey::CharPair(a, b) => NameKey::CharPair(*a, *b),
            NameKey::Syllable(s) => NameKey::Syllable(s.as_ref().to_string()),
            NameKey::SyllablePair(a, b) => {
                NameKey::SyllablePair(a.as_ref().to_string(), b.as_ref().to_string())
            }
            NameKey::Fuzzy(s) => NameKey::Fuzzy(s.as_ref().to_string()),
            NameKey::Initial(s) => NameKey::Initial(s.as_ref().to_string()),
        }
    }

    /// The letters of a syllable, fuzzy class or initial; None for the
    /// other keys.
    pub fn letters(&self) -> Option<&str> {
        match self {
            NameKey::Syllable(s) | NameKey::Fuzzy(s) | NameKey::Initial(s) => Some(s.as_ref()),
            _ => None,
        }
    }

    /// Returns true if and only if `self`, typed as the start of a key
    /// (a partly typed syllable), starts `indexed`: the same kind of key,
    /// its letters a start of the other's. Keys without letters must be
    /// equal.
    pub fn starts<T: AsRef<str>>(&self, indexed: &NameKey<T>) -> bool {
        match (self, indexed) {
            (NameKey::Syllable(a), NameKey::Syllable(b))
            | (NameKey::Fuzzy(a), NameKey::Fuzzy(b))
            | (NameKey::Initial(a), NameKey::Initial(b)) => b.as_ref().starts_with(a.as_ref()),
            _ => self.same(indexed),
        }
    }

    /// Equality across payload types.
    pub fn same<T: AsRef<str>>(&self, other: &NameKey<T>) -> bool {
        match (self, other) {
            (NameKey::Anchor, NameKey::Anchor) => true,
            (NameKey::Char(a), NameKey::Char(b)) => a == b,
            (NameKey::CharPair(a, b), NameKey::CharPair(c, d)) => a == c && b == d,
            (NameKey::Syllable(a), NameKey::Syllable(b))
            | (NameKey::Fuzzy(a), NameKey::Fuzzy(b))
            | (NameKey::Initial(a), NameKey::Initial(b)) => a.as_ref() == b.as_ref(),
            (NameKey::SyllablePair(a, b), NameKey::SyllablePair(c, d)) => {
                a.as_ref() == c.as_ref() && b.as_ref() == d.as_ref()
            }
            _ => false,
        }
    }
}

impl NameKey {
    /// Reads a stored key back; None for a string no key encodes to.
    pub fn decode(stored: &str) -> Option<NameKey> {
        let mut chars = stored.chars();
        let tag = chars.next()?;
        let rest = chars.as_str();
        let text = || (!rest.is_empty()).then(|| rest.to_string());
        Some(match tag {
            '^' if rest.is_empty() => NameKey::Anchor,
            'c' => match (chars.next(), chars.next()) {
                (Some(c), None) => NameKey::Char(c),
                _ => return None,
            },
            'd' => match (chars.next(), chars.next(), chars.next()) {
                (Some(a), Some(b), None) => NameKey::CharPair(a, b),
                _ => return None,
            },
            'p' => NameKey::Syllable(text()?),
            'b' => {
                let (a, b) = rest.split_once('-')?;
                if a.is_empty() || b.is_empty() {
                    return None;
                }
                NameKey::SyllablePair(a.to_string(), b.to_string())
            }
            'f' => NameKey::Fuzzy(text()?),
            'i' => NameKey::Initial(text()?),
            _ => return None,
        })
    }
}

impl<S: AsRef<str>> PrefixKey<S> {
    /// The string the index stores.
    pub fn encode(&self) -> String {
        match self {
            PrefixKey::Start(kind, s) => {
                let mut out = String::with_capacity(1 + s.as_ref().len());
                tagged(&mut out, kind.tag(), s.as_ref());
                out
            }
            PrefixKey::Whole(kind, s) => {
                let mut out = String::with_capacity(2 + s.as_ref().len());
                out.push('e');
                tagged(&mut out, kind.tag(), s.as_ref());
                out
            }
            PrefixKey::WordPair(a, b) | PrefixKey::CorePair(a, b) => {
                let mut out = String::with_capacity(1 + a.len_utf8() + b.len_utf8());
                out.push(if matches!(self, PrefixKey::CorePair(..)) {
                    'C'
                } else {
                    'S'
                });
                out.push(*a);
                out.push(*b);
                out
            }
        }
    }
}

impl PrefixKey {
    /// Reads a stored key back; None for a string no key encodes to.
    pub fn decode(stored: &str) -> Option<PrefixKey> {
        let mut chars = stored.chars();
        let tag = chars.next()?;
        if tag == 'S' || tag == 'C' {
            return match (chars.next(), chars.next(), chars.next()) {
                (Some(a), Some(b), None) if tag == 'S' => Some(PrefixKey::WordPair(a, b)),
                (Some(a), Some(b), None) => Some(PrefixKey::CorePair(a, b)),
                _ => None,
            };
        }
        let (whole, tag) = if tag == 'e' {
            (true, chars.next()?)
        } else {
            (false, tag)
        };
        let kind = PrefixKind::of_tag(tag)?;
        let text = chars.as_str();
        if text.is_empty() {
            return None;
        }
        Some(if whole {
            PrefixKey::Whole(kind, text.to_string())
        } else {
            PrefixKey::Start(kind, text.to_string())
        })
    }
}

impl<S: AsRef<str>> PhoneKey<S> {
    /// The string the index stores.
    pub fn encode(&self) -> String {
        let (tag, digits) = match self {
            PhoneKey::Whole(d) => ('d', d),
            PhoneKey::Start(d) => ('P', d),
            PhoneKey::Tail(d) => ('s', d),
        };
        let mut out = String::with_capacity(1 + digits.as_ref().len());
        tagged(&mut out, tag, digits.as_ref());
        out
    }
}

impl PhoneKey {
    /// Reads a stored key back; None for a string no key encodes to.
    pub fn decode(stored: &str) -> Option<PhoneKey> {
        let mut chars = stored.chars();
        let tag = chars.next()?;
        let digits = chars.as_str();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = digits.to_string();
        Some(match tag {
            'd' => PhoneKey::Whole(digits),
            'P' => PhoneKey::Start(digits),
            's' => PhoneKey::Tail(digits),
            _ => return None,
        })
    }
}

fn tagged(out: &mut String, tag: char, text: &str) {
    out.push(tag);
    out.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_key_reads_back_as_written() {
        let keys: Vec<NameKey> = vec![
            NameKey::Anchor,
            NameKey::Char('中'),
            NameKey::Char('a'),
            NameKey::Char('1'),
            NameKey::CharPair('广', '州'),
            NameKey::Syllable("zhong".into()),
            NameKey::SyllablePair("guang".into(), "zhou".into()),
            NameKey::Fuzzy("zon".into()),
            NameKey::Initial("zh".into()),
        ];
        for key in keys {
            assert_eq!(NameKey::decode(&key.encode()), Some(key.clone()), "{key:?}");
        }
    }

    #[test]
    fn every_prefix_and_phone_key_reads_back_as_written() {
        for kind in [
            PrefixKind::Literal,
            PrefixKind::Initials,
            PrefixKind::Pinyin,
            PrefixKind::Fuzzy,
        ] {
            for key in [
                PrefixKey::Start(kind, "zsd".to_string()),
                PrefixKey::Whole(kind, "中山".to_string()),
            ] {
                assert_eq!(PrefixKey::decode(&key.encode()), Some(key.clone()));
            }
        }
        for pair in [
            PrefixKey::WordPair('北', '师'),
            PrefixKey::CorePair('鱼', '小'),
        ] {
            assert_eq!(PrefixKey::decode(&pair.encode()), Some(pair));
        }
        for key in [
            PhoneKey::Whole("02087755766".to_string()),
            PhoneKey::Start("8775".to_string()),
            PhoneKey::Tail("5766".to_string()),
        ] {
            assert_eq!(PhoneKey::decode(&key.encode()), Some(key.clone()));
        }
    }

    #[test]
    fn strings_no_key_encodes_to_are_refused() {
        for s in ["", "x中", "c", "c中山", "d中", "p", "b-zhou", "bguang"] {
            assert_eq!(NameKey::decode(s), None, "{s}");
        }
        for s in ["", "e", "eS中", "S中", "x12", "h"] {
            assert_eq!(PrefixKey::decode(s), None, "{s}");
        }
        for s in ["", "d", "dx1", "q123"] {
            assert_eq!(PhoneKey::decode(s), None, "{s}");
        }
    }

    #[test]
    fn a_typed_start_starts_only_keys_of_its_own_kind() {
        let typed = NameKey::Syllable("zhon".to_string());
        assert!(typed.starts(&NameKey::Syllable("zhong")));
        assert!(!typed.starts(&NameKey::Fuzzy("zhong")));
        assert!(!typed.starts(&NameKey::Syllable("zho")));
        assert!(NameKey::<&str>::Char('中').starts(&NameKey::<&str>::Char('中')));
        assert!(NameKey::Initial("z").starts(&NameKey::Initial("zh")));
    }
}
