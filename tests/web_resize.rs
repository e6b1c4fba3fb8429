//! Resizes that change a chart's height, in a real browser (headless Chromium, and Firefox
//! with GECKODRIVER set): the chart follows its width and fits its height without the
//! "ResizeObserver loop completed with undelivered notifications" error event, which a height
//! set while the browser delivers size changes causes in every engine.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use coalition_infographic::web::ChartHandle;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, HtmlElement};

mod common;
use common::{document, element, next_frame, settled};

wasm_bindgen_test_configure!(run_in_browser);

/// Records the messages of the window's error events from now until dropped.
struct ErrorEvents {
    seen: Rc<RefCell<Vec<String>>>,
    listener: Closure<dyn FnMut(web_sys::Event)>,
}

impl ErrorEvents {
    fn listen() -> ErrorEvents {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let into = Rc::clone(&seen);
        let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let message = js_sys::Reflect::get(&event, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "(an error event without a message)".into());
            into.borrow_mut().push(message);
        });
        web_sys::window()
            .expect("window")
            .add_event_listener_with_callback("error", listener.as_ref().unchecked_ref())
            .expect("listening");
        ErrorEvents { seen, listener }
    }

    fn messages(&self) -> Vec<String> {
        self.seen.borrow().clone()
    }
}

impl Drop for ErrorEvents {
    fn drop(&mut self) {
        let _ = web_sys::window().map(|w| {
            w.remove_event_listener_with_callback("error", self.listener.as_ref().unchecked_ref())
        });
    }
}

/// Waits frame by frame (at most 300) until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..300 {
        if done() {
            return;
        }
        next_frame().await;
    }
    panic!("not after 300 frames: {what}");
}

fn sharp(canvas: &HtmlCanvasElement) -> bool {
    let dpr = web_sys::window()
        .expect("window")
        .device_pixel_ratio()
        .clamp(1.0, 4.0);
    (f64::from(canvas.width()) - f64::from(canvas.client_width()) * dpr).abs() <= 1.0
        && (f64::from(canvas.height()) - f64::from(canvas.client_height()) * dpr).abs() <= 1.0
}

#[wasm_bindgen_test]
async fn resizes_and_a_first_showing_that_change_the_height_raise_no_observer_error() {
    let errors = ErrorEvents::listen();
    let body = document().body().expect("body");
    let frame: HtmlElement = element("div", "width: 1000px", &body);
    // A height the chart does not need, as the page's stylesheet gives before it draws.
    let canvas: HtmlCanvasElement = element(
        "canvas",
        "display: block; width: 100%; height: 300px",
        &frame,
    );
    let handle = ChartHandle::new(canvas.clone(), "funding").expect("a chart");
    until("the first drawing", || handle.draws() > 0).await;
    settled(&handle).await;
    let wide = canvas.client_height();
    assert_ne!(wide, 300, "the chart sets its own height");

    // Narrower: labels wrap, and the chart grows taller.
    frame.style().set_property("width", "320px").expect("width");
    until("the chart to fit 320 px", || {
        canvas.client_width() == 320 && canvas.client_height() != wide && sharp(&canvas)
    })
    .await;
    settled(&handle).await;
    let narrow = canvas.client_height();

    // Hidden, then shown at another width: the first drawing after showing sizes it again.
    frame.style().set_property("display", "none").expect("hide");
    next_frame().await;
    frame
        .style()
        .set_property("width", "1000px")
        .expect("width");
    frame
        .style()
        .set_property("display", "block")
        .expect("show");
    until("the shown chart to fit 1000 px", || {
        canvas.client_width() == 1000 && canvas.client_height() == wide && sharp(&canvas)
    })
    .await;
    settled(&handle).await;
    // Loop errors are reported at the end of the frame that caused them.
    next_frame().await;
    next_frame().await;

    handle.destroy();
    frame.remove();
    assert_ne!(narrow, wide);
    let loops: Vec<String> = errors
        .messages()
        .into_iter()
        .filter(|m| m.contains("ResizeObserver"))
        .collect();
    assert!(loops.is_empty(), "error events: {loops:?}");
}
