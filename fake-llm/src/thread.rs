//! The fake server on a thread of its own, for synchronous tests.

use std::net::SocketAddr;

use crate::{Config, Handle, serve};

/// A server running on its own thread, for synchronous tests.
pub struct FakeServer {
    pub addr: SocketAddr,
    pub handle: Handle,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl FakeServer {
    /// Start on 127.0.0.1 with an ephemeral port.
    pub fn start(config: Config) -> std::io::Result<Self> {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let handle = Handle::new(config);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let h = handle.clone();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        std::thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(std_listener) else {
                    return;
                };
                tokio::select! {
                    _ = serve(listener, h) => {}
                    _ = rx => {}
                }
            });
        });
        Ok(Self {
            addr,
            handle,
            _shutdown: tx,
        })
    }

    /// `http://127.0.0.1:PORT/v1`, for OpenAI-compatible clients.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// `http://127.0.0.1:PORT`, for Anthropic clients (which add `/v1/messages`).
    pub fn anthropic_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}
