//! The participant's pages as HTML: the page that asks for the join code (nothing of the
//! session on it), the join page (a name to pick, once the code is right) and the page of the
//! current step. Every text that came from a session or a device is escaped; the pages work
//! without JavaScript (plain forms), and `app.js` adds sending on Enter without a reload,
//! keeping unsent ideas and sending them again while the connection fails, showing a
//! refusal's reason with the text back in the box, and following the facilitator's steps.

use super::ask::{DotGroup, Page, Part, Roster};
use super::guard::MAX_NAME_CHARS;
use super::http::escape;
use crate::domain::Language;
use crate::i18n::{tr, trf};

/// The longest idea a device may send, in characters (Unicode scalar values, whatever the
/// script). A browser's `maxlength` counts UTF-16 units, two for an emoji: the inputs allow
/// twice as many, and the server and the script count characters.
pub const MAX_IDEA_CHARS: usize = 2000;
const MAX_IDEA_UNITS: usize = 2 * MAX_IDEA_CHARS;

/// A notice shown at the top after a form post (`?m=` names one of these, never free text).
pub fn notice(lang: Language, code: &str) -> Option<&'static str> {
    let key = match code {
        "received" => "join.received",
        "not_saved" => "join.not_saved",
        "step_moved" => "join.step_moved",
        "invalid" => "join.invalid",
        "too_fast" => "join.too_fast",
        "too_long" => "join.too_long",
        "wrong_code" => "join.wrong_code",
        "too_many" => "join.too_many",
        "full" => "join.full",
        "left" => "join.left",
        "no_dots_left" => "join.no_dots_left",
        "no_dot_here" => "join.no_dot_here",
        "stale" => "join.stale",
        "not_yours" => "join.not_yours",
        "refused" => "join.refused",
        "no_anonymous" => "join.no_anonymous",
        "bad_name" => "join.bad_name",
        "waiting" => "join.waiting_yet",
        "named_only" => "join.named_only",
        _ => return None,
    };
    Some(tr(lang, key))
}

fn shell(
    lang: Language,
    title: &str,
    step: Option<&str>,
    notice: Option<&str>,
    body: &str,
) -> String {
    let lang_code = match lang {
        Language::En => "en",
        Language::Nl => "nl",
    };
    let step = step.map_or(String::new(), |s| format!(" data-step=\"{s}\""));
    let notice = notice.map_or(String::new(), |n| {
        format!("<p class=\"notice\" role=\"status\">{}</p>", escape(n))
    });
    // Texts the script shows, in the page's language (the script itself has none).
    let texts = format!(
        " data-unsent=\"{}\" data-sent=\"{}\" data-too-long=\"{}\" data-kept=\"{}\" \
         data-max=\"{MAX_IDEA_CHARS}\"",
        escape(tr(lang, "join.unsent")),
        escape(tr(lang, "join.received")),
        escape(tr(lang, "join.too_long")),
        escape(tr(lang, "join.kept")),
    );
    format!(
        "<!doctype html>\n<html lang=\"{lang_code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/app.css\">\
         <script src=\"/app.js\" defer></script></head>\
         <body{step}{texts}>{notice}{body}</body></html>\n",
        title = escape(title),
    )
}

/// The page for someone who has not given the right code (yet): it asks for the code (`code`
/// filled in, if any) and says nothing of the session, not even its title.
pub fn code(lang: Language, code: &str, notice: Option<&str>) -> String {
    let body = format!(
        "<main><h1>{}</h1><form method=\"get\" action=\"/\" class=\"join\">\
         <label>{} <input name=\"c\" value=\"{}\" autocomplete=\"off\" \
         autocapitalize=\"characters\" maxlength=\"16\" required autofocus></label>\
         <button>{}</button></form><p>{}</p></main>",
        escape(tr(lang, "join.enter_code")),
        escape(tr(lang, "join.code")),
        escape(code),
        escape(tr(lang, "join.next")),
        escape(tr(lang, "join.code_where")),
    );
    shell(lang, tr(lang, "join.page_title"), None, notice, &body)
}

