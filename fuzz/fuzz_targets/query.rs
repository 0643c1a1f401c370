//! What an operator types, through everything that needs no index:
//! normalisation, the index keys of the same text, query understanding, the
//! planned tantivy queries, and the ranking stage's check of a listing.
//!
//! 1. `normalize` is idempotent, trimmed, has no double spaces; `compact`
//!    is it without spaces; `compact_with_map` maps every char it keeps to
//!    a char of the input, in order.
//! 2. `understand` is total: it errs exactly for an over-long query or one
//!    that normalises to nothing; otherwise its parts are non-empty, have
//!    no spaces, start with their literal derivation, and a number it finds
//!    is `normalize_digits` of the query, of at least 3 digits.
//! 3. The key functions (prefix keys, name keys, word pairs, short names)
//!    and the planner accept every understood query.
//! 4. A listing named exactly what was typed is judged a match, and every
//!    hit's highlights lie inside the listing's name.
#![no_main]

use std::sync::OnceLock;

use chahao::index::schema::build_schema;
use chahao::index::Fields;
use chahao::model::phone::normalize_digits;
use chahao::model::Listing;
use chahao::search::understand::{understand, MAX_QUERY_CHARS};
use chahao::search::{plan, rank, Filters, MatchKind};
use chahao::text::keys::{
    is_derived_short_name, name_keys, name_words, prefix_keys, word_pair_keys, ANCHOR,
};
use chahao::text::normalize;
use chahao::text::normalize::{compact, compact_with_map};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    fields: Fields,
    listings: Vec<Listing>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| Fixture {
        fields: build_schema().1,
        listings: include_str!("../../tests/fixture/directory.jsonl")
            .lines()
            .map(|l| serde_json::from_str(l).expect("fixture listing"))
            .collect(),
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(query) = std::str::from_utf8(bytes) else {
        return;
    };
    let fixture = fixture();

    let normalized = normalize(query);
    assert_eq!(
        normalize(&normalized),
        normalized,
        "not idempotent: {query:?}"
    );
    assert_eq!(normalized.trim(), normalized);
    assert!(!normalized.contains("  "));
    let compacted = compact(query);
    assert_eq!(compacted, normalized.replace(' ', ""));
    let (mapped, map) = compact_with_map(query);
    assert_eq!(mapped.chars().count(), map.len());
    assert!(map.windows(2).all(|w| w[0] <= w[1]));
    assert!(map.iter().all(|i| *i < query.chars().count()));
    assert!(!mapped.contains(' '));

    let keys = prefix_keys(&normalized);
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    let positions = name_keys(&normalized);
    assert_eq!(
        positions.first().map(|(p, k)| (*p, k.as_str())),
        Some((0, ANCHOR))
    );
    assert!(positions
        .iter()
        .all(|(p, _)| *p <= compacted.chars().count()));
    word_pair_keys(&normalized);
    is_derived_short_name(&compacted, &name_words(&normalized));

    let understood = match understand(query) {
        Err(reason) => {
            assert!(
                query.chars().count() > MAX_QUERY_CHARS || normalized.is_empty(),
                "{query:?} refused: {reason}"
            );
            return;
        }
        Ok(u) => u,
    };
    assert!(query.chars().count() <= MAX_QUERY_CHARS && !normalized.is_empty());
    assert_eq!(understood.normalized, normalized);
    assert!(!understood.parts.is_empty());
    for part in &understood.parts {
        assert!(
            !part.text.is_empty() && !part.text.contains(' '),
            "{part:?}"
        );
        let literal = &part.derivations[0];
        assert_eq!(literal.kind, MatchKind::Literal);
        assert_eq!(literal.keys.len(), part.text.chars().count());
        assert!(
            part.derivations.iter().all(|d| !d.keys.is_empty()),
            "{part:?}"
        );
    }
    if let Some(digits) = &understood.number {
        assert!(digits.len() >= 3);
        assert_eq!(Some(digits), normalize_digits(query).as_ref());
    }

    let filters = Filters::default();
    assert!(plan::plan(&fixture.fields, &understood, &filters).is_some());
    plan::probes(&fixture.fields, &understood, &filters);
    plan::prefix_terms(&fixture.fields, &understood);

    for listing in &fixture.listings {
        if let Some(hit) = rank::judge(listing.clone(), &[], &understood) {
            check_highlights(&hit.listing.name, &hit.highlights, query);
        }
    }
    // Typed exactly as the name is written, the name matches; char by char
    // normalisation can only see it when it agrees with normalising the
    // whole text (it does not across NFKC compositions and the phrases of
    // the traditional → simplified table).
    if mapped == compacted {
        let named = Listing {
            name: query.to_string(),
            ..fixture.listings[0].clone()
        };
        let hit = rank::judge(named, &[], &understood);
        let hit = hit.unwrap_or_else(|| panic!("a listing named {query:?} does not match it"));
        check_highlights(query, &hit.highlights, query);
    }
});

fn check_highlights(name: &str, highlights: &[(usize, usize)], query: &str) {
    let chars = name.chars().count();
    for &(from, to) in highlights {
        assert!(
            from < to && to <= chars,
            "{query:?} highlights {from}..{to} of {name:?} ({chars} chars)"
        );
    }
}
