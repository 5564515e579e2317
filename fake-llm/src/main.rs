//! `fake-llm [--port N] [--latency-ms MS] [--fault-percent P] [--rpm N] [--seed S] [--sloppy N] [--echo 1] [--batch-delay-ms MS] [--imitate llama-server|llama-cpp-python|ollama] [--context N]`:
//! run the fake server on 127.0.0.1 (OpenAI at `/v1/chat/completions`, Anthropic
//! at `/v1/messages`, both batch APIs) and print its base URL.
//! `fake-llm run-batch IN.jsonl OUT.jsonl`: answer an OpenAI batch input file as
//! a self-hosted engine (vLLM's `run-batch`) would.
//! `--sloppy N` spoils one answer in N (`--sloppy 1`: every answer).

use std::time::Duration;

use fake_llm::{Config, Fault, FaultPlan, Handle, Imitate};

const USAGE: &str = "usage: fake-llm [--port N] [--latency-ms MS] [--fault-percent P] [--rpm N] [--seed S] [--sloppy N] [--echo 1] [--batch-delay-ms MS]\n                [--imitate llama-server|llama-cpp-python|ollama] [--context N]\n       fake-llm run-batch IN.jsonl OUT.jsonl";

/// `run-batch IN OUT`: the answers of every line of IN, written to OUT.
async fn run_batch(input: Option<String>, output: Option<String>) -> i32 {
    let (Some(input), Some(output)) = (input, output) else {
        eprintln!("{USAGE}");
        return 2;
    };
    let text = match std::fs::read_to_string(&input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("fake-llm: cannot read {input}: {e}");
            return 1;
        }
    };
    let answers = fake_llm::run_batch(&Handle::new(Config::default()), &text).await;
    if let Err(e) = std::fs::write(&output, answers) {
        eprintln!("fake-llm: cannot write {output}: {e}");
        return 1;
    }
    0
}

#[tokio::main]
async fn main() {
    let mut port = 0u16;
    // A benchmark can send millions of requests: count them, do not keep them.
    let mut config = Config {
        keep_log: false,
        ..Config::default()
    };
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("run-batch") {
        args.next();
        std::process::exit(run_batch(args.next(), args.next()).await);
    }
    while let Some(flag) = args.next() {
        if flag == "--imitate" {
            config.imitate = args.next().as_deref().and_then(Imitate::parse);
            if config.imitate.is_none() {
                eprintln!("{USAGE}");
                std::process::exit(2);
            }
            continue;
        }
        let Some(value) = args.next().and_then(|v| v.parse::<u64>().ok()) else {
            eprintln!("{USAGE}");
            std::process::exit(2);
        };
        match flag.as_str() {
            "--port" => port = u16::try_from(value).unwrap_or(0),
            "--latency-ms" => config.latency = Duration::from_millis(value),
            "--rpm" => config.rpm = u32::try_from(value).unwrap_or(u32::MAX),
            "--seed" => config.faults.seed = value,
            "--sloppy" => {
                config.sloppy = value != 0;
                config.sloppy_one_in = value.max(1) as usize;
            }
            "--echo" => config.echo = value != 0,
            "--batch-delay-ms" => config.batch.delay = Duration::from_millis(value),
            "--context" => config.context = Some(value),
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
