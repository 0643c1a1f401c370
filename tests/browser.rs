//! End to end in a real browser: the `chahao serve` binary on a small
//! index, headless Chromium driven over WebDriver (chromedriver), typing
//! as a person would.
//!
//! Properties proven here:
//! 1. The public page searches as one types, highlights the matched
//!    characters (pinyin initials included), shows numbers as `tel:` links
//!    in their grouped form, filters by district, fits a phone screen, and
//!    never lets a slow answer to an earlier keystroke overwrite a newer
//!    one.
//! 2. The operator console keeps the cursor in the search box; each hit
//!    says why it matched; ↑/↓ move the highlight and the detail follows;
//!    the detail shows the main number large and grouped, the other
//!    numbers and the listed sibling departments (never an ex-directory
//!    one); Enter records the selection in the log; Esc clears for the
//!    next call.
//! 3. The console opened as `/console#token=…` takes the operator token
//!    out of the address, keeps it for the tab and sends it, so it is not
//!    held to the per-client rate limit; without it the same burst is.
//!
//! These tests need `chromium` and `chromium-driver` (Debian packages).
//! With `CI` set they must run and fail clearly when either is missing;
//! without `CI` and without chromedriver they are skipped with a message.
//! `CHROMEDRIVER` and `CHROMIUM` override the default paths.

#[path = "fixture/mod.rs"]
mod fixture;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// The longest any one wait in a test may take.
const WAIT: Duration = Duration::from_secs(10);
/// The longest one whole test may take.
const BUDGET: Duration = Duration::from_secs(60);
/// The pause between two keystrokes: a fast typist.
const KEYSTROKE: Duration = Duration::from_millis(40);

/// A child process that is killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The browser set-up, or `None` when the tests are to be skipped.
fn browser_paths() -> Option<(PathBuf, PathBuf)> {
    let driver = PathBuf::from(
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_string()),
    );
    let chromium = PathBuf::from(
        std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string()),
    );
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    if driver.exists() && chromium.exists() {
        return Some((driver, chromium));
    }
    if ci {
        panic!(
            "CI is set but the browser tests cannot run: {} {} and {} {}; \
             install them with `apt-get install -y chromium chromium-driver`",
            driver.display(),
            if driver.exists() {
                "exists"
            } else {
                "is missing"
            },
            chromium.display(),
            if chromium.exists() {
                "exists"
            } else {
                "is missing"
            },
        );
    }
    eprintln!(
        "browser tests skipped: install chromium chromium-driver \
         (apt-get install -y chromium chromium-driver) to run them"
    );
    None
}

/// Starts `chahao serve` on an ephemeral port of 127.0.0.1 over the
/// fixture index; returns the process and its base URL. Without an
/// operator token the per-client rate limit is off: every test types
/// quickly from one address, and the limit has its own tests
/// (`tests/limits.rs`). With one, the limit is tight (1/s, burst 10).
fn start_server(
    root: &Path,
    selections: &Path,
    operator_token: Option<&str>,
) -> TestResult<(Running, String)> {
    fixture::build(root, &fixture::listings())?;
    let mut command = Command::new(env!("CARGO_BIN_EXE_chahao"));
    command.arg("serve");
    match operator_token {
        None => command.args(["--rate-limit", "0"]),
        Some(token) => command
            .args(["--rate-limit", "1", "--rate-burst", "10"])
            .env("CHAHAO_OPERATOR_TOKEN", token),
    };
    let mut child = command
        .arg("--index")
        .arg(root)
        .arg("--listen")
        .arg("127.0.0.1:0")
        .arg("--selections")
        .arg(selections)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let stderr = child.stderr.take().ok_or("the server's stderr")?;
    let running = Running(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("http://") {
                let host = line[at + "http://".len()..]
                    .split('/')
                    .next()
                    .unwrap_or_default();
                let _ = tx.send(format!("http://{host}"));
            }
            eprintln!("server: {line}");
        }
    });
    let base = rx
        .recv_timeout(WAIT)
        .map_err(|_| "the server did not say where it listens")?;
    Ok((running, base))
}

