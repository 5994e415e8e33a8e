//! Layer 4, the transport of one call: URL building, headers, bodies, error mapping and the
//! response kinds.

mod error_body;
mod output;
mod path_stat;
mod payload;
mod query;
mod request;
mod stream;

pub use output::Output;
pub use path_stat::PathStat;
pub use payload::Payload;
pub use query::encode_query_value;
pub use request::RequestBuilder;
pub use stream::ByteStream;
