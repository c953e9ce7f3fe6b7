//! "Last time we agreed": the earlier session, whether this one is on time, and each earlier
//! action with what became of it.

use crate::domain::{Status, Timing};
use crate::i18n::{tr, trf};
use crate::steps::last_time::LastTimeState;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Wrap};

pub fn draw(
    ws: &Workspace,
    last: &LastTimeState,
    zone: &jiff::tz::TimeZone,
    frame: &mut Frame,
    area: Rect,
) {
    let session = ws.session();
    let lang = session.language();
    let Some(earlier) = session.follows().as_ref() else {
        frame.render_widget(
            Paragraph::new(tr(lang, "last.no_earlier"))
                .wrap(Wrap { trim: true })
                .block(Block::bordered()),
            area,
        );
        return;
    };
    let [head, table_area] =
        Layout::vertical([Constraint::Length(5), Constraint::Min(3)]).areas(area);
    let day = crate::domain::local_date(session.created(), zone);
    let late = matches!(earlier.timing(day), Timing::Late(_));
    let outcomes = session.results(&ws.step_id()).map(|r| &r.outcomes);
    let count = |status: Status| {
        outcomes.map_or(0, |o| {
            o.values().filter(|x| x.status == Some(status)).count()
        })
    };
    let open = earlier.actions.len() - Status::ALL.iter().map(|s| count(*s)).sum::<usize>();
    let lines = vec![
        Line::from(vec![
            Span::styled(tr(lang, "last.follows"), theme::dim()),
            Span::raw(" "),
            Span::styled(earlier.title.clone(), theme::accent()),
            Span::styled(
                format!(" ({})", crate::domain::local_date(earlier.created, zone)),
                theme::dim(),
            ),
        ]),
        Line::styled(
            crate::export::timing_text(lang, earlier, day),
            if late { theme::warning() } else { theme::dim() },
        ),
        Line::raw(trf(
            lang,
            "last.counts",
            &[
                &count(Status::Done),
                &count(Status::InProgress),
                &count(Status::Dropped),
                &open,
            ],
        )),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" {} ", tr(lang, "last.title")))),
        head,
    );
    // The outcome as its mark alone (the counts above say what each means), so what was
    // agreed gets the room; every cell wraps rather than lose its end.
    let widths = [
        Constraint::Length(2),
        Constraint::Fill(3),
        Constraint::Fill(1),
        Constraint::Fill(1),
        Constraint::Fill(2),
    ];
    let columns = widgets::table_columns(&widths, table_area);
    let rows: Vec<Row> = earlier
        .actions
        .iter()
        .map(|a| {
            let outcome = outcomes.and_then(|o| o.get(&a.id));
            let status = outcome.and_then(|o| o.status);
            let mark = status.map_or("·", |s| s.symbol());
            let mut note = outcome.map(|o| o.note.clone()).unwrap_or_default();
            if session.carried_over(a.id).is_some() {
                note = format!("{} {note}", tr(lang, "last.carried_mark"));
            }
            let when = if a.overdue_on(day, status) {
                format!("{} ({})", a.when, tr(lang, "action.overdue"))
            } else {
                a.when.clone()
            };
            let row = widgets::wrapped_table_row(&[mark, &a.what, &a.who, &when, &note], &columns);
            match status {
                Some(Status::Dropped) => row.style(theme::dim()),
                _ => row,
            }
        })
        .collect();
    widgets::AgreementTable {
        title: format!(" {} ({}) ", tr(lang, "last.actions"), earlier.actions.len()),
        header: ["", "bridge.what", "bridge.who", "bridge.when", "last.note"]
            .map(|k| {
                if k.is_empty() {
                    String::new()
                } else {
                    tr(lang, k).to_string()
                }
            })
            .to_vec(),
        widths: &widths,
        rows,
        cursor: last.cursor,
        empty: tr(lang, "last.no_actions"),
    }
    .draw(frame, table_area, &last.table);
}
