//! Finsam's rules in the budget: the checks on a whole plan, each krona typed once (budget
//! lines that take their amount from `medlemsbidrag`), several contribution tables, the
//! decision block read back from the PDF, and placeholders marked in it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{MEMBERS, pdf_text, root, stderr, stdout, temp_dir, vplan};

fn write_plan(folder: &Path, body: &str) -> PathBuf {
    let plan = folder.join("plan.yaml");
    std::fs::write(&plan, format!("{MEMBERS}{body}")).unwrap();
    plan
}

/// `vplan check` on a plan: (exit code, stdout, stderr with plain spaces).
fn check(plan: &Path) -> (Option<i32>, String, String) {
    let output = vplan(&["check", plan.to_str().unwrap()]);
    // Figures are grouped with no-break spaces; plain spaces keep the expectations readable.
    (output.status.code(), stdout(&output), stderr(&output).replace('\u{a0}', " "))
}

const DOCUMENT: &str = "dokument:
  år: 2026
  datum: 2025-11-20
avsnitt:
  - rubrik: Ekonomi
    innehåll:
      - budget
      - medlemsbidrag
";

/// A plan that uses every check's parameters and keeps every rule.
const KEEPS_EVERY_RULE: &str = "kontroller:
  eget_kapital_högst: 20
  eget_kapital_lägst: 400000
  administration_högst: 15
  kontrolltal:
    - { år: 2026, värde: intäkter, belopp: 4000000 }
    - { år: 2026, värde: resultat, belopp: 0 }
    - { år: 2026, rad: Kansli, belopp: 500000 }
medlemsbidrag:
  år: 2026
  summa: 4000000
  rader:
    - { namn: Försäkringskassan, andel: 25 }
    - { namn: Arbetsförmedlingen, andel: 25 }
    - { namn: Region Test, andel: 25 }
    - { namn: Testby kommun, andel: 25 }
budget:
  enhet: kr
  år: [2026]
  intäkter:
    rader:
      - { namn: Staten, medlemsbidrag: Försäkringskassan }
      - { namn: Arbetsförmedlingen, medlemsbidrag: Arbetsförmedlingen, belopp: [1000000] }
      - { namn: Region Test, medlemsbidrag: Region Test }
      - { namn: Testby kommun, medlemsbidrag: Testby kommun }
  eget_kapital: { ingående: 600000 }
  kostnader:
    rader:
      - { namn: Kansli, belopp: [500000], administration: true }
      - namn: Insatser
        rader:
          - { namn: Individ, belopp: [2500000] }
          - { namn: Struktur, belopp: [1000000] }
";

#[test]
fn a_plan_that_keeps_every_check_gets_no_warning() {
    let folder = temp_dir();
    let plan = write_plan(folder.path(), &format!("{DOCUMENT}{KEEPS_EVERY_RULE}"));
    let (code, out, err) = check(&plan);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("planen är giltig (inga varningar)"), "{out}\n{err}");
    // The income lines show the contributions: 1 000 000 kr each, total 4 000 000 kr.
    assert!(out.contains("Staten") && out.contains("1 000 000"), "{out}");
    assert!(out.contains("4 000 000"), "{out}");
}

#[test]
fn each_limit_of_a_plan_that_keeps_every_check_is_live() {
    // The same plan, each time with one figure moved across a limit: each check speaks.
    let cases = [
        ("eget_kapital_högst: 20", "eget_kapital_högst: 10", "rekommenderat högst 10 %"),
        ("eget_kapital_lägst: 400000", "eget_kapital_lägst: 700000", "under planens lägsta nivå 700 000 kr"),
        ("administration_högst: 15", "administration_högst: 10", "planen tillåter högst 10 %"),
        ("värde: resultat, belopp: 0 }", "värde: resultat, belopp: 1 }", "kontrolltalet för resultatet 2026"),
        (
            "{ namn: Struktur, belopp: [1000000] }",
            "{ namn: Struktur, belopp: [~] }",
            "saknar belopp för 2026",
        ),
        (
            "belopp: [1000000] }\n      - { namn: Region",
            "belopp: [900000] }\n      - { namn: Region",
            "medlemsbidragen blir 4 000 000 kr",
        ),
        ("ingående: 600000", "ingående: -4000000", "under noll"),
    ];
    let folder = temp_dir();
    for (from, to, said) in cases {
        let body = KEEPS_EVERY_RULE.replace(from, to);
        assert_ne!(body, KEEPS_EVERY_RULE, "`{from}` is in the plan");
        let plan = write_plan(folder.path(), &format!("{DOCUMENT}{body}"));
        let (code, _, err) = check(&plan);
        assert_eq!(code, Some(0), "{err}");
        assert!(err.contains(said), "`{to}` should say `{said}`:\n{err}");
    }
}

