//! TLS and mTLS to an engine on `tcp://`/`https://` (rustls with ring): the CA that signs the
//! engine's certificate, and the client certificate and key the engine may demand, from files
//! (`DOCKER_CERT_PATH`: `ca.pem`, `cert.pem`, `key.pem`) or PEM bytes. Verification is on
//! unless the caller turns it off.

use crate::error::{Error, Result};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// PEM data: a file to read when the client is built, or the bytes themselves.
#[derive(Clone, PartialEq, Eq)]
pub enum Pem {
    File(PathBuf),
    Bytes(Vec<u8>),
}

impl std::fmt::Debug for Pem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pem::File(p) => write!(f, "File({})", p.display()),
            // May be a private key.
            Pem::Bytes(b) => write!(f, "Bytes(<{} bytes>)", b.len()),
        }
    }
}

impl Pem {
    fn read(&self, what: &str) -> Result<Vec<u8>> {
        match self {
            Pem::Bytes(b) => Ok(b.clone()),
            Pem::File(p) => std::fs::read(p).map_err(|e| {
                Error::invalid_argument(format!("TLS {what} {}: cannot read it: {e}", p.display()))
            }),
        }
    }

    fn name(&self, what: &str) -> String {
        match self {
            Pem::File(p) => format!("TLS {what} {}", p.display()),
            Pem::Bytes(_) => format!("TLS {what} (PEM bytes)"),
        }
    }
}

/// How to speak TLS to the engine. `Default`: verify the engine's certificate against the
/// system's roots, no client certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsOptions {
    /// The CA(s) that sign the engine's certificate; none: the system's roots.
    pub ca: Option<Pem>,
    /// The client certificate (chain) for mTLS; needs `key`.
    pub cert: Option<Pem>,
    pub key: Option<Pem>,
    /// Check the engine's certificate and name. Off only when asked (`DOCKER_TLS` without
    /// `DOCKER_TLS_VERIFY`, or a context's `SkipTLSVerify`).
    pub verify: bool,
}

impl Default for TlsOptions {
    fn default() -> TlsOptions {
        TlsOptions {
            ca: None,
            cert: None,
            key: None,
            verify: true,
        }
    }
}

/// TLS settings as plain data, for bindings and test cases (JSON, a Python dict, a JS
/// object): `{"cert_path": DIR, "ca": FILE, "cert": FILE, "key": FILE, "verify": BOOL}`, every
/// key optional. `cert_path` gives `ca.pem`, `cert.pem` and `key.pem` of that folder (as
/// `DOCKER_CERT_PATH`); `ca`, `cert` and `key` name files and win over it; `verify` defaults to
/// true. Unknown keys are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsPaths {
    pub cert_path: Option<PathBuf>,
    pub ca: Option<PathBuf>,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub verify: Option<bool>,
}

/// `~/x` as the home folder's `x`, as a shell would (other paths as they are).
fn home(path: PathBuf) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path,
    }
}

impl From<TlsPaths> for TlsOptions {
    fn from(p: TlsPaths) -> TlsOptions {
        let base = p
            .cert_path
            .map(TlsOptions::from_cert_path)
            .unwrap_or_default();
        TlsOptions {
            ca: p.ca.map(Pem::File).or(base.ca),
            cert: p.cert.map(Pem::File).or(base.cert),
            key: p.key.map(Pem::File).or(base.key),
            verify: p.verify.unwrap_or(true),
        }
    }
}

impl TlsPaths {
    /// From JSON such as `{"cert_path": "/certs"}`; a wrong key or type is `InvalidArgument`,
    /// and the paths are checked as [`TlsPaths::into_options`] does.
    pub fn from_json(value: serde_json::Value) -> Result<TlsOptions> {
        serde_json::from_value::<TlsPaths>(value)
            .map_err(|e| {
                Error::invalid_argument(format!("TLS settings: {}", crate::error::serde_reason(&e)))
            })?
            .into_options()
    }

    /// The options these paths name. A leading `~/` is the home folder; a `cert_path` that
    /// is not a folder holding any of the three files is refused now (a silent fallback
    /// would fail later as an unknown issuer, far from the mistake).
    pub fn into_options(self) -> Result<TlsOptions> {
        let paths = TlsPaths {
            cert_path: self.cert_path.map(home),
            ca: self.ca.map(home),
            cert: self.cert.map(home),
            key: self.key.map(home),
            verify: self.verify,
        };
        if let Some(dir) = &paths.cert_path {
            if !dir.is_dir() {
                return Err(Error::invalid_argument(format!(
                    "TLS cert_path {}: no such folder",
                    dir.display()
                )));
            }
            if !["ca.pem", "cert.pem", "key.pem"]
                .iter()
                .any(|f| dir.join(f).is_file())
            {
                return Err(Error::invalid_argument(format!(
                    "TLS cert_path {} holds none of ca.pem, cert.pem, key.pem",
                    dir.display()
                )));
            }
        }
        Ok(TlsOptions::from(paths))
    }
}

