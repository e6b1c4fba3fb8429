//! Hostile text in the dataset, on the pages the build writes: every label a page carries
//! (the card, the drawings, the tables, the source) stays text and adds no markup.

use coalition_cli::{previews, site};
use coalition_infographic::i18n::Lang;
use coalition_infographic::view::ChartKind;
use coalition_infographic::Dataset;
use proptest::prelude::*;

#[path = "../../tests/shared/hostile.rs"]
mod hostile;
use hostile::{acceptable_text, config, relabelled, tag_names, INJECTED_TAGS};

proptest! {
    #![proptest_config(config(16))]

    #[test]
    fn hostile_labels_print_as_text(texts in prop::collection::vec(acceptable_text(), 1..6)) {
        let shipped = Dataset::embedded().expect("shipped data");
        let data = relabelled(&texts);
        let html = |d: &Dataset| {
            let mut out = String::new();
            for lang in Lang::ALL {
                out += &site::key_figures_html(d, lang);
                out += &site::source_html(&d.source, lang);
                for kind in ChartKind::ALL {
                    out += &site::chart_table_html_at(d, kind, "", lang);
                }
            }
            out
        };
        let expected = tag_names(&html(&shipped));
        let printed = html(&data);
        let tags = tag_names(&printed);
        prop_assert!(tags.is_subset(&expected), "unexpected elements: {:?}", tags.difference(&expected).collect::<Vec<_>>());
        let lower = printed.to_ascii_lowercase();
        for tag in INJECTED_TAGS {
            prop_assert!(!lower.contains(tag), "raw {tag} in the HTML");
        }
    }
}

#[test]
fn markup_in_the_page_template_slots_stays_text() {
    let template =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/index.html"))
            .expect("template");
    let data =
        relabelled(&["</script><script>alert(1)</script><img src=x onerror=alert(1)>".to_string()]);
    // The front page as the build writes it: the card and the drawings carry the labels too.
    let base = previews::BaseUrl::parse(previews::DEFAULT_BASE_URL).expect("base");
    let (_, drawings) = previews::draw_all(&data).expect("drawn");
    let site = site::Site {
        data: &data,
        version_page: "v/1/".into(),
        drawings,
        icon: None,
    };
    let page = site::Template::parse(&template)
        .expect("template")
        .render(
            &site,
            &previews::front_page(&data, &base).expect("front page"),
        )
        .expect("page");
    // The template has its own <script> element; the payload must add none.
    assert_eq!(
        page.matches("<script").count(),
        template.matches("<script").count()
    );
    assert!(!page.contains("</script><script>"));
    assert!(!page.contains("<img src=x"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
}
