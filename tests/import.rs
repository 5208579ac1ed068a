//! End to end: `reweigh import` and every command reading AA's shapes. The expected values are
//! computed here from the sources and the adapter files (datasets/adapters/) by a second, plain
//! implementation of the mapping, and compared record by record with what the binary wrote.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::*;

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/aa")
        .join(name)
        .display()
        .to_string()
}

fn capture(name: &str) -> String {
    root()
        .join("datasets/history/captures")
        .join(name)
        .display()
        .to_string()
}

const CAPTURE_0605: &str = "aa_wide_2026-06-05T2148_96dd566.csv";
const CAPTURE_0615: &str = "aa_wide_2026-06-15T0612_b8bcb2a.csv";
const CAPTURE_0706: &str = "aa_wide_2026-07-06T0502_b2970be.csv";

/// Imports `sources` to `out` (JSON summary), expecting exit 0; returns the summary.
fn import_ok(sources: &[&str], out: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["import"];
    args.extend(sources);
    let out_s = out.to_str().unwrap().to_string();
    args.extend(["--out", &out_s, "--format", "json"]);
    args.extend(extra);
    let run = reweigh(&args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    json(&run.stdout)
}

/// The written dataset's rows (JSON output) by slug.
fn rows(out: &Path) -> Vec<serde_json::Map<String, Value>> {
    let v = json(&std::fs::read_to_string(out).unwrap());
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_object().unwrap().clone())
        .collect()
}

/// A quote-aware CSV split (the captures quote names with commas).
fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let (mut record, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    let header = records.remove(0);
    (header, records)
}

/// `text` × 10^places by moving the decimal point (plain decimals only, as the sources write them).
fn shifted(text: &str, places: i32) -> f64 {
    let (neg, t) = match text.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, text),
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = format!("{int}{frac}");
    let point = int.len() as i32 + places;
    let s = if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        format!(
            "{}.{}",
            &digits[..point as usize],
            &digits[point as usize..]
        )
    };
    let v: f64 = s.parse().unwrap();
    if neg { -v } else { v }
}

/// The adapter's mappings: (source keys, canonical column, unit, zero unknown, unknown_with).
type Mapping = (Vec<String>, String, String, bool, Option<String>);

/// Under index version `version`, each mapping of `[versions."V"]` takes the place of the base
/// mappings reading any of its keys (datasets/adapters/README.md).
fn adapter(shape: &str, version: Option<&str>) -> (toml::Table, Vec<Mapping>) {
    let path = root().join(format!("datasets/adapters/{shape}.toml"));
    let t: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut maps = mappings(&t["map"]);
    let by_version = version.and_then(|v| t.get("versions")?.get(v));
    for o in by_version.map(|o| mappings(&o["map"])).unwrap_or_default() {
        let reads = |m: &Mapping| m.0.iter().any(|k| o.0.contains(k));
        match maps.iter().position(reads) {
            Some(i) => {
                let rest: Vec<Mapping> = maps
                    .split_off(i)
                    .into_iter()
                    .filter(|m| !reads(m))
                    .collect();
                maps.push(o.clone());
                maps.extend(rest);
            }
            None => maps.push(o.clone()),
        }
    }
    (t, maps)
}

fn mappings(list: &toml::Value) -> Vec<Mapping> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let keys = match &m["key"] {
                toml::Value::String(s) => vec![s.clone()],
                toml::Value::Array(a) => {
                    a.iter().map(|k| k.as_str().unwrap().to_string()).collect()
                }
                other => panic!("{other:?}"),
            };
            (
                keys,
                m["column"].as_str().unwrap().to_string(),
                m["unit"].as_str().unwrap().to_string(),
                m.get("zero").is_some(),
                m.get("unknown_with")
                    .map(|w| w.as_str().unwrap().to_string()),
            )
        })
        .collect()
}

/// A source value as the canonical value: `Ok(None)` is NA; text values as text.
#[derive(Debug, PartialEq)]
enum Expected {
    Na,
    Number(f64),
    Text(String),
}

