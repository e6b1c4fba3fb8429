//! `coalition site`: builds the static site. It copies the page's files and renders
//! `index.html` from its template with the embedded dataset, so every figure is in the HTML
//! before any script runs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use coalition_infographic::site::render_page;
use coalition_infographic::Dataset;

use crate::{Args, CliError};

/// This subcommand's lines in `coalition --help`.
pub const USAGE: &str = "  site WWW_DIR OUT_DIR
      Copy every file of WWW_DIR into OUT_DIR (created if needed; files already
      there, such as pkg/ from wasm-bindgen, are kept) and write OUT_DIR/index.html
      rendered from the template WWW_DIR/index.html with the embedded dataset.
";

/// Runs `site`.
pub fn run(args: &Args) -> Result<(), CliError> {
    args.only_options(&[])?;
    let [www, out] = args.positional.as_slice() else {
        return Err(CliError::Usage(
            "site needs exactly two arguments: WWW_DIR OUT_DIR".into(),
        ));
    };
    let (www, out) = (Path::new(www), Path::new(out));
    let failed = |what: &str, path: &Path, e: io::Error| {
        CliError::Failed(format!("cannot {what} '{}': {e}", path.display()))
    };

    let template_path = www.join("index.html");
    let template =
        fs::read_to_string(&template_path).map_err(|e| failed("read", &template_path, e))?;
    let data = Dataset::embedded()
        .map_err(|e| CliError::Failed(format!("the embedded dataset is invalid: {e}")))?;
    // Render before touching OUT_DIR, so a bad template leaves it as it was.
    let page = render_page(&template, &data).map_err(|e| {
        CliError::Failed(format!("cannot render '{}': {e}", template_path.display()))
    })?;

    let www_real = www.canonicalize().map_err(|e| failed("read", www, e))?;
    let out_real = resolve(out).map_err(|e| failed("read", out, e))?;
    // Copying a folder into itself would never end, and would overwrite the template.
    if out_real.starts_with(&www_real) {
        return Err(CliError::Failed(format!(
            "OUT_DIR '{}' must not be WWW_DIR or inside it",
            out.display()
        )));
    }
    copy_tree(www, out, true)?;
    let index = out.join("index.html");
    fs::write(&index, page).map_err(|e| failed("write", &index, e))?;
    println!("Wrote the site to {}", out.display());
    Ok(())
}

/// The absolute, symlink-free form of `path`, which need not exist yet: its nearest existing
/// ancestor is resolved and the rest appended.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            // `..` or a root that does not exist: let the later create report it.
            _ => return Ok(absolute),
        }
    }
    let mut real = existing.canonicalize()?;
    real.extend(rest.iter().rev());
    Ok(real)
}

/// Copies the files under `from` into `to`, merging with what `to` holds. The top-level
/// `index.html` is the template and is skipped; the rendered page replaces it.
fn copy_tree(from: &Path, to: &Path, top: bool) -> Result<(), CliError> {
    let failed = |what: &str, path: &Path, e: io::Error| {
        CliError::Failed(format!("cannot {what} '{}': {e}", path.display()))
    };
    fs::create_dir_all(to).map_err(|e| failed("create", to, e))?;
    for entry in fs::read_dir(from).map_err(|e| failed("read", from, e))? {
        let entry = entry.map_err(|e| failed("read", from, e))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        if top && entry.file_name() == "index.html" {
            continue;
        }
        // Follows symlinks, so a linked file is copied as a file.
        let meta = fs::metadata(&source).map_err(|e| failed("read", &source, e))?;
        if meta.is_dir() {
            if entry
                .file_type()
                .map_err(|e| failed("read", &source, e))?
                .is_symlink()
            {
                // A linked folder may point back up the tree and recurse forever.
                return Err(CliError::Failed(format!(
                    "cannot copy '{}': symbolic links to folders are not supported",
                    source.display()
                )));
            }
            copy_tree(&source, &target, false)?;
        } else {
            fs::copy(&source, &target).map_err(|e| failed("copy", &source, e))?;
        }
    }
    Ok(())
}
