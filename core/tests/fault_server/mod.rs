//! A tiny HTTP/1.1 server for fault injection: every request on it gets the same scripted
//! answer (head, chunks, pauses, and an orderly end or a dropped connection).

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone)]
pub enum Step {
    /// Status 200 with this Content-Type and a chunked body.
    Head(&'static str),
    /// One chunk of the body.
    Chunk(Vec<u8>),
    /// Each byte as its own chunk, with a pause after each.
    Drip(Vec<u8>, Duration),
    Sleep(Duration),
    /// The last chunk: the body ends in order. Without it the connection just drops.
    End,
}

/// Starts the server; answers its address as a `tcp://` host for the client.
pub async fn serve(script: Vec<Step>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let script = script.clone();
            tokio::spawn(async move {
                let _ = answer(socket, &script).await;
            });
        }
    });
    format!("tcp://{addr}")
}

async fn answer(mut socket: TcpStream, script: &[Step]) -> std::io::Result<()> {
    // The request head; these requests have no body.
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if socket.read(&mut byte).await? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    for step in script {
        match step {
            Step::Head(content_type) => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\nApi-Version: 1.45\r\n\r\n"
                );
                socket.write_all(head.as_bytes()).await?;
            }
            Step::Chunk(data) => write_chunk(&mut socket, data).await?,
            Step::Drip(data, pause) => {
                for b in data {
                    write_chunk(&mut socket, &[*b]).await?;
                    tokio::time::sleep(*pause).await;
                }
            }
            Step::Sleep(d) => tokio::time::sleep(*d).await,
            Step::End => socket.write_all(b"0\r\n\r\n").await?,
        }
        socket.flush().await?;
    }
    // Dropping the socket closes the connection, in the middle of the body if no `End`.
    Ok(())
}

async fn write_chunk(socket: &mut TcpStream, data: &[u8]) -> std::io::Result<()> {
    if data.is_empty() {
        return Ok(());
    }
    socket
        .write_all(format!("{:x}\r\n", data.len()).as_bytes())
        .await?;
    socket.write_all(data).await?;
    socket.write_all(b"\r\n").await
}

/// A frame of the multiplexed stream.
pub fn frame(stream: u8, data: &[u8]) -> Vec<u8> {
    let mut v = vec![stream, 0, 0, 0];
    v.extend_from_slice(&(data.len() as u32).to_be_bytes());
    v.extend_from_slice(data);
    v
}
