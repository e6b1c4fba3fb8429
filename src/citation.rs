//! How to cite a chart: APA, Chicago and BibTeX, each crediting both this infographic (at the
//! dated version of its dataset, with that version's stable link) and the State Department's
//! post the figures come from (its address and date). Plain text, written by the build into
//! the page's citation file and the versioned pages, and copied into the README.

use crate::charts::ChartSpec;
use crate::data::Source;
use crate::view::ChartKind;
use crate::written::Date;

/// What the infographic is called where it is cited as a work.
pub const WORK_NAME: &str = "Coalition Infographic";

/// The three styles, in the order a page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// APA, 7th edition: a reference-list entry for each work.
    Apa,
    /// Chicago, 17th edition, notes and bibliography: a bibliography entry for each work.
    Chicago,
    /// BibTeX: a `@misc` entry for each work.
    Bibtex,
}

impl Style {
    /// Every style, in display order.
    pub const ALL: [Style; 3] = [Style::Apa, Style::Chicago, Style::Bibtex];

    /// The key used in files and element ids: `apa`, `chicago`, `bibtex`.
    pub fn id(self) -> &'static str {
        match self {
            Style::Apa => "apa",
            Style::Chicago => "chicago",
            Style::Bibtex => "bibtex",
        }
    }

    /// The style's name as a reader knows it.
    pub fn name(self) -> &'static str {
        match self {
            Style::Apa => "APA",
            Style::Chicago => "Chicago",
            Style::Bibtex => "BibTeX",
        }
    }
}

/// Everything a citation of one chart names.
#[derive(Debug, Clone, Copy)]
pub struct Cited<'a> {
    /// The post the figures come from.
    pub source: &'a Source,
    /// The chart cited.
    pub chart: ChartKind,
    /// The dataset's version, an ISO date: the day its figures were last taken from the post.
    pub version: &'a str,
    /// The stable address of that version's chart, which keeps showing what was cited.
    pub url: &'a str,
}

/// A date's year, English month name and day, or `None` for a string that is not an ISO
/// date.
fn parts(iso: &str) -> Option<(u16, &'static str, u8)> {
    let date = Date::from_iso(iso)?;
    Some((date.year, date.month_name(), date.day))
}

/// "2017, March 22" (APA), or the string as given when it is not an ISO date.
fn apa_date(iso: &str) -> String {
    parts(iso).map_or_else(|| iso.to_string(), |(y, m, d)| format!("{y}, {m} {d}"))
}

/// "March 22, 2017" (Chicago).
fn chicago_date(iso: &str) -> String {
    parts(iso).map_or_else(|| iso.to_string(), |(y, m, d)| format!("{m} {d}, {y}"))
}

/// "22 March 2017", for the words around a date.
fn long_date(iso: &str) -> String {
    Date::from_iso(iso).map_or_else(|| iso.to_string(), Date::words)
}

/// The year of an ISO date, or the whole string.
fn year(iso: &str) -> String {
    parts(iso).map_or_else(|| iso.to_string(), |(y, _, _)| y.to_string())
}

/// The post's venue: the blog its `kind` names, for the shipped dataset DipNote.
fn blog(source: &Source) -> &'static str {
    if source.kind.contains("DipNote") {
        "DipNote"
    } else {
        "U.S. Department of State"
    }
}

/// The chart's title without the trailing attribution the page adds in its headline
/// ("…, the State Department says"): the citation names the Department as author of the
/// post instead.
fn chart_title(kind: ChartKind) -> &'static str {
    let title = ChartSpec::of(kind).title;
    title
        .strip_suffix(", the State Department says")
        .unwrap_or(title)
}

/// What the figures are and when they were taken, shared by the prose styles.
fn taken(cited: &Cited<'_>) -> String {
    format!(
        "Dataset version {v}: the figures as taken from the post on {taken}",
        v = cited.version,
        taken = long_date(cited.version)
    )
}

/// The citation of `cited` in `style`, as plain text: the infographic's entry, a blank line,
/// then the post's.
pub fn cite(cited: &Cited<'_>, style: Style) -> String {
    match style {
        Style::Apa => apa(cited),
        Style::Chicago => chicago(cited),
        Style::Bibtex => bibtex(cited),
    }
}

fn post_url(source: &Source) -> String {
    source
        .url
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default()
}

