//! A real HTTP/1.1 server (plain or TLS, with the test CA under tests/fixtures/tls) and an
//! HTTP CONNECT proxy, both on 127.0.0.1, for the tests in which the jwtx binary fetches
//! keys from a URL. Nothing here mocks the client: jwtx talks to these over real sockets and
//! real TLS. Each accepted connection is served on its own thread and closed after one answer
//! (`Connection: close`). `stop()` (or dropping) closes the listening port, so a later
//! connection is refused: that is how a test proves a cache hit needed no network.
//!
//! The `httpd_*` tests at the end check the server itself with ureq as the client.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::util::fixture;

/// The longest request head (request line and headers) the server and the proxy read.
const MAX_HEAD: usize = 64 * 1024;

/// How long a connection waits for its client's next bytes before giving up on it.
const IDLE: Duration = Duration::from_secs(10);

/// Path of a file under tests/fixtures/tls (`ca.pem`, `server.pem`, `untrusted.key`, ...).
pub(crate) fn tls_fixture(name: &str) -> String {
    fixture(&format!("tls/{name}"))
}

/// Path of the test CA certificate, the one root that trusts `Server::https`.
pub(crate) fn ca_path() -> String {
    tls_fixture("ca.pem")
}

/// One request as the server read it: the request line and the headers (bodies are ignored).
#[derive(Clone, Debug)]
pub(crate) struct Request {
    /// `GET`, `HEAD`, ... as sent.
    pub(crate) method: String,
    /// The request target as sent, query string included (`/jwks.json?x=1`).
    pub(crate) path: String,
    headers: Vec<(String, String)>,
}

impl Request {
    /// The first header of that name, compared case-insensitively (RFC 9110 5.1).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// What the server does with a request.
#[derive(Clone, Debug)]
pub(crate) enum Reply {
    /// Answer with this status, these headers and this body. `Content-Length` is added unless
    /// given (and left out for 1xx, 204 and 304); `Connection: close` is always added.
    Send {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Read the request, never answer, and keep the socket open until the client gives up or
    /// the server stops: for client timeout tests.
    Hang,
    /// Close the connection without answering.
    Close,
}

impl Reply {
    /// An empty body with this status.
    pub(crate) fn status(status: u16) -> Reply {
        Reply::Send {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A body with its `Content-Type`.
    pub(crate) fn bytes(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::status(status)
            .header("Content-Type", content_type)
            .body(body)
    }

    /// A JSON body (`Content-Type: application/json`).
    pub(crate) fn json(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply::bytes(status, "application/json", body)
    }

    /// Adds a header. Panics on `Hang` and `Close`, which send nothing.
    #[must_use]
    pub(crate) fn header(mut self, name: &str, value: &str) -> Reply {
        match &mut self {
            Reply::Send { headers, .. } => headers.push((name.to_owned(), value.to_owned())),
            Reply::Hang | Reply::Close => panic!("a header on a reply that sends nothing"),
        }
        self
    }

    /// Replaces the body. Panics on `Hang` and `Close`, which send nothing.
    #[must_use]
    pub(crate) fn body(mut self, bytes: impl Into<Vec<u8>>) -> Reply {
        match &mut self {
            Reply::Send { body, .. } => *body = bytes.into(),
            Reply::Hang | Reply::Close => panic!("a body on a reply that sends nothing"),
        }
        self
    }
}

/// A handler answering `body` (JSON) with `ETag: etag`, and 304 Not Modified without a body
/// when the request's `If-None-Match` names that tag (RFC 9110 13.1.2, weak comparison).
pub(crate) fn with_etag(
    body: impl Into<Vec<u8>>,
    etag: &str,
) -> impl Fn(&Request) -> Reply + Send + Sync + 'static {
    let body = body.into();
    let etag = etag.to_owned();
    move |request: &Request| {
        let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
        let matches = request.header("If-None-Match").is_some_and(|list| {
            list.split(',')
                .any(|tag| tag.trim() == "*" || opaque(tag) == opaque(&etag))
        });
        if matches {
            Reply::status(304).header("ETag", &etag)
        } else {
            Reply::json(200, body.clone()).header("ETag", &etag)
        }
    }
}

/// The handler type the server calls for each request.
type Handler = dyn Fn(&Request) -> Reply + Send + Sync + 'static;

/// Every request received, with the status answered (None for `Hang` and `Close`).
type Log = Mutex<Vec<(Request, Option<u16>)>>;

/// A threaded HTTP/1.1 server on 127.0.0.1 at an ephemeral port.
pub(crate) struct Server {
    scheme: &'static str,
    log: Arc<Log>,
    listener: Listener,
}

impl Server {
    /// An HTTPS server presenting tests/fixtures/tls/server.pem (signed by `ca_path()`).
    pub(crate) fn https(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        Server::https_with("server.pem", "server.key", handler)
    }

