//! What a listing knows of a session without opening it: enough for the home screen, the
//! review list and its filter. Kept in the folder's index between runs.

use crate::domain::{Language, Session};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    pub organisation: String,
    /// The team and programme (format 5; empty when not given).
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub programme: String,
    pub language: Language,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub participants: Vec<String>,
    pub ideas: usize,
    /// 1-based step the session was left at, and the number of steps.
    pub step: usize,
    pub steps: usize,
    pub finished: bool,
    /// Title, organisation, names and everything said, folded for searching (lower case, no
    /// accents), so filtering does no work per keystroke beyond a substring search.
    #[serde(default)]
    pub search: String,
    /// The date set for this session's follow-up.
    #[serde(default)]
    pub follow_up: Option<jiff::civil::Date>,
    /// The id of the session this one follows up.
    #[serde(default)]
    pub follows: Option<String>,
}

impl SessionSummary {
    pub fn of(session: &Session, path: &Path) -> SessionSummary {
        SessionSummary {
            id: session.id().clone(),
            path: path.to_path_buf(),
            title: session.title().clone(),
            organisation: session.organisation().clone(),
            team: session.team().clone(),
            programme: session.programme().clone(),
            language: session.language(),
            created: session.created(),
            updated: session.updated(),
            participants: session
                .participants()
                .iter()
                .map(|p| p.name.clone())
                .collect(),
            ideas: session.idea_count(),
            step: session.current_step_index() + 1,
            steps: session.template().steps.len(),
            finished: session.finished().is_some(),
            search: crate::fold::fold(
                &[
                    session.title().as_str(),
                    session.organisation().as_str(),
                    session.team().as_str(),
                    session.programme().as_str(),
                ]
                .into_iter()
                .chain(session.participants().iter().map(|p| p.name.as_str()))
                .chain(session.all_ideas().map(|(_, i)| i.text.as_str()))
                .collect::<Vec<_>>()
                .join("\n"),
            ),
            follow_up: session.follow_up(),
            follows: session.follows().as_ref().map(|e| e.id.clone()),
        }
    }
}
