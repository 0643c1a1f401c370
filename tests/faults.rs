//! Faults of the disk and of the processes around a batch.
//!
//! Properties proven here:
//! 1. A full disk during `apply` (a real `ENOSPC` on a small tmpfs where the
//!    test may mount one, and always a real `EFBIG` from a file-size limit on
//!    the process) fails the batch with a message naming the problem; the
//!    directory keeps serving the generation it served, with the very same
//!    listings, nothing half-written is left to be served, and the batch
//!    applies once the fault is gone.
//! 2. A read-only index directory makes `apply` fail clearly and changes
//!    nothing, while `serve` still answers from it (only recording an
//!    operator's selection fails). As root, where file modes do not stop
//!    writes, the processes run as `nobody`.
//! 3. A damaged generation at start-up — a segment file truncated or with a
//!    flipped byte, `meta.json` garbled or emptied — is found by its
//!    checksum, and the newest earlier intact generation is served instead
//!    with a loud warning (the server, `chahao search`, `Live::open`); with
//!    no earlier generation, or a `CURRENT` that is garbled, empty or gone,
//!    every command fails with a message saying what to do. Nothing panics,
//!    and a directory that lost `CURRENT` is never replaced by the sample.
//! 4. A server killed and restarted while a batch is under way serves the
//!    directory either wholly before or wholly after the batch, never a
//!    mix; the batch then finishes (or, killed too, runs again) and the
//!    restarted server follows it.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chahao::index::{Directory, Live, Store};
use chahao::model::{Change, Listing};

type TestResult = Result<(), Box<dyn std::error::Error>>;
type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

use common::copy_dir;
use common::enc;
use common::BatchFixture as Fixture;

/// The directory and batch every fault test starts from.
fn fixture() -> Fallible<Fixture> {
    Fixture::new(7, 2_000, 600, 11)
}

impl Fixture {
    /// A fresh copy of the built directory at `name` under the temp dir.
    fn copy(&self, name: &str) -> Fallible<PathBuf> {
        let to = self.tmp.path().join(name);
        copy_dir(&self.pristine, &to)?;
        Ok(to)
    }
}

fn chahao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_chahao"))
}

fn apply_command(index: &Path, batch: &Path) -> Command {
    let mut cmd = chahao();
    cmd.args(["apply", "--input"])
        .arg(batch)
        .arg("--index")
        .arg(index)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn listings_of(root: &Path) -> Fallible<Vec<Listing>> {
    let mut now = Directory::open(root)?.all_listings()?;
    now.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(now)
}

fn current(root: &Path) -> Fallible<String> {
    Ok(Store::new(root).current()?.ok_or("no CURRENT")?)
}

/// The directory is exactly as it was: `CURRENT` names `generation`, a
/// server opening it now serves that generation with no fallback, it holds
/// `listings`, and no generation newer than it is left on disk.
fn assert_intact(root: &Path, generation: &str, listings: &[Listing]) -> TestResult {
    assert_eq!(current(root)?, generation, "CURRENT changed");
    let live = Live::open(root)?;
    assert_eq!(live.generation(), generation);
    assert_eq!(live.fallback(), None);
    let now = listings_of(root)?;
    assert!(
        now == listings,
        "{} listings now, {} before the failed batch, or different ones",
        now.len(),
        listings.len()
    );
    let newer: Vec<String> = Store::new(root)
        .generations()?
        .into_iter()
        .filter(|g| g.as_str() > generation)
        .collect();
    assert!(newer.is_empty(), "half-written generations left: {newer:?}");
    Ok(())
}

/// Runs `cmd` and returns its exit status and standard error, after
/// checking that it did not panic.
fn run(cmd: &mut Command) -> Fallible<(std::process::ExitStatus, String)> {
    let out = cmd.output()?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "a panic: {stderr}");
    Ok((out.status, stderr))
}