fn expected(unit: &str, zero: bool, source: Option<&str>, is_text_source: bool) -> Expected {
    let Some(s) = source.filter(|s| !s.is_empty() && *s != "$undefined") else {
        return if unit == "text" || unit == "bool" {
            Expected::Text(String::new())
        } else {
            Expected::Na
        };
    };
    match unit {
        "text" => Expected::Text(s.to_string()),
        "bool" => Expected::Text(s.to_ascii_lowercase()),
        _ => {
            let _ = is_text_source;
            let v: f64 = s.parse().unwrap();
            if zero && v == 0.0 {
                return Expected::Na;
            }
            Expected::Number(match unit {
                "percent" => shifted(s, -2),
                "norm_fraction" => shifted(s, 2),
                _ => v,
            })
        }
    }
}

fn actual(row: &serde_json::Map<String, Value>, column: &str, unit: &str) -> Expected {
    match &row[column] {
        Value::Null => Expected::Na,
        Value::Number(n) => Expected::Number(n.as_f64().unwrap()),
        Value::String(s) if unit == "text" || unit == "bool" => Expected::Text(s.clone()),
        other => panic!("{column}: {other:?}"),
    }
}

/// Compares every mapped value of every record; returns the mismatches (so that a test can show the
/// comparison fails on a wrong value).
fn mismatches(
    shape: &str,
    version: Option<&str>,
    records: &[Vec<(String, Option<String>)>],
    out: &[serde_json::Map<String, Value>],
) -> Vec<String> {
    let (_, maps) = adapter(shape, version);
    let mut bad = Vec::new();
    assert_eq!(records.len(), out.len(), "{shape}: rows");
    for (record, row) in records.iter().zip(out) {
        let get = |k: &str| {
            record
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        let mut seen: Vec<(String, Expected)> = Vec::new();
        for (keys, column, unit, zero, unknown_with) in &maps {
            let source = keys.iter().find_map(|k| get(k));
            let mut want = expected(unit, *zero, source.clone().flatten().as_deref(), true);
            if let Some(w) = unknown_with
                && seen.iter().any(|(c, v)| c == w && *v == Expected::Na)
            {
                want = Expected::Na;
            }
            let got = actual(row, column, unit);
            if got != want {
                bad.push(format!(
                    "{}: {column}: source {source:?}, wrote {got:?}",
                    row["slug"]
                ));
            }
            seen.push((column.clone(), want));
        }
        assert_eq!(
            row["attribution"],
            "Artificial Analysis, artificialanalysis.ai"
        );
        assert_eq!(row["source_shape"], shape);
    }
    bad
}

/// A JSON source's records as (dotted key, value text) lists.
fn json_records(path: &str, records_at: &[&str]) -> Vec<Vec<(String, Option<String>)>> {
    fn flat(v: &Value, prefix: &str, out: &mut Vec<(String, Option<String>)>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let p = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    flat(v, &p, out);
                }
            }
            Value::Null => out.push((prefix.into(), None)),
            Value::String(s) => out.push((prefix.into(), Some(s.clone()))),
            other => out.push((prefix.into(), Some(other.to_string()))),
        }
    }
    let top = json(&std::fs::read_to_string(path).unwrap());
    let array = records_at
        .iter()
        .find_map(|r| {
            if *r == "." {
                top.as_array()
            } else {
                top[*r].as_array()
            }
        })
        .unwrap();
    array
        .iter()
        .map(|r| {
            let mut out = Vec::new();
            flat(r, "", &mut out);
            out
        })
        .collect()
}

