//! `chahao apply` killed with SIGKILL in the middle of a batch.
//!
//! Properties proven here:
//! 1. Killed at each named stage of the write path (the binary waits there
//!    when `CHAHAO_PAUSE_AT` names the stage, and is killed while waiting),
//!    the index opens and holds exactly the state before the batch — or,
//!    once `CURRENT` is replaced, exactly the state after it.
//! 2. The same holds when it is killed after random delays, wherever it is,
//!    and at moments spread evenly over a whole run: with the named stages,
//!    26 kill points in all.
//! 3. Running the batch again afterwards completes (or, when the killed run
//!    had already published it, is refused as already applied), and leaves
//!    exactly the state after the batch.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use chahao::index::Directory;

type TestResult = Result<(), Box<dyn std::error::Error>>;

use common::copy_dir;
use common::BatchFixture as Fixture;

fn fixture() -> Result<Fixture, Box<dyn std::error::Error>> {
    Fixture::new(114, 2_000, 1_000, 5)
}

fn apply_command(index: &Path, batch: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chahao"));
    cmd.args(["apply", "--input"])
        .arg(batch)
        .arg("--index")
        .arg(index)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

#[derive(Debug, PartialEq, Eq)]
enum State {
    Before,
    After,
}

fn state_of(index: &Path, f: &Fixture) -> Result<State, Box<dyn std::error::Error>> {
    let dir = Directory::open(index)?;
    let mut now = dir.all_listings()?;
    now.sort_by(|a, b| a.id.cmp(&b.id));
    if now == f.before {
        Ok(State::Before)
    } else if now == f.after {
        Ok(State::After)
    } else {
        Err(format!(
            "{}: {} listings, neither the {} before nor the {} after the batch",
            index.display(),
            now.len(),
            f.before.len(),
            f.after.len()
        )
        .into())
    }
}

/// Runs the batch to the end and checks the result.
fn rerun(index: &Path, f: &Fixture, was: &State) -> TestResult {
    let out = apply_command(index, &f.batch).output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    match was {
        State::Before => assert!(out.status.success(), "rerun failed: {stderr}"),
        State::After => assert!(
            !out.status.success() && stderr.contains("already applied"),
            "rerun of a published batch: {stderr}"
        ),
    }
    assert_eq!(state_of(index, f)?, State::After);
    Ok(())
}

#[test]
fn killed_at_each_stage_leaves_before_or_after() -> TestResult {
    let f = fixture()?;
    let stages = [
        ("created", State::Before),
        ("linked", State::Before),
        ("indexed", State::Before),
        ("committed", State::Before),
        ("merged", State::Before),
        ("logged", State::Before),
        ("staged", State::Before),
        ("published", State::After),
        ("pruned", State::After),
    ];
    for (stage, expected) in stages {
        let index = f.pristine.with_file_name(format!("at-{stage}"));
        copy_dir(&f.pristine, &index)?;
        let mut child = apply_command(&index, &f.batch)
            .env("CHAHAO_PAUSE_AT", stage)
            .spawn()?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let mut line = String::new();
        BufReader::new(stderr).read_line(&mut line)?;
        assert_eq!(line.trim(), format!("paused at {stage}"), "stage {stage}");
        child.kill()?; // SIGKILL
        child.wait()?;
        let state = state_of(&index, &f)?;
        assert_eq!(state, expected, "killed at {stage}");
        rerun(&index, &f, &state)?;
    }
    Ok(())
}

/// How long a whole run takes here, to spread the kills over it.
fn whole_run(f: &Fixture) -> Result<std::time::Duration, Box<dyn std::error::Error>> {
    let probe = f.pristine.with_file_name("probe");
    copy_dir(&f.pristine, &probe)?;
    let started = Instant::now();
    let out = apply_command(&probe, &f.batch).output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(started.elapsed())
}

/// Kills a run after `delay` and checks the state it left, then runs the
/// batch again.
fn kill_after(f: &Fixture, name: &str, delay: std::time::Duration) -> TestResult {
    let index = f.pristine.with_file_name(name);
    copy_dir(&f.pristine, &index)?;
    let mut child = apply_command(&index, &f.batch).spawn()?;
    std::thread::sleep(delay);
    child.kill()?;
    child.wait()?;
    let state = state_of(&index, f).map_err(|e| format!("killed after {delay:?}: {e}"))?;
    rerun(&index, f, &state)
}

#[test]
fn killed_at_evenly_spread_moments_leaves_before_or_after() -> TestResult {
    let f = fixture()?;
    let whole = whole_run(&f)?;
    // Twelve moments from the start to just past the end of a whole run,
    // the last ones where publishing happens.
    for i in 0..12 {
        let delay = whole.mul_f64((i as f64 + 0.5) / 11.0);
        kill_after(&f, &format!("even-{i}"), delay)
            .map_err(|e| format!("moment {i} of 12, {delay:?} of {whole:?}: {e}"))?;
    }
    Ok(())
}

#[test]
fn killed_after_random_delays_leaves_before_or_after() -> TestResult {
    let f = fixture()?;
    let whole = whole_run(&f)?;
    // A fixed pseudo-random sequence: failures reproduce.
    let mut x: u64 = 0x114;
    for run in 0..5 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = whole.mul_f64(((x >> 33) % 1000) as f64 / 1000.0);
        kill_after(&f, &format!("random-{run}"), delay)
            .map_err(|e| format!("{e} (a whole run: {whole:?})"))?;
    }
    Ok(())
}
