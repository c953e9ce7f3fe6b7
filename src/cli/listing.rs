//! `ambassador list` and `ambassador templates`: what is there, for people and for scripts.

use super::{CliError, io_err};
use crate::sanitize;
use crate::store::{Listing, Origin, Paths, TemplateSource, list_sessions, list_templates};
use std::io::Write;

pub(super) fn list(paths: &Paths, json: bool) -> Result<(), CliError> {
    let mut listings = list_sessions(&paths.sessions_dir())?;
    // Then what others shared through the programme's archive, read-only.
    listings.extend(crate::store::archive::archive_listings(&paths.data_dir));
    let mut out = std::io::stdout().lock();
    if json {
        let items: Vec<serde_json::Value> = listings
            .iter()
            .filter(|l| !matches!(l, Listing::Kept(_)))
            .map(|l| match l {
                Listing::Session(s) => {
                    let mut v = serde_json::to_value(s).expect("summaries serialise");
                    // The search text is for filtering on screen, not for the listing.
                    if let Some(o) = v.as_object_mut() {
                        o.remove("search");
                    }
                    v
                }
                Listing::Unreadable { path, error } => {
                    serde_json::json!({ "path": path, "error": error })
                }
                Listing::Kept(_) => serde_json::Value::Null,
            })
            .collect();
        let kept: Vec<serde_json::Value> = listings
            .iter()
            .filter_map(|l| match l {
                Listing::Kept(k) => Some(serde_json::json!({
                    "path": k.path, "of": k.of, "what": k.to_string()
                })),
                _ => None,
            })
            .collect();
        let doc = serde_json::json!({ "sessions": items, "kept": kept });
        let text = serde_json::to_string_pretty(&doc).expect("json serialises");
        writeln!(out, "{}", sanitize::json(&text)).map_err(io_err("write the list"))?;
        return Ok(());
    }
    if listings.is_empty() {
        writeln!(
            out,
            "No sessions yet in {}. Start one with `ambassador new --title \"Team\" --participant Ann`.",
            sanitize::line(&paths.sessions_dir().display().to_string())
        )
        .map_err(io_err("write the list"))?;
        return Ok(());
    }
    for l in &listings {
        let line = match l {
            Listing::Session(s) => format!(
                "{}{}  {}{}  {}, {}, step {}/{}{}",
                match s.origin {
                    Origin::Own => "",
                    Origin::Archive => "SHARED ",
                    Origin::ConflictCopy => "CONFLICT COPY ",
                },
                s.id,
                s.title,
                where_from(s),
                count(s.participants.len(), "participant"),
                count(s.ideas, "idea"),
                s.step,
                s.steps,
                if s.finished { ", finished" } else { "" }
            ),
            Listing::Unreadable { path, error } => {
                // The error names the file too; the line says it once.
                let shown = path.display().to_string();
                let why = first_line(error);
                let why = why
                    .strip_prefix(shown.as_str())
                    .map_or(why, |w| w.trim_start_matches(':').trim_start());
                format!("UNREADABLE {shown}: {why}")
            }
            Listing::Kept(k) => format!("KEPT {}: {k}", k.path.display()),
        };
        writeln!(out, "{}", sanitize::line(&line)).map_err(io_err("write the list"))?;
    }
    Ok(())
}

/// "1 idea", "3 ideas".
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

pub(super) fn templates(paths: &Paths) -> Result<(), CliError> {
    let dir = paths.templates_dir();
    let entries = list_templates(&dir)?;
    // Ids in one column, as wide as the longest (within reason).
    let width = entries
        .iter()
        .filter_map(|e| e.template.as_ref().ok())
        .map(|t| t.id.chars().count())
        .max()
        .unwrap_or(16)
        .clamp(16, 40);
    let mut out = std::io::stdout().lock();
    let write = io_err("write the templates");
    for entry in entries {
        let source = match &entry.source {
            TemplateSource::Builtin => "built-in".to_string(),
            TemplateSource::File(p) if entry.replaces_builtin => {
                format!("{}, replaces the built-in", p.display())
            }
            TemplateSource::File(p) => p.display().to_string(),
        };
        let line = match &entry.template {
            Ok(t) => sanitize::line(&format!(
                "{:<width$} {}  {} steps  {}  [{}]",
                t.id,
                t.language,
                t.steps.len(),
                t.title,
                source
            ))
            .into_owned(),
            // A source error sanitises what it echoes from the file.
            Err(e) => format!("BROKEN  {e}"),
        };
        writeln!(out, "{line}").map_err(io_err("write the templates"))?;
    }
    writeln!(
        out,
        "\nYour own templates go in {}",
        sanitize::line(&dir.display().to_string())
    )
    .map_err(write)
}

/// " (organisation · team · programme)", the parts that were given; nothing when none was.
fn where_from(s: &crate::store::SessionSummary) -> String {
    let parts: Vec<&str> = [&s.organisation, &s.team, &s.programme]
        .into_iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(" · "))
    }
}
