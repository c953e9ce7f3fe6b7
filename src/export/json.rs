use crate::domain::Session;
use serde_json::json;

/// Everything in the session, plus a flat list of ideas with names and step titles resolved,
/// so the file is useful without knowing the session format.
pub fn render(session: &Session) -> String {
    let ideas: Vec<serde_json::Value> = session
        .all_ideas()
        .map(|(step, idea)| {
            let step_title = session
                .template
                .steps
                .iter()
                .find(|s| s.id == step)
                .map_or("", |s| s.title.as_str());
            json!({
                "id": idea.id,
                "step": step,
                "step_title": step_title,
                "participant": session.participant_name(idea.participant),
                "text": idea.text,
                "at": idea.at,
            })
        })
        .collect();
    let doc = json!({
        "format": "ambassador-export",
        "session": session,
        "ideas": ideas,
    });
    serde_json::to_string_pretty(&doc).expect("sessions serialise") + "\n"
}
