//! What differs between Windows, macOS and Linux, one small module per concern, so the rest of
//! the program has no `cfg`: how files are opened and told apart (`files`), sockets and thread priority (`net`), and how a signal
//! or a closed console window reaches the program (`signals`).

pub mod files;
pub mod net;
pub mod signals;
#[cfg(test)]
pub mod testing;
