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

    /// The language tagged `id` (`en`, `fr`, `ar`), if it is one of these.
    pub fn from_id(id: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.id() == id)
    }
}
