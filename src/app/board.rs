//! The common-ground board: groups across all questions, ranked by how many participants
//! share them. The facilitator moves, merges, splits, renames and locks groups and marks the
//! common denominators; the engine keeps every such edit on later updates.

use super::run::{BoardMark, RunState, StepResult};
use super::{Action, Message, Overlay, Prompt, PromptPurpose};
use crate::domain::{Change, Clock, Group, GroupId, Idea, IdeaId, Session};
use crate::grouping::Engine;
use crate::i18n::{tr, trf};
use std::collections::BTreeSet;
use std::collections::HashMap;

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

/// How many different participants said something in the group.
pub fn sharers(index: &HashMap<IdeaId, (&Idea, usize)>, group: &Group) -> usize {
    group
        .ideas
        .iter()
        .filter_map(|id| index.get(id).map(|(i, _)| i.participant))
        .collect::<BTreeSet<_>>()
        .len()
}

/// Groups with their sharers, ranked by sharers, then size, then age.
pub fn ranked_groups<'a>(
    session: &'a Session,
    step: &str,
    index: &HashMap<IdeaId, (&Idea, usize)>,
) -> Vec<(&'a Group, usize)> {
    let mut groups: Vec<(&Group, usize)> = session
        .results(step)
        .map(|r| r.groups.iter().map(|g| (g, sharers(index, g))).collect())
        .unwrap_or_default();
    groups.sort_by(|(a, sa), (b, sb)| {
        sb.cmp(sa)
            .then(b.ideas.len().cmp(&a.ideas.len()))
            .then(a.id.cmp(&b.id))
    });
    groups
}

