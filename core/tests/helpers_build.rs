//! `build_from_dir` against the real engine: `.dockerignore` applied, the Dockerfile from a
//! subfolder, symlinks and modes kept, gzip, and the daemon's message on a failed build.

mod common;

use common::{docker, unique};
use docker_engine_api::api::ImageDeleteOptions;
use docker_engine_api::helpers::{build_context_tar, BuildDirOptions, BuildOutput};
use docker_engine_api::{Docker, ErrorKind};
use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;

/// A context that exercises every rule: ignored files and folders, a re-included file in an
/// ignored folder, an ignored Dockerfile folder and `.dockerignore` (both sent anyway).
fn make_context(dir: &Path, dockerfile: &str) {
    let w = |p: &str, text: &str| {
        let path = dir.join(p);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    w("keep.txt", "kept\n");
    w("secret.txt", "must not be sent\n");
    w("logs/a.log", "ignored\n");
    w("logs/keep.log", "re-included\n");
    w("node_modules/pkg/index.js", "ignored folder\n");
    w("src/deep/x.tmp", "ignored by **\n");
    w("src/deep/y.rs", "kept\n");
    w("run.sh", "#!/bin/sh\necho hi\n");
    fs::set_permissions(dir.join("run.sh"), fs::Permissions::from_mode(0o751)).unwrap();
    symlink("keep.txt", dir.join("link")).unwrap();
    w(
        ".dockerignore",
        "# rules\nsecret.txt\nlogs\n!logs/keep.log\nnode_modules\n**/*.tmp\ndocker\n.dockerignore\n",
    );
    w("docker/app.Dockerfile", dockerfile);
}

const LISTING: &str = "FROM busybox:latest\nCOPY . /ctx\n\
RUN cd /ctx && find . | sort | sed 's/^/F /' && stat -c 'M %a %n' run.sh && echo \"L $(readlink link)\"\n";

async fn remove_image(docker: &Docker, id: &str) {
    let _ = docker
        .images()
        .delete(
            id,
            ImageDeleteOptions {
                force: Some(true),
                ..Default::default()
            },
        )
        .await;
}

fn lines_with<'a>(out: &'a BuildOutput, prefix: &str) -> Vec<&'a str> {
    out.log
        .iter()
        .filter_map(|l| l.strip_prefix(prefix))
        .collect()
}

async fn build_and_check(gzip: bool) {
    let docker = docker();
    let tmp = tempfile::tempdir().unwrap();
    make_context(tmp.path(), LISTING);
    let tag = format!("dea-helpers/{}:latest", unique("build"));
    let out = docker
        .images()
        .build_from_dir(
            tmp.path(),
            BuildDirOptions {
                dockerfile: Some("docker/app.Dockerfile".into()),
                tag: Some(tag.clone()),
                labels: [("dea.test".to_string(), "1".to_string())].into(),
                gzip,
                // The gzip and plain tests build the same context in parallel: a cached RUN
                // step prints nothing, and the listing below comes from its output.
                nocache: true,
                ..Default::default()
            },
        )
        .await
        .unwrap_or_else(|e| panic!("build failed: {e}"));
    let inspect = docker.images().inspect(&tag).await.unwrap();
    assert_eq!(inspect.id.as_deref(), Some(out.image_id.as_str()));
    remove_image(&docker, &out.image_id).await;

    let files = lines_with(&out, "F ./");
    // The classic builder applies `.dockerignore` again on its side and drops the ignored
    // Dockerfile and `.dockerignore` from COPY: that they were sent is shown by the build
    // working at all and, entry by entry, by `the_context_archive_is_exactly_what_docker_sends`.
    let want = [
        "docker",
        "keep.txt",
        "link",
        "logs",
        "logs/keep.log",
        "run.sh",
        "src",
        "src/deep",
        "src/deep/y.rs",
    ];
    assert_eq!(files, want, "log:\n{}", out.log.join("\n"));
    assert_eq!(lines_with(&out, "M "), ["751 run.sh"], "mode kept");
    assert_eq!(
        lines_with(&out, "L "),
        ["keep.txt"],
        "symlink kept as a symlink"
    );
}

#[tokio::test]
async fn builds_a_folder_with_dockerignore() {
    build_and_check(false).await;
}

#[tokio::test]
async fn builds_a_gzipped_context() {
    build_and_check(true).await;
}

#[tokio::test]
async fn a_failed_build_raises_the_daemons_message() {
    let docker = docker();
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("Dockerfile"),
        "FROM busybox:latest\nCOPY missing.txt /\n",
    )
    .unwrap();
    let err = docker
        .images()
        .build_from_dir(tmp.path(), BuildDirOptions::default())
        .await
        .expect_err("COPY of a missing file must fail");
    assert_eq!(err.kind(), ErrorKind::Stream, "{err}");
    assert_eq!(err.operation(), Some("ImageBuild"));
    assert!(err.message().contains("missing.txt"), "{err}");
}