#[test]
fn each_reference_payload_imports_with_the_source_values_exactly() {
    let dir = scratch("import-payloads");
    let cases: [(&str, &str, &[&str], usize); 7] = [
        (
            "api_legacy_v2_data_llms_models_2026-09.json",
            "aa-legacy",
            &["data"],
            4,
        ),
        (
            "api_legacy_v2_data_llms_models_v3era_2025.json",
            "aa-legacy",
            &["."],
            2,
        ),
        (
            "openrouter_aa_benchmarks_proxy_v4.0.json",
            "openrouter-aa-proxy",
            &["data"],
            1,
        ),
        (
            "site_rsc_camelcase_records.json",
            "aa-site-camelcase",
            &["."],
            2,
        ),
        (
            "language_pro_docs_example.json",
            "aa-language-pro",
            &["data"],
            1,
        ),
        (
            "language_free_docs_example.json",
            "aa-language-free",
            &["data"],
            1,
        ),
        (
            "language_pro_page1of2.json",
            "aa-language-pro",
            &["data"],
            2,
        ),
    ];
    for (file, shape, at, n) in cases {
        let out = dir.join(format!("{file}.out.json"));
        let mut extra: Vec<&str> = Vec::new();
        let page2 = fixture("language_pro_page2of2.json");
        let sources = if file == "language_pro_page1of2.json" {
            extra.push(&page2);
            vec![fixture(file)]
        } else {
            vec![fixture(file)]
        };
        let mut all: Vec<&str> = sources.iter().map(String::as_str).collect();
        all.extend(extra.iter().copied());
        let summary = import_ok(&all, &out, &[]);
        assert_eq!(summary["shape"], shape, "{file}");
        let mut records = json_records(&fixture(file), at);
        if file == "language_pro_page1of2.json" {
            records.extend(json_records(&page2, at));
        }
        assert_eq!(
            records.len(),
            n * if extra.is_empty() { 1 } else { 2 },
            "{file}"
        );
        assert_eq!(summary["rows"], records.len(), "{file}");
        let written = rows(&out);
        // The version as the source states it (`4` is 4.0), read here from the file.
        let version = match &json(&std::fs::read_to_string(fixture(file)).unwrap())["intelligence_index_version"]
        {
            Value::Number(n) if n.is_u64() => Some(format!("{n}.0")),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let bad = mismatches(shape, version.as_deref(), &records, &written);
        assert!(bad.is_empty(), "{file}: {bad:#?}");
        // The provenance names the file and its SHA-256.
        let sha = &summary["sources"][0]["sha256"];
        assert_eq!(written[0]["source_sha256"], *sha, "{file}");
        assert_eq!(
            written[0]["source"], summary["sources"][0]["file"],
            "{file}"
        );
    }
    // Spot checks against the files, literally.
    let out = dir.join("openrouter_aa_benchmarks_proxy_v4.0.json.out.json");
    let r = &rows(&out)[0];
    assert_eq!(r["gdpval_norm_pct"], 55.3);
    assert_eq!(r["aa_lcr"], 0.707);
    let out = dir.join("api_legacy_v2_data_llms_models_2026-09.json.out.json");
    let r = rows(&out);
    let minicpm = r.iter().find(|r| r["slug"] == "minicpm5-2b").unwrap();
    assert_eq!(
        minicpm["price_input_per_1m_usd"],
        Value::Null,
        "AA's 0 price is unknown"
    );
    assert_eq!(minicpm["tau3_banking"], 0.208247422680412);
}

#[test]
fn the_comparison_fails_on_a_wrong_value() {
    let dir = scratch("import-compare-fails");
    let out = dir.join("o.json");
    import_ok(
        &[&fixture("openrouter_aa_benchmarks_proxy_v4.0.json")],
        &out,
        &[],
    );
    let mut records = json_records(
        &fixture("openrouter_aa_benchmarks_proxy_v4.0.json"),
        &["data"],
    );
    for (k, v) in &mut records[0] {
        if k == "benchmark_data.evaluations.gpqa" {
            *v = Some("0.895".into());
        }
    }
    let bad = mismatches("openrouter-aa-proxy", None, &records, &rows(&out));
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].contains("gpqa"), "{bad:?}");
}

