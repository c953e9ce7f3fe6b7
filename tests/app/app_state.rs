//! The app as a facilitator drives it: keys in, state and the saved file out.

use crate::common;

use ambassador::app::{Overlay, Screen};
use ambassador::domain::Language;
use common::drive::Harness;
use crossterm::event::KeyCode;

fn names_of_ideas(h: &Harness, step: &str) -> Vec<(String, String)> {
    let s = h.on_disk();
    s.results(step)
        .map(|r| {
            r.ideas
                .iter()
                .map(|i| {
                    (
                        s.participant_name(i.participant).to_string(),
                        i.text.clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn typed_ideas_are_saved_for_the_participant_in_focus_and_tab_moves_on() {
    let mut h = Harness::session("state-ideas", Language::En, &["Ann", "Bob"]);
    h.page_down(3);
    h.idea("Proud of our projects")
        .key(KeyCode::Tab)
        .idea("Posting on LinkedIn");
    assert_eq!(
        names_of_ideas(&h, "q1"),
        [
            ("Ann".into(), "Proud of our projects".into()),
            ("Bob".into(), "Posting on LinkedIn".into())
        ]
    );
    let disk = h.on_disk();
    assert_eq!(disk.current_step_index(), 3, "the step is saved too");
    let bob = disk.participants()[1].id;
    assert_eq!(
        disk.focus(),
        Some(bob),
        "the participant in focus is saved for `open`"
    );
    let groups = &disk.results("q1").unwrap().groups;
    let grouped: usize = groups.iter().map(|g| g.ideas.len()).sum();
    assert_eq!(grouped, 2, "every idea is in a group: {groups:?}");
}

#[test]
fn an_empty_enter_adds_nothing_and_says_what_to_do() {
    let mut h = Harness::session("state-empty-enter", Language::En, &["Ann"]);
    h.page_down(3).typed("   ").enter();
    assert!(names_of_ideas(&h, "q1").is_empty());
    assert_eq!(h.message(), "Type an idea first.");
}

#[test]
fn editing_and_deleting_an_idea_with_confirmation_and_undo() {
    let mut h = Harness::session("state-edit", Language::En, &["Ann"]);
    h.page_down(3).idea("first").idea("secnd");
    h.key(KeyCode::F(2));
    assert_eq!(h.run().draft().unwrap().text(), "secnd");
    h.key(KeyCode::Backspace)
        .key(KeyCode::Backspace)
        .typed("ond")
        .enter();
    assert_eq!(names_of_ideas(&h, "q1")[1].1, "second");
    h.key(KeyCode::Up).key(KeyCode::F(3));
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))));
    h.typed("n");
    assert_eq!(names_of_ideas(&h, "q1").len(), 2, "n keeps the idea");
    h.key(KeyCode::F(3)).typed("y");
    assert_eq!(names_of_ideas(&h, "q1"), [("Ann".into(), "second".into())]);
    h.ctrl('z');
    assert_eq!(
        names_of_ideas(&h, "q1").len(),
        2,
        "undo brings it back, on disk"
    );
    h.ctrl('y');
    assert_eq!(names_of_ideas(&h, "q1").len(), 1);
}

#[test]
fn pasting_lines_adds_one_idea_per_line_as_one_undo_step() {
    let mut h = Harness::session("state-paste", Language::Nl, &["Anouk"]);
    h.page_down(4);
    h.app
        .paste("borrel bezoeken\r\n\nLinkedIn posts delen\n  verjaardagen  \n");
    let ideas = names_of_ideas(&h, "q2");
    assert_eq!(ideas.len(), 3, "{ideas:?}");
    assert_eq!(ideas[2].1, "verjaardagen");
    assert_eq!(h.message(), "3 ideeën toegevoegd.");
    h.ctrl('z');
    assert!(names_of_ideas(&h, "q2").is_empty());
}

#[test]
fn an_open_pulse_fills_from_the_keyboard_and_advances_person_by_person() {
    let mut h = Harness::open_pulse("state-pulse", Language::En, &["Ann", "Bob"]);
    h.page_down(1)
        .typed("453")
        .typed("2")
        .key(KeyCode::Up)
        .typed("0");
    let disk = h.on_disk();
    let pulse = &disk.results("pulse").unwrap().pulse;
    let (ann, bob) = (disk.participants()[0].id, disk.participants()[1].id);
    assert_eq!(pulse[&ann]["right_place"], 4);
    assert_eq!(pulse[&ann]["enjoy_work"], 5);
    assert_eq!(pulse[&ann]["time_space_attention"], 3);
    assert_eq!(
        pulse.get(&bob).and_then(|m| m.get("right_place")),
        None,
        "0 clears Bob's first score"
    );
    assert_eq!(disk.focus(), Some(bob));
}

#[test]
fn roles_are_chosen_with_numbers_and_focus_moves_to_who_has_not_chosen() {
    let mut h = Harness::session("state-roles", Language::En, &["Ann", "Bob", "Chloé"]);
    h.page_down(2).typed("4").typed("1").typed("4").typed("9");
    let disk = h.on_disk();
    let roles = &disk.results("roles").unwrap().roles;
    assert_eq!(roles.len(), 3);
    assert_eq!(roles[&disk.participants()[1].id], "representative");
    assert_eq!(roles[&disk.participants()[2].id], "relay");
}

#[test]
fn the_board_merges_renames_marks_and_undoes() {
    let mut h = Harness::session("state-board", Language::En, &["Ann", "Bob"]);
    h.page_down(3)
        .idea("proud of our work")
        .key(KeyCode::Tab)
        .idea("LinkedIn posts about projects");
    h.page_down(1)
        .idea("weekly LinkedIn posting")
        .key(KeyCode::Tab)
        .idea("time for training courses");
    h.page_down(3);
    let groups = |h: &Harness| {
        h.on_disk()
            .results("common_ground")
            .map(|r| r.groups.clone())
            .unwrap_or_default()
    };
    let before = groups(&h);
    assert!(before.len() >= 2, "{before:?}");
    let all: usize = before.iter().map(|g| g.ideas.len()).sum();
    assert_eq!(all, 4, "all ideas of all questions are on the board");

    // Merge the first group into the next one.
    h.typed("g");
    let rows = ambassador::app::board_rows(&h.on_disk(), "common_ground");
    let next_group = rows
        .iter()
        .skip(1)
        .position(|r| matches!(r, ambassador::app::board::BoardRow::Group(_)))
        .unwrap()
        + 1;
    for _ in 0..next_group {
        h.key(KeyCode::Down);
    }
    h.enter();
    assert_eq!(
        groups(&h).len(),
        before.len() - 1,
        "{}\n{}",
        h.message(),
        h.render(100, 30)
    );

    // Rename it and mark it as a common denominator.
    h.typed("r");
    assert!(matches!(h.app.overlay, Some(Overlay::Prompt(_))));
    for _ in 0..60 {
        h.key(KeyCode::Backspace);
    }
    h.typed("Pride online").enter();
    h.typed(" ");
    let disk = h.on_disk();
    let cg = disk.results("common_ground").unwrap();
    let renamed = cg
        .groups
        .iter()
        .find(|g| g.label == "Pride online")
        .expect("renamed");
    assert!(renamed.label_edited);
    assert_eq!(cg.denominators[0].label, "Pride online");

    // Undo three times: mark, rename, merge.
    h.ctrl('z').ctrl('z').ctrl('z');
    assert_eq!(groups(&h), before);
}

#[test]
fn actions_are_added_through_a_form_and_an_empty_what_is_refused() {
    let mut h = Harness::session("state-actions", Language::En, &["Ann"]);
    h.page_down(8).typed("a").enter();
    match &h.app.overlay {
        Some(Overlay::Prompt(p)) => assert_eq!(p.error.as_deref(), Some("Say what will be done.")),
        _ => panic!("the form stays open"),
    }
    h.typed("Share one story a month")
        .key(KeyCode::Tab)
        .typed("Ann")
        .key(KeyCode::Tab)
        .typed("monthly")
        .enter();
    assert!(h.app.overlay.is_none());
    let disk = h.on_disk();
    let a = &disk.results("bridge").unwrap().actions[0];
    assert_eq!(
        (a.what.as_str(), a.who.as_str(), a.when.as_str()),
        ("Share one story a month", "Ann", "monthly")
    );
}

#[test]
fn the_close_step_sets_the_follow_up_date_and_exports_markdown() {
    let mut h = Harness::session("state-close", Language::En, &["Ann"]);
    h.page_down(9).typed("d").typed("next spring").enter();
    match &h.app.overlay {
        Some(Overlay::Prompt(p)) => assert!(p.error.as_deref().unwrap().contains("is not a date")),
        _ => panic!("a bad date keeps the form open"),
    }
    for _ in 0..20 {
        h.key(KeyCode::Backspace);
    }
    h.typed("2027-03-01").enter();
    assert_eq!(h.on_disk().follow_up().unwrap().to_string(), "2027-03-01");
    h.typed("e");
    let report = h
        .dir
        .path()
        .join("data/exports")
        .join(format!("{}.md", h.on_disk().id()));
    assert!(h.message().contains("Report written to"), "{}", h.message());
    assert!(
        std::fs::read_to_string(report)
            .unwrap()
            .contains("**Follow-up session:** 2027-03-01")
    );
    h.typed("f");
    assert!(h.on_disk().finished().is_some());
}

#[test]
fn a_read_only_session_changes_nothing_and_says_so() {
    let mut h = Harness::session("state-read-only", Language::En, &["Ann"]);
    let path = h.run().file().path.clone();
    let before = std::fs::read(&path).unwrap();
    let file = ambassador::store::SessionFile::open_read_only(&path).unwrap();
    h.app = ambassador::app::App::new(
        ambassador::app::Start::Session {
            paths: Harness::paths(h.dir.path()),
            file: Box::new(file),
        },
        Box::new(common::clock()),
    );
    h.page_down(1);
    assert!(h.message().contains("Read-only"), "{}", h.message());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn setup_validates_and_starts_a_session_in_the_chosen_language() {
    let mut h = Harness::home("state-setup");
    h.typed("n");
    assert!(matches!(h.app.screen, Screen::Setup(_)));
    // Language is two fields up from the title; the pulse (private unless chosen) between.
    h.key(KeyCode::BackTab)
        .key(KeyCode::BackTab)
        .key(KeyCode::Right)
        .key(KeyCode::Tab)
        .key(KeyCode::Right)
        .key(KeyCode::Tab);
    // Organisation, team, programme, goal, facilitator, then the names.
    h.typed("Team Zuid")
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab);
    h.typed("Sanne").enter().typed("Joost").enter();
    // Rename Joost to Jan and move him up.
    h.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::F(2));
    for _ in 0..5 {
        h.key(KeyCode::Backspace);
    }
    h.typed("Jan").enter();
    h.app.handle_key(crossterm::event::KeyEvent::new(
        KeyCode::Up,
        crossterm::event::KeyModifiers::ALT,
    ));
    h.enter().enter();
    assert!(
        matches!(h.app.screen, Screen::Run(_)),
        "{}\n{}",
        h.message(),
        h.render(100, 30)
    );
    let disk = h.on_disk();
    assert_eq!(disk.title(), "Team Zuid");
    assert_eq!(disk.language(), Language::Nl);
    assert_eq!(
        disk.pulse_mode(),
        ambassador::domain::PulseMode::Open,
        "chosen on the form"
    );
    assert_eq!(
        disk.template().steps[3].prompt,
        "Wat versta jij onder ambassadeurschap?"
    );
    let names: Vec<&str> = disk
        .participants()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Jan", "Sanne"]);
}

#[test]
fn clicks_land_on_the_row_and_the_agenda_step_under_the_mouse() {
    use ambassador::app::hit::{Hit, hit};
    use ratatui::layout::Rect;
    let mut h = Harness::session("state-mouse", Language::En, &["Ann", "Bob"]);
    h.page_down(3)
        .idea("proud of our work")
        .idea("time for training")
        .idea("LinkedIn posts");
    h.page_down(4);
    let screen = h.render(100, 30);
    let size = Rect::new(0, 0, 100, 30);
    let y = screen
        .lines()
        .position(|l| l.contains("time for training"))
        .unwrap() as u16;
    let x = screen
        .lines()
        .nth(y as usize)
        .unwrap()
        .find("time")
        .unwrap() as u16;
    let rows = ambassador::app::board_rows(h.run().session(), "common_ground");
    let Some(Hit::Row(row)) = hit(&h.app, size, x, y) else {
        panic!("no row under the mouse")
    };
    let ambassador::app::board::BoardRow::Idea(_, idea) = rows[row] else {
        panic!("a group row")
    };
    assert_eq!(
        h.run().session().find_idea(idea).unwrap().text,
        "time for training"
    );

    let agenda_y = screen
        .lines()
        .position(|l| l.contains(" 9 Bridge to the goal"))
        .unwrap() as u16;
    assert_eq!(hit(&h.app, size, 5, agenda_y), Some(Hit::Step(8)));
    h.app.jump_to_step(8);
    assert_eq!(h.on_disk().current_step_index(), 8);
}

/// Writes a tiny model2vec model where the two made-up words mean the same.
fn tiny_model(dir: &std::path::Path) {
    use safetensors::tensor::TensorView;
    std::fs::create_dir_all(dir).unwrap();
    let vocab = r#"{"model": {"type": "WordPiece", "vocab": {"[UNK]": 0, "xqzv": 1, "jkwp": 2, "mmrt": 3}}}"#;
    std::fs::write(dir.join("tokenizer.json"), vocab).unwrap();
    let rows: [[f32; 2]; 4] = [[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]];
    let data: Vec<u8> = rows
        .iter()
        .flatten()
        .flat_map(|v| v.to_le_bytes())
        .collect();
    let view = TensorView::new(safetensors::Dtype::F32, vec![4, 2], &data).unwrap();
    std::fs::write(
        dir.join("model.safetensors"),
        safetensors::serialize([("embeddings", view)], None).unwrap(),
    )
    .unwrap();
}

#[test]
fn a_model_named_in_the_config_lets_words_with_the_same_meaning_group() {
    let groups_of = |with_model: bool| {
        let name = if with_model {
            "state-model-on"
        } else {
            "state-model-off"
        };
        let mut h = Harness::session(name, Language::En, &["Ann"]);
        if with_model {
            let model = h.dir.path().join("model");
            tiny_model(&model);
            let config = h.dir.path().join("config");
            std::fs::create_dir_all(&config).unwrap();
            std::fs::write(
                config.join("config.ron"),
                format!("(embedding_model: {:?})", model.display().to_string()),
            )
            .unwrap();
            let path = h.run().file().path.clone();
            drop(std::mem::replace(
                &mut h.app,
                ambassador::app::App::new(
                    ambassador::app::Start::Home {
                        paths: Harness::paths(h.dir.path()),
                    },
                    Box::new(common::clock()),
                ),
            ));
            let file = ambassador::store::SessionFile::open(&path).unwrap();
            h.app = ambassador::app::App::new(
                ambassador::app::Start::Session {
                    paths: Harness::paths(h.dir.path()),
                    file: Box::new(file),
                },
                Box::new(common::clock()),
            );
            assert!(h.app.message.is_none(), "{:?}", h.app.message);
        }
        h.page_down(3).idea("xqzv").idea("jkwp").idea("mmrt");
        h.on_disk().results("q1").unwrap().groups.len()
    };
    assert_eq!(
        groups_of(false),
        3,
        "without a model nothing links the made-up words"
    );
    assert_eq!(
        groups_of(true),
        2,
        "the model says xqzv and jkwp mean the same"
    );
}

#[test]
fn a_config_naming_a_missing_model_says_so_and_grouping_still_works() {
    let mut h = Harness::home("state-model-missing");
    let config = h.dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(embedding_model: \"/nowhere/model\")",
    )
    .unwrap();
    h.app = ambassador::app::App::new(
        ambassador::app::Start::Home {
            paths: Harness::paths(h.dir.path()),
        },
        Box::new(common::clock()),
    );
    assert!(h.message().contains("/nowhere/model"), "{}", h.message());
}

#[test]
fn typing_into_a_full_field_says_so() {
    // An idea goes on in a new one (see `typing_past_the_length_of_an_idea_goes_on_in_a_new_one`);
    // a field such as the session's title just says it is full.
    let mut h = Harness::home("state-field-full");
    h.typed("n");
    h.app.paste(&"x".repeat(ambassador::app::text::MAX_CHARS));
    assert!(h.message().is_empty(), "{}", h.message());
    h.typed("y");
    assert!(
        h.message().contains("This field is full (2000 characters)"),
        "{}",
        h.message()
    );
}
