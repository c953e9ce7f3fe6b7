//! What a hostile probe found (issue 11): escape sequences passed to the terminal, FIFOs and
//! devices that hang or flood a read, files written that could not be read back, a deleted
//! lock that let two windows write, a symlinked session that went stale, `export -o` replacing
//! special files, `open` touching files that are not sessions, and a stale index entry.
//! Each test here failed before the fix it names. No test waits on a clock: a command that
//! would hang is stopped after a generous deadline and reported as hung.

use crate::common;
use crate::support;

use ambassador::domain::Change;
use ambassador::store::{ReadOnlyReason, SessionFile, read_session};
use common::{bin, run, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::new_session;

const EVIL_TITLE: &str = "Evil\u{1b}]0;PWNED\u{7}\u{1b}]52;c;SGVsbG8=\u{7}";
const EVIL_ORG: &str = "Org\u{1b}[2J\u{9b}31m";

/// Runs the binary like `common::run`, but stops it after `limit` (a hang is a failure, not
/// a test that never ends). Returns the output, or `None` when it had to be stopped.
fn run_within(data: &Path, args: &[&str], limit: Duration) -> Option<Output> {
    let mut child = Command::new(bin())
        .arg("--data-dir")
        .arg(data)
        .arg("--config-dir")
        .arg(format!("{}-config", data.display()))
        .args(args)
        .env_remove("AMBASSADOR_DATA_DIR")
        .env_remove("AMBASSADOR_CONFIG_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

const HANG: Duration = Duration::from_secs(20);

/// Bytes a terminal could act on: C0 controls but newline and tab, DEL, and C1 controls
/// (U+0080–U+009F, two bytes in UTF-8).
fn raw_controls(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.char_indices()
        .filter(|(_, c)| {
            (c.is_control() && *c != '\n' && *c != '\t') || ('\u{80}'..='\u{9f}').contains(c)
        })
        .map(|(i, c)| format!("U+{:04X} at {i}", c as u32))
        .collect()
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let found = raw_controls(bytes);
    assert!(
        found.is_empty(),
        "{what} passes raw control characters to the terminal: {found:?}\n{}",
        String::from_utf8_lossy(bytes)
    );
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success(), "mkfifo {}", path.display());
}

fn config_dir(data: &Path) -> PathBuf {
    PathBuf::from(format!("{}-config", data.display()))
}

/// A session with a hostile title, organisation and idea, made through the library.
fn evil_session(data: &Path) -> PathBuf {
    let mut s = common::filled_session(2);
    let clock = common::clock();
    s.apply(
        ambassador::domain::Change::SetTitle(EVIL_TITLE.into()),
        &clock,
    )
    .unwrap();
    s.apply(
        ambassador::domain::Change::SetOrganisation(EVIL_ORG.into()),
        &clock,
    )
    .unwrap();
    let who = s.participants()[0].id;
    s.apply(
        Change::AddIdea {
            step: "q1".into(),
            participant: who,
            text: "idea \u{1b}]52;c;SGVsbG8=\u{7} with OSC 52".into(),
        },
        &common::clock(),
    )
    .unwrap();
    common::save_into(data, s)
}

// Item 1 -------------------------------------------------------------------------------

#[test]
fn list_templates_errors_and_markdown_never_pass_escape_sequences_to_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    evil_session(d);
    let list = run(d, &["list"]);
    assert!(list.status.success(), "{list:?}");
    assert_clean("list", &list.stdout);
    assert!(
        stdout(&list).contains("Evil^[]0;PWNED^G"),
        "{}",
        stdout(&list)
    );
    assert_clean("list --json", &run(d, &["list", "--json"]).stdout);

    let md = run(d, &["export", "2026-11-27-test", "--format", "md"]);
    assert!(md.status.success(), "{md:?}");
    assert_clean("export --format md", &md.stdout);
    assert!(stdout(&md).contains("with OSC 52"));
    let file = d.join("report.md");
    let out = run(
        d,
        &[
            "export",
            "2026-11-27-test",
            "--format",
            "md",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    assert_clean("export -o report.md", &std::fs::read(&file).unwrap());
    assert_clean(
        "export --format json",
        &run(d, &["export", "2026-11-27-test", "--format", "json"]).stdout,
    );

    // A template with a hostile title, one whose broken line is echoed, one with a hostile name.
    let workshops = config_dir(d).join("workshops");
    std::fs::create_dir_all(&workshops).unwrap();
    let good = ambassador::store::builtin_templates()[0]
        .to_ron()
        .replace("title: \"", &format!("title: \"{}", "T\\u{1b}]0;X\\u{7}"));
    std::fs::write(workshops.join("good.ron"), good).unwrap();
    std::fs::write(
        workshops.join("broken.ron"),
        "(\n  id: \u{1b}]0;PWNED\u{7}\n)",
    )
    .unwrap();
    std::fs::write(workshops.join("evil\u{1b}[2J.ron"), "(").unwrap();
    let t = run(d, &["templates"]);
    assert!(t.status.success(), "{t:?}");
    assert_clean("templates", &t.stdout);
    assert!(
        stdout(&t).contains("PWNED"),
        "the broken line is still shown"
    );

    // Errors: an id that names nothing, echoed back; a broken session with a hostile line.
    let e = run(d, &["open", "Evil\u{1b}]0;PWNED\u{7}"]);
    assert!(!e.status.success());
    assert_clean("the error of open", &e.stderr);
    let broken = d.join("sessions").join("evil\u{1b}]0;x\u{7}.ron");
    std::fs::write(
        &broken,
        "(\n version: 3,\n title: \u{1b}]52;c;SGVsbG8=\u{7},\n)",
    )
    .unwrap();
    let e = run(d, &["export", broken.to_str().unwrap(), "--format", "md"]);
    assert!(!e.status.success());
    assert_clean("the error of export", &e.stderr);
    assert!(stderr(&e).contains("^[]52;c;SGVsbG8=^G"), "{}", stderr(&e));
    assert_clean("list with a broken file", &run(d, &["list"]).stdout);
}

// Items 2 and 3 --------------------------------------------------------------------------

#[test]
fn fifos_in_the_data_and_config_folders_never_hang_a_command() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    new_session(d, "Team");
    let sessions = d.join("sessions");
    mkfifo(&sessions.join("pipe.ron"));
    mkfifo(&sessions.join(".index.json"));
    let workshops = config_dir(d).join("workshops");
    std::fs::create_dir_all(&workshops).unwrap();
    mkfifo(&workshops.join("pipe.ron"));

    let list = run_within(d, &["list"], HANG).expect("list hung on a FIFO");
    assert!(list.status.success(), "{list:?}");
    let text = stdout(&list);
    assert!(text.contains("team"), "{text}");
    assert!(
        text.contains("pipe.ron") && text.contains("not a session file"),
        "{text}"
    );
    let templates = run_within(d, &["templates"], HANG).expect("templates hung on a FIFO");
    assert!(
        stdout(&templates).contains("not a template file"),
        "{}",
        stdout(&templates)
    );
    let new = run_within(d, &["new", "--title", "Second", "--no-open"], HANG)
        .expect("new hung on a FIFO in workshops/");
    assert!(new.status.success(), "{new:?}");

    mkfifo(&config_dir(d).join("config.ron"));
    let group = run_within(d, &["group", "/dev/null"], HANG).expect("group hung on config.ron");
    assert!(!group.status.success());
    assert!(
        stderr(&group).contains("not a settings file"),
        "{}",
        stderr(&group)
    );
}

#[test]
fn links_to_devices_are_refused_before_a_byte_is_read() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    new_session(d, "Team");
    let sessions = d.join("sessions");
    std::os::unix::fs::symlink("/dev/zero", sessions.join("z.ron")).unwrap();
    let workshops = config_dir(d).join("workshops");
    std::fs::create_dir_all(&workshops).unwrap();
    std::os::unix::fs::symlink("/dev/zero", workshops.join("z.ron")).unwrap();
    let list = run_within(d, &["list"], HANG).expect("list read /dev/zero without end");
    assert!(
        stdout(&list).contains("a device, not a session file"),
        "{}",
        stdout(&list)
    );
    let t = run_within(d, &["templates"], HANG).expect("templates read /dev/zero");
    assert!(
        stdout(&t).contains("a device, not a template file"),
        "{}",
        stdout(&t)
    );
    // The index too: a link to /dev/zero is ignored (and replaced by a real index).
    std::fs::remove_file(sessions.join(".index.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", sessions.join(".index.json")).unwrap();
    let list = run_within(d, &["list"], HANG).expect("list read the index without end");
    assert!(stdout(&list).contains("team"), "{}", stdout(&list));
    let open = run_within(d, &["export", "z", "--format", "md"], HANG).expect("export hung");
    assert!(
        stderr(&open).contains("not a session file"),
        "{}",
        stderr(&open)
    );
}

// Item 8 -------------------------------------------------------------------------------

#[test]
fn a_session_opened_through_a_symlink_is_saved_through_it() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = common::save_into(elsewhere.path(), common::filled_session(1));
    let sessions = data.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let link = sessions.join("linked.ron");
    std::os::unix::fs::symlink(&target, &link).unwrap();

    let mut file = SessionFile::open(&link).unwrap();
    assert!(file.read_only().is_none());
    let who = file.session().participants()[0].id;
    file.apply(
        Change::AddIdea {
            step: "q1".into(),
            participant: who,
            text: "saved through the link".into(),
        },
        &common::clock(),
    )
    .unwrap();
    file.save().unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a copy"
    );
    let on_target = read_session(&target).unwrap().session;
    assert!(
        on_target
            .all_ideas()
            .any(|(_, i)| i.text == "saved through the link"),
        "the file the link points to was not updated"
    );
}

