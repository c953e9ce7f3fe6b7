//! What a full trial in front of a room tripped over (issue "A session in front of a room"):
//! each test drives the app as a facilitator would and checks the screen or the file.

use crate::common;

use ambassador::domain::Language;
use common::drive::Harness;
use common::footer;
use crossterm::event::KeyCode;

/// Four ideas on two questions, then on the common-ground board.
fn on_the_board(name: &str) -> Harness {
    let mut h = Harness::session(name, Language::En, &["Ann", "Bob"]);
    h.page_down(3)
        .idea("proud of our work")
        .key(KeyCode::Tab)
        .idea("LinkedIn posts about projects");
    h.page_down(1)
        .idea("weekly LinkedIn posting")
        .key(KeyCode::Tab)
        .idea("time for training courses");
    h.page_down(3);
    h
}

fn rename_selected_group(h: &mut Harness, label: &str) {
    h.typed("r");
    h.ctrl('u');
    for _ in 0..80 {
        h.key(KeyCode::Backspace);
    }
    h.typed(label).enter();
}

#[test]
fn a_denominator_renamed_after_marking_shows_its_new_name_everywhere() {
    let mut h = on_the_board("room-denominator-rename");
    h.typed(" ");
    rename_selected_group(&mut h, "Pride online");
    let disk = h.on_disk();
    assert_eq!(
        disk.denominator_labels(),
        ["Pride online"],
        "the session file keeps the old name"
    );
    h.page_down(1);
    let bridge = h.render(100, 30);
    assert!(bridge.contains("★ Pride online"), "bridge:\n{bridge}");
    h.page_down(1);
    let close = h.render(120, 30);
    assert!(close.contains("Pride online"), "close:\n{close}");
    let md = ambassador::steps::report::render(
        &h.on_disk(),
        ambassador::export::Format::Md,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    assert!(md.contains("★ Pride online"), "{md}");
    let html = ambassador::steps::report::render(
        &h.on_disk(),
        ambassador::export::Format::Html,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    assert!(html.contains("★ Pride online"), "html lacks the new name");
}

#[test]
fn a_denominator_in_an_older_file_shows_its_groups_current_name() {
    let mut h = on_the_board("room-denominator-old-file");
    h.typed(" ");
    let session = common::with_results(&h.on_disk(), |all| {
        let results = all.get_mut("common_ground").unwrap();
        let marked = results.denominators[0].group;
        let group = results.groups.iter_mut().find(|g| g.id == marked).unwrap();
        group.label = "Renamed by hand".into();
    });
    assert_eq!(session.denominator_labels(), ["Renamed by hand"]);
}

const THIRTEEN: [&str; 13] = [
    "Ann", "Bob", "Chloé", "Dirk", "Eva", "Fatima", "Gert", "Hanna", "Ivo", "Jet", "Koen", "Lies",
    "Mo",
];

#[test]
fn roles_keep_the_participant_in_focus_in_view_at_80x24() {
    let mut h = Harness::session("room-roles-focus", Language::En, &THIRTEEN);
    h.page_down(2);
    for _ in 0..12 {
        h.key(KeyCode::Tab);
    }
    let screen = h.render(80, 24);
    let focused = screen.lines().find(|l| l.contains("▶ Mo"));
    assert!(
        focused.is_some(),
        "Mo has the focus but is not shown:\n{screen}"
    );
}

#[test]
fn the_roles_footer_shows_the_real_range_and_a_wrong_number_says_why() {
    let mut h = Harness::session("room-roles-range", Language::En, &["Ann", "Bob"]);
    h.page_down(2);
    let screen = h.render(100, 30);
    let footer = footer(&screen);
    assert!(footer.contains("1–4 role"), "{footer}");
    h.typed("6");
    assert!(h.message().contains("4 roles"), "{:?}", h.message());
}

#[test]
fn the_dutch_pulse_footer_does_not_repeat_the_range() {
    let mut h = Harness::session("room-pulse-nl", Language::Nl, &["Jan", "Sanne"]);
    h.page_down(1);
    let screen = h.render(120, 30);
    let footer = footer(&screen);
    assert!(footer.contains("1–5 score"), "{footer}");
    assert!(!footer.contains("score 1–5"), "{footer}");
}

#[test]
fn space_ticks_the_checklist_line_without_moving_on() {
    let mut h = Harness::session("room-checklist-space", Language::En, &["Ann"]);
    h.typed(" ");
    h.key(KeyCode::Down);
    h.typed(" ");
    let disk = h.on_disk();
    let checked = &disk.results(&disk.current_step().id).unwrap().checked;
    assert_eq!(checked.iter().copied().collect::<Vec<_>>(), [0, 1]);
}

#[test]
fn a_step_starts_with_the_first_person_who_has_not_answered() {
    let mut h = Harness::session(
        "room-first-unanswered",
        Language::En,
        &["Ann", "Bob", "Cor"],
    );
    // Roles: Ann and Bob choose, so the focus ends on Cor.
    h.page_down(2).typed("1").typed("2");
    let focus = |h: &Harness| {
        let s = h.on_disk();
        s.participant_name(s.focus().unwrap()).to_string()
    };
    assert_eq!(focus(&h), "Cor");
    // Q1 starts with Ann, who has said nothing yet.
    h.page_down(1);
    assert_eq!(focus(&h), "Ann");
    h.idea("proud of our work");
    h.key(KeyCode::Tab).idea("time for training");
    // Back on roles, Cor has still not chosen.
    h.key(KeyCode::PageUp);
    assert_eq!(focus(&h), "Cor");
    // On to Q1 again: Cor is the first who has not spoken.
    h.page_down(1);
    assert_eq!(focus(&h), "Cor");
}

#[test]
fn a_read_only_session_can_be_looked_through_step_by_step_in_its_language() {
    let mut h = Harness::session("room-read-only-look", Language::Nl, &["Jan"]);
    let path = h.run().file().path.clone();
    let before = std::fs::read(&path).unwrap();
    h.reopen_read_only();
    h.page_down(3);
    assert_eq!(h.run().session().current_step_index(), 3, "{}", h.message());
    assert!(h.message().starts_with("Alleen lezen"), "{}", h.message());
    assert!(
        !h.message().contains("review"),
        "English in a Dutch message: {}",
        h.message()
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "looking changed the file"
    );
}

#[test]
fn a_read_only_close_step_offers_no_editing_keys_and_refuses_them_at_once() {
    let mut h = Harness::session("room-read-only-keys", Language::En, &["Ann"]);
    h.page_down(9);
    h.reopen_read_only();
    h.page_down(9);
    let screen = h.render(120, 30);
    let keys = footer(&screen);
    assert!(!keys.contains("follow-up"), "{keys}");
    assert!(!keys.contains("finish"), "{keys}");
    assert!(keys.contains("export"), "{keys}");
    h.typed("d");
    assert!(
        h.app.overlay.is_none(),
        "the date form opened on a read-only session"
    );
    assert!(h.message().contains("Read-only"), "{}", h.message());
}

#[test]
fn typing_on_a_read_only_question_says_read_only_at_once() {
    let mut h = Harness::session("room-read-only-typing", Language::En, &["Ann"]);
    h.reopen_read_only();
    h.page_down(3).typed("x");
    assert!(h.message().contains("Read-only"), "{}", h.message());
    assert_eq!(h.run().draft().unwrap().text(), "");
}

#[test]
fn a_long_title_gives_way_to_the_step_time_and_save_state_at_80_columns() {
    let mut h = Harness::session("room-long-title", Language::En, &["Ann"]);
    h.page_down(3);
    let mut session = h.run().session().clone();
    let title = "A very long session title for the customer success team in the north";
    session
        .apply(
            ambassador::domain::Change::SetTitle(title.into()),
            &common::clock(),
        )
        .unwrap();
    let path = h.run().file().path.clone();
    // Let go of the session first, as closing the window would.
    h.app = ambassador::app::App::new(
        ambassador::app::Start::Home {
            paths: Harness::paths(h.dir.path()),
        },
        Box::new(common::clock()),
    );
    std::fs::write(&path, session.to_ron()).unwrap();
    let file = ambassador::store::SessionFile::open(&path).unwrap();
    h.app = ambassador::app::App::new(
        ambassador::app::Start::Session {
            paths: Harness::paths(h.dir.path()),
            file: Box::new(file),
        },
        Box::new(common::clock()),
    );
    let screen = h.render(80, 24);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("step 4/10"), "{header}");
    assert!(header.contains("left"), "{header}");
    assert!(header.ends_with("saved"), "{header}");
    assert!(header.starts_with("A very long"), "{header}");
}

#[test]
fn the_timebox_pauses_and_takes_five_more_minutes() {
    let mut h = Harness::session("room-timebox", Language::En, &["Ann"]);
    h.key(KeyCode::F(7));
    let screen = h.render(100, 30);
    assert!(
        screen.lines().next().unwrap().contains("(paused)"),
        "{screen}"
    );
    h.key(KeyCode::F(7));
    let before = h.render(100, 30).lines().next().unwrap().to_string();
    h.key(KeyCode::F(8));
    let after = h.render(100, 30).lines().next().unwrap().to_string();
    assert_ne!(before, after);
    let minutes = |l: &str| -> u64 {
        l.split(" left")
            .next()
            .unwrap()
            .rsplit(' ')
            .next()
            .unwrap()
            .split(':')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(minutes(&after), minutes(&before) + 5, "{before} / {after}");
}

#[test]
fn when_time_is_up_the_bell_rings_once_unless_turned_off() {
    for (bell, rings) in [(None, 1), (Some(false), 0)] {
        let h = Harness::session("room-bell", Language::En, &["Ann"]);
        let path = h.run().file().path.clone();
        let paths = Harness::paths(h.dir.path());
        if let Some(on) = bell {
            std::fs::create_dir_all(&paths.config_dir).unwrap();
            std::fs::write(
                paths.config_dir.join("config.ron"),
                format!("(bell: Some({on}))"),
            )
            .unwrap();
        }
        let clock = std::sync::Arc::new(common::clock());
        let file = ambassador::store::SessionFile::open(&path).unwrap();
        drop(h.app);
        let mut app = ambassador::app::App::new(
            ambassador::app::Start::Session {
                paths,
                file: Box::new(file),
            },
            Box::new(clock.clone()),
        );
        assert!(!app.take_bell(), "rang before the time was up");
        clock.advance(std::time::Duration::from_secs(60 * 60));
        let rang = (0..5).filter(|_| app.take_bell()).count();
        assert_eq!(rang, rings, "bell {bell:?}");
    }
}

#[test]
fn low_scores_show_how_many_not_who_unless_the_facilitator_asks() {
    let mut h = Harness::open_pulse("room-low-scores", Language::En, &["Tom", "Jan", "Eva"]);
    h.page_down(1).typed("111").typed("115").typed("555");
    let screen = h.render(120, 30);
    assert!(
        screen.contains("3 of 3 scored") && !screen.contains("2 scored 1 or lower"),
        "figures before the facilitator shows them:\n{screen}"
    );
    h.typed("v");
    let screen = h.render(120, 30);
    assert!(screen.contains("⚠ 2 scored 2 or lower"), "{screen}");
    assert!(
        !screen.contains("Tom, Jan"),
        "names on the room's screen:\n{screen}"
    );
    h.typed("n");
    let screen = h.render(120, 30);
    assert!(screen.contains("low: Tom, Jan"), "{screen}");
    for anonymous in [false, true] {
        for format in [
            ambassador::export::Format::Md,
            ambassador::export::Format::Html,
            ambassador::export::Format::Json,
        ] {
            let report = ambassador::steps::report::render(
                &h.on_disk(),
                format,
                anonymous,
                &jiff::tz::TimeZone::UTC,
            );
            let low_lines: Vec<&str> = report.lines().filter(|l| l.contains("or lower")).collect();
            assert!(
                format == ambassador::export::Format::Json || !low_lines.is_empty(),
                "low scores counted in a {format:?} report:\n{report}"
            );
            assert!(
                low_lines
                    .iter()
                    .all(|l| !l.contains("Tom") && !l.contains("Jan")),
                "who scored low named in a {format:?} report (anonymous: {anonymous}):\n{report}"
            );
            assert!(
                !anonymous || !report.contains("Tom"),
                "a name in an anonymous {format:?} report"
            );
        }
    }
}

#[test]
fn the_pulse_says_plainly_what_its_numbers_are() {
    let mut h = Harness::session(
        "room-pulse-labels",
        Language::En,
        &["Tom", "Jan", "Eva", "Ann"],
    );
    h.page_down(1);
    let screen = h.render(120, 30);
    assert!(!screen.contains("average of 5"), "{screen}");
    assert!(
        screen.contains("1 I am in"),
        "statement columns are not named:\n{screen}"
    );
}

#[test]
fn the_question_footer_offers_tidy_and_the_dutch_board_offers_why() {
    let mut h = Harness::session("room-footers", Language::En, &["Ann"]);
    h.page_down(3);
    let screen = h.render(120, 30);
    assert!(footer(&screen).contains("F5"), "{}", footer(&screen));
    let mut h = Harness::session("room-footers-nl", Language::Nl, &["Jan"]);
    h.page_down(7);
    let screen = h.render(120, 30);
    assert!(footer(&screen).contains("w waarom"), "{}", footer(&screen));
}

#[test]
fn the_room_view_learns_the_board_selection_on_entering_and_on_a_click() {
    let mut h = on_the_board("room-publish-selection");
    let path = h.run().file().path.clone();
    let first = ambassador::app::board_rows(&h.on_disk(), "common_ground")[0].group();
    assert_eq!(
        ambassador::store::room_sidecar::read(&path).selected,
        Some(first),
        "entering the board did not tell the room view"
    );
    let rows = ambassador::app::board_rows(&h.on_disk(), "common_ground");
    let (row, other) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.group() != first)
        .map(|(i, r)| (i, r.group()))
        .expect("two groups");
    h.app.select_row(row);
    assert_eq!(
        ambassador::store::room_sidecar::read(&path).selected,
        Some(other)
    );
}

fn home_with_config(h: &Harness, config: &str) -> ambassador::app::App {
    let paths = Harness::paths(h.dir.path());
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_dir.join("config.ron"), config).unwrap();
    ambassador::app::App::new(
        ambassador::app::Start::Home { paths },
        Box::new(common::clock()),
    )
}

