use lettre::message::header::{self, ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};
use turnout_domain::outbox::NewMessage;

use crate::config::{EmailConfig, TransportKind};
use crate::error::Error;
use crate::smtp_pool::SmtpPool;

/// The one-click unsubscribe URL (RFC 8058) for an address and a kind of mail.
pub type UnsubscribeLink = std::sync::Arc<dyn Fn(&str, turnout_domain::outbox::MailCategory) -> String + Send + Sync>;

/// Where messages go: an SMTP server, or a folder of .eml files.
#[derive(Clone)]
pub struct Mailer {
    /// Links for List-Unsubscribe on mail a person may turn off.
    unsubscribe: Option<UnsubscribeLink>,
    from: Mailbox,
    /// The domain of Message-IDs, taken from the sender address.
    id_domain: String,
    /// How long finished messages keep their recipient and body.
    keep_sent: chrono::Duration,
    inner: Inner,
}

#[derive(Clone)]
enum Inner {
    File(AsyncFileTransport<Tokio1Executor>),
    Smtp(std::sync::Arc<SmtpPool>),
}

impl Mailer {
    pub fn from_config(c: &EmailConfig) -> Result<Self, Error> {
        let from: Mailbox = format!("{} <{}>", c.from_name, c.from_address)
            .parse()
            .map_err(|e| Error::Config(format!("email.from_address {:?} is not an address: {e}", c.from_address)))?;
        let id_domain = from.email.domain().to_owned();
        let inner = match c.transport {
            TransportKind::File => {
                std::fs::create_dir_all(&c.file_dir).map_err(|e| Error::Config(format!("email.file_dir {}: {e}", c.file_dir.display())))?;
                Inner::File(AsyncFileTransport::new(&c.file_dir))
            }
            TransportKind::Smtp => Inner::Smtp(std::sync::Arc::new(SmtpPool::new(&c.smtp)?)),
        };
        let keep_sent = chrono::Duration::days(c.keep_sent_days.clamp(1, 3650));
        Ok(Self { unsubscribe: None, from, id_domain, keep_sent, inner })
    }

    /// Gives every message of a kind people may turn off (reminders) the
    /// List-Unsubscribe headers, with a link made by `link`.
    pub fn with_unsubscribe_links(mut self, link: UnsubscribeLink) -> Self {
        self.unsubscribe = Some(link);
        self
    }

    /// Builds the MIME message: text and HTML alternatives, plus the .ics
    /// when there is one, a Message-ID, and List-Unsubscribe headers for
    /// anything that is not a direct reply.
    pub fn build(&self, m: &NewMessage, message_id: &str) -> Result<Message, Error> {
        let to: Mailbox =
            Mailbox::new(Some(m.to_name.clone()), m.to_address.parse().map_err(|e| Error::Message(format!("recipient: {e}")))?);
        // A chapter's message says so: "Queens Branch via Turnout", same address.
        let from = match &m.sender_name {
            Some(chapter) => {
                Mailbox::new(Some(format!("{chapter} via {}", self.from.name.clone().unwrap_or_default())), self.from.email.clone())
            }
            None => self.from.clone(),
        };
        let mut builder = Message::builder()
            .from(from)
            .to(to)
            .subject(m.subject.clone())
            .date_now()
            .header(AutoSubmitted("auto-generated".to_owned()))
            .message_id(Some(format!("<{message_id}@{}>", self.id_domain)));
        if let Some(reply_to) = &m.reply_to {
            // Checked when the visitor wrote; a row that no longer parses
            // still goes, without the header, rather than not at all.
            match reply_to.parse::<Mailbox>() {
                Ok(mailbox) => builder = builder.reply_to(mailbox),
                Err(e) => tracing::warn!(error = %e, "a stored Reply-To address does not parse; sent without it"),
            }
        }
        let unsubscribe =
            m.unsubscribe_url.clone().or_else(|| m.kind.category().zip(self.unsubscribe.as_ref()).map(|(c, link)| link(&m.to_address, c)));
        if let Some(url) = &unsubscribe {
            builder =
                builder.header(ListUnsubscribe(format!("<{url}>"))).header(ListUnsubscribePost("List-Unsubscribe=One-Click".to_owned()));
        }
        let (html, images) = inline_images(&m.body_html, &format!("{message_id}@{}", self.id_domain));
        let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(encoded(&m.body_text));
        let html = SinglePart::builder().header(ContentType::TEXT_HTML).body(encoded(&html));
        let alternative = if images.is_empty() {
            MultiPart::alternative().singlepart(text).singlepart(html)
        } else {
            // The HTML and the images it shows travel together (RFC 2387).
            let png = ContentType::parse("image/png").map_err(|e| Error::Message(e.to_string()))?;
            let related = images.into_iter().fold(MultiPart::related().singlepart(html), |r, (cid, bytes)| {
                r.singlepart(Attachment::new_inline(cid).body(bytes, png.clone()))
            });
            MultiPart::alternative().singlepart(text).multipart(related)
        };
        let body = match &m.ics {
            Some(ics) => {
                // The MIME method must match the calendar's METHOD (RFC 6047).
                let method = ics.lines().find_map(|l| l.strip_prefix("METHOD:")).unwrap_or("PUBLISH").trim();
                let calendar = ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                    .map_err(|e| Error::Message(e.to_string()))?;
                MultiPart::mixed().multipart(alternative).singlepart(Attachment::new("invite.ics".to_owned()).body(encoded(ics), calendar))
            }
            None => alternative,
        };
        builder.multipart(body).map_err(|e| Error::Message(e.to_string()))
    }