    /// An HTTPS server presenting this certificate chain and key (PEM). A relative path is
    /// taken under tests/fixtures/tls, so `https_with("untrusted.pem", "untrusted.key", h)`
    /// serves the self-signed leaf and `("expired.pem", "expired.key")` the expired one.
    pub(crate) fn https_with(
        cert: impl AsRef<Path>,
        key: impl AsRef<Path>,
        handler: impl Fn(&Request) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let config = Arc::new(tls_config(cert.as_ref(), key.as_ref()));
        Server::start("https", Some(config), Arc::new(handler))
    }

    /// A plain-HTTP server.
    pub(crate) fn http(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        Server::start("http", None, Arc::new(handler))
    }

    fn start(
        scheme: &'static str,
        tls: Option<Arc<rustls::ServerConfig>>,
        handler: Arc<Handler>,
    ) -> Server {
        let log: Arc<Log> = Arc::default();
        let conn_log = Arc::clone(&log);
        let listener = Listener::start("httpd", move |tcp, stopping| {
            let tls = tls.clone();
            match tls {
                Some(config) => {
                    let Ok(conn) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    let raw = tcp.try_clone().ok();
                    let mut stream = rustls::StreamOwned::new(conn, tcp);
                    serve(&mut stream, &*handler, &conn_log, stopping);
                    stream.conn.send_close_notify();
                    let _ = stream.flush();
                    if let Some(raw) = raw {
                        linger_close(raw);
                    }
                }
                None => {
                    let raw = tcp.try_clone().ok();
                    let mut stream = tcp;
                    serve(&mut stream, &*handler, &conn_log, stopping);
                    if let Some(raw) = raw {
                        linger_close(raw);
                    }
                }
            }
        });
        Server {
            scheme,
            log,
            listener,
        }
    }

    /// The listening port.
    pub(crate) fn port(&self) -> u16 {
        self.listener.addr.port()
    }

    /// `https://127.0.0.1:PORT/path` (or `http://`); a missing leading `/` is added.
    pub(crate) fn url(&self, path: &str) -> String {
        let slash = if path.starts_with('/') { "" } else { "/" };
        format!("{}://127.0.0.1:{}{slash}{path}", self.scheme, self.port())
    }

    /// Every request received so far, in order of arrival.
    pub(crate) fn requests(&self) -> Vec<Request> {
        lock(&self.log)
            .iter()
            .map(|(request, _)| request.clone())
            .collect()
    }

    /// How many requests had exactly this target (query string included).
    pub(crate) fn count(&self, path: &str) -> usize {
        lock(&self.log)
            .iter()
            .filter(|(request, _)| request.path == path)
            .count()
    }

    /// The statuses answered to requests for exactly this target, in order; a `Hang` or
    /// `Close` reply adds nothing. `[200, 304, 304]`: one full fetch, two revalidations.
    pub(crate) fn statuses(&self, path: &str) -> Vec<u16> {
        lock(&self.log)
            .iter()
            .filter(|(request, _)| request.path == path)
            .filter_map(|(_, status)| *status)
            .collect()
    }

