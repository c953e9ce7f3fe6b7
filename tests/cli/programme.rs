//! `ambassador themes`: common ground across sessions through the real binary — the JSON
//! shape scripts rely on, the choice of sessions, an archive beside the own folder, and the
//! HTML programme report loaded and printed by headless Chromium.

use crate::common;

use ambassador::domain::Change;
use common::{clock, filled_session, save_into};
use serde_json::Value;
use std::path::Path;

/// Two own sessions (one of them of another programme) and one in the archive.
fn programme(data: &Path) {
    let mut a = filled_session(2);
    a.apply(Change::SetOrganisation("Zorggroep".into()), &clock())
        .unwrap();
    save_into(data, a);
    let text = common::render(&filled_session(1))
        .replacen("id: \"2026-11-27-test\"", "id: \"2026-11-28-other\"", 1)
        .replacen(
            "created: \"2026-11-27T09:00:00Z\"",
            "created: \"2026-11-28T09:00:00Z\"",
            1,
        )
        .replacen(
            "    language:",
            "    team: \"South\",\n    programme: \"Pilot\",\n    language:",
            1,
        );
    let dir = data.join("sessions");
    std::fs::write(dir.join("2026-11-28-other.ron"), &text).unwrap();
    let archive = data.join("archive").join("sessions");
    std::fs::create_dir_all(&archive).unwrap();
    let shared = text
        .replacen("id: \"2026-11-28-other\"", "id: \"2026-11-29-x7k2\"", 1)
        .replacen(
            "created: \"2026-11-28T09:00:00Z\"",
            "created: \"2026-11-29T09:00:00Z\"",
            1,
        )
        .replacen("team: \"South\"", "team: \"East\"", 1);
    std::fs::write(archive.join("2026-11-29-x7k2.ron"), shared).unwrap();
}

