//! `exec().run`: a command in a running container, its output and exit code, as one call.

use super::output::{gather, nonzero_exit, refuse_tty_stdin, CommandOutput};
use crate::api::{Exec, ExecStartOptions};
use crate::error::{Error, ErrorKind, Result};
use crate::models::{ExecConfig, ExecStartConfig};
use crate::{Docker, Payload};
use bytes::Bytes;
use std::time::Duration;

/// How to run the command. `Default`: no stdin, no TTY, the container's env, workdir and
/// user, a non-zero exit is data.
#[derive(Debug, Clone, Default)]
pub struct ExecRunOptions {
    /// Sent as the command's stdin, then closed (half-close: the output keeps coming).
    pub stdin: Option<Bytes>,
    pub tty: bool,
    /// `KEY=value` pairs added to the container's environment.
    pub env: Vec<String>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub privileged: bool,
    /// A non-zero exit is an error of kind `NonZeroExit` (with the code and the end of
    /// stderr) instead of data.
    pub check: bool,
}

impl Exec<'_> {
    /// Runs `cmd` in the running container `container`, reads its output to the end, then
    /// asks the engine for its exit code.
    pub async fn run(
        &self,
        container: &str,
        cmd: &[&str],
        opts: ExecRunOptions,
    ) -> Result<CommandOutput> {
        if cmd.is_empty() {
            return Err(Error::invalid_argument("exec().run needs a command")
                .with_operation("ContainerExec"));
        }
        refuse_tty_stdin(opts.tty, opts.stdin.is_some(), "ContainerExec")?;
        let config = ExecConfig {
            attach_stdin: Some(opts.stdin.is_some()),
            attach_stdout: Some(true),
            attach_stderr: Some(true),
            tty: Some(opts.tty),
            env: (!opts.env.is_empty()).then_some(opts.env),
            cmd: Some(cmd.iter().map(|s| s.to_string()).collect()),
            user: opts.user,
            working_dir: opts.workdir,
            privileged: opts.privileged.then_some(true),
            ..Default::default()
        };
        let id = self.create(container, config).await?.id.ok_or_else(|| {
            Error::new(
                ErrorKind::Decode,
                "the engine created an exec but sent no id",
            )
            .with_operation("ContainerExec")
        })?;
        let start = ExecStartOptions {
            body: Some(ExecStartConfig {
                detach: Some(false),
                tty: Some(opts.tty),
                ..Default::default()
            }),
        };
        let mut output = match opts.stdin {
            Some(data) => self
                .start_stdin(&id, start)
                .await?
                .send_stdin(Payload::from_bytes(data)),
            None => self.start(&id, start).await?,
        };
        let mut out = gather(&mut output, 0).await?;
        out.exit_code = exit_code(self.docker, &id).await?;
        if opts.check && out.exit_code != 0 {
            return Err(nonzero_exit(
                "the command",
                out.exit_code,
                &out.stderr,
                "ExecInspect",
            ));
        }
        Ok(out)
    }
}

/// How long the engine may take to record the exit after the output ended.
const EXIT_RECORDED_WITHIN: Duration = Duration::from_secs(10);

/// The exit code once the engine has recorded it: the output can end a moment before the
/// engine marks the process as exited, so a still-running answer is asked again.
async fn exit_code(docker: &Docker, id: &str) -> Result<i64> {
    let started = tokio::time::Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        let inspect = docker.exec().inspect(id).await?;
        if inspect.running != Some(true) {
            if let Some(code) = inspect.exit_code {
                return Ok(code);
            }
        }
        if started.elapsed() > EXIT_RECORDED_WITHIN {
            return Err(Error::new(
                ErrorKind::Timeout,
                format!(
                    "the exec's output ended but the engine still reports it running after {}s",
                    EXIT_RECORDED_WITHIN.as_secs()
                ),
            )
            .with_operation("ExecInspect"));
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(200));
    }
}
