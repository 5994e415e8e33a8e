//! The floor: a plain keep-alive HTTP/1.1 client (hyper) on the same socket, reading raw bytes.
//! No URL building, no decoding: what any client must at least spend. A small pool gives the
//! concurrent workload one connection per call in flight.

use crate::{Result, Workload};
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use std::sync::{Arc, Mutex};

type Sender = SendRequest<Empty<Bytes>>;

#[derive(Clone)]
pub struct Floor {
    socket: String,
    idle: Arc<Mutex<Vec<Sender>>>,
}

pub fn list_path(label: &str) -> String {
    // {"label":["<label>"]}, percent-encoded once, ahead of time.
    let filters = format!(
        "%7B%22label%22%3A%5B%22{}%22%5D%7D",
        label.replace('=', "%3D")
    );
    format!("/v1.45/containers/json?all=1&filters={filters}")
}

pub fn logs_path(id: &str) -> String {
    format!("/v1.45/containers/{id}/logs?follow=1&stdout=1&stderr=1")
}

impl Floor {
    pub fn new(w: &Workload) -> Floor {
        Floor {
            socket: w.socket.clone(),
            idle: Arc::default(),
        }
    }

    async fn sender(&self) -> Result<Sender> {
        if let Some(s) = self.idle.lock().unwrap().pop() {
            return Ok(s);
        }
        let io = TokioIo::new(tokio::net::UnixStream::connect(&self.socket).await?);
        let (sender, conn) = http1::handshake(io).await?;
        tokio::spawn(conn);
        Ok(sender)
    }

    async fn request(&self, path: &str) -> Result<(Sender, hyper::body::Incoming)> {
        let mut sender = self.sender().await?;
        sender.ready().await?;
        let req = hyper::Request::get(path)
            .header("host", "docker")
            .body(Empty::new())?;
        let resp = sender.send_request(req).await?;
        if !resp.status().is_success() {
            return Err(format!("GET {path}: {}", resp.status()).into());
        }
        Ok((sender, resp.into_body()))
    }

    /// One GET, body read whole; the connection goes back to the pool.
    pub async fn get(&self, path: &str) -> Result<Bytes> {
        let (sender, body) = self.request(path).await?;
        let bytes = body.collect().await?.to_bytes();
        self.idle.lock().unwrap().push(sender);
        Ok(bytes)
    }

    /// One GET whose body is counted as it comes (a stream: the raw multiplexed frames).
    pub async fn count(&self, path: &str) -> Result<u64> {
        let (sender, mut body) = self.request(path).await?;
        let mut n = 0u64;
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame?.into_data() {
                n += data.len() as u64;
            }
        }
        self.idle.lock().unwrap().push(sender);
        Ok(n)
    }
}
