//! The page template: `www/index.html` read once into text and slots, and rendered from a
//! [`Page`] value in one pass, so every page of the site is written once and never parsed
//! again.
//!
//! The template is HTML in which three kinds of comment are the build's; every other comment
//! is a note to the template's readers, left out of the pages, as is the indentation of its
//! lines.
//!
//! - `<!-- generated:NAME -->` is a slot, replaced by what the build writes there. A chart's
//!   slot names its chart (`<!-- generated:title:funding -->`), except inside a chart block,
//!   where it is the block's chart (`<!-- generated:title -->`). The names:
//!   - the dataset's words, once each: `dek`, `key-figures`, `source`; and for each chart
//!     `tab`, `title`, `caption`, `table-notes`, `table` and `summary` (the chart's figures in
//!     a sentence, escaped so that it may stand in an attribute, such as the canvas's
//!     `aria-label`);
//!   - the site's headline, once: `site-title` (the page's `<h1>` on every page);
//!   - `icon`, once: the site's icon (a `data:` address, or `favicon.svg` beside the page);
//!   - the page's language, once each: `lang`, `dir`, `languages` (the links to the same
//!     page in each language), `translation-note` (nothing in English), `here` (the page's
//!     folder from its language's);
//!   - the page's own, once each: `page-title`, `page-description`, `page-tags` (the link
//!     previews' tags, each on its line), `data-default-chart` (the attribute on a chart's own
//!     page, nothing on the front page); `version-page` (the current version's page, at least
//!     once); `root` (the path to the site root, before every link to the site's own files,
//!     any number of times);
//!   - a chart's state on this page, once per chart: `selected` (`true` or `false`), `tabindex`
//!     (`0` or `-1`), `hidden` (the attribute on every panel but the selected one), `drawing`
//!     (its build-time drawing); and `chart`, its id, any number of times.
//! - `<!-- for each chart -->` … `<!-- end for each chart -->` is written once per chart, in
//!   tab order ([`ChartKind::ALL`]); within it, `<!-- if chart is ID -->` … `<!-- end if -->`
//!   only for that chart. A line that holds only one of these is left out whole.
//!
//! [`Template::parse`] refuses a template that lacks a slot or repeats one, names one that does
//! not exist, or leaves a block open, so a mistake fails the build instead of a page.

use coalition_infographic::charts::ChartSpec;
use coalition_infographic::data::Dataset;
use coalition_infographic::view::ChartKind;

use super::{
    chart_caption_html, chart_table_html_at, dek_html, drawing_html, escape_html, key_figures_html,
    source_html, table_notes_html, DrawingSize, SiteError,
};
use coalition_infographic::i18n::page::PageWords;
use coalition_infographic::i18n::Lang;

/// Start of every slot; a comment that starts so and names no slot is an error.
pub(crate) const MARKER_PREFIX: &str = "<!-- generated:";

/// Start of every word of the page's language; one that names no word is an error.
pub(crate) const WORD_PREFIX: &str = "<!-- word:";

/// What the whole site shares, whichever page is written.
#[derive(Debug, Clone)]
pub struct Site<'a> {
    /// The dataset every figure comes from.
    pub data: &'a Dataset,
    /// The current version's page, from the site root (`v/2026-12-01/`).
    pub version_page: String,
    /// The size of each chart's build-time drawing in each language, wide and narrow, as
    /// `previews::drawings` draws it; a chart not listed shows its canvas alone.
    pub drawings: Vec<(Lang, ChartKind, DrawingSize)>,
    /// The site's icon (`favicon.svg`'s text), written into each page as a `data:` address,
    /// which saves every reader two requests (browsers ask for an icon again when the
    /// address changes); without it, pages link `favicon.svg`.
    pub icon: Option<String>,
}

/// One page of the site, as a value: which chart it opens, where it sits, and its head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The chart whose tab is selected, whose panel is shown and whose drawing is fetched
    /// first.
    pub selected: ChartKind,
    /// True on a chart's own page, whose `<body data-default-chart>` tells `www/main.js` the
    /// chart its address opens.
    pub chart_page: bool,
    /// The path from the page to the site root, put before every link to the site's own
    /// files: empty at the root, `../` one folder down.
    pub root: String,
    /// Its title, description and link-preview tags.
    pub head: Head,
    /// The language it is written in: `<html lang>`, its words and its charts'.
    pub lang: Lang,
}

