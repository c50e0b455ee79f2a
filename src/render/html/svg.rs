//! SVG images on the web page, drawn again in vplan's own fonts.
//!
//! In: an SVG file's bytes (already checked against the size limits of
//! [`crate::files::image_in_folder`]) and the plan's body font. Out: the same picture as SVG,
//! its text turned into outlines of vplan's embedded fonts ([`crate::fonts::FILES`]), so that a
//! browser without Carlito shows the plan's letters rather than its own serif font; with the
//! picture's width and its smallest text, so that the page can keep that text readable on a
//! phone. usvg reads the picture and writes it anew: what it does not draw (scripts, event
//! handlers, links to other files, styles from outside) is not written back.
//!
//! A picture usvg cannot read, or one larger than [`MAX_REDRAWN_BYTES`], is left as it is:
//! the browser then shows it as before, in its own fonts.

use std::sync::{Arc, LazyLock};

use usvg::fontdb;

/// The largest SVG file drawn again (512 KiB). Turning text into outlines takes memory for
/// every letter; a diagram is a few kilobytes, and a larger file is inlined as it is.
pub(crate) const MAX_REDRAWN_BYTES: usize = 512 * 1024;

/// The family vplan sets monospaced text in.
const MONOSPACE: &str = "DejaVu Sans Mono";

/// vplan's embedded fonts, loaded once.
static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut database = fontdb::Database::new();
    for (_, data) in crate::fonts::FILES {
        database.load_font_data(data.to_vec());
    }
    Arc::new(database)
});

/// An SVG picture drawn again for the web page.
#[derive(Debug)]
pub(crate) struct Redrawn {
    /// The picture as SVG, without any `<text>`: its letters are outlines.
    pub(crate) svg: String,
    /// The picture's width in its own units, which are CSS pixels at its natural size.
    pub(crate) width: f32,
    /// The size of its smallest text in the same units; none for a picture without text.
    pub(crate) smallest_text: Option<f32>,
}

/// The SVG `bytes` with their text in vplan's fonts: a family the picture names that vplan has
/// (Carlito, Caladea, DejaVu Sans Mono) is used, `monospace` is DejaVu Sans Mono, and every
/// other family (Arial, serif …) is the plan's body font `font`. None when usvg cannot read
/// the picture or it is larger than [`MAX_REDRAWN_BYTES`].
pub(crate) fn redrawn(bytes: &[u8], font: &str) -> Option<Redrawn> {
    if bytes.len() > MAX_REDRAWN_BYTES {
        return None;
    }
    let body = font.to_owned();
    let select_font: usvg::FontSelectionFn<'static> = Box::new(move |wanted, database| {
        let has = |name: &str| {
            database
                .faces()
                .any(|face| face.families.iter().any(|(family, _)| family.eq_ignore_ascii_case(name)))
        };
        let mut families: Vec<fontdb::Family> = Vec::new();
        for family in wanted.families() {
            match family {
                usvg::FontFamily::Named(name) if has(name) => {
                    families.push(fontdb::Family::Name(name.as_str()))
                }
                usvg::FontFamily::Monospace => families.push(fontdb::Family::Name(MONOSPACE)),
                _ => {}
            }
        }
        families.push(fontdb::Family::Name(&body));
        database.query(&fontdb::Query {
            families: &families,
            weight: fontdb::Weight(wanted.weight()),
            stretch: fontdb::Stretch::Normal,
            style: match wanted.style() {
                usvg::FontStyle::Normal => fontdb::Style::Normal,
                usvg::FontStyle::Italic => fontdb::Style::Italic,
                usvg::FontStyle::Oblique => fontdb::Style::Oblique,
            },
        })
    });
    let options = usvg::Options {
        font_family: font.to_owned(),
        fontdb: Arc::clone(&FONTS),
        font_resolver: usvg::FontResolver {
            select_font,
            select_fallback: usvg::FontResolver::default_fallback_selector(),
        },
        // Images inside the picture: those it carries (`data:`) stay; a link to a file or an
        // address is not followed, as a browser does not for a picture in `<img>`.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        resources_dir: None,
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(bytes, &options).ok()?;
    let mut smallest: Option<f32> = None;
    smallest_text(tree.root(), &mut smallest);
    let svg = tree.to_string(&usvg::WriteOptions::default());
    Some(Redrawn { svg, width: tree.size().width(), smallest_text: smallest })
}

/// The smallest text under `group`, as drawn (its size scaled by the transforms above it).
fn smallest_text(group: &usvg::Group, smallest: &mut Option<f32>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(inner) => smallest_text(inner, smallest),
            usvg::Node::Text(text) => {
                let (_, scale) = text.abs_transform().get_scale();
                for chunk in text.chunks() {
                    for span in chunk.spans() {
                        let size = span.font_size().get() * scale;
                        if size > 0.0 && smallest.is_none_or(|s| size < s) {
                            *smallest = Some(size);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIAGRAM: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 220" width="600" height="220">
  <script>alert(1)</script>
  <rect x="10" y="10" width="180" height="200" fill="#e6ecf2" onclick="alert(2)"/>
  <image href="https://example.org/spårare.png" width="10" height="10"/>
  <g font-family="Carlito" font-size="16"><text x="100" y="80">Avslutade individer</text></g>
  <text x="300" y="55" font-family="Times New Roman, serif" font-size="13">Ekonomitjänster</text>
  <g transform="scale(0.5)"><text x="10" y="300" font-size="20">Liten text</text></g>
</svg>"##;

    #[test]
    fn text_becomes_outlines_and_nothing_else_is_left() {
        let redrawn = redrawn(DIAGRAM.as_bytes(), "Carlito").expect("usvg reads the diagram");
        for left in ["<text", "<tspan", "font-family", "serif", "<script", "alert", "onclick", "example.org"]
        {
            assert!(!redrawn.svg.contains(left), "`{left}` is gone:\n{}", redrawn.svg);
        }
        assert!(redrawn.svg.contains("<path"), "the letters are outlines:\n{}", redrawn.svg);
        assert_eq!(redrawn.width, 600.0);
        // 20 units scaled by a half are 10 units: smaller than 13 and 16.
        assert_eq!(redrawn.smallest_text, Some(10.0));
    }

    #[test]
    fn the_example_plans_pictures_keep_their_sizes() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/bilder");
        for (file, smallest) in [("nyckeltal-dalarna.svg", 16.0), ("organisation-vvnd.svg", 13.0)] {
            let bytes = std::fs::read(folder.join(file)).expect("the example picture");
            let redrawn = redrawn(&bytes, "Caladea").expect("usvg reads it");
            assert_eq!((redrawn.width, redrawn.smallest_text), (600.0, Some(smallest)), "{file}");
            assert!(!redrawn.svg.contains("<text"), "{file}: no text left");
        }
    }

    #[test]
    fn what_usvg_cannot_read_or_too_large_a_file_is_left_as_it_is() {
        assert!(redrawn(b"<svg", "Carlito").is_none());
        assert!(redrawn(b"<svg xmlns='http://www.w3.org/2000/svg'><unclosed></svg>", "Carlito").is_none());
        let large = format!(
            "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><text>{}</text></svg>",
            "x".repeat(MAX_REDRAWN_BYTES)
        );
        assert!(redrawn(large.as_bytes(), "Carlito").is_none());
        // A picture without text has no smallest text.
        let plain = redrawn(b"<svg xmlns='http://www.w3.org/2000/svg' width='40' height='10'/>", "Carlito");
        assert!(plain.is_some_and(|p| p.smallest_text.is_none() && p.width == 40.0));
    }
}
