//! Finding tokens inside arbitrary text (`jwtx audit --scan`).
//!
//! This module only finds *well-shaped candidates*; whether a candidate is a real token
//! is for the caller to decide with the token core's parser.
//!
//! # Candidate shape
//!
//! A candidate is a run of base64url characters and dots that
//!
//! * starts at a left boundary: the previous byte is not `[A-Za-z0-9_.-]` (so `=`, `"`,
//!   `:`, spaces, `?`, `&` … all work, and nothing is found in the middle of a longer
//!   base64 run), or the previous bytes are an escaped delimiter: `%XX` or `\n`, `\r`,
//!   `\t` as written in URLs and JSON strings;
//! * starts with a header segment of at least ten base64url characters that decodes to
//!   a JSON object opening: `{"` (`eyI`, `eyJ`, `eyK`, `eyL`), `{` + space(s) + `"`
//!   (`eyA…`), or `{` + tab/CR/LF (`ewo…`, `ewk…`, `ew0…`, pretty-printed headers). This
//!   is stricter than "`ey` followed by anything" and is what keeps dotted names such as
//!   `eyeglasses.example.com` out;
//! * has 3 (JWS) or 5 (JWE) dot-separated segments. Any segment other than the header may
//!   be empty: unsigned `alg: none` tokens end with a dot, a JWE may have an empty
//!   encrypted key.
//!
//! Segment counting, applied to the whole maximal run: trailing empty segments are
//! dropped while more than three segments remain (a dot after a token is punctuation:
//! `see x.y.z.` gives `x.y.z`, `x.y..` gives the unsigned `x.y.`); then 3 or 5 segments
//! are taken as they are, 4 segments give the first 3, 6 or more give the first 5, fewer
//! than 3 give nothing.
//!
//! Sloppy padded tokens are found with their padding: a segment may end with the `=` or
//! `==` that completes it to a multiple of four characters, when followed by a dot or by
//! a byte that is neither base64url nor `=` (so `x.y.z=&a=1` still ends at `z`, but a
//! padded segment keeps its `=`; the parser reports the padding as an anomaly).
//!
//! A run of token characters longer than [`MAX_TOKEN_LEN`] is skipped entirely, never
//! split into a partial candidate. Percent-encoded tokens and tokens split across lines
//! are out of scope.
//!
//! # Base64-wrapped tokens
//!
//! Tokens also hide inside base64: a Kubernetes Secret's `data:` values, HAR bodies with
//! `"encoding": "base64"`, `Basic` credentials such as `user:<token>`. Decoding every
//! base64-looking run would be slow, so the finder looks for *anchors*: the base64 forms
//! of `eyJ` (how every JSON header `{"a…` starts) at each of the three byte alignments,
//! `ZXlK`, `V5S` and `leU`. Each anchor fixes where its 4-character group starts. (The
//! anchors of a token encoded twice, such as a Docker `auth` value inside a Secret, would
//! be nine more literals, and searching for them slowed the plain scan by about a third:
//! they are left out.) At an anchor the finder
//!
//! * follows the run of base64 characters (standard or URL-safe, never mixed) from that
//!   group, up to [`WRAPPED_WINDOW`] characters;
//! * skips it when it is shorter than a token could be, or when a dot follows it (a
//!   segment of a token or a dotted name);
//! * decodes a short prefix and goes on only if it holds a header start;
//! * decodes the run once and finds tokens in the decoded bytes with the same rules
//!   (at most [`MAX_BASE64_DEPTH`] decoding).
//!
//! A token found this way is reported at the start of the 4-character group holding its
//! first byte in the outer text, with [`Found::base64`] saying how many decodings it took.
//! Every byte is decoded at most once per level, so the work stays linear.
//!
//! # Positions
//!
//! Lines are 1-based and counted by `\n`. Columns are 1-based and count Unicode code
//! points since the last `\n` (SARIF `unicodeCodePoints`); a byte that is not part of a
//! valid UTF-8 sequence counts as one column.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};

use anyhow::Context as _;
use ignore::WalkBuilder;
use ignore::overrides::{Override, OverrideBuilder};
use regex::bytes::Regex;

/// A candidate token found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode code points (SARIF `columnKind: unicodeCodePoints`).
    pub column: usize,
    /// The candidate, exactly as it appears in the text (ASCII only).
    pub text: String,
    /// The URL parameter the candidate is the value of, when it directly follows one
    /// (see [`url_parameter`]): the delimiter and the name, e.g. `?access_token`,
    /// `#id_token`, `&token`.
    pub url_parameter: Option<String>,
    /// How many base64 decodings the token was under (0: it is in the text as it is; see
    /// the module documentation).
    pub base64: u8,
}

/// Longest candidate considered (longer runs are skipped, never split).
pub const MAX_TOKEN_LEN: usize = 64 * 1024;

/// Bytes read from the input per step of [`scan_reader`].
const CHUNK_SIZE: usize = 1 << 20;

/// Base64 decodings a token may be under (a scanner inside a decoded run counts one).
pub const MAX_BASE64_DEPTH: u8 = 1;

/// Characters of the longest token encoded in base64 (4 characters for 3 bytes), with a
/// few groups to spare.
pub const WRAPPED_TOKEN_MAX: usize = MAX_TOKEN_LEN / 3 * 4 + 64;

/// Characters of a base64 run decoded at once, from an anchor's group. A longer run is
/// decoded in overlapping windows: tokens whose group starts in the last
/// [`WRAPPED_TOKEN_MAX`] characters of a window are left for the next one.
pub const WRAPPED_WINDOW: usize = 2 * WRAPPED_TOKEN_MAX;

/// Shortest base64 run (from the anchor's group) that can hold a token: the shortest
/// token, `eyJhbGciOiJub25lIn0.e30.`, is 24 bytes.
const WRAPPED_MIN: usize = 32;

/// Characters decoded to judge an anchor before its whole run is decoded.
const PROBE: usize = 68;

/// Room kept in the buffer for bytes carried from one step to the next: a pending run of
/// at most `MAX_TOKEN_LEN` bytes plus two padding bytes, or a base64 window and the group
/// before it, and a few bytes of context.
const CARRY_MAX: usize = WRAPPED_WINDOW + LEFT_CONTEXT + 64;

/// Bytes before a candidate that [`left_boundary`] and [`url_parameter`] look at: a
/// percent-encoded delimiter, a parameter name of at most [`PARAMETER_NAME_MAX`] bytes
/// and a percent-encoded `=`.
const LEFT_CONTEXT: usize = PARAMETER_NAME_MAX + 8;

/// Longest URL parameter name [`url_parameter`] recognises.
const PARAMETER_NAME_MAX: usize = 48;

/// Length of a [`START`] match: the first ten characters of a header segment.
const START_LEN: usize = 10;

/// The first ten characters of a header segment. The first three bytes of the header
/// must decode to `{"`, `{` space `"`/whitespace, or `{` tab/CR/LF then `"`/whitespace:
///
/// * `{"` + any byte: `ey` + `[IJKL]` (the low bits carry the next byte's top bits);
/// * `{ ` + `"`, space, tab, LF, CR: `eyA` + `[igJKN]`;
/// * `{` + tab (`ewk`), LF (`ewo`), CR (`ew0`), then `"`/whitespace: `[igJKN]`.
///
/// The same search also finds the base64 [`ANCHORS`], which never start with `e`.
static START: LazyLock<Regex> = LazyLock::new(|| {
    let anchors: Vec<&str> = ANCHORS.iter().map(|a| a.text).collect();
    Regex::new(&format!(
        r"(?:ey[IJKL][A-Za-z0-9_-]|eyA[gijKN]|ew[ok0][gijKN])[A-Za-z0-9_-]{{6}}|{}",
        anchors.join("|")
    ))
    .expect("the start pattern is a valid regex")
});

/// A fixed part of the base64 form of `eyJ` (once or twice encoded).
struct Anchor {
    text: &'static str,
    /// Characters of its 4-character group before it.
    offset: usize,
    /// Times `eyJ` was encoded to give it.
    level: u8,
}

