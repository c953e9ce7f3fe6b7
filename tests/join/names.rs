//! Joining without a name from the list, on loopback only: anonymously (when the facilitator
//! allows it: `--anonymous` or `a` in the join panel), saved with no author and shown as
//! "anonymous"; and with a new name, which waits until the facilitator lets it in (a new
//! participant, through the Change API) or refuses it in the join panel.

use crate::common;

use ambassador::domain::{Language, ParticipantId};
use common::join::{Room, screen_probe};
use crossterm::event::KeyCode;

const PULSE: usize = 1;
const Q1: usize = 3;

/// Joins as `who` (`anonymous`, or `new` with `name`); the reply as it came.
fn join_as(room: &Room, who: &str, name: &str) -> common::join::Reply {
    room.post(
        "/join",
        None,
        &[("code", &room.code), ("participant", who), ("name", name)],
    )
}

#[test]
fn anonymous_joining_is_off_until_allowed_and_its_ideas_have_no_author() {
    let (probe, screen) = screen_probe();
    let room = Room::start_as(Language::Nl, &["Ann"], false, probe);
    let page = room.join_page();
    assert!(
        !page.body.contains("value=\"anonymous\""),
        "not offered yet"
    );
    let refused = join_as(&room, "anonymous", "");
    assert_eq!(refused.status, 403, "{refused:?}");
    assert!(refused.token().is_none());
    // `a` in the join panel allows it; the panel says so.
    room.key(KeyCode::F(6));
    room.key(KeyCode::Char('a'));
    room.wait_for(|| {
        screen
            .lock()
            .unwrap()
            .contains("Anoniem meedoen: toegestaan")
    });
    room.key(KeyCode::Esc);
    assert!(room.join_page().body.contains("value=\"anonymous\""));
    let joined = join_as(&room, "anonymous", "");
    assert_eq!(joined.status, 200, "{joined:?}");
    let quiet = joined.token().unwrap();
    room.next_steps(Q1, &quiet);
    let page = room.get("/", Some(&quiet));
    assert!(page.body.contains("Je bent anoniem"), "{}", page.body);
    let sent = room.post_patiently(
        "/idea",
        &quiet,
        &[("key", "a-1"), ("text", "Trots op ons werk")],
    );
    assert_eq!(sent.status, 200, "{sent:?}");
    let session = room.on_disk();
    let ideas = &session
        .results(&session.template().steps[Q1].id)
        .unwrap()
        .ideas;
    assert_eq!(ideas.len(), 1);
    assert!(ideas[0].is_anonymous() && ideas[0].from_device());
    assert_eq!(ideas[0].participant, ParticipantId::ANONYMOUS);
    // The facilitator's screen shows it as "anoniem"; the participant list is unchanged.
    room.wait_for(|| {
        screen
            .lock()
            .unwrap()
            .contains("anoniem: Trots op ons werk")
    });
    assert_eq!(session.participants().len(), 1);
    // Not theirs to edit (no one can tell whose), and no roles or dots; a private pulse is
    // scored on ballots without names, so an anonymous device scores it like anyone.
    let id = ideas[0].id.0.to_string();
    let edit = room.post_patiently("/edit", &quiet, &[("idea", &id), ("text", "anders")]);
    assert_eq!(edit.status, 403);
    assert_eq!(edit.json()["notice"], "named_only");
    room.key(KeyCode::PageUp);
    room.key(KeyCode::PageUp);
    room.wait_for(|| room.step(&quiet) == PULSE);
    let page = room.get("/", Some(&quiet));
    assert!(
        page.body.contains("zonder je naam bewaard"),
        "{}",
        page.body
    );
    let score = room.post_patiently("/pulse", &quiet, &[("item", "right_place"), ("score", "3")]);
    assert_eq!(score.status, 200, "{score:?}");
    let pulse = room.on_disk().template().steps[PULSE].id.clone();
    assert_eq!(room.on_disk().results(&pulse).unwrap().ballots.len(), 1);
    room.key(KeyCode::PageDown);
    room.wait_for(|| room.step(&quiet) == PULSE + 1);
    let role = room.post_patiently("/role", &quiet, &[("role", "relay")]);
    assert_eq!(role.status, 403);
    assert_eq!(role.json()["notice"], "named_only");
}

#[test]
fn a_new_name_waits_for_the_facilitator_who_lets_it_in_or_refuses_it() {
    let (probe, screen) = screen_probe();
    let room = Room::start_as(Language::En, &["Ann"], false, probe);
    let page = room.join_page();
    assert!(
        page.body.contains("name=\"name\""),
        "a field for a new name"
    );
    // A name on the list after all is that participant (as picking it would be).
    let ann = join_as(&room, "new", "  ann ");
    assert_eq!(ann.status, 200);
    let ann = ann.token().unwrap();
    assert_eq!(room.step(&ann), 0);
    // Empty and overlong names are refused with a notice.
    assert_eq!(join_as(&room, "new", "   ").status, 400);
    assert_eq!(join_as(&room, "new", &"x".repeat(61)).status, 400);

    let dee = join_as(&room, "new", "Dee <b>");
    assert_eq!(dee.status, 200, "{dee:?}");
    let dee = dee.token().unwrap();
    let page = room.get("/", Some(&dee));
    assert!(
        page.body
            .contains("Waiting for the facilitator to let you in as Dee &lt;b&gt;"),
        "{}",
        page.body
    );
    let state = room.get("/state", Some(&dee)).json();
    assert_eq!(state["step"], "waiting");
    let early = room.post("/idea", Some(&dee), &[("key", "d1"), ("text", "hello")]);
    assert_eq!(early.status, 409);
    assert_eq!(early.json()["notice"], "waiting");

    // The join panel lists it as waiting; Enter lets it in as a new participant.
    room.key(KeyCode::F(6));
    room.wait_for(|| {
        screen
            .lock()
            .unwrap()
            .contains("Dee <b>  (new name, waiting: Enter lets in, Del refuses)")
    });
    room.key(KeyCode::Down);
    room.key(KeyCode::Enter);
    room.wait_for(|| room.step(&dee) == 0);
    let session = room.on_disk();
    let names: Vec<&str> = session
        .participants()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Ann", "Dee <b>"]);
    assert!(
        room.get("/", Some(&dee))
            .body
            .contains("You are Dee &lt;b&gt;")
    );

    // Another new name, refused with Del: that device is not joined, and its page says why.
    let eve = join_as(&room, "new", "Eve").token().unwrap();
    room.wait_for(|| screen.lock().unwrap().contains("Eve  (new name"));
    room.key(KeyCode::Down);
    room.key(KeyCode::Delete);
    room.wait_for(|| room.get("/state", Some(&eve)).status == 401);
    let page = room.get("/?m=left", Some(&eve));
    assert!(
        page.body.contains("did not let that name in"),
        "{}",
        page.body
    );
    assert_eq!(room.on_disk().participants().len(), 2);

    // Letting a name in is an edit like any other: undo takes the participant away again.
    room.key(KeyCode::Esc);
    room.key_with(KeyCode::Char('z'), crossterm::event::KeyModifiers::CONTROL);
    room.wait_for(|| room.on_disk().participants().len() == 1);
}
