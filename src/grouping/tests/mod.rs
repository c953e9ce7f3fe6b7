//! Engine-level tests (kept inside the module so they move with it).

mod arrival;
mod behaviour;
mod calibrated;
mod helpers;
mod incidental;
mod labels;
mod lexicon;
mod properties;
mod robustness;
mod settle;
mod stance;
