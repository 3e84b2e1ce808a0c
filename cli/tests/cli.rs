//! The `smithy-codegen` binary as a user runs it: what it writes, what it
//! never touches, and how its command line answers.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture with two operations, so a regeneration can drop one.
fn model() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/fixtures/http.json")
}

fn tool(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smithy-codegen"))
        .args(args)
        .output()
        .expect("the smithy-codegen binary runs")
}

fn generate(out: &Path, operations: &[&str], extra: &[&str]) -> Output {
    let model = model();
    let mut args = vec!["generate", "--model", model.to_str().expect("UTF-8 path")];
    for op in operations {
        args.extend(["--operation", op]);
    }
    args.extend(["--out", out.to_str().expect("UTF-8 path")]);
    args.extend(extra);
    tool(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_ok(output: &Output) {
    assert!(output.status.success(), "smithy-codegen failed:\n{}", stderr(output));
}

/// What a user adds beside a generated crate: a repository, docs, tests, build output.
fn add_user_files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let files = vec![
        (dir.join(".git/HEAD"), "ref: refs/heads/main\n"),
        (dir.join(".git/objects/ab/cdef"), "object"),
        (dir.join("README.md"), "# my crate\n"),
        (dir.join("tests/smoke.rs"), "#[test]\nfn smoke() {}\n"),
        (dir.join("src/extra.rs"), "// mine\n"),
        (dir.join("target/debug/build.log"), "built\n"),
        (dir.join("Cargo.lock"), "# lock\n"),
    ];
    for (path, text) in &files {
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write user file");
    }
    files
}

fn assert_untouched(files: &[(PathBuf, &str)]) {
    for (path, text) in files {
        let now = fs::read_to_string(path).unwrap_or_else(|e| panic!("{} is gone: {e}", path.display()));
        assert_eq!(now, *text, "{} was changed", path.display());
    }
}

#[test]
fn regeneration_keeps_every_file_the_user_added() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("crate");
    assert_ok(&generate(&out, &["PutObject", "GetObject"], &[]));
    let user = add_user_files(&out);
    let again = generate(&out, &["PutObject", "GetObject"], &[]);
    assert_ok(&again);
    assert!(stderr(&again).contains("(0 changed)"), "{}", stderr(&again));
    assert_untouched(&user);
}

#[test]
fn files_no_longer_generated_are_removed_unless_changed_by_hand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("crate");
    assert_ok(&generate(&out, &["PutObject", "GetObject"], &[]));
    let user = add_user_files(&out);
    let dropped = out.join("src/generated/operation/get_object/mod.rs");
    let edited = out.join("src/generated/operation/get_object/input.rs");
    assert!(dropped.exists(), "{} is generated", dropped.display());
    let mut text = fs::read_to_string(&edited).expect("generated file");
    text.push_str("// a note of mine\n");
    fs::write(&edited, &text).expect("edit");

    let output = generate(&out, &["PutObject"], &[]);
    assert_ok(&output);
    assert_untouched(&user);
    assert_eq!(fs::read_to_string(&edited).expect("edited file kept"), text);
    assert!(
        stderr(&output).contains(&format!("kept {}", edited.display())),
        "{}",
        stderr(&output)
    );
    assert!(!dropped.exists(), "{} is no longer generated", dropped.display());
    assert!(out.join("src/generated/operation/put_object/mod.rs").exists());
}

#[test]
fn an_unrelated_folder_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("mine");
    let user = add_user_files(&out);
    let output = generate(&out, &["GetObject"], &[]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("not empty") && message.contains("--force"),
        "{message}"
    );
    assert!(!out.join("Cargo.toml").exists(), "nothing is written");
    assert_untouched(&user);
}

#[test]
fn force_writes_beside_the_users_files_and_removes_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("mine");
    let user = add_user_files(&out);
    assert_ok(&generate(&out, &["GetObject"], &["--force"]));
    assert!(out.join("Cargo.toml").exists());
    assert!(out.join(smithy_codegen::disk::MANIFEST).exists());
    assert_untouched(&user);
    // From now on the folder is the generator's: no --force needed.
    assert_ok(&generate(&out, &["GetObject"], &[]));
    assert_untouched(&user);
}

