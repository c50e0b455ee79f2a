//! Messages for what a user can type or pass on the command line, each asserted: what is wrong,
//! how to fix it, in Swedish, with control and direction characters shown escaped. The plans
//! that fit in a file are in tests/fixtures/invalid/ (see `errors`); these need a command line,
//! a git repository or a second command.

use std::path::Path;
use std::process::Command;

use crate::support::{MEMBERS, stderr, stdout, temp_dir, vplan};

/// A plan's head: the test förbund and a document for 2026.
fn head(year: i32) -> String {
    format!("{MEMBERS}dokument:\n  år: {year}\n  datum: {}-11-20\n", year - 1)
}

/// Runs git in `repo`, quietly, as a kansli would.
fn git(repo: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=Kansliet",
            "-c",
            "user.email=kansli@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(repo)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// Runs vplan in `folder`.
fn vplan_in(folder: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vplan"))
        .args(args)
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn a_revision_too_large_is_said_to_be_over_the_limit_and_an_empty_one_is_refused() {
    let repo = temp_dir();
    let repo = repo.path();
    git(repo, &["init", "-q"]);
    let plan = repo.join("plan.yaml");
    // Seven megabytes in git: vplan reads a blob only up to its limit, so it knows only that it
    // is over it, not that it is "6 MB".
    let mut big = head(2026);
    big.push_str(&"# fyllnad fyllnad fyllnad fyllnad fyllnad\n".repeat(7 * 1024 * 1024 / 42));
    std::fs::write(&plan, &big).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "Stor"]);
    std::fs::write(&plan, head(2026)).unwrap();
    let output = vplan_in(repo, &["diff", "plan.yaml", "--rev", "HEAD"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("planen är över 5 MB; vplan läser planer på högst 5 MB"), "{message}");
    assert!(!message.contains("6 MB"), "{message}");

    // An empty revision would make git compare with its index.
    git(repo, &["add", "."]);
    let output = vplan_in(repo, &["diff", "plan.yaml", "--rev", ""]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("fel: --rev är tomt") && message.contains("--rev HEAD"), "{message}");
    assert!(stdout(&output).is_empty(), "nothing compared: {}", stdout(&output));
}

#[test]
fn next_year_says_which_years_can_follow() {
    let folder = temp_dir();
    let plan = folder.path().join("plan-2026.yaml");
    std::fs::write(&plan, head(2026)).unwrap();
    let output = vplan(&["ny", plan.to_str().unwrap(), "--år", "2040"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(!message.contains("kommer inte efter"), "{message}");
    assert!(message.contains("år 2040 ligger 14 år efter planens år 2026"), "{message}");
    assert!(message.contains("2027–2036") && message.contains("--år 2027"), "{message}");
    let output = vplan(&["ny", plan.to_str().unwrap(), "--år", "2025"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("år 2025 är inte efter planens år 2026"), "{}", stderr(&output));
}

#[test]
fn plan_text_keeps_the_title_as_written_and_escapes_direction_controls() {
    let folder = temp_dir();
    let plan = folder.path().join("plan.yaml");
    let text = format!(
        "{}  titel: Verksamhetsplan för 2014\n  år_i_titel: nej\navsnitt:\n  - rubrik: Inledning\n",
        head(2014)
    );
    std::fs::write(&plan, &text).unwrap();
    let output = vplan(&["text", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let first = out.lines().next().unwrap_or_default();
    assert_eq!(first, "Verksamhetsplan för 2014 – Testbygdens samordningsförbund", "{out}");

    // A direction control typed in the plan (which the fonts refuse) reaches the terminal
    // escaped, in the error and in the plan as `vplan text` shows it, so that it cannot turn
    // the line around.
    std::fs::write(&plan, format!("{text}    text: Före \u{202e}efter\n")).unwrap();
    let output = vplan(&["text", plan.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(!out.contains('\u{202e}') && out.contains("Före \\u{202e}efter"), "{out}");
    let output = vplan(&["check", plan.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(!message.contains('\u{202e}') && message.contains("Före \\u{202e}efter"), "{message}");
}
