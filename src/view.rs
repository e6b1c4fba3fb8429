//! The view state: everything that decides what a reader sees, and its URL form.
//!
//! The query string is the share link, so parsing is total: unknown keys are ignored and a
//! bad value falls back to its default with a warning, never an error.

use std::fmt;

pub use crate::chart_kind::ChartKind;
pub use crate::lang::Lang;

/// How the funding axis maps amounts to length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScaleKind {
    /// Length proportional to the amount; the honest default for comparing sizes.
    #[default]
    Linear,
    /// Length proportional to the logarithm, so the smallest amounts stay readable.
    Log,
}

impl ScaleKind {
    /// Stable id used in URLs.
    pub fn id(self) -> &'static str {
        match self {
            ScaleKind::Linear => "linear",
            ScaleKind::Log => "log",
        }
    }

    /// The scale with this id.
    pub fn from_id(id: &str) -> Option<ScaleKind> {
        [ScaleKind::Linear, ScaleKind::Log]
            .into_iter()
            .find(|k| k.id() == id)
    }
}

/// Whether a chart is shown as a drawing or as its data table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Display {
    /// The drawing (its table stays in the page below it).
    #[default]
    Chart,
    /// The table alone.
    Table,
}

impl Display {
    /// Stable id used in URLs.
    pub fn id(self) -> &'static str {
        match self {
            Display::Chart => "chart",
            Display::Table => "table",
        }
    }

    /// The display with this id.
    pub fn from_id(id: &str) -> Option<Display> {
        [Display::Chart, Display::Table]
            .into_iter()
            .find(|k| k.id() == id)
    }
}

/// Colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Follows the reader's system setting (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Light, whatever the system says.
    Light,
    /// Dark, whatever the system says.
    Dark,
}

impl ThemeChoice {
    /// Stable id used in URLs.
    pub fn id(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    /// The choice with this id.
    pub fn from_id(id: &str) -> Option<ThemeChoice> {
        [ThemeChoice::Auto, ThemeChoice::Light, ThemeChoice::Dark]
            .into_iter()
            .find(|k| k.id() == id)
    }
}

/// Longest figure id accepted in `focus=`; ids in datasets are at most this long.
const MAX_ID_LEN: usize = 64;

/// A figure's id as a view names it: 1 to 64 of a-z, 0-9 and '-', so it needs no escaping
/// in a link. Whether the dataset has it is the chart's to check: the view does not know it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FigureId(String);

impl FigureId {
    /// What a figure id may be spelled with, for messages.
    pub const ALLOWED: &'static str = "a figure id (a-z, 0-9 and '-')";

    /// `id` as a figure id, or `None` if it is not spelled as one.
    pub fn parse(id: &str) -> Option<FigureId> {
        let spelled = !id.is_empty()
            && id.len() <= MAX_ID_LEN
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        spelled.then(|| FigureId(id.to_string()))
    }
}

impl std::ops::Deref for FigureId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FigureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The whole view; its default writes as an empty query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct View {
    /// The chart in front.
    pub chart: ChartKind,
    /// The funding chart's scale.
    pub scale: ScaleKind,
    /// Drawing or table.
    pub display: Display,
    /// Colour scheme.
    pub theme: ThemeChoice,
    /// Figure id with focus (its tooltip open), if any. Checked against the data by the
    /// chart, not here: the view does not know the dataset.
    pub focus: Option<FigureId>,
    /// Shown inside another page: one chart, no page chrome.
    pub embed: bool,
    /// The chart leaves out its own title and subtitle, for a host page that sets its own
    /// headline (`notitle=1`); its source line stays.
    pub notitle: bool,
    /// Address of a dataset to show instead of the release's (`data=`); the page accepts
    /// only addresses on its own site.
    pub data: Option<String>,
    /// The language the charts speak (`lang=en|fr|ar`); Arabic mirrors them.
    pub lang: Lang,
}

/// Longest `data=` address kept; longer ones are refused rather than cut.
const MAX_DATA_URL: usize = 2000;

/// A query parameter that was recognised but not understood, and so left at its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWarning {
    /// The parameter name.
    pub key: String,
    /// The value as received (decoded, shortened if very long).
    pub value: String,
    /// What is allowed.
    pub allowed: &'static str,
}

impl fmt::Display for QueryWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ignored {}={}: allowed values are {}",
            self.key,
            crate::format::quoted(&self.value),
            self.allowed
        )
    }
}

