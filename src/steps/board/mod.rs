//! The common-ground board: groups across all questions, ranked by dot votes and by how many
//! participants share them. The facilitator moves, merges, splits, renames and locks groups,
//! enters votes (`voting.rs`) and marks the common denominators; the engine keeps every such
//! edit on later updates.

mod device;
pub mod matched;
mod nav;
mod pane;
mod pick;
mod pick_pane;
mod report;
mod room;
mod step;
pub mod voting;
mod why;

use crate::domain::{Change, Clock, Group, GroupId, Idea, IdeaId, Session};
use crate::grouping::Engine;
use crate::i18n::{tr, trf};
use crate::interact::list_view::ListView;
use crate::interact::{Action, Message, Overlay, Prompt, PromptPurpose};
use crate::steps::StepResult;
use crate::workspace::Workspace;
use crate::workspace::meaning::RegroupPurpose;
use matched::Matched;
use nav::Keep;
use pick::GroupPicker;
use std::collections::HashMap;
use voting::{RankBy, Recurring};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardRow {
    Group(GroupId),
    Idea(GroupId, IdeaId),
}

impl BoardRow {
    pub fn group(self) -> GroupId {
        match self {
            BoardRow::Group(g) | BoardRow::Idea(g, _) => g,
        }
    }
}

/// On the board: an idea picked up to move, or a group picked up to merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardMark {
    Move(IdeaId),
    Merge(GroupId),
}

#[derive(Debug, Default)]
pub struct BoardState {
    /// The selected row (a group or one of its ideas).
    pub cursor: usize,
    pub mark: Option<BoardMark>,
    pub list: ListView,
    /// One line per group (`board_nav`), with the ideas of `open` only.
    pub overview: bool,
    pub open: Option<GroupId>,
    /// By votes (the default) or by sharers.
    pub rank: RankBy,
    /// Groups that match last time's common denominators, and which one each matches.
    pub recurring: Recurring,
    /// Groups that match a theme heard in the interviews the session draws on.
    pub heard: Matched,
    /// Where what is picked up goes: the groups filtered by what is typed (`board_pick`).
    pub picker: GroupPicker,
}

pub use crate::domain::sharers;

/// Groups with their sharers, ranked by votes, then sharers, then size, then age.
pub fn ranked_groups<'a>(
    session: &'a Session,
    step: &str,
    index: &HashMap<IdeaId, (&Idea, usize)>,
) -> Vec<(&'a Group, usize)> {
    ranked_by(session, step, index, RankBy::Votes)
}

/// Groups with their sharers, ranked as asked; ties by sharers, then size, then age.
pub fn ranked_by<'a>(
    session: &'a Session,
    step: &str,
    index: &HashMap<IdeaId, (&Idea, usize)>,
    by: RankBy,
) -> Vec<(&'a Group, usize)> {
    session.ranked_groups(step, index, by == RankBy::Votes)
}

/// The board's rows: each group followed by its ideas, ranked by votes.
pub fn rows(session: &Session, step: &str) -> Vec<BoardRow> {
    rows_by(session, step, RankBy::Votes)
}

/// The board's rows, ranked as asked.
pub fn rows_by(session: &Session, step: &str, by: RankBy) -> Vec<BoardRow> {
    rows_of(&ranked_by(session, step, &session.idea_index(), by))
}

/// The rows of groups already ranked.
pub fn rows_of(ranked: &[(&Group, usize)]) -> Vec<BoardRow> {
    ranked
        .iter()
        .flat_map(|(g, _)| {
            std::iter::once(BoardRow::Group(g.id))
                .chain(g.ideas.iter().map(|i| BoardRow::Idea(g.id, *i)))
        })
        .collect()
}

pub fn current_group<'a>(session: &'a Session, step: &str, group: GroupId) -> Option<&'a Group> {
    session.results(step)?.groups.iter().find(|g| g.id == group)
}

