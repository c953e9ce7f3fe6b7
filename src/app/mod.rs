//! Application state and `update`: key → `Action` → new state (+ save). Drawing lives in `ui`.

pub mod keymap;
mod run;

pub use keymap::Context;
pub use run::{RunState, SaveStatus};

use crate::domain::{Clock, Language, NewSession};
use crate::store::{Listing, Paths, SessionFile, StoreError, list_sessions, resolve_template};
use crossterm::event::KeyEvent;

/// How the program starts: on the home screen, or inside a session.
pub enum Start {
    Home {
        paths: Paths,
    },
    Session {
        paths: Paths,
        file: Box<SessionFile>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    CloseOverlay,
    Up,
    Down,
    OpenSelected,
    ReviewSelected,
    NewSession,
    NextStep,
    PrevStep,
    Home,
    Undo,
    Redo,
}

/// What the event loop does next.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    /// Leave; the text (if any) is printed after the terminal is restored.
    Quit(Option<String>),
}

pub enum Screen {
    Home(HomeState),
    Run(Box<RunState>),
}

pub struct HomeState {
    pub listings: Vec<Listing>,
    pub selected: usize,
}

impl HomeState {
    fn load(paths: &Paths) -> HomeState {
        let listings = list_sessions(&paths.sessions_dir()).unwrap_or_default();
        HomeState {
            listings,
            selected: 0,
        }
    }
}

pub struct App {
    pub paths: Paths,
    pub screen: Screen,
    pub help_open: bool,
    /// A one-line message for the facilitator (errors in red).
    pub message: Option<(String, bool)>,
    clock: Box<dyn Clock>,
}

impl App {
    pub fn new(start: Start, clock: Box<dyn Clock>) -> App {
        let (paths, screen, message) = match start {
            Start::Home { paths } => {
                let home = HomeState::load(&paths);
                (paths, Screen::Home(home), None)
            }
            Start::Session { paths, file } => {
                let message = file
                    .read_only()
                    .map(|r| (format!("Read-only: {r}."), false));
                (paths, Screen::Run(Box::new(RunState::new(*file))), message)
            }
        };
        App {
            paths,
            screen,
            help_open: false,
            message,
            clock,
        }
    }

    pub fn context(&self) -> Context {
        if self.help_open {
            Context::Help
        } else {
            self.context_behind_help()
        }
    }

    /// The screen's own context, also while the help overlay covers it.
    pub fn context_behind_help(&self) -> Context {
        match self.screen {
            Screen::Home(_) => Context::Home,
            Screen::Run(_) => Context::Run,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Outcome {
        match keymap::resolve(self.context(), key) {
            Some(action) => self.update(action),
            None => Outcome::Continue,
        }
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        match action {
            Action::Quit => return self.quit(),
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::CloseOverlay => self.help_open = false,
            _ => match &mut self.screen {
                Screen::Home(_) => return self.update_home(action),
                Screen::Run(_) if action == Action::Home => {
                    self.message = None;
                    self.screen = Screen::Home(HomeState::load(&self.paths));
                }
                Screen::Run(run) => self.message = run.update(action, self.clock.as_ref()),
            },
        }
        Outcome::Continue
    }

    fn update_home(&mut self, action: Action) -> Outcome {
        let Screen::Home(home) = &mut self.screen else {
            return Outcome::Continue;
        };
        let count = home.listings.len();
        match action {
            Action::Up => home.selected = home.selected.saturating_sub(1),
            Action::Down => home.selected = (home.selected + 1).min(count.saturating_sub(1)),
            Action::OpenSelected | Action::ReviewSelected => {
                let read_only = action == Action::ReviewSelected;
                match home.listings.get(home.selected) {
                    Some(Listing::Session(s)) => {
                        let opened = if read_only {
                            SessionFile::open_read_only(&s.path)
                        } else {
                            SessionFile::open(&s.path)
                        };
                        self.open(opened);
                    }
                    Some(Listing::Unreadable { error, .. }) => {
                        let first = error.lines().next().unwrap_or_default().to_string();
                        self.message = Some((format!("Cannot open: {first}"), true));
                    }
                    None => {
                        self.message =
                            Some(("No session yet: press n to start one.".to_string(), false))
                    }
                }
            }
            Action::NewSession => {
                let created = self.create_session();
                self.open(created);
            }
            _ => {}
        }
        Outcome::Continue
    }

    /// A new session from the built-in workshop, in the language of the latest session.
    fn create_session(&self) -> Result<SessionFile, StoreError> {
        let language = match &self.screen {
            Screen::Home(home) => home.listings.iter().find_map(|l| match l {
                Listing::Session(s) => Some(s.language),
                Listing::Unreadable { .. } => None,
            }),
            Screen::Run(_) => None,
        }
        .unwrap_or(Language::En);
        let template = resolve_template(
            &self.paths.templates_dir(),
            "ambassadorship",
            Some(language),
        )?;
        let dir = self.paths.ensure_sessions_dir()?;
        let details = NewSession {
            title: template.title.clone(),
            ..NewSession::default()
        };
        SessionFile::create(&dir, template, details, self.clock.as_ref())
    }

    fn open(&mut self, opened: Result<SessionFile, StoreError>) {
        match opened {
            Ok(file) => {
                self.message = file
                    .read_only()
                    .map(|r| (format!("Read-only: {r}."), false));
                self.screen = Screen::Run(Box::new(RunState::new(file)));
            }
            Err(e) => {
                let first = e.to_string().lines().next().unwrap_or_default().to_string();
                self.message = Some((first, true));
            }
        }
    }

    fn quit(&mut self) -> Outcome {
        if let Screen::Run(run) = &mut self.screen {
            if let Err(e) = run.save_now() {
                return Outcome::Quit(Some(format!(
                    "The last change could not be saved: {e}\nThe file keeps the last saved state: {}",
                    run.file.path.display()
                )));
            }
            if run.file.read_only().is_none() {
                return Outcome::Quit(Some(format!("Saved: {}", run.file.path.display())));
            }
        }
        Outcome::Quit(None)
    }
}
