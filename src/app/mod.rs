//! Application state and `update`: key → `Action` → new state (+ save). Drawing lives in `ui`.

mod draw;
mod events;
pub mod hit;
mod join_answer;
mod joining;
mod leaving;
mod navigation;
mod syncing;
mod themes;

pub use crate::interact::{
    Action, Confirm, Context, Message, OpenFor, Outcome, Overlay, Prompt, PromptPurpose, keymap,
    list_view, text,
};
pub use crate::screens::home::HomeState;
pub use crate::screens::review::{CompareView, ReviewState, ReviewView};
pub use crate::screens::run::{Joined, RunState, timebox};
pub use crate::screens::setup::{SetupField, SetupState};
pub use crate::steps::StepState;
pub use crate::steps::board::{self, BoardMark, rows as board_rows};
pub use crate::workspace::{LiveGroups, SaveStatus, Tx, Workspace, error_text, worker};
pub use draw::{MIN_HEIGHT, MIN_WIDTH, draw};
pub use events::AppEvent;

use crate::domain::{Clock, Language};
use crate::store::{Paths, SessionFile};
use crossterm::event::KeyEvent;

/// How the program starts: on the home screen, the review list, or inside a session.
pub enum Start {
    Home {
        paths: Paths,
    },
    Review {
        paths: Paths,
    },
    Session {
        paths: Paths,
        file: Box<SessionFile>,
    },
    /// Inside a session with joining on (`open --join [--bind ADDR] [--anonymous]`).
    Joining {
        paths: Paths,
        file: Box<SessionFile>,
        bind: Option<String>,
        anonymous: bool,
    },
}

pub enum Screen {
    Home(HomeState),
    Review(Box<ReviewState>),
    Setup(Box<SetupState>),
    Run(Box<RunState>),
}

pub struct App {
    pub paths: Paths,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    /// Shared with the join server, which stamps devices with it.
    clock: std::sync::Arc<dyn Clock + Send + Sync>,
    /// The open session came from the review list, so F10 goes back there.
    back_to_review: bool,
    /// Whether the terminal bell rings once when a step's time is up (config `bell`).
    bell: bool,
    /// The language of the program's own screens (config `language`, else the locale).
    user_language: Language,
    /// The built-in keys with the user's own from `keys.ron`.
    keys: keymap::Keymap,
    /// The size of the screen as last drawn, for mouse hit-testing.
    pub drawn_size: std::cell::Cell<ratatui::layout::Rect>,
    /// The event loop's channel, for a join server and the encoder's worker to reach the app.
    events: Option<std::sync::mpsc::Sender<AppEvent>>,
    /// Joining as the facilitator set it up (`joining.rs`).
    join: JoinSetup,
    /// Where meaning comes from (`events.rs`).
    meaning: MeaningSource,
    /// A sync with the programme's archive is running on its own thread (`syncing.rs`).
    syncing: bool,
    /// Themes jobs started (`themes.rs`), numbering them so a dropped one is known.
    themes_jobs: u64,
}

/// Joining as the facilitator set it up; the server itself belongs to the run screen.
#[derive(Default)]
struct JoinSetup {
    /// `open --join`: joining starts once the loop is connected (with this `--bind`).
    at_start: Option<Option<String>>,
    /// The `--bind` joining was last started with, for F6.
    bind: Option<String>,
    /// Whether devices may join without a name (`--anonymous`, `a` in the join panel).
    anonymous: bool,
    /// Device requests waiting for the next round of the loop.
    queue: std::collections::VecDeque<crate::join::Request>,
    /// Renders devices' batches off the loop (see `device_save`), once the loop is connected.
    saver: Option<crate::workspace::device_save::Saver>,
    /// The join server's deadlines and caps (tests make them short).
    limits: crate::join::Limits,
}

/// Where the grouping's meaning comes from: a model2vec folder named in the user's config, or
/// the built-in encoder's worker and the embeddings it sent once it is ready.
#[derive(Default)]
struct MeaningSource {
    model: Option<std::sync::Arc<crate::grouping::Model2Vec>>,
    worker: Option<worker::WorkerHandle>,
    known: Option<crate::grouping::KnownEmbeddings>,
}