pub fn group_label(session: &Session, step: &str, group: GroupId) -> String {
    current_group(session, step, group)
        .map(|g| g.label.clone())
        .unwrap_or_default()
}

/// The board's groups reshaped by the facilitator, with `changes` applied first: one undo step.
fn reshape(
    ws: &mut Workspace,
    clock: &dyn Clock,
    changes: Vec<Change>,
    op: impl FnOnce(&mut Engine),
) -> Option<Message> {
    let step = ws.step_id();
    // The first reshape holds the order the room sees, so ranks do not jump while the
    // facilitator edits; a vote or `n` ranks anew.
    let session = ws.session();
    let hold = session
        .results(&step)
        .is_some_and(|r| r.order.is_empty())
        .then(|| {
            let index = session.idea_index();
            let ranked = ranked_groups(session, &step, &index);
            ranked.iter().map(|(g, _)| g.id).collect::<Vec<_>>()
        });
    ws.transact(clock, |tx| {
        if let Some(order) = hold {
            tx.apply(Change::PinOrder {
                step: step.clone(),
                order,
            })?;
        }
        for change in changes {
            tx.apply(change)?;
        }
        tx.reshape(&step, op);
        Ok(())
    })
}

impl BoardState {
    /// The group the selected row belongs to (the room view outlines it).
    pub fn selected_group(&self, ws: &Workspace) -> Option<GroupId> {
        self.visible_rows(rows_by(ws.session(), &ws.step_id(), self.rank))
            .get(self.cursor)
            .map(|r| r.group())
    }

    pub fn update(&mut self, ws: &mut Workspace, action: Action, clock: &dyn Clock) -> StepResult {
        let step = ws.step_id();
        let rows = self.visible_rows(rows_by(ws.session(), &step, self.rank));
        let row = rows.get(self.cursor).copied();
        if let Some(result) = self.pick(ws, action, clock) {
            return result;
        }
        if self.navigate(action, &rows) || (self.mark.is_none() && self.overview_key(action, row)) {
            return (None, None);
        }
        // The selection stays on what it was on, or on what the action moved.
        let mut keep = row.map(Keep::of);
        let result = self.apply(ws, action, row, &mut keep, clock);
        self.follow(&rows_by(ws.session(), &step, self.rank), keep);
        result
    }

    /// Matches the board's groups with last time's common denominators and with what was
    /// heard in the interviews (after each key, a click, or entering the step).
    pub fn refresh_recurring(&mut self, ws: &Workspace) {
        let known = ws.groups().meaning.as_ref().map(|m| &m.known);
        let (session, step, revision) = (ws.session(), ws.step_id(), ws.revision());
        self.recurring.refresh(session, &step, revision, known);
        self.heard
            .refresh(session, &step, revision, known, matched::heard);
    }

