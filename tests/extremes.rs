//! End to end: extreme values of every numeric flag of every command exit 0 (accepted) or 2
//! (refused, with a message naming the flag), never a panic (101), an abort (134) or a signal.
//! Each run is killed after 30 s, which fails the test naming the command: a hang detector, not a
//! benchmark.
//!
//! The inventory below is checked against every command's `--help`: a flag that takes a value must
//! be listed here as numeric (with where the value goes) or as not numeric, so a new flag cannot
//! escape the sweep.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::common::*;

/// The values swept: zero, negative, not-a-number, infinities, the smallest subnormal, near the
/// largest float, the largest u64, empty, and a typo.
const VALUES: [&str; 10] = [
    "0",
    "-1",
    "NaN",
    "inf",
    "-inf",
    "1e-323",
    "1e308",
    "18446744073709551615",
    "",
    "1O",
];

/// Flags that take a value that is not a number (paths, names, slugs, enumerations).
const NOT_NUMERIC: [&str; 30] = [
    "--methodology",
    "--format",
    "--out",
    "--missing",
    "--drop",
    "--models",
    "--model",
    "--vs",
    "--pair",
    "--y",
    "--against-methodology",
    "--receipt",
    "--components",
    "--out-methodology",
    // A date (checked as YYYY-MM-DD), COLUMN=VALUE lists, files and an enumeration.
    "--as-of",
    "--where",
    "--group-file",
    "--variants",
    "--board",
    "--aliases",
    "--aa-score",
    // score --at: a date or UTC timestamp (checked as such); history stores, manifests, columns
    // and B's methodology: files and names.
    "--at",
    "--history",
    "--manifest",
    "--columns",
    "--methodology-b",
    // A shape name, an index version (numbers and dots, at most 16 characters), a time and an
    // endpoint recorded as text (at most 64 and 200 characters).
    "--from",
    "--index-version",
    "--retrieved-at",
    "--endpoint",
];

