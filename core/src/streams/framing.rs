//! Deciding whether container output is multiplexed or raw: from the Content-Type where it
//! is conclusive, otherwise from the Tty setting of the container, exec, service or task.
//!
//! What engines send (observed on Docker 26.1 / API 1.45 and Docker 20.10 / API 1.41):
//! - `multiplexed-stream` is only ever sent for multiplexed output (API >= 1.42): conclusive;
//! - `raw-stream` is conclusive for logs and upgraded attach/exec at API >= 1.42;
//! - a plain (not upgraded) attach or exec start answers `raw-stream` whatever the TTY, and
//!   API 1.41 engines send `raw-stream` everywhere and no Content-Type at all for logs:
//!   there the Tty setting decides.

use super::output::Framing;
use crate::error::{Error, ErrorKind, Result};
use crate::generated::operations as ops;
use crate::version::ApiVersion;
use crate::Docker;
use serde_json::Value;

const MULTIPLEXED: &str = "application/vnd.docker.multiplexed-stream";
const RAW: &str = "application/vnd.docker.raw-stream";

/// The framing the Content-Type proves, if it proves one.
pub(crate) fn from_content_type(
    content_type: Option<&str>,
    operation: &str,
    version: ApiVersion,
    upgraded: bool,
) -> Option<Framing> {
    let media = content_type?.split(';').next()?.trim();
    if media.eq_ignore_ascii_case(MULTIPLEXED) {
        return Some(Framing::Multiplexed);
    }
    let is_logs = matches!(operation, "ContainerLogs" | "ServiceLogs" | "TaskLogs");
    if media.eq_ignore_ascii_case(RAW) && version >= ApiVersion::new(1, 42) && (is_logs || upgraded)
    {
        return Some(Framing::Raw);
    }
    None
}

/// Asks the engine whether the target of `operation` (container, exec, service or task `id`)
/// has a TTY.
pub(crate) async fn from_tty_setting(
    docker: &Docker,
    operation: &'static str,
    id: &str,
) -> Result<Framing> {
    let (op, pointer) = match operation {
        "ContainerLogs" | "ContainerAttach" => (&ops::CONTAINER_INSPECT, "/Config/Tty"),
        "ExecStart" => (&ops::EXEC_INSPECT, "/ProcessConfig/tty"),
        "ServiceLogs" => (
            &ops::SERVICE_INSPECT,
            "/Spec/TaskTemplate/ContainerSpec/TTY",
        ),
        "TaskLogs" => (&ops::TASK_INSPECT, "/Spec/ContainerSpec/TTY"),
        other => {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("{other} has no container output"),
            ))
        }
    };
    let mut req = docker.request(op);
    req.path_param("id", id);
    let info: Value = req.send_json().await.map_err(|e| {
        Error::new(
            e.kind(),
            format!(
                "cannot tell whether the output is multiplexed: {} failed: {}",
                op.id,
                e.message()
            ),
        )
    })?;
    // A missing setting means no TTY, as in the daemon.
    let tty = info
        .pointer(pointer)
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Ok(if tty {
        Framing::Raw
    } else {
        Framing::Multiplexed
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_is_trusted_only_where_it_is_conclusive() {
        let v45 = ApiVersion::new(1, 45);
        let v41 = ApiVersion::new(1, 41);
        let m = Some(MULTIPLEXED);
        let r = Some(RAW);
        assert_eq!(
            from_content_type(m, "ExecStart", v41, false),
            Some(Framing::Multiplexed)
        );
        assert_eq!(
            from_content_type(r, "ContainerLogs", v45, false),
            Some(Framing::Raw)
        );
        assert_eq!(
            from_content_type(r, "ExecStart", v45, true),
            Some(Framing::Raw)
        );
        assert_eq!(from_content_type(r, "ExecStart", v45, false), None);
        assert_eq!(from_content_type(r, "ContainerAttach", v45, false), None);
        assert_eq!(from_content_type(r, "ContainerLogs", v41, false), None);
        assert_eq!(from_content_type(None, "ContainerLogs", v45, false), None);
    }
}
