//! Maps values to pixels and back, and picks tick values people can read.

/// A one-dimensional mapping from a value domain to a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Pixels proportional to value.
    Linear {
        /// Domain start and end.
        domain: (f64, f64),
        /// Pixel start and end.
        range: (f64, f64),
    },
    /// Pixels proportional to log10(value); domain must be positive.
    Log {
        /// Domain start and end, both > 0.
        domain: (f64, f64),
        /// Pixel start and end.
        range: (f64, f64),
    },
}

impl Scale {
    /// A linear scale from 0 to a "nice" bound at or above `max`.
    pub fn linear_from_zero(max: f64, range: (f64, f64)) -> Scale {
        let top = nice_ceil(max.max(f64::MIN_POSITIVE));
        Scale::Linear {
            domain: (0.0, top),
            range,
        }
    }

    /// A log scale spanning whole powers of ten around `min..=max`.
    pub fn log_decades(min: f64, max: f64, range: (f64, f64)) -> Scale {
        let lo = decade(min.max(f64::MIN_POSITIVE).log10().floor());
        let mut hi = decade(max.max(lo).log10().ceil());
        if hi <= lo {
            hi = lo * 10.0;
        }
        Scale::Log {
            domain: (lo, hi),
            range,
        }
    }

    /// The domain's lower end: where bars start.
    pub fn domain_start(&self) -> f64 {
        match *self {
            Scale::Linear { domain, .. } | Scale::Log { domain, .. } => domain.0,
        }
    }

    /// Pixel position of `value`, clamped to the range so nothing is drawn outside the plot.
    pub fn px(&self, value: f64) -> f64 {
        let (t, (r0, r1)) = match *self {
            Scale::Linear { domain, range } => ((value - domain.0) / (domain.1 - domain.0), range),
            Scale::Log { domain, range } => {
                let v = value.max(domain.0);
                (
                    (v.log10() - domain.0.log10()) / (domain.1.log10() - domain.0.log10()),
                    range,
                )
            }
        };
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        r0 + t * (r1 - r0)
    }

    /// The value at pixel `px` (inverse of [`Scale::px`] within the range).
    pub fn value(&self, px: f64) -> f64 {
        match *self {
            Scale::Linear { domain, range } => {
                domain.0 + (px - range.0) / (range.1 - range.0) * (domain.1 - domain.0)
            }
            Scale::Log { domain, range } => {
                let t = (px - range.0) / (range.1 - range.0);
                10f64.powf(domain.0.log10() + t * (domain.1.log10() - domain.0.log10()))
            }
        }
    }

    /// Tick values: about `target` evenly stepped ones on a linear scale, every power of
    /// ten on a log scale.
    pub fn ticks(&self, target: usize) -> Vec<f64> {
        match *self {
            Scale::Linear { domain, .. } => {
                let step = nice_step((domain.1 - domain.0) / target.max(1) as f64);
                // Floor, not round: a tick past the domain would be drawn clamped at its end.
                let n = ((domain.1 - domain.0) / step + 1e-9).floor() as usize;
                (0..=n).map(|i| domain.0 + i as f64 * step).collect()
            }
            Scale::Log { domain, .. } => {
                let (a, b) = (
                    domain.0.log10().round() as i32,
                    domain.1.log10().round() as i32,
                );
                (a..=b).map(|e| 10f64.powi(e)).collect()
            }
        }
    }
}

/// 10 to the whole power `exponent`. `powi` rather than `powf`: the exponents here are
/// whole, and the general `pow` would add 2 KB to the wasm for no difference.
fn decade(exponent: f64) -> f64 {
    10f64.powi(exponent as i32)
}

/// The smallest of 1, 2, 2.5, 5 × 10^k at or above `x`.
fn nice_step(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let base = decade(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * base)
        .find(|&s| s >= x * (1.0 - 1e-9))
        .unwrap_or(10.0 * base)
}

/// A round upper bound for an axis: the smallest multiple of a nice step at or above `x`.
fn nice_ceil(x: f64) -> f64 {
    let step = nice_step(x / 5.0);
    (x / step - 1e-9).ceil() * step
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_scale_maps_and_inverts() {
        let s = Scale::linear_from_zero(22.2e9, (100.0, 600.0));
        assert_eq!(s.ticks(5), vec![0.0, 5e9, 10e9, 15e9, 20e9, 25e9]);
        assert_eq!(s.px(0.0), 100.0);
        assert_eq!(s.px(25e9), 600.0);
        assert!((s.value(s.px(12e9)) - 12e9).abs() < 1.0);
        assert_eq!(s.px(1e12), 600.0, "clamped");
    }

    #[test]
    fn log_scale_spans_decades() {
        let s = Scale::log_decades(240e6, 22.2e9, (0.0, 300.0));
        assert_eq!(s.ticks(5), vec![1e8, 1e9, 1e10, 1e11]);
        assert!((s.px(1e9) - 100.0).abs() < 1e-9);
        assert_eq!(s.domain_start(), 1e8);
        assert!((s.value(200.0) - 1e10).abs() < 1.0);
    }

    #[test]
    fn degenerate_input_stays_finite() {
        let s = Scale::linear_from_zero(0.0, (0.0, 10.0));
        assert!(s.px(5.0).is_finite());
        assert!(s.ticks(5).len() < 20);
        let l = Scale::log_decades(0.0, 0.0, (0.0, 10.0));
        assert!(l.px(1.0).is_finite());
    }
}
