//! A programme across sessions: which sessions are chosen, and beside their themes the pulse
//! per session and over time and the actions across them. Pure: sessions in, report out.

use super::themes::{ProgrammeTheme, themes};
use crate::domain::{Session, Status, StepKind, pulse_summary};
use crate::fold::fold;
use crate::grouping::KnownEmbeddings;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which sessions: all of them, narrowed by each criterion given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// Chosen by hand: ids (or an archive file's name). Empty: any.
    pub ids: Vec<String>,
    pub programme: Option<String>,
    pub team: Option<String>,
    pub organisation: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl Selection {
    /// Whether a session with these details is chosen (names compared folded: case and
    /// accents do not matter).
    pub fn admits(
        &self,
        id: &str,
        programme: &str,
        team: &str,
        organisation: &str,
        day: Date,
    ) -> bool {
        let same = |want: &Option<String>, have: &str| {
            want.as_ref()
                .is_none_or(|w| fold(w.trim()) == fold(have.trim()))
        };
        (self.ids.is_empty() || self.ids.iter().any(|i| i == id))
            && same(&self.programme, programme)
            && same(&self.team, team)
            && same(&self.organisation, organisation)
            && self.since.is_none_or(|d| day >= d)
            && self.until.is_none_or(|d| day <= d)
    }

    pub fn admits_session(&self, s: &Session) -> bool {
        self.admits(
            s.id(),
            s.programme(),
            s.team(),
            s.organisation(),
            s.created_date(),
        )
    }
}

