//! The HTML beside a chart's canvas: the details of the figure under the pointer or keyboard
//! focus, a live region that speaks keyboard focus, and a hint on how to use the keys. All
//! text goes in through `textContent`, never markup.
//!
//! Details that follow the pointer let every pointer event through to the chart
//! (`pointer-events: none`), so they can never stand between the pointer and the next bar;
//! where they go is decided by [`crate::placement`]. Details pinned by a click, Enter or a
//! share link take the pointer, so they can be hovered, selected and dismissed (WCAG 1.4.13);
//! pinned by a tap, they let the next tap through to the bar beneath.

use std::cell::{Cell, RefCell};

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlCanvasElement, HtmlElement, Node};

use crate::charts::Mark;
use crate::describe::Details;
use crate::format::decimal;
use crate::i18n::Lang;
use crate::interaction::Mode;
use crate::placement::place;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Where the page put the canvas, as last measured: enough to place the tooltip without
/// reading the layout back while handling a pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Geometry {
    /// The canvas's offset in its parent.
    ox: f64,
    oy: f64,
    /// The canvas's top edge in the window.
    top: f64,
    /// The window's height (its layout viewport).
    window_h: f64,
}

/// What the open tooltip is about: the figure's index in the drawing, and the pointer.
type Target = (usize, Option<(f64, f64)>);

/// A figure's index in the drawing, and whether its details are whole (pinned) or compact.
type SizeKey = (usize, bool);

/// The tooltip, live region and hint of one chart.
pub struct Tooltip {
    root: HtmlElement,
    label: HtmlElement,
    value: HtmlElement,
    meta: HtmlElement,
    derived: HtmlElement,
    /// Says, in a translated chart, that the quote below is the post's words, in English.
    quote_note: HtmlElement,
    quote: HtmlElement,
    /// A link to the figure's words in the annotated post, shown with pinned details.
    in_text: HtmlElement,
    /// The annotated post's address as the page links it (`source/`, `../source/`); none
    /// in a host page of the `mount` API, which has no such page.
    source_page: Option<String>,
    live: HtmlElement,
    hint: HtmlElement,
    /// Figure whose details the elements hold.
    shown: RefCell<Option<String>>,
    mode: Cell<Mode>,
    target: Cell<Option<Target>>,
    geometry: Cell<Option<Geometry>>,
    /// Measured size of each figure's details (compact or whole) since the last resize.
    sizes: RefCell<Vec<(SizeKey, (f64, f64))>>,
    /// Where the tooltip is, in the canvas.
    at: Cell<Option<(f64, f64)>>,
    /// The position last written, in the parent, so an unchanged one is not written again.
    written: Cell<Option<(f64, f64)>>,
}

/// Spoken, not shown.
const VISUALLY_HIDDEN: &str = "position:absolute;width:1px;height:1px;margin:0;padding:0;\
                               overflow:hidden;clip-path:inset(50%);white-space:nowrap";

