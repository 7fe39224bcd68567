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

    /// Files and directories (and standard input) to scan for tokens.
    pub fn scan(paths: &[input::Source], excludes: &[String]) -> Result<Feed> {
        Ok(Feed::Scan(ScanQueue::new(paths, excludes)?))
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
    stdin: bool,
    /// Subjects found but not yet handed out.
    ready: VecDeque<Subject>,
}

/// Candidates remembered per file (then forgotten all at once).
const JUDGED_MAX: usize = 4_096;

/// Files scanned in parallel at a time.
const FILES_AT_ONCE: usize = 64;

impl ScanQueue {
    fn new(paths: &[input::Source], excludes: &[String]) -> Result<ScanQueue> {
        let stdin = paths.iter().any(input::Source::is_stdin);
        let files: Vec<PathBuf> = paths
            .iter()
            .filter_map(|p| match p {
                input::Source::File(path) => Some(path.clone()),
                input::Source::Stdin | input::Source::Argument => None,
            })
            .collect();
        let walked = if files.is_empty() {
            Vec::new()
        } else {
            finder::walk(&files, excludes).map_err(|e| UsageError(format!("{e:#}")))?
        };
        Ok(ScanQueue {
            paths: walked.into(),
            stdin,
            ready: Default::default(),
        })
    }

    fn fill(&mut self, subjects: &mut Vec<Subject>, max: usize) -> Result<()> {
        while subjects.len() < max {
            if let Some(s) = self.ready.pop_front() {
                subjects.push(s);
                continue;
            }
            if self.stdin {
                self.stdin = false;
                let found = scan_one(input::Source::Stdin);
                self.ready.extend(found);
                continue;
            }
            if self.paths.is_empty() {
                break;
            }
            let n = self.paths.len().min(FILES_AT_ONCE);
            let group: Vec<Result<PathBuf, String>> = self.paths.drain(..n).collect();
            let found: Vec<Vec<Subject>> = group
                .into_par_iter()
                .map(|entry| match entry {
                    Ok(path) => scan_one(input::Source::File(path)),
                    Err(message) => vec![Subject {
                        origin: Origin {
                            source: None,
                            line: 0,
                            column: None,
                            url_parameter: None,
                        },
                        text: Err(message),
                        parsed: None,
                    }],
                })
                .collect();
            self.ready.extend(found.into_iter().flatten());
        }
        Ok(())
    }
}

/// Scans one file (or standard input) and keeps the candidates the token parser accepts.
fn scan_one(source: input::Source) -> Vec<Subject> {
    let origin = |line, column, url_parameter| Origin {
        source: Some(source.clone()),
        line,
        column,
        url_parameter,
    };
    let reader: Box<dyn Read> = match &source {
        input::Source::File(path) => match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                return vec![Subject {
                    origin: origin(0, None, None),
                    text: Err(format!("cannot read {}: {e}", source.label())),
                    parsed: None,
                }];
            }
        },
        input::Source::Stdin => Box::new(io::stdin()),
        // A path never names an argument: nothing to scan.
        input::Source::Argument => return Vec::new(),
    };
    let mut subjects = Vec::new();
    // Candidates already judged in this file, by a keyed hash of their text: a repeat
    // is kept (or dropped) without parsing it again; the engine groups the repeats.
    let hasher = RandomState::new();
    let mut judged: HashMap<u64, bool> = HashMap::new();
    let result = finder::scan_reader(reader, |found| {
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
            origin: origin(found.line, Some(found.column), found.url_parameter),
            text: Ok(found.text),
            parsed,
        });
    });
    if let Err(e) = result {
        subjects.push(Subject {
            origin: origin(0, None, None),
            text: Err(format!("cannot read {}: {e}", source.label())),
            parsed: None,
        });
    }
    subjects
}
