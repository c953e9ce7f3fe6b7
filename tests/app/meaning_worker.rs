//! The built-in encoder in the full-screen program, driven deterministically: the worker runs
//! each job inline when it is submitted, and its messages wait in the channel until the test
//! hands them to the app (as the event loop would, later).

use crate::common;

use ambassador::app::AppEvent;
use ambassador::app::worker::{WorkerEvent, WorkerHandle};
use ambassador::domain::{IdeaId, Language};
use ambassador::store::EmbeddingCache;
use common::drive::Harness;
use crossterm::event::KeyCode;
use std::path::Path;
use std::sync::mpsc::{self, Receiver};

pub(crate) struct Meaning {
    pub(crate) inbox: Receiver<AppEvent>,
    pub(crate) worker: WorkerHandle,
}

/// Attaches an inline worker that keeps its cache in `cache`, and lets it say it is ready.
pub(crate) fn connect(h: &mut Harness, cache: &Path) -> Meaning {
    let (events, inbox) = mpsc::channel();
    let worker = WorkerHandle::inline(AppEvent::worker_outlet(events), Some(cache.to_path_buf()));
    h.app.attach_worker(worker.clone());
    let m = Meaning { inbox, worker };
    // only the first message: the encoder is ready (what it is asked then waits)
    let ready = m.inbox.try_recv().unwrap();
    assert!(matches!(ready, AppEvent::Worker(WorkerEvent::Ready { .. })));
    h.app.handle(ready);
    m
}

/// Hands everything the worker sent to the app; how many messages there were.
pub(crate) fn deliver(h: &mut Harness, m: &Meaning) -> usize {
    let mut n = 0;
    while let Ok(event) = m.inbox.try_recv() {
        h.app.handle(event);
        n += 1;
    }
    n
}

fn group_of(h: &Harness, idea: IdeaId) -> Option<u64> {
    let s = h.run().session();
    let step = s.current_step().id.clone();
    s.results(&step)?
        .groups
        .iter()
        .find(|g| g.ideas.contains(&idea))
        .map(|g| g.id.0)
}

pub(crate) fn ideas(h: &Harness, step: &str) -> Vec<IdeaId> {
    let s = h.run().session();
    s.results(step)
        .map(|r| r.ideas.iter().map(|i| i.id).collect())
        .unwrap_or_default()
}

pub(crate) fn on_q1(name: &str) -> Harness {
    let mut h = Harness::session(name, Language::En, &["Ann", "Bob", "Chloé"]);
    h.page_down(3);
    assert_eq!(h.run().session().current_step().id, "q1");
    h
}

const LINKEDIN: &str = "Posting on LinkedIn about our projects";
const PARTY: &str = "Telling friends at a birthday party what I do";
const ONLINE: &str = "Sharing stories online about our work on social media";

#[test]
fn an_idea_committed_before_its_embedding_is_placed_on_words_then_revisited_once() {
    let cache = tempfile::tempdir().unwrap();
    let mut h = on_q1("meaning-revisit");
    let m = connect(&mut h, cache.path());
    h.idea(LINKEDIN);
    deliver(&mut h, &m);
    h.idea(PARTY);
    deliver(&mut h, &m);
    // no shared word: on words alone it starts a group of its own
    h.idea(ONLINE);
    let [first, _, newcomer] = ideas(&h, "q1")[..] else {
        panic!("three ideas")
    };
    assert_ne!(group_of(&h, newcomer), group_of(&h, first));
    assert_eq!(
        h.run().ws.groups().waiting(),
        1,
        "its embedding is on its way"
    );
    assert!(h.render(100, 30).contains("meaning: 1 to go"));
    deliver(&mut h, &m);
    assert_eq!(h.run().ws.groups().waiting(), 0);
    assert!(!h.render(100, 30).contains("to go"));
    assert_eq!(
        group_of(&h, newcomer),
        group_of(&h, first),
        "by meaning it joins the LinkedIn idea"
    );
    // saved as shown, and the revisit is no edit of the facilitator's: Ctrl-Z takes back
    // the idea itself
    assert_eq!(h.on_disk().results("q1"), h.run().session().results("q1"));
    h.ctrl('z');
    assert_eq!(ideas(&h, "q1").len(), 2);
}

