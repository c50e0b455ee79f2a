//! The real binary on every plan in plans/, and the PDFs read back for meaning.
//!
//! The expected headings and budget figures are those of the published plans the examples
//! reproduce (../shared/seeds/, named per plan below), in Swedish typography: where a seed
//! was inconsistent (000 prints "4419"), the correct form ("4 419") is expected.

use std::path::{Path, PathBuf};

use regex::Regex;

use crate::support::{built, example_plans, pdf_pages, pdf_text};

/// What one published plan shows, to be found in the PDF built from its example.
pub struct Seed {
    pub plan: &'static str,
    /// Heading numbers and titles, in order.
    pub headings: &'static [(&'static str, &'static str)],
    /// Budget rows as they read across the table: label, then the amounts.
    pub budget: &'static [&'static str],
    /// Other facts of the cover and text.
    pub facts: &'static [&'static str],
    /// Whether the plan has a contents list whose page numbers can be checked.
    pub contents: bool,
}

/// Seed 000_2321cf272a2e2b26.txt (Nedansiljan 2026).
const NEDANSILJAN: Seed = Seed {
    plan: "nedansiljan-2026.yaml",
    headings: &[
        ("1", "Inledning"),
        ("1.1", "Bakgrund och samordningsförbundets uppdrag"),
        ("1.2", "Målgrupp för samverkan genom samordningsförbundet"),
        ("1.3", "Styrelsens uppdrag"),
        ("2", "Organisation"),
        ("2.1", "Styrelsen"),
        ("2.2", "förbundschef"),
        ("3", "Verksamhetsinriktning och mål 2026"),
        ("3.1", "Mål avseende finansiering av insatser och aktiviteter under 2026"),
        ("3.1.1", "Målområde 1, Finansiering av Individinriktade insatser"),
        ("3.1.2", "Målområde 2, Finansiering av insatser på strukturövergripande nivå"),
        ("3.1.3", "Målområde 3, Kompetenshöjande insatser"),
        (
            "3.1.4",
            "Målområde 4: Att stödja myndigheternas arbete med gemensam resultatredovisning och uppföljning och utvärdering",
        ),
        ("3.2", "Fortsatt inriktning av förbundets utveckling"),
        ("4", "Uppföljning och utvärdering av förbundets verksamhet"),
        ("5", "Ekonomiska förutsättningar"),
        ("6", "Ekonomisk information 2026–2028"),
    ],
    budget: &[
        "(Belopp i tkr)",
        "2026 2027 2028",
        "Finansiella anslag 3 262 3 262 3 262",
        "Överskott från tidigare år 1 500 1 157 718",
        "Totalt ingående beslutsutrymme 4 762 4 419 3 980",
        "Styrelse 99 105 106",
        "Förvaltning 431 455 475",
        "Samverkansinsatser",
        "Rehabilitering & arbete 1 992 2 051 2 111",
        "Insatsmedel 40 30 30",
        "Kompetenshöjande insatser 50 50 50",
        "Strukturella samverkansinsatser 60 60 60",
        "Processtöd 433 450 467",
        "Samverkansinsatser * 500 500 100",
        "Totala kostnader 3 605 3 701 3 399",
        "Årets resultat −343 −439 −137",
        "* Vid ingången av 2026",
    ],
    facts: &[
        "VERKSAMHETSPLAN 2026",
        "NEDANSILJANS SAMORDNINGSFÖRBUND",
        "Datum: 2025-11-26",
        "Ansvarig: Styrelsen",
        "Diarienummer: NSSF/2025:16",
        "Finsam finansierar samverkan så att fler får möjlighet att försörja sig själva",
        "Insatser under 2026:",
    ],
    contents: true,
};

