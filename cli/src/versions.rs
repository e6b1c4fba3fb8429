//! Dated versions of the dataset, so a cited link keeps showing what was cited.
//!
//! `data/versions.json` lists every version, newest first, each with the SHA-256 of its
//! dataset file and what it changed; the newest is `data/coalition-2017.json`, and every
//! older one is kept as it was in `data/versions/VERSION.json`. The build writes each
//! version's own static page, pictures and downloads under `v/VERSION/`, which never change
//! once written; an older version's page says that a newer one exists and links to it.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use coalition_infographic::i18n::{fill, Lang};

use crate::picture::{self, PictureError};
use crate::previews::BaseUrl;
use crate::site::{chart_table_html, credit_html, escape_html, key_figures_html, source_html};
use coalition_infographic::charts::{ChartSpec, Theme};
use coalition_infographic::citation::{self, Cited, Style};
use coalition_infographic::data::{DataError, Dataset, EMBEDDED_JSON};
use coalition_infographic::describe::chart_summary;
use coalition_infographic::export;
use coalition_infographic::view::{ChartKind, View};
use coalition_infographic::written::Date;

/// The list of versions, newest first.
pub const VERSIONS_JSON: &str = include_str!("../../data/versions.json");

/// Every older version's dataset file, exactly as it was: `(version, JSON)`.
const ARCHIVED: &[(&str, &str)] = &[(
    "2026-11-29",
    include_str!("../../data/versions/2026-11-29.json"),
)];

/// The width the versioned pages' pictures are drawn at, in CSS pixels.
const PICTURE_WIDTH: u32 = 960;
/// The width of their drawings for phones.
const NARROW_WIDTH: u32 = 360;

/// Why the versions could not be read or written.
#[derive(Debug, Error)]
pub enum VersionError {
    /// `data/versions.json` is not the expected shape.
    #[error("the list of versions is not valid: {0}")]
    Syntax(String),
    /// A version is not an ISO date, or not in order.
    #[error("version '{0}': {1}")]
    Invalid(String, &'static str),
    /// An older version has no dataset file, or a file has no version.
    #[error("version '{0}' has no dataset file in data/versions/")]
    NoDataset(String),
    /// A version's dataset does not load.
    #[error("the dataset of version '{version}' does not load: {source}")]
    Data {
        /// The version.
        version: String,
        /// Why.
        source: DataError,
    },
    /// A picture could not be drawn.
    #[error("a picture of version '{version}' could not be drawn: {source}")]
    Picture {
        /// The version.
        version: String,
        /// Why.
        source: PictureError,
    },
}

/// One version of the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    /// Its name, an ISO date: the day its figures were last taken from the post.
    pub version: String,
    /// SHA-256 of its dataset file, in hex; the tests check it, so a changed file needs a
    /// new version.
    pub sha256: String,
    /// What it changed from the version before, a sentence each.
    pub changes: Vec<String>,
}

/// Every version, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Changelog {
    /// Newest first; the first is the shipped dataset.
    pub versions: Vec<Version>,
}

impl Changelog {
    /// The shipped list.
    pub fn embedded() -> Result<Changelog, VersionError> {
        Changelog::from_json(VERSIONS_JSON)
    }

