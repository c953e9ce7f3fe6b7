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

/// The home screen over a data folder holding the two interviews (Bob's the newer).
fn home_with_interviews(name: &str, language: Language) -> Harness {
    let h = Harness::home(name);
    let sessions = Harness::paths(h.dir.path()).data_dir.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    for s in two(language) {
        std::fs::write(sessions.join(format!("{}.ron", s.id())), common::render(&s)).unwrap();
    }
    h
}

#[test]
fn interviews_chosen_on_the_setup_screen_are_heard_on_the_question_step() {
    let mut h = home_with_interviews("setup-interviews", Language::En);
    h.typed("n").typed("Team Noord");
    let screen = h.render(80, 24);
    assert!(
        screen.contains("Interviews: none chosen · F4 chooses") && screen.contains("F4 interviews"),
        "the form says interviews can be chosen, and the footer names the key:\n{screen}"
    );
    // F4 opens them in place of the names, newest first; Space and F4 choose.
    h.key(KeyCode::F(4));
    let screen = h.render(80, 24);
    assert!(screen.contains("Interviews (0 of 2 chosen)"), "{screen}");
    let bob = screen
        .find("Interview Bob")
        .expect("Bob's interview listed");
    let ann = screen
        .find("Interview Ann")
        .expect("Ann's interview listed");
    assert!(bob < ann, "newest first:\n{screen}");
    h.typed(" ").key(KeyCode::Down).key(KeyCode::F(4));
    let screen = h.render(80, 24);
    assert!(screen.contains("Interviews (2 of 2 chosen)"), "{screen}");
    assert_eq!(screen.matches('✓').count(), 2, "{screen}");
    // Choosing once more lets one go; choosing again takes it back.
    h.key(KeyCode::F(4));
    assert!(h.render(80, 24).contains("(1 of 2 chosen)"));
    h.typed(" ");
    // Enter goes back to the form where it was, which counts them.
    h.enter();
    let screen = h.render(80, 24);
    assert!(screen.contains("Interviews: 2 chosen"), "{screen}");
    assert!(screen.contains("Session title"), "{screen}");
    for _ in 0..6 {
        h.key(KeyCode::Tab);
    }
    for name in ["Cas", "Dee", "Eef"] {
        h.typed(name).enter();
    }
    h.key(KeyCode::Tab).enter();
    // The same as `new --from-interview`: both interviews, their answers grouped.
    let heard = h
        .on_disk()
        .heard()
        .cloned()
        .expect("the session draws on them");
    let people: Vec<&str> = heard.interviews.iter().map(|i| i.person.as_str()).collect();
    assert_eq!(people, ["Bob", "Ann"]);
    assert!(!heard.themes.is_empty());
    h.page_down(3)
        .idea("telling our stories on LinkedIn")
        .key(KeyCode::Tab)
        .idea("sharing stories on LinkedIn");
    let screen = h.render(100, 30);
    assert!(
        screen.contains("Heard in the interviews") && screen.contains("/2)"),
        "the question step shows what was heard:\n{screen}"
    );
}

#[test]
fn with_no_interviews_f4_says_so_and_the_form_stays_as_it_was() {
    let mut h = Harness::home("setup-no-interviews");
    h.typed("n").typed("Team Noord");
    let screen = h.render(80, 24);
    assert!(!screen.contains("Interviews:"), "{screen}");
    h.key(KeyCode::F(4));
    assert_eq!(
        h.message(),
        "No interviews to choose from yet: start one with the interview workshop."
    );
    h.typed("!");
    let screen = h.render(80, 24);
    assert!(
        screen.contains("Team Noord!"),
        "still typing the title:\n{screen}"
    );
}

#[test]
fn choosing_interviews_reads_in_dutch_and_fits_at_80x24() {
    let mut h = home_with_interviews("setup-interviews-nl", Language::Nl);
    h.typed("n");
    // The language chooser: two up from the title.
    h.key(KeyCode::BackTab)
        .key(KeyCode::BackTab)
        .key(KeyCode::Right);
    let screen = h.render(80, 24);
    assert!(
        screen.contains("Interviews: geen gekozen · F4 kiest"),
        "{screen}"
    );
    h.key(KeyCode::F(4)).typed(" ");
    let screen = h.render(80, 24);
    assert!(screen.contains("Interviews (1 van 2 gekozen)"), "{screen}");
    assert!(screen.contains("F4 of spatie"), "{screen}");
    insta::assert_snapshot!("setup_interviews_nl_80x24", screen);
    let wide = h.render(160, 48);
    assert!(
        wide.contains("Interview Ann") && wide.contains("Interview Bob"),
        "{wide}"
    );
}
