//! The words of the site's pages around the charts (headings, controls, tables, the Embed
//! dialog, the notes on method, link previews), in each language's file beside its chart
//! words. Two sets: [`PageWords`], which the build writes into the HTML, and
//! [`ScriptWords`], which it writes for the page's scripts, for what they say at run time.
//!
//! Each set is a struct of named strings, so a language that lacks a word does not compile;
//! the page template names them (`<!-- word:skip_link -->`) and the build refuses a name
//! that is not one. Words are plain text: the build escapes them. `{}` marks where a value
//! goes, filled by [`super::fill`] or by the page's `word()`.

/// Defines a set of words: the struct, its field names in order, and a lookup by name.
macro_rules! word_set {
    ($(#[$meta:meta])* $name:ident { $( $(#[doc = $doc:literal])* $field:ident ),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name {
            $( $(#[doc = $doc])* pub $field: &'static str, )*
        }

        impl $name {
            /// Every word's name, as the template and the scripts write it.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The word named `name`, if this set has one.
            pub fn get(&self, name: &str) -> Option<&'static str> {
                match name {
                    $( stringify!($field) => Some(self.$field), )*
                    _ => None,
                }
            }
        }
    };
}

word_set! {
    /// What a page says around its charts, in one language.
    PageWords {
        /// This language's name in itself, for the language links: "English", "Français".
        language_name,
        /// The language links' label.
        languages,
        /// Said on a page in a translation, under the headline.
        translation_note,
        /// The site's name: the front page's title and its link previews' site name.
        site_title,
        /// What the site holds, for the front page's description and link preview.
        site_description,
        /// The line under the headline, before the post's linked title.
        dek_before,
        /// The line under the headline, after the post's linked title.
        dek_after,
        /// The first link, to the main content.
        skip_link,
        /// Shown without JavaScript.
        noscript,
        /// The charts' hidden heading and the tab list's label.
        charts,
        /// The display choice's legend.
        show,
        /// Display: the chart.
        show_chart,
        /// Display: the table alone.
        show_table,
        /// The colour choice's legend.
        colours,
        /// Colours: the system's.
        colours_auto,
        /// Colours: light.
        colours_light,
        /// Colours: dark.
        colours_dark,
        /// The button that copies the link.
        copy_link,
        /// The button that opens the system's sharing.
        share,
        /// The button that opens the Embed dialog.
        embed,
        /// The label of the link shown when it cannot be copied.
        link_to_view,
        /// Appended to a chart's summary in its canvas's label.
        same_figures_below,
        /// A canvas's content, where canvases do not run.
        canvas_fallback,
        /// While the chart loads.
        loading,
        /// The scale choice's legend.
        scale,
        /// Scale: linear.
        scale_linear,
        /// Scale: logarithmic.
        scale_log,
        /// Why there are two scales.
        scale_hint,
        /// The downloads' label.
        download,
        /// Download: PNG.
        download_png,
        /// Download: SVG.
        download_svg,
        /// Download: CSV.
        download_csv,
        /// Download: JSON.
        download_json,
        /// In a frame too short for the page.
        more_below,
        /// The link from a frame to the whole infographic.
        open_full,
        /// The Embed dialog's heading.
        embed_title,
        /// The Embed dialog's first paragraph.
        embed_intro,
        /// The option to leave out the title.
        embed_notitle,
        /// The label of the code to paste.
        code_to_paste,
        /// The button that copies the code.
        copy_code,
        /// The button that closes the dialog.
        close,
        /// The heading of the figures no chart shows.
        key_figures_heading,
        /// The line under it.
        key_figures_intro,
        /// The heading of the sources and method.
        sources_heading,
        /// "Source", a subheading.
        source_heading,
        /// Before the source's details.
        source_intro,
        /// Where the date and city come from.
        source_date_city,
        /// The link to the annotated post.
        source_page_link,
        /// After that link.
        source_page_rest,
        /// "How the figures are shown", a subheading.
        method_heading,
        /// Rule 1's lead.
        rule_whose_lead,
        /// Rule 1.
        rule_whose,
        /// Rule 2's lead.
        rule_qualifiers_lead,
        /// Rule 2.
        rule_qualifiers,
        /// Rule 3's lead.
        rule_length_lead,
        /// Rule 3.
        rule_length,
        /// Rule 4's lead.
        rule_derived_lead,
        /// Rule 4.
        rule_derived,
        /// Rule 5's lead.
        rule_unlike_lead,
        /// Rule 5.
        rule_unlike,
        /// "Cite and reuse", a subheading.
        cite_heading,
        /// The citation panel's summary.
        cite_summary,
        /// Its link where scripts do not run.
        cite_fallback,
        /// The reuse panel's summary.
        reuse_summary,
        /// Its link where scripts do not run.
        reuse_fallback,
        /// The footer.
        footer,
        /// Before the address a printed page was printed from.
        printed_from,
        /// Table column: the figure.
        col_figure,
        /// Table column: the value.
        col_value,
        /// Table column: the qualifier.
        col_qualifier,
        /// Table column: the scope.
        col_scope,
        /// Table column: the period.
        col_period,
        /// Table column: the source.
        col_source,
        /// The badge of a derived figure.
        derived,
        /// Before how a derived figure is computed: "Derived: {}".
        derived_how,
        /// The link from a row to its place in the post.
        in_the_text,
        /// Before a figure's context quote.
        context,
        /// The credit line: "Source: {publisher}, {linked title}, {venue}, {date}. Chart: …".
        credit,
        /// Where the post appeared.
        venue,
        /// Table note: different places or periods.
        note_places,
        /// Table note: lower bounds.
        note_lower_bounds,
        /// Table note: the post's hedges.
        note_hedges,
        /// Table note: derived rows.
        note_derived,
        /// Source details: publisher.
        dt_publisher,
        /// Source details: title.
        dt_title,
        /// Source details: kind.
        dt_kind,
        /// Source details: address.
        dt_address,
        /// Source details: occasion.
        dt_occasion,
        /// Source details: date.
        dt_date,
        /// The publisher's name, where the dataset's is the shipped one.
        publisher,
        /// The post's kind, where the dataset's is the shipped one.
        source_kind,
        /// The meeting the post is about, where the dataset's is the shipped one.
        source_occasion,
        /// Where the post's date comes from, where the dataset's is the shipped one.
        source_date_note,
        /// The post's date in words.
        post_date,
        /// The post's title in this language's quotation marks: "“{}”".
        quoted_title,
        /// Between the figures a link preview lists: "; ".
        card_separator,
        /// A chart page's title: "{chart} · {site}".
        chart_page_title,
        /// A link preview's list of the other figures: " Also: {}."
        card_also,
        /// A link preview's "(scope, period)" after a figure: "{}: {} ({}, {})".
        card_other,
        /// A link preview's last sentence.
        card_according,
        /// A link preview picture's description: "Bar chart: {}. {}. {}."
        card_alt,
        /// "Reuse this work": the post's point, in bold.
        reuse_post_title,
        /// What may be done with the post.
        reuse_post,
        /// The code's point, in bold.
        reuse_code_title,
        /// The code's licence.
        reuse_code,
        /// The charts' point, in bold.
        reuse_charts_title,
        /// The charts' licence.
        reuse_charts,
        /// The data's point, in bold.
        reuse_data_title,
        /// Before the data's files.
        reuse_data,
        /// The link to the whole dataset.
        reuse_all_json,
        /// The link to a chart's CSV: "{} (CSV)" (the chart's tab name, in lower case).
        reuse_csv,
        /// The link to the post's whole text.
        reuse_source,
    }
}

word_set! {
    /// What the page's scripts say at run time, in one language: the build writes them as
    /// JSON (`words/fr.json`), which the scripts fetch when they first have something to say.
    ScriptWords {
        /// After the link is copied.
        link_copied,
        /// Where copying is not allowed.
        press_to_copy,
        /// Where the system's sharing failed.
        share_failed,
        /// After the code is copied.
        code_copied,
        /// After a snippet is copied.
        copied,
        /// The charts stopped: "The charts stopped working ({}). …"
        charts_stopped,
        /// "Download started: {}"
        download_started,
        /// "The file could not be made ({})."
        download_failed,
        /// Charts shown as pictures, with why: "… because {}. …"
        charts_pictures,
        /// Charts not shown, with why.
        charts_not_shown,
        /// The frame measured for the embed code.
        measuring_frame,
        /// Why the charts did not load: their files.
        reason_not_loaded,
        /// Why the charts did not load: no WebAssembly.
        reason_no_wasm,
        /// The embed dialog's list of ways.
        ways_to_embed,
        /// Way: the frame.
        way_frame,
        /// Way: the web component.
        way_component,
        /// The web component, explained.
        way_component_intro,
        /// Way: oEmbed.
        way_oembed,
        /// oEmbed, explained.
        way_oembed_intro,
        /// The label of an address to paste.
        address_to_paste,
        /// Way: AMP.
        way_amp,
        /// AMP, explained.
        way_amp_intro,
        /// Way: a picture for email and RSS.
        way_image,
        /// The picture, explained.
        way_image_intro,
        /// The label of code to paste.
        code_to_paste,
        /// The AMP frame's overflow button.
        show_whole_chart,
        /// "Cite this chart": what is cited, before the version.
        cited_version,
        /// After the version.
        cited_after,
        /// The link to every version.
        every_version,
        /// After that link.
        cited_end,
        /// The end of a canvas's label, which a picture's description leaves out (the page's).
        same_figures_below,
        /// Between the items of a list in a line: ", ".
        list_separator,
        /// A citation style's copy button: "Copy {}".
        copy_style,
    }
}
