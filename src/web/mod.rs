//! The browser side: the only module that touches wasm-bindgen, web-sys and
//! serde-wasm-bindgen. It owns canvases and observers; every decision is made by the plain
//! Rust modules it calls.

mod canvas;
#[cfg(feature = "extras")]
mod extras;
#[cfg(feature = "extras")]
mod mount;
mod tooltip;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, CustomEvent, CustomEventInit, Event, EventTarget, HtmlCanvasElement,
    KeyboardEvent, Node, PointerEvent, ResizeObserver,
};

use crate::charts::{self, Emphasis, Layout, Rect, TextScale, Theme, Transition};
use crate::data::Dataset;
use crate::describe;
use crate::view::{ChartKind, ThemeChoice, View};
use canvas::CanvasBackend;
use tooltip::{Mode, Tooltip};

#[cfg(feature = "extras")]
pub use extras::{chart_csv, chart_svg, dataset_json};
#[cfg(feature = "extras")]
pub use mount::{mount, Mount};

/// Length of the bar animation when a chart appears or its scale changes.
const ANIMATION_MS: f64 = 300.0;
/// Pixel ratio charts are drawn at for printing.
const PRINT_DPR: f64 = 3.0;
/// How long hover details outlive the pointer leaving their bar.
const HIDE_DELAY_MS: i32 = 400;

/// Largest backing store drawn, in device pixels: a 10,000 px wide mount at DPR 3 must not
/// ask for gigabytes.
const MAX_BACKING_PIXELS: f64 = 16_000_000.0;
/// Highest device pixel ratio honoured; beyond it nothing gets visibly sharper.
const MAX_DPR: f64 = 4.0;

thread_local! {
    static PANICKED: Cell<bool> = const { Cell::new(false) };
    static DATASET: RefCell<Option<Rc<Dataset>>> = const { RefCell::new(None) };
}

/// Installs the panic hook when the module loads: a panic is logged, remembered for
/// [`ChartHandle::has_panicked`], and announced as a `coalition-panic` event on `window` so
/// the page can replace the charts with a readable message.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        report_panic(&format!("The chart stopped working: {info}"));
    }));
}

/// What the panic hook does with a panic's message: remember it for `hasPanicked`, log it,
/// and announce it to the page. Separate from the hook so it can be tested without a panic.
#[doc(hidden)]
pub fn report_panic(message: &str) {
    PANICKED.with(|p| p.set(true));
    web_sys::console::error_1(&JsValue::from_str(message));
    if let Some(window) = web_sys::window() {
        let init = CustomEventInit::new();
        init.set_detail(&JsValue::from_str(message));
        if let Ok(event) = CustomEvent::new_with_event_init_dict("coalition-panic", &init) {
            let _ = window.dispatch_event(&event);
        }
    }
}

/// The release's figures, made once and shared by every chart of the page.
fn dataset() -> Rc<Dataset> {
    DATASET.with(|cell| {
        Rc::clone(
            cell.borrow_mut()
                .get_or_insert_with(|| Rc::new(Dataset::built_in())),
        )
    })
}

/// Sets `object[key]`; setting a property on a plain object cannot fail.
fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// Reads a query string into `{ chart, scale, display, theme, focus, embed, notitle, data,
/// warnings }`.
/// Never throws for any query: what it cannot use is left at its default and described in
/// `warnings`.
#[wasm_bindgen(js_name = parseView)]
pub fn parse_view(query: &str) -> Result<JsValue, JsError> {
    let (view, warnings) = View::from_query(query);
    let out = js_sys::Object::new();
    set(&out, "chart", &view.chart.id().into());
    set(&out, "scale", &view.scale.id().into());
    set(&out, "display", &view.display.id().into());
    set(&out, "theme", &view.theme.id().into());
    set(
        &out,
        "focus",
        &view.focus.map_or(JsValue::UNDEFINED, JsValue::from),
    );
    set(&out, "embed", &view.embed.into());
    set(&out, "notitle", &view.notitle.into());
    set(
        &out,
        "data",
        &view.data.map_or(JsValue::UNDEFINED, JsValue::from),
    );
    let list = js_sys::Array::new();
    for w in &warnings {
        list.push(&JsValue::from(w.to_string()));
    }
    set(&out, "warnings", &list);
    Ok(out.into())
}

/// `object[key]` as a string, `None` when absent (undefined or null).
fn string_field(object: &JsValue, key: &str) -> Result<Option<String>, JsError> {
    let value = js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or_default();
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| JsError::new(&format!("view: {key} must be a string")))
}

/// `field: value is not one of allowed`, for a value `parse` does not know.
#[cfg(feature = "extras")]
fn pick<T>(
    field: &str,
    value: Option<String>,
    parse: fn(&str) -> Option<T>,
    allowed: &str,
) -> Result<Option<T>, JsError> {
    value
        .map(|v| {
            parse(&v)
                .ok_or_else(|| JsError::new(&format!("{field}: {v:?} is not one of {allowed}")))
        })
        .transpose()
}

