//! The static page: the HTML fragments built from the dataset at build time (tables,
//! captions, key figures, the source, each chart's drawing), so every figure is in the page
//! before any script runs (for screen readers, search engines and readers without
//! JavaScript) and the canvas charts only enhance it. `template` (native only) writes them
//! into `www/index.html`, one `Page` at a time.
//!
//! Every piece of text that reaches the HTML goes through [`escape_html`]; the dataset is
//! data, never markup.

use std::fmt::Write as _;

use thiserror::Error;

use coalition_infographic::charts::ChartSpec;
use coalition_infographic::data::{Dataset, Figure, Origin, Qualifier, Source};
use coalition_infographic::format::figure_value_in;
use coalition_infographic::i18n::page::ScriptWords;
use coalition_infographic::i18n::{fill, Lang};
use coalition_infographic::translated::translate;
use coalition_infographic::view::ChartKind;

pub mod template;
pub use template::{Head, Page, Site, Template};

/// Why a page could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SiteError {
    /// The template lacks a marker the page needs.
    #[error("the page template has no '{0}' marker")]
    MissingMarker(String),
    /// A marker appears more than once, which would duplicate element ids.
    #[error("the page template has the '{0}' marker more than once")]
    DuplicateMarker(String),
    /// A `<!-- generated:… -->` marker that nothing fills (usually a typo).
    #[error("the page template has an unknown marker '{0}'")]
    UnknownMarker(String),
    /// A chart block is left open or closed twice, or a chart's slot is outside one.
    #[error("the page template {0}")]
    Malformed(String),
    /// A chart names a figure the dataset lacks; rendering it would silently drop a figure.
    #[error("chart '{chart}' shows figure '{id}', which the dataset does not have")]
    MissingFigure {
        /// The chart id.
        chart: &'static str,
        /// The figure id it names.
        id: String,
    },
}

pub use coalition_infographic::html::escape_html;

/// A stated figure's qualifier in words for the tables' Qualifier column, from
/// [`Qualifier::wording`]; a lower bound says so outright, because "more than" is the hedge
/// readers most often drop.
pub fn qualifier_words(qualifier: Qualifier) -> &'static str {
    qualifier.wording().column
}

/// True when some chart shows the figure, so the key-figure cards do not repeat it.
fn in_any_chart(id: &str) -> bool {
    ChartKind::ALL
        .iter()
        .any(|&k| ChartSpec::of(k).figures.contains(&id))
}

/// "Iraq · To March 2017", in `lang`.
fn scope_and_period(figure: &Figure, lang: Lang) -> String {
    format!("{} · {}", lang.words().scope(figure.scope), figure.period)
}

/// ` lang="en" dir="ltr"` where the page is in another language: the post's words are
/// English, and set apart from the page's direction, so that in an Arabic line their
/// punctuation stays where English puts it.
fn english_attr(lang: Lang) -> &'static str {
    if lang == Lang::En {
        ""
    } else {
        " lang=\"en\" dir=\"ltr\""
    }
}

/// A stated figure's quote, and its context quote if it has one, as escaped `<q>` elements
/// (marked English on a translated page): the label may rest on either, so a reader sees both.
fn quoted_words(quote: &str, context: Option<&str>, lang: Lang) -> String {
    let en = english_attr(lang);
    let mut out = format!("<q{en}>{}</q>", escape_html(quote));
    if let Some(context) = context {
        let _ = write!(
            out,
            "{}<q{en}>{}</q>",
            escape_html(lang.page().context),
            escape_html(context)
        );
    }
    out
}

/// The derivation in words, for derived figures.
fn derivation(figure: &Figure) -> Option<&str> {
    match &figure.origin {
        Origin::Derived { how, .. } => Some(how),
        Origin::Stated { .. } => None,
    }
}

