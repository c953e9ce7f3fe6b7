//! Type-to-filter and sort for the list of past sessions.

use crate::store::{Listing, SessionSummary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Newest first.
    #[default]
    Date,
    /// Organisation A–Z, then newest first.
    Organisation,
}

use crate::fold::fold;

fn matches(s: &SessionSummary, words: &[String]) -> bool {
    words.iter().all(|w| s.search.contains(w.as_str()))
}

/// Indices into `listings` of the sessions that match every word of `query`, in order.
/// Unreadable files always stay in the list (after the readable ones), so nothing is hidden
/// by a broken file.
pub fn filter_and_sort(listings: &[Listing], query: &str, sort: SortBy) -> Vec<usize> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
    let mut shown: Vec<usize> = listings
        .iter()
        .enumerate()
        .filter(|(_, l)| match l {
            Listing::Session(s) => matches(s, &words),
            Listing::Unreadable { .. } | Listing::Kept(_) => true,
        })
        .map(|(i, _)| i)
        .collect();
    let key = |i: &usize| match &listings[*i] {
        Listing::Session(s) => (
            0,
            if sort == SortBy::Organisation {
                fold(&s.organisation)
            } else {
                String::new()
            },
            std::cmp::Reverse(s.created),
        ),
        Listing::Unreadable { .. } | Listing::Kept(_) => (
            1,
            String::new(),
            std::cmp::Reverse(jiff::Timestamp::UNIX_EPOCH),
        ),
    };
    shown.sort_by_cached_key(key);
    shown
}
