//! Dot voting on the common-ground board, and what the board knows of last time: the focused
//! participant puts dots on the selected group or takes one back, the ranking follows the
//! votes (or the sharers, on request), the top K become the common denominators; last time's
//! denominators, which groups that match are marked "recurring" by (`matched`).

use crate::domain::{Change, Clock, GroupId, Session};
use crate::i18n::{tr, trf};
use crate::interact::{Message, Overlay, Prompt, PromptPurpose};
use crate::review::Theme;
use crate::workspace::Workspace;
use std::collections::BTreeSet;

/// How the board is ranked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RankBy {
    /// Dots first, then how many people share a group (without votes: sharers alone).
    #[default]
    Votes,
    Sharers,
}

impl RankBy {
    pub fn toggled(self) -> RankBy {
        match self {
            RankBy::Votes => RankBy::Sharers,
            RankBy::Sharers => RankBy::Votes,
        }
    }
}

/// One of the focused participant's dots on `group`, or one taken back.
pub fn vote(ws: &mut Workspace, group: GroupId, add: bool, clock: &dyn Clock) -> Option<Message> {
    let lang = ws.lang();
    let Some(participant) = ws.session().focus() else {
        return Message::info(tr(lang, "msg.no_participants"));
    };
    let step = ws.step_id();
    let change = if add {
        Change::AddDot {
            step: step.clone(),
            participant,
            group,
        }
    } else {
        Change::TakeDot {
            step: step.clone(),
            participant,
            group,
        }
    };
    ws.commit(change, clock).or_else(|| {
        let s = ws.session();
        Message::info(trf(
            lang,
            "msg.dots_left",
            &[
                &s.participant_name(participant),
                &s.dots_left(&step, participant),
                &s.template().dots,
            ],
        ))
    })
}

/// The form that asks how many of the top-voted groups to mark.
pub fn ask_top(ws: &Workspace) -> Overlay {
    let lang = ws.lang();
    let marked = ws
        .session()
        .results(&ws.step_id())
        .map_or(0, |r| r.denominators.len());
    let k = if marked > 0 { marked } else { 3 };
    Overlay::Prompt(Prompt::new(
        PromptPurpose::MarkTop,
        tr(lang, "board.mark_top_title").into(),
        vec![(tr(lang, "board.how_many").into(), k.to_string())],
    ))
}

/// The common denominators become exactly the `k` groups with the most dots (groups without
/// dots are never marked this way): one change, one undo.
pub fn mark_top(ws: &mut Workspace, k: usize, clock: &dyn Clock) -> Option<Message> {
    let lang = ws.lang();
    let step = ws.step_id();
    let session = ws.session();
    let totals = session.vote_totals(&step);
    let index = session.idea_index();
    let top: Vec<(GroupId, String)> = super::ranked_by(session, &step, &index, RankBy::Votes)
        .into_iter()
        .filter(|(g, _)| totals.get(&g.id).is_some_and(|n| *n > 0))
        .take(k)
        .map(|(g, _)| (g.id, g.label.clone()))
        .collect();
    if top.is_empty() {
        return Message::info(tr(lang, "msg.no_votes_yet"));
    }
    let marked: BTreeSet<GroupId> = session
        .results(&step)
        .map(|r| r.denominators.iter().map(|d| d.group).collect())
        .unwrap_or_default();
    let wanted: BTreeSet<GroupId> = top.iter().map(|(g, _)| *g).collect();
    let flips: Vec<Change> = marked
        .symmetric_difference(&wanted)
        .map(|g| Change::ToggleDenominator {
            step: step.clone(),
            group: *g,
            label: top.iter().find(|(id, _)| id == g).map_or_else(
                || super::group_label(session, &step, *g),
                |(_, l)| l.clone(),
            ),
        })
        .collect();
    let n = top.len();
    if flips.is_empty() {
        return Message::info(trf(lang, "msg.top_marked", &[&n]));
    }
    ws.transact(clock, |tx| {
        for change in flips {
            tx.apply(change)?;
        }
        Ok(())
    })
    .or_else(|| Message::info(trf(lang, "msg.top_marked", &[&n])))
}

/// The K typed in the form: a number from 1 to the number of groups.
pub fn parse_k(text: &str, groups: usize) -> Option<usize> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|k| (1..=groups.max(1)).contains(k))
}

/// Last time's common denominators as themes to match the board's groups with.
pub fn last_time(session: &Session) -> Vec<Theme> {
    session
        .follows()
        .as_ref()
        .map(|e| e.denominators.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|d| Theme {
            label: d.label.clone(),
            ideas: if d.ideas.is_empty() {
                vec![d.label.clone()]
            } else {
                d.ideas.clone()
            },
            sharers: 0,
            dots: 0,
        })
        .collect()
}