fn themes(data: &Path, args: &[&str]) -> Value {
    let mut all = vec!["themes", "--fast", "--json"];
    all.extend_from_slice(args);
    let out = common::run(data, &all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("themes --json is JSON")
}

#[test]
fn themes_json_has_the_documented_shape() {
    let data = tempfile::tempdir().unwrap();
    programme(data.path());
    let r = themes(data.path(), &[]);
    let sessions = r["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 3, "own and archived: {r:#}");
    for key in [
        "id",
        "title",
        "team",
        "programme",
        "organisation",
        "date",
        "archived",
        "participants",
        "ideas",
    ] {
        assert!(sessions[0].get(key).is_some(), "sessions[].{key}");
    }
    assert_eq!(sessions[2]["archived"], true);
    assert_eq!(sessions[2]["team"], "East");
    let theme = &r["themes"][0];
    for key in [
        "label",
        "sessions",
        "teams",
        "people",
        "first_seen",
        "last_seen",
        "denominator_in",
        "ideas",
    ] {
        assert!(theme.get(key).is_some(), "themes[].{key}");
    }
    assert_eq!(
        theme["sessions"].as_array().unwrap().len(),
        3,
        "the same ideas in all three: {theme:#}"
    );
    assert!(theme["ideas"][0]["text"].is_string() && theme["ideas"][0]["session"].is_u64());
    let pulse = r["pulse"].as_array().unwrap();
    assert!(pulse.iter().all(|p| {
        p["points"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["scorers"].as_u64().unwrap() >= 3)
    }));
    let actions = &r["actions"];
    for key in ["open", "done", "dropped", "overdue", "by_owner", "items"] {
        assert!(actions.get(key).is_some(), "actions.{key}");
    }
    let item = &actions["items"][0];
    for key in ["session", "what", "who", "when", "due", "state", "overdue"] {
        assert!(item.get(key).is_some(), "actions.items[].{key}");
    }
    assert_eq!(item["state"], "open");
}

#[test]
fn themes_choose_sessions_by_programme_team_date_and_by_hand() {
    let data = tempfile::tempdir().unwrap();
    programme(data.path());
    let count = |args: &[&str]| {
        themes(data.path(), args)["sessions"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count(&["--programme", "pilot"]), 2);
    assert_eq!(count(&["--team", "East"]), 1);
    assert_eq!(count(&["--org", "Zorggroep"]), 1);
    assert_eq!(
        count(&["--since", "2026-11-28", "--until", "2026-11-28"]),
        1
    );
    assert_eq!(count(&["2026-11-27-test"]), 1);
    let out = common::run(data.path(), &["themes", "--fast", "--team", "Nobody"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no sessions match"));
}

#[test]
fn an_archive_copy_of_an_own_session_is_counted_once() {
    let data = tempfile::tempdir().unwrap();
    programme(data.path());
    let own = data.path().join("sessions").join("2026-11-27-test.ron");
    let archive = data.path().join("archive").join("sessions");
    std::fs::copy(&own, archive.join("2026-11-27-q9z1.ron")).unwrap();
    let r = themes(data.path(), &[]);
    let sessions = r["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 3, "{r:#}");
    assert_eq!(sessions[0]["archived"], false, "the own copy wins");
}

#[cfg(unix)]
#[test]
fn the_programme_report_loads_and_prints_in_headless_chromium() {
    let data = tempfile::tempdir().unwrap();
    programme(data.path());
    let html = data.path().join("programme.html");
    let out = common::run(
        data.path(),
        &[
            "themes",
            "--fast",
            "--format",
            "html",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<table class=\"heat\">") && page.contains("@media print"));
    let chromium = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("chromium is installed (scripts/test installs it)");
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", html.display());
    let run = |extra: &str| {
        std::process::Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(extra)
            .arg(&url)
            .output()
            .unwrap()
    };
    let dom = run("--dump-dom");
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("Themes × teams") && dom.contains("<svg") || dom.contains("No pulse"),
        "{dom}"
    );
    let pdf = data.path().join("programme.pdf");
    run(&format!("--print-to-pdf={}", pdf.display()));
    let bytes = std::fs::read(&pdf).expect("a PDF was printed");
    assert!(bytes.starts_with(b"%PDF") && bytes.len() > 1000);
}

/// `themes` as text and as the HTML report, with these extra arguments.
fn text_and_html(data: &Path, extra: &[&str]) -> (String, String) {
    let mut text = vec!["themes", "--fast"];
    text.extend_from_slice(extra);
    let out = common::run(data, &text);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = data.join("programme.html");
    let mut page = vec!["themes", "--fast", "--format", "html", "-o"];
    page.push(html.to_str().unwrap());
    page.extend_from_slice(extra);
    let made = common::run(data, &page);
    assert!(made.status.success(), "{}", common::stderr(&made));
    (
        common::stdout(&out),
        std::fs::read_to_string(&html).unwrap(),
    )
}

#[test]
fn themes_text_and_the_programme_report_speak_english_and_dutch() {
    let data = tempfile::tempdir().unwrap();
    programme(data.path());
    let (text, html) = text_and_html(data.path(), &["--lang", "en"]);
    assert!(
        text.starts_with("Common ground across 3 sessions of 3 teams"),
        "{text}"
    );
    assert!(text.contains("Themes (most widely shared first)"), "{text}");
    assert!(text.contains("\nActions: "), "{text}");
    assert!(html.contains("<html lang=\"en\">") && html.contains("Themes × teams"));
    assert!(
        html.contains("Themes in people&#39;s own words") && html.contains("<th>Owner</th>"),
        "{html}"
    );

    let (text, html) = text_and_html(data.path(), &["--lang", "nl"]);
    assert!(
        text.starts_with("Gemeenschappelijke deler van 3 sessies van 3 teams"),
        "{text}"
    );
    assert!(text.contains("Thema's (meest gedeeld eerst)"), "{text}");
    assert!(
        text.contains("Pulse door de tijd") && text.contains("\nActies: "),
        "{text}"
    );
    assert!(
        !text.contains("session(s)") && !text.contains(" people,"),
        "{text}"
    );
    assert!(html.contains("<html lang=\"nl\">"), "{html}");
    for words in [
        "Gemeenschappelijke deler van het programma",
        "Thema&#39;s × teams",
        "Thema&#39;s in de eigen woorden van mensen",
        "Pulse door de tijd",
        "Acties over de sessies",
        "<th>Eigenaar</th>",
        "Gemaakt met ambassador themes",
    ] {
        assert!(html.contains(words), "{words} in:\n{html}");
    }
    for english in ["Themes × teams", "own words", "<th>Owner</th>", "Made with"] {
        assert!(!html.contains(english), "{english} in the Dutch report");
    }
}

#[test]
fn themes_speak_the_language_of_the_users_settings_without_lang() {
    let data = tempfile::tempdir().unwrap();
    programme(data.path());
    let config = std::path::PathBuf::from(format!("{}-config", data.path().display()));
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.ron"), "(language: Some(nl))").unwrap();
    let (text, html) = text_and_html(data.path(), &[]);
    assert!(text.starts_with("Gemeenschappelijke deler"), "{text}");
    assert!(html.contains("<html lang=\"nl\">"));
    let (text, _) = text_and_html(data.path(), &["--lang", "en"]);
    assert!(text.starts_with("Common ground"), "--lang wins: {text}");
}

#[test]
fn interviews_are_not_team_sessions_of_the_programme() {
    let data = tempfile::tempdir().unwrap();
    programme(data.path());
    let [ann, bob] = common::interviews::two(ambassador::domain::Language::En);
    save_into(data.path(), ann);
    // one arrived through the archive too
    let archive = data.path().join("archive").join("sessions");
    std::fs::write(archive.join("2026-11-21-q1w2.ron"), common::render(&bob)).unwrap();
    let r = themes(data.path(), &[]);
    let titles: Vec<&str> = r["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(
        titles.iter().all(|t| !t.starts_with("Interview")),
        "{titles:?}"
    );
}

#[test]
fn the_programme_report_names_the_dates_under_each_pulse_chart_and_stands_team_names_upright() {
    let data = tempfile::tempdir().unwrap();
    programme(data.path());
    let (_, html) = text_and_html(data.path(), &["--lang", "en"]);
    assert!(
        !html.contains("<svg") || html.contains("class=\"axis date\""),
        "{html}"
    );
    assert!(
        html.contains("<th class=\"team\"><span>East</span></th>"),
        "{html}"
    );
    assert!(html.contains("writing-mode: vertical-rl"));
}
