//! `ssh://` engines: HTTP through `ssh [-p PORT] DEST docker system dial-stdio`, as the
//! Docker CLI does it.
//!
//! The pooled HTTP client speaks to a private unix socket; each connection it opens there
//! starts one `ssh` process and pipes bytes both ways. Keep-alive pooling therefore reuses an
//! `ssh` process across calls (one per pooled connection, not one per request), and a
//! hijacked stream's half-close reaches the engine: closing the socket's write side closes
//! ssh's stdin. Dropping the client stops the listener and removes the socket's folder.

use crate::error::{Error, ErrorKind, Result};
use std::io::{Read, Write};
use std::net::Shutdown;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

/// How `ssh` is run: the program and options placed before the destination (`-i KEY`,
/// `-F CONFIG`, `-o StrictHostKeyChecking=...`). Default: `ssh` from `PATH`, the user's own
/// ssh configuration and agent, `BatchMode` (never a password prompt that would hang).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshOptions {
    pub program: PathBuf,
    pub args: Vec<String>,
}

impl Default for SshOptions {
    fn default() -> SshOptions {
        SshOptions {
            program: "ssh".into(),
            args: vec!["-o".into(), "BatchMode=yes".into()],
        }
    }
}

/// The local end of an SSH engine; alive as long as the client.
pub(crate) struct SshTunnel {
    dir: PathBuf,
    socket: PathBuf,
    stop: Arc<AtomicBool>,
    /// What the last ssh that failed said on stderr: the reason a call saw its connection close.
    last_error: Arc<Mutex<Option<String>>>,
}

impl SshTunnel {
    pub(crate) fn start(destination: &str, port: Option<u16>, opts: &SshOptions) -> Result<Self> {
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "docker-engine-api-ssh-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let fail = |e: std::io::Error| {
            Error::new(
                ErrorKind::Connect,
                format!("cannot set up the local end of ssh://{destination}: {e}"),
            )
        };
        std::fs::create_dir_all(&dir).map_err(fail)?;
        // Only this user may connect to the socket: it is the engine.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).map_err(fail)?;
        let socket = dir.join("engine.sock");
        let _ = std::fs::remove_file(&socket);
        let listener = UnixListener::bind(&socket).map_err(fail)?;
        let mut command = vec![opts.program.as_os_str().to_owned()];
        command.extend(opts.args.iter().map(Into::into));
        if let Some(p) = port {
            command.push("-p".into());
            command.push(p.to_string().into());
        }
        command.extend(["--", destination, "docker", "system", "dial-stdio"].map(Into::into));
        let stop = Arc::new(AtomicBool::new(false));
        let last_error = Arc::new(Mutex::new(None));
        let (stop2, errors) = (stop.clone(), last_error.clone());
        std::thread::Builder::new()
            .name("dea-ssh-accept".into())
            .spawn(move || accept_loop(listener, command, stop2, errors))
            .map_err(fail)?;
        Ok(SshTunnel {
            dir,
            socket,
            stop,
            last_error,
        })
    }

    pub(crate) fn socket(&self) -> &Path {
        &self.socket
    }

    /// What ssh said when it last failed, if it did (once: a later error is not blamed on it).
    pub(crate) fn take_last_error(&self) -> Option<String> {
        self.last_error.lock().ok()?.take()
    }
}

impl Drop for SshTunnel {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the thread sees `stop`.
        let _ = UnixStream::connect(&self.socket);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn accept_loop(
    listener: UnixListener,
    command: Vec<std::ffi::OsString>,
    stop: Arc<AtomicBool>,
    errors: Arc<Mutex<Option<String>>>,
) {
    for conn in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(conn) = conn else { continue };
        let (command, errors) = (command.clone(), errors.clone());
        let _ = std::thread::Builder::new()
            .name("dea-ssh-conn".into())
            .spawn(move || serve(conn, &command, &errors));
    }
}

/// One connection: one ssh process, bytes piped both ways until both sides end.
fn serve(conn: UnixStream, command: &[std::ffi::OsString], errors: &Mutex<Option<String>>) {
    let spawned = Command::new(&command[0])
        .args(&command[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child: Child = match spawned {
        Ok(c) => c,
        Err(e) => {
            record(errors, format!("cannot run {:?}: {e}", command[0]));
            return;
        }
    };
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return;
    };
    let Ok(mut from_client) = conn.try_clone() else {
        return;
    };
    // Client → ssh; the client's half-close closes ssh's stdin (dial-stdio passes it on).
    let upstream = std::thread::spawn(move || {
        pump(&mut from_client, &mut stdin);
        drop(stdin);
    });
    // What ssh says goes to a buffer as it comes (it must never block on a full pipe).
    let said = std::thread::spawn(move || {
        let mut said = String::new();
        let _ = stderr.read_to_string(&mut said);
        said
    });
    let mut to_client = conn;
    let sent = pump(&mut stdout, &mut to_client);
    if sent == 0 {
        // Nothing ever came back: ssh most likely failed (a refused key, an unknown host).
        // Its reason is recorded before the client sees the connection close, so the call's
        // error can say it; an ssh that is merely slow is not waited for long.
        for _ in 0..50 {
            if matches!(child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        if let Ok(Some(status)) = child.try_wait() {
            if !status.success() {
                let said = said.join().unwrap_or_default();
                let said: String = said.trim().chars().take(300).collect();
                record(errors, format!("ssh exited with {status}: {said}"));
            }
        }
    }
    let _ = to_client.shutdown(Shutdown::Write);
    let _ = child.wait();
    // The client may still hold its end open; ssh is gone, so end the copy loop too.
    let _ = to_client.shutdown(Shutdown::Both);
    let _ = upstream.join();
    let _ = to_client.flush();
}

/// Copies until end of file or an error, each read passed on at once. Not `io::copy`: on
/// Linux it splices socket to pipe, and the request then reached ssh only when the client
/// closed the connection.
/// Answers how many bytes went through.
fn pump(from: &mut impl Read, to: &mut impl Write) -> u64 {
    let mut buf = vec![0u8; 64 * 1024];
    let mut sent = 0;
    loop {
        match from.read(&mut buf) {
            Ok(0) => return sent,
            Ok(n) => {
                if to.write_all(&buf[..n]).and_then(|()| to.flush()).is_err() {
                    return sent;
                }
                sent += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return sent,
        }
    }
}

fn record(errors: &Mutex<Option<String>>, message: String) {
    if let Ok(mut e) = errors.lock() {
        *e = Some(message);
    }
}
