//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod archive;
pub mod drive;
pub mod follow_up;
pub mod interviews;
pub mod join;
pub mod tmux;

use ambassador::domain::{Change, FixedClock, NewSession, Session, StepKind};
use ambassador::store::{SessionFile, resolve_template};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_ambassador")
}

/// Runs the binary with `--data-dir` and a private config dir, no terminal.
pub fn run(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--config-dir")
        .arg(format!("{}-config", data_dir.display()))
        .args(args)
        .env_remove("AMBASSADOR_DATA_DIR")
        .env_remove("AMBASSADOR_CONFIG_DIR")
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn clock() -> FixedClock {
    FixedClock::at("2026-11-27T09:00:00Z".parse().unwrap())
}

/// A session with participants, pulse scores, roles, ideas on two questions and an action.
pub fn filled_session(ideas_per_question: usize) -> Session {
    let dir = tempfile::tempdir().unwrap();
    let template = resolve_template(dir.path(), "ambassadorship", None).unwrap();
    let clock = clock();
    let mut s = Session::start(
        "2026-11-27-test".into(),
        template,
        NewSession {
            title: "Test team".into(),
            organisation: "Acme".into(),
            goal: "Be known as a great place to work".into(),
            facilitator: "Fay".into(),
            participants: vec!["Ann".into(), "Bob".into(), "Chloé".into()],
            follows: None,
            // Scored aloud, so what a report leaves out of named scores can be checked.
            pulse_mode: ambassador::domain::PulseMode::Open,
            ..Default::default()
        },
        &clock,
    );
    let people: Vec<ambassador::domain::ParticipantId> =
        s.participants().iter().map(|p| p.id).collect();
    let steps = s.template().steps.clone();
    for step in &steps {
        match &step.kind {
            StepKind::Pulse { items, .. } => {
                for (n, p) in people.iter().enumerate() {
                    for item in items {
                        let score = (n % 5) as u8 + 1;
                        s.apply(
                            Change::SetPulse {
                                step: step.id.clone(),
                                participant: *p,
                                item: item.id.clone(),
                                score: Some(score),
                            },
                            &clock,
                        )
                        .unwrap();
                    }
                }
            }
            StepKind::Roles { roles } => {
                for (n, p) in people.iter().enumerate() {
                    s.apply(
                        Change::SetRole {
                            step: step.id.clone(),
                            participant: *p,
                            role: Some(roles[n % roles.len()].id.clone()),
                        },
                        &clock,
                    )
                    .unwrap();
                }
            }
            StepKind::Question => {
                for i in 0..ideas_per_question {
                    let p = people[i % people.len()];
                    s.apply(
                        Change::AddIdea {
                            step: step.id.clone(),
                            participant: p,
                            text: format!("idea {i} about proud work on {}", step.id),
                        },
                        &clock,
                    )
                    .unwrap();
                }
            }
            StepKind::Bridge => {
                s.apply(
                    Change::AddAction {
                        step: step.id.clone(),
                        what: "Share one story a month".into(),
                        who: "Ann".into(),
                        when: "every month".into(),
                    },
                    &clock,
                )
                .unwrap();
            }
            _ => {}
        }
    }
    s
}

/// Writes a session into `<data>/sessions/` through the store and returns its path.
pub fn save_into(data_dir: &Path, session: Session) -> PathBuf {
    let dir = data_dir.join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.ron", session.id()));
    ambassador::store::write_atomic(&path, render(&session).as_bytes()).unwrap();
    let file = SessionFile::open_read_only(&path).unwrap();
    assert_eq!(file.session().id(), session.id());
    path
}

pub fn render(session: &Session) -> String {
    session.to_ron()
}

const WORDS: [&str; 24] = [
    "proud",
    "LinkedIn",
    "posts",
    "werk",
    "trots",
    "klanten",
    "customers",
    "training",
    "time",
    "tijd",
    "collega's",
    "colleagues",
    "events",
    "borrel",
    "honest",
    "eerlijk",
    "recruit",
    "werven",
    "stories",
    "verhalen",
    "projects",
    "projecten",
    "team",
    "waardering",
];

/// A made-up idea of three to six workshop words, the same for the same `n` (for benchmarks).
pub fn synthetic_idea(n: usize) -> String {
    (0..3 + n % 4)
        .map(|k| WORDS[(n * 7 + k * 5) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The footer of a rendered screen: its last two lines that are not blank (the footer takes
/// a second line when the keys do not fit on one).
pub fn footer(screen: &str) -> String {
    let mut lines: Vec<&str> = screen
        .lines()
        .rev()
        .filter(|l| !l.trim().is_empty())
        .take(2)
        .collect();
    lines.reverse();
    lines.join("\n")
}

/// `session` as a hand-edited file would hold it, with `field` set to `value`: what no change
/// of the program makes (an id counter near its end, a link to an earlier session).
pub fn edited(session: &Session, field: &str, value: serde_json::Value) -> Session {
    let mut json = serde_json::to_value(session).expect("a session is data");
    json[field] = value;
    serde_json::from_value(json).expect("the edited session is still a session")
}

/// `session` with its results edited by hand (stray votes, a group renamed in the file).
pub fn with_results(
    session: &Session,
    edit: impl FnOnce(&mut std::collections::BTreeMap<String, ambassador::domain::StepResults>),
) -> Session {
    let mut results = session.all_results().clone();
    edit(&mut results);
    edited(session, "results", serde_json::to_value(results).unwrap())
}

/// The room view's clock in tests: its time of day stands at the start of `clock()`, so the
/// heartbeat of a facilitator's window on `clock()` (which only moves on) is fresh; its
/// monotonic time runs.
pub struct RoomClock;

impl ambassador::domain::Clock for RoomClock {
    fn now(&self) -> jiff::Timestamp {
        "2026-11-27T09:00:00Z".parse().unwrap()
    }

    fn monotonic(&self) -> std::time::Instant {
        std::time::Instant::now()
    }

    fn time_zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::UTC
    }
}
