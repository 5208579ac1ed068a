//! `reweigh report --out DIR`: a self-contained HTML page, every chart as SVG and PNG, and the
//! ranked table as CSV, JSON and Markdown. Everything is built in memory first, then staged and
//! published as a whole (`output::publish_dir`), so a failing run leaves no partial report.

use std::path::PathBuf;

use crate::figures::{COST_KINDS, KINDS, Params, build_scored};
use reweigh_composite::Policy;
use reweigh_composite::receipt::Run;
use reweigh_report::Format;
use reweigh_report::charts::{ImageFormat, render};
use reweigh_report::explorer::{self, Link};
use reweigh_report::html::{Figure, page};

use crate::{Failure, inputs, limits, output};

const EXAMPLES: &str = "Examples:
  reweigh report --out report/
  reweigh report --out report-penalty/ --abstention penalty:1
  reweigh report datasets/aa-v4.0-2026-06-05.csv --out old/ --pair qwen3-7-max,qwen3-6-max

Writes DIR/index.html, the interactive explorer (self-contained: weights, abstention policy, --as-of,
--dedupe and --where in the browser, with the CLI's numbers; docs/explorer.md), DIR/static.html
(self-contained: inline SVG charts, tables, methodology, receipts), each chart as .svg and .png, and
scores.csv, scores.json, scores.md. The cost and tokens charts are drawn when the
dataset has AA's costs (the default dataset does).";

/// Write a report: HTML page, charts, tables.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub source: inputs::Source,
    #[command(flatten)]
    pub scoring: inputs::Scoring,
    /// The directory to write into (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
    /// The waterfall's two models, MODEL,OTHER (slugs; default: the first two in the ranking).
    #[arg(long, value_delimiter = ',', value_name = "MODEL,OTHER")]
    pub pair: Vec<String>,
    /// Models to follow in the abstention and Omniscience charts and to label in the cost chart
    /// (comma-separated slugs, at most 100; default: the best few, and the cost frontier).
    #[arg(long, value_delimiter = ',', value_name = "SLUGS")]
    pub models: Vec<String>,
}

pub fn run(args: Args) -> Result<u8, Failure> {
    if args.models.len() > limits::MAX_CHART_MODELS {
        return Err(Failure::input(format!(
            "--models lists {} models; a chart shows at most {}. Fix: list fewer",
            args.models.len(),
            limits::MAX_CHART_MODELS
        )));
    }
    let options = args.scoring.options()?;
    let (dataset, methodology) = args.source.resolve()?;
    let (applied, scored) =
        inputs::score(&dataset, &methodology, &options, Run::command("report"))?;
    let pair = match args.pair.as_slice() {
        [a, b] => (a.clone(), b.clone()),
        [] => {
            let top: Vec<&str> = scored
                .models
                .iter()
                .filter(|m| m.index.is_some())
                .take(2)
                .map(|m| m.slug.as_str())
                .collect();
            match top[..] {
                [a, b] => (a.to_string(), b.to_string()),
                _ => return Err(inputs::too_few_ranked("the report", &scored, top.len())),
            }
        }
        _ => return Err(Failure::input("--pair takes two slugs, MODEL,OTHER")),
    };
    let against = if options.abstention == Policy::Aa {
        Policy::Accuracy
    } else {
        Policy::Aa
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut figures = Vec::new();
    let costs = reweigh_composite::cost::has_costs(&dataset);
    if !costs {
        crate::say(&format!(
            "{} has no known cost of running the index: the cost and tokens charts are left out",
            dataset.origin
        ));
    }
    for kind in KINDS {
        if COST_KINDS.contains(&kind) && !costs {
            continue;
        }
        let params = Params {
            top: if kind == "abstention" { 8 } else { 20 },
            models: if kind == "ranking" || kind == "compare" || kind == "tokens" {
                Vec::new()
            } else {
                args.models.clone()
            },
            pair: Some(pair.clone()),
            against,
            ..Params::default()
        };
        let (chart, frame) = build_scored(
            kind,
            &dataset,
            &methodology,
            &applied,
            &scored,
            &options,
            &params,
        )
        .map_err(Failure::input)?;
        let svg = render(&chart, &frame, ImageFormat::Svg).map_err(Failure::input)?;
        let png = render(&chart, &frame, ImageFormat::Png).map_err(Failure::input)?;
        figures.push(Figure {
            stem: kind.to_string(),
            caption: frame.title.clone(),
            svg: String::from_utf8(svg.clone()).expect("SVG is text"),
        });
        files.push((format!("{kind}.svg"), svg));
        files.push((format!("{kind}.png"), png));
    }
    for (name, format) in [
        ("scores.csv", Format::Csv),
        ("scores.json", Format::Json),
        ("scores.md", Format::Markdown),
    ] {
        files.push((name.into(), format.export(&scored)));
    }
    files.push((
        "static.html".into(),
        page(&scored, &applied, &figures).into_bytes(),
    ));
    // The explorer recomputes from the methodology before the options; its equivalent command line
    // names the dataset and methodology as they were given here.
    let mut command = Vec::new();
    if let Some(d) = &args.source.dataset {
        command.push(d.display().to_string());
    }
    if let Some(m) = &args.source.methodology {
        command.extend(["--methodology".to_string(), m.clone()]);
    }
    let explorer = reweigh_composite::explorer::explorer(&dataset, &methodology, command, &options)
        .map_err(Failure::input)?;
    let links: Vec<Link> = files
        .iter()
        .map(|(name, _)| Link {
            file: name.clone(),
            label: link_label(name),
        })
        .collect();
    files.push((
        "index.html".into(),
        explorer::page(&explorer, &scored, &links).into_bytes(),
    ));
    output::publish_dir(&args.out, &files)?;
    crate::say(&format!(
        "wrote {} files to {}",
        files.len(),
        args.out.display()
    ));
    Ok(0)
}

/// How the explorer lists one of the report's files.
fn link_label(name: &str) -> String {
    match name {
        "static.html" => "The static report: every chart, the receipt and the methodology".into(),
        "scores.csv" | "scores.json" | "scores.md" => format!("The report's ranking as {name}"),
        chart => format!("Chart {chart} (the report's own options)"),
    }
}
