//! Grouping of ideas. For now only identical ideas (ignoring case and spacing) are grouped;
//! the real engine replaces this module.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Auto,
    En,
    Nl,
}

#[derive(Debug, Serialize)]
pub struct BatchGroup {
    pub label: String,
    pub items: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub struct BatchOutput {
    pub groups: Vec<BatchGroup>,
    #[serde(skip)]
    pub lines: Vec<String>,
}

impl BatchOutput {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("groups serialise") + "\n"
    }

    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for g in &self.groups {
            out.push_str(&format!("## {} ({})\n", g.label, g.items.len()));
            for &i in &g.items {
                out.push_str(&format!("  - {}\n", self.lines[i]));
            }
        }
        out
    }
}

/// Groups the non-empty lines of `text`; `items` index those non-empty lines.
pub fn group_lines(text: &str, _lang: Lang) -> BatchOutput {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let mut groups: Vec<(String, BatchGroup)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let key = line
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.items.push(i),
            None => groups.push((
                key,
                BatchGroup {
                    label: line.chars().take(40).collect(),
                    items: vec![i],
                },
            )),
        }
    }
    BatchOutput {
        groups: groups.into_iter().map(|(_, g)| g).collect(),
        lines,
    }
}
