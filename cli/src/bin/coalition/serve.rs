//! `coalition serve`: serves the built site over HTTP/1.1 with the headers it must work under
//! when deployed (a strict Content-Security-Policy above all), so local runs and tests catch
//! violations early.
//!
//! HTTP is hyper's, files are tower-http's `ServeDir` (ETag and Last-Modified, conditional
//! requests, Range, the build's precompressed `.br` and `.gz` files). This module adds only
//! what a static site needs on top: one thread and a bounded number of connections, a
//! deadline for each request head and each connection, an accept loop that backs off when the
//! process is out of file descriptors, paths that cannot leave the served folder (symbolic
//! links included) or redirect to another host, the security headers on every response, and
//! a log that cannot drive the terminal.

use std::convert::Infallible;
use std::io::{self, Write};
use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use std::time::{Duration, Instant};

use http_body_util::{Either, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::http::request::Parts;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::services::fs::ServeFileSystemResponseBody;
use tower_http::services::ServeDir;

use crate::hosting::{self, SECURITY_HEADERS};
use crate::{Args, CliError};

/// This subcommand's lines in `coalition --help`.
pub const USAGE: &str = "  serve DIR [--port N] [--host ADDR] [--head-timeout SECONDS]
      Serve the files in DIR over HTTP (GET and HEAD) until interrupted.
      Once listening it prints one line: 'Serving DIR at http://ADDR:PORT/'.
      --port N          port to listen on (default 8080; 0 picks a free port)
      --host ADDR       address to bind (default 127.0.0.1, this machine only)
      --head-timeout S  seconds a client has to send a whole request head,
                        1 to 600 (default 10); then the connection is closed
";

/// Default for `--head-timeout`: a browser sends its request head at once.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Longest a connection lives, request and response together: a client that stops reading
/// a response must not hold its descriptor forever. The largest file, the full module,
/// takes well under a second on any link this server is meant for.
const CONNECTION_DEADLINE: Duration = Duration::from_secs(120);

/// Connections served at once; more wait in the kernel's queue until one ends. Well under
/// the usual descriptor limit of 1,024, so files can still be opened.
const MAX_CONNECTIONS: usize = 256;

/// Threads that open and read files (tokio's blocking pool), started before serving so the
/// server never needs a new thread later: under a task limit it would not get one.
const FILE_THREADS: usize = 4;

/// Longest request head read (hyper's smallest buffer is 8 KB); the site's URLs are short.
const MAX_HEAD: usize = 16 * 1024;

/// Runs `serve`; returns only on a startup error.
pub fn run(args: &Args) -> Result<(), CliError> {
    args.only_options(&["port", "host", "head-timeout"])?;
    let [dir] = args.positional.as_slice() else {
        return Err(CliError::Usage("serve needs exactly one DIR".into()));
    };
    let port: u16 = match args.option("port") {
        None => 8080,
        Some(p) => p.parse().map_err(|_| {
            CliError::Usage(format!("--port needs a number from 0 to 65535, not '{p}'"))
        })?,
    };
    let head_timeout = match args.option("head-timeout") {
        None => HEAD_TIMEOUT,
        Some(s) => match s.parse::<u64>() {
            Ok(n @ 1..=600) => Duration::from_secs(n),
            _ => {
                return Err(CliError::Usage(format!(
                    "--head-timeout needs a whole number of seconds from 1 to 600, not '{}'",
                    printable(s, 40)
                )))
            }
        },
    };
    let host = args.option("host").unwrap_or("127.0.0.1");

    let root = Path::new(dir)
        .canonicalize()
        .map_err(|e| CliError::Failed(format!("cannot serve '{dir}': {e}")))?;
    if !root.is_dir() {
        return Err(CliError::Failed(format!(
            "cannot serve '{dir}': not a directory"
        )));
    }
    let failed =
        |e: io::Error| CliError::Failed(format!("cannot listen on {host} port {port}: {e}"));
    let listener = StdListener::bind((host, port)).map_err(failed)?;
    listener.set_nonblocking(true).map_err(failed)?;
    let addr = listener.local_addr().map_err(failed)?;

    // One thread runs every connection; files are read on a few more, all started now.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(FILE_THREADS)
        .thread_keep_alive(Duration::from_secs(30 * 24 * 3600))
        .build()
        .map_err(|e| CliError::Failed(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        start_file_threads().await;
        let listener = TcpListener::from_std(listener).map_err(failed)?;
        let site = Arc::new(Site::new(root, head_timeout));
        // Scripts and tests wait for this exact line (and learn the port from it).
        println!("Serving {dir} at http://{addr}/");
        io::stdout().flush().map_err(failed)?;
        accept_loop(listener, site).await;
        Ok(())
    })
}

/// Starts every file thread now, while the process can still create threads.
async fn start_file_threads() {
    let barrier = Arc::new(std::sync::Barrier::new(FILE_THREADS));
    let started: Vec<_> = (0..FILE_THREADS)
        .map(|_| {
            let barrier = barrier.clone();
            tokio::task::spawn_blocking(move || {
                barrier.wait();
            })
        })
        .collect();
    for thread in started {
        let _ = thread.await;
    }
}

/// What every connection shares.
struct Site {
    root: PathBuf,
    files: ServeDir,
    head_timeout: Duration,
    security_headers: Vec<(HeaderName, HeaderValue)>,
}

impl Site {
    fn new(root: PathBuf, head_timeout: Duration) -> Site {
        // Folders are resolved here (see `resolve`), so ServeDir is only ever asked for a
        // file and never redirects on its own.
        let files = ServeDir::new(&root)
            .append_index_html_on_directories(false)
            .redirect_to_trailing_slash(false)
            .precompressed_br()
            .precompressed_gzip();
        let security_headers = SECURITY_HEADERS
            .iter()
            .filter_map(|(name, value)| {
                Some((
                    HeaderName::from_bytes(name.as_bytes()).ok()?,
                    HeaderValue::from_static(value),
                ))
            })
            .collect();
        Site {
            root,
            files,
            head_timeout,
            security_headers,
        }
    }
}

/// Accepts connections for ever. Out of descriptors (or memory), accepting would fail again
/// at once: it waits instead, longer each time up to a second, and says so at most every
/// ten seconds; the connections already open finish or time out and free what it needs.
async fn accept_loop(listener: TcpListener, site: Arc<Site>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut pause = Duration::ZERO;
    let mut reported: Option<Instant> = None;
    let mut unreported = 0u64;
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        match listener.accept().await {
            Ok((stream, _)) => {
                pause = Duration::ZERO;
                let site = site.clone();
                tokio::spawn(async move {
                    connection(stream, site).await;
                    drop(slot);
                });
            }
            // The client gave up before it was accepted: nothing to wait for.
            Err(e) if matches!(e.kind(), io::ErrorKind::ConnectionAborted) => {}
            Err(e) => {
                pause = (pause * 2).clamp(Duration::from_millis(10), Duration::from_secs(1));
                let now = Instant::now();
                if reported.is_none_or(|at| now - at >= Duration::from_secs(10)) {
                    let also = match unreported {
                        0 => String::new(),
                        n => format!(" ({n} more since the last report)"),
                    };
                    log(format_args!(
                        "accept failed: {e}{also}; waiting up to {} ms between tries",
                        pause.as_millis()
                    ));
                    reported = Some(now);
                    unreported = 0;
                } else {
                    unreported += 1;
                }
                tokio::time::sleep(pause).await;
            }
        }
    }
}

