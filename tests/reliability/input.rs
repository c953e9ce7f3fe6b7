//! Hostile terminal input: seeded storms of random keys (F-keys, Tab, Enter, Esc, Ctrl and Alt
//! combinations except Ctrl-C, PageUp/PageDown, random unicode, right-to-left text, zero-width
//! joiners) and pastes into the app, rendered after every burst at sizes from 1×1 to 500×200:
//! no panic, the session file always valid, and the ideas on disk always those in memory.
//! A 1 MB paste is taken in, and a shorter storm with resizes hits the real binary in tmux.
//!
//! `AMBASSADOR_STORM_BURSTS=2000 AMBASSADOR_SEED=9 cargo test --test reliability input::`
//! storms longer or differently.

use crate::common;
use crate::support;

use ambassador::app::{SaveStatus, Screen};
use ambassador::domain::Language;
use common::drive::Harness;
use common::tmux::Tmux;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Instant;
use support::{Rng, args_for, as_strs, env_count, new_session, program};

const TEXT: &[&str] = &[
    "a",
    "Z",
    " ",
    "é",
    "ß",
    "ñ",
    "中",
    "文",
    "שלום",
    "مرحبا",
    "\u{200f}",
    "\u{200e}",
    "\u{202e}",
    "\u{200d}",
    "\u{200b}",
    "\u{feff}",
    "\u{301}",
    "👩‍👩‍👧‍👦",
    "🏳️‍🌈",
    "👩🏽‍💻",
    "🎉",
    "\t",
    "\u{7f}",
    "\u{1b}",
    "\u{0}",
    "?",
    "1",
    "5",
    "0",
    "y",
    "n",
    "m",
    "g",
    "s",
    "o",
    "r",
    "l",
    "w",
    "+",
    "-",
    "t",
    "a",
    "d",
    "e",
    "f",
    "j",
];

const SIZES: &[(u16, u16)] = &[
    (1, 1),
    (2, 1),
    (1, 40),
    (20, 5),
    (59, 15),
    (60, 16),
    (80, 24),
    (100, 30),
    (137, 41),
    (300, 100),
    (500, 200),
];

fn random_text(rng: &mut Rng, max_pieces: usize) -> String {
    (0..rng.below(max_pieces) + 1)
        .map(|_| *rng.pick(TEXT))
        .collect()
}

fn random_key(rng: &mut Rng) -> Option<KeyEvent> {
    let code = match rng.below(100) {
        0..=44 => KeyCode::Char(random_text(rng, 1).chars().next().unwrap()),
        45..=54 => KeyCode::Enter,
        55..=59 => KeyCode::Tab,
        60..=61 => KeyCode::BackTab,
        62..=65 => KeyCode::Esc,
        66..=69 => KeyCode::Backspace,
        70..=71 => KeyCode::Delete,
        72..=75 => *rng.pick(&[KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right]),
        76..=77 => *rng.pick(&[KeyCode::Home, KeyCode::End, KeyCode::Insert]),
        78..=83 => *rng.pick(&[KeyCode::PageDown, KeyCode::PageDown, KeyCode::PageUp]),
        // F10 leaves the session; rarer, so storms stay mostly inside one.
        84 => KeyCode::F(10),
        _ => KeyCode::F(*rng.pick(&[1, 2, 3, 4, 5, 9, 11, 12])),
    };
    let modifiers = match rng.below(20) {
        0 => KeyModifiers::CONTROL,
        1 => KeyModifiers::ALT,
        2 => KeyModifiers::SHIFT,
        3 => KeyModifiers::CONTROL | KeyModifiers::ALT,
        _ => KeyModifiers::NONE,
    };
    // Ctrl-C saves and quits; that is tested elsewhere.
    if modifiers.contains(KeyModifiers::CONTROL) && matches!(code, KeyCode::Char('c' | 'C')) {
        return None;
    }
    if code == KeyCode::BackTab {
        return Some(KeyEvent::new(code, KeyModifiers::SHIFT));
    }
    Some(KeyEvent::new(code, modifiers))
}

