//! Reports of a session that people can share.

mod anonymize;
mod html;
mod json;
mod markdown;
mod summary;

pub use anonymize::anonymize;
pub use summary::{PulseSummary, RoleCount, pulse_summary, role_counts};

use crate::domain::Session;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for pasting into a wiki or mail.
    Md,
    /// A single self-contained HTML page with charts, for sharing and printing.
    Html,
    /// JSON with everything in the session.
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// The report of a session; with `anonymous`, no participant's or facilitator's name appears.
pub fn render(session: &Session, format: Format, anonymous: bool) -> String {
    let anonymized;
    let session = if anonymous {
        anonymized = anonymize(session);
        &anonymized
    } else {
        session
    };
    match format {
        Format::Md => markdown::render(session),
        Format::Html => html::render(session),
        Format::Json => json::render(session),
    }
}
