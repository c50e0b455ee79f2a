//! `vplan schema`: the committed schema is the generated one, every example plan and the
//! starter plan validate against it, and the plans it refuses are plans the parser refuses.

use crate::support::{MEMBERS, example_plans, root, stdout, temp_dir, vplan};

/// The invalid-plan fixtures whose error is one a schema can see: an unknown key, a value of
/// the wrong type or form, a missing key. Every other fixture is refused by vplan's own checks
/// (sums, references, files, YAML syntax) — the test below asserts that too.
const SCHEMA_ERRORS: &[&str] = &[
    // Unknown keys.
    "okand-nyckel.yaml",
    "okand-nyckel-budget.yaml",
    "okand-nyckel-forbund.yaml",
    "okand-nyckel-malomrade.yaml",
    "okand-nyckel-medlem.yaml",
    "okand-nyckel-medlemsbidrag.yaml",
    "okand-nyckel-rad.yaml",
    "okand-nyckel-tabell.yaml",
    "okand-nyckel-toppniva.yaml",
    "fel-indrag.yaml",
    "bilder-och-block.yaml",
    // Values of the wrong type or form.
    "fel-typ-ar.yaml",
    "fel-typ-bool.yaml",
    "fel-typ-lista.yaml",
    "fel-typ-text-lista.yaml",
    "okant-varde.yaml",
    "belopp-enhet.yaml",
    "belopp-punkt.yaml",
    "insatser-och-ar.yaml",
    "text-block-utan-innehall.yaml",
    // Missing keys.
    "saknad-enhet.yaml",
    "saknad-rubrik.yaml",
    "saknat-datum.yaml",
    "saknat-forbund.yaml",
    "bild-utan-alt.yaml",
    "tom.yaml",
];

fn committed_schema() -> serde_json::Value {
    let text =
        std::fs::read_to_string(root().join("plans/vplan.schema.json")).expect("plans/vplan.schema.json");
    serde_json::from_str(&text).expect("the committed schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&committed_schema()).expect("the schema is a valid JSON Schema")
}

/// A YAML plan as the JSON value an editor's schema check sees.
fn as_json(yaml: &str) -> Option<serde_json::Value> {
    serde_saphyr::from_str(yaml).ok()
}

/// The schema's complaints about `yaml`, one line each.
fn schema_errors(validator: &jsonschema::Validator, yaml: &str) -> Vec<String> {
    let value = as_json(yaml).expect("the plan is YAML");
    validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let output = vplan(&["schema"]);
    assert!(output.status.success());
    let committed =
        std::fs::read_to_string(root().join("plans/vplan.schema.json")).expect("committed schema");
    assert!(
        stdout(&output) == committed,
        "plans/vplan.schema.json is out of date: run `cargo run -- schema -o plans/vplan.schema.json`"
    );
}

#[test]
fn schema_writes_a_file_with_o() {
    let dir = temp_dir();
    let file = dir.path().join("vplan.schema.json");
    let output = vplan(&["schema", "-o", file.to_str().unwrap()]);
    assert!(output.status.success());
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(written, committed_schema());
}

#[test]
fn every_example_plan_and_the_starter_plan_validate() {
    let validator = validator();
    for plan in example_plans() {
        let text = std::fs::read_to_string(&plan).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=vplan.schema.json\n"),
            "{} lacks the schema line",
            plan.display()
        );
        let errors = schema_errors(&validator, &text);
        assert!(errors.is_empty(), "{}: {errors:#?}", plan.display());
    }
    let starter =
        vplan::starter::Starter { name: "Testbygdens samordningsförbund".into(), year: 2027 }.yaml();
    assert!(starter.starts_with("# yaml-language-server: $schema=vplan.schema.json\n"));
    let errors = schema_errors(&validator, &starter);
    assert!(errors.is_empty(), "the starter plan: {errors:#?}");
}