/// Writes a view object (`{ chart, scale, display, theme, focus, embed, notitle, data }`,
/// every field optional) as a query string without `?`, naming only non-default values.
/// Throws on a value it does not know, naming the field and what is allowed: the object is
/// read by the query parser itself, so the page and the address follow one set of rules.
#[wasm_bindgen(js_name = viewToQuery)]
pub fn view_to_query(view: JsValue) -> Result<String, JsError> {
    if !view.is_object() {
        return Err(JsError::new("view: expected an object of strings"));
    }
    let mut query = String::new();
    for key in ["chart", "scale", "display", "theme", "focus", "data"] {
        if let Some(value) = string_field(&view, key)? {
            let value = String::from(js_sys::encode_uri_component(&value));
            query.push_str(&format!("&{key}={value}"));
        }
    }
    for key in ["embed", "notitle"] {
        let value = js_sys::Reflect::get(&view, &JsValue::from_str(key)).unwrap_or_default();
        match value.as_bool() {
            Some(on) => query.push_str(&format!("&{key}={}", u8::from(on))),
            None if value.is_undefined() || value.is_null() => {}
            None => return Err(JsError::new(&format!("view: {key} must be true or false"))),
        }
    }
    let (out, warnings) = View::from_query(&query);
    match warnings.first() {
        Some(warning) => Err(JsError::new(&format!("view: {warning}"))),
        None => Ok(out.to_query()),
    }
}

/// `focus` if it is a figure id by the query parser's rules, which are reused rather than
/// restated, else an error naming the field.
#[cfg(feature = "extras")]
fn figure_id(focus: String) -> Result<String, JsError> {
    let (parsed, warnings) = View::from_query(&format!("focus={focus}"));
    if !warnings.is_empty() || parsed.focus.as_deref() != Some(focus.as_str()) {
        return Err(JsError::new(&format!(
            "focus: {focus:?} is not a figure id (a-z, 0-9 and '-')"
        )));
    }
    Ok(focus)
}

/// The height the view's chart needs at `width` CSS pixels with text `scale` times as wide
/// as Arial's, laid out on a canvas backend that draws nothing (one copy of the chart code
/// serves sizing and drawing).
fn natural_height(
    ctx: &CanvasRenderingContext2d,
    data: &Dataset,
    view: &View,
    width: u32,
    scale: TextScale,
) -> Result<f64, charts::ChartError> {
    charts::natural_height_on(
        CanvasBackend::dry(ctx, (width.max(1), 1)),
        data,
        view,
        view.chart,
        scale,
    )
}

/// How much wider than Arial's the face is that this browser sets the charts' font stack in:
/// Arial or Liberation Sans give 1; DejaVu Sans (Linux without Liberation) or Roboto
/// (Android) more. Measured on the canvas, which draws the text, against the widths the
/// layout computes for the same samples.
fn measure_text_scale(ctx: &CanvasRenderingContext2d) -> TextScale {
    TextScale::measured(|sample, font| {
        ctx.set_font(font.css);
        ctx.measure_text(sample).map_or(f64::NAN, |m| m.width())
    })
}

/// The colours of a theme choice; the automatic one follows the system's setting now.
fn theme_for(choice: ThemeChoice) -> Theme {
    let dark = match choice {
        ThemeChoice::Auto => media("(prefers-color-scheme: dark)"),
        ThemeChoice::Light => false,
        ThemeChoice::Dark => true,
    };
    if dark {
        Theme::DARK
    } else {
        Theme::LIGHT
    }
}

