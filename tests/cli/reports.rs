//! Reports: a self-contained, well-formed HTML page; anonymous reports without any name.

use crate::common;

use ambassador::domain::Change;
use ambassador::export::Format;
use ambassador::steps::report::render;
use common::{clock, filled_session};

/// A session whose texts also mention people by name, and try to inject markup.
fn session_with_names() -> ambassador::domain::Session {
    let mut s = filled_session(2);
    let c = clock();
    let ann = s.participants()[0].id;
    for text in [
        "Bob said we should post more",
        "<script>alert('x')</script> & \"quotes\"",
        "chloé loves the borrel",
    ] {
        s.apply(
            Change::AddIdea {
                step: "q3".into(),
                participant: ann,
                text: text.into(),
            },
            &c,
        )
        .unwrap();
    }
    s.apply(
        Change::AddAction {
            step: "bridge".into(),
            what: "Ask Fay for budget".into(),
            who: "Bob".into(),
            when: "May".into(),
        },
        &c,
    )
    .unwrap();
    s.apply(
        Change::SetNotes {
            step: "bridge".into(),
            text: "Ann will follow up with Chloé".into(),
        },
        &c,
    )
    .unwrap();
    s
}

/// Checks that every opened element is closed in order; returns the element names seen.
fn check_balanced(html: &str) -> Vec<String> {
    const VOID: [&str; 4] = ["meta", "br", "hr", "img"];
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("every tag closes") + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let self_closing = tag.ends_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(!name.is_empty(), "empty tag <{tag}>");
        seen.push(name.clone());
        if tag.starts_with('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "</{name}> closes the wrong element"
            );
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    seen
}

#[test]
fn the_html_report_is_well_formed_self_contained_and_escaped() {
    let html = render(
        &session_with_names(),
        Format::Html,
        false,
        &jiff::tz::TimeZone::UTC,
    );
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let tags = check_balanced(&html);
    for needed in [
        "head", "meta", "title", "style", "header", "section", "svg", "rect", "table", "footer",
    ] {
        assert!(tags.iter().any(|t| t == needed), "no <{needed}>");
    }
    for forbidden in [
        "<script", "http://", "https://", " src=", " href=", "@import", "url(",
    ] {
        assert!(!html.contains(forbidden), "{forbidden} in the report");
    }
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
    );
    assert!(html.contains("<section id=\"pulse\">") && html.contains("<section id=\"bridge\">"));
    assert!(html.contains("Share one story a month"));
}

#[test]
fn the_dutch_report_speaks_dutch() {
    let mut s = session_with_names();
    s.apply(
        ambassador::domain::Change::SetLanguage(ambassador::domain::Language::Nl),
        &common::clock(),
    )
    .unwrap();
    let html = render(&s, Format::Html, false, &jiff::tz::TimeZone::UTC);
    assert!(
        html.contains("<html lang=\"nl\">")
            && html.contains("Deelnemers")
            && html.contains("Gemaakt met ambassador")
    );
    let md = render(&s, Format::Md, false, &jiff::tz::TimeZone::UTC);
    assert!(md.contains("**Organisatie:** Acme"), "{md}");
}