/// A failed apply: non-zero, the reason on standard error (`needle`), and
/// the report of what is still served.
fn assert_apply_failed(
    status: std::process::ExitStatus,
    stderr: &str,
    needle: &str,
    generation: &str,
) {
    assert!(!status.success(), "the batch was applied: {stderr}");
    assert!(
        stderr.contains(needle),
        "the error does not say {needle:?}: {stderr}"
    );
    assert!(
        (stderr.contains("batch not applied;") || stderr.contains("nothing was published"))
            && stderr.contains(generation),
        "the error does not say what is served: {stderr}"
    );
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

// ---------------------------------------------------------------- disk full

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: u64) -> Result<Tmpfs, String> {
        std::fs::create_dir_all(at).map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .map_err(|e| format!("mount: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        Ok(Tmpfs(at.to_path_buf()))
    }

    fn resize(&self, size: u64) -> TestResult {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .output()?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
        }
        Ok(())
    }

    fn used(&self) -> Fallible<u64> {
        let out = Command::new("df")
            .args(["-B1", "--output=used"])
            .arg(&self.0)
            .output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        Ok(text
            .lines()
            .nth(1)
            .ok_or("df printed nothing")?
            .trim()
            .parse()?)
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_fails_the_batch_and_keeps_the_directory() -> TestResult {
    let f = fixture()?;
    let mnt = f.tmp.path().join("small-disk");
    let disk = match Tmpfs::mount(&mnt, 64 << 20) {
        Ok(disk) => disk,
        Err(why) => {
            // Covered without privileges by the file-size limit test below.
            eprintln!("SKIPPED the tmpfs case: cannot mount a tmpfs here: {why}");
            return Ok(());
        }
    };
    let root = mnt.join("index");
    copy_dir(&f.pristine, &root)?;
    let generation = current(&root)?;
    // Room for the directory and 128 KiB more: the batch's new segments
    // and merges need megabytes.
    disk.resize(disk.used()? + (128 << 10))?;
    let (status, stderr) = run(&mut apply_command(&root, &f.batch))?;
    assert_apply_failed(status, &stderr, "No space left on device", &generation);
    assert_intact(&root, &generation, &f.before)?;
    // The same disk, made larger: the same batch applies.
    disk.resize(64 << 20)?;
    let (status, stderr) = run(&mut apply_command(&root, &f.batch))?;
    assert!(status.success(), "retry failed: {stderr}");
    assert_eq!(listings_of(&root)?, f.after);
    Ok(())
}

#[test]
fn a_file_size_limit_fails_the_batch_and_keeps_the_directory() -> TestResult {
    let f = fixture()?;
    let root = f.copy("limited")?;
    let generation = current(&root)?;
    // RLIMIT_FSIZE: a write past 64 KiB fails with EFBIG, a real write
    // failure in the middle of the batch. SIGXFSZ, which would kill the
    // process first, is ignored (an ignored signal stays ignored across
    // exec).
    let mut limited = Command::new("sh");
    limited
        .args([
            "-c",
            "trap '' XFSZ; exec prlimit --fsize=65536 -- \"$@\"",
            "sh",
            env!("CARGO_BIN_EXE_chahao"),
            "apply",
            "--input",
        ])
        .arg(&f.batch)
        .arg("--index")
        .arg(&root);
    let (status, stderr) = run(&mut limited)?;
    assert_apply_failed(status, &stderr, "File too large", &generation);
    assert_intact(&root, &generation, &f.before)?;
    let (status, stderr) = run(&mut apply_command(&root, &f.batch))?;
    assert!(status.success(), "retry failed: {stderr}");
    assert_eq!(listings_of(&root)?, f.after);
    Ok(())
}

// ---------------------------------------------------------------- read-only

fn set_writable(root: &Path, writable: bool) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for entry in std::fs::read_dir(root)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            set_writable(&entry.path(), writable)?;
        } else {
            let mode = if writable { 0o644 } else { 0o444 };
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))?;
        }
    }
    let mode = if writable { 0o755 } else { 0o555 };
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(mode))
}

/// As root, file modes stop nobody: the command runs as `nobody` instead.
fn unprivileged(mut cmd: Command) -> Command {
    if is_root() {
        cmd.uid(65534).gid(65534);
    }
    cmd
}

