//! End to end: the interactive explorer (reports/*/index.html) gives `reweigh score`'s numbers.
//!
//! With Chromium installed (`/usr/bin/chromium`, or `chromium` on PATH; .ci/run installs Debian's),
//! the committed page is opened headless under several URL states — four pinned, five drawn by a
//! seeded generator, one invalid — and every row's `data-index`, the order of the rows, the command
//! line and the methodology hash the page computes with crypto.subtle are compared with `reweigh
//! score --format json` under the same flags. Without Chromium that test says it is skipped and why. The
//! embedded data and the page's size are checked without a browser.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

const PAGE: &str = "reports/aa-v4.0/index.html";

/// The page's size budget (issue 16): under 1 MB for the 384-model dataset.
const MAX_PAGE_BYTES: usize = 1_000_000;

/// A page state: the CLI's flags, written as the page's URL hash and as a command line.
#[derive(Debug, Clone, Default)]
struct State {
    weights: Vec<(String, String)>,
    categories: Vec<(String, String)>,
    drop: Vec<String>,
    abstention: String,
    missing: Option<String>,
    as_of: Option<String>,
    dedupe: bool,
    filters: Vec<(String, String)>,
}

impl State {
    fn hash(&self) -> String {
        let mut parts = Vec::new();
        let pairs = |xs: &[(String, String)]| {
            xs.iter()
                .map(|(id, w)| format!("{id}:{w}"))
                .collect::<Vec<_>>()
                .join(",")
        };
        if !self.weights.is_empty() {
            parts.push(format!("weight={}", pairs(&self.weights)));
        }
        if !self.categories.is_empty() {
            parts.push(format!("category={}", pairs(&self.categories)));
        }
        if !self.drop.is_empty() {
            parts.push(format!("drop={}", self.drop.join(",")));
        }
        parts.push(format!("abstention={}", self.abstention));
        if let Some(m) = &self.missing {
            parts.push(format!("missing={m}"));
        }
        if let Some(d) = &self.as_of {
            parts.push(format!("as-of={d}"));
        }
        if self.dedupe {
            parts.push("dedupe=true".into());
        }
        for (c, v) in &self.filters {
            parts.push(format!("where={c}:{}", v.replace(' ', "%20")));
        }
        parts.join("&")
    }

    /// The command line the page shows: `reweigh score` and the flags, the default policy left out.
    fn command(&self) -> String {
        let mut a = vec![s("reweigh")];
        let args = self.args();
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "--format" => i += 1,
                "--abstention" if args[i + 1] == "aa" => i += 1,
                other => a.push(other.to_string()),
            }
            i += 1;
        }
        a.join(" ")
    }

    fn args(&self) -> Vec<String> {
        let mut a: Vec<String> = vec!["score".into(), "--format".into(), "json".into()];
        for (id, w) in &self.weights {
            a.extend(["--weight".into(), format!("{id}={w}")]);
        }
        for (id, w) in &self.categories {
            a.extend(["--category".into(), format!("{id}={w}")]);
        }
        for id in &self.drop {
            a.extend(["--drop".into(), id.clone()]);
        }
        a.extend(["--abstention".into(), self.abstention.clone()]);
        if let Some(m) = &self.missing {
            a.extend(["--missing".into(), m.clone()]);
        }
        if let Some(d) = &self.as_of {
            a.extend(["--as-of".into(), d.clone()]);
        }
        if self.dedupe {
            a.push("--dedupe".into());
        }
        for (c, v) in &self.filters {
            a.extend(["--where".into(), format!("{c}={v}")]);
        }
        a
    }
}

fn s(x: &str) -> String {
    x.to_string()
}

