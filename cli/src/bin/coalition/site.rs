//! `coalition site`: builds the static site. It copies the page's files and writes each page
//! once from its template, `www/index.html`, with the embedded dataset (the front page and a
//! page per chart), so every figure is in the HTML before any script runs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use coalition_cli::oembed;
use coalition_cli::previews::{self, BaseUrl, DEFAULT_BASE_URL};
use coalition_cli::site::{script_words_json, script_words_path, Site, SiteError, Template};
use coalition_cli::source_page;
use coalition_cli::versions;
use coalition_infographic::data::SOURCE_TEXT;
use coalition_infographic::i18n::Lang;
use coalition_infographic::view::ChartKind;
use coalition_infographic::Dataset;

use crate::{Args, CliError};

/// This subcommand's lines in `coalition --help`.
pub const USAGE: &str = "  site WWW_DIR OUT_DIR
      Copy every file of WWW_DIR into OUT_DIR (created if needed; files already
      there, such as pkg/ from wasm-bindgen, are kept) and write OUT_DIR/index.html
      rendered from the template WWW_DIR/index.html with the embedded dataset.
      Also writes a page per chart, OUT_DIR/CHART/index.html, which opens that
      chart and carries its link-preview tags; their URLs are made absolute
      against the environment variable BASE_URL, the address the site is
      published at (default http://127.0.0.1:8080/; it must end in '/').
      The preview pictures come from `coalition render all --png
      'OUT_DIR/{chart}/preview.png' --width 1200 --height 630`.
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
    let cannot_render = |e: SiteError| {
        CliError::Failed(format!("cannot render '{}': {e}", template_path.display()))
    };
    let template = Template::parse(&template).map_err(cannot_render)?;
    let data = Dataset::embedded()
        .map_err(|e| CliError::Failed(format!("the embedded dataset is invalid: {e}")))?;
    // Render before touching OUT_DIR, so a bad template leaves it as it was.
    let (page, chart_pages) = pages(&template, &data, &template_path)?;

    let www_real = www.canonicalize().map_err(|e| failed("read", www, e))?;
    let out_real = resolve(out).map_err(|e| failed("read", out, e))?;
    // Copying a folder into itself would never end, and would overwrite the template.
    if out_real.starts_with(&www_real) {
        return Err(CliError::Failed(format!(
            "OUT_DIR '{}' must not be WWW_DIR or inside it",
            out.display()
        )));
    }
    // Everything that can refuse is checked before the first file is written, so a refusal
    // leaves OUT_DIR as it was.
    check_no_links(www, true)?;
    if out.exists() {
        check_no_links(out, false)?;
    }
    copy_tree(www, out, true)?;
    let index = out.join("index.html");
    fs::write(&index, page).map_err(|e| failed("write", &index, e))?;
    for (path, bytes) in chart_pages {
        let file = out.join(path);
        if let Some(dir) = file.parent() {
            fs::create_dir_all(dir).map_err(|e| failed("create", dir, e))?;
        }
        fs::write(&file, bytes).map_err(|e| failed("write", &file, e))?;
    }
    println!("Wrote the site to {}", out.display());
    Ok(())
}

/// The front page, and every other file the site is built with: `(path relative to OUT_DIR,
/// contents)`, such as `funding/index.html`, `oembed/funding.json` and `v/2026-12-01/`.
type Pages = (String, Vec<(String, Vec<u8>)>);

