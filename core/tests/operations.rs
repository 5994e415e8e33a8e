//! The generated operation table, typed API and dispatch, without an engine: what the table
//! says, that every group and its methods exist, and that dispatch refuses bad calls with
//! InvalidArgument (and version checks refuse young parameters) before anything is sent.

use docker_engine_api::api::{ContainerListOptions, ContainerStopOptions, ImageListOptions};
use docker_engine_api::operation::{BodyKind, ParamLocation, ParamType, ResponseKind};
use docker_engine_api::{
    dispatch, operation, ApiVersion, Docker, ErrorKind, Payload, VersionPolicy, OPERATIONS,
};
use serde_json::{json, Value};
use std::collections::HashSet;

/// A client whose socket does not exist: any call that reached the network would fail with
/// Connect, so an InvalidArgument or VersionUnsupported proves the call was refused first.
fn offline(version: VersionPolicy) -> Docker {
    Docker::builder()
        .host("unix:///nonexistent/docker-engine-api-test.sock")
        .version(version)
        .build()
        .unwrap()
}

fn v(major: u16, minor: u16) -> ApiVersion {
    ApiVersion::new(major, minor)
}

#[test]
fn every_operation_of_the_spec_once() {
    // The v1.45 spec has 107 operationIds (97 paths) in 15 tags.
    assert_eq!(OPERATIONS.len(), 107);
    let ids: HashSet<&str> = OPERATIONS.iter().map(|o| o.id).collect();
    assert_eq!(ids.len(), OPERATIONS.len(), "operation ids are unique");
    let groups: HashSet<&str> = OPERATIONS.iter().map(|o| o.group).collect();
    assert_eq!(groups.len(), 15);
    let methods: HashSet<(&str, &str)> = OPERATIONS
        .iter()
        .map(|o| (o.group, o.method_name))
        .collect();
    assert_eq!(
        methods.len(),
        OPERATIONS.len(),
        "method names are unique within a group"
    );
    assert_eq!(OPERATIONS[0].id, "ContainerList", "spec order");
}

#[test]
fn path_templates_and_path_params_match() {
    for op in OPERATIONS {
        let mut rest = op.path;
        while let Some(start) = rest.find('{') {
            let end = rest[start..].find('}').expect("closed placeholder") + start;
            let name = &rest[start + 1..end];
            let p = op
                .param(name)
                .unwrap_or_else(|| panic!("{}: no parameter for {{{name}}}", op.id));
            assert_eq!(p.location, ParamLocation::Path, "{}.{name}", op.id);
            assert!(p.required, "{}.{name}", op.id);
            rest = &rest[end + 1..];
        }
        for p in op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
        {
            assert!(
                op.path.contains(&format!("{{{}}}", p.name)),
                "{}: {} is not in {}",
                op.id,
                p.name,
                op.path
            );
        }
        assert!(
            op.params.iter().all(|p| p.since >= op.since),
            "{}: a parameter older than its operation",
            op.id
        );
    }
}

#[test]
fn lookup_by_id() {
    let op = operation("ContainerList").unwrap();
    assert_eq!(
        (op.group, op.method_name, op.method, op.path),
        ("Container", "list", "GET", "/containers/json")
    );
    let all = op.param("all").unwrap();
    assert_eq!(
        (all.location, all.ty, all.required, all.default),
        (
            ParamLocation::Query,
            ParamType::Boolean,
            false,
            Some("false")
        )
    );
    assert_eq!(op.param("filters").unwrap().ty, ParamType::Object);
    assert!(!op.param("filters").unwrap().description.is_empty());
    assert!(operation("ContainerFly").is_none());
    // Ids that do not start with their tag got their method names from the data file.
    assert_eq!(
        operation("PutContainerArchive").unwrap().method_name,
        "put_archive"
    );
    assert_eq!(operation("ContainerExec").unwrap().method_name, "create");
    assert_eq!(operation("ImageGetAll").unwrap().method_name, "get_all");
    assert_eq!(
        operation("SystemPingHead").unwrap().method_name,
        "ping_head"
    );
    assert_eq!(operation("Session").unwrap().method_name, "start");
}

