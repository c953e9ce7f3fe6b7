//! Text is not cut off (issue 12, item 18): the status line wraps, ideas in the live groups
//! wrap in full, the idea comes before its author on the board, and a long session title is
//! shortened in the middle so its end still shows.

use crate::common;

use ambassador::domain::Language;
use common::drive::Harness;
use crossterm::event::KeyCode;

const LONG_IDEA: &str =
    "telling the people at my daughter's football club what a good place this is to work";

#[test]
fn a_long_status_message_wraps_instead_of_losing_its_end() {
    let mut h = Harness::session("fits-status", Language::En, &["Ann", "Bob"]);
    h.page_down(3)
        .idea("LinkedIn posts")
        .key(KeyCode::Tab)
        .idea("school fair");
    h.page_down(4).key(KeyCode::Down).typed("m");
    let message = h.message();
    assert!(
        message.len() > 80,
        "a message longer than the window: {message}"
    );
    let screen = h.render(80, 24);
    assert!(
        screen.contains("Esc cancels."),
        "the end of the message:\n{screen}"
    );
}

#[test]
fn a_long_idea_shows_in_full_in_the_live_groups_and_before_its_author_on_the_board() {
    let mut h = Harness::session(
        "fits-ideas",
        Language::En,
        &["Annemarie-Christina van der Heijden-Vermeulen", "Bob"],
    );
    h.page_down(3).idea(LONG_IDEA);
    let screen = h.render(80, 24);
    for word in ["daughter's", "football", "place", "work"] {
        assert!(
            screen.contains(word),
            "{word} of the idea in the groups:\n{screen}"
        );
    }
    let listed = screen
        .lines()
        .find(|l| l.contains("Annemarie") && l.contains("│  Anne") || l.contains("▶ Anne"))
        .expect("the idea in the list");
    assert!(
        listed.contains("telling the"),
        "the name hides the idea:\n{listed}"
    );
    h.page_down(4);
    let screen = h.render(160, 40);
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("telling the people"))
        .expect("the idea on the board");
    let row = lines[at];
    assert!(row.contains(LONG_IDEA), "the whole idea:\n{row}");
    // its author after it: further along the row, or on the line below when it does not fit
    let idea = row.find(LONG_IDEA).unwrap();
    let after = match row.find("Annemarie") {
        Some(a) => a > idea,
        None => lines.get(at + 1).is_some_and(|l| l.contains("Annemarie")),
    };
    assert!(after, "the idea before its author:\n{screen}");
    // Narrower, the idea keeps its room and the author gives way.
    let screen = h.render(120, 30);
    let row = screen.lines().find(|l| l.contains("telling the")).unwrap();
    assert!(!row.contains("Annemarie"), "{row}");
}

#[test]
fn a_long_session_title_keeps_its_end_in_the_header() {
    let mut h = Harness::session("fits-title", Language::En, &["Ann"]);
    h.app
        .handle_key(crossterm::event::KeyEvent::from(KeyCode::PageDown));
    let session = h.run().session().clone();
    assert_eq!(session.title(), "Team Noord");
    // A title too long for the header at 80 columns.
    let path = h.run().file().path.clone();
    let mut s = h.on_disk();
    let retitle = "Team Customer Success and Onboarding Region North".into();
    s.apply(
        ambassador::domain::Change::SetTitle(retitle),
        &common::clock(),
    )
    .unwrap();
    drop(h.app);
    std::fs::remove_file(ambassador::store::SessionLock::sidecar_path(&path)).ok();
    ambassador::store::write_atomic(&path, common::render(&s).as_bytes()).unwrap();
    let file = ambassador::store::SessionFile::open(&path).unwrap();
    let app = ambassador::app::App::new(
        ambassador::app::Start::Session {
            paths: Harness::paths(h.dir.path()),
            file: Box::new(file),
        },
        Box::new(common::clock()),
    );
    let mut h = Harness { dir: h.dir, app };
    let screen = h.render(80, 24);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("North"), "the end of the title:\n{header}");
    assert!(
        header.contains('…') && header.contains("step 2/10"),
        "{header}"
    );
}

