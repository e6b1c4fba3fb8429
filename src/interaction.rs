//! What the reader's pointer, fingers and keys do to a chart: which figure is hovered, which
//! has keyboard focus, whose details are open and whether they stay open, what a screen
//! reader is told, and what the page's share link should name. Events in, effects out: it
//! reads the laid-out marks it is given, never the page, so the rules are tested natively and
//! the browser side only translates events into [`Input`] and applies the [`Effects`].
//!
//! The rules follow WCAG 1.4.13 (content on hover or focus): details stay while the pointer
//! is on them (hoverable), outlive the pointer leaving its bar by [`HIDE_DELAY_MS`] so it can
//! cross the gap to them, and Escape or a press elsewhere closes them (dismissible).

use crate::charts::{Emphasis, Layout};
use crate::data::Dataset;
use crate::describe;
use crate::i18n::Lang;

/// How long hover details outlive the pointer leaving their bar, in milliseconds.
pub const HIDE_DELAY_MS: i32 = 400;

/// How the details came to be shown, which decides what they hold and whether they take the
/// pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Under a hovering pointer or keyboard focus: compact (the quote cut to a few lines),
    /// and transparent to the pointer.
    Passing,
    /// Kept open by a click, Enter or Space, or a share link: the whole quote, and hoverable.
    Pinned,
    /// Kept open by a tap: compact, and transparent so the next tap reaches the bar beneath.
    Tapped,
}

/// A key the chart answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Arrow right (left in a right-to-left chart) or down: the next figure in reading order,
    /// staying on the last.
    Next,
    /// Arrow left (right in a right-to-left chart) or up: the previous figure, staying on the
    /// first.
    Previous,
    /// Home: the first figure.
    First,
    /// End: the last figure.
    Last,
    /// Enter or Space: keep the focused figure's details open, or close them again.
    Toggle,
    /// Escape: close the details and drop the focus ring.
    Escape,
}

impl Key {
    /// The key a `KeyboardEvent.key` value names, if the chart answers to it.
    pub fn from_name(name: &str) -> Option<Key> {
        Key::from_name_in(name, false)
    }

    /// The key a `KeyboardEvent.key` value names in a chart that reads right to left (`rtl`)
    /// or left to right: the arrows follow the drawing, so in a mirrored chart arrow left goes
    /// on to the next figure, which lies to the left.
    pub fn from_name_in(name: &str, rtl: bool) -> Option<Key> {
        Some(match name {
            "ArrowRight" if rtl => Key::Previous,
            "ArrowLeft" if rtl => Key::Next,
            "ArrowRight" | "ArrowDown" => Key::Next,
            "ArrowLeft" | "ArrowUp" => Key::Previous,
            "Home" => Key::First,
            "End" => Key::Last,
            "Enter" | " " => Key::Toggle,
            "Escape" => Key::Escape,
            _ => return None,
        })
    }
}

/// Something the reader did, as the chart sees it. Points are CSS pixels of the drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Input<'a> {
    /// A mouse or pen moved to a point over the chart (touch has no hover).
    PointerMoved(f64, f64),
    /// The pointer left the chart; `onto_tooltip` when it went onto the details.
    PointerLeft {
        /// It went onto the details, which keeps them.
        onto_tooltip: bool,
    },
    /// A click or tap at a point of the chart.
    Pressed {
        /// Where, in the drawing.
        at: (f64, f64),
        /// By a finger: the details then let the next tap through to the bar beneath.
        touch: bool,
    },
    /// A press anywhere else on the page: not the chart, not its details, not a control
    /// that keeps them (such as Copy link).
    PressedElsewhere,
    /// A key the chart answers to, pressed while it has focus or, for Escape, anywhere.
    Key(Key),
    /// The chart took focus.
    FocusIn {
        /// By the keyboard (`:focus-visible`); a click's focus is the pointer's business.
        keyboard: bool,
    },
    /// The chart lost focus.
    FocusOut,
    /// The pointer went onto the details.
    TooltipEntered,
    /// The pointer left the details.
    TooltipLeft {
        /// It went back onto the chart, which handles it from there.
        onto_chart: bool,
    },
    /// The delay started by [`Timer::Start`] ran out.
    HideTimerFired,
    /// A share link names this figure: its details open, kept, if the chart has it.
    ShareLink(&'a str),
    /// The chart or its data changed: nothing is hovered, focused or open.
    Reset,
}

/// What to do with the hide delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Timer {
    /// Leave it as it is.
    #[default]
    Keep,
    /// Start it again from now, [`HIDE_DELAY_MS`] long, then send [`Input::HideTimerFired`].
    Start,
    /// Stop it.
    Cancel,
}

