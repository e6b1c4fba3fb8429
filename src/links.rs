//! Every address that names a view: the link a reader shares, the embed page's address, and
//! the code a host page pastes. One place writes them, for the page (through the viewer's
//! `shareUrl`, `embedUrl` and `embedSnippet`) and for the tests.
//!
//! `root` is always the site's folder address, absolute and ending in `/` (the page finds it
//! from its own location); a chart's own page is `<root><chart>/`, and in another language
//! than English `<root><lang>/<chart>/`, whose page is written in that language, so a link
//! in French opens the French page and shows the French preview.

use crate::lang::Lang;

use crate::html::escape_html;
use crate::view::{encode, query_keys, ChartKind, View};

/// The address to share for `view`. With chart pages it is the chart's own page, whose link
/// preview shows that chart, with the rest of the view as its query; without them, the site's
/// page with the whole view. Neither `embed` nor `notitle` is shared: the link is for people,
/// not frames.
pub fn share_url(view: &View, root: &str, chart_pages: bool) -> String {
    let people = View {
        embed: false,
        notitle: false,
        ..view.clone()
    };
    if chart_pages {
        // The language and the chart are in the path, so the query leaves them out.
        let address = format!("{root}{}{}/", view.lang.folder(), view.chart.id());
        let people = View {
            lang: Lang::En,
            ..people
        };
        return with_query(address, &query_without_chart(people));
    }
    with_query(root.to_string(), &people.to_query())
}

/// The address of the embeddable view: the site's page with the chart named first, the rest
/// of the view, `embed=1`, and `notitle=1` for a host that sets its own headline.
pub fn embed_url(view: &View, root: &str, notitle: bool) -> String {
    let rest = query_without_chart(View {
        embed: false,
        notitle: false,
        lang: Lang::En,
        ..view.clone()
    });
    let mut address = format!("{root}{}?chart={}", view.lang.folder(), view.chart.id());
    for part in [
        rest.as_str(),
        "embed=1",
        if notitle { "notitle=1" } else { "" },
    ] {
        if !part.is_empty() {
            address.push('&');
            address.push_str(part);
        }
    }
    address
}

/// The code a host page pastes: the frame, at `height` CSS pixels until `script` (the site's
/// `embed.js`) fits it to the chart, and that script.
pub fn embed_snippet(src: &str, title: &str, height: u32, script: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" data-coalition-infographic \
         width=\"100%\" height=\"{height}\" style=\"border:0\"></iframe>\n\
         <script src=\"{}\" async></script>",
        escape_html(src),
        escape_html(title),
        escape_html(script),
    )
}

/// The page's own address for `view`, as history keeps it: on a chart's own page
/// (`chart_page`), the page of the chart in view (`../<chart>/`, whose link preview shows
/// it) with the rest of the view; elsewhere `path` with the whole view. A frame's
/// `embed_id` (how its host tells frames apart) stays in the address, and `hash` is kept.
pub fn page_address(
    view: &View,
    chart_page: bool,
    path: &str,
    embed_id: &str,
    hash: &str,
) -> String {
    let (address, mut query) = if chart_page {
        (
            format!("../{}/", view.chart.id()),
            query_without_chart(view.clone()),
        )
    } else {
        (path.to_string(), view.to_query())
    };
    if view.embed && !embed_id.is_empty() {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str("embedId=");
        query.push_str(&encode(embed_id));
    }
    let mut address = with_query(address, &query);
    address.push_str(hash);
    address
}

/// The query an address stands for (`search` with or without its `?`). On a chart's own page
/// (`page_chart`) the folder `path` ends in names the chart, and comes first, so a valid
/// `chart=` after it wins and a bad or empty one leaves the page's own chart, as a bad value
/// always does; a folder that is no chart's is the page's chart. A figure named without a
/// chart names its own chart.
pub fn location_query(path: &str, search: &str, page_chart: Option<ChartKind>) -> String {
    let search = search.strip_prefix('?').unwrap_or(search);
    let Some(page_chart) = page_chart else {
        return search.to_string();
    };
    let keys = query_keys(search);
    if keys.iter().any(|k| k == "focus") && !keys.iter().any(|k| k == "chart") {
        return search.to_string();
    }
    // The last folder's name; read forwards, as every other split in the wasm is.
    let mut folder = None;
    for part in path.split('/') {
        if !part.is_empty() && part != "index.html" {
            folder = Some(part);
        }
    }
    let chart = folder.and_then(ChartKind::from_id).unwrap_or(page_chart);
    if search.is_empty() {
        format!("chart={}", chart.id())
    } else {
        format!("chart={}&{search}", chart.id())
    }
}

