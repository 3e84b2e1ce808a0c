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

/// The service side's table (README "The service side"): the suites whose
/// crates have `server_tests.rs`, each counted from its tests.
#[test]
fn the_readme_server_table_counts_the_generated_cases() {
    let root = tests::workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md is readable");
    let mut rows = 0;
    for (suite, _) in xtask::PROTOCOL_SUITES {
        let path = root
            .join(xtask::PROTOCOL_DIR)
            .join(suite)
            .join("src/generated/server_tests.rs");
        let Ok(tests) = std::fs::read_to_string(&path) else {
            continue;
        };
        // A malformed-request test builds a request and checks a response too.
        let malformed = count(&tests, "the request is accepted as");
        let requests =
            count(&tests, "check::server_request(") + count(&tests, "check::binary_server_request(") - malformed;
        let responses = count(&tests, "check::server_response(") - malformed;
        let expected_failures = count(&tests, "#[should_panic]");
        let passed = requests + responses + malformed - expected_failures;
        let row = format!("| {suite} | {requests} | {responses} | {malformed} | {passed} | {expected_failures} |");
        assert!(
            readme.lines().any(|l| l.trim() == row),
            "README.md's server table should have the row `{row}`"
        );
        rows += 1;
    }
    assert!(rows > 0, "no suite crate has service-side tests");
}

/// Every listed expected failure names a case of its suite's generated tests.
#[test]
fn every_expected_failure_is_a_generated_case() {
    let root = tests::workspace_root();
    let failures = xtask::expected_failures(&root).expect("the list parses");
    for (suite, entries) in failures {
        let generated = root.join(xtask::PROTOCOL_DIR).join(&suite).join("src/generated");
        for entry in entries {
            let file = match entry.kind {
                smithy_codegen::CaseKind::ServerRequest | smithy_codegen::CaseKind::ServerResponse => "server_tests.rs",
                _ => "protocol_tests.rs",
            };
            let path = generated.join(file);
            let tests = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
