//! Keys from where they live: key sets and OpenID Connect discovery documents fetched
//! over HTTPS through a bounded client and kept in an on-disk cache.
//!
//! jwtx fetches only the URLs the user typed and the discovery document of the issuer
//! the user named. Nothing in a token (`jku`, `x5u`, `iss`) ever chooses a URL: that is
//! how an attacker would choose the key. Nothing here prints; warnings travel back in
//! [`Document::warnings`] for the command to show.

pub mod cache;
pub mod http;
pub mod oidc;

use std::sync::Mutex;

use url::Url;

pub use cache::{Cache, Entry, Freshness};
pub use http::{Conditions, Transport};

/// Why a document could not be had. Every one of these is a key problem (exit 6).
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("jwtx will not fetch {url}: {why}")]
    Refused { url: String, why: String },
    #[error("cannot fetch {url}: {why}")]
    Network { url: String, why: String },
    #[error("cannot fetch {url}: {why}")]
    Tls { url: String, why: String },
    #[error("cannot fetch {url}: {why}")]
    Http { url: String, why: String },
    /// The server answered with an error status.
    #[error("cannot fetch {url}: {why}")]
    Status {
        url: String,
        status: u16,
        why: String,
    },
    #[error("{url} did not answer with {expected}: {why}")]
    Content {
        url: String,
        expected: &'static str,
        why: String,
    },
    #[error(
        "{url} is not in the key cache and --offline forbids fetching it; run once without --offline to cache it"
    )]
    NotCached { url: String },
    #[error("{0}")]
    Discovery(String),
    /// `--ca-file` (or `SSL_CERT_FILE`) cannot be used.
    #[error("{0}")]
    CaFile(String),
}

/// How the cache and the network are used for a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A fresh cached copy, else the network (revalidating a stale copy), else a stale
    /// copy with a warning when the network fails.
    Normal,
    /// The cache only, whatever its age (`--offline`).
    Offline,
    /// The network only (`--refresh-keys`); the cache is updated.
    Refresh,
}

/// Where a document came from, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Received just now.
    Network,
    /// The cached copy, confirmed unchanged by the server just now (304).
    Revalidated,
    /// The cached copy, still fresh.
    Cache,
    /// The cached copy past its freshness, because the server could not be reached.
    Stale,
}

/// A fetched (or cached) document and what it parsed to.
#[derive(Debug)]
pub struct Document<T> {
    pub url: Url,
    pub value: T,
    pub origin: Origin,
    /// Seconds since the server last confirmed the copy.
    pub age: u64,
    /// Things the user should know (a stale copy used, a cache that cannot be written).
    pub warnings: Vec<String>,
}

/// What a document of one kind must be.
pub struct Expect<'a, T> {
    /// "a key set", "an OpenID Connect discovery document": for messages.
    pub what: &'static str,
    /// The `Accept` header.
    pub accept: &'static str,
    /// Reads the body, or says why it is not what was expected.
    pub parse: &'a (dyn Fn(&str) -> Result<T, String> + Sync),
}

/// The outcome of a refetch asked for because a token named a kid the set lacks.
#[derive(Debug)]
pub enum Refetch<T> {
    /// A new copy (or the old one confirmed by a 304: then `value` is the same set).
    Done(Document<T>),
    /// Not asked: the copy was confirmed this recently (seconds), within the cooldown.
    Cooldown(u64),
    /// Not asked: `--offline`.
    Offline,
}

/// Fetches documents for one run, through the cache.
pub struct Client {
    transport: Transport,
    mode: Mode,
    cache: Option<Cache>,
    /// Cache write failures are reported once per run.
    write_warned: Mutex<bool>,
}

impl Client {
    pub fn new(transport: Transport, mode: Mode, cache: Option<Cache>) -> Client {
        Client {
            transport,
            mode,
            cache,
            write_warned: Mutex::new(false),
        }
    }

    pub fn allow_http(&self) -> bool {
        self.transport.allow_http
    }

