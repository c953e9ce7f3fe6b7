//! The step's part of the room view, below the band: what the room reads (the top groups,
//! the newest ideas, the agreements) in large type where the window has room for it, the rest
//! in normal type below. A window too small for large type shows it all in normal type.

use super::band::small_height;
use super::big::{self, Big};
use crate::steps::room::{Block, RoomBody};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// At most this many texts are large at once.
const MOST_LOUD: usize = 5;
/// A text longer than this stays in normal type: a paragraph of block letters is a wall.
const LONGEST_LOUD: usize = 90;
/// Columns left of a large text for its mark.
const GUTTER: u16 = 3;
/// A body lower than this (any body at 80×24) shows everything in normal type: large letters
/// there would leave room for one or two texts and push the rest off the screen.
const FEWEST_ROWS: u16 = 21;

pub fn draw(body: &RoomBody, frame: &mut Frame, area: Rect) {
    let plan = plan(body, area);
    if plan.iter().all(Option::is_none) {
        let lines: Vec<Line> = body.0.iter().flat_map(|b| b.lines.clone()).collect();
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        return;
    }
    let bottom = area.bottom();
    let mut y = area.y;
    for (block, big) in body.0.iter().zip(&plan) {
        if y >= bottom {
            break;
        }
        let left = bottom - y;
        let rect = |x: u16, width: u16, height: u16| Rect::new(x, y, width, height.min(left));
        match (big, &block.loud) {
            (Some(big), Some(loud)) => {
                if let Some(mark) = &loud.mark {
                    frame.render_widget(Line::from(mark.clone()), rect(area.x, GUTTER, 1));
                }
                let text = rect(area.x + GUTTER, area.width - GUTTER, big.height);
                big::draw(big, loud.style, frame, text);
                y += big.height;
                if let Some(under) = loud.under.clone().filter(|_| y < bottom) {
                    let line = Rect::new(area.x + GUTTER, y, area.width - GUTTER, 1);
                    frame.render_widget(Paragraph::new(under), line);
                    y += 1;
                }
                y = (y + 1).min(bottom);
            }
            _ => {
                let height = rows(&block.lines, area.width);
                let lines = Paragraph::new(block.lines.clone()).wrap(Wrap { trim: false });
                frame.render_widget(lines, rect(area.x, area.width, height));
                y += height.min(left);
            }
        }
    }
}

/// Which blocks are large, and how: as many of the first `MOST_LOUD` that can be as fit in
/// two thirds of the area (at least two, when there are two), in the largest letters in which
/// they all fit; the rest keeps a third. None in a low window.
fn plan(body: &RoomBody, area: Rect) -> Vec<Option<Big>> {
    let mut plan: Vec<Option<Big>> = body.0.iter().map(|_| None).collect();
    if area.height < FEWEST_ROWS {
        return plan;
    }
    let loud: Vec<usize> = (0..body.0.len())
        .filter(|&i| {
            body.0[i]
                .loud
                .as_ref()
                .is_some_and(|l| l.text.chars().count() <= LONGEST_LOUD)
        })
        .take(MOST_LOUD)
        .collect();
    let room = area.height.saturating_mul(2) / 3;
    let width = area.width.saturating_sub(GUTTER);
    let fewest = loud.len().clamp(1, 2);
    for count in (fewest..=loud.len()).rev() {
        for size in 0..big::SIZE_COUNT {
            let Some(bigs) = loud[..count]
                .iter()
                .map(|&i| big_of(&body.0[i], width, size))
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let height: u32 = loud[..count]
                .iter()
                .zip(&bigs)
                .map(|(&i, b)| u32::from(b.height) + 1 + u32::from(has_under(&body.0[i])))
                .sum();
            if height <= u32::from(room) {
                for (&i, b) in loud[..count].iter().zip(bigs) {
                    plan[i] = Some(b);
                }
                return plan;
            }
        }
    }
    plan
}

fn big_of(block: &Block, width: u16, size: usize) -> Option<Big> {
    big::at(&block.loud.as_ref()?.text, width, size)
}

fn has_under(block: &Block) -> bool {
    block.loud.as_ref().is_some_and(|l| l.under.is_some())
}

/// The rows `lines` take in normal type at `width`, words wrapped.
fn rows(lines: &[Line], width: u16) -> u16 {
    lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            // An empty line takes its row too.
            small_height(&text, width).max(1)
        })
        .fold(0, u16::saturating_add)
}