/// Serves one request on one connection, within the head and connection deadlines.
async fn connection(stream: tokio::net::TcpStream, site: Arc<Site>) {
    let io = SecureErrors::new(TokioIo::new(stream));
    let service = {
        let site = site.clone();
        service_fn(move |request| {
            let site = site.clone();
            async move { Ok::<_, Infallible>(handle(request, &site).await) }
        })
    };
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(site.head_timeout)
        .max_buf_size(MAX_HEAD)
        // One request per connection: each response is the first thing written on its
        // connection, which is what lets SecureErrors recognise hyper's own error replies.
        .keep_alive(false);
    let served = builder.serve_connection(io, service);
    match tokio::time::timeout(CONNECTION_DEADLINE, served).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) if e.is_timeout() => log(format_args!(
            "closed a connection that sent no complete request head in {} s",
            site.head_timeout.as_secs()
        )),
        Ok(Err(e)) if e.is_parse() || e.is_parse_status() => {
            log(format_args!("refused a malformed request: {e}"));
        }
        // The client hung up: its own business.
        Ok(Err(_)) => {}
        Err(_) => log(format_args!(
            "closed a connection still open after {} s",
            CONNECTION_DEADLINE.as_secs()
        )),
    }
}

/// A response body: a file from ServeDir, or a short text of our own.
type Body = Either<ServeFileSystemResponseBody, Full<Bytes>>;