/// The pinned states: the example; AA's own scoring; a reporter's view (a date, one row
/// per model, open weights only) under a confidence target with missing components dropped; and
/// CritPt alone, where 349 of 384 rows tie (217 at 0), so that the order of tied rows is compared.
fn pinned() -> Vec<State> {
    vec![
        State {
            weights: vec![(s("hle"), s("4")), (s("gpqa"), s("1"))],
            categories: vec![(s("agents"), s("2"))],
            abstention: s("penalty:1"),
            ..State::default()
        },
        State {
            abstention: s("aa"),
            ..State::default()
        },
        State {
            drop: vec![s("ifbench")],
            abstention: s("confidence:0.75"),
            missing: Some(s("renormalize")),
            as_of: Some(s("2026-05-20")),
            dedupe: true,
            filters: vec![(s("open_weights"), s("true"))],
            ..State::default()
        },
        State {
            categories: vec![
                (s("agents"), s("0")),
                (s("coding"), s("0")),
                (s("general"), s("0")),
            ],
            drop: vec![s("hle"), s("gpqa")],
            abstention: s("aa"),
            ..State::default()
        },
    ]
}

/// States drawn by a seeded generator (synthetic, labelled as such): random weights (0 removes a
/// component), category weights, every abstention policy with a random parameter, the missing-data
/// rule, dates, dedupe and creator/licence filters.
fn generated(seed: u64, n: usize) -> Vec<State> {
    let mut rng = SplitMix(seed);
    let mut pick = |k: usize| (rng.next_u64() % k as u64) as usize;
    let weights = ["0", "0.37", "1", "2.5", "3", "1e-3", "250", "7"];
    let categories = ["agents", "coding", "general", "scientific"];
    let creators = [
        "Alibaba",
        "OpenAI",
        "Google",
        "Anthropic",
        "DeepSeek",
        "Mistral",
    ];
    let mut out = Vec::new();
    for _ in 0..n {
        let policy = match pick(7) {
            0 => s("aa"),
            1 => s("accuracy"),
            2 => format!("penalty:{}", ["0", "0.5", "1", "2", "4.25"][pick(5)]),
            3 => format!("confidence:{}", ["0.1", "0.5", "0.75", "0.9"][pick(4)]),
            4 => format!("credit:{}", ["0", "0.25", "0.5", "1"][pick(4)]),
            5 => s("attempted"),
            _ => s("f1"),
        };
        let mut components = vec![
            "gdpval",
            "tau2_telecom",
            "terminalbench_hard",
            "scicode",
            "aa_lcr",
            "ifbench",
            "hle",
            "gpqa",
            "critpt",
        ];
        if policy == "aa" {
            components.extend(["omniscience_accuracy", "omniscience_nonhallucination"]);
        } else {
            components.push("omniscience");
        }
        let mut st = State {
            abstention: policy,
            ..State::default()
        };
        for _ in 0..pick(5) {
            let id = components[pick(components.len())];
            st.weights.push((s(id), s(weights[pick(weights.len())])));
        }
        for _ in 0..pick(3) {
            // Category weights stay positive so that a state never removes every component.
            let w = weights[1 + pick(weights.len() - 1)];
            st.categories.push((s(categories[pick(4)]), s(w)));
        }
        if pick(2) == 0 {
            st.missing = Some(s("renormalize"));
        }
        if pick(2) == 0 {
            let year = 2025 + pick(2);
            let month = 1 + pick(if year == 2026 { 6 } else { 12 });
            st.as_of = Some(format!("{year}-{month:02}-{:02}", 1 + pick(28)));
        }
        st.dedupe = pick(2) == 0;
        match pick(4) {
            0 => st
                .filters
                .push((s("creator"), s(creators[pick(creators.len())]))),
            1 => st
                .filters
                .push((s("open_weights"), s(["true", "false"][pick(2)]))),
            2 => st.filters.push((
                s("creator"),
                format!(
                    "{},{}",
                    creators[pick(creators.len())],
                    creators[pick(creators.len())]
                ),
            )),
            _ => {}
        }
        out.push(st);
    }
    out
}