#[test]
fn a_users_file_in_the_way_of_a_generated_one_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("crate");
    assert_ok(&generate(&out, &["PutObject"], &[]));
    let in_the_way = out.join("src/generated/operation/get_object/mod.rs");
    fs::create_dir_all(in_the_way.parent().expect("parent")).expect("mkdir");
    fs::write(&in_the_way, "// mine\n").expect("write");
    let output = generate(&out, &["PutObject", "GetObject"], &[]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("in the way"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&in_the_way).expect("kept"), "// mine\n");
}

#[test]
fn a_manifest_naming_paths_outside_the_folder_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("crate");
    assert_ok(&generate(&out, &["GetObject"], &[]));
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").expect("write");
    let git = add_user_files(&out);
    for line in ["0000000000000000 ../victim.txt", "0000000000000000 .git/HEAD"] {
        let manifest = out.join(smithy_codegen::disk::MANIFEST);
        let original = fs::read_to_string(&manifest).expect("manifest");
        fs::write(&manifest, format!("{original}{line}\n")).expect("tamper");
        let output = generate(&out, &["GetObject"], &[]);
        assert!(!output.status.success(), "{line}");
        assert!(
            stderr(&output).contains(smithy_codegen::disk::MANIFEST),
            "{}",
            stderr(&output)
        );
        fs::write(&manifest, original).expect("restore");
    }
    assert_eq!(fs::read_to_string(&victim).expect("kept"), "precious");
    assert_untouched(&git);
}

#[test]
fn check_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("crate");
    let output = generate(&out, &["GetObject"], &["--check"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("missing:"), "{}", stderr(&output));
    assert!(!out.exists());
}

#[test]
fn help_exits_zero_everywhere() {
    for args in [
        &["--help"][..],
        &["help"],
        &["generate", "--help"],
        &["help", "generate"],
        &["ast", "--help"],
        &["idl", "--help"],
    ] {
        let output = tool(args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("Usage:"), "{args:?}: {text}");
    }
    let text = String::from_utf8_lossy(&tool(&["generate", "--help"]).stdout).into_owned();
    for flag in [
        "--check",
        "--model",
        "--operation",
        "--all-operations",
        "--service",
        "--out",
        "--crate-name",
        "--pattern-dialect",
        "--runtime-path",
        "--runtime-version",
        "--no-strategies",
        "--force",
    ] {
        assert!(text.contains(flag), "{flag} is documented:\n{text}");
    }
}

/// 0 done, 1 failed or stale, 2 a usage error: what a script can rely on.
#[test]
fn exit_codes_tell_usage_from_failure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("crate");
    let model = model();
    let model = model.to_str().expect("UTF-8");
    let out_arg = out.to_str().expect("UTF-8");
    let no_selection = tool(&["generate", "--model", model, "--out", out_arg]);
    assert_eq!(no_selection.status.code(), Some(2), "{}", stderr(&no_selection));
    assert!(
        stderr(&no_selection).contains("--all-operations"),
        "{}",
        stderr(&no_selection)
    );
    let missing_model = tool(&[
        "generate",
        "--model",
        "/no/such.json",
        "--out",
        out_arg,
        "--all-operations",
    ]);
    assert_eq!(missing_model.status.code(), Some(1), "{}", stderr(&missing_model));
    assert_ok(&generate(&out, &["GetObject"], &[]));
    assert_eq!(generate(&out, &["GetObject"], &["--check"]).status.code(), Some(0));
    let stale = generate(&out, &["GetObject", "PutObject"], &["--check"]);
    assert_eq!(stale.status.code(), Some(1), "{}", stderr(&stale));
}