#[test]
fn member_income_written_in_both_places_is_warned_about_only_when_it_differs() {
    let folder = temp_dir();
    let plan_with = |budget_amount: &str| {
        format!(
            "{DOCUMENT}medlemsbidrag:
  år: 2026
  summa: 3400000
  rader:
    - {{ namn: Försäkringskassan, andel: 25 }}
    - {{ namn: Arbetsförmedlingen, andel: 25 }}
    - {{ namn: Region Test, andel: 25 }}
    - {{ namn: Testby kommun, andel: 25 }}
budget:
  enhet: tkr
  år: [2026]
  intäkter: {{ rader: [{{ namn: Medlemsbidrag, belopp: [{budget_amount}] }}] }}
  kostnader: {{ rader: [{{ namn: Insatser, belopp: [{budget_amount}] }}] }}
"
        )
    };
    let differs = write_plan(folder.path(), &plan_with("3300"));
    let (code, out, err) = check(&differs);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains(
            "budgetens intäkter från medlemmarna 2026 är 3 300 000 kr, men medlemsbidragen blir 3 400 000 kr"
        ),
        "{err}"
    );
    assert!(out.contains("(1 varning)"), "{out}");
    let agrees = write_plan(folder.path(), &plan_with("3400"));
    let (code, out, err) = check(&agrees);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("inga varningar"), "{out}\n{err}");
}

#[test]
fn several_contribution_tables_each_with_its_heading_feed_the_budget() {
    let folder = temp_dir();
    let plan = write_plan(
        folder.path(),
        &format!(
            "{DOCUMENT}medlemsbidrag:
  - år: 2026
    rubrik: Medlemsavgift 2026
    kolumnrubriker: [Medlem, Procentuell fördelning, Medlemsavgift 2026]
    summa: 2000000
    rader:
      - {{ namn: Staten, parter: [Försäkringskassan, Arbetsförmedlingen], andel: 50 }}
      - {{ namn: Region Test, andel: 25 }}
      - {{ namn: Testby kommun, andel: 25 }}
  - år: 2026
    rubrik: Extra bidrag 2026
    rader:
      - {{ namn: Staten, parter: [Försäkringskassan, Arbetsförmedlingen], belopp: 200000 }}
      - {{ namn: Region Test, belopp: 100000 }}
      - {{ namn: Testby kommun, belopp: 100000 }}
budget:
  enhet: kr
  år: [2026]
  intäkter:
    rader:
      - {{ namn: Medlemsbidrag, medlemsbidrag: summa }}
  kostnader: {{ rader: [{{ namn: Insatser, belopp: [2400000] }}] }}
"
        ),
    );
    let (code, out, err) = check(&plan);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("inga varningar"), "{out}\n{err}");
    let output = vplan(&["build", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&plan.with_extension("pdf"), None, false);
    for expected in [
        "Medlemsavgift 2026",
        "Procentuell fördelning",
        "Extra bidrag 2026",
        "Bidrag 2026",
        // The budget line is both tables together.
        "2 400 000",
    ] {
        assert!(text.contains(expected), "`{expected}`:\n{text}");
    }
}

#[test]
fn the_fryksdalen_plan_warns_about_its_35_percent() {
    let plan = root().join("plans/fryksdalen-2026.yaml");
    let (code, _, err) = check(&plan);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("eget kapital vid utgången av 2026 är 1 030 589 kr, 35 % av tilldelade medel; rekommenderat högst 20 %"),
        "{err}"
    );
    assert!(!err.contains("kontrolltalet") && !err.contains("administrationen"), "{err}");
}

