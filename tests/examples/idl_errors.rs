//! Prints, for each invalid IDL case of the reference suite, the reference's
//! error (its first line) beside ours, for reviewing error quality by eye.
//! `cargo run -p tests --example idl_errors`

fn main() {
    let Some(root) = tests::shared_path("smithy/idl-tests/invalid", "idl_errors") else {
        return;
    };
    let mut cases = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "smithy") {
                cases.push(path);
            }
        }
    }
    cases.sort();
    for case in cases {
        let text = std::fs::read_to_string(&case).unwrap_or_default();
        let reference = text.lines().next().unwrap_or_default().trim_start_matches("//").trim();
        let ours = smithy_codegen::disk::read_sources(std::slice::from_ref(&case))
            .and_then(|s| smithy_codegen::ast::assemble::assemble(&s).map_err(|e| e.to_string()));
        let ours = match ours {
            Ok(_) => "(loads)".to_owned(),
            Err(e) => e.replace(&format!("{}:", case.display()), ""),
        };
        println!(
            "{}\n  reference: {reference}\n  ours:      {ours}",
            case.strip_prefix(&root).unwrap_or(&case).display()
        );
    }
}
