//! oEmbed 1.0 (<https://oembed.com>) for a static site: one JSON file per chart and theme,
//! written by the build, and the `<link rel="alternate">` tag that lets a CMS discover it
//! from the chart's page. A CMS that is pasted a chart's address (WordPress, Ghost, Slack)
//! reads the page, follows the tag, and embeds the frame the JSON gives.

use serde::Serialize;

use crate::picture::{self, PictureError};
use crate::previews::{chart_path_in, image_path_in, BaseUrl, PREVIEW_SIZE};
use crate::site::escape_html;
use coalition_infographic::charts::{self, Theme};
use coalition_infographic::data::Dataset;
use coalition_infographic::i18n::Lang;
use coalition_infographic::view::{ChartKind, ThemeChoice, View};

/// The name the provider goes by.
pub const PROVIDER_NAME: &str = "Coalition Infographic";
/// How long a consumer may keep the answer, in seconds: a day, since a data correction
/// should reach embeds soon.
pub const CACHE_AGE: u32 = 86_400;
/// The frame's width in the answer: the width the chart is laid out at for the height.
pub const FRAME_WIDTH: u32 = 640;
/// What the embedded page shows besides the chart (its credit line, its notes and the link
/// to the full infographic), in CSS pixels, at [`FRAME_WIDTH`]. An end-to-end test checks the
/// embedded page fits the frame the answer gives.
pub const EMBED_CHROME: u32 = 210;

/// The themes an answer is written for; `auto` follows the reader's colour scheme.
pub const THEMES: [ThemeChoice; 3] = [ThemeChoice::Auto, ThemeChoice::Light, ThemeChoice::Dark];

/// One oEmbed answer, type `rich`. Field names are the specification's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// Always "rich": the chart is an interactive frame.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Always "1.0".
    pub version: &'static str,
    /// The chart's title.
    pub title: String,
    /// Who publishes the embed.
    pub provider_name: &'static str,
    /// The site's address.
    pub provider_url: String,
    /// Seconds the answer may be cached.
    pub cache_age: u32,
    /// The chart's link-preview picture.
    pub thumbnail_url: String,
    /// Its width in pixels.
    pub thumbnail_width: u32,
    /// Its height in pixels.
    pub thumbnail_height: u32,
    /// The markup to embed: a link to the chart's page (what a consumer shows where it
    /// keeps no frames) and the frame itself.
    pub html: String,
    /// The frame's width in pixels.
    pub width: u32,
    /// The frame's height in pixels: the chart at [`FRAME_WIDTH`] with its notes.
    pub height: u32,
}

/// The file the answer for `kind` and `theme` in `lang` is written to, relative to the site
/// root: `oembed/funding.json`, `oembed/funding-dark.json`, `oembed/fr/funding.json`.
pub fn answer_path(kind: ChartKind, theme: ThemeChoice, lang: Lang) -> String {
    let folder = lang.folder();
    match theme {
        ThemeChoice::Auto => format!("oembed/{folder}{}.json", kind.id()),
        other => format!("oembed/{folder}{}-{}.json", kind.id(), other.id()),
    }
}

/// The embedded page's address: the chart alone, in `theme` and `lang`, as the Embed dialog
/// writes it.
fn frame_url(kind: ChartKind, theme: ThemeChoice, lang: Lang, base: &BaseUrl) -> String {
    let view = View {
        chart: kind,
        theme,
        lang,
        ..View::default()
    };
    base.join(&coalition_infographic::links::embed_url(&view, "", false))
}