    /// Stops listening (a later connection is refused) and closes the open connections,
    /// hanging ones included. Returns promptly; calling it again does nothing.
    pub(crate) fn stop(&mut self) {
        self.listener.stop();
    }
}

/// Reads one request from `stream`, logs it, and answers what the handler says.
fn serve(stream: &mut (impl Read + Write), handler: &Handler, log: &Log, stopping: &AtomicBool) {
    let Some((head, _)) = read_head(stream) else {
        return;
    };
    let Some(request) = parse_request(&head) else {
        return;
    };
    let index = {
        let mut log = lock(log);
        log.push((request.clone(), None));
        log.len() - 1
    };
    match handler(&request) {
        Reply::Send {
            status,
            headers,
            body,
        } => {
            lock(log)[index].1 = Some(status);
            let response = render(&request, status, &headers, &body);
            let _ = stream.write_all(&response).and_then(|()| stream.flush());
        }
        Reply::Close => {}
        Reply::Hang => hang(stream, stopping),
    }
}

/// Holds the connection without answering until the client closes it or the server stops
/// (stopping shuts the socket down, which ends the read at once).
fn hang(stream: &mut impl Read, stopping: &AtomicBool) {
    let mut sink = [0u8; 4096];
    while !stopping.load(Ordering::SeqCst) {
        match stream.read(&mut sink) {
            Ok(0) => return,
            Ok(_) => {}
            Err(err) if is_timeout(&err) => {}
            Err(_) => return,
        }
    }
}

/// The bytes of a response: status line, headers, `Connection: close`, body (none for HEAD).
fn render(request: &Request, status: u16, headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    let bodiless = status < 200 || status == 204 || status == 304;
    let has_length = headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("Content-Length"));
    if !bodiless && !has_length {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    out.push_str("Connection: close\r\n\r\n");
    let mut out = out.into_bytes();
    if !bodiless && request.method != "HEAD" {
        out.extend_from_slice(body);
    }
    out
}

/// The reason phrase for the statuses tests use; any other code gets a generic one.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        501 => "Not Implemented",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Reads up to the blank line ending a request head. Returns the head (without the blank
/// line) and whatever bytes came after it, or None on EOF, error, timeout or an oversized head.
fn read_head(stream: &mut impl Read) -> Option<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buf.split_off(end + 4);
            buf.truncate(end);
            return String::from_utf8(buf).ok().map(|head| (head, rest));
        }
        if buf.len() > MAX_HEAD {
            return None;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Parses `METHOD target HTTP/1.x` and `Name: value` lines; None if anything is off.
fn parse_request(head: &str) -> Option<Request> {
    let mut lines = head.split("\r\n");
    let mut words = lines.next()?.split(' ');
    let (method, path, version) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() || method.is_empty() || path.is_empty() {
        return None;
    }
    if !version.starts_with("HTTP/1.") {
        return None;
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':')?;
        if name.is_empty() || name.contains(char::is_whitespace) {
            return None;
        }
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    Some(Request {
        method: method.to_owned(),
        path: path.to_owned(),
        headers,
    })
}

/// The rustls server configuration for a PEM chain and key (aws-lc-rs, TLS 1.2 and 1.3).
fn tls_config(cert: &Path, key: &Path) -> rustls::ServerConfig {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "tls"]
        .iter()
        .collect();
    let (cert, key) = (dir.join(cert), dir.join(key));
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&cert)
        .and_then(Iterator::collect)
        .unwrap_or_else(|err| panic!("reading {}: {err}", cert.display()));
    let key = PrivateKeyDer::from_pem_file(&key)
        .unwrap_or_else(|err| panic!("reading {}: {err}", key.display()));
    rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .and_then(|builder| builder.with_no_client_auth().with_single_cert(chain, key))
    .unwrap_or_else(|err| panic!("a TLS server with {}: {err}", cert.display()))
}

/// An HTTP forward proxy on 127.0.0.1 that opens `CONNECT host:port` tunnels to loopback
/// targets (RFC 9110 9.3.6), as HTTPS through `HTTPS_PROXY` uses. Other methods get 501 Not
/// Implemented; a target off loopback gets 403 Forbidden without any connection attempt.
pub(crate) struct ConnectProxy {
    targets: Arc<Mutex<Vec<String>>>,
    listener: Listener,
}

impl ConnectProxy {
    /// Starts the proxy.
    pub(crate) fn start() -> ConnectProxy {
        ConnectProxy::routing(None)
    }

