//! One time rule: stored in UTC, shown in the user's time zone everywhere. A session started
//! at 23:30 UTC, half past midnight in Amsterdam, carries one date on every screen, in every
//! report and in its file name: the day it was in Amsterdam.

use crate::common;
use ambassador::app::{App, Start};
use ambassador::domain::{FixedClock, NewSession};
use ambassador::export::Format;
use ambassador::store::{SessionFile, resolve_template};
use jiff::tz::{Offset, TimeZone};

fn amsterdam_in_winter() -> TimeZone {
    TimeZone::fixed(Offset::from_hours(1).unwrap())
}

#[test]
fn a_session_started_after_midnight_local_time_has_the_local_date_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let paths = common::drive::Harness::paths(dir.path());
    std::fs::create_dir_all(paths.sessions_dir()).unwrap();
    let at: jiff::Timestamp = "2026-11-27T23:30:00Z".parse().unwrap();
    let clock = FixedClock::at(at).in_zone(amsterdam_in_winter());
    let template = resolve_template(&paths.templates_dir(), "ambassadorship", None).unwrap();
    let details = NewSession {
        title: "Night shift".into(),
        participants: vec!["Ann".into()],
        ..NewSession::default()
    };
    let file = SessionFile::create(&paths.sessions_dir(), template, details, &clock).unwrap();

    // Stored in UTC: the file keeps the instant (the test clock moves a second per reading).
    let created = file.session().created().to_string();
    assert!(created.starts_with("2026-11-27T23:30"), "{created}");
    // The file's name, the report and the home screen say the local day.
    let name = file
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("2026-11-28-night-shift"), "{name}");
    for format in [Format::Md, Format::Html] {
        let report = ambassador::steps::report::render(
            file.session(),
            format,
            false,
            &amsterdam_in_winter(),
        );
        assert!(report.contains("2026-11-28"), "{format:?}:\n{report}");
        assert!(
            !report.contains("2026-11-27"),
            "{format:?} shows the UTC day:\n{report}"
        );
    }
    drop(file);
    let app = App::new(Start::Home { paths }, Box::new(clock));
    let home = common::drive::screen_text(&app, 100, 30);
    assert!(home.contains("2026-11-28"), "{home}");
    assert!(
        !home.contains("2026-11-27"),
        "the home screen shows the UTC day:\n{home}"
    );
}