/// The page a device sees with the right code, before it has joined: the names to pick
/// from (the code goes along with the choice).
pub fn join(roster: &Roster, code: &str, notice: Option<&str>) -> String {
    let lang = roster.lang;
    let mut body = format!(
        "<header><p class=\"session\">{}</p></header><main><h1>{}</h1>",
        escape(&roster.title),
        escape(tr(lang, "join.pick_name"))
    );
    body.push_str("<form method=\"post\" action=\"/join\" class=\"join\">");
    body.push_str(&format!(
        "<label>{} <input name=\"code\" value=\"{}\" autocomplete=\"off\" \
         autocapitalize=\"characters\" maxlength=\"16\" required></label>",
        escape(tr(lang, "join.code")),
        escape(code)
    ));
    if roster.participants.is_empty() {
        body.push_str(&format!(
            "<p>{}</p>",
            escape(tr(lang, "join.no_participants"))
        ));
    }
    for (id, name) in &roster.participants {
        body.push_str(&format!(
            "<button class=\"name\" name=\"participant\" value=\"{id}\">{}</button>",
            escape(name)
        ));
    }
    if roster.anonymous {
        body.push_str(&format!(
            "<button class=\"name anonymous\" name=\"participant\" value=\"anonymous\">{}</button>",
            escape(tr(lang, "join.as_anonymous"))
        ));
    }
    // A name not on the list waits for the facilitator's OK.
    body.push_str(&format!(
        "<label class=\"new-name\">{} <input name=\"name\" maxlength=\"{MAX_NAME_CHARS}\" \
         autocomplete=\"name\"></label>\
         <button class=\"name\" name=\"participant\" value=\"new\">{}</button>",
        escape(tr(lang, "join.new_name")),
        escape(tr(lang, "join.ask_to_join")),
    ));
    body.push_str("</form></main>");
    shell(lang, &roster.title, None, notice, &body)
}

/// The page of a device that typed a new name, until the facilitator lets it in (the script
/// reloads it then) or refuses it.
pub fn waiting(roster: &Roster, name: &str) -> String {
    let lang = roster.lang;
    let body = format!(
        "<header><p class=\"session\">{}</p></header><main><h1>{}</h1><p>{}</p></main>",
        escape(&roster.title),
        escape(&trf(lang, "join.waiting", &[&name])),
        escape(tr(lang, "join.waiting_why")),
    );
    shell(lang, &roster.title, Some("waiting"), None, &body)
}

/// The page of the current step for one joined participant. `key` is a fresh idempotency
/// key for the idea form, so even a form sent twice without the script adds one idea.
pub fn step(page: &Page, key: &str, notice: Option<&str>) -> String {
    let lang = page.lang;
    let mut body = format!(
        "<header><p class=\"session\">{}</p><p class=\"who\">{}</p></header><main>\
         <h1>{}</h1><p class=\"prompt\">{}</p>",
        escape(&page.title),
        escape(&trf(lang, "join.you_are", &[&page.name])),
        escape(&page.step_title),
        escape(&page.prompt),
    );
    match &page.part {
        Part::Question { ideas } => question(&mut body, lang, page.step, ideas, key),
        Part::Pulse { items, private } => pulse(&mut body, lang, items, *private),
        Part::Roles { roles, chosen } => role_choice(&mut body, lang, roles, chosen.as_deref()),
        Part::CommonGround { groups, dots, left } => {
            common_ground(&mut body, lang, page.step, groups, *dots, *left);
        }
        Part::Room { lines } => room(&mut body, lines),
    }
    body.push_str(&format!(
        "<p class=\"follow\">{}</p></main>",
        escape(tr(lang, "join.follow"))
    ));
    shell(
        lang,
        &page.title,
        Some(&page.step.to_string()),
        notice,
        &body,
    )
}

