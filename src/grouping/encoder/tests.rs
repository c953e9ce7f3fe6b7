//! The encoder against the reference engine, and against damaged model files.

use std::borrow::Cow;

use super::{BUILTIN, Encoder, EncoderError};

fn builtin() -> &'static Encoder {
    Encoder::builtin().expect("the built-in model parses")
}

fn cos(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

#[test]
fn embeddings_match_the_reference_engine_within_1e_3_cosine() {
    let doc: serde_json::Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/encoder-reference.json"
    ))
    .expect("fixture is JSON");
    let cases = doc["cases"].as_array().expect("cases");
    let texts: Vec<&str> = cases
        .iter()
        .map(|c| c["text"].as_str().expect("text"))
        .collect();
    let got = builtin().embed(&texts);
    for (case, mine) in cases.iter().zip(&got) {
        let want: Vec<f32> = case["embedding"]
            .as_array()
            .expect("embedding")
            .iter()
            .map(|x| x.as_f64().expect("number") as f32)
            .collect();
        assert_eq!(mine.len(), want.len());
        let c = cos(mine, &want);
        assert!(
            c >= 0.999,
            "cosine {c} for {:?}",
            case["text"].as_str().unwrap_or_default()
        );
    }
}

#[test]
fn batched_parallel_and_serial_embeddings_are_identical() {
    let texts: Vec<String> = (0..40)
        .map(|i| format!("idee nummer {i} over het werk"))
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let e = builtin();
    let all = e.embed(&refs);
    let one_by_one: Vec<Vec<f32>> = refs
        .iter()
        .map(|t| e.embed_serial(&[t]).remove(0))
        .collect();
    assert_eq!(all, one_by_one);
}

#[test]
fn vectors_are_unit_length_even_for_odd_text() {
    let long = "woord ".repeat(20_000);
    let texts = ["", "🎉🎉🎉", "\u{7}\u{1b}[31m", long.as_str(), "a\u{0}b"];
    for v in builtin().embed(&texts) {
        let n: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((n - 1.0).abs() < 1e-4, "norm {n}");
        assert!(v.iter().all(|x| x.is_finite()));
    }
}

#[test]
fn meaning_is_closer_than_spelling_across_languages() {
    let e = builtin();
    let v = e.embed(&[
        "proud of our team",
        "trots op ons team",
        "the weather is cold",
    ]);
    assert!(cos(&v[0], &v[1]) > cos(&v[0], &v[2]));
}

#[test]
fn truncated_or_altered_images_are_errors_not_panics() {
    for cut in [0, 7, 8, 100, 10_000, BUILTIN.len() / 2, BUILTIN.len() - 1] {
        let r = Encoder::from_bytes(Cow::Owned(BUILTIN[..cut].to_vec()));
        assert!(
            matches!(r, Err(EncoderError::Truncated | EncoderError::Format(_))),
            "cut at {cut}"
        );
    }
    let mut bad = BUILTIN.to_vec();
    bad[0] = b'X';
    assert!(matches!(
        Encoder::from_bytes(Cow::Owned(bad)),
        Err(EncoderError::Format(_))
    ));
    // an absurd vocabulary size in the header
    let mut bad = BUILTIN.to_vec();
    bad[28..32].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(Encoder::from_bytes(Cow::Owned(bad)).is_err());
}

#[test]
fn missing_file_is_an_io_error() {
    let r = Encoder::load(std::path::Path::new("/nonexistent/ambassador/model.bin"));
    assert!(matches!(r, Err(EncoderError::Io { .. })));
}

#[test]
fn builtin_stance_axis_is_the_one_its_anchors_give() {
    use crate::grouping::Embedder;
    use crate::grouping::stance::Axis;
    let encoder = Encoder::builtin().expect("the built-in encoder loads");
    let learned = Axis::learn(encoder).expect("the anchors give an axis");
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/e5-small-nl-en/stance.f32"
    );
    if std::env::var_os("AMBASSADOR_WRITE_STANCE_AXIS").is_some() {
        std::fs::write(path, learned.to_bytes()).expect("write the axis");
    }
    let shipped = encoder
        .stance_axis()
        .expect("the axis ships with the model");
    assert!(
        shipped.agrees_with(&learned),
        "assets/e5-small-nl-en/stance.f32 is stale: run this test with AMBASSADOR_WRITE_STANCE_AXIS=1"
    );
}
