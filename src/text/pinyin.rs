//! Pinyin readings (interim: per-character readings from the pinyin crate;
//! word-level readings and query splitting arrive with the full module).

use pinyin::ToPinyinMulti;

/// For each char of `text`, the toneless syllables it may be read as.
pub fn readings(text: &str) -> Vec<Vec<&'static str>> {
    text.chars()
        .map(|c| match c.to_pinyin_multi() {
            Some(multi) => {
                let mut out: Vec<&'static str> = Vec::new();
                for p in multi {
                    let s = p.plain();
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
                out
            }
            None => Vec::new(),
        })
        .collect()
}

/// The initial of a syllable: `zh`/`ch`/`sh`, one consonant, or "" for none.
pub fn initial(syllable: &str) -> &str {
    for two in ["zh", "ch", "sh"] {
        if syllable.starts_with(two) {
            return two;
        }
    }
    match syllable.chars().next() {
        Some(c) if !"aeiouv".contains(c) => &syllable[..c.len_utf8()],
        _ => "",
    }
}

/// The canonical form of a syllable's fuzzy class.
pub fn fuzzy_key(syllable: &str) -> String {
    let ini = initial(syllable);
    let fin = &syllable[ini.len()..];
    let ini = match ini {
        "zh" => "z",
        "ch" => "c",
        "sh" => "s",
        "n" | "r" => "l",
        "f" => "h",
        other => other,
    };
    let fin = fin
        .strip_suffix("ng")
        .filter(|f| f.ends_with(['a', 'e', 'i']))
        .map(|f| format!("{f}n"))
        .unwrap_or_else(|| fin.to_string());
    format!("{ini}{fin}")
}

/// One piece of typed pinyin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A whole syllable.
    Full(String),
    /// The start of a syllable: an initial or a partly typed syllable.
    Prefix(String),
}

static SYLLABLES: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        let mut set = std::collections::HashSet::new();
        for code in 0x4e00u32..=0x9fff {
            if let Some(c) = char::from_u32(code) {
                if let Some(multi) = c.to_pinyin_multi() {
                    for p in multi {
                        set.insert(p.plain());
                    }
                }
            }
        }
        set
    });

/// Returns true if and only if `s` is a whole toneless syllable.
pub fn is_syllable(s: &str) -> bool {
    SYLLABLES.contains(s)
}

/// Every split of `input` into syllables and syllable prefixes, fewest
/// pieces first, at most `max`.
pub fn split_pinyin(input: &str, max: usize) -> Vec<Vec<Piece>> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut stack: Vec<(usize, Vec<Piece>)> = vec![(0, Vec::new())];
    let mut budget = 10_000;
    while let Some((at, pieces)) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            break;
        }
        if at == chars.len() {
            out.push(pieces);
            continue;
        }
        for end in (at + 1..=chars.len().min(at + 6)).rev() {
            let piece: String = chars[at..end].iter().collect();
            let next = if is_syllable(&piece) {
                Piece::Full(piece)
            } else if SYLLABLES.iter().any(|s| s.starts_with(piece.as_str())) {
                Piece::Prefix(piece)
            } else {
                continue;
            };
            let mut p = pieces.clone();
            p.push(next);
            stack.push((end, p));
        }
    }
    out.sort_by_key(|p| (p.len(), p.iter().filter(|x| matches!(x, Piece::Prefix(_))).count()));
    out.truncate(max);
    out
}