impl Page {
    /// The front page in English: the default chart selected, at the site root.
    pub fn front(head: Head) -> Page {
        Page::front_in(head, Lang::En)
    }

    /// The front page in `lang`: at the site root in English, in the language's folder
    /// (`fr/`) otherwise.
    pub fn front_in(head: Head, lang: Lang) -> Page {
        Page {
            selected: ChartKind::default(),
            chart_page: false,
            root: "../".repeat(usize::from(lang != Lang::En)),
            head,
            lang,
        }
    }

    /// The page of chart `kind` in English, one folder down (`funding/`), with that chart
    /// selected.
    pub fn chart(kind: ChartKind, head: Head) -> Page {
        Page::chart_in(kind, head, Lang::En)
    }

    /// The page of chart `kind` in `lang`: `funding/`, or `fr/funding/`.
    pub fn chart_in(kind: ChartKind, head: Head, lang: Lang) -> Page {
        Page {
            selected: kind,
            chart_page: true,
            root: "../".repeat(1 + usize::from(lang != Lang::En)),
            head,
            lang,
        }
    }

    /// The page's folder from the site root without its language's: `` or `funding/`.
    pub fn here(&self) -> String {
        if self.chart_page {
            format!("{}/", self.selected.id())
        } else {
            String::new()
        }
    }
}

/// What a page's `<head>` says of it. The title and description are plain text, escaped when
/// written; the tags are HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The `<title>`.
    pub title: String,
    /// The `<meta name="description">`.
    pub description: String,
    /// Tags for the end of the head (canonical link, Open Graph, Twitter card, oEmbed
    /// discovery), each ending in a newline; empty for none.
    pub tags: String,
}

impl Head {
    /// The site's own title and description in English, and no tags.
    pub fn site() -> Head {
        Head::site_in(Lang::En)
    }

    /// The site's own title and description in `lang`, and no tags.
    pub fn site_in(lang: Lang) -> Head {
        Head {
            title: lang.page().site_title.to_string(),
            description: lang.page().site_description.to_string(),
            tags: String::new(),
        }
    }
}

/// A slot of the template, its chart resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Dek,
    KeyFigures,
    Source,
    SiteTitle,
    PageTitle,
    PageDescription,
    PageTags,
    DefaultChart,
    VersionPage,
    Root,
    Lang,
    Dir,
    Here,
    Languages,
    TranslationNote,
    Icon,
    /// The word of [`PageWords::NAMES`] at this index.
    Word(usize),
    Chart(ChartSlot, ChartKind),
}

/// A slot that belongs to one chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChartSlot {
    Tab,
    Title,
    Caption,
    TableNotes,
    Table,
    Summary,
    Drawing,
    Selected,
    Tabindex,
    Hidden,
    Id,
}

/// The page's slots by name.
const PAGE_SLOTS: [(&str, Slot); 16] = [
    ("dek", Slot::Dek),
    ("key-figures", Slot::KeyFigures),
    ("source", Slot::Source),
    ("site-title", Slot::SiteTitle),
    ("page-title", Slot::PageTitle),
    ("page-description", Slot::PageDescription),
    ("page-tags", Slot::PageTags),
    ("data-default-chart", Slot::DefaultChart),
    ("version-page", Slot::VersionPage),
    ("root", Slot::Root),
    ("lang", Slot::Lang),
    ("dir", Slot::Dir),
    ("here", Slot::Here),
    ("languages", Slot::Languages),
    ("translation-note", Slot::TranslationNote),
    ("icon", Slot::Icon),
];

/// A chart's slots by name.
const CHART_SLOTS: [(&str, ChartSlot); 11] = [
    ("tab", ChartSlot::Tab),
    ("title", ChartSlot::Title),
    ("caption", ChartSlot::Caption),
    ("table-notes", ChartSlot::TableNotes),
    ("table", ChartSlot::Table),
    ("summary", ChartSlot::Summary),
    ("drawing", ChartSlot::Drawing),
    ("selected", ChartSlot::Selected),
    ("tabindex", ChartSlot::Tabindex),
    ("hidden", ChartSlot::Hidden),
    ("chart", ChartSlot::Id),
];

