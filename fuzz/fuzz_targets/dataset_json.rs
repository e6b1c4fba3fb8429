//! The dataset loader: any text is refused with an error that says where, or accepted as a
//! dataset that keeps the loader's rules.
#![no_main]

use coalition_infographic::data::{DataError, MAX_FIGURES, MAX_TEXT_CHARS};
use coalition_infographic::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|json: &str| {
    match Dataset::from_json(json) {
        Ok(data) => {
            assert!(!data.figures.is_empty() && data.figures.len() <= MAX_FIGURES);
            for f in &data.figures {
                assert!(
                    f.value.is_finite() && f.value >= 0.0,
                    "{}: {}",
                    f.id,
                    f.value
                );
                for text in [&f.label, &f.short_label, &f.period] {
                    assert!(!text.trim().is_empty() && text.chars().count() <= MAX_TEXT_CHARS);
                }
            }
        }
        Err(error @ DataError::Invalid { .. }) => {
            let message = error.to_string();
            assert!(
                message.starts_with("figures") || message.starts_with("source."),
                "the error names a field: {message}"
            );
        }
        Err(DataError::Syntax {
            path,
            line,
            message,
            ..
        }) => {
            assert!(!path.is_empty(), "a shape error names a path: {message}");
            assert!(line >= 1 && !message.is_empty());
        }
    }
});
