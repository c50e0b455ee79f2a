//! How long `vplan watch` takes from a save to the replaced PDF (`cargo bench --bench watch`).
//!
//! The real binary watches a copy of `plans/nedansiljan-2026.yaml` in a temporary folder. Each
//! round changes one sentence of the first section's text and saves the plan the way many
//! editors do (a new file renamed over the plan), or, every other round, by writing the plan in
//! place; the time runs from just before the save to the moment the PDF file is replaced (its
//! inode changes: vplan renames a finished PDF into place), polled every 0,2 ms. Printed: the
//! median, the 95th percentile and the range over the rounds, for each way of saving and in
//! all, and the build times `vplan watch` reported. Nothing is asserted about the times; the
//! figures go to docs/prestanda.md.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Saves measured, after the first build and two warm-up saves.
const ROUNDS: usize = 40;
/// The longest any one save may take before the measurement gives up.
const PATIENCE: Duration = Duration::from_secs(60);

#[cfg(not(unix))]
fn main() {
    println!("mätningen av vplan watch känner igen en ny PDF på dess inod och körs bara på Unix");
}

#[cfg(unix)]
fn main() {
    let folder = tempfile::Builder::new().prefix("vplan-watch-bench-").tempdir().expect("a temporary folder");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plan = folder.path().join("plan.yaml");
    let pdf = folder.path().join("plan.pdf");
    let original =
        std::fs::read_to_string(root.join("plans/nedansiljan-2026.yaml")).expect("the example plan");
    let sentence = "Nedansiljans samordningsförbund bildades 2007.";
    assert!(original.contains(sentence));
    std::fs::write(&plan, &original).expect("the plan is copied");
    // The images the plan shows, beside it as in plans/.
    let images = folder.path().join("bilder");
    std::fs::create_dir(&images).expect("a folder for the images");
    for entry in std::fs::read_dir(root.join("plans/bilder")).expect("plans/bilder") {
        let entry = entry.expect("an image");
        std::fs::copy(entry.path(), images.join(entry.file_name())).expect("the image is copied");
    }

    let mut child = Command::new(env!("CARGO_BIN_EXE_vplan"))
        .args(["watch", "plan.yaml"])
        .current_dir(folder.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("vplan watch starts");
    // The progress lines, as they come.
    let (lines_in, lines) = std::sync::mpsc::channel::<String>();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_in.send(line);
        }
    });
    let build_line = |what: &str| loop {
        let line = lines.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("no line for {what}"));
        if line.contains("sidor på") {
            return line;
        }
    };
    build_line("the first build");

    let inode =
        |path: &Path| std::fs::metadata(path).map(|m| std::os::unix::fs::MetadataExt::ino(&m)).unwrap_or(0);
    let mut renamed = Vec::new();
    let mut in_place = Vec::new();
    let mut reported = Vec::new();
    for round in 0..ROUNDS + 2 {
        let text = original
            .replace(sentence, &format!("Nedansiljans samordningsförbund bildades 2007 (ändring {round})."));
        let before = inode(&pdf);
        let by_rename = round % 2 == 0;
        let start = Instant::now();
        if by_rename {
            let temp = folder.path().join(".plan.yaml.tmp");
            std::fs::write(&temp, &text).expect("written");
            std::fs::rename(&temp, &plan).expect("renamed");
        } else {
            std::fs::write(&plan, &text).expect("written in place");
        }
        while inode(&pdf) == before {
            assert!(start.elapsed() < PATIENCE, "no new PDF after round {round}");
            std::thread::sleep(Duration::from_micros(200));
        }
        let latency = start.elapsed();
        let line = build_line("a save");
        if round >= 2 {
            if by_rename {
                renamed.push(latency)
            } else {
                in_place.push(latency)
            }
            reported.push(line);
        }
        // Let the watch settle before the next save, as a person typing would.
        std::thread::sleep(Duration::from_millis(150));
    }
    let _ = child.kill();
    let _ = child.wait();

    let mut all: Vec<Duration> = renamed.iter().chain(&in_place).copied().collect();
    for (what, times) in
        [("namnbyte", &mut renamed), ("skrivning på plats", &mut in_place), ("alla", &mut all)]
    {
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
        println!(
            "{what:>20}: {} sparningar, median {:.1} ms, 95:e percentilen {:.1} ms, {:.1}–{:.1} ms",
            times.len(),
            ms(at(0.5)),
            ms(at(0.95)),
            ms(times[0]),
            ms(times[times.len() - 1])
        );
    }
    println!("vplan watch skrev: {}", reported.join(" | "));
}
