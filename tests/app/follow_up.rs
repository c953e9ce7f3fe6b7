//! Follow-up sessions and dot voting, driven as a facilitator would: a session with actions,
//! a follow-up started from the home screen, last time's actions marked, dots entered per
//! person, the top of the vote marked, and the reports.

use crate::common;

use ambassador::app::{Overlay, Screen};
use ambassador::domain::{Change, Language, Status};
use common::drive::Harness;
use crossterm::event::KeyCode;

use common::follow_up::{
    LAST_TIME, PULSE, earlier, go_to, group_rows, select_group, start_follow_up, voting_board,
};

#[test]
fn a_follow_up_copies_the_details_and_links_to_the_earlier_session() {
    let mut h = earlier("fu-link", Language::En);
    let earlier_id = match &h.app.screen {
        Screen::Home(home) => match &home.listings[0] {
            ambassador::store::Listing::Session(s) => s.id.clone(),
            _ => panic!("a readable session"),
        },
        _ => unreachable!(),
    };
    start_follow_up(&mut h);
    let s = h.on_disk();
    assert_eq!(s.template().id, "ambassadorship-follow-up");
    // Told apart from its original in every list, still editable on the setup screen.
    assert_eq!(s.title(), "Team Noord — follow-up 1");
    assert_eq!(s.organisation(), "Zorggroep");
    assert_eq!(s.facilitator(), "Fay");
    let names: Vec<&str> = s.participants().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ann", "Bob", "Chloé"]);
    let e = s
        .follows()
        .as_ref()
        .expect("the follow-up names the earlier session");
    assert_eq!(e.id, earlier_id);
    assert_eq!(e.follow_up, Some("2026-12-15".parse().unwrap()));
    let whats: Vec<&str> = e.actions.iter().map(|a| a.what.as_str()).collect();
    assert_eq!(
        whats,
        [
            "Share one story a month",
            "Invite a client to the open day",
            "Write a LinkedIn guide"
        ]
    );
    assert_eq!(e.denominators.len(), 1, "the marked denominator is kept");
    assert!(!e.denominators[0].ideas.is_empty());
    assert_eq!(e.pulse.len(), 3, "last time's pulse means");
    assert!(
        e.follows.is_none(),
        "the first of the chain follows nothing"
    );
}

#[test]
fn a_follow_up_of_a_follow_up_carries_the_chain_on() {
    let mut h = earlier("fu-chain", Language::En);
    start_follow_up(&mut h);
    let first_follow_up = h.on_disk();
    let first = first_follow_up.follows().clone().unwrap().id;
    h.key(KeyCode::F(10));
    select_listing(&mut h, first_follow_up.id());
    start_follow_up(&mut h);
    let second = h.on_disk();
    let link = second.follows().as_ref().unwrap();
    assert_eq!(&link.id, first_follow_up.id());
    assert_eq!(link.follows.as_deref(), Some(first.as_str()));
    // Numbered along the chain of the first session, not "— follow-up 1 — follow-up 1".
    assert_eq!(second.title(), "Team Noord — follow-up 2");
    // A second follow-up of the first session counts the ones already held too.
    h.key(KeyCode::F(10));
    select_listing(&mut h, &first);
    start_follow_up(&mut h);
    assert_eq!(h.on_disk().title(), "Team Noord — follow-up 3");
}

