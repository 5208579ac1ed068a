//! reweigh-composite: composite indices from normalised evaluation scores.
//!
//! - [`methodology`]: index definitions as data (TOML), validated and hashed; AA v4.0 and v4.1 built in;
//! - [`score`]: the index, category scores, per-component contributions (which sum to the index), ranks;
//! - [`abstention`]: scoring AA-Omniscience abstention under other policies;
//! - [`explorer`]: the data the interactive page recomputes from (docs/explorer.md);
//! - [`explain`]: contributions, and exact decompositions of the difference between two models;
//! - [`compare`]: rankings under several scorings, Kendall's τ and Spearman's ρ;
//! - [`cost`]: what an index point costs: AA's run costs, derived tokens, the cost frontier, re-pricing;
//! - [`sweep`]: indices and ranks along a penalty range, with exact crossing points;
//! - [`overrides`]: `--weight`, `--category`, `--drop` applied to a methodology;
//! - [`receipt`]: what produced a number, to re-run and check it;
//! - [`uncertainty`]: standard errors, analytic and bootstrap intervals, rank intervals, ties;
//! - [`robustness`]: rank distributions over Dirichlet-sampled weightings;
//! - [`infer`]: a methodology's weights recovered from published numbers (least squares on the simplex);
//! - [`inverse`]: the smallest weight change that reverses two models, the share where one ranks first;
//! - [`selection`]: `--as-of`, `--where`, groups and `--dedupe`: which rows are ranked, stated in every output;
//! - [`boards`]: AA's ranking against another leaderboard (Arena), matched through an alias table;
//! - [`verify`]: recomputed values against AA's published index and sub-indices;
//! - [`fetch`]: what `reweigh fetch` fetched and wrote (pages, retrieval times, SHA-256);
//! - [`imports`]: the record of `reweigh import` (what was written, from what, what was not imported).
//!
//! ```
//! use reweigh_composite::{methodology::Methodology, score::{score, ScoreOptions}};
//! use reweigh_evals::{Dataset, LoadOptions};
//! let csv = "slug,gdpval_elo,tau2_telecom,terminalbench_hard,scicode,aa_lcr,omniscience_accuracy,\
//! omniscience_nonhallucination,ifbench,hle,gpqa,critpt\nm,1500,0.6,0.3,0.3,0.5,0.2,0.4,0.5,0.2,0.8,0.1\n";
//! let d = Dataset::from_plain_csv("example.csv", csv, &LoadOptions::default()).unwrap();
//! let m = Methodology::builtin("aa-v4.0").unwrap();
//! let s = score(&d, &m, &ScoreOptions::default()).unwrap();
//! // Agents = 2/3·0.5 + 1/3·0.6; the index is 100·mean of the four categories.
//! assert!((s.models[0].category("agents").unwrap() - 100.0 * (1.6 / 3.0)).abs() < 1e-12);
//! ```

pub mod abstention;
pub mod binomial;
pub mod boards;
pub mod changes;
pub mod compare;
pub mod cost;
pub mod diff;
pub mod document;
pub mod explain;
pub mod explorer;
pub mod fetch;
pub mod history;
pub mod imports;
pub mod infer;
pub mod inverse;
pub mod methodology;
pub mod overrides;
pub mod receipt;
pub mod results;
pub mod robustness;
pub mod sampling;
pub mod score;
pub mod selection;
pub mod serial;
pub mod sweep;
pub mod uncertainty;
pub mod verify;

pub use abstention::Policy;
pub use document::Scoped;
pub use methodology::{Methodology, MethodologyError, MethodologyId};
pub use score::{ModelScore, ScoreError, ScoreOptions, Scored, Status, score};
pub use verify::{Verification, verify};