#[test]
fn captures_import_with_their_values_exactly() {
    let dir = scratch("import-captures");
    for (name, rows_expected) in [
        (CAPTURE_0605, 523),
        (CAPTURE_0615, 529),
        (CAPTURE_0706, 537),
    ] {
        let out = dir.join(format!("{name}.json"));
        let summary = import_ok(&[&capture(name)], &out, &[]);
        assert_eq!(summary["shape"], "aa-capture-csv");
        assert_eq!(summary["rows"], rows_expected, "{name}");
        assert_eq!(
            summary["index_version"],
            Value::Null,
            "{name}: a capture states no version"
        );
        let (header, body) = csv_rows(&std::fs::read_to_string(capture(name)).unwrap());
        let records: Vec<Vec<(String, Option<String>)>> = body
            .iter()
            .map(|r| {
                header
                    .iter()
                    .zip(r)
                    .map(|(h, v)| (h.clone(), (!v.is_empty()).then(|| v.clone())))
                    .collect()
            })
            .collect();
        let written = rows(&out);
        let bad = mismatches("aa-capture-csv", None, &records, &written);
        assert!(
            bad.is_empty(),
            "{name}: {} mismatches: {:#?}",
            bad.len(),
            &bad[..bad.len().min(5)]
        );
        let stamp = &name[8..23];
        assert_eq!(
            written[0]["retrieved_at"],
            format!("{}:{}", &stamp[..13], &stamp[13..]),
            "{name}"
        );
    }
}

#[test]
fn an_imported_capture_is_the_default_dataset_where_both_have_a_value() {
    // The default dataset's 384 rows came from AA's evaluations payload and (costs, prices) from
    // this capture of the same commit: the import agrees on every shared column of every row.
    let dir = scratch("import-vs-default");
    let out = dir.join("c.json");
    import_ok(&[&capture(CAPTURE_0615)], &out, &[]);
    let imported = rows(&out);
    let (header, body) = csv_rows(&default_csv());
    let mut compared = 0;
    for r in &body {
        let slug = &r[0];
        let row = imported
            .iter()
            .find(|x| x["slug"] == *slug)
            .expect("every default row imported");
        for (h, v) in header.iter().zip(r) {
            if !row.contains_key(h)
                || [
                    "slug",
                    "model",
                    "release_date",
                    "is_reasoning",
                    "index_version",
                    "source",
                    "creator",
                ]
                .contains(&h.as_str())
            {
                continue;
            }
            let want = if v == "NA" {
                Value::Null
            } else {
                Value::from(v.parse::<f64>().unwrap())
            };
            assert_eq!(row[h], want, "{slug} {h}");
            compared += 1;
        }
    }
    assert_eq!(compared, 384 * 22);
}