#[test]
fn last_time_marks_outcomes_with_notes_and_undo_takes_them_back() {
    let mut h = earlier("fu-outcomes", Language::En);
    start_follow_up(&mut h);
    go_to(&mut h, LAST_TIME);
    // 1 done (the cursor moves on), 1 done, 3 dropped.
    h.typed("1").typed("1").typed("3");
    h.key(KeyCode::F(2));
    assert!(matches!(h.app.overlay, Some(Overlay::Prompt(_))));
    h.typed("No time before the audit").enter();
    let s = h.on_disk();
    let ids: Vec<_> = s
        .follows()
        .as_ref()
        .unwrap()
        .actions
        .iter()
        .map(|a| a.id)
        .collect();
    let outcomes = &s.results("last_time").unwrap().outcomes;
    assert_eq!(outcomes[&ids[0]].status, Some(Status::Done));
    assert_eq!(outcomes[&ids[1]].status, Some(Status::Done));
    assert_eq!(outcomes[&ids[2]].status, Some(Status::Dropped));
    assert_eq!(outcomes[&ids[2]].note, "No time before the audit");
    assert_eq!(s.outcome_count(Status::Done), 2);
    let screen = h.render(100, 30);
    assert!(
        screen.contains("Planned for 2026-12-15: on time."),
        "{screen}"
    );
    assert!(
        screen.contains("✔ 2 done · ◐ 0 in progress · ✘ 1 dropped · 0 still open"),
        "{screen}"
    );
    h.ctrl('z');
    let s = h.on_disk();
    assert_eq!(s.results("last_time").unwrap().outcomes[&ids[2]].note, "");
    h.ctrl('z');
    assert!(
        !h.on_disk()
            .results("last_time")
            .unwrap()
            .outcomes
            .contains_key(&ids[2])
    );
}

#[test]
fn the_pulse_shows_last_time_once_everyone_has_scored() {
    let mut h = earlier("fu-pulse", Language::En);
    start_follow_up(&mut h);
    go_to(&mut h, PULSE);
    h.typed("555").typed("332").typed("v");
    assert!(
        !h.render(100, 30).contains("was 3.7"),
        "not while some still have to score"
    );
    h.typed("44");
    let screen = h.render(100, 30);
    // Last time: 4, 2, 5 on the first statement (3.7); now 5, 3, 4 (4.0).
    assert!(screen.contains("was 3.7 ▲+0.3"), "{screen}");
}

#[test]
fn dots_keep_to_the_budget_follow_the_group_and_rank_the_board() {
    let mut h = voting_board("fu-dots");
    let s = h.run().session().clone();
    let groups = group_rows(&s);
    assert!(groups.len() >= 2, "{groups:?}");
    let last = *groups.last().unwrap();
    select_group(&mut h, last);
    let ann = s.participants()[0].id;
    assert_eq!(s.focus(), Some(ann));
    h.typed("v").typed("v").typed("v");
    assert_eq!(h.message(), "Ann: 0 of 3 dots left");
    h.typed("v");
    assert_eq!(
        h.message(),
        "Ann has used all 3 dots; take one back first (x)."
    );
    let disk = h.on_disk();
    assert_eq!(disk.dots_used("common_ground", ann), 3);
    assert_eq!(
        group_rows(&disk)[0],
        last,
        "the voted group comes first, and stays selected"
    );
    h.typed("x");
    assert_eq!(h.on_disk().dots_left("common_ground", ann), 1);
    // Ranked by sharers again: the votes stay, the order may change.
    h.typed("b");
    assert_eq!(h.message(), "Ranked by how many people share a group.");
    h.ctrl('z');
    assert_eq!(
        h.on_disk().dots_used("common_ground", ann),
        3,
        "undo gives the dot back"
    );
}