/// The answer for chart `kind` in `theme` and `lang`.
pub fn answer(
    data: &Dataset,
    kind: ChartKind,
    theme: ThemeChoice,
    lang: Lang,
    base: &BaseUrl,
) -> Result<Answer, charts::ChartError> {
    let spec = lang.words().spec(kind);
    let view = View {
        chart: kind,
        theme,
        lang,
        ..View::default()
    };
    let chart_height = charts::natural_height(data, &view, kind, FRAME_WIDTH)?;
    // Heights are whole pixels; a part pixel more keeps the chart's last line in view.
    let height = chart_height.ceil() as u32 + EMBED_CHROME;
    let page = base.join(&chart_path_in(kind, lang));
    let title = spec.title.to_string();
    let html = format!(
        "<blockquote><a href=\"{page}\">{text}</a></blockquote>\n\
         <iframe src=\"{src}\" title=\"{text} — {PROVIDER_NAME}\" width=\"{FRAME_WIDTH}\" \
         height=\"{height}\" frameborder=\"0\" scrolling=\"no\"></iframe>",
        page = escape_html(&page),
        src = escape_html(&frame_url(kind, theme, lang, base)),
        text = escape_html(&title),
    );
    let (thumb_w, thumb_h) = PREVIEW_SIZE;
    Ok(Answer {
        kind: "rich",
        version: "1.0",
        title,
        provider_name: PROVIDER_NAME,
        provider_url: base.as_str().to_string(),
        cache_age: CACHE_AGE,
        thumbnail_url: base.join(&image_path_in(kind, lang)),
        thumbnail_width: thumb_w,
        thumbnail_height: thumb_h,
        html,
        width: FRAME_WIDTH,
        height,
    })
}

/// Every answer the build writes: `(path, JSON)` for each language, chart and theme.
pub fn answers(
    data: &Dataset,
    base: &BaseUrl,
) -> Result<Vec<(String, String)>, charts::ChartError> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        for kind in ChartKind::ALL {
            for theme in THEMES {
                let answer = answer(data, kind, theme, lang, base)?;
                // Serialising a struct of strings and numbers cannot fail.
                let json = serde_json::to_string_pretty(&answer).unwrap_or_default();
                out.push((answer_path(kind, theme, lang), json));
            }
        }
    }
    Ok(out)
}

/// The width of the email and RSS pictures in CSS pixels: the usual column of an email
/// newsletter. They are drawn at twice that, so they stay sharp on HiDPI screens.
pub const EMAIL_WIDTH: u32 = 600;

/// Device pixels per CSS pixel of the email pictures.
const EMAIL_PIXEL_RATIO: f64 = 2.0;

/// The email and RSS picture of `kind` in `theme` (light or dark; `auto` is light, since an
/// email client may not follow the reader's scheme) and `lang`, relative to the site root:
/// `img/funding-light.png`, `img/ar/funding-light.png`.
pub fn email_image_path(kind: ChartKind, theme: ThemeChoice, lang: Lang) -> String {
    let theme = match theme {
        ThemeChoice::Dark => "dark",
        ThemeChoice::Auto | ThemeChoice::Light => "light",
    };
    format!("img/{}{}-{theme}.png", lang.folder(), kind.id())
}

/// A chart-shaped PNG per chart and theme, for hosts that run no script and strip frames
/// and SVG (email newsletters, RSS readers): `(path, bytes)`, drawn by the same code as the
/// page's charts at [`EMAIL_WIDTH`] and the chart's own height.
pub fn email_images(data: &Dataset) -> Result<Vec<(String, Vec<u8>)>, PictureError> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        for kind in ChartKind::ALL {
            for (choice, theme) in [
                (ThemeChoice::Light, Theme::LIGHT),
                (ThemeChoice::Dark, Theme::DARK),
            ] {
                let view = View {
                    chart: kind,
                    theme: choice,
                    lang,
                    ..View::default()
                };
                let placed = picture::place(data, &view, kind, EMAIL_WIDTH, None)?;
                let png =
                    picture::render_png(data, &view, kind, theme, &placed, EMAIL_PIXEL_RATIO)?;
                out.push((email_image_path(kind, choice, lang), png));
            }
        }
    }
    Ok(out)
}

