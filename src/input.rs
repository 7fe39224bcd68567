//! Where input comes from ([`Source`]: an argument, standard input or a file), the rule
//! that at most one input of a run reads standard input, and the token stream: tokens
//! from arguments, `@FILE` and standard input, one per line, streamed in order with their
//! line numbers. A UTF-8 byte-order mark at the start of a file or standard input,
//! surrounding whitespace, quotes, a `Bearer ` prefix and a whole
//! `Authorization: Bearer ...` line are stripped here, so the parser only ever sees the
//! token; [`shape`] says what a line that is not a token seems to be.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::exit::UsageError;

pub mod shape;

/// Where an input comes from. Every command and every report names inputs with it, so a
/// file called `stdin` is never taken for standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The command line itself.
    Argument,
    /// Standard input.
    Stdin,
    /// A file, by the path the user gave.
    File(PathBuf),
}

/// Whether `path` leads to the very pipe, socket, terminal or device standard input is,
/// however it is spelled (`//dev/stdin`, `/dev/./stdin`, a symlink to `/dev/stdin`): two
/// readers of that would steal each other's bytes. A regular file (and `/dev/null`) can
/// be read twice, so only the rest counts.
#[cfg(unix)]
fn is_stdin_itself(path: &Path) -> bool {
    use rustix::fs::{FileType, fstat, stat};
    let (Ok(named), Ok(stdin)) = (stat(path), fstat(io::stdin())) else {
        return false;
    };
    let same = named.st_dev == stdin.st_dev && named.st_ino == stdin.st_ino;
    same && FileType::from_raw_mode(stdin.st_mode) != FileType::RegularFile
        && !stat("/dev/null")
            .is_ok_and(|null| null.st_dev == stdin.st_dev && null.st_ino == stdin.st_ino)
}

#[cfg(not(unix))]
fn is_stdin_itself(_path: &Path) -> bool {
    false
}

/// The names of standard input a path option accepts.
const STDIN_NAMES: [&str; 4] = ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"];

impl Source {
    /// A path given to an option: standard input for `-`, `/dev/stdin`, `/dev/fd/0` and
    /// `/proc/self/fd/0`, otherwise the file.
    pub fn from_path(path: impl Into<PathBuf>) -> Source {
        let path = path.into();
        if STDIN_NAMES.iter().any(|name| path.as_os_str() == *name) || is_stdin_itself(&path) {
            Source::Stdin
        } else {
            Source::File(path)
        }
    }

    pub fn is_stdin(&self) -> bool {
        *self == Source::Stdin
    }

    /// How reports name it: `argument`, `stdin`, or the file's path. A file whose path
    /// reads as one of those words is shown as `./stdin` (the same file, unmistakably).
    pub fn label(&self) -> String {
        match self {
            Source::Argument => "argument".into(),
            Source::Stdin => "stdin".into(),
            Source::File(path) => {
                let shown = path.display().to_string();
                if shown == "argument" || shown == "stdin" {
                    format!("./{shown}")
                } else {
                    shown
                }
            }
        }
    }

    /// Reads the whole input: standard input or the file. An argument is its own
    /// content and has nothing to read.
    pub fn read_to_end(&self) -> io::Result<Vec<u8>> {
        self.read_at_most(u64::MAX)
    }

    /// Reads the whole input, refusing one longer than `max` bytes (an `InvalidData`
    /// error saying so) after reading at most one byte more.
    pub fn read_at_most(&self, max: u64) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        let limit = max.saturating_add(1);
        match self {
            Source::Argument => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "an argument is not read",
                ));
            }
            Source::Stdin => {
                io::stdin().lock().take(limit).read_to_end(&mut bytes)?;
            }
            Source::File(path) => {
                std::fs::File::open(path)?
                    .take(limit)
                    .read_to_end(&mut bytes)?;
            }
        }
        if bytes.len() as u64 > max {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("larger than {} MiB", max / (1024 * 1024)),
            ));
        }
        Ok(bytes)
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

impl serde::Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.label())
    }
}