/// The board's rows: each group followed by its ideas.
pub fn rows(session: &Session, step: &str) -> Vec<BoardRow> {
    rows_of(&ranked_groups(session, step, &session.idea_index()))
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

pub fn update(run: &mut RunState, action: Action, clock: &dyn Clock) -> StepResult {
    let step = run.step_id();
    let rows = rows(run.session(), &step);
    let row = rows.get(run.cursor).copied();
    let lang = run.lang();
    let message = match (action, row) {
        (Action::Up | Action::Down, _) => {
            run.move_cursor(action == Action::Down, rows.len());
            None
        }
        (Action::Cancel, _) => {
            run.mark = None;
            None
        }
        (Action::Coarser | Action::Finer, _) => {
            let level = run.session().results(&step).map_or(0, |r| r.grouping_level);
            let level = (level + if action == Action::Coarser { -1 } else { 1 }).clamp(-1, 1);
            let message = edit(
                run,
                clock,
                vec![Change::SetGroupingLevel {
                    step: step.clone(),
                    level,
                }],
                |e| e.set_granularity(super::live_groups::granularity(level)),
            );
            message.or_else(|| {
                Message::info(tr(
                    lang,
                    ["msg.coarser", "msg.default_grouping", "msg.finer"][(level + 1) as usize],
                ))
            })
        }
        (Action::Tidy, _) => edit(run, clock, vec![], |e| e.regroup())
            .or_else(|| Message::info(tr(lang, "msg.tidied"))),
        (_, None) => Message::info(tr(lang, "msg.board_empty")),
        (Action::Toggle, Some(row)) => {
            let label = group_label(run.session(), &step, row.group());
            run.commit(
                Change::ToggleDenominator {
                    step,
                    group: row.group(),
                    label,
                },
                clock,
            )
        }
        (Action::Move, Some(BoardRow::Idea(_, idea))) => {
            run.mark = Some(BoardMark::Move(idea));
            Message::info(tr(lang, "msg.pick_target_move"))
        }
        (Action::Merge, Some(row)) => {
            run.mark = Some(BoardMark::Merge(row.group()));
            Message::info(tr(lang, "msg.pick_target_merge"))
        }
        (Action::Move, Some(BoardRow::Group(_))) => Message::info(tr(lang, "msg.select_an_idea")),
        (Action::Commit, Some(row)) => drop_mark(run, row.group(), clock),
        (Action::Split, Some(BoardRow::Idea(group, idea))) => {
            let ideas = following(run.session(), &step, group, idea);
            edit(run, clock, vec![], |e| {
                e.split(group, &ideas);
            })
        }
        (Action::PullOut, Some(BoardRow::Idea(_, idea))) => edit(run, clock, vec![], |e| {
            e.pull_out(idea);
        }),
        (Action::Split | Action::PullOut, Some(BoardRow::Group(_))) => {
            Message::info(tr(lang, "msg.select_an_idea"))
        }
        (Action::Lock, Some(row)) => {
            let locked = current_group(run.session(), &step, row.group()).is_some_and(|g| g.locked);
            edit(run, clock, vec![], |e| e.set_locked(row.group(), !locked)).or_else(|| {
                Message::info(tr(lang, if locked { "msg.unlocked" } else { "msg.locked" }))
            })
        }
        (Action::Rename, Some(row)) => {
            let label = group_label(run.session(), &step, row.group());
            let prompt = Prompt::new(
                PromptPurpose::RenameGroup { group: row.group() },
                tr(lang, "board.rename_title").into(),
                vec![(tr(lang, "board.label").into(), label)],
            );
            return (None, Some(Overlay::Prompt(prompt)));
        }
        (Action::Why, Some(row)) => return (None, Some(why(run, &step, row))),
        _ => None,
    };
    (message, None)
}

/// The idea and those after it in its group: what a split takes away.
fn following(session: &Session, step: &str, group: GroupId, idea: IdeaId) -> Vec<IdeaId> {
    current_group(session, step, group)
        .map(|g| {
            g.ideas
                .iter()
                .skip_while(|i| **i != idea)
                .copied()
                .collect()
        })
        .unwrap_or_default()
}

fn drop_mark(run: &mut RunState, target: GroupId, clock: &dyn Clock) -> Option<Message> {
    let lang = run.lang();
    match run.mark.take() {
        Some(BoardMark::Move(idea)) => edit(run, clock, vec![], |e| e.move_to(idea, target))
            .or_else(|| Message::info(tr(lang, "msg.moved"))),
        Some(BoardMark::Merge(group)) if group != target => {
            edit(run, clock, vec![], |e| e.merge(target, group))
                .or_else(|| Message::info(tr(lang, "msg.merged")))
        }
        Some(BoardMark::Merge(_)) => Message::info(tr(lang, "msg.pick_another_group")),
        None => Message::info(tr(lang, "msg.nothing_marked")),
    }
}

fn why(run: &mut RunState, step: &str, row: BoardRow) -> Overlay {
    let lang = run.lang();
    let session = &run.file.session;
    let (title, body) = match row {
        BoardRow::Idea(group, idea) => {
            let text = session
                .find_idea(idea)
                .map(|i| i.text.clone())
                .unwrap_or_default();
            let label = group_label(session, step, group);
            let e = run.groups.explain(session, step, idea, group);
            (
                trf(lang, "board.why_title", &[&text, &label]),
                e.render(super::live_groups::lang_of(lang)),
            )
        }
        BoardRow::Group(group) => {
            let label = group_label(session, step, group);
            let members: Vec<IdeaId> = current_group(session, step, group)
                .map(|g| g.ideas.clone())
                .unwrap_or_default();
            let mut lines = Vec::new();
            for idea in &members {
                let text = session
                    .find_idea(*idea)
                    .map(|i| i.text.clone())
                    .unwrap_or_default();
                let e = run.groups.explain(session, step, *idea, group);
                lines.push(format!(
                    "• {text}\n  {}",
                    e.render(super::live_groups::lang_of(lang))
                ));
            }
            (
                trf(lang, "board.why_group_title", &[&label]),
                lines.join("\n"),
            )
        }
    };
    Overlay::Info { title, body }
}

pub fn current_group<'a>(session: &'a Session, step: &str, group: GroupId) -> Option<&'a Group> {
    session.results(step)?.groups.iter().find(|g| g.id == group)
}

fn group_label(session: &Session, step: &str, group: GroupId) -> String {
    current_group(session, step, group)
        .map(|g| g.label.clone())
        .unwrap_or_default()
}

/// Applies `changes`, then an engine operation, and stores the new groups: one undo step.
pub fn edit(
    run: &mut RunState,
    clock: &dyn Clock,
    mut changes: Vec<Change>,
    op: impl FnOnce(&mut Engine),
) -> Option<Message> {
    let step = run.step_id();
    op(run.groups.engine(&run.file.session, &step));
    let groups = run.groups.snapshot(&run.file.session, &step);
    changes.push(Change::SetGroups { step, groups });
    let message = run.commit_all(changes, clock);
    if message.as_ref().is_some_and(|m| m.is_error) {
        run.groups.invalidate();
    }
    message
}
