//! Charts as image files of a chosen size: PNG through plotters' bitmap backend, SVG through
//! its SVG backend, both drawn by the same chart code as the page's canvas.
//!
//! PNG text is set in the embedded Liberation Sans (metric-compatible with Arial, which the
//! layout assumes), so a PNG is the same on every machine whatever fonts it has.
//!
//! A chart has a natural height for each width. When the image is given a fixed height too
//! (a 1200×630 link preview, say), [`place`] zooms the chart so that it fills the image as far
//! as it can without cropping, and centres it: the text then grows with the picture instead of
//! leaving a blank band under a small chart.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
};
use thiserror::Error;

use crate::charts::{self, ChartError, Emphasis, Theme};
use crate::data::Dataset;
use crate::svg::render_svg;
use crate::view::{ChartKind, View};

/// Liberation Sans 2.1.5, SIL Open Font License 1.1 (`assets/fonts/OFL.txt`).
const REGULAR_TTF: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Regular.ttf");
/// Its bold face.
const BOLD_TTF: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Bold.ttf");

/// plotters hands backends a font size of `px × 1.24` (see `charts::paint`); its SVG backend
/// divides it back, and so does the text here.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// Narrowest image, in CSS pixels: below it the charts' labels no longer fit.
pub const MIN_WIDTH: u32 = 240;
/// Widest or tallest image, in CSS pixels.
pub const MAX_SIDE: u32 = 4000;
/// Shortest fixed height, in CSS pixels.
pub const MIN_HEIGHT: u32 = 120;
/// Largest pixel ratio (device pixels per CSS pixel).
pub const MAX_PIXEL_RATIO: f64 = 4.0;
/// Most pixels in one PNG: 8000 × 8000, a 192 MB buffer while it is drawn.
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
pub fn render_png(
    data: &Dataset,
    view: &View,
    kind: ChartKind,
    theme: Theme,
    placement: &Placement,
    pixel_ratio: f64,
) -> Result<Vec<u8>, PictureError> {
    let (w, h) = device_size(placement, pixel_ratio)?;
    let fonts = fonts()?;
    let bg = theme.background;
    let mut pixels: Vec<u8> = [bg.0, bg.1, bg.2].repeat(w as usize * h as usize);
    {
        let bitmap = BitMapBackend::with_buffer(&mut pixels, (w, h));
        let backend = Raster {
            inner: bitmap,
            size: placement.chart,
            zoom: placement.zoom * pixel_ratio,
            offset: (
                placement.offset.0 * pixel_ratio,
                placement.offset.1 * pixel_ratio,
            ),
            fonts,
        };
        let area = backend.into_drawing_area();
        charts::draw(&area, data, view, kind, theme, Emphasis::default())?;
    }
    encode_png(&pixels, (w, h))
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

/// The two faces of the embedded font.
#[derive(Clone, Copy)]
struct Fonts {
    regular: &'static FontRef<'static>,
    bold: &'static FontRef<'static>,
}

fn fonts() -> Result<Fonts, PictureError> {
    static REGULAR: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    static BOLD: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    let regular = REGULAR
        .get_or_init(|| FontRef::try_from_slice(REGULAR_TTF).ok())
        .as_ref()
        .ok_or(PictureError::Font("LiberationSans-Regular.ttf"))?;
    let bold = BOLD
        .get_or_init(|| FontRef::try_from_slice(BOLD_TTF).ok())
        .as_ref()
        .ok_or(PictureError::Font("LiberationSans-Bold.ttf"))?;
    Ok(Fonts { regular, bold })
}

/// A bitmap backend that lays out in chart pixels and paints in image pixels: every
/// coordinate, stroke and font size is multiplied by `zoom` and moved by `offset`.
///
/// Shapes are filled with anti-aliased coverage under the canvas's rules (1-pixel lines on
/// whole coordinates cover one pixel, butt caps, round joins), so a PNG looks like the page's
/// canvas at the same pixel ratio; plotters' own bitmap rasteriser has no anti-aliasing and
/// rounds every zoomed corner. Text is set here with the embedded font rather than by
/// plotters, whose bitmap text takes its size as the font's line height (≈11% larger than
/// the SVG and canvas text) and places baselines its own way. The bitmap backend stores and
/// blends the pixels.
struct Raster<'a> {
    inner: BitMapBackend<'a>,
    size: (u32, u32),
    zoom: f64,
    offset: (f64, f64),
    fonts: Fonts,
}

type BitmapError = <BitMapBackend<'static> as DrawingBackend>::ErrorType;
type DrawResult = Result<(), DrawingErrorKind<BitmapError>>;

/// A point in image pixels.
type Pt = (f32, f32);