/// Every word of `text` somewhere on `screen`, at least `times` times. Words of three
/// letters or fewer ("a", "the", "is") would be found anywhere, so they are not counted.
fn all_words_shown(screen: &str, text: &str, times: usize, what: &str) {
    for word in text.split_whitespace().filter(|w| w.chars().count() > 3) {
        let n = screen.matches(word).count();
        assert!(
            n >= times,
            "{what}: \"{word}\" shown {n} times, not {times}:\n{screen}"
        );
    }
}

const LONG_NAME: &str = "Annemarie-Christina van der Heijden-Vermeulen";
const OTHER_IDEA: &str =
    "sharing honest stories about our projects with clients at networking drinks every month";

#[test]
fn long_ideas_wrap_in_full_in_the_idea_list_and_on_the_board_at_both_sizes() {
    let mut h = Harness::session("fits-wrap-ideas", Language::En, &[LONG_NAME, "Bob"]);
    h.page_down(3)
        .idea(LONG_IDEA)
        .key(KeyCode::Tab)
        .idea(OTHER_IDEA);
    // Once in the idea list, and at 160×48 once more in the live groups beside it (at
    // 80×24 the footer's second line leaves the groups one row short).
    for (w, hgt, times) in [(80, 24, 1), (160, 48, 2)] {
        let screen = h.render(w, hgt);
        all_words_shown(&screen, LONG_IDEA, times, "the idea list");
        all_words_shown(&screen, OTHER_IDEA, times, "the idea list");
    }
    h.page_down(4);
    for (w, hgt) in [(80, 24), (160, 48)] {
        let screen = h.render(w, hgt);
        all_words_shown(&screen, LONG_IDEA, 1, "the board");
        all_words_shown(&screen, OTHER_IDEA, 1, "the board");
        let idea = screen.find("telling").unwrap();
        let author = screen.find("Annemarie").expect("the author shows too");
        assert!(idea < author, "the idea before its author:\n{screen}");
    }
}

#[test]
fn the_selected_row_stays_in_view_when_rows_take_several_lines() {
    let mut h = Harness::session("fits-wrap-scroll", Language::En, &["Ann", "Bob"]);
    h.page_down(3);
    let ideas: Vec<String> = (0..12)
        .map(|i| format!("idea number {i} about something quite different from the others {i}x{i}"))
        .collect();
    for idea in &ideas {
        h.idea(idea);
    }
    h.page_down(4).key(KeyCode::End);
    let rows = ambassador::app::board_rows(h.run().session(), "common_ground");
    let Some(ambassador::app::board::BoardRow::Idea(_, last)) = rows.last().copied() else {
        panic!("the board ends with an idea")
    };
    let text = h.run().session().find_idea(last).unwrap().text.clone();
    let unique = text.split_whitespace().last().unwrap().to_string();
    for (w, hgt) in [(80, 24), (160, 48)] {
        let screen = h.render(w, hgt);
        assert!(
            screen.contains(&unique),
            "the last idea, selected, in view: {text}\n{screen}"
        );
        let start = text
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            screen
                .lines()
                .any(|l| l.contains('▶') && l.contains(&start)),
            "the mark on it:\n{screen}"
        );
    }
}

#[test]
fn checklist_lines_and_action_columns_wrap_in_full() {
    let mut h = Harness::session("fits-wrap-actions", Language::En, &["Ann", "Bob"]);
    let checklist: Vec<String> = match &h.run().session().current_step().kind {
        ambassador::domain::StepKind::Script { checklist } => checklist.clone(),
        _ => panic!("the first step is a script"),
    };
    let screen = h.render(80, 24);
    for line in &checklist {
        all_words_shown(&screen, line, 1, "the checklist");
    }
    let what = "write one honest story about a client project for the intranet every month";
    let who = "Ann, Bob and the comms team of the north";
    let when = "before the summer holidays of next year";
    h.page_down(8)
        .typed("a")
        .typed(what)
        .key(KeyCode::Tab)
        .typed(who);
    h.key(KeyCode::Tab).typed(when).enter();
    for (w, hgt) in [(80, 24), (160, 48)] {
        let screen = h.render(w, hgt);
        for text in [what, who, when] {
            all_words_shown(&screen, text, 1, "the action");
        }
    }
}

