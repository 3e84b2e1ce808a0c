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
