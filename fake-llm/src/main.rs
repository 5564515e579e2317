//! `fake-llm [--port N] [--latency-ms MS] [--fault-percent P] [--rpm N] [--seed S] [--sloppy 1]`:
//! run the fake server on 127.0.0.1 (OpenAI at `/v1/chat/completions`, Anthropic
//! at `/v1/messages`) and print its base URL.

use std::time::Duration;

use fake_llm::{Config, Fault, FaultPlan, Handle};

const USAGE: &str =
    "usage: fake-llm [--port N] [--latency-ms MS] [--fault-percent P] [--rpm N] [--seed S] [--sloppy 1]";

#[tokio::main]
async fn main() {
    let mut port = 0u16;
    // A benchmark can send millions of requests: count them, do not keep them.
    let mut config = Config {
        keep_log: false,
        ..Config::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next().and_then(|v| v.parse::<u64>().ok()) else {
            eprintln!("{USAGE}");
            std::process::exit(2);
        };
        match flag.as_str() {
            "--port" => port = u16::try_from(value).unwrap_or(0),
            "--latency-ms" => config.latency = Duration::from_millis(value),
            "--rpm" => config.rpm = u32::try_from(value).unwrap_or(u32::MAX),
            "--seed" => config.faults.seed = value,
            "--sloppy" => config.sloppy = value != 0,
            "--fault-percent" => {
                config.faults = FaultPlan {
                    rate: value.min(100) as f64 / 100.0,
                    kinds: Fault::all(),
                    per_conversation: 1,
                    ..config.faults
                }
            }
            _ => {
                eprintln!("{USAGE}");
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
    if let Err(e) = fake_llm::serve(listener, Handle::new(config)).await {
        eprintln!("fake-llm: {e}");
        std::process::exit(1);
    }
}
