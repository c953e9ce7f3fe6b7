//! Files a person edited by hand on Windows: Notepad puts a UTF-8 byte-order mark before the
//! text. A session, a template, `config.ron` and `keys.ron` that start with one read as usual.

use crate::common;

const BOM: &str = "\u{feff}";

#[test]
fn a_session_template_settings_or_keys_file_starting_with_a_byte_order_mark_reads_as_usual() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let session = common::filled_session(1);
    let path = sessions.join("2026-11-27-test.ron");
    std::fs::write(&path, format!("{BOM}{}", common::render(&session))).unwrap();
    let file = ambassador::store::SessionFile::open(&path).expect("a session with a BOM");
    assert_eq!(file.session().title(), session.title());
    let listed = ambassador::store::list_sessions(&sessions).unwrap();
    assert!(
        matches!(&listed[..], [ambassador::store::Listing::Session(_)]),
        "listed as a session: {listed:?}"
    );

    let templates = dir.path().join("workshops");
    std::fs::create_dir_all(&templates).unwrap();
    let text = include_str!("../../workshops/ambassadorship.en.ron");
    std::fs::write(templates.join("own.en.ron"), format!("{BOM}{text}")).unwrap();
    let entries = ambassador::store::list_templates(&templates).unwrap();
    assert!(
        entries.iter().all(|e| e.template.is_ok()),
        "a template with a BOM refused"
    );

    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        format!("{BOM}(language: Some(nl))"),
    )
    .unwrap();
    let settings = ambassador::store::Config::load(&config).expect("settings with a BOM");
    assert_eq!(settings.user_language(), ambassador::domain::Language::Nl);
    std::fs::write(
        config.join("keys.ron"),
        format!("{BOM}[(screen: \"board\", key: \"m\", does: \"merge\")]"),
    )
    .unwrap();
    let (keys, errors) = ambassador::interact::user_keys::load(&config);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(keys.len(), 1);
}