fn media(query: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

struct Animation {
    from: Layout,
    start: f64,
}

/// An offscreen canvas holding the plain drawing.
struct Plain {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// It holds the current drawing; false after an animation frame or print drawing.
    current: bool,
}

struct State {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    kind: ChartKind,
    view: View,
    data: Rc<Dataset>,
    draws: u32,
    /// CSS width, height and pixel ratio of the last full drawing. A size change always
    /// comes through the resize observer, so repaints reuse it instead of reading the layout.
    drawn_size: Option<(i32, i32, f64)>,
    /// The theme of the last full drawing, which repaints must match.
    drawn_theme: Theme,
    /// A copy of the last full drawing without emphasis, at backing-store size, never
    /// attached: a change of hover or focus restores it and paints only the rings.
    plain: Option<Plain>,
    /// Where the rings now on the canvas painted (CSS pixels): what to restore to take them
    /// away.
    ringed: Vec<Rect>,
    layout: Option<Layout>,
    /// How much wider than Arial's the browser's face for the chart font is; measured when
    /// the chart starts and again once the document's fonts are ready.
    scale: TextScale,
    /// Mark under the pointer.
    hover: Option<usize>,
    /// Mark with keyboard focus.
    focus: Option<usize>,
    /// Mark whose tooltip is open.
    tip: Option<usize>,
    /// The tooltip stays open until dismissed (tap, Enter, Space or a share link).
    pinned: bool,
    animation: Option<Animation>,
    frame: Option<js_sys::Function>,
    frame_pending: bool,
    /// The tooltip changed and is to be measured in the next animation frame.
    settle_pending: bool,
    /// A resize that changes the canvas's height, drawn in the next animation frame.
    resize_pending: bool,
    tooltip: Tooltip,
    destroyed: bool,
    /// Where the pointer was when it opened the tooltip; keyboard tooltips have none.
    tip_at: Option<(f64, f64)>,
    /// The pinned details were pinned by a tap, so the next tap must reach the bar beneath.
    tapped: bool,
    /// The pointer is on the tooltip.
    over_tooltip: bool,
    hide_timer: Option<i32>,
    on_hide: Option<js_sys::Function>,
    /// The canvas holds a plain drawing not yet copied: copying flushes the canvas's drawing
    /// (several milliseconds the first time), so it waits for a timer after the drawing, or
    /// for the first repaint if that comes sooner, rather than delay the drawing itself.
    copy_due: bool,
    copy_timer: Option<i32>,
    on_copy: Option<js_sys::Function>,
    /// The height the chart needs for a width and view, kept so a hover redraw does not lay
    /// the chart out twice.
    natural: Option<(i32, View, f64)>,
    /// While printing: the pixel ratio to draw at, so paper gets a sharp chart.
    print_dpr: Option<f64>,
    /// Focus changes to announce to the page once the state is no longer borrowed: the
    /// page's listener calls back into this handle.
    outbox: Vec<Option<String>>,
}

impl State {
    fn theme(&self) -> Theme {
        theme_for(self.view.theme)
    }

    fn mark_id(&self, index: Option<usize>) -> Option<String> {
        let layout = self.layout.as_ref()?;
        layout.marks.get(index?).map(|m| m.figure.clone())
    }

    /// Animates from `from` to the current view, unless the reader asked for less motion.
    fn animate_from(&mut self, from: Layout) {
        if media("(prefers-reduced-motion: reduce)") {
            self.animation = None;
            return;
        }
        self.animation = Some(Animation { from, start: now() });
        self.request_frame();
    }

    fn request_frame(&mut self) {
        if self.frame_pending || self.destroyed {
            return;
        }
        if let (Some(window), Some(frame)) = (web_sys::window(), self.frame.as_ref()) {
            if window.request_animation_frame(frame).is_ok() {
                self.frame_pending = true;
            }
        }
    }

    /// The CSS height the chart needs at CSS width `css_w` in the current view.
    fn height_for(&mut self, css_w: i32) -> Result<f64, JsError> {
        match &self.natural {
            Some((w, v, h)) if *w == css_w && *v == self.view => Ok(*h),
            _ => {
                let h =
                    natural_height(&self.ctx, &self.data, &self.view, css_w as u32, self.scale)?;
                self.natural = Some((css_w, self.view.clone(), h));
                Ok(h)
            }
        }
    }

    /// Whether drawing now would change the canvas's CSS height to fit its width.
    fn height_changes(&mut self) -> Result<bool, JsError> {
        let css_w = self.canvas.client_width();
        if css_w <= 0 || self.destroyed {
            return Ok(false);
        }
        let want_h = self.height_for(css_w)?;
        Ok((f64::from(self.canvas.client_height()) - want_h).abs() > 0.5)
    }

    /// Sizes the canvas to its content at its current width and draws, unless it is hidden
    /// (zero width) or nothing changed since the last draw and `force` is false.
    fn draw(&mut self, force: bool) -> Result<(), JsError> {
        if self.destroyed {
            return Ok(());
        }
        let css_w = self.canvas.client_width();
        if css_w <= 0 {
            // Hidden: whatever changed meanwhile is drawn, fresh, when it is shown again.
            self.drawn_size = None;
            self.drop_plain();
            return Ok(());
        }
        let want_h = self.height_for(css_w)?;
        if (f64::from(self.canvas.client_height()) - want_h).abs() > 0.5 {
            self.canvas
                .style()
                .set_property(
                    "height",
                    &format!("{}px", crate::format::decimal(want_h, 2)),
                )
                .map_err(|_| JsError::new("could not size the canvas"))?;
        }
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
        let size = (css_w, css_h, dpr);
        if !force && self.drawn_size == Some(size) && self.animation.is_none() {
            return Ok(());
        }
        match self.drawn_size {
            None if self.animation.is_none() && self.print_dpr.is_none() => {
                // Bars grow in the first time a chart is seen (page load or its tab opening).
                self.animate_from(Layout::default());
            }
            Some((w, h, _)) if (w, h) != (css_w, css_h) => self.tooltip.forget_sizes(),
            _ => {}
        }
        self.paint(size)
    }

    /// Draws everything at `size` (CSS width, height, pixel ratio) and keeps a copy of the
    /// drawing without emphasis for repaints, unless it is an animation frame or for print.
    fn paint(&mut self, (css_w, css_h, dpr): (i32, i32, f64)) -> Result<(), JsError> {
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

        let progress = self
            .animation
            .as_ref()
            .map(|a| charts::ease((now() - a.start) / ANIMATION_MS));
        let transition = self
            .animation
            .as_ref()
            .zip(progress)
            .filter(|(_, p)| *p < 1.0)
            .map(|(a, progress)| Transition {
                from: &a.from,
                progress,
            });
        let keep = transition.is_none() && self.print_dpr.is_none();
        let theme = self.theme();
        let ctx = self.ctx.clone();
        let area = CanvasBackend::new(&ctx, (css_w as u32, css_h as u32)).into_drawing_area();
        let without_rings = Emphasis {
            transition,
            ..Emphasis::default()
        };
        let layout = charts::draw_scaled(
            &area,
            &self.data,
            &self.view,
            self.kind,
            theme,
            without_rings,
            self.scale,
        )?;
        self.layout = Some(layout);
        self.copy_due = false;
        if keep {
            if self.hover.is_some() || self.focus.is_some() {
                // Rings go on next: the plain drawing must be copied before them.
                self.keep_plain(bw, bh);
            } else {
                self.copy_due = true;
                self.schedule_copy();
            }
        }
        self.paint_emphasis(&area, theme)?;
        self.drawn_size = Some((css_w, css_h, dpr));
        self.drawn_theme = theme;
        match progress {
            Some(p) if p < 1.0 => self.request_frame(),
            Some(_) => self.animation = None,
            None => {}
        }
        self.drawn()
    }

    /// Repaints after a change of hover or focus: over the kept plain drawing only the rings
    /// change, so only they are painted, at the size of the last drawing. Without a current
    /// copy (mid-animation, printing) the whole chart is drawn at that size.
    fn repaint(&mut self) {
        if self.destroyed {
            return;
        }
        let Some(size) = self.drawn_size else {
            // Never drawn, or hidden: drawn in full when it can be.
            return self.redraw();
        };
        self.copy_if_due();
        let result = match &self.plain {
            Some(plain) if plain.current && self.animation.is_none() => {
                let (ctx, copy) = (self.ctx.clone(), plain.canvas.clone());
                self.paint_rings(&ctx, &copy, size)
            }
            _ => self.paint(size),
        };
        if let Err(e) = result {
            web_sys::console::error_1(&JsValue::from(e));
        }
    }

    /// Takes the rings off the canvas by restoring the plain drawing under them, and paints
    /// the rings the current hover and focus ask for.
    fn paint_rings(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        copy: &HtmlCanvasElement,
        (css_w, css_h, dpr): (i32, i32, f64),
    ) -> Result<(), JsError> {
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
            .map_err(scale_err)?;
        let area = CanvasBackend::new(ctx, (css_w as u32, css_h as u32)).into_drawing_area();
        self.paint_emphasis(&area, self.drawn_theme)?;
        self.drawn()
    }

    /// Paints the rings of the current hover and focus, last, over the drawing on `area`.
    fn paint_emphasis(
        &mut self,
        area: &DrawingArea<CanvasBackend<'_>, Shift>,
        theme: Theme,
    ) -> Result<(), JsError> {
        let highlight = self.mark_id(self.hover);
        let focus = self.mark_id(self.focus);
        let rings = Emphasis {
            highlight: highlight.as_deref(),
            focus: focus.as_deref(),
            transition: None,
        };
        if let Some(layout) = &self.layout {
            charts::draw_emphasis(area, layout, theme, &rings)?;
            self.ringed = charts::emphasis_bounds(layout, &rings);
        }
        Ok(())
    }

    /// Copies the plain drawing when it is still waiting to be copied; until then no ring has
    /// been painted over it.
    fn copy_if_due(&mut self) {
        if std::mem::take(&mut self.copy_due) {
            self.keep_plain(self.canvas.width(), self.canvas.height());
        }
    }

    fn schedule_copy(&mut self) {
        if self.copy_timer.is_some() {
            return;
        }
        if let (Some(window), Some(f)) = (web_sys::window(), self.on_copy.as_ref()) {
            self.copy_timer = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(f, 0)
                .ok();
        }
    }

    /// Copies the canvas, as just drawn without emphasis, into the offscreen canvas.
    fn keep_plain(&mut self, width: u32, height: u32) {
        if self.plain.is_none() {
            self.plain = self.canvas.owner_document().and_then(|d| {
                let canvas: HtmlCanvasElement = d.create_element("canvas").ok()?.dyn_into().ok()?;
                let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
                Some(Plain {
                    canvas,
                    ctx,
                    current: false,
                })
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
    fn drop_plain(&mut self) {
        self.copy_due = false;
        if let Some(plain) = self.plain.take() {
            plain.canvas.set_width(0);
            plain.canvas.set_height(0);
        }
        self.ringed.clear();
    }

    /// Measures the chart font again now that the document's fonts are ready, and lays the
    /// chart out again, once, if the face turned out wider or narrower than measured before.
    fn fonts_ready(&mut self) {
        let scale = measure_text_scale(&self.ctx);
        if scale == self.scale || self.destroyed {
            return;
        }
        self.scale = scale;
        self.natural = None;
        if self.drawn_size.is_some() {
            if let Err(e) = self.draw(true) {
                web_sys::console::error_1(&JsValue::from(e));
            }
        }
    }

    /// Counts a drawing, tells the page (`data-drawn`), and moves the tooltip with its bar.
    fn drawn(&mut self) -> Result<(), JsError> {
        self.draws += 1;
        self.canvas
            .set_attribute("data-drawn", &self.draws.to_string())
            .map_err(|_| JsError::new("could not mark the canvas drawn"))?;
        self.place_tooltip();
        Ok(())
    }

    /// Shows the tooltip of `tip` where its bar now is, or hides it. Reads no layout: when
    /// the tooltip changed, it is measured in the next animation frame.
    fn place_tooltip(&mut self) {
        let Some(layout) = self.layout.as_ref() else {
            return self.tooltip.hide();
        };
        let mark = self.tip.and_then(|i| layout.marks.get(i).map(|m| (i, m)));
        match mark.and_then(|(i, m)| self.data.figure(&m.figure).map(|f| (i, m, f))) {
            Some((index, mark, figure)) => {
                let mode = match (self.pinned, self.tapped) {
                    (false, _) => Mode::Passing,
                    (true, false) => Mode::Pinned,
                    (true, true) => Mode::Tapped,
                };
                if self.tooltip.show(
                    &mark.figure,
                    || describe::details(figure),
                    mode,
                    (index, self.tip_at),
                    (&layout.marks, layout.height),
                ) {
                    self.settle_pending = true;
                    self.request_frame();
                }
            }
            None => self.tooltip.hide(),
        }
    }

    fn set_tip(&mut self, tip: Option<usize>, pinned: bool) {
        self.tip = tip;
        self.pinned = pinned && tip.is_some();
    }

    fn redraw(&mut self) {
        if let Err(e) = self.draw(true) {
            web_sys::console::error_1(&JsValue::from(e));
        }
    }

    /// Queues word to the page of which figure has focus, so it can keep it in the share link.
    fn emit_focus(&mut self) {
        let id = self.mark_id(self.focus).or_else(|| {
            if self.pinned {
                self.mark_id(self.tip)
            } else {
                None
            }
        });
        self.outbox.push(id);
    }

    fn mark_count(&self) -> usize {
        self.layout.as_ref().map_or(0, |l| l.marks.len())
    }

    fn move_focus(&mut self, to: usize) {
        let total = self.mark_count();
        if total == 0 {
            return;
        }
        let to = to.min(total - 1);
        self.focus = Some(to);
        self.tip_at = None;
        let pinned = self.pinned;
        self.set_tip(Some(to), pinned);
        self.repaint();
        if let Some(figure) = self.mark_id(Some(to)).and_then(|id| self.data.figure(&id)) {
            self.tooltip
                .announce(&describe::announcement(figure, to + 1, total));
        }
        self.emit_focus();
    }

    fn on_pointer_move(&mut self, e: &PointerEvent) {
        let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
        let hit = self.layout.as_ref().and_then(|l| l.hit(x, y));
        if hit == self.hover {
            return;
        }
        match hit {
            Some(i) => {
                self.cancel_hide();
                self.hover = Some(i);
                if !self.pinned {
                    self.tip_at = Some((x, y));
                    self.set_tip(Some(i), false);
                }
                self.repaint();
            }
            None => self.leave(),
        }
    }

    /// Closes hover details after a moment, so a pointer on its way to the tooltip across
    /// a little empty space does not lose it (WCAG 1.4.13: hoverable).
    fn schedule_hide(&mut self) {
        self.cancel_hide();
        if let (Some(window), Some(f)) = (web_sys::window(), self.on_hide.as_ref()) {
            self.hide_timer = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(f, HIDE_DELAY_MS)
                .ok();
        }
    }

    fn cancel_hide(&mut self) {
        if let (Some(window), Some(id)) = (web_sys::window(), self.hide_timer.take()) {
            window.clear_timeout_with_handle(id);
        }
    }

    fn hide_now_if_idle(&mut self) {
        self.hide_timer = None;
        if self.hover.is_none() && !self.pinned && !self.over_tooltip && self.focus.is_none() {
            self.set_tip(None, false);
            self.place_tooltip();
        }
    }

    fn on_pointer_leave(&mut self, related: Option<Node>) {
        // Moving onto the tooltip keeps it (WCAG 1.4.13: hoverable).
        if self.tooltip.contains(related.as_ref()) {
            return;
        }
        self.leave();
    }

    fn leave(&mut self) {
        if self.hover.is_some() {
            self.hover = None;
            self.repaint();
        }
        if !self.pinned && self.focus.is_none() && self.tip.is_some() {
            self.schedule_hide();
        }
    }

    fn on_pointer_down(&mut self, e: &PointerEvent) {
        let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
        let hit = self.layout.as_ref().and_then(|l| l.hit(x, y));
        // A tap (or click) pins the details of what is under it; on empty space it closes them.
        self.cancel_hide();
        self.tip_at = Some((x, y));
        self.tapped = e.pointer_type() == "touch";
        match hit {
            Some(i) if self.pinned && self.tip == Some(i) => self.set_tip(None, false),
            Some(i) => self.set_tip(Some(i), true),
            None => self.set_tip(None, false),
        }
        self.hover = hit;
        self.repaint();
        self.emit_focus();
    }

    fn on_key(&mut self, e: &KeyboardEvent) {
        let total = self.mark_count();
        let current = self.focus;
        let next = match e.key().as_str() {
            "ArrowRight" | "ArrowDown" => {
                Some(current.map_or(0, |i| (i + 1).min(total.saturating_sub(1))))
            }
            "ArrowLeft" | "ArrowUp" => Some(current.map_or(0, |i| i.saturating_sub(1))),
            "Home" => Some(0),
            "End" => Some(total.saturating_sub(1)),
            "Enter" | " " => {
                let at = current.unwrap_or(0);
                self.tapped = false;
                let pin = !(self.pinned && self.tip == Some(at));
                self.focus = Some(at);
                self.set_tip(Some(at), pin);
                self.repaint();
                self.emit_focus();
                e.prevent_default();
                return;
            }
            "Escape" => {
                self.dismiss();
                e.prevent_default();
                return;
            }
            _ => None,
        };
        if let Some(to) = next {
            e.prevent_default();
            self.move_focus(to);
        }
    }

    /// Escape: closes the tooltip and drops the focus ring (WCAG 1.4.13: dismissible).
    fn dismiss(&mut self) {
        let had = self.tip.is_some() || self.focus.is_some();
        self.focus = None;
        self.set_tip(None, false);
        if had {
            self.repaint();
            self.emit_focus();
        } else {
            self.place_tooltip();
        }
    }

    fn on_focus(&mut self) {
        // Only keyboard focus shows a datum; a click's focus is handled by the pointer.
        if self.canvas.matches(":focus-visible").unwrap_or(false) {
            self.move_focus(self.focus.unwrap_or(0));
        }
    }

    fn on_blur(&mut self) {
        if self.focus.is_some() {
            self.focus = None;
            if !self.pinned {
                let hover = self.hover;
                self.set_tip(hover, false);
            }
            self.repaint();
        }
    }

    /// Applies a share link's `focus=`: opens that figure's details, if this chart has it.
    fn apply_focus(&mut self, id: Option<&str>) {
        let Some(id) = id else { return };
        if let Some(i) = self.layout.as_ref().and_then(|l| l.index_of(id)) {
            if self.tip != Some(i) {
                self.tapped = false;
                self.tip_at = None;
                self.set_tip(Some(i), true);
                self.repaint();
            }
        }
    }
}

/// Dispatches queued `coalition-focus` events, with the state released.
fn flush(state: &Rc<RefCell<State>>) {
    let (canvas, outbox) = match state.try_borrow_mut() {
        Ok(mut s) => (s.canvas.clone(), std::mem::take(&mut s.outbox)),
        Err(_) => return,
    };
    for id in outbox {
        let init = CustomEventInit::new();
        init.set_detail(&id.map_or(JsValue::NULL, |s| JsValue::from_str(&s)));
        init.set_bubbles(true);
        if let Ok(event) = CustomEvent::new_with_event_init_dict("coalition-focus", &init) {
            let _ = canvas.dispatch_event(&event);
        }
    }
}

/// An event listener the handle added, so `destroy` can take it away again.
struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(Event)>,
}

/// Calls `f` with the chart's state for each `kind` event on `target`. `f` is a plain
/// function, not a closure type of its own: every listener then shares one copy of this
/// wrapper in the wasm instead of carrying one per event, which is most of a kilobyte
/// gzipped over the handle's fifteen listeners.
fn listen(
    target: &EventTarget,
    kind: &'static str,
    capture: bool,
    state: &Rc<RefCell<State>>,
    f: fn(&mut State, Event),
) -> Result<Listener, JsError> {
    let weak = Rc::downgrade(state);
    let callback = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        if let Some(state) = weak.upgrade() {
            // A re-entrant event (e.g. focus moved by our own redraw) is skipped, not a panic.
            if let Ok(mut inner) = state.try_borrow_mut() {
                if !inner.destroyed {
                    f(&mut inner, event);
                }
            }
            flush(&state);
        }
    });
    target
        .add_event_listener_with_callback_and_bool(kind, callback.as_ref().unchecked_ref(), capture)
        .map_err(|_| JsError::new(&format!("could not listen for {kind}")))?;
    Ok(Listener {
        target: target.clone(),
        kind,
        capture,
        callback,
    })
}

/// One chart on one canvas. It watches the canvas's size and redraws on change, answers the
/// pointer, touch and keyboard with tooltips, and animates changes; call `destroy` when
/// removing the canvas.
#[wasm_bindgen]
pub struct ChartHandle {
    state: Rc<RefCell<State>>,
    observer: ResizeObserver,
    listeners: RefCell<Vec<Listener>>,
    // Kept alive for as long as the browser may call them.
    _on_resize: Closure<dyn FnMut()>,
    _on_frame: Closure<dyn FnMut()>,
    _on_hide: Closure<dyn FnMut()>,
    _on_copy: Closure<dyn FnMut()>,
}

#[wasm_bindgen]
impl ChartHandle {
    /// Starts chart `chart` (`funding`, `liberation` or `returns`) on `canvas`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, chart: &str) -> Result<ChartHandle, JsError> {
        let kind = chart_kind(chart)?;
        ChartHandle::start(
            canvas,
            kind,
            dataset(),
            View {
                chart: kind,
                ..View::default()
            },
        )
    }
}

/// `chart` as a chart kind, or an error naming what is allowed.
fn chart_kind(chart: &str) -> Result<ChartKind, JsError> {
    ChartKind::from_id(chart).ok_or_else(|| {
        JsError::new(&format!(
            "chart: {chart:?} is not one of funding, liberation, returns"
        ))
    })
}

impl ChartHandle {
    /// Starts chart `kind` on `canvas` with `data`, in `view`.
    fn start(
        canvas: HtmlCanvasElement,
        kind: ChartKind,
        data: Rc<Dataset>,
        view: View,
    ) -> Result<ChartHandle, JsError> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| JsError::new("this browser gives no 2D canvas"))?;
        let tooltip = Tooltip::new(&canvas)
            .map_err(|e| JsError::new(&format!("could not add the chart's tooltip: {e:?}")))?;
        if !canvas.has_attribute("tabindex") {
            canvas.set_tab_index(0);
        }
        // Installed faces are ready at once, so the first drawing is usually in the right
        // metrics already; a face still loading (a host page's web font under one of the
        // stack's names) is measured again when the fonts are ready.
        let scale = measure_text_scale(&ctx);
        let state = Rc::new(RefCell::new(State {
            canvas: canvas.clone(),
            ctx,
            kind,
            view: View {
                chart: kind,
                ..view
            },
            data,
            draws: 0,
            drawn_size: None,
            drawn_theme: Theme::LIGHT,
            plain: None,
            ringed: Vec::new(),
            layout: None,
            scale,
            hover: None,
            focus: None,
            tip: None,
            pinned: false,
            animation: None,
            frame: None,
            frame_pending: false,
            settle_pending: false,
            resize_pending: false,
            tooltip,
            destroyed: false,
            tip_at: None,
            tapped: false,
            over_tooltip: false,
            hide_timer: None,
            on_hide: None,
            copy_due: false,
            copy_timer: None,
            on_copy: None,
            outbox: Vec::new(),
            print_dpr: None,
            natural: None,
        }));

        let weak = Rc::downgrade(&state);
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            if let Some(state) = weak.upgrade() {
                if let Ok(mut state) = state.try_borrow_mut() {
                    // A size changed inside this callback is one the browser cannot report in
                    // this frame, which it signals with an error event on the window
                    // ("ResizeObserver loop completed with undelivered notifications"), seen by
                    // a host page's error monitor. So a drawing that changes the canvas's
                    // height waits for the next frame.
                    let drawn = match state.height_changes() {
                        Ok(true) => {
                            state.resize_pending = true;
                            state.request_frame();
                            Ok(())
                        }
                        Ok(false) => state.draw(false),
                        Err(e) => Err(e),
                    };
                    if let Err(e) = drawn {
                        web_sys::console::error_1(&JsValue::from(e));
                    }
                }
            }
        });
        let weak = Rc::downgrade(&state);
        let on_frame = Closure::<dyn FnMut()>::new(move || {
            if let Some(state) = weak.upgrade() {
                if let Ok(mut state) = state.try_borrow_mut() {
                    state.frame_pending = false;
                    if std::mem::take(&mut state.resize_pending) && state.animation.is_none() {
                        if let Err(e) = state.draw(false) {
                            web_sys::console::error_1(&JsValue::from(e));
                        }
                    } else if state.animation.is_some() {
                        state.redraw();
                    }
                    if std::mem::take(&mut state.settle_pending) && !state.destroyed {
                        if let Some(layout) = &state.layout {
                            state
                                .tooltip
                                .settle(&state.canvas, (&layout.marks, layout.height));
                        }
                    }
                }
            }
        });
        state.borrow_mut().frame = Some(
            on_frame
                .as_ref()
                .unchecked_ref::<js_sys::Function>()
                .clone(),
        );
        let weak = Rc::downgrade(&state);
        let on_hide = Closure::<dyn FnMut()>::new(move || {
            if let Some(state) = weak.upgrade() {
                if let Ok(mut state) = state.try_borrow_mut() {
                    state.hide_now_if_idle();
                }
            }
        });
        state.borrow_mut().on_hide =
            Some(on_hide.as_ref().unchecked_ref::<js_sys::Function>().clone());
        let weak = Rc::downgrade(&state);
        let on_copy = Closure::<dyn FnMut()>::new(move || {
            if let Some(state) = weak.upgrade() {
                if let Ok(mut state) = state.try_borrow_mut() {
                    state.copy_timer = None;
                    state.copy_if_due();
                }
            }
        });
        state.borrow_mut().on_copy =
            Some(on_copy.as_ref().unchecked_ref::<js_sys::Function>().clone());

        let target: &EventTarget = canvas.as_ref();
        let window: EventTarget = web_sys::window()
            .ok_or_else(|| JsError::new("no window"))?
            .into();
        let document: EventTarget = canvas
            .owner_document()
            .ok_or_else(|| JsError::new("the canvas is not in a document"))?
            .into();
        let mut listeners = vec![
            listen(target, "pointermove", false, &state, |s, e| {
                if let Some(e) = e.dyn_ref::<PointerEvent>() {
                    // Touch has no hover: a tap is handled on pointerdown.
                    if e.pointer_type() != "touch" {
                        s.on_pointer_move(e);
                    }
                }
            })?,
            listen(target, "pointerleave", false, &state, |s, e| {
                let related = e
                    .dyn_ref::<PointerEvent>()
                    .and_then(|e| e.related_target())
                    .and_then(|t| t.dyn_into::<Node>().ok());
                s.on_pointer_leave(related);
            })?,
            listen(target, "pointerdown", false, &state, |s, e| {
                if let Some(e) = e.dyn_ref::<PointerEvent>() {
                    s.on_pointer_down(e);
                }
            })?,
            listen(target, "keydown", false, &state, |s, e| {
                if let Some(e) = e.dyn_ref::<KeyboardEvent>() {
                    s.on_key(e);
                }
            })?,
            listen(target, "focus", false, &state, |s, _| s.on_focus())?,
            listen(target, "blur", false, &state, |s, _| s.on_blur())?,
            // A tap or click anywhere else closes pinned details.
            listen(&document, "pointerdown", true, &state, |s, e| {
                let node = e.target().and_then(|t| t.dyn_into::<Node>().ok());
                // Controls marked data-keep-details (e.g. Copy link) leave pinned details
                // open, so the link they copy still names the figure.
                let keeps = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("[data-keep-details]").ok().flatten())
                    .is_some();
                let inside =
                    keeps || s.canvas.contains(node.as_ref()) || s.tooltip.contains(node.as_ref());
                if !inside && s.tip.is_some() {
                    s.set_tip(None, false);
                    s.hover = None;
                    s.repaint();
                    s.emit_focus();
                }
            })?,
            // Escape closes the details wherever focus is (WCAG 1.4.13: dismissible).
            listen(&window, "keydown", false, &state, |s, e| {
                if let Some(k) = e.dyn_ref::<KeyboardEvent>() {
                    if k.key() == "Escape"
                        && s.tooltip.is_open()
                        && !s
                            .canvas
                            .contains(k.target().and_then(|t| t.dyn_into::<Node>().ok()).as_ref())
                    {
                        s.dismiss();
                    }
                }
            })?,
        ];
        {
            let tip_target: EventTarget = state.borrow().tooltip_root();
            listeners.push(listen(
                &tip_target,
                "pointerleave",
                false,
                &state,
                |s, e| {
                    let related = e
                        .dyn_ref::<PointerEvent>()
                        .and_then(|e| e.related_target())
                        .and_then(|t| t.dyn_into::<Node>().ok());
                    s.over_tooltip = false;
                    if !s.canvas.contains(related.as_ref()) {
                        s.leave();
                    }
                },
            )?);
            listeners.push(listen(
                &tip_target,
                "pointerenter",
                false,
                &state,
                |s, _| {
                    s.over_tooltip = true;
                    s.cancel_hide();
                },
            )?);
        }
        // Printers resolve far finer than screens: redraw at print resolution, then back.
        listeners.push(listen(&window, "beforeprint", false, &state, |s, _| {
            s.print_dpr = Some(PRINT_DPR);
            s.animation = None;
            s.redraw();
        })?);
        listeners.push(listen(&window, "afterprint", false, &state, |s, _| {
            s.print_dpr = None;
            s.redraw();
        })?);
        // A face that was still loading when the chart started (a host page's web font under
        // one of the stack's names) is measured once the document's fonts have loaded.
        if let Some(document) = canvas.owner_document() {
            listeners.push(listen(
                &document.fonts(),
                "loadingdone",
                false,
                &state,
                |s, _| s.fonts_ready(),
            )?);
        }
        if let Some(scheme) = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        {
            // In the automatic theme the chart follows the system's switch at once.
            listeners.push(listen(&scheme, "change", false, &state, |s, _| {
                if s.view.theme == ThemeChoice::Auto {
                    s.redraw();
                }
            })?);
        }

        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())
            .map_err(|_| JsError::new("this browser has no ResizeObserver"))?;
        observer.observe(&canvas);
        Ok(ChartHandle {
            state,
            observer,
            listeners: RefCell::new(listeners),
            _on_resize: on_resize,
            _on_frame: on_frame,
            _on_hide: on_hide,
            _on_copy: on_copy,
        })
    }
}

