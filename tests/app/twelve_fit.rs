//! A room of twelve at 80×24 and 160×48 (issue 25): who has spoken shows without a broken
//! name and never loses the person in focus, the live groups scroll to the group in hand,
//! the welcome's hint is read in full, and editing someone's idea leaves the input with the
//! next speaker.

use crate::common;

use ambassador::domain::Language;
use common::drive::Harness;
use crossterm::event::KeyCode;

pub const TWELVE: [&str; 12] = [
    "Annemarie",
    "Bob",
    "Chloé",
    "Dirk",
    "Eva",
    "Fatima",
    "Gert-Jan",
    "Hanneke",
    "Ibrahim",
    "Joke",
    "Kees",
    "Lotte",
];

/// Ten different ideas, one for each of the first ten people, on the first question.
const TEN: [&str; 10] = [
    "posting on LinkedIn about our work",
    "tell friends at the sports club",
    "proud of the care we give",
    "share vacancies with my network",
    "show visitors around the warehouse",
    "guest lecture at a school",
    "post once a month on LinkedIn",
    "being honest about what is hard",
    "invite people for a coffee",
    "speak at a job fair",
];

fn first_question_with_ten(name: &str, lang: Language) -> Harness {
    let mut h = Harness::session(name, lang, &TWELVE);
    h.page_down(3);
    for idea in TEN {
        h.idea(idea).key(KeyCode::Tab);
    }
    h
}

/// The rows between the prompt and the ideas panel: the names and the legend.
fn people_rows(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.contains('○') || l.contains('●'))
        .unwrap();
    let end = lines
        .iter()
        .position(|l| l.contains("Ideas (") || l.contains("Ideeën ("))
        .unwrap();
    lines[start..end].join("\n")
}

#[test]
fn with_twelve_people_the_one_in_focus_and_who_has_not_spoken_always_show_unbroken() {
    for lang in [Language::En, Language::Nl] {
        let h = &mut first_question_with_ten("twelve-names", lang);
        // Kees is in focus; Kees and Lotte have not spoken.
        for (width, height) in [(80, 24), (160, 48)] {
            let rows = people_rows(&h.render(width, height));
            for name in ["Kees", "Lotte"] {
                assert!(rows.contains(&format!("○ {name} (0)")), "{name}:\n{rows}");
            }
            let legend = if lang == Language::En {
                "2 not yet heard"
            } else {
                "2 nog niet gehoord"
            };
            assert!(rows.contains(legend), "{rows}");
            // Every name is whole where it shows (a cut name leaves its start without its end).
            for name in TWELVE {
                let start: String = name.chars().take(3).collect();
                let cut = rows.matches(&start).count() != rows.matches(name).count();
                assert!(!cut, "{name} broken:\n{rows}");
            }
        }
        // At 80 columns not everyone fits: what is left out is counted.
        let rows = people_rows(&h.render(80, 24));
        assert!(rows.contains("+1"), "{rows}");
        assert!(
            rows.find("Kees").unwrap() < rows.find("Annemarie").unwrap(),
            "{rows}"
        );
        // Wide, everyone shows in their own order.
        let rows = people_rows(&h.render(160, 48));
        assert!(
            rows.find("Annemarie").unwrap() < rows.find("Kees").unwrap(),
            "{rows}"
        );
    }
}

#[test]
fn the_live_groups_scroll_to_the_group_of_the_selected_idea() {
    let h = &mut first_question_with_ten("twelve-groups", Language::En);
    let session = h.on_disk();
    let groups = &session
        .results(&session.template().steps[3].id)
        .unwrap()
        .groups;
    assert!(groups.len() >= 5, "enough groups to scroll: {groups:?}");
    // Walk the selection up through every idea: each one's group is named on screen.
    for up in 0..TEN.len() {
        let screen = h.render(80, 24);
        let selected = TEN[TEN.len() - 1 - up];
        let group = groups
            .iter()
            .find(|g| {
                g.ideas.iter().any(|id| {
                    session
                        .all_ideas()
                        .any(|(_, i)| i.id == *id && i.text == selected)
                })
            })
            .unwrap();
        let panel: String = screen
            .lines()
            .map(|l| l.split("││").nth(2).unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            panel.contains(&format!("{} ({})", group.label, group.ideas.len())),
            "the group of {selected:?} ({}):\n{screen}",
            group.label
        );
        // The selected idea whole (wrapped), the others shortened to a line.
        let words: Vec<&str> = panel.split_whitespace().collect();
        let joined = words.join(" ");
        assert!(
            joined.contains(selected),
            "{selected:?} in its group:\n{screen}"
        );
        h.key(KeyCode::Up);
    }
    // Scrolled, the panel says what is above and below.
    let screen = h.render(80, 24);
    assert!(
        screen.contains("more below") || screen.contains("more above"),
        "{screen}"
    );
}

