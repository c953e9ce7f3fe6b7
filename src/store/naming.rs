//! Session file names a person can read: `2026-11-27-team-name.ron`.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Lower-case ASCII words joined by dashes; accents folded; at most 40 characters.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "session".to_string()
    } else {
        out
    }
}

fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => "A",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ç' => "c",
        'ñ' => "n",
        'ß' => "ss",
        'æ' => "ae",
        'ĳ' => "ij",
        _ => "",
    };
    let keep = folded.is_empty().then_some(c);
    folded.chars().chain(keep)
}

/// The `n`-th candidate name (n starts at 1) for a session created at `at`, dated in the
/// user's time zone `zone`.
pub fn file_name_for(title: &str, at: Timestamp, zone: &TimeZone, n: u32) -> String {
    let date = crate::domain::local_date(at, zone);
    let base = format!("{date}-{}", slug(title));
    if n <= 1 {
        format!("{base}.ron")
    } else {
        format!("{base}-{n}.ron")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_ascii() {
        assert_eq!(slug("Team Zorg & Welzijn!"), "team-zorg-welzijn");
        assert_eq!(slug("  Café Ångström  "), "cafe-angstrom");
        assert_eq!(slug("🚀🚀"), "session");
        assert!(slug(&"x".repeat(100)).len() <= 40);
    }

    #[test]
    fn later_candidates_get_a_number() {
        let at: Timestamp = "2026-11-27T10:00:00Z".parse().unwrap();
        assert!(file_name_for("Team", at, &TimeZone::UTC, 1).ends_with("-team.ron"));
        assert!(file_name_for("Team", at, &TimeZone::UTC, 3).ends_with("-team-3.ron"));
    }
}