impl TlsOptions {
    /// `DIR/ca.pem`, `DIR/cert.pem` and `DIR/key.pem`, each only if the file exists (as the
    /// Docker CLI reads `DOCKER_CERT_PATH`), verifying.
    pub fn from_cert_path(dir: impl AsRef<Path>) -> TlsOptions {
        let dir = dir.as_ref();
        let file = |name: &str| {
            let p = dir.join(name);
            p.is_file().then_some(Pem::File(p))
        };
        TlsOptions {
            ca: file("ca.pem"),
            cert: file("cert.pem"),
            key: file("key.pem"),
            verify: true,
        }
    }

    /// The rustls configuration: every file read and checked now, so a bad one is an
    /// `InvalidArgument` error when the client is built, not a handshake failure later.
    pub(crate) fn client_config(&self) -> Result<ClientConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::invalid_argument(format!("TLS: {e}")))?;
        let builder = if self.verify {
            builder.with_root_certificates(self.roots()?)
        } else {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(NoVerification(provider)))
        };
        match (&self.cert, &self.key) {
            (None, None) => Ok(builder.with_no_client_auth()),
            (Some(cert), Some(key)) => {
                let chain = certificates(cert, "client certificate")?;
                let key_der =
                    PrivateKeyDer::from_pem_slice(&key.read("client key")?).map_err(|_| {
                        Error::invalid_argument(format!(
                            "{}: no PEM private key in it",
                            key.name("client key")
                        ))
                    })?;
                builder.with_client_auth_cert(chain, key_der).map_err(|e| {
                    Error::invalid_argument(format!(
                        "{} and {} do not make a client identity: {e}",
                        cert.name("client certificate"),
                        key.name("client key")
                    ))
                })
            }
            (Some(_), None) => Err(Error::invalid_argument(
                "TLS: a client certificate needs its key (key.pem)",
            )),
            (None, Some(_)) => Err(Error::invalid_argument(
                "TLS: a client key needs its certificate (cert.pem)",
            )),
        }
    }

    /// For endpoints without TLS: reqwest wants a configuration all the same; this one trusts
    /// nothing, and is made once.
    pub(crate) fn plain_config() -> ClientConfig {
        static PLAIN: OnceLock<ClientConfig> = OnceLock::new();
        PLAIN
            .get_or_init(|| {
                ClientConfig::builder_with_provider(Arc::new(
                    rustls::crypto::ring::default_provider(),
                ))
                .with_safe_default_protocol_versions()
                .expect("ring supports the default TLS versions")
                .with_root_certificates(RootCertStore::empty())
                .with_no_client_auth()
            })
            .clone()
    }

    fn roots(&self) -> Result<RootCertStore> {
        let mut roots = RootCertStore::empty();
        match &self.ca {
            Some(ca) => {
                for cert in certificates(ca, "CA")? {
                    roots
                        .add(cert)
                        .map_err(|e| Error::invalid_argument(format!("{}: {e}", ca.name("CA"))))?;
                }
            }
            None => {
                // Certificates the system cannot parse are skipped, as browsers do.
                let native = rustls_native_certs::load_native_certs();
                roots.add_parsable_certificates(native.certs);
            }
        }
        Ok(roots)
    }
}

fn certificates(pem: &Pem, what: &str) -> Result<Vec<CertificateDer<'static>>> {
    let bytes = pem.read(what)?;
    let certs: Vec<_> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::invalid_argument(format!("{}: {e}", pem.name(what))))?;
    if certs.is_empty() {
        return Err(Error::invalid_argument(format!(
            "{}: no PEM certificate in it",
            pem.name(what)
        )));
    }
    Ok(certs)
}

/// Accepts any certificate and name (asked for explicitly), but still checks that the engine
/// holds the key of the certificate it shows.
#[derive(Debug)]
struct NoVerification(Arc<CryptoProvider>);

impl ServerCertVerifier for NoVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_paths_from_json() {
        let dir = std::env::temp_dir().join(format!("dea-tls-json-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ca.pem"), "not read here").unwrap();
        let o =
            TlsPaths::from_json(serde_json::json!({"ca": "/x/ca.pem", "verify": false})).unwrap();
        assert_eq!(o.ca, Some(Pem::File("/x/ca.pem".into())));
        assert!(!o.verify && o.cert.is_none());
        let o =
            TlsPaths::from_json(serde_json::json!({"cert_path": dir, "key": "/k.pem"})).unwrap();
        assert!(o.verify);
        assert_eq!(o.key, Some(Pem::File("/k.pem".into())));
        let e = TlsPaths::from_json(serde_json::json!({"certpath": "/x"})).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
        assert!(e.message().contains("certpath"), "{e}");
        // A folder that is not there, or holds none of the files, is refused now.
        let e =
            TlsPaths::from_json(serde_json::json!({"cert_path": dir.join("nope")})).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
        assert!(e.message().contains("no such folder"), "{e}");
        let e = TlsPaths::from_json(serde_json::json!({"cert_path": "/"})).unwrap_err();
        assert!(e.message().contains("holds none of"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_leading_tilde_is_the_home_folder() {
        let Some(h) = std::env::var_os("HOME") else {
            return; // no home folder to expand to: nothing to check
        };
        assert_eq!(
            home("~/.docker/ca.pem".into()),
            PathBuf::from(h).join(".docker/ca.pem")
        );
        assert_eq!(home("/etc/ca.pem".into()), PathBuf::from("/etc/ca.pem"));
    }
}
