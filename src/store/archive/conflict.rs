//! Two versions of one archive file: both are kept, one under the usual name and the other as
//! a conflict copy next to it (`…-k3x9q2.conflict-7hd2ma.ron`). A RON file never gets a merge
//! marker.

use super::git::{Git, GitError};
use super::layout::{ArchiveFile, POLICY_FILE, conflict_file_name};
use std::path::Path;

/// Keeps `other` (another facilitator's version of the archive file `path`) as a conflict
/// copy beside it, unless a copy with the same bytes is already there. Returns the copy's
/// path relative to the archive's root, to be added, or `None` when nothing new was written.
pub fn keep_other_version(root: &Path, rel: &str, other: &[u8]) -> std::io::Result<Option<String>> {
    let path = root.join(rel);
    let Some(ArchiveFile::Session { name }) = ArchiveFile::of_path(&path) else {
        return Ok(None);
    };
    let dir = path.parent().unwrap_or(root);
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.filter_map(Result::ok) {
            let same_base = matches!(
                ArchiveFile::of_path(&entry.path()),
                Some(ArchiveFile::ConflictCopy { of }) if of == name
            );
            if same_base && std::fs::read(entry.path()).is_ok_and(|b| b == other) {
                return Ok(None);
            }
        }
    }
    let copy_name = conflict_file_name(&name);
    crate::store::write_atomic(&dir.join(&copy_name), other)?;
    let rel_dir = Path::new(rel).parent().unwrap_or(Path::new(""));
    Ok(Some(path_text(&rel_dir.join(copy_name))))
}

/// Ends a merge that stopped on conflicts: for each session file both sides changed, ours
/// stays under its name and theirs becomes a conflict copy (a side that has no file leaves
/// the other's); the policy file and anything else take the version already shared. Returns
/// how many conflict copies were made. Any other unmerged state is an error.
pub fn resolve_merge(git: &Git) -> Result<usize, GitError> {
    let listed = git.run(&["diff", "--name-only", "--diff-filter=U", "-z"])?;
    let conflicted: Vec<&str> = listed.split('\0').filter(|p| !p.is_empty()).collect();
    let mut copies = 0;
    for rel in &conflicted {
        let ours = stage(git, 2, rel)?;
        let theirs = stage(git, 3, rel)?;
        let is_session = rel.ends_with(".ron") && *rel != POLICY_FILE;
        let (kept, other) = match (ours, theirs) {
            (Some(o), Some(t)) if is_session => (o, Some(t)),
            (Some(_), Some(t)) => (t, None),
            (Some(o), None) => (o, None),
            (None, Some(t)) => (t, None),
            (None, None) => {
                git.run(&["rm", "--cached", "-q", "--", rel])?;
                continue;
            }
        };
        let write = |path: &Path, bytes: &[u8]| {
            crate::store::write_atomic(path, bytes).map_err(|e| GitError::Failed {
                step: "merge".into(),
                stderr: format!("could not write {}: {e}", path.display()),
            })
        };
        write(&git.dir.join(rel), &kept)?;
        git.run(&["add", "--", rel])?;
        if let Some(other) = other {
            let kept_copy =
                keep_other_version(&git.dir, rel, &other).map_err(|e| GitError::Failed {
                    step: "merge".into(),
                    stderr: format!("could not keep a conflict copy of {rel}: {e}"),
                })?;
            if let Some(copy) = kept_copy {
                git.run(&["add", "--", &copy])?;
                copies += 1;
            }
        }
    }
    Ok(copies)
}

/// The version of `rel` at merge stage `n` (2: ours, 3: theirs), if that side has one.
fn stage(git: &Git, n: u8, rel: &str) -> Result<Option<Vec<u8>>, GitError> {
    let spec = format!(":{n}:{rel}");
    let out = git.output(&["show", &spec])?;
    Ok(out.status.success().then_some(out.stdout))
}

/// A relative path as git takes it (forward slashes on every system).
pub fn path_text(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_other_version_is_kept_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sessions")).unwrap();
        let rel = "sessions/2026-12-05-k3x9q2.ron";
        std::fs::write(dir.path().join(rel), "ours").unwrap();
        let copy = keep_other_version(dir.path(), rel, b"theirs")
            .unwrap()
            .unwrap();
        assert!(
            copy.starts_with("sessions/2026-12-05-k3x9q2.conflict-"),
            "{copy}"
        );
        assert_eq!(std::fs::read(dir.path().join(&copy)).unwrap(), b"theirs");
        assert_eq!(
            keep_other_version(dir.path(), rel, b"theirs").unwrap(),
            None
        );
        assert!(
            keep_other_version(dir.path(), rel, b"more")
                .unwrap()
                .is_some()
        );
    }
}
