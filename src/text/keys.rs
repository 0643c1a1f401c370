//! The keys a name is indexed under, position by position, and the same keys
//! built from what an operator types. Both sides call these functions, so a
//! key written at index time is exactly the key looked up at query time.
//!
//! A name `中山大学` becomes one anchor at position 0 and, for the char at
//! index `i`, at position `i + 1`: the char itself, each of its syllables,
//! each syllable's fuzzy class and its initial letters:
//!
//! ```text
//! 0: ^    1: c中 pzhong fzon iz izh    2: c山 pshan fsan is ish    ...
//! ```
//!
//! so that `中山dx`, `zsdx`, `zhongshan大学` and `zongsan` are all phrase
//! look-ups over the one positional field.

use super::pinyin;

/// Key at position 0 of every name and alias: a phrase starting with it
/// matches only at the start of the name.
pub const ANCHOR: &str = "^";

/// Key of one char (Han, latin letter or digit) of a name.
pub fn char_key(c: char) -> String {
    let mut key = String::with_capacity(1 + c.len_utf8());
    key.push('c');
    key.push(c);
    key
}

/// Key of a full toneless syllable, e.g. `pzhong`.
pub fn syllable_key(syllable: &str) -> String {
    format!("p{syllable}")
}

/// Key of a syllable's fuzzy class, e.g. `fzon` for zhong, zong, zhon.
pub fn fuzzy_key(syllable: &str) -> String {
    format!("f{}", pinyin::fuzzy_key(syllable))
}

/// Key of a typed initial, e.g. `iz` or `izh`.
pub fn initial_key(initial: &str) -> String {
    format!("i{initial}")
}

/// Prefix shared by every syllable key: used to expand a partly typed
/// syllable (`zhon` → `pzhong`) through the term dictionary.
pub const SYLLABLE_PREFIX: &str = "p";

/// The keys of a normalised name, as `(position, key)` pairs, anchor first.
/// Spaces are skipped: they do not take a position.
///
/// ```
/// use chahao::text::keys::name_keys;
/// let keys = name_keys("中山");
/// assert!(keys.contains(&(0, "^".to_string())));
/// assert!(keys.contains(&(1, "c中".to_string())));
/// assert!(keys.contains(&(1, "pzhong".to_string())));
/// assert!(keys.contains(&(2, "is".to_string())));
/// assert!(keys.contains(&(2, "ish".to_string())));
/// ```
pub fn name_keys(normalized: &str) -> Vec<(usize, String)> {
    let compact: String = normalized.chars().filter(|c| *c != ' ').collect();
    let readings = pinyin::readings(&compact);
    let mut keys = Vec::with_capacity(1 + compact.chars().count() * 6);
    keys.push((0, ANCHOR.to_string()));
    for (index, (c, syllables)) in compact.chars().zip(readings).enumerate() {
        let position = index + 1;
        let start = keys.len();
        keys.push((position, char_key(c)));
        if c.is_ascii_alphabetic() {
            keys.push((position, initial_key(&c.to_string())));
        }
        for syllable in syllables {
            keys.push((position, syllable_key(syllable)));
            keys.push((position, fuzzy_key(syllable)));
            let first = &syllable[..1];
            keys.push((position, initial_key(first)));
            let ini = pinyin::initial(syllable);
            if ini.len() == 2 {
                keys.push((position, initial_key(ini)));
            }
        }
        dedup_from(&mut keys, start);
    }
    keys
}

/// Removes repeated keys among `keys[start..]` (one position's keys), keeping
/// the first of each.
fn dedup_from(keys: &mut Vec<(usize, String)>, start: usize) {
    let mut i = start;
    while i < keys.len() {
        if keys[start..i].iter().any(|k| k.1 == keys[i].1) {
            keys.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Keys of one phone number for reverse look-up: the whole canonical digit
/// string (`d02087755766`), the local number without area code
/// (`d87755766`), and every tail of the local number of four digits or more
/// (`s5766`, `s55766`, ...), so that a caller's "the last digits are 5766"
/// is one term look-up.
///
/// ```
/// use chahao::text::keys::phone_keys;
/// let keys = phone_keys("02087755766", "87755766");
/// assert!(keys.contains(&"d02087755766".to_string()));
/// assert!(keys.contains(&"d87755766".to_string()));
/// assert!(keys.contains(&"s5766".to_string()));
/// ```
pub fn phone_keys(digits: &str, local: &str) -> Vec<String> {
    let mut keys = vec![format!("d{digits}")];
    if local != digits {
        keys.push(format!("d{local}"));
    }
    for start in 1..local.len().saturating_sub(3) {
        keys.push(format!("s{}", &local[start..]));
    }
    keys
}

/// Prefix of the whole-number phone keys, for prefix look-ups of partly
/// typed numbers (`020-8775`).
pub const PHONE_PREFIX: &str = "d";
/// Prefix of the tail phone keys.
pub const PHONE_TAIL_PREFIX: &str = "s";
