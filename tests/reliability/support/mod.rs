//! Shared pieces of the reliability suites: a seeded PRNG, sessions made through the real
//! binary, reading ideas back from disk, sending signals.
#![allow(dead_code)]

pub mod disk;

use crate::common::{bin, run, stdout};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A tiny seeded generator (SplitMix64): the same seed gives the same run, so every failure
/// can be replayed. Seeds come from `AMBASSADOR_SEED` when set.
pub struct Rng(u64);

impl Rng {
    pub fn new(default_seed: u64) -> Rng {
        let seed = std::env::var("AMBASSADOR_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default_seed);
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A count from the environment (for longer runs by hand), else `default`.
pub fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// `--data-dir D --config-dir D-config` followed by `args`, as owned strings.
pub fn args_for(data: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec![
        "--data-dir".to_string(),
        data.display().to_string(),
        "--config-dir".to_string(),
        format!("{}-config", data.display()),
    ];
    all.extend(args.iter().map(|a| a.to_string()));
    all
}

pub fn as_strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// Creates a session with Ann and Bob through the real binary, without opening it.
/// Returns its id and path.
pub fn new_session(data: &Path, title: &str) -> (String, PathBuf) {
    let out = run(
        data,
        &[
            "new",
            "--title",
            title,
            "--participant",
            "Ann",
            "--participant",
            "Bob",
            "--no-open",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let mut lines = text.lines();
    let id = lines.next().unwrap().to_string();
    let path = PathBuf::from(lines.next().unwrap());
    (id, path)
}

/// The ideas in a session file per step id, in order. Panics if the file does not parse.
pub fn ideas_on_disk(path: &Path) -> BTreeMap<String, Vec<String>> {
    let parsed = ambassador::store::read_session(path)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
    ideas_of(&parsed.session)
}

pub fn ideas_of(session: &ambassador::domain::Session) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (step, idea) in session.all_ideas() {
        map.entry(step.to_string())
            .or_default()
            .push(idea.text.clone());
    }
    map
}

/// The number shown as `Ideas (N)` on a question step, if the screen shows one.
pub fn idea_count(screen: &str) -> Option<usize> {
    screen
        .split("Ideas (")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .and_then(|n| n.parse().ok())
}

/// The step shown in the header (`step 4/10` → 4).
pub fn step_shown(screen: &str) -> Option<usize> {
    screen
        .split("step ")
        .skip(1)
        .find_map(|rest| rest.split('/').next()?.parse().ok())
}

/// Sends a signal by name (`KILL`, `TERM`, `HUP`, `INT`) with the system's `kill`.
pub fn signal(pid: u32, name: &str) {
    let status = std::process::Command::new("kill")
        .args(["-s", name, &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -s {name} {pid} failed");
}

/// True while the process exists and is not a zombie.
pub fn process_alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            // The state follows the command name in parentheses: "pid (comm) S …".
            let state = stat.rsplit(')').next().unwrap_or("").trim_start();
            !state.starts_with('Z') && !state.starts_with('X')
        }
        Err(_) => false,
    }
}

/// Waits (polling) until the process is gone; returns how long that took, or None after
/// `limit`.
pub fn wait_gone(pid: u32, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    while process_alive(pid) {
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Some(start.elapsed())
}

/// Files in the sessions folder whose names start with `.` and end in `.tmp`: temp files of
/// interrupted saves.
pub fn temp_files(sessions: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(sessions)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().unwrap_or_default().to_string_lossy();
                    name.starts_with('.') && name.ends_with(".tmp")
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The binary's path, for tmux.
pub fn program() -> &'static str {
    bin()
}
