//! Choosing on the setup screen the interviews a team session draws on: the facilitator's
//! interview sessions, newest first, each chosen or not. Starting the session groups what
//! was said in them exactly as `new --from-interview` does ([`crate::review::heard_from`]).

use super::{SetupField, SetupState};
use crate::domain::Heard;
use crate::i18n::{tr, trf};
use crate::interact::list_view::ListView;
use crate::review::InterviewError;
use crate::store::{Listing, Paths, list_sessions};
use crate::ui::{theme, widgets};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct Picker {
    /// The interview sessions in the own folder, newest first (only `Listing::Session`).
    pub choices: Vec<Listing>,
    /// Those chosen, by file.
    pub chosen: Vec<PathBuf>,
    /// The interview under the cursor (index into `choices`).
    pub cursor: usize,
    pub list: ListView,
    /// The field the form was on when the interviews were opened.
    pub back_to: SetupField,
}

impl Picker {
    /// The interviews in the sessions folder; a folder that cannot be listed offers none
    /// (the home screen says why).
    pub fn load(paths: &Paths) -> Picker {
        let mut choices: Vec<Listing> = list_sessions(&paths.sessions_dir())
            .unwrap_or_default()
            .into_iter()
            .filter(|l| matches!(l, Listing::Session(s) if s.interview))
            .collect();
        // newest first; of two made at one moment, the later id (it carries the date)
        choices.sort_by(|a, b| match (a, b) {
            (Listing::Session(a), Listing::Session(b)) => {
                (b.created, &b.id).cmp(&(a.created, &a.id))
            }
            _ => std::cmp::Ordering::Equal,
        });
        Picker {
            choices,
            ..Picker::default()
        }
    }

    fn path(&self, i: usize) -> Option<&PathBuf> {
        match self.choices.get(i)? {
            Listing::Session(s) => Some(&s.path),
            _ => None,
        }
    }

    pub fn is_chosen(&self, i: usize) -> bool {
        self.path(i).is_some_and(|p| self.chosen.contains(p))
    }

    pub fn step(&mut self, down: bool) {
        let last = self.choices.len().saturating_sub(1);
        self.cursor = if down {
            (self.cursor + 1).min(last)
        } else {
            self.cursor.saturating_sub(1)
        };
    }

    /// Chooses the interview under the cursor, or lets it go again.
    pub fn toggle(&mut self) {
        let Some(path) = self.path(self.cursor).cloned() else {
            return;
        };
        match self.chosen.iter().position(|p| *p == path) {
            Some(i) => {
                self.chosen.remove(i);
            }
            None => self.chosen.push(path),
        }
    }

    /// What was heard in the chosen interviews (in the list's order, newest first); none
    /// chosen → nothing.
    pub fn heard(&self, paths: &Paths) -> Result<Option<Heard>, InterviewError> {
        let wanted: Vec<String> = (0..self.choices.len())
            .filter(|i| self.is_chosen(*i))
            .filter_map(|i| self.path(i))
            .map(|p| p.display().to_string())
            .collect();
        if wanted.is_empty() {
            return Ok(None);
        }
        // The encoder's warning needs no word here: without it the answers group by shared
        // words, as the board does.
        crate::review::heard_from(paths, &wanted).map(|(heard, _warning)| Some(heard))
    }
}

/// "Interviews: 2 chosen · F4" under the form's fields, when there are interviews to choose
/// from or some are chosen.
pub fn summary_line(setup: &SetupState) -> Option<Line<'static>> {
    let p = &setup.interviews;
    if p.choices.is_empty() && p.chosen.is_empty() {
        return None;
    }
    let lang = setup.language;
    let count = match p.chosen.len() {
        0 => tr(lang, "setup.interviews_none").to_string(),
        n => trf(lang, "setup.interviews_chosen", &[&n]),
    };
    Some(Line::from(vec![
        Span::styled(format!("{}: ", tr(lang, "setup.interviews")), theme::dim()),
        Span::styled(count, theme::notice()),
        Span::styled(
            format!(" · {}", tr(lang, "setup.interviews_key")),
            theme::dim(),
        ),
    ]))
}

/// The interviews to choose from, in place of the participants' column.
pub fn draw(setup: &SetupState, zone: &jiff::tz::TimeZone, frame: &mut Frame, area: Rect) {
    let lang = setup.language;
    let p = &setup.interviews;
    let block = Block::bordered()
        .border_style(theme::focus())
        .title(format!(
            " {} ({}) ",
            tr(lang, "setup.interviews"),
            trf(
                lang,
                "setup.interviews_of",
                &[&p.chosen.len(), &p.choices.len()]
            )
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let hint = widgets::wrap_words(tr(lang, "setup.interviews_hint"), usize::from(inner.width));
    // The list keeps at least two rows (one interview); the keys give way first.
    let hint_rows = (hint.len() as u16).min(inner.height.saturating_sub(2));
    let [list, under] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(hint_rows)]).areas(inner);
    let width = usize::from(list.width.saturating_sub(2)).max(1);
    let items = p
        .choices
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mark = if p.is_chosen(i) {
                vec![Span::styled(" ✓", theme::notice())]
            } else {
                Vec::new()
            };
            crate::ui::listing::session_item(l, lang, zone, mark, "", width)
        })
        .collect();
    widgets::selectable_list(frame, list, Block::new(), items, &p.list, Some(p.cursor));
    frame.render_widget(
        Paragraph::new(
            hint.into_iter()
                .map(|l| Line::styled(l, theme::dim()))
                .collect::<Vec<_>>(),
        ),
        under,
    );
}
