//! A large live board regrouped on the worker's path with every embedding already known
//! (as from the embedding cache): prints the regroup's progress as it moves and its time.
//! `cargo run --release --example regroup_large -- IDEAS.txt [EMBEDDINGS.f32]`
//! The embeddings file is written on the first run (built-in encoder) and read after.

use std::io::Write;
use std::time::Instant;

use ambassador::grouping::{
    Constraints, Embedder, Encoder, Engine, EngineConfig, KnownEmbeddings, Lang,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        return Err("usage: regroup_large IDEAS.txt [EMBEDDINGS.f32]".into());
    };
    let texts: Vec<String> = std::fs::read_to_string(path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let encoder = Encoder::builtin().map_err(|e| e.to_string())?;
    let dim = encoder.dim();
    let cached = args.get(1).and_then(|p| std::fs::read(p).ok());
    let vectors: Vec<Vec<f32>> = match cached {
        Some(bytes) if bytes.len() == texts.len() * dim * 4 => bytes
            .chunks_exact(dim * 4)
            .map(|row| {
                row.chunks_exact(4)
                    .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect()
            })
            .collect(),
        _ => {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let v = encoder.embed(&refs);
            if let Some(p) = args.get(1) {
                let bytes: Vec<u8> = v.iter().flatten().flat_map(|x| x.to_le_bytes()).collect();
                std::fs::write(p, bytes)?;
            }
            v
        }
    };
    let known = KnownEmbeddings::new(dim, encoder.prior_centre());
    known.insert(texts.iter().cloned().zip(vectors));
    let ideas: Vec<(u64, String)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (i as u64 + 1, t.clone()))
        .collect();
    let mut engine = Engine::new(EngineConfig {
        lang: Lang::Auto,
        granularity: Default::default(),
        embedder: Some(Box::new(known)),
    });
    let start = Instant::now();
    let mut last = None;
    let mut err = std::io::stderr();
    engine.restore_and_regroup_with(&ideas, &Constraints::default(), &mut |done, total| {
        let percent = done * 100 / total.max(1);
        if last != Some(percent) {
            last = Some(percent);
            let _ = writeln!(
                err,
                "{:6.1} s  regrouping {percent}%",
                start.elapsed().as_secs_f32()
            );
        }
    });
    let c = engine.constraints();
    println!(
        "{} ideas regrouped in {:.1} s into {} groups",
        ideas.len(),
        start.elapsed().as_secs_f32(),
        c.groups.len()
    );
    Ok(())
}
