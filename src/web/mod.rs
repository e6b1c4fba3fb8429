//! The browser side: the only module that touches wasm-bindgen, web-sys and
//! serde-wasm-bindgen. It owns canvases and observers; every decision is made by the plain
//! Rust modules it calls.

mod canvas;
mod chart;
mod events;
#[cfg(feature = "extras")]
mod extras;
#[cfg(feature = "extras")]
mod mount;
mod runner;
mod surface;
mod tooltip;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, HtmlCanvasElement};

use crate::charts::{self, Emphasis};
use crate::data::Dataset;
use crate::format::quoted;
use crate::interaction::Input;
use crate::links;
use crate::view::{ChartKind, View};
use canvas::CanvasBackend;
#[cfg(feature = "extras")]
use chart::theme_for;
pub use runner::ChartHandle;
use surface::{natural_height, new_canvas};

#[cfg(feature = "extras")]
pub use extras::{chart_csv, chart_svg, dataset_json};
#[cfg(feature = "extras")]
pub use mount::{mount, Mount};

/// The allocator: talc rather than the standard library's dlmalloc, which is 2.7 KB more of
/// the viewer's gzipped wasm. The module runs on one thread (no `atomics`).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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
        dispatch(
            &window,
            "coalition-panic",
            &JsValue::from_str(message),
            false,
        );
    }
}

