//! Property tests (proptest): vplan's promises checked on generated plans, each with a small,
//! fixed number of cases so that `cargo test` stays fast.
//!
//! - any Unicode string in a plain text field either builds and reads as typed in the PDF, or
//!   is refused with exit 1, and `check` and `build` agree (the real binary);
//! - the budget's sums, balances and contributions add up, whatever the sign convention
//!   (stages load and compute, in process);
//! - `vplan ny` makes a valid plan in which the years and their amounts moved together;
//! - `vplan diff` of a plan with itself finds no change.
//!
//! A property that fails is a finding: proptest shrinks it to a minimal plan, which its
//! message shows. Failures are not persisted to files; the minimal input goes in the report.

use std::path::Path;
use std::process::Output;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};
use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;
use vplan::compute::{Computed, RowKind};
use vplan::validate::Files;

use crate::support::{MEMBERS, fold, pdf_text, stderr, stdout, temp_dir, vplan};

/// A proptest configuration with `cases` cases (or `PROPTEST_CASES`, for a longer run by
/// hand) and bounded shrinking: each case of the binary-driven properties runs vplan, so a
/// full shrink could take hours.
fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases),
        max_shrink_iters: 256,
        max_shrink_time: 120_000,
        failure_persistence: None,
        // The same cases on every run, so that CI never turns red by chance; another seed
        // explores further: PROPTEST_RNG_SEED=N (with PROPTEST_CASES for more cases).
        rng_seed: std::env::var("PROPTEST_RNG_SEED")
            .ok()
            .and_then(|n| n.parse().ok())
            .map_or(proptest::test_runner::RngSeed::Fixed(2026), proptest::test_runner::RngSeed::Fixed),
        ..Config::default()
    }
}

/// The exit code of a run; a death by signal counts as 128 + the signal, like a shell says.
fn code(output: &Output) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    output.status.code().unwrap_or_else(|| 128 + output.status.signal().unwrap_or(0))
}

/// Fails the case if `output` is anything but a clean success or a plan error: exit 2 (a
/// bug), 101 (a panic), a signal, or a panic's words on standard error.
fn clean(command: &str, output: &Output) -> Result<i32, TestCaseError> {
    let code = code(output);
    let err = stderr(output);
    prop_assert!(code == 0 || code == 1, "vplan {command} ended with {code}, not 0 or 1:\n{err}");
    prop_assert!(!err.contains("panicked"), "vplan {command} panicked:\n{err}");
    Ok(code)
}

/// `text` as a YAML double-quoted scalar in which every character outside printable ASCII is
/// an escape, so that the field holds exactly `text` whatever it contains.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------------
// Any Unicode string in a text field.

/// One character of the kinds a kansli pastes from the web and Word, and of the kinds that are
/// special to YAML, Markdown, minijinja and Typst.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => prop::sample::select(vec!['å', 'ä', 'ö', 'Å', 'Ä', 'Ö', 'é', 'ü', ' ', '0', '7', '−', '–', '…', '→', '§', '€']),
        3 => prop::sample::select("#$*_`<>@[]\\/=~\"'{}%&!;:,.-+|^()".chars().collect::<Vec<_>>()),
        // Combining marks, alone or stacked on a letter.
        1 => prop::char::range('\u{300}', '\u{36F}'),
        // Emoji, CJK, other scripts and private use: characters the embedded fonts lack.
        1 => prop::sample::select(vec!['😀', '👍', '🇸', '中', '文', 'ا', 'ש', 'Ω', 'ж', '\u{E000}', '\u{FFFD}', '𝔸']),
        // C0 and C1 control characters.
        1 => prop::char::range('\u{0}', '\u{1F}'),
        1 => prop::char::range('\u{7F}', '\u{9F}'),
        // Format characters: bidirectional marks and embeddings, joiners, BOM, soft hyphen,
        // line and paragraph separators.
        1 => prop::sample::select(vec![
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}',
            '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
            '\u{FEFF}', '\u{AD}', '\u{2028}', '\u{2029}', '\u{85}', '\u{A0}', '\u{61C}',
        ]),
        1 => any::<char>(),
    ]
}

/// A short string of interesting characters and the template and Markdown fragments that
/// mean something in other fields (`{{ }}`, `**`, `[x](y)`).
fn interesting_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => interesting_char().prop_map(String::from),
        1 => prop::sample::select(vec![
            "{{ ", " }}", "{{ resultat.2026 }}", "{% if true %}", "**", "[x](https://a.se)",
            "#set text(red)", "$x$", "<b>", "&amp;", "--", "...", "\r\n",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 1..10).prop_map(|pieces| pieces.concat())
}

