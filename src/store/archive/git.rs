//! Runs the user's own `git` in the archive's working tree. Git never asks anything here:
//! no terminal prompt (`GIT_TERMINAL_PROMPT=0`), standard input closed, no editor; what it
//! says on standard error is kept for the message when a step fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum GitError {
    #[error(
        "git is not installed (or not on PATH); the archive is kept with git: install it and try again"
    )]
    NotInstalled,
    #[error("could not run git: {0}")]
    Spawn(std::io::Error),
    #[error("git {step} failed{}", stderr_tail(.stderr))]
    Failed { step: String, stderr: String },
}

/// The last lines git wrote to standard error, after a colon, or nothing.
fn stderr_tail(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = lines[lines.len().saturating_sub(6)..].join("\n  ");
    if tail.is_empty() {
        String::new()
    } else {
        format!(":\n  {}", crate::sanitize::text(&tail))
    }
}

/// Who the archive's commits are by when they must name nobody.
pub const NEUTRAL_NAME: &str = "ambassador";
pub const NEUTRAL_EMAIL: &str = "ambassador@archive.invalid";

/// A git command line bound to one folder.
#[derive(Debug, Clone)]
pub struct Git {
    pub dir: PathBuf,
    /// Commit as `NEUTRAL_NAME` instead of the user's own identity.
    pub neutral: bool,
}

impl Git {
    pub fn new(dir: &Path) -> Git {
        Git {
            dir: dir.to_path_buf(),
            neutral: false,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.current_dir(&self.dir)
            .args(args)
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_EDITOR", "true")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // An SSH that would ask for a password or a host key fails instead of waiting.
        if std::env::var_os("GIT_SSH_COMMAND").is_none() {
            cmd.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        if self.neutral {
            for (k, v) in [
                ("GIT_AUTHOR_NAME", NEUTRAL_NAME),
                ("GIT_AUTHOR_EMAIL", NEUTRAL_EMAIL),
                ("GIT_COMMITTER_NAME", NEUTRAL_NAME),
                ("GIT_COMMITTER_EMAIL", NEUTRAL_EMAIL),
            ] {
                cmd.env(k, v);
            }
        }
        cmd
    }

    /// Runs git and returns what it wrote, whatever its exit status.
    pub fn output(&self, args: &[&str]) -> Result<Output, GitError> {
        self.command(args).output().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                GitError::NotInstalled
            } else {
                GitError::Spawn(e)
            }
        })
    }

    /// Runs git; a non-zero exit is an error that carries git's own words.
    pub fn run(&self, args: &[&str]) -> Result<String, GitError> {
        let out = self.output(args)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(failed(args, &out))
        }
    }

    /// Whether git exits with 0 (for questions such as "is there a change staged?").
    pub fn succeeds(&self, args: &[&str]) -> Result<bool, GitError> {
        Ok(self.output(args)?.status.success())
    }
}

pub fn failed(args: &[&str], out: &Output) -> GitError {
    let mut stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if stderr.trim().is_empty() {
        stderr = String::from_utf8_lossy(&out.stdout).into_owned();
    }
    GitError::Failed {
        step: args.first().copied().unwrap_or_default().to_string(),
        stderr,
    }
}

/// Whether a `git` can be run at all.
pub fn available() -> Result<(), GitError> {
    Git::new(&std::env::temp_dir())
        .run(&["--version"])
        .map(|_| ())
}
