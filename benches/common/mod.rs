//! Shared by the benchmarks: the plans they measure and the floor they compare vplan with.
//!
//! The plans are the example plans in `plans/` and generated plans of about 10, 50 and 200
//! pages ([`generate`]), written to a temporary folder so that vplan reads them from disk like
//! any other plan. The floor ([`floor`]) is the least any program must do to turn vplan's
//! generated Typst source into a PDF file: compile it with the bare Typst library and export
//! it with the same PDF standards, with nothing of vplan's own around it.

#![allow(dead_code, reason = "each bench binary uses its own part of this module")]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use chrono::Datelike;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// The generated plans: name and number of top-level chapters. The chapter counts are
/// calibrated so that the PDFs come out at about 10, 50 and 200 pages.
pub const GENERATED: &[(&str, usize)] = &[("generated-10", 3), ("generated-50", 20), ("generated-200", 82)];

/// One plan to measure.
pub struct Case {
    /// A short name: the file stem of an example plan, or `generated-N`.
    pub name: String,
    /// The plan file.
    pub file: PathBuf,
}

/// The plans to measure: the example plans, then the generated ones.
pub struct Cases {
    /// In measuring order.
    pub cases: Vec<Case>,
    /// Holds the generated plans (and the PDFs written beside them) until dropped.
    pub dir: tempfile::TempDir,
}

impl Cases {
    /// Writes the generated plans to a new temporary folder and lists every plan.
    pub fn new() -> Self {
        let dir = tempfile::Builder::new().prefix("vplan-bench-").tempdir().expect("a temporary folder");
        let mut cases = example_plans();
        for (name, chapters) in GENERATED {
            let file = dir.path().join(format!("{name}.yaml"));
            std::fs::write(&file, generate(*chapters)).expect("the generated plan is written");
            cases.push(Case { name: (*name).to_owned(), file });
        }
        Self { cases, dir }
    }

    /// The case called `name`.
    pub fn get(&self, name: &str) -> &Case {
        self.cases.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no plan called {name}"))
    }
}

/// The names of all cases, for divan's `args` (cheap: generates nothing).
pub fn case_names() -> Vec<String> {
    let mut names: Vec<String> = example_plans().into_iter().map(|c| c.name).collect();
    names.extend(GENERATED.iter().map(|(name, _)| (*name).to_owned()));
    names
}