#[test]
fn three_people_vote_and_the_top_two_become_the_common_denominators() {
    let mut h = voting_board("fu-top");
    let s = h.run().session().clone();
    let groups = group_rows(&s);
    assert!(groups.len() >= 3, "{groups:?}");
    let (a, b, c) = (groups[2], groups[1], groups[0]);
    // Ann 3 on a; Bob 2 on b, 1 on a; Chloé 1 on c, 2 on b.
    select_group(&mut h, a);
    h.typed("vvv").key(KeyCode::Tab);
    select_group(&mut h, b);
    h.typed("vv");
    select_group(&mut h, a);
    h.typed("v").key(KeyCode::Tab);
    select_group(&mut h, c);
    h.typed("v");
    select_group(&mut h, b);
    h.typed("vv");
    let disk = h.on_disk();
    let totals = disk.vote_totals("common_ground");
    assert_eq!((totals[&a], totals[&b], totals[&c]), (4, 4, 1));
    assert_eq!(
        disk.dots_left("common_ground", disk.participants()[2].id),
        0
    );
    let screen = h.render(100, 30);
    for left in ["Ann 0", "Bob 0", "Chloé 0"] {
        assert!(screen.contains(left), "{screen}");
    }
    h.typed("k");
    assert!(matches!(h.app.overlay, Some(Overlay::Prompt(_))));
    h.key(KeyCode::Backspace).typed("2").enter();
    let marked: Vec<_> = h
        .on_disk()
        .results("common_ground")
        .unwrap()
        .denominators
        .iter()
        .map(|d| d.group)
        .collect();
    assert_eq!(marked.len(), 2, "{marked:?}");
    assert!(marked.contains(&a) && marked.contains(&b), "{marked:?}");
    assert_eq!(
        h.message(),
        "The top 2 of the vote are the common denominators now."
    );
    h.ctrl('z');
    assert!(
        h.on_disk()
            .results("common_ground")
            .unwrap()
            .denominators
            .is_empty()
    );
}