/// The file on disk is valid and holds exactly the ideas in memory (unless the session is
/// read-only or the last save failed and said so).
fn assert_disk_matches_memory(h: &Harness, context: &str) -> usize {
    let Screen::Run(run) = &h.app.screen else {
        return 0;
    };
    let parsed = ambassador::store::read_session(&run.file().path)
        .unwrap_or_else(|e| panic!("{context}: the session file does not load: {e}"));
    if run.file().read_only().is_some() {
        return 0;
    }
    assert!(
        !matches!(run.save_status(), SaveStatus::Failed(_)),
        "{context}: a save failed: {:?}",
        run.save_status()
    );
    let disk = support::ideas_of(&parsed.session);
    let memory = support::ideas_of(run.session());
    assert_eq!(
        disk, memory,
        "{context}: the ideas on disk are not those in memory"
    );
    memory.values().map(Vec::len).sum()
}

#[test]
fn key_and_paste_storms_never_panic_and_keep_disk_and_memory_equal() {
    let started = Instant::now();
    let bursts = env_count("AMBASSADOR_STORM_BURSTS", 40);
    let mut rng = Rng::new(4242);
    let mut h = Harness::session("reliability-storm", Language::En, &["Ann", "Bob", "Chloé"]);
    h.page_down(3);
    let (mut keys, mut pastes, mut quits, mut most_ideas, mut screens) = (0, 0, 0, 0, 0);
    for burst in 0..bursts {
        for _ in 0..100 {
            if rng.chance(3) {
                let lines = rng.below(6);
                let text: Vec<String> = (0..=lines).map(|_| random_text(&mut rng, 12)).collect();
                let sep = *rng.pick(&["\n", "\r\n", "\r"]);
                h.app.paste(&text.join(sep));
                pastes += 1;
                continue;
            }
            let Some(key) = random_key(&mut rng) else {
                continue;
            };
            keys += 1;
            if h.app.handle_key(key) != ambassador::app::Outcome::Continue {
                // Quit from the home screen: the loop would end here; go back in instead.
                quits += 1;
                h.key(KeyCode::Enter);
            }
            // From the home screen, usually go back into the session.
            if matches!(h.app.screen, Screen::Home(_)) && rng.chance(50) {
                h.key(KeyCode::Esc).key(KeyCode::Enter);
            }
        }
        let (w, hgt) = *rng.pick(SIZES);
        h.render(w, hgt);
        screens += 1;
        let ideas = assert_disk_matches_memory(&h, &format!("burst {burst}"));
        most_ideas = most_ideas.max(ideas);
    }
    for &(w, hgt) in SIZES {
        h.render(w, hgt);
        screens += 1;
    }
    println!(
        "storm: {bursts} bursts, {keys} keys, {pastes} pastes, {quits} quits from home, {screens} screens rendered, up to {most_ideas} ideas, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        most_ideas > 0,
        "the storm never added an idea, so it never tested saving"
    );
}

#[test]
fn a_one_megabyte_paste_is_taken_in_and_saved() {
    let mut h = Harness::session("reliability-megapaste", Language::En, &["Ann", "Bob"]);
    h.page_down(3);
    // One line of 1 MB (right-to-left and joiners in it): too long for one idea, it becomes
    // several, and not a word is lost.
    let unit = "שלום 👩‍👩‍👧 world \u{200d}\u{202e} ";
    let line: String = unit.repeat((1 << 20) / unit.len() + 1);
    let started = Instant::now();
    h.app.paste(&line);
    h.render(100, 30);
    h.typed("and a draft after it").render(500, 200);
    h.render(1, 1);
    let disk = h.on_disk();
    let texts: Vec<String> = disk.all_ideas().map(|(_, i)| i.text.clone()).collect();
    assert!(texts.len() > 1, "{}", h.message());
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(words(&texts.join(" ")), words(&line), "the paste lost text");
    assert!(
        texts
            .iter()
            .all(|t| t.chars().count() <= ambassador::app::text::MAX_CHARS)
    );
    let first_paste = texts.len();
    let one_line = started.elapsed();

    assert_disk_matches_memory(&h, "after the paste");
    println!(
        "1 MB paste: {first_paste} ideas in {:.2} s",
        one_line.as_secs_f64()
    );
}

