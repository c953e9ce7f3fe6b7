//! Close: the summary and where the file is, the follow-up date, export, finishing the
//! session, and the closing checklist.

mod pane;
use crate::domain::Step as Step_;
use crate::domain::{ParticipantId, Session};
use crate::interact::Context;
use crate::join::Part;
use crate::steps::room::{RoomBody, RoomView};
use crate::steps::{Env, Look, Step};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::{Change, Clock};
use crate::i18n::{tr, trf};
use crate::interact::{Action, Message, Overlay, Prompt, PromptPurpose};
use crate::steps::StepResult;
use crate::steps::script::Checklist;
use crate::store::Paths;
use crate::workspace::Workspace;

#[derive(Debug, Default)]
pub struct CloseState {
    pub checklist: Checklist,
    /// Tab gives ↑↓ to the summary (to scroll it) instead of the checklist.
    pub summary_focused: bool,
    /// How far the summary is scrolled, and how far it can be (as last drawn).
    pub summary_scroll: std::cell::Cell<u16>,
    pub summary_end: std::cell::Cell<u16>,
}

impl CloseState {
    pub fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        let lang = ws.lang();
        match action {
            Action::Edit => {
                let current = ws
                    .session()
                    .follow_up()
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                let prompt = Prompt::new(
                    PromptPurpose::FollowUp,
                    tr(lang, "close.follow_up_title").into(),
                    vec![(tr(lang, "close.date").into(), current)],
                );
                (None, Some(Overlay::Prompt(prompt)))
            }
            Action::Export => (Some(export(ws, env.paths, &env.clock.time_zone())), None),
            Action::NextField | Action::PrevField => {
                self.summary_focused = !self.summary_focused;
                (None, None)
            }
            Action::Up | Action::Down if self.summary_focused => {
                let at = self.summary_scroll.get();
                let to = if action == Action::Down {
                    at.saturating_add(1).min(self.summary_end.get())
                } else {
                    at.saturating_sub(1)
                };
                self.summary_scroll.set(to);
                (None, None)
            }
            Action::Finish => {
                let message = ws.commit(Change::Finish, env.clock);
                (
                    message.or_else(|| Message::info(tr(lang, "msg.finished"))),
                    None,
                )
            }
            _ => (self.checklist.update(ws, action, env.clock), None),
        }
    }

    /// Enter in the follow-up date form: a date (YYYY-MM-DD), or empty for none.
    pub fn submit_follow_up(
        &mut self,
        ws: &mut Workspace,
        mut prompt: Prompt,
        clock: &dyn Clock,
    ) -> StepResult {
        let text = prompt.value(0);
        let date = match text.trim() {
            "" => None,
            t => match t.parse::<jiff::civil::Date>() {
                Ok(d) => Some(d),
                Err(_) => {
                    prompt.error = Some(trf(ws.lang(), "close.bad_date", &[&t]));
                    return (None, Some(Overlay::Prompt(prompt)));
                }
            },
        };
        // A date already past is most likely a typo: say so once; Enter again keeps it.
        let today = crate::domain::local_date(clock.now(), &clock.time_zone());
        if let Some(d) = date.filter(|d| *d < today) {
            let warning = trf(ws.lang(), "close.date_in_past", &[&d, &today]);
            if prompt.error.as_deref() != Some(warning.as_str()) {
                prompt.error = Some(warning);
                return (None, Some(Overlay::Prompt(prompt)));
            }
        }
        (ws.commit(Change::SetFollowUp(date), clock), None)
    }
}

/// Writes the Markdown report to `<data>/exports/<id>.md`.
fn export(ws: &Workspace, paths: &Paths, zone: &jiff::tz::TimeZone) -> Message {
    let formats = [crate::export::Format::Md];
    crate::steps::report::write(ws.session(), paths, &formats, ws.lang(), zone)
}

impl Step for CloseState {
    fn context(&self) -> Context {
        Context::Close
    }

    fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        CloseState::update(self, ws, action, env)
    }

    fn pane(&self, ws: &Workspace, look: &Look, frame: &mut Frame, area: Rect) {
        pane::draw(
            ws,
            self,
            (crate::steps::script::checklist_of(ws), look.zone),
            frame,
            area,
        )
    }

    fn submit(&mut self, ws: &mut Workspace, prompt: Prompt, clock: &dyn Clock) -> StepResult {
        match prompt.purpose {
            PromptPurpose::FollowUp => self.submit_follow_up(ws, prompt, clock),
            _ => (None, None),
        }
    }

    /// The prompt in the band says it all.
    fn room(_view: &RoomView, _step: &Step_, _width: u16) -> RoomBody {
        RoomBody(Vec::new())
    }

    /// What the room view shows: the prompt alone.
    fn device(_session: &Session, _step: &Step_, _participant: ParticipantId) -> Part {
        Part::Room { lines: Vec::new() }
    }

    /// The report itself is the summary; the close step adds nothing below its heading.
    fn markdown(
        _out: &mut String,
        _session: &Session,
        _step: &Step_,
        _anonymous: bool,
        _zone: &jiff::tz::TimeZone,
    ) {
    }

    /// As in Markdown: nothing below the heading.
    fn html(
        _out: &mut String,
        _session: &Session,
        _step: &Step_,
        _anonymous: bool,
        _zone: &jiff::tz::TimeZone,
    ) {
    }
}