/// The parts of the base64 forms of `eyJ` that do not depend on the bytes around it, at
/// each alignment (`eyJ` at byte 0, 1 or 2 of a 3-byte group). Worked out by encoding
/// `eyJ` between random bytes and keeping the characters that never changed;
/// `tests::anchors_are_the_fixed_parts` checks them the same way.
static ANCHORS: [Anchor; 3] = [
    Anchor {
        text: "ZXlK",
        offset: 0,
        level: 1,
    },
    Anchor {
        text: "V5S",
        offset: 2,
        level: 1,
    },
    Anchor {
        text: "leU",
        offset: 3,
        level: 1,
    },
];

/// The anchor a [`START`] match at `p` is, if it is one (a header start begins with `e`).
fn anchor_at(buf: &[u8], p: usize) -> Option<&'static Anchor> {
    if buf.get(p) == Some(&b'e') {
        return None;
    }
    ANCHORS
        .iter()
        .find(|a| buf[p..].starts_with(a.text.as_bytes()))
}

const B64: u8 = 1;
const DOT: u8 = 2;

/// Byte classes: base64url alphabet and the dot.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' {
            t[b] = B64;
        } else if c == b'.' {
            t[b] = DOT;
        }
        b += 1;
    }
    t
};

#[inline]
fn is_b64(b: u8) -> bool {
    CLASS[b as usize] == B64
}

/// A character of standard or URL-safe base64 (not padding).
#[inline]
fn is_base64_any(b: u8) -> bool {
    is_b64(b) || b == b'+' || b == b'/'
}

/// Decodes a run of base64 characters, standard or URL-safe but not both, ignoring a
/// last lone character and the unused bits of the last group: the run may be cut short.
fn decode_base64(chars: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine as _;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    const STANDARD: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, LENIENT);
    const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::URL_SAFE, LENIENT);
    let chars = &chars[..chars.len() - usize::from(chars.len() % 4 == 1)];
    let url = chars.iter().any(|&c| c == b'-' || c == b'_');
    let standard = chars.iter().any(|&c| c == b'+' || c == b'/');
    match (url, standard) {
        (true, true) => None,
        (true, false) => URL_SAFE.decode(chars).ok(),
        (false, _) => STANDARD.decode(chars).ok(),
    }
}

/// Where the group of the anchor at `a` starts: `a` minus the anchor's offset, when the
/// characters between are base64. `whole` says that `buf` starts where its text starts
/// (not inside a run, as decoded text may).
fn anchor_group(buf: &[u8], a: usize, anchor: &Anchor, whole: bool) -> Option<usize> {
    let g = a.checked_sub(anchor.offset)?;
    if !buf[g..a].iter().all(|&b| is_base64_any(b)) {
        return None;
    }
    // The run must start at the group or hold a whole group before it: a run that starts
    // one to three characters before it is aligned otherwise.
    let before = buf[g.saturating_sub(4)..g]
        .iter()
        .rev()
        .take_while(|&&b| is_base64_any(b))
        .count();
    (before == 0 || before == 4 || (!whole && before == g)).then_some(g)
}

/// Where decoding starts for a group at `g`: one group earlier when the run holds one,
/// so the decoded text keeps the byte before the token (its left boundary).
fn window_start(buf: &[u8], g: usize) -> usize {
    if g >= 4 && buf[g - 4..g].iter().all(|&b| is_base64_any(b)) {
        g - 4
    } else {
        g
    }
}

/// Whether decoded text (a probe's few bytes) holds a header start at a left boundary,
/// or, with `levels` left, an anchor whose own probe does.
fn plausible(text: &[u8], levels: u8) -> bool {
    let mut i = 0;
    while let Some(m) = START.find_at(text, i) {
        let p = m.start();
        match anchor_at(text, p) {
            None if left_boundary(text, p) => return true,
            Some(anchor) if anchor.level <= levels => {
                if let Some(g) = anchor_group(text, p, anchor, false) {
                    let w = window_start(text, g);
                    let end = (p..text.len().min(g + PROBE))
                        .find(|&k| !is_base64_any(text[k]))
                        .unwrap_or(text.len().min(g + PROBE));
                    if decode_base64(&text[w..end]).is_some_and(|d| plausible(&d, anchor.level - 1))
                    {
                        return true;
                    }
                }
            }
            _ => {}
        }
        i = p + 1;
    }
    false
}

/// A token character: base64url or a dot. A candidate never starts right after one of
/// these (see [`left_boundary`]).
#[inline]
fn is_tok(b: u8) -> bool {
    CLASS[b as usize] != 0
}

/// A UTF-8 continuation byte.
#[inline]
fn is_cont(b: u8) -> bool {
    (0x80..0xC0).contains(&b)
}

/// Streams `reader` in bounded chunks and calls `found` for each candidate, in order.
/// Memory stays bounded (about 1 MiB plus [`WRAPPED_WINDOW`] for the read buffer, and a
/// decoded window of at most three quarters of that at each of [`MAX_BASE64_DEPTH`] levels)
/// whatever the input, binary files and very long lines included.
pub fn scan_reader<R: Read>(reader: R, found: impl FnMut(Found)) -> io::Result<()> {
    scan_reader_chunked(reader, CHUNK_SIZE, found)
}

/// Convenience for tests and small inputs: every candidate in `bytes`, in order.
pub fn scan_bytes(bytes: &[u8]) -> Vec<Found> {
    let mut out = Vec::new();
    Scanner::new().scan(bytes, 0, true, &mut |_, f| out.push(f));
    out
}

/// [`scan_reader`] with an explicit chunk size (small sizes exercise chunk boundaries).
fn scan_reader_chunked<R: Read>(
    mut reader: R,
    chunk: usize,
    mut found: impl FnMut(Found),
) -> io::Result<()> {
    let chunk = chunk.max(1);
    let mut buf = vec![0u8; chunk + CARRY_MAX];
    // `buf[..filled]` holds data; searching resumes at `scan_from`. Invariant: either
    // the buffer starts at the start of the input or `scan_from >= LEFT_CONTEXT`, so
    // the bytes before a candidate that decide its left boundary are in the buffer.
    let mut filled = 0;
    let mut scan_from = 0;
    let mut scanner = Scanner::new();
    loop {
        if buf.len() < filled + chunk {
            // Not expected (the carry is bounded by CARRY_MAX), but never index out of range.
            buf.resize(filled + chunk, 0);
        }
        let n = loop {
            match reader.read(&mut buf[filled..filled + chunk]) {
                Ok(n) => break n.min(chunk),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        filled += n;
        let eof = n == 0;
        let data = &buf[..filled];
        let resume = scanner.scan(data, scan_from, eof, &mut |_, f| found(f));
        if eof {
            return Ok(());
        }
        // Keep everything from `resume` on, plus the bytes before it that decide a left
        // boundary, moved back to a point where splitting cannot cut a UTF-8 sequence.
        let keep = clean_split(data, resume.saturating_sub(LEFT_CONTEXT), scanner.at);
        scanner.shift(data, keep);
        buf.copy_within(keep..filled, 0);
        filled -= keep;
        scan_from = resume - keep;
    }
}

/// A split point at or before `k` (and not before `floor`, itself a clean point) such
/// that no UTF-8 sequence starting before it could continue after it: counting code
/// points on both sides separately then gives the same total as counting them at once.
fn clean_split(buf: &[u8], k: usize, floor: usize) -> usize {
    let k = k.min(buf.len().saturating_sub(1));
    if k <= floor {
        return floor;
    }
    if !is_cont(buf[k]) {
        return k;
    }
    // `buf[k]` continues something: split before the lead byte if it is at most three
    // bytes back; if there is none, nothing before `k` can be continued by `buf[k]`.
    (k.saturating_sub(3).max(floor)..k)
        .rev()
        .find(|&j| !is_cont(buf[j]))
        .unwrap_or(k)
}

/// Number of columns `bytes` spans: code points of valid UTF-8, one per other byte. An
/// incomplete sequence at the end counts one per byte: callers only end a span before a
/// byte that cannot continue it (see [`clean_split`]).
fn columns(mut bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len();
    }
    let mut n = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return n + count_chars(bytes),
            Err(e) => {
                let good = e.valid_up_to();
                let bad = e.error_len().unwrap_or(bytes.len() - good);
                n += count_chars(&bytes[..good]) + bad;
                bytes = &bytes[good + bad..];
            }
        }
    }
}

