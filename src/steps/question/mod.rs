//! Question steps: capture ideas per participant; the step's groups follow every change.

mod live_groups;
mod pane;
mod report;
mod room;
use crate::domain::Step as Step_;
use crate::domain::{ParticipantId, Session};
use crate::interact::Context;
use crate::join::Part;
use crate::steps::room::{RoomBody, RoomView};
use crate::steps::{Env, Look, Step};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::{Change, Clock, GroupId, IdeaId};
use crate::i18n::{tr, trf};
use crate::interact::list_view::ListView;
use crate::interact::text::{MAX_CHARS, TextField};
use crate::interact::{Action, Confirm, Message, Overlay};
use crate::steps::{StepResult, moved};
use crate::workspace::Workspace;

#[derive(Debug, Default)]
pub struct QuestionState {
    /// The selected idea (see `selected`: it follows new ideas when it was on the last).
    cursor: usize,
    /// How many ideas there were when the cursor was last set.
    seen: usize,
    /// The idea being typed.
    pub draft: TextField,
    /// The idea being edited through the draft field.
    pub editing: Option<IdeaId>,
    /// The group the draft would join, recomputed as the facilitator types.
    pub preview: Option<GroupId>,
    /// Who was in focus before F2 gave the focus to the edited idea's author: the next
    /// speaker, who has it back once the edit is done or let go.
    focus_before_edit: Option<crate::domain::ParticipantId>,
    pub list: ListView,
    /// What Esc last cleared from the draft, so Ctrl-Z on an empty draft brings it back.
    cleared: Option<(String, Option<IdeaId>)>,
}

/// The ideas of the current step, in the order they were said.
pub fn ideas(ws: &Workspace) -> Vec<(IdeaId, String)> {
    ws.session()
        .results(&ws.step_id())
        .map(|r| r.ideas.iter().map(|i| (i.id, i.text.clone())).collect())
        .unwrap_or_default()
}

impl QuestionState {
    /// The selected idea among `count`: on the last one, it follows ideas that arrived since
    /// (from phones), so the newest is in view; elsewhere it stays where the facilitator put it.
    pub fn selected(&self, count: usize) -> usize {
        if count > self.seen && self.cursor + 1 >= self.seen {
            count - 1
        } else {
            self.cursor.min(count.saturating_sub(1))
        }
    }

    fn set_cursor(&mut self, cursor: usize, count: usize) {
        self.cursor = cursor;
        self.seen = count;
    }

