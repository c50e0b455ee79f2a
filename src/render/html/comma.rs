//! Figures in a web page's table columns, aligned on the decimal comma.
//!
//! In: a column's figures as vplan formatted them ("25 %", "17,5 %", "−1 200,50") and their
//! hanging markers ("*"). Out: each figure as HTML that, right-aligned with tabular digits,
//! puts its comma under the others': "25 %" gets an invisible ",0" before its " %" (the room
//! "17,5 %" takes), as the PDF's `on-comma` in `templates/tabeller.typ` does, and a figure with
//! a shorter marker than the column's longest gets invisible room for the rest. The invisible
//! part is `aria-hidden` and cannot be selected, so neither a screen reader nor a copy has it.
//!
//! Text is escaped here with [`escape::html`], once; a typed table's cell arrives as HTML and
//! is aligned only when it is plain text.

use serde::Serialize;

use crate::render::escape;

/// How a column's figures line up: the most decimals any of them has and its longest hanging
/// marker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Column {
    pub(crate) decimals: usize,
    pub(crate) hanging: String,
}

impl Column {
    /// The alignment of the figures `cells`, each a figure and its hanging marker.
    pub(crate) fn of<'a>(cells: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut column = Self::default();
        for (text, hanging) in cells {
            column.decimals = column.decimals.max(parts(text).map_or(0, |p| p.decimals()));
            if hanging.chars().count() > column.hanging.chars().count() {
                column.hanging = hanging.to_owned();
            }
        }
        column
    }
}

/// A figure split where its comma stands: the whole part up to its last digit, the comma
/// with its decimals (or nothing), and what follows (" %", " kr").
#[derive(Debug, PartialEq, Eq)]
struct Parts<'a> {
    whole: &'a str,
    fraction: &'a str,
    rest: &'a str,
}

impl Parts<'_> {
    fn decimals(&self) -> usize {
        self.fraction.chars().count().saturating_sub(1)
    }
}

/// The parts of `text` if it is one figure: digits (with spaces, a sign or a marker before
/// them), at most one comma followed by digits, and no digit after that.
fn parts(text: &str) -> Option<Parts<'_>> {
    let last = text.rfind(|c: char| c.is_ascii_digit())?;
    let (figure, rest) = text.split_at(last + 1);
    let (whole, fraction) = match figure.rfind(',') {
        Some(comma) => figure.split_at(comma),
        None => (figure, ""),
    };
    let fraction_ok =
        fraction.is_empty() || (fraction.len() > 1 && fraction[1..].bytes().all(|b| b.is_ascii_digit()));
    (whole.ends_with(|c: char| c.is_ascii_digit()) && !whole.contains(',') && fraction_ok).then_some(Parts {
        whole,
        fraction,
        rest,
    })
}

/// The invisible room a figure leaves for what it lacks.
fn hidden(missing: &str) -> String {
    if missing.is_empty() {
        String::new()
    } else {
        format!("<span class=\"komma\" aria-hidden=\"true\">{}</span>", escape::html(missing))
    }
}

/// What a figure with `own` decimals lacks to have the column's `decimals`: ",0" for "25 %"
/// in a column with "17,5 %".
fn missing_decimals(own: &Parts, decimals: usize) -> String {
    let lack = decimals.saturating_sub(own.decimals());
    if lack == 0 {
        String::new()
    } else {
        format!("{}{}", if own.fraction.is_empty() { "," } else { "" }, "0".repeat(lack))
    }
}

/// What a marker lacks to be as wide as the column's longest.
fn missing_marker(hanging: &str, column: &Column) -> String {
    column.hanging.chars().skip(hanging.chars().count()).collect()
}

