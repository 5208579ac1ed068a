//! `reweigh fetch` against a loopback HTTP server started by each test (127.0.0.1, an ephemeral
//! port, a thread): it replays real AA records (tests/fixtures/aa-api, README there) in each
//! endpoint's envelope, page by page, and scripted failures. Nothing reaches the network. The tests
//! drive the real binary with the backoff base at 1 ms (REWEIGH_FETCH_BACKOFF_MS).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{json, root, scratch};

const KEY: &str = "aa-test-KEY-5f3c9e1d";

/// One scripted answer.
#[derive(Clone)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    how: How,
}

#[derive(Clone, Copy, PartialEq)]
enum How {
    Whole,
    /// `Content-Length` of the whole body, half of it sent, then the connection closed.
    CutShort,
    /// The request is read and never answered (until the client gives up).
    Silent,
}

fn ok(body: String) -> Answer {
    Answer {
        status: 200,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.into_bytes(),
        how: How::Whole,
    }
}

fn status(code: u16) -> Answer {
    Answer {
        status: code,
        headers: vec![],
        body: format!("{{\"error\":\"status {code}\"}}").into_bytes(),
        how: How::Whole,
    }
}

/// What the server saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    target: String,
    key: Option<String>,
    at: Instant,
}

struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
    fn targets(&self) -> Vec<String> {
        self.seen().into_iter().map(|s| s.target).collect()
    }
}

/// Serves `script` in order, one connection per answer (`Connection: close`), then stops
/// listening (a further request is refused).
fn serve(script: Vec<Answer>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for answer in script {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            stream
                .set_read_timeout(Some(Duration::from_secs(20)))
                .unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && head.len() < 65_536 {
                match stream.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            let text = String::from_utf8_lossy(&head).into_owned();
            let target = text.split(' ').nth(1).unwrap_or("").to_string();
            let key = text.lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("x-api-key")
                    .then(|| value.trim().to_string())
            });
            log.lock().unwrap().push(Seen {
                target,
                key,
                at: Instant::now(),
            });
            if answer.how == How::Silent {
                // Hold the connection open until the client closes it.
                let mut sink = [0u8; 256];
                while matches!(stream.read(&mut sink), Ok(n) if n > 0) {}
                continue;
            }
            let reason = match answer.status {
                200 => "OK",
                401 => "Unauthorized",
                403 => "Forbidden",
                404 => "Not Found",
                410 => "Gone",
                429 => "Too Many Requests",
                _ => "Status",
            };
            let mut out = format!(
                "HTTP/1.1 {} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n",
                answer.status,
                answer.body.len()
            );
            for (k, v) in &answer.headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str("\r\n");
            let mut bytes = out.into_bytes();
            let body: &[u8] = match answer.how {
                How::CutShort => &answer.body[..answer.body.len() / 2],
                _ => &answer.body,
            };
            bytes.extend_from_slice(body);
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
        }
    });
    Server { base, seen }
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/aa-api").join(name)
}

/// The records of a fixture file.
fn records(name: &str) -> Vec<serde_json::Value> {
    let v = json(&std::fs::read_to_string(fixture(name)).unwrap());
    v.as_array().unwrap().clone()
}

/// The language endpoint's pages around `records`, `size` a page (the documented envelope).
fn language_pages(
    records: &[serde_json::Value],
    size: usize,
    tier: &str,
    version: &str,
) -> Vec<String> {
    let chunks: Vec<&[serde_json::Value]> = records.chunks(size).collect();
    let total = chunks.len();
    chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let data: Vec<String> = chunk.iter().map(|r| r.to_string()).collect();
            format!(
                "{{\"tier\":\"{tier}\",\"intelligence_index_version\":{version},\"pagination\":{{\"page\":{},\"page_size\":{size},\"total_pages\":{total},\"has_more\":{}}},\"data\":[{}]}}",
                i + 1,
                i + 1 < total,
                data.join(",")
            )
        })
        .collect()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `reweigh fetch` with the key in AA_API_KEY (unless `key` is None), backoff base 1 ms, no
