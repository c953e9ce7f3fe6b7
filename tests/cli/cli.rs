//! The command line as a facilitator uses it, through the real binary.

use crate::common;

use common::{filled_session, run, save_into, stderr, stdout};

#[test]
fn new_creates_a_readable_file_named_after_date_and_title() {
    let data = tempfile::tempdir().unwrap();
    let out = run(
        data.path(),
        &[
            "new",
            "--title",
            "Team Zorg & Welzijn",
            "--org",
            "Acme",
            "--lang",
            "nl",
            "--participant",
            "Ann",
            "--participant",
            "Bob",
            "--no-open",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).lines().next().unwrap().to_string();
    assert!(id.ends_with("-team-zorg-welzijn"), "{id}");
    let text =
        std::fs::read_to_string(data.path().join("sessions").join(format!("{id}.ron"))).unwrap();
    assert!(text.contains("title: \"Team Zorg & Welzijn\""));
    assert!(
        text.contains("Wat versta jij onder ambassadeurschap?"),
        "the Dutch workshop is copied in"
    );
    assert!(text.contains("name: \"Ann\""));
}

#[test]
fn two_sessions_with_the_same_title_on_one_day_get_different_files() {
    let data = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (0..3)
        .map(|_| {
            let out = run(data.path(), &["new", "--title", "Same", "--no-open"]);
            stdout(&out).lines().next().unwrap().to_string()
        })
        .collect();
    assert!(
        ids[1].ends_with("same-2") && ids[2].ends_with("same-3"),
        "{ids:?}"
    );
    assert_eq!(
        std::fs::read_dir(data.path().join("sessions"))
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ron"))
            .count(),
        3
    );
}

#[test]
fn list_json_has_the_promised_fields_and_lists_unreadable_files() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(4));
    std::fs::write(
        data.path().join("sessions/broken.ron"),
        "(version: 3, title: ",
    )
    .unwrap();
    let out = run(data.path(), &["list", "--json"]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let sessions = doc["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    let s = &sessions[0];
    assert_eq!(s["id"], "2026-11-27-test");
    assert_eq!(s["title"], "Test team");
    assert_eq!(s["organisation"], "Acme");
    assert_eq!(s["created"], "2026-11-27T09:00:00Z");
    assert_eq!(
        s["participants"],
        serde_json::json!(["Ann", "Bob", "Chloé"])
    );
    assert_eq!(s["ideas"], 16);
    assert!(s["path"].as_str().unwrap().ends_with("2026-11-27-test.ron"));
    assert!(
        sessions[1]["error"]
            .as_str()
            .unwrap()
            .contains("broken.ron:1:")
    );
}

#[test]
fn list_on_an_empty_data_dir_says_how_to_start() {
    let data = tempfile::tempdir().unwrap();
    let out = run(data.path(), &["list"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("No sessions yet"), "{}", stdout(&out));
}

#[test]
fn export_json_contains_every_idea_with_its_participant() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(3));
    let out = run(data.path(), &["export", "test", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ideas = doc["ideas"].as_array().unwrap();
    assert_eq!(ideas.len(), 12);
    assert_eq!(ideas[0]["participant"], "Ann");
    assert_eq!(ideas[1]["participant"], "Bob");
    assert_eq!(ideas[0]["step"], "q1");
    assert_eq!(doc["session"]["title"], "Test team");
}

#[test]
fn export_markdown_to_a_file() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(2));
    let target = data.path().join("report.md");
    let out = run(
        data.path(),
        &[
            "export",
            "test",
            "--format",
            "md",
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(&target).unwrap();
    assert!(md.starts_with("# Test team\n"), "{md}");
    // Scored aloud (1, 2 and 3 by name), reported as figures: how many scored low, not who.
    assert!(
        md.contains(
            "| I am in the right place here | 3 | 2.0 | `1 ███   5` | 2 scored 2 or lower |"
        ),
        "{md}"
    );
    assert!(!md.contains("Ann, Bob |"), "{md}");
    assert!(
        md.contains("- idea 1 about proud work on q2 — *Bob*"),
        "{md}"
    );
    assert!(
        md.contains("| Share one story a month | Ann | every month |"),
        "{md}"
    );
}

#[test]
fn export_to_an_unwritable_place_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(1));
    let out = run(
        data.path(),
        &["export", "test", "--format", "md", "-o", "/proc/report.md"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("could not write /proc/report.md"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn version_shows_the_data_and_config_folders() {
    let data = tempfile::tempdir().unwrap();
    let out = run(data.path(), &["--version"]);
    let text = stdout(&out);
    assert!(text.starts_with("ambassador "), "{text}");
    assert!(
        text.contains(&format!("data:      {}", data.path().display())),
        "{text}"
    );
    assert!(text.contains("-config"), "{text}");
}

#[test]
fn the_environment_overrides_the_standard_folders() {
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(common::bin())
        .arg("paths")
        .env("AMBASSADOR_DATA_DIR", data.path())
        .env("AMBASSADOR_CONFIG_DIR", data.path().join("cfg"))
        .env("AMBASSADOR_CACHE_DIR", data.path().join("cache"))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "sessions:  {}",
            data.path().join("sessions").display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "cache:     {}",
            data.path().join("cache").display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "templates: {}",
            data.path().join("cfg").join("workshops").display()
        )),
        "{text}"
    );
}

#[test]
fn templates_lists_builtin_and_own_and_names_broken_ones() {
    let data = tempfile::tempdir().unwrap();
    let workshops = std::path::PathBuf::from(format!("{}-config/workshops", data.path().display()));
    std::fs::create_dir_all(&workshops).unwrap();
    let mut own = include_str!("../../workshops/ambassadorship.en.ron").replacen(
        "id: \"ambassadorship\"",
        "id: \"short\"",
        1,
    );
    own = own.replacen(
        "title: \"Ambassadorship: what makes you a good ambassador?\"",
        "title: \"Short version\"",
        1,
    );
    std::fs::write(workshops.join("short.ron"), &own).unwrap();
    std::fs::write(
        workshops.join("broken.ron"),
        own.replacen("kind: Question", "kind: Quiz", 1),
    )
    .unwrap();
    let out = run(data.path(), &["templates"]);
    let text = stdout(&out);
    let listed = |id: &str, lang: &str| {
        text.lines()
            .any(|l| l.split_whitespace().take(2).eq([id, lang]))
    };
    for id in ["ambassadorship", "ambassadorship-follow-up"] {
        assert!(listed(id, "en") && listed(id, "nl"), "{text}");
    }
    assert!(text.contains("Short version"), "{text}");
    assert!(
        text.contains("BROKEN") && text.contains("broken.ron:"),
        "{text}"
    );

    let made = run(data.path(), &["new", "--template", "short", "--no-open"]);
    assert!(made.status.success(), "{}", stderr(&made));
    let bad = run(data.path(), &["new", "--template", "broken", "--no-open"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("broken.ron:") && stderr(&bad).contains("Quiz"),
        "{}",
        stderr(&bad)
    );
    let unknown = run(data.path(), &["new", "--template", "nope", "--no-open"]);
    assert!(
        stderr(&unknown).contains("no workshop template \"nope\""),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn an_own_template_with_a_builtins_id_and_language_replaces_it_and_says_so() {
    let data = tempfile::tempdir().unwrap();
    let workshops = std::path::PathBuf::from(format!("{}-config/workshops", data.path().display()));
    std::fs::create_dir_all(&workshops).unwrap();
    let own = include_str!("../../workshops/ambassadorship.en.ron").replacen(
        "title: \"Ambassadorship: what makes you a good ambassador?\"",
        "title: \"Our own ambassadorship\"",
        1,
    );
    std::fs::write(workshops.join("ambassadorship.en.ron"), &own).unwrap();
    let out = run(data.path(), &["templates"]);
    let text = stdout(&out);
    let rows = |id: &str, lang: &str| -> Vec<&str> {
        text.lines()
            .filter(|l| l.split_whitespace().take(2).eq([id, lang]))
            .collect()
    };
    let en = rows("ambassadorship", "en");
    assert_eq!(en.len(), 1, "listed once, not beside the built-in:\n{text}");
    assert!(
        en[0].contains("Our own ambassadorship") && en[0].contains("replaces the built-in"),
        "{text}"
    );
    let nl = rows("ambassadorship", "nl");
    assert!(nl.len() == 1 && nl[0].contains("[built-in]"), "{text}");

    let made = run(
        data.path(),
        &[
            "new",
            "--template",
            "ambassadorship",
            "--lang",
            "en",
            "--no-open",
        ],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let id = stdout(&made).lines().next().unwrap().to_string();
    let session =
        std::fs::read_to_string(data.path().join("sessions").join(format!("{id}.ron"))).unwrap();
    assert!(
        session.contains("Our own ambassadorship"),
        "the own one is used"
    );
}

#[test]
fn an_older_file_is_migrated_and_the_original_kept() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let original = include_str!("../fixtures/v1-session.ron");
    let path = dir.join("2026-05-12-team-noord.ron");
    std::fs::write(&path, original).unwrap();

    let file = ambassador::store::SessionFile::open(&path).unwrap();
    let s = &file.session();
    assert_eq!(s.version(), ambassador::domain::FORMAT_VERSION);
    let names: Vec<&str> = s.participants().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Anouk", "Pieter"]);
    let anouk = s.participants()[0].id;
    let q1 = s.results("q1").unwrap();
    assert_eq!(q1.ideas[2].participant, anouk);
    assert_eq!(
        q1.groups[0].ideas,
        [ambassador::domain::IdeaId(7), ambassador::domain::IdeaId(9)]
    );
    assert_eq!(
        s.results("pulse").unwrap().pulse[&s.participants()[1].id]["right_place"],
        2
    );
    assert!(s.next_id() > 10, "new ids never collide with old ones");

    let backup = file.backup.clone().unwrap();
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), original);
    assert!(backup.to_string_lossy().ends_with(".ron.v1.bak"));
    let rewritten = std::fs::read_to_string(&path).unwrap();
    assert!(rewritten.contains("version: 5"));
    drop(file);
    // A second open finds a current file: no second backup.
    let again = ambassador::store::SessionFile::open(&path).unwrap();
    assert!(again.backup.is_none());
}

#[test]
fn an_older_file_opened_for_review_is_not_rewritten() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("old.ron");
    std::fs::write(&path, include_str!("../fixtures/v1-session.ron")).unwrap();
    let out = run(data.path(), &["export", "old", "--format", "md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("trots zijn op je team"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        include_str!("../fixtures/v1-session.ron")
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no backup for a read-only look"
    );
}

fn group(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(common::bin())
        .args(["group"])
        .args(args)
        .env("AMBASSADOR_CONFIG_DIR", "/nonexistent-ambassador-config")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A usage error exits before reading, closing the pipe early.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

/// Every non-empty line index appears in exactly one group.
fn assert_partition(json: &str, lines: usize) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut seen = vec![0; lines];
    for g in doc["groups"].as_array().unwrap() {
        assert!(g["label"].is_string());
        for i in g["items"].as_array().unwrap() {
            seen[i.as_u64().unwrap() as usize] += 1;
        }
    }
    assert!(seen.iter().all(|n| *n == 1), "{seen:?}");
    doc
}

#[test]
fn group_json_puts_every_line_in_exactly_one_group_and_links_languages() {
    let input = "trots op ons werk\n\nproud of our work\nLinkedIn posts delen\n   \nsharing posts on LinkedIn\n";
    let out = group(&["--json"], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = assert_partition(&stdout(&out), 4);
    let together = |a: u64, b: u64| {
        doc["groups"].as_array().unwrap().iter().any(|g| {
            let items: Vec<u64> = g["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_u64().unwrap())
                .collect();
            items.contains(&a) && items.contains(&b)
        })
    };
    assert!(together(0, 1), "trots ~ proud: {doc}");
    assert!(together(2, 3), "LinkedIn posts: {doc}");
    assert!(!together(0, 2), "{doc}");
}

#[test]
fn group_handles_hostile_input_clearly() {
    let out = group(&["--json"], b"");
    assert_eq!(stdout(&out).trim(), r#"{"groups":[]}"#);
    let out = group(&["--json"], b"\n  \n\t\n");
    assert_eq!(stdout(&out).trim(), r#"{"groups":[]}"#);
    let out = group(&["--json"], "🎉🎉\n!!!\n\u{7}\u{1b}[31m\n".as_bytes());
    assert!(out.status.success());
    assert_partition(&stdout(&out), 3);
    let long = "woord ".repeat(17_000);
    let out = group(&["--json"], long.as_bytes());
    assert_partition(&stdout(&out), 1);
    let out = group(&[], b"ok line\n\xff\xfe broken\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("line 2 is not valid UTF-8"),
        "{}",
        stderr(&out)
    );
    let same = "the same idea\n".repeat(10_000);
    let out = group(&["--json", "--lang", "en"], same.as_bytes());
    let doc = assert_partition(&stdout(&out), 10_000);
    assert_eq!(doc["groups"].as_array().unwrap().len(), 1);
    let out = group(&["--lang", "fr"], b"x");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn group_text_output_is_readable() {
    let out = group(&[], b"posting on LinkedIn\nLinkedIn posts\n");
    let text = stdout(&out);
    assert!(
        text.contains("(2)") && text.contains("posting on LinkedIn"),
        "{text}"
    );
}

#[test]
fn without_a_terminal_the_full_screen_program_says_it_needs_one_and_what_works() {
    let data = tempfile::tempdir().unwrap();
    let out = run(data.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("list, export"), "{err}");
}

#[test]
fn a_reader_that_stops_early_is_a_normal_end() {
    use std::io::Read;
    let data = tempfile::tempdir().unwrap();
    // More than a pipe holds (64 KB), so the program is still writing when the reader goes.
    for i in 0..600 {
        let mut s = filled_session(0);
        s.name_after_file(&format!("2026-11-27-team-{i}"));
        save_into(data.path(), s);
    }
    // Read the start of `list --json`, then hang up, as `ambassador list --json | head` does.
    let mut child = std::process::Command::new(common::bin())
        .args([
            "--data-dir",
            data.path().to_str().unwrap(),
            "list",
            "--json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("Broken pipe"), "{err}");
    assert!(out.status.success(), "{:?} {err}", out.status);
}

/// Every option and argument of every command says what it is for, so `--help`, the man page
/// and the completions never show a bare `<SESSION>` or `[default: ""]`.
#[test]
fn every_argument_of_every_command_is_described() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" && path == "ambassador" {
                continue;
            }
            if arg.get_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
            if arg.get_default_values().iter().any(|v| v.is_empty())
                && !arg.is_hide_default_value_set()
            {
                missing.push(format!("{path} {id}: shows an empty default"));
            }
        }
        for sub in cmd.get_subcommands() {
            if sub.get_about().is_none() {
                missing.push(format!("{path} {}: no description", sub.get_name()));
            }
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&ambassador::cli::Cli::command(), "ambassador", &mut missing);
    assert!(missing.is_empty(), "undescribed: {missing:#?}");
}

#[test]
fn new_help_lists_the_languages_and_no_empty_defaults() {
    let data = tempfile::tempdir().unwrap();
    let out = run(data.path(), &["new", "--help"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let help = stdout(&out);
    assert!(help.contains("[possible values: en, nl]"), "{help}");
    assert!(
        !help.contains("[default: ]") && !help.contains("[default: \"\"]"),
        "{help}"
    );
}

#[test]
fn completions_for_each_shell_name_every_command() {
    let data = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = run(data.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for command in ["new", "open", "present", "export", "group", "completions"] {
            assert!(
                script.contains(command),
                "{shell} completions lack {command}"
            );
        }
    }
    let out = run(data.path(), &["completions", "tcsh-ish"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let data = tempfile::tempdir().unwrap();
    let out = run(data.path(), &["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(
        page.starts_with(".ie") || page.contains(".TH ambassador"),
        "{page}"
    );
    for command in ["new", "present", "export", "completions"] {
        assert!(page.contains(command), "man page lacks {command}");
    }
}

#[test]
fn export_into_a_folder_writes_the_report_under_its_usual_name() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(1));
    let folder = data.path().join("reports");
    std::fs::create_dir(&folder).unwrap();
    let out = run(
        data.path(),
        &[
            "export",
            "test",
            "--format",
            "md",
            "-o",
            folder.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with(".md"), "{names:?}");
    let md = std::fs::read_to_string(folder.join(&names[0])).unwrap();
    assert!(md.starts_with("# Test team\n"), "{md}");
}

#[test]
fn follow_ups_get_numbered_titles_and_an_ambiguous_name_lists_the_candidates() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(1));
    let mut ids = Vec::new();
    for _ in 0..2 {
        let out = run(
            data.path(),
            &["new", "--follow-up", "2026-11-27-test", "--no-open"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        ids.push(stdout(&out).lines().next().unwrap().to_string());
    }
    assert!(ids[0].ends_with("-test-team-follow-up-1"), "{ids:?}");
    assert!(ids[1].ends_with("-test-team-follow-up-2"), "{ids:?}");
    let list = stdout(&run(data.path(), &["list"]));
    assert!(list.contains("Test team — follow-up 2 (Acme)"), "{list}");
    let out = run(data.path(), &["export", "test-team", "--format", "md"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("matches several sessions")
            && ids.iter().all(|id| err.contains(id.as_str()))
            && err.contains("(\"Test team — follow-up 2\")"),
        "{err}"
    );
}

#[test]
fn a_format_4_file_migrates_with_dated_actions_and_the_original_kept() {
    use jiff::civil::date;
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let original = include_str!("../fixtures/v4-session.ron");
    let path = dir.join("2026-11-20-team-noord.ron");
    std::fs::write(&path, original).unwrap();

    let file = ambassador::store::SessionFile::open(&path).unwrap();
    let s = file.session();
    assert_eq!(s.version(), 5);
    assert_eq!(s.team(), "", "no team before format 5");
    let actions = &s.results("bridge").unwrap().actions;
    let dues: Vec<_> = actions.iter().map(|a| a.due).collect();
    assert_eq!(
        dues,
        [Some(date(2027, 3, 12)), Some(date(2026, 12, 5)), None],
        "day-month read ahead of the session's date; free text stays free"
    );
    assert_eq!(actions[2].when, "na de zomer", "the words are kept");
    assert!(actions[1].overdue_on(date(2026, 12, 6), None));
    assert!(!actions[1].overdue_on(date(2026, 12, 6), Some(ambassador::domain::Status::Done)));
    assert!(!actions[2].overdue_on(date(2030, 1, 1), None));

    let backup = file.backup.clone().unwrap();
    assert!(backup.to_string_lossy().ends_with(".ron.v4.bak"));
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), original);
    let rewritten = std::fs::read_to_string(&path).unwrap();
    assert!(rewritten.contains("version: 5") && rewritten.contains("due: Some(\"2027-03-12\")"));
}