#[test]
fn anonymous_reports_contain_no_name_in_any_format() {
    let s = session_with_names();
    let names = ["Ann", "Bob", "Chloé", "Fay"];
    for format in [Format::Md, Format::Html, Format::Json] {
        let report = render(&s, format, true, &jiff::tz::TimeZone::UTC);
        let folded = ambassador::fold::fold(&report);
        for name in names {
            let n = ambassador::fold::fold(name);
            let hit = folded.match_indices(&n).find(|(at, _)| {
                let before = folded[..*at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after = folded[at + n.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                before && after
            });
            assert!(
                hit.is_none(),
                "{name} appears in the {format:?} report:\n{report}"
            );
        }
        // A name in a text is replaced by a placeholder, not by a pseudonym that would tie
        // this text to the same person elsewhere.
        assert!(
            report.contains("someone said we should post more"),
            "{format:?}"
        );
        assert!(
            !(1..=3).any(|n| report.contains(&format!("Participant {n}"))),
            "a pseudonym in {format:?}:\n{report}"
        );
    }
}

#[test]
fn the_command_line_writes_an_anonymous_html_report() {
    let data = tempfile::tempdir().unwrap();
    common::save_into(data.path(), session_with_names());
    let out = data.path().join("report.html");
    let run = common::run(
        data.path(),
        &[
            "export",
            "test",
            "--format",
            "html",
            "--anonymous",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", common::stderr(&run));
    let html = std::fs::read_to_string(out).unwrap();
    assert!(
        html.contains("someone said") && !html.contains("Chloé") && !html.contains("Participant 1")
    );
}

/// Anonymous means unlinkable: no author on an idea, no person behind a role, a score or a
/// dot, no action owner; the JSON holds nothing the Markdown leaves out.
#[test]
fn an_anonymous_json_ties_nothing_to_a_person() {
    let s = session_with_names();
    let json = render(&s, Format::Json, true, &jiff::tz::TimeZone::UTC);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    for key in [
        "\"participant\"",
        "\"participants\"",
        "\"by\"",
        "\"focus\"",
        "\"ballots\"",
    ] {
        assert!(!json.contains(key), "{key} in the anonymous JSON:\n{json}");
    }
    assert_eq!(doc["participant_count"], 3);
    let results = doc["session"]["results"].as_object().unwrap();
    assert!(
        results.values().all(|r| r.get("pulse").is_none()
            && r.get("roles").is_none()
            && r.get("votes").is_none()),
        "per-person pulse, roles or votes"
    );
    assert!(
        doc["pulse"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["answered"] == 3 && p["mean"].is_number()),
        "the pulse as figures: {}",
        doc["pulse"]
    );
    assert!(
        doc["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["count"].as_u64().unwrap())
            .sum::<u64>()
            == 3,
        "the roles as counts: {}",
        doc["roles"]
    );
    assert!(
        !json.contains("\"who\": \"Bob\"") && !json.contains("\"who\": \"someone\""),
        "an action owner"
    );
    // The facilitator's own JSON still never lists scores by name.
    let own = render(&s, Format::Json, false, &jiff::tz::TimeZone::UTC);
    let own: serde_json::Value = serde_json::from_str(&own).unwrap();
    assert!(
        own["session"]["results"]
            .as_object()
            .unwrap()
            .values()
            .all(|r| r.get("pulse").is_none())
    );
}

/// `filled_session` whose first question was grouped automatically ("proud · work") and whose
/// board the facilitator shaped: an idea from q1 and one from q2 merged into "Telling our
/// story" (marked ★, one dot), the other q1 idea split off as "Being proud".
fn shaped_session() -> ambassador::domain::Session {
    use ambassador::domain::{Group, GroupId};
    let mut s = filled_session(2);
    let c = clock();
    let ideas = |s: &ambassador::domain::Session, step: &str| -> Vec<ambassador::domain::IdeaId> {
        s.results(step)
            .unwrap()
            .ideas
            .iter()
            .map(|i| i.id)
            .collect()
    };
    let (q1, q2) = (ideas(&s, "q1"), ideas(&s, "q2"));
    let group =
        |id: u64, label: &str, ideas: Vec<ambassador::domain::IdeaId>, edited: bool| Group {
            id: GroupId(id),
            label: label.into(),
            label_edited: edited,
            locked: false,
            manual: edited,
            ideas,
            pinned: Vec::new(),
            differing: Vec::new(),
        };
    let changes = [
        Change::SetGroups {
            step: "q1".into(),
            groups: vec![group(1, "proud · work", q1.clone(), false)],
        },
        Change::SetGroups {
            step: "common_ground".into(),
            groups: vec![
                group(10, "Being proud", vec![q1[1]], true),
                group(11, "Telling our story", vec![q1[0], q2[0]], true),
            ],
        },
        Change::ToggleDenominator {
            step: "common_ground".into(),
            group: GroupId(11),
            label: "Telling our story".into(),
        },
        Change::AddDot {
            step: "common_ground".into(),
            participant: s.participants()[1].id,
            group: GroupId(11),
        },
    ];
    for change in changes {
        s.apply(change, &c).unwrap();
    }
    s
}

/// Where each of these texts first appears in `report`, in order; panics on a missing one.
fn positions(report: &str, texts: &[&str]) -> Vec<usize> {
    texts
        .iter()
        .map(|t| {
            report
                .find(t)
                .unwrap_or_else(|| panic!("{t} in:\n{report}"))
        })
        .collect()
}

#[test]
fn a_report_leads_with_the_common_ground_and_shows_the_boards_groups_per_question() {
    let s = shaped_session();
    let title = |id: &str| {
        let step = s.template().steps.iter().find(|st| st.id == id).unwrap();
        step.title.clone()
    };
    let md = render(&s, Format::Md, false, &jiff::tz::TimeZone::UTC);
    let order: Vec<String> = ["common_ground", "bridge", "pulse", "roles", "q1", "q2"]
        .iter()
        .map(|id| format!("## {}\n", title(id)))
        .collect();
    let at = positions(&md, &order.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "{order:?} in order:\n{md}"
    );
    // The first group of the report is the agreed one, ranked first, with its mark, who
    // shares it and its dot.
    let first = md.lines().find(|l| l.starts_with("### ")).unwrap();
    assert_eq!(
        first, "### ★ Telling our story (shared by 1 of 3 · 1 dot)",
        "{md}"
    );
    // On the question: the board's names, not the automatic label.
    let q1 = &md[at[4]..at[5]];
    assert!(
        q1.contains("### ★ Telling our story (1)") && q1.contains("### Being proud (1)"),
        "{q1}"
    );
    assert!(!q1.contains("proud · work"), "{q1}");

    let html = render(&s, Format::Html, false, &jiff::tz::TimeZone::UTC);
    let ids: Vec<String> = ["common_ground", "bridge", "pulse", "roles", "q1", "q2"]
        .iter()
        .map(|id| format!("<section id=\"{id}\">"))
        .collect();
    let at = positions(&html, &ids.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{ids:?} in order");
    let board = &html[at[0]..at[1]];
    assert!(
        board.contains("★ Telling our story <span class=\"count\">shared by 1 of 3 · 1 dot</span>"),
        "{board}"
    );
    let q1 = &html[at[4]..at[5]];
    assert!(
        q1.contains("★ Telling our story") && q1.contains("Being proud"),
        "{q1}"
    );
    assert!(!q1.contains("proud · work"), "{q1}");
}
