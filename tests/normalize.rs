//! Normalisation shared by indexing and querying.
//!
//! Properties proven here:
//! 1. Total: never panics, whatever the input.
//! 2. Idempotent: normalising twice changes nothing.
//! 3. Stable under script: a text and its traditional-character spelling
//!    normalise alike.
//! 4. Stable under width: full-width letters, digits and spaces normalise
//!    like their ASCII forms.
//! 5. Output is case-folded, and has no zero-width character, no leading,
//!    trailing or doubled space.

use chahao::text::normalize;
use proptest::prelude::*;

/// Pairs of (simplified, traditional) chars common in organisation names.
const SCRIPT_PAIRS: &[(char, char)] = &[
    ('学', '學'),
    ('医', '醫'),
    ('院', '院'),
    ('广', '廣'),
    ('东', '東'),
    ('银', '銀'),
    ('行', '行'),
    ('华', '華'),
    ('区', '區'),
    ('门', '門'),
    ('铁', '鐵'),
    ('电', '電'),
    ('话', '話'),
    ('国', '國'),
    ('会', '會'),
    ('报', '報'),
    ('书', '書'),
    ('车', '車'),
    ('站', '站'),
    ('关', '關'),
    ('业', '業'),
    ('务', '務'),
    ('长', '長'),
    ('发', '發'),
    ('农', '農'),
    ('体', '體'),
    ('万', '萬'),
    ('龙', '龍'),
];

fn to_full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
            _ => c,
        })
        .collect()
}

proptest! {
    #[test]
    fn total_and_idempotent(s in any::<String>()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone(), "input {:?}", s);
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
        let invisible = once.chars().any(|c| matches!(c, '\u{200b}'..='\u{200f}' | '\u{feff}'));
        prop_assert!(!invisible, "zero-width left in {:?}", once);
        prop_assert_eq!(once.to_lowercase(), once.clone(), "not case-folded");
    }

    #[test]
    fn stable_under_traditional_script(picks in proptest::collection::vec(0..SCRIPT_PAIRS.len(), 1..12)) {
        let simplified: String = picks.iter().map(|&i| SCRIPT_PAIRS[i].0).collect();
        let traditional: String = picks.iter().map(|&i| SCRIPT_PAIRS[i].1).collect();
        prop_assert_eq!(normalize(&traditional), normalize(&simplified));
    }

    #[test]
    fn stable_under_width(s in "[A-Za-z0-9 ()\\-]{0,30}") {
        prop_assert_eq!(normalize(&to_full_width(&s)), normalize(&s));
    }
}

#[test]
fn examples_from_the_directory() {
    let cases = [
        ("中山大學附屬第一醫院", "中山大学附属第一医院"),
        ("ＺＳＤＸ", "zsdx"),
        ("中国工商銀行（天河支行）", "中国工商银行 天河支行"),
        ("Sun Yat-sen University", "sun yat sen university"),
        ("广州\u{200b}塔", "广州塔"),
        ("７天酒店", "7天酒店"),
    ];
    for (input, want) in cases {
        assert_eq!(normalize(input), want, "input {input:?}");
    }
}
