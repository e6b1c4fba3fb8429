//! The charts there are, by name: what the view, the words and the layout all point at,
//! needing nothing else.

/// Which chart is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ChartKind {
    /// The four funding amounts.
    #[default]
    Funding,
    /// Share of territory liberated in Iraq and in Syria.
    Liberation,
    /// People displaced and returned.
    Returns,
}

impl ChartKind {
    /// Every chart, in tab order.
    pub const ALL: [ChartKind; 3] = [
        ChartKind::Funding,
        ChartKind::Liberation,
        ChartKind::Returns,
    ];

    /// Stable id used in URLs (`?chart=`), DOM ids and file names; a public contract.
    pub fn id(self) -> &'static str {
        match self {
            ChartKind::Funding => "funding",
            ChartKind::Liberation => "liberation",
            ChartKind::Returns => "returns",
        }
    }

    /// The chart with this id.
    pub fn from_id(id: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.id() == id)
    }
}
