//! Colours for light and dark backgrounds, from the Okabe–Ito palette (safe for the common
//! colour-vision deficiencies). Every graphical colour reaches 3:1 and every text colour 4.5:1
//! against its background; the tests check it.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Relative luminance as WCAG defines it.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colours one drawing uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Canvas background.
    pub background: Rgb,
    /// Titles, labels and values.
    pub text: Rgb,
    /// Subtitles, tick labels, notes, the source line.
    pub muted: Rgb,
    /// Axis line and tick marks.
    pub axis: Rgb,
    /// Gridlines: decorative, deliberately faint.
    pub grid: Rgb,
    /// Series colours in order of use.
    pub series: [Rgb; 3],
    /// Drawn around the focused mark.
    pub focus: Rgb,
}

impl Theme {
    /// For light pages.
    pub const LIGHT: Theme = Theme {
        background: Rgb(0xff, 0xff, 0xff),
        text: Rgb(0x1b, 0x1e, 0x23),
        muted: Rgb(0x4a, 0x52, 0x60),
        axis: Rgb(0x6b, 0x72, 0x80),
        grid: Rgb(0xe3, 0xe6, 0xea),
        // Okabe–Ito blue, vermillion, bluish green.
        series: [
            Rgb(0x00, 0x72, 0xb2),
            Rgb(0xd5, 0x5e, 0x00),
            Rgb(0x00, 0x9e, 0x73),
        ],
        focus: Rgb(0x1b, 0x1e, 0x23),
    };

    /// For dark pages.
    pub const DARK: Theme = Theme {
        background: Rgb(0x1b, 0x1e, 0x21),
        text: Rgb(0xec, 0xee, 0xf1),
        muted: Rgb(0xb4, 0xbb, 0xc6),
        axis: Rgb(0x8d, 0x95, 0xa3),
        grid: Rgb(0x2e, 0x33, 0x3b),
        // Okabe–Ito sky blue, orange, bluish green: the lighter members read on dark.
        series: [
            Rgb(0x56, 0xb4, 0xe9),
            Rgb(0xe6, 0x9f, 0x00),
            Rgb(0x00, 0x9e, 0x73),
        ],
        focus: Rgb(0xec, 0xee, 0xf1),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_meets_wcag_in_both_themes() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            let bg = theme.background;
            assert!(theme.text.contrast(bg) >= 4.5, "{theme:?} text");
            assert!(theme.muted.contrast(bg) >= 4.5, "{theme:?} muted");
            assert!(theme.axis.contrast(bg) >= 3.0, "{theme:?} axis");
            assert!(theme.focus.contrast(bg) >= 3.0, "{theme:?} focus");
            for c in theme.series {
                assert!(c.contrast(bg) >= 3.0, "{theme:?} series {c:?}");
            }
        }
    }

    #[test]
    fn contrast_is_wcag_contrast() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(255, 255, 255);
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        assert_eq!(white.hex(), "#ffffff");
    }
}