/// Seed 001_96740a1b24cd5793.txt (Norra Dalarna 2025).
const NORRA_DALARNA: Seed = Seed {
    plan: "norra-dalarna-2025.yaml",
    headings: &[
        ("1", "Inledning"),
        ("1.1", "Bakgrund och samordningsförbundets uppdrag"),
        ("1.2", "Målgrupp för samverkan genom samordningsförbundet"),
        ("1.3", "Styrelsens uppdrag"),
        ("2", "Organisation"),
        ("2.1", "Styrelse"),
        ("2.2", "Förbundschef"),
        ("3", "Verksamhetsinriktning och mål 2025"),
        ("3.1", "Mål avseende finansiering av insatser och aktiviteter under 2025"),
        ("3.1.1", "Målområde 1: Finansiering av individinriktade insatser"),
        (
            "3.1.2",
            "Målområde 2: Finansiering av strukturövergripande insatser- Att stödja myndigheternas arbete med nya arbetssätt och metoder i samverkan",
        ),
        ("3.1.3", "Målområde 3: Kompetenshöjande insatser"),
        (
            "3.1.4",
            "Målområde 4: Att stödja myndigheternas arbete med gemensam resultatredovisning och uppföljning och utvärdering",
        ),
        ("4", "Ekonomiska förutsättningar"),
        ("4.1", "Ekonomisk information 2025–2027"),
    ],
    budget: &[
        "(Belopp i tkr)",
        "2025 2026 2027",
        "Finansiella anslag 2 810 2 810 2 810",
        "Överskott från tidigare år 1 697 695 435",
        "Totalt ingående beslutsutrymme 4 507 3 505 3 245",
        "Styrelse 70 82 89",
        "Förvaltning 337 348 354",
        "RoHa 2 274 2 310 1 817",
        "Gymnasiesamordnare 800 0 0",
        "Kompetenshöjande insatser 60 50 50",
        "Processtöd 271 280 290",
        "Samverkansinsatser 0 0 0",
        "Totala kostnader 3 812 3 070 2 600",
        "Årets resultat −1 002 −260 210",
    ],
    facts: &[
        // The seed's cover writes the title as "Verksamhetsplan" (`utseende.omslag.versaler: false`).
        "Verksamhetsplan 2025",
        "MORA • ORSA • ÄLVDALEN",
        "Datum: 2024-11-27",
        "Ansvarig: Styrelsen",
        "NIVÅER/",
        "AKTIVITETER",
        "150 personer",
        "EFFEKT PÅ KORT OCH LÅNG SIKT",
        "Insatser under 2025:",
    ],
    contents: true,
};

/// Seed 002_32132e0dcf77ba7b.txt (Fryksdalen 2026): kr, costs shown negative, figures in prose.
const FRYKSDALEN: Seed = Seed {
    plan: "fryksdalen-2026.yaml",
    headings: &[
        ("1", "Om Fryksdalens samordningsförbund"),
        ("2", "Organisation – Fryksdalens samordningsförbund"),
        ("3", "Samordningsförbundets finansierade verksamhet"),
        ("4", "Utvärdering och uppföljning"),
        ("5", "Utvecklingsarbete 2026"),
        ("6", "Budgetplan verksamhetsår 2026, prognos för 2027 och 2028"),
    ],
    budget: &[
        "Budget 2026 Budget 2027 Budget 2028",
        "Försäkringskassan 1 461 000 1 461 000 1 461 000",
        "Region Värmland 730 500 730 500 730 500",
        "Torsby Kommun 257 380 257 380 257 380",
        "Totala intäkter 2 963 640 2 963 640 2 963 640",
        "Navet −2 100 000 −2 100 000 −2 100 000",
        "Totala kostnader −3 035 000 −3 035 000 −3 035 000",
        "Resultat −71 360 −71 360 −71 360",
    ],
    facts: &[
        "Beslutad vid styrelsemöte den 20 november 2025",
        "1 101 949 kr",
        "1 030 589 kr",
        "35 % av tilldelade medel",
        "2 963 640 kr",
        "Förslag till beslut",
        "Tommy Olsson",
    ],
    contents: true,
};

/// Seed 003_42a8428193c97841.txt (Södra Dalarna 2025): cost centres, income negative, history,
/// member contributions by share.
const SODRA_DALARNA: Seed = Seed {
    plan: "sodra-dalarna-2025.yaml",
    headings: &[("6", "Långsiktig budget 2025–2028"), ("8", "Noter")],
    budget: &[
        // The year headings take two lines over their four-digit figures.
        "Årsbudget Årsbudget",
        "ID Beskrivning 2025 2024",
        "10 000 Totalt 230 220",
        "36 Intäkter för arbete i ESF projekt −380 −360",
        "20 000 Totalt 1 350 1 515",
        "21 000 Totalt 50 150",
        "29 000 Totalt 5 10",
        "35 000 Totalt 1 840 2 250",
        "36 000 Totalt 1 615 1 900",
        "37 000 Totalt 1 410 1 655",
        "35 Bidrag (not 1) −6 184 −6 308",
        "50 000 Totalt −6 184 −6 308",
        "Intäkter totalt 6 184 6 308",
        "Kostnader totalt 6 500 7 700",
        "Resultat −316 −1 392",
        "2022 6 322 7 195 1 496",
        "2023 6 308 6 908 1 657",
        "2024 6 308 7 700 700*",
        "2025 6 184 6 500 400*",
        "2026 7 500** 7 500* 400*",
        "2028 7 500** 7 500* 400*",
        "* = prognos",
        "** = äskat belopp",
        "Försäkringskassan med Arbetsförmedlingen 50 % 3 092 000 kr",
        "Region Dalarna 25 % 1 546 000 kr",
        "Avesta kommun 11 % 680 240 kr",
        "Hedemora kommun 8 % 494 720 kr",
        "Säters kommun 6 % 371 040 kr",
        "Totalt 100 % 6 184 000 kr",
    ],
    facts: &["Södra Dalarna – En plats för alla!"],
    contents: false,
};

