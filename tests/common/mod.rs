//! Helpers for end-to-end tests: run the real `reweigh` binary, make scratch files.

#![allow(dead_code)]

pub mod parquet;

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `reweigh` with arguments from the repository root.
pub fn reweigh(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_reweigh"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the reweigh binary runs");
    Run {
        code: out.status.code().expect("exited normally, not by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn dataset(name: &str) -> String {
    root().join("datasets").join(name).display().to_string()
}

/// A fresh scratch directory for one test.
pub fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("reweigh-e2e-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The default dataset's CSV text.
pub fn default_csv() -> String {
    std::fs::read_to_string(dataset("aa-v4.0-2026-06-15.csv")).unwrap()
}

/// Replaces the value of `column` in the row whose slug is `slug` (the dataset has no quoted commas
/// before the source column, which is last).
pub fn set_cell(csv: &str, slug: &str, column: &str, value: &str) -> String {
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let col = lines[0]
        .split(',')
        .position(|h| h == column)
        .expect("column exists");
    let row = lines
        .iter()
        .position(|l| l.starts_with(&format!("{slug},")))
        .expect("slug exists");
    let mut fields: Vec<String> = lines[row].split(',').map(str::to_string).collect();
    fields[col] = value.to_string();
    lines[row] = fields.join(",");
    lines.join("\n") + "\n"
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// Runs `reweigh` like [`reweigh`], but kills it and fails the test (naming the command) if it has
/// not finished within `limit`: a hang detector, not a benchmark. A process ended by a signal (an
/// abort, a crash) fails the test too. Returns the run and how long it took.
pub fn reweigh_within(args: &[&str], limit: std::time::Duration) -> (Run, std::time::Duration) {
    use std::io::Read;
    use std::process::Stdio;
    let start = std::time::Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_reweigh"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the reweigh binary runs");
    // Drain both pipes on threads, so a large output cannot block the child.
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let stdout = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let stderr = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for reweigh") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`reweigh {}` did not finish within {} s; killed",
                args.join(" "),
                limit.as_secs()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let stdout = stdout.join().expect("stdout reader");
    let stderr = String::from_utf8_lossy(&stderr.join().expect("stderr reader")).into_owned();
    let code = status.code().unwrap_or_else(|| {
        panic!(
            "`reweigh {}` was ended by a signal ({status}); stderr: {stderr}",
            args.join(" ")
        )
    });
    (
        Run {
            code,
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr,
        },
        elapsed,
    )
}

/// SplitMix64: a small seeded generator for synthetic data (no dependency, same bytes everywhere).
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A **synthetic** dataset in the schema of datasets/README.md (AA v4.0 columns), `rows` rows from
/// a seeded generator: every row's slug starts `synthetic-`, its source says `synthetic`, and the
/// file is named by the caller. Scores are drawn around a latent ability per model; about 2% of
/// rows lack CritPt (no index under aa-v4.0) and about 3% lack GDPval (scored 0, AA's rule). The
/// published indices are the v4.0 formula rounded to 4 decimals, as AA publishes them, so `verify`
/// passes.
pub fn synthetic_csv(rows: usize, seed: u64) -> String {
    let mut rng = SplitMix(seed);
    let header = "slug,model,variant,is_reasoning,release_date,snapshot_date,index_version,gdpval_norm_pct,tau2_telecom,terminalbench_hard,scicode,aa_lcr,omniscience_accuracy,omniscience_nonhallucination,ifbench,hle,gpqa,critpt,published_index,published_agentic_index,published_coding_index,source";
    let mut out = String::with_capacity(rows * 260 + header.len() + 1);
    out.push_str(header);
    out.push('\n');
    let round = |x: f64, d: i32| (x * 10f64.powi(d)).round() / 10f64.powi(d);
    for i in 0..rows {
        let ability = rng.unit();
        let mut score = |spread: f64| round((ability * 0.8 + spread * rng.unit()).min(1.0), 6);
        let (tau2, tbh, scicode) = (score(0.2), score(0.15), score(0.2));
        let (lcr, acc, nonhall, ifbench) = (score(0.2), score(0.1), score(0.2), score(0.2));
        let (hle, gpqa, critpt) = (score(0.1), score(0.2), score(0.05));
        let pct = round(100.0 * ability * 0.9 + 10.0 * rng.unit(), 3);
        let gdpval_missing = rng.unit() < 0.03;
        let critpt_missing = rng.unit() < 0.02;
        let g = if gdpval_missing {
            0.0
        } else {
            (pct / 100.0).clamp(0.0, 1.0)
        };
        let agents = (2.0 * g + tau2) / 3.0;
        let coding = (2.0 * tbh + scicode) / 3.0;
        let general = (lcr + acc + nonhall + ifbench) / 4.0;
        let scientific = (2.0 * hle + gpqa + critpt) / 4.0;
        let index = 100.0 * (agents + coding + general + scientific) / 4.0;
        let na = |missing: bool, v: String| if missing { "NA".to_string() } else { v };
        out.push_str(&format!(
            "synthetic-{i:06},Synthetic Model {i},reasoning,true,2026-01-01,2026-06-15T00:00:00+00:00,4.0,{},{tau2},{tbh},{scicode},{lcr},{acc},{nonhall},{ifbench},{hle},{gpqa},{},{},{},{},synthetic: seeded generator tests/common/mod.rs seed {seed}\n",
            na(gdpval_missing, pct.to_string()),
            na(critpt_missing, critpt.to_string()),
            na(critpt_missing, round(index, 4).to_string()),
            // As AA does for a model whose GDPval it does not publish but scores as 0 (17 such rows on
            // 2026-06-15): the Agentic Index is published. (AA's rows without either are estimated
            // indices, which verify skips.)
            round(100.0 * agents, 4),
            round(100.0 * coding, 4),
        ));
    }
    out
}

/// A CSV line's fields, split on commas outside quotes (quotes kept, so joining the fields with
/// commas gives the line back).
pub fn csv_fields(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    for ch in line.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                cur.push(ch);
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(ch),
        }
    }
    out.push(cur);
    out
}
