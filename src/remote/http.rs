//! One bounded HTTP GET: the URL policy (https, or http to loopback), redirects
//! followed by hand so every hop passes the same policy, proxies from the environment,
//! a deadline for the whole exchange and a cap on the body.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::{HeaderMap, StatusCode};
use ureq::tls::{Certificate, RootCerts, TlsConfig};
use url::{Host, Url};

use super::FetchError;

/// The most bytes a key or discovery document may have.
pub const MAX_BODY: u64 = 1024 * 1024;
/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 5;
/// The longest a connection may take to open, within the overall timeout.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

const USER_AGENT: &str = concat!(
    "jwtx/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/jwtx/jwtx)"
);

/// How requests are made: fixed for a run.
pub struct Transport {
    /// The whole exchange, redirects included, must end within this.
    timeout: Duration,
    /// Plain http to hosts other than loopback.
    pub(super) allow_http: bool,
    /// Trust anchors in place of the built-in web PKI roots (`--ca-file`, `SSL_CERT_FILE`),
    /// read when the first request needs them: a run served from the cache never does.
    ca_file: Option<PathBuf>,
    roots: OnceLock<Result<Arc<Vec<Certificate<'static>>>, String>>,
}

/// A validator the cache headers came with, sent back to ask "has it changed?".
#[derive(Clone, Debug, Default)]
pub struct Conditions {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A complete answer: 200 with its body, or 304.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// The URL that answered, after redirects.
    pub url: Url,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Whether `url` names this machine: `localhost` or a loopback address.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        // Only the name itself: other names under .localhost go to the resolver, which
        // may ask DNS.
        Some(Host::Domain(name)) => name.trim_end_matches('.').eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// `url` for messages, without any user name or password it carries.
pub fn redacted(url: &Url) -> String {
    if url.username().is_empty() && url.password().is_none() {
        return url.to_string();
    }
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.to_string()
}

/// Whether jwtx may request `url` at all: https anywhere, http only to loopback or
/// with `--allow-http`; nothing else.
pub fn check_url(url: &Url, allow_http: bool) -> Result<(), FetchError> {
    let refused = |why: String| FetchError::Refused {
        url: redacted(url),
        why,
    };
    if url.host().is_none() {
        return Err(refused("it has no host".into()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refused(
            "it carries credentials; jwtx does not send or store them".into(),
        ));
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) || allow_http => Ok(()),
        "http" => Err(refused(
            "plain http can be read and changed on the way; use https, or --allow-http for a host you trust".into(),
        )),
        other => Err(refused(format!("jwtx fetches https:// URLs, not {other}:"))),
    }
}

impl Transport {
    pub fn new(timeout: Duration, allow_http: bool, ca_file: Option<PathBuf>) -> Transport {
        Transport {
            timeout,
            allow_http,
            ca_file,
            roots: OnceLock::new(),
        }
    }

    /// The `--ca-file` certificates, if one was given.
    fn roots(&self) -> Result<Option<Arc<Vec<Certificate<'static>>>>, FetchError> {
        let Some(path) = &self.ca_file else {
            return Ok(None);
        };
        self.roots
            .get_or_init(|| read_ca_file(path))
            .clone()
            .map(Some)
            .map_err(FetchError::CaFile)
    }

