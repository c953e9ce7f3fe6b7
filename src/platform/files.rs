//! Files as each system has them. On Unix a FIFO or a device must never be opened for reading
//! (the read would block for good, or never end), so files are opened without blocking and
//! checked; on Windows devices have names (`NUL`, `CON`, `COM1`, `\\.\…`, named pipes under
//! `\\.\pipe\`) that are refused by name before anything is opened.

use std::fs::{File, FileType, Metadata, OpenOptions};
use std::io;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// What tells one version of a file from another: which file it is (its identity), its size
/// and when it was last written and changed, in nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    pub identity: u128,
    pub size: u64,
    pub modified_ns: i128,
    pub changed_ns: i128,
}

impl FileStamp {
    pub fn of(meta: &Metadata) -> FileStamp {
        FileStamp {
            identity: identity(meta),
            size: meta.len(),
            modified_ns: modified_ns(meta),
            changed_ns: changed_ns(meta),
        }
    }
}

/// The last write, in nanoseconds since 1970 (0 where the system does not say).
fn modified_ns(meta: &Metadata) -> i128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

/// Whether closing a file that was open for writing is told to a watcher of its folder
/// (inotify's close-write); elsewhere a writer's window ending shows only as its heartbeat.
pub const CLOSE_IS_NOTIFIED: bool = cfg!(target_os = "linux");

/// The reader of our output went away (`list | head`): a normal end, not an error.
pub fn is_closed_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe || is_closed_pipe_code(e.raw_os_error())
}

#[cfg(unix)]
mod imp {
    use super::*;

    pub fn is_closed_pipe_code(_code: Option<i32>) -> bool {
        false
    }

    /// Nothing on Unix holds a file for a moment the way Windows' indexer and virus
    /// scanners do.
    pub fn is_held_for_a_moment(_e: &io::Error) -> bool {
        false
    }

    /// A file that is open (and locked) can be renamed over.
    pub const REPLACE_WHILE_OPEN: bool = true;

    /// Makes a rename in `folder` durable: the folder's entry is flushed like a file's data.
    pub fn sync_folder(folder: &Path) -> io::Result<()> {
        File::open(folder)?.sync_all()
    }
    use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};

    /// Device and inode: two paths with these equal are one file.
    pub fn identity(meta: &Metadata) -> u128 {
        (u128::from(meta.dev()) << 64) | u128::from(meta.ino())
    }

    /// When the file's metadata last changed (a rename, a new link), in nanoseconds.
    pub fn changed_ns(meta: &Metadata) -> i128 {
        i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec())
    }

    pub fn kind_of(file_type: FileType) -> &'static str {
        if file_type.is_dir() {
            "a folder"
        } else if file_type.is_fifo() {
            "a FIFO (named pipe)"
        } else if file_type.is_char_device() || file_type.is_block_device() {
            "a device"
        } else if file_type.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        }
    }

    /// A path that names a device without being one in the file system: none on Unix.
    pub fn device_name(_path: &Path) -> Option<&'static str> {
        None
    }

    /// Opens for reading without waiting for a writer (a FIFO) or taking a terminal.
    pub fn open_for_reading(path: &Path) -> io::Result<File> {
        OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(path)
    }

    /// Opens for appending, refusing a link (the cache is never written through one).
    pub fn open_for_appending(path: &Path) -> io::Result<File> {
        OpenOptions::new()
            .append(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(path)
    }

    /// A temporary file readable by its owner only (`0o600`) or by everyone (`0o644`).
    pub fn temp_permissions(builder: &mut tempfile::Builder, mode: u32) {
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
}

#[cfg(windows)]
mod imp {
    use super::*;
    use std::os::windows::fs::MetadataExt;

    /// ERROR_NO_DATA (232) and ERROR_PIPE_NOT_CONNECTED (233): the pipe's reader is gone.
    pub fn is_closed_pipe_code(code: Option<i32>) -> bool {
        matches!(code, Some(232 | 233))
    }

    /// ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION (32) and ERROR_LOCK_VIOLATION (33):
    /// what a rename meets while the search indexer or a virus scanner has the file open for
    /// a moment. Worth trying again shortly.
    pub fn is_held_for_a_moment(e: &io::Error) -> bool {
        matches!(e.raw_os_error(), Some(5 | 32 | 33))
    }

    /// A file another handle holds open cannot be renamed over: the holder lets go first.
    pub const REPLACE_WHILE_OPEN: bool = false;

    /// A folder cannot be opened as a file on Windows; NTFS journals the rename itself.
    pub fn sync_folder(_folder: &Path) -> io::Result<()> {
        Ok(())
    }

    /// When the file was made: a save replaces the file, so a new file has a new time. (The
    /// file index is not yet available in stable Rust.)
    pub fn identity(meta: &Metadata) -> u128 {
        u128::from(meta.creation_time())
    }

    /// Windows keeps no change time apart from the last write.
    pub fn changed_ns(meta: &Metadata) -> i128 {
        i128::from(meta.last_write_time()) * 100
    }

    pub fn kind_of(file_type: FileType) -> &'static str {
        if file_type.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        }
    }

    /// The legacy DOS device names exist in every folder (`C:\data\NUL.ron` is the null
    /// device), and `\\.\` and `\\?\` paths may name devices and pipes.
    pub fn device_name(path: &Path) -> Option<&'static str> {
        let text = path.as_os_str().to_string_lossy();
        if text.starts_with(r"\\.\") || text.to_ascii_lowercase().starts_with(r"\\?\pipe\") {
            return Some("a device or a named pipe");
        }
        let stem = path.file_stem()?.to_string_lossy().to_ascii_uppercase();
        let base = stem.split('.').next().unwrap_or_default().trim_end();
        let reserved = matches!(base, "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$")
            || ((base.starts_with("COM") || base.starts_with("LPT"))
                && base.len() == 4
                && base.as_bytes()[3].is_ascii_digit());
        reserved.then_some("a device")
    }

    pub fn open_for_reading(path: &Path) -> io::Result<File> {
        OpenOptions::new().read(true).open(path)
    }

    pub fn open_for_appending(path: &Path) -> io::Result<File> {
        if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
            return Err(io::Error::other("the file is a link"));
        }
        OpenOptions::new().append(true).open(path)
    }

    /// Files in the user's own profile folders inherit its access rules: nothing to set.
    pub fn temp_permissions(_builder: &mut tempfile::Builder, _mode: u32) {}
}

use imp::is_closed_pipe_code;
pub use imp::{
    REPLACE_WHILE_OPEN, changed_ns, device_name, identity, is_held_for_a_moment, kind_of,
    open_for_appending, open_for_reading, sync_folder, temp_permissions,
};
