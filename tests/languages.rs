//! The charts in French and Arabic: every word in each language, numbers as each language
//! writes them, the post's words kept as they are, and Arabic charts mirrored, with snapshots
//! to review (`tests/snapshots/*-fr-*.svg`, `*-ar-*.svg`).

use coalition_infographic::charts::{ChartSpec, Layout};
use coalition_infographic::data::Origin;
use coalition_infographic::describe::{announcement_in, chart_summary_in, details_in};
use coalition_infographic::format::{amount_in, figure_value_in};
use coalition_infographic::i18n::{Lang, Plural};
use coalition_infographic::interaction::Key;
use coalition_infographic::translated::translate;
use coalition_infographic::view::{ChartKind, ScaleKind};

mod drawing;
use coalition_infographic::Unit;
use drawing::assert_snapshot;

use drawing::data;

fn holes(template: &str) -> usize {
    template.matches("{}").count()
}

fn draw(kind: ChartKind, lang: Lang, width: u32) -> (String, Layout) {
    drawing::draw_in(kind, ScaleKind::Linear, lang, width)
}

#[test]
fn every_language_has_every_word_with_its_holes() {
    let en = Lang::En.words();
    for lang in [Lang::Fr, Lang::Ar] {
        let w = lang.words();
        assert_eq!(w.lang, lang);
        assert_eq!(w.rtl, lang == Lang::Ar);
        assert!(
            !w.unofficial.is_empty(),
            "{lang:?} says it is a translation"
        );
        for kind in ChartKind::ALL {
            let (a, b) = (en.spec(kind), w.spec(kind));
            assert_eq!(
                (a.kind, a.figures),
                (b.kind, b.figures),
                "{lang:?} {kind:?}"
            );
            assert_eq!(a.notes.len(), b.notes.len());
            assert_eq!(a.drawn_notes.len(), b.drawn_notes.len());
            for text in [b.tab, b.title, b.subtitle].iter().chain(b.notes) {
                assert!(!text.trim().is_empty(), "{lang:?} {kind:?}");
            }
        }
        let pairs = [
            (en.numbers.usd, w.numbers.usd),
            (en.numbers.percent, w.numbers.percent),
            (en.chart.raqqa_panel, w.chart.raqqa_panel),
            (en.describe.derived_how, w.describe.derived_how),
            (en.describe.position, w.describe.position),
            (en.describe.difference, w.describe.difference),
            (en.describe.complement, w.describe.complement),
            (en.describe.meta, w.describe.meta),
            (en.describe.announcement, w.describe.announcement),
            (en.describe.summary_item, w.describe.summary_item),
        ];
        for (a, b) in pairs {
            assert_eq!(holes(a), holes(b), "{lang:?}: {b:?} fills as {a:?} does");
        }
        let plurals = |n: &coalition_infographic::i18n::Numbers| -> Vec<Plural> {
            vec![n.usd_million, n.usd_billion, n.million, n.billion, n.tons]
        };
        for (a, b) in plurals(&en.numbers).iter().zip(plurals(&w.numbers)) {
            for form in [b.one, b.few, b.other] {
                assert_eq!(holes(form), holes(a.other), "{lang:?}: {form:?}");
            }
        }
        for (a, b) in en.numbers.tick_usd.iter().zip(w.numbers.tick_usd) {
            assert_eq!(holes(a), holes(b));
        }
        for (a, b) in en.wordings.iter().zip(w.wordings) {
            assert_eq!(a.id, b.id, "{lang:?}: qualifiers in the same order");
            assert_eq!(a.prefix.is_empty(), b.prefix.is_empty(), "{}", a.id);
        }
        assert_eq!(en.derived_wording.id, w.derived_wording.id);
    }
}

#[test]
fn translations_name_the_shipped_figures_by_their_english_words() {
    let d = data();
    for lang in [Lang::Fr, Lang::Ar] {
        let words = lang.words();
        assert_eq!(
            words.figures.len(),
            d.figures.len(),
            "{lang:?}: every figure"
        );
        for fw in words.figures {
            let f = d
                .figure(fw.id)
                .unwrap_or_else(|| panic!("{lang:?}: {}", fw.id));
            assert_eq!(f.label, fw.english_label, "{lang:?}: {}", fw.id);
            assert!(!fw.label.is_empty() && !fw.period.is_empty());
            assert_eq!(
                fw.short_label.is_empty(),
                f.short_label == f.label,
                "{lang:?}: {} has a short label where English has one",
                fw.id
            );
        }
    }
}