/// The figure `text` with its marker `hanging`, as HTML aligned in `column`: escaped, inside
/// one `<span class="tal">` (a phone's stacked table keeps it whole).
pub(crate) fn figure(text: &str, hanging: &str, column: &Column) -> String {
    let marker = format!("{}{}", escape::html(hanging), hidden(&missing_marker(hanging, column)));
    let figure = match parts(text) {
        Some(own) => format!(
            "{}{}{}{}",
            escape::html(own.whole),
            escape::html(own.fraction),
            hidden(&missing_decimals(&own, column.decimals)),
            unit(own.rest)
        ),
        None => escape::html(text),
    };
    format!("<span class=\"tal\">{figure}{marker}</span>")
}

/// What follows a figure, escaped; a unit in letters (" kr") in a span of its own, set in the
/// regular weight in a bold row too, so that it takes the same room as in the other rows.
fn unit(rest: &str) -> String {
    if rest.contains(char::is_alphabetic) {
        format!("<span class=\"efter\">{}</span>", escape::html(rest))
    } else {
        escape::html(rest)
    }
}

/// A typed table's cell `html` (already converted and escaped), aligned in `column` when it is
/// plain text; otherwise as it is.
pub(crate) fn cell(html: &str, column: &Column) -> String {
    if html.contains(['<', '&']) {
        return html.to_owned();
    }
    match parts(html) {
        Some(own) => {
            format!(
                "{}{}{}{}",
                own.whole,
                own.fraction,
                hidden(&missing_decimals(&own, column.decimals)),
                own.rest
            )
        }
        None => html.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NBSP: char = '\u{a0}';

    #[test]
    fn figures_split_where_their_comma_stands() {
        let percent = format!("17,5{NBSP}%");
        assert_eq!(parts(&percent), Some(Parts { whole: "17", fraction: ",5", rest: "\u{a0}%" }));
        assert_eq!(parts("−1 200,50"), Some(Parts { whole: "−1 200", fraction: ",50", rest: "" }));
        assert_eq!(parts("*7 077 600"), Some(Parts { whole: "*7 077 600", fraction: "", rest: "" }));
        assert_eq!(parts("1 966 000 kr").map(|p| p.rest), Some(" kr"));
        for not_one in ["", "–", "text"] {
            assert!(parts(not_one).is_none(), "{not_one}");
        }
        assert!(parts("1,2,3").is_none());
        assert!(parts("1, 2").is_none());
    }

    #[test]
    fn a_figure_without_the_columns_decimals_gets_invisible_room_for_them() {
        let column = Column::of([("25 %", ""), ("17,5 %", ""), ("100 %", "")]);
        assert_eq!(column, Column { decimals: 1, hanging: String::new() });
        assert_eq!(
            figure("25 %", "", &column),
            "<span class=\"tal\">25<span class=\"komma\" aria-hidden=\"true\">,0</span> %</span>"
        );
        assert_eq!(figure("17,5 %", "", &column), "<span class=\"tal\">17,5 %</span>");
        let two = Column { decimals: 2, hanging: "**".to_owned() };
        assert_eq!(
            figure("1,5", "*", &two),
            "<span class=\"tal\">1,5<span class=\"komma\" aria-hidden=\"true\">0</span>*<span class=\"komma\" aria-hidden=\"true\">*</span></span>"
        );
        assert_eq!(
            figure("1 966 000 kr", "", &Column::default()),
            "<span class=\"tal\">1 966 000<span class=\"efter\"> kr</span></span>"
        );
        // Text that is no figure is escaped and left as it is.
        assert_eq!(figure("<b>", "", &Column::default()), "<span class=\"tal\">&lt;b&gt;</span>");
        // A typed table's cell: plain text is aligned, markup left alone.
        let one = Column { decimals: 1, hanging: String::new() };
        assert_eq!(cell("60 %", &one), "60<span class=\"komma\" aria-hidden=\"true\">,0</span> %");
        assert_eq!(cell("<em>60</em>", &one), "<em>60</em>");
        assert_eq!(cell("A &amp; B 5", &one), "A &amp; B 5");
    }
}
