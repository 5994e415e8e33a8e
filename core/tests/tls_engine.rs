//! TLS and mTLS against the real engine's TCP listener (`make engines`: `--tlsverify`,
//! a server certificate for IP 127.0.0.1, client certificates required): the right client
//! certificate works (calls and a hijacked exec); no client certificate, one from another CA,
//! an engine certificate from a CA we do not trust, and a wrong name each fail with a
//! `Connect` error of cause `Tls`; bad TLS files are refused when the client is built.

mod common;

use docker_engine_api::{ConnectCause, Docker, Error, ErrorKind, Pem, TlsOptions};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, ExtendedKeyUsagePurpose, IsCa, KeyPair,
};
use std::path::PathBuf;

/// The TLS address and the folder of a client certificate it accepts, or `None` after saying
/// why.
fn tls_engine() -> Option<(String, PathBuf)> {
    let mut vars = common::engine_vars();
    match (
        vars.remove("DEA_TEST_TLS_HOST"),
        vars.remove("DEA_TEST_TLS_CERTS"),
    ) {
        (Some(host), Some(certs)) => Some((host, certs.into())),
        _ => {
            common::no_engine("no DEA_TEST_TLS_HOST in engines.env (run `make engines`)".into());
            None
        }
    }
}

fn client(host: &str, tls: TlsOptions) -> Docker {
    Docker::builder().host(host).tls(tls).build().unwrap()
}

/// A CA of our own, and a client certificate it signed: PEM (ca, cert, key).
fn other_ca_client() -> (String, String, String) {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let key = KeyPair::generate().unwrap();
    let cert = params.signed_by(&key, &ca).unwrap();
    (ca.pem(), cert.pem(), key.serialize_pem())
}

async fn tls_failure(docker: &Docker) -> Error {
    let e = docker
        .system()
        .ping()
        .await
        .expect_err("the handshake must fail");
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert_eq!(e.connect_cause(), Some(ConnectCause::Tls), "{e}");
    assert!(e.message().contains("TLS"), "{e}");
    e
}

#[tokio::test]
async fn the_right_client_certificate_works_for_calls_and_hijacked_streams() {
    let Some((host, certs)) = tls_engine() else {
        return;
    };
    let docker = client(&host, TlsOptions::from_cert_path(&certs));
    assert_eq!(docker.system().ping().await.unwrap(), "OK");
    let version = docker.system().version().await.unwrap();
    assert_eq!(version.api_version.as_deref(), Some("1.45"));

    // An exec with stdin: the connection upgrade happens inside TLS.
    let out = common::exec_in_fresh_container(&docker, "tls-exec", "cat", b"over tls\n")
        .await
        .unwrap();
    assert_eq!((out.exit_code, &out.stdout[..]), (0, &b"over tls\n"[..]));
}

#[tokio::test]
async fn pem_bytes_work_like_files_and_verification_off_is_explicit() {
    let Some((host, certs)) = tls_engine() else {
        return;
    };
    let read = |f: &str| Pem::Bytes(std::fs::read(certs.join(f)).unwrap());
    let bytes = TlsOptions {
        ca: Some(read("ca.pem")),
        cert: Some(read("cert.pem")),
        key: Some(read("key.pem")),
        verify: true,
    };
    assert!(!format!("{bytes:?}").contains("PRIVATE KEY"));
    assert_eq!(
        client(&host, bytes.clone()).system().ping().await.unwrap(),
        "OK"
    );
    // Without verification, neither the CA nor the name is checked (asked for explicitly).
    let unverified = TlsOptions {
        ca: None,
        verify: false,
        ..bytes
    };
    let by_name = host.replace("127.0.0.1", "localhost");
    assert_eq!(
        client(&by_name, unverified).system().ping().await.unwrap(),
        "OK"
    );
}

#[tokio::test]
async fn no_client_certificate_or_one_from_another_ca_is_refused() {
    let Some((host, certs)) = tls_engine() else {
        return;
    };
    let ca_only = TlsOptions {
        ca: Some(Pem::File(certs.join("ca.pem"))),
        ..Default::default()
    };
    tls_failure(&client(&host, ca_only)).await;

    let (_, cert, key) = other_ca_client();
    let foreign = TlsOptions {
        ca: Some(Pem::File(certs.join("ca.pem"))),
        cert: Some(Pem::Bytes(cert.into_bytes())),
        key: Some(Pem::Bytes(key.into_bytes())),
        verify: true,
    };
    tls_failure(&client(&host, foreign)).await;
}

#[tokio::test]
async fn an_untrusted_engine_certificate_or_a_wrong_name_is_refused() {
    let Some((host, certs)) = tls_engine() else {
        return;
    };
    let (other_ca, _, _) = other_ca_client();
    let trusts_other = TlsOptions {
        ca: Some(Pem::Bytes(other_ca.into_bytes())),
        ..TlsOptions::from_cert_path(&certs)
    };
    let e = tls_failure(&client(&host, trusts_other)).await;
    assert!(e.message().contains("UnknownIssuer"), "{e}");

    // The engine's certificate names IP 127.0.0.1 only.
    let by_name = host.replace("127.0.0.1", "localhost");
    let e = tls_failure(&client(&by_name, TlsOptions::from_cert_path(&certs))).await;
    assert!(e.message().contains("not valid for name"), "{e}");
}

#[tokio::test]
async fn bad_tls_files_are_refused_when_the_client_is_built() {
    let Some((host, certs)) = tls_engine() else {
        return;
    };
    let build = |tls: TlsOptions| Docker::builder().host(&host).tls(tls).build().unwrap_err();
    let cert_without_key = TlsOptions {
        key: None,
        ..TlsOptions::from_cert_path(&certs)
    };
    let garbage_ca = TlsOptions {
        ca: Some(Pem::Bytes(b"not a certificate".to_vec())),
        ..TlsOptions::from_cert_path(&certs)
    };
    let missing = TlsOptions {
        ca: Some(Pem::File("/nonexistent/ca.pem".into())),
        ..Default::default()
    };
    let key_as_cert = TlsOptions {
        cert: Some(Pem::File(certs.join("key.pem"))),
        ..TlsOptions::from_cert_path(&certs)
    };
    for (tls, says) in [
        (cert_without_key, "needs its key"),
        (garbage_ca, "no PEM certificate"),
        (missing, "/nonexistent/ca.pem"),
        (key_as_cert, "no PEM certificate"),
    ] {
        let e = build(tls);
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
        assert!(e.message().contains(says), "{says}: {e}");
        assert!(!e.message().contains("PRIVATE KEY"), "{e}");
    }
}

#[tokio::test]
async fn plain_http_to_the_tls_port_is_a_clear_error() {
    let Some((host, _)) = tls_engine() else {
        return;
    };
    let e = Docker::connect(&host)
        .unwrap()
        .system()
        .ping()
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadRequest, "{e}");
    assert!(e.message().contains("HTTPS"), "{e}");
}