/// The height of the window `canvas` is in (its layout viewport, less any scrollbar), in CSS
/// pixels; unbounded where there is none to ask.
fn window_height(canvas: &HtmlCanvasElement) -> f64 {
    canvas
        .owner_document()
        .and_then(|d| d.document_element())
        .map_or(f64::INFINITY, |root| f64::from(root.client_height()))
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
        // Set on the elements themselves (through the CSSOM, which the site's policy allows), so
        // the details float and the live region stays unseen in a host page that has none of
        // the site's stylesheet (the `mount` API).
        root.style()
            .set_css_text("position:absolute;pointer-events:none");
        let label = element(&document, "p", "ci-tooltip-label")?;
        let value = element(&document, "p", "ci-tooltip-value")?;
        let meta = element(&document, "p", "ci-tooltip-meta")?;
        let derived = element(&document, "p", "ci-tooltip-derived")?;
        let quote_note = element(&document, "p", "ci-tooltip-meta")?;
        quote_note.set_hidden(true);
        let quote = element(&document, "blockquote", "ci-tooltip-quote")?;
        let in_text = element(&document, "a", "ci-tooltip-source")?;
        in_text.set_text_content(Some(Lang::En.words().describe.where_in_post));
        in_text.set_hidden(true);
        let source_page = document
            .get_element_by_id("source-page")
            .and_then(|a| a.get_attribute("href"));
        for child in [
            &label,
            &value,
            &meta,
            &derived,
            &quote_note,
            &quote,
            &in_text,
        ] {
            root.append_child(child)?;
        }

        let live = element(&document, "div", "ci-live")?;
        live.set_attribute("aria-live", "polite")?;
        live.set_attribute("aria-atomic", "true")?;
        live.style().set_css_text(VISUALLY_HIDDEN);
        // Hidden outright: a description is read from its element even when hidden, and the
        // host page of a mounted chart shows no stray sentence.
        let hint = element(&document, "p", "ci-hint")?;
        hint.set_id(&format!("ci-hint-{n}"));
        hint.set_hidden(true);
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
            quote_note,
            quote,
            in_text,
            source_page,
            live,
            hint,
            shown: RefCell::new(None),
            mode: Cell::new(Mode::Passing),
            target: Cell::new(None),
            geometry: Cell::new(None),
            sizes: RefCell::new(Vec::new()),
            at: Cell::new(None),
            written: Cell::new(None),
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

    fn key(&self) -> Option<SizeKey> {
        let (index, _) = self.target.get()?;
        Some((index, self.mode.get() == Mode::Pinned))
    }

    fn size_now(&self) -> Option<(f64, f64)> {
        let key = self.key()?;
        self.sizes
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, size)| *size)
    }

    /// Shows the details of `figure`, mark `index` of the drawing (its marks and height),
    /// made by `details` only when the tooltip holds another figure's, in `mode`, placed by
    /// [`place`] away from the figure, the pointer and the other figures, inside the drawing.
    ///
    /// It reads no layout: it places the tooltip from the sizes last measured. Returns true
    /// when anything changed; [`Tooltip::settle`] should then run before the next paint.
    pub fn show(
        &self,
        figure: &str,
        details: impl FnOnce() -> Details,
        mode: Mode,
        (index, pointer): Target,
        drawing: (&[Mark], f64),
    ) -> bool {
        let mut changed = false;
        if self.shown.borrow().as_deref() != Some(figure) {
            let d = details();
            // The details speak the chart's language; the post's words stay English, and
            // are marked so, for screen readers and for the text's direction.
            let _ = self.root.set_attribute("lang", d.lang.id());
            let _ = self
                .root
                .set_attribute("dir", if d.lang.is_rtl() { "rtl" } else { "ltr" });
            let _ = self.quote.set_attribute("lang", "en");
            let _ = self.quote.set_attribute("dir", "ltr");
            self.in_text
                .set_text_content(Some(d.lang.words().describe.where_in_post));
            self.label.set_text_content(Some(&d.label));
            self.value.set_text_content(Some(&d.value));
            self.meta.set_text_content(Some(&d.meta));
            self.derived.set_text_content(d.derived.as_deref());
            self.derived.set_hidden(d.derived.is_none());
            let note = Some(d.lang.words().describe.quote_in_english)
                .filter(|n| !n.is_empty() && d.quote.is_some());
            self.quote_note.set_text_content(note);
            self.quote_note.set_hidden(note.is_none());
            self.quote.set_text_content(d.quote.as_deref());
            self.quote.set_hidden(d.quote.is_none());
            // Stated figures have words in the post to go to; derived ones do not.
            let href = self.source_page.as_ref().filter(|_| d.quote.is_some());
            if let Some(page) = href {
                let _ = self
                    .in_text
                    .set_attribute("href", &format!("{page}#source-{figure}"));
            }
            let _ = self
                .in_text
                .toggle_attribute_with_force("data-none", href.is_none());
            *self.shown.borrow_mut() = Some(figure.to_string());
            changed = true;
        }
        let pinned = mode == Mode::Pinned;
        self.in_text
            .set_hidden(!pinned || self.in_text.has_attribute("data-none"));
        if self.mode.replace(mode) != mode {
            self.root.set_class_name(if pinned {
                "ci-tooltip ci-pinned"
            } else {
                "ci-tooltip"
            });
            let _ = self
                .root
                .style()
                .set_property("pointer-events", if pinned { "auto" } else { "none" });
            changed = true;
        }
        if self.root.hidden() {
            self.root.set_hidden(false);
            changed = true;
        }
        // A new drawing moves the details (below) but does not change their size.
        if self.target.replace(Some((index, pointer))) != Some((index, pointer)) {
            changed = true;
        }
        if let (Some(g), Some(size)) = (self.geometry.get(), self.size_now()) {
            self.put(g, size, drawing);
        }
        changed
    }

    /// Measures the open tooltip and where the page put the canvas, and corrects the
    /// tooltip's position if [`Tooltip::show`] guessed wrong (details not measured yet, a
    /// scroll since). Meant for an animation frame: the browser lays the page out for it
    /// once, and lays it out again only for a correction.
    pub fn settle(&self, canvas: &HtmlCanvasElement, drawing: (&[Mark], f64)) {
        if self.root.hidden() || self.target.get().is_none() {
            return;
        }
        let size = (
            f64::from(self.root.offset_width()),
            f64::from(self.root.offset_height()),
        );
        let g = Geometry {
            ox: f64::from(canvas.offset_left()),
            oy: f64::from(canvas.offset_top()),
            top: canvas.get_bounding_client_rect().top(),
            window_h: window_height(canvas),
        };
        self.geometry.set(Some(g));
        if let Some(key) = self.key() {
            let mut sizes = self.sizes.borrow_mut();
            match sizes.iter_mut().find(|(k, _)| *k == key) {
                Some((_, s)) => *s = size,
                None => sizes.push((key, size)),
            }
        }
        self.put(g, size, drawing);
    }

    /// Forgets the measured sizes, which a resize of the page or another chart in the same
    /// canvas may have changed.
    pub fn forget_sizes(&self) {
        self.sizes.borrow_mut().clear();
    }

    /// Forgets which details it holds and their sizes, for a new dataset or language.
    #[cfg(feature = "extras")]
    pub fn forget(&self) {
        *self.shown.borrow_mut() = None;
        self.forget_sizes();
    }

    /// Places the tooltip of `size` for the current target, as the page now lies.
    fn put(&self, g: Geometry, size: (f64, f64), drawing: (&[Mark], f64)) {
        let Some((index, pointer)) = self.target.get() else {
            return;
        };
        // Inside the window when they can be, so details open where they are seen.
        let window = (-g.top, g.window_h - g.top);
        let (x, y) = place(size, index, drawing, pointer, window);
        self.at.set(Some((x, y)));
        let (left, top) = (g.ox + x, g.oy + y);
        if self.written.replace(Some((left, top))) == Some((left, top)) {
            return;
        }
        let style = self.root.style();
        let _ = style.set_property("left", &format!("{}px", decimal(left, 2)));
        let _ = style.set_property("top", &format!("{}px", decimal(top, 2)));
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
