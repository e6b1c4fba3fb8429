//! The HTML beside a chart's canvas: a tooltip a pointer can move onto, a live region that
//! speaks keyboard focus, and a hint on how to use the keys. All text goes in through
//! `textContent`, never markup.

use std::cell::{Cell, RefCell};

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlCanvasElement, HtmlElement, Node};

use crate::charts::Rect;
use crate::describe::Details;
use crate::format::decimal;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Least space kept between a bar and its tooltip.
const GAP: f64 = 8.0;
/// The tooltip overlaps its figure's hit area by this much, leaving no gap to cross.
const OVERLAP: f64 = 2.0;

/// Where the page put the canvas, as last measured: enough to place the tooltip without
/// reading the layout back while handling a pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Geometry {
    /// The canvas's offset in its parent.
    ox: f64,
    oy: f64,
    /// The parent's inner width.
    room: f64,
    /// The canvas's top edge in the window.
    top: f64,
}

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
    /// Figure whose details the elements hold.
    shown: RefCell<Option<String>>,
    /// What the open tooltip is placed against: its anchor and its figure's hit area.
    target: Cell<Option<(Rect, Rect)>>,
    geometry: Cell<Option<Geometry>>,
    /// Measured size of each figure's details since the last resize.
    sizes: RefCell<Vec<(String, (f64, f64))>>,
    /// The position last written, so an unchanged one is not written again.
    at: Cell<Option<(f64, f64)>>,
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
            shown: RefCell::new(None),
            target: Cell::new(None),
            geometry: Cell::new(None),
            sizes: RefCell::new(Vec::new()),
            at: Cell::new(None),
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

    /// Shows the details of `figure` (made by `details` only when the tooltip holds another
    /// figure's) over `anchor` (CSS pixels in the canvas), touching the edge of `hit` so a
    /// pointer can travel from the bar onto the tooltip without leaving the figure's hit area
    /// (WCAG 1.4.13), inside the canvas's parent so it never leaves the page sideways.
    ///
    /// It reads no layout: it places the tooltip from the sizes last measured. Returns true
    /// when anything changed; [`Tooltip::settle`] should then run before the next paint.
    pub fn show(
        &self,
        figure: &str,
        details: impl FnOnce() -> Details,
        anchor: Rect,
        hit: Rect,
    ) -> bool {
        let mut changed = false;
        if self.shown.borrow().as_deref() != Some(figure) {
            let d = details();
            self.label.set_text_content(Some(&d.label));
            self.value.set_text_content(Some(&d.value));
            self.meta.set_text_content(Some(&d.meta));
            self.derived.set_text_content(d.derived.as_deref());
            self.derived.set_hidden(d.derived.is_none());
            self.quote.set_text_content(d.quote.as_deref());
            self.quote.set_hidden(d.quote.is_none());
            *self.shown.borrow_mut() = Some(figure.to_string());
            changed = true;
        }
        if self.root.hidden() {
            self.root.set_hidden(false);
            changed = true;
        }
        if self.target.replace(Some((anchor, hit))) != Some((anchor, hit)) {
            changed = true;
        }
        let size = self
            .sizes
            .borrow()
            .iter()
            .find(|(f, _)| f == figure)
            .map(|(_, size)| *size);
        if let (Some(g), Some(size)) = (self.geometry.get(), size) {
            self.put(position(g, size, anchor, hit));
        }
        changed
    }

    /// Measures the open tooltip and where the page put the canvas, and corrects the
    /// tooltip's position if [`Tooltip::show`] guessed wrong (details not measured yet, a
    /// scroll since). Meant for an animation frame: the browser lays the page out for it
    /// once, and lays it out again only for a correction.
    pub fn settle(&self, canvas: &HtmlCanvasElement) {
        let Some((anchor, hit)) = self.target.get() else {
            return;
        };
        if self.root.hidden() {
            return;
        }
        let size = (
            f64::from(self.root.offset_width()),
            f64::from(self.root.offset_height()),
        );
        let g = Geometry {
            ox: f64::from(canvas.offset_left()),
            oy: f64::from(canvas.offset_top()),
            room: canvas
                .parent_element()
                .map_or(f64::from(canvas.client_width()), |p| {
                    f64::from(p.client_width())
                }),
            top: canvas.get_bounding_client_rect().top(),
        };
        self.geometry.set(Some(g));
        if let Some(figure) = self.shown.borrow().as_ref() {
            let mut sizes = self.sizes.borrow_mut();
            match sizes.iter_mut().find(|(f, _)| f == figure) {
                Some((_, s)) => *s = size,
                None => sizes.push((figure.clone(), size)),
            }
        }
        self.put(position(g, size, anchor, hit));
    }

    /// Forgets the measured sizes, which a resize of the page may have changed.
    pub fn forget_sizes(&self) {
        self.sizes.borrow_mut().clear();
    }

    /// Forgets which details it holds and their sizes, for a new dataset.
    #[cfg(feature = "extras")]
    pub fn forget(&self) {
        *self.shown.borrow_mut() = None;
        self.forget_sizes();
    }

    fn put(&self, (x, y): (f64, f64)) {
        if self.at.replace(Some((x, y))) == Some((x, y)) {
            return;
        }
        let style = self.root.style();
        let _ = style.set_property("left", &format!("{}px", decimal(x, 2)));
        let _ = style.set_property("top", &format!("{}px", decimal(y, 2)));
    }

    /// Takes the tooltip off screen.
    pub fn hide(&self) {
        self.target.set(None);
        if !self.root.hidden() {
            self.root.set_hidden(true);
        }
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

/// Where the tooltip of `size` goes, in its parent: centred over `anchor` but inside the
/// parent, above the bar when the window has room there, else below, overlapping `hit`.
fn position(g: Geometry, (tw, th): (f64, f64), anchor: Rect, hit: Rect) -> (f64, f64) {
    // min then max, not clamp, whose bounds check would bring float formatting into the wasm.
    let x = (g.ox + anchor.x + anchor.w / 2.0 - tw / 2.0)
        .min(g.room - tw)
        .max(0.0);
    let above = hit.y.min(anchor.y - GAP) - th + OVERLAP;
    let y = if g.top + above >= 0.0 {
        g.oy + above
    } else {
        g.oy + hit.bottom().max(anchor.bottom() + GAP) - OVERLAP
    };
    (x, y)
}