#[test]
fn the_follow_ups_html_report_shows_outcomes_votes_and_the_link() {
    let mut h = voting_board("fu-report");
    let groups = group_rows(h.run().session());
    select_group(&mut h, groups[0]);
    h.typed("vv");
    go_to(&mut h, LAST_TIME);
    h.typed("1").typed("1").typed("3");
    let s = h.on_disk();
    let html = ambassador::steps::report::render(
        &s,
        ambassador::export::Format::Html,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    assert!(
        html.contains("<tr class=\"done\"><td>Share one story a month</td>"),
        "{html}"
    );
    assert!(html.contains("<tr class=\"dropped\"><td>Write a LinkedIn guide</td>"));
    assert!(html.contains("Dot votes (3 per person)"));
    assert!(
        html.contains("<td>Ann 2</td>"),
        "who voted, in the facilitator's report"
    );
    assert!(html.contains("<dt>Follows up on</dt><dd>Team Noord (2026-11-27, "));
    let anonymous = ambassador::steps::report::render(
        &s,
        ambassador::export::Format::Html,
        true,
        &jiff::tz::TimeZone::UTC,
    );
    assert!(anonymous.contains("Dot votes (3 per person)"));
    assert!(!anonymous.contains("Ann 2") && !anonymous.contains("Participant 1 2"));
    let json = ambassador::steps::report::render(
        &s,
        ambassador::export::Format::Json,
        true,
        &jiff::tz::TimeZone::UTC,
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["votes"][0]["dots"], 2);
    assert!(doc["votes"][0].get("by").is_none(), "{json}");
    assert!(
        doc["session"]["results"]["common_ground"]
            .get("votes")
            .is_none(),
        "an anonymous report does not say who voted what"
    );
    let named = ambassador::steps::report::render(
        &s,
        ambassador::export::Format::Json,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    let doc: serde_json::Value = serde_json::from_str(&named).unwrap();
    assert_eq!(doc["votes"][0]["by"][0]["participant"], "Ann");
    let earlier_path = h
        .run()
        .file()
        .path
        .with_file_name(format!("{}.ron", s.follows().as_ref().unwrap().id));
    let earlier_session = ambassador::store::read_session(&earlier_path)
        .unwrap()
        .session;
    let compared = ambassador::review::compare(&earlier_session, &s, None);
    let statuses: Vec<_> = compared.outcomes.values().copied().collect();
    assert_eq!(statuses, [Status::Done, Status::Done, Status::Dropped]);
    assert!(
        compared
            .new
            .iter()
            .chain(compared.recurring.iter().map(|m| &m.after))
            .any(|t| t.dots == 2)
    );
    let md = ambassador::steps::report::render(
        &s,
        ambassador::export::Format::Md,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    assert!(
        md.contains("| Share one story a month | Ann | monthly | ✔ done |"),
        "{md}"
    );
}

#[test]
fn the_home_screen_says_a_follow_up_is_due_until_it_is_held() {
    let mut h = earlier("fu-due", Language::En);
    // The test clock is 2026-11-27; the follow-up is planned for 2026-12-15, within two weeks.
    let screen = h.render(100, 30);
    assert!(screen.contains("follow-up due 2026-12-15"), "{screen}");
    start_follow_up(&mut h);
    h.key(KeyCode::F(10));
    let screen = h.render(100, 30);
    assert!(!screen.contains("follow-up due"), "{screen}");
}

#[test]
fn a_dutch_follow_up_is_all_dutch() {
    let mut h = earlier("fu-nl", Language::Nl);
    start_follow_up(&mut h);
    assert_eq!(h.on_disk().title(), "Team Noord — vervolg 1");
    go_to(&mut h, LAST_TIME);
    h.typed("1");
    let screen = h.render(100, 30);
    assert!(
        screen.contains("Wat spraken we vorige keer af?"),
        "{screen}"
    );
    assert!(
        screen.contains("Gepland op 2026-12-15: op tijd."),
        "{screen}"
    );
    assert!(screen.contains("✔ 1 gedaan"), "{screen}");
}

#[test]
fn a_vote_is_refused_by_the_domain_past_the_budget_whatever_sends_it() {
    let h = voting_board("fu-domain");
    let mut s = h.run().session().clone();
    let group = group_rows(&s)[0];
    let bob = s.participants()[1].id;
    let clock = common::clock();
    let dot = || Change::AddDot {
        step: "common_ground".into(),
        participant: bob,
        group,
    };
    for _ in 0..3 {
        s.apply(dot(), &clock).unwrap();
    }
    let before = s.clone();
    assert!(s.apply(dot(), &clock).is_err());
    assert_eq!(s, before, "a refused change leaves the session as it was");
    let take = Change::TakeDot {
        step: "common_ground".into(),
        participant: s.participants()[0].id,
        group,
    };
    assert!(s.apply(take, &clock).is_err(), "Ann has no dot there");
}

/// Selects a session on the home screen by id.
fn select_listing(h: &mut Harness, id: &str) {
    let Screen::Home(home) = &h.app.screen else {
        panic!("not on the home screen");
    };
    let at = home
        .listings
        .iter()
        .position(|l| matches!(l, ambassador::store::Listing::Session(s) if s.id == id))
        .unwrap();
    let n = home.listings.len();
    for _ in 0..n {
        h.key(KeyCode::Up);
    }
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
}

#[test]
fn a_format_2_file_opens_unchanged_and_the_original_is_kept() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let current = common::filled_session(3);
    // What the format 2 program wrote: no dots in the workshop, no votes, no links.
    let v2 = common::render(&current)
        .replacen("version: 5,", "version: 2,", 1)
        .replacen("\n    pulse_mode: open,", "", 1)
        .replacen("\n        dots: 3,", "", 1);
    assert!(!v2.contains("dots:") && !v2.contains("follows"), "{v2}");
    let path = dir.join("2026-11-27-test.ron");
    std::fs::write(&path, &v2).unwrap();
    let file = ambassador::store::SessionFile::open(&path).unwrap();
    let mut expected = current.clone();
    expected.mark_current_format();
    assert_eq!(
        file.session(),
        &expected,
        "everything as it was, now format 5"
    );
    assert_eq!(file.session().template().dots, 3, "the default dots");
    let backup = file.backup.clone().unwrap();
    assert!(backup.to_string_lossy().ends_with(".ron.v2.bak"));
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), v2);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("version: 5,")
    );
}

