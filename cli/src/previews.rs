//! Link previews: what each page of the site is, as a [`Page`] value: the front page, and a
//! page per chart (`funding/index.html`, …) that opens the interactive view of that chart and
//! carries the Open Graph and Twitter card tags that chat apps, social networks and CMSs read,
//! with a picture of the chart; and the charts' drawings that every page shows at first
//! paint. Crawlers run no JavaScript, so all of it is static HTML written at build time.
//!
//! Every page is rendered once from its value through the site's template
//! ([`crate::site::Template`]): a chart's page has that chart's tab selected, its links to
//! the site's files start with `../`, and `www/main.js` reads the chart from
//! `<body data-default-chart>`.

use std::fmt::Write as _;

use thiserror::Error;

use crate::site::{drawn_dir, escape_html, DrawingSize, Head, Page};
use coalition_infographic::charts::model::Segment;
use coalition_infographic::charts::{self, ChartError, ChartSpec, Theme};
use coalition_infographic::data::Dataset;
use coalition_infographic::format::figure_value_in;
use coalition_infographic::i18n::{fill, Lang};
use coalition_infographic::translated::translate;
use coalition_infographic::view::{ChartKind, View};

mod compact;
pub use compact::compact_svg;
#[cfg(test)]
mod tags;

/// Size of a preview picture in pixels: the 1.91:1 card the big networks show.
pub const PREVIEW_SIZE: (u32, u32) = (1200, 630);

/// Where the site is served when no base URL is given: `coalition serve`'s default address.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080/";

/// File name of a chart's preview picture, inside the chart's folder.
pub const PREVIEW_FILE: &str = "preview.png";