/// The front page with its link-preview tags, a page per chart, and the files they show and
/// link to, each page written once from `template`. The base URL comes from the environment
/// and is checked before anything is written, so a typo fails the build instead of shipping
/// broken previews.
fn pages(template: &Template, data: &Dataset, template_path: &Path) -> Result<Pages, CliError> {
    let value = match std::env::var("BASE_URL") {
        Ok(value) => value,
        Err(std::env::VarError::NotPresent) => DEFAULT_BASE_URL.to_string(),
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(CliError::Failed("BASE_URL is not valid UTF-8".into()))
        }
    };
    let base = BaseUrl::parse(&value).map_err(|e| CliError::Failed(format!("BASE_URL: {e}")))?;
    let versioned = |e: versions::VersionError| {
        CliError::Failed(format!("cannot write the dataset's versions: {e}"))
    };
    let log = versions::Changelog::embedded().map_err(versioned)?;
    // Each chart drawn in, so that it shows at first paint and without JavaScript.
    let (drawn, drawings) = previews::draw_all(data).map_err(|e| {
        CliError::Failed(format!(
            "cannot draw the charts into '{}': {e}",
            template_path.display()
        ))
    })?;
    // Beside the template; a site without one links none.
    let icon = template_path
        .parent()
        .and_then(|www| fs::read_to_string(www.join("favicon.svg")).ok());
    let site = Site {
        data,
        version_page: versions::version_path(&log.current().version),
        drawings,
        icon,
    };
    let failed = |e: previews::PreviewError| {
        CliError::Failed(format!(
            "cannot make the chart pages from '{}': {e}",
            template_path.display()
        ))
    };
    let render = |page| {
        template.render(&site, &page).map_err(|e| {
            CliError::Failed(format!("cannot render '{}': {e}", template_path.display()))
        })
    };
    let mut files = Vec::new();
    for lang in Lang::ALL {
        for kind in ChartKind::ALL {
            let page = previews::chart_page_in(data, kind, &base, lang).map_err(failed)?;
            files.push((
                format!("{}index.html", previews::chart_path_in(kind, lang)),
                render(page)?,
            ));
        }
        if lang != Lang::En {
            let page = previews::front_page_in(data, &base, lang).map_err(failed)?;
            files.push((format!("{}index.html", lang.folder()), render(page)?));
        }
        // "Reuse this work" in the page's language, which the page shows from these words.
        let reuse =
            serde_json::to_value(versions::reuse(&log.current().version, lang)).unwrap_or_default();
        files.push((
            script_words_path(lang),
            script_words_json(lang, vec![("reuse", reuse)]),
        ));
    }
    files.extend(
        oembed::answers(data, &base)
            .map_err(|e| CliError::Failed(format!("cannot write the oEmbed answers: {e}")))?,
    );
    let source = source_page::source_page(data, SOURCE_TEXT)
        .map_err(|e| CliError::Failed(format!("cannot write the annotated source: {e}")))?;
    files.push(("source/index.html".to_string(), source));
    let page = render(previews::front_page(data, &base).map_err(failed)?)?;
    files.push((
        "cite.json".to_string(),
        versions::citations_json(data, &log, &base),
    ));
    let mut files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .collect();
    files.extend(versions::site_files(&log, &base).map_err(versioned)?);
    files.extend(drawn);
    files.extend(
        oembed::email_images(data)
            .map_err(|e| CliError::Failed(format!("cannot draw the email pictures: {e}")))?,
    );
    Ok((page, files))
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

/// Refuses a symbolic link inside `dir` before anything is copied. In WWW_DIR a linked
/// folder may lead back up the tree (linked files are copied as files); in OUT_DIR any link
/// would be written through, to wherever it points.
fn check_no_links(dir: &Path, files_allowed: bool) -> Result<(), CliError> {
    let failed = |path: &Path, e: io::Error| {
        CliError::Failed(format!("cannot read '{}': {e}", path.display()))
    };
    for entry in fs::read_dir(dir).map_err(|e| failed(dir, e))? {
        let entry = entry.map_err(|e| failed(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| failed(&path, e))?;
        if kind.is_symlink() {
            let points_to_folder = fs::metadata(&path).is_ok_and(|m| m.is_dir());
            if files_allowed && !points_to_folder {
                continue;
            }
            let what = if files_allowed {
                "symbolic links to folders are not supported in WWW_DIR"
            } else {
                "OUT_DIR must hold no symbolic links, which site would write through"
            };
            return Err(CliError::Failed(format!(
                "cannot build the site: '{}' is a symbolic link; {what}. Nothing was written",
                path.display()
            )));
        }
        if kind.is_dir() {
            check_no_links(&path, files_allowed)?;
        }
    }
    Ok(())
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
