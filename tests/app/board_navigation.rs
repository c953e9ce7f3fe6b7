//! Getting around the board and editing text (issue 12, items 16 and 17): group jumps,
//! Home/End, the overview, moving by number with the selection staying on what moved, a
//! status line for each board action, and the usual line-editing keys in every field.

use crate::common;

use ambassador::app::StepState;
use ambassador::app::board::BoardRow;
use ambassador::domain::{GroupId, IdeaId};
use common::drive::Harness;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Two people's answers on four questions, on topics far apart, left on the board.
fn board(name: &str) -> Harness {
    let mut h = Harness::session(name, ambassador::domain::Language::En, &["Ann", "Bob"]);
    let answers = [
        [
            "posting about our projects on LinkedIn",
            "birthday cake for every colleague",
        ],
        [
            "wearing the company shirt at the football club",
            "a training budget for everyone",
        ],
        [
            "talking to parents at the school fair",
            "coffee with clients on Friday",
        ],
        ["a quiet room to concentrate", "a bike to cycle to work"],
    ];
    h.page_down(3);
    for [a, b] in answers {
        h.idea(a).key(KeyCode::Tab).idea(b);
        h.page_down(1);
    }
    h
}

fn board_rows(h: &Harness) -> Vec<BoardRow> {
    ambassador::app::board_rows(h.run().session(), "common_ground")
}

fn cursor(h: &Harness) -> usize {
    match &h.run().step {
        StepState::Board(b) => b.cursor,
        _ => panic!("not on the board"),
    }
}

fn selected(h: &Harness) -> BoardRow {
    board_rows(h)[cursor(h)]
}

fn group_of(h: &Harness, idea: IdeaId) -> GroupId {
    board_rows(h)
        .iter()
        .find_map(|r| match r {
            BoardRow::Idea(g, i) if *i == idea => Some(*g),
            _ => None,
        })
        .expect("the idea is on the board")
}

#[test]
fn brackets_jump_by_group_and_home_and_end_reach_the_ends_at_once() {
    let mut h = board("board-nav-jumps");
    let rows = board_rows(&h);
    let groups: Vec<usize> = (0..rows.len())
        .filter(|&i| matches!(rows[i], BoardRow::Group(_)))
        .collect();
    assert!(groups.len() > 3, "a board with several groups");
    h.key(KeyCode::End);
    assert_eq!(cursor(&h), rows.len() - 1, "End");
    h.key(KeyCode::Home);
    assert_eq!(cursor(&h), 0, "Home");
    h.typed("]");
    assert_eq!(cursor(&h), groups[1], "] to the next group");
    h.typed("]]");
    assert_eq!(cursor(&h), groups[3]);
    h.typed("[");
    assert_eq!(cursor(&h), groups[2], "[ back a group");
}

#[test]
fn an_idea_moved_by_number_keeps_the_selection_and_every_action_says_what_it_did() {
    let mut h = board("board-nav-move");
    // The first idea of the first group, to group number 3.
    h.key(KeyCode::Down);
    let BoardRow::Idea(from, idea) = selected(&h) else {
        panic!("an idea row")
    };
    let target = ambassador::app::board::ranked_ids(
        h.run().session(),
        "common_ground",
        ambassador::steps::board::voting::RankBy::Votes,
    )[2];
    assert_ne!(from, target);
    let label = ambassador::app::board::group_label(h.run().session(), "common_ground", target);
    h.typed("m");
    assert!(h.message().contains("number"), "{}", h.message());
    h.typed("3");
    assert_eq!(group_of(&h, idea), target, "moved to group 3");
    assert_eq!(
        selected(&h),
        BoardRow::Idea(target, idea),
        "the selection follows it"
    );
    assert!(h.message().contains(&label), "says where: {}", h.message());

    h.typed("o");
    assert!(h.message().contains("Taken out"), "{}", h.message());
    assert!(matches!(selected(&h), BoardRow::Idea(_, i) if i == idea));
    h.typed(" ");
    assert!(
        h.message().contains("common denominator"),
        "{}",
        h.message()
    );
    h.key(KeyCode::Home).key(KeyCode::Down).typed("s");
    assert!(h.message().contains("Split off"), "{}", h.message());
    h.typed("2");
    assert!(
        h.message().contains("first"),
        "nothing picked up: {}",
        h.message()
    );
}

#[test]
fn the_overview_shows_one_line_per_group_and_enter_opens_one() {
    let mut h = board("board-nav-overview");
    let rows = board_rows(&h);
    let groups = rows
        .iter()
        .filter(|r| matches!(r, BoardRow::Group(_)))
        .count();
    let first_idea = rows
        .iter()
        .find_map(|r| match r {
            BoardRow::Idea(_, i) => Some(*i),
            _ => None,
        })
        .unwrap();
    let text = h
        .run()
        .session()
        .find_idea(first_idea)
        .unwrap()
        .text
        .clone();
    h.typed("f");
    let screen = h.render(120, 40);
    assert!(!screen.contains(&text), "ideas are folded away:\n{screen}");
    assert!(screen.contains("▸ 1."), "{screen}");
    h.key(KeyCode::End);
    assert_eq!(cursor(&h), groups - 1, "one row per group");
    h.key(KeyCode::Home).enter();
    let screen = h.render(120, 40);
    assert!(screen.contains(&text), "the first group is open:\n{screen}");
    assert!(screen.contains("▾ 1."), "{screen}");
    h.key(KeyCode::Left);
    assert!(!h.render(120, 40).contains(&text), "← closes it");
}

