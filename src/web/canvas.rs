//! A plotters backend for a 2D canvas context, in CSS pixels.
//!
//! plotters-canvas lays out in backing-store pixels and ignores `devicePixelRatio`, so charts
//! come out blurry or tiny on HiDPI screens. Here the context carries the DPR transform and
//! the backend reports the CSS size: the chart code stays resolution-free and the browser
//! rasterises text and shapes at full device resolution.

use crate::charts::scene::PLOTTERS_FONT_SCALE;
use crate::format::decimal;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};
use thiserror::Error;
use web_sys::CanvasRenderingContext2d;

/// A canvas call that threw.
#[derive(Debug, Error)]
#[error("canvas: {0}")]
pub struct CanvasError(String);

type Result = std::result::Result<(), DrawingErrorKind<CanvasError>>;

/// How far the em box of the chart font (Arial, or a face with its metrics) reaches above and
/// below the alphabetic baseline, in ems: where Chromium and Firefox put the text baselines
/// "top" (the em box's top) and "bottom" (its bottom).
const EM_OVER: f64 = 0.775_754;
const EM_UNDER: f64 = 1.0 - EM_OVER;

/// Draws on `ctx`, whose transform already maps CSS pixels to device pixels.
pub struct CanvasBackend<'a> {
    ctx: &'a CanvasRenderingContext2d,
    size: (u32, u32),
}

impl<'a> CanvasBackend<'a> {
    /// A backend of `size` CSS pixels over `ctx`.
    pub fn new(ctx: &'a CanvasRenderingContext2d, size: (u32, u32)) -> Self {
        CanvasBackend { ctx, size }
    }

    /// Whether drawing in `c` leaves a mark: not in a transparent colour.
    fn paints(&self, c: BackendColor) -> bool {
        c.alpha > 0.0
    }

    /// Starts a new path through `points`.
    fn trace(&self, points: impl Iterator<Item = (f64, f64)>) {
        self.ctx.begin_path();
        for (i, (x, y)) in points.enumerate() {
            if i == 0 {
                self.ctx.move_to(x, y);
            } else {
                self.ctx.line_to(x, y);
            }
        }
    }

    fn set_fill(&self, c: BackendColor) {
        self.ctx.set_fill_style_str(&css(c));
    }

    fn set_stroke(&self, c: BackendColor, width: u32) {
        self.ctx.set_stroke_style_str(&css(c));
        self.ctx.set_line_width(f64::from(width.max(1)));
    }
}

fn css(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("rgba({r},{g},{b},{})", decimal(c.alpha.clamp(0.0, 1.0), 3))
}

/// Odd-width strokes on whole coordinates straddle two pixels; shifting half a pixel keeps
/// 1 px lines crisp.
fn align(v: i32, width: u32) -> f64 {
    if width % 2 == 1 {
        f64::from(v) + 0.5
    } else {
        f64::from(v)
    }
}

fn js_err(e: wasm_bindgen::JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(format!("{e:?}")))
}

impl DrawingBackend for CanvasBackend<'_> {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result {
        if self.paints(c) {
            self.set_fill(c);
            self.ctx.fill_rect(f64::from(p.0), f64::from(p.1), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        let c = style.color();
        if !self.paints(c) {
            return Ok(());
        }
        let (x, y) = (f64::from(a.0.min(b.0)), f64::from(a.1.min(b.1)));
        let (w, h) = (f64::from((b.0 - a.0).abs()), f64::from((b.1 - a.1).abs()));
        if fill {
            self.set_fill(c);
            self.ctx.fill_rect(x, y, w, h);
        } else {
            let sw = style.stroke_width();
            self.set_stroke(c, sw);
            self.ctx
                .stroke_rect(align(a.0.min(b.0), sw), align(a.1.min(b.1), sw), w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        let c = style.color();
        if !self.paints(c) {
            return Ok(());
        }
        let sw = style.stroke_width();
        self.set_stroke(c, sw);
        self.ctx.set_line_join("round");
        self.trace(path.into_iter().map(|(x, y)| (align(x, sw), align(y, sw))));
        self.ctx.stroke();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        let c = style.color();
        if !self.paints(c) {
            return Ok(());
        }
        self.set_fill(c);
        self.trace(vert.into_iter().map(|(x, y)| (f64::from(x), f64::from(y))));
        self.ctx.close_path();
        self.ctx.fill();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        let c = style.color();
        if !self.paints(c) {
            return Ok(());
        }
        self.ctx.begin_path();
        self.ctx
            .arc(
                f64::from(center.0),
                f64::from(center.1),
                f64::from(radius),
                0.0,
                std::f64::consts::TAU,
            )
            .map_err(js_err)?;
        if fill {
            self.set_fill(c);
            self.ctx.fill();
        } else {
            self.set_stroke(c, style.stroke_width());
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result {
        let c = style.color();
        if !self.paints(c) {
            return Ok(());
        }
        let weight = match style.style() {
            FontStyle::Bold => "bold ",
            FontStyle::Italic => "italic ",
            FontStyle::Oblique => "oblique ",
            FontStyle::Normal => "",
        };
        // Same size rule as plotters' SVG backend, so canvas and SVG agree.
        let px = style.size() / PLOTTERS_FONT_SCALE;
        self.ctx.set_font(&format!(
            "{weight}{}px {}",
            decimal(px, 3),
            style.family().as_str()
        ));
        self.ctx.set_text_align(match style.anchor().h_pos {
            HPos::Left => "left",
            HPos::Center => "center",
            HPos::Right => "right",
        });
        // Engines place "top", "middle" and "bottom" differently: Chromium and Firefox on the
        // font's em box, WebKit on its ascent and descent (an eighth of an em lower for "top",
        // a fourteenth for "middle"). The alphabetic baseline is the same everywhere, so the em
        // box is applied here.
        self.ctx.set_text_baseline("alphabetic");
        let baseline = f64::from(pos.1)
            + px * match style.anchor().v_pos {
                VPos::Top => EM_OVER,
                VPos::Center => (EM_OVER - EM_UNDER) / 2.0,
                VPos::Bottom => -EM_UNDER,
            };
        self.set_fill(c);
        self.ctx
            .fill_text(text, f64::from(pos.0), baseline)
            .map_err(js_err)
    }
}