/// A chosen session, and whether it came from the shared archive (read-only, perhaps with
/// its names taken out).
#[derive(Debug)]
pub struct Chosen {
    pub session: Session,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeReport {
    pub sessions: Vec<SessionLine>,
    pub themes: Vec<ProgrammeTheme>,
    /// Each pulse statement over time (only sessions where 3 or more scored it).
    pub pulse: Vec<PulseSeries>,
    pub actions: ActionsAcross,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionLine {
    pub id: String,
    pub title: String,
    /// The team as written, else the organisation, else the title.
    pub team: String,
    pub programme: String,
    pub organisation: String,
    pub date: Date,
    pub archived: bool,
    pub participants: usize,
    pub ideas: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PulseSeries {
    pub item: String,
    pub label: String,
    pub points: Vec<PulsePoint>,
}

impl PulseSeries {
    /// "2026-03-01 3.8 · 2026-06-01 4.1": each session's date and mean.
    pub fn points_text(&self) -> String {
        let points: Vec<String> = self
            .points
            .iter()
            .map(|x| format!("{} {:.1}", x.date, x.mean))
            .collect();
        points.join(" · ")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PulsePoint {
    pub session: usize,
    pub date: Date,
    pub mean: f64,
    pub scorers: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ActionCounts {
    pub open: usize,
    pub done: usize,
    pub dropped: usize,
    /// Open with their date past (also counted in `open`).
    pub overdue: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionsAcross {
    #[serde(flatten)]
    pub counts: ActionCounts,
    /// By owner, only where the owners are there (not an anonymous archive's).
    pub by_owner: Vec<OwnerCounts>,
    pub items: Vec<ActionLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerCounts {
    pub owner: String,
    #[serde(flatten)]
    pub counts: ActionCounts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionState {
    Open,
    InProgress,
    Done,
    Dropped,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionLine {
    pub session: usize,
    pub what: String,
    /// `None` where the owner is not known (not given, or taken out of an archive copy).
    pub who: Option<String>,
    pub when: String,
    pub due: Option<Date>,
    pub state: ActionState,
    pub overdue: bool,
}

/// The report over `chosen` (any order; shown oldest first) as of `today`.
pub fn report(mut chosen: Vec<Chosen>, meaning: &KnownEmbeddings, today: Date) -> ProgrammeReport {
    chosen.sort_by(|a, b| {
        a.session
            .created()
            .cmp(&b.session.created())
            .then(a.session.id().cmp(b.session.id()))
    });
    let sessions: Vec<SessionLine> = chosen.iter().map(line_of).collect();
    let dates: Vec<Date> = sessions.iter().map(|s| s.date).collect();
    let teams: Vec<String> = sessions.iter().map(|s| s.team.clone()).collect();
    let refs: Vec<&Session> = chosen.iter().map(|c| &c.session).collect();
    ProgrammeReport {
        themes: themes(&refs, &dates, &teams, meaning),
        pulse: pulse_over_time(&refs, &dates),
        actions: actions_across(&chosen, today),
        sessions,
    }
}

fn line_of(c: &Chosen) -> SessionLine {
    let s = &c.session;
    let team = [s.team(), s.organisation(), s.title()]
        .into_iter()
        .map(|t| t.trim())
        .find(|t| !t.is_empty())
        .unwrap_or("?")
        .to_string();
    SessionLine {
        id: s.id().clone(),
        title: s.title().clone(),
        team,
        programme: s.programme().clone(),
        organisation: s.organisation().clone(),
        date: s.created_date(),
        archived: c.archived,
        participants: s.participants().len(),
        ideas: s.idea_count(),
    }
}

/// Each statement's mean per session, only where enough people scored it to show one
/// (`pulse_summary` keeps the mean back below 3 scorers, DESIGN §10).
fn pulse_over_time(sessions: &[&Session], dates: &[Date]) -> Vec<PulseSeries> {
    let mut series: Vec<PulseSeries> = Vec::new();
    for (i, s) in sessions.iter().enumerate() {
        let steps = s
            .template()
            .steps
            .iter()
            .filter(|st| matches!(st.kind, StepKind::Pulse { .. }));
        for p in steps.flat_map(|st| pulse_summary(s, st)) {
            let Some(mean) = p.mean else { continue };
            let point = PulsePoint {
                session: i,
                date: dates[i],
                mean,
                scorers: p.answered,
            };
            match series.iter_mut().find(|x| x.item == p.item) {
                Some(x) => {
                    x.label = p.label;
                    x.points.push(point);
                }
                None => series.push(PulseSeries {
                    item: p.item,
                    label: p.label,
                    points: vec![point],
                }),
            }
        }
    }
    series
}

/// Every action agreed in the chosen sessions, with what became of it as a later chosen
/// session that follows it up recorded.
fn actions_across(chosen: &[Chosen], today: Date) -> ActionsAcross {
    // (earlier session id, action id) → status, from the follow-ups among the chosen.
    let mut outcomes = BTreeMap::new();
    for c in chosen {
        if let Some(earlier) = c.session.follows() {
            for (id, o) in c.session.outcomes() {
                if let Some(status) = o.status {
                    outcomes.insert((earlier.id.clone(), id), status);
                }
            }
        }
    }
    let mut counts = ActionCounts::default();
    let mut owners: BTreeMap<String, ActionCounts> = BTreeMap::new();
    let mut items = Vec::new();
    for (i, c) in chosen.iter().enumerate() {
        let s = &c.session;
        for a in s.all_results().values().flat_map(|r| r.actions.iter()) {
            let status = outcomes.get(&(s.id().clone(), a.id)).copied();
            let state = match status {
                None => ActionState::Open,
                Some(Status::InProgress) => ActionState::InProgress,
                Some(Status::Done) => ActionState::Done,
                Some(Status::Dropped) => ActionState::Dropped,
            };
            // A file written by hand (or by another tool) may have the words without the date.
            let due = a
                .due
                .or_else(|| crate::domain::parse_due(&a.when, s.created_date()));
            let overdue = !matches!(status, Some(Status::Done | Status::Dropped))
                && due.is_some_and(|d| d < today);
            let who = Some(a.who.trim().to_string()).filter(|w| !w.is_empty());
            let tally = |n: &mut ActionCounts| {
                match state {
                    ActionState::Open | ActionState::InProgress => n.open += 1,
                    ActionState::Done => n.done += 1,
                    ActionState::Dropped => n.dropped += 1,
                }
                n.overdue += usize::from(overdue);
            };
            tally(&mut counts);
            if let Some(w) = &who {
                tally(owners.entry(w.clone()).or_default());
            }
            items.push(ActionLine {
                session: i,
                what: a.what.clone(),
                who,
                when: a.when.clone(),
                due,
                state,
                overdue,
            });
        }
    }
    ActionsAcross {
        counts,
        by_owner: owners
            .into_iter()
            .map(|(owner, counts)| OwnerCounts { owner, counts })
            .collect(),
        items,
    }
}
