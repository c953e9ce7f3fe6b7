//! Joining an archive: the first clone of the remote into `<data dir>/archive/`, made in a
//! folder beside it and renamed into place only when complete, so a sync killed while
//! cloning leaves no half archive. Also the repairs a killed sync may need before the next.

use super::SyncError;
use super::git::Git;
use super::layout::archive_dir;
use std::path::Path;
use std::time::Duration;

const CLONING_PREFIX: &str = ".archive.cloning-";

/// The archive's working tree, cloned from `url` when there is none yet. An archive joined
/// to another remote is an error that names both. The flag says it was cloned just now.
pub fn ensure_clone(data_dir: &Path, url: &str) -> Result<(Git, bool), SyncError> {
    let dir = archive_dir(data_dir);
    remove_half_clones(data_dir);
    if dir.join(".git").is_dir() {
        let git = Git::new(&dir);
        let current = git.run(&["remote", "get-url", "origin"])?;
        if current.trim() != url {
            return Err(SyncError::OtherRemote {
                joined: current.trim().to_string(),
                asked: url.to_string(),
            });
        }
        return Ok((git, false));
    }
    if dir.exists() {
        return Err(SyncError::NotAnArchive(dir));
    }
    std::fs::create_dir_all(data_dir).map_err(|e| SyncError::io(data_dir, e))?;
    let temp = tempfile::Builder::new()
        .prefix(CLONING_PREFIX)
        .tempdir_in(data_dir)
        .map_err(|e| SyncError::io(data_dir, e))?;
    let into = temp.path().join("archive");
    let into_text = into.to_string_lossy().into_owned();
    Git::new(temp.path()).run(&["clone", "--quiet", "--no-hardlinks", "--", url, &into_text])?;
    let git = Git::new(&into);
    follow_remote_branch(&git)?;
    std::fs::rename(&into, &dir).map_err(|e| SyncError::io(&dir, e))?;
    crate::platform::files::sync_folder(data_dir).map_err(|e| SyncError::io(data_dir, e))?;
    let git = Git::new(&dir);
    exclude_local_files(&dir);
    Ok((git, true))
}

/// A remote whose HEAD names a branch it does not have (made with another default branch)
/// clones with nothing checked out: take its first branch instead.
fn follow_remote_branch(git: &Git) -> Result<(), SyncError> {
    if git.succeeds(&["rev-parse", "--verify", "--quiet", "HEAD"])? {
        return Ok(());
    }
    let branches = git.run(&[
        "for-each-ref",
        "--format=%(refname:strip=3)",
        "refs/remotes/origin",
    ])?;
    let mut names: Vec<&str> = branches.lines().filter(|b| *b != "HEAD").collect();
    names.sort_by_key(|b| !matches!(*b, "main" | "master"));
    if let Some(branch) = names.first() {
        let start = format!("origin/{branch}");
        git.run(&["checkout", "--quiet", "-B", branch, &start])?;
    }
    Ok(())
}

/// The listing's index and interrupted saves' temp files are this laptop's own.
fn exclude_local_files(dir: &Path) {
    let info = dir.join(".git").join("info");
    let _ = std::fs::create_dir_all(&info);
    let _ = std::fs::write(info.join("exclude"), ".index.json\n.*.tmp\n");
}

/// Clones a killed sync left half-way (only called while holding the sync lock).
fn remove_half_clones(data_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(data_dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(CLONING_PREFIX)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Puts right what a sync killed half-way can leave: a merge in progress is undone (our own
/// commits were made before it and stay), and git's `index.lock` is removed when it is
/// provably stale: no other sync of this data folder runs (the caller holds the sync lock),
/// and the file stays unchanged for `settle` (a git still running, say a killed sync's
/// child, finishes and removes it well within that).
pub fn recover(git: &Git, settle: Duration) -> Result<(), SyncError> {
    let lock = git.dir.join(".git").join("index.lock");
    if let Ok(first) = std::fs::metadata(&lock) {
        let stamp = |m: &std::fs::Metadata| (m.len(), m.modified().ok());
        let waited = std::time::Instant::now();
        while waited.elapsed() < settle && lock.exists() {
            std::thread::sleep(Duration::from_millis(50).min(settle));
        }
        let unchanged = std::fs::metadata(&lock).is_ok_and(|m| stamp(&m) == stamp(&first));
        if unchanged {
            std::fs::remove_file(&lock).map_err(|e| SyncError::io(&lock, e))?;
        }
    }
    if git.dir.join(".git").join("MERGE_HEAD").exists() && git.run(&["merge", "--abort"]).is_err() {
        git.run(&["reset", "--merge"])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_index_lock_is_cleared_and_the_repository_works_again() {
        if super::super::git::available().is_err() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let git = Git::new(dir.path());
        git.run(&["init", "--quiet"]).unwrap();
        std::fs::write(dir.path().join(".git/index.lock"), "").unwrap();
        std::fs::write(dir.path().join("a"), "a").unwrap();
        assert!(git.run(&["add", "a"]).is_err());
        recover(&git, Duration::ZERO).unwrap();
        git.run(&["add", "a"]).unwrap();
    }
}