    /// Reads and checks a list: at least one version, each an ISO date with changes, newest
    /// first with no two alike.
    pub fn from_json(json: &str) -> Result<Changelog, VersionError> {
        let log: Changelog =
            serde_json::from_str(json).map_err(|e| VersionError::Syntax(e.to_string()))?;
        if log.versions.is_empty() {
            return Err(VersionError::Syntax("it lists no version".into()));
        }
        for (i, v) in log.versions.iter().enumerate() {
            let bad = |why| Err(VersionError::Invalid(v.version.clone(), why));
            if Date::from_iso(&v.version).is_none() {
                return bad("a version is named by its date, YYYY-MM-DD");
            }
            if v.changes.is_empty() || v.changes.iter().any(|c| c.trim().is_empty()) {
                return bad("every version says what it changed");
            }
            if v.sha256.len() != 64 || !v.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return bad("sha256 must be 64 hex digits");
            }
            // ISO dates sort as strings.
            if log
                .versions
                .get(i + 1)
                .is_some_and(|o| o.version >= v.version)
            {
                return bad("versions are listed newest first, each once");
            }
        }
        Ok(log)
    }

    /// The newest version, which the site's live pages show.
    pub fn current(&self) -> &Version {
        // `from_json` refuses an empty list, and the field is only set through it or by a
        // caller who keeps a version in it.
        &self.versions[0]
    }

    /// The dataset file of `version`: the shipped one for the newest, the archived copy for
    /// an older one.
    pub fn dataset_json(&self, version: &str) -> Option<&'static str> {
        if version == self.current().version {
            return Some(EMBEDDED_JSON);
        }
        ARCHIVED
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, json)| *json)
    }
}

/// A version's folder, relative to the site root: `v/2026-12-01/`.
pub fn version_path(version: &str) -> String {
    format!("v/{version}/")
}

/// The stable address of chart `kind` in `version`: its section of the version's page.
pub fn chart_url(base: &BaseUrl, version: &str, kind: ChartKind) -> String {
    base.join(&format!("{}#{}", version_path(version), kind.id()))
}

/// The citations of chart `kind` at `version`, in every style: `(style, text)`.
pub fn citations(
    data: &Dataset,
    version: &str,
    kind: ChartKind,
    base: &BaseUrl,
) -> Vec<(Style, String)> {
    let url = chart_url(base, version, kind);
    let cited = Cited {
        source: &data.source,
        chart: kind,
        version,
        url: &url,
    };
    Style::ALL
        .iter()
        .map(|&style| (style, citation::cite(&cited, style)))
        .collect()
}

/// One point of "Reuse this work": a few words in bold, a sentence, and links (addresses
/// relative to the site root).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReusePoint {
    /// What the point is about.
    pub title: &'static str,
    /// What may be done with it.
    pub text: &'static str,
    /// `(address, words)`.
    pub links: Vec<(String, String)>,
}

/// The licence of the charts and tables (`LICENSE-CHARTS.md`): the licence's own deed.
pub const CHARTS_LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// "Reuse this work" for `version` in `lang`: the post's public-domain status, the
/// licences, and the version's data files. The live page shows it from its language's
/// words (`words/LANG.json`); each version's page has it in English.
pub fn reuse(version: &str, lang: Lang) -> Vec<ReusePoint> {
    let dir = version_path(version);
    let words = lang.page();
    let mut data = vec![(
        format!("{dir}{}.json", export::FILE_STEM),
        words.reuse_all_json.to_string(),
    )];
    for kind in ChartKind::ALL {
        data.push((
            format!("{dir}{}", export::file_name(kind, "csv")),
            fill(
                words.reuse_csv,
                &[&lang.words().spec(kind).tab.to_lowercase()],
            ),
        ));
    }
    data.push(("source/".to_string(), words.reuse_source.to_string()));
    vec![
        ReusePoint {
            title: words.reuse_post_title,
            text: words.reuse_post,
            links: Vec::new(),
        },
        ReusePoint {
            title: words.reuse_code_title,
            text: words.reuse_code,
            links: Vec::new(),
        },
        ReusePoint {
            title: words.reuse_charts_title,
            text: words.reuse_charts,
            links: vec![(CHARTS_LICENCE_URL.to_string(), "CC BY 4.0".to_string())],
        },
        ReusePoint {
            title: words.reuse_data_title,
            text: words.reuse_data,
            links: data,
        },
    ]
}

