//! What the site must be served with, in one place: `coalition serve` sends it, and
//! `coalition hosting` writes it out as configuration for the hosts people move the site to
//! (Netlify and Cloudflare Pages, nginx, Caddy, Apache), so every host sends the same headers.

use std::fs;
use std::path::Path;

use crate::{Args, CliError};

/// This subcommand's lines in `coalition --help`.
pub const USAGE: &str = "  hosting DIST_DIR CONF_DIR [--root PATH] [--listen ADDR]
      Write the headers and types the site needs on other hosts: DIST_DIR/_headers
      (Netlify, Cloudflare Pages) and DIST_DIR/.htaccess (Apache), which those hosts
      read from the published folder, and CONF_DIR/nginx.conf (an nginx server
      block) and CONF_DIR/Caddyfile, which belong outside it.
      --root PATH     the folder nginx and Caddy serve (default: DIST_DIR, absolute)
      --listen ADDR   nginx's listen address and Caddy's site address (default 80)
";

/// The page's policy: scripts and styles from the site only, WebAssembly compilation
/// allowed (no JavaScript eval), images from the site or made in the page.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data: blob:";

/// Sent with every response, error pages included, by `coalition serve` and every config.
/// `no-cache` means "revalidate before use": a page's name stays the same from build to
/// build, so a cached copy is checked against its ETag or date (a 304, no body) and a new
/// build is seen at once. Files in [`HASHED_DIR`] get [`CACHE_HASHED`] instead.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Cache-Control", CACHE_REVALIDATE),
    ("Referrer-Policy", "no-referrer"),
];

/// Cache-Control for every response but a fingerprinted file's.
pub const CACHE_REVALIDATE: &str = "no-cache";

/// Cache-Control for a fingerprinted file (`coalition fingerprint`): its name changes with
/// its bytes, so a browser may keep it a year without asking again.
pub const CACHE_HASHED: &str = "public, max-age=31536000, immutable";

/// The top-level folder of fingerprinted files, and only of them.
pub const HASHED_DIR: &str = "assets";

/// The Cache-Control a successful answer for `segments` (the decoded path) gets.
pub fn cache_control(segments: &[String]) -> &'static str {
    match segments {
        [dir, _name] if dir == HASHED_DIR => CACHE_HASHED,
        _ => CACHE_REVALIDATE,
    }
}

/// A file type the site ships: its extension, its Content-Type, and whether the build
/// precompresses it (`.gz` and `.br` beside the file; PNG is compressed already).
pub struct FileType {
    /// Extension, lower case, without the dot.
    pub ext: &'static str,
    /// The Content-Type sent for it.
    pub content_type: &'static str,
    /// Whether `coalition precompress` writes `.gz` and `.br` variants of it.
    pub compress: bool,
}

const fn file_type(ext: &'static str, content_type: &'static str, compress: bool) -> FileType {
    FileType {
        ext,
        content_type,
        compress,
    }
}

/// Every type the site ships. wasm must be `application/wasm` or browsers refuse streaming
/// compilation; text types name their charset so no browser guesses.
pub const FILE_TYPES: [FileType; 12] = [
    file_type("html", "text/html; charset=utf-8", true),
    file_type("htm", "text/html; charset=utf-8", true),
    file_type("js", "text/javascript; charset=utf-8", true),
    file_type("mjs", "text/javascript; charset=utf-8", true),
    file_type("css", "text/css; charset=utf-8", true),
    file_type("txt", "text/plain; charset=utf-8", true),
    file_type("csv", "text/csv; charset=utf-8", true),
    file_type("json", "application/json; charset=utf-8", true),
    file_type("svg", "image/svg+xml; charset=utf-8", true),
    file_type("wasm", "application/wasm", true),
    file_type("ico", "image/x-icon", true),
    file_type("png", "image/png", false),
];

/// Sent for a file whose extension is not in [`FILE_TYPES`]; with `nosniff` the browser
/// treats it as a download, never as a page or a script.
pub const DEFAULT_CONTENT_TYPE: &str = "application/octet-stream";