    fn apply(
        &mut self,
        ws: &mut Workspace,
        action: Action,
        row: Option<BoardRow>,
        keep: &mut Option<Keep>,
        clock: &dyn Clock,
    ) -> StepResult {
        let step = ws.step_id();
        let lang = ws.lang();
        let message = match (action, row) {
            (Action::Cancel, _) => {
                self.mark = None;
                None
            }
            (Action::Coarser | Action::Finer, _) => {
                let level = ws.session().results(&step).map_or(0, |r| r.grouping_level);
                let level = (level + if action == Action::Coarser { -1 } else { 1 }).clamp(-1, 1);
                crate::workspace::regroup::regroup(ws, clock, RegroupPurpose::Level(level))
            }
            (Action::Tidy, _) => {
                crate::workspace::regroup::regroup(ws, clock, RegroupPurpose::Tidy)
            }
            (_, None) => Message::info(tr(lang, "msg.board_empty")),
            (Action::Toggle, Some(row)) => {
                let label = group_label(ws.session(), &step, row.group());
                let group = row.group();
                let change = Change::ToggleDenominator {
                    step: step.clone(),
                    group,
                    label: label.clone(),
                };
                ws.commit(change, clock).or_else(|| {
                    let now = ws
                        .session()
                        .results(&step)
                        .is_some_and(|r| r.denominators.iter().any(|d| d.group == group));
                    let key = if now { "msg.marked" } else { "msg.unmarked" };
                    Message::info(trf(lang, key, &[&label]))
                })
            }
            (Action::Move, Some(BoardRow::Idea(_, idea))) => {
                self.pick_up(BoardMark::Move(idea));
                Message::info(tr(lang, "msg.pick_target_move"))
            }
            (Action::Merge, Some(row)) => {
                self.pick_up(BoardMark::Merge(row.group()));
                Message::info(tr(lang, "msg.pick_target_merge"))
            }
            (Action::Move, Some(BoardRow::Group(_))) => {
                Message::info(tr(lang, "msg.select_an_idea"))
            }
            // Something picked up is dropped through the picker (`pick`); here nothing is.
            (Action::Commit | Action::Pick(_), Some(_)) => {
                Message::info(tr(lang, "msg.nothing_marked"))
            }
            (Action::Sort, Some(row)) => {
                self.rank = self.rank.toggled();
                *keep = Some(Keep::Group(row.group()));
                let key = match self.rank {
                    RankBy::Votes => "msg.ranked_by_votes",
                    RankBy::Sharers => "msg.ranked_by_sharers",
                };
                Message::info(tr(lang, key))
            }
            (Action::Rerank, row) => {
                if let Some(row) = row {
                    *keep = Some(Keep::Group(row.group()));
                }
                let held = ws
                    .session()
                    .results(&step)
                    .is_some_and(|r| !r.order.is_empty());
                if held {
                    ws.commit(
                        Change::PinOrder {
                            step,
                            order: Vec::new(),
                        },
                        clock,
                    )
                    .or_else(|| Message::info(tr(lang, "msg.ranked_anew")))
                } else {
                    Message::info(tr(lang, "msg.already_ranked"))
                }
            }
            (Action::AddDot | Action::TakeDot, Some(row)) => {
                *keep = Some(Keep::Group(row.group()));
                voting::vote(ws, row.group(), action == Action::AddDot, clock)
            }
            (Action::MarkTop, Some(_)) => return (None, Some(voting::ask_top(ws))),
            (Action::Split, Some(BoardRow::Idea(group, idea))) => {
                let ideas = following(ws.session(), &step, group, idea);
                let voted = ws.session().vote_totals(&step).contains_key(&group);
                reshape(ws, clock, vec![], |e| {
                    e.split(group.0, &ideas);
                })
                .or_else(|| {
                    // The part that keeps the id keeps the dots; the room should know.
                    Message::info(if voted {
                        let label = group_label(ws.session(), &step, group);
                        trf(lang, "msg.split_votes_stay", &[&label])
                    } else {
                        trf(lang, "msg.split_off", &[&ideas.len()])
                    })
                })
            }
            (Action::PullOut, Some(BoardRow::Idea(_, idea))) => reshape(ws, clock, vec![], |e| {
                e.pull_out(idea.0);
            })
            .or_else(|| Message::info(tr(lang, "msg.pulled_out"))),
            (Action::Split | Action::PullOut, Some(BoardRow::Group(_))) => {
                Message::info(tr(lang, "msg.select_an_idea"))
            }
            (Action::Lock, Some(row)) => {
                let group = row.group();
                let locked = current_group(ws.session(), &step, group).is_some_and(|g| g.locked);
                reshape(ws, clock, vec![], |e| e.set_locked(group.0, !locked)).or_else(|| {
                    Message::info(tr(lang, if locked { "msg.unlocked" } else { "msg.locked" }))
                })
            }
            (Action::Rename, Some(row)) => {
                let label = group_label(ws.session(), &step, row.group());
                let prompt = Prompt::new(
                    PromptPurpose::RenameGroup { group: row.group() },
                    tr(lang, "board.rename_title").into(),
                    vec![(tr(lang, "board.label").into(), label)],
                );
                return (None, Some(Overlay::Prompt(prompt)));
            }
            (Action::Why, Some(row)) => return (None, Some(why(ws, &step, row))),
            _ => None,
        };
        (message, None)
    }