#[wasm_bindgen]
impl ChartHandle {
    /// Applies a view query (`chart=…&scale=…&theme=…&focus=…`); redraws when what this
    /// chart shows changed, animating a change of scale.
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&self, query: &str) -> Result<(), JsError> {
        let (view, _) = View::from_query(query);
        let mut state = self.state.try_borrow_mut().map_err(|_| {
            JsError::new("setView was called while the chart was handling an event")
        })?;
        let next = View {
            chart: state.kind,
            ..view
        };
        let focus = next.focus.clone();
        if next != state.view {
            let rescaled = next.scale != state.view.scale && state.kind == ChartKind::Funding;
            state.view = next;
            if rescaled {
                if let Some(from) = state.layout.clone() {
                    state.animate_from(from);
                }
            }
            state.draw(true)?;
        }
        state.apply_focus(focus.as_deref());
        Ok(())
    }

    /// Draws again now.
    pub fn redraw(&self) -> Result<(), JsError> {
        match self.state.try_borrow_mut() {
            Ok(mut state) => state.draw(true),
            Err(_) => Err(JsError::new(
                "redraw was called while the chart was handling an event",
            )),
        }
    }

    /// What the last drawing placed where (CSS pixels), for tests and tools.
    pub fn layout(&self) -> Result<JsValue, JsError> {
        let state = self
            .state
            .try_borrow()
            .map_err(|_| JsError::new("layout was asked for while the chart was drawing"))?;
        Ok(serde_wasm_bindgen::to_value(&state.layout)?)
    }

    /// The figure id at a point of the canvas (CSS pixels), or `undefined`.
    #[wasm_bindgen(js_name = figureAt)]
    pub fn figure_at(&self, x: f64, y: f64) -> Option<String> {
        let state = self.state.try_borrow().ok()?;
        let layout = state.layout.as_ref()?;
        layout.hit(x, y).map(|i| layout.marks[i].figure.clone())
    }

    /// How many times the chart has been drawn (animation frames and repaints for a change
    /// of hover or focus included).
    pub fn draws(&self) -> u32 {
        self.state.try_borrow().map_or(0, |s| s.draws)
    }

    /// The chart as a PNG data URL at `scale` × its displayed size (2 for a sharp download).
    pub fn png(&self, scale: f64) -> Result<String, JsError> {
        let state = self
            .state
            .try_borrow()
            .map_err(|_| JsError::new("png() was called while the chart was drawing"))?;
        let scale = if scale.is_finite() {
            scale.clamp(1.0, 4.0)
        } else {
            2.0
        };
        let width = state.canvas.client_width().max(1);
        // Drawn by this browser, so in its face: laid out at the chart's text scale.
        let height = natural_height(
            &state.ctx,
            &state.data,
            &state.view,
            width as u32,
            state.scale,
        )?
        .ceil() as i32;
        let document = state
            .canvas
            .owner_document()
            .ok_or_else(|| JsError::new("the canvas is not in a document"))?;
        let canvas: HtmlCanvasElement = document
            .create_element("canvas")
            .ok()
            .and_then(|e| e.dyn_into().ok())
            .ok_or_else(|| JsError::new("could not create a canvas"))?;
        canvas.set_width((f64::from(width) * scale).round() as u32);
        canvas.set_height((f64::from(height) * scale).round() as u32);
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| JsError::new("this browser gives no 2D canvas"))?;
        ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0)
            .map_err(|_| JsError::new("could not scale the canvas"))?;
        let backend = CanvasBackend::new(&ctx, (width as u32, height as u32));
        charts::draw_scaled(
            &backend.into_drawing_area(),
            &state.data,
            &state.view,
            state.kind,
            state.theme(),
            Emphasis::default(),
            state.scale,
        )?;
        canvas
            .to_data_url_with_type("image/png")
            .map_err(|_| JsError::new("the browser could not encode the PNG"))
    }

    /// A download file name for this chart: `coalition-2017-funding.svg` for `ext` "svg".
    #[wasm_bindgen(js_name = fileName)]
    pub fn file_name(&self, ext: &str) -> String {
        let kind = self.state.try_borrow().map(|s| s.kind).unwrap_or_default();
        let ext: String = ext
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(8)
            .collect();
        crate::export::file_name(kind, &ext)
    }

    /// Removes every listener, observer and element this handle added; it does nothing
    /// afterwards.
    pub fn destroy(&self) {
        self.observer.disconnect();
        for l in self.listeners.take() {
            let _ = l.target.remove_event_listener_with_callback_and_bool(
                l.kind,
                l.callback.as_ref().unchecked_ref(),
                l.capture,
            );
        }
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.cancel_hide();
            state.destroyed = true;
            state.animation = None;
            state.tooltip.remove();
            state.drop_plain();
        }
    }

    /// True once any Rust code on the page has panicked; the charts may then be stale.
    #[wasm_bindgen(js_name = hasPanicked)]
    pub fn has_panicked(&self) -> bool {
        PANICKED.with(Cell::get)
    }
}

impl State {
    fn tooltip_root(&self) -> EventTarget {
        self.tooltip.root().clone().into()
    }
}

impl Drop for ChartHandle {
    /// A handle the page let go of stops listening rather than leave the browser calling
    /// closures that no longer exist.
    fn drop(&mut self) {
        self.destroy();
    }
}
