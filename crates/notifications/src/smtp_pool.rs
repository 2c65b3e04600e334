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
//!
//! When the server offers PIPELINING (RFC 2920), a message's envelope (MAIL,
//! RCPT, DATA) goes in one write and its answers are read in order, so a
//! message costs two round trips instead of four; and when several messages
//! go in order on one session (`send_all`, a lane of the mail worker), each
//! message's end goes in the same write as the next one's envelope, so each
//! costs one. lettre does not pipeline nor record the keyword, so the pool
//! asks with a second EHLO once per session and writes the envelope with
//! lettre's own command types.

use std::time::{Duration, Instant};

use std::fmt;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Ehlo, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::ClientId;
use lettre::{Message, transport::smtp::Error as SmtpError};
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
    size: usize,
    permits: Semaphore,
    idle: Mutex<Vec<(Session, Instant)>>,
}

/// An open SMTP session and whether its server takes pipelined commands.
struct Session {
    conn: AsyncSmtpConnection,
    pipelining: bool,
}

impl Session {
    /// Sends one message. A session is reused after a failure only when
    /// every answer was read and RSET was accepted; otherwise it is aborted
    /// (lettre's own `send` aborts on any failure).
    async fn deliver(&mut self, envelope: &Envelope, email: &[u8]) -> Result<(), SmtpError> {
        // lettre's path chooses SMTPUTF8 and 8BITMIME when they are needed.
        if !self.pipelining || !ascii_addresses(envelope) || !email.is_ascii() {
            return self.conn.send(envelope, email).await.map(|_| ());
        }
        let first = self.conn.command(PipelinedEnvelope(envelope)).await.err();
        self.envelope_answers(envelope, first).await?;
        // ASCII, checked above. The body and its end go in one write; lettre's
        // `message` writes them apart and stuffs dots a byte at a time.
        let text = std::str::from_utf8(email).unwrap_or_default();
        match self.conn.command(DotStuffed(text)).await {
            Ok(_) => Ok(()),
            Err(e) => {
                self.conn.abort().await;
                Err(e)
            }
        }
    }

    /// Reads the answers to a pipelined envelope after the first (`first`:
    /// MAIL's refusal, if it was one). Ok: the server waits for the body.
    /// Err: the session is ready for another message (RSET) or aborted.
    async fn envelope_answers(&mut self, envelope: &Envelope, first: Option<SmtpError>) -> Result<(), SmtpError> {
        // Every answer is read, even after a refusal, so none is taken for
        // the answer to a later command.
        let mut refused = first;
        for _ in envelope.to() {
            if let Err(e) = self.conn.read_response().await {
                refused.get_or_insert(e);
            }
        }
        match (refused, self.conn.read_response().await) {
            (None, Ok(_)) => Ok(()),
            // Every answer is in: RSET ends the transaction and the session
            // serves the next message (a list with a few dead addresses
            // does not reconnect for each).
            (refused, Err(data)) => {
                if self.conn.command(Rset).await.is_err() {
                    self.conn.abort().await;
                }
                Err(refused.unwrap_or(data))
            }
            // The server waits for a body that must not be sent.
            (Some(e), Ok(_)) => {
                self.conn.abort().await;
                Err(e)
            }
        }
    }