/// Why a view parameter's value was not taken: what the parameter allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    /// What is allowed, as a list of values ("linear, log") or in words.
    pub allowed: &'static str,
    /// Whether `allowed` lists the values, rather than describing them.
    pub listed: bool,
}

impl Refused {
    const fn list(allowed: &'static str) -> Refused {
        Refused {
            allowed,
            listed: true,
        }
    }

    const fn words(allowed: &'static str) -> Refused {
        Refused {
            allowed,
            listed: false,
        }
    }

    /// What the value is not, for a message: "one of linear, log", or "a figure id (…)".
    pub fn expected(&self) -> String {
        if self.listed {
            format!("one of {}", self.allowed)
        } else {
            self.allowed.to_string()
        }
    }
}

impl View {
    /// Sets parameter `key` to `value`, as the address, the page's view object and the mount
    /// options all spell it: the one reader of a view's parameters. A value it cannot use
    /// leaves the view as it was and says what is allowed; a key that is not a view
    /// parameter changes nothing and is `Ok(false)`.
    pub fn set(&mut self, key: &str, value: &str) -> Result<bool, Refused> {
        let flag = |value: &str| match value {
            "1" | "true" => Ok(true),
            "0" | "false" => Ok(false),
            _ => Err(Refused::list("1, 0")),
        };
        match key {
            "chart" => {
                self.chart = ChartKind::from_id(value)
                    .ok_or(Refused::list("funding, liberation, returns"))?;
            }
            "scale" => {
                self.scale = ScaleKind::from_id(value).ok_or(Refused::list("linear, log"))?;
            }
            "display" => {
                self.display = Display::from_id(value).ok_or(Refused::list("chart, table"))?;
            }
            "theme" => {
                self.theme =
                    ThemeChoice::from_id(value).ok_or(Refused::list("auto, light, dark"))?;
            }
            "focus" => {
                self.focus = Some(FigureId::parse(value).ok_or(Refused::words(FigureId::ALLOWED))?);
            }
            "data" => {
                if value.is_empty()
                    || value.len() > MAX_DATA_URL
                    || value.chars().any(char::is_control)
                {
                    return Err(Refused::words("an address of at most 2000 characters"));
                }
                self.data = Some(value.to_string());
            }
            "embed" => self.embed = flag(value)?,
            "notitle" => self.notitle = flag(value)?,
            "lang" => {
                self.lang = Lang::from_id(value).ok_or(Refused::list("en, fr, ar"))?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Reads a query string (with or without the leading `?`). Never fails: what it cannot
    /// use is reported in the warnings and left at its default. A `focus` without a `chart`
    /// opens the chart that shows that figure.
    pub fn from_query(query: &str) -> (View, Vec<QueryWarning>) {
        let mut view = View::default();
        let mut warnings = Vec::new();
        let mut chart_named = false;
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (key, value) = (decode(key), decode(value));
            match view.set(&key, &value) {
                Ok(set) => chart_named |= set && key == "chart",
                Err(refused) => warnings.push(QueryWarning {
                    value: value.chars().take(80).collect(),
                    key,
                    allowed: refused.allowed,
                }),
            }
        }
        if !chart_named {
            view.open_focus_chart();
        }
        (view, warnings)
    }

    /// Shows the chart that holds the figure in focus, if one does: what a view that names a
    /// figure and no chart means.
    pub fn open_focus_chart(&mut self) {
        if let Some(chart) = self.focus.as_deref().and_then(ChartKind::holding) {
            self.chart = chart;
        }
    }

    /// Writes the view as a query string without the `?`, naming only what differs from the
    /// default so links stay short and keep working if defaults improve.
    pub fn to_query(&self) -> String {
        let default = View::default();
        let mut out = String::new();
        let mut put = |key: &str, value: &str| {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(key);
            out.push('=');
            out.push_str(value);
        };
        if self.chart != self.implied_chart() {
            put("chart", self.chart.id());
        }
        if self.scale != default.scale {
            put("scale", self.scale.id());
        }
        if self.display != default.display {
            put("display", self.display.id());
        }
        if self.theme != default.theme {
            put("theme", self.theme.id());
        }
        if let Some(focus) = &self.focus {
            // Ids are restricted to a-z, 0-9 and '-', so they need no escaping.
            put("focus", focus);
        }
        if self.embed {
            put("embed", "1");
        }
        if self.notitle {
            put("notitle", "1");
        }
        if let Some(data) = &self.data {
            put("data", &encode(data));
        }
        if self.lang != default.lang {
            put("lang", self.lang.id());
        }
        out
    }

    /// The chart a query names without `chart=`: the one holding the figure in focus, else
    /// the default. A focus alone names its own chart; another chart must then be named.
    pub fn implied_chart(&self) -> ChartKind {
        self.focus
            .as_deref()
            .and_then(ChartKind::holding)
            .unwrap_or_default()
    }
}

/// Percent-decoding for query components; `+` is a space. Invalid escapes are kept as they
/// are, and a component whose bytes are no UTF-8 is kept undecoded, rather than rejected:
/// the value is only compared, never run.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    // Undecoded, such a component still reads as what was written in any message that names
    // it; lossy decoding would cost the viewer a kilobyte for no reader.
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The keys a query names (decoded), in order, whatever their values.
pub fn query_keys(query: &str) -> Vec<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| decode(pair.split_once('=').map_or(pair, |(key, _)| key)))
        .collect()
}

