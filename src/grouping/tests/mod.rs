//! Engine-level tests (kept inside the module so they move with it).

mod arrival;
mod behaviour;
mod calibrated;
pub(in crate::grouping) mod helpers;
mod incidental;
mod labels;
mod lexicon;
mod properties;
mod robustness;
mod settle;
mod stance;
