//! Grouping a whole list at once (`group` command, review of old sessions).

use std::collections::HashMap;

use serde::Serialize;

use super::cluster::{MAX_EXACT, average_link};
use super::features::{Analysis, Analyzer};
use super::labels;
use super::pairs::{Item, Pairs, analyze_all};
use super::similarity::ChannelWeights;
use super::stance::Stance;
use super::{Embedder, Granularity, Lang};

/// One group of the `group --json` contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchGroup {
    pub label: String,
    /// 0-based indices of the non-empty input lines
    pub items: Vec<usize>,
}

/// `{"groups":[{"label":"…","items":[0,3,7]}]}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchOutput {
    pub groups: Vec<BatchGroup>,
}

/// Errors reading a batch.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("input line {line} is not valid UTF-8")]
    InvalidUtf8 { line: usize },
}

/// Non-blank lines of the input (trailing `\r` removed). Invalid UTF-8 is an error naming
/// the 1-based line.
pub fn read_ideas(input: &[u8]) -> Result<Vec<String>, BatchError> {
    let mut out = Vec::new();
    for (i, raw) in input.split(|b| *b == b'\n').enumerate() {
        let line = std::str::from_utf8(raw).map_err(|_| BatchError::InvalidUtf8 { line: i + 1 })?;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !line.trim().is_empty() {
            out.push(line.to_string());
        }
    }
    Ok(out)
}

/// Group texts; returns (label, indices into `texts`) per group, largest group first.
pub fn group_texts(
    texts: &[&str],
    lang: Lang,
    granularity: Granularity,
) -> Vec<(String, Vec<usize>)> {
    group_texts_embedded(texts, lang, granularity, None)
}

/// [`group_texts`] blending in an embedding model's cosine (batches larger than
/// [`MAX_EXACT`] distinct ideas are clustered by [`super::large`], with both signals too);
/// ideas of opposite stance on one subject never share a group.
pub fn group_texts_embedded(
    texts: &[&str],
    lang: Lang,
    granularity: Granularity,
    embedder: Option<&dyn Embedder>,
) -> Vec<(String, Vec<usize>)> {
    group_impl(texts, lang, granularity, embedder, MAX_EXACT)
}

/// [`group_texts_embedded`], clustering exactly up to `max_exact` distinct ideas.
fn group_impl(
    texts: &[&str],
    lang: Lang,
    granularity: Granularity,
    embedder: Option<&dyn Embedder>,
    max_exact: usize,
) -> Vec<(String, Vec<usize>)> {
    let analyses = analyze_all(&Analyzer::new(), texts, lang);
    // identical ideas are clustered once, with a weight
    let mut uniq: Vec<usize> = Vec::new();
    let mut copies: Vec<Vec<usize>> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, a) in analyses.iter().enumerate() {
        let key = a.key();
        let key = if key.is_empty() {
            format!("\u{0}{}", texts[i].trim())
        } else {
            key
        };
        match seen.get(&key) {
            Some(u) => copies[*u].push(i),
            None => {
                seen.insert(key, uniq.len());
                uniq.push(i);
                copies.push(vec![i]);
            }
        }
    }
    let w: Vec<f32> = copies.iter().map(|c| c.len() as f32).collect();
    let exact = uniq.len() <= max_exact;
    let embeddings: Vec<Option<Vec<f32>>> = match embedder {
        Some(e) => {
            let distinct: Vec<&str> = uniq.iter().map(|i| texts[*i]).collect();
            e.embed_many(&distinct).into_iter().map(Some).collect()
        }
        None => vec![None; uniq.len()],
    };
    let prior = embedder.and_then(|e| e.prior_centre());
    let axis = embedder.and_then(|e| e.stance_axis());
    let items = uniq
        .iter()
        .zip(&w)
        .zip(embeddings)
        .map(|((i, weight), embedding)| Item {
            analysis: &analyses[*i],
            weight: *weight,
            stance: Stance::of(
                texts[*i],
                &analyses[*i],
                embedding.as_deref(),
                axis.as_ref(),
            ),
            embedding,
        })
        .collect();
    let pairs = Pairs::new(items, &ChannelWeights::default(), prior.as_deref()).with_axis(axis);
    let clusters = if exact {
        let score = |a, b| pairs.score(a, b);
        average_link(
            uniq.len(),
            &w,
            pairs.threshold(granularity),
            score,
            |a, b| pairs.apart(a, b),
        )
    } else {
        let threshold = pairs.threshold(granularity);
        super::large::cluster(&pairs.large_board(&w), threshold, &mut |_, _| {})
    };
    let space = pairs.space();
    let idf = |stem: &str| space.stem_idf(stem);
    let everyone: Vec<&Analysis> = analyses.iter().collect();
    let board = labels::majority_language(&everyone, None);
    let mut out: Vec<(String, Vec<usize>)> = clusters
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| {
            let mut items: Vec<usize> = c.iter().flat_map(|u| copies[*u].iter().copied()).collect();
            items.sort_unstable();
            let central = most_central(c, &|a, b| pairs.score(a, b));
            let members: Vec<&Analysis> = std::iter::once(central)
                .chain(c.iter().copied().filter(|u| *u != central))
                .flat_map(|u| std::iter::repeat_n(&analyses[uniq[u]], copies[u].len().min(8)))
                .collect();
            let label = labels::label_for(&members, &idf, board, texts[items[0]]);
            (label, items)
        })
        .collect();
    out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.1[0].cmp(&b.1[0])));
    out
}

