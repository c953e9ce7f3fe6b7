//! The join link as a QR code drawn with text: two modules per character cell (upper and
//! lower half blocks), with the quiet zone the standard asks for, so phone cameras read it
//! off a terminal or a projector.

use qrcode::{Color, EcLevel, QrCode};

/// Modules of light margin around the code.
const QUIET: usize = 2;

/// The code as lines of text (dark modules drawn as light-on-dark would invert it, so the
/// caller shows these on a light background or as they are on a dark terminal: the lines
/// draw the *light* modules, which is what a dark terminal needs). `None` if the text is too
/// long for a QR code.
pub fn lines(text: &str) -> Option<Vec<String>> {
    let (size, light) = modules(text)?;
    let mut out = Vec::with_capacity(size.div_ceil(2));
    for y in (0..size).step_by(2) {
        let line: String = (0..size)
            .map(|x| {
                let top = light(x, y);
                let bottom = y + 1 >= size || light(x, y + 1);
                match (top, bottom) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                }
            })
            .collect();
        out.push(line);
    }
    Some(out)
}

/// The same code twice as large: each module two cells wide and one high (about square
/// on a terminal), for the projector.
pub fn large_lines(text: &str) -> Option<Vec<String>> {
    let (size, light) = modules(text)?;
    Some(
        (0..size)
            .map(|y| {
                (0..size)
                    .map(|x| if light(x, y) { "██" } else { "  " })
                    .collect()
            })
            .collect(),
    )
}

/// The code's size with its quiet zone, and whether the module at (x, y) is light.
fn modules(text: &str) -> Option<(usize, impl Fn(usize, usize) -> bool)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let light = move |x: usize, y: usize| {
        if x < QUIET || y < QUIET || x >= width + QUIET || y >= width + QUIET {
            return true;
        }
        colors[(y - QUIET) * width + (x - QUIET)] == Color::Light
    };
    Some((width + 2 * QUIET, light))
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
}
