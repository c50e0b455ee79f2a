//! Stage 5: write the PDF.
//!
//! In: the laid-out document and the plan (for its metadata date and identity). Out: the PDF
//! file at the output path. The bytes go to a temporary file beside the target, which is then
//! renamed into place, so a failed build never leaves a half-written or missing PDF where the
//! previous one was. With `--png` each page is also drawn as a PNG image beside the PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Datelike;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::{Diagnostic, Error};
use crate::plan::Loaded;

/// The PDF standards a build conforms to; by default PDF/UA-1 (accessible) together with
/// PDF/A-2a (archival, tagged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standards(Vec<PdfStandard>);

/// The standards `--standard` accepts, by the names it accepts.
const STANDARD_NAMES: &[(&str, PdfStandard)] = &[
    ("ua-1", PdfStandard::Ua_1),
    ("a-1b", PdfStandard::A_1b),
    ("a-1a", PdfStandard::A_1a),
    ("a-2b", PdfStandard::A_2b),
    ("a-2u", PdfStandard::A_2u),
    ("a-2a", PdfStandard::A_2a),
    ("a-3b", PdfStandard::A_3b),
    ("a-3u", PdfStandard::A_3u),
    ("a-3a", PdfStandard::A_3a),
    ("a-4", PdfStandard::A_4),
    ("1.7", PdfStandard::V_1_7),
    ("2.0", PdfStandard::V_2_0),
];

impl Default for Standards {
    fn default() -> Self {
        Self(vec![PdfStandard::Ua_1, PdfStandard::A_2a])
    }
}

impl std::str::FromStr for Standards {
    type Err = String;

    /// `ua-1,a-2a`, or `ingen` for a plain tagged PDF.
    fn from_str(text: &str) -> Result<Self, String> {
        if text.trim() == "ingen" {
            return Ok(Self(Vec::new()));
        }
        let mut list = Vec::new();
        for name in text.split(',').map(str::trim) {
            match STANDARD_NAMES.iter().find(|(n, _)| *n == name) {
                Some((_, standard)) => list.push(*standard),
                None => {
                    return Err(format!(
                        "okänd standard `{name}`; välj bland {} eller `ingen`",
                        STANDARD_NAMES.iter().map(|(n, _)| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                    ));
                }
            }
        }
        // PDF/A-1 is PDF 1.4, where an accessible (PDF/UA-1) document cannot be written.
        let a1 = list.iter().any(|s| matches!(s, PdfStandard::A_1a | PdfStandard::A_1b));
        if a1 && list.contains(&PdfStandard::Ua_1) {
            return Err(
                "ua-1 går inte ihop med a-1a eller a-1b (PDF 1.4); välj a-2a, a-2b eller a-3b".to_owned()
            );
        }
        PdfStandards::new(&list)
            .map_err(|e| format!("standarderna går inte att kombinera: {}", e.message()))?;
        Ok(Self(list))
    }
}

/// Turns the document into PDF bytes; every date in them comes from the plan.
pub fn pdf(loaded: &Loaded, document: &PagedDocument, standards: &Standards) -> Result<Vec<u8>, Error> {
    pdf_part(loaded, document, standards, "")
}

/// Like [`pdf`], for a document that belongs to the plan without being it (the appendix of
/// changes): `part` tells its PDF identity apart from the plan's.
pub fn pdf_part(
    loaded: &Loaded,
    document: &PagedDocument,
    standards: &Standards,
    part: &str,
) -> Result<Vec<u8>, Error> {
    let date = loaded.date;
    let timestamp = Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
        .map(Timestamp::new_utc)
        .ok_or_else(|| Error::Bug(format!("datumet {date} kan inte bli en PDF-tidsstämpel")))?;
    let options = PdfOptions {
        // A stable identity: the same förbund and year keep the same PDF document id.
        ident: Smart::Custom(format!(
            "vplan:{}:{}{part}",
            loaded.plan.association.name, loaded.plan.document.year.value
        )),
        creator: Smart::Custom(Some(format!("vplan {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(timestamp),
        standards: PdfStandards::new(&standards.0)
            .map_err(|e| Error::Bug(format!("PDF-standarderna: {}", e.message())))?,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        Error::Bug(format!(
            "PDF-filen kunde inte skrivas: {}",
            errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ")
        ))
    })
}

/// Draws each page and writes it as a PNG beside `pdf`: `namn.pdf` gets `namn-1.png`,
/// `namn-2.png` …, numbered like the pages, so a web page can show page N as `namn-N.png`.
/// Images of pages the document no longer has, left by an earlier build, are removed so the
/// folder never shows a stale last page.
pub fn png(document: &PagedDocument, pdf: &Path, ppi: f32) -> Result<Vec<PathBuf>, Error> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(ppi) / 72.0),
        render_bleed: false,
    };
    let mut written = Vec::new();
    for (i, page) in document.pages().iter().enumerate() {
        let bytes = typst_render::render(page, &options)
            .encode_png()
            .map_err(|e| Error::Bug(format!("sidbilden kunde inte kodas som PNG: {e}")))?;
        let file = page_image(pdf, i + 1);
        write_atomically(&file, &bytes)?;
        written.push(file);
    }
    let mut stale = document.pages().len() + 1;
    while page_image(pdf, stale).is_file() {
        // Best effort: a stale image that cannot be removed is only untidy.
        let _ = std::fs::remove_file(page_image(pdf, stale));
        stale += 1;
    }
    Ok(written)
}

/// The image file of page `number` (from 1) of `pdf`.
pub fn page_image(pdf: &Path, number: usize) -> PathBuf {
    let stem = pdf.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    pdf.with_file_name(format!("{stem}-{number}.png"))
}

/// Checks that `output` can receive a file built from `plan`, before any work is done.
pub fn check_target(plan: &Path, output: &Path) -> Result<(), Error> {
    if output.is_dir() {
        return Err(Error::User(
            Diagnostic::new(format!("utfilen {} är en mapp", output.display()))
                .hint("ange ett filnamn, till exempel -o plan.pdf"),
        ));
    }
    let same = match (plan.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Error::User(
            Diagnostic::new(format!("utfilen {} är planen själv", output.display()))
                .hint("välj ett annat namn för PDF-filen, till exempel med ändelsen .pdf"),
        ));
    }
    Ok(())
}

/// Writes `bytes` to `output` through a temporary file in the same folder.
pub fn write_atomically(output: &Path, bytes: &[u8]) -> Result<(), Error> {
    let folder = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let failed = |e: std::io::Error| {
        Error::User(
            Diagnostic::new(format!("kan inte skriva {}: {}", output.display(), crate::io_reason(&e)))
                .hint("kontrollera att mappen finns och att du får skriva i den; en tidigare PDF är orörd"),
        )
    };
    let mut temp =
        tempfile::Builder::new().prefix(".vplan-").suffix(".tmp").tempfile_in(folder).map_err(failed)?;
    temp.write_all(bytes).map_err(failed)?;
    #[cfg(unix)]
    {
        // A temporary file is private (0600); the PDF is for the board and the web: keep the
        // old file's permissions, or give a new one the usual 0644.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(output).map(|m| m.permissions().mode() & 0o777).unwrap_or(0o644);
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(failed)?;
    }
    temp.as_file().sync_all().map_err(failed)?;
    temp.persist(output).map_err(|e| failed(e.error))?;
    Ok(())
}