/// The type of a file, by its extension (any case).
pub fn type_of(path: &Path) -> Option<&'static FileType> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    FILE_TYPES.iter().find(|t| t.ext == ext)
}

/// The Content-Type for a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    type_of(path).map_or(DEFAULT_CONTENT_TYPE, |t| t.content_type)
}

/// Host configuration that sits among the site's files and must not be served: a
/// dotfile or dot-folder anywhere (`.htaccess`), or the top-level `_headers`.
pub fn is_hidden(segments: &[String]) -> bool {
    segments.iter().any(|s| s.starts_with('.')) || segments == ["_headers"]
}

/// Runs `hosting`.
pub fn run(args: &Args) -> Result<(), CliError> {
    args.only_options(&["root", "listen"])?;
    let [dist, conf] = args.positional.as_slice() else {
        return Err(CliError::Usage(
            "hosting needs exactly two arguments: DIST_DIR CONF_DIR".into(),
        ));
    };
    let (dist, conf) = (Path::new(dist), Path::new(conf));
    let root = match args.option("root") {
        Some(root) => root.to_string(),
        None => std::path::absolute(dist)
            .map_err(|e| CliError::Failed(format!("cannot read '{}': {e}", dist.display())))?
            .to_str()
            .ok_or_else(|| CliError::Failed("DIST_DIR is not valid UTF-8; give --root".into()))?
            .to_string(),
    };
    check_config_word("--root", &root)?;
    let listen = args.option("listen").unwrap_or("80");
    check_config_word("--listen", listen)?;
    if !dist.is_dir() {
        return Err(CliError::Failed(format!(
            "cannot write host configs into '{}': not a folder",
            dist.display()
        )));
    }
    fs::create_dir_all(conf)
        .map_err(|e| CliError::Failed(format!("cannot create '{}': {e}", conf.display())))?;
    for (path, text) in [
        (dist.join("_headers"), headers_file()),
        (dist.join(".htaccess"), htaccess()),
        (conf.join("nginx.conf"), nginx(&root, listen)),
        (conf.join("Caddyfile"), caddyfile(&root, listen)),
    ] {
        fs::write(&path, text)
            .map_err(|e| CliError::Failed(format!("cannot write '{}': {e}", path.display())))?;
        println!("Wrote {}", path.display());
    }
    Ok(())
}

/// A value written into a config file unquoted or in double quotes must not end the
/// directive or open a block there.
fn check_config_word(option: &str, value: &str) -> Result<(), CliError> {
    if value.is_empty()
        || value
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || "\"'`;{}#$\\".contains(c))
    {
        return Err(CliError::Usage(format!(
            "{option} must be a path or address without spaces, quotes, or any of ; {{ }} # $ \\"
        )));
    }
    Ok(())
}

/// Extensions of the precompressed types, for a regular-expression alternation.
fn compressed_exts() -> String {
    let exts: Vec<&str> = FILE_TYPES
        .iter()
        .filter(|t| t.compress)
        .map(|t| t.ext)
        .collect();
    exts.join("|")
}

