//! Interview steps: one conversation with one colleague. The questions come one after the
//! other on one screen; the facilitator types what the colleague says (each answer an idea,
//! in their words) and, per question, what they heard. The timer stays quiet in the header.

mod pane;
mod report;
mod room;
mod step;

use crate::domain::{Answered, Change, Clock, IdeaId};
use crate::i18n::{tr, trf};
use crate::interact::text::TextField;
use crate::interact::{Action, Confirm, Message, Overlay, Prompt, PromptPurpose};
use crate::steps::{StepResult, moved};
use crate::workspace::Workspace;

#[derive(Debug, Default)]
pub struct InterviewState {
    /// The question being asked (index into the step's questions).
    pub question: usize,
    /// The selected answer of that question; `None`: the newest is in view, none selected.
    pub selected: Option<usize>,
    /// The answer being typed.
    pub draft: TextField,
    /// The answer being edited through the draft field.
    pub editing: Option<IdeaId>,
    /// What Esc last cleared from the draft, so Ctrl-Z on an empty draft brings it back.
    cleared: Option<(String, Option<IdeaId>)>,
}

/// The current step's questions with their answers (empty off an interview step).
pub fn answered(ws: &Workspace) -> Vec<Answered<'_>> {
    ws.session().interview_step(&ws.step_id())
}

impl InterviewState {
    /// The question in focus, kept within the step's questions.
    pub fn current(&self, count: usize) -> usize {
        self.question.min(count.saturating_sub(1))
    }

    /// The selected answer of the current question, if any.
    fn selected_answer(&self, ws: &Workspace) -> Option<(IdeaId, String)> {
        let all = answered(ws);
        let q = all.get(self.current(all.len()))?;
        let answer = q.answers.get(self.selected?)?;
        Some((answer.id, answer.text.clone()))
    }

    pub fn update(&mut self, ws: &mut Workspace, action: Action, clock: &dyn Clock) -> StepResult {
        let lang = ws.lang();
        let all = answered(ws);
        let questions = all.len();
        let answers = all
            .get(self.current(questions))
            .map_or(0, |q| q.answers.len());
        let heard = all
            .get(self.current(questions))
            .map(|q| (q.question.id.clone(), q.heard.to_string()));
        drop(all);
        let message = match action {
            Action::Commit => self.commit_draft(ws, clock),
            Action::NextField | Action::PrevField => {
                let next = action == Action::NextField;
                self.question = moved(self.current(questions), next, questions);
                self.selected = None;
                None
            }
            Action::Up | Action::Down => {
                // From the draft, ↑ goes to the newest answer; ↓ past the last back to none.
                let down = action == Action::Down;
                self.selected = match self.selected {
                    None if down || answers == 0 => None,
                    None => Some(answers - 1),
                    Some(n) if down && n + 1 >= answers => None,
                    Some(n) => Some(moved(n, down, answers)),
                };
                None
            }
            Action::Edit => match self.selected_answer(ws) {
                Some((id, text)) => {
                    self.editing = Some(id);
                    self.draft.set_text(&text);
                    Message::info(tr(lang, "msg.editing_answer"))
                }
                None => Message::info(tr(lang, "msg.no_answer_selected")),
            },
            Action::Delete => {
                return match self.selected_answer(ws) {
                    Some((id, text)) => (
                        None,
                        Some(Overlay::Confirm(Confirm::DeleteIdea { id, text })),
                    ),
                    None => (Message::info(tr(lang, "msg.no_answer_selected")), None),
                };
            }
            Action::Notes => {
                let Some((question, text)) = heard else {
                    return (None, None);
                };
                let n = self.current(questions) + 1;
                let title = trf(lang, "interview.heard_title", &[&n]);
                let prompt = Prompt::lines(
                    PromptPurpose::Heard { question },
                    title,
                    tr(lang, "interview.heard").into(),
                    &text,
                );
                return (None, Some(Overlay::Prompt(prompt)));
            }
            Action::Cancel => {
                let text = self.draft.text();
                let editing = self.editing.take();
                self.draft.clear();
                if text.trim().is_empty() {
                    self.selected = None;
                    None
                } else {
                    self.cleared = Some((text, editing));
                    Message::info(tr(lang, "msg.draft_cleared"))
                }
            }
            _ => None,
        };
        (message, None)
    }

    /// The typed answer goes in for the current question (or replaces the one being edited).
    fn commit_draft(&mut self, ws: &mut Workspace, clock: &dyn Clock) -> Option<Message> {
        let text = self.draft.text();
        let lang = ws.lang();
        if text.trim().is_empty() {
            return Message::info(tr(lang, "msg.type_first"));
        }
        let revision = ws.revision();
        let message = match self.editing {
            Some(id) => ws.commit(Change::EditIdea { id, text }, clock),
            None => {
                let all = answered(ws);
                let question = all
                    .get(self.current(all.len()))
                    .map(|q| q.question.id.clone());
                drop(all);
                match (ws.session().participants().first().map(|p| p.id), question) {
                    (Some(participant), Some(question)) => {
                        let step = ws.step_id();
                        ws.commit(
                            Change::AddAnswer {
                                step,
                                question,
                                participant,
                                text,
                            },
                            clock,
                        )
                    }
                    _ => Message::info(tr(lang, "msg.no_participants")),
                }
            }
        };
        // Went in: the draft is done with, so it can never be committed twice.
        if ws.revision() != revision {
            self.draft.clear();
            self.editing = None;
            self.selected = None;
            self.cleared = None;
        }
        message
    }

    /// "What I heard" as typed in its form.
    pub fn save_heard(
        &mut self,
        ws: &mut Workspace,
        question: String,
        text: String,
        clock: &dyn Clock,
    ) -> Option<Message> {
        let step = ws.step_id();
        ws.commit(
            Change::SetHeard {
                step,
                question,
                text,
            },
            clock,
        )
    }

    /// Deletes an answer (after the facilitator said yes).
    pub fn delete(&mut self, ws: &mut Workspace, id: IdeaId, clock: &dyn Clock) -> Option<Message> {
        let message = ws.commit(Change::RemoveIdea(id), clock);
        self.selected = None;
        message.or_else(|| Message::info(tr(ws.lang(), "msg.answer_deleted")))
    }

    /// Ctrl-Z on an empty draft right after Esc cleared it: the draft comes back.
    pub fn restore_cleared(&mut self, ws: &mut Workspace) -> Option<Message> {
        if !self.draft.text().is_empty() {
            return None;
        }
        let (text, editing) = self.cleared.take()?;
        self.draft.set_text(&text);
        self.editing = editing;
        Message::info(tr(ws.lang(), "msg.draft_restored"))
    }

    /// What is typed but not yet entered becomes an answer, so leaving never loses it.
    pub fn keep_draft(&mut self, ws: &mut Workspace, clock: &dyn Clock) -> Option<Message> {
        let typed = !self.draft.text().trim().is_empty();
        crate::steps::keep_typed(ws, typed, |ws| self.commit_draft(ws, clock))
    }
}