/// Why a preview page could not be made.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PreviewError {
    /// The base URL is not one previews can use.
    #[error(
        "the base URL '{url}' {why}; it must be an absolute http:// or https:// URL ending \
         in '/', such as https://example.org/coalition/"
    )]
    BadBaseUrl {
        /// The URL as given (shortened if very long).
        url: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// The chart cannot be built from the dataset.
    #[error(transparent)]
    Chart(#[from] ChartError),
    /// A chart's drawing for the page could not be made.
    #[error("the drawing of chart '{chart}' could not be made: {why}")]
    Drawing {
        /// The chart id.
        chart: &'static str,
        /// Why.
        why: String,
    },
}

/// The chart box's inner width, in CSS pixels, where the page's layout fixes it: 1038 on any
/// screen 70rem (1120 px) wide or wider, whose column is 70rem less two 2.5rem paddings and
/// the box's two 1 px borders; and 326 on a 360 px phone (1rem paddings), the narrowest
/// common width, whose labels sit above the bars. The canvas lays its chart out at the same
/// width with the same code, so at these widths the drawing and the canvas are the same
/// picture and the canvas takes over without a pixel moving; at other widths the drawing is
/// scaled until the canvas has drawn.
pub const DRAWN_WIDTHS: [(u32, &str); 2] = [(1038, ""), (326, "-narrow")];

/// Files a build writes: `(path relative to the site root, bytes)`.
pub type Files = Vec<(String, Vec<u8>)>;

/// Chart `kind`'s drawings for the page: `(path relative to the site root, SVG)`, one per
/// width in [`DRAWN_WIDTHS`] and theme, drawn by the same chart code as the canvas, in the
/// default view, and written short ([`compact_svg`]: the same pixels in fewer bytes); and
/// their sizes `[(w, h); 2]`.
pub fn drawings(
    data: &Dataset,
    kind: ChartKind,
    lang: Lang,
) -> Result<(Files, DrawingSize), PreviewError> {
    let failed = |e: crate::picture::PictureError| PreviewError::Drawing {
        chart: kind.id(),
        why: e.to_string(),
    };
    let view = View {
        chart: kind,
        lang,
        ..View::default()
    };
    let dir = drawn_dir(lang);
    let mut files = Vec::new();
    let mut sizes = [(0, 0); 2];
    for (i, (width, suffix)) in DRAWN_WIDTHS.into_iter().enumerate() {
        let placed = crate::picture::place(data, &view, kind, width, None).map_err(failed)?;
        for (theme, dark) in [(Theme::LIGHT, ""), (Theme::DARK, "-dark")] {
            let svg = crate::picture::render_svg_placed(data, &view, kind, theme, &placed)
                .map_err(failed)?;
            files.push((
                format!("{dir}{}{suffix}{dark}.svg", kind.id()),
                compact_svg(&svg).into_bytes(),
            ));
        }
        sizes[i] = placed.frame;
    }
    Ok((files, sizes))
}

/// Every chart's drawings ([`drawings`]) in every language, in tab order: their files, and
/// each chart's sizes for [`crate::site::Site::drawings`].
pub fn draw_all(data: &Dataset) -> Result<(Files, Drawings), PreviewError> {
    let mut files = Vec::new();
    let mut sizes = Vec::new();
    for lang in Lang::ALL {
        for kind in ChartKind::ALL {
            let (svgs, size) = drawings(data, kind, lang)?;
            files.extend(svgs);
            sizes.push((lang, kind, size));
        }
    }
    Ok((files, sizes))
}

/// Each chart's drawing size in each language.
pub type Drawings = Vec<(Lang, ChartKind, DrawingSize)>;

/// The absolute URL the site is published at, ending in `/`; previews' links and pictures are
/// made absolute against it, because crawlers resolve nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks `url`: `http://` or `https://`, a host, a path ending in `/`, and nothing that
    /// would need escaping or change its meaning in a link (spaces, quotes, `<>`, `?`, `#`).
    pub fn parse(url: &str) -> Result<BaseUrl, PreviewError> {
        let bad = |why| PreviewError::BadBaseUrl {
            url: url.chars().take(200).collect(),
            why,
        };
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| bad("does not start with http:// or https://"))?;
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() || host.starts_with(':') {
            return Err(bad("has no host name"));
        }
        if host.contains('@') {
            return Err(bad("holds a user name or password"));
        }
        if url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(c))
        {
            return Err(bad(
                "contains a space, quote or other character URLs cannot hold",
            ));
        }
        if url.contains('?') || url.contains('#') {
            return Err(bad("has a query or fragment"));
        }
        if !url.ends_with('/') {
            return Err(bad("does not end in '/'"));
        }
        Ok(BaseUrl(url.to_string()))
    }

    /// The URL as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `path` (relative, no leading `/`) made absolute.
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

/// The chart's page, relative to the site root: `funding/`.
pub fn chart_path(kind: ChartKind) -> String {
    chart_path_in(kind, Lang::En)
}

/// The chart's page in `lang`, relative to the site root: `funding/`, `fr/funding/`.
pub fn chart_path_in(kind: ChartKind, lang: Lang) -> String {
    format!("{}{}/", lang.folder(), kind.id())
}

/// The chart's preview picture, relative to the site root: `funding/preview.png`.
pub fn image_path(kind: ChartKind) -> String {
    image_path_in(kind, Lang::En)
}

/// The chart's preview picture in `lang`: `funding/preview.png`, `ar/funding/preview.png`.
pub fn image_path_in(kind: ChartKind, lang: Lang) -> String {
    format!("{}{PREVIEW_FILE}", chart_path_in(kind, lang))
}

/// Open Graph's name for a language's locale.
fn og_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en_US",
        Lang::Fr => "fr_FR",
        Lang::Ar => "ar_AR",
    }
}

/// The `<link rel="alternate" hreflang>` of the page at `path` (from a language's folder:
/// `` or `funding/`) in every language, and `x-default` for English.
pub fn alternates(path: &str, base: &BaseUrl) -> String {
    let mut out = String::new();
    for lang in Lang::ALL {
        let _ = writeln!(
            out,
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
            lang.id(),
            escape_html(&base.join(&format!("{}{path}", lang.folder())))
        );
    }
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">",
        escape_html(&base.join(path))
    );
    out
}

