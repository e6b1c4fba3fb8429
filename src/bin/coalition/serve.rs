//! `coalition serve`: a small static-file HTTP/1.1 server for the built site.
//! It sends the headers the site must work under when deployed (a strict
//! Content-Security-Policy above all), so local runs and tests catch
//! violations early.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use crate::{Args, CliError};

/// This subcommand's lines in `coalition --help`.
pub const USAGE: &str = "  serve DIR [--port N] [--host ADDR]
      Serve the files in DIR over HTTP (GET and HEAD) until interrupted.
      Once listening it prints one line: 'Serving DIR at http://ADDR:PORT/'.
      --port N      port to listen on (default 8080; 0 picks a free port)
      --host ADDR   address to bind (default 127.0.0.1, this machine only)
";

/// Sent with every response, error pages included.
const SECURITY_HEADERS: &str = "\
Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data: blob:\r\n\
X-Content-Type-Options: nosniff\r\n\
Cache-Control: no-cache\r\n\
Referrer-Policy: no-referrer\r\n";

/// Longest request head read; the site's URLs are short.
const MAX_HEAD: u64 = 16 * 1024;

/// Without a limit an idle client would hold its thread forever.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Runs `serve`; returns only on a startup error.
pub fn run(args: &Args) -> Result<(), CliError> {
    args.only_options(&["port", "host"])?;
    let [dir] = args.positional.as_slice() else {
        return Err(CliError::Usage("serve needs exactly one DIR".into()));
    };
    let port: u16 = match args.option("port") {
        None => 8080,
        Some(p) => p.parse().map_err(|_| {
            CliError::Usage(format!("--port needs a number from 0 to 65535, not '{p}'"))
        })?,
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
    let listener = TcpListener::bind((host, port)).map_err(failed)?;
    let addr = listener.local_addr().map_err(failed)?;

    // Scripts and tests wait for this exact line (and learn the port from it).
    println!("Serving {dir} at http://{addr}/");
    io::stdout().flush().map_err(failed)?;

    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let root = root.clone();
                thread::spawn(move || {
                    // A client that hangs up early is its own problem.
                    let _ = handle(stream, &root);
                });
            }
            Err(e) => log(format_args!("accept failed: {e}")),
        }
    }
    Ok(())
}

/// Writes to stderr, ignoring failure: a closed stderr must not stop serving.
fn log(message: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr(), "{message}");
}

fn handle(stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let Some(request_line) = read_request_line(&stream)? else {
        return Ok(());
    };
    let response = respond(root, &request_line);
    log(format_args!("{request_line} -> {}", response.status));
    let head_only = request_line.starts_with("HEAD ");
    // Buffered, so the head goes out in one packet rather than one per piece.
    let mut out = BufWriter::new(&stream);
    response.write_to(&mut out, head_only)?;
    out.flush()
}

/// Reads the request head and returns its first line (None if the client
/// sent nothing). The headers are read only so the client sees a clean close.
fn read_request_line(stream: &TcpStream) -> io::Result<Option<String>> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut line = Vec::new();
    if reader.read_until(b'\n', &mut line)? == 0 {
        return Ok(None);
    }
    let mut header = Vec::new();
    loop {
        header.clear();
        let n = reader.read_until(b'\n', &mut header)?;
        if n == 0 || header == b"\r\n" || header == b"\n" {
            break;
        }
    }
    // A line cut off by MAX_HEAD has no newline; keep it so it is rejected.
    let complete = line.ends_with(b"\n");
    let text = String::from_utf8_lossy(&line).trim_end().to_string();
    Ok(Some(if complete { text } else { String::new() }))
}

/// What the server answers for one request line.
#[derive(Debug)]
struct Response {
    status: u16,
    content_type: &'static str,
    extra_headers: String,
    body: Body,
}

#[derive(Debug)]
enum Body {
    Text(String),
    File(File, u64),
}

impl Response {
    fn error(status: u16) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            extra_headers: String::new(),
            body: Body::Text(format!("{status} {}\n", reason(status))),
        }
    }

    fn write_to(self, out: &mut impl Write, head_only: bool) -> io::Result<()> {
        let length = match &self.body {
            Body::Text(text) => text.len() as u64,
            Body::File(_, len) => *len,
        };
        write!(
            out,
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {length}\r\n\
             {}{SECURITY_HEADERS}Connection: close\r\n\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.extra_headers,
        )?;
        match self.body {
            _ if head_only => Ok(()),
            Body::Text(text) => out.write_all(text.as_bytes()),
            Body::File(file, len) => io::copy(&mut file.take(len), out).map(drop),
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Unknown",
    }
}