/// `_headers`, read by Netlify and Cloudflare Pages from the published folder. Both compress
/// on their own (gzip and brotli) and revalidate with ETags. Both join the values of a header
/// that several rules set, so Cache-Control is set once per path: their own default for
/// pages (`max-age=0, must-revalidate`, the same as `no-cache`), a year for `/assets/`.
pub fn headers_file() -> String {
    let mut out = String::from(
        "# Netlify and Cloudflare Pages: headers for every path. Written by `coalition hosting`.\n\
         # Cache-Control is left to the host's default (revalidate) but for the fingerprinted\n\
         # files below: a header set by two matching rules would be sent with both values.\n/*\n",
    );
    for (name, value) in SECURITY_HEADERS {
        if name != "Cache-Control" {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    out.push_str(&format!(
        "/{HASHED_DIR}/*\n  Cache-Control: {CACHE_HASHED}\n"
    ));
    for t in &FILE_TYPES {
        out.push_str(&format!(
            "/*.{}\n  Content-Type: {}\n",
            t.ext, t.content_type
        ));
    }
    out
}

/// `.htaccess` for Apache 2.4 (mod_headers, mod_mime and mod_rewrite, with `AllowOverride
/// All`): the headers on every response, the types, and the precompressed files.
pub fn htaccess() -> String {
    let mut out = String::from(
        "# Apache 2.4: needs mod_headers, mod_mime and mod_rewrite, and AllowOverride All.\n\
         # Written by `coalition hosting`.\n\
         Options -Indexes\n\
         <IfModule mod_headers.c>\n",
    );
    for (name, value) in SECURITY_HEADERS {
        if name == "Cache-Control" {
            // The request's path, not the file's: with a precompressed variant the file is
            // FILE.br, the path is still /assets/FILE.
            let hashed = format!(
                "%{{REQUEST_URI}} =~ m#/{HASHED_DIR}/[^/]+$# && %{{REQUEST_STATUS}} -lt 400"
            );
            out.push_str(&format!(
                "  Header always set {name} \"{CACHE_HASHED}\" \"expr={hashed}\"\n\
                 \x20 Header always set {name} \"{value}\" \"expr=!({hashed})\"\n"
            ));
        } else {
            out.push_str(&format!("  Header always set {name} \"{value}\"\n"));
        }
    }
    out.push_str("</IfModule>\n");
    for t in &FILE_TYPES {
        out.push_str(&format!("AddType \"{}\" .{}\n", t.content_type, t.ext));
    }
    let exts = compressed_exts();
    out.push_str(&format!(
        "# Host configuration among the files is not served.\n\
         RedirectMatch 404 \"(^|/)(\\.|_headers$)\"\n\
         # The build writes FILE.br and FILE.gz beside each text file: serve the one the\n\
         # browser accepts, with the original's type.\n\
         <IfModule mod_rewrite.c>\n\
         \x20 RewriteEngine On\n\
         \x20 # A static site answers GET and HEAD only.\n\
         \x20 RewriteCond \"%{{REQUEST_METHOD}}\" \"!^(GET|HEAD)$\"\n\
         \x20 RewriteRule \".*\" \"-\" [R=405,L]\n\
         \x20 RewriteCond \"%{{HTTP:Accept-Encoding}}\" \"br\"\n\
         \x20 RewriteCond \"%{{REQUEST_FILENAME}}.br\" -s\n\
         \x20 RewriteRule \"^(.+\\.({exts}))$\" \"$1.br\" [L]\n\
         \x20 RewriteCond \"%{{HTTP:Accept-Encoding}}\" \"gzip\"\n\
         \x20 RewriteCond \"%{{REQUEST_FILENAME}}.gz\" -s\n\
         \x20 RewriteRule \"^(.+\\.({exts}))$\" \"$1.gz\" [L]\n\
         </IfModule>\n\
         <FilesMatch \"\\.br$\">\n\
         \x20 RemoveType .br\n\
         \x20 SetEnv no-brotli 1\n\
         \x20 Header append Content-Encoding br\n\
         \x20 Header append Vary Accept-Encoding\n\
         </FilesMatch>\n\
         <FilesMatch \"\\.gz$\">\n\
         \x20 RemoveType .gz\n\
         \x20 SetEnv no-gzip 1\n\
         \x20 Header append Content-Encoding gzip\n\
         \x20 Header append Vary Accept-Encoding\n\
         </FilesMatch>\n"
    ));
    for t in FILE_TYPES.iter().filter(|t| t.compress) {
        out.push_str(&format!(
            "<FilesMatch \"\\.{}\\.(br|gz)$\">\n  ForceType \"{}\"\n</FilesMatch>\n",
            t.ext, t.content_type
        ));
    }
    out
}

/// An nginx `server` block and the `map` it reads, for `http { include …; }`. brotli needs the ngx_brotli static
/// module (Debian: libnginx-mod-http-brotli-static); without it, delete that one line.
pub fn nginx(root: &str, listen: &str) -> String {
    let mut out = format!(
        "# An nginx server block for the Coalition Infographic. Written by `coalition hosting`.\n\
         # The fingerprinted files' Cache-Control: a year when found, revalidate otherwise.\n\
         map $status $coalition_assets_cache {{\n\
         \x20   default \"{CACHE_REVALIDATE}\";\n\
         \x20   ~^(200|206|304)$ \"{CACHE_HASHED}\";\n\
         }}\n\
         server {{\n\
         \x20   listen {listen};\n\
         \x20   root {root};\n\
         \x20   index index.html;\n\
         \x20   server_tokens off;\n\
         \x20   # Symbolic links are never followed, so nothing outside root is served.\n\
         \x20   disable_symlinks on;\n\
         \x20   # A folder's redirect says /funding/, never http://host/… or //funding/.\n\
         \x20   absolute_redirect off;\n\
         \x20   merge_slashes on;\n\
         \x20   # The build's .gz and .br files, chosen by Accept-Encoding.\n\
         \x20   gzip_static on;\n\
         \x20   gzip_vary on;\n\
         \x20   brotli_static on;\n\
         \x20   etag on;\n\
         \x20   charset off;\n"
    );
    out.push_str("    # On every response, error pages included.\n");
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("    add_header {name} \"{value}\" always;\n"));
    }
    out.push_str("    types {\n");
    for t in &FILE_TYPES {
        out.push_str(&format!("        \"{}\" {};\n", t.content_type, t.ext));
    }
    out.push_str(&format!(
        "    }}\n\
         \x20   default_type {DEFAULT_CONTENT_TYPE};\n\
         \x20   # Host configuration among the files is not served.\n\
         \x20   location ~ (^|/)(\\.|_headers$) {{\n\
         \x20       return 404;\n\
         \x20   }}\n\
         \x20   location / {{\n\
         \x20       try_files $uri $uri/ =404;\n\
         \x20   }}\n\
         \x20   # Fingerprinted files: a year. A location with add_header inherits none of the\n\
         \x20   # server's, so all are repeated here.\n\
         \x20   location ^~ /{HASHED_DIR}/ {{\n"
    ));
    for (name, value) in SECURITY_HEADERS {
        let value = if name == "Cache-Control" {
            "$coalition_assets_cache".to_string()
        } else {
            format!("\"{value}\"")
        };
        out.push_str(&format!("        add_header {name} {value} always;\n"));
    }
    out.push_str(
        "        try_files $uri =404;\n\
         \x20   }\n\
         }\n",
    );
    out
}