#[test]
fn misspellings_get_suggestions() {
    let output = tool(&["generate", "--chek"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--check"), "{}", stderr(&output));

    let output = tool(&["generat"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("generate"), "{}", stderr(&output));

    let dir = tempfile::tempdir().expect("temp dir");
    let output = generate(&dir.path().join("crate"), &["GetObjcet"], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("did you mean `GetObject`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn summaries_count_in_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = generate(&dir.path().join("crate"), &["GetObject"], &[]);
    assert_ok(&output);
    assert!(stderr(&output).contains(": 1 operation,"), "{}", stderr(&output));
}

#[test]
fn standalone_crates_name_their_model_and_depend_on_the_runtime() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("crate");
    // By default: the runtime this tool was built from, by path and version.
    assert_ok(&generate(&out, &["GetObject"], &[]));
    let generated = fs::read_to_string(out.join("src/generated/mod.rs")).expect("generated module");
    assert!(
        generated.starts_with("// @generated by smithy-codegen from http.json."),
        "{generated}"
    );
    assert!(!generated.contains("spec/"), "{generated}");
    let manifest = fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    let runtime = fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime")).expect("runtime");
    // The path is absolute, or relative to the crate when both sit in one
    // folder below `/` (a checkout under /tmp): either way, this runtime.
    let prefix = format!(
        "smithy-codegen-runtime = {{ version = \"{}\", path = \"",
        smithy_codegen::package::RUNTIME_VERSION
    );
    let written = manifest
        .lines()
        .find_map(|line| line.strip_prefix(&prefix)?.strip_suffix("\" }"))
        .unwrap_or_else(|| panic!("no runtime dependency by version and path: {manifest}"));
    assert_eq!(fs::canonicalize(out.join(written)).ok(), Some(runtime), "{manifest}");
    assert!(manifest.contains("\n[workspace]\n"), "a crate of its own: {manifest}");
    assert!(
        !out.join("src/runtime").exists(),
        "the runtime is a dependency, not a copy"
    );
    // A published version instead.
    assert_ok(&generate(&out, &["GetObject"], &["--runtime-version", "0.1"]));
    let manifest = fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains(r#"smithy-codegen-runtime = "0.1""#), "{manifest}");
    // A folder that holds no runtime is refused, naming it.
    let refused = generate(&out, &["GetObject"], &["--runtime-path", "/opt/runtime"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("/opt/runtime"), "{}", stderr(&refused));
}

/// The new user's path: generate into a fresh folder outside any workspace
/// with no options, then `cargo build` and `cargo test` there.
#[test]
fn a_crate_generated_with_no_options_builds_and_tests() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("weather");
    assert_ok(&generate(&out, &["PutObject", "GetObject"], &[]));
    // Pinned to the workspace's dependency versions, so no registry is asked.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"),
        out.join("Cargo.lock"),
    )
    .expect("lockfile");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/standalone-build");
    for command in [&["build", "--offline"][..], &["test", "--offline"]] {
        let run = Command::new(env!("CARGO"))
            .args(command)
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", &target)
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        assert!(
            run.status.success(),
            "cargo {command:?} failed:\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
}

/// Inside someone's workspace the crate gets no `[workspace]` table (which
/// would make it a second root), and the summary says what to add.
#[test]
fn inside_a_users_workspace_the_crate_is_a_member_to_add() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("Cargo.toml"),
        "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n",
    )
    .expect("write");
    let out = dir.path().join("crates/weather");
    let output = generate(&out, &["GetObject"], &[]);
    assert_ok(&output);
    let manifest = fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    assert!(!manifest.contains("[workspace]"), "{manifest}");
    assert!(stderr(&output).contains("inside the workspace"), "{}", stderr(&output));
    let metadata = Command::new(env!("CARGO"))
        .args(["metadata", "--no-deps", "--offline", "--format-version", "1"])
        .current_dir(&out)
        .output()
        .expect("cargo runs");
    assert!(
        metadata.status.success(),
        "the workspace takes it as a member:\n{}",
        String::from_utf8_lossy(&metadata.stderr)
    );
}

/// A generated crate carries what `cargo package` asks for (description,
/// license, README) and packages cleanly.
#[test]
fn standalone_crates_can_be_packaged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("crate");
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    assert_ok(&generate(
        &out,
        &["PutObject", "GetObject"],
        &[
            "--crate-name",
            "http-models",
            "--runtime-path",
            runtime.to_str().expect("UTF-8"),
        ],
    ));
    let readme = fs::read_to_string(out.join("README.md")).expect("a README to start from");
    assert!(
        !fs::read_to_string(out.join(smithy_codegen::disk::MANIFEST))
            .unwrap()
            .contains("README"),
        "the README is the user's"
    );
    assert!(
        readme.contains("`PutObject`") && readme.contains("`GetObject`") && readme.contains("http.json"),
        "{readme}"
    );
    let manifest = fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    assert!(
        manifest.contains("license = \"Apache-2.0\"") && manifest.contains("description = "),
        "{manifest}"
    );
    let packaged = Command::new(env!("CARGO"))
        .args([
            "package",
            "--no-verify",
            "--exclude-lockfile",
            "--allow-dirty",
            "--offline",
            "--list",
        ])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", dir.path().join("target"))
        .output()
        .expect("cargo runs");
    let listed = String::from_utf8_lossy(&packaged.stdout);
    let warnings = String::from_utf8_lossy(&packaged.stderr);
    assert!(packaged.status.success(), "cargo package failed:\n{warnings}");
    assert!(!warnings.contains("warning"), "{warnings}");
    for file in ["Cargo.toml", "README.md", "src/lib.rs", "src/generated/mod.rs"] {
        assert!(listed.lines().any(|l| l == file), "{file} is packaged:\n{listed}");
    }
}

/// Strategies are a setting: `--no-strategies` leaves them and the `proptest`
/// feature out, and the crate still builds.
#[test]
fn strategies_can_be_left_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("crate");
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    assert_ok(&generate(
        &out,
        &["GetObject"],
        &["--no-strategies", "--runtime-path", runtime.to_str().expect("UTF-8")],
    ));
    assert!(!out.join("src/generated/strategies.rs").exists());
    let manifest = fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    assert!(!manifest.contains("proptest"), "{manifest}");
    let lib = fs::read_to_string(out.join("src/lib.rs")).expect("lib.rs");
    assert!(!lib.contains("strategies"), "{lib}");
    let check = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline"])
        .current_dir(&out)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/no-strategies-check"),
        )
        .output()
        .expect("cargo runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
}

/// `smithy-codegen idl` then `smithy-codegen ast` of what it wrote: the JSON AST of the
/// IDL equals the JSON AST of the original model.
#[test]
fn idl_written_and_printed_as_ast_is_the_model_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("idl");
    let model = model();
    let model = model.to_str().expect("UTF-8 path");
    let output = tool(&["idl", model, "--out", out.to_str().expect("UTF-8 path")]);
    assert_ok(&output);
    let written: Vec<PathBuf> = fs::read_dir(&out)
        .expect("the folder exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
        .collect();
    assert_eq!(written.len(), 1, "one namespace, one file: {written:?}");
    let from_idl = tool(&["ast", out.to_str().expect("UTF-8 path")]);
    assert_ok(&from_idl);
    let from_json = tool(&["ast", model]);
    assert_ok(&from_json);
    let parse = |o: &Output| -> serde_json::Value {
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("ast prints JSON: {e}"))
    };
    assert_eq!(parse(&from_idl), parse(&from_json));
}

#[test]
fn idl_refuses_a_folder_it_did_not_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("mine");
    let user = add_user_files(&out);
    let output = tool(&[
        "idl",
        model().to_str().expect("UTF-8 path"),
        "--out",
        out.to_str().expect("UTF-8 path"),
    ]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_untouched(&user);
}

/// A crate generated from the model written as IDL is the crate generated from
/// its JSON AST, file for file, apart from the header naming the model.
#[test]
fn a_crate_from_idl_equals_the_crate_from_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let idl = dir.path().join("idl");
    assert_ok(&tool(&[
        "idl",
        model().to_str().expect("UTF-8 path"),
        "--out",
        idl.to_str().expect("UTF-8 path"),
    ]));
    let from_json = dir.path().join("from-json");
    let from_idl = dir.path().join("from-idl");
    for (input, out) in [(model(), &from_json), (idl.clone(), &from_idl)] {
        assert_ok(&tool(&[
            "generate",
            "--model",
            input.to_str().expect("UTF-8 path"),
            "--all-operations",
            "--crate-name",
            "same-crate",
            "--out",
            out.to_str().expect("UTF-8 path"),
        ]));
    }
    let mut compared = 0;
    let mut stack = vec![from_json.join("src")];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(&from_json).expect("inside");
            let body = |p: &Path| -> String {
                let text = fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                text.lines()
                    .filter(|l| !l.starts_with("// "))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert_eq!(
                body(&path),
                body(&from_idl.join(relative)),
                "{} differs",
                relative.display()
            );
            compared += 1;
        }
    }
    assert!(compared > 5, "compared {compared} files");
}

