//! Where audited tokens come from: a token list (arguments, @FILE, standard input) or
//! files and directories scanned for tokens, handed to the engine in bounded batches.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::hash::{BuildHasher, RandomState};
use std::io::{self, Read};
use std::path::PathBuf;

use anyhow::Result;
use rayon::prelude::*;

use super::finder;
use super::report::Origin;
use super::unpack::{self, Unpacked};
use crate::exit::UsageError;
use crate::input::{self, Batch, TokenStream};
use crate::token::Token;

/// A token waiting to be audited.
pub struct Subject {
    pub origin: Origin,
    pub text: Result<String, String>,
    /// The parse already made while scanning (scan candidates are kept only if they
    /// parse), so a token is never parsed twice.
    pub parsed: Option<Token>,
}

/// Where subjects come from: a token list, or files scanned for tokens.
pub enum Feed {
    Tokens(TokenStream, Batch),
    Scan(ScanQueue),
}

impl Feed {
    /// Token arguments (`-`, `@FILE` or tokens), read as a stream opened with
    /// [`TokenStream::open`].
    pub fn tokens(stream: TokenStream) -> Feed {
        Feed::Tokens(stream, Batch::default())
    }

    /// Files and directories (and standard input) to scan for tokens, gzip files read up
    /// to `max_decompressed` bytes.
    pub fn scan(
        paths: &[input::Source],
        excludes: &[String],
        max_decompressed: u64,
    ) -> Result<Feed> {
        Ok(Feed::Scan(ScanQueue::new(
            paths,
            excludes,
            max_decompressed,
        )?))
    }

    /// Adds up to `max` subjects; none added means the source is exhausted.
    pub fn fill(&mut self, subjects: &mut Vec<Subject>, max: usize) -> Result<()> {
        match self {
            Feed::Tokens(stream, batch) => {
                if stream.next_batch(max, batch) {
                    for item in batch.iter() {
                        subjects.push(Subject {
                            origin: Origin {
                                source: Some(item.from.clone()),
                                line: item.line,
                                column: None,
                                url_parameter: None,
                                encoding: None,
                            },
                            text: item.text.map(str::to_owned).map_err(str::to_owned),
                            parsed: None,
                        });
                    }
                }
                Ok(())
            }
            Feed::Scan(queue) => queue.fill(subjects, max),
        }
    }
}

/// Files (and standard input) still to scan.
pub struct ScanQueue {
    paths: VecDeque<Result<PathBuf, String>>,
    /// `--exclude` globs that matched no path.
    pub unmatched_excludes: Vec<String>,
    /// Files left unread so far.
    pub skipped: Skipped,
    stdin: bool,
    /// Subjects found but not yet handed out.
    ready: VecDeque<Subject>,
    max_decompressed: u64,
}

/// Candidates remembered per file (then forgotten all at once).
const JUDGED_MAX: usize = 4_096;

/// Files scanned in parallel at a time.
const FILES_AT_ONCE: usize = 64;

impl ScanQueue {
    /// The files under `paths` (walked as [`finder::walk`] does) and standard input if
    /// one of them is `-`; gzip files are read up to `max_decompressed` bytes.
    pub fn new(
        paths: &[input::Source],
        excludes: &[String],
        max_decompressed: u64,
    ) -> Result<ScanQueue> {
        let stdin = paths.iter().any(input::Source::is_stdin);
        let files: Vec<PathBuf> = paths
            .iter()
            .filter_map(|p| match p {
                input::Source::File(path) => Some(path.clone()),
                input::Source::Stdin | input::Source::Argument => None,
            })
            .collect();
        let walked = if files.is_empty() {
            // Still check the globs: a typo fails even without a directory.
            finder::walk(&[], excludes).map_err(|e| UsageError(format!("{e:#}")))?
        } else {
            finder::walk(&files, excludes).map_err(|e| UsageError(format!("{e:#}")))?
        };
        Ok(ScanQueue {
            paths: walked.entries.into(),
            unmatched_excludes: walked.unmatched,
            skipped: Skipped::default(),
            stdin,
            ready: Default::default(),
            max_decompressed,
        })
    }

    /// Adds up to `max` subjects (tokens found, in file order, and inputs that could not
    /// be read); none added means every file was scanned.
    pub fn fill(&mut self, subjects: &mut Vec<Subject>, max: usize) -> Result<()> {
        while subjects.len() < max {
            if let Some(s) = self.ready.pop_front() {
                subjects.push(s);
                continue;
            }
            if self.stdin {
                self.stdin = false;
                let found = scan_one(input::Source::Stdin, self.max_decompressed);
                self.take(found);
                continue;
            }
            if self.paths.is_empty() {
                break;
            }
            let n = self.paths.len().min(FILES_AT_ONCE);
            let group: Vec<Result<PathBuf, String>> = self.paths.drain(..n).collect();
            let cap = self.max_decompressed;
            let found: Vec<Scanned> = group
                .into_par_iter()
                .map(|entry| match entry {
                    Ok(path) => scan_one(input::Source::File(path), cap),
                    Err(message) => Scanned {
                        subjects: vec![Subject {
                            origin: Origin::none(),
                            text: Err(message),
                            parsed: None,
                        }],
                        compressed: false,
                        capped: false,
                    },
                })
                .collect();
            for scanned in found {
                self.take(scanned);
            }
        }
        Ok(())
    }