    /// Ends the open SMTP sessions politely (QUIT), at shutdown.
    pub async fn close(&self) {
        if let Inner::Smtp(pool) = &self.inner {
            pool.close().await;
        }
    }

    pub fn keep_sent(&self) -> chrono::Duration {
        self.keep_sent
    }

    pub async fn send(&self, m: &NewMessage, message_id: &str) -> Result<(), Error> {
        test_hook(m);
        let message = self.build(m, message_id)?;
        match &self.inner {
            Inner::File(t) => t.send(message).await.map(|_| ()).map_err(|e| Error::Delivery(e.to_string())),
            Inner::Smtp(pool) => pool.send(&message).await,
        }
    }

    /// How many lanes of `send_lane` may run at once: one per SMTP session
    /// the pool allows (a few for the folder).
    pub fn lanes(&self) -> usize {
        match &self.inner {
            Inner::File(_) => 4,
            Inner::Smtp(pool) => pool.size(),
        }
    }

    /// Sends messages (each with its Message-ID) one after another on one
    /// SMTP session at a time, and returns each one's outcome in the same
    /// order. A message that cannot be built, or whose building panics, is
    /// that message's failure; the rest still go.
    pub async fn send_lane(&self, messages: &[(&NewMessage, String)]) -> Vec<Result<(), Error>> {
        let mut outcomes: Vec<Option<Result<(), Error>>> = messages.iter().map(|_| None).collect();
        let mut built = Vec::with_capacity(messages.len());
        for (at, (m, id)) in messages.iter().enumerate() {
            let building = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                test_hook(m);
                self.build(m, id)
            }));
            match building {
                Ok(Ok(message)) => built.push((at, message)),
                Ok(Err(e)) => outcomes[at] = Some(Err(e)),
                Err(_) => outcomes[at] = Some(Err(Error::Delivery("panicked while composing".to_owned()))),
            }
        }
        let (places, built): (Vec<usize>, Vec<Message>) = built.into_iter().unzip();
        let sent: Vec<Result<(), Error>> = match &self.inner {
            Inner::File(t) => {
                let mut sent = Vec::with_capacity(built.len());
                for message in built {
                    sent.push(t.send(message).await.map(|_| ()).map_err(|e| Error::Delivery(e.to_string())));
                }
                sent
            }
            Inner::Smtp(pool) => pool.send_all(&built).await,
        };
        for (at, outcome) in places.into_iter().zip(sent) {
            outcomes[at] = Some(outcome);
        }
        outcomes.into_iter().map(|o| o.unwrap_or_else(|| Err(Error::Delivery("not sent".to_owned())))).collect()
    }
}

/// With feature "test-hooks" (whole-system tests only): a message to
/// panic@hook.invalid panics while it is being composed.
fn test_hook(m: &NewMessage) {
    #[cfg(feature = "test-hooks")]
    if m.to_address == "panic@hook.invalid" {
        panic!("test hook: this message panics while being sent");
    }
    #[cfg(not(feature = "test-hooks"))]
    let _ = m;
}

/// A text part as mail carries it: 7-bit when it is ASCII in short lines,
/// else quoted-printable, as lettre would choose (and base64, through
/// lettre, for text that is mostly not ASCII). Done here because lettre,
/// given the text, scans it character by character for line ends and then
/// again to choose, and inserts each missing CR into the string in place
/// (a copy of the rest of the body per line): a tenth of the sender's time.
fn encoded(text: &str) -> Body {
    let text = crlf(text);
    let bytes = text.as_bytes();
    if bytes.is_ascii() && bytes.split(|&b| b == b'\n').all(|line| line.len() <= 76) {
        return Body::dangerous_pre_encoded(text.into_bytes(), ContentTransferEncoding::SevenBit);
    }
    let escaped = bytes.iter().filter(|&&b| !matches!(b, b'\t' | b' '..=b'~' | b'\r' | b'\n')).count();
    if escaped > bytes.len() / 3 {
        return Body::new(text);
    }
    Body::dangerous_pre_encoded(quoted_printable::encode(bytes), ContentTransferEncoding::QuotedPrintable)
}

