//! The evaluation arithmetic on a toy directory:
//! 1. a right answer first counts for hit@1, hit@5 and a reciprocal rank of 1;
//! 2. a right answer at rank r counts 1/r, and for hit@5 only when r ≤ 5;
//! 3. a query with no right answer in the top 10 counts 0 everywhere;
//! 4. any id of `expect` counts as right;
//! 5. keystrokes to top-1 are the fewest chars typed from the start that
//!    put the target first, and "never" when the whole string does not;
//! 6. the simulator is deterministic for a seed and writes every form it can.

mod common;

use chahao::eval::{self, keystrokes, measure, Form, LabelledQuery, Tally};
use chahao::model::{Listing, ListingPhone};

fn listing(id: &str, name: &str, weight: f64) -> Listing {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": name, "weight": weight,
        "phones": [{"number": format!("020-8775{:04}", id.len() * 1000 + name.chars().count())}],
    }))
    .expect("a valid listing")
}

fn q(query: &str, form: Form, expect: &[&str]) -> LabelledQuery {
    LabelledQuery {
        query: query.to_string(),
        form,
        expect: expect.iter().map(|s| s.to_string()).collect(),
        note: None,
    }
}

#[test]
fn tally_counts_hits_and_reciprocal_ranks() {
    let mut t = Tally::default();
    t.add(Some(1));
    t.add(Some(4));
    t.add(Some(8));
    t.add(None);
    assert_eq!((t.n, t.hit1, t.hit5), (4, 1, 2));
    assert!((t.mrr() - (1.0 + 0.25 + 0.125) / 4.0).abs() < 1e-12);
    assert_eq!(t.hit1_rate(), 0.25);
    assert_eq!(t.hit5_rate(), 0.5);
    assert_eq!(Tally::default().mrr(), 1.0, "no query, nothing missed");
}

#[test]
fn measure_ranks_the_first_right_answer() -> chahao::Result<()> {
    let mut listings = vec![
        listing("A", "中山大学", 100.0),
        listing("B", "中山大学附属第一医院", 10.0),
        listing("C", "广州南站", 50.0),
    ];
    listings[0].phones = vec![ListingPhone {
        number: "020-84112828".into(),
        label: None,
    }];
    let tmp = tempfile::tempdir().map_err(chahao::Error::io("temp dir"))?;
    let dir = common::build_index(tmp.path(), &listings)?;
    let set = vec![
        q("广州南站", Form::FullName, &["C"]),
        q("中山大学", Form::FullName, &["B", "A"]),
        q("84112828", Form::ReverseNumber, &["A"]),
        q("完全无关的东西", Form::Prefix, &["A"]),
    ];
    let m = measure(&dir, &set)?;
    assert_eq!(m.outcomes[0].rank, Some(1));
    assert_eq!(m.outcomes[1].rank, Some(1), "any expected id counts");
    assert_eq!(m.outcomes[2].rank, Some(1));
    assert_eq!(m.outcomes[3].rank, None);
    assert_eq!(m.overall.n, 4);
    assert_eq!(m.overall.hit1, 3);
    assert_eq!(m.by_form[&Form::FullName].n, 2);
    assert_eq!(m.by_form[&Form::Prefix].mrr(), 0.0);
    assert!(m.unknown_ids.is_empty());

    let unknown = measure(&dir, &[q("中山", Form::Prefix, &["NOPE"])])?;
    assert_eq!(unknown.unknown_ids, ["NOPE"]);
    Ok(())
}

#[test]
fn keystrokes_count_chars_until_the_target_is_first() -> chahao::Result<()> {
    let listings = vec![
        listing("A", "中山大学", 100.0),
        listing("B", "中山大学附属第一医院", 10.0),
        listing("C", "广州南站", 50.0),
    ];
    let tmp = tempfile::tempdir().map_err(chahao::Error::io("temp dir"))?;
    let dir = common::build_index(tmp.path(), &listings)?;
    let set = vec![
        q("广州南站", Form::FullName, &["C"]),
        q("中山大学附属", Form::Prefix, &["B"]),
    ];
    let k = keystrokes(&dir, &set, None)?;
    assert_eq!(k.name.targets, 2);
    // Each step is checked against the engine itself: the count is the
    // first prefix whose top hit is the target.
    for (id, counts) in &k.per_target {
        let target = dir.listing(id)?.expect("target exists");
        let forms = keystrokes::typed_forms(&target.name);
        for (typed, count) in forms.iter().zip(counts) {
            let first = (1..=typed.chars().count()).find(|&n| {
                let prefix: String = typed.chars().take(n).collect();
                chahao::search::search(&dir, &prefix, 1, &Default::default())
                    .map(|h| h.first().is_some_and(|h| &h.listing.id == id))
                    .unwrap_or(false)
            });
            assert_eq!(*count, first, "{id} typing {typed}");
        }
    }
    let c = &k.per_target[0];
    assert_eq!(c.0, "C");
    assert!(c.1[0].is_some_and(|n| n <= 4));
    assert!(k.name.mean() >= 1.0);
    assert_eq!(
        k.name.never_share(),
        (k.name.targets - k.name.reached) as f64 / k.name.targets as f64
    );
    Ok(())
}

#[test]
fn the_simulator_is_deterministic_and_covers_the_forms() -> chahao::Result<()> {
    let listings = eval::directory(3_000, 114)?;
    let a = eval::simulate(&listings, 180, 7);
    let b = eval::simulate(&listings, 180, 7);
    assert_eq!(a, b);
    let forms: std::collections::BTreeSet<Form> = a.iter().map(|q| q.form).collect();
    assert!(forms.len() >= 16, "forms written: {forms:?}");
    let ids: std::collections::HashSet<&str> = listings.iter().map(|l| l.id.as_str()).collect();
    for q in &a {
        assert!(!q.expect.is_empty() && q.expect.len() <= 3, "{q:?}");
        assert!(q.expect.iter().all(|id| ids.contains(id.as_str())), "{q:?}");
    }
    Ok(())
}

#[test]
fn the_shipped_sets_are_well_formed() -> chahao::Result<()> {
    let generated = eval::read_queries("tests/queries/generated.jsonl".as_ref())?;
    let handwritten = eval::read_queries("tests/queries/handwritten.jsonl".as_ref())?;
    assert!(generated.len() >= 1_000);
    assert!(handwritten.len() >= 100);
    for form in Form::ALL {
        let n = generated.iter().filter(|q| q.form == form).count();
        assert!(n >= 40, "{form}: {n} generated queries");
    }
    assert!(handwritten.iter().all(|q| q.note.is_some()));
    Ok(())
}
