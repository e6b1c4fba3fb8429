//! The annotated source: the State Department's post in full, with every charted figure's
//! words highlighted and linked to its chart and table row, and every quantity it mentions
//! but the charts leave out marked with the reason. A reader can check each figure against
//! the text it came from, and see that nothing in the text was passed over unsaid.
//!
//! The page is text only: every piece of the post and of the dataset goes through
//! [`escape_html`], and the only markup is the page's own.

use std::fmt::Write as _;

use thiserror::Error;

use crate::site::escape_html;
use coalition_infographic::charts::ChartSpec;
use coalition_infographic::data::Dataset;
use coalition_infographic::format::figure_value;
use coalition_infographic::view::ChartKind;

/// Why the annotated page could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SourcePageError {
    /// A quote the dataset gives is not in the text, so it cannot be shown in place.
    #[error("the quote of '{what}' is not in the source text: “{quote}”")]
    NotInText {
        /// The figure id, or the mention's number.
        what: String,
        /// The quote.
        quote: String,
    },
    /// A quote appears more than once, so its place in the text is not known.
    #[error("the quote of '{what}' appears more than once in the source text: “{quote}”")]
    Ambiguous {
        /// The figure id, or the mention's number.
        what: String,
        /// The quote.
        quote: String,
    },
}

/// What a stretch of the text is marked as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The words of a figure this infographic shows (its quote or its context).
    Figure {
        /// The figure's id.
        id: String,
        /// The figure's label, for the links' accessible names.
        label: String,
        /// The figure as the page shows it ("more than $22.2 billion"), which starts its
        /// links, so two figures of one sentence are told apart.
        value: String,
        /// True for the figure's own quote, false for a context quote around it.
        own: bool,
    },
    /// A quantity the text mentions that no chart or key figure shows.
    Mention {
        /// 1-based number, for the list of reasons.
        number: usize,
        /// Why it is not charted.
        why: String,
    },
}

/// One marked stretch of the text: a verbatim quote and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// Verbatim words of the text; they must appear in it exactly once.
    pub quote: String,
    /// What they are.
    pub note: Note,
}

/// Every figure's quote (and context quote), then every uncharted mention, in dataset order.
pub fn annotations(data: &Dataset) -> Vec<Annotation> {
    let mut out = Vec::new();
    for figure in &data.figures {
        for (quote, own) in figure
            .quote()
            .map(|q| (q, true))
            .into_iter()
            .chain(figure.context().map(|c| (c, false)))
        {
            out.push(Annotation {
                quote: quote.to_string(),
                note: Note::Figure {
                    id: figure.id.clone(),
                    label: figure.label.clone(),
                    value: figure_value(figure),
                    own,
                },
            });
        }
    }
    for (i, mention) in data.uncharted.iter().enumerate() {
        out.push(Annotation {
            quote: mention.quote.clone(),
            note: Note::Mention {
                number: i + 1,
                why: mention.why.clone(),
            },
        });
    }
    out
}

/// Byte range of each annotation in `text`; every quote must appear exactly once.
fn place(text: &str, notes: &[Annotation]) -> Result<Vec<(usize, usize)>, SourcePageError> {
    notes
        .iter()
        .map(|a| {
            let what = match &a.note {
                Note::Figure { id, .. } => id.clone(),
                Note::Mention { number, .. } => format!("mention {number}"),
            };
            let mut found = text.match_indices(a.quote.as_str());
            match (found.next(), found.next()) {
                (Some((start, _)), None) if !a.quote.is_empty() => {
                    Ok((start, start + a.quote.len()))
                }
                (Some(_), Some(_)) => Err(SourcePageError::Ambiguous {
                    what,
                    quote: a.quote.clone(),
                }),
                _ => Err(SourcePageError::NotInText {
                    what,
                    quote: a.quote.clone(),
                }),
            }
        })
        .collect()
}

/// The chart that draws a figure, if any.
fn chart_of(id: &str) -> Option<ChartKind> {
    ChartKind::ALL
        .into_iter()
        .find(|&k| ChartSpec::of(k).figures.contains(&id))
}

/// Where a figure is shown on the site, relative to the annotated page (one folder down):
/// `(words, href)` for its chart with the figure in focus and its table row, or for its
/// key-figure card.
fn figure_links(id: &str) -> Vec<(String, String)> {
    match chart_of(id) {
        Some(kind) => {
            let chart = kind.id();
            vec![
                (
                    format!("{} chart", ChartSpec::of(kind).tab),
                    format!("../{chart}/?focus={id}"),
                ),
                ("table row".to_string(), format!("../{chart}/#row-{id}")),
            ]
        }
        None => vec![("key figure".to_string(), format!("../#figure-{id}"))],
    }
}

