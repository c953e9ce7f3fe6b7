//! Reports of a session that people can share.

mod json;
mod markdown;
mod summary;

pub use summary::{PulseSummary, RoleCount, pulse_summary, role_counts};

use crate::domain::Session;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for pasting into a wiki or mail.
    Md,
    /// JSON with everything in the session.
    Json,
}

pub fn render(session: &Session, format: Format) -> String {
    match format {
        Format::Md => markdown::render(session),
        Format::Json => json::render(session),
    }
}
