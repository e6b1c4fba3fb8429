//! The pointer, touch and keyboard rules on real layouts: hover moving between adjacent bars
//! and its details outliving the pointer, taps and clicks keeping details and letting them go,
//! Escape and presses elsewhere, the keyboard's walk through the figures, and what is said to
//! screen readers and to the page's share link. Inputs are CSS pixels of the drawing, as the
//! browser side passes them.

use coalition_infographic::charts::{self, Layout, Theme};
use coalition_infographic::describe;
use coalition_infographic::interaction::{Input, Interaction, Key, Mode, Timer};
use coalition_infographic::svg::render_svg;
use coalition_infographic::view::{ChartKind, View};
use coalition_infographic::Dataset;

fn setup(kind: ChartKind) -> (Dataset, Layout) {
    let data = Dataset::embedded().expect("data");
    let view = View {
        chart: kind,
        ..View::default()
    };
    let width = 720;
    let height = charts::natural_height(&data, &view, kind, width).expect("height") as u32;
    let layout = render_svg(&data, &view, kind, Theme::LIGHT, (width, height))
        .expect("drawn")
        .1;
    assert!(layout.marks.len() >= 3, "{kind:?} has marks to walk");
    (data, layout)
}

/// The centre of mark `i`'s bar.
fn centre(l: &Layout, i: usize) -> (f64, f64) {
    let b = l.marks[i].bar;
    (b.x + b.w / 2.0, b.y + b.h / 2.0)
}

/// A point of the drawing that is on no mark (its top-left corner, in the title).
fn nowhere(l: &Layout) -> (f64, f64) {
    let at = (1.0, 1.0);
    assert_eq!(l.hit(at.0, at.1), None, "the corner is empty");
    at
}

/// An input's effects as the browser side applies them: the flags, with the words they ask
/// for fetched as it fetches them.
#[derive(Debug, Default, PartialEq)]
struct Effects {
    repaint: bool,
    tooltip: bool,
    /// What the live region is given.
    announce: Option<String>,
    /// What the page is told its share link should name (`Some(None)`: nothing).
    share: Option<Option<String>>,
    timer: Timer,
}

struct Chart {
    data: Dataset,
    layout: Layout,
    state: Interaction,
}

impl Chart {
    fn new(kind: ChartKind) -> Chart {
        let (data, layout) = setup(kind);
        Chart {
            data,
            layout,
            state: Interaction::default(),
        }
    }

    fn on(&mut self, input: Input<'_>) -> Effects {
        let layout = Some(&self.layout);
        let fx = self.state.handle(input, layout);
        Effects {
            repaint: fx.repaint,
            tooltip: fx.tooltip,
            announce: fx
                .announce
                .then(|| self.state.announcement(layout, &self.data))
                .flatten(),
            share: fx
                .share
                .then(|| self.state.shared(layout).map(String::from)),
            timer: fx.timer,
        }
    }

    fn move_to(&mut self, (x, y): (f64, f64)) -> Effects {
        self.on(Input::PointerMoved(x, y))
    }

    fn press(&mut self, at: (f64, f64), touch: bool) -> Effects {
        self.on(Input::Pressed { at, touch })
    }

    fn key(&mut self, key: Key) -> Effects {
        self.on(Input::Key(key))
    }

    fn id(&self, i: usize) -> String {
        self.layout.marks[i].figure.clone()
    }

    fn tip(&self) -> Option<(usize, Mode)> {
        self.state.tip().map(|t| (t.index, t.mode))
    }

    fn announcement(&self, i: usize) -> String {
        let figure = self.data.figure(&self.id(i)).expect("figure");
        describe::announcement(figure, i + 1, self.layout.marks.len())
    }
}