#[test]
fn home_follows_the_users_language_not_the_last_session_opened() {
    let mut h = Harness::session("room-home-language", Language::Nl, &["Jan"]);
    h.app = home_with_config(&h, "(language: Some(en))");
    let home = h.render(100, 24);
    assert_eq!(h.app.language(), Language::En, "{home}");
    h.typed("r");
    assert!(
        matches!(h.app.screen, ambassador::app::Screen::Review(_)),
        "r opens review"
    );
    assert_eq!(
        h.app.language(),
        Language::En,
        "review follows the user too"
    );
    h.app = home_with_config(&h, "(language: Some(nl))");
    assert_eq!(h.app.language(), Language::Nl);
}

#[test]
fn dutch_screens_and_reports_write_averages_with_a_decimal_comma() {
    let mut h = Harness::session("room-decimal-comma", Language::Nl, &["Jan", "Sanne", "Eva"]);
    // Three ballots typed by hand, then shown: the first statement averages 11/3.
    h.page_down(1)
        .typed("334")
        .typed("443")
        .typed("444")
        .typed("v");
    let screen = h.render(120, 30);
    assert!(screen.contains("3,7"), "{screen}");
    assert!(!screen.contains("3.7"), "{screen}");
    let md = ambassador::steps::report::render(
        &h.on_disk(),
        ambassador::export::Format::Md,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    assert!(md.contains("3,7") && !md.contains("3.7"), "{md}");
    assert!(Language::En.decimal(3.5, 1) == "3.5");
}

fn setup_title(h: &Harness) -> Option<String> {
    match &h.app.screen {
        ambassador::app::Screen::Setup(setup) => Some(setup.title.text()),
        _ => None,
    }
}

#[test]
fn esc_on_the_setup_form_dismisses_the_error_and_asks_before_discarding() {
    let mut h = Harness::home("room-setup-esc");
    h.typed("n");
    h.typed("Team Zuid");
    // Enter without participants: the form says what is missing.
    // Title, organisation, team, programme, goal, facilitator: on to the names, then Enter.
    h.enter()
        .enter()
        .enter()
        .enter()
        .enter()
        .enter()
        .enter()
        .enter();
    let shown = h.render(100, 30);
    assert_eq!(setup_title(&h).as_deref(), Some("Team Zuid"), "{shown}");
    h.key(KeyCode::Esc);
    assert_eq!(
        setup_title(&h).as_deref(),
        Some("Team Zuid"),
        "Esc dismissing the message kept the form"
    );
    h.key(KeyCode::Esc);
    assert!(
        matches!(
            h.app.overlay,
            Some(ambassador::app::Overlay::Confirm(
                ambassador::app::Confirm::DiscardSetup
            ))
        ),
        "leaving a filled form asks"
    );
    assert!(h.render(100, 30).contains("Leave this form?"));
    h.typed("n");
    assert_eq!(setup_title(&h).as_deref(), Some("Team Zuid"));
    h.key(KeyCode::Esc).typed("y");
    assert!(matches!(h.app.screen, ambassador::app::Screen::Home(_)));
    // An empty form leaves at once.
    h.typed("n").key(KeyCode::Esc);
    assert!(matches!(h.app.screen, ambassador::app::Screen::Home(_)));
}

#[test]
fn esc_clears_a_draft_that_ctrl_z_brings_back_without_undoing_an_idea() {
    let mut h = Harness::session("room-draft-esc", Language::En, &["Ann"]);
    h.page_down(3).idea("proud of our work");
    h.typed("a half-typed thought");
    h.key(KeyCode::Esc);
    assert!(h.message().contains("Ctrl-Z"), "{}", h.message());
    h.ctrl('z');
    let ideas = h.on_disk().all_ideas().count();
    assert_eq!(ideas, 1, "Ctrl-Z undid the previous idea");
    match &h.run().step {
        ambassador::app::StepState::Question(q) => {
            assert_eq!(q.draft.text(), "a half-typed thought")
        }
        _ => panic!("not on a question"),
    }
}

#[test]
fn ctrl_c_and_leaving_the_step_keep_the_draft_as_an_idea() {
    let mut h = Harness::session("room-draft-quit", Language::En, &["Ann"]);
    h.page_down(3).typed("typed but not entered");
    h.page_down(1);
    let texts: Vec<String> = h
        .on_disk()
        .all_ideas()
        .map(|(_, i)| i.text.clone())
        .collect();
    assert_eq!(texts, ["typed but not entered"], "PageDown lost the draft");
    h.typed("second draft");
    let outcome = h.app.update(ambassador::app::Action::Quit);
    let texts: Vec<String> = h
        .on_disk()
        .all_ideas()
        .map(|(_, i)| i.text.clone())
        .collect();
    assert_eq!(
        texts,
        ["typed but not entered", "second draft"],
        "Ctrl-C lost it"
    );
    let ambassador::app::Outcome::Quit { message, status } = outcome else {
        panic!("Ctrl-C did not quit")
    };
    assert_eq!(status, 0);
    assert!(message.unwrap().contains("was added"));
    let json = ambassador::steps::report::render(
        &h.on_disk(),
        ambassador::export::Format::Json,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    assert!(json.contains("second draft"));
}

#[test]
fn an_idea_typed_under_the_wrong_person_goes_to_the_right_one_with_f2_and_tab() {
    let mut h = Harness::session("room-idea-author", Language::En, &["Ann", "Bob"]);
    h.page_down(3).idea("proud of our work");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Up).key(KeyCode::F(2));
    assert!(h.message().contains("Tab"), "{}", h.message());
    h.key(KeyCode::Tab).enter();
    let disk = h.on_disk();
    let (_, idea) = disk.all_ideas().next().unwrap();
    assert_eq!(disk.participant(idea.participant).unwrap().name, "Bob");
    assert!(h.message().contains("Bob"), "{}", h.message());
    h.ctrl('z');
    let disk = h.on_disk();
    let (_, idea) = disk.all_ideas().next().unwrap();
    assert_eq!(
        disk.participant(idea.participant).unwrap().name,
        "Ann",
        "undo gives it back"
    );
}

#[test]
fn the_agenda_tells_done_from_partly_done_from_only_visited() {
    let mut h = Harness::session("room-agenda-marks", Language::En, &["Ann", "Bob"]);
    // Pulse and roles passed with nothing entered; one of two people answers question 1.
    h.page_down(3).idea("proud of our work");
    h.page_down(1);
    let screen = h.render(100, 30);
    let row = |n: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!("{n} ")) && l.starts_with('│'))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row(" 2").contains("·  2"), "pulse:\n{screen}");
    assert!(!row(" 2").contains('✓'), "pulse:\n{screen}");
    assert!(row(" 4").contains("◐  4"), "question 1:\n{screen}");
    assert!(screen.contains("✓ done ◐ partly"), "{screen}");
}

