//! Each stage of a build, the whole build and the floor, on every example plan and on
//! generated plans of about 10, 50 and 200 pages (`cargo bench --bench stages`).
//!
//! The stages are vplan's public functions, called as [`vplan::build`] calls them. Every
//! measurement that runs Typst starts with Typst's memo cache emptied ([`common::cold`]): a
//! `vplan build` process compiles once, so a warm cache would measure something no user sees.
//! For the same reason those benchmarks take one iteration per sample.
//!
//! The ratio of the whole build to the floor, time per page and the cost of the layout passes
//! are printed by the other benchmark, `floor_ratio`.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

use common::{Case, Cases};
use divan::Bencher;
use typst_layout::PagedDocument;
use vplan::compute::Computed;
use vplan::export::Standards;
use vplan::plan::Loaded;

fn main() {
    divan::main();
    // The temporary folder lives in a static, which is never dropped: remove it here.
    drop(CASES.lock().unwrap().take());
}

/// The plans, written once per run; `None` after the run.
static CASES: LazyLock<Mutex<Option<Cases>>> = LazyLock::new(|| Mutex::new(Some(Cases::new())));

/// Everything a stage needs as input, computed once per plan (outside the measurements).
struct Prepared {
    file: PathBuf,
    output: PathBuf,
    folder: PathBuf,
    loaded: Loaded,
    computed: Computed,
    source: vplan::render::Rendered,
    document: PagedDocument,
}

/// The prepared inputs of the plan called `name`.
fn prepared(name: &str) -> Arc<Prepared> {
    static PREPARED: LazyLock<Mutex<HashMap<String, Arc<Prepared>>>> = LazyLock::new(Default::default);
    let mut map = PREPARED.lock().unwrap();
    map.entry(name.to_owned())
        .or_insert_with(|| {
            let guard = CASES.lock().unwrap();
            let cases = guard.as_ref().expect("the plans exist during the run");
            let Case { file, .. } = cases.get(name);
            let output = cases.dir.path().join(format!("{name}.pdf"));
            let loaded = vplan::plan::load(file).expect("the plan loads");
            let computed = vplan::compute::compute(&loaded.plan, None);
            let source = vplan::render::render(&loaded, &computed).expect("the plan renders");
            let (document, _) = vplan::compile::compile(&loaded, source.clone()).expect("the plan compiles");
            Arc::new(Prepared {
                file: file.clone(),
                folder: loaded.folder.clone(),
                output,
                loaded,
                computed,
                source,
                document,
            })
        })
        .clone()
}

/// Stage 1: read, parse and check the YAML file.
#[divan::bench(args = common::case_names())]
fn load(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher.bench(|| vplan::plan::load(&p.file).unwrap());
}

/// Stage 2: the budget arithmetic.
#[divan::bench(args = common::case_names())]
fn budget(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher.bench(|| vplan::compute::compute(&p.loaded.plan, None));
}

/// Stage 3: Markdown and templates to Typst source.
#[divan::bench(args = common::case_names())]
fn render(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher.bench(|| vplan::render::render(&p.loaded, &p.computed).unwrap());
}

/// Stage 4: Typst layout, cold.
#[divan::bench(args = common::case_names(), sample_count = 10, sample_size = 1, max_time = 4)]
fn compile(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher
        .with_inputs(|| {
            common::cold();
            p.source.clone()
        })
        .bench_values(|source| vplan::compile::compile(&p.loaded, source).unwrap());
}

/// Stage 5: PDF export (PDF/UA-1 and PDF/A-2a) of the laid-out document, without writing.
#[divan::bench(args = common::case_names(), sample_count = 10, sample_size = 1, max_time = 4)]
fn pdf(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher
        .with_inputs(common::cold)
        .bench_values(|()| vplan::export::pdf(&p.loaded, &p.document, &Standards::default()).unwrap());
}

/// All five stages and the file written: what `vplan build` does for one plan.
#[divan::bench(args = common::case_names(), sample_count = 10, sample_size = 1, max_time = 4)]
fn build(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher
        .with_inputs(common::cold)
        .bench_values(|()| vplan::build(&p.file, &p.output, false, &Standards::default()).unwrap());
}

/// The floor for the same source: bare Typst compile and export, and the file written.
#[divan::bench(args = common::case_names(), sample_count = 10, sample_size = 1, max_time = 4)]
fn floor(bencher: Bencher, name: &str) {
    let p = prepared(name);
    let output = p.output.with_extension("floor.pdf");
    let library = common::vplan_library(&p.source.theme);
    bencher
        .with_inputs(common::cold)
        .bench_values(|()| common::floor(&p.source.main, &library, &p.folder, p.loaded.date, &output));
}
