//! The idle timeout of a response body: the longest wait between two chunks. Implemented on
//! the stream (not in the HTTP client) so that it can differ per call.

use crate::error::{Error, ErrorKind, Result};
use futures_util::Stream;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Instant, Sleep};

pub(crate) struct IdleTimeout<S> {
    inner: S,
    limit: Duration,
    timer: Pin<Box<Sleep>>,
    fired: bool,
}

impl<S> IdleTimeout<S> {
    pub(crate) fn new(inner: S, limit: Duration) -> Self {
        IdleTimeout {
            inner,
            limit,
            timer: Box::pin(tokio::time::sleep(limit)),
            fired: false,
        }
    }
}

impl<S, T> Stream for IdleTimeout<S>
where
    S: Stream<Item = Result<T>> + Unpin,
{
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.fired {
            return Poll::Ready(None);
        }
        if let Poll::Ready(item) = Pin::new(&mut self.inner).poll_next(cx) {
            let deadline = Instant::now() + self.limit;
            self.timer.as_mut().reset(deadline);
            return Poll::Ready(item);
        }
        if self.timer.as_mut().poll(cx).is_ready() {
            self.fired = true;
            let limit = self.limit;
            return Poll::Ready(Some(Err(Error::new(
                ErrorKind::Timeout,
                format!("the engine sent nothing for {limit:?} (idle timeout)"),
            ))));
        }
        Poll::Pending
    }
}