#[test]
fn the_close_step_marks_actions_without_owner_or_date_and_the_bridge_shows_the_pulse() {
    let mut h = Harness::session("room-close-gaps", Language::En, &["Ann", "Bob", "Eva"]);
    h.page_down(1)
        .typed("144")
        .typed("444")
        .typed("444")
        .typed("v");
    h.page_down(7);
    // An action with only a what.
    h.typed("a").typed("Post one story a month").enter();
    let bridge = h.render(120, 34);
    assert!(
        bridge.contains("Engagement pulse") && bridge.contains("3.0"),
        "{bridge}"
    );
    assert!(
        bridge.contains("⚠1 low"),
        "the bridge shows how many scored low:\n{bridge}"
    );
    assert!(!bridge.contains("Ann"), "never who:\n{bridge}");
    h.page_down(1);
    let close = h.render(120, 34);
    assert!(
        close.contains("no owner") && close.contains("no date"),
        "{close}"
    );
}

#[test]
fn a_follow_up_date_in_the_past_is_questioned_once() {
    let mut h = Harness::session("room-past-date", Language::En, &["Ann"]);
    h.page_down(9);
    h.typed("d");
    h.ctrl('u');
    h.typed("2020-01-01").enter();
    assert!(h.on_disk().follow_up().is_none(), "taken without a word");
    assert!(h.render(100, 30).contains("in the past"));
    h.enter();
    assert_eq!(
        h.on_disk().follow_up().map(|d| d.to_string()).as_deref(),
        Some("2020-01-01")
    );
}