/// Answers one request, logs it, and adds the security headers.
async fn handle(request: Request<Incoming>, site: &Site) -> Response<Body> {
    let line = format!(
        "{} {} {:?}",
        request.method(),
        request.uri(),
        request.version()
    );
    let (parts, _) = request.into_parts();
    let segments = url_segments(parts.uri.path());
    let mut response = route(parts, site).await;
    let answered = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    for (name, value) in &site.security_headers {
        headers.insert(name.clone(), value.clone());
    }
    if let (true, Some(segments)) = (answered, segments) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(hosting::cache_control(&segments)),
        );
    }
    log(format_args!(
        "{} -> {}",
        printable(&line, 2000),
        response.status().as_u16()
    ));
    response
}

async fn route(request: Parts, site: &Site) -> Response<Body> {
    if request.method != Method::GET && request.method != Method::HEAD {
        let mut response = error(StatusCode::METHOD_NOT_ALLOWED);
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = request.uri.path().to_string();
    let query = request.uri.query().map(str::to_string);
    let root = site.root.clone();
    let resolved = tokio::task::spawn_blocking(move || resolve(&root, &path, query.as_deref()))
        .await
        .unwrap_or(Resolved::NotFound);
    match resolved {
        Resolved::File(relative) => serve_file(request, site, &relative).await,
        Resolved::Redirect(location) => match HeaderValue::from_str(&location) {
            Ok(location) => {
                let mut response = error(StatusCode::MOVED_PERMANENTLY);
                response.headers_mut().insert(header::LOCATION, location);
                response
            }
            Err(_) => error(StatusCode::BAD_REQUEST),
        },
        Resolved::NotFound => error(StatusCode::NOT_FOUND),
        Resolved::BadRequest => error(StatusCode::BAD_REQUEST),
    }
}

/// Hands a resolved file to ServeDir, which answers conditional, Range and encoding
/// requests, then sets the type from [`hosting::FILE_TYPES`].
async fn serve_file(parts: Parts, site: &Site, relative: &str) -> Response<Body> {
    let mut inner = Request::new(http_body_util::Empty::<Bytes>::new());
    *inner.method_mut() = parts.method;
    *inner.headers_mut() = parts.headers;
    *inner.uri_mut() = match relative.parse() {
        Ok(uri) => uri,
        Err(_) => return error(StatusCode::NOT_FOUND),
    };
    let Ok(response) = site.files.clone().try_call(inner).await else {
        return error(StatusCode::INTERNAL_SERVER_ERROR);
    };
    let status = response.status();
    if status.is_client_error() || status.is_server_error() {
        let mut own = error(status);
        if let Some(range) = response.headers().get(header::CONTENT_RANGE) {
            own.headers_mut()
                .insert(header::CONTENT_RANGE, range.clone());
        }
        return own;
    }
    let mut response = response.map(Either::Left);
    if status != StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(hosting::content_type(Path::new(relative))),
        );
    }
    response
}