#[test]
fn hover_moves_between_adjacent_bars_and_outlives_the_pointer() {
    let mut c = Chart::new(ChartKind::Funding);
    let (a, b) = (centre(&c.layout, 0), centre(&c.layout, 1));

    let fx = c.move_to(a);
    assert!(fx.repaint, "a new hover is painted");
    assert_eq!(
        fx.timer,
        Timer::Cancel,
        "hovering a bar stops any hide delay"
    );
    assert_eq!(fx.share, None, "hover is not shared");
    assert_eq!(c.state.hover(), Some(0));
    let tip = c.state.tip().expect("details open");
    assert_eq!(
        (tip.index, tip.mode, tip.pointer),
        (0, Mode::Passing, Some(a))
    );

    // Within the same bar nothing changes, so nothing is painted.
    assert_eq!(c.move_to((a.0 + 1.0, a.1)), Effects::default());

    let fx = c.move_to(b);
    assert!(fx.repaint);
    assert_eq!(c.state.hover(), Some(1));
    assert_eq!(
        c.state.tip().map(|t| (t.index, t.pointer)),
        Some((1, Some(b)))
    );

    // Off the bars: the ring goes at once, the details after the delay.
    let fx = c.move_to(nowhere(&c.layout));
    assert!(fx.repaint);
    assert_eq!(fx.timer, Timer::Start);
    assert_eq!(c.state.hover(), None);
    assert_eq!(
        c.tip(),
        Some((1, Mode::Passing)),
        "details wait for the delay"
    );
    let fx = c.on(Input::HideTimerFired);
    assert!(
        fx.tooltip && !fx.repaint,
        "the delay closes the details, no ring changes"
    );
    assert_eq!(c.tip(), None);
}

#[test]
fn a_pointer_crossing_to_the_details_keeps_them() {
    let mut c = Chart::new(ChartKind::Funding);
    c.move_to(centre(&c.layout, 2));
    // Leaving the canvas onto the details: nothing happens.
    assert_eq!(
        c.on(Input::PointerLeft { onto_tooltip: true }),
        Effects::default()
    );
    assert_eq!(c.on(Input::TooltipEntered).timer, Timer::Cancel);
    // A delay started on the way there finds the pointer on the details.
    assert_eq!(c.on(Input::HideTimerFired), Effects::default());
    assert_eq!(c.tip(), Some((2, Mode::Passing)));
    // Back onto the chart, the chart's own pointer events take over.
    assert_eq!(
        c.on(Input::TooltipLeft { onto_chart: true }),
        Effects::default()
    );
    // Off the details elsewhere: the ring goes, then the details.
    let fx = c.on(Input::TooltipLeft { onto_chart: false });
    assert!(fx.repaint, "the hovered bar's ring goes");
    assert_eq!(fx.timer, Timer::Start);
    c.on(Input::HideTimerFired);
    assert_eq!(c.tip(), None);
}

#[test]
fn leaving_the_canvas_starts_the_delay() {
    let mut c = Chart::new(ChartKind::Liberation);
    c.move_to(centre(&c.layout, 0));
    let fx = c.on(Input::PointerLeft {
        onto_tooltip: false,
    });
    assert!(fx.repaint);
    assert_eq!(fx.timer, Timer::Start);
    // Back onto a bar before the delay ends: it is stopped and the details follow.
    let fx = c.move_to(centre(&c.layout, 1));
    assert_eq!(fx.timer, Timer::Cancel);
    assert_eq!(c.tip(), Some((1, Mode::Passing)));
}

#[test]
fn a_tap_keeps_details_and_a_tap_on_another_bar_moves_them() {
    let mut c = Chart::new(ChartKind::Funding);
    let (a, b) = (centre(&c.layout, 0), centre(&c.layout, 1));

    let fx = c.press(a, true);
    assert!(fx.repaint);
    assert_eq!(fx.timer, Timer::Cancel);
    assert_eq!(
        fx.share,
        Some(Some(c.id(0))),
        "kept details go into the link"
    );
    assert_eq!(c.tip(), Some((0, Mode::Tapped)));
    assert_eq!(c.state.tip().and_then(|t| t.pointer), Some(a));

    let fx = c.press(b, true);
    assert_eq!(fx.share, Some(Some(c.id(1))));
    assert_eq!(c.tip(), Some((1, Mode::Tapped)));
    assert_eq!(c.state.hover(), Some(1));

    // The same bar again lets them go.
    let fx = c.press(b, true);
    assert_eq!(fx.share, Some(None));
    assert_eq!(c.tip(), None);

    // Kept again, then a tap on empty space closes them.
    c.press(a, true);
    let fx = c.press(nowhere(&c.layout), true);
    assert_eq!(fx.share, Some(None));
    assert_eq!((c.tip(), c.state.hover()), (None, None));
}

