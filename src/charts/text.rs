//! Text metrics for the chart font, computed rather than measured.
//!
//! Charts are drawn in Arial or a metric-compatible face (Liberation Sans, Helvetica), whose
//! advance widths are public and fixed. Computing widths from them makes layout identical on
//! the canvas, in SVG and in native tests, and costs no DOM measurement per label.

/// The CSS font stack the charts use; every face in it shares Arial's metrics.
pub const FONT_FAMILY: &str = "Arial, 'Liberation Sans', Helvetica, sans-serif";

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
        // Wide scripts (CJK and the like) take a full em; everything else an average glyph.
        (c, _) if (c as u32) >= 0x2e80 => 1000,
        _ => 556,
    }
}

/// Width in pixels of `text` set at `px` pixels.
pub fn width(text: &str, px: f64, bold: bool) -> f64 {
    let units: u32 = text.chars().map(|c| u32::from(advance(c, bold))).sum();
    f64::from(units) * px / 1000.0
}

/// Breaks `text` into lines no wider than `max_width`, at spaces; a word longer than a line
/// is cut so nothing spills outside the chart.
pub fn wrap(text: &str, px: f64, bold: bool, max_width: f64) -> Vec<String> {
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
                lines.push(piece[..at].to_string());
                piece = piece[at..].to_string();
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
