//! The Node.js binding's native half (napi-rs): a client, calls by operation id with JSON
//! arguments (the core's `dispatch`), the core's helpers by name, streams read chunk by chunk,
//! and hijacked stdin. Everything idiomatic (groups, camelCase options, error classes, async
//! iterators, `Readable`) is JavaScript in `lib/`, generated or hand-written; this half only
//! converts values, maps errors and makes calls cancellable.

mod cancel;
mod client;
mod duplex;
mod error;
mod guard;
mod sink;
mod stream;
