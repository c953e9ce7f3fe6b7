//! Copies kept next to a session file: the original of an upgraded file (`<name>.v1.bak`) and
//! someone else's version of a file we were about to save over (`<name>.replaced.bak`). They
//! are listed beside the sessions (`list`, the home screen), so no copy is silently orphaned.

use super::StoreError;
use super::atomic::create_atomic;
use super::load::MAX_FILE_BYTES;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a copy was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeptKind {
    /// The original of a file in format `version`, kept when it was upgraded.
    Upgraded { version: u32 },
    /// Another program's version of the file, kept before this program saved over it.
    Replaced,
    /// A tag this program does not know.
    Other(String),
}

/// A copy kept next to a session file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptCopy {
    pub path: PathBuf,
    /// The file name of the session it is a copy of (`2026-11-27-team.ron`).
    pub of: String,
    pub kind: KeptKind,
}

impl fmt::Display for KeptCopy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            KeptKind::Upgraded { version } => write!(
                f,
                "the original of {} (format {version}), kept when it was upgraded",
                self.of
            ),
            KeptKind::Replaced => write!(
                f,
                "a version of {} that another program or window wrote, kept before it was saved over",
                self.of
            ),
            KeptKind::Other(tag) => write!(f, "a copy of {} ({tag})", self.of),
        }?;
        write!(f, "; `ambassador open {}` opens it", self.path.display())
    }
}

/// Copies the original of a file about to be migrated next to it, as `<name>.v<N>.bak`.
pub(super) fn keep_backup(path: &Path, version: u32) -> Result<PathBuf, StoreError> {
    keep_copy(path, &format!("v{version}"))
}

/// Copies a file next to itself as `<name>.<tag>.bak` (or `.<tag>.2.bak`, …), never replacing
/// an earlier copy.
pub(super) fn keep_copy(path: &Path, tag: &str) -> Result<PathBuf, StoreError> {
    let original = super::read::read_regular(path, MAX_FILE_BYTES)
        .map_err(|e| StoreError::read("a session file", path, e))?;
    for n in 1.. {
        let suffix = if n == 1 {
            format!(".{tag}.bak")
        } else {
            format!(".{tag}.{n}.bak")
        };
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        let backup = path.with_file_name(name);
        match create_atomic(&backup, &original) {
            Ok(()) => return Ok(backup),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(StoreError::io("back up", &backup, e)),
        }
    }
    unreachable!("the loop above returns")
}

/// What a file name says about a kept copy: `x.ron.v1.bak`, `x.ron.replaced.3.bak`.
pub fn kept_copy(path: &Path) -> Option<KeptCopy> {
    let name = path.file_name()?.to_str()?;
    if name.starts_with('.') {
        return None;
    }
    let stem = name.strip_suffix(".bak")?;
    let at = stem.find(".ron.")?;
    let of = &stem[..at + 4];
    let mut tag = &stem[at + 5..];
    // `.replaced.2` → `replaced`
    if let Some((t, n)) = tag.rsplit_once('.')
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        tag = t;
    }
    let kind = match tag {
        "replaced" => KeptKind::Replaced,
        t => match t.strip_prefix('v').and_then(|v| v.parse().ok()) {
            Some(version) => KeptKind::Upgraded { version },
            None => KeptKind::Other(t.to_string()),
        },
    };
    Some(KeptCopy {
        path: path.to_path_buf(),
        of: of.to_string(),
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_kept_copies_say_what_they_are() {
        let k = kept_copy(Path::new("/s/a.ron.replaced.2.bak")).unwrap();
        assert_eq!((k.of.as_str(), k.kind), ("a.ron", KeptKind::Replaced));
        let k = kept_copy(Path::new("/s/a.b.ron.v1.bak")).unwrap();
        assert_eq!(
            (k.of.as_str(), k.kind),
            ("a.b.ron", KeptKind::Upgraded { version: 1 })
        );
        assert!(kept_copy(Path::new("/s/a.ron")).is_none());
        assert!(kept_copy(Path::new("/s/notes.bak")).is_none());
        assert!(kept_copy(Path::new("/s/.a.ron.x.tmp")).is_none());
    }
}
