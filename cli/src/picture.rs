//! Charts as image files of a chosen size: SVG through plotters' SVG backend, drawn by the
//! same chart code as the page's canvas, and PNG rasterised from that same SVG by resvg.
//!
//! PNG text is set in the embedded Liberation Sans (metric-compatible with Arial, which the
//! layout assumes), the only face the rasteriser is given: no system font is loaded, so a PNG
//! is the same on every machine whatever fonts it has.
//!
//! A chart has a natural height for each width. When the image is given a fixed height too
//! (a 1200×630 link preview, say), [`place`] zooms the chart so that it fills the image as far
//! as it can without cropping, and centres it: the text then grows with the picture instead of
//! leaving a blank band under a small chart.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use thiserror::Error;

use coalition_infographic::charts::theme::Rgb;
use coalition_infographic::charts::{self, ChartError, Theme};
use coalition_infographic::data::Dataset;
use coalition_infographic::lang::is_arabic_script;
use coalition_infographic::svg::render_svg;
use coalition_infographic::view::{ChartKind, View};

/// Liberation Sans 2.1.5, SIL Open Font License 1.1 (`assets/fonts/OFL.txt`).
const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
/// Its bold face.
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");
/// The family name both faces carry; every generic family (and so every fallback) maps to it.
const FAMILY: &str = "Liberation Sans";
/// Noto Sans Arabic, SIL Open Font License 1.1 (`assets/fonts/OFL-Noto.txt`): the Arabic
/// charts' letters, which Liberation Sans lacks. usvg falls back to it, shaping each word.
const ARABIC_REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");
/// Its bold face.
const ARABIC_BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf");
/// The family name the Arabic faces carry.
const ARABIC_FAMILY: &str = "Noto Sans Arabic";

/// Narrowest image, in CSS pixels: below it the charts' labels no longer fit.
pub const MIN_WIDTH: u32 = 240;
/// Widest or tallest image, in CSS pixels.
pub const MAX_SIDE: u32 = 4000;
/// Shortest fixed height, in CSS pixels.
pub const MIN_HEIGHT: u32 = 120;
/// Largest pixel ratio (device pixels per CSS pixel).
pub const MAX_PIXEL_RATIO: f64 = 4.0;
/// Most pixels in one PNG: 8000 × 8000, a 256 MB RGBA buffer while it is drawn and 192 MB
/// more for its RGB copy.
pub const MAX_PIXELS: u64 = 64_000_000;

/// The most a chart is enlarged to fill a fixed height; beyond it a chart looks like a poster
/// of itself.
const MAX_ZOOM: f64 = 2.0;
/// The least: smaller text stops being readable.
const MIN_ZOOM: f64 = 0.5;
/// Zooms tried between the two.
const ZOOM_STEP: f64 = 0.01;

/// Why a picture could not be made.
#[derive(Debug, Error)]
pub enum PictureError {
    /// The chart could not be drawn.
    #[error(transparent)]
    Chart(#[from] ChartError),
    /// A size or pixel ratio outside the supported range.
    #[error("{what} must be {allowed}, not {got}")]
    Size {
        /// Which setting.
        what: &'static str,
        /// The allowed range, in words.
        allowed: String,
        /// The value given.
        got: String,
    },
    /// The chart cannot fit the requested height even at the smallest zoom.
    #[error(
        "the {chart} chart does not fit in {width}×{height}: at that width it needs a height of at least {needs}"
    )]
    TooShort {
        /// Chart id.
        chart: &'static str,
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
        /// The least height that fits.
        needs: u32,
    },
    /// The embedded font could not be read (a broken build).
    #[error("the embedded font {0} could not be read")]
    Font(&'static str),
    /// The chart's own SVG could not be read back for rasterising (a broken build).
    #[error("the chart's SVG could not be rasterised: {0}")]
    Svg(String),
    /// PNG encoding failed.
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}