fn preview(h: &Harness) -> Option<u64> {
    match &h.run().step {
        ambassador::app::StepState::Question(q) => q.preview.map(|g| g.0),
        _ => panic!("on a question step"),
    }
}

#[test]
fn the_preview_of_a_draft_uses_its_meaning_once_the_worker_has_embedded_it() {
    let cache = tempfile::tempdir().unwrap();
    let mut h = on_q1("meaning-draft");
    let m = connect(&mut h, cache.path());
    h.idea("The quarterly figures were sent in late again");
    h.idea("We need more parking spaces near the office");
    deliver(&mut h, &m);
    let figures = group_of(&h, ideas(&h, "q1")[0]);
    // no word, concept or spelling in common with either idea
    h.typed("Onze kwartaalcijfers komen steeds te laat binnen");
    assert_eq!(preview(&h), None, "on words alone it would start a group");
    deliver(&mut h, &m);
    assert_eq!(
        preview(&h),
        figures,
        "by meaning it would join the late figures"
    );
    // the draft's embedding is for the preview only: the idea's own is still asked for
    // (and cached) when it goes in
    assert_eq!(h.run().ws.groups().waiting(), 0);
    h.enter();
    assert_eq!(h.run().ws.groups().waiting(), 1);
    assert_eq!(
        group_of(&h, ideas(&h, "q1")[2]),
        figures,
        "placed by meaning at once"
    );
}

#[test]
fn a_dutch_screen_says_in_dutch_that_meaning_is_catching_up() {
    let cache = tempfile::tempdir().unwrap();
    let mut h = Harness::session("meaning-nl", Language::Nl, &["Anouk", "Pieter"]);
    h.page_down(3);
    let m = connect(&mut h, cache.path());
    h.idea("trots zijn op ons werk");
    let screen = h.render(80, 24);
    assert!(screen.contains("betekenis: nog 1"), "{screen}");
    deliver(&mut h, &m);
    assert!(!h.render(80, 24).contains("betekenis"));
}

#[test]
fn reopening_a_session_takes_its_embeddings_from_the_cache() {
    let cache = tempfile::tempdir().unwrap();
    let mut h = on_q1("meaning-cache");
    let m = connect(&mut h, cache.path());
    let texts: Vec<String> = (0..12).map(|i| format!("{LINKEDIN} number {i}")).collect();
    h.app.paste(&texts.join("\n"));
    deliver(&mut h, &m);
    assert_eq!(m.worker.computed(), Some(12));
    // the same session in a new program, with a new worker over the same cache folder
    h.reopen();
    let again = connect(&mut h, cache.path());
    assert_eq!(
        h.run().ws.groups().waiting(),
        12,
        "asked for every idea on opening"
    );
    deliver(&mut h, &again);
    assert_eq!(h.run().ws.groups().waiting(), 0);
    assert_eq!(again.worker.computed(), Some(0), "nothing embedded again");

    // a cache cut short is not trusted past its last whole record, and is rebuilt
    let file = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "bin"))
        .unwrap();
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() - 100]).unwrap();
    h.reopen();
    let third = connect(&mut h, cache.path());
    deliver(&mut h, &third);
    assert_eq!(third.worker.computed(), Some(1), "only the damaged record");
    assert_eq!(h.run().ws.groups().waiting(), 0);
    assert_eq!(std::fs::read(&file).unwrap().len(), bytes.len());
    let _ = EmbeddingCache::file_in(cache.path(), 0);
}

/// Common ground with six ideas over two questions, everything embedded.
fn board_with_meaning(name: &str, cache: &Path) -> (Harness, Meaning) {
    let mut h = on_q1(name);
    let m = connect(&mut h, cache);
    for t in [LINKEDIN, PARTY, ONLINE] {
        h.idea(t);
    }
    h.page_down(1);
    for t in [
        "A LinkedIn post about a project we finished",
        "Chatting about my job at family parties",
        "Posting on Instagram about the team",
    ] {
        h.idea(t);
    }
    deliver(&mut h, &m);
    h.page_down(3);
    assert_eq!(h.run().session().current_step().id, "common_ground");
    deliver(&mut h, &m);
    (h, m)
}

