//! The Markdown converter's unit tests.

use super::*;

#[test]
fn marked_text_reads_plain_and_keeps_its_style_for_the_appendix() {
    let marked = marked("Förbundet finansierar **IPS Högby** och *Unga vuxna*.\n\n- en punkt");
    assert_eq!(unmark(&marked), "Förbundet finansierar IPS Högby och Unga vuxna. en punkt");
    assert_eq!(plain("**IPS**"), "IPS");
    let mut style = Style::default();
    let typst = marked_to_typst(&marked, &mut style);
    assert!(typst.contains("#strong[IPS Högby]") && typst.contains("#emph[Unga vuxna]"), "{typst}");
    assert_eq!(style, Style::default(), "every span is closed");
    // A word diff cuts a span in two; the second piece starts in the style the first left.
    let (first, second) = marked.split_at(marked.find("Högby").unwrap());
    let mut style = Style::default();
    let _ = marked_to_typst(first, &mut style);
    assert!(style.strong);
    assert!(marked_to_typst(second, &mut style).starts_with("#strong[Högby]"));
}

fn ok(src: &str) -> String {
    blocks(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
}

fn offset(result: Result<String, Unsupported>) -> (usize, &'static str) {
    let e = result.expect_err("should be unsupported");
    (e.offset, e.what)
}

#[test]
fn empty_input_is_empty_output() {
    assert_eq!(ok(""), "");
    assert_eq!(inline("").unwrap(), "");
}

#[test]
fn paragraphs_are_separated_by_a_blank_line() {
    assert_eq!(ok("ett\ntvå\n\ntre"), "ett två\n\ntre");
}

#[test]
fn hard_breaks_become_typst_linebreaks() {
    assert_eq!(ok("ett  \ntvå"), "ett \\\ntvå");
    assert_eq!(ok("ett\\\ntvå"), "ett \\\ntvå");
}

#[test]
fn inline_styles_become_calls() {
    assert_eq!(ok("*a* **b** ~~c~~ `d \"e\"`"), "#emph[a] #strong[b] #strike[c] #raw(\"d \\\"e\\\"\")");
    assert_eq!(ok("***a***"), "#emph[#strong[a]]");
}

#[test]
fn text_inside_calls_is_escaped() {
    assert_eq!(ok("*a_b [c]*"), "#emph[a\\_b \\[c\\]]");
}

#[test]
fn text_that_would_extend_a_call_is_cut_off() {
    assert_eq!(ok("*a*(b) *c*.d *e*; *f*. g"), "#emph[a];(b) #emph[c];.d #emph[e];; #emph[f]. g");
}

#[test]
fn links_keep_their_url_as_a_string_literal() {
    assert_eq!(
        ok("[Förbundet *x*](https://example.se/a?b=\"c\")"),
        "#link(\"https://example.se/a?b=\\\"c\\\"\")[Förbundet #emph[x]]"
    );
    assert_eq!(ok("<https://x.se>"), "#link(\"https://x.se\")[https:\\/\\/x.se]");
    assert_eq!(ok("<a@b.se>"), "#link(\"mailto:a@b.se\")[a\\@b.se]");
    assert_eq!(ok("[skriv](MAILTO:a@b.se)"), "#link(\"MAILTO:a@b.se\")[skriv]");
}

#[test]
fn links_that_are_not_web_addresses_are_unsupported() {
    assert_eq!(offset(blocks("se [x](fil.pdf)")), (3, LINK.0));
    assert_eq!(offset(blocks("[x](ftp://a.se)")), (0, LINK.0));
    assert_eq!(offset(blocks("a <ftp://a.se>")), (2, LINK.0));
    assert_eq!(offset(blocks("[x](https://)")), (0, LINK.0));
}

#[test]
fn bullet_and_ordered_lists() {
    assert_eq!(ok("- a\n- b"), "#list(tight: true, [a], [b])");
    assert_eq!(ok("3. a\n4. *b*"), "#enum(tight: true, start: 3, [a], [#emph[b]])");
}

#[test]
fn loose_lists_and_multi_paragraph_items() {
    assert_eq!(ok("- a\n\n- b"), "#list(tight: false, [a], [b])");
    assert_eq!(ok("1. a\n\n   b\n2. c"), "#enum(tight: false, start: 1, [a\n\nb], [c])");
}

#[test]
fn nested_lists() {
    assert_eq!(
        ok("- a\n  1. b\n  2. c\n- d\n\ntext"),
        "#list(tight: true, [a\n#enum(tight: true, start: 1, [b], [c])], [d])\n\ntext"
    );
}

#[test]
fn block_quotes() {
    assert_eq!(ok("> a\n>\n> b"), "#quote(block: true)[a\n\nb]");
    assert_eq!(ok("före\n\n> - a\n\nefter"), "före\n\n#quote(block: true)[#list(tight: true, [a])]\n\nefter");
}

#[test]
fn footnote_defined_after_use() {
    assert_eq!(
        ok("Text[^1] mer.\n\n[^1]: Not *ett*.\n\n    Två."),
        "Text#footnote[~Not #emph[ett]. Två.] mer."
    );
}

#[test]
fn footnotes_match_case_insensitively_and_unused_ones_are_dropped() {
    assert_eq!(ok("[^a]: A\n\n[^x]: X\n\nb[^A]"), "b#footnote[~A]");
}

#[test]
fn footnote_problems_are_unsupported() {
    assert_eq!(offset(blocks("Se[^saknas] här")), (2, FOOTNOTE_UNDEFINED.0));
    assert_eq!(offset(blocks("a[^1]\n\n[^1]: b[^2]\n\n[^2]: c")), (14, FOOTNOTE_NESTED.0));
    assert_eq!(offset(blocks("a[^1]\n\n[^1]: - b")), (13, FOOTNOTE_BLOCK.0));
    // An escaped bracket is just text.
    assert_eq!(ok("\\[^1]"), "\\[^1\\]");
}

#[test]
fn every_typst_special_character_is_escaped() {
    let md = r#"\# $ \* \_ \` \< \> @ \[ \] \\ / = \~"#;
    let plain = r#"# $ * _ ` < > @ [ ] \ / = ~"#;
    assert_eq!(ok(md), escape::markup(plain));
    assert_eq!(ok(md), r#"\# \$ \* \_ \` \< \> \@ \[ \] \\ \/ \= \~"#);
}

#[test]
fn prose_gets_swedish_quotes_but_code_and_addresses_keep_theirs() {
    assert_eq!(ok(r#"vad "ett gott resultat" är"#), "vad ”ett gott resultat” är");
    assert_eq!(ok(r#"`"x"` och 2026-2028"#), "#raw(\"\\\"x\\\"\") och 2026–2028");
    assert_eq!(
        ok("<https://x.se/2020-2021>"),
        "#link(\"https://x.se/2020-2021\")[https:\\/\\/x.se\\/2020\\-2021]"
    );
}

#[test]
fn text_split_by_backslash_escapes_is_escaped_as_a_whole() {
    assert_eq!(ok("2026\\. Året"), "2026\\. Året");
    assert_eq!(ok("a  \n2\\. b"), "a \\\n2\\. b");
}

#[test]
fn block_constructs_with_vplan_alternatives_are_unsupported() {
    assert_eq!(offset(blocks("Text\n\n## Rubrik")), (6, HEADING.0));
    assert_eq!(offset(blocks("  # Rubrik")).1, HEADING.0);
    assert_eq!(offset(blocks("Rubrik\n===")), (0, SETEXT_HEADING.0));
    assert_eq!(offset(blocks("Se ![logga](logga.png)")), (3, IMAGE.0));
    assert_eq!(offset(blocks("a\n\n<div>\nx\n</div>")), (3, HTML.0));
    assert_eq!(offset(blocks("a <b>fet</b>")), (2, HTML.0));
    assert_eq!(offset(blocks("a\n\n```\nkod\n```")), (3, FENCED_CODE.0));
    assert_eq!(offset(blocks("a\n\n    kod")), (3, INDENTED_CODE.0));
    assert_eq!(offset(blocks("a\n\n---\n\nb")), (3, RULE.0));
    assert_eq!(offset(blocks("- a\n- [ ] gör")), (6, TASK_LIST.0));
}

#[test]
fn inline_converts_one_paragraph() {
    assert_eq!(inline("*a* och [b](https://x.se)").unwrap(), "#emph[a] och #link(\"https://x.se\")[b]");
    assert_eq!(inline("a[^1]\n\n[^1]: b").unwrap(), "a#footnote[~b]");
}

#[test]
fn inline_rejects_block_structure() {
    assert_eq!(offset(inline("a\n\nb")), (3, INLINE_PARAGRAPHS.0));
    assert_eq!(offset(inline("a\n- b")), (2, INLINE_LIST.0));
    assert_eq!(offset(inline("1. januari")), (0, INLINE_LIST.0));
    assert_eq!(offset(inline("> a")), (0, INLINE_QUOTE.0));
    assert_eq!(offset(inline("# a")), (0, HEADING.0));
}
