//! Live as good as a tidy (issue 23): once the embeddings of a board's ideas have arrived, its
//! free ideas settle on the worker as F5 would leave them, with no undo step and no message,
//! and what the facilitator placed stays. The worker runs inline, as in `meaning_worker`.

use super::meaning_worker::{Meaning, connect, ideas, on_q1};
use crate::common;

use ambassador::app::Screen;
use ambassador::domain::{GroupId, IdeaId};
use ambassador::grouping::replay::{Arrival, replay};
use ambassador::grouping::{Encoder, Granularity, Lang};
use common::drive::Harness;
use crossterm::event::KeyCode;
use std::collections::BTreeSet;

/// Said on the first question, in this order: placed one at a time they end in other
/// groups than the whole list grouped at once.
const SAID: [&str; 10] = [
    "Posting on LinkedIn about our projects",
    "Telling friends at a birthday party what I do",
    "Sharing stories online about our work on social media",
    "Chatting about my job at family dinners",
    "Writing a blog about the projects we deliver",
    "Recommending the company to people looking for a job",
    "Forwarding vacancies to my neighbours",
    "Talking about our customers with pride at the sports club",
    "Giving a talk at a school about the work we do",
    "Liking and reposting the company's news",
];

/// Hands the app what the worker sent, as [`super::meaning_worker::deliver`] does, but
/// never more than `at_most` messages: a settle that led to another would go on for ever.
fn deliver(h: &mut Harness, m: &Meaning, at_most: usize) -> usize {
    let mut n = 0;
    while let Ok(event) = m.inbox.try_recv() {
        h.app.handle(event);
        n += 1;
        assert!(n <= at_most, "the worker keeps sending: a settle loop?");
    }
    n
}

/// Which ideas share a group on `step`, whatever the groups are called.
fn together(h: &Harness, step: &str) -> BTreeSet<Vec<IdeaId>> {
    h.run()
        .session()
        .results(step)
        .map(|r| r.groups.iter().map(|g| g.ideas.clone()).collect())
        .unwrap_or_default()
}

/// `SAID` replayed as `ambassador group --live` does, in the ideas' ids.
fn replayed(ids: &[IdeaId], settle: bool) -> BTreeSet<Vec<IdeaId>> {
    let encoder = Encoder::builtin().unwrap();
    replay(
        &SAID,
        Lang::Auto,
        Granularity::Default,
        Some(&encoder),
        Arrival::Late { settle },
    )
    .into_iter()
    .map(|(_, items)| items.into_iter().map(|i| ids[i]).collect())
    .collect()
}

/// [`deliver`], noting each settle that ran: (job, step).
fn deliver_noting_settles(h: &mut Harness, m: &Meaning, at_most: usize) -> BTreeSet<(u64, String)> {
    let mut settled = BTreeSet::new();
    let mut n = 0;
    while let Ok(event) = m.inbox.try_recv() {
        h.app.handle(event);
        n += 1;
        assert!(n <= at_most, "the worker keeps sending: a settle loop?");
        if let Some(p) = h
            .run()
            .ws
            .groups()
            .meaning
            .as_ref()
            .unwrap()
            .pending
            .as_ref()
            && format!("{:?}", p.purpose) == "Settle"
        {
            settled.insert((p.job, p.step.clone()));
        }
    }
    settled
}

fn settling(h: &Harness) -> bool {
    h.run()
        .ws
        .groups()
        .meaning
        .as_ref()
        .is_some_and(|m| m.pending.is_some())
}

#[test]
fn a_question_board_built_idea_by_idea_ends_as_the_tidy_and_as_group_live() {
    let cache = tempfile::tempdir().unwrap();
    let mut h = on_q1("settle-question");
    let m = connect(&mut h, cache.path());
    for said in SAID {
        h.idea(said);
        deliver(&mut h, &m, 500);
        assert!(!settling(&h), "every settle was applied");
    }
    let ids = ideas(&h, "q1");
    let live = together(&h, "q1");
    assert_eq!(live, replayed(&ids, true), "group --live replays the app");
    assert_ne!(
        live,
        replayed(&ids, false),
        "each idea only looked at once more would have left another board"
    );
    // F5 finds nothing left to tidy
    h.key(KeyCode::F(5));
    deliver(&mut h, &m, 500);
    assert!(h.message().contains("nothing moved"), "{}", h.message());
    assert_eq!(together(&h, "q1"), live);
}

#[test]
fn a_settle_is_no_edit_of_the_facilitators_it_is_saved_and_says_nothing() {
    let cache = tempfile::tempdir().unwrap();
    let mut h = on_q1("settle-quiet");
    let m = connect(&mut h, cache.path());
    // typed faster than the encoder: every idea placed on shared words alone
    for said in SAID {
        h.idea(said);
    }
    let placed = together(&h, "q1");
    let told = h.message();
    let settles = deliver_noting_settles(&mut h, &m, 500);
    assert_eq!(
        settles.len(),
        1,
        "one settle, once the last embedding arrived: {settles:?}"
    );
    assert_eq!(h.run().ws.groups().waiting(), 0);
    let settled = together(&h, "q1");
    assert_ne!(settled, placed, "the board settled");
    assert_eq!(settled, replayed(&ideas(&h, "q1"), true));
    assert_eq!(h.message(), told, "nothing said about it");
    assert_eq!(
        h.on_disk().results("q1"),
        h.run().session().results("q1"),
        "saved as shown"
    );
    // Ctrl-Z takes back the last idea, not the settle
    h.ctrl('z');
    assert_eq!(ideas(&h, "q1").len(), SAID.len() - 1);
    assert!(h.message().contains(SAID[9]), "{}", h.message());
    // and no settle follows the undo: nothing new arrived
    assert_eq!(deliver(&mut h, &m, 500), 0);
    assert!(!settling(&h));
}

