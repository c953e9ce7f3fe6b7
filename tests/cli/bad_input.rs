//! Every kind of bad input gets a clear message and exit code 1 (or a read-only open), never a
//! panic, never a changed or lost file.

use crate::common;

use common::{filled_session, run, save_into, stderr, stdout};
use std::path::Path;

/// Commands that read a session: all must refuse the file with `expected` in the message and
/// leave it byte for byte as it was.
fn assert_refused(data: &Path, file: &Path, expected: &str) {
    let before = std::fs::read(file).unwrap();
    let id = file.file_stem().unwrap().to_str().unwrap();
    for args in [
        vec!["export", id, "--format", "json"],
        vec!["export", id, "--format", "md"],
        vec!["open", id],
        vec!["review", id],
    ] {
        let out = run(data, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(expected),
            "{args:?}: expected {expected:?} in {err:?}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    let listed = run(data, &["list"]);
    assert_eq!(listed.status.code(), Some(0));
    assert!(
        stdout(&listed).contains("UNREADABLE"),
        "{}",
        stdout(&listed)
    );
    assert_eq!(std::fs::read(file).unwrap(), before, "the file was changed");
}

fn session_file(data: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = data.join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn malformed_ron_names_file_line_and_column_with_a_caret() {
    let data = tempfile::tempdir().unwrap();
    let good = common::render(&filled_session(2));
    let broken = good.replacen("title: \"Test team\",", "title: \"Test team\" oops,", 1);
    let path = session_file(data.path(), "broken.ron", broken.as_bytes());
    assert_refused(data.path(), &path, "broken.ron:4:");
    let out = run(data.path(), &["export", "broken", "--format", "md"]);
    let err = stderr(&out);
    assert!(err.contains("title: \"Test team\" oops,"), "{err}");
    assert!(err.contains('^'), "{err}");
}

#[test]
fn a_truncated_file_is_refused_with_its_position() {
    let data = tempfile::tempdir().unwrap();
    let good = common::render(&filled_session(3));
    let path = session_file(data.path(), "cut.ron", &good.as_bytes()[..good.len() / 2]);
    assert_refused(data.path(), &path, "cut.ron:");
}

#[test]
fn an_empty_file_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let path = session_file(data.path(), "empty.ron", b"");
    assert_refused(data.path(), &path, "the file is empty");
}

#[test]
fn a_file_of_another_program_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let path = session_file(
        data.path(),
        "other.ron",
        b"(name: \"window\", width: 800, height: 600)\n",
    );
    assert_refused(data.path(), &path, "not a session file");
    let json = session_file(
        data.path(),
        "json.ron",
        b"{\"version\": \"2\", \"a\": [1, 2]}",
    );
    assert_refused(data.path(), &json, "json.ron:");
}

#[test]
fn non_utf8_bytes_are_refused_with_their_position() {
    let data = tempfile::tempdir().unwrap();
    let mut bytes = common::render(&filled_session(1)).into_bytes();
    bytes.splice(0..0, b"(\n  \xff\xfe".iter().copied());
    let path = session_file(data.path(), "latin.ron", &bytes);
    assert_refused(
        data.path(),
        &path,
        "latin.ron:2:3: the file is not valid UTF-8",
    );
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    let data = tempfile::tempdir().unwrap();
    let path = session_file(data.path(), "huge.ron", b"");
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    assert_refused(data.path(), &path, "session files are at most");
}

#[test]
fn a_newer_version_opens_read_only_and_is_never_written() {
    let data = tempfile::tempdir().unwrap();
    let text = common::render(&filled_session(2)).replacen(
        "version: 5,",
        "version: 9,\n    colour_scheme: \"new feature\",",
        1,
    );
    let path = session_file(data.path(), "future.ron", text.as_bytes());
    let before = std::fs::read(&path).unwrap();
    let file = ambassador::store::SessionFile::open(&path).unwrap();
    assert!(matches!(
        file.read_only(),
        Some(ambassador::store::ReadOnlyReason::NewerVersion { found: 9 })
    ));
    let err = file.save().unwrap_err().to_string();
    assert!(err.contains("read-only"), "{err}");
    // Reports still work from a newer file; it is never touched.
    let out = run(data.path(), &["export", "future", "--format", "md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_newer_version_that_does_not_parse_says_so() {
    let data = tempfile::tempdir().unwrap();
    let path = session_file(data.path(), "future.ron", b"(version: 7, shape: Circle(3))");
    assert_refused(
        data.path(),
        &path,
        "written by a newer ambassador (format version 7",
    );
}

#[test]
fn a_missing_data_dir_is_created() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("not/yet/there");
    let out = run(&data, &["new", "--title", "Fresh", "--no-open"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(data.join("sessions").is_dir());
    let listed = stdout(&run(&data, &["list"]));
    assert!(listed.contains("Fresh"), "{listed}");
}

#[test]
fn a_data_dir_that_is_a_file_is_a_clear_error() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    std::fs::write(&data, b"I am a file").unwrap();
    let out = run(&data, &["new", "--title", "X", "--no-open"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is a file, not a folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&data).unwrap(), b"I am a file");
}

/// Makes a folder unwritable even for root (which ignores permission bits): `chattr +i`.
#[cfg(unix)]
struct ReadOnlyDir<'a>(&'a Path);

#[cfg(unix)]
impl<'a> ReadOnlyDir<'a> {
    fn new(dir: &'a Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(dir.join("probe"), b"").is_ok() {
            std::fs::remove_file(dir.join("probe")).unwrap();
            let ok = std::process::Command::new("chattr")
                .arg("+i")
                .arg(dir)
                .status();
            assert!(
                matches!(ok, Ok(s) if s.success()),
                "cannot make {} read-only here: as root this needs chattr \
                 (e2fsprogs; scripts/test installs it)",
                dir.display()
            );
        }
        assert!(
            std::fs::write(dir.join("probe"), b"").is_err(),
            "the folder is still writable"
        );
        ReadOnlyDir(dir)
    }
}

#[cfg(unix)]
impl Drop for ReadOnlyDir<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(self.0)
            .status();
        let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_data_dir_refuses_new_sessions_and_opens_existing_ones_read_only() {
    let data = tempfile::tempdir().unwrap();
    let path = save_into(data.path(), filled_session(2));
    let before = std::fs::read(&path).unwrap();
    let sessions = data.path().join("sessions");
    let _guard = ReadOnlyDir::new(&sessions);

    let out = run(data.path(), &["new", "--title", "Nope", "--no-open"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("could not create") && err.contains("sessions"),
        "{err}"
    );

    let file = ambassador::store::SessionFile::open(&path).unwrap();
    assert!(
        matches!(
            file.read_only(),
            Some(ambassador::store::ReadOnlyReason::CannotLock(_))
        ),
        "{:?}",
        file.read_only()
    );
    assert!(run(data.path(), &["list"]).status.success());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_session_id_that_matches_nothing_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(1));
    for args in [
        ["open", "nothing-like-this"],
        ["review", "nothing-like-this"],
    ] {
        let out = run(data.path(), &args);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("no session matches \"nothing-like-this\""),
            "{}",
            stderr(&out)
        );
    }
    let out = run(
        data.path(),
        &["export", "nothing-like-this", "--format", "md"],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_with_code_2() {
    let data = tempfile::tempdir().unwrap();
    let out = run(data.path(), &["export", "x", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(data.path(), &["new", "--lang", "fr", "--no-open"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("'fr'") && stderr(&out).contains("en, nl"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn list_counts_in_words_and_names_an_unreadable_file_once() {
    let data = tempfile::tempdir().unwrap();
    let out = run(
        data.path(),
        &[
            "new",
            "--title",
            "Solo",
            "--participant",
            "Ann",
            "--no-open",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bad = session_file(data.path(), "bad.ron", b"not a session");
    let listed = stdout(&run(data.path(), &["list"]));
    assert!(
        listed.contains("1 participant, 0 ideas,"),
        "one is not plural:\n{listed}"
    );
    let line = listed
        .lines()
        .find(|l| l.starts_with("UNREADABLE"))
        .unwrap();
    assert_eq!(
        line.matches(bad.to_str().unwrap()).count(),
        1,
        "the path once: {line}"
    );
}

/// Opening, following up or exporting a FIFO or a link to a device never hangs: the error
/// names the file that was given and what it is.
#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_to_a_device_is_named_with_what_it_is() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("pipe.ron");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let link = dir.join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for (args, file, what) in [
        (vec!["open", fifo.to_str().unwrap()], &fifo, "a FIFO"),
        (
            vec!["open", "zero"],
            &link,
            "a link to a device (/dev/zero)",
        ),
        (
            vec!["new", "--follow-up", fifo.to_str().unwrap(), "--no-open"],
            &fifo,
            "a FIFO",
        ),
        (vec!["export", "zero", "--format", "md"], &link, "device"),
    ] {
        let out = run(data.path(), &args);
        let err = stderr(&out);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            err.contains(file.to_str().unwrap()) && err.contains(what),
            "{args:?}: {err}"
        );
    }
}
