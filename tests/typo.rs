//! One slip in a long typed pinyin name.
//!
//! Properties proven here:
//! 1. A slip (two neighbours swapped, a letter doubled or dropped) anywhere
//!    in a name's full pinyin, near the start, in the middle or past the
//!    twentieth letter (the longest indexed pinyin prefix), still finds the
//!    listing among the first five, although the start alone is shared by
//!    thousands of names (`guangzhoushihuaduqu…`).
//! 2. The name whose whole pinyin is within the slip ranks above the longer
//!    names that merely start that way (`zhongshnadaxue` → 中山大学 before
//!    中山大学附属第一医院).

mod common;

use chahao::gen::Generator;
use chahao::model::Listing;
use chahao::search::{search, Filters, MatchKind};
use chahao::text::{normalize, pinyin};

/// The first reading of every char of a name, run together.
fn spelled(name: &str) -> String {
    let compact = normalize(name).replace(' ', "");
    pinyin::readings(&compact)
        .iter()
        .filter_map(|r| r.first().copied())
        .collect()
}

/// `text` with one slip at byte `at`: the letters at `at` and `at + 1`
/// swapped, the letter at `at` doubled, or dropped.
fn slip(text: &str, at: usize, how: usize) -> String {
    let mut b = text.as_bytes().to_vec();
    match how {
        0 => b.swap(at, at + 1),
        1 => b.insert(at, b[at]),
        _ => {
            b.remove(at);
        }
    }
    String::from_utf8(b).expect("ASCII stays ASCII")
}

#[test]
fn a_slip_anywhere_in_long_pinyin_finds_the_listing() -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let listings: Vec<Listing> = Generator::new(4_242).take(20_000).collect();
    let dir = common::build_index(tmp.path(), &listings)?;
    let targets: Vec<(&Listing, String)> = listings
        .iter()
        .filter(|l| l.listed && l.department.is_none())
        .map(|l| (l, spelled(&l.name)))
        // Han names only: a digit or letter in a name is typed as itself.
        .filter(|(l, s)| {
            s.len() >= 28 && l.name.chars().all(|c| !pinyin::char_readings(c).is_empty())
        })
        .step_by(23)
        .take(60)
        .collect();
    assert!(targets.len() >= 40, "only {} long names", targets.len());
    let mut tried = 0;
    let mut misses = Vec::new();
    for (i, (listing, pinyin)) in targets.iter().enumerate() {
        // Only the typed start of the name, as an operator stops typing.
        let typed = &pinyin[..pinyin.len().min(34)];
        for at in [6, 15, typed.len() - 5] {
            let query = slip(typed, at, (i + at) % 3);
            let hits = search(&dir, &query, 10, &Filters::default())?;
            tried += 1;
            // Any name that starts with what was meant is a fair answer:
            // the typed start may be shared (中国工商银行广州… branches).
            let found = hits
                .iter()
                .take(5)
                .any(|h| spelled(&h.listing.name).starts_with(typed));
            if !found {
                misses.push(format!("{query} ({})", listing.name));
            }
        }
    }
    // The slip may make another real name's pinyin, which then fairly
    // ranks first: allow a few in a hundred.
    assert!(
        misses.len() * 100 <= tried * 3,
        "{} of {tried} slipped queries missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
    Ok(())
}

#[test]
fn the_whole_name_within_a_slip_ranks_first() -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let mut listings: Vec<Listing> = Generator::new(11).take(3_000).collect();
    for (id, name, weight) in [
        ("T-1", "中山大学", 10.0),
        ("T-2", "中山大学附属第一医院", 900.0),
        ("T-3", "中山大学孙逸仙纪念医院", 800.0),
    ] {
        let mut l = listings[0].clone();
        l.id = id.to_string();
        l.name = name.to_string();
        l.aliases.clear();
        l.parent_id = None;
        l.department = None;
        l.listed = true;
        l.weight = weight;
        listings.push(l);
    }
    let dir = common::build_index(tmp.path(), &listings)?;
    for query in ["zhongshnadaxue", "zhongshandaxeu", "zhongshanddaxue"] {
        let hits = search(&dir, query, 10, &Filters::default())?;
        let first = hits.first().ok_or(format!("{query} found nothing"))?;
        assert_eq!(first.listing.name, "中山大学", "{query}");
        assert!(hits.len() >= 3, "{query}: the hospitals are typo hits too");
        assert_eq!(first.kind, MatchKind::Typo);
    }
    Ok(())
}

/// A slipped `guangzhou` is read as the slip it is, not as syllables and
/// initials in turn (`guang h z ou`) that happen to spell another name.
#[test]
fn syllables_and_initials_in_turn_are_not_a_reading() -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let listing = |id: &str, name: &str| -> Listing {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "phones": [{"number": "020-87000000"}], "weight": 10.0
        }))
        .expect("a valid listing")
    };
    let listings = vec![
        listing("A", "广州贸易公司"),
        listing("B", "广和子欧贸易公司"),
    ];
    let dir = common::build_index(tmp.path(), &listings)?;
    let hits = search(&dir, "guanghzoumaoyi", 10, &Filters::default())?;
    let ids: Vec<&str> = hits.iter().map(|h| h.listing.id.as_str()).collect();
    assert_eq!(
        ids,
        ["A"],
        "{:?}",
        hits.iter()
            .map(|h| (&h.listing.name, h.kind))
            .collect::<Vec<_>>()
    );
    assert_eq!(hits[0].kind, MatchKind::Typo);
    Ok(())
}
