//! Accepting connections. `axum::serve` cannot be told how long to wait for a
//! client, so one machine could hold thousands of silent connections and keep
//! everyone else out, with nothing in the log. Here every connection has a
//! time limit for its first request's headers and for idling between
//! requests, and there is a cap on open connections, overall and per client
//! address; a refused connection gets a short 503 and the cap is logged.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};

/// How long clients may take and how many connections may be open.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// From accepting a connection to having its first request's headers.
    pub header_timeout: Duration,
    /// From the end of a response to the next request's headers, on a kept-alive connection.
    pub idle_timeout: Duration,
    pub max_connections: usize,
    /// 0: no cap per address (behind a proxy, every connection comes from the proxy).
    pub max_per_client: usize,
}

/// Why a connection was refused, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    Cap,
    PerClient,
}

/// Open connections per client address; a slot gives its place back when dropped.
#[derive(Default)]
struct PerClient(Mutex<HashMap<IpAddr, usize>>);

struct ClientSlot {
    table: Arc<PerClient>,
    ip: IpAddr,
}

impl PerClient {
    fn take(table: &Arc<Self>, ip: IpAddr, max: usize) -> Option<ClientSlot> {
        let mut open = table.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(ip).or_insert(0);
        if max > 0 && *n >= max {
            return None;
        }
        *n += 1;
        Some(ClientSlot { table: Arc::clone(table), ip })
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = self.table.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// Logs refusals at most every ten seconds, with how many there were since, so
/// a flood of connections is visible without flooding the log.
struct RefusalLog {
    last: Option<Instant>,
    since: u64,
}

impl RefusalLog {
    /// Counts a refusal; returns whether it was logged.
    fn refused(&mut self, why: Refusal, peer: IpAddr, limits: &ConnectionLimits) -> bool {
        self.since += 1;
        if self.last.is_some_and(|t| t.elapsed() < Duration::from_secs(10)) {
            return false;
        }
        match why {
            Refusal::Cap => tracing::warn!(
                max_connections = limits.max_connections,
                refused = self.since,
                "connection cap reached: new connections are refused until open ones close (server.max_connections)"
            ),
            Refusal::PerClient => tracing::warn!(
                client = %peer,
                max_connections_per_client = limits.max_per_client,
                refused = self.since,
                "one client address holds too many connections: its new ones are refused (server.max_connections_per_client)"
            ),
        }
        self.last = Some(Instant::now());
        self.since = 0;
        true
    }
}

const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 40\r\nretry-after: 10\r\n\r\nToo many connections; try again shortly.";

/// Serves `app` until `shutdown` resolves, then lets requests in flight finish.
/// Handlers see the peer as `ConnectInfo<SocketAddr>`.
pub async fn serve(listener: TcpListener, app: Router, limits: ConnectionLimits, shutdown: impl Future<Output = ()> + Send + 'static) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let per_client = Arc::new(PerClient::default());
    let mut log = RefusalLog { last: None, since: 0 };
    // Connections watch `stop` to shut down gracefully; `done` closes when the last one has ended.
    let (stop_tx, stop_rx) = watch::channel(false);
    let (done_tx, done_rx) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(c) => c,
                Err(e) => {
                    // Usually out of file descriptors: wait for some to close rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            log.refused(Refusal::Cap, peer.ip(), &limits);
            refuse(stream);
            continue;
        };
        let Some(slot) = PerClient::take(&per_client, peer.ip(), limits.max_per_client) else {
            log.refused(Refusal::PerClient, peer.ip(), &limits);
            refuse(stream);
            continue;
        };
        let (app, stop, done) = (app.clone(), stop_rx.clone(), done_rx.clone());
        tokio::spawn(async move {
            connection(stream, peer, app, limits, stop).await;
            drop((permit, slot, done));
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(done_rx);
    done_tx.closed().await;
}

/// A short answer instead of silence, without waiting on the client.
fn refuse(stream: TcpStream) {
    let _ = stream.try_write(BUSY);
}

async fn connection(stream: TcpStream, peer: SocketAddr, app: Router, limits: ConnectionLimits, mut stop: watch::Receiver<bool>) {
    let started = Arc::new(AtomicBool::new(false));
    let seen = Arc::clone(&started);
    let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        seen.store(true, Ordering::Relaxed);
        let mut req = req.map(Body::new);
        // What `into_make_service_with_connect_info` would insert.
        req.extensions_mut().insert(ConnectInfo(peer));
        let mut app = app.clone();
        async move { Ok::<_, Infallible>(tower::Service::call(&mut app, req).await.unwrap_or_else(|e| match e {})) }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    // hyper's header timer runs whenever it waits for a request: between requests, that is the idle timeout.
    builder.timer(TokioTimer::new()).header_read_timeout(limits.idle_timeout).keep_alive(true);
    let mut conn = pin!(builder.serve_connection(TokioIo::new(stream), service));
    let first_headers = tokio::time::sleep(limits.header_timeout);
    let mut first_headers = pin!(first_headers);
    let mut waiting_for_first = true;
    let mut stopping = false;
    loop {
        tokio::select! {
            _ = conn.as_mut() => break,
            () = &mut first_headers, if waiting_for_first => {
                waiting_for_first = false;
                if !started.load(Ordering::Relaxed) {
                    // Nothing asked in time: close (dropping the connection closes the socket).
                    tracing::debug!(client = %peer, "no request headers in time; closing");
                    break;
                }
            }
            changed = stop.changed(), if !stopping => {
                stopping = true;
                if changed.is_ok() {
                    conn.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_slot_is_given_back_when_its_connection_ends() {
        let table = Arc::new(PerClient::default());
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let a = PerClient::take(&table, ip, 2).unwrap();
        let _b = PerClient::take(&table, ip, 2).unwrap();
        assert!(PerClient::take(&table, ip, 2).is_none(), "the third is over the cap");
        assert!(PerClient::take(&table, "127.0.0.2".parse().unwrap(), 2).is_some(), "another address has its own count");
        drop(a);
        assert!(PerClient::take(&table, ip, 2).is_some());
        assert!(PerClient::take(&table, ip, 0).is_some(), "0 means no cap");
    }

    #[test]
    fn refusals_are_logged_at_once_then_at_most_every_ten_seconds() {
        let limits = ConnectionLimits {
            header_timeout: Duration::from_secs(1),
            idle_timeout: Duration::from_secs(1),
            max_connections: 1,
            max_per_client: 1,
        };
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let mut log = RefusalLog { last: None, since: 0 };
        assert!(log.refused(Refusal::Cap, ip, &limits), "the first refusal is logged");
        assert!(!log.refused(Refusal::Cap, ip, &limits) && !log.refused(Refusal::PerClient, ip, &limits));
        assert_eq!(log.since, 2, "and counted for the next line");
        log.last = Some(Instant::now() - Duration::from_secs(11));
        assert!(log.refused(Refusal::PerClient, ip, &limits));
    }
}
