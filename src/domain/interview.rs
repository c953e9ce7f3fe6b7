//! Interviews: one conversation with one colleague, the questions asked one after the other,
//! the colleague's answers in their own words (ideas, each kept with its question) and, per
//! question, what the facilitator heard. A team session can draw on chosen interviews: it
//! keeps a copy of them ([`Heard`]), their answers grouped by meaning into themes, so the
//! file is complete on its own and the board can say what was "heard in the interviews".

use super::session::Idea;
use super::{IdeaId, Session, StepKind};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One question of an interview step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewQuestion {
    pub id: String,
    pub prompt: String,
}

/// One question of an interview as it went: the answers in the order they were said, and
/// what the facilitator heard.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered<'a> {
    pub question: &'a InterviewQuestion,
    pub answers: Vec<&'a Idea>,
    pub heard: &'a str,
}

/// An interview step's notes beside its ideas: the question each answer was given to, and
/// what the facilitator heard per question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewNotes {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answer_to: BTreeMap<IdeaId, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub heard: BTreeMap<String, String>,
}

impl InterviewNotes {
    pub fn is_empty(&self) -> bool {
        self.answer_to.is_empty() && self.heard.is_empty()
    }
}

/// What a team session keeps of the interviews it draws on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heard {
    pub interviews: Vec<HeardFrom>,
    /// The interviews' answers grouped by meaning, the most shared first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<HeardTheme>,
}

/// One interview a team session draws on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeardFrom {
    /// The interview session's id.
    pub id: String,
    /// Who was interviewed: shown to the facilitator and in named reports, never to the
    /// room unless the session is open about names, and never in an anonymous export.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub person: String,
    pub held: Timestamp,
}

/// A theme heard in the interviews: its label, the answers in it (in the colleagues' own
/// words) and in how many of the interviews it came up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeardTheme {
    pub label: String,
    pub answers: Vec<String>,
    pub interviews: usize,
}

impl Heard {
    /// The interviews' answers grouped into themes by `group` (labels and indices into the
    /// texts it is given, as the grouping engine's batch API returns them).
    pub fn gather(
        interviews: &[Session],
        group: impl FnOnce(&[&str]) -> Vec<(String, Vec<usize>)>,
    ) -> Heard {
        // Each answer with the interview it came from.
        let answers: Vec<(usize, &str)> = interviews
            .iter()
            .enumerate()
            .flat_map(|(n, s)| {
                s.interview()
                    .into_iter()
                    .flat_map(|q| q.answers)
                    .map(move |i| (n, i.text.as_str()))
            })
            .collect();
        let texts: Vec<&str> = answers.iter().map(|(_, t)| *t).collect();
        let mut themes: Vec<HeardTheme> = if texts.is_empty() {
            Vec::new()
        } else {
            group(&texts)
                .into_iter()
                .filter(|(_, items)| !items.is_empty())
                .map(|(label, items)| {
                    let mut from: Vec<usize> = items.iter().map(|i| answers[*i].0).collect();
                    from.sort_unstable();
                    from.dedup();
                    HeardTheme {
                        label,
                        answers: items.iter().map(|i| answers[*i].1.to_string()).collect(),
                        interviews: from.len(),
                    }
                })
                .collect()
        };
        themes.sort_by_key(|t| std::cmp::Reverse((t.interviews, t.answers.len())));
        Heard {
            interviews: interviews
                .iter()
                .map(|s| HeardFrom {
                    id: s.id().clone(),
                    person: s.interviewee().unwrap_or_default().to_string(),
                    held: s.created(),
                })
                .collect(),
            themes,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.interviews.is_empty()
    }
}

impl Session {
    /// Whether the session is an interview (one of its steps is).
    pub fn is_interview(&self) -> bool {
        self.template
            .steps
            .iter()
            .any(|s| matches!(s.kind, StepKind::Interview { .. }))
    }

    /// Who was interviewed: the session's first participant.
    pub fn interviewee(&self) -> Option<&str> {
        self.participants.first().map(|p| p.name.as_str())
    }

    /// Every interview step's questions with their answers and notes, in order.
    pub fn interview(&self) -> Vec<Answered<'_>> {
        self.template
            .steps
            .iter()
            .flat_map(|s| self.interview_step(&s.id))
            .collect()
    }

    /// One interview step's questions with their answers and notes (none on other steps).
    pub fn interview_step(&self, step: &str) -> Vec<Answered<'_>> {
        let Some(StepKind::Interview { questions }) = self
            .template
            .steps
            .iter()
            .find(|s| s.id == step)
            .map(|s| &s.kind)
        else {
            return Vec::new();
        };
        let results = self.results(step);
        let notes = self.interview_notes.get(step);
        questions
            .iter()
            .map(|q| Answered {
                question: q,
                answers: results
                    .map(|r| {
                        r.ideas
                            .iter()
                            .filter(|i| notes.and_then(|n| n.answer_to.get(&i.id)) == Some(&q.id))
                            .collect()
                    })
                    .unwrap_or_default(),
                heard: notes
                    .and_then(|n| n.heard.get(&q.id))
                    .map_or("", String::as_str),
            })
            .collect()
    }

    /// The question an answer was given to.
    pub fn question_of(&self, step: &str, idea: IdeaId) -> Option<&str> {
        self.interview_notes
            .get(step)?
            .answer_to
            .get(&idea)
            .map(String::as_str)
    }

    /// The interviews this session draws on, if it draws on any.
    pub fn heard(&self) -> Option<&Heard> {
        self.heard.as_ref().filter(|h| !h.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Change, FixedClock, NewSession, Template};

    fn interview(name: &str, answers: &[(&str, &str)]) -> Session {
        let text = include_str!("../../workshops/interview.en.ron");
        let template = Template::parse("interview.en.ron", text).unwrap();
        let clock = FixedClock::at("2026-03-01T10:00:00Z".parse().unwrap());
        let details = NewSession {
            title: format!("Interview {name}"),
            participants: vec![name.into()],
            ..NewSession::default()
        };
        let mut s = Session::start(format!("interview-{name}"), template, details, &clock);
        let who = s.participants()[0].id;
        for (q, text) in answers {
            s.apply(
                Change::AddAnswer {
                    step: "interview".into(),
                    question: (*q).into(),
                    participant: who,
                    text: (*text).into(),
                },
                &clock,
            )
            .unwrap();
        }
        s
    }

    #[test]
    fn answers_are_kept_with_their_question_and_themes_count_interviews() {
        let ann = interview("Ann", &[("good", "Honest stories"), ("need", "Time")]);
        let bob = interview("Bob", &[("good", "Honest stories about work")]);
        let answered = ann.interview();
        assert_eq!(answered.len(), 4);
        assert_eq!(answered[0].answers[0].text, "Honest stories");
        assert_eq!(answered[3].answers[0].text, "Time");
        assert!(answered[1].answers.is_empty());
        // A stand-in grouping: the first two answers together.
        let heard = Heard::gather(&[ann, bob], |texts| {
            assert_eq!(
                texts,
                ["Honest stories", "Time", "Honest stories about work"]
            );
            vec![("stories".into(), vec![0, 2]), ("time".into(), vec![1])]
        });
        assert_eq!(heard.interviews[1].person, "Bob");
        assert_eq!(heard.themes[0].label, "stories");
        assert_eq!(heard.themes[0].interviews, 2);
        assert_eq!(heard.themes[1].interviews, 1);
    }
}
