use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` so that a crash at any moment leaves either the old or the new
/// file, never a mix: temp file in the same folder, fsync, rename over, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes, PRIVATE)?;
    replace(tmp, path)?;
    sync_parent(path)
}

/// How often, and how long apart, a rename is tried again while something holds the file
/// for a moment (on Windows: the search indexer, a virus scanner); about a second in all.
const RENAME_TRIES: u32 = 10;
const RENAME_PAUSE: std::time::Duration = std::time::Duration::from_millis(100);

/// Renames the temporary file over `path`, trying again for a moment while the file is
/// held; the temporary file is never lost on the way (a failure removes it, `path` stays).
fn replace(mut tmp: tempfile::NamedTempFile, path: &Path) -> io::Result<File> {
    for _ in 1..RENAME_TRIES {
        match tmp.persist(path) {
            Ok(file) => return Ok(file),
            Err(e) if crate::platform::files::is_held_for_a_moment(&e.error) => {
                tmp = e.file;
                std::thread::sleep(RENAME_PAUSE);
            }
            Err(e) => return Err(e.error),
        }
    }
    tmp.persist(path).map_err(|e| e.error)
}

/// `write_atomic` that also takes an exclusive lock on the new file before it replaces the
/// old one, and returns it still locked: whoever opens the session file to edit it finds it
/// locked, even if the sidecar `.lock` file was deleted. (On a file system without locks the
/// file is returned unlocked.)
pub fn write_atomic_locked(path: &Path, bytes: &[u8]) -> io::Result<File> {
    let tmp = write_temp(path, bytes, PRIVATE)?;
    // A fresh inode nobody else has opened: the lock is free.
    let _ = tmp.as_file().try_lock();
    let file = replace(tmp, path)?;
    sync_parent(path)?;
    Ok(file)
}

/// Like `write_atomic`, but fails with `AlreadyExists` instead of replacing a file.
pub fn create_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes, PRIVATE)?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_parent(path)
}

/// Session files are private to their owner.
const PRIVATE: u32 = 0o600;
/// What any new file gets before the umask: for reports, which are meant to be shared.
const SHARED: u32 = 0o666;

/// `write_atomic` for a file meant to be shared (a report): the usual permissions, that is
/// 0666 less the umask, instead of the private 0600 of session files.
pub fn write_atomic_shared(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes, SHARED)?;
    replace(tmp, path)?;
    sync_parent(path)
}

/// Temp files are named `.<file name>.<random>.tmp`, so the leftovers of one file's
/// interrupted saves can be told apart from another file's save in progress.
fn write_temp(path: &Path, bytes: &[u8], mode: u32) -> io::Result<tempfile::NamedTempFile> {
    let dir = parent(path);
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    crate::platform::files::temp_permissions(&mut builder, mode);
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

fn temp_prefix(path: &Path) -> String {
    format!(
        ".{}.",
        path.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// Removes temp files left next to `path` by saves that were killed half-way. Call it only
/// while nobody else can be saving `path` (holding its lock); returns how many went.
pub fn remove_leftover_temps(path: &Path) -> usize {
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(parent(path)) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".tmp")
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn sync_parent(path: &Path) -> io::Result<()> {
    crate::platform::files::sync_folder(parent(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn leftover_temps_of_one_file_are_removed_and_no_others() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        write_atomic(&path, b"one").unwrap();
        std::fs::write(dir.path().join(".s.ron.abc123.tmp"), b"half").unwrap();
        std::fs::write(dir.path().join(".t.ron.abc123.tmp"), b"other").unwrap();
        assert_eq!(remove_leftover_temps(&path), 1);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert!(dir.path().join(".t.ron.abc123.tmp").exists());
    }

    #[test]
    fn create_refuses_to_replace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        create_atomic(&path, b"one").unwrap();
        let err = create_atomic(&path, b"two").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
    }
}