    /// Queues what one file gave and counts it if it was skipped.
    fn take(&mut self, scanned: Scanned) {
        if scanned.compressed {
            self.skipped.compressed += 1;
        }
        if scanned.capped {
            self.skipped.decompressed_over_cap += 1;
        }
        // The only errors a scan yields are inputs it could not read.
        if scanned.subjects.iter().any(|s| s.text.is_err()) {
            self.skipped.unreadable += 1;
        }
        self.ready.extend(scanned.subjects);
    }
}

/// Files `--scan` could not look into, by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Compressed or archived (zip, bzip2, xz, zstd, 7z, lz4): not decompressed.
    pub compressed: usize,
    /// Missing, unreadable, or failing midway (each is also an error in the report).
    pub unreadable: usize,
    /// Gzip files that decompress to more than `--max-decompressed` (a gzip bomb, or a
    /// huge log): scanned up to that size, the rest left unread.
    pub decompressed_over_cap: usize,
}

impl Skipped {
    pub fn total(&self) -> usize {
        self.compressed + self.unreadable + self.decompressed_over_cap
    }
}

/// What scanning one file gave.
struct Scanned {
    subjects: Vec<Subject>,
    /// The file was compressed in a format jwtx does not open, and left unread.
    compressed: bool,
    /// The file decompressed to more than the cap and was read only that far.
    capped: bool,
}

/// Scans one file (or standard input) and keeps the candidates the token parser accepts:
/// gzip is decompressed (up to `max_decompressed` bytes) and UTF-16 decoded first
/// ([`unpack`]); other compressed formats are left unread.
fn scan_one(source: input::Source, max_decompressed: u64) -> Scanned {
    let scanned = |subjects| Scanned {
        subjects,
        compressed: false,
        capped: false,
    };
    let unreadable = |e: io::Error| {
        scanned(vec![Subject {
            origin: Origin {
                source: Some(source.clone()),
                ..Origin::none()
            },
            text: Err(format!("cannot read {}: {e}", source.label())),
            parsed: None,
        }])
    };
    let reader: Box<dyn Read + Send> = match &source {
        input::Source::File(path) => match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return unreadable(e),
        },
        input::Source::Stdin => Box::new(io::stdin()),
        // A path never names an argument: nothing to scan.
        input::Source::Argument => return scanned(Vec::new()),
    };
    let opened = match unpack::open(reader, max_decompressed) {
        Ok(Unpacked::Text(opened)) => opened,
        Ok(Unpacked::Unopened(_)) => {
            return Scanned {
                subjects: Vec::new(),
                compressed: true,
                capped: false,
            };
        }
        Err(e) => return unreadable(e),
    };
    // What the token was inside, outermost first: the file's layers, then base64.
    let layers = opened.layers.clone();
    let encoding = |base64: u8| {
        let parts: Vec<&str> = layers
            .iter()
            .copied()
            .chain(std::iter::repeat_n("base64", usize::from(base64)))
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    };
    let mut subjects = Vec::new();
    // Candidates already judged in this file, by a keyed hash of their text: a repeat
    // is kept (or dropped) without parsing it again; the engine groups the repeats.
    let hasher = RandomState::new();
    let mut judged: HashMap<u64, bool> = HashMap::new();
    let result = finder::scan_reader(opened.reader, |found| {
        let key = hasher.hash_one(&found.text);
        let parsed = match judged.get(&key) {
            Some(false) => return,
            Some(true) => None,
            None => {
                let parsed = Token::parse(&found.text).ok();
                if judged.len() >= JUDGED_MAX {
                    judged.clear();
                }
                judged.insert(key, parsed.is_some());
                match parsed {
                    Some(token) => Some(token),
                    None => return,
                }
            }
        };
        subjects.push(Subject {
            origin: Origin {
                source: Some(source.clone()),
                line: found.line,
                column: Some(found.column),
                url_parameter: found.url_parameter,
                encoding: encoding(found.base64),
            },
            text: Ok(found.text),
            parsed,
        });
    });
    if let Err(e) = result {
        subjects.push(Subject {
            origin: Origin {
                source: Some(source.clone()),
                ..Origin::none()
            },
            text: Err(format!("cannot read {}: {e}", source.label())),
            parsed: None,
        });
    }
    Scanned {
        subjects,
        compressed: false,
        capped: opened.capped.load(std::sync::atomic::Ordering::Relaxed),
    }
}