/// The example plans in `plans/`, sorted by name, then a plan with a predecessor.
fn example_plans() -> Vec<Case> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut cases: Vec<Case> = std::fs::read_dir(&folder)
        .expect("plans/ can be read")
        .filter_map(|entry| {
            let file = entry.ok()?.path();
            if file.extension()? != "yaml" {
                return None;
            }
            Some(Case { name: file.file_stem()?.to_str()?.to_owned(), file })
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    // A plan with a predecessor, so the predecessor stage is measured too.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/arsskifte");
    cases.push(Case { name: "testbygden-2027".to_owned(), file: fixture.join("testbygden-2027.yaml") });
    cases
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

/// Themes for the generated chapters, so that headings and text differ between chapters.
const THEMES: &[&str] = &[
    "unga vuxna som varken arbetar eller studerar",
    "personer med psykisk ohälsa",
    "utrikes födda kvinnor",
    "långtidssjukskrivna",
    "personer med funktionsnedsättning",
    "långtidsarbetslösa",
    "personer med försörjningsstöd",
    "personer i missbruksvård",
];

/// Sentences for the generated paragraphs; each chapter takes them in its own order, and
/// numbers in the text depend on the chapter, so that no two paragraphs are the same (Typst
/// would otherwise reuse the layout of a repeated paragraph and flatter the large plans).
const SENTENCES: &[&str] = &[
    "Förbundet finansierar insatser som parterna gemensamt har tagit fram utifrån lokala behov.",
    "Insatsen riktar sig till {n} personer i förvärvsaktiv ålder som behöver samordnat stöd från fler än en myndighet.",
    "Styrgruppen träffas {m} gånger om året och följer upp både deltagarnas progression och hur samverkan fungerar.",
    "Erfarenheterna från tidigare år visar att tidiga och gemensamma kartläggningar förkortar tiden i offentlig försörjning.",
    "Under året prövas ett arbetssätt där handläggare från Försäkringskassan och Arbetsförmedlingen möter deltagaren tillsammans med kommunens socialtjänst.",
    "Resultaten redovisas i Försäkringskassans system för uppföljning och i förbundets årsredovisning.",
    "Målet är att minst {p} % av deltagarna efter avslutad insats ska ha gått vidare till arbete, studier eller annan arbetslivsinriktad rehabilitering.",
    "Parterna bidrar med personal och lokaler, medan förbundet står för samordning, metodstöd och utvärdering.",
    "Insatsen utvärderas av en extern utvärderare, som lämnar en delrapport efter {m} månader och en slutrapport när insatsen avslutas.",
    "Deltagarna fyller i ett progressionsmätningsverktyg vid start, efter halva tiden och vid avslut, så att förändringen kan följas över tid.",
    "Kostnaden per deltagare beräknas till cirka {k} kronor, vilket är lägre än kostnaden för ett år i offentlig försörjning.",
    "Insatsen ska vara jämställd: kvinnor och män ska ha samma tillgång till stödet, och resultaten redovisas uppdelade på kön.",
    "Samverkan med regionens vårdcentraler stärks genom gemensamma rutiner för remisser och överlämningar.",
    "Arbetsgivare i kommunerna erbjuder praktikplatser, och en arbetsspecialist stöttar både deltagaren och arbetsplatsen.",
    "Beredningsgruppen bedömer varje ansökan mot Finsamlagen, förbundets riktlinjer och parternas gemensamma behovsanalys.",
    "Om insatsen faller väl ut ska parterna ta ställning till om arbetssättet kan föras in i den ordinarie verksamheten.",
];

/// A paragraph of `count` sentences for chapter `chapter`, starting at sentence `start`.
fn paragraph(chapter: usize, start: usize, count: usize) -> String {
    let n = 20 + chapter * 7 % 90;
    let m = 4 + chapter % 9;
    let p = 30 + chapter * 3 % 40;
    let k = 45_000 + chapter * 1_250;
    let mut text = String::new();
    for i in 0..count {
        let sentence = SENTENCES[(chapter * 5 + start + i * 3) % SENTENCES.len()]
            .replace("{n}", &n.to_string())
            .replace("{m}", &m.to_string())
            .replace("{p}", &p.to_string())
            .replace("{k}", &format!("{} {:03}", k / 1000, k % 1000));
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&sentence);
    }
    text
}

/// `text` as a YAML block scalar body, wrapped at 90 columns and indented by `indent` spaces.
fn block(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for paragraph in text.split("\n\n") {
        if !out.is_empty() {
            out.push('\n');
        }
        for source_line in paragraph.lines() {
            let mut line = String::new();
            for word in source_line.split(' ') {
                if !line.is_empty() && line.chars().count() + word.chars().count() > 90 {
                    let _ = writeln!(out, "{pad}{line}");
                    // A wrapped list item or quote continues indented under its text.
                    line = continuation(source_line).to_owned();
                }
                if !line.is_empty() && !line.ends_with(' ') {
                    line.push(' ');
                }
                line.push_str(word);
            }
            let _ = writeln!(out, "{pad}{line}");
        }
    }
    out
}

/// What a wrapped Markdown line continues with: indented under a list item or a footnote,
/// `> ` in a quote, nothing in a paragraph.
fn continuation(line: &str) -> &'static str {
    if line.starts_with("- ") {
        "  "
    } else if line.starts_with("[^") {
        "    "
    } else if line.starts_with("> ") {
        "> "
    } else {
        ""
    }
}