/// Standard input can be read once: of the inputs of one run, named as the user gave
/// them (`--secret-file -`), at most one may read it. `None` stands for an input that
/// does not read standard input.
pub fn one_stdin_reader(readers: &[Option<String>]) -> Result<(), UsageError> {
    let mut named = readers.iter().flatten();
    match (named.next(), named.next()) {
        (Some(first), Some(second)) => Err(UsageError(format!(
            "{first} and {second} both read standard input; give one of them as a file"
        ))),
        _ => Ok(()),
    }
}

/// `name` (an option as given, `--key -`) when `path` names standard input.
pub fn stdin_reader(name: &str, path: Option<&Path>) -> Option<String> {
    path.filter(|p| Source::from_path(*p).is_stdin())
        .map(|p| format!("{name} {}", p.display()))
}

/// What standard input is when it may hold input that was not read: `"a pipe"` or
/// `"a file"`. A terminal, `/dev/null` (any device), a file read to its end and a pipe
/// closed empty hold nothing: `None`.
#[cfg(unix)]
pub fn unread_stdin() -> Option<&'static str> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use rustix::fs::{FileType, SeekFrom, fstat, seek};
    use std::os::fd::AsFd;

    let stdin = io::stdin();
    let fd = stdin.as_fd();
    let stat = fstat(fd).ok()?;
    match FileType::from_raw_mode(stat.st_mode) {
        FileType::RegularFile => {
            let at = seek(fd, SeekFrom::Current(0)).unwrap_or(0);
            (u64::try_from(stat.st_size).unwrap_or(0) > at).then_some("a file")
        }
        FileType::Fifo | FileType::Socket => {
            // Data waiting, or a writer that may still send some: either may be meant
            // as claims. Only a pipe closed empty holds nothing; the short wait lets a
            // writer that is closing right now (`true | jwtx sign ...`) be seen done.
            let mut fds = [PollFd::new(&fd, PollFlags::IN)];
            let wait = Timespec {
                tv_sec: 0,
                tv_nsec: 200_000_000,
            };
            match poll(&mut fds, Some(&wait)) {
                Ok(n) if n > 0 && !fds[0].revents().contains(PollFlags::IN) => None,
                _ => Some("a pipe"),
            }
        }
        _ => None,
    }
}

/// What standard input is when it may hold input that was not read (see the Unix
/// version); here anything but a terminal may.
#[cfg(not(unix))]
pub fn unread_stdin() -> Option<&'static str> {
    (!io::stdin().is_terminal()).then_some("redirected")
}

/// One input line holding a token, or the reason it could not be read.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// 1-based line number within its source (argument position for arguments).
    pub line: usize,
    /// Where the token came from.
    pub from: &'a Source,
    /// `from.label()`, computed once per source rather than once per token.
    pub label: &'a str,
    pub text: Result<&'a str, &'a str>,
    /// The batch it was read in and its place there: what [`shape::detect`] looks around.
    batch: &'a Batch,
    index: usize,
}

/// A source with its label, computed once per file.
struct Named {
    source: Source,
    label: String,
}

impl Named {
    fn new(source: Source) -> Arc<Named> {
        let label = source.label();
        Arc::new(Named { source, label })
    }
}

enum Spec {
    Literal(usize, String),
    Stdin,
    File(PathBuf),
}

struct Entry {
    line: usize,
    source: usize,
    /// Byte range in the batch's arena: the token, or the error message.
    range: std::ops::Range<usize>,
    ok: bool,
    /// An unreadable line that looked like UTF-16 when it was read.
    utf16: bool,
}

/// Tokens read together: one text arena and the entries pointing into it, so reading a
/// line costs no allocation.
#[derive(Default)]
pub struct Batch {
    arena: String,
    entries: Vec<Entry>,
    sources: Vec<Arc<Named>>,
}

/// Its size only: the arena holds tokens, which a debug print need not show.
impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("len", &self.len())
            .finish_non_exhaustive()
    }
}

