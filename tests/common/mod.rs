//! Helpers shared by the browser test files (tests/web*.rs).
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use coalition_infographic::web::ChartHandle;
use js_sys::Promise;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

/// The page's document.
pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

/// A `tag` element styled with `css`, attached to `parent`.
pub fn element<T: JsCast>(tag: &str, css: &str, parent: &web_sys::Node) -> T {
    let el: HtmlElement = document()
        .create_element(tag)
        .expect("element")
        .dyn_into()
        .expect("an HTML element");
    el.style().set_css_text(css);
    parent.append_child(&el).expect("attached");
    el.dyn_into().expect("the element type")
}

/// A canvas styled with `css`, attached to the document body.
pub fn canvas(css: &str) -> HtmlCanvasElement {
    element("canvas", css, &document().body().expect("body"))
}

/// The canvas's backing store, RGBA.
pub fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .expect("2d")
        .dyn_into()
        .expect("context");
    ctx.get_image_data(
        0.0,
        0.0,
        f64::from(canvas.width()),
        f64::from(canvas.height()),
    )
    .expect("pixels")
    .data()
    .to_vec()
}

/// Share of pixels that differ from the top-left (background) pixel.
pub fn ink(canvas: &HtmlCanvasElement) -> f64 {
    let data = pixels(canvas);
    let bg = &data[0..4];
    let differing = data.chunks_exact(4).filter(|px| *px != bg).count();
    differing as f64 / (f64::from(canvas.width()) * f64::from(canvas.height()))
}

/// Resolves on the next animation frame.
pub async fn next_frame() {
    let frame = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .request_animation_frame(&resolve)
            .expect("requestAnimationFrame");
    });
    JsFuture::from(frame).await.expect("a frame");
}

/// Waits until the chart has stopped drawing (its growing-in animation is over).
pub async fn settled(handle: &ChartHandle) {
    let (mut last, mut still) = (handle.draws(), 0);
    for _ in 0..300 {
        next_frame().await;
        let now = handle.draws();
        still = if now == last { still + 1 } else { 0 };
        last = now;
        if still == 2 {
            return;
        }
    }
    panic!("still drawing after 300 animation frames");
}