/// The text with CRLF line ends, as mail carries it, made in one pass.
fn crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut rest = text;
    while let Some(at) = rest.find('\n') {
        out.push_str(&rest[..at]);
        if !out.ends_with('\r') {
            out.push('\r');
        }
        out.push('\n');
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

/// Turns the PNG images a composed message carries as `data:` URIs (which
/// most mail programs refuse to show) into inline parts referenced by
/// Content-ID. Returns the HTML pointing at them, and each part's id and bytes.
fn inline_images(html: &str, id_suffix: &str) -> (String, Vec<(String, Vec<u8>)>) {
    use base64::Engine;
    const PREFIX: &str = "src=\"data:image/png;base64,";
    let mut out = String::with_capacity(html.len());
    let mut images = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(PREFIX) {
        let data_start = at + PREFIX.len();
        let Some(len) = rest[data_start..].find('"') else { break };
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(&rest[data_start..data_start + len]) else { break };
        let cid = format!("image{}.{id_suffix}", images.len() + 1);
        out.push_str(&rest[..at]);
        out.push_str(&format!("src=\"cid:{cid}\""));
        images.push((cid, bytes));
        rest = &rest[data_start + len + 1..];
    }
    out.push_str(rest);
    (out, images)
}

/// RFC 2369 List-Unsubscribe.
#[derive(Clone)]
struct ListUnsubscribe(String);

/// RFC 8058 one-click unsubscribe.
#[derive(Clone)]
struct ListUnsubscribePost(String);

macro_rules! text_header {
    ($t:ident, $name:literal) => {
        impl header::Header for $t {
            fn name() -> header::HeaderName {
                header::HeaderName::new_from_ascii_str($name)
            }
            fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
                Ok(Self(s.to_owned()))
            }
            fn display(&self) -> header::HeaderValue {
                header::HeaderValue::new(Self::name(), self.0.clone())
            }
        }
    };
}
/// RFC 3834: an automatic message, so vacation responders stay quiet.
#[derive(Clone)]
struct AutoSubmitted(String);

text_header!(AutoSubmitted, "Auto-Submitted");
text_header!(ListUnsubscribe, "List-Unsubscribe");
text_header!(ListUnsubscribePost, "List-Unsubscribe-Post");

#[cfg(test)]
mod tests {
    #[test]
    fn text_parts_are_encoded_as_lettre_would() {
        use lettre::message::header::ContentTransferEncoding::{QuotedPrintable, SevenBit};
        let short = super::encoded("Hello\nRosa");
        assert_eq!((short.encoding(), short.as_ref()), (SevenBit, &b"Hello\r\nRosa"[..]));
        let long = super::encoded(&"word ".repeat(40));
        assert_eq!(long.encoding(), QuotedPrintable, "a line of 200 characters");
        assert!(long.as_ref().split(|&b| b == b'\n').all(|l| l.len() <= 78), "soft line breaks");
        let accented = super::encoded("Zoë\n");
        assert_eq!((accented.encoding(), accented.as_ref()), (QuotedPrintable, &b"Zo=C3=AB\r\n"[..]));
        for text in ["Hello\nRosa", "Zoë and José\n", &"x".repeat(300), "Ελληνικά κείμενα μόνο"] {
            let (ours, lettres) = (super::encoded(text), lettre::message::Body::new(text.to_owned()));
            assert_eq!(ours.encoding(), lettres.encoding(), "{text:?}");
        }
    }

    #[test]
    fn line_ends_become_crlf_once() {
        assert_eq!(super::crlf("a\nb\r\nc\n\nd"), "a\r\nb\r\nc\r\n\r\nd");
        assert_eq!(super::crlf("\nüber\n"), "\r\nüber\r\n");
        assert_eq!(super::crlf("none"), "none");
    }

    #[test]
    fn data_images_become_content_id_parts() {
        let (html, images) =
            super::inline_images("<p>a</p><img src=\"data:image/png;base64,iVBORw==\" alt=\"x\"><p>b</p>", "m1@example.org");
        assert_eq!(html, "<p>a</p><img src=\"cid:image1.m1@example.org\" alt=\"x\"><p>b</p>");
        assert_eq!(images, [("image1.m1@example.org".to_owned(), vec![0x89, b'P', b'N', b'G'])]);
        assert_eq!(super::inline_images("<p>none</p>", "m").1.len(), 0);
    }
}
