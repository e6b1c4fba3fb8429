//! Runs the real `coalition render` binary: every chart to PNG and SVG files, checked by
//! decoding them; bad charts, options and sizes fail with a message that names them. And the
//! link-preview pages `coalition site` writes, under a given `BASE_URL`.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use coalition_infographic::charts::ChartSpec;
use coalition_infographic::format::figure_value;
use coalition_infographic::html::escape_html;
use coalition_infographic::view::ChartKind;
use coalition_infographic::Dataset;

/// A temp dir removed even when an assertion fails; `name` keeps parallel tests apart.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("coalition-render-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn path(&self, file: &str) -> String {
        self.0.join(file).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn render(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coalition"))
        .arg("render")
        .args(args)
        .output()
        .expect("run coalition render")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A decoded PNG: size and RGB(A) pixels.
struct Png {
    width: u32,
    height: u32,
    channels: usize,
    pixels: Vec<u8>,
}

fn decode_png(path: &Path) -> Png {
    let file = fs::File::open(path).expect("PNG written");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut pixels).expect("PNG pixels decode");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected colour type {other:?}"),
    };
    pixels.truncate(info.buffer_size());
    Png {
        width: info.width,
        height: info.height,
        channels,
        pixels,
    }
}

impl Png {
    fn rgb(&self, x: u32, y: u32) -> (u8, u8, u8) {
        let i = (y as usize * self.width as usize + x as usize) * self.channels;
        (self.pixels[i], self.pixels[i + 1], self.pixels[i + 2])
    }

    fn distinct_colours(&self) -> usize {
        self.pixels
            .chunks(self.channels)
            .map(|p| (p[0], p[1], p[2]))
            .collect::<HashSet<_>>()
            .len()
    }

    /// Share of pixels that differ from the top-left (background) pixel.
    fn ink(&self) -> f64 {
        let bg = self.rgb(0, 0);
        let inked = self
            .pixels
            .chunks(self.channels)
            .filter(|p| (p[0], p[1], p[2]) != bg)
            .count();
        inked as f64 / f64::from(self.width * self.height)
    }

    /// Rows with any pixel unlike the background.
    fn inked_rows(&self) -> (u32, u32) {
        let bg = self.rgb(0, 0);
        let rows: Vec<u32> = (0..self.height)
            .filter(|&y| (0..self.width).any(|x| self.rgb(x, y) != bg))
            .collect();
        (rows[0], rows[rows.len() - 1])
    }
}

fn data() -> Dataset {
    Dataset::embedded().expect("the embedded dataset is valid")
}

#[test]
fn renders_every_chart_to_png_and_svg_at_the_requested_size() {
    let tmp = TempDir::new("all");
    let output = render(&[
        "all",
        "--png",
        &tmp.path("png/{chart}.png"),
        "--svg",
        &tmp.path("svg/{chart}.svg"),
        "--width",
        "1200",
        "--height",
        "630",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let data = data();
    for kind in ChartKind::ALL {
        let id = kind.id();
        let png = decode_png(&tmp.0.join(format!("png/{id}.png")));
        assert_eq!((png.width, png.height), (1200, 630), "{id}");
        // Text, bars, gridlines and anti-aliased edges: far from a blank or flat picture.
        assert!(
            png.distinct_colours() > 100,
            "{id}: {} colours",
            png.distinct_colours()
        );
        let ink = png.ink();
        assert!(
            (0.04..0.6).contains(&ink),
            "{id}: {ink:.3} of the pixels inked"
        );
        // The chart fills the card: drawn from near the top to near the bottom.
        let (top, bottom) = png.inked_rows();
        assert!(
            top < 80 && bottom > 630 - 80,
            "{id}: ink from row {top} to {bottom}"
        );

        let svg = fs::read_to_string(tmp.0.join(format!("svg/{id}.svg"))).expect("SVG written");
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{id}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("width"), Some("1200"));
        assert_eq!(root.attribute("height"), Some("630"));
        let text: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join(" ");
        let spec = ChartSpec::of(kind);
        for figure in spec.figures.iter().map(|f| data.figure(f).expect("figure")) {
            let value = figure_value(figure);
            assert!(text.contains(&value), "{id}: '{value}' is not in the SVG");
        }
        // A long title wraps over several lines: compare the words.
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words(&text).contains(&words(spec.title)), "{id}: the title");
    }
}

