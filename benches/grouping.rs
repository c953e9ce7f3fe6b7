//! Grouping engine benchmarks: incremental add on boards of 500 and 5,000 ideas, and
//! grouping 10,000 ideas from scratch. Ideas are synthetic, built from word lists.
//! Besides criterion's means, prints p50/p95 of single adds (`cargo bench --bench grouping`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use ambassador::grouping::{Constraints, Engine, Granularity, IdeaId, Lang, group_texts};
use criterion::{Criterion, criterion_group, criterion_main};

const NL: &[&str] = &[
    "trots",
    "werk",
    "collega",
    "klant",
    "tijd",
    "rooster",
    "vacature",
    "LinkedIn",
    "borrel",
    "training",
    "compliment",
    "leiding",
    "team",
    "post",
    "delen",
    "werving",
    "stagiair",
    "uren",
    "waardering",
    "evenement",
    "netwerk",
    "foto",
    "verhaal",
    "kantoor",
    "patiënt",
    "zorg",
    "vrijwilliger",
    "sponsor",
    "website",
    "nieuwsbrief",
    "werkdruk",
    "budget",
    "regels",
    "privacy",
];
const EN: &[&str] = &[
    "proud",
    "work",
    "colleague",
    "client",
    "time",
    "schedule",
    "vacancy",
    "LinkedIn",
    "drinks",
    "training",
    "praise",
    "management",
    "team",
    "post",
    "share",
    "hiring",
    "intern",
    "hours",
    "recognition",
    "event",
    "network",
    "photo",
    "story",
    "office",
    "patient",
    "care",
    "volunteer",
    "sponsor",
    "website",
    "newsletter",
    "workload",
    "budget",
    "rules",
    "privacy",
];
const GLUE: &[&str] = &[
    "op", "met", "voor", "over", "the", "and", "of", "our", "een", "a",
];
const MODS: &[&str] = &[
    "meer", "beter", "samen", "more", "better", "together", "extra", "nieuwe", "new", "eigen",
    "own",
];

/// Deterministic synthetic ideas.
fn synthetic(n: usize, seed: u64) -> Vec<String> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    (0..n)
        .map(|_| {
            let words = if next(2) == 0 { NL } else { EN };
            let topic = next(words.len());
            let k = 3 + next(6);
            let mut s: Vec<&str> = vec![words[topic]];
            for _ in 0..k {
                s.push(match next(4) {
                    0 => GLUE[next(GLUE.len())],
                    1 => MODS[next(MODS.len())],
                    2 => words[next(words.len())],
                    _ => words[(topic + next(3)) % words.len()],
                });
            }
            s.join(" ")
        })
        .collect()
}

fn board(n: usize) -> Engine {
    let mut e = Engine::default();
    for (i, t) in synthetic(n, 1).iter().enumerate() {
        e.add(i as IdeaId, t);
    }
    e
}

/// p50 / p95 of single additions to a board of `n` ideas (each added idea removed again).
fn latency_report(n: usize) {
    let mut e = board(n);
    let probes = synthetic(400, 99);
    let mut times: Vec<Duration> = Vec::with_capacity(probes.len());
    for (k, t) in probes.iter().enumerate() {
        let id = 1_000_000 + k as IdeaId;
        let start = Instant::now();
        black_box(e.add(id, t));
        times.push(start.elapsed());
        e.remove(id);
    }
    times.sort();
    let p = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
    println!(
        "add to board of {n}: p50 {:?}  p95 {:?}  max {:?}",
        p(0.5),
        p(0.95),
        p(1.0)
    );
}

fn benches(c: &mut Criterion) {
    latency_report(500);
    latency_report(5000);
    let mut g = c.benchmark_group("grouping");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    for n in [500usize, 5000] {
        let mut e = board(n);
        let probe = synthetic(64, 7);
        let mut k = 0usize;
        g.bench_function(format!("add_one_to_{n}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let id = 2_000_000 + k as IdeaId;
                    let t = &probe[k % probe.len()];
                    k += 1;
                    let start = Instant::now();
                    black_box(e.add(id, t));
                    total += start.elapsed();
                    e.remove(id);
                }
                total
            })
        });
    }
    // What the first key on a common-ground step with nothing grouped yet costs the event
    // loop: the engine built from the stored ideas, then its first whole-board grouping.
    for n in [500usize, 2000] {
        let ideas: Vec<(IdeaId, String)> = synthetic(n, 5)
            .into_iter()
            .enumerate()
            .map(|(i, t)| (i as IdeaId, t))
            .collect();
        g.bench_function(format!("first_look_{n}_restore"), |b| {
            b.iter(|| {
                let mut e = Engine::default();
                e.restore(&ideas, &Constraints::default());
                black_box(e.constraints())
            })
        });
        g.bench_function(format!("first_look_{n}_restore_and_regroup"), |b| {
            b.iter(|| {
                let mut e = Engine::default();
                e.restore_and_regroup(&ideas, &Constraints::default());
                black_box(e.constraints())
            })
        });
    }
    let texts = synthetic(10_000, 3);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let start = Instant::now();
    let groups = group_texts(&refs, Lang::Auto, Granularity::Default);
    println!(
        "group 10,000 from scratch: {:?} ({} groups)",
        start.elapsed(),
        groups.len()
    );
    g.bench_function("group_10000_from_scratch", |b| {
        b.iter(|| black_box(group_texts(&refs, Lang::Auto, Granularity::Default)))
    });
    g.finish();
}

criterion_group!(grouping, benches);
criterion_main!(grouping);