/// Odd-width strokes on whole coordinates straddle two pixels; like the canvas backend, they
/// are moved half a pixel so a 1-pixel line covers exactly one.
fn align(v: i32, width: u32) -> f64 {
    if width % 2 == 1 {
        f64::from(v) + 0.5
    } else {
        f64::from(v)
    }
}

/// Twice the signed area: positive when the points run clockwise on screen.
fn signed_area(shape: &[Pt]) -> f32 {
    let mut sum = 0.0;
    for (i, a) in shape.iter().enumerate() {
        let b = shape[(i + 1) % shape.len()];
        sum += a.0 * b.1 - b.0 * a.1;
    }
    sum
}

/// The part of polygon `shape` inside `0..=w` × `0..=h` (Sutherland–Hodgman).
fn clip(shape: &[Pt], w: f32, h: f32) -> Vec<Pt> {
    let mut out = shape.to_vec();
    // Each side of the rectangle: the axis (x or y), its bound, and which side is inside.
    let sides = [
        (true, 0.0, true),
        (true, w, false),
        (false, 0.0, true),
        (false, h, false),
    ];
    for (is_x, bound, above) in sides {
        let coord = |p: Pt| if is_x { p.0 } else { p.1 };
        let inside = |p: Pt| {
            if above {
                coord(p) >= bound
            } else {
                coord(p) <= bound
            }
        };
        let cross = |a: Pt, b: Pt| {
            if is_x {
                cross_x(a, b, bound)
            } else {
                cross_y(a, b, bound)
            }
        };
        let input = std::mem::take(&mut out);
        for (i, &cur) in input.iter().enumerate() {
            let prev = input[(i + input.len() - 1) % input.len()];
            match (inside(prev), inside(cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, false) => {}
            }
        }
        if out.is_empty() {
            break;
        }
    }
    out
}

fn cross_x(a: Pt, b: Pt, x: f32) -> Pt {
    let t = (x - a.0) / (b.0 - a.0);
    (x, a.1 + t * (b.1 - a.1))
}

fn cross_y(a: Pt, b: Pt, y: f32) -> Pt {
    let t = (y - a.1) / (b.1 - a.1);
    (a.0 + t * (b.0 - a.0), y)
}

/// A regular polygon close enough to a circle at this radius.
fn circle(center: Pt, radius: f32) -> Vec<Pt> {
    let n = (radius * 2.0).clamp(12.0, 96.0) as usize;
    (0..n)
        .map(|i| {
            let a = std::f32::consts::TAU * i as f32 / n as f32;
            (center.0 + radius * a.cos(), center.1 + radius * a.sin())
        })
        .collect()
}

/// The outline of a stroke along `points`, `width` image pixels wide: a rectangle per segment
/// (butt ends) and a disc at each inner corner (round joins), or at every corner if `closed`.
fn stroke_shapes(points: &[Pt], width: f32, closed: bool) -> Vec<Vec<Pt>> {
    let mut pts: Vec<Pt> = Vec::with_capacity(points.len() + 1);
    for &p in points {
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }
    if closed && pts.len() > 2 && pts.first() != pts.last() {
        pts.push(pts[0]);
    }
    let half = width / 2.0;
    let mut shapes = Vec::new();
    for pair in pts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-4 {
            continue;
        }
        let (nx, ny) = (-dy / len * half, dx / len * half);
        shapes.push(vec![
            (a.0 + nx, a.1 + ny),
            (b.0 + nx, b.1 + ny),
            (b.0 - nx, b.1 - ny),
            (a.0 - nx, a.1 - ny),
        ]);
    }
    let joins = if closed {
        &pts[..pts.len().saturating_sub(1)]
    } else if pts.len() > 2 {
        &pts[1..pts.len() - 1]
    } else {
        &[][..]
    };
    shapes.extend(joins.iter().map(|&p| circle(p, half)));
    shapes
}

