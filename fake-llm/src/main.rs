//! `fake-llm --port N --latency-ms MS`: run the fake server on 127.0.0.1.

use std::time::Duration;

use fake_llm::{Config, Handle};

#[tokio::main]
async fn main() {
    let mut port = 0u16;
    let mut latency = 0u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().and_then(|v| v.parse::<u64>().ok());
        match (a.as_str(), value) {
            ("--port", Some(v)) => port = v as u16,
            ("--latency-ms", Some(v)) => latency = v,
            _ => {
                eprintln!("usage: fake-llm [--port N] [--latency-ms MS]");
                std::process::exit(2);
            }
        }
    }
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("fake-llm: cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1);
        }
    };
    if let Ok(addr) = listener.local_addr() {
        println!("http://{addr}/v1");
    }
    let config = Config {
        latency: Duration::from_millis(latency),
        ..Config::default()
    };
    if let Err(e) = fake_llm::serve(listener, Handle::new(config)).await {
        eprintln!("fake-llm: {e}");
        std::process::exit(1);
    }
}