/// Every command and its numeric flags: (command, flag, arguments with `{}` where the value goes).
/// Other arguments keep accepted runs small (few draws, SVG output).
fn inventory(dir: &str) -> Vec<(&'static str, &'static str, Vec<String>)> {
    let svg = format!("--out={dir}/chart.svg");
    let report = format!("--out={dir}/report");
    // The flags every scoring command shares, in each form that takes a number.
    let scoring = |command: &'static str, base: &[&str]| {
        let mut out = Vec::new();
        for (flag, arg) in [
            ("--weight", "--weight=hle={}"),
            ("--category", "--category=agents={}"),
            ("--abstention", "--abstention=penalty:{}"),
            ("--abstention", "--abstention=confidence:{}"),
            ("--abstention", "--abstention=credit:{}"),
        ] {
            let mut args: Vec<String> = base.iter().map(|s| s.to_string()).collect();
            args.push(arg.to_string());
            out.push((command, flag, args));
        }
        out
    };
    let one = |command: &'static str, flag: &'static str, args: &[&str]| {
        (
            command,
            flag,
            args.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    };
    let mut all = vec![
        one("score", "--bootstrap", &["score", "--ci", "--bootstrap={}"]),
        one(
            "score",
            "--seed",
            &["score", "--ci", "--bootstrap=20", "--seed={}"],
        ),
        one("verify", "--tolerance", &["verify", "--tolerance={}"]),
        one(
            "diff",
            "--tolerance",
            &[
                "diff",
                "datasets/aa-v4.0-2026-06-05.csv",
                "datasets/aa-v4.0-2026-06-15.csv",
                "--tolerance={}",
            ],
        ),
        one("history", "--tolerance", &["history", "--tolerance={}"]),
        one(
            "compare",
            "--abstention",
            &["compare", "--abstention=aa", "--abstention=penalty:{}"],
        ),
        one("sweep", "--penalty", &["sweep", "--penalty={}:4:0.25"]),
        one("sweep", "--penalty", &["sweep", "--penalty=0:{}:0.25"]),
        one("sweep", "--penalty", &["sweep", "--penalty=0:4:{}"]),
        one(
            "sweep",
            "--confidence",
            &["sweep", "--confidence={}:0.9:0.1"],
        ),
        one(
            "sweep",
            "--confidence",
            &["sweep", "--confidence=0.1:{}:0.1"],
        ),
        one(
            "sweep",
            "--confidence",
            &["sweep", "--confidence=0.1:0.9:{}"],
        ),
        one(
            "sweep",
            "--top",
            &["sweep", "--penalty=0:1:0.5", "--top={}"],
        ),
        one(
            "robustness",
            "--concentration",
            &["robustness", "--draws=200", "--concentration={}"],
        ),
        one("robustness", "--draws", &["robustness", "--draws={}"]),
        one(
            "robustness",
            "--seed",
            &["robustness", "--draws=200", "--seed={}"],
        ),
        one(
            "robustness",
            "--top",
            &["robustness", "--draws=200", "--top={}"],
        ),
        one(
            "which-weights",
            "--samples",
            &["which-weights", "gpt-5-5", "--samples={}"],
        ),
        one(
            "which-weights",
            "--seed",
            &["which-weights", "gpt-5-5", "--samples=200", "--seed={}"],
        ),
        one("infer", "--bootstrap", &["infer", "--bootstrap={}"]),
        one("infer", "--seed", &["infer", "--bootstrap=5", "--seed={}"]),
        one(
            "chart",
            "--size",
            &["chart", "ranking", &svg, "--size={}x800"],
        ),
        one(
            "chart",
            "--size",
            &["chart", "ranking", &svg, "--size=1200x{}"],
        ),
        one("chart", "--top", &["chart", "ranking", &svg, "--top={}"]),
        one(
            "boards",
            "--top",
            &[
                "boards",
                "datasets/aa-v4.1-2026-07-06.csv",
                "datasets/arena/arena_text_2026-07-04.json",
                "--top={}",
            ],
        ),
        one("chart", "--top", &["chart", "abstention", &svg, "--top={}"]),
        one(
            "chart",
            "--penalty",
            &["chart", "abstention", &svg, "--penalty={}:4:0.5"],
        ),
        one(
            "chart",
            "--penalty",
            &["chart", "abstention", &svg, "--penalty=0:{}:0.5"],
        ),
        one(
            "chart",
            "--penalty",
            &["chart", "abstention", &svg, "--penalty=0:4:{}"],
        ),
        one(
            "chart",
            "--against",
            &["chart", "compare", &svg, "--against=penalty:{}"],
        ),
        one(
            "chart",
            "--against",
            &["chart", "compare", &svg, "--against=confidence:{}"],
        ),
        one(
            "chart",
            "--against",
            &["chart", "compare", &svg, "--against=credit:{}"],
        ),
    ];
    all.extend(scoring("score", &["score"]));
    all.extend(scoring("verify", &["verify"]));
    all.extend(scoring(
        "explain",
        &["explain", "gpt-5-5", "--vs=qwen3-7-max"],
    ));
    all.extend(
        scoring(
            "compare",
            &["compare", "--abstention=aa", "--abstention=accuracy"],
        )
        .into_iter()
        .filter(|(_, flag, _)| *flag != "--abstention"),
    );
    all.extend(
        scoring("sweep", &["sweep", "--penalty=0:1:0.5"])
            .into_iter()
            .filter(|(_, flag, _)| *flag != "--abstention"),
    );
    all.extend(scoring("chart", &["chart", "ranking", &svg]));
    all.extend(scoring("report", &["report", &report]));
    all.extend(scoring("robustness", &["robustness", "--draws=200"]));
    all.extend(scoring(
        "boards",
        &[
            "boards",
            "datasets/aa-v4.1-2026-07-06.csv",
            "datasets/arena/arena_text_2026-07-04.json",
            "--aa-score=recomputed",
        ],
    ));
    all.extend(scoring("flip", &["flip", "gpt-5-5", "qwen3-7-max"]));
    all.extend(scoring(
        "which-weights",
        &["which-weights", "gpt-5-5", "--samples=200"],
    ));
    all
}

