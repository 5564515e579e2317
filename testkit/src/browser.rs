//! Headless Chromium, driven over the DevTools protocol: load a page from disk,
//! watch for network requests, console errors and dialogs, measure elements,
//! take screenshots. Chromium comes from Debian's `chromium` package (`.ci/run`
//! installs it when missing).

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// Headless, offline, no profile of the user's, DevTools on a free port.
const FLAGS: &str = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    --remote-debugging-port=0 about:blank";

pub struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next: u64,
    pub events: Vec<Value>,
    _profile: tempfile::TempDir,
}

/// What loading a page showed.
pub struct Visit {
    pub requests: Vec<String>,
    pub console_errors: Vec<String>,
    pub dialogs: usize,
    pub probe: Value,
    pub screenshot: Vec<u8>,
}

impl Browser {
    pub fn launch() -> Browser {
        let profile = tempfile::tempdir().expect("a profile folder");
        let mut child = Command::new("chromium")
            .args(FLAGS.split_whitespace())
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium is installed (Debian package `chromium`; .ci/run installs it)");
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("chromium printed its DevTools address")
                .unwrap();
            if let Some(at) = line.find("ws://") {
                break line[at..].trim().to_string();
            }
        };
        // Keep draining stderr so chromium never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let (ws, _) = tungstenite::connect(&url).expect("DevTools websocket");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        }
        Browser {
            child,
            ws,
            next: 0,
            events: Vec::new(),
            _profile: profile,
        }
    }

    fn read(&mut self) -> Value {
        loop {
            match self.ws.read().expect("DevTools message") {
                Message::Text(t) => return serde_json::from_str(&t).unwrap(),
                _ => continue,
            }
        }
    }

    /// Send a command and wait for its answer, keeping events that arrive meanwhile.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = s.into();
        }
        self.ws.send(Message::Text(msg.to_string().into())).unwrap();
        loop {
            let v = self.read();
            if v["id"] == id {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
            self.events.push(v);
        }
    }

    /// Open `page` in a fresh tab `width` CSS pixels wide and wait for it to
    /// load; the tab's session, for `eval`, `press` and `close`.
    pub fn open(&mut self, page: &Path, width: u32) -> Tab {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        let session = attached["sessionId"].as_str().unwrap().to_string();
        let s = Some(session.as_str());
        for domain in ["Page.enable", "Runtime.enable", "Network.enable", "Log.enable"] {
            self.call(s, domain, json!({}));
        }
        self.call(
            s,
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 3000, "deviceScaleFactor": 1, "mobile": width < 600 }),
        );
        let url = format!("file://{}", page.display());
        // Whatever the blank page did is not the page's: start counting here.
        self.events.clear();
        self.call(s, "Page.navigate", json!({ "url": url }));
        let tab = Tab {
            session,
            target: target["targetId"].as_str().unwrap_or_default().to_string(),
            url,
        };
        // Loaded when the page's own load event has run (not the blank tab's,
        // whose event may come late).
        let loaded = "location.protocol === 'file:' \
            && (performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0) > 0";
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.eval(&tab, loaded) != true {
            assert!(Instant::now() < deadline, "{} did not load within 20 s", tab.url);
            std::thread::sleep(Duration::from_millis(20));
        }
        tab
    }

    /// Evaluate a JavaScript expression in the tab; its JSON value.
    pub fn eval(&mut self, tab: &Tab, expression: &str) -> Value {
        let r = self.call(
            Some(&tab.session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        r["result"]["value"].clone()
    }

    /// Press a key (`Tab`, `Enter`, ` `) as a keyboard would, on whatever has focus.
    pub fn press(&mut self, tab: &Tab, key: &str, shift: bool) {
        let (code, vk, text) = match key {
            "Tab" => ("Tab", 9, ""),
            "Enter" => ("Enter", 13, "\r"),
            " " => ("Space", 32, " "),
            other => panic!("no key {other} in this helper"),
        };
        let modifiers = if shift { 8 } else { 0 };
        for kind in ["keyDown", "keyUp"] {
            let mut p = json!({ "type": kind, "key": key, "code": code, "windowsVirtualKeyCode": vk, "modifiers": modifiers });
            if kind == "keyDown" && !text.is_empty() {
                p["text"] = text.into();
            }
            self.call(Some(&tab.session), "Input.dispatchKeyEvent", p);
        }
    }

    /// A PNG of the tab's top `height` CSS pixels.
    pub fn shot(&mut self, tab: &Tab, width: u32, height: u32) -> Vec<u8> {
        let clip = json!({ "x": 0, "y": 0, "width": width, "height": height, "scale": 1 });
        let shot = self.call(
            Some(&tab.session),
            "Page.captureScreenshot",
            json!({ "format": "png", "clip": clip }),
        );
        base64_decode(shot["data"].as_str().unwrap_or(""))
    }

    /// Type text into whatever has focus.
    pub fn type_text(&mut self, tab: &Tab, text: &str) {
        self.call(Some(&tab.session), "Input.insertText", json!({ "text": text }));
    }

    /// What the tab requested, logged and opened since it loaded, with a
    /// screenshot; the tab is closed.
    pub fn close(&mut self, tab: Tab, probe: &str) -> Visit {
        let session = tab.session.clone();
        let probe = self.eval(&tab, probe);
        let shot = self.call(
            Some(&session),
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": false }),
        );
        let screenshot = base64_decode(shot["data"].as_str().unwrap_or(""));
        let of = |m: &str| {
            let mine = |e: &&Value| e["method"] == m && e["sessionId"] == session.as_str();
            self.events
                .iter()
                .filter(mine)
                .map(|e| e["params"].clone())
                .collect::<Vec<_>>()
        };
        let urls = of("Network.requestWillBeSent")
            .into_iter()
            .map(|p| p["request"]["url"].as_str().unwrap_or("").to_string());
        let requests = urls.filter(|u| *u != tab.url).collect();
        let console = of("Runtime.consoleAPICalled")
            .into_iter()
            .filter(|p| p["type"] == "error");
        let log = of("Log.entryAdded")
            .into_iter()
            .filter(|p| p["entry"]["level"] == "error");
        let console_errors = console
            .chain(of("Runtime.exceptionThrown"))
            .chain(log)
            .map(|p| p.to_string())
            .collect();
        let dialogs = of("Page.javascriptDialogOpening").len();
        self.call(None, "Target.closeTarget", json!({ "targetId": tab.target }));
        Visit {
            requests,
            console_errors,
            dialogs,
            probe,
            screenshot,
        }
    }

    /// Open `page` in a fresh tab `width` CSS pixels wide, then evaluate `probe`
    /// (a JavaScript expression returning JSON-able data) in it.
    pub fn visit(&mut self, page: &Path, width: u32, probe: &str) -> Visit {
        let tab = self.open(page, width);
        self.close(tab, probe)
    }
}

/// An open tab.
pub struct Tab {
    session: String,
    target: String,
    url: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .expect("base64 from DevTools")
}
