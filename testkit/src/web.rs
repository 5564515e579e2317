//! A small HTTP/1.1 server on 127.0.0.1 for fetch tests: canned routes with any
//! status, headers and body (or a body that drips), and a count of hits per path.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One canned answer.
#[derive(Clone, Default)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Send the body a byte at a time with this pause between bytes.
    pub drip: Option<Duration>,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            drip: None,
        }
    }

    pub fn redirect(status: u16, to: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Location".into(), to.into())],
            ..Reply::default()
        }
    }

    pub fn status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

pub struct Web {
    pub addr: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    /// Each request's path and whether it was conditional (`If-None-Match`
    /// or `If-Modified-Since`), in order.
    asked: Arc<Mutex<Vec<(String, bool)>>>,
}

impl Web {
    pub fn start() -> Web {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let asked: Arc<Mutex<Vec<(String, bool)>>> = Arc::default();
        let (r, h, a) = (routes.clone(), hits.clone(), asked.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, h, a) = (r.clone(), h.clone(), a.clone());
                std::thread::spawn(move || serve(stream, &r, &h, &a));
            }
        });
        Web {
            addr,
            routes,
            hits,
            asked,
        }
    }

    pub fn route(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.into(), reply);
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    pub fn total_hits(&self) -> usize {
        self.hits.lock().unwrap().values().sum()
    }

    /// Every request so far: its path, and whether it was conditional.
    pub fn asked(&self) -> Vec<(String, bool)> {
        self.asked.lock().unwrap().clone()
    }
}

fn serve(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, Reply>>,
    hits: &Mutex<HashMap<String, usize>>,
    asked: &Mutex<Vec<(String, bool)>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut if_none_match = None;
    let mut conditional = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("if-none-match:") {
            if_none_match = Some(v.trim().to_string());
            conditional = true;
        }
        conditional |= lower.starts_with("if-modified-since:");
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    asked.lock().unwrap().push((path.clone(), conditional));
    *hits.lock().unwrap().entry(path.clone()).or_insert(0) += 1;
    let mut reply = routes.lock().unwrap().get(&path).cloned().unwrap_or(Reply {
        status: 404,
        ..Reply::default()
    });
    // A route with an ETag answers a request that already holds it with 304.
    let etag = reply
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("etag"))
        .map(|(_, v)| v.to_ascii_lowercase());
    if etag.is_some() && etag == if_none_match {
        reply = Reply {
            status: 304,
            headers: reply.headers.clone(),
            ..Reply::default()
        };
    }
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} X\r\nConnection: close\r\nContent-Length: {}\r\n",
        reply.status,
        reply.body.len()
    );
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    match reply.drip {
        None => {
            let _ = out.write_all(&reply.body);
        }
        Some(pause) => {
            for b in &reply.body {
                if out.write_all(&[*b]).and_then(|()| out.flush()).is_err() {
                    return;
                }
                std::thread::sleep(pause);
            }
        }
    }
}
