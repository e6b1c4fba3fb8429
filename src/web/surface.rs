//! The canvas a chart is drawn on: its backing store at the device pixel ratio (capped, and
//! raised while printing), and the offscreen copy of the last plain drawing that a change of
//! hover or focus restores under the old rings instead of drawing the chart again.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement};

use crate::charts::{self, Rect, TextScale, Theme};
use crate::data::Dataset;
use crate::view::View;

/// Pixel ratio charts are drawn at for printing.
pub const PRINT_DPR: f64 = 3.0;

/// Largest backing store drawn, in device pixels: a 10,000 px wide mount at DPR 3 must not
/// ask for gigabytes.
const MAX_BACKING_PIXELS: f64 = 16_000_000.0;
/// Highest device pixel ratio honoured; beyond it nothing gets visibly sharper.
const MAX_DPR: f64 = 4.0;

/// A drawing's CSS width and height and its pixel ratio.
pub type Size = (i32, i32, f64);

/// The 2D context of `canvas`.
pub fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// A canvas of `document` and its 2D context.
pub fn new_canvas(document: &Document) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    let ctx = context_2d(&canvas)?;
    Some((canvas, ctx))
}

/// The height the view's chart needs at `width` CSS pixels with text `scale` times as wide
/// as Arial's: its layout's, which paints nothing.
pub fn natural_height(
    data: &Dataset,
    view: &View,
    width: u32,
    scale: TextScale,
) -> Result<f64, charts::ChartError> {
    charts::natural_height_scaled(data, view, view.chart, width, scale)
}

/// How much wider than Arial's the face is that this browser sets the charts' font stack in:
/// Arial or Liberation Sans give 1; DejaVu Sans (Linux without Liberation) or Roboto
/// (Android) more. Measured on the canvas, which draws the text, against the widths the
/// layout computes for the same samples.
pub fn measure_text_scale(ctx: &CanvasRenderingContext2d) -> TextScale {
    TextScale::measured(|sample, font| {
        ctx.set_font(font.css);
        ctx.measure_text(sample).map_or(f64::NAN, |m| m.width())
    })
}

/// An offscreen canvas holding the plain drawing.
struct Plain {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// It holds the current drawing; false after an animation frame or print drawing.
    current: bool,
}

/// One chart's canvas, its backing store and its plain copy.
pub struct Surface {
    /// The page's canvas.
    pub canvas: HtmlCanvasElement,
    /// Its 2D context.
    pub ctx: CanvasRenderingContext2d,
    /// CSS width, height and pixel ratio of the last full drawing. A size change always
    /// comes through the resize observer, so repaints reuse it instead of reading the layout.
    pub drawn_size: Option<Size>,
    /// The theme of the last full drawing, which repaints must match.
    pub drawn_theme: Theme,
    /// While printing: the pixel ratio to draw at, so paper gets a sharp chart.
    pub print_dpr: Option<f64>,
    /// The canvas holds a plain drawing not yet copied: copying flushes the canvas's drawing
    /// (several milliseconds the first time), so it waits for a timer after the drawing, or
    /// for the first repaint if that comes sooner, rather than delay the drawing itself.
    pub copy_due: bool,
    /// A copy of the last full drawing without emphasis, at backing-store size, never
    /// attached: a change of hover or focus restores it and paints only the rings.
    plain: Option<Plain>,
    /// Where the rings now on the canvas painted (CSS pixels): what to restore to take them
    /// away.
    pub ringed: Vec<Rect>,
}

impl Surface {
    /// A surface on `canvas`, not yet drawn.
    pub fn new(canvas: HtmlCanvasElement, ctx: CanvasRenderingContext2d) -> Surface {
        Surface {
            canvas,
            ctx,
            drawn_size: None,
            drawn_theme: Theme::LIGHT,
            print_dpr: None,
            copy_due: false,
            plain: None,
            ringed: Vec::new(),
        }
    }

    /// Sets the canvas's CSS height to `want_h` if it is not that already.
    pub fn fit_height(&self, want_h: f64) -> Result<(), JsError> {
        if (f64::from(self.canvas.client_height()) - want_h).abs() > 0.5 {
            self.canvas
                .style()
                .set_property(
                    "height",
                    &format!("{}px", crate::format::decimal(want_h, 2)),
                )
                .map_err(|_| JsError::new("could not size the canvas"))?;
        }
        Ok(())
    }