#[test]
fn rename_clears_with_ctrl_u_and_fields_know_the_usual_line_editing_keys() {
    let mut h = board("board-nav-rename");
    let group = selected(&h).group();
    h.typed("r").ctrl('u').typed("Zeppelin").enter();
    let label = ambassador::app::board::group_label(h.run().session(), "common_ground", group);
    assert_eq!(label, "Zeppelin", "Ctrl-U cleared the old name");
    assert!(h.message().contains("Renamed"), "{}", h.message());

    // Ctrl-W, Ctrl-A and Alt-→ in the rename form.
    h.typed("r").ctrl('u').typed("big red Zeppelin");
    h.ctrl('w').ctrl('a');
    h.app
        .handle_key(KeyEvent::new(KeyCode::Right, KeyModifiers::ALT));
    h.typed("X").enter();
    let label = ambassador::app::board::group_label(h.run().session(), "common_ground", group);
    assert_eq!(label, "big Xred", "Alt-→ went to the next word: {label}");
}

fn picking(h: &Harness) -> bool {
    matches!(&h.run().step, StepState::Board(b) if b.mark.is_some())
}

#[test]
fn typing_after_m_filters_the_groups_by_name_and_letters_never_act_on_the_board() {
    let mut h = board("board-pick-filter");
    // Give the third group a name with an accent.
    h.typed("]]")
        .typed("r")
        .ctrl('u')
        .typed("Koffie in het Café")
        .enter();
    let renamed = selected(&h).group();
    let groups = board_rows(&h)
        .iter()
        .filter(|r| matches!(r, BoardRow::Group(_)))
        .count();
    h.key(KeyCode::Home).key(KeyCode::Down);
    let BoardRow::Idea(from, idea) = selected(&h) else {
        panic!("an idea row")
    };
    assert_ne!(from, renamed);
    h.typed("m");
    assert!(picking(&h));
    let screen = h.render(100, 30);
    assert!(
        screen.contains("Find:") && screen.contains("type part of a group's name"),
        "{screen}"
    );
    assert!(screen.contains(" 1. ") && screen.contains("Koffie in het Café"));
    let footer = common::footer(&screen);
    assert!(
        footer.contains("↑↓ choose") && footer.contains("Esc"),
        "the footer says what to do: {footer}"
    );
    // Board letters (split, vote, merge, lock) only filter; nothing matches them.
    h.typed("svgl");
    assert!(picking(&h), "still picking");
    let disk = h.on_disk();
    assert!(disk.vote_totals("common_ground").is_empty(), "no dot given");
    assert_eq!(
        board_rows(&h)
            .iter()
            .filter(|r| matches!(r, BoardRow::Group(_)))
            .count(),
        groups,
        "nothing split or merged"
    );
    let screen = h.render(100, 30);
    assert!(screen.contains("No group name contains “svgl”"), "{screen}");
    h.enter();
    assert!(h.message().contains("Backspace"), "{}", h.message());
    assert!(picking(&h));
    // Backspace edits the filter; case and accents do not matter.
    for _ in 0..4 {
        h.key(KeyCode::Backspace);
    }
    h.typed("CAFE");
    let screen = h.render(100, 30);
    assert!(screen.contains(" 1. Koffie in het Café"), "{screen}");
    assert!(
        !screen.contains("No group name"),
        "the message went with the typing:\n{screen}"
    );
    match &h.run().step {
        StepState::Board(b) => assert_eq!(
            b.picker
                .candidates(h.run().session(), "common_ground", b.rank)
                .len(),
            1,
            "one group matches"
        ),
        _ => unreachable!(),
    }
    h.typed("1");
    assert!(!picking(&h));
    assert_eq!(group_of(&h, idea), renamed, "moved to the group found");
    assert_eq!(
        selected(&h),
        BoardRow::Idea(renamed, idea),
        "selection follows"
    );
    assert!(
        h.message().contains("Koffie in het Café"),
        "{}",
        h.message()
    );

    // ↓ and Enter choose in the list; its own group says so; Esc cancels.
    h.typed("m").typed("koffie");
    h.enter();
    assert!(h.message().contains("another group"), "{}", h.message());
    assert!(picking(&h));
    h.key(KeyCode::Esc);
    assert!(!picking(&h));
    assert_eq!(h.message(), "Nothing moved.");
    assert_eq!(group_of(&h, idea), renamed);
    h.typed("m").key(KeyCode::Down).enter();
    assert_ne!(group_of(&h, idea), renamed, "↓ Enter moved it on");
}

#[test]
fn the_board_footer_and_dots_line_show_the_users_own_keys() {
    let mut h = board("board-pick-user-keys");
    let paths = Harness::paths(h.dir.path());
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(
        paths.config_dir.join("keys.ron"),
        "[(screen: \"board\", key: \"ctrl-v\", does: \"add_dot\")]",
    )
    .unwrap();
    h.reopen();
    let screen = h.render(120, 40);
    let dots = screen
        .lines()
        .find(|l| l.contains("each, "))
        .unwrap_or_else(|| panic!("the dots line:\n{screen}"));
    assert!(dots.contains("Ctrl-V"), "the user's key for a dot: {dots}");
    let footer = common::footer(&screen);
    assert!(footer.contains("Ctrl-V"), "and in the footer: {footer}");
}
