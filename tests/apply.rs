//! Applying weekly change files (issue 5).
//!
//! Properties proven here:
//! 1. Every bad row is reported with its line, id and reason — format,
//!    phones, duplicate ids, conflicting operations, add of an existing id,
//!    update/delete of a missing one, a parent that will not exist — and by
//!    default nothing is written.
//! 2. `skip_invalid` applies the good rows and the rejected rows come back
//!    byte for byte (GB18030 CSV with CRLF, header first).
//! 3. A dry run writes nothing and reports what would be applied.
//! 4. After a batch the directory holds exactly the expected listings, no
//!    deleted document is left, and for a set of queries every matching
//!    listing scores exactly as in a fresh build of the same listings, and
//!    the hits are the same: deleted documents do not skew ranking. (The
//!    fresh build takes the listings in the order the applied index holds
//!    them and is merged into one segment like it: prefix expansions are
//!    bounded per segment and equal scores are cut by document order, so
//!    segmentation and order matter for any two indexes, fresh or not.)
//! 5. A department takes its parent's new aliases when the parent changes.
//! 6. The same batch is refused a second time; after a rollback it applies.
//! 7. History lists the batches; rollback restores the exact state before
//!    the last batch, twice in a row; applying after a rollback works; a
//!    build cannot be rolled back.
//! 8. The list of what the last batch changed leaves ex-directory listings
//!    out.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chahao::batch::{self, ApplyError, ApplyOptions, Format, Outcome};
use chahao::gen::{changes, Generator};
use chahao::index::{history, Directory, Store};
use chahao::model::{Change, Listing};
use chahao::search::{self, Filters};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn base_listings(n: usize) -> Vec<Listing> {
    Generator::new(114).take(n).collect()
}

fn jsonl(changes: &[Change]) -> Vec<u8> {
    let mut out = Vec::new();
    changes::write_jsonl(changes, &mut out).expect("writes to memory");
    out
}

fn sorted(mut listings: Vec<Listing>) -> Vec<Listing> {
    listings.sort_by(|a, b| a.id.cmp(&b.id));
    listings
}

fn state(root: &Path) -> chahao::Result<Vec<Listing>> {
    Ok(sorted(Directory::open(root)?.all_listings()?))
}

fn options() -> ApplyOptions {
    ApplyOptions {
        source: "test".to_string(),
        ..ApplyOptions::default()
    }
}