#[test]
fn a_read_only_directory_refuses_batches_and_still_serves() -> TestResult {
    let f = fixture()?;
    let root = f.copy("read-only")?;
    let generation = current(&root)?;
    set_writable(&root, false)?;
    let (status, stderr) = run(&mut unprivileged(apply_command(&root, &f.batch)))?;
    assert_apply_failed(status, &stderr, "Permission denied", &generation);

    let server = Server::start(unprivileged(serve_command(&root)))?;
    let health = server.get("/healthz")?;
    assert_eq!(health.0, 200, "{}", health.1);
    assert!(health.1.contains(&generation), "{}", health.1);
    let name = &f
        .before
        .iter()
        .find(|l| l.listed)
        .ok_or("a listed one")?
        .name;
    let found = server.get(&format!("/api/search?q={}", enc(name)))?;
    assert_eq!(found.0, 200, "{}", found.1);
    assert!(found.1.contains(name.as_str()), "{}", found.1);
    // Recording a selection needs the log, which cannot be written: that
    // request fails, and the server goes on answering.
    let id = &f.before.iter().find(|l| l.listed).ok_or("a listed one")?.id;
    let selection = server.post(
        "/api/selections",
        &format!("{{\"query\":\"x\",\"id\":\"{id}\",\"rank\":1}}"),
    )?;
    assert!(selection.0 >= 500, "{selection:?}");
    assert_eq!(server.get("/healthz")?.0, 200);
    drop(server);

    set_writable(&root, true)?;
    assert_intact(&root, &generation, &f.before)?;
    Ok(())
}

// ------------------------------------------------------------ damaged files

/// A directory of two generations: the build (gen 1) and the batch on it.
struct TwoGenerations {
    root: PathBuf,
    old: String,
    new: String,
}

fn two_generations(f: &Fixture, name: &str) -> Fallible<TwoGenerations> {
    let root = f.copy(name)?;
    let old = current(&root)?;
    let (status, stderr) = run(&mut apply_command(&root, &f.batch))?;
    assert!(status.success(), "{stderr}");
    let new = current(&root)?;
    Ok(TwoGenerations { root, old, new })
}

/// A tantivy file of generation `gen` that no other generation shares (a
/// segment the batch wrote, not a hard link to the old generation's).
fn own_segment_file(gen_dir: &Path) -> Fallible<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let mut files: Vec<(u64, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(gen_dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let meta = entry.metadata()?;
        if meta.is_file() && meta.nlink() == 1 && !name.ends_with(".json") && !name.starts_with('.')
        {
            files.push((meta.len(), entry.path()));
        }
    }
    files.sort();
    Ok(files.pop().ok_or("the batch wrote no segment file")?.1)
}

fn search_command(root: &Path, q: &str) -> Command {
    let mut cmd = chahao();
    cmd.args(["search", "--index"]).arg(root).arg(q);
    cmd
}

/// The damaged newest generation is passed over: `Live::open`, `chahao
/// search` and `chahao serve` serve the one before, and say so.
fn assert_falls_back(t: &TwoGenerations, f: &Fixture, damage: &str, serve: bool) -> TestResult {
    let live = Live::open(&t.root)?;
    assert_eq!(live.generation(), t.old, "{damage}");
    let why = live.fallback().ok_or("no warning")?;
    assert!(
        why.contains(&t.new) && why.contains(&t.old) && why.contains("EARLIER"),
        "{damage}: {why}"
    );
    let mut served = Directory::open_generation(&t.root.join(&t.old))?.all_listings()?;
    served.sort_by(|a, b| a.id.cmp(&b.id));
    assert!(served == f.before, "{damage}: not the state before");
    let name = &f
        .before
        .iter()
        .find(|l| l.listed)
        .ok_or("a listed one")?
        .name;
    let out = search_command(&t.root, name).output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{damage}: {stderr}");
    assert!(
        stderr.contains("WARNING") && stderr.contains(&t.new),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(name.as_str()));
    if serve {
        let server = Server::start(serve_command(&t.root))?;
        let health = server.get("/healthz")?;
        assert_eq!(health.0, 200);
        assert!(health.1.contains(&t.old), "{}", health.1);
        assert!(
            server.stderr_so_far().contains("WARNING"),
            "{}",
            server.stderr_so_far()
        );
    }
    Ok(())
}

