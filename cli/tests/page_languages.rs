//! The site's pages in each language, from the shipped template: every word of the page
//! translated, each page in its language and direction, the post's words kept in English, and
//! every page linked to its translations.

use coalition_cli::previews::{self, BaseUrl};
use coalition_cli::site::{Site, Template};
use coalition_infographic::i18n::page::{PageWords, ScriptWords};
use coalition_infographic::i18n::Lang;
use coalition_infographic::view::ChartKind;
use coalition_infographic::Dataset;

const TEMPLATE: &str = include_str!("../../www/index.html");

/// English words that are empty by design: the English page uses the dataset's own words, and
/// is no translation.
const EMPTY_IN_ENGLISH: [&str; 4] = [
    "translation_note",
    "source_kind",
    "source_occasion",
    "source_date_note",
];

/// Words that are names or punctuation, the same in every language.
const NAMES: [&str; 6] = [
    "way_oembed",
    "way_amp",
    "chart_page_title",
    "cited_end",
    "reuse_csv",
    "list_separator",
];

/// Words French writes as English does.
const FRENCH_AS_ENGLISH: [&str; 5] = [
    "colours_auto",
    "source_heading",
    "col_source",
    "dt_date",
    "card_separator",
];

fn holes(text: &str) -> usize {
    text.matches("{}").count()
}

/// Every word of both sets, by name, in `lang`.
fn all_words(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let page = lang.page();
    let script = lang.script();
    PageWords::NAMES
        .iter()
        .map(|&n| (n, page.get(n).unwrap_or_default()))
        .chain(
            ScriptWords::NAMES
                .iter()
                .map(|&n| (n, script.get(n).unwrap_or_default())),
        )
        .collect()
}

#[test]
fn every_word_of_the_pages_is_translated_with_the_same_holes() {
    let english = all_words(Lang::En);
    for lang in [Lang::Fr, Lang::Ar] {
        for ((name, en), (_, word)) in english.iter().zip(all_words(lang)) {
            assert!(!word.is_empty(), "{}: {name} is empty", lang.id());
            if !EMPTY_IN_ENGLISH.contains(name) {
                assert!(!en.is_empty(), "en: {name} is empty");
            }
            assert_eq!(
                holes(en),
                holes(word),
                "{}: {name} has other holes",
                lang.id()
            );
            let same_word =
                NAMES.contains(name) || (lang == Lang::Fr && FRENCH_AS_ENGLISH.contains(name));
            if !same_word {
                assert_ne!(*en, word, "{}: {name} is the English", lang.id());
            }
            if lang == Lang::Ar {
                // Arabic-Indic digits throughout, as the charts write them.
                assert!(
                    !word.chars().any(|c| c.is_ascii_digit()),
                    "ar: {name} has a Western digit: {word}"
                );
            }
        }
    }
}

fn base() -> BaseUrl {
    BaseUrl::parse("https://example.org/coalition/").expect("base")
}

/// Every page of the site as the build writes it: `(path, HTML)`.
fn pages() -> Vec<(String, String)> {
    let data = Dataset::embedded().expect("the embedded dataset is valid");
    let template = Template::parse(TEMPLATE).expect("the template parses");
    let site = Site {
        data: &data,
        version_page: "v/1/".into(),
        drawings: Vec::new(),
        icon: None,
    };
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let folder = lang.folder().to_string();
        let front = previews::front_page_in(&data, &base(), lang).expect("front page");
        out.push((
            folder.clone(),
            template.render(&site, &front).expect("renders"),
        ));
        for kind in ChartKind::ALL {
            let page = previews::chart_page_in(&data, kind, &base(), lang).expect("chart page");
            out.push((
                previews::chart_path_in(kind, lang),
                template.render(&site, &page).expect("renders"),
            ));
        }
    }
    out
}

fn page(path: &str) -> String {
    pages()
        .into_iter()
        .find(|(p, _)| p == path)
        .map(|(_, html)| html)
        .unwrap_or_else(|| panic!("no page {path}"))
}

