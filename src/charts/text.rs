//! Text metrics for the chart font, computed rather than measured.
//!
//! Page and charts name one font stack, [`FONT_FAMILY`]: Arial or a metric-compatible face
//! (Liberation Sans, Helvetica), whose advance widths are public and fixed. Computing widths
//! from them makes layout identical on the canvas, in SVG and in native tests, and costs no
//! DOM measurement per label. Where a browser has none of those faces and sets the text in
//! another (DejaVu Sans on Linux, Roboto on Android), the layout multiplies every width by a
//! [`TextScale`] measured once from that face, so lines still wrap and labels still fit.

use crate::lang::{is_arabic_script, is_rtl_letter};

/// An Arabic letter: what the Arabic text scale widens (digits take the Latin one).
fn is_arabic_letter(c: char) -> bool {
    is_arabic_script(c) && is_rtl_letter(c)
}

/// The font stack of page and charts alike (www/style.css names the same one); every named
/// face shares Arial's metrics, and `sans-serif` is the fallback a [`TextScale`] measures.
pub const FONT_FAMILY: &str = font_family!();

/// The font stack as a literal, so the fonts below are written out whole at compile time.
macro_rules! font_family {
    () => {
        "Arial, 'Liberation Sans', Helvetica, sans-serif"
    };
}
use font_family;

/// A font a face's [`TextScale`] is measured in: [`FONT_FAMILY`] at one of the sizes and
/// weights the charts draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasureFont {
    /// The CSS `font` value.
    pub css: &'static str,
    /// Its size in CSS pixels.
    pub size: f64,
    /// Whether it is bold.
    pub bold: bool,
}

macro_rules! measure_font {
    ($weight:literal, $size:literal) => {
        MeasureFont {
            css: concat!($weight, stringify!($size), "px ", font_family!()),
            size: $size as f64,
            bold: !$weight.is_empty(),
        }
    };
}

/// Every size and weight the charts set text in (charts/render.rs). Measured at these sizes,
/// not at one large size: an engine that rounds each glyph's advance to whole pixels
/// (WebKit) sets 12 px text up to 2 % wider than its 100 px text would say, and a line laid
/// out for the large size would lose its last letter at the canvas's edge.
pub const MEASURE_FONTS: [MeasureFont; 6] = [
    measure_font!("", 12),
    measure_font!("", 13),
    measure_font!("bold ", 13),
    measure_font!("bold ", 14),
    measure_font!("bold ", 16),
    measure_font!("bold ", 19),
];

/// How much wider than Arial's the face that sets the chart text is: every width the layout
/// computes is multiplied by it. Never below 1 (a narrower face is laid out as Arial and
/// leaves a little room), and at most [`TextScale::MAX`], so a broken measurement cannot
/// squeeze the bars to nothing.
///
/// Arabic has a factor of its own ([`TextScale::arabic`]): the layout's Arabic widths are Noto
/// Sans Arabic's, and a browser sets Arabic in whatever Arabic face the reader has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextScale(f64, f64);

impl Default for TextScale {
    fn default() -> Self {
        TextScale::ARIAL
    }
}

impl TextScale {
    /// Arial's own metrics: Arial, Liberation Sans, Helvetica, and every picture and SVG this
    /// crate writes (the PNG renderer embeds Liberation Sans).
    pub const ARIAL: TextScale = TextScale(1.0, 1.0);
    /// The widest face the layout allows for: 30 % wider than Arial, past DejaVu Sans (about
    /// 23 %) and Verdana, the widest sans-serif faces a browser is likely to fall back on.
    pub const MAX: f64 = 1.3;
    /// A measured factor up to this is Arial's metrics: Liberation Sans's advances are
    /// Arial's to the font unit (1/2048 em against the tables' 1/1000), and the difference
    /// is rounding, under a pixel on the longest line, not a wider face. Laying such a face
    /// out as Arial keeps the page's charts identical to their SVG and PNG exports.
    pub const SAME: f64 = 1.002;

    /// A scale of `factor`, brought into 1..=[`TextScale::MAX`]; anything not a number is 1,
    /// and so is anything within [`TextScale::SAME`] of it.
    pub fn new(factor: f64) -> TextScale {
        // Comparisons rather than `clamp`: clamp's check of its bounds formats floats, code
        // the page would otherwise not carry. NaN fails the comparison and stays 1.
        if factor > Self::SAME {
            TextScale(factor.min(Self::MAX), 1.0)
        } else {
            TextScale::ARIAL
        }
    }

    /// This scale with Arabic set `factor` times as wide as the layout's Noto Sans Arabic
    /// widths, brought into 1..=[`TextScale::MAX`] as [`TextScale::new`] brings its factor:
    /// a narrower face leaves a little room.
    pub fn with_arabic(self, factor: f64) -> TextScale {
        TextScale(self.0, TextScale::new(factor).0)
    }

    /// How much wider than the layout's widths the face that sets Arabic is.
    pub fn arabic(self) -> f64 {
        self.1
    }

    /// The factor itself.
    pub fn factor(self) -> f64 {
        self.0
    }

