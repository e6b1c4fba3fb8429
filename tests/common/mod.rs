//! Helpers shared by the browser test files (tests/web*.rs).
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas styled with `css`, attached to the document body.
pub fn canvas(css: &str) -> HtmlCanvasElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("a canvas element");
    canvas.style().set_css_text(css);
    document
        .body()
        .expect("body")
        .append_child(&canvas)
        .expect("attached");
    canvas
}

/// Share of pixels that differ from the top-left (background) pixel.
pub fn ink(canvas: &HtmlCanvasElement) -> f64 {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .expect("2d")
        .dyn_into()
        .expect("context");
    let (w, h) = (canvas.width(), canvas.height());
    let data = ctx
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .expect("pixels")
        .data();
    let bg = &data[0..4];
    let differing = data.chunks_exact(4).filter(|px| *px != bg).count();
    differing as f64 / (f64::from(w) * f64::from(h))
}
