//! The JS module API: `mount(element, options)` puts a chart in any element and returns a
//! handle with `set`, `svg` and `destroy`. Options are read with serde-wasm-bindgen; a bad
//! one throws an error naming the field and what is allowed.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

use super::{dataset, set_field, ChartHandle, PANICKED};
use crate::data::Dataset;
use crate::format::quoted;
use crate::view::{ChartKind, View};

/// What `mount` and `set` accept; every field is optional.
#[derive(Default)]
struct Options {
    chart: Option<String>,
    scale: Option<String>,
    theme: Option<String>,
    focus: Option<String>,
    lang: Option<String>,
    /// A dataset in the shipped schema (see `www/schema/dataset.schema.json`).
    data: Option<JsValue>,
}

const ALLOWED: &str = "chart, scale, theme, focus, data, lang";

/// Reads the options object key by key, so an unknown key or a value of the wrong type is
/// reported by its name (serde-wasm-bindgen looks up known fields only and names none).
fn read_options(options: JsValue) -> Result<Options, JsError> {
    let mut out = Options::default();
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    let object = options
        .dyn_ref::<js_sys::Object>()
        .filter(|_| options.is_object())
        .ok_or_else(|| JsError::new(&format!("options: expected an object with {ALLOWED}")))?;
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        let value = js_sys::Reflect::get(object, &JsValue::from_str(&key))
            .map_err(|_| JsError::new(&format!("{key}: could not be read")))?;
        if value.is_undefined() {
            continue;
        }
        let text = || {
            value.as_string().ok_or_else(|| {
                JsError::new(&format!(
                    "{key}: expected a string, got {}",
                    type_name(&value)
                ))
            })
        };
        match key.as_str() {
            "chart" => out.chart = Some(text()?),
            "scale" => out.scale = Some(text()?),
            "theme" => out.theme = Some(text()?),
            "focus" => out.focus = Some(text()?),
            "lang" => out.lang = Some(text()?),
            "data" => out.data = Some(value),
            other => {
                let shown: String = other.chars().take(40).collect();
                return Err(JsError::new(&format!(
                    "{} is not an option; allowed: {ALLOWED}",
                    quoted(&shown)
                )));
            }
        }
    }
    Ok(out)
}

fn type_name(value: &JsValue) -> String {
    value
        .js_typeof()
        .as_string()
        .unwrap_or_else(|| "something else".into())
}

/// Applies `options` over `view` and `kind`, each by the view's own rules; returns the new
/// kind, view and data.
fn apply(
    options: Options,
    kind: ChartKind,
    mut view: View,
) -> Result<(ChartKind, View, Option<Rc<Dataset>>), JsError> {
    view.chart = kind;
    for (key, value) in [
        ("chart", options.chart),
        ("scale", options.scale),
        ("theme", options.theme),
        ("focus", options.focus),
        ("lang", options.lang),
    ] {
        if let Some(value) = value {
            set_field(&mut view, key, &value)?;
        }
    }
    let kind = view.chart;
    let data = match options.data {
        Some(value) => {
            let data = Dataset::from_deserializer(serde_wasm_bindgen::Deserializer::from(value))
                .map_err(|e| JsError::new(&format!("data: {e}")))?;
            // The chart's figures must all be there before anything is drawn.
            crate::charts::build(&data, &view, kind, &crate::charts::Theme::LIGHT)
                .map_err(|e| JsError::new(&format!("data: {e}")))?;
            Some(Rc::new(data))
        }
        None => None,
    };
    view.chart = kind;
    Ok((kind, view, data))
}

struct Mounted {
    handle: ChartHandle,
    root: HtmlElement,
}