    /// Sends `messages` in order on this session, pushing each outcome onto
    /// `out`, until all are sent or the session breaks (false: end it; the
    /// message it broke on has its outcome, the rest have none yet).
    /// With PIPELINING, a message's end and the next message's envelope go
    /// in one write (RFC 2920 lets commands follow the end of data), so each
    /// message after the first costs one round trip.
    async fn deliver_in_order(&mut self, messages: &[(&Envelope, Vec<u8>)], limit: Duration, out: &mut Vec<Result<(), Error>>) -> bool {
        // lettre's own path chooses SMTPUTF8 and 8BITMIME when they are needed.
        let pipelining = self.pipelining;
        let pipelined = move |envelope: &Envelope, email: &[u8]| pipelining && ascii_addresses(envelope) && email.is_ascii();
        // The answers to the envelope written ahead with the last message's end.
        let mut opened: Option<Result<(), SmtpError>> = None;
        for (at, (envelope, email)) in messages.iter().enumerate() {
            let next = messages.get(at + 1).filter(|(e, m)| pipelined(e, m)).map(|(envelope, _)| *envelope);
            let step = async {
                if !pipelined(envelope, email) {
                    return (self.conn.send(envelope, email).await.map(|_| ()), None);
                }
                let ready = match opened.take() {
                    Some(answers) => answers,
                    None => {
                        let first = self.conn.command(PipelinedEnvelope(envelope)).await.err();
                        self.envelope_answers(envelope, first).await
                    }
                };
                if let Err(e) = ready {
                    return (Err(e), None);
                }
                let text = std::str::from_utf8(email).unwrap_or_default();
                let sent = self.conn.command(EndThenEnvelope(DotStuffed(text), next)).await.map(|_| ());
                if self.conn.has_broken() {
                    return (sent, None);
                }
                let ahead = match next {
                    Some(envelope) => {
                        let first = self.conn.read_response().await.err();
                        Some(self.envelope_answers(envelope, first).await)
                    }
                    None => None,
                };
                (sent, ahead)
            };
            match tokio::time::timeout(limit, step).await {
                Ok((sent, ahead)) => {
                    out.push(sent.map_err(told_apart));
                    opened = ahead;
                    if self.conn.has_broken() {
                        return false;
                    }
                }
                Err(_) => {
                    out.push(Err(Error::Delivery("the SMTP server stopped answering".to_owned())));
                    return false;
                }
            }
        }
        true
    }
}

/// A refusal for good (5xx) is `Error::Rejected`; anything else may pass if tried again.
fn told_apart(e: SmtpError) -> Error {
    if e.is_permanent() { Error::Rejected(e.to_string()) } else { Error::Delivery(e.to_string()) }
}

/// A message's content and end (`DotStuffed`), then the next message's
/// envelope when there is one, in one write.
struct EndThenEnvelope<'a>(DotStuffed<'a>, Option<&'a Envelope>);

impl fmt::Display for EndThenEnvelope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        match self.1 {
            Some(envelope) => write!(f, "{}", PipelinedEnvelope(envelope)),
            None => Ok(()),
        }
    }
}

fn ascii_addresses(envelope: &Envelope) -> bool {
    envelope.from().into_iter().chain(envelope.to()).all(|a| AsRef::<str>::as_ref(a).is_ascii())
}

/// A message's content as DATA carries it: a line that starts with "." gets
/// another (RFC 5321 4.5.2), and "." on a line of its own ends it.
struct DotStuffed<'a>(&'a str);

impl fmt::Display for DotStuffed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        if rest.starts_with('.') {
            f.write_str(".")?;
        }
        // Line by line (a search for '\n' is memchr; one for "\r\n." is not).
        let mut from = 0;
        while let Some(at) = rest[from..].find('\n').map(|at| from + at) {
            from = at + 1;
            if at > 0 && rest.as_bytes()[at - 1] == b'\r' && rest.as_bytes().get(at + 1) == Some(&b'.') {
                f.write_str(&rest[..from])?;
                f.write_str(".")?;
                rest = &rest[from..];
                from = 0;
            }
        }
        f.write_str(rest)?;
        if !self.0.is_empty() && !self.0.ends_with("\r\n") {
            f.write_str("\r\n")?;
        }
        f.write_str(".\r\n")
    }
}

/// MAIL FROM, RCPT TO for each recipient and DATA, written together.
struct PipelinedEnvelope<'a>(&'a Envelope);