fn reopen_with_keys(h: &mut Harness, keys: &str) {
    let paths = Harness::paths(h.dir.path());
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_dir.join("keys.ron"), keys).unwrap();
    h.reopen();
}

fn board_groups(h: &Harness) -> usize {
    let step = h.run().step_id();
    h.on_disk().results(&step).map_or(0, |r| r.groups.len())
}

#[test]
fn the_users_own_keys_work_show_in_help_and_a_mistake_names_its_place() {
    let mut h = on_the_board("room-user-keys");
    let groups = board_groups(&h);
    reopen_with_keys(
        &mut h,
        "[\n  (screen: \"board\", key: \"m\", does: \"merge\"),\n  (screen: \"board\", key: \"ctrl-c\", does: \"merge\"),\n]",
    );
    let message = h.message();
    assert!(
        message.contains("keys.ron:3:") && message.contains("save and quit"),
        "{message}"
    );
    h.key(KeyCode::F(1));
    let help = h.render(120, 40);
    assert!(help.contains("m *") && help.contains("keys.ron"), "{help}");
    h.key(KeyCode::Esc);
    // Merging picks a target, as with g.
    h.typed("m")
        .key(KeyCode::Down)
        .key(KeyCode::Down)
        .key(KeyCode::Down)
        .enter();
    let after = board_groups(&h);
    assert_eq!(
        after,
        groups - 1,
        "m merged as g does: {}\n{}",
        h.message(),
        h.render(120, 40)
    );
}

