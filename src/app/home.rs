//! The home screen: recent sessions, start a new one, continue or review one.

use super::OpenFor;
use super::{Action, Message};
use crate::domain::Language;
use crate::store::{Listing, Paths, list_sessions};
use std::path::PathBuf;

#[derive(Default)]
pub struct HomeState {
    pub listings: Vec<Listing>,
    pub selected: usize,
    pub list: super::list_view::ListView,
    /// Why the list could not be read, if it could not.
    pub error: Option<String>,
}

pub enum HomeOutcome {
    Stay(Option<Message>),
    /// Open this session.
    Open {
        path: PathBuf,
        access: OpenFor,
    },
    Setup,
    Review,
    Quit,
}

impl HomeState {
    pub fn load(paths: &Paths) -> HomeState {
        match list_sessions(&paths.sessions_dir()) {
            Ok(listings) => HomeState {
                listings,
                ..HomeState::default()
            },
            Err(e) => HomeState {
                error: Some(e.to_string()),
                ..HomeState::default()
            },
        }
    }

    pub fn update(&mut self, action: Action, lang: Language) -> HomeOutcome {
        let count = self.listings.len();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::Review => return HomeOutcome::Review,
            Action::Commit => {
                return match self.listings.get(self.selected) {
                    Some(Listing::Session(s)) => HomeOutcome::Open {
                        path: s.path.clone(),
                        access: OpenFor::Writing,
                    },
                    Some(Listing::Unreadable { error, .. }) => {
                        HomeOutcome::Stay(Message::error(crate::i18n::trf(
                            lang,
                            "msg.cannot_open",
                            &[&error.lines().next().unwrap_or_default()],
                        )))
                    }
                    Some(Listing::Kept(k)) => HomeOutcome::Stay(Message::info(k.to_string())),
                    None => HomeOutcome::Stay(Message::info(crate::i18n::tr(
                        lang,
                        "msg.no_session_yet",
                    ))),
                };
            }
            Action::New => return HomeOutcome::Setup,
            Action::Quit => return HomeOutcome::Quit,
            _ => {}
        }
        HomeOutcome::Stay(None)
    }
}