impl Slot {
    /// The marker that names this slot outside a chart block.
    fn marker(self) -> String {
        let name = |slot| {
            PAGE_SLOTS
                .iter()
                .find(|(_, s)| *s == slot)
                .map_or("", |(n, _)| n)
        };
        match self {
            Slot::Chart(part, kind) => {
                let name = CHART_SLOTS
                    .iter()
                    .find(|(_, s)| *s == part)
                    .map_or("", |(n, _)| n);
                format!("{MARKER_PREFIX}{name}:{} -->", kind.id())
            }
            Slot::Word(i) => format!("{WORD_PREFIX}{} -->", PageWords::NAMES[i]),
            page => format!("{MARKER_PREFIX}{} -->", name(page)),
        }
    }

    /// How many times the template must hold it: `(at least, at most)`.
    fn times(self) -> (usize, usize) {
        match self {
            Slot::Root | Slot::Word(_) | Slot::Chart(ChartSlot::Id, _) => (0, usize::MAX),
            Slot::VersionPage => (1, usize::MAX),
            _ => (1, 1),
        }
    }
}

/// Every slot the template must hold, in the order a missing one is reported: the dataset's
/// words first, then the page's own.
fn required() -> Vec<Slot> {
    let mut slots = vec![Slot::KeyFigures, Slot::Source, Slot::Dek];
    let words = [
        ChartSlot::Tab,
        ChartSlot::Title,
        ChartSlot::Caption,
        ChartSlot::TableNotes,
        ChartSlot::Table,
        ChartSlot::Summary,
    ];
    let state = [
        ChartSlot::Drawing,
        ChartSlot::Selected,
        ChartSlot::Tabindex,
        ChartSlot::Hidden,
    ];
    for parts in [&words[..], &state[..]] {
        for kind in ChartKind::ALL {
            slots.extend(parts.iter().map(|&part| Slot::Chart(part, kind)));
        }
    }
    slots.extend([
        Slot::SiteTitle,
        Slot::PageTitle,
        Slot::PageDescription,
        Slot::PageTags,
        Slot::DefaultChart,
        Slot::VersionPage,
        Slot::Lang,
        Slot::Dir,
        Slot::Here,
        Slot::Languages,
        Slot::TranslationNote,
        Slot::Icon,
    ]);
    slots
}

/// What the template is made of, once its blocks are written out.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Slot(Slot),
}

/// A block's opening or closing comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block<'a> {
    Each,
    EndEach,
    /// The chart id as written, and the whole comment.
    If(&'a str, &'a str),
    EndIf,
}