#[test]
fn model_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.smithy");
    fs::write(
        &bad,
        "$version: \"2.0\"\nnamespace a.b\n\nstructure S {\n    a: String = \n}\n",
    )
    .expect("write");
    let output = tool(&["ast", bad.to_str().expect("UTF-8 path")]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("bad.smithy:5:16:") && message.contains("value"),
        "{message}"
    );
}

/// Symbolic links in a generated crate never lead a write out of its folder.
#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    fn generated_crate(dir: &Path) -> PathBuf {
        let out = dir.join("crate");
        assert_ok(&generate(&out, &["GetObject"], &[]));
        out
    }

    #[test]
    fn a_generated_file_linked_outside_is_refused_and_its_target_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = generated_crate(dir.path());
        let outside = dir.path().join("precious.txt");
        fs::write(&outside, "precious").expect("write");
        let module = out.join("src/generated/mod.rs");
        fs::remove_file(&module).expect("remove");
        symlink(&outside, &module).expect("link");
        // Something else of the run would be written: it must not be either.
        let lib = out.join("src/lib.rs");
        fs::write(&lib, "// stale\n").expect("edit");

        let output = generate(&out, &["GetObject"], &[]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let message = stderr(&output);
        assert!(
            message.contains(&module.display().to_string()) && message.contains(&outside.display().to_string()),
            "the error names the link and its target: {message}"
        );
        assert_eq!(fs::read_to_string(&outside).expect("kept"), "precious");
        assert_eq!(
            fs::read_to_string(&lib).expect("kept"),
            "// stale\n",
            "nothing of the run is written"
        );
        assert!(fs::symlink_metadata(&module)
            .expect("still there")
            .file_type()
            .is_symlink());
    }

    #[test]
    fn a_generated_folder_linked_outside_is_refused_and_stays_empty() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = generated_crate(dir.path());
        let outside = dir.path().join("elsewhere");
        fs::create_dir(&outside).expect("mkdir");
        let generated = out.join("src/generated");
        fs::rename(&generated, dir.path().join("moved-aside")).expect("move aside");
        symlink(&outside, &generated).expect("link");

        for extra in [&[][..], &["--force"]] {
            let output = generate(&out, &["GetObject"], extra);
            assert_eq!(output.status.code(), Some(1), "{extra:?}: {}", stderr(&output));
            let message = stderr(&output);
            assert!(
                message.contains(&generated.display().to_string()) && message.contains(&outside.display().to_string()),
                "{extra:?}: {message}"
            );
            let written: Vec<_> = fs::read_dir(&outside).expect("readable").collect();
            assert!(written.is_empty(), "{extra:?}: {written:?} were written outside");
        }
    }

    #[test]
    fn force_replaces_a_link_and_never_writes_through_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = generated_crate(dir.path());
        let outside = dir.path().join("precious.txt");
        fs::write(&outside, "precious").expect("write");
        let module = out.join("src/generated/mod.rs");
        let expected = fs::read_to_string(&module).expect("generated");
        fs::remove_file(&module).expect("remove");
        symlink(&outside, &module).expect("link");

        assert_ok(&generate(&out, &["GetObject"], &["--force"]));
        assert_eq!(fs::read_to_string(&outside).expect("kept"), "precious");
        let meta = fs::symlink_metadata(&module).expect("written");
        assert!(meta.file_type().is_file(), "the link is replaced by the file");
        assert_eq!(fs::read_to_string(&module).expect("generated"), expected);
    }

    #[test]
    fn a_stale_listed_file_that_is_a_link_is_removed_as_a_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("crate");
        assert_ok(&generate(&out, &["PutObject", "GetObject"], &[]));
        // The user moves a generated file out and links it back in place.
        let listed = out.join("src/generated/operation/get_object/output.rs");
        let outside = dir.path().join("output.rs");
        fs::rename(&listed, &outside).expect("move");
        symlink(&outside, &listed).expect("link");
        let text = fs::read_to_string(&outside).expect("moved");

        assert_ok(&generate(&out, &["PutObject"], &[]));
        assert!(fs::symlink_metadata(&listed).is_err(), "the link is gone");
        assert_eq!(fs::read_to_string(&outside).expect("its target stays"), text);
    }

    #[test]
    fn links_that_stay_inside_the_folder_are_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = generated_crate(dir.path());
        // `src/generated` becomes a link to a folder of the crate's own.
        let generated = out.join("src/generated");
        fs::rename(&generated, out.join("src/real-generated")).expect("move");
        symlink("real-generated", &generated).expect("link");
        fs::write(out.join("src/real-generated/mod.rs"), "// stale\n").expect("edit");

        let output = generate(&out, &["GetObject"], &[]);
        assert_ok(&output);
        assert!(fs::symlink_metadata(&generated).expect("kept").file_type().is_symlink());
        let module = fs::read_to_string(out.join("src/real-generated/mod.rs")).expect("written through");
        assert!(module.starts_with("// @generated"), "{module}");
        assert_ok(&generate(&out, &["GetObject"], &["--check"]));
    }

    #[test]
    fn a_readme_link_is_never_written_through() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("crate");
        fs::create_dir(&out).expect("mkdir");
        let outside = dir.path().join("nowhere.md");
        symlink(&outside, out.join("README.md")).expect("dangling link");
        assert_ok(&generate(&out, &["GetObject"], &["--force"]));
        assert!(!outside.exists(), "nothing was written through the link");
    }

    #[test]
    fn idl_output_keeps_to_its_folder_too() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("idl");
        let model = model();
        let args = [
            "idl",
            model.to_str().expect("UTF-8"),
            "--out",
            out.to_str().expect("UTF-8"),
        ];
        assert_ok(&tool(&args));
        let written = fs::read_dir(&out)
            .expect("folder")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "smithy"))
            .expect("an IDL file");
        let outside = dir.path().join("precious.smithy");
        fs::write(&outside, "precious").expect("write");
        fs::remove_file(&written).expect("remove");
        symlink(&outside, &written).expect("link");
        let output = tool(&args);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert_eq!(fs::read_to_string(&outside).expect("kept"), "precious");
    }
}

