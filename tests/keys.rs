//! The anchored prefix keys of names.
//!
//! Properties proven here:
//! 1. For every name, every start of its initials (up to 12 letters) and of
//!    its full pinyin (up to 20 letters), spelled with the first reading of
//!    each char, is a key, as is the whole string.
//! 2. The same holds for the other readings of polyphones that are spelled
//!    out (`长` chang and zhang), although they share their start with the
//!    first spelling and are emitted only from where they differ.
//! 3. Every start of the name's chars (up to 12) is a key.

use chahao::gen::Generator;
use chahao::text::keys::prefix_keys;
use chahao::text::{normalize, pinyin};

fn spelled(name: &str, pick: impl Fn(&[&'static str]) -> &'static str) -> (String, String) {
    let compact = normalize(name).replace(' ', "");
    let mut initials = String::new();
    let mut full = String::new();
    for (c, r) in compact.chars().zip(pinyin::readings(&compact)) {
        if r.is_empty() {
            if c.is_ascii_alphanumeric() {
                initials.push(c);
                full.push(c);
            }
        } else {
            let s = pick(r);
            initials.push_str(&s[..1]);
            full.push_str(s);
        }
    }
    (initials, full)
}

fn assert_prefixes(name: &str, keys: &[String], tag: &str, letters: &str, max: usize) {
    for end in 1..=letters.len().min(max) {
        let key = format!("{tag}{}", &letters[..end]);
        assert!(keys.binary_search(&key).is_ok(), "{name}: {key} missing");
    }
    if !letters.is_empty() {
        let key = format!("e{tag}{letters}");
        assert!(keys.binary_search(&key).is_ok(), "{name}: {key} missing");
    }
}

#[test]
fn every_start_of_a_names_spellings_is_a_key() {
    let mut names: Vec<String> = Generator::new(5).take(3_000).map(|l| l.name).collect();
    names.extend(["长沙银行重庆分行", "中山大学", "7天酒店(广州店)", "KTV"].map(String::from));
    for name in &names {
        let keys = prefix_keys(&normalize(name));
        let (initials, full) = spelled(name, |r| r[0]);
        assert_prefixes(name, &keys, "j", &initials, 12);
        assert_prefixes(name, &keys, "q", &full, 20);
        let chars: Vec<char> = normalize(name).replace(' ', "").chars().collect();
        for end in 1..=chars.len().min(12) {
            let key = format!("h{}", chars[..end].iter().collect::<String>());
            assert!(keys.binary_search(&key).is_ok(), "{name}: {key} missing");
        }
    }
    // 长 alone reads chang or zhang: both spellings are keys, whole.
    let keys = prefix_keys("长");
    for key in ["qchang", "qzhang", "eqchang", "eqzhang", "jc", "jz"] {
        assert!(
            keys.binary_search(&key.to_string()).is_ok(),
            "{key} missing from {keys:?}"
        );
    }
}

/// A phrase of chars or of whole syllables has pair keys, and the name has
/// those pair keys where the phrase is: looking the pairs up finds what
/// the phrase finds.
#[test]
fn pair_keys_are_where_their_phrase_is() {
    use chahao::text::key::NameKey;
    use chahao::text::keys::{name_keys, pair_keys};
    let s = |v: &[&str]| -> Vec<NameKey> {
        v.iter()
            .map(|k| NameKey::decode(k).expect("a key"))
            .collect()
    };
    assert_eq!(
        pair_keys(&s(&["pguang", "pzhou", "pji"])),
        Some(s(&["bguang-zhou", "bzhou-ji"]))
    );
    assert_eq!(pair_keys(&s(&["c银", "c行"])), Some(s(&["d银行"])));
    // Mixed kinds, or a single key: no pairs.
    assert_eq!(pair_keys(&s(&["pguang", "iz"])), None);
    assert_eq!(pair_keys(&s(&["c广", "pzhou"])), None);
    assert_eq!(pair_keys(&s(&["pguang"])), None);
    // 中国银行: each pair at the position of its first char (中 is 1).
    let keys = name_keys("中国银行");
    for (pair, expected) in [
        ("bzhong-guo", 1),
        ("bguo-yin", 2),
        ("d国银", 2),
        ("byin-hang", 3),
        ("d银行", 3),
    ] {
        let at = keys.iter().find(|(_, k)| k == pair).map(|(p, _)| *p);
        assert_eq!(at, Some(expected), "{pair} in {keys:?}");
    }
    // No pair after the last char.
    assert!(!keys
        .iter()
        .any(|(p, k)| *p == 4 && k.starts_with(['b', 'd'])));
}