fn question(
    body: &mut String,
    lang: Language,
    step: usize,
    ideas: &[(crate::domain::IdeaId, String)],
    key: &str,
) {
    body.push_str(&format!(
        "<form method=\"post\" action=\"/idea\" id=\"idea-form\" class=\"idea\">\
         <input type=\"hidden\" name=\"key\" value=\"{key}\">\
         <input type=\"hidden\" name=\"step\" value=\"{step}\">\
         <input name=\"text\" id=\"idea-text\" maxlength=\"{MAX_IDEA_UNITS}\" required \
         autocomplete=\"off\" placeholder=\"{}\" aria-label=\"{}\">\
         <button>{}</button></form><p id=\"outbox\" role=\"status\"></p>",
        escape(tr(lang, "join.idea_placeholder")),
        escape(tr(lang, "join.idea_placeholder")),
        escape(tr(lang, "join.send")),
    ));
    body.push_str(&format!(
        "<h2>{}</h2><ul id=\"ideas\" class=\"ideas\">",
        escape(tr(lang, "join.your_ideas"))
    ));
    for (id, text) in ideas {
        // A box as large as the text: rows for its length (the script and the style grow it
        // as it is typed).
        body.push_str(&format!(
            "<li><form method=\"post\" action=\"/edit\" class=\"edit\">\
             <input type=\"hidden\" name=\"idea\" value=\"{id}\">\
             <textarea name=\"text\" rows=\"{}\" maxlength=\"{MAX_IDEA_UNITS}\" required \
             aria-label=\"{}\">{}</textarea><button>{}</button></form></li>",
            rows_for(text),
            escape(tr(lang, "join.edit")),
            escape(text),
            escape(tr(lang, "join.save")),
        ));
    }
    body.push_str("</ul>");
}

/// About as many characters as a line of the edit box holds on a phone.
const CHARS_PER_ROW: usize = 28;
/// The edit box grows no taller than this before it scrolls.
const MOST_ROWS: usize = 12;

/// The rows an edit box needs to show `text` whole (its own line breaks included).
fn rows_for(text: &str) -> usize {
    text.lines()
        .map(|l| l.chars().count().div_ceil(CHARS_PER_ROW).max(1))
        .sum::<usize>()
        .clamp(1, MOST_ROWS)
}

/// The statements to score, under what the session does with the scores: exactly its mode.
fn pulse(body: &mut String, lang: Language, items: &[(String, String, Option<u8>)], private: bool) {
    let (class, promise) = if private {
        ("private", tr(lang, "join.pulse_private"))
    } else {
        ("open", tr(lang, "join.pulse_open"))
    };
    body.push_str(&format!("<p class=\"{class}\">{}</p>", escape(promise)));
    for (id, label, score) in items {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/pulse\" class=\"pulse\">\
             <input type=\"hidden\" name=\"item\" value=\"{}\"><fieldset><legend>{}</legend>",
            escape(id),
            escape(label)
        ));
        for n in 1..=5u8 {
            let on = if *score == Some(n) {
                " class=\"on\" aria-pressed=\"true\""
            } else {
                ""
            };
            body.push_str(&format!(
                "<button name=\"score\" value=\"{n}\"{on}>{n}</button>"
            ));
        }
        body.push_str("</fieldset></form>");
    }
    body.push_str(&format!(
        "<p class=\"scale\">{}</p>",
        escape(tr(lang, "join.scale"))
    ));
}

fn role_choice(
    body: &mut String,
    lang: Language,
    roles: &[(String, String, String)],
    chosen: Option<&str>,
) {
    body.push_str(&format!(
        "<form method=\"post\" action=\"/role\" class=\"roles\"><p>{}</p>",
        escape(tr(lang, "join.pick_role"))
    ));
    for (id, label, description) in roles {
        let on = if chosen == Some(id.as_str()) {
            " class=\"on\" aria-pressed=\"true\""
        } else {
            ""
        };
        body.push_str(&format!(
            "<button name=\"role\" value=\"{}\"{on}><strong>{}</strong><span>{}</span></button>",
            escape(id),
            escape(label),
            escape(description)
        ));
    }
    body.push_str("</form>");
}

