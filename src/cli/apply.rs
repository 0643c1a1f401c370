//! `chahao apply`: a weekly change file as one atomic batch.
//!
//! `CHAHAO_PAUSE_AT=<stage>` (hidden, for the crash tests) makes the command
//! print `paused at <stage>` on standard error and wait there to be killed;
//! the stages are those of [`chahao::index::apply::Stage`]. With
//! `CHAHAO_RESUME_FILE=<path>` too, it goes on once that file exists (the
//! fault tests restart a server while a batch waits).

use std::path::Path;

use chahao::batch::{self, ApplyError, ApplyOptions, ApplyReport, Outcome};
use chahao::index::apply::Stage;
use chahao::Error;

/// The options of `chahao apply`, as given on the command line.
pub struct Args<'a> {
    pub input: &'a Path,
    pub index: &'a Path,
    pub dry_run: bool,
    pub skip_invalid: bool,
    pub rejects: Option<&'a Path>,
    pub batch_id: Option<String>,
    pub json: bool,
}

pub fn run(args: Args) -> Result<(), Error> {
    let (bytes, format) = super::build::read_input(args.input)?;
    let options = ApplyOptions {
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        batch_id: args.batch_id,
        source: args.input.display().to_string(),
    };
    let pause_at = std::env::var("CHAHAO_PAUSE_AT").ok();
    let resume = std::env::var_os("CHAHAO_RESUME_FILE").map(std::path::PathBuf::from);
    let hook = |stage: Stage| pause_if(pause_at.as_deref(), stage.name(), resume.as_deref());
    let outcome = batch::apply_with_hook(args.index, &bytes, format, &options, &hook);
    let report = match &outcome {
        Ok(report) => Some(report),
        Err(ApplyError::Rejected(report)) => Some(&**report),
        Err(_) => None,
    };
    if let Some(report) = report {
        if let Some(path) = args.rejects {
            if !report.rejected.is_empty() || report.outcome == Outcome::Applied {
                write_rejects(path, &bytes, format, report)?;
            }
        }
        print_report(report, args.json);
    }
    match outcome {
        Ok(report) if !report.rejected.is_empty() => {
            eprintln!(
                "chahao: {} bad rows skipped{}",
                report.rejected.len(),
                args.rejects
                    .map(|p| format!(", written to {}", p.display()))
                    .unwrap_or_default()
            );
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(ApplyError::Index(e @ Error::Write { .. })) => Err(e),
        Err(ApplyError::Index(e)) => {
            // Say what is being served now, read back from the disk: after a
            // failed write (a full disk, a read-only directory) the operator's
            // first question is whether the service is still intact.
            let store = chahao::index::Store::new(args.index);
            if let Ok(Some(current)) = store.current() {
                eprintln!(
                    "chahao: batch not applied; {} serves {current}",
                    args.index.display()
                );
            }
            Err(e)
        }
        Err(refused) => Err(refused.into()),
    }
}

fn print_report(report: &ApplyReport, json: bool) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(report).expect("a report always serialises")
        );
    } else {
        print!("{}", report.to_text());
    }
}

fn write_rejects(
    path: &Path,
    bytes: &[u8],
    format: batch::Format,
    report: &ApplyReport,
) -> Result<(), Error> {
    let out = batch::rejected_bytes(bytes, format, &report.rejected);
    std::fs::write(path, out).map_err(Error::io(path))
}

/// Waits at `stage` when the crash tests asked for it: to be killed, or
/// until `resume` exists.
fn pause_if(pause_at: Option<&str>, stage: &str, resume: Option<&Path>) {
    if pause_at == Some(stage) {
        eprintln!("paused at {stage}");
        loop {
            match resume {
                Some(file) if file.exists() => return,
                Some(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
                None => std::thread::sleep(std::time::Duration::from_secs(3600)),
            }
        }
    }
}