#[test]
fn a_click_pins_details_that_hover_elsewhere_does_not_move() {
    let mut c = Chart::new(ChartKind::Funding);
    let (a, b) = (centre(&c.layout, 0), centre(&c.layout, 1));
    c.move_to(a);
    c.press(a, false);
    assert_eq!(c.tip(), Some((0, Mode::Pinned)));

    // The pointer moving to another bar rings it but leaves the pinned details where they are.
    let fx = c.move_to(b);
    assert!(fx.repaint);
    assert_eq!(c.state.hover(), Some(1));
    assert_eq!(c.tip(), Some((0, Mode::Pinned)));
    // Nor does leaving start the delay.
    let fx = c.move_to(nowhere(&c.layout));
    assert_eq!(fx.timer, Timer::Keep);
    assert_eq!(c.on(Input::HideTimerFired), Effects::default());
    assert_eq!(c.tip(), Some((0, Mode::Pinned)));

    // Clicking the pinned bar unpins.
    c.press(a, false);
    assert_eq!(c.tip(), None);
}

#[test]
fn a_press_elsewhere_on_the_page_closes_the_details() {
    let mut c = Chart::new(ChartKind::Returns);
    c.press(centre(&c.layout, 1), false);
    let fx = c.on(Input::PressedElsewhere);
    assert!(fx.repaint);
    assert_eq!(fx.share, Some(None));
    assert_eq!((c.tip(), c.state.hover()), (None, None));
    // With nothing open it does nothing.
    assert_eq!(c.on(Input::PressedElsewhere), Effects::default());
}

#[test]
fn the_keyboard_walks_the_figures_in_reading_order_and_stops_at_the_ends() {
    for kind in ChartKind::ALL {
        let mut c = Chart::new(kind);
        let total = c.layout.marks.len();

        // A click's focus shows nothing; the keyboard's shows the first figure.
        assert_eq!(c.on(Input::FocusIn { keyboard: false }), Effects::default());
        let fx = c.on(Input::FocusIn { keyboard: true });
        assert_eq!(c.state.focus(), Some(0));
        assert_eq!(fx.announce, Some(c.announcement(0)));
        assert_eq!(
            fx.share,
            Some(Some(c.id(0))),
            "the focused figure goes into the link"
        );
        let tip = c.state.tip().expect("details open");
        assert_eq!((tip.index, tip.mode, tip.pointer), (0, Mode::Passing, None));

        for i in 1..total {
            let fx = c.key(Key::Next);
            assert!(fx.repaint);
            assert_eq!(c.state.focus(), Some(i), "{kind:?}: Next goes to {i}");
            assert_eq!(c.tip(), Some((i, Mode::Passing)));
            assert_eq!(fx.announce, Some(c.announcement(i)));
        }
        // Past the last: it stays there (no wrap), and says so again.
        let fx = c.key(Key::Next);
        assert_eq!(
            c.state.focus(),
            Some(total - 1),
            "{kind:?}: stays on the last"
        );
        assert_eq!(fx.announce, Some(c.announcement(total - 1)));

        c.key(Key::First);
        assert_eq!(c.state.focus(), Some(0));
        c.key(Key::Previous);
        assert_eq!(c.state.focus(), Some(0), "{kind:?}: stays on the first");
        c.key(Key::Last);
        assert_eq!(c.state.focus(), Some(total - 1));
        c.key(Key::Previous);
        assert_eq!(c.state.focus(), Some(total - 2));
    }
}