#[test]
fn first_versions() {
    let param_since = |op: &str, p: &str| operation(op).unwrap().param(p).unwrap().since;
    let op_since = |op: &str| operation(op).unwrap().since;
    assert_eq!(param_since("ContainerStop", "signal"), v(1, 42));
    assert_eq!(param_since("ContainerRestart", "signal"), v(1, 42));
    assert_eq!(param_since("ImageList", "shared-size"), v(1, 42));
    assert_eq!(param_since("ContainerStats", "one-shot"), v(1, 41));
    assert_eq!(param_since("ContainerWait", "condition"), v(1, 30));
    assert_eq!(param_since("ContainerCreate", "platform"), v(1, 41));
    assert_eq!(param_since("ContainerStop", "t"), v(1, 24));
    assert_eq!(op_since("SystemDataUsage"), v(1, 25));
    assert_eq!(op_since("BuildPrune"), v(1, 31));
    assert_eq!(op_since("DistributionInspect"), v(1, 30));
    assert_eq!(op_since("ConfigCreate"), v(1, 30));
    assert_eq!(op_since("SecretList"), v(1, 25));
    assert_eq!(op_since("PluginList"), v(1, 25));
    assert_eq!(op_since("Session"), v(1, 39));
    assert_eq!(op_since("ContainerList"), v(1, 24));
}

#[test]
fn body_and_response_kinds() {
    let kinds = |id: &str| {
        let op = operation(id).unwrap();
        (op.body, op.response)
    };
    assert_eq!(kinds("ContainerList"), (BodyKind::None, ResponseKind::Json));
    assert_eq!(
        kinds("ContainerCreate"),
        (BodyKind::Json, ResponseKind::Json)
    );
    assert_eq!(
        kinds("ContainerStart"),
        (BodyKind::None, ResponseKind::Empty)
    );
    assert_eq!(kinds("SystemPing"), (BodyKind::None, ResponseKind::Text));
    assert_eq!(
        kinds("ContainerExport"),
        (BodyKind::None, ResponseKind::ByteStream)
    );
    assert_eq!(kinds("ImageGet").1, ResponseKind::ByteStream);
    assert_eq!(kinds("ImageGetAll").1, ResponseKind::ByteStream);
    assert_eq!(kinds("ContainerArchive").1, ResponseKind::ByteStream);
    for id in [
        "ContainerAttach",
        "ContainerLogs",
        "ExecStart",
        "ServiceLogs",
        "TaskLogs",
    ] {
        assert_eq!(kinds(id).1, ResponseKind::ContainerOutput, "{id}");
    }
    for id in [
        "SystemEvents",
        "ContainerStats",
        "ImageCreate",
        "ImagePush",
        "ImageBuild",
        "ImageLoad",
        "PluginPull",
    ] {
        assert_eq!(kinds(id).1, ResponseKind::JsonLines, "{id}");
    }
    assert_eq!(kinds("ContainerArchiveInfo").1, ResponseKind::PathStat);
    assert_eq!(kinds("ContainerAttachWebsocket").1, ResponseKind::Upgrade);
    assert_eq!(kinds("Session").1, ResponseKind::Upgrade);
    assert_eq!(kinds("PutContainerArchive").0, BodyKind::Tar);
    assert_eq!(kinds("ImageBuild").0, BodyKind::Tar);
    assert_eq!(kinds("ImageLoad").0, BodyKind::Tar);
    assert_eq!(kinds("ImageCreate").0, BodyKind::Bytes);
    // The client sets ImageBuild's Content-type itself.
    assert!(operation("ImageBuild")
        .unwrap()
        .param("Content-type")
        .is_none());
    let body = operation("ContainerExec")
        .unwrap()
        .param("execConfig")
        .unwrap();
    assert_eq!(
        (body.location, body.ty, body.required),
        (ParamLocation::Body, ParamType::Object, true)
    );
}