    /// The size to draw at, `css_w` wide as the canvas now is: its CSS height, and the
    /// device pixel ratio (at least print's while printing) within the backing-store cap.
    pub fn size(&self, css_w: i32) -> Result<Size, JsError> {
        let css_h = self.canvas.client_height().max(1);
        let window = web_sys::window().ok_or_else(|| JsError::new("no window"))?;
        let mut dpr = window
            .device_pixel_ratio()
            .max(self.print_dpr.unwrap_or(0.0))
            .clamp(1.0, MAX_DPR);
        let area = f64::from(css_w) * f64::from(css_h);
        if area * dpr * dpr > MAX_BACKING_PIXELS {
            dpr = (MAX_BACKING_PIXELS / area).sqrt().max(0.1);
        }
        Ok((css_w, css_h, dpr))
    }

    /// Sizes the backing store for a full drawing at `size` and scales the context to CSS
    /// pixels; the plain copy no longer holds what the canvas will. Returns the backing
    /// store's size in device pixels.
    pub fn prepare(&mut self, (css_w, css_h, dpr): Size) -> Result<(u32, u32), JsError> {
        if let Some(plain) = self.plain.as_mut() {
            plain.current = false;
        }
        let (bw, bh) = (
            (f64::from(css_w) * dpr).round() as u32,
            (f64::from(css_h) * dpr).round() as u32,
        );
        if self.canvas.width() != bw || self.canvas.height() != bh {
            self.canvas.set_width(bw);
            self.canvas.set_height(bh);
        }
        self.ctx
            .set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)
            .map_err(|_| JsError::new("could not scale the canvas"))?;
        Ok((bw, bh))
    }

    /// Whether the plain copy holds the drawing on the canvas, so rings can be taken off by
    /// restoring it.
    pub fn has_plain(&self) -> bool {
        self.plain.as_ref().is_some_and(|p| p.current)
    }

    /// Takes the rings off the canvas by restoring the plain drawing under them, and scales
    /// the context back to CSS pixels for the new rings.
    pub fn restore(&mut self, dpr: f64) -> Result<(), JsError> {
        let Some(plain) = self.plain.as_ref() else {
            return Err(JsError::new("could not restore the drawing"));
        };
        let (ctx, copy) = (&self.ctx, &plain.canvas);
        let scale_err = |_| JsError::new("could not scale the canvas");
        // Both canvases are the same size: copied pixel for pixel, at the identity transform.
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            .map_err(scale_err)?;
        let (bw, bh) = (f64::from(copy.width()), f64::from(copy.height()));
        // min then max, not clamp: clamp's bounds check would bring float formatting in.
        let within = |v: f64, most: f64| v.min(most).max(0.0);
        for r in std::mem::take(&mut self.ringed) {
            let x0 = within((r.x * dpr).floor(), bw);
            let y0 = within((r.y * dpr).floor(), bh);
            let x1 = within((r.right() * dpr).ceil(), bw);
            let y1 = within((r.bottom() * dpr).ceil(), bh);
            if x1 > x0 && y1 > y0 {
                ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    copy,
                    x0,
                    y0,
                    x1 - x0,
                    y1 - y0,
                    x0,
                    y0,
                    x1 - x0,
                    y1 - y0,
                )
                .map_err(|_| JsError::new("could not restore the drawing"))?;
            }
        }
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)
            .map_err(scale_err)
    }

    /// Copies the plain drawing when it is still waiting to be copied; until then no ring has
    /// been painted over it.
    pub fn copy_if_due(&mut self) {
        if std::mem::take(&mut self.copy_due) {
            self.keep_plain(self.canvas.width(), self.canvas.height());
        }
    }

    /// Copies the canvas, as just drawn without emphasis, into the offscreen canvas.
    pub fn keep_plain(&mut self, width: u32, height: u32) {
        if self.plain.is_none() {
            self.plain = self
                .canvas
                .owner_document()
                .and_then(|d| new_canvas(&d))
                .map(|(canvas, ctx)| Plain {
                    canvas,
                    ctx,
                    current: false,
                });
        }
        let Some(plain) = self.plain.as_mut() else {
            return;
        };
        if plain.canvas.width() != width || plain.canvas.height() != height {
            plain.canvas.set_width(width);
            plain.canvas.set_height(height);
        }
        plain.current = plain
            .ctx
            .draw_image_with_html_canvas_element(&self.canvas, 0.0, 0.0)
            .is_ok();
    }

    /// Lets the copy's backing store go at once, rather than whenever the collector runs.
    pub fn drop_plain(&mut self) {
        self.copy_due = false;
        if let Some(plain) = self.plain.take() {
            plain.canvas.set_width(0);
            plain.canvas.set_height(0);
        }
        self.ringed.clear();
    }
}