    /// Picks up an idea or a group: the picker opens with all groups listed.
    fn pick_up(&mut self, mark: BoardMark) {
        self.mark = Some(mark);
        self.picker = GroupPicker::default();
    }

    /// The group what is picked up comes from.
    pub fn source(&self, session: &Session, step: &str) -> Option<GroupId> {
        match self.mark? {
            BoardMark::Merge(g) => Some(g),
            BoardMark::Move(idea) => session
                .results(step)?
                .groups
                .iter()
                .find(|g| g.ideas.contains(&idea))
                .map(|g| g.id),
        }
    }

    /// A key while something is picked up: the picker's own keys choose, cancel or move the
    /// choice; anything else (undo, the next step) goes on as usual.
    fn pick(
        &mut self,
        ws: &mut Workspace,
        action: Action,
        clock: &dyn Clock,
    ) -> Option<StepResult> {
        self.mark?;
        let step = ws.step_id();
        let lang = ws.lang();
        let candidates = self.picker.candidates(ws.session(), &step, self.rank);
        // An idea may also go into a group of its own: the row after the groups, while no
        // filter is typed (Enter on a filter that matches nothing must not make one).
        let new_group =
            matches!(self.mark, Some(BoardMark::Move(_))) && self.picker.filter.is_empty();
        let rows = candidates.len() + usize::from(new_group);
        let number = match action {
            Action::Up | Action::Down => {
                self.picker.step(action == Action::Down, rows);
                return Some((None, None));
            }
            Action::Cancel => {
                self.mark = None;
                return Some((Message::info(tr(lang, "msg.pick_cancelled")), None));
            }
            Action::Commit => None,
            Action::Pick(n) => Some(usize::from(n)),
            _ => return None,
        };
        let at = number.map_or(self.picker.cursor.min(rows.saturating_sub(1)), |n| {
            n.wrapping_sub(1)
        });
        if let (true, Some(BoardMark::Move(idea))) =
            (new_group && at == candidates.len(), self.mark)
        {
            self.mark = None;
            let message = reshape(ws, clock, vec![], |e| {
                e.pull_out(idea.0);
            })
            .or_else(|| Message::info(tr(lang, "msg.pulled_out")));
            self.follow(
                &rows_by(ws.session(), &step, self.rank),
                Some(Keep::Idea(idea)),
            );
            return Some((message, None));
        }
        let Some(target) = self.picker.chosen(&candidates, number) else {
            let message = match number {
                Some(n) => trf(lang, "msg.no_group_number", &[&n]),
                None => trf(lang, "msg.no_group_matches", &[&self.picker.filter.text()]),
            };
            return Some((Message::info(message), None));
        };
        if Some(target) == self.source(ws.session(), &step) {
            return Some((Message::info(tr(lang, "msg.pick_another_group")), None));
        }
        let mut keep = None;
        let message = self.drop_mark(ws, target, &mut keep, clock);
        self.follow(&rows_by(ws.session(), &step, self.rank), keep);
        Some((message, None))
    }

    fn drop_mark(
        &mut self,
        ws: &mut Workspace,
        target: GroupId,
        keep: &mut Option<Keep>,
        clock: &dyn Clock,
    ) -> Option<Message> {
        let lang = ws.lang();
        let step = ws.step_id();
        let label = group_label(ws.session(), &step, target);
        match self.mark.take() {
            Some(BoardMark::Move(idea)) => {
                *keep = Some(Keep::Idea(idea));
                reshape(ws, clock, vec![], |e| e.move_to(idea.0, target.0))
                    .or_else(|| Message::info(trf(lang, "msg.moved_to", &[&label])))
            }
            Some(BoardMark::Merge(group)) if group != target => {
                *keep = Some(Keep::Group(target));
                reshape(ws, clock, vec![], |e| e.merge(target.0, group.0))
                    .or_else(|| Message::info(trf(lang, "msg.merged_into", &[&label])))
            }
            Some(BoardMark::Merge(_)) => Message::info(tr(lang, "msg.pick_another_group")),
            None => Message::info(tr(lang, "msg.nothing_marked")),
        }
    }
}

