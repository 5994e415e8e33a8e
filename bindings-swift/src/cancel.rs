//! Cancellation. Kotlin's generated suspend functions free the Rust future when their
//! coroutine is cancelled, which drops the core's request. Swift's generated async functions
//! do not: its hand-written layer makes a `CancelToken`, passes it to the call and fires it
//! from `withTaskCancellationHandler`; the call then drops the core's future, ending the
//! request and freeing its connection, and answers `DockerError.Cancelled`.

use std::sync::Arc;
use tokio_util::sync::CancellationToken;

#[derive(uniffi::Object, Default)]
pub struct CancelToken {
    pub(crate) token: CancellationToken,
}

#[uniffi::export]
impl CancelToken {
    #[uniffi::constructor]
    pub fn new() -> Arc<CancelToken> {
        Arc::new(CancelToken::default())
    }

    /// Ends every call given this token (those running and those to come).
    pub fn cancel(&self) {
        self.token.cancel();
    }

    pub fn is_cancelled(&self) -> bool {
        self.token.is_cancelled()
    }
}
