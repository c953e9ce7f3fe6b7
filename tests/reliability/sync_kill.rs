//! `ambassador sync` killed with SIGKILL at seeded moments (a few ms to most of a sync in),
//! while another facilitator syncs in between: after each kill the next sync finishes the
//! job. In the end every idea ever added is in the remote, both repositories pass
//! `git fsck`, and a fresh folder that joins sees every session.
//!
//! `AMBASSADOR_SYNC_KILLS=100 AMBASSADOR_SEED=7 cargo test --test reliability sync_kill`
//! runs longer or with another seed.

use crate::common;
use crate::support::{Rng, env_count};

use ambassador::domain::{Change, FixedClock};
use ambassador::store::SessionFile;
use common::archive::{Programme, have_git, listed};
use std::path::Path;
use std::time::Duration;

fn add_idea(folder: &Path, id: &str, text: &str, n: usize) {
    let path = folder.join("sessions").join(format!("{id}.ron"));
    let mut file = SessionFile::open(&path).unwrap();
    let who = file.session().participants()[0].id;
    let at: jiff::Timestamp = "2026-11-28T10:00:00Z".parse().unwrap();
    let clock = FixedClock::at(at.checked_add(jiff::Span::new().minutes(n as i64)).unwrap());
    let change = Change::AddIdea {
        step: "q1".into(),
        participant: who,
        text: text.into(),
    };
    file.apply(change, &clock).unwrap();
    file.save().unwrap();
}

#[test]
fn sync_killed_at_any_moment_finishes_on_the_next_and_loses_nothing() {
    if !have_git() {
        return;
    }
    let kills = env_count("AMBASSADOR_SYNC_KILLS", 12);
    let mut rng = Rng::new(26);
    let p = Programme::new();
    let (a, b) = (p.folder("a"), p.folder("b"));
    let mut first = common::filled_session(2);
    let clock = FixedClock::at("2026-11-27T10:00:00Z".parse().unwrap());
    first
        .apply(Change::SetTitle("North".into()), &clock)
        .unwrap();
    common::save_into(&a, first);
    common::save_into(&b, common::filled_session(1));
    p.ok(&b, &["sync", "--remote", &p.remote()]);
    let mut said = Vec::new();
    for n in 0..kills {
        let text = format!("idea number {n} said before a kill");
        add_idea(&a, "2026-11-27-test", &text, n);
        said.push(text);
        let remote = p.remote();
        let args: Vec<&str> = if n == 0 {
            vec!["sync", "--remote", &remote]
        } else {
            vec!["sync"]
        };
        let mut child = p.command(&a, &args).spawn().unwrap();
        // Anywhere from at once to well into the sync (a clone, merges, pushes).
        let wait = [0, 2, 5, 10, 20, 40, 80, 160][rng.below(8)] + rng.below(10) as u64;
        std::thread::sleep(Duration::from_millis(wait));
        let _ = child.kill();
        let _ = child.wait();
        if rng.chance(50) {
            add_idea(
                &b,
                "2026-11-27-test",
                &format!("idea {n} of the other facilitator"),
                n,
            );
            said.push(format!("idea {n} of the other facilitator"));
            p.ok(&b, &["sync"]);
        }
    }
    // The next syncs finish what the killed ones began (A's remote is remembered only once
    // a join got that far: give it again).
    p.ok(&a, &["sync", "--remote", &p.remote()]);
    p.ok(&b, &["sync"]);
    p.ok(&a, &["sync"]);
    p.assert_healthy(&a);
    p.assert_healthy(&b);
    let c = p.folder("c");
    p.ok(&c, &["sync", "--remote", &p.remote()]);
    let l = listed(&p.ok(&c, &["list", "--json"]));
    assert!(l.len() >= 2, "{l:?}");
    let mut texts = String::new();
    for entry in std::fs::read_dir(c.join("archive").join("sessions")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "ron") {
            texts.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    for idea in &said {
        assert!(texts.contains(idea.as_str()), "{idea} is lost");
    }
    assert!(!texts.contains("<<<<<<<"));
}
