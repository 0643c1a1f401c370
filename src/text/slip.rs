//! One slip in typed pinyin: the rules that say when typed letters may hold
//! a slip (a swap of neighbours, a letter dropped, doubled or wrong) and
//! whether two spellings are one slip apart. The look-up side (which terms
//! of the index are within a slip) and the ranking side (is this name within
//! a slip of what was typed) both ask here.

/// Fewest letters of typed pinyin in which a slip is looked for: in fewer,
/// one edit reaches too many names to tell anything.
pub const MIN_SLIP_LETTERS: usize = 5;

/// Returns true if and only if `typed` (a normalised query part) may be
/// slipped pinyin: lowercase Latin letters only, at least
/// [`MIN_SLIP_LETTERS`] of them.
///
/// ```
/// use chahao::text::slip::may_hold_slip;
/// assert!(may_hold_slip("zhongshnadaxue"));
/// assert!(!may_hold_slip("zsdx"));
/// assert!(!may_hold_slip("中山dx"));
/// ```
pub fn may_hold_slip(typed: &str) -> bool {
    typed.len() >= MIN_SLIP_LETTERS && typed.bytes().all(|b| b.is_ascii_lowercase())
}

/// Damerau edit distance ≤ 1 (one transposition of neighbours counts as
/// one edit).
///
/// ```
/// use chahao::text::slip::within_one_edit;
/// assert!(within_one_edit(b"zhongshan", b"zhongshna"));
/// assert!(within_one_edit(b"zhongshan", b"zhongshan"));
/// assert!(!within_one_edit(b"zhongshan", b"zhonshna"));
/// ```
pub fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[common..], &b[common..]);
    match (a.len(), b.len()) {
        (0, 0) | (1, 0) | (0, 1) => true,
        (x, y) if x == y => {
            a[1..] == b[1..] || (x >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        (x, y) if x == y + 1 => a[1..] == *b,
        (x, y) if x + 1 == y => *a == b[1..],
        _ => false,
    }
}