#[test]
fn new_with_follow_up_links_the_sessions_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let mut earlier = common::filled_session(2);
    let date = ambassador::domain::Change::SetFollowUp(Some("2026-12-01".parse().unwrap()));
    earlier.apply(date, &common::clock()).unwrap();
    common::save_into(data.path(), earlier.clone());
    let out = common::run(
        data.path(),
        &[
            "new",
            "--follow-up",
            earlier.id(),
            "--title",
            "Round two",
            "--no-open",
        ],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let id = common::stdout(&out).lines().next().unwrap().to_string();
    let path = data.path().join("sessions").join(format!("{id}.ron"));
    let s = ambassador::store::read_session(&path).unwrap().session;
    assert_eq!(s.title(), "Round two", "an option replaces what is copied");
    assert_eq!(s.organisation(), earlier.organisation());
    assert_eq!(s.template().id, "ambassadorship-follow-up");
    assert_eq!(s.participants().len(), earlier.participants().len());
    let link = s.follows().as_ref().unwrap();
    assert_eq!(&link.id, earlier.id());
    assert_eq!(link.actions.len(), 1);
    let templates = common::stdout(&common::run(data.path(), &["templates"]));
    assert!(
        templates.contains("ambassadorship-follow-up"),
        "{templates}"
    );
    let missing = common::run(data.path(), &["new", "--follow-up", "nope", "--no-open"]);
    assert!(!missing.status.success());
}

#[test]
fn a_merged_group_keeps_its_dots_and_a_split_says_where_they_stay() {
    let mut h = voting_board("fu-merge");
    let s = h.run().session().clone();
    let groups = group_rows(&s);
    let (first, second) = (groups[0], groups[1]);
    select_group(&mut h, second);
    h.typed("vv").key(KeyCode::Tab);
    select_group(&mut h, first);
    h.typed("v");
    // Merge the second group into the first: g on it, then its name typed and Enter.
    select_group(&mut h, second);
    h.typed("g");
    let label = ambassador::app::board::group_label(h.run().session(), "common_ground", first);
    h.typed(&label.to_uppercase()).enter();
    assert!(
        h.message().starts_with("Merged into"),
        "{}",
        h.render(100, 30)
    );
    let disk = h.on_disk();
    let totals = disk.vote_totals("common_ground");
    assert_eq!(totals.values().sum::<u32>(), 3, "no dot lost: {totals:?}");
    assert_eq!(totals.len(), 1, "all on the merged group: {totals:?}");
    let merged = *totals.keys().next().unwrap();
    // Split it again at its last idea: the part that keeps the id keeps the dots.
    let rows = ambassador::app::board_rows(&disk, "common_ground");
    let last_idea = rows.iter().rposition(|r| r.group() == merged).unwrap();
    for _ in 0..rows.len() {
        h.key(KeyCode::Up);
    }
    for _ in 0..last_idea {
        h.key(KeyCode::Down);
    }
    h.typed("s");
    assert!(
        h.message().starts_with("Split. The dots stay on"),
        "{}",
        h.message()
    );
    let after = h.on_disk().vote_totals("common_ground");
    assert_eq!(after.get(&merged), Some(&3), "{after:?}");
}

#[test]
fn stray_dots_and_outcomes_in_a_hand_edited_file_are_dropped_on_opening() {
    let h = voting_board("fu-stray");
    let mut s = h.run().session().clone();
    let clock = common::clock();
    let group = group_rows(&s)[0];
    let ann = s.participants()[0].id;
    s.apply(
        Change::AddDot {
            step: "common_ground".into(),
            participant: ann,
            group,
        },
        &clock,
    )
    .unwrap();
    let s = common::with_results(&s, |results| {
        let r = results.get_mut("common_ground").unwrap();
        r.votes
            .entry(ambassador::domain::ParticipantId(4_000))
            .or_default()
            .insert(group, 2);
        r.votes
            .get_mut(&ann)
            .unwrap()
            .insert(ambassador::domain::GroupId(77_777), 3);
    });
    let data = tempfile::tempdir().unwrap();
    let path = common::save_into(data.path(), s);
    let opened = ambassador::store::read_session(&path).unwrap().session;
    let votes = &opened.results("common_ground").unwrap().votes;
    assert_eq!(votes.len(), 1, "{votes:?}");
    assert_eq!(votes[&ann].len(), 1, "{votes:?}");
    assert_eq!(opened.dots_left("common_ground", ann), 2);
}