/// Largest cluster whose most central member is looked for (the search is quadratic).
const CENTRAL_UP_TO: usize = 128;

/// The member of a cluster closest to all the others (its first on a tie, or when the
/// cluster is too large to compare every pair).
fn most_central(cluster: &[usize], score: &dyn Fn(usize, usize) -> f32) -> usize {
    if cluster.len() > CENTRAL_UP_TO {
        return cluster[0];
    }
    let closeness = |u: usize| -> f32 {
        cluster
            .iter()
            .filter(|v| **v != u)
            .map(|v| score(u, *v))
            .sum()
    };
    cluster
        .iter()
        .map(|u| (closeness(*u), *u))
        .fold(None::<(f32, usize)>, |best, (c, u)| match best {
            Some((bc, _)) if bc >= c => best,
            _ => Some((c, u)),
        })
        .map_or(cluster[0], |(_, u)| u)
}

/// The whole `group` command minus argument parsing and printing.
pub fn run(
    input: &[u8],
    lang: Lang,
    granularity: Granularity,
    embedder: Option<&dyn Embedder>,
) -> Result<(Vec<String>, BatchOutput), BatchError> {
    let ideas = read_ideas(input)?;
    let refs: Vec<&str> = ideas.iter().map(String::as_str).collect();
    let groups = group_texts_embedded(&refs, lang, granularity, embedder)
        .into_iter()
        .map(|(label, items)| BatchGroup { label, items })
        .collect();
    Ok((ideas, BatchOutput { groups }))
}

/// Readable text form of a batch result.
pub fn render_text(ideas: &[String], out: &BatchOutput) -> String {
    let mut s = String::new();
    for g in &out.groups {
        s.push_str(&format!("{} ({})\n", g.label, g.items.len()));
        for i in &g.items {
            let text: String = ideas[*i]
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect();
            s.push_str(&format!("  {:>4}  {}\n", i, text));
        }
    }
    if out.groups.is_empty() {
        s.push_str("(no ideas)\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_in_exactly_one_group() {
        let input = b"trots op ons werk\n\n  \nproud of our work\nvacatures delen op LinkedIn\nsharing job openings on LinkedIn\n";
        let (ideas, out) = run(input, Lang::Auto, Granularity::Default, None).expect("run");
        assert_eq!(ideas.len(), 4);
        let mut all: Vec<usize> = out.groups.iter().flat_map(|g| g.items.clone()).collect();
        all.sort_unstable();
        assert_eq!(all, vec![0, 1, 2, 3]);
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = read_ideas(b"ok\n\xff\xfe\n").unwrap_err();
        assert_eq!(err.to_string(), "input line 2 is not valid UTF-8");
    }

    #[test]
    fn empty_and_odd_inputs() {
        assert!(
            run(b"", Lang::Auto, Granularity::Default, None)
                .expect("run")
                .1
                .groups
                .is_empty()
        );
        assert!(
            run(b"\n \n\t\n", Lang::Auto, Granularity::Default, None)
                .expect("run")
                .1
                .groups
                .is_empty()
        );
        let (_, out) = run(
            "🎉\n!!!\n\u{7}\u{1b}[31m\n...\n".as_bytes(),
            Lang::Auto,
            Granularity::Default,
            None,
        )
        .expect("run");
        assert_eq!(out.groups.iter().map(|g| g.items.len()).sum::<usize>(), 4);
        let one = run(b"one idea", Lang::En, Granularity::Default, None)
            .expect("run")
            .1;
        assert_eq!(one.groups.len(), 1);
    }

    #[test]
    fn a_board_forced_through_the_large_path_keeps_opposite_and_unrelated_ideas_apart() {
        let texts = [
            "I never want to share posts about my job",
            "I like to share posts about my job every week",
            "Ik wil nooit berichten over mijn baan delen",
            "Ik deel graag elke week berichten over mijn baan",
            "The car park needs brighter lamps at night",
            "Meer licht op de parkeerplaats in de avond",
            "A birthday cake for the drivers",
        ];
        let encoder = crate::grouping::Encoder::builtin().expect("built-in encoder");
        let groups = group_impl(&texts, Lang::Auto, Granularity::Default, Some(&encoder), 0);
        let mut all: Vec<usize> = groups.iter().flat_map(|g| g.1.clone()).collect();
        all.sort_unstable();
        assert_eq!(all, (0..texts.len()).collect::<Vec<_>>());
        let group = |i: usize| groups.iter().position(|g| g.1.contains(&i));
        assert_ne!(group(0), group(1), "{groups:?}");
        assert_ne!(group(2), group(3), "{groups:?}");
        for i in 0..4 {
            assert_ne!(group(i), group(4), "{groups:?}");
            assert_ne!(group(i), group(6), "{groups:?}");
        }
        assert_ne!(group(4), group(6), "{groups:?}");
    }

    #[test]
    fn identical_ideas_form_one_group() {
        let texts = vec!["meer tijd in het rooster"; 500];
        let g = group_texts(&texts, Lang::Auto, Granularity::Default);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].1.len(), 500);
    }
}
