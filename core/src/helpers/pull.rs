//! `images().pull`: an image pulled from its registry, done only once the engine has it.

use super::image_ref::ImageRef;
use crate::api::{ImageCreateOptions, Images};
use crate::auth::RegistryAuth;
use crate::error::{is_registry_refusal, Error, ErrorKind, Result};
use crate::models::{CreateImageInfo, ImageInspect};
use futures_util::StreamExt;
use std::sync::Arc;

/// Called with each progress message of a pull (`Pulling fs layer`, `Downloading`, ...).
pub type PullProgress = Arc<dyn Fn(&CreateImageInfo) + Send + Sync>;

/// How to pull. `Default`: the engine's platform, no credentials, no progress callback.
#[derive(Clone, Default)]
pub struct PullOptions {
    /// `os[/arch[/variant]]`.
    pub platform: Option<String>,
    /// Credentials for the image's registry; none: the client's stored ones
    /// ([`crate::Credentials`]), else an anonymous pull.
    pub auth: Option<RegistryAuth>,
    pub progress: Option<PullProgress>,
}

impl std::fmt::Debug for PullOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PullOptions")
            .field("platform", &self.platform)
            .field("auth", &self.auth)
            .field("progress", &self.progress.as_ref().map(|_| "<callback>"))
            .finish()
    }
}

impl Images<'_> {
    /// Pulls `image` (`name`, `name:tag` or `name@digest`; no tag means `latest`, never
    /// "every tag" as the bare API would) and answers its inspection once it is there.
    ///
    /// Errors: `InvalidArgument` for a malformed reference (nothing sent); the daemon's
    /// errors with its message (`NotFound` for an unknown image or tag, `Unauthorized` when
    /// the registry refused the credentials); `Stream` when the pull fails midway.
    pub async fn pull(&self, image: &str, opts: PullOptions) -> Result<ImageInspect> {
        let reference = ImageRef::parse(image).map_err(|e| e.with_operation("ImageCreate"))?;
        let auth = self
            .docker
            .credentials()
            .or_stored(opts.auth, &reference.domain)
            .await
            .map_err(|e| e.with_operation("ImageCreate"))?;
        let query = ImageCreateOptions {
            from_image: Some(reference.name()),
            tag: Some(reference.reference().to_string()),
            platform: opts.platform,
            x_registry_auth: auth.as_ref().map(RegistryAuth::header_value),
            ..Default::default()
        };
        let pulled = async {
            let mut progress = self.create(None, query).await?;
            while let Some(info) = progress.next().await {
                let info = info?;
                if let Some(report) = &opts.progress {
                    report(&info);
                }
            }
            Ok(())
        };
        pulled.await.map_err(refine_auth_error)?;
        let present = match &reference.digest {
            Some(d) => format!("{}@{d}", reference.name()),
            None => format!("{}:{}", reference.name(), reference.reference()),
        };
        self.inspect(&present).await.map_err(|e| {
            Error::new(
                e.kind(),
                format!(
                    "the pull of {image} ended but the engine has no such image: {}",
                    e.message()
                ),
            )
            .with_operation("ImageCreate")
        })
    }
}

/// A refusal inside a 200 stream is a `Stream` error: say `Unauthorized`, keeping the
/// daemon's words (a refusal answered with a status is mapped so already).
pub(super) fn refine_auth_error(e: Error) -> Error {
    if e.kind() == ErrorKind::Stream && is_registry_refusal(e.message()) {
        e.with_kind(ErrorKind::Unauthorized)
    } else {
        e
    }
}