/// Where a chart goes on an image: drawn at `chart` CSS pixels, enlarged by `zoom`, its top
/// left corner at `offset` in the image's CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The image size in CSS pixels.
    pub frame: (u32, u32),
    /// The size the chart is laid out at.
    pub chart: (u32, u32),
    /// Image pixels per chart pixel.
    pub zoom: f64,
    /// The chart's top left corner in the image.
    pub offset: (f64, f64),
}

fn check_range(what: &'static str, value: u32, min: u32, max: u32) -> Result<(), PictureError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(PictureError::Size {
            what,
            allowed: format!("from {min} to {max} pixels"),
            got: value.to_string(),
        })
    }
}

/// The chart's natural height at `width`, in whole pixels.
fn natural(data: &Dataset, view: &View, kind: ChartKind, width: u32) -> Result<u32, ChartError> {
    Ok(charts::natural_height(data, view, kind, width)?
        .ceil()
        .max(1.0) as u32)
}

/// Places chart `kind` on an image `width` CSS pixels wide. Without a `height` the image
/// takes the chart's natural height. With one, the chart is zoomed (between ½ and 2) as far
/// as fits and centred; a height too small even at ½ is an error that names the least height
/// that works.
pub fn place(
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    width: u32,
    height: Option<u32>,
) -> Result<Placement, PictureError> {
    check_range("the width", width, MIN_WIDTH, MAX_SIDE)?;
    let Some(height) = height else {
        let h = natural(data, view, kind, width)?;
        check_range("the chart's natural height", h, 1, MAX_SIDE)?;
        return Ok(Placement {
            frame: (width, h),
            chart: (width, h),
            zoom: 1.0,
            offset: (0.0, 0.0),
        });
    };
    check_range("the height", height, MIN_HEIGHT, MAX_SIDE)?;
    let steps = ((MAX_ZOOM - MIN_ZOOM) / ZOOM_STEP).round() as u32;
    let mut least = u32::MAX;
    // From the largest zoom down, the first that fits. Heights do not fall steadily with
    // zoom (labels wrap in steps), so every step is tried rather than bisected.
    for step in 0..=steps {
        let zoom = MAX_ZOOM - f64::from(step) * ZOOM_STEP;
        let chart_w = (f64::from(width) / zoom).floor() as u32;
        let chart_h = natural(data, view, kind, chart_w)?;
        let needed = f64::from(chart_h) * zoom;
        least = least.min(needed.ceil() as u32);
        if needed <= f64::from(height) {
            // Centred; whole pixels keep 1-pixel lines sharp.
            let dx = ((f64::from(width) - f64::from(chart_w) * zoom) / 2.0).floor();
            let dy = ((f64::from(height) - needed) / 2.0).floor();
            return Ok(Placement {
                frame: (width, height),
                chart: (chart_w, chart_h),
                zoom,
                offset: (dx, dy),
            });
        }
    }
    Err(PictureError::TooShort {
        chart: kind.id(),
        width,
        height,
        needs: least,
    })
}

/// Checks a pixel ratio and the image size it gives.
fn device_size(placement: &Placement, pixel_ratio: f64) -> Result<(u32, u32), PictureError> {
    if !(1.0..=MAX_PIXEL_RATIO).contains(&pixel_ratio) {
        return Err(PictureError::Size {
            what: "the pixel ratio",
            allowed: format!("a number from 1 to {MAX_PIXEL_RATIO}"),
            got: pixel_ratio.to_string(),
        });
    }
    let (w, h) = placement.frame;
    let (w, h) = (
        (f64::from(w) * pixel_ratio).round() as u32,
        (f64::from(h) * pixel_ratio).round() as u32,
    );
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(PictureError::Size {
            what: "the PNG",
            allowed: format!("at most {} million pixels", MAX_PIXELS / 1_000_000),
            got: format!("{w}×{h}"),
        });
    }
    Ok((w, h))
}

