//! `new --from-interview ID …`: the interviews a team session draws on, read and grouped.

use super::CliError;
use crate::domain::{Heard, Session};
use crate::grouping;
use crate::store::{self, Paths, SessionFile, find_session};

/// The chosen interviews (each once, in the order given), their answers grouped by meaning
/// with the encoder the user has set up; a session that is not an interview is refused by
/// name.
pub(super) fn heard(paths: &Paths, wanted: &[String]) -> Result<Heard, CliError> {
    let mut sessions: Vec<Session> = Vec::new();
    for w in wanted {
        let path = find_session(&paths.sessions_dir(), w)?;
        let session = SessionFile::open_read_only(&path)?.into_session();
        if !session.is_interview() {
            return Err(CliError::Invalid(format!(
                "\"{}\" is not an interview (its workshop has no interview step); start \
                 interviews with `ambassador new --template interview`",
                crate::sanitize::line(w)
            )));
        }
        if !sessions.iter().any(|s| s.id() == session.id()) {
            sessions.push(session);
        }
    }
    let meaning = match store::Config::load(&paths.config_dir)?.embedding_model {
        Some(dir) => grouping::Meaning::Model2Vec(dir),
        None => grouping::Meaning::Builtin,
    };
    let (embedder, warning) = grouping::meaning::load(&meaning);
    if let Some(w) = warning {
        eprintln!("warning: {}", crate::sanitize::text(&w));
    }
    Ok(crate::review::heard_in(&sessions, embedder.as_deref()))
}
