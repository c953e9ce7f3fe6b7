//! Every way out of a session (Ctrl-C, F10, a signal, a terminal that fails) first retries a
//! save that failed; if it still fails, the session goes to a rescue copy in another writable
//! folder, the facilitator is told where, and the program exits non-zero. F10 asks first.

use super::{App, Confirm, Message, Outcome, Overlay, Screen};
use crate::i18n::trf;

impl App {
    /// Ctrl-C: save and quit, always.
    pub(super) fn quit(&mut self) -> Outcome {
        let kept = self.keep_draft();
        if let Some(problem) = self.last_save() {
            return Outcome::Quit {
                message: Some(problem),
                status: 1,
            };
        }
        let message = match &self.screen {
            Screen::Run(run) if run.file().read_only().is_none() => {
                let saved = format!("Saved: {}", run.file().path.display());
                Some(match kept {
                    Some(kept) => format!("{saved}\n{}", kept.text),
                    None => saved,
                })
            }
            _ => None,
        };
        Outcome::Quit { message, status: 0 }
    }

    /// Commits what is being typed on a question step, so leaving never loses it.
    pub fn keep_draft(&mut self) -> Option<Message> {
        match &mut self.screen {
            Screen::Run(run) => run.keep_draft(self.clock.as_ref()),
            _ => None,
        }
    }

    /// F10: back to the list, unless the last change could not be saved; then ask first.
    pub(super) fn leave_session(&mut self) {
        self.keep_draft();
        let Screen::Run(run) = &mut self.screen else {
            return;
        };
        match run.ws.save_now() {
            Ok(()) => self.back_from_session(),
            Err(e) => {
                let reason = super::error_text::store_error(run.lang(), &e);
                self.message = Message::error(trf(run.lang(), "msg.not_saved", &[&reason]));
                self.overlay = Some(Overlay::Confirm(Confirm::LeaveUnsaved { reason }));
            }
        }
    }

    /// F10 confirmed with changes unsaved: a rescue copy, then back to the list, which says
    /// where the copy went.
    pub(super) fn leave_with_rescue(&mut self) {
        let Screen::Run(run) = &self.screen else {
            return;
        };
        let lang = run.lang();
        let told = match run.file().write_rescue(&self.paths.config_dir) {
            Ok(path) => Message::error(trf(lang, "msg.rescued", &[&path.display()])),
            Err(why) => Message::error(trf(lang, "msg.rescue_failed", &[&why])),
        };
        self.back_from_session();
        self.message = told;
    }

    /// On the way out: saves again if the last save failed; if that fails too, writes a
    /// rescue copy. Returns what to tell when the session is not where it belongs.
    pub fn last_save(&mut self) -> Option<String> {
        let Screen::Run(run) = &mut self.screen else {
            return None;
        };
        let error = run.ws.save_now().err()?;
        let path = run.file().path.display().to_string();
        let rescue = match run.file().write_rescue(&self.paths.config_dir) {
            Ok(copy) => format!(
                "A rescue copy of the whole session is at: {}\nGo on with: ambassador open {}",
                copy.display(),
                copy.display()
            ),
            Err(why) => format!("No rescue copy could be written either: {why}"),
        };
        Some(format!(
            "The last change could not be saved: {error}\nThe file keeps the last saved state: {path}\n{rescue}"
        ))
    }
}