/// The real binary: random keys, pastes and resizes through tmux. It stays alive, quits on
/// Ctrl-C, and leaves a valid file.
#[test]
fn a_storm_into_the_real_binary_leaves_it_running_and_the_file_valid() {
    let started = Instant::now();
    let mut rng = Rng::new(777);
    let data = tempfile::tempdir().unwrap();
    let (id, path) = new_session(data.path(), "Storm");
    let open = args_for(data.path(), &["open", &id]);
    let t = Tmux::start(program(), &as_strs(&open), 100, 30);
    t.wait_for("step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("step 4/10");
    const NAMES: &[&str] = &[
        "Enter", "Tab", "BTab", "Escape", "BSpace", "DC", "Up", "Down", "Left", "Right", "Home",
        "End", "PageUp", "PageDown", "F1", "F2", "F3", "F5", "C-z", "C-y", "M-a", "C-a", "Space",
    ];
    let rounds = env_count("AMBASSADOR_TMUX_STORM", 150);
    for _ in 0..rounds {
        match rng.below(10) {
            0..=4 => t.keys(&[*rng.pick(NAMES)]),
            5..=7 => {
                let text = random_text(&mut rng, 8).replace(['\u{0}', '\u{1b}'], " ");
                // `--`: text may start with `-`, which tmux would take for a flag.
                let out = t.tmux(&["send-keys", "-t", "t:0", "-l", "--", &text]);
                assert!(out.status.success(), "{out:?}");
            }
            8 => {
                let text = format!("{}\n{}", random_text(&mut rng, 6), random_text(&mut rng, 6));
                // Arguments to tmux cannot carry a NUL byte.
                t.paste(&text.replace('\u{0}', " "));
            }
            _ => {
                let (w, h) = *rng.pick(&[(20, 5), (59, 15), (80, 24), (100, 30), (200, 60)]);
                t.resize(w, h);
            }
        }
        assert!(t.alive(), "the program died:\n{}", t.screen());
    }
    t.resize(100, 30);
    // Back to a plain screen and quit the way a facilitator would.
    t.keys(&["Escape", "Escape"]);
    assert!(t.alive(), "the program died:\n{}", t.screen());
    let screen = t.screen();
    assert!(!screen.contains("panicked"), "{screen}");
    t.keys(&["C-c"]);
    // A confirm or help overlay may have swallowed one Ctrl-C? It is global: one is enough.
    t.wait_exit();
    let last = t.screen();
    assert!(!last.contains("panicked"), "{last}");
    ambassador::store::read_session(&path).expect("the file is valid after the storm");
    println!(
        "tmux storm: {rounds} inputs, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Opens a new session in tmux on the first question, ready for ideas.
fn on_first_question(data: &std::path::Path) -> (Tmux, std::path::PathBuf) {
    let (id, path) = new_session(data, "Burst");
    let open = args_for(data, &["open", &id]);
    let t = Tmux::start(program(), &as_strs(&open), 100, 30);
    t.wait_for("step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("step 4/10");
    (t, path)
}

/// Waits until the file holds `n` ideas on the first question, without pressing anything.
fn wait_for_ideas_on_disk(path: &std::path::Path, n: usize, t: &Tmux) {
    let start = Instant::now();
    loop {
        let have = support::ideas_on_disk(path).get("q1").map_or(0, Vec::len);
        if have == n {
            return;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "only {have} of {n} ideas reached the file; the rest waits for another key:\n{}",
            t.screen()
        );
        std::thread::yield_now();
    }
}

/// More than 1 KB at once (a paste the terminal does not bracket) arrives in full without
/// another key: crossterm alone reads one 1,024-byte chunk per wake-up.
#[test]
fn an_unbracketed_paste_over_one_kilobyte_arrives_without_another_key() {
    let data = tempfile::tempdir().unwrap();
    let (t, path) = on_first_question(data.path());
    let lines: Vec<String> = (0..60)
        .map(|i| format!("idea number {i} about the work we share"))
        .collect();
    let text = format!("{}\n", lines.join("\n"));
    assert!(text.len() > 2048);
    t.paste_unbracketed(&text);
    wait_for_ideas_on_disk(&path, 60, &t);
    t.keys(&["C-c"]);
    t.wait_exit();
}

/// Fast typing: 200 ideas sent as one burst of keys all reach the file.
#[test]
fn a_burst_of_typed_ideas_all_reach_the_file_without_another_key() {
    let data = tempfile::tempdir().unwrap();
    let (t, path) = on_first_question(data.path());
    let burst: String = (0..200).map(|i| format!("typed idea {i}\r")).collect();
    let out = t.tmux(&["send-keys", "-t", "t:0", "-l", "--", &burst]);
    assert!(out.status.success(), "{out:?}");
    wait_for_ideas_on_disk(&path, 200, &t);
    t.keys(&["C-c"]);
    t.wait_exit();
}