/// The plain (not Markdown) text fields the string is put in.
#[derive(Debug, Clone, Copy)]
enum Field {
    /// A section's `rubrik`.
    SectionHeading,
    /// A budget line's `namn`.
    BudgetLine,
    /// A verksamhetsmål's `mål`.
    Goal,
    /// A table's column heading.
    ColumnHeading,
}

/// A small valid plan with `text` in `field`.
fn plan_with_text(field: Field, text: &str) -> String {
    let q = quoted(text);
    let heading = if matches!(field, Field::SectionHeading) { q.clone() } else { "Inledning".into() };
    let line = if matches!(field, Field::BudgetLine) { q.clone() } else { "Kansli".into() };
    let goal = if matches!(field, Field::Goal) { q.clone() } else { "Fler i arbete".into() };
    let column = if matches!(field, Field::ColumnHeading) { q.clone() } else { "Kolumn".into() };
    format!(
        "{MEMBERS}dokument:
  år: 2026
  datum: 2025-11-20
avsnitt:
  - rubrik: {heading}
    text: Förbundet finansierar samverkan.
    innehåll:
      - målområden
      - tabell:
          kolumner: [{{ rubrik: {column} }}]
          rader:
            - [Cell]
      - budget
målområden:
  - rubrik: Individinriktade insatser
    insatser:
      - Steg till arbete.
    verksamhetsmål:
      - mål: {goal}
        målvärde: minst 30 %
budget:
  enhet: tkr
  år: [2026]
  intäkter:
    rader:
      - namn: Anslag
        belopp: [2800]
  kostnader:
    rader:
      - namn: {line}
        belopp: [2600]
"
    )
}

/// What of `text` a reader sees: NFC, control and format characters taken out (they draw
/// nothing, so "as typed" cannot be seen), whitespace folded, and the Swedish typesetting
/// vplan does on purpose undone (docs/format.md, "Svensk typografi"): straight quotes become
/// ” and ’, a hyphen between numbers an en dash.
fn visible(text: &str) -> String {
    let typeset = |c: char| match c {
        '”' | '“' => '"',
        '’' | '‘' => '\'',
        '–' => '-',
        c => c,
    };
    let invisible = |c: char| {
        // Tabs and line breaks are white space, folded below like the PDF's.
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
    };
    let kept: String = text.nfc().filter(|c| !invisible(*c)).map(typeset).collect();
    fold(&kept)
}

/// The plan of the first property builds with plain text in every field, and shows it: else
/// that property would only ever compare two refusals.
#[test]
fn the_text_plan_builds_with_plain_text_in_every_field() {
    for field in [Field::SectionHeading, Field::BudgetLine, Field::Goal, Field::ColumnHeading] {
        let folder = temp_dir();
        let plan = folder.path().join("plan.yaml");
        let pdf = folder.path().join("plan.pdf");
        std::fs::write(&plan, plan_with_text(field, "Åtta # $ {{ x }} *a*")).unwrap();
        let output = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        assert_eq!(code(&output), 0, "{field:?}: {}", stderr(&output));
        let text = pdf_text(&pdf, None, false);
        assert!(text.contains("Åtta # $ {{ x }} *a*"), "{field:?}: {text}");
    }
}

