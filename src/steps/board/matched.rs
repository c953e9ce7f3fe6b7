//! Groups of the board that match, by meaning, themes from elsewhere: last time's common
//! denominators ("recurring") or what was heard in the interviews ("also heard in the
//! interviews"). Kept until the session changes or more embeddings are known.

use crate::domain::{Group, GroupId, Session};
use crate::grouping::KnownEmbeddings;
use crate::review::{Theme, match_themes};
use std::collections::BTreeSet;

#[derive(Debug, Default)]
pub struct Matched {
    /// What the matches were made for: the session's revision, the step, embeddings known.
    seen: Option<(u64, String, usize)>,
    pub groups: BTreeSet<GroupId>,
}

impl Matched {
    /// Matches the board's groups with `themes` again if the session (its `revision`) or
    /// what is `known` of meaning moved.
    pub fn refresh(
        &mut self,
        session: &Session,
        step: &str,
        revision: u64,
        known: Option<&KnownEmbeddings>,
        themes: impl FnOnce(&Session) -> Vec<Theme>,
    ) {
        let key = (revision, step.to_string(), known.map_or(0, |k| k.len()));
        if self.seen.as_ref() == Some(&key) {
            return;
        }
        self.seen = Some(key);
        let old = themes(session);
        if old.is_empty() {
            self.groups.clear();
            return;
        }
        let groups: &[Group] = session.results(step).map_or(&[], |r| &r.groups);
        let meaning = known.map(|k| k as &dyn crate::grouping::Embedder);
        self.groups = match_themes(&old, &board_themes(session, groups), meaning)
            .into_iter()
            .filter_map(|(_, j, _)| groups.get(j).map(|g| g.id))
            .collect();
    }
}

/// The board's groups as themes: their labels and their ideas' texts.
pub fn board_themes(session: &Session, groups: &[Group]) -> Vec<Theme> {
    let index = session.idea_index();
    groups
        .iter()
        .map(|g| Theme {
            label: g.label.clone(),
            ideas: g
                .ideas
                .iter()
                .filter_map(|i| index.get(i).map(|(i, _)| i.text.clone()))
                .collect(),
            sharers: 0,
            dots: 0,
        })
        .collect()
}

/// What was heard in the interviews, as themes.
pub fn heard(session: &Session) -> Vec<Theme> {
    session
        .heard()
        .map(|h| h.themes.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|t| Theme {
            label: t.label.clone(),
            ideas: t.answers.clone(),
            sharers: t.interviews,
            dots: 0,
        })
        .collect()
}
