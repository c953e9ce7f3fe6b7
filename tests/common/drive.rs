//! Drives the App directly with key events, and renders it into a test terminal.

use ambassador::app::{App, Start};
use ambassador::domain::{Language, NewSession, PulseMode};
use ambassador::store::{Paths, SessionFile, resolve_template};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Harness {
    pub dir: TestDir,
    pub app: App,
}

/// A folder of its own for each test and run, `<temp>/ambassador-XXXXX/<name>`, removed with
/// everything in it when the test ends, so two runs at once never share one.
///
/// Its path is exactly as long as the fixed `<temp>/ambassador-tests/<name>` it replaced, with
/// its `-` and `/` in the same places: a screen showing it wraps where it did before, and
/// `Harness::render` puts `[DIR]` in its place, so the snapshots are the same every run.
pub struct TestDir {
    _root: tempfile::TempDir,
    path: std::path::PathBuf,
}

impl TestDir {
    pub fn new(name: &str) -> TestDir {
        // "ambassador-" and five random letters or digits: as long as "ambassador-tests".
        let root = tempfile::Builder::new()
            .prefix("ambassador-")
            .rand_bytes(5)
            .tempdir()
            .unwrap();
        let path = root.path().join(name);
        std::fs::create_dir_all(&path).unwrap();
        TestDir { _root: root, path }
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }
}

impl Harness {
    pub fn paths(dir: &std::path::Path) -> Paths {
        Paths {
            data_dir: dir.join("data"),
            config_dir: dir.join("config"),
        }
    }

    /// The home screen over an empty data dir.
    pub fn home(name: &str) -> Harness {
        let dir = TestDir::new(name);
        let paths = Self::paths(dir.path());
        let app = App::new(Start::Home { paths }, Box::new(super::clock()));
        Harness { dir, app }
    }

    /// A fresh session with these participants, open at step 1 (its pulse private, as
    /// every new session's is unless chosen otherwise).
    pub fn session(name: &str, language: Language, participants: &[&str]) -> Harness {
        Self::session_in(name, language, participants, PulseMode::Private)
    }

    /// The same with the pulse scored aloud, by name.
    pub fn open_pulse(name: &str, language: Language, participants: &[&str]) -> Harness {
        Self::session_in(name, language, participants, PulseMode::Open)
    }

    fn session_in(
        name: &str,
        language: Language,
        participants: &[&str],
        mode: PulseMode,
    ) -> Harness {
        let dir = TestDir::new(name);
        let app = Self::session_app(dir.path(), language, participants, super::clock(), mode);
        Harness { dir, app }
    }

    /// Another session in the same folder, created at the clock's time.
    pub fn another_session(
        dir: &std::path::Path,
        language: Language,
        participants: &[&str],
        clock: ambassador::domain::FixedClock,
    ) -> App {
        Self::session_app(dir, language, participants, clock, PulseMode::Private)
    }

    fn session_app(
        dir: &std::path::Path,
        language: Language,
        participants: &[&str],
        clock: ambassador::domain::FixedClock,
        pulse_mode: PulseMode,
    ) -> App {
        let details = NewSession {
            title: "Team Noord".into(),
            organisation: "Zorggroep".into(),
            goal: "More applicants through our own people".into(),
            facilitator: "Fay".into(),
            participants: participants.iter().map(|p| p.to_string()).collect(),
            follows: None,
            pulse_mode,
            ..Default::default()
        };
        Self::app_with(dir, "ambassadorship", language, details, clock)
    }

    /// A fresh session of the workshop `template` with these details, open at step 1.
    #[allow(dead_code)]
    pub fn with_details(
        name: &str,
        template: &str,
        language: Language,
        details: NewSession,
    ) -> Harness {
        let dir = TestDir::new(name);
        let app = Self::app_with(dir.path(), template, language, details, super::clock());
        Harness { dir, app }
    }

    fn app_with(
        dir: &std::path::Path,
        template: &str,
        language: Language,
        details: NewSession,
        clock: ambassador::domain::FixedClock,
    ) -> App {
        let paths = Self::paths(dir);
        let template = resolve_template(&paths.templates_dir(), template, Some(language)).unwrap();
        let sessions = paths.ensure_sessions_dir().unwrap();
        let file = SessionFile::create(&sessions, template, details, &clock).unwrap();
        App::new(
            Start::Session {
                paths,
                file: Box::new(file),
            },
            Box::new(clock),
        )
    }

    /// A session of six people with `2 * per_question` made-up ideas on each question, added
    /// through the app (so grouped live), left on the common-ground step.
    pub fn busy(name: &str, per_question: usize, seed: usize) -> Harness {
        let mut h = Self::session(
            name,
            Language::En,
            &["Ann", "Bob", "Chloé", "Dirk", "Eva", "Fatima"],
        );
        h.page_down(3);
        for q in 0..4 {
            for i in 0..per_question {
                let n = seed + q * 1000 + i * 2;
                h.app.paste(&format!(
                    "{}\n{}",
                    super::synthetic_idea(n),
                    super::synthetic_idea(n + 1)
                ));
                h.key(KeyCode::Tab);
            }
            h.page_down(1);
        }
        h
    }

    /// Closes the session and opens it again for writing, as a facilitator restarting would
    /// (so settings in the config folder are read anew).
    #[allow(dead_code)]
    pub fn reopen(&mut self) {
        let path = self.run().file().path.clone();
        let paths = Self::paths(self.dir.path());
        self.app = App::new(
            Start::Home {
                paths: paths.clone(),
            },
            Box::new(super::clock()),
        );
        let file = SessionFile::open(&path).unwrap();
        self.app = App::new(
            Start::Session {
                paths,
                file: Box::new(file),
            },
            Box::new(super::clock()),
        );
    }

    /// Opens the current session again, read-only (as a second window or review would).
    pub fn reopen_read_only(&mut self) {
        let path = self.run().file().path.clone();
        let file = SessionFile::open_read_only(&path).unwrap();
        self.app = App::new(
            Start::Session {
                paths: Self::paths(self.dir.path()),
                file: Box::new(file),
            },
            Box::new(super::clock()),
        );
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        self
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.app
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        self
    }

    /// Types text character by character, as a keyboard would.
    pub fn typed(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.app
                .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        self
    }

    pub fn enter(&mut self) -> &mut Self {
        self.key(KeyCode::Enter)
    }

    pub fn page_down(&mut self, n: usize) -> &mut Self {
        for _ in 0..n {
            self.key(KeyCode::PageDown);
        }
        self
    }

    /// Types an idea and presses Enter.
    pub fn idea(&mut self, text: &str) -> &mut Self {
        self.typed(text).enter()
    }

    pub fn run(&self) -> &ambassador::app::RunState {
        match &self.app.screen {
            ambassador::app::Screen::Run(run) => run,
            _ => panic!("not in a session"),
        }
    }

    /// The session as it is on disk now.
    pub fn on_disk(&self) -> ambassador::domain::Session {
        let path = &self.run().file().path;
        ambassador::store::read_session(path).unwrap().session
    }

    pub fn message(&self) -> String {
        self.app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    /// The screen as text, with the temporary folder replaced by `[DIR]`.
    pub fn render(&mut self, width: u16, height: u16) -> String {
        let dir = self.dir.path().display().to_string();
        screen_text(&self.app, width, height).replace(&dir, "[DIR]")
    }
}

/// The app drawn at `width`×`height`, as text (trailing spaces trimmed).
pub fn screen_text(app: &ambassador::app::App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ambassador::app::draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