#[test]
fn a_french_reader_reads_french_numbers() {
    let d = data();
    let f = |id: &str| figure_value_in(d.figure(id).expect("figure"), Lang::Fr);
    assert_eq!(f("funding-provided"), "plus de 22,2 milliards de dollars");
    assert_eq!(f("funding-pledged"), "plus de 2,3 milliards de dollars");
    assert_eq!(f("undp-stabilization"), "plus de 240 millions de dollars");
    assert_eq!(f("iraq-returned"), "plus de 1,5 million");
    assert_eq!(f("raqqa-displaced"), "environ 35\u{202f}000");
    assert_eq!(f("iraq-liberated"), "62\u{202f}%");
    assert_eq!(f("equipment-donated"), "quelque 8\u{202f}200 tonnes");
    assert_eq!(f("fighters-reduction"), "plus de la moitié");
    // The headline's number is the formatter's.
    let title = Lang::Fr.words().spec(ChartKind::Funding).title;
    assert!(title.contains(&f("funding-provided")), "{title}");
}

#[test]
fn an_arabic_reader_reads_arabic_indic_digits() {
    let d = data();
    let f = |id: &str| figure_value_in(d.figure(id).expect("figure"), Lang::Ar);
    assert_eq!(f("funding-provided"), "أكثر من ٢٢٫٢ مليار دولار");
    assert_eq!(f("raqqa-displaced"), "نحو ٣٥٬٠٠٠");
    assert_eq!(f("iraq-liberated"), "٦٢٪");
    assert_eq!(amount_in(3e6, Unit::Count, Lang::Ar), "٣ ملايين");
    assert_eq!(amount_in(1.5e6, Unit::Count, Lang::Ar), "١٫٥ مليون");
    let words = Lang::Ar.words();
    for kind in ChartKind::ALL {
        let spec = words.spec(kind);
        for text in [spec.title, spec.subtitle].iter().chain(spec.notes) {
            assert!(
                !text.chars().any(|c| c.is_ascii_digit()),
                "{kind:?}: Western digits in {text}"
            );
        }
    }
    let title = words.spec(ChartKind::Funding).title;
    assert!(title.contains("٢٢٫٢ مليار دولار"), "{title}");
}

#[test]
fn translation_keeps_values_qualifiers_and_the_posts_words() {
    let d = data();
    for lang in [Lang::Fr, Lang::Ar] {
        let t = translate(&d, lang);
        for (a, b) in d.figures.iter().zip(&t.figures) {
            assert_eq!(
                (a.value, a.qualifier, a.unit, a.scope),
                (b.value, b.qualifier, b.unit, b.scope)
            );
            assert_eq!(a.quote(), b.quote(), "{}: the quote stays the post's", a.id);
            assert_eq!(a.context(), b.context());
            assert_ne!(a.label, b.label, "{lang:?}: {} translated", a.id);
        }
        // A derived figure says how it is computed in the reader's language.
        let rest = t.figure("iraq-not-liberated").expect("figure");
        let Origin::Derived { how, .. } = &rest.origin else {
            panic!("derived");
        };
        let expected = if lang == Lang::Fr {
            "100\u{202f}% moins 62\u{202f}%"
        } else {
            "٦٢٪"
        };
        assert!(how.contains(expected), "{lang:?}: {how}");
        // The tooltip's quote stays in English, as the post wrote it.
        let funding = t.figure("funding-provided").expect("figure");
        let details = details_in(funding, lang);
        assert_eq!(details.lang, lang);
        assert!(details
            .quote
            .as_deref()
            .is_some_and(|q| q.contains("$22.2 billion")));
        assert!(!details.label.contains("Provided by"));
    }
    // A custom dataset that reuses an id with its own words keeps them.
    let mut custom = d.clone();
    custom.figures[0].label = "Our own label".into();
    let t = translate(&custom, Lang::Fr);
    assert_eq!(t.figures[0].label, "Our own label");
}

#[test]
fn announcements_and_summaries_speak_the_language() {
    let d = data();
    let t = translate(&d, Lang::Fr);
    let f = t.figure("syria-not-liberated").expect("figure");
    let said = announcement_in(f, 4, 4, Lang::Fr);
    assert!(said.ends_with("Chiffre 4 sur 4."), "{said}");
    assert!(
        said.contains("70\u{202f}%") && said.contains("Calculé"),
        "{said}"
    );
    let ar = translate(&d, Lang::Ar);
    let said = announcement_in(
        ar.figure("raqqa-displaced").expect("figure"),
        1,
        3,
        Lang::Ar,
    );
    assert!(
        said.contains("نحو ٣٥٬٠٠٠") && said.contains("١") && said.contains("٣"),
        "{said}"
    );
    for lang in Lang::ALL {
        for kind in ChartKind::ALL {
            let s = chart_summary_in(&d, kind, lang);
            assert!(
                s.starts_with(lang.words().spec(kind).title),
                "{lang:?} {kind:?}"
            );
            for id in ChartSpec::of(kind).figures {
                let f = translate(&d, lang).figure(id).expect("figure").clone();
                assert!(s.contains(&f.label), "{lang:?} {kind:?}: {id}");
            }
        }
    }
}

