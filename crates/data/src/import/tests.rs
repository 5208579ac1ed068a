use super::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/aa/");
const CAPTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../datasets/history/captures/"
);

fn bytes(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(name: &str) -> Imported {
    import_bytes(
        &bytes(&format!("{FIXTURES}{name}")),
        &Origin::file(name),
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn err(name: &str, text: &str) -> DataError {
    import_bytes(
        text.as_bytes(),
        &Origin::file(name),
        &ImportOptions::default(),
    )
    .unwrap_err()
}

fn text(d: &Dataset, slug: &str, column: &str) -> String {
    d.rows[d.find(slug).unwrap()].text[column].clone()
}

fn value(d: &Dataset, slug: &str, column: &str) -> Option<f64> {
    d.value(d.find(slug).unwrap(), column)
}

#[test]
fn legacy_2026_records_map_exactly_and_zero_prices_are_unknown() {
    let i = fixture("api_legacy_v2_data_llms_models_2026-09.json");
    assert_eq!(i.shape.name(), "aa-legacy");
    assert_eq!(i.index_version, None);
    assert_eq!(i.records, 4);
    let d = i.dataset().unwrap();
    assert_eq!(value(&d, "qwen3-7-max", "published_index"), Some(29.9));
    assert_eq!(
        value(&d, "qwen3-7-max", "tau2_telecom"),
        Some(0.947368421052632)
    );
    assert_eq!(value(&d, "qwen3-7-max", "aa_lcr"), Some(0.79));
    assert_eq!(
        value(&d, "qwen3-7-max", "price_input_per_1m_usd"),
        Some(2.5)
    );
    // 0 speed and 0 prices are AA's "unknown".
    assert_eq!(value(&d, "qwen3-7-max", "output_speed_tps"), None);
    assert_eq!(value(&d, "minicpm5-2b", "price_input_per_1m_usd"), None);
    assert_eq!(value(&d, "gpt-6-astra", "output_speed_tps"), Some(60.822));
    assert_eq!(value(&d, "gpt-6-astra", "ifbench"), None);
    assert_eq!(text(&d, "gpt-6-astra", "creator"), "OpenAI");
    assert_eq!(text(&d, "gpt-6-astra", "index_version"), "");
    assert_eq!(text(&d, "gpt-6-astra", "source_shape"), "aa-legacy");
    assert_eq!(text(&d, "gpt-6-astra", "attribution"), ATTRIBUTION);
    assert_eq!(
        text(&d, "gpt-6-astra", "source_sha256"),
        reweigh_evals::sha256_hex(&bytes(&format!(
            "{FIXTURES}api_legacy_v2_data_llms_models_2026-09.json"
        )))
    );
    // Keys not imported: declared, with reasons, listed on the rows that carry a value.
    let mmlu = i
        .unmapped
        .iter()
        .find(|u| u.key == "evaluations.mmlu_pro")
        .unwrap();
    assert_eq!(mmlu.reason.as_deref(), Some("retired evaluation"));
    assert_eq!(mmlu.records, 4);
    assert_eq!(i.unknown_keys().count(), 0, "{:?}", i.unmapped);
    assert!(text(&d, "qwen2-5-72b-instruct", "source_unmapped").contains("evaluations.mmlu_pro"));
    assert!(!text(&d, "qwen3-7-max", "source_unmapped").contains("evaluations.mmlu_pro"));
}

#[test]
fn the_v3_era_bare_array_is_legacy_with_no_version() {
    let i = fixture("api_legacy_v2_data_llms_models_v3era_2025.json");
    assert_eq!(i.shape.name(), "aa-legacy");
    assert_eq!(i.index_version, None);
    let d = i.dataset().unwrap();
    // The trap: 44.3 on the v3 scale, 14 in v4; nothing here says which.
    assert_eq!(value(&d, "gpt-oss-20b-low", "published_index"), Some(44.3));
}

#[test]
fn openrouter_gdpval_fraction_becomes_the_normalised_percent() {
    let i = fixture("openrouter_aa_benchmarks_proxy_v4.0.json");
    assert_eq!(i.shape.name(), "openrouter-aa-proxy");
    let d = i.dataset().unwrap();
    let s = "claude-opus-4-6-adaptive";
    assert_eq!(value(&d, s, "gdpval_norm_pct"), Some(55.3));
    assert_eq!(value(&d, s, "gdpval_elo"), Some(1606.0));
    assert_eq!(value(&d, s, "published_agentic_index"), Some(67.6));
    assert_eq!(value(&d, s, "omniscience_nonhallucination"), Some(0.387));
    assert_eq!(value(&d, s, "tau2_telecom"), None);
    assert!(!d.has_column("tau2_telecom"));
}

#[test]
fn site_records_of_two_kinds() {
    let i = fixture("site_rsc_camelcase_records.json");
    assert_eq!(i.shape.name(), "aa-site-camelcase");
    let d = i.dataset().unwrap();
    assert_eq!(value(&d, "kimi-k2-6", "gdpval_norm_pct"), Some(34.519));
    assert_eq!(
        value(&d, "kimi-k2-6", "published_index"),
        Some(45.1382483763163)
    );
    assert_eq!(value(&d, "kimi-k2-6", "briefcase_elo"), Some(818.82));
    assert_eq!(text(&d, "kimi-k2-6", "open_weights"), "true");
    assert_eq!(text(&d, "kimi-k2-6", "model"), "Kimi K2.6");
    // The host's price is not the model's.
    assert_eq!(value(&d, "kimi-k2-6", "price_input_per_1m_usd"), None);
    assert!(text(&d, "kimi-k2-6", "source_unmapped").contains("pricing.price1mInputTokens"));
    assert_eq!(
        value(&d, "claude-opus-5", "terminalbench_v21"),
        Some(0.891385767790262)
    );
    assert_eq!(
        value(&d, "claude-opus-5", "terminalbench_40"),
        Some(0.48989898989899)
    );
    assert_eq!(
        value(&d, "claude-opus-5", "omniscience_hallucination_rate"),
        Some(0.4512)
    );
    assert_eq!(value(&d, "claude-opus-5", "tau2_telecom"), None);
    assert_eq!(
        i.unknown_keys().count(),
        0,
        "{:?}",
        i.unknown_keys().collect::<Vec<_>>()
    );
}

#[test]
fn language_pages_import_as_one_dataset() {
    let p1 = bytes(&format!("{FIXTURES}language_pro_page1of2.json"));
    let p2 = bytes(&format!("{FIXTURES}language_pro_page2of2.json"));
    let o = ImportOptions::default();
    let i = import_many(
        &[
            (&p2, Origin::file("p2.json")),
            (&p1, Origin::file("p1.json")),
        ],
        &o,
    )
    .unwrap();
    assert_eq!(i.shape.name(), "aa-language-pro");
    assert_eq!(i.index_version.as_deref(), Some("4.1"));
    assert_eq!(i.records, 4);
    let d = i.dataset().unwrap();
    assert_eq!(text(&d, "qwen3-7-max", "index_version"), "4.1");
    assert_eq!(text(&d, "qwen3-7-max", "source"), "p2.json");
    assert_eq!(value(&d, "qwen3-7-max", "gpqa"), Some(0.923));
    assert_eq!(
        text(&d, "gpt-6-astra", "source_endpoint"),
        "/api/v2/language/models"
    );
    // A page missing, a page twice, a record twice.
    let e = import_many(&[(&p1, Origin::file("p1.json"))], &o)
        .map(|_| ())
        .unwrap_err();
    assert!(e.to_string().contains("page 2 missing"), "{e}");
    let e = import_many(
        &[(&p1, Origin::file("a.json")), (&p1, Origin::file("b.json"))],
        &o,
    )
    .unwrap_err();
    assert_eq!(e.kind, K::DuplicateSlug, "{e}");
    // --index-version cannot contradict the source.
    let o = ImportOptions {
        index_version: Some("4.0".into()),
        ..ImportOptions::default()
    };
    let e = import_many(
        &[
            (&p1, Origin::file("p1.json")),
            (&p2, Origin::file("p2.json")),
        ],
        &o,
    )
    .unwrap_err();
    assert!(e.to_string().contains("--index-version"), "{e}");
}

#[test]
fn the_docs_example_states_version_4() {
    let i = fixture("language_pro_docs_example.json");
    assert_eq!(i.index_version.as_deref(), Some("4.0"));
    let d = i.dataset().unwrap();
    assert_eq!(value(&d, "gpt-oss-20b", "gdpval_elo"), Some(681.0));
    assert_eq!(value(&d, "gpt-oss-20b", "tau3_banking"), Some(0.61));
    let f = fixture("language_free_docs_example.json");
    assert_eq!(f.shape.name(), "aa-language-free");
    let d = f.dataset().unwrap();
    assert_eq!(
        value(&d, "gpt-oss-20b", "published_agentic_index"),
        Some(27.6)
    );
    assert!(!d.has_column("gpqa"));
}

#[test]
fn a_capture_maps_percent_to_fraction_exactly() {
    let name = "aa_wide_2026-06-15T0612_b8bcb2a.csv";
    let (d, i) = load(
        &format!("{CAPTURES}{name}"),
        &bytes(&format!("{CAPTURES}{name}")),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(i.shape.name(), "aa-capture-csv");
    assert_eq!(i.records, 529);
    assert_eq!(i.index_version, None);
    assert_eq!(text(&d, "gpt-oss-120b", "retrieved_at"), "2026-06-15T06:12");
    assert_eq!(value(&d, "gpt-oss-120b", "tau2_telecom"), Some(0.657895));
    assert_eq!(value(&d, "gpt-oss-120b", "gdpval_norm_pct"), Some(22.362));
    assert_eq!(value(&d, "gpt-oss-120b", "published_index"), Some(33.2657));
    assert_eq!(
        text(&d, "gpt-oss-120b", "license"),
        "Open Weights (Permissive License)"
    );
    assert_eq!(
        value(&d, "gpt-oss-120b", "context_window_tokens"),
        Some(131072.0)
    );
    assert_eq!(
        i.unknown_keys().count(),
        0,
        "{:?}",
        i.unknown_keys().collect::<Vec<_>>()
    );
    // Grok-1: speed 0.0 is unknown; no components, no cost.
    assert_eq!(value(&d, "grok-1", "output_speed_tps"), None);
    assert_eq!(value(&d, "grok-1", "hle"), None);
}

#[test]
fn bad_sources_are_named() {
    let e = err("x.json", "{\"data\": [");
    assert_eq!(e.kind, K::Format);
    let e = err(
        "x.json",
        r#"{"status":200,"data":[{"slug":"a","name":"A","evaluations":{"artificial_analysis_intelligence_index":5}}]}"#,
    );
    assert_eq!(e.kind, K::Shape, "{e}");
    assert!(e.to_string().contains("closest: aa-legacy"), "{e}");
    assert!(e.to_string().contains("model_creator.name"), "{e}");
    // A percent where the shape publishes a fraction.
    let page = r#"{"data":[{"aa_slug":"m","benchmark_data":{"evaluations":{"artificial_analysis_intelligence_index":53,"gpqa":89.6}}}]}"#;
    let e = err("p.json", page);
    assert_eq!(e.kind, K::OutOfRange);
    let s = e.to_string();
    assert!(
        s.contains("row 1 (slug 'm'), column 'benchmark_data.evaluations.gpqa', value '89.6'"),
        "{s}"
    );
    assert!(
        s.contains("looks like a percent") && s.contains("0.896"),
        "{s}"
    );
    // An index on the fraction scale, and one beyond 100.
    let page = r#"{"data":[{"aa_slug":"m","benchmark_data":{"evaluations":{"artificial_analysis_intelligence_index":0.52}}}]}"#;
    let e = err("p.json", page);
    assert!(e.to_string().contains("fraction scale"), "{e}");
    let page = r#"{"data":[{"aa_slug":"m","benchmark_data":{"evaluations":{"artificial_analysis_intelligence_index":452}}}]}"#;
    let e = err("p.json", page);
    assert!(e.to_string().contains("another scale"), "{e}");
    // Duplicate slugs within one page.
    let page = r#"{"data":[{"aa_slug":"m","benchmark_data":{"evaluations":{"artificial_analysis_intelligence_index":5}}},{"aa_slug":"m","benchmark_data":{"evaluations":{"artificial_analysis_intelligence_index":6}}}]}"#;
    let e = err("p.json", page);
    assert_eq!(e.kind, K::DuplicateSlug);
    assert!(e.to_string().contains("row 2 (slug 'm')"), "{e}");
    // --strict refuses a key the adapter does not know.
    let page = r#"{"data":[{"aa_slug":"m","new_key":1,"benchmark_data":{"evaluations":{"artificial_analysis_intelligence_index":5}}}]}"#;
    let ok = import_bytes(
        page.as_bytes(),
        &Origin::file("p.json"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        ok.unknown_keys()
            .map(|u| u.key.as_str())
            .collect::<Vec<_>>(),
        ["new_key"]
    );
    let strict = ImportOptions {
        strict: true,
        ..ImportOptions::default()
    };
    let e = import_bytes(page.as_bytes(), &Origin::file("p.json"), &strict).unwrap_err();
    assert_eq!(e.kind, K::Unmapped);
    assert!(e.to_string().contains("column 'new_key'"), "{e}");
}

#[test]
fn fractions_in_a_percent_column_are_refused() {
    let path = format!("{CAPTURES}aa_wide_2026-06-15T0612_b8bcb2a.csv");
    let text = String::from_utf8(bytes(&path)).unwrap();
    // Rows with quoted fields are left out, so that splitting at commas finds the column.
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !l.contains('"'))
        .map(str::to_string)
        .collect();
    let col = lines[0].split(',').position(|h| h == "SciCode").unwrap();
    for line in lines.iter_mut().skip(1) {
        let mut f: Vec<String> = line.split(',').map(str::to_string).collect();
        if f.len() > col && !f[col].is_empty() {
            let v: f64 = f[col].parse().unwrap();
            f[col] = format!("{}", v / 100.0);
            *line = f.join(",");
        }
    }
    let edited = lines.join("\n") + "\n";
    let e = import_bytes(
        edited.as_bytes(),
        &Origin::file("c.csv"),
        &ImportOptions::default(),
    )
    .map(|_| ())
    .unwrap_err();
    assert!(e.to_string().contains("look like fractions"), "{e}");
    assert!(e.to_string().contains("column 'SciCode'"), "{e}");
}

#[test]
fn written_tables_read_back_to_the_same_dataset() {
    let i = fixture("site_rsc_camelcase_records.json");
    let d = i.dataset().unwrap();
    for (name, format) in [
        ("o.csv", crate::Format::Csv),
        ("o.json", crate::Format::Json),
        ("o.parquet", crate::Format::Parquet),
    ] {
        let bytes = write_table(&i.table, format, &LoadOptions::default()).unwrap();
        let (back, again) = load(name, &bytes, &ImportOptions::default()).unwrap();
        assert_eq!(again.shape.name(), "canonical", "{name}");
        assert_eq!(back.rows, d.rows, "{name}");
        assert_eq!(back.columns, d.columns, "{name}");
    }
}

#[test]
fn capture_names_give_the_capture_time() {
    assert_eq!(
        capture_stamp("datasets/history/captures/aa_wide_2026-06-05T2148_96dd566.csv").as_deref(),
        Some("2026-06-05T21:48")
    );
    assert_eq!(capture_stamp("aa_wide_2026-06-05_96dd566.csv"), None);
    assert_eq!(capture_stamp("other.csv"), None);
}
