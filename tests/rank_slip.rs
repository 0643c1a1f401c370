//! The slip rules the ranking and the look-up share: when typed letters may
//! hold a slip, and whether two spellings are one slip apart.
//!
//! Properties proven here:
//! 1. Two equal spellings are within one edit, the empty ones too.
//! 2. Two neighbours swapped are one edit (at the start, in the middle, at
//!    the end), but two letters further apart swapped are not.
//! 3. A letter dropped or added anywhere is one edit, either way round.
//! 4. One wrong letter is one edit.
//! 5. Two edits of any kind (two swaps, a swap and a wrong letter, two
//!    letters dropped or added, two wrong letters) are refused.
//! 6. Against the empty spelling only one letter is one edit.
//! 7. Typed letters may hold a slip only when they are at least five
//!    lowercase Latin letters: fewer, or any digit, Han char, space or
//!    capital, and no slip is looked for.

use chahao::text::slip::{may_hold_slip, within_one_edit};

/// Both ways round: the rule is symmetric.
fn one_edit(a: &str, b: &str) -> bool {
    let there = within_one_edit(a.as_bytes(), b.as_bytes());
    let back = within_one_edit(b.as_bytes(), a.as_bytes());
    assert_eq!(there, back, "{a:?} / {b:?} is not symmetric");
    there
}

#[test]
fn equal_spellings_are_within_one_edit() {
    assert!(one_edit("zhongshandaxue", "zhongshandaxue"));
    assert!(one_edit("a", "a"));
    assert!(one_edit("", ""));
}

#[test]
fn a_swap_of_neighbours_is_one_edit() {
    // 中山 typed with the last two letters swapped, the first two, and two
    // in the middle.
    assert!(one_edit("zhongshan", "zhongshna"));
    assert!(one_edit("zhongshan", "hzongshan"));
    assert!(one_edit("zhongshandaxue", "zhongshnadaxue"));
    assert!(one_edit("zhongshandaxue", "zhongshandaxeu"));
    assert!(one_edit("ab", "ba"));
}

#[test]
fn a_swap_of_letters_apart_is_not_one_edit() {
    // n and a with h between them: two wrong letters.
    assert!(!one_edit("zhongshan", "zhongsnah"));
    assert!(!one_edit("abc", "cba"));
}

#[test]
fn a_letter_dropped_or_added_is_one_edit() {
    // baiyun (白云) with a letter dropped at the start, in the middle, at
    // the end.
    assert!(one_edit("baiyun", "aiyun"));
    assert!(one_edit("baiyun", "bayun"));
    assert!(one_edit("baiyun", "baiyu"));
    // ... and with a letter doubled or added.
    assert!(one_edit("baiyun", "baaiyun"));
    assert!(one_edit("baiyun", "baiyunn"));
    assert!(one_edit("baiyun", "xbaiyun"));
}

#[test]
fn a_wrong_letter_is_one_edit() {
    assert!(one_edit("huagong", "huagont"));
    assert!(one_edit("huagong", "juagong"));
    assert!(one_edit("huagong", "huaging"));
}

#[test]
fn two_edits_are_refused() {
    // Two swaps.
    assert!(!one_edit("zhongshan", "hzongshna"));
    // A swap and a wrong letter.
    assert!(!one_edit("zhongshan", "zhonshna"));
    assert!(!one_edit("zhongshan", "zhongshnb"));
    // Two letters dropped, together or apart.
    assert!(!one_edit("baiyun", "baiy"));
    assert!(!one_edit("baiyun", "aiyn"));
    // Two letters added.
    assert!(!one_edit("baiyun", "baiyunxx"));
    assert!(!one_edit("baiyun", "bbaiyunn"));
    // A letter dropped and one wrong.
    assert!(!one_edit("huagong", "huagin"));
    // Two wrong letters.
    assert!(!one_edit("huagong", "hiagont"));
}

#[test]
fn against_the_empty_spelling_only_one_letter_is_one_edit() {
    assert!(one_edit("", "a"));
    assert!(!one_edit("", "ab"));
    assert!(!one_edit("", "zhongshan"));
}

#[test]
fn only_five_lowercase_letters_or_more_may_hold_a_slip() {
    assert!(may_hold_slip("baiyu"));
    assert!(may_hold_slip("zhongshnadaxue"));
    // Four letters: one edit reaches too many names.
    assert!(!may_hold_slip("zsdx"));
    assert!(!may_hold_slip("huag"));
    assert!(!may_hold_slip(""));
    // Anything but lowercase Latin letters.
    assert!(!may_hold_slip("中山daxue"));
    assert!(!may_hold_slip("zhong shan"));
    assert!(!may_hold_slip("Zhongshan"));
    assert!(!may_hold_slip("baiyun2"));
    assert!(!may_hold_slip("中山大学附属"));
}