    /// A proxy that tunnels CONNECTs for `host` (any port) to 127.0.0.1:`port`, as a
    /// proxy that resolves names for its clients would: the client itself never looks
    /// the name up, so a reserved `*.invalid` name reaches a loopback server.
    pub(crate) fn start_routing(host: &str, port: u16) -> ConnectProxy {
        ConnectProxy::routing(Some((host.to_owned(), port)))
    }

    fn routing(route: Option<(String, u16)>) -> ConnectProxy {
        let targets: Arc<Mutex<Vec<String>>> = Arc::default();
        let seen = Arc::clone(&targets);
        let listener = Listener::start("proxy", move |client, _| {
            tunnel(client, &seen, route.as_ref())
        });
        ConnectProxy { targets, listener }
    }

    /// `http://127.0.0.1:PORT`, for `HTTPS_PROXY` or ureq's `Proxy::new`.
    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.listener.addr.port())
    }

    /// The target of every CONNECT received, in order (`127.0.0.1:PORT`), refused ones too.
    pub(crate) fn targets(&self) -> Vec<String> {
        lock(&self.targets).clone()
    }
}

/// Serves one proxy client: reads its CONNECT, connects upstream, copies bytes both ways.
fn tunnel(mut client: TcpStream, targets: &Mutex<Vec<String>>, route: Option<&(String, u16)>) {
    let Some((head, early)) = read_head(&mut client) else {
        return;
    };
    let Some(request) = parse_request(&head) else {
        return;
    };
    let refuse = |mut client: TcpStream, status: u16| {
        let _ = write!(
            client,
            "HTTP/1.1 {status} {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            reason(status)
        );
        linger_close(client);
    };
    if request.method != "CONNECT" {
        return refuse(client, 501);
    }
    lock(targets).push(request.path.clone());
    let Some((host, port)) = request.path.rsplit_once(':') else {
        return refuse(client, 400);
    };
    let Ok(port) = port.parse::<u16>() else {
        return refuse(client, 400);
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let (host, port) = match route {
        Some((name, to)) if name == host => ("127.0.0.1", *to),
        _ => (host, port),
    };
    if !matches!(host, "127.0.0.1" | "::1" | "localhost") {
        return refuse(client, 403);
    }
    let Ok(mut upstream) = TcpStream::connect((host, port)) else {
        return refuse(client, 502);
    };
    let established = client
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .and_then(|()| upstream.write_all(&early));
    let (Ok(()), Ok(mut client_in), Ok(mut upstream_in)) =
        (established, client.try_clone(), upstream.try_clone())
    else {
        return;
    };
    let _ = client_in.set_read_timeout(None);
    let _ = upstream_in.set_read_timeout(None);
    let up = thread::Builder::new()
        .name("proxy-up".into())
        .spawn(move || {
            let _ = io::copy(&mut client_in, &mut upstream);
            let _ = upstream.shutdown(Shutdown::Write);
        });
    let _ = io::copy(&mut upstream_in, &mut client);
    let _ = client.shutdown(Shutdown::Write);
    if let Ok(up) = up {
        let _ = up.join();
    }
}

/// The sockets of the connections a listener has open, so that stopping can close them.
#[derive(Default)]
struct OpenSockets {
    next: AtomicU64,
    sockets: Mutex<HashMap<u64, TcpStream>>,
}

/// Removes a socket from its `OpenSockets` when its connection ends, even by a panic.
struct Registered<'a> {
    open: &'a OpenSockets,
    id: u64,
}