/// What a link preview shows. Fields are plain text; [`Card::tags`] escapes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// Headline.
    pub title: String,
    /// A sentence or two under it.
    pub description: String,
    /// The page's absolute, canonical URL.
    pub url: String,
    /// The picture's absolute URL.
    pub image: String,
    /// The picture in words, for readers who cannot see it.
    pub image_alt: String,
    /// The language it is written in.
    pub lang: Lang,
}

impl Card {
    /// The card of chart `kind`: its title; a description that leads with its first figure
    /// and qualifier ("More than $22.2 billion — …") and lists the other stated ones as the
    /// chart labels them; and an alt text with every bar's label, derived ones marked.
    pub fn for_chart(
        data: &Dataset,
        kind: ChartKind,
        base: &BaseUrl,
    ) -> Result<Card, PreviewError> {
        Card::for_chart_in(data, kind, base, Lang::En)
    }

    /// [`Card::for_chart`] in `lang`: its words, its page and its picture in that language.
    pub fn for_chart_in(
        data: &Dataset,
        kind: ChartKind,
        base: &BaseUrl,
        lang: Lang,
    ) -> Result<Card, PreviewError> {
        let view = View {
            chart: kind,
            lang,
            ..View::default()
        };
        let model = charts::build(data, &view, kind, &Theme::LIGHT)?;
        let data = translate(data, lang);
        let words = lang.words();
        let page = lang.page();
        let lead = ChartSpec::of(kind)
            .figures
            .first()
            .and_then(|&id| data.figure(id));
        let mut description = String::new();
        if let Some(lead) = lead {
            let _ = write!(
                description,
                "{} — {} · {} · {}.",
                capitalise(&figure_value_in(lead, lang)),
                lead.label,
                words.scope(lead.scope),
                lead.period
            );
        }
        // Each row as the chart labels it: "Syria: 30% liberated".
        let rows = |keep: &dyn Fn(&Segment) -> bool| -> Vec<String> {
            model
                .panels
                .iter()
                .flat_map(|panel| &panel.rows)
                .filter_map(|row| {
                    let labels: Vec<&str> = row
                        .segments
                        .iter()
                        .filter(|s| keep(s))
                        .map(|s| s.label.as_str())
                        .collect();
                    (!labels.is_empty()).then(|| format!("{}: {}", row.label, labels.join(", ")))
                })
                .collect()
        };
        let lead_id = lead.map(|f| f.id.as_str());
        // Each other stated figure with its own scope and period: a preview is read alone,
        // and figures of different places and periods must not read as one series.
        let others: Vec<String> = ChartSpec::of(kind)
            .figures
            .iter()
            .filter_map(|&id| data.figure(id))
            .filter(|f| !f.is_derived() && Some(f.id.as_str()) != lead_id)
            .map(|f| {
                fill(
                    page.card_other,
                    &[
                        &f.short_label,
                        &figure_value_in(f, lang),
                        words.scope(f.scope),
                        &f.period,
                    ],
                )
            })
            .collect();
        let list = page.card_separator;
        if !others.is_empty() {
            description.push_str(&fill(page.card_also, &[&others.join(list)]));
        }
        description.push_str(page.card_according);
        Ok(Card {
            title: model.title.clone(),
            description,
            url: base.join(&chart_path_in(kind, lang)),
            image: base.join(&image_path_in(kind, lang)),
            image_alt: fill(
                page.card_alt,
                &[&model.title, &model.subtitle, &rows(&|_| true).join(list)],
            ),
            lang,
        })
    }

