//! Moving between the program's screens: home, review, setup of a follow-up, a session.

use super::{App, HomeState, Message, OpenFor, ReviewState, RunState, Screen, SetupState};
use crate::store::{SessionFile, StoreError};
use crate::workspace::{self, error_text};

impl App {
    /// Back to where the session was opened from: the review list or home.
    pub(super) fn back_from_session(&mut self) {
        if std::mem::take(&mut self.back_to_review) {
            self.go_review();
        } else {
            self.go_home();
        }
    }

    pub(super) fn go_review(&mut self) {
        self.overlay = None;
        self.screen = Screen::Review(Box::new(ReviewState::load(&self.paths, self.user_language)));
    }

    pub(super) fn go_home(&mut self) {
        self.overlay = None;
        let today = crate::domain::local_date(self.clock.now(), &self.clock.time_zone());
        self.screen = Screen::Home(HomeState::load(&self.paths, today));
    }

    /// The setup screen for a follow-up of the session at `path` (read, never written).
    pub(super) fn start_follow_up(&mut self, path: &std::path::Path) {
        match crate::store::read_session(path) {
            Ok(parsed) => {
                let setup = SetupState::follow_up(&self.paths, &parsed.session);
                self.screen = Screen::Setup(Box::new(setup));
            }
            Err(e) => {
                let text = error_text::store_error(self.language(), &e);
                let first = text.lines().next().unwrap_or_default().to_string();
                self.message = Message::error(first);
            }
        }
    }

    pub(super) fn open_path(&mut self, path: &std::path::Path, access: OpenFor) {
        let opened = match access {
            OpenFor::Writing => SessionFile::open(path),
            OpenFor::Reading => SessionFile::open_read_only(path),
        };
        self.open_session(opened);
    }

    pub(super) fn open_session(&mut self, opened: Result<SessionFile, StoreError>) {
        match opened {
            Ok(file) => {
                let lang = file.session().language();
                self.message = file.read_only().map(|r| Message {
                    text: crate::i18n::trf(
                        lang,
                        "msg.read_only",
                        &[&workspace::reason_text(lang, r)],
                    ),
                    is_error: false,
                });
                if let Some(old) = &file.backup {
                    self.message = Message::info(migrated_text(file.session(), old));
                }
                let mut run = RunState::new(
                    file,
                    &self.paths.data_dir,
                    self.meaning.model.clone(),
                    self.clock.as_ref(),
                );
                self.connect_meaning(&mut run);
                self.screen = Screen::Run(Box::new(run));
            }
            Err(e) => {
                let text = error_text::store_error(self.language(), &e);
                let first = text.lines().next().unwrap_or_default().to_string();
                self.message = Message::error(first);
            }
        }
    }
}

/// What opening a file saved by an older ambassador did: brought it up to date, kept the old
/// file; a pulse scored by name before private pulses existed stays open, and says so.
fn migrated_text(session: &crate::domain::Session, old: &std::path::Path) -> String {
    let lang = session.language();
    let has_pulse = session
        .template()
        .steps
        .iter()
        .any(|s| matches!(s.kind, crate::domain::StepKind::Pulse { .. }));
    let key = if has_pulse && session.pulse_mode() == crate::domain::PulseMode::Open {
        "msg.migrated_open_pulse"
    } else {
        "msg.migrated"
    };
    crate::i18n::trf(lang, key, &[&old.display()])
}
