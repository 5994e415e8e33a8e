//! Output of a finished command, for `containers().run` and `exec().run`: every chunk in
//! order, stdout and stderr apart, and the error `check` raises.

use crate::error::{Error, Result};
use crate::{OutputChunk, OutputKind, OutputStream};
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;

/// What a finished command printed and how it exited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandOutput {
    pub exit_code: i64,
    /// Everything on stdout (with a TTY: the console, stdout and stderr mixed).
    pub stdout: Bytes,
    pub stderr: Bytes,
    /// Every chunk as it came: the order of stdout and stderr writes.
    pub chunks: Vec<OutputChunk>,
}

/// Reads `stream` to its end.
pub(crate) async fn gather(stream: &mut OutputStream, exit_code: i64) -> Result<CommandOutput> {
    let (mut stdout, mut stderr) = (BytesMut::new(), BytesMut::new());
    let mut chunks = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        match chunk.stream {
            OutputKind::Stdout | OutputKind::Console => stdout.extend_from_slice(&chunk.data),
            OutputKind::Stderr => stderr.extend_from_slice(&chunk.data),
            OutputKind::Stdin => {}
        }
        chunks.push(chunk);
    }
    Ok(CommandOutput {
        exit_code,
        stdout: stdout.freeze(),
        stderr: stderr.freeze(),
        chunks,
    })
}

/// Lines of stderr `check`'s error quotes, and their size limit.
const TAIL_LINES: usize = 5;
const TAIL_CHARS: usize = 1000;

/// The error of `check`: the code and the end of stderr, which usually says why.
/// A TTY has no end of file: closing stdin would not end a program that reads it (the engine
/// ends the output instead and the program runs on), so stdin bytes with a TTY are refused.
pub(crate) fn refuse_tty_stdin(tty: bool, stdin: bool, operation: &'static str) -> Result<()> {
    if tty && stdin {
        return Err(Error::invalid_argument(
            "stdin with tty: a terminal has no end of file to close it with; send stdin \
             without tty, or attach and write to the console yourself",
        )
        .with_operation(operation));
    }
    Ok(())
}

pub(crate) fn nonzero_exit(what: &str, code: i64, stderr: &[u8], operation: &'static str) -> Error {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = lines[lines.len().saturating_sub(TAIL_LINES)..].join("\n");
    let skip = tail.chars().count().saturating_sub(TAIL_CHARS);
    let tail: String = tail.chars().skip(skip).collect();
    let message = if tail.is_empty() {
        format!("{what} exited with code {code}")
    } else {
        format!("{what} exited with code {code}; stderr ends with:\n{tail}")
    };
    Error::non_zero_exit(code, message).with_operation(operation)
}

#[cfg(test)]
mod tests {
    use super::nonzero_exit;

    #[test]
    fn check_error_has_the_code_and_the_stderr_tail() {
        let stderr = b"1\n2\n3\n4\n5\n6\n\nfatal: no such file\n";
        let e = nonzero_exit("the command", 3, stderr, "ContainerWait");
        assert_eq!(e.exit_code(), Some(3));
        assert_eq!(e.kind(), crate::ErrorKind::NonZeroExit);
        // The last five non-blank lines.
        assert!(
            e.message().ends_with(":\n3\n4\n5\n6\nfatal: no such file"),
            "{e}"
        );
        let quiet = nonzero_exit("the command", 1, b"", "ExecInspect");
        assert_eq!(quiet.message(), "the command exited with code 1");
        let long = vec![b'x'; 5000];
        assert!(nonzero_exit("c", 1, &long, "X").message().len() < 1100);
    }
}
