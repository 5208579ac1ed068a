//! `reweigh methodology list | show NAME | validate FILE | diff A B`.

use clap::Subcommand;

use reweigh_composite::Methodology;
use reweigh_composite::methodology::BUILTIN;
use reweigh_report::methodologies;

use crate::{Failure, inputs, output};

const EXAMPLES: &str = "Examples:
  reweigh methodology list
  reweigh methodology show aa-v4.0
  reweigh methodology show aa-v4.0 --source          # the TOML file itself
  reweigh methodology validate my-index.toml         # exit 0 if usable, 2 with file, line and fix if not
  reweigh methodology diff aa-v4.0 aa-v4.1           # what changed, and each evaluation's share of the index

The format is documented in docs/methodology-format.md.";

/// List, show, validate and compare methodologies (index definitions as TOML files).
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
    /// Output format.
    #[arg(long, short, default_value = "table", global = true)]
    pub format: inputs::OutputFormat,
}

#[derive(Subcommand)]
pub enum Action {
    /// The built-in methodologies and presets.
    List,
    /// A methodology's components and weights (NAME or FILE).
    Show {
        /// A built-in methodology's name, or a TOML file.
        #[arg(value_name = "NAME|FILE")]
        name: String,
        /// Print the TOML source instead.
        #[arg(long)]
        source: bool,
    },
    /// Check a methodology file.
    Validate {
        /// The TOML file (or a built-in name).
        file: String,
    },
    /// Per-component changes from A to B and each evaluation's change in share of the index.
    Diff {
        /// The methodology compared from (name or TOML file).
        a: String,
        /// The methodology compared to (name or TOML file).
        b: String,
    },
}

pub fn run(args: Args) -> Result<u8, Failure> {
    let format = reweigh_report::Format::from(args.format);
    let table = match args.action {
        Action::List => {
            let all: Vec<Methodology> = BUILTIN
                .iter()
                .map(|(n, _)| Methodology::builtin(n).expect("built in"))
                .collect();
            methodologies::list(&all)
        }
        Action::Show { name, source } => {
            let m = inputs::methodology(&name)?;
            if source {
                let src = m.origin.as_ref().map(|o| o.src.clone()).unwrap_or_default();
                output::emit(src.as_bytes(), None)?;
                return Ok(0);
            }
            methodologies::show(&m)
        }
        Action::Validate { file } => {
            let m = inputs::methodology(&file)?;
            let mut t = methodologies::show(&m);
            t.title = format!("{file}: valid — {}", t.title);
            t
        }
        Action::Diff { a, b } => {
            methodologies::diff(&inputs::methodology(&a)?, &inputs::methodology(&b)?)
        }
    };
    output::emit(&format.export(&table), None)?;
    Ok(0)
}
