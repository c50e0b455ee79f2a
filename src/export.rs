//! Stage export: the laid-out document as the bytes of a PDF, or of page images.
//!
//! In: the laid-out document, its identifier and date (which its [`crate::documents`] kind
//! chooses) and the plan it belongs to (an image's text that no font shows is the plan's
//! error). Out: bytes; the kind names the files and [`crate::pipeline`] writes them all at
//! once.

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

/// Turns the document into PDF bytes with the stable `identifier` (the PDF's document id is
/// made from it); every date in them is `date`.
pub fn pdf(
    loaded: &Loaded,
    document: &PagedDocument,
    standards: &Standards,
    identifier: &str,
    date: chrono::NaiveDate,
) -> Result<Vec<u8>, Error> {
    let timestamp = Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
        .map(Timestamp::new_utc)
        .ok_or_else(|| Error::bug(format!("datumet {date} kan inte bli en PDF-tidsstämpel")))?;
    let options = PdfOptions {
        ident: Smart::Custom(identifier.to_owned()),
        creator: Smart::Custom(Some(format!("vplan {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(timestamp),
        standards: PdfStandards::new(&standards.0)
            .map_err(|e| Error::bug(format!("PDF-standarderna: {}", e.message())))?,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        // Text that no font can show is the plan's (validation catches it in the plan's own
        // text; this is text inside an image, such as an SVG), not vplan's.
        let unshown: Vec<String> = errors.iter().filter_map(|e| unshown_text(&e.message)).collect();
        if unshown.len() == errors.len() {
            return loaded.error(vec![
                Diagnostic::new(format!(
                    "en bild i planen har text som vplans typsnitt inte kan visa: {}",
                    unshown.join(", ")
                ))
                .note("en PDF som går att arkivera och läsa med skärmläsare (PDF/A, PDF/UA) måste kunna visa varje tecken")
                .hint("byt ut tecknen i bilden, eller gör om texten i bilden till kurvor"),
            ]);
        }
        Error::bug(format!(
            "PDF-filen kunde inte skrivas: {}",
            errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ")
        ))
    })
}

/// The text of a PDF export error that says a text could not be displayed with its font.
fn unshown_text(message: &str) -> Option<String> {
    let rest = message.split_once("the text `")?.1;
    let (text, after) = rest.split_once('`')?;
    after.contains("could not be displayed").then(|| text.trim_matches('"').to_owned())
}

/// The most pixels one page image may have (an A3 page at 600 pixels per inch has 70
/// million): drawing a page takes four bytes a pixel, so a plan's own template with a page of
/// 2 000 cm would otherwise ask for far more memory than there is.
pub const MAX_PAGE_PIXELS: f64 = 80_000_000.0;

/// Draws each page as a PNG image, in page order, at `ppi` pixels per inch, each marked as
/// vplan's ([`crate::files::mark_png`]). Every page's size is checked before any is drawn.
pub fn png(loaded: &Loaded, document: &PagedDocument, ppi: f32) -> Result<Vec<Vec<u8>>, Error> {
    let scale = f64::from(ppi) / 72.0;
    for (number, page) in document.pages().iter().enumerate() {
        let size = page.frame.size();
        let (width, height) = ((size.x.to_pt() * scale).ceil(), (size.y.to_pt() * scale).ceil());
        let fits = width * height <= MAX_PAGE_PIXELS
            && width <= f64::from(u16::MAX)
            && height <= f64::from(u16::MAX);
        if !fits {
            let templates = loaded.plan.look.templates.as_ref();
            return Err(loaded.error(vec![
                Diagnostic::new(format!(
                    "sida {} är {} × {} cm, för stor för en sidbild med {ppi} bildpunkter per tum",
                    number + 1,
                    crate::swedish::amount(rust_decimal::Decimal::from(size.x.to_cm().round() as i64)),
                    crate::swedish::amount(rust_decimal::Decimal::from(size.y.to_cm().round() as i64)),
                ))
                .at(templates.and_then(|f| crate::plan::position(&f.referenced, f.value.chars().count())))
                .note(format!(
                    "en sidbild får ha högst {} miljoner bildpunkter och högst {} på en sida",
                    MAX_PAGE_PIXELS as u64 / 1_000_000,
                    crate::swedish::amount(rust_decimal::Decimal::from(u16::MAX))
                ))
                .hint("ge sidan en vanlig storlek i mallarna (till exempel `paper: \"a4\"`), eller välj en lägre upplösning med --ppi"),
            ]));
        }
    }
    let options =
        typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(scale), render_bleed: false };
    document
        .pages()
        .iter()
        .map(|page| {
            typst_render::render(page, &options)
                .encode_png()
                .map(crate::files::mark_png)
                .map_err(|e| Error::bug(format!("sidbilden kunde inte kodas som PNG: {e}")))
        })
        .collect()
}
