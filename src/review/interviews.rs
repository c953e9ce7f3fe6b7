//! What a team session hears from the interviews it draws on: their answers grouped by
//! meaning into labelled themes with the grouping engine's batch API. The command line
//! (`new --from-interview`) and the setup screen choose interviews through [`heard_from`].

use crate::domain::{Heard, Session};
use crate::grouping::batch::group_texts_embedded;
use crate::grouping::{Embedder, Granularity, Lang};
use crate::store::{self, Paths, SessionFile, StoreError, find_session};

/// The themes of `interviews` (interview sessions), with `meaning` where an encoder is at
/// hand (else by shared words and concepts alone).
pub fn heard_in(interviews: &[Session], meaning: Option<&dyn Embedder>) -> Heard {
    Heard::gather(interviews, |texts| {
        group_texts_embedded(texts, Lang::Auto, Granularity::Default, meaning)
    })
}

/// Why chosen interviews could not be used.
#[derive(Debug, thiserror::Error)]
pub enum InterviewError {
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The session named (as given) is not an interview.
    #[error(
        "\"{0}\" is not an interview (its workshop has no interview step); start interviews \
         with `ambassador new --template interview`"
    )]
    NotAnInterview(String),
}

/// What was heard in the chosen interviews (each once, in the order given: a file or an id
/// each), their answers grouped by meaning with the encoder the user has set up, and a
/// warning when that encoder could not be had (then by shared words). A session that is not
/// an interview is refused by name.
pub fn heard_from(
    paths: &Paths,
    wanted: &[String],
) -> Result<(Heard, Option<String>), InterviewError> {
    let mut sessions: Vec<Session> = Vec::new();
    for w in wanted {
        let path = find_session(&paths.sessions_dir(), w)?;
        let session = SessionFile::open_read_only(&path)?.into_session();
        if !session.is_interview() {
            return Err(InterviewError::NotAnInterview(
                crate::sanitize::line(w).into_owned(),
            ));
        }
        if !sessions.iter().any(|s| s.id() == session.id()) {
            sessions.push(session);
        }
    }
    let meaning = match store::Config::load(&paths.config_dir)?.embedding_model {
        Some(dir) => crate::grouping::Meaning::Model2Vec(dir),
        None => crate::grouping::Meaning::Builtin,
    };
    let (embedder, warning) = crate::grouping::meaning::load(&meaning);
    Ok((heard_in(&sessions, embedder.as_deref()), warning))
}
