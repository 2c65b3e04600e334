//! The QR code in an RSVP confirmation: the attendee shows it at the door,
//! an organizer scans it with the phone's camera and lands on that person's
//! check-in. Drawn here as a PNG, so no third-party service ever sees who is
//! coming. PNG rather than SVG because most mail programs do not show SVG.
//!
//! The image is written into the HTML as a `data:` URI while the message
//! waits in the outbox; the transport sends it as an inline part referenced
//! by Content-ID (see `transport::inline_images`), which mail programs show
//! without "load remote images" and which works offline at the door.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use qrcode::{Color, EcLevel, QrCode};
use turnout_domain::catalogue::Tr;
use turnout_domain::outbox::NewMessage;

/// Pixels per module: large enough for a phone camera at arm's length.
const SCALE: usize = 6;
/// The blank margin a scanner needs around the code, in modules.
const QUIET: usize = 4;

/// A black-on-white PNG of a QR code holding `text`, and its side in pixels.
pub fn png(text: &str) -> Option<(Vec<u8>, usize)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    // One bit per pixel, rows padded to whole bytes; a set bit is white.
    let row_bytes = side.div_ceil(8);
    let mut pixels = vec![0xffu8; row_bytes * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / SCALE).wrapping_sub(QUIET), (y / SCALE).wrapping_sub(QUIET));
            let dark = mx < modules && my < modules && colors[my * modules + mx] == Color::Dark;
            if dark {
                pixels[y * row_bytes + x / 8] &= !(0x80 >> (x % 8));
            }
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&pixels).ok()?;
    writer.finish().ok()?;
    Some((out, side))
}

/// Adds the check-in QR code (and the link, for the text part) to an RSVP
/// confirmation. The link opens only for the event's organizers.
/// `t` is the language the message is written in.
pub fn add_to(t: Tr, message: &mut NewMessage, checkin_url: &str) {
    let Some((image, side)) = png(checkin_url) else { return };
    message.body_text.push_str(&format!("\n{}\n", t.f("mail-checkin-text", &[("url", checkin_url.into())])));
    let block = maud::html! {
        div style="margin: 1.5em 0;" {
            p { strong { (t.s("mail-checkin-heading")) } (t.s("mail-checkin-html")) }
            img src={ "data:image/png;base64," (STANDARD.encode(&image)) } width=(side) height=(side) alt=(t.s("mail-checkin-alt"));
        }
    }
    .into_string();
    match message.body_html.rfind("</body>") {
        Some(at) => message.body_html.insert_str(at, &block),
        None => message.body_html.push_str(&block),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_link_becomes_a_small_png() {
        let (png, side) = super::png("http://127.0.0.1:8080/rsvps/checkin/12-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(png.len() < 2_000, "{} bytes", png.len());
        assert!((200..400).contains(&side), "{side} px");
    }
}
