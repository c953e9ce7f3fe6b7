//! The home screen: recent sessions, start a new one, continue or review one.

pub mod draw;

use crate::domain::Language;
use crate::interact::{Action, Message, OpenFor};
use crate::store::{Listing, Paths, list_sessions};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

#[derive(Default)]
pub struct HomeState {
    pub listings: Vec<Listing>,
    pub selected: usize,
    pub list: crate::interact::list_view::ListView,
    /// Why the list could not be read, if it could not.
    pub error: Option<String>,
    /// Sessions whose follow-up is near or past and not held yet: id → the planned date.
    pub due: BTreeMap<String, Date>,
    /// The programme's archive, when this data folder joined one: what is not yet shared.
    pub archive: Option<crate::store::archive::ArchiveStatus>,
}

/// How near a follow-up date must be to show as due.
pub const DUE_WITHIN_DAYS: i64 = 21;

/// Sessions whose follow-up date is within `DUE_WITHIN_DAYS` of `today` or past, and that no
/// session in the list follows up.
pub fn follow_ups_due(listings: &[Listing], today: Date) -> BTreeMap<String, Date> {
    let summaries = || {
        listings.iter().filter_map(|l| match l {
            Listing::Session(s) => Some(s),
            _ => None,
        })
    };
    let followed: BTreeSet<&str> = summaries().filter_map(|s| s.follows.as_deref()).collect();
    let horizon = today
        .checked_add(jiff::Span::new().days(DUE_WITHIN_DAYS))
        .unwrap_or(today);
    summaries()
        .filter(|s| !followed.contains(s.id.as_str()))
        .filter_map(|s| Some((s.id.clone(), s.follow_up.filter(|d| *d <= horizon)?)))
        .collect()
}

pub enum HomeOutcome {
    Stay(Option<Message>),
    /// Open this session.
    Open {
        path: PathBuf,
        access: OpenFor,
    },
    Setup,
    /// Start a follow-up of this session on the setup screen.
    FollowUp(PathBuf),
    Review,
    /// Common ground across sessions, on the review screen.
    Themes,
    /// Share with the programme's archive and bring in the others' sessions.
    Sync,
    Quit,
}

impl HomeState {
    /// The sessions in the folder; `today` says which follow-ups are due.
    pub fn load(paths: &Paths, today: Date) -> HomeState {
        match list_sessions(&paths.sessions_dir()) {
            Ok(mut listings) => {
                let archive = crate::store::archive::status(paths, &listings);
                // Then what others shared through the archive (read-only).
                listings.extend(crate::store::archive::archive_listings(&paths.data_dir));
                HomeState {
                    due: follow_ups_due(&listings, today),
                    listings,
                    archive,
                    ..HomeState::default()
                }
            }
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
            Action::Themes => return HomeOutcome::Themes,
            Action::Commit => {
                return match self.listings.get(self.selected) {
                    Some(Listing::Session(s)) => HomeOutcome::Open {
                        path: s.path.clone(),
                        // Others' sessions from the archive are for reading.
                        access: if s.origin.is_own() {
                            OpenFor::Writing
                        } else {
                            OpenFor::Reading
                        },
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
            Action::FollowUp => {
                return match self.listings.get(self.selected) {
                    Some(Listing::Session(s)) => HomeOutcome::FollowUp(s.path.clone()),
                    _ => HomeOutcome::Stay(Message::info(crate::i18n::tr(
                        lang,
                        "msg.no_session_yet",
                    ))),
                };
            }
            Action::Sync => return HomeOutcome::Sync,
            Action::Quit => return HomeOutcome::Quit,
            _ => {}
        }
        HomeOutcome::Stay(None)
    }
}