#[test]
fn the_welcome_hint_is_read_in_full_at_80_by_24() {
    for lang in [Language::En, Language::Nl] {
        let h = &mut Harness::session("twelve-welcome", lang, &TWELVE);
        let session = h.on_disk();
        let hint = &session.template().steps[0].hint;
        let screen = h.render(80, 24);
        let shown: String = screen
            .lines()
            .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
            .collect::<Vec<_>>()
            .join(" ");
        let last_words: Vec<&str> = hint.split_whitespace().rev().take(3).collect();
        for word in last_words {
            assert!(shown.contains(word), "{word:?} of the hint:\n{screen}");
        }
    }
}

#[test]
fn editing_someones_idea_leaves_the_input_with_the_next_speaker() {
    let h = &mut first_question_with_ten("twelve-edit", Language::En);
    assert!(h.render(80, 24).contains("Kees says"));
    // F2 on Joke's idea: while editing, the idea is Joke's…
    h.key(KeyCode::F(2));
    assert_eq!(
        h.on_disk().participant_name(h.on_disk().focus().unwrap()),
        "Joke"
    );
    h.typed(" in May").enter();
    // …and once it is in, Kees, who was next, has the input again.
    let session = h.on_disk();
    assert!(
        session
            .all_ideas()
            .any(|(_, i)| i.text == "speak at a job fair in May")
    );
    assert_eq!(session.participant_name(session.focus().unwrap()), "Kees");
    assert!(h.render(80, 24).contains("Kees says"));
    // Esc lets an edit go: the same.
    h.key(KeyCode::F(2)).key(KeyCode::Esc);
    let session = h.on_disk();
    assert_eq!(session.participant_name(session.focus().unwrap()), "Kees");
}

/// Whether a box on `screen` has a row with nothing in it (a box inside the step's box).
fn empty_rows_in_a_box(screen: &str) -> usize {
    screen
        .lines()
        .filter(|l| {
            let inner: Vec<&str> = l.split("││").collect();
            inner.len() >= 3
                && inner[inner.len() - 2].trim().is_empty()
                && inner[inner.len() - 2].len() > 20
        })
        .count()
}

/// Seven ballots (private) or seven people scored (open) on the pulse, figures shown.
fn scored_pulse(h: &mut Harness, open: bool) {
    h.page_down(1);
    for scores in ["342", "551", "423", "111", "345", "222", "433"] {
        h.typed(scores);
        if open {
            h.key(KeyCode::Tab);
        }
    }
    h.typed("v");
}

#[test]
fn the_pulse_shows_every_ballot_and_names_its_columns_without_empty_rows() {
    for lang in [Language::En, Language::Nl] {
        let h = &mut Harness::session("twelve-pulse", lang, &TWELVE);
        scored_pulse(h, false);
        let typed = if lang == Language::En {
            "Typed"
        } else {
            "Ingevoerd"
        };
        let screen = h.render(80, 24);
        assert_eq!(screen.matches(typed).count(), 7, "every ballot:\n{screen}");
        let screen = h.render(160, 48);
        assert_eq!(screen.matches(typed).count(), 7, "{screen}");
        assert_eq!(
            empty_rows_in_a_box(&screen),
            0,
            "no empty rows in a box:\n{screen}"
        );
        // Wide, the columns are headed by their statements' words, not S1 S2 S3.
        let session = h.on_disk();
        let ambassador::domain::StepKind::Pulse { items, .. } = &session.template().steps[1].kind
        else {
            panic!("the pulse")
        };
        let head = screen
            .lines()
            .find(|l| l.contains("2 ") && l.contains("3 "))
            .unwrap();
        let words: String = items[0].label.chars().take(12).collect();
        assert!(head.contains(&format!("1 {words}")), "{head}");
        assert!(!screen.contains("S1"), "{screen}");
    }
}

