//! Typst's special characters typed in a plan come out as themselves.

use crate::support::{pdf_text, root, stderr, temp_dir, vplan};

#[test]
fn every_typst_special_character_appears_literally() {
    let folder = temp_dir();
    let pdf = folder.path().join("special.pdf");
    let plan = root().join("tests/fixtures/special/specialtecken.yaml");
    let output = vplan(&["build", plan.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&pdf, None, false);
    for expected in [
        // Plain fields: the förbund's name (running header), title, cover facts.
        "Förbundet #1 $ * _ ` < > @ [ ] \\ / = ~ \" ' ! % & { } ; : , …",
        "Plan = #set text(red) 2026",
        "A • B • C — /* inte en kommentar */ // inte heller",
        "$x^2$ och `kod`",
        "DNR/2025:1 <label> @ref",
        "Beslutad ~ 20 november -- 2025 ... --- -?",
        "#read(\"/etc/passwd\") #import \"@preview/x:0.1.0\" #include \"a.typ\" #sys.version",
        // Headings, Markdown text with its backslash escapes, table cells, budget labels. In
        // prose, straight quotes become Swedish ones and a hyphen standing alone a dash
        // (src/render/typography.rs); a code span keeps its characters.
        "1 Rubrik med #hash och $dollar$ och *stjärna* och _under_",
        "Text med # $ * _ ` < > @ [ ] \\ / = ~ ” ’ och #read(”/etc/passwd”).",
        "1. inte en lista, = inte en rubrik, – inte en punkt, + inte heller, / inte term: x",
        "Ett #kodblock(\"x\") inline",
        "Citat: ”dubbla” och ’enkla’ och 2026. och C:\\Mappen\\fil.txt",
        "#Kol [1]",
        "$Kol_2$",
        "#cell <x>",
        "@ref ] [",
        "= rad",
        "Anslag #1 $",
        "Kostnad <*_`@> *",
        "Summa [kostnader]",
        "Resultat = #result",
        "* Not med #hash och \\ bakstreck",
    ] {
        assert!(text.contains(expected), "`{expected}` appears literally in:\n{text}");
    }
    assert!(!text.contains("root:"), "no file was read into the document");
}
