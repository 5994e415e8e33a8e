//! Decoder of the daemon's multiplexed stream: frames of an 8-byte header (stream id, three
//! zero bytes, big-endian u32 payload length) and the payload.
//!
//! Payload is handed out as slices of the bytes read (never copied, never accumulated), so a
//! header claiming 4 GiB costs nothing until the bytes arrive; only the 8 header bytes and a
//! `systemerr` message (bounded) are ever buffered.

use super::output::{OutputChunk, OutputKind};
use bytes::{Bytes, BytesMut};

/// A `systemerr` frame carries an error message of the daemon; longer ones are cut.
const MAX_SYSTEM_ERROR: usize = 64 * 1024;

/// Why decoding stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FrameError {
    /// Stream id 3: the daemon reports an error in the stream itself.
    System(String),
    /// A stream id the protocol does not have.
    UnknownStream(u8),
    /// The body ended inside a header or a payload.
    Truncated { expected: u64, got: u64 },
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::System(m) => f.write_str(m),
            FrameError::UnknownStream(id) => {
                write!(f, "bad frame header: unknown stream id {id}")
            }
            FrameError::Truncated { expected, got } => {
                write!(f, "truncated frame: expected {expected} bytes, got {got}")
            }
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct FrameDecoder {
    header: [u8; 8],
    header_len: usize,
    /// The payload length of the current frame, and how much of it is still to come.
    frame_len: u64,
    remaining: u64,
    current: Option<OutputKind>,
    /// The message of a `systemerr` frame being read.
    system: Option<BytesMut>,
}

impl FrameDecoder {
    /// Decodes `input`, pushing payload chunks to `out` in order. On an error, the chunks
    /// before it are in `out`, and the decoder must not be used again.
    pub(crate) fn decode(
        &mut self,
        mut input: Bytes,
        out: &mut Vec<OutputChunk>,
    ) -> Result<(), FrameError> {
        while !input.is_empty() {
            if self.remaining == 0 {
                let take = (8 - self.header_len).min(input.len());
                self.header[self.header_len..self.header_len + take]
                    .copy_from_slice(&input[..take]);
                self.header_len += take;
                let _ = input.split_to(take);
                if self.header_len < 8 {
                    break;
                }
                self.header_len = 0;
                self.start_frame()?;
                continue;
            }
            let take = usize::try_from(self.remaining)
                .unwrap_or(usize::MAX)
                .min(input.len());
            let data = input.split_to(take);
            self.remaining -= take as u64;
            match (&mut self.system, self.current) {
                (Some(msg), _) => {
                    let room = MAX_SYSTEM_ERROR.saturating_sub(msg.len());
                    msg.extend_from_slice(&data[..data.len().min(room)]);
                }
                (None, Some(stream)) => out.push(OutputChunk { stream, data }),
                (None, None) => {}
            }
            if self.remaining == 0 {
                self.end_frame()?;
            }
        }
        Ok(())
    }

    fn start_frame(&mut self) -> Result<(), FrameError> {
        let len = u32::from_be_bytes([
            self.header[4],
            self.header[5],
            self.header[6],
            self.header[7],
        ]);
        self.frame_len = u64::from(len);
        self.remaining = self.frame_len;
        self.current = match self.header[0] {
            0 => Some(OutputKind::Stdin),
            1 => Some(OutputKind::Stdout),
            2 => Some(OutputKind::Stderr),
            3 => {
                self.system = Some(BytesMut::new());
                None
            }
            other => return Err(FrameError::UnknownStream(other)),
        };
        if self.remaining == 0 {
            self.end_frame()?;
        }
        Ok(())
    }

    fn end_frame(&mut self) -> Result<(), FrameError> {
        if let Some(msg) = self.system.take() {
            let text = String::from_utf8_lossy(&msg).trim().to_string();
            return Err(FrameError::System(text));
        }
        Ok(())
    }