/// The structure tree's tags (tests/tools/pdf_structure.py).
fn tags(pdf: &Path) -> Vec<String> {
    let script = root().join("tests/tools/pdf_structure.py");
    let output =
        Command::new("python3").args([script.to_str().unwrap(), pdf.to_str().unwrap()]).output().unwrap();
    assert!(output.status.success(), "pdf_structure.py: {}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_decision_block_is_read_back_from_the_pdf_with_its_att_satser_as_a_list() {
    let folder = temp_dir();
    let plan = write_plan(
        folder.path(),
        "dokument:
  år: 2026
  datum: 2025-11-20
  innehållsförteckning: false
avsnitt:
  - rubrik: Inledning
    text: Text utan listor.
förslag_till_beslut:
  inledning: Testbygdens samordningsförbund föreslås besluta
  att:
    - godkänna verksamhetsplanen för 2026
    - godkänna budgeten för 2027 och 2028
    - uppdra åt förbundschefen att följa upp planen
  ort: Testby
  datum: 2025-11-21
  underskrifter:
    - { namn: Anna Andersson, roll: Ordförande }
    - { namn: Bo Berg, roll: Förbundschef }
",
    );
    let output = vplan(&["build", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = plan.with_extension("pdf");
    let text = pdf_text(&pdf, None, false);
    for expected in [
        "Förslag till beslut",
        "Testbygdens samordningsförbund föreslås besluta",
        "att godkänna verksamhetsplanen för 2026",
        "att godkänna budgeten för 2027 och 2028",
        "att uppdra åt förbundschefen att följa upp planen",
        "Testby den 21 november 2025",
        "Anna Andersson",
        "Ordförande",
        "Bo Berg",
        "Förbundschef",
    ] {
        assert!(text.contains(expected), "`{expected}`:\n{text}");
    }
    let tags = tags(&pdf);
    assert_eq!(tags.iter().filter(|t| *t == "L").count(), 1, "one list: {tags:?}");
    assert_eq!(tags.iter().filter(|t| *t == "LI").count(), 3, "an item per att-sats: {tags:?}");
}

#[test]
fn placeholders_are_marked_in_the_typst_source() {
    let folder = temp_dir();
    let plan = write_plan(
        folder.path(),
        "dokument:
  år: 2026
  datum: 2025-11-20
avsnitt:
  - rubrik: Inledning
    text: \"**ATT ANPASSA.** Text om Exempelby kommun.\"
",
    );
    let output = vplan(&["build", plan.to_str().unwrap(), "--typ"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let typst = std::fs::read_to_string(plan.with_extension("typ")).unwrap();
    assert!(typst.contains("#highlight(fill: rgb(\"#ffe14d\"))[ATT ANPASSA];"), "{typst}");
    assert!(typst.contains("#highlight(fill: rgb(\"#ffe14d\"))[Exempelby kommun];"), "{typst}");
    let text = pdf_text(&plan.with_extension("pdf"), None, false);
    assert!(text.contains("ATT ANPASSA. Text om Exempelby kommun."), "{text}");
}

#[test]
fn the_floor_of_seed_003_is_checked_on_the_planned_years_of_its_history() {
    // Södra Dalarna's budget has this year and last year, so its planned eget kapital is in
    // the history: 400 tkr each year, exactly the styrelse's floor.
    let source = std::fs::read_to_string(root().join("plans/sodra-dalarna-2025.yaml")).unwrap();
    let (code, out, err) = check(&root().join("plans/sodra-dalarna-2025.yaml"));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("inga varningar"), "{out}\n{err}");
    let raised = source.replace("eget_kapital_lägst: 400", "eget_kapital_lägst: 500");
    assert_ne!(raised, source);
    let folder = temp_dir();
    let plan = folder.path().join("sodra.yaml");
    std::fs::write(&plan, raised).unwrap();
    let (code, _, err) = check(&plan);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("eget kapital vid utgången av 2025 är 400 tkr, under planens lägsta nivå 500 tkr"),
        "{err}"
    );
    assert!(!err.contains("2024"), "a year before the plan's is history, not plan: {err}");
}

#[test]
fn diff_and_text_show_contribution_and_history_changes() {
    let folder = temp_dir();
    let old = root().join("plans/sodra-dalarna-2025.yaml");
    let source = std::fs::read_to_string(&old).unwrap();
    let changed = source
        .replace("Hedemora kommun, andel: 8", "Hedemora kommun, andel: 7")
        .replace("Säters kommun, andel: 6", "Säters kommun, andel: 7")
        .replace(
            "{ år: 2023, medelstilldelning: 6308, budget: 6908, eget_kapital: 1657 }",
            "{ år: 2023, medelstilldelning: 6308, budget: 6908, eget_kapital: 1600 }",
        );
    assert_ne!(changed, source);
    let new = folder.path().join("sodra-ny.yaml");
    std::fs::write(&new, changed).unwrap();
    let output = vplan(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let diff = stdout(&output).replace('\u{a0}', " ");
    for expected in [
        "Medlemsbidrag 2025 (kr)",
        "Hedemora kommun: 494 720 → 432 880 (−61 840), andel 8 % → 7 %",
        "Säters kommun: 371 040 → 432 880 (+61 840), andel 6 % → 7 %",
        "Eget kapital år för år",
        "2023: Eget kapital 31/12 1 657 → 1 600",
    ] {
        assert!(diff.contains(expected), "`{expected}`:\n{diff}");
    }
    assert!(!diff.contains("Avesta kommun:"), "an unchanged row is not listed:\n{diff}");

    let output = vplan(&["text", new.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output).replace('\u{a0}', " ");
    assert!(text.contains("  Hedemora kommun: 432 880 kr (7 %)"), "{text}");
    assert!(text.contains("  2023: "), "{text}");
}
