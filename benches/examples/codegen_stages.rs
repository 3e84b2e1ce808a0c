//! Time per codegen stage for one model: `cargo run --release -p benches --example
//! codegen_stages -- <model.json>` (defaults to the shared IoT model).

use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        benches::workspace_root()
            .join("../shared/aws-models/iot-2015-05-28.json")
            .display()
            .to_string()
    });
    let text = std::fs::read_to_string(&path).expect("model readable");
    let t = Instant::now();
    let model = smithy_codegen::ir::Model::from_json(&text).expect("resolves");
    let parse = t.elapsed();
    let t = Instant::now();
    let ir = smithy_codegen::ir::rust::build_all(&model).expect("IR builds");
    let build = t.elapsed();
    let t = Instant::now();
    let files = smithy_codegen::emit::emit(&ir);
    let emit = t.elapsed();
    let t = Instant::now();
    let mut parse_syn = std::time::Duration::ZERO;
    let mut unparse = std::time::Duration::ZERO;
    let mut bytes = 0;
    let mut by_kind: std::collections::BTreeMap<&str, (std::time::Duration, usize)> = Default::default();
    for f in files {
        let kind = if f.path == "strategies.rs" {
            "strategies"
        } else if f.path.starts_with("operation/") && f.path.ends_with("mod.rs") {
            "operation mod"
        } else if f.path.starts_with("operation/") {
            "operation io"
        } else {
            "types"
        };
        let t1 = Instant::now();
        let file: syn::File = syn::parse2(f.tokens).expect("parses");
        parse_syn += t1.elapsed();
        let t2 = Instant::now();
        let n = prettyplease::unparse(&file).len();
        bytes += n;
        unparse += t2.elapsed();
        let e = by_kind.entry(kind).or_default();
        e.0 += t1.elapsed();
        e.1 += n;
    }
    for (kind, (time, n)) in &by_kind {
        println!("  {kind}: {time:.1?} for {n} bytes");
    }
    let format = t.elapsed();
    println!("{path}: parse+resolve {parse:.1?}, IR {build:.1?}, emit {emit:.1?}, format {format:.1?} (syn parse {parse_syn:.1?}, prettyplease {unparse:.1?}), {bytes} bytes");
}