    /// The `<head>` tags for this card: canonical link, Open Graph and Twitter card.
    pub fn tags(&self, site_name: &str) -> String {
        let (w, h) = PREVIEW_SIZE;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "<link rel=\"canonical\" href=\"{}\">",
            escape_html(&self.url)
        );
        let properties = [
            ("og:type", "website"),
            ("og:locale", og_locale(self.lang)),
            ("og:site_name", site_name),
            ("og:title", &self.title),
            ("og:description", &self.description),
            ("og:url", &self.url),
            ("og:image", &self.image),
            ("og:image:type", "image/png"),
            ("og:image:width", &w.to_string()),
            ("og:image:height", &h.to_string()),
            ("og:image:alt", &self.image_alt),
        ];
        for (property, content) in properties {
            let _ = writeln!(
                out,
                "<meta property=\"{property}\" content=\"{}\">",
                escape_html(content)
            );
        }
        // X reads og:title, og:description and og:image where its own tags are missing
        // (developer.x.com/cards/markup), so only the card type and the picture's text,
        // which has no Open Graph fallback there, are said again.
        let names = [
            ("twitter:card", "summary_large_image"),
            ("twitter:image:alt", &self.image_alt),
        ];
        for (name, content) in names {
            let _ = writeln!(
                out,
                "<meta name=\"{name}\" content=\"{}\">",
                escape_html(content)
            );
        }
        out
    }
}

/// "more than $22.2 billion" as "More than $22.2 billion".
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The site's front page in English ([`front_page_in`]).
pub fn front_page(data: &Dataset, base: &BaseUrl) -> Result<Page, PreviewError> {
    front_page_in(data, base, Lang::En)
}

/// The site's front page in `lang`: the site's title and description, the card tags of the
/// whole site with the first chart's picture, and its other languages' addresses.
pub fn front_page_in(data: &Dataset, base: &BaseUrl, lang: Lang) -> Result<Page, PreviewError> {
    let mut head = Head::site_in(lang);
    let first = ChartKind::ALL[0];
    let card = Card {
        title: head.title.clone(),
        description: head.description.clone(),
        url: base.join(lang.folder()),
        image: base.join(&image_path_in(first, lang)),
        image_alt: Card::for_chart_in(data, first, base, lang)?.image_alt,
        lang,
    };
    head.tags = format!("{}{}", card.tags(&head.title), alternates("", base));
    Ok(Page::front_in(head, lang))
}

/// The page of chart `kind` in English ([`chart_page_in`]).
pub fn chart_page(data: &Dataset, kind: ChartKind, base: &BaseUrl) -> Result<Page, PreviewError> {
    chart_page_in(data, kind, base, Lang::En)
}

/// The page of chart `kind` in `lang`: that chart's tab selected, its title before the
/// site's, its description, its card tags, its other languages' addresses and the link to its
/// oEmbed answer.
pub fn chart_page_in(
    data: &Dataset,
    kind: ChartKind,
    base: &BaseUrl,
    lang: Lang,
) -> Result<Page, PreviewError> {
    let site = Head::site_in(lang);
    let card = Card::for_chart_in(data, kind, base, lang)?;
    let head = Head {
        title: fill(lang.page().chart_page_title, &[&card.title, &site.title]),
        tags: format!(
            "{}{}{}\n",
            card.tags(&site.title),
            alternates(&chart_path(kind), base),
            crate::oembed::discovery_tag(kind, base, lang)
        ),
        description: card.description,
    };
    Ok(Page::chart_in(kind, head, lang))
}

#[cfg(test)]
mod tests {
    use super::tags::{is_relative_path, start_tags};
    use super::*;
    use crate::site::{Site, SiteError, Template};

    const TEMPLATE: &str = include_str!("../../www/index.html");

    /// The site's template, read, and the dataset.
    fn page() -> (Template, Dataset) {
        let data = Dataset::embedded().expect("the embedded dataset is valid");
        (Template::parse(TEMPLATE).expect("parses"), data)
    }

    /// `page` written from `template`, with drawings of a made-up size.
    fn render(template: &Template, data: &Dataset, page: &Page) -> String {
        let site = Site {
            data,
            version_page: "v/1/".into(),
            drawings: ChartKind::ALL
                .into_iter()
                .flat_map(|kind| Lang::ALL.map(|lang| (lang, kind, [(1038, 400), (326, 600)])))
                .collect(),
            icon: None,
        };
        template.render(&site, page).expect("renders")
    }