    /// GETs `url`, following redirects that stay within the policy, with `accept` as
    /// the media types wanted and `conditions` to revalidate a cached copy.
    pub fn get(
        &self,
        url: &Url,
        accept: &str,
        conditions: &Conditions,
    ) -> Result<Answer, FetchError> {
        let deadline = Instant::now() + self.timeout;
        let mut current = url.clone();
        check_url(&current, self.allow_http)?;
        for _ in 0..=MAX_REDIRECTS {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(self.timed_out(url));
            }
            let answer = self.once(&current, accept, conditions, left)?;
            if !is_redirect(answer.status) {
                return Ok(Answer {
                    url: current,
                    ..answer
                });
            }
            let location = answer.header("location").ok_or_else(|| FetchError::Http {
                url: current.to_string(),
                why: format!("redirect {} without a Location header", answer.status),
            })?;
            let next = current.join(location).map_err(|e| FetchError::Http {
                url: current.to_string(),
                why: format!("redirect to an invalid URL {location:?} ({e})"),
            })?;
            if current.scheme() == "https" && next.scheme() != "https" {
                return Err(FetchError::Refused {
                    url: url.to_string(),
                    why: format!("it redirects to {}, which is not https", redacted(&next)),
                });
            }
            check_url(&next, self.allow_http).map_err(|e| match e {
                FetchError::Refused { why, .. } => FetchError::Refused {
                    url: url.to_string(),
                    why: format!(
                        "it redirects to {}, which jwtx will not fetch: {why}",
                        redacted(&next)
                    ),
                },
                other => other,
            })?;
            current = next;
        }
        Err(FetchError::Http {
            url: url.to_string(),
            why: format!("more than {MAX_REDIRECTS} redirects"),
        })
    }

    fn timed_out(&self, url: &Url) -> FetchError {
        FetchError::Network {
            url: url.to_string(),
            why: format!(
                "no complete answer within {} (--timeout)",
                humantime::format_duration(self.timeout)
            ),
        }
    }

    fn once(
        &self,
        url: &Url,
        accept: &str,
        conditions: &Conditions,
        left: Duration,
    ) -> Result<Answer, FetchError> {
        let proxy = proxy_for(url)?;
        let tls = TlsConfig::builder()
            // Plain http to loopback needs no trust anchors: a broken CA file is no
            // reason to fail it.
            .root_certs(match url.scheme() {
                "https" => match self.roots()? {
                    Some(certs) => RootCerts::Specific(certs),
                    None => RootCerts::WebPki,
                },
                _ => RootCerts::WebPki,
            })
            .unversioned_rustls_crypto_provider(Arc::new(
                rustls::crypto::aws_lc_rs::default_provider(),
            ))
            .build();
        let agent = Config::builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(USER_AGENT)
            .accept(accept)
            .accept_encoding("identity")
            .proxy(proxy)
            .tls_config(tls)
            .timeout_global(Some(left))
            .timeout_connect(Some(left.min(CONNECT_TIMEOUT)))
            .max_idle_connections(0)
            .build()
            .new_agent();
        let mut request = agent.get(url.as_str());
        if let Some(etag) = &conditions.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &conditions.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| self.describe(url, e))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = if status == StatusCode::OK {
            response
                .body_mut()
                .with_config()
                .limit(MAX_BODY)
                .read_to_vec()
                .map_err(|e| self.describe(url, e))?
        } else {
            Vec::new()
        };
        Ok(Answer {
            status: status.as_u16(),
            headers,
            body,
            url: url.clone(),
        })
    }

    /// One line saying what went wrong, in the user's terms.
    fn describe(&self, url: &Url, err: ureq::Error) -> FetchError {
        use ureq::Error as E;
        let network = |why: String| FetchError::Network {
            url: url.to_string(),
            why,
        };
        match err {
            E::Timeout(_) => self.timed_out(url),
            E::HostNotFound => network(format!(
                "the host name {} does not resolve",
                url.host_str().unwrap_or_default()
            )),
            E::BodyExceedsLimit(_) => FetchError::Http {
                url: url.to_string(),
                why: format!("the response is larger than {} KiB", MAX_BODY / 1024),
            },
            E::Rustls(e) => FetchError::Tls {
                url: url.to_string(),
                why: tls_reason(&e, self.ca_file.is_some()),
            },
            E::Io(e) => match e.kind() {
                std::io::ErrorKind::ConnectionRefused => network("connection refused".into()),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                    self.timed_out(url)
                }
                // The resolver's failure comes back as a plain I/O error.
                _ if e.to_string().contains("lookup address") => network(format!(
                    "the host name {} does not resolve",
                    url.host_str().unwrap_or_default()
                )),
                _ => match e
                    .get_ref()
                    .and_then(|inner| inner.downcast_ref::<rustls::Error>())
                {
                    Some(tls) => FetchError::Tls {
                        url: url.to_string(),
                        why: tls_reason(tls, self.ca_file.is_some()),
                    },
                    None => network(e.to_string()),
                },
            },
            E::ConnectProxyFailed(why) => network(format!("the proxy refused the tunnel: {why}")),
            E::ConnectionFailed => network("the connection failed".into()),
            E::Protocol(e) => FetchError::Http {
                url: url.to_string(),
                why: format!("not a valid HTTP answer ({e})"),
            },
            other => network(other.to_string()),
        }
    }
}

