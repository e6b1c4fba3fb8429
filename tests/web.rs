//! In a real browser (headless Chromium via wasm-bindgen-test-runner): each chart paints real
//! pixels at the device resolution, and bad input is an error, never a panic.
#![cfg(target_arch = "wasm32")]

use coalition_infographic::web::{parse_view, view_to_query, ChartHandle};
use js_sys::Reflect;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::{
    HtmlCanvasElement, KeyboardEvent, KeyboardEventInit, PointerEvent, PointerEventInit,
};

mod common;
use common::{canvas, ink, pixels, settled};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn each_chart_draws_visible_pixels_at_device_resolution() {
    let dpr = web_sys::window().expect("window").device_pixel_ratio();
    for chart in ["funding", "liberation", "returns"] {
        let c = canvas("display:block;width:640px");
        let handle = ChartHandle::new(c.clone(), chart).expect("handle");
        handle.redraw().expect("drawn");
        assert!(handle.draws() >= 1, "{chart} drew");
        assert_eq!(
            c.width(),
            (640.0 * dpr).round() as u32,
            "{chart} backing store width"
        );
        assert!(c.client_height() > 200, "{chart} sized to its content");
        let share = ink(&c);
        assert!(share > 0.02, "{chart}: only {share} of pixels painted");
        assert_eq!(
            c.get_attribute("data-drawn").as_deref(),
            Some(handle.draws().to_string().as_str())
        );
        assert!(!handle.has_panicked());
        handle.destroy();
        c.remove();
    }
}

#[wasm_bindgen_test]
fn a_hidden_canvas_waits_instead_of_drawing() {
    let c = canvas("display:none");
    let handle = ChartHandle::new(c.clone(), "funding").expect("handle");
    handle.redraw().expect("no error");
    assert_eq!(handle.draws(), 0);
    c.style().set_css_text("display:block;width:400px");
    handle.redraw().expect("drawn");
    assert_eq!(handle.draws(), 1);
    handle.destroy();
    c.remove();
}

#[wasm_bindgen_test]
fn the_scale_changes_the_funding_drawing() {
    let c = canvas("display:block;width:640px");
    let handle = ChartHandle::new(c.clone(), "funding").expect("handle");
    handle.redraw().expect("drawn");
    let before = handle.draws();
    handle.set_view("scale=log").expect("view");
    assert_eq!(handle.draws(), before + 1, "a new scale redraws");
    handle.set_view("scale=log&chart=returns").expect("view");
    assert_eq!(
        handle.draws(),
        before + 1,
        "nothing this chart shows changed"
    );
    handle.destroy();
    c.remove();
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_not_a_panic() {
    let c = canvas("display:block;width:300px");
    assert!(ChartHandle::new(c.clone(), "pie").is_err());
    assert!(ChartHandle::new(c.clone(), "").is_err());
    c.remove();

    let bad = js_sys::Object::new();
    js_sys::Reflect::set(
        &bad,
        &JsValue::from_str("chart"),
        &JsValue::from_str("<img src=x>"),
    )
    .expect("set");
    assert!(view_to_query(bad.into()).is_err());
    assert!(view_to_query(JsValue::from_f64(3.0)).is_err());

    let view = parse_view("?chart=%3Cscript%3E&scale=log", None, None).expect("parsed");
    let chart = js_sys::Reflect::get(&view, &JsValue::from_str("chart")).expect("chart");
    assert_eq!(chart.as_string().as_deref(), Some("funding"));
    let warnings: js_sys::Array = js_sys::Reflect::get(&view, &JsValue::from_str("warnings"))
        .expect("warnings")
        .dyn_into()
        .expect("array");
    assert_eq!(warnings.length(), 1);
}

/// How many pixels differ between two drawings of the same size.
fn differing(a: &[u8], b: &[u8]) -> usize {
    assert_eq!(a.len(), b.len(), "drawings of different sizes");
    a.chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(x, y)| x != y)
        .count()
}