/// A card per figure that no chart shows, in `lang`: `<ul class="key-figures">` of `<li>`,
/// with the value and its qualifier, the label, scope · period, and the post's words.
pub fn key_figures_html(data: &Dataset, lang: Lang) -> String {
    let data = translate(data, lang);
    let page = lang.page();
    let mut out = String::from("<ul class=\"key-figures\">\n");
    for figure in data.figures.iter().filter(|f| !in_any_chart(&f.id)) {
        let class = if figure.is_derived() {
            "key-figure derived"
        } else {
            "key-figure"
        };
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            "<li class=\"{class}\" id=\"figure-{id}\">\n\
             <p class=\"kf-value\">{value}</p>\n\
             <p class=\"kf-label\">{label}</p>\n\
             <p class=\"kf-meta\">{meta}</p>\n",
            id = escape_html(&figure.id),
            value = escape_html(&figure_value_in(figure, lang)),
            label = escape_html(&figure.label),
            meta = escape_html(&scope_and_period(figure, lang)),
        );
        if let Some(quote) = figure.quote() {
            let _ = writeln!(
                out,
                "<blockquote class=\"kf-quote\">{}</blockquote>",
                quoted_words(quote, figure.context(), lang)
            );
        }
        if let Some(how) = derivation(figure) {
            let _ = writeln!(
                out,
                "<p class=\"kf-derived\"><span class=\"badge\">{}</span> {}</p>",
                escape_html(page.derived),
                escape_html(how)
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>");
    out
}

/// The data table of one chart, in English: a caption (the chart title), a header row and a
/// row per figure the chart shows. Figure ids the dataset lacks are skipped; `Template::render`
/// refuses such a dataset before calling this.
pub fn chart_table_html(data: &Dataset, kind: ChartKind) -> String {
    chart_table_html_at(data, kind, "", Lang::En)
}

/// [`chart_table_html`] in `lang`, for a page whose path to the site root is `root` (`../`
/// one folder down), which its links to the annotated source start with.
pub fn chart_table_html_at(data: &Dataset, kind: ChartKind, root: &str, lang: Lang) -> String {
    let data = translate(data, lang);
    let words = lang.words();
    let page = lang.page();
    let spec = words.spec(kind);
    let id = kind.id();
    let mut out = String::new();
    let _ = write!(
        out,
        "<table class=\"data-table\" id=\"table-{id}\">\n\
         <caption id=\"table-{id}-caption\"><span class=\"caption-text\">{title}</span></caption>\n\
         <thead><tr><th scope=\"col\">{figure}</th><th scope=\"col\">{value}</th>\
         <th scope=\"col\">{qualifier}</th><th scope=\"col\">{scope}</th>\
         <th scope=\"col\">{period}</th><th scope=\"col\">{source}</th></tr></thead>\n\
         <tbody>\n",
        title = escape_html(spec.title),
        figure = escape_html(page.col_figure),
        value = escape_html(page.col_value),
        qualifier = escape_html(page.col_qualifier),
        scope = escape_html(page.col_scope),
        period = escape_html(page.col_period),
        source = escape_html(page.col_source),
    );
    let derived = escape_html(page.derived);
    for figure in spec.figures.iter().filter_map(|&f| data.figure(f)) {
        // The badge sits by the label too: on narrow screens the Source column is scrolled
        // out of view, and a derived value must never pass for a stated one.
        let (class, badge, source) = match &figure.origin {
            Origin::Derived { how, .. } => (
                " class=\"derived\"",
                format!(" <span class=\"badge\">{derived}</span>"),
                format!(
                    "<span class=\"derived-how\">{}</span>",
                    escape_html(&fill(page.derived_how, &[how]))
                ),
            ),
            Origin::Stated { quote, context, .. } => (
                "",
                String::new(),
                format!(
                    "{} <a class=\"in-text\" href=\"{root}source/#{}\">{}</a>",
                    quoted_words(quote, context.as_deref(), lang),
                    escape_html(&crate::source_page::anchor_id(&figure.id)),
                    escape_html(page.in_the_text),
                ),
            ),
        };
        let _ = writeln!(
            out,
            "<tr id=\"row-{fid}\"{class}><th scope=\"row\">{label}{badge}</th>\
             <td class=\"value\" data-label=\"{cv}\">{value}</td>\
             <td class=\"qualifier\" data-label=\"{cq}\">{qualifier}</td>\
             <td class=\"scope\" data-label=\"{cs}\">{scope}</td>\
             <td class=\"period\" data-label=\"{cp}\">{period}</td>\
             <td class=\"source\" data-label=\"{cso}\">{source}</td></tr>",
            fid = escape_html(&figure.id),
            label = escape_html(&figure.label),
            value = escape_html(&figure_value_in(figure, lang)),
            qualifier = escape_html(words.wording(figure).column),
            scope = escape_html(words.scope(figure.scope)),
            period = escape_html(&figure.period),
            cv = escape_html(page.col_value),
            cq = escape_html(page.col_qualifier),
            cs = escape_html(page.col_scope),
            cp = escape_html(page.col_period),
            cso = escape_html(page.col_source),
        );
    }
    out.push_str("</tbody>\n</table>");
    out
}

/// The link to the post, its title (the post's own, in English) in the language's quotation
/// marks: `<a href="…">“Title”</a>`.
fn source_link(source: &Source, lang: Lang) -> String {
    let title = escape_html(&source.title);
    let title = if lang == Lang::En {
        title
    } else {
        format!("<span{}>{title}</span>", english_attr(lang))
    };
    let quoted = fill(&escape_html(lang.page().quoted_title), &[&title]);
    // The loader accepts only http(s) addresses, so the link cannot run script.
    match source.url.as_deref() {
        Some(url) => format!("<a href=\"{}\">{quoted}</a>", escape_html(url)),
        None => quoted,
    }
}

/// The source's publisher, in `lang` (the dataset's own words in English).
fn publisher(source: &Source, lang: Lang) -> &str {
    if lang == Lang::En {
        &source.publisher
    } else {
        lang.page().publisher
    }
}

/// The post's date in words: the dataset's in English, the language's own elsewhere.
fn date_words(source: &Source, lang: Lang) -> String {
    if lang == Lang::En {
        long_date(&source.date).unwrap_or_else(|| source.date.clone())
    } else {
        lang.page().post_date.to_string()
    }
}

/// The credit line that sits with every chart, in English: whose figures, which post
/// (linked), when.
pub fn credit_html(source: &Source) -> String {
    credit_html_in(source, Lang::En)
}

/// [`credit_html`] in `lang`.
pub fn credit_html_in(source: &Source, lang: Lang) -> String {
    let page = lang.page();
    let parts = [
        escape_html(publisher(source, lang)),
        source_link(source, lang),
        escape_html(page.venue),
        escape_html(&date_words(source, lang)),
    ];
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    // The template is the language's own text, escaped; the parts are escaped HTML.
    format!(
        "<p class=\"chart-credit\">{}</p>",
        fill(&escape_html(page.credit), &parts)
    )
}

/// The line under the page's headline, in `lang`: what the page holds, and the post, linked.
pub fn dek_html(source: &Source, lang: Lang) -> String {
    let page = lang.page();
    format!(
        "{}{}{}",
        escape_html(page.dek_before),
        source_link(source, lang),
        escape_html(page.dek_after)
    )
}

/// The content of a chart's `<figcaption>`, in `lang`: its subtitle (a copy of the one the
/// chart draws), the credit line, and its notes as a list.
pub fn chart_caption_html(data: &Dataset, kind: ChartKind, lang: Lang) -> String {
    let spec = lang.words().spec(kind);
    let mut out = format!(
        "<p class=\"chart-subtitle\">{}</p>\n{}\n<ul class=\"chart-notes\">\n",
        escape_html(spec.subtitle),
        credit_html_in(&data.source, lang)
    );
    for note in spec.notes {
        let _ = writeln!(out, "<li>{}</li>", escape_html(note));
    }
    out.push_str("</ul>");
    out
}

/// Notes for a chart's table when it is read without the drawing ("Table only", no
/// JavaScript, charts that failed), in `lang`: written from its figures, so they speak of
/// figures and words, never of marks.
pub fn table_notes_html(data: &Dataset, kind: ChartKind, lang: Lang) -> String {
    let page = lang.page();
    let figures: Vec<&Figure> = ChartSpec::of(kind)
        .figures
        .iter()
        .filter_map(|&id| data.figure(id))
        .collect();
    let mut notes = Vec::new();
    let first = figures.first();
    if figures
        .iter()
        .any(|f| first.is_some_and(|a| a.scope != f.scope || a.period != f.period))
    {
        notes.push(page.note_places);
    }
    if figures.iter().any(|f| f.qualifier == Qualifier::MoreThan) {
        notes.push(page.note_lower_bounds);
    }
    if figures.iter().any(|f| {
        matches!(
            f.qualifier,
            Qualifier::Approximately | Qualifier::Nearly | Qualifier::Some
        )
    }) {
        notes.push(page.note_hedges);
    }
    if figures.iter().any(|f| f.is_derived()) {
        notes.push(page.note_derived);
    }
    let mut out = String::from("<ul class=\"chart-notes\">\n");
    for note in notes {
        let _ = writeln!(out, "<li>{}</li>", escape_html(note));
    }
    out.push_str("</ul>");
    out
}

/// "2017-03-22" as "22 March 2017", or `None` if it is not such a date.
fn long_date(iso: &str) -> Option<String> {
    coalition_infographic::written::Date::from_iso(iso)
        .map(coalition_infographic::written::Date::words)
}

/// The publication the figures come from, in `lang`, as a description list: what it is, its
/// address (linked), its date, and where the date and occasion come from when the text does
/// not say. A translated page gives the language's words for the shipped source.
pub fn source_html(source: &Source, lang: Lang) -> String {
    let page = lang.page();
    let translated = |own: &str, words: &'static str| {
        if lang == Lang::En || words.is_empty() {
            escape_html(own)
        } else {
            escape_html(words)
        }
    };
    let date_text = date_words(source, lang);
    let date = if long_date(&source.date).is_some() {
        format!(
            "<time datetime=\"{}\">{}</time>",
            escape_html(&source.date),
            escape_html(&date_text)
        )
    } else {
        escape_html(&source.date)
    };
    // The loader accepts only http(s) addresses, so the link cannot run script.
    let address = source
        .url
        .as_deref()
        .map(|url| {
            // A break is allowed after each slash, or the address would widen a phone's page.
            let shown = escape_html(url).replace('/', "/<wbr>");
            let url = escape_html(url);
            format!(
                "<dt>{}</dt><dd><a href=\"{url}\" dir=\"ltr\">{shown}</a></dd>\n",
                escape_html(page.dt_address)
            )
        })
        .unwrap_or_default();
    let note = source
        .date_note
        .as_deref()
        .map(|note| {
            format!(
                ". <span class=\"date-note\">{}</span>",
                translated(note, page.source_date_note)
            )
        })
        .unwrap_or_default();
    format!(
        "<dl class=\"source-details\">\n\
         <dt>{}</dt><dd>{}</dd>\n\
         <dt>{}</dt><dd><cite{}>{}</cite></dd>\n\
         <dt>{}</dt><dd>{}</dd>\n\
         {address}\
         <dt>{}</dt><dd>{}</dd>\n\
         <dt>{}</dt><dd>{date}{note}</dd>\n\
         </dl>",
        escape_html(page.dt_publisher),
        escape_html(publisher(source, lang)),
        escape_html(page.dt_title),
        english_attr(lang),
        escape_html(&source.title),
        escape_html(page.dt_kind),
        translated(&source.kind, page.source_kind),
        escape_html(page.dt_occasion),
        translated(&source.occasion, page.source_occasion),
        escape_html(page.dt_date),
    )
}

/// Where the words of the page's scripts in `lang` are, relative to the site root:
/// `words/fr.json`. The scripts fetch them the first time they have something to say, which
/// most readers never need.
pub fn script_words_path(lang: Lang) -> String {
    format!("words/{}.json", lang.id())
}

/// What the page's scripts say in `lang` ([`ScriptWords`]), as a JSON object by name, with
/// `more` (such as "Reuse this work"'s points) beside the words.
pub fn script_words_json(lang: Lang, more: Vec<(&str, serde_json::Value)>) -> String {
    let words = lang.script();
    let mut map: serde_json::Map<String, serde_json::Value> = ScriptWords::NAMES
        .iter()
        .map(|&name| (name.to_string(), words.get(name).unwrap_or("").into()))
        .collect();
    for (name, value) in more {
        map.insert(name.to_string(), value);
    }
    serde_json::Value::Object(map).to_string()
}

/// The size of a chart's drawing in CSS pixels, `[(w, h); 2]`: wide, then narrow.
pub type DrawingSize = [(u32, u32); 2];

/// Where the page's build-time drawings are, relative to the site root.
pub const DRAWN_DIR: &str = "drawn/";

/// Where the drawings in `lang` are, relative to the site root: `drawn/`, `drawn/fr/`.
pub fn drawn_dir(lang: Lang) -> String {
    format!("{DRAWN_DIR}{}", lang.folder())
}

/// The media query under which the page uses its narrow drawing: the stylesheet's
/// `max-width: 40rem`, where labels move above the bars.
const NARROW_MEDIA: &str = "(max-width: 40rem)";

/// The HTML of chart `kind`'s drawing, sized `sizes` (as `previews::drawings` gives them),
/// for a page whose path to the site root is `root`: three `<picture>`s, of which the
/// stylesheet shows one: the system's colours (`auto`, chosen by `prefers-color-scheme`), or
/// the light or the dark drawing when the address names a theme (`first-paint.js` sets
/// `data-theme` before the first paint). Each picks its width by the layout's own media
/// query, so a browser fetches one file. `eager` is for the chart shown first; the others wait
/// until their panel is shown (`loading="lazy"`, which a hidden image never reaches). The
/// forced themes are lazy too: only the one the address names is shown.
pub fn drawing_html(
    data: &Dataset,
    kind: ChartKind,
    sizes: DrawingSize,
    eager: bool,
    root: &str,
    lang: Lang,
) -> String {
    let id = kind.id();
    let alt = escape_html(&coalition_infographic::describe::chart_summary_in(
        data, kind, lang,
    ));
    let [(w, h), (nw, nh)] = sizes;
    let dir = drawn_dir(lang);
    let file = |suffix: &str, dark: &str| format!("{root}{dir}{id}{suffix}{dark}.svg");
    let mut out = String::new();
    for (class, dark_media, auto) in [
        ("drawn-auto", Some("(prefers-color-scheme: dark)"), true),
        ("drawn-light", None, false),
        ("drawn-dark", None, false),
    ] {
        let dark = if class == "drawn-dark" { "-dark" } else { "" };
        let load = if eager && auto {
            " fetchpriority=\"high\""
        } else {
            " loading=\"lazy\""
        };
        let _ = write!(out, "<picture class=\"drawn {class}\">");
        if let Some(media) = dark_media {
            let _ = write!(
                out,
                "<source srcset=\"{}\" width=\"{nw}\" height=\"{nh}\" media=\"{NARROW_MEDIA} and {media}\">\
                 <source srcset=\"{}\" width=\"{nw}\" height=\"{nh}\" media=\"{NARROW_MEDIA}\">\
                 <source srcset=\"{}\" media=\"{media}\">",
                file("-narrow", "-dark"),
                file("-narrow", ""),
                file("", "-dark"),
            );
        } else {
            let _ = write!(
                out,
                "<source srcset=\"{}\" width=\"{nw}\" height=\"{nh}\" media=\"{NARROW_MEDIA}\">",
                file("-narrow", dark),
            );
        }
        let _ = write!(
            out,
            "<img src=\"{}\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\" data-chart=\"{id}\"{load}></picture>",
            file("", dark),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::template::MARKER_PREFIX;
    use super::*;

    /// The shipped template, so a broken marker fails `cargo test`, not a deploy.
    const TEMPLATE: &str = include_str!("../../www/index.html");

    fn embedded() -> Dataset {
        Dataset::embedded().expect("the embedded dataset is valid")
    }

    /// The front page of `template` for `data`, without link previews or drawings.
    fn render_page(template: &str, data: &Dataset) -> Result<String, SiteError> {
        let site = Site {
            data,
            version_page: "v/1/".into(),
            drawings: Vec::new(),
            icon: None,
        };
        Template::parse(template)?.render(&site, &Page::front(Head::site()))
    }

    fn minimal_template() -> String {
        let mut t =
            String::from("<main><!-- generated:key-figures -->\n<!-- generated:source -->\n<!-- generated:dek -->\n");
        for kind in ChartKind::ALL {
            let id = kind.id();
            for part in ["tab", "title", "caption", "table-notes", "table", "summary"] {
                t.push_str(&format!("<!-- generated:{part}:{id} -->\n"));
            }
            // The page's state, which the data does not decide.
            for part in ["drawing", "selected", "tabindex", "hidden"] {
                t.push_str(&format!("<!-- generated:{part}:{id} -->\n"));
            }
        }
        for part in [
            "site-title",
            "page-title",
            "page-description",
            "page-tags",
            "data-default-chart",
            "version-page",
            "lang",
            "dir",
            "here",
            "languages",
            "translation-note",
            "icon",
        ] {
            t.push_str(&format!("<!-- generated:{part} -->\n"));
        }
        t.push_str("</main>");
        t
    }

    #[test]
    fn escapes_markup_quotes_and_ampersands() {
        assert_eq!(
            escape_html("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(escape_html("</script>"), "&lt;/script&gt;");
        assert_eq!(
            escape_html(r#"Tom & "Jerry's" &amp;"#),
            "Tom &amp; &quot;Jerry&#39;s&quot; &amp;amp;"
        );
        // Curly quotes and other text pass through untouched.
        assert_eq!(escape_html("“caliphate,” − 62%"), "“caliphate,” − 62%");
    }

    #[test]
    fn every_figure_is_in_the_rendered_page() {
        let data = embedded();
        let page = render_page(TEMPLATE, &data).expect("the shipped template renders");
        for figure in &data.figures {
            assert!(
                page.contains(&escape_html(&figure.label)),
                "label of {}",
                figure.id
            );
            assert!(
                page.contains(&escape_html(&coalition_infographic::format::figure_value(
                    figure
                ))),
                "value of {}",
                figure.id
            );
            if let Some(quote) = figure.quote() {
                assert!(page.contains(&escape_html(quote)), "quote of {}", figure.id);
            }
            if let Some(context) = figure.context() {
                assert!(
                    page.contains(&format!(" Context: <q>{}</q>", escape_html(context))),
                    "context of {}",
                    figure.id
                );
            }
        }
        assert!(!page.contains(MARKER_PREFIX), "a marker survived");
    }

    #[test]
    fn derived_figures_are_marked() {
        let data = embedded();
        let page = render_page(TEMPLATE, &data).expect("renders");
        let derived: Vec<&Figure> = data
            .figures
            .iter()
            .filter(|f| f.is_derived() && in_any_chart(&f.id))
            .collect();
        assert!(!derived.is_empty());
        for figure in derived {
            let how = derivation(figure).expect("derived has a how");
            let row_start = page
                .find(&format!("<tr id=\"row-{}\" class=\"derived\">", figure.id))
                .unwrap_or_else(|| panic!("derived row of {}", figure.id));
            let row = &page[row_start..];
            let row = &row[..row.find("</tr>").expect("row ends")];
            assert!(row.contains(&format!("Derived: {}", escape_html(how))));
            assert!(
                row.contains("<span class=\"badge\">Derived</span></th>"),
                "badge by the label of {}",
                figure.id
            );
        }
    }

    #[test]
    fn key_figures_are_those_no_chart_shows() {
        let data = embedded();
        let html = key_figures_html(&data, Lang::En);
        assert!(html.starts_with("<ul class=\"key-figures\">"));
        assert!(html.contains("<p class=\"kf-value\">nearly 90,000</p>"));
        assert!(html.contains("<p class=\"kf-value\">more than half</p>"));
        assert!(html.contains("<p class=\"kf-meta\">Iraq · To 22 March 2017 (“To date”)</p>"));
        // Curly quotes inside the post's words are kept as they are.
        assert!(html.contains("declared its “caliphate,” down"));
        assert!(!html.contains("id=\"figure-funding-provided\""));
        let charted: usize = ChartKind::ALL
            .iter()
            .map(|&k| ChartSpec::of(k).figures.len())
            .sum();
        assert_eq!(html.matches("<li ").count(), data.figures.len() - charted);
    }

    #[test]
    fn a_derived_key_figure_gets_a_badge_and_its_derivation() {
        let mut data = embedded();
        let mut derived = data
            .figure("iraq-not-liberated")
            .expect("derived figure")
            .clone();
        derived.id = "extra-derived".into();
        data.figures.push(derived);
        let html = key_figures_html(&data, Lang::En);
        let card = &html[html.find("id=\"figure-extra-derived\"").expect("card")..];
        let card = &card[..card.find("</li>").expect("card ends")];
        assert!(card.contains("<span class=\"badge\">Derived</span> 100% minus 62%"));
        assert!(html.contains("<li class=\"key-figure derived\" id=\"figure-extra-derived\">"));
    }

    #[test]
    fn tables_have_caption_header_and_a_row_per_figure() {
        let data = embedded();
        for kind in ChartKind::ALL {
            let spec = ChartSpec::of(kind);
            let html = chart_table_html(&data, kind);
            assert!(html.contains(&format!(
                "<caption id=\"table-{}-caption\"><span class=\"caption-text\">{}</span></caption>",
                kind.id(),
                escape_html(spec.title)
            )));
            assert!(html.contains(&escape_html(spec.title)));
            assert_eq!(html.matches("<th scope=\"col\">").count(), 6);
            assert_eq!(html.matches("<tr id=\"row-").count(), spec.figures.len());
        }
        let funding = chart_table_html(&data, ChartKind::Funding);
        assert!(funding.contains(
            "<td class=\"value\" data-label=\"Value\">more than $22.2 billion</td>\
             <td class=\"qualifier\" data-label=\"Qualifier\">more than — a lower bound</td>\
             <td class=\"scope\" data-label=\"Scope\">Iraq and Syria</td>\
             <td class=\"period\" data-label=\"Period\">Since 2014</td>"
        ));
        assert!(
            funding.contains("<td class=\"qualifier\" data-label=\"Qualifier\">approximately</td>")
        );
        assert!(funding
            .contains("<td class=\"value\" data-label=\"Value\">approximately $2 billion</td>"));
        // Every data cell names its column, for the stacked rows of narrow screens.
        assert_eq!(
            funding.matches("<td ").count(),
            funding.matches("data-label=").count()
        );
        let liberation = chart_table_html(&data, ChartKind::Liberation);
        assert!(liberation.contains(
            "<td class=\"value\" data-label=\"Value\">62%</td>\
             <td class=\"qualifier\" data-label=\"Qualifier\">as stated</td>"
        ));
        assert!(liberation.contains(
            "<td class=\"value\" data-label=\"Value\">38%</td>\
             <td class=\"qualifier\" data-label=\"Qualifier\">derived from figures as stated</td>"
        ));
        for kind in ChartKind::ALL {
            let html = chart_table_html(&data, kind).to_lowercase();
            for word in ["exact", "about", "not yet", "still held", "remaining"] {
                assert!(!html.contains(word), "{word} in the {} table", kind.id());
            }
        }
    }

    #[test]
    fn captions_hold_subtitle_credit_and_notes() {
        let data = embedded();
        for kind in ChartKind::ALL {
            let spec = ChartSpec::of(kind);
            let html = chart_caption_html(&data, kind, Lang::En);
            assert!(html.contains(&escape_html(spec.subtitle)));
            assert_eq!(html.matches("<li>").count(), spec.notes.len());
            assert!(html.contains(&credit_html(&data.source)));
        }
        let credit = credit_html(&data.source);
        assert!(credit.starts_with("<p class=\"chart-credit\">Source: U.S. Department of State, "));
        assert!(credit.contains(&format!(
            "<a href=\"{}\">“Global Coalition",
            coalition_infographic::data::SOURCE_URL
        )));
        assert!(credit.contains("a post on its DipNote blog, 22 March 2017."));
        assert!(dek_html(&data.source, Lang::En).contains(coalition_infographic::data::SOURCE_URL));
    }

    #[test]
    fn table_notes_speak_of_figures_not_marks() {
        let data = embedded();
        for kind in ChartKind::ALL {
            let html = table_notes_html(&data, kind, Lang::En);
            assert!(html.matches("<li>").count() >= 2, "{html}");
            for word in ["bar", "drawn", "axis", "axes", "panel", "dash", "hatch"] {
                assert!(
                    !html.to_lowercase().contains(word),
                    "{} notes say {word}",
                    kind.id()
                );
            }
        }
        assert!(table_notes_html(&data, ChartKind::Funding, Lang::En).contains("lower bounds"));
        assert!(table_notes_html(&data, ChartKind::Liberation, Lang::En).contains("Derived"));
        assert!(!table_notes_html(&data, ChartKind::Liberation, Lang::En).contains("More than"));
    }

    #[test]
    fn source_is_listed_with_a_readable_date_and_its_address() {
        let html = source_html(&embedded().source, Lang::En);
        assert!(html.contains("<time datetime=\"2017-03-22\">22 March 2017</time>"));
        assert!(html.contains(&format!(
            "<dt>Address</dt><dd><a href=\"{url}\" dir=\"ltr\">{shown}</a></dd>",
            url = coalition_infographic::data::SOURCE_URL,
            shown = coalition_infographic::data::SOURCE_URL.replace('/', "/<wbr>")
        )));
        assert!(html.contains("<dt>Kind</dt><dd>Blog post (DipNote"));
        assert!(html.contains("the date (22 March 2017) is in the post’s address"));
        assert!(!html.to_lowercase().contains("press release"));
        assert!(
            html.contains("<cite>Global Coalition Remains United in Fight to Defeat ISIS</cite>")
        );
        assert_eq!(long_date("2017-13-01"), None);
        assert_eq!(long_date("March 2017"), None);
        assert_eq!(long_date("2017-00-10"), None);
    }

    #[test]
    fn markup_in_the_data_renders_as_text() {
        let mut json: serde_json::Value =
            serde_json::from_str(coalition_infographic::data::EMBEDDED_JSON).expect("json");
        json["figures"][0]["label"] = "<img src=x onerror=alert(1)> & </script>".into();
        json["source"]["title"] = "\"quoted\" <b>title</b>".into();
        let data = Dataset::from_json(&json.to_string()).expect("still valid");
        let page = render_page(&minimal_template(), &data).expect("renders");
        assert!(!page.contains("<img"));
        assert!(!page.contains("</script>"));
        assert!(!page.contains("<b>"));
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;/script&gt;"));
        assert!(page.contains("&quot;quoted&quot; &lt;b&gt;title&lt;/b&gt;"));
    }

    #[test]
    fn a_missing_marker_is_named() {
        let data = embedded();
        let template = minimal_template().replace("<!-- generated:table:returns -->", "");
        assert_eq!(
            render_page(&template, &data),
            Err(SiteError::MissingMarker(
                "<!-- generated:table:returns -->".into()
            ))
        );
        let err = render_page("<p>no markers</p>", &data).expect_err("fails");
        assert!(err.to_string().contains("<!-- generated:"));
    }

    #[test]
    fn duplicate_and_unknown_markers_are_refused() {
        let data = embedded();
        let twice = minimal_template() + "<!-- generated:key-figures -->";
        assert_eq!(
            render_page(&twice, &data),
            Err(SiteError::DuplicateMarker(
                "<!-- generated:key-figures -->".into()
            ))
        );
        let typo = minimal_template() + "<!-- generated:tabel:funding -->";
        assert_eq!(
            render_page(&typo, &data),
            Err(SiteError::UnknownMarker(
                "<!-- generated:tabel:funding -->".into()
            ))
        );
    }

    #[test]
    fn a_chart_figure_missing_from_the_data_is_an_error() {
        let mut data = embedded();
        data.figures.retain(|f| f.id != "raqqa-returned");
        assert_eq!(
            render_page(&minimal_template(), &data),
            Err(SiteError::MissingFigure {
                chart: "returns",
                id: "raqqa-returned".into()
            })
        );
    }

    #[test]
    fn canvas_labels_summarise_the_data_as_attribute_text() {
        let data = embedded();
        let page = render_page(TEMPLATE, &data).expect("renders");
        for kind in ChartKind::ALL {
            let summary = escape_html(&coalition_infographic::describe::chart_summary(&data, kind));
            assert!(
                page.contains(&format!(
                    "data-chart=\"{}\" dir=\"ltr\" role=\"img\" aria-label=\"{summary}",
                    kind.id()
                )),
                "the {} canvas is labelled by its summary",
                kind.id()
            );
        }
        // A quote in the data cannot end the attribute early.
        let mut json: serde_json::Value =
            serde_json::from_str(coalition_infographic::data::EMBEDDED_JSON).expect("json");
        let funding = ChartSpec::of(ChartKind::Funding).figures[0];
        for figure in json["figures"].as_array_mut().expect("figures") {
            if figure["id"] == funding {
                figure["short_label"] = "a \" onfocus=\"alert(1)".into();
                figure["label"] = "a \" onfocus=\"alert(1)".into();
            }
        }
        let data = Dataset::from_json(&json.to_string()).expect("still valid");
        let page = render_page(&minimal_template(), &data).expect("renders");
        assert!(!page.contains("\" onfocus"));
        assert!(page.contains("a &quot; onfocus=&quot;alert(1)"));
    }

    #[test]
    fn qualifiers_have_words() {
        for q in Qualifier::ALL {
            assert!(!qualifier_words(q).is_empty());
            assert_eq!(qualifier_words(q), q.wording().column);
        }
        assert!(qualifier_words(Qualifier::MoreThan).contains("lower bound"));
        assert_eq!(qualifier_words(Qualifier::Approximately), "approximately");
        assert_eq!(qualifier_words(Qualifier::AsStated), "as stated");
    }
}
