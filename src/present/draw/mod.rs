//! Drawing the room view: pure, `draw(&state, frame, now)`. No key hints, no facilitator
//! hints, no names unless `--names`; headings and prompts stand out, idea texts wrap in full.

mod band;
mod big;
pub mod chooser;
mod loud;

use crate::present::{NEW_FOR, PresentState};
use crate::steps::room::RoomView;
use ratatui::Frame;
use std::time::Instant;

pub use band::clock_text;

mod join;

pub fn draw(state: &PresentState, frame: &mut Frame, now: Instant) {
    draw_view(state, frame, now);
    crate::ui::widgets::scrub_hidden(frame.buffer_mut());
}

fn draw_view(state: &PresentState, frame: &mut Frame, now: Instant) {
    let area = frame.area();
    if area.width < 4 || area.height < 2 {
        return;
    }
    let body = band::draw(state, frame, area, now);
    let session = &state.session;
    let step = session.current_step();
    // While joining is on, the link and its QR code stand beside the step.
    let body = join::beside(state.join_link.as_deref(), session.language(), frame, body);
    let fresh = |id| {
        state
            .seen
            .get(&id)
            .is_some_and(|t: &Instant| now.saturating_duration_since(*t) < NEW_FOR)
    };
    let view = RoomView {
        session,
        selected: state.selected,
        names: state.names,
        fresh: &fresh,
    };
    let shown = crate::steps::room_body(&view, step, body.width);
    loud::draw(&shown, frame, body);
}

/// Renders to text at a size (snapshots, and the too-small and too-large checks).
pub fn render_to_string(state: &PresentState, width: u16, height: u16, now: Instant) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|f| draw(state, f, now))
        .expect("drawing into memory");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