#[test]
fn an_open_pulse_shows_all_twelve_at_80_by_24() {
    let h = &mut Harness::open_pulse("twelve-open-pulse", Language::En, &TWELVE);
    scored_pulse(h, true);
    let screen = h.render(80, 24);
    for name in TWELVE {
        assert!(screen.contains(name), "{name}:\n{screen}");
    }
    let screen = h.render(160, 48);
    assert_eq!(empty_rows_in_a_box(&screen), 0, "{screen}");
}

#[test]
fn roles_show_all_twelve_with_their_choice_and_cut_nothing_without_an_ellipsis() {
    for lang in [Language::En, Language::Nl] {
        let h = &mut Harness::session("twelve-roles", lang, &TWELVE);
        h.page_down(2);
        for n in 0..12 {
            h.typed(["1", "2", "3", "4"][n % 4]).key(KeyCode::Tab);
        }
        let session = h.on_disk();
        let ambassador::domain::StepKind::Roles { roles } = &session.template().steps[2].kind
        else {
            panic!("the roles")
        };
        for (w, hh) in [(80, 24), (160, 48)] {
            let screen = h.render(w, hh);
            for name in TWELVE {
                let row = screen.lines().find(|l| l.contains(name));
                assert!(row.is_some(), "{name} at {w}×{hh}:\n{screen}");
            }
            // A role's name after a person's is whole, or ends in "…".
            for line in screen
                .lines()
                .filter(|l| TWELVE.iter().any(|n| l.contains(n)))
            {
                for (i, role) in roles.iter().enumerate() {
                    let start = format!("{} {}", i + 1, &role.label[..4]);
                    for (at, _) in line.match_indices(&start) {
                        let rest = &line[at..];
                        let whole = rest.starts_with(&format!("{} {}", i + 1, role.label));
                        let cut = rest
                            .split("  ")
                            .next()
                            .unwrap()
                            .trim_end_matches(['│', ' '])
                            .ends_with('…');
                        assert!(whole || cut, "{line}");
                    }
                }
            }
            assert_eq!(empty_rows_in_a_box(&screen), 0, "{screen}");
        }
    }
}

/// Ten ideas on each of the four questions, on to the common ground.
fn board_of_twelve(name: &str) -> Harness {
    let mut h = Harness::session(name, Language::En, &TWELVE);
    h.page_down(3);
    for _ in 0..4 {
        for idea in TEN {
            h.idea(idea).key(KeyCode::Tab);
        }
        h.page_down(1);
    }
    h
}

fn group_order(h: &Harness) -> Vec<ambassador::domain::GroupId> {
    let session = h.run().session();
    let index = session.idea_index();
    session
        .ranked_groups("common_ground", &index, true)
        .iter()
        .map(|(g, _)| g.id)
        .collect()
}

#[test]
fn scrolled_into_a_long_group_the_board_keeps_its_name_on_top() {
    let h = &mut board_of_twelve("twelve-board-sticky");
    let first = h
        .run()
        .session()
        .results("common_ground")
        .unwrap()
        .groups
        .len();
    assert!(first > 1);
    for _ in 0..8 {
        h.key(KeyCode::Down);
    }
    let screen = h.render(80, 24);
    let rows = ambassador::app::board_rows(h.run().session(), "common_ground");
    // The top row inside the board names the group the first idea in view belongs to.
    let top = screen
        .lines()
        .find(|l| l.contains("(continued)"))
        .unwrap_or_else(|| panic!("a group's name stays on top:\n{screen}"));
    let ambassador::app::board::BoardRow::Group(g) = rows[0] else {
        panic!()
    };
    let label = h
        .run()
        .session()
        .results("common_ground")
        .unwrap()
        .groups
        .iter()
        .find(|x| x.id == g)
        .unwrap()
        .label
        .clone();
    assert!(top.contains(&format!("1. {label}")), "{top}\n{screen}");
}

