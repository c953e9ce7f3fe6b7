//! Fuzzing the loaders with mutated real files: session files (current and format 1) and
//! workshop templates get byte flips, truncations, inserted and deleted tokens, deleted,
//! duplicated and swapped lines, and numbers swapped for extreme ones. Loading must never
//! panic and never change the file; a session the loader accepts must open, render and run in
//! the app, save, and load again as the same session.
//!
//! `AMBASSADOR_FUZZ_CASES=5000 cargo test --release --test store fuzz::` runs longer.
//! Every input that ever broke something is kept in `tests/fixtures/regressions/` and replayed
//! by `every_regression_fixture_loads_or_is_refused_cleanly`.

use crate::common;
use crate::support;

use ambassador::app::{App, Start};
use ambassador::domain::Template;
use ambassador::store::{Paths, SessionFile, read_session};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

fn cases() -> u32 {
    support::env_count("AMBASSADOR_FUZZ_CASES", 64) as u32
}

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "//",
    "/*",
    "Some(",
    "None",
    "0",
    "-1",
    "4294967295",
    "18446744073709551615",
    "99999999999999999999999",
    "1e308",
    "version: 99,",
    "version: 1,",
    "steps: [],",
    "participants: [],",
    "current_step: 4000000000,",
    "focus: Some(999),",
    "ideas: [(id: 1, participant: 77, text: \"x\", at: \"2026-11-27T09:00:00Z\")],",
    "groups: [(id: 5, label: \"g\", label_edited: false, locked: false, ideas: [424242])],",
    "\u{0}",
    "\u{202e}",
    "👩🏽‍💻",
    "r#\"raw\"#",
    "#![enable(implicit_some)]",
];

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "255",
    "256",
    "65535",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "-1",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    DeleteBytes(usize, usize),
    Insert(usize, usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Number(usize, usize),
    /// Text inserted just inside the n-th string literal: the syntax stays valid.
    InString(usize, usize),
    /// The n-th one-line field (`name: value,`) removed: the syntax stays valid.
    DeleteField(usize),
}

const STRING_TEXT: &[&str] = &[
    "",
    " ",
    "שלום",
    "👩🏽‍💻",
    "\u{200d}",
    "\u{202e}",
    "{}",
    "// not a comment",
    "é",
    "\t",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Mutation::DeleteBytes(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, t)| Mutation::Insert(a, t)),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, n)| Mutation::Number(a, n)),
        // Edits that keep the syntax valid, so more mutants reach the deeper checks.
        (any::<usize>(), any::<usize>()).prop_map(|(a, n)| Mutation::Number(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, n)| Mutation::Number(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, t)| Mutation::InString(a, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, t)| Mutation::InString(a, t)),
        any::<usize>().prop_map(Mutation::DeleteField),
        any::<usize>().prop_map(Mutation::DeleteField),
    ]
}

fn apply(original: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for m in mutations {
        let n = bytes.len().max(1);
        match *m {
            Mutation::Flip(at, b) => {
                if !bytes.is_empty() {
                    bytes[at % n] = b;
                }
            }
            Mutation::Truncate(at) => bytes.truncate(at % (bytes.len() + 1)),
            Mutation::DeleteBytes(at, len) => {
                let start = at % n;
                let end = (start + len).min(bytes.len());
                if start < end {
                    bytes.drain(start..end);
                }
            }
            Mutation::Insert(at, t) => {
                let at = at % (bytes.len() + 1);
                let token = TOKENS[t % TOKENS.len()].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            Mutation::DeleteLine(i) | Mutation::DuplicateLine(i) | Mutation::SwapLines(i, _) => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
                let k = i % lines.len();
                match *m {
                    Mutation::DeleteLine(_) => {
                        lines.remove(k);
                    }
                    Mutation::DuplicateLine(_) => {
                        let line = lines[k].clone();
                        lines.insert(k, line);
                    }
                    Mutation::SwapLines(_, j) => {
                        let j = j % lines.len();
                        lines.swap(k, j);
                    }
                    _ => unreachable!(),
                }
                bytes = lines.join(&b'\n');
            }
            Mutation::InString(which, t) => {
                let quotes: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'"').collect();
                // Opening quotes are the even ones in files without escaped quotes.
                let openings: Vec<usize> = quotes.iter().step_by(2).copied().collect();
                if !openings.is_empty() {
                    let at = openings[which % openings.len()] + 1;
                    let text = STRING_TEXT[t % STRING_TEXT.len()].as_bytes();
                    bytes.splice(at..at, text.iter().copied());
                }
            }
            Mutation::DeleteField(which) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let lines: Vec<&str> = text.split('\n').collect();
                let fields: Vec<usize> = (0..lines.len())
                    .filter(|&i| {
                        let l = lines[i].trim();
                        l.ends_with(',')
                            && l.split_once(':').is_some_and(|(k, _)| {
                                !k.is_empty()
                                    && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                            })
                    })
                    .collect();
                if !fields.is_empty() {
                    let drop = fields[which % fields.len()];
                    let kept: Vec<&str> = lines
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != drop)
                        .map(|(_, l)| *l)
                        .collect();
                    bytes = kept.join("\n").into_bytes();
                }
            }
            Mutation::Number(which, value) => {
                // Replace the which-th run of digits with an extreme number.
                let runs: Vec<(usize, usize)> = digit_runs(&bytes);
                if !runs.is_empty() {
                    let (s, e) = runs[which % runs.len()];
                    let v = NUMBERS[value % NUMBERS.len()].as_bytes();
                    bytes.splice(s..e, v.iter().copied());
                }
            }
        }
    }
    bytes
}

