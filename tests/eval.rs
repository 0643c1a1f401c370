//! The evaluation arithmetic on a toy directory:
//! 1. a right answer first counts for hit@1, hit@5 and a reciprocal rank of 1;
//! 2. a right answer at rank r counts 1/r, and for hit@5 only when r ≤ 5;
//! 3. a query with no right answer in the top 10 counts 0 everywhere;
//! 4. any id of `expect` counts as right;
//! 5. keystrokes to top-1 are the fewest chars typed from the start that
//!    put the target first, and "never" when the whole string does not;
//! 6. the simulator is deterministic for a seed and writes every form it can;
//! 7. the compound forms are written apart from the single ones, each looking
//!    as its rule says.

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
    let compound = eval::read_queries("tests/queries/compound.jsonl".as_ref())?;
    assert!(compound.len() >= 1_120);
    for form in Form::COMPOUND {
        let n = compound.iter().filter(|q| q.form == form).count();
        assert!(n >= 160, "{form}: {n} compound queries");
    }
    assert!(compound.iter().all(|q| Form::COMPOUND.contains(&q.form)));
    Ok(())
}

#[test]
fn the_form_lists_are_the_table() {
    let every: Vec<Form> = Form::ALL.iter().chain(&Form::COMPOUND).copied().collect();
    assert_eq!(every, Form::EVERY);
    for form in Form::EVERY {
        assert_eq!(Form::from_name(form.as_str()), Some(form));
        let json = serde_json::to_string(&form).expect("a form serialises");
        assert_eq!(json, format!("\"{}\"", form.as_str()));
    }
    assert_eq!(Form::NameDeptInitials.as_str(), "name_dept_initials");
}

/// The compact form the simulator compares names in.
fn compact(text: &str) -> String {
    chahao::text::normalize::compact(text)
}