/// The flags of `command` that take a value, from its `--help`.
fn flags_with_values(command: &str) -> BTreeSet<String> {
    let run = reweigh(&[command, "--help"]);
    assert_eq!(run.code, 0, "{command} --help");
    run.stdout
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = match line.strip_prefix('-') {
                Some(rest) if !rest.starts_with('-') => rest.get(3..)?, // "-f, --format"
                _ => line,
            };
            let (flag, rest) = line.strip_prefix("--")?.split_once(' ')?;
            rest.starts_with('<').then(|| format!("--{flag}"))
        })
        .collect()
}

#[test]
fn every_numeric_flag_is_in_the_sweep() {
    let dir = scratch("extremes-inventory");
    let inventory = inventory(dir.to_str().unwrap());
    let commands: BTreeSet<&str> = inventory.iter().map(|(c, _, _)| *c).collect();
    assert_eq!(commands.len(), 14, "{commands:?}");
    for command in [
        "score",
        "verify",
        "explain",
        "compare",
        "sweep",
        "chart",
        "report",
        "robustness",
        "flip",
        "which-weights",
        "infer",
        "methodology",
        "boards",
        "import",
        "diff",
        "history",
    ] {
        let swept: BTreeSet<String> = inventory
            .iter()
            .filter(|(c, _, _)| *c == command)
            .map(|(_, f, _)| f.to_string())
            .collect();
        let with_values = flags_with_values(command);
        assert!(
            command == "methodology" || !with_values.is_empty(),
            "no flags parsed from {command} --help"
        );
        for flag in &with_values {
            assert!(
                swept.contains(flag) || NOT_NUMERIC.contains(&flag.as_str()),
                "{command} {flag} takes a value but is neither swept nor listed as not numeric"
            );
        }
        for flag in &swept {
            assert!(
                with_values.contains(flag),
                "{command} has no flag {flag} (the inventory is stale)"
            );
        }
    }
}

#[test]
fn extreme_values_of_every_numeric_flag_exit_0_or_2() {
    let dir = scratch("extremes");
    let runs: Vec<(&str, &str, Vec<String>)> = inventory(dir.to_str().unwrap())
        .into_iter()
        .flat_map(|(command, flag, template)| {
            VALUES.iter().map(move |v| {
                let args = template.iter().map(|a| a.replace("{}", v)).collect();
                (command, flag, args)
            })
        })
        .collect();
    assert!(runs.len() > 600, "{} runs", runs.len());
    // Two workers: each run is a short process (milliseconds when refused).
    let next = std::sync::atomic::AtomicUsize::new(0);
    let outcomes: Vec<(usize, i32, String)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((_, _, args)) = runs.get(i) else {
                            break out;
                        };
                        let args: Vec<&str> = args.iter().map(String::as_str).collect();
                        let (run, _) = reweigh_within(&args, Duration::from_secs(30));
                        out.push((i, run.code, run.stderr));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("worker"))
            .collect()
    });
    let (mut accepted, mut refused) = (0, 0);
    let mut wrong = Vec::new();
    for (i, code, stderr) in outcomes {
        let (command, flag, args) = &runs[i];
        let shown = format!("reweigh {}", args.join(" "));
        match code {
            _ if stderr.contains("panicked") => wrong.push(format!("{shown}: {stderr}")),
            0 => accepted += 1,
            // verify: 1 is a check that failed (tolerance 0), not a crash.
            1 if *command == "verify" => accepted += 1,
            2 if stderr.contains(flag) && stderr.contains("error") => refused += 1,
            2 => wrong.push(format!("{shown}: exit 2 without naming {flag}: {stderr}")),
            other => wrong.push(format!("{shown}: exit {other}: {stderr}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Both outcomes occur: the sweep reaches the commands' work, not only the parser.
    assert!(
        accepted > 60 && refused > 400,
        "{accepted} accepted, {refused} refused"
    );
}