#[test]
fn schema_errors_among_the_invalid_fixtures_fail_validation_and_the_rest_fail_in_the_parser() {
    let validator = validator();
    let folder = root().join("tests/fixtures/invalid");
    let mut fixtures: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    fixtures.sort();
    for name in SCHEMA_ERRORS {
        assert!(fixtures.iter().any(|f| f == name), "{name} is not in tests/fixtures/invalid");
    }
    for name in &fixtures {
        let path = folder.join(name);
        if SCHEMA_ERRORS.contains(&name.as_str()) {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(!schema_errors(&validator, &text).is_empty(), "{name} passes the schema");
        } else {
            // Not a schema error: vplan's own checks must refuse it.
            let output = vplan(&["check", path.to_str().unwrap()]);
            assert_eq!(output.status.code(), Some(1), "{name} is accepted by vplan check");
        }
    }
}

#[test]
fn a_plan_with_an_unknown_key_fails_validation_but_passes_without_it() {
    let validator = validator();
    let plan = format!("{MEMBERS}dokument:\n  år: 2026\n  datum: 2025-11-20\n");
    assert_eq!(schema_errors(&validator, &plan), Vec::<String>::new());
    for unknown in [
        format!("{plan}  rubirk: Fel\n"),
        format!("{plan}bugdet: {{}}\n"),
        plan.replace("typ: region }", "typ: region, roll: ordförande }"),
    ] {
        assert!(!schema_errors(&validator, &unknown).is_empty(), "accepted:\n{unknown}");
    }
}

#[test]
fn the_custom_forms_validate_as_the_parser_reads_them() {
    let validator = validator();
    let base = format!("{MEMBERS}dokument:\n  år: 2026\n  datum: 2025-11-20\n");
    let accepted = [
        "avsnitt:\n  - rubrik: A\n    innehåll:\n      - sidbrytning\n      - text: Hej\n      - budget:\n          år: [2026]\n",
        "målområden:\n  - rubrik: M\n    insatser:\n      - En rad\n      - { id: a, text: A, belopp: [1, ~, \"1 000\", { belopp: 2, status: prognos }] }\n",
        "medlemsbidrag:\n  år: 2026\n  rader:\n    - { namn: Testby kommun, belopp: \"−1 631 000,5\" }\n",
        "avsnitt:\n  - rubrik: 2026\n    numrerad: no\n",
    ];
    for extra in accepted {
        let plan = format!("{base}{extra}").replace("typ: försäkringskassan", "typ: Försäkringskassan");
        assert_eq!(schema_errors(&validator, &plan), Vec::<String>::new(), "{plan}");
    }
    // A whole number in quotes is read as the number, in the plan and in the schema.
    let quoted = base.replace("år: 2026", "år: \"2026\"");
    assert_eq!(schema_errors(&validator, &quoted), Vec::<String>::new(), "{quoted}");
    let dir = temp_dir();
    let file = dir.path().join("plan.yaml");
    std::fs::write(&file, &quoted).unwrap();
    assert!(vplan(&["check", file.to_str().unwrap()]).status.success(), "vplan check refuses:\n{quoted}");
    let refused = [
        "avsnitt:\n  - rubrik: A\n    innehåll:\n      - text\n",
        "avsnitt:\n  - rubrik: A\n    innehåll:\n      - { text: Hej, bild: x }\n",
        "målområden:\n  - rubrik: M\n    insatser:\n      - { id: a }\n",
        "medlemsbidrag:\n  år: 2026\n  rader:\n    - { namn: Testby kommun, belopp: \"1.000\" }\n",
        "medlemsbidrag:\n  år: 2026\n  rader:\n    - { namn: Testby kommun, belopp: 3 262 tkr }\n",
        "dokument2: x\n",
        "avsnitt:\n  - rubrik: A\n    innehåll:\n      - tabell: { kolumner: [{ rubrik: X, bredd: \"-1\" }], rader: [[a]] }\n",
    ];
    for extra in refused {
        let plan = format!("{base}{extra}");
        assert!(!schema_errors(&validator, &plan).is_empty(), "accepted:\n{plan}");
        // The parser agrees.
        let dir = temp_dir();
        let file = dir.path().join("plan.yaml");
        std::fs::write(&file, &plan).unwrap();
        let output = vplan(&["check", file.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "vplan check accepts:\n{plan}");
    }
}