#[test]
fn markdown_html_and_the_board_show_the_same_ranking_and_marks() {
    let mut h = on_the_board("room-report-ranking");
    // Mark the second group on the board.
    h.key(KeyCode::Char(']')).typed(" ");
    let disk = h.on_disk();
    let step = h.run().step_id();
    let order: Vec<String> = disk
        .ranked_groups(&step, &disk.idea_index(), true)
        .iter()
        .map(|(g, _)| g.label.clone())
        .collect();
    assert!(order.len() >= 2, "{order:?}");
    let md = ambassador::steps::report::render(
        &disk,
        ambassador::export::Format::Md,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    let html = ambassador::steps::report::render(
        &disk,
        ambassador::export::Format::Html,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    // From the common-ground section on (it leads the report; the questions come after it
    // and show the same groups).
    let md = &md[md
        .find("## Common ground")
        .expect("a common-ground section")..];
    let md_order: Vec<usize> = order
        .iter()
        .filter_map(|l| md.find(&format!("{l} (")))
        .collect();
    assert_eq!(md_order.len(), order.len(), "{order:?}\n{md}");
    assert!(md_order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{md}");
    assert!(md.contains(&format!("### ★ {}", order[1])), "{md}");
    assert!(md.contains("shared by"), "{md}");
    let html = &html[html.find("Common ground").expect("a common-ground section")..];
    let html_order: Vec<usize> = order
        .iter()
        .filter_map(|l| html.find(&format!("{l} <span class=\"count\">")))
        .collect();
    assert_eq!(html_order.len(), order.len(), "html lacks a group");
    assert!(html.contains(&format!("<h3>★ {} ", order[1])), "{html}");
    assert!(html_order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

/// Bidi overrides and zero-width characters (typed, pasted or from a device) never reach the
/// terminal, where they would reorder what the room reads; reports show them visibly.
#[test]
fn text_that_would_reorder_the_screen_never_reaches_the_terminal() {
    let mut h = Harness::session("room-bidi", Language::En, &["Ann"]);
    h.page_down(3)
        .idea("invoice\u{202e}fdp.exe \u{2066}x\u{2069}\u{200b}");
    let screen = h.render(100, 30);
    assert!(screen.contains("invoice"), "{screen}");
    assert!(
        !screen.chars().any(ambassador::sanitize::is_hidden_format),
        "{screen:?}"
    );
    let md = ambassador::steps::report::render(
        &h.on_disk(),
        ambassador::export::Format::Md,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    assert!(md.contains("invoice<U+202E>fdp.exe"), "{md}");
}

/// Typing on past what one idea holds goes on in a new idea, as a long paste does: nothing
/// typed is dropped, and no word is cut in two.
#[test]
fn typing_past_the_length_of_an_idea_goes_on_in_a_new_one() {
    let mut h = Harness::session("room-type-long", Language::En, &["Ann"]);
    h.page_down(3);
    let words: Vec<String> = (0..420).map(|i| format!("w{i:03}")).collect();
    let long = words.join(" ");
    assert!(long.chars().count() > ambassador::interact::text::MAX_CHARS);
    h.typed(&long);
    let disk = h.on_disk();
    let ideas: Vec<String> = disk.all_ideas().map(|(_, i)| i.text.clone()).collect();
    assert_eq!(ideas.len(), 1, "the full field became an idea");
    assert!(ideas[0].chars().count() <= ambassador::interact::text::MAX_CHARS);
    let draft = h.run().draft().unwrap().text();
    let together = format!("{} {}", ideas[0], draft.trim_start());
    assert_eq!(together, long, "everything typed, in order, no word cut");
    h.enter();
    assert_eq!(h.on_disk().all_ideas().count(), 2);
}
