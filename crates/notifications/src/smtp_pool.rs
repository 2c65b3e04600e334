//! SMTP sessions kept open and shared, at most `pool_size` at once.
//!
//! lettre's own pool bounds only the idle connections it keeps: when all are
//! busy it opens another, and it parks a finished one from a spawned task, so
//! a new send can open a session before the last one is back. A relay that
//! allows five sessions answers the sixth with 421. Here a session is taken
//! from the idle list or opened only while holding one of `pool_size`
//! permits, and is back in the list before the permit is returned.
//!
//! Plain and STARTTLS sessions run on a socket of our own with TCP_NODELAY:
//! lettre writes a message's end (`.`) separately, and Nagle's algorithm held
//! it until the server's delayed acknowledgement of the body, tens of
//! milliseconds per message. (Implicit TLS uses lettre's own socket.)

use std::time::{Duration, Instant};

use lettre::Message;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use tokio::sync::{Mutex, Semaphore};

use crate::config::{SmtpConfig, TlsMode};
use crate::error::Error;

/// A session idle longer than this is checked (NOOP) before it is used:
/// servers close idle sessions, and a message must not be lost on one.
const CHECK_AFTER_IDLE: Duration = Duration::from_secs(5);

pub struct SmtpPool {
    host: String,
    port: u16,
    tls: TlsMode,
    timeout: Duration,
    credentials: Option<Credentials>,
    hello: ClientId,
    permits: Semaphore,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

impl SmtpPool {
    pub fn new(c: &SmtpConfig) -> Result<Self, Error> {
        if c.tls != TlsMode::None {
            // Checked once at start: a bad host name for TLS is a setting error.
            TlsParameters::new(c.host.clone()).map_err(|e| Error::Config(format!("email.smtp.host: {e}")))?;
        }
        Ok(Self {
            host: c.host.clone(),
            port: c.port,
            tls: c.tls,
            timeout: Duration::from_secs(c.timeout_seconds.max(1)),
            credentials: c.username.clone().zip(c.password.clone()).map(|(user, pass)| Credentials::new(user, pass)),
            hello: ClientId::default(),
            permits: Semaphore::new(c.pool_size.max(1) as usize),
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Sends one message over a pooled session. A 5xx answer is
    /// `Error::Rejected`; anything else that fails is worth trying again.
    pub async fn send(&self, message: &Message) -> Result<(), Error> {
        let _permit = self.permits.acquire().await.map_err(|e| Error::Delivery(e.to_string()))?;
        let mut conn = self.session().await?;
        // lettre times out connecting only: a server that stops answering
        // mid-message must not hold the batch (and a shutdown) for ever.
        let sent = tokio::time::timeout(self.timeout * 3, conn.send(message.envelope(), &message.formatted())).await;
        match sent {
            Ok(Ok(_)) => {
                self.idle.lock().await.push((conn, Instant::now()));
                Ok(())
            }
            Ok(Err(e)) => {
                if conn.has_broken() {
                    conn.abort().await;
                } else {
                    // A refused recipient leaves the session usable.
                    self.idle.lock().await.push((conn, Instant::now()));
                }
                Err(if e.is_permanent() { Error::Rejected(e.to_string()) } else { Error::Delivery(e.to_string()) })
            }
            Err(_) => {
                conn.abort().await;
                Err(Error::Delivery("the SMTP server stopped answering".to_owned()))
            }
        }
    }

    /// An idle session that still answers, or a new one.
    async fn session(&self) -> Result<AsyncSmtpConnection, Error> {
        loop {
            let Some((mut conn, since)) = self.idle.lock().await.pop() else { break };
            if since.elapsed() < CHECK_AFTER_IDLE || conn.test_connected().await {
                return Ok(conn);
            }
            conn.abort().await;
        }
        tokio::time::timeout(self.timeout, self.connect())
            .await
            .unwrap_or_else(|_| Err(Error::Delivery("timed out connecting to the SMTP server".to_owned())))
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, Error> {
        let failed = |e: lettre::transport::smtp::Error| {
            if e.is_permanent() { Error::Rejected(e.to_string()) } else { Error::Delivery(e.to_string()) }
        };
        let tls = || TlsParameters::new(self.host.clone()).map_err(|e| Error::Config(e.to_string()));
        let mut conn = match self.tls {
            TlsMode::Tls => {
                AsyncSmtpConnection::connect_tokio1((self.host.as_str(), self.port), Some(self.timeout), &self.hello, Some(tls()?), None)
                    .await
                    .map_err(failed)?
            }
            TlsMode::None | TlsMode::Starttls => {
                let socket = tokio::net::TcpStream::connect((self.host.as_str(), self.port))
                    .await
                    .map_err(|e| Error::Delivery(format!("connecting to the SMTP server: {e}")))?;
                socket.set_nodelay(true).map_err(|e| Error::Delivery(e.to_string()))?;
                let mut conn = AsyncSmtpConnection::connect_with_transport(Box::new(socket), &self.hello).await.map_err(failed)?;
                if self.tls == TlsMode::Starttls {
                    conn.starttls(tls()?, &self.hello).await.map_err(failed)?;
                }
                conn
            }
        };
        if let Some(credentials) = &self.credentials {
            conn.auth(&[Mechanism::Plain, Mechanism::Login], credentials).await.map_err(failed)?;
        }
        Ok(conn)
    }

    /// Says goodbye on every idle session (at shutdown).
    pub async fn close(&self) {
        for (mut conn, _) in self.idle.lock().await.drain(..) {
            let _ = conn.quit().await;
        }
    }
}
