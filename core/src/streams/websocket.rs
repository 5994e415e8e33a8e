//! The frames of a websocket (RFC 6455) as sent by the engine on `ContainerAttachWebsocket`:
//! the payloads of data frames as bytes, until a close frame or the end of the connection.
//! Control frames (ping, pong) carry no container output and are skipped.

use crate::error::{Error, ErrorKind};
use crate::Result;
use bytes::{Buf, Bytes, BytesMut};
use futures_util::stream::{BoxStream, StreamExt};

const CLOSE: u8 = 0x8;

/// One complete frame at the start of `buf`: (opcode, payload), removed from `buf`.
fn take_frame(buf: &mut BytesMut) -> Result<Option<(u8, Bytes)>> {
    if buf.len() < 2 {
        return Ok(None);
    }
    let opcode = buf[0] & 0x0f;
    let masked = buf[1] & 0x80 != 0;
    let (len, mut at) = match buf[1] & 0x7f {
        126 if buf.len() >= 4 => (u16::from_be_bytes([buf[2], buf[3]]) as u64, 4),
        127 if buf.len() >= 10 => (u64::from_be_bytes(buf[2..10].try_into().expect("8")), 10),
        126 | 127 => return Ok(None),
        n => (n as u64, 2),
    };
    let len = usize::try_from(len)
        .map_err(|_| Error::new(ErrorKind::Stream, "a websocket frame too large"))?;
    let mask = if masked {
        if buf.len() < at + 4 {
            return Ok(None);
        }
        at += 4;
        Some([buf[at - 4], buf[at - 3], buf[at - 2], buf[at - 1]])
    } else {
        None
    };
    if buf.len() < at + len {
        return Ok(None);
    }
    buf.advance(at);
    let mut payload = buf.split_to(len);
    if let Some(mask) = mask {
        for (i, b) in payload.iter_mut().enumerate() {
            *b ^= mask[i % 4];
        }
    }
    Ok(Some((opcode, payload.freeze())))
}

/// The data payloads of the websocket whose raw bytes `raw` yields.
pub(crate) fn payloads(
    raw: BoxStream<'static, Result<Bytes>>,
    op: &'static str,
) -> BoxStream<'static, Result<Bytes>> {
    futures_util::stream::unfold(
        (raw, BytesMut::new(), false),
        move |(mut raw, mut buf, done)| async move {
            if done {
                return None;
            }
            loop {
                match take_frame(&mut buf) {
                    Err(e) => return Some((Err(e.with_operation(op)), (raw, buf, true))),
                    Ok(Some((CLOSE, _))) => return None,
                    Ok(Some((0x0..=0x2, data))) if !data.is_empty() => {
                        return Some((Ok(data), (raw, buf, false)))
                    }
                    Ok(Some(_)) => continue,
                    Ok(None) => {}
                }
                match raw.next().await {
                    Some(Ok(more)) => buf.extend_from_slice(&more),
                    Some(Err(e)) => return Some((Err(e), (raw, buf, true))),
                    // The engine closed without a close frame: the output ends there.
                    None => return None,
                }
            }
        },
    )
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(parts: Vec<&'static [u8]>) -> Vec<Vec<u8>> {
        let raw = futures_util::stream::iter(parts.into_iter().map(|p| Ok(Bytes::from(p)))).boxed();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(payloads(raw, "Test").map(|r| r.unwrap().to_vec()).collect())
    }

    #[test]
    fn data_frames_split_anywhere_then_close() {
        // "hi" (text), a ping, "there" (binary, masked), close, then bytes never read.
        let got = frames(vec![
            b"\x81\x02h",
            b"i\x89\x00\x82\x85\x01\x02\x03\x04",
            b"\x75\x6a\x66\x76\x64",
            b"\x88\x00\x81\x01x",
        ]);
        assert_eq!(got, vec![b"hi".to_vec(), b"there".to_vec()]);
    }

    #[test]
    fn extended_length() {
        let mut frame = vec![0x82, 126, 0x01, 0x00];
        frame.extend(std::iter::repeat_n(b'a', 256));
        let got = frames(vec![Box::leak(frame.into_boxed_slice())]);
        assert_eq!(got, vec![vec![b'a'; 256]]);
    }
}
