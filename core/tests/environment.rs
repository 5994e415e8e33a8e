//! `Docker::from_env` as the Docker CLI: DOCKER_HOST, DOCKER_CONTEXT, the currentContext of
//! config.json (under DOCKER_CONFIG), context metadata and TLS folders, DOCKER_TLS_VERIFY,
//! DOCKER_CERT_PATH, DOCKER_API_VERSION; precedence checked with temporary config folders and
//! an environment given as a closure (the process environment is not touched). The last test
//! reaches the real engine through a context.

mod common;

use docker_engine_api::connection::{resolve_env, EnvHost};
use docker_engine_api::{ApiVersion, Docker, ErrorKind, Pem, VersionPolicy};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k: &str| map.get(k).filter(|v| !v.is_empty()).cloned()
}

fn hex_sha256(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A context as `docker context create NAME --docker host=HOST` writes it.
fn write_context(config: &Path, name: &str, host: &str, skip_verify: bool, tls_files: &[&str]) {
    let id = hex_sha256(name);
    let meta = config.join("contexts/meta").join(&id);
    std::fs::create_dir_all(&meta).unwrap();
    let json = serde_json::json!({"Name": name, "Metadata": {},
        "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": skip_verify}}});
    std::fs::write(meta.join("meta.json"), json.to_string()).unwrap();
    if !tls_files.is_empty() {
        let tls = config.join("contexts/tls").join(&id).join("docker");
        std::fs::create_dir_all(&tls).unwrap();
        for f in tls_files {
            std::fs::write(tls.join(f), "PEM").unwrap();
        }
    }
}

fn resolve(vars: &[(&str, &str)]) -> EnvHost {
    resolve_env(&env_of(vars)).unwrap()
}

#[test]
fn docker_host_wins_then_docker_context_then_current_context() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().to_str().unwrap();
    write_context(dir.path(), "ctx-env", "tcp://10.0.0.1:2375", false, &[]);
    write_context(
        dir.path(),
        "ctx-file",
        "unix:///run/ctx-file.sock",
        false,
        &[],
    );
    std::fs::write(
        dir.path().join("config.json"),
        r#"{"currentContext": "ctx-file"}"#,
    )
    .unwrap();

    let all = [
        ("DOCKER_CONFIG", cfg),
        ("DOCKER_HOST", "unix:///run/from-host.sock"),
        ("DOCKER_CONTEXT", "ctx-env"),
    ];
    let r = resolve(&all);
    assert_eq!(r.host.as_deref(), Some("unix:///run/from-host.sock"));
    assert_eq!(r.source, "DOCKER_HOST");

    let r = resolve(
        &all[..1]
            .iter()
            .chain(&all[2..])
            .copied()
            .collect::<Vec<_>>(),
    );
    assert_eq!(r.host.as_deref(), Some("tcp://10.0.0.1:2375"));
    assert_eq!(r.source, "context ctx-env");

    let r = resolve(&all[..1]);
    assert_eq!(r.host.as_deref(), Some("unix:///run/ctx-file.sock"));
    assert_eq!(r.source, "context ctx-file");

    // `default` is the local socket, whatever config.json says.
    let r = resolve(&[("DOCKER_CONFIG", cfg), ("DOCKER_CONTEXT", "default")]);
    assert_eq!((r.host, r.source.as_str()), (None, "default"));
    // HOME/.docker when DOCKER_CONFIG is unset.
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join(".docker")).unwrap();
    write_context(&home.path().join(".docker"), "h", "tcp://h:1", false, &[]);
    let r = resolve(&[
        ("HOME", home.path().to_str().unwrap()),
        ("DOCKER_CONTEXT", "h"),
    ]);
    assert_eq!(r.host.as_deref(), Some("tcp://h:1"));
}

