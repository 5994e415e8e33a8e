//! Stored credentials as the Docker CLI keeps them: `auths`, `credsStore`, `credHelpers` with
//! the helper protocol (a real helper executable, written by the test), registry name
//! matching, and no secret in any message. No engine needed.

use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use base64::Engine;
use docker_engine_api::auth::{registry_config_header, DOCKER_HUB_KEY};
use docker_engine_api::{Credentials, ErrorKind};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const SECRET: &str = "s3cr+t/pa55?~";

fn write_config(dir: &Path, json: &str) {
    std::fs::write(dir.join("config.json"), json).unwrap();
}

/// `docker-credential-NAME` answering `answer` for `server`, "not found" otherwise.
fn write_helper(dir: &Path, name: &str, server: &str, answer: &str) {
    let script = format!(
        "#!/bin/sh\n[ \"$1\" = get ] || exit 3\nread -r server\n\
         if [ \"$server\" = '{server}' ]; then printf '%s' '{answer}'; exit 0; fi\n\
         echo 'credentials not found in native keychain'; exit 1\n"
    );
    let path = dir.join(format!("docker-credential-{name}"));
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn creds(dir: &Path) -> Credentials {
    Credentials::from_dir(dir).helper_dirs(vec![dir.to_path_buf()])
}

fn auth_field(user: &str, pass: &str) -> String {
    STANDARD.encode(format!("{user}:{pass}"))
}

#[tokio::test]
async fn auths_match_by_host_and_port_and_docker_hub_aliases() {
    let dir = tempfile::tempdir().unwrap();
    write_config(
        dir.path(),
        &format!(
            r#"{{"auths": {{
                "https://127.0.0.1:5000/v2/": {{"auth": "{}"}},
                "{DOCKER_HUB_KEY}": {{"auth": "{}"}},
                "mail.example": {{"email": "only@example"}}}}}}"#,
            auth_field("local", SECRET),
            auth_field("hub", SECRET)
        ),
    );
    let c = creds(dir.path());
    let local = c.for_registry("127.0.0.1:5000").await.unwrap().unwrap();
    assert_eq!(local.username.as_deref(), Some("local"));
    assert_eq!(local.password.as_deref(), Some(SECRET));
    assert!(c.for_registry("127.0.0.1:5001").await.unwrap().is_none());
    for hub in ["docker.io", "index.docker.io", "registry-1.docker.io"] {
        let a = c.for_registry(hub).await.unwrap().unwrap();
        assert_eq!(a.username.as_deref(), Some("hub"), "{hub}");
    }
    // An entry without a secret is no credential.
    assert!(c.for_registry("mail.example").await.unwrap().is_none());
    assert!(!format!("{local:?}").contains(SECRET));
}

#[tokio::test]
async fn cred_helpers_win_over_auths_and_tokens_are_identity_tokens() {
    let dir = tempfile::tempdir().unwrap();
    write_config(
        dir.path(),
        &format!(
            r#"{{"auths": {{"127.0.0.1:5000": {{"auth": "{}"}}, "ghcr.io": {{"auth": "{}"}}}},
                "credHelpers": {{"127.0.0.1:5000": "dea-a", "ghcr.io": "dea-b"}}}}"#,
            auth_field("from-file", "x"),
            auth_field("from-file", "y")
        ),
    );
    write_helper(
        dir.path(),
        "dea-a",
        "127.0.0.1:5000",
        &format!(
            r#"{{"ServerURL":"127.0.0.1:5000","Username":"helper-user","Secret":"{SECRET}"}}"#
        ),
    );
    write_helper(
        dir.path(),
        "dea-b",
        "ghcr.io",
        r#"{"ServerURL":"ghcr.io","Username":"<token>","Secret":"tok-123"}"#,
    );
    let c = creds(dir.path());
    let a = c.for_registry("127.0.0.1:5000").await.unwrap().unwrap();
    assert_eq!(
        (a.username.as_deref(), a.password.as_deref()),
        (Some("helper-user"), Some(SECRET))
    );
    let b = c.for_registry("ghcr.io").await.unwrap().unwrap();
    assert_eq!(b.identitytoken.as_deref(), Some("tok-123"));
    assert!(b.username.is_none() && b.password.is_none());

    // X-Registry-Config for a build: every registry, base64url JSON keyed as in the file.
    let all = c.all().await.unwrap();
    let header = registry_config_header(&all).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&URL_SAFE.decode(header).unwrap()).unwrap();
    assert_eq!(json["127.0.0.1:5000"]["username"], "helper-user");
    assert_eq!(json["ghcr.io"]["identitytoken"], "tok-123");
    assert!(registry_config_header(&Default::default()).is_none());
}

