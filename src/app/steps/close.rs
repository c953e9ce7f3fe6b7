//! Close: the summary and where the file is, the follow-up date, export, finishing the
//! session, and the closing checklist.

use super::script::Checklist;
use super::{Env, StepResult};
use crate::app::workspace::Workspace;
use crate::app::{Action, Message, Overlay, Prompt, PromptPurpose};
use crate::domain::{Change, Clock};
use crate::i18n::{tr, trf};
use crate::store::Paths;

#[derive(Debug, Default)]
pub struct CloseState {
    pub checklist: Checklist,
}

impl CloseState {
    pub fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        let lang = ws.lang();
        match action {
            Action::Edit => {
                let current = ws
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
            Action::Export => (Some(export(ws, env.paths)), None),
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
        let today = clock.now().to_zoned(jiff::tz::TimeZone::system()).date();
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
fn export(ws: &Workspace, paths: &Paths) -> Message {
    let formats = [crate::export::Format::Md];
    crate::app::reports::write(ws.session(), paths, &formats, ws.lang())
}
