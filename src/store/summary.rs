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
    /// Whose it is: one's own (to edit), or shared by others through the programme's archive
    /// (read-only), or a conflict copy there.
    #[serde(default, skip_serializing_if = "Origin::is_own")]
    pub origin: Origin,
    /// An interview with one colleague (its workshop has an interview step), which a team
    /// session can draw on.
    #[serde(default)]
    pub interview: bool,
}

/// Where a listed session comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The facilitator's own session, in their sessions folder.
    #[default]
    Own,
    /// Shared by others, from the programme's archive: opens read-only.
    Archive,
    /// The other version of an archive session two facilitators changed at once: opens
    /// read-only.
    ConflictCopy,
}

impl Origin {
    pub fn is_own(&self) -> bool {
        *self == Origin::Own
    }
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
            origin: Origin::Own,
            interview: session.is_interview(),
        }
    }
}