impl Batch {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, index: usize) -> Item<'_> {
        let e = &self.entries[index];
        let text = &self.arena[e.range.clone()];
        let named = &self.sources[e.source];
        Item {
            line: e.line,
            from: &named.source,
            label: &named.label,
            text: if e.ok { Ok(text) } else { Err(text) },
            batch: self,
            index,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Item<'_>> {
        (0..self.len()).map(|i| self.get(i))
    }

    fn clear(&mut self) {
        self.arena.clear();
        self.entries.clear();
    }

    fn push(&mut self, line: usize, source: usize, text: Result<&str, &str>) {
        let start = self.arena.len();
        let (s, ok) = match text {
            Ok(s) => (s, true),
            Err(s) => (s, false),
        };
        self.arena.push_str(s);
        self.entries.push(Entry {
            line,
            source,
            range: start..self.arena.len(),
            ok,
            utf16: false,
        });
    }
}

/// A buffered reader of token lines that can say how much it holds.
trait LineReader: BufRead + Send {
    /// Whether the bytes read from the source and not yet consumed hold a whole line.
    fn holds_line(&self) -> bool;
}

impl<R: Read + Send> LineReader for BufReader<R> {
    fn holds_line(&self) -> bool {
        memchr::memchr(b'\n', self.buffer()).is_some()
    }
}

/// Whether standard input is a pipe, socket or terminal: a source whose next line may
/// not have been written yet (`tail -f log | jwtx decode`).
#[cfg(unix)]
fn stdin_is_live() -> bool {
    use rustix::fs::{FileType, fstat};
    fstat(io::stdin()).is_ok_and(|stat| {
        matches!(
            FileType::from_raw_mode(stat.st_mode),
            FileType::Fifo | FileType::Socket | FileType::CharacterDevice
        )
    })
}

#[cfg(not(unix))]
fn stdin_is_live() -> bool {
    false
}

/// Whether a read of standard input now would wait for its writer.
#[cfg(unix)]
fn stdin_would_wait() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    matches!(poll(&mut fds, Some(&now)), Ok(0))
}

#[cfg(not(unix))]
fn stdin_would_wait() -> bool {
    false
}

/// What [`TokenStream::read_one`] did.
enum Step {
    /// Added an item to the batch.
    Item,
    /// Skipped lines without a token and found the writer has sent nothing more.
    Paused,
    /// Reached the end of all input.
    End,
}

/// A stream of tokens from the command's arguments, in order.
pub struct TokenStream {
    specs: VecDeque<Spec>,
    /// The reader of the file or standard input being read, its source and its line.
    current: Option<(Box<dyn LineReader>, usize, usize)>,
    /// The current reader is standard input as a pipe, socket or terminal.
    live: bool,
    /// The last batch ended early because the input had nothing more to give yet.
    paused: bool,
    /// Batches from a pipe end when it has nothing more yet ([`TokenStream::interactive`]).
    interactive: bool,
    buf: Vec<u8>,
    stdin_reader: Option<String>,
    sources: Vec<Arc<Named>>,
}

/// The hint for `jwtx decode` typed alone at a terminal: better than waiting silently.
const TERMINAL_HINT: &str = "no token given and standard input is a terminal; pass a TOKEN, @FILE, or pipe tokens in (see --help)";

impl TokenStream {
    /// `args` as the user gave them; none means standard input. `-` and `@` with a name
    /// of standard input (`@/dev/stdin`) read it; reading it twice is a usage error.
    pub fn open(args: &[String]) -> Result<TokenStream, UsageError> {
        let mut specs = VecDeque::new();
        let mut readers = Vec::new();
        if args.is_empty() {
            specs.push_back(Spec::Stdin);
            readers.push(Some(
                "the tokens (standard input, as no TOKEN is given)".to_owned(),
            ));
        }
        for (i, arg) in args.iter().enumerate() {
            let path = if arg == "-" {
                Some(arg.as_str())
            } else {
                arg.strip_prefix('@')
            };
            match path.map(Source::from_path) {
                Some(Source::Stdin) => {
                    readers.push(Some(format!("TOKEN {arg}")));
                    specs.push_back(Spec::Stdin);
                }
                Some(Source::File(path)) => specs.push_back(Spec::File(path)),
                Some(Source::Argument) | None => {
                    specs.push_back(Spec::Literal(i + 1, arg.clone()));
                }
            }
        }
        one_stdin_reader(&readers)?;
        let stdin_reader = readers.into_iter().flatten().next();
        if stdin_reader.is_some() && io::stdin().is_terminal() {
            return Err(UsageError(TERMINAL_HINT.into()));
        }
        Ok(TokenStream {
            specs,
            current: None,
            live: false,
            paused: false,
            interactive: false,
            buf: Vec::with_capacity(1024),
            stdin_reader,
            sources: vec![Named::new(Source::Argument), Named::new(Source::Stdin)],
        })
    }

