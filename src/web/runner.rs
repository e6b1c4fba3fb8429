//! What keeps a chart running in the page: the listeners, the resize observer, the
//! animation frame and the timeouts it asks the browser for, and `destroy`, which takes every
//! one of them away again.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget, HtmlCanvasElement, ResizeObserver};

use super::chart::State;
use super::events;
use super::surface::{context_2d, Surface};
use super::tooltip::Tooltip;
use crate::data::Dataset;
use crate::interaction::{Input, HIDE_DELAY_MS};
use crate::view::{ChartKind, View};

/// The callbacks the browser is asked to call later, and what is pending.
#[derive(Default)]
pub struct Timers {
    /// The animation frame callback.
    pub frame: Option<js_sys::Function>,
    /// A frame has been asked for and not yet come.
    pub frame_pending: bool,
    /// The callback for the end of the hide delay.
    pub on_hide: Option<js_sys::Function>,
    /// The hide delay running.
    pub hide_timer: Option<i32>,
    /// The callback that copies the plain drawing.
    pub on_copy: Option<js_sys::Function>,
    /// The copy waiting.
    pub copy_timer: Option<i32>,
}

impl Timers {
    /// Asks for an animation frame unless one is on its way.
    pub fn request_frame(&mut self) {
        if self.frame_pending {
            return;
        }
        if let (Some(window), Some(frame)) = (web_sys::window(), self.frame.as_ref()) {
            if window.request_animation_frame(frame).is_ok() {
                self.frame_pending = true;
            }
        }
    }

    /// Closes hover details after a moment, so a pointer on its way to the tooltip across
    /// a little empty space does not lose it (WCAG 1.4.13: hoverable).
    pub fn start_hide(&mut self) {
        self.cancel_hide();
        if let (Some(window), Some(f)) = (web_sys::window(), self.on_hide.as_ref()) {
            self.hide_timer = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(f, HIDE_DELAY_MS)
                .ok();
        }
    }

    /// Stops the hide delay.
    pub fn cancel_hide(&mut self) {
        if let (Some(window), Some(id)) = (web_sys::window(), self.hide_timer.take()) {
            window.clear_timeout_with_handle(id);
        }
    }

    /// Copies the plain drawing in a moment, after the browser has shown the drawing.
    pub fn schedule_copy(&mut self) {
        if self.copy_timer.is_some() {
            return;
        }
        if let (Some(window), Some(f)) = (web_sys::window(), self.on_copy.as_ref()) {
            self.copy_timer = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(f, 0)
                .ok();
        }
    }
}

/// Dispatches queued `coalition-focus` events, with the state released.
fn flush(state: &Rc<RefCell<State>>) {
    let (canvas, outbox) = match state.try_borrow_mut() {
        Ok(mut s) => (s.surface.canvas.clone(), std::mem::take(&mut s.outbox)),
        Err(_) => return,
    };
    for id in outbox {
        let detail = id.map_or(JsValue::NULL, |s| JsValue::from_str(&s));
        super::dispatch(&canvas, "coalition-focus", &detail, true);
    }
}

/// An event listener the handle added, so `destroy` can take it away again.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(Event)>,
}

/// Calls `f` with the chart's state for each `kind` event on `target`. `f` is a plain
/// function, not a closure type of its own: every listener then shares one copy of this
/// wrapper in the wasm instead of carrying one per event, which is most of a kilobyte
/// gzipped over the handle's fifteen listeners.
pub fn listen(
    target: &EventTarget,
    kind: &'static str,
    capture: bool,
    state: &Rc<RefCell<State>>,
    f: fn(&mut State, Event),
) -> Result<Listener, JsError> {
    let weak = Rc::downgrade(state);
    let callback = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        if let Some(state) = weak.upgrade() {
            // A re-entrant event (e.g. focus moved by our own redraw) is skipped, not a panic.
            if let Ok(mut inner) = state.try_borrow_mut() {
                if !inner.destroyed {
                    f(&mut inner, event);
                }
            }
            flush(&state);
        }
    });
    target
        .add_event_listener_with_callback_and_bool(kind, callback.as_ref().unchecked_ref(), capture)
        .map_err(|_| JsError::new(&format!("could not listen for {kind}")))?;
    Ok(Listener {
        target: target.clone(),
        kind,
        capture,
        callback,
    })
}

/// One chart on one canvas. It watches the canvas's size and redraws on change, answers the
/// pointer, touch and keyboard with tooltips, and animates changes; call `destroy` when
/// removing the canvas.
#[wasm_bindgen]
pub struct ChartHandle {
    pub(super) state: Rc<RefCell<State>>,
    observer: ResizeObserver,
    listeners: RefCell<Vec<Listener>>,
    // Kept alive for as long as the browser may call them.
    _on_resize: Closure<dyn FnMut()>,
    _on_frame: Closure<dyn FnMut()>,
    _on_hide: Closure<dyn FnMut()>,
    _on_copy: Closure<dyn FnMut()>,
}

