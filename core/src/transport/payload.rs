//! Request bodies that are not JSON: tar archives and raw bytes, in memory or streamed.

use bytes::Bytes;
use futures_util::Stream;

/// A raw request body. Streams are sent as they are read, never buffered whole.
pub struct Payload {
    pub(crate) body: reqwest::Body,
}

impl Payload {
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Payload {
        Payload {
            body: reqwest::Body::from(bytes.into()),
        }
    }

    pub fn from_stream<S>(stream: S) -> Payload
    where
        S: Stream<Item = std::io::Result<Bytes>> + Send + 'static,
    {
        Payload {
            body: reqwest::Body::wrap_stream(stream),
        }
    }
}

impl std::fmt::Debug for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Payload { .. }")
    }
}

impl From<Vec<u8>> for Payload {
    fn from(v: Vec<u8>) -> Payload {
        Payload::from_bytes(v)
    }
}

impl From<Bytes> for Payload {
    fn from(v: Bytes) -> Payload {
        Payload::from_bytes(v)
    }
}

impl From<String> for Payload {
    fn from(v: String) -> Payload {
        Payload::from_bytes(v)
    }
}

impl From<&'static [u8]> for Payload {
    fn from(v: &'static [u8]) -> Payload {
        Payload::from_bytes(v)
    }
}
