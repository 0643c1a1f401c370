//! Normalisation of every piece of text that is indexed or typed: the one
//! place where width, script, case and punctuation are folded, so that a
//! listing written one way is found when typed another way.
//!
//! The steps, in order: Unicode NFKC (full-width → half-width, compatibility
//! forms), traditional → simplified Chinese, lower case, removal of
//! zero-width and control characters, punctuation and symbols turned into a
//! space, runs of white space collapsed to one space, trimmed.

use unicode_normalization::UnicodeNormalization;

/// Returns the normalised form of `text`.
///
/// ```
/// use chahao::text::normalize;
/// assert_eq!(normalize("中山大學　ＺＳＤＸ"), "中山大学 zsdx");
/// assert_eq!(normalize("广州酒家（体育东店）"), "广州酒家 体育东店");
/// assert_eq!(normalize("  Sun Yat-sen University "), "sun yat sen university");
/// assert_eq!(normalize("广州\u{200b}塔"), "广州塔");
/// ```
pub fn normalize(text: &str) -> String {
    let once = normalize_once(text);
    // Case folding and script conversion can, for a handful of exotic code
    // points, produce text that NFKC maps further; a second pass reaches the
    // fixed point, which keeps `normalize` idempotent.
    let twice = normalize_once(&once);
    if twice == once {
        once
    } else {
        twice
    }
}

/// Returns the normalised form of `text` with every space removed: the key
/// under which a name is matched character by character.
///
/// ```
/// use chahao::text::normalize::compact;
/// assert_eq!(compact("中山 大學"), "中山大学");
/// ```
pub fn compact(text: &str) -> String {
    without_spaces(&normalize(text))
}

/// Drops the spaces of text that is normalised already: the compact form
/// of a normalised name.
///
/// ```
/// use chahao::text::normalize::without_spaces;
/// assert_eq!(without_spaces("中山 大学"), "中山大学");
/// ```
pub fn without_spaces(normalized: &str) -> String {
    normalized.chars().filter(|c| *c != ' ').collect()
}

/// Normalises `text` char by char and drops spaces, returning the compact
/// form and, for each of its chars, the index of the char of `text` it came
/// from: how a match on the normalised name is highlighted on the name as
/// written.
///
/// ```
/// use chahao::text::normalize::compact_with_map;
/// let (compact, map) = compact_with_map("广州 (天河)");
/// assert_eq!(compact, "广州天河");
/// assert_eq!(map, vec![0, 1, 4, 5]);
/// ```
pub fn compact_with_map(text: &str) -> (String, Vec<usize>) {
    let mut compact = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    CHAR_FORMS.with_borrow_mut(|forms| {
        if forms.len() > MAX_CHAR_FORMS {
            forms.clear();
        }
        for (index, c) in text.chars().enumerate() {
            let form = forms.entry(c).or_insert_with(|| {
                let mut buf = [0u8; 4];
                without_spaces(&normalize(c.encode_utf8(&mut buf))).into()
            });
            for n in form.chars() {
                compact.push(n);
                map.push(index);
            }
        }
    });
    (compact, map)
}

/// Most chars whose normal form a thread keeps (far more than a
/// directory's names use; past it, the memo starts again).
const MAX_CHAR_FORMS: usize = 65_536;

thread_local! {
    /// The normal form of each char met so far: ranking maps the name of
    /// every candidate char by char, and most names share their chars.
    static CHAR_FORMS: std::cell::RefCell<std::collections::HashMap<char, Box<str>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

fn normalize_once(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    let simplified = fast2s::convert(&nfkc);
    let mut out = String::with_capacity(simplified.len());
    let mut pending_space = false;
    for c in simplified.chars().flat_map(char::to_lowercase) {
        match classify(c) {
            CharClass::Drop => {}
            CharClass::Separator => pending_space = !out.is_empty(),
            CharClass::Keep => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
            }
        }
    }
    out
}

enum CharClass {
    Keep,
    Separator,
    Drop,
}

fn classify(c: char) -> CharClass {
    if is_invisible(c) {
        CharClass::Drop
    } else if c.is_alphanumeric() {
        CharClass::Keep
    } else if c.is_whitespace() || c.is_ascii_punctuation() || is_separator_symbol(c) {
        CharClass::Separator
    } else if c.is_control() {
        CharClass::Drop
    } else {
        // Combining marks and anything else that is not a letter or digit
        // carries no meaning for look-up but must not glue words together.
        CharClass::Separator
    }
}

/// Zero-width and formatting characters that show nothing on screen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{034f}'
    )
}

/// Punctuation and symbols outside ASCII (CJK brackets, middle dots, ...).
fn is_separator_symbol(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_control() && !is_invisible(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_script_case_and_punctuation() {
        let cases = [
            ("中山大學附屬第一醫院", "中山大学附属第一医院"),
            ("ＺＳＤＸ", "zsdx"),
            ("０２０－８７７５５７６６", "020 87755766"),
            ("中国工商银行·广州分行", "中国工商银行 广州分行"),
            ("【广州塔】", "广州塔"),
            ("a\u{200b}b", "ab"),
            ("\u{feff}广州", "广州"),
            ("  多个   空格 ", "多个 空格"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "input {input:?}");
        }
    }
}
