//! `ambassador sync`: share one's sessions with the programme's archive and bring in the
//! others' (see `store::archive`).

use super::{CliError, io_err};
use crate::sanitize;
use crate::store::Paths;
use crate::store::archive::{self, Sharing, SyncReport};
use std::io::Write;

pub(super) fn sync(paths: &Paths, remote: Option<&str>, full: bool) -> Result<(), CliError> {
    let report =
        archive::sync(paths, remote, full).map_err(|e| CliError::Invalid(e.to_string()))?;
    let text = sanitize::text(&describe(&report)).into_owned();
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(io_err("write what was synced"))
}

/// What a sync did, in a few lines.
fn describe(report: &SyncReport) -> String {
    let sharing = match report.sharing {
        Sharing::Anonymous => "anonymous copies, no names",
        Sharing::Full => "sessions in full",
    };
    let mut text = format!(
        "Synced with the archive ({sharing}): {} shared, {} from others.\n",
        count(report.shared, "session"),
        count(report.received, "session")
    );
    if report.conflict_copies > 0 {
        text.push_str(&format!(
            "{} changed in two places at once: both versions kept, the other as a conflict copy (see `ambassador list`).\n",
            count(report.conflict_copies, "session")
        ));
    }
    if !report.skipped.is_empty() {
        text.push_str(&format!(
            "Not shared this time (open in another window): {}.\n",
            report.skipped.join(", ")
        ));
    }
    text
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