    fn base() -> BaseUrl {
        BaseUrl::parse("https://example.org/coalition/").expect("valid")
    }

    /// `svg` rasterised by resvg in Liberation Sans (the face the charts' metrics are
    /// Arial's twin of), as RGBA pixels.
    fn pixels(svg: &str) -> Vec<u8> {
        use resvg::usvg::{self, fontdb};
        let mut db = fontdb::Database::new();
        for face in [
            &include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf")[..],
            &include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf")[..],
        ] {
            db.load_font_data(face.to_vec());
        }
        db.set_sans_serif_family("Liberation Sans");
        let options = usvg::Options {
            fontdb: std::sync::Arc::new(db),
            font_family: "Liberation Sans".into(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &options).expect("the SVG parses");
        let size = tree.size().to_int_size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("size");
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut pixmap.as_mut(),
        );
        pixmap.take()
    }

    #[test]
    fn each_drawing_written_short_draws_the_same_pixels_in_a_third_fewer_bytes() {
        let (_, data) = page();
        for kind in ChartKind::ALL {
            let view = View {
                chart: kind,
                ..View::default()
            };
            let (files, sizes) = drawings(&data, kind, Lang::En).expect("drawn");
            assert_eq!(files.len(), 4, "{kind:?}: two widths, two themes");
            let mut files = files.into_iter();
            for ((width, _), (w, _)) in DRAWN_WIDTHS.into_iter().zip(sizes) {
                assert_eq!(w, width);
                let placed =
                    crate::picture::place(&data, &view, kind, width, None).expect("placed");
                for theme in [Theme::LIGHT, Theme::DARK] {
                    let long =
                        crate::picture::render_svg_placed(&data, &view, kind, theme, &placed)
                            .expect("drawn");
                    let (path, short) = files.next().expect("one file per width and theme");
                    let short = String::from_utf8(short).expect("UTF-8");
                    roxmltree::Document::parse(&short)
                        .unwrap_or_else(|e| panic!("{path} is well-formed XML: {e}"));
                    assert!(
                        short.len() * 3 < long.len() * 2,
                        "{path}: {} bytes against {}",
                        short.len(),
                        long.len()
                    );
                    assert!(
                        pixels(&short) == pixels(&long),
                        "{path} draws as the chart code's SVG"
                    );
                }
            }
        }
    }

    #[test]
    fn base_urls_must_be_absolute_http_and_end_in_a_slash() {
        for good in [
            "https://example.org/",
            "http://127.0.0.1:8080/",
            "https://example.org/a/b/",
        ] {
            assert!(BaseUrl::parse(good).is_ok(), "{good}");
        }
        for (bad, why) in [
            ("example.org/", "http"),
            ("ftp://example.org/", "http"),
            ("https:///x/", "host"),
            ("https://example.org", "end in"),
            ("https://example.org/x", "end in"),
            ("https://exa mple.org/", "space"),
            ("https://example.org/\"/", "quote"),
            ("https://example.org/?a=1/", "query"),
            ("https://user:pw@example.org/", "user"),
            ("/coalition/", "http"),
            ("", "http"),
        ] {
            let err = BaseUrl::parse(bad).expect_err(bad).to_string();
            assert!(err.contains(why), "{bad}: {err}");
            assert!(err.contains("https://example.org/coalition/"), "{err}");
        }
    }