fn rejected(result: Result<batch::ApplyReport, ApplyError>) -> Box<batch::ApplyReport> {
    match result {
        Err(ApplyError::Rejected(report)) => report,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

/// One `add` or `update` row of a change file.
fn op(kind: &str, listing: &str) -> String {
    format!(r#"{{"op":"{kind}","listing":{listing}}}"#)
}

fn listing_json(id: &str, name: &str, phone: &str, parent: Option<&str>) -> String {
    let parent = parent
        .map(|p| format!(r#","department":"办公室","parent_id":"{p}""#))
        .unwrap_or_default();
    format!(r#"{{"id":"{id}","name":"{name}","phones":[{{"number":"{phone}"}}]{parent}}}"#)
}

#[test]
fn every_bad_row_is_reported_and_nothing_is_written() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let base = base_listings(300);
    common::build_index(tmp.path(), &base)?;
    let parent = base
        .iter()
        .find(|l| base.iter().any(|c| c.parent_id.as_ref() == Some(&l.id)))
        .expect("the sample has departments");
    let p = &parent.id;
    let lines = [
        /* 1 */
        op("add", &listing_json("NEW-1", "新店", "020-83001234", None)),
        /* 2 */ "{not json".to_string(),
        /* 3 */
        op("add", &listing_json("NEW-2", "", "020-83001235", None)),
        /* 4 */
        op("add", &listing_json("NEW-3", "坏号码", "020-1234", None)),
        /* 5 */
        op(
            "update",
            &listing_json("GZ-0000010", "甲", "020-83001236", None),
        ),
        /* 6 */
        op(
            "update",
            &listing_json("GZ-0000010", "乙", "020-83001237", None),
        ),
        /* 7 */
        op("add", &listing_json("NEW-4", "丙", "020-83001238", None)),
        /* 8 */ r#"{"op":"delete","id":"NEW-4"}"#.to_string(),
        /* 9 */
        op(
            "add",
            &listing_json("GZ-0000011", "丁", "020-83001239", None),
        ),
        /* 10 */
        op(
            "update",
            &listing_json("NOPE-1", "戊", "020-83001240", None),
        ),
        /* 11 */ r#"{"op":"delete","id":"NOPE-2"}"#.to_string(),
        /* 12 */
        op(
            "add",
            &listing_json("NEW-5", "己", "020-83001241", Some("NOPE-3")),
        ),
        /* 13 */ format!(r#"{{"op":"delete","id":"{p}"}}"#),
        /* 14 */ r#"{"op":"move","id":"GZ-0000012"}"#.to_string(),
    ];
    let bytes = lines.join("\n").into_bytes();
    let before = std::fs::read_to_string(tmp.path().join("CURRENT"))?;
    let report = rejected(batch::apply(tmp.path(), &bytes, Format::Jsonl, &options()));
    let got: Vec<(usize, Option<&str>, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.line, r.id.as_deref(), r.reason.as_str()))
        .collect();
    let expect: &[(usize, Option<&str>, &str)] = &[
        (2, None, "not valid JSON"),
        (3, Some("NEW-2"), "name must be"),
        (4, Some("NEW-3"), "phone \"020-1234\""),
        (5, Some("GZ-0000010"), "duplicate id"),
        (6, Some("GZ-0000010"), "duplicate id"),
        (7, Some("NEW-4"), "conflicting operations"),
        (8, Some("NEW-4"), "conflicting operations"),
        (9, Some("GZ-0000011"), "already in the directory"),
        (10, Some("NOPE-1"), "not in the directory"),
        (11, Some("NOPE-2"), "not in the directory"),
        (12, Some("NEW-5"), "parent_id \"NOPE-3\" will not exist"),
        (13, Some(p.as_str()), "is still the parent_id of"),
        (14, Some("GZ-0000012"), "unknown variant `move`"),
    ];
    assert_eq!(got.len(), expect.len(), "got {got:#?}");
    for (g, e) in got.iter().zip(expect) {
        assert!(
            g.0 == e.0 && g.1 == e.1 && g.2.contains(e.2),
            "expected {e:?}, got {g:?}"
        );
    }
    assert_eq!(report.outcome, Outcome::Rejected);
    assert_eq!(report.applied.add, 1, "line 1 alone would apply");
    assert_eq!(std::fs::read_to_string(tmp.path().join("CURRENT"))?, before);
    assert_eq!(Store::new(tmp.path()).generations()?.len(), 1);
    Ok(())
}

#[test]
fn a_rejected_parent_rejects_its_new_departments() -> TestResult {
    let tmp = tempfile::tempdir()?;
    common::build_index(tmp.path(), &base_listings(200))?;
    let lines = [
        op("add", &listing_json("ORG-1", "新机构", "020-1", None)),
        op(
            "add",
            &listing_json("ORG-1-A", "新机构", "020-83001234", Some("ORG-1")),
        ),
    ];
    let options = ApplyOptions {
        skip_invalid: true,
        ..options()
    };
    let report = rejected(batch::apply(
        tmp.path(),
        lines.join("\n").as_bytes(),
        Format::Jsonl,
        &options,
    ));
    assert_eq!(report.rejected.len(), 2, "{:#?}", report.rejected);
    assert!(report.rejected[1]
        .reason
        .contains("its row on line 1 is rejected"));
    Ok(())
}

#[test]
fn skip_invalid_applies_good_rows_and_returns_bad_ones_byte_for_byte() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let base = base_listings(300);
    common::build_index(tmp.path(), &base)?;
    let header = "op,id,name,aliases,department,parent_id,phones,category,province,city,district,address,name_en,listed,weight";
    let rows = [
        "add,NEW-1,广州新开酒楼,,,,020-83001234:订座,餐饮,广东省,广州市,越秀区,北京路1号,,true,3",
        "add,NEW-2,坏号码商店,,,,020-12,商店,广东省,广州市,越秀区,,,true,",
        "update,GZ-0000100,\"改名后的单位, 有逗号\",,,,020-83001235,公司,广东省,广州市,天河区,,,true,1",
        "delete,NOPE-9,,,,,,,,,,,,,",
        "delete,GZ-0000200,,,,,,,,,,,,,",
        "frobnicate,GZ-0000201,,,,,,,,,,,,,",
    ];
    let text = format!("{header}\r\n{}\r\n", rows.join("\r\n"));
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let bytes = gb.into_owned();
    let options = ApplyOptions {
        skip_invalid: true,
        ..options()
    };
    let report = batch::apply(tmp.path(), &bytes, Format::Csv, &options)?;
    assert_eq!(report.outcome, Outcome::Applied);
    assert_eq!(
        (
            report.applied.add,
            report.applied.update,
            report.applied.delete
        ),
        (1, 1, 1)
    );
    let lines: Vec<usize> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 5, 7]);
    let rejects = batch::rejected_bytes(&bytes, Format::Csv, &report.rejected);
    let expected = format!("{header}\r\n{}\r\n{}\r\n{}\r\n", rows[1], rows[3], rows[5]);
    assert_eq!(
        rejects,
        encoding_rs::GB18030.encode(&expected).0.into_owned()
    );
    let now = Directory::open(tmp.path())?;
    assert_eq!(
        now.listing("GZ-0000100")?.map(|l| l.name),
        Some("改名后的单位, 有逗号".to_string())
    );
    assert!(now.listing("NEW-1")?.is_some());
    assert!(now.listing("GZ-0000200")?.is_none());
    assert_eq!(now.len(), base.len() as u64);
    Ok(())
}

#[test]
fn a_dry_run_writes_nothing() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let base = base_listings(400);
    common::build_index(tmp.path(), &base)?;
    let batch = changes::changes(&base, 100, 1);
    let options = ApplyOptions {
        dry_run: true,
        ..options()
    };
    let report = batch::apply(tmp.path(), &jsonl(&batch), Format::Jsonl, &options)?;
    assert_eq!(report.outcome, Outcome::Checked);
    assert_eq!(
        (
            report.applied.add,
            report.applied.update,
            report.applied.delete
        ),
        (25, 60, 15)
    );
    assert_eq!(report.total_after, 410);
    assert_eq!(Store::new(tmp.path()).generations()?.len(), 1);
    assert_eq!(state(tmp.path())?, sorted(base));
    Ok(())
}

/// Queries of every kind: names, prefixes, aliases, pinyin, initials,
/// numbers, districts with a kind.
fn queries(listings: &[Listing]) -> Vec<String> {
    let mut out: Vec<String> = [
        "中山一院",
        "zsdx",
        "中山dx",
        "zhongshanda",
        "工行",
        "天河 中医院",
        "人民医院",
        "酒家",
        "派出所",
        "有限公司",
        "科技",
        "广州",
        "银行",
        "学校",
        "8377",
        "020",
        "街道办",
        "居委会",
        "物业",
        "zhongyiyuan",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for l in listings.iter().step_by(97).take(25) {
        out.push(l.name.chars().take(4).collect());
        if let Some(a) = l.aliases.first() {
            out.push(a.clone());
        }
        out.push(
            l.phones[0]
                .number
                .chars()
                .filter(char::is_ascii_digit)
                .rev()
                .take(4)
                .collect::<String>()
                .chars()
                .rev()
                .collect(),
        );
    }
    out
}

/// Every listing the planned look-ups of `query` match, each with the
/// stages whose look-ups match it.
fn scores(dir: &Directory, query: &str) -> chahao::Result<BTreeMap<String, Vec<search::Stage>>> {
    let understood = search::understand::understand(query)?;
    let mut out: BTreeMap<String, Vec<search::Stage>> = BTreeMap::new();
    for (stage, probe) in search::plan::plan(&understood, &Filters::default()) {
        for id in dir.matching_ids(&probe)? {
            let stages = out.entry(id).or_default();
            if !stages.contains(&stage) {
                stages.push(stage);
            }
        }
    }
    Ok(out)
}

fn hits(dir: &Directory, query: &str) -> chahao::Result<Vec<(String, String)>> {
    Ok(search::search(dir, query, 20, &Filters::default())?
        .into_iter()
        .map(|h| (h.listing.id, format!("{:?}", h.kind)))
        .collect())
}

#[test]
fn a_batch_leads_to_exactly_the_listings_and_hits_of_a_fresh_build() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let base = base_listings(2_000);
    common::build_index(tmp.path(), &base)?;
    let batch = changes::changes(&base, 600, 3);
    let report = batch::apply(tmp.path(), &jsonl(&batch), Format::Jsonl, &options())?;
    assert!(report.rejected.is_empty(), "{:#?}", report.rejected);
    let expected = changes::resulting(&base, &batch);
    assert_eq!(state(tmp.path())?, expected);

    let applied = Directory::open(tmp.path())?;
    let meta = applied.index().load_metas()?;
    assert!(
        meta.segments.iter().all(|s| !s.has_deletes()),
        "deleted documents were merged away"
    );
    // Every segment lists its documents by falling weight: the first stage
    // of search reads only the head of each posting list.
    let searcher = applied.searcher();
    for reader in searcher.segment_readers() {
        let weight = reader.fast_fields().f64("weight")?;
        let alive = reader.alive_bitset();
        let weights: Vec<f64> = (0..reader.max_doc())
            .filter(|d| alive.is_none_or(|a| a.is_alive(*d)))
            .filter_map(|d| weight.first(d))
            .collect();
        assert!(
            weights.windows(2).all(|w| w[0] >= w[1]),
            "a segment of {} documents is out of weight order",
            weights.len()
        );
    }
    let fresh_root = tempfile::tempdir()?;
    common::build_index(fresh_root.path(), &applied.all_listings()?)?;
    let fresh = Directory::open(fresh_root.path())?;
    for query in queries(&expected) {
        let a = scores(&applied, &query)?;
        let b = scores(&fresh, &query)?;
        assert_eq!(
            a, b,
            "query {query:?}: scores after the batch vs a fresh build"
        );
        let a = hits(&applied, &query)?;
        let b = hits(&fresh, &query)?;
        assert_eq!(
            a, b,
            "query {query:?}: hits after the batch vs a fresh build"
        );
    }
    Ok(())
}

#[test]
fn departments_take_their_parents_new_aliases() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let base = base_listings(300);
    common::build_index(tmp.path(), &base)?;
    let hospital = base
        .iter()
        .find(|l| l.name == "中山大学附属第一医院" && l.department.is_none())
        .expect("the sample has 中山一院");
    let mut renamed = hospital.clone();
    renamed.aliases.push("附一新院".to_string());
    let batch = [Change::Update { listing: renamed }];
    let report = batch::apply(tmp.path(), &jsonl(&batch), Format::Jsonl, &options())?;
    assert!(report.reindexed > 0);
    let dir = Directory::open(tmp.path())?;
    let found = search::search(&dir, "附一新院 急诊", 5, &Filters::default())?;
    assert!(
        found
            .first()
            .is_some_and(|h| h.listing.parent_id.as_ref() == Some(&hospital.id)
                && h.listing.department.as_deref() == Some("急诊科")),
        "hits: {:?}",
        found
            .iter()
            .map(|h| (&h.listing.name, &h.listing.department))
            .collect::<Vec<_>>()
    );
    let fresh_root = tempfile::tempdir()?;
    let fresh = common::build_index(fresh_root.path(), &changes::resulting(&base, &batch))?;
    assert_eq!(hits(&dir, "附一新院 急诊")?, hits(&fresh, "附一新院 急诊")?);
    Ok(())
}

