//! Each stage of a build, the whole build and the floor, on every example plan and on
//! generated plans of about 10, 50 and 200 pages (`cargo bench --bench stages`).
//!
//! The stages are the methods of vplan's [`Pipeline`] value, the same that `vplan build` runs. Every
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
use vplan::outputs::Output;
use vplan::pipeline::{Checked, Pipeline, Session};

fn main() {
    divan::main();
    // The temporary folder lives in a static, which is never dropped: remove it here.
    drop(CASES.lock().unwrap().take());
}

/// The plans, written once per run; `None` after the run.
static CASES: LazyLock<Mutex<Option<Cases>>> = LazyLock::new(|| Mutex::new(Some(Cases::new())));

/// Everything a stage needs as input, computed once per plan (outside the measurements) by the
/// same pipeline the stages are then timed from.
struct Prepared {
    file: PathBuf,
    output: PathBuf,
    checked: Checked,
    document: PagedDocument,
}

/// The pipeline `vplan build` runs: the plan as a PDF/UA-1 + PDF/A-2a file.
fn pipeline() -> Pipeline<'static> {
    Pipeline::default()
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
            let checked = pipeline().check(file).expect("the plan is valid");
            let (document, _) = pipeline()
                .compile(&mut Session::default(), &checked.loaded, checked.rendered.clone())
                .expect("the plan compiles");
            Arc::new(Prepared { file: file.clone(), output, checked, document })
        })
        .clone()
}

/// Stage load: read, parse and check the YAML file.
#[divan::bench(args = common::case_names())]
fn load(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher.bench(|| pipeline().load(&p.file).unwrap());
}

/// Stage predecessor: the plan named by `föregående` (nothing for most plans).
#[divan::bench(args = common::case_names())]
fn predecessor(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher.bench(|| pipeline().predecessor(&p.checked.loaded).unwrap());
}

/// Stage compute: the budget arithmetic.
#[divan::bench(args = common::case_names())]
fn compute(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher.bench(|| pipeline().compute(&p.checked.loaded, p.checked.predecessor.as_ref()));
}

/// Stage lint: every warning.
#[divan::bench(args = common::case_names())]
fn lint(bencher: Bencher, name: &str) {
    let p = prepared(name);
    let pipeline = pipeline();
    let context = pipeline.context(&p.checked.loaded, p.checked.predecessor.as_ref(), &p.checked.computed);
    bencher.bench(|| pipeline.lint(&context));
}

/// Stage render: Markdown and templates to Typst source.
#[divan::bench(args = common::case_names())]
fn render(bencher: Bencher, name: &str) {
    let p = prepared(name);
    let pipeline = pipeline();
    let context = pipeline.context(&p.checked.loaded, p.checked.predecessor.as_ref(), &p.checked.computed);
    bencher.bench(|| pipeline.render(&context).unwrap());
}

/// Stage compile: Typst layout, cold, in a fresh session as `vplan build` has.
#[divan::bench(args = common::case_names(), sample_count = 10, sample_size = 1, max_time = 4)]
fn compile(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher
        .with_inputs(|| {
            common::cold();
            p.checked.rendered.clone()
        })
        .bench_values(|rendered| {
            pipeline().compile(&mut Session::default(), &p.checked.loaded, rendered).unwrap()
        });
}

/// Stage export: PDF (PDF/UA-1 and PDF/A-2a) of the laid-out document, without writing.
#[divan::bench(args = common::case_names(), sample_count = 10, sample_size = 1, max_time = 4)]
fn pdf(bencher: Bencher, name: &str) {
    let p = prepared(name);
    let pipeline = pipeline();
    let context = pipeline.context(&p.checked.loaded, p.checked.predecessor.as_ref(), &p.checked.computed);
    bencher.with_inputs(common::cold).bench_values(|()| {
        pipeline.export(Output::Pdf, &context, &p.output, &p.checked.rendered.main, &p.document).unwrap()
    });
}

/// Every stage and the file written: what `vplan build` does for one plan.
#[divan::bench(args = common::case_names(), sample_count = 10, sample_size = 1, max_time = 4)]
fn build(bencher: Bencher, name: &str) {
    let p = prepared(name);
    bencher
        .with_inputs(common::cold)
        .bench_values(|()| pipeline().build(&mut Session::default(), &p.file, &p.output).unwrap());
}

/// The floor for the same source: bare Typst compile and export, and the file written.
#[divan::bench(args = common::case_names(), sample_count = 10, sample_size = 1, max_time = 4)]
fn floor(bencher: Bencher, name: &str) {
    let p = prepared(name);
    let output = p.output.with_extension("floor.pdf");
    let (loaded, rendered) = (&p.checked.loaded, &p.checked.rendered);
    let library = common::vplan_library(&rendered.theme);
    bencher
        .with_inputs(common::cold)
        .bench_values(|()| common::floor(&rendered.main, &library, &loaded.folder, loaded.date, &output));
}
