//! The browser side: the only module that touches wasm-bindgen, web-sys and
//! serde-wasm-bindgen. It owns canvases and observers; every decision is made by the plain
//! Rust modules it calls.

mod canvas;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, CustomEvent, CustomEventInit, HtmlCanvasElement, ResizeObserver,
};

use crate::charts::{self, Emphasis, Layout, Theme};
use crate::data::Dataset;
use crate::view::{ChartKind, ScaleKind, View};
use canvas::CanvasBackend;

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
        PANICKED.with(|p| p.set(true));
        let message = format!("The chart stopped working: {info}");
        web_sys::console::error_1(&JsValue::from_str(&message));
        if let Some(window) = web_sys::window() {
            let init = CustomEventInit::new();
            init.set_detail(&JsValue::from_str(&message));
            if let Ok(event) = CustomEvent::new_with_event_init_dict("coalition-panic", &init) {
                let _ = window.dispatch_event(&event);
            }
        }
    }));
}

fn dataset() -> Result<Rc<Dataset>, JsError> {
    DATASET.with(|cell| {
        if let Some(data) = cell.borrow().as_ref() {
            return Ok(Rc::clone(data));
        }
        let data = Rc::new(Dataset::embedded()?);
        *cell.borrow_mut() = Some(Rc::clone(&data));
        Ok(data)
    })
}

#[derive(Serialize)]
struct ViewOut {
    chart: &'static str,
    scale: &'static str,
    warnings: Vec<String>,
}

/// Reads a query string into `{ chart, scale, warnings }`. Never throws: what it cannot use
/// is left at its default and described in `warnings`.
#[wasm_bindgen(js_name = parseView)]
pub fn parse_view(query: &str) -> Result<JsValue, JsError> {
    let (view, warnings) = View::from_query(query);
    let out = ViewOut {
        chart: view.chart.id(),
        scale: view.scale.id(),
        warnings: warnings.iter().map(ToString::to_string).collect(),
    };
    Ok(serde_wasm_bindgen::to_value(&out)?)
}

#[derive(Deserialize)]
struct ViewIn {
    chart: Option<String>,
    scale: Option<String>,
}

/// Writes `{ chart, scale }` as a query string without `?`, naming only non-default values.
/// Throws on a value it does not know, naming the field and what is allowed.
#[wasm_bindgen(js_name = viewToQuery)]
pub fn view_to_query(view: JsValue) -> Result<String, JsError> {
    let input: ViewIn = serde_wasm_bindgen::from_value(view)
        .map_err(|e| JsError::new(&format!("view: expected {{ chart, scale }} strings: {e}")))?;
    let mut out = View::default();
    if let Some(chart) = input.chart {
        out.chart = ChartKind::from_id(&chart).ok_or_else(|| {
            JsError::new(&format!(
                "chart: {chart:?} is not one of funding, liberation, returns"
            ))
        })?;
    }
    if let Some(scale) = input.scale {
        out.scale = ScaleKind::from_id(&scale)
            .ok_or_else(|| JsError::new(&format!("scale: {scale:?} is not one of linear, log")))?;
    }
    Ok(out.to_query())
}

struct State {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    kind: ChartKind,
    view: View,
    data: Rc<Dataset>,
    draws: u32,
    drawn_size: Option<(i32, i32, f64)>,
    layout: Option<Layout>,
}