#[test]
fn agenda_titles_wrap_where_there_is_room_and_a_click_on_either_line_picks_the_step() {
    use ambassador::app::hit::{Hit, hit};
    let mut h = Harness::session("fits-agenda", Language::En, &["Ann"]);
    for (w, hgt) in [(160, 48), (100, 30)] {
        let screen = h.render(w, hgt);
        let agenda: Vec<String> = screen
            .lines()
            .map(|l| l.chars().take(26).collect())
            .collect();
        let joined = agenda.join("\n");
        for title in h.run().session().template().steps.iter().map(|s| &s.title) {
            for word in title.split_whitespace() {
                assert!(joined.contains(word), "{word} of {title}:\n{joined}");
            }
        }
        // "What is ambassadorship?" takes two lines; a click on the second picks it too.
        let second = agenda
            .iter()
            .position(|l| l.contains("ambassadorship?"))
            .unwrap() as u16;
        let size = ratatui::layout::Rect::new(0, 0, w, hgt);
        assert_eq!(hit(&h.app, size, 8, second), Some(Hit::Step(3)));
        assert_eq!(hit(&h.app, size, 8, second + 1), Some(Hit::Step(4)));
    }
}

#[test]
fn long_session_titles_on_home_keep_the_end_that_tells_them_apart() {
    use ambassador::domain::NewSession;
    use ambassador::store::{SessionFile, resolve_template};
    let mut h = Harness::home("fits-home-titles");
    let paths = Harness::paths(h.dir.path());
    let sessions = paths.ensure_sessions_dir().unwrap();
    for end in ["North", "South"] {
        let template =
            resolve_template(&paths.templates_dir(), "ambassadorship", Some(Language::En)).unwrap();
        let details = NewSession {
            title: format!("Team Customer Success and Onboarding Region {end}"),
            organisation: "Zorggroep Midden-Nederland".into(),
            goal: String::new(),
            facilitator: "Fay".into(),
            participants: vec!["Ann".into()],
            follows: None,
            pulse_mode: Default::default(),
            heard: None,
        };
        SessionFile::create(&sessions, template, details, &common::clock()).unwrap();
    }
    h.app = ambassador::app::App::new(
        ambassador::app::Start::Home { paths },
        Box::new(common::clock()),
    );
    let screen = h.render(80, 24);
    for end in ["North", "South"] {
        let row = screen
            .lines()
            .find(|l| {
                l.contains(&format!("Region {end}"))
                    || l.contains(&format!("…{end}"))
                    || l.contains(&format!("… {end}"))
            })
            .unwrap_or_else(|| panic!("the end of the title, {end}:\n{screen}"));
        assert!(row.contains("Team Cus"), "and its start: {row}");
    }
}

#[test]
fn role_descriptions_show_in_full_and_a_long_name_never_hides_its_role() {
    for lang in [Language::En, Language::Nl] {
        let mut h = Harness::session("fits-roles", lang, &[LONG_NAME, "Bob", "Chloé"]);
        h.page_down(2);
        let roles = match &h.run().session().current_step().kind {
            ambassador::domain::StepKind::Roles { roles } => roles.clone(),
            other => panic!("on the roles step, not {other:?}"),
        };
        h.key(KeyCode::Char('1'));
        for (w, hgt) in [(80, 24), (160, 48)] {
            let screen = h.render(w, hgt);
            for r in &roles {
                all_words_shown(&screen, &r.description, 1, "a role's description");
            }
            // the long name is shortened to its column's share; what it chose still shows
            // beside it
            let row = screen
                .lines()
                .find(|l| l.contains("Annemarie"))
                .unwrap_or_else(|| panic!("the long name shows:\n{screen}"));
            assert!(row.contains(&format!("1 {}", roles[0].label)), "{row}");
        }
    }
}