impl fmt::Display for PipelinedEnvelope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Mail::new(self.0.from().cloned(), Vec::new()))?;
        for to in self.0.to() {
            write!(f, "{}", Rcpt::new(to.clone(), Vec::new()))?;
        }
        write!(f, "{Data}")
    }
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
            size: c.pool_size.max(1) as usize,
            permits: Semaphore::new(c.pool_size.max(1) as usize),
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Sends one message over a pooled session. A 5xx answer is
    /// `Error::Rejected`; anything else that fails is worth trying again.
    pub async fn send(&self, message: &Message) -> Result<(), Error> {
        let _permit = self.permits.acquire().await.map_err(|e| Error::Delivery(e.to_string()))?;
        let mut session = self.session().await?;
        // lettre times out connecting only: a server that stops answering
        // mid-message must not hold the batch (and a shutdown) for ever.
        let sent = tokio::time::timeout(self.timeout * 3, session.deliver(message.envelope(), &message.formatted())).await;
        match sent {
            Ok(Ok(())) => {
                self.idle.lock().await.push((session, Instant::now()));
                Ok(())
            }
            Ok(Err(e)) => {
                if !session.conn.has_broken() {
                    self.idle.lock().await.push((session, Instant::now()));
                }
                Err(told_apart(e))
            }
            Err(_) => {
                self.end(session).await;
                Err(Error::Delivery("the SMTP server stopped answering".to_owned()))
            }
        }
    }

    /// How many sessions may be open at once.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Sends messages in order over one pooled session at a time (one
    /// permit), and returns each one's outcome, in the same order. A session
    /// that breaks is ended and the rest go on a new one; when none can be
    /// opened, the rest fail with why (and are tried again later).
    pub async fn send_all(&self, messages: &[Message]) -> Vec<Result<(), Error>> {
        let mut out = Vec::with_capacity(messages.len());
        let _permit = match self.permits.acquire().await {
            Ok(p) => p,
            Err(e) => return messages.iter().map(|_| Err(Error::Delivery(e.to_string()))).collect(),
        };
        let formatted: Vec<(&Envelope, Vec<u8>)> = messages.iter().map(|m| (m.envelope(), m.formatted())).collect();
        while out.len() < formatted.len() {
            let mut session = match self.session().await {
                Ok(s) => s,
                Err(e) => {
                    let why = e.to_string();
                    while out.len() < formatted.len() {
                        out.push(Err(Error::Delivery(why.clone())));
                    }
                    break;
                }
            };
            let done = out.len();
            if session.deliver_in_order(&formatted[done..], self.timeout * 3, &mut out).await {
                self.idle.lock().await.push((session, Instant::now()));
            } else {
                self.end(session).await;
            }
        }
        out
    }

    /// Ends a session, without waiting long for a server that stopped answering.
    async fn end(&self, mut session: Session) {
        let _ = tokio::time::timeout(self.timeout, session.conn.abort()).await;
    }

    /// An idle session that still answers, or a new one.
    async fn session(&self) -> Result<Session, Error> {
        loop {
            let Some((mut session, since)) = self.idle.lock().await.pop() else { break };
            if since.elapsed() < CHECK_AFTER_IDLE
                || tokio::time::timeout(self.timeout, session.conn.test_connected()).await.unwrap_or(false)
            {
                return Ok(session);
            }
            self.end(session).await;
        }
        tokio::time::timeout(self.timeout, self.connect())
            .await
            .unwrap_or_else(|_| Err(Error::Delivery("timed out connecting to the SMTP server".to_owned())))
    }

    async fn connect(&self) -> Result<Session, Error> {
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
        // A repeated EHLO is allowed at any time and resets nothing we hold.
        let pipelining = conn
            .command(Ehlo::new(self.hello.clone()))
            .await
            .is_ok_and(|answer| answer.message().any(|line| line.trim().eq_ignore_ascii_case("PIPELINING")));
        Ok(Session { conn, pipelining })
    }

    /// Says goodbye on every idle session (at shutdown).
    pub async fn close(&self) {
        for (mut session, _) in self.idle.lock().await.drain(..) {
            let _ = tokio::time::timeout(self.timeout, session.conn.quit()).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DotStuffed;

    #[test]
    fn lines_that_start_with_a_dot_are_stuffed_and_the_end_is_marked() {
        assert_eq!(DotStuffed(".a\r\nb\r\n.c\r\n..d\r\n").to_string(), "..a\r\nb\r\n..c\r\n...d\r\n.\r\n");
        assert_eq!(DotStuffed("no end").to_string(), "no end\r\n.\r\n");
        assert_eq!(DotStuffed("").to_string(), ".\r\n");
    }
}