/// A short plain-text page for an error or a redirect.
fn error(status: StatusCode) -> Response<Body> {
    let text = format!(
        "{} {}\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    let mut response = Response::new(Either::Right(Full::new(Bytes::from(text))));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Where a request path leads under the served root.
#[derive(Debug, PartialEq)]
enum Resolved {
    /// A file, as a percent-encoded path from the root (`/funding/index.html`).
    File(String),
    /// A folder asked for without its trailing slash: where it is, on this host.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Maps a request path to a file under `root` (which must be canonical).
fn resolve(root: &Path, path: &str, query: Option<&str>) -> Resolved {
    let Some(segments) = url_segments(path) else {
        return Resolved::BadRequest;
    };
    if hosting::is_hidden(&segments) {
        return Resolved::NotFound;
    }
    let mut file = root.to_path_buf();
    file.extend(&segments);
    // Canonicalising also stops symlinks that point outside the root.
    let Ok(real) = file.canonicalize() else {
        return Resolved::NotFound;
    };
    let Ok(inside) = real.strip_prefix(root) else {
        return Resolved::NotFound;
    };
    let mut inside: Vec<String> = inside
        .components()
        .filter_map(|c| c.as_os_str().to_str().map(str::to_string))
        .collect();
    if real.is_dir() {
        if !path.ends_with('/') {
            // Built from the segments, so it is one path on this host: `//funding` and
            // `/.//funding` lead to `/funding/`, never to a host named funding.
            let mut location = encode_path(&segments);
            location.push('/');
            if let Some(query) = query {
                location.push('?');
                location.push_str(query);
            }
            return Resolved::Redirect(location);
        }
        inside.push("index.html".into());
        match real.join("index.html").canonicalize() {
            Ok(index) if index.starts_with(root) && index.is_file() => {}
            _ => return Resolved::NotFound,
        }
    } else if path.ends_with('/') || !real.is_file() {
        return Resolved::NotFound;
    }
    Resolved::File(encode_path(&inside))
}

/// `/` and the segments, each percent-encoded but for unreserved characters.
fn encode_path(segments: &[String]) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        for byte in segment.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte) {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// Splits a URL path into percent-decoded segments, or None if it is malformed or tries to
/// climb out of the root (`..`, also as `%2e%2e`). A backslash is refused too: browsers
/// read `/\host` as `//host`.
fn url_segments(path: &str) -> Option<Vec<String>> {
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.chars().any(|c| c == '\\' || c.is_control()) => return None,
            s => segments.push(s.to_string()),
        }
    }
    Some(segments)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `text` with everything but printable ASCII written as an escape (`\u{1b}`), cut after
/// `max` characters: a request line in the log cannot move the cursor, retitle the
/// terminal or forge another line.
pub fn printable(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        match c {
            ' '..='~' if c != '\\' => out.push(c),
            '\\' => out.push_str("\\\\"),
            c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        }
    }
    out
}

/// Writes to stderr, ignoring failure: a closed stderr must not stop serving.
fn log(message: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr(), "{message}");
}

/// The connection as hyper sees it. hyper answers a request it cannot parse (a bad request
/// line, `HTTP/1.9`, a head too large) itself, before any of our code runs, with only
/// Content-Length and Date. Each connection carries one response and it is the first thing
/// written, so a first write that is a response head without our policy is hyper's: the
/// security headers are added to it here, and every response carries them.
struct SecureErrors<T> {
    inner: T,
    first_write: bool,
    pending: Vec<u8>,
    sent: usize,
}

impl<T> SecureErrors<T> {
    fn new(inner: T) -> Self {
        SecureErrors {
            inner,
            first_write: true,
            pending: Vec::new(),
            sent: 0,
        }
    }
}

/// `head` with the security headers after its status line, if it is a response head
/// (ending in a blank line) that lacks them.
fn with_security_headers(head: &[u8]) -> Option<Vec<u8>> {
    let end = head.windows(4).position(|w| w == b"\r\n\r\n")?;
    if !head.starts_with(b"HTTP/1.") {
        return None;
    }
    let lowered = head[..end].to_ascii_lowercase();
    if lowered
        .windows(25)
        .any(|w| w == b"\ncontent-security-policy:")
    {
        return None;
    }
    let line_end = head.windows(2).position(|w| w == b"\r\n")?;
    let mut out = Vec::with_capacity(head.len() + 256);
    out.extend_from_slice(&head[..line_end + 2]);
    for (name, value) in SECURITY_HEADERS {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(&head[line_end + 2..]);
    Some(out)
}

impl<T: hyper::rt::Write + Unpin> SecureErrors<T> {
    /// Writes what `poll_write` accepted on the inner connection's behalf.
    fn poll_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.sent < self.pending.len() {
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.sent..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.sent += n;
        }
        self.pending.clear();
        self.sent = 0;
        Poll::Ready(Ok(()))
    }
}

