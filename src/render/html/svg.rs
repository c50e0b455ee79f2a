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
//! A picture usvg cannot read, one larger than [`MAX_REDRAWN_BYTES`], one that draws more than
//! [`MAX_REDRAWN_LETTERS`] letters and one with an SVG image inside it is left as it is: the
//! browser then shows it as before, in its own fonts.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use usvg::fontdb;

/// The largest SVG file drawn again (512 KiB); a diagram is a few kilobytes, and a larger file
/// is inlined as it is.
pub(crate) const MAX_REDRAWN_BYTES: usize = 512 * 1024;

/// The most letters an SVG image may draw to be drawn again, each `<use>` counted as often as
/// it repeats what it names. Every letter becomes an outline of about 0,6 kB on the page
/// (0,8 kB in base64; measured with Carlito): 3 000 letters are about 2,5 MB, a diagram's
/// labels a few hundred letters. A picture with more is inlined as it is.
pub(crate) const MAX_REDRAWN_LETTERS: u64 = 3_000;

/// How deep the elements of an SVG image are followed when its letters are counted.
const MAX_DEPTH: usize = 256;

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
    let text = std::str::from_utf8(bytes).ok()?;
    let document = usvg::roxmltree::Document::parse_with_options(
        text,
        usvg::roxmltree::ParsingOptions { allow_dtd: true, ..usvg::roxmltree::ParsingOptions::default() },
    )
    .ok()?;
    if Letters::new(&document).count(document.root_element(), false, 0)? > MAX_REDRAWN_LETTERS {
        return None;
    }
    let tree = usvg::Tree::from_xmltree(&document, &options).ok()?;
    let mut smallest: Option<f32> = None;
    smallest_text(tree.root(), &mut smallest);
    // Hundredths of a unit are finer than a pixel at any width the page draws a picture.
    let svg = tree.to_string(&usvg::WriteOptions {
        coordinates_precision: 2,
        transforms_precision: 4,
        indent: usvg::Indent::None,
        ..usvg::WriteOptions::default()
    });
    Some(Redrawn { svg, width: tree.size().width(), smallest_text: smallest })
}

/// Counts the letters an SVG document draws, following each `<use>` to what it names.
struct Letters<'a, 'input> {
    ids: HashMap<&'a str, usvg::roxmltree::Node<'a, 'input>>,
    counted: HashMap<(usvg::roxmltree::NodeId, bool), u64>,
    open: HashSet<usvg::roxmltree::NodeId>,
}

impl<'a, 'input> Letters<'a, 'input> {
    fn new(document: &'a usvg::roxmltree::Document<'input>) -> Self {
        let ids = document.descendants().filter_map(|n| Some((n.attribute("id")?, n))).collect();
        Self { ids, counted: HashMap::new(), open: HashSet::new() }
    }

    /// The letters `node` draws (`in_text`: it stands inside a `<text>`); none when they cannot
    /// be counted or are too many: a `<use>` that names itself, elements nested too deep, an
    /// SVG image inside the picture.
    fn count(&mut self, node: usvg::roxmltree::Node<'a, 'input>, in_text: bool, depth: usize) -> Option<u64> {
        if depth > MAX_DEPTH {
            return None;
        }
        if node.is_text() {
            return Some(if in_text { node.text().map_or(0, |t| t.chars().count() as u64) } else { 0 });
        }
        if !node.is_element() {
            return Some(0);
        }
        if let Some(&known) = self.counted.get(&(node.id(), in_text)) {
            return Some(known);
        }
        if !self.open.insert(node.id()) {
            return None;
        }
        let name = node.tag_name().name();
        let href =
            node.attribute(("http://www.w3.org/1999/xlink", "href")).or_else(|| node.attribute("href"));
        if matches!(name, "image" | "feImage")
            && href.is_some_and(|h| h.trim_start().to_ascii_lowercase().starts_with("data:image/svg"))
        {
            return None;
        }
        let in_text = in_text || name == "text";
        let mut letters = 0u64;
        for child in node.children() {
            letters = letters.saturating_add(self.count(child, in_text, depth + 1)?);
        }
        if name == "use"
            && let Some(target) =
                href.and_then(|h| h.trim().strip_prefix('#')).and_then(|id| self.ids.get(id).copied())
        {
            letters = letters.saturating_add(self.count(target, in_text, depth + 1)?);
        }
        self.open.remove(&node.id());
        if letters > MAX_REDRAWN_LETTERS {
            return None;
        }
        self.counted.insert((node.id(), in_text), letters);
        Some(letters)
    }
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
        // Too many letters, also when a few are repeated by <use>, and a <use> that names
        // itself: inlined as they are.
        let many = format!(
            "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><text>{}</text></svg>",
            "x".repeat(MAX_REDRAWN_LETTERS as usize + 1)
        );
        assert!(redrawn(many.as_bytes(), "Carlito").is_none());
        let mut repeated = String::from(
            "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='10' height='10'><defs><text id='a0'>xxxxxxxxxx</text>",
        );
        for level in 1..8 {
            repeated.push_str(&format!("<g id='a{level}'>"));
            for _ in 0..10 {
                repeated.push_str(&format!("<use xlink:href='#a{}'/>", level - 1));
            }
            repeated.push_str("</g>");
        }
        repeated.push_str("</defs><use href='#a7'/></svg>");
        assert!(redrawn(repeated.as_bytes(), "Carlito").is_none(), "10⁸ letters through <use>");
        let looped = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><g id='g'><text>x</text><use href='#g'/></g></svg>";
        assert!(redrawn(looped.as_bytes(), "Carlito").is_none());
        let nested = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><image href='data:image/svg+xml;base64,PHN2Zy8+' width='5' height='5'/></svg>";
        assert!(redrawn(nested.as_bytes(), "Carlito").is_none());
        // A few repeated labels are drawn again.
        let few = "<svg xmlns='http://www.w3.org/2000/svg' width='100' height='10'><defs><text id='t' font-size='8'>Etikett</text></defs><use href='#t'/><use href='#t' y='5'/></svg>";
        let few = redrawn(few.as_bytes(), "Carlito").expect("a few letters");
        assert_eq!(few.smallest_text, Some(8.0));
        // A picture without text has no smallest text.
        let plain = redrawn(b"<svg xmlns='http://www.w3.org/2000/svg' width='40' height='10'/>", "Carlito");
        assert!(plain.is_some_and(|p| p.smallest_text.is_none() && p.width == 40.0));
    }
}