/// Percent-encodes everything but unreserved characters and `/`, so an address reads well
/// in the query and decodes back exactly.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_reader_sets_each_parameter_or_says_what_it_allows() {
        let mut view = View::default();
        assert_eq!(view.set("scale", "log"), Ok(true));
        assert_eq!(view.set("chart", "returns"), Ok(true));
        assert_eq!(view.set("embed", "true"), Ok(true));
        assert_eq!(view.set("colour", "red"), Ok(false), "not a view parameter");
        let before = view.clone();
        let refused = view.set("theme", "sepia").expect_err("refused");
        assert_eq!(refused.expected(), "one of auto, light, dark");
        let refused = view.set("focus", "Iraq").expect_err("refused");
        assert_eq!(refused.expected(), FigureId::ALLOWED);
        assert_eq!(
            view.set("data", ""),
            Err(Refused::words("an address of at most 2000 characters"))
        );
        assert_eq!(view, before, "a refused value changes nothing");
        // The address reads the same parameters the same way.
        let (parsed, warnings) =
            View::from_query("scale=log&chart=returns&embed=true&colour=red&theme=sepia");
        assert_eq!(parsed, before);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].allowed, "auto, light, dark");
        for key in [
            "chart", "scale", "display", "theme", "focus", "embed", "notitle", "data", "lang",
        ] {
            assert!(
                View::default().set(key, "\u{0}").is_err(),
                "{key} refuses a control character"
            );
        }
    }

    #[test]
    fn figure_ids_are_spelled_for_links() {
        assert_eq!(
            FigureId::parse("iraq-liberated").as_deref(),
            Some("iraq-liberated")
        );
        assert_eq!(
            FigureId::parse(&"a".repeat(64)).map(|id| id.len()),
            Some(64)
        );
        for bad in [
            "",
            "Iraq",
            "iraq_liberated",
            "iraq liberated",
            "é",
            &"a".repeat(65),
        ] {
            assert_eq!(FigureId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn round_trips_every_view() {
        for chart in ChartKind::ALL {
            for scale in [ScaleKind::Linear, ScaleKind::Log] {
                for display in [Display::Chart, Display::Table] {
                    for theme in [ThemeChoice::Auto, ThemeChoice::Light, ThemeChoice::Dark] {
                        for focus in [
                            None,
                            Some("funding-provided".to_string()),
                            Some("iraq-liberated".to_string()),
                            Some("not-in-any-chart".to_string()),
                        ] {
                            for embed in [false, true] {
                                let data =
                                    embed.then(|| "/data/my figures.json?v=1&x=é".to_string());
                                let view = View {
                                    chart,
                                    scale,
                                    display,
                                    theme,
                                    focus: focus.as_deref().and_then(FigureId::parse),
                                    embed,
                                    notitle: embed && theme == ThemeChoice::Dark,
                                    data,
                                    lang: match (embed, theme) {
                                        (true, _) => Lang::Ar,
                                        (false, ThemeChoice::Light) => Lang::Fr,
                                        _ => Lang::En,
                                    },
                                };
                                let (back, warnings) = View::from_query(&view.to_query());
                                assert_eq!(back, view);
                                assert!(warnings.is_empty());
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn default_view_is_an_empty_query() {
        assert_eq!(View::default().to_query(), "");
    }

    #[test]
    fn focus_must_look_like_an_id() {
        let (view, warnings) = View::from_query("focus=%3Cimg%20src%3Dx%3E&theme=dark");
        assert_eq!(view.focus, None);
        assert_eq!(view.theme, ThemeChoice::Dark);
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            View::from_query("focus=iraq-liberated").0.focus.as_deref(),
            Some("iraq-liberated")
        );
    }

    #[test]
    fn a_focus_opens_the_chart_that_shows_it() {
        let (view, warnings) = View::from_query("focus=iraq-liberated");
        assert_eq!(view.chart, ChartKind::Liberation);
        assert!(warnings.is_empty());
        assert_eq!(
            View::from_query("focus=raqqa-returned&theme=dark").0.chart,
            ChartKind::Returns
        );
        // A chart named in the link wins, wherever it stands.
        assert_eq!(
            View::from_query("focus=iraq-liberated&chart=returns")
                .0
                .chart,
            ChartKind::Returns
        );
        assert_eq!(
            View::from_query("chart=funding&focus=iraq-liberated")
                .0
                .chart,
            ChartKind::Funding
        );
        // A figure no chart shows, or a bad chart, leaves the default.
        assert_eq!(
            View::from_query("focus=isf-trained").0.chart,
            ChartKind::Funding
        );
        assert_eq!(
            View::from_query("chart=pie&focus=iraq-liberated").0.chart,
            ChartKind::Liberation
        );
        // Written back, the chart is left out where the focus names it.
        assert_eq!(view.to_query(), "focus=iraq-liberated");
        assert_eq!(
            ChartKind::holding("funding-expected"),
            Some(ChartKind::Funding)
        );
        assert_eq!(ChartKind::holding("coalition-members"), None);
    }

    #[test]
    fn notitle_is_a_flag() {
        assert!(View::from_query("notitle=1").0.notitle);
        assert!(View::from_query("notitle=true&embed=1").0.notitle);
        assert!(!View::from_query("notitle=1&notitle=0").0.notitle);
        let (view, warnings) = View::from_query("notitle=yes");
        assert!(!view.notitle);
        assert_eq!(warnings[0].key, "notitle");
    }

    #[test]
    fn bad_values_fall_back_with_a_warning() {
        let (view, warnings) = View::from_query("?chart=bogus&scale=log&utm_source=x");
        assert_eq!(view.chart, ChartKind::Funding);
        assert_eq!(view.scale, ScaleKind::Log);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].key, "chart");
        assert!(warnings[0]
            .to_string()
            .contains("funding, liberation, returns"));
    }

    #[test]
    fn a_long_or_controlling_data_address_is_refused_and_quoted_short() {
        let at_limit = format!("/{}", "a".repeat(MAX_DATA_URL - 1));
        let (view, warnings) = View::from_query(&format!("data={at_limit}"));
        assert_eq!(view.data, Some(at_limit));
        assert!(warnings.is_empty());
        for bad in [
            format!("/CALL-1-555-0100-{}", "A".repeat(200_000)),
            format!("/{}", "a".repeat(MAX_DATA_URL)),
            "/x.json%1b]0;title%07".to_string(),
            "/x.json%0d%0aSECURITY%20ALERT".to_string(),
        ] {
            let (view, warnings) = View::from_query(&format!("chart=returns&data={bad}"));
            assert_eq!(view.data, None, "{bad:.40}");
            assert_eq!(
                view.chart,
                ChartKind::Returns,
                "the rest of the view is kept"
            );
            assert_eq!(warnings.len(), 1);
            assert_eq!(warnings[0].key, "data");
            assert!(warnings[0].value.chars().count() <= 80);
            assert!(warnings[0].to_string().len() < 200, "{}", warnings[0]);
        }
    }

    #[test]
    fn decodes_percent_escapes_and_survives_broken_ones() {
        assert_eq!(
            View::from_query("chart=liber%61tion").0.chart,
            ChartKind::Liberation
        );
        for q in [
            "%",
            "chart=%",
            "chart=%4",
            "%zz=%ff%fe",
            "&&==&",
            "chart=returns%",
        ] {
            let _ = View::from_query(q);
        }
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("a+b%20c"), "a b c");
        assert_eq!(decode("%C3%A9"), "é");
        assert_eq!(decode("a%ff%fe"), "a%ff%fe");
    }
}
