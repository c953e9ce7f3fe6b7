//! The run screen: one open session and the state of the step in front of the room. What is
//! the same on every step (moving between steps, undo, participants, forms) is handled here;
//! the rest goes to the step's own room in `steps/`.

mod details;
pub mod draw;
pub mod join_panel;
mod joined;
mod room_feed;
pub mod timebox;

pub use joined::{JoinView, Joined};

use crate::domain::{Change, Clock, Session, StepKind};
use crate::i18n::{tr, trf};
use crate::interact::text::TextField;
use crate::interact::{Action, Confirm, Context, Message, Overlay, Prompt};
use crate::steps::{Env, StepResult, StepState};
use crate::store::{Paths, SessionFile};
use crate::workspace::{LiveGroups, SaveStatus, Workspace};
use ratatui::layout::Rect;
use room_feed::RoomFeed;
use std::cell::Cell;
use std::time::{Duration, Instant};
use timebox::{EXTEND_MINUTES, Timebox};

pub struct RunState {
    pub ws: Workspace,
    pub step: StepState,
    /// The current step's timebox (entered when, paused, extended).
    pub timebox: Timebox,
    /// Where draw last put the agenda's lines, for clicks on a step.
    pub agenda: Cell<Option<Rect>>,
    /// The step each of those lines belongs to (a long title wraps to two lines).
    pub agenda_steps: std::cell::RefCell<Vec<usize>>,
    /// The board's selection and the time left, for the room view.
    room: RoomFeed,
    /// Participants' devices may join (see `join`); dropped when the session closes.
    pub join: Option<Joined>,
    /// The user's time zone, in which the screen shows dates.
    pub zone: jiff::tz::TimeZone,
}

impl RunState {
    /// The run screen of `file`; `data_dir` is where the room view looks for the session
    /// open now.
    pub fn new(
        file: SessionFile,
        data_dir: &std::path::Path,
        model: Option<std::sync::Arc<crate::grouping::Model2Vec>>,
        clock: &dyn Clock,
    ) -> RunState {
        let current = file.session().current_step();
        let step = StepState::enter(&current.kind);
        let timebox = Timebox::start(clock.monotonic(), current.timebox_minutes);
        let room = RoomFeed::new(file.path.clone(), data_dir.to_path_buf(), &timebox, clock);
        let mut run = RunState {
            ws: Workspace::new(file, LiveGroups::with_model(model)),
            step,
            timebox,
            agenda: Cell::new(None),
            agenda_steps: Default::default(),
            room,
            join: None,
            zone: clock.time_zone(),
        };
        run.publish_room();
        run
    }

    pub fn session(&self) -> &Session {
        self.ws.session()
    }

    pub fn file(&self) -> &SessionFile {
        self.ws.file()
    }

    pub fn save_status(&self) -> &SaveStatus {
        self.ws.save_status()
    }

    pub fn step_id(&self) -> String {
        self.ws.step_id()
    }

    pub fn lang(&self) -> crate::domain::Language {
        self.ws.lang()
    }

    pub fn context(&self) -> Context {
        match self.step.context() {
            Context::Pulse if self.on_private_pulse() => Context::Ballots,
            context => context,
        }
    }

    /// The exact command that opens the room view of this session, ready to copy.
    fn room_view_command(&self, paths: &Paths) -> Overlay {
        let lang = self.ws.lang();
        let quote =
            |p: &std::path::Path| format!("'{}'", p.display().to_string().replace('\'', "'\\''"));
        let command = format!(
            "ambassador --data-dir {} present {}",
            quote(&paths.data_dir),
            quote(&self.file().path)
        );
        Overlay::Info {
            title: tr(lang, "present.command_title").to_string(),
            body: format!("{}\n\n{command}", tr(lang, "present.command_body")),
            scroll: Default::default(),
        }
    }

    /// Undo (back) or redo through the session's history.
    fn travel(&mut self, back: bool, clock: &dyn Clock) -> Option<Message> {
        let (moved, message) = self.ws.travel(back, clock);
        if moved {
            self.step.step_mut().after_history(&mut self.ws);
        }
        message
    }

    fn restore_cleared_draft(&mut self) -> Option<Message> {
        self.step.step_mut().undo_own(&mut self.ws)
    }

    /// A draft being typed is committed rather than lost when the step or the program is left.
    pub fn keep_draft(&mut self, clock: &dyn Clock) -> Option<Message> {
        self.step.step_mut().keep_draft(&mut self.ws, clock)
    }