#[test]
fn verify_on_imported_v4_0_captures() {
    let dir = scratch("import-verify");
    let estimated = [
        "apriel-v1-5-15b-thinker",
        "deepseek-r1-distill-llama-70b",
        "deepseek-r1-qwen3-8b",
        "llama-3-3-nemotron-super-49b-reasoning",
        "magistral-small",
        "qwen2-5-72b-instruct",
    ];
    let payload = std::fs::read_to_string(dataset("aa-v4.0-2026-06-05.csv")).unwrap();
    for (name, independent) in [(CAPTURE_0605, 395), (CAPTURE_0615, 401)] {
        let out = dir.join(format!("{name}.csv"));
        import_ok(&[&capture(name)], &out, &[]);
        // The capture states no version: scoring asks for one.
        let run = reweigh(&["verify", out.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("index version is unknown"),
            "{}",
            run.stderr
        );
        let verify = |path: &std::path::Path, extra: &[&str]| {
            let mut args = vec!["verify", path.to_str().unwrap(), "--format", "json"];
            args.extend_from_slice(extra);
            let run = reweigh(&args);
            (run.code, json(&run.stdout))
        };
        // Every index AA computed from these components reproduces within 1e-4. Six rows publish
        // neither GDPval nor the Agentic Index the capture carries for every other model: AA
        // estimated their index another way (none of them is in AA's evaluations payload of the
        // same commit), and verify says so instead of counting their GDPval as 0.
        let (code, v) = verify(&out, &["--methodology", "aa-v4.0"]);
        assert_eq!(code, 0, "{name}: {}", v["failures"]);
        assert_eq!(v["summary"]["index"]["independent"], independent, "{name}");
        assert!(v["summary"]["index"]["max_abs_delta"].as_f64().unwrap() < 1e-4);
        let mut skipped: Vec<&str> = v["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["reason"].as_str().unwrap().contains("estimated"))
            .map(|s| s["slug"].as_str().unwrap())
            .collect();
        skipped.sort();
        assert_eq!(skipped, estimated, "{name}");
        for slug in estimated {
            assert!(!payload.contains(&format!("\n{slug},")));
        }
        // The rule can fail: without the Agentic Index column nothing tells those rows apart (nor
        // solves any GDPval), G = 0 is used for the six, and they are among the failures.
        let text = std::fs::read_to_string(&out).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let drop = header
            .iter()
            .position(|h| *h == "published_agentic_index")
            .unwrap();
        let strip = |line: &str| {
            let mut f = crate::common::csv_fields(line);
            f.remove(drop);
            f.join(",")
        };
        let without = dir.join(format!("{name}.no-agentic.csv"));
        let body: Vec<String> = std::iter::once(text.lines().next().unwrap())
            .chain(lines)
            .map(strip)
            .collect();
        std::fs::write(&without, body.join("\n") + "\n").unwrap();
        let (code, v) = verify(&without, &["--methodology", "aa-v4.0"]);
        assert_eq!(code, 1, "{name}");
        let mut failed: Vec<&str> = v["failures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["slug"].as_str().unwrap())
            .collect();
        failed.sort();
        failed.dedup();
        for slug in estimated {
            assert!(failed.contains(&slug), "{name}: {slug} not checked");
        }
        // --index-version at import does the same as --methodology.
        let versioned = dir.join(format!("{name}.v.csv"));
        import_ok(&[&capture(name)], &versioned, &["--index-version", "4.0"]);
        let (code, _) = verify(&versioned, &[]);
        assert_eq!(code, 0, "{name}");
    }
}

#[test]
fn commands_read_every_shape_and_the_version_is_never_assumed() {
    // Legacy states no version: asked for.
    let legacy = fixture("api_legacy_v2_data_llms_models_v3era_2025.json");
    let run = reweigh(&["score", &legacy]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("read as aa-legacy"), "{}", run.stderr);
    assert!(
        run.stderr.contains("index version is unknown"),
        "{}",
        run.stderr
    );
    // The language endpoint states it: 4.1 picks aa-v4.1.
    let run = reweigh(&[
        "score",
        &fixture("language_pro_docs_example.json"),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run.stdout)["methodology"]["name"], "aa-v4.0");
    // A capture read directly, with its version given.
    let run = reweigh(&[
        "score",
        &capture(CAPTURE_0615),
        "--index-version",
        "4.0",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run.stdout);
    let qwen = v["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == "qwen3-7-max")
        .unwrap();
    assert!(
        (qwen["index"].as_f64().unwrap() - 56.58).abs() < 0.01,
        "{qwen}"
    );
    // --from forces a shape; the wrong one is refused.
    let run = reweigh(&["score", &legacy, "--from", "aa-capture-csv"]);
    assert_eq!(run.code, 2);
    let run = reweigh(&[
        "score",
        &legacy,
        "--from",
        "aa-legacy",
        "--methodology",
        "aa-v4.0",
    ]);
    // With a methodology named, the legacy payload lacks what v4.0 needs, and says so.
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("column 'gdpval_elo' for component 'gdpval'"),
        "{}",
        run.stderr
    );
}

/// `import` fails with exit 2, names every needle on stderr, and writes nothing (an existing file
/// is left as it was).
fn import_fails(dir: &Path, name: &str, sources: &[&Path], extra: &[&str], needles: &[&str]) {
    let out = dir.join(format!("{name}.out.csv"));
    std::fs::write(&out, "before\n").unwrap();
    let mut args: Vec<String> = vec!["import".into()];
    args.extend(sources.iter().map(|p| p.display().to_string()));
    args.extend(["--out".into(), out.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = reweigh(&args);
    assert_eq!(run.code, 2, "{name}: {}\n{}", run.stdout, run.stderr);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "before\n",
        "{name}: output touched"
    );
    assert!(run.stdout.is_empty(), "{name}: {}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for n in needles {
        assert!(
            run.stderr.contains(n),
            "{name}: missing {n:?} in {}",
            run.stderr
        );
    }
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "{name}: temporary files left: {leftovers:?}"
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn bad_sources_exit_2_naming_file_record_and_key_and_write_nothing() {
    let dir = scratch("import-bad");
    let page1 = std::fs::read_to_string(fixture("language_pro_page1of2.json")).unwrap();
    // Malformed JSON: a truncated page.
    let p = write(&dir, "truncated.json", &page1[..page1.len() / 2]);
    import_fails(
        &dir,
        "truncated",
        &[&p],
        &[],
        &["truncated.json", "well-formed JSON", "line"],
    );
    // A shape that matches nothing: the closest named, with what it misses.
    let p = write(
        &dir,
        "noshape.json",
        r#"{"status":200,"data":[{"slug":"a","name":"A","evaluations":{"artificial_analysis_intelligence_index":5}}]}"#,
    );
    import_fails(
        &dir,
        "noshape",
        &[&p],
        &[],
        &[
            "noshape.json",
            "closest: aa-legacy",
            "model_creator.name",
            "median_output_tokens_per_second",
        ],
    );
    // Duplicate slugs across pages (page 2 carrying a record of page 1).
    let mut v = json(&std::fs::read_to_string(fixture("language_pro_page2of2.json")).unwrap());
    let first = json(&page1)["data"][0].clone();
    v["data"].as_array_mut().unwrap().push(first);
    let p2 = write(&dir, "page2dup.json", &v.to_string());
    let p1 = PathBuf::from(fixture("language_pro_page1of2.json"));
    import_fails(
        &dir,
        "dup",
        &[&p1, &p2],
        &[],
        &[
            "page2dup.json",
            "row 3 (slug 'gpt-6-astra')",
            "column 'slug'",
            "language_pro_page1of2.json, record 1 has the same slug",
        ],
    );
    // A page missing.
    import_fails(&dir, "missing-page", &[&p1], &[], &["page 2 missing"]);
    // A percent where a fraction is expected.
    let mut v = json(&page1);
    v["data"][0]["evaluations"]["gpqa_diamond"] = serde_json::json!(96.1);
    let p = write(&dir, "percent.json", &v.to_string());
    let p2 = PathBuf::from(fixture("language_pro_page2of2.json"));
    import_fails(
        &dir,
        "percent",
        &[&p, &p2],
        &[],
        &[
            "percent.json",
            "row 1 (slug 'gpt-6-astra')",
            "column 'evaluations.gpqa_diamond'",
            "value '96.1'",
            "looks like a percent",
            "0.961",
        ],
    );
    // A fraction where the capture publishes a percent: every SciCode value divided by 100.
    let (header, body) = csv_rows(&std::fs::read_to_string(capture(CAPTURE_0615)).unwrap());
    let col = header.iter().position(|h| h == "SciCode").unwrap();
    let quote = |f: &str| {
        if f.contains(',') || f.contains('"') {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    };
    let mut text = header
        .iter()
        .map(|h| quote(h))
        .collect::<Vec<_>>()
        .join(",")
        + "\n";
    for r in &body {
        let mut r = r.clone();
        if !r[col].is_empty() {
            r[col] = format!("{}", shifted(&r[col], -2));
        }
        text.push_str(&(r.iter().map(|f| quote(f)).collect::<Vec<_>>().join(",") + "\n"));
    }
    let p = write(&dir, "fractions.csv", &text);
    import_fails(
        &dir,
        "fractions",
        &[&p],
        &[],
        &["fractions.csv", "column 'SciCode'", "look like fractions"],
    );
    // The same file with the percents left alone imports: the check is not always failing.
    let mut ok = header
        .iter()
        .map(|h| quote(h))
        .collect::<Vec<_>>()
        .join(",")
        + "\n";
    for r in &body {
        ok.push_str(&(r.iter().map(|f| quote(f)).collect::<Vec<_>>().join(",") + "\n"));
    }
    let p = write(&dir, "percents.csv", &ok);
    import_ok(&[p.to_str().unwrap()], &dir.join("percents.out.json"), &[]);
    // An index on the wrong scale: 0.52 (a fraction) and 452.
    for (case, value, needle) in [
        ("fraction-index", "0.52", "fraction scale"),
        ("big-index", "452", "another scale"),
    ] {
        let text = format!(
            r#"{{"data":[{{"aa_slug":"m","aa_name":"M","benchmark_data":{{"evaluations":{{"artificial_analysis_intelligence_index":{value}}}}}}}]}}"#
        );
        let p = write(&dir, &format!("{case}.json"), &text);
        import_fails(
            &dir,
            case,
            &[&p],
            &[],
            &[
                &format!("{case}.json"),
                "row 1 (slug 'm')",
                "artificial_analysis_intelligence_index",
                needle,
            ],
        );
    }
    // --strict: a key the adapter does not know.
    let mut v = json(&page1);
    v["data"][1]["evaluations"]["new_benchmark"] = serde_json::json!(0.5);
    let p = write(&dir, "newkey.json", &v.to_string());
    import_fails(
        &dir,
        "strict",
        &[&p, &p2],
        &["--strict"],
        &[
            "newkey.json",
            "row 2 (slug 'minicpm5-2b')",
            "column 'evaluations.new_benchmark'",
            "--strict",
        ],
    );
    // Without --strict it imports, and says so.
    let run = reweigh(&[
        "import",
        p.to_str().unwrap(),
        p2.to_str().unwrap(),
        "--out",
        dir.join("newkey.csv").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 not known to the adapter (evaluations.new_benchmark"),
        "{}",
        run.stderr
    );
    let written = std::fs::read_to_string(dir.join("newkey.csv")).unwrap();
    assert!(
        written.contains("evaluations.new_benchmark"),
        "listed in source_unmapped"
    );
    // Hostile names: control characters escaped, a huge slug cut.
    let mut v = json(&page1);
    v["data"][0]["slug"] = serde_json::json!("evil\u{1b}[31m\nslug");
    v["data"][1]["slug"] = serde_json::json!("evil\u{1b}[31m\nslug");
    let p = write(&dir, "hostile.json", &v.to_string());
    import_fails(&dir, "hostile", &[&p, &p2], &[], &["\\u{1B}[31m\\u{A}slug"]);
    let huge = "x".repeat(1_000_000);
    let mut v = json(&page1);
    v["data"][0]["slug"] = serde_json::json!(huge);
    v["data"][1]["slug"] = serde_json::json!(huge);
    let p = write(&dir, "huge.json", &v.to_string());
    let out = dir.join("huge.out.csv");
    let run = reweigh(&[
        "import",
        p.to_str().unwrap(),
        p2.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.len() < 2_000,
        "{} bytes of message",
        run.stderr.len()
    );
    assert!(
        run.stderr.contains("(1000000 bytes in all)"),
        "{}",
        run.stderr
    );
    // An output name without a dataset extension, and a source that is not a file.
    let txt = dir.join("x.txt");
    let run = reweigh(&[
        "import",
        p1.to_str().unwrap(),
        "--out",
        txt.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(".csv, .json or .parquet"),
        "{}",
        run.stderr
    );
    assert!(!txt.exists());
    import_fails(&dir, "dir", &[&dir], &[], &["is a directory"]);
}

#[test]
fn a_percent_in_exponent_notation_beyond_the_exact_shift_is_an_error() {
    // `0e500` parses as a float but cannot be shifted exactly: an error naming the cell, not a panic.
    let dir = scratch("import-exponent");
    let text = std::fs::read_to_string(capture(CAPTURE_0615)).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let col = crate::common::csv_fields(&lines[0])
        .iter()
        .position(|h| h == "GPQA Diamond")
        .unwrap();
    let mut f = crate::common::csv_fields(&lines[1]);
    f[col] = "0e500".into();
    lines[1] = f.join(",");
    let path = dir.join("aa_wide_2026-06-15T0612_b8bcb2a.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = dir.join("out.csv");
    let run = reweigh(&[
        "import",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("0e500"), "{}", run.stderr);
    assert!(!out.exists());
}