    /// The scale of a face whose widths `measure` gives: `measure(text, font)` is the width
    /// of `text` set in `font`, one of [`MEASURE_FONTS`]. Each of [`SAMPLES`] is measured in
    /// each of them and the widest ratio to Arial's width of the same text wins, so the scale
    /// fits the kind of text a face widens most (figures, say), and the size an engine rounds
    /// up most, as well as the rest.
    pub fn measured(mut measure: impl FnMut(&str, &MeasureFont) -> f64) -> TextScale {
        let mut factor = 1.0_f64;
        for sample in SAMPLES {
            for font in &MEASURE_FONTS {
                let arial = width(sample, font.size, font.bold);
                let ratio = measure(sample, font) / arial;
                // A NaN or infinite width (a broken canvas) says nothing: skipped.
                if ratio.is_finite() {
                    factor = factor.max(ratio);
                }
            }
        }
        let latin = TextScale::new(factor);
        // The viewer module draws no Arabic (a page in Arabic runs the full one), so it does
        // not measure it.
        #[cfg(any(feature = "extras", not(target_arch = "wasm32")))]
        {
            // Latin text between Arabic words (figures, `·`, brackets) takes the Latin scale,
            // so the Arabic one is measured on letters and spaces alone, over that scale.
            let mut arabic = f64::NAN;
            for sample in ARABIC_SAMPLES {
                for font in &MEASURE_FONTS {
                    let ratio = measure(sample, font) / width(sample, font.size, font.bold);
                    if ratio.is_finite() && (arabic.is_nan() || ratio > arabic) {
                        arabic = ratio;
                    }
                }
            }
            latin.with_arabic(arabic / latin.factor())
        }
        #[cfg(not(any(feature = "extras", not(target_arch = "wasm32"))))]
        latin
    }
}

/// Arabic as the charts set it, measured for [`TextScale::arabic`]: letters, spaces and
/// Arabic punctuation only. Three lines, since a face widens some letters more than others
/// (DejaVu Sans sets the first 4 % narrower than Noto Sans Arabic and the second 5 % wider).
pub const ARABIC_SAMPLES: [&str; 3] = [
    "قدم أعضاء التحالف أكثر من مليار دولار في العراق وسوريا بحسب وزارة الخارجية الأمريكية",
    "مظلل بخطوط: محسوب، لم يرد في منشور وزارة الخارجية الأمريكية",
    "لا يذكر منشور وزارة الخارجية ما إذا كان الذين عادوا بالفعل إلى ديارهم من بين النازحين",
];

/// The texts a face is measured on to find its [`TextScale`]: the site's characters, as the
/// charts set them, in the groups that fallback faces widen by different amounts (DejaVu
/// Sans widens figures and brackets more than letters, and bold more than regular).
pub const SAMPLES: [&str; 4] = [
    // Words: titles, row labels and notes.
    "The State Department’s post says Coalition operations have liberated territory in Iraq",
    // Figures as value labels and ticks write them.
    "more than $22.2 billion; 62%, 38%, 100%; approximately 35,000; 1.5M, 40k, 2017, 96",
    // Captions, with their separators, brackets and quotation marks.
    "Iraq · In total, to March 2017 (start not stated); › a lower bound: “more than”",
    // The source line, with its web address.
    "Source: U.S. Department of State, DipNote, blogs.state.gov/stories/2017/03/22/en/global-coalition",
];

/// Advance widths in 1/1000 em for ASCII 32..=126, regular.
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // ' '..'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    278, 278, 584, 584, 584, 556, 1015, // ':'..'@'
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
    611, 722, 667, 944, 667, 667, 611, // A-Z
    278, 278, 278, 469, 556, 333, // '['..'`'
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
    278, 556, 500, 722, 500, 500, 500, // a-z
    334, 260, 334, 584, // '{'..'~'
];

/// Advance widths in 1/1000 em for ASCII 32..=126, bold.
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278,
    278, // ' '..'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    333, 333, 584, 584, 584, 611, 975, // ':'..'@'
    722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667,
    611, 722, 667, 944, 667, 667, 611, // A-Z
    333, 278, 333, 584, 556, 333, // '['..'`'
    556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556,
    333, 611, 556, 778, 556, 556, 500, // a-z
    389, 280, 389, 584, // '{'..'~'
];

