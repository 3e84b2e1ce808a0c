//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the fuzz
//! targets' bodies, so CI exercises them on stable without running a fuzzer.

use std::path::PathBuf;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = tests::workspace_root().join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, bytes)
        })
        .collect()
}

#[test]
fn output_round_trip_corpus_replays() {
    let inputs = corpus("output_round_trip");
    assert!(inputs.len() >= 10, "the corpus should not be empty");
    for (path, bytes) in inputs {
        let outcome = std::panic::catch_unwind(|| tests::fuzz::output_round_trip(&bytes));
        assert!(outcome.is_ok(), "{} panicked", path.display());
    }
}

#[test]
fn codegen_spec_corpus_replays() {
    let inputs = corpus("codegen_spec");
    assert!(inputs.len() >= 5, "the corpus should not be empty");
    for (path, bytes) in inputs {
        let outcome = std::panic::catch_unwind(|| tests::fuzz::codegen_spec(&bytes));
        assert!(outcome.is_ok(), "{} panicked", path.display());
    }
}

#[test]
fn idl_model_corpus_replays() {
    let mut inputs = corpus("idl_model");
    assert!(inputs.len() >= 10, "the corpus should not be empty");
    // The reference loader's own cases seed the fuzzer; they replay from where
    // they live (`../shared` is read, never copied).
    if let Some(root) = tests::shared_path("smithy/idl-tests", "idl_model_corpus_replays (reference IDL cases)") {
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "smithy") {
                    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    inputs.push((path, bytes));
                }
            }
        }
    }
    for (path, bytes) in inputs {
        let outcome = std::panic::catch_unwind(|| tests::fuzz::idl_model(&bytes));
        assert!(outcome.is_ok(), "{} panicked", path.display());
    }
}

#[test]
fn xml_response_corpus_replays() {
    let inputs = corpus("xml_response");
    assert!(inputs.len() >= 20, "the corpus should not be empty");
    for (path, bytes) in inputs {
        let outcome = std::panic::catch_unwind(|| tests::fuzz::xml_response(&bytes));
        assert!(outcome.is_ok(), "{} panicked", path.display());
    }
}

#[test]
fn query_request_corpus_replays() {
    let inputs = corpus("query_request");
    assert!(inputs.len() >= 8, "the corpus should not be empty");
    for (path, bytes) in inputs {
        let outcome = std::panic::catch_unwind(|| tests::fuzz::query_request(&bytes));
        assert!(outcome.is_ok(), "{} panicked", path.display());
    }
}

#[test]
fn cbor_response_corpus_replays() {
    let inputs = corpus("cbor_response");
    assert!(inputs.len() >= 10, "the corpus should not be empty");
    for (path, bytes) in inputs {
        let outcome = std::panic::catch_unwind(|| tests::fuzz::cbor_response(&bytes));
        assert!(outcome.is_ok(), "{} panicked", path.display());
    }
}

#[test]
fn server_request_corpus_replays() {
    let inputs = corpus("server_request");
    assert!(inputs.len() >= 10, "the corpus should not be empty");
    for (path, bytes) in inputs {
        let outcome = std::panic::catch_unwind(|| tests::fuzz::server_request(&bytes));
        assert!(outcome.is_ok(), "{} panicked", path.display());
    }
}

#[test]
fn endpoint_params_corpus_replays() {
    let inputs = corpus("endpoint_params");
    assert!(inputs.len() >= 10, "the corpus should not be empty");
    for (path, bytes) in inputs {
        let outcome = std::panic::catch_unwind(|| tests::fuzz::endpoint_params(&bytes));
        assert!(outcome.is_ok(), "{} panicked", path.display());
    }
}