/// Seed 004_90ed2dc9e421e1a5.txt (Västra Värmland & Norra Dalsland 2025): unnumbered, an annual
/// and a three-year table from one budget, group totals for later years, notes on amounts.
const VASTRA_VARMLAND: Seed = Seed {
    plan: "vastra-varmland-norra-dalsland-2025.yaml",
    headings: &[],
    budget: &[
        "Medlemsbidrag 7 864 000 7 077 600* 7 077 600",
        "ESF intäkter 192 000 128 000 0",
        "10 056 000 7 205 600 7 077 600",
        "6 550 000 4 931 600 4 931 600",
        "1 792 000 928 000 800 000",
        "1 346 000 1 346 000 1 346 000",
        "Resultat 368 000 0 0",
        "Årsbudget 2025",
        "Resultat 368 000",
        "Försäkringskassan 25 % 1 966 000 kr",
        "Region Värmland 17,5 % 1 376 000 kr",
        "Åmål kommun 3,5 % 277 000 kr",
        "Summa 100 % 7 864 000 kr",
    ],
    facts: &["Beslutad vid styrelsemöte den 25 november 2024", "Budget – förslag 2025"],
    contents: false,
};

/// No seed: an invented förbund in the shape of older plans — a slogan as the cover's title
/// line, an ingress before the contents list, level-1 headings in capitals numbered "1.",
/// målområden under two sections, insatser grouped by kind, a landsting as member.
const ASBYGDEN: Seed = Seed {
    plan: "asbygden-2019.yaml",
    headings: &[
        ("1.", "FÖRBUNDETS UPPDRAG"),
        ("1.1", "Vision och värdegrund"),
        ("1.2", "Målgrupp"),
        ("2.", "INDIVIDINRIKTADE INSATSER"),
        ("2.1", "Fler i arbete eller studier"),
        ("3.", "STRUKTURÖVERGRIPANDE INSATSER"),
        ("3.1", "Samverkan som håller över tid"),
        ("4.", "UPPFÖLJNING"),
        ("5.", "BUDGET 2019"),
    ],
    budget: &[
        "Medlemsbidrag 4 200",
        "Eget kapital vid årets början 950",
        "Totalt att förfoga över 5 150",
        "Summa kostnader 4 570",
        "Årets resultat −370",
        "Landstinget i Åslän 25 % 1 050 000 kr",
        "Summa 100 % 4 200 000 kr",
    ],
    facts: &[
        "Fler vägar till eget arbete",
        "Verksamhetsplan med budget 2019",
        "ÅSBYGDENS SAMORDNINGSFÖRBUND",
        "Diarienummer: ÅSF 2018/41",
        "Individinriktade insatser, pågående:",
        "Individinriktade insatser, nya 2019:",
        "Kompetenshöjande insatser:",
    ],
    contents: true,
};

/// No seed: an invented short plan — no cover page, no contents list, unnumbered headings,
/// the year already in the title, the cover's facts under the title block.
const KUSTLANDET: Seed = Seed {
    plan: "kustlandet-2014.yaml",
    headings: &[],
    budget: &["Medlemsbidrag 2 400", "Att förfoga över 3 010", "Summa kostnader 2 480", "Årets resultat −80"],
    facts: &[
        "Verksamhetsplan för år 2014",
        "Datum: 2013-12-06",
        "Ansvarig: Förbundschefen",
        "Diarienummer: KSF 2013:22",
        "Beslutad av styrelsen den 6 december 2013",
        "beräknas till",
        "530 tkr.",
    ],
    contents: false,
};

