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
use qrcode::{Color, EcLevel};
use turnout_domain::catalogue::Tr;
use turnout_domain::outbox::NewMessage;

/// Pixels per module: large enough for a phone camera at arm's length.
const SCALE: usize = 6;
/// The blank margin a scanner needs around the code, in modules.
const QUIET: usize = 4;

/// A black-on-white PNG of a QR code holding `text`, and its side in pixels.
/// Drawn while the RSVP waits for its answer, so it is kept cheap: the mask
/// is chosen by `penalty` below (the crate's own choice cost ten times the
/// rest of the image) and the PNG is compressed fast (1 KB more at most).
pub fn png(text: &str) -> Option<(Vec<u8>, usize)> {
    let (dark, modules) = modules(text)?;
    let side = (modules + 2 * QUIET) * SCALE;
    // One bit per pixel, rows padded to whole bytes; a set bit is white.
    // Each row of modules is drawn once and repeated SCALE times.
    let row_bytes = side.div_ceil(8);
    let mut pixels = vec![0xffu8; row_bytes * side];
    for my in 0..modules {
        let first = (QUIET + my) * SCALE * row_bytes;
        let row = &mut pixels[first..first + row_bytes];
        for mx in (0..modules).filter(|&mx| dark[my * modules + mx]) {
            for x in (QUIET + mx) * SCALE..(QUIET + mx + 1) * SCALE {
                row[x / 8] &= !(0x80 >> (x % 8));
            }
        }
        for copy in 1..SCALE {
            pixels.copy_within(first..first + row_bytes, first + copy * row_bytes);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&pixels).ok()?;
    writer.finish().ok()?;
    Some((out, side))
}

/// The QR code's modules (true: dark), row by row, and its width: encoded
/// by the `qrcode` crate, under the mask with the lowest penalty.
fn modules(text: &str) -> Option<(Vec<bool>, usize)> {
    use qrcode::canvas::{Canvas, MaskPattern};
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
    let mut unmasked = Canvas::new(version, EcLevel::M);
    unmasked.draw_all_functional_patterns();
    unmasked.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    let masks = [
        MaskPattern::Checkerboard,
        MaskPattern::HorizontalLines,
        MaskPattern::VerticalLines,
        MaskPattern::DiagonalLines,
        MaskPattern::LargeCheckerboard,
        MaskPattern::Fields,
        MaskPattern::Diamonds,
        MaskPattern::Meadow,
    ];
    masks
        .into_iter()
        .map(|mask| {
            let mut canvas = unmasked.clone();
            canvas.apply_mask(mask);
            let dark: Vec<bool> = canvas.into_colors().into_iter().map(|c| c == Color::Dark).collect();
            (penalty(&dark, width), dark)
        })
        .min_by_key(|(score, _)| *score)
        .map(|(_, dark)| (dark, width))
}

/// ISO/IEC 18004 §7.8.3: how hard a masked symbol is to read (lower is
/// better): runs of five or more alike (3, plus 1 for each beyond five),
/// 2×2 blocks alike (3 each), finder-like 1:1:3:1:1 patterns beside four
/// light modules (40 each; outside the symbol is light, the quiet zone),
/// and 10 for each 5% the dark share is away from half.
fn penalty(dark: &[bool], n: usize) -> u32 {
    const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
    let mut score = 0u32;
    for line in 0..n {
        for vertical in [false, true] {
            let cell = |i: usize| if vertical { dark[i * n + line] } else { dark[line * n + i] };
            let light = |from: isize, to: isize| (from..to).all(|i| i < 0 || i as usize >= n || !cell(i as usize));
            let mut run = 1u32;
            for i in 1..=n {
                if i < n && cell(i) == cell(i - 1) {
                    run += 1;
                    continue;
                }
                if run >= 5 {
                    score += run - 2;
                }
                run = 1;
            }
            for i in 0..n.saturating_sub(6) {
                let at = i as isize;
                if (0..7).all(|k| cell(i + k) == FINDER[k]) && (light(at - 4, at) || light(at + 7, at + 11)) {
                    score += 40;
                }
            }
        }
    }
    for y in 0..n - 1 {
        for x in 0..n - 1 {
            let c = dark[y * n + x];
            if dark[y * n + x + 1] == c && dark[(y + 1) * n + x] == c && dark[(y + 1) * n + x + 1] == c {
                score += 3;
            }
        }
    }
    let dark_count = dark.iter().filter(|d| **d).count();
    let total = n * n;
    score + 10 * (u32::try_from((dark_count * 2).abs_diff(total) * 10 / total).unwrap_or(u32::MAX / 20))
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

    /// The mask chosen is the one the `qrcode` crate's slower scoring chooses.
    #[test]
    fn the_mask_is_the_one_the_crate_would_choose() {
        for id in [1, 12, 345, 6789, 123_456] {
            let text = format!("https://turnout.example.org/rsvps/checkin/{id}-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfG");
            let crates = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).unwrap();
            let expected: Vec<bool> = crates.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
            let (ours, width) = super::modules(&text).unwrap();
            assert_eq!(width, crates.width());
            assert!(ours == expected, "a different mask for {text}");
        }
    }

    #[test]
    fn the_penalty_counts_each_rule() {
        // All light, 5×5: ten runs of five (3 each), sixteen 2×2 blocks (3
        // each), and all of it 50% from half dark (10 per 5%: 100).
        assert_eq!(super::penalty(&[false; 25], 5), 30 + 48 + 100);
        // 11×11, light but for a finder-like 1:1:3:1:1 then four light in
        // the top row. Runs: ten light rows (9 each), six light columns (9
        // each), five columns dark on top (10 light: 8 each) = 184; blocks:
        // 90 among the light rows and 3 under the top row's light end (3
        // each) = 279; the finder-like pattern: 40; 5 dark of 121: 90.
        let mut grid = [false; 121];
        for (x, d) in [true, false, true, true, true, false, true].into_iter().enumerate() {
            grid[x] = d;
        }
        assert_eq!(super::penalty(&grid, 11), 184 + 279 + 40 + 90);
    }
}
