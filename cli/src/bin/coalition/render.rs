//! `coalition render`: draws charts to PNG and SVG files with the same code as the page's
//! canvas, for newsletters, print, reports and the site's link previews.

use std::fs;
use std::path::{Component, Path, PathBuf};

use coalition_cli::picture::{self, PictureError, MAX_PIXEL_RATIO};
use coalition_infographic::charts::Theme;
use coalition_infographic::view::{ChartKind, Lang, ScaleKind, View};
use coalition_infographic::Dataset;

use crate::{Args, CliError};

/// This subcommand's lines in `coalition --help`.
pub const USAGE: &str = "  render CHART [--png FILE] [--svg FILE] [--width PX] [--height PX]
         [--pixel-ratio N] [--theme light|dark] [--scale linear|log]
         [--lang en|fr|ar]
      Draw a chart to a PNG file, an SVG file or both, with the same code as the
      page's canvas. CHART is funding, liberation, returns, or all; with all,
      each FILE must contain {chart}, which becomes each chart's name.
      Missing folders in FILE are created.
      --png FILE        write a PNG; its text is set in the embedded Liberation
                        Sans, so it is the same on every machine
      --svg FILE        write an SVG (it names the font Arial, Liberation Sans,
                        Helvetica, sans-serif; the viewer draws the text)
      --width PX        width in CSS pixels, 240 to 4000 (default 960)
      --height PX       height in CSS pixels, 120 to 4000. The chart is enlarged
                        (up to 2x) or reduced (down to 0.5x) to fill it as far as
                        it fits, and centred. Default: the chart's own height at
                        that width
      --pixel-ratio N   PNG pixels per CSS pixel, 1 to 4, decimals allowed
                        (default 1; 2 for print and sharp HiDPI screens)
      --theme T         light (default) or dark
      --scale S         the funding chart's axis: linear (default) or log
      --lang L          the chart's language: en (default), fr or ar (unofficial
                        translations; Arabic is drawn right to left)
      Example: coalition render funding --png funding.png --width 1200 --height 630
";

/// Default width in CSS pixels: the page's chart at a desktop window's size.
const DEFAULT_WIDTH: u32 = 960;

/// What `{chart}` in a file name stands for.
const PLACEHOLDER: &str = "{chart}";

/// Runs `render`.
pub fn run(args: &Args) -> Result<(), CliError> {
    args.only_options(&[
        "png",
        "svg",
        "width",
        "height",
        "pixel-ratio",
        "theme",
        "scale",
        "lang",
    ])?;
    let [chart] = args.positional.as_slice() else {
        return Err(CliError::Usage(
            "render needs exactly one chart: funding, liberation, returns or all".into(),
        ));
    };
    let kinds: Vec<ChartKind> = if chart == "all" {
        ChartKind::ALL.to_vec()
    } else {
        vec![ChartKind::from_id(chart).ok_or_else(|| {
            CliError::Usage(format!(
                "unknown chart '{chart}': choose funding, liberation, returns or all"
            ))
        })?]
    };
    let png = args.option("png");
    let svg = args.option("svg");
    if png.is_none() && svg.is_none() {
        return Err(CliError::Usage(
            "render needs somewhere to write: --png FILE, --svg FILE or both".into(),
        ));
    }
    if let (Some(png), Some(svg)) = (png, svg) {
        // Each chart's pair of files, checked before anything is written.
        for kind in &kinds {
            let (png_file, svg_file) = (
                png.replace(PLACEHOLDER, kind.id()),
                svg.replace(PLACEHOLDER, kind.id()),
            );
            if same_file(&png_file, &svg_file) {
                return Err(CliError::Usage(format!(
                    "--png and --svg both name '{}': the second file would replace the first; \
                     give each its own name",
                    shortened(png)
                )));
            }
        }
    }
    if kinds.len() > 1 {
        for (option, path) in [("png", png), ("svg", svg)] {
            if let Some(path) = path.filter(|p| !p.contains(PLACEHOLDER)) {
                return Err(CliError::Usage(format!(
                    "with all charts, --{option} must contain {PLACEHOLDER} so each chart gets \
                     its own file (for example 'out/{PLACEHOLDER}.{option}'), not '{path}'"
                )));
            }
        }
    }
    let width = match args.option("width") {
        Some(value) => whole("width", value)?,
        None => DEFAULT_WIDTH,
    };
    let height = args
        .option("height")
        .map(|value| whole("height", value))
        .transpose()?;
    // Checked here, so the message repeats what was typed (shortened), not a float
    // printed in full: `1e-300` would be 300 digits.
    let pixel_ratio = match args.option("pixel-ratio") {
        Some(value) => value
            .parse::<f64>()
            .ok()
            .filter(|r| (1.0..=MAX_PIXEL_RATIO).contains(r))
            .ok_or_else(|| {
                CliError::Usage(format!(
                    "--pixel-ratio must be a number from 1 to {MAX_PIXEL_RATIO}, not '{}'",
                    shortened(value)
                ))
            })?,
        None => 1.0,
    };
    let theme = match args.option("theme").unwrap_or("light") {
        "light" => Theme::LIGHT,
        "dark" => Theme::DARK,
        other => {
            return Err(CliError::Usage(format!(
                "--theme must be light or dark, not '{other}'"
            )))
        }
    };
    let scale = match args.option("scale") {
        Some(value) => ScaleKind::from_id(value).ok_or_else(|| {
            CliError::Usage(format!("--scale must be linear or log, not '{value}'"))
        })?,
        None => ScaleKind::default(),
    };
    let lang = match args.option("lang") {
        Some(value) => Lang::from_id(value).ok_or_else(|| {
            CliError::Usage(format!(
                "--lang must be en, fr or ar, not '{}'",
                shortened(value)
            ))
        })?,
        None => Lang::default(),
    };

    let data = Dataset::embedded()
        .map_err(|e| CliError::Failed(format!("the embedded dataset is invalid: {e}")))?;
    for kind in kinds {
        let view = View {
            chart: kind,
            scale,
            lang,
            ..View::default()
        };
        let placement = picture::place(&data, &view, kind, width, height).map_err(failed)?;
        let (w, h) = placement.frame;
        if let Some(path) = png {
            let bytes = picture::render_png(&data, &view, kind, theme, &placement, pixel_ratio)
                .map_err(failed)?;
            let path = path.replace(PLACEHOLDER, kind.id());
            write(Path::new(&path), &bytes)?;
            let (pw, ph) = (
                (f64::from(w) * pixel_ratio).round(),
                (f64::from(h) * pixel_ratio).round(),
            );
            println!("Wrote {path} ({pw}×{ph} pixels)");
        }
        if let Some(path) = svg {
            let text = picture::render_svg_placed(&data, &view, kind, theme, &placement)
                .map_err(failed)?;
            let path = path.replace(PLACEHOLDER, kind.id());
            write(Path::new(&path), text.as_bytes())?;
            println!("Wrote {path} ({w}×{h})");
        }
    }
    Ok(())
}

