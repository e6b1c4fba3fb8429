//! `coalition fingerprint`: gives the WebAssembly modules and their glue names that change
//! with their content, so hosts can let browsers keep them for a year (`immutable`) while
//! every page stays `no-cache` and a new build is seen at once.
//!
//! The build leaves wasm-bindgen's output in `pkg/` with fixed names. This step copies each
//! file to `assets/NAME.HASH.EXT` (the hash of the bytes it ends up with) and points every
//! reference in the site's pages and scripts there; `pkg/` stays as it was, so the step can
//! run again on the same folder and anyone who links `pkg/` by name still gets a working copy.

use std::fs;
use std::io;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::hosting;
use crate::site_files::{failed, files_under};
use crate::{Args, CliError};

/// This subcommand's lines in `coalition --help`.
pub const USAGE: &str = "  fingerprint DIST_DIR
      Copy DIST_DIR/pkg/*.wasm and *.js to DIST_DIR/assets/NAME.HASH.EXT (HASH: the
      first 16 hex digits of the file's SHA-256) and rewrite every 'pkg/NAME' in the
      site's HTML, JavaScript, CSS and JSON to point there. Run after minifying and
      before precompressing.
";

/// How many hex digits of the SHA-256 a name carries: 64 bits, so two builds' files
/// never share a name by chance.
pub const HASH_DIGITS: usize = 16;

/// Runs `fingerprint`.
pub fn run(args: &Args) -> Result<(), CliError> {
    args.only_options(&[])?;
    let [dist] = args.positional.as_slice() else {
        return Err(CliError::Usage(
            "fingerprint needs exactly one DIST_DIR".into(),
        ));
    };
    let renamed = fingerprint(Path::new(dist))?;
    for (from, to) in &renamed {
        println!("pkg/{from} -> {}/{to}", hosting::HASHED_DIR);
    }
    Ok(())
}

/// Fingerprints `dist`, returning each original name with its fingerprinted one.
pub fn fingerprint(dist: &Path) -> Result<Vec<(String, String)>, CliError> {
    let pkg = dist.join("pkg");
    let assets = dist.join(hosting::HASHED_DIR);
    let mut wasm = Vec::new();
    let mut glue = Vec::new();
    for name in file_names(&pkg)? {
        // A name that already carries a hash is not wasm-bindgen's: hashing it again
        // would only stack hashes.
        if is_hashed_name(&name) {
            continue;
        }
        if name.ends_with(".wasm") {
            wasm.push(name);
        } else if name.ends_with(".js") {
            glue.push(name);
        }
    }
    if wasm.is_empty() {
        return Err(CliError::Failed(format!(
            "no WebAssembly in '{}': build the modules first",
            pkg.display()
        )));
    }
    // Old fingerprints would pile up, and a stale one could be served by mistake.
    match fs::remove_dir_all(&assets) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            return Err(failed("remove", &assets, e));
        }
        _ => {}
    }
    fs::create_dir_all(&assets).map_err(|e| failed("create", &assets, e))?;

    // The modules first: the glue names them, so its own hash depends on theirs.
    let mut renamed = Vec::new();
    for name in &wasm {
        let bytes = read(&pkg.join(name))?;
        renamed.push((name.clone(), write_hashed(&assets, name, &bytes)?));
    }
    for name in &glue {
        let text = read_text(&pkg.join(name))?;
        let text = replace_names(&text, &renamed, "");
        renamed.push((name.clone(), write_hashed(&assets, name, text.as_bytes())?));
    }

    // The module folders themselves name no module by its plain name.
    for file in files_under(dist, &[pkg.as_path(), assets.as_path()], &is_referrer)? {
        let text = read_text(&file)?;
        // `pkg/NAME` becomes `assets/HASHED`: the same depth, so relative links hold.
        let pointed = replace_names(&text, &renamed, "pkg/");
        if pointed != text {
            fs::write(&file, pointed).map_err(|e| failed("write", &file, e))?;
        }
    }
    Ok(renamed)
}

/// `viewer_bg.wasm` with the content hash: `viewer_bg.0123456789abcdef.wasm`.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest
        .iter()
        .take(HASH_DIGITS / 2)
        .map(|b| format!("{b:02x}"))
        .collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hex}.{ext}"),
        None => format!("{name}.{hex}"),
    }
}

/// Whether a file name carries a content hash as [`hashed_name`] writes it.
pub fn is_hashed_name(name: &str) -> bool {
    let mut parts = name.rsplit('.');
    let (Some(_ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && hash.len() == HASH_DIGITS
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn write_hashed(assets: &Path, name: &str, bytes: &[u8]) -> Result<String, CliError> {
    let hashed = hashed_name(name, bytes);
    let path = assets.join(&hashed);
    fs::write(&path, bytes).map_err(|e| failed("write", &path, e))?;
    Ok(hashed)
}

/// Replaces `{lead}NAME` by `assets/HASHED` (or NAME by HASHED when `lead` is empty)
/// wherever NAME stands as a whole name: after a quote, a slash, a space, `(` or `=`, and
/// before a quote, `?`, `#`, `)`, `>` or whitespace. `viewer.js` in `viewer.json` is left alone.
fn replace_names(text: &str, renamed: &[(String, String)], lead: &str) -> String {
    let mut out = text.to_string();
    for (from, to) in renamed {
        let needle = format!("{lead}{from}");
        let replacement = if lead.is_empty() {
            to.clone()
        } else {
            format!("{}/{to}", hosting::HASHED_DIR)
        };
        let mut result = String::with_capacity(out.len());
        let mut done = 0;
        for (at, _) in out.match_indices(&needle) {
            let before = out[..at].chars().next_back();
            let after = out[at + needle.len()..].chars().next();
            if before.is_none_or(|c| "\"'`/ (=".contains(c))
                && after.is_none_or(|c| "\"'`?#)> \n\t".contains(c))
            {
                result.push_str(&out[done..at]);
                result.push_str(&replacement);
                done = at + needle.len();
            }
        }
        result.push_str(&out[done..]);
        out = result;
    }
    out
}

/// The site's text files that may name a module: pages, scripts, styles and JSON.
fn is_referrer(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["html", "js", "mjs", "css", "json"].contains(&e))
}

/// The regular files directly in `dir`, by name.
fn file_names(dir: &Path) -> Result<Vec<String>, CliError> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| failed("read", dir, e))? {
        let entry = entry.map_err(|e| failed("read", dir, e))?;
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if let (true, Some(name)) = (is_file, entry.file_name().to_str()) {
            names.push(name.to_string());
        }
    }
    names.sort();
    Ok(names)
}

fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    fs::read(path).map_err(|e| failed("read", path, e))
}

fn read_text(path: &Path) -> Result<String, CliError> {
    fs::read_to_string(path).map_err(|e| failed("read", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_site(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "coalition-fingerprint-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("pkg")).expect("mkdir");
        fs::create_dir_all(dir.join("funding")).expect("mkdir");
        dir
    }

    #[test]
    fn names_carry_sixteen_hex_digits_of_the_content() {
        let a = hashed_name("viewer_bg.wasm", b"one");
        let b = hashed_name("viewer_bg.wasm", b"two");
        assert_ne!(a, b);
        assert!(a.starts_with("viewer_bg.") && a.ends_with(".wasm"), "{a}");
        assert!(is_hashed_name(&a), "{a}");
        for plain in [
            "viewer_bg.wasm",
            "viewer.js",
            "x.0123456789abcdeg.js",
            ".0123456789abcdef.js",
        ] {
            assert!(!is_hashed_name(plain), "{plain}");
        }
    }

    #[test]
    fn references_point_at_the_fingerprinted_files_and_a_second_run_agrees() {
        let dist = temp_site("refs");
        fs::write(dist.join("pkg/viewer_bg.wasm"), b"\0asm-viewer").expect("write");
        fs::write(
            dist.join("pkg/viewer.js"),
            "new URL('viewer_bg.wasm',import.meta.url)",
        )
        .expect("write");
        fs::write(
            dist.join("index.html"),
            "<link rel=\"modulepreload\" href=\"pkg/viewer.js\">\
             <link href=\"pkg/viewer_bg.wasm\"><a href=\"pkg/viewer.json\">",
        )
        .expect("write");
        fs::write(
            dist.join("main.js"),
            "import('./pkg/viewer.js');x('pkg/viewer_bg.wasm?v')",
        )
        .expect("write");
        fs::write(
            dist.join("funding/index.html"),
            "<script src=\"../pkg/viewer.js\"></script>",
        )
        .expect("write");

        let first = fingerprint(&dist).expect("fingerprint");
        let hashed = |name: &str| {
            first
                .iter()
                .find(|(from, _)| from == name)
                .map(|(_, to)| to.clone())
                .expect(name)
        };
        let (wasm, glue) = (hashed("viewer_bg.wasm"), hashed("viewer.js"));
        let glue_text = fs::read_to_string(dist.join("assets").join(&glue)).expect("glue");
        assert_eq!(glue_text, format!("new URL('{wasm}',import.meta.url)"));
        assert_eq!(glue, hashed_name("viewer.js", glue_text.as_bytes()));
        let index = fs::read_to_string(dist.join("index.html")).expect("index");
        assert!(
            index.contains(&format!("href=\"assets/{glue}\"")),
            "{index}"
        );
        assert!(
            index.contains(&format!("href=\"assets/{wasm}\"")),
            "{index}"
        );
        assert!(index.contains("pkg/viewer.json"), "{index}");
        let main = fs::read_to_string(dist.join("main.js")).expect("main");
        assert_eq!(
            main,
            format!("import('./assets/{glue}');x('assets/{wasm}?v')")
        );
        let page = fs::read_to_string(dist.join("funding/index.html")).expect("page");
        assert!(page.contains(&format!("../assets/{glue}")), "{page}");
        // pkg/ keeps its originals, unchanged.
        assert_eq!(
            fs::read_to_string(dist.join("pkg/viewer.js")).expect("pkg"),
            "new URL('viewer_bg.wasm',import.meta.url)"
        );

        // Again on the built folder: the same names, and no stale fingerprint left.
        fs::write(dist.join("assets/viewer.ffffffffffffffff.js"), "old").expect("write");
        let second = fingerprint(&dist).expect("again");
        assert_eq!(first, second);
        assert!(!dist.join("assets/viewer.ffffffffffffffff.js").exists());
        assert_eq!(
            fs::read_to_string(dist.join("main.js")).expect("main"),
            main,
            "a second run changes nothing"
        );
        let _ = fs::remove_dir_all(&dist);
    }

    #[test]
    fn a_site_without_modules_is_refused() {
        let dist = temp_site("empty");
        let err = fingerprint(&dist).expect_err("no wasm");
        assert!(err.to_string().contains("build the modules first"), "{err}");
        let _ = fs::remove_dir_all(&dist);
    }
}