/// Code points in valid UTF-8: the bytes that are not continuation bytes.
fn count_chars(valid: &[u8]) -> usize {
    valid.iter().filter(|&&b| !is_cont(b)).count()
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// The scanning state carried across chunks.
struct Scanner {
    /// Buffer index up to which `line` and `col` are known.
    at: usize,
    /// 1-based line number at `at`.
    line: usize,
    /// Columns (code points) from the start of that line to `at`.
    col: usize,
    /// A candidate run starting at the resume point reached the end of the buffer:
    /// scanning of it continues this many bytes after its start.
    pending: Option<Resume>,
    /// Base64 decodings the scanned text is under (0 for the input itself).
    depth: u8,
    /// Buffer index before which base64 groups were already decoded: an anchor whose
    /// group starts before it is not decoded again.
    decoded_to: usize,
}

/// Work cut short by the end of the buffer, relative to the resume point.
#[derive(Clone, Copy)]
enum Resume {
    /// A candidate run: scanning continues this many bytes after its start.
    Run(usize),
    /// A base64 anchor this many bytes after the resume point.
    Anchor(usize),
}

/// How a run of token characters ends.
enum Run {
    /// The run ends here (exclusive).
    End(usize),
    /// The run is longer than `MAX_TOKEN_LEN`.
    TooLong,
    /// The buffer ended first; scanning of the run resumes at this index.
    NeedMore(usize),
}

enum Padding {
    No,
    /// Padding accepted; the run goes on at this index.
    Yes(usize),
    NeedMore,
}

impl Scanner {
    fn new() -> Self {
        Scanner {
            at: 0,
            line: 1,
            col: 0,
            pending: None,
            depth: 0,
            decoded_to: 0,
        }
    }

    /// Forgets the first `keep` bytes of the buffer: indices move down by `keep`.
    fn shift(&mut self, buf: &[u8], keep: usize) {
        if self.at <= keep {
            self.advance_to(buf, keep);
            self.at = 0;
        } else {
            self.at -= keep;
        }
        self.decoded_to = self.decoded_to.saturating_sub(keep);
    }

    /// Moves the position tracker to `to`, which must be a clean point (see
    /// [`clean_split`]); a candidate start, being ASCII, always is.
    fn advance_to(&mut self, buf: &[u8], to: usize) {
        if to <= self.at || to > buf.len() {
            debug_assert!(to == self.at, "position tracker moved backwards");
            return;
        }
        let span = &buf[self.at..to];
        let newlines = count_newlines(span);
        if newlines == 0 {
            self.col += columns(span);
        } else {
            let last = span.iter().rposition(|&b| b == b'\n').unwrap_or(0);
            self.line += newlines;
            self.col = columns(&span[last + 1..]);
        }
        self.at = to;
    }

    /// Scans `buf` from `i`, reporting complete candidates. Returns the resume point:
    /// everything before it is done with; the caller keeps the rest for the next call
    /// (unless `eof`, when the whole buffer is done with).
    fn scan(
        &mut self,
        buf: &[u8],
        mut i: usize,
        eof: bool,
        found: &mut dyn FnMut(usize, Found),
    ) -> usize {
        let i_max = buf.len();
        i = i.min(i_max);
        match self.pending.take() {
            Some(Resume::Run(offset)) => {
                let from = i.saturating_add(offset).min(i_max);
                match self.finish_run(buf, i, from, eof, found) {
                    Ok(next) => i = next,
                    Err(resume) => return resume,
                }
            }
            Some(Resume::Anchor(offset)) => {
                let a = i.saturating_add(offset).min(i_max);
                match anchor_at(buf, a) {
                    Some(anchor) => match self.unwrap(buf, a, anchor, eof, found) {
                        Ok(next) => i = next,
                        Err(resume) => return resume,
                    },
                    None => i = a,
                }
            }
            None => {}
        }
        loop {
            let Some(m) = START.find_at(buf, i) else {
                return if eof {
                    buf.len()
                } else {
                    // A match could still start in the last START_LEN - 1 bytes.
                    i.max(buf.len().saturating_sub(START_LEN - 1))
                };
            };
            let p = m.start();
            if let Some(anchor) = anchor_at(buf, p) {
                if self.depth + anchor.level > MAX_BASE64_DEPTH {
                    i = p + 1;
                    continue;
                }
                match self.unwrap(buf, p, anchor, eof, found) {
                    Ok(next) => i = next,
                    Err(resume) => return resume,
                }
                continue;
            }
            if !left_boundary(buf, p) {
                // Inside a longer run: not a candidate start.
                i = p + 1;
                continue;
            }
            match self.finish_run(buf, p, m.end(), eof, found) {
                Ok(next) => i = next,
                Err(resume) => return resume,
            }
        }
    }

    /// Follows the run starting at `p` (known to be a run up to `from`) and reports it if
    /// it has a token's shape. `Ok(index to search on from)`, or `Err(resume point)` when
    /// the buffer ends inside the run.
    fn finish_run(
        &mut self,
        buf: &[u8],
        p: usize,
        from: usize,
        eof: bool,
        found: &mut dyn FnMut(usize, Found),
    ) -> Result<usize, usize> {
        match extend_run(buf, p, from, eof) {
            Run::End(end) => {
                if let Some(len) = shape(&buf[p..end]) {
                    self.advance_to(buf, p);
                    found(
                        p,
                        Found {
                            line: self.line,
                            column: self.col + 1,
                            text: String::from_utf8_lossy(&buf[p..p + len]).into_owned(),
                            url_parameter: url_parameter(buf, p),
                            base64: 0,
                        },
                    );
                    Ok(end)
                } else {
                    // Not a token: the run may still hold base64 anchors (base64 of a
                    // JSON object starts like a header). No header start inside it has a
                    // left boundary, so nothing is found in its middle.
                    Ok(p + 1)
                }
            }
            // Never split into a partial candidate: as above, only anchors are found in it.
            Run::TooLong => Ok(p + 1),
            Run::NeedMore(resume_at) => {
                self.pending = Some(Resume::Run(resume_at - p));
                Err(p)
            }
        }
    }

    /// Decodes the base64 run at the anchor at `a` and reports the tokens inside it (see
    /// the module documentation). `Ok(index to search on from)`, or `Err(resume point)`
    /// when the buffer ends inside the run.
    fn unwrap(
        &mut self,
        buf: &[u8],
        a: usize,
        anchor: &Anchor,
        eof: bool,
        found: &mut dyn FnMut(usize, Found),
    ) -> Result<usize, usize> {
        let next = a + 1;
        let Some(g) = anchor_group(buf, a, anchor, self.depth == 0) else {
            return Ok(next);
        };
        if g < self.decoded_to {
            // Decoded with the window before.
            return Ok(next);
        }
        let w = window_start(buf, g);
        let limit = g + WRAPPED_WINDOW;
        let mut end = a;
        while end < buf.len().min(limit) && is_base64_any(buf[end]) {
            end += 1;
        }
        let capped = end == limit;
        if end == buf.len() && !capped && !eof {
            self.pending = Some(Resume::Anchor(a - w));
            return Err(w);
        }
        if !capped && buf.get(end) == Some(&b'.') {
            // A segment of a token, or a dotted name.
            return Ok(end);
        }
        if end - g < WRAPPED_MIN {
            return Ok(end);
        }
        let probe = decode_base64(&buf[w..end.min(g + PROBE)]);
        if !probe.is_some_and(|p| plausible(&p, anchor.level - 1)) {
            return Ok(next);
        }
        let Some(decoded) = decode_base64(&buf[w..end]) else {
            return Ok(next);
        };
        // Tokens in a window's overlap are left for the next window.
        let cut = if capped { end - WRAPPED_TOKEN_MAX } else { end };
        let mut inner = Scanner::new();
        inner.depth = self.depth + 1;
        inner.scan(&decoded, 0, true, &mut |index, f: Found| {
            let group = w + index / 3 * 4;
            if group >= cut {
                return;
            }
            let group = group.max(self.at);
            self.advance_to(buf, group);
            found(
                group,
                Found {
                    line: self.line,
                    column: self.col + 1,
                    base64: f.base64 + 1,
                    ..f
                },
            );
        });
        self.decoded_to = cut;
        Ok(cut)
    }
}

/// Can a candidate start at `p`? Yes at the start of the input and after a byte that
/// is not a token character, and also after an escaped delimiter that ends in one: a
/// percent escape (`%3D` in `redirect=…%3Faccess_token%3DeyJ…`) or a C/JSON escape
/// `\n`, `\r`, `\t` (`"msg":"…\neyJ…"`). The token itself is plain base64url either
/// way; only the delimiter before it is escaped.
fn left_boundary(buf: &[u8], p: usize) -> bool {
    if p == 0 || !is_tok(buf[p - 1]) {
        return true;
    }
    if p >= 3
        && buf[p - 3] == b'%'
        && buf[p - 2].is_ascii_hexdigit()
        && buf[p - 1].is_ascii_hexdigit()
    {
        return true;
    }
    p >= 2 && buf[p - 2] == b'\\' && matches!(buf[p - 1], b'n' | b'r' | b't')
}

/// The URL parameter whose value starts at `p`: `NAME=` (or `NAME%3D`) right before it,
/// after `?`, `#`, `&` or `;` (or `%3F`, `%23`, `%26`), as in
/// `GET /cb?access_token=eyJ…`, `…/callback#id_token=eyJ…` or
/// `redirect=https%3A%2F%2Fapp%2Fcb%3Fcode%3D1%26token%3DeyJ…`; `;` covers the HTML
/// escape `&amp;`. Returns the delimiter as written unescaped, followed by the name.
///
/// A name is up to `PARAMETER_NAME_MAX` bytes of `[A-Za-z0-9_\-\[\]]`: never a dot, so
/// the look back never crosses an earlier candidate (which has dots) and the result does
/// not depend on how the input was cut into reads.
pub fn url_parameter(buf: &[u8], p: usize) -> Option<String> {
    let is_name = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'[' | b']');
    let percent = |at: usize, code: &str| {
        buf.get(at..at + 3)
            .is_some_and(|s| s[0] == b'%' && s[1..].eq_ignore_ascii_case(code.as_bytes()))
    };
    let eq = if p >= 1 && buf[p - 1] == b'=' {
        p - 1
    } else if p >= 3 && percent(p - 3, "3D") {
        p - 3
    } else {
        return None;
    };
    let mut start = eq;
    let escape_ends_at = |i: usize| {
        i >= 3
            && buf[i - 3] == b'%'
            && buf[i - 2].is_ascii_hexdigit()
            && buf[i - 1].is_ascii_hexdigit()
    };
    while start > 0
        && eq - start < PARAMETER_NAME_MAX
        && is_name(buf[start - 1])
        && !escape_ends_at(start)
    {
        start -= 1;
    }
    if start == eq || (start > 0 && is_name(buf[start - 1]) && !escape_ends_at(start)) {
        // No name, or one too long to be a parameter name.
        return None;
    }
    let delimiter = match start.checked_sub(1).map(|i| buf[i]) {
        Some(b @ (b'?' | b'#' | b'&' | b';')) => b as char,
        _ if start >= 3 && percent(start - 3, "3F") => '?',
        _ if start >= 3 && percent(start - 3, "23") => '#',
        _ if start >= 3 && percent(start - 3, "26") => '&',
        _ => return None,
    };
    let name = std::str::from_utf8(&buf[start..eq]).ok()?;
    Some(format!("{delimiter}{name}"))
}

