//! Themes across sessions on small, hand-made sessions whose ideas' meaning is given.

use super::programme::{Chosen, Selection, report};
use crate::domain::{
    Change, FixedClock, Group, GroupId, IdeaId, NewSession, ParticipantId, PulseMode, Session,
};
use crate::grouping::KnownEmbeddings;
use jiff::civil::date;

fn clock(day: &str) -> FixedClock {
    FixedClock::at(format!("{day}T09:00:00Z").parse().unwrap())
}

/// A session of `people` on `day` whose first question holds `ideas` (said in turn by
/// the people), with `scorers` private pulse ballots.
fn session(id: &str, team: &str, day: &str, ideas: &[&str], scorers: usize) -> Session {
    let template = crate::store::builtin_templates()
        .into_iter()
        .find(|t| t.id == "ambassadorship" && t.language == crate::domain::Language::En)
        .unwrap();
    let clock = clock(day);
    let mut s = Session::start(
        id.into(),
        template,
        NewSession {
            title: format!("Session of {team}"),
            team: team.into(),
            programme: "Ambassadors".into(),
            participants: vec!["Ann".into(), "Bo".into(), "Cas".into()],
            pulse_mode: PulseMode::Private,
            ..NewSession::default()
        },
        &clock,
    );
    let people: Vec<ParticipantId> = s.participants().iter().map(|p| p.id).collect();
    for (i, text) in ideas.iter().enumerate() {
        s.apply(
            Change::AddIdea {
                step: "q1".into(),
                participant: people[i % people.len()],
                text: (*text).into(),
            },
            &clock,
        )
        .unwrap();
    }
    for b in 0..scorers {
        s.apply(
            Change::SetBallot {
                step: "pulse".into(),
                ballot: format!("b{b}"),
                item: "right_place".into(),
                score: Some(4),
                by_hand: true,
            },
            &clock,
        )
        .unwrap();
    }
    s
}

/// Embeddings that say which texts mean the same: one axis per meaning.
fn meaning(axes: &[&[&str]]) -> KnownEmbeddings {
    let known = KnownEmbeddings::new(axes.len(), None);
    for (axis, texts) in axes.iter().enumerate() {
        let mut v = vec![0.0; axes.len()];
        v[axis] = 1.0;
        known.insert(texts.iter().map(|t| (t.to_string(), v.clone())));
    }
    known
}

fn chosen(sessions: Vec<Session>) -> Vec<Chosen> {
    sessions
        .into_iter()
        .map(|session| Chosen {
            session,
            archived: false,
        })
        .collect()
}

const PROUD_A: &str = "We are proud of the care we give";
const PROUD_B: &str = "Trots op onze zorg voor bewoners";
const ROSTER: &str = "The roster changes far too late";
const PARKING: &str = "Parking near the building is impossible";

#[test]
fn two_sessions_saying_the_same_in_other_words_share_one_theme() {
    let a = session("a", "North", "2026-03-01", &[PROUD_A, ROSTER], 3);
    let b = session("b", "South", "2026-06-01", &[PROUD_B, PARKING], 3);
    let m = meaning(&[&[PROUD_A, PROUD_B], &[ROSTER], &[PARKING]]);
    let r = report(chosen(vec![b, a]), &m, date(2026, 12, 1));
    let proud = &r.themes[0];
    assert_eq!(proud.sessions, [0, 1], "{:#?}", r.themes);
    assert_eq!(proud.teams, ["North", "South"]);
    assert_eq!(proud.people, 2, "one author in each session");
    assert_eq!(
        (proud.first_seen, proud.last_seen),
        (date(2026, 3, 1), date(2026, 6, 1))
    );
    let texts: Vec<&str> = proud.ideas.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, [PROUD_A, PROUD_B], "in people's own words");
    assert!(r.themes[1..].iter().all(|t| t.sessions.len() == 1));
    assert_eq!(r.themes.len(), 3);
}

