//! The glue between the browser's events and the chart: each DOM event becomes an
//! [`Input`] for [`crate::interaction`] (or a redraw, for print, fonts and the colour scheme),
//! and the [`crate::interaction::Effects`] that come back are applied to the canvas, the
//! details, the live region and the page.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget, HtmlCanvasElement, KeyboardEvent, Node, PointerEvent};

use super::chart::State;
use super::runner::{listen, Listener};
use super::surface::PRINT_DPR;
use crate::interaction::{Input, Key, Timer};
use crate::view::ThemeChoice;

/// Listens on `canvas`, its tooltip (`tip_target`), its document and the window for everything the chart
/// answers; the listeners are handed back for `destroy` to take away.
pub fn install(
    canvas: &HtmlCanvasElement,
    tip_target: &EventTarget,
    state: &Rc<RefCell<State>>,
) -> Result<Vec<Listener>, JsError> {
    let target: &EventTarget = canvas.as_ref();
    let window: EventTarget = web_sys::window()
        .ok_or_else(|| JsError::new("no window"))?
        .into();
    let document: EventTarget = canvas
        .owner_document()
        .ok_or_else(|| JsError::new("the canvas is not in a document"))?
        .into();
    let mut listeners = vec![
        listen(target, "pointermove", false, state, |s, e| {
            if let Some(e) = e.dyn_ref::<PointerEvent>() {
                // Touch has no hover: a tap is handled on pointerdown.
                if e.pointer_type() != "touch" {
                    s.feed(Input::PointerMoved(
                        f64::from(e.offset_x()),
                        f64::from(e.offset_y()),
                    ));
                }
            }
        })?,
        listen(target, "pointerleave", false, state, |s, e| {
            let related = related(&e);
            // Moving onto the tooltip keeps it (WCAG 1.4.13: hoverable).
            let onto_tooltip = s.tooltip.contains(related.as_ref());
            s.feed(Input::PointerLeft { onto_tooltip });
        })?,
        listen(target, "pointerdown", false, state, |s, e| {
            if let Some(e) = e.dyn_ref::<PointerEvent>() {
                s.feed(Input::Pressed {
                    at: (f64::from(e.offset_x()), f64::from(e.offset_y())),
                    touch: e.pointer_type() == "touch",
                });
            }
        })?,
        listen(target, "keydown", false, state, |s, e| {
            if let Some(e) = e.dyn_ref::<KeyboardEvent>() {
                if let Some(key) = Key::from_name_in(&e.key(), s.view.lang.is_rtl()) {
                    e.prevent_default();
                    s.feed(Input::Key(key));
                }
            }
        })?,
        listen(target, "focus", false, state, |s, _| {
            // Only keyboard focus shows a datum; a click's focus is handled by the pointer.
            let keyboard = s.surface.canvas.matches(":focus-visible").unwrap_or(false);
            s.feed(Input::FocusIn { keyboard });
        })?,
        listen(target, "blur", false, state, |s, _| s.feed(Input::FocusOut))?,
        // A tap or click anywhere else closes pinned details.
        listen(&document, "pointerdown", true, state, |s, e| {
            let node = target_node(&e);
            // Controls marked data-keep-details (e.g. Copy link) leave pinned details
            // open, so the link they copy still names the figure.
            let keeps = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-keep-details]").ok().flatten())
                .is_some();
            let inside = keeps
                || s.surface.canvas.contains(node.as_ref())
                || s.tooltip.contains(node.as_ref());
            if !inside {
                s.feed(Input::PressedElsewhere);
            }
        })?,
        // Escape closes the details wherever focus is (WCAG 1.4.13: dismissible).
        listen(&window, "keydown", false, state, |s, e| {
            if let Some(k) = e.dyn_ref::<KeyboardEvent>() {
                if k.key() == "Escape"
                    && s.tooltip.is_open()
                    && !s.surface.canvas.contains(target_node(&e).as_ref())
                {
                    s.feed(Input::Key(Key::Escape));
                }
            }
        })?,
    ];
    {
        listeners.push(listen(tip_target, "pointerleave", false, state, |s, e| {
            let related = related(&e);
            let onto_chart = s.surface.canvas.contains(related.as_ref());
            s.feed(Input::TooltipLeft { onto_chart });
        })?);
        listeners.push(listen(tip_target, "pointerenter", false, state, |s, _| {
            s.feed(Input::TooltipEntered)
        })?);
    }
    listeners.push(listen(&window, "resize", false, state, |s, _| {
        s.window_resized()
    })?);
    // Printers resolve far finer than screens: redraw at print resolution, then back.
    listeners.push(listen(&window, "beforeprint", false, state, |s, _| {
        s.surface.print_dpr = Some(PRINT_DPR);
        s.animation = None;
        s.redraw();
    })?);
    listeners.push(listen(&window, "afterprint", false, state, |s, _| {
        s.surface.print_dpr = None;
        s.redraw();
    })?);
    // A face that was still loading when the chart started (a host page's web font under
    // one of the stack's names) is measured once the document's fonts have loaded.
    if let Some(document) = canvas.owner_document() {
        listeners.push(listen(
            &document.fonts(),
            "loadingdone",
            false,
            state,
            |s, _| s.fonts_ready(),
        )?);
    }
    if let Some(scheme) =
        web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
    {
        // In the automatic theme the chart follows the system's switch at once.
        listeners.push(listen(&scheme, "change", false, state, |s, _| {
            if s.view.theme == ThemeChoice::Auto {
                s.redraw();
            }
        })?);
    }
    Ok(listeners)
}

/// The node an event happened on.
fn target_node(e: &Event) -> Option<Node> {
    e.target().and_then(|t| t.dyn_into().ok())
}

/// The node a pointer went to when it left something.
fn related(e: &Event) -> Option<Node> {
    e.dyn_ref::<PointerEvent>()
        .and_then(|e| e.related_target())
        .and_then(|t| t.dyn_into::<Node>().ok())
}

impl State {
    /// Feeds `input` to the interaction rules and does what they ask: the hide delay, a
    /// repaint of the rings (which places the details) or only the details, the live
    /// region, and word to the page of the figure its share link should name, queued until
    /// the state is no longer borrowed.
    pub fn feed(&mut self, input: Input<'_>) {
        let fx = self.interaction.handle(input, self.layout.as_ref());
        match fx.timer {
            Timer::Keep => {}
            Timer::Start => self.timers.start_hide(),
            Timer::Cancel => self.timers.cancel_hide(),
        }
        if fx.repaint {
            self.repaint();
        } else if fx.tooltip {
            self.place_tooltip();
        }
        let layout = self.layout.as_ref();
        if fx.announce {
            if let Some(text) = self
                .interaction
                .announcement_in(layout, &self.data, self.view.lang)
            {
                self.tooltip.announce(&text);
            }
        }
        if fx.share {
            self.outbox
                .push(self.interaction.shared(layout).map(String::from));
        }
    }
}