#[test]
fn each_page_is_in_its_language_and_direction_with_no_english_of_the_page_left() {
    let english: Vec<String> = all_words(Lang::En)
        .into_iter()
        .filter(|(name, w)| w.chars().count() >= 14 && !NAMES.contains(name))
        .map(|(_, w)| coalition_cli::site::escape_html(w))
        .collect();
    for (path, html) in pages() {
        let lang = if path.starts_with("fr/") {
            Lang::Fr
        } else if path.starts_with("ar/") {
            Lang::Ar
        } else {
            Lang::En
        };
        let dir = if lang == Lang::Ar { "rtl" } else { "ltr" };
        assert!(
            html.contains(&format!("<html lang=\"{}\" dir=\"{dir}\"", lang.id())),
            "{path}"
        );
        assert!(!html.contains("<!-- word:"), "{path}");
        if lang != Lang::En {
            for words in &english {
                assert!(!html.contains(words.as_str()), "{path} says “{words}”");
            }
        }
    }
}

#[test]
fn numbers_read_as_each_language_writes_them() {
    assert!(page("funding/").contains("more than $22.2 billion"));
    assert!(page("fr/funding/").contains("plus de 22,2 milliards de dollars"));
    assert!(page("ar/funding/").contains("أكثر من ٢٢٫٢ مليار دولار"));
    assert!(page("fr/liberation/").contains(">62\u{202f}%</td>"));
}

#[test]
fn the_post_s_words_stay_english_and_marked_so_on_a_translated_page() {
    let en = page("");
    let ar = page("ar/");
    let quote = "“caliphate,”";
    assert!(en.contains(quote) && ar.contains(quote));
    assert!(!en.contains("<q lang=\"en\""));
    assert!(ar.contains("<q lang=\"en\" dir=\"ltr\">"));
    assert_eq!(
        ar.matches("<q ").count(),
        ar.matches("<q lang=\"en\" dir=\"ltr\">").count(),
        "every quote is marked English"
    );
    assert!(ar.contains("<cite lang=\"en\" dir=\"ltr\">Global Coalition Remains United"));
    // Said to be a translation, and not the post's.
    assert!(ar.contains(&format!(
        "<p class=\"translation-note\">{}</p>",
        Lang::Ar.page().translation_note
    )));
    assert!(!en.contains("translation-note"));
}

#[test]
fn every_page_links_its_translations() {
    let ar = page("ar/returns/");
    for (lang, href) in [
        ("en", "https://example.org/coalition/returns/"),
        ("fr", "https://example.org/coalition/fr/returns/"),
        ("ar", "https://example.org/coalition/ar/returns/"),
        ("x-default", "https://example.org/coalition/returns/"),
    ] {
        assert!(
            ar.contains(&format!(
                "<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\">"
            )),
            "{lang}"
        );
    }
    assert!(
        ar.contains("<link rel=\"canonical\" href=\"https://example.org/coalition/ar/returns/\">")
    );
    assert!(ar.contains("<meta property=\"og:locale\" content=\"ar_AR\">"));
    assert!(ar.contains(
        "<meta property=\"og:image\" content=\"https://example.org/coalition/ar/returns/preview.png\">"
    ));
    assert!(ar.contains("href=\"https://example.org/coalition/oembed/ar/returns.json\""));
    // The reader's links, relative, each in its own language; the page's own is current.
    assert!(ar.contains("<a href=\"../../returns/\" hreflang=\"en\" lang=\"en\">English</a>"));
    assert!(ar.contains(
        "<a href=\"../../ar/returns/\" hreflang=\"ar\" lang=\"ar\" aria-current=\"page\">العربية</a>"
    ));
    assert!(page("").contains("<a href=\"./\" hreflang=\"en\""));
    assert!(page("").contains("<a href=\"fr/\" hreflang=\"fr\""));
    // Its own files are two folders up.
    assert!(ar.contains("href=\"../../style.css\""));
    assert!(ar.contains("data-root=\"../../\" data-here=\"returns/\""));
}

#[test]
fn the_scripts_get_every_word_in_their_own_file() {
    for lang in Lang::ALL {
        assert_eq!(
            coalition_cli::site::script_words_path(lang),
            format!("words/{}.json", lang.id())
        );
        let json = coalition_cli::site::script_words_json(lang, Vec::new());
        let words: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        for name in ScriptWords::NAMES {
            assert_eq!(
                words[name].as_str(),
                lang.script().get(name),
                "{}: {name}",
                lang.id()
            );
        }
        // Not in the page, whose every reader would fetch them.
        assert!(!page(lang.folder()).contains(lang.script().ways_to_embed));
    }
}