#[test]
fn tls_comes_from_the_environment_or_the_contexts_folder() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().to_str().unwrap();
    let certs = tempfile::tempdir().unwrap();
    for f in ["ca.pem", "cert.pem", "key.pem"] {
        std::fs::write(certs.path().join(f), "PEM").unwrap();
    }
    let r = resolve(&[
        ("DOCKER_HOST", "tcp://127.0.0.1:2376"),
        ("DOCKER_TLS_VERIFY", "1"),
        ("DOCKER_CERT_PATH", certs.path().to_str().unwrap()),
    ]);
    let tls = r.tls.expect("TLS");
    assert!(tls.verify);
    assert_eq!(tls.ca, Some(Pem::File(certs.path().join("ca.pem"))));
    assert_eq!(tls.key, Some(Pem::File(certs.path().join("key.pem"))));
    // DOCKER_TLS alone: TLS, but no verification (asked for explicitly).
    let r = resolve(&[("DOCKER_HOST", "tcp://x:2376"), ("DOCKER_TLS", "1")]);
    assert!(!r.tls.expect("TLS").verify);
    // Neither: plain TCP.
    assert!(resolve(&[("DOCKER_HOST", "tcp://x:2375")]).tls.is_none());

    write_context(
        dir.path(),
        "secure",
        "tcp://s:2376",
        false,
        &["ca.pem", "cert.pem", "key.pem"],
    );
    write_context(dir.path(), "skip", "tcp://k:2376", true, &[]);
    let r = resolve(&[("DOCKER_CONFIG", cfg), ("DOCKER_CONTEXT", "secure")]);
    let tls = r.tls.expect("TLS");
    assert!(tls.verify && tls.cert.is_some() && tls.ca.is_some());
    let r = resolve(&[("DOCKER_CONFIG", cfg), ("DOCKER_CONTEXT", "skip")]);
    assert!(!r.tls.expect("TLS").verify);
}

#[test]
fn missing_or_broken_contexts_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().to_str().unwrap();
    let e = resolve_env(&env_of(&[
        ("DOCKER_CONFIG", cfg),
        ("DOCKER_CONTEXT", "nope"),
    ]))
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(
        e.message().contains("\"nope\"") && e.message().contains("not found"),
        "{e}"
    );

    std::fs::write(
        dir.path().join("config.json"),
        r#"{"currentContext": "gone"}"#,
    )
    .unwrap();
    let e = resolve_env(&env_of(&[("DOCKER_CONFIG", cfg)])).unwrap_err();
    assert!(e.message().contains("currentContext"), "{e}");

    std::fs::write(dir.path().join("config.json"), "{broken").unwrap();
    let e = resolve_env(&env_of(&[("DOCKER_CONFIG", cfg)])).unwrap_err();
    assert!(e.message().contains("config.json"), "{e}");

    let meta = dir.path().join("contexts/meta").join(hex_sha256("bad"));
    std::fs::create_dir_all(&meta).unwrap();
    std::fs::write(meta.join("meta.json"), r#"{"Endpoints": {}}"#).unwrap();
    let e = resolve_env(&env_of(&[
        ("DOCKER_CONFIG", cfg),
        ("DOCKER_CONTEXT", "bad"),
    ]))
    .unwrap_err();
    assert!(e.message().contains("no docker endpoint"), "{e}");
}

#[test]
fn docker_api_version_pins_and_bad_values_are_refused() {
    let b = Docker::builder_from(&env_of(&[
        ("DOCKER_HOST", "tcp://127.0.0.1:1"),
        ("DOCKER_API_VERSION", "1.41"),
    ]))
    .unwrap();
    let docker = b.build().unwrap();
    assert_eq!(
        docker.version_policy(),
        VersionPolicy::Pinned(ApiVersion::new(1, 41))
    );
    let e = Docker::builder_from(&env_of(&[("DOCKER_API_VERSION", "latest")])).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    let auto = Docker::builder_from(&env_of(&[])).unwrap().build().unwrap();
    assert_eq!(auto.version_policy(), VersionPolicy::Auto);
    // TLS is for TCP engines: a unix socket with DOCKER_TLS_VERIFY is refused, not ignored.
    let e = Docker::builder_from(&env_of(&[
        ("DOCKER_HOST", "unix:///run/x.sock"),
        ("DOCKER_TLS_VERIFY", "1"),
    ]))
    .unwrap()
    .build()
    .unwrap_err();
    assert!(e.message().contains("tcp://"), "{e}");
}

#[tokio::test]
async fn a_context_reaches_the_real_engine() {
    let Some(host) = common::main_host() else {
        common::no_engine("no engine address".into());
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    write_context(dir.path(), "dea-test", &host, false, &[]);
    std::fs::write(
        dir.path().join("config.json"),
        r#"{"currentContext": "dea-test"}"#,
    )
    .unwrap();
    let docker = Docker::builder_from(&env_of(&[("DOCKER_CONFIG", dir.path().to_str().unwrap())]))
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(docker.endpoint().to_string(), host);
    assert_eq!(docker.system().ping().await.unwrap(), "OK");
    assert!(docker.api_version().await.unwrap() >= ApiVersion::new(1, 41));
}
