//! Large type for the room view: block letters (`tui-big-text`, font8x8 glyphs) in the
//! largest size that fits, words wrapped; `None` when even the smallest does not fit, and the
//! caller falls back to normal text.

use font8x8::UnicodeFonts;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use tui_big_text::{BigText, PixelSize};

/// Letter sizes, largest first: (pixels, cells per letter across, cells per line down).
/// Sizes that need the newest block characters (sextants, octants) are left out: projector
/// fonts rarely have them.
const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Big {
    size: PixelSize,
    lines: Vec<String>,
    pub width: u16,
    pub height: u16,
}

/// How many letter sizes there are (`at` takes 0, the largest, up to one less than this).
pub const SIZE_COUNT: usize = SIZES.len();

/// The largest letters in which `text` fits in `width` × `max_height`.
pub fn fit(text: &str, width: u16, max_height: u16) -> Option<Big> {
    (0..SIZE_COUNT).find_map(|size| at(text, width, size).filter(|b| b.height <= max_height))
}

/// `text` in letters of one size (0 the largest), words wrapped at `width`; `None` if a word
/// is wider, or a letter has no glyph.
pub fn at(text: &str, width: u16, size: usize) -> Option<Big> {
    let &(size, across, down) = SIZES.get(size)?;
    let text = drawable(text)?;
    let lines = wrap(&text, usize::from(width / across))?;
    let height = u16::try_from(lines.len()).ok()?.checked_mul(down)?;
    let longest = lines.iter().map(|l| l.chars().count()).max()?;
    let width = u16::try_from(longest).ok()?.checked_mul(across)?;
    Some(Big {
        size,
        lines,
        width,
        height,
    })
}

pub fn draw(big: &Big, style: Style, frame: &mut Frame, area: Rect) {
    let widget = BigText::builder()
        .pixel_size(big.size)
        .style(style)
        .lines(
            big.lines
                .iter()
                .cloned()
                .map(Line::from)
                .collect::<Vec<_>>(),
        )
        .build();
    frame.render_widget(widget, area);
}

/// The text with typographic marks the font lacks made plain; `None` if a letter has no
/// glyph at all (the text then shows in normal type rather than with holes).
fn drawable(text: &str) -> Option<String> {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '‘' | '’' | '‚' => '\'',
            '“' | '”' | '„' => '"',
            '–' | '—' => '-',
            '\n' | '\t' => ' ',
            c => c,
        })
        .collect::<String>()
        .replace('…', "...");
    let known = |c: char| {
        font8x8::BASIC_FONTS.get(c).is_some()
            || font8x8::LATIN_FONTS.get(c).is_some()
            || font8x8::GREEK_FONTS.get(c).is_some()
    };
    plain.chars().all(known).then_some(plain)
}

/// Words wrapped into lines of at most `cols` letters; `None` if a word is longer.
fn wrap(text: &str, cols: usize) -> Option<Vec<String>> {
    if cols == 0 {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if n > cols {
            return None;
        }
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + n <= cols => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    (!lines.is_empty()).then_some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_letters_that_fit_are_chosen_and_nothing_when_none_fit() {
        let full = fit("12:34", 40, 8).expect("full size fits 40×8");
        assert_eq!(
            (full.size, full.width, full.height),
            (PixelSize::Full, 40, 8)
        );
        let half = fit("12:34", 40, 4).expect("half height fits 40×4");
        assert_eq!(half.size, PixelSize::HalfHeight);
        let quarter = fit("12:34", 20, 4).expect("quadrants fit 20×4");
        assert_eq!((quarter.size, quarter.width), (PixelSize::Quadrant, 20));
        assert_eq!(fit("12:34", 19, 4), None);
        assert_eq!(
            fit("ambassadorship", 40, 40),
            None,
            "a word longer than a line"
        );
    }

    #[test]
    fn words_wrap_and_marks_the_font_lacks_become_plain() {
        let big = fit("What’s next — for us?", 48, 100).unwrap();
        assert_eq!(big.lines, vec!["What's", "next -", "for", "us?"]);
        assert_eq!(
            drawable("Wat heb je nodig? Ideeën"),
            Some("Wat heb je nodig? Ideeën".into())
        );
        assert_eq!(drawable("🙂"), None);
    }
}
