//! `images().push_image`: one tag pushed to its registry, with the credentials of the call or
//! the stored ones; done when the registry has it, failing on in-stream errors.

use super::image_ref::ImageRef;
use super::pull::refine_auth_error;
use crate::api::{ImagePushOptions, Images};
use crate::auth::RegistryAuth;
use crate::error::{Error, ErrorKind, Result};
use crate::models::PushImageInfo;
use futures_util::StreamExt;
use std::sync::Arc;

/// Called with each progress message of a push (`Preparing`, `Pushed`, ...).
pub type PushProgress = Arc<dyn Fn(&PushImageInfo) + Send + Sync>;

/// How to push. `Default`: the stored credentials of the client, no progress callback.
#[derive(Clone, Default)]
pub struct PushOptions {
    /// Credentials for the image's registry; none: the client's stored ones
    /// ([`crate::Credentials`]), else an anonymous push.
    pub auth: Option<RegistryAuth>,
    pub progress: Option<PushProgress>,
}

impl std::fmt::Debug for PushOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushOptions")
            .field("auth", &self.auth)
            .field("progress", &self.progress.as_ref().map(|_| "<callback>"))
            .finish()
    }
}

/// What the registry said it stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushOutput {
    pub tag: String,
    /// The manifest digest (`sha256:...`).
    pub digest: String,
    pub size: Option<i64>,
}

impl Images<'_> {
    /// Pushes `image` (`registry/name[:tag]`; no tag: `latest`, never "every tag" as the bare
    /// API would). Errors: `InvalidArgument` for a malformed reference or a digest (nothing
    /// sent); `Unauthorized` when the registry refused the credentials (the daemon reports it
    /// inside a 200 stream); `Stream` for other failures midway, with the daemon's message.
    pub async fn push_image(&self, image: &str, opts: PushOptions) -> Result<PushOutput> {
        let op = "ImagePush";
        let reference = ImageRef::parse(image).map_err(|e| e.with_operation(op))?;
        if reference.digest.is_some() {
            return Err(Error::invalid_argument(format!(
                "image {image:?}: a digest cannot be pushed, name a tag"
            ))
            .with_operation(op));
        }
        let auth = self
            .docker
            .credentials()
            .or_stored(opts.auth, &reference.domain)
            .await
            .map_err(|e| e.with_operation(op))?;
        // The endpoint requires the header; without credentials it is the empty AuthConfig `{}`,
        // as the Docker CLI sends it.
        let header = auth.unwrap_or_default().header_value();
        let tag = reference.reference().to_string();
        let pushed = async {
            let mut progress = self
                .push(
                    &reference.name(),
                    &header,
                    ImagePushOptions {
                        tag: Some(tag.clone()),
                    },
                )
                .await?;
            let mut out = None;
            while let Some(info) = progress.next().await {
                let info = info?;
                if let Some(report) = &opts.progress {
                    report(&info);
                }
                if let Some(aux) = info.extra.get("aux") {
                    out = aux_output(aux);
                }
            }
            out.ok_or_else(|| {
                Error::new(
                    ErrorKind::Stream,
                    "the push ended without the registry's digest",
                )
                .with_operation(op)
            })
        };
        pushed.await.map_err(refine_auth_error)
    }
}

fn aux_output(aux: &serde_json::Value) -> Option<PushOutput> {
    Some(PushOutput {
        tag: aux.get("Tag")?.as_str()?.to_string(),
        digest: aux.get("Digest")?.as_str()?.to_string(),
        size: aux.get("Size").and_then(|s| s.as_i64()),
    })
}