/// Every seed, one per example plan; the web page tests (`html`) check the same expectations.
pub const SEEDS: [Seed; 7] =
    [NEDANSILJAN, NORRA_DALARNA, FRYKSDALEN, SODRA_DALARNA, VASTRA_VARMLAND, ASBYGDEN, KUSTLANDET];

/// The PDF the real binary built from `plan` (once per run, shared with the other tests) and
/// the page count vplan reported.
fn build(plan: &Path) -> (PathBuf, usize) {
    let built = built(plan);
    let reported = &built.stdout;
    let pages = Regex::new(r": (\d+) sidor")
        .expect("valid regex")
        .captures(reported)
        .and_then(|c| c[1].parse().ok())
        .unwrap_or_else(|| panic!("vplan reports the page count: {reported:?}"));
    (built.pdf.clone(), pages)
}

#[test]
fn every_example_plan_builds_with_consistent_page_numbers() {
    let plans = example_plans();
    assert!(plans.len() >= 2, "plans/ holds the example plans");
    for plan in plans {
        let (pdf, reported) = build(&plan);
        let pages = pdf_pages(&pdf);
        assert_eq!(pages, reported, "{}: vplan's page count matches the PDF", plan.display());
        assert!(pages >= 2, "{}: the text runs over at least two pages", plan.display());
        let last = pdf_text(&pdf, Some(pages), false);
        assert!(
            last.contains(&format!("Sida {pages} av {pages}")),
            "{}: footer of the last page: {last}",
            plan.display()
        );
        let second = pdf_text(&pdf, Some(2), false);
        assert!(second.contains(&format!("Sida 2 av {pages}")), "{}: footer of page 2", plan.display());
    }
}

#[test]
fn seeds_headings_are_numbered_and_listed_with_their_pages() {
    for seed in &SEEDS {
        let (pdf, pages) = build(&crate::support::root().join("plans").join(seed.plan));
        let page_texts: Vec<String> = (1..=pages).map(|p| pdf_text(&pdf, Some(p), false)).collect();
        if !seed.contents {
            let all = page_texts.join(" ");
            assert!(!all.contains("Innehållsförteckning"), "{}: no contents list", seed.plan);
            for (number, title) in seed.headings {
                assert!(
                    all.contains(&format!("{number} {title}")),
                    "{}: heading `{number} {title}`",
                    seed.plan
                );
            }
            continue;
        }
        let contents = &page_texts[1];
        // A plan with its headings in capitals has the contents list's title in capitals too.
        assert!(
            contents.to_lowercase().contains("innehållsförteckning"),
            "{}: contents list on page 2",
            seed.plan
        );
        let mut previous_page = 0;
        for (number, title) in seed.headings {
            let entry = Regex::new(&format!(
                r"(?:^| ){} {}(?: ?\.)+ ?(\d+)",
                regex::escape(number),
                regex::escape(title)
            ))
            .expect("valid regex");
            let page: usize = entry.captures(contents).and_then(|c| c[1].parse().ok()).unwrap_or_else(|| {
                panic!("{}: contents entry `{number} {title}` with a page number in {contents}", seed.plan)
            });
            assert!(page >= previous_page, "{}: contents pages ascend at {number}", seed.plan);
            previous_page = page;
            let body = &page_texts[page - 1];
            assert!(
                body.contains(&format!("{number} {title}")),
                "{}: heading `{number} {title}` is on page {page} as the contents list says",
                seed.plan
            );
        }
    }
}

#[test]
fn seeds_budget_tables_and_cover_facts_are_exact() {
    for seed in &SEEDS {
        let (pdf, _) = build(&crate::support::root().join("plans").join(seed.plan));
        let text = pdf_text(&pdf, None, true);
        // pdftotext's layout mode sometimes drops the narrow gap before a per cent sign.
        let text = text.replace(" %", "%");
        for row in seed.budget {
            assert!(text.contains(&row.replace(" %", "%")), "{}: budget row `{row}` in the PDF", seed.plan);
        }
        let plain = pdf_text(&pdf, None, false);
        for fact in seed.facts {
            assert!(plain.contains(fact) || text.contains(fact), "{}: `{fact}` in the PDF", seed.plan);
        }
        assert!(!plain.contains('\u{fffd}'), "{}: no replacement characters", seed.plan);
    }
}