fn respond(root: &Path, request_line: &str) -> Response {
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Response::error(400);
    };
    // Control characters could smuggle headers into a redirect's Location.
    if !version.starts_with("HTTP/1.") || target.bytes().any(|b| b.is_ascii_control()) {
        return Response::error(400);
    }
    if method != "GET" && method != "HEAD" {
        let mut response = Response::error(405);
        response.extra_headers = "Allow: GET, HEAD\r\n".into();
        return response;
    }
    match resolve(root, target) {
        Resolved::File(path) => {
            let opened = File::open(&path).and_then(|f| Ok((f.metadata()?.len(), f)));
            match opened {
                Ok((len, file)) => Response {
                    status: 200,
                    content_type: content_type(&path),
                    extra_headers: String::new(),
                    body: Body::File(file, len),
                },
                Err(_) => Response::error(404),
            }
        }
        Resolved::Redirect(location) => {
            let mut response = Response::error(301);
            response.extra_headers = format!("Location: {location}\r\n");
            response
        }
        Resolved::NotFound => Response::error(404),
        Resolved::BadRequest => Response::error(400),
    }
}

/// Where a request target leads under the served root.
#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Maps a request target to a file under `root` (which must be canonical).
fn resolve(root: &Path, target: &str) -> Resolved {
    let target = target.split('#').next().unwrap_or_default();
    let (path, query) = target.split_at(target.find('?').unwrap_or(target.len()));
    let Some(segments) = url_segments(path) else {
        return Resolved::BadRequest;
    };
    let mut file = root.to_path_buf();
    file.extend(&segments);
    if file.is_dir() {
        // Relative links inside the directory's page need the trailing slash.
        if !path.ends_with('/') {
            return Resolved::Redirect(format!("{path}/{query}"));
        }
        file.push("index.html");
    } else if path.ends_with('/') {
        return Resolved::NotFound;
    }
    // Canonicalising also stops symlinks that point outside the root.
    match file.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

/// Splits a URL path into percent-decoded segments, or None if it is
/// malformed or tries to climb out of the root (`..`, also as `%2e%2e`).
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
            s if s.contains(['\\', '\0']) => return None,
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

/// The Content-Type for a file, by extension. wasm must be
/// `application/wasm` or browsers refuse streaming compilation.
fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
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
            "/%00",
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
    fn resolves_files_indexes_and_redirects() {
        let root = temp_root("resolve");
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/?chart=x#y"),
            Resolved::File(root.join("index.html"))
        );
        assert_eq!(
            resolve(&root, "/app.wasm?v=2"),
            Resolved::File(root.join("app.wasm"))
        );
        assert_eq!(
            resolve(&root, "/funding/"),
            Resolved::File(root.join("funding/index.html"))
        );
        assert_eq!(
            resolve(&root, "/funding?chart=x"),
            Resolved::Redirect("/funding/?chart=x".into())
        );
        assert_eq!(resolve(&root, "/missing.js"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/app.wasm/"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/../index.html"), Resolved::BadRequest);
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn rejects_bad_requests_and_methods() {
        let root = temp_root("respond");
        assert_eq!(respond(&root, "GET / HTTP/1.1").status, 200);
        assert_eq!(respond(&root, "HEAD /app.wasm HTTP/1.0").status, 200);
        assert_eq!(respond(&root, "POST / HTTP/1.1").status, 405);
        assert_eq!(respond(&root, "GET /").status, 400);
        assert_eq!(respond(&root, "").status, 400);
        assert_eq!(respond(&root, "GET /a\rb HTTP/1.1").status, 400);
        assert_eq!(respond(&root, "GET /%2e%2e/x HTTP/1.1").status, 400);
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn content_types_by_extension() {
        let ct = |name: &str| content_type(Path::new(name));
        assert_eq!(ct("index.html"), "text/html; charset=utf-8");
        assert_eq!(ct("main.js"), "text/javascript; charset=utf-8");
        assert_eq!(ct("mod.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(ct("style.css"), "text/css; charset=utf-8");
        assert_eq!(ct("pkg/app_bg.wasm"), "application/wasm");
        assert_eq!(ct("data.json"), "application/json; charset=utf-8");
        assert_eq!(ct("chart.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(ct("shot.PNG"), "image/png");
        assert_eq!(ct("favicon.ico"), "image/x-icon");
        assert_eq!(ct("notes.txt"), "text/plain; charset=utf-8");
        assert_eq!(ct("figures.csv"), "text/csv; charset=utf-8");
        assert_eq!(ct("README"), "application/octet-stream");
    }

    #[test]
    fn every_response_carries_the_security_headers() {
        let root = temp_root("headers");
        for line in ["GET / HTTP/1.1", "GET /nope HTTP/1.1", "PUT / HTTP/1.1"] {
            let mut out = Vec::new();
            respond(&root, line)
                .write_to(&mut out, false)
                .expect("write");
            let text = String::from_utf8_lossy(&out);
            assert!(
                text.contains("\r\nContent-Security-Policy: default-src 'self'; "),
                "{text}"
            );
            assert!(
                text.contains("\r\nX-Content-Type-Options: nosniff\r\n"),
                "{text}"
            );
            assert!(text.contains("\r\nCache-Control: no-cache\r\n"), "{text}");
            assert!(
                text.contains("\r\nReferrer-Policy: no-referrer\r\n"),
                "{text}"
            );
        }
        let _ = fs::remove_dir_all(&root);
    }
}