impl BoardState {
    /// Enter in the "mark the top K" form.
    pub fn submit_mark_top(
        &mut self,
        ws: &mut Workspace,
        mut prompt: Prompt,
        clock: &dyn Clock,
    ) -> StepResult {
        let groups = ws
            .session()
            .results(&ws.step_id())
            .map_or(0, |r| r.groups.len());
        match voting::parse_k(&prompt.value(0), groups) {
            Some(k) => (voting::mark_top(ws, k, clock), None),
            None => {
                prompt.error = Some(trf(ws.lang(), "board.bad_k", &[&groups.max(1)]));
                (None, Some(Overlay::Prompt(prompt)))
            }
        }
    }
}

/// The new label typed in the rename form.
pub fn rename(
    ws: &mut Workspace,
    group: GroupId,
    label: &str,
    clock: &dyn Clock,
) -> Option<Message> {
    let lang = ws.lang();
    reshape(ws, clock, vec![], |e| e.rename(group.0, label))
        .or_else(|| Message::info(trf(lang, "msg.renamed", &[&label.trim()])))
}

/// The groups in board order: what the numbers on the board pick.
pub fn ranked_ids(session: &Session, step: &str, by: RankBy) -> Vec<GroupId> {
    ranked_by(session, step, &session.idea_index(), by)
        .iter()
        .map(|(g, _)| g.id)
        .collect()
}

/// The idea and those after it in its group: what a split takes away.
fn following(session: &Session, step: &str, group: GroupId, idea: IdeaId) -> Vec<u64> {
    current_group(session, step, group)
        .map(|g| {
            g.ideas
                .iter()
                .skip_while(|i| **i != idea)
                .map(|i| i.0)
                .collect()
        })
        .unwrap_or_default()
}

/// `w`: why the selected idea is in its group, or why each member of the selected group is,
/// best fit first, so the core of the group reads first and End reaches those that fit worst
/// (the ones to look at when a group seems wrong). The overlay scrolls.
fn why(ws: &mut Workspace, step: &str, row: BoardRow) -> Overlay {
    let lang = ws.lang();
    let (session, groups) = ws.session_and_groups();
    let text_of = |idea: IdeaId| {
        session
            .find_idea(idea)
            .map(|i| i.text.clone())
            .unwrap_or_default()
    };
    let (title, body) = match row {
        BoardRow::Idea(group, idea) => {
            let label = group_label(session, step, group);
            let e = groups.explain(session, step, idea, group);
            (
                trf(lang, "board.why_title", &[&text_of(idea), &label]),
                why::render(&e, lang),
            )
        }
        BoardRow::Group(group) => {
            let label = group_label(session, step, group);
            let members: Vec<IdeaId> = current_group(session, step, group)
                .map(|g| g.ideas.clone())
                .unwrap_or_default();
            let mut explained: Vec<(IdeaId, crate::grouping::Explanation)> = members
                .iter()
                .map(|idea| (*idea, groups.explain(session, step, *idea, group)))
                .collect();
            // stable: members that fit equally keep the board's order
            explained.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
            let lines: Vec<String> = explained
                .iter()
                .map(|(idea, e)| format!("• {}\n  {}", text_of(*idea), why::render(e, lang)))
                .collect();
            (
                trf(lang, "board.why_group_title", &[&label]),
                lines.join("\n"),
            )
        }
    };
    Overlay::Info {
        title,
        body,
        scroll: Default::default(),
    }
}