impl Raster<'_> {
    /// A chart point in image pixels.
    fn at(&self, x: f64, y: f64) -> Pt {
        (
            (x * self.zoom + self.offset.0) as f32,
            (y * self.zoom + self.offset.1) as f32,
        )
    }

    fn corner(&self, (x, y): BackendCoord) -> Pt {
        self.at(f64::from(x), f64::from(y))
    }

    /// Stroke points as the canvas places them, in image pixels, and the width.
    fn stroke_points<I: IntoIterator<Item = BackendCoord>>(
        &self,
        points: I,
        width: u32,
    ) -> (Vec<Pt>, f32) {
        let width = width.max(1);
        let pts = points
            .into_iter()
            .map(|(x, y)| self.at(align(x, width), align(y, width)))
            .collect();
        (pts, (f64::from(width) * self.zoom) as f32)
    }

    /// Fills the union of `shapes` with `color`, anti-aliased.
    fn fill(&mut self, shapes: &[Vec<Pt>], color: BackendColor) -> DrawResult {
        if color.alpha <= 0.0 {
            return Ok(());
        }
        let (w, h) = self.inner.get_size();
        let (w, h) = (w as f32, h as f32);
        let clipped: Vec<Vec<Pt>> = shapes
            .iter()
            .filter(|s| s.len() > 2)
            .map(|s| clip(s, w, h))
            .filter(|s| s.len() > 2)
            .collect();
        let Some((x0, y0, x1, y1)) = clipped.iter().flatten().fold(None, |b, &(x, y)| {
            let (x0, y0, x1, y1) = b.unwrap_or((x, y, x, y));
            Some((x0.min(x), y0.min(y), x1.max(x), y1.max(y)))
        }) else {
            return Ok(());
        };
        let (left, top) = (x0.floor(), y0.floor());
        // A spare column and row: the rasteriser writes coverage one past a shape's right edge.
        let cols = (x1.ceil() - left) as usize + 2;
        let rows = (y1.ceil() - top) as usize + 2;
        let mut raster = ab_glyph_rasterizer::Rasterizer::new(cols, rows);
        for shape in &clipped {
            // Coverage adds up with the winding's sign: every shape must wind one way, or an
            // overlap would cancel out instead of staying filled.
            let forward = signed_area(shape) >= 0.0;
            let n = shape.len();
            for i in 0..n {
                let (mut a, mut b) = (shape[i], shape[(i + 1) % n]);
                if !forward {
                    std::mem::swap(&mut a, &mut b);
                }
                raster.draw_line(
                    ab_glyph_rasterizer::point(a.0 - left, a.1 - top),
                    ab_glyph_rasterizer::point(b.0 - left, b.1 - top),
                );
            }
        }
        let mut result = Ok(());
        let (left, top) = (left as i32, top as i32);
        raster.for_each_pixel_2d(|x, y, coverage| {
            if result.is_ok() && coverage > 1.0 / 512.0 {
                let c = BackendColor {
                    alpha: color.alpha * f64::from(coverage.min(1.0)),
                    rgb: color.rgb,
                };
                result = self.inner.draw_pixel((left + x as i32, top + y as i32), c);
            }
        });
        result
    }
}

