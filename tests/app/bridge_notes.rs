//! Notes of several lines on the bridge (issue 12, item 23): Enter starts a line, Ctrl-S or
//! F2 saves, the line breaks are kept in the session file, on the screen and in the reports.

use crate::common;

use ambassador::app::Context;
use ambassador::domain::Language;
use ambassador::export::Format;
use ambassador::steps::report::render;
use common::drive::Harness;
use crossterm::event::KeyCode;

const FIRST: &str = "Revisit the low pulse scores in March";
const SECOND: &str = "Ask HR about the training budget";

fn notes(h: &Harness) -> String {
    h.on_disk()
        .results("bridge")
        .map(|r| r.notes.clone())
        .unwrap_or_default()
}

fn on_the_bridge(name: &str) -> Harness {
    let mut h = Harness::session(name, Language::En, &["Ann", "Bob"]);
    h.page_down(8);
    assert_eq!(h.run().step_id(), "bridge");
    h
}

#[test]
fn two_lines_typed_are_saved_with_their_break_and_come_back_on_reopening() {
    let mut h = on_the_bridge("notes-two-lines");
    h.typed("t").typed(FIRST).enter().typed(SECOND);
    assert_eq!(h.app.context(), Context::PromptLines, "Enter did not save");
    assert_eq!(notes(&h), "", "nothing saved before Ctrl-S");
    h.ctrl('s');
    assert!(h.app.overlay.is_none(), "Ctrl-S saved and closed the form");
    assert_eq!(notes(&h), format!("{FIRST}\n{SECOND}"));
    let screen = h.render(100, 30);
    let first = screen.lines().position(|l| l.contains(FIRST));
    let second = screen.lines().position(|l| l.contains(SECOND));
    assert!(
        matches!((first, second), (Some(a), Some(b)) if b == a + 1),
        "each note on its own line:\n{screen}"
    );

    h.reopen();
    h.typed("t");
    let screen = h.render(100, 30);
    assert!(
        screen.contains(FIRST) && screen.contains(SECOND) && screen.contains("Ctrl-S"),
        "{screen}"
    );
    // ↑ goes back to the first line; the edit lands there; F2 saves too.
    h.key(KeyCode::Up).key(KeyCode::End).typed(" and April");
    h.key(KeyCode::F(2));
    assert_eq!(notes(&h), format!("{FIRST} and April\n{SECOND}"));
    // Ctrl-Z takes the edit back, as every change.
    h.ctrl('z');
    assert_eq!(notes(&h), format!("{FIRST}\n{SECOND}"));
}

#[test]
fn esc_leaves_the_notes_as_they_were() {
    let mut h = on_the_bridge("notes-esc");
    h.typed("t").typed(FIRST).ctrl('s');
    h.typed("t")
        .enter()
        .typed("half a thought")
        .key(KeyCode::Esc);
    assert!(h.app.overlay.is_none());
    assert_eq!(notes(&h), FIRST);
}

#[test]
fn the_reports_show_both_lines() {
    let mut h = on_the_bridge("notes-export");
    h.typed("t").typed(FIRST).enter().typed(SECOND).ctrl('s');
    let session = h.on_disk();
    let md = render(&session, Format::Md, false, &jiff::tz::TimeZone::UTC);
    let at = md.find(FIRST).expect("the first line in Markdown");
    let rest = &md[at..];
    assert!(
        rest.starts_with(&format!("{FIRST}\\\n{SECOND}")),
        "a line break between them:\n{md}"
    );
    let html = render(&session, Format::Html, false, &jiff::tz::TimeZone::UTC);
    assert!(
        html.contains(&format!("{FIRST}<br>\n{SECOND}")),
        "a line break in HTML:\n{html}"
    );
    let json = render(&session, Format::Json, false, &jiff::tz::TimeZone::UTC);
    assert!(json.contains(&format!("{FIRST}\\n{SECOND}")), "{json}");
    // Looked at again later (review opens it read-only), each line on a line of its own.
    h.reopen_read_only();
    assert_eq!(h.run().step_id(), "bridge");
    let screen = h.render(100, 30);
    let first = screen.lines().position(|l| l.contains(FIRST));
    let second = screen.lines().position(|l| l.contains(SECOND));
    assert!(
        matches!((first, second), (Some(a), Some(b)) if b == a + 1),
        "{screen}"
    );
}

#[test]
fn the_notes_form_snapshot() {
    let mut h = on_the_bridge("notes-snapshot");
    h.typed("t").typed(FIRST).enter().typed(SECOND).enter().typed("and a third line that is long enough to wrap inside the box of the form, however wide it is");
    let screen = h.render(80, 24);
    assert!(
        screen.contains("however wide it is"),
        "the third line wraps:\n{screen}"
    );
    for (w, hgt) in [(100, 30), (80, 24)] {
        insta::assert_snapshot!(format!("notes_form_{w}x{hgt}"), h.render(w, hgt));
    }
}