#[test]
fn f6_in_review_starts_a_follow_up_of_the_selected_session() {
    let mut h = earlier("fu-review", Language::Nl);
    h.typed("r");
    assert!(matches!(h.app.screen, Screen::Review(_)));
    h.key(KeyCode::F(6));
    let Screen::Setup(setup) = &h.app.screen else {
        panic!("F6 opens the setup screen: {}", h.message());
    };
    assert_eq!(setup.template().id, "ambassadorship-follow-up");
    assert_eq!(setup.language, Language::Nl);
    assert_eq!(setup.follows.as_ref().unwrap().title, "Team Noord");
    let screen = h.render(100, 30);
    assert!(screen.contains("Vervolg op Team Noord"), "{screen}");
}

#[test]
fn a_dot_on_a_group_that_is_not_there_is_refused_and_changes_nothing() {
    let mut s = common::filled_session(2);
    let before = s.clone();
    let refused = s.apply(
        Change::AddDot {
            step: "common_ground".into(),
            participant: s.participants()[0].id,
            group: ambassador::domain::GroupId(123_456),
        },
        &common::clock(),
    );
    assert!(refused.is_err());
    assert_eq!(s, before);
}

#[test]
fn c_carries_an_action_over_into_this_sessions_actions_linked_to_the_old_one() {
    for lang in [Language::En, Language::Nl] {
        let mut h = common::follow_up::earlier("carry-over", lang);
        common::follow_up::start_follow_up(&mut h);
        common::follow_up::go_to(&mut h, common::follow_up::LAST_TIME);
        // The second action, "Invite a client to the open day" (Bob, March): c, a new when.
        h.key(KeyCode::Down).typed("c");
        h.key(KeyCode::Tab)
            .key(KeyCode::Tab)
            .typed("2027-04-01")
            .enter();
        let session = h.on_disk();
        let earlier = &session.follows().as_ref().unwrap().actions[1];
        let carried = session.carried_over(earlier.id).expect("carried over");
        assert_eq!(
            (
                carried.what.as_str(),
                carried.who.as_str(),
                carried.when.as_str()
            ),
            ("Invite a client to the open day", "Bob", "2027-04-01")
        );
        let bridge = session
            .template()
            .steps
            .iter()
            .find(|s| s.kind == ambassador::domain::StepKind::Bridge)
            .unwrap();
        assert!(
            session
                .results(&bridge.id)
                .unwrap()
                .actions
                .contains(carried)
        );
        // Not yet marked, the old one is now in progress; the table says it went on.
        let outcome = &session
            .results(&session.current_step().id)
            .unwrap()
            .outcomes[&earlier.id];
        assert_eq!(outcome.status, Some(ambassador::domain::Status::InProgress));
        let mark = if lang == Language::En {
            "→ carried over"
        } else {
            "→ meegenomen"
        };
        assert!(h.render(80, 24).contains(mark), "{}", h.render(80, 24));
        // Once only: c again says where it is and adds nothing.
        h.typed("c");
        assert!(h.message().contains("Invite a client"), "{}", h.message());
        assert!(h.app.overlay.is_none(), "no form the second time");
        let again = h.on_disk();
        let bridge_actions = &again.results(&bridge.id).unwrap().actions;
        assert_eq!(bridge_actions.len(), 1);
        // On the bridge, the carried action is marked as one that goes on.
        common::follow_up::go_to(
            &mut h,
            session
                .template()
                .steps
                .iter()
                .position(|s| s.id == bridge.id)
                .unwrap(),
        );
        assert!(
            h.render(80, 24).contains("↻ Invite a client"),
            "{}",
            h.render(80, 24)
        );
        // Undo takes it back, with the outcome mark.
        h.ctrl('z');
        assert!(h.on_disk().carried_over(earlier.id).is_none());
    }
}
