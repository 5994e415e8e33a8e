//! The generated models against real engine answers: open schema (unknown fields kept, unknown
//! enum values kept), nulls, and request bodies that carry only what was set.

use docker_engine_api::api::{ContainerListOptions, ImageListOptions};
use docker_engine_api::models::{
    ContainerCreateBody, ContainerInspectResponse, ContainerStateStatus, ContainerSummary,
    HostConfig, MountType, PortType, RestartPolicy, RestartPolicyName,
};
use serde_json::{json, Value};

/// `GET /containers/{id}/json` of a busybox container on Docker 26 (API 1.45), trimmed, plus
/// a field no spec has (`FutureField`, `State.Checkpointed`) and a state no spec has
/// (`hibernating`).
fn inspect_json() -> Value {
    json!({
        "Id": "06425afd46e53264adc8f54283c60e23f573bd6c06c581e3abcda43c39245cc9",
        "Created": "2026-12-03T19:57:36.185670175Z",
        "Path": "true",
        "Args": [],
        "State": {
            "Status": "hibernating",
            "Running": false,
            "Paused": false,
            "Restarting": false,
            "OOMKilled": false,
            "Dead": false,
            "Pid": 0,
            "ExitCode": 0,
            "Error": "",
            "StartedAt": "0001-01-01T00:00:00Z",
            "FinishedAt": "0001-01-01T00:00:00Z",
            "Checkpointed": true
        },
        "Image": "sha256:3c2376f9f09255b0c0bc06c9c9e16b8c4d416c93ca964d6ea3eea48200a59d17",
        "Name": "/dea-shape",
        "RestartCount": 0,
        "Driver": "overlay2",
        "Platform": "linux",
        "ExecIDs": null,
        "HostConfig": {
            "Binds": null,
            "LogConfig": {"Type": "json-file", "Config": {}},
            "NetworkMode": "bridge",
            "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]},
            "RestartPolicy": {"Name": "no", "MaximumRetryCount": 0},
            "AutoRemove": false,
            "ConsoleSize": [0, 0],
            "CgroupnsMode": "host",
            "Isolation": "",
            "ShmSize": 67108864,
            "MemorySwappiness": null,
            "PidsLimit": null,
            "MaskedPaths": ["/proc/asound", "/proc/acpi"]
        },
        "GraphDriver": {"Data": {"MergedDir": "/var/lib/docker/overlay2/x/merged"}, "Name": "overlay2"},
        "Mounts": [{"Type": "volume", "Name": "v", "Source": "/var/lib/docker/volumes/v/_data",
                    "Destination": "/data", "Driver": "local", "Mode": "z", "RW": true, "Propagation": ""}],
        "Config": {
            "Hostname": "06425afd46e5",
            "ExposedPorts": {"80/tcp": {}},
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd": ["true"],
            "Image": "busybox:latest",
            "Volumes": null,
            "Entrypoint": null,
            "Labels": {}
        },
        "NetworkSettings": {
            "Bridge": "",
            "SandboxKey": "",
            "Ports": {"80/tcp": null, "443/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8443"}]},
            "SecondaryIPAddresses": null,
            "IPAddress": "",
            "Networks": {
                "bridge": {
                    "IPAMConfig": null,
                    "Aliases": null,
                    "NetworkID": "",
                    "IPPrefixLen": 0,
                    "DNSNames": null
                }
            }
        },
        "FutureField": {"any": ["shape", 1]}
    })
}

/// The value without `null` members: the client writes unset fields as absent.
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

