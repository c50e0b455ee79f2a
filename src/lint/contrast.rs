//! Rule `lag-kontrast`: a theme colour in which text is set stands out too little from what
//! is behind it (WCAG 2.1, 1.4.3): the accent (headings, the cover's title, links) against the
//! white page, and the text of table header rows against the `tabellhuvud` colour.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::compute::Computed;
use crate::compute::contrast::{self, Rgb, WHITE};
use crate::error::Diagnostic;
use crate::plan::{Colour, Loaded, position};

/// The running text's colour on the web page (the PDF's is black): the darker text of the two.
const TEXT: Rgb = [0x1a, 0x1a, 0x1a];

/// Warns at each colour whose contrast is below what its text needs: 4.5:1 for the accent,
/// which links set in running text use, and for the text on the table header colour.
pub(super) fn check(loaded: &Loaded, _: &Computed) -> Vec<Diagnostic> {
    let colours = &loaded.plan.look.colours;
    let mut warnings = Vec::new();
    if let Some((code, at, rgb)) = written(&colours.accent) {
        let ratio = contrast::ratio(rgb, WHITE);
        if ratio < Decimal::new(45, 1) {
            let headings = if ratio < Decimal::from(3) {
                "; rubrikerna, som är stora, behöver minst 3:1 och får det inte heller"
            } else {
                "; stora rubriker klarar sig med 3:1, men länkar i brödtexten gör det inte"
            };
            warnings.push(
                Diagnostic::new(format!(
                    "accentfärgen {code} har kontrasten {} mot den vita sidan; text i den färgen behöver minst 4,5:1",
                    shown(ratio)
                ))
                .at(position(at, code.chars().count() + 2))
                .note(format!("accentfärgen används för rubriker, försättsbladets titel och länkar{headings}"))
                .hint("välj en mörkare färg, till exempel förvalet \"#1f4e79\" (8,6:1)"),
            );
        }
    }
    if let Some((code, at, rgb)) = written(&colours.table_header) {
        let ratio = contrast::ratio(TEXT, rgb);
        if ratio < Decimal::new(45, 1) {
            warnings.push(
                Diagnostic::new(format!(
                    "tabellhuvudets färg {code} har kontrasten {} mot rubrikradernas text; texten behöver minst 4,5:1",
                    shown(ratio)
                ))
                .at(position(at, code.chars().count() + 2))
                .hint("välj en ljusare färg, till exempel förvalet \"#e9f0f7\""),
            );
        }
    }
    warnings
}

/// A colour the plan gives, with where it stands (its quotes: unquoted, YAML reads `#` as a
/// comment) and its channels.
fn written(colour: &Colour) -> Option<(&str, &serde_saphyr::Location, Rgb)> {
    let spanned = colour.as_ref()?;
    let code = spanned.value.as_deref()?;
    Some((code.trim(), &spanned.referenced, contrast::parse(code)?))
}

/// "1,7:1": one decimal, rounded down so that a ratio just short of its limit never reads as
/// the limit itself.
fn shown(ratio: Decimal) -> String {
    let rounded = ratio.round_dp_with_strategy(1, RoundingStrategy::ToZero);
    format!("{}:1", rounded.to_string().replace('.', ","))
}