/// The tool as users get it: `cargo install --path cli` into a fresh root,
/// then the installed binary generates a crate.
#[test]
fn the_installed_binary_generates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("root");
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let install = Command::new(env!("CARGO"))
        .args(["install", "--path", "cli", "--debug", "--offline", "--locked", "--root"])
        .arg(&root)
        .current_dir(&workspace)
        // The workspace's own build, so nothing is compiled twice.
        .env("CARGO_TARGET_DIR", workspace.join("target"))
        .output()
        .expect("cargo runs");
    assert!(install.status.success(), "{}", String::from_utf8_lossy(&install.stderr));
    let binary = root
        .join("bin")
        .join(format!("smithy-codegen{}", std::env::consts::EXE_SUFFIX));
    let version = Command::new(&binary).arg("--version").output().expect("installed");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("smithy-codegen {}", env!("CARGO_PKG_VERSION"))
    );
    let out = dir.path().join("crate");
    let generated = Command::new(&binary)
        .args(["generate", "--all-operations", "--model"])
        .arg(model())
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_ok(&generated);
    assert!(out.join("src/generated/operation/get_object/mod.rs").is_file());
}

/// Two crates share one type: `common` generates `Money`, and `shop`, whose
/// model uses it, takes `common_models::types::Money` instead of its own.
#[test]
fn an_extern_type_lets_two_generated_crates_share_a_type() {
    let dir = tempfile::tempdir().expect("temp dir");
    let models = dir.path().join("models");
    fs::create_dir_all(&models).expect("mkdir");
    let money = "$version: \"2\"\nnamespace ex.common\n\n/// An amount of money.\nstructure Money {\n    @required\n    @range(min: 0)\n    cents: Long\n\n    @required\n    @length(min: 3, max: 3)\n    currency: String\n}\n";
    let common_service = "$version: \"2\"\nnamespace ex.common\n\nservice Common {\n    version: \"1\"\n    operations: [GetPrice]\n}\n\noperation GetPrice {\n    output := {\n        price: Money\n    }\n}\n";
    let shop = "$version: \"2\"\nnamespace ex.shop\n\nuse ex.common#Money\n\nservice Shop {\n    version: \"1\"\n    operations: [Buy]\n}\n\noperation Buy {\n    input := {\n        @required\n        total: Money\n    }\n}\n";
    fs::write(models.join("money.smithy"), money).expect("write");
    fs::write(models.join("common.smithy"), common_service).expect("write");
    fs::write(models.join("shop.smithy"), shop).expect("write");

    let common = dir.path().join("common");
    let shop_out = dir.path().join("shop");
    let m = |name: &str| models.join(name).to_str().expect("UTF-8").to_owned();
    assert_ok(&tool(&[
        "generate",
        "--model",
        &m("money.smithy"),
        "--model",
        &m("common.smithy"),
        "--all-operations",
        "--crate-name",
        "common-models",
        "--out",
        common.to_str().expect("UTF-8"),
    ]));
    let output = tool(&[
        "generate",
        "--model",
        &m("money.smithy"),
        "--model",
        &m("shop.smithy"),
        "--service",
        "ex.shop#Shop",
        "--crate-name",
        "shop-models",
        "--out",
        shop_out.to_str().expect("UTF-8"),
        "--extern-type",
        "ex.common#Money=common_models::types::Money",
        "--dependency",
        "common-models = { path = \"../common\" }",
    ]);
    assert_ok(&output);
    assert!(
        !shop_out.join("src/generated/types/money.rs").exists(),
        "Money is not generated again"
    );
    let input = fs::read_to_string(shop_out.join("src/generated/operation/buy/input.rs")).expect("input");
    assert!(input.contains("common_models::types::Money"), "{input}");

    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"),
        shop_out.join("Cargo.lock"),
    )
    .expect("lockfile");
    fs::write(
        shop_out.join("tests/shared.rs").tap_mkdir(),
        "#[test]\nfn the_type_is_the_common_crates() {\n    let price = common_models::types::Money::builder().cents(250).currency(\"EUR\").build().unwrap();\n    let input = shop_models::operation::buy::BuyInput::builder().total(price.clone()).build().unwrap();\n    assert_eq!(input.total(), Some(&price));\n    let bad = common_models::types::Money::builder().cents(-1).currency(\"EURO\").build_unchecked();\n    let error = shop_models::operation::buy::BuyInput::builder().total(bad).build().unwrap_err();\n    let paths: Vec<&str> = error.violations().iter().map(|v| v.path()).collect();\n    assert_eq!(paths, [\"/total/cents\", \"/total/currency\"]);\n}\n",
    )
    .expect("a test of the user's");
    let run = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--all-features"])
        .current_dir(&shop_out)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/standalone-build"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