#[test]
fn arabic_charts_are_mirrored_french_ones_are_not() {
    for kind in ChartKind::ALL {
        for width in [360, 960] {
            let (_, en) = draw(kind, Lang::En, width);
            let (_, fr) = draw(kind, Lang::Fr, width);
            let (_, ar) = draw(kind, Lang::Ar, width);
            let ids = |l: &Layout| l.marks.iter().map(|m| m.figure.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&en), ids(&ar), "{kind:?}: one reading order");
            assert_eq!(ids(&en), ids(&fr));
            for (m, l) in ar.marks.iter().zip(&fr.marks) {
                assert!(
                    m.bar.x >= 0.0 && m.bar.right() <= ar.width + 0.5,
                    "{kind:?}/{width}"
                );
                assert!(
                    m.label.x >= -0.5 && m.label.right() <= ar.width + 0.5,
                    "{kind:?}/{width}: {} label",
                    m.figure
                );
                // A bar that starts at its axis's zero grows from the right: its right edge is
                // the French bar's left edge, seen in a mirror (labels may differ in width).
                if kind != ChartKind::Liberation || m.figure.ends_with("-liberated") {
                    let mirrored_left = ar.width - m.bar.right();
                    assert!(
                        (mirrored_left - l.bar.x).abs() < 60.0,
                        "{kind:?}/{width}: {} starts on the right",
                        m.figure
                    );
                }
            }
            // In Arabic, each figure's first bar is right of its last.
            if kind == ChartKind::Liberation {
                assert!(
                    ar.marks[0].bar.x > ar.marks[1].bar.x,
                    "liberated share on the right"
                );
                assert!(fr.marks[0].bar.x < fr.marks[1].bar.x);
            }
        }
    }
}

#[test]
fn arrows_follow_the_drawing() {
    assert_eq!(Key::from_name_in("ArrowLeft", true), Some(Key::Next));
    assert_eq!(Key::from_name_in("ArrowRight", true), Some(Key::Previous));
    assert_eq!(Key::from_name_in("ArrowDown", true), Some(Key::Next));
    assert_eq!(Key::from_name_in("ArrowLeft", false), Some(Key::Previous));
    assert_eq!(Key::from_name("ArrowRight"), Some(Key::Next));
}

#[test]
fn a_translated_chart_says_so_on_a_line_of_its_own() {
    for lang in [Lang::Fr, Lang::Ar] {
        let first_word = lang.words().unofficial.split(' ').next().expect("a word");
        for kind in ChartKind::ALL {
            for width in [360, 960] {
                let (svg, _) = draw(kind, lang, width);
                // Arabic lines are isolated right-to-left (U+2067 ... U+2069).
                let svg = svg.replace(">\n", ">").replace(">\u{2067}", ">");
                // After the post's address on the same line, it read as part of it.
                assert!(
                    svg.contains(&format!(">{first_word} ")),
                    "{lang:?} {kind:?} at {width} px starts a line with {first_word:?}"
                );
            }
        }
    }
}

#[test]
fn snapshots_in_french_and_arabic() {
    for lang in [Lang::Fr, Lang::Ar] {
        for kind in ChartKind::ALL {
            for width in [960, 360] {
                let (svg, _) = draw(kind, lang, width);
                // Right-to-left lines are isolated runs, so every viewer orders their parts.
                if lang == Lang::Ar {
                    assert!(svg.contains('\u{2067}') && svg.contains('\u{2069}'));
                }
                assert_snapshot(&format!("{}-{}-{width}", kind.id(), lang.id()), &svg);
            }
        }
    }
}

#[test]
fn arabic_has_a_text_scale_of_its_own() {
    use coalition_infographic::charts::{text, TextScale};
    let arial = |s: &str, f: &text::MeasureFont| text::width(s, f.size, f.bold);
    let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06ff}').contains(&c));
    let wide = TextScale::measured(|s, f| arial(s, f) * if arabic(s) { 1.05 } else { 1.0 });
    assert_eq!(wide.factor(), 1.0, "Latin text keeps Arial's metrics");
    assert!((wide.arabic() - 1.05).abs() < 1e-9, "{wide:?}");
    // A face that widens the letters of one sample only still widens the layout.
    let one = TextScale::measured(|s, f| {
        arial(s, f)
            * if s == text::ARABIC_SAMPLES[1] {
                1.05
            } else {
                1.0
            }
    });
    assert!((one.arabic() - 1.05).abs() < 1e-9, "{one:?}");
    let narrow = TextScale::measured(|s, f| arial(s, f) * if arabic(s) { 0.9 } else { 1.0 });
    assert_eq!(
        narrow,
        TextScale::ARIAL,
        "a narrower face leaves a little room"
    );
}