// Item 9 -------------------------------------------------------------------------------

#[test]
fn export_writes_regular_files_and_new_paths_only() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let (id, _) = new_session(d, "Team");
    let fifo = d.join("pipe.md");
    mkfifo(&fifo);
    let real = d.join("real.md");
    std::fs::write(&real, "mine").unwrap();
    let link = d.join("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for target in [&fifo, &link] {
        let out = run_within(
            d,
            &[
                "export",
                &id,
                "--format",
                "md",
                "-o",
                target.to_str().unwrap(),
            ],
            HANG,
        )
        .expect("export hung");
        assert!(
            !out.status.success(),
            "export -o {} was accepted",
            target.display()
        );
        assert!(
            stderr(&out).contains("regular file or a new path"),
            "{}",
            stderr(&out)
        );
    }
    let ft = |p: &Path| std::fs::symlink_metadata(p).unwrap().file_type();
    use std::os::unix::fs::FileTypeExt;
    assert!(ft(&fifo).is_fifo(), "the FIFO was replaced");
    assert!(ft(&link).is_symlink(), "the link was replaced");
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "mine");

    let dash = run(d, &["export", &id, "--format", "md", "-o", "-"]);
    assert!(
        dash.status.success() && stdout(&dash).starts_with("# Team"),
        "{dash:?}"
    );
    assert!(!Path::new("-").exists());

    // Shared reports get the permissions of any new file; sessions stay private.
    use std::os::unix::fs::PermissionsExt;
    let report = d.join("new.md");
    assert!(
        run(
            d,
            &[
                "export",
                &id,
                "--format",
                "md",
                "-o",
                report.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    let usual = d.join("usual");
    std::fs::File::create(&usual).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&report), mode(&usual));
}

