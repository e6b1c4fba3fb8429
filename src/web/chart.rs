//! One chart's state in the page and how it is drawn: the view and data it shows, the last
//! layout, the animation, and the order of drawing (the plain chart, its copy, the rings the
//! interaction asks for, then the details beside it).

use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use wasm_bindgen::prelude::*;

use super::canvas::CanvasBackend;
use super::runner::Timers;
use super::surface::{measure_text_scale, natural_height, Size, Surface};
use super::tooltip::Tooltip;
use crate::charts::{self, Emphasis, Layout, TextScale, Theme, Transition};
use crate::data::Dataset;
use crate::describe;
use crate::interaction::Interaction;
#[cfg(feature = "extras")]
use crate::view::Lang;
use crate::view::{ChartKind, ThemeChoice, View};

/// Length of the bar animation when a chart appears or its scale changes.
const ANIMATION_MS: f64 = 300.0;

/// The colours of a theme choice; the automatic one follows the system's setting now.
pub fn theme_for(choice: ThemeChoice) -> Theme {
    let dark = match choice {
        ThemeChoice::Auto => media("(prefers-color-scheme: dark)"),
        ThemeChoice::Light => false,
        ThemeChoice::Dark => true,
    };
    if dark {
        Theme::DARK
    } else {
        Theme::LIGHT
    }
}

