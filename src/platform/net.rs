//! Listening sockets and threads as each system has them.

use std::net::{SocketAddr, TcpListener};

/// A listening socket on `addr` with a queue of `backlog` connections waiting to be accepted.
/// On Unix a port just closed is reused (as `TcpListener::bind` does there); on Windows the
/// same option would let another program take the port over, so it is not set.
pub fn listen(addr: SocketAddr, backlog: i32) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    #[cfg(unix)]
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(backlog)?;
    Ok(socket.into())
}

/// Lowers the calling thread's priority where that is per thread (Linux: nice 10); elsewhere
/// it would slow the whole program, so nothing changes.
pub fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers; `who` 0 is the calling thread on Linux, and a
    // failure only leaves its priority as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}
