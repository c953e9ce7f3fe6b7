//! `new --from-interview ID …`: the interviews a team session draws on, read and grouped
//! (the same [`crate::review::heard_from`] the setup screen uses).

use super::CliError;
use crate::domain::Heard;
use crate::review::InterviewError;
use crate::store::Paths;

/// The chosen interviews, their answers grouped by meaning with the encoder the user has set
/// up; a session that is not an interview is refused by name.
pub(super) fn heard(paths: &Paths, wanted: &[String]) -> Result<Heard, CliError> {
    let (heard, warning) = crate::review::heard_from(paths, wanted).map_err(|e| match e {
        InterviewError::Store(e) => CliError::Store(e),
        e @ InterviewError::NotAnInterview(_) => CliError::Invalid(e.to_string()),
    })?;
    if let Some(w) = warning {
        eprintln!("warning: {}", crate::sanitize::text(&w));
    }
    Ok(heard)
}
