//! Exact and prefix name queries on a built index of the generated city
//! directory and the nationwide hotlines.
//!
//! Properties proven here:
//! 1. Typing a listing's whole name puts a listing of that name first
//!    (several listings may share a name: a hospital and its departments;
//!    then the main listing comes first).
//! 2. Typing the start of a name puts a listing whose name starts that way
//!    first, and the named listing is among the hits when few names share
//!    the start.
//! 3. Ex-directory listings are found by no query, not even their exact
//!    name or number.
//! 4. A query that matches nothing returns nothing.

mod common;

use std::collections::HashMap;

use chahao::gen::Generator;
use chahao::model::{Listing, PhoneNumber};
use chahao::search::{search, Filters, Hit};

fn names(hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            format!(
                "{}{}",
                h.listing.name,
                h.listing
                    .department
                    .as_deref()
                    .map(|d| format!("·{d}"))
                    .unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn exact_and_prefix_queries_put_the_named_listing_first() -> Result<(), Box<dyn std::error::Error>>
{
    let tmp = tempfile::tempdir()?;
    let mut listings: Vec<Listing> = common::read_jsonl("data/hotlines.jsonl");
    listings.extend(Generator::new(20_26).take(20_000));
    let dir = common::build_index(tmp.path(), &listings)?;
    let filters = Filters::default();

    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for l in listings.iter().filter(|l| l.listed) {
        *by_name.entry(l.name.as_str()).or_default() += 1;
    }
    // Every 37th listed main listing: a spread over all kinds.
    let sample: Vec<&Listing> = listings
        .iter()
        .filter(|l| l.listed && l.department.is_none())
        .step_by(37)
        .collect();
    assert!(sample.len() > 400);
    let mut failures = Vec::new();
    for target in &sample {
        let hits = search(&dir, &target.name, 10, &filters)?;
        let ok = hits.first().is_some_and(|h| h.listing.name == target.name)
            && hits.iter().any(|h| h.listing.id == target.id);
        if !ok {
            failures.push(format!(
                "exact {:?} ({}): got {:?}",
                target.name,
                target.id,
                names(&hits)
            ));
        }
        let chars: Vec<char> = target.name.chars().collect();
        if chars.len() >= 4 {
            let prefix: String = chars[..chars.len() * 2 / 3].iter().collect();
            let hits = search(&dir, &prefix, 10, &filters)?;
            let sharing = by_name
                .keys()
                .filter(|n| n.starts_with(prefix.as_str()))
                .count();
            // The first hit starts with what was typed, or is what was
            // typed as a whole alias (广州农商银行 is the alias of
            // 广州农村商业银行股份有限公司).
            let first_ok = hits.first().is_some_and(|h| {
                h.listing.name.starts_with(prefix.as_str()) || h.listing.aliases.contains(&prefix)
            });
            let found = hits.iter().any(|h| h.listing.id == target.id);
            if !first_ok || (sharing <= 5 && !found) {
                failures.push(format!(
                    "prefix {prefix:?} of {:?} ({sharing} names share it): got {:?}",
                    target.name,
                    names(&hits)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures of {}:\n{}",
        failures.len(),
        sample.len(),
        failures.join("\n")
    );
    Ok(())
}

#[test]
fn ex_directory_listings_are_never_found() -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let listings: Vec<Listing> = Generator::new(7).take(5_000).collect();
    let dir = common::build_index(tmp.path(), &listings)?;
    let hidden: Vec<&Listing> = listings.iter().filter(|l| !l.listed).collect();
    assert!(!hidden.is_empty());
    for l in hidden {
        let number = PhoneNumber::parse(&l.phones[0].number)?;
        for q in [
            l.name.clone(),
            number.digits().to_string(),
            number.local_number().to_string(),
        ] {
            let hits = search(&dir, &q, 50, &Filters::default())?;
            assert!(
                hits.iter()
                    .all(|h| h.listing.listed && h.listing.id != l.id),
                "query {q:?} revealed ex-directory {}: {:?}",
                l.id,
                names(&hits)
            );
        }
    }
    Ok(())
}

#[test]
fn nonsense_finds_nothing() -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let listings: Vec<Listing> = common::read_jsonl("data/hotlines.jsonl");
    let dir = common::build_index(tmp.path(), &listings)?;
    for q in ["qqqqqqxq", "鑫鑫鑫鑫鑫鑫", "99999999999"] {
        let hits = search(&dir, q, 10, &Filters::default())?;
        assert!(hits.is_empty(), "{q:?} found {:?}", names(&hits));
    }
    let hits = search(&dir, "工行", 10, &Filters::default())?;
    assert_eq!(
        hits.first().map(|h| h.listing.id.as_str()),
        Some("CN-95588")
    );
    let hits = search(&dir, "95588", 10, &Filters::default())?;
    assert_eq!(
        hits.first().map(|h| h.listing.id.as_str()),
        Some("CN-95588")
    );
    assert!(search(&dir, "", 10, &Filters::default()).is_err());
    Ok(())
}

/// A query of several words: found as typed, its words' sound-alikes are
/// not looked for (they would rank below); a misheard word is still found
/// by its sound when nothing matches as typed.
#[test]
fn words_of_several_parts_by_sound_only_when_not_found_as_typed(
) -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let listing = |id: &str, name: &str, district: &str| -> Listing {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "district": district, "category": "医院",
            "phones": [{"number": "020-87000000"}], "weight": 10.0
        }))
        .expect("a valid listing")
    };
    let listings = vec![
        listing("A", "广州市天河区中医医院", "天河区"),
        listing("B", "广州市天河区忠义医院", "天河区"),
        listing("C", "广州市越秀区中医医院", "越秀区"),
    ];
    let dir = common::build_index(tmp.path(), &listings)?;
    let ids = |q: &str| -> Result<Vec<String>, chahao::Error> {
        Ok(search(&dir, q, 10, &Filters::default())?
            .into_iter()
            .map(|h| h.listing.id)
            .collect())
    };
    // As typed: the 中医 of Tianhe, not the 忠义 that sounds like it.
    assert_eq!(ids("天河 中医")?, ["A"]);
    // 中衣 is in no name: by its sound, both of Tianhe, never Yuexiu's.
    let misheard = ids("天河 中衣")?;
    assert!(
        misheard.contains(&"A".to_string()) && misheard.contains(&"B".to_string()),
        "{misheard:?}"
    );
    assert!(!misheard.contains(&"C".to_string()), "{misheard:?}");
    Ok(())
}