#[test]
fn history_rollback_and_reapplying() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let root = tmp.path();
    let base = base_listings(500);
    common::build_index(root, &base)?;
    let first = changes::changes(&base, 60, 1);
    let after_first = changes::resulting(&base, &first);
    let second = changes::changes(&after_first, 60, 2);
    let after_second = changes::resulting(&after_first, &second);
    let third = changes::changes(&after_second, 60, 3);
    let after_third = changes::resulting(&after_second, &third);

    batch::apply(root, &jsonl(&first), Format::Jsonl, &options())?;
    // The same batch again is refused, with the reason.
    match batch::apply(root, &jsonl(&first), Format::Jsonl, &options()) {
        Err(e @ ApplyError::AlreadyApplied { .. }) => {
            assert!(e.to_string().contains("already applied"), "{e}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    batch::apply(root, &jsonl(&second), Format::Jsonl, &options())?;
    let third_report = batch::apply(root, &jsonl(&third), Format::Jsonl, &options())?;
    assert_eq!(state(root)?, after_third);

    let listed = history::history(root)?;
    let kinds: Vec<&str> = listed.iter().map(|h| h.record.kind.as_str()).collect();
    assert_eq!(kinds, ["build", "apply", "apply", "apply"]);
    assert_eq!(
        listed.last().map(|h| (&h.record.batch_id, h.current)),
        Some((&third_report.batch_id, true))
    );

    // What the last batch changed, ex-directory listings left out.
    let (record, lists) = batch::latest_changes(root)?.expect("a batch made the directory");
    assert_eq!(record.batch_id, third_report.batch_id);
    let listed_after = |id: &str| after_third.iter().any(|l| l.id == id && l.listed);
    let listed_before = |id: &str| after_second.iter().any(|l| l.id == id && l.listed);
    assert!(lists.added.iter().all(|c| listed_after(&c.id)));
    assert!(lists.updated.iter().all(|c| listed_after(&c.id)));
    assert!(lists.deleted.iter().all(|c| listed_before(&c.id)));
    let expected_added = third
        .iter()
        .filter(|c| matches!(c, Change::Add { listing } if listing.listed))
        .count();
    assert_eq!(lists.added.len(), expected_added);

    // Rolling back twice undoes the last two batches, exactly.
    let gen_after_first = listed[1].generation.clone();
    history::rollback(root)?;
    assert_eq!(state(root)?, after_second);
    let back = history::rollback(root)?;
    assert_eq!(state(root)?, sorted(after_first.clone()));
    assert_eq!(Some(back.to), gen_after_first);
    assert_eq!(history::history(root)?.len(), 2);

    // Applying after a rollback starts from the restored state; a
    // rolled-back batch is no longer in the lineage and applies again.
    batch::apply(root, &jsonl(&second), Format::Jsonl, &options())?;
    assert_eq!(state(root)?, after_second);
    history::rollback(root)?;
    history::rollback(root)?;
    assert_eq!(state(root)?, sorted(base.clone()));
    let refused = history::rollback(root).expect_err("a build has nothing before it");
    assert!(
        refused.to_string().contains("nothing to roll back"),
        "{refused}"
    );
    Ok(())
}

#[test]
fn at_least_four_batches_can_be_rolled_back() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let root = tmp.path();
    let mut listings = base_listings(200);
    common::build_index(root, &listings)?;
    let mut states = vec![sorted(listings.clone())];
    for seed in 0..6 {
        let batch = changes::changes(&listings, 20, seed);
        batch::apply(root, &jsonl(&batch), Format::Jsonl, &options())?;
        listings = changes::resulting(&listings, &batch);
        states.push(listings.clone());
    }
    for expected in states.iter().rev().skip(1).take(4) {
        history::rollback(root)?;
        assert_eq!(&state(root)?, expected);
    }
    Ok(())
}