    /// Whether the tokens are exactly one argument (a report then needs no line titles).
    pub fn is_one_argument(&self) -> bool {
        self.specs.len() == 1 && matches!(self.specs.front(), Some(Spec::Literal(..)))
    }

    /// How the tokens' reading of standard input is named, if they read it (for
    /// [`one_stdin_reader`]).
    pub fn stdin_reader(&self) -> Option<String> {
        self.stdin_reader.clone()
    }

    /// Refills `batch` with up to `max` items; false when the input is exhausted. A
    /// batch from a pipe ends early, once [`TokenStream::interactive`] asked for it, when the
    /// writer has sent nothing more yet ([`TokenStream::paused`] then says so).
    pub fn next_batch(&mut self, max: usize, batch: &mut Batch) -> bool {
        batch.clear();
        batch.sources.clone_from(&self.sources);
        self.paused = false;
        while batch.len() < max {
            match self.read_one(batch) {
                Step::End => break,
                Step::Paused => {
                    self.paused = true;
                    break;
                }
                Step::Item => {
                    if self.would_wait() {
                        self.paused = true;
                        break;
                    }
                }
            }
        }
        batch.sources.clone_from(&self.sources);
        !batch.is_empty()
    }

    /// Whether the last batch ended because the input had nothing more yet: what was
    /// printed for it should be flushed now, not when the output buffer fills.
    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Lets a batch from a pipe end when the writer has sent nothing more yet, for
    /// commands that answer token by token. Off by default: a command whose output
    /// depends on where batches end (`audit` groups by window) keeps full batches.
    pub fn interactive(&mut self) {
        self.interactive = true;
    }

    /// Whether reading the next line would wait for a pipe's writer: no whole line is
    /// buffered (a writer that flushes blocks often sends part of the next line) and
    /// nothing more is waiting in the pipe.
    fn would_wait(&self) -> bool {
        self.interactive
            && self.live
            && self
                .current
                .as_ref()
                .is_some_and(|(reader, _, _)| !reader.holds_line())
            && stdin_would_wait()
    }

    /// Reads the next item into `batch`.
    fn read_one(&mut self, batch: &mut Batch) -> Step {
        loop {
            let mut blank = false;
            if let Some((reader, source, line)) = &mut self.current {
                match read_line_bounded(reader, &mut self.buf, MAX_LINE) {
                    Ok(Line::Eof) => {
                        self.current = None;
                        continue;
                    }
                    Ok(Line::TooLong) => {
                        *line += 1;
                        batch.push(
                            *line,
                            *source,
                            Err("line is longer than 1 MiB; not a token"),
                        );
                        return Step::Item;
                    }
                    Ok(Line::Read) => {
                        *line += 1;
                        match std::str::from_utf8(&self.buf) {
                            Ok(s) => {
                                let text = clean_token(s);
                                if text.is_empty() {
                                    blank = true;
                                } else {
                                    batch.push(*line, *source, Ok(text));
                                }
                            }
                            Err(_) => {
                                batch.push(*line, *source, Err("line is not valid UTF-8"));
                                if shape::looks_utf16(&self.buf)
                                    && let Some(entry) = batch.entries.last_mut()
                                {
                                    entry.utf16 = true;
                                }
                            }
                        }
                        if !blank {
                            return Step::Item;
                        }
                    }
                    Err(e) => {
                        let message = format!("cannot read {}: {e}", self.sources[*source].label);
                        batch.push(*line + 1, *source, Err(&message));
                        self.current = None;
                        return Step::Item;
                    }
                }
            }
            if blank {
                // A line with no token (blank, or a bare `Authorization:`) must not hold
                // back the tokens before it while the writer has sent nothing more.
                if !batch.is_empty() && self.would_wait() {
                    return Step::Paused;
                }
                continue;
            }
            let Some(spec) = self.specs.pop_front() else {
                return Step::End;
            };
            match spec {
                Spec::Literal(position, text) => {
                    batch.push(position, 0, Ok(clean_token(&text)));
                    return Step::Item;
                }
                Spec::Stdin => {
                    let mut reader = BufReader::with_capacity(1 << 16, io::stdin());
                    skip_utf8_bom(&mut reader);
                    self.live = stdin_is_live();
                    self.current = Some((Box::new(reader), 1, 0));
                }
                Spec::File(path) => {
                    self.sources.push(Named::new(Source::File(path.clone())));
                    let source = self.sources.len() - 1;
                    match File::open(&path) {
                        Ok(file) => {
                            let mut reader = BufReader::with_capacity(1 << 16, file);
                            skip_utf8_bom(&mut reader);
                            self.live = false;
                            self.current = Some((Box::new(reader), source, 0));
                        }
                        Err(e) => {
                            let message = format!("cannot read {}: {e}", path.display());
                            batch.sources.clone_from(&self.sources);
                            batch.push(0, source, Err(&message));
                            return Step::Item;
                        }
                    }
                }
            }
        }
    }
}