fn ws(h: &mut Harness) -> &mut ambassador::workspace::Workspace {
    match &mut h.app.screen {
        Screen::Run(run) => &mut run.ws,
        _ => panic!("not in a session"),
    }
}

fn group_of(h: &Harness, step: &str, idea: IdeaId) -> GroupId {
    h.run()
        .session()
        .results(step)
        .unwrap()
        .groups
        .iter()
        .find(|g| g.ideas.contains(&idea))
        .unwrap()
        .id
}

fn group(h: &Harness, step: &str, id: GroupId) -> Option<ambassador::domain::Group> {
    h.run()
        .session()
        .results(step)?
        .groups
        .iter()
        .find(|g| g.id == id)
        .cloned()
}

/// Ideas on the first question before the facilitator shapes the common ground.
const FIRST: usize = 5;

#[test]
fn on_the_common_ground_what_the_facilitator_placed_stays_when_the_board_settles() {
    let cache = tempfile::tempdir().unwrap();
    let mut h = on_q1("settle-common-ground");
    let m = connect(&mut h, cache.path());
    for said in &SAID[..FIRST] {
        h.idea(said);
    }
    deliver(&mut h, &m, 500);
    h.page_down(4);
    assert_eq!(h.run().session().current_step().id, "common_ground");
    deliver(&mut h, &m, 500);
    let cg = "common_ground";
    let q1 = ideas(&h, "q1");
    // the facilitator's hand: a lock, a name, a group of one's own, an idea moved
    let (locked, renamed, target) = (
        group_of(&h, cg, q1[0]),
        group_of(&h, cg, q1[1]),
        group_of(&h, cg, q1[4]),
    );
    let clock = common::clock();
    let mut made = 0;
    ws(&mut h).transact(&clock, |tx| {
        tx.reshape(cg, |e| {
            e.set_locked(locked.0, true);
            e.rename(renamed.0, "Said at parties");
            made = e.pull_out(q1[2].0);
            e.move_to(q1[3].0, target.0);
        });
        Ok(())
    });
    let made = GroupId(made);
    let kept = |h: &Harness| {
        [locked, renamed, made]
            .map(|g| group(h, cg, g))
            .map(|g| g.map(|g| (g.label, g.ideas, g.locked)))
    };
    assert!(kept(&h).iter().all(Option::is_some));

    // more ideas on the first question, then back on the common ground before the
    // encoder has them: they join it on shared words, and settle when they arrive
    for _ in 0..4 {
        h.key(KeyCode::PageUp);
    }
    assert_eq!(h.run().session().current_step().id, "q1");
    for said in &SAID[FIRST..] {
        h.idea(said);
    }
    h.page_down(4);
    assert_eq!(
        h.run().ws.groups().waiting(),
        SAID.len() - FIRST,
        "their meaning is on its way"
    );
    let before = kept(&h);
    let settled = deliver_noting_settles(&mut h, &m, 1000);
    // the question and the common ground both hold the newcomers: one settle after another
    let steps: BTreeSet<&str> = settled.iter().map(|(_, step)| step.as_str()).collect();
    assert_eq!(steps, BTreeSet::from([cg, "q1"]), "both settled");
    assert_eq!(h.run().ws.groups().waiting(), 0);
    assert!(!settling(&h));
    hand_kept(&before, &kept(&h));
    assert_eq!(
        group_of(&h, cg, q1[3]),
        target,
        "the idea moved by hand stays"
    );
    // the rest is as a tidy (t on the board) leaves it
    h.key(KeyCode::Char('t'));
    deliver(&mut h, &m, 1000);
    assert!(h.message().contains("nothing moved"), "{}", h.message());
    hand_kept(&before, &kept(&h));
}

/// The locked group as it was; the renamed one keeps its name, and it and the hand-made one
/// every member (either may take a newcomer, as when an idea is added, but loses none).
fn hand_kept(
    before: &[Option<(String, Vec<IdeaId>, bool)>],
    now: &[Option<(String, Vec<IdeaId>, bool)>],
) {
    assert_eq!(before[0], now[0], "the locked group as it was");
    let name = |g: &[Option<(String, Vec<IdeaId>, bool)>]| g[1].as_ref().map(|g| g.0.clone());
    assert_eq!(name(before), name(now), "the name kept");
    for (was, is) in before.iter().zip(now) {
        let (was, is) = (was.as_ref().unwrap(), is.as_ref().expect("still there"));
        assert!(
            was.1.iter().all(|i| is.1.contains(i)),
            "{:?} lost a member: {:?}",
            was.0,
            is.1
        );
    }
}

#[test]
fn a_read_only_session_learns_embeddings_but_never_settles() {
    let cache = tempfile::tempdir().unwrap();
    let mut h = on_q1("settle-read-only");
    for said in SAID {
        h.idea(said);
    }
    let stored = h.on_disk();
    // placed on shared words alone (no encoder then): a settle would move them
    let on_words: BTreeSet<Vec<IdeaId>> = stored
        .results("q1")
        .unwrap()
        .groups
        .iter()
        .map(|g| g.ideas.clone())
        .collect();
    assert_ne!(on_words, replayed(&ideas(&h, "q1"), true));
    h.reopen_read_only();
    let m = connect(&mut h, cache.path());
    deliver(&mut h, &m, 500);
    assert_eq!(h.run().ws.groups().waiting(), 0);
    assert!(!settling(&h));
    assert_eq!(h.run().session().results("q1"), stored.results("q1"));
}