/// The template as read, before its blocks are written out.
#[derive(Debug)]
enum Node<'a> {
    Text(&'a str),
    /// The whole comment, and what follows `generated:`.
    Marker(&'a str, &'a str),
    Word(usize),
    Each(Vec<Node<'a>>),
    If(ChartKind, &'a str, Vec<Node<'a>>),
}

/// Text, slot and block comments, in order.
#[derive(Debug)]
enum Token<'a> {
    Text(&'a str),
    Marker(&'a str, &'a str),
    /// A word of the page's language, by its index in [`PageWords::NAMES`].
    Word(usize),
    Block(Block<'a>),
}

const EACH: &str = "<!-- for each chart -->";
const END_EACH: &str = "<!-- end for each chart -->";
const END_IF: &str = "<!-- end if -->";

/// The page template, read and checked; render it with [`Template::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

impl Template {
    /// Reads `text` (`www/index.html`): its blocks written out per chart and every slot
    /// checked, so rendering cannot fail on the template.
    pub fn parse(text: &str) -> Result<Template, SiteError> {
        // Where white space is content, the template's indentation would be too.
        for open in ["<pre", "<textarea"] {
            let close = format!("</{}>", &open[1..]);
            let mut rest = text;
            while let Some(i) = rest.find(open) {
                let after = &rest[i..];
                let Some(gt) = after.find('>') else { break };
                if !after[gt + 1..].starts_with(&close) {
                    return Err(SiteError::Malformed(format!(
                        "has a {open}> with content, whose indentation the build would remove"
                    )));
                }
                rest = &after[gt + 1..];
            }
        }
        let tokens = tokens(text)?;
        let mut tokens = tokens.into_iter();
        let nodes = nodes(&mut tokens, None)?;
        let mut parts = Vec::new();
        expand(&nodes, None, &mut parts)?;
        for slot in required() {
            let count = parts.iter().filter(|p| **p == Part::Slot(slot)).count();
            let (least, most) = slot.times();
            if count < least {
                return Err(SiteError::MissingMarker(slot.marker()));
            }
            if count > most {
                return Err(SiteError::DuplicateMarker(slot.marker()));
            }
        }
        Ok(Template { parts })
    }

    /// `page` of `site`, written in one pass over the template.
    pub fn render(&self, site: &Site, page: &Page) -> Result<String, SiteError> {
        let data = site.data;
        for kind in ChartKind::ALL {
            if let Some(id) = ChartSpec::of(kind)
                .figures
                .iter()
                .find(|&&id| data.figure(id).is_none())
            {
                return Err(SiteError::MissingFigure {
                    chart: kind.id(),
                    id: (*id).to_string(),
                });
            }
        }
        let root = page.root.as_str();
        let lang = page.lang;
        let words = lang.words();
        let page_words = lang.page();
        let mut out = String::with_capacity(128 * 1024);
        for part in &self.parts {
            let slot = match part {
                Part::Text(text) => {
                    out.push_str(text);
                    continue;
                }
                Part::Slot(slot) => *slot,
            };
            let selected = |kind| kind == page.selected;
            let text = match slot {
                Slot::Dek => dek_html(&data.source, lang),
                Slot::KeyFigures => key_figures_html(data, lang),
                Slot::Source => source_html(&data.source, lang),
                Slot::SiteTitle => escape_html(page_words.site_title),
                Slot::Lang => lang.id().to_string(),
                Slot::Dir if lang.is_rtl() => "rtl".to_string(),
                Slot::Dir => "ltr".to_string(),
                Slot::Here => page.here(),
                Slot::Languages => languages_html(page),
                Slot::Icon => match &site.icon {
                    Some(svg) => icon_address(svg),
                    None => format!("{root}favicon.svg"),
                },
                Slot::TranslationNote if page_words.translation_note.is_empty() => String::new(),
                Slot::TranslationNote => format!(
                    "<p class=\"translation-note\">{}</p>",
                    escape_html(page_words.translation_note)
                ),
                Slot::Word(i) => escape_html(page_words.get(PageWords::NAMES[i]).unwrap_or("")),
                Slot::PageTitle => escape_html(&page.head.title),
                Slot::PageDescription => escape_html(&page.head.description),
                Slot::PageTags => page.head.tags.clone(),
                Slot::DefaultChart if page.chart_page => {
                    format!(" data-default-chart=\"{}\"", page.selected.id())
                }
                Slot::DefaultChart => String::new(),
                Slot::VersionPage => format!("{root}{}", escape_html(&site.version_page)),
                Slot::Root => root.to_string(),
                Slot::Chart(part, kind) => {
                    let spec = words.spec(kind);
                    match part {
                        ChartSlot::Tab => escape_html(spec.tab),
                        ChartSlot::Title => escape_html(spec.title),
                        ChartSlot::Caption => chart_caption_html(data, kind, lang),
                        ChartSlot::TableNotes => table_notes_html(data, kind, lang),
                        ChartSlot::Table => chart_table_html_at(data, kind, root, lang),
                        ChartSlot::Summary => escape_html(
                            &coalition_infographic::describe::chart_summary_in(data, kind, lang),
                        ),
                        ChartSlot::Drawing => site
                            .drawings
                            .iter()
                            .find(|(l, k, _)| *l == lang && *k == kind)
                            .map(|(_, _, sizes)| {
                                drawing_html(data, kind, *sizes, selected(kind), root, lang)
                            })
                            .unwrap_or_default(),
                        ChartSlot::Selected if selected(kind) => "true".to_string(),
                        ChartSlot::Selected => "false".to_string(),
                        ChartSlot::Tabindex if selected(kind) => "0".to_string(),
                        ChartSlot::Tabindex => "-1".to_string(),
                        ChartSlot::Hidden if selected(kind) => String::new(),
                        ChartSlot::Hidden => " hidden".to_string(),
                        ChartSlot::Id => kind.id().to_string(),
                    }
                }
            };
            out.push_str(&text);
        }
        Ok(out)
    }
}

/// `svg` as a `data:` address that may stand in a double-quoted attribute as it is:
/// percent-encoded where a URL or an attribute needs it (`%`, `#`, `<`, `>`, `&`), its double
/// quotes turned single and its lines joined, which SVG reads the same.
fn icon_address(svg: &str) -> String {
    let mut out = String::from("data:image/svg+xml,");
    for c in svg.trim().chars() {
        match c {
            '"' => out.push('\''),
            '\n' | '\r' | '\t' => out.push(' '),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '&' => out.push_str("%26"),
            c => out.push(c),
        }
    }
    out
}

/// The links to the same page in each language (the page's own marked current), each named
/// in its own language, for `<nav class="languages">`.
fn languages_html(page: &Page) -> String {
    let mut out = String::new();
    for other in Lang::ALL {
        let href = format!("{}{}{}", page.root, other.folder(), page.here());
        let href = if href.is_empty() {
            "./".to_string()
        } else {
            href
        };
        let current = if other == page.lang {
            " aria-current=\"page\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<a href=\"{}\" hreflang=\"{id}\" lang=\"{id}\"{current}>{}</a>",
            escape_html(&href),
            escape_html(other.page().language_name),
            id = other.id(),
        ));
    }
    out
}

/// Splits `text` into text, slots and block comments. A block comment alone on its line
/// takes the line with it.
fn tokens(text: &str) -> Result<Vec<Token<'_>>, SiteError> {
    let mut tokens = Vec::new();
    // Start of the text not yet in a token, and where to look for the next comment.
    let (mut at, mut search) = (0, 0);
    while let Some(i) = text[search..].find("<!--") {
        let start = search + i;
        let Some(len) = text[start..].find("-->") else {
            if text[start..].starts_with(MARKER_PREFIX) || text[start..].starts_with(WORD_PREFIX) {
                return Err(SiteError::UnknownMarker(
                    text[start..].chars().take(80).collect(),
                ));
            }
            break;
        };
        let end = start + len + 3;
        let comment = &text[start..end];
        let inner = text[start + 4..start + len].trim();
        let block = match comment {
            EACH => Some(Block::Each),
            END_EACH => Some(Block::EndEach),
            END_IF => Some(Block::EndIf),
            _ => inner
                .strip_prefix("if chart is ")
                .map(|id| Block::If(id.trim(), comment)),
        };
        let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
        let alone = line_start >= at
            && text[line_start..start]
                .chars()
                .all(|c| c == ' ' || c == '\t')
            && text[end..].starts_with('\n');
        // A comment alone on its line takes the line with it.
        let (text_end, next) = if alone {
            (line_start, end + 1)
        } else {
            (start, end)
        };
        if let Some(block) = block {
            tokens.push(Token::Text(&text[at..text_end]));
            tokens.push(Token::Block(block));
            (at, search) = (next, next);
        } else if let Some(name) = inner.strip_prefix("generated:") {
            tokens.push(Token::Text(&text[at..start]));
            tokens.push(Token::Marker(comment, name.trim()));
            (at, search) = (end, end);
        } else if let Some(name) = inner.strip_prefix("word:") {
            let word = PageWords::NAMES
                .iter()
                .position(|n| *n == name.trim())
                .ok_or_else(|| SiteError::UnknownMarker(comment.chars().take(80).collect()))?;
            tokens.push(Token::Text(&text[at..start]));
            tokens.push(Token::Word(word));
            (at, search) = (end, end);
        } else {
            // Any other comment is the template's note to its readers, which no page needs.
            tokens.push(Token::Text(&text[at..text_end]));
            (at, search) = (next, next);
        }
    }
    tokens.push(Token::Text(&text[at..]));
    Ok(tokens)
}