#[test]
fn announcements_say_the_figure_its_hedge_and_its_place() {
    let mut c = Chart::new(ChartKind::Funding);
    let total = c.layout.marks.len();
    let fx = c.on(Input::FocusIn { keyboard: true });
    assert_eq!(fx.announce.as_deref(), Some(ANNOUNCED_FIRST));
    for i in 1..total {
        let said = c.key(Key::Next).announce.expect("announced");
        let figure = c.data.figure(&c.id(i)).expect("figure");
        assert!(said.starts_with(&format!("{}: ", figure.label)), "{said}");
        assert!(said.contains(figure.wording().hedge), "{said}");
        assert!(
            said.ends_with(&format!(" Figure {} of {total}.", i + 1)),
            "{said}"
        );
    }
    // Keeping details open, hovering and pressing say nothing new.
    assert_eq!(c.key(Key::Toggle).announce, None);
    assert_eq!(c.move_to(centre(&c.layout, 0)).announce, None);
    assert_eq!(c.press(centre(&c.layout, 1), false).announce, None);
}

#[test]
fn enter_keeps_the_focused_details_and_enter_again_lets_them_go() {
    let mut c = Chart::new(ChartKind::Funding);
    c.on(Input::FocusIn { keyboard: true });
    c.key(Key::Next);
    let fx = c.key(Key::Toggle);
    assert!(fx.repaint);
    assert_eq!(fx.share, Some(Some(c.id(1))));
    assert_eq!(c.tip(), Some((1, Mode::Pinned)));
    // Walking on carries the kept details along.
    c.key(Key::Next);
    assert_eq!(c.tip(), Some((2, Mode::Pinned)));
    c.key(Key::Toggle);
    assert_eq!(c.tip(), Some((2, Mode::Passing)));
    assert_eq!(c.state.focus(), Some(2), "focus stays");
    // A tap's details, toggled by the keyboard, become whole.
    c.press(centre(&c.layout, 0), true);
    assert_eq!(c.tip(), Some((0, Mode::Tapped)));
    c.key(Key::Toggle);
    assert_eq!(c.tip(), Some((2, Mode::Pinned)));
}

#[test]
fn escape_closes_details_and_drops_the_focus_ring() {
    let mut c = Chart::new(ChartKind::Liberation);
    c.on(Input::FocusIn { keyboard: true });
    c.key(Key::Toggle);
    let fx = c.key(Key::Escape);
    assert!(fx.repaint && !fx.tooltip);
    assert_eq!(fx.share, Some(None), "the link forgets the focus");
    assert_eq!((c.state.focus(), c.tip()), (None, None));
    // With nothing open, Escape only makes sure the details are hidden.
    let fx = c.key(Key::Escape);
    assert_eq!(
        fx,
        Effects {
            tooltip: true,
            ..Effects::default()
        }
    );
    // After Escape, the next arrow starts again at the first figure.
    c.key(Key::Next);
    assert_eq!(c.state.focus(), Some(0));
}

#[test]
fn losing_focus_drops_the_ring_and_leaves_the_hovered_details() {
    let mut c = Chart::new(ChartKind::Funding);
    c.on(Input::FocusIn { keyboard: true });
    c.key(Key::Next);
    c.move_to(centre(&c.layout, 0));
    assert_eq!(
        c.tip(),
        Some((0, Mode::Passing)),
        "hover shows its own details"
    );
    assert_eq!(c.state.focus(), Some(1), "and the focus ring stays");
    c.key(Key::Next);
    assert_eq!(
        c.tip(),
        Some((2, Mode::Passing)),
        "the keyboard takes them back"
    );
    let fx = c.on(Input::FocusOut);
    assert!(fx.repaint);
    assert_eq!(c.state.focus(), None);
    assert_eq!(
        c.tip(),
        Some((0, Mode::Passing)),
        "the hovered bar's details remain"
    );
    assert_eq!(c.on(Input::FocusOut), Effects::default(), "once only");

    // Pinned details stay when focus goes.
    c.on(Input::FocusIn { keyboard: true });
    c.key(Key::Toggle);
    c.on(Input::FocusOut);
    assert_eq!(c.tip(), Some((0, Mode::Pinned)));
    assert_eq!(c.state.shared(Some(&c.layout)), Some(c.id(0).as_str()));
}