fn advance(c: char, bold: bool) -> u16 {
    let code = c as u32;
    if (32..=126).contains(&code) {
        let table = if bold { &BOLD } else { &REGULAR };
        return table[(code - 32) as usize];
    }
    match (c, bold) {
        ('‘' | '’' | '‚', false) => 222,
        ('‘' | '’' | '‚', true) => 278,
        ('“' | '”' | '„', false) => 333,
        ('“' | '”' | '„', true) => 500,
        ('–', _) => 556,
        ('—' | '…', _) => 1000,
        ('·', _) => 333,
        ('‹' | '›', _) => 333,
        ('≈' | '±', _) => 549,
        ('−' | '×', _) => 584,
        ('\u{0300}'..='\u{036f}', _) => 0,
        // Direction marks and isolates, and Arabic's vowel marks, take no room.
        ('\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2066}'..='\u{2069}', _) => 0,
        ('\u{064b}'..='\u{065f}' | '\u{0670}', _) => 0,
        // Arabic-Indic digits as wide as Arial's (DejaVu Sans sets them at 537, Noto Sans
        // Arabic at 407), and their separators and percent sign.
        ('\u{0660}'..='\u{0669}' | '\u{06f0}'..='\u{06f9}', _) => 556,
        ('\u{066b}' | '\u{066c}', _) => 278,
        ('\u{066a}', _) => 889,
        // Arabic as Noto Sans Arabic sets it, shaped (joined), per letter: above nine in ten
        // of the Arabic charts' lines (mean 442 and 490), so a label measured here fits.
        (
            '\u{0600}'..='\u{06ff}'
            | '\u{0750}'..='\u{077f}'
            | '\u{fb50}'..='\u{fdff}'
            | '\u{fe70}'..='\u{feff}',
            false,
        ) => 480,
        (
            '\u{0600}'..='\u{06ff}'
            | '\u{0750}'..='\u{077f}'
            | '\u{fb50}'..='\u{fdff}'
            | '\u{fe70}'..='\u{feff}',
            true,
        ) => 530,
        // Wide scripts (CJK and the like) take a full em; everything else an average glyph.
        (c, _) if (c as u32) >= 0x2e80 => 1000,
        _ => 556,
    }
}

/// Width in pixels of `text` set at `px` pixels.
pub fn width(text: &str, px: f64, bold: bool) -> f64 {
    width_with(text, px, bold, 1.0)
}

/// Width in pixels of `text` set at `px` pixels, its Arabic letters `arabic` times as wide as
/// Noto Sans Arabic sets them (see [`TextScale::arabic`]).
pub fn width_with(text: &str, px: f64, bold: bool, arabic: f64) -> f64 {
    let (mut other, mut script, mut spaces) = (0u32, 0u32, 0u32);
    for c in text.chars() {
        let units = u32::from(advance(c, bold));
        if is_arabic_letter(c) {
            script += units;
        } else {
            other += units;
            spaces += u32::from(c == ' ');
        }
    }
    // Spaces between Arabic words are set in the Arabic face, whose space may be wider than
    // Arial's 278 (DejaVu Sans's is 318).
    if script > 0 {
        other += spaces * 40;
    }
    (f64::from(other) + f64::from(script) * arabic) * px / 1000.0
}

/// Breaks `text` into lines no wider than `max_width`, at spaces; a word longer than a line
/// is cut so nothing spills outside the chart.
pub fn wrap(text: &str, px: f64, bold: bool, max_width: f64) -> Vec<String> {
    wrap_with(text, px, bold, 1.0, max_width)
}

/// [`wrap`], with Arabic letters `arabic` times as wide (see [`width_with`]).
pub fn wrap_with(text: &str, px: f64, bold: bool, arabic: f64, max_width: f64) -> Vec<String> {
    let width = |t: &str, px: f64, bold: bool| width_with(t, px, bold, arabic);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, px, bold) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone may still not fit: cut it, after its last '/' or '-' that fits
        // where it has one (a web address then breaks between its parts), else between
        // characters.
        let mut piece = String::new();
        let mut cut = 0;
        for c in word.chars() {
            piece.push(c);
            while width(&piece, px, bold) > max_width && piece.chars().count() > 1 {
                let end = piece.len() - c.len_utf8();
                let at = if cut > 0 && cut <= end { cut } else { end };
                // `at` follows a whole character, so the split always succeeds; `checked`
                // keeps the panicking slice (and its message's formatting) out of the wasm.
                let Some((head, tail)) = piece.split_at_checked(at) else {
                    break;
                };
                lines.push(head.to_string());
                piece = tail.to_string();
                cut = 0;
            }
            if c == '/' || c == '-' {
                cut = piece.len();
            }
        }
        line = piece;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_arial_metrics() {
        // "Iraq" = I 278 + r 333 + a 556 + q 556 = 1723 units.
        assert!((width("Iraq", 10.0, false) - 17.23).abs() < 1e-9);
        assert!(width("Iraq", 10.0, true) > width("Iraq", 10.0, false));
        assert_eq!(width("", 12.0, false), 0.0);
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        let lines = wrap("more than $22.2 billion in aid", 12.0, false, 80.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 12.0, false) <= 80.0));
        let cut = wrap(&"x".repeat(100), 12.0, false, 50.0);
        assert!(cut.len() > 1);
        assert!(cut.iter().all(|l| width(l, 12.0, false) <= 50.0));
        assert!(wrap("   ", 12.0, false, 50.0).is_empty());
    }

    #[test]
    fn web_addresses_break_after_their_slashes_and_hyphens() {
        let url = "blogs.state.gov/stories/2017/03/22/en/global-coalition-remains-united";
        let lines = wrap(url, 12.0, false, 150.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines.iter().all(|l| width(l, 12.0, false) <= 150.0),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), url, "nothing lost or added");
        for l in &lines[..lines.len() - 1] {
            assert!(l.ends_with('/') || l.ends_with('-'), "{lines:?}");
        }
    }
}