/// `text` (which starts a line if `line_start`) without the indentation of its lines, which a
/// browser collapses anyway, so that
/// every reader fetches fewer bytes; the template keeps it for its own readers. The template
/// has no `<pre>` or `<textarea>` content, where it would count ([`Template::parse`] checks).
fn unindented(text: &str, mut line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if line_start && (c == ' ' || c == '\t') {
            continue;
        }
        line_start = c == '\n';
        out.push(c);
    }
    out
}

/// The nodes up to the block's closing comment (`closing`), or to the end of the template.
fn nodes<'a>(
    tokens: &mut std::vec::IntoIter<Token<'a>>,
    closing: Option<Block<'a>>,
) -> Result<Vec<Node<'a>>, SiteError> {
    let mut nodes = Vec::new();
    loop {
        let token = match tokens.next() {
            Some(token) => token,
            None => {
                return match closing {
                    None => Ok(nodes),
                    Some(Block::EndEach) => {
                        Err(SiteError::Malformed(format!("never closes '{EACH}'")))
                    }
                    Some(_) => Err(SiteError::Malformed(
                        "never closes a '<!-- if chart is … -->'".into(),
                    )),
                };
            }
        };
        match token {
            Token::Text(text) => nodes.push(Node::Text(text)),
            Token::Marker(comment, name) => nodes.push(Node::Marker(comment, name)),
            Token::Word(word) => nodes.push(Node::Word(word)),
            Token::Block(Block::Each) => {
                nodes.push(Node::Each(self::nodes(tokens, Some(Block::EndEach))?));
            }
            Token::Block(Block::If(id, comment)) => {
                let kind = ChartKind::from_id(id).ok_or_else(|| {
                    SiteError::Malformed(format!("has '{comment}', and no chart is '{id}'"))
                })?;
                nodes.push(Node::If(
                    kind,
                    comment,
                    self::nodes(tokens, Some(Block::EndIf))?,
                ));
            }
            Token::Block(close) if Some(close) == closing => return Ok(nodes),
            Token::Block(close) => {
                let comment = if close == Block::EndEach {
                    END_EACH
                } else {
                    END_IF
                };
                return Err(SiteError::Malformed(format!(
                    "has '{comment}' where nothing it closes is open"
                )));
            }
        }
    }
}