/// The certificates of a PEM bundle, as trust anchors.
fn read_ca_file(path: &std::path::Path) -> Result<Arc<Vec<Certificate<'static>>>, String> {
    let name = path.display();
    let pem = std::fs::read(path).map_err(|e| format!("cannot read CA file {name}: {e}"))?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(cert)) => certs.push(cert),
            Ok(_) => {}
            Err(e) => return Err(format!("CA file {name} is not valid PEM ({e})")),
        }
    }
    if certs.is_empty() {
        return Err(format!("CA file {name} holds no PEM certificates"));
    }
    Ok(Arc::new(certs))
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// A TLS failure said plainly, with the fix for the common one.
fn tls_reason(err: &rustls::Error, custom_roots: bool) -> String {
    use rustls::CertificateError as C;
    let trust_hint = if custom_roots {
        "the certificate does not chain to a CA in --ca-file/SSL_CERT_FILE"
    } else {
        "the certificate is not signed by a publicly trusted CA; for a private CA pass --ca-file FILE (or set SSL_CERT_FILE)"
    };
    match err {
        rustls::Error::InvalidCertificate(cert) => match cert {
            C::UnknownIssuer | C::BadSignature => format!("TLS: {trust_hint}"),
            C::Expired | C::ExpiredContext { .. } => {
                "TLS: the server's certificate has expired".into()
            }
            C::NotValidYet | C::NotValidYetContext { .. } => {
                "TLS: the server's certificate is not valid yet (check the clock)".into()
            }
            C::NotValidForName | C::NotValidForNameContext { .. } => {
                "TLS: the server's certificate is for another host name".into()
            }
            C::Revoked => "TLS: the server's certificate is revoked".into(),
            other => format!("TLS: invalid certificate ({other:?})"),
        },
        other => format!("TLS: {other}"),
    }
}

/// The proxy for `url` from the environment, as curl reads it: `https_proxy` /
/// `HTTPS_PROXY` for https, `http_proxy` for http, then `ALL_PROXY`; none for a host
/// that `NO_PROXY` lists.
fn proxy_for(url: &Url) -> Result<Option<ureq::Proxy>, FetchError> {
    // This machine is never reached through a proxy (as curl does): loopback traffic,
    // plain http included, must not leave it.
    if is_loopback(url) {
        return Ok(None);
    }
    let names: &[&str] = match url.scheme() {
        "https" => &["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"],
        _ => &["http_proxy", "all_proxy", "ALL_PROXY"],
    };
    let Some((name, value)) = names.iter().find_map(|n| {
        std::env::var(n)
            .ok()
            .filter(|v| !v.is_empty())
            .map(|v| (*n, v))
    }) else {
        return Ok(None);
    };
    let no_proxy = std::env::var("no_proxy")
        .or_else(|_| std::env::var("NO_PROXY"))
        .unwrap_or_default();
    if bypasses_proxy(url, &no_proxy) {
        return Ok(None);
    }
    ureq::Proxy::new(&value)
        .map(Some)
        .map_err(|_| FetchError::Refused {
            url: url.to_string(),
            why: format!("{name} is not a proxy URL jwtx understands"),
        })
}

