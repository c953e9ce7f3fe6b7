//! The large-board clustering on small synthetic boards.

use super::*;
use crate::grouping::tests::helpers::group_of;

/// A unit vector leaning on axis 0 (like an anisotropic encoder) plus a topic axis.
fn emb(dim: usize, topic: usize, jitter: usize) -> Vec<f32> {
    let mut v = vec![0f32; dim];
    v[0] = 2.0;
    v[1 + topic % (dim - 2)] = 1.0;
    v[dim - 1] = (jitter % 7) as f32 * 0.05;
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter().map(|x| x / n).collect()
}

/// A lexical vector of a topic's two words.
fn words(topic: usize) -> SparseVec {
    let x = std::f32::consts::FRAC_1_SQRT_2;
    vec![(topic as u32 * 2, x), (topic as u32 * 2 + 1, x)]
}

struct Synthetic {
    lexical: Vec<SparseVec>,
    embeddings: Vec<Vec<f32>>,
    negated: Vec<bool>,
    weights: Vec<f32>,
    semantic: Semantic,
}

fn synthetic(topics: &[usize], negated: &[bool]) -> Synthetic {
    let dim = 16;
    let embeddings: Vec<Vec<f32>> = topics
        .iter()
        .enumerate()
        .map(|(i, t)| emb(dim, *t, i))
        .collect();
    let mut sum = vec![0f32; dim];
    for e in &embeddings {
        sum.iter_mut().zip(e).for_each(|(s, x)| *s += x);
    }
    Synthetic {
        lexical: topics.iter().map(|t| words(*t)).collect(),
        semantic: Semantic::calibrate(&sum, topics.len() as f32, None),
        embeddings,
        negated: negated.to_vec(),
        weights: vec![1.0; topics.len()],
    }
}

impl Synthetic {
    fn board(&self) -> Board<'_> {
        Board {
            weights: &self.weights,
            lexical: &self.lexical,
            embeddings: self.embeddings.iter().map(|e| Some(e.as_slice())).collect(),
            semantic: Some(&self.semantic),
            negated: &self.negated,
            calibration: crate::grouping::calibration::Calibration::default(),
        }
    }
}

#[test]
fn every_idea_is_in_exactly_one_group() {
    let topics: Vec<usize> = (0..700).map(|i| (i * 7) % 11).collect();
    let s = synthetic(&topics, &vec![false; topics.len()]);
    let groups = cluster(&s.board(), 0.3, &mut |_, _| {});
    let mut all: Vec<usize> = groups.iter().flatten().copied().collect();
    all.sort_unstable();
    assert_eq!(all, (0..topics.len()).collect::<Vec<_>>());
    // ideas of one topic end up together, different topics apart
    for i in 0..topics.len() {
        for j in [0, 1, 2, 3, 4] {
            assert_eq!(
                group_of(&groups, i) == group_of(&groups, j),
                topics[i] == topics[j],
                "ideas {i} and {j}"
            );
        }
    }
}

#[test]
fn opposite_and_unrelated_ideas_are_not_merged() {
    // 0..3 and 3..6 share topic 0 but take opposite stances; 6..9 are another topic
    let topics = [0, 0, 0, 0, 0, 0, 1, 1, 1];
    let negated = [false, false, false, true, true, true, false, false, false];
    let s = synthetic(&topics, &negated);
    let groups = cluster(&s.board(), 0.3, &mut |_, _| {});
    assert_eq!(group_of(&groups, 0), group_of(&groups, 2));
    assert_eq!(group_of(&groups, 3), group_of(&groups, 5));
    assert_ne!(group_of(&groups, 0), group_of(&groups, 3));
    assert_ne!(group_of(&groups, 0), group_of(&groups, 6));
    assert_ne!(group_of(&groups, 3), group_of(&groups, 6));
}

#[test]
fn progress_only_moves_forward_and_ends_at_the_total() {
    let topics: Vec<usize> = (0..2000).map(|i| i % 13).collect();
    let s = synthetic(&topics, &vec![false; topics.len()]);
    let mut heard: Vec<(usize, usize)> = Vec::new();
    cluster(&s.board(), 0.3, &mut |done, total| {
        heard.push((done, total))
    });
    assert!(heard.len() > 5, "{heard:?}");
    assert!(
        heard
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 == w[1].1)
    );
    let (done, total) = *heard.last().expect("some progress");
    assert_eq!(done, total);
}

#[test]
fn ideas_without_embeddings_group_by_their_words() {
    let topics = [0, 0, 1, 1];
    let s = synthetic(&topics, &[false; 4]);
    let mut board = s.board();
    board.embeddings = vec![None; 4];
    board.semantic = None;
    let groups = cluster(&board, 0.3, &mut |_, _| {});
    assert_eq!(groups, vec![vec![0, 1], vec![2, 3]]);
}

#[test]
fn an_empty_board_has_no_groups() {
    let s = synthetic(&[], &[]);
    assert!(cluster(&s.board(), 0.3, &mut |_, _| {}).is_empty());
}