impl DrawingBackend for Raster<'_> {
    type ErrorType = BitmapError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> DrawResult {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> DrawResult {
        self.inner.present()
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> DrawResult {
        let square = vec![
            self.corner((x, y)),
            self.corner((x + 1, y)),
            self.corner((x + 1, y + 1)),
            self.corner((x, y + 1)),
        ];
        self.fill(&[square], color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> DrawResult {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        let (l, t, r, btm) = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
        let corners = [(l, t), (r, t), (r, btm), (l, btm)];
        if fill {
            let shape = corners.iter().map(|&p| self.corner(p)).collect();
            self.fill(&[shape], style.color())
        } else {
            let (pts, width) = self.stroke_points(corners, style.stroke_width());
            self.fill(&stroke_shapes(&pts, width, true), style.color())
        }
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> DrawResult {
        let (pts, width) = self.stroke_points(path, style.stroke_width());
        self.fill(&stroke_shapes(&pts, width, false), style.color())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        let c = self.corner(center);
        let r = (f64::from(radius) * self.zoom) as f32;
        if fill {
            self.fill(&[circle(c, r)], style.color())
        } else {
            let width = (f64::from(style.stroke_width().max(1)) * self.zoom) as f32;
            self.fill(&stroke_shapes(&circle(c, r), width, true), style.color())
        }
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> DrawResult {
        let shape = vert.into_iter().map(|p| self.corner(p)).collect();
        self.fill(&[shape], style.color())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> DrawResult {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        let font = match style.style() {
            FontStyle::Bold => self.fonts.bold,
            _ => self.fonts.regular,
        };
        let em = style.size() / PLOTTERS_FONT_SCALE * self.zoom;
        let run = TextRun::new(font, em as f32, text);
        let (x, y) = self.corner(pos);
        let left = match style.anchor().h_pos {
            HPos::Left => x,
            HPos::Center => x - run.width / 2.0,
            HPos::Right => x - run.width,
        };
        // The canvas's text baselines: `middle` is the middle of the em box, halfway between
        // the font's ascent and descent. The browser puts baselines on whole pixels.
        let baseline = match style.anchor().v_pos {
            VPos::Top => y + run.ascent,
            VPos::Center => y + (run.ascent + run.descent) / 2.0,
            VPos::Bottom => y + run.descent,
        }
        .floor();
        let mut result = Ok(());
        run.paint(left, baseline, |px, py, coverage| {
            if result.is_ok() && coverage > 0.0 {
                let c = BackendColor {
                    alpha: color.alpha * f64::from(coverage.min(1.0)),
                    rgb: color.rgb,
                };
                result = self.inner.draw_pixel((px, py), c);
            }
        });
        result
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let font = match style.style() {
            FontStyle::Bold => self.fonts.bold,
            _ => self.fonts.regular,
        };
        let em = style.size() / PLOTTERS_FONT_SCALE;
        let run = TextRun::new(font, em as f32, text);
        Ok((run.width.ceil() as u32, em.ceil() as u32))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> DrawResult {
        // Pasted unscaled: the charts never blit.
        let (x, y) = self.corner(pos);
        self.inner.blit_bitmap((x as i32, y as i32), size, src)
    }
}

/// A line of text in one face and size, measured without kerning: the chart layout uses
/// Arial's advance widths alone, and Liberation Sans has the same ones.
struct TextRun<'a> {
    font: ab_glyph::PxScaleFont<&'a FontRef<'static>>,
    text: &'a str,
    width: f32,
    ascent: f32,
    descent: f32,
}

impl<'a> TextRun<'a> {
    /// `em` is the font size in image pixels (CSS `font-size`).
    fn new(font: &'a FontRef<'static>, em: f32, text: &'a str) -> Self {
        // ab_glyph scales so that ascent − descent spans the given height; CSS sizes the em.
        let units_per_em = font.units_per_em().unwrap_or(2048.0);
        let scale = PxScale::from(em * font.height_unscaled() / units_per_em);
        let font = font.as_scaled(scale);
        let width = text.chars().map(|c| font.h_advance(font.glyph_id(c))).sum();
        TextRun {
            ascent: font.ascent(),
            descent: font.descent(),
            font,
            text,
            width,
        }
    }

    /// Calls `pixel(x, y, coverage)` for every pixel the text covers, its left end at `x` and
    /// its baseline at `y`.
    fn paint(&self, x: f32, y: f32, mut pixel: impl FnMut(i32, i32, f32)) {
        let mut caret = x;
        for c in self.text.chars() {
            let id = self.font.glyph_id(c);
            let glyph = id.with_scale_and_position(self.font.scale(), ab_glyph::point(caret, y));
            if let Some(outline) = self.font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                let (bx, by) = (bounds.min.x as i32, bounds.min.y as i32);
                outline.draw(|gx, gy, coverage| {
                    pixel(bx + gx as i32, by + gy as i32, coverage);
                });
            }
            caret += self.font.h_advance(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::text;

    fn data() -> Dataset {
        Dataset::embedded().expect("the embedded dataset is valid")
    }

    #[test]
    fn the_embedded_font_has_the_widths_the_layout_assumes() {
        let fonts = fonts().expect("fonts load");
        // The layout's tables cover printable ASCII exactly; other characters are estimates.
        let ascii: String = (32u8..127).map(char::from).collect();
        for sample in [ascii.as_str(), "More than $22.2 billion (Iraq and Syria)"] {
            for (font, bold) in [(fonts.regular, false), (fonts.bold, true)] {
                let run = TextRun::new(font, 1000.0, sample);
                let expected = text::width(sample, 1000.0, bold);
                // Whole font units at 1000 px: the tables are in 1/1000 em, the font in 1/2048.
                let per_char = (f64::from(run.width) - expected).abs() / sample.len() as f64;
                assert!(
                    per_char < 1.0,
                    "{sample:?} bold={bold}: {} vs {expected}",
                    run.width
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

    #[test]
    fn clipping_keeps_the_inside_of_a_polygon() {
        let square = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)];
        let clipped = clip(&square, 10.0, 10.0);
        assert!(
            (signed_area(&clipped).abs() - 50.0).abs() < 1e-4,
            "{clipped:?}"
        );
        assert!(clip(&[(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)], 10.0, 10.0).is_empty());
    }

    #[test]
    fn strokes_cover_what_the_canvas_covers() {
        // A 1-pixel line at y = 3 is moved to 3.5 and covers the row from 3 to 4.
        let shapes = stroke_shapes(&[(0.0, 3.5), (10.0, 3.5)], 1.0, false);
        assert_eq!(shapes.len(), 1);
        let ys: Vec<f32> = shapes[0].iter().map(|p| p.1).collect();
        assert!(ys.contains(&3.0) && ys.contains(&4.0), "{ys:?}");
        // A corner gets a round join; a closed outline gets one at every corner.
        assert_eq!(
            stroke_shapes(&[(0.0, 0.0), (5.0, 0.0), (5.0, 5.0)], 2.0, false).len(),
            3
        );
        let outline = [(0.0, 0.0), (5.0, 0.0), (5.0, 5.0), (0.0, 5.0)];
        assert_eq!(stroke_shapes(&outline, 2.0, true).len(), 8);
        // Repeated points draw nothing extra, and a lone point nothing at all.
        assert!(stroke_shapes(&[(1.0, 1.0), (1.0, 1.0)], 1.0, false).is_empty());
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
