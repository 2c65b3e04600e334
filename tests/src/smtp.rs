use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::process::{Child, Command};

/// A real SMTP server on loopback: Python's aiosmtpd, storing every message
/// it accepts in a Maildir that the test reads.
pub struct SmtpServer {
    pub port: u16,
    maildir: PathBuf,
    _child: Child,
}

/// A message as it arrived at the server.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope recipient (RCPT TO).
    pub rcpt_to: String,
    pub to: String,
    pub subject: String,
    pub raw: String,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// Header value with folded continuation lines joined.
fn header(raw: &str, name: &str) -> String {
    let head = raw.split("\n\n").next().unwrap_or_default().replace("\r\n", "\n");
    let mut value: Option<String> = None;
    for line in head.lines() {
        if let Some(v) = &mut value {
            if line.starts_with(' ') || line.starts_with('\t') {
                v.push_str(line.trim_start_matches(['\t']));
                continue;
            }
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case(name)
        {
            value = Some(v.trim().to_owned());
        }
    }
    value.unwrap_or_default()
}

impl SmtpServer {
    pub async fn start() -> Self {
        Self::start_with("aiosmtpd.handlers.Mailbox").await
    }

    /// A server that refuses recipients starting with "refused" (550) and
    /// defers those starting with "busy" (451): see tests/python/smtp_rules.py.
    pub async fn start_with_rules() -> Self {
        Self::start_with("smtp_rules.Rules").await
    }

    /// A server on a port chosen earlier, e.g. one the app was already
    /// configured with while nothing listened there (an outage ending).
    pub async fn start_on(port: u16) -> Self {
        Self::start_on_with(port, "aiosmtpd.handlers.Mailbox").await
    }

    /// A port that nothing listens on right now, for an SMTP server that is down.
    pub fn unused_port() -> u16 {
        free_port()
    }

    async fn start_with(handler: &str) -> Self {
        Self::start_on_with(free_port(), handler).await
    }

    async fn start_on_with(port: u16, handler: &str) -> Self {
        let maildir = std::env::temp_dir().join(format!("turnout-smtp-{}", uuid::Uuid::new_v4().simple()));
        let python = std::env::var("TURNOUT_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("python");
        let child = Command::new(&python)
            .env("PYTHONPATH", rules)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", handler])
            .arg(&maildir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("start the test SMTP server ({python} -m aiosmtpd; `pip install aiosmtpd`): {e}"));
        let deadline = Instant::now() + Duration::from_secs(15);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(Instant::now() < deadline, "the test SMTP server did not start listening on port {port}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Self { port, maildir, _child: child }
    }

    /// Every message received so far, in arrival order.
    pub fn messages(&self) -> Vec<Received> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .into_iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .map(|raw| Received { rcpt_to: header(&raw, "X-RcptTo"), to: header(&raw, "To"), subject: header(&raw, "Subject"), raw })
            .collect()
    }

    /// How many messages arrived so far, without reading them: cheap enough
    /// to poll while thousands arrive.
    pub fn count(&self) -> usize {
        std::fs::read_dir(self.maildir.join("new")).map(|d| d.count()).unwrap_or(0)
    }

    /// Waits until at least `n` messages arrived (or `timeout` passed), then
    /// returns all of them.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            let got = self.messages();
            if got.len() >= n || Instant::now() >= deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

impl Received {
    /// A header of the message as it arrived (folded lines joined), or "".
    pub fn header(&self, name: &str) -> String {
        header(&self.raw, name)
    }

    /// The subject as a person reads it: RFC 2047 encoded words (how
    /// lettre writes a subject that is not plain ASCII) decoded.
    pub fn subject_text(&self) -> String {
        encoded_words(&self.subject)
    }

    /// The text parts with quoted-printable soft line breaks and `=3D` undone,
    /// enough to find the links in a message.
    pub fn decoded(&self) -> String {
        quoted_printable(&self.raw)
    }

    /// The first link in the message that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        let text = self.decoded();
        let at = text.find(prefix)?;
        let link: String = text[at..].chars().take_while(|c| !c.is_whitespace() && *c != '"' && *c != '<').collect();
        Some(link)
    }
}

/// Undoes quoted-printable (RFC 2045): soft line breaks and `=HH` bytes.
/// The .ics part of a message, decoded, with CRLF line ends; `None` when the
/// message carries no calendar.
pub fn attached_calendar(raw: &str) -> Option<String> {
    let raw = raw.replace("\r\n", "\n");
    let part_start = raw.find("Content-Type: text/calendar")?;
    let body_start = part_start + raw[part_start..].find("\n\n")? + 2;
    let body_end = body_start + raw[body_start..].find("\n--")?;
    let (headers, body) = (&raw[part_start..body_start], &raw[body_start..body_end]);
    let ics = if headers.contains("Content-Transfer-Encoding: base64") {
        use base64::Engine;
        let bytes =
            base64::engine::general_purpose::STANDARD.decode(body.lines().collect::<String>().trim()).expect("base64 in the .ics part");
        String::from_utf8(bytes).expect("UTF-8 calendar")
    } else if headers.contains("quoted-printable") {
        quoted_printable(body)
    } else {
        body.to_owned()
    };
    Some(ics.replace("\r\n", "\n").replace('\n', "\r\n"))
}

pub fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A TCP relay in front of an SMTP server that counts how many sessions are
/// open at once, so a test can see the app's real number of connections.
pub struct SessionCounter {
    pub port: u16,
    peak: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    total: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    _relay: tokio::task::JoinHandle<()>,
}

impl SessionCounter {
    pub async fn start(upstream: u16) -> Self {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the relay");
        let port = listener.local_addr().expect("relay address").port();
        let (open, peak, total) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let (p, t) = (peak.clone(), total.clone());
        let relay = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let now_open = open.fetch_add(1, Ordering::SeqCst) + 1;
                p.fetch_max(now_open, Ordering::SeqCst);
                t.fetch_add(1, Ordering::SeqCst);
                let open = open.clone();
                tokio::spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(("127.0.0.1", upstream)).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                    open.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Self { port, peak, total, _relay: relay }
    }

    /// The most sessions that were open at the same time.
    pub fn peak(&self) -> usize {
        self.peak.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// How many sessions were opened in all.
    pub fn total(&self) -> usize {
        self.total.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?...?=`, `=?utf-8?q?...?=`);
/// the space between two encoded words is not part of the text.
pub fn encoded_words(value: &str) -> String {
    use base64::Engine;
    let mut out = String::new();
    let mut last_encoded = false;
    for (i, word) in value.split(' ').enumerate() {
        let decoded = word.strip_prefix("=?").and_then(|w| w.strip_suffix("?=")).and_then(|w| {
            let mut parts = w.splitn(3, '?');
            let (_charset, encoding, data) = (parts.next()?, parts.next()?, parts.next()?);
            let bytes = match encoding.to_ascii_lowercase().as_str() {
                "b" => base64::engine::general_purpose::STANDARD.decode(data).ok()?,
                "q" => quoted_printable(&data.replace('_', " ")).into_bytes(),
                _ => return None,
            };
            String::from_utf8(bytes).ok()
        });
        match decoded {
            Some(text) => {
                if i > 0 && !last_encoded {
                    out.push(' ');
                }
                out.push_str(&text);
                last_encoded = true;
            }
            None => {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(word);
                last_encoded = false;
            }
        }
    }
    out
}