/// proxy, from `dir`.
fn fetch(dir: &Path, args: &[&str], key: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reweigh"));
    cmd.arg("fetch").args(args).current_dir(dir);
    for var in [
        "AA_API_KEY",
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("REWEIGH_FETCH_BACKOFF_MS", "1");
    if let Some(k) = key {
        cmd.env("AA_API_KEY", k);
    }
    let out = cmd.output().expect("the reweigh binary runs");
    Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Every file under `dir` (relative paths, sorted), hidden ones included.
fn files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push(path.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The key appears nowhere: not on stdout or stderr, not in any file under `dir` (but the key file
/// a test wrote).
fn key_nowhere(run: &Run, dir: &Path) {
    assert!(!run.stdout.contains(KEY), "the key on stdout");
    assert!(!run.stderr.contains(KEY), "the key on stderr");
    for f in files(dir).into_iter().filter(|f| f != "key.txt") {
        let bytes = std::fs::read(dir.join(&f)).unwrap();
        assert!(
            !bytes.windows(KEY.len()).any(|w| w == KEY.as_bytes()),
            "the key in {f}"
        );
    }
}

fn sha256(bytes: &[u8]) -> String {
    // The binary's own hash is checked against an independent one: sha256sum.
    let mut child = Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sha256sum runs");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_string()
}

/// A record's value at a dotted path (`pricing.price_1m_input_tokens`).
fn at<'a>(record: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.').try_fold(record, |v, k| v.get(k))
}

/// Pro (and legacy-derived) keys → canonical columns, as datasets/adapters/aa-language-pro.toml
/// maps them; `true` where AA's 0 means unknown (written null).
const PRO_COLUMNS: [(&str, &str, bool); 18] = [
    ("slug", "slug", false),
    ("name", "model", false),
    ("model_creator.name", "creator", false),
    ("release_date", "release_date", false),
    (
        "evaluations.artificial_analysis_intelligence_index",
        "published_index",
        false,
    ),
    (
        "evaluations.artificial_analysis_coding_index",
        "published_coding_index",
        false,
    ),
    ("evaluations.gpqa_diamond", "gpqa", false),
    ("evaluations.hle", "hle", false),
    ("evaluations.scicode", "scicode", false),
    ("evaluations.ifbench", "ifbench", false),
    ("evaluations.aa_lcr", "aa_lcr", false),
    (
        "evaluations.terminalbench_hard",
        "terminalbench_hard",
        false,
    ),
    ("evaluations.terminalbench_v2_1", "terminalbench_v21", false),
    ("evaluations.tau2_telecom", "tau2_telecom", false),
    ("evaluations.tau_banking", "tau3_banking", false),
    (
        "pricing.price_1m_input_tokens",
        "price_input_per_1m_usd",
        true,
    ),
    (
        "pricing.price_1m_output_tokens",
        "price_output_per_1m_usd",
        true,
    ),
    (
        "performance.median_output_tokens_per_second",
        "output_speed_tps",
        true,
    ),
];

/// The legacy endpoint's keys → canonical columns (the payloads README's alias table).
const LEGACY_COLUMNS: [(&str, &str, bool); 18] = [
    ("slug", "slug", false),
    ("name", "model", false),
    ("model_creator.name", "creator", false),
    ("release_date", "release_date", false),
    (
        "evaluations.artificial_analysis_intelligence_index",
        "published_index",
        false,
    ),
    (
        "evaluations.artificial_analysis_coding_index",
        "published_coding_index",
        false,
    ),
    ("evaluations.gpqa", "gpqa", false),
    ("evaluations.hle", "hle", false),
    ("evaluations.scicode", "scicode", false),
    ("evaluations.ifbench", "ifbench", false),
    ("evaluations.lcr", "aa_lcr", false),
    (
        "evaluations.terminalbench_hard",
        "terminalbench_hard",
        false,
    ),
    ("evaluations.terminalbench_v2_1", "terminalbench_v21", false),
    ("evaluations.tau2", "tau2_telecom", false),
    ("evaluations.tau_banking", "tau3_banking", false),
    (
        "pricing.price_1m_input_tokens",
        "price_input_per_1m_usd",
        true,
    ),
    (
        "pricing.price_1m_output_tokens",
        "price_output_per_1m_usd",
        true,
    ),
    ("median_output_tokens_per_second", "output_speed_tps", true),
];

/// The Free tier's keys → canonical columns.
const FREE_COLUMNS: [(&str, &str, bool); 9] = [
    ("slug", "slug", false),
    ("name", "model", false),
    ("model_creator.name", "creator", false),
    (
        "evaluations.artificial_analysis_intelligence_index",
        "published_index",
        false,
    ),
    (
        "evaluations.artificial_analysis_coding_index",
        "published_coding_index",
        false,
    ),
    (
        "evaluations.artificial_analysis_agentic_index",
        "published_agentic_index",
        false,
    ),
    (
        "pricing.price_1m_input_tokens",
        "price_input_per_1m_usd",
        true,
    ),
    (
        "pricing.price_1m_output_tokens",
        "price_output_per_1m_usd",
        true,
    ),
    (
        "performance.median_output_tokens_per_second",
        "output_speed_tps",
        true,
    ),
];

/// Every record is one row, in order, and every mapped value is the record's (a number the same
/// f64, text the same text, null or AA's unknown 0 as null); each row's provenance is its page's.
fn rows_are_the_records(
    rows: &[serde_json::Value],
    records: &[serde_json::Value],
    per_page: usize,
    columns: &[(&str, &str, bool)],
    manifest: &serde_json::Value,
) {
    assert_eq!(rows.len(), records.len());
    let mut checked = 0;
    for (i, (row, record)) in rows.iter().zip(records).enumerate() {
        for (key, column, zero_unknown) in columns {
            let Some(value) = at(record, key) else {
                continue;
            };
            let got = &row[*column];
            match value {
                serde_json::Value::Number(n) if *zero_unknown && n.as_f64() == Some(0.0) => {
                    assert!(got.is_null(), "{column} of record {i}: AA's 0 is unknown")
                }
                serde_json::Value::Number(n) => {
                    assert_eq!(got.as_f64(), n.as_f64(), "{column} of record {i}")
                }
                other => assert_eq!(got, other, "{column} of record {i}"),
            }
            checked += 1;
        }
        let page = &manifest["pages"][i / per_page];
        assert_eq!(row["source"], page["url"], "record {i}");
        assert_eq!(row["retrieved_at"], page["retrieved_at"], "record {i}");
        assert_eq!(row["source_sha256"], page["sha256"], "record {i}");
        assert_eq!(
            row["source_endpoint"],
            format!(
                "{}{}",
                manifest["base_url"].as_str().unwrap(),
                manifest["path"].as_str().unwrap()
            )
        );
        assert_eq!(
            row["attribution"],
            "Artificial Analysis, artificialanalysis.ai"
        );
    }
    assert!(
        checked >= records.len() * 5,
        "only {checked} values compared"
    );
}

/// A failed fetch: exit 2, the message contains every needle, nothing written, the key nowhere.
fn fails(dir: &Path, run: &Run, needles: &[&str]) {
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    for n in needles {
        assert!(run.stderr.contains(n), "{n:?} not in: {}", run.stderr);
    }
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
    let left: Vec<String> = files(dir)
        .into_iter()
        .filter(|f| f != "key.txt" && !f.starts_with("before"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    key_nowhere(run, dir);
}

#[test]
fn the_language_endpoint_page_by_page() {
    let dir = scratch("fetch-pages");
    let pages = language_pages(&records("language-pro-v4.1.json"), 1, "pro", "4.1");
    assert_eq!(pages.len(), 4);
    let server = serve(pages.iter().cloned().map(ok).collect());
    let run = fetch(
        &dir,
        &[
            "--base-url",
            &server.base,
            "--out",
            "today.json",
            "--format",
            "json",
        ],
        Some(KEY),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    // Every page asked for, in order, each with the key in its header.
    assert_eq!(
        server.targets(),
        (1..=4)
            .map(|n| format!("/api/v2/language/models?page={n}"))
            .collect::<Vec<_>>()
    );
    assert!(server.seen().iter().all(|s| s.key.as_deref() == Some(KEY)));
    // The raw pages exactly as served, and the manifest's provenance of each.
    let manifest =
        json(&std::fs::read_to_string(dir.join("today.json.raw/manifest.json")).unwrap());
    assert_eq!(json(&run.stdout), manifest, "stdout is the manifest");
    assert_eq!(manifest["endpoint"], "language");
    assert_eq!(manifest["path"], "/api/v2/language/models");
    assert_eq!(manifest["tier"], "pro");
    assert_eq!(manifest["index_version"], "4.1");
    for (i, served) in pages.iter().enumerate() {
        let n = i + 1;
        let kept = std::fs::read(dir.join(format!("today.json.raw/page-{n}.json"))).unwrap();
        assert_eq!(kept, served.as_bytes(), "page {n} kept as received");
        let m = &manifest["pages"][i];
        assert_eq!(m["page"], n);
        assert_eq!(m["records"], 1);
        assert_eq!(m["attempts"], 1);
        assert_eq!(m["sha256"], sha256(served.as_bytes()));
        assert_eq!(
            m["url"],
            format!("{}/api/v2/language/models?page={n}", server.base)
        );
        let t = m["retrieved_at"].as_str().unwrap();
        assert!(
            t.len() == 20 && t.ends_with('Z') && t.as_bytes()[10] == b'T',
            "{t}"
        );
    }
    // The dataset: every record a row, every mapped value the record's, each row's provenance.
    let dataset = json(&std::fs::read_to_string(dir.join("today.json")).unwrap());
    let rows = dataset.as_array().unwrap();
    let records = records("language-pro-v4.1.json");
    rows_are_the_records(rows, &records, 1, &PRO_COLUMNS, &manifest);
    assert!(
        rows.iter()
            .all(|r| r["index_version"] == "4.1" && r["source_shape"] == "aa-language-pro")
    );
    assert_eq!(manifest["rows"], 4);
    // Spot values, as the fixture's text has them.
    assert_eq!(rows[0]["slug"], "gpt-6-astra");
    assert_eq!(rows[0]["aa_lcr"].as_f64(), Some(0.806666666666667));
    assert_eq!(rows[1]["price_input_per_1m_usd"], serde_json::Value::Null);
    assert_eq!(rows[2]["tau2_telecom"].as_f64(), Some(0.947368421052632));
    assert_eq!(
        files(&dir),
        [
            "today.json",
            "today.json.raw/manifest.json",
            "today.json.raw/page-1.json",
            "today.json.raw/page-2.json",
            "today.json.raw/page-3.json",
            "today.json.raw/page-4.json",
        ]
    );
    key_nowhere(&run, &dir);
}

#[test]
fn auto_falls_back_to_free_when_pro_is_forbidden() {
    let dir = scratch("fetch-free");
    let pages = language_pages(&records("language-free-v4.0.json"), 1, "free", "4");
    let mut script = vec![status(403)];
    script.extend(pages.iter().cloned().map(ok));
    let server = serve(script);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "free.json"],
        Some(KEY),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(
        server.targets(),
        [
            "/api/v2/language/models?page=1",
            "/api/v2/language/models/free?page=1",
            "/api/v2/language/models/free?page=2",
        ]
    );
    assert!(run.stderr.contains("no Pro access"), "{}", run.stderr);
    let manifest = json(&std::fs::read_to_string(dir.join("free.json.raw/manifest.json")).unwrap());
    assert_eq!(manifest["tier"], "free");
    assert_eq!(manifest["stated_tier"], "free");
    assert_eq!(manifest["path"], "/api/v2/language/models/free");
    assert!(run.stdout.contains("fetched 2 pages"), "{}", run.stdout);
    let dataset = json(&std::fs::read_to_string(dir.join("free.json")).unwrap());
    let rows = dataset.as_array().unwrap();
    rows_are_the_records(
        rows,
        &records("language-free-v4.0.json"),
        1,
        &FREE_COLUMNS,
        &manifest,
    );
    // The stated version 4 is v4.0; the three indices and nothing else.
    assert!(
        rows.iter()
            .all(|r| r["index_version"] == "4.0" && r["source_shape"] == "aa-language-free")
    );
    assert_eq!(rows[1]["published_agentic_index"].as_f64(), Some(67.6));
    assert!(
        rows.iter()
            .all(|r| r["gpqa"].is_null() && r["hle"].is_null())
    );
    key_nowhere(&run, &dir);

    // An explicit --tier pro does not fall back.
    let dir = scratch("fetch-pro-403");
    let server = serve(vec![status(403)]);
    let run = fetch(
        &dir,
        &[
            "--base-url",
            &server.base,
            "--out",
            "x.csv",
            "--tier",
            "pro",
        ],
        Some(KEY),
    );
    fails(&dir, &run, &["403 Forbidden", "--tier free"]);
    assert_eq!(server.targets().len(), 1);
}

#[test]
fn the_legacy_endpoint_served_verbatim() {
    let dir = scratch("fetch-legacy");
    let body = std::fs::read_to_string(fixture("legacy-2026-09.json")).unwrap();
    let server = serve(vec![ok(body.clone())]);
    let run = fetch(
        &dir,
        &[
            "--endpoint",
            "legacy",
            "--base-url",
            &server.base,
            "--out",
            "legacy.json",
        ],
        Some(KEY),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(server.targets(), ["/api/v2/data/llms/models"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("legacy.json.raw/page-1.json")).unwrap(),
        body
    );
    let manifest =
        json(&std::fs::read_to_string(dir.join("legacy.json.raw/manifest.json")).unwrap());
    assert_eq!(manifest["endpoint"], "legacy");
    assert_eq!(manifest["tier"], serde_json::Value::Null);
    assert_eq!(manifest["index_version"], serde_json::Value::Null);
    assert_eq!(manifest["pages"][0]["records"], 4);
    let dataset = json(&std::fs::read_to_string(dir.join("legacy.json")).unwrap());
    let rows = dataset.as_array().unwrap();
    let records = json(&body)["data"].as_array().unwrap().clone();
    rows_are_the_records(rows, &records, 4, &LEGACY_COLUMNS, &manifest);
    // The legacy endpoint states no index version: recorded as unknown, never assumed.
    assert!(
        rows.iter()
            .all(|r| r["index_version"] == "" && r["source_shape"] == "aa-legacy")
    );
    // MiniCPM5-2B: AA's 0 price and speed are unknown.
    assert!(rows[1]["price_output_per_1m_usd"].is_null() && rows[1]["output_speed_tps"].is_null());
    key_nowhere(&run, &dir);
}

#[test]
fn retries_honour_retry_after_and_back_off() {
    // 429 with Retry-After: 1 s, then the page.
    let dir = scratch("fetch-429");
    let pages = language_pages(&records("language-pro-v4.1.json"), 4, "pro", "4.1");
    let mut busy = status(429);
    busy.headers.push(("Retry-After".into(), "1".into()));
    let server = serve(vec![busy, ok(pages[0].clone())]);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    // The retry came no sooner than the server asked (a lower bound, not a timing threshold).
    assert!(seen[1].at - seen[0].at >= Duration::from_secs(1));
    assert!(
        run.stderr
            .contains("HTTP 429; retrying in 1.000 s (as Retry-After asks"),
        "{}",
        run.stderr
    );
    let manifest = json(&std::fs::read_to_string(dir.join("a.csv.raw/manifest.json")).unwrap());
    assert_eq!(manifest["pages"][0]["attempts"], 2);
    // The CSV dataset: a header and one line per record, in order.
    let csv = std::fs::read_to_string(dir.join("a.csv")).unwrap();
    let slugs: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        slugs,
        [
            "gpt-6-astra",
            "minicpm5-2b",
            "qwen3-7-max",
            "qwen2-5-72b-instruct"
        ]
    );
    key_nowhere(&run, &dir);

    // 500, then the page: retried after the (test-sized) backoff.
    let dir = scratch("fetch-500-once");
    let server = serve(vec![status(500), ok(pages[0].clone())]);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(server.targets().len(), 2);
    assert!(
        run.stderr.contains("HTTP 500; retrying in 0.001 s"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_server_error_that_persists_is_given_up_on() {
    let dir = scratch("fetch-500");
    let server = serve((0..6).map(|_| status(503)).collect());
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    fails(
        &dir,
        &run,
        &[
            "HTTP 503",
            "gave up after 5 attempts",
            "Nothing was written",
        ],
    );
    // Five attempts, then no more.
    assert_eq!(server.targets().len(), 5);
}

#[test]
fn http_failures_are_explained_and_write_nothing() {
    let dir = scratch("fetch-401");
    let server = serve(vec![status(401)]);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    fails(
        &dir,
        &run,
        &["401 Unauthorized", "AA_API_KEY", "the key is not shown"],
    );
    assert_eq!(server.seen()[0].key.as_deref(), Some(KEY));

    let dir = scratch("fetch-410");
    let server = serve(vec![status(410)]);
    let args = [
        "--endpoint",
        "legacy",
        "--base-url",
        &server.base,
        "--out",
        "a.csv",
    ];
    let run = fetch(&dir, &args, Some(KEY));
    fails(
        &dir,
        &run,
        &["410 Gone", "2026-11-04", "--endpoint language"],
    );

    let dir = scratch("fetch-404");
    let server = serve(vec![status(404)]);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    fails(&dir, &run, &["404 Not Found", "--base-url"]);
}

#[test]
fn broken_responses_write_nothing() {
    let page = language_pages(&records("language-pro-v4.1.json"), 2, "pro", "4.1");
    // Truncated JSON (a consistent Content-Length).
    let dir = scratch("fetch-truncated");
    let cut = page[0][..page[0].len() - 40].to_string();
    let server = serve(vec![ok(cut)]);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    fails(
        &dir,
        &run,
        &["page 1 is not valid JSON", "EOF while parsing"],
    );

    // The connection closed before Content-Length bytes came.
    let dir = scratch("fetch-cut-short");
    let mut short = ok(page[0].clone());
    short.how = How::CutShort;
    let server = serve(vec![short]);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    fails(&dir, &run, &["the network failed", "Nothing was written"]);

    // The wrong shape: the legacy response where the language endpoint was asked for.
    let dir = scratch("fetch-shape");
    let legacy = std::fs::read_to_string(fixture("legacy-2026-09.json")).unwrap();
    let server = serve(vec![ok(legacy)]);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    fails(
        &dir,
        &run,
        &[
            "page 1 is JSON but not the endpoint's shape",
            "no `pagination` key",
        ],
    );
    let dir = scratch("fetch-shape-2");
    let server = serve(vec![ok("[{\"slug\":\"m\"}]".into())]);
    let args = [
        "--endpoint",
        "legacy",
        "--base-url",
        &server.base,
        "--out",
        "a.csv",
    ];
    let run = fetch(&dir, &args, Some(KEY));
    fails(&dir, &run, &["found an array"]);

    // A failure on page 2 of 2 loses page 1 too: nothing is written.
    let dir = scratch("fetch-page-2");
    let server = serve(vec![ok(page[0].clone()), status(401)]);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    fails(&dir, &run, &["page=2: 401 Unauthorized"]);

    // More pages than --max-pages: refused before page 2 is asked for.
    let dir = scratch("fetch-max-pages");
    let server = serve(vec![ok(page[0].clone())]);
    let args = [
        "--base-url",
        &server.base,
        "--out",
        "a.csv",
        "--max-pages",
        "1",
    ];
    let run = fetch(&dir, &args, Some(KEY));
    fails(&dir, &run, &["reports 2 pages, more than --max-pages 1"]);
    assert_eq!(server.targets().len(), 1);
}

#[test]
fn a_silent_server_times_out() {
    let dir = scratch("fetch-timeout");
    let server = serve(vec![Answer {
        status: 200,
        headers: vec![],
        body: vec![],
        how: How::Silent,
    }]);
    let args = [
        "--base-url",
        &server.base,
        "--out",
        "a.csv",
        "--timeout",
        "1",
    ];
    let run = fetch(&dir, &args, Some(KEY));
    fails(&dir, &run, &["within 1 s (timeout)", "--timeout"]);
}

#[test]
fn a_failed_fetch_keeps_the_previous_one() {
    let dir = scratch("fetch-keep");
    std::fs::write(dir.join("before.csv"), "old dataset").unwrap();
    std::fs::create_dir(dir.join("before.csv.raw")).unwrap();
    std::fs::write(dir.join("before.csv.raw/page-1.json"), "old page").unwrap();
    let server = serve(vec![status(401)]);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "before.csv"],
        Some(KEY),
    );
    fails(&dir, &run, &["401"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("before.csv")).unwrap(),
        "old dataset"
    );
    assert_eq!(files(&dir), ["before.csv", "before.csv.raw/page-1.json"]);
}

#[test]
fn the_key_comes_from_a_file_or_the_environment_and_is_checked_first() {
    // No key: refused before any request.
    let dir = scratch("fetch-no-key");
    let server = serve(vec![status(500)]);
    let run = fetch(&dir, &["--base-url", &server.base, "--out", "a.csv"], None);
    fails(&dir, &run, &["no API key", "AA_API_KEY", "--api-key-file"]);
    assert!(server.targets().is_empty());

    // From a file (which wins over the environment); its trailing line break is not sent.
    let dir = scratch("fetch-key-file");
    std::fs::write(dir.join("key.txt"), format!("{KEY}\n")).unwrap();
    let server = serve(vec![status(401)]);
    let args = [
        "--base-url",
        &server.base,
        "--out",
        "a.csv",
        "--api-key-file",
        "key.txt",
    ];
    let run = fetch(&dir, &args, Some("another-key"));
    fails(&dir, &run, &["401"]);
    assert_eq!(server.seen()[0].key.as_deref(), Some(KEY));

    // A key that cannot be a header value is refused without being quoted.
    let dir = scratch("fetch-bad-key");
    let bad = format!("{KEY} extra");
    let run = fetch(&dir, &["--out", "a.csv"], Some(&bad));
    fails(&dir, &run, &["AA_API_KEY", "the key is not shown"]);
    assert!(!run.stderr.contains("extra"));

    // A response that echoes the key is not written.
    let dir = scratch("fetch-echo");
    let page = language_pages(&records("language-pro-v4.1.json"), 4, "pro", "4.1")[0]
        .replace("\"gpt-6-astra\"", &format!("\"{KEY}\""));
    let server = serve(vec![ok(page)]);
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    fails(&dir, &run, &["contains the API key itself"]);
}

#[test]
fn usage_is_checked_before_any_request() {
    let dir = scratch("fetch-usage");
    for (args, needle) in [
        (
            vec!["--out", "a.txt"],
            "expected a file ending in .csv, .json or .parquet",
        ),
        (vec!["--out", "-"], "not stdout"),
        (vec!["--out", "missing/a.csv"], "does not exist"),
        (
            vec!["--out", "a.csv", "--base-url", "http://example.com"],
            "unencrypted",
        ),
        (vec!["--out", "a.csv", "--max-pages", "0"], "1 to 10000"),
        (vec!["--out", "a.csv", "--timeout", "601"], "1 to 600"),
    ] {
        let run = fetch(&dir, &args, Some(KEY));
        fails(&dir, &run, &[needle]);
    }
    // Plain http to a host other than this machine is never contacted.
    let run = fetch(
        &dir,
        &["--out", "a.csv", "--base-url", "http://10.0.0.1:1"],
        Some(KEY),
    );
    fails(&dir, &run, &["only for this machine"]);
}

#[test]
fn records_the_importer_refuses_write_nothing() {
    // The same record on two pages: a duplicate slug.
    let dir = scratch("fetch-duplicate");
    let records = records("language-pro-v4.1.json");
    let twice = [records[0].clone(), records[0].clone()];
    let pages = language_pages(&twice, 1, "pro", "4.1");
    let server = serve(pages.into_iter().map(ok).collect());
    let run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "a.csv"],
        Some(KEY),
    );
    fails(&dir, &run, &["gpt-6-astra"]);
    assert_eq!(server.targets().len(), 2);
}

/// The acceptance check on a full real response that is not in the repository: run with
/// `REWEIGH_FETCH_FULL_LEGACY=FILE` (a whole `/api/v2/data/llms/models` response) and/or
/// `REWEIGH_FETCH_FULL_LANGUAGE=DIR` (`page-1.json`, `page-2.json`, … of `/api/v2/language/models`
/// or `/free`, e.g. a `FILE.raw/` that fetch wrote) and `cargo test --test e2e full_real -- --ignored`.
/// Each is replayed at `--base-url` and every record must come back as a row with every value.
#[test]
#[ignore = "needs a full real response: REWEIGH_FETCH_FULL_LEGACY and/or REWEIGH_FETCH_FULL_LANGUAGE"]
fn full_real_responses_replayed() {
    let legacy = std::env::var("REWEIGH_FETCH_FULL_LEGACY").ok();
    let language = std::env::var("REWEIGH_FETCH_FULL_LANGUAGE").ok();
    assert!(
        legacy.is_some() || language.is_some(),
        "set REWEIGH_FETCH_FULL_LEGACY or REWEIGH_FETCH_FULL_LANGUAGE"
    );
    if let Some(file) = legacy {
        let dir = scratch("fetch-full-legacy");
        let body = std::fs::read_to_string(file).unwrap();
        let server = serve(vec![ok(body.clone())]);
        let args = [
            "--endpoint",
            "legacy",
            "--base-url",
            &server.base,
            "--out",
            "full.json",
        ];
        let run = fetch(&dir, &args, Some(KEY));
        assert_eq!(run.code, 0, "stderr: {}", run.stderr);
        let manifest =
            json(&std::fs::read_to_string(dir.join("full.json.raw/manifest.json")).unwrap());
        let dataset = json(&std::fs::read_to_string(dir.join("full.json")).unwrap());
        let records = json(&body)["data"].as_array().unwrap().clone();
        let n = records.len();
        rows_are_the_records(
            dataset.as_array().unwrap(),
            &records,
            n,
            &LEGACY_COLUMNS,
            &manifest,
        );
        eprintln!("legacy: {n} records, every one a row with every mapped value");
    }
    if let Some(pages_dir) = language {
        let dir = scratch("fetch-full-language");
        let mut bodies = Vec::new();
        for n in 1.. {
            match std::fs::read_to_string(Path::new(&pages_dir).join(format!("page-{n}.json"))) {
                Ok(b) => bodies.push(b),
                Err(_) => break,
            }
        }
        assert!(!bodies.is_empty(), "no page-1.json in {pages_dir}");
        let first = json(&bodies[0]);
        let free = first["tier"] == "free";
        let per_page = first["data"].as_array().unwrap().len();
        let records: Vec<serde_json::Value> = bodies
            .iter()
            .flat_map(|b| json(b)["data"].as_array().unwrap().clone())
            .collect();
        let server = serve(bodies.into_iter().map(ok).collect());
        let tier = if free { "free" } else { "pro" };
        let args = [
            "--tier",
            tier,
            "--base-url",
            &server.base,
            "--out",
            "full.json",
        ];
        let run = fetch(&dir, &args, Some(KEY));
        assert_eq!(run.code, 0, "stderr: {}", run.stderr);
        let manifest =
            json(&std::fs::read_to_string(dir.join("full.json.raw/manifest.json")).unwrap());
        let dataset = json(&std::fs::read_to_string(dir.join("full.json")).unwrap());
        let columns: &[(&str, &str, bool)] = if free { &FREE_COLUMNS } else { &PRO_COLUMNS };
        rows_are_the_records(
            dataset.as_array().unwrap(),
            &records,
            per_page,
            columns,
            &manifest,
        );
        eprintln!(
            "language ({tier}): {} records, every one a row with every mapped value",
            records.len()
        );
    }
}

/// aa-v4.1's components: (id, the Pro record's key, category, weight in percent of the index).
const V41: [(&str, &str, &str, f64); 10] = [
    ("gdpval_v2", "gdpval_aa_elo", "agents", 20.0),
    ("tau3_banking", "tau_banking", "agents", 14.0),
    ("terminalbench_v21", "terminalbench_v2_1", "coding", 16.0),
    ("scicode", "scicode", "coding", 8.0),
    ("aa_lcr", "aa_lcr", "general", 6.0),
    (
        "omniscience_accuracy",
        "aa_omniscience_accuracy",
        "general",
        8.0,
    ),
    (
        "omniscience_nonhallucination",
        "aa_omniscience_non_hallucination_rate",
        "general",
        4.0,
    ),
    ("hle", "hle", "scientific", 12.0),
    ("gpqa", "gpqa_diamond", "scientific", 6.0),
    ("critpt", "critpt", "scientific", 6.0),
];

/// `score DATASET --format json` with no --methodology: the stated version picks aa-v4.1, and
/// every number is recomputed here from the records (GDPval: clamp((Elo − 500)/2000, 0, 1), the
/// live Elo, as the dataset publishes no frozen one).
fn scores_as_v41(dataset: &Path, records: &[serde_json::Value]) {
    let run = crate::common::reweigh(&["score", dataset.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let v = json(&run.stdout);
    assert_eq!(v["methodology"]["name"], "aa-v4.1");
    let models = v["models"].as_array().unwrap();
    assert_eq!(models.len(), records.len());
    let close = |a: f64, b: f64, what: &str| assert!((a - b).abs() < 1e-9, "{what}: {a} vs {b}");
    let mut checked = 0;
    for (rank, (m, r)) in models.iter().zip(records).enumerate() {
        // The fixture lists the models in the order of their index.
        assert_eq!(m["slug"], r["slug"]);
        assert_eq!(m["rank"], rank + 1);
        assert_eq!(m["status"], "complete", "{m}");
        assert_eq!(m["flags"], serde_json::json!(["live-gdpval_v2"]));
        let ev = &r["evaluations"];
        let mut index = 0.0;
        for category in ["agents", "coding", "general", "scientific"] {
            let (mut sum, mut weights) = (0.0, 0.0);
            for (id, key, _, w) in V41.iter().filter(|c| c.2 == category) {
                let x = ev[*key].as_f64().unwrap();
                let s = if *key == "gdpval_aa_elo" {
                    ((x - 500.0) / 2000.0).clamp(0.0, 1.0)
                } else {
                    x
                };
                close(m["scores"][*id].as_f64().unwrap(), s, id);
                close(m["contributions"][*id].as_f64().unwrap(), w * s, id);
                sum += w * s;
                weights += w;
                checked += 2;
            }
            close(
                m["categories"][category].as_f64().unwrap(),
                100.0 * sum / weights,
                category,
            );
            index += sum;
            checked += 1;
        }
        close(m["index"].as_f64().unwrap(), index, "index");
        let published = ev["artificial_analysis_intelligence_index"]
            .as_f64()
            .unwrap();
        assert_eq!(m["published_index"].as_f64(), Some(published));
        // AA publishes 4 decimals; these rows reproduce to 3.2e-5 with the live Elo.
        assert!(
            (index - published).abs() < 1e-4,
            "{}: {index} vs {published}",
            r["slug"]
        );
        checked += 2;
    }
    assert_eq!(checked, records.len() * (2 * V41.len() + 4 + 2));
}

/// The canonical rows of a v4.1 page: GDPval-AA's Elo in GDPval-AA v2's column, every value the
/// record's, no v1 column.
fn rows_are_v41(rows: &[serde_json::Value], records: &[serde_json::Value]) {
    assert_eq!(rows.len(), records.len());
    for (row, r) in rows.iter().zip(records) {
        assert_eq!(row["slug"], r["slug"]);
        assert_eq!(row["index_version"], "4.1");
        assert!(row.get("gdpval_elo").is_none(), "{row}");
        let ev = &r["evaluations"];
        assert_eq!(row["gdpval_v2_elo"].as_f64(), ev["gdpval_aa_elo"].as_f64());
        for (id, key, _, _) in &V41[1..] {
            let column = match *id {
                "gpqa"
                | "hle"
                | "scicode"
                | "aa_lcr"
                | "critpt"
                | "tau3_banking"
                | "terminalbench_v21"
                | "omniscience_accuracy"
                | "omniscience_nonhallucination" => *id,
                other => panic!("{other}"),
            };
            assert_eq!(row[column].as_f64(), ev[*key].as_f64(), "{column}");
        }
        for (key, column) in [
            ("artificial_analysis_intelligence_index", "published_index"),
            ("artificial_analysis_coding_index", "published_coding_index"),
            (
                "artificial_analysis_agentic_index",
                "published_agentic_index",
            ),
        ] {
            assert_eq!(row[column].as_f64(), ev[key].as_f64(), "{column}");
        }
    }
}

#[test]
fn a_v41_page_maps_gdpval_to_v2_and_scores_under_its_stated_version() {
    let dir = scratch("fetch-v41-scores");
    let records = records("language-pro-v4.1-full.json");
    let pages = language_pages(&records, 2, "pro", "4.1");
    assert_eq!(pages.len(), 2);
    // Fetched through the loopback server…
    let server = serve(pages.iter().cloned().map(ok).collect());
    let fetched_run = fetch(
        &dir,
        &[
            "--base-url",
            &server.base,
            "--out",
            "v41.json",
            "--format",
            "json",
        ],
        Some(KEY),
    );
    assert_eq!(fetched_run.code, 0, "stderr: {}", fetched_run.stderr);
    let fetched = dir.join("v41.json");
    let rows = json(&std::fs::read_to_string(&fetched).unwrap());
    rows_are_v41(rows.as_array().unwrap(), &records);
    scores_as_v41(&fetched, &records);
    // …and the same pages imported from files.
    let mut args = vec!["import".to_string()];
    for (i, page) in pages.iter().enumerate() {
        let p = dir.join(format!("page{}.json", i + 1));
        std::fs::write(&p, page).unwrap();
        args.push(p.display().to_string());
    }
    let imported = dir.join("imported.json");
    args.extend(["--out".into(), imported.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = crate::common::reweigh(&args);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let rows = json(&std::fs::read_to_string(&imported).unwrap());
    rows_are_v41(rows.as_array().unwrap(), &records);
    scores_as_v41(&imported, &records);
    key_nowhere(&fetched_run, &dir);
}

#[test]
fn a_v40_page_still_maps_gdpval_to_v1() {
    let dir = scratch("fetch-v40-gdpval");
    let records = records("language-pro-v4.0.json");
    let server = serve(
        language_pages(&records, 1, "pro", "4")
            .into_iter()
            .map(ok)
            .collect(),
    );
    let fetched_run = fetch(
        &dir,
        &["--base-url", &server.base, "--out", "v40.csv"],
        Some(KEY),
    );
    assert_eq!(fetched_run.code, 0, "stderr: {}", fetched_run.stderr);
    let fetched = dir.join("v40.csv");
    // The same record imported from the documentation example's page.
    let imported = dir.join("imported.csv");
    let page = root().join("tests/fixtures/aa/language_pro_docs_example.json");
    let run = crate::common::reweigh(&[
        "import",
        page.to_str().unwrap(),
        "--out",
        imported.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    for dataset in [&fetched, &imported] {
        let run = crate::common::reweigh(&["score", dataset.to_str().unwrap(), "--format", "json"]);
        assert_eq!(run.code, 0, "stderr: {}", run.stderr);
        let v = json(&run.stdout);
        assert_eq!(v["methodology"]["name"], "aa-v4.0");
        assert_eq!(v["models"][0]["slug"], "gpt-oss-20b");
        let text = std::fs::read_to_string(dataset).unwrap();
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
        let cell = |c: &str| header.iter().position(|h| *h == c).map(|i| row[i]);
        assert_eq!(cell("index_version"), Some("4.0"));
        assert_eq!(cell("gdpval_elo"), Some("681"));
        assert_eq!(cell("gdpval_v2_elo"), None);
        // Scored as v4.1 it lacks GDPval-AA v2, and the message names the column and the flag.
        let run = crate::common::reweigh(&[
            "score",
            dataset.to_str().unwrap(),
            "--methodology",
            "aa-v4.1",
        ]);
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(run.stdout.is_empty());
        for needle in ["column 'gdpval_v2_elo'", "--methodology aa-v4.0"] {
            assert!(run.stderr.contains(needle), "{needle}: {}", run.stderr);
        }
    }
    // Stating 4.1 without GDPval-AA v2: the fix does not name the methodology already in use.
    let text = std::fs::read_to_string(&imported).unwrap();
    assert_eq!(text.matches(",4.0,").count(), 1);
    let relabelled = dir.join("relabelled.csv");
    std::fs::write(&relabelled, text.replace(",4.0,", ",4.1,")).unwrap();
    let run = crate::common::reweigh(&["score", relabelled.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("column 'gdpval_v2_elo'")
            && run
                .stderr
                .contains("the dataset states index version 4.1, aa-v4.1's, but lacks it"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("--methodology aa-v4.1"),
        "{}",
        run.stderr
    );
    key_nowhere(&fetched_run, &dir);
}
