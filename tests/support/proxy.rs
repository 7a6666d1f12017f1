//! A small HTTP proxy between a child test and a server (Vault, or the AWS
//! emulator): it counts requests and can delay, drop, or answer them itself,
//! to play a slow or faulty server. Loopback only; one request per connection.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the proxy does with one request.
#[derive(Clone, Copy, Debug)]
pub enum Action {
    Forward,
    /// Answer this status without asking the server.
    Respond(u16),
    /// Answer this status and JSON body without asking the server.
    RespondWith(u16, &'static str),
    /// Wait, then forward.
    Delay(Duration),
    /// Close the connection without an answer.
    Drop,
}

/// One request as the proxy saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub namespace: Option<String>,
}

type Plan = dyn Fn(&Seen, usize) -> Action + Send + Sync;

pub struct Proxy {
    pub addr: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    /// The local ports of the proxy's connections to the server, which the
    /// server's logs name as the client's port.
    upstream_ports: Arc<Mutex<Vec<u16>>>,
}

impl Proxy {
    /// Starts a proxy to `upstream` (`http://127.0.0.1:PORT`); `plan` gets each
    /// request and how many requests came before it.
    pub fn start(
        upstream: &str,
        plan: impl Fn(&Seen, usize) -> Action + Send + Sync + 'static,
    ) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let addr = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let upstream_ports = Arc::new(Mutex::new(Vec::new()));
        let plan: Arc<Plan> = Arc::new(plan);
        let (shared, ports) = (Arc::clone(&seen), Arc::clone(&upstream_ports));
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (upstream, seen, ports, plan) = (
                    upstream.clone(),
                    Arc::clone(&shared),
                    Arc::clone(&ports),
                    Arc::clone(&plan),
                );
                std::thread::spawn(move || serve(client, &upstream, &seen, &ports, &*plan));
            }
        });
        Proxy {
            addr,
            seen,
            upstream_ports,
        }
    }

    /// The client ports the server saw from this proxy, to pick its
    /// requests out of a log shared with other tests.
    pub fn upstream_ports(&self) -> Vec<u16> {
        self.upstream_ports.lock().unwrap().clone()
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// How many requests went to `path`.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.method == method && s.path == path)
            .count()
    }
}

fn serve(
    mut client: TcpStream,
    upstream: &str,
    seen: &Mutex<Vec<Seen>>,
    ports: &Mutex<Vec<u16>>,
    plan: &Plan,
) {
    let Some((request, head)) = read_request(&client) else {
        return;
    };
    let index = {
        let mut all = seen.lock().unwrap();
        all.push(head.clone());
        all.len() - 1
    };
    let action = plan(&head, index);
    match action {
        Action::Drop => {}
        Action::Respond(_) | Action::RespondWith(..) => {
            let (status, body) = match action {
                Action::RespondWith(status, body) => (status, body),
                Action::Respond(status) => (status, r#"{"errors":["injected by the test proxy"]}"#),
                _ => unreachable!("matched above"),
            };
            let _ = write!(
                client,
                "HTTP/1.1 {status} Injected\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
        Action::Delay(wait) => {
            std::thread::sleep(wait);
            forward(&mut client, upstream, ports, &request);
        }
        Action::Forward => forward(&mut client, upstream, ports, &request),
    }
}

/// The raw request, with `Connection: close`, and what the plan needs of it.
fn read_request(client: &TcpStream) -> Option<(Vec<u8>, Seen)> {
    let mut reader = BufReader::new(client.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut raw = request_line.clone().into_bytes();
    let (mut length, mut namespace) = (0usize, None);
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if lower.starts_with("x-vault-namespace:") {
            namespace = Some(line[18..].trim().to_owned());
        }
        if !lower.starts_with("connection:") {
            raw.extend_from_slice(line.as_bytes());
        }
    }
    raw.extend_from_slice(b"connection: close\r\n\r\n");
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    raw.extend_from_slice(&body);
    Some((
        raw,
        Seen {
            method,
            path,
            namespace,
        },
    ))
}

fn forward(client: &mut TcpStream, upstream: &str, ports: &Mutex<Vec<u16>>, request: &[u8]) {
    let Ok(mut server) = TcpStream::connect(upstream) else {
        return;
    };
    if let Ok(local) = server.local_addr() {
        ports.lock().unwrap().push(local.port());
    }
    if server.write_all(request).is_err() {
        return;
    }
    let mut response = Vec::new();
    let _ = server.read_to_end(&mut response);
    // the client must not reuse this connection: say so in the headers
    let text = String::from_utf8_lossy(&response);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return;
    };
    let mut out: String = head
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    out.push_str("connection: close\r\n\r\n");
    out.push_str(body);
    let _ = client.write_all(out.as_bytes());
}