fn digit_runs(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let s = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// The real files the mutations start from.
fn session_seeds() -> Vec<Vec<u8>> {
    let current = {
        let dir = tempfile::tempdir().unwrap();
        let path = common::save_into(dir.path(), common::filled_session(2));
        std::fs::read(path).unwrap()
    };
    let v1 = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/v1-session.ron"
    ))
    .unwrap();
    vec![current, v1]
}

fn template_seeds() -> Vec<Vec<u8>> {
    ["ambassadorship.en.ron", "ambassadorship.nl.ron"]
        .iter()
        .map(|name| {
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("workshops")
                    .join(name),
            )
            .unwrap()
        })
        .collect()
}

fn draw(app: &App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ambassador::app::draw(app, f)).unwrap();
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Runs an opened session through every step: render at a few sizes, type and commit an idea
/// on question steps, tick, score, pick, undo. Panics are the failures.
fn exercise(file: SessionFile, paths: Paths) -> App {
    let mut app = App::new(
        Start::Session {
            paths,
            file: Box::new(file),
        },
        Box::new(common::clock()),
    );
    for (w, h) in [(100, 30), (20, 5), (1, 1)] {
        draw(&app, w, h);
    }
    let steps = match &app.screen {
        ambassador::app::Screen::Run(run) => run.session().template().steps.len(),
        _ => return app,
    };
    for _ in 0..steps + 1 {
        for code in [
            KeyCode::Char('1'),
            KeyCode::Char(' '),
            KeyCode::Tab,
            KeyCode::Down,
            KeyCode::Char('x'),
            KeyCode::Enter,
        ] {
            key(&mut app, code);
        }
        draw(&app, 80, 24);
        key(&mut app, KeyCode::PageDown);
    }
    app.handle_key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    key(&mut app, KeyCode::F(1));
    draw(&app, 60, 16);
    app
}

/// The whole check for one session file's bytes. Returns what happened, for the summary.
fn check_session_bytes(bytes: &[u8]) -> Result<&'static str, TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        data_dir: dir.path().join("data"),
        config_dir: dir.path().join("config"),
    };
    let sessions = paths.ensure_sessions_dir().unwrap();
    let path = sessions.join("fuzzed.ron");
    std::fs::write(&path, bytes).unwrap();

    let loaded = read_session(&path);
    prop_assert_eq!(
        &std::fs::read(&path).unwrap()[..],
        bytes,
        "reading changed the file"
    );
    let _ = ambassador::store::list_sessions(&sessions);
    prop_assert_eq!(
        &std::fs::read(&path).unwrap()[..],
        bytes,
        "listing changed the file"
    );
    let Ok(parsed) = loaded else {
        // Refused: opening it must refuse too, and leave it as it was.
        prop_assert!(SessionFile::open(&path).is_err());
        prop_assert_eq!(
            &std::fs::read(&path).unwrap()[..],
            bytes,
            "open changed a refused file"
        );
        return Ok("refused");
    };

    // Accepted: what it saves reads back as the same session.
    let again = ambassador::store::parse_session_text(&path, &parsed.session.to_ron())
        .map_err(|e| TestCaseError::fail(format!("saved text does not load again: {e}")))?;
    prop_assert_eq!(&again.session, &parsed.session);

    // It opens read-only in the app, and nothing is written.
    let file = SessionFile::open_read_only(&path).unwrap();
    drop(exercise(file, paths.clone()));
    prop_assert_eq!(
        &std::fs::read(&path).unwrap()[..],
        bytes,
        "a read-only open changed the file"
    );

    // It opens for editing (migrated when older), runs, and what it saved loads again.
    match SessionFile::open(&path) {
        Ok(file) => {
            let app = exercise(file, paths.clone());
            drop(app);
            let after = read_session(&path);
            prop_assert!(
                after.is_ok(),
                "the app saved a file it cannot read: {:?}",
                after.err()
            );
        }
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "read_session accepted it, open refused: {e}"
            )));
        }
    }
    Ok("accepted")
}

