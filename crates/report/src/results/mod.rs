//! How each of reweigh's results is laid out as tables (for the table, CSV and Markdown exporters):
//! one file per result. JSON needs no layout: it is the result's own serialisation.

mod boards;
mod compare;
pub(crate) mod cost;
mod diff;
mod explain;
mod fetch;
mod flip;
mod history;
mod import;
mod infer;
mod intervals;
mod receipt;
mod robustness;
mod scores;
mod sweep;
mod verify;
mod which_weights;
