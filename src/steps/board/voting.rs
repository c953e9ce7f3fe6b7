//! Dot voting on the common-ground board, and what the board knows of last time: the focused
//! participant puts dots on the selected group or takes one back, the ranking follows the
//! votes (or the sharers, on request), the top K become the common denominators; groups that
//! match last time's denominators are marked "recurring".

use crate::domain::{Change, Clock, Group, GroupId, Session};
use crate::grouping::KnownEmbeddings;
use crate::i18n::{tr, trf};
use crate::interact::{Message, Overlay, Prompt, PromptPurpose};
use crate::review::{Theme, match_themes};
use crate::workspace::Workspace;
use std::collections::{BTreeMap, BTreeSet};

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

/// Groups of this board that match one of last time's denominators, by meaning; kept until
/// the session changes or more embeddings are known.
#[derive(Debug, Default)]
pub struct Recurring {
    /// What the matches were made for: the session's revision, the step, embeddings known.
    seen: Option<(u64, String, usize)>,
    /// Each recurring group and the earlier denominator it matches best.
    pub groups: BTreeMap<GroupId, String>,
    /// When the earlier session was held.
    pub earlier: Option<jiff::Timestamp>,
}

impl Recurring {
    /// "↻ Pride and recognition (12 Mar)": the earlier denominator a group matches, its name
    /// cut to `room` characters.
    pub fn mark(
        &self,
        group: GroupId,
        lang: crate::domain::Language,
        room: usize,
    ) -> Option<String> {
        let label = self.groups.get(&group)?;
        let name = crate::ui::widgets::truncate(label, room);
        Some(match self.earlier {
            Some(at) => {
                let date = at.to_zoned(jiff::tz::TimeZone::system()).date();
                let months = tr(lang, "date.months_short");
                let month = months
                    .split(' ')
                    .nth(usize::from(date.month().unsigned_abs()) - 1)
                    .unwrap_or_default();
                trf(lang, "board.recurring_from", &[&name, &date.day(), &month])
            }
            None => format!("↻ {name}"),
        })
    }
}

impl Recurring {
    /// Matches again if the session (its `revision`) or what is `known` of meaning moved.
    pub fn refresh(
        &mut self,
        session: &Session,
        step: &str,
        revision: u64,
        known: Option<&KnownEmbeddings>,
    ) {
        let Some(earlier) = session
            .follows()
            .as_ref()
            .filter(|e| !e.denominators.is_empty())
        else {
            self.groups.clear();
            self.earlier = None;
            return;
        };
        self.earlier = Some(earlier.created);
        let key = (revision, step.to_string(), known.map_or(0, |k| k.len()));
        if self.seen.as_ref() == Some(&key) {
            return;
        }
        let groups: &[Group] = session.results(step).map_or(&[], |r| &r.groups);
        let old: Vec<Theme> = crate::review::earlier_themes(session);
        let new: Vec<Theme> = super::matched::board_themes(session, groups);
        let meaning = known.map(|k| k as &dyn crate::grouping::Embedder);
        // strongest match first: a group matched by several keeps the best one's name
        self.groups = BTreeMap::new();
        for (i, j, _) in match_themes(&old, &new, meaning) {
            if let Some(g) = groups.get(j) {
                self.groups
                    .entry(g.id)
                    .or_insert_with(|| old[i].label.clone());
            }
        }
        self.seen = Some(key);
    }
}
