//! Crash loop: the real binary in tmux, typing and pasting ideas, killed with SIGKILL at
//! seeded pseudo-random moments and opened again each time. After every kill the session
//! file parses, every idea the screen had counted is in it, and nothing appears that was never
//! typed. The lock left by the killed process never blocks the next open.
//!
//! `AMBASSADOR_KILLS=1000 AMBASSADOR_SEED=7 cargo test --test reliability
//! sigkill_at_random_moments -- --nocapture` runs longer or with another seed.

use crate::common;
use crate::support;

use common::tmux::Tmux;
use std::time::{Duration, Instant};
use support::{
    Rng, args_for, as_strs, env_count, idea_count, ideas_on_disk, new_session, program, signal,
    step_shown, temp_files, wait_gone,
};

const WORDS: &[&str] = &[
    "proud",
    "LinkedIn",
    "trots",
    "klanten",
    "networking drinks",
    "open dag",
    "story",
    "team",
    "werk",
    "colleagues",
    "vertrouwen",
    "time",
];

#[derive(Default, Debug)]
struct Tally {
    kills: usize,
    typed: usize,
    committed: usize,
    found: usize,
    lost: Vec<String>,
    phantom: Vec<String>,
    corrupt: Vec<String>,
    read_only_reopens: usize,
    mid_save: usize,
    temps_left: usize,
}

/// Which version of the file is on disk: inode, size and modification time.
fn stamp_of(path: &std::path::Path) -> Option<(u64, u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((m.ino(), m.len(), m.mtime(), m.mtime_nsec()))
}

