//! Runs the real `coalition serve` binary against a temporary directory and
//! talks HTTP to it over a plain socket.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// Kills the server even when an assertion fails.
struct Server {
    child: Child,
    addr: String,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// `name` keeps the temp dirs of tests running in parallel apart.
fn start_server(name: &str) -> Server {
    let dir = std::env::temp_dir().join(format!("coalition-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("pkg")).expect("create temp site");
    fs::write(dir.join("index.html"), "<!doctype html><title>t</title>").expect("write");
    fs::write(dir.join("pkg/app_bg.wasm"), b"\0asm\x01\0\0\0").expect("write");

    let child = Command::new(env!("CARGO_BIN_EXE_coalition"))
        .args([
            "serve",
            dir.to_str().expect("utf-8 temp path"),
            "--port",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start coalition serve");
    let mut server = Server {
        child,
        addr: String::new(),
        dir,
    };
    // The first line is printed once the socket is listening: no sleeping.
    let stdout = server.child.stdout.take().expect("piped stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the Serving line");
    let url = line
        .trim()
        .rsplit(' ')
        .next()
        .expect("a URL at the end of the line");
    assert!(
        line.starts_with("Serving "),
        "unexpected first line: {line}"
    );
    server.addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    server
}

/// Sends a raw request and returns (status line, head, body).
fn request(server: &Server, raw: &str) -> (String, String, Vec<u8>) {
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    stream.write_all(raw.as_bytes()).expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of head");
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    let status = head.lines().next().unwrap_or_default().to_string();
    (status, head, response[split + 4..].to_vec())
}

fn get(server: &Server, path: &str) -> (String, String, Vec<u8>) {
    request(
        server,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"),
    )
}

#[test]
fn serves_the_site_with_the_right_headers() {
    let server = start_server("site");

    let (status, head, body) = get(&server, "/pkg/app_bg.wasm?v=1");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(
        head.contains("\r\nContent-Type: application/wasm\r\n"),
        "{head}"
    );
    assert!(
        head.contains(
            "\r\nContent-Security-Policy: default-src 'self'; script-src 'self' \
             'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:\r\n"
        ),
        "{head}"
    );
    assert!(
        head.contains("\r\nX-Content-Type-Options: nosniff\r\n"),
        "{head}"
    );
    assert_eq!(body, b"\0asm\x01\0\0\0");

    let (status, head, body) = get(&server, "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.starts_with(b"<!doctype html>"));

    let (status, head, _) = get(&server, "/pkg");
    assert_eq!(status, "HTTP/1.1 301 Moved Permanently");
    assert!(head.contains("\r\nLocation: /pkg/\r\n"), "{head}");

    let (status, head, _) = get(&server, "/missing.js");
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    assert!(head.contains("Content-Security-Policy:"), "{head}");

    let (status, _, _) = request(&server, "HEAD /pkg/app_bg.wasm HTTP/1.1\r\n\r\n");
    assert_eq!(status, "HTTP/1.1 200 OK");
    let (status, _, _) = request(&server, "DELETE / HTTP/1.1\r\n\r\n");
    assert_eq!(status, "HTTP/1.1 405 Method Not Allowed");
}

#[test]
fn refuses_to_leave_the_served_directory() {
    let server = start_server("traversal");
    for path in [
        "/../Cargo.toml",
        "/pkg/../../x",
        "/%2e%2e/%2e%2e/etc/passwd",
    ] {
        let (status, _, body) = get(&server, path);
        assert_eq!(status, "HTTP/1.1 400 Bad Request", "{path}");
        assert!(!body.windows(5).any(|w| w == b"root:"), "{path}");
    }
}
