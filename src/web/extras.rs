//! What the page needs only when asked: SVG, CSV and JSON downloads and custom datasets.
//! Built into the full module (feature `extras`); the page's charts start from a smaller
//! module without it and load the full one on first use (see build.sh and www/main.js).

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::{dataset, theme_for, ChartHandle};
use crate::charts::{self, Layout, Theme};
use crate::data::Dataset;
use crate::interaction::Input;
use crate::view::{ChartKind, View};

#[wasm_bindgen]
impl ChartHandle {
    /// The chart as an SVG document, drawn by the same code as the canvas.
    pub fn svg(&self) -> Result<String, JsError> {
        self.svg_text()
    }

    /// The chart's figures as CSV (RFC 4180, UTF-8), with qualifier, scope, period, derived
    /// and quote columns.
    pub fn csv(&self) -> String {
        self.state
            .try_borrow()
            .map(|s| crate::export::chart_csv_in(&s.data, s.kind, s.view.lang))
            .unwrap_or_default()
    }

    /// The whole dataset as JSON, derived values included and marked.
    #[wasm_bindgen(js_name = datasetJson)]
    pub fn dataset_json(&self) -> String {
        self.state
            .try_borrow()
            .map(|s| export_json(&s.data))
            .unwrap_or_default()
    }

    /// Shows `data`, a dataset in the shipped schema (e.g. `JSON.parse` of a file), instead
    /// of the release's figures. Throws, naming the bad field, if it is not valid or lacks a
    /// figure any of the charts needs; the chart then keeps what it showed.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&self, data: JsValue) -> Result<(), JsError> {
        let data = Dataset::from_deserializer(serde_wasm_bindgen::Deserializer::from(data))
            .map_err(|e| JsError::new(&format!("data: {e}")))?;
        let (kind, view) = {
            let state = self
                .state
                .try_borrow()
                .map_err(|_| JsError::new("setData was called while the chart was drawing"))?;
            (state.kind, state.view.clone())
        };
        // Every chart must be able to show it, so a page's charts accept or refuse together.
        for k in ChartKind::ALL {
            charts::build(&data, &view, k, &Theme::LIGHT)
                .map_err(|e| JsError::new(&format!("data: {e}")))?;
        }
        self.show(kind, Some(Rc::new(data)), view)
    }
}

impl ChartHandle {
    /// Shows `kind` with `view`, and `data` when given; a new chart grows in like a first one.
    pub(crate) fn show(
        &self,
        kind: ChartKind,
        data: Option<Rc<Dataset>>,
        view: View,
    ) -> Result<(), JsError> {
        let mut state = self
            .state
            .try_borrow_mut()
            .map_err(|_| JsError::new("the chart was changed while it was handling an event"))?;
        let next = View {
            chart: kind,
            ..view
        };
        let changed_chart = state.kind != kind || data.is_some() || next.lang != state.view.lang;
        if !changed_chart && next == state.view {
            return Ok(());
        }
        let rescaled = next.scale != state.view.scale && kind == ChartKind::Funding;
        if changed_chart {
            state.natural = None;
            state.kind = kind;
            if let Some(data) = data {
                state.data = data;
            }
            // The canvas is described by what it now shows.
            let summary = crate::describe::chart_summary_in(&state.data, kind, next.lang);
            let canvas = &state.surface.canvas;
            canvas
                .set_attribute("aria-label", &summary)
                .and_then(|_| canvas.set_attribute("lang", next.lang.id()))
                .map_err(|_| JsError::new("could not label the canvas"))?;
            state.surface.canvas.set_text_content(Some(&summary));
            // Another dataset may say something else under the same figure id.
            state.tooltip.forget();
            state.feed(Input::Reset);
            state.layout = None;
            state.animate_from(Layout::default());
        } else if rescaled {
            if let Some(from) = state.layout.clone() {
                state.animate_from(from);
            }
        }
        let focus = next.focus.clone();
        state.view = next;
        state.draw(true)?;
        if let Some(id) = focus.as_deref() {
            state.feed(Input::ShareLink(id));
        }
        Ok(())
    }

    /// The view the chart shows.
    pub(crate) fn view(&self) -> View {
        self.state
            .try_borrow()
            .map(|s| s.view.clone())
            .unwrap_or_default()
    }

    /// The view the chart shows, as a query string.
    pub(crate) fn query(&self) -> String {
        self.view().to_query()
    }

    /// The chart as an SVG document at its current CSS size, drawn by the same code.
    pub(crate) fn svg_text(&self) -> Result<String, JsError> {
        let state = self
            .state
            .try_borrow()
            .map_err(|_| JsError::new("svg() was called while the chart was drawing"))?;
        let width = state.surface.canvas.client_width().max(1) as u32;
        svg_document(&state.data, &state.view, state.theme(), width)
    }
}

fn svg_document(data: &Dataset, view: &View, theme: Theme, width: u32) -> Result<String, JsError> {
    let height = charts::natural_height(data, view, view.chart, width)?.ceil() as u32;
    let (svg, _) = crate::svg::render_svg(data, view, view.chart, theme, (width, height))?;
    Ok(svg)
}

/// Through the browser's JSON.stringify, so the wasm needs no JSON writer.
fn export_json(data: &Dataset) -> String {
    serde_wasm_bindgen::to_value(&crate::export::Export::of(data))
        .ok()
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(&v, &JsValue::NULL, &JsValue::from(2))
                .ok()
        })
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// Why the dataset at `address` is not shown on the page at `page` (both `URL.href`), or
/// undefined when it may be; see `links::data_refusal`.
#[wasm_bindgen(js_name = dataRefusal)]
pub fn data_refusal(address: &str, page: &str) -> Option<String> {
    crate::links::data_refusal(address, page).map(String::from)
}

/// The release's chart for the view in `query` (`chart=…&scale=…&theme=…`) as an SVG
/// document `width` CSS pixels wide: the SVG download of a page whose charts run the
/// smaller module. An automatic theme follows the system's setting, as the page does.
#[wasm_bindgen(js_name = chartSvg)]
pub fn chart_svg(query: &str, width: u32) -> Result<String, JsError> {
    let (view, _) = View::from_query(query);
    svg_document(
        &dataset(),
        &view,
        theme_for(view.theme),
        width.clamp(1, 10_000),
    )
}

/// The release's figures of the chart in view `query` (a view's query, as `viewToQuery`
/// writes it) as CSV in its language, as [`ChartHandle::csv`] writes them.
#[wasm_bindgen(js_name = chartCsv)]
pub fn chart_csv(query: &str) -> String {
    let (view, _) = View::from_query(query);
    crate::export::chart_csv_in(&dataset(), view.chart, view.lang)
}

/// The release's whole dataset as JSON, as [`ChartHandle::dataset_json`] writes it.
#[wasm_bindgen(js_name = datasetJson)]
pub fn dataset_json() -> Result<String, JsError> {
    Ok(export_json(&dataset()))
}