thread_local! {
    /// Charts stay alive until `destroy`, even if the page drops its handle: a chart on
    /// screen keeps answering the pointer and the keyboard.
    static LIVE: std::cell::RefCell<Vec<Rc<Mounted>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A chart mounted in an element of the host page.
#[wasm_bindgen]
pub struct Mount {
    inner: Rc<Mounted>,
}

/// Puts a chart into `element`. `options`: `{ chart, scale, theme, focus, data }`, all
/// optional (`chart` defaults to `funding`, `data` to the release's figures). Throws if an
/// option is not understood, naming it.
#[wasm_bindgen]
pub fn mount(element: &Element, options: JsValue) -> Result<Mount, JsError> {
    let options = read_options(options)?;
    let (kind, view, data) = apply(options, ChartKind::default(), View::default())?;
    let data = match data {
        Some(data) => data,
        None => dataset(),
    };
    let document = element
        .owner_document()
        .ok_or_else(|| JsError::new("element: it is not in a document"))?;
    let root: HtmlElement = document
        .create_element("div")
        .and_then(|e| e.dyn_into().map_err(JsValue::from))
        .map_err(|_| JsError::new("could not create the chart's container"))?;
    root.set_class_name("ci-mount");
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .and_then(|e| e.dyn_into().map_err(JsValue::from))
        .map_err(|_| JsError::new("could not create a canvas"))?;
    let style = canvas.style();
    for (k, v) in [("display", "block"), ("width", "100%")] {
        style
            .set_property(k, v)
            .map_err(|_| JsError::new("could not style the canvas"))?;
    }
    let summary = crate::describe::chart_summary_in(&data, kind, view.lang);
    canvas
        .set_attribute("role", "img")
        .and_then(|_| canvas.set_attribute("aria-label", &summary))
        .and_then(|_| canvas.set_attribute("lang", view.lang.id()))
        // Left to right in any host: the charts place every run themselves, and an Arabic
        // line carries its own isolates (`Lang::run`), so a right-to-left host must not move
        // an English line's full stop to its other end (the page's canvases say so in HTML).
        .and_then(|_| canvas.set_attribute("dir", "ltr"))
        .map_err(|_| JsError::new("could not label the canvas"))?;
    canvas.set_text_content(Some(&summary));
    root.append_child(&canvas)
        .and_then(|_| element.append_child(&root))
        .map_err(|_| JsError::new("element: could not add the chart to it"))?;
    let handle = ChartHandle::start(canvas, kind, data, view)?;
    let inner = Rc::new(Mounted { handle, root });
    LIVE.with(|live| live.borrow_mut().push(Rc::clone(&inner)));
    Ok(Mount { inner })
}

#[wasm_bindgen]
impl Mount {
    /// Changes the chart, scale, theme, focus or data; what is not given stays.
    pub fn set(&self, options: JsValue) -> Result<(), JsError> {
        let options = read_options(options)?;
        let current = self.inner.handle.view();
        let (kind, view, data) = apply(options, current.chart, current)?;
        self.inner.handle.show(kind, data, view)
    }

    /// The chart as an SVG document, drawn by the same code as the canvas.
    pub fn svg(&self) -> Result<String, JsError> {
        self.inner.handle.svg_text()
    }

    /// The view as a query string (without `?`), e.g. for a share link.
    pub fn query(&self) -> String {
        self.inner.handle.query()
    }

    /// What the last drawing placed where (CSS pixels): `{ width, height, marks: [{ figure,
    /// bar, label, hit, text }] }`.
    pub fn layout(&self) -> Result<JsValue, JsError> {
        self.inner.handle.layout()
    }

    /// How many times the chart has been drawn.
    pub fn draws(&self) -> u32 {
        self.inner.handle.draws()
    }

    /// Removes the chart and everything it added; the element is left as it was.
    pub fn destroy(&self) {
        self.inner.handle.destroy();
        self.inner.root.remove();
        LIVE.with(|live| live.borrow_mut().retain(|m| !Rc::ptr_eq(m, &self.inner)));
    }

    /// True once any Rust code on the page has panicked.
    #[wasm_bindgen(js_name = hasPanicked)]
    pub fn has_panicked(&self) -> bool {
        PANICKED.with(std::cell::Cell::get)
    }
}
