//! The bridge in the room view: the goal, the common denominators and the actions agreed. The
//! denominators and the agreements are what the room reads: large where the window allows.

use crate::domain::{Action, Session, StepKind};
use crate::i18n::tr;
use crate::steps::room::{Block, Loud, RoomBody, agreed};
use crate::ui::theme;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

pub fn body(session: &Session) -> RoomBody {
    let lang = session.language();
    let heading = |key| Line::styled(tr(lang, key), theme::accent().add_modifier(Modifier::BOLD));
    let small = |lines| Block { loud: None, lines };
    let mut blocks = vec![small(vec![
        heading("bridge.goal"),
        Line::raw(session.goal().clone()),
        Line::raw(""),
        heading("bridge.denominators"),
    ])];
    for s in session
        .template()
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::CommonGround)
    {
        for d in session.results(&s.id).iter().flat_map(|r| &r.denominators) {
            blocks.push(Block {
                loud: Some(Loud {
                    text: d.label.clone(),
                    style: theme::accent().add_modifier(Modifier::BOLD),
                    mark: Some(Span::raw("★ ")),
                    under: None,
                }),
                lines: vec![Line::raw(format!("★ {}", d.label))],
            });
        }
    }
    blocks.push(small(vec![Line::raw(""), heading("present.actions")]));
    for s in &session.template().steps {
        for a in session.results(&s.id).iter().flat_map(|r| &r.actions) {
            blocks.push(agreement(a, "• ", None));
        }
    }
    RoomBody(blocks)
}

/// An agreement: what, large; who and when beneath (each only when filled in), `said` after.
pub fn agreement(a: &Action, mark: &str, said: Option<Span<'static>>) -> Block {
    let mut under: Vec<Span<'static>> = Vec::new();
    let rest = agreed(&[&a.who, &a.when]);
    if !rest.is_empty() {
        under.push(Span::styled(rest, theme::dim()));
    }
    let mut line = vec![
        Span::styled(mark.to_string(), theme::accent()),
        Span::raw(agreed(&[&a.what, &a.who, &a.when])),
    ];
    if let Some(said) = said {
        under.push(said.clone());
        line.push(said);
    }
    Block {
        loud: Some(Loud {
            text: a.what.clone(),
            style: Style::default().add_modifier(Modifier::BOLD),
            mark: Some(Span::styled(mark.to_string(), theme::accent())),
            under: (!under.is_empty()).then(|| Line::from(under)),
        }),
        lines: vec![Line::from(line)],
    }
}