#[tokio::test]
async fn a_store_that_has_nothing_falls_back_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write_config(
        dir.path(),
        &format!(
            r#"{{"credsStore": "dea-store", "auths": {{"reg.example": {{"auth": "{}"}}}}}}"#,
            auth_field("file-user", SECRET)
        ),
    );
    write_helper(
        dir.path(),
        "dea-store",
        DOCKER_HUB_KEY,
        r#"{"ServerURL":"x","Username":"hub-user","Secret":"hub-secret"}"#,
    );
    let c = creds(dir.path());
    // Docker Hub is asked for under its legacy key.
    let hub = c.for_registry("docker.io").await.unwrap().unwrap();
    assert_eq!(hub.username.as_deref(), Some("hub-user"));
    assert_eq!(hub.serveraddress.as_deref(), Some(DOCKER_HUB_KEY));
    let file = c.for_registry("reg.example").await.unwrap().unwrap();
    assert_eq!(file.username.as_deref(), Some("file-user"));
    assert!(c.for_registry("other.example").await.unwrap().is_none());
}

#[tokio::test]
async fn failing_or_missing_helpers_are_clear_errors_without_secrets() {
    let dir = tempfile::tempdir().unwrap();
    write_config(
        dir.path(),
        r#"{"credHelpers": {"a.example": "dea-garbage", "b.example": "dea-missing",
                            "c.example": "dea-fails", "d.example": "../evil"}}"#,
    );
    // Prints something that is not the protocol's JSON and holds the secret.
    write_helper(
        dir.path(),
        "dea-garbage",
        "a.example",
        &format!("oops {SECRET}"),
    );
    let fails = dir.path().join("docker-credential-dea-fails");
    std::fs::write(&fails, "#!/bin/sh\necho 'keychain locked' >&2\nexit 2\n").unwrap();
    std::fs::set_permissions(&fails, std::fs::Permissions::from_mode(0o755)).unwrap();
    let c = creds(dir.path());
    for (registry, says) in [
        ("a.example", "not the JSON"),
        ("b.example", "not found"),
        ("c.example", "keychain locked"),
        ("d.example", "not a helper name"),
    ] {
        let e = c.for_registry(registry).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{registry}: {e}");
        let text = e.to_string();
        assert!(
            text.contains(says) && text.contains(registry),
            "{registry}: {text}"
        );
        assert!(!text.contains(SECRET), "{text}");
    }
}

#[tokio::test]
async fn no_config_means_no_credentials_and_docker_config_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    assert!(creds(dir.path())
        .for_registry("docker.io")
        .await
        .unwrap()
        .is_none());
    assert!(Credentials::none()
        .for_registry("docker.io")
        .await
        .unwrap()
        .is_none());
    assert_eq!(Credentials::none().config_path(), None);
    // The only test of this binary that touches the environment.
    std::env::set_var("DOCKER_CONFIG", dir.path());
    assert_eq!(
        Credentials::from_env().config_path(),
        Some(dir.path().join("config.json"))
    );
    write_config(
        dir.path(),
        &format!(
            r#"{{"auths": {{"q.example": {{"auth": "{}"}}}}}}"#,
            auth_field("env", "p")
        ),
    );
    let a = Credentials::from_env()
        .for_registry("q.example")
        .await
        .unwrap();
    assert_eq!(a.unwrap().username.as_deref(), Some("env"));
}