/// A generated plan with `chapters` chapters, in the style of the example plans: Markdown
/// paragraphs with emphasis, lists, quotes and footnotes, a typed table per chapter, one
/// målområde with insatser and verksamhetsmål per chapter, and a budget with a group of lines
/// per chapter. No images.
pub fn generate(chapters: usize) -> String {
    let mut y = String::from(
        "# Genererad av vplans prestandamätning (benches/common/mod.rs).\n\
         förbund:\n  namn: Mellanbygdens samordningsförbund\n  kortnamn: Mellanbygden\n  medlemmar:\n\
         \x20   - namn: Åsby kommun\n      typ: kommun\n    - namn: Björkå kommun\n      typ: kommun\n\
         \x20   - namn: Region Mellanbygden\n      typ: region\n\
         \x20   - namn: Arbetsförmedlingen\n      typ: arbetsförmedlingen\n\
         \x20   - namn: Försäkringskassan\n      typ: försäkringskassan\n\n\
         dokument:\n  titel: Verksamhetsplan\n  år: 2026\n  datum: 2025-11-26\n  ansvarig: Styrelsen\n\
         \x20 diarienummer: \"MSF/2025:7\"\n  numrerade_rubriker: true\n  innehållsförteckning: true\n\
         \x20 ämne: \"Verksamhetsplan 2026 för Mellanbygdens samordningsförbund\"\n\
         \x20 nyckelord: [Finsam, samordningsförbund, verksamhetsplan]\n\navsnitt:\n",
    );

    // The introduction carries the målområden, as in the example plans.
    y.push_str("  - rubrik: Inledning\n    text: |\n");
    y.push_str(&block(&format!("{}\n\n{}", paragraph(0, 0, 5), paragraph(0, 7, 4)), 6));
    y.push_str("    avsnitt:\n      - rubrik: Mål för 2026\n        text: |\n");
    y.push_str(&block(&paragraph(0, 3, 3), 10));
    y.push_str("        innehåll:\n          - målområden\n");

    for c in 1..=chapters {
        let theme = THEMES[c % THEMES.len()];
        let _ = writeln!(y, "  - rubrik: \"Insatsområde {c}: samverkan kring {theme}\"\n    text: |");
        let intro = format!(
            "{}\n\n{} *{}* **{}**\n\n\
             - {}\n- {}\n- {}\n- {}\n\n> {}",
            paragraph(c, 0, 5),
            paragraph(c, 5, 3),
            paragraph(c, 9, 1),
            paragraph(c, 10, 1),
            paragraph(c, 1, 1),
            paragraph(c, 4, 1),
            paragraph(c, 8, 1),
            paragraph(c, 12, 1),
            paragraph(c, 14, 2),
        );
        y.push_str(&block(&intro, 6));
        y.push_str("    avsnitt:\n      - rubrik: Bakgrund\n        text: |\n");
        let background = format!(
            "{} Insatsen bygger på lagen om finansiell samordning.[^lag{c}]\n\n{}\n\n\
             [^lag{c}]: Lag (2003:1210) om finansiell samordning av rehabiliteringsinsatser, insatsområde {c}.",
            paragraph(c, 2, 4),
            paragraph(c, 6, 5),
        );
        y.push_str(&block(&background, 10));
        y.push_str("        avsnitt:\n          - rubrik: Målgrupp och behov\n            text: |\n");
        y.push_str(&block(&paragraph(c, 11, 4), 14));
        y.push_str("      - rubrik: Uppföljning\n        text: |\n");
        y.push_str(&block(&paragraph(c, 13, 3), 10));
        y.push_str("        innehåll:\n          - tabell:\n              kolumner:\n");
        for (heading, width) in
            [("NIVÅ", 1), ("AKTIVITETER", 2), ("UTFALL", 2), ("RESULTAT", 2), ("EFFEKT PÅ LÅNG SIKT", 2)]
        {
            let _ = writeln!(y, "                - rubrik: {heading}\n                  bredd: {width}");
        }
        y.push_str("              rader:\n");
        for (r, level) in ["INDIVID", "INDIVID", "ORGANISATION", "STRUKTUR"].iter().enumerate() {
            let _ = writeln!(y, "                - - {level}");
            for col in 0..4 {
                let _ = writeln!(y, "                  - \"{}\"", paragraph(c, r * 4 + col, 1));
            }
        }
        let _ = writeln!(y, "              bildtext: \"Tabell {c}. Målmatris för insatsområde {c}\"");
        y.push_str("          - text: |\n");
        y.push_str(&block(&paragraph(c, 15, 4), 14));
    }

    y.push_str("  - rubrik: Ekonomisk information 2026–2028\n    text: |\n");
    y.push_str(&block(&paragraph(1, 10, 3), 6));
    y.push_str("    innehåll:\n      - budget\n\nmålområden:\n");
    for c in 1..=chapters {
        let theme = THEMES[c % THEMES.len()];
        let _ = writeln!(y, "  - id: m{c}\n    rubrik: \"Målområde {c}, insatser för {theme}\"\n    text: |");
        y.push_str(&block(&paragraph(c, 3, 3), 6));
        y.push_str("    insatser:\n");
        for i in 0..3 {
            let _ = writeln!(y, "      - \"{}\"", paragraph(c, 4 + i * 5, 1));
        }
        let n = 20 + c * 7 % 90;
        let _ = writeln!(
            y,
            "    verksamhetsmål:\n      - mål: \"Deltagare i insatsområde {c}\"\n        målvärde: \"minst {n} personer\"\n\
             \x20     - mål: \"Andel som går vidare till arbete eller studier\"\n        målvärde: \"minst {} %\"",
            30 + c * 3 % 40
        );
    }

    y.push_str(
        "\nbudget:\n  enhet: tkr\n  år: [2026, 2027, 2028]\n  intäkter:\n    rader:\n\
         \x20     - namn: Statlig medelstilldelning\n",
    );
    let income = 600 * chapters as u64 + 1_000;
    let _ = writeln!(y, "        belopp: [{income}, {income}, {income}]");
    let _ = writeln!(y, "      - namn: Kommuner och region\n        belopp: [{income}, {income}, {income}]");
    y.push_str(
        "  eget_kapital:\n    ingående: 1500\n    rubrik: Överskott från tidigare år\n\
         \x20   summa: Totalt ingående beslutsutrymme\n  kostnader:\n    rader:\n\
         \x20     - namn: Styrelse\n        belopp: [99, 105, 106]\n\
         \x20     - namn: Förvaltning\n        belopp: [431, 455, 475]\n",
    );
    for c in 1..=chapters {
        let _ = writeln!(y, "      - namn: \"Insatsområde {c}\"\n        rader:");
        for (i, line) in ["Personal", "Utbildning och nätverk", "Utvärdering"].iter().enumerate() {
            let base = 100 + (c * 37 + i * 53) % 500;
            let _ = writeln!(
                y,
                "          - namn: {line}\n            belopp: [{base}, {}, {}]",
                base + 10,
                base + 20
            );
            if c % 10 == 0 && i == 2 {
                y.push_str(
                    "            not: \"Beloppet beror på vilka utvärderingar styrelsen beställer.\"\n",
                );
            }
        }
    }
    y.push_str("    summa: Totala kostnader\n  resultat: Årets resultat\n");
    y
}

