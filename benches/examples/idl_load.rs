//! Where IDL load time goes, for the largest shared AWS model written as IDL:
//! lexing, parsing, and the whole load (parse + name resolution + merge), against
//! the JSON AST load of the same model. Best of 10 each.
//! `cargo run --release -p benches --example idl_load [-- model.json]`

use std::hint::black_box;
use std::time::{Duration, Instant};

use smithy_codegen::ast::assemble::{assemble, Source};

fn best(mut f: impl FnMut()) -> Duration {
    (0..10)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| benches::workspace_root().join("../shared/aws-models/iot-2015-05-28.json"));
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: idl_load: {} is absent", path.display());
        return;
    };
    let json = vec![Source::new("model.json", text)];
    let model = assemble(&json).expect("the model loads");
    let idl: Vec<Source> = smithy_codegen::idl::write::write(&model)
        .expect("writable as IDL")
        .into_iter()
        .map(|f| Source::new(format!("{}.smithy", f.namespace), f.text))
        .collect();
    let lex = best(|| {
        for s in &idl {
            black_box(smithy_codegen::idl::lexer::tokenize(black_box(&s.text)));
        }
    });
    let parse = best(|| {
        for s in &idl {
            black_box(smithy_codegen::idl::parse(black_box(&s.text)).expect("parses"));
        }
    });
    let idl_load = best(|| {
        black_box(assemble(black_box(&idl)).expect("loads"));
    });
    let json_load = best(|| {
        black_box(assemble(black_box(&json)).expect("loads"));
    });
    println!(
        "{}: IDL {} KB: lex {lex:.2?}, lex + parse {parse:.2?}, load {idl_load:.2?}; JSON AST {} KB: load {json_load:.2?}; IDL/JSON = {:.2}x",
        path.display(),
        idl.iter().map(|s| s.text.len()).sum::<usize>() / 1000,
        json[0].text.len() / 1000,
        idl_load.as_secs_f64() / json_load.as_secs_f64()
    );
}
