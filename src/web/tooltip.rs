//! The HTML beside a chart's canvas: a tooltip a pointer can move onto, a live region that
//! speaks keyboard focus, and a hint on how to use the keys. All text goes in through
//! `textContent`, never markup.

use std::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlCanvasElement, HtmlElement, Node};

use crate::charts::Rect;
use crate::describe::Details;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Least space kept between a bar and its tooltip.
const GAP: f64 = 8.0;
/// The tooltip overlaps its figure's hit area by this much, leaving no gap to cross.
const OVERLAP: f64 = 2.0;

/// The tooltip, live region and hint of one chart.
pub struct Tooltip {
    root: HtmlElement,
    label: HtmlElement,
    value: HtmlElement,
    meta: HtmlElement,
    derived: HtmlElement,
    quote: HtmlElement,
    live: HtmlElement,
    hint: HtmlElement,
}

fn element(document: &Document, tag: &str, class: &str) -> Result<HtmlElement, JsValue> {
    let el: HtmlElement = document.create_element(tag)?.dyn_into()?;
    el.set_class_name(class);
    Ok(el)
}

impl Tooltip {
    /// Creates the elements right after `canvas`, inside its parent.
    pub fn new(canvas: &HtmlCanvasElement) -> Result<Tooltip, JsValue> {
        let document = canvas
            .owner_document()
            .ok_or_else(|| JsValue::from_str("the canvas is not in a document"))?;
        let parent = canvas
            .parent_element()
            .ok_or_else(|| JsValue::from_str("the canvas has no parent element"))?;
        let n = NEXT_ID.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });

        let root = element(&document, "div", "ci-tooltip")?;
        root.set_id(&format!("ci-tooltip-{n}"));
        root.set_attribute("role", "tooltip")?;
        root.set_hidden(true);
        let label = element(&document, "p", "ci-tooltip-label")?;
        let value = element(&document, "p", "ci-tooltip-value")?;
        let meta = element(&document, "p", "ci-tooltip-meta")?;
        let derived = element(&document, "p", "ci-tooltip-derived")?;
        let quote = element(&document, "blockquote", "ci-tooltip-quote")?;
        for child in [&label, &value, &meta, &derived, &quote] {
            root.append_child(child)?;
        }

        let live = element(&document, "div", "ci-live")?;
        live.set_attribute("aria-live", "polite")?;
        live.set_attribute("aria-atomic", "true")?;
        let hint = element(&document, "p", "ci-hint")?;
        hint.set_id(&format!("ci-hint-{n}"));
        hint.set_text_content(Some(
            "Use the arrow keys to move between figures, Home and End to jump, Enter to keep the details open, Escape to close them.",
        ));
        canvas.set_attribute("aria-describedby", &hint.id())?;

        let after = canvas.next_sibling();
        for el in [&root, &live, &hint] {
            parent.insert_before(el, after.as_ref())?;
        }
        // The tooltip is placed relative to the canvas's parent.
        if let Some(window) = web_sys::window() {
            let static_pos = window
                .get_computed_style(&parent)
                .ok()
                .flatten()
                .and_then(|s| s.get_property_value("position").ok())
                .is_none_or(|p| p == "static");
            if static_pos {
                if let Some(parent) = parent.dyn_ref::<HtmlElement>() {
                    parent.style().set_property("position", "relative")?;
                }
            }
        }
        Ok(Tooltip {
            root,
            label,
            value,
            meta,
            derived,
            quote,
            live,
            hint,
        })
    }

    /// The tooltip element, for listeners.
    pub fn root(&self) -> &HtmlElement {
        &self.root
    }

    /// True when the tooltip is on screen.
    pub fn is_open(&self) -> bool {
        !self.root.hidden()
    }

    /// True when `node` is the tooltip or inside it (a pointer moving onto it keeps it open).
    pub fn contains(&self, node: Option<&Node>) -> bool {
        self.root.contains(node)
    }

    /// Fills the tooltip with `d` and places it over `anchor` (CSS pixels in the canvas),
    /// touching the edge of `hit` so a pointer can travel from the bar onto the tooltip
    /// without leaving the figure's hit area (WCAG 1.4.13), inside the canvas's parent so it
    /// never leaves the page sideways.
    pub fn show(&self, d: &Details, anchor: Rect, hit: Rect, canvas: &HtmlCanvasElement) {
        self.label.set_text_content(Some(&d.label));
        self.value.set_text_content(Some(&d.value));
        self.meta.set_text_content(Some(&d.meta));
        self.derived.set_text_content(d.derived.as_deref());
        self.derived.set_hidden(d.derived.is_none());
        self.quote.set_text_content(d.quote.as_deref());
        self.quote.set_hidden(d.quote.is_none());
        self.root.set_hidden(false);

        let (tw, th) = (
            f64::from(self.root.offset_width()),
            f64::from(self.root.offset_height()),
        );
        let room = canvas
            .parent_element()
            .map_or(f64::from(canvas.client_width()), |p| {
                f64::from(p.client_width())
            });
        let (ox, oy) = (
            f64::from(canvas.offset_left()),
            f64::from(canvas.offset_top()),
        );
        let x = (ox + anchor.x + anchor.w / 2.0 - tw / 2.0)
            .min(room - tw)
            .max(0.0);
        // Above the bar when the window has room for it there, else below.
        let top_in_window = canvas.get_bounding_client_rect().top();
        let above = hit.y.min(anchor.y - GAP) - th + OVERLAP;
        let y = if top_in_window + above >= 0.0 {
            oy + above
        } else {
            oy + hit.bottom().max(anchor.bottom() + GAP) - OVERLAP
        };
        let style = self.root.style();
        let _ = style.set_property("left", &format!("{}px", crate::format::decimal(x, 2)));
        let _ = style.set_property("top", &format!("{}px", crate::format::decimal(y, 2)));
    }

    /// Takes the tooltip off screen.
    pub fn hide(&self) {
        self.root.set_hidden(true);
    }

    /// Says `text` to screen readers.
    pub fn announce(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }

    /// Removes every element this made.
    pub fn remove(&self) {
        for el in [&self.root, &self.live, &self.hint] {
            el.remove();
        }
    }
}
