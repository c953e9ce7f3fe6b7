//! The session's details after setup (`i` on the welcome and closing steps, where a session
//! reopened from the review list lands): title, organisation, team,
//! programme and goal, in one form; what changed is saved as one edit (one undo step), like
//! every other edit.

use super::RunState;
use crate::domain::{Change, Clock};
use crate::i18n::tr;
use crate::interact::{Message, Overlay, Prompt, PromptPurpose};
use crate::steps::StepResult;

impl RunState {
    /// The form, filled in with the details as they are.
    pub(super) fn details_form(&self) -> Overlay {
        let s = self.session();
        let lang = self.ws.lang();
        let fields = [
            ("setup.session_title", s.title()),
            ("setup.organisation", s.organisation()),
            ("setup.team", s.team()),
            ("setup.programme", s.programme()),
            ("setup.goal", s.goal()),
        ]
        .into_iter()
        .map(|(key, value)| (tr(lang, key).to_string(), value.clone()))
        .collect();
        Overlay::Prompt(Prompt::new(
            PromptPurpose::Details,
            tr(lang, "details.title").into(),
            fields,
        ))
    }

    /// Enter in the form: what differs is changed, together; an empty title is refused
    /// with the form kept as typed.
    pub(super) fn submit_details(&mut self, mut prompt: Prompt, clock: &dyn Clock) -> StepResult {
        let lang = self.ws.lang();
        let value = |i| prompt.value(i).trim().to_string();
        let (title, organisation, team, programme, goal) =
            (value(0), value(1), value(2), value(3), value(4));
        if title.is_empty() {
            prompt.focus = 0;
            prompt.error = Some(tr(lang, "details.title_needed").into());
            return (None, Some(Overlay::Prompt(prompt)));
        }
        let s = self.session();
        let changes: Vec<Change> = [
            (title != *s.title()).then_some(Change::SetTitle(title)),
            (organisation != *s.organisation()).then_some(Change::SetOrganisation(organisation)),
            (team != *s.team()).then_some(Change::SetTeam(team)),
            (programme != *s.programme()).then_some(Change::SetProgramme(programme)),
            (goal != s.goal().trim()).then_some(Change::SetGoal(goal)),
        ]
        .into_iter()
        .flatten()
        .collect();
        if changes.is_empty() {
            return (None, None);
        }
        let failed = self.ws.transact(clock, |tx| {
            changes
                .into_iter()
                .try_for_each(|c| tx.apply(c).map(|_| ()))
        });
        (
            failed.or_else(|| Message::info(tr(lang, "details.saved"))),
            None,
        )
    }
}