/// "Reuse this work" as a list; `prefix` leads from the page to the site root.
fn reuse_html(version: &str, prefix: &str) -> String {
    let mut out = String::from("<ul>\n");
    for point in reuse(version, Lang::En) {
        let links = point
            .links
            .iter()
            .map(|(href, text)| {
                // Site paths lead from the page to the root; a licence's address is whole.
                let prefix = if href.starts_with("https://") {
                    ""
                } else {
                    prefix
                };
                format!(
                    "<a href=\"{prefix}{}\">{}</a>",
                    escape_html(href),
                    escape_html(text)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "<li><strong>{}</strong> {} {links}</li>",
            escape_html(point.title),
            escape_html(point.text)
        );
    }
    out.push_str("</ul>");
    out
}

/// The live page's citation file, `cite.json`: the current version, and each chart's
/// citations by style id (`{"version": …, "charts": {"funding": {"apa": …}}}`). The page
/// reads it when the reader opens "Cite this", so the text costs the first paint nothing.
pub fn citations_json(data: &Dataset, log: &Changelog, base: &BaseUrl) -> String {
    let version = &log.current().version;
    let mut charts = serde_json::Map::new();
    for kind in ChartKind::ALL {
        let styles = citations(data, version, kind, base)
            .into_iter()
            .map(|(style, text)| (style.id().to_string(), text.into()))
            .collect::<serde_json::Map<_, _>>();
        charts.insert(kind.id().to_string(), styles.into());
    }
    serde_json::json!({
        "version": version,
        "url": base.join(&version_path(version)),
        "charts": charts,
        "reuse": reuse(version, Lang::En),
    })
    .to_string()
}

/// The changelog as a list, newest first, `this` version marked and each version linked
/// from `prefix` (the path from the page to the site root).
pub fn changelog_html(log: &Changelog, this: Option<&str>, prefix: &str) -> String {
    let mut out = String::from("<ol class=\"changelog\" reversed>\n");
    for v in &log.versions {
        let name = escape_html(&v.version);
        let date = Date::from_iso(&v.version).map_or_else(|| name.clone(), Date::words);
        let mark = if this == Some(v.version.as_str()) {
            " <strong>(this version)</strong>"
        } else if v.version == log.current().version {
            " <strong>(current)</strong>"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<li id=\"version-{name}\"><p><a href=\"{prefix}{path}\">Version {name}</a>, \
             <time datetime=\"{name}\">{date}</time>{mark}</p>\n<ul>",
            path = escape_html(&version_path(&v.version)),
        );
        for change in &v.changes {
            let _ = writeln!(out, "<li>{}</li>", escape_html(change));
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ol>");
    out
}

/// Every file of every version, `(path relative to the site root, bytes)`: each version's
/// page, its charts as SVG in both themes, its dataset as JSON and each chart's CSV.
pub fn site_files(log: &Changelog, base: &BaseUrl) -> Result<Vec<(String, Vec<u8>)>, VersionError> {
    let mut files = Vec::new();
    for v in &log.versions {
        let json = log
            .dataset_json(&v.version)
            .ok_or_else(|| VersionError::NoDataset(v.version.clone()))?;
        let data = Dataset::from_json(json).map_err(|source| VersionError::Data {
            version: v.version.clone(),
            source,
        })?;
        let dir = version_path(&v.version);
        let mut sizes = Vec::new();
        for kind in ChartKind::ALL {
            let view = View {
                chart: kind,
                ..View::default()
            };
            let failed = |source| VersionError::Picture {
                version: v.version.clone(),
                source,
            };
            let mut size = [(0, 0); 2];
            // A wide drawing, and a phone's, whose labels sit above the bars as on the page.
            for (i, (width, suffix)) in [(PICTURE_WIDTH, ""), (NARROW_WIDTH, "-narrow")]
                .into_iter()
                .enumerate()
            {
                let placed = picture::place(&data, &view, kind, width, None).map_err(failed)?;
                for (theme, dark) in [(Theme::LIGHT, ""), (Theme::DARK, "-dark")] {
                    let svg = picture::render_svg_placed(&data, &view, kind, theme, &placed)
                        .map_err(failed)?;
                    files.push((
                        format!("{dir}{}{suffix}{dark}.svg", kind.id()),
                        svg.into_bytes(),
                    ));
                }
                size[i] = placed.frame;
            }
            sizes.push(size);
            files.push((
                format!("{dir}{}", export::file_name(kind, "csv")),
                export::chart_csv(&data, kind).into_bytes(),
            ));
        }
        files.push((
            format!("{dir}{}.json", export::FILE_STEM),
            json.as_bytes().to_vec(),
        ));
        let page = version_page(log, v, &data, base, &sizes);
        files.push((format!("{dir}index.html"), page.into_bytes()));
    }
    files.push(("v/index.html".to_string(), versions_index(log).into_bytes()));
    Ok(files)
}

/// The opening of a page under `v/`, `prefix` leading back to the site root.
fn head(title: &str, description: &str, prefix: &str, canonical: Option<&str>) -> String {
    let canonical = canonical
        .map(|url| format!("<link rel=\"canonical\" href=\"{}\">\n", escape_html(url)))
        .unwrap_or_default();
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"color-scheme\" content=\"light dark\">\n\
<title>{title}</title>\n\
<meta name=\"description\" content=\"{description}\">\n{canonical}\
<link rel=\"icon\" href=\"{prefix}favicon.svg\" type=\"image/svg+xml\">\n\
<link rel=\"stylesheet\" href=\"{prefix}style.css\">\n\
<link rel=\"stylesheet\" href=\"{prefix}version.css\">\n\
</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n",
        title = escape_html(title),
        description = escape_html(description),
    )
}

/// `v/index.html`: every version, with what it changed.
fn versions_index(log: &Changelog) -> String {
    let mut out = head(
        "Versions of the figures · Coalition Infographic",
        "Every dated version of the Coalition Infographic's dataset, with what each corrected.",
        "../",
        None,
    );
    let _ = write!(
        out,
        "<header class=\"site-header\">\n  <div class=\"wrap\">\n\
    <p class=\"kicker\"><a href=\"../\">Coalition Infographic</a> · versions</p>\n\
    <h1>Versions of the figures</h1>\n\
    <p class=\"intro\">Each version has a page that keeps its figures as they were, for links that cite it. The newest is the one the infographic shows.</p>\n\
  </div>\n</header>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n\
<section aria-labelledby=\"changes-heading\">\n<h2 id=\"changes-heading\">What each version changed</h2>\n{}\n</section>\n</main>\n</body>\n</html>\n",
        changelog_html(log, None, "../")
    );
    out
}

/// The page of one version: its charts as pictures, its tables and other figures, how to
/// cite each chart at this version, its downloads and the changelog; for an older version,
/// first of all, that a newer one exists.
fn version_page(
    log: &Changelog,
    v: &Version,
    data: &Dataset,
    base: &BaseUrl,
    sizes: &[[(u32, u32); 2]],
) -> String {
    let name = escape_html(&v.version);
    let current = &log.current().version;
    let is_current = &v.version == current;
    let prefix = "../../";
    let mut out = head(
        &format!(
            "The Coalition against ISIS in figures, dataset version {} · Coalition Infographic",
            v.version
        ),
        &format!(
            "The U.S. Department of State’s figures from its DipNote post of 22 March 2017, as they were in version {} of this infographic’s dataset.",
            v.version
        ),
        prefix,
        Some(&base.join(&version_path(&v.version))),
    );
    let newer = if is_current {
        String::new()
    } else {
        format!(
            "<div class=\"newer-version\" id=\"newer-version\" role=\"note\">\n\
             <p><strong>A newer version exists.</strong> Version {cur} corrects the figures on this page; \
             this page keeps them as they were, for links that cite version {name}.</p>\n\
             <p><a href=\"{prefix}{cur_path}\">See version {cur}</a> · \
             <a href=\"{prefix}\">Open the current infographic</a> · \
             <a href=\"#changes\">What changed</a></p>\n</div>\n",
            cur = escape_html(current),
            cur_path = escape_html(&version_path(current)),
        )
    };
    let _ = write!(
        out,
        "<header class=\"site-header\">\n  <div class=\"wrap\">\n\
    <p class=\"kicker\"><a href=\"{prefix}\">Coalition Infographic</a> · dataset version {name}</p>\n\
    <h1>{site_title}</h1>\n\
    <p class=\"intro\">Version {name} of the dataset, kept as it was so that a link citing it shows what was cited. \
The charts are pictures of this version’s figures drawn by today’s chart code, so their notes and marks are today’s; the tables and lists below hold every figure of this version, with the post’s own words.</p>\n\
  </div>\n</header>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n{newer}",
        site_title = escape_html(Lang::En.page().site_title),
    );
    for (kind, [(w, h), (nw, nh)]) in ChartKind::ALL.iter().zip(sizes) {
        let id = kind.id();
        let spec = ChartSpec::of(*kind);
        let _ = write!(
            out,
            "<section class=\"version-chart\" id=\"{id}\" aria-labelledby=\"{id}-heading\">\n\
             <h2 class=\"visually-hidden\" id=\"{id}-heading\">{title}</h2>\n<figure>\n\
             <picture>\
             <source srcset=\"{id}-narrow-dark.svg\" width=\"{nw}\" height=\"{nh}\" media=\"(max-width: 40rem) and (prefers-color-scheme: dark)\">\
             <source srcset=\"{id}-narrow.svg\" width=\"{nw}\" height=\"{nh}\" media=\"(max-width: 40rem)\">\
             <source srcset=\"{id}-dark.svg\" media=\"(prefers-color-scheme: dark)\">\
             <img src=\"{id}.svg\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\"></picture>\n\
             <figcaption>{credit}</figcaption>\n</figure>\n\
             <div class=\"table-wrap\" role=\"region\" aria-labelledby=\"table-{id}-caption\" tabindex=\"0\">\n{table}\n</div>\n\
             <details class=\"version-cite\">\n<summary>Cite this chart (version {name})</summary>\n",
            title = escape_html(spec.title),
            alt = escape_html(&chart_summary(data, *kind)),
            credit = credit_html(&data.source),
            table = chart_table_html(data, *kind),
        );
        for (style, text) in citations(data, &v.version, *kind, base) {
            let _ = write!(
                out,
                "<h3>{}</h3>\n<pre class=\"citation\">{}</pre>\n",
                style.name(),
                escape_html(&text)
            );
        }
        out.push_str("</details>\n</section>\n");
    }
    let _ = write!(
        out,
        "<section aria-labelledby=\"other-heading\">\n<h2 id=\"other-heading\">More figures from the post</h2>\n{others}\n</section>\n\
         <section aria-labelledby=\"source-heading\">\n<h2 id=\"source-heading\">Source</h2>\n{source}\n</section>\n\
         <section aria-labelledby=\"downloads-heading\">\n<h2 id=\"downloads-heading\">This version’s data</h2>\n<ul>\n\
         <li><a href=\"{stem}.json\">All figures (JSON)</a>, the dataset file of version {name} as it was</li>\n",
        others = key_figures_html(data, Lang::En),
        source = source_html(&data.source, Lang::En),
        stem = export::FILE_STEM,
    );
    for kind in ChartKind::ALL {
        let _ = writeln!(
            out,
            "<li><a href=\"{file}\">{tab} (CSV)</a></li>",
            file = export::file_name(kind, "csv"),
            tab = escape_html(ChartSpec::of(kind).tab),
        );
    }
    let _ = write!(
        out,
        "</ul>\n</section>\n\
         <section id=\"reuse\" aria-labelledby=\"reuse-heading\">\n<h2 id=\"reuse-heading\">Reuse this work</h2>\n{reuse}\n</section>\n\
         <section id=\"changes\" aria-labelledby=\"changes-heading\">\n<h2 id=\"changes-heading\">Corrections to the data</h2>\n{log}\n</section>\n\
         </main>\n<footer class=\"site-footer\">\n  <div class=\"wrap\">\n\
         <p>Figures as the U.S. Department of State stated them, in version {name} of this infographic’s dataset. <a href=\"{prefix}v/\">Every version</a>.</p>\n\
         </div>\n</footer>\n</body>\n</html>\n",
        log = changelog_html(log, Some(&v.version), prefix),
        reuse = reuse_html(&v.version, prefix),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> BaseUrl {
        BaseUrl::parse("https://example.org/coalition/").expect("valid")
    }

    #[test]
    fn the_shipped_list_reads_and_every_version_has_its_dataset() {
        let log = Changelog::embedded().expect("valid");
        assert_eq!(
            log.dataset_json(&log.current().version),
            Some(EMBEDDED_JSON)
        );
        for v in &log.versions {
            let json = log.dataset_json(&v.version).expect("a dataset file");
            Dataset::from_json(json).expect("it loads");
        }
        // No archived file without its entry either.
        for (version, _) in ARCHIVED {
            assert!(log.versions.iter().skip(1).any(|v| v.version == *version));
        }
    }

    /// A changed dataset file needs a new version: its old version's link must keep showing
    /// what was cited.
    #[test]
    fn every_version_is_its_file_byte_for_byte() {
        use sha2::{Digest, Sha256};
        let log = Changelog::embedded().expect("valid");
        for v in &log.versions {
            let json = log.dataset_json(&v.version).expect("a dataset file");
            let digest: String = Sha256::digest(json.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(
                digest, v.sha256,
                "the dataset of version {} changed: add a new version to data/versions.json, \
                 with what changed, and keep the old file in data/versions/",
                v.version
            );
        }
    }

    #[test]
    fn a_bad_list_is_refused_with_the_reason() {
        let one = |v: &str, sha: &str, changes: &str| {
            format!("{{\"version\":\"{v}\",\"sha256\":\"{sha}\",\"changes\":[{changes}]}}")
        };
        let sha = "a".repeat(64);
        let list = |items: &[String]| format!("{{\"versions\":[{}]}}", items.join(","));
        let ok = one("2026-12-01", &sha, "\"x\"");
        assert!(Changelog::from_json(&list(std::slice::from_ref(&ok))).is_ok());
        let cases = [
            (list(&[]), "no version"),
            (list(&[one("December", &sha, "\"x\"")]), "YYYY-MM-DD"),
            (list(&[one("2026-12-01", &sha, "")]), "what it changed"),
            (list(&[one("2026-12-01", "abc", "\"x\"")]), "64 hex"),
            (
                list(&[one("2026-11-01", &sha, "\"x\""), ok.clone()]),
                "newest first",
            ),
            (list(&[ok.clone(), ok.clone()]), "newest first"),
        ];
        for (json, why) in cases {
            let err = Changelog::from_json(&json).expect_err(why).to_string();
            assert!(err.contains(why), "{err}");
        }
    }

    #[test]
    fn an_older_version_says_a_newer_one_exists_and_keeps_its_figures() {
        let log = Changelog::embedded().expect("valid");
        let files = site_files(&log, &base()).expect("written");
        let page = |v: &str| {
            let path = format!("v/{v}/index.html");
            let (_, bytes) = files.iter().find(|(p, _)| *p == path).expect("page");
            String::from_utf8(bytes.clone()).expect("utf-8")
        };
        let current = page(&log.current().version);
        assert!(!current.contains("newer-version"));
        assert!(current.contains("(this version)"));
        let old = &log.versions[1].version;
        let old_page = page(old);
        assert!(old_page.contains("<strong>A newer version exists.</strong> Version 2026-12-01"));
        assert!(old_page.contains("href=\"../../v/2026-12-01/\""));
        // The figures as they were: the derived difference version 2026-12-01 dropped.
        assert!(old_page.contains("id=\"figure-raqqa-not-returned\""));
        assert!(
            old_page.contains("People displaced in the Raqqa campaign who have not yet returned")
        );
        assert!(!current.contains("id=\"figure-raqqa-not-returned\""));
        // Each version's dataset file is shipped beside its page, byte for byte.
        let json = format!("v/{old}/coalition-2017.json");
        let (_, bytes) = files.iter().find(|(p, _)| *p == json).expect("json");
        assert_eq!(
            bytes.as_slice(),
            log.dataset_json(old).expect("file").as_bytes()
        );
        for kind in ChartKind::ALL {
            for name in [
                format!("{}.svg", kind.id()),
                format!("{}-dark.svg", kind.id()),
            ] {
                assert!(files.iter().any(|(p, _)| *p == format!("v/{old}/{name}")));
            }
            assert!(old_page.contains(&format!(
                "<section class=\"version-chart\" id=\"{}\"",
                kind.id()
            )));
        }
    }

    #[test]
    fn citations_name_the_versioned_link_of_the_chart() {
        let data = Dataset::embedded().expect("valid");
        let log = Changelog::embedded().expect("valid");
        let json: serde_json::Value =
            serde_json::from_str(&citations_json(&data, &log, &base())).expect("json");
        let v = &log.current().version;
        assert_eq!(json["version"], v.as_str());
        let reuse = json["reuse"].as_array().expect("reuse points");
        let text = json["reuse"].to_string();
        assert!(text.contains("public domain") && text.contains("MIT licence"));
        assert!(
            text.contains("Creative Commons Attribution 4.0") && text.contains(CHARTS_LICENCE_URL)
        );
        let data = &reuse.last().expect("data")["links"];
        assert_eq!(data[0][0], format!("v/{v}/coalition-2017.json").as_str());
        for kind in ChartKind::ALL {
            for style in Style::ALL {
                let text = json["charts"][kind.id()][style.id()]
                    .as_str()
                    .expect("text");
                assert!(text.contains(&format!(
                    "https://example.org/coalition/v/{v}/#{}",
                    kind.id()
                )));
            }
        }
    }

    #[test]
    fn a_version_page_leads_to_its_files_and_to_the_licence_whole() {
        let html = reuse_html("2017-03-22", "../../");
        assert!(html.contains("href=\"../../v/2017-03-22/coalition-2017.json\""));
        assert!(html.contains(&format!("href=\"{CHARTS_LICENCE_URL}\"")));
        assert!(!html.contains("../../https:"));
    }

    #[test]
    fn the_page_links_to_the_current_version() {
        use crate::site::{Head, Page, Site, Template};
        let log = Changelog::embedded().expect("valid");
        let data = Dataset::embedded().expect("valid");
        let template = include_str!("../../www/index.html");
        let site = Site {
            data: &data,
            version_page: version_path(&log.current().version),
            drawings: Vec::new(),
            icon: None,
        };
        let page = Template::parse(template)
            .expect("parses")
            .render(&site, &Page::front(Head::site()))
            .expect("filled");
        assert!(page.contains(&format!("href=\"v/{}/\"", log.current().version)));
        assert!(!page.contains("<!-- version:"));
        assert!(Template::parse(&template.replace("<!-- generated:version-page -->", "")).is_err());
    }

    /// The README's example citations are the build's, for a site at example.org.
    #[test]
    fn the_readme_cites_as_the_build_does() {
        let readme = include_str!("../../README.md");
        let data = Dataset::embedded().expect("valid");
        let log = Changelog::embedded().expect("valid");
        for (style, text) in citations(&data, &log.current().version, ChartKind::Funding, &base()) {
            assert!(
                readme.contains(&text),
                "README's {} citation:\n{text}",
                style.name()
            );
        }
    }

    #[test]
    fn markup_in_a_change_is_text() {
        let mut log = Changelog::embedded().expect("valid");
        log.versions[0].changes = vec!["<script>alert(1)</script>".into()];
        let html = changelog_html(&log, None, "");
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }
}