#[test]
fn a_png_without_height_takes_the_natural_height_and_scales_with_the_pixel_ratio() {
    let tmp = TempDir::new("natural");
    let one = tmp.path("one.png");
    let two = tmp.path("two.png");
    for (file, ratio) in [(&one, "1"), (&two, "2")] {
        let output = render(&[
            "liberation",
            "--png",
            file,
            "--width",
            "640",
            "--pixel-ratio",
            ratio,
            "--theme",
            "dark",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains(file.as_str()), "{stdout}");
    }
    let (one, two) = (decode_png(Path::new(&one)), decode_png(Path::new(&two)));
    assert_eq!(one.width, 640);
    assert!(one.height > 200, "natural height {}", one.height);
    assert_eq!((two.width, two.height), (1280, one.height * 2));
    // Dark theme: a dark background.
    let (r, g, b) = one.rgb(0, 0);
    assert!(
        u32::from(r) + u32::from(g) + u32::from(b) < 150,
        "{:?}",
        (r, g, b)
    );
}

#[test]
fn the_same_command_gives_the_same_bytes() {
    let tmp = TempDir::new("same");
    let (a, b) = (tmp.path("a.png"), tmp.path("b.png"));
    for file in [&a, &b] {
        let output = render(&["returns", "--png", file, "--width", "500"]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert_eq!(fs::read(&a).expect("a"), fs::read(&b).expect("b"));
}

#[test]
fn the_log_scale_is_drawn_when_asked() {
    let tmp = TempDir::new("log");
    let (linear, log) = (tmp.path("linear.svg"), tmp.path("log.svg"));
    for (file, scale) in [(&linear, "linear"), (&log, "log")] {
        let output = render(&["funding", "--svg", file, "--scale", scale]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let (linear, log) = (
        fs::read_to_string(&linear).expect("linear"),
        fs::read_to_string(&log).expect("log"),
    );
    assert_ne!(linear, log);
    assert!(log.contains("log"), "the log axis says so");
}

#[test]
fn a_chart_is_drawn_in_the_language_asked_for() {
    let tmp = TempDir::new("lang");
    let (fr, ar) = (tmp.path("fr.svg"), tmp.path("ar.svg"));
    let png = tmp.path("ar.png");
    for (file, lang) in [(&fr, "fr"), (&ar, "ar")] {
        let output = render(&["funding", "--svg", file, "--lang", lang]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let fr = fs::read_to_string(&fr).expect("fr");
    assert!(
        fr.contains("plus de 22,2 milliards de dollars"),
        "French numbers"
    );
    let ar = fs::read_to_string(&ar).expect("ar");
    assert!(ar.contains("أكثر من ٢٢٫٢ مليار دولار"), "Arabic numbers");
    assert!(ar.contains('\u{2067}'), "right-to-left runs");
    // The Arabic PNG draws: Noto Sans Arabic is embedded for its letters.
    let output = render(&["funding", "--png", &png, "--lang", "ar", "--width", "480"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let picture = decode_png(Path::new(&png));
    assert_eq!(picture.width, 480);
    let output = render(&["funding", "--svg", &tmp.path("x.svg"), "--lang", "de"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--lang must be en, fr or ar, not 'de'"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_input_is_a_clear_error_and_a_failing_exit() {
    let tmp = TempDir::new("bad");
    let out = tmp.path("x.png");
    let cases: &[(&[&str], &str)] = &[
        (&["bogus", "--png", &out], "unknown chart 'bogus'"),
        (&["funding"], "--png FILE, --svg FILE or both"),
        (&[], "exactly one chart"),
        (
            &["funding", "liberation", "--png", &out],
            "exactly one chart",
        ),
        (
            &["funding", "--png", &out, "--colour", "red"],
            "unknown option '--colour'",
        ),
        (
            &["funding", "--png", &out, "--width", "wide"],
            "--width must be a whole number",
        ),
        (
            &["funding", "--png", &out, "--width", "100"],
            "the width must be from 240 to 4000",
        ),
        (
            &["funding", "--png", &out, "--width", "99999"],
            "the width must be from 240 to 4000",
        ),
        (
            &["funding", "--png", &out, "--height", "-5"],
            "--height must be a whole number",
        ),
        (
            &["funding", "--png", &out, "--height", "20"],
            "the height must be from 120",
        ),
        (
            &["funding", "--png", &out, "--height", "130"],
            "needs a height of at least",
        ),
        (
            &["funding", "--png", &out, "--pixel-ratio", "0.5"],
            "--pixel-ratio must be a number from 1 to 4, not '0.5'",
        ),
        (
            &["funding", "--png", &out, "--pixel-ratio", "NaN"],
            "--pixel-ratio must be a number",
        ),
        (
            &["funding", "--png", &out, "--theme", "pink"],
            "--theme must be light or dark",
        ),
        (
            &[
                "funding",
                "--png",
                &out,
                "--width",
                "4000",
                "--height",
                "4000",
                "--pixel-ratio",
                "4",
            ],
            "at most 64 million pixels",
        ),
        (
            &["funding", "--png", &out, "--scale", "cubic"],
            "--scale must be linear or log",
        ),
        (&["all", "--png", &out], "must contain {chart}"),
        (&["funding", "--png"], "needs a value"),
    ];
    for (args, message) in cases {
        let output = render(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        let err = stderr(&output);
        assert!(
            err.contains(message),
            "{args:?}: expected '{message}' in: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    assert!(
        !tmp.0.join("x.png").exists(),
        "nothing written on a usage error"
    );

    // An unwritable destination is a failure (exit 1) that names the path.
    let blocker = tmp.path("file");
    fs::write(&blocker, "not a folder").expect("write");
    let target = format!("{blocker}/x.png");
    let output = render(&["funding", "--png", &target]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains(&blocker), "{}", stderr(&output));
}

#[test]
fn help_documents_every_option() {
    let output = Command::new(env!("CARGO_BIN_EXE_coalition"))
        .args(["render", "--help"])
        .output()
        .expect("run");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for option in [
        "render CHART",
        "--png FILE",
        "--svg FILE",
        "--width PX",
        "--height PX",
        "--pixel-ratio N",
        "--theme",
        "--scale",
        "{chart}",
        "funding, liberation, returns",
    ] {
        assert!(help.contains(option), "--help lacks {option}");
    }
}

fn site(out: &Path, base_url: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_coalition"));
    command
        .arg("site")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../www"))
        .arg(out);
    match base_url {
        Some(url) => command.env("BASE_URL", url),
        None => command.env_remove("BASE_URL"),
    };
    command.output().expect("run coalition site")
}

/// The `content` of `<meta {attr}="{name}" …>` in `html`.
fn meta<'a>(html: &'a str, attr: &str, name: &str) -> &'a str {
    let start = format!("<meta {attr}=\"{name}\" content=\"");
    let from = html
        .find(&start)
        .unwrap_or_else(|| panic!("no {attr}={name}"))
        + start.len();
    &html[from..from + html[from..].find('"').expect("closing quote")]
}

#[test]
fn chart_pages_carry_preview_tags_under_the_base_url() {
    let tmp = TempDir::new("site");
    let out = tmp.0.join("dist");
    let base = "https://example.org/coalition/";
    let output = site(&out, Some(base));
    assert!(output.status.success(), "{}", stderr(&output));
    for kind in ChartKind::ALL {
        let id = kind.id();
        let html = fs::read_to_string(out.join(id).join("index.html")).expect("chart page");
        let head = &html[..html.find("</head>").expect("head")];
        let page_url = format!("{base}{id}/");
        assert!(
            head.contains(&format!("<link rel=\"canonical\" href=\"{page_url}\">")),
            "{id}: canonical"
        );
        assert_eq!(meta(head, "property", "og:url"), page_url);
        assert_eq!(
            meta(head, "property", "og:image"),
            format!("{page_url}preview.png")
        );
        // X falls back to og:image, og:title and og:description.
        for name in ["twitter:image", "twitter:title", "twitter:description"] {
            assert!(
                !head.contains(&format!("name=\"{name}\"")),
                "{id}: {name} repeats an Open Graph tag"
            );
        }
        assert_eq!(
            meta(head, "name", "twitter:image:alt"),
            meta(head, "property", "og:image:alt")
        );
        assert_eq!(meta(head, "name", "twitter:card"), "summary_large_image");
        assert_eq!(
            meta(head, "property", "og:title"),
            escape_html(ChartSpec::of(kind).title)
        );
        let lead = data()
            .figure(ChartSpec::of(kind).figures[0])
            .map(figure_value)
            .expect("lead figure");
        let description = meta(head, "property", "og:description");
        assert!(
            description.to_lowercase().starts_with(&escape_html(&lead)),
            "{id}: '{description}' should lead with '{lead}'"
        );
        assert_eq!(meta(head, "name", "description"), description);
        assert!(!meta(head, "property", "og:image:alt").is_empty());
        assert!(html.contains(&format!("data-default-chart=\"{id}\"")));
        assert!(html.contains("href=\"../style.css\""));
    }
    let front = fs::read_to_string(out.join("index.html")).expect("front page");
    assert_eq!(meta(&front, "property", "og:url"), base);
    assert!(meta(&front, "property", "og:image").starts_with(base));
}

#[test]
fn the_base_url_defaults_to_the_local_server_and_is_checked() {
    let tmp = TempDir::new("base");
    let out = tmp.0.join("dist");
    let output = site(&out, None);
    assert!(output.status.success(), "{}", stderr(&output));
    let html = fs::read_to_string(out.join("funding/index.html")).expect("chart page");
    assert_eq!(
        meta(&html, "property", "og:image"),
        "http://127.0.0.1:8080/funding/preview.png"
    );

    let out = tmp.0.join("refused");
    for (bad, why) in [
        ("example.org/", "http:// or https://"),
        ("https://example.org/coalition", "end in '/'"),
        ("https://example.org/a b/", "space"),
    ] {
        let output = site(&out, Some(bad));
        assert_eq!(output.status.code(), Some(1), "{bad}");
        let err = stderr(&output);
        assert!(
            err.contains("BASE_URL") && err.contains(why),
            "{bad}: {err}"
        );
        assert!(!out.exists(), "{bad}: nothing written");
    }
}
