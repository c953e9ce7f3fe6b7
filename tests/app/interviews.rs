//! Interviews, driven as a facilitator would: one colleague's answers typed per question with
//! what was heard, and a team session that draws on interviews showing "heard in the
//! interviews" beside its common ground, a group that matches one marked.

use crate::common;

use ambassador::app::Overlay;
use ambassador::domain::{Language, NewSession};
use common::drive::Harness;
use common::interviews::two;
use crossterm::event::KeyCode;

/// An interview with Ann, on its conversation step.
pub fn interview(name: &str, language: Language) -> Harness {
    let details = NewSession {
        title: "Interview Ann".into(),
        participants: vec!["Ann".into()],
        ..NewSession::default()
    };
    let mut h = Harness::with_details(name, "interview", language, details);
    h.page_down(1);
    h
}

/// Each question's answers and what was heard, as saved.
fn saved(h: &Harness) -> Vec<(String, Vec<String>, String)> {
    h.on_disk()
        .interview()
        .iter()
        .map(|q| {
            (
                q.question.id.clone(),
                q.answers.iter().map(|a| a.text.clone()).collect(),
                q.heard.to_string(),
            )
        })
        .collect()
}

#[test]
fn an_interview_keeps_each_answer_with_its_question_and_what_was_heard() {
    let mut h = interview("interview-state", Language::En);
    h.idea("Someone who is proud of the work")
        .idea("And says so outside");
    h.key(KeyCode::Tab).idea("At birthday parties");
    // What I heard, for the second question: a form of several lines, saved with Ctrl-S.
    h.key(KeyCode::F(4));
    assert!(matches!(h.app.overlay, Some(Overlay::Prompt(_))));
    h.typed("Pride, said in person").ctrl('s');
    let s = saved(&h);
    assert_eq!(s[0].0, "good");
    assert_eq!(
        s[0].1,
        ["Someone who is proud of the work", "And says so outside"]
    );
    assert_eq!(s[1].1, ["At birthday parties"]);
    assert_eq!(s[1].2, "Pride, said in person");
    assert!(s[2].1.is_empty() && s[3].1.is_empty());
    // Back to the first question: ↑ chooses its newest answer, F2 changes it.
    h.key(KeyCode::BackTab).key(KeyCode::Up).key(KeyCode::F(2));
    assert_eq!(h.run().draft().unwrap().text(), "And says so outside");
    h.typed(" too").enter();
    assert_eq!(saved(&h)[0].1[1], "And says so outside too");
    // F3 removes the chosen answer after a yes; Ctrl-Z brings it back.
    h.key(KeyCode::Up).key(KeyCode::F(3)).typed("y");
    assert_eq!(saved(&h)[0].1, ["Someone who is proud of the work"]);
    h.ctrl('z');
    assert_eq!(saved(&h)[0].1.len(), 2);
    // Tab stops at the last question; an empty Enter adds nothing and says what to do.
    h.key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab);
    h.idea("Time, and a good photo");
    assert_eq!(saved(&h)[3].1, ["Time, and a good photo"]);
    h.enter();
    assert_eq!(h.message(), "Type an idea first.");
}

#[test]
fn a_team_session_from_interviews_shows_what_was_heard_and_marks_a_matching_group() {
    let heard = ambassador::review::heard_in(&two(Language::En), None);
    assert_eq!(heard.interviews.len(), 2);
    let details = NewSession {
        title: "Team Noord".into(),
        participants: vec!["Cas".into(), "Dee".into(), "Eef".into()],
        heard: Some(heard),
        ..NewSession::default()
    };
    let mut h = Harness::with_details("interview-board", "ambassadorship", Language::En, details);
    assert_eq!(h.on_disk().heard().unwrap().interviews[0].person, "Ann");
    // The team talks of stories on LinkedIn too, and of something no interview mentioned.
    h.page_down(3)
        .idea("telling our stories on LinkedIn")
        .key(KeyCode::Tab)
        .idea("sharing stories on LinkedIn")
        .key(KeyCode::Tab)
        .idea("wearing the company shirt");
    h.page_down(4);
    let screen = h.render(100, 30);
    assert!(screen.contains("Heard in the interviews"), "{screen}");
    assert!(screen.contains("also heard in the interviews"), "{screen}");
    let lines: Vec<&str> = screen.lines().collect();
    let marked: Vec<usize> = (0..lines.len())
        .filter(|i| lines[*i].contains("also heard in the interviews"))
        .collect();
    assert_eq!(marked.len(), 1, "only the LinkedIn group matches: {screen}");
    // The mark is on the group's row, or under its name where the row is full.
    let row = format!("{}{}", lines[marked[0] - 1], lines[marked[0]]);
    assert!(row.contains("1. LinkedIn"), "{screen}");
    // Who was interviewed is not on the facilitator's board (the room may be looking).
    assert!(
        !screen.contains("Ann") && !screen.contains("Bob"),
        "{screen}"
    );
}