/// Starts chromedriver on a free port and waits until it answers.
fn start_driver(driver: &Path) -> TestResult<(Running, String)> {
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let running = Running(child);
    let deadline = Instant::now() + WAIT;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err("chromedriver did not start listening".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((running, format!("http://127.0.0.1:{port}")))
}

async fn connect(driver_url: &str, chromium: &Path, profile: &Path) -> TestResult<Client> {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--lang=zh-CN",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = tokio::time::timeout(
        WAIT * 3,
        ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(driver_url),
    )
    .await
    .map_err(|_| "chromium did not start in time")??;
    Ok(client)
}

/// Everything one browser test needs: the server, the browser, and where
/// the selection log is.
struct Rig {
    base: String,
    selections: PathBuf,
}

/// Runs `body` against a fresh server and browser, always closing the
/// browser (which ends Chromium) and stopping both processes afterwards —
/// also when an assertion panics: the body runs as its own task, so its
/// panic comes back here as a value instead of unwinding past the close.
async fn with_browser<F>(body: F) -> TestResult
where
    F: FnOnce(Client, Arc<Rig>) -> BoxFuture<TestResult>,
{
    with_browser_on(None, body).await
}

/// [`with_browser`] on a server with `operator_token` (and so a tight
/// rate limit) when one is given.
async fn with_browser_on<F>(operator_token: Option<&str>, body: F) -> TestResult
where
    F: FnOnce(Client, Arc<Rig>) -> BoxFuture<TestResult>,
{
    let Some((driver, chromium)) = browser_paths() else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let selections = dir.path().join("selections.jsonl");
    let (_server, base) = start_server(&dir.path().join("index"), &selections, operator_token)?;
    let (_driver, driver_url) = start_driver(&driver)?;
    let client = connect(&driver_url, &chromium, &dir.path().join("profile")).await?;
    let rig = Arc::new(Rig { base, selections });
    let task = tokio::spawn(body(client.clone(), rig));
    let outcome = tokio::time::timeout(BUDGET, task).await;
    let page = match &outcome {
        Ok(Ok(Ok(()))) => String::new(),
        _ => visible_text(&client).await.unwrap_or_default(),
    };
    let _ = client.close().await;
    match outcome {
        Ok(Ok(Ok(()))) => Ok(()),
        Ok(Ok(Err(e))) => Err(format!("{e}\n--- the page showed ---\n{page}").into()),
        Ok(Err(join)) => {
            eprintln!("--- the page showed ---\n{page}");
            match join.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => Err(e.into()),
            }
        }
        Err(_) => Err(format!("the test took over {BUDGET:?}\n--- page ---\n{page}").into()),
    }
}

/// A boxed future, without pulling in the `futures` crate.
type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send>>;

async fn visible_text(client: &Client) -> TestResult<String> {
    Ok(client
        .execute("return document.body.innerText;", vec![])
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string())
}

