//! The end of a session at 80×24 (issue 25): the close step's summary scrolls to every
//! action, the pulse, the file and the follow-up date, and finishing says so at once.

use crate::common;

use ambassador::domain::Language;
use common::drive::Harness;
use crossterm::event::KeyCode;

/// Five actions agreed on the bridge, then on to the close step.
fn five_actions(name: &str, lang: Language) -> Harness {
    let mut h = Harness::session(name, lang, &["Ann", "Bob", "Chloé"]);
    h.page_down(8);
    for n in 1..=5 {
        h.typed("a")
            .typed(&format!("action number {n} for the team"))
            .key(KeyCode::Tab)
            .typed("Ann");
        h.key(KeyCode::Tab).typed("2027-03-01").enter();
    }
    h.page_down(1);
    h
}

#[test]
fn the_close_summary_scrolls_to_every_action_and_the_follow_up_date() {
    for lang in [Language::En, Language::Nl] {
        let h = &mut five_actions("close-scroll", lang);
        let screen = h.render(80, 24);
        let more = if lang == Language::En {
            "↓ more"
        } else {
            "↓ meer"
        };
        assert!(
            screen.contains(more),
            "the edge says there is more:\n{screen}"
        );
        // Tab gives ↑↓ to the summary; everything comes into view on the way down.
        h.key(KeyCode::Tab);
        let mut seen = String::new();
        for _ in 0..30 {
            seen.push_str(&h.render(80, 24));
            h.key(KeyCode::Down);
        }
        for n in 1..=5 {
            assert!(
                seen.contains(&format!("action number {n}")),
                "action {n}:\n{seen}"
            );
        }
        let follow_up = if lang == Language::En {
            "Follow-up session"
        } else {
            "Vervolgsessie"
        };
        assert!(seen.contains(follow_up), "{seen}");
        let end = h.render(80, 24);
        assert!(!end.contains(more), "at the end, no more below:\n{end}");
        // Tab again: ↑↓ move through the checklist as before.
        h.key(KeyCode::Tab)
            .key(KeyCode::Down)
            .key(KeyCode::Char(' '));
        assert_eq!(
            h.on_disk()
                .results(&h.on_disk().current_step().id)
                .unwrap()
                .checked
                .len(),
            1
        );
    }
}

#[test]
fn finishing_shows_on_the_close_step_at_once() {
    for lang in [Language::En, Language::Nl] {
        let h = &mut five_actions("close-finish", lang);
        let before = h.render(80, 24);
        h.key(KeyCode::Char('f'));
        assert!(h.on_disk().finished().is_some());
        let after = h.render(80, 24);
        let said = if lang == Language::En {
            "✓ Finished on"
        } else {
            "✓ Afgerond op"
        };
        assert!(!before.contains(said) && after.contains(said), "{after}");
    }
}
