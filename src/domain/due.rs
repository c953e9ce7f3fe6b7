//! An action's "when" read as a date where it reads as one: "2026-12-05", "5 Dec 2026",
//! "5 december", "12-3" (day-month, as written in the Netherlands and most of Europe),
//! "5/12/2026", in English or Dutch month names. Anything else ("after the summer", "soon")
//! stays free text: `None`. A date without a year is the first such day on or after the
//! session's own date, so "12-3" said in December means next March.

use crate::fold::fold;
use jiff::civil::Date;

/// Month names and their usual abbreviations, English and Dutch, folded (lower case, no
/// accents). "mar"/"mrt", "may"/"mei", "oct"/"okt" all appear.
const MONTHS: [&[&str]; 12] = [
    &["january", "januari", "jan"],
    &["february", "februari", "feb"],
    &["march", "maart", "mar", "mrt"],
    &["april", "apr"],
    &["may", "mei"],
    &["june", "juni", "jun"],
    &["july", "juli", "jul"],
    &["august", "augustus", "aug"],
    &["september", "sept", "sep"],
    &["october", "oktober", "oct", "okt"],
    &["november", "nov"],
    &["december", "dec"],
];

fn month_named(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .map(|m| m as i8 + 1)
}

/// Words that may stand before or between the parts of a date and say nothing about it.
const FILLER: [&str; 10] = [
    "on",
    "by",
    "before",
    "op",
    "voor",
    "uiterlijk",
    "the",
    "of",
    "de",
    "van",
];

/// The date `text` names, if it names one; `reference` is the day it was said on.
pub fn parse_due(text: &str, reference: Date) -> Option<Date> {
    let folded = fold(text.trim());
    if folded.is_empty() {
        return None;
    }
    if let Ok(d) = folded.parse::<Date>() {
        return Some(d);
    }
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        // "5th", "1st", "2nd", "3rd", "5e" — the day with its ordinal ending
        .map(strip_ordinal)
        .collect();
    match words.as_slice() {
        [one] => numeric(one, reference),
        // "5 december", "december 5"
        [a, b] => day_month(a, b, None, reference),
        // "5 december 2026", "december 5 2026"
        [a, b, y] => {
            let year: i16 = y.parse().ok().filter(|y| (1900..=2200).contains(y))?;
            day_month(a, b, Some(year), reference)
        }
        _ => None,
    }
}

fn strip_ordinal(w: &str) -> &str {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && ["st", "nd", "rd", "th", "e", "ste", "de"].contains(&suffix)
    {
        digits
    } else {
        w
    }
}

fn day_month(a: &str, b: &str, year: Option<i16>, reference: Date) -> Option<Date> {
    let (day, month) = match (a.parse::<i8>(), b.parse::<i8>()) {
        (Ok(d), Err(_)) => (d, month_named(b)?),
        (Err(_), Ok(d)) => (d, month_named(a)?),
        _ => return None,
    };
    build(year, month, day, reference)
}

/// "12-3", "12/3", "12.3", "12-3-2026", "5/12/26": day first.
fn numeric(word: &str, reference: Date) -> Option<Date> {
    let parts: Vec<&str> = word.split(['-', '/', '.']).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (day, month, year) = match parts.as_slice() {
        [d, m] => (d.parse().ok()?, m.parse().ok()?, None),
        [d, m, y] if y.len() == 4 => (d.parse().ok()?, m.parse().ok()?, Some(y.parse().ok()?)),
        [d, m, y] if y.len() == 2 => (
            d.parse().ok()?,
            m.parse().ok()?,
            Some(2000 + y.parse::<i16>().ok()?),
        ),
        _ => return None,
    };
    build(year, month, day, reference)
}

fn build(year: Option<i16>, month: i8, day: i8, reference: Date) -> Option<Date> {
    match year {
        Some(y) => Date::new(y, month, day).ok(),
        None => {
            let this = Date::new(reference.year(), month, day).ok();
            match this {
                Some(d) if d >= reference => Some(d),
                _ => Date::new(reference.year() + 1, month, day).ok(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_due;
    use jiff::civil::{Date, date};

    fn reference() -> Date {
        date(2026, 12, 1)
    }

    fn due(text: &str) -> Option<Date> {
        parse_due(text, reference())
    }

    #[test]
    fn iso_and_written_dates_in_english_and_dutch() {
        assert_eq!(due("2026-12-05"), Some(date(2026, 12, 5)));
        assert_eq!(due("5 Dec 2026"), Some(date(2026, 12, 5)));
        assert_eq!(due("5 december 2026"), Some(date(2026, 12, 5)));
        assert_eq!(due("December 5th, 2026"), Some(date(2026, 12, 5)));
        assert_eq!(due("vóór 3 mrt 2027"), Some(date(2027, 3, 3)));
        assert_eq!(due("uiterlijk 1 mei"), Some(date(2027, 5, 1)));
        assert_eq!(due("3 oktober 2027"), Some(date(2027, 10, 3)));
    }

    #[test]
    fn day_month_numbers_are_read_day_first_and_without_a_year_lie_ahead() {
        assert_eq!(due("12-3"), Some(date(2027, 3, 12)));
        assert_eq!(due("5/12"), Some(date(2026, 12, 5)));
        assert_eq!(due("5.12.2026"), Some(date(2026, 12, 5)));
        assert_eq!(due("1-12-26"), Some(date(2026, 12, 1)));
        // a day already past this year is next year's
        assert_eq!(due("30 nov"), Some(date(2027, 11, 30)));
    }

    #[test]
    fn free_text_stays_free_text() {
        for text in [
            "",
            "after the summer",
            "na de zomer",
            "soon",
            "Q1",
            "31-2",
            "32 dec",
            "week 12",
            "5 december 2026 or later",
        ] {
            assert_eq!(due(text), None, "{text}");
        }
    }
}