/// The id of the place in the text a figure's quote starts at, for links into this page.
pub fn anchor_id(figure_id: &str) -> String {
    format!("source-{figure_id}")
}

/// The annotated text: a `<p>` per line of `text` (blank lines dropped), with each
/// annotation's words marked where they stand.
pub fn annotated_text(text: &str, notes: &[Annotation]) -> Result<String, SourcePageError> {
    let ranges = place(text, notes)?;
    // Every boundary splits the text, so overlapping quotes (two figures from one
    // sentence, a context quote that is another figure's quote) never nest elements.
    let mut cuts: Vec<usize> = ranges.iter().flat_map(|&(a, b)| [a, b]).collect();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        cuts.push(line_start);
        line_start += line.len();
        cuts.push(line_start);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut out = String::new();
    let mut open_p = false;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let piece = &text[a..b];
        let at_line_start = a == 0 || text.as_bytes()[a - 1] == b'\n';
        if at_line_start && open_p {
            out.push_str("</p>\n");
            open_p = false;
        }
        let words = piece.trim_end_matches(['\n', '\r']);
        if words.trim().is_empty() && !open_p {
            continue;
        }
        if !open_p {
            out.push_str("<p>");
            open_p = true;
        }
        // Anchors for the figures whose quotes start here, so links can land on them.
        for (note, &(start, _)) in notes.iter().zip(&ranges) {
            if let Note::Figure { id, own: true, .. } = &note.note {
                if start == a {
                    let _ = write!(out, "<span id=\"{}\"></span>", escape_html(&anchor_id(id)));
                }
            }
        }
        let covering: Vec<&Annotation> = notes
            .iter()
            .zip(&ranges)
            .filter(|(_, &(s, e))| s <= a && b <= e)
            .map(|(n, _)| n)
            .collect();
        let figure = covering
            .iter()
            .any(|n| matches!(n.note, Note::Figure { .. }));
        let escaped = escape_html(words);
        if figure {
            let _ = write!(out, "<mark class=\"src-figure\">{escaped}</mark>");
        } else if covering.is_empty() {
            out.push_str(&escaped);
        } else {
            let _ = write!(out, "<span class=\"src-mention\">{escaped}</span>");
        }
        // After the last piece of a quote: where its figure is shown, or why it is not.
        for (note, &(_, end)) in notes.iter().zip(&ranges) {
            if end != b {
                continue;
            }
            match &note.note {
                Note::Figure {
                    id,
                    label,
                    value,
                    own: true,
                } => {
                    let _ = write!(out, "<span class=\"src-links\"> [{}: ", escape_html(value));
                    for (i, (words, href)) in figure_links(id).iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        let _ = write!(
                            out,
                            "<a href=\"{}\" aria-label=\"{}: {}\">{}</a>",
                            escape_html(href),
                            escape_html(label),
                            escape_html(words),
                            escape_html(words)
                        );
                    }
                    out.push_str("]</span>");
                }
                Note::Figure { own: false, .. } => {}
                Note::Mention { number, .. } => {
                    let _ = write!(
                        out,
                        "<sup class=\"src-note\" id=\"mention-ref-{number}\"><a href=\"#mention-{number}\" \
                         aria-label=\"Not charted, note {number}\">{number}</a></sup>"
                    );
                }
            }
        }
    }
    if open_p {
        out.push_str("</p>\n");
    }
    Ok(out)
}

/// The list of uncharted mentions, each with its words, the reason and a link back.
fn mentions_list(notes: &[Annotation]) -> String {
    let mut out = String::from("<ol class=\"src-mentions\">\n");
    for note in notes {
        if let Note::Mention { number, why } = &note.note {
            let _ = writeln!(
                out,
                "<li id=\"mention-{number}\"><q>{}</q> — {} <a href=\"#mention-ref-{number}\" \
                 aria-label=\"Back to note {number} in the text\">↩</a></li>",
                escape_html(&note.quote),
                escape_html(why),
            );
        }
    }
    out.push_str("</ol>");
    out
}