/// Follows a run of token characters (plus accepted padding) that starts at `p`;
/// `buf[p..i]` is already known to belong to it.
fn extend_run(buf: &[u8], p: usize, mut i: usize, eof: bool) -> Run {
    let limit = p + MAX_TOKEN_LEN;
    loop {
        let stop = buf.len().min(limit + 1);
        while i < stop && is_tok(buf[i]) {
            i += 1;
        }
        if i > limit {
            return Run::TooLong;
        }
        if i >= buf.len() {
            return if eof { Run::End(i) } else { Run::NeedMore(i) };
        }
        if buf[i] != b'=' {
            return Run::End(i);
        }
        match padding(buf, p, i, eof) {
            Padding::No => return Run::End(i),
            Padding::NeedMore => return Run::NeedMore(i),
            Padding::Yes(next) => i = next,
        }
    }
}

/// `buf[i] == b'='` right after a run: is it padding completing the segment before it?
fn padding(buf: &[u8], p: usize, i: usize, eof: bool) -> Padding {
    if i <= p || !is_b64(buf[i - 1]) {
        return Padding::No;
    }
    let segment_start = buf[p..i]
        .iter()
        .rposition(|&b| b == b'.')
        .map_or(p, |d| p + d + 1);
    let need = match (i - segment_start) % 4 {
        2 => 2,
        3 => 1,
        _ => return Padding::No,
    };
    for k in i..i + need {
        match buf.get(k) {
            None if eof => return Padding::No,
            None => return Padding::NeedMore,
            Some(&b'=') => {}
            Some(_) => return Padding::No,
        }
    }
    let end = i + need;
    match buf.get(end) {
        None if eof => Padding::Yes(end),
        None => Padding::NeedMore,
        Some(&b) if b == b'.' || !(is_b64(b) || b == b'=') => Padding::Yes(end),
        Some(_) => Padding::No,
    }
}

/// The length of the candidate in a maximal run, if it has a token's shape (see the
/// module documentation for the segment rules).
fn shape(run: &[u8]) -> Option<usize> {
    let mut end = run.len();
    let mut segments = 1 + run.iter().filter(|&&b| b == b'.').count();
    while segments > 3 && end > 0 && run[end - 1] == b'.' {
        end -= 1;
        segments -= 1;
    }
    let keep = match segments {
        0..=2 => return None,
        3 | 5 => return Some(end),
        4 => 3,
        _ => 5,
    };
    // The first `keep` segments end at the `keep`-th dot.
    run.iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'.')
        .nth(keep - 1)
        .map(|(k, _)| k)
}

/// What [`walk`] found: the files (or errors) and the exclude globs that matched nothing.
#[derive(Debug, Default)]
pub struct Walked {
    pub entries: Vec<Result<PathBuf, String>>,
    /// `--exclude` globs that matched no path, as given.
    pub unmatched: Vec<String>,
}

/// Files to scan under `paths`: files are taken as given; directories are walked
/// recursively, honouring `.gitignore`/`.ignore` files (even outside a git repository),
/// `.git/info/exclude` and git's global excludes like ripgrep does, including hidden
/// files, skipping `.git` directories, and skipping paths that match any of the
/// gitignore-style `excludes` globs.
///
/// An exclude glob matches a path either relative to the directory given (`fixtures/**`
/// skips `DIR/fixtures/...`; `*.min.js` and `vendor/`, with no inner slash, match at any
/// depth) or as jwtx prints it (`logs/app.log` under `--scan logs`, `./src/x.rs` under
/// `--scan .`; a leading `./` is optional on either side), so a path copied from a
/// report excludes that file. Symbolic links inside directories are not followed.
///
/// Order: the paths in the order given, each directory's entries sorted by path. Errors
/// (a missing path, an unreadable directory, a malformed ignore file) are yielded as
/// `Err` entries; only an invalid exclude glob fails the whole call.
pub fn walk(paths: &[PathBuf], excludes: &[String]) -> anyhow::Result<Walked> {
    // Validate the globs up front, so that a typo fails even without a directory.
    let printed = Arc::new(printed_excludes(excludes)?);
    let matched: Arc<Vec<AtomicBool>> =
        Arc::new(excludes.iter().map(|_| AtomicBool::new(false)).collect());
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => out.push(Err(format!("{}: {e}", path.display()))),
            Ok(meta) if !meta.is_dir() => out.push(Ok(path.clone())),
            Ok(_) => walk_dir(path, excludes, &printed, &matched, &mut out)?,
        }
    }
    let unmatched = excludes
        .iter()
        .zip(matched.iter())
        .filter(|(_, m)| !m.load(Ordering::Relaxed))
        .map(|(glob, _)| glob.clone())
        .collect();
    Ok(Walked {
        entries: out,
        unmatched,
    })
}

/// One exclude glob as a matcher rooted at `root`.
fn exclude_override(root: &Path, glob: &str) -> anyhow::Result<Override> {
    let mut builder = OverrideBuilder::new(root);
    builder
        .add(&format!("!{glob}"))
        .with_context(|| format!("invalid exclude glob `{glob}`"))?;
    builder
        .build()
        .with_context(|| format!("invalid exclude glob `{glob}`"))
}

/// Each exclude glob matched against paths as printed: relative ones (rooted at `.`,
/// leading `./` dropped) and absolute ones (rooted at `/`).
struct PrintedExclude {
    relative: Override,
    absolute: Override,
}