/// What the browser side is to do after an input. Flags, not text, so that applying them
/// costs the page's module little: the words come from [`Interaction::announcement`] and
/// [`Interaction::shared`] when a flag asks for them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Effects {
    /// The rings changed: paint them again (which also shows, moves or hides the details).
    pub repaint: bool,
    /// Only the details changed: show, move or hide them, without painting.
    pub tooltip: bool,
    /// Say [`Interaction::announcement`] to screen readers.
    pub announce: bool,
    /// Tell the page the figure its share link should name now, [`Interaction::shared`].
    pub share: bool,
    /// What to do with the hide delay.
    pub timer: Timer,
}

/// The details to show: about which mark, opened how, and where the pointer was that opened
/// them (none for the keyboard and share links).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tip {
    /// The mark's index in the layout.
    pub index: usize,
    /// How they were opened.
    pub mode: Mode,
    /// The pointer that opened them, which they keep clear of.
    pub pointer: Option<(f64, f64)>,
}

/// The hover, focus and details of one chart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Interaction {
    /// Mark under the pointer.
    hover: Option<usize>,
    /// Mark with keyboard focus.
    focus: Option<usize>,
    /// Mark whose details are open.
    tip: Option<usize>,
    /// The details stay open until dismissed (tap, Enter, Space or a share link).
    pinned: bool,
    /// The kept details were kept by a tap, so the next tap must reach the bar beneath.
    tapped: bool,
    /// Where the pointer was when it opened the details.
    tip_at: Option<(f64, f64)>,
    /// The pointer is on the details.
    over_tooltip: bool,
}

impl Interaction {
    /// The mark under the pointer, ringed as hovered.
    pub fn hover(&self) -> Option<usize> {
        self.hover
    }

    /// The mark with keyboard focus, ringed as focused.
    pub fn focus(&self) -> Option<usize> {
        self.focus
    }