impl ChartHandle {
    /// Starts chart `kind` on `canvas` with `data`, in `view`.
    pub(super) fn start(
        canvas: HtmlCanvasElement,
        kind: ChartKind,
        data: Rc<Dataset>,
        view: View,
    ) -> Result<ChartHandle, JsError> {
        let ctx =
            context_2d(&canvas).ok_or_else(|| JsError::new("this browser gives no 2D canvas"))?;
        let tooltip = Tooltip::new(&canvas)
            .map_err(|e| JsError::new(&format!("could not add the chart's tooltip: {e:?}")))?;
        if !canvas.has_attribute("tabindex") {
            canvas.set_tab_index(0);
        }
        let tip_target: EventTarget = tooltip.root().clone().into();
        let surface = Surface::new(canvas.clone(), ctx);
        let state = Rc::new(RefCell::new(State::new(surface, tooltip, kind, data, view)));

        let weak = Rc::downgrade(&state);
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            if let Some(state) = weak.upgrade() {
                if let Ok(mut state) = state.try_borrow_mut() {
                    // A size changed inside this callback is one the browser cannot report in
                    // this frame, which it signals with an error event on the window
                    // ("ResizeObserver loop completed with undelivered notifications"), seen by
                    // a host page's error monitor. So a drawing that changes the canvas's
                    // height waits for the next frame; the window's own resizes are drawn
                    // before this, in their resize event (`State::window_resized`).
                    let drawn = match state.height_changes() {
                        Ok(true) => {
                            state.resize_pending = true;
                            state.request_frame();
                            Ok(())
                        }
                        Ok(false) => state.draw(false),
                        Err(e) => Err(e),
                    };
                    if let Err(e) = drawn {
                        web_sys::console::error_1(&JsValue::from(e));
                    }
                }
            }
        });
        let weak = Rc::downgrade(&state);
        let on_frame = Closure::<dyn FnMut()>::new(move || {
            if let Some(state) = weak.upgrade() {
                if let Ok(mut state) = state.try_borrow_mut() {
                    state.timers.frame_pending = false;
                    if std::mem::take(&mut state.resize_pending) && state.animation.is_none() {
                        if let Err(e) = state.draw(false) {
                            web_sys::console::error_1(&JsValue::from(e));
                        }
                    } else if state.animation.is_some() {
                        state.redraw();
                    }
                    if std::mem::take(&mut state.settle_pending) && !state.destroyed {
                        if let Some(layout) = &state.layout {
                            state
                                .tooltip
                                .settle(&state.surface.canvas, (&layout.marks, layout.height));
                        }
                    }
                }
            }
        });
        let weak = Rc::downgrade(&state);
        let on_hide = Closure::<dyn FnMut()>::new(move || {
            if let Some(state) = weak.upgrade() {
                if let Ok(mut state) = state.try_borrow_mut() {
                    state.timers.hide_timer = None;
                    state.feed(Input::HideTimerFired);
                }
            }
        });
        let weak = Rc::downgrade(&state);
        let on_copy = Closure::<dyn FnMut()>::new(move || {
            if let Some(state) = weak.upgrade() {
                if let Ok(mut state) = state.try_borrow_mut() {
                    state.timers.copy_timer = None;
                    state.surface.copy_if_due();
                }
            }
        });
        let function =
            |c: &Closure<dyn FnMut()>| Some(c.as_ref().unchecked_ref::<js_sys::Function>().clone());
        if let Ok(mut s) = state.try_borrow_mut() {
            s.timers.frame = function(&on_frame);
            s.timers.on_hide = function(&on_hide);
            s.timers.on_copy = function(&on_copy);
        }

        let listeners = events::install(&canvas, &tip_target, &state)?;
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())
            .map_err(|_| JsError::new("this browser has no ResizeObserver"))?;
        observer.observe(&canvas);
        Ok(ChartHandle {
            state,
            observer,
            listeners: RefCell::new(listeners),
            _on_resize: on_resize,
            _on_frame: on_frame,
            _on_hide: on_hide,
            _on_copy: on_copy,
        })
    }

    /// Removes every listener, observer and element this handle added; it does nothing
    /// afterwards.
    pub(super) fn stop(&self) {
        self.observer.disconnect();
        for l in self.listeners.take() {
            let _ = l.target.remove_event_listener_with_callback_and_bool(
                l.kind,
                l.callback.as_ref().unchecked_ref(),
                l.capture,
            );
        }
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.timers.cancel_hide();
            state.destroyed = true;
            state.animation = None;
            state.tooltip.remove();
            state.surface.drop_plain();
        }
    }
}

impl Drop for ChartHandle {
    /// A handle the page let go of stops listening rather than leave the browser calling
    /// closures that no longer exist.
    fn drop(&mut self) {
        self.stop();
    }
}
