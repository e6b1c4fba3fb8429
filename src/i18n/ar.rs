//! Arabic, an unofficial translation. The post's words (its quotes, and the few it gives in
//! a period, as in «Last July») stay in English; its title stays as it was published.
//! Numbers in Arabic-Indic digits (٠–٩, ٫ for decimals, ٬ between digit groups: ٢٢٫٢,
//! ٣٥٬٠٠٠), as readers in Iraq and Syria use them and as CLDR's ar-IQ and ar-SY write them;
//! months by their Levantine and Iraqi names with the international ones (آذار/مارس).
//! The Arabic comma and semicolon (، ؛), the Arabic percent sign (٪), and « » for quotations.

use super::ChartSpec;
use super::{ChartWords, DescribeWords, FigureWords, Lang, Numbers, Plural, PluralRule, Words};
use crate::chart_kind::ChartKind;
use crate::vocabulary::Wording;

const FUNDING_OVERLAP: &str = "تختلف المبالغ الأربعة من حيث المكان والفترة ونوع الأموال (مقدمة أو متعهد بها أو متوقعة)؛ وهي متداخلة، ولا يصح جمعها في إجمالي واحد.";

const TERRITORY_REMAINDER: &str = "«لم يُذكر أنها محرَّرة» قيمة محسوبة: ١٠٠٪ ناقص النسبة المذكورة. ولا يذكر منشور وزارة الخارجية الأمريكية من يسيطر على هذا الجزء، ولا أنه سيُحرَّر.";

const RETURNS_UNLINKED: &str = "لا يذكر منشور وزارة الخارجية الأمريكية ما إذا كان الذين عادوا بالفعل إلى ديارهم، وعددهم نحو ٢٧٬٠٠٠، من بين النازحين البالغ عددهم نحو ٣٥٬٠٠٠.";

