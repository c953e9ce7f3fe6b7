//! Hot spots a hostile probe found (issue 11, item 11): validating a template of 10,000 and
//! 50,000 steps, and ranking the label words of a group of 5,000 and 15,000 ideas that share
//! few words (the first Enter on a board of ungrouped ideas). Both were quadratic.
//!
//! `cargo bench --bench hotspots` measures with criterion. `HOTSPOTS_ONCE=1 cargo bench
//! --bench hotspots` times each case once and prints it, for before/after figures of code
//! too slow for criterion's repetitions (and for `/usr/bin/time -v` peak memory).

use std::hint::black_box;
use std::time::{Duration, Instant};

use ambassador::domain::Template;
use ambassador::grouping::Lang;
use ambassador::grouping::features::{Analysis, Analyzer};
use ambassador::grouping::labels;
use ambassador::grouping::language::Detected;
use criterion::{Criterion, criterion_group, criterion_main};

/// A template of `steps` question steps, as a user would write it.
fn template_text(steps: usize) -> String {
    let mut text =
        String::from("(\n    id: \"big\",\n    language: en,\n    title: \"Big\",\n    steps: [\n");
    for i in 0..steps {
        text.push_str(&format!(
            "        (id: \"q{i}\", title: \"Question {i}\", kind: Question, prompt: \"What about {i}?\", hint: \"Ask.\", timebox_minutes: 5),\n"
        ));
    }
    text.push_str("    ],\n)\n");
    text
}

/// Made-up words that rarely repeat, so a group has about as many label candidates as words.
fn word(n: usize) -> String {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "be", "da", "fu", "go", "hi", "jo", "pe",
        "wu",
    ];
    let mut w = String::new();
    let mut k = n + 1;
    while k > 0 {
        w.push_str(SYL[k % 16]);
        k /= 16;
    }
    w
}

fn ideas(n: usize) -> Vec<Analysis> {
    let an = Analyzer::new();
    (0..n)
        .map(|i| {
            let text = format!("{} {} {}", word(i * 3), word(i * 3 + 1), word(i * 3 + 2));
            an.analyze(&text, Lang::Auto, Detected::En)
        })
        .collect()
}

fn validate(text: &str) -> usize {
    Template::parse("big.ron", text).unwrap().steps.len()
}

fn rank(members: &[&Analysis]) -> usize {
    labels::rank(members, &|_| 1.0, None).len()
}

fn once() {
    for steps in [10_000, 50_000] {
        let text = template_text(steps);
        let start = Instant::now();
        black_box(validate(&text));
        println!(
            "template of {steps} steps ({} KB): parse + validate {:?}",
            text.len() / 1024,
            start.elapsed()
        );
    }
    for n in [5_000, 15_000, 60_000] {
        let all = ideas(n);
        let members: Vec<&Analysis> = all.iter().collect();
        let start = Instant::now();
        let candidates = black_box(rank(&members));
        println!(
            "label of a group of {n} ideas ({candidates} candidates): {:?}",
            start.elapsed()
        );
    }
}

fn benches(c: &mut Criterion) {
    if std::env::var_os("HOTSPOTS_ONCE").is_some() {
        once();
        return;
    }
    let mut g = c.benchmark_group("hotspots");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for steps in [10_000, 50_000] {
        let text = template_text(steps);
        g.bench_function(format!("template of {steps} steps"), |b| {
            b.iter(|| validate(black_box(&text)))
        });
    }
    for n in [5_000, 15_000] {
        let all = ideas(n);
        let members: Vec<&Analysis> = all.iter().collect();
        g.bench_function(format!("label of {n} ideas"), |b| {
            b.iter(|| rank(black_box(&members)))
        });
    }
    g.finish();
}

criterion_group!(hotspots, benches);
criterion_main!(hotspots);