    pub fn update(&mut self, ws: &mut Workspace, action: Action, clock: &dyn Clock) -> StepResult {
        let list = ideas(ws);
        self.set_cursor(self.selected(list.len()), list.len());
        let lang = ws.lang();
        let message = match action {
            Action::Commit => self.commit_draft(ws, clock),
            Action::Up | Action::Down => {
                let cursor = moved(self.cursor, action == Action::Down, list.len());
                self.set_cursor(cursor, list.len());
                None
            }
            Action::Edit => match list.get(self.cursor) {
                Some((id, text)) => {
                    if self.editing.is_none() {
                        self.focus_before_edit = ws.session().focus();
                    }
                    self.editing = Some(*id);
                    self.draft.set_text(text);
                    self.preview = None;
                    // The focus goes to who said it, so Tab can give it to someone else.
                    let author = ws
                        .session()
                        .all_ideas()
                        .find(|(_, i)| i.id == *id)
                        .map(|(_, i)| i.participant);
                    let refused = match author {
                        Some(a) if ws.session().focus() != Some(a) => {
                            ws.transact(clock, |tx| tx.apply(Change::Focus(Some(a))).map(|_| ()))
                        }
                        _ => None,
                    };
                    refused.or_else(|| Message::info(tr(lang, "msg.editing_idea")))
                }
                None => Message::info(tr(lang, "msg.no_idea_selected")),
            },
            Action::Delete => {
                return match list.get(self.cursor) {
                    Some((id, text)) => (
                        None,
                        Some(Overlay::Confirm(Confirm::DeleteIdea {
                            id: *id,
                            text: text.clone(),
                        })),
                    ),
                    None => (Message::info(tr(lang, "msg.no_idea_selected")), None),
                };
            }
            Action::Tidy => crate::workspace::regroup::regroup(
                ws,
                clock,
                crate::workspace::meaning::RegroupPurpose::Tidy,
            ),
            Action::Cancel => {
                let text = self.draft.text();
                let editing = self.editing.take();
                if editing.is_some() {
                    self.give_focus_back(ws, clock);
                }
                self.draft.clear();
                self.preview = None;
                if text.trim().is_empty() {
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

    /// Ctrl-Z on an empty draft right after Esc cleared it: the draft comes back instead of
    /// the session's last change being undone.
    pub fn restore_cleared(&mut self, ws: &mut Workspace) -> Option<Message> {
        if !self.draft.text().is_empty() {
            return None;
        }
        let (text, editing) = self.cleared.take()?;
        self.draft.set_text(&text);
        self.editing = editing;
        self.update_preview(ws);
        Message::info(tr(ws.lang(), "msg.draft_restored"))
    }

    /// What is typed but not yet committed becomes an idea (or the edit it was), so leaving
    /// the step or the program never loses it. Nothing typed: nothing happens.
    pub fn keep_draft(&mut self, ws: &mut Workspace, clock: &dyn Clock) -> Option<Message> {
        let typed = !self.draft.text().trim().is_empty();
        crate::steps::keep_typed(ws, typed, |ws| self.commit_draft(ws, clock))
    }

    /// A key typed into the draft. Typing on past what an idea holds goes on in a new idea,
    /// as a long paste does: the full draft becomes an idea (up to its last space, so no word
    /// is cut) and the rest starts the next one.
    pub fn type_key(
        &mut self,
        ws: &mut Workspace,
        key: crossterm::event::KeyEvent,
        clock: &dyn Clock,
    ) {
        let typed = matches!(key.code, crossterm::event::KeyCode::Char(_))
            && !key.modifiers.intersects(
                crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT,
            );
        let at_end = self.draft.cursor().1 >= MAX_CHARS;
        if typed && at_end && self.editing.is_none() && self.draft.is_full() {
            let text = self.draft.text();
            let pieces = chunks(&text, MAX_CHARS - 1);
            let (done, rest) = pieces.split_at(pieces.len() - 1);
            let done = done.concat();
            let rest = rest.concat();
            self.draft.set_text(done.trim_end());
            let revision = ws.revision();
            // Refused (a read-only session): the draft stays as it was, and full.
            let _ = self.commit_draft(ws, clock);
            self.draft.set_text(if ws.revision() != revision {
                &rest
            } else {
                &text
            });
        }
        self.draft.input(key);
        self.update_preview(ws);
    }

    fn commit_draft(&mut self, ws: &mut Workspace, clock: &dyn Clock) -> Option<Message> {
        let text = self.draft.text();
        if text.trim().is_empty() {
            return Message::info(tr(ws.lang(), "msg.type_first"));
        }
        let revision = ws.revision();
        let message = match self.editing {
            Some(id) => self.commit_edit(ws, id, text, clock),
            None => self.add_ideas(ws, &[text.as_str()], clock),
        };
        // Went in (even if saving it then failed and the header says NOT SAVED): the draft is
        // done with, so it can never be committed twice.
        if ws.revision() != revision {
            self.draft.clear();
            if self.editing.take().is_some() {
                self.give_focus_back(ws, clock);
            }
            self.preview = None;
            self.cleared = None;
        }
        message
    }

    /// The focus back to the next speaker, after an edit that moved it to the idea's author.
    fn give_focus_back(&mut self, ws: &mut Workspace, clock: &dyn Clock) {
        let Some(before) = self.focus_before_edit.take() else {
            return;
        };
        if ws.session().focus() != Some(before) && ws.session().participant(before).is_some() {
            ws.transact(clock, |tx| {
                tx.apply(Change::Focus(Some(before))).map(|_| ())
            });
        }
    }

    /// The edited text, and the person in focus as its author when Tab moved the focus while
    /// editing (an idea typed under the wrong person goes to the right one).
    fn commit_edit(
        &self,
        ws: &mut Workspace,
        id: IdeaId,
        text: String,
        clock: &dyn Clock,
    ) -> Option<Message> {
        let session = ws.session();
        let author = session
            .all_ideas()
            .find(|(_, i)| i.id == id)
            .map(|(_, i)| i.participant);
        let new_author = session.focus().filter(|f| Some(*f) != author);
        let name = new_author
            .and_then(|f| session.participant(f))
            .map(|p| p.name.clone());
        let lang = ws.lang();
        ws.transact(clock, |tx| {
            tx.apply(Change::EditIdea { id, text })?;
            if let Some(participant) = new_author {
                tx.apply(Change::SetIdeaAuthor { id, participant })?;
            }
            Ok(())
        })
        .or_else(|| name.and_then(|n| Message::info(trf(lang, "msg.idea_given_to", &[&n]))))
    }

    /// Pasted lines become one idea each, for the participant in focus, as one undo step. A
    /// line longer than a field holds becomes several ideas, so nothing pasted is dropped.
    pub fn paste(&mut self, ws: &mut Workspace, text: &str, clock: &dyn Clock) -> Option<Message> {
        let lines: Vec<&str> = text
            .lines()
            .flat_map(|l| chunks(l.trim(), MAX_CHARS))
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        match lines.as_slice() {
            [] => None,
            [one] if !text.contains('\n') || self.editing.is_some() => {
                let whole = self.draft.insert(one);
                self.update_preview(ws);
                (!whole)
                    .then(|| Message::error(tr(ws.lang(), "msg.paste_cut")))
                    .flatten()
            }
            many => {
                let message = self.add_ideas(ws, many, clock);
                message
                    .or_else(|| Message::info(trf(ws.lang(), "msg.pasted_ideas", &[&many.len()])))
            }
        }
    }

    fn add_ideas(
        &mut self,
        ws: &mut Workspace,
        texts: &[&str],
        clock: &dyn Clock,
    ) -> Option<Message> {
        let Some(participant) = ws.session().focus() else {
            return Message::info(tr(ws.lang(), "msg.no_participants"));
        };
        let step = ws.step_id();
        let message = ws.transact(clock, |tx| {
            for text in texts {
                tx.apply(Change::AddIdea {
                    step: step.clone(),
                    participant,
                    text: text.to_string(),
                })?;
            }
            Ok(())
        });
        if message.as_ref().is_none_or(|m| !m.is_error) {
            let count = ideas(ws).len();
            self.set_cursor(count.saturating_sub(1), count);
        }
        message
    }

    /// Deletes an idea (after the facilitator said yes).
    pub fn delete_idea(
        &mut self,
        ws: &mut Workspace,
        id: IdeaId,
        clock: &dyn Clock,
    ) -> Option<Message> {
        let message = ws.transact(clock, |tx| tx.apply(Change::RemoveIdea(id)).map(|_| ()));
        let n = ideas(ws).len();
        self.set_cursor(self.cursor.min(n.saturating_sub(1)), n);
        message.or_else(|| Message::info(tr(ws.lang(), "msg.idea_deleted")))
    }

    pub fn after_history(&mut self, ws: &mut Workspace) {
        self.editing = None;
        self.update_preview(ws);
    }

    pub fn update_preview(&mut self, ws: &mut Workspace) {
        if self.editing.is_some() {
            self.preview = None;
            return;
        }
        let step = ws.step_id();
        let draft = self.draft.text();
        self.preview = ws.preview(&step, &draft);
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

impl Step for QuestionState {
    fn context(&self) -> Context {
        Context::Question
    }

    fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        QuestionState::update(self, ws, action, env.clock)
    }

    fn pane(&self, ws: &Workspace, look: &Look, frame: &mut Frame, area: Rect) {
        pane::draw(ws, self, look.focused, frame, area)
    }

    fn type_key(&mut self, ws: &mut Workspace, key: crossterm::event::KeyEvent, clock: &dyn Clock) {
        QuestionState::type_key(self, ws, key, clock)
    }

    fn paste(&mut self, ws: &mut Workspace, text: &str, clock: &dyn Clock) -> Option<Message> {
        QuestionState::paste(self, ws, text, clock)
    }

    fn draft(&self) -> Option<&TextField> {
        Some(&self.draft)
    }

    fn field_is_full(&self) -> bool {
        self.draft.is_full()
    }

    fn confirmed(
        &mut self,
        ws: &mut Workspace,
        confirm: Confirm,
        clock: &dyn Clock,
    ) -> Option<Message> {
        match confirm {
            Confirm::DeleteIdea { id, .. } => self.delete_idea(ws, id, clock),
            _ => None,
        }
    }

    fn undo_own(&mut self, ws: &mut Workspace) -> Option<Message> {
        self.restore_cleared(ws)
    }

    fn after_history(&mut self, ws: &mut Workspace) {
        QuestionState::after_history(self, ws)
    }

    fn keep_draft(&mut self, ws: &mut Workspace, clock: &dyn Clock) -> Option<Message> {
        QuestionState::keep_draft(self, ws, clock)
    }

    fn meaning_arrived(&mut self, ws: &mut Workspace) {
        self.update_preview(ws)
    }

    fn list(&self) -> Option<&ListView> {
        Some(&self.list)
    }

    fn select_row(&mut self, row: usize) {
        // At least this many ideas: a click on the last one follows new ones in, as keys do.
        self.set_cursor(row, row + 1);
    }

    fn room(view: &RoomView, step: &Step_, _width: u16) -> RoomBody {
        room::body(view, step)
    }

    /// The participant's own ideas on this question, to add to and reword; an anonymous
    /// device's ideas are not listed back (every anonymous idea has the same no-author).
    fn device(session: &Session, step: &Step_, participant: ParticipantId) -> Part {
        if participant == ParticipantId::ANONYMOUS {
            return Part::Question { ideas: Vec::new() };
        }
        Part::Question {
            ideas: session
                .results(&step.id)
                .map(|r| {
                    r.ideas
                        .iter()
                        .filter(|i| i.participant == participant)
                        .map(|i| (i.id, i.text.clone()))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    fn markdown(
        out: &mut String,
        session: &Session,
        step: &Step_,
        anonymous: bool,
        _zone: &jiff::tz::TimeZone,
    ) {
        report::markdown(out, session, step, anonymous)
    }

    fn html(
        out: &mut String,
        session: &Session,
        step: &Step_,
        anonymous: bool,
        _zone: &jiff::tz::TimeZone,
    ) {
        report::html(out, session, step, anonymous)
    }
}

#[cfg(test)]
mod tests {
    use super::QuestionState;

    #[test]
    fn the_selection_on_the_last_idea_follows_ideas_that_arrive() {
        let mut q = QuestionState::default();
        q.set_cursor(4, 5);
        assert_eq!(q.selected(5), 4);
        // Two ideas came in from phones: the newest is selected, so the list shows it.
        assert_eq!(q.selected(7), 6);
    }

    #[test]
    fn a_selection_elsewhere_stays_where_the_facilitator_put_it() {
        let mut q = QuestionState::default();
        q.set_cursor(1, 5);
        assert_eq!(q.selected(7), 1);
        // Ideas deleted under it: it stays on the list.
        assert_eq!(q.selected(1), 0);
    }
}