impl OpenSockets {
    fn register(&self, socket: &TcpStream) -> Registered<'_> {
        let id = self.next.fetch_add(1, Ordering::SeqCst);
        if let Ok(clone) = socket.try_clone() {
            lock(&self.sockets).insert(id, clone);
        }
        Registered { open: self, id }
    }

    fn shutdown_all(&self) {
        for socket in lock(&self.sockets).values() {
            let _ = socket.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Registered<'_> {
    fn drop(&mut self) {
        lock(&self.open.sockets).remove(&self.id);
    }
}

/// A listening socket on 127.0.0.1:0 with an accept thread that runs `on_connection` on a
/// thread of its own for every client. The listener's socket lives in the accept thread.
struct Listener {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    open: Arc<OpenSockets>,
    acceptor: Option<JoinHandle<()>>,
}

impl Listener {
    fn start(
        name: &'static str,
        on_connection: impl Fn(TcpStream, &AtomicBool) + Send + Sync + 'static,
    ) -> Listener {
        let socket = TcpListener::bind("127.0.0.1:0").expect("binding 127.0.0.1:0");
        let addr = socket.local_addr().expect("the address of a bound socket");
        let stopping = Arc::new(AtomicBool::new(false));
        let open = Arc::new(OpenSockets::default());
        let on_connection = Arc::new(on_connection);
        let (stop_flag, sockets) = (Arc::clone(&stopping), Arc::clone(&open));
        let acceptor = thread::Builder::new()
            .name(format!("{name}-accept"))
            .spawn(move || {
                for client in socket.incoming() {
                    if stop_flag.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(client) = client else { continue };
                    let _ = client.set_read_timeout(Some(IDLE));
                    let _ = client.set_write_timeout(Some(IDLE));
                    let (stop_flag, sockets) = (Arc::clone(&stop_flag), Arc::clone(&sockets));
                    let on_connection = Arc::clone(&on_connection);
                    // A connection that cannot get a thread is dropped, as a busy server would.
                    let _ = thread::Builder::new().name(name.into()).spawn(move || {
                        let _registered = sockets.register(&client);
                        if stop_flag.load(Ordering::SeqCst) {
                            return;
                        }
                        on_connection(client, &stop_flag);
                    });
                }
            })
            .expect("starting an accept thread");
        Listener {
            addr,
            stopping,
            open,
            acceptor: Some(acceptor),
        }
    }

    /// Closes the listening socket and the open connections; idempotent.
    fn stop(&mut self) {
        let Some(acceptor) = self.acceptor.take() else {
            return;
        };
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop, which then sees the flag and drops the listening socket.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        let _ = acceptor.join();
        self.open.shutdown_all();
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Ends a connection without losing the answer in flight: half-close, then drain what the
/// client still sends (briefly) so that closing does not reset the connection.
fn linger_close(mut socket: TcpStream) {
    let _ = socket.shutdown(Shutdown::Write);
    let _ = socket.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 4096];
    while matches!(socket.read(&mut sink), Ok(n) if n > 0) {}
}

fn is_timeout(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// Locks a mutex even if a panicking connection thread poisoned it: the logs stay readable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A ureq agent that trusts only these roots (PEM files), with `proxy` or none (the
/// environment's proxy variables are ignored), statuses as plain responses, and `timeout`.
fn client(roots: &[&str], proxy: Option<&str>, timeout: Duration) -> ureq::Agent {
    let roots: Vec<ureq::tls::Certificate<'static>> = roots
        .iter()
        .map(|path| {
            let pem = std::fs::read(path).expect("reading a root");
            ureq::tls::Certificate::from_pem(&pem).expect("a PEM certificate")
        })
        .collect();
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::Specific(Arc::new(roots)))
        .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
        .build();
    let proxy = proxy.map(|url| ureq::Proxy::new(url).expect("a proxy URL"));
    ureq::Agent::new_with_config(
        ureq::config::Config::builder()
            .tls_config(tls)
            .proxy(proxy)
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(timeout))
            .build(),
    )
}

/// The test client: the test CA as its only root, no proxy, a 5 s ceiling.
fn trusting() -> ureq::Agent {
    client(&[&ca_path()], None, Duration::from_secs(5))
}

/// Status, one header and body of a GET with extra request headers.
fn get(
    agent: &ureq::Agent,
    url: &str,
    headers: &[(&str, &str)],
) -> Result<(u16, Option<String>, String), ureq::Error> {
    let mut request = agent.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call()?;
    let etag = response
        .headers()
        .get("etag")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = response.body_mut().read_to_string()?;
    Ok((response.status().as_u16(), etag, body))
}

#[test]
fn httpd_https_get_with_the_test_ca_as_only_root() {
    let server = Server::https(|request: &Request| {
        if request.path == "/jwks.json?v=1" {
            Reply::json(200, r#"{"keys":[]}"#).header("Cache-Control", "max-age=60")
        } else {
            Reply::status(404)
        }
    });
    assert!(
        server
            .url("jwks.json")
            .ends_with(&format!(":{}/jwks.json", server.port()))
    );
    assert!(server.url("/a").starts_with("https://127.0.0.1:"));
    let agent = trusting();

    let mut response = agent
        .get(server.url("/jwks.json?v=1"))
        .header("X-Jwtx-Test", "yes")
        .call()
        .expect("an HTTPS GET to the test server");
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(header("content-type").as_deref(), Some("application/json"));
    assert_eq!(header("cache-control").as_deref(), Some("max-age=60"));
    assert_eq!(header("connection").as_deref(), Some("close"));
    assert_eq!(
        response.body_mut().read_to_string().unwrap(),
        r#"{"keys":[]}"#
    );

    let (status, _, body) = get(&agent, &server.url("/missing"), &[]).unwrap();
    assert_eq!((status, body.as_str()), (404, ""));

    let head = agent.head(server.url("/jwks.json?v=1")).call().unwrap();
    assert_eq!(head.headers().get("content-length").unwrap(), "11");

    let requests = server.requests();
    let seen: Vec<(&str, &str)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET", "/jwks.json?v=1"),
            ("GET", "/missing"),
            ("HEAD", "/jwks.json?v=1")
        ]
    );
    assert_eq!(requests[0].header("x-jwtx-test"), Some("yes"));
    assert_eq!(
        requests[0].header("HOST"),
        Some(&*format!("127.0.0.1:{}", server.port()))
    );
    assert_eq!(requests[1].header("x-jwtx-test"), None);
    assert_eq!(server.count("/jwks.json?v=1"), 2);
    assert_eq!(server.count("/jwks.json"), 0);
    assert_eq!(server.statuses("/jwks.json?v=1"), [200, 200]);
}

