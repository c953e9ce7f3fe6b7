//! Drives the real binary in a private tmux server: type keys, read the screen.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    _dir: tempfile::TempDir,
    socket: PathBuf,
}

const TARGET: &str = "t:0";

impl Tmux {
    /// Starts `program args…` in a detached tmux window of the given size.
    pub fn start(program: &str, args: &[&str], width: u16, height: u16) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("tmux.sock");
        // The window stays after the program exits, so its last words can be read.
        let conf = dir.path().join("tmux.conf");
        std::fs::write(&conf, "set -g remain-on-exit on\n").unwrap();
        // The encoder's embedding cache goes to this test's folder, not the user's.
        let cache = dir.path().join("cache");
        let tmux = Tmux { _dir: dir, socket };
        let mut command = vec![program.to_string()];
        command.extend(args.iter().map(|a| a.to_string()));
        let status = tmux
            .cmd()
            .arg("-f")
            .arg(&conf)
            .env("AMBASSADOR_CACHE_DIR", &cache)
            .args(["new-session", "-d", "-s", "t"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg("--")
            .args(&command)
            .status()
            .expect(
                "tmux did not start: the end-to-end tests need it \
                 (Debian/Ubuntu: apt-get install tmux; scripts/test installs it)",
            );
        assert!(status.success(), "tmux could not start {command:?}");
        tmux
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-S").arg(&self.socket);
        c
    }

    /// Sends tmux key names (`Enter`, `PageDown`, `C-c`, …).
    pub fn keys(&self, keys: &[&str]) {
        let ok = self
            .cmd()
            .args(["send-keys", "-t", TARGET])
            .args(keys)
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        let ok = self
            .cmd()
            .args(["send-keys", "-t", TARGET, "-l", text])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Pastes text the way a terminal does with bracketed paste.
    pub fn paste(&self, text: &str) {
        self.paste_buffer(text, &["-p"]);
    }

    /// Pastes text as a terminal without bracketed paste does: as if typed, all at once, with
    /// each line break sent as Enter.
    pub fn paste_unbracketed(&self, text: &str) {
        self.paste_buffer(text, &[]);
    }

    fn paste_buffer(&self, text: &str, flags: &[&str]) {
        let ok = self
            .cmd()
            .args(["set-buffer", "--", text])
            .status()
            .unwrap();
        assert!(ok.success());
        let ok = self
            .cmd()
            .arg("paste-buffer")
            .args(flags)
            .args(["-t", TARGET])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Resizes the window, as a person dragging the terminal's corner would.
    pub fn resize(&self, width: u16, height: u16) {
        let _ = self
            .cmd()
            .args([
                "resize-window",
                "-t",
                "t",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .status();
    }

    pub fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", TARGET])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with its colours and attributes as escape sequences.
    pub fn screen_with_attributes(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-e", "-t", TARGET])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `text` appears (10 s at most), and returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|s| s.contains(text), text)
    }

    pub fn wait_until(&self, pred: impl Fn(&str) -> bool, what: &str) -> String {
        self.try_wait_until(pred).unwrap_or_else(|screen| {
            panic!("waited 10 s for {what:?}; the screen shows:\n{screen}")
        })
    }

    /// Polls the screen until `pred` holds (10 s at most); on time out, the last screen.
    pub fn try_wait_until(&self, pred: impl Fn(&str) -> bool) -> Result<String, String> {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return Ok(screen);
            }
            if start.elapsed() > Duration::from_secs(10) {
                return Err(screen);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// True while the program in the window is still running.
    pub fn alive(&self) -> bool {
        let out = self
            .cmd()
            .args(["list-panes", "-t", TARGET, "-F", "#{pane_dead}"])
            .output();
        matches!(out, Ok(o) if o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == "0")
    }

    /// Waits until the program has exited (10 s at most).
    pub fn wait_exit(&self) {
        let start = Instant::now();
        while self.alive() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the program did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Runs any tmux command against this private server and returns its output.
    pub fn tmux(&self, args: &[&str]) -> std::process::Output {
        self.cmd().args(args).output().expect("tmux runs")
    }

    /// The process id of the program in the window (the pane's own process).
    pub fn pane_pid(&self) -> u32 {
        let out = self.tmux(&["list-panes", "-t", TARGET, "-F", "#{pane_pid}"]);
        let text = String::from_utf8_lossy(&out.stdout);
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("no pane pid in {text:?}"))
    }

    /// Starts `program args…` again in the same window, replacing whatever ran there.
    pub fn respawn(&self, program: &str, args: &[&str]) {
        let mut all = vec!["respawn-pane", "-k", "-t", TARGET, "--", program];
        all.extend_from_slice(args);
        let out = self.tmux(&all);
        assert!(
            out.status.success(),
            "tmux respawn-pane failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Closes the window as a person closing the terminal would (SIGHUP).
    pub fn kill_window(&self) {
        let _ = self
            .cmd()
            .args(["kill-window", "-t", TARGET])
            .stderr(std::process::Stdio::null())
            .status();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .cmd()
            .arg("kill-server")
            .stderr(std::process::Stdio::null())
            .status();
    }
}