#[test]
fn the_compound_forms_are_written_apart_and_as_their_rules_say() -> chahao::Result<()> {
    let listings = eval::directory(3_000, 114)?;
    // The single forms are what they were: the compound ones draw nothing
    // from their run.
    assert_eq!(
        eval::simulate(&listings, 90, 7),
        eval::simulate_forms(&listings, 90, 7, &Form::ALL)
    );
    let a = eval::simulate_forms(&listings, 140, 7, &Form::COMPOUND);
    assert_eq!(a, eval::simulate_forms(&listings, 140, 7, &Form::COMPOUND));
    assert_ne!(a, eval::simulate_forms(&listings, 140, 8, &Form::COMPOUND));

    let by_id: std::collections::HashMap<&str, &Listing> =
        listings.iter().map(|l| (l.id.as_str(), l)).collect();
    let listed: Vec<&Listing> = listings.iter().filter(|l| l.listed).collect();
    for form in Form::COMPOUND {
        let n = a.iter().filter(|q| q.form == form).count();
        assert!(n >= 10, "{form}: {n} queries");
    }
    for q in &a {
        assert!(!q.expect.is_empty() && q.expect.len() <= 3, "{q:?}");
        let expect: Vec<&Listing> = q.expect.iter().map(|id| by_id[id.as_str()]).collect();
        let target = expect[0];
        let department_form = matches!(
            q.form,
            Form::NameDept | Form::AliasDept | Form::NameDeptPinyin | Form::NameDeptInitials
        );
        assert!(
            expect
                .iter()
                .all(|l| l.listed && l.department.is_some() == department_form),
            "{q:?}"
        );
        let parent = target.parent_id.as_deref().map(|p| by_id[p]);
        let dept = target
            .department
            .as_deref()
            .map(compact)
            .unwrap_or_default();
        // What ends the query: the start of the department, two chars at
        // least (or the department whole).
        let ends_with_dept_start = |typed: &str| {
            let chars: Vec<char> = dept.chars().collect();
            (2.min(chars.len())..=chars.len()).any(|n| {
                let start: String = chars[..n].iter().collect();
                typed.ends_with(&start)
            })
        };
        match q.form {
            Form::NameDept => {
                let p = parent.expect("a department has its organisation");
                let name = compact(&p.name);
                assert!(!q.query.contains(' '), "{q:?}");
                assert!(ends_with_dept_start(&q.query), "{q:?}");
                let org = q.query.chars().count() - dept_said(&q.query, &dept);
                let org: String = q.query.chars().take(org).collect();
                assert!(org.chars().count() >= 2 && name.starts_with(&org), "{q:?}");
            }
            Form::AliasDept => {
                let p = parent.expect("a department has its organisation");
                assert!(!q.query.contains(' '), "{q:?}");
                assert!(ends_with_dept_start(&q.query), "{q:?}");
                assert!(
                    p.aliases.iter().any(|a| q.query.starts_with(&compact(a))),
                    "{q:?}"
                );
            }
            Form::NameService => {
                let wanted = ["电话", "号码", "总机", "热线", "联系方式"];
                assert!(wanted.iter().any(|w| q.query.ends_with(w)), "{q:?}");
                let name = compact(&target.name);
                let opened = ["请问", "我想查", "帮我查", "查一下", "麻烦查一下"];
                let said = opened
                    .iter()
                    .fold(q.query.as_str(), |s, o| s.strip_prefix(o).unwrap_or(s));
                let said = said.strip_prefix("一下").unwrap_or(said);
                assert!(
                    said.chars().take(2).collect::<String>()
                        == name.chars().take(2).collect::<String>()
                        || target.aliases.iter().any(|a| said.starts_with(&compact(a))),
                    "{q:?}"
                );
            }
            Form::PlaceName => {
                let fields = [&target.district, &target.city, &target.province];
                let places: Vec<String> = fields
                    .iter()
                    .filter_map(|f| f.as_deref())
                    .flat_map(|f| {
                        let stem = f.trim_end_matches(['区', '市', '省']).to_string();
                        [f.to_string(), stem]
                    })
                    .collect();
                let place = places
                    .iter()
                    .filter(|p| q.query.starts_with(p.as_str()))
                    .max_by_key(|p| p.len())
                    .unwrap_or_else(|| panic!("no place of the target opens {q:?}"));
                assert!(!compact(&target.name).contains(place.as_str()), "{q:?}");
                assert!(q.query.len() > place.len(), "{q:?}");
                for l in &expect {
                    let here = [&l.district, &l.city, &l.province]
                        .iter()
                        .any(|f| f.as_deref().is_some_and(|f| f.contains(place.as_str())));
                    assert!(here, "{q:?}: {} is not in {place}", l.id);
                }
            }
            Form::DerivedShort => {
                let n = q.query.chars().count();
                assert!((2..=6).contains(&n), "{q:?}");
                assert!(!q.query.is_ascii(), "{q:?}");
                for l in &listed {
                    assert!(
                        !compact(&l.name).starts_with(&q.query),
                        "{q:?} starts {}",
                        l.id
                    );
                    assert!(
                        !l.aliases.iter().any(|a| compact(a) == q.query),
                        "{q:?} is an alias of {}",
                        l.id
                    );
                }
            }
            Form::NameDeptPinyin => {
                assert!(
                    q.query.chars().all(|c| c.is_ascii_lowercase() || c == ' '),
                    "{q:?}"
                );
                assert!(q.query.matches(' ').count() <= 1, "{q:?}");
            }
            Form::NameDeptInitials => {
                let latin: String = q
                    .query
                    .chars()
                    .rev()
                    .take_while(char::is_ascii_lowercase)
                    .collect();
                let han = &q.query[..q.query.len() - latin.len()];
                assert!(latin.len() >= 2, "{q:?}");
                assert!(han.chars().all(|c| !c.is_ascii()), "{q:?}");
                if han.is_empty() {
                    // Each letter is one char: organisation then department.
                    let dept_chars = dept.chars().count();
                    assert!(latin.len() >= 3 && latin.len() <= 12 + dept_chars, "{q:?}");
                }
            }
            _ => unreachable!("only compound forms were asked for: {q:?}"),
        }
    }
    Ok(())
}

/// How many chars at the end of `query` are the start of `dept`: the longest
/// start, two chars at least, that ends the query.
fn dept_said(query: &str, dept: &str) -> usize {
    let chars: Vec<char> = dept.chars().collect();
    (2.min(chars.len())..=chars.len())
        .rev()
        .find(|&n| query.ends_with(&chars[..n].iter().collect::<String>()))
        .unwrap_or(0)
}