#[test]
fn httpd_plain_http_server() {
    let server = Server::http(|_: &Request| Reply::bytes(200, "text/plain", "plain"));
    assert!(server.url("/x").starts_with("http://127.0.0.1:"));
    let (status, _, body) = get(&trusting(), &server.url("/x"), &[]).unwrap();
    assert_eq!((status, body.as_str()), (200, "plain"));
    assert_eq!(server.count("/x"), 1);
}

/// The message of an error and of its sources, for asserting on what refused a connection.
fn chain(err: &ureq::Error) -> String {
    let mut text = format!("{err:?}");
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        text.push_str(&format!(" / {inner:?}"));
        source = inner.source();
    }
    text
}

#[test]
fn httpd_untrusted_certificate_is_refused() {
    let server = Server::https_with("untrusted.pem", "untrusted.key", |_: &Request| {
        Reply::json(200, "{}")
    });
    let err = get(&trusting(), &server.url("/jwks.json"), &[]).unwrap_err();
    assert!(chain(&err).contains("UnknownIssuer"), "{}", chain(&err));
    assert!(server.requests().is_empty());
    // The same server still answers a client that trusts its certificate.
    let own = client(
        &[&tls_fixture("untrusted.pem")],
        None,
        Duration::from_secs(5),
    );
    assert_eq!(get(&own, &server.url("/jwks.json"), &[]).unwrap().0, 200);
}