impl<T: hyper::rt::Read + Unpin> hyper::rt::Read for SecureErrors<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: hyper::rt::Write + Unpin> hyper::rt::Write for SecureErrors<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if std::mem::take(&mut this.first_write) {
            if let Some(fixed) = with_security_headers(buf) {
                this.pending = fixed;
                this.sent = 0;
                return Poll::Ready(Ok(buf.len()));
            }
        }
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }

    // Not vectored, so hyper hands over each response head whole, in one buffer.
    fn is_write_vectored(&self) -> bool {
        false
    }
}

/// Reads a whole response body; for the tests.
#[cfg(test)]
async fn body_bytes(response: Response<Body>) -> Vec<u8> {
    use http_body_util::BodyExt;
    response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A fresh directory per test, so tests can run in parallel.
    fn temp_root(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("coalition-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("funding")).expect("create temp dir");
        fs::write(dir.join("index.html"), "home").expect("write");
        fs::write(dir.join("funding/index.html"), "funding").expect("write");
        fs::write(dir.join("app.wasm"), "\0asm").expect("write");
        fs::write(dir.join(".htaccess"), "Header always set").expect("write");
        fs::write(dir.join("_headers"), "/*").expect("write");
        dir.canonicalize().expect("canonical temp dir")
    }

    #[test]
    fn segments_decode_and_skip_dots() {
        let seg = |p| url_segments(p);
        assert_eq!(seg("/"), Some(vec![]));
        assert_eq!(
            seg("/a/./b//c.js"),
            Some(vec!["a".into(), "b".into(), "c.js".into()])
        );
        assert_eq!(seg("/a%20b"), Some(vec!["a b".into()]));
    }

    #[test]
    fn segments_reject_traversal_and_junk() {
        for bad in [
            "/..",
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/a%2f..%2f..",
            "/..%5cwindows",
            "/%5cevil.example",
            "/%00",
            "/%1b]0;title%07",
            "/%zz",
            "/%2",
            "/%ff",
            "relative",
            "http://example.com/",
        ] {
            assert_eq!(url_segments(bad), None, "{bad}");
        }
    }

    #[test]
    fn resolves_files_indexes_and_redirects_on_this_host() {
        let root = temp_root("resolve");
        let file = |s: &str| Resolved::File(s.into());
        assert_eq!(resolve(&root, "/", None), file("/index.html"));
        assert_eq!(resolve(&root, "/", Some("chart=x")), file("/index.html"));
        assert_eq!(resolve(&root, "/app.wasm", Some("v=2")), file("/app.wasm"));
        assert_eq!(
            resolve(&root, "/funding/", None),
            file("/funding/index.html")
        );
        assert_eq!(
            resolve(&root, "/funding", Some("chart=x")),
            Resolved::Redirect("/funding/?chart=x".into())
        );
        for sneaky in ["//funding", "/.//funding", "///funding", "/./funding"] {
            assert_eq!(
                resolve(&root, sneaky, None),
                Resolved::Redirect("/funding/".into()),
                "{sneaky}"
            );
        }
        assert_eq!(resolve(&root, "/missing.js", None), Resolved::NotFound);
        assert_eq!(resolve(&root, "/app.wasm/", None), Resolved::NotFound);
        assert_eq!(resolve(&root, "/.htaccess", None), Resolved::NotFound);
        assert_eq!(resolve(&root, "/_headers", None), Resolved::NotFound);
        assert_eq!(resolve(&root, "/../index.html", None), Resolved::BadRequest);
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn symlinks_out_of_the_root_are_not_followed() {
        let root = temp_root("symlink");
        let outside = root.with_extension("outside");
        fs::create_dir_all(&outside).expect("create");
        fs::write(outside.join("secret.txt"), "secret").expect("write");
        std::os::unix::fs::symlink(outside.join("secret.txt"), root.join("leak.txt"))
            .expect("symlink");
        std::os::unix::fs::symlink(&outside, root.join("out")).expect("symlink");
        assert_eq!(resolve(&root, "/leak.txt", None), Resolved::NotFound);
        assert_eq!(resolve(&root, "/out/secret.txt", None), Resolved::NotFound);
        let _ = fs::remove_dir_all(&root);
        let _ = fs::remove_dir_all(&outside);
    }

    #[test]
    fn paths_are_encoded_back_safely() {
        assert_eq!(encode_path(&[]), "/");
        assert_eq!(
            encode_path(&["a b".into(), "c?d#e".into()]),
            "/a%20b/c%3Fd%23e"
        );
        assert_eq!(encode_path(&["%".into()]), "/%25");
    }

    #[test]
    fn log_lines_escape_control_characters() {
        assert_eq!(
            printable("GET /\u{1b}]0;title\u{7} HTTP/1.1", 100),
            "GET /\\u{1b}]0;title\\u{7} HTTP/1.1"
        );
        assert_eq!(printable("a\r\nb\\", 100), "a\\u{d}\\u{a}b\\\\");
        assert_eq!(printable("\u{202e}x\u{9b}", 100), "\\u{202e}x\\u{9b}");
        assert_eq!(printable("abcdef", 3), "abc…");
    }

    #[test]
    fn hyper_error_heads_get_the_security_headers() {
        let head = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n";
        let fixed = String::from_utf8(with_security_headers(head).expect("fixed")).expect("utf8");
        assert!(fixed.starts_with("HTTP/1.1 400 Bad Request\r\nContent-Security-Policy: "));
        assert!(fixed.contains("\r\nX-Content-Type-Options: nosniff\r\n"));
        assert!(fixed.ends_with("content-length: 0\r\n\r\n"));
        let ours = b"HTTP/1.1 200 OK\r\ncontent-security-policy: x\r\n\r\nbody";
        assert_eq!(with_security_headers(ours), None);
        assert_eq!(with_security_headers(b"partial body bytes"), None);
    }

    #[test]
    fn every_security_header_is_sent() {
        let site = Site::new(PathBuf::from("/"), HEAD_TIMEOUT);
        assert_eq!(site.security_headers.len(), SECURITY_HEADERS.len());
    }

    fn get(path: &str) -> Parts {
        Request::get(path).body(()).expect("request").into_parts().0
    }

    #[test]
    fn responses_carry_types_validators_and_own_error_pages() {
        let root = temp_root("respond");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let site = Site::new(root.clone(), HEAD_TIMEOUT);
        runtime.block_on(async {
            let found = route(get("/app.wasm?v=1"), &site).await;
            assert_eq!(found.status(), StatusCode::OK);
            assert_eq!(found.headers()[header::CONTENT_TYPE], "application/wasm");
            assert!(found.headers().contains_key(header::ETAG));
            assert!(found.headers().contains_key(header::LAST_MODIFIED));
            assert_eq!(body_bytes(found).await, b"\0asm");
            let page = route(get("/funding/"), &site).await;
            assert_eq!(
                page.headers()[header::CONTENT_TYPE],
                "text/html; charset=utf-8"
            );
            assert_eq!(body_bytes(page).await, b"funding");
            let missing = route(get("/.htaccess"), &site).await;
            assert_eq!(missing.status(), StatusCode::NOT_FOUND);
            assert_eq!(body_bytes(missing).await, b"404 Not Found\n");
            let mut post = get("/");
            post.method = Method::POST;
            let refused = route(post, &site).await;
            assert_eq!(refused.status(), StatusCode::METHOD_NOT_ALLOWED);
            assert_eq!(refused.headers()[header::ALLOW], "GET, HEAD");
        });
        let _ = fs::remove_dir_all(&root);
    }
}