/// A Caddyfile site block. With a domain name as `--listen`, Caddy also gets and renews its
/// HTTPS certificate. Go's HTTP server answers a request it cannot parse (a malformed
/// percent escape in the path) itself, before any of this applies, with a plain-text 400.
pub fn caddyfile(root: &str, listen: &str) -> String {
    // A port alone listens on every address; an IP address has no certificate to get, so
    // it is plain HTTP; a domain name (or a full address) is Caddy's to secure.
    let address = if listen.bytes().all(|b| b.is_ascii_digit()) {
        format!(":{listen}")
    } else if listen.starts_with(|c: char| c.is_ascii_digit() || c == '[') {
        format!("http://{listen}")
    } else {
        listen.to_string()
    };
    // `?` sets Cache-Control only where the fingerprinted files' rule has not: Caddy orders
    // its header directives by their matchers, not as written.
    let headers = |indent: &str, default_cache: bool| {
        let mut out = String::new();
        for (name, value) in SECURITY_HEADERS {
            let mark = if default_cache && name == "Cache-Control" {
                "?"
            } else {
                ""
            };
            out.push_str(&format!("{indent}{mark}{name} \"{value}\"\n"));
        }
        out
    };
    let mut out = format!(
        "# A Caddyfile site block for the Coalition Infographic. Written by `coalition hosting`.\n\
         {address} {{\n\
         \troot * {root}\n\
         \t# On every response; handle_errors below repeats them on error pages.\n\
         \theader {{\n{}\t\t-Server\n\t}}\n\
         \t# Fingerprinted files: a year.\n\
         \t@hashed path_regexp ^/{HASHED_DIR}/[^/]+$\n\
         \theader @hashed Cache-Control \"{CACHE_HASHED}\"\n",
        headers("\t\t", true)
    );
    for t in &FILE_TYPES {
        out.push_str(&format!(
            "\t@type_{ext} path *.{ext}\n\theader @type_{ext} Content-Type \"{ct}\"\n",
            ext = t.ext,
            ct = t.content_type
        ));
    }
    out.push_str(&format!(
        "\t# Host configuration among the files is not served.\n\
         \t@hidden path_regexp (^|/)(\\.|_headers$)\n\
         \terror @hidden 404\n\
         \t# A static site answers GET and HEAD only.\n\
         \t@other not method GET HEAD\n\
         \terror @other 405\n\
         \t# The build's .br and .gz files, chosen by Accept-Encoding.\n\
         \tfile_server {{\n\
         \t\tprecompressed br gzip\n\
         \t}}\n\
         \thandle_errors {{\n\
         \t\theader {{\n{}\t\t\tContent-Type \"text/plain; charset=utf-8\"\n\t\t}}\n\
         \t\trespond \"{{err.status_code}} {{err.status_text}}\"\n\
         \t}}\n\
         }}\n",
        headers("\t\t\t", false)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn host_configuration_files_are_hidden() {
        let segs = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(is_hidden(&segs(&[".htaccess"])));
        assert!(is_hidden(&segs(&["pkg", ".git", "config"])));
        assert!(is_hidden(&segs(&["_headers"])));
        assert!(!is_hidden(&segs(&["pkg", "_headers"])));
        assert!(!is_hidden(&segs(&["funding", "index.html"])));
    }

    #[test]
    fn config_words_cannot_break_out_of_a_directive() {
        for bad in [
            "", "/srv/a b", "/srv/x;", "/srv/{x}", "/srv/\"x", "a\nb", "$x",
        ] {
            assert!(check_config_word("--root", bad).is_err(), "{bad:?}");
        }
        assert!(check_config_word("--root", "/srv/coalition").is_ok());
        assert!(check_config_word("--listen", "127.0.0.1:8080").is_ok());
        assert!(check_config_word("--listen", "[::1]:8080").is_ok());
    }

    #[test]
    fn every_config_carries_every_security_header() {
        for text in [
            headers_file(),
            htaccess(),
            nginx("/srv/coalition", "80"),
            caddyfile("/srv/coalition", "80"),
        ] {
            for (name, value) in SECURITY_HEADERS {
                assert!(text.contains(name), "{name} in {text}");
                // _headers leaves pages' Cache-Control to the host (see headers_file).
                if value != CACHE_REVALIDATE || !text.starts_with("# Netlify") {
                    assert!(text.contains(value), "{value} in {text}");
                }
            }
            assert!(text.contains(CACHE_HASHED), "{text}");
            assert!(text.contains("application/wasm"), "{text}");
        }
    }

    #[test]
    fn only_files_in_the_fingerprinted_folder_are_kept_a_year() {
        let segs = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            cache_control(&segs(&["assets", "viewer.0123456789abcdef.js"])),
            CACHE_HASHED
        );
        for fresh in [
            &["index.html"][..],
            &["pkg", "viewer.js"],
            &["funding", "assets"],
            &["assets", "deeper", "x.js"],
        ] {
            assert_eq!(cache_control(&segs(fresh)), CACHE_REVALIDATE, "{fresh:?}");
        }
        assert!(!headers_file().contains(&format!("Cache-Control: {CACHE_REVALIDATE}")));
    }

    #[test]
    fn caddy_site_addresses() {
        assert!(caddyfile("/srv", "80").contains("\n:80 {\n"));
        assert!(caddyfile("/srv", "127.0.0.1:9000").contains("\nhttp://127.0.0.1:9000 {\n"));
        assert!(caddyfile("/srv", "example.org").contains("\nexample.org {\n"));
        assert!(caddyfile("/srv", "https://example.org").contains("\nhttps://example.org {\n"));
    }
}
