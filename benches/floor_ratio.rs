//! vplan's whole build as a ratio to the floor, time per page, where the time goes, and what
//! the layout passes cost (`cargo bench --bench floor_ratio`).
//!
//! The floor ([`common::floor`]) compiles vplan's own generated source for the plan with the
//! bare Typst library and exports it with the same PDF standards; whatever vplan spends above
//! it is vplan's. Each figure is the median of a few cold runs (9 for a plan of up to 20 pages,
//! 5 up to 100, 3 above, so that the whole benchmark takes a few minutes); floor and build
//! alternate, so that drift on the machine hits both alike. The ratio of the fastest runs is
//! printed beside the ratio of the medians: on a shared two-core machine the fastest run is
//! the one least disturbed.
//!
//! Environment:
//! - `VPLAN_BENCH_RUNS=N`: runs per figure, for every plan.
//! - `VPLAN_BENCH_PLAN=name`: measure only this plan (e.g. `generated-200`); the layout-pass
//!   table then includes it whatever its size.
//! - `VPLAN_BENCH_WRITE_PLANS=folder`: write the generated plans there and stop, so that the
//!   release binary can be measured on them (`/usr/bin/time -v target/release/vplan build …`).
//! - `VPLAN_FLOOR_ONLY=file.typ`: run the floor once on a source written by `vplan build --typ`
//!   and stop; run this binary under `/usr/bin/time -v` for the floor's peak memory, or under
//!   `valgrind --tool=callgrind` for its instruction count and layout passes.
//! - `VPLAN_FLOOR_VARIANT=name`: with `VPLAN_FLOOR_ONLY`, use one of the template variants of
//!   the layout-pass table (`no contents list`, `footer without av M`, …).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Case, Cases};
use vplan::export::Standards;
use vplan::outputs::Output;
use vplan::pipeline::{Pipeline, Session, Stage};