#[test]
fn a_real_inspect_answer_decodes_and_round_trips() {
    let c: ContainerInspectResponse = serde_json::from_value(inspect_json()).unwrap();
    assert_eq!(c.name.as_deref(), Some("/dea-shape"));
    assert_eq!(c.restart_count, Some(0));

    let state = c.state.as_ref().unwrap();
    assert_eq!(
        state.status,
        Some(ContainerStateStatus::Other("hibernating".into()))
    );
    assert_eq!(state.extra.get("Checkpointed"), Some(&json!(true)));
    assert_eq!(
        c.extra.get("FutureField"),
        Some(&json!({"any": ["shape", 1]}))
    );

    // nulls: absent, not an error, for lists, maps and objects alike.
    assert_eq!(c.exec_ids, None);
    let host = c.host_config.as_ref().unwrap();
    assert_eq!(host.binds, None);
    assert_eq!(host.memory_swappiness, None);
    assert_eq!(host.shm_size, Some(67108864));
    assert_eq!(
        host.restart_policy.as_ref().unwrap().name,
        Some(RestartPolicyName::No)
    );
    assert_eq!(
        host.log_config
            .as_ref()
            .unwrap()
            .config
            .as_ref()
            .map(|m| m.len()),
        Some(0)
    );

    // PortMap values are nullable: an exposed port that is not published.
    let ports = c.network_settings.as_ref().unwrap().ports.as_ref().unwrap();
    assert_eq!(ports["80/tcp"], None);
    assert_eq!(
        ports["443/tcp"].as_ref().unwrap()[0].host_port.as_deref(),
        Some("8443")
    );

    let mounts = c.mounts.as_ref().unwrap();
    assert_eq!(mounts[0].r#type, Some(MountType::Volume));
    assert_eq!(mounts[0].rw, Some(true));

    // Everything comes back, unknown fields and values included.
    let back = serde_json::to_value(&c).unwrap();
    let mut expected = without_nulls(&inspect_json());
    // A null *value* of a nullable map is data (port exposed, not published): it stays.
    expected["NetworkSettings"]["Ports"]["80/tcp"] = Value::Null;
    assert_eq!(back, expected);
}

#[test]
fn unknown_enum_values_are_kept_and_known_ones_named() {
    let t: PortType = serde_json::from_value(json!("quic")).unwrap();
    assert_eq!(t, PortType::Other("quic".into()));
    assert_eq!(t.as_str(), "quic");
    assert_eq!(serde_json::to_value(&t).unwrap(), json!("quic"));

    let r: RestartPolicyName = serde_json::from_value(json!("unless-stopped")).unwrap();
    assert_eq!(r, RestartPolicyName::UnlessStopped);
    assert_eq!(r.to_string(), "unless-stopped");
    // The empty value of the spec's enum has a variant of its own.
    assert_eq!(
        serde_json::to_value(RestartPolicyName::Empty).unwrap(),
        json!("")
    );
    assert_eq!(RestartPolicyName::from(""), RestartPolicyName::Empty);
    // A wrong JSON type is still an error.
    assert!(serde_json::from_value::<PortType>(json!(6)).is_err());
}

#[test]
fn a_container_list_entry_decodes() {
    let list: Vec<ContainerSummary> = serde_json::from_value(json!([{
        "Id": "8dfafdbc3a40",
        "Names": ["/boring_feynman"],
        "Image": "ubuntu:latest",
        "ImageID": "d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82",
        "Command": "echo 1",
        "Created": 1367854155,
        "State": "exited",
        "Status": "Exit 0",
        "Ports": [{"PrivatePort": 2222, "PublicPort": 3333, "Type": "tcp"}],
        "Labels": {"com.example.vendor": "Acme"},
        "SizeRw": 12288,
        "HostConfig": {"NetworkMode": "default", "Annotations": null},
        "NetworkSettings": {"Networks": {"bridge": {"IPAddress": "172.17.0.2", "MacAddress": "02:42:ac:11:00:02"}}},
        "Mounts": []
    }]))
    .unwrap();
    let c = &list[0];
    assert_eq!(
        c.names.as_deref(),
        Some(&["/boring_feynman".to_string()][..])
    );
    assert_eq!(c.ports.as_ref().unwrap()[0].r#type, Some(PortType::Tcp));
    assert_eq!(c.labels.as_ref().unwrap()["com.example.vendor"], "Acme");
    let nets = c
        .network_settings
        .as_ref()
        .unwrap()
        .networks
        .as_ref()
        .unwrap();
    assert_eq!(nets["bridge"].ip_address.as_deref(), Some("172.17.0.2"));
}

#[test]
fn a_create_body_sends_only_what_is_set() {
    // allOf merged: ContainerConfig's fields and HostConfig/NetworkingConfig side by side.
    let body = ContainerCreateBody {
        image: Some("busybox:latest".into()),
        cmd: Some(vec!["sleep".into(), "1".into()]),
        host_config: Some(HostConfig {
            // HostConfig = Resources + its own fields.
            memory: Some(64 << 20),
            restart_policy: Some(RestartPolicy {
                name: Some(RestartPolicyName::OnFailure),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({
            "Image": "busybox:latest",
            "Cmd": ["sleep", "1"],
            "HostConfig": {"Memory": 67108864, "RestartPolicy": {"Name": "on-failure"}}
        })
    );
    assert_eq!(
        serde_json::to_value(ContainerCreateBody::default()).unwrap(),
        json!({})
    );

    // Extra fields a newer engine understands can be sent too.
    let mut newer = ContainerCreateBody::default();
    newer.extra.insert("Future".into(), json!(1));
    assert_eq!(serde_json::to_value(&newer).unwrap(), json!({"Future": 1}));
}

#[test]
fn options_use_wire_names_and_refuse_unknown_ones() {
    let o: ImageListOptions =
        serde_json::from_value(json!({"shared-size": true, "filters": {"dangling": ["true"]}}))
            .unwrap();
    assert_eq!(o.shared_size, Some(true));
    assert_eq!(o.filters.unwrap()["dangling"], ["true"]);
    assert!(serde_json::from_value::<ImageListOptions>(json!({"shared_size": true})).is_err());
    assert_eq!(
        serde_json::to_value(ContainerListOptions::default()).unwrap(),
        json!({})
    );
}

#[test]
fn debug_output_redacts_secrets() {
    use docker_engine_api::models::{AuthConfig, JoinTokens, SecretSpec, SystemAuthResponse};
    let auth = AuthConfig {
        username: Some("me".into()),
        password: Some("hunter2-secret".into()),
        ..Default::default()
    };
    let tokens = JoinTokens {
        worker: Some("SWMTKN-worker-secret".into()),
        manager: Some("SWMTKN-manager-secret".into()),
        ..Default::default()
    };
    let spec = SecretSpec {
        name: Some("db-password".into()),
        data: Some("c2VjcmV0LWRhdGE=".into()),
        ..Default::default()
    };
    let login: SystemAuthResponse =
        serde_json::from_value(json!({"Status": "Login Succeeded", "IdentityToken": "tok-secret"}))
            .unwrap();
    let pull = docker_engine_api::api::ImageCreateOptions {
        from_image: Some("busybox".into()),
        x_registry_auth: Some("eyJwYXNzd29yZCI6Imh1bnRlcjIifQ==".into()),
        ..Default::default()
    };
    let join = docker_engine_api::models::SwarmJoinRequest {
        join_token: Some("SWMTKN-join-secret".into()),
        ..Default::default()
    };
    let shown = format!("{auth:?} {tokens:?} {spec:?} {login:?} {pull:?} {join:?}");
    for secret in ["hunter2", "SWMTKN", "c2VjcmV0", "tok-secret", "eyJwYXNz"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    for kept in [
        "me",
        "db-password",
        "Login Succeeded",
        "<redacted>",
        "busybox",
    ] {
        assert!(shown.contains(kept), "{kept} missing from {shown}");
    }
    // The wire form keeps them, of course.
    assert_eq!(
        serde_json::to_value(&auth).unwrap()["password"],
        "hunter2-secret"
    );
}
