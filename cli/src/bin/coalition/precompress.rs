//! `coalition precompress`: writes `FILE.gz` and `FILE.br` beside each text file of the built
//! site, at the strongest settings, so `coalition serve`, nginx (`gzip_static`,
//! `brotli_static`) and Caddy (`precompressed`) send the same bytes a CDN would, with no
//! compression work per request.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::hosting;
use crate::site_files::{failed, files_under};
use crate::{Args, CliError};

/// This subcommand's lines in `coalition --help`.
pub const USAGE: &str = "  precompress DIR
      Write FILE.gz (gzip, level 9) and FILE.br (brotli, quality 11) beside every
      HTML, JavaScript, CSS, JSON, CSV, SVG, text and WebAssembly file under DIR,
      replacing older ones; a variant that would not be smaller is not written.
";

/// Runs `precompress`.
pub fn run(args: &Args) -> Result<(), CliError> {
    args.only_options(&[])?;
    let [dir] = args.positional.as_slice() else {
        return Err(CliError::Usage("precompress needs exactly one DIR".into()));
    };
    let compressible = |path: &Path| hosting::type_of(path).is_some_and(|t| t.compress);
    let files = files_under(Path::new(dir), &[], &compressible)?;
    let (mut original, mut gzip, mut brotli) = (0u64, 0u64, 0u64);
    for file in &files {
        let bytes = fs::read(file).map_err(|e| failed("read", file, e))?;
        original += bytes.len() as u64;
        for (ext, packed) in [("gz", gzip_bytes(&bytes)), ("br", brotli_bytes(&bytes))] {
            let packed = packed.map_err(|e| failed("compress", file, e))?;
            let target = with_suffix(file, ext);
            let size = if packed.len() < bytes.len() {
                fs::write(&target, &packed).map_err(|e| failed("write", &target, e))?;
                packed.len()
            } else {
                // A stale variant would be served instead of the new file.
                match fs::remove_file(&target) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => {
                        return Err(failed("remove", &target, e))
                    }
                    _ => bytes.len(),
                }
            };
            *if ext == "gz" { &mut gzip } else { &mut brotli } += size as u64;
        }
    }
    println!(
        "Precompressed {} files in {dir}: {original} bytes, {gzip} gzip, {brotli} brotli",
        files.len()
    );
    Ok(())
}

/// `path` with `.ext` added to its name: `main.js` → `main.js.gz`.
fn with_suffix(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// gzip at level 9, as `gzip -9` makes it.
pub fn gzip_bytes(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// brotli at quality 11 with a 4 MB window, the strongest setting browsers decode.
pub fn brotli_bytes(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut encoder = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        encoder.write_all(bytes)?;
        encoder.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_encodings_read_back() {
        let text = "more than $22.2 billion ".repeat(200);
        let gz = gzip_bytes(text.as_bytes()).expect("gzip");
        let mut back = String::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_string(&mut back)
            .expect("gunzip");
        assert_eq!(back, text);
        let br = brotli_bytes(text.as_bytes()).expect("brotli");
        let mut back = String::new();
        brotli::Decompressor::new(br.as_slice(), 4096)
            .read_to_string(&mut back)
            .expect("unbrotli");
        assert_eq!(back, text);
        assert!(br.len() < text.len() / 10 && gz.len() < text.len() / 10);
    }

    #[test]
    fn only_text_and_wasm_are_compressed_and_stale_variants_go() {
        let dir =
            std::env::temp_dir().join(format!("coalition-precompress-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("pkg")).expect("mkdir");
        let big = "<p>figure</p>\n".repeat(100);
        fs::write(dir.join("index.html"), &big).expect("write");
        fs::write(dir.join("pkg/app_bg.wasm"), big.repeat(3)).expect("write");
        fs::write(dir.join("preview.png"), &big).expect("write");
        fs::write(dir.join("tiny.js"), "1").expect("write");
        fs::write(dir.join("tiny.js.gz"), "stale").expect("write");
        let args = Args {
            positional: vec![dir.to_string_lossy().into_owned()],
            options: vec![],
        };
        run(&args).expect("precompress");
        for written in ["index.html.gz", "index.html.br", "pkg/app_bg.wasm.br"] {
            assert!(dir.join(written).is_file(), "{written}");
        }
        for absent in [
            "preview.png.gz",
            "tiny.js.gz",
            "tiny.js.br",
            "index.html.gz.gz",
        ] {
            assert!(!dir.join(absent).exists(), "{absent}");
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
