//! French, an unofficial translation. The post's words (its quotes, and the few it gives in
//! a period, as in « Last July ») stay in English; its title stays as it was published.
//! Typography as French sets it: a no-break space inside « » and before : ; and %, a comma
//! for decimals and a narrow no-break space between digit groups (22,2 ; 35 000).

use super::ChartSpec;
use super::{ChartWords, DescribeWords, FigureWords, Lang, Numbers, Plural, PluralRule, Words};
use crate::chart_kind::ChartKind;
use crate::vocabulary::Wording;

const FUNDING_OVERLAP: &str = "Les quatre montants couvrent des lieux, des périodes et des types de fonds différents (fournis, promis, attendus) ; ils se recoupent et ne s’additionnent pas.";

const TERRITORY_REMAINDER: &str = "« Non déclaré libéré » est calculé : 100 % moins la part indiquée. Le billet du département d’État ne dit pas qui tient cette partie, ni qu’elle sera libérée.";

const RETURNS_UNLINKED: &str = "Le billet du département d’État ne dit pas si les quelque 27 000 personnes déjà rentrées chez elles font partie des quelque 35 000 déplacés.";

/// Every word of the charts in French.
pub(super) const WORDS: Words = Words {
    lang: Lang::Fr,
    rtl: false,
    unofficial: "Traduction non officielle. Les citations sont les mots du billet, en anglais.",
    numbers: Numbers {
        decimal: ',',
        group: '\u{202f}',
        zero: '0',
        plural: PluralRule::BelowTwo,
        usd: "{} $",
        usd_million: Plural {
            one: "{} million de dollars",
            few: "{} millions de dollars",
            other: "{} millions de dollars",
        },
        usd_billion: Plural {
            one: "{} milliard de dollars",
            few: "{} milliards de dollars",
            other: "{} milliards de dollars",
        },
        million: Plural {
            one: "{} million",
            few: "{} millions",
            other: "{} millions",
        },
        billion: Plural {
            one: "{} milliard",
            few: "{} milliards",
            other: "{} milliards",
        },
        percent: "{} %",
        tons: Plural {
            one: "{} tonne",
            few: "{} tonnes",
            other: "{} tonnes",
        },
        fractions: ["la moitié", "un tiers", "deux tiers", "un quart"],
        tick_usd: ["{} Md$", "{} M$", "{} k$", "{} $"],
        tick_count: ["{} Md", "{} M", "{} k"],
    },
    wordings: [
        Wording {
            id: "as_stated",
            prefix: "",
            column: "tel qu’indiqué",
            note: "Tel qu’indiqué (sans réserve dans le texte)",
            hedge: ", tel qu’indiqué",
        },
        Wording {
            id: "more_than",
            prefix: "plus de ",
            column: "plus de — un minimum",
            note: "Minimum (« plus de »)",
            hedge: ", un minimum",
        },
        Wording {
            id: "nearly",
            prefix: "près de ",
            column: "près de",
            note: "Juste en dessous (« près de »)",
            hedge: ", juste en dessous",
        },
        Wording {
            id: "approximately",
            prefix: "environ ",
            column: "environ",
            note: "Approximatif (« environ »)",
            hedge: ", approximatif",
        },
        Wording {
            id: "some",
            prefix: "quelque ",
            column: "quelque",
            note: "Approximatif (« quelque »)",
            hedge: ", approximatif",
        },
    ],
    derived_wording: Wording {
        id: "derived_from_as_stated",
        prefix: "",
        column: "calculé à partir de chiffres tels qu’indiqués",
        note: "Calculé à partir de chiffres tels qu’indiqués",
        hedge: "",
    },
    scopes: ["Irak", "Syrie", "Irak et Syrie", "Ensemble de la coalition"],
    charts: [
        ChartSpec {
            kind: ChartKind::Funding,
            tab: "Financement",
            title: "Les membres de la coalition ont fourni plus de 22,2 milliards de dollars en Irak et en Syrie depuis 2014, selon le département d’État",
            subtitle: "Dollars américains pour la stabilisation, le déminage et l’aide en Irak et en Syrie · chaque montant a sa portée et sa période, indiquées sous son libellé",
            drawn_notes: &[FUNDING_OVERLAP],
            notes: &[
                FUNDING_OVERLAP,
                "Les montants « plus de » sont des minimums : la barre s’arrête au montant indiqué, suivie de › ; le montant réel peut être plus élevé.",
            ],
            figures: &[
                "funding-provided",
                "funding-pledged",
                "funding-expected",
                "undp-stabilization",
            ],
        },
        ChartSpec {
            kind: ChartKind::Liberation,
            tab: "Territoire",
            title: "Les opérations de la coalition ont libéré 62 % des territoires que l’EI contrôlait autrefois en Irak et 30 % en Syrie, selon le département d’État",
            subtitle: "Part des territoires que l’EI contrôlait autrefois dans chaque pays, au 22 mars 2017",
            drawn_notes: &[TERRITORY_REMAINDER],
            notes: &[
                "Chaque barre représente 100 % des territoires que l’EI contrôlait autrefois dans ce pays ; le billet du département d’État ne donne aucune superficie, les deux barres ne comparent donc pas des surfaces.",
                TERRITORY_REMAINDER,
            ],
            figures: &[
                "iraq-liberated",
                "iraq-not-liberated",
                "syria-liberated",
                "syria-not-liberated",
            ],
        },
        ChartSpec {
            kind: ChartKind::Returns,
            tab: "Retours",
            title: "Campagne de Raqqa : environ 35 000 déplacés et environ 27 000 déjà rentrés chez eux ; plus de 1,5 million d’Irakiens rentrés, selon le département d’État",
            subtitle: "Campagne de Raqqa, Syrie, depuis novembre 2016 · Irak, au total (début non précisé) · personnes, chaque panneau à sa propre échelle",
            drawn_notes: &[RETURNS_UNLINKED],
            notes: &[
                RETURNS_UNLINKED,
                "Deux panneaux aux axes distincts : le total de l’Irak couvre un autre pays et une autre période, et il est bien plus grand ; les panneaux ne sont donc pas à la même échelle.",
            ],
            figures: &["raqqa-displaced", "raqqa-returned", "iraq-returned"],
        },
    ],
    source_line: "Source : département d’État des États-Unis, « Global Coalition Remains United in Fight to Defeat ISIS », billet de son blog DipNote, 22 mars 2017, blogs.state.gov/stories/2017/03/22/en/global-coalition-remains-united-fight-defeat-isis",
    log_note: "Échelle logarithmique : une longueur depuis l’axe ne signifie rien, chaque montant est donc un point ; comparez les positions, pas les longueurs.",
    chart: ChartWords {
        usd_linear: "Dollars américains, échelle linéaire",
        usd_log: "Dollars américains, échelle logarithmique : chaque ligne vaut 10 fois la précédente",
        territory_axis: "Part des territoires que l’EI contrôlait autrefois dans le pays",
        liberated: " libérés",
        not_liberated: " non déclarés libérés",
        raqqa_panel: "Campagne de Raqqa, {} · {}",
        people: "Personnes",
        iraqis_returned: "Irakiens rentrés chez eux",
        people_own_scale: "Personnes, à l’échelle propre de ce panneau",
        derived_mark: " (calculé)",
        key_lower_bound: "› après la valeur : un minimum (« plus de »)",
        key_approximate: "Extrémité irrégulière : approximatif (« environ », « près de », « quelque »)",
        key_approximate_dot: "Point creux : approximatif (« environ », « près de », « quelque »)",
        key_derived: "Hachuré : calculé, non indiqué dans le billet du département d’État",
    },
    describe: DescribeWords {
        context: " Contexte : ",
        derived_how: "Calculé, non indiqué dans le billet : {}",
        announcement_derived: " Calculé à partir des chiffres du billet, qui ne l’indique pas.",
        summary_derived: ", calculé à partir des chiffres du billet",
        position: "Chiffre {} sur {}.",
        difference: "{} moins {}",
        complement: "100 % moins {}",
        meta: "{} · {} · {}",
        announcement: "{} : {}{}. {}, {}.{} {}",
        summary_item: " {} : {}{}{} ; {}, {}.",
        where_in_post: "Où le billet le dit",
        quote_in_english: "Les mots du billet, en anglais : ",
    },
    figures: &[
        FigureWords {
            id: "coalition-members",
            english_label: "Members of the Global Coalition",
            label: "Membres de la Coalition mondiale",
            short_label: "",
            period: "En mars 2017",
        },
        FigureWords {
            id: "iraq-liberated",
            english_label: "Territory once held by ISIS in Iraq that Coalition operations have liberated",
            label: "Territoire autrefois tenu par l’EI en Irak que les opérations de la coalition ont libéré",
            short_label: "",
            period: "En mars 2017",
        },
        FigureWords {
            id: "syria-liberated",
            english_label: "Territory once held by ISIS in Syria that Coalition operations have liberated",
            label: "Territoire autrefois tenu par l’EI en Syrie que les opérations de la coalition ont libéré",
            short_label: "",
            period: "En mars 2017",
        },
        FigureWords {
            id: "iraq-not-liberated",
            english_label: "Territory once held by ISIS in Iraq not stated as liberated by Coalition operations",
            label: "Territoire autrefois tenu par l’EI en Irak non déclaré libéré par les opérations de la coalition",
            short_label: "",
            period: "En mars 2017",
        },
        FigureWords {
            id: "syria-not-liberated",
            english_label: "Territory once held by ISIS in Syria not stated as liberated by Coalition operations",
            label: "Territoire autrefois tenu par l’EI en Syrie non déclaré libéré par les opérations de la coalition",
            short_label: "",
            period: "En mars 2017",
        },
        FigureWords {
            id: "fighters-reduction",
            english_label: "Fall in the number of ISIS fighters in Iraq and Syria since its 2014 peak",
            label: "Baisse du nombre de combattants de l’EI en Irak et en Syrie depuis son pic de 2014",
            short_label: "",
            period: "Depuis 2014 (« since its peak in 2014 »)",
        },
        FigureWords {
            id: "isf-trained",
            english_label: "Iraqi Security Forces members trained by Coalition efforts",
            label: "Membres des forces de sécurité irakiennes formés grâce aux efforts de la coalition",
            short_label: "",
            period: "Au 22 mars 2017 (« To date »)",
        },
        FigureWords {
            id: "equipment-donated",
            english_label: "Military equipment donated by Coalition members to Iraqi and local Syrian partners",
            label: "Équipement militaire donné par les membres de la coalition à leurs partenaires irakiens et syriens locaux",
            short_label: "",
            period: "Au 22 mars 2017 (« To date »)",
        },
        FigureWords {
            id: "funding-provided",
            english_label: "Provided by Coalition members for stabilization, demining, economic support and humanitarian assistance",
            label: "Fournis par les membres de la coalition pour la stabilisation, le déminage, le soutien économique et l’aide humanitaire",
            short_label: "Fournis par les membres de la coalition",
            period: "Depuis 2014",
        },
        FigureWords {
            id: "funding-pledged",
            english_label: "Pledged by partners at the Iraq Pledging Conference in Washington, DC, for humanitarian assistance, stabilization and demining",
            label: "Promis par des partenaires à la conférence des donateurs pour l’Irak à Washington, pour l’aide humanitaire, la stabilisation et le déminage",
            short_label: "Promis à la conférence des donateurs pour l’Irak",
            period: "Juillet 2016 (« Last July »)",
        },
        FigureWords {
            id: "funding-expected",
            english_label: "Expected to be raised by the Coalition for humanitarian assistance, stabilization and demining (“these efforts”), for 2017",
            label: "Que la coalition prévoit de réunir pour l’aide humanitaire, la stabilisation et le déminage (« these efforts »), pour 2017",
            short_label: "Prévus pour 2017",
            period: "Pour 2017 (prévision)",
        },
        FigureWords {
            id: "undp-stabilization",
            english_label: "Stabilization programs provided by UNDP, enabled by Iraq’s partnership with Coalition members",
            label: "Programmes de stabilisation du PNUD, rendus possibles par le partenariat de l’Irak avec les membres de la coalition",
            short_label: "Programmes de stabilisation du PNUD",
            period: "De mars 2015 à mars 2017 (« over the last two years »)",
        },
        FigureWords {
            id: "undp-projects",
            english_label: "Projects implemented by UNDP with local partners in Iraq",
            label: "Projets menés par le PNUD avec des partenaires locaux en Irak",
            short_label: "",
            period: "Au 22 mars 2017 (« to date »)",
        },
        FigureWords {
            id: "children-in-school",
            english_label: "Boys and girls now back in school in east Mosul",
            label: "Garçons et filles de retour à l’école dans l’est de Mossoul",
            short_label: "",
            period: "Au 22 mars 2017 (« Today »)",
        },
        FigureWords {
            id: "demining-members",
            english_label: "Coalition members on tap to meet one-third of Iraq’s demining costs",
            label: "Membres de la coalition prêts à couvrir un tiers des coûts de déminage de l’Irak",
            short_label: "",
            period: "Jusqu’en 2018",
        },
        FigureWords {
            id: "demining-share",
            english_label: "Share of Iraq’s demining costs that ten Coalition members are on tap to meet",
            label: "Part des coûts de déminage de l’Irak que dix membres de la coalition sont prêts à couvrir",
            short_label: "",
            period: "Jusqu’en 2018",
        },
        FigureWords {
            id: "iraq-returned",
            english_label: "Iraqis who have returned to their homes",
            label: "Irakiens rentrés chez eux",
            short_label: "",
            period: "Au total, jusqu’en mars 2017 (début non précisé)",
        },
        FigureWords {
            id: "raqqa-displaced",
            english_label: "People displaced (IDPs) by military operations since the start of the Raqqa campaign",
            label: "Personnes déplacées (PDI) par les opérations militaires depuis le début de la campagne de Raqqa",
            short_label: "Déplacés",
            period: "Depuis novembre 2016 (« last November »)",
        },
        FigureWords {
            id: "raqqa-returned",
            english_label: "IDPs who have already returned home following clearance operations, in the Raqqa campaign",
            label: "Déplacés déjà rentrés chez eux après des opérations de sécurisation, dans la campagne de Raqqa",
            short_label: "Rentrés chez eux",
            period: "Depuis novembre 2016 (« last November »)",
        },
    ],
};