// Item 10 ------------------------------------------------------------------------------

#[test]
fn open_leaves_a_file_that_is_not_a_session_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "my notes\n").unwrap();
    let temp_looking = dir.path().join(".notes.txt.a1b2c3.tmp");
    std::fs::write(&temp_looking, "mine too").unwrap();
    let data = dir.path().join("data");
    let out = run(&data, &["open", notes.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not a session file"),
        "{}",
        stderr(&out)
    );
    assert!(
        !dir.path().join("notes.txt.lock").exists(),
        "open created a lock beside notes.txt"
    );
    assert!(
        temp_looking.exists(),
        "open deleted a file beside notes.txt"
    );
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes\n");
}

// Item 13 ------------------------------------------------------------------------------

#[test]
fn an_edit_that_restores_size_and_mtime_is_still_seen_by_list() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let (_, path) = new_session(d, "Team Alpha");
    assert!(stdout(&run(d, &["list"])).contains("Team Alpha"));
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Team Alpha", "Team Omega");
    // In place, same length, and the modification time put back: only the change time tells.
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f.set_modified(mtime).unwrap();
    drop(f);
    let list = stdout(&run(d, &["list"]));
    assert!(
        list.contains("Team Omega"),
        "the index showed a stale summary: {list}"
    );
}

#[test]
fn a_file_that_is_not_ron_at_all_is_not_echoed() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let sessions = d.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(
        sessions.join("passwd.ron"),
        "root:x:0:0:root:/root:/bin/bash\n",
    )
    .unwrap();
    let list = stdout(&run(d, &["list"]));
    assert!(list.contains("not a session file"), "{list}");
    assert!(
        !list.contains("root:x:0"),
        "the first line was echoed: {list}"
    );
    let e = run(d, &["open", "passwd"]);
    assert!(!stderr(&e).contains("root:x:0"), "{}", stderr(&e));
}