impl App {
    pub fn new(start: Start, clock: Box<dyn Clock + Send + Sync>) -> App {
        let mut app = App {
            paths: match &start {
                Start::Home { paths }
                | Start::Review { paths }
                | Start::Session { paths, .. }
                | Start::Joining { paths, .. } => paths.clone(),
            },
            screen: Screen::Home(HomeState::default()),
            overlay: None,
            message: None,
            clock: clock.into(),
            meaning: MeaningSource::default(),
            back_to_review: false,
            drawn_size: Default::default(),
            bell: true,
            user_language: Language::default(),
            keys: keymap::Keymap::default(),
            events: None,
            join: JoinSetup::default(),
            syncing: false,
            themes_jobs: 0,
        };
        let (user, key_problems) = crate::interact::user_keys::load(&app.paths.config_dir);
        app.keys = keymap::Keymap::with_user(user);
        let model_problem = app.load_model().or_else(|| {
            // The first problem of keys.ron, with how many more there are.
            let first = key_problems.first()?;
            let more = key_problems.len() - 1;
            Message::error(match more {
                0 => first.clone(),
                n => format!("{first} (+{n})"),
            })
        });
        match start {
            Start::Home { .. } => app.go_home(),
            Start::Review { .. } => app.go_review(),
            Start::Session { file, .. } => app.open_session(Ok(*file)),
            Start::Joining {
                file,
                bind,
                anonymous,
                ..
            } => {
                app.open_session(Ok(*file));
                app.join.at_start = Some(bind);
                app.join.anonymous = anonymous;
            }
        }
        if model_problem.is_some() {
            app.message = model_problem;
        }
        app
    }

    /// The language of the interface: a session's screens follow the session, the program's
    /// own screens the user (config `language`, else the locale).
    pub fn language(&self) -> Language {
        match &self.screen {
            Screen::Run(run) => run.session().language(),
            Screen::Setup(setup) => setup.language(),
            Screen::Home(_) | Screen::Review(_) => self.user_language,
        }
    }

    /// The keys in use, for footers and help.
    pub fn keys(&self) -> &keymap::Keymap {
        &self.keys
    }

    /// The monotonic time now, for what the screen measures (the timebox).
    pub fn now(&self) -> std::time::Instant {
        self.clock.monotonic()
    }

    /// True once when the open step's time has just run out and the bell is on: the event
    /// loop rings the terminal bell (drawing stays free of side effects).
    pub fn take_bell(&mut self) -> bool {
        let now = self.clock.monotonic();
        match &mut self.screen {
            Screen::Run(run) => run.timebox.bell_due(now) && self.bell,
            _ => false,
        }
    }

    /// What footers and help need to show the keys truthfully: how many numbered choices
    /// the step offers (its roles, for "1–n") and whether the session is read-only.
    pub fn shown(&self) -> keymap::Shown {
        let run = match &self.screen {
            Screen::Run(run) => run,
            Screen::Review(r) => {
                return keymap::Shown {
                    gathering: matches!(r.view, ReviewView::Gathering(_)),
                    ..Default::default()
                };
            }
            Screen::Home(_) | Screen::Setup(_) => return keymap::Shown::default(),
        };
        let choices = match &run.session().current_step().kind {
            crate::domain::StepKind::Roles { roles } => Some(roles.len()),
            _ => None,
        };
        keymap::Shown {
            choices,
            read_only: run.file().read_only().is_some(),
            gathering: false,
        }
    }