/// The common ground as the room ranks it, each group with its counts, the participant's own
/// dots and a form to put one more on it or take one back. Each form says how many of their
/// dots the group should then have, so sending it twice counts once.
fn common_ground(
    body: &mut String,
    lang: Language,
    step: usize,
    groups: &[DotGroup],
    dots: u8,
    left: u8,
) {
    if groups.is_empty() {
        body.push_str(&format!("<p>{}</p>", escape(tr(lang, "join.no_groups"))));
        return;
    }
    if dots > 0 {
        body.push_str(&format!(
            "<p class=\"dots-left\" id=\"dots-left\">{}</p>",
            escape(&trf(lang, "join.dots_left", &[&left, &dots]))
        ));
    }
    // The script refreshes this list (counts, order, own dots) while others vote.
    body.push_str("<ol class=\"dots\" id=\"dots\">");
    for g in groups {
        let counts = trf(lang, "join.group_counts", &[&g.sharers, &g.dots]);
        body.push_str(&format!(
            "<li id=\"g{}\"><details><summary class=\"group\"><strong>{}</strong>\
             <span class=\"counts\">{}</span>",
            g.id,
            escape(&g.label),
            escape(&counts)
        ));
        if g.mine > 0 && dots > 0 {
            let mine = "●".repeat(usize::from(g.mine));
            body.push_str(&format!(
                "<span class=\"mine\">{}</span>",
                escape(&trf(lang, "join.your_dots", &[&mine]))
            ));
        }
        // Folded: one tap on the group opens what was said in it.
        body.push_str("</summary><ul class=\"group-ideas\">");
        for idea in &g.ideas {
            body.push_str(&format!("<li>{}</li>", escape(idea)));
        }
        body.push_str("</ul></details>");
        if dots == 0 {
            body.push_str("</li>");
            continue;
        }
        body.push_str(&format!(
            "<form method=\"post\" action=\"/dot\" class=\"dot\">\
             <input type=\"hidden\" name=\"step\" value=\"{step}\">\
             <input type=\"hidden\" name=\"group\" value=\"{}\">\
             <button name=\"mine\" value=\"{}\" aria-label=\"{}\">{}</button>",
            g.id,
            g.mine.saturating_add(1),
            escape(&trf(lang, "join.add_dot_to", &[&g.label])),
            escape(tr(lang, "join.add_dot")),
        ));
        if g.mine > 0 {
            body.push_str(&format!(
                "<button name=\"mine\" value=\"{}\" class=\"take\" aria-label=\"{}\">{}</button>",
                g.mine - 1,
                escape(&trf(lang, "join.take_dot_from", &[&g.label])),
                escape(tr(lang, "join.take_dot")),
            ));
        }
        body.push_str("</form></li>");
    }
    body.push_str("</ol>");
}

fn room(body: &mut String, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    body.push_str("<ul class=\"room\">");
    for line in lines {
        body.push_str(&format!("<li>{}</li>", escape(line)));
    }
    body.push_str("</ul>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{IdeaId, ParticipantId};

    #[test]
    fn hostile_names_and_ideas_are_escaped_everywhere() {
        let evil = "<img src=x onerror=alert(1)>\"'";
        let roster = Roster {
            lang: Language::En,
            title: evil.into(),
            participants: vec![(ParticipantId(1), evil.into())],
            anonymous: true,
        };
        let page = Page {
            lang: Language::Nl,
            title: evil.into(),
            name: evil.into(),
            step: 3,
            step_title: evil.into(),
            prompt: evil.into(),
            part: Part::Question {
                ideas: vec![(IdeaId(9), evil.into())],
            },
        };
        let dots = Page {
            part: Part::CommonGround {
                groups: vec![DotGroup {
                    id: crate::domain::GroupId(4),
                    label: evil.into(),
                    ideas: vec![evil.into()],
                    sharers: 2,
                    dots: 1,
                    mine: 1,
                }],
                dots: 3,
                left: 2,
            },
            ..page.clone()
        };
        for html in [
            join(&roster, evil, None),
            code(Language::En, evil, Some(evil)),
            waiting(&roster, evil),
            step(&page, "k", None),
            step(&dots, "k", None),
        ] {
            assert!(!html.contains("<img"), "{html}");
            assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;"));
        }
    }
}
