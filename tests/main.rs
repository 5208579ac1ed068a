//! The end-to-end tests: one binary (each file a module) so that two cores link it once, not once
//! per file. They drive the real `reweigh` binary on the datasets in datasets/.

mod common;

mod abstention;
mod bad_input;
mod boards;
mod cost;
mod diff;
mod explorer;
mod extremes;
mod fetch;
mod history;
mod honest_checks;
mod import;
mod methodologies;
mod numpy_agreement;
mod reports;
mod reproduce;
mod scale;
mod uncertainty;