/// Any string in a plain text field: `check` and `build` give the same verdict, 0 or 1, and a
/// plan that builds shows the string as typed. At least one case must build, so that the
/// property never only compares refusals.
#[test]
fn any_text_builds_as_typed_or_is_refused_alike() {
    let fields = vec![Field::SectionHeading, Field::BudgetLine, Field::Goal, Field::ColumnHeading];
    let built_cases = std::cell::Cell::new(0usize);
    let mut runner = proptest::test_runner::TestRunner::new(config(24));
    let result = runner.run(&(prop::sample::select(fields), interesting_text()), |(field, text)| {
        let folder = temp_dir();
        let plan = folder.path().join("plan.yaml");
        let pdf = folder.path().join("plan.pdf");
        std::fs::write(&plan, plan_with_text(field, &text)).unwrap();
        let checked = clean("check", &vplan(&["check", plan.to_str().unwrap()]))?;
        let build = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        let built = clean("build", &build)?;
        prop_assert_eq!(
            checked,
            built,
            "check and build disagree on {:?} in {:?}:\n{}",
            text,
            field,
            stderr(&build)
        );
        if built == 0 {
            built_cases.set(built_cases.get() + 1);
            let shown = visible(&pdf_text(&pdf, None, false));
            let typed = visible(&text);
            // Right-to-left letters are stored in reading order but extracted in the order
            // they stand on the line: with them, every character must be there, in any order.
            let rtl = |c: char| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
            let found = if typed.chars().any(rtl) {
                let mut left: Vec<char> = shown.chars().collect();
                typed.chars().filter(|c| !c.is_whitespace()).all(|c| {
                    match left.iter().position(|s| *s == c) {
                        Some(at) => {
                            left.remove(at);
                            true
                        }
                        None => false,
                    }
                })
            } else {
                // A narrow column may break a heading anywhere (after a hyphen, say): line
                // breaks are the layout's, so white space is left out of the comparison.
                // Plain pdftotext joins a word ending in "-" (or "--") at a line's end with the
                // next line's first word, as if it were hyphenated; the layout mode keeps every
                // character as it stands, so a text missing from the one is looked for in it.
                let bare = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                bare(&shown).contains(&bare(&typed))
                    || bare(&visible(&pdf_text(&pdf, None, true))).contains(&bare(&typed))
            };
            prop_assert!(found, "{:?} in {:?} reads as {:?}, not in:\n{}", text, field, typed, shown);
        } else {
            prop_assert!(!pdf.exists(), "a refused plan wrote no PDF");
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    assert!(built_cases.get() > 0, "no generated text built: the property only compared refusals");
}

// ---------------------------------------------------------------------------------------------
// Check and build agree on every text field.

/// Every text field of a plan with a document, sections, målområden, a budget, a contribution
/// table and a decision: the YAML path of each, as the plan below names it.
const EVERY_TEXT_FIELD: &[&str] = &[
    "dokument.titel",
    "dokument.undertitel",
    "dokument.slogan",
    "dokument.ingress",
    "dokument.ämne",
    "dokument.ansvarig",
    "dokument.diarienummer",
    "avsnitt.rubrik",
    "avsnitt.text",
    "avsnitt.avsnitt.rubrik",
    "tabell.kolumn.rubrik",
    "tabell.cell",
    "målområden.rubrik",
    "målområden.insats",
    "målområden.mål",
    "målområden.målvärde",
    "budget.rubrik",
    "budget.rad.namn",
    "medlemsbidrag.rubrik",
    "medlemsbidrag.kolumnrubrik",
    "medlemsbidrag.summarad",
    "medlemsbidrag.invånare_datum",
    "förslag_till_beslut.rubrik",
    "förslag_till_beslut.inledning",
    "förslag_till_beslut.att",
    "förslag_till_beslut.ort",
    "förslag_till_beslut.avsändare",
    "förslag_till_beslut.underskrift.namn",
    "förslag_till_beslut.underskrift.roll",
];

/// A valid plan with every field of [`EVERY_TEXT_FIELD`], `field` holding `text` and the others
/// plain words.
fn plan_with_every_field(field: &str, text: &str) -> String {
    let f = |name: &str, plain: &str| if name == field { quoted(text) } else { plain.to_owned() };
    format!(
        "{MEMBERS}dokument:
  år: 2026
  datum: 2025-11-20
  titel: {titel}
  undertitel: {undertitel}
  slogan: {slogan}
  ingress: {ingress}
  ämne: {amne}
  ansvarig: {ansvarig}
  diarienummer: {diarienummer}
avsnitt:
  - rubrik: {rubrik}
    text: {text}
    innehåll:
      - tabell:
          kolumner: [{{ rubrik: {kolumn} }}]
          rader:
            - [{cell}]
      - målområden
      - budget
      - medlemsbidrag
    avsnitt:
      - rubrik: {underrubrik}
        text: Mer text.
målområden:
  - rubrik: {malomrade}
    insatser:
      - {insats}
    verksamhetsmål:
      - mål: {mal}
        målvärde: {malvarde}
budget:
  enhet: tkr
  år: [2026]
  intäkter:
    rubrik: {budgetrubrik}
    rader:
      - namn: Anslag
        belopp: [2800]
  kostnader:
    rader:
      - namn: {budgetrad}
        belopp: [2600]
medlemsbidrag:
  år: 2026
  summa: 1000000
  rubrik: {mb_rubrik}
  kolumnrubriker: [{mb_kolumn}, Andel, Bidrag]
  summarad: {mb_summa}
  invånare_datum: {mb_datum}
  rader:
    - {{ namn: Försäkringskassan, andel: 50 }}
    - {{ namn: Region Test, andel: 25 }}
    - {{ namn: Testby kommun, andel: 25 }}
förslag_till_beslut:
  rubrik: {fb_rubrik}
  inledning: {fb_inledning}
  att:
    - {fb_att}
  ort: {fb_ort}
  avsändare: {fb_avsandare}
  underskrifter:
    - {{ namn: {fb_namn}, roll: {fb_roll} }}
",
        titel = f("dokument.titel", "Verksamhetsplan"),
        undertitel = f("dokument.undertitel", "Med budget"),
        slogan = f("dokument.slogan", "Tillsammans"),
        ingress = f("dokument.ingress", "Planen i korthet."),
        amne = f("dokument.ämne", "Verksamhetsplan"),
        ansvarig = f("dokument.ansvarig", "Kansliet"),
        diarienummer = f("dokument.diarienummer", "2025/17"),
        rubrik = f("avsnitt.rubrik", "Inledning"),
        text = f("avsnitt.text", "Förbundet finansierar samverkan."),
        kolumn = f("tabell.kolumn.rubrik", "Kolumn"),
        cell = f("tabell.cell", "Cell"),
        underrubrik = f("avsnitt.avsnitt.rubrik", "Bakgrund"),
        malomrade = f("målområden.rubrik", "Individinriktade insatser"),
        insats = f("målområden.insats", "Steg till arbete."),
        mal = f("målområden.mål", "Fler i arbete"),
        malvarde = f("målområden.målvärde", "minst 30 %"),
        budgetrubrik = f("budget.rubrik", "Intäkter"),
        budgetrad = f("budget.rad.namn", "Kansli"),
        mb_rubrik = f("medlemsbidrag.rubrik", "Medlemsbidrag 2026"),
        mb_kolumn = f("medlemsbidrag.kolumnrubrik", "Medlem"),
        mb_summa = f("medlemsbidrag.summarad", "Summa"),
        mb_datum = f("medlemsbidrag.invånare_datum", "2024-11-01"),
        fb_rubrik = f("förslag_till_beslut.rubrik", "Förslag till beslut"),
        fb_inledning = f("förslag_till_beslut.inledning", "Styrelsen föreslås besluta"),
        fb_att = f("förslag_till_beslut.att", "godkänna planen"),
        fb_ort = f("förslag_till_beslut.ort", "Torsby"),
        fb_avsandare = f("förslag_till_beslut.avsändare", "Förbundet"),
        fb_namn = f("förslag_till_beslut.underskrift.namn", "Anna Andersson"),
        fb_roll = f("förslag_till_beslut.underskrift.roll", "Ordförande"),
    )
}

/// A text for any field: the interesting strings of the first property, and the shapes that
/// check and build once disagreed on: nothing, only invisible characters, a private-use
/// character a font happens to have (U+F8FF), and texts longer than a PDF string may be.
fn any_field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => interesting_text(),
        1 => Just(String::new()),
        1 => prop::sample::select(vec!["\u{200B}", "\u{AD}", "\u{200C}\u{200B}", " \u{A0} "])
            .prop_map(str::to_owned),
        1 => Just("Äpple \u{F8FF}".to_owned()),
        1 => (16_000usize..40_000).prop_map(|n| "a".repeat(n)),
    ]
}

/// The plan with every text field builds as it stands: else the next property would only
/// compare refusals.
#[test]
fn the_plan_with_every_text_field_builds() {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    let pdf = folder.path().join("plan.pdf");
    std::fs::write(&plan, plan_with_every_field("", "")).unwrap();
    let output = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

/// Any text in any text field of the plan, the decision and the contribution table: `check`
/// and `build` give the same verdict, 0 or 1 (never 2), and a refusal is located (a file, a
/// line and a column).
#[test]
fn check_refuses_every_text_that_build_refuses() {
    let mut runner = proptest::test_runner::TestRunner::new(config(24));
    let result = runner.run(&(prop::sample::select(EVERY_TEXT_FIELD), any_field_text()), |(field, text)| {
        let folder = temp_dir();
        let plan = folder.path().join("plan.yaml");
        let pdf = folder.path().join("plan.pdf");
        std::fs::write(&plan, plan_with_every_field(field, &text)).unwrap();
        let check = vplan(&["check", plan.to_str().unwrap()]);
        let checked = clean("check", &check)?;
        let build = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        let built = clean("build", &build)?;
        prop_assert_eq!(
            checked,
            built,
            "check and build disagree on {:?} in {}:\n{}",
            text,
            field,
            stderr(&build)
        );
        if checked == 1 {
            let place = format!("{}:", plan.display());
            prop_assert!(
                stderr(&check).contains(&place),
                "a refusal of {:?} in {} is located:\n{}",
                text,
                field,
                stderr(&check)
            );
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

// ---------------------------------------------------------------------------------------------
// Budget invariants.

/// An amount as the plan writes it, and its value. Mostly everyday sizes, sometimes up to the
/// 15 digits the README allows (docs/format.md, Belopp).
fn amount(negative: bool) -> impl Strategy<Value = Decimal> {
    let small = if negative { -2_000_000i64..20_000_000 } else { 0i64..20_000_000 };
    prop_oneof![
        12 => small.prop_map(Decimal::from),
        1 => prop::collection::vec(0u32..10, 1..=15).prop_map(|digits| {
            digits.iter().fold(Decimal::ZERO, |n, d| n * Decimal::TEN + Decimal::from(*d))
        }),
    ]
}

/// A budget line: a name and one optional amount per year.
#[derive(Debug, Clone)]
struct Line {
    name: String,
    cells: Vec<Option<Decimal>>,
}

/// An item of a part's `rader`: a line, or a group of lines with an optional own amount for
/// the years its lines leave blank, and an optional subtotal.
#[derive(Debug, Clone)]
enum Item {
    Line(Line),
    Group { name: String, lines: Vec<Line>, own: Vec<Option<Decimal>>, subtotal: bool },
}

impl Item {
    /// The item's value per year, as the README defines it: a group's own amount where all its
    /// lines are blank, else the sum of its lines; `None` where nothing is given.
    fn value(&self, years: usize) -> Vec<Option<Decimal>> {
        match self {
            Item::Line(line) => line.cells.clone(),
            Item::Group { lines, own, .. } => (0..years)
                .map(|i| {
                    let given: Vec<Decimal> = lines.iter().filter_map(|l| l.cells[i]).collect();
                    if given.is_empty() { own[i] } else { Some(given.iter().sum()) }
                })
                .collect(),
        }
    }
}

/// A generated budget and member contributions.
#[derive(Debug, Clone)]
struct Budget {
    years: Vec<i32>,
    income: Vec<Item>,
    costs: Vec<Item>,
    opening: Option<Decimal>,
    /// Contributions by share (`andel`, summing to 100 %) of `total`, or by amount.
    contributions: Contributions,
}

#[derive(Debug, Clone)]
enum Contributions {
    Shares { total: Decimal, shares: [u32; 4] },
    Amounts([Decimal; 4]),
}

fn cells(years: usize, negative: bool) -> impl Strategy<Value = Vec<Option<Decimal>>> {
    prop::collection::vec(prop::option::weighted(0.85, amount(negative)), years)
}

fn item(years: usize, negative: bool, n: usize) -> impl Strategy<Value = Item> {
    let line =
        cells(years, negative).prop_map(move |cells| Item::Line(Line { name: format!("Rad {n}"), cells }));
    let group = (prop::collection::vec(cells(years, negative), 1..4), cells(years, negative), any::<bool>())
        .prop_map(move |(lines, own, subtotal)| {
            let lines: Vec<Line> = lines
                .into_iter()
                .enumerate()
                .map(|(k, cells)| Line { name: format!("Rad {n}.{k}"), cells })
                .collect();
            // A group's own amount only where all its lines are blank.
            let own = own
                .into_iter()
                .enumerate()
                .map(|(i, o)| o.filter(|_| lines.iter().all(|l| l.cells[i].is_none())))
                .collect::<Vec<_>>();
            // A group with its own amount must show it in a subtotal.
            let subtotal = subtotal || own.iter().any(Option::is_some);
            Item::Group { name: format!("Grupp {n}"), lines, own, subtotal }
        });
    prop_oneof![2 => line, 1 => group]
}

fn part(years: usize, negative: bool, offset: usize) -> impl Strategy<Value = Vec<Item>> {
    (1usize..4)
        .prop_flat_map(move |count| (0..count).map(|k| item(years, negative, offset + k)).collect::<Vec<_>>())
}

fn budget() -> impl Strategy<Value = Budget> {
    (1usize..=4, 2020i32..2040).prop_flat_map(|(n, first)| {
        let contributions = prop_oneof![
            (0i64..100_000_000, prop::collection::vec(0u32..=100, 3)).prop_map(|(total, mut cuts)| {
                cuts.sort();
                let shares = [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], 100 - cuts[2]];
                Contributions::Shares { total: Decimal::from(total), shares }
            }),
            prop::array::uniform4(amount(false)).prop_map(Contributions::Amounts),
        ];
        (
            Just((first..first + n as i32).collect::<Vec<_>>()),
            part(n, false, 0),
            part(n, true, 10),
            prop::option::of(amount(true)),
            contributions,
        )
            .prop_map(|(years, income, costs, opening, contributions)| Budget {
                years,
                income,
                costs,
                opening,
                contributions,
            })
    })
}

const SIGNS: [&str; 3] = ["vanliga", "kostnader_negativa", "intäkter_negativa"];

fn yaml_cells(cells: &[Option<Decimal>]) -> String {
    let cells: Vec<String> =
        cells.iter().map(|c| c.map(|d| format!("\"{d}\"")).unwrap_or_else(|| "~".into())).collect();
    format!("[{}]", cells.join(", "))
}

fn yaml_part(items: &[Item]) -> String {
    let mut out = String::from("    rader:\n");
    for item in items {
        match item {
            Item::Line(line) => {
                out += &format!("      - namn: {}\n        belopp: {}\n", line.name, yaml_cells(&line.cells));
            }
            Item::Group { name, lines, own, subtotal } => {
                out += &format!("      - namn: {name}\n");
                if own.iter().any(Option::is_some) {
                    out += &format!("        belopp: {}\n", yaml_cells(own));
                }
                if *subtotal {
                    out += &format!("        delsumma: Delsumma {name}\n");
                }
                out += "        rader:\n";
                for line in lines {
                    out += &format!(
                        "          - namn: {}\n            belopp: {}\n",
                        line.name,
                        yaml_cells(&line.cells)
                    );
                }
            }
        }
    }
    out + "    summa: Summa\n"
}

impl Budget {
    /// The plan, in kronor, with `signs` as its sign convention.
    fn yaml(&self, signs: &str) -> String {
        let years: Vec<String> = self.years.iter().map(ToString::to_string).collect();
        let mut plan = format!(
            "{MEMBERS}dokument:\n  år: {}\n  datum: 2025-11-20\navsnitt:\n  - rubrik: Budget\n    innehåll:\n      - budget\n      - medlemsbidrag\nbudget:\n  enhet: kr\n  år: [{}]\n  tecken: {signs}\n  intäkter:\n{}",
            self.years[0],
            years.join(", "),
            yaml_part(&self.income)
        );
        if let Some(opening) = self.opening {
            plan += &format!(
                "  eget_kapital:\n    ingående: \"{opening}\"\n    rubrik: Ingående\n    summa: Beslutsutrymme\n"
            );
        }
        plan += &format!("  kostnader:\n{}  resultat: Resultat\n", yaml_part(&self.costs));
        plan += &format!("medlemsbidrag:\n  år: {}\n", self.years[0]);
        let names = ["Testby kommun", "Region Test", "Försäkringskassan", "Arbetsförmedlingen"];
        match &self.contributions {
            Contributions::Shares { total, shares } => {
                plan += &format!("  summa: \"{total}\"\n  rader:\n");
                for (name, share) in names.iter().zip(shares) {
                    plan += &format!("    - {{ namn: {name}, andel: {share} }}\n");
                }
            }
            Contributions::Amounts(amounts) => {
                plan += "  rader:\n";
                for (name, amount) in names.iter().zip(amounts) {
                    plan += &format!("    - {{ namn: {name}, belopp: \"{amount}\" }}\n");
                }
            }
        }
        plan
    }

    fn part_total(&self, items: &[Item]) -> Vec<Decimal> {
        let n = self.years.len();
        (0..n).map(|i| items.iter().map(|item| item.value(n)[i].unwrap_or_default()).sum()).collect()
    }
}

/// Loads and computes `yaml` in process (stages load and compute); a refusal fails the case,
/// since the generator writes only valid plans.
fn compute(yaml: &str) -> Result<Computed, TestCaseError> {
    let file = Path::new("egenskap.yaml");
    // A panic is a finding like any other; caught, so that the message shows the plan.
    let run = std::panic::catch_unwind(|| {
        vplan::load::load_bytes(file, yaml.as_bytes(), std::env::temp_dir(), Files::Skip)
            .map(|loaded| vplan::compute::compute(&loaded.plan, None))
    });
    match run {
        Ok(Ok(computed)) => Ok(computed),
        Ok(Err(error)) => Err(TestCaseError::fail(format!("a valid plan was refused: {error}\n{yaml}"))),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(TestCaseError::fail(format!("load or compute panicked ({message}) on:\n{yaml}")))
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Lines sum to their groups and parts, each year closes at its opening plus its result
    /// and the next opens there, contributions sum to their total, and the sign convention
    /// changes no total's magnitude.
    #[test]
    fn budget_sums_and_balances_add_up(budget in budget()) {
        let n = budget.years.len();
        let income = budget.part_total(&budget.income);
        let costs = budget.part_total(&budget.costs);
        let mut by_signs = Vec::new();
        for signs in SIGNS {
            let computed = compute(&budget.yaml(signs))?;
            let table = computed.budget.as_ref().expect("the plan has a budget");
            let mut opening = budget.opening;
            for (i, year) in table.figures.iter().enumerate() {
                prop_assert_eq!(year.income, income[i], "income of {}", year.year);
                prop_assert_eq!(year.costs, costs[i], "costs of {}", year.year);
                prop_assert_eq!(year.result, year.income - year.costs);
                prop_assert_eq!(year.opening, opening, "opening of {}", year.year);
                prop_assert_eq!(year.closing, year.opening.map(|o| o + year.result), "closing of {}", year.year);
                opening = year.closing;
            }
            // Every group's subtotal row is the sum of its lines (or its own amount), in the
            // sign the convention shows the part in.
            for (items, negate) in [(&budget.income, signs == "intäkter_negativa"), (&budget.costs, signs == "kostnader_negativa")] {
                for item in items.iter() {
                    if let Item::Group { name, subtotal: true, .. } = item {
                        let label = format!("Delsumma {name}");
                        let row = table.rows.iter().find(|r| r.kind == RowKind::Subtotal && r.label == label);
                        let expected = item.value(n);
                        if expected.iter().all(Option::is_none) {
                            continue;
                        }
                        let row = row.unwrap_or_else(|| panic!("{label} is a row"));
                        for i in 0..n {
                            let shown = row.cells[i].as_ref().map(|a| a.value);
                            let expected = expected[i].map(|v| if negate { -v } else { v });
                            prop_assert_eq!(shown, expected, "{} in {}", label, budget.years[i]);
                        }
                    }
                }
            }
            prop_assert_eq!(computed.contributions.len(), 1, "the plan has one contribution table");
            let contributions = &computed.contributions[0];
            let sum: Decimal = contributions.rows.iter().map(|r| r.amount).sum();
            prop_assert_eq!(sum, contributions.total, "the contributions sum to their total");
            if let Contributions::Shares { total, .. } = budget.contributions {
                prop_assert_eq!(contributions.total, total);
            }
            by_signs.push(computed);
        }
        // The sign convention is only how the table looks: the figures are the same, and every
        // row shows the same magnitude.
        let plain = &by_signs[0];
        for other in &by_signs[1..] {
            let (a, b) = (plain.budget.as_ref().unwrap(), other.budget.as_ref().unwrap());
            prop_assert_eq!(&a.figures, &b.figures);
            prop_assert_eq!(a.rows.len(), b.rows.len());
            for (x, y) in a.rows.iter().zip(&b.rows) {
                let magnitude = |r: &vplan::compute::Row| r.cells.iter().map(|c| c.as_ref().map(|a| a.value.abs())).collect::<Vec<_>>();
                prop_assert_eq!(magnitude(x), magnitude(y), "row {}", x.label);
                if matches!(x.kind, RowKind::Opening | RowKind::Result) {
                    prop_assert_eq!(&x.cells, &y.cells, "row {} keeps its sign", x.label);
                }
            }
            prop_assert_eq!(&plain.figures, &other.figures, "figures for the text");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// `vplan ny` and `vplan diff` on generated plans.

/// A small valid plan for the year-over-year commands: a budget of `years` (written as numbers
/// or, as some kanslier do, as strings), column headings naming the years, an insats whose
/// amounts a budget line shows, eget kapital, contributions for the first year, and a section
/// heading of any text.
#[derive(Debug, Clone)]
struct YearPlan {
    budget: Budget,
    years_as_strings: bool,
    headings: bool,
    action: Vec<Option<Decimal>>,
    text: String,
}

fn year_plan() -> impl Strategy<Value = YearPlan> {
    budget().prop_flat_map(|budget| {
        let n = budget.years.len();
        (Just(budget), any::<bool>(), any::<bool>(), cells(n, false), interesting_text()).prop_map(
            |(budget, years_as_strings, headings, action, text)| YearPlan {
                budget,
                years_as_strings,
                headings,
                action,
                text,
            },
        )
    })
}

impl YearPlan {
    fn yaml(&self) -> String {
        let mut plan = self.budget.yaml("vanliga");
        let years = &self.budget.years;
        if self.years_as_strings {
            let written: Vec<String> = years.iter().map(|y| format!("\"{y}\"")).collect();
            let numbers: Vec<String> = years.iter().map(ToString::to_string).collect();
            plan = plan.replacen(
                &format!("  år: [{}]", numbers.join(", ")),
                &format!("  år: [{}]", written.join(", ")),
                1,
            );
        }
        let mut extra = String::new();
        if self.headings {
            let headings: Vec<String> = years.iter().map(|y| format!("\"Budget {y}\"")).collect();
            extra += &format!("  kolumnrubriker: [{}]\n", headings.join(", "));
        }
        plan = plan.replacen("  tecken: vanliga\n", &format!("  tecken: vanliga\n{extra}"), 1);
        plan = plan.replacen(
            "    summa: Summa\n  eget_kapital",
            "      - insats: steg\n    summa: Summa\n  eget_kapital",
            1,
        );
        if !plan.contains("insats: steg") {
            plan = plan.replacen(
                "    summa: Summa\n  resultat",
                "      - insats: steg\n    summa: Summa\n  resultat",
                1,
            );
        }
        plan = plan.replacen(
            "      - medlemsbidrag\n",
            &format!("      - medlemsbidrag\n  - rubrik: {}\n    text: Text.\n", quoted(&self.text)),
            1,
        );
        plan + &format!(
            "målområden:\n  - rubrik: Insatser\n    insatser:\n      - {{ id: steg, namn: Steg, text: Steg till arbete., belopp: {} }}\n",
            yaml_cells(&self.action)
        )
    }
}

/// Every budget line's amount by (label, year), from a computed plan.
fn amounts_by_year(computed: &Computed) -> Vec<(String, i32, Option<Decimal>)> {
    let budget = computed.budget.as_ref().expect("a budget");
    let mut out = Vec::new();
    for row in budget.rows.iter().filter(|r| r.kind == RowKind::Line) {
        for (i, year) in budget.years.iter().enumerate() {
            out.push((row.label.clone(), *year, row.cells[i].as_ref().map(|a| a.value)));
        }
    }
    out
}

proptest! {
    #![proptest_config(config(16))]

    /// `vplan ny` on a valid plan writes a plan that `check` passes, one year on, in which
    /// every line keeps its amount for each year both plans have, and a new year starts as a
    /// copy of the last one.
    #[test]
    fn next_year_of_a_valid_plan_is_valid_with_years_and_amounts_moved_together(plan in year_plan()) {
        let yaml = plan.yaml();
        let folder = temp_dir();
        let year = plan.budget.years[0];
        let old = folder.path().join(format!("plan-{year}.yaml"));
        let new = folder.path().join(format!("plan-{}.yaml", year + 1));
        std::fs::write(&old, &yaml).unwrap();
        // Only valid plans: a heading `check` refuses is the first property's concern.
        prop_assume!(clean("check", &vplan(&["check", old.to_str().unwrap()]))? == 0);
        let ny = vplan(&["ny", old.to_str().unwrap()]);
        prop_assert_eq!(clean("ny", &ny)?, 0, "vplan ny failed on a valid plan:\n{}\n{}", stderr(&ny), yaml);
        let check = vplan(&["check", new.to_str().unwrap()]);
        let new_yaml = std::fs::read_to_string(&new).unwrap();
        prop_assert_eq!(clean("check", &check)?, 0, "the next plan is refused:\n{}\n{}", stderr(&check), new_yaml);
        let before = compute(&yaml)?;
        let after = compute(&new_yaml.replace(&format!("föregående: plan-{year}.yaml\n"), ""))?;
        let (b, a) = (before.budget.as_ref().unwrap(), after.budget.as_ref().unwrap());
        let moved: Vec<i32> = b.years.iter().map(|y| y + 1).collect();
        prop_assert_eq!(&a.years, &moved, "the budget's years move on by one");
        let last = *b.years.last().unwrap();
        let old_amounts = amounts_by_year(&before);
        for (label, year, value) in amounts_by_year(&after) {
            let from = if year > last { last } else { year };
            let expected = old_amounts.iter().find(|(l, y, _)| *l == label && *y == from).map(|(_, _, v)| *v);
            if let Some(expected) = expected {
                prop_assert_eq!(value, expected, "{} in {} (from {})\n{}", label, year, from, new_yaml);
            }
        }
    }

    /// `vplan diff` of a plan with itself finds nothing.
    #[test]
    fn a_plan_differs_from_itself_in_nothing(plan in year_plan()) {
        let yaml = plan.yaml();
        let folder = temp_dir();
        let file = folder.path().join("plan.yaml");
        std::fs::write(&file, &yaml).unwrap();
        // Only valid plans: a heading `check` refuses is the first property's concern.
        prop_assume!(clean("check", &vplan(&["check", file.to_str().unwrap()]))? == 0);
        let diff = vplan(&["diff", file.to_str().unwrap(), file.to_str().unwrap()]);
        prop_assert_eq!(clean("diff", &diff)?, 0, "{}", stderr(&diff));
        prop_assert!(
            stdout(&diff).contains("Inga förändringar"),
            "diff of a plan with itself:\n{}\n{}", stdout(&diff), yaml
        );
    }
}
