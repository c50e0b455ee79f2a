//! A plan at the size vplan is meant to carry, built by release code: 10 000 insatser in one
//! målområde (`cargo bench --bench bounds`).
//!
//! What it proves is a bound on the work, not a time: the plan builds at all, every insats is in
//! the PDF (the first and the last, read back with poppler's `pdftotext`), and the build stays
//! within the time and memory a user can wait for. The time and the page count are printed for
//! docs/tester.md; nothing is asserted about them (a timed assertion would fail on a slow
//! machine, not on a fault). In a debug build the plan takes minutes, which is why it is here
//! and not in `cargo test`.

use std::process::Command;
use std::time::Instant;

use vplan::pipeline::{Pipeline, Session};

/// The number of insatser.
const INSATSER: usize = 10_000;

fn main() {
    let folder = tempfile::Builder::new().prefix("vplan-bounds-").tempdir().expect("a temporary folder");
    let plan = folder.path().join("tiotusen-insatser.yaml");
    let pdf = plan.with_extension("pdf");
    let items: String = (1..=INSATSER).map(|i| format!("      - Insats nummer {i}\n")).collect();
    let text = format!(
        "förbund:
  namn: Testbygdens samordningsförbund
  medlemmar:
    - {{ namn: Testby kommun, typ: kommun }}
    - {{ namn: Region Test, typ: region }}
    - {{ namn: Försäkringskassan, typ: försäkringskassan }}
    - {{ namn: Arbetsförmedlingen, typ: arbetsförmedlingen }}
dokument:
  år: 2026
  datum: 2025-11-20
avsnitt:
  - rubrik: Mål
    innehåll: [ målområden ]
målområden:
  - rubrik: Allt
    insatser:
{items}"
    );
    std::fs::write(&plan, text).expect("the plan is written");

    let start = Instant::now();
    let built = Pipeline::default()
        .build(&mut Session::default(), &plan, &pdf)
        .unwrap_or_else(|e| panic!("{INSATSER} insatser build: {e}"));
    let elapsed = start.elapsed();

    let output = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext from poppler-utils reads the PDF back (bash .ci/run installs it)");
    assert!(output.status.success(), "pdftotext: {}", String::from_utf8_lossy(&output.stderr));
    let read = String::from_utf8_lossy(&output.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for insats in ["Insats nummer 1 ", &format!("Insats nummer {INSATSER}")] {
        assert!(read.contains(insats), "`{}` is in the PDF", insats.trim());
    }
    println!(
        "{INSATSER} insatser: {} sidor på {:.2} s, den första och den sista insatsen står i PDF:en",
        built.pages,
        elapsed.as_secs_f64()
    );
}
