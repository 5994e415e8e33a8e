//! Bad input is refused with a short, typed error that says what is wrong, and never echoes a
//! credential: header values with newlines, ids with control characters, names too long for
//! a URL, hosts with spaces.

mod common;

use docker_engine_api::api::ImagePushOptions;
use docker_engine_api::{Docker, ErrorKind};

#[tokio::test]
async fn a_header_value_with_a_newline_is_named_but_not_shown() {
    let docker = common::docker();
    let e = docker
        .images()
        .push(
            "busybox",
            "secret-part\nX-Evil: 1",
            ImagePushOptions::default(),
        )
        .await
        .expect_err("bad header");
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    assert!(e.message().contains("X-Registry-Auth"), "{e}");
    assert!(!e.to_string().contains("secret-part"), "{e}");
    assert_eq!(e.status(), None);
}

#[tokio::test]
async fn control_characters_and_huge_names_are_refused_briefly() {
    let docker = common::docker();
    let e = docker
        .containers()
        .inspect("abc\ndef", Default::default())
        .await
        .expect_err("newline in an id");
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    assert!(e.message().contains("control character"), "{e}");

    let huge = "a".repeat(70_000);
    let e = docker
        .containers()
        .inspect(&huge, Default::default())
        .await
        .expect_err("a 70,000-character id");
    assert!(
        matches!(e.kind(), ErrorKind::InvalidArgument | ErrorKind::NotFound),
        "{e}"
    );
    assert!(
        e.to_string().len() < 1_000,
        "{} bytes of message",
        e.to_string().len()
    );
}

#[test]
fn hosts_with_spaces_or_odd_characters_are_refused() {
    for bad in [
        "tcp://exa mple:80",
        "tcp://a\nb:1",
        "http://a<b>:80",
        "tcp://a,b:1",
    ] {
        let e = Docker::connect(bad).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad:?}: {e}");
    }
    for good in [
        "tcp://127.0.0.1:2375",
        "tcp://[::1]:2375",
        "http://my-host.local:80",
    ] {
        Docker::connect(good).unwrap_or_else(|e| panic!("{good}: {e}"));
    }
}
