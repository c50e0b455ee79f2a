//! Reading a SIE file of about 50 MB (`cargo bench --bench sie`): a year of vouchers (SIE type
//! 4, code page 437) generated into a temporary folder at the start of the run, never
//! committed. It shows that a file far larger than any förbund's is read within the bounds of
//! `src/sie/`, and how long it takes; the memory is measured with the real binary, see
//! docs/prestanda.md.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

/// The size the generated file reaches, at least.
const TARGET_BYTES: usize = 50 * 1024 * 1024;

/// The generated file, written once per run, and its folder.
static FILE: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("stor.se");
    std::fs::write(&path, generate(TARGET_BYTES)).expect("the file is written");
    (folder, path)
});

/// A SIE type 4 file of at least `bytes` bytes: header, chart, objects and vouchers of three
/// rows each over the year, with Swedish letters in code page 437.
pub fn generate(bytes: usize) -> Vec<u8> {
    let mut text = String::with_capacity(bytes + 4096);
    text.push_str(
        "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#PROGRAM \"vplan bench\" 1\n#FNAMN \"Stora förbundet\"\n",
    );
    text.push_str("#RAR 0 20260101 20261231\n#DIM 1 \"Kostnadsställe\"\n");
    for kst in 100..200 {
        let _ = writeln!(text, "#OBJEKT 1 \"{kst}\" \"Kostnadsställe {kst} för åtgärder\"");
    }
    for account in (3000..8000).step_by(10) {
        let _ = writeln!(text, "#KONTO {account} \"Konto {account} övrigt\"");
    }
    let mut n: u64 = 0;
    while text.len() < bytes {
        n += 1;
        let day = 1 + (n % 28);
        let month = 1 + (n / 28) % 12;
        let account = 4000 + (n * 37 % 400) * 10;
        let kst = 100 + n % 100;
        let amount = (n * 7919) % 1_000_000;
        let _ = write!(
            text,
            "#VER A {n} 2026{month:02}{day:02} \"Faktura {n} för åtgärd\"\n{{\n   #TRANS {account} {{1 \"{kst}\"}} {}.{:02}\n   #TRANS 2440 {{}} -{}.{:02}\n   #TRANS 3010 {{}} 0.00\n}}\n",
            amount / 100,
            amount % 100,
            amount / 100,
            amount % 100
        );
    }
    text.chars().map(cp437_byte).collect()
}

/// The code page 437 byte of the characters the generator writes.
fn cp437_byte(c: char) -> u8 {
    match c {
        'å' => 0x86,
        'ä' => 0x84,
        'ö' => 0x94,
        c => c as u8,
    }
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn read_50_mb(bencher: divan::Bencher) {
    let path = &FILE.1;
    bencher.bench(|| {
        let books = vplan::sie::read_file(divan::black_box(path)).expect("the file is within the bounds");
        assert!(books.vouchers > 100_000);
        books
    });
}