fn check_template_bytes(bytes: &[u8]) -> Result<&'static str, TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        data_dir: dir.path().join("data"),
        config_dir: dir.path().join("config"),
    };
    let templates = paths.templates_dir();
    std::fs::create_dir_all(&templates).unwrap();
    let path = templates.join("fuzzed.ron");
    std::fs::write(&path, bytes).unwrap();
    let _ = ambassador::store::list_templates(&templates);
    prop_assert_eq!(&std::fs::read(&path).unwrap()[..], bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok("refused");
    };
    let Ok(template) = Template::parse("fuzzed.ron", text) else {
        return Ok("refused");
    };
    // A template that validates runs as a session.
    let sessions = paths.ensure_sessions_dir().unwrap();
    let file = SessionFile::create(
        &sessions,
        template,
        ambassador::domain::NewSession {
            title: "Fuzz".into(),
            participants: vec!["Ann".into(), "Bob".into()],
            ..Default::default()
        },
        &common::clock(),
    )
    .unwrap();
    let saved = file.path.clone();
    drop(exercise(file, paths));
    prop_assert!(read_session(&saved).is_ok());
    Ok("accepted")
}

/// Runs `check` on `cases()` mutants of the seeds and prints how many were accepted and
/// refused, so a run that only ever hits the parser's first line shows up as such.
fn fuzz(what: &str, seeds: Vec<Vec<u8>>, check: fn(&[u8]) -> Result<&'static str, TestCaseError>) {
    use proptest::test_runner::TestRunner;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let started = std::time::Instant::now();
    let accepted = AtomicUsize::new(0);
    let refused = AtomicUsize::new(0);
    let mut runner = TestRunner::new(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let strategy = (0..seeds.len(), prop::collection::vec(mutation(), 1..4));
    let result = runner.run(&strategy, |(seed, mutations)| {
        let bytes = apply(&seeds[seed], &mutations);
        match check(&bytes)? {
            "accepted" => accepted.fetch_add(1, Ordering::Relaxed),
            _ => refused.fetch_add(1, Ordering::Relaxed),
        };
        Ok(())
    });
    println!(
        "fuzz {what}: {} cases, {} accepted and run, {} refused, {:.1} s",
        cases(),
        accepted.load(Ordering::Relaxed),
        refused.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        panic!("{what}: {e}");
    }
}

#[test]
fn mutated_session_files_never_panic_never_change_and_run_when_accepted() {
    fuzz("session files", session_seeds(), check_session_bytes);
}

#[test]
fn mutated_templates_never_panic_never_change_and_run_when_accepted() {
    fuzz("templates", template_seeds(), check_template_bytes);
}

/// Each file in `tests/fixtures/regressions/` once broke something; each must now load and run,
/// or be refused with a message, and stay unchanged. `session-*` files are sessions,
/// `template-*` files are templates.
#[test]
fn every_regression_fixture_loads_or_is_refused_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions");
    let mut seen = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let check = if name.starts_with("session-") {
            check_session_bytes
        } else if name.starts_with("template-") {
            check_template_bytes
        } else {
            continue;
        };
        seen += 1;
        match std::panic::catch_unwind(|| check(&bytes)) {
            Ok(Ok(what)) => println!("{name}: {what}"),
            Ok(Err(e)) => failures.push(format!("{name}: {e}")),
            Err(panic) => failures.push(format!("{name}: panicked: {}", panic_text(&panic))),
        }
    }
    assert!(seen > 0, "no regression fixtures in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}