#[test]
fn a_damaged_generation_falls_back_to_the_one_before() -> TestResult {
    let f = fixture()?;

    let t = two_generations(&f, "truncated-segment")?;
    let file = own_segment_file(&t.root.join(&t.new))?;
    let len = std::fs::metadata(&file)?.len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)?
        .set_len(len / 2)?;
    assert_falls_back(&t, &f, "truncated segment", true)?;
    // A batch is not applied on top of a damaged directory ...
    let (status, stderr) = run(&mut apply_command(&t.root, &f.batch))?;
    assert!(
        !status.success() && stderr.contains("damaged") && stderr.contains(&t.new),
        "{stderr}"
    );
    // ... and `rollback` repairs it: the generation before is published.
    let (status, stderr) = run(chahao().args(["rollback", "--index"]).arg(&t.root))?;
    assert!(status.success(), "rollback: {stderr}");
    let live = Live::open(&t.root)?;
    assert_eq!((live.generation(), live.fallback()), (t.old.clone(), None));

    let t = two_generations(&f, "flipped-byte")?;
    let file = own_segment_file(&t.root.join(&t.new))?;
    let mut bytes = std::fs::read(&file)?;
    let at = bytes.len() / 3;
    bytes[at] ^= 0x5a;
    std::fs::write(&file, bytes)?;
    assert_falls_back(&t, &f, "flipped byte", false)?;

    let t = two_generations(&f, "garbled-meta")?;
    std::fs::write(
        t.root.join(&t.new).join("meta.json"),
        b"{\"segments\": [garbage",
    )?;
    assert_falls_back(&t, &f, "garbled meta.json", false)?;

    let t = two_generations(&f, "empty-meta")?;
    std::fs::write(t.root.join(&t.new).join("meta.json"), b"")?;
    assert_falls_back(&t, &f, "empty meta.json", false)?;

    let t = two_generations(&f, "missing-generation")?;
    std::fs::remove_dir_all(t.root.join(&t.new))?;
    assert_falls_back(&t, &f, "generation removed", false)?;
    Ok(())
}

/// Every reader fails with `needle` in its message, without a panic.
fn assert_every_reader_fails(root: &Path, needle: &str) -> TestResult {
    let live = Live::open(root);
    let error = live.err().ok_or("Live::open succeeded")?.to_string();
    assert!(error.contains(needle), "Live::open: {error}");
    let (status, stderr) = run(&mut search_command(root, "医院"))?;
    assert!(
        !status.success() && stderr.contains(needle),
        "search: {stderr}"
    );
    let mut serve = serve_command(root);
    serve.stdout(Stdio::null()).stderr(Stdio::piped());
    let (status, stderr) = run(&mut serve)?;
    assert!(
        !status.success() && stderr.contains(needle),
        "serve: {stderr}"
    );
    Ok(())
}

#[test]
fn a_damaged_directory_with_nothing_to_fall_back_to_is_a_clear_error() -> TestResult {
    let f = fixture()?;

    // Only one generation, and it is damaged.
    let root = f.copy("only-one")?;
    let only = current(&root)?;
    let file = own_segment_file(&root.join(&only))?;
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)?
        .set_len(100)?;
    assert_every_reader_fails(&root, "no earlier intact generation")?;

    // CURRENT garbled or emptied: the generations are named, none guessed.
    for (case, content) in [("garbled", "gen-0\u{0}\u{0}xx"), ("empty", "")] {
        let t = two_generations(&f, &format!("current-{case}"))?;
        std::fs::write(t.root.join("CURRENT"), content)?;
        assert_every_reader_fails(&t.root, &format!("{}, {}", t.old, t.new))?;
    }

    // CURRENT gone: the directory is not replaced by the sample.
    let t = two_generations(&f, "current-gone")?;
    std::fs::remove_file(t.root.join("CURRENT"))?;
    assert_every_reader_fails(&t.root, "CURRENT is missing")?;
    assert_eq!(
        Store::new(&t.root).generations()?,
        vec![t.old.clone(), t.new.clone()],
        "something was built"
    );
    Ok(())
}