#[tokio::test]
async fn a_failed_run_step_leaves_no_intermediate_container() {
    let docker = docker();
    let tmp = tempfile::tempdir().unwrap();
    let marker = unique("dea-failed-step");
    fs::write(
        tmp.path().join("Dockerfile"),
        format!("FROM busybox:latest\nRUN echo {marker} && exit 3\n"),
    )
    .unwrap();
    let err = docker
        .images()
        .build_from_dir(tmp.path(), BuildDirOptions::default())
        .await
        .expect_err("RUN exit 3 must fail");
    assert_eq!(err.kind(), ErrorKind::Stream, "{err}");
    let all = docker
        .containers()
        .list(docker_engine_api::api::ContainerListOptions {
            all: Some(true),
            ..Default::default()
        })
        .await
        .unwrap();
    let left: Vec<_> = all
        .iter()
        .filter(|c| c.command.as_deref().unwrap_or("").contains(&marker))
        .collect();
    assert!(left.is_empty(), "intermediate containers left: {left:?}");
}

#[tokio::test]
async fn a_missing_dockerfile_is_refused_before_sending() {
    let docker = docker();
    let tmp = tempfile::tempdir().unwrap();
    let err = docker
        .images()
        .build_from_dir(tmp.path(), BuildDirOptions::default())
        .await
        .expect_err("no Dockerfile");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    let err = docker
        .images()
        .build_from_dir(
            tmp.path(),
            BuildDirOptions {
                dockerfile: Some("../Dockerfile".into()),
                ..Default::default()
            },
        )
        .await
        .expect_err("a Dockerfile outside the context");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
}

#[test]
fn the_context_archive_is_exactly_what_docker_sends() {
    let tmp = tempfile::tempdir().unwrap();
    make_context(tmp.path(), LISTING);
    for gzip in [false, true] {
        let bytes =
            build_context_tar(tmp.path(), Some("docker/app.Dockerfile"), Vec::new(), gzip).unwrap();
        let reader: Box<dyn std::io::Read> = if gzip {
            assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip magic");
            Box::new(flate2::read::GzDecoder::new(&bytes[..]))
        } else {
            Box::new(&bytes[..])
        };
        let mut archive = tar::Archive::new(reader);
        let entries: Vec<(String, tar::EntryType, u32, Option<String>)> = archive
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let h = e.header();
                (
                    e.path().unwrap().display().to_string(),
                    h.entry_type(),
                    h.mode().unwrap(),
                    e.link_name().unwrap().map(|l| l.display().to_string()),
                )
            })
            .collect();
        let names: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
        // Byte order of names; ignored folders skipped, except `logs` (for `!logs/keep.log`,
        // whose folder entry stays out) and `docker` (for the Dockerfile, always sent).
        assert_eq!(
            names,
            [
                ".dockerignore",
                "docker/app.Dockerfile",
                "keep.txt",
                "link",
                "logs/keep.log",
                "run.sh",
                "src/",
                "src/deep/",
                "src/deep/y.rs",
            ]
        );
        let run = entries.iter().find(|e| e.0 == "run.sh").unwrap();
        assert_eq!(run.2 & 0o7777, 0o751);
        let link = entries.iter().find(|e| e.0 == "link").unwrap();
        assert_eq!(link.1, tar::EntryType::Symlink);
        assert_eq!(link.3.as_deref(), Some("keep.txt"));
        // Same folder, same bytes: the archive is deterministic.
        let again =
            build_context_tar(tmp.path(), Some("docker/app.Dockerfile"), Vec::new(), gzip).unwrap();
        assert_eq!(bytes, again);
    }
}

#[test]
fn names_that_are_not_utf8_are_sent_as_they_are() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("Dockerfile"), "FROM scratch\n").unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9");
    fs::create_dir(tmp.path().join(odd)).unwrap();
    fs::write(tmp.path().join(odd).join(odd), "latin-1 name").unwrap();
    let bytes = build_context_tar(tmp.path(), None, Vec::new(), false).unwrap();
    let mut archive = tar::Archive::new(&bytes[..]);
    let names: Vec<Vec<u8>> = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path_bytes().into_owned())
        .collect();
    assert!(names.contains(&b"caf\xe9/".to_vec()), "{names:?}");
    assert!(names.contains(&b"caf\xe9/caf\xe9".to_vec()), "{names:?}");
}
