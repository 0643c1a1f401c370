//! `chahao eval`: relevance figures of labelled query sets, or (with
//! `--simulate`) a labelled set written by the operator simulator.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use chahao::eval::{self, report, Form, LabelledQuery};
use chahao::index::{self, BatchRecord, Directory};
use chahao::Error;

/// What `chahao eval` was asked to do.
pub struct Args {
    pub index: Option<PathBuf>,
    pub queries: Vec<PathBuf>,
    pub json: bool,
    pub failures: usize,
    pub keystroke_targets: Option<usize>,
    pub simulate: Option<usize>,
    /// Forms to simulate, by snake_case name; empty: [`Form::ALL`].
    pub forms: Vec<String>,
    /// Simulate [`Form::COMPOUND`].
    pub compound: bool,
    pub seed: u64,
    pub directory_count: usize,
    pub directory_seed: u64,
}

pub fn run(args: Args) -> Result<(), Error> {
    if let Some(count) = args.simulate {
        return simulate(count, &args);
    }
    if args.queries.is_empty() {
        return Err(Error::Usage(
            "no query set: give --queries FILE (e.g. tests/queries/generated.jsonl)".to_string(),
        ));
    }
    let mut queries: Vec<LabelledQuery> = Vec::new();
    for path in &args.queries {
        queries.extend(eval::read_queries(path)?);
    }
    let temporary;
    let dir = match &args.index {
        Some(path) => Directory::open(path)?,
        None => {
            temporary = TempIndex::build(args.directory_count, args.directory_seed)?;
            Directory::open(&temporary.0)?
        }
    };
    let started = Instant::now();
    let measured = eval::measure(&dir, &queries)?;
    let took = started.elapsed();
    let keystrokes = match args.keystroke_targets {
        Some(0) => None,
        limit => Some(eval::keystrokes(&dir, &queries, limit)?),
    };
    if args.json {
        let out = report::json(&measured, keystrokes.as_ref(), args.failures);
        println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("a report always serialises")
        );
    } else {
        print!("{}", report::form_table(&measured));
        println!(
            "{} queries in {:.2} s ({:.2} ms a query)",
            queries.len(),
            took.as_secs_f64(),
            took.as_secs_f64() * 1000.0 / queries.len().max(1) as f64
        );
        if let Some(k) = &keystrokes {
            println!();
            print!("{}", report::keystroke_table(k));
        }
        if args.failures > 0 {
            println!();
            print!("{}", report::misses(&measured, args.failures));
        }
    }
    if !measured.unknown_ids.is_empty() {
        return Err(Error::NotListed {
            ids: measured.unknown_ids.clone(),
        });
    }
    Ok(())
}

/// The forms `--simulate` writes: `--compound`, `--forms`, or the single
/// forms.
fn simulated_forms(args: &Args) -> Result<Vec<Form>, Error> {
    if args.compound {
        return Ok(Form::COMPOUND.to_vec());
    }
    if args.forms.is_empty() {
        return Ok(Form::ALL.to_vec());
    }
    args.forms
        .iter()
        .map(|name| {
            Form::from_name(name.trim()).ok_or_else(|| {
                let known: Vec<&str> = Form::EVERY.iter().map(|f| f.as_str()).collect();
                Error::Usage(format!(
                    "unknown form {name:?} in --forms; known: {}",
                    known.join(", ")
                ))
            })
        })
        .collect()
}

fn simulate(count: usize, args: &Args) -> Result<(), Error> {
    let forms = simulated_forms(args)?;
    let listings = eval::directory(args.directory_count, args.directory_seed)?;
    let queries = eval::simulate_forms(&listings, count, args.seed, &forms);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for q in &queries {
        serde_json::to_writer(&mut out, q).expect("a query always serialises");
        writeln!(out).map_err(Error::io("standard output"))?;
    }
    out.flush().map_err(Error::io("standard output"))?;
    eprintln!(
        "{} queries over {} listings (hotlines + gen --count {} --seed {}), simulator seed {}",
        queries.len(),
        listings.len(),
        args.directory_count,
        args.directory_seed,
        args.seed
    );
    for form in &forms {
        let n = queries.iter().filter(|q| q.form == *form).count();
        eprintln!("  {:<22} {n}", form.as_str());
    }
    Ok(())
}

/// An index built for one run and removed afterwards.
struct TempIndex(PathBuf);

impl TempIndex {
    fn build(count: usize, seed: u64) -> Result<TempIndex, Error> {
        let path = std::env::temp_dir().join(format!("chahao-eval-{}", std::process::id()));
        let listings = eval::directory(count, seed)?;
        eprintln!(
            "no --index: building the hotlines + gen --count {count} --seed {seed} ({} listings) in {}",
            listings.len(),
            path.display()
        );
        let record = BatchRecord::build(
            format!("eval-{count}-{seed}"),
            format!("hotlines + gen --count {count} --seed {seed}"),
            listings.len(),
        );
        let temp = TempIndex(path);
        index::build(&temp.0, &listings, &record, &|_| {})?;
        Ok(temp)
    }
}

impl Drop for TempIndex {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
