//! Where tokens come from: arguments, `@FILE` and standard input, one token per line,
//! streamed in order with their line numbers. Surrounding whitespace, quotes, a
//! `Bearer ` prefix and a whole `Authorization: Bearer ...` line are stripped here, so the
//! parser only ever sees the token.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal};
use std::path::PathBuf;
use std::sync::Arc;

use crate::exit::UsageError;

/// One input line holding a token, or the reason it could not be read.
#[derive(Debug, Clone)]
pub struct Item {
    /// 1-based line number within its source (argument position for arguments).
    pub line: usize,
    pub source: Arc<str>,
    pub text: Result<String, String>,
}

enum Spec {
    Literal(usize, String),
    Stdin,
    File(PathBuf),
}

/// A stream of tokens from the command's arguments, in order.
pub struct TokenStream {
    specs: VecDeque<Spec>,
    current: Option<(Box<dyn BufRead + Send>, Arc<str>, usize)>,
    buf: Vec<u8>,
    uses_stdin: bool,
}

/// The hint for `jwtx decode` typed alone at a terminal: better than waiting silently.
const TERMINAL_HINT: &str = "no token given and standard input is a terminal; pass a TOKEN, @FILE, or pipe tokens in (see --help)";

impl TokenStream {
    /// `args` as the user gave them; none means standard input.
    pub fn open(args: &[String]) -> Result<TokenStream, UsageError> {
        let mut specs = VecDeque::new();
        let mut uses_stdin = false;
        if args.is_empty() {
            specs.push_back(Spec::Stdin);
            uses_stdin = true;
        }
        for (i, arg) in args.iter().enumerate() {
            if arg == "-" {
                if uses_stdin {
                    return Err(UsageError("standard input (-) given twice".into()));
                }
                uses_stdin = true;
                specs.push_back(Spec::Stdin);
            } else if let Some(path) = arg.strip_prefix('@') {
                specs.push_back(Spec::File(PathBuf::from(path)));
            } else {
                specs.push_back(Spec::Literal(i + 1, arg.clone()));
            }
        }
        if uses_stdin && io::stdin().is_terminal() {
            return Err(UsageError(TERMINAL_HINT.into()));
        }
        Ok(TokenStream {
            specs,
            current: None,
            buf: Vec::with_capacity(1024),
            uses_stdin,
        })
    }

    /// Whether tokens are read from standard input (which then cannot carry a key).
    pub fn uses_stdin(&self) -> bool {
        self.uses_stdin
    }

    /// Fills `out` with up to `max` items; false when the input is exhausted.
    pub fn next_batch(&mut self, max: usize, out: &mut Vec<Item>) -> bool {
        out.clear();
        while out.len() < max {
            match self.next() {
                Some(item) => out.push(item),
                None => return !out.is_empty(),
            }
        }
        true
    }
}

impl Iterator for TokenStream {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some((reader, source, line)) = &mut self.current {
                self.buf.clear();
                match reader.read_until(b'\n', &mut self.buf) {
                    Ok(0) => {
                        self.current = None;
                        continue;
                    }
                    Ok(_) => {
                        *line += 1;
                        let text = match std::str::from_utf8(&self.buf) {
                            Ok(s) => clean_token(s),
                            Err(_) => {
                                return Some(Item {
                                    line: *line,
                                    source: source.clone(),
                                    text: Err("line is not valid UTF-8".into()),
                                });
                            }
                        };
                        if text.is_empty() {
                            continue;
                        }
                        return Some(Item {
                            line: *line,
                            source: source.clone(),
                            text: Ok(text.to_owned()),
                        });
                    }
                    Err(e) => {
                        let item = Item {
                            line: *line + 1,
                            source: source.clone(),
                            text: Err(format!("cannot read {source}: {e}")),
                        };
                        self.current = None;
                        return Some(item);
                    }
                }
            }
            match self.specs.pop_front()? {
                Spec::Literal(position, text) => {
                    return Some(Item {
                        line: position,
                        source: Arc::from("argument"),
                        text: Ok(clean_token(&text).to_owned()),
                    });
                }
                Spec::Stdin => {
                    let reader = BufReader::with_capacity(1 << 16, io::stdin());
                    self.current = Some((Box::new(reader), Arc::from("stdin"), 0));
                }
                Spec::File(path) => {
                    let source: Arc<str> = Arc::from(path.display().to_string());
                    match File::open(&path) {
                        Ok(file) => {
                            let reader = BufReader::with_capacity(1 << 16, file);
                            self.current = Some((Box::new(reader), source, 0));
                        }
                        Err(e) => {
                            return Some(Item {
                                line: 0,
                                source: source.clone(),
                                text: Err(format!("cannot read {source}: {e}")),
                            });
                        }
                    }
                }
            }
        }
    }
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
    fn cleaning_strips_what_surrounds_a_token() {
        assert_eq!(clean_token("  a.b.c \r\n"), "a.b.c");
        assert_eq!(clean_token("Bearer a.b.c"), "a.b.c");
        assert_eq!(clean_token("authorization: bearer  a.b.c"), "a.b.c");
        assert_eq!(clean_token("\"a.b.c\""), "a.b.c");
        assert_eq!(clean_token("Bearer"), "Bearer");
        assert_eq!(clean_token(""), "");
    }
}
