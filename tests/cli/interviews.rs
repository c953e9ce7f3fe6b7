//! `ambassador new --from-interview`: a team session that draws on chosen interviews keeps
//! them (who, when, their themes), refuses a session that is not an interview, and an
//! anonymous export of it names no one who was interviewed.

use crate::common;

use ambassador::domain::Language;
use common::interviews::two;
use common::{run, save_into, stderr, stdout};

fn new_from_interviews(data: &std::path::Path, ids: &[&str]) -> ambassador::domain::Session {
    let mut args = vec!["new", "--title", "Team Noord", "--participant", "Cas"];
    for id in ids {
        args.extend(["--from-interview", id]);
    }
    args.push("--no-open");
    let out = run(data, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).lines().next().unwrap().to_string();
    let path = data.join("sessions").join(format!("{id}.ron"));
    ambassador::store::SessionFile::open_read_only(&path)
        .unwrap()
        .into_session()
}

#[test]
fn new_from_interview_records_the_interviews_and_their_themes() {
    let data = tempfile::tempdir().unwrap();
    for s in two(Language::En) {
        save_into(data.path(), s);
    }
    let s = new_from_interviews(
        data.path(),
        &[
            "2026-11-20-interview-ann",
            "2026-11-21-interview-bob",
            // The same one twice counts once.
            "2026-11-20-interview-ann",
        ],
    );
    assert_eq!(s.template().id, "ambassadorship", "a team workshop");
    let heard = s.heard().expect("the interviews are recorded");
    let ids: Vec<&str> = heard.interviews.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["2026-11-20-interview-ann", "2026-11-21-interview-bob"]
    );
    assert_eq!(heard.interviews[1].person, "Bob");
    // Four answers; both colleagues spoke of stories on LinkedIn and of time for posts.
    let answers: usize = heard.themes.iter().map(|t| t.answers.len()).sum();
    assert_eq!(answers, 4, "{heard:?}");
    assert!(
        heard.themes.iter().any(|t| t.interviews == 2),
        "a theme heard in both: {heard:?}"
    );
    assert!(heard.themes.iter().all(|t| !t.label.is_empty()));
}

#[test]
fn a_session_that_is_not_an_interview_is_refused_by_name() {
    let data = tempfile::tempdir().unwrap();
    let out = run(data.path(), &["new", "--title", "Team", "--no-open"]);
    let team = stdout(&out).lines().next().unwrap().to_string();
    let out = run(
        data.path(),
        &["new", "--from-interview", &team, "--no-open"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("\"{team}\" is not an interview")),
        "{}",
        stderr(&out)
    );
    let out = run(
        data.path(),
        &["new", "--from-interview", "nobody", "--no-open"],
    );
    assert!(
        stderr(&out).contains("no session matches \"nobody\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn reports_say_what_was_heard_and_an_anonymous_export_names_no_interviewee() {
    let data = tempfile::tempdir().unwrap();
    for s in two(Language::En) {
        save_into(data.path(), s);
    }
    let s = new_from_interviews(
        data.path(),
        &["2026-11-20-interview-ann", "2026-11-21-interview-bob"],
    );
    let export = |args: &[&str]| {
        let mut all = vec!["export", s.id().as_str()];
        all.extend(args);
        let out = run(data.path(), &all);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let named = export(&["--format", "md"]);
    assert!(named.contains("Heard in the interviews"), "{named}");
    assert!(named.contains("with Ann, Bob"), "{named}");
    for anonymous in [
        export(&["--format", "md", "--anonymous"]),
        export(&["--format", "json", "--anonymous"]),
        export(&["--format", "html", "--anonymous"]),
    ] {
        assert!(anonymous.contains("interviews"), "{anonymous}");
        assert!(
            !anonymous.contains("Ann") && !anonymous.contains("Bob"),
            "{anonymous}"
        );
    }
}
