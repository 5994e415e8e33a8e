//! `copy_to` / `copy_from` against the real engine: a folder with a symlink and modes goes
//! into a container and comes back identical; a single file; errors of the daemon.

mod common;

use common::{docker, unique, IMAGE};
use docker_engine_api::api::{
    ContainerCreateOptions, ContainerDeleteOptions, ContainerStartOptions,
};
use docker_engine_api::models::ContainerCreateBody;
use docker_engine_api::{Docker, ErrorKind};
use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};

/// A running busybox that sleeps; removed by `remove`.
async fn sleeper(docker: &Docker) -> String {
    let body = ContainerCreateBody {
        image: Some(IMAGE.into()),
        cmd: Some(vec!["sleep".into(), "300".into()]),
        ..Default::default()
    };
    let opts = ContainerCreateOptions {
        name: Some(unique("dea-copy")),
        ..Default::default()
    };
    let id = docker
        .containers()
        .create(body, opts)
        .await
        .unwrap()
        .id
        .expect("an id");
    docker
        .containers()
        .start(&id, ContainerStartOptions::default())
        .await
        .unwrap();
    id
}

async fn remove(docker: &Docker, id: &str) {
    let _ = docker
        .containers()
        .delete(
            id,
            ContainerDeleteOptions {
                force: Some(true),
                ..Default::default()
            },
        )
        .await;
}

#[tokio::test]
async fn a_folder_goes_in_and_comes_back_identical() {
    let docker = docker();
    let id = sleeper(&docker).await;
    let src = tempfile::tempdir().unwrap();
    let site = src.path().join("site");
    fs::create_dir_all(site.join("a/b")).unwrap();
    fs::write(site.join("index.html"), "<h1>hi</h1>").unwrap();
    // Bigger than one 64 KiB chunk of the pipe, and not a multiple of 512.
    let big: Vec<u8> = (0..300_001u32).map(|i| (i % 251) as u8).collect();
    fs::write(site.join("a/b/big.bin"), &big).unwrap();
    fs::write(site.join("a/tool"), "#!/bin/sh\n").unwrap();
    fs::set_permissions(site.join("a/tool"), fs::Permissions::from_mode(0o750)).unwrap();
    symlink("b/big.bin", site.join("a/link")).unwrap();

    let result = async {
        docker.containers().copy_to(&id, &site, "/").await?;
        docker
            .containers()
            .copy_to(&id, site.join("index.html"), "/site/a")
            .await?;
        let back = tempfile::tempdir().unwrap();
        docker
            .containers()
            .copy_from(&id, "/site", back.path())
            .await?;
        docker
            .containers()
            .copy_from(&id, "/site/a/index.html", back.path().join("single"))
            .await?;
        Ok::<_, docker_engine_api::Error>(back)
    }
    .await;
    remove(&docker, &id).await;
    let back = result.unwrap_or_else(|e| panic!("copy failed: {e}"));

    let got = back.path().join("site");
    assert_eq!(fs::read(got.join("index.html")).unwrap(), b"<h1>hi</h1>");
    assert_eq!(fs::read(got.join("a/b/big.bin")).unwrap(), big);
    let mode = fs::metadata(got.join("a/tool"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o750);
    assert_eq!(
        fs::read_link(got.join("a/link")).unwrap().to_str(),
        Some("b/big.bin")
    );
    assert_eq!(
        fs::read(back.path().join("single/index.html")).unwrap(),
        b"<h1>hi</h1>"
    );
}

#[tokio::test]
async fn daemon_errors_are_typed() {
    let docker = docker();
    let id = sleeper(&docker).await;
    let back = tempfile::tempdir().unwrap();
    let missing = docker
        .containers()
        .copy_from(&id, "/no/such/path", back.path())
        .await;
    let src = tempfile::tempdir().unwrap();
    fs::write(src.path().join("f"), "x").unwrap();
    let no_dir = docker
        .containers()
        .copy_to(&id, src.path().join("f"), "/no/such/dir")
        .await;
    remove(&docker, &id).await;

    let err = missing.expect_err("missing path in the container");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    let err = no_dir.expect_err("missing folder in the container");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert_eq!(err.operation(), Some("PutContainerArchive"));

    let err = docker
        .containers()
        .copy_to("whatever", src.path().join("nope"), "/")
        .await
        .expect_err("missing host path");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
}
