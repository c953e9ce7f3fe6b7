//! Where things are in an archive, what its files are called, and its policy file.
//!
//! ```text
//! <data dir>/archive/                     a git working tree, cloned from the remote
//!     ambassador-archive.ron              (sharing: anonymous) or (sharing: full)
//!     sessions/2026-12-05-k3x9q2.ron      one file per session: its date and a random name
//!     sessions/2026-12-05-k3x9q2.conflict-7hd2ma.ron   another facilitator's version, kept
//! ```

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The archive's folder inside the data folder.
pub const ARCHIVE_DIR: &str = "archive";
/// The sessions' folder inside the archive.
pub const SESSIONS_DIR: &str = "sessions";
/// The policy file at the archive's root.
pub const POLICY_FILE: &str = "ambassador-archive.ron";
const CONFLICT_TAG: &str = ".conflict-";

/// What every member of an archive shares of their sessions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sharing {
    /// No name of anyone, no title, nothing that links a person to what they said or scored.
    #[default]
    Anonymous,
    /// The sessions as they are.
    Full,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    #[serde(default)]
    pub sharing: Sharing,
}

impl Policy {
    /// The policy in the working tree `root`; anonymous when there is no policy file. A file
    /// that cannot be read as a policy is anonymous too: the safer reading.
    pub fn read(root: &Path) -> Policy {
        std::fs::read_to_string(root.join(POLICY_FILE))
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn render(&self) -> String {
        let word = match self.sharing {
            Sharing::Anonymous => "anonymous",
            Sharing::Full => "full",
        };
        format!(
            "// What the members of this archive share of their sessions: anonymous (no names,\n\
             // no titles, nothing that links a person to what they said) or full.\n\
             (sharing: {word})\n"
        )
    }
}

/// The archive's working tree in a data folder.
pub fn archive_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(ARCHIVE_DIR)
}

/// The shared sessions' folder in a data folder's archive.
pub fn shared_sessions_dir(data_dir: &Path) -> PathBuf {
    archive_dir(data_dir).join(SESSIONS_DIR)
}

/// A new archive name for a session created at `created`: its date and six random letters
/// and digits, never a title or a name (`2026-12-05-k3x9q2`).
pub fn new_archive_name(created: Timestamp) -> String {
    let date = created.to_zoned(jiff::tz::TimeZone::UTC).date();
    format!("{date}-{}", random_suffix())
}

/// Whether `name` is an archive name as `new_archive_name` makes them (what a session file
/// says is checked before it becomes a path).
pub fn is_archive_name(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() == 17
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 | 10 => *c == b'-',
            0..=9 => c.is_ascii_digit(),
            _ => c.is_ascii_lowercase() || c.is_ascii_digit(),
        })
}

/// The name of a conflict copy of the archive file `base` (`2026-12-05-k3x9q2`):
/// `2026-12-05-k3x9q2.conflict-7hd2ma.ron`.
pub fn conflict_file_name(base: &str) -> String {
    format!("{base}{CONFLICT_TAG}{}.ron", random_suffix())
}

/// What a file name in the archive's sessions folder is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveFile {
    /// A session under its archive name.
    Session { name: String },
    /// A version of `of` kept when two facilitators changed it at once.
    ConflictCopy { of: String },
}

impl ArchiveFile {
    pub fn of_path(path: &Path) -> Option<ArchiveFile> {
        let name = path.file_name()?.to_str()?;
        if name.starts_with('.') {
            return None;
        }
        let stem = name.strip_suffix(".ron")?;
        Some(match stem.split_once(CONFLICT_TAG) {
            Some((of, _)) => ArchiveFile::ConflictCopy { of: of.to_string() },
            None => ArchiveFile::Session {
                name: stem.to_string(),
            },
        })
    }
}

/// Six random lower-case letters and digits.
fn random_suffix() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).expect("the system's random source");
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// A random token, for a participant in an anonymous copy.
pub fn random_token() -> String {
    random_suffix()
}

/// A stable 64-bit fingerprint of some bytes (FNV-1a), to tell whether a file is still what
/// this laptop last shared.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_names_hold_a_date_and_a_random_part_and_copies_say_whose_they_are() {
        let at: Timestamp = "2026-12-05T10:00:00Z".parse().unwrap();
        let a = new_archive_name(at);
        assert!(a.starts_with("2026-12-05-") && a.len() == 17, "{a}");
        assert_ne!(a, new_archive_name(at));
        assert!(is_archive_name(&a));
        assert!(!is_archive_name("2026-12-05-../../x"));
        let copy = conflict_file_name(&a);
        assert_eq!(
            ArchiveFile::of_path(Path::new(&copy)),
            Some(ArchiveFile::ConflictCopy { of: a.clone() })
        );
        assert_eq!(
            ArchiveFile::of_path(Path::new(&format!("{a}.ron"))),
            Some(ArchiveFile::Session { name: a })
        );
        assert_eq!(ArchiveFile::of_path(Path::new(".x.ron.1.tmp")), None);
    }

    #[test]
    fn a_policy_reads_back_and_is_anonymous_when_absent_or_broken() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Policy::read(dir.path()).sharing, Sharing::Anonymous);
        let full = Policy {
            sharing: Sharing::Full,
        };
        std::fs::write(dir.path().join(POLICY_FILE), full.render()).unwrap();
        assert_eq!(Policy::read(dir.path()), full);
        std::fs::write(dir.path().join(POLICY_FILE), "(sharing: everything)").unwrap();
        assert_eq!(Policy::read(dir.path()).sharing, Sharing::Anonymous);
    }
}
