//! Stored credentials against the real registry (127.0.0.1:5000, htpasswd): `push_image` and
//! `pull` with credentials from a config file's `auths` and from a credential helper; wrong or
//! no credentials are `Unauthorized`; `POST /auth` login. Skipped, saying why, without the
//! project's registry.

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use common::{registry, unique, IMAGE};
use docker_engine_api::api::{ImageTagOptions, SystemAuthOptions};
use docker_engine_api::helpers::{PullOptions, PushOptions};
use docker_engine_api::models::AuthConfig;
use docker_engine_api::{Credentials, Docker, ErrorKind, RegistryAuth};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn client(credentials: Credentials) -> Docker {
    let host = common::main_host().expect("an engine address");
    Docker::builder()
        .host(host)
        .credentials(credentials)
        .build()
        .unwrap()
}

/// A config folder whose `auths` hold `user:password` for `addr`.
fn auths_config(dir: &Path, addr: &str, user: &str, password: &str) -> Credentials {
    let auth = STANDARD.encode(format!("{user}:{password}"));
    let json = format!(r#"{{"auths": {{"http://{addr}": {{"auth": "{auth}"}}}}}}"#);
    std::fs::write(dir.join("config.json"), json).unwrap();
    Credentials::from_dir(dir)
}

/// A config folder whose `credHelpers` send `addr` to a helper executable answering for it.
fn helper_config(dir: &Path, auth: &RegistryAuth, addr: &str) -> Credentials {
    let answer =
        serde_json::json!({"ServerURL": addr, "Username": auth.username, "Secret": auth.password});
    let script = format!(
        "#!/bin/sh\nread -r s\n[ \"$s\" = '{addr}' ] && printf '%s' '{answer}' && exit 0\n\
         echo 'credentials not found in native keychain'; exit 1\n"
    );
    let helper = dir.join("docker-credential-dea-test");
    std::fs::write(&helper, script).unwrap();
    std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let json = format!(r#"{{"credHelpers": {{"{addr}": "dea-test"}}}}"#);
    std::fs::write(dir.join("config.json"), json).unwrap();
    Credentials::from_dir(dir).helper_dirs(vec![dir.to_path_buf()])
}

async fn tagged(docker: &Docker, addr: &str) -> String {
    let repo = format!("{addr}/{}/busybox", unique("dea-creds"));
    let opts = ImageTagOptions {
        repo: Some(repo.clone()),
        tag: Some("v1".into()),
    };
    docker.images().tag(IMAGE, opts).await.unwrap();
    format!("{repo}:v1")
}

async fn untag(docker: &Docker, reference: &str) {
    let _ = docker.images().delete(reference, Default::default()).await;
}

#[tokio::test]
async fn push_with_auths_then_pull_with_a_helper() {
    let Some((addr, auth)) = registry() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (user, password) = (
        auth.username.clone().unwrap(),
        auth.password.clone().unwrap(),
    );
    let pusher = client(auths_config(dir.path(), &addr, &user, &password));
    let reference = tagged(&pusher, &addr).await;
    let pushed = pusher
        .images()
        .push_image(&reference, PushOptions::default())
        .await;
    untag(&pusher, &reference).await;
    let pushed = pushed.unwrap();
    assert_eq!(pushed.tag, "v1");
    assert!(pushed.digest.starts_with("sha256:"), "{pushed:?}");

    let dir2 = tempfile::tempdir().unwrap();
    let puller = client(helper_config(dir2.path(), &auth, &addr));
    let inspect = puller
        .images()
        .pull(&reference, PullOptions::default())
        .await;
    untag(&puller, &reference).await;
    let digests = inspect.unwrap().repo_digests.unwrap_or_default();
    assert!(
        digests.iter().any(|d| d.ends_with(&pushed.digest)),
        "{digests:?} vs {pushed:?}"
    );
}

#[tokio::test]
async fn wrong_stored_or_no_credentials_are_unauthorized() {
    let Some((addr, auth)) = registry() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let user = auth.username.clone().unwrap();
    let wrong = client(auths_config(dir.path(), &addr, &user, "not-the-password"));
    let reference = tagged(&wrong, &addr).await;
    let with_wrong = wrong
        .images()
        .push_image(&reference, PushOptions::default())
        .await;
    let none = client(Credentials::none());
    let with_none = none
        .images()
        .push_image(&reference, PushOptions::default())
        .await;
    untag(&none, &reference).await;
    for (what, result) in [("wrong", with_wrong), ("none", with_none)] {
        let e = result.expect_err(what);
        assert_eq!(e.kind(), ErrorKind::Unauthorized, "{what}: {e}");
        assert!(!format!("{e} {e:?}").contains("not-the-password"), "{e:?}");
    }
}

#[tokio::test]
async fn login_answers_status_or_unauthorized() {
    let Some((addr, auth)) = registry() else {
        return;
    };
    let docker = client(Credentials::none());
    let login = |password: Option<String>| SystemAuthOptions {
        body: Some(AuthConfig {
            username: auth.username.clone(),
            password,
            serveraddress: Some(addr.clone()),
            ..Default::default()
        }),
    };
    let ok = docker
        .system()
        .auth(login(auth.password.clone()))
        .await
        .unwrap();
    assert_eq!(ok.status.as_deref(), Some("Login Succeeded"));
    let e = docker
        .system()
        .auth(login(Some("not-the-password".into())))
        .await
        .expect_err("wrong password");
    assert_eq!(e.kind(), ErrorKind::Unauthorized, "{e}");
    assert!(!format!("{e} {e:?}").contains("not-the-password"), "{e:?}");
}
