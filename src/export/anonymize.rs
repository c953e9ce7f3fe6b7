//! Reports without names that cannot be traced back: the facilitator is left out, every
//! name typed into the session's text becomes "someone" (no pseudonym that would link one
//! section to another), and action owners are left out. What the renderers add on top (no
//! authors, distributions only) is in `render`'s `anonymous`.

use crate::domain::{Language, Session};

pub fn anonymize(session: &Session) -> Session {
    let mut s = session.clone();
    let word = match s.language() {
        Language::En => "Participant",
        Language::Nl => "Deelnemer",
    };
    let placeholder = match s.language() {
        Language::En => "someone",
        Language::Nl => "iemand",
    };
    let mut names: Vec<(String, String)> = s
        .participants()
        .iter()
        .map(|p| (p.name.clone(), placeholder.to_string()))
        .collect();
    if !s.facilitator().trim().is_empty() {
        names.push((s.facilitator().clone(), placeholder.to_string()));
    }
    // Who was interviewed, where the session draws on interviews.
    for from in s
        .heard()
        .map(|h| h.interviews.as_slice())
        .unwrap_or_default()
    {
        if !from.person.trim().is_empty() {
            names.push((from.person.clone(), placeholder.to_string()));
        }
    }
    // Longest names first, so "Ann-Marie" is not half-replaced by "Ann".
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.chars().count()));
    let scrub = |text: &mut String| *text = replace_names(text, &names);
    s.rename_people(|i| format!("{word} {}", i + 1));
    s.rewrite_texts(&scrub);
    s.leave_out_owners();
    s
}

/// Replaces each name where it stands as a whole word, ignoring case.
pub fn replace_names(text: &str, names: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (name, alias) in names {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        out = replace_word(&out, name, alias);
    }
    out
}

fn replace_word(text: &str, name: &str, alias: &str) -> String {
    let lower = text.to_lowercase();
    let needle = name.to_lowercase();
    // Lower-casing can change byte lengths; fall back to exact matching then.
    let (hay, pat) = if lower.len() == text.len() && needle.len() == name.len() {
        (lower.as_str(), needle.as_str())
    } else {
        (text, name)
    };
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in hay.match_indices(pat) {
        if at < last {
            continue;
        }
        let end = at + pat.len();
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push_str(&text[last..at]);
            out.push_str(alias);
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_replaced_as_whole_words_only() {
        let names = vec![
            ("Ann".to_string(), "P1".to_string()),
            ("Bo".to_string(), "P2".to_string()),
        ];
        assert_eq!(
            replace_names("ann and Bob asked Ann.", &names),
            "P1 and Bob asked P1."
        );
        assert_eq!(replace_names("Bo-Annika", &names), "P2-Annika");
    }
}
