//! How many people a workshop is meant for, as its template says (`people: (min: 3, max:
//! 12)`): written without `Some(…)`, and absent from older templates and sessions.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRange {
    pub min: u16,
    pub max: u16,
}

impl ParticipantRange {
    /// Whether `count` people are what the workshop is meant for.
    pub fn contains(&self, count: usize) -> bool {
        (usize::from(self.min)..=usize::from(self.max)).contains(&count)
    }

    /// What is wrong with the range as written, if anything.
    pub fn problem(&self) -> Option<String> {
        if self.min == 0 {
            return Some("people: min must be at least 1".into());
        }
        if self.min > self.max {
            return Some(format!(
                "people: min {} is more than max {}",
                self.min, self.max
            ));
        }
        None
    }
}

/// "3–12", or "1" when the range is one number.
impl std::fmt::Display for ParticipantRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{}–{}", self.min, self.max)
        }
    }
}

pub(super) fn some_range<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<ParticipantRange>, D::Error> {
    ParticipantRange::deserialize(d).map(Some)
}

pub(super) fn plain_range<S: Serializer>(
    range: &Option<ParticipantRange>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match range {
        Some(range) => range.serialize(s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::Template;

    const MINIMAL: &str = r#"(
    id: "mini",
    language: en,
    title: "Mini",
    PARTICIPANTS
    steps: [
        (id: "a", title: "A", kind: Question, prompt: "Why?", hint: "", timebox_minutes: 5),
    ],
)"#;

    #[test]
    fn a_range_is_read_without_some_and_written_back_the_same_way() {
        let text = MINIMAL.replace("PARTICIPANTS", "people: (min: 3, max: 12),");
        let t = Template::parse("mini.ron", &text).unwrap();
        let range = t.people.unwrap();
        assert_eq!((range.min, range.max), (3, 12));
        assert_eq!(range.to_string(), "3–12");
        assert!(range.contains(12) && !range.contains(13) && !range.contains(2));
        let again = Template::parse("again.ron", &t.to_ron()).unwrap();
        assert_eq!(again, t);
    }

    #[test]
    fn a_template_without_a_range_still_reads_and_writes_none() {
        let t = Template::parse("mini.ron", &MINIMAL.replace("PARTICIPANTS", "")).unwrap();
        assert_eq!(t.people, None);
        assert!(!t.to_ron().contains("people"));
    }

    #[test]
    fn a_backwards_range_is_reported_on_its_line() {
        let text = MINIMAL.replace("PARTICIPANTS", "people: (min: 5, max: 2),");
        let err = Template::parse("mini.ron", &text).unwrap_err();
        assert!(err.message.contains("min 5 is more than max 2"), "{err}");
        assert_eq!(err.line, 5);
    }
}