/// Skips a UTF-8 byte-order mark at the start of a file or standard input: some
/// editors write one, and it can only be that there. A read error is left for the
/// first line to report.
fn skip_utf8_bom(reader: &mut impl BufRead) {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    loop {
        match reader.fill_buf() {
            Ok(bytes) => {
                if bytes.starts_with(BOM) {
                    reader.consume(BOM.len());
                }
                return;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// The longest line read as one token; longer lines are reported, not buffered.
pub const MAX_LINE: usize = 1 << 20;

/// What [`read_line_bounded`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// A line (its newline included, if it had one) is in the buffer.
    Read,
    /// The line was longer than the limit; it was skipped and the buffer holds nothing.
    TooLong,
    Eof,
}

/// Reads one line into `buf` (cleared first) without ever holding more than `max`
/// bytes of it: a file with no newlines cannot exhaust memory.
pub fn read_line_bounded(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let used = chunk.len();
        if !too_long {
            if buf.len() + chunk.len() > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        reader.consume(used);
        if done {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => Line::Eof,
        (true, true) => Line::TooLong,
        (true, false) => Line::Read,
    })
}

/// Strips what surrounds a token on a line: whitespace, one pair of quotes,
/// `Authorization:` and `Bearer ` (in any letter case).
pub fn clean_token(line: &str) -> &str {
    let mut s = line.trim();
    if let Some(rest) = strip_prefix_ignore_case(s, "authorization:") {
        s = rest.trim_start();
    }
    if let Some(rest) = strip_prefix_ignore_case(s, "bearer ") {
        s = rest.trim_start();
    }
    for quote in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(quote) && s.ends_with(quote) {
            s = s[1..s.len() - 1].trim();
        }
    }
    s
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines_skip_what_is_too_long() {
        let mut reader = std::io::Cursor::new(b"short\nxxxxxxxxxxxxxxxx\nlast".to_vec());
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut reader, &mut buf, 8).unwrap(),
            Line::Read
        );
        assert_eq!(buf, b"short\n");
        assert_eq!(
            read_line_bounded(&mut reader, &mut buf, 8).unwrap(),
            Line::TooLong
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_line_bounded(&mut reader, &mut buf, 8).unwrap(),
            Line::Read
        );
        assert_eq!(buf, b"last");
        assert_eq!(
            read_line_bounded(&mut reader, &mut buf, 8).unwrap(),
            Line::Eof
        );
    }

    #[test]
    fn cleaning_strips_what_surrounds_a_token() {
        assert_eq!(clean_token("  a.b.c \r\n"), "a.b.c");
        assert_eq!(clean_token("Bearer a.b.c"), "a.b.c");
        assert_eq!(clean_token("authorization: bearer  a.b.c"), "a.b.c");
        assert_eq!(clean_token("\"a.b.c\""), "a.b.c");
        assert_eq!(clean_token("Bearer"), "Bearer");
        assert_eq!(clean_token(""), "");
    }
}