fn printed_excludes(excludes: &[String]) -> anyhow::Result<Vec<PrintedExclude>> {
    excludes
        .iter()
        .map(|glob| {
            let mut bare = glob.as_str();
            while let Some(rest) = bare.strip_prefix("./") {
                bare = rest;
            }
            Ok(PrintedExclude {
                relative: exclude_override(Path::new("."), bare)?,
                absolute: exclude_override(Path::new("/"), glob)?,
            })
        })
        .collect()
}

fn walk_dir(
    dir: &Path,
    excludes: &[String],
    printed: &Arc<Vec<PrintedExclude>>,
    matched: &Arc<Vec<AtomicBool>>,
    out: &mut Vec<Result<PathBuf, String>>,
) -> anyhow::Result<()> {
    let relative: Vec<Override> = excludes
        .iter()
        .map(|glob| exclude_override(dir, glob))
        .collect::<anyhow::Result<_>>()?;
    let printed = Arc::clone(printed);
    let matched = Arc::clone(matched);
    let walker = WalkBuilder::new(dir)
        .hidden(false)
        .ignore(true)
        .git_ignore(true)
        .git_global(true)
        .git_exclude(true)
        .parents(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if is_dir && entry.file_name() == ".git" {
                return false;
            }
            let path = entry.path();
            for (i, (rel, shown)) in relative.iter().zip(printed.iter()).enumerate() {
                let as_printed = if path.is_absolute() {
                    &shown.absolute
                } else {
                    &shown.relative
                };
                if rel.matched(path, is_dir).is_ignore()
                    || as_printed.matched(path, is_dir).is_ignore()
                {
                    matched[i].store(true, Ordering::Relaxed);
                    return false;
                }
            }
            true
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_some_and(|t| t.is_file()) {
                    out.push(Ok(entry.into_path()));
                }
            }
            Err(e) => out.push(Err(e.to_string())),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    /// A JWS-shaped token with the given header, payload and signature segment.
    fn jws(header: &str, payload: &str, sig: &str) -> String {
        format!("{}.{}.{sig}", b64(header), b64(payload))
    }

    fn hs256() -> String {
        jws(
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#,
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        )
    }

    fn none_token() -> String {
        jws(r#"{"alg":"none"}"#, r#"{"sub":"x"}"#, "")
    }

    fn texts(input: &[u8]) -> Vec<String> {
        scan_bytes(input).into_iter().map(|f| f.text).collect()
    }

    fn chunked(input: &[u8], chunk: usize) -> Vec<Found> {
        let mut out = Vec::new();
        scan_reader_chunked(input, chunk, |f| out.push(f)).unwrap();
        out
    }

    #[test]
    fn start_pattern_accepts_json_object_openings() {
        for header in [
            r#"{"alg":"HS256"}"#,
            r#"{"0":1,"alg":"x"}"#,
            r#"{"é":1,"alg":"x"}"#,
            r#"{ "alg": "HS256" }"#,
            r#"{  "alg": "HS256" }"#,
            "{\n  \"alg\": \"HS256\"\n}",
            "{\r\n  \"alg\": \"HS256\"\r\n}",
            "{\t\"alg\": \"HS256\"}",
            "{ \n\"alg\": \"HS256\"}",
        ] {
            let token = jws(header, "{}", "c2ln");
            assert_eq!(
                texts(token.as_bytes()),
                [token.as_str()],
                "header {header:?}"
            );
        }
    }

    #[test]
    fn finds_tokens_in_context() {
        let t = hs256();
        let cases = [
            format!("GET /cb?access_token={t}&x=1 HTTP/1.1"),
            format!(r#"{{"token":"{t}","user":1}}"#),
            format!("Authorization: Bearer {t}\r\n"),
            format!("JWT_SECRET_TOKEN={t}\n"),
            format!("export TOKEN='{t}'"),
            format!("Set-Cookie: session={t}; Path=/; HttpOnly"),
            format!("const token = `{t}`;"),
            format!("<input value=\"{t}\">"),
            format!("token:{t}"),
            format!("({t})"),
        ];
        for text in &cases {
            assert_eq!(texts(text.as_bytes()), [t.as_str()], "in {text:?}");
        }
    }

    #[test]
    fn finds_tokens_after_escaped_delimiters() {
        let t = hs256();
        let url = format!(
            "GET /login?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Faccess_token%3D{t}%26state%3Dxyz"
        );
        assert_eq!(texts(url.as_bytes()), [t.as_str()]);
        let json = format!(r#"{{"msg":"headers:\n{t}\r\n\t{t}"}}"#);
        assert_eq!(texts(json.as_bytes()), [t.as_str(), t.as_str()]);
        // Across chunk boundaries too.
        for chunk in 1..12 {
            assert_eq!(chunked(url.as_bytes(), chunk), scan_bytes(url.as_bytes()));
            assert_eq!(chunked(json.as_bytes(), chunk), scan_bytes(json.as_bytes()));
        }
        // Still not inside a longer run.
        assert!(texts(format!("%3Dab{t}").as_bytes()).is_empty());
        assert!(texts(format!("\\nab{t}").as_bytes()).is_empty());
    }

    #[test]
    fn records_the_url_parameter_a_token_is_the_value_of() {
        let t = hs256();
        let param = |text: &str| -> Vec<Option<String>> {
            scan_bytes(text.as_bytes())
                .into_iter()
                .map(|f| f.url_parameter)
                .collect()
        };
        let some = |s: &str| vec![Some(s.to_owned())];
        assert_eq!(
            param(&format!("GET /cb?access_token={t}&x=1")),
            some("?access_token")
        );
        assert_eq!(
            param(&format!("https://app/cb#id_token={t}")),
            some("#id_token")
        );
        assert_eq!(param(&format!("/cb?state=1&token={t}")), some("&token"));
        assert_eq!(param(&format!("/cb?state=1&amp;jwt={t}")), some(";jwt"));
        assert_eq!(
            param(&format!(
                "r=https%3A%2F%2Fa%2Fcb%3Fcode%3D1%26access_token%3D{t}%26s"
            )),
            some("&access_token")
        );
        assert_eq!(
            param(&format!("r=%2Fcb%3Fid_token%3d{t}")),
            some("?id_token")
        );
        for text in [
            format!("JWT_SECRET_TOKEN={t}"),
            format!("Set-Cookie: session={t}; Path=/"),
            format!(r#"{{"token":"{t}"}}"#),
            format!("Authorization: Bearer {t}"),
            format!("?={t}"),
            format!("?{}={t}", "n".repeat(PARAMETER_NAME_MAX + 1)),
            format!("{t}?a.b={t}"),
        ] {
            assert!(
                param(&text).iter().all(Option::is_none),
                "{text:?}: {:?}",
                param(&text)
            );
        }
        // The longest name still counts, and the result does not depend on read sizes.
        let long = format!(
            "x?{}={t}\n?access_token={t}",
            "n".repeat(PARAMETER_NAME_MAX)
        );
        assert!(param(&long).iter().all(Option::is_some), "{long}");
        for chunk in 1..80 {
            assert_eq!(chunked(long.as_bytes(), chunk), scan_bytes(long.as_bytes()));
        }
    }

    #[test]
    fn finds_tokens_in_har() {
        let t = hs256();
        let har = format!(
            r#"{{"log":{{"entries":[{{"request":{{"method":"GET","url":"https://api.example.com/v1?jwt={t}","headers":[{{"name":"Authorization","value":"Bearer {t}"}}]}}}}]}}}}"#
        );
        let found = scan_bytes(har.as_bytes());
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.text == t && f.line == 1));
        assert!(found[0].column < found[1].column);
    }

    #[test]
    fn unsigned_token_keeps_its_trailing_dot() {
        let t = none_token();
        assert!(t.ends_with('.'));
        assert_eq!(texts(t.as_bytes()), [t.as_str()]);
        assert_eq!(texts(format!("x={t} y").as_bytes()), [t.as_str()]);
        // A sentence-ending period after an unsigned token is punctuation.
        assert_eq!(texts(format!("use {t}.").as_bytes()), [t.as_str()]);
        assert_eq!(texts(format!("use {t}...").as_bytes()), [t.as_str()]);
        // Empty payload too.
        let empty = format!("{}..", b64(r#"{"alg":"none"}"#));
        assert_eq!(texts(format!("\"{empty}\"").as_bytes()), [empty.as_str()]);
    }

    #[test]
    fn trailing_punctuation_after_signed_token() {
        let t = hs256();
        assert_eq!(texts(format!("see {t}.").as_bytes()), [t.as_str()]);
        assert_eq!(texts(format!("see {t}. Next").as_bytes()), [t.as_str()]);
        assert_eq!(texts(format!("see {t}...").as_bytes()), [t.as_str()]);
        // A fourth segment is cut off (e.g. a file extension).
        assert_eq!(texts(format!("{t}.txt").as_bytes()), [t.as_str()]);
    }

    #[test]
    fn jwe_with_empty_encrypted_key() {
        let header = b64(r#"{"alg":"dir","enc":"A128GCM"}"#);
        let jwe = format!(
            "{header}..48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ"
        );
        assert_eq!(texts(format!("jwe: {jwe}\n").as_bytes()), [jwe.as_str()]);
        assert_eq!(texts(format!("jwe: {jwe}.").as_bytes()), [jwe.as_str()]);
        // Five segments then an extension: the five are kept.
        assert_eq!(texts(format!("{jwe}.bin").as_bytes()), [jwe.as_str()]);
    }

    #[test]
    fn padded_segments_keep_their_padding() {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256"}"#); // 20 chars: no padding
        let payload = "eyJzdWIiOiJ4In0"; // 15 chars: one '='
        let padded = format!("{header}.{payload}=.c2lnbmF0dXJl"); // sig: 12 chars
        assert_eq!(
            texts(format!("t={padded}&u=1").as_bytes()),
            [padded.as_str()]
        );
        let sig_padded = format!("{header}.{payload}.c2lnbmF0dXJlIQ=="); // 14 + "=="
        assert_eq!(
            texts(format!("\"{sig_padded}\"").as_bytes()),
            [sig_padded.as_str()]
        );
        assert_eq!(texts(sig_padded.as_bytes()), [sig_padded.as_str()]);
        // '=' that is not padding is not part of the token.
        let t = hs256();
        assert_eq!(texts(format!("{t}=x").as_bytes()), [t.as_str()]);
        assert_eq!(texts(format!("{t}===").as_bytes()), [t.as_str()]);
    }

    #[test]
    fn start_and_end_of_input() {
        let t = hs256();
        let found = scan_bytes(t.as_bytes());
        assert_eq!(
            found,
            [Found {
                line: 1,
                column: 1,
                text: t.clone(),
                url_parameter: None,
                base64: 0,
            }]
        );
        assert_eq!(texts(format!("{t}\n").as_bytes()), [t.as_str()]);
        assert_eq!(texts(format!("a {t}").as_bytes()), [t.as_str()]);
    }

    #[test]
    fn chunk_boundaries_do_not_change_results() {
        let t = hs256();
        let n = none_token();
        let input = format!("{t}\nhello é {n} and {t}.\n\u{2192}{t}\n{n}");
        let expected = scan_bytes(input.as_bytes());
        assert_eq!(expected.len(), 5);
        for chunk in 1..=input.len() + 1 {
            assert_eq!(chunked(input.as_bytes(), chunk), expected, "chunk {chunk}");
        }
        // The default chunk size too.
        let mut out = Vec::new();
        scan_reader(input.as_bytes(), |f| out.push(f)).unwrap();
        assert_eq!(out, expected);
    }

    #[test]
    fn token_exactly_at_a_chunk_boundary() {
        let t = hs256();
        for pad in 0..20 {
            let input = format!("{}{t} {t}", "x ".repeat(pad));
            for chunk in [8, 16, 17, 32, 64] {
                let found = chunked(input.as_bytes(), chunk);
                assert_eq!(found.len(), 2, "pad {pad} chunk {chunk}");
                assert_eq!(found[0].column, 2 * pad + 1);
                assert_eq!(found[1].column, 2 * pad + t.len() + 2);
            }
        }
    }

    #[test]
    fn line_and_column_in_code_points() {
        let t = hs256();
        let input = format!("first line\n\né → {t}\n  {t} x {t}\n");
        let found = scan_bytes(input.as_bytes());
        let pos: Vec<(usize, usize)> = found.iter().map(|f| (f.line, f.column)).collect();
        assert_eq!(pos, [(3, 5), (4, 3), (4, 3 + t.len() + 3)]);
        // Four-byte characters and CRLF.
        let input = format!("a\r\n😀😀 {t}");
        assert_eq!(
            scan_bytes(input.as_bytes())
                .iter()
                .map(|f| (f.line, f.column))
                .collect::<Vec<_>>(),
            [(2, 4)]
        );
    }

    #[test]
    fn binary_input_around_a_token() {
        let t = hs256();
        let mut input = vec![0u8, 0xFF, 0xFE, 0x00, 0xC3, b' '];
        input.extend_from_slice(t.as_bytes());
        input.extend_from_slice(&[0x00, 0x80, 0xE2, 0x82, b'\n', 0xF0, 0x9F]);
        input.extend_from_slice(t.as_bytes());
        input.extend_from_slice(&[0xF0, 0x9F, 0x98]);
        let found = scan_bytes(&input);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].column), (1, 7));
        assert_eq!((found[1].line, found[1].column), (2, 3));
        for chunk in 1..40 {
            assert_eq!(chunked(&input, chunk), found, "chunk {chunk}");
        }
        // Pure noise never panics.
        let noise: Vec<u8> = (0..100_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let _ = scan_bytes(&noise);
        let _ = chunked(&noise, 333);
    }

    #[test]
    fn columns_count_invalid_bytes_once_each() {
        assert_eq!(columns(b""), 0);
        assert_eq!(columns("é→😀".as_bytes()), 3);
        assert_eq!(columns(&[0xFF, 0x80, 0x80]), 3);
        assert_eq!(columns(&[0xE2, 0x82]), 2); // incomplete: one per byte
        assert_eq!(columns(&[0xE2, 0x82, b'a']), 3);
        assert_eq!(columns(&[0xE2, 0x82, 0xAC, b'a']), 2);
    }

    #[test]
    fn ten_megabyte_single_line() {
        let mut input = vec![b'a'; 10 * 1024 * 1024];
        for (i, b) in input.iter_mut().enumerate() {
            if i % 7 == 0 {
                *b = b' ';
            }
        }
        let mut found = Vec::new();
        scan_reader(&input[..], |f| found.push(f)).unwrap();
        assert!(found.is_empty());
        let t = hs256();
        input.push(b' ');
        input.extend_from_slice(t.as_bytes());
        let mut found = Vec::new();
        scan_reader(&input[..], |f| found.push(f)).unwrap();
        assert_eq!(
            found,
            [Found {
                line: 1,
                column: 10 * 1024 * 1024 + 2,
                text: t,
                url_parameter: None,
                base64: 0,
            }]
        );
    }

    #[test]
    fn overlong_runs_are_skipped_not_split() {
        let t = hs256();
        let mut long = t.clone();
        while long.len() <= MAX_TOKEN_LEN {
            long.push_str("AbCd_-");
        }
        let input = format!("{long} then {t}\n{long}");
        let found = scan_bytes(input.as_bytes());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, t);
        for chunk in [1000, 4096, 65_536, MAX_TOKEN_LEN + 1, 1 << 20] {
            assert_eq!(chunked(input.as_bytes(), chunk), found, "chunk {chunk}");
        }
        // A run of exactly MAX_TOKEN_LEN is still considered.
        let mut exact = t.clone();
        exact.push_str(&"A".repeat(MAX_TOKEN_LEN - t.len()));
        assert_eq!(exact.len(), MAX_TOKEN_LEN);
        assert_eq!(texts(format!(" {exact} ").as_bytes()), [exact.as_str()]);
        assert_eq!(chunked(format!(" {exact} ").as_bytes(), 999).len(), 1);
    }

    fn std64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// Wrapped tokens found, as (line, column, text, decodings).
    fn wrapped(input: &[u8]) -> Vec<(usize, usize, String, u8)> {
        scan_bytes(input)
            .into_iter()
            .map(|f| (f.line, f.column, f.text, f.base64))
            .collect()
    }

    #[test]
    fn anchors_are_the_fixed_parts() {
        // Encode `eyJ` + a letter between varied bytes at every alignment; each anchor of
        // level 1 must be in every encoding of its alignment at the offset it claims.
        let mut rng = XorShift(7);
        let mut bytes = |n: usize| -> Vec<u8> { (0..n).map(|_| rng.below(256) as u8).collect() };
        for trial in 0..200 {
            for pre in 0..3 {
                let mut text = bytes(pre);
                text.extend_from_slice(b"eyJh");
                text.extend(bytes(6));
                let once = std64(&text);
                let level1: Vec<&Anchor> = ANCHORS.iter().filter(|a| a.level == 1).collect();
                let a = level1[pre];
                let at = once
                    .find(a.text)
                    .unwrap_or_else(|| panic!("{} in {once}", a.text));
                assert_eq!((at + 4 - a.offset) % 4, 0, "trial {trial}");
            }
        }
    }

    #[test]
    fn finds_tokens_wrapped_in_base64() {
        let t = hs256();
        // A Kubernetes Secret's value: the whole token encoded.
        let secret = format!("data:\n  token: {}\n", std64(t.as_bytes()));
        assert_eq!(wrapped(secret.as_bytes()), [(2, 10, t.clone(), 1)]);
        // Basic credentials: user:<token> at each alignment, standard and URL-safe.
        for user in ["u", "us", "use", "user"] {
            let basic = format!(
                "Authorization: Basic {}",
                std64(format!("{user}:{t}").as_bytes())
            );
            let found = wrapped(basic.as_bytes());
            assert_eq!(found.len(), 1, "{basic}");
            assert_eq!(found[0].2, t);
            let url = format!("x {}", URL_SAFE_NO_PAD.encode(format!("{user}:{t}")));
            assert_eq!(texts(url.as_bytes()), [t.as_str()], "{url}");
        }
        // A HAR body with two tokens: each at the group holding its first byte.
        let body = format!("<p>{t}</p>\n<p>id: {t} x</p>");
        let har = format!(
            r#"{{"text": "{}", "encoding": "base64"}}"#,
            std64(body.as_bytes())
        );
        let found = wrapped(har.as_bytes());
        assert_eq!(found.len(), 2, "{har}");
        assert_eq!(found[0], (1, 11 + 4, t.clone(), 1));
        let second = body.rfind(&t).unwrap();
        assert_eq!(found[1], (1, 11 + second / 3 * 4, t.clone(), 1));
        // Twice encoded (a Docker config's auth inside a Secret) is beyond the bound,
        // and so is three times.
        let auth = std64(format!("oauth2:{t}").as_bytes());
        let config = format!(r#"{{"auths":{{"registry.example":{{"auth":"{auth}"}}}}}}"#);
        assert!(texts(std64(config.as_bytes()).as_bytes()).is_empty());
        assert_eq!(texts(config.as_bytes()), [t.as_str()]);
        let thrice = std64(std64(std64(t.as_bytes()).as_bytes()).as_bytes());
        assert!(texts(thrice.as_bytes()).is_empty());
    }

    #[test]
    fn base64_look_alikes_are_left_alone() {
        let t = hs256();
        let encoded = std64(t.as_bytes());
        for text in [
            // Too short to hold a token.
            std64(b"eyJhbGciOiJIUzI1NiJ9"),
            // A segment of a longer dotted run.
            format!("{}.e30.sig", URL_SAFE_NO_PAD.encode(&t)),
            // Inside a longer word-like run that is not aligned base64 of a token.
            format!("xx{encoded}"),
            // Base64 of a header start that is not a token.
            std64(b"eyJhbGciOiJIUzI1NiJ9 is only a header"),
        ] {
            assert!(texts(text.as_bytes()).is_empty(), "{text:?}");
        }
        // A token's own segments hold anchors by chance at times; the token is found once.
        let nested = jws(
            r#"{"alg":"HS256"}"#,
            &format!(r#"{{"inner":"{encoded}"}}"#),
            "c2ln",
        );
        assert_eq!(texts(nested.as_bytes()), [nested.as_str()]);
    }

    #[test]
    fn long_base64_runs_are_decoded_in_windows() {
        let t = hs256();
        let mut rng = XorShift(3);
        let mut body = Vec::new();
        let mut expected = 0;
        while body.len() < 3 * WRAPPED_WINDOW {
            for _ in 0..rng.below(5000) {
                body.push(b"abcdefgh \n"[rng.below(10)]);
            }
            body.extend_from_slice(format!(" {t} ").as_bytes());
            expected += 1;
        }
        let text = format!("body: {}\n", std64(&body));
        let found = scan_bytes(text.as_bytes());
        assert_eq!(found.len(), expected);
        assert!(found.iter().all(|f| f.text == t && f.base64 == 1));
        for chunk in [1000, 65_536, WRAPPED_WINDOW - 1, 1 << 20] {
            assert_eq!(chunked(text.as_bytes(), chunk), found, "chunk {chunk}");
        }
    }

    #[test]
    fn near_misses() {
        let t = hs256();
        let two = t.rsplit_once('.').unwrap().0.to_string();
        let header = t.split('.').next().unwrap().to_string();
        for text in [
            "eyJ".to_string(),
            "eyJ.eyJ.x".to_string(),
            "eyJhbGciOi".to_string(),
            format!("{header}."),
            format!("{two} and {two}"),
            "version 1.2.3 and v10.0.1-rc.1".to_string(),
            "https://eyeglasses.example.com/a.b.c".to_string(),
            "keyboard.layout.default.value".to_string(),
            "mykey_eyJhbGciOiJIUzI1NiJ9.e30.sig".to_string(),
            format!("X{t}"),
            format!("_{t}"),
            format!("-{t}"),
            format!(".{t}"),
            format!("9{t}"),
            // Standard base64 with '+' or '/' in the header run is not base64url.
            "eyJhbGciOiJI/zI1NiJ9.e30.x".to_string(),
        ] {
            assert!(texts(text.as_bytes()).is_empty(), "{text:?}");
        }
    }

    /// A tiny deterministic generator for the throughput test's base64 text.
    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// Line and column computed the slow way, from the whole input.
    fn naive_position(input: &[u8], offset: usize) -> (usize, usize) {
        let before = &input[..offset];
        let line = 1 + count_newlines(before);
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        (line, columns(&before[start..]) + 1)
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        /// Texts built from pieces that make and break candidates: whole tokens, dots,
        /// padding, escaped delimiters, multi-byte and invalid UTF-8.
        fn input() -> impl Strategy<Value = Vec<u8>> {
            let pieces: Vec<Vec<u8>> = vec![
                hs256().into_bytes(),
                none_token().into_bytes(),
                base64::engine::general_purpose::STANDARD
                    .encode(format!("u:{}", hs256()))
                    .into_bytes(),
                URL_SAFE_NO_PAD.encode(hs256()).into_bytes(),
                b" ".to_vec(),
                b"\n".to_vec(),
                b".".to_vec(),
                b"=".to_vec(),
                b"==".to_vec(),
                b"eyJhbG".to_vec(),
                "é".as_bytes().to_vec(),
                "😀".as_bytes().to_vec(),
                vec![0xF0, 0x9F],
                vec![0x80],
                vec![0xFF, 0x00],
                b"abc".to_vec(),
                b"token=".to_vec(),
                b"%3D".to_vec(),
                b"\\n".to_vec(),
                b"X".to_vec(),
            ];
            prop::collection::vec(prop::sample::select(pieces), 0..30).prop_map(|p| p.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            /// The same candidates at the same positions, whatever the chunk size; and
            /// each is where it says it is.
            #[test]
            fn chunk_size_never_changes_the_results(input in input(), chunk in 1..128usize) {
                let expected = scan_bytes(&input);
                for chunk in [1, chunk] {
                    prop_assert_eq!(&chunked(&input, chunk), &expected, "chunk {}", chunk);
                }
                let mut search_from = 0;
                // Tokens found in the text as they are (wrapped ones are not in it).
                for f in expected.iter().filter(|f| f.base64 == 0) {
                    // The first occurrence at a left boundary.
                    let offset = (search_from..input.len())
                        .find(|&o| input[o..].starts_with(f.text.as_bytes()) && left_boundary(&input, o));
                    prop_assert!(offset.is_some(), "{:?} is not in the input", f.text);
                    let offset = offset.unwrap();
                    prop_assert_eq!(naive_position(&input, offset), (f.line, f.column));
                    search_from = offset + f.text.len();
                }
            }
        }
    }

    /// A reader that hands out a few bytes at a time and is sometimes interrupted.
    struct Trickle<'a> {
        data: &'a [u8],
        calls: usize,
    }
    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(5) {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = out.len().min(self.data.len()).min(1 + self.calls % 4);
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn short_reads_and_interruptions() {
        let t = hs256();
        let input = format!("a {t}\nb {t}.\n");
        let mut out = Vec::new();
        let reader = Trickle {
            data: input.as_bytes(),
            calls: 0,
        };
        scan_reader(reader, |f| out.push(f)).unwrap();
        assert_eq!(out, scan_bytes(input.as_bytes()));
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn read_errors_are_returned() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("boom"))
            }
        }
        assert!(scan_reader(Failing, |_| {}).is_err());
    }

    fn write(path: &Path, text: &str) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
    }

    fn relative(root: &Path, entries: &[Result<PathBuf, String>]) -> Vec<String> {
        entries
            .iter()
            .map(|e| match e {
                Ok(p) => p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                Err(e) => format!("ERR {e}"),
            })
            .collect()
    }

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join(".gitignore"), "ignored.log\nbuild/\n");
        write(&root.join(".env"), "TOKEN=x\n");
        write(&root.join("b.txt"), "b");
        write(&root.join("a.txt"), "a");
        write(&root.join("ignored.log"), "x");
        write(&root.join("build/out.txt"), "x");
        write(&root.join(".git/config"), "[core]\n");
        write(&root.join(".git/HEAD"), "ref: refs/heads/main\n");
        write(&root.join("sub/z.txt"), "z");
        write(&root.join("sub/app.min.js"), "x");
        write(&root.join("sub/.ignore"), "local.txt\n");
        write(&root.join("sub/local.txt"), "x");
        write(&root.join("sub/fixtures/g.txt"), "g");
        write(&root.join("vendor/v.txt"), "v");
        write(&root.join("fixtures/f.txt"), "f");
        dir
    }

    #[test]
    fn walk_honours_ignore_files_and_keeps_hidden_files() {
        let dir = tree();
        let root = dir.path().to_path_buf();
        let entries = walk(std::slice::from_ref(&root), &[]).unwrap().entries;
        assert_eq!(
            relative(&root, &entries),
            [
                ".env",
                ".gitignore",
                "a.txt",
                "b.txt",
                "fixtures/f.txt",
                "sub/.ignore",
                "sub/app.min.js",
                "sub/fixtures/g.txt",
                "sub/z.txt",
                "vendor/v.txt",
            ]
        );
        // Deterministic.
        assert_eq!(
            walk(std::slice::from_ref(&root), &[]).unwrap().entries,
            entries
        );
    }

    #[test]
    fn walk_applies_exclude_globs() {
        let dir = tree();
        let root = dir.path().to_path_buf();
        let excludes = ["*.min.js", "fixtures/**", "vendor/", ".env"].map(String::from);
        let entries = walk(std::slice::from_ref(&root), &excludes)
            .unwrap()
            .entries;
        assert_eq!(
            relative(&root, &entries),
            [
                ".gitignore",
                "a.txt",
                "b.txt",
                "sub/.ignore",
                // `fixtures/**` has an inner slash: anchored at the walked directory.
                "sub/fixtures/g.txt",
                "sub/z.txt",
            ]
        );
        // Globs are relative to each directory given.
        let sub = root.join("sub");
        let entries = walk(std::slice::from_ref(&sub), &excludes).unwrap().entries;
        assert_eq!(relative(&sub, &entries), [".ignore", "z.txt"]);
    }

    #[test]
    fn walk_takes_files_as_given_and_reports_missing_paths() {
        let dir = tree();
        let root = dir.path();
        let paths = [
            root.join("ignored.log"),
            root.join("missing.txt"),
            root.join("sub"),
            root.join("sub/app.min.js"),
        ];
        let entries = walk(&paths, &["*.min.js".to_string()]).unwrap().entries;
        assert_eq!(entries.len(), 6, "{entries:?}");
        assert_eq!(entries[0], Ok(root.join("ignored.log")));
        assert!(matches!(&entries[1], Err(e) if e.contains("missing.txt")));
        assert_eq!(entries[2], Ok(root.join("sub/.ignore")));
        assert_eq!(entries[3], Ok(root.join("sub/fixtures/g.txt")));
        assert_eq!(entries[4], Ok(root.join("sub/z.txt")));
        // sub/app.min.js given explicitly: taken as given, excludes notwithstanding.
        assert_eq!(entries[5], Ok(root.join("sub/app.min.js")));
    }

    #[test]
    fn excludes_match_paths_as_printed_and_report_globs_that_matched_nothing() {
        let dir = tree();
        let root = dir.path().to_path_buf();
        let printed = |rel: &str| root.join(rel).display().to_string();
        // Absolute paths, as jwtx prints them for an absolute --scan path.
        let excludes = [
            printed("a.txt"),
            printed("sub/fixtures/"),
            "nothing/**".into(),
        ];
        let walked = walk(std::slice::from_ref(&root), &excludes).unwrap();
        let files = relative(&root, &walked.entries);
        assert!(!files.contains(&"a.txt".to_owned()), "{files:?}");
        assert!(
            !files.contains(&"sub/fixtures/g.txt".to_owned()),
            "{files:?}"
        );
        assert!(files.contains(&"b.txt".to_owned()), "{files:?}");
        assert_eq!(walked.unmatched, ["nothing/**"]);
        // Relative paths (`./` or not): tests/cli/audit_ci.rs, which controls the
        // working directory.
    }

    #[test]
    fn walk_rejects_invalid_globs() {
        let err = walk(&[], &["a[".to_string()]).unwrap_err();
        assert!(format!("{err:#}").contains("a["), "{err:#}");
    }

    #[allow(clippy::print_stdout)] // an ignored benchmark that reports its figures
    fn measure(name: &str, text: &[u8], expected: usize) {
        for _ in 0..3 {
            let start = std::time::Instant::now();
            let mut n = 0usize;
            scan_reader(text, |_| n += 1).unwrap();
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{name}: scanned {:.0} MB in {:.3} s: {:.0} MB/s, {n} candidates",
                text.len() as f64 / 1e6,
                secs,
                text.len() as f64 / 1e6 / secs
            );
            assert_eq!(n, expected);
        }
    }

    /// Throughput on ~200 MB of generated text, three shapes:
    /// `cargo test --release --lib audit::finder -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput() {
        const SIZE: usize = 200 << 20;
        let t = hs256();

        // Log lines, one token per thousand lines.
        let mut text = Vec::with_capacity(SIZE + 4096);
        let mut i = 0usize;
        while text.len() < SIZE {
            i += 1;
            let line = if i.is_multiple_of(1000) {
                format!(
                    "2024-05-01T12:{:02}:{:02}.{:03}Z INFO  http: GET /api/v1/users/{i}?access_token={t} status=200 bytes=5123\n",
                    i % 60,
                    (i / 60) % 60,
                    i % 1000
                )
            } else {
                format!(
                    "2024-05-01T12:{:02}:{:02}.{:03}Z DEBUG service.cache: key=user:{i} hit=true latency_ms={} region=eu-west-1 request_id=7f3a{:08x} msg=\"cache lookup for session key completed\"\n",
                    i % 60,
                    (i / 60) % 60,
                    i % 1000,
                    i % 97,
                    i.wrapping_mul(2_654_435_761)
                )
            };
            text.extend_from_slice(line.as_bytes());
        }
        measure("log", &text, i / 1000);

        // Minified JSON on a single line with non-ASCII text, a token every record.
        text.clear();
        let mut records = 0;
        while text.len() < SIZE {
            records += 1;
            let record = format!(
                r#"{{"id":{records},"name":"Zoë Ångström → 東京","session":{{"token":"{t}","keyId":"eyeglasses"}}}},"#
            );
            text.extend_from_slice(record.as_bytes());
        }
        measure("minified JSON, one line", &text, records);

        // Base64url text (an attachment), 76 characters a line: the worst case for the
        // "ey" prefilter.
        text.clear();
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut rng = XorShift(42);
        while text.len() < SIZE {
            for _ in 0..76 {
                text.push(alphabet[rng.below(64)]);
            }
            text.push(b'\n');
        }
        let expected = scan_bytes(&text).len();
        measure("base64 lines", &text, expected);
    }
}
