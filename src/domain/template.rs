//! Workshop templates: the steps a facilitator walks through, as data.

use super::Language;
pub use super::template_range::ParticipantRange;
use crate::diagnostic::SourceError;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub language: Language,
    pub title: String,
    /// A short name for pickers ("Ambassadorship"); the title stands in when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// How many people the workshop is meant for; any number when the template does not say.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::template_range::some_range",
        serialize_with = "super::template_range::plain_range"
    )]
    pub people: Option<ParticipantRange>,
    /// How many dots each participant may put on the common ground (default 3).
    #[serde(default = "default_dots")]
    pub dots: u8,
    pub steps: Vec<Step>,
}

/// Dots per participant when a template does not say.
pub const DEFAULT_DOTS: u8 = 3;

fn default_dots() -> u8 {
    DEFAULT_DOTS
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub kind: StepKind,
    /// What the facilitator reads aloud.
    pub prompt: String,
    /// A short hint for the facilitator only.
    pub hint: String,
    pub timebox_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StepKind {
    /// Text to read and a checklist (welcome).
    Script { checklist: Vec<String> },
    /// Each participant scores each item 1–5; scores at or below `low_at_or_below` are flagged.
    Pulse {
        items: Vec<PulseItem>,
        low_at_or_below: u8,
    },
    /// Each participant picks the role closest to their picture of an ambassador.
    Roles { roles: Vec<RoleOption> },
    /// Ideas captured per participant and grouped live.
    Question,
    /// Groups across all questions; the facilitator marks the common denominators.
    CommonGround,
    /// The organisation's goal beside the denominators; actions and notes.
    Bridge,
    /// Summary, export and the follow-up date.
    Close { checklist: Vec<String> },
    /// A follow-up's first step: each action of the earlier session, marked done, in
    /// progress or dropped.
    LastTime,
    /// One conversation with one colleague: the questions one after the other on one
    /// screen, the answers typed in the colleague's words, what the facilitator heard.
    Interview {
        questions: Vec<super::InterviewQuestion>,
    },
}

impl StepKind {
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Script { .. } => "Script",
            StepKind::Pulse { .. } => "Pulse",
            StepKind::Roles { .. } => "Roles",
            StepKind::Question => "Question",
            StepKind::CommonGround => "CommonGround",
            StepKind::Bridge => "Bridge",
            StepKind::Close { .. } => "Close",
            StepKind::LastTime => "LastTime",
            StepKind::Interview { .. } => "Interview",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PulseItem {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleOption {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
}

impl Template {
    /// Parses and validates a template; `origin` names the file in errors.
    pub fn parse(origin: &str, text: &str) -> Result<Template, SourceError> {
        let template: Template =
            ron::from_str(text).map_err(|e| SourceError::from_ron(origin, text, &e))?;
        template.validate(origin, text)?;
        Ok(template)
    }

    pub fn to_ron(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .expect("templates always serialise")
    }

    /// What a picker shows: the short name, or the title when there is none.
    pub fn display_name(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.title
        } else {
            &self.name
        }
    }

    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// Checks what the parser cannot: ids, non-empty texts, sensible numbers. The error points
    /// at the offending value in `text`. Linear in the number of steps: the text is searched
    /// only once something is wrong.
    pub fn validate(&self, origin: &str, text: &str) -> Result<(), SourceError> {
        let fail = |needle: &str, nth: usize, message: String| {
            let offset = nth_occurrence(text, needle, nth).unwrap_or(0);
            Err(SourceError::at_offset(origin, text, offset, message))
        };
        if self.id.trim().is_empty() {
            return fail("id", 0, "the template id is empty".into());
        }
        if self.title.trim().is_empty() {
            return fail("title", 0, "the template title is empty".into());
        }
        if self.steps.is_empty() {
            return fail("steps", 0, "the template has no steps".into());
        }
        if !(1..=20).contains(&self.dots) {
            return fail(
                "dots",
                0,
                format!("dots must be 1 to 20, not {}", self.dots),
            );
        }
        if let Some(range) = &self.people
            && let Some(problem) = range.problem()
        {
            return fail("people", 0, problem);
        }
        // Step id → how many steps before this one have it.
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(self.steps.len());
        for (i, step) in self.steps.iter().enumerate() {
            let earlier = seen.entry(step.id.as_str()).or_insert(0);
            let nth = *earlier;
            *earlier += 1;
            let problem = if nth > 0 && !step.id.trim().is_empty() {
                Some((
                    "\"",
                    format!("duplicate step id \"{}\" (step {})", step.id, i + 1),
                ))
            } else {
                step_problem(i, step)
            };
            if let Some((field, message)) = problem {
                // Which occurrence of this id string belongs to step i.
                let id_needle = format!("\"{}\"", step.id);
                let step_at = nth_occurrence(text, &id_needle, nth).unwrap_or(0);
                let offset = text[step_at..].find(field).map_or(step_at, |o| step_at + o);
                return Err(SourceError::at_offset(origin, text, offset, message));
            }
        }
        Ok(())
    }
}

/// What is wrong with one step, if anything: the field to point at and the message.
fn step_problem(i: usize, step: &Step) -> Option<(&'static str, String)> {
    if step.id.trim().is_empty() {
        return Some(("id", format!("step {} has an empty id", i + 1)));
    }
    if step.title.trim().is_empty() {
        return Some(("title", format!("step \"{}\" has an empty title", step.id)));
    }
    if step.prompt.trim().is_empty() {
        return Some((
            "prompt",
            format!("step \"{}\" has an empty prompt", step.id),
        ));
    }
    if step.timebox_minutes == 0 || step.timebox_minutes > 600 {
        return Some((
            "timebox_minutes",
            format!(
                "step \"{}\" has timebox_minutes {}; use 1 to 600",
                step.id, step.timebox_minutes
            ),
        ));
    }
    match &step.kind {
        StepKind::Pulse {
            items,
            low_at_or_below,
        } => {
            if items.is_empty() {
                return Some(("items", format!("pulse step \"{}\" has no items", step.id)));
            }
            if !(1..=5).contains(low_at_or_below) {
                return Some((
                    "low_at_or_below",
                    format!("low_at_or_below must be 1 to 5, not {low_at_or_below}"),
                ));
            }
            if let Some(bad) = items.iter().find(|it| it.label.trim().is_empty()) {
                return Some((
                    "items",
                    format!("pulse item \"{}\" has an empty label", bad.id),
                ));
            }
            if let Some(dup) = first_duplicate(items.iter().map(|it| it.id.as_str())) {
                return Some(("items", format!("duplicate pulse item id \"{dup}\"")));
            }
        }
        StepKind::Roles { roles } => {
            if roles.len() < 2 {
                return Some((
                    "roles",
                    format!("roles step \"{}\" needs at least two roles", step.id),
                ));
            }
            if let Some(bad) = roles.iter().find(|r| r.label.trim().is_empty()) {
                return Some(("roles", format!("role \"{}\" has an empty label", bad.id)));
            }
            if let Some(dup) = first_duplicate(roles.iter().map(|r| r.id.as_str())) {
                return Some(("roles", format!("duplicate role id \"{dup}\"")));
            }
        }
        StepKind::Interview { questions } => {
            if questions.is_empty() {
                return Some((
                    "questions",
                    format!("interview step \"{}\" has no questions", step.id),
                ));
            }
            if let Some(bad) = questions.iter().find(|q| q.id.trim().is_empty()) {
                return Some((
                    "questions",
                    format!("a question \"{}\" has an empty id", bad.prompt),
                ));
            }
            if let Some(bad) = questions.iter().find(|q| q.prompt.trim().is_empty()) {
                return Some((
                    "questions",
                    format!("question \"{}\" has an empty prompt", bad.id),
                ));
            }
            if let Some(dup) = first_duplicate(questions.iter().map(|q| q.id.as_str())) {
                return Some(("questions", format!("duplicate question id \"{dup}\"")));
            }
        }
        _ => {}
    }
    None
}

fn first_duplicate<'a>(ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = BTreeSet::new();
    ids.into_iter().find(|id| !seen.insert(*id))
}

fn nth_occurrence(text: &str, needle: &str, nth: usize) -> Option<usize> {
    text.match_indices(needle).nth(nth).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"(
    id: "mini",
    language: en,
    title: "Mini",
    steps: [
        (id: "a", title: "A", kind: Question, prompt: "Why?", hint: "", timebox_minutes: 5),
        (id: "b", title: "B", kind: Question, prompt: "How?", hint: "", timebox_minutes: 5),
    ],
)"#;

    #[test]
    fn a_minimal_template_parses() {
        let t = Template::parse("mini.ron", MINIMAL).unwrap();
        assert_eq!(t.steps.len(), 2);
        assert_eq!(t.step_index("b"), Some(1));
    }

    #[test]
    fn a_duplicate_step_id_is_reported_at_the_second_step() {
        let text = MINIMAL.replace("id: \"b\"", "id: \"a\"");
        let err = Template::parse("mini.ron", &text).unwrap_err();
        assert!(err.message.contains("duplicate step id \"a\""), "{err}");
        assert_eq!(err.line, 7);
        assert_eq!(err.origin, "mini.ron");
    }

    #[test]
    fn an_empty_prompt_is_reported_on_its_line() {
        let text = MINIMAL.replace("prompt: \"How?\"", "prompt: \" \"");
        let err = Template::parse("mini.ron", &text).unwrap_err();
        assert!(err.message.contains("empty prompt"), "{err}");
        assert_eq!(err.line, 7);
        assert!(err.source_line.contains("prompt"));
    }

    #[test]
    fn an_unknown_step_kind_is_a_parse_error_with_position() {
        let text = MINIMAL.replace(
            "kind: Question, prompt: \"How?\"",
            "kind: Quiz, prompt: \"How?\"",
        );
        let err = Template::parse("mini.ron", &text).unwrap_err();
        assert_eq!(err.line, 7);
        assert!(err.message.contains("Quiz"), "{err}");
    }

    #[test]
    fn an_interview_without_questions_or_with_a_duplicate_question_is_rejected() {
        let kind = "kind: Interview(questions: [(id: \"q\", prompt: \"Why?\"), (id: \"q\", prompt: \"How?\")]), prompt: \"How?\"";
        let text = MINIMAL.replace("kind: Question, prompt: \"How?\"", kind);
        let err = Template::parse("mini.ron", &text).unwrap_err();
        assert!(err.message.contains("duplicate question id \"q\""), "{err}");
        assert_eq!(err.line, 7);
        let none = MINIMAL.replace(
            "kind: Question, prompt: \"How?\"",
            "kind: Interview(questions: []), prompt: \"How?\"",
        );
        let err = Template::parse("mini.ron", &none).unwrap_err();
        assert!(err.message.contains("has no questions"), "{err}");
    }

    #[test]
    fn a_zero_timebox_is_rejected() {
        let text = MINIMAL.replace("timebox_minutes: 5),\n    ]", "timebox_minutes: 0),\n    ]");
        let err = Template::parse("mini.ron", &text).unwrap_err();
        assert!(err.message.contains("timebox_minutes 0"), "{err}");
    }
}