// Item 7 -------------------------------------------------------------------------------

#[test]
fn a_deleted_lock_file_does_not_let_a_second_window_write() {
    let data = tempfile::tempdir().unwrap();
    let path = common::save_into(data.path(), common::filled_session(1));
    let first = SessionFile::open(&path).unwrap();
    assert!(first.read_only().is_none());
    std::fs::remove_file(ambassador::store::SessionLock::sidecar_path(&path)).unwrap();
    let second = SessionFile::open(&path).unwrap();
    assert_eq!(second.read_only(), Some(&ReadOnlyReason::LockedElsewhere));
    // Also after the first window saved (its lock moves to the new file).
    first.save().unwrap();
    std::fs::remove_file(ambassador::store::SessionLock::sidecar_path(&path)).unwrap();
    let third = SessionFile::open(&path).unwrap();
    assert_eq!(third.read_only(), Some(&ReadOnlyReason::LockedElsewhere));
    drop((first, second, third));
    assert!(SessionFile::open(&path).unwrap().read_only().is_none());
}

#[test]
fn kept_copies_are_listed_with_what_they_are() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let (_, path) = new_session(d, "Team");
    let kept = PathBuf::from(format!("{}.replaced.bak", path.display()));
    std::fs::copy(&path, &kept).unwrap();
    let list = stdout(&run(d, &["list"]));
    let line = list
        .lines()
        .find(|l| l.contains(".replaced.bak"))
        .unwrap_or_else(|| panic!("the kept copy is not listed: {list}"));
    assert!(line.contains("ambassador open"), "{line}");
    let json = stdout(&run(d, &["list", "--json"]));
    assert!(json.contains(".replaced.bak"), "{json}");
    // And it opens.
    assert!(SessionFile::open_read_only(&kept).is_ok());
}

// Item 12 ------------------------------------------------------------------------------

#[test]
fn group_refuses_more_ideas_than_its_documented_limit_with_a_clear_message() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let limit = ambassador::cli::MAX_GROUP_LINES;
    let input = d.join("ideas.txt");
    let text: String = (0..=limit).map(|n| format!("idea number {n}\n")).collect();
    std::fs::write(&input, text).unwrap();
    let out = run_within(d, &["group", input.to_str().unwrap()], HANG)
        .expect("group worked on for minutes instead of refusing");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{} ideas", limit + 1)) && err.contains(&format!("at most {limit}")),
        "{err}"
    );
    assert!(err.contains("ideas.txt"), "{err}");
}
