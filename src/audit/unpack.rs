//! What hides a scanned file's text from the finder, undone as the file streams by:
//! gzip compression (`.gz` logs, recognised by their magic bytes, whatever their name),
//! UTF-16 (with a byte-order mark, or without one when the NUL bytes give it away) and a
//! UTF-8 byte-order mark. The finder then sees UTF-8 text, so lines and columns count in
//! the decompressed, decoded text. Other compressed and archive formats are named, not
//! opened.
//!
//! Memory stays bounded: the decompressor and the transcoder work on fixed buffers, and
//! decompression stops at a cap (a gzip bomb is cut short there, and the caller counts
//! the file as skipped).

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use flate2::read::MultiGzDecoder;

/// Bytes looked at to recognise UTF-16 without a byte-order mark.
const SNIFF: usize = 512;

/// The magic numbers of compressed and archive formats jwtx does not open: zip, bzip2,
/// xz, zstd (RFC 8878), 7z, lz4 frames. (gzip, RFC 1952, is opened.)
const UNOPENED: [(&[u8], &str); 6] = [
    (b"PK\x03\x04", "zip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x04\x22\x4d\x18", "lz4"),
];

const GZIP: &[u8] = b"\x1f\x8b";

/// A file's text, ready for the finder.
pub struct Opened {
    pub reader: Box<dyn Read + Send>,
    /// What was undone, outermost first: `gzip`, `utf-16le`, `utf-16be` (a UTF-8
    /// byte-order mark is not worth naming).
    pub layers: Vec<&'static str>,
    /// Set when decompression reached the cap and the rest of the file was left unread.
    pub capped: Arc<AtomicBool>,
}

/// What [`open`] found.
pub enum Unpacked {
    Text(Opened),
    /// A compressed or archive format jwtx does not open, by name.
    Unopened(&'static str),
}

/// Opens `reader` for the finder: gunzips it (up to `max_decompressed` bytes) and
/// transcodes UTF-16 to UTF-8, as its first bytes say.
pub fn open(reader: Box<dyn Read + Send>, max_decompressed: u64) -> io::Result<Unpacked> {
    let (head, rest) = read_head(reader, SNIFF)?;
    let capped = Arc::new(AtomicBool::new(false));
    let mut layers = Vec::new();
    let (head, rest) = if head.starts_with(GZIP) {
        layers.push("gzip");
        let decoder = MultiGzDecoder::new(io::Cursor::new(head).chain(rest));
        let limited = Capped {
            inner: decoder,
            left: max_decompressed,
            capped: Arc::clone(&capped),
        };
        read_head(Box::new(limited), SNIFF)?
    } else if let Some((_, name)) = UNOPENED.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Ok(Unpacked::Unopened(name));
    } else {
        (head, rest)
    };
    let (skip, utf16) = text_encoding(&head);
    let text: Box<dyn Read + Send> = Box::new(io::Cursor::new(head).chain(rest));
    let mut text = text;
    io::copy(&mut (&mut text).take(skip as u64), &mut io::sink())?;
    let reader: Box<dyn Read + Send> = match utf16 {
        Some(big_endian) => {
            layers.push(if big_endian { "utf-16be" } else { "utf-16le" });
            Box::new(Utf16 {
                inner: text,
                big_endian,
                raw: Vec::new(),
                out: Vec::new(),
                pos: 0,
                eof: false,
            })
        }
        None => text,
    };
    Ok(Unpacked::Text(Opened {
        reader,
        layers,
        capped,
    }))
}

/// Reads up to `n` bytes (fewer only at the end of the input) and returns them with the
/// reader, to be chained back together.
fn read_head(
    mut reader: Box<dyn Read + Send>,
    n: usize,
) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::with_capacity(n);
    (&mut reader).take(n as u64).read_to_end(&mut head)?;
    Ok((head, reader))
}