/// `view`'s query without `chart=`, for an address that names the chart another way (its
/// path, or a `chart=` of its own first): the chart becomes the one the query implies.
fn query_without_chart(mut view: View) -> String {
    view.chart = view.implied_chart();
    view.to_query()
}

fn with_query(mut address: String, query: &str) -> String {
    if !query.is_empty() {
        address.push('?');
        address.push_str(query);
    }
    address
}

/// Why a dataset at `address` is not shown on the page at `page`, or `None` when it may be:
/// only data on the page's own site (the same scheme, host and port) is fetched. Both are
/// addresses as the browser's URL parser wrote them (`URL.href`): the parser that then
/// fetches the address resolves it, so this rule and the fetch cannot read an odd address
/// (backslashes, tabs, `//host`) two ways. Anything without a `scheme://host` of its own
/// (`data:`, `blob:`, `javascript:`) is refused, and so is an address with a user name.
pub fn data_refusal(address: &str, page: &str) -> Option<&'static str> {
    // `scheme://authority` of an address the URL parser wrote, which writes the scheme and
    // host in lower case and leaves out a default port. Char patterns and prefixes only: no
    // string searcher in the module for this.
    fn origin(href: &str) -> Option<&str> {
        let colon = href.find(':')?;
        let rest = href.get(colon + 1..)?.strip_prefix("//")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = rest.get(..end)?;
        if colon == 0 || authority.is_empty() || authority.contains('@') {
            return None;
        }
        href.get(..colon + 3 + end)
    }
    match (origin(address), origin(page)) {
        (Some(a), Some(p)) if a.eq_ignore_ascii_case(p) => None,
        _ => Some("it is not on this site, and only data on this site can be shown"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{ChartKind, FigureId, ThemeChoice};

    const ROOT: &str = "https://example.org/coalition/";

    fn view(query: &str) -> View {
        View::from_query(query).0
    }

    #[test]
    fn a_shared_link_opens_the_charts_own_page_with_the_rest_of_the_view() {
        assert_eq!(
            share_url(&View::default(), ROOT, true),
            "https://example.org/coalition/funding/"
        );
        assert_eq!(
            share_url(
                &view("chart=returns&theme=dark&embed=1&notitle=1"),
                ROOT,
                true
            ),
            "https://example.org/coalition/returns/?theme=dark"
        );
        // The figure names its chart, which is in the path as well.
        let focused = View {
            focus: FigureId::parse("iraq-liberated"),
            ..view("chart=liberation")
        };
        assert_eq!(
            share_url(&focused, ROOT, true),
            "https://example.org/coalition/liberation/?focus=iraq-liberated"
        );
    }

    #[test]
    fn a_link_in_another_language_opens_that_language_s_page() {
        assert_eq!(
            share_url(&view("lang=ar&chart=returns&scale=log"), ROOT, true),
            "https://example.org/coalition/ar/returns/?scale=log"
        );
        assert_eq!(
            embed_url(&view("lang=fr&theme=dark"), ROOT, true),
            "https://example.org/coalition/fr/?chart=funding&theme=dark&embed=1&notitle=1"
        );
        // Without chart pages there are no language folders either: the language is asked.
        assert_eq!(
            share_url(&view("lang=fr"), ROOT, false),
            "https://example.org/coalition/?lang=fr"
        );
    }

    #[test]
    fn without_chart_pages_the_link_is_the_sites_page_with_the_whole_view() {
        assert_eq!(share_url(&View::default(), ROOT, false), ROOT);
        let v = View {
            chart: ChartKind::Returns,
            theme: ThemeChoice::Light,
            embed: true,
            ..View::default()
        };
        assert_eq!(
            share_url(&v, ROOT, false),
            "https://example.org/coalition/?chart=returns&theme=light"
        );
    }

    #[test]
    fn an_embed_address_names_its_chart_first_and_asks_for_the_frame() {
        assert_eq!(
            embed_url(&View::default(), ROOT, false),
            "https://example.org/coalition/?chart=funding&embed=1"
        );
        assert_eq!(
            embed_url(
                &view("chart=returns&scale=log&notitle=1&embed=1"),
                ROOT,
                true
            ),
            "https://example.org/coalition/?chart=returns&scale=log&embed=1&notitle=1"
        );
        // The reader's own view without a title is not what the host asked for.
        assert_eq!(
            embed_url(&view("notitle=1"), ROOT, false),
            "https://example.org/coalition/?chart=funding&embed=1"
        );
    }

    #[test]
    fn a_data_address_reads_well_and_comes_back_whole() {
        let v = view("data=/figures/my%20data.json%3Fv%3D1");
        let url = share_url(&v, ROOT, true);
        assert_eq!(
            url,
            "https://example.org/coalition/funding/?data=/figures/my%20data.json%3Fv%3D1"
        );
        let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
        assert_eq!(View::from_query(query).0.data, v.data);
    }

    #[test]
    fn a_chart_page_keeps_the_chart_in_view_in_its_path() {
        let v = view("chart=returns&theme=dark&embed=1");
        assert_eq!(
            page_address(&v, true, "/c/funding/", "frame 1", "#notes"),
            "../returns/?theme=dark&embed=1&embedId=frame%201#notes"
        );
        assert_eq!(
            page_address(&v, false, "/c/", "", ""),
            "/c/?chart=returns&theme=dark&embed=1"
        );
        assert_eq!(page_address(&View::default(), false, "/c/", "x", ""), "/c/");
    }

    #[test]
    fn a_chart_pages_folder_names_its_chart_unless_the_address_says_otherwise() {
        let returns = Some(ChartKind::Returns);
        assert_eq!(location_query("/c/returns/", "", returns), "chart=returns");
        assert_eq!(
            location_query("/c/returns/index.html", "?theme=dark", returns),
            "chart=returns&theme=dark"
        );
        // A valid chart after the folder's wins; a bad one leaves the folder's.
        let (v, _) = View::from_query(&location_query("/c/returns/", "?chart=funding", returns));
        assert_eq!(v.chart, ChartKind::Funding);
        let (v, _) = View::from_query(&location_query("/c/returns/", "?chart=RETURNS", returns));
        assert_eq!(v.chart, ChartKind::Returns);
        // A figure alone names its chart; a folder that is no chart's is the page's.
        assert_eq!(
            location_query("/c/returns/", "?focus=iraq-liberated", returns),
            "focus=iraq-liberated"
        );
        assert_eq!(
            location_query("/c/elsewhere/", "", returns),
            "chart=returns"
        );
        assert_eq!(location_query("/c/", "?scale=log", None), "scale=log");
    }

    #[test]
    fn the_snippet_escapes_what_it_is_given() {
        let code = embed_snippet(
            "https://example.org/?chart=funding&embed=1",
            "Funding <\"pledged\"> — Coalition Infographic",
            612,
            "https://example.org/embed.js",
        );
        assert_eq!(
            code,
            "<iframe src=\"https://example.org/?chart=funding&amp;embed=1\" \
             title=\"Funding &lt;&quot;pledged&quot;&gt; — Coalition Infographic\" \
             loading=\"lazy\" data-coalition-infographic width=\"100%\" height=\"612\" \
             style=\"border:0\"></iframe>\n\
             <script src=\"https://example.org/embed.js\" async></script>"
        );
    }

    #[test]
    fn only_data_on_the_pages_own_site_is_shown() {
        let page = "https://example.org/coalition/?data=x";
        for ok in [
            "https://example.org/data/figures.json",
            "https://EXAMPLE.org/coalition/figures.json?v=1",
            "https://example.org",
        ] {
            assert_eq!(data_refusal(ok, page), None, "{ok}");
        }
        for refused in [
            "http://example.org/data.json",
            "https://example.org:8443/data.json",
            "https://example.org.evil.test/data.json",
            "https://evil.test/example.org/data.json",
            "https://user@example.org/data.json",
            "data:application/json,{}",
            "blob:https://example.org/1234",
            "javascript:alert(1)",
            "",
        ] {
            assert!(data_refusal(refused, page).is_some(), "{refused}");
        }
        assert!(data_refusal("https://example.org/x", "about:blank").is_some());
    }
}
