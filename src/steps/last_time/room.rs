//! Last time's agreements in the room view, each with what became of it: what was agreed is
//! what the room reads, large where the window allows.

use crate::domain::{Session, Step};
use crate::i18n::tr;
use crate::steps::bridge::room::agreement;
use crate::steps::room::RoomBody;
use crate::ui::theme;
use ratatui::text::Span;

pub fn body(session: &Session, step: &Step) -> RoomBody {
    let lang = session.language();
    // The prompt stands above, in the band.
    let Some(earlier) = &session.follows() else {
        return RoomBody(Vec::new());
    };
    let outcomes = session.results(&step.id).map(|r| &r.outcomes);
    let blocks = earlier
        .actions
        .iter()
        .map(|a| {
            let status = outcomes.and_then(|o| o.get(&a.id)).and_then(|o| o.status);
            let mark = status.map_or("·", |s| s.symbol());
            let said =
                status.map(|s| Span::styled(format!("  {}", tr(lang, s.key())), theme::dim()));
            agreement(a, &format!("{mark} "), said)
        })
        .collect();
    RoomBody(blocks)
}
