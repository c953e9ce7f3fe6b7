//! The bridge (goal, denominators, actions, notes), the close (checklist, follow-up date,
//! export, finish), and the small forms they and the board open.

use super::run::{RunState, StepResult};
use super::{Action, Confirm, Message, Overlay, Prompt, PromptPurpose, checklist};
use crate::domain::{Action as Agreement, Change, Clock};
use crate::i18n::{tr, trf};
use crate::store::Paths;

/// The actions agreed on the current step.
pub fn actions(run: &RunState) -> Vec<Agreement> {
    run.session()
        .results(&run.step_id())
        .map(|r| r.actions.clone())
        .unwrap_or_default()
}

pub fn update(run: &mut RunState, action: Action) -> StepResult {
    let lang = run.lang();
    let list = actions(run);
    let selected = list.get(run.cursor).cloned();
    let fields = |what: &str, who: &str, when: &str| {
        vec![
            (tr(lang, "bridge.what").to_string(), what.to_string()),
            (tr(lang, "bridge.who").to_string(), who.to_string()),
            (tr(lang, "bridge.when").to_string(), when.to_string()),
        ]
    };
    let overlay = match (action, selected) {
        (Action::Up | Action::Down, _) => {
            run.move_cursor(action == Action::Down, list.len());
            return (None, None);
        }
        (Action::New, _) => Overlay::Prompt(Prompt::new(
            PromptPurpose::Action { editing: None },
            tr(lang, "bridge.new_action").into(),
            fields("", "", ""),
        )),
        (Action::Edit, Some(a)) => Overlay::Prompt(Prompt::new(
            PromptPurpose::Action {
                editing: Some(a.id),
            },
            tr(lang, "bridge.edit_action").into(),
            fields(&a.what, &a.who, &a.when),
        )),
        (Action::Delete, Some(a)) => Overlay::Confirm(Confirm::DeleteAction {
            id: a.id,
            what: a.what,
        }),
        (Action::Edit | Action::Delete, None) => {
            return (Message::info(tr(lang, "msg.no_action_selected")), None);
        }
        (Action::Notes, _) => {
            let notes = run
                .session()
                .results(&run.step_id())
                .map(|r| r.notes.clone())
                .unwrap_or_default();
            Overlay::Prompt(Prompt::new(
                PromptPurpose::Notes,
                tr(lang, "bridge.notes").into(),
                vec![(tr(lang, "bridge.notes").into(), notes)],
            ))
        }
        _ => return (None, None),
    };
    (None, Some(overlay))
}

pub fn update_close(
    run: &mut RunState,
    action: Action,
    clock: &dyn Clock,
    paths: &Paths,
) -> StepResult {
    let lang = run.lang();
    match action {
        Action::Edit => {
            let current = run
                .session()
                .follow_up
                .map(|d| d.to_string())
                .unwrap_or_default();
            let prompt = Prompt::new(
                PromptPurpose::FollowUp,
                tr(lang, "close.follow_up_title").into(),
                vec![(tr(lang, "close.date").into(), current)],
            );
            (None, Some(Overlay::Prompt(prompt)))
        }
        Action::Export => (Some(export(run, paths)), None),
        Action::Finish => {
            let message = run.commit(Change::Finish, clock);
            (
                message.or_else(|| Message::info(tr(lang, "msg.finished"))),
                None,
            )
        }
        _ => (checklist::update(run, action, clock), None),
    }
}

/// Writes the Markdown report to `<data>/exports/<id>.md`.
fn export(run: &RunState, paths: &Paths) -> Message {
    let dir = paths.data_dir.join("exports");
    let path = dir.join(format!("{}.md", run.session().id));
    let report = crate::export::render(run.session(), crate::export::Format::Md, false);
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| crate::store::write_atomic(&path, report.as_bytes()));
    match written {
        Ok(()) => Message {
            text: trf(run.lang(), "msg.exported", &[&path.display()]),
            is_error: false,
        },
        Err(e) => Message {
            text: trf(run.lang(), "msg.export_failed", &[&path.display(), &e]),
            is_error: true,
        },
    }
}

/// Handles Enter in a form: saves, or keeps the form open with the error.
pub fn submit_prompt(run: &mut RunState, mut prompt: Prompt, clock: &dyn Clock) -> StepResult {
    let lang = run.lang();
    let step = run.step_id();
    let result = match prompt.purpose.clone() {
        PromptPurpose::RenameGroup { group } => {
            let label = prompt.value(0);
            super::board::edit(run, clock, vec![], |e| e.rename(group, &label))
        }
        PromptPurpose::Action { editing } => {
            let (what, who, when) = (prompt.value(0), prompt.value(1), prompt.value(2));
            if what.trim().is_empty() {
                prompt.error = Some(tr(lang, "bridge.what_needed").into());
                prompt.focus = 0;
                return (None, Some(Overlay::Prompt(prompt)));
            }
            let change = match editing {
                Some(id) => Change::EditAction {
                    id,
                    what,
                    who,
                    when,
                },
                None => Change::AddAction {
                    step,
                    what,
                    who,
                    when,
                },
            };
            let message = run.commit(change, clock);
            if editing.is_none() && message.is_none() {
                run.cursor = actions(run).len().saturating_sub(1);
            }
            message
        }
        PromptPurpose::Notes => run.commit(
            Change::SetNotes {
                step,
                text: prompt.value(0),
            },
            clock,
        ),
        PromptPurpose::FollowUp => {
            let text = prompt.value(0);
            let date = match text.trim() {
                "" => None,
                t => match t.parse::<jiff::civil::Date>() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        prompt.error = Some(trf(lang, "close.bad_date", &[&t]));
                        return (None, Some(Overlay::Prompt(prompt)));
                    }
                },
            };
            run.commit(Change::SetFollowUp(date), clock)
        }
    };
    (result, None)
}
