//! Participants join over HTTP, on loopback only: join with the code, send and edit ideas,
//! score the pulse and pick a role; wrong codes (403, then 429), oversized bodies (413), a
//! revoked device, a retried post (no duplicate), hostile names and ideas (escaped, never a
//! control character in the session), and the server gone when joining is turned off.

use crate::common;

use ambassador::domain::{Language, StepKind};
use common::join::{Room, encode, try_request};
use crossterm::event::KeyCode;

/// Steps of the built-in workshop.
const PULSE: usize = 1;
const Q1: usize = 3;
const COMMON_GROUND: usize = 7;

#[test]
fn a_device_joins_with_the_code_and_its_idea_is_on_disk_before_it_hears_received() {
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    // The join page lists the names and carries the code from the link.
    let page = room.get(&format!("/?c={}", room.code), None);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Ann") && page.body.contains("Bob"));
    assert!(page.body.contains(&format!("value=\"{}\"", room.code)));
    let ann = room.join("Ann");
    room.next_steps(Q1, &ann);
    let reply = room.post(
        "/idea",
        Some(&ann),
        &[("key", "k-1"), ("text", "Proud of our work")],
    );
    assert_eq!(reply.status, 200, "{reply:?}");
    // "received" means saved: the file already has it, attributed and marked.
    let ideas = room.ideas_on(Q1);
    assert_eq!(ideas.len(), 1);
    let session = room.on_disk();
    assert_eq!(session.participant_name(ideas[0].participant), "Ann");
    assert_eq!(ideas[0].text, "Proud of our work");
    assert!(ideas[0].from_device());
    assert_eq!(reply.json()["id"].as_u64(), Some(ideas[0].id.0));
    // And it was placed in a group like a typed idea.
    let results = session.results(&session.template().steps[Q1].id).unwrap();
    assert!(
        results
            .groups
            .iter()
            .any(|g| g.ideas.contains(&ideas[0].id))
    );
    // The page lists it as theirs, editable.
    let page = room.get("/", Some(&ann));
    assert!(
        page.body.contains(">Proud of our work</textarea>"),
        "{}",
        page.body
    );
}

#[test]
fn a_retried_post_finds_its_idea_and_adds_no_duplicate() {
    let room = Room::start(Language::En, &["Ann"]);
    let ann = room.join("Ann");
    room.next_steps(Q1, &ann);
    let form = [("key", "retry-1"), ("text", "Say yes to networking drinks")];
    let first = room.post_patiently("/idea", &ann, &form);
    let again = room.post_patiently("/idea", &ann, &form);
    assert_eq!((first.status, again.status), (200, 200));
    assert_eq!(first.json()["id"], again.json()["id"]);
    assert_eq!(room.ideas_on(Q1).len(), 1);
    // The same key with other text is still the same post.
    let other = room.post_patiently("/idea", &ann, &[("key", "retry-1"), ("text", "other")]);
    assert_eq!(other.status, 200);
    assert_eq!(room.ideas_on(Q1).len(), 1);
}

#[test]
fn own_ideas_are_editable_until_the_facilitator_moves_on() {
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    let (ann, bob) = (room.join("Ann"), room.join("Bob"));
    room.next_steps(Q1, &ann);
    let sent = room.post(
        "/idea",
        Some(&ann),
        &[("key", "e1"), ("text", "LinkedIn posts")],
    );
    let id = sent.json()["id"].as_u64().unwrap().to_string();
    let edit = room.post(
        "/edit",
        Some(&ann),
        &[("idea", &id), ("text", "LinkedIn posts weekly")],
    );
    assert_eq!(edit.status, 200, "{edit:?}");
    assert_eq!(room.ideas_on(Q1)[0].text, "LinkedIn posts weekly");
    // Not Bob's to change, and he is told so (not that the facilitator moved on).
    let theirs = room.post("/edit", Some(&bob), &[("idea", &id), ("text", "mine now")]);
    assert_eq!(theirs.status, 403);
    assert_eq!(theirs.json()["notice"], "not_yours");
    assert!(
        theirs.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("someone else's")),
        "{theirs:?}"
    );
    // Once the facilitator moves on, no longer.
    room.next_steps(1, &ann);
    let late = room.post("/edit", Some(&ann), &[("idea", &id), ("text", "too late")]);
    assert_eq!(late.status, 409);
    assert_eq!(room.ideas_on(Q1)[0].text, "LinkedIn posts weekly");
    // An idea typed for Q1 before the page noticed the move still lands on Q1.
    let step = Q1.to_string();
    let typed = room.post(
        "/idea",
        Some(&ann),
        &[("key", "e2"), ("text", "Wear the badge"), ("step", &step)],
    );
    assert_eq!(typed.status, 200);
    assert_eq!(room.ideas_on(Q1).len(), 2);
}

