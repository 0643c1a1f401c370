//! A batch applied under a running service.
//!
//! Properties proven here:
//! 1. A query loop running through the batch never gets an error, and every
//!    answer is wholly the old directory or wholly the new one.
//! 2. The served directory follows the batch within 2 s of its publication,
//!    without reopening anything by hand.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chahao::batch::{self, ApplyOptions, Format};
use chahao::gen::{changes, Generator};
use chahao::index::{Directory, Live};
use chahao::model::Change;
use chahao::search::{self, Filters};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    Old,
    New,
}

/// Which state one directory answers from, judged on three changes at once:
/// a renamed listing, a new one and a deleted one.
fn judge(dir: &Directory, renamed: &str, added: &str, deleted: &str) -> Result<Seen, String> {
    let found = |q: &str, id: &str| -> Result<bool, String> {
        let hits = search::search(dir, q, 10, &Filters::default()).map_err(|e| e.to_string())?;
        Ok(hits.iter().any(|h| h.listing.id == id))
    };
    let new_name = found("青木瓜测试新名称", renamed)?;
    let new_listing = found("紫罗兰测试新机构", added)?;
    let gone = dir.listing(deleted).map_err(|e| e.to_string())?.is_none();
    match (new_name, new_listing, gone) {
        (false, false, false) => Ok(Seen::Old),
        (true, true, true) => Ok(Seen::New),
        mixed => Err(format!("half-applied answer: {mixed:?}")),
    }
}

#[test]
fn queries_during_a_batch_see_the_old_or_the_new_directory(
) -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let root = tmp.path().to_path_buf();
    let base: Vec<_> = Generator::new(114).take(1_500).collect();
    common::build_index(&root, &base)?;

    let mut batch = changes::changes(&base, 300, 9);
    let deleted = batch
        .iter()
        .find_map(|c| match c {
            Change::Delete { id } => Some(id.clone()),
            _ => None,
        })
        .expect("the batch deletes");
    let renamed = batch
        .iter_mut()
        .find_map(|c| match c {
            Change::Update { listing } if listing.listed => {
                listing.name = "青木瓜测试新名称".to_string();
                Some(listing.id.clone())
            }
            _ => None,
        })
        .expect("the batch updates");
    let added = batch
        .iter_mut()
        .find_map(|c| match c {
            Change::Add { listing } if listing.listed && listing.parent_id.is_none() => {
                listing.name = "紫罗兰测试新机构".to_string();
                Some(listing.id.clone())
            }
            _ => None,
        })
        .expect("the batch adds");
    let mut bytes = Vec::new();
    changes::write_jsonl(&batch, &mut bytes)?;

    let live = Arc::new(Live::open(&root)?);
    let _watcher = live.watch(Duration::from_millis(200), |e| {
        panic!("refresh failed: {e}")
    });
    let stop = Arc::new(AtomicBool::new(false));
    let first_new: Arc<Mutex<Option<Instant>>> = Arc::default();
    let answers = Arc::new(Mutex::new((0usize, 0usize)));
    let looping = {
        let (live, stop, first_new, answers) = (
            live.clone(),
            stop.clone(),
            first_new.clone(),
            answers.clone(),
        );
        let (renamed, added, deleted) = (renamed.clone(), added.clone(), deleted.clone());
        std::thread::spawn(move || -> Result<(), String> {
            let mut last = Seen::Old;
            while !stop.load(Ordering::Relaxed) {
                let dir = live.directory();
                let seen = judge(&dir, &renamed, &added, &deleted)?;
                if seen == Seen::Old && last == Seen::New {
                    return Err("went back to the old directory".to_string());
                }
                if seen == Seen::New && last == Seen::Old {
                    *first_new.lock().expect("not poisoned") = Some(Instant::now());
                }
                let mut counts = answers.lock().expect("not poisoned");
                match seen {
                    Seen::Old => counts.0 += 1,
                    Seen::New => counts.1 += 1,
                }
                last = seen;
            }
            Ok(())
        })
    };

    std::thread::sleep(Duration::from_millis(300));
    let options = ApplyOptions {
        source: "live test".to_string(),
        ..ApplyOptions::default()
    };
    batch::apply(&root, &bytes, Format::Jsonl, &options)?;
    let published = Instant::now();
    let deadline = published + Duration::from_secs(5);
    while first_new.lock().expect("not poisoned").is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    looping.join().expect("the loop does not panic")?;

    let switched = first_new
        .lock()
        .expect("not poisoned")
        .ok_or("the new directory was never served")?;
    let lag = switched.saturating_duration_since(published);
    let (old, new) = *answers.lock().expect("not poisoned");
    assert!(
        lag < Duration::from_secs(2),
        "served {lag:?} after publication"
    );
    assert!(old > 0 && new > 0, "answers: {old} old, {new} new");
    Ok(())
}