    #[test]
    fn a_chart_page_selects_its_tab_and_shows_only_its_panel() {
        let (page, data) = page();
        for kind in ChartKind::ALL {
            let out = render(
                &page,
                &data,
                &chart_page(&data, kind, &base()).expect("chart page"),
            );
            let tags = start_tags(&out);
            for tab in tags.iter().filter(|t| t.attr("role") == Some("tab")) {
                let mine = tab.attr("data-chart") == Some(kind.id());
                assert_eq!(
                    tab.attr("aria-selected"),
                    Some(if mine { "true" } else { "false" })
                );
                assert_eq!(tab.attr("tabindex"), Some(if mine { "0" } else { "-1" }));
            }
            for panel in tags.iter().filter(|t| t.attr("role") == Some("tabpanel")) {
                let mine = panel.attr("id") == Some(&format!("panel-{}", kind.id()));
                assert_eq!(
                    panel.attr("hidden").is_none(),
                    mine,
                    "{:?}",
                    panel.attr("id")
                );
            }
            let body = tags.iter().find(|t| t.name == "body").expect("body");
            assert_eq!(body.attr("data-default-chart"), Some(kind.id()));
        }
    }

    #[test]
    fn a_chart_page_links_its_files_one_folder_up() {
        let (page, data) = page();
        let out = render(
            &page,
            &data,
            &chart_page(&data, ChartKind::Returns, &base()).expect("chart page"),
        );
        assert!(out.contains("href=\"../style.css\""));
        assert!(out.contains("src=\"../main.js\""));
        // Fragments, data URLs and absolute URLs are left alone.
        assert!(out.contains("href=\"#main\""));
        assert!(!out.contains("../#"));
        assert!(!out.contains("../data:"));
        assert!(!out.contains("../https:"));
        for tag in start_tags(&out) {
            for name in ["href", "src"] {
                if let Some(v) = tag.attr(name) {
                    assert!(
                        !is_relative_path(v) || v.starts_with("../"),
                        "{name}={v} would not resolve from the chart's folder"
                    );
                }
            }
        }
    }

    #[test]
    fn a_chart_page_carries_the_card_with_absolute_urls() {
        let (page, data) = page();
        let out = render(
            &page,
            &data,
            &chart_page(&data, ChartKind::Funding, &base()).expect("chart page"),
        );
        for needle in [
            "<link rel=\"canonical\" href=\"https://example.org/coalition/funding/\">",
            "<meta property=\"og:url\" content=\"https://example.org/coalition/funding/\">",
            "<meta property=\"og:image\" content=\"https://example.org/coalition/funding/preview.png\">",
            "<meta property=\"og:image:width\" content=\"1200\">",
            "<meta property=\"og:image:height\" content=\"630\">",
            "<meta property=\"og:type\" content=\"website\">",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
            "<meta property=\"og:title\" content=\"Coalition members have provided more than $22.2 billion in Iraq and Syria since 2014, the State Department says\">",
            "<meta property=\"og:description\" content=\"More than $22.2 billion — ",
            "<meta name=\"description\" content=\"More than $22.2 billion — ",
            "<title>Coalition members have provided more than $22.2 billion in Iraq and Syria since 2014, the State Department says · ",
        ] {
            assert!(out.contains(needle), "missing {needle}");
        }
        assert_eq!(out.matches("<meta name=\"description\"").count(), 1);
        // The card goes in the head.
        let head_end = out.find("</head>").expect("head");
        assert!(out.find("og:image\"").expect("og:image") < head_end);
    }

    #[test]
    fn card_descriptions_say_whose_figures_with_each_scope_and_period() {
        let data = Dataset::embedded().expect("valid");
        for kind in ChartKind::ALL {
            let card = Card::for_chart(&data, kind, &base()).expect("card");
            assert!(
                card.description
                    .ends_with(" According to the U.S. Department of State."),
                "{}",
                card.description
            );
            for id in ChartSpec::of(kind).figures {
                let f = data.figure(id).expect("figure");
                if !f.is_derived() {
                    assert!(
                        card.description.contains(&f.period),
                        "{id}: {}",
                        card.description
                    );
                    assert!(card.description.contains(f.scope.label()), "{id}");
                }
            }
        }
    }

