//! The acceptance flows of the facilitation screens, on the real binary in tmux at 100×30.

use crate::common;

use common::tmux::Tmux;
use common::{bin, run, stdout};

fn start(data: &std::path::Path, args: &[&str]) -> Tmux {
    let mut all = vec!["--data-dir", data.to_str().unwrap(), "--config-dir"];
    let config = format!("{}-config", data.display());
    let config: &'static str = Box::leak(config.into_boxed_str());
    all.push(config);
    all.extend_from_slice(args);
    Tmux::start(bin(), &all, 100, 30)
}

fn new_session(data: &std::path::Path) -> Tmux {
    start(
        data,
        &[
            "new",
            "--title",
            "Acceptance",
            "--org",
            "Acme",
            "--participant",
            "Ann",
            "--participant",
            "Bob",
        ],
    )
}

fn session_id(data: &std::path::Path) -> String {
    let out = stdout(&run(data, &["list", "--json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    doc["sessions"][0]["id"].as_str().unwrap().to_string()
}

fn idea_count(screen: &str) -> usize {
    screen
        .split("Ideas (")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Types an idea and waits until the list has one more, so it has been committed.
fn idea(t: &Tmux, text: &str) {
    let before = idea_count(&t.screen());
    t.type_text(text);
    t.keys(&["Enter"]);
    t.wait_until(|s| idea_count(s) == before + 1, text);
}

#[test]
fn capture_ideas_group_them_export_and_open_again() {
    let data = tempfile::tempdir().unwrap();
    let t = new_session(data.path());
    t.wait_for("Acceptance  ·  step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("step 4/10");
    t.wait_for("Ann says…");
    idea(&t, "proud to tell people where I work");
    t.keys(&["Tab"]);
    t.wait_for("Bob says…");
    idea(&t, "trots praten over mijn team");
    idea(&t, "posting about our projects on LinkedIn");
    t.keys(&["Tab"]);
    t.wait_for("Ann says…");
    idea(&t, "LinkedIn posts delen");
    let screen = t.wait_for("Ideas (4)");
    // Overlapping ideas share a group: two groups of two, not four singletons.
    assert!(screen.contains("(2)"), "{screen}");
    t.keys(&["C-c"]);
    t.wait_exit();

    let id = session_id(data.path());
    let out = run(data.path(), &["export", &id, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ideas: Vec<(String, String)> = doc["ideas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["participant"].as_str().unwrap().into(),
                i["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        ideas,
        [
            (
                "Ann".to_string(),
                "proud to tell people where I work".to_string()
            ),
            ("Bob".into(), "trots praten over mijn team".into()),
            (
                "Bob".into(),
                "posting about our projects on LinkedIn".into()
            ),
            ("Ann".into(), "LinkedIn posts delen".into()),
        ]
    );

    let again = start(data.path(), &["open", &id]);
    let screen = again.wait_for("step 4/10");
    assert!(
        screen.contains("LinkedIn posts delen") && screen.contains("Ann says…"),
        "{screen}"
    );
    again.keys(&["C-c"]);
    again.wait_exit();
}

#[test]
fn closing_the_terminal_mid_session_keeps_every_committed_idea() {
    let data = tempfile::tempdir().unwrap();
    let t = new_session(data.path());
    t.wait_for("step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown", "PageDown"]);
    t.wait_for("step 5/10");
    let ideas = [
        "networking drinks",
        "LinkedIn",
        "verjaardagen",
        "klantbezoek",
        "open dag",
    ];
    for text in ideas {
        idea(&t, text);
    }
    t.type_text("a draft not yet entered");
    t.wait_for("a draft not yet entered");
    let pid = t.pane_pid();
    t.kill_window();
    // The program saves what was being typed on its way out: wait until it is gone.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{pid}")).exists()
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let id = session_id(data.path());
    let out = stdout(&run(data.path(), &["export", &id, "--format", "json"]));
    for text in ideas {
        assert!(out.contains(text), "{text} lost:\n{out}");
    }
    assert!(
        out.contains("a draft not yet entered"),
        "the draft being typed is kept"
    );
}

#[test]
fn pulse_and_roles_from_the_keyboard() {
    let data = tempfile::tempdir().unwrap();
    let t = new_session(data.path());
    t.wait_for("step 1/10");
    t.keys(&["PageDown"]);
    t.wait_for("Engagement pulse");
    // The pulse is private unless chosen otherwise: two ballots typed by hand, no names.
    t.type_text("452213");
    t.wait_until(|s| s.contains("2 of 2 scored"), "two ballots counted");
    t.type_text("v");
    let screen = t.wait_until(
        |s| s.contains("too few to show (2 scored; at least 3)"),
        "no figures from two scorers",
    );
    assert!(
        !screen.contains("Ann") && !screen.contains("Bob"),
        "{screen}"
    );
    t.keys(&["PageDown"]);
    t.wait_for("Which ambassador?");
    t.type_text("2");
    t.wait_for("▶ Bob");
    t.type_text("4");
    let screen = t.wait_for("2 of 2 chose");
    assert!(
        screen.contains("2 Advocate for working here") && screen.contains("4 Relay"),
        "{screen}"
    );
    t.keys(&["C-c"]);
    t.wait_exit();
    let md = stdout(&run(
        data.path(),
        &["export", &session_id(data.path()), "--format", "md"],
    ));
    assert!(
        md.contains(
            "| I am in the right place here | 2 | too few to show (2 scored; at least 3) |"
        ),
        "{md}"
    );
    assert!(md.contains("*Private: the room sees only totals*"), "{md}");
    assert!(md.contains("- Relay: 1"), "{md}");
}

#[test]
fn the_board_merges_renames_and_undoes() {
    let data = tempfile::tempdir().unwrap();
    let t = new_session(data.path());
    t.wait_for("step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("Ann says…");
    idea(&t, "proud of our work");
    idea(&t, "time for training");
    t.keys(&["PageDown", "PageDown", "PageDown", "PageDown"]);
    let screen = t.wait_for("Common ground: 2 groups");
    assert!(
        screen.contains("proud of our work") && screen.contains("time for training"),
        "{screen}"
    );
    // Merge the first group into the second.
    t.keys(&["g", "Down", "Down", "Enter"]);
    t.wait_for("Common ground: 1 groups");
    t.keys(&["r"]);
    t.wait_for("Rename group");
    t.keys(&["C-a", "C-k"]);
    t.type_text("Growing together");
    t.keys(&["Enter"]);
    t.wait_for("Growing together");
    t.keys(&["C-z"]);
    t.wait_until(|s| !s.contains("Growing together"), "rename undone");
    t.keys(&["C-z"]);
    t.wait_for("Common ground: 2 groups");
    t.keys(&["C-y"]);
    t.wait_for("Common ground: 1 groups");
    t.keys(&["C-c"]);
    t.wait_exit();
}

#[test]
fn actions_with_what_who_when() {
    let data = tempfile::tempdir().unwrap();
    let t = new_session(data.path());
    t.wait_for("step 1/10");
    for _ in 0..8 {
        t.keys(&["PageDown"]);
    }
    t.wait_for("Bridge to the goal");
    t.keys(&["a"]);
    t.wait_for("New action");
    t.type_text("Share one story a month");
    t.keys(&["Tab"]);
    t.type_text("Ann");
    t.keys(&["Tab"]);
    t.type_text("monthly");
    t.keys(&["Enter"]);
    t.wait_for("Actions (1)");
    t.keys(&["C-c"]);
    t.wait_exit();
    let md = stdout(&run(
        data.path(),
        &["export", &session_id(data.path()), "--format", "md"],
    ));
    assert!(
        md.contains("| Share one story a month | Ann | monthly |"),
        "{md}"
    );
}

#[test]
fn pasting_lines_adds_one_idea_each_and_emoji_and_accents_show() {
    let data = tempfile::tempdir().unwrap();
    let t = new_session(data.path());
    t.wait_for("step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("Ann says…");
    t.paste("netwerkborrel 🍻\nLinkedIn posts\ncafé-gesprekken met klanten\n");
    let screen = t.wait_for("Ideas (3)");
    assert!(screen.contains("netwerkborrel 🍻"), "{screen}");
    assert!(screen.contains("café-gesprekken"), "{screen}");
    idea(&t, "trots 👩🏽‍💻 op ons team");
    t.keys(&["C-c"]);
    t.wait_exit();
    let out = stdout(&run(
        data.path(),
        &["export", &session_id(data.path()), "--format", "json"],
    ));
    assert!(
        out.contains("trots 👩🏽‍💻 op ons team") && out.contains("netwerkborrel 🍻"),
        "{out}"
    );
}

#[test]
fn a_resize_storm_never_breaks_the_screen() {
    let data = tempfile::tempdir().unwrap();
    let t = new_session(data.path());
    t.wait_for("step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("Ann says…");
    let sizes = [
        (20, 5),
        (200, 60),
        (61, 16),
        (1, 1),
        (80, 24),
        (59, 40),
        (300, 10),
        (100, 30),
    ];
    for round in 0..6 {
        for (w, h) in sizes {
            t.resize(w + round, h);
        }
    }
    t.resize(100, 30);
    t.wait_for("Ann says…");
    assert!(t.alive());
    idea(&t, "still typing after the storm");
    t.resize(40, 10);
    t.wait_for("enlarge");
    t.resize(100, 30);
    t.wait_for("still typing after the storm");
    t.keys(&["C-c"]);
    t.wait_exit();
}