    /// At the end of the body: an error when it stopped inside a header or a payload.
    pub(crate) fn finish(&self) -> Result<(), FrameError> {
        if self.header_len > 0 {
            return Err(FrameError::Truncated {
                expected: 8,
                got: self.header_len as u64,
            });
        }
        if self.remaining > 0 {
            return Err(FrameError::Truncated {
                expected: self.frame_len,
                got: self.frame_len - self.remaining,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(id: u8, data: &[u8]) -> Vec<u8> {
        let mut v = vec![id, 0, 0, 0];
        v.extend_from_slice(&(data.len() as u32).to_be_bytes());
        v.extend_from_slice(data);
        v
    }

    /// Joins adjacent chunks of one stream, so that chunking does not matter.
    fn merged(chunks: &[OutputChunk]) -> Vec<(OutputKind, Vec<u8>)> {
        let mut out: Vec<(OutputKind, Vec<u8>)> = Vec::new();
        for c in chunks {
            match out.last_mut() {
                Some((k, d)) if *k == c.stream => d.extend_from_slice(&c.data),
                _ => out.push((c.stream, c.data.to_vec())),
            }
        }
        out
    }

    fn sample() -> Vec<u8> {
        let mut all = frame(1, b"hello ");
        all.extend(frame(1, b"world\n"));
        all.extend(frame(2, b"oops\n"));
        all.extend(frame(1, b""));
        all.extend(frame(0, b"in"));
        all.extend(frame(1, b"bye"));
        all
    }

    fn expected() -> Vec<(OutputKind, Vec<u8>)> {
        vec![
            (OutputKind::Stdout, b"hello world\n".to_vec()),
            (OutputKind::Stderr, b"oops\n".to_vec()),
            (OutputKind::Stdin, b"in".to_vec()),
            (OutputKind::Stdout, b"bye".to_vec()),
        ]
    }

    #[test]
    fn split_at_every_offset_gives_the_same_output() {
        let all = sample();
        for cut in 0..=all.len() {
            let mut d = FrameDecoder::default();
            let mut out = Vec::new();
            d.decode(Bytes::copy_from_slice(&all[..cut]), &mut out)
                .unwrap();
            d.decode(Bytes::copy_from_slice(&all[cut..]), &mut out)
                .unwrap();
            d.finish().unwrap();
            assert_eq!(merged(&out), expected(), "cut at {cut}");
        }
    }

    #[test]
    fn one_byte_at_a_time_and_all_at_once() {
        let all = sample();
        let mut d = FrameDecoder::default();
        let mut out = Vec::new();
        for b in &all {
            d.decode(Bytes::copy_from_slice(&[*b]), &mut out).unwrap();
        }
        d.finish().unwrap();
        assert_eq!(merged(&out), expected());
        let mut d = FrameDecoder::default();
        let mut out = Vec::new();
        d.decode(Bytes::from(all), &mut out).unwrap();
        assert_eq!(merged(&out), expected());
    }

    #[test]
    fn truncation_delivers_what_came_then_says_so() {
        let all = frame(1, b"0123456789");
        for cut in 1..all.len() {
            let mut d = FrameDecoder::default();
            let mut out = Vec::new();
            d.decode(Bytes::copy_from_slice(&all[..cut]), &mut out)
                .unwrap();
            let err = d.finish().unwrap_err();
            if cut < 8 {
                assert_eq!(
                    err,
                    FrameError::Truncated {
                        expected: 8,
                        got: cut as u64
                    }
                );
            } else {
                assert_eq!(
                    err.to_string(),
                    format!("truncated frame: expected 10 bytes, got {}", cut - 8)
                );
                assert_eq!(merged(&out).concat_data(), &all[8..cut]);
            }
        }
    }

    #[test]
    fn a_huge_length_allocates_nothing() {
        let mut d = FrameDecoder::default();
        let mut out = Vec::new();
        let mut input = vec![1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff];
        input.extend_from_slice(b"abc");
        d.decode(Bytes::from(input), &mut out).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(&out[0].data[..], b"abc");
        assert_eq!(
            d.finish().unwrap_err(),
            FrameError::Truncated {
                expected: u64::from(u32::MAX),
                got: 3
            }
        );
    }

    #[test]
    fn systemerr_and_unknown_ids_are_errors() {
        let mut all = frame(1, b"before");
        all.extend(frame(3, b"exec failed: no such file\n"));
        let mut d = FrameDecoder::default();
        let mut out = Vec::new();
        let err = d.decode(Bytes::from(all), &mut out).unwrap_err();
        assert_eq!(err, FrameError::System("exec failed: no such file".into()));
        assert_eq!(&out[0].data[..], b"before");
        let mut d = FrameDecoder::default();
        assert_eq!(
            d.decode(Bytes::from(frame(7, b"x")), &mut Vec::new()),
            Err(FrameError::UnknownStream(7))
        );
    }

    trait ConcatData {
        fn concat_data(&self) -> Vec<u8>;
    }
    impl ConcatData for Vec<(OutputKind, Vec<u8>)> {
        fn concat_data(&self) -> Vec<u8> {
            self.iter().flat_map(|(_, d)| d.clone()).collect()
        }
    }
}
