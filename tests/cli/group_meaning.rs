//! `ambassador group` with the built-in encoder, `--fast`, and a broken model file.

use crate::common;

use common::{stderr, stdout};

fn group(args: &[&str], envs: &[(&str, &str)], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut cmd = std::process::Command::new(common::bin());
    cmd.args(["group"])
        .args(args)
        .env("AMBASSADOR_CONFIG_DIR", "/nonexistent-ambassador-config")
        .env_remove("AMBASSADOR_ENCODER")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

/// Group index of every input line, from `--json` output.
fn group_of_each(json: &str, lines: usize) -> Vec<usize> {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut of = vec![usize::MAX; lines];
    for (g, group) in doc["groups"].as_array().unwrap().iter().enumerate() {
        for i in group["items"].as_array().unwrap() {
            let i = i.as_u64().unwrap() as usize;
            assert_eq!(of[i], usize::MAX, "line {i} in two groups");
            of[i] = g;
        }
    }
    assert!(of.iter().all(|g| *g != usize::MAX), "a line in no group");
    of
}

/// Three topics, each said once in English and once in Dutch; the last pair shares no
/// word, concept or spelling, only its meaning.
const IDEAS: &str = "The bakery smells of fresh bread every morning
Het ruikt hier elke ochtend naar vers brood
We need more parking spaces near the office
De parkeerplaatsen bij kantoor zijn altijd vol
The quarterly figures were sent in late again
Onze kwartaalcijfers komen steeds te laat binnen
";

#[test]
fn by_default_ideas_group_by_meaning_across_languages_and_fast_does_not() {
    let out = group(&["--json"], &[], IDEAS.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no warning with the built-in encoder");
    let g = group_of_each(&stdout(&out), 6);
    assert_eq!(g[4], g[5], "late figures, in two languages");
    assert_ne!(g[0], g[2]);
    assert_ne!(g[2], g[4]);
    let fast = group(&["--json", "--fast"], &[], IDEAS.as_bytes());
    assert!(fast.status.success());
    let f = group_of_each(&stdout(&fast), 6);
    assert_ne!(f[4], f[5], "words alone do not link them");
}

fn damaged_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("model.bin");
    let image = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/e5-small-nl-en/model.bin"
    ))
    .unwrap();
    std::fs::write(&path, &image[..image.len() / 3]).unwrap();
    path
}

#[test]
fn a_damaged_encoder_file_means_one_warning_and_grouping_by_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = damaged_copy(dir.path());
    let p = path.to_str().unwrap();
    for out in [
        group(&["--json"], &[("AMBASSADOR_ENCODER", p)], IDEAS.as_bytes()),
        group(&["--json", "--encoder", p], &[], IDEAS.as_bytes()),
    ] {
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("warning: ") && err.contains(p), "{err}");
        assert!(err.contains("words only"), "{err}");
        let fast = group(&["--json", "--fast"], &[], IDEAS.as_bytes());
        assert_eq!(stdout(&out), stdout(&fast), "the lexical grouping");
    }
}

#[test]
fn a_missing_model_means_a_warning_not_a_failure() {
    for args in [
        ["--json", "--encoder", "/nonexistent/ambassador/model.bin"],
        ["--json", "--model", "/nonexistent/ambassador/model2vec"],
    ] {
        let out = group(&args, &[], IDEAS.as_bytes());
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1);
        group_of_each(&stdout(&out), 6);
    }
}

#[test]
fn group_help_describes_every_option() {
    let out = group(&["--help"], &[], b"");
    assert!(out.status.success());
    let help = stdout(&out);
    for option in [
        "--lang",
        "--json",
        "--fast",
        "--model",
        "--encoder",
        "--live",
        "--no-settle",
        "[FILE]",
    ] {
        let mut lines = help
            .lines()
            .skip_while(|l| !l.trim_start().starts_with(option));
        assert!(lines.next().is_some(), "{option} missing from\n{help}");
        let description = lines.next().unwrap_or_default().trim();
        assert!(
            description.len() > 10,
            "{option} has no description:\n{help}"
        );
    }
}

/// Said in this order, the ideas placed one at a time end in other groups than the whole list
/// grouped at once (invented, as in the app's test of the live board).
const SAID: &str = "Posting on LinkedIn about our projects
Telling friends at a birthday party what I do
Sharing stories online about our work on social media
Chatting about my job at family dinners
Writing a blog about the projects we deliver
Recommending the company to people looking for a job
Forwarding vacancies to my neighbours
Talking about our customers with pride at the sports club
Giving a talk at a school about the work we do
Liking and reposting the company's news
";

/// Which lines share a group, whatever the groups are called.
fn partition(json: &str, lines: usize) -> std::collections::BTreeSet<Vec<usize>> {
    let of = group_of_each(json, lines);
    let groups: std::collections::BTreeSet<usize> = of.iter().copied().collect();
    groups
        .into_iter()
        .map(|g| (0..lines).filter(|i| of[*i] == g).collect())
        .collect()
}

#[test]
fn live_replays_the_lines_one_at_a_time_and_settles_as_the_whole_list() {
    let run = |args: &[&str]| {
        let out = group(args, &[], SAID.as_bytes());
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stderr(&out), "");
        partition(&stdout(&out), 10)
    };
    let whole = run(&["--json"]);
    let live = run(&["--json", "--live"]);
    let placed = run(&["--json", "--live", "--no-settle"]);
    assert_eq!(
        live, whole,
        "settled, the live board is the whole-list grouping"
    );
    assert_ne!(placed, live, "unsettled, it is not");
    // the text form too
    let out = group(&["--live"], &[], SAID.as_bytes());
    assert!(out.status.success());
    assert!(stdout(&out).contains("Posting on LinkedIn"));
    // a workshop board's worth at most, refused at once beyond
    let many: String = (0..=ambassador::cli::MAX_LIVE_LINES)
        .map(|i| format!("idea number {i}\n"))
        .collect();
    let out = group(&["--json", "--live"], &[], many.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("at most 500"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    // --no-settle only means something live
    let out = group(&["--no-settle"], &[], SAID.as_bytes());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--live"), "{}", stderr(&out));
}
