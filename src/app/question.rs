//! Question steps: capture ideas per participant; the step's groups follow every change.

use super::run::{RunState, StepResult};
use super::{Action, Confirm, Message, Overlay};
use crate::domain::{Applied, Change, Clock, IdeaId, Session};
use crate::i18n::{tr, trf};

/// The ideas of the current step, in the order they were said.
pub fn ideas(run: &RunState) -> Vec<(IdeaId, String)> {
    let step = run.step_id();
    run.session()
        .results(&step)
        .map(|r| r.ideas.iter().map(|i| (i.id, i.text.clone())).collect())
        .unwrap_or_default()
}

pub fn update(run: &mut RunState, action: Action, clock: &dyn Clock) -> StepResult {
    let list = ideas(run);
    let message = match action {
        Action::Commit => commit_draft(run, clock),
        Action::Up | Action::Down => {
            run.move_cursor(action == Action::Down, list.len());
            None
        }
        Action::Edit => match list.get(run.cursor) {
            Some((id, text)) => {
                run.editing = Some(*id);
                run.draft.set_text(text);
                run.preview = None;
                Message::info(tr(run.lang(), "msg.editing_idea"))
            }
            None => Message::info(tr(run.lang(), "msg.no_idea_selected")),
        },
        Action::Delete => {
            return match list.get(run.cursor) {
                Some((id, text)) => (
                    None,
                    Some(Overlay::Confirm(Confirm::DeleteIdea {
                        id: *id,
                        text: text.clone(),
                    })),
                ),
                None => (Message::info(tr(run.lang(), "msg.no_idea_selected")), None),
            };
        }
        Action::Tidy => super::board::edit(run, clock, vec![], |e| e.regroup())
            .or_else(|| Message::info(tr(run.lang(), "msg.tidied"))),
        Action::Cancel => {
            run.editing = None;
            run.draft.clear();
            run.preview = None;
            None
        }
        _ => None,
    };
    (message, None)
}

fn commit_draft(run: &mut RunState, clock: &dyn Clock) -> Option<Message> {
    let text = run.draft.text();
    if text.trim().is_empty() {
        return Message::info(tr(run.lang(), "msg.type_first"));
    }
    let message = match run.editing {
        Some(id) => edit_idea(run, id, &text, clock),
        None => add_ideas(run, &[text.as_str()], clock),
    };
    if message.as_ref().is_none_or(|m| !m.is_error) {
        run.draft.clear();
        run.editing = None;
        run.preview = None;
    }
    message
}

/// Pasted lines become one idea each, for the participant in focus, as one undo step. A line
/// longer than a field holds becomes several ideas, so nothing pasted is dropped.
pub fn paste(run: &mut RunState, text: &str, clock: &dyn Clock) -> Option<Message> {
    let lines: Vec<&str> = text
        .lines()
        .flat_map(|l| chunks(l.trim(), super::text::MAX_CHARS))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        [] => None,
        [one] if !text.contains('\n') || run.editing.is_some() => {
            let whole = run.draft.insert(one);
            update_preview(run);
            (!whole)
                .then(|| Message::error(tr(run.lang(), "msg.paste_cut")))
                .flatten()
        }
        many => {
            let message = add_ideas(run, many, clock);
            message.or_else(|| Message::info(trf(run.lang(), "msg.pasted_ideas", &[&many.len()])))
        }
    }
}

/// `text` in pieces of at most `max` characters, cut after a space where there is one.
fn chunks(text: &str, max: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.chars().count() > max {
        let hard = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let cut = match rest[..hard].rfind(' ') {
            Some(space) if space > 0 => space + 1,
            _ => hard,
        };
        pieces.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    pieces.push(rest);
    pieces
}

fn add_ideas(run: &mut RunState, texts: &[&str], clock: &dyn Clock) -> Option<Message> {
    let Some(participant) = run.session().focus else {
        return Message::info(tr(run.lang(), "msg.no_participants"));
    };
    let step = run.step_id();
    regroup(run, clock, |run, clock| {
        for text in texts {
            let applied = run.file.session.apply(
                Change::AddIdea {
                    step: step.clone(),
                    participant,
                    text: text.to_string(),
                },
                clock,
            )?;
            if let Applied::Created(id) = applied {
                run.groups.engine(&run.file.session, &step).add(id, text);
                let count = super::question::ideas(run).len();
                run.cursor = count.saturating_sub(1);
            }
        }
        Ok(())
    })
}

fn edit_idea(run: &mut RunState, id: IdeaId, text: &str, clock: &dyn Clock) -> Option<Message> {
    let step = run.step_id();
    regroup(run, clock, |run, clock| {
        run.file.session.apply(
            Change::EditIdea {
                id,
                text: text.to_string(),
            },
            clock,
        )?;
        run.groups
            .engine(&run.file.session, &step)
            .edit(id, text.trim());
        Ok(())
    })
}

pub fn delete_idea(run: &mut RunState, id: IdeaId, clock: &dyn Clock) -> Option<Message> {
    let step = run.step_id();
    let message = regroup(run, clock, |run, clock| {
        run.file.session.apply(Change::RemoveIdea(id), clock)?;
        run.groups.engine(&run.file.session, &step).remove(id);
        Ok(())
    });
    let n = ideas(run).len();
    run.cursor = run.cursor.min(n.saturating_sub(1));
    message.or_else(|| Message::info(tr(run.lang(), "msg.idea_deleted")))
}

/// Runs an idea edit, then stores the step's new groups: one undo step, saved at once.
/// On an error the session and the engines are as before.
fn regroup(
    run: &mut RunState,
    clock: &dyn Clock,
    edit: impl FnOnce(&mut RunState, &dyn Clock) -> Result<(), crate::domain::ChangeError>,
) -> Option<Message> {
    if let Some(reason) = run.file.read_only() {
        return Message::error(trf(run.lang(), "msg.read_only_nothing_changed", &[reason]));
    }
    let step = run.step_id();
    let before: Session = run.file.session.clone();
    // Build the engine from the session as it was, so the edit is applied to it once.
    run.groups.engine(&run.file.session, &step);
    let result = edit(run, clock).and_then(|()| {
        let groups = run.groups.snapshot(&run.file.session, &step);
        run.file
            .session
            .apply(
                Change::SetGroups {
                    step: step.clone(),
                    groups,
                },
                clock,
            )
            .map(|_| ())
    });
    if let Err(e) = result {
        run.file.session = before;
        run.groups.invalidate();
        return Message::error(e.to_string());
    }
    run.history.record(before);
    run.save_after_change()
}

pub fn update_preview(run: &mut RunState) {
    if run.context() != super::Context::Question || run.editing.is_some() {
        run.preview = None;
        return;
    }
    let step = run.step_id();
    let draft = run.draft.text();
    run.preview = run.groups.preview(&run.file.session, &step, &draft);
}
