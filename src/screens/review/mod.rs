//! The review screen: all past sessions, type to filter, sort, open one read-only (or for
//! editing, on purpose), compare two, follow a team over time, export reports.

pub mod draw;
mod programme_draw;
mod trend_draw;

use crate::domain::{Language, Session};
use crate::export::Format;
use crate::grouping::KnownEmbeddings;
use crate::i18n::{tr, trf};
use crate::interact::text::TextField;
use crate::interact::{Action, Message, OpenFor};
use crate::review::{
    Comparison, SortBy, Trend, compare, filter_and_sort, team_sessions, theme_texts, trend,
};
use crate::store::{Listing, Paths, SessionSummary, list_sessions, read_session};
use crossterm::event::KeyEvent;
use jiff::tz::TimeZone;
use std::collections::HashSet;
use std::path::PathBuf;

pub struct CompareView {
    pub before: SessionSummary,
    pub after: SessionSummary,
    pub comparison: Comparison,
    /// The two sessions, to match again once their ideas' meaning is known.
    sessions: Box<(Session, Session)>,
    /// Idea texts whose embeddings were asked for and have not arrived yet.
    waiting: HashSet<String>,
}

impl CompareView {
    /// Matches the themes by what `meaning` knows now, and returns the idea texts it does
    /// not know yet (to ask the worker for; [`CompareView::arrived`] matches again once
    /// they are all in).
    pub fn match_by(&mut self, meaning: &KnownEmbeddings) -> Vec<String> {
        if !meaning.is_empty() {
            self.comparison = compare(&self.sessions.0, &self.sessions.1, Some(meaning));
        }
        self.waiting = theme_texts(&self.sessions.0, &self.sessions.1)
            .into_iter()
            .filter(|t| !meaning.contains(t))
            .collect();
        let mut missing: Vec<String> = self.waiting.iter().cloned().collect();
        missing.sort();
        missing
    }

    /// Embeddings of `texts` arrived (and are in `meaning`): when the last one the view
    /// waits for is among them, the themes are matched again, once.
    pub fn arrived<'a>(
        &mut self,
        texts: impl IntoIterator<Item = &'a str>,
        meaning: &KnownEmbeddings,
    ) {
        let before = self.waiting.len();
        for t in texts {
            self.waiting.remove(t);
        }
        if before > 0 && self.waiting.is_empty() {
            self.comparison = compare(&self.sessions.0, &self.sessions.1, Some(meaning));
        }
    }
}

pub enum ReviewView {
    List,
    Compare(Box<CompareView>),
    Trend(Box<Trend>),
    /// Common ground across sessions (`themes`).
    Programme(Box<crate::review::programme::ProgrammeReport>),
    /// Common ground across sessions being worked out off the event loop: how far it is.
    Gathering(Gathering),
}