/// Whether `NO_PROXY` (comma-separated host names, domains with or without a leading
/// dot, IP addresses, CIDR blocks, or `*`) covers the URL's host.
fn bypasses_proxy(url: &Url, no_proxy: &str) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    let ip: Option<IpAddr> = host.parse().ok();
    no_proxy
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
            }
            // An entry may carry a port (`host:8080`); jwtx matches on the host alone.
            let entry = entry
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or(entry);
            if let Some(ip) = ip {
                return cidr_contains(entry, ip);
            }
            let domain = entry.trim_start_matches("*.").trim_start_matches('.');
            let domain = domain
                .split(':')
                .next()
                .unwrap_or(domain)
                .to_ascii_lowercase();
            !domain.is_empty() && (host == domain || host.ends_with(&format!(".{domain}")))
        })
}

fn cidr_contains(entry: &str, ip: IpAddr) -> bool {
    let (net, bits) = match entry.split_once('/') {
        Some((net, bits)) => (net, bits.parse::<u32>().ok()),
        None => (entry, None),
    };
    let Ok(net) = net.parse::<IpAddr>() else {
        return false;
    };
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(a)) => {
            let bits = bits.unwrap_or(32).min(32);
            let mask = if bits == 0 {
                0
            } else {
                u32::MAX << (32 - bits)
            };
            u32::from(n) & mask == u32::from(a) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(a)) => {
            let bits = bits.unwrap_or(128).min(128);
            let mask = if bits == 0 {
                0
            } else {
                u128::MAX << (128 - bits)
            };
            u128::from(n) & mask == u128::from(a) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn http_only_to_loopback_unless_allowed() {
        assert!(check_url(&url("https://keys.example.invalid/jwks"), false).is_ok());
        assert!(check_url(&url("http://127.0.0.1:8080/jwks"), false).is_ok());
        assert!(check_url(&url("http://[::1]:8080/jwks"), false).is_ok());
        assert!(check_url(&url("http://localhost/jwks"), false).is_ok());
        assert!(check_url(&url("http://evil.localhost/jwks"), false).is_err());
        assert!(check_url(&url("http://keys.example.invalid/jwks"), false).is_err());
        assert!(check_url(&url("http://keys.example.invalid/jwks"), true).is_ok());
        assert!(check_url(&url("ftp://keys.example.invalid/jwks"), true).is_err());
        let with_password = url("https://u:hunter2@keys.example.invalid/");
        let refused = check_url(&with_password, false).unwrap_err().to_string();
        assert!(!refused.contains("hunter2"), "{refused}");
        // Names that only look local are not loopback.
        assert!(check_url(&url("http://localhost.example.invalid/"), false).is_err());
        assert!(check_url(&url("http://127.0.0.1.example.invalid/"), false).is_err());
    }

    #[test]
    fn no_proxy_matches_like_curl() {
        let u = url("https://keys.example.invalid/jwks");
        assert!(bypasses_proxy(&u, "example.invalid"));
        assert!(bypasses_proxy(&u, ".example.invalid"));
        assert!(bypasses_proxy(&u, "*.example.invalid"));
        assert!(bypasses_proxy(&u, "other.test, keys.example.invalid:443"));
        assert!(bypasses_proxy(&u, "*"));
        assert!(!bypasses_proxy(&u, "ample.invalid"));
        assert!(!bypasses_proxy(&u, ""));
        let ip = url("https://127.0.0.1:8443/jwks");
        assert!(bypasses_proxy(&ip, "127.0.0.1"));
        assert!(bypasses_proxy(&ip, "127.0.0.0/8"));
        assert!(!bypasses_proxy(&ip, "10.0.0.0/8"));
        let v6 = url("https://[::1]:8443/jwks");
        assert!(bypasses_proxy(&v6, "::1"));
        assert!(bypasses_proxy(&v6, "[::1]"));
    }
}