    /// The document at `url`, by the run's [`Mode`].
    pub fn get<T>(&self, url: &Url, expect: &Expect<'_, T>) -> Result<Document<T>, FetchError> {
        http::check_url(url, self.transport.allow_http)?;
        // A fragment names a part of the document to the client; it is not sent, and
        // the same document must not be cached twice.
        let unfragmented;
        let url = if url.fragment().is_some() {
            let mut u = url.clone();
            u.set_fragment(None);
            unfragmented = u;
            &unfragmented
        } else {
            url
        };
        let cached = self.cached(url);
        match self.mode {
            Mode::Offline => {
                let entry = cached.ok_or_else(|| FetchError::NotCached {
                    url: url.to_string(),
                })?;
                let fresh = entry.is_fresh();
                let mut doc = self.load_entry(url, entry, expect, Origin::Cache)?;
                if !fresh {
                    doc.warnings.push(format!(
                        "using the copy of {url} cached {} ago (--offline); it may no longer be current",
                        ago(doc.age)
                    ));
                }
                Ok(doc)
            }
            Mode::Refresh => self.fetch(url, None, expect),
            Mode::Normal => match cached {
                Some(entry) if entry.is_fresh() => {
                    // A cached copy this version of jwtx cannot read is fetched again.
                    match self.load_entry(url, entry.clone(), expect, Origin::Cache) {
                        Ok(doc) => Ok(doc),
                        Err(_) => self.fetch(url, None, expect),
                    }
                }
                stale => self.fetch(url, stale, expect),
            },
        }
    }

    /// Asks the server again because a token's kid is not in the set: at most once per
    /// [`cache::REFETCH_COOLDOWN`] per URL, and never with `--offline`.
    pub fn refetch<T>(&self, url: &Url, expect: &Expect<'_, T>) -> Result<Refetch<T>, FetchError> {
        if self.mode == Mode::Offline {
            return Ok(Refetch::Offline);
        }
        let mut url = url.clone();
        url.set_fragment(None);
        let url = &url;
        let cached = self.cached(url);
        if let Some(entry) = &cached {
            let age = entry.age();
            if age < cache::REFETCH_COOLDOWN {
                return Ok(Refetch::Cooldown(age));
            }
        }
        self.fetch(url, cached, expect).map(Refetch::Done)
    }

    fn cached(&self, url: &Url) -> Option<Entry> {
        self.cache.as_ref()?.read(url.as_str())
    }

    fn load_entry<T>(
        &self,
        url: &Url,
        entry: Entry,
        expect: &Expect<'_, T>,
        origin: Origin,
    ) -> Result<Document<T>, FetchError> {
        let value = (expect.parse)(&entry.body).map_err(|why| FetchError::Content {
            url: url.to_string(),
            expected: expect.what,
            why: format!("{why} (in the cached copy; clear it with `jwtx cache clear`)"),
        })?;
        Ok(Document {
            url: url.clone(),
            value,
            origin,
            age: entry.age(),
            warnings: Vec::new(),
        })
    }

