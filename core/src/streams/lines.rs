//! Splits a body into lines: `\n` or `\r\n`, objects split across reads and several per read,
//! blank lines skipped. A line longer than the limit is an error, never unbounded growth.

use bytes::{Bytes, BytesMut};

/// The longest line accepted. The daemon's largest lines (build output, stats) are far below.
pub(crate) const MAX_LINE: usize = 64 * 1024 * 1024;

#[derive(Debug)]
pub(crate) struct LineDecoder {
    buf: BytesMut,
    /// How far `buf` is known to hold no `\n`: each byte is scanned once.
    scanned: usize,
    max: usize,
}

/// A line longer than the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineTooLong {
    pub max: usize,
}

impl LineDecoder {
    pub(crate) fn new(max: usize) -> LineDecoder {
        LineDecoder {
            buf: BytesMut::new(),
            scanned: 0,
            max,
        }
    }

    pub(crate) fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete, non-blank line without its end, if there is one.
    pub(crate) fn next_line(&mut self) -> Result<Option<Bytes>, LineTooLong> {
        loop {
            let Some(pos) = self.buf[self.scanned..].iter().position(|&b| b == b'\n') else {
                self.scanned = self.buf.len();
                if self.buf.len() > self.max {
                    return Err(LineTooLong { max: self.max });
                }
                return Ok(None);
            };
            let end = self.scanned + pos;
            if end > self.max {
                return Err(LineTooLong { max: self.max });
            }
            let line = self.buf.split_to(end + 1).freeze();
            self.scanned = 0;
            if let Some(line) = trimmed(line) {
                return Ok(Some(line));
            }
        }
    }

    /// At the end of the body: what is left, when it is not blank (a last line without `\n`).
    pub(crate) fn finish(&mut self) -> Option<Bytes> {
        trimmed(std::mem::take(&mut self.buf).freeze())
    }
}

fn trimmed(line: Bytes) -> Option<Bytes> {
    let start = line.iter().position(|b| !b.is_ascii_whitespace())?;
    let end = line.iter().rposition(|b| !b.is_ascii_whitespace())? + 1;
    Some(line.slice(start..end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_lines(d: &mut LineDecoder) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(l) = d.next_line().unwrap() {
            out.push(String::from_utf8(l.to_vec()).unwrap());
        }
        out
    }

    const INPUT: &[u8] = b"{\"a\":1}\r\n\r\n{\"b\":2}\n\n  \n{\"c\":\"x y\"}\n{\"d\":4}";
    const LINES: [&str; 4] = [r#"{"a":1}"#, r#"{"b":2}"#, r#"{"c":"x y"}"#, r#"{"d":4}"#];

    #[test]
    fn split_at_every_offset() {
        for cut in 0..=INPUT.len() {
            let mut d = LineDecoder::new(MAX_LINE);
            d.push(&INPUT[..cut]);
            let mut got = all_lines(&mut d);
            d.push(&INPUT[cut..]);
            got.extend(all_lines(&mut d));
            got.extend(d.finish().map(|l| String::from_utf8(l.to_vec()).unwrap()));
            assert_eq!(got, LINES, "cut at {cut}");
        }
    }

    #[test]
    fn byte_by_byte() {
        let mut d = LineDecoder::new(MAX_LINE);
        let mut got = Vec::new();
        for b in INPUT {
            d.push(&[*b]);
            got.extend(all_lines(&mut d));
        }
        got.extend(d.finish().map(|l| String::from_utf8(l.to_vec()).unwrap()));
        assert_eq!(got, LINES);
    }

    #[test]
    fn long_lines_are_refused() {
        let mut d = LineDecoder::new(10);
        d.push(b"0123456789");
        assert_eq!(d.next_line(), Ok(None));
        d.push(b"X");
        assert_eq!(d.next_line(), Err(LineTooLong { max: 10 }));
        let mut d = LineDecoder::new(10);
        d.push(b"short\n0123456789ABC\n");
        assert_eq!(d.next_line().unwrap().as_deref(), Some(&b"short"[..]));
        assert!(d.next_line().is_err());
    }
}
