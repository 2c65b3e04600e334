//! The SMTP pool pipelines a message's envelope (RFC 2920) when the server
//! offers it, and reads every answer in order even after a refusal.
//!
//! The peer here is scripted on purpose: it records how the commands arrived
//! on the wire, which a real server does not tell. Delivery through real
//! servers (aiosmtpd, with and without PIPELINING) is tested in
//! tests/tests/suite/delivery_safety.rs and the rest of the whole-system suite.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use turnout_domain::outbox::{MessageKind, NewMessage};
use turnout_notifications::config::{SmtpConfig, TlsMode, TransportKind};
use turnout_notifications::{EmailConfig, Error, Mailer};

/// What the peer saw: each read from the socket, and each message body it
/// accepted.
#[derive(Default)]
struct Wire {
    connections: usize,
    reads: Vec<String>,
    bodies: Vec<String>,
}

/// Answers like a relay that offers PIPELINING and refuses recipients whose
/// address starts with "refused". Answers to commands that arrived together
/// leave together, as a pipelining server sends them.
async fn peer(wire: Arc<Mutex<Wire>>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let wire = wire.clone();
            wire.lock().expect("lock").connections += 1;
            tokio::spawn(async move {
                socket.write_all(b"220 peer ESMTP\r\n").await.expect("greet");
                let (mut pending, mut body, mut in_data, mut has_rcpt) = (String::new(), String::new(), false, false);
                let mut chunk = [0u8; 65536];
                loop {
                    let n = socket.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    let text = String::from_utf8_lossy(&chunk[..n]).into_owned();
                    wire.lock().expect("lock").reads.push(text.clone());
                    pending.push_str(&text);
                    let mut answers = String::new();
                    while let Some(end) = pending.find("\r\n") {
                        let line: String = pending.drain(..end + 2).collect();
                        let line = line.trim_end();
                        if in_data {
                            if line == "." {
                                in_data = false;
                                wire.lock().expect("lock").bodies.push(std::mem::take(&mut body));
                                answers.push_str("250 2.0.0 queued\r\n");
                            } else {
                                body.push_str(line);
                                body.push('\n');
                            }
                            continue;
                        }
                        let verb = line.get(..4).unwrap_or(line).to_ascii_uppercase();
                        answers.push_str(match verb.as_str() {
                            "EHLO" => "250-peer\r\n250-PIPELINING\r\n250 8BITMIME\r\n",
                            "MAIL" => {
                                has_rcpt = false;
                                "250 2.1.0 ok\r\n"
                            }
                            "RCPT" if line.to_ascii_lowercase().contains("<refused") => "550 5.1.1 no such user\r\n",
                            "RCPT" => {
                                has_rcpt = true;
                                "250 2.1.5 ok\r\n"
                            }
                            "DATA" if has_rcpt => {
                                in_data = true;
                                "354 go ahead\r\n"
                            }
                            "DATA" => "554 5.5.1 no valid recipients\r\n",
                            "QUIT" => "221 bye\r\n",
                            _ => "250 ok\r\n",
                        });
                    }
                    if !answers.is_empty() && socket.write_all(answers.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}

fn mailer(port: u16) -> Mailer {
    Mailer::from_config(&EmailConfig {
        transport: TransportKind::Smtp,
        from_address: "turnout@example.org".to_owned(),
        from_name: "Turnout".to_owned(),
        file_dir: std::env::temp_dir(),
        smtp: SmtpConfig {
            host: "127.0.0.1".to_owned(),
            port,
            tls: TlsMode::None,
            username: None,
            password: None,
            pool_size: 1,
            timeout_seconds: 5,
        },
        keep_sent_days: 30,
    })
    .expect("a mailer")
}

fn message(to: &str, subject: &str) -> NewMessage {
    NewMessage {
        dedupe_key: format!("test:{to}:{subject}"),
        kind: MessageKind::RsvpConfirmation,
        to_address: to.to_owned(),
        to_name: "Rosa".to_owned(),
        subject: subject.to_owned(),
        body_text: format!("{subject}\n.a line that starts with a dot\n"),
        body_html: format!("<p>{subject}</p>"),
        ics: None,
        unsubscribe_url: None,
        event_id: None,
        not_after: None,
        sender_name: None,
        reply_to: None,
        rsvp_id: None,
    }
}

#[tokio::test]
async fn the_envelope_goes_in_one_write_when_the_server_offers_pipelining() {
    let wire = Arc::new(Mutex::new(Wire::default()));
    let mailer = mailer(peer(wire.clone()).await);
    mailer.send(&message("rosa@example.org", "First"), "m1").await.expect("first message sent");
    mailer.send(&message("ana@example.org", "Second"), "m2").await.expect("second message sent");

    let wire = wire.lock().expect("lock");
    let envelopes: Vec<&String> = wire.reads.iter().filter(|r| r.contains("MAIL FROM")).collect();
    assert_eq!(envelopes.len(), 2, "one envelope per message: {:?}", wire.reads);
    for read in envelopes {
        assert!(read.contains("RCPT TO:") && read.contains("DATA\r\n"), "MAIL, RCPT and DATA arrived apart: {read:?}");
    }
    assert_eq!(wire.bodies.len(), 2);
    assert!(wire.bodies[1].contains("Subject: Second"), "{}", wire.bodies[1]);
    // Dot-stuffing still applies on the pipelined path (RFC 5321 4.5.2).
    assert!(wire.bodies[0].contains("\n..a line that starts with a dot"), "{}", wire.bodies[0]);
}

#[tokio::test]
async fn a_refused_recipient_is_told_apart_and_the_next_message_still_goes() {
    let wire = Arc::new(Mutex::new(Wire::default()));
    let mailer = mailer(peer(wire.clone()).await);
    let refused = mailer.send(&message("refused@example.org", "Nobody"), "m1").await;
    assert!(matches!(refused, Err(Error::Rejected(ref why)) if why.contains("550")), "{refused:?}");
    // The 554 to DATA was read as the answer to DATA, not taken for the next
    // message's MAIL: the next message goes through, on the same session.
    mailer.send(&message("rosa@example.org", "After"), "m2").await.expect("the next message sent");

    let wire = wire.lock().expect("lock");
    assert_eq!(wire.connections, 1, "the session was kept after the refusal");
    assert!(wire.reads.iter().any(|r| r.starts_with("RSET")), "the refused transaction was reset: {:?}", wire.reads);
    assert_eq!(wire.bodies.len(), 1, "no body was sent for the refused recipient");
    assert!(wire.bodies[0].contains("Subject: After"));
}

#[tokio::test]
async fn in_a_lane_each_message_ends_in_the_same_write_as_the_next_envelope() {
    let wire = Arc::new(Mutex::new(Wire::default()));
    let mailer = mailer(peer(wire.clone()).await);
    let lane: Vec<(NewMessage, String)> =
        ["One", "Two", "Three"].iter().map(|s| (message(&format!("{}@example.org", s.to_lowercase()), s), format!("id-{s}"))).collect();
    let lane: Vec<(&NewMessage, String)> = lane.iter().map(|(m, id)| (m, id.clone())).collect();
    let outcomes = mailer.send_lane(&lane).await;
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");

    let wire = wire.lock().expect("lock");
    assert_eq!(wire.connections, 1);
    assert_eq!(wire.bodies.len(), 3);
    for (body, subject) in wire.bodies.iter().zip(["One", "Two", "Three"]) {
        assert!(body.contains(&format!("Subject: {subject}")), "in order: {body}");
    }
    // The end of "One" and the envelope of "Two" arrived together, and so
    // did the end of "Two" and the envelope of "Three": one round trip each.
    let joined = wire.reads.iter().filter(|r| r.contains("\r\n.\r\nMAIL FROM:")).count();
    assert_eq!(joined, 2, "{:?}", wire.reads);
}

#[tokio::test]
async fn in_a_lane_a_refused_recipient_fails_alone() {
    let wire = Arc::new(Mutex::new(Wire::default()));
    let mailer = mailer(peer(wire.clone()).await);
    let lane = [
        (message("rosa@example.org", "Before"), "m1".to_owned()),
        (message("refused@example.org", "Nobody"), "m2".to_owned()),
        (message("ana@example.org", "After"), "m3".to_owned()),
    ];
    let lane: Vec<(&NewMessage, String)> = lane.iter().map(|(m, id)| (m, id.clone())).collect();
    let outcomes = mailer.send_lane(&lane).await;
    assert!(outcomes[0].is_ok() && outcomes[2].is_ok(), "{outcomes:?}");
    assert!(matches!(outcomes[1], Err(Error::Rejected(ref why)) if why.contains("550")), "{outcomes:?}");

    let wire = wire.lock().expect("lock");
    assert_eq!(wire.connections, 1, "the session was kept after the refusal");
    let subjects: Vec<bool> =
        ["Before", "After"].iter().map(|s| wire.bodies.iter().any(|b| b.contains(&format!("Subject: {s}")))).collect();
    assert_eq!((wire.bodies.len(), subjects), (2, vec![true, true]), "no body for the refused recipient");
}
