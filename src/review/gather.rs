//! Gathering a programme: the chosen sessions from the own folder and the shared archive
//! (`<data dir>/archive/sessions/`, read-only), and their ideas' meaning from the encoder
//! through the embedding cache, each text embedded once.

use super::programme::{Chosen, Selection};
use crate::grouping::{Encoder, KnownEmbeddings};
use crate::store::{
    EmbeddingCache, Listing, Paths, StoreError, list_sessions, read_session, text_key,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Where others' sessions arrive when the archive is synced.
pub fn archive_sessions_dir(paths: &Paths) -> PathBuf {
    paths.data_dir.join("archive").join("sessions")
}

/// What gathering found besides the sessions.
#[derive(Debug, Default)]
pub struct Gathered {
    pub chosen: Vec<Chosen>,
    /// Files that could not be read, with why (they are left out, never changed).
    pub unreadable: Vec<String>,
}

/// The own sessions `selection` admits (chosen from the folder's listing, so only those are
/// opened), then the archive's, leaving out an archive copy of a session already here (the
/// same moment of creation: the own named copy wins).
pub fn gather(paths: &Paths, selection: &Selection) -> Result<Gathered, StoreError> {
    let mut out = Gathered::default();
    for listing in list_sessions(&paths.sessions_dir())? {
        match listing {
            Listing::Session(s) => {
                let day = s.created.to_zoned(jiff::tz::TimeZone::UTC).date();
                if selection.admits(&s.id, &s.programme, &s.team, &s.organisation, day) {
                    read_into(&s.path, false, selection, &mut out);
                }
            }
            Listing::Unreadable { path, error } => {
                out.unreadable.push(format!("{}: {error}", path.display()));
            }
            Listing::Kept(_) => {}
        }
    }
    let seen: BTreeSet<jiff::Timestamp> = out.chosen.iter().map(|c| c.session.created()).collect();
    let archive = archive_sessions_dir(paths);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&archive)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    for path in files {
        read_into(&path, true, selection, &mut out);
        if let Some(last) = out.chosen.last()
            && last.archived
            && seen.contains(&last.session.created())
        {
            out.chosen.pop();
        }
    }
    Ok(out)
}

fn read_into(path: &Path, archived: bool, selection: &Selection, out: &mut Gathered) {
    match read_session(path) {
        Ok(parsed) if selection.admits_session(&parsed.session) => out.chosen.push(Chosen {
            session: parsed.session,
            archived,
        }),
        Ok(_) => {}
        Err(e) => out.unreadable.push(e.to_string()),
    }
}

/// How the meaning was had: texts found in the cache, and computed now.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MeaningStats {
    pub cached: usize,
    pub computed: usize,
}

/// The embeddings of every idea of `chosen`: from the cache in `cache_dir`, the rest from the
/// built-in encoder (and kept in the cache). `None` when the encoder cannot be had: the
/// themes then go by words alone.
pub fn meaning_of(
    chosen: &[Chosen],
    cache_dir: Option<&Path>,
) -> Option<(KnownEmbeddings, MeaningStats)> {
    let encoder = Encoder::builtin().ok()?;
    let known = KnownEmbeddings::new(
        encoder.dim(),
        crate::grouping::Embedder::prior_centre(encoder),
    );
    let texts: BTreeSet<&str> = chosen
        .iter()
        .flat_map(|c| c.session.all_ideas().map(|(_, i)| i.text.as_str()))
        .filter(|t| !t.trim().is_empty())
        .collect();
    let opened =
        cache_dir.and_then(|d| EmbeddingCache::open(d, encoder.checksum(), encoder.dim()).ok());
    let (mut cache, stored) = match opened {
        Some((cache, stored, _trouble)) => (Some(cache), stored),
        None => (None, Default::default()),
    };
    let mut stats = MeaningStats::default();
    let mut missing: Vec<&str> = Vec::new();
    let mut found = Vec::new();
    for t in texts {
        match stored.get(&text_key(t)) {
            Some(v) => found.push((t.to_string(), v.clone())),
            None => missing.push(t),
        }
    }
    stats.cached = found.len();
    drop(stored);
    known.insert(found);
    // In slices, so what was computed is kept even if the run is stopped half-way.
    for slice in missing.chunks(256) {
        let vectors = encoder.embed(slice);
        stats.computed += slice.len();
        if let Some(c) = cache.as_mut() {
            let entries: Vec<(u128, &[f32])> = slice
                .iter()
                .zip(&vectors)
                .map(|(t, v)| (text_key(t), v.as_slice()))
                .collect();
            if c.append(&entries).is_err() {
                // a cache that cannot be written is only slower next time
                cache = None;
            }
        }
        known.insert(slice.iter().map(|t| t.to_string()).zip(vectors));
    }
    Some((known, stats))
}