#[test]
fn a_share_link_opens_its_figure_kept() {
    let mut c = Chart::new(ChartKind::Funding);
    assert_eq!(c.on(Input::ShareLink("no-such-figure")), Effects::default());
    let id = c.id(2);
    let fx = c.on(Input::ShareLink(&id));
    assert!(fx.repaint);
    assert_eq!(fx.share, None, "the link already names it");
    let tip = c.state.tip().expect("details open");
    assert_eq!((tip.index, tip.mode, tip.pointer), (2, Mode::Pinned, None));
    assert_eq!(
        c.on(Input::ShareLink(&id)),
        Effects::default(),
        "already open"
    );
}

#[test]
fn a_new_chart_starts_with_nothing_open() {
    let mut c = Chart::new(ChartKind::Funding);
    c.on(Input::FocusIn { keyboard: true });
    c.move_to(centre(&c.layout, 1));
    c.key(Key::Toggle);
    let fx = c.on(Input::Reset);
    assert!(fx.tooltip);
    assert_eq!(
        (c.state.hover(), c.state.focus(), c.tip()),
        (None, None, None)
    );
    assert!(!c.state.ringed());
    assert_eq!(c.state.shared(Some(&c.layout)), None);
}

#[test]
fn without_a_layout_nothing_is_hovered_or_focused() {
    let data = Dataset::embedded().expect("data");
    let none = coalition_infographic::interaction::Effects::default();
    let mut state = Interaction::default();
    assert_eq!(state.handle(Input::PointerMoved(10.0, 10.0), None), none);
    for key in [Key::Next, Key::Previous, Key::First, Key::Last] {
        assert_eq!(state.handle(Input::Key(key), None), none);
    }
    let fx = state.handle(Input::FocusIn { keyboard: true }, None);
    assert_eq!((fx, state.focus()), (none, None));
    assert_eq!(state.announcement(None, &data), None);
}

#[test]
fn keys_by_their_browser_names() {
    let names = [
        ("ArrowRight", Key::Next),
        ("ArrowDown", Key::Next),
        ("ArrowLeft", Key::Previous),
        ("ArrowUp", Key::Previous),
        ("Home", Key::First),
        ("End", Key::Last),
        ("Enter", Key::Toggle),
        (" ", Key::Toggle),
        ("Escape", Key::Escape),
    ];
    for (name, key) in names {
        assert_eq!(Key::from_name(name), Some(key), "{name}");
    }
    for name in ["Tab", "a", "PageDown", "Esc", "enter", ""] {
        assert_eq!(Key::from_name(name), None, "{name:?}");
    }
}

/// The funding chart's first figure, in the words the live region speaks.
const ANNOUNCED_FIRST: &str = "Provided by Coalition members for stabilization, demining, \
     economic support and humanitarian assistance: more than $22.2 billion, a lower bound. \
     Iraq and Syria, Since 2014. Figure 1 of 4.";

#[test]
fn rings_name_the_hovered_and_the_focused_figures() {
    let mut c = Chart::new(ChartKind::Funding);
    let none = c.state.rings(&c.layout);
    assert_eq!((none.highlight, none.focus), (None, None));
    c.on(Input::FocusIn { keyboard: true });
    c.move_to(centre(&c.layout, 2));
    let rings = c.state.rings(&c.layout);
    assert_eq!(rings.highlight, Some(c.layout.marks[2].figure.as_str()));
    assert_eq!(rings.focus, Some(c.layout.marks[0].figure.as_str()));
    assert!(c.state.ringed());
    c.on(Input::PointerLeft {
        onto_tooltip: false,
    });
    c.on(Input::FocusOut);
    assert!(!c.state.ringed());
}