    /// How long the current step has been open, pauses left out.
    pub fn in_step(&self, now: Instant) -> Duration {
        self.timebox.elapsed(now)
    }

    pub fn update(&mut self, action: Action, clock: &dyn Clock, paths: &Paths) -> StepResult {
        let result = self.dispatch(action, clock, paths);
        self.publish_room();
        result
    }

    fn dispatch(&mut self, action: Action, clock: &dyn Clock, paths: &Paths) -> StepResult {
        let steps = self.session().template().steps.len();
        let current = self.session().current_step_index();
        let lang = self.ws.lang();
        let message = match action {
            Action::NextStep if current + 1 < steps => self.go_to(current + 1, clock),
            Action::PrevStep if current > 0 => self.go_to(current - 1, clock),
            Action::NextStep => Message::info(tr(lang, "msg.last_step")),
            Action::PrevStep => Message::info(tr(lang, "msg.first_step")),
            Action::Undo => self
                .restore_cleared_draft()
                .or_else(|| self.travel(true, clock)),
            Action::Redo => self.travel(false, clock),
            Action::RoomView => return (None, Some(self.room_view_command(paths))),
            Action::Details => return (None, Some(self.details_form())),
            Action::Pause => {
                let paused = self.timebox.toggle_pause(clock.monotonic());
                self.room.timer_changed(&self.timebox, clock);
                Message::info(tr(lang, if paused { "msg.paused" } else { "msg.resumed" }))
            }
            Action::MoreTime => {
                self.timebox.extend(clock.monotonic());
                self.room.timer_changed(&self.timebox, clock);
                let minutes = self.timebox.budget().as_secs() / 60;
                Message::info(trf(lang, "msg.more_time", &[&EXTEND_MINUTES, &minutes]))
            }
            // A private pulse has ballots, not people, to move between: the step does that.
            Action::NextParticipant | Action::PrevParticipant if !self.on_private_pulse() => {
                self.cycle_participant(action == Action::NextParticipant, clock)
            }
            _ => {
                return self
                    .step
                    .update(&mut self.ws, action, &Env { clock, paths });
            }
        };
        (message, None)
    }

    fn on_private_pulse(&self) -> bool {
        matches!(
            self.session().current_step().kind,
            crate::domain::StepKind::Pulse { .. }
        ) && self.session().pulse_mode() == crate::domain::PulseMode::Private
    }

    pub fn update_overlay(
        &mut self,
        overlay: Overlay,
        action: Action,
        clock: &dyn Clock,
    ) -> StepResult {
        let result = self.overlay_action(overlay, action, clock);
        self.publish_room();
        result
    }

    fn overlay_action(
        &mut self,
        overlay: Overlay,
        action: Action,
        clock: &dyn Clock,
    ) -> StepResult {
        match overlay {
            Overlay::Confirm(confirm) => match action {
                Action::Confirm => (self.confirmed(confirm, clock), None),
                Action::Cancel => (None, None),
                _ => (None, Some(Overlay::Confirm(confirm))),
            },
            Overlay::Prompt(mut prompt) => match action {
                Action::Cancel => (None, None),
                Action::NextField | Action::PrevField => {
                    prompt.next_field(action == Action::NextField);
                    (None, Some(Overlay::Prompt(prompt)))
                }
                Action::Commit => self.submit(prompt, clock),
                _ => (None, Some(Overlay::Prompt(prompt))),
            },
            Overlay::Info {
                title,
                body,
                mut scroll,
            } => match action {
                Action::Cancel => (None, None),
                _ => {
                    scroll.apply(action);
                    (
                        None,
                        Some(Overlay::Info {
                            title,
                            body,
                            scroll,
                        }),
                    )
                }
            },
            Overlay::Help | Overlay::Join { .. } => (None, None),
        }
    }

    /// Enter in a form: the step that opened it takes what was typed.
    fn submit(&mut self, prompt: Prompt, clock: &dyn Clock) -> StepResult {
        if prompt.purpose == crate::interact::PromptPurpose::Details {
            return self.submit_details(prompt, clock);
        }
        self.step.step_mut().submit(&mut self.ws, prompt, clock)
    }

    fn confirmed(&mut self, confirm: Confirm, clock: &dyn Clock) -> Option<Message> {
        self.step.step_mut().confirmed(&mut self.ws, confirm, clock)
    }