// --------------------------------------------------- the server, restarted

fn serve_command(root: &Path) -> Command {
    let mut cmd = chahao();
    // The test's own queries are one client: no rate limit.
    cmd.args([
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--rate-limit",
        "0",
        "--index",
    ])
    .arg(root)
    .env("RUST_LOG", "warn")
    .stdin(Stdio::null());
    cmd
}

/// A `chahao serve` child, killed when dropped.
struct Server {
    child: Child,
    address: String,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    fn start(mut cmd: Command) -> Fallible<Server> {
        let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn()?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (tx, rx) = std::sync::mpsc::channel();
        let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("serving on http://").nth(1) {
                    let address = rest.split('/').next().unwrap_or_default().to_string();
                    let _ = tx.send(address);
                }
                let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
                log.push_str(&line);
                log.push('\n');
            }
        });
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(address) => Ok(Server {
                child,
                address,
                stderr: seen,
            }),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                Err(format!(
                    "the server did not start: {}",
                    seen.lock().unwrap_or_else(|p| p.into_inner())
                )
                .into())
            }
        }
    }

    fn stderr_so_far(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn request(&self, request: &str) -> Fallible<(u16, String)> {
        let mut stream = TcpStream::connect(&self.address)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        stream.write_all(request.as_bytes())?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer)?;
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let status = answer
            .split_whitespace()
            .nth(1)
            .ok_or("no status line")?
            .parse()?;
        let body = answer
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        Ok((status, body))
    }

    fn get(&self, path: &str) -> Fallible<(u16, String)> {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        ))
    }

    fn post(&self, path: &str, json: &str) -> Fallible<(u16, String)> {
        self.request(&format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{json}",
            self.address,
            json.len()
        ))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill(); // SIGKILL: no graceful shutdown
        let _ = self.child.wait();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    Before,
    After,
    /// A sweep of probes that saw the switch from before to after.
    Switching,
}

/// Listings that tell the two states apart through the public API: each
/// with what `/api/listings/{id}` shows before and after the batch (`None`
/// for a 404).
fn probes(f: &Fixture) -> Vec<(String, Option<String>, Option<String>)> {
    let shown = |all: &[Listing], id: &str| {
        all.iter()
            .find(|l| l.id == id && l.listed)
            .map(|l| format!("{}|{}", l.name, l.phones[0].number))
    };
    let mut out = Vec::new();
    for change in &f.changes {
        let id = match change {
            Change::Add { listing } | Change::Update { listing } => listing.id.clone(),
            Change::Delete { id } => id.clone(),
        };
        let (was, will) = (shown(&f.before, &id), shown(&f.after, &id));
        if was != will {
            out.push((id, was, will));
        }
        if out.len() == 40 {
            break;
        }
    }
    out
}

/// Which state the server answers from: every probe must agree.
fn seen_state(
    server: &Server,
    probes: &[(String, Option<String>, Option<String>)],
) -> Fallible<Seen> {
    let mut votes = Vec::new();
    for (id, was, will) in probes {
        let (status, body) = server.get(&format!("/api/listings/{id}"))?;
        let shown = if status == 404 {
            None
        } else {
            assert_eq!(status, 200, "{body}");
            let v: serde_json::Value = serde_json::from_str(&body)?;
            Some(format!(
                "{}|{}",
                v["name"].as_str().unwrap_or_default(),
                v["phones"][0]["number"].as_str().unwrap_or_default()
            ))
        };
        votes.push(if shown == *was {
            Seen::Before
        } else if shown == *will {
            Seen::After
        } else {
            return Err(format!("{id}: {shown:?} is neither {was:?} nor {will:?}").into());
        });
    }
    // Each answer is wholly one state; a sweep of answers may see the
    // switch happen (before, then after), never the reverse.
    let switched = votes.iter().position(|v| *v == Seen::After);
    if let Some(at) = switched {
        assert!(
            votes[at..].iter().all(|v| *v == Seen::After),
            "answers went back to the state before the batch: {votes:?}"
        );
    }
    Ok(match switched {
        None => Seen::Before,
        Some(0) => Seen::After,
        Some(_) => Seen::Switching,
    })
}