#[test]
fn the_dots_left_of_twelve_people_fit_without_a_broken_name_and_k_is_offered() {
    let h = &mut board_of_twelve("twelve-board-dots");
    let screen = h.render(80, 24);
    for name in TWELVE {
        assert!(
            screen.contains(&format!("{name} 3")),
            "{name} with its dots:\n{screen}"
        );
    }
    let start = screen
        .lines()
        .position(|l| l.contains("Dots left"))
        .unwrap();
    let panel: Vec<&str> = screen
        .lines()
        .skip(start)
        .take_while(|l| !l.contains("└"))
        .collect();
    assert!(panel.len() <= 3, "three rows at most:\n{screen}");
    let footer: String = screen.lines().rev().take(3).collect();
    assert!(footer.contains("k top K"), "k in the footer:\n{footer}");
}

#[test]
fn the_board_holds_its_order_while_the_facilitator_edits_and_ranks_anew_on_a_vote_or_n() {
    let h = &mut board_of_twelve("twelve-board-steady");
    let before = group_order(h);
    // Move every idea of the top group, one by one, to the last group: live, the ranks
    // would change under the room's eyes.
    let last = *before.last().unwrap();
    let ideas = h
        .run()
        .session()
        .results("common_ground")
        .unwrap()
        .groups
        .iter()
        .find(|g| g.id == before[0])
        .unwrap()
        .ideas
        .len();
    for _ in 0..ideas.saturating_sub(1) {
        h.key(KeyCode::Home).key(KeyCode::Down).typed("m");
        let number = before.len();
        h.typed(&number.to_string());
    }
    let held = group_order(h);
    let still_there: Vec<_> = before
        .iter()
        .filter(|g| held.contains(g))
        .copied()
        .collect();
    assert_eq!(
        &held[..still_there.len()],
        &still_there[..],
        "the order is held"
    );
    assert!(
        h.on_disk().results("common_ground").unwrap().order.len() >= 2,
        "held in the file, so the room view and phones follow it"
    );
    // n ranks anew: the biggest group goes up.
    h.typed("n");
    let anew = group_order(h);
    assert_eq!(anew[0], last, "{anew:?} after n, {held:?} before");
    assert!(
        h.on_disk()
            .results("common_ground")
            .unwrap()
            .order
            .is_empty()
    );
    // An edit holds it again; a vote lets it go.
    h.key(KeyCode::Home).typed("l");
    assert!(
        !h.on_disk()
            .results("common_ground")
            .unwrap()
            .order
            .is_empty()
    );
    h.typed("v");
    assert!(
        h.on_disk()
            .results("common_ground")
            .unwrap()
            .order
            .is_empty()
    );
}

#[test]
fn the_move_picker_offers_a_new_group_of_its_own() {
    let h = &mut board_of_twelve("twelve-board-new-group");
    let groups = h
        .run()
        .session()
        .results("common_ground")
        .unwrap()
        .groups
        .len();
    h.key(KeyCode::Home).key(KeyCode::Down).typed("m");
    let screen = h.render(160, 48);
    assert!(screen.contains("a new group of its own"), "{screen}");
    h.key(KeyCode::End);
    for _ in 0..groups {
        h.key(KeyCode::Down);
    }
    h.enter();
    assert_eq!(
        h.on_disk().results("common_ground").unwrap().groups.len(),
        groups + 1,
        "{}",
        h.message()
    );
}

#[test]
fn a_name_longer_than_the_row_gives_way_to_its_count_and_dots() {
    let long = "A".repeat(120);
    let h = &mut Harness::session("twelve-long-name", Language::En, &[&long, "Bob"]);
    h.page_down(3).idea("idea one");
    let screen = h.render(80, 24);
    assert!(
        screen.contains("… (1)"),
        "its count after the cut name:\n{screen}"
    );
    h.page_down(4);
    let screen = h.render(80, 24);
    assert!(
        screen.contains("… 3"),
        "its dots after the cut name:\n{screen}"
    );
}
