//! A panic's report, in a module of its own: the panic flag is module-wide and would leak
//! into other tests' `hasPanicked` checks.
#![cfg(target_arch = "wasm32")]

use coalition_infographic::web::ChartHandle;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::canvas;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_panic_is_reported_through_the_handle_and_an_event() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;

    let c = canvas("display:block;width:300px");
    let handle = ChartHandle::new(c.clone(), "funding").expect("handle");
    let seen: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
    let sink = Rc::clone(&seen);
    let listener =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
            *sink.borrow_mut() = e.detail().as_string();
        });
    let window = web_sys::window().expect("window");
    window
        .add_event_listener_with_callback("coalition-panic", listener.as_ref().unchecked_ref())
        .expect("listening");
    // What the panic hook runs, without aborting the test module.
    coalition_infographic::web::report_panic("The chart stopped working: <b>test</b>");
    assert!(handle.has_panicked());
    assert_eq!(
        seen.borrow().as_deref(),
        Some("The chart stopped working: <b>test</b>")
    );
    window
        .remove_event_listener_with_callback("coalition-panic", listener.as_ref().unchecked_ref())
        .expect("removed");
    handle.destroy();
    c.remove();
}
