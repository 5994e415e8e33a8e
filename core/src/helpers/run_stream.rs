//! `containers().run_stream`: a new container started with its output attached, read as it
//! comes; the exit code at the end.

use super::output::{nonzero_exit, refuse_tty_stdin};
use super::run::{PullPolicy, RunOptions};
use crate::api::{
    ContainerAttachOptions, ContainerCreateOptions, ContainerDeleteOptions, ContainerWaitOptions,
    Containers,
};
use crate::error::{Error, ErrorKind, Result};
use crate::models::{ContainerCreateBody, ContainerCreateResponse};
use crate::{Docker, OutputStream, Payload};

/// A started container: read `output` to its end, then [`RunStream::wait`].
///
/// With `remove`, dropping it before `wait` has finished deletes the container in the
/// background.
#[derive(Debug)]
pub struct RunStream {
    /// The container's output, attached before it started.
    pub output: OutputStream,
    guard: RemoveGuard,
    check: bool,
}

/// Deletes the container when dropped while armed: from the moment its id is known, a
/// cancelled `run` (a dropped future) or a failure leaves nothing behind when `remove` asks.
#[derive(Debug)]
struct RemoveGuard {
    docker: Docker,
    id: String,
    armed: bool,
}

impl RemoveGuard {
    /// Deletes now (killing it if running); disarmed once that is done.
    async fn remove_now(&mut self) -> Result<()> {
        let removed = delete(&self.docker, &self.id).await;
        self.armed = false;
        removed
    }
}

impl Drop for RemoveGuard {
    fn drop(&mut self) {
        if !self.armed {
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

/// Creates the container in a task of its own when `remove` asks: a `run` cancelled while the
/// create is in flight would never learn the id of what the engine makes; the task does, and
/// deletes it when nobody is left to take the answer.
async fn create_removable(
    docker: &Docker,
    body: ContainerCreateBody,
    opts: ContainerCreateOptions,
) -> Result<ContainerCreateResponse> {
    let Ok(rt) = tokio::runtime::Handle::try_current() else {
        return docker.containers().create(body, opts).await;
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    let docker = docker.clone();
    rt.spawn(async move {
        let created = docker.containers().create(body, opts).await;
        if let Err(Ok(orphan)) = tx.send(created) {
            if let Some(id) = orphan.id {
                let _ = delete(&docker, &id).await;
            }
        }
    });
    rx.await.unwrap_or_else(|_| {
        Err(Error::new(
            ErrorKind::Cancelled,
            "the create task ended without an answer",
        )
        .with_operation("ContainerCreate"))
    })
}

impl RunStream {
    /// The container's id.
    pub fn id(&self) -> &str {
        &self.guard.id
    }

    /// Waits for the exit and answers its code (deleting the container with `remove`).
    /// With `check`, a non-zero code is a `NonZeroExit` error (without stderr: the caller
    /// read the output).
    pub async fn wait(mut self) -> Result<i64> {
        let waited = self
            .guard
            .docker
            .containers()
            .wait(&self.guard.id, ContainerWaitOptions::default())
            .await;
        if self.guard.armed {
            let removed = self.guard.remove_now().await;
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
        if self.guard.armed {
            let _ = self.guard.remove_now().await;
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
        refuse_tty_stdin(opts.tty, opts.stdin.is_some(), "ContainerCreate")?;
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
        let created = if remove {
            create_removable(docker, body, create).await?
        } else {
            docker.containers().create(body, create).await?
        };
        let id = created.id.ok_or_else(|| {
            Error::new(
                ErrorKind::Decode,
                "the engine created a container but sent no id",
            )
            .with_operation("ContainerCreate")
        })?;
        let mut guard = RemoveGuard {
            docker: docker.clone(),
            id,
            armed: remove,
        };
        match attach_and_start(docker, &guard.id, opts.stdin).await {
            Ok(output) => Ok(RunStream {
                output,
                guard,
                check: opts.check,
            }),
            Err(e) => {
                if guard.armed {
                    let _ = guard.remove_now().await;
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