fn wait_for_line(child: &mut Child, want: &str) -> TestResult {
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line)?;
    assert_eq!(line.trim(), want);
    Ok(())
}

/// Polls until the server answers from `want`, checking that every answer
/// on the way is wholly one state.
fn until_state(
    server: &Server,
    probes: &[(String, Option<String>, Option<String>)],
    want: Seen,
) -> TestResult {
    let started = Instant::now();
    while seen_state(server, probes)? != want {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server never switched to {want:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

#[test]
fn a_server_restarted_mid_batch_serves_before_or_after() -> TestResult {
    let f = fixture()?;
    let probes = probes(&f);
    assert!(probes.len() >= 20, "too few probes: {}", probes.len());

    // The batch waits after its merge; the server is killed and restarted
    // while it waits; then the batch finishes.
    let root = f.copy("restart-then-finish")?;
    let server = Server::start(serve_command(&root))?;
    assert_eq!(seen_state(&server, &probes)?, Seen::Before);
    let resume = f.tmp.path().join("resume");
    let mut apply = apply_command(&root, &f.batch)
        .env("CHAHAO_PAUSE_AT", "merged")
        .env("CHAHAO_RESUME_FILE", &resume)
        .spawn()?;
    wait_for_line(&mut apply, "paused at merged")?;
    assert_eq!(seen_state(&server, &probes)?, Seen::Before);
    drop(server);
    let server = Server::start(serve_command(&root))?;
    assert_eq!(seen_state(&server, &probes)?, Seen::Before);
    std::fs::write(&resume, b"")?;
    let status = apply.wait()?;
    assert!(status.success(), "the batch did not finish");
    until_state(&server, &probes, Seen::After)?;
    drop(server);
    let server = Server::start(serve_command(&root))?;
    assert_eq!(seen_state(&server, &probes)?, Seen::After);
    drop(server);

    // The server is killed at the very switch (the new CURRENT written, not
    // yet renamed), and the batch is killed there too; the server restarted
    // serves the state before; the batch run again is served after.
    let root = f.copy("restart-then-rerun")?;
    let server = Server::start(serve_command(&root))?;
    let mut apply = apply_command(&root, &f.batch)
        .env("CHAHAO_PAUSE_AT", "staged")
        .spawn()?;
    wait_for_line(&mut apply, "paused at staged")?;
    drop(server);
    apply.kill()?;
    apply.wait()?;
    let server = Server::start(serve_command(&root))?;
    assert_eq!(seen_state(&server, &probes)?, Seen::Before);
    let (status, stderr) = run(&mut apply_command(&root, &f.batch))?;
    assert!(status.success(), "rerun: {stderr}");
    until_state(&server, &probes, Seen::After)?;
    assert_eq!(listings_of(&root)?, f.after);

    // And the server killed and restarted at random moments of a whole
    // batch: every restart answers wholly before or wholly after.
    let root = f.copy("restart-while-running")?;
    let mut apply = apply_command(&root, &f.batch).spawn()?;
    let started = Instant::now();
    let mut restarts = 0;
    loop {
        let server = Server::start(serve_command(&root))?;
        seen_state(&server, &probes)?;
        drop(server);
        restarts += 1;
        if apply.try_wait()?.is_some() {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "apply hangs");
    }
    assert!(apply.wait()?.success());
    let server = Server::start(serve_command(&root))?;
    assert_eq!(seen_state(&server, &probes)?, Seen::After, "{restarts}");
    Ok(())
}