#[test]
fn a_theme_that_was_a_common_denominator_says_where() {
    let mut a = session("a", "North", "2026-03-01", &[PROUD_A, ROSTER], 0);
    let clock = clock("2026-03-01");
    let group = Group {
        id: GroupId(900),
        label: "Pride in our care".into(),
        label_edited: true,
        locked: false,
        manual: true,
        ideas: vec![IdeaId(4)],
        pinned: Vec::new(),
        differing: Vec::new(),
    };
    assert_eq!(a.results("q1").unwrap().ideas[0].text, PROUD_A);
    a.apply(
        Change::SetGroups {
            step: "common_ground".into(),
            groups: vec![group],
        },
        &clock,
    )
    .unwrap();
    a.apply(
        Change::ToggleDenominator {
            step: "common_ground".into(),
            group: GroupId(900),
            label: "Pride in our care".into(),
        },
        &clock,
    )
    .unwrap();
    let b = session("b", "South", "2026-06-01", &[PROUD_B], 0);
    let m = meaning(&[&[PROUD_A, PROUD_B], &[ROSTER]]);
    let r = report(chosen(vec![a, b]), &m, date(2026, 12, 1));
    let proud = &r.themes[0];
    assert_eq!(proud.denominator_in, [0], "{:#?}", r.themes);
    assert_eq!(proud.label, "Pride in our care", "the room's own name");
    assert!(r.themes[1].denominator_in.is_empty());
}

#[test]
fn a_pulse_scored_by_fewer_than_three_is_not_shown() {
    let a = session("a", "North", "2026-03-01", &[PROUD_A], 2);
    let b = session("b", "South", "2026-06-01", &[PROUD_B], 3);
    let r = report(chosen(vec![a, b]), &meaning(&[]), date(2026, 12, 1));
    let right = r.pulse.iter().find(|p| p.item == "right_place").unwrap();
    let sessions: Vec<usize> = right.points.iter().map(|p| p.session).collect();
    assert_eq!(sessions, [1], "only the session with 3 scorers");
    assert_eq!(right.points[0].scorers, 3);
}

#[test]
fn actions_across_sessions_count_overdue_and_by_owner_only_where_named() {
    let mut a = session("a", "North", "2026-03-01", &[PROUD_A], 0);
    let clock = clock("2026-03-01");
    for (what, who, when) in [
        ("Share a story", "Ann", "1 april 2026"),
        ("Invite a student", "", "after the summer"),
    ] {
        a.apply(
            Change::AddAction {
                step: "bridge".into(),
                what: what.into(),
                who: who.into(),
                when: when.into(),
            },
            &clock,
        )
        .unwrap();
    }
    let r = report(chosen(vec![a]), &meaning(&[]), date(2026, 5, 1));
    let c = r.actions.counts;
    assert_eq!((c.open, c.overdue, c.done, c.dropped), (2, 1, 0, 0));
    assert_eq!(
        r.actions.by_owner.len(),
        1,
        "the one without an owner is not listed"
    );
    assert_eq!(r.actions.by_owner[0].owner, "Ann");
    assert_eq!(r.actions.items[1].who, None);
}

#[test]
fn a_selection_narrows_by_programme_team_and_dates() {
    let a = session("a", "North", "2026-03-01", &[], 0);
    let all = Selection::default();
    assert!(all.admits_session(&a));
    let team = Selection {
        team: Some("north".into()),
        since: Some(date(2026, 2, 1)),
        ..Selection::default()
    };
    assert!(team.admits_session(&a), "names compared without case");
    let later = Selection {
        since: Some(date(2026, 4, 1)),
        ..Selection::default()
    };
    assert!(!later.admits_session(&a));
    let other = Selection {
        programme: Some("Other".into()),
        ..Selection::default()
    };
    assert!(!other.admits_session(&a));
    let by_hand = Selection {
        ids: vec!["b".into()],
        ..Selection::default()
    };
    assert!(!by_hand.admits_session(&a));
}

#[test]
fn opposite_views_in_two_sessions_stay_in_different_themes_with_the_encoders_meaning() {
    const NEVER: &str = "I would never post about my work online";
    const WEEKLY: &str = "Post about my work online every week";
    let a = session("a", "North", "2026-03-01", &[NEVER], 3);
    let b = session("b", "South", "2026-06-01", &[WEEKLY], 3);
    let picked = chosen(vec![a, b]);
    let (m, _) = super::gather::meaning_with_progress(&picked, None, &mut |_, _| true)
        .expect("the built-in encoder loads");
    let r = report(picked, &m, date(2026, 12, 1));
    let theme_of = |text: &str| {
        r.themes
            .iter()
            .position(|t| t.ideas.iter().any(|i| i.text == text))
            .unwrap_or_else(|| panic!("{text} in no theme: {:#?}", r.themes))
    };
    assert_ne!(theme_of(NEVER), theme_of(WEEKLY), "{:#?}", r.themes);
}