/// Everything that makes up the canvas's size, CSS and backing store.
fn size_of(c: &HtmlCanvasElement) -> (u32, u32, i32, i32, Option<String>) {
    (
        c.width(),
        c.height(),
        c.client_width(),
        c.client_height(),
        c.get_attribute("style"),
    )
}

/// The centre of mark `i`'s bar, in CSS pixels in the canvas.
fn bar_centre(handle: &ChartHandle, i: u32) -> (f64, f64) {
    let layout = handle.layout().expect("layout");
    let get = |v: &JsValue, k: &str| Reflect::get(v, &JsValue::from_str(k)).expect(k);
    let marks: js_sys::Array = get(&layout, "marks").dyn_into().expect("marks");
    let bar = get(&marks.get(i), "bar");
    let n = |k: &str| get(&bar, k).as_f64().expect(k);
    (n("x") + n("w") / 2.0, n("y") + n("h") / 2.0)
}

fn press(c: &HtmlCanvasElement, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    c.dispatch_event(&event).expect("dispatched");
}

fn point_at(c: &HtmlCanvasElement, (x, y): (f64, f64)) {
    let rect = c.get_bounding_client_rect();
    let init = PointerEventInit::new();
    init.set_pointer_type("mouse");
    init.set_bubbles(true);
    init.set_client_x((rect.left() + x).round() as i32);
    init.set_client_y((rect.top() + y).round() as i32);
    let event = PointerEvent::new_with_event_init_dict("pointermove", &init).expect("event");
    c.dispatch_event(&event).expect("dispatched");
}

#[wasm_bindgen_test]
async fn hover_and_focus_repaints_give_the_pixels_of_a_full_drawing() {
    let c = canvas("display:block;width:640px");
    let handle = ChartHandle::new(c.clone(), "funding").expect("handle");
    handle.redraw().expect("drawn");
    settled(&handle).await;
    let size = size_of(&c);
    let plain = pixels(&c);

    // Keyboard focus on the first figure, then on the second: the ring moves.
    let draws = handle.draws();
    press(&c, "ArrowRight");
    press(&c, "ArrowRight");
    assert_eq!(handle.draws(), draws + 2, "each focus change repaints");
    let repainted = pixels(&c);
    assert!(differing(&plain, &repainted) > 0, "no focus ring painted");
    handle.redraw().expect("drawn");
    assert_eq!(
        differing(&repainted, &pixels(&c)),
        0,
        "focus: repaint and full drawing differ"
    );

    // The pointer onto the fourth bar, then the third: both rings at once.
    let draws = handle.draws();
    point_at(&c, bar_centre(&handle, 3));
    let on_fourth = pixels(&c);
    point_at(&c, bar_centre(&handle, 2));
    assert_eq!(handle.draws(), draws + 2, "each hover change repaints");
    assert_eq!(size_of(&c), size, "hovering changed the canvas's size");
    let repainted = pixels(&c);
    assert!(
        differing(&on_fourth, &repainted) > 0,
        "the highlight did not move"
    );
    handle.redraw().expect("drawn");
    assert_eq!(
        differing(&repainted, &pixels(&c)),
        0,
        "hover: repaint and full drawing differ"
    );

    // Escape drops the focus ring; the pointer leaving drops the highlight.
    press(&c, "Escape");
    point_at(&c, (1.0, 1.0));
    assert_eq!(
        differing(&plain, &pixels(&c)),
        0,
        "the rings were not all taken away"
    );
    assert_eq!(size_of(&c), size);

    // A key straight after a full drawing, before the timer that copies it has run: the
    // copy is made first, from the canvas while it is still plain.
    handle.redraw().expect("drawn");
    press(&c, "ArrowRight");
    let repainted = pixels(&c);
    assert!(differing(&plain, &repainted) > 0, "no focus ring painted");
    handle.redraw().expect("drawn");
    assert_eq!(
        differing(&repainted, &pixels(&c)),
        0,
        "a repaint before the copy differs from a full drawing"
    );
    press(&c, "Escape");
    assert_eq!(
        differing(&plain, &pixels(&c)),
        0,
        "the ring stayed after Escape"
    );
    assert!(!handle.has_panicked());
    handle.destroy();
    c.remove();
}
