//! Interviews made through the library (one colleague, answers per question), for the tests
//! of starting a team session from them.
#![allow(dead_code)]

use ambassador::domain::{Change, Language, NewSession, Session};
use ambassador::store::resolve_template;

/// An interview of `person` with `answers` as (question id, text), under `id`.
pub fn interview(id: &str, language: Language, person: &str, answers: &[(&str, &str)]) -> Session {
    let dir = tempfile::tempdir().unwrap();
    let template = resolve_template(dir.path(), "interview", Some(language)).unwrap();
    let clock = super::clock();
    let details = NewSession {
        title: format!("Interview {person}"),
        participants: vec![person.into()],
        ..NewSession::default()
    };
    let mut s = Session::start(id.into(), template, details, &clock);
    let who = s.participants()[0].id;
    for (question, text) in answers {
        s.apply(
            Change::AddAnswer {
                step: "interview".into(),
                question: (*question).into(),
                participant: who,
                text: (*text).into(),
            },
            &clock,
        )
        .unwrap();
    }
    s
}

/// Two colleagues who both talk of sharing stories on LinkedIn, and of time.
pub fn two(language: Language) -> [Session; 2] {
    [
        interview(
            "2026-11-20-interview-ann",
            language,
            "Ann",
            &[
                ("good", "sharing our stories on LinkedIn"),
                ("need", "time to write posts"),
            ],
        ),
        interview(
            "2026-11-21-interview-bob",
            language,
            "Bob",
            &[
                ("practice", "stories about our work on LinkedIn"),
                ("need", "time for writing posts"),
            ],
        ),
    ]
}
