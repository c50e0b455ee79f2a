//! A document is first-class (issue 20, item 1): the plan, the appendix of changes and a third
//! kind that exists only here go through the same `Pipeline` to a PDF and a web page, each
//! with its own PDF identifier. The third kind is written against the public API only, as a
//! newcomer's kind would be: by adding a type, not by editing the plan's path.

use std::path::{Path, PathBuf};

use vplan::documents::{About, ChangesDocument, Context, Document};
use vplan::error::Error;
use vplan::outputs::Output;
use vplan::pipeline::{Pipeline, Session};
use vplan::render::Rendered;
use vplan::render::escape;

use crate::support::{pdf_text, root, temp_dir};

const OLD: &str = "tests/fixtures/andringar/hogby-2026.yaml";
const NEW: &str = "tests/fixtures/andringar/hogby-2027.yaml";

/// A one-page note on the plan, made only by this test.
struct Note;

impl Document for Note {
    fn about(&self, context: &Context) -> About {
        About {
            identifier: format!("vplan-test:notis:{}", context.plan.plan.association.name),
            date: context.plan.date,
        }
    }

    fn typst(&self, context: &Context) -> Result<Rendered, Error> {
        let name = escape::string_literal(&context.plan.plan.association.name);
        Ok(Rendered {
            main: format!(
                "#set document(title: \"Notis\", date: auto)\n#set text(lang: \"sv\", font: \"Carlito\")\n\
                 = Notis\n\nEn notis om planen för #{name}.\n"
            ),
            theme: String::new(),
        })
    }

    fn html_page(&self, context: &Context, pdf: &Path) -> Result<Option<String>, Error> {
        let name = escape::html(&context.plan.plan.association.name);
        let pdf = escape::html(&pdf.file_name().unwrap_or_default().to_string_lossy());
        Ok(Some(format!(
            "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Notis</title></head>\
             <body><h1>Notis</h1><p>En notis om planen för {name}.</p><a href=\"{pdf}\">PDF</a></body></html>\n"
        )))
    }
}

/// The `/ID` of a PDF, read from its bytes: the first string of the pair in the trailer,
/// written `(…)` or `<…>`.
fn pdf_id(pdf: &Path) -> String {
    let bytes = std::fs::read(pdf).expect("the PDF was written");
    let at = bytes.windows(3).rposition(|w| w == b"/ID").expect("the PDF has an /ID");
    let rest = &bytes[at + 3..(at + 300).min(bytes.len())];
    let start = rest.iter().position(|b| *b == b'(' || *b == b'<').expect("an /ID string");
    let close = if rest[start] == b'(' { b')' } else { b'>' };
    let end = start + rest[start..].iter().position(|b| *b == close).expect("the /ID string ends");
    String::from_utf8_lossy(&rest[start + 1..end]).into_owned()
}

/// Builds `plan` with `document` through the pipeline to a PDF and its web page in `folder`.
fn build(document: &dyn Document, plan: &str, folder: &Path, name: &str) -> (PathBuf, PathBuf) {
    let pipeline = Pipeline { document, outputs: vec![Output::Pdf, Output::Html], ..Pipeline::default() };
    let main = folder.join(format!("{name}.pdf"));
    let built =
        pipeline.build(&mut Session::default(), &root().join(plan), &main).unwrap_or_else(|e| panic!("{e}"));
    let html = built.files(Output::Html).first().cloned().expect("a web page was written");
    (main, html)
}

#[test]
fn plan_appendix_and_a_third_kind_go_through_one_pipeline_with_their_own_identifiers() {
    let folder = temp_dir();
    let reading = Pipeline::default();
    let old = reading.load(&root().join(OLD)).expect("the older plan reads");
    let computed = reading.compute(&old, None);
    let appendix = ChangesDocument { old, computed };

    let (plan_pdf, plan_html) = build(&vplan::documents::PlanDocument, NEW, folder.path(), "plan");
    let (appendix_pdf, appendix_html) = build(&appendix, NEW, folder.path(), "bilaga");
    let (note_pdf, note_html) = build(&Note, NEW, folder.path(), "notis");

    assert!(
        pdf_text(&note_pdf, None, false).contains("En notis om planen för Högbygdens samordningsförbund")
    );
    let note_page = std::fs::read_to_string(&note_html).expect("the note's page");
    assert!(note_page.contains("<h1>Notis</h1>") && note_page.contains("href=\"notis.pdf\""), "{note_page}");
    assert!(pdf_text(&appendix_pdf, None, false).contains("Förändringar jämfört med föregående plan"));
    let appendix_page = std::fs::read_to_string(&appendix_html).expect("the appendix's page");
    assert!(appendix_page.contains("Förändringar jämfört med föregående plan"), "{appendix_page}");
    let plan_page = std::fs::read_to_string(&plan_html).expect("the plan's page");
    assert!(!plan_page.contains("Förändringar jämfört") && !plan_page.contains("Notis"));

    let ids = [pdf_id(&plan_pdf), pdf_id(&appendix_pdf), pdf_id(&note_pdf)];
    assert!(ids.iter().all(|id| id.len() >= 16), "{ids:?}");
    assert_ne!(ids[0], ids[1], "plan and appendix");
    assert_ne!(ids[0], ids[2], "plan and note");
    assert_ne!(ids[1], ids[2], "appendix and note");

    // The identifier is the kind's and stable: the same document built again keeps it.
    let again = temp_dir();
    let (note_again, _) = build(&Note, NEW, again.path(), "notis");
    assert_eq!(pdf_id(&note_again), ids[2]);
}
