//! The built-in interview workshop: one colleague, the four questions, about twenty minutes,
//! nothing that needs a group (no pulse, no roles, no dots), in English and in Dutch.

use ambassador::domain::{Language, StepKind, Template};
use ambassador::store::resolve_template;

#[test]
fn the_interview_template_loads_in_both_languages_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    for language in [Language::En, Language::Nl] {
        let t = resolve_template(dir.path(), "interview", Some(language)).unwrap();
        assert_eq!(t.language, language);
        let people = t.people.expect("the template says how many");
        assert_eq!((people.min, people.max), (1, 1), "one colleague");
        let minutes: u32 = t.steps.iter().map(|s| s.timebox_minutes).sum();
        assert_eq!(minutes, 20, "about twenty minutes");
        let questions: Vec<usize> = t
            .steps
            .iter()
            .filter_map(|s| match &s.kind {
                StepKind::Interview { questions } => Some(questions.len()),
                _ => None,
            })
            .collect();
        assert_eq!(
            questions,
            [4],
            "one conversation, the essay's four questions"
        );
        assert!(
            t.steps.iter().all(|s| !matches!(
                s.kind,
                StepKind::Pulse { .. } | StepKind::Roles { .. } | StepKind::CommonGround
            )),
            "nothing that needs a group"
        );
        // What it writes back reads and validates again.
        assert_eq!(Template::parse("again.ron", &t.to_ron()).unwrap(), t);
    }
}
