//! Where a service's time goes reading a 2 KB `JsonLists` request: loops
//! `server::parse` for a profiler (`perf record`).

fn main() {
    let body = benches::json_lists_body();
    let request = http::Request::put("/JsonLists")
        .header("content-type", "application/json")
        .body(body)
        .expect("a request");
    let rounds: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(200_000);
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(protocol_restjson::server::parse(std::hint::black_box(&request)).is_ok());
    }
    println!("server parse: {:?} per request", start.elapsed() / rounds as u32);
}