/// The whole annotated page, `source/index.html` of the site.
pub fn source_page(data: &Dataset, text: &str) -> Result<String, SourcePageError> {
    let notes = annotations(data);
    let body = annotated_text(text, &notes)?;
    let source = &data.source;
    let title = escape_html(&source.title);
    let address = match &source.url {
        Some(url) => format!(": <a href=\"{0}\">{0}</a>", escape_html(url)),
        None => String::new(),
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"color-scheme\" content=\"light dark\">\n\
<title>The source, annotated: “{title}” · Coalition Infographic</title>\n\
<meta name=\"description\" content=\"The full text of the U.S. Department of State’s post “{title}”, with every figure the infographic shows highlighted and linked to its chart, and every quantity it leaves out marked with the reason.\">\n\
<link rel=\"icon\" href=\"../favicon.svg\" type=\"image/svg+xml\">\n\
<link rel=\"stylesheet\" href=\"../style.css\">\n\
<link rel=\"stylesheet\" href=\"../source.css\">\n\
</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n\
<header class=\"site-header\">\n  <div class=\"wrap\">\n\
    <p class=\"kicker\"><a href=\"../\">Coalition Infographic</a> · the source</p>\n\
    <h1>The source, annotated</h1>\n\
    <p class=\"intro\">The full text of “{title}”, a post by the {publisher} on DipNote, its official blog{address}. It is a work of the U.S. Government and in the public domain. \
Every figure in the infographic comes from it.</p>\n\
  </div>\n</header>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n\
<section class=\"src-key\" aria-labelledby=\"src-key-heading\">\n\
<h2 id=\"src-key-heading\">How to read it</h2>\n<ul>\n\
<li><mark class=\"src-figure\">Highlighted words</mark> give a figure the infographic shows; the links after them open its chart, its table row or its key-figure card.</li>\n\
<li><span class=\"src-mention\">Underlined words</span> mention a quantity the infographic does not show; the numbered note after them says why.</li>\n\
</ul>\n</section>\n\
<article class=\"src-text\" lang=\"en\" aria-labelledby=\"src-text-heading\">\n\
<h2 id=\"src-text-heading\">The text, as published</h2>\n{body}</article>\n\
<section aria-labelledby=\"src-mentions-heading\">\n\
<h2 id=\"src-mentions-heading\">Mentioned in the text, not charted</h2>\n{mentions}\n</section>\n\
</main>\n<footer class=\"site-footer\">\n  <div class=\"wrap\">\n\
    <p><a href=\"../\">Back to the charts</a>. The text is copied from the post as published, including the blog’s own lines (“7 minutes read time”, the editor’s note).</p>\n\
  </div>\n</footer>\n</body>\n</html>\n",
        publisher = escape_html(&source.publisher),
        mentions = mentions_list(&notes),
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(id: &str, quote: &str) -> Annotation {
        Annotation {
            quote: quote.into(),
            note: Note::Figure {
                id: id.into(),
                label: format!("label of {id}"),
                value: format!("value of {id}"),
                own: true,
            },
        }
    }

    #[test]
    fn marks_quotes_in_place_and_links_them() {
        let text = "Title\n\nOne <b>62 percent</b> here. Some thousands there.\n";
        let notes = [
            figure("iraq-liberated", "<b>62 percent</b>"),
            Annotation {
                quote: "thousands".into(),
                note: Note::Mention {
                    number: 1,
                    why: "vague".into(),
                },
            },
        ];
        let html = annotated_text(text, &notes).expect("annotates");
        assert!(html.starts_with("<p>Title</p>\n<p>One "), "{html}");
        assert!(html.contains(
            "<span id=\"source-iraq-liberated\"></span><mark class=\"src-figure\">&lt;b&gt;62 percent&lt;/b&gt;</mark>"
        ));
        assert!(html.contains("href=\"../liberation/?focus=iraq-liberated\""));
        assert!(html.contains("href=\"../liberation/#row-iraq-liberated\""));
        assert!(html.contains("<span class=\"src-mention\">thousands</span><sup"));
        assert!(html.contains("href=\"#mention-1\""));
        assert!(!html.contains("<b>"), "no markup from the text");
        assert_eq!(
            html.matches("<p>").count(),
            2,
            "the blank line is no paragraph"
        );
    }

    #[test]
    fn overlapping_quotes_split_rather_than_nest() {
        let text = "Ten members meet one-third of costs.\n";
        let notes = [
            figure("demining-members", "Ten members meet one-third of costs."),
            figure("demining-share", "Ten members meet one-third of costs."),
        ];
        let html = annotated_text(text, &notes).expect("annotates");
        assert!(html.contains("id=\"source-demining-members\""));
        assert!(html.contains("id=\"source-demining-share\""));
        assert_eq!(html.matches("<mark").count(), 1);
        assert!(!html.contains("<mark class=\"src-figure\"><mark"));
    }

    #[test]
    fn a_quote_not_in_the_text_or_twice_in_it_is_refused() {
        let text = "a b a\n";
        assert!(matches!(
            annotated_text(text, &[figure("x", "c")]),
            Err(SourcePageError::NotInText { .. })
        ));
        assert!(matches!(
            annotated_text(text, &[figure("x", "a")]),
            Err(SourcePageError::Ambiguous { .. })
        ));
    }

    #[test]
    fn a_figure_no_chart_draws_links_to_its_key_figure() {
        assert_eq!(
            figure_links("coalition-members"),
            vec![(
                "key figure".to_string(),
                "../#figure-coalition-members".to_string()
            )]
        );
    }
}