/// The discovery tag for a chart's page `<head>` in `lang`, naming the answer in the default
/// theme and that language.
pub fn discovery_tag(kind: ChartKind, base: &BaseUrl, lang: Lang) -> String {
    format!(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\">",
        escape_html(&base.join(&answer_path(kind, ThemeChoice::Auto, lang))),
        escape_html(lang.words().spec(kind).title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> BaseUrl {
        BaseUrl::parse("https://example.org/coalition/").expect("a valid base")
    }

    fn data() -> Dataset {
        Dataset::embedded().expect("the shipped dataset")
    }

    /// The rules of oEmbed 1.0 (section 2.3.4) for a `rich` answer.
    fn assert_valid(json: &str) {
        let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
        let object = value.as_object().expect("an object");
        assert_eq!(object["version"], "1.0");
        assert_eq!(object["type"], "rich");
        for required in ["html", "width", "height"] {
            assert!(object.contains_key(required), "rich needs {required}");
        }
        assert!(object["width"].as_u64().is_some_and(|w| w > 0));
        assert!(object["height"].as_u64().is_some_and(|h| h > 0));
        // A thumbnail comes with both of its sizes, or not at all.
        let thumbs = ["thumbnail_url", "thumbnail_width", "thumbnail_height"];
        let present = thumbs.iter().filter(|k| object.contains_key(**k)).count();
        assert!(present == 0 || present == 3, "thumbnail fields go together");
        assert!(object["cache_age"].as_u64().is_some());
        for url in ["provider_url", "thumbnail_url"] {
            assert!(object[url]
                .as_str()
                .is_some_and(|u| u.starts_with("https://")));
        }
        for key in object.keys() {
            assert!(
                [
                    "type",
                    "version",
                    "title",
                    "author_name",
                    "author_url",
                    "provider_name",
                    "provider_url",
                    "cache_age",
                    "thumbnail_url",
                    "thumbnail_width",
                    "thumbnail_height",
                    "html",
                    "width",
                    "height"
                ]
                .contains(&key.as_str()),
                "{key} is not an oEmbed field"
            );
        }
    }

    #[test]
    fn every_answer_is_valid_oembed() {
        let answers = answers(&data(), &base()).expect("answers");
        assert_eq!(
            answers.len(),
            Lang::ALL.len() * ChartKind::ALL.len() * THEMES.len()
        );
        for (path, json) in &answers {
            assert!(
                path.starts_with("oembed/") && path.ends_with(".json"),
                "{path}"
            );
            assert_valid(json);
        }
    }

    #[test]
    fn the_frame_shows_the_chart_in_its_theme_and_links_its_page() {
        let a = answer(
            &data(),
            ChartKind::Returns,
            ThemeChoice::Dark,
            Lang::En,
            &base(),
        )
        .expect("answer");
        assert!(a.html.contains(
            "src=\"https://example.org/coalition/?chart=returns&amp;theme=dark&amp;embed=1\""
        ));
        assert!(a
            .html
            .contains("<a href=\"https://example.org/coalition/returns/\">"));
        assert_eq!(
            a.thumbnail_url,
            "https://example.org/coalition/returns/preview.png"
        );
        assert!(a.height > EMBED_CHROME + 200, "{}", a.height);
        assert_eq!(
            answer_path(ChartKind::Returns, ThemeChoice::Dark, Lang::En),
            "oembed/returns-dark.json"
        );
        assert_eq!(
            answer_path(ChartKind::Returns, ThemeChoice::Auto, Lang::En),
            "oembed/returns.json"
        );
    }

    #[test]
    fn a_translated_answer_frames_and_links_the_page_in_its_language() {
        let a = answer(
            &data(),
            ChartKind::Funding,
            ThemeChoice::Auto,
            Lang::Ar,
            &base(),
        )
        .expect("answer");
        assert!(
            a.html
                .contains("src=\"https://example.org/coalition/ar/?chart=funding&amp;embed=1\""),
            "{}",
            a.html
        );
        assert!(a
            .html
            .contains("<a href=\"https://example.org/coalition/ar/funding/\">"));
        assert_eq!(a.title, Lang::Ar.words().spec(ChartKind::Funding).title);
        assert_eq!(
            a.thumbnail_url,
            "https://example.org/coalition/ar/funding/preview.png"
        );
        assert_eq!(
            answer_path(ChartKind::Funding, ThemeChoice::Dark, Lang::Fr),
            "oembed/fr/funding-dark.json"
        );
        assert!(discovery_tag(ChartKind::Funding, &base(), Lang::Fr)
            .contains("href=\"https://example.org/coalition/oembed/fr/funding.json\""));
    }

    #[test]
    fn titles_are_escaped_in_the_markup() {
        let tag = discovery_tag(ChartKind::Funding, &base(), Lang::En);
        assert!(tag.starts_with("<link rel=\"alternate\" type=\"application/json+oembed\""));
        assert!(tag.contains("href=\"https://example.org/coalition/oembed/funding.json\""));
        assert!(!tag.contains("title=\"\""));
    }
}
