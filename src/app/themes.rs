//! Common ground across sessions on the review screen, worked out on a thread of its own:
//! reading, embedding and grouping hundreds of sessions takes seconds, and the screen shows
//! how far it is meanwhile. What the thread finds comes back through the loop's channel as
//! `AppEvent::Themes`; a job the screen no longer waits for (Esc) is stopped and dropped.

use super::events::AppEvent;
use super::{App, Screen};
use crate::i18n::trf;
use crate::review::gather::ThemesEvent;

impl App {
    /// Starts the themes of the review list's selection (its programme, else all). Without
    /// the loop's channel (a test driving the app by hand) the work is done at once.
    pub(super) fn start_themes(&mut self) {
        self.themes_jobs += 1;
        let id = self.themes_jobs;
        let today = crate::domain::local_date(self.clock.now(), &self.clock.time_zone());
        let Screen::Review(review) = &mut self.screen else {
            return;
        };
        let job = review.programme(&self.paths, id, today);
        let Some(events) = self.events.clone() else {
            let mut arrived = Vec::new();
            job.run(&mut |e| arrived.push(e));
            for e in arrived {
                self.themes_arrived(e);
            }
            return;
        };
        let started = std::thread::Builder::new()
            .name("themes".into())
            .spawn(move || {
                job.run(&mut |e| {
                    let _ = events.send(AppEvent::Themes(e));
                })
            });
        if let Err(e) = started {
            let lang = self.user_language;
            self.themes_arrived(ThemesEvent::Done {
                job: id,
                result: Err(trf(lang, "themes.not_started", &[&e])),
            });
        }
    }

    /// How far the themes are, or their result; only the review screen waits for them.
    pub(super) fn themes_arrived(&mut self, event: ThemesEvent) {
        if let Screen::Review(review) = &mut self.screen
            && let Some(m) = review.themes_arrived(event)
        {
            self.message = Some(m);
        }
    }
}
