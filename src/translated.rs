//! A dataset in a language: its figures' labels, short labels and periods in the words of
//! [`crate::i18n`], and how each derived figure is computed written in it.

use std::borrow::Cow;

use crate::format::figure_value_in;
use crate::i18n::{fill, Lang};
use crate::vocabulary::{Dataset, DeriveOp, Origin};

/// `data` with its figures' labels, short labels and periods in `lang`, and how each derived
/// figure is computed written in it. A figure keeps its own words where `lang` has none for
/// it, or where its label is no longer the shipped one it translates (a custom dataset that
/// reuses an id). Values, qualifiers, scopes and the post's quotes are never touched.
pub fn translate(data: &Dataset, lang: Lang) -> Cow<'_, Dataset> {
    let words = lang.words();
    if words.figures.is_empty() {
        return Cow::Borrowed(data);
    }
    let mut out = data.clone();
    for figure in &mut out.figures {
        if let Some(w) = words.figure(&figure.id, &figure.label) {
            figure.label = w.label.to_string();
            figure.short_label = if w.short_label.is_empty() {
                w.label.to_string()
            } else {
                w.short_label.to_string()
            };
            figure.period = w.period.to_string();
        }
    }
    for i in 0..out.figures.len() {
        let Origin::Derived { op, of, .. } = &out.figures[i].origin else {
            continue;
        };
        let inputs: Vec<String> = of
            .iter()
            .filter_map(|id| out.figure(id))
            .map(|f| figure_value_in(f, lang))
            .collect();
        let parts: Vec<&str> = inputs.iter().map(String::as_str).collect();
        let how = match op {
            DeriveOp::Difference => fill(words.describe.difference, &parts),
            DeriveOp::Complement => fill(words.describe.complement, &parts),
        };
        if let Origin::Derived { how: old, .. } = &mut out.figures[i].origin {
            *old = how;
        }
    }
    Cow::Owned(out)
}
