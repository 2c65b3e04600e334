//! Reading .ics with an independent parser: Python's `icalendar` package
//! (installed by `make test` beside the test SMTP server).

use std::io::Write;
use std::process::{Command, Stdio};

const SCRIPT: &str = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = {"method": str(cal.get("METHOD", "")), "name": str(cal.get("NAME", "")), "events": []}
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    end = ev.decoded("DTEND")
    out["events"].append({
        "uid": str(ev.get("UID")),
        "summary": str(ev.get("SUMMARY")),
        "start": int(start.timestamp()),
        "end": int(end.timestamp()),
        "sequence": int(ev.get("SEQUENCE", 0)),
        "status": str(ev.get("STATUS", "")),
        "location": str(ev.get("LOCATION", "")),
        "organizer": str(ev.get("ORGANIZER", "")),
        "stamp": int(ev.decoded("DTSTAMP").timestamp()),
    })
print(json.dumps(out))
"#;

#[derive(Debug, Clone)]
pub struct ParsedEvent {
    pub uid: String,
    pub summary: String,
    pub start: i64,
    pub end: i64,
    pub sequence: i64,
    pub status: String,
    pub location: String,
    /// ORGANIZER's value (`mailto:...`), empty when there is none.
    pub organizer: String,
    /// DTSTAMP, seconds since 1970.
    pub stamp: i64,
}

/// Parses a calendar, checking first the line rules of RFC 5545: CRLF line
/// ends and no line longer than 75 octets.
pub fn parse(ics: &str) -> (String, Vec<ParsedEvent>) {
    let (method, _, events) = parse_named(ics);
    (method, events)
}

/// Like `parse`, with the calendar's NAME: (METHOD, NAME, events).
pub fn parse_named(ics: &str) -> (String, String, Vec<ParsedEvent>) {
    assert!(ics.contains("\r\n"), "lines end with CRLF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "a bare LF inside {line:?}");
    }
    let python = std::env::var("TURNOUT_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let mut child = Command::new(&python)
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {python} for the iCalendar parser: {e}"));
    child.stdin.take().unwrap().write_all(ics.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the independent parser refused the calendar: {}\n{ics}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON from the parser");
    let events = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| ParsedEvent {
            uid: e["uid"].as_str().unwrap().to_owned(),
            summary: e["summary"].as_str().unwrap().to_owned(),
            start: e["start"].as_i64().unwrap(),
            end: e["end"].as_i64().unwrap(),
            sequence: e["sequence"].as_i64().unwrap(),
            status: e["status"].as_str().unwrap().to_owned(),
            location: e["location"].as_str().unwrap().to_owned(),
            organizer: e["organizer"].as_str().unwrap().to_owned(),
            stamp: e["stamp"].as_i64().unwrap(),
        })
        .collect();
    (v["method"].as_str().unwrap_or_default().to_owned(), v["name"].as_str().unwrap_or_default().to_owned(), events)
}