impl State {
    fn theme() -> Theme {
        let dark = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches());
        if dark {
            Theme::DARK
        } else {
            Theme::LIGHT
        }
    }

    /// Sizes the canvas to its content at its current width and draws, unless it is hidden
    /// (zero width) or nothing changed since the last draw and `force` is false.
    fn draw(&mut self, force: bool) -> Result<(), JsError> {
        let css_w = self.canvas.client_width();
        if css_w <= 0 {
            return Ok(());
        }
        let want_h = charts::natural_height(&self.data, &self.view, self.kind, css_w as u32)?;
        let style = self.canvas.style();
        if (f64::from(self.canvas.client_height()) - want_h).abs() > 0.5 {
            style
                .set_property("height", &format!("{want_h}px"))
                .map_err(|_| JsError::new("could not size the canvas"))?;
        }
        let css_h = self.canvas.client_height().max(1);
        let window = web_sys::window().ok_or_else(|| JsError::new("no window"))?;
        let mut dpr = window.device_pixel_ratio().clamp(1.0, MAX_DPR);
        let area = f64::from(css_w) * f64::from(css_h);
        if area * dpr * dpr > MAX_BACKING_PIXELS {
            dpr = (MAX_BACKING_PIXELS / area).sqrt().max(0.1);
        }
        if !force && self.drawn_size == Some((css_w, css_h, dpr)) {
            return Ok(());
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
        let backend = CanvasBackend::new(&self.ctx, (css_w as u32, css_h as u32));
        let layout = charts::draw(
            &backend.into_drawing_area(),
            &self.data,
            &self.view,
            self.kind,
            Self::theme(),
            Emphasis::default(),
        )?;
        self.layout = Some(layout);
        self.drawn_size = Some((css_w, css_h, dpr));
        self.draws += 1;
        self.canvas
            .set_attribute("data-drawn", &self.draws.to_string())
            .map_err(|_| JsError::new("could not mark the canvas drawn"))?;
        Ok(())
    }
}

/// One chart on one canvas. It watches the canvas's size and redraws on change; call
/// `destroy` when removing the canvas.
#[wasm_bindgen]
pub struct ChartHandle {
    state: Rc<RefCell<State>>,
    observer: ResizeObserver,
    // Kept alive for as long as the observer may call it.
    _on_resize: Closure<dyn FnMut()>,
}

#[wasm_bindgen]
impl ChartHandle {
    /// Starts chart `chart` (`funding`, `liberation` or `returns`) on `canvas`.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, chart: &str) -> Result<ChartHandle, JsError> {
        let kind = ChartKind::from_id(chart).ok_or_else(|| {
            JsError::new(&format!(
                "chart: {chart:?} is not one of funding, liberation, returns"
            ))
        })?;
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| JsError::new("this browser gives no 2D canvas"))?;
        let state = Rc::new(RefCell::new(State {
            canvas: canvas.clone(),
            ctx,
            kind,
            view: View {
                chart: kind,
                ..View::default()
            },
            data: dataset()?,
            draws: 0,
            drawn_size: None,
            layout: None,
        }));
        let weak = Rc::downgrade(&state);
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            if let Some(state) = weak.upgrade() {
                if let Err(e) = state.borrow_mut().draw(false) {
                    web_sys::console::error_1(&JsValue::from(e));
                }
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())
            .map_err(|_| JsError::new("this browser has no ResizeObserver"))?;
        observer.observe(&canvas);
        Ok(ChartHandle {
            state,
            observer,
            _on_resize: on_resize,
        })
    }

    /// Applies a view query (`chart=…&scale=…`); redraws when what this chart shows changed.
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&self, query: &str) -> Result<(), JsError> {
        let (view, _) = View::from_query(query);
        let mut state = self.state.borrow_mut();
        let next = View {
            chart: state.kind,
            ..view
        };
        if next != state.view {
            state.view = next;
            state.draw(true)?;
        }
        Ok(())
    }

    /// Draws again now, e.g. after the colour scheme changed.
    pub fn redraw(&self) -> Result<(), JsError> {
        self.state.borrow_mut().draw(true)
    }

    /// What the last drawing placed where (CSS pixels), for tests and tools.
    pub fn layout(&self) -> Result<JsValue, JsError> {
        Ok(serde_wasm_bindgen::to_value(&self.state.borrow().layout)?)
    }

    /// How many times the chart has been drawn.
    pub fn draws(&self) -> u32 {
        self.state.borrow().draws
    }

    /// Stops observing the canvas; the handle does nothing afterwards.
    pub fn destroy(&self) {
        self.observer.disconnect();
    }

    /// True once any Rust code on the page has panicked; the charts may then be stale.
    #[wasm_bindgen(js_name = hasPanicked)]
    pub fn has_panicked(&self) -> bool {
        PANICKED.with(Cell::get)
    }
}
