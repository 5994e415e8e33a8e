//! `ssh://` against a real sshd (`make engines`: 127.0.0.1:12222, key authentication, the
//! docker CLI's `system dial-stdio` on the far side): calls, a hijacked exec with half-close,
//! one ssh process reused across sequential calls, and a refused key as a readable error.

mod common;

use docker_engine_api::{ConnectCause, Docker, ErrorKind, SshOptions};
use std::path::Path;

/// The ssh address and the options that reach it, or `None` after saying why.
fn ssh_engine() -> Option<(String, SshOptions)> {
    let mut vars = common::engine_vars();
    match (
        vars.remove("DEA_TEST_SSH_HOST"),
        vars.remove("DEA_TEST_SSH_KEY"),
        vars.remove("DEA_TEST_SSH_KNOWN_HOSTS"),
    ) {
        (Some(host), Some(key), Some(known)) => Some((host, options(Path::new(&key), &known))),
        _ => {
            common::no_engine("no DEA_TEST_SSH_HOST in engines.env (run `make engines`)".into());
            None
        }
    }
}

fn options(key: &Path, known_hosts: &str) -> SshOptions {
    let o = |s: &str| ["-o".to_string(), s.to_string()];
    let mut args = vec![
        "-F".into(),
        "/dev/null".into(),
        "-i".into(),
        key.display().to_string(),
    ];
    for opt in [
        "IdentitiesOnly=yes".to_string(),
        "BatchMode=yes".into(),
        "StrictHostKeyChecking=yes".into(),
        format!("UserKnownHostsFile={known_hosts}"),
    ] {
        args.extend(o(&opt));
    }
    SshOptions {
        args,
        ..Default::default()
    }
}

/// How many `ssh ... dial-stdio` processes this test process has started and still runs.
fn ssh_children() -> usize {
    let me = std::process::id().to_string();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
            let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
            // Field 4 of /proc/PID/stat is the parent pid (after "pid (comm) state").
            let ppid = stat
                .rsplit(')')
                .next()
                .and_then(|r| r.split_whitespace().nth(1));
            ppid == Some(me.as_str()) && String::from_utf8_lossy(&cmdline).contains("dial-stdio")
        })
        .count()
}

#[tokio::test]
async fn calls_and_a_hijacked_exec_go_through_one_reused_ssh() {
    let Some((host, ssh)) = ssh_engine() else {
        return;
    };
    let docker = Docker::builder().host(&host).ssh(ssh).build().unwrap();
    assert_eq!(docker.endpoint().to_string(), host);
    assert_eq!(docker.system().ping().await.unwrap(), "OK");
    for _ in 0..20 {
        docker.system().version().await.unwrap();
    }
    // Sequential calls share one pooled connection, so one ssh process.
    assert_eq!(ssh_children(), 1, "one ssh process for sequential calls");

    let out = common::exec_in_fresh_container(
        &docker,
        "ssh-exec",
        "cat; echo done >&2",
        b"through ssh\n",
    )
    .await;
    let out = out.unwrap();
    assert_eq!(out.exit_code, 0);
    assert_eq!(&out.stdout[..], b"through ssh\n");
    assert_eq!(&out.stderr[..], b"done\n");
}

#[tokio::test]
async fn a_refused_key_says_what_ssh_said() {
    let Some((host, _)) = ssh_engine() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let known = common::engine_vars()
        .remove("DEA_TEST_SSH_KNOWN_HOSTS")
        .unwrap();
    // A key the server does not know.
    let key = dir.path().join("other_key");
    let made = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(made.success());
    let docker = Docker::builder()
        .host(&host)
        .ssh(options(&key, &known))
        .build()
        .unwrap();
    let e = docker.system().ping().await.expect_err("refused key");
    // ssh never reached the engine: a connect error (not a broken stream), saying why.
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert_eq!(e.connect_cause(), Some(ConnectCause::Other), "{e}");
    assert!(e.message().contains("Permission denied"), "{e}");
}

#[tokio::test]
async fn a_refused_ssh_port_is_a_refused_connect_error() {
    let Some((_, opts)) = ssh_engine() else {
        return;
    };
    // A loopback port nothing listens on (bound, then released).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let docker = Docker::builder()
        .host(format!("ssh://nobody@127.0.0.1:{port}"))
        .ssh(opts)
        .build()
        .unwrap();
    let e = docker.system().ping().await.expect_err("nothing listens");
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert_eq!(e.connect_cause(), Some(ConnectCause::Refused), "{e}");
}

#[test]
fn ssh_addresses_are_checked() {
    for bad in [
        "ssh://",
        "ssh://-oProxyCommand=x",
        "ssh://u@-h",
        "ssh://h/path",
        "ssh://:pw@h",
    ] {
        let e = Docker::connect(bad).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}: {e}");
    }
    let d = Docker::connect("ssh://me@example.invalid:2200").unwrap();
    assert_eq!(d.endpoint().to_string(), "ssh://me@example.invalid:2200");
    let d = Docker::connect("ssh://example.invalid").unwrap();
    assert_eq!(d.endpoint().to_string(), "ssh://example.invalid");
}
