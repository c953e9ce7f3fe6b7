//! The copy of a session that goes into the archive. `full`: the session as it is.
//! `anonymous`: the session format with every participant's and the facilitator's name
//! removed wherever it stands (as the anonymous export does, and each part of a longer name
//! too), each participant a random token that holds within this session only (so "shared by
//! N" still counts, and nothing links one session to another), no title, scores given aloud
//! turned into ballots without a name and roles and dots held by nobody in particular.

use super::layout::{Sharing, random_token};
use crate::domain::{Language, Session};
use std::collections::BTreeSet;

/// The session as the archive keeps it under `name` (`2026-12-05-k3x9q2`).
pub fn shared_copy(session: &Session, name: &str, sharing: Sharing) -> Session {
    let mut s = session.clone();
    s.set_archive_name(name);
    if sharing == Sharing::Full {
        return s;
    }
    // Every name and each longer part of one ("Jansen" of "Bob Jansen"), before the export's
    // own pass replaces the whole names and leaves out the owners of actions.
    let placeholder = match s.language() {
        Language::En => "someone",
        Language::Nl => "iemand",
    };
    let parts: Vec<(String, String)> = name_parts(session)
        .into_iter()
        .map(|p| (p, placeholder.to_string()))
        .collect();
    let mut s = crate::export::anonymize(&s);
    s.rewrite_texts(&|text: &mut String| *text = crate::export::replace_names(text, &parts));
    let mut tokens: Vec<String> = Vec::new();
    while tokens.len() < s.participants().len() {
        let token = random_token();
        if !tokens.contains(&token) {
            tokens.push(token);
        }
    }
    s.rename_people(|i| tokens[i].clone());
    let date = name.get(..10).unwrap_or(name);
    let title = match s.language() {
        Language::En => format!("Session of {date}"),
        Language::Nl => format!("Sessie van {date}"),
    };
    s.retitle_for_archive(name, &title);
    s.unlink_scores(&shuffle);
    s
}

/// The parts of people's names worth removing on their own: three letters or more, not a
/// particle such as "van" or "der" that is also an ordinary word. Longest first.
fn name_parts(session: &Session) -> Vec<String> {
    const PARTICLES: [&str; 9] = [
        "van", "der", "den", "von", "ter", "ten", "het", "des", "del",
    ];
    let mut parts: Vec<String> = session
        .participants()
        .iter()
        .map(|p| p.name.as_str())
        .chain(std::iter::once(session.facilitator().as_str()))
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
        .filter(|p| p.chars().count() >= 3 && !PARTICLES.contains(&p.to_lowercase().as_str()))
        .map(str::to_string)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    parts.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    parts
}

/// Puts `items` in a random order (Fisher–Yates with the system's random source).
fn shuffle(items: &mut [u64]) {
    for i in (1..items.len()).rev() {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).expect("the system's random source");
        let j = (u64::from_le_bytes(bytes) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Change, FixedClock, NewSession, PulseMode};

    const NAMES: [&str; 5] = ["Ann", "Bob", "Jansen", "Carla", "Team Zorg"];

    fn session(pulse: PulseMode) -> Session {
        let clock = FixedClock::at("2026-12-05T09:00:00Z".parse().unwrap());
        let template = crate::store::builtin_templates().remove(0);
        let details = NewSession {
            title: "Team Zorg with Carla".into(),
            facilitator: "Carla".into(),
            participants: vec!["Ann".into(), "Bob Jansen".into()],
            pulse_mode: pulse,
            ..NewSession::default()
        };
        let mut s = Session::start("2026-12-05-team-zorg".into(), template, details, &clock);
        let ann = s.participants()[0].id;
        let bob = s.participants()[1].id;
        let changes = [
            Change::SetPulse {
                step: "pulse".into(),
                participant: ann,
                item: "enjoy_work".into(),
                score: Some(4),
            },
            Change::SetRole {
                step: "roles".into(),
                participant: bob,
                role: Some("relay".into()),
            },
            Change::AddIdea {
                step: "q1".into(),
                participant: ann,
                text: "Bob and Ann help Jansen's clients, says Carla".into(),
            },
            Change::AddIdea {
                step: "q1".into(),
                participant: bob,
                text: "Telling friends about the work".into(),
            },
            Change::AddAction {
                step: "bridge".into(),
                what: "Ann writes to Carla".into(),
                who: "Bob".into(),
                when: "Friday".into(),
            },
            Change::SetNotes {
                step: "q1".into(),
                text: "Jansen was late".into(),
            },
        ];
        for change in changes {
            // The pulse change only applies to an open pulse; the rest always.
            let _ = s.apply(change, &clock);
        }
        s
    }

    #[test]
    fn no_name_or_title_survives_in_an_anonymous_copy() {
        for pulse in [PulseMode::Open, PulseMode::Private] {
            let original = session(pulse);
            let text = shared_copy(&original, "2026-12-05-k3x9q2", Sharing::Anonymous).to_ron();
            for name in NAMES {
                assert!(!text.contains(name), "{name} in {text}");
            }
            assert!(!text.contains("team-zorg"), "{text}");
            assert!(text.contains("Telling friends about the work"));
        }
    }

    #[test]
    fn scores_and_roles_link_to_no_author_and_ideas_still_count_their_people() {
        let original = session(PulseMode::Open);
        let copy = shared_copy(&original, "2026-12-05-k3x9q2", Sharing::Anonymous);
        assert_eq!(copy.pulse_mode(), PulseMode::Private);
        let pulse = copy.results("pulse").unwrap();
        assert!(pulse.pulse.is_empty());
        assert_eq!(pulse.ballots.len(), 1);
        let roles = &copy.results("roles").unwrap().roles;
        assert_eq!(roles.values().collect::<Vec<_>>(), ["relay"]);
        let people: BTreeSet<_> = copy.participants().iter().map(|p| p.id).collect();
        assert!(roles.keys().all(|holder| !people.contains(holder)));
        let authors: BTreeSet<_> = copy.all_ideas().map(|(_, i)| i.participant).collect();
        assert_eq!(authors.len(), 2);
        assert!(authors.is_subset(&people));
        // The copy is a session that reads back.
        Session::from_ron("copy", &copy.to_ron()).unwrap();
    }

    #[test]
    fn tokens_differ_between_two_sessions_with_the_same_people() {
        let a = shared_copy(
            &session(PulseMode::Open),
            "2026-12-05-aaaaaa",
            Sharing::Anonymous,
        );
        let b = shared_copy(
            &session(PulseMode::Open),
            "2026-12-05-bbbbbb",
            Sharing::Anonymous,
        );
        let names = |s: &Session| -> BTreeSet<String> {
            s.participants().iter().map(|p| p.name.clone()).collect()
        };
        assert_eq!(names(&a).len(), 2);
        assert!(names(&a).is_disjoint(&names(&b)));
    }

    #[test]
    fn a_full_copy_is_the_session_with_its_archive_name() {
        let original = session(PulseMode::Open);
        let copy = shared_copy(&original, "2026-12-05-k3x9q2", Sharing::Full);
        assert_eq!(copy.archive_name(), Some("2026-12-05-k3x9q2"));
        assert_eq!(copy.participants(), original.participants());
        assert_eq!(copy.title(), original.title());
    }
}
