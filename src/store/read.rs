//! Reading files that others may have put in our folders: only regular files, never more bytes
//! than a cap. A FIFO named `*.ron` would block a plain read forever, and a link to
//! `/dev/zero` would never end (its reported size is 0); both are refused here before a byte
//! is read.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    /// Not a regular file: what it is instead ("a folder", "a FIFO (named pipe)", …).
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    /// More than `limit` bytes (counted as they were read, not as reported).
    #[error("it has more than {limit} bytes")]
    TooLarge { limit: u64 },
}

impl ReadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

pub use crate::platform::files::kind_of;

/// Opens `path` (following links) for reading without ever blocking, and only if it is a
/// regular file. The type is checked before opening (so no device is opened) and again on the
/// open file (so a swap in between is caught).
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    if let Some(device) = crate::platform::files::device_name(path) {
        return Err(ReadError::NotRegular(device));
    }
    let before = std::fs::metadata(path)?;
    if !before.is_file() {
        return Err(ReadError::NotRegular(kind_of(before.file_type())));
    }
    let file = crate::platform::files::open_for_reading(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    Ok(file)
}

/// Reads at most `limit` bytes from an open file; more is `TooLarge`.
pub fn read_capped(file: &mut File, limit: u64) -> Result<Vec<u8>, ReadError> {
    let hint = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(hint as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// `open_regular` then `read_capped`.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_capped(&mut open_regular(path)?, limit)
}

/// The UTF-8 byte-order mark Windows Notepad puts before a hand-edited file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `read_regular` for a text file a person may have edited (a session, template, settings or
/// keys): a leading byte-order mark is not part of the text.
pub fn read_text_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = read_regular(path, limit)?;
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    Ok(bytes)
}

// Its cases are FIFOs, devices, links and modes: Unix only.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::testing;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.ron");
        if !testing::make_fifo(&fifo) {
            return; // no FIFOs here
        }
        let err = read_regular(&fifo, 10).unwrap_err();
        assert!(
            matches!(err, ReadError::NotRegular("a FIFO (named pipe)")),
            "{err}"
        );
    }

    #[test]
    fn a_device_is_refused_and_a_regular_file_is_capped() {
        if let Some(zero) = testing::zero_device() {
            let err = read_regular(zero, 10).unwrap_err();
            assert!(matches!(err, ReadError::NotRegular("a device")), "{err}");
        }
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a");
        std::fs::write(&f, b"12345").unwrap();
        assert_eq!(read_regular(&f, 5).unwrap(), b"12345");
        assert!(matches!(
            read_regular(&f, 4),
            Err(ReadError::TooLarge { limit: 4 })
        ));
        assert!(matches!(
            read_regular(dir.path(), 4),
            Err(ReadError::NotRegular("a folder"))
        ));
    }
}
