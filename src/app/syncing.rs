//! The home screen's sync: the same `ambassador sync` on a thread of its own, so the screen
//! stays usable; its end comes back through the loop's channel as `AppEvent::Synced`.

use super::events::AppEvent;
use super::{App, Message, Screen};
use crate::i18n::{tr, trf};

impl App {
    pub(super) fn start_sync(&mut self) {
        let lang = self.user_language;
        if self.syncing {
            self.message = Message::info(tr(lang, "msg.sync_running"));
            return;
        }
        let Some(events) = self.events.clone() else {
            return;
        };
        let paths = self.paths.clone();
        let started = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                let result =
                    crate::store::archive::sync(&paths, None, false).map_err(|e| e.to_string());
                let _ = events.send(AppEvent::Synced(result));
            });
        match started {
            Ok(_) => {
                self.syncing = true;
                self.message = Message::info(tr(lang, "msg.syncing"));
            }
            Err(e) => self.message = Message::error(trf(lang, "msg.sync_failed", &[&e])),
        }
    }

    pub(super) fn synced(&mut self, result: Result<crate::store::archive::SyncReport, String>) {
        self.syncing = false;
        let lang = self.user_language;
        self.message = match result {
            Ok(r) => Message::info(trf(
                lang,
                "msg.synced",
                &[&r.shared, &r.received, &r.conflict_copies],
            )),
            Err(e) => {
                let first = e.lines().next().unwrap_or_default().to_string();
                Message::error(trf(lang, "msg.sync_failed", &[&first]))
            }
        };
        if let Screen::Home(home) = &self.screen {
            let selected = home.selected;
            self.go_home();
            if let Screen::Home(home) = &mut self.screen {
                home.selected = selected.min(home.listings.len().saturating_sub(1));
            }
        }
    }
}