/// Draws chart `kind` as placed and returns the PNG file's bytes. `pixel_ratio` is device
/// pixels per CSS pixel (2 for a sharp image on a HiDPI screen or in print).
///
/// The picture is the SVG [`render_svg_placed`] writes for the same arguments, rasterised, so
/// a PNG and an SVG of one chart show the same drawing.
pub fn render_png(
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    theme: Theme,
    placement: &Placement,
    pixel_ratio: f64,
) -> Result<Vec<u8>, PictureError> {
    let size = device_size(placement, pixel_ratio)?;
    let svg = render_svg_placed(data, view, kind, theme, placement)?;
    let pixels = rasterise(&svg, theme.background, size)?;
    encode_png(&pixels, size)
}

/// An SVG document drawn over an opaque `background`, stretched to `w` × `h` device pixels,
/// as RGB pixels.
fn rasterise(svg: &str, background: Rgb, (w, h): (u32, u32)) -> Result<Vec<u8>, PictureError> {
    let options = usvg::Options {
        fontdb: fonts()?,
        font_family: FAMILY.to_string(),
        ..usvg::Options::default()
    };
    let svg = arabic_in_its_face(svg);
    let tree =
        usvg::Tree::from_str(&svg, &options).map_err(|e| PictureError::Svg(e.to_string()))?;
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| PictureError::Size {
        what: "the PNG",
        allowed: "at least 1×1 pixels".into(),
        got: format!("{w}×{h}"),
    })?;
    pixmap.fill(Color::from_rgba8(
        background.0,
        background.1,
        background.2,
        255,
    ));
    // Each axis by its own factor: the device size is rounded, so w / width can differ from
    // the pixel ratio by a fraction of a pixel.
    let size = tree.size();
    let transform = Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    // The background is opaque, so every pixel is too, and tiny-skia's premultiplied RGBA is
    // plain RGBA: the alpha byte carries nothing and is left out of the file.
    Ok(pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect())
}

/// RGB pixels as a PNG file.
fn encode_png(pixels: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>, PictureError> {
    let mut out = Vec::new();
    let encode = |e: png::EncodingError| PictureError::Encode(e.to_string());
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(encode)?;
        writer.write_image_data(pixels).map_err(encode)?;
        writer.finish().map_err(encode)?;
    }
    Ok(out)
}

/// Draws chart `kind` as placed and returns an SVG document. The chart is drawn at its layout
/// size by [`render_svg`] and the zoom and centring are left to the SVG's `viewBox`, so the
/// drawing stays exact vector output.
pub fn render_svg_placed(
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    theme: Theme,
    placement: &Placement,
) -> Result<String, PictureError> {
    let (svg, _) = render_svg(data, view, kind, theme, placement.chart)?;
    let (fw, fh) = placement.frame;
    if placement.frame == placement.chart && placement.offset == (0.0, 0.0) {
        return Ok(svg);
    }
    let z = placement.zoom;
    let (vx, vy) = (-placement.offset.0 / z, -placement.offset.1 / z);
    let (vw, vh) = (f64::from(fw) / z, f64::from(fh) / z);
    // plotters opens every document with one `<svg …>` tag holding the size; it is replaced
    // whole, and a background laid under the chart for the margins the centring leaves.
    let body = svg
        .find('>')
        .filter(|_| svg.starts_with("<svg "))
        .map(|end| &svg[end + 1..])
        .ok_or_else(|| ChartError::Draw("the SVG backend wrote no <svg> tag".into()))?;
    Ok(format!(
        "<svg width=\"{fw}\" height=\"{fh}\" viewBox=\"{vx} {vy} {vw} {vh}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n\
         <rect x=\"{vx}\" y=\"{vy}\" width=\"{vw}\" height=\"{vh}\" fill=\"{bg}\"/>{body}",
        vx = round3(vx),
        vy = round3(vy),
        vw = round3(vw),
        vh = round3(vh),
        bg = theme.background.hex(),
    ))
}