/// Evaluates `script` (a function body that returns a value) until it
/// returns something truthy, or fails after [`WAIT`] saying `what`.
async fn wait_for(client: &Client, what: &str, script: &str) -> TestResult<Value> {
    let deadline = Instant::now() + WAIT;
    loop {
        let value = client.execute(script, vec![]).await?;
        let truthy = match &value {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => true,
        };
        if truthy {
            return Ok(value);
        }
        if Instant::now() > deadline {
            return Err(format!("timed out waiting for {what} (last value: {value})").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Saves a screenshot as `NAME.png` in the directory `CHAHAO_SCREENSHOTS`
/// names, when it is set: for looking at what the tests saw.
async fn snapshot(client: &Client, name: &str) -> TestResult {
    if let Some(dir) = std::env::var_os("CHAHAO_SCREENSHOTS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("{name}.png")), client.screenshot().await?)?;
    }
    Ok(())
}

/// Types `text` into the focused search box one character at a time.
async fn type_slowly(client: &Client, text: &str) -> TestResult {
    let input = client.find(Locator::Id("q")).await?;
    for c in text.chars() {
        input.send_keys(&c.to_string()).await?;
        tokio::time::sleep(KEYSTROKE).await;
    }
    Ok(())
}

async fn press(client: &Client, key: Key) -> TestResult {
    client
        .active_element()
        .await?
        .send_keys(&key.to_string())
        .await?;
    Ok(())
}

async fn focus_is_in_search_box(client: &Client) -> TestResult<bool> {
    Ok(client
        .execute(
            "return document.activeElement && document.activeElement.id === 'q';",
            vec![],
        )
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// The texts of all elements matching `css`.
async fn texts(client: &Client, css: &str) -> TestResult<Vec<String>> {
    let value = client
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim());",
            vec![json!(css)],
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_page_searches_as_you_type() -> TestResult {
    with_browser(|client, rig| Box::pin(async move { public_page(&client, &rig).await })).await
}

async fn public_page(client: &Client, rig: &Rig) -> TestResult {
    client.goto(&format!("{}/", rig.base)).await?;
    assert!(client.title().await?.contains("查号"));
    wait_for(
        client,
        "the cursor in the search box",
        "return document.activeElement && document.activeElement.id === 'q';",
    )
    .await?;
    let label = client
        .find(Locator::Css("label[for=q]"))
        .await?
        .text()
        .await?;
    assert!(!label.is_empty(), "the search box has a label");
    // The filters come from the API, ex-directory districts excluded.
    let districts = wait_for(
        client,
        "the district filter",
        "const o = [...document.querySelectorAll('#district option')].map(o => o.value).filter(Boolean); \
         return o.length ? o : null;",
    )
    .await?;
    assert_eq!(districts, json!(["越秀区", "天河区", "海珠区", "黄埔区"]));

    // Pinyin initials, typed one key at a time: the match is highlighted.
    type_slowly(client, "zsdx").await?;
    wait_for(
        client,
        "中山大学 first, for zsdx",
        "const c = document.querySelector('#results .card .name'); \
         return c && c.textContent === '中山大学';",
    )
    .await?;
    assert_eq!(
        texts(client, "#results .card:first-child mark").await?,
        ["中山大学"]
    );
    let tel = client
        .find(Locator::Css("#results .card:first-child a.tel"))
        .await?;
    assert_eq!(tel.attr("href").await?.as_deref(), Some("tel:02084112828"));
    assert_eq!(tel.text().await?, "020-8411-2828");
    assert!(client.current_url().await?.as_str().contains("q=zsdx"));

    // A Chinese short name; the card shows department, numbers and place.
    client.find(Locator::Id("q")).await?.clear().await?;
    type_slowly(client, "中山一院").await?;
    wait_for(
        client,
        "the hospital for 中山一院",
        "const c = document.querySelector('#results .card'); \
         return c && c.dataset.id === 'ZS1Y';",
    )
    .await?;
    let numbers = texts(client, "#results .card:first-child a.tel").await?;
    assert_eq!(numbers, ["020-8775-5766", "020-8733-2200"]);
    let place = texts(client, "#results .card:first-child .place").await?;
    assert_eq!(place, ["越秀区 · 中山二路58号"]);
    snapshot(client, "public-desktop").await?;
    let body = visible_text(client).await?;
    assert!(!body.contains("院长办公室") && !body.contains("8733-9999"));

    // The district filter narrows the hits.
    client.find(Locator::Id("q")).await?.clear().await?;
    type_slowly(client, "工行").await?;
    wait_for(
        client,
        "the bank for 工行",
        "return [...document.querySelectorAll('#results .card')].some(c => c.dataset.id === 'ICBC');",
    )
    .await?;
    client
        .find(Locator::Id("district"))
        .await?
        .select_by_value("天河区")
        .await?;
    wait_for(
        client,
        "only the Tianhe branch",
        "const ids = [...document.querySelectorAll('#results .card')].map(c => c.dataset.id); \
         return ids.length === 1 && ids[0] === 'ICBC-TH';",
    )
    .await?;
    client
        .find(Locator::Id("district"))
        .await?
        .select_by_value("")
        .await?;

    // Nothing found says so.
    client.find(Locator::Id("q")).await?.clear().await?;
    type_slowly(client, "完全不存在的单位").await?;
    wait_for(
        client,
        "the no-result message",
        "const s = document.getElementById('status').textContent; \
         return s.includes('没有找到') && !document.querySelector('#results .card');",
    )
    .await?;

    // Nothing matches all of a request: the page says what it shows
    // instead.
    client.find(Locator::Id("q")).await?.clear().await?;
    type_slowly(client, "中山大学保卫科").await?;
    wait_for(
        client,
        "the partial-match notice",
        "const s = document.getElementById('status').textContent; \
         return s.includes('未找到「中山大学保卫科」，以下为「中山大学」的结果') \
           && document.querySelector('#results .card');",
    )
    .await?;

    // A slow answer to an earlier keystroke never overwrites a newer one:
    // the answer for "中" is held back for 1.5 s (the fake fetch ignores
    // aborts, as a slow network might), "中山大学" answers at once.
    client
        .execute(
            "const real = window.fetch; \
             window.fetch = (url, opts) => { \
               const slow = String(url).includes('q=%E4%B8%AD&') || String(url).endsWith('q=%E4%B8%AD'); \
               const plain = Object.assign({}, opts, { signal: undefined }); \
               return slow ? new Promise(r => setTimeout(() => r(real(url, plain)), 1500)) : real(url, opts); \
             };",
            vec![],
        )
        .await?;
    let input = client.find(Locator::Id("q")).await?;
    input.clear().await?;
    input.send_keys("中").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    input.send_keys("山大学").await?;
    wait_for(
        client,
        "the answer to 中山大学",
        "const c = document.querySelector('#results .card'); return c && c.dataset.id === 'ZSDX';",
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(1800)).await;
    let first = client
        .execute(
            "const c = document.querySelector('#results .card'); return c ? c.dataset.id : null;",
            vec![],
        )
        .await?;
    assert_eq!(
        first,
        json!("ZSDX"),
        "the late answer to 中 overwrote 中山大学"
    );

    // A phone screen: nothing wider than the viewport.
    client.set_window_size(390, 844).await?;
    client.refresh().await?;
    type_slowly(client, "zsdx").await?;
    wait_for(
        client,
        "results on a phone screen",
        "return document.querySelector('#results .card');",
    )
    .await?;
    let overflow = client
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            vec![],
        )
        .await?;
    snapshot(client, "public-phone").await?;
    assert_eq!(overflow, json!(0), "the page scrolls sideways on a phone");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_works_from_the_keyboard() -> TestResult {
    with_browser(|client, rig| Box::pin(async move { console(&client, &rig).await })).await
}

/// The state of the console: hits (id, why, active), and the detail.
async fn console_state(client: &Client) -> TestResult<Value> {
    Ok(client
        .execute(
            "const hits = [...document.querySelectorAll('#hits li.hit')].map(li => ({ \
               id: li.dataset.id, why: li.querySelector('.why').textContent, \
               active: li.getAttribute('aria-selected') === 'true' })); \
             const d = document.getElementById('detail'); \
             return { hits, q: document.getElementById('q').value, \
               detail: d.hidden ? null : { id: d.dataset.id, \
                 number: document.getElementById('d-number').textContent, \
                 label: document.getElementById('d-label').textContent, \
                 dept: document.getElementById('d-dept').textContent, \
                 others: [...document.querySelectorAll('#d-phones .num')].map(e => e.textContent), \
                 siblings: [...document.querySelectorAll('#d-siblings li')].map(e => e.dataset.id), \
                 chosen: document.getElementById('chosen').hidden ? '' : document.getElementById('chosen').textContent } };",
            vec![],
        )
        .await?)
}

async fn console(client: &Client, rig: &Rig) -> TestResult {
    client.goto(&format!("{}/console", rig.base)).await?;
    wait_for(
        client,
        "the cursor in the search box",
        "return document.activeElement && document.activeElement.id === 'q';",
    )
    .await?;

    // Initials: the hit says why it matched, the detail shows its number.
    type_slowly(client, "zsdx").await?;
    wait_for(
        client,
        "中山大学 for zsdx",
        "const li = document.querySelector('#hits li.hit'); return li && li.dataset.id === 'ZSDX';",
    )
    .await?;
    let state = console_state(client).await?;
    assert_eq!(state["hits"][0]["why"], "首字母", "{state}");
    assert_eq!(state["hits"][0]["active"], true, "{state}");
    assert_eq!(state["detail"]["number"], "020-8411-2828", "{state}");

    // Esc clears everything for the next call; the cursor stays.
    press(client, Key::Escape).await?;
    let state = console_state(client).await?;
    assert_eq!(state["q"], "", "{state}");
    assert_eq!(state["hits"], json!([]), "{state}");
    assert!(state["detail"].is_null(), "{state}");
    assert!(focus_is_in_search_box(client).await?);

    // A short name: the hospital, then its listed departments.
    type_slowly(client, "中山一院").await?;
    wait_for(
        client,
        "the hospital and its departments",
        "const ids = [...document.querySelectorAll('#hits li.hit')].map(l => l.dataset.id); \
         const why = document.querySelector('#hits li.hit .why'); \
         return ids[0] === 'ZS1Y' && ids.includes('ZS1Y-JZ') && ids.includes('ZS1Y-GH') \
           && why !== null && why.textContent === '简称';",
    )
    .await?;
    wait_for(
        client,
        "the siblings of the hospital",
        "return document.querySelectorAll('#d-siblings li').length === 2;",
    )
    .await?;
    let state = console_state(client).await?;
    assert_eq!(state["hits"][0]["why"], "简称", "{state}");
    let ids: Vec<&str> = state["hits"]
        .as_array()
        .ok_or("hits")?
        .iter()
        .filter_map(|h| h["id"].as_str())
        .collect();
    assert!(!ids.contains(&"ZS1Y-YZ"), "ex-directory hit: {state}");
    let detail = &state["detail"];
    assert_eq!(detail["id"], "ZS1Y");
    assert_eq!(detail["label"], "总机");
    assert_eq!(
        detail["number"], "020-8775-5766",
        "grouped for reading aloud"
    );
    assert_eq!(detail["others"], json!(["020-8733-2200"]));
    assert_eq!(detail["siblings"], json!(["ZS1Y-JZ", "ZS1Y-GH"]), "{state}");
    let font_px = client
        .execute(
            "return parseFloat(getComputedStyle(document.getElementById('d-number')).fontSize);",
            vec![],
        )
        .await?
        .as_f64()
        .unwrap_or_default();
    assert!(font_px >= 30.0, "the number is shown large ({font_px}px)");

    // ↓ ↓ ↑ moves the highlight and the detail follows it.
    press(client, Key::Down).await?;
    press(client, Key::Down).await?;
    press(client, Key::Up).await?;
    let state = console_state(client).await?;
    let active: Vec<usize> = state["hits"]
        .as_array()
        .ok_or("hits")?
        .iter()
        .enumerate()
        .filter(|(_, h)| h["active"] == true)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(active, [1], "{state}");
    let second = state["hits"][1]["id"]
        .as_str()
        .ok_or("second hit")?
        .to_string();
    assert_eq!(state["detail"]["id"], second.as_str(), "{state}");
    wait_for(
        client,
        "the department's siblings",
        "return [...document.querySelectorAll('#d-siblings li')].some(l => l.dataset.id === 'ZS1Y');",
    )
    .await?;

    // Enter selects it: shown as chosen and recorded in the log.
    press(client, Key::Enter).await?;
    wait_for(
        client,
        "the selection to be recorded",
        "return document.getElementById('chosen').textContent.includes('已记录');",
    )
    .await?;
    snapshot(client, "console").await?;
    assert!(focus_is_in_search_box(client).await?, "the cursor stayed");
    let log = std::fs::read_to_string(&rig.selections)?;
    let lines: Vec<Value> = log
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    assert_eq!(lines.len(), 1, "{log}");
    assert_eq!(lines[0]["query"], "中山一院");
    assert_eq!(lines[0]["id"], second.as_str());
    assert_eq!(lines[0]["rank"], 2);

    // The next call: Esc, a number typed backwards from its end.
    press(client, Key::Escape).await?;
    type_slowly(client, "95588").await?;
    wait_for(
        client,
        "the bank by its number",
        "const li = document.querySelector('#hits li.hit'); return li && li.dataset.id === 'ICBC';",
    )
    .await?;
    let state = console_state(client).await?;
    assert_eq!(state["hits"][0]["why"], "号码", "{state}");
    assert_eq!(state["detail"]["number"], "95588");

    // Enter typed faster than the answer still selects the right hit.
    press(client, Key::Escape).await?;
    let input = client.find(Locator::Id("q")).await?;
    input.send_keys(&format!("zsdx{}", Key::Enter)).await?;
    wait_for(
        client,
        "the quick Enter to be recorded",
        "const c = document.getElementById('chosen'); \
         return !c.hidden && c.textContent.includes('已记录') \
           && document.getElementById('detail').dataset.id === 'ZSDX';",
    )
    .await?;
    let log = std::fs::read_to_string(&rig.selections)?;
    let last: Value = serde_json::from_str(log.lines().last().ok_or("a line")?)?;
    assert_eq!(last["query"], "zsdx");
    assert_eq!(last["id"], "ZSDX");
    Ok(())
}

const OPERATOR_TOKEN: &str = "operator-browser-3c9e";

#[tokio::test]
async fn console_sends_the_operator_token() -> TestResult {
    with_browser_on(Some(OPERATOR_TOKEN), |client, rig| {
        Box::pin(async move { operator_token(&client, &rig).await })
    })
    .await
}

async fn operator_token(client: &Client, rig: &Rig) -> TestResult {
    client
        .goto(&format!("{}/console#token={OPERATOR_TOKEN}", rig.base))
        .await?;
    let kept = client
        .execute(
            "return [location.hash, sessionStorage.getItem('chahao.operatorToken')];",
            vec![],
        )
        .await?;
    assert_eq!(
        kept,
        json!(["", OPERATOR_TOKEN]),
        "the token leaves the address and stays with the tab"
    );
    // Thirty requests at once, through the page's own fetch helper.
    let burst = "const done = arguments[arguments.length - 1];
        Promise.all(Array.from({ length: 30 }, () =>
            Chahao.getJson('/api/districts').then((r) => r.status)))
          .then(done, (e) => done(String(e)));";
    let with_token = client.execute_async(burst, vec![]).await?;
    let statuses: Vec<u64> =
        serde_json::from_value(with_token.clone()).map_err(|e| format!("{e}: {with_token}"))?;
    assert!(
        statuses.iter().all(|&s| s == 200),
        "with the token: {statuses:?}"
    );
    client
        .execute("sessionStorage.removeItem('chahao.operatorToken');", vec![])
        .await?;
    let without = client.execute_async(burst, vec![]).await?;
    let statuses: Vec<u64> =
        serde_json::from_value(without.clone()).map_err(|e| format!("{e}: {without}"))?;
    assert!(
        statuses.contains(&429),
        "without the token the burst is limited: {statuses:?}"
    );
    Ok(())
}