/// A bad shape or path in a type option is an error naming it.
#[test]
fn type_options_name_what_is_wrong() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("crate");
    for (flag, value, expected) in [
        (
            "--extern-type",
            "fixture.http#Nope=other::Nope",
            "the model has no shape `fixture.http#Nope`",
        ),
        (
            "--extern-type",
            "fixture.http#Color=not a path",
            "`not a path` is not a Rust path",
        ),
        (
            "--derive",
            "fixture.http#Missing=PartialOrd",
            "`fixture.http#Missing` is not a generated type",
        ),
        ("--derive", "*=Hash(", "`Hash(` is not a Rust path"),
        ("--attribute", "*=derive(X)", "is not an outer attribute"),
    ] {
        let output = generate(&out, &["GetObject"], &[flag, value]);
        assert_eq!(output.status.code(), Some(1), "{flag} {value}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(expected),
            "{flag} {value}: {}",
            stderr(&output)
        );
    }
    let output = generate(&out, &["GetObject"], &["--derive", "PartialOrd"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

/// `path`, after creating its parent folder.
trait TapMkdir {
    fn tap_mkdir(self) -> Self;
}

impl TapMkdir for PathBuf {
    fn tap_mkdir(self) -> Self {
        if let Some(parent) = self.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        self
    }
}

/// A misspelt trait stops generation with its place and the right name;
/// `--allow-unknown-traits` lets it through with a warning.
#[test]
fn unknown_traits_fail_unless_allowed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let model = dir.path().join("m.smithy");
    fs::write(
        &model,
        "$version: \"2\"\nnamespace a.b\n\nservice S { version: \"1\", operations: [Op] }\n\noperation Op {\n    input := {\n        @lenght(max: 2)\n        name: String\n    }\n}\n",
    )
    .expect("write");
    let out = dir.path().join("crate");
    let args = |extra: &[&str]| {
        let mut args = vec![
            "generate",
            "--model",
            model.to_str().expect("UTF-8"),
            "--all-operations",
            "--out",
            out.to_str().expect("UTF-8"),
        ];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let refused = tool(&args(&[]).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("m.smithy:8:10: `a.b#OpInput$name`: unknown trait `@a.b#lenght`")
            && stderr(&refused).contains("did you mean `@length`?"),
        "{}",
        stderr(&refused)
    );
    let allowed = tool(
        &args(&["--allow-unknown-traits"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_ok(&allowed);
    assert!(stderr(&allowed).contains("warning: "), "{}", stderr(&allowed));
}

/// The README's lines after `marker`'s code fence, up to its end.
fn readme_block(marker: &str) -> Vec<String> {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).expect("README");
    let after = readme
        .split_once(marker)
        .map(|(_, rest)| rest)
        .expect("the README marks the example");
    after
        .lines()
        .skip_while(|l| !l.starts_with("```"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(str::to_owned)
        .collect()
}

/// The README's tool example, line by line, as a new user would type it: the
/// installed binary, its output folder under a temporary one.
#[test]
fn tool_example_in_the_readme_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("..")).expect("workspace");
    let root = dir.path().join("root");
    let mut folder = workspace.clone();
    let lines = readme_block("<!-- tool example -->");
    assert!(lines.len() >= 3, "{lines:?}");
    for line in &lines {
        let line = line.replace("/tmp/", &format!("{}/", dir.path().display()));
        let words: Vec<&str> = line.split_whitespace().collect();
        let output = match words[..] {
            ["cd", to] => {
                folder = folder.join(to);
                continue;
            }
            ["cargo", "install", ref rest @ ..] => Command::new(env!("CARGO"))
                .arg("install")
                .args(rest)
                .args(["--debug", "--offline", "--locked", "--root"])
                .arg(&root)
                .current_dir(&folder)
                .env("CARGO_TARGET_DIR", workspace.join("target"))
                .output(),
            ["smithy-codegen", ref rest @ ..] => Command::new(root.join("bin/smithy-codegen"))
                .args(rest)
                .current_dir(&folder)
                .output(),
            ["cargo", ref rest @ ..] => {
                // Pinned to the workspace's versions, so no registry is asked.
                let _ = fs::copy(workspace.join("Cargo.lock"), folder.join("Cargo.lock"));
                Command::new(env!("CARGO"))
                    .args(rest)
                    .arg("--offline")
                    .current_dir(&folder)
                    .env("CARGO_TARGET_DIR", workspace.join("target/standalone-build"))
                    .output()
            }
            _ => panic!("the README's tool example has a line this test cannot run: {line}"),
        }
        .expect("runs");
        assert!(output.status.success(), "`{line}` failed:\n{}", stderr(&output));
    }
}

/// The README's build script is the example crate's.
#[test]
fn build_script_in_the_readme_is_the_examples() {
    let lines = readme_block("<!-- build script example -->");
    let shown: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .skip_while(|l| !l.starts_with("fn main"))
        .collect();
    let build = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/build-script/build.rs"))
        .expect("the example's build.rs");
    let actual: Vec<&str> = build.lines().skip_while(|l| !l.starts_with("fn main")).collect();
    assert!(!shown.is_empty());
    assert_eq!(shown, actual);
}