/// Three decimals at most, trailing zeros dropped, so the numbers stay short and stable.
fn round3(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A font database holding the embedded faces and nothing else, built once. Every generic
/// family names Liberation Sans, so a family list such as the charts' `Arial, 'Liberation
/// Sans', Helvetica, sans-serif` resolves to it, and so does a list of families the database
/// lacks (usvg falls back to the serif family); a letter it lacks (Arabic) comes from the
/// one other face that has it, Noto Sans Arabic.
fn fonts() -> Result<Arc<fontdb::Database>, PictureError> {
    static FONTS: OnceLock<Result<Arc<fontdb::Database>, &'static str>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for (file, bytes, family) in [
                ("LiberationSans-Regular.ttf", REGULAR_TTF, FAMILY),
                ("LiberationSans-Bold.ttf", BOLD_TTF, FAMILY),
                (
                    "NotoSansArabic-Regular.ttf",
                    ARABIC_REGULAR_TTF,
                    ARABIC_FAMILY,
                ),
                ("NotoSansArabic-Bold.ttf", ARABIC_BOLD_TTF, ARABIC_FAMILY),
            ] {
                let ids = db.load_font_source(fontdb::Source::Binary(Arc::new(bytes)));
                let named = |id| {
                    db.face(id)
                        .is_some_and(|f| f.families.iter().any(|(name, _)| name == family))
                };
                if ids.len() != 1 || !ids.iter().copied().all(named) {
                    return Err(file);
                }
            }
            db.set_serif_family(FAMILY);
            db.set_sans_serif_family(FAMILY);
            db.set_cursive_family(FAMILY);
            db.set_fantasy_family(FAMILY);
            db.set_monospace_family(FAMILY);
            Ok(Arc::new(db))
        })
        .clone()
        .map_err(PictureError::Font)
}

/// True for what Noto Sans Arabic sets besides Arabic (or, for the direction isolates, hides).
fn in_arabic_face(c: char) -> bool {
    is_arabic_script(c)
        || c.is_whitespace()
        || matches!(c, '«' | '»' | '.' | ':' | ',' | '-' | '0'..='9' | '\u{2066}'..='\u{2069}')
}

