//! In a real browser (headless Chromium via wasm-bindgen-test-runner): each chart paints real
//! pixels at the device resolution, and bad input is an error, never a panic.
#![cfg(target_arch = "wasm32")]

use coalition_infographic::web::{parse_view, view_to_query, ChartHandle};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod common;
use common::{canvas, ink};

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

    let view = parse_view("?chart=%3Cscript%3E&scale=log").expect("parsed");
    let chart = js_sys::Reflect::get(&view, &JsValue::from_str("chart")).expect("chart");
    assert_eq!(chart.as_string().as_deref(), Some("funding"));
    let warnings: js_sys::Array = js_sys::Reflect::get(&view, &JsValue::from_str("warnings"))
        .expect("warnings")
        .dyn_into()
        .expect("array");
    assert_eq!(warnings.length(), 1);
}
