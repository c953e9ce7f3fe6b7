use crate::domain::Session;
use serde_json::{Value, json};

/// Everything in the session, plus a flat list of ideas with names and step titles resolved,
/// so the file is useful without knowing the session format, the dot votes per group, and the
/// pulse and roles as figures. The pulse is never there score by score: neither the scores by
/// name of an open pulse nor the ballots of a private one, only what the reports show.
/// With `anonymous`, nothing the anonymous Markdown hides: no authors, no participants, no
/// roles or votes per person (distributions only).
pub fn render(session: &Session, anonymous: bool) -> String {
    let ideas: Vec<serde_json::Value> = session
        .all_ideas()
        .map(|(step, idea)| {
            let author = (!anonymous).then(|| crate::i18n::author(session, idea.participant));
            let step_title = session
                .template()
                .steps
                .iter()
                .find(|s| s.id == step)
                .map_or("", |s| s.title.as_str());
            let mut line = json!({
                "id": idea.id,
                "step": step,
                "step_title": step_title,
                "text": idea.text,
                "at": idea.at,
            });
            if let Some(author) = author {
                line["participant"] = json!(author);
            }
            line
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
    strip(&mut session_value, anonymous);
    let mut doc = json!({
        "format": "ambassador-export",
        "session": session_value,
        "ideas": ideas,
        "votes": votes,
        "pulse": pulse(session),
        "roles": roles(session),
    });
    if anonymous {
        doc["participant_count"] = json!(session.participants().len());
    }
    serde_json::to_string_pretty(&doc).expect("sessions serialise") + "\n"
}

/// Takes out of the session's own form what the export gives as figures instead (the pulse)
/// and, when anonymous, everything that says who.
fn strip(session: &mut Value, anonymous: bool) {
    let per_person: &[&str] = if anonymous {
        &["pulse", "ballots", "roles", "votes"]
    } else {
        &["pulse", "ballots"]
    };
    if let Some(results) = session["results"].as_object_mut() {
        for r in results.values_mut().filter_map(Value::as_object_mut) {
            for key in per_person {
                r.remove(*key);
            }
            if !anonymous {
                continue;
            }
            for idea in r
                .get_mut("ideas")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
                .filter_map(Value::as_object_mut)
            {
                idea.remove("participant");
                idea.remove("post_key");
            }
        }
    }
    if anonymous && let Some(top) = session.as_object_mut() {
        for key in ["participants", "facilitator", "focus"] {
            top.remove(key);
        }
    }
}

/// Each pulse step's statements with the figures the reports show (none below three
/// scorers).
fn pulse(session: &Session) -> Vec<Value> {
    steps_of(session, |step| {
        crate::domain::pulse_summary(session, step)
            .into_iter()
            .map(|s| {
                let mut line = json!({
                    "step": step.id,
                    "item": s.item,
                    "label": s.label,
                    "answered": s.answered,
                });
                if let Some(mean) = s.mean {
                    line["mean"] = json!(mean);
                    line["counts"] = json!(s.counts);
                    line["low"] = json!(s.low);
                    line["low_at_or_below"] = json!(s.low_at_or_below);
                }
                line
            })
            .collect()
    })
}

/// How many chose each role, per roles step.
fn roles(session: &Session) -> Vec<Value> {
    steps_of(session, |step| {
        crate::domain::role_counts(session, step)
            .into_iter()
            .map(|r| json!({"step": step.id, "role": r.role, "label": r.label, "count": r.count}))
            .collect()
    })
}

fn steps_of(session: &Session, lines: impl Fn(&crate::domain::Step) -> Vec<Value>) -> Vec<Value> {
    session.template().steps.iter().flat_map(lines).collect()
}
