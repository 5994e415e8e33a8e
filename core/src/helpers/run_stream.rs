//! `containers().run_stream`: a new container started with its output attached, read as it
//! comes; the exit code at the end.

use super::output::nonzero_exit;
use super::run::{PullPolicy, RunOptions};
use crate::api::{
    ContainerAttachOptions, ContainerCreateOptions, ContainerDeleteOptions, ContainerWaitOptions,
    Containers,
};
use crate::error::{Error, ErrorKind, Result};
use crate::{Docker, OutputStream, Payload};

/// A started container: read `output` to its end, then [`RunStream::wait`].
///
/// With `remove`, dropping it before `wait` deletes the container in the background.
#[derive(Debug)]
pub struct RunStream {
    /// The container's output, attached before it started.
    pub output: OutputStream,
    docker: Docker,
    id: String,
    remove: bool,
    check: bool,
    done: bool,
}

impl RunStream {
    /// The container's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Waits for the exit and answers its code (deleting the container with `remove`).
    /// With `check`, a non-zero code is a `NonZeroExit` error (without stderr: the caller
    /// read the output).
    pub async fn wait(mut self) -> Result<i64> {
        self.done = true;
        let waited = self
            .docker
            .containers()
            .wait(&self.id, ContainerWaitOptions::default())
            .await;
        if self.remove {
            let removed = delete(&self.docker, &self.id).await;
            // The wait's own error matters more than a failed cleanup.
            if waited.is_ok() {
                removed?;
            }
        }
        let waited = waited?;
        if let Some(message) = waited
            .error
            .and_then(|e| e.message)
            .filter(|m| !m.is_empty())
        {
            return Err(Error::new(ErrorKind::ServerError, message).with_operation("ContainerWait"));
        }
        let code = waited.status_code.unwrap_or_default();
        if self.check && code != 0 {
            return Err(nonzero_exit("the container", code, b"", "ContainerWait"));
        }
        Ok(code)
    }

    /// After a failure: the container is deleted (killed if running) when `remove` asks.
    pub(crate) async fn abandon(mut self) {
        self.done = true;
        if self.remove {
            let _ = delete(&self.docker, &self.id).await;
        }
    }
}

impl Drop for RunStream {
    fn drop(&mut self) {
        if self.done || !self.remove {
            return;
        }
        // No async drop: removal is spawned when a runtime is there to run it.
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            let (docker, id) = (self.docker.clone(), std::mem::take(&mut self.id));
            rt.spawn(async move {
                let _ = delete(&docker, &id).await;
            });
        }
    }
}

async fn delete(docker: &Docker, id: &str) -> Result<()> {
    let opts = ContainerDeleteOptions {
        force: Some(true),
        v: Some(true),
        ..Default::default()
    };
    docker.containers().delete(id, opts).await
}

impl Containers<'_> {
    /// Pulls `image` if the policy says so, creates the container, attaches its output (and
    /// stdin), starts it. Anything failing after the create deletes it when `remove` asks.
    pub async fn run_stream(
        &self,
        image: &str,
        cmd: &[&str],
        opts: RunOptions,
    ) -> Result<RunStream> {
        let docker = self.docker;
        ensure_image(docker, image, &opts).await?;
        let with_stdin = opts.stdin.is_some();
        let mut body = opts.body;
        // The engine's AutoRemove could delete the container before its exit code is read:
        // `run` removes it itself instead.
        let auto_remove = body
            .host_config
            .as_mut()
            .and_then(|h| h.auto_remove.take())
            .unwrap_or(false);
        let remove = opts.remove || auto_remove;
        body.image = Some(image.to_string());
        if !cmd.is_empty() {
            body.cmd = Some(cmd.iter().map(|s| s.to_string()).collect());
        }
        if !opts.env.is_empty() {
            body.env.get_or_insert_with(Vec::new).extend(opts.env);
        }
        if !opts.labels.is_empty() {
            body.labels
                .get_or_insert_with(Default::default)
                .extend(opts.labels);
        }
        body.working_dir = opts.workdir.or(body.working_dir);
        body.user = opts.user.or(body.user);
        body.tty = Some(opts.tty);
        body.attach_stdout = Some(true);
        body.attach_stderr = Some(true);
        body.attach_stdin = Some(with_stdin);
        body.open_stdin = Some(with_stdin);
        // The engine closes the program's stdin when our side half-closes.
        body.stdin_once = Some(with_stdin);
        let create = ContainerCreateOptions {
            name: opts.name,
            platform: opts.pull_options.platform.clone(),
        };
        let id = docker
            .containers()
            .create(body, create)
            .await?
            .id
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Decode,
                    "the engine created a container but sent no id",
                )
                .with_operation("ContainerCreate")
            })?;
        match attach_and_start(docker, &id, opts.stdin).await {
            Ok(output) => Ok(RunStream {
                output,
                docker: docker.clone(),
                id,
                remove,
                check: opts.check,
                done: false,
            }),
            Err(e) => {
                if remove {
                    let _ = delete(docker, &id).await;
                }
                Err(e)
            }
        }
    }
}

async fn attach_and_start(
    docker: &Docker,
    id: &str,
    stdin: Option<bytes::Bytes>,
) -> Result<OutputStream> {
    let attach = ContainerAttachOptions {
        stream: Some(true),
        stdout: Some(true),
        stderr: Some(true),
        stdin: Some(stdin.is_some()),
        ..Default::default()
    };
    let output = match stdin {
        // Written as the output is read, then half-closed.
        Some(data) => docker
            .containers()
            .attach_stdin(id, attach)
            .await?
            .send_stdin(Payload::from_bytes(data)),
        None => docker.containers().attach(id, attach).await?,
    };
    docker.containers().start(id, Default::default()).await?;
    Ok(output)
}

/// Pulls `image` when the policy asks: always, or when the engine does not have it.
async fn ensure_image(docker: &Docker, image: &str, opts: &RunOptions) -> Result<()> {
    let images = docker.images();
    let pull = || images.pull(image, opts.pull_options.clone());
    match opts.pull {
        PullPolicy::Never => Ok(()),
        PullPolicy::Always => pull().await.map(drop),
        // Asked as given, so an image id or a short name finds what the engine has.
        PullPolicy::Missing => match images.inspect(image).await {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => pull().await.map(drop),
            Err(e) => Err(e),
        },
    }
}