#[test]
fn httpd_expired_certificate_is_refused() {
    let server = Server::https_with("expired.pem", "expired.key", |_: &Request| {
        Reply::json(200, "{}")
    });
    let err = get(&trusting(), &server.url("/jwks.json"), &[]).unwrap_err();
    assert!(chain(&err).contains("Expired"), "{}", chain(&err));
    assert!(server.requests().is_empty());
}

#[test]
fn httpd_etag_revalidation_answers_304() {
    let server = Server::https(with_etag(r#"{"keys":[]}"#, "\"v1\""));
    let agent = trusting();
    let url = server.url("/jwks.json");

    let (status, etag, body) = get(&agent, &url, &[]).unwrap();
    assert_eq!(
        (status, etag.as_deref(), body.as_str()),
        (200, Some("\"v1\""), r#"{"keys":[]}"#)
    );
    let (status, etag, body) = get(&agent, &url, &[("If-None-Match", "\"v1\"")]).unwrap();
    assert_eq!(
        (status, etag.as_deref(), body.as_str()),
        (304, Some("\"v1\""), "")
    );
    let (status, _, _) = get(&agent, &url, &[("If-None-Match", "\"v0\", W/\"v1\"")]).unwrap();
    assert_eq!(status, 304);
    let (status, _, body) = get(&agent, &url, &[("If-None-Match", "\"v0\"")]).unwrap();
    assert_eq!((status, body.as_str()), (200, r#"{"keys":[]}"#));

    assert_eq!(server.statuses("/jwks.json"), [200, 304, 304, 200]);
    assert_eq!(server.count("/jwks.json"), 4);
    let conditional = server
        .requests()
        .iter()
        .filter(|r| r.header("if-none-match").is_some())
        .count();
    assert_eq!(conditional, 3);
}

#[test]
fn httpd_hang_lets_the_client_time_out_and_drop_returns_promptly() {
    let server = Server::https(|_: &Request| Reply::Hang);
    let agent = client(&[&ca_path()], None, Duration::from_secs(1));
    let started = std::time::Instant::now();
    let err = get(&agent, &server.url("/slow"), &[]).unwrap_err();
    let waited = started.elapsed();
    assert!(matches!(err, ureq::Error::Timeout(_)), "{err:?}");
    assert!(
        waited >= Duration::from_millis(900),
        "gave up after {waited:?}"
    );
    assert!(waited < Duration::from_secs(5), "gave up after {waited:?}");
    assert_eq!(server.count("/slow"), 1);
    assert!(server.statuses("/slow").is_empty());

    // A hanging connection the client still holds open does not hold up dropping the server.
    let mut raw = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    let http = Server::http(|_: &Request| Reply::Hang);
    let mut plain = TcpStream::connect(("127.0.0.1", http.port())).unwrap();
    plain
        .write_all(b"GET /held HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    while http.count("/held") == 0 {
        thread::sleep(Duration::from_millis(10));
    }
    let started = std::time::Instant::now();
    drop(http);
    drop(server);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    // Stopping closed the held connections: reads end instead of blocking.
    plain
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    raw.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let mut buf = Vec::new();
    assert_eq!(plain.read_to_end(&mut buf).unwrap(), 0);
    assert!(!matches!(raw.read_to_end(&mut buf), Err(err) if is_timeout(&err)));
}

#[test]
fn httpd_close_without_answer_is_an_error() {
    let server = Server::https(|_: &Request| Reply::Close);
    let started = std::time::Instant::now();
    let err = get(&trusting(), &server.url("/gone"), &[]).unwrap_err();
    assert!(!matches!(err, ureq::Error::Timeout(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.count("/gone"), 1);
    assert!(server.statuses("/gone").is_empty());
}

#[test]
fn httpd_stop_refuses_later_connections() {
    let mut server = Server::https(|_: &Request| Reply::json(200, "{}"));
    let agent = trusting();
    assert_eq!(get(&agent, &server.url("/k"), &[]).unwrap().0, 200);
    server.stop();
    server.stop();
    let refused = TcpStream::connect(("127.0.0.1", server.port())).unwrap_err();
    assert_eq!(refused.kind(), io::ErrorKind::ConnectionRefused);
    let err = get(&agent, &server.url("/k"), &[]).unwrap_err();
    assert!(!matches!(err, ureq::Error::Timeout(_)), "{err:?}");
    assert_eq!(server.count("/k"), 1);
}

#[test]
fn httpd_survives_malformed_requests_and_failed_handshakes() {
    let http = Server::http(|_: &Request| Reply::status(204));
    let https = Server::https(|_: &Request| Reply::status(204));
    for port in [http.port(), https.port()] {
        for junk in [
            &b"NOT HTTP\r\n\r\n"[..],
            b"\x16\x03\x01\x00\x05hello",
            b"GET /\r\n",
        ] {
            let mut raw = TcpStream::connect(("127.0.0.1", port)).unwrap();
            raw.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
            raw.write_all(junk).unwrap();
            raw.shutdown(Shutdown::Write).unwrap();
            let mut answer = Vec::new();
            let _ = raw.read_to_end(&mut answer);
            assert!(!answer.starts_with(b"HTTP/1.1 2"), "{answer:?}");
        }
    }
    // The handler panicking on one connection leaves the next one served.
    let panicky = Server::http(|request: &Request| {
        assert_ne!(request.path, "/panic", "a handler that panics");
        Reply::status(204)
    });
    let agent = trusting();
    assert!(get(&agent, &panicky.url("/panic"), &[]).is_err());
    for server in [&http, &https, &panicky] {
        assert_eq!(get(&agent, &server.url("/ok"), &[]).unwrap().0, 204);
        assert_eq!(
            server
                .requests()
                .iter()
                .map(|r| r.path.as_str())
                .collect::<Vec<_>>()
                .last(),
            Some(&"/ok")
        );
    }
    assert!(http.count("/") == 0 && https.count("/") == 0);
}

#[test]
fn httpd_connect_proxy_tunnels_to_the_https_server() {
    let server = Server::https(|_: &Request| Reply::json(200, r#"{"via":"proxy"}"#));
    let proxy = ConnectProxy::start();
    assert!(proxy.url().starts_with("http://127.0.0.1:"));
    let agent = client(&[&ca_path()], Some(&proxy.url()), Duration::from_secs(5));
    let (status, _, body) = get(&agent, &server.url("/jwks.json"), &[]).unwrap();
    assert_eq!((status, body.as_str()), (200, r#"{"via":"proxy"}"#));
    assert_eq!(proxy.targets(), [format!("127.0.0.1:{}", server.port())]);
    assert_eq!(server.count("/jwks.json"), 1);
}

#[test]
fn httpd_connect_proxy_refuses_what_it_does_not_tunnel() {
    let proxy = ConnectProxy::start();
    let port = proxy
        .url()
        .rsplit(':')
        .next()
        .unwrap()
        .parse::<u16>()
        .unwrap();
    let ask = |request: &str| {
        let mut raw = TcpStream::connect(("127.0.0.1", port)).unwrap();
        raw.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        raw.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        raw.read_to_string(&mut answer).unwrap();
        answer.lines().next().unwrap_or_default().to_owned()
    };
    assert_eq!(
        ask("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"),
        "HTTP/1.1 403 Forbidden"
    );
    assert_eq!(
        ask("GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n"),
        "HTTP/1.1 501 Not Implemented"
    );
    // A closed loopback port: take one, then free it.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    assert_eq!(
        ask(&format!("CONNECT 127.0.0.1:{closed} HTTP/1.1\r\n\r\n")),
        "HTTP/1.1 502 Bad Gateway"
    );
    assert_eq!(
        proxy.targets(),
        ["example.com:443".to_owned(), format!("127.0.0.1:{closed}")]
    );
}