#[test]
fn pulse_scores_from_an_open_pulse_and_roles_are_saved_for_that_participant() {
    let room = Room::start_open(Language::Nl, &["Ann"]);
    let ann = room.join("Ann");
    room.next_steps(PULSE, &ann);
    let session = room.on_disk();
    let step = session.template().steps[PULSE].clone();
    let StepKind::Pulse { items, .. } = &step.kind else {
        panic!("step 2 is the pulse")
    };
    let page = room.get("/", Some(&ann));
    assert!(page.body.contains("lang=\"nl\""));
    assert!(page.body.contains(&items[0].label));
    assert!(
        page.body.contains("met je naam bewaard"),
        "the page says the pulse is open"
    );
    let scored = room.post(
        "/pulse",
        Some(&ann),
        &[("item", &items[0].id), ("score", "4")],
    );
    assert_eq!(scored.status, 200, "{scored:?}");
    let bad = room.post(
        "/pulse",
        Some(&ann),
        &[("item", &items[0].id), ("score", "9")],
    );
    assert_eq!(bad.status, 400);
    let session = room.on_disk();
    let ann_id = session.participants()[0].id;
    let scores = &session.results(&step.id).unwrap().pulse[&ann_id];
    assert_eq!(scores[&items[0].id], 4);
    // A role is for the roles step only.
    let early = room.post("/role", Some(&ann), &[("role", "relay")]);
    assert_eq!(early.status, 409);
    room.next_steps(1, &ann);
    let session = room.on_disk();
    let roles_step = session.current_step().clone();
    let StepKind::Roles { roles } = &roles_step.kind else {
        panic!("step 3 is roles")
    };
    let picked = room.post("/role", Some(&ann), &[("role", &roles[1].id)]);
    assert_eq!(picked.status, 200);
    let session = room.on_disk();
    assert_eq!(
        session.results(&roles_step.id).unwrap().roles[&ann_id],
        roles[1].id
    );
}

/// In a private pulse a device scores on a ballot of its own, under a random id its cookie
/// keeps (so it can change its score), and nothing on file ties the ballot to its person.
#[test]
fn a_private_pulse_from_devices_keeps_one_unlinked_ballot_per_device() {
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    let ann = room.join("Ann");
    let bob = room.join("Bob");
    room.next_steps(PULSE, &ann);
    let session = room.on_disk();
    let step = session.template().steps[PULSE].clone();
    let StepKind::Pulse { items, .. } = &step.kind else {
        panic!("step 2 is the pulse")
    };
    let page = room.get("/", Some(&ann));
    assert!(
        page.body.contains("kept without your name"),
        "{}",
        page.body
    );
    let ballot = page
        .cookie("ambassador_ballot")
        .expect("the page gives a ballot id");
    let ann = format!("{ann}; {ballot}");
    for score in ["4", "2"] {
        let scored = room.post(
            "/pulse",
            Some(&ann),
            &[("item", &items[0].id), ("score", score)],
        );
        assert_eq!(scored.status, 200, "{scored:?}");
        assert!(
            scored.cookie("ambassador_ballot").is_none(),
            "a ballot it already has"
        );
    }
    // Bob's first score comes with a ballot id of its own.
    let scored = room.post(
        "/pulse",
        Some(&bob),
        &[("item", &items[0].id), ("score", "5")],
    );
    assert_eq!(scored.status, 200);
    assert!(scored.cookie("ambassador_ballot").is_some());

    let session = room.on_disk();
    let results = session.results(&step.id).unwrap();
    assert!(results.pulse.is_empty(), "a score by name");
    let mut scores: Vec<u8> = results
        .ballots
        .values()
        .map(|b| b.scores[&items[0].id])
        .collect();
    scores.sort();
    assert_eq!(
        scores,
        [2, 5],
        "Ann's changed score on her own ballot, Bob's on his"
    );
    assert!(results.ballots.values().all(|b| !b.by_hand));
    let id = ballot.trim_start_matches("ambassador_ballot=");
    let file = std::fs::read_to_string(&room.path).unwrap();
    assert_eq!(
        file.matches(id).count(),
        1,
        "the ballot id stands only on its ballot"
    );
    // Ann's page shows her own score back.
    let page = room.get("/", Some(&ann));
    assert!(
        page.body.contains("value=\"2\" class=\"on\""),
        "{}",
        page.body
    );
}