#[test]
fn sigkill_at_random_moments_never_loses_a_committed_idea_nor_corrupts_the_file() {
    let started = Instant::now();
    let kills = env_count("AMBASSADOR_KILLS", 100).max(1);
    let mut rng = Rng::new(20261127);
    let data = tempfile::tempdir().unwrap();
    let (id, path) = new_session(data.path(), "Crash loop");
    let sessions = path.parent().unwrap().to_path_buf();
    let open = args_for(data.path(), &["open", &id]);
    let step_ids: Vec<String> = ambassador::store::read_session(&path)
        .unwrap()
        .session
        .template()
        .steps
        .iter()
        .map(|s| s.id.clone())
        .collect();
    // The four questions are steps 4 to 7 (1-based) of the built-in workshop.
    let questions = 4..=7usize;

    let t = Tmux::start(program(), &as_strs(&open), 100, 30);
    let mut tally = Tally::default();
    let mut on_disk = ideas_on_disk(&path);
    for round in 0..kills {
        if round > 0 {
            t.respawn(program(), &as_strs(&open));
        }
        let pid = t.pane_pid();
        let screen = t.wait_until(
            |s| step_shown(s).is_some() && s.contains("Ideas (") || s.contains("step 1/10"),
            "the session screen",
        );
        if screen.contains("Read-only") || screen.contains("read-only") {
            tally.read_only_reopens += 1;
        }
        // Opening took the lock and cleared the temp files of the killed save.
        let temps = temp_files(&sessions);
        assert!(
            temps.is_empty(),
            "round {round}: still there after opening: {temps:?}"
        );
        // Go to a question step: always from the welcome step, sometimes to another question.
        let shown = step_shown(&screen).unwrap_or(1);
        let target = if !questions.contains(&shown) || rng.chance(25) {
            *rng.pick(&[4, 5, 6, 7])
        } else {
            shown
        };
        let key = if target > shown { "PageDown" } else { "PageUp" };
        for _ in 0..target.abs_diff(shown) {
            t.keys(&[key]);
        }
        let header = format!("step {target}/10");
        let screen = t.wait_until(|s| s.contains(&header) && idea_count(s).is_some(), &header);
        let step = &step_ids[target - 1];
        let before = on_disk.get(step).cloned().unwrap_or_default();
        assert_eq!(
            idea_count(&screen),
            Some(before.len()),
            "the screen and the file disagree after reopening:\n{screen}"
        );

        // Type (or paste) a few ideas; sometimes wait until the screen counts one, and kill
        // at a random point of the sequence, sometimes in the middle of typing.
        let planned = 1 + rng.below(4);
        let kill_after = rng.below(planned + 1);
        let mut typed: Vec<String> = Vec::new();
        let mut half_typed = false;
        for j in 0..planned {
            if j == kill_after {
                if rng.chance(50) {
                    t.type_text("half typed, never committed");
                    half_typed = true;
                }
                break;
            }
            if rng.chance(15) {
                let lines: Vec<String> = (0..2 + rng.below(3))
                    .map(|n| format!("r{round} i{j} pasted {n} {}", rng.pick(WORDS)))
                    .collect();
                t.paste(&lines.join("\n"));
                typed.extend(lines);
            } else {
                let text = format!("r{round} i{j} {} {}", rng.pick(WORDS), rng.pick(WORDS));
                t.type_text(&text);
                t.keys(&["Enter"]);
                typed.push(text);
            }
            if rng.chance(40) {
                let want = before.len() + typed.len();
                t.wait_until(|s| idea_count(s) == Some(want), "the idea counted");
            }
        }
        // What the screen shows before the kill is on disk: the screen is drawn after saving.
        let seen_now = |t: &Tmux| {
            let last = t.screen();
            if last.contains(&header) {
                idea_count(&last).unwrap_or(before.len())
            } else {
                before.len()
            }
        };
        let seen;
        if !half_typed && rng.chance(35) {
            // Kill in the middle of a save: the moment its temp file appears or the session
            // file changes (a save that wrote in place would be caught half-written here).
            seen = seen_now(&t);
            let text = format!("r{round} saving {}", rng.pick(WORDS));
            t.type_text(&text);
            let stamp = stamp_of(&path);
            t.keys(&["Enter"]);
            typed.push(text);
            let started = Instant::now();
            while temp_files(&sessions).is_empty()
                && stamp_of(&path) == stamp
                && started.elapsed() < Duration::from_secs(3)
            {}
            tally.mid_save += 1;
        } else {
            // A moment of the program's own choosing: up to a few milliseconds of its work.
            let pause = rng.below(12);
            if pause > 0 {
                std::thread::sleep(Duration::from_millis(pause as u64));
            }
            seen = seen_now(&t);
        }
        tally.typed += typed.len();
        signal(pid, "KILL");
        wait_gone(pid, Duration::from_secs(5)).expect("SIGKILL ends the process");
        t.wait_exit();
        tally.kills += 1;
        tally.temps_left += temp_files(&sessions).len();

        let committed: Vec<String> =
            typed[..seen.saturating_sub(before.len()).min(typed.len())].to_vec();
        tally.committed += committed.len();
        let after = match ambassador::store::read_session(&path) {
            Ok(parsed) => support::ideas_of(&parsed.session),
            Err(e) => {
                tally.corrupt.push(format!("round {round}: {e}"));
                break;
            }
        };
        let now = after.get(step).cloned().unwrap_or_default();
        for idea in before.iter().chain(&committed) {
            if now.contains(idea) {
                if committed.contains(idea) {
                    tally.found += 1;
                }
            } else {
                tally.lost.push(format!("round {round}: {idea}"));
            }
        }
        for idea in &now {
            if !before.contains(idea) && !typed.contains(idea) {
                tally.phantom.push(format!("round {round}: {idea}"));
            }
        }
        // Other steps are untouched by this round.
        for (other, ideas) in &on_disk {
            if other != step {
                assert_eq!(
                    after.get(other),
                    Some(ideas),
                    "round {round} changed {other}"
                );
            }
        }
        on_disk = after;
    }
    // Opening the session again clears what killed saves left behind.
    drop(ambassador::store::SessionFile::open(&path).unwrap());
    let temps = temp_files(&sessions);
    let total: usize = on_disk.values().map(Vec::len).sum();
    println!(
        "crash loop: {} kills ({} aimed at a save in progress), {} ideas typed, {} committed (counted on screen), {} found, {} lost, {} corrupt files, {} phantom ideas, {} read-only reopens, {} ideas in the file, {} temp files left by kills (all removed on the next open), {:.1} s",
        tally.kills,
        tally.mid_save,
        tally.typed,
        tally.committed,
        tally.found,
        tally.lost.len(),
        tally.corrupt.len(),
        tally.phantom.len(),
        tally.read_only_reopens,
        total,
        tally.temps_left,
        started.elapsed().as_secs_f64()
    );
    assert!(tally.corrupt.is_empty(), "corrupt: {:?}", tally.corrupt);
    assert!(tally.lost.is_empty(), "lost: {:?}", tally.lost);
    assert!(tally.phantom.is_empty(), "phantom: {:?}", tally.phantom);
    assert_eq!(
        tally.read_only_reopens, 0,
        "a lock left by a killed process blocked the next open"
    );
    assert_eq!(tally.kills, kills);
    assert!(
        temps.is_empty(),
        "temp files of killed saves stay: {temps:?}"
    );
    assert_eq!(tally.found, tally.committed);
    assert!(
        tally.committed > 0,
        "the loop never saw an idea committed, so it proved nothing"
    );
}
