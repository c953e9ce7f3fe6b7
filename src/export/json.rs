use crate::domain::Session;
use serde_json::json;

/// Everything in the session, plus a flat list of ideas with names and step titles resolved,
/// so the file is useful without knowing the session format, and the dot votes per group.
/// With `anonymous`, the votes are totals only: who put their dots where is left out.
pub fn render(session: &Session, anonymous: bool) -> String {
    let ideas: Vec<serde_json::Value> = session
        .all_ideas()
        .map(|(step, idea)| {
            let step_title = session
                .template()
                .steps
                .iter()
                .find(|s| s.id == step)
                .map_or("", |s| s.title.as_str());
            json!({
                "id": idea.id,
                "step": step,
                "step_title": step_title,
                "participant": crate::i18n::author(session, idea.participant),
                "text": idea.text,
                "at": idea.at,
            })
        })
        .collect();
    let votes: Vec<serde_json::Value> = session
        .template()
        .steps
        .iter()
        .flat_map(|step| {
            crate::domain::vote_lines(session, step)
                .into_iter()
                .map(move |v| {
                    let mut line = json!({
                        "step": step.id,
                        "group": v.group,
                        "label": v.label,
                        "dots": v.dots,
                    });
                    if !anonymous {
                        line["by"] =
                            v.by.iter()
                                .map(|(name, n)| json!({"participant": name, "dots": n}))
                                .collect();
                    }
                    line
                })
        })
        .collect();
    let mut session_value = serde_json::to_value(session).expect("sessions serialise");
    if anonymous && let Some(results) = session_value["results"].as_object_mut() {
        for r in results.values_mut() {
            if let Some(r) = r.as_object_mut() {
                r.remove("votes");
            }
        }
    }
    let doc = json!({
        "format": "ambassador-export",
        "session": session_value,
        "ideas": ideas,
        "votes": votes,
    });
    serde_json::to_string_pretty(&doc).expect("sessions serialise") + "\n"
}