/// Writes `nodes` out as parts, for the block's chart (`chart`) if inside a chart block.
fn expand(
    nodes: &[Node<'_>],
    chart: Option<ChartKind>,
    out: &mut Vec<Part>,
) -> Result<(), SiteError> {
    for node in nodes {
        match node {
            Node::Text(text) => {
                // After a slot the text goes on the slot's line; after a line, it starts one.
                let line_start = match out.last() {
                    Some(Part::Text(last)) => last.ends_with('\n'),
                    Some(Part::Slot(_)) => false,
                    None => true,
                };
                let text = unindented(text, line_start);
                match out.last_mut() {
                    Some(Part::Text(last)) => last.push_str(&text),
                    _ => out.push(Part::Text(text)),
                }
            }
            Node::Marker(comment, name) => out.push(Part::Slot(slot(comment, name, chart)?)),
            Node::Word(word) => out.push(Part::Slot(Slot::Word(*word))),
            Node::Each(body) => {
                if chart.is_some() {
                    return Err(SiteError::Malformed(format!("has '{EACH}' inside another")));
                }
                for kind in ChartKind::ALL {
                    expand(body, Some(kind), out)?;
                }
            }
            Node::If(kind, comment, body) => match chart {
                None => {
                    return Err(SiteError::Malformed(format!(
                        "has '{comment}' outside '{EACH}'"
                    )))
                }
                Some(chart) if chart == *kind => expand(body, Some(chart), out)?,
                Some(_) => {}
            },
        }
    }
    Ok(())
}

/// The slot `comment` names (`name` is what follows `generated:`), inside the block of
/// `chart` if there is one.
fn slot(comment: &str, name: &str, chart: Option<ChartKind>) -> Result<Slot, SiteError> {
    let unknown = || SiteError::UnknownMarker(comment.chars().take(80).collect());
    let (name, id) = match name.split_once(':') {
        Some((name, id)) => (name, Some(id)),
        None => (name, None),
    };
    if let Some((_, slot)) = PAGE_SLOTS.iter().find(|(n, _)| *n == name) {
        return if id.is_none() {
            Ok(*slot)
        } else {
            Err(unknown())
        };
    }
    let (_, part) = CHART_SLOTS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(unknown)?;
    let kind = match id {
        Some(id) => ChartKind::from_id(id).ok_or_else(unknown)?,
        None => chart.ok_or_else(|| {
            SiteError::Malformed(format!(
                "has '{comment}' outside '{EACH}', where it must name its chart"
            ))
        })?,
    };
    Ok(Slot::Chart(*part, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every slot, each once, and no blocks.
    fn flat() -> String {
        required()
            .into_iter()
            .map(|slot| slot.marker() + "\n")
            .collect()
    }

    fn site(data: &Dataset) -> Site<'_> {
        Site {
            data,
            version_page: "v/1/".into(),
            drawings: Vec::new(),
            icon: None,
        }
    }

    #[test]
    fn a_chart_block_is_written_once_per_chart_and_takes_its_lines() {
        let mut template = flat();
        for kind in ChartKind::ALL {
            template =
                template.replace(&(Slot::Chart(ChartSlot::Hidden, kind).marker() + "\n"), "");
        }
        template.push_str(
            "<ul>\n  <!-- for each chart -->\n  <li id=\"<!-- generated:chart -->\"\
             <!-- generated:hidden -->><!-- if chart is returns -->last<!-- end if --></li>\n  \
             <!-- end for each chart -->\n</ul>\n",
        );
        let data = Dataset::embedded().expect("valid");
        let out = Template::parse(&template)
            .expect("parses")
            .render(
                &site(&data),
                &Page::chart(ChartKind::Liberation, Head::site()),
            )
            .expect("renders");
        assert!(out.contains(
            "<ul>\n<li id=\"funding\" hidden></li>\n<li id=\"liberation\"></li>\n\
             <li id=\"returns\" hidden>last</li>\n</ul>\n"
        ));
    }

    #[test]
    fn broken_blocks_and_slots_out_of_place_are_refused() {
        for (template, says) in [
            (format!("{}{EACH}\n", flat()), "never closes"),
            (format!("{}{END_IF}\n", flat()), "nothing it closes"),
            (
                format!("{}{EACH}{EACH}{END_EACH}{END_EACH}", flat()),
                "inside another",
            ),
            (
                format!("{}<!-- if chart is funding -->{END_IF}", flat()),
                "outside",
            ),
            (
                format!("{}{EACH}<!-- if chart is pie -->{END_IF}{END_EACH}", flat()),
                "no chart is 'pie'",
            ),
            (
                format!("{}<!-- generated:title -->", flat()),
                "must name its chart",
            ),
        ] {
            let err = Template::parse(&template).expect_err(says).to_string();
            assert!(err.contains(says), "{err}");
        }
        assert_eq!(
            Template::parse(&format!("{}<!-- generated:dek:funding -->", flat())),
            Err(SiteError::UnknownMarker(
                "<!-- generated:dek:funding -->".into()
            ))
        );
        assert_eq!(
            Template::parse(&format!("{}<!-- generated:title:pie", flat())),
            Err(SiteError::UnknownMarker("<!-- generated:title:pie".into()))
        );
    }

    #[test]
    fn the_icon_is_in_the_page_as_a_data_address() {
        let data = Dataset::embedded().expect("valid");
        let template =
            Template::parse(include_str!("../../../www/index.html")).expect("the template parses");
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect fill=\"#0072b2\" width=\"100%\"/>\n<!-- a & b -->\n</svg>\n";
        let with_icon = Site {
            icon: Some(svg.to_string()),
            ..site(&data)
        };
        let page = template
            .render(&with_icon, &Page::chart(ChartKind::Returns, Head::site()))
            .expect("renders");
        assert!(page.contains(
            "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E \
             %3Crect fill='%230072b2' width='100%25'/%3E %3C!-- a %26 b --%3E %3C/svg%3E\" \
             type=\"image/svg+xml\">"
        ));
        // Without one, the page links the file at the site's root.
        let page = template
            .render(&site(&data), &Page::chart(ChartKind::Returns, Head::site()))
            .expect("renders");
        assert!(page.contains("<link rel=\"icon\" href=\"../favicon.svg\""));
    }

    #[test]
    fn the_root_goes_before_every_link_to_the_site_s_files() {
        let data = Dataset::embedded().expect("valid");
        let template =
            Template::parse(include_str!("../../../www/index.html")).expect("the template parses");
        let page = |page: &Page| template.render(&site(&data), page).expect("renders");
        let front = page(&Page::front(Head::site()));
        let chart = page(&Page::chart(ChartKind::Returns, Head::site()));
        for file in ["style.css", "main.js", "source/", "v/1/"] {
            assert!(front.contains(&format!("=\"{file}")), "{file}");
            assert!(chart.contains(&format!("=\"../{file}")), "../{file}");
        }
    }
}