fn main() {
    if let Ok(typ) = std::env::var("VPLAN_FLOOR_ONLY") {
        return floor_only(Path::new(&typ));
    }
    if let Ok(folder) = std::env::var("VPLAN_BENCH_WRITE_PLANS") {
        for (name, chapters) in common::GENERATED {
            let file = Path::new(&folder).join(format!("{name}.yaml"));
            std::fs::write(&file, common::generate(*chapters)).expect("the generated plan is written");
            println!("{}", file.display());
        }
        return;
    }
    // The floor exports with PDF/UA-1 and PDF/A-2a; it must stay vplan's default.
    assert_eq!(Standards::default(), "ua-1,a-2a".parse().unwrap(), "vplan's default standards changed");

    let runs: Option<usize> = std::env::var("VPLAN_BENCH_RUNS").ok().and_then(|n| n.parse().ok());
    let only = std::env::var("VPLAN_BENCH_PLAN").ok();
    let cases = Cases::new();
    let selected: Vec<&Case> =
        cases.cases.iter().filter(|c| only.as_ref().is_none_or(|name| *name == c.name)).collect();

    println!(
        "\nvplan build against the floor: medians of cold runs, ms; ratio of medians and of fastest runs\n"
    );
    println!(
        "| plan | pages | runs | floor | vplan | ratio | fastest: floor | vplan | ratio | vplan ms/page |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut rows = Vec::new();
    for case in &selected {
        let row = measure(case, &cases, runs);
        println!(
            "| {} | {} | {} | {:.1} | {:.1} | {:.3} | {:.1} | {:.1} | {:.3} | {:.2} |",
            row.name,
            row.pages,
            row.runs,
            ms(row.floor),
            ms(row.vplan),
            row.vplan.as_secs_f64() / row.floor.as_secs_f64(),
            ms(row.floor_min),
            ms(row.vplan_min),
            row.vplan_min.as_secs_f64() / row.floor_min.as_secs_f64(),
            ms(row.vplan) / row.pages as f64
        );
        rows.push(row);
    }

    println!("\nWhere vplan's time goes: the pipeline's own stages (medians, ms)\n");
    println!("| plan | {} | sum |", STAGES.iter().map(|s| s.name()).collect::<Vec<_>>().join(" | "));
    println!("|---|{}---:|", "---:|".repeat(STAGES.len()));
    for row in &rows {
        let sum: Duration = row.stages.iter().flatten().sum();
        let cells: Vec<String> = row
            .stages
            .iter()
            .map(|d| d.map(|d| format!("{:.2}", ms(d))).unwrap_or_else(|| "–".into()))
            .collect();
        println!("| {} | {} | {:.1} |", row.name, cells.join(" | "), ms(sum));
    }

    let per_page = |name: &str| {
        rows.iter()
            .find(|r| r.name == name)
            .map(|r| (ms(r.vplan) / r.pages as f64, ms(r.floor) / r.pages as f64))
    };
    if let (Some((v50, f50)), Some((v200, f200))) = (per_page("generated-50"), per_page("generated-200")) {
        println!(
            "\nTime per page 50 → 200 pages: vplan {v50:.2} → {v200:.2} ms ({:.3}×), floor {f50:.2} → {f200:.2} ms ({:.3}×)",
            v200 / v50,
            f200 / f50
        );
    }

    layout_passes(&selected, only.is_some(), runs);
}

/// One plan's figures.
struct Row {
    name: String,
    pages: usize,
    runs: usize,
    floor: Duration,
    vplan: Duration,
    floor_min: Duration,
    vplan_min: Duration,
    /// Each of [`STAGES`], if the plan's builds ran it.
    stages: Vec<Option<Duration>>,
}

/// The stages of a PDF build, in the pipeline's order.
const STAGES: &[Stage] = &[
    Stage::Load,
    Stage::Predecessor,
    Stage::Compute,
    Stage::Lint,
    Stage::Render,
    Stage::Compile,
    Stage::Export(Output::Pdf),
    Stage::Write,
];

/// Measures the floor and the whole build of one plan, then vplan's stages one by one.
fn measure(case: &Case, cases: &Cases, runs: Option<usize>) -> Row {
    let output = cases.dir.path().join(format!("{}.pdf", case.name));
    let floor_output = cases.dir.path().join(format!("{}.floor.pdf", case.name));
    let pipeline = Pipeline::default();
    let checked = pipeline.check(&case.file).expect("the plan is valid");
    let (loaded, rendered) = (&checked.loaded, &checked.rendered);
    let (source, library) = (&rendered.main, common::vplan_library(&rendered.theme));
    let floor = || {
        common::cold();
        let start = Instant::now();
        let pages = common::floor(source, &library, &loaded.folder, loaded.date, &floor_output);
        (start.elapsed(), pages)
    };
    let mut stages: Vec<Vec<Duration>> = vec![Vec::new(); STAGES.len()];
    let mut build = || {
        common::cold();
        let start = Instant::now();
        let built = pipeline.build(&mut Session::default(), &case.file, &output).expect("the plan builds");
        let elapsed = start.elapsed();
        for (stage, time) in &built.stages {
            let at = STAGES.iter().position(|s| s == stage).expect("a stage of a PDF build");
            stages[at].push(*time);
        }
        (elapsed, built.pages)
    };
    // One unmeasured round loads the fonts and Typst's library, which each process does once.
    let (_, pages) = floor();
    let (_, built_pages) = build();
    assert_eq!(pages, built_pages, "the floor and vplan lay out the same pages");
    let runs = runs.unwrap_or_else(|| default_runs(pages));

    let mut floor_times = Vec::new();
    let mut vplan_times = Vec::new();
    for run in 0..runs {
        if run % 2 == 0 {
            floor_times.push(floor().0);
            vplan_times.push(build().0);
        } else {
            vplan_times.push(build().0);
            floor_times.push(floor().0);
        }
    }

    Row {
        name: case.name.clone(),
        pages,
        runs,
        floor_min: *floor_times.iter().min().unwrap(),
        vplan_min: *vplan_times.iter().min().unwrap(),
        floor: median(floor_times),
        vplan: median(vplan_times),
        // The first build of each stage was the unmeasured warm-up round.
        stages: stages
            .into_iter()
            .map(|times| (times.len() > 1).then(|| median(times.into_iter().skip(1).collect())))
            .collect(),
    }
}

/// Typst 0.15 lays a document out again until its introspection (page numbers, the contents
/// list, "Sida N av M") stops changing, at most five times; `typst::compile` does not say how
/// many passes it took. So the cost is measured instead: the floor's compile of the same source
/// with the introspecting parts of the templates removed, in modified copies of the source and
/// of vplan.typ ([`VARIANTS`]). The passes themselves can be counted with
/// `valgrind --tool=callgrind` on `VPLAN_FLOOR_ONLY` (with `VPLAN_FLOOR_VARIANT`): they are the
/// calls of `typst_layout::pages::layout_document`. vplan's templates take three, caused by the
/// numbered headings, not by the contents list or the "Sida N av M" footer.
fn layout_passes(selected: &[&Case], chosen: bool, runs: Option<usize>) {
    println!("\nLayout passes: the floor's compile (no export) with parts of the templates removed, ms\n");
    println!("| plan | {} |", VARIANTS.join(" | "));
    println!("|---|{}", "---:|".repeat(VARIANTS.len()));
    for case in selected {
        // A seed-sized plan and a long one; the 200-page plan only when asked for by name, as
        // its five variants take minutes.
        if !chosen && !["nedansiljan-2026", "generated-50"].contains(&case.name.as_str()) {
            continue;
        }
        let checked = Pipeline::default().check(&case.file).expect("the plan is valid");
        let (loaded, rendered) = (&checked.loaded, &checked.rendered);
        let mut cells = Vec::new();
        for name in VARIANTS {
            let (source, library) = variant(name, &rendered.main, &rendered.theme);
            let compile = || {
                common::cold();
                let world = common::FloorWorld::new(&source, &library, &loaded.folder, loaded.date);
                let start = Instant::now();
                let warned = typst::compile::<typst_layout::PagedDocument>(&world);
                let elapsed = start.elapsed();
                // Typst warns when the passes do not converge; vplan's source must not need that.
                assert!(warned.warnings.is_empty(), "Typst warned: {:?}", warned.warnings);
                (elapsed, warned.output.expect("the variant compiles").pages().len())
            };
            let (_, pages) = compile();
            let runs = runs.unwrap_or_else(|| default_runs(pages));
            cells.push(format!("{:.1}", ms(median((0..runs).map(|_| compile().0).collect()))));
        }
        println!("| {} | {} |", case.name, cells.join(" | "));
    }
}

/// The template variants [`variant`] makes, by name.
const VARIANTS: &[&str] =
    &["as built", "no contents list", "footer without av M", "both", "no page introspection"];

/// `source` and vplan's Typst files (with `theme`) as the variant `name` has them; the
/// variants change the page set-up in sidor.typ.
fn variant(name: &str, source: &str, theme: &str) -> (String, Vec<(String, String)>) {
    const FOOTER: &str = "Sida #counter(page).display() av #counter(page).final().first()";
    let files = common::vplan_library(theme);
    let with_pages = |pages: String| {
        files
            .iter()
            .map(|(n, t)| (n.clone(), if n == "sidor.typ" { pages.clone() } else { t.clone() }))
            .collect()
    };
    let library = files.iter().find(|(n, _)| n == "sidor.typ").map(|(_, t)| t.clone()).expect("sidor.typ");
    assert!(library.contains(FOOTER), "sidor.typ's footer changed; update this benchmark");
    assert!(source.contains("contents: true,"), "the plan has a contents list");
    let no_contents = || source.replace("contents: true,", "contents: false,");
    let no_total = || library.replace(FOOTER, "Sida #counter(page).display()");
    match name {
        "as built" => (source.to_owned(), files.clone()),
        "no contents list" => (no_contents(), files.clone()),
        "footer without av M" => (source.to_owned(), with_pages(no_total())),
        "both" => (no_contents(), with_pages(no_total())),
        "no page introspection" => {
            // Header and footer that ask nothing of the layout: no `context`, no page number.
            let library = no_total()
                .replace("header: context {\n      if here().page() > 1 {", "header: {\n      if true {")
                .replace("footer: context {\n      if here().page() > 1 {", "footer: {\n      if true {")
                .replace("Sida #counter(page).display()", "Sida");
            assert!(
                !library.contains("here()"),
                "sidor.typ's header or footer changed; update this benchmark"
            );
            (no_contents(), with_pages(library))
        }
        other => panic!("no variant {other}; choose one of {VARIANTS:?}"),
    }
}

/// The floor once on a source written by `vplan build --typ`, for `/usr/bin/time -v` and
/// callgrind; `VPLAN_FLOOR_VARIANT` picks one of [`VARIANTS`].
fn floor_only(typ: &Path) {
    let source = std::fs::read_to_string(typ).expect("the .typ file can be read");
    let folder = typ.parent().expect("the .typ file has a folder");
    let date = chrono::NaiveDate::from_ymd_opt(2025, 11, 26).expect("a date");
    let name = std::env::var("VPLAN_FLOOR_VARIANT").unwrap_or_else(|_| "as built".to_owned());
    // A source written by `--typ` comes without its theme: vplan's own stands in.
    let theme = vplan::render::default_theme().expect("vplan's theme renders");
    let (source, library) = variant(&name, &source, &theme);
    let output = typ.with_extension("floor.pdf");
    let pages = common::floor(&source, &library, folder, date, &output);
    println!("{}: {pages} pages ({name})", output.display());
}

/// Runs per figure for a plan of `pages` pages: enough for a stable median, few enough that
/// `cargo bench` stays within minutes.
fn default_runs(pages: usize) -> usize {
    match pages {
        0..=20 => 9,
        21..=100 => 5,
        _ => 3,
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
