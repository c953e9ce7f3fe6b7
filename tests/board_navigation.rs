//! Getting around the board and editing text (issue 12, items 16 and 17): group jumps,
//! Home/End, the overview, moving by number with the selection staying on what moved, a
//! status line for each board action, and the usual line-editing keys in every field.

mod common;

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
        ambassador::app::steps::voting::RankBy::Votes,
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