#[test]
fn wrong_codes_are_refused_and_then_rate_limited_per_address() {
    let room = Room::start(Language::En, &["Ann"]);
    let id = room.on_disk().participants()[0].id.0.to_string();
    for _ in 0..10 {
        let reply = room.post("/join", None, &[("code", "WRONG1"), ("participant", &id)]);
        assert_eq!(reply.status, 403);
        assert!(reply.token().is_none());
    }
    // The eleventh try within the minute is refused whatever the code.
    let right = room.post("/join", None, &[("code", &room.code), ("participant", &id)]);
    assert_eq!(right.status, 429);
    assert!(right.token().is_none());
    assert!(right.header("Retry-After").is_some());
}

#[test]
fn bodies_over_32_kb_get_413_and_ideas_over_2000_characters_400() {
    let room = Room::start(Language::En, &["Ann"]);
    let ann = room.join("Ann");
    room.next_steps(Q1, &ann);
    let huge = "x".repeat(33_000);
    let reply = room.post("/idea", Some(&ann), &[("key", "big"), ("text", &huge)]);
    assert_eq!(reply.status, 413);
    let long = "a".repeat(2001);
    let reply = room.post_patiently("/idea", &ann, &[("key", "long"), ("text", &long)]);
    assert_eq!(reply.status, 400);
    assert!(room.ideas_on(Q1).is_empty());
}

#[test]
fn a_revoked_device_can_no_longer_post_or_see_the_session() {
    let room = Room::start(Language::En, &["Ann"]);
    let ann = room.join("Ann");
    room.next_steps(Q1, &ann);
    // F6 shows the join panel (joining is on); Del sends the selected device away.
    room.key(KeyCode::F(6));
    room.key(KeyCode::Delete);
    room.wait_for(|| room.get("/state", Some(&ann)).status == 401);
    let reply = room.post(
        "/idea",
        Some(&ann),
        &[("key", "k"), ("text", "still here?")],
    );
    assert_eq!(reply.status, 401);
    let page = room.get("/", Some(&ann));
    assert!(
        page.body.contains("name=\"c\""),
        "back to the page that asks for the code"
    );
    assert!(room.ideas_on(Q1).is_empty());
}

#[test]
fn hostile_names_and_ideas_are_escaped_and_never_carry_control_characters() {
    let evil = "<script>alert(1)</script>";
    let room = Room::start(Language::En, &[evil]);
    let page = room.join_page();
    assert!(!page.body.contains(evil));
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let token = room.join(evil);
    room.next_steps(Q1, &token);
    let idea = "<img src=x onerror=alert(2)> \u{1b}]0;PWNED\u{7} \u{1b}[2J \u{9b}31m";
    let reply = room.post("/idea", Some(&token), &[("key", "evil"), ("text", idea)]);
    assert_eq!(reply.status, 200);
    let stored = &room.ideas_on(Q1)[0].text;
    assert!(
        !stored.chars().any(ambassador::sanitize::is_control),
        "{stored:?}"
    );
    assert!(stored.contains("^[]0;PWNED^G"), "shown visibly: {stored:?}");
    let page = room.get("/", Some(&token));
    assert!(!page.body.contains("<img"));
    assert!(page.body.contains("&lt;img src=x onerror=alert(2)&gt;"));
}

#[test]
fn every_answer_carries_the_security_headers_and_the_cookie_is_strict() {
    let room = Room::start(Language::En, &["Ann"]);
    let id = room.on_disk().participants()[0].id.0.to_string();
    let joined = room.post("/join", None, &[("code", &room.code), ("participant", &id)]);
    let cookie = joined.header("Set-Cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    for path in ["/", "/app.js", "/app.css", "/state", "/nope"] {
        let reply = room.get(path, None);
        assert_eq!(
            reply.header("Content-Security-Policy"),
            Some("default-src 'self'"),
            "{path}"
        );
        assert_eq!(reply.header("X-Content-Type-Options"), Some("nosniff"));
        assert_eq!(reply.header("Cache-Control"), Some("no-store"));
    }
}

#[test]
fn only_the_join_page_and_its_api_are_served_never_a_file() {
    let room = Room::start(Language::En, &["Ann"]);
    for path in [
        "/Cargo.toml",
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/sessions",
        "/app.js/../../Cargo.toml",
    ] {
        let reply = try_request(room.addr, "GET", path, None, None, false).unwrap();
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.body.contains("[package]"));
    }
    let reply = room.get("/state", None);
    assert_eq!(reply.status, 401, "not joined, no session state");
}

