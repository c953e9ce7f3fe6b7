use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` so that a crash at any moment leaves either the old or the new
/// file, never a mix: temp file in the same folder, fsync, rename over, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_parent(path)
}

/// Like `write_atomic`, but fails with `AlreadyExists` instead of replacing a file.
pub fn create_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_parent(path)
}

fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let dir = parent(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".ambassador-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn sync_parent(path: &Path) -> io::Result<()> {
    File::open(parent(path))?.sync_all()
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
    fn create_refuses_to_replace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        create_atomic(&path, b"one").unwrap();
        let err = create_atomic(&path, b"two").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
    }
}
