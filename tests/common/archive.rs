//! Helpers for the programme archive's tests: a bare repository on local disk as the remote,
//! and the binary and git run so the machine's own git config does not matter.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A tempdir with a bare repository (`remote.git`) and a home for git's config.
pub struct Programme {
    pub dir: tempfile::TempDir,
}

impl Programme {
    /// The remote is made only where git is installed (without it, only what the program
    /// says when git is missing can be tested: under Wine, for one).
    pub fn new() -> Programme {
        let p = Programme {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(p.home()).unwrap();
        if !have_git() {
            return p;
        }
        let out = p.git(p.dir.path(), &["init", "--quiet", "--bare", "remote.git"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        p
    }

    pub fn remote(&self) -> String {
        self.dir.path().join("remote.git").display().to_string()
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// A facilitator's data folder (its config folder is `<name>-config`).
    pub fn folder(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn isolate(&self, cmd: &mut Command) {
        cmd.env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Fay Facilitator")
            .env("GIT_AUTHOR_EMAIL", "fay@example.org")
            .env("GIT_COMMITTER_NAME", "Fay Facilitator")
            .env("GIT_COMMITTER_EMAIL", "fay@example.org")
            .env_remove("AMBASSADOR_DATA_DIR")
            .env_remove("AMBASSADOR_CONFIG_DIR");
    }

    /// The binary with `folder` as its data folder.
    pub fn command(&self, folder: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(super::bin());
        cmd.arg("--data-dir")
            .arg(folder)
            .arg("--config-dir")
            .arg(format!("{}-config", folder.display()))
            .args(args);
        self.isolate(&mut cmd);
        cmd
    }

    pub fn run(&self, folder: &Path, args: &[&str]) -> Output {
        self.command(folder, args)
            .output()
            .expect("the binary runs")
    }

    /// Runs and asserts success; returns standard output.
    pub fn ok(&self, folder: &Path, args: &[&str]) -> String {
        let out = self.run(folder, args);
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn git(&self, dir: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new("git");
        cmd.current_dir(dir).args(args);
        self.isolate(&mut cmd);
        cmd.output().expect("git runs")
    }

    /// Everything in the remote's history, patches included.
    pub fn history(&self) -> String {
        let out = self.git(
            &self.dir.path().join("remote.git"),
            &["log", "-p", "--all", "--format=%an %ae %cn %ce%n%s%n%b"],
        );
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `git fsck` of the remote and of a folder's archive clone, both clean.
    pub fn assert_healthy(&self, folder: &Path) {
        for dir in [self.dir.path().join("remote.git"), folder.join("archive")] {
            let out = self.git(&dir, &["fsck", "--no-progress"]);
            assert!(
                out.status.success(),
                "fsck {}: {}",
                dir.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// Whether git is installed (the archive's tests need it; `scripts/test` installs it).
pub fn have_git() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

/// The ids `ambassador list --json` shows, each with its origin (`own`, `archive`,
/// `conflict_copy`).
pub fn listed(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap_or_default().to_string(),
                s["origin"].as_str().unwrap_or("own").to_string(),
            )
        })
        .collect()
}