fn apa(c: &Cited<'_>) -> String {
    let s = c.source;
    format!(
        "{WORK_NAME}. ({vdate}). {title} [Infographic; data from {publisher}, {pyear}]. {taken}. {url}\n\n\
         {publisher}. ({pdate}). {ptitle} [Blog post]. {blog}.{purl}",
        vdate = apa_date(c.version),
        title = chart_title(c.chart),
        publisher = s.publisher,
        pyear = year(&s.date),
        taken = taken(c),
        url = c.url,
        pdate = apa_date(&s.date),
        ptitle = s.title,
        blog = blog(s),
        purl = post_url(s),
    )
}

fn chicago(c: &Cited<'_>) -> String {
    let s = c.source;
    let purl = s
        .url
        .as_deref()
        .map(|u| format!(" {u}."))
        .unwrap_or_default();
    format!(
        "{WORK_NAME}. “{title}.” Infographic, data from {publisher}; dataset version {v}, \
         the figures as taken from the post on {vdate}. {url}.\n\n\
         {publisher}. “{ptitle}.” {blog} (blog), {pdate}.{purl}",
        title = chart_title(c.chart),
        publisher = s.publisher,
        v = c.version,
        vdate = chicago_date(c.version),
        url = c.url,
        ptitle = s.title,
        blog = blog(s),
        pdate = chicago_date(&s.date),
    )
}

/// Text for a BibTeX field in braces: the characters TeX treats specially are escaped, and
/// braces the text holds are dropped so a field can never end early.
fn bib_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '{' | '}' => {}
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(ch),
        }
    }
    out
}

/// An address for a `url` field: `url` and `hyperref` take it verbatim, so only a brace,
/// which would end the field, is refused (left out).
fn bib_url(url: &str) -> String {
    url.chars().filter(|c| !matches!(c, '{' | '}')).collect()
}