    /// Requests `url`, revalidating `stale` when given; falls back to `stale` when the
    /// server cannot be reached or fails (stale-if-error, RFC 5861), within bounds.
    fn fetch<T>(
        &self,
        url: &Url,
        stale: Option<Entry>,
        expect: &Expect<'_, T>,
    ) -> Result<Document<T>, FetchError> {
        let conditions = stale
            .as_ref()
            .map(|e| Conditions {
                etag: e.etag.clone(),
                last_modified: e.last_modified.clone(),
            })
            .unwrap_or_default();
        let answer = match self.transport.get(url, expect.accept, &conditions) {
            Ok(answer) if answer.status < 500 => answer,
            failed => {
                // What RFC 5861 lets a stale copy cover: no answer, or a server error.
                let (err, transient) = match failed {
                    Ok(answer) => (status_error(url, &answer), true),
                    Err(e) => {
                        let transient = matches!(e, FetchError::Network { .. });
                        (e, transient)
                    }
                };
                return match stale {
                    Some(entry)
                        if transient && entry.may_stand_in() && self.mode == Mode::Normal =>
                    {
                        let mut doc = self.load_entry(url, entry, expect, Origin::Stale)?;
                        doc.warnings
                            .push(format!("{err}; using the copy cached {} ago", ago(doc.age)));
                        Ok(doc)
                    }
                    _ => Err(err),
                };
            }
        };
        let freshness = Freshness::from_headers(
            answer.header("cache-control"),
            answer.header("etag"),
            answer.header("last-modified"),
        );
        match (answer.status, stale) {
            (200, _) => {
                let body = check_body(url, &answer, expect.what)?;
                let value = (expect.parse)(&body).map_err(|why| FetchError::Content {
                    url: url.to_string(),
                    expected: expect.what,
                    why,
                })?;
                let mut doc = Document {
                    url: url.clone(),
                    value,
                    origin: Origin::Network,
                    age: 0,
                    warnings: Vec::new(),
                };
                if freshness.store {
                    self.store(&Entry::new(url.as_str(), body, &freshness), &mut doc);
                }
                Ok(doc)
            }
            (304, Some(mut entry)) => {
                entry.checked = cache::now();
                // A 304 without Cache-Control keeps the stored freshness (RFC 9111 §4.3.4).
                if answer.header("cache-control").is_some() {
                    entry.max_age = freshness.max_age;
                }
                entry.etag = freshness.etag.or(entry.etag);
                entry.last_modified = freshness.last_modified.or(entry.last_modified);
                let mut doc = self.load_entry(url, entry.clone(), expect, Origin::Revalidated)?;
                if freshness.store {
                    self.store(&entry, &mut doc);
                }
                Ok(doc)
            }
            _ => Err(status_error(url, &answer)),
        }
    }

    fn store<T>(&self, entry: &Entry, doc: &mut Document<T>) {
        let Some(cache) = &self.cache else { return };
        if let Err(e) = cache.write(entry) {
            let mut warned = self.write_warned.lock().unwrap_or_else(|p| p.into_inner());
            if !*warned {
                *warned = true;
                doc.warnings.push(format!(
                    "cannot write the key cache in {}: {e}; keys will be fetched again next time",
                    cache.dir().display()
                ));
            }
        }
    }
}

/// The body as text, refusing what is plainly not a key document.
fn check_body(url: &Url, answer: &http::Answer, what: &'static str) -> Result<String, FetchError> {
    let content = |why: String| FetchError::Content {
        url: url.to_string(),
        expected: what,
        why,
    };
    let html = answer
        .header("content-type")
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/html"));
    let body = String::from_utf8(answer.body.clone())
        .map_err(|_| content("the response is not text".into()))?;
    let start = body.trim_start();
    if html || start.starts_with("<!") || start.to_ascii_lowercase().starts_with("<html") {
        return Err(content(
            "it sent an HTML page (a login or error page?)".into(),
        ));
    }
    if start.is_empty() {
        return Err(content("the response is empty".into()));
    }
    Ok(body)
}

fn status_error(url: &Url, answer: &http::Answer) -> FetchError {
    let status = answer.status;
    let reason = ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let why = match status {
        401 | 403 => format!(
            "HTTP {status} {reason}: the server wants credentials; key sets are public documents"
        ),
        304 => "HTTP 304 Not Modified, but nothing was cached".into(),
        _ => format!("HTTP {status} {reason}").trim_end().to_owned(),
    };
    FetchError::Status {
        url: url.to_string(),
        status,
        why,
    }
}

/// "3h", "2m", "10s": how long ago, roughly.
pub fn ago(seconds: u64) -> String {
    let (value, unit) = match seconds {
        s if s < 60 => (s, "s"),
        s if s < 3600 => (s / 60, "m"),
        s if s < 86_400 => (s / 3600, "h"),
        s => (s / 86_400, "d"),
    };
    format!("{value}{unit}")
}