    /// The rings to paint on `layout`: a thin one round the hovered figure, a heavy one
    /// round the focused one.
    pub fn rings<'l>(&self, layout: &'l Layout) -> Emphasis<'l> {
        let layout = Some(layout);
        Emphasis {
            highlight: mark_id(layout, self.hover),
            focus: mark_id(layout, self.focus),
            transition: None,
        }
    }

    /// Whether any mark is ringed.
    pub fn ringed(&self) -> bool {
        self.hover.is_some() || self.focus.is_some()
    }

    /// The details to show, if any.
    pub fn tip(&self) -> Option<Tip> {
        let mode = match (self.pinned, self.tapped) {
            (false, _) => Mode::Passing,
            (true, false) => Mode::Pinned,
            (true, true) => Mode::Tapped,
        };
        self.tip.map(|index| Tip {
            index,
            mode,
            pointer: self.tip_at,
        })
    }

    /// The figure the page's share link should name: the focused one, else the one whose
    /// details are kept open.
    pub fn shared<'l>(&self, layout: Option<&'l Layout>) -> Option<&'l str> {
        let kept = self.tip.filter(|_| self.pinned);
        mark_id(layout, self.focus).or_else(|| mark_id(layout, kept))
    }

    /// What a screen reader is told of the focused figure, from `data`: its words and
    /// hedge, and its place in the chart's reading order ("… Figure 2 of 4.").
    pub fn announcement(&self, layout: Option<&Layout>, data: &Dataset) -> Option<String> {
        self.announcement_in(layout, data, Lang::En)
    }

    /// [`Interaction::announcement`] in `lang`.
    pub fn announcement_in(
        &self,
        layout: Option<&Layout>,
        data: &Dataset,
        lang: Lang,
    ) -> Option<String> {
        let (layout, index) = (layout?, self.focus?);
        let data = crate::translated::translate(data, lang);
        let figure = data.figure(&layout.marks.get(index)?.figure)?;
        Some(describe::announcement_in(
            figure,
            index + 1,
            layout.marks.len(),
            lang,
        ))
    }

    /// Applies `input` to a chart laid out as `layout` (none before its first drawing), and
    /// says what the browser is to do about it.
    pub fn handle(&mut self, input: Input<'_>, layout: Option<&Layout>) -> Effects {
        let mut fx = Effects::default();
        match input {
            Input::PointerMoved(x, y) => {
                let hit = hit(layout, (x, y));
                if hit == self.hover {
                    return fx;
                }
                match hit {
                    Some(i) => {
                        fx.timer = Timer::Cancel;
                        self.hover = Some(i);
                        if !self.pinned {
                            self.tip_at = Some((x, y));
                            self.set_tip(Some(i), false);
                        }
                        fx.repaint = true;
                    }
                    None => self.leave(&mut fx),
                }
            }
            // Moving onto the details keeps them.
            Input::PointerLeft { onto_tooltip } => {
                if !onto_tooltip {
                    self.leave(&mut fx);
                }
            }
            Input::Pressed { at, touch } => {
                let hit = hit(layout, at);
                // A press keeps the details of what is under it; on empty space it closes them.
                fx.timer = Timer::Cancel;
                self.tip_at = Some(at);
                self.tapped = touch;
                match hit {
                    Some(i) if self.pinned && self.tip == Some(i) => self.set_tip(None, false),
                    Some(i) => self.set_tip(Some(i), true),
                    None => self.set_tip(None, false),
                }
                self.hover = hit;
                fx.repaint = true;
                fx.share = true;
            }
            Input::PressedElsewhere => {
                if self.tip.is_some() {
                    self.set_tip(None, false);
                    self.hover = None;
                    fx.repaint = true;
                    fx.share = true;
                }
            }
            Input::Key(key) => {
                let total = layout.map_or(0, |l| l.marks.len());
                let last = total.saturating_sub(1);
                let current = self.focus;
                let to = match key {
                    Key::Next => current.map_or(0, |i| (i + 1).min(last)),
                    Key::Previous => current.map_or(0, |i| i.saturating_sub(1)),
                    Key::First => 0,
                    Key::Last => last,
                    Key::Toggle => {
                        let at = current.unwrap_or(0);
                        self.tapped = false;
                        let keep = !(self.pinned && self.tip == Some(at));
                        self.focus = Some(at);
                        self.set_tip(Some(at), keep);
                        fx.repaint = true;
                        fx.share = true;
                        return fx;
                    }
                    Key::Escape => return self.dismiss(),
                };
                self.move_focus(to, layout, &mut fx);
            }
            Input::FocusIn { keyboard } => {
                if keyboard {
                    self.move_focus(self.focus.unwrap_or(0), layout, &mut fx);
                }
            }
            Input::FocusOut => {
                if self.focus.is_some() {
                    self.focus = None;
                    if !self.pinned {
                        self.set_tip(self.hover, false);
                    }
                    fx.repaint = true;
                }
            }
            Input::TooltipEntered => {
                self.over_tooltip = true;
                fx.timer = Timer::Cancel;
            }
            Input::TooltipLeft { onto_chart } => {
                self.over_tooltip = false;
                if !onto_chart {
                    self.leave(&mut fx);
                }
            }
            Input::HideTimerFired => {
                if self.hover.is_none()
                    && !self.pinned
                    && !self.over_tooltip
                    && self.focus.is_none()
                {
                    self.set_tip(None, false);
                    fx.tooltip = true;
                }
            }
            Input::ShareLink(id) => {
                if let Some(i) = layout.and_then(|l| l.index_of(id)) {
                    if self.tip != Some(i) {
                        self.tapped = false;
                        self.tip_at = None;
                        self.set_tip(Some(i), true);
                        fx.repaint = true;
                    }
                }
            }
            Input::Reset => {
                self.hover = None;
                self.focus = None;
                self.set_tip(None, false);
                fx.tooltip = true;
            }
        }
        fx
    }

    fn set_tip(&mut self, tip: Option<usize>, pinned: bool) {
        self.tip = tip;
        self.pinned = pinned && tip.is_some();
    }

    /// The pointer left the bar it was on: its ring goes at once, its details after a delay.
    fn leave(&mut self, fx: &mut Effects) {
        if self.hover.is_some() {
            self.hover = None;
            fx.repaint = true;
        }
        if !self.pinned && self.focus.is_none() && self.tip.is_some() {
            fx.timer = Timer::Start;
        }
    }

    /// Escape: closes the details and drops the focus ring.
    fn dismiss(&mut self) -> Effects {
        let had = self.tip.is_some() || self.focus.is_some();
        self.focus = None;
        self.set_tip(None, false);
        Effects {
            repaint: had,
            tooltip: !had,
            share: had,
            ..Effects::default()
        }
    }

    /// Moves keyboard focus to mark `to` (the last if past it), opens its details and says
    /// which figure it is, and where in the chart.
    fn move_focus(&mut self, to: usize, layout: Option<&Layout>, fx: &mut Effects) {
        let total = layout.map_or(0, |l| l.marks.len());
        if total == 0 {
            return;
        }
        let to = to.min(total - 1);
        self.focus = Some(to);
        self.tip_at = None;
        self.set_tip(Some(to), self.pinned);
        fx.repaint = true;
        fx.announce = true;
        fx.share = true;
    }
}

/// The mark under a point. One copy for the pointer and the press: the page's module pays
/// for each copy of the hit test.
#[inline(never)]
fn hit(layout: Option<&Layout>, (x, y): (f64, f64)) -> Option<usize> {
    layout?.hit(x, y)
}

/// The figure id of mark `index` of `layout`.
fn mark_id(layout: Option<&Layout>, index: Option<usize>) -> Option<&str> {
    layout?.marks.get(index?).map(|m| m.figure.as_str())
}
