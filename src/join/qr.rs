//! The join link as a QR code drawn with text by the `qrcode` crate's renderers: two modules
//! per character cell (upper and lower half blocks), or each module two cells wide for the
//! projector, with a light margin of two modules, so phone cameras read it off a terminal or a
//! projector.

use qrcode::{EcLevel, QrCode};

/// Modules of light margin around the code.
const QUIET: usize = 2;

/// The crate's renderers draw a quiet zone of 4 modules; the code keeps 2 of them, which
/// phone cameras read fine and which keeps the code small enough for a terminal.
const CRATE_QUIET: usize = 4;

/// The code as lines of text (dark modules drawn as light-on-dark would invert it, so the
/// caller shows these on a light background or as they are on a dark terminal: the lines
/// draw the *light* modules, which is what a dark terminal needs). `None` if the text is too
/// long for a QR code. The crate's half-block renderer draws it, colours swapped, its quiet
/// zone cut down to ours.
pub fn lines(text: &str) -> Option<Vec<String>> {
    use qrcode::render::unicode::Dense1x2;
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let drawn = code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build();
    let cut = CRATE_QUIET - QUIET;
    let size = code.width() + 2 * QUIET;
    // Each text row is two modules: drop the rows of the crate's wider margin.
    Some(
        drawn
            .lines()
            .skip(cut / 2)
            .take(size.div_ceil(2))
            .map(|l| l.chars().skip(cut).take(size).collect())
            .collect(),
    )
}

/// The same code twice as large: each module two cells wide and one high (about square
/// on a terminal), for the projector. Drawn by the crate's character renderer.
pub fn large_lines(text: &str) -> Option<Vec<String>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let drawn = code
        .render::<char>()
        .dark_color(' ')
        .light_color('█')
        .module_dimensions(2, 1)
        .quiet_zone(true)
        .build();
    let cut = CRATE_QUIET - QUIET;
    let size = code.width() + 2 * QUIET;
    Some(
        drawn
            .lines()
            .skip(cut)
            .take(size)
            .map(|l| l.chars().skip(2 * cut).take(2 * size).collect())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_makes_a_square_code_with_its_quiet_zone() {
        let lines = lines("http://192.168.1.20:8737/?c=ABC234").unwrap();
        let width = lines[0].chars().count();
        assert_eq!(lines.len(), width.div_ceil(2));
        // The quiet zone is light all round: the first line is full blocks.
        assert!(lines[0].chars().all(|c| c == '█'));
        assert!(lines.iter().all(|l| l.starts_with("██")));
        // And the code itself has dark modules.
        assert!(lines.iter().any(|l| l.contains(' ')));
        let large = large_lines("http://192.168.1.20:8737/?c=ABC234").unwrap();
        assert_eq!(large.len(), width);
        assert_eq!(large[0].chars().count(), 2 * width);
    }

    #[test]
    fn the_drawing_of_a_link_stays_as_it_was() {
        // What the hand-written renderer drew before the crate's took over, pinned.
        let link = "http://192.168.1.20:8737/?c=ABC234";
        insta::assert_snapshot!("small", lines(link).unwrap().join("\n"));
        insta::assert_snapshot!("large", large_lines(link).unwrap().join("\n"));
    }
}