// ---------------------------------------------------------------------------------------------
// The floor
// ---------------------------------------------------------------------------------------------

/// The folder of vplan's Typst files, where the generated source imports them from.
pub const LIBRARY_FOLDER: &str = "/.vplan";

/// The embedded fonts, parsed once per process, as vplan does.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> =
        vplan::fonts::FILES.iter().flat_map(|(_, data)| Font::iter(Bytes::new(*data))).collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// Typst's standard library with the feature vplan's templates need (`pdf.header-cell`).
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| {
    LazyHash::new(Library::builder().with_features([Feature::A11yExtras].into_iter().collect()).build())
});

/// vplan's Typst files as vplan embeds them, by name, with `theme` (a rendered tema.typ).
pub fn vplan_library(theme: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = vplan::templates::TYPST
        .iter()
        .map(|(name, bytes)| ((*name).to_owned(), std::str::from_utf8(bytes).expect("UTF-8").to_owned()))
        .collect();
    files.push((vplan::templates::THEME.to_owned(), theme.to_owned()));
    files
}

/// The smallest world that compiles vplan's generated source: the main file in memory,
/// vplan's Typst files in [`LIBRARY_FOLDER`], the embedded fonts, files (images) read plainly from
/// the plan's folder, and a fixed date. Nothing is checked and nothing else is offered.
pub struct FloorWorld {
    main: Source,
    library: Vec<Source>,
    folder: PathBuf,
    today: Datetime,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
}