#[test]
fn a_regroup_runs_on_the_worker_with_progress_and_is_applied_when_done() {
    let cache = tempfile::tempdir().unwrap();
    let (mut h, m) = board_with_meaning("meaning-regroup", cache.path());
    let before = h.run().session().results("common_ground").cloned().unwrap();
    h.key(KeyCode::Char('+'));
    assert!(h.message().contains("on the side"), "{}", h.message());
    // nothing changed yet: the worker has not been heard
    assert_eq!(h.run().session().results("common_ground"), Some(&before));
    let mut saw_progress = false;
    let mut regrouped = false;
    while let Ok(event) = m.inbox.try_recv() {
        regrouped |= matches!(event, AppEvent::Worker(WorkerEvent::Regrouped { .. }));
        h.app.handle(event);
        if !regrouped {
            saw_progress |= h.render(100, 30).contains("regrouping ");
        }
    }
    assert!(saw_progress, "progress is shown while it runs");
    let after = h.run().session().results("common_ground").cloned().unwrap();
    assert_eq!(after.grouping_level, -1);
    assert!(
        h.message().starts_with("Coarser grouping:"),
        "{}",
        h.message()
    );
    assert!(!h.render(100, 30).contains("regrouping "));
    // one undo step takes back the level and the groups together
    h.ctrl('z');
    assert_eq!(h.run().session().results("common_ground"), Some(&before));
}

#[test]
fn a_regroup_is_recomputed_when_the_board_changed_while_it_ran() {
    let cache = tempfile::tempdir().unwrap();
    let (mut h, m) = board_with_meaning("meaning-stale", cache.path());
    h.key(KeyCode::F(5));
    // before the worker is heard, the facilitator locks the first group
    let first = h.run().session().results("common_ground").unwrap().groups[0].clone();
    let rows = ambassador::app::board_rows(h.run().session(), "common_ground");
    let at = rows.iter().position(|r| r.group() == first.id).unwrap();
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('l'));
    let locked = |h: &Harness| {
        h.run()
            .session()
            .results("common_ground")
            .unwrap()
            .groups
            .iter()
            .find(|g| g.id == first.id)
            .cloned()
    };
    assert!(locked(&h).unwrap().locked);
    deliver(&mut h, &m);
    // the lock held, with the same members: the result was computed again around it
    let now = locked(&h).unwrap();
    assert!(now.locked);
    assert_eq!(now.ideas, first.ideas);
    assert!(
        h.run()
            .ws
            .groups()
            .meaning
            .as_ref()
            .unwrap()
            .pending
            .is_none()
    );
}

/// Waits (blocking, no fixed sleep) for the worker thread to say it is ready.
fn wait_ready(inbox: &Receiver<AppEvent>) -> bool {
    loop {
        match inbox.recv_timeout(std::time::Duration::from_secs(60)) {
            Ok(AppEvent::Worker(WorkerEvent::Ready { .. })) => return true,
            Ok(_) => continue,
            Err(_) => return false,
        }
    }
}

#[test]
fn the_encoder_loads_for_a_session_opened_before_the_worker_started() {
    // `ambassador open ID`: the session is open before the worker thread exists
    let cache = tempfile::tempdir().unwrap();
    let mut h = on_q1("meaning-late-worker");
    let (events, inbox) = mpsc::channel();
    let worker = WorkerHandle::spawn(
        AppEvent::worker_outlet(events),
        Some(cache.path().to_path_buf()),
    )
    .unwrap();
    h.app.attach_worker(worker);
    assert!(wait_ready(&inbox), "the encoder loaded");
}

#[test]
fn the_encoder_loads_when_a_session_opens_from_the_home_screen() {
    let cache = tempfile::tempdir().unwrap();
    let h = on_q1("meaning-from-home");
    let paths = Harness::paths(h.dir.path());
    let mut app = ambassador::app::App::new(
        ambassador::app::Start::Home { paths },
        Box::new(common::clock()),
    );
    let (events, inbox) = mpsc::channel();
    let worker = WorkerHandle::spawn(
        AppEvent::worker_outlet(events),
        Some(cache.path().to_path_buf()),
    )
    .unwrap();
    app.attach_worker(worker);
    // Enter on home opens the most recent session
    app.handle_key(crossterm::event::KeyEvent::new(
        KeyCode::Enter,
        crossterm::event::KeyModifiers::NONE,
    ));
    assert!(
        matches!(app.screen, ambassador::app::Screen::Run(_)),
        "the session opened"
    );
    assert!(wait_ready(&inbox), "the encoder loaded");
}
