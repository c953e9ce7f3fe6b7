//! Where `export -o` may write: standard output (`-o -`), a new path, or a regular file it
//! replaces atomically. Symbolic links, FIFOs, devices and folders are refused: replacing them
//! with a regular file would break whatever they were (as root, `-o /dev/stdout` once replaced
//! the device). Reports are for sharing, so they get the usual permissions (the umask), not
//! the private ones of session files.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Where a report goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    /// `-` is standard output; anything else is a path.
    pub fn parse(arg: Option<PathBuf>) -> Target {
        match arg {
            None => Target::Stdout,
            Some(p) if p.as_os_str() == "-" => Target::Stdout,
            Some(p) => Target::File(p),
        }
    }
}

#[derive(Debug, Error)]
pub enum OutputError {
    #[error(
        "{}: {kind}; reports are written to a regular file or a new path only (or `-o -` for standard output), so it was left as it is",
        path.display()
    )]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("could not write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("could not write the report to standard output: {0}")]
    Stdout(#[source] io::Error),
}

/// Checks that `path` is a new path or a regular file (not a link to one).
pub fn check_target(path: &Path) -> Result<(), OutputError> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(OutputError::Io {
            path: path.to_path_buf(),
            source,
        }),
        Ok(m) if m.file_type().is_file() => Ok(()),
        Ok(m) => Err(OutputError::NotAFile {
            path: path.to_path_buf(),
            kind: if m.file_type().is_symlink() {
                "a symbolic link"
            } else {
                crate::store::kind_of(m.file_type())
            },
        }),
    }
}

/// Writes a report: atomically to a file with the umask's permissions, or to standard output.
pub fn write(target: &Target, report: &[u8]) -> Result<(), OutputError> {
    match target {
        Target::Stdout => io::stdout()
            .lock()
            .write_all(report)
            .map_err(OutputError::Stdout),
        Target::File(path) => {
            check_target(path)?;
            crate::store::write_atomic_shared(path, report).map_err(|source| OutputError::Io {
                path: path.clone(),
                source,
            })
        }
    }
}

// Its cases are FIFOs, devices, links and modes: Unix only.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::testing;

    #[test]
    fn links_fifos_devices_and_folders_are_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.md");
        let Some(null) = testing::null_device() else {
            return; // no links or device files here
        };
        assert!(testing::symlink(&real, &link));
        for (path, kind) in [
            (link.as_path(), "a symbolic link"),
            (null, "a device"),
            (dir.path(), "a folder"),
        ] {
            let err = write(&Target::File(path.to_path_buf()), b"new").unwrap_err();
            assert!(err.to_string().contains(kind), "{err}");
        }
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "old");
    }

    #[test]
    fn a_report_gets_the_permissions_of_any_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let usual = dir.path().join("usual");
        std::fs::File::create(&usual).unwrap();
        let report = dir.path().join("r.md");
        write(&Target::File(report.clone()), b"x").unwrap();
        write(&Target::File(report.clone()), b"y").unwrap();
        assert_eq!(testing::mode(&report), testing::mode(&usual));
        assert_eq!(std::fs::read(&report).unwrap(), b"y");
        assert_eq!(Target::parse(Some("-".into())), Target::Stdout);
    }
}