/// A key from letters, digits and hyphens only.
fn bib_key(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| {
            p.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The BibTeX month macro and day of an ISO date, as field lines.
fn bib_date_fields(iso: &str) -> String {
    match parts(iso) {
        // BibTeX's month macros are the names' first three letters: jan, feb, … dec.
        Some((y, m, d)) => format!(
            "  year         = {{{y}}},\n  month        = {},\n  day          = {{{d}}},\n",
            m.get(..3).unwrap_or(m).to_ascii_lowercase()
        ),
        None => format!("  year         = {{{}}},\n", bib_text(iso)),
    }
}

fn bibtex(c: &Cited<'_>) -> String {
    let s = c.source;
    let post_key = bib_key(&["state", &year(&s.date), "coalition"]);
    let url_field = |url: Option<&str>| {
        url.map(|u| format!("  url          = {{{}}},\n", bib_url(u)))
            .unwrap_or_default()
    };
    format!(
        "@misc{{{key},\n\
         \x20 author       = {{{{{work}}}}},\n\
         \x20 title        = {{{title}}},\n\
         \x20 howpublished = {{Infographic, data from {publisher}}},\n\
         {vdate}\
         \x20 version      = {{{version}}},\n\
         {vurl}\
         \x20 note         = {{Figures from the {publisher}’s post of {plong} ({post_key}), as taken from it on {vlong} (dataset version {version})}}\n\
         }}\n\n\
         @misc{{{post_key},\n\
         \x20 author       = {{{{{publisher}}}}},\n\
         \x20 title        = {{{ptitle}}},\n\
         \x20 howpublished = {{{blog} (blog)}},\n\
         {pdate}\
         {purl}\
         \x20 note         = {{Blog post}}\n\
         }}",
        key = bib_key(&["coalition-infographic", c.chart.id(), c.version]),
        work = bib_text(WORK_NAME),
        title = bib_text(chart_title(c.chart)),
        publisher = bib_text(&s.publisher),
        vdate = bib_date_fields(c.version),
        version = bib_text(c.version),
        vurl = url_field(Some(c.url)),
        vlong = bib_text(&long_date(c.version)),
        ptitle = bib_text(&s.title),
        blog = bib_text(blog(s)),
        pdate = bib_date_fields(&s.date),
        plong = bib_text(&long_date(&s.date)),
        purl = url_field(s.url.as_deref()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Dataset, SOURCE_URL};

    const URL: &str = "https://example.org/coalition/v/2026-12-01/#funding";

    fn all(data: &Dataset, chart: ChartKind) -> Vec<String> {
        let cited = Cited {
            source: &data.source,
            chart,
            version: "2026-12-01",
            url: URL,
        };
        Style::ALL.iter().map(|&s| cite(&cited, s)).collect()
    }

    #[test]
    fn every_style_credits_both_works_with_addresses_dates_and_version() {
        let data = Dataset::embedded().expect("valid");
        for chart in ChartKind::ALL {
            for (text, style) in all(&data, chart).iter().zip(Style::ALL) {
                let name = style.name();
                assert!(text.contains(WORK_NAME), "{name}: the infographic");
                assert!(text.contains(URL), "{name}: the versioned link");
                assert!(text.contains(SOURCE_URL), "{name}: the post's address");
                assert!(text.contains("U.S. Department of State"), "{name}");
                assert!(
                    text.contains("Global Coalition Remains United in Fight to Defeat ISIS"),
                    "{name}: the post's title"
                );
                assert!(text.contains("DipNote"), "{name}: the blog");
                assert!(text.contains("2026-12-01"), "{name}: the version");
                let taken = match style {
                    Style::Apa => "taken from the post on 1 December 2026",
                    Style::Chicago => "taken from the post on December 1, 2026",
                    Style::Bibtex => "taken from it on 1 December 2026",
                };
                assert!(text.contains(taken), "{name}: when taken");
                assert!(!text.contains("Press release"), "{name}");
                let title = match style {
                    Style::Bibtex => bib_text(chart_title(chart)),
                    _ => chart_title(chart).to_string(),
                };
                assert!(text.contains(&title), "{name}: the chart");
            }
        }
    }

    #[test]
    fn dates_are_written_as_each_style_wants() {
        let data = Dataset::embedded().expect("valid");
        let [apa, chicago, bibtex] =
            <[String; 3]>::try_from(all(&data, ChartKind::Liberation)).expect("three styles");
        assert!(apa.starts_with("Coalition Infographic. (2026, December 1). Coalition operations"));
        assert!(apa.contains("U.S. Department of State. (2017, March 22). Global Coalition"));
        assert!(apa.contains("[Blog post]. DipNote. https://blogs.state.gov/"));
        assert!(chicago.contains("“Global Coalition Remains United in Fight to Defeat ISIS.” DipNote (blog), March 22, 2017."));
        assert!(chicago.contains("dataset version 2026-12-01, the figures as taken from the post on December 1, 2026. https://example.org/"));
        assert!(bibtex
            .contains("  year         = {2017},\n  month        = mar,\n  day          = {22},"));
        assert!(bibtex.starts_with("@misc{coalition-infographic-liberation-2026-12-01,"));
        assert!(bibtex.contains(
            "Figures from the U.S. Department of State’s post of 22 March 2017 (state-2017-coalition), as taken from it on 1 December 2026 (dataset version 2026-12-01)"
        ));
        assert!(bibtex.contains("author       = {{U.S. Department of State}}"));
        // The headline's attribution is dropped, the percent signs escaped.
        assert!(bibtex.contains("liberated 62\\% of the territories"));
        assert!(!apa.contains("the State Department says"));
    }

    #[test]
    fn bibtex_fields_cannot_be_broken_by_the_text() {
        assert_eq!(bib_text("a} b{ \\c"), "a b c");
        assert_eq!(bib_text("$2 & 30% #1 a_b"), "\\$2 \\& 30\\% \\#1 a\\_b");
        assert_eq!(bib_url("https://x.org/{a}"), "https://x.org/a");
        assert_eq!(bib_key(&["a b", "c/d", "2026-12-01"]), "ab-cd-2026-12-01");
        let mut data = Dataset::embedded().expect("valid");
        data.source.title = "Evil} title {".into();
        let text = all(&data, ChartKind::Funding).remove(2);
        let opens = text.matches('{').count();
        let closes = text.matches('}').count();
        assert_eq!(opens, closes, "balanced braces:\n{text}");
    }

    #[test]
    fn a_date_that_is_not_iso_is_kept_as_given() {
        assert_eq!(apa_date("2017-03-22"), "2017, March 22");
        assert_eq!(chicago_date("2017-03-22"), "March 22, 2017");
        assert_eq!(apa_date("spring 2017"), "spring 2017");
        assert_eq!(year("2017-13-40"), "2017-13-40");
    }
}
