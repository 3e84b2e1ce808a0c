//! The protocol-suite crates (`protocol/`) against README.md's table: request and
//! response cases, passed and expected failures per suite, counted from the
//! generated tests, so the table stays true as cases are fixed.

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn the_readme_table_counts_the_generated_cases() {
    let root = tests::workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md is readable");
    for (suite, _) in xtask::PROTOCOL_SUITES {
        let path = root
            .join(xtask::PROTOCOL_DIR)
            .join(suite)
            .join("src/generated/protocol_tests.rs");
        let tests = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let requests = count(&tests, "check::request(");
        let responses = count(&tests, "check::response(") + count(&tests, "check::binary_response(");
        let expected_failures = count(&tests, "#[should_panic]");
        let passed = requests + responses - expected_failures;
        let row = format!("| {suite} | {requests} | {responses} | {passed} | {expected_failures} |");
        assert!(
            readme.lines().any(|l| l.trim() == row),
            "README.md's protocol table should have the row `{row}`"
        );
    }
}

/// Every listed expected failure names a case of its suite's generated tests.
#[test]
fn every_expected_failure_is_a_generated_case() {
    let root = tests::workspace_root();
    let failures = xtask::expected_failures(&root).expect("the list parses");
    for (suite, entries) in failures {
        let path = root
            .join(xtask::PROTOCOL_DIR)
            .join(&suite)
            .join("src/generated/protocol_tests.rs");
        let tests = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for entry in entries {
            let doc = format!("`{}`", entry.id);
            let reason = format!("Expected to fail: {}", entry.reason);
            assert!(
                tests.contains(&doc) && tests.contains(&reason),
                "{suite} {} {} is not marked in {}",
                entry.kind,
                entry.id,
                path.display()
            );
        }
    }
}