/// `/usr/bin/chromium`, else `chromium` on PATH.
fn chromium() -> Option<PathBuf> {
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `url` and returns the DOM after the page's scripts ran. A hang
/// detector (not a benchmark) kills it after five minutes.
fn dump_dom(chromium: &Path, profile: &Path, url: &str) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.display()),
            "--virtual-time-budget=10000",
            "--dump-dom",
            url,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut out = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut b).map(|_| b)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish {url} within 300 s; killed");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let bytes = reader.join().expect("reader").expect("chromium's stdout");
    assert!(status.success(), "chromium {url}: {status}");
    String::from_utf8(bytes).expect("the DOM is UTF-8")
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in the tag starting at `tag`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let end = tag.find('>')?;
    let tag = &tag[..end];
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(unescape(&tag[at..at + len]))
}

/// The text of the element with `id`.
fn text_of(dom: &str, id: &str) -> String {
    let at = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let start = at + dom[at..].find('>').expect("tag ends") + 1;
    let len = dom[start..].find("</").expect("element ends");
    unescape(&dom[start..start + len])
}

/// The rows of `<table id="ranking">`: (slug, data-index).
fn ranking(dom: &str) -> Vec<(String, String)> {
    let table = &dom[dom
        .find("<table id=\"ranking\"")
        .expect("the ranking table")..];
    let table = &table[..table.find("</table>\n").unwrap_or(table.len())];
    table
        .match_indices("<tr data-slug=")
        .map(|(at, _)| {
            let tag = &table[at..];
            (
                attribute(tag, "data-slug").expect("data-slug"),
                attribute(tag, "data-index").expect("data-index"),
            )
        })
        .collect()
}

/// Opens the page in `state` and compares it with `reweigh score` under the same flags: the same
/// rows in the same order, every index within 1e-9, the same methodology hash. Returns the number
/// of rows, how many indices are bit-identical, the largest |Δ|, and the page's own timings.
fn check(
    chromium: &Path,
    profile: &Path,
    page: &Path,
    state: &State,
) -> (usize, usize, f64, String) {
    let hash = state.hash();
    let url = format!("file://{}#{hash}", page.display());
    let dom = dump_dom(chromium, profile, &url);
    let args = state.args();
    let run = reweigh(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, 0, "reweigh {}: {}", args.join(" "), run.stderr);
    let cli = json(&run.stdout);
    assert_eq!(
        text_of(&dom, "error"),
        "",
        "#{hash}: the page reports an error"
    );
    let body = &dom[dom.find("<body").expect("body")..];
    assert_eq!(
        attribute(body, "data-hash").as_deref(),
        cli["methodology"]["hash"].as_str(),
        "#{hash}: methodology hash"
    );
    assert_eq!(
        text_of(&dom, "command"),
        state.command(),
        "#{hash}: command line"
    );
    let rows = ranking(&dom);
    let models = cli["models"].as_array().unwrap();
    assert_eq!(rows.len(), models.len(), "#{hash}: number of rows");
    assert!(!rows.is_empty(), "#{hash}: no rows to compare");
    let (mut exact, mut max) = (0, 0.0f64);
    for ((slug, index), m) in rows.iter().zip(models) {
        assert_eq!(slug, m["slug"].as_str().unwrap(), "#{hash}: order of rows");
        match m["index"].as_f64() {
            None => assert_eq!(index, "", "#{hash}: {slug} has no index in the CLI"),
            Some(want) => {
                let got: f64 = index
                    .parse()
                    .unwrap_or_else(|_| panic!("#{hash}: {slug} data-index '{index}'"));
                let d = (got - want).abs();
                assert!(d <= 1e-9, "#{hash}: {slug} page {got} CLI {want}");
                // Stronger than the issue asks: the page does the CLI's floating-point operations
                // in the CLI's order, so the numbers are the same bits.
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "#{hash}: {slug} page {got} CLI {want}: same order of operations?"
                );
                max = max.max(d);
                exact += 1;
            }
        }
    }
    let timing = format!(
        "render {} ms, script {} ms, ready {} ms",
        attribute(body, "data-render-ms").unwrap_or_default(),
        attribute(body, "data-script-ms").unwrap_or_default(),
        attribute(body, "data-ready-ms").unwrap_or_default()
    );
    (rows.len(), exact, max, timing)
}