/// The byte-order mark to skip and whether the text is UTF-16 (`Some(big_endian)`), from
/// the first bytes: a BOM, or ASCII-range text with every other byte NUL.
fn text_encoding(head: &[u8]) -> (usize, Option<bool>) {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return (3, None);
    }
    if head.starts_with(b"\xFF\xFE") && !head.starts_with(b"\xFF\xFE\x00\x00") {
        return (2, Some(false));
    }
    if head.starts_with(b"\xFE\xFF") {
        return (2, Some(true));
    }
    let pairs = head.len() / 2;
    if pairs < 4 {
        return (0, None);
    }
    let zero_at = |offset: usize| {
        head.chunks_exact(2)
            .filter(|pair| pair[offset] == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    // Nearly every unit's high byte is NUL and its low byte is not: ASCII-range text in
    // UTF-16. Binary files seldom keep that up for hundreds of bytes.
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let hardly = |n: usize| n * 20 <= pairs;
    if mostly(odd) && hardly(even) {
        (0, Some(false))
    } else if mostly(even) && hardly(odd) {
        (0, Some(true))
    } else {
        (0, None)
    }
}

/// A reader that ends after `left` bytes and records that it cut the input short.
struct Capped<R> {
    inner: R,
    left: u64,
    capped: Arc<AtomicBool>,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // Is there more? One byte tells.
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? > 0 {
                self.capped.store(true, Ordering::Relaxed);
            }
            return Ok(0);
        }
        let max = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// UTF-16 in, UTF-8 out, a buffer at a time. Unpaired surrogates and a lone last byte
/// become U+FFFD, as any UTF-16 decoder would show them.
struct Utf16<R> {
    inner: R,
    big_endian: bool,
    /// Input bytes not yet decoded (an odd byte, or a high surrogate awaiting its pair).
    raw: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    eof: bool,
}

/// Input bytes read per refill.
const UTF16_CHUNK: usize = 64 * 1024;

impl<R: Read> Utf16<R> {
    fn refill(&mut self) -> io::Result<()> {
        let start = self.raw.len();
        self.raw.resize(start + UTF16_CHUNK, 0);
        let n = loop {
            match self.inner.read(&mut self.raw[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.raw.truncate(start);
                    return Err(e);
                }
            }
        };
        self.raw.truncate(start + n);
        self.eof = n == 0;
        let unit = |pair: &[u8]| {
            let bytes = [pair[0], pair[1]];
            if self.big_endian {
                u16::from_be_bytes(bytes)
            } else {
                u16::from_le_bytes(bytes)
            }
        };
        let mut units: Vec<u16> = self.raw.chunks_exact(2).map(unit).collect();
        if !self.eof && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            units.pop();
        }
        let used = if self.eof {
            self.raw.len()
        } else {
            units.len() * 2
        };
        self.out.clear();
        self.pos = 0;
        let mut encoded = [0u8; 4];
        for c in char::decode_utf16(units) {
            let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
            self.out
                .extend_from_slice(c.encode_utf8(&mut encoded).as_bytes());
        }
        if self.eof && self.raw.len() % 2 == 1 {
            self.out.extend_from_slice(
                char::REPLACEMENT_CHARACTER
                    .encode_utf8(&mut encoded)
                    .as_bytes(),
            );
        }
        self.raw.drain(..used);
        Ok(())
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.out.len() {
            if self.eof {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Parses a size: bytes, or a number with K, M or G (binary multiples: `64M` is 64 MiB).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size (bytes, or a number with K, M or G)"))?;
    n.checked_mul(1u64 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{text}` is out of range"))
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    fn unpack(bytes: &[u8], cap: u64) -> (Vec<u8>, Vec<&'static str>, bool) {
        match open(Box::new(io::Cursor::new(bytes.to_vec())), cap).unwrap() {
            Unpacked::Text(mut opened) => {
                let mut out = Vec::new();
                opened.reader.read_to_end(&mut out).unwrap();
                (out, opened.layers, opened.capped.load(Ordering::Relaxed))
            }
            Unpacked::Unopened(name) => (name.as_bytes().to_vec(), vec!["unopened"], false),
        }
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    const TEXT: &str = "line one é\nline 😀 two\n";

    #[test]
    fn plain_text_passes_through() {
        assert_eq!(
            unpack(TEXT.as_bytes(), 1 << 20),
            (TEXT.into(), vec![], false)
        );
        assert_eq!(unpack(b"", 1 << 20), (vec![], vec![], false));
        let bom = [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat();
        assert_eq!(unpack(&bom, 1 << 20).0, TEXT.as_bytes());
    }

    #[test]
    fn utf16_with_and_without_bom() {
        for big_endian in [false, true] {
            let name = if big_endian { "utf-16be" } else { "utf-16le" };
            let bom = utf16("\u{FEFF}", big_endian);
            let body = utf16(TEXT, big_endian);
            let with = [bom, body.clone()].concat();
            assert_eq!(unpack(&with, 1 << 20), (TEXT.into(), vec![name], false));
            assert_eq!(unpack(&body, 1 << 20), (TEXT.into(), vec![name], false));
        }
        // A long text (with a BOM: it has no NUL bytes): surrogate pairs across refills,
        // and an odd last byte.
        let long = "😀a".repeat(UTF16_CHUNK);
        let mut bytes = utf16(&format!("\u{FEFF}{long}"), false);
        assert!(unpack(&bytes, 1 << 20).0 == long.as_bytes());
        bytes.push(b'x');
        assert!(unpack(&bytes, 1 << 20).0 == format!("{long}\u{FFFD}").as_bytes());
    }

    #[test]
    fn binary_is_not_taken_for_utf16() {
        let binary: Vec<u8> = (0..2048u32).map(|i| (i * 7 % 251) as u8).collect();
        assert_eq!(unpack(&binary, 1 << 20).1, Vec::<&str>::new());
        let sparse: Vec<u8> = (0..2048u32)
            .map(|i| if i % 4 == 0 { 0 } else { 65 })
            .collect();
        assert_eq!(unpack(&sparse, 1 << 20).1, Vec::<&str>::new());
    }

    #[test]
    fn gzip_is_opened_and_capped() {
        let (out, layers, capped) = unpack(&gzip(TEXT.as_bytes()), 1 << 20);
        assert_eq!(
            (out.as_slice(), layers, capped),
            (TEXT.as_bytes(), vec!["gzip"], false)
        );
        // Concatenated members (logrotate, cat a.gz b.gz), then UTF-16 inside gzip.
        let two = [gzip(b"a\n"), gzip(b"b\n")].concat();
        assert_eq!(unpack(&two, 1 << 20).0, b"a\nb\n");
        let inner = unpack(&gzip(&utf16(TEXT, false)), 1 << 20);
        assert_eq!(
            (inner.0.as_slice(), inner.1),
            (TEXT.as_bytes(), vec!["gzip", "utf-16le"])
        );
        // A bomb stops at the cap.
        let bomb = gzip(&vec![b'a'; 4 << 20]);
        let (out, _, capped) = unpack(&bomb, 1 << 20);
        assert_eq!((out.len(), capped), (1 << 20, true));
        // Exactly at the cap is not cut short.
        let (out, _, capped) = unpack(&gzip(&vec![b'a'; 1 << 20]), 1 << 20);
        assert_eq!((out.len(), capped), (1 << 20, false));
    }

    #[test]
    fn other_archives_are_named() {
        assert_eq!(unpack(b"PK\x03\x04rest", 1 << 20).0, b"zip");
        assert_eq!(unpack(b"BZh91AY", 1 << 20).0, b"bzip2");
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("2m"), Ok(2 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("1T").is_err());
        assert!(parse_size("99999999999G").is_err());
    }
}