/// Sends the page a `name` event with `detail` from `target`.
fn dispatch(target: &web_sys::EventTarget, name: &str, detail: &JsValue, bubbles: bool) {
    let init = CustomEventInit::new();
    init.set_detail(detail);
    init.set_bubbles(bubbles);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
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

/// A layout as the plain object its serde form describes (`{ width, height, content_height,
/// marks: [{ figure, bar, extent, label, hit, text }], text_scale }`), built by hand: in the
/// viewer this is serde-wasm-bindgen's only use, and its serializer (with its string cache)
/// would weigh more than these lines.
fn layout_to_js(layout: &charts::Layout) -> JsValue {
    let rect = |r: &charts::Rect| {
        let out = js_sys::Object::new();
        for (key, value) in [("x", r.x), ("y", r.y), ("w", r.w), ("h", r.h)] {
            set(&out, key, &value.into());
        }
        out
    };
    let marks = js_sys::Array::new();
    for m in &layout.marks {
        let mark = js_sys::Object::new();
        set(&mark, "figure", &m.figure.as_str().into());
        set(&mark, "bar", &rect(&m.bar));
        set(&mark, "extent", &rect(&m.extent));
        set(&mark, "label", &rect(&m.label));
        set(&mark, "hit", &rect(&m.hit));
        set(&mark, "text", &m.text.as_str().into());
        marks.push(&mark);
    }
    let out = js_sys::Object::new();
    set(&out, "width", &layout.width.into());
    set(&out, "height", &layout.height.into());
    set(&out, "content_height", &layout.content_height.into());
    set(&out, "marks", &marks);
    set(&out, "text_scale", &layout.text_scale.into());
    out.into()
}

/// Reads a query string into `{ chart, scale, display, theme, focus, embed, notitle, data,
/// warnings }`. On a chart's own page (`page_chart`, its chart's id), `path` is the page's
/// path, whose folder names the chart (`links::location_query`).
/// Never throws for any query: what it cannot use is left at its default and described in
/// `warnings`.
#[wasm_bindgen(js_name = parseView)]
pub fn parse_view(
    query: &str,
    path: Option<String>,
    page_chart: Option<String>,
) -> Result<JsValue, JsError> {
    let page_chart = page_chart.as_deref().and_then(ChartKind::from_id);
    let query = links::location_query(path.as_deref().unwrap_or(""), query, page_chart);
    let (view, warnings) = View::from_query(&query);
    let out = js_sys::Object::new();
    set(&out, "chart", &view.chart.id().into());
    set(&out, "scale", &view.scale.id().into());
    set(&out, "display", &view.display.id().into());
    set(&out, "theme", &view.theme.id().into());
    set(
        &out,
        "focus",
        &view
            .focus
            .map_or(JsValue::UNDEFINED, |id| JsValue::from_str(&id)),
    );
    set(&out, "embed", &view.embed.into());
    set(&out, "notitle", &view.notitle.into());
    set(
        &out,
        "data",
        &view.data.map_or(JsValue::UNDEFINED, JsValue::from),
    );
    set(&out, "lang", &view.lang.id().into());
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

/// Sets `key` to `value` on `view` by the view's own rules (`View::set`, which the address
/// follows too), or an error naming the field and what it allows.
fn set_field(view: &mut View, key: &str, value: &str) -> Result<(), JsError> {
    view.set(key, value).map(|_| ()).map_err(|refused| {
        JsError::new(&format!(
            "{key}: {} is not {}",
            quoted(value),
            refused.expected()
        ))
    })
}

/// Writes a view object (`{ chart, scale, display, theme, focus, embed, notitle, data }`,
/// every field optional) as a query string without `?`, naming only non-default values.
/// Throws on a value it does not know, naming the field and what is allowed: the object is
/// read by the query parser itself, so the page and the address follow one set of rules.
#[wasm_bindgen(js_name = viewToQuery)]
pub fn view_to_query(view: JsValue) -> Result<String, JsError> {
    Ok(read_view(&view)?.to_query())
}

/// The address to share for a view object (as [`view_to_query`] reads it): the chart's own
/// page under `root` (the site's folder address, ending in '/') when `chart_pages`, else the
/// site's page; see `links::share_url`.
#[wasm_bindgen(js_name = shareUrl)]
pub fn share_url(view: JsValue, root: &str, chart_pages: bool) -> Result<String, JsError> {
    Ok(links::share_url(&read_view(&view)?, root, chart_pages))
}

/// The embed page's address for a view object, without its title if `notitle`; see
/// `links::embed_url`.
#[wasm_bindgen(js_name = embedUrl)]
pub fn embed_url(view: JsValue, root: &str, notitle: bool) -> Result<String, JsError> {
    Ok(links::embed_url(&read_view(&view)?, root, notitle))
}

/// The page's own address for a view object, for history: on a chart's own page
/// (`chart_page`), the page of the chart in view; see `links::page_address`.
#[wasm_bindgen(js_name = pageAddress)]
pub fn page_address(
    view: JsValue,
    chart_page: bool,
    path: &str,
    embed_id: &str,
    hash: &str,
) -> Result<String, JsError> {
    Ok(links::page_address(
        &read_view(&view)?,
        chart_page,
        path,
        embed_id,
        hash,
    ))
}

/// The code a host page pastes for the frame at `src`; see `links::embed_snippet`.
#[wasm_bindgen(js_name = embedSnippet)]
pub fn embed_snippet(src: &str, title: &str, height: u32, script: &str) -> String {
    links::embed_snippet(src, title, height, script)
}

/// A view object read by the query parser itself, so the page and the address follow one
/// set of rules; an error names the field.
fn read_view(view: &JsValue) -> Result<View, JsError> {
    if !view.is_object() {
        return Err(JsError::new("view: expected an object of strings"));
    }
    let mut out = View::default();
    let mut chart_named = false;
    for key in [
        "chart", "scale", "display", "theme", "focus", "data", "lang",
    ] {
        if let Some(value) = string_field(view, key)? {
            set_field(&mut out, key, &value)?;
            chart_named |= key == "chart";
        }
    }
    for key in ["embed", "notitle"] {
        let value = js_sys::Reflect::get(view, &JsValue::from_str(key)).unwrap_or_default();
        match value.as_bool() {
            Some(on) => set_field(&mut out, key, if on { "1" } else { "0" })?,
            None if value.is_undefined() || value.is_null() => {}
            None => return Err(JsError::new(&format!("view: {key} must be true or false"))),
        }
    }
    if !chart_named {
        out.open_focus_chart();
    }
    Ok(out)
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
    let mut view = View::default();
    set_field(&mut view, "chart", chart)?;
    Ok(view.chart)
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
            // The viewer module speaks English only: a page in another language runs the
            // full module.
            #[cfg(feature = "extras")]
            if next.lang != state.view.lang {
                state.speak(next.lang)?;
            }
            state.view = next;
            if rescaled {
                if let Some(from) = state.layout.clone() {
                    state.animate_from(from);
                }
            }
            state.draw(true)?;
        }
        if let Some(id) = focus.as_deref() {
            state.feed(Input::ShareLink(id));
        }
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
        Ok(state
            .layout
            .as_ref()
            .map_or(JsValue::UNDEFINED, layout_to_js))
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
        let width = state.surface.canvas.client_width().max(1);
        // Drawn by this browser, so in its face: laid out at the chart's text scale.
        let height =
            natural_height(&state.data, &state.view, width as u32, state.scale)?.ceil() as i32;
        let document = state
            .surface
            .canvas
            .owner_document()
            .ok_or_else(|| JsError::new("the canvas is not in a document"))?;
        let (canvas, ctx) =
            new_canvas(&document).ok_or_else(|| JsError::new("could not create a canvas"))?;
        canvas.set_width((f64::from(width) * scale).round() as u32);
        canvas.set_height((f64::from(height) * scale).round() as u32);
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
        self.stop();
    }

    /// True once any Rust code on the page has panicked; the charts may then be stale.
    #[wasm_bindgen(js_name = hasPanicked)]
    pub fn has_panicked(&self) -> bool {
        PANICKED.with(Cell::get)
    }
}