#[test]
fn the_page_gives_the_clis_numbers_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        println!(
            "explorer browser test skipped: no /usr/bin/chromium and no chromium on PATH (.ci/run installs Debian's chromium)"
        );
        return;
    };
    let dir = scratch("explorer");
    let profile = dir.join("profile");
    let page = root().join(PAGE).canonicalize().unwrap();
    let states: Vec<State> = pinned().into_iter().chain(generated(16, 5)).collect();
    for st in &states {
        let (rows, exact, max, timing) = check(&chromium, &profile, &page, st);
        println!(
            "#{}: {rows} rows, {exact} indices bit-identical, max |Δ| {max:e}; {timing}",
            st.hash()
        );
    }
    // A state the CLI refuses: the page says what the CLI says, and shows no ranking.
    let bad = State {
        weights: vec![(s("hle2"), s("1"))],
        abstention: s("aa"),
        ..State::default()
    };
    let dom = dump_dom(
        &chromium,
        &profile,
        &format!("file://{}#{}", page.display(), bad.hash()),
    );
    let run = reweigh(&bad.args().iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, 2);
    let said = "--weight hle2: methodology aa-v4.0 has no component 'hle2'; its components are gdpval, tau2_telecom";
    assert!(run.stderr.contains(said), "{}", run.stderr);
    assert!(
        text_of(&dom, "error").contains(said),
        "{}",
        text_of(&dom, "error")
    );
    assert!(ranking(&dom).is_empty());
}

/// The embedded document (docs/explorer.md) holds the numbers the CLI scores with: the
/// methodology and its hash as `methodology show` prints them, and every model's normalised
/// component scores as `score --format json` lists them. And the page stays under its size budget.
#[test]
fn the_embedded_data_is_the_clis() {
    for dir in ["aa-v4.0", "aa-v4.0-penalty-1", "aa-v4.0-accuracy"] {
        let page =
            std::fs::read_to_string(root().join("reports").join(dir).join("index.html")).unwrap();
        assert!(
            page.len() < MAX_PAGE_BYTES,
            "{dir}/index.html is {} bytes",
            page.len()
        );
        let start = page
            .find("<script type=\"application/json\" id=\"explorer-data\">")
            .expect("the data element");
        let body = &page[start..];
        let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
        assert!(body.is_ascii(), "the embedded JSON is ASCII");
        let data = json(body);
        assert_eq!(data["format"], "reweigh-explorer/1");
        assert_eq!(
            data["initial_state"],
            match dir {
                "aa-v4.0" => "abstention=aa",
                "aa-v4.0-penalty-1" => "abstention=penalty:1",
                _ => "abstention=accuracy",
            }
        );
        let show = reweigh(&["methodology", "show", "aa-v4.0"]);
        assert!(
            show.stdout.contains(&format!(
                "sha256 {} (canonical form)",
                data["methodology_hash"].as_str().unwrap()
            )),
            "{}",
            show.stdout
        );
        let models = data["models"].as_array().unwrap();
        assert_eq!(models.len(), 384);
        let slugs: Vec<&str> = models.iter().map(|m| m["slug"].as_str().unwrap()).collect();
        assert!(slugs.windows(2).all(|w| w[0] < w[1]), "slug order");
        if dir != "aa-v4.0" {
            continue;
        }
        let scored = json(&reweigh(&["score", "--format", "json"]).stdout);
        let mut compared = 0;
        for m in scored["models"].as_array().unwrap() {
            let e = models.iter().find(|x| x["slug"] == m["slug"]).unwrap();
            for (id, v) in m["scores"].as_object().unwrap() {
                assert_eq!(&e["scores"][id], v, "{} {id}", m["slug"]);
                compared += 1;
            }
        }
        assert_eq!(compared, 384 * 11);
        // Qwen3.7 Max's Omniscience rates, as AA published them.
        let qwen = models.iter().find(|x| x["slug"] == "qwen3-7-max").unwrap();
        assert_eq!(qwen["where"]["creator"], "Alibaba");
        assert_eq!(qwen["freeze"]["gdpval"], "solved");
        assert!(qwen["omniscience"]["accuracy"].as_f64().unwrap() > 0.0);
    }
}