#[test]
fn the_page_follows_the_step_and_turning_joining_off_closes_the_port() {
    let room = Room::start(Language::En, &["Ann"]);
    let ann = room.join("Ann");
    assert_eq!(room.step(&ann), 0);
    room.next_steps(2, &ann);
    assert_eq!(room.step(&ann), 2);
    // F6 shows the panel; F6 there turns joining off.
    room.key(KeyCode::F(6));
    room.key(KeyCode::F(6));
    room.wait_for(|| std::net::TcpStream::connect(room.addr).is_err());
}

/// Ann's dots on each group of the common ground, as saved.
fn dots_on_disk(room: &Room, name: &str) -> std::collections::BTreeMap<u64, u8> {
    let session = room.on_disk();
    let who = session
        .participants()
        .iter()
        .find(|p| p.name == name)
        .unwrap()
        .id;
    let step = &session.template().steps[COMMON_GROUND].id;
    session
        .results(step)
        .and_then(|r| r.votes.get(&who))
        .map(|v| v.iter().map(|(g, n)| (g.0, *n)).collect())
        .unwrap_or_default()
}

#[test]
fn on_the_common_ground_a_device_places_and_takes_back_its_dots_within_the_budget() {
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    let (ann, bob) = (room.join("Ann"), room.join("Bob"));
    room.ideas_to_common_ground(
        &ann,
        &[
            "Proud of our work",
            "Networking drinks with clients",
            "Posting on LinkedIn",
        ],
    );
    let session = room.on_disk();
    let step = &session.template().steps[COMMON_GROUND];
    assert_eq!(step.kind, StepKind::CommonGround);
    let groups: Vec<_> = session.results(&step.id).unwrap().groups.clone();
    assert!(groups.len() >= 2, "{groups:?}");
    let (g0, g1) = (groups[0].id.0.to_string(), groups[1].id.0.to_string());
    let at = COMMON_GROUND.to_string();

    // The page lists the groups with their counts, the dots left and a form per group.
    let page = room.get("/", Some(&ann));
    assert!(
        page.body.contains("You have 3 of your 3 dots left"),
        "{}",
        page.body
    );
    for g in &groups {
        assert!(page.body.contains(&g.label), "{}", g.label);
    }
    assert!(page.body.contains("action=\"/dot\""));
    assert!(page.body.contains("shared by 1 · dots: 0"));

    let dot = |token: &str, group: &str, mine: &str| {
        room.post_patiently(
            "/dot",
            token,
            &[("step", &at), ("group", group), ("mine", mine)],
        )
    };
    assert_eq!(dot(&ann, &g0, "1").status, 200);
    // A retried post (the same form sent again) counts once.
    assert_eq!(dot(&ann, &g0, "1").status, 200);
    assert_eq!(dots_on_disk(&room, "Ann"), [(groups[0].id.0, 1)].into());
    assert_eq!(dot(&ann, &g0, "2").status, 200);
    assert_eq!(dot(&ann, &g1, "1").status, 200);
    // The budget is the domain's: a fourth dot is refused, with a clear notice.
    let over = dot(&ann, &g1, "2");
    assert_eq!(over.status, 409, "{over:?}");
    assert_eq!(over.json()["notice"], "no_dots_left");
    // Without the script the form comes back to the page, which says why.
    let form = encode(&[("step", &at), ("group", &g1), ("mine", "2")]);
    let plain = loop {
        let reply = try_request(room.addr, "POST", "/dot", Some(&ann), Some(&form), false);
        let reply = reply.unwrap();
        if reply.header("Location") != Some("/?m=too_fast") {
            break reply;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert_eq!(plain.status, 303);
    assert_eq!(plain.header("Location"), Some("/?m=no_dots_left"));
    let page = room.get("/?m=no_dots_left", Some(&ann));
    assert!(
        page.body.contains("You have placed all your dots"),
        "{}",
        page.body
    );
    assert!(page.body.contains("You have 0 of your 3 dots left"));
    // A page that is out of date changes nothing.
    let stale = dot(&ann, &g0, "0");
    assert_eq!(stale.status, 409);
    assert_eq!(stale.json()["notice"], "stale");
    // Taking one back frees it for another group.
    assert_eq!(dot(&ann, &g0, "1").status, 200);
    // A group that is gone (with a dot to spare, so the budget is not what refuses it).
    let unknown = dot(&ann, "999999", "1");
    assert_eq!(unknown.status, 409);
    assert_eq!(unknown.json()["notice"], "stale");
    assert_eq!(
        dots_on_disk(&room, "Ann"),
        [(groups[0].id.0, 1), (groups[1].id.0, 1)].into()
    );
    // Others see the totals, not whose they are; their own dots are theirs.
    let page = room.get("/", Some(&bob));
    assert!(page.body.contains("You have 3 of your 3 dots left"));
    assert!(page.body.contains("dots: 1"));
    assert!(!page.body.contains("yours:"));
    assert!(dots_on_disk(&room, "Bob").is_empty());
    // Off the common ground, dots are refused.
    room.next_steps(1, &ann);
    let off = dot(&ann, &g0, "2");
    assert_eq!(off.status, 409);
    assert_eq!(off.json()["notice"], "step_moved");
}

/// The part of a page from `from` to the `to` after it.
fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let start = page
        .find(from)
        .unwrap_or_else(|| panic!("{from} in {page}"));
    let rest = &page[start..];
    &rest[..rest.find(to).map_or(rest.len(), |end| end + to.len())]
}

#[test]
fn the_dot_page_folds_each_groups_ideas_under_it_in_the_boards_order_and_never_says_who() {
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    let (ann, bob) = (room.join("Ann"), room.join("Bob"));
    room.next_steps(Q1, &ann);
    for (n, (who, text)) in [
        (&ann, "Proud of our work at the fair"),
        (&bob, "Proud of our work with clients"),
        (&ann, "Posting on LinkedIn"),
        (&bob, "<b>Networking</b> drinks"),
    ]
    .into_iter()
    .enumerate()
    {
        let key = format!("fold-{n}");
        let sent = room.post_patiently("/idea", who, &[("key", &key), ("text", text)]);
        assert_eq!(sent.status, 200, "{sent:?}");
    }
    room.next_steps(4, &ann);
    let page = room.get("/", Some(&ann)).body;
    let list = between(&page, "<ol class=\"dots\" id=\"dots\">", "</ol>");

    let session = room.on_disk();
    let step = &session.template().steps[COMMON_GROUND].id;
    let index = session.idea_index();
    let ranked = ambassador::steps::board::ranked_groups(&session, step, &index);
    let mut at = 0;
    for (g, _) in &ranked {
        // Each group is folded, its ideas inside; one tap on its name opens them.
        let item = between(list, &format!("<li id=\"g{}\">", g.id), "</details>");
        assert!(item.contains("<details><summary"), "{item}");
        for id in &g.ideas {
            let text = ambassador::sanitize::html(&index[id].0.text);
            assert!(
                between(item, "</summary>", "</details>").contains(&text),
                "{text} under {}: {item}",
                g.label
            );
        }
        // In the board's order.
        let here = list.find(&format!("<li id=\"g{}\">", g.id)).unwrap();
        assert!(here >= at, "{} out of the board's order:\n{list}", g.label);
        at = here;
    }
    assert!(
        list.contains("&lt;b&gt;Networking&lt;/b&gt; drinks"),
        "{list}"
    );
    assert!(!list.contains("Ann") && !list.contains("Bob"), "{list}");
}

#[test]
fn an_idea_is_edited_on_the_phone_in_a_box_as_large_as_its_text() {
    let room = Room::start(Language::En, &["Ann"]);
    let ann = room.join("Ann");
    room.next_steps(Q1, &ann);
    let long = "Telling friends and family what we make, at birthdays and at the sports \
                club, and why we are proud of it, without sounding like an advert";
    for (key, text) in [("long", long), ("short", "LinkedIn")] {
        let sent = room.post_patiently("/idea", &ann, &[("key", key), ("text", text)]);
        assert_eq!(sent.status, 200, "{sent:?}");
    }
    let page = room.get("/", Some(&ann)).body;
    let boxes: Vec<&str> = page.split("<textarea").skip(1).collect();
    assert_eq!(boxes.len(), 2, "{page}");
    let rows = |b: &str| -> usize {
        let after = b.split("rows=\"").nth(1).expect("rows");
        after[..after.find('"').unwrap()].parse().unwrap()
    };
    assert!(boxes[0].contains(&format!(">{long}</textarea>")), "{page}");
    assert!(rows(boxes[0]) >= 5, "the long idea's box: {}", boxes[0]);
    assert_eq!(rows(boxes[1]), 1, "the short one's: {}", boxes[1]);
    assert!(!page.contains("<input name=\"text\" value="), "{page}");
}