    /// The context keys resolve in: an overlay's, else the screen's.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(o) => o.context(),
            None => self.screen_context(),
        }
    }

    /// The screen's own context, also while an overlay covers it.
    pub fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Home(_) => Context::Home,
            Screen::Review(r) if r.is_list() => Context::Review,
            Screen::Review(_) => Context::ReviewDetail,
            Screen::Setup(_) => Context::Setup,
            Screen::Run(run) => run.context(),
        }
    }

    /// A key, and then a fresh look at the join server for the panel (the event loop's
    /// `handle` takes that look once for every kind of event).
    pub fn handle_key(&mut self, key: KeyEvent) -> Outcome {
        let outcome = self.key(key);
        self.refresh_join();
        outcome
    }

    fn key(&mut self, key: KeyEvent) -> Outcome {
        let context = self.context();
        match self.keys.resolve(context, key) {
            Some(action) => self.update(action),
            None if context.is_typing() => {
                self.type_key(key);
                Outcome::Continue
            }
            None => Outcome::Continue,
        }
    }

    /// A click on a row of the screen's main list selects it.
    pub fn select_row(&mut self, row: usize) {
        match &mut self.screen {
            Screen::Home(home) => home.selected = row.min(home.listings.len().saturating_sub(1)),
            Screen::Review(review) => {
                review.selected = row.min(review.shown.len().saturating_sub(1))
            }
            Screen::Run(run) => run.select_row(row),
            Screen::Setup(_) => {}
        }
    }

    /// A click on a step in the agenda goes there.
    pub fn jump_to_step(&mut self, step: usize) {
        if let Screen::Run(run) = &mut self.screen {
            self.message = run.jump_to(step, self.clock.as_ref());
        }
    }

    /// Pasted text: into the focused field, or one idea per line on a question step.
    pub fn paste(&mut self, text: &str) {
        // Terminals send line breaks in pastes as CR, LF or both.
        let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = normalized.as_str();
        if let Some(Overlay::Prompt(prompt)) = &mut self.overlay {
            prompt.field_mut().insert(text);
            return;
        }
        if self.overlay.is_some() {
            return;
        }
        let clock = self.clock.as_ref();
        self.message = match &mut self.screen {
            Screen::Setup(setup) => setup.paste(text),
            Screen::Run(run) => run.paste(text, clock),
            Screen::Review(review) => {
                review.paste(text);
                None
            }
            Screen::Home(_) => None,
        };
    }

    fn type_key(&mut self, key: KeyEvent) {
        let full = if let Some(Overlay::Prompt(prompt)) = &mut self.overlay {
            prompt.field_mut().input(key);
            prompt.error = None;
            prompt.field_mut().is_full()
        } else {
            match &mut self.screen {
                Screen::Setup(setup) => {
                    setup.type_key(key);
                    setup.focused_text().is_some_and(|f| f.is_full())
                }
                Screen::Run(run) => {
                    if let Some(reason) = run.ws.read_only_text() {
                        self.message = Message::info(crate::i18n::trf(
                            run.lang(),
                            "msg.read_only_nothing_changed",
                            &[&reason],
                        ));
                        return;
                    }
                    // What the picker said is about the filter as it was.
                    if run.context() == Context::BoardPick {
                        self.message = None;
                    }
                    run.type_key(key, self.clock.as_ref());
                    run.field_is_full()
                }
                Screen::Review(review) => {
                    review.type_key(key);
                    review.query.is_full()
                }
                Screen::Home(_) => false,
            }
        };
        // A field at its limit takes no more characters; say so rather than stay silent.
        let typed = matches!(key.code, crossterm::event::KeyCode::Char(_))
            && !key.modifiers.intersects(
                crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT,
            );
        if full && typed {
            self.message = Message::info(crate::i18n::trf(
                self.language(),
                "msg.field_full",
                &[&text::MAX_CHARS],
            ));
        }
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        let had_message = self.message.take().is_some();
        match action {
            Action::Quit => return self.quit(),
            Action::ToggleHelp => {
                self.overlay = match self.overlay {
                    Some(Overlay::Help) => None,
                    _ => Some(Overlay::Help),
                };
                return Outcome::Continue;
            }
            _ => {}
        }
        if let Some(overlay) = self.overlay.take() {
            self.update_overlay(overlay, action);
            return Outcome::Continue;
        }
        if action == Action::Joining {
            self.message = self.joining_key();
            return Outcome::Continue;
        }
        let clock = self.clock.as_ref();
        match &mut self.screen {
            Screen::Home(home) => match home.update(action, self.user_language) {
                crate::screens::home::HomeOutcome::Stay(message) => self.message = message,
                crate::screens::home::HomeOutcome::Open { path, access } => {
                    self.open_path(&path, access)
                }
                crate::screens::home::HomeOutcome::Review => self.go_review(),
                crate::screens::home::HomeOutcome::Themes => {
                    self.go_review();
                    self.start_themes();
                }
                crate::screens::home::HomeOutcome::Setup => {
                    let language = self.user_language;
                    self.screen = Screen::Setup(Box::new(SetupState::new(&self.paths, language)));
                }
                crate::screens::home::HomeOutcome::FollowUp(path) => self.start_follow_up(&path),
                crate::screens::home::HomeOutcome::Sync => self.start_sync(),
                crate::screens::home::HomeOutcome::Quit => {
                    return Outcome::Quit {
                        message: None,
                        status: 0,
                    };
                }
            },
            Screen::Review(review) => {
                match review.update(action, &self.paths, &self.clock.time_zone()) {
                    crate::screens::review::ReviewOutcome::Stay(message) => {
                        self.message = message;
                        if action == Action::Compare {
                            self.compare_by_meaning();
                        }
                    }
                    crate::screens::review::ReviewOutcome::Home => self.go_home(),
                    crate::screens::review::ReviewOutcome::Themes => self.start_themes(),
                    crate::screens::review::ReviewOutcome::FollowUp(path) => {
                        self.start_follow_up(&path)
                    }
                    crate::screens::review::ReviewOutcome::Open { path, access } => {
                        self.open_path(&path, access);
                        self.back_to_review = matches!(self.screen, Screen::Run(_));
                    }
                }
            }
            Screen::Setup(setup) => match setup.update(action, &self.paths, clock) {
                crate::screens::setup::SetupOutcome::Stay(message) => self.message = message,
                // Esc on a form that shows a message only dismisses the message.
                crate::screens::setup::SetupOutcome::Cancel
                | crate::screens::setup::SetupOutcome::ConfirmCancel
                    if had_message => {}
                crate::screens::setup::SetupOutcome::Cancel => self.go_home(),
                crate::screens::setup::SetupOutcome::ConfirmCancel => {
                    self.overlay = Some(Overlay::Confirm(Confirm::DiscardSetup));
                }
                crate::screens::setup::SetupOutcome::Created(file) => self.open_session(Ok(*file)),
            },
            Screen::Run(run) => {
                if action == Action::GoHome {
                    self.leave_session();
                    return Outcome::Continue;
                }
                // A read-only session says so at once, before any form opens.
                if action.edits()
                    && let Some(reason) = run.ws.read_only_text()
                {
                    let lang = run.lang();
                    self.message = Message::info(crate::i18n::trf(
                        lang,
                        "msg.read_only_nothing_changed",
                        &[&reason],
                    ));
                    return Outcome::Continue;
                }
                let (message, overlay) = run.update(action, clock, &self.paths);
                self.message = message;
                self.overlay = overlay;
            }
        }
        Outcome::Continue
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        let keep = |action| !matches!(action, Action::Cancel);
        let clock = self.clock.as_ref();
        if let Overlay::Confirm(Confirm::DiscardSetup) = overlay {
            match action {
                Action::Confirm => self.go_home(),
                Action::Cancel => {}
                _ => self.overlay = Some(overlay),
            }
            return;
        }
        let Screen::Run(run) = &mut self.screen else {
            // Outside a session only help opens.
            self.overlay = keep(action).then_some(overlay);
            return;
        };
        if let Overlay::Join { selected } = overlay {
            self.update_join_panel(selected, action);
            return;
        }
        if matches!(overlay, Overlay::Help) {
            self.overlay = keep(action).then_some(overlay);
            return;
        }
        if let Overlay::Confirm(Confirm::LeaveUnsaved { .. }) = overlay {
            match action {
                Action::Confirm => self.leave_with_rescue(),
                Action::Cancel => {}
                _ => self.overlay = Some(overlay),
            }
            return;
        }
        let (message, next) = run.update_overlay(overlay, action, clock);
        self.message = message;
        self.overlay = next;
    }

    /// Loads the embedding model the config names, if any; a problem is told, not fatal.
    fn load_model(&mut self) -> Option<Message> {
        let config = match crate::store::Config::load(&self.paths.config_dir) {
            Ok(c) => c,
            Err(e) => {
                return Message::error(
                    e.to_string().lines().next().unwrap_or_default().to_string(),
                );
            }
        };
        self.bell = config.bell.unwrap_or(true);
        self.user_language = config.user_language();
        let dir = config.embedding_model?;
        match crate::grouping::Model2Vec::load(&dir) {
            Ok(model) => {
                self.meaning.model = Some(std::sync::Arc::new(model));
                None
            }
            Err(e) => Message::error(format!("{}: {e}", dir.display())),
        }
    }

    /// The open session's save guard, for the signal thread's last try at a failed save.
    pub fn save_guard(&self) -> Option<crate::store::SaveGuard> {
        match &self.screen {
            Screen::Run(run) => Some(run.file().save_guard()),
            _ => None,
        }
    }
}