    #[test]
    fn cards_keep_every_qualifier_and_mark_derived_figures() {
        let data = Dataset::embedded().expect("valid");
        let card = Card::for_chart(&data, ChartKind::Returns, &base()).expect("card");
        assert!(
            card.description.starts_with("Approximately 35,000 — "),
            "{}",
            card.description
        );
        assert!(card.description.contains("more than 1.5 million"));
        let card = Card::for_chart(&data, ChartKind::Liberation, &base()).expect("card");
        assert!(card.image_alt.contains("(derived)"), "{}", card.image_alt);
        let card = Card::for_chart(&data, ChartKind::Funding, &base()).expect("card");
        for figure in ["funding-provided", "funding-pledged", "funding-expected"] {
            let f = data.figure(figure).expect("figure");
            assert!(
                card.image_alt
                    .contains(&coalition_infographic::format::figure_value(f)),
                "{figure}"
            );
        }
    }

    #[test]
    fn card_text_is_escaped() {
        let card = Card {
            title: "A \"title\" <b>".into(),
            description: "x & y".into(),
            url: "https://example.org/".into(),
            image: "https://example.org/a.png".into(),
            image_alt: "'alt'".into(),
            lang: Lang::En,
        };
        let tags = card.tags("Site");
        assert!(tags.contains("content=\"A &quot;title&quot; &lt;b&gt;\""));
        assert!(tags.contains("content=\"x &amp; y\""));
        assert!(tags.contains("content=\"&#39;alt&#39;\""));
        assert!(!tags.contains("<b>"));
    }

    #[test]
    fn the_front_page_gets_the_site_card() {
        let (template, data) = page();
        let front = front_page(&data, &base()).expect("front page");
        let out = render(&template, &data, &front);
        // The same page without the card.
        let page = render(&template, &data, &Page::front(Head::site()));
        assert!(out.contains("<link rel=\"canonical\" href=\"https://example.org/coalition/\">"));
        assert!(out.contains(
            "<meta property=\"og:image\" content=\"https://example.org/coalition/funding/preview.png\">"
        ));
        assert!(out.contains("<meta property=\"og:title\" content=\"The Coalition against ISIS"));
        // Otherwise the page is unchanged: the tags are only added before </head>.
        let head_end = page.find("</head>").expect("head");
        assert!(out.starts_with(&page[..head_end]));
        assert!(out.ends_with(&page[head_end..]));
    }

    #[test]
    fn a_template_without_the_head_or_a_tab_s_state_is_an_error() {
        assert_eq!(
            Template::parse(&TEMPLATE.replace("<!-- generated:page-tags -->", "")),
            Err(SiteError::MissingMarker(
                "<!-- generated:page-tags -->".into()
            ))
        );
        let err = Template::parse(&TEMPLATE.replace("<!-- generated:selected -->", "true"))
            .expect_err("no tab state");
        assert!(
            err.to_string()
                .contains("<!-- generated:selected:funding -->"),
            "{err}"
        );
    }

    #[test]
    fn tags_parse_quotes_bare_attributes_and_comments() {
        let html = "<!-- <a href=x> --><div id='a' hidden data-x=1 title=\"a > b\"><br/>";
        let tags = start_tags(html);
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].attr("id"), Some("a"));
        assert_eq!(tags[0].attr("hidden"), Some(""));
        assert_eq!(tags[0].attr("data-x"), Some("1"));
        assert_eq!(tags[0].attr("title"), Some("a > b"));
        assert_eq!(tags[1].name, "br");
        assert!(tags[1].self_closing);
    }

    #[test]
    fn relative_paths_are_told_apart() {
        for rel in ["style.css", "pkg/x.js", "./a", "../a", "a_b/c:d"] {
            assert!(is_relative_path(rel), "{rel}");
        }
        for not in [
            "",
            "#main",
            "/a",
            "?q",
            "data:,",
            "https://x/",
            "mailto:a@b",
        ] {
            assert!(!is_relative_path(not), "{not}");
        }
    }
}