/// Whether two file names lead to one file: the same path once `.` and `..` are
/// resolved, or the same destination once the symbolic links on the way are followed
/// (a linked folder, or a link that names the other file even before it is written).
fn same_file(a: &str, b: &str) -> bool {
    match (lexical(Path::new(a)), lexical(Path::new(b))) {
        (Some(x), Some(y)) if x == y => true,
        (Some(x), Some(y)) => {
            matches!((destination(x), destination(y)), (Some(x), Some(y)) if x == y)
        }
        _ => false,
    }
}

/// `path` made absolute, with `.` and `..` resolved as written.
fn lexical(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// Where writing to `path` (absolute, as [`lexical`] gives) puts the bytes: the deepest
/// folder of it that exists, links resolved, then the rest; and if that names a symbolic
/// link, wherever the link points, followed again. None for a loop of links.
fn destination(mut path: PathBuf) -> Option<PathBuf> {
    // The most links the kernel follows in one path (Linux's MAXSYMLINKS).
    for _ in 0..40 {
        let full = path.ancestors().find_map(|folder| {
            let rest = path.strip_prefix(folder).ok()?;
            Some(folder.canonicalize().ok()?.join(rest))
        })?;
        match fs::read_link(&full) {
            Ok(target) => path = lexical(&full.parent()?.join(target))?,
            Err(_) => return Some(full),
        }
    }
    None
}

/// What the user typed, cut to 40 characters with control characters escaped, for a
/// message that stays one short line.
fn shortened(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(40)
        .flat_map(char::escape_debug)
        .collect();
    if value.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// A whole number of pixels, or a usage error naming the option.
fn whole(option: &str, value: &str) -> Result<u32, CliError> {
    value.parse().map_err(|_| {
        CliError::Usage(format!(
            "--{option} must be a whole number of pixels, not '{value}'"
        ))
    })
}

/// Sizes out of range are the caller's mistake; the rest are failures.
fn failed(e: PictureError) -> CliError {
    match e {
        PictureError::Size { .. } | PictureError::TooShort { .. } => CliError::Usage(e.to_string()),
        _ => CliError::Failed(e.to_string()),
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .map_err(|e| CliError::Failed(format!("cannot create '{}': {e}", parent.display())))?;
    }
    fs::write(path, bytes)
        .map_err(|e| CliError::Failed(format!("cannot write '{}': {e}", path.display())))
}