fn media(query: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Bars moving from an earlier layout, since a moment.
pub struct Animation {
    from: Layout,
    start: f64,
}

/// One chart on one canvas.
pub struct State {
    /// The canvas and its copies.
    pub surface: Surface,
    /// The chart shown.
    pub kind: ChartKind,
    /// The view it is shown in.
    pub view: View,
    /// The figures it shows.
    pub data: Rc<Dataset>,
    /// Drawings so far, animation frames and repaints included.
    pub draws: u32,
    /// What the last drawing placed where.
    pub layout: Option<Layout>,
    /// How much wider than Arial's the browser's face for the chart font is; measured when
    /// the chart starts and again once the document's fonts are ready.
    pub scale: TextScale,
    /// What is hovered, focused and open, by the rules of [`crate::interaction`].
    pub interaction: Interaction,
    /// Bars on their way from an earlier layout.
    pub animation: Option<Animation>,
    /// The tooltip changed and is to be measured in the next animation frame.
    pub settle_pending: bool,
    /// A resize that changes the canvas's height, drawn in the next animation frame.
    pub resize_pending: bool,
    /// The details, live region and hint beside the canvas.
    pub tooltip: Tooltip,
    /// `destroy` was called: nothing more is drawn.
    pub destroyed: bool,
    /// The height the chart needs for a width and view, kept so a hover redraw does not lay
    /// the chart out twice.
    pub natural: Option<(i32, View, f64)>,
    /// Focus changes to announce to the page once the state is no longer borrowed: the
    /// page's listener calls back into this handle.
    pub outbox: Vec<Option<String>>,
    /// The animation frame and timeouts it asks the browser for.
    pub timers: Timers,
}

impl State {
    /// A chart of `kind` in `view` on `surface`, not yet drawn.
    pub fn new(
        surface: Surface,
        tooltip: Tooltip,
        kind: ChartKind,
        data: Rc<Dataset>,
        view: View,
    ) -> State {
        // Installed faces are ready at once, so the first drawing is usually in the right
        // metrics already; a face still loading (a host page's web font under one of the
        // stack's names) is measured again when the fonts are ready.
        let scale = measure_text_scale(&surface.ctx);
        State {
            surface,
            kind,
            view: View {
                chart: kind,
                ..view
            },
            data,
            draws: 0,
            layout: None,
            scale,
            interaction: Interaction::default(),
            animation: None,
            settle_pending: false,
            resize_pending: false,
            tooltip,
            destroyed: false,
            natural: None,
            outbox: Vec::new(),
            timers: Timers::default(),
        }
    }

    /// The colours to draw in now.
    pub fn theme(&self) -> Theme {
        theme_for(self.view.theme)
    }

    /// Animates from `from` to the current view, unless the reader asked for less motion.
    pub fn animate_from(&mut self, from: Layout) {
        if media("(prefers-reduced-motion: reduce)") {
            self.animation = None;
            return;
        }
        self.animation = Some(Animation { from, start: now() });
        self.request_frame();
    }

    /// Asks for an animation frame, unless one is on its way or the chart is gone.
    pub fn request_frame(&mut self) {
        if !self.destroyed {
            self.timers.request_frame();
        }
    }

    /// The window changed size. A new width that needs a new height is drawn now, in the
    /// window's resize event, before the browser lays the page out for this frame: the
    /// resize observer cannot change the canvas's height in its own callback without the
    /// browser reporting a "ResizeObserver loop" error (see the runner), and would leave it
    /// to the next frame. A width alone is drawn by the observer, in this frame.
    pub fn window_resized(&mut self) {
        if self.animation.is_none() && self.height_changes().unwrap_or(false) {
            self.resize_pending = false;
            if let Err(e) = self.draw(false) {
                web_sys::console::error_1(&JsValue::from(e));
            }
        }
    }

    /// The CSS height the chart needs at CSS width `css_w` in the current view.
    fn height_for(&mut self, css_w: i32) -> Result<f64, JsError> {
        match &self.natural {
            Some((w, v, h)) if *w == css_w && *v == self.view => Ok(*h),
            _ => {
                let h = natural_height(&self.data, &self.view, css_w as u32, self.scale)?;
                self.natural = Some((css_w, self.view.clone(), h));
                Ok(h)
            }
        }
    }

    /// Whether drawing now would change the canvas's CSS height to fit its width.
    pub fn height_changes(&mut self) -> Result<bool, JsError> {
        let css_w = self.surface.canvas.client_width();
        if css_w <= 0 || self.destroyed {
            return Ok(false);
        }
        let want_h = self.height_for(css_w)?;
        Ok((f64::from(self.surface.canvas.client_height()) - want_h).abs() > 0.5)
    }

    /// Sizes the canvas to its content at its current width and draws, unless it is hidden
    /// (zero width) or nothing changed since the last draw and `force` is false.
    pub fn draw(&mut self, force: bool) -> Result<(), JsError> {
        if self.destroyed {
            return Ok(());
        }
        let css_w = self.surface.canvas.client_width();
        if css_w <= 0 {
            // Hidden: whatever changed meanwhile is drawn, fresh, when it is shown again.
            self.surface.drawn_size = None;
            self.surface.drop_plain();
            return Ok(());
        }
        let want_h = self.height_for(css_w)?;
        self.surface.fit_height(want_h)?;
        let size = self.surface.size(css_w)?;
        let (_, css_h, _) = size;
        if !force && self.surface.drawn_size == Some(size) && self.animation.is_none() {
            return Ok(());
        }
        match self.surface.drawn_size {
            None if self.animation.is_none() && self.surface.print_dpr.is_none() => {
                // Bars grow in the first time a chart is seen (page load or its tab opening).
                self.animate_from(Layout::default());
            }
            Some((w, h, _)) if (w, h) != (css_w, css_h) => self.tooltip.forget_sizes(),
            _ => {}
        }
        self.paint(size)
    }

    /// Draws everything at `size` (CSS width, height, pixel ratio) and keeps a copy of the
    /// drawing without emphasis for repaints, unless it is an animation frame or for print.
    fn paint(&mut self, size: Size) -> Result<(), JsError> {
        let (css_w, css_h, _) = size;
        let (bw, bh) = self.surface.prepare(size)?;

        let progress = self
            .animation
            .as_ref()
            .map(|a| charts::ease((now() - a.start) / ANIMATION_MS));
        let transition = self
            .animation
            .as_ref()
            .zip(progress)
            .filter(|(_, p)| *p < 1.0)
            .map(|(a, progress)| Transition {
                from: &a.from,
                progress,
            });
        let keep = transition.is_none() && self.surface.print_dpr.is_none();
        let theme = self.theme();
        let ctx = self.surface.ctx.clone();
        let area = CanvasBackend::new(&ctx, (css_w as u32, css_h as u32)).into_drawing_area();
        let without_rings = Emphasis {
            transition,
            ..Emphasis::default()
        };
        let layout = charts::draw_scaled(
            &area,
            &self.data,
            &self.view,
            self.kind,
            theme,
            without_rings,
            self.scale,
        )?;
        self.layout = Some(layout);
        self.surface.copy_due = false;
        if keep {
            if self.interaction.ringed() {
                // Rings go on next: the plain drawing must be copied before them.
                self.surface.keep_plain(bw, bh);
            } else {
                self.surface.copy_due = true;
                self.timers.schedule_copy();
            }
        }
        self.paint_emphasis(&area, theme)?;
        self.surface.drawn_size = Some(size);
        self.surface.drawn_theme = theme;
        match progress {
            Some(p) if p < 1.0 => self.request_frame(),
            Some(_) => self.animation = None,
            None => {}
        }
        self.drawn()
    }

    /// Repaints after a change of hover or focus: over the kept plain drawing only the rings
    /// change, so only they are painted, at the size of the last drawing. Without a current
    /// copy (mid-animation, printing) the whole chart is drawn at that size.
    pub fn repaint(&mut self) {
        if self.destroyed {
            return;
        }
        let Some(size) = self.surface.drawn_size else {
            // Never drawn, or hidden: drawn in full when it can be.
            return self.redraw();
        };
        self.surface.copy_if_due();
        let result = if self.surface.has_plain() && self.animation.is_none() {
            self.paint_rings(size)
        } else {
            self.paint(size)
        };
        if let Err(e) = result {
            web_sys::console::error_1(&JsValue::from(e));
        }
    }

    /// Takes the rings off the canvas by restoring the plain drawing under them, and paints
    /// the rings the current hover and focus ask for.
    fn paint_rings(&mut self, (css_w, css_h, dpr): Size) -> Result<(), JsError> {
        self.surface.restore(dpr)?;
        let ctx = self.surface.ctx.clone();
        let area = CanvasBackend::new(&ctx, (css_w as u32, css_h as u32)).into_drawing_area();
        self.paint_emphasis(&area, self.surface.drawn_theme)?;
        self.drawn()
    }

    /// Paints the rings of the current hover and focus, last, over the drawing on `area`.
    fn paint_emphasis(
        &mut self,
        area: &DrawingArea<CanvasBackend<'_>, Shift>,
        theme: Theme,
    ) -> Result<(), JsError> {
        if let Some(layout) = &self.layout {
            let rings = self.interaction.rings(layout);
            charts::draw_emphasis(area, layout, theme, &rings)?;
            self.surface.ringed = charts::emphasis_bounds(layout, &rings);
        }
        Ok(())
    }

    /// Measures the chart font again now that the document's fonts are ready, and lays the
    /// chart out again, once, if the face turned out wider or narrower than measured before.
    pub fn fonts_ready(&mut self) {
        let scale = measure_text_scale(&self.surface.ctx);
        if scale == self.scale || self.destroyed {
            return;
        }
        self.scale = scale;
        self.natural = None;
        if self.surface.drawn_size.is_some() {
            if let Err(e) = self.draw(true) {
                web_sys::console::error_1(&JsValue::from(e));
            }
        }
    }

    /// Counts a drawing, tells the page (`data-drawn`), and moves the tooltip with its bar.
    fn drawn(&mut self) -> Result<(), JsError> {
        self.draws += 1;
        self.surface
            .canvas
            .set_attribute("data-drawn", &self.draws.to_string())
            .map_err(|_| JsError::new("could not mark the canvas drawn"))?;
        self.place_tooltip();
        Ok(())
    }

    /// Shows the details the interaction has open where their bar now is, or hides them.
    /// Describes the canvas in `lang` (its `aria-label`, its fallback text and its `lang`
    /// attribute), for a chart that starts speaking another language; its details are
    /// written again in it when next shown.
    #[cfg(feature = "extras")]
    pub fn speak(&mut self, lang: Lang) -> Result<(), JsError> {
        let summary = describe::chart_summary_in(&self.data, self.kind, lang);
        let canvas = &self.surface.canvas;
        canvas
            .set_attribute("aria-label", &summary)
            .and_then(|_| canvas.set_attribute("lang", lang.id()))
            .map_err(|_| JsError::new("could not label the canvas"))?;
        canvas.set_text_content(Some(&summary));
        self.tooltip.forget();
        Ok(())
    }

    /// Reads no layout: when the tooltip changed, it is measured in the next animation frame.
    pub fn place_tooltip(&mut self) {
        let Some(layout) = self.layout.as_ref() else {
            return self.tooltip.hide();
        };
        let tip = self.interaction.tip();
        let mark = tip.and_then(|t| layout.marks.get(t.index).map(|m| (t, m)));
        let lang = self.view.lang;
        match mark.and_then(|(t, m)| self.data.figure(&m.figure).map(|f| (t, m, f))) {
            Some((tip, mark, figure)) => {
                // Translated only when the details change, not on every pointer move.
                let details = || {
                    let data = crate::translated::translate(&self.data, lang);
                    let shown = data.figure(&mark.figure).unwrap_or(figure);
                    describe::details_in(shown, lang)
                };
                if self.tooltip.show(
                    &mark.figure,
                    details,
                    tip.mode,
                    (tip.index, tip.pointer),
                    (&layout.marks, layout.height),
                ) {
                    self.settle_pending = true;
                    self.request_frame();
                }
            }
            None => self.tooltip.hide(),
        }
    }

    /// Draws again now, logging what fails.
    pub fn redraw(&mut self) {
        if let Err(e) = self.draw(true) {
            web_sys::console::error_1(&JsValue::from(e));
        }
    }
}