impl FloorWorld {
    /// A world for `source`, with `library` as vplan's Typst files by name (vplan's own, or
    /// modified copies when measuring a template change).
    pub fn new(source: &str, library: &[(String, String)], folder: &Path, date: chrono::NaiveDate) -> Self {
        let id = |path: &str| {
            FileId::new(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("a valid path")))
        };
        Self {
            main: Source::new(id("/.vplan/main.typ"), source.to_owned()),
            library: library
                .iter()
                .map(|(name, text)| Source::new(id(&format!("{LIBRARY_FOLDER}/{name}")), text.clone()))
                .collect(),
            folder: folder.to_path_buf(),
            today: Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8).expect("a date"),
            files: Mutex::new(HashMap::new()),
        }
    }
}

impl World for FloorWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if let Some(file) = self.library.iter().find(|s| s.id() == id) {
            Ok(file.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let mut files = self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        files
            .entry(id)
            .or_insert_with(|| {
                let path = self.folder.join(id.get().vpath().get_with_slash().trim_start_matches('/'));
                std::fs::read(&path).map(Bytes::new).map_err(|e| FileError::from_io(e, &path))
            })
            .clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Compiles `world` with the bare Typst library; panics on a Typst error (the sources
/// measured are vplan's own, which compile).
pub fn floor_compile(world: &FloorWorld) -> PagedDocument {
    typst::compile::<PagedDocument>(world).output.unwrap_or_else(|errors| {
        panic!("the floor could not compile: {:?}", errors.iter().map(|e| &e.message).collect::<Vec<_>>())
    })
}

/// Exports `document` with the options vplan uses: PDF/UA-1 and PDF/A-2a, a fixed identity,
/// creator and timestamp.
pub fn floor_pdf(document: &PagedDocument, date: chrono::NaiveDate) -> Vec<u8> {
    let timestamp = Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
        .map(Timestamp::new_utc)
        .expect("a timestamp");
    let options = PdfOptions {
        ident: Smart::Custom("vplan-floor".to_owned()),
        creator: Smart::Custom(Some("vplan-floor".to_owned())),
        timestamp: Some(timestamp),
        standards: PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2a]).expect("the standards combine"),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).unwrap_or_else(|errors| {
        panic!("the floor could not export: {:?}", errors.iter().map(|e| &e.message).collect::<Vec<_>>())
    })
}

/// The whole floor: source to PDF file. The file is written plainly (no temporary file, no
/// fsync): the least a program that produces a PDF file must do.
pub fn floor(
    source: &str,
    library: &[(String, String)],
    folder: &Path,
    date: chrono::NaiveDate,
    output: &Path,
) -> usize {
    let world = FloorWorld::new(source, library, folder, date);
    let document = floor_compile(&world);
    let pdf = floor_pdf(&document, date);
    std::fs::write(output, pdf).expect("the floor's PDF is written");
    document.pages().len()
}

/// Forgets everything Typst memoized, so that the next compile starts cold, as it does in a
/// fresh `vplan build` process.
pub fn cold() {
    typst::comemo::evict(0);
}