/// A themes job under way (`crate::review::gather::ThemesJob`); Esc leaves it and its result
/// is dropped.
pub struct Gathering {
    pub job: u64,
    pub stage: crate::review::gather::ThemesStage,
    cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Drop for Gathering {
    /// Whatever ends the wait (Esc, leaving the screen, the result) stops the work.
    fn drop(&mut self) {
        self.cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

pub struct ReviewState {
    pub listings: Vec<Listing>,
    pub query: TextField,
    pub sort: SortBy,
    /// Indices into `listings` that match the filter, in display order.
    pub shown: Vec<usize>,
    /// Index into `shown`.
    pub selected: usize,
    pub list: crate::interact::list_view::ListView,
    /// A session picked to compare with the next one picked (index into `listings`).
    pub compare_mark: Option<usize>,
    pub view: ReviewView,
    /// First line shown in the compare and trend views.
    pub scroll: u16,
    /// The last line that can be first, as the view was last drawn: scrolling stops at the
    /// end instead of running on into an empty page.
    pub scroll_max: std::cell::Cell<u16>,
    pub language: Language,
    pub error: Option<String>,
}

pub enum ReviewOutcome {
    Stay(Option<Message>),
    Open {
        path: PathBuf,
        access: OpenFor,
    },
    /// Start a follow-up of this session on the setup screen.
    FollowUp(PathBuf),
    /// Work out common ground across sessions (off the event loop).
    Themes,
    Home,
}

impl ReviewState {
    pub fn load(paths: &Paths, language: Language) -> ReviewState {
        let (listings, error) = match list_sessions(&paths.sessions_dir()) {
            Ok(l) => (l, None),
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        let mut state = ReviewState {
            listings,
            query: TextField::default(),
            sort: SortBy::Date,
            shown: Vec::new(),
            selected: 0,
            list: Default::default(),
            compare_mark: None,
            view: ReviewView::List,
            scroll: 0,
            scroll_max: Default::default(),
            language,
            error,
        };
        state.refilter();
        state
    }

    pub fn refilter(&mut self) {
        self.shown = filter_and_sort(&self.listings, &self.query.text(), self.sort);
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    pub fn selected_listing(&self) -> Option<&Listing> {
        self.shown.get(self.selected).map(|i| &self.listings[*i])
    }

    fn selected_summary(&self) -> Option<&SessionSummary> {
        match self.selected_listing()? {
            Listing::Session(s) => Some(s),
            Listing::Unreadable { .. } | Listing::Kept(_) => None,
        }
    }

    pub fn is_list(&self) -> bool {
        matches!(self.view, ReviewView::List)
    }

    pub fn type_key(&mut self, key: KeyEvent) {
        if self.is_list() && self.query.input(key) {
            self.selected = 0;
            self.refilter();
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.is_list() {
            self.query.insert(text);
            self.refilter();
        }
    }

    /// `zone` is the user's time zone, for the dates of what is exported.
    pub fn update(&mut self, action: Action, paths: &Paths, zone: &TimeZone) -> ReviewOutcome {
        let lang = self.language;
        if !self.is_list() {
            match action {
                Action::Cancel => {
                    self.view = ReviewView::List;
                    self.scroll = 0;
                }
                Action::Down => {
                    self.scroll = self.scroll.saturating_add(1).min(self.scroll_max.get());
                }
                Action::Up => self.scroll = self.scroll.saturating_sub(1),
                _ => {}
            }
            return ReviewOutcome::Stay(None);
        }
        let message = match action {
            Action::Up => {
                self.selected = self.selected.saturating_sub(1);
                None
            }
            Action::Down => {
                self.selected = (self.selected + 1).min(self.shown.len().saturating_sub(1));
                None
            }
            Action::Sort => {
                self.sort = match self.sort {
                    SortBy::Date => SortBy::Organisation,
                    SortBy::Organisation => SortBy::Date,
                };
                self.refilter();
                None
            }
            Action::Cancel if !self.query.is_empty() => {
                self.query.clear();
                self.refilter();
                None
            }
            Action::Cancel => return ReviewOutcome::Home,
            Action::Commit | Action::Reopen => match self.selected_listing() {
                Some(Listing::Session(s)) if s.path.exists() => {
                    // Enter looks; reopening for editing is a key of its own, on purpose.
                    let access = if action == Action::Reopen {
                        OpenFor::Writing
                    } else {
                        OpenFor::Reading
                    };
                    let path = s.path.clone();
                    return ReviewOutcome::Open { path, access };
                }
                Some(Listing::Session(s)) => {
                    let gone = trf(lang, "review.gone", &[&s.title]);
                    self.reload(paths);
                    Message::error(gone)
                }
                Some(Listing::Unreadable { error, .. }) => Message::error(trf(
                    lang,
                    "msg.cannot_open",
                    &[&error.lines().next().unwrap_or_default()],
                )),
                Some(Listing::Kept(k)) => Message::info(k.to_string()),
                None => Message::info(tr(lang, "review.nothing_selected")),
            },
            Action::FollowUp => match self.selected_listing() {
                Some(Listing::Session(s)) => return ReviewOutcome::FollowUp(s.path.clone()),
                _ => Message::info(tr(lang, "review.nothing_selected")),
            },
            Action::Compare => self.compare(paths),
            Action::Trend => self.trend(),
            // the app starts the work (`App::start_themes`)
            Action::Themes => return ReviewOutcome::Themes,
            Action::Export => self.export(paths, zone),
            _ => None,
        };
        ReviewOutcome::Stay(message)
    }

    /// The comparison on screen, if one is.
    pub fn compare_view(&mut self) -> Option<&mut CompareView> {
        match &mut self.view {
            ReviewView::Compare(view) => Some(view),
            _ => None,
        }
    }

    fn reload(&mut self, paths: &Paths) {
        if let Ok(listings) = list_sessions(&paths.sessions_dir()) {
            self.listings = listings;
        }
        self.compare_mark = None;
        self.refilter();
    }

    /// The first press picks a session; the second compares it with the one selected then.
    fn compare(&mut self, paths: &Paths) -> Option<Message> {
        let lang = self.language;
        let Some(&index) = self.shown.get(self.selected) else {
            return Message::info(tr(lang, "review.nothing_selected"));
        };
        if !matches!(self.listings[index], Listing::Session(_)) {
            return Message::error(tr(lang, "review.cannot_compare_unreadable"));
        }
        let Some(first) = self.compare_mark.take().filter(|m| *m != index) else {
            self.compare_mark = Some(index);
            return Message::info(tr(lang, "review.pick_second"));
        };
        let (Listing::Session(a), Listing::Session(b)) =
            (&self.listings[first], &self.listings[index])
        else {
            return None;
        };
        // The earlier session comes first, whichever was picked first.
        let (before, after) = if a.created <= b.created {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        match (read_session(&before.path), read_session(&after.path)) {
            (Ok(x), Ok(y)) => {
                // on shared words first; the app adds meaning as it becomes known
                let comparison = compare(&x.session, &y.session, None);
                self.view = ReviewView::Compare(Box::new(CompareView {
                    before,
                    after,
                    comparison,
                    sessions: Box::new((x.session, y.session)),
                    waiting: HashSet::new(),
                }));
                self.scroll = 0;
                None
            }
            (Err(e), _) | (_, Err(e)) => {
                self.reload(paths);
                let text = crate::workspace::error_text::store_error(self.language, &e);
                Message::error(text.lines().next().unwrap_or_default().to_string())
            }
        }
    }

    fn trend(&mut self) -> Option<Message> {
        let lang = self.language;
        let Some(of) = self.selected_summary() else {
            return Message::info(tr(lang, "review.nothing_selected"));
        };
        let team_name = if of.organisation.trim().is_empty() {
            of.title.clone()
        } else {
            of.organisation.clone()
        };
        let sessions: Vec<Session> = team_sessions(&self.listings, of)
            .into_iter()
            .filter_map(|s| read_session(&s.path).ok().map(|p| p.session))
            .collect();
        let trend =
            trend(&team_name, &sessions).labels_in(lang, &crate::store::builtin_templates());
        self.view = ReviewView::Trend(Box::new(trend));
        self.scroll = 0;
        None
    }

    /// Common ground across sessions: those of the selected session's programme, else all
    /// (own and archived). The screen shows how far it is while `job` (numbered `id`) does the
    /// work, and the result arrives through [`ReviewState::themes_arrived`].
    pub fn programme(
        &mut self,
        paths: &Paths,
        id: u64,
        today: jiff::civil::Date,
    ) -> crate::review::gather::ThemesJob {
        let programme = self
            .selected_summary()
            .map(|s| s.programme.trim().to_string())
            .filter(|p| !p.is_empty());
        let selection = crate::review::programme::Selection {
            programme,
            ..Default::default()
        };
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        self.view = ReviewView::Gathering(Gathering {
            job: id,
            stage: crate::review::gather::ThemesStage::Reading,
            cancel: cancel.clone(),
        });
        self.scroll = 0;
        crate::review::gather::ThemesJob {
            id,
            paths: paths.clone(),
            selection,
            today,
            cache_dir: crate::store::default_cache_dir(),
            cancel,
        }
    }

    /// What a themes job sent: how far it is, or its result (shown, or said when there was
    /// nothing to show). A job the screen no longer waits for is ignored.
    pub fn themes_arrived(&mut self, event: crate::review::gather::ThemesEvent) -> Option<Message> {
        use crate::review::gather::ThemesEvent;
        let ReviewView::Gathering(g) = &mut self.view else {
            return None;
        };
        match event {
            ThemesEvent::Progress { job, stage } if job == g.job => {
                g.stage = stage;
                None
            }
            ThemesEvent::Done { job, result } if job == g.job => {
                let lang = self.language;
                match result {
                    Ok(Some(report)) => {
                        self.view = ReviewView::Programme(report);
                        self.scroll = 0;
                        None
                    }
                    Ok(None) => {
                        self.view = ReviewView::List;
                        Message::info(tr(lang, "themes.none"))
                    }
                    Err(e) => {
                        self.view = ReviewView::List;
                        Message::error(e)
                    }
                }
            }
            ThemesEvent::Progress { .. }
            | ThemesEvent::Done { .. }
            | ThemesEvent::Stopped { .. } => None,
        }
    }

    /// Writes the HTML and Markdown reports of the selected session to `<data>/exports/`.
    fn export(&self, paths: &Paths, zone: &TimeZone) -> Option<Message> {
        let lang = self.language;
        let summary = self.selected_summary()?;
        let session = match read_session(&summary.path) {
            Ok(p) => p.session,
            Err(e) => {
                let text = crate::workspace::error_text::store_error(lang, &e);
                return Message::error(text.lines().next().unwrap_or_default().to_string());
            }
        };
        let formats = [Format::Html, Format::Md];
        Some(crate::steps::report::write(
            &session, paths, &formats, lang, zone,
        ))
    }
}
