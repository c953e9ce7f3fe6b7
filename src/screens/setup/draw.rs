use super::{SetupField, SetupState};
use crate::i18n::tr;
use crate::ui::{theme, widgets};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// `zone` is the user's time zone, for the dates shown.
pub fn draw(setup: &SetupState, zone: &jiff::tz::TimeZone, frame: &mut Frame, area: Rect) {
    let lang = setup.language;
    let block = Block::bordered().title(format!(" {} ", tr(lang, "setup.title")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(inner);

    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .split(left);
    let template = setup.template();
    chooser(
        frame,
        rows[0],
        tr(lang, "setup.template"),
        template.display_name(),
        setup.field == SetupField::Template,
    );
    let language = match lang {
        crate::domain::Language::En => "English",
        crate::domain::Language::Nl => "Nederlands",
    };
    chooser(
        frame,
        rows[1],
        tr(lang, "setup.language"),
        language,
        setup.field == SetupField::Language,
    );
    chooser(
        frame,
        rows[2],
        tr(lang, "setup.pulse"),
        crate::steps::pulse::mode_text(lang, setup.pulse_mode),
        setup.field == SetupField::Pulse,
    );
    // Team and programme share the organisation's row: all three short, the two optional.
    let [organisation_area, team_area, programme_area] = Layout::horizontal([
        Constraint::Percentage(40),
        Constraint::Percentage(30),
        Constraint::Percentage(30),
    ])
    .areas(rows[4]);
    let fields = [
        (
            SetupField::Title,
            "setup.session_title",
            &setup.title,
            rows[3],
        ),
        (
            SetupField::Organisation,
            "setup.organisation",
            &setup.organisation,
            organisation_area,
        ),
        (SetupField::Team, "setup.team", &setup.team, team_area),
        (
            SetupField::Programme,
            "setup.programme",
            &setup.programme,
            programme_area,
        ),
        (SetupField::Goal, "setup.goal", &setup.goal, rows[5]),
        (
            SetupField::Facilitator,
            "setup.facilitator",
            &setup.facilitator,
            rows[6],
        ),
    ];
    for (field, key, text, area) in fields {
        let title = match setup.errors.get(&field) {
            Some(e) => format!(" {} — {e} ", tr(lang, key)),
            None => format!(" {} ", tr(lang, key)),
        };
        widgets::text_field(frame, area, &title, text, setup.field == field);
        if setup.errors.contains_key(&field) {
            frame.render_widget(
                Paragraph::new(Line::styled(title, theme::error())),
                Rect {
                    height: 1,
                    x: area.x + 1,
                    ..area
                },
            );
        }
    }
    let mut info = vec![
        Line::styled(template.title.clone(), theme::prompt()),
        Line::styled(template.description.clone(), theme::dim()),
    ];
    if let Some(line) = super::interviews::summary_line(setup) {
        info.insert(0, line);
    }
    if let Some(earlier) = &setup.follows {
        info.insert(
            0,
            Line::from(vec![
                Span::styled(format!("{} ", tr(lang, "setup.follows")), theme::notice()),
                Span::raw(format!(
                    "{} ({})",
                    earlier.title,
                    crate::domain::local_date(earlier.created, zone)
                )),
            ]),
        );
    }
    for broken in &setup.broken_templates {
        info.push(Line::styled(
            format!(
                "{}: {}",
                tr(lang, "setup.broken_template"),
                broken.lines().next().unwrap_or_default()
            ),
            theme::error(),
        ));
    }
    // What does not fit below the fields ends in "…", so a cut is never silent.
    let width = usize::from(rows[7].width.max(1));
    let room = usize::from(rows[7].height);
    let mut wrapped: Vec<Line> = Vec::new();
    for line in info {
        let style = line.style;
        let spans_style = line.spans.first().map(|s| s.style).unwrap_or_default();
        for part in widgets::wrap_words(&line.to_string(), width) {
            wrapped.push(Line::styled(part, style.patch(spans_style)));
        }
    }
    if wrapped.len() > room && room > 0 {
        wrapped.truncate(room);
        if let Some(last) = wrapped.last_mut() {
            let text = format!("{}…", last.to_string().trim_end());
            // Cut shorter where the mark does not fit: it still ends in "…".
            *last = Line::styled(widgets::truncate(&text, width), last.style);
        }
    }
    frame.render_widget(Paragraph::new(wrapped), rows[7]);

    if setup.field == SetupField::Interviews {
        super::interviews::draw(setup, zone, frame, right);
    } else {
        super::participants::draw(setup, frame, right);
    }
}

/// `label: ◀ value ▶`, the value cut with … so both arrows always show.
fn chooser(frame: &mut Frame, area: Rect, label: &str, value: &str, focused: bool) {
    use unicode_width::UnicodeWidthStr;
    let room = usize::from(area.width).saturating_sub(label.width() + 2 + 4);
    let value = widgets::truncate(value, room);
    let style = if focused {
        theme::selected()
    } else {
        ratatui::style::Style::default()
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{label}: "), theme::dim()),
            Span::styled(format!("◀ {value} ▶"), style),
        ])),
        area,
    );
}
