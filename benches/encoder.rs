//! The built-in sentence encoder: embedding one idea on one thread (p50/p95 printed besides
//! criterion's figures), model loading, and a batch of 100 ideas on every core.
//! `cargo bench --bench encoder`

use std::hint::black_box;
use std::time::{Duration, Instant};

use ambassador::grouping::Encoder;
use criterion::{Criterion, criterion_group, criterion_main};

/// Typical workshop answers: 4 to 16 words, Dutch, English and mixed.
const IDEAS: &[&str] = &[
    "Vaker samen lunchen met het hele team",
    "Customers rarely hear about the good work we do behind the scenes",
    "Meer zichtbaarheid op social media, vooral op Instagram en TikTok",
    "Celebrate small wins together 🎉",
    "Nieuwe collega's een buddy geven in hun eerste maand",
    "A monthly open morning where families can look around",
    "Ik wil niet elke week iets hoeven posten",
    "Clear rules about what we may share about clients online",
    "Trots zijn op wat we bereiken, ook als het tegenzit",
    "Training for team leads on giving honest feedback",
];

fn ideas(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("{} ({})", IDEAS[i % IDEAS.len()], i / IDEAS.len()))
        .collect()
}

fn latency_report(e: &Encoder) {
    let probes = ideas(300);
    let mut times: Vec<Duration> = probes
        .iter()
        .map(|t| {
            let start = Instant::now();
            black_box(e.embed_serial(&[t]));
            start.elapsed()
        })
        .collect();
    times.sort();
    let p = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
    println!(
        "embed one idea, one thread: p50 {:?}  p95 {:?}  max {:?}",
        p(0.5),
        p(0.95),
        p(1.0)
    );
}

fn benches(c: &mut Criterion) {
    let start = Instant::now();
    let e = Encoder::builtin().expect("built-in model");
    println!("parse the built-in model: {:?}", start.elapsed());
    latency_report(e);
    let mut g = c.benchmark_group("encoder");
    g.sample_size(20)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_millis(500));
    let probes = ideas(64);
    let mut k = 0usize;
    g.bench_function("embed_one_idea", |b| {
        b.iter(|| {
            k += 1;
            black_box(e.embed_serial(&[probes[k % probes.len()].as_str()]))
        })
    });
    let hundred = ideas(100);
    let refs: Vec<&str> = hundred.iter().map(String::as_str).collect();
    g.sample_size(10);
    g.bench_function("embed_100_ideas_all_cores", |b| {
        b.iter(|| black_box(e.embed(&refs)))
    });
    g.finish();
}

criterion_group!(encoder, benches);
criterion_main!(encoder);
