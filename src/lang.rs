//! The languages the charts speak, by name; [`crate::i18n`] holds what each says.

/// A language of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// English, the post's own language.
    #[default]
    En,
    /// French.
    Fr,
    /// Arabic, written right to left.
    Ar,
}

impl Lang {
    /// Every language, in the order the page lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Ar];

    /// Its BCP 47 tag, as `?lang=` and `<html lang>` write it.
    pub fn id(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ar => "ar",
        }
    }

    /// The folder of the site's pages in this language, from the site's own: nothing for
    /// English, `fr/`, `ar/`.
    pub fn folder(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Fr => "fr/",
            Lang::Ar => "ar/",
        }
    }

    /// The language tagged `id` (`en`, `fr`, `ar`), if it is one of these.
    pub fn from_id(id: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.id() == id)
    }
}

/// True for a character of the Arabic script, digits and signs included (what an Arabic face
/// sets).
pub fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06ff}' | '\u{0750}'..='\u{077f}' | '\u{08a0}'..='\u{08ff}' | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

/// True for a letter of a right-to-left script (Hebrew, Arabic): what makes a line read right
/// to left. Arabic-Indic digits and their separators (U+0660–066D, U+06F0–06F9) are not.
pub fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{05ff}' | '\u{fb1d}'..='\u{fb4f}')
        || (is_arabic_script(c) && !matches!(c, '\u{0660}'..='\u{066d}' | '\u{06f0}'..='\u{06f9}'))
}
