//! `images().pull` against the project's registry (127.0.0.1:5000, with a user): busybox is
//! pushed with credentials, its local tag removed, then pulled back. Skipped, saying why,
//! when tests/engines/engines.env names no registry.

mod common;

use common::{docker, registry, unique, IMAGE};
use docker_engine_api::api::ImagePushOptions;
use docker_engine_api::helpers::{PullOptions, RegistryAuth};
use docker_engine_api::{Docker, ErrorKind};
use futures_util::StreamExt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Pushes busybox as `REGISTRY/NAME:v1` and removes the local tag; answers the reference.
async fn pushed(docker: &Docker, addr: &str, auth: &RegistryAuth) -> String {
    let repo = format!("{addr}/{}/busybox", unique("dea-pull"));
    let tag = docker_engine_api::api::ImageTagOptions {
        repo: Some(repo.clone()),
        tag: Some("v1".into()),
    };
    docker.images().tag(IMAGE, tag).await.unwrap();
    let push = ImagePushOptions {
        tag: Some("v1".into()),
    };
    let mut progress = docker
        .images()
        .push(&repo, &auth.header_value(), push)
        .await
        .unwrap();
    while let Some(item) = progress.next().await {
        item.unwrap_or_else(|e| panic!("push of {repo}: {e}"));
    }
    let reference = format!("{repo}:v1");
    untag(docker, &reference).await;
    reference
}

async fn untag(docker: &Docker, reference: &str) {
    let _ = docker.images().delete(reference, Default::default()).await;
}

#[tokio::test]
async fn pushed_with_auth_then_pulled_back_with_auth() {
    let Some((addr, auth)) = registry() else {
        return;
    };
    let docker = docker();
    let reference = pushed(&docker, &addr, &auth).await;
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    let opts = PullOptions {
        auth: Some(auth),
        progress: Some(Arc::new(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        })),
        ..Default::default()
    };
    let inspect = docker.images().pull(&reference, opts).await;
    untag(&docker, &reference).await;
    let inspect = inspect.unwrap();
    let tags = inspect.repo_tags.unwrap_or_default();
    assert!(tags.contains(&reference), "{tags:?}");
    assert!(seen.load(Ordering::Relaxed) > 0, "no progress reported");
}

#[tokio::test]
async fn wrong_password_or_none_is_unauthorized_with_the_daemon_message() {
    let Some((addr, auth)) = registry() else {
        return;
    };
    let docker = docker();
    let reference = format!("{addr}/{}/busybox:v1", unique("dea-pull-pw"));
    let wrong = RegistryAuth {
        password: Some("not-the-password".into()),
        ..auth
    };
    let err = docker
        .images()
        .pull(
            &reference,
            PullOptions {
                auth: Some(wrong),
                ..Default::default()
            },
        )
        .await
        .expect_err("wrong password");
    assert_eq!(err.kind(), ErrorKind::Unauthorized, "{err}");
    assert!(err.message().contains("unauthorized"), "{err}");
    assert!(!format!("{err:?}").contains("not-the-password"));
    let err = docker
        .images()
        .pull(&reference, PullOptions::default())
        .await
        .expect_err("no credentials");
    assert_eq!(err.kind(), ErrorKind::Unauthorized, "{err}");
}

#[tokio::test]
async fn a_missing_image_is_not_found_with_the_daemon_message() {
    let Some((addr, auth)) = registry() else {
        return;
    };
    let docker = docker();
    let reference = format!("{addr}/{}/never-pushed:v9", unique("dea-pull-missing"));
    let err = docker
        .images()
        .pull(
            &reference,
            PullOptions {
                auth: Some(auth),
                ..Default::default()
            },
        )
        .await
        .expect_err("never pushed");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert!(err.message().contains("manifest unknown"), "{err}");
    assert!(err.message().contains("never-pushed:v9"), "{err}");
}

#[tokio::test]
async fn an_error_inside_the_stream_raises_the_daemon_message() {
    let Some((addr, auth)) = registry() else {
        return;
    };
    let docker = docker();
    let reference = pushed(&docker, &addr, &auth).await;
    // The engine pulls, then finds the platform wrong: an errorDetail in the 200 stream.
    let result = docker
        .images()
        .pull(
            &reference,
            PullOptions {
                auth: Some(auth),
                platform: Some("linux/s390x".into()),
                ..Default::default()
            },
        )
        .await;
    untag(&docker, &reference).await;
    let err = result.expect_err("wrong platform");
    assert_eq!(err.kind(), ErrorKind::Stream, "{err}");
    assert!(
        err.message()
            .contains("does not match the specified platform"),
        "{err}"
    );
}

#[tokio::test]
async fn a_malformed_reference_is_refused_before_sending() {
    let docker = docker();
    for bad in ["", "Upper/Case", "a b", "x:", "x@sha256:nothex"] {
        let err = docker
            .images()
            .pull(bad, PullOptions::default())
            .await
            .expect_err(bad);
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{bad}: {err}");
        assert_eq!(err.status(), None);
    }
}