/// Every word of the charts in Arabic.
pub(super) const WORDS: Words = Words {
    lang: Lang::Ar,
    rtl: true,
    unofficial: "ترجمة غير رسمية. الاقتباسات هي كلمات المنشور بالإنجليزية.",
    numbers: Numbers {
        decimal: '\u{66b}',
        group: '\u{66c}',
        zero: '\u{660}',
        plural: PluralRule::ArabicFew,
        usd: "{} دولار",
        usd_million: Plural {
            one: "{} مليون دولار",
            few: "{} ملايين دولار",
            other: "{} مليون دولار",
        },
        usd_billion: Plural {
            one: "{} مليار دولار",
            few: "{} مليارات دولار",
            other: "{} مليار دولار",
        },
        million: Plural {
            one: "{} مليون",
            few: "{} ملايين",
            other: "{} مليون",
        },
        billion: Plural {
            one: "{} مليار",
            few: "{} مليارات",
            other: "{} مليار",
        },
        percent: "{}٪",
        tons: Plural {
            one: "{} طن",
            few: "{} أطنان",
            other: "{} طن",
        },
        fractions: ["النصف", "الثلث", "الثلثين", "الربع"],
        tick_usd: ["{} مليار", "{} مليون", "{} ألف", "{}"],
        tick_count: ["{} مليار", "{} مليون", "{} ألف"],
    },
    wordings: [
        Wording {
            id: "as_stated",
            prefix: "",
            column: "كما ورد",
            note: "كما ورد (دون تحفظ في النص)",
            hedge: "، كما ورد",
        },
        Wording {
            id: "more_than",
            prefix: "أكثر من ",
            column: "أكثر من — حدّ أدنى",
            note: "حدّ أدنى («أكثر من»)",
            hedge: "، حدّ أدنى",
        },
        Wording {
            id: "nearly",
            prefix: "قرابة ",
            column: "قرابة",
            note: "أقل بقليل («قرابة»)",
            hedge: "، أقل بقليل",
        },
        Wording {
            id: "approximately",
            prefix: "نحو ",
            column: "نحو",
            note: "تقريبي («نحو»)",
            hedge: "، رقم تقريبي",
        },
        Wording {
            id: "some",
            prefix: "حوالي ",
            column: "حوالي",
            note: "تقريبي («حوالي»)",
            hedge: "، رقم تقريبي",
        },
    ],
    derived_wording: Wording {
        id: "derived_from_as_stated",
        prefix: "",
        column: "محسوب من أرقام كما وردت",
        note: "محسوب من أرقام كما وردت",
        hedge: "",
    },
    scopes: ["العراق", "سوريا", "العراق وسوريا", "على مستوى التحالف"],
    charts: [
        ChartSpec {
            kind: ChartKind::Funding,
            tab: "التمويل",
            title: "قدم أعضاء التحالف أكثر من ٢٢٫٢ مليار دولار في العراق وسوريا منذ عام ٢٠١٤، بحسب وزارة الخارجية الأمريكية",
            subtitle: "بالدولار الأمريكي، لتحقيق الاستقرار وإزالة الألغام والمساعدات في العراق وسوريا · لكل مبلغ نطاقه وفترته، مبينان تحت تسميته",
            drawn_notes: &[FUNDING_OVERLAP],
            notes: &[
                FUNDING_OVERLAP,
                "المبالغ المسبوقة بعبارة «أكثر من» حدود دنيا: تتوقف العلامة عند المبلغ المذكور وتليها ›؛ وقد يكون المبلغ الفعلي أعلى.",
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
            tab: "الأراضي",
            title: "حررت عمليات التحالف ٦٢٪ من الأراضي التي كان داعش يسيطر عليها في العراق و٣٠٪ في سوريا، بحسب وزارة الخارجية الأمريكية",
            subtitle: "نسبة الأراضي التي كان داعش يسيطر عليها في كل بلد، كما وردت في ٢٢ آذار/مارس ٢٠١٧",
            drawn_notes: &[TERRITORY_REMAINDER],
            notes: &[
                "يمثل كل شريط ١٠٠٪ من الأراضي التي كان داعش يسيطر عليها في ذلك البلد؛ ولا يذكر منشور وزارة الخارجية الأمريكية أي مساحات، لذا لا يقارن الشريطان بين مساحات الأراضي.",
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
            tab: "العودة",
            title: "حملة الرقة: نحو ٣٥٬٠٠٠ نازح ونحو ٢٧٬٠٠٠ عادوا بالفعل إلى ديارهم؛ وأكثر من ١٫٥ مليون عراقي عادوا، بحسب وزارة الخارجية الأمريكية",
            subtitle: "حملة الرقة، سوريا، منذ تشرين الثاني/نوفمبر ٢٠١٦ · العراق، في المجموع (لم تُذكر البداية) · أشخاص، ولكل لوحة مقياسها الخاص",
            drawn_notes: &[RETURNS_UNLINKED],
            notes: &[
                RETURNS_UNLINKED,
                "لوحتان بمحورين منفصلين: مجموع العراق يخص بلدا آخر وفترة أخرى، وهو أكبر بكثير، لذا فاللوحتان ليستا بمقياس واحد.",
            ],
            figures: &["raqqa-displaced", "raqqa-returned", "iraq-returned"],
        },
    ],
    source_line: "المصدر: وزارة الخارجية الأمريكية، «Global Coalition Remains United in Fight to Defeat ISIS»، منشور على مدونتها DipNote، ٢٢ آذار/مارس ٢٠١٧، blogs.state.gov/stories/2017/03/22/en/global-coalition-remains-united-fight-defeat-isis",
    log_note: "مقياس لوغاريتمي: لا معنى للطول من المحور، لذا فكل مبلغ ممثل بنقطة؛ قارن المواضع لا الأطوال.",
    chart: ChartWords {
        usd_linear: "دولار أمريكي، مقياس خطي",
        usd_log: "دولار أمريكي، مقياس لوغاريتمي: كل خط من خطوط الشبكة يساوي ١٠ أضعاف الخط الذي قبله",
        territory_axis: "نسبة الأراضي التي كان داعش يسيطر عليها في البلد",
        liberated: " محرَّرة",
        not_liberated: " لم يُذكر أنها محرَّرة",
        raqqa_panel: "حملة الرقة، {} · {}",
        people: "أشخاص",
        iraqis_returned: "عراقيون عادوا إلى ديارهم",
        people_own_scale: "أشخاص، بالمقياس الخاص بهذه اللوحة",
        derived_mark: " (محسوب)",
        key_lower_bound: "› بعد القيمة: حدّ أدنى («أكثر من»)",
        key_approximate: "طرف متعرج: تقريبي («نحو»، «قرابة»، «حوالي»)",
        key_approximate_dot: "نقطة مفرغة: تقريبي («نحو»، «قرابة»، «حوالي»)",
        key_derived: "مظلل بخطوط: محسوب، لم يرد في منشور وزارة الخارجية الأمريكية",
    },
    describe: DescribeWords {
        context: " السياق: ",
        derived_how: "محسوب، لم يرد في المنشور: {}",
        announcement_derived: " محسوب من أرقام المنشور، ولم يرد فيه.",
        summary_derived: "، محسوب من أرقام المنشور",
        position: "الرقم {} من {}.",
        difference: "{} ناقص {}",
        complement: "١٠٠٪ ناقص {}",
        meta: "{} · {} · {}",
        announcement: "{}: {}{}. {}، {}.{} {}",
        summary_item: " {}: {}{}{}؛ {}، {}.",
        where_in_post: "حيث يرد ذلك في المنشور",
        quote_in_english: "كلمات المنشور بالإنجليزية: ",
    },
    figures: &[
        FigureWords {
            id: "coalition-members",
            english_label: "Members of the Global Coalition",
            label: "أعضاء التحالف الدولي",
            short_label: "",
            period: "في آذار/مارس ٢٠١٧",
        },
        FigureWords {
            id: "iraq-liberated",
            english_label: "Territory once held by ISIS in Iraq that Coalition operations have liberated",
            label: "الأراضي التي كان داعش يسيطر عليها في العراق وحررتها عمليات التحالف",
            short_label: "",
            period: "في آذار/مارس ٢٠١٧",
        },
        FigureWords {
            id: "syria-liberated",
            english_label: "Territory once held by ISIS in Syria that Coalition operations have liberated",
            label: "الأراضي التي كان داعش يسيطر عليها في سوريا وحررتها عمليات التحالف",
            short_label: "",
            period: "في آذار/مارس ٢٠١٧",
        },
        FigureWords {
            id: "iraq-not-liberated",
            english_label: "Territory once held by ISIS in Iraq not stated as liberated by Coalition operations",
            label: "الأراضي التي كان داعش يسيطر عليها في العراق ولم يُذكر أن عمليات التحالف حررتها",
            short_label: "",
            period: "في آذار/مارس ٢٠١٧",
        },
        FigureWords {
            id: "syria-not-liberated",
            english_label: "Territory once held by ISIS in Syria not stated as liberated by Coalition operations",
            label: "الأراضي التي كان داعش يسيطر عليها في سوريا ولم يُذكر أن عمليات التحالف حررتها",
            short_label: "",
            period: "في آذار/مارس ٢٠١٧",
        },
        FigureWords {
            id: "fighters-reduction",
            english_label: "Fall in the number of ISIS fighters in Iraq and Syria since its 2014 peak",
            label: "تراجع عدد مقاتلي داعش في العراق وسوريا منذ ذروته في عام ٢٠١٤",
            short_label: "",
            period: "منذ عام ٢٠١٤ («since its peak in 2014»)",
        },
        FigureWords {
            id: "isf-trained",
            english_label: "Iraqi Security Forces members trained by Coalition efforts",
            label: "عناصر قوات الأمن العراقية الذين دربتهم جهود التحالف",
            short_label: "",
            period: "حتى ٢٢ آذار/مارس ٢٠١٧ («To date»)",
        },
        FigureWords {
            id: "equipment-donated",
            english_label: "Military equipment donated by Coalition members to Iraqi and local Syrian partners",
            label: "معدات عسكرية تبرع بها أعضاء التحالف للشركاء العراقيين والشركاء السوريين المحليين",
            short_label: "",
            period: "حتى ٢٢ آذار/مارس ٢٠١٧ («To date»)",
        },
        FigureWords {
            id: "funding-provided",
            english_label: "Provided by Coalition members for stabilization, demining, economic support and humanitarian assistance",
            label: "ما قدمه أعضاء التحالف لتحقيق الاستقرار وإزالة الألغام والدعم الاقتصادي والمساعدات الإنسانية",
            short_label: "ما قدمه أعضاء التحالف",
            period: "منذ عام ٢٠١٤",
        },
        FigureWords {
            id: "funding-pledged",
            english_label: "Pledged by partners at the Iraq Pledging Conference in Washington, DC, for humanitarian assistance, stabilization and demining",
            label: "ما تعهد به الشركاء في مؤتمر التعهدات للعراق في واشنطن العاصمة، للمساعدات الإنسانية وتحقيق الاستقرار وإزالة الألغام",
            short_label: "المتعهد به في مؤتمر التعهدات للعراق",
            period: "تموز/يوليو ٢٠١٦ («Last July»)",
        },
        FigureWords {
            id: "funding-expected",
            english_label: "Expected to be raised by the Coalition for humanitarian assistance, stabilization and demining (“these efforts”), for 2017",
            label: "ما يتوقع التحالف جمعه للمساعدات الإنسانية وتحقيق الاستقرار وإزالة الألغام («these efforts»)، لعام ٢٠١٧",
            short_label: "المتوقع جمعه لعام ٢٠١٧",
            period: "لعام ٢٠١٧ (متوقع)",
        },
        FigureWords {
            id: "undp-stabilization",
            english_label: "Stabilization programs provided by UNDP, enabled by Iraq’s partnership with Coalition members",
            label: "برامج تحقيق الاستقرار التي قدمها برنامج الأمم المتحدة الإنمائي، وأتاحتها شراكة العراق مع أعضاء التحالف",
            short_label: "برامج تحقيق الاستقرار لبرنامج الأمم المتحدة الإنمائي",
            period: "من آذار/مارس ٢٠١٥ إلى آذار/مارس ٢٠١٧ («over the last two years»)",
        },
        FigureWords {
            id: "undp-projects",
            english_label: "Projects implemented by UNDP with local partners in Iraq",
            label: "مشاريع نفذها برنامج الأمم المتحدة الإنمائي مع شركاء محليين في العراق",
            short_label: "",
            period: "حتى ٢٢ آذار/مارس ٢٠١٧ («to date»)",
        },
        FigureWords {
            id: "children-in-school",
            english_label: "Boys and girls now back in school in east Mosul",
            label: "فتيان وفتيات عادوا الآن إلى المدارس في شرق الموصل",
            short_label: "",
            period: "في ٢٢ آذار/مارس ٢٠١٧ («Today»)",
        },
        FigureWords {
            id: "demining-members",
            english_label: "Coalition members on tap to meet one-third of Iraq’s demining costs",
            label: "أعضاء في التحالف مستعدون لتغطية ثلث تكاليف إزالة الألغام في العراق",
            short_label: "",
            period: "حتى عام ٢٠١٨",
        },
        FigureWords {
            id: "demining-share",
            english_label: "Share of Iraq’s demining costs that ten Coalition members are on tap to meet",
            label: "نسبة تكاليف إزالة الألغام في العراق التي يستعد عشرة من أعضاء التحالف لتغطيتها",
            short_label: "",
            period: "حتى عام ٢٠١٨",
        },
        FigureWords {
            id: "iraq-returned",
            english_label: "Iraqis who have returned to their homes",
            label: "العراقيون الذين عادوا إلى ديارهم",
            short_label: "",
            period: "في المجموع، حتى آذار/مارس ٢٠١٧ (لم تُذكر البداية)",
        },
        FigureWords {
            id: "raqqa-displaced",
            english_label: "People displaced (IDPs) by military operations since the start of the Raqqa campaign",
            label: "الأشخاص الذين نزحوا (النازحون) بسبب العمليات العسكرية منذ بدء حملة الرقة",
            short_label: "النازحون",
            period: "منذ تشرين الثاني/نوفمبر ٢٠١٦ («last November»)",
        },
        FigureWords {
            id: "raqqa-returned",
            english_label: "IDPs who have already returned home following clearance operations, in the Raqqa campaign",
            label: "النازحون الذين عادوا بالفعل إلى ديارهم بعد عمليات التطهير، في حملة الرقة",
            short_label: "عادوا إلى ديارهم",
            period: "منذ تشرين الثاني/نوفمبر ٢٠١٦ («last November»)",
        },
    ],
};