    /// A click on a row of the step's list selects it.
    pub fn select_row(&mut self, row: usize) {
        self.step.step_mut().select_row(row);
        self.publish_room();
    }

    /// Tells the room view the board's selection and the step's time, when they changed (a
    /// key, a click, entering a step). A read-only window leaves the room to the writer's.
    fn publish_room(&mut self) {
        let selected = self.step.step_mut().room_selection(&self.ws);
        if self.ws.read_only().is_some() {
            return;
        }
        self.room
            .publish(self.session().current_step_index(), selected);
    }

    /// Joining went on (with this link) or off: the room view is told.
    pub fn join_link_changed(&mut self, link: Option<String>) {
        self.room.join_link_changed(link);
    }

    /// The room view learns this window is still there (a read-only window says nothing).
    pub fn beat(&mut self, clock: &dyn Clock) {
        if self.ws.read_only().is_none() {
            self.room.beat(clock);
        }
    }

    /// The draft's embedding arrived: its preview is made again, with its meaning.
    pub fn draft_meaning_arrived(&mut self) {
        self.step.step_mut().meaning_arrived(&mut self.ws);
    }

    pub fn type_key(&mut self, key: crossterm::event::KeyEvent, clock: &dyn Clock) {
        self.step.step_mut().type_key(&mut self.ws, key, clock);
    }

    /// The idea being typed, on a question step.
    pub fn draft(&self) -> Option<&TextField> {
        self.step.step().draft()
    }

    /// Whether the text field in focus takes no more characters.
    pub fn field_is_full(&self) -> bool {
        self.step.step().field_is_full()
    }

    pub fn paste(&mut self, text: &str, clock: &dyn Clock) -> Option<Message> {
        self.step.step_mut().paste(&mut self.ws, text, clock)
    }

    /// Goes to a step (from the agenda), if it is another one.
    pub fn jump_to(&mut self, step: usize, clock: &dyn Clock) -> Option<Message> {
        let session = self.session();
        if step == session.current_step_index() || step >= session.template().steps.len() {
            return None;
        }
        self.go_to(step, clock)
    }

    /// Moves to another step, which starts fresh; a grouped step first takes in ideas
    /// added, edited or removed elsewhere.
    fn go_to(&mut self, step: usize, clock: &dyn Clock) -> Option<Message> {
        let kept = self.keep_draft(clock);
        if kept.as_ref().is_some_and(|m| m.is_error) {
            return kept;
        }
        let message = if let Some(reason) = self.ws.read_only_text() {
            // Looking around a read-only session moves in memory only, and says so.
            self.ws.look(Change::GoToStep(step), clock).or_else(|| {
                Message::info(trf(
                    self.ws.lang(),
                    "msg.read_only_nothing_changed",
                    &[&reason],
                ))
            })
        } else {
            self.ws.transact(clock, |tx| {
                tx.apply(Change::GoToStep(step))?;
                let entered = tx.session().current_step();
                // A step where each person answers starts with who has not answered yet.
                let first = tx.session().first_to_answer(entered);
                let per_person = matches!(
                    entered.kind,
                    StepKind::Pulse { .. } | StepKind::Roles { .. } | StepKind::Question
                );
                if matches!(entered.kind, StepKind::Question | StepKind::CommonGround) {
                    let id = entered.id.clone();
                    tx.refresh(&id);
                }
                if per_person && first.is_some() && first != tx.session().focus() {
                    tx.apply(Change::Focus(first))?;
                }
                Ok(())
            })
        };
        let entered = self.session().current_step();
        let (step, minutes) = (StepState::enter(&entered.kind), entered.timebox_minutes);
        self.step = step;
        self.timebox = Timebox::start(clock.monotonic(), minutes);
        self.room.timer_changed(&self.timebox, clock);
        message.or(kept)
    }

    fn cycle_participant(&mut self, forward: bool, clock: &dyn Clock) -> Option<Message> {
        let people = &self.session().participants();
        if people.is_empty() {
            return Message::info(tr(self.ws.lang(), "msg.no_participants"));
        }
        let n = people.len();
        let at = self
            .session()
            .focus()
            .and_then(|f| people.iter().position(|p| p.id == f));
        let next = match at {
            None => 0,
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
        };
        let id = people[next].id;
        self.ws.look(Change::Focus(Some(id)), clock)
    }
}