/// Every group accessor exists and its methods take what the table says. The futures are
/// made, never polled: nothing is sent.
#[test]
fn every_group_has_its_accessor() {
    let docker = offline(VersionPolicy::Pinned(ApiVersion::LATEST));
    drop(docker.containers().list(ContainerListOptions {
        all: Some(true),
        ..Default::default()
    }));
    drop(docker.containers().inspect("x", Default::default()));
    drop(docker.containers().put_archive(
        "x",
        "/tmp",
        Payload::from_bytes(Vec::new()),
        Default::default(),
    ));
    drop(docker.images().list(ImageListOptions::default()));
    drop(docker.images().build(None, Default::default()));
    drop(docker.images().build_prune(Default::default()));
    drop(docker.networks().list(Default::default()));
    drop(docker.volumes().list(Default::default()));
    drop(docker.exec().inspect("x"));
    drop(docker.swarm().inspect());
    drop(docker.nodes().list(Default::default()));
    drop(docker.services().list(Default::default()));
    drop(docker.tasks().list(Default::default()));
    drop(docker.secrets().list(Default::default()));
    drop(docker.configs().list(Default::default()));
    drop(docker.plugins().list(Default::default()));
    drop(
        docker
            .plugins()
            .get_privileges("vieux/sshfs", Default::default()),
    );
    drop(docker.system().ping());
    drop(docker.system().ping_head());
    drop(docker.distribution().inspect("busybox", Default::default()));
    drop(docker.session().start());
}

async fn dispatch_err(
    docker: &Docker,
    op: &str,
    args: Value,
    payload: Option<Payload>,
) -> docker_engine_api::Error {
    match dispatch(docker, op, args, payload).await {
        Ok(out) => panic!("{op} should have failed, got {out:?}"),
        Err(e) => e,
    }
}

#[tokio::test]
async fn dispatch_refuses_bad_calls_before_sending() {
    let docker = offline(VersionPolicy::Pinned(ApiVersion::LATEST));
    let e = dispatch_err(&docker, "ContainerFly", Value::Null, None).await;
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.message().contains("ContainerFly"), "{e}");

    let e = dispatch_err(&docker, "ContainerList", json!({"al": true}), None).await;
    assert_eq!(
        (e.kind(), e.operation()),
        (ErrorKind::InvalidArgument, Some("ContainerList"))
    );
    assert!(e.message().contains("`al`"), "{e}");

    let e = dispatch_err(&docker, "ContainerList", json!({"all": "yes"}), None).await;
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.message().contains("`all`"), "{e}");

    let e = dispatch_err(
        &docker,
        "ContainerList",
        json!({"filters": {"status": "running"}}),
        None,
    )
    .await;
    assert!(e.message().contains("`filters`"), "{e}");

    let e = dispatch_err(&docker, "ContainerInspect", json!({}), None).await;
    assert!(e.message().contains("`id` is required"), "{e}");

    let e = dispatch_err(
        &docker,
        "ContainerCreate",
        json!({"body": {"Image": 5}}),
        None,
    )
    .await;
    assert!(e.message().contains("`body`"), "{e}");

    let e = dispatch_err(&docker, "ContainerList", json!([1]), None).await;
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);

    let e = dispatch_err(
        &docker,
        "PutContainerArchive",
        json!({"id": "x", "path": "/"}),
        None,
    )
    .await;
    assert!(e.message().contains("payload"), "{e}");

    let e = dispatch_err(
        &docker,
        "ContainerList",
        Value::Null,
        Some(Payload::from_bytes(b"x".to_vec())),
    )
    .await;
    assert!(e.message().contains("payload"), "{e}");

    // A well-formed call does reach the network (and fails there, as nothing listens).
    let e = dispatch_err(
        &docker,
        "ContainerList",
        json!({"all": true, "filters": {"status": ["running"]}}),
        None,
    )
    .await;
    assert_eq!(e.kind(), ErrorKind::Connect);
}

#[tokio::test]
async fn young_parameters_are_refused_for_old_versions() {
    let docker = offline(VersionPolicy::Pinned(v(1, 41)));
    let opts = ContainerStopOptions {
        signal: Some("SIGINT".into()),
        ..Default::default()
    };
    let e = docker.containers().stop("x", opts).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::VersionUnsupported, "{e}");
    assert!(e.message().contains("signal"), "{e}");

    let e = dispatch_err(&docker, "ImageList", json!({"shared-size": true}), None).await;
    assert_eq!(e.kind(), ErrorKind::VersionUnsupported, "{e}");

    // Without the young parameter, the call goes out (and fails to connect).
    let e = docker
        .containers()
        .stop("x", Default::default())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
}