/// `svg` with each line of text that holds Arabic set in Noto Sans Arabic, and the runs of it
/// that face lacks (Latin letters, brackets, `·`, `/`) in Liberation Sans, each by a `<tspan>`.
/// usvg shapes a line with its own face first and lays each `<tspan>`'s clusters over it; with
/// Arabic's joined letters and ligatures, only a first face that sets them keeps every letter
/// (a ligature laid over single letters drops the wrong one in a right-to-left run). The line
/// stays one `<text>`, so its parts keep the order the bidirectional algorithm gives them.
fn arabic_in_its_face(svg: &str) -> Cow<'_, str> {
    if !svg.chars().any(is_arabic_script) {
        return Cow::Borrowed(svg);
    }
    let mut out = String::with_capacity(svg.len() + 256);
    let mut rest = svg;
    while let Some(open) = rest.find("<text") {
        let Some(start) = rest[open..].find('>').map(|i| open + i + 1) else {
            break;
        };
        let Some(end) = rest[start..].find("</text>").map(|i| start + i) else {
            break;
        };
        let (tag, text) = (&rest[open..start], &rest[start..end]);
        out.push_str(&rest[..open]);
        if !text.chars().any(is_arabic_script) {
            out.push_str(tag);
            out.push_str(text);
        } else {
            out.push_str(&with_family(tag, "Noto Sans Arabic"));
            let mut latin = false;
            for c in text.chars() {
                // An entity (`&amp;`) is ASCII throughout, so it stays in one run.
                let other =
                    !in_arabic_face(c) || (latin && !c.is_whitespace() && !is_arabic_script(c));
                if other != latin {
                    out.push_str(if other {
                        "<tspan font-family=\"Liberation Sans\">"
                    } else {
                        "</tspan>"
                    });
                    latin = other;
                }
                out.push(c);
            }
            if latin {
                out.push_str("</tspan>");
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A `<text …>` tag with its `font-family` attribute set to `family`.
fn with_family(tag: &str, family: &str) -> String {
    match tag.find("font-family=\"") {
        Some(at) => {
            let value = at + "font-family=\"".len();
            let close = tag[value..].find('"').map_or(tag.len(), |i| value + i);
            format!("{}{family}{}", &tag[..value], &tag[close..])
        }
        None => tag.replacen("<text", &format!("<text font-family=\"{family}\""), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coalition_infographic::charts::text;

    fn data() -> Dataset {
        Dataset::embedded().expect("the embedded dataset is valid")
    }

    /// The advance width of `sample` as the rasteriser sets it in the embedded face at
    /// `size` pixels, without kerning (which the layout does not assume): the text is anchored
    /// at its end on x = 0, so its first glyph starts at minus its width.
    fn set_width(sample: &str, size: f64, bold: bool) -> f64 {
        let escaped = sample
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let weight = if bold { "bold" } else { "normal" };
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\
             <text xml:space=\"preserve\" x=\"0\" y=\"0\" font-size=\"{size}\" \
             font-family=\"Liberation Sans\" font-weight=\"{weight}\" font-kerning=\"none\" \
             text-anchor=\"end\">{escaped}</text></svg>"
        );
        let options = usvg::Options {
            fontdb: fonts().expect("fonts load"),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(&svg, &options).expect("parsed");
        let text = tree
            .root()
            .children()
            .iter()
            .find_map(|node| match node {
                usvg::Node::Text(text) => Some(text.clone()),
                _ => None,
            })
            .expect("a text node");
        let first = &text.layouted()[0].positioned_glyphs[0];
        -f64::from(first.transform().tx)
    }

    #[test]
    fn the_embedded_font_has_the_widths_the_layout_assumes() {
        // The layout's tables cover printable ASCII exactly; other characters are estimates.
        let ascii: String = (32u8..127).map(char::from).collect();
        for sample in [ascii.as_str(), "More than $22.2 billion (Iraq and Syria)"] {
            for bold in [false, true] {
                let width = set_width(sample, 1000.0, bold);
                let expected = text::width(sample, 1000.0, bold);
                // Whole font units at 1000 px: the tables are in 1/1000 em, the font in 1/2048.
                let per_char = (width - expected).abs() / sample.len() as f64;
                assert!(
                    per_char < 1.0,
                    "{sample:?} bold={bold}: {width} vs {expected}"
                );
            }
        }
    }

    #[test]
    fn without_a_height_the_chart_takes_its_natural_height() {
        let data = data();
        for kind in ChartKind::ALL {
            let view = View::default();
            let p = place(&data, &view, kind, 700, None).expect("placed");
            let natural = charts::natural_height(&data, &view, kind, 700).expect("height");
            assert_eq!(p.frame, (700, natural.ceil() as u32));
            assert_eq!((p.zoom, p.offset), (1.0, (0.0, 0.0)));
        }
    }

    #[test]
    fn a_fixed_height_is_filled_as_far_as_it_fits_and_centred() {
        let data = data();
        for kind in ChartKind::ALL {
            let p = place(&data, &View::default(), kind, 1200, Some(630)).expect("placed");
            let (w, h) = (f64::from(p.chart.0) * p.zoom, f64::from(p.chart.1) * p.zoom);
            assert!(w <= 1200.0 && h <= 630.0, "{kind:?} fits: {w}×{h}");
            // Filled: less than one zoom step from the limit in one direction.
            assert!(h > 630.0 * 0.9 || p.zoom == MAX_ZOOM, "{kind:?}: {p:?}");
            assert!(
                (p.offset.1 - (630.0 - h) / 2.0).abs() <= 1.0,
                "{kind:?} centred"
            );
            assert!(
                p.zoom > 1.0,
                "{kind:?}: a card shows the chart larger than the page"
            );
        }
    }

    #[test]
    fn svg_output_keeps_the_frame_and_zooms_by_view_box() {
        let data = data();
        let view = View::default();
        let p = place(&data, &view, ChartKind::Funding, 1200, Some(630)).expect("placed");
        let svg =
            render_svg_placed(&data, &view, ChartKind::Funding, Theme::LIGHT, &p).expect("svg");
        assert!(
            svg.starts_with("<svg width=\"1200\" height=\"630\" viewBox=\""),
            "{}",
            &svg[..80]
        );
        assert_eq!(svg.matches("<svg").count(), 1);
        let natural = place(&data, &view, ChartKind::Funding, 700, None).expect("placed");
        let plain = render_svg_placed(&data, &view, ChartKind::Funding, Theme::LIGHT, &natural)
            .expect("svg");
        let (reference, _) = render_svg(
            &data,
            &view,
            ChartKind::Funding,
            Theme::LIGHT,
            natural.frame,
        )
        .expect("svg");
        assert_eq!(
            plain, reference,
            "at its natural size an SVG is the plain drawing"
        );
    }

    /// A PNG's size and RGB pixels.
    fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .expect("a PNG header");
        let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
        let info = reader.next_frame(&mut pixels).expect("PNG pixels decode");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        pixels.truncate(info.buffer_size());
        (info.width, info.height, pixels)
    }

    #[test]
    fn the_same_chart_gives_the_same_bytes_twice() {
        let data = data();
        let view = View::default();
        for kind in ChartKind::ALL {
            let p = place(&data, &view, kind, 1200, Some(630)).expect("placed");
            let once = render_png(&data, &view, kind, Theme::DARK, &p, 1.5).expect("png");
            let again = render_png(&data, &view, kind, Theme::DARK, &p, 1.5).expect("png");
            assert!(once == again, "{kind:?}: two renders differ");
            let light = render_png(&data, &view, kind, Theme::LIGHT, &p, 1.5).expect("png");
            assert!(once != light, "{kind:?}: the theme is drawn");
        }
    }

    #[test]
    fn the_png_inks_where_the_svg_sets_its_title_and_nowhere_outside_the_chart() {
        let data = data();
        let view = View::default();
        for kind in ChartKind::ALL {
            let p = place(&data, &view, kind, 1200, Some(630)).expect("placed");
            let ratio = 2.0;
            let svg = render_svg_placed(&data, &view, kind, Theme::LIGHT, &p).expect("svg");
            let (w, h, pixels) =
                decode(&render_png(&data, &view, kind, Theme::LIGHT, &p, ratio).expect("png"));
            let bg = Theme::LIGHT.background;
            let inked = |x: u32, y: u32| {
                let i = (y as usize * w as usize + x as usize) * 3;
                pixels[i..i + 3] != [bg.0, bg.1, bg.2]
            };
            // From the chart's pixels to the PNG's.
            let scale = p.zoom * ratio;
            let to_x = |x: f64| p.offset.0 * ratio + x * scale;
            let to_y = |y: f64| p.offset.1 * ratio + y * scale;

            // The title's first line, as the SVG sets it: its start, baseline area and size.
            let doc = roxmltree::Document::parse(&svg).expect("well-formed");
            let title = doc
                .descendants()
                .find(|n| n.has_tag_name("text") && n.attribute("font-weight") == Some("bold"))
                .expect("a bold title");
            let number = |name: &str| -> f64 {
                title
                    .attribute(name)
                    .and_then(|v| v.parse().ok())
                    .expect("a number")
            };
            let (x, y, size) = (number("x"), number("y"), number("font-size"));
            let line = title.text().unwrap_or_default().trim();
            let width = text::width(line, size, true);
            let (top, bottom) = (to_y(y - 0.5 * size) as u32, to_y(y + 0.5 * size) as u32);
            let columns: Vec<u32> = (0..w)
                .filter(|&c| (top..=bottom).any(|r| inked(c, r)))
                .collect();
            let (first, last) = (columns[0], columns[columns.len() - 1]);
            let (left, right) = (to_x(x), to_x(x + width));
            // Glyphs ink a little inside their advance boxes; kerning tightens a line a little.
            assert!(
                (f64::from(first) - left).abs() <= 2.0 * scale,
                "{kind:?}: the title's ink starts at {first}, the SVG's text at {left}"
            );
            assert!(
                (f64::from(last) - right).abs() <= 0.01 * width * scale + 2.0 * scale,
                "{kind:?}: the title's ink ends at {last}, the SVG's text at {right}"
            );

            // The chart's box; no pixel wholly outside it differs from the background.
            let (x0, y0) = (to_x(0.0).floor(), to_y(0.0).floor());
            let (x1, y1) = (
                to_x(f64::from(p.chart.0)).ceil(),
                to_y(f64::from(p.chart.1)).ceil(),
            );
            let (mut ink_x, mut ink_y) = ((w, 0), (h, 0));
            for r in 0..h {
                for c in 0..w {
                    if inked(c, r) {
                        let (cf, rf) = (f64::from(c), f64::from(r));
                        assert!(
                            cf >= x0 && cf < x1 && rf >= y0 && rf < y1,
                            "{kind:?}: ink at ({c}, {r}), outside the chart's box"
                        );
                        ink_x = (ink_x.0.min(c), ink_x.1.max(c));
                        ink_y = (ink_y.0.min(r), ink_y.1.max(r));
                    }
                }
            }
            // And the drawing fills that box: its ink reaches within the margins' 24 pixels.
            let margin = 24.0 * scale;
            assert!(
                f64::from(ink_x.0) - x0 < margin && x1 - f64::from(ink_x.1) < margin,
                "{kind:?}: ink from column {} to {} in {x0}..{x1}",
                ink_x.0,
                ink_x.1
            );
            assert!(
                f64::from(ink_y.0) - y0 < margin && y1 - f64::from(ink_y.1) < margin,
                "{kind:?}: ink from row {} to {} in {y0}..{y1}",
                ink_y.0,
                ink_y.1
            );
        }
    }

    #[test]
    fn a_family_the_database_lacks_is_still_set_in_the_embedded_face() {
        let draw = |family: &str| {
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"60\">\
                 <text x=\"10\" y=\"40\" font-size=\"24\" font-family=\"{family}\" \
                 fill=\"#000000\">more than $22.2 billion</text></svg>"
            );
            rasterise(&svg, Rgb(255, 255, 255), (300, 60)).expect("rasterised")
        };
        let embedded = draw("Liberation Sans");
        let dark = embedded.chunks(3).filter(|p| p[0] < 128).count();
        assert!(dark > 300, "the text is drawn: {dark} dark pixels");
        for family in [
            "No Such Face",
            "'No Such Face', AlsoMissing",
            "Arial, 'Liberation Sans', Helvetica, sans-serif",
            "Helvetica",
            "serif",
            "monospace",
        ] {
            assert!(
                draw(family) == embedded,
                "{family}: drawn unlike Liberation Sans"
            );
        }
    }

    #[test]
    fn pixel_ratios_and_sizes_out_of_range_are_refused() {
        let data = data();
        let view = View::default();
        let p = place(&data, &view, ChartKind::Returns, 400, None).expect("placed");
        for ratio in [0.5, 0.0, -1.0, 4.5, f64::NAN, f64::INFINITY] {
            let err = render_png(&data, &view, ChartKind::Returns, Theme::LIGHT, &p, ratio)
                .expect_err("refused");
            assert!(err.to_string().contains("pixel ratio"), "{ratio}: {err}");
        }
        for width in [0, 239, 4001] {
            let err = place(&data, &view, ChartKind::Returns, width, None).expect_err("refused");
            assert!(err.to_string().contains("the width must be"), "{err}");
        }
        let err = place(&data, &view, ChartKind::Funding, 1200, Some(130)).expect_err("too short");
        assert!(
            matches!(err, PictureError::TooShort { needs, .. } if needs > 130),
            "{err}"
        );
    }
}
