//! Readings and typed-pinyin splitting, `chahao::text::pinyin`.
//!
//! Properties proved here:
//! 1. Words read at word level: 重庆 chong qing, 银行 yin hang, 行长 hang
//!    zhang, place names such as 番禺 pan yu and 六安 lu an.
//! 2. A character outside a known word gets all its common readings, most
//!    common first, and none of its rare ones (许 xu, not hu).
//! 3. Non-Han characters get an empty entry; there is one entry per char.
//! 4. Every syllable has an initial and a fuzzy key, and the fuzzy pairs
//!    (zh/z, ch/c, sh/s, n/l, r/l, f/h, an/ang, en/eng, in/ing) collide.
//! 5. Typed pinyin splits into syllables and prefixes, best first, with
//!    apostrophes and spaces forcing splits, and the number of splits stays
//!    bounded however long the input.
//! 6. Nothing panics on arbitrary input.

use std::error::Error;
use std::time::{Duration, Instant};

use chahao::text::pinyin::{
    char_readings, first_letter, fuzzy_key, initial, is_syllable, readings, split_pinyin,
    split_pinyin_fuzzy, syllables, Piece,
};
use proptest::prelude::*;

type TestResult = Result<(), Box<dyn Error>>;

/// The readings of `text` as "a|b c" (positions by space, alternatives by |).
fn show(text: &str) -> String {
    readings(text)
        .iter()
        .map(|r| r.join("|"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn check(cases: &[(&str, &str)], got: impl Fn(&str) -> String) -> TestResult {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|&(input, expected)| {
            let got = got(input);
            (got != expected).then(|| format!("{input}: expected {expected:?}, got {got:?}"))
        })
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

#[test]
fn words_read_at_word_level() -> TestResult {
    check(
        &[
            ("重庆", "chong qing"),
            ("银行", "yin hang"),
            ("长沙", "chang sha"),
            ("厦门", "xia men"),
            ("行长", "hang zhang"),
            ("重要", "zhong yao"),
            ("中山大学", "zhong shan da xue"),
            ("中国工商银行", "zhong guo gong shang yin hang"),
            ("重庆银行", "chong qing yin hang"),
            ("长安", "chang an"),
            ("音乐", "yin yue"),
            ("乐山", "le shan"),
            ("乐清", "yue qing"),
            ("朝阳", "chao|zhao yang"),
            ("广州", "guang zhou"),
            ("番禺", "pan yu"),
            ("六安", "lu an"),
            ("蚌埠", "beng bu"),
            ("东莞", "dong guan"),
            ("大厦", "da sha"),
            ("花都", "hua du"),
            ("单县", "shan xian"),
            ("单位", "dan wei"),
            // 区 also reads ou as a surname.
            ("广州市番禺区", "guang zhou shi pan yu qu|ou"),
            (
                "中国建设银行股份有限公司",
                "zhong guo jian she yin hang gu fen you xian gong si",
            ),
        ],
        show,
    )
}

#[test]
fn lone_characters_get_their_common_readings() -> TestResult {
    check(
        &[
            ("行", "xing|hang"),
            ("长", "chang|zhang"),
            ("重", "zhong|chong"),
            ("曾", "zeng|ceng"),
            ("单", "dan|shan"),
            ("许", "xu"),
            ("那", "na"),
            ("的", "de|di"),
            ("乐", "le|yue"),
            ("番", "fan"),
            ("六", "liu"),
            ("厦", "sha|xia"),
            ("中", "zhong"),
            ("绿", "lv|lu"),
            ("女", "nv"),
            ("略", "lve"),
        ],
        show,
    )
}

#[test]
fn char_readings_match_lone_readings() -> TestResult {
    for c in "行长重曾单许那的中山大学".chars() {
        let alone = readings(&c.to_string());
        if alone != [char_readings(c)] {
            return Err(format!(
                "{c}: readings {alone:?}, char_readings {:?}",
                char_readings(c)
            )
            .into());
        }
    }
    Ok(())
}

#[test]
fn non_han_characters_read_empty() -> TestResult {
    let got = readings("中山dx 2号·");
    let empty: Vec<bool> = got.iter().map(|r| r.is_empty()).collect();
    let expected = [false, false, true, true, true, true, false, true];
    if empty != expected {
        return Err(format!("中山dx 2号·: expected empty {expected:?}, got {got:?}").into());
    }
    assert!(readings("").is_empty());
    assert!(char_readings('\u{E000}').is_empty(), "private use area");
    Ok(())
}

#[test]
fn every_data_reading_is_a_syllable() -> TestResult {
    // Also exercises the embedded data's parser on every line.
    for c in '\u{3400}'..='\u{9FFF}' {
        for r in char_readings(c) {
            if !is_syllable(r) {
                return Err(format!("{c}: reading {r:?} is not in the syllable table").into());
            }
        }
    }
    Ok(())
}

#[test]
fn syllable_table_has_keyboard_u() {
    assert!(syllables().len() > 400);
    for s in ["lv", "nv", "lve", "nve", "er", "zhuang", "a", "o", "e"] {
        assert!(is_syllable(s), "{s}");
    }
    for s in ["lü", "lu:", "ng", "zh", "fua", "zhon"] {
        assert!(!is_syllable(s), "{s}");
    }
}

#[test]
fn initials_and_first_letters() -> TestResult {
    check(
        &[
            ("zhong", "zh z"),
            ("chang", "ch c"),
            ("shan", "sh s"),
            ("zong", "z z"),
            ("da", "d d"),
            ("yin", "y y"),
            ("wu", "w w"),
            ("an", " a"),
            ("er", " e"),
            ("ou", " o"),
            ("lv", "l l"),
        ],
        |s| format!("{} {}", initial(s), first_letter(s)),
    )?;
    for s in syllables() {
        let head = initial(s);
        if !s.starts_with(head) || head.len() == s.len() {
            return Err(format!("{s}: initial {head:?} is not a proper start").into());
        }
    }
    Ok(())
}

#[test]
fn fuzzy_pairs_share_keys() -> TestResult {
    let pairs = [
        ("zhong", "zong"),
        ("chang", "cang"),
        ("shan", "san"),
        ("nan", "lan"),
        ("nan", "lang"),
        ("ren", "len"),
        ("rou", "lou"),
        ("hua", "fua"),
        ("fang", "hang"),
        ("huang", "fuan"),
        ("fang", "han"),
        ("sheng", "sen"),
        ("xing", "xin"),
        ("xiang", "xian"),
        ("guang", "guan"),
        ("zhuang", "zuan"),
        ("ang", "an"),
        ("eng", "en"),
    ];
    let mut failures = Vec::new();
    for (a, b) in pairs {
        if fuzzy_key(a) != fuzzy_key(b) {
            failures.push(format!(
                "{a} ~ {b}: keys {} and {}",
                fuzzy_key(a),
                fuzzy_key(b)
            ));
        }
    }
    let distinct = [
        ("zhong", "zhou"),
        ("long", "lon"),
        ("xiong", "xion"),
        ("ba", "pa"),
        ("ji", "zi"),
        ("an", "ao"),
    ];
    for (a, b) in distinct {
        if fuzzy_key(a) == fuzzy_key(b) {
            failures.push(format!("{a} !~ {b}: both keyed {}", fuzzy_key(a)));
        }
    }
    // Keys are canonical: applying the mapping twice changes nothing.
    for s in syllables() {
        let key = fuzzy_key(s);
        if fuzzy_key(&key) != key {
            failures.push(format!("{s}: key {key} is not a fixed point"));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

#[test]
fn fuzzy_key_expected_values() -> TestResult {
    check(
        &[
            ("zhong", "zong"),
            ("shuang", "suan"),
            ("niang", "lian"),
            ("ri", "li"),
            ("feng", "hen"),
            ("ying", "yin"),
            ("er", "er"),
            ("lanf", "lanf"),
        ],
        fuzzy_key,
    )
}

/// A split as "a b c", prefixes marked with a trailing `-`, fuzzy with `~`.
fn show_split(pieces: &[Piece<'_>]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Full(s) => s.to_string(),
            Piece::Fuzzy(s) => format!("{s}~"),
            Piece::Prefix(s) => format!("{s}-"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn show_splits(splits: &[Vec<Piece<'_>>]) -> Vec<String> {
    splits.iter().map(|s| show_split(s)).collect()
}

/// Fails unless the first splits of `input` are `first` (in order) and the
/// splits include every one of `also`.
fn check_split(fuzzy: bool, input: &str, first: &[&str], also: &[&str]) -> TestResult {
    let splits = if fuzzy {
        split_pinyin_fuzzy(input, 20)
    } else {
        split_pinyin(input, 20)
    };
    let got = show_splits(&splits);
    let head_ok = got.len() >= first.len() && got.iter().zip(first).all(|(g, e)| g == e);
    let also_ok = also.iter().all(|a| got.iter().any(|g| g == a));
    if head_ok && also_ok {
        Ok(())
    } else {
        Err(format!("{input}: expected first {first:?} and also {also:?}, got {got:?}").into())
    }
}

#[test]
fn splits_typed_pinyin() -> TestResult {
    check_split(false, "xian", &["xian", "xi an"], &["xia n-", "xi a n-"])?;
    check_split(false, "xi'an", &["xi an"], &[])?;
    check_split(false, "zsdx", &["z- s- d- x-"], &[])?;
    check_split(false, "zhsdx", &["zh- s- d- x-"], &[])?;
    check_split(false, "zhongshandaxue", &["zhong shan da xue"], &[])?;
    check_split(false, "zhongshanda", &["zhong shan da"], &[])?;
    check_split(false, "zhongshand", &["zhong shan d-"], &[])?;
    check_split(false, "zhong shan da xue", &["zhong shan da xue"], &[])?;
    check_split(false, "zhon", &["zhon-"], &["zho- n-"])?;
    check_split(false, "zongsandaxue", &["zong san da xue"], &[])?;
    check_split(
        false,
        "lanfang",
        &["lan fang", "lan fan g-"],
        &["l- an f- ang"],
    )?;
    check_split(false, "changan", &["chang an", "chan gan"], &[])?;
    check_split(false, "yh", &["y- h-"], &[])?;
    check_split(false, "lvse", &["lv se"], &[])?;
    Ok(())
}

#[test]
fn apostrophes_and_spaces_force_splits() -> TestResult {
    for (input, forbidden) in [("xi'an", "xian"), ("xi an", "xian"), ("fang'an", "fan gan")] {
        let got = show_splits(&split_pinyin(input, 50));
        if got.is_empty() || got.iter().any(|g| g == forbidden) {
            return Err(format!("{input}: got {got:?}, which must not hold {forbidden:?}").into());
        }
    }
    Ok(())
}

#[test]
fn unsplittable_input_yields_nothing() -> TestResult {
    for input in [
        "",
        " ",
        "'",
        "ian",
        "i",
        "zhongshan1",
        "ZSDX",
        "中山",
        "zsdx",
        "v",
    ] {
        let got = split_pinyin(input, 10);
        if got.is_empty() != (input != "zsdx") {
            return Err(format!("{input:?}: got {:?}", show_splits(&got)).into());
        }
    }
    assert!(split_pinyin("zsdx", 0).is_empty());
    Ok(())
}

#[test]
fn fuzzy_splitting_accepts_accented_spellings() -> TestResult {
    check_split(true, "fuadu", &["fua~ du", "fu a du"], &[])?;
    check_split(true, "zongsandaxue", &["zong san da xue"], &[])?;
    check_split(true, "zongsan daxue", &["zong san da xue"], &[])?;
    check_split(true, "lanfang", &["lan fang"], &[])?;
    check_split(true, "huanzhou", &["huan zhou"], &[])?;
    // fuadu's fuzzy keys match 花都 read as hua du.
    let fuadu: Vec<String> = split_pinyin_fuzzy("fuadu", 1)[0]
        .iter()
        .map(|p| fuzzy_key(p.text()))
        .collect();
    let huadu: Vec<String> = readings("花都").iter().map(|r| fuzzy_key(r[0])).collect();
    if fuadu != huadu {
        return Err(format!("fuadu: keys {fuadu:?}, 花都 keys {huadu:?}").into());
    }
    // Without the fuzzy flag, fua is not a piece.
    check_split(false, "fuadu", &["fu a du"], &[])?;
    Ok(())
}

#[test]
fn long_inputs_stay_bounded_and_fast() -> TestResult {
    let inputs = [
        "zhonghuarenmingongheguoguowuyuanbangongting".to_string(),
        "xianxianxianxianxianxianxianxianxianxian".to_string(),
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".to_string(),
        "zsdxzsdxzsdxzsdxzsdxzsdxzsdxzsdxzsdxzsdxzsdxzsdx".to_string(),
        "nanananananananananananananananananananananan".repeat(4),
    ];
    for input in &inputs {
        let started = Instant::now();
        let splits = split_pinyin_fuzzy(input, 32);
        let took = started.elapsed();
        if splits.is_empty() || splits.len() > 32 || took > Duration::from_millis(50) {
            return Err(format!("{input}: {} splits in {took:?}", splits.len()).into());
        }
        for split in &splits {
            let joined: String = split.iter().map(|p| p.text()).collect();
            if joined != input.replace(['\'', ' '], "") {
                return Err(format!("{input}: split {} loses letters", show_split(split)).into());
            }
        }
    }
    Ok(())
}

#[test]
fn splits_are_distinct_and_ordered() -> TestResult {
    for input in ["xian", "zhongshandaxue", "changanjie", "fangan"] {
        let got = show_splits(&split_pinyin(input, 50));
        let mut unique = got.clone();
        unique.sort();
        unique.dedup();
        if unique.len() != got.len() {
            return Err(format!("{input}: duplicate splits in {got:?}").into());
        }
        let pieces: Vec<usize> = got.iter().map(|g| g.split(' ').count()).collect();
        if pieces.windows(2).any(|w| w[0] > w[1]) {
            return Err(format!("{input}: piece counts not ascending: {got:?}").into());
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn readings_never_panic_and_keep_one_entry_per_char(text in "\\PC{0,40}") {
        prop_assert_eq!(readings(&text).len(), text.chars().count());
    }

    #[test]
    fn readings_of_han_text_keep_one_entry_per_char(text in "[\u{4e00}-\u{9fa5}a-z0-9 ]{0,30}") {
        let got = readings(&text);
        prop_assert_eq!(got.len(), text.chars().count());
        for (c, r) in text.chars().zip(&got) {
            prop_assert!(c.is_ascii() == r.is_empty() || !c.is_ascii(), "{} read {:?}", c, r);
        }
    }

    #[test]
    fn split_never_panics(text in "\\PC{0,40}", max in 0usize..40) {
        prop_assert!(split_pinyin(&text, max).len() <= max);
        prop_assert!(split_pinyin_fuzzy(&text, max).len() <= max);
    }

    #[test]
    fn splits_of_letters_cover_the_input(text in "[a-z' ]{0,40}", max in 1usize..20) {
        let letters: String = text.chars().filter(|c| c.is_ascii_lowercase()).collect();
        for split in split_pinyin_fuzzy(&text, max) {
            let joined: String = split.iter().map(|p| p.text()).collect();
            prop_assert_eq!(&joined, &letters);
        }
    }
}

/// The readings shipped in `data/pinyin/` (derived from pypinyin) agree
/// with the independent pinyin crate: every common reading we index for a
/// character is one the crate knows for it too, and every character the
/// crate reads has a reading with us (except the vowelless interjections
/// m, n, ng, hm, hng, dropped on purpose). This guards the derivation script
/// against dropping or mangling readings.
#[test]
fn shipped_readings_agree_with_the_pinyin_crate() {
    use pinyin::ToPinyinMulti;
    const INTERJECTIONS: [&str; 5] = ["m", "n", "ng", "hm", "hng"];
    let mut checked = 0;
    let mut disagreements = Vec::new();
    for code in 0x4e00u32..=0x9fa5 {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let Some(multi) = c.to_pinyin_multi() else {
            continue;
        };
        // ü is written v in our data.
        let known: Vec<String> = multi
            .into_iter()
            .map(|p| p.plain().replace('ü', "v"))
            .collect();
        let ours = chahao::text::pinyin::char_readings(c);
        if known.iter().all(|k| INTERJECTIONS.contains(&k.as_str())) {
            continue;
        }
        checked += 1;
        let missing: Vec<&str> = ours
            .iter()
            .copied()
            .filter(|r| !known.iter().any(|k| k == r))
            .collect();
        if ours.is_empty() || !missing.is_empty() {
            disagreements.push(format!("{c}: ours {ours:?}, crate {known:?}"));
        }
    }
    assert!(checked > 20_000, "only {checked} characters checked");
    assert!(
        disagreements.is_empty(),
        "{} of {checked} characters disagree, e.g.:\n{}",
        disagreements.len(),
        disagreements
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
