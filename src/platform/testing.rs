//! What tests need of a system's special files, where it has them: FIFOs, links, the zero and
//! null devices, permission modes. Elsewhere each says so (`false` or `None`), and a test of
//! what only such a system can do ends there.

use std::path::Path;

/// Makes a FIFO at `path`; false where the system has none.
pub fn make_fifo(path: &Path) -> bool {
    #[cfg(unix)]
    {
        let Ok(c) = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()) else {
            return false;
        };
        // SAFETY: a valid C string and a mode; a failure is reported by the return value.
        unsafe { libc::mkfifo(c.as_ptr(), 0o600) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Makes `link` a symbolic link to `target`; false where links need rights tests lack.
pub fn symlink(target: &Path, link: &Path) -> bool {
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(target, link).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = (target, link);
        false
    }
}

/// A device that reads as zeros for ever.
pub fn zero_device() -> Option<&'static Path> {
    cfg!(unix).then(|| Path::new("/dev/zero"))
}

/// The device that swallows what is written.
pub fn null_device() -> Option<&'static Path> {
    cfg!(unix).then(|| Path::new("/dev/null"))
}

/// A file's permission bits (`0o600`), where the system has them.
pub fn mode(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::metadata(path).ok()?.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}
