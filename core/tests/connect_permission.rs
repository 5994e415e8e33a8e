//! A socket this user may not open gives `Connect` with cause `PermissionDenied`, distinct from
//! a missing socket or a refused port (those two are shared cases in tests/cases/errors.json).
//!
//! Root may open any socket, so as root the check runs in a child process that has dropped to
//! `nobody` with `setpriv` (util-linux).

use docker_engine_api::{ConnectCause, Docker, ErrorKind};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::UnixListener;
use std::path::Path;
use std::process::Command;

const CHILD_ENV: &str = "DEA_PERMISSION_CHILD_SOCKET";

async fn assert_permission_denied(socket: &Path) {
    let docker = Docker::connect(&format!("unix://{}", socket.display())).unwrap();
    let err = docker
        .system()
        .ping()
        .await
        .expect_err("the socket must refuse us");
    assert_eq!(err.kind(), ErrorKind::Connect, "{err}");
    assert_eq!(
        err.connect_cause(),
        Some(ConnectCause::PermissionDenied),
        "{err}"
    );
    assert!(err.to_string().contains("permission denied"), "{err}");
    assert!(
        err.to_string().contains(&socket.display().to_string()),
        "{err}"
    );
}

#[tokio::test]
async fn permission_denied_socket_is_its_own_error() {
    let dir = std::env::temp_dir().join(format!("dea-perm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let socket = dir.join("engine.sock");
    let _ = std::fs::remove_file(&socket);
    let _listener = UnixListener::bind(&socket).unwrap();
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o600)).unwrap();

    let running_as_root = std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false);
    if running_as_root {
        // The same test binary, as nobody, runs only the ignored child test below.
        let me = std::env::current_exe().unwrap();
        let out = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(me)
            .args([
                "--exact",
                "child_connects_as_unprivileged_user",
                "--ignored",
                "--nocapture",
            ])
            .env(CHILD_ENV, &socket)
            .output()
            .expect("setpriv (util-linux) is needed to drop root for this test");
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "child failed:\n{text}");
        assert!(
            text.contains("1 passed"),
            "the child test did not run:\n{text}"
        );
    } else {
        std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o000)).unwrap();
        assert_permission_denied(&socket).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
#[ignore = "run by permission_denied_socket_is_its_own_error in a child that dropped root"]
async fn child_connects_as_unprivileged_user() {
    let socket = std::env::var(CHILD_ENV).expect("started by the parent test");
    assert_permission_denied(Path::new(&socket)).await;
}
