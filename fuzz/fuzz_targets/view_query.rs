//! The share link's query string: any text is read without panicking, and the view it
//! yields writes a query that reads back as the same view, with no warnings.
#![no_main]

use coalition_infographic::view::View;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &str| {
    let (view, warnings) = View::from_query(query);
    for warning in &warnings {
        assert!(!warning.key.is_empty(), "a warning names its parameter");
        assert!(
            warning.value.chars().count() <= 80,
            "long values are shortened"
        );
    }
    let written = view.to_query();
    let (back, rewarnings) = View::from_query(&written);
    assert_eq!(back, view, "{query:?} wrote {written:?}");
    assert!(rewarnings.is_empty(), "{written:?} warns: {rewarnings:?}");
    assert_eq!(back.to_query(), written);
});
